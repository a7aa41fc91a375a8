//! Ingest: text out of PDF, DOCX, HTML and text files of any encoding.
//!
//! Must never: panic on hostile input, or read past the configured limits.

use std::path::Path;

use crate::model::RepairCount;

/// The file formats vanban reads, told from content, not the extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    Html,
    Text,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Text => "text",
        }
    }
}

/// Resource limits applied to every file.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_file_size: u64,
    pub max_pages: u32,
    /// Largest decompressed stream or zip entry, in bytes.
    pub max_inflated: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_size: 512 << 20, max_pages: 2000, max_inflated: 256 << 20 }
    }
}

/// Text of one file, repaired, with page boundaries.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    pub text: String,
    pub pages: u32,
    pub page_starts: Vec<usize>,
    pub pages_without_text: Vec<u32>,
    pub encoding: String,
    pub repairs: Vec<RepairCount>,
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{0}")]
    Unsupported(String),
    #[error("malformed {format}: {reason}")]
    Malformed { format: &'static str, reason: String },
    #[error("over limit: {0}")]
    Limit(String),
}

/// Tells the format from the first bytes.
pub fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        Format::Pdf
    } else if head.starts_with(b"PK\x03\x04") {
        Format::Docx
    } else {
        let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
        if lower.windows(5).any(|w| w == b"<html") || lower.windows(9).any(|w| w == b"<!doctype") {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// Reads one file's bytes into repaired text.
pub fn ingest_bytes(_path: &Path, bytes: &[u8], _limits: &Limits) -> Result<(Format, Ingested), IngestError> {
    let format = sniff(bytes);
    match format {
        Format::Text => {
            let (text, report) = crate::repair::repair_bytes(bytes);
            Ok((
                format,
                Ingested {
                    pages: 1,
                    page_starts: vec![0],
                    pages_without_text: vec![],
                    encoding: report.encoding.clone(),
                    repairs: report.counts(),
                    text,
                },
            ))
        }
        other => Err(IngestError::Unsupported(format!("{} input is not built yet", other.as_str()))),
    }
}
