//! Repair: mis-encoded Vietnamese back to clean NFC text.
//!
//! Must never: change text that is already clean (it comes back borrowed,
//! byte-identical), or rewrite a span whose repaired form is not better
//! Vietnamese than what is there.

use std::borrow::Cow;

use crate::model::RepairCount;

/// What a repair changed, per family.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Encoding the input bytes were decoded from (`utf-8`, `windows-1258` ...).
    pub encoding: String,
    pub families: Vec<FamilyReport>,
}

#[derive(Debug, Clone, Default)]
pub struct FamilyReport {
    pub kind: String,
    pub count: usize,
    /// Up to three (before, after) examples.
    pub examples: Vec<(String, String)>,
}

impl Report {
    pub fn counts(&self) -> Vec<RepairCount> {
        self.families
            .iter()
            .filter(|f| f.count > 0)
            .map(|f| RepairCount { kind: f.kind.clone(), count: f.count })
            .collect()
    }
}

/// Repairs already-decoded text. Clean text comes back as `Cow::Borrowed`.
pub fn repair_str(s: &str) -> (Cow<'_, str>, Report) {
    (Cow::Borrowed(s), Report { encoding: "utf-8".into(), families: vec![] })
}

/// Decodes bytes of unknown encoding and repairs the result.
pub fn repair_bytes(bytes: &[u8]) -> (String, Report) {
    let s = String::from_utf8_lossy(bytes);
    let (t, r) = repair_str(&s);
    (t.into_owned(), r)
}

impl Report {
    /// The `--explain` summary: per family, how many spans changed, with examples.
    pub fn explain_json(&self) -> serde_json::Value {
        let families: serde_json::Map<String, serde_json::Value> = self
            .families
            .iter()
            .map(|f| {
                let ex: Vec<_> = f.examples.iter().map(|(b, a)| serde_json::json!({"before": b, "after": a})).collect();
                (f.kind.clone(), serde_json::json!({"count": f.count, "examples": ex}))
            })
            .collect();
        serde_json::json!({"encoding": self.encoding, "families": families})
    }
}
