//! Fast pre-scan: is this text plainly clean (ASCII, Vietnamese letters,
//! common punctuation), so the engine can hand it back borrowed?
//!
//! Must never: call text clean when it holds a char some repair family would
//! act on (controls, combining marks, non-Vietnamese Latin-1 letters and
//! signs, Windows-1252 specials, a `<` that might open a PDF quote).

use std::sync::LazyLock;

use super::syllable::letter;

/// Byte classes for ASCII: 0 plain, 1 dirty, 2 `<` (dirty before a letter:
/// it may open a PDF quote), 3 `=` (dirty glued to a word: it may close one).
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
    t[b'<' as usize] = 2;
    t[b'=' as usize] = 3;
    t
};

/// Class of a code point below U+0800: 0 clean, 1 dirty, 2 NBSP, 3 `°`,
/// 4 `Â`/`Ã` (clean unless a non-ASCII char follows).
static LOW_CLASS: LazyLock<Vec<u8>> = LazyLock::new(|| {
    (0u32..0x800)
        .map(|cp| match cp {
            0xA0 => 2,
            0xB0 => 3,
            0xC2 | 0xC3 => 4,
            0xC0 | 0xC1 | 0xC8 | 0xC9 | 0xCA | 0xD5 | 0xD9 | 0xDA | 0xE0 | 0xE1 | 0xE2 | 0xE3 | 0xE8 | 0xE9 | 0xEA | 0xF5
            | 0xF9 | 0xFA => 5,
            0x80..=0xBF | 0x300..=0x36F | 0x2C6 | 0x2DC => 1,
            0xC0..=0x24F => u8::from(char::from_u32(cp).and_then(letter).is_none()),
            _ => 0,
        })
        .collect()
});

/// Is the char at code point `cp` (>= U+0800) plainly clean?
#[inline]
fn clean_high(cp: u32) -> bool {
    match cp {
        0x1EA0..=0x1EF9 => true,
        0x2020 | 0x2021 | 0x2030 | 0x2039 | 0x203A | 0x20AC | 0x2122 | 0x201A | 0x201E | 0xFFFD => false,
        _ => true,
    }
}

/// ASCII bytes that are clean wherever they stand (class 0 of [`ASCII_CLASS`]).
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = ASCII_CLASS[i] == 0;
        i += 1;
    }
    t
};

/// Could `prev` start a VNI pair (a plain vowel, either case)? The cheap
/// half of [`super::legacy::vni_pair`], checked inline first.
#[inline]
fn vni_vowel(prev: u8) -> bool {
    matches!(prev | 0x20, b'a' | b'e' | b'o' | b'u' | b'y')
}

/// Byte offset of the first char some repair family could act on. A no-break
/// space counts only as the tail of `Ã` (`vÃ\u{A0}` = `và`).
pub fn first_dirty(s: &str) -> Option<usize> {
    scan::<false>(s, false).err()
}

/// [`first_dirty`] for a document that shows the PDF low-byte family: a
/// no-break space next to an ASCII capital may then be `Ơ` (`C\u{A0} QUAN`).
pub fn first_dirty_pdf(s: &str) -> Option<usize> {
    scan::<false>(s, true).err()
}

/// [`first_dirty`] that, on text it finds clean, also tells whether every
/// char is one NFC leaves alone ([`crate::text::is_stable_nfc`]): then the
/// text is NFC, and the caller that wants NFC need not read it again.
pub fn first_dirty_or_nfc(s: &str) -> Result<bool, usize> {
    scan::<true>(s, false)
}

