//! Extraction speed: understanding a 20 KB directive (header, sections,
//! citations, tasks, agencies, deadlines) on one core. Target: under 2 ms.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use vanban::model::Document;

/// A 20 KB text made of the seed notice followed by the start of the plan.
fn twenty_kb() -> String {
    let mut s = String::from(include_str!("../corpus/000_a6bdfd983b772ce4.txt"));
    s.push('\n');
    for c in include_str!("../corpus/004_2ece6abe5734d57c.txt").chars() {
        if s.len() + c.len_utf8() > 20 * 1024 {
            break;
        }
        s.push(c);
    }
    s
}

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
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
