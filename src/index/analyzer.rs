//! The Vietnamese analyzer: splits text into syllables on whitespace and
//! punctuation, then normalises each one two ways.
//!
//! * exact: NFC, lowercase, and one tone placement for the syllables
//!   that have two spellings (`hoà`/`hòa`, `uỷ`/`ủy`, `khoẻ`/`khỏe`), so old
//!   and new spelling match each other while `dương` and `đường` stay apart;
//! * folded: diacritics and `đ` removed (`Bộ Nội vụ` → `bo noi vu`).
//!
//! The index holds one term per word that carries both (see [`term`]):
//! `bộ` is `bo\u{1}bộ`, so the exact word is one term and its folded form
//! is the range of terms starting `bo\u{1}` (plus `bo` itself, a word
//! written without marks), next to each other in the term dictionary. Each
//! word is followed by the folded pair it forms with the word before it
//! (`bo noi`, `noi vu`): phrases are matched as pairs of neighbours, so the
//! index keeps no positions (they were 40% of its size). A word costs two
//! tokens (its term, its pair) where an exact and a folded field cost three.
//!
//! Token offsets are byte offsets into the original text, so highlighting
//! works on the stored text as written.
//!
//! Must never: drop a letter or digit of the input, or change offsets.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;

use crate::text::{char_at, fold_fast, nfc};

/// Name under which the index analyzer ([`Mode::Term`] words and folded pairs) is registered.
pub const INDEXED: &str = "vi_term";

/// Between the folded and the exact form of a word in its index [`term`]
/// (below every char a word or a pair can hold, so a word's variants sort
/// right after its bare folded form).
pub const TERM_SEP: char = '\u{1}';

/// Which normalisation a [`VietTokenizer`] applies to each syllable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Exact,
    Folded,
    /// The index term: folded, then [`TERM_SEP`] and the exact form when it
    /// differs (see [`term`]).
    Term,
}

/// Tokenizer for Vietnamese text (see the module comment).
#[derive(Clone, Debug)]
pub struct VietTokenizer {
    pub mode: Mode,
    /// Also emit each pair of neighbouring words (see [`pair`]).
    pub pairs: bool,
    cache: WordCache,
}

impl VietTokenizer {
    pub fn new(mode: Mode, pairs: bool) -> VietTokenizer {
        VietTokenizer { mode, pairs, cache: WordCache::default() }
    }
}

/// Slots of a [`WordCache`] (a power of two).
const CACHE_SLOTS: usize = 4096;

/// The normal forms of the words with marks seen last, direct-mapped by a
/// hash of the word as written. A word's form depends on the word alone,
/// and Vietnamese repeats its syllables (a directive's distinct words are a
/// seventh of its words), so most words cost a hash and a compare instead
/// of two passes of table lookups. ASCII words skip it: lowering them is
/// cheaper than a lookup. A word is its own key: its bytes in two words,
/// so words longer than [`KEY_BYTES`] (hardly any syllable) are not kept.
#[derive(Clone, Debug, Default)]
struct WordCache {
    /// Empty until the first word.
    slots: Vec<Slot>,
}

/// The longest word a [`WordCache`] keeps, in bytes.
const KEY_BYTES: usize = 16;

/// One word of a [`WordCache`].
#[derive(Clone, Debug, Default)]
struct Slot {
    /// The word as written, zero-padded (zero never occurs in a word, so
    /// an empty slot matches none).
    key: [u64; 2],
    /// Its normal form, and the length of the form's [`folded_part`].
    form: String,
    folded: usize,
}

impl WordCache {
    /// [`normalize_into`] of the word `text[from..to]` (not ASCII),
    /// answered from the cache when it can be; returns the length of the
    /// form's [`folded_part`].
    #[inline(always)]
    fn normalize_into(&mut self, text: &str, from: usize, to: usize, mode: Mode, out: &mut String) -> usize {
        out.clear();
        let Some(key) = word_key(text.as_bytes(), from, to) else {
            normalize_into(&text[from..to], mode, out);
            return folded_part(out).len();
        };
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let hash = (key[0] ^ key[1].rotate_left(29)).wrapping_mul(K);
        let index = (hash >> 52) as usize & (CACHE_SLOTS - 1);
        match self.slots.get(index) {
            Some(slot) if slot.key == key => {
                out.push_str(&slot.form);
                slot.folded
            }
            _ => self.learn(index, key, &text[from..to], mode, out),
        }
    }

