#!/usr/bin/env bash
# Compares vanban's PDF text with pdftotext on a folder of PDFs:
#  - word-level F1 of vanban `text` against `pdftotext` output, per file;
#  - throughput: vanban over the whole folder (pages/s) against pdftotext
#    run per file, two at a time.
# Usage: bench/pdf_compare.sh [FOLDER] [VANBAN_BINARY]
set -euo pipefail
DIR="${1:-../shared/pdfs}"
BIN="${2:-${CARGO_TARGET_DIR:-target}/release/vanban}"
if ! command -v pdftotext >/dev/null; then
  apt-get install -y poppler-utils >/dev/null
fi
[ -x "$BIN" ] || { echo "build first: cargo build --release ($BIN missing)" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

mapfile -t FILES < <(find "$DIR" -maxdepth 1 -type f -iname '*.pdf' | sort)
[ "${#FILES[@]}" -gt 0 ] || { echo "no PDFs in $DIR" >&2; exit 2; }
PAGES=0
for f in "${FILES[@]}"; do
  p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
  PAGES=$((PAGES + ${p:-0}))
done

# Throughput (best of 3 runs each).
best() { sort -n | head -1; }
VT=$(for i in 1 2 3; do s=$(date +%s.%N); "$BIN" extract "$DIR" > "$WORK/vanban.ndjson" || true; e=$(date +%s.%N); echo "$e - $s" | bc -l; done | best)
PT=$(for i in 1 2 3; do s=$(date +%s.%N); printf '%s\0' "${FILES[@]}" | xargs -0 -P 2 -I{} sh -c 'pdftotext "$1" /dev/null 2>/dev/null' _ {}; e=$(date +%s.%N); echo "$e - $s" | bc -l; done | best)

for f in "${FILES[@]}"; do
  pdftotext "$f" "$WORK/$(basename "$f").txt" 2>/dev/null || true
done

python3 - "$WORK" "$PAGES" "$VT" "$PT" <<'PY'
import json, os, re, sys, unicodedata
from collections import Counter
work, pages, vt, pt = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
def words(s):
    s = unicodedata.normalize("NFC", s)
    return Counter(w for w in re.split(r"\s+", s) if w)
rows, f1s = [], []
for line in open(os.path.join(work, "vanban.ndjson"), encoding="utf-8"):
    d = json.loads(line)
    name = os.path.basename(d["source"]["path"])
    ref_path = os.path.join(work, name + ".txt")
    ref = words(open(ref_path, encoding="utf-8", errors="replace").read()) if os.path.exists(ref_path) else Counter()
    got = words(d.get("text", ""))
    inter = sum((ref & got).values())
    p = inter / max(1, sum(got.values())); r = inter / max(1, sum(ref.values()))
    f1 = 2 * p * r / (p + r) if p + r else (1.0 if not ref and not got else 0.0)
    text = d.get("text", "")
    num = re.search(r"Số\s*:?\s*(\d+)\s*/\s*([\wĐđ\-– ]+)", text)
    date = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", text)
    # pdftotext prints glyph ids as characters for fonts with no Unicode
    # mapping: letters from other scripts in a Vietnamese letter.
    raw = "".join(ref.elements())
    letters = [c for c in raw if c.isalpha()]
    foreign = sum(1 for c in letters if not ("LATIN" in unicodedata.name(c, "") ))
    garbage = bool(letters) and foreign / len(letters) > 0.005
    if not garbage:
        f1s.append(f1)
    else:
        name += " [pdftotext garbage]"
    rows.append((name, f1, p, r, d["source"].get("pages"), d["source"].get("pages_without_text"), d.get("error"),
                 num.group(0).split("\n")[0][:30] if num else "-", date.group(0) if date else "-"))
print(f"{'file':80} {'F1':>6} {'P':>6} {'R':>6}  number / date")
for n, f1, p, r, pg, nt, err, num, date in rows:
    print(f"{n[:80]:80} {f1:6.4f} {p:6.4f} {r:6.4f}  {num} | {date}" + (f"  ERROR {err}" if err else "") + (f"  no-text pages {nt}" if nt else ""))
print(f"mean F1 {sum(f1s)/len(f1s):.4f}  min F1 {min(f1s):.4f}  over {len(f1s)} files where pdftotext is not garbage (of {len(rows)})")
print(f"pages {pages}: vanban {vt:.3f}s = {pages/vt:.1f} pages/s; pdftotext (per file, 2 at a time) {pt:.3f}s = {pages/pt:.1f} pages/s")
PY
