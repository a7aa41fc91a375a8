//! Export: a vanban index as NDJSON records that Quickwit and OpenSearch
//! ingest (`schemas/quickwit/`), for archives that outgrow one machine.
//!
//! One record per document (`kind = "doc"`) and one per task clause
//! (`kind = "task"`), flat, with dates as `YYYY-MM-DD`, and every text also
//! in `*_folded` form (lowercase, no diacritics, `đ` → `d`) so that an engine
//! without a Vietnamese analyzer still finds `bo noi vu` in `Bộ Nội vụ`.
//! `ndjson` writes the records alone (Quickwit `index ingest`); `bulk` puts
//! an OpenSearch `_bulk` action line before each.
//!
//! Must never: hold the whole index in memory (records stream segment by
//! segment), or emit a field that `schemas/quickwit/` does not declare.

use std::io::Write;

use anyhow::anyhow;
use serde::Serialize;
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

use crate::index::{schema::KIND_DOC, VanIndex};
use crate::model::{Document, Task};
use crate::text::fold;

/// Output shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One record per line (Quickwit `index ingest`, OpenSearch Data Prepper, jq).
    Ndjson,
    /// OpenSearch / Elasticsearch `_bulk` body: an `index` action line before each record.
    Bulk,
}

/// One exported record. Optional fields are left out when unknown.
#[derive(Serialize, Debug, Default, Clone, PartialEq)]
pub struct Record {
    /// `doc_id` for documents, `doc_id#task_id` for tasks: unique, stable.
    pub id: String,
    pub kind: &'static str,
    pub doc_id: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Full text (documents) or the clause (tasks).
    pub text: String,
    pub text_folded: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub repairs: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lead: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub support: Vec<String>,
    /// Lead and support together, and folded, for agency filters in any spelling.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agencies: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agencies_folded: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline_kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline_text: Option<String>,
}

/// Only dates an engine's `YYYY-MM-DD` parser accepts; anything else is dropped.
fn iso_date(d: &Option<String>) -> Option<String> {
    d.as_ref().filter(|s| crate::index::schema::day_number(s).is_some()).cloned()
}

/// The document record and its task records.
pub fn records(doc: &Document) -> Vec<Record> {
    let base = Record {
        id: doc.id.clone(),
        kind: "doc",
        doc_id: doc.id.clone(),
        path: doc.source.path.clone(),
        number: doc.number.clone(),
        doc_type: doc.doc_type.clone(),
        issuer: doc.issuer.clone(),
        issued_date: iso_date(&doc.issued_date),
        subject: doc.subject.clone(),
        ..Record::default()
    };
    let mut out = Vec::with_capacity(1 + doc.tasks.len());
    out.push(Record {
        text: doc.text.clone(),
        text_folded: fold(&doc.text),
        cites: doc.citations.iter().map(|c| c.number.clone()).collect(),
        repairs: doc.repairs.iter().map(|r| r.kind.clone()).collect(),
        ..base.clone()
    });
    out.extend(doc.tasks.iter().map(|t| task_record(&base, t)));
    out
}

fn task_record(base: &Record, t: &Task) -> Record {
    let mut agencies: Vec<String> = t.lead.iter().chain(&t.support).cloned().collect();
    agencies.dedup();
    Record {
        id: format!("{}#{}", base.doc_id, t.id),
        kind: "task",
        text: t.text.clone(),
        text_folded: fold(&t.text),
        task_id: Some(t.id.clone()),
        section: t.section.clone(),
        lead: t.lead.clone(),
        support: t.support.clone(),
        agencies_folded: agencies.iter().map(|a| fold(a)).collect(),
        agencies,
        due: t.deadline.as_ref().and_then(|d| iso_date(&d.due)),
        deadline_kind: t.deadline.as_ref().map(|d| d.kind.clone()),
        deadline_text: t.deadline.as_ref().map(|d| d.text.clone()),
        ..base.clone()
    }
}

/// What an export wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ExportStats {
    pub documents: usize,
    pub tasks: usize,
}

/// The OpenSearch index name `bulk` action lines name.
pub const BULK_INDEX: &str = "vanban";

/// Streams every indexed document (and its tasks) of `ix` to `w`.
pub fn export(ix: &VanIndex, format: Format, w: &mut dyn Write) -> anyhow::Result<ExportStats> {
    let searcher = ix.searcher()?;
    let f = &ix.fields;
    let mut stats = ExportStats::default();
    let text_of = |doc: &TantivyDocument, field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        for local in seg.doc_ids_alive() {
            let stored: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, local))?;
            if text_of(&stored, f.kind).as_deref() != Some(KIND_DOC) {
                continue;
            }
            let Some(json) = text_of(&stored, f.json) else { continue };
            let mut doc: Document = serde_json::from_str(&json)
                .map_err(|e| anyhow!("{}: stored document is unreadable: {e}", ix.dir.display()))?;
            doc.text = text_of(&stored, f.body).unwrap_or_default();
            for r in records(&doc) {
                if format == Format::Bulk {
                    serde_json::to_writer(&mut *w, &serde_json::json!({"index": {"_index": BULK_INDEX, "_id": r.id}}))?;
                    w.write_all(b"\n")?;
                }
                serde_json::to_writer(&mut *w, &r)?;
                w.write_all(b"\n")?;
                match r.kind {
                    "doc" => stats.documents += 1,
                    _ => stats.tasks += 1,
                }
            }
        }
    }
    w.flush()?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Deadline;

    #[test]
    fn task_records_fold_and_keep_dates_iso() {
        let doc = Document {
            id: "abc".into(),
            issued_date: Some("2024-02-20".into()),
            text: "Giao Bộ Nội vụ".into(),
            tasks: vec![Task {
                id: "t1".into(),
                text: "Giao Bộ Nội vụ chủ trì".into(),
                lead: vec!["Bộ Nội vụ".into()],
                deadline: Some(Deadline { text: "thường xuyên".into(), kind: "recurring".into(), due: Some("soon".into()) }),
                ..Task::default()
            }],
            ..Document::default()
        };
        let r = records(&doc);
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].id, "abc#t1");
        assert_eq!(r[1].agencies_folded, vec!["bo noi vu"]);
        assert_eq!(r[1].due, None, "a non-ISO due is not exported");
        assert_eq!(r[1].issued_date.as_deref(), Some("2024-02-20"));
        assert_eq!(r[0].text_folded, "giao bo noi vu");
    }
}
