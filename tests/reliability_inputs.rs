//! The bad-input suite: every kind of hostile or broken file a secretariat
//! receives, generated here, fed in one batch to `vanban extract` and to
//! `vanban index`. Each bad file gets exactly one stderr line naming it and
//! its cause (and one JSON error line from `extract`), the good files
//! around it are read, the run exits 1 and ends with a summary count.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "fixtures/badgen.rs"]
mod badgen;
#[path = "fixtures/pdfgen.rs"]
#[allow(dead_code)]
mod pdfgen;

use badgen::*;

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

fn corpus_letter() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/002_113c8654baf53291.txt")
}

/// What one input must give.
#[derive(Debug, Clone)]
enum Expect {
    /// A failure whose cause contains every one of these pieces.
    Error(&'static [&'static str]),
    /// A document of this format whose text contains this.
    Doc(&'static str, &'static str),
}

struct Case {
    name: String,
    expect: Expect,
}

/// An encrypted one-page PDF (lopdf, RC4-128) showing a document number.
fn encrypted_pdf(owner: &str, user: &str) -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.5");
    let font = pdfgen::UnicodeFont::new(&mut doc, "Số: 59/TB-VPCP");
    let content = format!("BT /F1 12 Tf 72 700 Td {} Tj ET", font.hex("Số: 59/TB-VPCP")).into_bytes();
    let mut doc = pdfgen::build(vec![("F1", font.font.clone())], vec![content], vec![], Some(doc));
    pdfgen::encrypt(&mut doc, owner, user);
    pdfgen::save(doc)
}

/// Where the xref table starts in a [`raw_pdf`]: a cut there keeps every object.
fn xref_at(b: &[u8]) -> usize {
    b.windows(5).rposition(|w| w == b"xref\n").unwrap_or(b.len())
}

