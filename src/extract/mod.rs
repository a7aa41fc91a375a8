//! Extract: document facts, task clauses with agencies and deadlines, and
//! citations, from repaired text.
//!
//! Order: layout and header ([`crate::segment`]), closing and appendix,
//! body blocks and sections, citations, tasks (body and appendix tables),
//! then issuer, type and signer with their fallbacks.
//!
//! Must never: invent an agency that is not named in the text.

pub mod agencies;
pub mod citations;
pub mod deadlines;
pub mod lists;
pub mod tables;
pub mod tasks;

use crate::model::{Document, Section};
use crate::segment::{self, blocks, closing, header};

/// Byte offset → char offset converter: chars before each 64-byte block,
/// then the lead bytes (not UTF-8 continuation bytes) inside the block.
struct CharIndex<'a> {
    bytes: &'a [u8],
    blocks: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    fn new(s: &'a str) -> Self {
        let bytes = s.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / 64 + 1);
        let mut n = 0;
        for chunk in bytes.chunks(64) {
            blocks.push(n);
            n += usize::from(lead_bytes(chunk));
        }
        blocks.push(n);
        CharIndex { bytes, blocks }
    }
    fn at(&self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        let k = byte / 64;
        self.blocks[k] + usize::from(lead_bytes(&self.bytes[k * 64..byte]))
    }
}

/// The lead bytes (not UTF-8 continuation bytes `10xxxxxx`) of at most 255
/// bytes, counted in a `u8` so that the sum runs over whole vector registers
/// (a `usize` count of `filter` was 4.6 instructions a byte; every byte of
/// every document is counted here).
fn lead_bytes(chunk: &[u8]) -> u8 {
    // a continuation byte is 0x80..=0xBF: below -64 as an i8
    chunk.iter().fold(0u8, |n, &b| n.wrapping_add(u8::from(b as i8 >= -64)))
}

/// `Văn phòng Chính phủ xin thông báo` at the end of a notice: the issuer.
fn announcer(text: &str, ms: &[agencies::Mention], from: usize, to: usize) -> Option<String> {
    first_followed_by(text, ms, from, to, &["xin thông báo", "trân trọng thông báo", "thông báo để"])
}

/// The body that opens the first instruction of a letter (`UBND tỉnh yêu cầu ...`).
fn first_speaker(text: &str, ms: &[agencies::Mention], from: usize, to: usize) -> Option<String> {
    first_followed_by(text, ms, from, to, &["yêu cầu", "đề nghị", "giao", "chỉ đạo"])
}

/// The name of the first body (not a title) named in `from..to` whose
/// next words, lower-cased, are one of `words` (lower case, 24 chars at
/// most). Compared char by char: nothing is copied.
fn first_followed_by(text: &str, ms: &[agencies::Mention], from: usize, to: usize, words: &[&str]) -> Option<String> {
    ms.iter().filter(|m| m.start >= from && m.end <= to && m.kind != agencies::Kind::Title).find_map(|m| {
        let after = text[m.end..].trim_start();
        let starts = |w: &&str| {
            let mut lower = after.chars().flat_map(char::to_lowercase);
            w.chars().all(|c| lower.next() == Some(c))
        };
        words.iter().any(starts).then(|| m.name.clone())
    })
}

fn resolve_line(s: &str) -> Option<String> {
    agencies::canonicalize(s).or_else(|| agencies::resolve_whole(s, true))
}

/// `Ngày 25 tháng 01 năm 2024, tại ...` opening a notice: the year of the
/// first full date in the first lines of the body.
fn opening_year(text: &str, from: usize, to: usize) -> Option<i32> {
    static DATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}\s+năm\s+|\s*[/-]\s*\d{1,2}\s*[/-]\s*)(\d{4})")
            .unwrap_or_else(|_| unreachable!())
    });
    let mut end = (from + 400).min(to);
    while end > from && !text.is_char_boundary(end) {
        end -= 1;
    }
    DATE.captures(text.get(from..end)?)?.get(1)?.as_str().parse().ok()
}

