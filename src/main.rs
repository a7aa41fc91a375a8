//! The `vanban` command line: parses arguments and calls the library.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use vanban::ingest::Limits;
use vanban::model::{FailedDocument, FailedSource};

/// jemalloc, not the platform's malloc: over a 100,000-document run glibc's
/// `malloc` took 24 times its 10,000-document time (free lists grow long as
/// the heap fragments), the largest cost that grew faster than the input;
/// with jemalloc a 100k run takes 7-11% less CPU, a 10k run 2-6% less
/// (bench/RESULTS.md).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options (`malloc_conf`; `_RJEM_MALLOC_CONF` in the environment
/// still overrides them).
///
/// `thp:always`: a kernel whose transparent huge pages are set to `madvise`
/// (many distributions' default, and this machine's) backs with 2 MiB pages
/// only the memory that asks for them, and this makes jemalloc ask. The
/// index builders read hundreds of MiB of term table and postings at
/// random, one lookup per token, and with 4 KiB pages each lookup also
/// walks page tables too large for the cache. 100k cold, 5 pairs in turn:
/// medians 51.0 against 56.9 s; 10k: +8% CPU in 4 pairs, the same in 6
/// (bench/RESULTS.md).
///
/// `narenas:2`: two arenas, not jemalloc's default of four per core. Each
/// arena keeps the memory freed in it for the threads that use it, until
/// its decay hands it back to the kernel (10 s). An index run's threads
/// (extraction, tantivy's writers, the docstore's compressor) allocate and
/// free at their own paces, so with eight arenas much freed memory sat idle
/// until it was handed back, and new memory was faulted in (and zeroed,
/// 2 MiB at a time) in its place. That cost grows with the length of a run,
/// not only with its input: zeroing pages was 1.6-2.0% of a 100k run's
/// samples against 0.3% of a 10k run's. 100k warm (bench/RESULTS.md): 5
/// runs with eight arenas took 37,655-62,112 page faults, 3 with two took
/// 28,874-36,941; peak RSS 0.65 GB in all 3 against 0.77-0.79 GB. Never
/// handing memory back (`dirty_decay_ms:-1`) cut faults to about 8,000 but
/// let one cold run's peak RSS reach 0.99 GB, too near the 1 GiB goal. On
/// a machine of many cores the threads share the two arenas; jemalloc's
/// per-thread caches serve most allocations without the arena's lock, but
/// that was not measured on more than two cores.
#[cfg(not(target_env = "msvc"))]
#[export_name = "_rjem_malloc_conf"]
static JEMALLOC_OPTIONS: &[u8; 21] = b"thp:always,narenas:2\0";