/// Writes every case into `dir` and says what each must give.
fn build_cases(dir: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, expect: Expect| {
        std::fs::write(dir.join(name), bytes).expect("write case");
        cases.push(Case { name: name.into(), expect });
    };
    use Expect::*;
    add("empty.txt", vec![], Error(&["empty file"]));
    add("random.bin", random_bytes(64 << 10, 7), Error(&["unrecognised binary content"]));
    let letter_start: String = "Giao Bộ Nội vụ chủ trì, phối hợp với các bộ, ngành rà soát.\n".repeat(20);
    let utf16le: Vec<u8> = letter_start.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let utf16be: Vec<u8> = letter_start.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    add("utf16le_no_bom.txt", utf16le, Doc("text", "Giao Bộ Nội vụ chủ trì, phối hợp"));
    add("utf16be_no_bom.txt", utf16be, Doc("text", "Giao Bộ Nội vụ chủ trì, phối hợp"));
    add("random.pdf", random_bytes(64 << 10, 11), Error(&["unrecognised binary content"]));
    // Cut inside the content stream: nothing to recover.
    add(
        "truncated_early.pdf",
        truncated_pdf(|b| b.windows(6).position(|w| w == b"stream").map_or(40, |p| p + 20)),
        Error(&["truncated", "%%EOF"]),
    );
    // Cut where the xref table starts: every object is there; the xref is rebuilt.
    add("truncated_late.pdf", truncated_pdf(xref_at), Doc("pdf", SENTENCE));
    add("shifted_xref.pdf", shifted_xref_pdf(), Doc("pdf", SENTENCE));
    add("bad_startxref.pdf", bad_startxref_pdf(), Doc("pdf", SENTENCE));
    add("user_password.pdf", encrypted_pdf("owner-secret", "user-secret"), Error(&["encrypted", "--password"]));
    add("owner_password.pdf", encrypted_pdf("owner-secret", ""), Doc("pdf", "59/TB-VPCP"));
    add("cycle.pdf", cyclic_pdf(), Doc("pdf", SENTENCE));
    add("deep.pdf", deep_pdf(100_000), Doc("pdf", SENTENCE));
    add("bomb.pdf", pdf_bomb(2 << 30), Error(&["inflates past", "--max-inflated"]));
    add("half_scanned.pdf", half_scanned_pdf(), Doc("pdf", SENTENCE));
    add("scanned.pdf", scanned_pdf(), Error(&["no text layer"]));
    add(
        "bomb.docx",
        zip_one("word/document.xml", &deflate_zeros(2 << 30), 2 << 30),
        Error(&["word/document.xml", "inflates", "--max-inflated"]),
    );
    add(
        "lying_bomb.docx",
        zip_one("word/document.xml", &deflate_zeros(1 << 30), 1000),
        Error(&["word/document.xml", "inflates past", "--max-inflated"]),
    );
    add(
        "traversal.docx",
        docx("Giao Bộ Nội vụ chủ trì", &[("../../../evil.txt", b"evil"), ("/etc/evil", b"evil")]),
        Doc("docx", "Giao Bộ Nội vụ chủ trì"),
    );
    add("deep.docx", deep_docx(100_000, "Giao Sở Tư pháp"), Doc("docx", "Giao Sở Tư pháp"));
    add("laughs.docx", laughs_docx("Giao Sở Y tế"), Doc("docx", "Giao Sở Y tế"));
    add("word_named.pdf", docx("Kính gửi: Ủy ban nhân dân tỉnh", &[]), Doc("docx", "Kính gửi: Ủy ban nhân dân tỉnh"));
    add(
        "deep.html",
        format!("<!DOCTYPE html><html><body>{}x{}</body></html>", "<div>".repeat(200_000), "</div>".repeat(200_000))
            .into_bytes(),
        Error(&["HTML elements nest", "deep"]),
    );
    add("good.pdf", text_pdf(), Doc("pdf", SENTENCE));
    let letter = std::fs::read(corpus_letter()).expect("corpus letter");
    add("good.txt", letter, Doc("text", "thi đua"));
    // A 2 GB attachment: sparse, so the test writes nothing; refused from its size.
    let huge = std::fs::File::create(dir.join("huge.txt")).expect("huge");
    huge.set_len(2 << 30).expect("sparse 2 GB");
    cases.push(Case { name: "huge.txt".into(), expect: Error(&["2147483648 bytes", "--max-file-size", "not read"]) });
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.join("locked.txt");
        std::fs::write(&locked, "Giao Bộ Nội vụ chủ trì").expect("write");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
        // Root reads through chmod 000: then the file is read, and the
        // FIFO below stands as the unreadable file (it always is one).
        let expect = if std::fs::File::open(&locked).is_err() {
            Error(&["permission denied"])
        } else {
            Doc("text", "Giao Bộ Nội vụ")
        };
        cases.push(Case { name: "locked.txt".into(), expect });
        let fifo = dir.join("pipe.pdf");
        let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
        assert!(made.success(), "mkfifo failed");
        cases.push(Case { name: "pipe.pdf".into(), expect: Error(&["FIFO", "not a regular file"]) });
        std::os::unix::fs::symlink(dir.join("loop_b"), dir.join("loop_a")).expect("symlink");
        std::os::unix::fs::symlink(dir.join("loop_a"), dir.join("loop_b")).expect("symlink");
        for n in ["loop_a", "loop_b"] {
            cases.push(Case { name: n.into(), expect: Error(&["symbolic link"]) });
        }
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

fn file_name(p: &str) -> &str {
    p.rsplit('/').next().unwrap_or(p)
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

/// The stderr lines of the form `vanban: PATH: CAUSE` for file `name`.
fn stderr_lines_for<'a>(stderr: &'a str, name: &str) -> Vec<&'a str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("vanban: ") && l.split(": ").nth(1).is_some_and(|p| file_name(p) == name))
        .collect()
}

fn check_stderr(stderr: &str, cases: &[Case], command: &str) {
    let failed = cases.iter().filter(|c| matches!(c.expect, Expect::Error(_))).count();
    for c in cases {
        let found = stderr_lines_for(stderr, &c.name);
        match c.expect {
            Expect::Error(pieces) => {
                assert_eq!(found.len(), 1, "{command}: one stderr line for {}: {stderr}", c.name);
                for p in pieces {
                    assert!(found[0].contains(p), "{command}: {} cause lacks {p:?}: {}", c.name, found[0]);
                }
            }
            Expect::Doc(..) => assert!(found.is_empty(), "{command}: {} was read, yet: {found:?}", c.name),
        }
    }
    let summary = format!("vanban {command}: {} files read, {failed} failed", cases.len() - failed);
    assert!(stderr.lines().any(|l| l == summary), "{command}: summary {summary:?} missing: {stderr}");
}

