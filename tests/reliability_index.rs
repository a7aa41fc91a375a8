//! Crashes and concurrency around `vanban index`, on a generated corpus
//! large enough that indexing runs for seconds in many commits:
//! - SIGKILL mid-run: the index opens, answers, holds no half-written
//!   document, and a second run completes it without duplicates;
//! - `search` and `tasks` while `index` writes: never an error, counts
//!   only grow, and they end at the committed state;
//! - two writers on one index: the second fails clearly, the first ends
//!   intact.
//!
//! Only the command line is used (the contract), not index internals.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DOCS: usize = 1000;
/// Files per commit: many commits in one run.
const BATCH: &str = "40";

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

fn gen_corpus(dir: &Path, seed: u64) {
    gen_docs(dir, seed, DOCS);
}

fn gen_docs(dir: &Path, seed: u64, docs: usize) {
    let out = vanban()
        .args(["gen-corpus", "--docs", &docs.to_string(), "--seed", &seed.to_string(), "--out"])
        .arg(dir)
        .output()
        .expect("gen-corpus");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn count_files(dir: &Path) -> usize {
    walk(dir).len()
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn start_index(ix: &Path, corpus: &Path) -> Child {
    vanban()
        .args(["index", "--commit-every", BATCH, "--index"])
        .arg(ix)
        .arg(corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn index")
}

/// Waits until the index at `ix` has a commit with at least one segment.
fn wait_first_commit(ix: &Path, child: &mut Child) {
    wait_commit_after(ix, child, "");
}

/// Waits until the index at `ix` has a commit with segments whose meta
/// differs from `before`.
fn wait_commit_after(ix: &Path, child: &mut Child, before: &str) {
    let started = Instant::now();
    loop {
        let meta = std::fs::read_to_string(ix.join("meta.json")).unwrap_or_default();
        if meta.contains("segment_id") && meta != before {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("index ended ({status}) before its first commit was seen");
        }
        assert!(started.elapsed() < Duration::from_secs(120), "no commit after 120 s");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A generated corpus and an `index` run on it, seen to have committed once.
struct Run {
    work: tempfile::TempDir,
    corpus: std::path::PathBuf,
    ix: std::path::PathBuf,
    child: Child,
}

fn start_run(seed: u64) -> Run {
    let work = tempfile::tempdir().expect("tempdir");
    let corpus = work.path().join("corpus");
    let ix = work.path().join("ix");
    gen_corpus(&corpus, seed);
    let mut child = start_index(&ix, &corpus);
    wait_first_commit(&ix, &mut child);
    Run { work, corpus, ix, child }
}

fn ndjson(out: &std::process::Output, what: &str) -> Vec<serde_json::Value> {
    assert!(out.status.success(), "{what} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{what}: bad JSON line ({e}): {l}")))
        .collect()
}

/// What the index holds, read through `export` (documents, with the tasks
/// stored inside each document) and `tasks` (the task entries written
/// next to it).
struct Holdings {
    /// doc_id → path, one per document entry.
    docs: Vec<(String, String)>,
    /// (doc_id, task_id) the stored documents carry.
    stored_tasks: BTreeSet<(String, String)>,
    /// (doc_id, task_id) of the task entries.
    task_entries: Vec<(String, String)>,
}

fn holdings(ix: &Path) -> Holdings {
    let export = ndjson(&vanban().args(["export", "--index"]).arg(ix).output().expect("export"), "export");
    let mut h = Holdings { docs: Vec::new(), stored_tasks: BTreeSet::new(), task_entries: Vec::new() };
    let s = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    for r in &export {
        match r["kind"].as_str() {
            Some("doc") => h.docs.push((s(r, "doc_id"), s(r, "path"))),
            Some("task") => {
                h.stored_tasks.insert((s(r, "doc_id"), s(r, "task_id")));
            }
            other => panic!("unexpected record kind {other:?}"),
        }
    }
    let tasks = ndjson(&vanban().args(["tasks", "--json", "--index"]).arg(ix).output().expect("tasks"), "tasks");
    h.task_entries = tasks.iter().map(|t| (s(t, "doc_id"), s(t, "task_id"))).collect();
    h
}

/// No document is half-written: every document's tasks are all there, no
/// task entry lacks its document, nothing is there twice.
fn assert_whole(h: &Holdings) {
    let mut paths = BTreeMap::new();
    for (id, path) in &h.docs {
        *paths.entry(path.as_str()).or_insert(0) += 1;
        assert!(!id.is_empty(), "document without id at {path}");
    }
    let twice: Vec<_> = paths.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "paths indexed twice: {twice:?}");
    let entries: BTreeSet<(String, String)> = h.task_entries.iter().cloned().collect();
    assert_eq!(entries.len(), h.task_entries.len(), "a task entry is there twice");
    let missing: Vec<_> = h.stored_tasks.difference(&entries).take(5).collect();
    assert!(missing.is_empty(), "documents whose tasks are missing: {missing:?}");
    let ids: BTreeSet<&str> = h.docs.iter().map(|(id, _)| id.as_str()).collect();
    let orphans: Vec<_> = entries.iter().filter(|(d, _)| !ids.contains(d.as_str())).take(5).collect();
    assert!(orphans.is_empty(), "task entries without their document: {orphans:?}");
    assert_eq!(entries, h.stored_tasks);
}

#[test]
fn sigkill_mid_run_leaves_a_whole_index_and_a_rerun_completes_it() {
    let Run { work: _work, corpus, ix, mut child } = start_run(3);
    let files = count_files(&corpus);
    assert_eq!(files, DOCS);
    std::thread::sleep(Duration::from_millis(300));
    assert!(child.try_wait().expect("try_wait").is_none(), "index must still be running when killed");
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("wait");
    assert!(!status.success(), "killed, not finished: {status}");

    // The index opens and answers.
    let search = vanban().args(["search", "--index"]).arg(&ix).arg("bo noi vu").output().expect("search");
    assert!(search.status.success(), "{}", String::from_utf8_lossy(&search.stderr));
    let h = holdings(&ix);
    assert!(!h.docs.is_empty(), "the first commit survives");
    assert!(h.docs.len() < files, "the kill came mid-run ({} of {files} documents)", h.docs.len());
    assert!(!h.task_entries.is_empty());
    assert_whole(&h);

    // A run resumed from there is killed in its turn, after a commit of its own.
    let before = std::fs::read_to_string(ix.join("meta.json")).expect("meta.json");
    let mut child = start_index(&ix, &corpus);
    wait_commit_after(&ix, &mut child, &before);
    std::thread::sleep(Duration::from_millis(150));
    assert!(child.try_wait().expect("try_wait").is_none(), "the resumed run must still be running when killed");
    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    let h2 = holdings(&ix);
    assert!(
        h2.docs.len() > h.docs.len() && h2.docs.len() < files,
        "{} then {} of {files}",
        h.docs.len(),
        h2.docs.len()
    );
    assert_whole(&h2);
    let h = h2;

    // A last run completes it: every file once.
    let out = vanban().args(["index", "--commit-every", BATCH, "--index"]).arg(&ix).arg(&corpus).output().expect("rerun");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains(&format!("{files} files read, 0 failed")), "{stderr}");
    assert!(stderr.contains(&format!("{} unchanged", h.docs.len())), "committed files are not read again: {stderr}");
    let done = holdings(&ix);
    assert_eq!(done.docs.len(), files, "documents == files");
    assert_whole(&done);
    let on_disk: BTreeSet<String> = walk(&corpus)
        .iter()
        .map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
        .collect();
    let indexed: BTreeSet<String> =
        done.docs.iter().map(|(_, p)| p.rsplit('/').next().unwrap_or(p).to_string()).collect();
    assert_eq!(indexed, on_disk, "every file and only those");
}

#[test]
fn search_and_tasks_during_indexing_see_committed_states_only() {
    let Run { work: _work, ix, mut child, .. } = start_run(5);
    let (mut last_tasks, mut last_hits, mut rounds) = (0usize, 0usize, 0usize);
    let mut finished = None;
    while finished.is_none() {
        finished = child.try_wait().expect("try_wait");
        let tasks = vanban().args(["tasks", "--json", "--index"]).arg(&ix).output().expect("tasks");
        let n = ndjson(&tasks, "tasks during indexing").len();
        assert!(n >= last_tasks, "task count went back from {last_tasks} to {n}");
        last_tasks = n;
        let search = vanban()
            .args(["search", "--json", "--kind", "doc", "--limit", "100000", "--index"])
            .arg(&ix)
            .arg("ủy ban nhân dân")
            .output()
            .expect("search");
        let hits = ndjson(&search, "search during indexing").len();
        assert!(hits >= last_hits, "hit count went back from {last_hits} to {hits}");
        last_hits = hits;
        rounds += 1;
    }
    let status = child.wait().expect("wait");
    assert!(status.success());
    assert!(rounds >= 2, "readers ran while the writer wrote ({rounds} rounds)");
    // Once the writer is done, readers see its last commit: everything.
    let h = holdings(&ix);
    assert_eq!(h.docs.len(), DOCS);
    assert_whole(&h);
    assert_eq!(last_tasks, h.task_entries.len(), "the last read saw the final commit");
}

#[test]
fn a_second_writer_fails_clearly_and_corrupts_nothing() {
    let Run { work, ix, child: mut first, .. } = start_run(7);
    assert!(first.try_wait().expect("try_wait").is_none(), "the first writer still runs");
    let extra = work.path().join("extra");
    std::fs::create_dir(&extra).expect("mkdir");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/002_113c8654baf53291.txt"),
        extra.join("letter.txt"),
    )
    .expect("copy");
    let second = vanban().args(["index", "--index"]).arg(&ix).arg(&extra).output().expect("second writer");
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("another vanban run is writing this index"), "{stderr}");
    assert!(stderr.contains(&ix.display().to_string()), "the message names the index: {stderr}");
    let out = first.wait_with_output().expect("first writer");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let h = holdings(&ix);
    assert_eq!(h.docs.len(), DOCS, "the first writer's work is whole");
    assert_whole(&h);
    // With the lock free again, the second run goes through.
    let again = vanban().args(["index", "--index"]).arg(&ix).arg(&extra).output().expect("again");
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    assert_eq!(holdings(&ix).docs.len(), DOCS + 1);
}