    /// A word the cache does not hold: normalised, and kept in slot `index`.
    #[inline(never)]
    fn learn(&mut self, index: usize, key: [u64; 2], word: &str, mode: Mode, out: &mut String) -> usize {
        normalize_into(word, mode, out);
        let folded = folded_part(out).len();
        if self.slots.is_empty() {
            self.slots = vec![Slot::default(); CACHE_SLOTS];
        }
        if let Some(slot) = self.slots.get_mut(index) {
            slot.key = key;
            slot.form.clear();
            slot.form.push_str(out);
            slot.folded = folded;
        }
        folded
    }
}

/// The [`WordCache`] key of `bytes[from..to]`: its bytes as two
/// little-endian words, zero-padded; `None` past [`KEY_BYTES`].
#[inline]
fn word_key(bytes: &[u8], from: usize, to: usize) -> Option<[u64; 2]> {
    let n = to - from;
    if n > KEY_BYTES {
        return None;
    }
    // `k` (at most 8) bytes at `at`: one load where the text goes on for
    // eight bytes, masked to the word.
    let load = |at: usize, k: usize| -> u64 {
        if k == 0 {
            return 0;
        }
        let mask = if k >= 8 { u64::MAX } else { (1u64 << (8 * k)) - 1 };
        let mut w = [0u8; 8];
        match bytes.get(at..at + 8) {
            Some(b) => w.copy_from_slice(b),
            None => w[..k].copy_from_slice(&bytes[at..at + k]),
        }
        u64::from_le_bytes(w) & mask
    };
    Some([load(from, n.min(8)), load(from + 8, n.saturating_sub(8))])
}

/// The term for two neighbouring normalised words: `noi` + `vu` → `noi vu`
/// (a word never holds a space, so pairs and words cannot collide).
pub fn pair(first: &str, second: &str) -> String {
    let mut s = String::with_capacity(first.len() + second.len() + 1);
    s.push_str(first);
    s.push(' ');
    s.push_str(second);
    s
}

/// The pairs of neighbours of a list of normalised words.
pub fn pairs(words: &[String]) -> Vec<String> {
    words.windows(2).map(|w| pair(&w[0], &w[1])).collect()
}

/// Tokens of one text, produced lazily into one reused [`Token`] (no
/// allocation per token once its buffer has grown).
pub struct VietTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    cursor: usize,
    mode: Mode,
    pairs: bool,
    cache: &'a mut WordCache,
    /// [`NARROW_CLASS`], looked up once per text.
    narrow: &'static [u8; 0x800],
    token: Token,
    /// When pairs are asked: the folded part of the previous word and a
    /// space (the start of the next pair), empty before the first word.
    pair_head: String,
    /// Where the previous word starts.
    prev_from: usize,
    /// The length of the current word's folded part when its pair is due
    /// before the next word.
    pair_due: Option<usize>,
}

impl Tokenizer for VietTokenizer {
    type TokenStream<'a> = VietTokenStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietTokenStream<'a> {
        VietTokenStream {
            text,
            cursor: 0,
            mode: self.mode,
            pairs: self.pairs,
            cache: &mut self.cache,
            narrow: &NARROW_CLASS,
            token: Token::default(),
            pair_head: String::new(),
            prev_from: 0,
            pair_due: None,
        }
    }
}

