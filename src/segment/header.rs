//! Header: the issuing body (and its parent line), `Số: 59/TB-VPCP`, place
//! and date, the document-type title, the subject (the lines after the
//! title, or `V/v ...`) and the `Kính gửi:` recipients.
//!
//! Must never: read a date or number from the body as the document's own.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::{squash, Layout};

/// What the header block says.
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// Upper-case lines above the title/number (issuing body, parent first).
    pub issuer_lines: Vec<String>,
    pub number: Option<String>,
    pub number_span: Option<(usize, usize)>,
    pub place: Option<String>,
    pub date: Option<String>,
    /// A year read from the header even when the day is blank.
    pub year: Option<i32>,
    /// Type abbreviation read from the title line (`KẾ HOẠCH` → `KH`).
    pub title_type: Option<String>,
    /// `CỦA BAN THƯỜNG VỤ TỈNH ỦY` under the title.
    pub of_line: Option<String>,
    pub subject: Option<String>,
    /// The subject was a `V/v` line (a công văn).
    pub vv: bool,
    pub recipients: Vec<String>,
    /// `(Ban hành kèm theo ... của X)`: X.
    pub attached_to: Option<String>,
    /// Byte offset where the body starts.
    pub end: usize,
}

/// Title words and the type abbreviation they stand for.
pub const TITLES: &[(&str, &str)] = &[
    ("THÔNG BÁO", "TB"),
    ("KẾ HOẠCH", "KH"),
    ("QUYẾT ĐỊNH", "QĐ"),
    ("CHỈ THỊ", "CT"),
    ("NGHỊ QUYẾT", "NQ"),
    ("KẾT LUẬN", "KL"),
    ("BÁO CÁO", "BC"),
    ("TỜ TRÌNH", "TTr"),
    ("CHƯƠNG TRÌNH", "CTr"),
    ("HƯỚNG DẪN", "HD"),
    ("QUY CHẾ", "QC"),
    ("QUY ĐỊNH", "QĐi"),
    ("NGHỊ ĐỊNH", "NĐ"),
    ("THÔNG TƯ", "TT"),
    ("CÔNG ĐIỆN", "CĐ"),
    ("GIẤY MỜI", "GM"),
    ("CÔNG VĂN", "CV"),
    ("ĐỀ ÁN", "ĐA"),
    ("PHƯƠNG ÁN", "PA"),
    ("BIÊN BẢN", "BB"),
    ("PHIẾU TRÌNH", "PTr"),
];

static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[ \t(])(?P<place>(?:TP\.\s*)?\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}[\p{Ll}.]*){0,4})\s*,\s*(?:ngày\s*(?P<d>\d{1,2})?[\s.…_]*tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})|(?:ngày\s*)?(?P<d2>\d{1,2})\s*[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))")
        .unwrap_or_else(|_| unreachable!())
});
static BLANK_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"tháng\s*(\d{1,2})\s*năm\s*(\d{4})").unwrap_or_else(|_| unreachable!()));
/// `Số:` with its colon: ends an issuer line or a subject.
static NUMBER_COLON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)Số\s*[:：]").unwrap_or_else(|_| unreachable!()));
/// `Số:` or `Số` before the number (checked by parsing the number right after it).
static NUMBER_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)Số\s*[:：]?\s*").unwrap_or_else(|_| unreachable!()));
static ATTACHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\(\s*(?:ban hành\s+)?kèm theo\b[^)]*?\bcủa\s+(?P<who>[^)]+)\)?").unwrap_or_else(|_| unreachable!())
});

const MOTTOS: &[&str] = &["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc"];

fn is_separator(s: &str) -> bool {
    let t = s.trim();
    t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '_' | '=' | '*' | '.' | ' ' | '–' | '—'))
}

