//! Section constructs: roman, arabic, `(1)`, `a)` levels and their paths;
//! `Điều N`; ordinal paragraphs and bullets are not sections.

use vanban::model::Document;

mod common;
use common::run;

fn paths(d: &Document) -> Vec<(String, String)> {
    d.sections.iter().map(|s| (s.path.clone(), s.heading.clone())).collect()
}

#[test]
fn roman_arabic_paren_letter() {
    let d = run("I. Kết quả\n\n1. Đánh giá cao.\n\nII. Nhiệm vụ\n\n1. Tiếp tục phát động:\n\n(1) nghiên cứu phát động;\n\na) Tổ chức hội nghị.\n\n2. Hoàn thiện thể chế.\n");
    let p = paths(&d);
    let got: Vec<&str> = p.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(got, vec!["I", "I.1", "II", "II.1", "II.1.1", "II.1.a", "II.2"]);
    assert_eq!(p[3].1, "Tiếp tục phát động");
}

#[test]
fn arabic_without_roman() {
    let d = run("1. Bám sát chủ đề điều hành.\n\na) Rà soát văn bản.\n\n2. Tiếp tục triển khai.\n");
    let got: Vec<String> = d.sections.iter().map(|s| s.path.clone()).collect();
    assert_eq!(got, vec!["1", "1.a", "2"]);
}

#[test]
fn articles_of_a_decision() {
    let d = run("Điều 1. Ban hành Kế hoạch kèm theo.\n\nĐiều 2. Quyết định có hiệu lực từ ngày ký.\n\n1. Nội dung một.\n\nĐiều 3. Chánh Văn phòng chịu trách nhiệm thi hành.\n");
    let got: Vec<String> = d.sections.iter().map(|s| s.path.clone()).collect();
    assert_eq!(got, vec!["Điều 1", "Điều 2", "Điều 2.1", "Điều 3"]);
}

#[test]
fn bullets_and_ordinals_are_not_sections() {
    let d = run("1. Bài học\n\nMột là: các bộ cần nâng cao nhận thức.\n\n- Tổ chức tuyên truyền.\n\n* Sở Nội vụ hướng dẫn.\n\n+ Theo dõi.\n");
    let got: Vec<String> = d.sections.iter().map(|s| s.path.clone()).collect();
    assert_eq!(got, vec!["1"]);
}

#[test]
fn out_of_order_numbers_do_not_open_sections() {
    let d = run("1. Mục đích.\n\n2. Yêu cầu.\n\n7. không phải mục mới vì số nhảy cóc.\n");
    let got: Vec<String> = d.sections.iter().map(|s| s.path.clone()).collect();
    assert_eq!(got, vec!["1", "2"]);
}

#[test]
fn decimal_subitems() {
    let d = run("II. NHIỆM VỤ\n\n1. Công tác tuyên truyền\n\n1.1. Tổ chức quán triệt.\n\n1.2. Đẩy mạnh thông tin.\n\n2. Công tác khen thưởng\n");
    let got: Vec<String> = d.sections.iter().map(|s| s.path.clone()).collect();
    assert_eq!(got, vec!["II", "II.1", "II.1.1", "II.1.2", "II.2"]);
}

#[test]
fn article_reference_broken_to_a_line_start_is_no_section() {
    let d = run("1. Căn cứ khoản 2\nĐiều 33 Nghị định số 06/2021/NĐ-CP của Chính phủ, đề nghị Công ty:\n2. Bổ sung hồ sơ thiết kế.\n");
    let p = paths(&d);
    assert!(p.iter().all(|(p, _)| !p.starts_with("Điều")), "{p:?}");
    assert!(p.iter().any(|(p, _)| p == "2"), "{p:?}");
}

#[test]
fn letters_under_a_decimal_item_nest_below_it() {
    let d = run("1. Thông tin chung\n2. Ý kiến theo lĩnh vực\n2.1. Về lĩnh vực đất đai\na) Về sự phù hợp với quy hoạch\nb) Về chi phí bồi thường\n2.2. Lĩnh vực môi trường\n");
    let got: Vec<String> = d.sections.iter().map(|s| s.path.clone()).collect();
    assert_eq!(got, vec!["1", "2", "2.1", "2.1.a", "2.1.b", "2.2"]);
}
