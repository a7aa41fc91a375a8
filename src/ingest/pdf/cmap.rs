//! CMaps: `/ToUnicode` maps (`bfchar`, `bfrange` with a start code or an
//! array of targets) and the code-space ranges that tell how many bytes
//! each character code of a composite font takes.
//!
//! Must never: expand a range into memory without bound, or fail on a
//! damaged CMap (what parses is kept).

use rustc_hash::FxHashMap as HashMap;

/// Largest range expanded entry by entry.
const MAX_RANGE: u32 = 0x1_0000;

#[derive(Debug, Clone, Default)]
pub struct CMap {
    /// (byte length, low, high) code-space ranges.
    pub codespace: Vec<(u8, u32, u32)>,
    chars: HashMap<u32, String>,
    /// (low, high, first target as UTF-16 code units) for ranges not expanded.
    ranges: Vec<(u32, u32, Vec<u16>)>,
}

enum Tok {
    Hex(Vec<u8>),
    Open,
    Close,
    Word(Vec<u8>),
}

fn tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        match b {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => {
                out.push(Tok::Word(b"<<".to_vec()));
                i += 2;
            }
            b'>' if data.get(i + 1) == Some(&b'>') => {
                out.push(Tok::Word(b">>".to_vec()));
                i += 2;
            }
            b'<' => {
                let mut hex = Vec::new();
                let mut hi: Option<u8> = None;
                i += 1;
                while i < data.len() && data[i] != b'>' {
                    let v = match data[i] {
                        c @ b'0'..=b'9' => Some(c - b'0'),
                        c @ b'a'..=b'f' => Some(c - b'a' + 10),
                        c @ b'A'..=b'F' => Some(c - b'A' + 10),
                        _ => None,
                    };
                    if let Some(v) = v {
                        match hi.take() {
                            Some(h) => hex.push(h << 4 | v),
                            None => hi = Some(v),
                        }
                    }
                    i += 1;
                }
                if let Some(h) = hi {
                    hex.push(h << 4);
                }
                i += 1;
                out.push(Tok::Hex(hex));
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings are rare in CMaps (registry names); skip them.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            _ if b.is_ascii_whitespace() || b == 0 => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !data[i].is_ascii_whitespace() && !b"<>[]()%".contains(&data[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                } else {
                    out.push(Tok::Word(data[start..i].to_vec()));
                }
            }
        }
    }
    out
}

fn code_of(hex: &[u8]) -> u32 {
    hex.iter().take(4).fold(0u32, |acc, &b| acc << 8 | b as u32)
}

fn utf16_units(hex: &[u8]) -> Vec<u16> {
    hex.chunks(2).map(|c| if c.len() == 2 { u16::from_be_bytes([c[0], c[1]]) } else { c[0] as u16 }).collect()
}

