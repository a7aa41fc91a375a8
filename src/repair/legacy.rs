//! TCVN3 (ABC) and VNI-Windows: pre-Unicode Vietnamese font encodings whose
//! bytes reach us read as Latin-1 look-alike text. The code tables are
//! public facts kept beside this module (`tcvn3.tsv`, `vni.tsv`).
//!
//! Must never: decide on its own whether text is legacy; it only decodes.
//! The engine keeps a decoding only where the syllable model prefers it.

use std::collections::HashMap;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// A legacy font table decoded by longest match (one or two chars).
pub struct LegacyTable {
    /// Single code chars by code point (every code char is below U+0100), `\0`: none.
    single_at: [char; 256],
    /// The first chars of the two-char codes, and those codes.
    pair_first: [bool; 256],
    pair_fx: FxHashMap<(char, char), char>,
    /// Chars that only legacy text carries (not Vietnamese letters, not
    /// ASCII, all below U+0100): seeing one is a reason to try this table.
    triggers: [bool; 256],
}

fn parse(data: &str) -> LegacyTable {
    let mut single = HashMap::new();
    let mut pair = HashMap::new();
    for line in data.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let mut cols = line.split('\t');
        let (Some(uni), Some(code)) = (cols.next().and_then(|u| u.chars().next()), cols.next()) else {
            continue;
        };
        let cs: Vec<char> = code.chars().collect();
        match cs.as_slice() {
            [a] => {
                single.insert(*a, uni);
            }
            [a, b] => {
                pair.insert((*a, *b), uni);
            }
            _ => {}
        }
    }
    let mut triggers = [false; 256];
    for c in single.keys().chain(pair.keys().flat_map(|(a, b)| [a, b])).copied() {
        if (c as u32) < 256 && !c.is_ascii() && super::syllable::letter(c).is_none() && !matches!(c, '¡' | '\u{A0}') {
            triggers[c as usize] = true;
        }
    }
    let mut single_at = ['\0'; 256];
    let mut pair_first = [false; 256];
    for (&c, &u) in &single {
        if let Some(slot) = single_at.get_mut(c as usize) {
            *slot = u;
        }
    }
    for &(a, _) in pair.keys() {
        if let Some(slot) = pair_first.get_mut(a as usize) {
            *slot = true;
        }
    }
    let pair_fx = pair.iter().map(|(&k, &v)| (k, v)).collect();
    LegacyTable { single_at, pair_first, pair_fx, triggers }
}

/// TCVN3: `Thñ t­íng` = `Thủ tướng`; toned capitals are an uppercase base
/// plus the lowercase toned code (`¢Ê` = `Ấ`).
pub static TCVN3: LazyLock<LegacyTable> = LazyLock::new(|| parse(include_str!("tcvn3.tsv")));

/// VNI-Windows: a base letter plus modifier chars, `Thuû töôùng` =
/// `Thủ tướng`.
pub static VNI: LazyLock<LegacyTable> = LazyLock::new(|| parse(include_str!("vni.tsv")));

impl LegacyTable {
    /// Does `s` contain a char only this legacy encoding produces?
    pub fn triggered(&self, s: &str) -> bool {
        s.chars().any(|c| (c as u32) < 256 && self.triggers[c as usize])
    }

    /// Decodes by longest match; None when nothing changes.
    pub fn decode(&self, s: &str) -> Option<String> {
        // Nothing to decode unless some char is a code char (all below U+0100).
        let touches = |c: char| {
            let i = c as usize;
            i < 256 && (self.pair_first[i] || (self.single_at[i] != '\0' && self.single_at[i] != c))
        };
        if !s.chars().any(touches) {
            return None;
        }
        let mut out = String::with_capacity(s.len());
        let mut changed = false;
        let mut it = s.chars().peekable();
        while let Some(c) = it.next() {
            let i = c as usize;
            if i >= 256 {
                out.push(c);
                continue;
            }
            if self.pair_first[i] {
                if let Some(&n) = it.peek() {
                    if let Some(&u) = self.pair_fx.get(&(c, n)) {
                        it.next();
                        out.push(u);
                        changed = true;
                        continue;
                    }
                }
            }
            match self.single_at[i] {
                '\0' => out.push(c),
                u => {
                    changed |= u != c;
                    out.push(u);
                }
            }
        }
        changed.then_some(out)
    }
}

