//! Pipeline: ingest → repair → segment/extract over many files in parallel.
//!
//! Must never: let one bad file stop the batch, or let a panic inside a
//! parser reach the user (it becomes that file's error).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::ingest::readahead;
use crate::ingest::{self, Limits};
use crate::model::{Document, Source, SCHEMA_VERSION};

/// Why one file could not be read.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{path}: {cause}")]
pub struct FileError {
    pub path: PathBuf,
    pub format: Option<&'static str>,
    pub cause: String,
}

/// Expands files and folders (recursively, sorted) into the list of input
/// files. Unreadable entries come back as errors in the same order.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<Result<PathBuf, FileError>> {
    find_inputs(paths).into_iter().map(|r| r.map(|found| found.path)).collect()
}

/// An input file, and whether the folder walk saw it as a regular file
/// (not a symbolic link) from its directory entry alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// False for paths given as such and for links: nothing is known of them.
    pub regular: bool,
}

/// [`collect_inputs`], telling which files the walk knows are regular.
pub fn find_inputs(paths: &[PathBuf]) -> Vec<Result<Found, FileError>> {
    let found = |path, regular| Ok(Found { path, regular });
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            for entry in walkdir::WalkDir::new(p).follow_links(false).sort_by_file_name() {
                match entry {
                    Ok(e) if e.file_type().is_file() => out.push(found(e.into_path(), true)),
                    // Links to files are read; folder links are not walked
                    // (no cycles); a dangling or looping link is reported.
                    Ok(e) if e.file_type().is_symlink() => match std::fs::metadata(e.path()) {
                        Ok(m) if m.is_file() => out.push(found(e.into_path(), false)),
                        Ok(m) if m.is_dir() => {}
                        Ok(m) => out.push(Err(not_regular(e.into_path(), &m.file_type()))),
                        Err(err) => out.push(Err(FileError {
                            path: e.into_path(),
                            format: None,
                            cause: format!("unreadable symbolic link: {err}"),
                        })),
                    },
                    Ok(e) if e.file_type().is_dir() => {}
                    // FIFOs, sockets, devices: reading them could block for
                    // ever or never end; they are reported, not skipped.
                    Ok(e) => {
                        let kind = e.file_type();
                        out.push(Err(not_regular(e.into_path(), &kind)))
                    }
                    Err(e) => out.push(Err(FileError {
                        path: e.path().map(Path::to_path_buf).unwrap_or_else(|| p.clone()),
                        format: None,
                        cause: e.to_string(),
                    })),
                }
            }
        } else {
            out.push(found(p.clone(), false));
        }
    }
    out
}