/// The pre-scan: the offset of the first dirty char, or (clean text) with
/// `NFC`, whether every char is NFC-stable (false without `NFC`).
#[inline(always)]
fn scan<const NFC: bool>(s: &str, pdf: bool) -> Result<bool, usize> {
    let b = s.as_bytes();
    let low = LOW_CLASS.as_slice();
    let mut stable = NFC;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if PLAIN[x as usize] {
            i += 1;
            continue;
        }
        if x < 0x80 {
            let dirty = match ASCII_CLASS[x as usize] {
                2 => b.get(i + 1).is_some_and(|&n| n.is_ascii_alphabetic() || n >= 0x80),
                3 => i > 0 && (b[i - 1] >= 0x80 || b[i - 1].is_ascii_alphabetic()),
                _ => true,
            };
            if dirty {
                return Err(i);
            }
            i += 1;
            continue;
        }
        // Ạ..ỹ (U+1EA0..U+1EFF, E1 BA/BB xx): Vietnamese letters, clean.
        if x == 0xE1 && matches!(b.get(i + 1), Some(0xBA | 0xBB)) {
            i += 3;
            continue;
        }
        // `s` is valid UTF-8: decode the sequence directly.
        let (cp, len) = match x {
            0xC0..=0xDF => (((x as u32 & 0x1F) << 6) | (b.get(i + 1).copied().unwrap_or(0) as u32 & 0x3F), 2),
            0xE0..=0xEF => (
                ((x as u32 & 0x0F) << 12)
                    | ((b.get(i + 1).copied().unwrap_or(0) as u32 & 0x3F) << 6)
                    | (b.get(i + 2).copied().unwrap_or(0) as u32 & 0x3F),
                3,
            ),
            _ => (0x10000, 4),
        };
        let clean = if cp < 0x800 {
            let prev = if i > 0 { b[i - 1] } else { b' ' };
            let next = b.get(i + len).copied().unwrap_or(b' ');
            match low.get(cp as usize).copied().unwrap_or(1) {
                0 => true,
                // NBSP: `Ơ` through a PDF font (`C\u{A0} QUAN`), or the tail
                // of `à` read as Windows-1252 (`vÃ\u{A0}`, 0x83 ends `Ã`).
                2 => !(prev == 0x83 || pdf && (prev.is_ascii_uppercase() || next.is_ascii_uppercase() && prev == b' ')),
                3 => prev.is_ascii_digit(),
                // VNI modifier after a plain vowel (`Traàn` = `Trần`).
                5 => !(vni_vowel(prev) && super::legacy::vni_pair(prev, cp)),
                // `Ã`/`Â` before a non-ASCII char: the lead of a UTF-8
                // sequence read as Windows-1252 (`CÃ”NG` = `CÔNG`).
                4 => next < 0x80 && !(vni_vowel(prev) && super::legacy::vni_pair(prev, cp)),
                _ => false,
            }
        } else {
            clean_high(cp)
        };
        if !clean {
            return Err(i);
        }
        if NFC {
            stable &= char::from_u32(cp).is_some_and(crate::text::is_stable_nfc);
        }
        i += len;
    }
    Ok(stable)
}

/// True when no repair family could act on `s`.
#[inline]
pub fn is_clean(s: &str) -> bool {
    first_dirty(s).is_none()
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
        assert!(is_clean("x < 5, a <= b, y = 2"));
        assert!(!is_clean("x <Kỷ"));
        assert!(!is_clean("bền vững= của"));
        assert!(is_clean("José"));
        assert!(!is_clean("Traàn Vaên Sôn"));
        assert!(is_clean("hoà hoá quân thuê quà quá xoè yên tiên"));
        assert!(!is_clean("Müller"));
        assert!(is_clean("TB-VPCP\u{A0}kết"));
        assert!(first_dirty_pdf("TB-VPCP\u{A0}kết").is_some());
        assert!(!is_clean("vÃ\u{A0}"));
    }

    #[test]
    fn nfc_stability_of_clean_text() {
        assert_eq!(first_dirty_or_nfc("Thủ tướng – “Kỷ cương” 30°C"), Ok(true));
        // Clean but not all NFC-stable: `≤`, `→`, an emoji, a Hangul syllable.
        for t in ["a ≤ b", "x → y", "ok 👍", "한"] {
            assert_eq!(first_dirty_or_nfc(t), Ok(false), "{t}");
        }
        assert_eq!(first_dirty_or_nfc("ab Thá»§"), Err(7));
    }
}
