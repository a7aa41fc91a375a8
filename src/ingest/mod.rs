//! Ingest: text out of PDF, DOCX, HTML and text files of any encoding.
//!
//! Must never: panic on hostile input, or read past the configured limits.

pub mod docx;
pub mod flow;
pub mod html;
pub mod pdf;
pub mod readahead;

use std::path::Path;
use std::time::Duration;

use crate::model::RepairCount;

/// The file formats vanban reads, told from content, not the extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    Html,
    Text,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Text => "text",
        }
    }
}

/// Resource limits applied to every file.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_file_size: u64,
    pub max_pages: u32,
    /// Largest decompressed stream or zip entry, or text/HTML file, in
    /// bytes; a PDF's streams together may inflate to four times it.
    pub max_inflated: u64,
    /// Password of user-password-protected PDFs (`--password`).
    pub password: Option<String>,
    /// Time budget for one file (`--file-timeout`); `None` is unbounded.
    pub timeout: Option<Duration>,
}

impl Default for Limits {
    fn default() -> Self {
        // 64 MiB per stream: real content streams stay far below it, and a
        // bomb is refused before memory passes ~200 MB.
        Limits { max_file_size: 512 << 20, max_pages: 2000, max_inflated: 64 << 20, password: None, timeout: None }
    }
}

/// Text of one file, repaired, with page boundaries.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    pub text: String,
    pub pages: u32,
    pub page_starts: Vec<usize>,
    pub pages_without_text: Vec<u32>,
    pub encoding: String,
    pub repairs: Vec<RepairCount>,
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{0}")]
    Unsupported(String),
    #[error("malformed {format}: {reason}")]
    Malformed { format: &'static str, reason: String },
    #[error("over limit: {0}")]
    Limit(String),
    #[error("encrypted: {0}")]
    Encrypted(String),
}

/// Tells the format from the first bytes.
pub fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    // Substring searches by memchr's SIMD finder: a window-by-window compare
    // of the first KiB was a percent of a text file's extraction.
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        Format::Pdf
    } else if head.starts_with(b"PK\x03\x04") {
        Format::Docx
    } else {
        let lower = head.to_ascii_lowercase();
        // Every tag opens with `<`: a head without one is text.
        let has = |tag: &[u8]| memchr::memmem::find(&lower, tag).is_some();
        if memchr::memchr(b'<', head).is_some()
            && (has(b"<html") || has(b"<!doctype") || has(b"<head>") || has(b"<body") || has(b"<meta "))
        {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// What a file that is none of the formats vanban reads looks like:
/// a few known binary formats by their magic bytes, else any content
/// where control bytes (other than tab, line breaks, form feed) pass 5 %
/// of the first 64 KiB. Legacy Vietnamese encodings use a handful of
/// control codes (VISCII's Ẳ Ẵ Ẫ Ỷ Ỹ Ỵ) but never that many; UTF-16 is
/// recognised by its byte-order mark.
pub fn binary_kind(bytes: &[u8]) -> Option<String> {
    const KNOWN: &[(&[u8], &str)] = &[
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "a legacy Word/Excel (.doc/.xls, OLE2) file: not supported; save it as DOCX or PDF"),
        (b"\xFF\xD8\xFF", "no text layer: a JPEG image (a scan?); it needs OCR"),
        (b"\x89PNG", "no text layer: a PNG image (a scan?); it needs OCR"),
        (b"II*\0", "no text layer: a TIFF image (a scan?); it needs OCR"),
        (b"MM\0*", "no text layer: a TIFF image (a scan?); it needs OCR"),
    ];
    if let Some((_, what)) = KNOWN.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(what.to_string());
    }
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return None;
    }
    let sample = &bytes[..bytes.len().min(64 << 10)];
    // Bytes below 0x20 and DEL bound the control bytes from above (a cheaper
    // count): text, with its line breaks and tabs, stays far under 5 %.
    if count_bytes(sample, |b| (b < 0x20) | (b == 0x7f)) * 20 <= sample.len() {
        return None;
    }
    let controls = count_controls(sample);
    (controls * 20 > sample.len()).then(|| {
        format!("unrecognised binary content ({controls} control bytes in the first {} bytes): not a PDF, DOCX, HTML or text file", sample.len())
    })
}

/// The control bytes of `sample` other than tab, line breaks, form feed and
/// the DOS end-of-file mark (0x1A).
fn count_controls(sample: &[u8]) -> usize {
    count_bytes(sample, |b| {
        let text = (b == b'\t') | (b == b'\n') | (b == b'\r') | (b == 0x0c) | (b == 0x1a);
        (b < 0x20) & !text | (b == 0x7f)
    })
}

