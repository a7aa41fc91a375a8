//! Segment: header block, numbered sections, the signature block and
//! "Nơi nhận" (distribution list) of a repaired directive.
//!
//! Works on hard-wrapped text (one visual line per line, possibly with a
//! blank line after each) and on text whose paragraphs are already joined.
//!
//! Must never: change the text; everything it returns is offsets into it.

pub mod blocks;
pub mod closing;
pub mod header;

/// One line of the text: byte offsets, `end` excludes the line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

/// The lines of a text and which of them are noise (page numbers, running
/// headers) or footnotes, to be kept out of the reading flow.
#[derive(Debug, Clone)]
pub struct Layout {
    pub lines: Vec<Line>,
    pub noise: Vec<bool>,
    pub footnote: Vec<bool>,
    /// Every visual line is followed by a blank line: blank lines do not
    /// separate paragraphs.
    pub double_spaced: bool,
}

impl Layout {
    /// Text of line `i` without surrounding whitespace.
    pub fn text<'a>(&self, text: &'a str, i: usize) -> &'a str {
        let l = self.lines[i];
        text[l.start..l.end].trim()
    }

    pub fn is_blank(&self, text: &str, i: usize) -> bool {
        self.text(text, i).is_empty()
    }

    /// Line is part of the reading flow (not blank, noise or footnote).
    pub fn in_flow(&self, text: &str, i: usize) -> bool {
        !self.noise[i] && !self.footnote[i] && !self.is_blank(text, i)
    }

    /// Index of the line containing byte `pos`.
    pub fn line_at(&self, pos: usize) -> usize {
        self.lines.partition_point(|l| l.end < pos).min(self.lines.len().saturating_sub(1))
    }
}

/// What a line is counted by when looking for running headers: the line
/// without its page number, when it has 8 chars or more and no space or
/// no lower-case letter (`BỘ NỘI VỤ 3`); `None` for other lines.
fn running_header_key(s: &str) -> Option<&str> {
    let t = s.trim().trim_end_matches(|c: char| c.is_ascii_digit()).trim();
    // a char takes 1 to 4 bytes: under 8 bytes is under 8 chars
    if t.len() < 8 || t.len() < 32 && t.chars().count() < 8 {
        return None;
    }
    let no_space = !t.contains(' ');
    let no_lower = !t.chars().any(char::is_lowercase);
    (no_space || no_lower).then_some(t)
}

/// Splits `text` into lines and marks page numbers, running headers
/// (a line repeated on several pages, minus its page number) and footnote
/// zones (after a long run of spaces, up to the next page furniture).
pub fn layout(text: &str) -> Layout {
    let mut lines = Vec::new();
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let end = if i > start && text.as_bytes()[i - 1] == b'\r' { i - 1 } else { i };
        lines.push(Line { start, end });
        start = i + 1;
    }
    if start <= text.len() {
        lines.push(Line { start, end: text.len() });
    }
    let n = lines.len();
    let mut noise = vec![false; n];
    let mut footnote = vec![false; n];
    // each line trimmed once: blank tests and header keys read it
    let trimmed: Vec<&str> = lines.iter().map(|l| text[l.start..l.end].trim()).collect();
    let keys: Vec<Option<&str>> = trimmed.iter().map(|s| running_header_key(s)).collect();
    let mut counts: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for k in keys.iter().flatten() {
        *counts.entry(k).or_default() += 1;
    }
    let t = |i: usize| trimmed[i];
    for i in 0..n {
        let s = t(i);
        let page_no = !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit());
        // a bare number between blank lines is a page number, unless it opens a table row
        let isolated = (i == 0 || t(i - 1).is_empty()) && (i + 1 >= n || t(i + 1).is_empty());
        let repeated = keys[i].is_some_and(|k| counts.get(k).copied().unwrap_or(0) >= 2);
        noise[i] = (page_no && isolated) || repeated;
    }
    let mut i = 0;
    while i < n {
        let raw = &text[lines[i].start..lines[i].end];
        if raw.len() >= 20 && t(i).is_empty() {
            let mut j = i + 1;
            while j < n && !noise[j] {
                footnote[j] = true;
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let nonblank = (0..n).filter(|&i| !t(i).is_empty()).count();
    let mut blank_after = 0;
    for i in 0..n.saturating_sub(1) {
        if !t(i).is_empty() && t(i + 1).is_empty() {
            blank_after += 1;
        }
    }
    let double_spaced = nonblank > 6 && blank_after * 10 >= nonblank * 7;
    Layout { lines, noise, footnote, double_spaced }
}

/// Collapses every run of whitespace in `s` to one space and trims it.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_words(&mut out, s);
    out
}

/// Whether `s` holds `n` words or fewer (counting stops at the one past `n`).
pub fn at_most_words(s: &str, n: usize) -> bool {
    s.split_whitespace().nth(n).is_none()
}

/// The bytes [`ws_len`] may find white space at: ASCII blanks and the lead
/// bytes C2, E1, E2, E3.
const MAY_START_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(i as u8, 0x09..=0x0D | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        i += 1;
    }
    t
};

