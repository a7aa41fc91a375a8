//! Fast pre-scan: is this text plainly clean (ASCII, Vietnamese letters,
//! common punctuation), so the engine can hand it back borrowed?
//!
//! Must never: call text clean when it holds a char some repair family would
//! act on (controls, combining marks, non-Vietnamese Latin-1 letters and
//! signs, Windows-1252 specials, a `<` that might open a PDF quote).

use super::syllable::letter;

/// Byte classes for ASCII: 0 plain, 1 needs a look.
static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 32 {
        t[i] = 1;
        i += 1;
    }
    t[b'\t' as usize] = 0;
    t[b'\n' as usize] = 0;
    t[b'\r' as usize] = 0;
    t[0x7F] = 1;
    t[b'<' as usize] = 1;
    t
};

/// Is the non-ASCII char `c` (after `prev`, before `next`) plainly clean?
#[inline]
fn clean_char(c: char, prev: u8, next: u8) -> bool {
    match c as u32 {
        // NBSP: `Ơ` through a PDF font (`C\u{A0} QUAN`), or the tail of `à`
        // read as Windows-1252 (`vÃ\u{A0}`, 0x83 is the last byte of `Ã`).
        0xA0 => !(prev == 0x83 || prev.is_ascii_uppercase() || next.is_ascii_uppercase() && prev == b' '),
        // `Ã`/`Â` before a non-ASCII char: the lead of a UTF-8 sequence read
        // as Windows-1252 (`CÃ”NG` = `CÔNG`).
        0xC2 | 0xC3 => next < 0x80 && letter(c).is_some(),
        0xB0 => prev.is_ascii_digit(),
        0x80..=0xBF => false,
        0xC0..=0x24F | 0x1EA0..=0x1EFF => letter(c).is_some(),
        0x2018..=0x201D | 0x2013 | 0x2014 | 0x2026 | 0x2022 => true,
        0x300..=0x36F | 0xFFFD => false,
        0x2020 | 0x2021 | 0x2030 | 0x2039 | 0x203A | 0x20AC | 0x2122 | 0x2C6 | 0x2DC | 0x201E => false,
        _ => true,
    }
}

/// True when no repair family could act on `s`.
pub fn is_clean(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if ASCII_CLASS[x as usize] != 0 {
                return false;
            }
            i += 1;
            continue;
        }
        let len = match x {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let Some(c) = s.get(i..i + len).and_then(|t| t.chars().next()) else {
            return false;
        };
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        let next = b.get(i + len).copied().unwrap_or(b' ');
        if !clean_char(c, prev, next) {
            return false;
        }
        i += len;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_and_not() {
        assert!(is_clean("Nhiệt độ trung bình 30°C; tỷ lệ hộ nghèo 5%; chỉ số x = 1,2. “Kỷ cương”"));
        assert!(!is_clean("khen th°ởng"));
        assert!(!is_clean("Thá»§"));
        assert!(!is_clean("Vie\u{323}\u{302}t"));
        assert!(!is_clean("Thuû"));
        assert!(!is_clean("x < 5"));
        assert!(is_clean("José"));
        assert!(!is_clean("Müller"));
    }
}