/// Decodes UTF-16 units, dropping unpaired surrogates and NULs.
pub fn units_to_string(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied()).filter_map(|r| r.ok()).filter(|c| *c != '\0').collect()
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let toks = tokens(data);
        let mut cmap = CMap::default();
        let mut i = 0;
        let mut expanded = 0u32;
        while i < toks.len() {
            let Tok::Word(w) = &toks[i] else {
                i += 1;
                continue;
            };
            i += 1;
            match w.as_slice() {
                b"begincodespacerange" => {
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1)) {
                        if !lo.is_empty() && lo.len() <= 4 && cmap.codespace.len() < 64 {
                            cmap.codespace.push((lo.len() as u8, code_of(lo), code_of(hi)));
                        }
                        i += 2;
                    }
                }
                b"beginbfchar" => {
                    while let (Some(Tok::Hex(src)), Some(Tok::Hex(dst))) = (toks.get(i), toks.get(i + 1)) {
                        cmap.chars.insert(code_of(src), units_to_string(&utf16_units(dst)));
                        i += 2;
                    }
                }
                b"beginbfrange" => loop {
                    let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1)) else {
                        break;
                    };
                    let (lo, hi) = (code_of(lo), code_of(hi));
                    i += 2;
                    match toks.get(i) {
                        Some(Tok::Hex(dst)) => {
                            i += 1;
                            let base = utf16_units(dst);
                            if hi < lo || base.is_empty() {
                                continue;
                            }
                            if hi - lo < MAX_RANGE && expanded < 4 * MAX_RANGE {
                                expanded += hi - lo + 1;
                                for code in lo..=hi {
                                    cmap.chars.insert(code, units_to_string(&offset_units(&base, code - lo)));
                                }
                            } else {
                                cmap.ranges.push((lo, hi, base));
                            }
                        }
                        Some(Tok::Open) => {
                            i += 1;
                            let mut code = lo;
                            while let Some(Tok::Hex(dst)) = toks.get(i) {
                                if code <= hi {
                                    cmap.chars.insert(code, units_to_string(&utf16_units(dst)));
                                }
                                code = code.saturating_add(1);
                                i += 1;
                            }
                            if let Some(Tok::Close) = toks.get(i) {
                                i += 1;
                            }
                        }
                        _ => break,
                    }
                },
                _ => {}
            }
        }
        cmap
    }

    /// Unicode text for a code, if the map has one.
    pub fn get(&self, code: u32) -> Option<String> {
        if let Some(s) = self.chars.get(&code) {
            return Some(s.clone());
        }
        self.ranges
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&code))
            .map(|(lo, _, base)| units_to_string(&offset_units(base, code - lo)))
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }

    /// Splits a string of bytes into codes using the code-space ranges
    /// (two bytes each when there are none: Identity-H and the like).
    pub fn split_codes(&self, bytes: &[u8]) -> Vec<(u32, u8)> {
        let mut out = Vec::with_capacity(bytes.len() / 2 + 1);
        let mut i = 0;
        while i < bytes.len() {
            let mut matched = None;
            for len in 1..=4usize {
                if i + len > bytes.len() {
                    break;
                }
                let code = code_of(&bytes[i..i + len]);
                if self.codespace.iter().any(|&(l, lo, hi)| l as usize == len && code >= lo && code <= hi) {
                    matched = Some((code, len as u8));
                    break;
                }
            }
            let (code, len) = match matched {
                Some(m) => m,
                None if self.codespace.is_empty() || self.codespace.iter().all(|c| c.0 == 2) => {
                    let len = 2.min(bytes.len() - i);
                    (code_of(&bytes[i..i + len]), len as u8)
                }
                None => {
                    let len = self.codespace.iter().map(|c| c.0).min().unwrap_or(1).max(1) as usize;
                    let len = len.min(bytes.len() - i);
                    (code_of(&bytes[i..i + len]), len as u8)
                }
            };
            out.push((code, len));
            i += len as usize;
        }
        out
    }
}

/// `base` with its last UTF-16 unit advanced by `offset` (bfrange targets).
fn offset_units(base: &[u16], offset: u32) -> Vec<u16> {
    let mut v = base.to_vec();
    if let Some(last) = v.last_mut() {
        *last = (*last as u32).wrapping_add(offset) as u16;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_bfrange_and_array() {
        let src = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <00B0> <01B0> endbfchar
            2 beginbfrange <0010> <0012> <0041> <0020> <0021> [<1EA1> <D835DC00>] endbfrange";
        let c = CMap::parse(src);
        assert_eq!(c.get(3).as_deref(), Some(" "));
        assert_eq!(c.get(0xB0).as_deref(), Some("ư"));
        assert_eq!(c.get(0x12).as_deref(), Some("C"));
        assert_eq!(c.get(0x20).as_deref(), Some("ạ"));
        assert_eq!(c.get(0x21).as_deref(), Some("\u{1D400}"));
        assert_eq!(c.get(0x13), None);
        assert_eq!(CMap::parse(b"1 beginbfchar <01> <F0B7> endbfchar").get(1).as_deref(), Some("\u{F0B7}"));
        assert_eq!(c.split_codes(&[0, 3, 0, 0x10]), vec![(3, 2), (0x10, 2)]);
    }

    #[test]
    fn mixed_codespace() {
        let c = CMap::parse(b"begincodespacerange <00> <80> <8140> <FFFF> endcodespacerange");
        assert_eq!(c.split_codes(&[0x41, 0x81, 0x40, 0x42]), vec![(0x41, 1), (0x8140, 2), (0x42, 1)]);
    }
}
