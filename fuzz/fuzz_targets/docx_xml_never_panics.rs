//! Property (structure-aware): fuzzed XML packed into a well-formed DOCX
//! zip always reaches the XML readers, and a zip that holds
//! `word/document.xml` within the limits is always read: no panic, no
//! error, one page of text.
//!
//! The input is split at the first two NUL bytes into `word/document.xml`,
//! `word/numbering.xml` and `word/styles.xml`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban::ingest::{ingest_bytes, Format, Limits};

/// The DOCX builder the test suite uses (`tests/fixtures/docxgen.rs`).
#[path = "../../tests/fixtures/docxgen.rs"]
#[allow(dead_code)]
mod docxgen;

fn pack(parts: &[(&str, &[u8])]) -> Vec<u8> {
    docxgen::zip_of(parts, zip::CompressionMethod::Stored)
}

fuzz_target!(|data: &[u8]| {
    let mut it = data.splitn(3, |&b| b == 0);
    let document = it.next().unwrap_or_default();
    let mut parts: Vec<(&str, &[u8])> = vec![("[Content_Types].xml", b"<Types/>"), ("word/document.xml", document)];
    if let Some(n) = it.next() {
        parts.push(("word/numbering.xml", n));
    }
    if let Some(s) = it.next() {
        parts.push(("word/styles.xml", s));
    }
    let bytes = pack(&parts);
    match ingest_bytes(std::path::Path::new("fuzz.docx"), &bytes, &Limits::default()) {
        Ok((format, ing)) => {
            assert_eq!(format, Format::Docx);
            assert_eq!(ing.pages, 1, "a DOCX is one page");
        }
        Err(e) => panic!("a well-formed DOCX was refused: {e}"),
    }
});
