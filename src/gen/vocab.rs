//! Word lists the corpus generator draws from: agencies as documents write
//! them (full names, abbreviations, capitals in headers), provinces, topics,
//! actions and the prose that surrounds task clauses.
//!
//! Must never: hold an expected answer the extractor could look up; these are
//! only the raw materials of generated text.

/// A ministry-level body: (full name, header in capitals, number suffix, ways it is written in a clause).
pub struct Ministry {
    pub name: &'static str,
    pub header: &'static str,
    pub code: &'static str,
    pub spellings: &'static [&'static str],
}

pub const MINISTRIES: &[Ministry] = &[
    Ministry { name: "Bộ Nội vụ", header: "BỘ NỘI VỤ", code: "BNV", spellings: &["Bộ Nội vụ", "Bộ Nội vụ"] },
    Ministry { name: "Bộ Tài chính", header: "BỘ TÀI CHÍNH", code: "BTC", spellings: &["Bộ Tài chính"] },
    Ministry { name: "Bộ Công an", header: "BỘ CÔNG AN", code: "BCA", spellings: &["Bộ Công an"] },
    Ministry { name: "Bộ Tư pháp", header: "BỘ TƯ PHÁP", code: "BTP", spellings: &["Bộ Tư pháp"] },
    Ministry { name: "Bộ Y tế", header: "BỘ Y TẾ", code: "BYT", spellings: &["Bộ Y tế"] },
    Ministry { name: "Bộ Xây dựng", header: "BỘ XÂY DỰNG", code: "BXD", spellings: &["Bộ Xây dựng"] },
    Ministry { name: "Bộ Công Thương", header: "BỘ CÔNG THƯƠNG", code: "BCT", spellings: &["Bộ Công Thương"] },
    Ministry {
        name: "Bộ Giáo dục và Đào tạo",
        header: "BỘ GIÁO DỤC VÀ ĐÀO TẠO",
        code: "BGDĐT",
        spellings: &["Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT"],
    },
    Ministry {
        name: "Bộ Khoa học và Công nghệ",
        header: "BỘ KHOA HỌC VÀ CÔNG NGHỆ",
        code: "BKHCN",
        spellings: &["Bộ Khoa học và Công nghệ", "Bộ KH&CN"],
    },
    Ministry {
        name: "Bộ Văn hóa, Thể thao và Du lịch",
        header: "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        code: "BVHTTDL",
        spellings: &["Bộ Văn hóa, Thể thao và Du lịch", "Bộ VHTTDL"],
    },
    Ministry {
        name: "Bộ Lao động - Thương binh và Xã hội",
        header: "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        code: "BLĐTBXH",
        spellings: &["Bộ Lao động - Thương binh và Xã hội", "Bộ LĐTBXH"],
    },
    Ministry {
        name: "Bộ Nông nghiệp và Môi trường",
        header: "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        code: "BNNMT",
        spellings: &["Bộ Nông nghiệp và Môi trường", "Bộ NN&MT"],
    },
    Ministry { name: "Bộ Ngoại giao", header: "BỘ NGOẠI GIAO", code: "BNG", spellings: &["Bộ Ngoại giao"] },
    Ministry { name: "Bộ Quốc phòng", header: "BỘ QUỐC PHÒNG", code: "BQP", spellings: &["Bộ Quốc phòng"] },
];

/// Central bodies named as support in notices.
pub const CENTRAL_SUPPORT: &[&str] = &[
    "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
    "Văn phòng Chính phủ",
    "Ngân hàng Nhà nước Việt Nam",
    "Thanh tra Chính phủ",
    "Đài Truyền hình Việt Nam",
    "Thông tấn xã Việt Nam",
];

/// Generic groups, kept as written.
pub const GROUPS: &[&str] = &[
    "các bộ, ngành, địa phương",
    "các cơ quan, đơn vị liên quan",
    "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
    "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
];

pub const PROVINCES: &[&str] = &[
    "Hà Giang", "Cao Bằng", "Lạng Sơn", "Tuyên Quang", "Thái Nguyên", "Phú Thọ", "Bắc Giang", "Quảng Ninh",
    "Bắc Ninh", "Hải Dương", "Hưng Yên", "Thái Bình", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên",
    "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng",
    "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh",
    "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
];

pub const DISTRICT_KIND: &[&str] = &["huyện", "thị xã", "thành phố"];
pub const DISTRICTS: &[&str] = &[
    "Yên Thành", "Diễn Châu", "Quỳnh Lưu", "Thạch Hà", "Cẩm Xuyên", "Đức Thọ", "Hương Sơn", "Triệu Phong",
    "Hải Lăng", "Phong Điền", "Quế Sơn", "Tư Nghĩa", "Phù Cát", "Tuy An", "Ninh Hòa", "Đức Trọng", "Chợ Mới",
    "Tam Nông", "Cái Nước", "Long Phú", "Mỹ Xuyên", "Gò Công", "Châu Thành", "Tân Hiệp", "Bình Minh",
];

