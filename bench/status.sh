#!/usr/bin/env bash
# How fast `tracktype status` scans a large codebase: 10,000 source files (about 55 MB) of
# TypeScript, TSX, Rust and Swift, every file importing other modules of the app and one in
# `tracked_every` also calling the generated tracker (the rest are code that never tracks,
# as in an app). The issue's budget: under 2 s on 2 cores.
#
# Usage: bench/status.sh [runs] [files] [tracked_every]
#   defaults: 5 runs, 10000 files, 10 (one file in ten tracks); the median is reported.
#   tracked_every=1 is the worst case, every file calling the tracker.
# Builds the release binary first. Uses hyperfine when installed, else /usr/bin/time.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-5}
files=${2:-10000}
tracked_every=${3:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --manifest-path "$root/Cargo.toml" --bin tracktype
tracktype="$root/target/release/tracktype"

cd "$work"
cat >tracktype.yaml <<'YAML'
targets:
  - { name: web, lang: ts, use_cases: [mitigate-cart-abandonment], out: web/src/tracking, src: [web] }
  - { name: backend, lang: rust, use_cases: [mitigate-cart-abandonment], out: backend/src, src: [backend] }
  - { name: ios, lang: swift, use_cases: [mitigate-cart-abandonment], out: ios/Tracking, src: [ios] }
YAML
"$tracktype" gen >/dev/null

python3 - "$files" "$tracked_every" <<'PY'
import os, sys
files, tracked_every = int(sys.argv[1]), int(sys.argv[2])
# About 5 KB per file: a tracked call or two among ordinary code, the way an app looks.
def ts(i, depth, tracked):
    up = "../" * depth
    call = "tracker.checkoutStarted({ order_id: input.id, total: sum });" if tracked else "log(input.id, sum);"
    body = "".join(
        f"""
export function handler{i}_{k}(input: {{ id: string; total: number }}): number {{
  // tracker.orderCompleted() in a comment never counts
  const label = "tracker.checkoutStarted() in a string";
  let sum = 0;
  for (const item of [input.total, {k}, {i % 97}]) {{
    sum += item * 2;
  }}
  if (sum > {k * 10}) {{
    {call}
  }}
  return sum + label.length;
}}
""" for k in range(14))
    imports = f'import {{ tracker }} from "./{up}analytics";\n' if tracked else ""
    return f'{imports}import {{ log }} from "./{up}util";\nimport type {{ Order }} from "./{up}types";\n{body}'
def rs(i, tracked):
    call = "tracker.checkout_started(Identity::user(id), CheckoutStarted::new(id));" if tracked else "log(id, sum);"
    body = "".join(
        f"""
pub fn handler_{i}_{k}<S: Sink>(tracker: &Tracker<S>, id: &str, total: f64) -> f64 {{
    // tracker.order_completed(..) in a comment never counts
    let label = "tracker.checkout_started() in a string";
    let mut sum = 0.0;
    for item in [total, {k}.0, {i % 97}.0] {{
        sum += item * 2.0;
    }}
    if sum > {k * 10}.0 {{
        {call}
    }}
    sum + label.len() as f64
}}
""" for k in range(13))
    imports = "use crate::tracking::{CheckoutStarted, Identity, Sink, Tracker};\n" if tracked else "use crate::util::{log, Sink, Tracker};\n"
    return f"{imports}{body}"
def swift(i, tracked):
    call = "analytics.checkoutStarted(CheckoutStarted(orderId: id))" if tracked else "log(id, sum)"
    body = "".join(
        f"""
func handler{i}_{k}(_ analytics: Analytics, id: String, total: Double) -> Double {{
  // analytics.orderCompleted() in a comment never counts
  let label = "analytics.checkoutStarted() in a string"
  var sum = 0.0
  for item in [total, {k}.0, {i % 97}.0] {{
    sum += item * 2.0
  }}
  if sum > {k * 10}.0 {{
    {call}
  }}
  return sum + Double(label.count)
}}
""" for k in range(14))
    imports = "import Segment\nimport Tracking\n" if tracked else "import Foundation\nimport Segment\n"
    return f"{imports}{body}"
os.makedirs("web/pages", exist_ok=True)
with open("web/analytics.ts", "w") as f:
    f.write('import { createTracker } from "./src/tracking/index.js";\n'
            'export const tracker = createTracker(window.analytics);\n')
for i in range(files):
    tracked = (i // 5) % tracked_every == 0
    kind = i % 5
    sub = f"m{i // 500}"
    if kind in (0, 1):
        d, name, text = f"web/{sub}", f"f{i}.ts", ts(i, 1, tracked)
    elif kind == 2:
        d, name, text = f"web/{sub}", f"f{i}.tsx", ts(i, 1, tracked)
    elif kind == 3:
        d, name, text = f"backend/src/{sub}", f"f{i}.rs", rs(i, tracked)
    else:
        d, name, text = f"ios/{sub}", f"F{i}.swift", swift(i, tracked)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "w") as f:
        f.write(text)
PY
bytes=$(du -cb --apparent-size web backend ios | tail -n 1 | cut -f1)
echo "corpus: $(find web backend ios -type f | wc -l) files, $((bytes / 1000000)) MB, one in $tracked_every tracking; $(nproc) cores"
# Warm the page cache, and show what status reports.
"$tracktype" status | tail -n 1

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$runs" "$tracktype status"
else
  times=()
  for _ in $(seq "$runs"); do
    times+=("$( { /usr/bin/time -f '%e' "$tracktype" status >/dev/null; } 2>&1 )")
  done
  printf 'runs: %s\n' "${times[*]}"
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " s"}'
fi
