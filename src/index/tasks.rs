//! The task register: every task clause of the index, filtered by agency
//! (any spelling, resolved through the injected registry), role and due
//! date, sorted by due date.
//!
//! Must never: lose a task without a due date (it sorts last), or match an
//! agency by substring (`Bộ Nội vụ` is not `Sở Nội vụ`).

use anyhow::anyhow;
use rayon::prelude::*;
use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

use super::agency::{query_names, AgencyResolver};
use super::schema::{day_number, KIND_TASK};
use super::search::day_range;
use super::{StoredUnit, VanIndex};

/// Which part an agency plays in a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Lead,
    Support,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Support => "support",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "lead" => Ok(Role::Lead),
            "support" => Ok(Role::Support),
            _ => Err(format!("{s:?}: expected `lead` or `support`")),
        }
    }
}

/// Filters of the register.
#[derive(Clone, Debug, Default)]
pub struct TaskFilter {
    pub agency: Option<String>,
    pub role: Option<Role>,
    /// Due on or before this day.
    pub due_before: Option<String>,
    /// Due strictly before this day (overdue at it).
    pub overdue_at: Option<String>,
}

/// One line of the register.
#[derive(Clone, Debug, Serialize)]
pub struct TaskRow {
    #[serde(flatten)]
    pub unit: StoredUnit,
    pub text: String,
    /// The asked agency's role in this task (when `--agency` was given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

fn term(field: tantivy::schema::Field, v: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, v), IndexRecordOption::Basic))
}

fn any_of(qs: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(qs.into_iter().map(|q| (Occur::Should, q)).collect()))
}

fn day(v: &str, flag: &str) -> anyhow::Result<u64> {
    day_number(v.trim()).ok_or_else(|| anyhow!("{flag} {v:?}: expected a date YYYY-MM-DD"))
}

/// Lists the tasks that pass `filter`, sorted by due date (none last), then
/// by document number and task id.
pub fn tasks(ix: &VanIndex, filter: &TaskFilter, resolver: &dyn AgencyResolver) -> anyhow::Result<Vec<TaskRow>> {
    let f = &ix.fields;
    let mut must: Vec<Box<dyn Query>> = vec![term(f.kind, KIND_TASK)];
    let names = match &filter.agency {
        Some(a) => Some(query_names(resolver, a, &ix.terms("agency")?)),
        None => None,
    };
    let roles: Vec<Role> = match filter.role {
        Some(r) => vec![r],
        None => vec![Role::Lead, Role::Support],
    };
    match &names {
        Some(names) => must.push(any_of(
            roles
                .iter()
                .flat_map(|r| names.iter().map(move |n| term(f.role, &format!("{}|{n}", r.as_str()))))
                .collect(),
        )),
        None if filter.role.is_some() => must.push(any_of(roles.iter().map(|r| term(f.role, r.as_str())).collect())),
        None => {}
    }
    let mut upper: Option<u64> = None;
    if let Some(d) = &filter.due_before {
        upper = Some(day(d, "--due-before")?);
    }
    if let Some(d) = &filter.overdue_at {
        let before = day(d, "--overdue-at")?.saturating_sub(1);
        upper = Some(upper.map_or(before, |u| u.min(before)));
    }
    if upper.is_some() {
        must.push(day_range(f.due_day, None, upper));
    }
    let q = BooleanQuery::new(must.into_iter().map(|q| (Occur::Must, q)).collect());
    let searcher = ix.searcher()?;
    let mut addrs: Vec<_> = searcher.search(&q, &DocSetCollector)?.into_iter().collect();
    addrs.sort();
    // Stored fields are read in parallel: a big register has thousands of rows.
    let units: Vec<StoredUnit> = addrs
        .par_iter()
        .map(|&addr| searcher.doc::<TantivyDocument>(addr).map(|doc| StoredUnit::from_doc(&doc, f)))
        .collect::<Result<_, _>>()?;
    let mut rows: Vec<TaskRow> = units
        .into_iter()
        .map(|unit| {
            let role = names.as_ref().and_then(|names| {
                let has = |r: Role| names.iter().any(|n| unit.roles.contains(&format!("{}|{n}", r.as_str())));
                [Role::Lead, Role::Support].into_iter().find(|r| has(*r))
            });
            TaskRow { text: unit.text.clone(), unit, role }
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |r: &TaskRow| (r.unit.due.is_none(), r.unit.due.clone(), r.unit.number.clone(), r.unit.path.clone());
        key(a).cmp(&key(b)).then_with(|| natural_task_order(&a.unit.task_id, &b.unit.task_id))
    });
    Ok(rows)
}

/// `t2` before `t10`.
fn natural_task_order(a: &Option<String>, b: &Option<String>) -> std::cmp::Ordering {
    let n = |s: &Option<String>| {
        let s = s.as_deref().unwrap_or("");
        (s.trim_start_matches(|c: char| !c.is_ascii_digit()).parse::<u64>().unwrap_or(u64::MAX), s.to_string())
    };
    n(a).cmp(&n(b))
}

fn cut(s: &str, width: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= width {
        return flat;
    }
    let mut out: String = flat.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The register as a table `width` columns wide.
pub fn render_table(rows: &[TaskRow], width: usize) -> String {
    let mut out = String::new();
    let head = ["due", "role", "number", "issued", "section", "lead", "task"];
    let fixed = [10, 7, 16, 10, 8, 28];
    let text_w = width.saturating_sub(fixed.iter().sum::<usize>() + fixed.len() * 2).max(20);
    let line = |cols: [String; 7]| {
        let mut l = String::new();
        for (i, c) in cols.iter().enumerate() {
            if i < fixed.len() {
                let c = cut(c, fixed[i]);
                l.push_str(&c);
                l.push_str(&" ".repeat(fixed[i] + 2 - c.chars().count()));
            } else {
                l.push_str(&cut(c, text_w));
            }
        }
        l.trim_end().to_string() + "\n"
    };
    out.push_str(&line(head.map(str::to_string)));
    for r in rows {
        let u = &r.unit;
        let dash = || "-".to_string();
        out.push_str(&line([
            u.due.clone().unwrap_or_else(dash),
            r.role.map(|x| x.as_str().to_string()).unwrap_or_else(dash),
            u.number.clone().unwrap_or_else(|| file_name(&u.path)),
            u.issued_date.clone().unwrap_or_else(dash),
            u.section.clone().unwrap_or_else(dash),
            if u.lead.is_empty() { dash() } else { u.lead.join("; ") },
            r.text.clone(),
        ]));
    }
    out.push_str(&format!("{} tasks\n", rows.len()));
    out
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.to_string())
}