/// What kind of non-regular file `kind` is, in words.
fn kind_name(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

fn not_regular(path: PathBuf, kind: &std::fs::FileType) -> FileError {
    FileError { path, format: None, cause: format!("cannot read: {} is not a regular file", kind_name(kind)) }
}

/// Reads one input file's bytes, checking first (without reading) that it
/// is a regular file within `--max-file-size`: a 2 GB attachment is
/// refused from its size alone, a FIFO is never opened (it would block).
pub fn read_input(path: &Path, limits: &Limits) -> Result<Vec<u8>, FileError> {
    use std::io::Read;
    let err = |cause: String| FileError { path: path.to_path_buf(), format: None, cause };
    let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read: {}", io_cause(&e))))?;
    if !meta.is_file() {
        return Err(not_regular(path.to_path_buf(), &meta.file_type()));
    }
    if meta.len() > limits.max_file_size {
        return Err(err(format!(
            "file is {} bytes ({:.1} MiB), over --max-file-size {} ({:.1} MiB); not read",
            meta.len(),
            meta.len() as f64 / 1048576.0,
            limits.max_file_size,
            limits.max_file_size as f64 / 1048576.0
        )));
    }
    let file = std::fs::File::open(path).map_err(|e| err(format!("cannot open: {}", io_cause(&e))))?;
    // The file may grow between the check and the read: never read past the limit.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limits.max_file_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| err(format!("cannot read: {}", io_cause(&e))))?;
    if bytes.len() as u64 > limits.max_file_size {
        return Err(err(format!("file grew past --max-file-size {} while being read", limits.max_file_size)));
    }
    Ok(bytes)
}

/// An I/O error in words a secretariat understands, with the OS detail.
fn io_cause(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let what = match e.kind() {
        ErrorKind::PermissionDenied => "permission denied",
        ErrorKind::NotFound => "no such file",
        ErrorKind::IsADirectory => "it is a folder",
        _ => return e.to_string(),
    };
    match e.raw_os_error() {
        Some(code) => format!("{what} (os error {code})"),
        None => what.to_string(),
    }
}

/// Reads, repairs and understands one file.
pub fn process_file(path: &Path, limits: &Limits) -> Result<Document, FileError> {
    process_owned(path, read_input(path, limits)?, limits)
}

/// Like [`process_file`] for bytes already in memory.
pub fn process_bytes(path: &Path, bytes: &[u8], limits: &Limits) -> Result<Document, FileError> {
    match limits.timeout {
        // The watchdog's worker needs bytes of its own.
        Some(_) => process_owned(path, bytes.to_vec(), limits),
        None => process_unwatched(path, bytes, limits),
    }
}

/// Like [`process_bytes`], taking the bytes (no copy for the watchdog).
///
/// With `limits.timeout` set, the work runs on a reader thread as a group
/// of one (see [`map_watched`]): the readers check the budget themselves,
/// and a parse that still overruns it (by a second's grace) is abandoned
/// and reported, never waited for.
pub fn process_owned(path: &Path, bytes: Vec<u8>, limits: &Limits) -> Result<Document, FileError> {
    let Some(budget) = limits.timeout else {
        return process_unwatched(path, &bytes, limits);
    };
    let format = ingest::sniff(&bytes).as_str();
    let l = limits.clone();
    let work = std::sync::Arc::new(move |(p, b): &(PathBuf, Vec<u8>), _: &dyn Fn(&'static str)| process_unwatched(p, b, &l));
    let gave_up = |(p, _): &(PathBuf, Vec<u8>), why| {
        let why = if why == Abandoned::Panicked { why } else { Abandoned::TimedOut(Some(format)) };
        Err(abandoned(p, why, limits))
    };
    let item = std::sync::Arc::new(vec![(path.to_path_buf(), bytes)]);
    let mut results = watch_group(item, budget, &work, &gave_up);
    results.pop().unwrap_or_else(|| Err(abandoned(path, Abandoned::Panicked, limits)))
}

/// Reads `path` and processes its bytes on this thread, telling `note`
/// the format as soon as the bytes are in (for a report if it overruns).
/// The work of one item under [`map_watched`].
pub fn read_and_process(path: &Path, limits: &Limits, note: &dyn Fn(&'static str)) -> Result<Document, FileError> {
    let bytes = read_input(path, limits)?;
    note(ingest::sniff(&bytes).as_str());
    process_unwatched(path, &bytes, limits)
}

/// The error of a file abandoned by the watchdog.
pub fn abandoned(path: &Path, why: Abandoned, limits: &Limits) -> FileError {
    let budget = limits.timeout.unwrap_or_default().as_secs_f32();
    match why {
        Abandoned::TimedOut(format) => FileError {
            path: path.to_path_buf(),
            format,
            cause: format!("gave up after {budget} s (--file-timeout): the file takes too long to read"),
        },
        Abandoned::Panicked => FileError {
            path: path.to_path_buf(),
            format: None,
            cause: "internal error while reading this file (a bug in vanban; please report it)".into(),
        },
    }
}

/// Refuses an empty file, then reads it, on this thread (no watchdog):
/// the work of an item under [`map_watched`] once its file is read.
pub fn process_unwatched(path: &Path, bytes: &[u8], limits: &Limits) -> Result<Document, FileError> {
    if bytes.is_empty() {
        return Err(FileError { path: path.to_path_buf(), format: None, cause: "empty file".into() });
    }
    process_bytes_now(path, bytes, limits)
}

fn process_bytes_now(path: &Path, bytes: &[u8], limits: &Limits) -> Result<Document, FileError> {
    let format = ingest::sniff(bytes);
    guarded(path, format.as_str(), || {
        let (format, ing) = ingest::ingest_bytes(path, bytes, limits).map_err(|e| FileError {
            path: path.to_path_buf(),
            format: Some(format.as_str()),
            cause: e.to_string(),
        })?;
        let mut doc = Document {
            schema_version: SCHEMA_VERSION,
            id: hex_sha256(bytes),
            source: Source {
                path: path.display().to_string(),
                format: format.as_str().to_string(),
                pages: ing.pages,
                encoding: ing.encoding,
                pages_without_text: ing.pages_without_text,
                page_starts: ing.page_starts,
                bytes: bytes.len() as u64,
            },
            repairs: ing.repairs,
            text: ing.text,
            ..Document::default()
        };
        crate::extract::understand(&mut doc);
        Ok(doc)
    })
}

thread_local! {
    /// Set while this thread runs one file's work inside [`guarded`].
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs a panic hook that stays quiet for a panic inside one file's work
/// (it is caught and reported as one line naming the file) and keeps Rust's
/// usual report for any other panic. Called once by the binary.
pub fn quiet_guarded_panics() {
    let usual = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !GUARDED.with(|g| g.get()) {
            usual(info)
        }
    }));
}

/// Runs one file's work, turning a panic inside it (ours or a third-party
/// parser's) into that file's error, so the batch goes on.
fn guarded<T>(path: &Path, format: &'static str, work: impl FnOnce() -> Result<T, FileError>) -> Result<T, FileError> {
    let outer = GUARDED.with(|g| g.replace(true));
    let result = catch_unwind(AssertUnwindSafe(work));
    GUARDED.with(|g| g.set(outer));
    result.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Err(FileError {
            path: path.to_path_buf(),
            format: Some(format),
            cause: format!("internal error while reading (parser panicked: {what})"),
        })
    })
}

