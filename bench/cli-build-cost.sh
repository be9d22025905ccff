#!/usr/bin/env bash
# What a change adds to a cold debug build of the CLI (`cargo build --bin tracktype`), the build
# CI starts from: builds two revisions of this repository from scratch, each in its own empty
# target directory, and prints the wall-clock time and the number of crates compiled for each.
#
# Usage: bench/cli-build-cost.sh [base] [head]   (default: main and HEAD)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
base=${1:-main}
head=${2:-HEAD}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # revision -> prints "seconds crates"
  local dir="$work/$1"
  mkdir -p "$dir"
  git -C "$root" archive "$1" | tar -x -C "$dir"
  (cd "$dir" && cargo fetch --locked --quiet)
  local start end crates
  start=$(date +%s.%N)
  crates=$(cd "$dir" && cargo build --offline --locked --bin tracktype 2>&1 | grep -c '^ *Compiling ' || true)
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $crates"
}

read -r base_s base_n < <(measure "$base")
read -r head_s head_n < <(measure "$head")
printf '%-10s %8.1f s %4d crates\n' "$base" "$base_s" "$base_n" "$head" "$head_s" "$head_n"
printf 'added: %.1f s, %d crates (%d cores)\n' "$(echo "$head_s - $base_s" | bc)" "$((head_n - base_n))" "$(nproc)"
