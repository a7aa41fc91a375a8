#!/usr/bin/env bash
# Two vanban binaries indexing the same generated corpus in turn, so that
# both see the same host: this guest's speed drifts by a third within an
# hour, and only runs side by side compare builds. Prints one line per run
# (wall s, user s, sys s, peak RSS KB) and the medians of each binary.
#
# Usage: bench/index_in_turn.sh cold|warm PAIRS CORPUS BIN_A BIN_B
#   cold: drop the page cache before each run (root); warm: read the corpus first.
#   CORPUS: a folder from `vanban gen-corpus` (bench/compare.sh leaves
#   /tmp/vanban-bench/c10000 and c100000).
set -euo pipefail
. "$(dirname "$0")/index_run.sh"
[ $# -eq 5 ] || { sed -n 2,11p "$0" >&2; exit 2; }
mode=$1 pairs=$2 corpus=$3 a=$4 b=$5
ix=$(mktemp -d)
trap 'rm -rf "$ix"' EXIT
runs=$(mktemp)
for _ in $(seq "$pairs"); do
  for bin in "$a" "$b"; do
    t=$(index_run "$mode" "$bin" "$corpus" "$ix")
    echo "$(date -u +%H:%M:%S) $mode $bin $t" | tee -a "$runs"
  done
done
awk "$MEDIAN_AWK"'{w[$3] = w[$3] " " $4; c[$3] = c[$3] " " ($5 + $6)}
  END {for (k in w) printf "%s: median %.2f s wall, %.2f CPU-s\n", k, median(w[k]), median(c[k])}' "$runs"
rm -f "$runs"
