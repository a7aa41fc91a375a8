//! UTF-8 read as Windows-1252 or Latin-1: every Vietnamese letter became two
//! or three Western chars (`Thủ tướng` → `Thá»§ tÆ°á»›ng`), sometimes twice.
//!
//! Must never: rewrite chars that do not form a valid UTF-8 sequence once
//! re-encoded (`José`, `Müller` stay), or anything outside the token given.

/// Windows-1252 bytes 0x80..=0x9F and the chars they decode to.
pub(crate) const CP1252_HIGH: [(u8, char); 27] = [
    (0x80, '€'),
    (0x82, '‚'),
    (0x83, 'ƒ'),
    (0x84, '„'),
    (0x85, '…'),
    (0x86, '†'),
    (0x87, '‡'),
    (0x88, 'ˆ'),
    (0x89, '‰'),
    (0x8A, 'Š'),
    (0x8B, '‹'),
    (0x8C, 'Œ'),
    (0x8E, 'Ž'),
    (0x91, '‘'),
    (0x92, '’'),
    (0x93, '“'),
    (0x94, '”'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x98, '˜'),
    (0x99, '™'),
    (0x9A, 'š'),
    (0x9B, '›'),
    (0x9C, 'œ'),
    (0x9E, 'ž'),
    (0x9F, 'Ÿ'),
];

/// The byte `c` came from if it was decoded from Windows-1252 or Latin-1
/// (C1 controls stand for the bytes Windows-1252 leaves undefined).
#[inline]
pub fn cp1252_byte(c: char) -> Option<u8> {
    let cp = c as u32;
    if cp < 0x100 {
        return Some(cp as u8);
    }
    CP1252_HIGH.iter().find(|(_, ch)| *ch == c).map(|(b, _)| *b)
}

/// Cheap gate: a UTF-8 lead byte char (`Ã`, `Æ`, `á` ...) followed by a
/// continuation byte char (`»`, `°`, `€`, C1 ...). Clean Vietnamese never
/// puts a Latin-1 letter before such a sign.
pub fn looks_like_utf8_as_cp1252(tok: &str) -> bool {
    let mut prev_lead = false;
    for c in tok.chars() {
        let b = if c.is_ascii() { None } else { cp1252_byte(c) };
        if prev_lead && b.is_some_and(|b| (0x80..=0xBF).contains(&b)) {
            return true;
        }
        prev_lead = b.is_some_and(|b| (0xC2..=0xF4).contains(&b));
    }
    false
}

/// `Thá»§ tÆ°á»›ng` → `Thủ tướng`: re-encodes the chars of `tok` that
/// Windows-1252/Latin-1 can hold and decodes the bytes as UTF-8 again.
/// Bytes that do not form UTF-8 keep their original char, so a token that
/// mixes mojibake with clean letters is repaired in place and `José` stays.
/// Returns None when nothing decodes to a multi-byte char.
pub fn fix_utf8_as_cp1252(tok: &str) -> Option<String> {
    let mut out = String::with_capacity(tok.len());
    let mut run: Vec<u8> = Vec::new();
    let mut run_chars: Vec<char> = Vec::new();
    let mut changed = false;
    for c in tok.chars() {
        match cp1252_byte(c) {
            Some(b) => {
                run.push(b);
                run_chars.push(c);
            }
            None => {
                changed |= flush(&mut run, &mut run_chars, &mut out);
                out.push(c);
            }
        }
    }
    changed |= flush(&mut run, &mut run_chars, &mut out);
    changed.then_some(out)
}

/// Decodes one re-encoded run; true when some multi-byte char came out.
fn flush(run: &mut Vec<u8>, chars: &mut Vec<char>, out: &mut String) -> bool {
    let mut changed = false;
    let mut pos = 0;
    for chunk in run.utf8_chunks() {
        let valid = chunk.valid();
        if !valid.is_ascii() {
            changed = true;
        }
        out.push_str(valid);
        pos += valid.len();
        for _ in chunk.invalid() {
            if let Some(&c) = chars.get(pos) {
                out.push(c);
            }
            pos += 1;
        }
    }
    run.clear();
    chars.clear();
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_and_double() {
        assert_eq!(fix_utf8_as_cp1252("tÆ°á»›ng").as_deref(), Some("tướng"));
        let twice = fix_utf8_as_cp1252("ThÃ¡Â»Â§").unwrap_or_default();
        assert_eq!(fix_utf8_as_cp1252(&twice).as_deref(), Some("Thủ"));
        assert_eq!(fix_utf8_as_cp1252("José"), None);
        assert_eq!(fix_utf8_as_cp1252("Müller"), None);
    }
}
