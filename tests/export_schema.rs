//! `vanban export` against `schemas/quickwit/`: every exported field is
//! declared in the Quickwit doc mapping and the OpenSearch mapping with a
//! compatible type, the folded fields are folded, and the bulk body pairs
//! each record with an action naming its id.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::Value;
use vanban::export::{export, Format};
use vanban::index::writer::{index_documents, IndexOptions};
use vanban::index::VanIndex;

fn schema(name: &str) -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/quickwit").join(name);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Builds an index of the shipped corpus plus a small generated one, and exports it.
fn exported(format: Format) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let gen = dir.path().join("gen");
    vanban::gen::generate(&vanban::gen::GenOptions { docs: 40, seed: 3, corrupt_share: 0.1 }, &gen, None, None).unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let limits = vanban::ingest::Limits::default();
    let docs: Vec<_> = vanban::pipeline::collect_inputs(&[corpus, gen])
        .into_iter()
        .map(|p| vanban::pipeline::process_file(&p.unwrap(), &limits).unwrap())
        .collect();
    assert_eq!(docs.len(), 45);
    let ix = VanIndex::open_or_create(&dir.path().join("ix")).unwrap();
    index_documents(&ix, &docs, &IndexOptions::default(), &*vanban::index::agency::registry()).unwrap();
    let mut out = Vec::new();
    let stats = export(&ix, format, &mut out).unwrap();
    assert_eq!(stats.documents, 45);
    assert_eq!(stats.tasks, docs.iter().map(|d| d.tasks.len()).sum::<usize>());
    String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn is_iso_date(v: &Value) -> bool {
    let s = v.as_str().unwrap_or("");
    s.len() == 10 && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() })
}

fn strings(v: &Value) -> bool {
    v.as_array().is_some_and(|a| a.iter().all(Value::is_string))
}

#[test]
fn ndjson_matches_quickwit_and_opensearch_mappings() {
    let qw = schema("vanban-index.json");
    assert_eq!(qw["doc_mapping"]["mode"], "strict");
    let qw_types: HashMap<String, String> = qw["doc_mapping"]["field_mappings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap().to_string(), f["type"].as_str().unwrap().to_string()))
        .collect();
    let tokenizers: HashSet<&str> =
        qw["doc_mapping"]["tokenizers"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    for f in qw["doc_mapping"]["field_mappings"].as_array().unwrap() {
        if let Some(t) = f["tokenizer"].as_str() {
            assert!(["raw", "default"].contains(&t) || tokenizers.contains(t), "{t} is not defined");
        }
    }
    let os = schema("opensearch-mapping.json");
    assert_eq!(os["mappings"]["dynamic"], "strict");
    let os_props = os["mappings"]["properties"].as_object().unwrap();
    let analyzers = os["settings"]["analysis"]["analyzer"].as_object().unwrap();

    let records = exported(Format::Ndjson);
    let mut seen_fields = HashSet::new();
    let mut ids = HashSet::new();
    for r in &records {
        let obj = r.as_object().unwrap();
        for required in ["id", "kind", "doc_id", "path", "text", "text_folded"] {
            assert!(obj.contains_key(required), "{required} missing in {r}");
        }
        assert!(ids.insert(obj["id"].as_str().unwrap().to_string()), "duplicate id {}", obj["id"]);
        assert!(["doc", "task"].contains(&obj["kind"].as_str().unwrap()));
        for (k, v) in obj {
            seen_fields.insert(k.clone());
            let qt = qw_types.get(k).unwrap_or_else(|| panic!("{k} not in the Quickwit doc mapping"));
            let ok = match qt.as_str() {
                "text" => v.is_string(),
                "array<text>" => strings(v),
                "datetime" => is_iso_date(v),
                other => panic!("unexpected Quickwit type {other}"),
            };
            assert!(ok, "{k} = {v} does not fit Quickwit type {qt}");
            let prop = os_props.get(k).unwrap_or_else(|| panic!("{k} not in the OpenSearch mapping"));
            let ok = match prop["type"].as_str().unwrap() {
                "keyword" | "text" => v.is_string() || strings(v),
                "date" => prop["format"] == "yyyy-MM-dd" && is_iso_date(v),
                other => panic!("unexpected OpenSearch type {other}"),
            };
            assert!(ok, "{k} = {v} does not fit OpenSearch {prop}");
            if let Some(a) = prop["analyzer"].as_str() {
                assert!(analyzers.contains_key(a), "analyzer {a} is not defined");
            }
        }
        // The folded field is the folded text: no diacritics left, same length in chars.
        let text = obj["text"].as_str().unwrap();
        let folded = obj["text_folded"].as_str().unwrap();
        assert_eq!(folded, vanban::text::fold(text));
        assert!(!folded.chars().any(|c| "ăâđêôơưáàảãạếốớứ".contains(c)), "not folded: {folded}");
    }
    // Every declared field is actually produced (no dead mapping), except fields only some corpora have.
    for k in qw_types.keys() {
        assert!(os_props.contains_key(k), "{k} in Quickwit but not OpenSearch");
        if k != "repairs" {
            assert!(seen_fields.contains(k), "{k} declared but never exported");
        }
    }
    assert_eq!(qw_types.len(), os_props.len());
    // Folded agencies let `bo noi vu` find the tasks of Bộ Nội vụ.
    assert!(records.iter().any(|r| r["agencies_folded"].as_array().is_some_and(|a| a.iter().any(|x| x == "bo noi vu"))));
    assert!(records.iter().any(|r| r["kind"] == "task" && r["due"].is_string()));
}

#[test]
fn bulk_pairs_actions_with_records() {
    let lines = exported(Format::Bulk);
    assert!(lines.len() >= 2 && lines.len().is_multiple_of(2));
    for pair in lines.chunks(2) {
        let action = &pair[0]["index"];
        assert_eq!(action["_index"], vanban::export::BULK_INDEX);
        assert_eq!(action["_id"], pair[1]["id"], "action and record disagree");
        assert!(pair[1]["kind"].is_string());
    }
}