/// The bytes of `sample` that `pred` (branch-free) holds for, counted into
/// a byte-wide counter per 255-byte chunk, which the compiler turns into
/// SIMD compares: a filtered count with a branch per byte went at a byte a
/// step.
#[inline(always)]
fn count_bytes(sample: &[u8], pred: impl Fn(u8) -> bool) -> usize {
    sample.chunks(255).map(|chunk| usize::from(chunk.iter().map(|&b| u8::from(pred(b))).fold(0, u8::wrapping_add))).sum()
}

/// The byte-order mark a UTF-16 text saved without one should have had:
/// Vietnamese is mostly ASCII letters and spaces, so one byte of most
/// pairs is zero (the odd ones in little-endian, the even ones in
/// big-endian) and the other almost never is.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static [u8]> {
    if encoding_rs::Encoding::for_bom(bytes).is_some() || bytes.len() < 8 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(64 << 10) & !1];
    // UTF-16 of any script has zero bytes; a text without one is not it.
    memchr::memchr(0, sample)?;
    let pairs = sample.len() / 2;
    let zeros = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    let utf16 = |hi: usize, lo: usize| hi * 10 > pairs * 3 && lo * 20 < pairs;
    if utf16(odd, even) {
        Some(b"\xFF\xFE")
    } else if utf16(even, odd) {
        Some(b"\xFE\xFF")
    } else {
        None
    }
}

/// Reads one file's bytes into repaired text.
pub fn ingest_bytes(_path: &Path, bytes: &[u8], limits: &Limits) -> Result<(Format, Ingested), IngestError> {
    let format = sniff(bytes);
    // Text and HTML are their own inflated size: the same bound as a DOCX
    // part or a PDF stream keeps one document's memory bounded.
    if matches!(format, Format::Text | Format::Html) && bytes.len() as u64 > limits.max_inflated {
        return Err(IngestError::Limit(format!(
            "{} file of {} bytes, past {} bytes of text for one document (--max-inflated)",
            format.as_str(),
            bytes.len(),
            limits.max_inflated
        )));
    }
    let ingested = match format {
        Format::Text => {
            if let Some(bom) = utf16_without_bom(bytes) {
                return Ok((format, text(&[bom, bytes].concat())));
            }
            if let Some(what) = binary_kind(bytes) {
                return Err(IngestError::Unsupported(what));
            }
            text(bytes)
        }
        Format::Pdf => {
            let pages = pdf::extract(bytes, limits)?;
            let n = pages.len();
            let ing = pdf_text(pages);
            // Pages that all want OCR and not one letter or digit read: a
            // scan (or a file cut before its text), not an empty document.
            if ing.pages_without_text.len() == n && !ing.text.chars().any(char::is_alphanumeric) {
                return Err(if pdf::is_truncated(bytes) {
                    IngestError::Malformed { format: "pdf", reason: pdf::damage(bytes, "no text could be recovered") }
                } else {
                    IngestError::Unsupported(format!(
                        "no text layer: {n} page(s) of images or unmapped glyphs only (a scan?); it needs OCR"
                    ))
                });
            }
            ing
        }
        Format::Docx => single_page(&docx::extract(bytes, limits)?, None),
        Format::Html => {
            let depth = html::nesting_depth(bytes);
            if depth > html::MAX_DEPTH {
                return Err(IngestError::Limit(format!("HTML elements nest {depth} deep, past {}", html::MAX_DEPTH)));
            }
            let (text, encoding) = html::extract(bytes);
            single_page(&text, Some(encoding))
        }
    };
    Ok((format, ingested))
}

/// Plain text: decoded and repaired, line structure left as it is (the
/// extractor relies on line starts).
fn text(bytes: &[u8]) -> Ingested {
    let (text, report) = crate::repair::repair_bytes_nfc(bytes);
    // A byte-order mark decoded as U+FEFF is not text. (NFC never composes
    // U+FEFF with a neighbour: stripping it after NFC or before is alike.)
    let text = match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_owned(),
        None => text,
    };
    Ingested { pages: 1, page_starts: vec![0], pages_without_text: vec![], encoding: report.encoding.clone(), repairs: report.counts(), text }
}

/// DOCX and HTML text: one page, document numbers cut by a line break
/// mended, repaired, NFC.
fn single_page(text: &str, encoding: Option<String>) -> Ingested {
    let mut asm = Assembler::default();
    asm.page(&flow::join_split_numbers(text));
    let mut out = asm.finish();
    if let Some(e) = encoding {
        out.encoding = e;
    }
    out
}

/// Collects per-page texts into one repaired NFC text with page starts.
#[derive(Default)]
struct Assembler {
    out: Ingested,
    chars: usize,
}

