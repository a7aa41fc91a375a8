//! Every corpus document's output validates against
//! `schemas/document.schema.json` (JSON Schema draft 2020-12).

use std::path::Path;

use vanban::ingest::Limits;

fn validator() -> jsonschema::Validator {
    let raw = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/document.schema.json"))
        .expect("schema file is readable");
    let schema: serde_json::Value = serde_json::from_str(&raw).expect("schema is JSON");
    jsonschema::draft202012::new(&schema).expect("schema compiles")
}

#[test]
fn corpus_outputs_validate() {
    let v = validator();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir).expect("corpus dir").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let doc = vanban::pipeline::process_file(&path, &Limits::default()).expect("corpus file extracts");
        let json = serde_json::to_value(&doc).expect("serialises");
        let errors: Vec<String> = v.iter_errors(&json).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        assert!(errors.is_empty(), "{}: {:?}", path.display(), errors);
        // offsets are character offsets inside the text
        let chars = doc.text.chars().count();
        for t in &doc.tasks {
            assert!(t.start <= t.end && t.end <= chars, "{}: task {} offsets", path.display(), t.id);
        }
        for s in &doc.sections {
            assert!(s.start <= s.end && s.end <= chars, "{}: section {} offsets", path.display(), s.path);
        }
        n += 1;
    }
    assert!(n >= 5, "expected the five seed documents, found {n}");
}

#[test]
fn schema_rejects_a_bad_document() {
    let v = validator();
    let doc = vanban::model::Document { schema_version: 1, ..Default::default() };
    let mut json = serde_json::to_value(&doc).expect("serialises");
    json["issued_date"] = serde_json::json!("20/02/2024");
    assert!(!v.is_valid(&json), "a non-ISO date must be rejected");
    json["issued_date"] = serde_json::json!(null);
    json["tasks"] = serde_json::json!([{"id": "t1", "section": null, "text": "x", "start": 0, "end": 1, "lead": [], "support": [], "deadline": {"text": "x", "kind": "soon", "due": null}}]);
    assert!(!v.is_valid(&json), "an unknown deadline kind must be rejected");
}
