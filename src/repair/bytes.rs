//! Bytes of unknown encoding to text: BOMs, UTF-8, UTF-8 with invalid bytes
//! mixed in, Windows-1258 (with its combining tone marks) and Windows-1252.
//! The decoded text then goes through [`super::repair_str`].
//!
//! Must never: fail or panic on any input; lines that are valid UTF-8 are
//! always read as UTF-8.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1258};

use super::report::{Family, Report};
use super::memo::TokenTable;
use super::syllable::token_score;
use super::{decomposed, repair_str_in, Memos};

/// Decodes bytes of unknown encoding and repairs the result.
pub fn repair_bytes(bytes: &[u8]) -> (String, Report) {
    repair_bytes_into(bytes, Report::new("utf-8"))
}

/// [`repair_bytes`], then NFC (what ingest stores): valid UTF-8 goes
/// through [`super::repair_nfc_in`], whose pre-scan also tells whether
/// clean text is NFC already.
pub fn repair_bytes_nfc(bytes: &[u8]) -> (String, Report) {
    if Encoding::for_bom(bytes).is_none() {
        if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
            let (t, r) = super::repair_nfc_in(s, Report::new("utf-8"));
            return (t.into_owned(), r);
        }
    }
    let (t, r) = repair_bytes(bytes);
    (crate::text::nfc(&t).into_owned(), r)
}

/// [`repair_bytes`] for a caller that wants the text only (`vanban repair`
/// without `--explain`): the same text, and no report is kept, so no
/// per-token record is stored to be replayed into one.
pub fn repair_bytes_text(bytes: &[u8]) -> String {
    repair_bytes_into(bytes, Report::quiet("utf-8")).0
}

/// [`repair_bytes`] into `report` (empty; quiet or not).
fn repair_bytes_into(bytes: &[u8], report: Report) -> (String, Report) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        if enc != UTF_8 {
            let text = enc.decode_without_bom_handling(body).0.into_owned();
            let pre = report.empty_like("utf-8");
            return finish(&text, enc.name().to_ascii_lowercase(), pre, report, &Memos::default());
        }
        return repair_bytes_into(body, report);
    }
    // SIMD validation: mojibake is mostly non-ASCII, where std's check is slow.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        let (t, r) = repair_str_in(s, &Memos::default(), report);
        return (t.into_owned(), r);
    }
    decode_mixed(bytes, report)
}

/// Repairs the decoded `text` into `report` and adds `pre` (what decoding found).
fn finish(text: &str, encoding: String, pre: Report, report: Report, memos: &Memos) -> (String, Report) {
    let (t, mut r) = repair_str_in(text, memos, report);
    r.encoding = encoding;
    r.merge(pre);
    (t.into_owned(), r)
}

/// Every Windows-1252 byte as a char (undefined bytes become C1 controls),
/// by byte: a legacy-font line is nearly all invalid bytes, and a search of
/// [`super::cp1252::CP1252_HIGH`] per byte cost more than the decoding.
static CP1252_CHARS: [char; 256] = {
    let mut t = ['\0'; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = i as u8 as char;
        i += 1;
    }
    let high = &super::cp1252::CP1252_HIGH;
    let mut k = 0;
    while k < high.len() {
        t[high[k].0 as usize] = high[k].1;
        k += 1;
    }
    t
};

/// A line of UTF-8 with a few invalid bytes: each valid sequence is kept,
/// each invalid byte read as Windows-1252 (`caf\xE9 Việt` → `café Việt`).
/// Returns the text and the number of invalid spans.
fn decode_utf8_with_cp1252(line: &[u8]) -> (String, usize) {
    // Room for every byte to be invalid (a legacy-font line nearly is):
    // each becomes a char of two or three bytes.
    let mut out = String::with_capacity(2 * line.len() + 8);
    let mut spans = 0;
    for chunk in line.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            spans += 1;
            out.extend(chunk.invalid().iter().map(|&b| CP1252_CHARS[usize::from(b)]));
        }
    }
    (out, spans)
}

/// A Windows-1258 line: `Thu\xD2 t\xFD\xF5\xECng` (tone marks as separate
/// combining bytes 0xCC 0xEC 0xDE 0xD2 0xF2) → `Thủ tướng`. Composes to NFC
/// with the tone kept on the vowel it was typed on.
fn decode_windows_1258(line: &[u8]) -> String {
    let (s, _) = WINDOWS_1258.decode_without_bom_handling(line);
    decomposed::fix_decomposed(&s).unwrap_or_else(|| s.into_owned())
}

/// Score of a decoded line once repaired.
fn repaired_score(s: &str, memos: &Memos, scores: &mut TokenScores) -> i32 {
    scores.text_score(&repair_str_in(s, memos, Report::quiet("utf-8")).0)
}

/// [`super::syllable::text_score`] with each distinct token scored once per document: both
/// readings of every line of a legacy-font file are scored, and after
/// repair they share most of their words (`Thủ`, `tướng`, `nhân dân` in
/// line after line).
#[derive(Default)]
struct TokenScores {
    table: TokenTable,
    /// Per token id of `table`, its [`token_score`].
    scores: Vec<i32>,
}

