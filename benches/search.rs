//! Query latency on an index of the corpus replicated to 10,000 documents
//! (each copy with its own id, path and document number). Criterion measures
//! the mean; the p50/p99 of each query over many runs are printed too.
//! Run with `cargo bench --bench search` (`VANBAN_BENCH_DOCS` changes the size).

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use vanban::index::agency::{registry, AgencyResolver};
use vanban::index::search::{search, Markers, SearchOptions};
use vanban::index::tasks::{tasks, TaskFilter};
use vanban::index::writer::{index_documents, IndexOptions};
use vanban::index::VanIndex;
use vanban::model::Document;
use vanban::trace::{trace, TraceOptions};

fn corpus_docs() -> Vec<Document> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("corpus/").filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let limits = vanban::ingest::Limits::default();
    paths.iter().filter_map(|p| vanban::pipeline::process_file(p, &limits).ok()).collect()
}

/// Copy `i` of a document: new id, path and number (and the numbers it cites
/// from the same batch), so lookups stay selective.
fn replica(doc: &Document, i: usize) -> Document {
    let mut d = doc.clone();
    d.id = format!("{:064x}", i);
    d.source.path = format!("replica/{i:05}/{}", doc.source.path);
    let renumber = |n: &str| match n.split_once('/') {
        Some((_, rest)) => format!("{}/{rest}", i / 5 * 1000 + n.len()),
        None => format!("{i}{n}"),
    };
    d.number = doc.number.as_deref().map(renumber);
    for c in &mut d.citations {
        c.number = renumber(&c.number);
    }
    d
}

fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    (at(0.50), at(0.99))
}

fn bench(c: &mut Criterion) {
    let n: usize = std::env::var("VANBAN_BENCH_DOCS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let base = corpus_docs();
    assert!(!base.is_empty(), "corpus/ yields no documents");
    let docs: Vec<Document> = (0..n).map(|i| replica(&base[i % base.len()], i)).collect();
    let tmp = tempfile::tempdir().expect("tempdir");
    let ix = VanIndex::open_or_create(tmp.path()).expect("index");
    let reg = registry();
    let started = Instant::now();
    let stats = index_documents(&ix, &docs, &IndexOptions { batch_size: 2000, ..Default::default() }, &*reg)
        .expect("index replicas");
    eprintln!("indexed {} documents, {} tasks in {:.1} s", stats.indexed, stats.tasks, started.elapsed().as_secs_f64());
    drop(docs);

    // The number copy 0 of the corpus cites the notice by.
    let traced = base
        .iter()
        .flat_map(|d| &d.citations)
        .find(|c| c.number.contains("/TB-"))
        .map(|c| replica(&Document { citations: vec![c.clone()], ..Document::default() }, 0).citations[0].number.clone())
        .unwrap_or_default();
    let markers = Markers { open: "<b>", close: "</b>" };
    let opts = SearchOptions { limit: 10, ..Default::default() };
    let filtered = SearchOptions { limit: 10, doc_type: Some("KH".into()), kind: Some("task".into()), ..Default::default() };
    type Q<'a> = Box<dyn Fn() -> usize + 'a>;
    let reg: &dyn AgencyResolver = &*reg;
    let queries: Vec<(&str, Q)> = vec![
        ("search folded 'bo noi vu'", Box::new(|| search(&ix, "bo noi vu", &opts, reg, markers).map_or(0, |h| h.len()))),
        ("search exact 'Bộ Nội vụ'", Box::new(|| search(&ix, "Bộ Nội vụ", &opts, reg, markers).map_or(0, |h| h.len()))),
        ("search phrase '\"xóa nhà tạm\"'", Box::new(|| search(&ix, "\"xóa nhà tạm\"", &opts, reg, markers).map_or(0, |h| h.len()))),
        ("search filtered 'khen thưởng' --type KH --kind task", Box::new(|| search(&ix, "khen thưởng", &filtered, reg, markers).map_or(0, |h| h.len()))),
        ("tasks --agency BNV (first 100 rows, as the table)", Box::new(|| tasks(&ix, &TaskFilter { agency: Some("BNV".into()), limit: Some(100), ..Default::default() }, reg).map_or(0, |r| r.len()))),
        // The first copy of the corpus's notice citation: a content inference among identical copies.
        ("trace (copy 0 of 59/TB-VPCP)", Box::new(|| trace(&ix, &traced, reg, &TraceOptions::default()).map_or(0, |t| t.children.len()))),
    ];
    let mut g = c.benchmark_group("search_10k");
    g.sample_size(20).measurement_time(Duration::from_secs(5));
    for (name, q) in &queries {
        let samples: Vec<Duration> = (0..200)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(q());
                t.elapsed()
            })
            .collect();
        let (p50, p99) = percentiles(samples);
        eprintln!("{name}: {} results, p50 {:.2} ms, p99 {:.2} ms", q(), p50.as_secs_f64() * 1e3, p99.as_secs_f64() * 1e3);
        g.bench_function(*name, |b| b.iter(|| std::hint::black_box(q())));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
