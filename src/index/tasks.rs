//! The task register: every task clause of the index, filtered by agency
//! (any spelling, resolved through the injected registry), role and due
//! date, sorted by due date. The order and the page are computed from fast
//! fields in the collector, so only the rows shown are read from the store.
//!
//! Must never: lose a task without a due date (it sorts last), or match an
//! agency by substring (`Bộ Nội vụ` is not `Sở Nội vụ`).

use std::collections::HashMap;

use anyhow::anyhow;
use rayon::prelude::*;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, Term};

use super::agency::AgencyResolver;
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
    /// The first rows only (`None`: the whole register).
    pub limit: Option<usize>,
}

/// A page of the register: its first rows and how many tasks pass the filter.
#[derive(Clone, Debug)]
pub struct TaskPage {
    pub rows: Vec<TaskRow>,
    pub total: usize,
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
/// by document number, file and task id.
pub fn tasks(ix: &VanIndex, filter: &TaskFilter, resolver: &dyn AgencyResolver) -> anyhow::Result<Vec<TaskRow>> {
    Ok(tasks_page(ix, filter, resolver)?.rows)
}

/// [`tasks`] with the number of tasks that pass the filter (more than the
/// rows when `filter.limit` cut the list).
pub fn tasks_page(ix: &VanIndex, filter: &TaskFilter, resolver: &dyn AgencyResolver) -> anyhow::Result<TaskPage> {
    let f = &ix.fields;
    let mut must: Vec<Box<dyn Query>> = vec![term(f.kind, KIND_TASK)];
    let names = match &filter.agency {
        Some(a) => Some(ix.agency_names(resolver, a)?),
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
    let (total, order) = searcher.search(&q, &RegisterOrder { limit: filter.limit.unwrap_or(usize::MAX) })?;
    // Stored fields are read for the rows shown only, in parallel and in
    // index order (neighbouring rows share a compressed block, which the
    // store's cache then decompresses once), then put back in register order.
    let mut by_addr: Vec<usize> = (0..order.len()).collect();
    by_addr.sort_unstable_by_key(|&i| order[i].addr);
    let read: Vec<StoredUnit> = by_addr
        .par_iter()
        .map(|&i| ix.unit(&searcher, order[i].addr))
        .collect::<Result<_, _>>()?;
    let mut slots: Vec<Option<StoredUnit>> = vec![None; order.len()];
    for (i, unit) in by_addr.into_iter().zip(read) {
        slots[i] = Some(unit);
    }
    let units: Vec<StoredUnit> = slots.into_iter().flatten().collect();
    let rows = units
        .into_iter()
        .map(|unit| {
            let role = names.as_ref().and_then(|names| {
                let has = |r: Role| names.iter().any(|n| unit.roles.contains(&format!("{}|{n}", r.as_str())));
                [Role::Lead, Role::Support].into_iter().find(|r| has(*r))
            });
            TaskRow { text: unit.text.clone(), unit, role }
        })
        .collect();
    Ok(TaskPage { rows, total })
}

/// Where a task sorts in the register: due day (none last), document
/// number (none first), file key, task number.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct SortKey {
    due: u64,
    number: Option<String>,
    key: String,
    seq: u64,
    addr: DocAddress,
}

/// Collects the first `limit` tasks in register order and counts them all,
/// from fast fields: strings are compared by their per-segment ordinals
/// (ordinals follow the byte order) and looked up only for the kept rows.
struct RegisterOrder {
    limit: usize,
}

struct SegmentOrder {
    segment: SegmentOrdinal,
    limit: usize,
    due: Column<u64>,
    seq: Column<u64>,
    number: Option<StrColumn>,
    key: Option<StrColumn>,
    /// (due, number ordinal, key ordinal, seq, doc)
    rows: Vec<(u64, Option<u64>, u64, u64, DocId)>,
}

fn first_ord(col: &Option<StrColumn>, doc: DocId) -> Option<u64> {
    col.as_ref().and_then(|c| c.term_ords(doc).next())
}

/// The strings of the ordinals `ords` of `col`, looked up in one sorted pass.
fn ord_strs(col: &Option<StrColumn>, ords: impl Iterator<Item = u64>) -> HashMap<u64, String> {
    let mut wanted: Vec<u64> = ords.collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut out = HashMap::with_capacity(wanted.len());
    let Some(col) = col else { return out };
    let mut next = wanted.iter();
    // An unreadable dictionary leaves the strings out: the rows still sort by due day.
    let _ = col.dictionary().sorted_ords_to_term_cb(wanted.iter().copied(), |bytes| {
        if let Some(&ord) = next.next() {
            out.insert(ord, String::from_utf8_lossy(bytes).into_owned());
        }
        Ok(())
    });
    out
}

impl Collector for RegisterOrder {
    type Fruit = (usize, Vec<SortKey>);
    type Child = SegmentOrder;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentOrder> {
        let ff = reader.fast_fields();
        Ok(SegmentOrder {
            segment,
            limit: self.limit,
            due: ff.u64("due_day")?,
            seq: ff.u64("task_seq")?,
            number: ff.str("number")?,
            key: ff.str("key")?,
            rows: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(usize, Vec<SortKey>)>) -> tantivy::Result<(usize, Vec<SortKey>)> {
        let total = fruits.iter().map(|f| f.0).sum();
        let mut all: Vec<SortKey> = fruits.into_iter().flat_map(|f| f.1).collect();
        all.sort_unstable();
        all.truncate(self.limit);
        Ok((total, all))
    }
}

impl SegmentCollector for SegmentOrder {
    type Fruit = (usize, Vec<SortKey>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        let due = self.due.first(doc).unwrap_or(u64::MAX);
        let seq = self.seq.first(doc).unwrap_or(u64::MAX);
        let key = first_ord(&self.key, doc).unwrap_or(u64::MAX);
        self.rows.push((due, first_ord(&self.number, doc), key, seq, doc));
    }

    fn harvest(mut self) -> (usize, Vec<SortKey>) {
        let total = self.rows.len();
        // The segment's limit is the collector's: the rows past it cannot make the page.
        let limit = self.rows.len().min(self.limit);
        if limit < self.rows.len() {
            self.rows.select_nth_unstable(limit);
            self.rows.truncate(limit);
        }
        self.rows.sort_unstable();
        let numbers = ord_strs(&self.number, self.rows.iter().filter_map(|r| r.1));
        let keys = ord_strs(&self.key, self.rows.iter().map(|r| r.2));
        let keys = self
            .rows
            .iter()
            .map(|&(due, number, key, seq, doc)| SortKey {
                due,
                number: number.and_then(|n| numbers.get(&n).cloned()),
                key: keys.get(&key).cloned().unwrap_or_default(),
                seq,
                addr: DocAddress::new(self.segment, doc),
            })
            .collect();
        (total, keys)
    }
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
