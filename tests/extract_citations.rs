//! Citation forms: state and Party numbers, dates, line-break joins,
//! `Ð` → `Đ`, technical standards left out.

use vanban::model::Document;

mod common;
use common::run;

fn numbers(d: &Document) -> Vec<String> {
    d.citations.iter().map(|c| c.number.clone()).collect()
}

#[test]
fn state_forms_with_dates() {
    let d = run("Thực hiện Văn bản số 59/TB-VPCP ngày 20/02/2024 của Văn phòng Chính phủ; Chỉ thị số 07/CT-TTg ngày 19/3/2014; Nghị định số 73/2023/NĐ-CP, ngày 29-9-2023 của Chính phủ; Luật số 06/2022/QH15.\n");
    assert_eq!(numbers(&d), vec!["59/TB-VPCP", "07/CT-TTg", "73/2023/NĐ-CP", "06/2022/QH15"]);
    assert_eq!(d.citations[0].date.as_deref(), Some("2024-02-20"));
    assert_eq!(d.citations[0].doc_type.as_deref(), Some("TB"));
    assert_eq!(d.citations[0].text, "Văn bản số 59/TB-VPCP ngày 20/02/2024");
    assert_eq!(d.citations[2].date.as_deref(), Some("2023-09-29"));
    assert_eq!(d.citations[2].doc_type.as_deref(), Some("NĐ"));
}

#[test]
fn party_forms() {
    let d = run("Thực hiện Chỉ thị số 41-CT/TW, ngày 26-12-2024 của Bộ Chính trị và Kết luận 01-KL/TW ngày 18/5/2021.\n");
    assert_eq!(numbers(&d), vec!["41-CT/TW", "01-KL/TW"]);
    assert_eq!(d.citations[0].date.as_deref(), Some("2024-12-26"));
    assert_eq!(d.citations[1].doc_type.as_deref(), Some("KL"));
}

#[test]
fn joined_across_line_breaks() {
    let d = run("theo Quyết định số 4647/QĐ-\n\nUBND ngày 14/12/2023 và Chỉ thị số 41- \n\nCT/TW và Văn bản số 59/TB-\nVPCP.\n");
    assert_eq!(numbers(&d), vec!["4647/QĐ-UBND", "41-CT/TW", "59/TB-VPCP"]);
}

#[test]
fn eth_becomes_d_with_stroke() {
    let d = run("căn cứ Nghị định số 73/2023/NÐ-CP của Chính phủ.\n");
    assert_eq!(numbers(&d), vec!["73/2023/NĐ-CP"]);
}

#[test]
fn cong_van_numbers() {
    let d = run("Phúc đáp Công văn số 3722/VPCP-CN ngày 05/6/2024 của Văn phòng Chính phủ.\n");
    assert_eq!(numbers(&d), vec!["3722/VPCP-CN"]);
    assert_eq!(d.citations[0].doc_type.as_deref(), Some("CV"));
}

#[test]
fn standards_and_blanks_are_not_citations() {
    let d = run("bảo đảm theo QCVN 01:2019/BCT và TCVN 2737:2023/BXD; (Ban hành kèm theo Quyết định số        ngày    tháng 01 năm 2024); giai đoạn 2021-2025; ngày 11/6/1948.\n");
    assert!(d.citations.is_empty(), "{:?}", d.citations);
}

#[test]
fn repeated_citation_listed_once() {
    let d = run("Chỉ thị số 34-CT/TW của Bộ Chính trị. Tổng kết Chỉ thị số 34-CT/TW ngày 07/4/2014.\n");
    assert_eq!(numbers(&d), vec!["34-CT/TW"]);
    assert_eq!(d.citations[0].date.as_deref(), Some("2014-04-07"));
}

#[test]
fn dates_without_ngay_or_glued_to_nam() {
    let d = run("Theo Điều 5 Thông tư số 10/2021/TT-BXD 25/08/2021 của Bộ Xây dựng; Thông tư số 26/2021/TT-BGTVT ngày 29 tháng 11năm 2021 của Bộ trưởng.\n");
    assert_eq!(numbers(&d), vec!["10/2021/TT-BXD", "26/2021/TT-BGTVT"]);
    assert_eq!(d.citations[0].date.as_deref(), Some("2021-08-25"));
    assert_eq!(d.citations[1].date.as_deref(), Some("2021-11-29"));
}

#[test]
fn own_number_cited_again_is_no_citation() {
    let d = run("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 2463/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLào Cai, ngày 15 tháng 7 năm 2026\nQUYẾT ĐỊNH\nPhê duyệt dự án\nCăn cứ Luật Đầu tư số 61/2020/QH14;\nQUYẾT ĐỊNH:\nĐiều 1. Phê duyệt dự án.\nPhụ lục\n(Kèm theo Quyết định số 2463/QĐ-UBND ngày 15/7/2026 của UBND tỉnh)\n");
    assert_eq!(d.number.as_deref(), Some("2463/QĐ-UBND"));
    assert_eq!(numbers(&d), vec!["61/2020/QH14"]);
}