impl VietTokenStream<'_> {
    /// Puts the next word's token in `self.token` and returns the length of
    /// its [`folded_part`]; `None` at the end of the text.
    #[inline(always)]
    fn word(&mut self) -> Option<usize> {
        let Some((from, to, ascii)) = scan_word(self.narrow, self.text, self.cursor) else {
            self.cursor = self.text.len();
            return None;
        };
        self.cursor = to;
        let t = &mut self.token;
        t.position = t.position.wrapping_add(1);
        t.offset_from = from;
        t.offset_to = to;
        t.position_length = 1;
        let word = &self.text[from..to];
        if ascii {
            t.text.clear();
            t.text.push_str(word);
            t.text.make_ascii_lowercase();
            Some(word.len())
        } else {
            Some(self.cache.normalize_into(self.text, from, to, self.mode, &mut t.text))
        }
    }

    /// After a word (pairs asked): whether its pair with the word before
    /// follows; the first word of a text only starts the first pair.
    #[inline]
    fn pair_follows(&mut self, folded: usize) -> bool {
        if !self.pair_head.is_empty() {
            return true;
        }
        self.pair_head.push_str(&self.token.text[..folded]);
        self.pair_head.push(' ');
        self.prev_from = self.token.offset_from;
        false
    }

    /// Turns the current word's token into its pair with the previous word,
    /// and keeps the word's folded part as the head of the next pair: the
    /// pair is the head with the folded part appended, and the word's
    /// buffer, cut to its folded part, becomes the next head.
    #[inline(always)]
    fn emit_pair(&mut self, folded: usize) {
        let t = &mut self.token;
        self.pair_head.push_str(&t.text[..folded]);
        std::mem::swap(&mut self.pair_head, &mut t.text);
        self.pair_head.truncate(folded);
        self.pair_head.push(' ');
        // The pair starts where the previous word did; this word starts the next.
        std::mem::swap(&mut t.offset_from, &mut self.prev_from);
    }
}

impl TokenStream for VietTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(folded) = self.pair_due.take() {
            self.emit_pair(folded);
            return true;
        }
        let Some(folded) = self.word() else { return false };
        if self.pairs && self.pair_follows(folded) {
            self.pair_due = Some(folded);
        }
        true
    }

    /// The tokens [`Self::advance`] gives, in one loop (tantivy's indexer
    /// takes a text's tokens through here: no call per token but the sink's).
    fn process(&mut self, sink: &mut dyn FnMut(&Token)) {
        if let Some(folded) = self.pair_due.take() {
            self.emit_pair(folded);
            sink(&self.token);
        }
        while let Some(folded) = self.word() {
            sink(&self.token);
            if self.pairs && self.pair_follows(folded) {
                self.emit_pair(folded);
                sink(&self.token);
            }
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// A character that belongs to a word: letters, digits and combining marks
/// (text in NFD keeps its marks inside the syllable).
#[cfg(test)]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// 3 for a letter or digit (a word starts there), 1 for a combining mark
/// (it stays inside a word), 0 otherwise; letters go through the shared
/// table of [`crate::text::is_alnum`].
fn word_class(c: char) -> u8 {
    if crate::text::is_alnum(c) {
        3
    } else {
        u8::from(is_mark(c))
    }
}

/// [`word_class`] of every char below U+0800 (the chars of two bytes in
/// UTF-8: Latin-1, Latin Extended A and B, the combining marks).
static NARROW_CLASS: std::sync::LazyLock<[u8; 0x800]> =
    std::sync::LazyLock::new(|| std::array::from_fn(|u| char::from_u32(u as u32).map_or(0, word_class)));

/// [`word_class`] of the char that starts at byte `i` of `bytes` (a char
/// boundary of a `str`, not ASCII), and its length. The chars of
/// Vietnamese take a table (two bytes) or one test (`ạ`–`ỹ`, U+1E00–U+1EFF,
/// all letters); general punctuation (U+2000–U+206F: quotes, dashes, `…`,
/// none a letter, digit or mark) is answered without the Unicode tables.
#[inline(always)]
fn wide_class_at(narrow: &[u8; 0x800], bytes: &[u8], i: usize) -> (u8, usize) {
    let lead = bytes[i];
    let next = bytes.get(i + 1).copied().unwrap_or(0);
    if lead < 0xE0 {
        let u = usize::from(lead & 0x1F) << 6 | usize::from(next & 0x3F);
        return (narrow[u], 2);
    }
    if lead == 0xE1 && (0xB8..=0xBB).contains(&next) {
        return (3, 3);
    }
    let (c, n) = char_at(bytes, i);
    let class = if ('\u{2000}'..='\u{206F}').contains(&c) { 0 } else { word_class(c) };
    (class, n)
}

/// [`word_class`] of each byte as it starts a char: 3 for an ASCII letter
/// or digit, 0 for any other ASCII char, 2 for the first byte of a wider
/// char (see [`wide_class_at`]), 1 for a byte inside one (never met at a
/// char boundary).
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => 3,
            0x80..=0xBF => 1,
            0xC0..=0xFF => 2,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The byte range of the first word of `text` at or after byte `from` (a
/// char boundary), and whether it is all ASCII. ASCII bytes are judged by
/// a table, without decoding.
#[inline(always)]
fn scan_word(narrow: &[u8; 0x800], text: &str, from: usize) -> Option<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    let mut i = from;
    // A word starts with a letter or digit (a stray mark is no word).
    loop {
        match BYTE_CLASS[usize::from(*bytes.get(i)?)] {
            3 => break,
            2 => {
                let (class, n) = wide_class_at(narrow, bytes, i);
                if class == 3 {
                    break;
                }
                i += n;
            }
            _ => i += 1,
        }
    }
    let start = i;
    let mut ascii = true;
    loop {
        while i < bytes.len() && BYTE_CLASS[usize::from(bytes[i])] == 3 {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] < 0x80 {
            break;
        }
        let (class, n) = wide_class_at(narrow, bytes, i);
        if class == 0 {
            break;
        }
        i += n;
        ascii = false;
    }
    Some((start, i, ascii))
}

/// The byte range of the first word of `text` at or after byte `from` (a
/// char boundary).
pub fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    scan_word(&NARROW_CLASS, text, from).map(|(a, b, _)| (a, b))
}

/// Byte ranges of the words of `text`.
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut cursor = 0;
    std::iter::from_fn(move || {
        let (a, b) = next_word(text, cursor)?;
        cursor = b;
        Some((a, b))
    })
}