/// Issuer and parent from the upper-case header lines (parent first).
fn issuer_from_lines(lines: &[String]) -> (Option<String>, Option<String>) {
    if lines.is_empty() {
        return (None, None);
    }
    let all = lines.join(" ");
    if let Some(n) = resolve_line(&all) {
        return (Some(n), None);
    }
    for k in (0..lines.len()).rev() {
        let tail = lines[k..].join(" ");
        if let Some(n) = resolve_line(&tail) {
            let head = lines[..k].join(" ");
            let parent = if k > 0 { resolve_line(&head).or_else(|| looks_like_body(&head).then(|| closing::title_case_role(&head))) } else { None };
            return (Some(n), parent);
        }
    }
    // not in the registry: keep it only when it reads like a body's name
    let last = &lines[lines.len() - 1];
    (looks_like_body(last).then(|| closing::title_case_role(last)), None)
}

/// Head words of Vietnamese body names (folded), for names the registry
/// does not know (`CỤC HÓA CHẤT`, `CÔNG TY ...`, `TRƯỜNG ...`).
const BODY_HEADS: &[&str] = &[
    "bo ", "so ", "uy ban", "ubnd", "ban ", "cuc ", "tong cuc", "vu ", "vien ", "truong ", "cong ty", "hoi ", "tinh uy",
    "dang uy", "dang bo", "huyen uy", "thanh uy", "van phong", "thanh tra", "toa an", "dai ", "bao hiem", "kho bac", "chi cuc",
    "trung tam", "phong ", "cong an", "hoc vien", "dai hoc", "ngan hang", "lien doan", "doan ", "mat tran", "quoc hoi",
    "chinh phu", "hoi dong", "tap doan", "tong cong ty", "bo chi huy", "benh vien",
];

fn looks_like_body(s: &str) -> bool {
    let f = format!("{} ", agencies::fold_str(s));
    s.chars().any(crate::text::is_alpha) && !s.contains('\u{fffd}') && BODY_HEADS.iter().any(|h| f.starts_with(h))
}