/// `s` has two letters or more and all its letters are upper case.
fn upper_ratio_ok(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars().filter(|&c| crate::text::is_alpha(c)) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// Whether the folded form of `s` ([`crate::extract::agencies::fold_str`])
/// starts with `prefix`, folding only as many chars as `prefix` has.
fn folded_starts_with(s: &str, prefix: &str) -> bool {
    let mut folded = s.chars().map(crate::text::fold_fast);
    prefix.chars().all(|p| folded.next() == Some(p))
}

/// [`PLACE_DATE`] matches somewhere in `s`; lines that cannot hold one
/// ([`may_hold_place_date`]) are passed without running the regex.
fn has_place_date(s: &str) -> bool {
    may_hold_place_date(s) && PLACE_DATE.is_match(s)
}

/// Whether `s` has a comma followed (after white space) by `ngày` or a
/// digit, as every [`PLACE_DATE`] match has (`Hà Nội, ngày 5 tháng 3`,
/// `Huế, 05/3/2024`); body lines seldom do.
fn may_hold_place_date(s: &str) -> bool {
    memchr::memchr_iter(b',', s.as_bytes()).any(|p| {
        let rest = s[p + 1..].trim_start();
        rest.starts_with("ngày") || rest.starts_with(char::is_numeric)
    })
}

/// Type abbreviation when `s` is a title line (`THÔNG BÁO`, `KẾ HOẠCH`).
pub fn title_type(s: &str) -> Option<&'static str> {
    let t = s.trim();
    let title = TITLES.iter().find(|(w, _)| {
        t.strip_prefix(w).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':', '\t']))
    });
    title.filter(|_| upper_ratio_ok(t)).map(|(_, a)| *a)
}

/// `s` with the national and Party mottos blanked out and cut before a
/// `Số:` label or a place and date (a line of a two-column header).
fn strip_mottos(s: &str) -> String {
    let mut t = Cow::Borrowed(s);
    for m in MOTTOS {
        if t.contains(m) {
            t = Cow::Owned(t.replace(m, " "));
        }
    }
    let mut end = t.len();
    if let Some(p) = NUMBER_COLON.find(&t) {
        end = p.start();
    }
    if may_hold_place_date(&t[..end]) {
        if let Some(p) = PLACE_DATE.find(&t[..end]) {
            end = p.start();
        }
    }
    squash(&t[..end])
}

/// `s` opens the body: a section marker (`I.`, `1.`, `a)`, `Điều 1`) or a
/// preamble phrase (`Căn cứ`, `Thực hiện`, `Theo đề nghị`, `Ngày ...`).
fn starts_body(s: &str) -> bool {
    let t = s.trim_start();
    super::blocks::section_marker_of(s).is_some()
        || (t.starts_with(char::is_uppercase)
            && ["can cu", "thuc hien", "theo de nghi", "xet de nghi", "ngay "].iter().any(|p| folded_starts_with(t, p)))
}

