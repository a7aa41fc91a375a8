//! The incremental indexing run: hash each input, skip files whose content
//! is already indexed, extract the rest in parallel (rayon), and write them
//! with the single index writer, one commit per batch.
//!
//! Must never: hold two writers on one index (tantivy's lock file refuses
//! the second), or leave a batch half committed: a run cut short leaves the
//! last commit readable.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::anyhow;
use serde::Serialize;
use tantivy::indexer::UserOperation;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::agency::{index_names, AgencyResolver};
use super::schema::{day_number, normalize_number, KIND_DOC, KIND_TASK};
use super::{Fields, VanIndex};
use crate::ingest::readahead;
use crate::ingest::Limits;
use crate::model::Document;
use crate::pipeline::{self, FileError};

/// How an indexing run behaves.
#[derive(Clone, Debug)]
pub struct IndexOptions {
    pub limits: Limits,
    /// Remove entries whose files are gone.
    pub prune: bool,
    /// Files extracted in parallel before their documents are handed to the writer.
    pub batch_size: usize,
    /// Files between commits: a run cut short keeps what the last one wrote.
    /// Commits are rare because each one ends every thread's segment: many
    /// small segments cost their own term dictionaries and, later, merges
    /// that write them all again (see [`IndexOptions::default`]).
    pub commit_every: usize,
    /// Memory budget of the index writer, in bytes (at least 16 MiB per
    /// writer thread, tantivy's least): a segment is written whenever its
    /// builder fills its share, commit or not.
    pub writer_memory: usize,
    /// Threads that build segments; `None`: half the cores, two on two (see [`Batch::begin`]).
    pub writer_threads: Option<usize>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            limits: Limits::default(),
            prune: false,
            batch_size: 256,
            // 100,000 documents, run in turn (bench/RESULTS.md): with a
            // commit every 8192 files, 24 segments were written and then
            // merged down to 5; every 50,000 files with 384 MiB (each
            // thread's share of a commit fits its memory), 4 segments and
            // no merge at all. Under callgrind, 10,000 documents with the
            // same ratio took 8.8% fewer instructions.
            commit_every: 50_000,
            writer_memory: 384 << 20,
            writer_threads: None,
        }
    }
}

/// The least memory of one writer thread (tantivy wants 15 MB).
pub const MIN_WRITER_MEMORY: usize = 16 << 20;

/// What one run did.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct IndexStats {
    /// Input files seen.
    pub files: usize,
    /// Documents (re)indexed: new or changed.
    pub indexed: usize,
    /// Files skipped because their content is already indexed.
    pub unchanged: usize,
    /// Entries removed by `--prune`.
    pub removed: usize,
    pub failed: usize,
    /// Task clauses written in this run.
    pub tasks: usize,
    /// Distinct agencies named by the tasks written in this run.
    pub agencies: usize,
    pub seconds: f64,
}

impl fmt::Display for IndexStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} documents indexed ({} unchanged, {} removed), {} tasks, {} agencies, {} failures, {:.2} s",
            self.indexed, self.unchanged, self.removed, self.tasks, self.agencies, self.failed, self.seconds
        )
    }
}

/// The single writer of one run, with its counters.
struct Batch<'a> {
    ix: &'a VanIndex,
    writer: IndexWriter,
    resolver: super::agency::Memoized<'a>,
    stats: IndexStats,
    agencies: BTreeSet<String>,
}