impl Assembler {
    fn page(&mut self, raw: &str) {
        let (fixed, report) = crate::repair::repair_str_nfc(raw);
        if self.out.encoding.is_empty() {
            self.out.encoding = report.encoding.clone();
        }
        for c in report.counts() {
            match self.out.repairs.iter_mut().find(|r| r.kind == c.kind) {
                Some(r) => r.count += c.count,
                None => self.out.repairs.push(c),
            }
        }
        self.out.page_starts.push(self.chars);
        self.out.pages += 1;
        self.chars += fixed.chars().count();
        self.out.text.push_str(&fixed);
        if !fixed.is_empty() && !fixed.ends_with('\n') {
            self.out.text.push('\n');
            self.chars += 1;
        }
    }

    fn finish(mut self) -> Ingested {
        if self.out.encoding.is_empty() {
            self.out.encoding = "utf-8".into();
        }
        self.out
    }
}

/// Joins the laid-out lines of each PDF page into text: running headers,
/// footers and page numbers out, lines of one paragraph joined, document
/// numbers cut by a line break mended.
fn pdf_text(pages: Vec<pdf::Page>) -> Ingested {
    let texts: Vec<Vec<&str>> = pages.iter().map(|p| p.lines.iter().map(|l| l.text.as_str()).collect()).collect();
    let drop: std::collections::HashSet<(usize, usize)> = flow::running_lines(&texts).into_iter().collect();
    let mut asm = Assembler::default();
    for (n, page) in pages.iter().enumerate() {
        let lines: Vec<&pdf::Line> = page.lines.iter().enumerate().filter(|(i, _)| !drop.contains(&(n, *i))).map(|(_, l)| l).collect();
        asm.page(&pdf_page_text(&lines));
        if page.needs_ocr {
            asm.out.pages_without_text.push(n as u32 + 1);
        }
    }
    asm.finish()
}

fn percentile(mut v: Vec<f32>, p: f32) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() - 1) as f32 * p).round() as usize;
    v.get(i).copied()
}

fn pdf_page_text(lines: &[&pdf::Line]) -> String {
    let body: Vec<&&pdf::Line> = lines.iter().filter(|l| !l.in_block && l.text.chars().count() >= 30).collect();
    let left = percentile(body.iter().map(|l| l.x0).collect(), 0.1);
    let right = percentile(body.iter().map(|l| l.x1).collect(), 0.9);
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        out.push_str(&l.text);
        let Some(next) = lines.get(i + 1) else { break };
        if flow::splits_number(&l.text, &next.text) {
            continue;
        }
        let continues = match (left, right) {
            (Some(left), Some(right)) => {
                !l.in_block
                    && !next.in_block
                    && l.x1 >= right - 1.5 * l.size
                    && next.x0 <= left + 0.8 * next.size
                    && (l.y - next.y) > 0.0
                    && (l.y - next.y) <= 2.0 * l.size.max(next.size)
                    && (l.size - next.size).abs() < 1.5
                    && !l.text.ends_with(':')
                    && !flow::starts_item(&next.text)
            }
            _ => false,
        };
        out.push(if continues { ' ' } else { '\n' });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_count_matches_a_byte_by_byte_count() {
        let naive = |s: &[u8]| s.iter().filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1a)) || b == 0x7f).count();
        // Every byte value, in runs long enough to fill a chunk's counter.
        let all: Vec<u8> = (0..4000u32).map(|i| (i * 37 % 256) as u8).collect();
        let zeros = vec![0u8; 1000];
        for s in [&all[..], &all[..1], &all[..300], &zeros[..], b"Th\xF1 t\xADng\r\n\x0c\x1a\x7f\x01"] {
            assert_eq!(count_controls(s), naive(s));
        }
        assert_eq!(count_controls(&zeros), 1000);
    }

    #[test]
    fn binary_content_is_told_from_text() {
        let text = b"Kinh g\xFDi:\r\n\tC\xE1c b\xE9\x0c\n".repeat(50);
        assert_eq!(binary_kind(&text), None);
        let mut bin = text.clone();
        bin.extend(std::iter::repeat_n(0x01u8, text.len() / 10));
        assert!(binary_kind(&bin).is_some_and(|m| m.contains("control bytes")));
    }

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff(b"junk %PDF-1.7"), Format::Pdf);
        assert_eq!(sniff(b"PK\x03\x04rest"), Format::Docx);
        assert_eq!(sniff(b"\n<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(sniff(b"<META charset=utf-8>"), Format::Html);
        assert_eq!(sniff(b"Kinh gui: a < b"), Format::Text);
    }
}
