#!/usr/bin/env bash
# Two or more tracktype binaries compared on one synthetic plan, whole `gen --all` processes,
# rounds interleaved (A B A B…) so that the machine's drift falls on all of them alike. For each
# binary: the median wall time, CPU time and peak memory, and the median of its per-round
# ratios to the first binary's, which is the figure to quote; a lone time on a shared machine
# says little.
#
# Usage: [EVENTS=n] [ROUNDS=n] bench/paired.sh LANG BINARY BINARY...
#   LANG is ts, rust or swift; EVENTS defaults to 10000, ROUNDS to 11.
#   e.g. a baseline: git worktree add /tmp/base <rev> && cargo build --release
#   --manifest-path /tmp/base/Cargo.toml --bin tracktype, then pass /tmp/base's binary first.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/common.sh"
[ $# -ge 3 ] || { echo "usage: bench/paired.sh ts|rust|swift BINARY BINARY..." >&2; exit 2; }
lang=$1
shift
cd "$root"
cargo build --release --quiet -p tracktype-bench --bin make-plan
target=$(target_dir)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$target/release/make-plan" --compact "${EVENTS:-10000}" >"$work/plan.json"

# One line a run: round, binary's index, wall, CPU, peak KiB.
for round in $(seq "${ROUNDS:-11}"); do
  for i in $(seq 0 $(($# - 1))); do
    binary=${*:$((i + 1)):1}
    rm -rf "$work/out"
    /usr/bin/time -o "$work/time" -f '%e %U %S %M' "$binary" gen --plan "$work/plan.json" --all \
      --lang "$lang" --out "$work/out" >/dev/null 2>"$work/err" ||
      { echo "$binary failed: $(head -n 1 "$work/err")" >&2; exit 1; }
    read -r w u s k <"$work/time"
    echo "$round $i $w $(echo "$u + $s" | bc) $k"
  done
done >"$work/runs"

# The median of binary i's per-round ratios to the first binary's, in the runs' column $1 (3 is
# the wall time, 4 the CPU time).
ratio() {
  awk -v i="$i" -v f="$1" '$2 == 0 {first[$1] = $f} $2 == i && first[$1] > 0 {print $f / first[$1]}' \
    "$work/runs" | median
}

printf '%-40s %8s %8s %9s %10s %10s\n' binary wall_s cpu_s peak_MiB wall/first cpu/first
for i in $(seq 0 $(($# - 1))); do
  runs=$(awk -v i="$i" '$2 == i' "$work/runs")
  w=$(awk '{print $3}' <<<"$runs" | median)
  c=$(awk '{print $4}' <<<"$runs" | median)
  k=$(awk '{print $5}' <<<"$runs" | median)
  rw=$(ratio 3)
  rc=$(ratio 4)
  printf '%-40s %8.2f %8.2f %9.0f %10.3f %10.3f\n' "${*:$((i + 1)):1}" "$w" "$c" \
    "$(echo "$k / 1024" | bc)" "$rw" "$rc"
done
