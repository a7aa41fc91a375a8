//! Index: documents and task clauses in an embedded tantivy index.
//!
//! [`schema`] fixes the fields, [`analyzer`] the Vietnamese tokenizers,
//! [`agency`] how agency names are resolved (injected registry), [`writer`]
//! the incremental indexing run, [`search`] full-text questions and
//! [`tasks`] the task register.
//!
//! Must never: leave the index in a state a reader cannot open.

pub mod agency;
pub mod analyzer;
pub mod schema;
pub mod search;
pub mod tasks;
pub mod writer;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use serde::Serialize;
use tantivy::schema::{Field, Value};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument};

use analyzer::{Mode, VietTokenizer};
pub use schema::{normalize_number, Fields};

/// Blocks each kept doc-store reader caches (see [`VanIndex::stored_bytes`]).
const STORE_CACHE_BLOCKS: usize = 100;

/// File written next to the tantivy files, holding [`schema::SCHEMA_TAG`].
const TAG_FILE: &str = "vanban-schema";

/// An open vanban index.
pub struct VanIndex {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
    reader: IndexReader,
    /// Doc-store readers kept across searches (their block caches with them),
    /// by segment: search hits are read from raw stored bytes.
    stores: std::sync::Mutex<HashMap<tantivy::index::SegmentId, std::sync::Arc<tantivy::store::StoreReader>>>,
}

impl VanIndex {
    /// Opens the index at `dir`, creating it (and the folder) if missing.
    pub fn open_or_create(dir: &Path) -> anyhow::Result<Self> {
        if dir.join("meta.json").exists() {
            return Self::open(dir);
        }
        std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create index folder", dir.display()))?;
        // The tag goes first: `meta.json` is what marks an index as existing,
        // so a run killed between the two writes must not leave a `meta.json`
        // without its tag (every later run would refuse the index).
        std::fs::write(dir.join(TAG_FILE), schema::SCHEMA_TAG)
            .with_context(|| format!("{}: cannot write {TAG_FILE}", dir.display()))?;
        let (schema, _) = schema::build();
        let index = Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_dir(dir)
            .map_err(|e| anyhow!("{}: cannot create index: {e}", dir.display()))?;
        Self::with_index(index, dir)
    }

    /// Opens an existing index; a clear error when there is none or it was
    /// written by an incompatible version.
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        if !dir.join("meta.json").exists() {
            return Err(anyhow!("{}: no vanban index here (build one with `vanban index --index {0} PATH...`)", dir.display()));
        }
        let tag = std::fs::read_to_string(dir.join(TAG_FILE)).unwrap_or_default();
        if tag.trim() != schema::SCHEMA_TAG {
            return Err(anyhow!(
                "{}: index was written by another version of vanban (schema {:?}, expected {:?}); delete it and index again",
                dir.display(),
                tag.trim(),
                schema::SCHEMA_TAG
            ));
        }
        let index = Index::open_in_dir(dir).map_err(|e| anyhow!("{}: cannot open index: {e}", dir.display()))?;
        Self::with_index(index, dir)
    }

    fn with_index(index: Index, dir: &Path) -> anyhow::Result<Self> {
        index.tokenizers().register(analyzer::INDEXED, VietTokenizer::new(Mode::Term, true));
        let (_, fields) = schema::build();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| anyhow!("{}: cannot read index: {e}", dir.display()))?;
        Ok(VanIndex { index, fields, dir: dir.to_path_buf(), reader, stores: Default::default() })
    }

    /// A searcher over the commit the reader last loaded (at open, or at the
    /// last [`VanIndex::reload`]); its doc-store cache lives as long as it does.
    pub fn searcher(&self) -> anyhow::Result<Searcher> {
        Ok(self.reader.searcher())
    }

    /// The raw stored bytes of `addr` (read through a doc-store reader kept
    /// for its segment, so repeated reads of a block hit its cache).
    pub fn stored_bytes(&self, searcher: &Searcher, addr: tantivy::DocAddress) -> anyhow::Result<tantivy::directory::OwnedBytes> {
        let seg = searcher.segment_reader(addr.segment_ord);
        let store = {
            let mut stores = self.stores.lock().map_err(|_| anyhow!("doc-store cache poisoned"))?;
            match stores.get(&seg.segment_id()) {
                Some(s) => s.clone(),
                None => {
                    // Readers of segments a reload dropped go.
                    stores.retain(|id, _| searcher.segment_readers().iter().any(|r| r.segment_id() == *id));
                    let s = std::sync::Arc::new(seg.get_store_reader(STORE_CACHE_BLOCKS)?);
                    stores.insert(seg.segment_id(), s.clone());
                    s
                }
            }
        };
        Ok(store.get_document_bytes(addr.doc_id)?)
    }

    /// The unit stored at `addr`, read from its raw bytes (the document's
    /// JSON, the largest stored field, is skipped unread), or through
    /// tantivy when the layout is not the one [`StoredUnit::from_raw`] knows.
    pub fn unit(&self, searcher: &Searcher, addr: tantivy::DocAddress) -> anyhow::Result<StoredUnit> {
        let bytes = self.stored_bytes(searcher, addr)?;
        if let Some((mut unit, body)) = StoredUnit::from_raw(&bytes, &self.fields) {
            if let Ok(text) = simdutf8::basic::from_utf8(body) {
                unit.text = text.to_string();
                return Ok(unit);
            }
        }
        let doc: TantivyDocument = searcher.doc(addr)?;
        Ok(StoredUnit::from_doc(&doc, &self.fields))
    }

    /// Loads the last commit (after this process wrote to the index).
    pub fn reload(&self) -> anyhow::Result<()> {
        self.reader.reload().map_err(|e| anyhow!("{}: cannot reload index: {e}", self.dir.display()))
    }

    /// Incremental key → content hash of every indexed document (from fast fields).
    pub fn indexed_hashes(&self) -> anyhow::Result<HashMap<String, String>> {
        self.reload()?;
        let searcher = self.searcher()?;
        let mut out = HashMap::new();
        let (mut key, mut hash) = (String::new(), String::new());
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let (Some(keys), Some(hashes)) = (ff.str("key")?, ff.str("hash")?) else { continue };
            for doc in seg.doc_ids_alive() {
                let (Some(k), Some(h)) = (keys.term_ords(doc).next(), hashes.term_ords(doc).next()) else { continue };
                key.clear();
                hash.clear();
                if keys.ord_to_str(k, &mut key)? && hashes.ord_to_str(h, &mut hash)? {
                    out.insert(key.clone(), hash.clone());
                }
            }
        }
        Ok(out)
    }

    /// The indexed agency names a question about `query` should match (see
    /// [`agency::query_names`]); the indexed names are listed only when the
    /// registry does not know `query`.
    pub fn agency_names(&self, resolver: &dyn agency::AgencyResolver, query: &str) -> anyhow::Result<Vec<String>> {
        match resolver.canonical(query) {
            Some(c) => Ok(vec![c]),
            None => Ok(agency::query_names(resolver, query, &self.terms("agency")?)),
        }
    }

    /// Every distinct value of a keyword field (e.g. all agency names).
    pub fn terms(&self, field_name: &str) -> anyhow::Result<Vec<String>> {
        let searcher = self.searcher()?;
        let mut out = std::collections::BTreeSet::new();
        let mut s = String::new();
        for seg in searcher.segment_readers() {
            let Some(col) = seg.fast_fields().str(field_name)? else { continue };
            let mut stream = col.dictionary().stream()?;
            while stream.advance() {
                s.clear();
                s.push_str(&String::from_utf8_lossy(stream.key()));
                out.insert(s.clone());
            }
        }
        Ok(out.into_iter().collect())
    }
}