/// Provincial bodies: (full name, ways it is written).
pub const DEPARTMENTS: &[(&str, &[&str])] = &[
    ("Sở Nội vụ", &["Sở Nội vụ"]),
    ("Sở Tài chính", &["Sở Tài chính"]),
    ("Sở Công Thương", &["Sở Công Thương"]),
    ("Sở Xây dựng", &["Sở Xây dựng"]),
    ("Sở Y tế", &["Sở Y tế"]),
    ("Sở Tư pháp", &["Sở Tư pháp"]),
    ("Sở Giáo dục và Đào tạo", &["Sở Giáo dục và Đào tạo", "Sở GD&ĐT"]),
    ("Sở Nông nghiệp và Môi trường", &["Sở Nông nghiệp và Môi trường", "Sở NN&MT"]),
    ("Sở Khoa học và Công nghệ", &["Sở Khoa học và Công nghệ", "Sở KH&CN"]),
    ("Công an tỉnh", &["Công an tỉnh"]),
    ("Văn phòng Ủy ban nhân dân tỉnh", &["Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"]),
];

pub const PROVINCE_GROUPS: &[&str] = &[
    "các sở, ban, ngành, đoàn thể tỉnh",
    "Ủy ban nhân dân các huyện, thị xã, thành phố",
    "các cơ quan, đơn vị, địa phương",
];

/// Number suffixes of a provincial office's departments (`512/UBND-NC`).
pub const UBND_DESKS: &[&str] = &["NC", "KT", "VX", "TH", "NV", "CN", "NN", "XD"];
/// Desks of the Government Office (`59/TB-VPCP` is signed for them; `3722/VPCP-CN`).
pub const VPCP_DESKS: &[&str] = &["KGVX", "CN", "NN", "KTTH", "QHĐP", "PL", "V.I"];

pub const SURNAMES: &[&str] = &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"];
pub const MIDDLE: &[&str] = &["Văn", "Thị", "Đức", "Minh", "Hữu", "Thanh", "Quốc", "Ngọc", "Xuân", "Hồng"];
pub const GIVEN: &[&str] = &["Sơn", "Hùng", "Hà", "Lan", "Tuấn", "Dũng", "Hải", "Long", "Nam", "Bình", "Thành", "Phương", "Trà", "Chiến", "Khải", "Tuy"];

/// (topic as a subject, topic as a noun phrase in prose).
pub const TOPICS: &[(&str, &str)] = &[
    ("công tác thi đua, khen thưởng", "công tác thi đua, khen thưởng"),
    ("chuyển đổi số quốc gia", "chuyển đổi số, phát triển chính phủ số"),
    ("phòng, chống thiên tai và tìm kiếm cứu nạn", "phòng, chống thiên tai"),
    ("cải cách thủ tục hành chính", "cải cách thủ tục hành chính, nâng cao chỉ số hài lòng của người dân"),
    ("xây dựng nông thôn mới", "xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu"),
    ("bảo đảm trật tự, an toàn giao thông", "bảo đảm trật tự, an toàn giao thông"),
    ("giảm nghèo bền vững", "giảm nghèo bền vững, hỗ trợ hộ nghèo, hộ cận nghèo"),
    ("xóa nhà tạm, nhà dột nát", "xóa nhà tạm, nhà dột nát trên địa bàn"),
    ("phát triển nhà ở xã hội", "phát triển nhà ở xã hội, nhà ở cho công nhân"),
    ("giải ngân vốn đầu tư công", "giải ngân vốn đầu tư công"),
    ("phòng, chống dịch bệnh", "phòng, chống dịch bệnh, bảo đảm an toàn thực phẩm"),
    ("đổi mới sáng tạo và khởi nghiệp", "đổi mới sáng tạo, hỗ trợ khởi nghiệp"),
];

/// What a task asks, as a verb phrase; `{t}` stands for the topic.
pub const ACTIONS: &[&str] = &[
    "rà soát, hoàn thiện các văn bản quy phạm pháp luật về {t}",
    "xây dựng kế hoạch triển khai thực hiện {t}",
    "tổ chức sơ kết, đánh giá kết quả thực hiện {t}",
    "hướng dẫn các địa phương triển khai {t}",
    "bố trí kinh phí thực hiện {t} theo quy định",
    "đẩy mạnh công tác tuyên truyền, phổ biến về {t}",
    "kiểm tra, giám sát việc thực hiện {t}",
    "tổng hợp, báo cáo kết quả thực hiện {t}",
    "nghiên cứu, đề xuất cơ chế, chính sách về {t}",
    "xây dựng cơ sở dữ liệu phục vụ {t}",
    "tổ chức tập huấn, bồi dưỡng cán bộ làm công tác {t}",
    "đôn đốc, theo dõi tiến độ thực hiện {t}",
];