/// Stack of the threads that parse files: recursive parsers (nested PDF
/// objects, HTML trees) get room well past their depth limits. Only the
/// pages touched are committed.
const PARSER_STACK: usize = 16 << 20;

/// A file's work, run on a reader thread (see [`ReaderThreads`]).
type ReadJob = Box<dyn FnOnce() + Send>;

/// The threads that read files under `--file-timeout`, kept from one file
/// to the next: a thread spawned per file (its 16 MB stack mapped and
/// unmapped each time) cost a sixth of an indexing run. A file that
/// overruns its budget keeps its thread (it is abandoned, never waited
/// for), and the next file gets another one.
pub struct ReaderThreads {
    jobs: std::sync::mpsc::Sender<ReadJob>,
    queue: std::sync::Arc<std::sync::Mutex<std::sync::mpsc::Receiver<ReadJob>>>,
    /// Threads waiting for a job that no caller has claimed yet.
    idle: std::sync::atomic::AtomicUsize,
}

/// The process's reader threads.
fn readers() -> &'static ReaderThreads {
    static READERS: std::sync::LazyLock<ReaderThreads> = std::sync::LazyLock::new(|| {
        let (jobs, queue) = std::sync::mpsc::channel();
        ReaderThreads { jobs, queue: std::sync::Arc::new(std::sync::Mutex::new(queue)), idle: Default::default() }
    });
    &READERS
}

impl ReaderThreads {
    /// Runs `job` on a thread of its own: an idle one, claimed, or a new
    /// one. Every job sent has a thread that is free to take it, so a job
    /// never waits behind an abandoned one. `Err` when no thread can be
    /// started (the caller runs the work itself).
    fn start(&'static self, job: ReadJob) -> std::io::Result<()> {
        use std::sync::atomic::Ordering::SeqCst;
        let claimed = self.idle.fetch_update(SeqCst, SeqCst, |n| n.checked_sub(1)).is_ok();
        if !claimed {
            let queue = self.queue.clone();
            std::thread::Builder::new().name("vanban-file".into()).stack_size(PARSER_STACK).spawn(move || loop {
                let next = queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
                let Ok(job) = next else { return };
                // The work is guarded against panics inside; this keeps the thread whatever happens.
                let _ = catch_unwind(AssertUnwindSafe(job));
                self.idle.fetch_add(1, SeqCst);
            })?;
        }
        self.jobs.send(job).map_err(|_| std::io::Error::other("the reader threads are gone"))
    }
}

