//! Property: any bytes that sniff as PDF go through `ingest_bytes` with the
//! default limits without a panic, a hang or unbounded memory, and what
//! comes back is consistent: one page start per page, in order, inside the
//! text, and only real page numbers flagged for OCR.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban::ingest::{ingest_bytes, sniff, Format, Limits};

fuzz_target!(|data: &[u8]| {
    // Keep every input on the PDF path: a mutation that loses the header
    // would otherwise only exercise the text reader.
    let mut bytes;
    let data = if sniff(data) == Format::Pdf {
        data
    } else {
        bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend_from_slice(data);
        &bytes[..]
    };
    let Ok((format, ing)) = ingest_bytes(std::path::Path::new("fuzz.pdf"), data, &Limits::default()) else {
        return;
    };
    assert_eq!(format, Format::Pdf);
    let chars = ing.text.chars().count();
    assert_eq!(ing.page_starts.len(), ing.pages as usize, "one page start per page");
    assert!(ing.page_starts.windows(2).all(|w| w[0] <= w[1]), "page starts in order: {:?}", ing.page_starts);
    assert!(ing.page_starts.iter().all(|&s| s <= chars), "page start past the text");
    assert!(ing.pages_without_text.iter().all(|&p| p >= 1 && p <= ing.pages), "OCR page out of range");
    assert!(ing.pages <= Limits::default().max_pages, "more pages than --max-pages");
});
