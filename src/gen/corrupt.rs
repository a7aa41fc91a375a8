//! Corrupts clean generated text with one mojibake family, the way real
//! archives arrive: PDF low-byte fonts (`thương` → `th°¡ng`), UTF-8 read as
//! Windows-1252 (`Thủ tướng` → `Thá»§ tÆ°á»›ng`), and the TCVN3 (ABC) and
//! VNI-Windows legacy font encodings (bytes written as the old font wrote them).
//!
//! The legacy tables are the repair module's own (`src/repair/*.tsv`), read
//! here in the other direction; nothing in this file is used by repair.
//!
//! Must never: produce bytes a family could not have produced (every legacy
//! byte is a Windows-1252 byte), or panic on any input.

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// A repair family the generator can apply to a whole document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// PDF simple-font low bytes: ư→° ơ→¡ Ư→¯ “→< ”→=.
    PdfLowbyte,
    /// UTF-8 bytes decoded as Windows-1252, written back as UTF-8.
    Cp1252,
    /// TCVN3 (ABC) font bytes.
    Tcvn3,
    /// VNI-Windows font bytes.
    Vni,
}

impl Family {
    pub const ALL: [Family; 4] = [Family::PdfLowbyte, Family::Cp1252, Family::Tcvn3, Family::Vni];

    /// The name used in the truth file (the kinds `vanban repair --explain` reports).
    pub fn name(self) -> &'static str {
        match self {
            Family::PdfLowbyte => "pdf_font_lowbyte",
            Family::Cp1252 => "utf8_as_cp1252",
            Family::Tcvn3 => "tcvn3",
            Family::Vni => "vni",
        }
    }

    /// The bytes of `text` (clean NFC UTF-8) as this family damages them.
    pub fn apply(self, text: &str) -> Vec<u8> {
        match self {
            Family::PdfLowbyte => pdf_lowbyte(text).into_bytes(),
            Family::Cp1252 => utf8_as_cp1252(text).into_bytes(),
            Family::Tcvn3 => legacy(text, &TCVN3),
            Family::Vni => legacy(text, &VNI),
        }
    }
}

/// `thương` → `th°¡ng`, `“Ưu”` → `<¯u=`.
pub fn pdf_lowbyte(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ư' => '°',
            'ơ' => '¡',
            'Ư' => '¯',
            '“' => '<',
            '”' => '=',
            c => c,
        })
        .collect()
}

/// `Thủ` → `Thá»§`: every UTF-8 byte read as the Windows-1252 char it codes.
pub fn utf8_as_cp1252(text: &str) -> String {
    let (s, _, _) = encoding_rs::WINDOWS_1252.decode(text.as_bytes());
    s.into_owned()
}

/// Unicode letter → its legacy spelling, as Windows-1252 chars.
type Table = HashMap<char, String>;

fn parse_table(tsv: &str) -> Table {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let (u, legacy) = l.split_once('\t')?;
            let mut chars = u.chars();
            let c = chars.next()?;
            chars.next().is_none().then(|| (c, legacy.to_string()))
        })
        .collect()
}

static TCVN3: LazyLock<Table> = LazyLock::new(|| parse_table(include_str!("../repair/tcvn3.tsv")));
static VNI: LazyLock<Table> = LazyLock::new(|| parse_table(include_str!("../repair/vni.tsv")));

/// Typographic marks a legacy font document types as plain ASCII.
fn ascii_mark(c: char) -> Option<&'static str> {
    Some(match c {
        '“' | '”' => "\"",
        '‘' | '’' => "'",
        '–' | '—' => "-",
        '…' => "...",
        _ => return None,
    })
}

/// The file a legacy-font word processor saved: each letter in the table's
/// spelling, encoded as Windows-1252 bytes.
fn legacy(text: &str, table: &Table) -> Vec<u8> {
    let mut s = String::with_capacity(text.len());
    for c in text.nfc() {
        if let Some(l) = table.get(&c) {
            s.push_str(l);
        } else if let Some(a) = ascii_mark(c) {
            s.push_str(a);
        } else {
            s.push(c);
        }
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&s);
    bytes.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_change_vietnamese_and_keep_ascii() {
        let clean = "Thủ tướng Chính phủ “Ưu tiên” phương án";
        for f in Family::ALL {
            let out = f.apply(clean);
            assert_ne!(out, clean.as_bytes(), "{f:?}");
            assert!(out.starts_with(b"Th"), "{f:?}");
        }
        assert_eq!(pdf_lowbyte("thương Ưu “x”"), "th°¡ng ¯u <x=");
        assert_eq!(utf8_as_cp1252("ủ"), "á»§");
    }

    #[test]
    fn legacy_tables_cover_every_vietnamese_letter() {
        for t in [&*TCVN3, &*VNI] {
            assert!(t.len() >= 130, "{}", t.len());
            for c in "ăâđêôơưĂÂĐÊÔƠƯạảãàáặẳẵằắậẩẫầấẹẻẽèéệểễềếịỉĩìíọỏõòóộổỗồốợởỡờớụủũùúựửữừứỵỷỹỳý".chars() {
                assert!(t.contains_key(&c), "{c}");
            }
        }
        // Every legacy byte is a Windows-1252 byte: nothing is lost on encoding.
        let bytes = legacy("Đảng ủy Ưu tiên", &TCVN3);
        assert!(!bytes.windows(2).any(|w| w == b"&#"));
    }
}
