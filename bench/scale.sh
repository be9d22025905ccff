#!/usr/bin/env bash
# How tracktype's time and memory grow with a plan's size: whole `tracktype gen --all` processes
# on synthetic plans (make-plan --compact, one line as Segment's API answers; 10 mixed
# properties per event) for each language, measured with
# /usr/bin/time, and the exponent of the least-squares fit of log(cost) against log(events).
#
# Usage: bench/scale.sh [sizes...]   (default: 1000 3000 10000 30000 100000)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/bench/common.sh"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 3000 10000 30000 100000)
cd "$root"
cargo build --release --quiet --bin tracktype
cargo build --release --quiet -p tracktype-bench --bin make-plan
target=$(target_dir)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%-6s %8s %9s %9s %9s\n' lang events wall_s cpu_s peak_MiB
for n in "${sizes[@]}"; do
  "$target/release/make-plan" --compact "$n" >"$work/plan.json"
  for lang in ts rust swift; do
    failed=
    : >"$work/rounds"
    for _ in $(seq "${ROUNDS:-3}"); do
      rm -rf "$work/out"
      if ! /usr/bin/time -o "$work/time" -f '%e %U %S %M' "$target/release/tracktype" gen --plan "$work/plan.json" \
        --all --lang "$lang" --out "$work/out" >/dev/null 2>"$work/err"; then
        failed=1
        break
      fi
      cat "$work/time" >>"$work/rounds"
    done
    if [ -n "$failed" ]; then
      # Left out of the fit; the reason is shown (a plan past the input limits, for one).
      printf '%-6s %8d  failed: %s\n' "$lang" "$n" "$(head -n 1 "$work/err")"
      continue
    fi
    w=$(awk '{print $1}' "$work/rounds" | median)
    c=$(awk '{print $2 + $3}' "$work/rounds" | median)
    k=$(awk '{print $4}' "$work/rounds" | median)
    printf '%-6s %8d %9.2f %9.2f %9.0f\n' "$lang" "$n" "$w" "$c" "$(echo "$k / 1024" | bc)"
  done
done | tee "$work/table"

echo
awk '{ if ($1 == "lang" || $3 == "failed:") next
       if (!lo || $2 < lo) lo = $2; if ($2 > hi) hi = $2
       n = log($2); key = $1
       for (m = 0; m < 3; m++) { y = log(m == 0 ? $3 : m == 1 ? $4 : $5)
         c[key, m]++; sx[key, m] += n; sy[key, m] += y; sxx[key, m] += n * n; sxy[key, m] += n * y } }
     END { printf "exponent of the fit (cost ~ events^k), %d to %d events:\n", lo, hi
       split("wall cpu memory", names, " ")
       n = split("ts rust swift", ls, " ")
       for (i = 1; i <= n; i++) { l = ls[i]; line = sprintf("%-6s", l)
         for (m = 0; m < 3; m++) { N = c[l, m]; if (N < 2) continue
           slope = (N * sxy[l, m] - sx[l, m] * sy[l, m]) / (N * sxx[l, m] - sx[l, m] ^ 2)
           line = line sprintf("  %s %.2f", names[m + 1], slope) }
         print line } }' "$work/table"