#[test]
fn every_bad_input_is_one_clear_error_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = build_cases(dir.path());
    let out = vanban().args(["extract", "--file-timeout", "60"]).arg(dir.path()).output().expect("run vanban");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let docs = lines(&out);
    assert_eq!(docs.len(), cases.len(), "one line per input: {stderr}");
    for (c, d) in cases.iter().zip(&docs) {
        let path = d["source"]["path"].as_str().expect("source.path");
        assert_eq!(file_name(path), c.name, "input order kept");
        match c.expect {
            Expect::Error(pieces) => {
                let err =
                    d["error"].as_str().unwrap_or_else(|| panic!("{}: expected an error line, got a document", c.name));
                for p in pieces {
                    assert!(err.contains(p), "{}: error {err:?} lacks {p:?}", c.name);
                }
                // The contract's error shape: source (path, format) and error, nothing else.
                let keys: Vec<&String> = d.as_object().expect("object").keys().collect();
                assert_eq!(keys, ["error", "source"], "{}", c.name);
                assert!(d["source"].get("format").is_some(), "{}: source.format present (null allowed)", c.name);
            }
            Expect::Doc(format, text) => {
                assert!(d.get("error").is_none(), "{}: {}", c.name, d["error"]);
                assert_eq!(d["source"]["format"], format, "{}", c.name);
                assert!(
                    d["text"].as_str().is_some_and(|t| t.contains(text)),
                    "{}: text lacks {text:?}: {}",
                    c.name,
                    d["text"]
                );
            }
        }
    }
    check_stderr(&stderr, &cases, "extract");
    // A scanned page among text pages is flagged for OCR, not an error.
    let half = docs.iter().find(|d| d["source"]["path"].as_str().is_some_and(|p| p.ends_with("half_scanned.pdf")));
    assert_eq!(half.map(|d| d["source"]["pages_without_text"].clone()), Some(serde_json::json!([2])));
    // The DTD's entities were never expanded.
    let laughs = docs.iter().find(|d| d["source"]["path"].as_str().is_some_and(|p| p.ends_with("laughs.docx")));
    assert!(laughs.and_then(|d| d["text"].as_str()).is_some_and(|t| t.len() < 100 && !t.contains("lollol")));
    // The `../` entries were never written anywhere.
    assert!(!dir.path().join("evil.txt").exists() && !Path::new("/etc/evil").exists());
}

#[test]
fn index_reports_the_same_failures_and_indexes_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = build_cases(dir.path());
    let ix = tempfile::tempdir().expect("index dir");
    let out = vanban()
        .args(["index", "--file-timeout", "60", "--index"])
        .arg(ix.path())
        .arg(dir.path())
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    check_stderr(&stderr, &cases, "index");
    // Every readable file is in the index, each once.
    let out = vanban()
        .args(["search", "--json", "--kind", "doc", "--limit", "100", "--index"])
        .arg(ix.path())
        .arg("bo noi vu")
        .output()
        .expect("search");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut found: Vec<String> =
        lines(&out).iter().filter_map(|h| h["path"].as_str().map(|p| file_name(p).to_string())).collect();
    found.sort();
    let mut want: Vec<String> = cases
        .iter()
        .filter(|c| matches!(c.expect, Expect::Doc(_, t) if t.contains("Bo Noi vu") || t.contains("Bộ Nội vụ")))
        .map(|c| c.name.clone())
        .collect();
    want.sort();
    assert!(!want.is_empty());
    for w in &want {
        assert_eq!(found.iter().filter(|f| *f == w).count(), 1, "{w} indexed once: {found:?}");
    }
}

#[test]
fn a_user_password_opens_with_the_password_option() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("secret.pdf");
    std::fs::write(&pdf, encrypted_pdf("owner-secret", "user-secret")).expect("write");
    let wrong = vanban().args(["extract", "--password", "guess"]).arg(&pdf).output().expect("run");
    assert_eq!(wrong.status.code(), Some(1));
    assert!(lines(&wrong)[0]["error"].as_str().is_some_and(|e| e.contains("password")));
    let right = vanban().args(["extract", "--password", "user-secret"]).arg(&pdf).output().expect("run");
    assert!(right.status.success(), "{}", String::from_utf8_lossy(&right.stderr));
    assert!(lines(&right)[0]["text"].as_str().is_some_and(|t| t.contains("59/TB-VPCP")));
}

