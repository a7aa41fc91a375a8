//! The index schema: one tantivy document per searchable unit, either a
//! whole document (`kind = doc`) or one task clause (`kind = task`), with the
//! stored fields a result needs to be printed without re-reading any file.
//!
//! Must never: change a field's meaning without bumping [`SCHEMA_TAG`].

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

use super::analyzer::INDEXED;

/// Written next to the index; an index with another tag is refused.
pub const SCHEMA_TAG: &str = "vanban-index-6";

/// `kind` of a whole-document unit.
pub const KIND_DOC: &str = "doc";
/// `kind` of a task-clause unit.
pub const KIND_TASK: &str = "task";

/// Handles to every field of the schema.
#[derive(Clone, Debug)]
pub struct Fields {
    /// `doc` or `task`.
    pub kind: Field,
    /// Canonical absolute path of the source file: the incremental key.
    pub key: Field,
    /// The path as given on the command line (printed).
    pub path: Field,
    /// sha256 of the source bytes (doc units only: the incremental hash).
    pub hash: Field,
    pub doc_id: Field,
    /// The number as written, and normalised for lookup.
    pub number: Field,
    pub number_norm: Field,
    pub doc_type: Field,
    pub issuer: Field,
    /// Issue date `YYYY-MM-DD`, as a day number `yyyymmdd`, and its year.
    pub issued: Field,
    pub issued_day: Field,
    pub year: Field,
    pub subject: Field,
    pub section: Field,
    pub task_id: Field,
    /// The number part of `task_id` (`t12` → 12), fast: the register's order.
    pub task_seq: Field,
    /// The unit's text: stored as written, and indexed as its words (folded
    /// and exact at once, see [`super::analyzer::term`]) and the folded pairs
    /// of neighbours (phrases), with frequencies and no positions. One field
    /// for both, so a unit carries its text once.
    pub body: Field,
    /// Canonical agencies of a task (lead and support, with successors).
    pub agency: Field,
    pub lead: Field,
    pub support: Field,
    /// `lead` and/or `support`: which roles the task names.
    pub role: Field,
    pub due: Field,
    pub due_day: Field,
    pub deadline_text: Field,
    pub deadline_kind: Field,
    /// Normalised numbers of the documents this one cites.
    pub cites: Field,
    /// The document as JSON without its text (doc units only).
    pub json: Field,
}

fn text_field(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(record))
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let keyword = STRING | STORED | FAST;
    // Looked up and read from fast fields only: not stored.
    let lookup = STRING | FAST;
    let day = NumericOptions::default().set_indexed().set_fast().set_stored();
    let fields = Fields {
        kind: b.add_text_field("kind", keyword.clone()),
        key: b.add_text_field("key", lookup.clone()),
        path: b.add_text_field("path", STORED),
        hash: b.add_text_field("hash", lookup.clone()),
        doc_id: b.add_text_field("doc_id", STRING | STORED),
        number: b.add_text_field("number", STORED | FAST),
        number_norm: b.add_text_field("number_norm", STRING),
        doc_type: b.add_text_field("doc_type", keyword.clone()),
        issuer: b.add_text_field("issuer", keyword.clone()),
        issued: b.add_text_field("issued", STORED),
        issued_day: b.add_u64_field("issued_day", day.clone()),
        year: b.add_u64_field("year", day.clone()),
        subject: b.add_text_field("subject", STORED),
        section: b.add_text_field("section", STORED),
        task_id: b.add_text_field("task_id", STORED),
        task_seq: b.add_u64_field("task_seq", NumericOptions::default().set_fast()),
        body: b.add_text_field("body", text_field(INDEXED, IndexRecordOption::WithFreqs).set_stored()),
        agency: b.add_text_field("agency", lookup),
        lead: b.add_text_field("lead", STRING | STORED),
        support: b.add_text_field("support", STRING | STORED),
        role: b.add_text_field("role", keyword),
        due: b.add_text_field("due", STORED),
        due_day: b.add_u64_field("due_day", day),
        deadline_text: b.add_text_field("deadline_text", STORED),
        deadline_kind: b.add_text_field("deadline_kind", STORED),
        cites: b.add_text_field("cites", STRING),
        json: b.add_text_field("json", STORED),
    };
    (b.build(), fields)
}

/// How the stored fields are kept: zstd over blocks large enough that a
/// document's task units and its JSON (which repeat the task clauses) share
/// one block, so the repetition costs next to nothing.
pub fn settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(ZSTD_LEVEL),
        }),
        docstore_blocksize: DOCSTORE_BLOCK,
        ..Default::default()
    }
}

/// zstd level of the doc store: 1, the fastest (level 3 made the 100k
/// index 48.7% of its input instead of 50.1%, for more compression CPU).
pub const ZSTD_LEVEL: i32 = 1;
/// Bytes of stored fields compressed together.
pub const DOCSTORE_BLOCK: usize = 64 << 10;

/// `2024-02-29` → `20240229`; `None` for anything that is not an ISO date.
pub fn day_number(iso: &str) -> Option<u64> {
    let b = iso.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits: String = iso.chars().filter(|c| *c != '-').collect();
    if digits.len() != 8 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Normalises a document number for lookup: NFC, `Ð` (U+00D0, the Icelandic
/// eth that legacy fonts put where `Đ` belongs) → `Đ`, no whitespace,
/// uppercase. `59/TB-\nVPCP` and `59/tb-vpcp` both give `59/TB-VPCP`.
pub fn normalize_number(number: &str) -> String {
    // A lower-case `ð` upper-cases to `Ð` too.
    crate::extract::citations::normalize_number(number).to_uppercase().replace('Ð', "Đ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_normalise() {
        assert_eq!(normalize_number("59/TB-\nVPCP"), "59/TB-VPCP");
        assert_eq!(normalize_number("4647/QÐ-UBND"), "4647/QĐ-UBND");
        assert_eq!(normalize_number("4647/qđ-ubnd"), "4647/QĐ-UBND");
    }

    #[test]
    fn days() {
        assert_eq!(day_number("2024-02-29"), Some(20240229));
        assert_eq!(day_number("2024-2-29"), None);
        assert_eq!(day_number("20x4-02-29"), None);
    }
}
