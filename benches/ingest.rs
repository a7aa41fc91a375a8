//! Ingest speed on generated PDFs: a three-page letter (pages/s), and how
//! fast a stream that inflates past the limit is refused.

#[path = "../tests/fixtures/pdfgen.rs"]
mod pdfgen;

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lopdf::{dictionary, Document, Object, Stream};
use pdfgen::*;
use vanban::ingest::{ingest_bytes, Limits};

fn bomb() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let mut s = Stream::new(dictionary! {}, vec![b' '; 256 << 20]);
    s.compress().expect("compress");
    let id = doc.add_object(s);
    let mut doc = build(vec![], vec![b"q Q".to_vec()], vec![], Some(doc));
    let page = *doc.get_pages().values().next().expect("page");
    doc.get_dictionary_mut(page).expect("page").set("Contents", Object::Reference(id));
    save(doc)
}

fn bench(c: &mut Criterion) {
    let limits = Limits::default();
    let pdf = letter(3);
    let mut g = c.benchmark_group("ingest_pdf");
    g.throughput(Throughput::Elements(3));
    g.bench_function("letter_3_pages", |b| {
        b.iter(|| ingest_bytes(Path::new("l.pdf"), &pdf, &limits).expect("reads"));
    });
    g.finish();
    let bomb = bomb();
    let mut g = c.benchmark_group("ingest_pdf_bomb");
    g.sample_size(10);
    g.bench_function(format!("refuse_{}KB_inflating_256MiB", bomb.len() >> 10), |b| {
        b.iter(|| assert!(ingest_bytes(Path::new("b.pdf"), &bomb, &limits).is_err()));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
