//! Small text helpers shared by every stage: Vietnamese folding (diacritics
//! and `đ` removed, lowercase) and NFC.
//!
//! Must never: allocate when the input is already in the asked form.

use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// NFC form of `s`, borrowed when `s` is already NFC.
pub fn nfc(s: &str) -> Cow<'_, str> {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfc().collect()),
    }
}

/// Folds Vietnamese for matching: lowercase, diacritics removed, `đ` → `d`.
/// `Bộ Nội vụ` → `bo noi vu`. The output has the same number of chars as the
/// NFC input so offsets carry over.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in nfc(s).chars() {
        out.push(fold_fast(c));
    }
    out
}

/// Folded form of the first 8192 code points (every precomposed Vietnamese
/// letter lives there), computed once.
static FOLD_TABLE: std::sync::LazyLock<Vec<char>> =
    std::sync::LazyLock::new(|| (0u32..0x2000).map(|u| char::from_u32(u).map_or('\u{0}', fold_char)).collect());

/// [`fold_char`] through a table: the hot path of matching and indexing.
pub fn fold_fast(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match FOLD_TABLE.get(c as usize) {
        Some(&f) if f != '\u{0}' => f,
        _ => fold_char(c),
    }
}

/// Folds one precomposed character (see [`fold`]).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'đ' | 'Đ' | 'Ð' => return 'd',
        _ => {}
    }
    let base = c.nfd().next().unwrap_or(c);
    let mut lower = base.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => base,
    }
}

/// `char::is_alphanumeric` below U+2000 (every Vietnamese letter), computed once.
static ALNUM_TABLE: std::sync::LazyLock<Vec<bool>> =
    std::sync::LazyLock::new(|| (0u32..0x2000).map(|u| char::from_u32(u).is_some_and(char::is_alphanumeric)).collect());

/// [`char::is_alphanumeric`] through a table: word boundaries in the
/// extractor test it on every Vietnamese letter, where the std check
/// searches the Unicode tables.
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match ALNUM_TABLE.get(c as usize) {
        Some(&a) => a,
        None => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_alnum_is_std() {
        for u in (0u32..0x3100).chain(0xFF00..0xFF20) {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(super::is_alnum(c), c.is_alphanumeric(), "{u:X}");
            }
        }
    }
}
