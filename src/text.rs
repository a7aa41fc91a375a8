//! Small text helpers shared by every stage: Vietnamese folding (diacritics
//! and `đ` removed, lowercase) and NFC.
//!
//! Must never: allocate when the input is already in the asked form.

use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// NFC form of `s`, borrowed when `s` is already NFC.
pub fn nfc(s: &str) -> Cow<'_, str> {
    // Vietnamese text is nearly all chars that are NFC alone (see
    // `is_stable_nfc`): a range test each, where the quick check looks up
    // every char's combining class.
    if s.chars().all(is_stable_nfc) {
        return Cow::Borrowed(s);
    }
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

/// A per-char table over the first 8192 code points (every precomposed
/// Vietnamese letter, and the Latin, Greek and Cyrillic chars mojibake is
/// made of), each 256-char block computed on its first use: a process that
/// reads one short file pays for the few blocks its text touches, not for
/// all 8192 std lookups (they were 0.8 ms of a `vanban repair` run).
pub struct CharTable<T: Copy + 'static> {
    blocks: [std::sync::OnceLock<[T; 256]>; TABLE_BLOCKS],
    build: fn(char) -> T,
    /// The value of a code point that is no char (a surrogate).
    none: T,
}

/// 256-char blocks of a [`CharTable`].
const TABLE_BLOCKS: usize = 0x2000 / 256;

impl<T: Copy + 'static> CharTable<T> {
    pub const fn new(build: fn(char) -> T, none: T) -> Self {
        CharTable { blocks: [const { std::sync::OnceLock::new() }; TABLE_BLOCKS], build, none }
    }

    /// The value of `c`; `None` above the table.
    #[inline]
    pub fn get(&self, c: char) -> Option<T> {
        let u = c as usize;
        let block = self.blocks.get(u >> 8)?.get_or_init(|| {
            std::array::from_fn(|i| char::from_u32(((u >> 8) << 8 | i) as u32).map_or(self.none, self.build))
        });
        Some(block[u & 0xFF])
    }
}

/// Folded form of the first 8192 code points (`\u{0}`: fold it with
/// [`fold_char`]).
static FOLD_TABLE: CharTable<char> = CharTable::new(fold_char, '\u{0}');

/// [`fold_char`] through a table: the hot path of matching and indexing.
pub fn fold_fast(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match FOLD_TABLE.get(c) {
        Some(f) if f != '\u{0}' => f,
        _ => fold_char(c),
    }
}

/// `c.to_lowercase()` when that is one char (`İ` gives two: `None`).
fn single_lower(c: char) -> Option<char> {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(l), None) => Some(l),
        _ => None,
    }
}

/// [`single_lower`] of the first 8192 code points (`\u{0}` for `None`).
static LOWER_TABLE: CharTable<char> = CharTable::new(|c| single_lower(c).unwrap_or('\u{0}'), '\u{0}');

/// `c.to_lowercase()` when that is one char, through a table for every
/// Vietnamese letter; `None` when it is several (`İ` → `i̇`).
pub fn lower_fast(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    match LOWER_TABLE.get(c) {
        Some(l) if l != '\u{0}' => Some(l),
        Some(_) => None,
        None => single_lower(c),
    }
}

/// Whether a char is NFC on its own and cannot combine with a neighbour:
/// below U+0300 (ASCII, Latin-1, Latin Extended A/B), precomposed Latin
/// Extended Additional (U+1E00–U+1EFF, the Vietnamese letters with two
/// marks) or general punctuation past its two canonical singletons
/// (U+2002–U+206F: quotes, dashes, `…`). A text made only of such chars is
/// NFC, so its NFC check is skipped.
pub fn is_stable_nfc(c: char) -> bool {
    c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c) || ('\u{2002}'..='\u{206F}').contains(&c)
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

/// Class bits of [`CLASS_TABLE`].
const ALPHA: u8 = 1;
const ALNUM: u8 = 2;

/// `char::is_alphabetic` and `char::is_alphanumeric` of every char below
/// U+2000 (every Vietnamese letter, and the Latin, Greek and Cyrillic chars
/// mojibake is made of), a block at a time: word boundaries in the extractor, the
/// index tokenizer and the repair scorer test them on every letter, where the
/// std checks search the Unicode tables.
static CLASS_TABLE: CharTable<u8> = CharTable::new(
    |c| {
        if c.is_alphabetic() {
            ALPHA | ALNUM
        } else if c.is_alphanumeric() {
            ALNUM
        } else {
            0
        }
    },
    0,
);

/// The char that starts at byte `i` of `bytes` (a char boundary of valid
/// UTF-8, below its end) and its length, decoded from the bytes: the hot
/// scans (the index tokenizer, the agency matcher's folded copy) walk bytes
/// and meet a wider char only now and then, where `s[i..].chars().next()`
/// would re-check the slice each time.
#[inline]
pub fn char_at(bytes: &[u8], i: usize) -> (char, usize) {
    let cont = |k: usize| u32::from(bytes.get(i + k).copied().unwrap_or(0x80) & 0x3F);
    let lead = u32::from(bytes[i]);
    let (u, n) = if lead < 0x80 {
        (lead, 1)
    } else if lead < 0xE0 {
        ((lead & 0x1F) << 6 | cont(1), 2)
    } else if lead < 0xF0 {
        ((lead & 0x0F) << 12 | cont(1) << 6 | cont(2), 3)
    } else {
        ((lead & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4)
    };
    // Valid UTF-8 always decodes to a char.
    (char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER), n)
}

/// [`char::is_alphanumeric`] through [`CLASS_TABLE`].
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        has_class(c, ALNUM, char::is_alphanumeric)
    }
}

/// [`char::is_alphabetic`] through [`CLASS_TABLE`].
#[inline]
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        has_class(c, ALPHA, char::is_alphabetic)
    }
}

/// `bit` of `c` in [`CLASS_TABLE`]; `std_check` above the table.
#[inline]
fn has_class(c: char, bit: u8, std_check: fn(char) -> bool) -> bool {
    match CLASS_TABLE.get(c) {
        Some(k) => k & bit != 0,
        None => std_check(c),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn char_classes_are_std() {
        for u in (0u32..0x3100).chain(0xFF00..0xFF20) {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(super::is_alnum(c), c.is_alphanumeric(), "{u:X}");
                assert_eq!(super::is_alpha(c), c.is_alphabetic(), "{u:X}");
            }
        }
    }

    #[test]
    fn lower_and_nfc_tables_are_std() {
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for u in 0u32..0x3100 {
            let Some(c) = char::from_u32(u) else { continue };
            let lower: Vec<char> = c.to_lowercase().collect();
            match super::lower_fast(c) {
                Some(l) => assert_eq!(lower, [l], "{u:X}"),
                None => assert!(lower.len() > 1, "{u:X}"),
            }
            if super::is_stable_nfc(c) {
                assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{u:X}");
                assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0, "{u:X}");
            }
        }
    }
}