impl<'a> Batch<'a> {
    fn begin(ix: &'a VanIndex, opts: &IndexOptions, resolver: &'a dyn AgencyResolver) -> anyhow::Result<Self> {
        // Tokenizing runs on the writer's threads, alongside extraction on
        // the readers': half the cores each, but two on two cores. Once
        // extraction got cheaper, one writer thread became the busiest
        // thread of a run (tantivy's term hash); on 2 cores two took
        // 80.7-88.6 s over 100,000 documents (four runs) against 81.4-98.2 s
        // (three runs) with one, interleaved, and 27-33 s against 34-40 s
        // over 30,000.
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let threads = opts.writer_threads.unwrap_or((cores / 2).max(cores.min(2)).min(4)).max(1);
        let memory = opts.writer_memory.max(threads * MIN_WRITER_MEMORY);
        let writer = ix.index.writer_with_num_threads(threads, memory).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => anyhow!(
                "{}: another vanban run is writing this index (its lock is held); wait for it to finish",
                ix.dir.display()
            ),
            e => anyhow!("{}: cannot open the index for writing: {e}", ix.dir.display()),
        })?;
        Ok(Batch { ix, writer, resolver: super::agency::Memoized::new(resolver), stats: IndexStats::default(), agencies: BTreeSet::new() })
    }

    /// Replaces whatever `key` held with `doc`.
    fn put(&mut self, key: &str, doc: Document) -> anyhow::Result<()> {
        self.writer.delete_term(Term::from_field_text(self.ix.fields.key, key));
        self.stats.indexed += 1;
        self.stats.tasks += doc.tasks.len();
        for t in &doc.tasks {
            for a in t.lead.iter().chain(&t.support) {
                self.agencies.insert(super::agency::canonical_or_self(&self.resolver, a));
            }
        }
        // One batch: a document's units go to one indexing thread, one after
        // another, and sit side by side in one segment (sent one by one,
        // they were spread over the threads' segments).
        self.writer.run(units(&self.ix.fields, key, doc, &self.resolver).into_iter().map(UserOperation::Add))?;
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        self.writer.delete_term(Term::from_field_text(self.ix.fields.key, key));
        self.stats.removed += 1;
    }

    fn commit(&mut self) -> anyhow::Result<()> {
        self.writer.commit().map_err(|e| anyhow!("{}: commit failed: {e}", self.ix.dir.display()))?;
        self.ix.reload()
    }

    fn finish(mut self, started: Instant) -> anyhow::Result<IndexStats> {
        self.writer
            .wait_merging_threads()
            .map_err(|e| anyhow!("{}: merge failed: {e}", self.ix.dir.display()))?;
        self.ix.reload()?;
        self.stats.agencies = self.agencies.len();
        self.stats.seconds = started.elapsed().as_secs_f64();
        Ok(self.stats)
    }
}

/// The incremental hash stored for a document: its content hash and the
/// version of vanban that read it, so a new extractor re-reads every file.
pub fn stamp(content_sha256: &str) -> String {
    format!("{content_sha256}:{}:{}", env!("CARGO_PKG_VERSION"), crate::model::SCHEMA_VERSION)
}

/// The incremental key of a file: its canonical absolute path.
pub fn file_key(path: &Path) -> String {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string()
}

/// [`file_key`] of many files: a file that is no symbolic link is its
/// folder's canonical path (resolved once per folder) joined with its name,
/// one `lstat` instead of a `readlink` per path component, and none for a
/// file the folder walk already saw as regular.
#[derive(Default)]
struct FileKeys {
    folders: HashMap<PathBuf, Option<PathBuf>>,
}

impl FileKeys {
    fn key(&mut self, found: &pipeline::Found) -> String {
        let path = found.path.as_path();
        let plain = found.regular || std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_symlink());
        if let (true, Some(folder), Some(name)) = (plain, path.parent(), path.file_name()) {
            let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
            let canonical = self.folders.entry(folder.to_path_buf()).or_insert_with(|| std::fs::canonicalize(folder).ok());
            if let Some(c) = canonical {
                return c.join(name).display().to_string();
            }
        }
        file_key(path)
    }
}

/// What happened to one input file in the parallel phase.
enum Outcome {
    Unchanged,
    Changed(Box<Document>),
    Failed(FileError),
}

fn examine(path: &Path, key: &str, known: &HashMap<String, String>, limits: &Limits, note: &dyn Fn(&'static str)) -> Outcome {
    let bytes = match pipeline::read_input(path, limits) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(e),
    };
    // Only a file the index already holds is hashed here (a new one is
    // hashed once, for its id, as it is read).
    if known.get(key).is_some_and(|k| *k == stamp(&pipeline::hex_sha256(&bytes))) {
        return Outcome::Unchanged;
    }
    note(crate::ingest::sniff(&bytes).as_str());
    match pipeline::process_unwatched(path, &bytes, limits) {
        Ok(doc) => Outcome::Changed(Box::new(doc)),
        Err(e) => Outcome::Failed(e),
    }
}

