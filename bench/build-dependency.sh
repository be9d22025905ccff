#!/usr/bin/env bash
# What tracktype adds to a user's clean build as a build-dependency, next to what prost-build
# adds, measured the same way on the same machine.
#
# Four crates, each built from scratch in its own empty target directory, in interleaved rounds
# (A B C D, A B C D, …) so that a busier moment of the machine falls on all of them:
#   serde        serde (derive), serde_json and regex: what the generated module needs anyway
#                (regex for the run-time validation of the use case's currency pattern);
#   tracktype    the same, plus tracktype (default-features = false) as a build-dependency whose
#                build.rs generates the mitigate-cart-abandonment module;
#   prost        prost: what prost's generated code needs;
#   prost-build  the same, plus prost-build as a build-dependency compiling one .proto file.
# A build-dependency's cost is the difference it makes to its crate, per round; the medians of
# those differences are printed, wall-clock and CPU (user + system) seconds.
#
# With BASELINE set to another checkout of tracktype (`git worktree add /tmp/before <rev>`), a
# fifth crate, the same as the second with that tracktype, runs in the same rounds: a change's
# effect, paired.
#
# Needs protoc (Debian: apt-get install protobuf-compiler) for prost-build.
# Usage: [BASELINE=DIR] bench/build-dependency.sh [rounds]   (3 by default)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/common.sh"
rounds=${1:-3}
command -v protoc >/dev/null || { echo "protoc is needed for prost-build: apt-get install protobuf-compiler" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

manifest() { # name, then dependency lines
  local dir="$work/$1"
  mkdir -p "$dir/src"
  shift
  {
    printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n[workspace]\n' "$(basename "$dir")"
    printf '%s\n' "$@"
  } >"$dir/Cargo.toml"
}

# What the generated module needs; regex for the run-time validation of patterns.
needs=('[dependencies]' 'serde = { version = "1", features = ["derive"] }' 'serde_json = "1"' 'regex = "1"')
manifest serde "${needs[@]}"
echo '#[derive(serde::Serialize)] pub struct Order { pub id: String }' >"$work/serde/src/lib.rs"

# The serde crate again, with the tracktype at $2 generating its module from build.rs.
tracktype_crate() { # name, tracktype's directory
  manifest "$1" "${needs[@]}" '[build-dependencies]' "tracktype = { path = \"$2\", default-features = false }"
  cat >"$work/$1/build.rs" <<'RS'
fn main() -> Result<(), tracktype::Error> {
    tracktype::Config::new().use_case("mitigate-cart-abandonment").generate()?;
    Ok(())
}
RS
  echo 'pub mod tracking { include!(concat!(env!("OUT_DIR"), "/tracking.rs")); }' >"$work/$1/src/lib.rs"
}

tracktype_crate tracktype "$root"
crates=(serde tracktype prost prost-build)
if [[ -n ${BASELINE:-} ]]; then
  tracktype_crate baseline "$(cd "$BASELINE" && pwd)"
  crates+=(baseline)
fi

manifest prost '[dependencies]' 'prost = "0.14"'
echo '#[derive(prost::Message)] pub struct Order { #[prost(string, tag = "1")] pub id: String }' >"$work/prost/src/lib.rs"

manifest prost-build '[dependencies]' 'prost = "0.14"' '[build-dependencies]' 'prost-build = "0.14"'
cat >"$work/prost-build/src/order.proto" <<'PROTO'
syntax = "proto3";
package shop;
message Order { string id = 1; double revenue = 2; repeated string products = 3; }
PROTO
cat >"$work/prost-build/build.rs" <<'RS'
fn main() -> std::io::Result<()> {
    prost_build::compile_protos(&["src/order.proto"], &["src/"])
}
RS
echo 'pub mod shop { include!(concat!(env!("OUT_DIR"), "/shop.rs")); }' >"$work/prost-build/src/lib.rs"

# Fetch once, outside the timing; each crate's lock file then pins the same versions every round.
for c in "${crates[@]}"; do (cd "$work/$c" && cargo fetch --quiet); done

declare -A wall cpu
for round in $(seq "$rounds"); do
  for c in "${crates[@]}"; do
    rm -rf "$work/$c/target"
    if ! out=$( (cd "$work/$c" && /usr/bin/time -f '%e %U %S' cargo build --offline --quiet) 2>&1); then
      printf 'building %s failed:\n%s\n' "$c" "$out" >&2
      exit 1
    fi
    record "$c" "$round" "$(tail -n 1 <<<"$out")"
  done
done

added() { # what, dependency crate, its base crate
  local dw dc
  dw=$(for r in $(seq "$rounds"); do echo "${wall[$2,$r]} - ${wall[$3,$r]}" | bc; done | median)
  dc=$(for r in $(seq "$rounds"); do echo "${cpu[$2,$r]} - ${cpu[$3,$r]}" | bc; done | median)
  printf '%-28s adds %6.1f s wall  %6.1f s CPU\n' "$1" "$dw" "$dc"
}
printf 'cores: %s, %s rounds, medians of per-round differences\n' "$(nproc)" "$rounds"
added "tracktype (build.rs)" tracktype serde
added "prost-build (build.rs)" prost-build prost
if [[ -n ${BASELINE:-} ]]; then
  added "tracktype at BASELINE" baseline serde
fi
