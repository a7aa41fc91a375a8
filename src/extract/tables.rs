//! Tables that reach us as text: the appendix of a plan (`Phụ lục`) whose
//! rows hold a number, the content, a time, the lead unit and the
//! coordinating units. Each row with a lead unit becomes a task.
//!
//! Must never: take a body named inside the content cell for the lead
//! unit when a time cell or a trailing unit column says otherwise.

use std::sync::LazyLock;

use regex::Regex;

use super::agencies::{self, Kind};
use super::deadlines::{self, Anchor};
use super::lists::Lister;
use crate::model::Task;
use crate::segment::{squash, Layout};

static ROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\.?(?:\s+(\S.*))?$").unwrap_or_else(|_| unreachable!()));
static GROUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(I{1,3}|IV|V|VI{1,3}|IX|X|[A-D])[.]?\s+(\S.*)$").unwrap_or_else(|_| unreachable!()));

fn is_table_header(s: &str) -> bool {
    let f = crate::extract::agencies::fold_str(s);
    (f.contains("noi dung") || f.contains("nhiem vu") || f.contains("cong viec"))
        && (f.contains("chu tri") || f.contains("thoi gian") || f.contains("thuc hien") || f.contains("phoi hop"))
        && s.chars().count() <= 160
}

struct Row {
    label: String,
    /// Heading of the row's group (`Nhiệm vụ thực hiện trong quý I`).
    group: String,
    start: usize,
    end: usize,
    pieces: Vec<String>,
}

/// Splits one row's text into content, time cell, lead and support.
fn row_task(row: &Row, anchor: &Anchor) -> Option<Task> {
    let s = squash(&row.pieces.join(" "));
    let ms: Vec<agencies::Mention> = agencies::find(&s, 0, s.len());
    let mut lister = Lister::new(&s, &ms);
    lister.table = true;
    let bodies: Vec<&agencies::Mention> = ms.iter().filter(|m| m.kind != Kind::Title).collect();
    // 1. a time cell right before a body: content | time | lead | support
    for m in &bodies {
        let before = s[..m.start].trim_end();
        if let Some((cell_start, dl)) = deadlines::cell_at_end(before, anchor) {
            let (items, _) = lister.list_at(m.start, s.len());
            let Some((lead, support)) = items.split_first() else { continue };
            return Some(Task {
                text: s[..cell_start].trim().to_string(),
                lead: vec![lead.name.clone()],
                support: support.iter().map(|i| i.name.clone()).collect(),
                deadline: Some(dl),
                ..base(row)
            });
        }
    }
    // 2. the time cell last: content | lead | support | time
    let (s_units, last_cell) = match deadlines::cell_at_end(&s, anchor) {
        Some((cs, dl)) => (s[..cs].trim_end(), Some(dl)),
        None => (s.as_str(), None),
    };
    // 3. the unit columns are the list that runs to the end of the row
    for m in &bodies {
        if m.start >= s_units.len() {
            break;
        }
        let (items, end) = lister.list_at(m.start, s_units.len());
        if !items.is_empty() && s_units[end..].trim_matches(|c: char| c.is_whitespace() || ".;,".contains(c)).is_empty() {
            let (lead, support) = items.split_first()?;
            return Some(Task {
                text: s[..m.start].trim().to_string(),
                lead: vec![lead.name.clone()],
                support: support.iter().map(|i| i.name.clone()).collect(),
                // no time cell: the group's time (`Nhiệm vụ thực hiện trong quý I`)
                deadline: last_cell.clone().or_else(|| deadlines::find(&row.group, anchor)),
                ..base(row)
            });
        }
    }
    None
}

fn base(row: &Row) -> Task {
    Task { id: String::new(), section: Some(format!("Phụ lục.{}", row.label)), start: row.start, end: row.end, ..Task::default() }
}

/// Rows of the tables found in `text[from..to]`, as tasks.
pub fn table_tasks(text: &str, lay: &Layout, from: usize, to: usize, anchor: &Anchor) -> Vec<Task> {
    let mut out = Vec::new();
    let lines: Vec<usize> = (0..lay.lines.len()).filter(|&i| lay.lines[i].start >= from && lay.lines[i].end <= to).collect();
    let Some(h) = lines.iter().position(|&i| is_table_header(lay.text(text, i))) else { return out };
    let mut group = String::new();
    let mut group_text = String::new();
    let mut expected = 1u32;
    let mut cur: Option<Row> = None;
    let flush = |cur: &mut Option<Row>, out: &mut Vec<Task>| {
        if let Some(r) = cur.take() {
            if let Some(t) = row_task(&r, anchor) {
                if !t.text.is_empty() {
                    out.push(t);
                }
            }
        }
    };
    for &i in &lines[h + 1..] {
        let s = lay.text(text, i);
        if s.is_empty() || (lay.noise[i] && !s.chars().all(|c| c.is_ascii_digit())) {
            continue;
        }
        let l = lay.lines[i];
        if let Some(c) = ROW.captures(s) {
            let n: u32 = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
            if n == expected || (n == 1 && cur.is_some()) {
                flush(&mut cur, &mut out);
                expected = n + 1;
                let label = if group.is_empty() { n.to_string() } else { format!("{group}.{n}") };
                let rest = c.get(2).map(|m| m.as_str().to_string()).unwrap_or_default();
                cur = Some(Row { label, group: group_text.clone(), start: l.start, end: l.end, pieces: vec![rest] });
                continue;
            }
        }
        if let Some(c) = GROUP.captures(s) {
            flush(&mut cur, &mut out);
            group = c.get(1).map(|m| m.as_str().to_string()).unwrap_or_default();
            group_text = c.get(2).map(|m| m.as_str().to_string()).unwrap_or_default();
            expected = 1;
            continue;
        }
        if let Some(r) = cur.as_mut() {
            r.pieces.push(s.to_string());
            r.end = l.end;
        }
    }
    flush(&mut cur, &mut out);
    out
}