/// The thread pool that reads files, one file per task.
///
/// It is not rayon's global pool on purpose: a file worker waits on its
/// watchdog (see [`process_bytes`]) while the file's own parallel work (the
/// pages of a long PDF) runs in the global pool. Were both the same pool,
/// every worker could be waiting and nobody left to read the pages.
pub fn file_pool() -> &'static rayon::ThreadPool {
    static POOL: std::sync::LazyLock<rayon::ThreadPool> = std::sync::LazyLock::new(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("vanban-files-{i}"))
            .stack_size(PARSER_STACK)
            .build()
            .unwrap_or_else(|_| rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a one-thread pool"))
    });
    &POOL
}

/// Files handed to a reader thread at once by [`map_watched`]: the caller
/// waits once per group, not once per file (a hand-over per file cost
/// 12% of an extraction's CPU and left the cores idle between files).
const WATCH_GROUP: usize = 8;

/// How long past its budget a file runs before it is abandoned.
const GRACE: Duration = Duration::from_secs(1);

/// Why [`map_watched`] answers for an item instead of its work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abandoned {
    /// It overran its budget; the format its work had noted, if any.
    TimedOut(Option<&'static str>),
    /// Its work panicked (the work guards its parsers, so this is a bug).
    Panicked,
}

/// A group of items on one reader thread, seen by the caller that waits.
struct Group<R> {
    /// Results of the group's items, from the first one the thread took.
    results: Vec<Option<R>>,
    /// Item in progress (an index into the caller's items) and since when.
    current: usize,
    started: std::time::Instant,
    /// What the item in progress said of itself (its format).
    note: Option<&'static str>,
    finished: bool,
    /// Set by the caller: the thread stops after the item it is on.
    abandoned: bool,
}

type Shared<R> = std::sync::Arc<(std::sync::Mutex<Group<R>>, std::sync::Condvar)>;

fn lock<R>(shared: &Shared<R>) -> std::sync::MutexGuard<'_, Group<R>> {
    shared.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Maps `work` over `items` in parallel, results in item order.
