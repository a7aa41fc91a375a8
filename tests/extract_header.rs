//! Header constructs: issuer and parent, number, place and date, title,
//! subject, `V/v`, `Kính gửi`.


mod common;
use common::run;

const NOTICE: &str = "VĂN PHÒNG CHÍNH PHỦ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                              Độc lập - Tự do - Hạnh phúc
Số: 59/TB-VPCP                Hà Nội, ngày 20 tháng 02 năm 2024

THÔNG BÁO
Kết luận của Thủ tướng Chính phủ tại phiên họp
Hội đồng Thi đua - Khen thưởng Trung ương

1. Giao Bộ Nội vụ chủ trì tổng kết.
";

#[test]
fn header_fields() {
    let d = run(NOTICE);
    assert_eq!(d.issuer.as_deref(), Some("Văn phòng Chính phủ"));
    assert_eq!(d.number.as_deref(), Some("59/TB-VPCP"));
    assert_eq!(d.doc_type.as_deref(), Some("TB"));
    assert_eq!(d.place.as_deref(), Some("Hà Nội"));
    assert_eq!(d.issued_date.as_deref(), Some("2024-02-20"));
    assert_eq!(
        d.subject.as_deref(),
        Some("Kết luận của Thủ tướng Chính phủ tại phiên họp Hội đồng Thi đua - Khen thưởng Trung ương")
    );
    // the own number is not a citation
    assert!(d.citations.iter().all(|c| c.number != "59/TB-VPCP"));
}

#[test]
fn issuer_with_parent_line() {
    let d = run("CHÍNH PHỦ\nBỘ NỘI VỤ\nSố: 12/KH-BNV        Hà Nội, ngày 05 tháng 3 năm 2025\n\nKẾ HOẠCH\nTổng kết công tác năm 2024\n\nI. MỤC ĐÍCH\n");
    assert_eq!(d.issuer.as_deref(), Some("Bộ Nội vụ"));
    assert_eq!(d.issuer_parent.as_deref(), Some("Chính phủ"));
    assert_eq!(d.doc_type.as_deref(), Some("KH"));
    assert_eq!(d.subject.as_deref(), Some("Tổng kết công tác năm 2024"));
}

#[test]
fn local_issuer_split_over_lines() {
    let d = run("ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 4647/QĐ-\nUBND        Sơn La, ngày 14 tháng 12 năm 2023\n\nQUYẾT ĐỊNH\nVề việc giao chỉ tiêu\n\nĐiều 1. Giao chỉ tiêu.\n");
    assert_eq!(d.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Sơn La"));
    assert_eq!(d.number.as_deref(), Some("4647/QĐ-UBND"));
    assert_eq!(d.doc_type.as_deref(), Some("QĐ"));
    assert_eq!(d.issued_date.as_deref(), Some("2023-12-14"));
}

#[test]
fn numeric_date_forms() {
    let a = run("SỞ NỘI VỤ\nSố: 10/SNV-TĐKT        Sơn La, 20/02/2024\nV/v báo cáo\n\nKính gửi: Sở Tài chính\n\nĐề nghị Sở Tài chính báo cáo.\n");
    assert_eq!(a.issued_date.as_deref(), Some("2024-02-20"));
    let b = run("SỞ NỘI VỤ\nSố: 10/SNV-TĐKT        Sơn La, 20-02-2024\nV/v báo cáo\n\nKính gửi: Sở Tài chính\n");
    assert_eq!(b.issued_date.as_deref(), Some("2024-02-20"));
}

#[test]
fn blank_day_gives_null_date() {
    let d = run("ỦY BAN NHÂN DÂN TỈNH SƠN LA\nSố:      /KH-UBND        Sơn La, ngày     tháng 01 năm 2024\n\nKẾ HOẠCH\nTriển khai công tác năm 2024\n\nI. MỤC ĐÍCH\n");
    assert_eq!(d.issued_date, None);
    assert_eq!(d.number, None);
    assert_eq!(d.place.as_deref(), Some("Sơn La"));
}

#[test]
fn cong_van_subject_and_recipients() {
    let d = run("ỦY BAN NHÂN DÂN TỈNH SƠN LA\nSố: 512/UBND-KT        Sơn La, ngày 01 tháng 3 năm 2024\nV/v triển khai thực hiện nhiệm vụ\ncông tác thi đua năm 2024\n\n      Kính gửi:\n- Các sở, ban, ngành, đoàn thể tỉnh;\n- UBND các huyện, thành phố.\n\nThực hiện Văn bản số 59/TB-VPCP ngày 20/02/2024, UBND tỉnh yêu cầu:\n");
    assert_eq!(d.doc_type.as_deref(), Some("CV"));
    assert_eq!(d.number.as_deref(), Some("512/UBND-KT"));
    assert_eq!(d.subject.as_deref(), Some("triển khai thực hiện nhiệm vụ công tác thi đua năm 2024"));
    assert_eq!(d.recipients, vec!["Các sở, ban, ngành, đoàn thể tỉnh", "UBND các huyện, thành phố"]);
}

#[test]
fn number_without_colon_and_year_from_the_opening() {
    let d = run("BỘ NỘI VỤ\nSố 15/TB-BNV\n\nTHÔNG BÁO\nKết luận của Bộ trưởng\n\nNgày 10 tháng 3 năm 2025, Bộ trưởng chủ trì họp.\n\n1. Giao Vụ Thi đua hoàn thành trong quý II.\n\n2. Giao Sở Nội vụ báo cáo trong quý III.\n");
    assert_eq!(d.number.as_deref(), Some("15/TB-BNV"));
    let t = d.tasks.iter().find(|t| t.lead == vec!["Sở Nội vụ"]).expect("task");
    assert_eq!(t.deadline.as_ref().and_then(|d| d.due.as_deref()), Some("2025-09-30"));
}
