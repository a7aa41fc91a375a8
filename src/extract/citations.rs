//! Citations: numbered documents the text refers to: state forms
//! (`07/CT-TTg`, `73/2023/NĐ-CP`, `3722/VPCP-CN`, `06/2022/QH15`) and
//! Party forms (`41-CT/TW`), joined across line breaks, with their date.
//!
//! Must never: take a technical standard (`QCVN 01:2021/BYT`, `TCVN ...`)
//! or the document's own number for a citation.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Citation;
use crate::text::nfc;

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<party>(?-u:\b)(?P<pn>\d{1,4})[ \t]?-\s*(?P<ptype>[A-ZĐÐ][A-Za-zĐÐđ]{0,4})[ \t]?/\s*(?P<porg>[A-ZĐÐ][A-ZĐÐa-z]{0,9}))",
        r"|(?P<state>(?-u:\b)(?P<sn>\d{1,5})[ \t]?/\s*(?:(?P<sy>(?:19|20)\d{2})[ \t]?/\s*)?(?P<stype>[A-ZĐÐ][A-Za-zĐÐđ&0-9]{0,7})",
        r"(?:[ \t]?-\s*(?P<sorg>[A-ZĐÐ][A-Za-zĐÐđ0-9&]{0,11}(?:[ \t]?-[ \t]?[A-ZĐÐ][A-Za-zĐÐđ0-9&]{0,11}){0,3}))?)",
    ))
    .unwrap_or_else(|_| unreachable!())
});

static KEYWORD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(Văn bản|Công văn|Thông báo|Kế hoạch|Chỉ thị|Nghị quyết|Quyết định|Nghị định|Thông tư liên tịch|Thông tư|Kết luận|Luật|Pháp lệnh|Quy định|Quy chế|Hướng dẫn|Báo cáo|Tờ trình|Chương trình|Công điện|Đề án)\s*(?:số)?\s*[:.]?\s*$")
        .unwrap_or_else(|_| unreachable!())
});

static DATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:ban hành\s+)?(?:ngày\s+)?(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s*năm\s+(\d{4}))")
        .unwrap_or_else(|_| unreachable!())
});

/// Document type abbreviations used in numbers.
pub const TYPES: &[&str] = &[
    "QĐ", "NĐ", "TT", "TTLT", "NQ", "NQLT", "CT", "TB", "KH", "KL", "BC", "TTr", "CTr", "HD", "QC", "CĐ", "GM", "QĐi", "QyĐ",
    "L", "PL", "ĐA", "PA", "BB", "HĐ", "GP", "CV", "QY", "HDLT", "TC",
];

/// Normalised form of a number as written: NFC, no whitespace, `Đ` not `Ð`.
/// The index keys numbers by this form upper-cased (`index::normalize_number`).
pub fn normalize_number(s: &str) -> String {
    let joined: String = s.chars().filter(|c| !c.is_whitespace()).map(|c| if c == 'Ð' { 'Đ' } else { c }).collect();
    nfc(&joined).into_owned()
}

/// A document number found in text.
#[derive(Debug, Clone)]
pub struct Number {
    pub start: usize,
    pub end: usize,
    pub number: String,
    pub doc_type: Option<String>,
}

fn keyword_type(k: &str) -> Option<&'static str> {
    let f = crate::extract::agencies::fold_str(k);
    Some(match f.as_str() {
        "van ban" | "cong van" => "CV",
        "thong bao" => "TB",
        "ke hoach" => "KH",
        "chi thi" => "CT",
        "nghi quyet" => "NQ",
        "quyet dinh" => "QĐ",
        "nghi dinh" => "NĐ",
        "thong tu" => "TT",
        "thong tu lien tich" => "TTLT",
        "ket luan" => "KL",
        "luat" => "Luật",
        "phap lenh" => "PL",
        "quy dinh" => "QĐi",
        "quy che" => "QC",
        "huong dan" => "HD",
        "bao cao" => "BC",
        "to trinh" => "TTr",
        "chuong trinh" => "CTr",
        "cong dien" => "CĐ",
        "de an" => "ĐA",
        _ => return None,
    })
}

/// Parses the document number starting at (or right after whitespace at) `pos`.
pub fn number_at(text: &str, pos: usize) -> Option<Number> {
    let rest = &text[pos..];
    let skip = rest.len() - rest.trim_start().len();
    let m = NUMBER.captures(&rest[skip..])?;
    let all = m.get(0)?;
    if all.start() != 0 {
        return None;
    }
    classify(&m, pos + skip)
}

fn classify(m: &regex::Captures, base: usize) -> Option<Number> {
    let all = m.get(0)?;
    let number = normalize_number(all.as_str());
    let doc_type = if m.name("party").is_some() {
        m.name("ptype").map(|t| normalize_number(t.as_str()))
    } else {
        let stype = normalize_number(m.name("stype")?.as_str());
        let has_org = m.name("sorg").is_some();
        let has_year = m.name("sy").is_some();
        if !has_org && !has_year {
            return None;
        }
        if TYPES.contains(&stype.as_str()) {
            Some(stype)
        } else if has_org {
            Some("CV".to_string())
        } else if stype.starts_with("QH") || stype.starts_with("UBTVQH") {
            Some("Luật".to_string())
        } else {
            None
        }
    };
    Some(Number { start: base + all.start(), end: base + all.end(), number, doc_type })
}

/// Whether `c` can be part of a [`NUMBER`] match: white space, ASCII
/// letters, digits, `Đ`, `Ð`, `đ`, `&`, `-` and `/`.
fn in_number(c: char) -> bool {
    c.is_ascii_alphanumeric() || c.is_whitespace() || c.is_numeric() || matches!(c, 'Đ' | 'Ð' | 'đ' | '&' | '-' | '/')
}

