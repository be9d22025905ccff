#!/usr/bin/env bash
# What `tracktype docs` costs: wall-clock time, pages and bytes for the embedded catalog and
# for a large generated plan (1,000 events of 12 properties, 50 use cases of 20 events, 5
# goals of 10 use cases), in both formats, with the release binary.
# Usage: bench/docs.sh [runs]   (default 5 runs each; the median is reported)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/tracktype"

# The large catalog, standing alone (no embedded catalog).
{
  echo "events:"
  for e in $(seq 1 1000); do
    echo "  - name: Event $e"
    echo "    description: Event number $e of the large benchmark plan."
    echo "    properties:"
    echo "      - { name: id_$e, type: string, required: true, required_reason: It identifies the event. }"
    echo "      - { name: amount, type: number, minimum: 0, description: An amount. }"
    echo "      - { name: count, type: integer, maximum: 100 }"
    echo "      - { name: flag, type: boolean }"
    echo "      - { name: tier, enum: [bronze, silver, gold] }"
    echo "      - { name: email, type: string, format: email }"
    echo "      - { name: code, type: string, pattern: '^[A-Z]{3}\$' }"
    echo "      - { name: note, type: [string, \"null\"] }"
    echo "      - { name: tags, type: array, items: string }"
    echo "      - { name: item, type: Item }"
    echo "      - { name: extra, type: object }"
    echo "      - { name: any_value, type: any }"
  done
  echo "types:"
  echo "  - name: Item"
  echo "    properties: [{ name: sku, type: string, required: true }, { name: price, type: number }]"
  echo "use_cases:"
  for u in $(seq 0 49); do
    echo "  - name: Use case $u"
    echo "    summary: Use case number $u."
    echo -n "    events: ["
    for k in $(seq 1 20); do echo -n "Event $((u * 20 + k))"; [ "$k" -lt 20 ] && echo -n ", "; done
    echo "]"
  done
  echo "goals:"
  for g in $(seq 0 4); do
    echo "  - name: Goal $g"
    echo "    summary: Goal number $g."
    echo "    use_cases:"
    for k in $(seq 0 9); do
      echo "      - { use_case: use-case-$((g * 10 + k)), sources: [Website, Mobile], destinations: [Analytics, Advertising, Email Marketing] }"
    done
  done
} >"$work/large.yaml"

median() { # milliseconds, one a line
  sort -n | sed -n "$(((runs + 1) / 2))p"
}

run_ms() { # command...: its wall-clock time in milliseconds
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

measure() { # label, format, catalog flags...
  local label=$1 format=$2
  shift 2
  local fresh=() again=()
  for _ in $(seq 1 "$runs"); do
    rm -rf "$work/out"
    fresh+=("$(run_ms "$bin" "$@" docs --all --format "$format" --out "$work/out")")
    again+=("$(run_ms "$bin" "$@" docs --all --format "$format" --out "$work/out")")
  done
  local files bytes
  files=$(find "$work/out" -type f | wc -l)
  bytes=$(du -sb "$work/out" | cut -f1)
  printf '%-28s %-9s %6d ms %6d ms  %5d files  %9d bytes\n' "$label" "$format" \
    "$(printf '%s\n' "${fresh[@]}" | median)" "$(printf '%s\n' "${again[@]}" | median)" "$files" "$bytes"
}

echo "median of $runs runs, wall clock, release build, $(nproc) cores"
echo "written: every file new (each one synced to disk); unchanged: generated and compared only"
printf '%-28s %-9s %9s %9s\n' "" "" "written" "unchanged"
for format in markdown html; do
  measure "embedded catalog (15 events)" "$format"
  measure "large plan (1,000 events)" "$format" --no-default-catalog --catalog "$work/large.yaml"
done