/// Normalises one word for `mode`.
pub fn normalize(word: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, mode, &mut out);
    out
}

/// [`normalize`] into a reused buffer (cleared first).
pub fn normalize_into(word: &str, mode: Mode, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    if mode == Mode::Term {
        term_into(word, out);
        return;
    }
    if word.chars().all(crate::text::is_stable_nfc) {
        // The common case (precomposed NFC letters): one table lookup per
        // char, no NFC check.
        let folded = mode == Mode::Folded;
        for c in word.chars() {
            match if folded { Some(fold_fast(c)) } else { crate::text::lower_fast(c) } {
                Some(l) => out.push(l),
                None => out.extend(c.to_lowercase()),
            }
        }
    } else {
        match mode {
            // A stray combining mark NFC cannot attach (`ằ` + grave) is dropped too.
            Mode::Folded => out.extend(nfc(word).chars().map(fold_fast).filter(|c| !is_mark(*c))),
            _ => {
                for c in nfc(word).chars() {
                    out.extend(c.to_lowercase());
                }
            }
        }
    }
    if mode == Mode::Exact && may_need_tone_move(out) {
        let unified = unify_tone_placement(out);
        out.clear();
        out.push_str(&unified);
    }
}

/// [`Mode::Term`] of a non-ASCII word: folded, then [`TERM_SEP`] and the
/// exact form when it differs. Precomposed words take one pass for the
/// folded form and one for the exact, with no allocation.
fn term_into(word: &str, out: &mut String) {
    let mut differs = false;
    for c in word.chars() {
        if !crate::text::is_stable_nfc(c) {
            out.clear();
            let mut exact = String::with_capacity(word.len());
            normalize_into(word, Mode::Exact, &mut exact);
            normalize_into(word, Mode::Folded, out);
            if exact != *out {
                out.push(TERM_SEP);
                out.push_str(&exact);
            }
            return;
        }
        let f = fold_fast(c);
        differs |= crate::text::lower_fast(c) != Some(f);
        out.push(f);
    }
    if !differs {
        return;
    }
    // The folded form holds the exact form's letters without their marks:
    // its last two tell whether a tone mark may move.
    let tone_may_move = out.ends_with("oa") || out.ends_with("oe") || out.ends_with("uy");
    out.push(TERM_SEP);
    let from = out.len();
    for c in word.chars() {
        match crate::text::lower_fast(c) {
            Some(l) => out.push(l),
            None => out.extend(c.to_lowercase()),
        }
    }
    if tone_may_move {
        let unified = unify_tone_placement(&out[from..]);
        out.truncate(from);
        out.push_str(&unified);
    }
}

/// The index term of a word: its folded form, then [`TERM_SEP`] and its
/// exact form when the two differ (`Bộ` → `bo\u{1}bộ`, `VPCP` → `vpcp`).
pub fn term(word: &str) -> String {
    normalize(word, Mode::Term)
}

/// The folded form inside an index [`term`] (`bo\u{1}bộ` → `bo`).
pub fn folded_part(term: &str) -> &str {
    // The separator is one byte that no other char's UTF-8 holds.
    match term.as_bytes().iter().position(|&b| b == TERM_SEP as u8) {
        Some(i) => &term[..i],
        None => term,
    }
}

