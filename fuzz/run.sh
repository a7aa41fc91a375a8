#!/bin/sh
# Runs every fuzz target in turn for MINUTES minutes each (default 10) and
# prints, per target, libFuzzer's executions and run time and the findings
# (crash-, timeout-, oom- and leak- files under fuzz/artifacts/TARGET/).
#
# usage: fuzz/run.sh [MINUTES] [TARGET...]
#   PARALLEL=2 fuzz/run.sh 10    two targets at a time (the machine is shared:
#                                never more than two)
# Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain
# RUSTC_BOOTSTRAP=1 lets it use the nightly-only flags, and ASan is not
# available, hence --sanitizer none. A finding stops that target's run
# (libFuzzer's default); the input is kept in fuzz/artifacts/TARGET/.
# Limits: 10 s per input (-timeout), 2 GB of memory (-rss_limit_mb).
set -eu
MINUTES="${1:-10}"
[ $# -gt 0 ] && shift
cd "$(dirname "$0")"
TARGETS="${*:-repair_never_panics pdf_ingest_never_panics_or_hangs docx_ingest_never_panics docx_xml_never_panics extract_spans_inside_text}"
PARALLEL="${PARALLEL:-1}"
export RUSTC_BOOTSTRAP=1

max_len() {
    case "$1" in
        repair_never_panics) echo 4096 ;;
        extract_spans_inside_text) echo 8192 ;;
        *) echo 16384 ;;
    esac
}

python3 make_seeds.py
# Build all targets once, so the runs below start at once.
cargo fuzz build --sanitizer none
mkdir -p logs

run_one() {
    t="$1"
    mkdir -p "corpus/$t" "artifacts/$t"
    before=$(ls "artifacts/$t" | wc -l)
    dict=""
    [ -f "dict/$t.dict" ] && dict="-dict=dict/$t.dict"
    nice -n 10 cargo fuzz run "$t" --sanitizer none -- \
        -max_total_time=$((MINUTES * 60)) -max_len="$(max_len "$t")" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 $dict \
        "corpus/$t" >"logs/$t.log" 2>&1 || true
    after=$(ls "artifacts/$t" | wc -l)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log" | tail -1)
    done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "logs/$t.log" | tail -1)
    kind=$(grep -oE '(ERROR|WARNING): libFuzzer: [a-z-]+|panicked at [^:]*:[0-9]+' "logs/$t.log" | head -1)
    printf '%s: executions %s; %s; findings %d%s\n' "$t" "${execs:-?}" "${done_line:-stopped early (see logs/$t.log)}" \
        $((after - before)) "${kind:+ ($kind)}"
    if [ "$after" -gt "$before" ]; then
        ls -t "artifacts/$t" | head -$((after - before)) | sed "s|^|    artifacts/$t/|"
    fi
}

set -- $TARGETS
while [ $# -gt 0 ]; do
    if [ "$PARALLEL" -ge 2 ] && [ $# -ge 2 ]; then
        a="$1" b="$2"
        shift 2
        run_one "$a" >"logs/$a.summary" &
        run_one "$b" >"logs/$b.summary"
        wait
        cat "logs/$a.summary" "logs/$b.summary"
    else
        run_one "$1"
        shift
    fi
done
