//! Deadline forms of the issue, resolved against the document's date or year.

use vanban::extract::deadlines::{find, Anchor};

fn due(s: &str, year: Option<i32>) -> (String, Option<String>) {
    let d = find(s, &Anchor { date: None, year }).unwrap_or_else(|| panic!("no deadline in {s:?}"));
    (d.kind, d.due)
}

fn due_dated(s: &str, date: &str) -> (String, Option<String>) {
    let year = date[..4].parse().ok();
    let d = find(s, &Anchor { date: Some(date.to_string()), year }).unwrap_or_else(|| panic!("no deadline in {s:?}"));
    (d.kind, d.due)
}

fn pair(k: &str, d: Option<&str>) -> (String, Option<String>) {
    (k.to_string(), d.map(str::to_string))
}

#[test]
fn date_form() {
    assert_eq!(due("hoàn thành trước ngày 30-3-2025.", None), pair("date", Some("2025-03-30")));
    assert_eq!(due("gửi báo cáo trước 15/10", Some(2024)), pair("date", Some("2024-10-15")));
    assert_eq!(due("chậm nhất ngày 05 tháng 6 năm 2024", None), pair("date", Some("2024-06-05")));
}

#[test]
fn month_form() {
    assert_eq!(due("tổ chức trong tháng 02 năm 2024.", None), pair("month", Some("2024-02-29")));
    assert_eq!(due("báo cáo trong tháng 10/2023", None), pair("month", Some("2023-10-31")));
}

#[test]
fn quarter_form() {
    assert_eq!(due("thực hiện trong quý III", Some(2024)), pair("quarter", Some("2024-09-30")));
    assert_eq!(due("hoàn thành quý I/2025", None), pair("quarter", Some("2025-03-31")));
}

#[test]
fn half_year_form() {
    assert_eq!(due("báo cáo sơ kết 6 tháng đầu năm", Some(2024)), pair("range", Some("2024-06-30")));
}

#[test]
fn year_and_range_forms() {
    assert_eq!(due("hoàn thành trong năm 2025.", None), pair("year", Some("2025-12-31")));
    assert_eq!(due("phấn đấu từ nay đến năm 2025", None), pair("range", Some("2025-12-31")));
    assert_eq!(due("triển khai giai đoạn 2023-2030", None), pair("range", Some("2030-12-31")));
}

#[test]
fn recurring_forms() {
    for s in ["lãnh đạo triển khai thực hiện thường xuyên.", "báo cáo hằng năm.", "kiểm tra định kỳ."] {
        assert_eq!(due(s, None), pair("recurring", None), "{s}");
    }
}

#[test]
fn relative_form() {
    assert_eq!(due_dated("báo cáo trong 15 ngày kể từ ngày ký", "2024-02-20"), pair("relative", Some("2024-03-06")));
}

#[test]
fn most_specific_wins_and_quotes_are_ignored() {
    assert_eq!(
        due("phát động Phong trào “Xóa nhà tạm” từ nay đến năm 2025, báo cáo trong tháng 10 năm 2023.", None),
        pair("month", Some("2023-10-31"))
    );
    assert!(find("Giao Bộ Tài chính sử dụng kinh phí cho Phong trào “Xóa nhà tạm, nhà dột nát đến năm 2025”.", &Anchor::default()).is_none());
    assert!(find("văn bản thi hành Luật Thi đua, khen thưởng năm 2022 nhằm nâng cao hiệu quả", &Anchor { date: None, year: Some(2024) }).is_none());
}

#[test]
fn month_cells_of_a_table() {
    let a = Anchor { date: None, year: Some(2024) };
    let (_, d) = vanban::extract::deadlines::cell_at_end("Kế hoạch tổng kết 01/2024", &a).expect("cell");
    assert_eq!(d.due.as_deref(), Some("2024-01-31"));
    let (_, d) = vanban::extract::deadlines::cell_at_end("Phát động cuộc thi 5/2024", &a).expect("cell");
    assert_eq!(d.due.as_deref(), Some("2024-05-31"));
    let (_, d) = vanban::extract::deadlines::cell_at_end("Tổ chức lớp tập huấn Trong quý III", &a).expect("cell");
    assert_eq!(d.due.as_deref(), Some("2024-09-30"));
}

#[test]
fn periodic_or_regular_inspection_is_recurring() {
    assert_eq!(due("phối hợp kiểm tra, giám sát định kỳ hoặc thường xuyên trong quá trình triển khai", Some(2026)), pair("recurring", None));
    assert_eq!(due("kiểm tra định kỳ và đột xuất việc chấp hành quy định", Some(2026)), pair("recurring", None));
}
