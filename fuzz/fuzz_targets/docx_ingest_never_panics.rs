//! Property: arbitrary bytes read as a DOCX (zip) file never panic, hang
//! or blow memory past the limits; a result that comes back is one page
//! of text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban::ingest::{docx, ingest_bytes, sniff, Format, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    if sniff(data) == Format::Docx {
        if let Ok((format, ing)) = ingest_bytes(std::path::Path::new("fuzz.docx"), data, &limits) {
            assert_eq!(format, Format::Docx);
            assert_eq!((ing.pages, ing.page_starts.as_slice()), (1, &[0][..]), "a DOCX is one page");
        }
    } else {
        // The zip reader looks for the central directory at the end; the
        // local header the sniffer wants is not needed to reach it.
        let _ = docx::extract(data, &limits);
    }
});
