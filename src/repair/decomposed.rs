//! Decomposed text: letters written as base + combining marks (NFD, as macOS
//! file names and some PDF text layers give them), sometimes with the tone
//! mark typed before the vowel modifier.
//!
//! Must never: move a tone to another vowel (`hoà` stays `hoà`, `hòa` stays
//! `hòa`); only the marks on one base letter are put in order and composed.

use unicode_normalization::UnicodeNormalization;

#[inline]
pub fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// Vowel modifiers (circumflex, breve, horn) sort before tone marks.
fn mark_rank(c: char) -> u8 {
    match c {
        '\u{302}' | '\u{306}' | '\u{31B}' => 0,
        _ => 1,
    }
}

/// `e` + U+0301 + U+0302 (tone typed before the circumflex) is `ế`, not
/// `é` + a stray circumflex; and `Vie\u{323}\u{302}t` is `Việt`. Puts the
/// marks on each base letter in modifier-then-tone order, then composes
/// (NFC). Returns None when `s` has no combining mark.
pub fn fix_decomposed(s: &str) -> Option<String> {
    if !s.chars().any(is_combining) {
        return None;
    }
    let mut ordered = String::with_capacity(s.len());
    let mut marks: Vec<char> = Vec::new();
    for c in s.chars() {
        if is_combining(c) {
            marks.push(c);
            continue;
        }
        flush_marks(&mut marks, &mut ordered);
        ordered.push(c);
    }
    flush_marks(&mut marks, &mut ordered);
    Some(ordered.nfc().collect())
}

fn flush_marks(marks: &mut Vec<char>, out: &mut String) {
    marks.sort_by_key(|&m| mark_rank(m));
    out.extend(marks.drain(..));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_and_orders() {
        assert_eq!(fix_decomposed("Vie\u{323}\u{302}t").as_deref(), Some("Việt"));
        assert_eq!(fix_decomposed("e\u{301}\u{302}").as_deref(), Some("ế"));
        assert_eq!(fix_decomposed("hoa\u{300}").as_deref(), Some("hoà"));
        assert_eq!(fix_decomposed("hoà"), None);
    }
}
