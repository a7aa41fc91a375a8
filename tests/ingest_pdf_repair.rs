//! Font cases (c) and (d): the PDF reader yields the base encoding's
//! characters (`°¡¯<=` for `ươƯ“”`) or corrects them from glyph names; the
//! repair engine (src/repair) turns what is left into Vietnamese. Until the
//! repair engine is merged, case (c) fails for that reason only.

#[path = "fixtures/pdfgen.rs"]
mod pdfgen;

use std::path::Path;

use pdfgen::*;
use vanban::ingest::{ingest_bytes, Limits};

fn font_case(case: FontCase) -> String {
    let (_, ing) = ingest_bytes(Path::new("t.pdf"), &font_case_pdf(case), &Limits::default()).expect("PDF reads");
    ing.text
}

#[test]
fn case_c_unknown_glyph_names_come_out_vietnamese() {
    assert_eq!(font_case(FontCase::UnknownNames).trim(), EXPECTED);
}

#[test]
fn case_d_to_unicode_mapping_b0_to_degree_comes_out_vietnamese() {
    assert_eq!(font_case(FontCase::WrongToUnicode).trim(), EXPECTED);
}
