//! Blocks and sections: the body cut into paragraphs and list items, and
//! the numbered items (`IV`, `IV.2`, `IV.2.a`, `Điều 5`) with their paths.
//!
//! A block starts at a list marker, after a blank line (unless the text
//! is double spaced), or after a line ending a sentence when the next line
//! starts with a capital.
//!
//! Must never: make a section of a dash or star bullet or of an ordinal
//! paragraph (`Một là:`).

use std::sync::LazyLock;

use regex::Regex;

use super::Layout;

/// The marker that opens a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    Roman(u32, String),
    Arabic(u32),
    /// `1.2.` under arabic item 1: label `2`.
    Decimal(u32),
    Paren(u32),
    Letter(char),
    Article(u32),
    Dash,
    Star,
    Plus,
    Ordinal,
}

impl Marker {
    /// Nesting level of a section marker; `None` for bullets.
    pub fn level(&self) -> Option<usize> {
        match self {
            Marker::Roman(..) => Some(0),
            Marker::Article(_) => Some(0),
            Marker::Arabic(_) => Some(1),
            Marker::Decimal(_) | Marker::Letter(_) => Some(2),
            Marker::Paren(_) => Some(3),
            _ => None,
        }
    }

    fn label(&self) -> String {
        match self {
            Marker::Roman(_, s) => s.clone(),
            Marker::Arabic(n) | Marker::Paren(n) | Marker::Decimal(n) => n.to_string(),
            Marker::Letter(c) => c.to_string(),
            Marker::Article(n) => format!("Điều {n}"),
            _ => String::new(),
        }
    }
}

/// A paragraph or list item of the body.
#[derive(Debug, Clone)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    /// Byte offset where the content starts (after the marker).
    pub content: usize,
    pub marker: Option<Marker>,
    /// Path of the innermost section containing the block (or opened by it).
    pub section: Option<String>,
}

/// A numbered section.
#[derive(Debug, Clone)]
pub struct SectionSpan {
    pub path: String,
    pub heading: String,
    pub start: usize,
    pub end: usize,
    pub level: usize,
    /// Index of the block that opens the section.
    pub block: usize,
}

static MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:(?P<roman>[IVX]{1,5})\s*[.\-–:]\s+|(?P<art>Điều|ĐIỀU|Ðiều)\s+(?P<artn>\d{1,3})\s*(?:[.:]\s*|$)|\d{1,2}\.(?P<decimal>\d{1,2})\.?\s+|(?P<arabic>\d{1,2})\s*[.)]\s+|\((?P<paren>\d{1,2})\)\s*|(?P<letter>[a-zđ])\)\s+|(?P<dash>[-–—−•])\s*|(?P<star>\*)\s*|(?P<plus>\+)\s+|(?P<ord>(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\s+là)\s*[:,]\s*)",
    )
    .unwrap_or_else(|_| unreachable!())
});

fn roman_value(s: &str) -> u32 {
    let v = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        _ => 0,
    };
    let cs: Vec<u32> = s.chars().map(v).collect();
    let mut total = 0i32;
    for i in 0..cs.len() {
        let c = cs[i] as i32;
        if i + 1 < cs.len() && (cs[i + 1] as i32) > c {
            total -= c;
        } else {
            total += c;
        }
    }
    total.max(0) as u32
}

/// Ordinal words that open a paragraph (`Một là:`, `Hai là,`).
const ORDINALS: [&str; 10] = ["Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười"];

/// Whether `t` (a line without its leading white space) starts the way
/// one of the markers of [`MARK`] starts: roman letters or digits followed
/// by white space or a mark, `Điều`, `(`, a letter before `)`, a bullet,
/// or an ordinal word. Never stricter than the regex; most lines (prose,
/// wrapped continuations, `Việt`, `Bộ`, `Đề`) fail here, before it.
fn may_open_marker(t: &str) -> bool {
    let mut cs = t.chars();
    let Some(first) = cs.next() else { return false };
    let then_mark = |rest: &str, marks: &[char]| rest.starts_with(|c: char| c.is_whitespace() || marks.contains(&c));
    match first {
        'I' | 'V' | 'X' => then_mark(t.trim_start_matches(['I', 'V', 'X']), &['.', '-', '–', ':']),
        'Đ' | 'Ð' => ["Điều", "ĐIỀU", "Ðiều"].iter().any(|w| t.starts_with(w)),
        '(' | '-' | '–' | '—' | '−' | '•' | '*' | '+' => true,
        'a'..='z' | 'đ' => cs.next() == Some(')'),
        c if c.is_numeric() => then_mark(t.trim_start_matches(char::is_numeric), &['.', ')']),
        _ => ORDINALS.iter().any(|w| t.starts_with(w)),
    }
}

