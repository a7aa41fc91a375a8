//! The document model: what `vanban extract` prints, one JSON object per
//! input file, field for field as `CONTRACT.md` (schema_version 1) fixes it.
//!
//! Must never: rename or drop a contract field. Add fields freely.

use serde::{Deserialize, Serialize};

/// Version of the JSON shape written by `extract` and stored in the index.
pub const SCHEMA_VERSION: u32 = 1;

/// One extracted document.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Document {
    pub schema_version: u32,
    /// sha256 hex of the source bytes.
    pub id: String,
    pub source: Source,
    pub repairs: Vec<RepairCount>,
    /// Abbreviation used in document numbers (`TB`, `KH`, `QĐ` ...), `CV` for a công văn.
    pub doc_type: Option<String>,
    pub number: Option<String>,
    pub issuer: Option<String>,
    /// The issuer's parent body when the header shows one (`CHÍNH PHỦ` above `BỘ NỘI VỤ`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_parent: Option<String>,
    pub issued_date: Option<String>,
    pub place: Option<String>,
    pub subject: Option<String>,
    pub signer: Option<Signer>,
    pub recipients: Vec<String>,
    pub sections: Vec<Section>,
    pub tasks: Vec<Task>,
    pub citations: Vec<Citation>,
    /// "Nơi nhận" (distribution list) entries.
    #[serde(default)]
    pub distribution: Vec<String>,
    /// The repaired full text; every `start`/`end` is a character offset into it.
    pub text: String,
}

/// Where the text came from.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Source {
    pub path: String,
    /// `pdf`, `text`, `docx` or `html`.
    pub format: String,
    pub pages: u32,
    pub encoding: String,
    /// 1-based pages with no usable text layer: candidates for OCR.
    pub pages_without_text: Vec<u32>,
    /// Character offset in `text` where each page begins.
    pub page_starts: Vec<usize>,
    /// Size of the source file in bytes.
    #[serde(default)]
    pub bytes: u64,
}

/// How many spans one repair family changed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct RepairCount {
    pub kind: String,
    pub count: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Signer {
    pub name: Option<String>,
    pub title: Option<String>,
}

/// A numbered item of the body (`IV`, `IV.2`, `IV.2.a`, `Điều 5`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Section {
    pub path: String,
    pub heading: String,
    pub start: usize,
    pub end: usize,
}

/// One instruction that asks someone to act.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Task {
    pub id: String,
    pub section: Option<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Who must do or lead the task (canonical registry names, or `các ...` groups as written).
    pub lead: Vec<String>,
    /// Who is named to coordinate (`phối hợp với ...`).
    pub support: Vec<String>,
    pub deadline: Option<Deadline>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Deadline {
    pub text: String,
    /// `date`, `month`, `quarter`, `year`, `range`, `recurring` or `relative`.
    pub kind: String,
    /// The last allowed day, ISO `YYYY-MM-DD`.
    pub due: Option<String>,
}

/// A numbered document the text refers to.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Citation {
    pub number: String,
    pub doc_type: Option<String>,
    pub date: Option<String>,
    pub text: String,
}

/// The NDJSON line written for a file that could not be read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FailedDocument {
    pub source: FailedSource,
    pub error: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FailedSource {
    pub path: String,
    pub format: Option<String>,
}