/// Input bytes of files read ahead of the writer (see [`index_paths`]);
/// twice as many while it commits.
const AHEAD_BYTES: u64 = 32 << 20;

/// The input bytes read but not yet written, and what the writer is doing.
#[derive(Default)]
struct Ahead {
    state: std::sync::Mutex<AheadState>,
    changed: std::sync::Condvar,
}

#[derive(Default)]
struct AheadState {
    bytes: u64,
    /// The writer is committing: tantivy writes and syncs its segment, a
    /// second or so in which the writer takes nothing.
    committing: bool,
    /// The writer has stopped taking chunks.
    closed: bool,
}

impl Ahead {
    fn lock(&self) -> std::sync::MutexGuard<'_, AheadState> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits until `size` more bytes fit (a chunk always fits when nothing
    /// is waiting) and counts them; `false` once the writer has stopped.
    /// The room doubles while the writer commits, so reading goes on
    /// through the commit instead of leaving the cores idle.
    fn reserve(&self, size: u64) -> bool {
        let mut s = self.lock();
        loop {
            let room = if s.committing { 2 * AHEAD_BYTES } else { AHEAD_BYTES };
            if s.bytes == 0 || s.bytes + size <= room || s.closed {
                break;
            }
            s = self.changed.wait(s).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        s.bytes += size;
        !s.closed
    }

    fn release(&self, size: u64) {
        self.lock().bytes -= size;
        self.changed.notify_all();
    }

    fn committing(&self, on: bool) {
        self.lock().committing = on;
        self.changed.notify_all();
    }

    /// A guard that marks the writer stopped when dropped.
    fn closer(&self) -> impl Drop + '_ {
        struct Close<'a>(&'a Ahead);
        impl Drop for Close<'_> {
            fn drop(&mut self) {
                self.0.lock().closed = true;
                self.0.changed.notify_all();
            }
        }
        Close(self)
    }
}

/// Indexes the files and folders in `paths` into `ix`. Files whose content
/// is already indexed are skipped; `on_error` hears about each failed file.
pub fn index_paths(
    ix: &VanIndex,
    paths: &[PathBuf],
    opts: &IndexOptions,
    resolver: &dyn AgencyResolver,
    on_error: &mut dyn FnMut(&FileError),
) -> anyhow::Result<IndexStats> {
    let started = Instant::now();
    let known = std::sync::Arc::new(ix.indexed_hashes()?);
    let mut batch = Batch::begin(ix, opts, resolver)?;
    let mut seen = HashSet::new();
    let mut files = Vec::new();
    let mut keys = FileKeys::default();
    for input in pipeline::find_inputs(paths) {
        match input {
            Ok(found) => {
                let key = keys.key(&found);
                if seen.insert(key.clone()) {
                    files.push((found.path, key));
                }
            }
            Err(e) => {
                batch.stats.failed += 1;
                on_error(&e);
            }
        }
    }
    batch.stats.files = files.len();
    let pb = pipeline::progress(files.len() as u64, "index");
    let mut dirty = 0;
    let per_chunk = opts.batch_size.min(opts.commit_every).max(1);
    let work = {
        let (known, limits, pb) = (known.clone(), opts.limits.clone(), pb.clone());
        std::sync::Arc::new(move |(p, key): &(PathBuf, String), note: &dyn Fn(&'static str)| {
            let o = examine(p, key, &known, &limits, note);
            pb.inc(1);
            o
        })
    };
    let read_chunk = |chunk: &[(PathBuf, String)]| -> Vec<Outcome> {
        pipeline::map_watched(chunk, opts.limits.timeout, work.clone(), |(p, _), why| {
            pb.inc(1);
            Outcome::Failed(pipeline::abandoned(p, why, &opts.limits))
        })
    };
    let ahead = Ahead::default();
    let mut write_chunk = |batch: &mut Batch, chunk: &[(PathBuf, String)], outcomes: Vec<Outcome>| -> anyhow::Result<()> {
        for ((_, key), outcome) in chunk.iter().zip(outcomes) {
            match outcome {
                Outcome::Unchanged => batch.stats.unchanged += 1,
                Outcome::Changed(doc) => {
                    batch.put(key, *doc)?;
                    dirty += 1;
                }
                Outcome::Failed(e) => {
                    batch.stats.failed += 1;
                    on_error(&e);
                }
            }
        }
        if dirty >= opts.commit_every.max(1) {
            ahead.committing(true);
            let done = batch.commit();
            ahead.committing(false);
            done?;
            dirty = 0;
        }
        Ok(())
    };
    // Files are read ahead of the writer on a thread of their own, up to
    // `AHEAD_BYTES` of input: extraction goes on while the writer feeds
    // tantivy and commits (in lockstep, one chunk ahead, a commit left a
    // core idle while tantivy wrote its segment).
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (tx, rx) = std::sync::mpsc::channel();
        let (files, ahead, read_chunk) = (&files, &ahead, &read_chunk);
        let max_file_size = opts.limits.max_file_size;
        let reader = scope.spawn(move || {
            let chunks = pipeline::sized_chunks(files, per_chunk, |(p, _)| Some(p.as_path()));
            for (chunk, size) in readahead::ahead_of(chunks, max_file_size, |c| c.0.iter().map(|(p, _)| p.as_path()).collect()) {
                if !ahead.reserve(size) {
                    return;
                }
                if tx.send((chunk, read_chunk(chunk), size)).is_err() {
                    return;
                }
            }
        });
        // However the writer stops, the reader is let go.
        let _release = ahead.closer();
        for (chunk, outcomes, size) in rx {
            ahead.release(size);
            write_chunk(&mut batch, chunk, outcomes)?;
        }
        reader.join().map_err(|_| anyhow!("the reader thread failed"))
    })?;
    if dirty > 0 {
        batch.commit()?;
    }
    pb.finish_and_clear();
    if opts.prune {
        let gone: Vec<&String> = known.keys().filter(|k| !seen.contains(*k) && !Path::new(k).exists()).collect();
        for key in &gone {
            batch.remove(key);
        }
        if !gone.is_empty() {
            batch.commit()?;
        }
    }
    batch.finish(started)
}

