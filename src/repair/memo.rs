//! Token interning for the per-document memos: a word recurs hundreds of
//! times in a document (`Thá»§` in every `Thá»§ tÆ°á»›ng`), and its repair
//! depends only on the word, so each distinct token is worked out once.
//!
//! Must never: call two different tokens the same (keys up to 16 bytes are
//! compared whole as two words and a length, longer ones byte by byte).

/// Token → dense id, open addressing with linear probing. Faster than a
/// general map on the short keys mojibake words are: the hash reads the
/// first and last eight bytes, and most key comparisons are two integers.
/// (`FxHashMap<Box<str>, usize>` in its place made `vanban repair moji.txt`
/// 29 -> 31 ms, measured back to back.)
#[derive(Default)]
pub(crate) struct TokenTable {
    /// Per slot: 0 empty, else the key's hash in the high half and its
    /// id + 1 in the low half (most misses end without reading a key).
    slots: Vec<u64>,
    keys: Vec<Key>,
    /// The bytes of keys longer than 16 bytes, back to back.
    long: Vec<u8>,
}

/// One interned token: its first and last eight bytes (zero-padded when
/// shorter), its length, its hash, and where a long token's bytes are.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    head: u64,
    tail: u64,
    len: u32,
    long_at: usize,
    hash: u64,
}

/// The first eight bytes of `b`, zero-padded (whole-word loads, no copy).
#[inline]
fn word(b: &[u8]) -> u64 {
    if let Some(w) = b.first_chunk::<8>() {
        return u64::from_le_bytes(*w);
    }
    // Shorter tokens: byte by byte (no call to memcpy).
    b.iter().enumerate().fold(0, |w, (i, &x)| w | u64::from(x) << (8 * i))
}

impl Key {
    #[inline]
    fn of(tok: &[u8]) -> Key {
        let head = word(tok);
        let tail = if tok.len() > 8 { word(&tok[tok.len() - 8..]) } else { 0 };
        let len = tok.len() as u32;
        // The middle of a long token is left out of the hash (the bytes are
        // compared on a match): its ends and length tell tokens apart.
        let mut h = (head ^ u64::from(len)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h = (h.rotate_left(29) ^ tail).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        Key { head, tail, len, long_at: 0, hash: h ^ (h >> 32) }
    }
}

impl TokenTable {
    /// The id of `tok`, and whether it was new (ids count up from 0).
    #[inline]
    pub(crate) fn intern(&mut self, tok: &str) -> (usize, bool) {
        if self.keys.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let b = tok.as_bytes();
        let mut key = Key::of(b);
        let mask = self.slots.len() - 1;
        let tag = key.hash & !0xFFFF_FFFF;
        let mut i = key.hash as usize & mask;
        loop {
            match self.slots[i] {
                0 => break,
                s if s & !0xFFFF_FFFF == tag => {
                    let id = (s & 0xFFFF_FFFF) as usize - 1;
                    let k = self.keys[id];
                    if k.hash == key.hash && k.head == key.head && k.tail == key.tail && k.len == key.len {
                        let at = k.long_at;
                        if b.len() <= 16 || self.long.get(at..at + b.len()) == Some(b) {
                            return (id, false);
                        }
                    }
                }
                _ => {}
            }
            i = (i + 1) & mask;
        }
        if b.len() > 16 {
            key.long_at = self.long.len();
            self.long.extend_from_slice(b);
        }
        self.keys.push(key);
        self.slots[i] = tag | self.keys.len() as u64;
        (self.keys.len() - 1, true)
    }

    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(1024);
        self.slots = vec![0; n];
        for (id, k) in self.keys.iter().enumerate() {
            let mut i = k.hash as usize & (n - 1);
            while self.slots[i] != 0 {
                i = (i + 1) & (n - 1);
            }
            self.slots[i] = (k.hash & !0xFFFF_FFFF) | (id as u64 + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_token_same_id_and_different_tokens_differ() {
        let mut t = TokenTable::default();
        let words = ["", "a", "Thá»§", "tÆ°á»›ng", "abcdefgh", "abcdefghi", "xbcdefgh", "abcdefghijklmnopq", "abcdefghijklmnopr"];
        let long: Vec<String> = (0..3000).map(|i| format!("w{i}-Ã¡Â»Â§-{}", "x".repeat(i % 40))).collect();
        let all: Vec<&str> = words.iter().copied().chain(long.iter().map(String::as_str)).collect();
        let ids: Vec<usize> = all.iter().map(|w| t.intern(w).0).collect();
        for (i, w) in all.iter().enumerate() {
            assert_eq!(t.intern(w), (ids[i], false), "{w}");
        }
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), all.len());
    }
}
