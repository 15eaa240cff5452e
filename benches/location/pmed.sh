#!/usr/bin/env bash
# Bench (not a test): p-median on OR-Library pmed instances with the yilian CLI and HiGHS,
# printing per instance: formulation, objective, published optimum, bound, status, times.
#
# Usage: benches/location/pmed.sh [FIRST [LAST [FORMULATION [TIME_LIMIT]]]]
#   defaults: 1 40 radius 600. FORMULATION is radius (the default method: heuristic,
#   Lagrangian bound and reductions, truncated radius chain), radius-full, textbook, or
#   both (radius and textbook). The release-built `pmedian-bench` (see README.md) runs the
#   same instances with per-instance peak memory and the Lagrangian figures.
#   ORLIB (env) points at the data folder (default ../shared/data/orlib).
# Builds the CLI in the dev profile (dependencies, HiGHS included, are at opt-level 3).
set -euo pipefail
cd "$(dirname "$0")/../.."
first=${1:-1}
last=${2:-40}
forms=${3:-radius}
limit=${4:-600}
orlib=${ORLIB:-../shared/data/orlib}
[ "$forms" = both ] && forms="radius textbook"
# FORMULATION values are the CLI's --formulation values.
cargo build -q -p yilian-cli --features highs
bin=target/debug/yilian
printf '%-7s %-9s %9s %9s %11s %-10s %8s %8s\n' instance form objective optimum bound status build_s solve_s
total=0
for k in $(seq "$first" "$last"); do
  name=pmed$k
  opt=$(awk -v n="$name" '$1 == n {print $2}' "$orlib/pmed/optima.txt")
  for f in $forms; do
    out=$("$bin" location pmedian --orlib "$orlib/pmed/$name.txt" --formulation "$f" \
      --time-limit "$limit" --gap 0 2>&1) || { echo "$name $f failed: $out"; continue; }
    obj=$(awk '$1 == "objective" {print $2}' <<<"$out")
    bound=$(awk '$1 == "bound" {print $2}' <<<"$out")
    status=$(awk '$1 == "status" {print $2}' <<<"$out")
    build=$(awk '$1 == "time" {print $6}' <<<"$out")
    solve=$(awk '$1 == "time" {print $9}' <<<"$out")
    total=$(awk -v a="$total" -v b="$solve" 'BEGIN {print a + b}')
    printf '%-7s %-9s %9s %9s %11.1f %-10s %8s %8s\n' "$name" "$f" "$obj" "$opt" "$bound" "$status" "$build" "$solve"
  done
done
echo "total solve seconds: $total"