/// The marker at the start of `line` and the byte length it takes.
pub fn marker_of(line: &str) -> Option<(Marker, usize)> {
    let t = line.trim_start();
    if !may_open_marker(t) {
        return None;
    }
    if let Some(bullet) = bullet_of(line, t) {
        return bullet;
    }
    let c = MARK.captures(line)?;
    let len = c.get(0)?.end();
    let m = if let Some(r) = c.name("roman") {
        Marker::Roman(roman_value(r.as_str()), r.as_str().to_string())
    } else if let Some(n) = c.name("artn") {
        Marker::Article(n.as_str().parse().ok()?)
    } else if let Some(n) = c.name("decimal") {
        Marker::Decimal(n.as_str().parse().ok()?)
    } else if let Some(n) = c.name("arabic") {
        // `1)` is a list item numbered with a parenthesis: same as `1.`
        Marker::Arabic(n.as_str().parse().ok()?)
    } else if let Some(n) = c.name("paren") {
        Marker::Paren(n.as_str().parse().ok()?)
    } else if let Some(l) = c.name("letter") {
        Marker::Letter(l.as_str().chars().next()?)
    } else if c.name("dash").is_some() {
        // a dash directly followed by a digit is a negative number or a range
        let rest = &line[len..];
        if rest.starts_with(|ch: char| ch.is_ascii_digit() || ch == '-' || ch == '–') || rest.trim().is_empty() {
            return None;
        }
        Marker::Dash
    } else if c.name("star").is_some() {
        Marker::Star
    } else if c.name("plus").is_some() {
        Marker::Plus
    } else {
        Marker::Ordinal
    };
    Some((m, len))
}

/// [`marker_of`] when the marker opens a section (it has a
/// [`Marker::level`]: roman, arabic, decimal, letter, `(1)`, `Điều`).
pub fn section_marker_of(line: &str) -> Option<(Marker, usize)> {
    let first = line.trim_start().chars().next()?;
    let may = first.is_numeric() || matches!(first, 'I' | 'V' | 'X' | 'Đ' | 'Ð' | '(' | 'a'..='z' | 'đ');
    if !may {
        return None;
    }
    marker_of(line).filter(|(m, _)| m.level().is_some())
}

/// [`marker_of`] for a line whose text `t` starts with a bullet (`-`, `–`,
/// `—`, `−`, `•`, `*`, `+`), read without the regex: the bullet and the
/// white space after it, as the last alternatives of [`MARK`] take them.
/// `None` when `t` starts otherwise.
fn bullet_of(line: &str, t: &str) -> Option<Option<(Marker, usize)>> {
    let c = t.chars().next().filter(|c| matches!(c, '-' | '–' | '—' | '−' | '•' | '*' | '+'))?;
    let after = &t[c.len_utf8()..];
    let gap = after.len() - after.trim_start().len();
    let len = line.len() - after.len() + gap;
    Some(match c {
        '*' => Some((Marker::Star, len)),
        '+' => (gap > 0).then_some((Marker::Plus, len)),
        _ => {
            // a dash directly followed by a digit is a negative number or a range
            let rest = &line[len..];
            let range = rest.starts_with(|ch: char| ch.is_ascii_digit() || ch == '-' || ch == '–');
            (!range && !rest.trim().is_empty()).then_some((Marker::Dash, len))
        }
    })
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(['”', '"', '’', ')', '…']);
    t.ends_with(['.', ':', ';', '!', '?'])
}

fn starts_upper(s: &str) -> bool {
    s.trim_start().chars().next().is_some_and(|c| c.is_uppercase() || c == '(' || c == '“' || c == '"')
}

