//! Decomposed text: letters written as base + combining marks (NFD, as macOS
//! file names and some PDF text layers give them), sometimes with the tone
//! mark typed before the vowel modifier.
//!
//! Must never: move a tone to another vowel (`hoà` stays `hoà`, `hòa` stays
//! `hòa`); only the marks on one base letter are put in order and composed.

use std::borrow::Cow;

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
    Some(compose(&order_marks(s)))
}

/// `s` with the marks of each run in modifier-then-tone order; borrowed when
/// every run is in that order already (a lone mark always is), so the text
/// is not copied char by char to find out.
fn order_marks(s: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut done = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_combining(c) {
            continue;
        }
        let (mut end, mut rank, mut ordered) = (start + c.len_utf8(), mark_rank(c), true);
        while let Some(&(i, m)) = chars.peek().filter(|(_, m)| is_combining(*m)) {
            ordered &= mark_rank(m) >= rank;
            (end, rank) = (i + m.len_utf8(), mark_rank(m));
            chars.next();
        }
        if ordered {
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
        o.push_str(&s[done..start]);
        let mut marks: Vec<char> = s[start..end].chars().collect();
        marks.sort_by_key(|&m| mark_rank(m));
        o.extend(marks);
        done = end;
    }
    match out {
        Some(mut o) => {
            o.push_str(&s[done..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(s),
    }
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
            push_nfc(&mut out, &s[boundary..i]);
            (done, marked) = (i, false);
        }
        boundary = i;
    }
    if marked {
        out.push_str(&s[done..boundary]);
        push_nfc(&mut out, &s[boundary..]);
    } else {
        out.push_str(&s[done..]);
    }
    out
}

/// Appends NFC of `stretch` (a stretch of [`compose`]). The common one, a
/// letter and one mark (`u\u{309}`), is a look-up in the composition
/// table: when the pair composes, NFC is that char (a test checks every
/// such pair); anything else goes through the normaliser.
fn push_nfc(out: &mut String, stretch: &str) {
    let mut cs = stretch.chars();
    if let (Some(base), Some(mark), None) = (cs.next(), cs.next(), cs.next()) {
        if crate::text::is_stable_nfc(base) && is_combining(mark) {
            if let Some(c) = unicode_normalization::char::compose(base, mark) {
                out.push(c);
                return;
            }
        }
    }
    out.extend(stretch.nfc());
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

    /// [`push_nfc`]'s look-up is NFC for every boundary char and mark.
    #[test]
    fn composed_pairs_are_nfc() {
        for base in (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|&c| crate::text::is_stable_nfc(c)) {
            for mark in ('\u{300}'..='\u{36F}').filter(|&m| is_combining(m)) {
                let pair: String = [base, mark].into_iter().collect();
                let mut out = String::new();
                push_nfc(&mut out, &pair);
                assert_eq!(out, pair.nfc().collect::<String>(), "{pair:?}");
            }
        }
    }

    #[test]
    fn marks_are_ordered_per_run() {
        assert!(matches!(order_marks("hoa\u{300} Vie\u{302}\u{323}t"), Cow::Borrowed(_)));
        assert_eq!(order_marks("e\u{301}\u{302} o\u{309}\u{31B}a\u{300}"), "e\u{302}\u{301} o\u{31B}\u{309}a\u{300}");
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
