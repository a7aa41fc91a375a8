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
    Some(compose(&ordered))
}

/// NFC of `s`, normalising only the stretches that need it. A char that is
/// NFC alone and never composes with the char before it
/// ([`crate::text::is_stable_nfc`]: ASCII, Latin-1, `ạ`..`ỹ`, quotes) is a
/// normalisation boundary, so each stretch from one such char to the next
/// is normalised on its own and the stretches are joined: in a line of
/// Windows-1258 (`Thu\u{309} tu\u{31B}o\u{31B}\u{301}ng`) only `u\u{309}`
/// and `o\u{31B}\u{301}` go through the normaliser, where NFC of the whole
/// line decomposed and recomposed every letter.
fn compose(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // `s[..done]` is in `out`; the stretch the next chars belong to starts
    // at `boundary`, and `marked` says it holds a char that is no boundary.
    let (mut done, mut boundary, mut marked) = (0, 0, false);
    for (i, c) in s.char_indices() {
        if !crate::text::is_stable_nfc(c) {
            marked = true;
            continue;
        }
        if marked {
            out.push_str(&s[done..boundary]);
            out.extend(s[boundary..i].nfc());
            (done, marked) = (i, false);
        }
        boundary = i;
    }
    if marked {
        out.push_str(&s[done..boundary]);
        out.extend(s[boundary..].nfc());
    } else {
        out.push_str(&s[done..]);
    }
    out
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

    /// What makes [`compose`] exact: every [`crate::text::is_stable_nfc`]
    /// char is a starter that NFC leaves alone and that never comes second
    /// in a canonical decomposition (so never composes with the char
    /// before it).
    #[test]
    fn stable_chars_are_boundaries() {
        use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if crate::text::is_stable_nfc(c) {
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
                assert_eq!(c.to_string().nfc().collect::<String>(), c.to_string(), "{c:?}");
            }
            let mut parts = Vec::new();
            decompose_canonical(c, |p| parts.push(p));
            if let Some(p) = parts.iter().skip(1).find(|&&p| crate::text::is_stable_nfc(p)) {
                panic!("{c:?} decomposes with {p:?} after its first char");
            }
        }
    }

    /// [`compose`] agrees with NFC of the whole text on mixes of boundary
    /// chars, combining marks, Hangul jamo (which compose with each other
    /// and not with marks) and singletons NFC rewrites (`Å` U+212B, `Ω`
    /// U+2126), in every order.
    #[test]
    fn compose_is_nfc() {
        let alphabet: Vec<char> = "aeoAuyđĐ ,.Ωǿ\u{1EA1}\u{1EDB}\u{2013}\u{2001}\u{300}\u{301}\u{302}\u{303}\u{309}\u{31B}\u{323}\u{344}\u{340}\u{212B}\u{2126}\u{1100}\u{1161}\u{11A8}\u{AC00}\u{0B47}\u{0B3E}\u{0F73}\u{0345}"
            .chars()
            .collect();
        let n = alphabet.len() as u64;
        for &a in &alphabet {
            for &b in &alphabet {
                for &c in &alphabet {
                    let s: String = [a, b, c].into_iter().collect();
                    assert_eq!(compose(&s), s.nfc().collect::<String>(), "{s:?}");
                }
            }
        }
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..20_000 {
            let mut s = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut x = state;
            for _ in 0..(x % 9) {
                x /= 7;
                s.push(alphabet[(x % n) as usize]);
                x = x.rotate_left(11) ^ state;
            }
            assert_eq!(compose(&s), s.nfc().collect::<String>(), "{s:?}");
        }
    }
}