/// Segments written whenever `--writer-memory` fills (the least it takes)
/// hold the same documents and tasks, and answer searches alike, as the
/// default's; a budget below the least is refused by name.
#[test]
fn small_segments_give_the_same_answers() {
    let work = tempfile::tempdir().expect("tempdir");
    let corpus = work.path().join("corpus");
    let docs = 3 * DOCS;
    gen_docs(&corpus, 11, docs);
    let build = |name: &str, extra: &[&str]| {
        let ix = work.path().join(name);
        let out = vanban().arg("index").args(extra).arg("--index").arg(&ix).arg(&corpus).output().expect("index");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        ix
    };
    // One writer thread, so that the small segments stay apart: eight or
    // more of one size would be merged back into one.
    let (big, small) = (build("big", &[]), build("small", &["--writer-memory", "16", "--writer-threads", "1"]));
    let segments = |ix: &Path| walk(ix).iter().filter(|p| p.extension().is_some_and(|e| e == "idx")).count();
    assert!(segments(&small) >= 2, "16 MiB must split {docs} documents into segments, got {}", segments(&small));
    let (hb, hs) = (holdings(&big), holdings(&small));
    assert_whole(&hs);
    let set = |v: &[(String, String)]| v.iter().cloned().collect::<BTreeSet<_>>();
    assert_eq!(set(&hb.docs), set(&hs.docs));
    assert_eq!(hb.stored_tasks, hs.stored_tasks);
    assert_eq!(set(&hb.task_entries), set(&hs.task_entries));
    for q in ["bo noi vu", "\"kế hoạch\"", "Bộ Tài chính báo cáo"] {
        let hits = |ix: &Path| {
            // Every hit (no cut-off, where ties may fall either way).
            let out = vanban().args(["search", "--json", "--limit", "100000", "--index"]).arg(ix).arg(q).output().expect("search");
            let mut ids: Vec<String> =
                ndjson(&out, "search").iter().map(|h| format!("{} {}", h["doc_id"], h["task_id"])).collect();
            ids.sort();
            ids
        };
        let found = hits(&big);
        assert!(!found.is_empty(), "{q:?} finds something");
        assert_eq!(found, hits(&small), "{q:?}");
    }
    let refused = vanban().args(["index", "--writer-memory", "8", "--index"]).arg(work.path().join("x")).arg(&corpus).output().expect("index");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--writer-memory"), "{stderr}");
}
