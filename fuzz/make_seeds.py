#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/TARGET/.

Everything is generated here from the repository's text corpus (corpus/*.txt
and tests/fixtures/*.txt): small hand-built PDFs (plain, deflated, Type0
with a ToUnicode CMap, simple TrueType with Differences, two pages with a
running header, an xref stream), DOCX zips and the raw XML parts the
structure-aware DOCX target packs itself. Nothing binary is checked in.
usage: fuzz/make_seeds.py   (run.sh calls it)
"""
import glob
import io
import os
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "corpus")


def texts():
    paths = sorted(glob.glob(os.path.join(ROOT, "corpus", "*.txt")))
    paths += sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "*.txt")))
    return [(os.path.basename(p)[:-4], open(p, encoding="utf-8").read()) for p in paths]


def chunks(text, size):
    """Pieces of about `size` bytes cut at line ends."""
    out, cur = [], ""
    for line in text.splitlines(keepends=True):
        if cur and len((cur + line).encode()) > size:
            out.append(cur)
            cur = ""
        cur += line
    if cur:
        out.append(cur)
    return out


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# ---- PDF ----

def numbered(header, objects):
    """`header`, then objects[i] as object i+1; returns the bytes and offsets."""
    out = bytearray(header)
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    return out, offsets


def pdf(objects):
    """A PDF whose object i+1 is objects[i] (bytes); object 1 is the catalog."""
    out, offsets = numbered(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", objects)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data, extra=b"", deflate=False):
    if deflate:
        data = zlib.compress(data)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pages_pdf(contents, font, deflate=False, extra_objects=()):
    """Catalog, Pages, font (object 3), then one page + content per entry."""
    n = len(contents)
    first_page = 4 + len(extra_objects)
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n), font]
    objs += list(extra_objects)
    for i, c in enumerate(contents):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (first_page + 2 * i + 1))
        objs.append(stream(c, deflate=deflate))
    return pdf(objs)


def latin(s):
    """Text shown with a WinAnsi font: what survives of Vietnamese in cp1252."""
    t = s.encode("cp1252", "replace")
    return t.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def content_lines(lines, show):
    out = b"BT /F1 11 Tf 14 TL 72 770 Td\n"
    for line in lines:
        out += show(line) + b" Tj T*\n"
    return out + b"ET\n"


def type0_font_objects(alphabet):
    chars = sorted(set(alphabet))
    cmap = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Fz def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    for k in range(0, len(chars), 100):
        part = chars[k:k + 100]
        cmap += "%d beginbfchar\n" % len(part)
        for i, c in enumerate(part):
            cmap += "<%04X> <%s>\n" % (k + i + 1, "".join("%04X" % u for u in utf16(c)))
        cmap += "endbfchar\n"
    cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    code = {c: i + 1 for i, c in enumerate(chars)}
    return code, cmap.encode()


def utf16(c):
    b = c.encode("utf-16-be")
    return [int.from_bytes(b[i:i + 2], "big") for i in range(0, len(b), 2)]


# Standard security handler, revision 2 (RC4, 40-bit key), as PDF 1.7
# section 7.6.3 gives it: an owner password, an empty user password.
PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(lines):
    import hashlib
    file_id = hashlib.md5(b"vanban fuzz seed").digest()
    owner = rc4(hashlib.md5((b"owner" + PAD)[:32]).digest()[:5], PAD)
    perms = -4
    key = hashlib.md5(PAD + owner + perms.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    user = rc4(key, PAD)
    content = content_lines(lines, lambda l: b"(" + latin(l) + b")")
    obj_key = hashlib.md5(key + (4).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", stream(rc4(obj_key, content)),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <" + owner.hex().encode() + b"> /U <" + user.hex().encode() + b"> /P -4 >>"]
    out = bytes(pdf(objs))
    trailer = b"/Root 1 0 R >>"
    ids = b"<" + file_id.hex().encode() + b">"
    return out.replace(trailer, b"/Root 1 0 R /Encrypt 6 0 R /ID [" + ids + b" " + ids + b"] >>")


def pdf_seeds(docs):
    name, text = docs[0]
    lines = [l for l in text.splitlines() if l.strip()][:40]
    write("pdf_ingest_never_panics_or_hangs", "plain.pdf",
          pages_pdf([content_lines(lines[:20], lambda l: b"(" + latin(l) + b")")],
                    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"))
    write("pdf_ingest_never_panics_or_hangs", "deflated_two_pages.pdf",
          pages_pdf([content_lines(["CONG BAO", "Page one"] + lines[:12], lambda l: b"(" + latin(l) + b")"),
                     content_lines(["CONG BAO", "Page two"] + lines[12:24], lambda l: b"(" + latin(l) + b")")],
                    b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>", deflate=True))
    # Type0 Identity-H with a ToUnicode CMap: real Vietnamese text.
    vn = lines[:25]
    code, cmap = type0_font_objects("".join(vn))
    hexshow = lambda l: b"<" + "".join("%04X" % code[c] for c in l).encode() + b">"
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRomanPSMT /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 4 0 R >>"
    cid = b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRomanPSMT /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 /W [1 [250 300] 10 20 444] /CIDToGIDMap /Identity >>"
    write("pdf_ingest_never_panics_or_hangs", "type0_tounicode.pdf",
          pages_pdf([content_lines(vn, hexshow)], font, deflate=True, extra_objects=(stream(cmap, deflate=True), cid)))
    # Simple TrueType, WinAnsi base with Differences (uhorn, ohorn ...).
    tt = (b"<< /Type /Font /Subtype /TrueType /BaseFont /TimesNewRomanPSMT /FirstChar 32 /LastChar 255 /Widths [" + b" 500" * 224 +
          b"] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [60 /quotedblleft /quotedblright 161 /ohorn 175 /Uhorn /uhorn] >> >>")
    shown = b"BT /F1 12 Tf 72 700 Td (\x3cTh\xb0\xa1ng \xafu\x3d) Tj 0 -14 Td [(Ch) -250 (\xb0\xa1ng) 120 (tr\xacnh)] TJ 0 -14 Td (a) ' 1 2 (b) \" ET\n"
    write("pdf_ingest_never_panics_or_hangs", "truetype_differences.pdf", pages_pdf([shown], tt))
    # Graphics state, XObject form and inline image operators.
    ops = (b"q 1 0 0 1 10 10 cm BT /F1 9 Tf 2 Tc 3 Tw 90 Tz 1 Tr 5 Ts 1 0 0 1 72 600 Tm (S\\366: 12/TB-VPCP) Tj ET Q\n"
           b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI\n/Fm1 Do\n")
    write("pdf_ingest_never_panics_or_hangs", "operators.pdf",
          pages_pdf([ops], b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"))
    # Cross-reference stream (PDF 1.5) instead of an xref table.
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            stream(content_lines(lines[:5], lambda l: b"(" + latin(l) + b")")),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offs = numbered(b"%PDF-1.5\n", objs)
    xref_at = len(out)
    rows = b"\x00\x00\x00\xff\xff" + b"".join(b"\x01" + o.to_bytes(3, "big") + b"\x00" for o in offs) + b"\x01" + xref_at.to_bytes(3, "big") + b"\x00"
    n = len(objs) + 2
    out += b"%d 0 obj\n" % (n - 1) + stream(rows, b" /Type /XRef /Size %d /W [1 3 1] /Root 1 0 R" % n) + b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    write("pdf_ingest_never_panics_or_hangs", "xref_stream.pdf", bytes(out))
    write("pdf_ingest_never_panics_or_hangs", "owner_password_rc4.pdf", encrypted_pdf(lines[:6]))


# ---- DOCX ----

NUMBERING = """<?xml version="1.0" encoding="UTF-8"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
</w:numbering>"""

STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="List"><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"""


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def document_xml(lines):
    body = []
    for i, line in enumerate(lines):
        ppr = ""
        if i % 7 == 3:
            ppr = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
        elif i % 7 == 5:
            ppr = '<w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr>' % (i % 4, 1 + i % 2)
        elif i % 7 == 6:
            ppr = '<w:pPr><w:pStyle w:val="List"/></w:pPr>'
        half = len(line) // 2
        runs = '<w:r><w:t xml:space="preserve">%s</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:tab/><w:t>%s</w:t><w:br/></w:r>' % (esc(line[:half]), esc(line[half:]))
        body.append("<w:p>%s%s</w:p>" % (ppr, runs))
    table = ('<w:tbl><w:tr><w:tc><w:p><w:r><w:t>TT</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Nội dung</w:t></w:r></w:p></w:tc></w:tr>'
             '<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Báo cáo trước ngày 30/6/2025</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + "".join(body) + table + "<w:sectPr/></w:body></w:document>")


def docx(parts, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in parts:
            z.writestr(name, data)
    return buf.getvalue()


def docx_seeds(docs):
    for k, (name, text) in enumerate(docs):
        lines = [l for l in text.splitlines() if l.strip()][:30]
        doc = document_xml(lines)
        parts = [("[Content_Types].xml", "<Types/>"), ("word/document.xml", doc)]
        if k % 2 == 0:
            parts += [("word/numbering.xml", NUMBERING), ("word/styles.xml", STYLES)]
        write("docx_ingest_never_panics", name + ".docx", docx(parts, zipfile.ZIP_DEFLATED if k % 3 else zipfile.ZIP_STORED))
        write("docx_xml_never_panics", name + ".xml", doc.encode() + b"\0" + NUMBERING.encode() + b"\0" + STYLES.encode())


def main():
    docs = texts()
    for name, text in docs:
        write("repair_never_panics", name + ".txt", text)
        for i, piece in enumerate(chunks(text, 3000)):
            write("extract_spans_inside_text", "%s_%02d.txt" % (name, i), piece)
    pdf_seeds(docs)
    docx_seeds(docs)


if __name__ == "__main__":
    main()
