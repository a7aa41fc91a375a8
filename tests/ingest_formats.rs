//! DOCX, HTML and text ingest on inputs generated here.

use std::path::Path;

use vanban::ingest::{ingest_bytes, Format, IngestError, Ingested, Limits};

fn read(bytes: &[u8], limits: &Limits) -> Result<(Format, Ingested), IngestError> {
    ingest_bytes(Path::new("t"), bytes, limits)
}

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"#;

fn para(text: &str, num: Option<(u32, u32)>) -> String {
    let ppr = num.map(|(id, l)| format!(r#"<w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{id}"/></w:numPr></w:pPr>"#)).unwrap_or_default();
    format!(r#"<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

#[path = "fixtures/docxgen.rs"]
mod docxgen;
use docxgen::docx;

#[test]
fn docx_paragraphs_numbering_tabs_breaks_and_tables() {
    let body = [
        para("ỦY BAN NHÂN DÂN", None),
        r#"<w:p><w:r><w:t>Số: 12/TB-VPCP</w:t></w:r><w:r><w:tab/><w:t>Hà Nội, ngày 20 tháng 02 năm 2024</w:t></w:r></w:p>"#.to_string(),
        para("Về công tác thi đua", Some((3, 0))),
        para("Rà soát văn bản", Some((3, 1))),
        para("Báo cáo kết quả", Some((3, 1))),
        para("Gửi Văn phòng Chính phủ", Some((3, 2))),
        para("Về khen thưởng", Some((3, 0))),
        r#"<w:p><w:r><w:t>Dòng một</w:t><w:br/><w:t>Dòng hai</w:t><w:delText>xoá</w:delText></w:r></w:p>"#.to_string(),
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>TT</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Nhiệm vụ</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Bộ Nội vụ &amp; Bộ Tài chính</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.to_string(),
    ]
    .join("");
    let doc = document(&body);
    let bytes = docx(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", doc.as_bytes()), ("word/numbering.xml", NUMBERING.as_bytes())]);
    let (format, ing) = read(&bytes, &Limits::default()).expect("docx reads");
    assert_eq!(format, Format::Docx);
    let lines: Vec<&str> = ing.text.lines().collect();
    assert_eq!(
        lines,
        [
            "ỦY BAN NHÂN DÂN",
            "Số: 12/TB-VPCP\tHà Nội, ngày 20 tháng 02 năm 2024",
            "1. Về công tác thi đua",
            "a) Rà soát văn bản",
            "b) Báo cáo kết quả",
            "- Gửi Văn phòng Chính phủ",
            "2. Về khen thưởng",
            "Dòng một",
            "Dòng hai",
            "TT\tNhiệm vụ",
            "1\tBộ Nội vụ & Bộ Tài chính",
        ]
    );
    assert_eq!(ing.pages, 1);
    assert_eq!(ing.page_starts, vec![0]);
}

#[test]
fn docx_entry_past_the_limit_is_refused() {
    let big = document(&para(&"a".repeat(3 << 20), None));
    let bytes = docx(&[("word/document.xml", big.as_bytes())]);
    assert!(bytes.len() < 100 << 10);
    let limits = Limits { max_inflated: 1 << 20, ..Limits::default() };
    match read(&bytes, &limits) {
        Err(IngestError::Limit(msg)) => assert!(msg.contains("word/document.xml"), "{msg}"),
        other => panic!("expected a limit error, got {other:?}"),
    }
}

#[test]
fn docx_with_traversal_entry_names_reads_only_its_parts() {
    let doc = document(&para("Nội dung chính", None));
    let bytes = docx(&[("../../etc/evil.xml", b"<x/>"), ("/abs/path.xml", b"<x/>"), ("word/document.xml", doc.as_bytes())]);
    let (_, ing) = read(&bytes, &Limits::default()).expect("docx reads");
    assert_eq!(ing.text.trim(), "Nội dung chính");
}

#[test]
fn zip_without_a_document_part_is_a_clear_error() {
    let bytes = docx(&[("hello.txt", b"hi")]);
    match read(&bytes, &Limits::default()) {
        Err(e) => assert!(e.to_string().contains("word/document.xml"), "{e}"),
        Ok(_) => panic!("a zip without word/document.xml must fail"),
    }
}

#[test]
fn html_page_gives_its_article_without_navigation() {
    let page = r##"<!DOCTYPE html><html><head><meta charset="utf-8"><title>Cổng</title></head><body>
      <div class="ms-skip"><a href="#mainContent">Skip Ribbon Commands</a></div><a href="#main">Skip to main content</a>
      <nav><a href="/">Trang chủ</a> <a href="/tt">Tin tức - Sự kiện</a></nav>
      <div id="main"><h1>Thông báo kết luận</h1>
      <p>Văn phòng Chính phủ ban hành Thông báo số 422/TB-VPCP kết luận của Thủ tướng Chính phủ.</p>
      <p>Giao Bộ Nội vụ chủ trì, phối hợp với các bộ, ngành, địa phương tổng kết 10 năm thực hiện.</p></div>
      <footer>© Cổng thông tin điện tử Chính phủ</footer></body></html>"##;
    let (format, ing) = read(page.as_bytes(), &Limits::default()).expect("html reads");
    assert_eq!(format, Format::Html);
    let lines: Vec<&str> = ing.text.lines().collect();
    assert_eq!(
        lines,
        [
            "Thông báo kết luận",
            "Văn phòng Chính phủ ban hành Thông báo số 422/TB-VPCP kết luận của Thủ tướng Chính phủ.",
            "Giao Bộ Nội vụ chủ trì, phối hợp với các bộ, ngành, địa phương tổng kết 10 năm thực hiện.",
        ]
    );
}

#[test]
fn text_keeps_its_line_starts() {
    let text = "QUYẾT ĐỊNH\n1. Giao Bộ Nội vụ\na) rà soát\n- báo cáo\nSố: 4647/QĐ-\nUBND\n";
    let (format, ing) = read(text.as_bytes(), &Limits::default()).expect("text reads");
    assert_eq!(format, Format::Text);
    assert_eq!(ing.text, text);
}

#[test]
fn text_with_bom_and_decomposed_marks_comes_out_nfc() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend("Ha\u{300} No\u{302}\u{323}i".as_bytes());
    let (_, ing) = read(&bytes, &Limits::default()).expect("text reads");
    assert_eq!(ing.text, "Hà Nội");
}