impl TokenScores {
    /// The sum of [`token_score`] over the whitespace tokens of `s`, as
    /// [`super::syllable::text_score`] sums them (an empty token scores 0).
    fn text_score(&mut self, s: &str) -> i32 {
        let mut sum = 0;
        for tok in s.split(|c: char| c.is_ascii_whitespace()).filter(|t| !t.is_empty()) {
            let (id, new) = self.table.intern(tok);
            if new {
                self.scores.push(token_score(tok));
            }
            sum += self.scores[id];
        }
        sum
    }
}

/// One line that is not valid UTF-8, decoded both ways.
struct Candidates<'a> {
    /// The line's bytes (shown, lossily, in the report).
    raw: &'a [u8],
    w1258: String,
    utf8: String,
    spans: usize,
    /// Repaired score of `w1258` minus that of `utf8`.
    margin: i32,
}

/// Invalid UTF-8: per line, choose between Windows-1258 and UTF-8 with
/// Windows-1252 fallback by the syllable model. Lines that read the same
/// either way (`nh\xFD` is `như` in 1258 and `nhý` in 1252) follow the
/// document's majority, then chardetng's guess.
fn decode_mixed(bytes: &[u8], report: Report) -> (String, Report) {
    let memos = Memos::default();
    let mut scores = TokenScores::default();
    let has_utf8 = bytes.utf8_chunks().any(|c| !c.valid().is_ascii());
    let lines: Vec<Result<&str, Candidates<'_>>> = bytes
        .split_inclusive(|&b| b == b'\n')
        .map(|line| {
            std::str::from_utf8(line).map_err(|_| {
                let w1258 = decode_windows_1258(line);
                let (utf8, spans) = decode_utf8_with_cp1252(line);
                // Bytes both code pages read alike (most of a line in a
                // legacy font's 8-bit text) need no scoring: a tie.
                let margin = if w1258 == utf8 {
                    0
                } else {
                    repaired_score(&w1258, &memos, &mut scores) - repaired_score(&utf8, &memos, &mut scores)
                };
                Candidates { raw: line, w1258, utf8, spans, margin }
            })
        })
        .collect();
    let votes: i64 = lines.iter().filter_map(|l| l.as_ref().err()).map(|c| c.margin.signum() as i64).sum();
    // Ư Ơ Đ Ă (and lowercase) exist only in Vietnamese: a tie goes to 1258
    // when its reading has them (`TH\xDD` = `THƯ`, not `THÝ`).
    let viet_only = || {
        lines.iter().filter_map(|l| l.as_ref().err()).any(|c| c.w1258.contains(['ư', 'ơ', 'đ', 'ă', 'Ư', 'Ơ', 'Đ', 'Ă']))
    };
    let tie_1258 = votes > 0
        || (votes == 0 && !has_utf8 && viet_only())
        || (votes == 0 && !has_utf8 && {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            det.guess(Some(b"vn"), chardetng::Utf8Detection::Allow) == WINDOWS_1258
        });
    let mut pre = report.empty_like("utf-8");
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 4);
    let (mut n1258, mut n_other) = (0usize, 0usize);
    for line in &lines {
        match line {
            Ok(s) => text.push_str(s),
            Err(c) if c.margin > 0 || (c.margin == 0 && tie_1258) => {
                n1258 += 1;
                if has_utf8 {
                    pre.record(Family::Windows1258, &String::from_utf8_lossy(c.raw), &c.w1258);
                }
                text.push_str(&c.w1258);
            }
            Err(c) => {
                n_other += 1;
                if has_utf8 {
                    pre.record_n(Family::InvalidUtf8, c.spans, &String::from_utf8_lossy(c.raw), &c.utf8);
                }
                text.push_str(&c.utf8);
            }
        }
    }
    let encoding = match (has_utf8, n1258 >= n_other) {
        (true, _) => "utf-8",
        (false, true) => "windows-1258",
        (false, false) => "windows-1252",
    };
    if !has_utf8 && n1258 > 0 {
        let first = lines.iter().filter_map(|l| l.as_ref().err()).find(|c| String::from_utf8_lossy(c.raw) != c.w1258);
        let (b, a) = first.map_or((String::new(), String::new()), |c| (String::from_utf8_lossy(c.raw).into_owned(), c.w1258.clone()));
        pre.record_n(Family::Windows1258, n1258, &b, &a);
    }
    finish(&text, encoding.to_string(), pre, report, &memos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1258_bytes() {
        let bytes = b"Thu\xD2 t\xFD\xF5\xECng Ch\xEDnh phu\xD2 ho\xE0\n";
        let (t, r) = repair_bytes(bytes);
        assert_eq!(t, "Thủ tướng Chính phủ hoà\n");
        assert_eq!(r.encoding, "windows-1258");
    }

    #[test]
    fn invalid_bytes_in_utf8() {
        let (t, r) = repair_bytes(b"Ngh\xe1\xbb\x8b \xc4\x91\xe1\xbb\x8bnh caf\xe9\n");
        assert_eq!(t, "Nghị định café\n");
        assert_eq!(r.count(Family::InvalidUtf8), 1);
        assert_eq!(r.encoding, "utf-8");
    }
}