/// Byte length of the white space char (`char::is_whitespace`) at byte `i`
/// of `s`, 0 when there is none, read from the UTF-8 bytes of the
/// White_Space list: ASCII blanks, C2 85 and C2 A0 (U+0085, U+00A0),
/// E1 9A 80 (U+1680), E2 80 80–8A (U+2000–U+200A), E2 80 A8, A9, AF
/// (U+2028, U+2029, U+202F), E2 81 9F (U+205F) and E3 80 80 (U+3000).
#[inline]
fn ws_len(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    match (b[i], b.get(i + 1), b.get(i + 2)) {
        (0x09..=0x0D | b' ', _, _) => 1,
        (0xC2, Some(0x85 | 0xA0), _) => 2,
        (0xE1, Some(0x9A), Some(0x80)) | (0xE3, Some(0x80), Some(0x80)) | (0xE2, Some(0x81), Some(0x9F)) => 3,
        (0xE2, Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) => 3,
        _ => 0,
    }
}

/// Appends the words of `s` to `out`, one space before each word when `out`
/// is not empty: `s.split_whitespace()` joined, without the per-char decode.
/// Words already set apart by one ASCII space go in as one run (most of a
/// line), so the copy is per run, not per word.
fn push_words(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let w = ws_len(s, i);
        if w > 0 {
            i += w;
            continue;
        }
        let start = i;
        i += 1;
        loop {
            // Bytes that cannot start white space are passed in a tight
            // loop, and so are the Vietnamese letters of E1 (only E1 9A 80,
            // U+1680, is white space).
            while i < n {
                if !MAY_START_SPACE[b[i] as usize] {
                    i += 1;
                } else if b[i] == 0xE1 && b.get(i + 1) != Some(&0x9A) {
                    i += 3;
                } else {
                    break;
                }
            }
            if i >= n {
                break;
            }
            if b[i] == b' ' {
                // One space before another word: the run goes on.
                if i + 1 < n && ws_len(s, i + 1) == 0 {
                    i += 2;
                    continue;
                }
                break;
            }
            if ws_len(s, i) > 0 {
                break;
            }
            // a letter or mark of two or three bytes: past all of it
            i += if b[i] == 0xC2 { 2 } else { 3 };
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[start..i]);
    }
}

/// Text of `text[start..end]` with noise and footnote lines left out and
/// whitespace collapsed.
pub fn flow_text(text: &str, lay: &Layout, start: usize, end: usize) -> String {
    flow_text_prefix(text, lay, start, end, usize::MAX, |_| false)
}

/// The start of [`flow_text`]: whole lines are added until the text holds
/// `min_len` bytes or more, or `enough` says yes to the bytes a line
/// added (with the byte before them), or the span ends.
pub fn flow_text_prefix(text: &str, lay: &Layout, start: usize, end: usize, min_len: usize, enough: impl Fn(&[u8]) -> bool) -> String {
    let mut out = String::new();
    if start >= end {
        return out;
    }
    out.reserve((end - start).min(min_len.saturating_add(256)));
    let first = lay.line_at(start);
    for i in first..lay.lines.len() {
        let l = lay.lines[i];
        if l.start >= end {
            break;
        }
        if lay.noise[i] || lay.footnote[i] {
            continue;
        }
        let s = l.start.max(start);
        let e = l.end.min(end);
        if s < e {
            let before = out.len().saturating_sub(1);
            push_words(&mut out, &text[s..e]);
            if out.len() >= min_len || enough(&out.as_bytes()[before..]) {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    #[test]
    fn running_header_key_counts_chars() {
        for (s, want) in [("BỘ NỘI VỤ 3", Some("BỘ NỘI VỤ")), ("ĐỀ ÁN 12", None), ("ẤẤẤẤẤẤẤ", None), ("ẤẤẤẤẤẤẤẤ", Some("ẤẤẤẤẤẤẤẤ")), ("Bộ Nội vụ", None)] {
            assert_eq!(running_header_key(s), want, "{s:?}");
        }
    }

    #[test]
    fn ws_len_is_char_is_whitespace() {
        for u in 0u32..0x3100 {
            let Some(c) = char::from_u32(u) else { continue };
            let s = format!("{c}x");
            let want = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(ws_len(&s, 0), want, "{u:X}");
        }
    }

    #[test]
    fn squash_is_split_whitespace_joined() {
        for s in [
            "",
            "  ",
            "Bộ  Nội\tvụ\n",
            "a\u{A0}b\u{85}c\u{2003}d\u{3000}e\u{1680}f\u{202F}g\u{205F}h\u{2028}i",
            "\u{A0}Việt\u{A0}\u{A0}Nam ",
            "ả\u{2019}ờ “x” \u{200B}y",
            "\u{0B}\u{0C}\r x",
        ] {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(squash(s), want, "{s:?}");
        }
    }

    #[test]
    fn at_most_words_counts_to_one_past() {
        for (s, n, want) in [("", 0, true), ("a", 0, false), ("a b  c", 3, true), (" a b c d ", 3, false), ("a\nb", 1, false)] {
            assert_eq!(at_most_words(s, n), want, "{s:?} {n}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Runs of words and every kind of white space, joined as
        /// `split_whitespace` joins them.
        #[test]
        fn squash_matches_split_whitespace(parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::string::string_regex("[a-zđạ-ỹ0-9,.]{1,6}").unwrap_or_else(|_| unreachable!()),
                proptest::sample::select(vec![" ", "  ", "\t", "\n", "\u{A0}", "\u{2003}", "\u{3000}", "\u{200B}", " \u{85}", "ế", "\u{1680}"]).prop_map(String::from),
            ], 0..40)) {
            let s: String = parts.concat();
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(squash(&s), want);
        }
    }
}
