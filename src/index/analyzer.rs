//! The Vietnamese analyzer: splits text into syllables on whitespace and
//! punctuation, then normalises each one for one of two fields.
//!
//! * exact (`vi`): NFC, lowercase, and one tone placement for the syllables
//!   that have two spellings (`hoà`/`hòa`, `uỷ`/`ủy`, `khoẻ`/`khỏe`), so old
//!   and new spelling match each other while `dương` and `đường` stay apart;
//! * folded (`vi_fold`): diacritics and `đ` removed (`Bộ Nội vụ` → `bo noi vu`).
//!
//! Token offsets are byte offsets into the original text, so highlighting
//! works on the stored text as written.
//!
//! Must never: drop a letter or digit of the input, or change offsets.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;

use crate::text::{fold, nfc};

/// Name under which the exact analyzer is registered.
pub const EXACT: &str = "vi";
/// Name under which the folded analyzer is registered.
pub const FOLDED: &str = "vi_fold";

/// Which normalisation a [`VietTokenizer`] applies to each syllable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Exact,
    Folded,
}

/// Tokenizer for Vietnamese text (see the module comment).
#[derive(Clone, Debug)]
pub struct VietTokenizer {
    pub mode: Mode,
}

/// Tokens of one text, produced eagerly.
pub struct VietTokenStream {
    tokens: Vec<Token>,
    next: usize,
    /// Returned by `token()` before the first token or on empty text.
    none: Token,
}

impl Tokenizer for VietTokenizer {
    type TokenStream<'a> = VietTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietTokenStream {
        let tokens = words(text)
            .enumerate()
            .map(|(position, (from, to))| Token {
                offset_from: from,
                offset_to: to,
                position,
                text: normalize(&text[from..to], self.mode),
                position_length: 1,
            })
            .collect();
        VietTokenStream { tokens, next: 0, none: Token::default() }
    }
}

impl TokenStream for VietTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        let i = self.next.saturating_sub(1);
        self.tokens.get(i).unwrap_or(&self.none)
    }
    fn token_mut(&mut self) -> &mut Token {
        let i = self.next.saturating_sub(1);
        match self.tokens.get_mut(i) {
            Some(t) => t,
            None => &mut self.none,
        }
    }
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// A character that belongs to a word: letters, digits and combining marks
/// (text in NFD keeps its marks inside the syllable).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Byte ranges of the words of `text`.
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // A word starts with a letter or digit (a stray mark is no word).
        while let Some(&(_, c)) = chars.peek() {
            if c.is_alphanumeric() {
                break;
            }
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some((start, end))
    })
}

/// Normalises one word for `mode`.
pub fn normalize(word: &str, mode: Mode) -> String {
    match mode {
        Mode::Folded => {
            // A stray combining mark NFC cannot attach (`ằ` + grave) is dropped too.
            let f = fold(word);
            if f.chars().any(is_mark) {
                f.chars().filter(|c| !is_mark(*c)).collect()
            } else {
                f
            }
        }
        Mode::Exact => {
            let lower = nfc(word).to_lowercase();
            if lower.is_ascii() {
                lower
            } else {
                unify_tone_placement(&lower)
            }
        }
    }
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

    fn toks(text: &str, mode: Mode) -> Vec<String> {
        let mut t = VietTokenizer { mode };
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
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
        let mut t = VietTokenizer { mode: Mode::Exact };
        let mut s = t.token_stream(&nfd);
        assert!(s.advance());
        let tok = s.token().clone();
        assert_eq!(tok.text, "hòa");
        assert_eq!(&nfd[tok.offset_from..tok.offset_to], "Hoa\u{300}");
        assert!(s.advance());
        assert_eq!(s.token().text, "bình");
        assert!(!s.advance());
    }

    proptest::proptest! {
        #[test]
        fn any_text_tokenizes_within_bounds(text in "[a-zA-Zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ\u{300}\u{301}\u{323} .,:;/()\n-]{0,60}") {
            for mode in [Mode::Exact, Mode::Folded] {
                let mut t = VietTokenizer { mode };
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
