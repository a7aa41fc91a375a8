//! Appendix tables that reach us as text: rows recovered as tasks with the
//! time cell as deadline, the lead unit and the coordinating units.

use vanban::model::Document;

mod common;
use common::run;

const PLAN: &str = include_str!("fixtures/plan_with_appendix.txt");

#[test]
fn appendix_rows_become_tasks() {
    let d = run(PLAN);
    let rows: Vec<_> = d.tasks.iter().filter(|t| t.section.as_deref().is_some_and(|s| s.starts_with("Phụ lục"))).collect();
    assert_eq!(rows.len(), 5, "{rows:#?}");
    let first = rows[0];
    assert!(first.text.starts_with("Kế hoạch tổng kết phong trào thi đua"), "{}", first.text);
    assert_eq!(first.lead, vec!["Sở Nội vụ"]);
    assert_eq!(first.deadline.as_ref().and_then(|d| d.due.as_deref()), Some("2024-01-31"));
    assert_eq!(first.section.as_deref(), Some("Phụ lục.I.1"));

    let second = rows[1];
    assert_eq!(second.support, vec!["Văn phòng Ủy ban nhân dân tỉnh"]);
    // a body named inside the content cell is not the lead unit
    let third = rows[2];
    assert_eq!(third.lead, vec!["Sở Nội vụ"]);
    assert_eq!(third.deadline.as_ref().and_then(|d| d.due.as_deref()), Some("2024-09-30"));
    // no time cell: the group's time applies
    let fourth = rows[3];
    assert_eq!(fourth.lead, vec!["Sở Nội vụ"]);
    assert_eq!(fourth.deadline.as_ref().and_then(|d| d.due.as_deref()), Some("2024-09-30"));
    assert_eq!(rows[4].deadline.as_ref().map(|d| d.kind.as_str()), Some("recurring"));
    // table rows are not sections
    assert!(d.sections.iter().all(|s| !s.heading.starts_with("Nhiệm vụ thực hiện")));
}

#[test]
fn time_column_after_the_units() {
    let text = "KẾ HOẠCH\nThực hiện năm 2025\n\nI. NHIỆM VỤ\n\n1. Tuyên truyền.\n\nPhụ lục\n\nSTT Nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành\n1 Xây dựng kế hoạch tuyên truyền Sở Văn hóa, Thể thao và Du lịch Sở Nội vụ Quý II/2025\n2 Tổng kết phong trào thi đua Sở Nội vụ Các sở, ngành Tháng 12/2025\n";
    let mut d = Document { text: text.to_string(), ..Default::default() };
    vanban::extract::understand(&mut d);
    let rows: Vec<_> = d.tasks.iter().filter(|t| t.section.as_deref().is_some_and(|s| s.starts_with("Phụ lục"))).collect();
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert_eq!(rows[0].lead, vec!["Sở Văn hóa, Thể thao và Du lịch"]);
    assert_eq!(rows[0].support, vec!["Sở Nội vụ"]);
    assert_eq!(rows[0].deadline.as_ref().and_then(|d| d.due.as_deref()), Some("2025-06-30"));
    assert_eq!(rows[1].text, "Tổng kết phong trào thi đua");
    assert_eq!(rows[1].deadline.as_ref().and_then(|d| d.due.as_deref()), Some("2025-12-31"));
}
