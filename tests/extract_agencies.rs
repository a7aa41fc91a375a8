//! The agency registry API (`canonicalize`, `successor`) and agencies in
//! task clauses: aliases, tone placement, line breaks, title holders.

use vanban::extract::agencies::{canonicalize, entries, successor, Kind};

#[test]
fn aliases_and_spellings() {
    let cases = [
        ("BNV", "Bộ Nội vụ"),
        ("bo noi vu", "Bộ Nội vụ"),
        ("Bộ LĐTBXH", "Bộ Lao động - Thương binh và Xã hội"),
        ("Bộ Lao động -\nThương binh và Xã hội", "Bộ Lao động - Thương binh và Xã hội"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
        ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
        ("Ủy ban TW MTTQ Việt Nam", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
        ("Hội đồng TĐKT Trung ương", "Hội đồng Thi đua - Khen thưởng Trung ương"),
        ("Ban TĐKT TƯ", "Ban Thi đua - Khen thưởng Trung ương"),
        ("Bộ GD&ĐT", "Bộ Giáo dục và Đào tạo"),
        ("Bộ TT&TT", "Bộ Thông tin và Truyền thông"),
        ("NHNN", "Ngân hàng Nhà nước Việt Nam"),
        ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("Trung ương Đoàn TNCS Hồ Chí Minh", "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ];
    for (q, want) in cases {
        assert_eq!(canonicalize(q).as_deref(), Some(want), "{q}");
    }
    assert_eq!(canonicalize("Công ty TNHH Hải Đăng"), None);
    assert_eq!(canonicalize(""), None);
}

#[test]
fn successors_from_march_2025() {
    let cases = [
        ("Bộ Kế hoạch và Đầu tư", "Bộ Tài chính"),
        ("Bộ LĐTBXH", "Bộ Nội vụ"),
        ("Bộ Thông tin và Truyền thông", "Bộ Khoa học và Công nghệ"),
        ("Bộ Tài nguyên và Môi trường", "Bộ Nông nghiệp và Môi trường"),
        ("Bộ NN&PTNT", "Bộ Nông nghiệp và Môi trường"),
        ("Bộ GTVT", "Bộ Xây dựng"),
        ("Ủy ban Dân tộc", "Bộ Dân tộc và Tôn giáo"),
        ("Ban Tuyên giáo Trung ương", "Ban Tuyên giáo và Dân vận Trung ương"),
    ];
    for (q, want) in cases {
        assert_eq!(successor(q).as_deref(), Some(want), "{q}");
    }
    assert_eq!(successor("Bộ Nội vụ"), None);
    assert_eq!(successor("Bộ Xây dựng"), None);
}

#[test]
fn registry_covers_both_structures() {
    let ministries = entries().iter().filter(|e| e.kind == Kind::Ministry).count();
    // 14 ministries from 1 March 2025, plus the 6 of 2021-2025 merged away
    // (18 ministries then: 12 that continue + 6 merged)
    assert_eq!(ministries, 20);
    let ministry_level = entries().iter().filter(|e| e.kind == Kind::MinistryLevel).count();
    assert_eq!(ministry_level, 4, "Ủy ban Dân tộc, NHNN, Thanh tra Chính phủ, Văn phòng Chính phủ");
    let current: Vec<_> = entries().iter().filter(|e| e.kind == Kind::Ministry && e.successor.is_none()).collect();
    assert_eq!(current.len(), 14, "{:?}", current.iter().map(|e| &e.canonical).collect::<Vec<_>>());
}

#[test]
fn title_holders_stand_for_their_body() {
    let mut d = vanban::model::Document {
        text: "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Công Thương, Bộ trưởng Bộ Nội vụ chịu trách nhiệm thi hành Quyết định này./.\n".into(),
        ..Default::default()
    };
    vanban::extract::understand(&mut d);
    let t = d.tasks.iter().find(|t| !t.lead.is_empty()).expect("task");
    assert_eq!(t.lead, vec!["Văn phòng Ủy ban nhân dân tỉnh", "Sở Công Thương", "Bộ Nội vụ"]);
}
