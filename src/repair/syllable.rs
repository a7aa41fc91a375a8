//! Vietnamese syllable model: tells a real syllable (onset + rime + tone)
//! from mojibake garbage, and scores a token by how Vietnamese it reads.
//!
//! Every repair family asks this module whether its rewrite is *better*
//! Vietnamese than what is there. Must never: allocate on the hot path, or
//! call a syllable valid that breaks the spelling rules (`cĩ`, `ởng`,
//! `bạc` is fine but `bàc` is not: a stop final takes only sắc or nặng).

use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// One Vietnamese letter reduced to its toneless lowercase form.
/// `code` is ASCII: `a`-`z` for plain letters, and digits for the letters
/// with a vowel modifier: `1`=ă `2`=â `3`=ê `4`=ô `5`=ơ `6`=ư `7`=đ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Letter {
    pub code: u8,
    /// 0 none (ngang), 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng.
    pub tone: u8,
    pub upper: bool,
}

const LOW_END: u32 = 0x250;
const EXT_START: u32 = 0x1EA0;
const EXT_END: u32 = 0x1F00;

static LETTERS: LazyLock<Vec<Option<Letter>>> = LazyLock::new(|| {
    let mut t = Vec::with_capacity((LOW_END + EXT_END - EXT_START) as usize);
    for cp in (0..LOW_END).chain(EXT_START..EXT_END) {
        t.push(char::from_u32(cp).and_then(analyse_letter));
    }
    t
});

/// Decomposes one precomposed char into a [`Letter`] (None when it is not a
/// Vietnamese letter: `ñ`, `ø`, `ü`, `ç` ... all give None).
fn analyse_letter(c: char) -> Option<Letter> {
    match c {
        'đ' => return Some(Letter { code: b'7', tone: 0, upper: false }),
        'Đ' => return Some(Letter { code: b'7', tone: 0, upper: true }),
        _ => {}
    }
    let mut it = c.nfd();
    let base = it.next()?;
    if !base.is_ascii_alphabetic() {
        return None;
    }
    let upper = base.is_ascii_uppercase();
    let mut code = base.to_ascii_lowercase() as u8;
    let mut tone = 0u8;
    let mut modified = false;
    for m in it {
        let (new_code, new_tone) = match (m, code) {
            ('\u{302}', b'a') => (b'2', 0),
            ('\u{302}', b'e') => (b'3', 0),
            ('\u{302}', b'o') => (b'4', 0),
            ('\u{306}', b'a') => (b'1', 0),
            ('\u{31B}', b'o') => (b'5', 0),
            ('\u{31B}', b'u') => (b'6', 0),
            ('\u{300}', _) => (code, 1),
            ('\u{301}', _) => (code, 2),
            ('\u{309}', _) => (code, 3),
            ('\u{303}', _) => (code, 4),
            ('\u{323}', _) => (code, 5),
            _ => return None,
        };
        if new_tone != 0 {
            if tone != 0 || !is_vowel_code(code) {
                return None;
            }
            tone = new_tone;
        } else {
            if modified {
                return None;
            }
            modified = true;
            code = new_code;
        }
    }
    Some(Letter { code, tone, upper })
}

fn is_vowel_code(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'1'..=b'6')
}

/// The Vietnamese letter behind `c`, if it is one.
#[inline]
pub fn letter(c: char) -> Option<Letter> {
    let cp = c as u32;
    let idx = if cp < LOW_END {
        cp
    } else if (EXT_START..EXT_END).contains(&cp) {
        LOW_END + cp - EXT_START
    } else {
        return None;
    };
    LETTERS.get(idx as usize).copied().flatten()
}

/// Legal rimes (vần), toneless. Loan rimes such as `oong` are included.
const RIMES: &str = "a ai ao au ay an ang anh am ac ach ap at \
ăn ăng ăm ăc ăp ăt âu ây ân âng âm âc âp ât \
e eo en eng em ec ep et ê êu ên ênh êng êm êch êp êt \
i ia iu in inh im ich ip it iêu iên iêng iêm iêc iêp iêt \
o oi on ong om oc op ot oong ooc ô ôi ôn ông ôm ôc ôp ôt ơ ơi ơn ơm ơp ơt \
u ua ui un ung um uc up ut uôi uôn uông uôm uôc uôt \
ư ưa ưi ưu ưng ưc ưt ưn ưm ươi ươu ươn ương ươm ươc ươp ươt \
y yêu yên yêm yêt ynh ych yt yn \
oa oai oao oay oan oang oanh oam oac oach oap oat oăn oăng oăm oăc oăt \
oe oeo oen oem oet uân uâng uât uây uê uên uênh uêch uêt uơ \
uy uya uyu uyn uynh uych uyt uyên uyêt";

