//! Glyph names and the standard single-byte encodings of simple fonts.
//!
//! A font's `/Differences` names glyphs (`uhorn`, `uni01B0`, `u1EA1`,
//! `ohorn.sc`); this module turns those names into Unicode the way the
//! Adobe Glyph List specification says. When a name means nothing, the
//! caller falls back to the base encoding: that fallback is what prints
//! `°` for `ư` in badly made files, and the repair stage fixes it.
//!
//! Must never: invent a character for a name it does not know.

use std::collections::HashMap;
use std::sync::LazyLock;

static GLYPH_LIST: LazyLock<HashMap<&'static str, char>> = LazyLock::new(|| {
    include_str!("glyphlist.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (name, hex) = l.split_once(';')?;
            let c = char::from_u32(u32::from_str_radix(hex.trim(), 16).ok()?)?;
            Some((name, c))
        })
        .collect()
});

fn hex_char(s: &str) -> Option<char> {
    let v = u32::from_str_radix(s, 16).ok()?;
    // Surrogates and out-of-range values are not characters.
    char::from_u32(v)
}

/// Unicode for a glyph name: AGL, `uniXXXX[XXXX...]`, `uXXXX[XX]`, with
/// `.suffix` and `_` ligature parts handled.
pub fn name_to_unicode(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let parts: Option<String> = base.split('_').map(component).collect();
        return parts;
    }
    component(base)
}

fn component(name: &str) -> Option<String> {
    if let Some(&c) = GLYPH_LIST.get(name) {
        return Some(c.to_string());
    }
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return hex.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).ok().and_then(hex_char)).collect();
        }
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return hex_char(hex).map(String::from);
        }
    }
    None
}

/// The base encodings a simple font can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    /// A symbolic font's built-in encoding: the code itself, or the
    /// Symbol font's characters.
    Symbol,
}

impl BaseEncoding {
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        match name {
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"MacRomanEncoding" => Some(BaseEncoding::MacRoman),
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            _ => None,
        }
    }

    /// The character a code stands for in this encoding.
    pub fn decode(self, code: u8) -> Option<char> {
        match self {
            BaseEncoding::WinAnsi => win_ansi(code),
            BaseEncoding::MacRoman => {
                if code < 0x80 {
                    ascii(code)
                } else {
                    let buf = [code];
                    let (s, _, _) = encoding_rs::MACINTOSH.decode(&buf);
                    s.chars().next()
                }
            }
            BaseEncoding::Standard => match code {
                0x27 => Some('\u{2019}'),
                0x60 => Some('\u{2018}'),
                0xA1..=0xFF => STANDARD_HIGH.iter().find(|(c, _)| *c == code).map(|(_, ch)| *ch),
                _ => ascii(code),
            },
            BaseEncoding::Symbol => symbol(code),
        }
    }
}

fn ascii(code: u8) -> Option<char> {
    (0x20..0x7f).contains(&code).then_some(code as char)
}

fn win_ansi(code: u8) -> Option<char> {
    match code {
        0x20..=0x7e => Some(code as char),
        // Undefined in cp1252; PDF readers print a bullet for 0x7F/0x81... only
        // when the font has one: print nothing.
        0x81 | 0x8d | 0x8f | 0x90 | 0x9d => None,
        0x80..=0xff => {
            let buf = [code];
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&buf);
            s.chars().next()
        }
        _ => None,
    }
}

const STANDARD_HIGH: &[(u8, char)] = &[
    (0xA1, '¡'),
    (0xA2, '¢'),
    (0xA3, '£'),
    (0xA4, '⁄'),
    (0xA5, '¥'),
    (0xA6, 'ƒ'),
    (0xA7, '§'),
    (0xA8, '¤'),
    (0xA9, '\''),
    (0xAA, '“'),
    (0xAB, '«'),
    (0xAC, '‹'),
    (0xAD, '›'),
    (0xAE, 'ﬁ'),
    (0xAF, 'ﬂ'),
    (0xB1, '–'),
    (0xB2, '†'),
    (0xB3, '‡'),
    (0xB4, '·'),
    (0xB6, '¶'),
    (0xB7, '•'),
    (0xB8, '‚'),
    (0xB9, '„'),
    (0xBA, '”'),
    (0xBB, '»'),
    (0xBC, '…'),
    (0xBD, '‰'),
    (0xBF, '¿'),
    (0xD0, '—'),
    (0xE1, 'Æ'),
    (0xE8, 'Ł'),
    (0xE9, 'Ø'),
    (0xEA, 'Œ'),
    (0xF1, 'æ'),
    (0xF5, 'ı'),
    (0xF8, 'ł'),
    (0xF9, 'ø'),
    (0xFA, 'œ'),
    (0xFB, 'ß'),
];

/// Characters of the Symbol font people use in Vietnamese letters
/// (bullets, arrows, relations); codes may arrive in the private-use page
/// `U+F0xx` that Word writes for symbol fonts.
pub fn symbol(code: u8) -> Option<char> {
    Some(match code {
        0x20 => ' ',
        0x2D => '−',
        0x2A => '∗',
        0xB7 => '•',
        0xA8 => '♣',
        0xAB => '↔',
        0xAC => '←',
        0xAD => '↑',
        0xAE => '→',
        0xAF => '↓',
        0xB0 => '°',
        0xB1 => '±',
        0xB3 => '≥',
        0xA3 => '≤',
        0xB4 => '×',
        0xB8 => '÷',
        0xB9 => '≠',
        0xBB => '≈',
        0xBC => '…',
        0xDE => '⇒',
        0xDB => '⇔',
        0x61 => 'α',
        0x62 => 'β',
        0x44 => 'Δ',
        0x64 => 'δ',
        0x6D => 'μ',
        0x70 => 'π',
        0x53 => 'Σ',
        0x57 => 'Ω',
        0x30..=0x39 | 0x28 | 0x29 | 0x2B | 0x2C | 0x2E | 0x2F | 0x3A..=0x3E | 0x5B | 0x5D => code as char,
        _ => return None,
    })
}

/// Wingdings bullets and ticks, the shapes letters use as list markers.
pub fn wingdings(code: u8) -> Option<char> {
    Some(match code {
        0x20 => ' ',
        0x6C | 0x6E | 0x9F | 0xA7 => '•',
        0x71 | 0x76 | 0xA8 => '▪',
        0xD8 | 0xE0 | 0xE8 => '➢',
        0xFC => '✓',
        0xFB => '✗',
        0xFE => '☑',
        0x6F => '□',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(name_to_unicode("uhorn").as_deref(), Some("ư"));
        assert_eq!(name_to_unicode("Ohorn").as_deref(), Some("Ơ"));
        assert_eq!(name_to_unicode("uni01B0").as_deref(), Some("ư"));
        assert_eq!(name_to_unicode("uni01B001A1").as_deref(), Some("ươ"));
        assert_eq!(name_to_unicode("u1EA1").as_deref(), Some("ạ"));
        assert_eq!(name_to_unicode("ohorn.sc").as_deref(), Some("ơ"));
        assert_eq!(name_to_unicode("f_i").as_deref(), Some("fi"));
        assert_eq!(name_to_unicode("quotedblleft").as_deref(), Some("“"));
        assert_eq!(name_to_unicode("g123"), None);
        assert_eq!(name_to_unicode("uniD800"), None);
        assert_eq!(BaseEncoding::WinAnsi.decode(0xB0), Some('°'));
        assert_eq!(BaseEncoding::WinAnsi.decode(0x93), Some('“'));
        assert_eq!(BaseEncoding::Standard.decode(0x27), Some('’'));
    }
}
