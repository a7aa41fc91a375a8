//! PDF font low-byte mojibake: a PDF text layer whose font maps glyphs by the
//! low byte of their Unicode code point, so the Vietnamese letters outside
//! Latin-1 come out as the Latin-1 (or control) char with that low byte.
//!
//! Must never: touch a legitimate `30°C`, `< 5%`, `a < b` or `x = 1`; a
//! letter is only rewritten when the word becomes a better syllable, a quote
//! only when `<` opens a word and a later `=` closes one in the paragraph.

use super::syllable::is_alpha;

/// Maps one char of the low-byte family back to its letter.
///
/// `Thủ t°ớng` (from `ư` U+01B0 → `°` U+00B0), `°¡ng` = `ương`
/// (`ơ` U+01A1 → `¡`), `¯` = `Ư` (U+01AF); the same cause sends
/// `Ă ă Đ đ` (U+0102/3, U+0110/1) to the control bytes 0x02/0x03/0x10/0x11.
/// (`Ơ` U+01A0 becomes NBSP: see [`fix_pdf_lowbyte_nbsp`].)
#[inline]
pub fn lowbyte_letter(c: char) -> Option<char> {
    Some(match c {
        '°' => 'ư',
        '¡' => 'ơ',
        '¯' => 'Ư',
        '\u{2}' => 'Ă',
        '\u{3}' => 'ă',
        '\u{10}' => 'Đ',
        '\u{11}' => 'đ',
        _ => return None,
    })
}

/// Does `tok` carry any low-byte family char (NBSP aside)?
pub fn has_lowbyte(tok: &str) -> bool {
    tok.chars().any(|c| lowbyte_letter(c).is_some())
}

/// Rewrites the low-byte letters of one token, e.g. `th°ởng` → `thưởng`,
/// `c¡` → `cơ`. Returns None when nothing maps. The caller keeps the
/// rewrite only if the syllable model scores it strictly higher (so `30°C`
/// stays: `30ưC` is no better).
pub fn fix_pdf_lowbyte_letters(tok: &str) -> Option<String> {
    let mut changed = false;
    let out: String = tok
        .chars()
        .map(|c| match lowbyte_letter(c) {
            Some(l) => {
                changed = true;
                l
            }
            None => c,
        })
        .collect();
    changed.then_some(out)
}

/// `Ơ` (U+01A0) through the same font is U+00A0, a no-break space:
/// `C\u{A0} QUAN` is `CƠ QUAN`. NBSP is common in clean text, so each one
/// next to a letter is tried alone and kept only when `better` says the
/// token improved (`Về\u{A0}phương` keeps its NBSP).
pub fn fix_pdf_lowbyte_nbsp(tok: &str, better: impl Fn(&str, &str) -> bool) -> Option<String> {
    let mut cur = tok.to_string();
    let mut changed = false;
    let mut from = 0;
    while let Some(off) = cur.get(from..).and_then(|t| t.find('\u{A0}')) {
        let at = from + off;
        let end = at + '\u{A0}'.len_utf8();
        let prev = cur[..at].chars().next_back();
        let next = cur[end..].chars().next();
        if prev.is_some_and(is_alpha) || next.is_some_and(is_alpha) {
            let cand = format!("{}Ơ{}", &cur[..at], &cur[end..]);
            if better(&cand, &cur) {
                cur = cand;
                changed = true;
                from = at + 'Ơ'.len_utf8();
                continue;
            }
        }
        from = end;
    }
    changed.then_some(cur)
}

fn opens_word(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '-' | '/'))
        && next.is_some_and(is_alpha)
}

fn closes_word(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, '.' | '!' | '?' | ')' | '…'))
        && next.is_none_or(|n| n.is_whitespace() || matches!(n, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']'))
}