/// Possible onset (phụ âm đầu) lengths for a word starting with `codes`,
/// longest first: `ngh`, `ng`, `nh`, `ch`, `gh`, `gi`, `kh`, `ph`, `qu`,
/// `th`, `tr`, the single consonants, or none before a vowel. `gi` may also
/// be `g` + a rime in i (`gì`, `gìn`).
fn onset_lengths(codes: &[u8]) -> &'static [usize] {
    match codes {
        [b'n', b'g', b'h', ..] => &[3],
        [b'g', b'i', ..] => &[2, 1],
        [b'n', b'g' | b'h', ..] | [b'c' | b'g' | b'k' | b'p', b'h', ..] | [b't', b'h' | b'r', ..] | [b'q', b'u', ..] => {
            &[2]
        }
        [b'b' | b'c' | b'd' | b'7' | b'g' | b'h' | b'k' | b'l' | b'm' | b'n' | b'p' | b'r' | b's' | b't' | b'v' | b'x', ..] => {
            &[1]
        }
        [b'q', ..] => &[],
        _ => &[0],
    }
}

fn pack(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0u64, |acc, &b| (acc << 8) | b as u64)
}

static RIME_SET: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut v: Vec<u64> = RIMES
        .split_whitespace()
        .map(|r| {
            let codes: Vec<u8> = r.chars().filter_map(letter).map(|l| l.code).collect();
            pack(&codes)
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

fn is_rime(codes: &[u8]) -> bool {
    !codes.is_empty() && codes.len() <= 5 && RIME_SET.binary_search(&pack(codes)).is_ok()
}

/// Spelling rules that tie an onset to the first letter of its rime:
/// `k`/`gh`/`ngh` only before i e ê y, `c`/`g`/`ng` not before them, `qu`
/// never before another medial.
fn onset_fits(onset: &[u8], rime: &[u8]) -> bool {
    let first = rime[0];
    let front = matches!(first, b'i' | b'e' | b'3' | b'y');
    match onset {
        b"k" => front,
        b"gh" | b"ngh" => matches!(first, b'i' | b'e' | b'3'),
        b"c" => !front,
        b"g" | b"ng" => !matches!(first, b'e' | b'3'),
        b"qu" => !matches!(first, b'o' | b'u'),
        _ => true,
    }
}

/// Is `codes` (toneless letter codes) with `tone` one Vietnamese syllable?
fn is_syllable_codes(codes: &[u8], tone: u8) -> bool {
    let stop = codes.ends_with(b"c") || codes.ends_with(b"ch") || codes.ends_with(b"p") || codes.ends_with(b"t");
    if stop && !matches!(tone, 2 | 5) {
        return false;
    }
    onset_lengths(codes).iter().any(|&n| {
        codes.len() > n && {
            let (onset, rime) = codes.split_at(n);
            is_rime(rime) && (n == 0 || onset_fits(onset, rime))
        }
    })
}

/// Is this run of letters (NFC, no punctuation) one Vietnamese syllable?
/// Accepts lowercase, Titlecase and UPPERCASE spellings only.
pub fn is_syllable(run: &str) -> bool {
    let mut codes = [0u8; 8];
    let mut n = 0;
    let mut tone = 0u8;
    let mut uppers = 0;
    let mut first_upper = false;
    for c in run.chars() {
        let Some(l) = letter(c) else { return false };
        if n == codes.len() {
            return false;
        }
        if l.tone != 0 {
            if tone != 0 {
                return false;
            }
            tone = l.tone;
        }
        if l.upper {
            uppers += 1;
            if n == 0 {
                first_upper = true;
            }
        }
        codes[n] = l.code;
        n += 1;
    }
    if n == 0 {
        return false;
    }
    let case_ok = uppers == 0 || uppers == n || (uppers == 1 && first_upper);
    case_ok && is_syllable_codes(&codes[..n], tone)
}

/// Symbols that mojibake leaves inside words and that real text almost never
/// puts there: control chars, C1 controls, Latin-1 signs (`°` after a digit
/// is a real degree sign), the Windows-1252 specials, a no-break space glued
/// to a word's end (`vÃ\u{A0}` = `và`), and curly quotes or bullets stuck
/// between letters (`PHÃ“` = `PHÓ`, `CÃ”NG` = `CÔNG`).
#[inline]
pub fn is_suspicious_symbol(c: char, prev: Option<char>, next: Option<char>) -> bool {
    let letter_before = prev.is_some_and(is_alpha);
    let letter_after = next.is_some_and(is_alpha);
    match c {
        '\t' | '\n' | '\r' => false,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => true,
        '\u{A0}' => letter_before,
        '°' => !prev.is_some_and(|p| p.is_ascii_digit()),
        '\u{A1}'..='\u{BF}' | '×' | '÷' | '\u{FFFD}' => true,
        '€' | '‚' | 'ƒ' | '„' | '†' | '‡' | 'ˆ' | '‰' | '‹' | '›' | '˜' | '™' => true,
        '“' | '‘' | '•' => letter_before,
        '”' | '’' => letter_before && letter_after,
        _ => false,
    }
}

/// `char::is_alphabetic` (every Vietnamese letter is one), by table.
#[inline]
pub fn is_alpha(c: char) -> bool {
    crate::text::is_alpha(c)
}

#[inline]
fn is_letterish(c: char) -> bool {
    is_alpha(c) || ('\u{300}'..='\u{36F}').contains(&c)
}

/// Score of one letter run: +1 a Vietnamese syllable with diacritics, 0 a
/// plain-ASCII run (abbreviations, foreign words, numbers' units), −1 a run
/// with non-ASCII letters that is no Vietnamese syllable.
fn run_score(run: &str) -> i32 {
    if run.is_ascii() {
        return 0;
    }
    let valid = if run.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c)) {
        let composed: String = run.nfc().collect();
        is_syllable(&composed)
    } else {
        is_syllable(run)
    };
    if valid {
        1
    } else if is_vietnamese_abbreviation(run) {
        0
    } else {
        -1
    }
}

