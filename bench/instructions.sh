#!/usr/bin/env bash
# Instructions each language's `tracktype gen --all` executes on a synthetic plan of EVENTS
# events (1,000 by default), counted by valgrind's callgrind over all threads. Unlike wall time, the count barely moves with
# the machine's load, so two builds compare on a busy or shared machine in one run.
#
# Usage: [EVENTS=n] bench/instructions.sh [BINARY...]   (default: this checkout's release build)
#   Two sizes show whether the work grows linearly: EVENTS=10000 counts about ten times as long.
#   e.g. compare a baseline: git worktree add /tmp/base <rev> && cargo build --release
#   --manifest-path /tmp/base/Cargo.toml --bin tracktype, then pass both binaries.
# Needs valgrind (Debian: apt-get install valgrind).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/common.sh"
cd "$root"
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is not installed" >&2; exit 2; }
cargo build --release --quiet -p tracktype-bench --bin make-plan
target=$(target_dir)
binaries=("$@")
if [ ${#binaries[@]} -eq 0 ]; then
  cargo build --release --quiet --bin tracktype
  binaries=("$target/release/tracktype")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$target/release/make-plan" --compact "${EVENTS:-1000}" >"$work/plan.json"

printf '%-6s %14s  %s\n' lang instructions binary
for lang in ts rust swift; do
  for binary in "${binaries[@]}"; do
    rm -rf "$work/out"
    valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$binary" gen \
      --plan "$work/plan.json" --all --lang "$lang" --out "$work/out" >/dev/null 2>"$work/log"
    count=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/log")
    printf '%-6s %14s  %s\n' "$lang" "$count" "$binary"
  done
done
