//! The corpus questions, end to end through the `vanban` binary. These need
//! the real extractor (tasks, agencies, deadlines, citations) and registry.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn vanban(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).output().expect("run vanban");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A fresh index of the corpus.
fn indexed() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ix = tmp.path().join("ix").display().to_string();
    let corpus = corpus().display().to_string();
    let (ok, _, err) = vanban(&["index", "--index", &ix, &corpus]);
    assert!(ok, "{err}");
    (tmp, ix)
}

fn ndjson(s: &str) -> Vec<Value> {
    s.lines().map(|l| serde_json::from_str(l).expect("NDJSON line")).collect()
}

fn ask(ix: &str, args: &[&str]) -> Vec<Value> {
    let mut all = args.to_vec();
    all.extend(["--index", ix, "--json"]);
    let (ok, out, err) = vanban(&all);
    assert!(ok, "{args:?}: {err}");
    ndjson(&out)
}

#[test]
fn search_finds_bo_noi_vu_with_and_without_diacritics() {
    let (_t, ix) = indexed();
    let folded = ask(&ix, &["search", "bo noi vu", "--kind", "task", "--limit", "50"]);
    let exact = ask(&ix, &["search", "Bộ Nội vụ", "--kind", "task", "--limit", "50"]);
    for hits in [&folded, &exact] {
        assert!(!hits.is_empty());
        let with: Vec<&Value> = hits.iter().filter(|h| h["lead"].to_string().contains("Bộ Nội vụ")).collect();
        assert!(!with.is_empty(), "no Bộ Nội vụ clause among {hits:?}");
        assert!(hits[0]["snippet"].as_str().is_some_and(|s| s.contains("<b>Bộ</b> <b>Nội</b> <b>vụ</b>")), "{:?}", hits[0]);
    }
    let ids = |h: &[Value]| h.iter().map(|x| (x["path"].to_string(), x["task_id"].to_string())).collect::<std::collections::BTreeSet<_>>();
    assert_eq!(ids(&folded), ids(&exact));
    assert_eq!(exact[0]["exact"], true);
    let first_folded_only = exact.iter().position(|h| h["exact"] == false).unwrap_or(exact.len());
    assert!(exact[first_folded_only..].iter().all(|h| h["exact"] == false), "exact hits rank first");
}

#[test]
fn tasks_of_bnv_by_any_name() {
    let (_t, ix) = indexed();
    let by_abbrev = ask(&ix, &["tasks", "--agency", "BNV"]);
    let by_name = ask(&ix, &["tasks", "--agency", "Bộ Nội vụ"]);
    assert!(!by_name.is_empty());
    assert_eq!(by_abbrev, by_name);
}

#[test]
fn the_february_2024_task_of_the_labour_ministry() {
    let (_t, ix) = indexed();
    let rows = ask(&ix, &["tasks", "--agency", "Bộ Lao động - Thương binh và Xã hội"]);
    let feb = rows.iter().find(|r| r["due"] == "2024-02-29").expect("a task due 2024-02-29");
    assert!(feb["text"].as_str().is_some_and(|t| t.contains("tháng 02 năm 2024")), "{feb}");
    assert!(feb["path"].as_str().is_some_and(|p| p.contains("000_")));
}

#[test]
fn trace_59_tb_vpcp_infers_the_notice_and_aligns_the_letter() {
    let (_t, ix) = indexed();
    let (ok, out, err) = vanban(&["trace", "--index", &ix, "59/TB-VPCP", "--json"]);
    assert!(ok, "{err}");
    let tree: Value = serde_json::from_str(&out).expect("JSON tree");
    assert_eq!(tree["status"], "inferred", "{tree}");
    assert!(tree["document"]["path"].as_str().is_some_and(|p| p.contains("000_")), "{}", tree["document"]);
    assert!(tree["evidence"]["aligned_pairs"].as_u64().is_some_and(|n| n >= 5));
    let children = tree["children"].as_array().expect("children");
    let letter = children
        .iter()
        .find(|c| c["document"]["path"].as_str().is_some_and(|p| p.contains("002_")))
        .expect("002 under the notice");
    assert!(letter["aligned"].as_u64().is_some_and(|n| n >= 5), "{letter}");
    let (ok, text, _) = vanban(&["trace", "--index", &ix, "59/TB-VPCP"]);
    assert!(ok && text.contains("INFERRED") && text.contains("002_"), "{text}");
}

fn summary_counts(stderr: &str) -> (usize, usize, f64) {
    let line = stderr.lines().find(|l| l.starts_with("vanban index:")).expect("summary line");
    let nums: Vec<f64> = line
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|w| w.trim_matches('.').parse().ok())
        .collect();
    // indexed, unchanged, removed, tasks, agencies, failures, seconds
    (nums[0] as usize, nums[1] as usize, nums[6])
}

#[test]
fn reindexing_is_incremental_through_the_cli() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("c");
    std::fs::create_dir(&dir).expect("mkdir");
    for e in std::fs::read_dir(corpus()).expect("corpus") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, dir.join(p.file_name().expect("name"))).expect("copy");
    }
    let n = std::fs::read_dir(&dir).expect("dir").count();
    let ix = tmp.path().join("ix").display().to_string();
    let d = dir.display().to_string();
    let (ok, _, err) = vanban(&["index", "--index", &ix, &d]);
    assert!(ok, "{err}");
    assert_eq!(summary_counts(&err).0, n);
    let (_, _, err) = vanban(&["index", "--index", &ix, &d]);
    let (indexed, unchanged, secs) = summary_counts(&err);
    assert_eq!((indexed, unchanged), (0, n), "{err}");
    assert!(secs < 1.0, "{err}");
    let f = dir.join("004_2ece6abe5734d57c.txt");
    let mut bytes = std::fs::read(&f).expect("read");
    bytes.extend_from_slice("\nSở Nội vụ tổng hợp, báo cáo.\n".as_bytes());
    std::fs::write(&f, bytes).expect("write");
    let (_, _, err) = vanban(&["index", "--index", &ix, &d]);
    let (indexed, unchanged, _) = summary_counts(&err);
    assert_eq!((indexed, unchanged), (1, n - 1), "{err}");
}