/// Cuts `text[start..end]` into blocks.
pub fn blocks(text: &str, lay: &Layout, start: usize, end: usize) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut prev_line: Option<usize> = None;
    let mut blank_since_prev = false;
    let first = lay.line_at(start);
    for i in first..lay.lines.len() {
        let l = lay.lines[i];
        if l.start >= end {
            break;
        }
        if l.end <= start {
            continue;
        }
        if !lay.in_flow(text, i) {
            if lay.is_blank(text, i) {
                blank_since_prev = true;
            }
            continue;
        }
        let s = &text[l.start..l.end];
        let mk = marker_of(s);
        let lead_ws = s.len() - s.trim_start().len();
        let new_block = match prev_line {
            None => true,
            Some(p) => {
                let ps = lay.text(text, p);
                mk.is_some()
                    || (blank_since_prev && !lay.double_spaced && (ends_sentence(ps) || starts_upper(s)))
                    || (ends_sentence(ps) && starts_upper(s))
            }
        };
        if new_block {
            if let Some(b) = out.last_mut() {
                b.end = b.end.min(l.start);
            }
            let (marker, mlen) = match mk {
                Some((m, len)) => (Some(m), len),
                None => (None, lead_ws),
            };
            out.push(Block { start: l.start + lead_ws, end: l.end, content: l.start + mlen, marker, section: None });
        } else if let Some(b) = out.last_mut() {
            b.end = l.end;
        }
        prev_line = Some(i);
        blank_since_prev = false;
    }
    out
}

/// Bytes of flow text [`heading_of`] reads at least (whole lines).
const HEADING_FLOW: usize = 1024;

/// Heading of a section: its first sentence or clause, at most 200 chars.
///
/// The block's flow text is read up to the line that holds a cut, or
/// [`HEADING_FLOW`] bytes: a cut found there is the cut of the whole text,
/// and without one the heading is the first 200 chars either way (that
/// many bytes hold more than 202 chars).
fn heading_of(text: &str, lay: &Layout, b: &Block) -> String {
    heading_in(&super::flow_text_prefix(text, lay, b.content, b.end, HEADING_FLOW, has_cut))
}

/// Whether `b` holds a mark [`heading_in`] cuts at: `:`, `;` or `. `.
fn has_cut(b: &[u8]) -> bool {
    memchr::memchr2(b':', b';', b).is_some() || memchr::memmem::find(b, b". ").is_some()
}

/// The heading read from the flow text `s` of a block: up to the first
/// `:`, `;` or `. `, cut at a word boundary within 200 chars.
///
/// `s` is flow text (words apart by one space, none at the ends), so the
/// heading needs no squashing; the marks are ASCII, found with memchr.
fn heading_in(s: &str) -> String {
    let b = s.as_bytes();
    let colon = memchr::memchr2(b':', b';', b).unwrap_or(b.len());
    let stop = memchr::memmem::find(&b[..colon], b". ").unwrap_or(colon);
    let mut h = s[..stop].trim().to_string();
    if h.chars().count() > 200 {
        h = h.chars().take(200).collect();
        if let Some(p) = h.rfind(' ') {
            h.truncate(p);
        }
    }
    h
}

