#!/bin/sh
# Runs the repair fuzz target for MINUTES minutes (default 10).
# usage: fuzz/run.sh [MINUTES]
# Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain
# RUSTC_BOOTSTRAP=1 lets it use the nightly-only sanitizer flags.
set -eu
MINUTES="${1:-10}"
cd "$(dirname "$0")"
mkdir -p corpus/repair_never_panics
# Seed with the shipped corpus.
cp ../corpus/*.txt corpus/repair_never_panics/ 2>/dev/null || true
RUSTC_BOOTSTRAP=1 exec cargo fuzz run repair_never_panics --sanitizer none -- \
    -max_total_time=$((MINUTES * 60)) -max_len=4096 corpus/repair_never_panics
