#!/usr/bin/env bash
# What tracktype adds to a user's clean build as a build-dependency.
#
# Builds two crates from scratch, each with its own empty target directory:
#   baseline: serde (derive) and serde_json, which the generated module needs anyway;
#   with-tracktype: the same, plus tracktype (default-features = false) as a build-dependency
#   whose build.rs generates the mitigate-cart-abandonment module.
# Prints the wall-clock time and the number of crates compiled for each, and the difference.
# Usage: bench/build-dependency.sh [runs]   (default 1 run each; the median is reported)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

crate() { # name, with_tracktype
  local dir="$work/$1"
  mkdir -p "$dir/src"
  cat >"$dir/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2021"
publish = false
[workspace]
[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = "1"
TOML
  if [ "$2" = yes ]; then
    cat >>"$dir/Cargo.toml" <<TOML
[build-dependencies]
tracktype = { path = "$root", default-features = false }
TOML
    cat >"$dir/build.rs" <<'RS'
fn main() -> Result<(), tracktype::Error> {
    tracktype::Config::new().use_case("mitigate-cart-abandonment").generate()?;
    Ok(())
}
RS
    echo 'pub mod tracking { include!(concat!(env!("OUT_DIR"), "/tracking.rs")); }' >"$dir/src/lib.rs"
  else
    echo '#[derive(serde::Serialize)] pub struct Order { pub id: String }' >"$dir/src/lib.rs"
  fi
}

measure() { # name -> prints "seconds crates"
  local dir="$work/$1" times=() crates=0
  for _ in $(seq "$runs"); do
    rm -rf "$dir/target"
    local start end
    start=$(date +%s.%N)
    crates=$(cd "$dir" && cargo build --offline 2>&1 | grep -c '^ *Compiling ' || true)
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $crates"
}

crate baseline no
crate with-tracktype yes
read -r base_s base_n < <(measure baseline)
read -r with_s with_n < <(measure with-tracktype)
printf 'cores: %s\n' "$(nproc)"
printf 'baseline (serde + serde_json):         %6.1f s, %3d crates compiled\n' "$base_s" "$base_n"
printf 'with tracktype as a build-dependency:  %6.1f s, %3d crates compiled\n' "$with_s" "$with_n"
printf 'tracktype adds:                        %6.1f s, %3d crates\n' "$(echo "$with_s - $base_s" | bc)" "$((with_n - base_n))"