/// Indexes documents already in memory (fixtures, benches), keyed by
/// `source.path`; a document whose `id` is already indexed under its key is skipped.
pub fn index_documents(
    ix: &VanIndex,
    docs: &[Document],
    opts: &IndexOptions,
    resolver: &dyn AgencyResolver,
) -> anyhow::Result<IndexStats> {
    let started = Instant::now();
    let known = ix.indexed_hashes()?;
    let mut batch = Batch::begin(ix, opts, resolver)?;
    batch.stats.files = docs.len();
    let mut dirty = 0;
    for doc in docs {
        let key = doc.source.path.clone();
        if known.get(&key) == Some(&stamp(&doc.id)) {
            batch.stats.unchanged += 1;
            continue;
        }
        batch.put(&key, doc.clone())?;
        dirty += 1;
        if dirty >= opts.commit_every.max(1) {
            batch.commit()?;
            dirty = 0;
        }
    }
    if dirty > 0 {
        batch.commit()?;
    }
    batch.finish(started)
}

/// The number in a task id (`t12` → 12); ids without one sort last.
pub fn task_seq(id: &str) -> u64 {
    id.trim_start_matches(|c: char| !c.is_ascii_digit())
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|d| d.parse().ok())
        .unwrap_or(u64::MAX)
}

/// Fields every unit of a document shares, in a tantivy document with room
/// for `capacity` more bytes of values (it is not grown by copying).
fn common(f: &Fields, key: &str, doc: &Document, kind: &str, capacity: usize) -> TantivyDocument {
    let mut d = TantivyDocument::with_capacity(capacity + 1024);
    d.add_text(f.kind, kind);
    d.add_text(f.key, key);
    d.add_text(f.path, &doc.source.path);
    d.add_text(f.doc_id, &doc.id);
    if let Some(n) = &doc.number {
        d.add_text(f.number, n);
        d.add_text(f.number_norm, normalize_number(n));
    }
    if let Some(t) = &doc.doc_type {
        d.add_text(f.doc_type, t);
    }
    if let Some(i) = &doc.issuer {
        d.add_text(f.issuer, i);
    }
    if let Some(date) = &doc.issued_date {
        d.add_text(f.issued, date);
        if let Some(day) = day_number(date) {
            d.add_u64(f.issued_day, day);
            d.add_u64(f.year, day / 10_000);
        }
    }
    if let Some(s) = &doc.subject {
        d.add_text(f.subject, s);
    }
    d
}

