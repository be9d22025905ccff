#!/usr/bin/env bash
# What a build script compiles of tracktype itself: the library with `default-features = false`
# (Rust's generator alone) against the same with the other generators' features on (what every
# build script compiled before they were features), its dependencies built beforehand. Rounds
# interleave the two (A B A B…); the medians are printed, wall-clock and CPU seconds.
#
# Usage: bench/library-compile.sh [rounds]   (3 by default)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/common.sh"
rounds=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"

# As a build-dependency is built: unoptimised, no debug information, not incremental. The
# time of the last build is left in $work/time.
build() { # features...
  /usr/bin/time -o "$work/time" -f '%e %U %S' env CARGO_INCREMENTAL=0 cargo rustc --quiet --lib \
    --target-dir "$work/target" --config 'profile.dev.package."*".opt-level=0' \
    --config 'profile.dev.debug=false' --no-default-features "$@"
}
variants=(rust all)
flags() { [ "$1" = rust ] || echo --features=typescript,swift,docs; }
for v in "${variants[@]}"; do build $(flags "$v"); done # the dependencies, once

declare -A wall cpu
for round in $(seq "$rounds"); do
  for v in "${variants[@]}"; do
    touch src/lib.rs
    build $(flags "$v")
    record "$v" "$round" "$(cat "$work/time")"
  done
done

for v in "${variants[@]}"; do
  w=$(for r in $(seq "$rounds"); do echo "${wall[$v,$r]}"; done | median)
  c=$(for r in $(seq "$rounds"); do echo "${cpu[$v,$r]}"; done | median)
  label=$([ "$v" = rust ] && echo "Rust's generator alone" || echo "every generator")
  printf '%-24s %6.1f s wall  %6.1f s CPU\n' "$label" "$w" "$c"
done
