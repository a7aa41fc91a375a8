//! Incremental indexing over real files: unchanged files are skipped, a
//! changed file replaces its old entry, `--prune` drops vanished files, and
//! a second writer is refused while one holds the lock.

use std::path::{Path, PathBuf};

use vanban::index::agency::NoRegistry;
use vanban::index::writer::{index_paths, IndexOptions, IndexStats};
use vanban::index::VanIndex;

/// Copies the corpus into a temp folder we are free to change.
fn corpus_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("corpus");
    std::fs::create_dir(&dir).expect("mkdir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for e in std::fs::read_dir(&src).expect("corpus") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, dir.join(p.file_name().expect("name"))).expect("copy");
    }
    (tmp, dir)
}

fn run(ix: &VanIndex, dir: &Path, prune: bool) -> IndexStats {
    let opts = IndexOptions { prune, ..Default::default() };
    let mut errors = Vec::new();
    let stats = index_paths(ix, &[dir.to_path_buf()], &opts, &NoRegistry, &mut |e| errors.push(e.to_string()))
        .expect("index run");
    assert!(errors.is_empty(), "{errors:?}");
    stats
}

fn doc_count(ix: &VanIndex) -> usize {
    ix.indexed_hashes().expect("hashes").len()
}

#[test]
fn unchanged_files_are_skipped_and_changed_ones_replaced() {
    let (tmp, dir) = corpus_copy();
    let n = std::fs::read_dir(&dir).expect("dir").count();
    let ix = VanIndex::open_or_create(&tmp.path().join("ix")).expect("index");
    let first = run(&ix, &dir, false);
    assert_eq!((first.files, first.indexed, first.unchanged), (n, n, 0));
    assert_eq!(doc_count(&ix), n);

    let again = run(&ix, &dir, false);
    assert_eq!((again.indexed, again.unchanged, again.removed), (0, n, 0));

    // Change one file: only it is re-indexed, and it replaces its old entry.
    let victim = dir.join("002_113c8654baf53291.txt");
    let mut text = std::fs::read(&victim).expect("read");
    text.extend_from_slice("\nGiao Sở Nội vụ lập sổ vàng khen thưởng.\n".as_bytes());
    std::fs::write(&victim, text).expect("write");
    let touched = run(&ix, &dir, false);
    assert_eq!((touched.indexed, touched.unchanged), (1, n - 1));
    assert_eq!(doc_count(&ix), n);
    let hits = vanban::index::search::search(
        &ix,
        "\"so vang khen thuong\"",
        &vanban::index::search::SearchOptions { limit: 5, ..Default::default() },
        &NoRegistry,
        vanban::index::search::Markers { open: "", close: "" },
    )
    .expect("search");
    assert_eq!(hits.len(), 1);
    assert!(hits[0].unit.path.ends_with("002_113c8654baf53291.txt"));
}

#[test]
fn prune_removes_vanished_files_only_when_asked() {
    let (tmp, dir) = corpus_copy();
    let n = std::fs::read_dir(&dir).expect("dir").count();
    let ix = VanIndex::open_or_create(&tmp.path().join("ix")).expect("index");
    run(&ix, &dir, false);
    std::fs::remove_file(dir.join("001_ef3f18f79226b232.txt")).expect("rm");
    let kept = run(&ix, &dir, false);
    assert_eq!(kept.removed, 0);
    assert_eq!(doc_count(&ix), n);
    let pruned = run(&ix, &dir, true);
    assert_eq!((pruned.removed, pruned.indexed, pruned.unchanged), (1, 0, n - 1));
    assert_eq!(doc_count(&ix), n - 1);
}

#[test]
fn a_second_writer_is_refused_and_uncommitted_work_is_invisible() {
    let (tmp, dir) = corpus_copy();
    let ix = VanIndex::open_or_create(&tmp.path().join("ix")).expect("index");
    run(&ix, &dir, false);
    let before = doc_count(&ix);
    // Another run holds the writer and adds a document it never commits.
    let other = ix.index.writer::<tantivy::TantivyDocument>(20 << 20).expect("first writer");
    let mut doc = tantivy::TantivyDocument::default();
    doc.add_text(ix.fields.kind, "doc");
    doc.add_text(ix.fields.key, "/nowhere");
    doc.add_text(ix.fields.hash, "00");
    other.add_document(doc).expect("add");
    let err = index_paths(&ix, &[dir.clone()], &IndexOptions::default(), &NoRegistry, &mut |_| {})
        .expect_err("second writer must be refused");
    assert!(err.to_string().contains("lock"), "{err}");
    drop(other); // interrupted: nothing committed
    let reopened = VanIndex::open(&tmp.path().join("ix")).expect("readable after an interrupted run");
    assert_eq!(doc_count(&reopened), before);
}

#[test]
fn missing_index_is_a_clear_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let err = VanIndex::open(&tmp.path().join("none")).err().expect("no index");
    assert!(err.to_string().contains("no vanban index"), "{err}");
}

/// A run killed while creating the index may leave the folder with only
/// vanban's schema tag (it is written before tantivy's `meta.json`): the
/// next run must create the index there, not refuse it as foreign.
#[test]
fn a_folder_left_by_a_run_killed_while_creating_the_index_is_reused() {
    let (tmp, dir) = corpus_copy();
    let ix_dir = tmp.path().join("ix");
    {
        VanIndex::open_or_create(&ix_dir).expect("first creation");
    }
    std::fs::remove_file(ix_dir.join("meta.json")).expect("meta.json is there after creation");
    let tag: Vec<_> = std::fs::read_dir(&ix_dir).expect("dir").filter_map(|e| e.ok()).collect();
    assert!(!tag.is_empty(), "the schema tag stays behind");
    let ix = VanIndex::open_or_create(&ix_dir).expect("second creation over the leftover tag");
    let stats = run(&ix, &dir, false);
    assert_eq!(doc_count(&ix), stats.files);
    assert!(stats.files > 0);
}
