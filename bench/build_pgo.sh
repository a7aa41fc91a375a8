#!/usr/bin/env bash
# The fastest vanban binary: the `dist` profile (whole-program LTO, one
# codegen unit) built with profile-guided optimisation. The training run
# works through every command on data the benchmarks never see: a
# generated corpus of another seed (7; the benchmarks use seed 1) with its
# share of mojibake, PDFs made from its sources (when LibreOffice is
# installed), and the shipped corpus/ of real documents.
#
# Usage: bench/build_pgo.sh          prints the path of the binary it built,
#        and says how it was built in vanban.build next to it
#        bench/build_pgo.sh --path   prints that path only, building nothing
# Env:   CARGO_TARGET_DIR (default ./target); the binary and
#        examples/query_latency land in $CARGO_TARGET_DIR/<host>/dist/.
#        PGO=0 builds the `dist` profile without training.
# Needs: rustup's llvm-tools (added when missing: llvm-profdata must match
#        rustc's LLVM, a distribution's llvm-profdata does not).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
# An explicit --target keeps RUSTFLAGS off build scripts and proc macros.
HOST=$(rustc -vV | sed -n 's/^host: //p')
OUT="$CARGO_TARGET_DIR/$HOST/dist"
[ "${1:-}" != --path ] || { echo "$OUT/vanban"; exit 0; }
log() { echo "[build_pgo $(date -u +%H:%M:%S)] $*" >&2; }
build() { # extra RUSTFLAGS, target dir
  RUSTFLAGS="${RUSTFLAGS:-} $1" CARGO_TARGET_DIR="$2" \
    cargo build --quiet --profile dist --target "$HOST" --bin vanban --example query_latency >&2
}

plain() { # REASON: the dist build without training
  log "building without PGO: $1"
  build "" "$CARGO_TARGET_DIR"
  echo "profile dist (fat LTO), no PGO ($1)" > "$OUT/vanban.build"
  echo "$OUT/vanban"
  exit 0
}
[ "${PGO:-1}" != 0 ] || plain "PGO=0"

find_profdata() { ls "$(rustc --print sysroot)"/lib/rustlib/*/bin/llvm-profdata 2>/dev/null | head -1; }
profdata=$(find_profdata || true)
if [ -z "$profdata" ]; then
  log "adding rustup's llvm-tools (llvm-profdata)"
  rustup component add llvm-tools >&2 || true
  profdata=$(find_profdata || true)
fi
[ -n "$profdata" ] || plain "no llvm-profdata for this rustc: rustup component add llvm-tools"

train=$(mktemp -d)
trap 'rm -rf "$train"' EXIT
# Fixed paths in RUSTFLAGS, so that a second run rebuilds only what changed.
pgo="$CARGO_TARGET_DIR/pgo"
raw="$pgo/profraw"
rm -rf "$raw"
mkdir -p "$pgo"
# What the training commands say (progress, counts, errors), kept for a failed run.
tlog="$pgo/training.log"
: > "$tlog"
trap 'log "failed; the training commands said: $tlog"' ERR
gen_dir="$CARGO_TARGET_DIR/pgo-instrumented"
log "instrumented build ($gen_dir)"
build "-Cprofile-generate=$raw" "$gen_dir"
b="$gen_dir/$HOST/dist/vanban"

log "training run (its messages: $tlog)"
"$b" gen-corpus --docs 3000 --seed 7 --out "$train/c" --truth "$train/truth.ndjson" \
  --pdfs 30 --pdf-dir "$train/pdfsrc" >/dev/null 2>>"$tlog"
mkdir -p "$train/pdf"
if command -v soffice >/dev/null; then
  (cd "$train/pdfsrc" && timeout 600 soffice --headless \
    --infilter="Text (encoded):UTF8,LF,DejaVu Sans,vi" --convert-to pdf --outdir "$train/pdf" ./*.txt >/dev/null 2>&1 || true)
fi
[ -n "$(ls "$train/pdf")" ] || log "no PDFs to train on (LibreOffice missing): the PDF reader is left cold"
"$b" index --index "$train/ix" "$train/c" corpus >/dev/null 2>>"$tlog"
"$b" extract "$train/c" "$train/pdf" corpus >/dev/null 2>>"$tlog"
for q in "Bộ Nội vụ" "bo noi vu" "Bộ Tài chính" '"kế hoạch"' '"ke hoach thuc hien"' "ủy ban nhân dân tỉnh" \
  "phòng, chống dịch" "báo cáo kết quả"; do
  "$b" search --index "$train/ix" "$q" >/dev/null 2>>"$tlog"
  "$b" search --index "$train/ix" --json --kind task --agency "Bộ Y tế" "$q" >/dev/null 2>>"$tlog"
  "$b" search --index "$train/ix" --json --type KH --from 2020-01-01 --to 2024-12-31 "$q" >/dev/null 2>>"$tlog"
done
"$b" tasks --index "$train/ix" --agency "Bộ Tài chính" >/dev/null 2>>"$tlog"
"$b" tasks --index "$train/ix" --agency "bo cong an" --role lead --due-before 2024-06-30 --json >/dev/null 2>>"$tlog"
"$b" tasks --index "$train/ix" --overdue-at 2023-01-01 --all >/dev/null 2>>"$tlog"
for number in $(grep -o '"number":"[0-9]*/TB-VPCP"' "$train/truth.ndjson" | head -3 | cut -d'"' -f4); do
  "$b" trace --index "$train/ix" "$number" >/dev/null 2>>"$tlog"
done
"$b" export --index "$train/ix" --format ndjson >/dev/null 2>>"$tlog"
# The damaged documents through `repair` one by one, as a secretariat would.
for f in $(grep -v '"family":null' "$train/truth.ndjson" | grep -o '"path":"[^"]*"' | cut -d'"' -f4 | head -200); do
  "$b" repair "$train/c/$f" >/dev/null 2>>"$tlog"
done
"$profdata" merge -o "$pgo/vanban.profdata" "$raw"

log "optimised build"
build "-Cprofile-use=$pgo/vanban.profdata -Cllvm-args=-pgo-warn-missing-function=false" "$CARGO_TARGET_DIR"
echo "profile dist (fat LTO), PGO trained on seed 7 ($(ls "$train/pdf" | wc -l) PDFs)" > "$OUT/vanban.build"
echo "$OUT/vanban"