/// A 50 MB HTML page is read within the default limits (the figures for
/// its memory are in the closing note: about 0.6 GB peak).
#[test]
fn a_50_mb_html_page_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let row = "<p>Giao Bộ Nội vụ chủ trì, phối hợp với các bộ, ngành rà soát các quy định trước ngày 30/3/2025.</p>\n";
    let mut html = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><div>");
    while html.len() < 50 << 20 {
        html.push_str(row);
    }
    html.push_str("</div></body></html>");
    let page = dir.path().join("big.html");
    std::fs::write(&page, &html).expect("write");
    let out = vanban().args(["extract", "--file-timeout", "600"]).arg(&page).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let d = &lines(&out)[0];
    assert_eq!(d["source"]["format"], "html");
    let rows = html.matches("<p>").count();
    let read = d["text"].as_str().map_or(0, |t| t.matches("Giao Bộ Nội vụ").count());
    assert_eq!(read, rows, "every paragraph of the page is read");
}

/// The generated bombs are what they claim: the deflate writer really
/// produces that many zeros (checked on a small size with lopdf's inflater).
#[test]
fn the_generated_deflate_bomb_inflates_to_its_size() {
    for n in [1u64, 2, 3, 258, 259, 1000, 70_000] {
        let mut s = lopdf::Stream::new(lopdf::dictionary! { "Filter" => "FlateDecode" }, zlib_zeros(n));
        s.allows_compression = true;
        let data = s.decompressed_content().expect("inflates");
        assert_eq!(data.len() as u64, n);
        assert!(data.iter().all(|&b| b == 0));
    }
}

/// Limits that bound memory whatever the input: many PDF streams each
/// under `--max-inflated` are stopped by the file's total; a text file
/// past it is refused, not read into one huge document.
#[test]
fn totals_past_max_inflated_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("many_bombs.pdf"), pdf_many_bombs(12, 900 << 10)).expect("write");
    std::fs::write(dir.path().join("long.txt"), "Giao Bộ Nội vụ chủ trì.\n".repeat(60_000)).expect("write");
    std::fs::write(dir.path().join("short.txt"), "Giao Bộ Nội vụ chủ trì.\n").expect("write");
    let out = vanban().args(["extract", "--max-inflated", "1000000"]).arg(dir.path()).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let docs = lines(&out);
    assert_eq!(docs.len(), 3);
    let error = |i: usize| docs[i]["error"].as_str().unwrap_or_default().to_string();
    // In name order: long.txt, many_bombs.pdf, short.txt.
    assert!(error(0).contains("past 1000000 bytes of text") && error(0).contains("--max-inflated"), "{}", error(0));
    assert!(error(1).contains("in all (4 × --max-inflated)"), "{}", error(1));
    assert!(docs[2]["text"].as_str().is_some_and(|t| t.contains("Bộ Nội vụ")));
}

/// A file that takes longer than `--file-timeout` (two megabytes of random
/// printable bytes keep the mojibake repair busy for about 30 s of CPU,
/// 60 times the budget given here) is
/// abandoned and reported; the files after it are still read and the run
/// ends without waiting for it.
#[test]
fn a_file_over_its_time_is_abandoned_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let noise: Vec<u8> = random_bytes(2 << 20, 5).into_iter().map(|b| 0x20 + b % 0xE0).collect();
    std::fs::write(dir.path().join("a_noise.txt"), noise).expect("write");
    std::fs::copy(corpus_letter(), dir.path().join("b_letter.txt")).expect("copy");
    let started = std::time::Instant::now();
    let out = vanban().args(["extract", "--file-timeout", "0.5"]).arg(dir.path()).output().expect("run");
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = lines(&out);
    assert_eq!(docs.len(), 2);
    let err = docs[0]["error"].as_str().unwrap_or_default();
    assert!(err.contains("gave up after 0.5 s (--file-timeout)"), "{err}");
    assert!(docs[1]["text"].as_str().is_some_and(|t| t.contains("thi đua")));
    // Not waited for: the repair alone needs several seconds of CPU.
    assert!(took < std::time::Duration::from_secs(60), "{took:?}");
}

