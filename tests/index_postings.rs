//! The postings tantivy writes against a plain count of the analyzer's
//! tokens. vanban builds against a patched tantivy (see `vendor/README.md`):
//! its indexer buffers a text's tokens in chunks and prefetches the term
//! table ahead of each one. Whatever the chunking and the prefetching do,
//! every term must end up with exactly the documents and the frequencies a
//! plain count gives: texts longer than a chunk (1,024 tokens), a
//! vocabulary large enough to make the term table grow (it starts at 2^19
//! buckets and doubles past 2^18 terms, while some text is being indexed),
//! terms repeated within a text and across texts, and texts with no token
//! at all.

use std::collections::{BTreeMap, HashMap};

use tantivy::postings::Postings;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{TokenStream, Tokenizer};
use tantivy::{DocSet, Index, IndexWriter, TantivyDocument, Term, TERMINATED};
use vanban::index::analyzer::{Mode, VietTokenizer};

const ONSETS: [&str; 14] = ["b", "c", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "ph", "th", "tr"];
const RHYMES: [&str; 16] = ["a", "ă", "ai", "an", "anh", "ât", "ê", "iên", "o", "ô", "ơn", "u", "ư", "ương", "uy", "oa"];
const TONES: [char; 6] = ['\u{0}', '\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Syllable `n` of 1,344 (169 once folded).
fn syllable(n: u64) -> String {
    let onset = ONSETS[(n % 14) as usize];
    let rhyme = RHYMES[(n / 14 % 16) as usize];
    let tone = TONES[(n / 224 % 6) as usize];
    let mut s = format!("{onset}{rhyme}");
    if tone != '\u{0}' {
        s.push(tone);
    }
    s
}

/// Text `i` of the corpus: from no word to 3,000, syllables and numbers,
/// with punctuation between.
fn text(i: u64) -> String {
    let mut state = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let words = match i % 7 {
        0 => 0,
        1 => 1,
        2 => 2_500 + next() % 500,
        _ => next() % 1_200,
    };
    let mut out = String::new();
    for w in 0..words {
        let r = next();
        // Most words are syllables drawn skewed towards small numbers
        // (frequent ones); every fourth is a number drawn evenly (numbers,
        // dates: rare words and pairs, a large vocabulary).
        if w % 4 == 3 {
            out.push_str(&(r % 200_000).to_string());
        } else {
            out.push_str(&syllable((r % 1_344) * (r / 1_344 % 1_344) / 1_344));
        }
        out.push_str(match w % 11 {
            3 => ", ",
            7 => ". ",
            9 => " 2024 ",
            _ => " ",
        });
    }
    out
}

/// Every token the index analyzer gives each text: term → text → count.
fn plain_count(texts: &[String]) -> BTreeMap<String, BTreeMap<u32, u32>> {
    let mut tokenizer = VietTokenizer::new(Mode::Term, true);
    let mut count: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
    for (doc, text) in texts.iter().enumerate() {
        let mut stream = tokenizer.token_stream(text);
        while stream.advance() {
            *count.entry(stream.token().text.clone()).or_default().entry(doc as u32).or_default() += 1;
        }
    }
    count
}

#[test]
fn postings_agree_with_a_plain_count_of_the_tokens() -> tantivy::Result<()> {
    let mut builder = Schema::builder();
    let indexing = TextFieldIndexing::default().set_tokenizer("vi").set_index_option(IndexRecordOption::WithFreqs);
    let body = builder.add_text_field("body", TextOptions::default().set_indexing_options(indexing));
    let index = Index::create_in_ram(builder.build());
    index.tokenizers().register("vi", VietTokenizer::new(Mode::Term, true));
    let texts: Vec<String> = (0..1_000).map(text).collect();
    // One thread: documents get ids in the order they are added.
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 400_000_000)?;
    for t in &texts {
        let mut doc = TantivyDocument::default();
        doc.add_text(body, t);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    let searcher = index.reader()?.searcher();
    assert_eq!(searcher.segment_readers().len(), 1, "one thread, one commit: one segment");
    let segment = &searcher.segment_readers()[0];
    let inverted = segment.inverted_index(body)?;

    let expected = plain_count(&texts);
    assert!(expected.len() > 300_000, "the vocabulary must make the term table grow past 2^18 terms: {} terms", expected.len());
    assert!(texts.iter().any(|t| t.split(' ').count() > 2_048), "some texts span several chunks");
    assert_eq!(inverted.terms().num_terms(), expected.len(), "distinct terms");

    for (term_text, docs) in &expected {
        let term = Term::from_field_text(body, term_text);
        let info = inverted.get_term_info(&term)?.unwrap_or_else(|| panic!("term {term_text:?} missing from the index"));
        assert_eq!(info.doc_freq as usize, docs.len(), "document frequency of {term_text:?}");
        let mut postings = inverted.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
        let mut got: HashMap<u32, u32> = HashMap::new();
        while postings.doc() != TERMINATED {
            got.insert(postings.doc(), postings.term_freq());
            postings.advance();
        }
        let want: HashMap<u32, u32> = docs.iter().map(|(d, n)| (*d, *n)).collect();
        assert_eq!(got, want, "postings of {term_text:?}");
    }
    // The token count (BM25's average length) is every token, once.
    let total: u64 = expected.values().flat_map(|d| d.values()).map(|n| u64::from(*n)).sum();
    assert_eq!(inverted.total_num_tokens(), total);
    Ok(())
}
