#!/usr/bin/env bash
# The 100k/10k index-time ratio of one vanban binary, measured in rounds:
# each round indexes the small corpus and then the large one, cold (page
# cache dropped before each run; root). This guest's speed drifts by a
# third within minutes, so one pair of runs says little: the script prints
# every round and the ratio of the medians, on wall and on CPU time.
#
# Usage: bench/linearity.sh ROUNDS SMALL_CORPUS BIG_CORPUS [BIN]
#   corpora from `vanban gen-corpus` (bench/compare.sh leaves
#   /tmp/vanban-bench/c10000 and c100000); BIN defaults to the binary
#   bench/build_pgo.sh builds, the one bench/compare.sh times.
set -euo pipefail
. "$(dirname "$0")/index_run.sh"
[ $# -ge 3 ] || { sed -n 2,11p "$0" >&2; exit 2; }
rounds=$1 small=$2 big=$3
bin=${4:-$("$(dirname "$0")/build_pgo.sh" --path)}
ix=$(mktemp -d)
trap 'rm -rf "$ix"' EXIT
runs=$(mktemp)
for r in $(seq "$rounds"); do
  for corpus in "$small" "$big"; do
    t=$(index_run cold "$bin" "$corpus" "$ix")
    echo "$(date -u +%H:%M:%S) round $r $corpus $t" | tee -a "$runs"
  done
done
awk -v small="$small" -v big="$big" "$MEDIAN_AWK"'
  {w[$4] = w[$4] " " $5; c[$4] = c[$4] " " ($6 + $7)}
  END {
    ws = median(w[small]); wb = median(w[big]); cs = median(c[small]); cb = median(c[big])
    printf "medians: small %.2f s, %.2f CPU-s; big %.2f s, %.2f CPU-s\n", ws, cs, wb, cb
    printf "ratio of the medians: wall %.2f, CPU %.2f\n", wb / ws, cb / cs
  }' "$runs"
rm -f "$runs"