/// One searchable unit as stored: enough to print a result.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct StoredUnit {
    pub kind: String,
    pub path: String,
    pub doc_id: String,
    pub number: Option<String>,
    pub doc_type: Option<String>,
    pub issuer: Option<String>,
    pub issued_date: Option<String>,
    pub subject: Option<String>,
    pub section: Option<String>,
    pub task_id: Option<String>,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub due: Option<String>,
    pub deadline_text: Option<String>,
    pub deadline_kind: Option<String>,
    #[serde(skip)]
    pub text: String,
    /// `lead`, `support` and `role|agency` terms (task units).
    #[serde(skip)]
    pub roles: Vec<String>,
}

fn first(doc: &TantivyDocument, f: Field) -> Option<String> {
    doc.get_first(f).and_then(|v| v.as_str()).map(str::to_string)
}

fn all(doc: &TantivyDocument, f: Field) -> Vec<String> {
    doc.get_all(f).filter_map(|v| v.as_str().map(str::to_string)).collect()
}

impl StoredUnit {
    /// Reads a unit back from its stored fields.
    pub fn from_doc(doc: &TantivyDocument, f: &Fields) -> StoredUnit {
        StoredUnit {
            kind: first(doc, f.kind).unwrap_or_default(),
            path: first(doc, f.path).unwrap_or_default(),
            doc_id: first(doc, f.doc_id).unwrap_or_default(),
            number: first(doc, f.number),
            doc_type: first(doc, f.doc_type),
            issuer: first(doc, f.issuer),
            issued_date: first(doc, f.issued),
            subject: first(doc, f.subject),
            section: first(doc, f.section),
            task_id: first(doc, f.task_id),
            lead: all(doc, f.lead),
            support: all(doc, f.support),
            due: first(doc, f.due),
            deadline_text: first(doc, f.deadline_text),
            deadline_kind: first(doc, f.deadline_kind),
            text: first(doc, f.body).unwrap_or_default(),
            roles: all(doc, f.role),
        }
    }