/// Fills the understanding fields of `doc` from `doc.text`.
pub fn understand(doc: &mut Document) {
    let text = doc.text.as_str();
    let lay = segment::layout(text);
    let head = header::header(text, &lay);
    let appendix = closing::appendix_start(text, &lay, head.end);
    let until = appendix.unwrap_or(text.len());
    let close = closing::closing_start(text, &lay, head.end, until);
    let body_end = close.unwrap_or(until);
    let mut blks = blocks::blocks(text, &lay, head.end, body_end);
    let secs = blocks::sections(text, &lay, &mut blks, body_end);
    let mentions = agencies::find(text, 0, text.len());

    // facts
    doc.number = head.number.clone();
    doc.place = head.place.clone();
    doc.issued_date = head.date.clone();
    doc.subject = head.subject.clone();
    doc.recipients = head.recipients.clone();
    let (sig, on_behalf) = closing::signer(text, &lay, body_end, until);
    doc.signer = sig;
    doc.distribution = close.map(|c| closing::distribution(text, &lay, c, until)).unwrap_or_default();

    let number_type = head.number.as_deref().and_then(|n| citations::number_at(n, 0)).and_then(|n| n.doc_type);
    let announced = announcer(text, &mentions, head.end, body_end);
    doc.doc_type = number_type
        .or(head.title_type.clone())
        .or_else(|| head.vv.then(|| "CV".to_string()))
        .or_else(|| announced.as_ref().map(|_| "TB".to_string()));

    let (mut issuer, parent) = issuer_from_lines(&head.issuer_lines);
    if issuer.is_none() {
        issuer = head
            .of_line
            .as_deref()
            .and_then(resolve_line)
            .or_else(|| head.of_line.as_deref().map(closing::title_case_role))
            .or(announced)
            .or_else(|| head.attached_to.as_deref().and_then(|a| {
                let ms = agencies::find(a, 0, a.len());
                ms.into_iter().find(|m| m.kind != agencies::Kind::Title).map(|m| m.name)
            }))
            .or_else(|| on_behalf.as_deref().and_then(resolve_line))
            .or_else(|| {
                let letter = head.vv || !head.recipients.is_empty();
                letter.then(|| first_speaker(text, &mentions, head.end, (head.end + 3000).min(body_end))).flatten()
            });
    }
    doc.issuer = issuer;
    doc.issuer_parent = parent;

    // deadlines resolve against the document's date, else its year
    let year = head
        .date
        .as_deref()
        .and_then(|d| d.get(0..4)?.parse().ok())
        .or(head.year)
        .or_else(|| {
            let s = head.subject.as_deref()?;
            let p = s.find("năm ")?;
            s[p + 4..].get(0..4)?.parse().ok()
        })
        .or_else(|| opening_year(text, head.end, body_end));
    let anchor = deadlines::Anchor { date: head.date.clone(), year };

    doc.citations = citations::citations(text, head.number_span);

    let ctx = tasks::Ctx { text, lay: &lay, mentions: &mentions, anchor: &anchor, issuer: doc.issuer.as_deref() };
    let mut all = tasks::tasks(&ctx, &blks, &secs);
    if let Some(a) = appendix {
        all.extend(tables::table_tasks(text, &lay, a, text.len(), &anchor));
    }
    let ci = CharIndex::new(text);
    for (i, t) in all.iter_mut().enumerate() {
        t.id = format!("t{}", i + 1);
        t.start = ci.at(t.start);
        t.end = ci.at(t.end);
    }
    doc.tasks = all;
    doc.sections = secs
        .iter()
        .map(|s| Section { path: s.path.clone(), heading: s.heading.clone(), start: ci.at(s.start), end: ci.at(s.end) })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// [`CharIndex::at`] is the number of chars before the byte, at every
        /// char boundary, across 64-byte blocks of 1- to 4-byte chars.
        #[test]
        fn char_index_counts_chars(s in "[a ếđẠ\u{7FF}\u{800}\u{FFFF}😀\u{10FFFF}]{0,200}") {
            let ci = CharIndex::new(&s);
            for (k, (i, _)) in s.char_indices().chain([(s.len(), ' ')]).enumerate() {
                proptest::prop_assert_eq!(ci.at(i), k, "{:?} at {}", s, i);
            }
            let plain = s.as_bytes().iter().filter(|&&b| (b & 0xC0) != 0x80).count();
            proptest::prop_assert_eq!(usize::from(lead_bytes(&s.as_bytes()[..s.len().min(255)])), s.as_bytes()[..s.len().min(255)].iter().filter(|&&b| (b & 0xC0) != 0x80).count());
            proptest::prop_assert_eq!(ci.at(usize::MAX), plain);
        }
    }

    #[test]
    fn followed_by_compares_the_lower_case_words() {
        let text = "Bộ Y tế XIN THÔNG BÁO: ... Bộ Tài chính  đề nghị ... Bộ Công an Giao";
        let at = |name: &str| {
            let start = text.find(name).unwrap_or(0);
            agencies::Mention { start, end: start + name.len(), name: name.to_string(), kind: agencies::Kind::Ministry }
        };
        let ms = [at("Bộ Y tế"), at("Bộ Tài chính"), at("Bộ Công an")];
        assert_eq!(announcer(text, &ms, 0, text.len()).as_deref(), Some("Bộ Y tế"));
        assert_eq!(first_speaker(text, &ms, 0, text.len()).as_deref(), Some("Bộ Tài chính"));
        assert_eq!(first_speaker(text, &ms[2..], 0, text.len()).as_deref(), Some("Bộ Công an"));
        assert_eq!(first_speaker(text, &ms, 0, 20), None);
        // `İ` lower-cases to two chars (`i̇`): no `xin` here, as with `to_lowercase`
        let dotted = "Bộ Y tế XİN THÔNG BÁO";
        assert_eq!(announcer(dotted, &ms[..1], 0, dotted.len()), None);
        assert_eq!(announcer(&dotted.replace('İ', "I"), &ms[..1], 0, dotted.len()).as_deref(), Some("Bộ Y tế"));
    }
}
