//! Differential test: on clean generated PDFs, where pdf-extract 0.12 is
//! known to be right, vanban's words are pdf-extract's words (minus the
//! page numbers vanban takes out of the flow).

#[path = "fixtures/pdfgen.rs"]
mod pdfgen;

use std::collections::BTreeMap;
use std::path::Path;

use pdfgen::*;
use vanban::ingest::{ingest_bytes, Limits};

fn words(s: &str) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for w in s.split_whitespace() {
        *m.entry(vanban::text::nfc(w).into_owned()).or_insert(0) += 1;
    }
    m
}

fn compare(bytes: &[u8], page_numbers: &[&str]) {
    let (_, ing) = ingest_bytes(Path::new("o.pdf"), bytes, &Limits::default()).expect("vanban reads");
    let oracle = pdf_extract::extract_text_from_mem(bytes).expect("pdf-extract reads");
    let mut expected = words(&oracle);
    for n in page_numbers {
        if let Some(c) = expected.get_mut(*n) {
            *c -= 1;
        }
    }
    expected.retain(|_, c| *c > 0);
    assert_eq!(words(&ing.text), expected, "vanban:\n{}\npdf-extract:\n{oracle}", ing.text);
}

#[test]
fn letter_words_match_pdf_extract() {
    compare(&letter(2), &["1", "2"]);
}

#[test]
fn adobe_glyph_name_font_matches_pdf_extract() {
    compare(&font_case_pdf(FontCase::AdobeNames), &[]);
}