    /// A unit from its raw stored bytes (tantivy's doc-store layout: a VInt
    /// count, then per value a `u32` field, a type code and the value), with its
    /// `text` left empty and the stored text returned as bytes; `None` on
    /// anything unexpected (the caller then reads the document the usual way).
    pub fn from_raw<'a>(bytes: &'a [u8], f: &Fields) -> Option<(StoredUnit, &'a [u8])> {
        fn vint(b: &[u8], pos: &mut usize) -> Option<u64> {
            let (mut v, mut shift) = (0u64, 0);
            loop {
                let byte = *b.get(*pos)?;
                *pos += 1;
                v |= u64::from(byte & 0x7F) << shift;
                if byte & 0x80 != 0 {
                    return Some(v);
                }
                shift += 7;
                if shift > 63 {
                    return None;
                }
            }
        }
        let mut pos = 0;
        let n = vint(bytes, &mut pos)?;
        let mut unit = StoredUnit::default();
        let mut body: &[u8] = &[];
        for _ in 0..n {
            let field = Field::from_field_id(u32::from_le_bytes(bytes.get(pos..pos + 4)?.try_into().ok()?));
            let code = *bytes.get(pos + 4)?;
            pos += 5;
            match code {
                0 => {}
                1 => {
                    // u64 (days, years): not part of a printed unit.
                    pos += 8;
                    continue;
                }
                _ => return None,
            }
            let len = usize::try_from(vint(bytes, &mut pos)?).ok()?;
            let value = bytes.get(pos..pos.checked_add(len)?)?;
            pos += len;
            if field == f.body {
                body = value;
                continue;
            }
            if field == f.json {
                continue;
            }
            let s = || simdutf8::basic::from_utf8(value).ok().map(str::to_string);
            let set = |slot: &mut Option<String>| -> Option<()> {
                if slot.is_none() {
                    *slot = Some(s()?);
                }
                Some(())
            };
            match field {
                x if x == f.kind => unit.kind = s()?,
                x if x == f.path => unit.path = s()?,
                x if x == f.doc_id => unit.doc_id = s()?,
                x if x == f.number => set(&mut unit.number)?,
                x if x == f.doc_type => set(&mut unit.doc_type)?,
                x if x == f.issuer => set(&mut unit.issuer)?,
                x if x == f.issued => set(&mut unit.issued_date)?,
                x if x == f.subject => set(&mut unit.subject)?,
                x if x == f.section => set(&mut unit.section)?,
                x if x == f.task_id => set(&mut unit.task_id)?,
                x if x == f.due => set(&mut unit.due)?,
                x if x == f.deadline_text => set(&mut unit.deadline_text)?,
                x if x == f.deadline_kind => set(&mut unit.deadline_kind)?,
                x if x == f.lead => unit.lead.push(s()?),
                x if x == f.support => unit.support.push(s()?),
                x if x == f.role => unit.roles.push(s()?),
                _ => {}
            }
        }
        (pos == bytes.len()).then_some((unit, body))
    }
}

fn kind_is_doc(f: &Fields) -> Box<dyn tantivy::query::Query> {
    Box::new(tantivy::query::TermQuery::new(
        tantivy::Term::from_field_text(f.kind, schema::KIND_DOC),
        tantivy::schema::IndexRecordOption::Basic,
    ))
}

/// Loads the indexed documents `filter` matches (all documents when `None`),
/// in index order: their stored JSON plus their text.
pub fn load_documents(ix: &VanIndex, filter: Option<Box<dyn tantivy::query::Query>>) -> anyhow::Result<Vec<crate::model::Document>> {
    let searcher = ix.searcher()?;
    let query = filter.unwrap_or_else(|| kind_is_doc(&ix.fields));
    let mut addrs: Vec<_> = searcher.search(&*query, &tantivy::collector::DocSetCollector)?.into_iter().collect();
    addrs.sort();
    read_documents(ix, &searcher, addrs)
}

/// Loads the `limit` best-scoring documents for `query`, best first.
pub fn load_top_documents(
    ix: &VanIndex,
    query: &dyn tantivy::query::Query,
    limit: usize,
) -> anyhow::Result<Vec<crate::model::Document>> {
    let searcher = ix.searcher()?;
    let top = searcher.search(query, &tantivy::collector::TopDocs::with_limit(limit.max(1)))?;
    read_documents(ix, &searcher, top.into_iter().map(|(_, a)| a).collect())
}

fn read_documents(
    ix: &VanIndex,
    searcher: &Searcher,
    addrs: Vec<tantivy::DocAddress>,
) -> anyhow::Result<Vec<crate::model::Document>> {
    let f = &ix.fields;
    let mut out = Vec::with_capacity(addrs.len());
    for addr in addrs {
        let doc: TantivyDocument = searcher.doc(addr)?;
        if first(&doc, f.kind).as_deref() != Some(schema::KIND_DOC) {
            continue;
        }
        let Some(json) = first(&doc, f.json) else { continue };
        let mut d: crate::model::Document =
            serde_json::from_str(&json).map_err(|e| anyhow!("{}: stored document is unreadable: {e}", ix.dir.display()))?;
        d.text = first(&doc, f.body).unwrap_or_default();
        out.push(d);
    }
    Ok(out)
}
