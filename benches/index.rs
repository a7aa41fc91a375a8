//! Indexing kernels on one core: the Vietnamese analyzer over a 20 KB
//! directive (every word's term and every pair of neighbours, as the index
//! writes them), and the tantivy units of one extracted document. Together
//! with `cargo bench --bench extract` they are the per-document CPU cost of
//! `vanban index` (issue 6: 100,000 documents in 60 s needs <= 1.2 ms each).

mod common;

use common::twenty_kb;
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use tantivy::tokenizer::{TokenStream, Tokenizer};
use vanban::index::analyzer::{Mode, VietTokenizer};

fn bench(c: &mut Criterion) {
    let text = twenty_kb();
    let mut g = c.benchmark_group("index");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("analyzer_terms_and_pairs_20kb", |b| {
        let mut t = VietTokenizer::new(Mode::Term, true);
        b.iter(|| {
            let mut s = t.token_stream(black_box(&text));
            let mut bytes = 0;
            while s.advance() {
                bytes += s.token().text.len();
            }
            bytes
        })
    });
    // One tokenizer over 200 generated documents in turn, as an indexing
    // thread meets them (its word cache warm from the documents before).
    let metas = vanban::gen::plan(200, 7, 0.0);
    let docs: Vec<String> =
        metas.iter().map(|m| String::from_utf8_lossy(&vanban::gen::render_doc(&metas, m, 7).0).into_owned()).collect();
    let total: usize = docs.iter().map(String::len).sum();
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("analyzer_terms_and_pairs_200_documents", |b| {
        let mut t = VietTokenizer::new(Mode::Term, true);
        b.iter(|| {
            let mut bytes = 0;
            for d in &docs {
                let mut s = t.token_stream(black_box(d));
                while s.advance() {
                    bytes += s.token().text.len();
                }
            }
            bytes
        })
    });
    g.throughput(Throughput::Bytes(text.len() as u64));
    let mut doc = vanban::model::Document { text: text.clone(), ..Default::default() };
    vanban::extract::understand(&mut doc);
    let (_, fields) = vanban::index::schema::build();
    let registry = vanban::index::agency::registry();
    g.bench_function("units_of_one_document_20kb", |b| {
        b.iter(|| vanban::index::writer::units(&fields, "key", black_box(doc.clone()), &*registry).len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
