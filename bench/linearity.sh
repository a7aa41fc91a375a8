#!/usr/bin/env bash
# The 100k/10k index-time ratio of one vanban binary, in bracketed rounds.
#
# This guest's speed drifts by a third within minutes, so one pair of runs
# says little: a 10k run of 4 s can fall in a fast spell and the 100k run
# after it in a slow one. Each big run is therefore set between two small
# ones (small, big, small, big, ..., small: ROUNDS big runs, ROUNDS + 1
# small), and each round's ratio is the big run over the mean of the small
# runs just before and just after it, which cancels a drift that is steady
# over the round. Every run is cold (page cache dropped before it; root)
# unless CACHE=warm. The script prints every run, every round's ratio, the
# median of the rounds' ratios and the ratio of the medians, on wall and on
# CPU time (user + system); the last line is machine-readable:
#   linearity: rounds R wall MEDIAN cpu MEDIAN max_wall HIGHEST max_cpu HIGHEST
#
# Usage: bench/linearity.sh ROUNDS SMALL_CORPUS BIG_CORPUS [BIN]
#   corpora from `vanban gen-corpus` (bench/compare.sh leaves
#   /tmp/vanban-bench/c10000 and c100000); BIN defaults to the binary
#   bench/build_pgo.sh builds, the one bench/compare.sh times.
set -euo pipefail
. "$(dirname "$0")/index_run.sh"
[ $# -ge 3 ] || { sed -n 2,19p "$0" >&2; exit 2; }
rounds=$1 small=$2 big=$3
bin=${4:-$("$(dirname "$0")/build_pgo.sh" --path)}
mode=${CACHE:-cold}
ix=$(mktemp -d)
runs=$(mktemp)
trap 'rm -rf "$ix" "$runs"' EXIT
run() { # KIND CORPUS: one timed run, recorded as "KIND wall user sys rss"
  local t
  t=$(index_run "$mode" "$bin" "$2" "$ix")
  echo "$(date -u +%H:%M:%S) $1 $2 $t" >&2
  echo "$1 $t" >> "$runs"
}
run small "$small"
for _ in $(seq "$rounds"); do
  run big "$big"
  run small "$small"
done
awk "$MEDIAN_AWK"'
  $1 == "small" {ns++; sw[ns] = $2; sc[ns] = $3 + $4; all_sw = all_sw " " $2; all_sc = all_sc " " ($3 + $4)}
  $1 == "big" {nb++; bw[nb] = $2; bc[nb] = $3 + $4; all_bw = all_bw " " $2; all_bc = all_bc " " ($3 + $4)}
  END {
    for (r = 1; r <= nb; r++) {
      rw = bw[r] / ((sw[r] + sw[r + 1]) / 2); rc = bc[r] / ((sc[r] + sc[r + 1]) / 2)
      printf "round %d: small %.2f s, big %.2f s, small %.2f s; ratio wall %.2f, CPU %.2f\n", r, sw[r], bw[r], sw[r + 1], rw, rc
      ratios_w = ratios_w " " rw; ratios_c = ratios_c " " rc
      if (rw > max_w) max_w = rw
      if (rc > max_c) max_c = rc
    }
    printf "medians of the runs: small %.2f s, %.2f CPU-s; big %.2f s, %.2f CPU-s; their ratio: wall %.2f, CPU %.2f\n", \
      median(all_sw), median(all_sc), median(all_bw), median(all_bc), median(all_bw) / median(all_sw), median(all_bc) / median(all_sc)
    printf "linearity: rounds %d wall %.2f cpu %.2f max_wall %.2f max_cpu %.2f\n", nb, median(ratios_w), median(ratios_c), max_w, max_c
  }' "$runs"
