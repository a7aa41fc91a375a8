//! Token interning for the per-document memos: a word recurs hundreds of
//! times in a document (`Thá»§` in every `Thá»§ tÆ°á»›ng`), and its repair
//! depends only on the word, so each distinct token is worked out once.
//!
//! Must never: call two different tokens the same (keys up to 16 bytes are
//! compared whole as two words and a length, longer ones byte by byte).

/// Token → dense id, open addressing with linear probing. Faster than a
/// general map on the short keys mojibake words are: the hash reads the
/// first and last eight bytes, and each slot holds those words and the
/// length itself, so a lookup reads one slot and no key array (the two
/// dependent loads of a separate key array were half the lookup time).
/// (`FxHashMap<Box<str>, usize>` in its place made `vanban repair moji.txt`
/// 29 -> 31 ms, measured back to back.)
#[derive(Default)]
pub(crate) struct TokenTable {
    slots: Vec<Slot>,
    /// Per id: its hash (to place it again when the table grows) and where
    /// a key longer than 16 bytes starts in `long`.
    ids: Vec<(u64, usize)>,
    /// The bytes of keys longer than 16 bytes, back to back.
    long: Vec<u8>,
}

/// One slot: the key's first and last eight bytes (zero-padded when
/// shorter), and its length in the high half of `meta` above its id + 1
/// (`meta` 0: the slot is empty).
#[derive(Clone, Copy, Default)]
struct Slot {
    head: u64,
    tail: u64,
    meta: u64,
}

/// The first eight bytes of `b`, zero-padded (whole-word loads, no copy).
#[inline]
fn word(b: &[u8]) -> u64 {
    if let Some(w) = b.first_chunk::<8>() {
        return u64::from_le_bytes(*w);
    }
    // Four to seven bytes: the first four and the last four, overlapping
    // (the shared bytes are the same on both sides of the or).
    if let (Some(lo), Some(hi)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        return u64::from(u32::from_le_bytes(*lo)) | u64::from(u32::from_le_bytes(*hi)) << (8 * (b.len() - 4));
    }
    // Shorter tokens: byte by byte (no call to memcpy).
    b.iter().enumerate().fold(0, |w, (i, &x)| w | u64::from(x) << (8 * i))
}

/// The slot words of `tok` and its hash.
#[inline]
fn key_of(tok: &[u8]) -> (u64, u64, u64) {
    let head = word(tok);
    let tail = if tok.len() > 8 { word(&tok[tok.len() - 8..]) } else { 0 };
    let len = tok.len() as u64;
    // The middle of a long token is left out of the hash (the bytes are
    // compared on a match): its ends and length tell tokens apart.
    let mut h = (head ^ len).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h = (h.rotate_left(29) ^ tail).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    (head, tail, h ^ (h >> 32))
}

impl TokenTable {
    /// The id of `tok`, and whether it was new (ids count up from 0).
    #[inline]
    pub(crate) fn intern(&mut self, tok: &str) -> (usize, bool) {
        if self.ids.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let b = tok.as_bytes();
        let (head, tail, hash) = key_of(b);
        // Keys of 4 GiB or more share a length: their bytes are compared.
        let len = (b.len() as u64).min(u64::from(u32::MAX)) << 32;
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let s = self.slots[i];
            if s.meta == 0 {
                break;
            }
            if s.head == head && s.tail == tail && s.meta & !0xFFFF_FFFF == len {
                let id = (s.meta & 0xFFFF_FFFF) as usize - 1;
                let at = self.ids[id].1;
                if b.len() <= 16 || self.long.get(at..at + b.len()) == Some(b) {
                    return (id, false);
                }
            }
            i = (i + 1) & mask;
        }
        let mut long_at = 0;
        if b.len() > 16 {
            long_at = self.long.len();
            self.long.extend_from_slice(b);
        }
        self.ids.push((hash, long_at));
        self.slots[i] = Slot { head, tail, meta: len | self.ids.len() as u64 };
        (self.ids.len() - 1, true)
    }

    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); n]);
        for s in old.into_iter().filter(|s| s.meta != 0) {
            let id = (s.meta & 0xFFFF_FFFF) as usize - 1;
            let mut i = self.ids[id].0 as usize & (n - 1);
            while self.slots[i].meta != 0 {
                i = (i + 1) & (n - 1);
            }
            self.slots[i] = s;
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_is_the_zero_padded_first_eight_bytes() {
        let text = b"abcdefghijk";
        for len in 0..=text.len() {
            let mut padded = [0u8; 8];
            let n = len.min(8);
            padded[..n].copy_from_slice(&text[..n]);
            assert_eq!(word(&text[..len]), u64::from_le_bytes(padded), "{len}");
        }
    }

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