/// Finds the numbered sections among `blocks` and sets each block's
/// section path. Arabic numbers must run in order (1, 2, 3 ... restarting
/// under a new roman item) and roman numerals likewise, so a stray `5.` or
/// a table cell cannot open a section.
pub fn sections(text: &str, lay: &Layout, blocks: &mut [Block], body_end: usize) -> Vec<SectionSpan> {
    let mut out: Vec<SectionSpan> = Vec::new();
    let mut stack: Vec<(usize, String, usize)> = Vec::new(); // (level, label, section index)
    let mut last_num: [u32; 4] = [0; 4];
    for bi in 0..blocks.len() {
        let marker = blocks[bi].marker.clone();
        let mut level = marker.as_ref().and_then(Marker::level);
        // `a)` under a decimal item (`2.1.` then `a)`) nests one level deeper: `2.1.a`
        if matches!(marker, Some(Marker::Letter(_)))
            && stack
                .iter()
                .rev()
                .find(|(l, _, _)| *l <= 2)
                .is_some_and(|(l, _, si)| *l == 2 && matches!(blocks[out[*si].block].marker, Some(Marker::Decimal(_))))
        {
            level = Some(3);
        }
        if let (Some(m), Some(level)) = (marker, level) {
            let n = match &m {
                Marker::Roman(v, _) => *v,
                Marker::Arabic(v) | Marker::Paren(v) | Marker::Decimal(v) => *v,
                Marker::Letter(c) => (*c as u32).saturating_sub('a' as u32) + 1,
                Marker::Article(v) => *v,
                _ => 0,
            };
            let first_roman = matches!(m, Marker::Roman(..)) && last_num[0] == 0 && n <= 5;
            let expected = n == 1 || n == last_num[level] + 1 || first_roman || matches!(m, Marker::Article(_) | Marker::Letter('đ'));
            if expected {
                while stack.last().is_some_and(|(l, _, _)| *l >= level) {
                    if let Some((_, _, si)) = stack.pop() {
                        out[si].end = blocks[bi].start;
                    }
                }
                if matches!(m, Marker::Article(_)) {
                    stack.clear();
                }
                last_num[level] = n;
                for deeper in last_num.iter_mut().skip(level + 1) {
                    *deeper = 0;
                }
                let label = m.label();
                let mut path: Vec<&str> = stack.iter().map(|(_, l, _)| l.as_str()).collect();
                path.push(&label);
                let path = path.join(".");
                out.push(SectionSpan {
                    path: path.clone(),
                    heading: heading_of(text, lay, &blocks[bi]),
                    start: blocks[bi].start,
                    end: body_end,
                    level,
                    block: bi,
                });
                stack.push((level, label, out.len() - 1));
            }
        }
        blocks[bi].section = stack.last().map(|(_, _, si)| out[*si].path.clone());
    }
    for (_, _, si) in stack {
        out[si].end = body_end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_from_the_prefix_is_the_heading_of_the_whole() {
        let long = "Tăng cường công tác quản lý nhà nước về an toàn thực phẩm ".repeat(40);
        for body in [long.clone(), format!("{long}: phần sau"), "Ngắn: phần sau".to_string(), format!("Ngắn gọn. {long}"), format!("{}.\n{long}", "x".repeat(1500)), "Mục đích.\nYêu cầu: x".to_string(), "Một dòng\nhai dòng; ba".to_string(), "Việt Nam.\n\nx: y".to_string(), "ả:\nb".to_string()] {
            let text = format!("I. {body}\n");
            let lay = super::super::layout(&text);
            let b = Block { start: 0, end: text.len(), content: 3, marker: None, section: None };
            assert_eq!(heading_of(&text, &lay, &b), heading_in(&super::super::flow_text(&text, &lay, 3, text.len())), "{body:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The first-char test before the regex never turns a marker away.
        #[test]
        fn may_open_marker_keeps_every_marker(parts in proptest::collection::vec(proptest::sample::select(vec![
            " ", "\u{A0}", "I", "V", "X", "IV", ".", "-", "–", ":", ")", "(", "1", "12", "٣", "½", "Điều", "ĐIỀU", "Ðiều", "a", "đ", "b",
            "*", "+", "•", "Một", "Hai", "Mười", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "là", ",", "Bộ", "giao", "Ủy", "Việt", "Đề", "\t",
        ]), 0..8)) {
            let line = parts.concat();
            proptest::prop_assert!(!MARK.is_match(&line) || may_open_marker(line.trim_start()), "{:?}", line);
            let plain = MARK.is_match(&line).then(|| marker_of(&line)).flatten().filter(|(m, _)| m.level().is_some());
            proptest::prop_assert_eq!(section_marker_of(&line), plain, "{:?}", line);
            // bullets, read by hand, as the regex reads them
            let by_regex = MARK.captures(&line).and_then(|c| {
                let len = c.get(0)?.end();
                let rest = &line[len..];
                let range = rest.starts_with(|ch: char| ch.is_ascii_digit() || ch == '-' || ch == '–') || rest.trim().is_empty();
                let bullet = if c.name("star").is_some() {
                    Some((Marker::Star, len))
                } else if c.name("plus").is_some() {
                    Some((Marker::Plus, len))
                } else {
                    c.name("dash")?;
                    (!range).then_some((Marker::Dash, len))
                };
                Some(bullet)
            });
            let by_hand = marker_of(&line).filter(|(m, _)| matches!(m, Marker::Star | Marker::Plus | Marker::Dash));
            proptest::prop_assert_eq!(by_regex.flatten(), by_hand, "{:?}", line);
        }
    }
}
