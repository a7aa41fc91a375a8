//! The corpus generator: deterministic per seed, shaped like real documents
//! (numbers, citations of the parent document, tasks), about 10% damaged by
//! one family that vanban's repair undoes, sizes 2-200 KB, and no answers
//! written where vanban reads.

use std::collections::BTreeMap;
use std::path::Path;

use vanban::gen::{generate, plan, relative_path, render_doc, GenOptions, Kind};

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let t = tempfile::tempdir().unwrap();
    let opts = GenOptions { docs: 120, seed: 42, corrupt_share: 0.1 };
    generate(&opts, &t.path().join("a"), Some(&t.path().join("a.truth")), None).unwrap();
    generate(&opts, &t.path().join("b"), None, None).unwrap();
    generate(&GenOptions { seed: 43, ..opts.clone() }, &t.path().join("c"), None, None).unwrap();
    let (a, b, c) = (files(&t.path().join("a")), files(&t.path().join("b")), files(&t.path().join("c")));
    assert_eq!(a.len(), 120, "one file per document and nothing else under --out");
    assert!(a.keys().all(|k| k.ends_with(".txt")));
    assert_eq!(a, b);
    assert_ne!(a, c);
    // `--corrupt 0` writes the same documents, clean: damaged files differ, the others are identical.
    generate(&GenOptions { corrupt_share: 0.0, ..opts.clone() }, &t.path().join("d"), None, None).unwrap();
    let d = files(&t.path().join("d"));
    let differ = a.iter().filter(|(k, v)| d.get(*k) != Some(*v)).count();
    assert!((1..40).contains(&differ), "{differ} of 120 differ");
    assert!(d.values().all(|v| std::str::from_utf8(v).is_ok()));
    let truth = std::fs::read_to_string(t.path().join("a.truth")).unwrap();
    assert_eq!(truth.lines().count(), 120);
}

#[test]
fn truth_inside_out_is_refused() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("out");
    let err = generate(&GenOptions { docs: 5, ..GenOptions::default() }, &out, Some(&out.join("truth.ndjson")), None)
        .unwrap_err();
    assert!(err.to_string().contains("outside --out"), "{err}");
    let err = generate(&GenOptions { docs: 5, ..GenOptions::default() }, &out, None, Some((&out.join("pdf"), 3)))
        .unwrap_err();
    assert!(err.to_string().contains("overlap"), "{err}");
}

#[test]
fn sizes_kinds_and_damage_share() {
    let metas = plan(3000, 9, 0.1);
    let damaged = metas.iter().filter(|m| m.family.is_some()).count();
    assert!((200..400).contains(&damaged), "{damaged} of 3000 damaged");
    for kind in [Kind::Notice, Kind::Plan, Kind::Province, Kind::District] {
        assert!(metas.iter().filter(|m| m.kind == kind).count() > 100, "{kind:?}");
    }
    let sample: Vec<_> = metas.iter().step_by(37).collect();
    let sizes: Vec<usize> = sample.iter().map(|m| render_doc(&metas, m, 9).0.len()).collect();
    assert!(sizes.iter().all(|&s| (2_000..=215_000).contains(&s)), "{sizes:?}");
    assert!(sizes.iter().any(|&s| s > 20_000) && sizes.iter().any(|&s| s < 6_000));
    // Chains reach three levels below a notice.
    let depth = |mut i: usize| {
        let mut d = 0;
        while let Some(p) = metas[i].parent {
            i = p;
            d += 1;
        }
        d
    };
    assert!((0..metas.len()).any(|i| depth(i) == 3));
}

#[test]
fn damaged_documents_repair_back_to_their_clean_text() {
    let metas = plan(400, 5, 0.5);
    let mut checked = std::collections::HashSet::new();
    for m in metas.iter().filter(|m| m.family.is_some() && m.target_bytes < 8000).take(40) {
        let (damaged, _) = render_doc(&metas, m, 5);
        let mut clean_meta = m.clone();
        clean_meta.family = None;
        let clean = String::from_utf8(render_doc(&metas, &clean_meta, 5).0).unwrap();
        assert_ne!(damaged, clean.as_bytes());
        let (repaired, _) = vanban::repair::repair_bytes(&damaged);
        let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        let (want, got) = (words(&clean), words(&repaired));
        let same = want.iter().zip(&got).filter(|(a, b)| a == b).count();
        let family = m.family.unwrap();
        // Legacy fonts have no curly quotes: those words come back with ASCII quotes.
        assert!(
            same * 100 >= want.len() * 97,
            "{}: {family:?}: {same} of {} words repaired",
            relative_path(m).display(),
            want.len()
        );
        checked.insert(family.name());
    }
    assert_eq!(checked.len(), 4, "every family was exercised: {checked:?}");
}

#[test]
fn extractor_reads_numbers_and_parent_citations() {
    let metas = plan(300, 11, 0.0);
    let limits = vanban::ingest::Limits::default();
    let (mut numbers, mut cites, mut with_parent) = (0, 0, 0);
    let sample: Vec<_> = metas.iter().filter(|m| m.target_bytes < 10_000).take(60).collect();
    for m in &sample {
        let (bytes, truth_tasks) = render_doc(&metas, m, 11);
        let doc = vanban::pipeline::process_bytes(&relative_path(m), &bytes, &limits).unwrap();
        numbers += (doc.number.as_deref() == Some(m.number.as_str())) as usize;
        assert!(!truth_tasks.is_empty());
        if let Some(p) = m.parent {
            with_parent += 1;
            cites += doc.citations.iter().any(|c| c.number == metas[p].number) as usize;
        }
    }
    assert!(numbers * 10 >= sample.len() * 9, "{numbers} of {} numbers read", sample.len());
    assert!(cites * 10 >= with_parent * 9, "{cites} of {with_parent} parent citations read");
}
