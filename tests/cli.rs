//! End-to-end checks of the `vanban` binary: the batch goes on past bad
//! files, each failure is one NDJSON error line naming the file, and the
//! exit code says whether anything failed.

use std::process::Command;

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

fn corpus() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

#[test]
fn extract_corpus_gives_one_document_per_file() {
    let out = vanban().arg("extract").arg(corpus()).output().expect("run vanban");
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let files = std::fs::read_dir(corpus()).expect("corpus").count();
    assert_eq!(lines.len(), files);
    for d in &lines {
        assert_eq!(d["schema_version"], 1);
        assert_eq!(d["id"].as_str().map(str::len), Some(64), "sha256 hex id");
        assert!(d["text"].as_str().is_some_and(|t| t.len() > 1000));
        assert_eq!(d["source"]["format"], "text");
    }
}

#[test]
fn a_bad_file_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let good = corpus().join("002_113c8654baf53291.txt");
    let missing = dir.path().join("missing.pdf");
    let out = vanban().arg("extract").arg(&empty).arg(&missing).arg(&good).output().expect("run vanban");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["error"], "empty file");
    assert!(lines[0]["source"]["path"].as_str().is_some_and(|p| p.ends_with("empty.txt")));
    assert!(lines[1]["error"].as_str().is_some_and(|e| !e.is_empty()));
    assert!(lines[2].get("error").is_none() && lines[2]["text"].as_str().is_some());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.txt: empty file"), "stderr names the file and cause: {stderr}");
    assert!(stderr.contains("missing.pdf"), "{stderr}");
}

#[test]
fn extract_out_dir_writes_one_json_per_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let status = vanban().arg("extract").arg("--out").arg(dir.path()).arg(corpus()).status().expect("run");
    assert!(status.success());
    let n = std::fs::read_dir(dir.path()).expect("out dir").count();
    assert_eq!(n, std::fs::read_dir(corpus()).expect("corpus").count());
}

#[test]
fn repair_passes_clean_text_through_byte_identical() {
    use std::io::Write;
    let clean = "Nhiệt độ 30°C; tỷ lệ < 5%; x = 1; “Kỷ cương”; José Müller.\n";
    let mut child = vanban()
        .arg("repair")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(clean.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    assert_eq!(out.stdout, clean.as_bytes());
}

#[path = "fixtures/pdfgen.rs"]
#[allow(dead_code)]
mod pdfgen;

/// Long PDFs read their pages in parallel while each file runs under its
/// `--file-timeout` watchdog; a batch of them must finish, not starve the
/// pool until every watchdog gives up.
#[test]
fn a_batch_of_long_pdfs_finishes_under_the_watchdog() {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..6 {
        std::fs::write(dir.path().join(format!("letter{i}.pdf")), pdfgen::letter(20)).expect("write pdf");
    }
    let out = vanban()
        .args(["extract", "--file-timeout", "20"])
        .arg(dir.path())
        .output()
        .expect("run vanban");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let docs: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(docs.len(), 6);
    for d in &docs {
        assert_eq!(d["source"]["pages"], 20, "{}", d["source"]["path"]);
    }
}

/// A looping symbolic link in a folder is one reported failure; the files
/// beside it are still read.
#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_not_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(dir.path().join("loop2"), dir.path().join("loop1")).expect("symlink");
    std::os::unix::fs::symlink(dir.path().join("loop1"), dir.path().join("loop2")).expect("symlink");
    std::fs::copy(corpus().join("002_113c8654baf53291.txt"), dir.path().join("letter.txt")).expect("copy");
    let out = vanban().arg("extract").arg(dir.path()).output().expect("run vanban");
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(lines.len(), 3);
    let errors: Vec<&serde_json::Value> = lines.iter().filter(|l| l.get("error").is_some()).collect();
    assert_eq!(errors.len(), 2, "both links of the loop are reported");
    assert!(errors.iter().all(|e| e["error"].as_str().is_some_and(|m| m.contains("symbolic link"))));
    assert!(lines.iter().any(|l| l["source"]["path"].as_str().is_some_and(|p| p.ends_with("letter.txt")) && l.get("text").is_some()));
}

/// The binary's allocator options (`JEMALLOC_OPTIONS` in `src/main.rs`)
/// are read at the first allocation; jemalloc warns on stderr of any it
/// does not know, and would then run without them.
#[cfg(not(target_env = "msvc"))]
#[test]
fn the_allocator_accepts_its_options() {
    let out = vanban().arg("--version").env_remove("_RJEM_MALLOC_CONF").output().expect("run vanban");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("<jemalloc>"), "jemalloc refused an option: {stderr}");
}

/// The options are in force, not only accepted: jemalloc's own statistics
/// (asked for in the environment, which adds to the binary's options)
/// print the values it runs with.
#[cfg(not(target_env = "msvc"))]
#[test]
fn the_allocator_runs_with_its_options() {
    let out = vanban().arg("--version").env("_RJEM_MALLOC_CONF", "stats_print:true").output().expect("run vanban");
    assert!(out.status.success());
    let stats = String::from_utf8_lossy(&out.stderr);
    for want in ["opt.thp: \"always\"", "opt.narenas: 2\n"] {
        assert!(stats.contains(want), "{want} not in jemalloc's statistics: {stats}");
    }
}
