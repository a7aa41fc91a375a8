//! Clauses: the units trace aligns. A document's clauses are its task
//! clauses plus the numbered items of its action part (the top-level part
//! that holds its tasks) that carry text of their own: a notice often
//! words a duty as a plain numbered item with no agency named.
//!
//! Must never: count the same words twice (task text is cut out of the item
//! that encloses it).

use serde::Serialize;

use crate::model::Document;

/// Fewer words than this and an item is only a heading (twice as many
/// around tasks: then the rest is their lead-in).
const MIN_WORDS: usize = 8;

/// One alignable piece of a document.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Clause {
    /// Task id (`t3`) or `§` + section path for an item that is no task.
    pub id: String,
    pub section: Option<String>,
    pub text: String,
    /// True for an extracted task, false for a numbered item.
    pub task: bool,
}

/// Byte offsets of the chars of `s`, plus `s.len()` at the end: char offset
/// `i` of the model is byte `table[i.min(len)]`.
fn char_table(s: &str) -> Vec<usize> {
    s.char_indices().map(|(b, _)| b).chain(std::iter::once(s.len())).collect()
}

fn byte_at(table: &[usize], i: usize) -> usize {
    table.get(i).or(table.last()).copied().unwrap_or(0)
}

fn top(path: &str) -> &str {
    path.split('.').next().unwrap_or(path)
}

/// The clauses of `doc`, in text order.
pub fn clauses(doc: &Document) -> Vec<Clause> {
    let mut out: Vec<(usize, Clause)> = doc
        .tasks
        .iter()
        .map(|t| {
            let clause =
                Clause { id: t.id.clone(), section: t.section.clone(), text: squash(&t.text), task: true };
            (t.start, clause)
        })
        .collect();
    // The action part: the roman-numbered parts holding tasks (a document
    // without roman parts is all one part).
    let has_parts = doc.sections.iter().any(|s| is_roman(top(&s.path)));
    let table = char_table(&doc.text);
    let action: Vec<&str> = doc.tasks.iter().filter_map(|t| t.section.as_deref()).map(top).collect();
    for (i, s) in doc.sections.iter().enumerate() {
        if has_parts && !action.is_empty() && !action.contains(&top(&s.path)) {
            continue;
        }
        // Own text: up to the first nested item.
        let first_child = doc.sections[i + 1..]
            .iter()
            .find(|c| c.start >= s.start && c.start < s.end && c.path.starts_with(&format!("{}.", s.path)));
        let own_end = first_child.map_or(s.end, |c| c.start);
        let mut spans: Vec<(usize, usize)> = vec![(s.start, own_end)].into_iter().filter(|(a, b)| b > a).collect();
        for t in &doc.tasks {
            spans = spans
                .into_iter()
                .flat_map(|(a, b)| {
                    if t.end <= a || t.start >= b {
                        vec![(a, b)]
                    } else {
                        vec![(a, t.start.max(a)), (t.end.min(b), b)]
                    }
                })
                .filter(|(a, b)| b > a)
                .collect();
        }
        let text: String = spans
            .iter()
            .map(|&(a, b)| &doc.text[byte_at(&table, a)..byte_at(&table, b)])
            .collect::<Vec<_>>()
            .join(" ");
        let text = squash(&text);
        // Around tasks, a short remainder is only their lead-in.
        let holds_tasks = spans.len() > 1 || doc.tasks.iter().any(|t| t.start >= s.start && t.start < own_end);
        // `... các nhiệm vụ sau đây:` above nested items only announces them.
        if (first_child.is_some() || holds_tasks) && text.ends_with(':') {
            continue;
        }
        let min = if holds_tasks || first_child.is_some() { 2 * MIN_WORDS } else { MIN_WORDS };
        if text.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count() >= min {
            out.push((s.start, Clause { id: format!("§{}", s.path), section: Some(s.path.clone()), text, task: false }));
        }
    }
    out.retain(|(_, c)| !is_closing_formula(&c.text));
    out.sort_by_key(|(start, _)| *start);
    out.into_iter().map(|(_, c)| c).collect()
}

/// Closing formulas ask nobody to do anything: `... thông báo để các cơ
/// quan biết, thực hiện./.` (notify so that they know and act), `Trên đây là
/// Kế hoạch ...` (the above is the plan).
const CLOSING_CONTAINS: [&str; 4] = ["biet, thuc hien", "biet va thuc hien", "biet, phoi hop thuc hien", "biet de thuc hien"];
const CLOSING_STARTS: [&str; 1] = ["tren day la"];

fn is_closing_formula(text: &str) -> bool {
    let folded = crate::text::fold(text);
    let body = folded.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    CLOSING_STARTS.iter().any(|p| body.starts_with(p)) || CLOSING_CONTAINS.iter().any(|p| folded.contains(p))
}

fn is_roman(label: &str) -> bool {
    !label.is_empty() && label.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

/// Whitespace runs become one space; ends trimmed.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Section, Task};

    #[test]
    fn items_of_the_action_part_become_clauses_without_their_tasks() {
        let text = "I. Kết quả năm qua rất tốt và đạt nhiều thành tích lớn lao trong mọi lĩnh vực.\nII. Nhiệm vụ\n1. Bám sát chủ đề điều hành của Chính phủ, triển khai đồng bộ các nhiệm vụ.\n2. Phát động phong trào. Giao Bộ Nội vụ tổng kết ngay.\n";
        let pos = |needle: &str| text[..text.find(needle).unwrap_or(0)].chars().count();
        let sec = |path: &str, from: &str, to: Option<&str>| Section {
            path: path.into(),
            heading: String::new(),
            start: pos(from),
            end: to.map_or(text.chars().count(), pos),
        };
        let task_start = pos("Giao Bộ");
        let doc = Document {
            text: text.into(),
            sections: vec![
                sec("I", "I. Kết", Some("II.")),
                sec("II", "II.", None),
                sec("II.1", "1. Bám", Some("2. Phát")),
                sec("II.2", "2. Phát", None),
            ],
            tasks: vec![Task {
                id: "t1".into(),
                section: Some("II.2".into()),
                text: "Giao Bộ Nội vụ tổng kết ngay.".into(),
                start: task_start,
                end: task_start + "Giao Bộ Nội vụ tổng kết ngay.".chars().count(),
                ..Task::default()
            }],
            ..Document::default()
        };
        let ids: Vec<String> = clauses(&doc).into_iter().map(|c| c.id).collect();
        // I is outside the action part; II is a heading; II.2 without its task is too short.
        assert_eq!(ids, ["§II.1", "t1"]);
    }

    #[test]
    fn closing_formulas_are_no_clauses() {
        assert!(is_closing_formula("7. Văn phòng Chính phủ xin thông báo để các bộ, cơ quan biết, thực hiện./."));
        assert!(is_closing_formula("Trên đây là Kế hoạch triển khai thực hiện; nếu có khó khăn, báo cáo."));
        assert!(!is_closing_formula("Giao Bộ Nội vụ tổng kết, báo cáo Thủ tướng Chính phủ trước ngày 30/6."));
    }
}