/// Reads the header block of `text`.
pub fn header(text: &str, lay: &Layout) -> Header {
    let mut h = Header::default();
    let n = lay.lines.len();
    // the header zone: up to the first body line, at most 45 non-blank lines
    let mut zone = Vec::new();
    for i in 0..n {
        if !lay.in_flow(text, i) {
            continue;
        }
        let s = lay.text(text, i);
        if starts_body(s) && !has_place_date(s) || zone.len() >= 45 {
            break;
        }
        zone.push(i);
    }
    let mut end_line: Option<usize> = None;
    let mut title_at: Option<usize> = None;
    let mut number_at: Option<usize> = None;
    for (k, &i) in zone.iter().enumerate() {
        let l = lay.lines[i];
        let s = &text[l.start..l.end];
        if h.number.is_none() {
            if let Some(m) = NUMBER_LABEL.find(s) {
                if let Some(num) = crate::extract::citations::number_at(text, l.start + m.end()) {
                    if num.start == l.start + m.end() || (text[l.start + m.end()..num.start].trim().is_empty() && num.start - (l.start + m.end()) <= 8) {
                        h.number = Some(num.number.clone());
                        h.number_span = Some((num.start, num.end));
                        number_at = Some(k);
                        end_line = end_line.max(Some(k));
                    }
                }
            }
        }
        if h.place.is_none() && h.date.is_none() && may_hold_place_date(s) {
            if let Some(c) = PLACE_DATE.captures(s) {
                let g = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
                let place = c.name("place").map(|m| squash(m.as_str()));
                if place.as_deref().is_some_and(|p| !["Ngày", "Số"].contains(&p)) {
                    h.place = place;
                    let (d, m, y) = if c.name("m").is_some() { (g("d"), g("m"), g("y")) } else { (g("d2"), g("m2"), g("y2")) };
                    h.year = y.map(|y| y as i32);
                    if let (Some(d), Some(m), Some(y)) = (d, m, y) {
                        h.date = crate::extract::citations::iso(d, m, y as i32);
                    }
                    end_line = end_line.max(Some(k));
                }
            }
        }
        if title_at.is_none() {
            if let Some(t) = title_type(s) {
                h.title_type = Some(t.to_string());
                title_at = Some(k);
                end_line = end_line.max(Some(k));
            }
        }
    }
    // issuer lines: upper-case lines before the title / number
    // (the number line itself may carry the issuer's last line in a column layout)
    let stop = title_at.unwrap_or(zone.len()).min(number_at.map_or(usize::MAX, |k| k + 1)).min(12);
    for &i in zone.iter().take(stop) {
        let s = strip_mottos(lay.text(text, i));
        if s.is_empty() || is_separator(&s) || !upper_ratio_ok(&s) || title_type(&s).is_some() {
            continue;
        }
        h.issuer_lines.push(s);
    }
    // subject: V/v lines, or lines after the title
    let vv_at = zone.iter().position(|&i| {
        let s = lay.text(text, i);
        s.starts_with("V/v") || s.starts_with("V/V") || s.starts_with("v/v")
    });
    let subj_from = vv_at.or(title_at.map(|t| t + 1));
    if let Some(from) = subj_from {
        h.vv = vv_at.is_some();
        let mut parts: Vec<String> = Vec::new();
        // `QUYẾT ĐỊNH CHẤP THUẬN ...`: the title line carries the subject's start
        let mut caps_subject = false;
        if let (false, Some(t)) = (h.vv, title_at) {
            let line = lay.text(text, zone[t]);
            let word = TITLES.iter().find(|(w, _)| line.starts_with(w)).map_or(0, |(w, _)| w.len());
            let rest = line[word..].trim_start_matches([' ', ':', '\t']).trim();
            if !rest.is_empty() {
                parts.push(rest.to_string());
                caps_subject = true;
            }
        }
        let mut k = from;
        let mut blank_run = 0;
        while k < zone.len() {
            let i = zone[k];
            let s = lay.text(text, i);
            let prev_blank = i > 0 && lay.is_blank(text, i - 1);
            if k > from {
                blank_run = if prev_blank && !lay.double_spaced { blank_run + 1 } else { 0 };
            }
            let motto = MOTTOS.iter().any(|m| s.contains(m)) || (h.vv && upper_ratio_ok(s) && k > from);
            if motto || is_separator(s) || s.starts_with('(') || folded_starts_with(s, "kinh gui") || has_place_date(s) || NUMBER_COLON.is_match(s) || starts_body(s) {
                break;
            }
            if !h.vv && (blank_run > 0 && !parts.is_empty() || parts.len() >= 5) {
                break;
            }
            if caps_subject && !upper_ratio_ok(s) {
                break;
            }
            if upper_ratio_ok(s) && !h.vv {
                if parts.is_empty() && folded_starts_with(s, "cua ") {
                    h.of_line = Some(squash(&s[s.find(' ').unwrap_or(0)..]));
                    end_line = end_line.max(Some(k));
                    k += 1;
                    continue;
                }
                if !caps_subject && (!parts.is_empty() || k > from) {
                    break;
                }
            }
            parts.push(s.to_string());
            end_line = end_line.max(Some(k));
            k += 1;
        }
        let joined = squash(&parts.join(" "));
        let joined = joined.strip_prefix("V/v").or_else(|| joined.strip_prefix("V/V")).unwrap_or(&joined).trim().to_string();
        let joined = join_numbers(&joined);
        if !joined.is_empty() {
            h.subject = Some(joined);
        }
    }
    // parenthesised note under the title: `(Ban hành kèm theo ... của X)`
    for (k, &i) in zone.iter().enumerate() {
        let s = lay.text(text, i);
        if s.starts_with('(') {
            let mut buf = String::new();
            let mut kk = k;
            while kk < zone.len() {
                buf.push_str(lay.text(text, zone[kk]));
                buf.push(' ');
                if lay.text(text, zone[kk]).contains(')') {
                    break;
                }
                kk += 1;
            }
            if let Some(c) = ATTACHED.captures(buf.trim()) {
                h.attached_to = c.name("who").map(|m| squash(m.as_str()));
                if h.year.is_none() {
                    h.year = BLANK_DATE.captures(&buf).and_then(|c| c.get(2)).and_then(|m| m.as_str().parse().ok());
                }
                end_line = end_line.max(Some(kk.min(zone.len() - 1)));
            }
            break;
        }
    }
    // Kính gửi
    if let Some(kg) = zone.iter().position(|&i| folded_starts_with(lay.text(text, i), "kinh gui")) {
        let s = lay.text(text, zone[kg]);
        let rest = s.split_once(':').map(|(_, r)| r.trim()).unwrap_or("");
        let rest = rest.trim_start_matches(['-', '–']).trim();
        if !rest.is_empty() {
            h.recipients.push(rest.to_string());
        }
        end_line = end_line.max(Some(kg));
        for (k, &i) in zone.iter().enumerate().skip(kg + 1) {
            let s = lay.text(text, i);
            match s.strip_prefix(['-', '–', '+', '•']) {
                Some(r) => {
                    h.recipients.push(r.trim().to_string());
                    end_line = Some(k);
                }
                None if h.recipients.is_empty() && !starts_body(s) => {
                    h.recipients.push(s.to_string());
                    end_line = Some(k);
                }
                None => break,
            }
        }
        h.recipients = h
            .recipients
            .iter()
            .map(|r| squash(r.trim_end_matches([';', ',', '.', ' '])))
            .filter(|r| !r.is_empty())
            .collect();
    }
    // body starts after the last header element (and any separator right after it)
    if let Some(k) = end_line {
        let mut last = zone[k];
        for &i in zone.iter().skip(k + 1) {
            if is_separator(lay.text(text, i)) {
                last = i;
            } else {
                break;
            }
        }
        h.end = lay.lines[last].end.min(text.len());
    }
    h
}