/// The [`NUMBER`] matches of `text`, the same as `NUMBER.captures_iter(text)`,
/// but the regex only runs on stretches that can hold one: every number
/// has a `/`, and a match is made only of [`in_number`] chars, so it lies
/// inside the run of such chars around a `/`. Each run is searched with
/// the text before it in view (for the `\b` at the start) and ends where
/// the run ends, which no match can pass. Prose between numbers, most of
/// a document, is skipped at memchr speed.
fn number_matches(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    let mut from = 0;
    let mut run: Option<(usize, usize)> = None;
    std::iter::from_fn(move || loop {
        if let Some((pos, end)) = run {
            if let Some(c) = NUMBER.captures_at(&text[..end], pos) {
                run = Some((c.get(0).map_or(end, |m| m.end()), end));
                return Some(c);
            }
            run = None;
            from = end;
        }
        let slash = from + text.get(from..)?.find('/')?;
        let start = text[..slash].char_indices().rev().take_while(|&(_, c)| in_number(c)).last().map_or(slash, |(i, _)| i);
        let end = text[slash..].char_indices().find(|&(_, c)| !in_number(c)).map_or(text.len(), |(i, _)| slash + i);
        run = Some((start, end));
    })
}

/// `(d, m, y)` → ISO date, `None` when impossible.
pub fn iso(d: u32, m: u32, y: i32) -> Option<String> {
    let last = crate::extract::deadlines::days_in_month(y, m)?;
    (d >= 1 && d <= last).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Every citation of `text`, first occurrence first, one per number.
/// `own` is the span of the document's own number (left out).
pub fn citations(text: &str, own: Option<(usize, usize)>) -> Vec<Citation> {
    let mut out: Vec<Citation> = Vec::new();
    // the document's own number cited again (an appendix `kèm theo Quyết định số ...`) is no citation
    let own_number = own.and_then(|(s, _)| number_at(text, s)).map(|n| n.number);
    for m in number_matches(text) {
        let Some(n) = classify(&m, 0) else { continue };
        if own.is_some_and(|(s, e)| n.start < e && s < n.end) || own_number.as_ref() == Some(&n.number) {
            continue;
        }
        let before_start = text[..n.start].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
        let before = &text[before_start..n.start];
        let fb = crate::extract::agencies::fold_str(before).to_uppercase();
        if fb.contains("QCVN") || fb.contains("TCVN") || fb.trim_end().ends_with(':') && fb.contains("SO") && before.trim_end().ends_with("Số:") {
            continue;
        }
        let (text_start, kw_type) = match KEYWORD_BEFORE.captures(before) {
            Some(k) => (before_start + k.get(0).map_or(0, |g| g.start()), k.get(1).and_then(|g| keyword_type(g.as_str()))),
            None => (n.start, None),
        };
        let mut text_end = n.end;
        let mut date = None;
        if let Some(d) = DATE_AFTER.captures(&text[n.end..]) {
            let g = |i| d.get(i).and_then(|x| x.as_str().parse::<u32>().ok());
            let (dd, mm, yy) = if d.get(1).is_some() { (g(1), g(2), g(3)) } else { (g(4), g(5), g(6)) };
            if let (Some(dd), Some(mm), Some(yy)) = (dd, mm, yy) {
                date = iso(dd, mm, yy as i32);
                text_end = n.end + d.get(0).map_or(0, |x| x.end());
            }
        }
        let doc_type = match (&n.doc_type, kw_type) {
            (Some(t), _) if t != "CV" => Some(t.clone()),
            (_, Some(k)) => Some(k.to_string()),
            (t, None) => t.clone(),
        };
        if let Some(prev) = out.iter_mut().find(|c| c.number == n.number) {
            if prev.date.is_none() && date.is_some() {
                prev.date = date;
            }
            continue;
        }
        out.push(Citation { number: n.number, doc_type, date, text: crate::segment::squash(&text[text_start..text_end]) });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spans of the matches [`number_matches`] gives and of `captures_iter`.
    fn both(s: &str) -> (Vec<(usize, usize)>, Vec<(usize, usize)>) {
        let span = |c: regex::Captures| c.get(0).map(|m| (m.start(), m.end()));
        (number_matches(s).filter_map(span).collect(), NUMBER.captures_iter(s).filter_map(span).collect())
    }

    #[test]
    fn number_matches_is_captures_iter() {
        for s in [
            "Chỉ thị số 07/CT-TTg ngày 5/3/2024 và Nghị định 73/2023/NĐ-CP, Kết luận 41-CT/TW.",
            "x_07/CT-TTg a07/CT b 3722/VPCP-CN-\nKTTH 12 /  2021 / QH15",
            "số 1/2/3/4/5 và 06/2022/QH15//QĐ-BYT - 5/ ٣/TT 7 / \u{A0}HD-ĐA-Đđ&",
            "không có số nào ở đây", "/", "//", "12/", "/AB",
        ] {
            let (got, want) = both(s);
            assert_eq!(got, want, "{s:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// [`number_matches`] finds what the regex finds over the whole text.
        #[test]
        fn number_matches_agrees(parts in proptest::collection::vec(proptest::sample::select(vec![
            "07", "2023", "41", "5", "/", "-", " ", "\t", "\n", "\u{A0}", "CT", "TTg", "NĐ", "CP", "QH15", "TW", "Đ", "đ", "Ð",
            "&", "_", "a", "ố", "٣", ".", ",", "Số:", "ngày", "VPCP", "KTTH",
        ]), 0..30)) {
            let s = parts.concat();
            let (got, want) = both(&s);
            proptest::prop_assert_eq!(got, want, "{:?}", s);
        }
    }
}