#[derive(Parser)]
#[command(name = "vanban", version, about = "Vietnamese government directives → a searchable register of who must do what, by when")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct LimitArgs {
    /// Largest input file, in bytes.
    #[arg(long, default_value_t = 512 << 20)]
    max_file_size: u64,
    /// Most pages read from one PDF.
    #[arg(long, default_value_t = 2000)]
    max_pages: u32,
    /// Largest decompressed PDF stream, DOCX part or text/HTML file, in bytes (a PDF's streams: 4× in all).
    #[arg(long, default_value_t = Limits::default().max_inflated)]
    max_inflated: u64,
    /// Seconds one file may take before it is abandoned and reported (0: no limit).
    #[arg(long, default_value_t = 60.0)]
    file_timeout: f64,
    /// Password for user-password-protected PDFs.
    #[arg(long)]
    password: Option<String>,
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        let timeout = (self.file_timeout > 0.0).then(|| std::time::Duration::from_secs_f64(self.file_timeout));
        Limits {
            max_file_size: self.max_file_size,
            max_pages: self.max_pages,
            max_inflated: self.max_inflated,
            password: self.password.clone(),
            timeout,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Repair mis-encoded Vietnamese: FILE (or stdin) as bytes → NFC UTF-8 on stdout.
    Repair {
        file: Option<PathBuf>,
        /// Write a JSON summary of what changed to stderr.
        #[arg(long)]
        explain: bool,
    },
    /// Extract documents: one JSON document per input file, as NDJSON.
    Extract {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write one .json file per input into DIR instead of NDJSON on stdout.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Extract and add to a tantivy index (incremental: unchanged files are skipped).
    Index {
        #[arg(long, default_value = "vanban-index")]
        index: PathBuf,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Remove entries whose files are gone.
        #[arg(long)]
        prune: bool,
        /// Files per commit: a run cut short (crash, kill) loses at most this many files' work.
        #[arg(long, default_value_t = vanban::index::writer::IndexOptions::default().commit_every)]
        commit_every: usize,
        /// Threads that build the index's segments (default: half the cores, two on two cores).
        #[arg(long)]
        writer_threads: Option<usize>,
        /// Memory of the segment builders, in MiB: a segment is written each time it fills.
        #[arg(long, default_value_t = vanban::index::writer::IndexOptions::default().writer_memory >> 20)]
        writer_memory: usize,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Full-text search over documents and task clauses.
    Search {
        #[arg(long, default_value = "vanban-index")]
        index: PathBuf,
        query: String,
        /// NDJSON hits on stdout.
        #[arg(long)]
        json: bool,
        /// Only units whose tasks name this agency (any spelling).
        #[arg(long)]
        agency: Option<String>,
        /// Document type (TB, KH, QĐ ...).
        #[arg(long = "type")]
        doc_type: Option<String>,
        /// Issued on or after this date (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Issued on or before this date (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Only `doc` or only `task` units.
        #[arg(long)]
        kind: Option<String>,
        /// Most hits printed.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// The task register.
    Tasks {
        #[arg(long, default_value = "vanban-index")]
        index: PathBuf,
        /// Tasks of this agency (any spelling, abbreviation or old name).
        #[arg(long)]
        agency: Option<String>,
        /// lead or support.
        #[arg(long)]
        role: Option<vanban::index::tasks::Role>,
        /// Due on or before this date (YYYY-MM-DD).
        #[arg(long)]
        due_before: Option<String>,
        /// Due strictly before this date: overdue at it (YYYY-MM-DD).
        #[arg(long)]
        overdue_at: Option<String>,
        /// NDJSON on stdout.
        #[arg(long)]
        json: bool,
        /// Most rows printed (default: 100 in the table, all with --json).
        #[arg(long)]
        limit: Option<usize>,
        /// Every row (the whole register).
        #[arg(long, conflicts_with = "limit")]
        all: bool,
    },
    /// The tree of documents that implement document NUMBER.
    Trace {
        #[arg(long, default_value = "vanban-index")]
        index: PathBuf,
        number: String,
        /// The tree as JSON.
        #[arg(long)]
        json: bool,
        /// Lowest clause similarity (0..1) that counts as carrying out a parent clause.
        #[arg(long, default_value_t = vanban::trace::TraceOptions::default().threshold)]
        min_score: f32,
    },
    /// Write a deterministic synthetic corpus (notices, plans, provincial letters in citation chains).
    GenCorpus {
        /// Number of documents.
        #[arg(long, default_value_t = 1000)]
        docs: usize,
        /// Seed: the same seed and count give the same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder to write the documents into.
        #[arg(long)]
        out: PathBuf,
        /// Also write this many clean documents as .txt into --pdf-dir, to be turned into PDFs.
        #[arg(long, default_value_t = 0)]
        pdfs: usize,
        /// Folder for the --pdfs sources (default: OUT.pdf-src next to --out).
        #[arg(long)]
        pdf_dir: Option<PathBuf>,
        /// Write what each document was generated to say (NDJSON) here; must lie outside --out.
        #[arg(long)]
        truth: Option<PathBuf>,
        /// Share of documents damaged by one mojibake family.
        #[arg(long, default_value_t = 0.10)]
        corrupt: f64,
    },
    /// Export an index as NDJSON records for Quickwit or OpenSearch (schemas/quickwit/).
    Export {
        #[arg(long, default_value = "vanban-index")]
        index: PathBuf,
        #[arg(long, value_enum, default_value = "ndjson")]
        format: vanban::export::Format,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    vanban::pipeline::quiet_guarded_panics();
    match run(cli) {
        Ok(code) => code,
        // A closed pipe (`vanban extract ... | head`) is the reader's choice, not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vanban: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Repair { file, explain } => repair(file, explain),
        Command::Extract { paths, out, limits } => extract(paths, out, limits.limits()),
        Command::Index { index, paths, prune, commit_every, writer_threads, writer_memory, limits } => {
            let opts = vanban::index::writer::IndexOptions {
                limits: limits.limits(),
                prune,
                commit_every,
                writer_threads,
                writer_memory: writer_memory << 20,
                ..Default::default()
            };
            index_cmd(index, paths, opts)
        }
        Command::Search { index, query, json, agency, doc_type, from, to, kind, limit } => {
            let opts = vanban::index::search::SearchOptions { limit, agency, doc_type, from, to, kind };
            search_cmd(index, &query, &opts, json)
        }
        Command::Tasks { index, agency, role, due_before, overdue_at, json, limit, all } => {
            let limit = if all || (json && limit.is_none()) { None } else { Some(limit.unwrap_or(100)) };
            let filter = vanban::index::tasks::TaskFilter { agency, role, due_before, overdue_at, limit };
            tasks_cmd(index, &filter, json)
        }
        Command::Trace { index, number, json, min_score } => trace_cmd(index, &number, json, min_score),
        Command::GenCorpus { docs, seed, out, pdfs, pdf_dir, truth, corrupt } => {
            gen_corpus_cmd(docs, seed, out, pdfs, pdf_dir, truth, corrupt)
        }
        Command::Export { index, format } => export_cmd(index, format),
    }
}

fn repair(file: Option<PathBuf>, explain: bool) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    let input = match &file {
        Some(p) => vanban::pipeline::WholeFile::open(p).with_context(|| format!("{}", p.display()))?,
        None => {
            let mut b = Vec::new();
            std::io::stdin().read_to_end(&mut b).context("stdin")?;
            vanban::pipeline::WholeFile::Read(b)
        }
    };
    // The report is worked out only when it is shown.
    let (text, report) = if explain {
        let (t, r) = vanban::repair::repair_bytes(input.bytes());
        (t, Some(r))
    } else {
        (vanban::repair::repair_bytes_text(input.bytes()), None)
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    if let Some(report) = report {
        eprintln!("{}", serde_json::to_string_pretty(&report.explain_json())?);
    }
    Ok(ExitCode::SUCCESS)
}

fn extract(paths: Vec<PathBuf>, out: Option<PathBuf>, limits: Limits) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    if let Some(dir) = &out {
        std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    }
    let inputs = vanban::pipeline::collect_inputs(&paths);
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let mut write_err: Option<anyhow::Error> = None;
    let (ok, failed) = vanban::pipeline::run(inputs, &limits, |r| {
        let line = match &r {
            Ok(doc) => serde_json::to_string(doc),
            Err(e) => {
                eprintln!("vanban: {}: {}", e.path.display(), e.cause);
                serde_json::to_string(&FailedDocument {
                    source: FailedSource { path: e.path.display().to_string(), format: e.format.map(str::to_string) },
                    error: e.cause.clone(),
                })
            }
        };
        let res = line.map_err(anyhow::Error::from).and_then(|line| match (&out, &r) {
            (Some(dir), Ok(doc)) => {
                let name = std::path::Path::new(&doc.source.path)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| doc.id.clone());
                std::fs::write(dir.join(format!("{name}.json")), line).map_err(anyhow::Error::from)
            }
            _ => writeln!(w, "{line}").map_err(anyhow::Error::from),
        });
        if let Err(e) = res {
            write_err.get_or_insert(e);
        }
    });
    w.flush()?;
    if let Some(e) = write_err {
        return Err(e);
    }
    eprintln!("vanban extract: {ok} files read, {failed} failed");
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The agency registry the index and its questions resolve names with.
fn resolver() -> Box<dyn vanban::index::agency::AgencyResolver> {
    vanban::index::agency::registry()
}

fn stdout_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}

fn index_cmd(dir: PathBuf, paths: Vec<PathBuf>, opts: vanban::index::writer::IndexOptions) -> anyhow::Result<ExitCode> {
    if opts.commit_every == 0 {
        anyhow::bail!("--commit-every must be at least 1");
    }
    if opts.writer_threads == Some(0) {
        anyhow::bail!("--writer-threads must be at least 1");
    }
    let least = vanban::index::writer::MIN_WRITER_MEMORY;
    if opts.writer_memory < least {
        anyhow::bail!("--writer-memory must be at least {} (MiB)", least >> 20);
    }
    let ix = vanban::index::VanIndex::open_or_create(&dir)?;
    let stats = vanban::index::writer::index_paths(&ix, &paths, &opts, &*resolver(), &mut |e| {
        eprintln!("vanban: {}: {}", e.path.display(), e.cause)
    })?;
    eprintln!("vanban index: {stats}");
    eprintln!("vanban index: {} files read, {} failed", stats.indexed + stats.unchanged, stats.failed);
    Ok(if stats.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn search_cmd(
    dir: PathBuf,
    query: &str,
    opts: &vanban::index::search::SearchOptions,
    json: bool,
) -> anyhow::Result<ExitCode> {
    use vanban::index::search::Markers;
    let ix = vanban::index::VanIndex::open(&dir)?;
    let markers = if json {
        Markers { open: "<b>", close: "</b>" }
    } else if stdout_is_terminal() {
        Markers { open: "\x1b[1;33m", close: "\x1b[0m" }
    } else {
        Markers { open: "**", close: "**" }
    };
    let hits = vanban::index::search::search(&ix, query, opts, &*resolver(), markers)?;
    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
    for (i, h) in hits.iter().enumerate() {
        if json {
            writeln!(w, "{}", serde_json::to_string(h)?)?;
            continue;
        }
        let u = &h.unit;
        let what = match (&u.number, &u.section) {
            (Some(n), Some(s)) => format!("{n} § {s}"),
            (Some(n), None) => n.clone(),
            (None, Some(s)) => format!("{} § {s}", u.path),
            (None, None) => u.path.clone(),
        };
        writeln!(w, "{:>2}. [{}] {what}  ({}{}, score {:.2})", i + 1, u.kind, u.issued_date.as_deref().unwrap_or("no date"), if h.exact { ", exact" } else { "" }, h.score)?;
        writeln!(w, "    {}", h.snippet)?;
    }
    if hits.is_empty() && !json {
        writeln!(w, "no match")?;
    }
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn tasks_cmd(dir: PathBuf, filter: &vanban::index::tasks::TaskFilter, json: bool) -> anyhow::Result<ExitCode> {
    let ix = vanban::index::VanIndex::open(&dir)?;
    let page = vanban::index::tasks::tasks_page(&ix, filter, &*resolver())?;
    let rows = page.rows;
    if rows.len() < page.total {
        eprintln!("vanban tasks: the first {} of {} tasks (--limit N for more, --all for every one)", rows.len(), page.total);
    }
    if let (true, Some(a)) = (rows.is_empty(), &filter.agency) {
        eprintln!("vanban tasks: no task names {a:?} (nor any other spelling of it the registry knows)");
    }
    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
    if json {
        for r in &rows {
            writeln!(w, "{}", serde_json::to_string(r)?)?;
        }
    } else {
        let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(160);
        write!(w, "{}", vanban::index::tasks::render_table(&rows, width))?;
    }
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn trace_cmd(dir: PathBuf, number: &str, json: bool, min_score: f32) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&min_score) {
        anyhow::bail!("--min-score {min_score}: expected a number from 0 to 1");
    }
    let ix = vanban::index::VanIndex::open(&dir)?;
    let opts = vanban::trace::TraceOptions { threshold: min_score, ..Default::default() };
    let tree = vanban::trace::trace(&ix, number, &*resolver(), &opts)?;
    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
    if json {
        writeln!(w, "{}", serde_json::to_string_pretty(&tree)?)?;
    } else {
        write!(w, "{}", vanban::trace::render(&tree))?;
    }
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn gen_corpus_cmd(
    docs: usize,
    seed: u64,
    out: PathBuf,
    pdfs: usize,
    pdf_dir: Option<PathBuf>,
    truth: Option<PathBuf>,
    corrupt: f64,
) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&corrupt) {
        anyhow::bail!("--corrupt must be between 0 and 1, not {corrupt}");
    }
    let opts = vanban::gen::GenOptions { docs, seed, corrupt_share: corrupt };
    let pdf_dir = pdf_dir.unwrap_or_else(|| {
        let mut name = out.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "corpus".into());
        name.push(".pdf-src");
        out.with_file_name(name)
    });
    let pdf = (pdfs > 0).then_some((pdf_dir.as_path(), pdfs));
    let stats = vanban::gen::generate(&opts, &out, truth.as_deref(), pdf)?;
    eprintln!("vanban gen-corpus: {stats}");
    Ok(ExitCode::SUCCESS)
}

fn export_cmd(dir: PathBuf, format: vanban::export::Format) -> anyhow::Result<ExitCode> {
    let ix = vanban::index::VanIndex::open(&dir)?;
    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
    let stats = vanban::export::export(&ix, format, &mut w)?;
    eprintln!("vanban export: {} documents, {} tasks", stats.documents, stats.tasks);
    Ok(ExitCode::SUCCESS)
}