static SPLIT_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d[\w/Đ]*[-/])\s+([A-ZĐ][A-Za-zĐ]*)").unwrap_or_else(|_| unreachable!()));

/// Joins a document number broken by a line break: `59/TB- VPCP` → `59/TB-VPCP`.
pub fn join_numbers(s: &str) -> String {
    SPLIT_NUMBER.replace_all(s, "$1$2").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_starts_with_is_fold_str_starts_with() {
        for (s, p) in [("Kính gửi: Bộ", "kinh gui"), ("KÍNH GỬI", "kinh gui"), ("Kính", "kinh gui"), ("CỦA BAN", "cua "), ("Căn cứ", "can cu"), ("", "ngay ")] {
            assert_eq!(folded_starts_with(s, p), crate::extract::agencies::fold_str(s).starts_with(p), "{s:?} {p:?}");
        }
    }

    #[test]
    fn place_date_needs_a_comma_then_a_day() {
        for s in ["Hà Nội, ngày 05 tháng 3 năm 2024", "Huế,05/3/2024", "TP. Hồ Chí Minh ,\u{A0}ngày  tháng 3 năm 2024", "Đà Nẵng, 5-3-2024"] {
            assert!(PLACE_DATE.is_match(s) && may_hold_place_date(s), "{s:?}");
        }
        for s in ["Bộ Y tế, Bộ Tài chính", "Hà Nội ngày 5 tháng 3 năm 2024", "năm 2024, các bộ"] {
            assert!(!has_place_date(s), "{s:?}");
        }
    }

    #[test]
    fn strip_mottos_cuts_number_and_place_date() {
        assert_eq!(strip_mottos("BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "BỘ Y TẾ");
        assert_eq!(strip_mottos("UBND TỈNH Số: 12/UBND Hà Nội, ngày 1 tháng 2 năm 2024"), "UBND TỈNH");
        assert_eq!(strip_mottos("SỞ TÀI CHÍNH Hà Nội, ngày 1 tháng 2 năm 2024"), "SỞ TÀI CHÍNH");
        assert!(upper_ratio_ok("BỘ Y TẾ") && !upper_ratio_ok("Bộ Y TẾ") && !upper_ratio_ok("B 1"));
    }
}
