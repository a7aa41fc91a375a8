//! Repair throughput over the shipped corpus: clean text and the PDF
//! low-byte family. Run with `cargo bench --bench repair`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus_text() -> String {
    let mut all = String::new();
    let mut entries: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
        .expect("corpus/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    entries.sort();
    for p in entries {
        all.push_str(&std::fs::read_to_string(p).expect("corpus file"));
        all.push('\n');
    }
    all
}

fn bench(c: &mut Criterion) {
    let clean = corpus_text();
    let mut g = c.benchmark_group("repair");
    g.throughput(Throughput::Bytes(clean.len() as u64));
    g.bench_function("clean", |b| b.iter(|| vanban::repair::repair_str(std::hint::black_box(&clean))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
