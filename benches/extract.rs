//! Extraction speed: understanding a 20 KB directive (header, sections,
//! citations, tasks, agencies, deadlines) on one core. Target: under 2 ms.
//! And the agency finder alone, which folds the whole text.

mod common;

use common::twenty_kb;
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use vanban::model::Document;

fn bench(c: &mut Criterion) {
    let text = twenty_kb();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("understand_20kb", |b| {
        b.iter(|| {
            let mut d = Document { text: text.clone(), ..Default::default() };
            vanban::extract::understand(black_box(&mut d));
            black_box(d.tasks.len())
        })
    });
    // Every registry body named in the text: the folded view of the whole
    // text and the automaton over it.
    g.bench_function("agencies_find_20kb", |b| b.iter(|| black_box(vanban::extract::agencies::find(black_box(&text), 0, text.len()).len())));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
