//! The `vanban` command line: parses arguments and calls the library.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use vanban::ingest::Limits;
use vanban::model::{FailedDocument, FailedSource};

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
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        Limits { max_file_size: self.max_file_size, max_pages: self.max_pages, ..Limits::default() }
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
    /// Extract and add to a tantivy index.
    Index {
        #[arg(long, default_value = "vanban-index")]
        index: PathBuf,
        paths: Vec<PathBuf>,
    },
    /// Full-text search over documents and task clauses.
    Search {
        #[arg(long, default_value = "vanban-index")]
        index: PathBuf,
        query: String,
    },
    /// The task register.
    Tasks {
        #[arg(long, default_value = "vanban-index")]
        index: PathBuf,
    },
    /// The tree of documents that implement document NUMBER.
    Trace {
        #[arg(long, default_value = "vanban-index")]
        index: PathBuf,
        number: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
        Command::Index { .. } | Command::Search { .. } | Command::Tasks { .. } | Command::Trace { .. } => {
            eprintln!("vanban: not yet built");
            Ok(ExitCode::from(2))
        }
    }
}

fn repair(file: Option<PathBuf>, explain: bool) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    let bytes = match &file {
        Some(p) => std::fs::read(p).with_context(|| format!("{}", p.display()))?,
        None => {
            let mut b = Vec::new();
            std::io::stdin().read_to_end(&mut b).context("stdin")?;
            b
        }
    };
    let (text, report) = vanban::repair::repair_bytes(&bytes);
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    if explain {
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
    if failed > 0 {
        eprintln!("vanban: {ok} documents extracted, {failed} failed");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