/// `HĐND`, `QĐ`, `BCSĐUBND`: capitals with Vietnamese letters but no tone
/// are abbreviations, neither syllables nor garbage.
fn is_vietnamese_abbreviation(run: &str) -> bool {
    run.chars().all(|c| letter(c).is_some_and(|l| l.upper && l.tone == 0))
}

/// How Vietnamese a token (a whitespace-free chunk) reads: the sum of its
/// letter runs' scores, minus one per suspicious symbol when the token has
/// letters. Higher is better; repairs must raise it strictly.
pub fn token_score(tok: &str) -> i32 {
    let mut score = 0;
    let mut suspicious = 0;
    let mut has_letters = false;
    let mut run_start: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut it = tok.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_letterish(c) {
            has_letters = true;
            if run_start.is_none() {
                run_start = Some(i);
            }
        } else {
            if let Some(s) = run_start.take() {
                score += run_score(&tok[s..i]);
            }
            if is_suspicious_symbol(c, prev, it.peek().map(|&(_, n)| n)) {
                suspicious += 1;
            }
        }
        prev = Some(c);
    }
    if let Some(s) = run_start {
        score += run_score(&tok[s..]);
    }
    if has_letters {
        score -= suspicious;
    }
    score
}

/// Score of a text: the sum of [`token_score`] over whitespace tokens.
pub fn text_score(s: &str) -> i32 {
    s.split(|c: char| c.is_ascii_whitespace()).map(token_score).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_alpha` is the std class alone: every Vietnamese letter is alphabetic.
    #[test]
    fn every_vietnamese_letter_is_alpha() {
        for cp in (0..LOW_END).chain(EXT_START..EXT_END) {
            if let Some(c) = char::from_u32(cp).filter(|&c| letter(c).is_some()) {
                assert!(is_alpha(c), "{c:?}");
            }
        }
    }

    #[test]
    fn real_syllables_are_valid() {
        for w in [
            "thưởng", "tướng", "Thủ", "nghiêng", "quốc", "giữa", "gì", "khuya", "hoặc", "thuở", "Việt", "ĐỒNG", "hoà",
            "hòa", "tỷ", "uỷ", "yêu", "người", "rượu", "khuỷu", "ương", "ưu", "được", "giếng", "quyết", "nguyễn",
        ] {
            assert!(is_syllable(w), "{w} should be a syllable");
        }
    }

    #[test]
    fn garbage_is_invalid() {
        for w in ["ởng", "cĩ", "bàc", "tHủ", "Josộ", "Mỹller", "ƠHà", "ưC", "kang", "ghu", "thươngg", "Äá"] {
            assert!(!is_syllable(w), "{w} should not be a syllable");
        }
    }

    #[test]
    fn token_scores_prefer_repaired_forms() {
        assert!(token_score("thưởng") > token_score("th°ởng"));
        assert!(token_score("ưu") > token_score("°u"));
        assert!(token_score("30°C") >= token_score("30ưC"));
        assert!(token_score("Thủ") > token_score("Thá»§"));
        assert_eq!(token_score("José"), -1);
        assert_eq!(token_score("UBND"), 0);
    }
}
