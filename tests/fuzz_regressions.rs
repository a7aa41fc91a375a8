//! Inputs the fuzz targets in fuzz/ found (or that the targets confirmed),
//! rebuilt in code, each pinned to the fix. See fuzz/run.sh.

use std::path::Path;

use vanban::ingest::{ingest_bytes, Format, Limits};

#[path = "fixtures/docxgen.rs"]
mod docxgen;
use docxgen::docx;

/// A document of `paragraphs` list items of list 1, level 0, whose level is
/// numbered from `start` in `format` with label `text`.
fn numbered_docx(paragraphs: usize, start: &str, format: &str, text: &str) -> String {
    let item = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Báo cáo kết quả</w:t></w:r></w:p>"#;
    let doc = format!(r#"<w:document xmlns:w="w"><w:body>{}</w:body></w:document>"#, item.repeat(paragraphs));
    let numbering = format!(
        r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let bytes = docx(&[("word/document.xml", doc.as_bytes()), ("word/numbering.xml", numbering.as_bytes())]);
    let (format, ing) = ingest_bytes(Path::new("t.docx"), &bytes, &Limits::default()).expect("the DOCX reads");
    assert_eq!(format, Format::Docx);
    ing.text
}

/// docx_xml_never_panics: a list starting at u32::MAX overflowed the
/// counter on its second item (a panic with overflow checks, a silent wrap
/// to 0 without).
#[test]
fn docx_list_counter_at_u32_max_saturates() {
    let text = numbered_docx(2, "4294967295", "decimal", "%1.");
    let labels: Vec<&str> = text.lines().map(|l| l.split(' ').next().unwrap_or("")).collect();
    assert_eq!(labels, ["4294967295.", "4294967295."], "{text:?}");
}

/// docx_xml_never_panics (timeout): a lettered list starting at 400 million
/// spelled every label as 15 million letters, ten times over: 15 s and
/// 1.2 GB for a two-paragraph file. Past `zzz` numbers go in digits.
#[test]
fn docx_huge_lettered_list_number_is_written_in_digits() {
    let text = numbered_docx(2, "400000000", "lowerLetter", &"%1".repeat(10));
    assert!(text.len() < 1000, "{} bytes of text for two list items", text.len());
    assert!(text.starts_with(&"400000000".repeat(10)), "{text:?}");
    // Within range, letters as Word writes them.
    let small = numbered_docx(2, "27", "lowerLetter", "%1)");
    assert!(small.starts_with("aa) ") && small.contains("\nbb) "), "{small:?}");
}

/// A level text of thousands of placeholders multiplied every label; it is
/// cut to Word-sized length.
#[test]
fn docx_long_level_text_does_not_multiply_labels() {
    let text = numbered_docx(200, "3999", "upperRoman", &"%1".repeat(5000));
    let longest = text.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 1000, "a {longest}-byte line");
    assert!(text.starts_with("MMMCMXCIX"), "{}", &text[..text.len().min(80)]);
    assert!(text.contains("\n4000"), "past MMMCMXCIX numbers go in digits");
}

/// pdf_ingest_never_panics_or_hangs (timeout): a form XObject whose filter
/// chain fails late (`[/FlateDecode /Foo]`: 16 MB inflated, then an unknown
/// filter) charged nothing to the inflation budget, so every `Do` naming it
/// inflated the 16 MB again: thousands of `Do`s ran for ever. A stream that
/// fails to decode is now tried once per file.
#[test]
fn pdf_form_that_fails_to_decode_is_decoded_once() {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let mut form = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()] },
        b"q Q ".repeat(4 << 20),
    );
    form.compress().expect("deflate the form");
    form.dict.set("Filter", vec![Object::Name(b"FlateDecode".to_vec()), Object::Name(b"Foo".to_vec())]);
    let form_id = doc.add_object(form);
    let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let mut content = b"BT /F1 12 Tf 72 700 Td (Kept text) Tj ET\n".to_vec();
    content.extend(b"/X Do\n".repeat(5000));
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let pages_id = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => dictionary! { "X" => form_id } },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save the PDF");
    assert!(bytes.len() < 200_000, "the bomb is small: {} bytes", bytes.len());

    // Before the fix this ran for many minutes; a wait far above the
    // milliseconds it now takes tells a hang from a slow machine.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(ingest_bytes(Path::new("t.pdf"), &bytes, &Limits::default()).map(|(_, ing)| ing.text));
    });
    let text = rx
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("the PDF was not read within 120 s: the broken form is decoded on every Do")
        .expect("the PDF reads");
    assert!(text.contains("Kept text"), "{text:?}");
}

/// Understands `text`, checking that every task and section lies inside it.
fn understand_checked(text: &str) -> vanban::model::Document {
    let mut d = vanban::model::Document { text: text.to_string(), ..Default::default() };
    vanban::extract::understand(&mut d);
    let n = text.chars().count();
    for t in &d.tasks {
        assert!(t.start <= t.end && t.end <= n, "task {}..{} of {n} in {text:?}", t.start, t.end);
    }
    for s in &d.sections {
        assert!(s.start <= s.end && s.end <= n, "section {}..{} of {n} in {text:?}", s.start, s.end);
    }
    d
}

/// extract_spans_inside_text (panic, minimised to 15 bytes): a clause
/// ending in an agency list (`Các`) skipped the blank lines after it and
/// met the next clause's action word (`Báo cáo`), then sliced from there
/// back to its own end: `begin > end` in tasks.rs.
#[test]
fn clause_ending_in_an_agency_list_does_not_read_the_next_clause() {
    understand_checked("Các\n\nBáo cáo");
    // The table row it came from (a plan's appendix cut mid-way).
    let row = "6/2024 Sở Nội vụ \n\nCác cơ quan, đơn vị, địa phương tham \n\ngia cụm, khối thi đua của tỉnh \n";
    let text = format!(" III Nhiệm vụ thực hiện trong năm 2024 \n{row} III Nhiệm vụ thực h \n\nBáo cáo tổng kết công tác thi đua, khen thưởng tỉnh \n\nSơn La năm 2024 và phương hướng, nhiệm vụ năm \n\n2025 gửi h \n");
    understand_checked(&text);
    // A clause whose action lies inside it still makes a task.
    let d = understand_checked("1. Sở Nội vụ chủ trì tổng kết công tác thi đua năm 2024.\n\nBáo cáo kết quả.");
    assert!(d.tasks.iter().any(|t| t.lead == ["Sở Nội vụ"]), "{:?}", d.tasks);
}