/// VNI writes a letter as a plain vowel plus a modifier char, and some
/// modifiers are themselves Vietnamese letters: `aà` (ầ), `aâ` (â), `eâ`
/// (ê), `oâ` (ô), `aê` (ă), `aé` (ắ), `aù` (á), `oõ` (õ). Clean text never
/// puts these after that vowel (`hoà`, `quân`, `thuê`, `xoè`, `yên` do
/// occur and are left out). `prev` is the byte before the char `cp`.
pub fn vni_pair(prev: u8, cp: u32) -> bool {
    // Hot in the pre-scan: most chars follow no plain vowel, so that goes first.
    let prev = prev.to_ascii_lowercase();
    if !matches!(prev, b'a' | b'e' | b'o' | b'u' | b'y') {
        return false;
    }
    // Every modifier below is Latin-1; its capitals (U+00C0..U+00DE, not ×) lowercase by +0x20.
    let cp = if (0xC0..=0xDE).contains(&cp) && cp != 0xD7 { cp + 0x20 } else { cp };
    let Some(m) = char::from_u32(cp) else { return false };
    let tone_mod = matches!(m, 'ù' | 'õ');
    match prev {
        b'a' => matches!(m, 'â' | 'ê' | 'à' | 'á' | 'ã' | 'é' | 'è' | 'ú') || tone_mod,
        b'e' => matches!(m, 'â' | 'à' | 'á' | 'ã') || tone_mod,
        b'o' => matches!(m, 'â' | 'ã') || tone_mod,
        b'u' | b'y' => tone_mod,
        _ => false,
    }
}

/// Bit 0: a char only TCVN3 text carries; bit 1: only VNI.
static TRIGGER_BITS: LazyLock<[u8; 256]> = LazyLock::new(|| {
    let mut t = [0u8; 256];
    for (i, slot) in t.iter_mut().enumerate() {
        *slot = u8::from(TCVN3.triggers[i]) | (u8::from(VNI.triggers[i]) << 1);
    }
    t
});

/// Which legacy tables (TCVN3, VNI) the chars of `s` call for, in one pass
/// over the bytes (Latin-1 chars are encoded C2/C3 + one byte).
pub fn triggers(s: &str) -> [bool; 2] {
    let bits = &*TRIGGER_BITS;
    let b = s.as_bytes();
    let mut acc = 0u8;
    for i in memchr::memchr2_iter(0xC2, 0xC3, b) {
        let Some(&next) = b.get(i + 1) else { break };
        let cp = next as usize + if b[i] == 0xC3 { 0x40 } else { 0 };
        acc |= bits[cp & 0xFF];
        if i > 0 && matches!(b[i - 1] | 0x20, b'a' | b'e' | b'o' | b'u' | b'y') && vni_pair(b[i - 1], cp as u32) {
            acc |= 2;
        }
        if acc == 3 {
            break;
        }
    }
    [acc & 1 != 0, acc & 2 != 0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_examples() {
        assert_eq!(TCVN3.decode("Thñ t\u{AD}íng").as_deref(), Some("Thủ tướng"));
        assert_eq!(TCVN3.decode("¢Ê").as_deref(), Some("Ấ"));
        assert_eq!(VNI.decode("Thuû töôùng").as_deref(), Some("Thủ tướng"));
        assert!(TCVN3.triggered("t\u{AD}íng"));
        assert!(!TCVN3.triggered("tướng có"));
        assert!(VNI.triggered("Thuû"));
        assert_eq!(triggers("Thuû t\u{AD}íng"), [true, true]);
        assert_eq!(triggers("tướng có"), [false, false]);
    }
}