/// Large files are read a few at a time: a run of files holds at most
/// `CHUNK_BYTES` of input (a file past it alone), never 64 or 256 big files
/// at once.
#[test]
fn big_files_are_read_a_few_at_a_time() {
    use vanban::pipeline::{bounded_chunks, CHUNK_BYTES};
    let dir = tempfile::tempdir().expect("tempdir");
    let sizes = [CHUNK_BYTES / 2, CHUNK_BYTES / 2, 10, CHUNK_BYTES * 2, 10, 10, CHUNK_BYTES / 3];
    let paths: Vec<PathBuf> = sizes
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let p = dir.path().join(format!("{i}.txt"));
            std::fs::File::create(&p).and_then(|f| f.set_len(n)).expect("sparse file");
            p
        })
        .collect();
    let chunks: Vec<&[PathBuf]> = bounded_chunks(&paths, 3, |p| Some(p.as_path())).collect();
    let lens: Vec<usize> = chunks.iter().map(|c| c.len()).collect();
    // [½ ½] fills the bound; 10 starts a run that 2× would overflow: [10] [2×] [10 10 ⅓].
    assert_eq!(lens, [2, 1, 1, 3]);
    assert_eq!(chunks.concat(), paths, "every file once, in order");
    let small: Vec<PathBuf> = (0..10).map(|i| dir.path().join(format!("missing{i}"))).collect();
    assert_eq!(bounded_chunks(&small, 4, |p| Some(p.as_path())).map(|c| c.len()).collect::<Vec<_>>(), [4, 4, 2]);
}

/// Files `0000.txt`, `0001.txt`, ... in `dir`, each with `text(i)`, in name order.
fn numbered_files(dir: &std::path::Path, n: usize, text: impl Fn(usize) -> String) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            let p = dir.join(format!("{i:04}.txt"));
            std::fs::write(&p, text(i)).expect("write");
            p
        })
        .collect()
}

/// Runs are weighed as they are asked for: the first run of a long list
/// costs a `stat` of its own files (and of the next run's first), not of
/// every file, so reading starts at once.
#[test]
fn runs_are_weighed_lazily() {
    use std::cell::Cell;
    use vanban::pipeline::sized_chunks;
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = numbered_files(dir.path(), 1000, |_| "ab".to_string());
    let weighed = Cell::new(0);
    let mut runs = sized_chunks(&paths, 10, |p| {
        weighed.set(weighed.get() + 1);
        Some(p.as_path())
    });
    let first = runs.next().expect("a first run");
    assert_eq!((first.0.len(), first.1), (10, 20));
    assert_eq!(weighed.get(), 11, "ten files and the next run's first");
    let rest: Vec<(usize, u64)> = runs.map(|(run, bytes)| (run.len(), bytes)).collect();
    assert_eq!(rest.len(), 99);
    assert!(rest.iter().all(|&r| r == (10, 20)), "every file weighed once, in runs of ten");
    assert_eq!(weighed.get(), 1000, "each file weighed exactly once");
}

/// Results come back in input order across many runs of files (the next
/// run is extracted while the last is handed on), each file once.
#[test]
fn results_keep_input_order_across_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = numbered_files(dir.path(), 700, |i| format!("Văn bản số {i}/TB-VPCP\n\nGiao Bộ Nội vụ chủ trì.\n"));
    let mut inputs: Vec<Result<PathBuf, vanban::pipeline::FileError>> = paths.iter().cloned().map(Ok).collect();
    // A failure in the middle keeps its place too.
    inputs.insert(350, Ok(dir.path().join("missing.txt")));
    let mut seen = Vec::new();
    let (ok, failed) = vanban::pipeline::run(inputs.clone(), &vanban::ingest::Limits::default(), |r| {
        seen.push(match r {
            Ok(doc) => PathBuf::from(doc.source.path),
            Err(e) => e.path,
        })
    });
    assert_eq!((ok, failed), (700, 1));
    let want: Vec<PathBuf> = inputs.into_iter().map(|r| r.expect("all paths")).collect();
    assert_eq!(seen, want);
}
