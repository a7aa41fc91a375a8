#!/usr/bin/env bash
# vanban against the tools people use today, in one run, on this machine:
#   PDF text (pages/s) vs pdftotext, repair (MB/s) vs ftfy, end-to-end
#   `vanban index` on 10,000 and 100,000 generated documents, and query
#   latency on the 100,000-document index. Prints a table with ratios and
#   goals, and leaves every raw figure in $WORK/results.tsv.
#
# Usage: bench/compare.sh [STAGE...]   stages: setup pdf repair index10k index100k linearity query table
#        (default: all, in that order)
# Env:   WORK (default /tmp/vanban-bench), BIG (default 100000), SMALL (10000), QREPS (20),
#        PDFS (default 300), REUSE=1 keeps an existing 100k index run in $WORK,
#        ROUNDS (default 3): bracketed rounds of the linearity stage (bench/linearity.sh),
#        CACHE=cold|warm|asis: the input's page cache before an index run (default cold),
#        PGO=0: time the `dist` build without profile-guided optimisation.
# The binary timed is the one bench/build_pgo.sh builds (stage setup).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK="${WORK:-/tmp/vanban-bench}"
BIG="${BIG:-100000}"
SMALL="${SMALL:-10000}"
PDFS="${PDFS:-300}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN=$(bench/build_pgo.sh --path)
DIST=$(dirname "$BIN")
QL="$DIST/examples/query_latency"
mkdir -p "$WORK"
RES="$WORK/results.tsv"
touch "$RES"
STAGES=("$@")
[ ${#STAGES[@]} -gt 0 ] || STAGES=(setup pdf repair index10k index100k linearity query table)

put() { # key value: one figure, replacing an older one
  grep -v "^$1	" "$RES" > "$RES.tmp" || true
  printf '%s\t%s\n' "$1" "$2" >> "$RES.tmp"
  mv "$RES.tmp" "$RES"
}
get() { awk -F'\t' -v k="$1" '$1 == k {v = $2} END {print v}' "$RES"; }
now() { date +%s.%N; }
best3() { sort -n | head -1; }
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

setup() {
  command -v pdftotext >/dev/null || apt-get install -y poppler-utils >/dev/null
  command -v soffice >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y libreoffice-writer-nogui fonts-dejavu-core >/dev/null
  [ -x /usr/bin/time ] || apt-get install -y time >/dev/null
  command -v fincore >/dev/null || apt-get install -y util-linux >/dev/null
  python3 -c 'import ftfy, rapidfuzz' 2>/dev/null || pip install -q ftfy rapidfuzz
  log "building: bench/build_pgo.sh (PGO=${PGO:-1})"
  bench/build_pgo.sh > /dev/null
  put build "$(cat "$DIST/vanban.build"), $(rustc --version)"
  put machine "$(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  put date "$(date -u +%Y-%m-%dT%H:%MZ)"
  put load_at_start "$(cut -d' ' -f1-3 /proc/loadavg)"
  put versions "$(pdftotext -v 2>&1 | head -1); ftfy $(python3 -c 'import ftfy; print(ftfy.__version__)'); $(soffice --version 2>/dev/null | head -1)"
}

gen() { # N DIR [extra args]: a corpus, once
  local n=$1 dir=$2; shift 2
  if [ ! -f "$dir.done" ]; then
    rm -rf "$dir"
    "$BIN" gen-corpus --docs "$n" --seed 1 --out "$dir" --truth "$dir.truth.ndjson" "$@"
    touch "$dir.done"
  fi
}

pdf() {
  local src="$WORK/pdfsrc" out="$WORK/pdf"
  if [ ! -f "$out.done" ]; then
    rm -rf "$src" "$out" "$WORK/pdfgen"
    "$BIN" gen-corpus --docs 0 --seed 1 --out "$WORK/pdfgen" --pdfs "$PDFS" --pdf-dir "$src"
    mkdir -p "$out"
    log "soffice: $PDFS text files -> PDF (DejaVu Sans, embedded)"
    # Writer reads .txt as UTF-8 in DejaVu Sans (Vietnamese coverage) and embeds a subset of it.
    # Batches of 25: one crash of soffice loses a batch, not the rest.
    (cd "$src" && ls ./*.txt | xargs -n 25 timeout 600 soffice --headless \
      --infilter="Text (encoded):UTF8,LF,DejaVu Sans,vi" --convert-to pdf --outdir "$out" >/dev/null 2>&1 || true)
    touch "$out.done"
  fi
  mapfile -t files < <(find "$out" -name '*.pdf' | sort)
  local pages=0
  for f in "${files[@]}"; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}'))); done
  put pdf_files "${#files[@]}"
  put pdf_pages "$pages"
  put pdf_font "$(pdffonts "${files[0]}" | awk 'NR == 3 {print $1, "emb=" $(NF-4)}')"
  log "pdf: vanban extract vs pdftotext (-P 2), best of 3 (wall and CPU)"
  local vt pt
  vt=$(for _ in 1 2 3; do /usr/bin/time -f "%e %U %S" -o "$WORK/t" "$BIN" extract "$out" > "$WORK/pdf.ndjson"; cat "$WORK/t"; done | sort -n | head -1)
  pt=$(for _ in 1 2 3; do printf '%s\0' "${files[@]}" | /usr/bin/time -f "%e %U %S" -o "$WORK/t" xargs -0 -P 2 -I{} pdftotext -enc UTF-8 {} /dev/null; cat "$WORK/t"; done | sort -n | head -1)
  put pdf_vanban_s "${vt%% *}"
  put pdf_vanban_cpu_s "$(echo "$vt" | awk '{print $2 + $3}')"
  put pdf_pdftotext_s "${pt%% *}"
  put pdf_pdftotext_cpu_s "$(echo "$pt" | awk '{print $2 + $3}')"
  # Text agreement: vanban's text against pdftotext's, word-level F1 over all files.
  mkdir -p "$WORK/pdftxt"
  for f in "${files[@]}"; do pdftotext -enc UTF-8 "$f" "$WORK/pdftxt/$(basename "$f").txt"; done
  put pdf_word_f1 "$(python3 - "$WORK" <<'PY'
import json, os, re, sys, unicodedata
from collections import Counter
w = sys.argv[1]
words = lambda s: Counter(re.split(r"\s+", unicodedata.normalize("NFC", s).strip()))
inter = got_n = ref_n = 0
for line in open(os.path.join(w, "pdf.ndjson"), encoding="utf-8"):
    d = json.loads(line)
    ref = words(open(os.path.join(w, "pdftxt", os.path.basename(d["source"]["path"]) + ".txt"), encoding="utf-8").read())
    got = words(d.get("text", ""))
    inter += sum((ref & got).values()); got_n += sum(got.values()); ref_n += sum(ref.values())
p, r = inter / max(got_n, 1), inter / max(ref_n, 1)
print(f"{2 * p * r / max(p + r, 1e-9):.4f}")
PY
)"
}

repair() {
  gen "$SMALL" "$WORK/c$SMALL" --pdfs 0
  # The same documents clean (--corrupt 0 keeps every document but the damage).
  if [ ! -f "$WORK/clean$SMALL.done" ]; then
    rm -rf "$WORK/clean$SMALL"
    "$BIN" gen-corpus --docs "$SMALL" --seed 1 --out "$WORK/clean$SMALL" --corrupt 0
    touch "$WORK/clean$SMALL.done"
  fi
  # ftfy's family: UTF-8 read as Windows-1252. Both tools get the same bytes.
  python3 - "$WORK" "$SMALL" <<'PY'
import json, os, sys
w, n = sys.argv[1], sys.argv[2]
bad, good = [], []
for line in open(os.path.join(w, f"c{n}.truth.ndjson"), encoding="utf-8"):
    t = json.loads(line)
    if t["family"] == "utf8_as_cp1252":
        bad.append(open(os.path.join(w, f"c{n}", t["path"]), "rb").read())
        good.append(open(os.path.join(w, f"clean{n}", t["path"]), "rb").read())
open(os.path.join(w, "moji.txt"), "wb").write(b"\n".join(bad))
open(os.path.join(w, "moji.clean.txt"), "wb").write(b"\n".join(good))
print(len(bad), "documents", sum(map(len, bad)), "bytes", file=sys.stderr)
PY
  local bytes vt
  bytes=$(stat -c %s "$WORK/moji.txt")
  put repair_bytes "$bytes"
  # A whole process per run (start, read, repair, write), timed to the
  # microsecond over 20 runs (`/usr/bin/time` resolves 10 ms: a third of a
  # run), output to /dev/null as ftfy's is kept in memory; the median counts.
  "$BIN" repair "$WORK/moji.txt" > "$WORK/moji.vanban.txt"
  python3 - "$BIN" "$WORK/moji.txt" <<'PY' > "$WORK/vanban_repair.out"
import resource, statistics, subprocess, sys, time
binary, moji = sys.argv[1:3]
walls, cpus = [], []
for _ in range(20):
    before, t = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run([binary, "repair", moji], stdout=subprocess.DEVNULL, check=True)
    walls.append(time.perf_counter() - t)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
print(f"repair_vanban_s\t{statistics.median(walls):.5f}")
print(f"repair_vanban_cpu_s\t{statistics.median(cpus):.5f}")
PY
  while IFS=$'\t' read -r k v; do put "$k" "$v"; done < "$WORK/vanban_repair.out"
  python3 - "$WORK" <<'PY' > "$WORK/ftfy.out"
import os, sys, time, ftfy
from rapidfuzz.distance import Levenshtein
w = sys.argv[1]
raw = open(os.path.join(w, "moji.txt"), encoding="utf-8").read()
# The median of three runs, as vanban's figure is a median.
walls, cpus, fixed = [], [], ""
for _ in range(3):
    t, c = time.perf_counter(), time.process_time()
    fixed = ftfy.fix_text(raw)
    walls.append(time.perf_counter() - t)
    cpus.append(time.process_time() - c)
best, cpu = sorted(walls)[1], sorted(cpus)[1]
clean = open(os.path.join(w, "moji.clean.txt"), encoding="utf-8").read()
van = open(os.path.join(w, "moji.vanban.txt"), encoding="utf-8").read()
print(f"repair_ftfy_s\t{best:.4f}")
print(f"repair_ftfy_cpu_s\t{cpu:.4f}")
# Share of lines that come back exactly as the clean text has them (line-level edit distance).
lines = lambda s: s.split("\n")
sim = lambda a: 1 - Levenshtein.distance(lines(a), lines(clean)) / max(len(lines(a)), len(lines(clean)))
print(f"repair_ftfy_similarity\t{sim(fixed):.5f}")
print(f"repair_vanban_similarity\t{sim(van):.5f}")
print(f"repair_ftfy_exact\t{int(fixed == clean)}")
print(f"repair_vanban_exact\t{int(van == clean)}")
PY
  while IFS=$'\t' read -r k v; do put "$k" "$v"; done < "$WORK/ftfy.out"
  # vanban alone on every family (ftfy cannot read TCVN3, VNI or PDF low bytes).
  mkdir -p "$WORK/moji_all" && rm -f "$WORK"/moji_all/*
  python3 - "$WORK" "$SMALL" <<'PY'
import json, os, shutil, sys
w, n = sys.argv[1], sys.argv[2]
for line in open(os.path.join(w, f"c{n}.truth.ndjson"), encoding="utf-8"):
    t = json.loads(line)
    if t["family"]:
        shutil.copy(os.path.join(w, f"c{n}", t["path"]), os.path.join(w, "moji_all", f'{t["family"]}_{os.path.basename(t["path"])}'))
PY
  put repair_allfamilies_bytes "$(du -sb "$WORK/moji_all" | cut -f1)"
  vt=$(for _ in 1 2 3; do s=$(now); for f in "$WORK"/moji_all/*; do "$BIN" repair "$f"; done > /dev/null; e=$(now); echo "$e - $s" | bc -l; done | best3)
  put repair_allfamilies_files "$(ls "$WORK/moji_all" | wc -l)"
  put repair_allfamilies_s "$vt"
}

# The input's state in the page cache before an index run. CACHE=cold (the
# default) drops the cache first, as a first ingestion of an archive reads
# it from disk (needs root; otherwise the state is left as found, and
# reported); CACHE=warm reads the input first; CACHE=asis leaves it. The
# share of the input cached at the start is recorded either way: this
# machine pages out what was not touched for a minute, so "as found" can
# be anything from cold to warm.
page_cache() { # DIR N
  local dir=$1 n=$2 mode="${CACHE:-cold}"
  case "$mode" in
    cold) sync; if ! echo 3 > /proc/sys/vm/drop_caches 2>/dev/null; then mode="asis (could not drop the cache)"; fi ;;
    warm) find "$dir" -type f -print0 | xargs -0 cat > /dev/null ;;
    asis) ;;
    *) echo "CACHE must be cold, warm or asis" >&2; exit 2 ;;
  esac
  local share
  share=$(find "$dir" -type f -print0 | xargs -0 fincore -b -n -o RES,SIZE | awk '{r += $1; s += $2} END {printf "%.0f", s ? 100 * r / s : 0}')
  put "index${n}_cache" "$mode, ${share}% in page cache"
}

index_stage() { # N
  local n=$1 dir="$WORK/c$1" ix="$WORK/ix$1"
  gen "$n" "$dir"
  if [ "${REUSE:-0}" = 1 ] && [ -s "$WORK/index$n.time" ] && grep -q "Exit status: 0" "$WORK/index$n.time"; then
    log "index $n: reusing $WORK/index$n.time"
  else
    rm -rf "$ix"
    page_cache "$dir" "$n"
    log "index $n documents (input $(get "index${n}_cache"))"
    /usr/bin/time -v "$BIN" index --index "$ix" "$dir" > "$WORK/index$n.out" 2> "$WORK/index$n.time"
  fi
  put "index${n}_s" "$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s}' "$WORK/index$n.time")"
  put "index${n}_user_s" "$(awk -F': ' '/User time/ {print $2}' "$WORK/index$n.time")"
  put "index${n}_sys_s" "$(awk -F': ' '/System time/ {print $2}' "$WORK/index$n.time")"
  put "index${n}_cpu" "$(awk -F': ' '/Percent of CPU/ {print $2}' "$WORK/index$n.time")"
  put "index${n}_rss_kb" "$(awk -F': ' '/Maximum resident/ {print $2}' "$WORK/index$n.time")"
  put "index${n}_summary" "$(grep 'documents indexed' "$WORK/index$n.time" | tail -1)"
  put "input${n}_bytes" "$(du -sb "$dir" | cut -f1)"
  put "index${n}_bytes" "$(du -sb "$ix" | cut -f1)"
}

# The 100k/10k ratio in bracketed rounds (bench/linearity.sh): each big run
# between two small ones, each round's ratio the big run over the mean of
# the two. The one pair of index10k and index100k moves with the host's
# drift; these rounds measure how time grows with the input.
linearity() {
  local mode="${CACHE:-cold}"
  gen "$SMALL" "$WORK/c$SMALL"
  gen "$BIG" "$WORK/c$BIG"
  if [ "$mode" = cold ] && ! [ -w /proc/sys/vm/drop_caches ]; then mode=warm; fi
  log "linearity: ${ROUNDS:-3} bracketed rounds, $mode"
  CACHE=$mode bench/linearity.sh "${ROUNDS:-3}" "$WORK/c$SMALL" "$WORK/c$BIG" "$BIN" 2>&1 | tee "$WORK/linearity.out" >&2
  put linearity_mode "$mode"
  put linearity_rounds "$(grep '^round ' "$WORK/linearity.out" | sed 's/.*ratio wall \([0-9.]*\), CPU \([0-9.]*\)/\1\/\2/' | paste -sd' ')"
  read -r _ _ rounds _ wall _ cpu _ max_wall _ max_cpu < <(grep '^linearity: ' "$WORK/linearity.out")
  put linearity_n "$rounds"; put linearity_wall "$wall"; put linearity_cpu "$cpu"
  put linearity_max_wall "$max_wall"; put linearity_max_cpu "$max_cpu"
}

query() {
  local ix="$WORK/ix$BIG" root
  # A three-level chain: a notice, a plan carrying it out, a provincial letter carrying out the plan.
  root=$(python3 - "$WORK/c$BIG.truth.ndjson" <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
kids = {}
for d in docs:
    for c in d["cites"]:
        kids.setdefault(c, []).append(d)
for d in docs:
    if d["kind"] == "notice" and any(k["kind"] == "plan" and any(g["kind"] == "province" for g in kids.get(k["number"], [])) for k in kids.get(d["number"], [])):
        print(d["number"]); break
PY
)
  put trace_root "$root"
  "$QL" "$ix" "$root" "${QREPS:-20}" > "$WORK/query.out"
  while read -r name p50 p99 max samples results; do
    put "q_${name}_p50" "$p50"; put "q_${name}_p99" "$p99"; put "q_${name}_results" "$results"
  done < "$WORK/query.out"
  "$BIN" trace --index "$ix" "$root" > "$WORK/trace.txt"
  put trace_lines "$(wc -l < "$WORK/trace.txt")"
  # The command line as a user runs it (process start, index open, query, print), median of 3.
  local t
  for cmd in "search bo_noi_vu" "tasks --agency BNV" "trace $root"; do
    t=$(for _ in 1 2 3; do s=$(now); eval "\"$BIN\" ${cmd/bo_noi_vu/\"bo noi vu\"} --index \"$ix\"" > /dev/null; e=$(now); echo "($e - $s) * 1000" | bc -l; done | sort -n | sed -n 2p)
    put "cli_${cmd%% *}_ms" "$t"
  done
}

table() {
  python3 - "$RES" "$BIG" "$SMALL" <<'PY'
import sys
res = dict(l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1], encoding="utf-8") if "\t" in l)
big, small = sys.argv[2], sys.argv[3]
f = lambda k: float(res[k]) if res.get(k) not in (None, "") else float("nan")
rows = []
def row(what, value, goal, ok):
    rows.append((what, value, goal, "yes" if ok else "NO"))
pages = f("pdf_pages")
vp, pp = pages / f("pdf_vanban_s"), pages / f("pdf_pdftotext_s")
row(f"PDF pages/s, wall ({int(pages)} pages, {res.get('pdf_files')} files)", f"vanban {vp:.0f}, pdftotext -P2 {pp:.0f}, ratio {vp/pp:.2f}", "ratio >= 1.0", vp / pp >= 1.0)
vc, pc = pages / f("pdf_vanban_cpu_s"), pages / f("pdf_pdftotext_cpu_s")
row("PDF pages per CPU-second", f"vanban {vc:.0f}, pdftotext {pc:.0f}, ratio {vc/pc:.2f}", "(load-independent)", True)
row("PDF text agreement with pdftotext (word F1)", res.get("pdf_word_f1", "?"), "(info)", True)
mb = f("repair_bytes") / 1e6
vr, fr = mb / f("repair_vanban_s"), mb / f("repair_ftfy_s")
row(f"repair MB/s wall, UTF-8-as-cp1252 ({mb:.1f} MB)", f"vanban {vr:.1f}, ftfy {fr:.2f}, ratio {vr/fr:.0f}x", ">= 100x", vr / fr >= 100)
vrc, frc = mb / f("repair_vanban_cpu_s"), mb / f("repair_ftfy_cpu_s")
row("repair MB per CPU-second", f"vanban {vrc:.1f}, ftfy {frc:.2f}, ratio {vrc/frc:.0f}x", ">= 100x", vrc / frc >= 100)
row("repair similarity to clean text", f"vanban {res.get('repair_vanban_similarity')}, ftfy {res.get('repair_ftfy_similarity')}", "(info)", True)
row("repair MB/s, all four families (vanban alone, one process per file)", f"{f('repair_allfamilies_bytes')/1e6/f('repair_allfamilies_s'):.1f}", "(info)", True)
for n in (small, big):
    row(f"index {int(n):,} docs: time", f"{f(f'index{n}_s'):.1f} s ({f(f'input{n}_bytes')/1e6:.0f} MB input, CPU {res.get(f'index{n}_cpu')}; {res.get(f'index{n}_cache', 'cache ?')})", "<= 60 s" if n == big else "(info)", f(f"index{n}_s") <= 60 if n == big else True)
    row(f"index {int(n):,} docs: peak RSS", f"{f(f'index{n}_rss_kb')/1048576:.2f} GiB", "<= 1 GiB", f(f"index{n}_rss_kb") <= 1048576)
    r = f(f"index{n}_bytes") / f(f"input{n}_bytes")
    row(f"index {int(n):,} docs: index size / input", f"{r*100:.0f}% ({f(f'index{n}_bytes')/1e6:.0f} MB)", "<= 60%", r <= 0.60)
lw, lc = f("linearity_wall"), f("linearity_cpu")
rounds = f"{res.get('linearity_n')} rounds, {res.get('linearity_mode')}; wall/CPU of each: {res.get('linearity_rounds')}"
row(f"index time {big}/{small}, wall: median of bracketed rounds", f"{lw:.2f} ({rounds})", "<= 11", lw <= 11)
row(f"index CPU time {big}/{small}: median of bracketed rounds", f"{lc:.2f} (highest round {f('linearity_max_cpu'):.2f} CPU, {f('linearity_max_wall'):.2f} wall)", "<= 11", lc <= 11)
ratio = f(f"index{big}_s") / f(f"index{small}_s")
cpu = lambda n: f(f"index{n}_user_s") + f(f"index{n}_sys_s")
row(f"index time {big}/{small}, the one pair above, wall / CPU", f"{ratio:.2f} / {cpu(big)/cpu(small):.2f} ({cpu(small):.0f} / {cpu(big):.0f} CPU-s)", "(info: one pair, the host's drift)", True)
row(f"index {int(big):,}: idle-machine bound, CPU-s / 2 cores", f"{cpu(big)/2:.0f} s", "<= 60 s", cpu(big) / 2 <= 60)
row("search p50 (16 queries, in process)", f"{f('q_search:ALL_p50'):.2f} ms", "<= 2 ms", f("q_search:ALL_p50") <= 2)
row("search p99", f"{f('q_search:ALL_p99'):.2f} ms", "<= 20 ms", f("q_search:ALL_p99") <= 20)
row("tasks --agency p99 (5 agencies; max of the samples)", f"{f('q_tasks:ALL_p99'):.2f} ms", "<= 20 ms", f("q_tasks:ALL_p99") <= 20)
tk = [k for k in res if k.startswith("q_trace:") and k.endswith("_p50")]
tv = f(tk[0]) if tk else float("nan")
row(f"trace {res.get('trace_root')} (3-level chain, p50)", f"{tv:.1f} ms", "<= 100 ms", tv <= 100)
row("CLI wall time: search / tasks / trace", f"{f('cli_search_ms'):.0f} / {f('cli_tasks_ms'):.0f} / {f('cli_trace_ms'):.0f} ms", "(info)", True)
w = [max(len(r[i]) for r in rows) for i in range(4)]
print(f"machine: {res.get('machine')}; {res.get('date')}; load at start {res.get('load_at_start')}")
print(f"build: {res.get('build')}")
for r in [("measure", "value", "goal", "met")] + rows:
    print(" | ".join(c.ljust(w[i]) for i, c in enumerate(r)))
PY
}

for s in "${STAGES[@]}"; do
  case "$s" in
    setup) setup ;;
    pdf) pdf ;;
    repair) repair ;;
    index10k) index_stage "$SMALL" ;;
    index100k) index_stage "$BIG" ;;
    linearity) linearity ;;
    query) query ;;
    table) table ;;
    *) echo "unknown stage $s" >&2; exit 2 ;;
  esac
done
