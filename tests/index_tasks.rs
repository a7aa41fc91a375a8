//! `vanban tasks` over the hand-written fixtures.

#[path = "fixtures/index/common.rs"]
mod common;

use vanban::index::tasks::{tasks, Role, TaskFilter, TaskRow};

fn run(filter: TaskFilter) -> Vec<TaskRow> {
    let (_dir, ix) = common::index_of(&common::ALL);
    tasks(&ix, &filter, &common::registry()).expect("tasks")
}

fn agency(a: &str) -> TaskFilter {
    TaskFilter { agency: Some(a.into()), ..Default::default() }
}

fn ids(rows: &[TaskRow]) -> Vec<(String, String)> {
    rows.iter().map(|r| (r.unit.path.clone(), r.unit.task_id.clone().unwrap_or_default())).collect()
}

#[test]
fn any_spelling_gives_the_same_list() {
    let full = run(agency("Bộ Nội vụ"));
    assert_eq!(ids(&full), ids(&run(agency("BNV"))));
    assert_eq!(ids(&full), ids(&run(agency("bo noi vu"))));
    // Lead of two notice tasks, support of one plan task; Sở Nội vụ is another body.
    assert_eq!(full.len(), 3, "{:?}", ids(&full));
    assert!(full.iter().all(|r| !r.unit.lead.iter().any(|l| l == "Sở Nội vụ")));
}

#[test]
fn the_february_task_of_the_labour_ministry() {
    let rows = run(agency("Bộ Lao động - Thương binh và Xã hội"));
    assert_eq!(rows.len(), 1, "{:?}", ids(&rows));
    assert_eq!(rows[0].unit.due.as_deref(), Some("2024-02-29"));
    assert_eq!(rows[0].role, Some(Role::Lead));
    assert_eq!(ids(&rows), ids(&run(agency("Bộ LĐTBXH"))));
}

#[test]
fn roles_split_lead_from_support() {
    let lead = run(TaskFilter { role: Some(Role::Lead), ..agency("BNV") });
    let support = run(TaskFilter { role: Some(Role::Support), ..agency("BNV") });
    assert_eq!(lead.len(), 2);
    assert_eq!(support.len(), 1);
    assert!(support[0].unit.support.contains(&"Bộ Nội vụ".to_string()));
    assert_eq!(support[0].role, Some(Role::Support));
}

#[test]
fn sorted_by_due_date_with_undated_last() {
    let all = run(TaskFilter::default());
    let total: usize = common::ALL.iter().map(|n| common::fixture(n).tasks.len()).sum();
    assert_eq!(all.len(), total);
    let dues: Vec<Option<String>> = all.iter().map(|r| r.unit.due.clone()).collect();
    let first_none = dues.iter().position(Option::is_none).unwrap_or(dues.len());
    assert!(dues[first_none..].iter().all(Option::is_none), "{dues:?}");
    assert!(dues[..first_none].windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
}

#[test]
fn due_before_is_inclusive_and_overdue_is_strict() {
    let by = run(TaskFilter { due_before: Some("2024-03-31".into()), ..Default::default() });
    let dues: Vec<&str> = by.iter().filter_map(|r| r.unit.due.as_deref()).collect();
    assert_eq!(dues, ["2024-02-29", "2024-03-31", "2024-03-31"]);
    let overdue = run(TaskFilter { overdue_at: Some("2024-03-31".into()), ..Default::default() });
    assert_eq!(overdue.len(), 1);
    let (_dir, ix) = common::index_of(&["plan"]);
    let bad = TaskFilter { due_before: Some("31/3/2024".into()), ..Default::default() };
    assert!(tasks(&ix, &bad, &common::registry()).is_err());
}

#[test]
fn the_table_is_readable() {
    let rows = run(agency("BNV"));
    let table = vanban::index::tasks::render_table(&rows, 120);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), rows.len() + 2);
    assert!(lines[0].starts_with("due"));
    assert!(lines[1].starts_with("2024-02-29  lead"), "{}", lines[1]);
    assert!(lines.iter().all(|l| l.chars().count() <= 120), "{table}");
}