/// Curly quotes through the same low-byte font come out as `<` and `=`:
/// `<Kỷ cương trách nhiệm ... hiệu quả bền vững=` is
/// `“Kỷ cương trách nhiệm ... hiệu quả bền vững”`. An opener (`<` that
/// opens a word, or a real `“`) is paired with the next closer (`=` that
/// closes a word, or a real `”`) within [`MAX_QUOTE_BYTES`], with no `<`,
/// `>` or other opener between; a pair where at least one side is the
/// low-byte form is rewritten when the document already shows the family
/// (`evidence`) or the quoted text is Vietnamese. A half-damaged pair
/// (`<Đẩy mạnh ... lãng phí”`) is repaired too. `a < b`, `< 5%`, `x = 1`
/// and `<b>x</b>` never pair.
pub fn fix_pdf_lowbyte_quotes(s: &str, evidence: bool) -> Option<(String, usize, String)> {
    // One SIMD pass: most text holds neither.
    if memchr::memchr2(b'<', b'=', s.as_bytes()).is_none() {
        return None;
    }
    let b = s.as_bytes();
    let mut edits: Vec<(usize, usize)> = Vec::new();
    let mut example = String::new();
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|t| memchr::memchr2(b'<', 0xE2, t)) {
        i += off;
        if is_opener(s, i) {
            if let Some(close) = find_close(s, i) {
                let lowbyte = b[i] == b'<' || b[close] == b'=';
                let open_len = if b[i] == b'<' { 1 } else { '“'.len_utf8() };
                let inner = s.get(i + open_len..close).unwrap_or_default();
                let vietnamese = inner.chars().any(|c| !c.is_ascii() && super::syllable::letter(c).is_some());
                if lowbyte && (evidence || vietnamese) {
                    edits.push((i, close));
                    if example.is_empty() {
                        let end = close + if b[close] == b'=' { 1 } else { '”'.len_utf8() };
                        example = s.get(i..end).unwrap_or_default().to_string();
                    }
                }
                i = close + if b[close] == b'=' { 1 } else { '”'.len_utf8() };
                continue;
            }
        }
        i += 1;
    }
    let paired: Vec<usize> = edits.iter().flat_map(|&(o, c)| [o, c]).collect();
    let mut singles: Vec<(usize, char)> = lone_quotes(s, &paired);
    let lone = singles.len();
    for &(open, close) in &edits {
        for (pos, q) in [(open, '“'), (close, '”')] {
            if b[pos] == b'<' || b[pos] == b'=' {
                singles.push((pos, q));
            }
        }
    }
    if singles.is_empty() {
        return None;
    }
    singles.sort_unstable();
    let mut out = String::with_capacity(s.len() + 4 * singles.len());
    let mut last = 0;
    for &(pos, q) in &singles {
        out.push_str(&s[last..pos]);
        out.push(q);
        last = pos + 1;
    }
    out.push_str(&s[last..]);
    if example.is_empty() {
        example = singles.first().and_then(|&(p, _)| s.get(p.saturating_sub(20)..).map(|t| t.chars().take(30).collect())).unwrap_or_default();
    }
    Some((out, edits.len() + lone, example))
}

/// Quotes whose partner was typed differently (`''Đẩy mạnh ... lãng phí=`)
/// or lost to a line break: a `=` closing a word right after a Vietnamese
/// letter with diacritics is `”`, and a `<` opening a word with such letters
/// is `“` (real text never glues these signs to a Vietnamese word).
/// A lone `=` at byte `i` closes a quote when the word before it has two
/// letters or more (`x= 1` is maths), what follows is no number, and the
/// word before or after is Vietnamese (`sau=, “Cán bộ`), all on the same line.
fn lone_close_fits(s: &str, i: usize) -> bool {
    let vn = |c: char| !c.is_ascii() && super::syllable::letter(c).is_some();
    let before = s[..i].rsplit(char::is_whitespace).next().unwrap_or_default();
    // Only the rest of this line counts: a rule line (`--------`) below is no minus sign.
    let line_rest = s[i + 1..].split('\n').next().unwrap_or_default();
    let after = line_rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.'));
    let next_word = after.split(char::is_whitespace).next().unwrap_or_default();
    before.chars().filter(|&c| is_alpha(c)).count() >= 2
        && !after.starts_with(|c: char| c.is_ascii_digit() || c == '-')
        && (before.chars().any(vn) || next_word.chars().any(vn))
}