/// The index term of a word already normalised both ways.
pub fn term_of(folded: &str, exact: &str) -> String {
    if folded == exact {
        return folded.to_string();
    }
    let mut t = String::with_capacity(folded.len() + exact.len() + 1);
    t.push_str(folded);
    t.push(TERM_SEP);
    t.push_str(exact);
    t
}

/// The bounds of the terms a folded word stands for: itself (a word written
/// without marks) and every `folded` + [`TERM_SEP`] + exact form, which sort
/// together, before any longer word or any pair (`bo` < `bo\u{1}bộ` <
/// `bo\u{2}` < `bo noi` < `boa`).
pub fn variant_range(folded: &str) -> (String, String) {
    (folded.to_string(), format!("{folded}\u{2}"))
}

/// Whether the last two letters of `word` (marks skipped) fold to `oa`, `oe`
/// or `uy`: the only syllables [`unify_tone_placement`] may change.
fn may_need_tone_move(word: &str) -> bool {
    let mut bases = word.chars().rev().filter(|c| !is_mark(*c)).map(fold_fast);
    let (Some(b), Some(a)) = (bases.next(), bases.next()) else { return false };
    matches!((a, b), ('o', 'a') | ('o', 'e') | ('u', 'y'))
}

/// All normalised tokens of `text` (used for queries and snippets).
pub fn tokens(text: &str, mode: Mode) -> Vec<String> {
    words(text).map(|(a, b)| normalize(&text[a..b], mode)).collect()
}

