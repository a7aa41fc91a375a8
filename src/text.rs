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
        out.push(fold_char(c));
    }
    out
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