/// `paired` holds the byte offsets already paired, sorted.
fn lone_quotes(s: &str, paired: &[usize]) -> Vec<(usize, char)> {
    let vn = |c: char| !c.is_ascii() && super::syllable::letter(c).is_some();
    let mut out = Vec::new();
    for i in memchr::memchr2_iter(b'<', b'=', s.as_bytes()) {
        let c = char::from(s.as_bytes()[i]);
        if paired.binary_search(&i).is_ok() {
            continue;
        }
        let prev = prev_char(s, i);
        let rest = s.get(i + 1..).unwrap_or_default();
        let next = rest.chars().next();
        if c == '=' && closes_word(prev, next) && prev.is_some_and(is_alpha) && lone_close_fits(s, i) {
            out.push((i, '”'));
        }
        if c == '<' && opens_word(prev, next) {
            let word = rest.split(char::is_whitespace).next().unwrap_or_default();
            if !word.contains('>') && word.chars().any(vn) {
                out.push((i, '“'));
            }
        }
    }
    out
}

fn prev_char(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|p| p.chars().next_back())
}

fn is_opener(s: &str, i: usize) -> bool {
    match s.as_bytes()[i] {
        b'<' => opens_word(prev_char(s, i), s.get(i + 1..).and_then(|n| n.chars().next())),
        0xE2 => s.get(i..).is_some_and(|t| t.starts_with('“')),
        _ => false,
    }
}

/// Longest quoted span we accept, in bytes.
const MAX_QUOTE_BYTES: usize = 1500;

fn find_close(s: &str, open: usize) -> Option<usize> {
    let b = s.as_bytes();
    let first = open + if b[open] == b'<' { 1 } else { '“'.len_utf8() };
    for j in first..b.len().min(open + MAX_QUOTE_BYTES) {
        match b[j] {
            b'>' | b'<' => return None,
            b'=' => {
                if closes_word(prev_char(s, j), s.get(j + 1..).and_then(|n| n.chars().next())) {
                    return Some(j);
                }
            }
            0xE2 => {
                let t = s.get(j..).unwrap_or_default();
                if t.starts_with('“') {
                    return None;
                }
                if t.starts_with('”') {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_pair_from_seed() {
        let s = "chủ đề <Kỷ cương trách nhiệm, chủ động kịp thời, \ntăng tốc sáng tạo, hiệu quả bền vững= của";
        let (out, n, _) = fix_pdf_lowbyte_quotes(s, true).unwrap_or_default();
        assert_eq!(n, 1);
        assert_eq!(out, "chủ đề “Kỷ cương trách nhiệm, chủ động kịp thời, \ntăng tốc sáng tạo, hiệu quả bền vững” của");
    }

    #[test]
    fn lone_close_before_a_rule_line() {
        // Proptest found it: the rule line below is not a minus sign after `=`.
        let (out, n, _) = fix_pdf_lowbyte_quotes("trong tình hình mới= \n\n-------- \n", false).unwrap_or_default();
        assert_eq!(n, 1);
        assert_eq!(out, "trong tình hình mới” \n\n-------- \n");
        assert!(fix_pdf_lowbyte_quotes("giá trị mới= -1 độ", false).is_none(), "a minus on the same line is maths");
    }

    #[test]
    fn maths_never_pairs() {
        for s in ["tỷ lệ hộ nghèo < 5%; chỉ số x = 1,2.", "nếu a < b thì x = 1", "<b>đậm</b> x=1", "<5 và y= 3"] {
            assert!(fix_pdf_lowbyte_quotes(s, true).is_none(), "{s}");
        }
    }
}