///
/// With a `budget` (`--file-timeout`) the items run on the reader threads
/// ([`ReaderThreads`]) a group at a time, the caller waiting for the group.
/// An item still running a second past its budget is abandoned (its thread
/// is left to it, never waited for) and answered by `gave_up`; the group's
/// later items are read on another thread. Without a budget the work runs on
/// the file pool directly.
pub fn map_watched<T, R, W, G>(items: &[T], budget: Option<Duration>, work: std::sync::Arc<W>, gave_up: G) -> Vec<R>
where
    T: Clone + Send + Sync + 'static,
    R: Send + 'static,
    W: Fn(&T, &dyn Fn(&'static str)) -> R + Send + Sync + 'static,
    G: Fn(&T, Abandoned) -> R + Sync,
{
    let Some(budget) = budget else {
        return file_pool().install(|| items.par_iter().map(|t| work(t, &|_| {})).collect());
    };
    file_pool().install(|| {
        items.par_chunks(WATCH_GROUP).flat_map_iter(|g| watch_group(std::sync::Arc::new(g.to_vec()), budget, &work, &gave_up)).collect()
    })
}

/// Runs one group of items on a reader thread and waits for it (see
/// [`map_watched`]).
fn watch_group<T, R, W, G>(items: std::sync::Arc<Vec<T>>, budget: Duration, work: &std::sync::Arc<W>, gave_up: &G) -> Vec<R>
where
    T: Send + Sync + 'static,
    R: Send + 'static,
    W: Fn(&T, &dyn Fn(&'static str)) -> R + Send + Sync + 'static,
    G: Fn(&T, Abandoned) -> R,
{
    let n = items.len();
    let mut out = Vec::with_capacity(n);
    let mut from = 0;
    while from < n {
        let shared: Shared<R> = std::sync::Arc::new((
            std::sync::Mutex::new(Group {
                results: (from..n).map(|_| None).collect(),
                current: from,
                started: std::time::Instant::now(),
                note: None,
                finished: false,
                abandoned: false,
            }),
            std::sync::Condvar::new(),
        ));
        let job: ReadJob = {
            let (shared, items, work) = (shared.clone(), items.clone(), work.clone());
            Box::new(move || run_group(&shared, &items, from, &*work))
        };
        if readers().start(job).is_err() {
            // No thread can be started: the work runs here, unwatched.
            out.extend(items[from..].iter().map(|t| work(t, &|_| {})));
            break;
        }
        let mut g = lock(&shared);
        while !g.finished {
            let deadline = g.started + budget + GRACE;
            let now = std::time::Instant::now();
            if now >= deadline {
                g.abandoned = true;
                break;
            }
            g = shared.1.wait_timeout(g, deadline - now).unwrap_or_else(std::sync::PoisonError::into_inner).0;
        }
        let done = if g.finished { n } else { g.current };
        let results: Vec<Option<R>> = g.results.drain(..done - from).collect();
        for (i, r) in results.into_iter().enumerate() {
            out.push(r.unwrap_or_else(|| gave_up(&items[from + i], Abandoned::Panicked)));
        }
        if done < n {
            out.push(gave_up(&items[done], Abandoned::TimedOut(g.note)));
        }
        from = done + 1;
    }
    out
}

/// A reader thread's side of [`watch_group`]: the items from `from` on, one
/// after another, until they are done or the caller has given up on one.
fn run_group<T, R, W>(shared: &Shared<R>, items: &[T], from: usize, work: &W)
where
    W: Fn(&T, &dyn Fn(&'static str)) -> R,
{
    for (i, item) in items.iter().enumerate().skip(from) {
        {
            let mut g = lock(shared);
            if g.abandoned {
                return;
            }
            (g.current, g.started, g.note) = (i, std::time::Instant::now(), None);
        }
        let note = |what: &'static str| lock(shared).note = Some(what);
        // A panic leaves the result empty: answered as `Panicked`.
        let r = catch_unwind(AssertUnwindSafe(|| work(item, &note))).ok();
        let mut g = lock(shared);
        if g.abandoned {
            return;
        }
        g.results[i - from] = r;
    }
    lock(shared).finished = true;
    shared.1.notify_one();
}

/// A whole file's bytes for a command that reads one file start to end
/// (`repair`): mapped into memory when it is a megabyte or more (no copy and
/// no fresh pages: reading 4.5 MB into a vector cost 2-3 ms of a 30 ms
/// `vanban repair`), read whole otherwise (stdin, small files, maps that fail).
pub enum WholeFile {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl WholeFile {
    pub fn open(path: &Path) -> std::io::Result<WholeFile> {
        let f = std::fs::File::open(path)?;
        // Small files read faster than they map (two syscalls more).
        if f.metadata()?.len() >= 1 << 20 {
            // SAFETY: the map is read-only and only read through a byte
            // slice while this command runs. What no map can guard against is
            // another process changing the file meanwhile: rewritten in
            // place, the output is garbage; truncated, reading the lost pages
            // raises SIGBUS and the process dies. ripgrep takes the same risk
            // for the same gain; the batch commands (`extract`, `index`)
            // never map, they read.
            if let Ok(m) = unsafe { memmap2::MmapOptions::new().populate().map(&f) } {
                return Ok(WholeFile::Mapped(m));
            }
        }
        std::fs::read(path).map(WholeFile::Read)
    }

    pub fn bytes(&self) -> &[u8] {
        match self {
            WholeFile::Mapped(m) => m,
            WholeFile::Read(b) => b,
        }
    }
}

/// Lower-case hex sha256 of `bytes`.
pub fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A progress bar on stderr when it is a terminal, hidden otherwise.
pub fn progress(len: u64, what: &str) -> ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
    }
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} {per_sec} eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    pb.set_prefix(what.to_string());
    pb
}

/// Most input bytes read in parallel at once: a chunk of files holds
/// every document it made until it is written, and a text or HTML page
/// takes about ten times its size in memory while it is understood.
pub const CHUNK_BYTES: u64 = 128 << 20;

/// Splits `items` into runs of at most `max_count` items whose files
/// together weigh at most [`CHUNK_BYTES`] (a file past it runs alone):
/// a folder of large files is read a few at a time, not 64 or 256 at once.
pub fn bounded_chunks<'a, T>(
    items: &'a [T],
    max_count: usize,
    path: impl Fn(&T) -> Option<&Path> + 'a,
) -> impl Iterator<Item = &'a [T]> + 'a {
    sized_chunks(items, max_count, path).map(|(chunk, _)| chunk)
}

/// [`bounded_chunks`], each run with the bytes its files weigh. Lazy: a
/// run's files are weighed (one `stat` each) only when the run is asked
/// for, so reading starts after the first run's, not after 100,000 of them.
pub fn sized_chunks<'a, T>(
    items: &'a [T],
    max_count: usize,
    path: impl Fn(&T) -> Option<&Path> + 'a,
) -> impl Iterator<Item = (&'a [T], u64)> + 'a {
    let weigh = move |item: &T| path(item).and_then(|p| std::fs::metadata(p).ok()).map_or(0, |m| m.len());
    let mut start = 0;
    // The first file of the next run, weighed while closing this one.
    let mut carried = None;
    std::iter::from_fn(move || {
        if start >= items.len() {
            return None;
        }
        let from = start;
        let mut bytes = 0u64;
        for (i, item) in items.iter().enumerate().skip(from) {
            let size = match carried.take() {
                Some(size) => size,
                None => weigh(item),
            };
            if i > from && (i - from >= max_count.max(1) || bytes + size > CHUNK_BYTES) {
                carried = Some(size);
                start = i;
                return Some((&items[from..i], bytes));
            }
            bytes += size;
        }
        start = items.len();
        Some((&items[from..], bytes))
    })
}

/// Processes every input in parallel, calling `sink` in input order with
/// each result. Returns (documents, failures).
pub fn run<F>(inputs: Vec<Result<PathBuf, FileError>>, limits: &Limits, mut sink: F) -> (usize, usize)
where
    F: FnMut(Result<Document, FileError>),
{
    let pb = progress(inputs.len() as u64, "extract");
    let (mut ok, mut failed) = (0, 0);
    let read_chunk = |chunk: &[Result<PathBuf, FileError>]| {
        let work = {
            let (limits, pb) = (limits.clone(), pb.clone());
            std::sync::Arc::new(move |r: &Result<PathBuf, FileError>, note: &dyn Fn(&'static str)| {
                let out = match r {
                    Ok(p) => read_and_process(p, &limits, note),
                    Err(e) => Err(e.clone()),
                };
                pb.inc(1);
                out
            })
        };
        map_watched(chunk, limits.timeout, work, |r, why| {
            pb.inc(1);
            Err(match r {
                Ok(p) => abandoned(p, why, limits),
                Err(e) => e.clone(),
            })
        })
    };
    // Chunks keep memory bounded while preserving input order in the
    // output. A reader thread extracts the next chunk while this one hands
    // the last to `sink` (writing JSON lines): one chunk ahead at most.
    std::thread::scope(|scope| {
        // A rendezvous: the reader holds the run it made until this thread
        // takes it, so two runs at most are in memory, not three.
        let (tx, rx) = std::sync::mpsc::sync_channel(0);
        let read_chunk = &read_chunk;
        let inputs = &inputs;
        let max_file_size = limits.max_file_size;
        scope.spawn(move || {
            let chunks = bounded_chunks(inputs, 256, |r| r.as_ref().ok().map(PathBuf::as_path));
            for chunk in readahead::ahead_of(chunks, max_file_size, |c| c.iter().filter_map(|r| r.as_deref().ok()).collect()) {
                if tx.send(read_chunk(chunk)).is_err() {
                    return;
                }
            }
        });
        for results in rx {
            for r in results {
                if r.is_ok() {
                    ok += 1
                } else {
                    failed += 1
                }
                sink(r);
            }
        }
    });
    pb.finish_and_clear();
    (ok, failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Items 0..40 in order; item 13 never ends, item 22 panics: both are
    /// answered for, every other item is worked, and the call returns.
    #[test]
    fn watched_items_keep_their_order_and_a_stuck_one_is_abandoned() {
        let work = std::sync::Arc::new(|&i: &u32, note: &dyn Fn(&'static str)| {
            note("text");
            match i {
                13 => std::thread::sleep(Duration::from_secs(20)),
                22 => panic!("a bug"),
                _ => {}
            }
            Ok(i * 10)
        });
        let items: Vec<u32> = (0..40).collect();
        let started = std::time::Instant::now();
        let out: Vec<Result<u32, Abandoned>> =
            map_watched(&items, Some(Duration::from_millis(100)), work, |_, why| Err(why));
        // Abandoned a second past its budget, not waited for (20 s).
        assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
        for (i, r) in out.iter().enumerate() {
            let want = match i {
                13 => Err(Abandoned::TimedOut(Some("text"))),
                22 => Err(Abandoned::Panicked),
                _ => Ok(i as u32 * 10),
            };
            assert_eq!(*r, want, "item {i}");
        }
        assert_eq!(out.len(), items.len());
        // Without a budget the same work runs on the pool.
        let plain = map_watched(&[1u32, 2, 3], None, std::sync::Arc::new(|&i: &u32, _: &dyn Fn(&'static str)| i + 1), |_, _| 0);
        assert_eq!(plain, [2, 3, 4]);
    }

    /// One file on its own (the library's `process_bytes`) is watched the
    /// same way: 2 MB of high-byte noise, seconds of repair, is given up
    /// on a second past its budget, with its format named.
    #[test]
    fn a_single_file_over_its_time_is_abandoned() {
        let mut x = 1u32;
        let noise: Vec<u8> = (0..2 << 20)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                0x20 + ((x >> 16) as u8) % 0xE0
            })
            .collect();
        let limits = Limits { timeout: Some(Duration::from_millis(100)), ..Default::default() };
        let started = std::time::Instant::now();
        let err = process_bytes(Path::new("noise.txt"), &noise, &limits).expect_err("abandoned");
        assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
        assert!(err.cause.contains("gave up after 0.1 s (--file-timeout)"), "{}", err.cause);
        assert_eq!(err.format, Some(ingest::sniff(&noise).as_str()));
    }

    #[test]
    fn reader_threads_are_reused_and_no_job_waits_behind_a_stuck_one() {
        let (release, stuck_on) = std::sync::mpsc::channel::<()>();
        readers().start(Box::new(move || { let _ = stuck_on.recv(); })).expect("a reader thread");
        for i in 0..50 {
            let (tx, rx) = std::sync::mpsc::sync_channel(1);
            readers().start(Box::new(move || { let _ = tx.send(i); })).expect("a reader thread");
            assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok(i));
        }
        // A finished job's thread waits for the next one.
        assert!(readers().idle.load(std::sync::atomic::Ordering::SeqCst) >= 1);
        drop(release);
    }

    /// No input reachable today makes a parser panic (the fuzz targets look
    /// for one); this drives the guard with a real panic instead.
    #[test]
    fn a_panic_in_a_parser_becomes_that_files_error() {
        let path = Path::new("inbox/letter.pdf");
        let caught = guarded::<()>(path, "pdf", || {
            let depth: Vec<u8> = Vec::new();
            let _ = depth[3]; // index out of bounds, as a buggy parser would
            Ok(())
        });
        let err = caught.expect_err("the panic is an error");
        assert_eq!(err.path, path);
        assert_eq!(err.format, Some("pdf"));
        assert!(err.cause.starts_with("internal error while reading (parser panicked: index out of bounds"), "{}", err.cause);
        let fine = guarded(path, "pdf", || Ok(7));
        assert_eq!(fine.expect("no panic, no error"), 7);
    }
}
