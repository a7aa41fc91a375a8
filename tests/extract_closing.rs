//! Closing constructs: `Nơi nhận`, signature forms, running headers and
//! page numbers kept out of the flow.


mod common;
use common::run;

#[test]
fn distribution_list() {
    let d = run("1. Giao Bộ Nội vụ tổng kết.\n\nNơi nhận:\n- Thủ tướng, các PTTgCP;\n- Các Bộ, cơ quan ngang Bộ;\n- VPCP: BTCN, PCN,\n  Trợ lý TTg;\n- Lưu: VT.\n\nBỘ TRƯỞNG, CHỦ NHIỆM\n\nTrần Văn Sơn\n");
    assert_eq!(d.distribution, vec!["Thủ tướng, các PTTgCP", "Các Bộ, cơ quan ngang Bộ", "VPCP: BTCN, PCN, Trợ lý TTg", "Lưu: VT"]);
    let s = d.signer.expect("signer");
    assert_eq!(s.name.as_deref(), Some("Trần Văn Sơn"));
    assert_eq!(s.title.as_deref(), Some("Bộ trưởng, Chủ nhiệm"));
}

#[test]
fn kt_signature() {
    let d = run("1. Giao Bộ Tài chính chủ trì.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\n\nTrần Hồng Hà\n");
    let s = d.signer.expect("signer");
    assert_eq!(s.title.as_deref(), Some("Phó Thủ tướng"));
    assert_eq!(s.name.as_deref(), Some("Trần Hồng Hà"));
}

#[test]
fn tm_signatures() {
    let d = run("KẾ HOẠCH\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\n\n1. Giao Ban Tổ chức Tỉnh ủy theo dõi.\n\nNơi nhận:\n- Bộ Chính trị (b/c),\n- Lưu Văn phòng Tỉnh ủy.\n\nT/M BAN THƯỜNG VỤ\n\nPHÓ BÍ THƯ\n\n\nNguyễn Đức Tuy\n");
    let s = d.signer.expect("signer");
    assert_eq!(s.title.as_deref(), Some("Phó Bí thư"));
    assert_eq!(s.name.as_deref(), Some("Nguyễn Đức Tuy"));
    assert_eq!(d.issuer.as_deref(), Some("Ban Thường vụ Tỉnh ủy"));

    let e = run("1. Giao Sở Nội vụ chủ trì.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Đình Việt\n");
    let s = e.signer.expect("signer");
    assert_eq!(s.title.as_deref(), Some("Chủ tịch"));
    assert_eq!(s.name.as_deref(), Some("Nguyễn Đình Việt"));
}

#[test]
fn signature_in_a_column_layout() {
    let d = run("1. Đề nghị Sở Tài chính phối hợp.\n\nNơi nhận:                                   KT. GIÁM ĐỐC\n- Như trên;                                 PHÓ GIÁM ĐỐC\n- Lưu: VT.\n\n\n                                            Hoàng Văn Thuân\n");
    let s = d.signer.expect("signer");
    assert_eq!(s.title.as_deref(), Some("Phó Giám đốc"));
    assert_eq!(s.name.as_deref(), Some("Hoàng Văn Thuân"));
    assert_eq!(d.distribution, vec!["Như trên", "Lưu: VT"]);
}

#[test]
fn running_headers_and_page_numbers_leave_the_flow() {
    let text = "1. Giao Sở Nội vụ chủ trì theo dõi việc thực hiện kế\n\nBCSĐ-VPTU.KH.197.TU-05 4\n\nhoạch này trong năm.\n\n2. Sở Tài chính bố trí kinh phí.\n\nBCSĐ-VPTU.KH.197.TU-05 5\n\n3. Tiếp tục.\n";
    let d = run(text);
    let t = d.tasks.iter().find(|t| t.lead == vec!["Sở Nội vụ"]).expect("task");
    assert!(!t.text.contains("BCSĐ"), "{}", t.text);
    assert!(t.text.contains("kế hoạch này"), "{}", t.text);
}

#[test]
fn body_sentences_about_receipt_or_appendices_do_not_end_the_body() {
    let d = run("1. Thông báo tuyển dụng.\n\nNơi nhận hồ sơ: Sở Nội vụ tỉnh.\n\n2. Chi tiết tại\nPhụ lục kèm theo Kế hoạch này.\n\n3. Giao Sở Tài chính bố trí kinh phí.\n");
    let got: Vec<String> = d.sections.iter().map(|s| s.path.clone()).collect();
    assert_eq!(got, vec!["1", "2", "3"]);
    assert!(d.distribution.is_empty());
    assert!(d.tasks.iter().any(|t| t.lead == vec!["Sở Tài chính"]));
}
