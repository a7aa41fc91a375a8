//! Task constructs: each form of instruction, lead and support, shared-head
//! lists and title holders.

use vanban::model::{Document, Task};

mod common;
use common::run;

fn task<'a>(d: &'a Document, starts: &str) -> &'a Task {
    d.tasks
        .iter()
        .find(|t| t.text.starts_with(starts))
        .unwrap_or_else(|| panic!("no task starting {starts:?} in {:#?}", d.tasks.iter().map(|t| &t.text).collect::<Vec<_>>()))
}

#[test]
fn giao_with_line_break_and_support() {
    let d = run("1. Nhiệm vụ.\n\nBên cạnh đó, sẽ phát động. Giao Bộ Lao động -\n Thương binh và Xã hội, Bộ Nội vụ phối hợp chặt chẽ với Ủy ban Trung ương\nMặt trận Tổ quốc Việt Nam tổ chức triển khai thực hiện trong tháng 02 năm 2024.\n");
    let t = task(&d, "Giao Bộ Lao động");
    assert_eq!(t.lead, vec!["Bộ Lao động - Thương binh và Xã hội", "Bộ Nội vụ"]);
    assert_eq!(t.support, vec!["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]);
    assert_eq!(t.deadline.as_ref().and_then(|d| d.due.as_deref()), Some("2024-02-29"));
}

#[test]
fn de_nghi_chu_tri() {
    let d = run("Hội đồng đã thống nhất phát động. Đề nghị Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam chủ trì phối hợp với Bộ Nội vụ, Bộ LĐTBXH và các cơ quan có liên quan tổ chức triển khai.\n");
    let t = task(&d, "Đề nghị");
    assert_eq!(t.lead, vec!["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]);
    assert_eq!(t.support, vec!["Bộ Nội vụ", "Bộ Lao động - Thương binh và Xã hội", "các cơ quan có liên quan"]);
    assert!(d.tasks.iter().all(|t| !t.lead.contains(&"Hội đồng".to_string())));
}

#[test]
fn subject_chu_tri_phoi_hop() {
    let d = run("III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính, Văn phòng UBND tỉnh tham mưu tổ chức hội nghị.\n\n2. Sở Y tế chủ trì, Sở Tư pháp, Công an tỉnh phối hợp thực hiện.\n");
    let t = task(&d, "Sở Nội vụ chủ trì");
    assert_eq!(t.lead, vec!["Sở Nội vụ"]);
    assert_eq!(t.support, vec!["Sở Tài chính", "Văn phòng Ủy ban nhân dân tỉnh"]);
    let u = task(&d, "Sở Y tế chủ trì");
    assert_eq!(u.lead, vec!["Sở Y tế"]);
    assert_eq!(u.support, vec!["Sở Tư pháp", "Công an tỉnh"]);
}

#[test]
fn co_trach_nhiem() {
    let d = run("Thủ trưởng các cơ quan triển khai thực hiện. Giao Sở\nNội vụ có trách nhiệm theo dõi, báo cáo UBND tỉnh./.\n");
    let t = task(&d, "Giao Sở");
    assert_eq!(t.lead, vec!["Sở Nội vụ"]);
    assert!(t.support.is_empty());
}

#[test]
fn agency_heading_then_bullets() {
    let d = run("III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ\n\n- Chủ trì, phối hợp với các cơ quan liên quan tham mưu tổ chức các phong trào thi đua.\n\n- Theo dõi, đôn đốc các cơ quan thực hiện kế hoạch; định kỳ tổng hợp, báo cáo UBND tỉnh.\n\n2. Sở Tài chính\n\n- Bố trí kinh phí thực hiện.\n");
    assert_eq!(task(&d, "Chủ trì").lead, vec!["Sở Nội vụ"]);
    let f = task(&d, "Theo dõi");
    assert_eq!(f.lead, vec!["Sở Nội vụ"]);
    assert!(f.deadline.is_none(), "`định kỳ` before a verb is not a deadline");
    assert_eq!(task(&d, "Bố trí").lead, vec!["Sở Tài chính"]);
}

#[test]
fn giao_colon_then_paragraphs() {
    let d = run("Giao Bộ Nội vụ:\n\nTiếp tục triển khai các phong trào thi đua, báo cáo Thủ tướng Chính phủ trong tháng 10 năm 2023.\n\nKhẩn trương phối hợp với Hội Khuyến học Việt Nam, Bộ Giáo dục và Đào tạo, các cơ quan liên quan xây dựng Kế hoạch.\n");
    let a = task(&d, "Tiếp tục");
    assert_eq!(a.lead, vec!["Bộ Nội vụ"]);
    assert_eq!(a.deadline.as_ref().and_then(|d| d.due.as_deref()), Some("2023-10-31"));
    let b = task(&d, "Khẩn trương");
    assert_eq!(b.lead, vec!["Bộ Nội vụ"]);
    assert_eq!(b.support, vec!["Hội Khuyến học Việt Nam", "Bộ Giáo dục và Đào tạo", "các cơ quan liên quan"]);
}

#[test]
fn star_line_assigns_bullets_above() {
    let d = run("II. NHIỆM VỤ\n\n1. Công tác tuyên truyền\n\n- Tổ chức nghiên cứu, quán triệt sâu rộng Chỉ thị.\n\n- Phát huy vai trò của các cơ quan báo chí.\n\n* Ban Tuyên giáo và Dân vận Tỉnh ủy hướng dẫn triển khai thực hiện, hoàn thành trước ngày 30-3-2025.\n\n2. Lãnh đạo\n\n- Đổi mới hoạt động.\n\n* Đảng ủy Ủy ban nhân dân tỉnh, các huyện ủy, thành ủy lãnh đạo triển khai thực hiện thường xuyên.\n");
    let a = task(&d, "Tổ chức nghiên cứu");
    assert_eq!(a.lead, vec!["Ban Tuyên giáo và Dân vận Tỉnh ủy"]);
    assert_eq!(a.deadline.as_ref().and_then(|d| d.due.as_deref()), Some("2025-03-30"));
    let b = task(&d, "Đổi mới");
    assert_eq!(b.lead, vec!["Đảng ủy Ủy ban nhân dân tỉnh", "các huyện ủy, thành ủy"]);
    assert_eq!(b.deadline.as_ref().map(|d| d.kind.as_str()), Some("recurring"));
}

#[test]
fn numbered_action_items_have_empty_lead() {
    let d = run("UBND tỉnh yêu cầu các sở, ban, ngành triển khai thực hiện tốt một số nội dung:\n\n1. Bám sát chủ đề điều hành của Chính phủ, triển khai đồng bộ các nhiệm vụ.\n\n2. Tiếp tục hưởng ứng các phong trào thi đua.\n");
    let t = task(&d, "Bám sát");
    assert!(t.lead.is_empty());
    assert_eq!(t.section.as_deref(), Some("1"));
    assert!(task(&d, "Tiếp tục").lead.is_empty());
}

#[test]
fn closing_article_with_title_holders() {
    let d = run("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\nĐiều 2. Quyết định có hiệu lực thi hành kể từ ngày ký.\n\nĐiều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Công Thương, Giám đốc các Sở, ngành có liên quan chịu trách nhiệm thi hành Quyết định này./.\n");
    let t = task(&d, "Chánh Văn phòng");
    assert_eq!(t.lead[..2], ["Văn phòng Ủy ban nhân dân tỉnh".to_string(), "Sở Công Thương".to_string()]);
    assert!(t.lead[2].starts_with("các Sở"));
}

#[test]
fn shared_head_list() {
    let d = run("Giao các Bộ: Công an, Tài chính, Xây dựng chủ trì rà soát các quy định liên quan.\n");
    let t = task(&d, "Giao các Bộ");
    assert_eq!(t.lead, vec!["Bộ Công an", "Bộ Tài chính", "Bộ Xây dựng"]);
}

#[test]
fn reports_of_the_past_are_not_tasks() {
    let d = run("Năm qua, Bộ Nội vụ đã phối hợp chặt chẽ với Văn phòng Chính phủ chuẩn bị chu đáo.\n\nVăn phòng Chính phủ xin thông báo để các bộ, cơ quan biết, thực hiện./.\n");
    assert!(d.tasks.iter().all(|t| t.lead.is_empty()), "{:?}", d.tasks);
}

#[test]
fn agency_heading_found_by_head_pattern_assigns_lettered_items() {
    let d = run("Điều 20. Tổ chức thực hiện\n1. Cục Đường thủy nội địa Việt Nam\na) Tổ chức quản lý hoạt động của phương tiện thủy qua biên giới;\nb) Thanh tra, kiểm tra và xử lý các hành vi vi phạm theo quy định.\n2. Sở Y tế, Sở Giao thông vận tải - Xây dựng các tỉnh, thành phố trực thuộc Trung ương\na) Thực hiện việc quản lý nhà nước trên địa bàn theo thẩm quyền.\n");
    let a = task(&d, "Tổ chức quản lý hoạt động");
    assert_eq!(a.lead, vec!["Cục Đường thủy nội địa Việt Nam"]);
    assert_eq!(task(&d, "Thanh tra, kiểm tra").lead, vec!["Cục Đường thủy nội địa Việt Nam"]);
    let c = task(&d, "Thực hiện việc quản lý");
    assert_eq!(c.lead, vec!["Sở Y tế", "Sở Giao thông vận tải - Xây dựng"], "the jurisdiction is no body");
}

#[test]
fn body_with_duties_colon_opens_its_items() {
    let d = run("Điều 9. Trạm Kiểm dịch động vật cửa khẩu\n1. Trạm Kiểm dịch động vật cửa khẩu có trách nhiệm:\na) Kiểm tra hồ sơ kiểm dịch của lô hàng nhập khẩu tại cửa khẩu;\nb) Phối hợp với các cơ quan chức năng khác tại cửa khẩu giải quyết vướng mắc.\n");
    assert_eq!(task(&d, "Kiểm tra hồ sơ").lead, vec!["Trạm Kiểm dịch động vật cửa khẩu"]);
    assert_eq!(task(&d, "Phối hợp với các cơ quan").lead, vec!["Trạm Kiểm dịch động vật cửa khẩu"]);
    assert!(d.tasks.iter().all(|t| !t.text.starts_with("Trạm Kiểm dịch")), "the intro itself is no task");
}

#[test]
fn subject_se_phoi_hop_voi() {
    let d = run("1. Về hồ sơ\nĐề nghị Công ty bổ sung bản vẽ mặt bằng. Sở Tài chính sẽ phối hợp với UBND xã Văn Bàn kiểm tra thực tế hiện trường.\n");
    let t = task(&d, "Sở Tài chính sẽ phối hợp");
    assert_eq!(t.lead, vec!["Sở Tài chính"]);
    assert_eq!(t.support, vec!["Ủy ban nhân dân xã Văn Bàn"]);
}

#[test]
fn chanh_van_phong_of_a_ministry_and_truong_thue_tinh() {
    let d = run("BỘ Y TẾ\nSố: 12/2023/TT-BYT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 13 tháng 12 năm 2023\nTHÔNG TƯ\nQuy định về khám bệnh\nĐiều 1. Phạm vi\nThông tư này quy định về khám bệnh.\nĐiều 2. Trách nhiệm thi hành\nChánh Văn phòng, Chánh Thanh tra, Cục trưởng Cục Quản lý Dược, Giám đốc Sở Y tế các tỉnh, thành phố trực thuộc Trung ương chịu trách nhiệm thi hành Thông tư này./.\n");
    assert_eq!(d.issuer.as_deref(), Some("Bộ Y tế"));
    let t = task(&d, "Chánh Văn phòng");
    for want in ["Văn phòng Bộ Y tế", "Thanh tra Bộ Y tế", "Cục Quản lý Dược", "Sở Y tế"] {
        assert!(t.lead.iter().any(|l| l.starts_with(want)), "{want} in {:?}", t.lead);
    }
    let d = run("Điều 3. Tổ chức thực hiện\n1. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc các Sở, ngành: Tài chính, Xây dựng, Trưởng Thuế tỉnh; Chủ tịch UBND xã Mường Khương chịu trách nhiệm thi hành Quyết định này.\n");
    let t = task(&d, "Chánh Văn phòng");
    assert!(t.lead.contains(&"Thuế tỉnh".to_string()), "{:?}", t.lead);
    assert!(t.lead.contains(&"Sở Xây dựng".to_string()), "{:?}", t.lead);
}

#[test]
fn subject_theo_chuc_nang_nhiem_vu_then_verb() {
    let d = run("Điều 3. Tổ chức thực hiện\n1. Đề nghị Ủy ban Kiểm tra Tỉnh ủy, Kiểm toán khu vực VII phối hợp kiểm tra, giám sát định kỳ hoặc thường xuyên trong quá trình thực hiện Quyết định này. Thanh tra tỉnh, Công an tỉnh theo chức năng, nhiệm vụ, quyền hạn được giao tham mưu cho Ủy ban nhân dân tỉnh để việc triển khai thực hiện Quyết định đảm bảo các quy định của pháp luật.\n");
    assert_eq!(task(&d, "Thanh tra tỉnh, Công an tỉnh").lead, vec!["Thanh tra tỉnh", "Công an tỉnh"]);
}

#[test]
fn recipient_item_phoi_hop_voi_names_support() {
    let d = run("Sở Tài chính có ý kiến như sau:\n1. Về môi trường\na) Phối hợp với Sở Xây dựng, Công ty TNHH Minh Long và chính quyền địa phương lập phương án di dời.\nb) Bổ sung bản vẽ mặt bằng tổng thể của dự án.\n");
    let t = task(&d, "Phối hợp với Sở Xây dựng");
    assert!(t.lead.is_empty(), "{:?}", t.lead);
    assert_eq!(t.support, vec!["Sở Xây dựng"]);
}

#[test]
fn numbered_item_with_its_own_verb_ending_in_colon_is_a_task() {
    let d = run("Sở Công Thương đề nghị Công ty:\n1. Thực hiện kiểm định chất lượng hiện trạng công trình kho, cụ thể như sau:\n- Lựa chọn đơn vị tư vấn đủ năng lực theo quy định.\n2. Về phòng cháy, chữa cháy: đề nghị Công ty liên hệ cơ quan có thẩm quyền.\n");
    let t = task(&d, "Thực hiện kiểm định");
    assert!(t.lead.is_empty());
    assert!(d.tasks.iter().all(|t| !t.text.starts_with("Sở Công Thương đề nghị")), "the letter's own intro is no task");
}

#[test]
fn rule_articles_hold_no_tasks_when_an_article_assigns_work() {
    let d = run("Điều 5. Quy định đối với phương tiện\n1. Phương tiện phải có Giấy phép vận tải còn hiệu lực khi qua cửa khẩu.\n2. Phương tiện phải gắn Ký hiệu phân biệt quốc gia theo quy định.\nĐiều 6. Tổ chức thực hiện\n1. Các doanh nghiệp vận tải báo cáo kết quả hoạt động định kỳ 06 tháng.\n");
    assert!(d.tasks.iter().all(|t| !t.text.starts_with("Phương tiện phải")), "{:?}", d.tasks.iter().map(|t| &t.text).collect::<Vec<_>>());
    task(&d, "Các doanh nghiệp vận tải báo cáo");
}
