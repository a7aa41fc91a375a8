//! Robustness: understanding never panics, whatever slice of a real
//! document (or odd input) it gets, and offsets stay inside the text.

use vanban::model::Document;

fn check(text: &str) {
    let mut d = Document { text: text.to_string(), ..Default::default() };
    vanban::extract::understand(&mut d);
    let n = text.chars().count();
    for t in &d.tasks {
        assert!(t.start <= t.end && t.end <= n, "task offsets {}..{} of {n}", t.start, t.end);
    }
    for s in &d.sections {
        assert!(s.start <= s.end && s.end <= n, "section offsets");
    }
}

#[test]
fn slices_of_the_seeds() {
    for name in ["000_a6bdfd983b772ce4.txt", "002_113c8654baf53291.txt", "003_ab9f4c99556e224b.txt", "004_2ece6abe5734d57c.txt"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(name);
        let text = std::fs::read_to_string(path).expect("seed");
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(211).collect();
        for &c in &cuts {
            check(&text[..c]);
            check(&text[c..]);
        }
    }
}

#[test]
fn odd_inputs() {
    for s in [
        "", "\n", "   \n\n  ", "Số:", "Số: 12/", "Giao", "Giao ", "Đề nghị các", "các", "- ", "* ", "1.", "I.", "Điều",
        "Nơi nhận:", "TM.", "Phụ lục\nTT NỘI DUNG THỜI GIAN CHỦ TRÌ\n1\n", "Hà Nội, ngày 31 tháng 02 năm 2024",
        "trước ngày 99-99-2024", "quý V", "“không đóng", "''", "Bộ:", "các Bộ: ,", "Ủy ban nhân dân tỉnh", "\u{a0}\u{a0}",
        "Giao các Bộ: Công an,", "phối hợp với", "41-\n\nCT/", "59/TB-\n", "ÐÐÐ", "a)\nb)\n(1)", "\r\n\r\nI. A\r\n1. B\r\n",
    ] {
        check(s);
    }
}

#[test]
fn offsets_are_character_offsets() {
    let text = "Ủy ban nhân dân tỉnh.\n\n1. Giao Sở Nội vụ chủ trì tổng kết công tác năm.\n";
    let mut d = Document { text: text.to_string(), ..Default::default() };
    vanban::extract::understand(&mut d);
    let t = d.tasks.iter().find(|t| t.lead == vec!["Sở Nội vụ"]).expect("task");
    let got: String = text.chars().skip(t.start).take(t.end - t.start).collect();
    assert!(got.starts_with("Giao Sở Nội vụ"), "{got:?}");
    let s = &d.sections[0];
    let sec: String = text.chars().skip(s.start).take(4).collect();
    assert_eq!(sec, "1. G");
}