/// The tantivy documents for one vanban document: one doc unit, one unit per task.
pub fn units(f: &Fields, key: &str, mut doc: Document, resolver: &dyn AgencyResolver) -> Vec<TantivyDocument> {
    let mut out = Vec::with_capacity(doc.tasks.len() + 1);
    // The task units' shared fields, made at the first task and copied into each.
    let mut task_common: Option<TantivyDocument> = None;
    // Every task's agencies, sorted and distinct at the end.
    let mut all_agencies: Vec<String> = Vec::new();
    let mut agencies: Vec<String> = Vec::new();
    let mut role_term = String::new();
    for task in &doc.tasks {
        // The clause (stored and indexed), with its agencies.
        let mut u = task_common.get_or_insert_with(|| common(f, key, &doc, KIND_TASK, 0)).clone();
        // Room for the clause and the task's own fields, so they are not added by regrowing.
        u.node_data.reserve(task.text.len() + 512);
        u.add_text(f.task_id, &task.id);
        u.add_u64(f.task_seq, task_seq(&task.id));
        if let Some(s) = &task.section {
            u.add_text(f.section, s);
        }
        u.add_text(f.body, &task.text);
        for (role, names) in [("lead", &task.lead), ("support", &task.support)] {
            if !names.is_empty() {
                u.add_text(f.role, role);
            }
            let stored = if role == "lead" { f.lead } else { f.support };
            for name in names {
                u.add_text(stored, name);
                for n in index_names(resolver, name) {
                    role_term.clear();
                    role_term.push_str(role);
                    role_term.push('|');
                    role_term.push_str(&n);
                    u.add_text(f.role, &role_term);
                    agencies.push(n);
                }
            }
        }
        agencies.sort_unstable();
        agencies.dedup();
        for a in &agencies {
            u.add_text(f.agency, a);
        }
        all_agencies.append(&mut agencies);
        if let Some(dl) = &task.deadline {
            u.add_text(f.deadline_text, &dl.text);
            u.add_text(f.deadline_kind, &dl.kind);
            if let Some(due) = &dl.due {
                u.add_text(f.due, due);
                if let Some(day) = day_number(due) {
                    u.add_u64(f.due_day, day);
                }
            }
        }
        out.push(u);
    }
    all_agencies.sort_unstable();
    all_agencies.dedup();
    // The text is stored once, in `body`; the JSON is the rest.
    let text = std::mem::take(&mut doc.text);
    let json = serde_json::to_string(&doc).ok();
    let mut d = common(f, key, &doc, KIND_DOC, text.len() + json.as_ref().map_or(0, String::len));
    d.add_text(f.hash, stamp(&doc.id));
    d.add_text(f.body, &text);
    for a in &all_agencies {
        d.add_text(f.agency, a);
    }
    for c in &doc.citations {
        d.add_text(f.cites, normalize_number(&c.number));
    }
    if let Some(json) = json {
        d.add_text(f.json, json);
    }
    out.push(d);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader waits while the writer is `AHEAD_BYTES` behind, goes on
    /// as bytes are written, and is let go when the writer stops.
    #[test]
    fn reading_ahead_is_bounded_and_released() {
        let ahead = Ahead::default();
        assert!(ahead.reserve(AHEAD_BYTES), "a chunk always fits when nothing waits");
        std::thread::scope(|s| {
            let waiting = s.spawn(|| ahead.reserve(1));
            std::thread::sleep(std::time::Duration::from_millis(50));
            assert!(!waiting.is_finished(), "over the bound: the reader waits");
            ahead.release(AHEAD_BYTES);
            assert!(waiting.join().expect("reader"), "room again: it goes on");
        });
        // A commit doubles the room.
        std::thread::scope(|s| {
            let waiting = s.spawn(|| ahead.reserve(AHEAD_BYTES));
            std::thread::sleep(std::time::Duration::from_millis(50));
            assert!(!waiting.is_finished());
            ahead.committing(true);
            assert!(waiting.join().expect("reader"));
            ahead.committing(false);
            ahead.release(AHEAD_BYTES);
        });
        assert!(ahead.reserve(AHEAD_BYTES - 1));
        std::thread::scope(|s| {
            let waiting = s.spawn(|| ahead.reserve(10));
            std::thread::sleep(std::time::Duration::from_millis(50));
            drop(ahead.closer());
            assert!(!waiting.join().expect("reader"), "the writer stopped: the reader stops");
        });
    }

    /// A document's units (its task clauses, then itself) reach tantivy as
    /// one batch: one writer thread indexes them one after another, so they
    /// sit side by side in one segment, whatever the number of threads.
    #[test]
    fn units_of_a_document_are_indexed_together() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let gen = tmp.path().join("gen");
        crate::gen::generate(&crate::gen::GenOptions { docs: 30, seed: 11, corrupt_share: 0.0 }, &gen, None, None).expect("corpus");
        let limits = crate::ingest::Limits::default();
        let docs: Vec<Document> = pipeline::collect_inputs(&[gen])
            .into_iter()
            .map(|p| pipeline::process_file(&p.expect("input"), &limits).expect("document"))
            .collect();
        let units: usize = docs.iter().map(|d| d.tasks.len() + 1).sum();
        assert!(units > 2 * docs.len(), "documents with several tasks");
        let ix = VanIndex::open_or_create(&tmp.path().join("ix")).expect("index");
        let opts = IndexOptions { writer_threads: Some(2), commit_every: 7, ..Default::default() };
        index_documents(&ix, &docs, &opts, &*crate::index::agency::registry()).expect("indexed");
        let searcher = ix.searcher().expect("searcher");
        // path -> (segment, doc ids) of its units
        let mut seen: HashMap<String, (u32, Vec<u32>)> = HashMap::new();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            for id in 0..reader.max_doc() {
                let unit = ix.unit(&searcher, tantivy::DocAddress::new(ord as u32, id)).expect("stored unit");
                let entry = seen.entry(unit.path.clone()).or_insert((ord as u32, Vec::new()));
                assert_eq!(entry.0, ord as u32, "{}: units in two segments", unit.path);
                entry.1.push(id);
            }
        }
        assert_eq!(seen.len(), docs.len());
        assert_eq!(seen.values().map(|(_, ids)| ids.len()).sum::<usize>(), units);
        for (path, (_, ids)) in &seen {
            assert!(ids.windows(2).all(|w| w[1] == w[0] + 1), "{path}: units apart ({ids:?})");
        }
    }

    #[test]
    fn file_keys_are_canonical_paths() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("a");
        std::fs::create_dir_all(dir.join("b")).expect("dirs");
        std::fs::write(dir.join("b/x.txt"), "x").expect("file");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("b/x.txt"), dir.join("link.txt")).expect("file link");
            std::os::unix::fs::symlink(dir.join("b"), dir.join("blink")).expect("folder link");
        }
        let mut keys = FileKeys::default();
        for p in [dir.join("b/x.txt"), dir.join("b/../b/x.txt"), dir.join("link.txt"), dir.join("blink/x.txt"), dir.join("b/none.txt")] {
            assert_eq!(keys.key(&pipeline::Found { path: p.clone(), regular: false }), file_key(&p), "{}", p.display());
        }
        // Files found by walking the folder: the walk tells regular files
        // from links, and their keys are the same canonical paths.
        let walked: Vec<pipeline::Found> = pipeline::find_inputs(std::slice::from_ref(&dir)).into_iter().filter_map(Result::ok).collect();
        assert!(walked.iter().any(|f| f.path.ends_with("b/x.txt") && f.regular));
        #[cfg(unix)]
        assert!(walked.iter().any(|f| f.path.ends_with("link.txt") && !f.regular), "a link is not taken for a regular file");
        for f in &walked {
            assert_eq!(keys.key(f), file_key(&f.path), "{}", f.path.display());
        }
    }
}