const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Puts the tone mark of an open `oa`, `oe` or `uy` syllable on its first
/// vowel. Vietnamese has two spellings for these syllables: the older one
/// writes `hoà`, `khoẻ`, `thuỷ`, the newer one `hòa`, `khỏe`, `thủy`; texts
/// mix both, and a search for one must find the other. `qu` + `y` is left
/// alone (`quý`: the `u` belongs to the consonant), and so is a syllable with a
/// final consonant (`hoàng`), which has only one spelling. Input is lowercase
/// NFC; output is NFC.
pub fn unify_tone_placement(syllable: &str) -> String {
    let decomposed: Vec<char> = syllable.nfd().collect();
    // Clusters: a base letter and the marks that follow it.
    let mut clusters: Vec<(char, Vec<char>)> = Vec::new();
    for c in decomposed {
        match clusters.last_mut() {
            Some(last) if is_mark(c) => last.1.push(c),
            _ => clusters.push((c, Vec::new())),
        }
    }
    let n = clusters.len();
    if n < 2 {
        return syllable.to_string();
    }
    let (a, b) = (clusters[n - 2].0, clusters[n - 1].0);
    let pair = matches!((a, b), ('o', 'a') | ('o', 'e') | ('u', 'y'));
    let after_q = n >= 3 && clusters[n - 3].0 == 'q' && a == 'u';
    // The two vowels must carry nothing but a tone mark.
    let only_tones =
        |marks: &Vec<char>| marks.iter().all(|m| TONE_MARKS.contains(m));
    if !pair || after_q || !only_tones(&clusters[n - 2].1) || !only_tones(&clusters[n - 1].1) {
        return syllable.to_string();
    }
    let second = std::mem::take(&mut clusters[n - 1].1);
    clusters[n - 2].1.extend(second);
    let mut out = String::with_capacity(syllable.len() + 2);
    for (base, marks) in clusters {
        out.push(base);
        out.extend(marks);
    }
    out.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A warm tokenizer (its word cache full of other words, some sharing
    /// slots) gives every word the form `normalize` gives it.
    #[test]
    fn cached_words_keep_their_forms() {
        let text: String = (0..3000).map(|i| ["Bộ", "Nội", "vụ", "hoà", "HÒA", "Thuỷ", "lợi", "đường", "dương"][i % 9].to_string() + &format!("ế{i} ")).collect::<String>()
            + "Bộ Nội vụ hoà HÒA Thuỷ lợi đường dương";
        let mut t = VietTokenizer::new(Mode::Term, false);
        for _ in 0..2 {
            let mut s = t.token_stream(&text);
            let mut n = 0;
            for (a, b) in words(&text) {
                assert!(s.advance());
                assert_eq!(s.token().text, normalize(&text[a..b], Mode::Term), "{}", &text[a..b]);
                n += 1;
            }
            assert!(!s.advance());
            assert_eq!(n, 3009);
        }
    }

    fn toks(text: &str, mode: Mode) -> Vec<String> {
        let mut t = VietTokenizer::new(mode, false);
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
    }

    #[test]
    fn the_word_table_agrees_with_unicode() {
        for u in 0u32..0x3000 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(word_class(c) != 0, is_word_char(c), "{c:?}");
            assert_eq!(word_class(c) == 3, c.is_alphanumeric(), "{c:?}");
        }
    }

    /// The scan's shortcuts (a table below U+0800, one test for U+1E00–U+1EFF,
    /// general punctuation) give every char the class the shared table gives.
    #[test]
    fn the_scan_classes_every_char_as_word_class() {
        let mut buf = [0u8; 4];
        for u in 0x80u32..0x11_0000 {
            let Some(c) = char::from_u32(u) else { continue };
            let s = c.encode_utf8(&mut buf);
            let (class, n) = wide_class_at(&NARROW_CLASS, s.as_bytes(), 0);
            assert_eq!((class, n), (word_class(c), c.len_utf8()), "{u:X}");
            assert_eq!(char_at(s.as_bytes(), 0), (c, c.len_utf8()), "{u:X}");
        }
        for b in 0u8..0x80 {
            assert_eq!(BYTE_CLASS[usize::from(b)], word_class(char::from(b)), "{b:X}");
        }
    }

    /// Word keys tell words apart wherever the text ends after them.
    #[test]
    fn word_keys_are_the_words() {
        let text = "ộ ộa ộb ằằằằằ ằằằằằa nghiêngg";
        let words: Vec<(usize, usize)> = words(text).collect();
        let keys: Vec<_> = words.iter().map(|&(a, b)| word_key(text.as_bytes(), a, b)).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(k.is_some(), "{}", &text[words[i].0..words[i].1]);
            for (j, l) in keys.iter().enumerate() {
                assert_eq!(i == j, k == l);
            }
        }
        // The same word, at the end of a text or followed by more.
        let (a, b) = words[3];
        assert_eq!(word_key(text.as_bytes(), a, b), word_key(&text.as_bytes()[a..b], 0, b - a));
        assert_eq!(word_key("ằằằằằằằ".as_bytes(), 0, 21), None, "past the key's bytes");
    }

    #[test]
    fn splits_on_punctuation_and_lowercases() {
        assert_eq!(toks("Bộ Nội vụ, 59/TB-VPCP.", Mode::Exact), ["bộ", "nội", "vụ", "59", "tb", "vpcp"]);
        assert_eq!(toks("  ", Mode::Exact), Vec::<String>::new());
    }

    #[test]
    fn folded_drops_diacritics_and_d_bar() {
        assert_eq!(toks("Đường Bộ Nội Vụ", Mode::Folded), ["duong", "bo", "noi", "vu"]);
    }

    #[test]
    fn pairs_follow_each_word_and_span_both() {
        let text = "Bộ Nội vụ, Sở";
        let mut t = VietTokenizer::new(Mode::Folded, true);
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            let tok = s.token();
            out.push((tok.text.clone(), &text[tok.offset_from..tok.offset_to]));
        }
        let want = [
            ("bo", "Bộ"),
            ("noi", "Nội"),
            ("bo noi", "Bộ Nội"),
            ("vu", "vụ"),
            ("noi vu", "Nội vụ"),
            ("so", "Sở"),
            ("vu so", "vụ, Sở"),
        ];
        assert_eq!(out, want.map(|(a, b)| (a.to_string(), b)));
        assert_eq!(pairs(&tokens(text, Mode::Folded))[1], "noi vu");
        // The index's stream: word terms, and pairs of their folded parts.
        let mut t = VietTokenizer::new(Mode::Term, true);
        let mut s = t.token_stream("Bộ Nội vụ");
        let mut out = Vec::new();
        while s.advance() {
            out.push(s.token().text.clone());
        }
        assert_eq!(out, ["bo\u{1}bộ", "noi\u{1}nội", "bo noi", "vu\u{1}vụ", "noi vu"]);
    }

    #[test]
    fn old_and_new_tone_placement_meet() {
        assert_eq!(normalize("hoà", Mode::Exact), normalize("hòa", Mode::Exact));
        assert_eq!(normalize("Uỷ", Mode::Exact), normalize("ủy", Mode::Exact));
        assert_eq!(normalize("khoẻ", Mode::Exact), normalize("khỏe", Mode::Exact));
        assert_eq!(normalize("thuỷ", Mode::Exact), "thủy");
        // One spelling only: untouched.
        assert_eq!(normalize("quý", Mode::Exact), "quý");
        assert_eq!(normalize("hoàng", Mode::Exact), "hoàng");
        // Different words stay different.
        assert_ne!(normalize("dương", Mode::Exact), normalize("đường", Mode::Exact));
    }

    #[test]
    fn nfd_input_gives_nfc_tokens_and_original_offsets() {
        let nfd: String = "Hoà Bình".nfd().collect();
        let mut t = VietTokenizer::new(Mode::Exact, false);
        let mut s = t.token_stream(&nfd);
        assert!(s.advance());
        let tok = s.token().clone();
        assert_eq!(tok.text, "hòa");
        assert_eq!(&nfd[tok.offset_from..tok.offset_to], "Hoa\u{300}");
        assert!(s.advance());
        assert_eq!(s.token().text, "bình");
        assert!(!s.advance());
    }

    /// The reference the table-driven normalisation must agree with: NFC,
    /// then `char::to_lowercase` (exact, with one tone placement) or the
    /// fold of each char, marks dropped (folded).
    fn reference(word: &str, mode: Mode) -> String {
        if word.is_ascii() {
            return word.to_ascii_lowercase();
        }
        let composed: String = word.nfc().collect();
        match mode {
            Mode::Folded => composed.chars().map(fold_fast).filter(|c| !is_mark(*c)).collect(),
            _ => {
                let lower: String = composed.chars().flat_map(char::to_lowercase).collect();
                if may_need_tone_move(&lower) {
                    unify_tone_placement(&lower)
                } else {
                    lower
                }
            }
        }
    }

    #[test]
    fn a_word_term_holds_its_folded_and_exact_forms() {
        assert_eq!(term("Bộ"), "bo\u{1}bộ");
        assert_eq!(term("VPCP"), "vpcp");
        assert_eq!(term("Hoà"), term("hòa"));
        assert_eq!(folded_part(&term("Đường")), "duong");
        let (from, to) = variant_range("bo");
        for t in [term("bo"), term("Bộ"), term("bỏ"), term("BỔ")] {
            assert!(from <= t && t < to, "{t:?}");
        }
        for t in [term("boa"), term("bó").replace('o', "oa"), "bo noi".to_string(), term("b")] {
            assert!(!(from <= t && t < to), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn table_normalisation_is_the_reference(word in "[a-zA-ZàáảãạăằắẳẵặâầấẩẫậđĐèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴİßǅ\u{300}\u{301}\u{309}\u{323}]{1,8}") {
            for mode in [Mode::Exact, Mode::Folded] {
                proptest::prop_assert_eq!(normalize(&word, mode), reference(&word, mode));
            }
            let (folded, exact) = (normalize(&word, Mode::Folded), normalize(&word, Mode::Exact));
            proptest::prop_assert_eq!(term(&word), term_of(&folded, &exact));
            let (from, to) = variant_range(&folded);
            let t = term(&word);
            proptest::prop_assert!(from <= t && t < to);
            proptest::prop_assert_eq!(folded_part(&t), folded.as_str());
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_tokenizes_within_bounds(text in "[a-zA-Zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ\u{300}\u{301}\u{323} .,:;/()\n-]{0,60}") {
            for mode in [Mode::Exact, Mode::Folded] {
                let mut t = VietTokenizer::new(mode, false);
                let mut s = t.token_stream(&text);
                let mut last = 0;
                while s.advance() {
                    let tok = s.token();
                    proptest::prop_assert!(tok.offset_from >= last && tok.offset_from < tok.offset_to);
                    proptest::prop_assert!(text.is_char_boundary(tok.offset_from) && text.is_char_boundary(tok.offset_to));
                    proptest::prop_assert!(!tok.text.is_empty());
                    // Normalising twice changes nothing.
                    proptest::prop_assert_eq!(&normalize(&tok.text, mode), &tok.text);
                    last = tok.offset_to;
                }
            }
        }
    }
}
