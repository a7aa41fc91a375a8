//! The index analyzer's token stream against a plain reference: words are
//! runs of letters, digits and combining marks that start with a letter or
//! digit (`char::is_alphanumeric`); a word's exact form is its NFC,
//! lowercased, with the tone of `oa`/`oe`/`uy` on the first vowel; its
//! folded form is its NFC with every char folded one by one
//! (`text::fold_char`, no table) and marks dropped; each word after the
//! first is followed by the pair of the folded forms (or, in the exact and
//! folded modes, the forms) of it and the word before. Text, offsets and
//! position of every token must agree, through `advance`, through
//! `process` (the way tantivy's indexer takes them) and through both mixed,
//! with a tokenizer reused across texts (its word cache warm).

use proptest::prelude::*;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;
use vanban::index::analyzer::{unify_tone_placement, Mode, VietTokenizer, TERM_SEP};

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Byte ranges of the words, char by char.
fn reference_words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match start {
            None if c.is_alphanumeric() => start = Some(i),
            Some(s) if !(c.is_alphanumeric() || is_mark(c)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn reference_exact(word: &str) -> String {
    let lower: String = word.nfc().collect::<String>().chars().flat_map(char::to_lowercase).collect();
    unify_tone_placement(&lower)
}

fn reference_folded(word: &str) -> String {
    word.nfc().map(vanban::text::fold_char).filter(|c| !is_mark(*c)).collect()
}

/// (token text, folded part for the pairs) of a word in `mode`.
fn reference_form(word: &str, mode: Mode) -> (String, String) {
    let (exact, folded) = (reference_exact(word), reference_folded(word));
    match mode {
        Mode::Exact => (exact.clone(), exact),
        Mode::Folded => (folded.clone(), folded),
        Mode::Term if exact == folded => (folded.clone(), folded),
        Mode::Term => (format!("{folded}{TERM_SEP}{exact}"), folded),
    }
}

type Tok = (String, usize, usize, usize);

fn reference_stream(text: &str, mode: Mode, pairs: bool) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut prev: Option<(String, usize)> = None;
    for (pos, (from, to)) in reference_words(text).into_iter().enumerate() {
        let (form, folded) = reference_form(&text[from..to], mode);
        out.push((form, from, to, pos));
        if pairs {
            if let Some((p, p_from)) = &prev {
                out.push((format!("{p} {folded}"), *p_from, to, pos));
            }
            prev = Some((folded, from));
        }
    }
    out
}

fn tok(t: &Token) -> Tok {
    (t.text.clone(), t.offset_from, t.offset_to, t.position)
}

/// The stream through `advance` for the first `stepped` tokens, then `process`.
fn stream(t: &mut VietTokenizer, text: &str, stepped: usize) -> Vec<Tok> {
    let mut s = t.token_stream(text);
    let mut out = Vec::new();
    while out.len() < stepped && s.advance() {
        out.push(tok(s.token()));
    }
    if out.len() == stepped {
        s.process(&mut |t: &Token| out.push(tok(t)));
    }
    assert!(!s.advance(), "a stream stays at its end");
    out
}

/// Pieces of text: Vietnamese words (NFC and NFD, upper and lower case,
/// both tone placements), digits, punctuation, quotes and dashes, marks
/// out of place, other scripts, long words (past the word cache's key).
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-ZàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵÀẢÃẠĂẰẮÂẦĐÈÉÊỀẾÌÍÒÓÔỒỐƠỜỚÙÚƯỪỨỲÝ]{1,7}",
        3 => prop::sample::select(vec![
            "Bộ", "Nội", "vụ", "hoà", "hòa", "HOÀ", "Thuỷ", "thủy", "khoẻ", "quý", "đường", "dương", "Uỷ", "ban",
            "nhân", "dân", "tỉnh", "Nghệ", "An", "NGHIÊNG", "nghiêng",
        ])
        .prop_map(str::to_string),
        1 => "[a-zA-Zàáạđêôơư]{1,7}".prop_map(|w| w.nfd().collect::<String>()),
        1 => "[0-9]{1,6}",
        2 => "[ .,:;/()\\n\\t-]{1,3}",
        1 => prop::sample::select(vec![
            "\u{201c}", "\u{201d}", "\u{2013}", "\u{2026}", "\u{300}", "\u{323}", "\u{fffd}", "™", "²", "½", "ǅ",
            "İ", "ß", "日本", "Ωμέγα", "Москва", "😀", "\u{200b}", "\u{0345}", "\u{1e9e}", "٣",
        ])
        .prop_map(str::to_string),
        1 => prop::sample::select(vec!["nghiêng", "Thành", "a", "1"]).prop_flat_map(|w| (5usize..12).prop_map(move |n| w.repeat(n))),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_stream_is_the_reference(texts in prop::collection::vec(text(), 1..4), stepped in 0usize..6) {
        for (mode, pairs) in [(Mode::Term, true), (Mode::Term, false), (Mode::Exact, true), (Mode::Folded, false)] {
            // One tokenizer for all the texts, twice: the second round meets
            // every word in its cache.
            let mut t = VietTokenizer::new(mode, pairs);
            for _ in 0..2 {
                for text in &texts {
                    let want = reference_stream(text, mode, pairs);
                    prop_assert_eq!(&stream(&mut t, text, usize::MAX), &want, "advance, {:?} {}", mode, pairs);
                    prop_assert_eq!(&stream(&mut t, text, 0), &want, "process, {:?} {}", mode, pairs);
                    prop_assert_eq!(&stream(&mut t, text, stepped), &want, "advance then process, {:?} {}", mode, pairs);
                }
            }
        }
    }
}

#[test]
fn edge_texts_match_the_reference() {
    let long = "nghiêng".repeat(30);
    let cases = [
        "",
        " ",
        "\u{300}",
        "a",
        "Bộ",
        "Bộ Nội vụ, 59/TB-VPCP.",
        "Hoa\u{300} Bi\u{300}nh",
        "\u{300}a\u{301}",
        "“Sở Y tế” – …",
        long.as_str(),
        "ăn\u{fffd}uống",
        "1.000.000 đồng",
    ];
    for text in cases {
        for (mode, pairs) in [(Mode::Term, true), (Mode::Exact, true), (Mode::Folded, true)] {
            let mut t = VietTokenizer::new(mode, pairs);
            let want = reference_stream(text, mode, pairs);
            for stepped in [0, 1, 2, 3, usize::MAX] {
                assert_eq!(stream(&mut t, text, stepped), want, "{text:?} {mode:?} {stepped}");
            }
        }
    }
    // The reference is no echo of the analyzer: it sees what a reader does.
    let want: Vec<Tok> = vec![
        ("bo\u{1}bộ".into(), 0, 4, 0),
        ("noi\u{1}nội".into(), 5, 10, 1),
        ("bo noi".into(), 0, 10, 1),
    ];
    assert_eq!(reference_stream("Bộ Nội", Mode::Term, true), want);
}