/// Sentences of the assessment part (no task in them); `{t}` is the topic.
pub const PROSE: &[&str] = &[
    "Trong thời gian qua, {t} đã đạt được nhiều kết quả quan trọng, góp phần thực hiện thắng lợi các mục tiêu phát triển kinh tế - xã hội.",
    "Tuy nhiên, việc triển khai {t} ở một số nơi còn chậm, chưa đồng bộ, hiệu quả chưa cao.",
    "Công tác phối hợp giữa các cơ quan trong {t} có lúc chưa chặt chẽ, thông tin báo cáo chưa kịp thời.",
    "Nguồn lực bố trí cho {t} còn hạn chế, chưa đáp ứng yêu cầu trong tình hình mới.",
    "Nhiều mô hình hay, cách làm sáng tạo trong {t} đã được nhân rộng, tạo sức lan tỏa trong xã hội.",
    "Nhận thức của một bộ phận cán bộ, công chức về {t} chưa đầy đủ, còn tâm lý trông chờ, ỷ lại.",
    "Kết quả {t} năm qua là nền tảng quan trọng để tiếp tục triển khai các nhiệm vụ trong giai đoạn tới.",
    "Các chỉ tiêu cơ bản về {t} đều đạt và vượt kế hoạch đề ra, được Nhân dân đồng tình, ủng hộ.",
    "Việc ứng dụng công nghệ thông tin trong {t} bước đầu mang lại hiệu quả thiết thực.",
    "Công tác kiểm tra, giám sát {t} được tăng cường, kịp thời phát hiện và chấn chỉnh những tồn tại, hạn chế.",
];

pub const ROMAN: &[&str] = &["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
pub const QUARTERS: &[&str] = &["I", "II", "III", "IV"];

/// Pieces of assessment sentences: opener, predicate, tail. Combined with
/// the topic and figures they give thousands of distinct sentences.
pub const OPENERS: &[&str] = &[
    "Trong năm {y},", "Thời gian qua,", "Từ đầu năm đến nay,", "Trong giai đoạn {y0}-{y},", "Qua {k} năm triển khai,",
    "Tại nhiều địa phương,", "Nhìn chung,", "Bên cạnh những kết quả đạt được,", "Theo báo cáo của các cơ quan,", "Đến hết quý {q},",
    "Trên địa bàn,", "Ở cấp cơ sở,",
];
pub const PREDICATES: &[&str] = &[
    "công tác {t} tiếp tục được quan tâm chỉ đạo",
    "việc triển khai {t} còn chậm, chưa đồng bộ",
    "các chỉ tiêu về {t} đạt {p}% kế hoạch năm",
    "đã có {n} đơn vị hoàn thành các nhiệm vụ về {t}",
    "kinh phí bố trí cho {t} đạt {m} triệu đồng",
    "nhiều mô hình hay trong {t} được nhân rộng",
    "công tác phối hợp trong {t} có lúc chưa chặt chẽ",
    "tỷ lệ hồ sơ về {t} được giải quyết đúng hạn đạt {p}%",
    "đã tổ chức {n} hội nghị, lớp tập huấn về {t}",
    "nhận thức của cán bộ, công chức về {t} có chuyển biến rõ nét",
    "nguồn lực cho {t} còn hạn chế",
    "có {n} tập thể, cá nhân được biểu dương vì thành tích trong {t}",
    "việc ứng dụng công nghệ thông tin trong {t} mang lại hiệu quả thiết thực",
    "công tác kiểm tra, giám sát {t} được tăng cường",
    "một số chỉ tiêu về {t} chưa đạt yêu cầu đề ra",
];
pub const TAILS: &[&str] = &[
    ", góp phần thực hiện thắng lợi các mục tiêu phát triển kinh tế - xã hội.",
    ", được Nhân dân đồng tình, ủng hộ.",
    ", tuy nhiên kết quả chưa đồng đều giữa các địa phương.",
    "; nguyên nhân chủ yếu là do công tác chỉ đạo, điều hành chưa quyết liệt.",
    ", tạo sức lan tỏa mạnh mẽ trong xã hội.",
    ", chưa đáp ứng yêu cầu trong tình hình mới.",
    ", tăng {p}% so với cùng kỳ năm trước.",
    ", là nền tảng quan trọng cho giai đoạn tiếp theo.",
    ".",
    ", cần tiếp tục được quan tâm trong thời gian tới.",
];
