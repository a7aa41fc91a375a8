//! Repair throughput over the shipped corpus: clean text, the PDF
//! low-byte family, UTF-8 read as Windows-1252 (ftfy's family) and the
//! TCVN3 / VNI legacy-font bytes. Run with `cargo bench --bench repair`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus_text() -> String {
    let mut all = String::new();
    let mut entries: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
        .expect("corpus/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        // 002 is itself PDF-damaged: the clean run uses the four clean seeds.
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("002")))
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
    let pdf = vanban::gen::corrupt::pdf_lowbyte(&clean);
    assert_eq!(vanban::repair::repair_str(&pdf).0, clean, "bench input must repair exactly");
    let cp1252 = vanban::gen::corrupt::utf8_as_cp1252(&clean);
    assert!(vanban::repair::repair_str(&cp1252).0.len() < cp1252.len(), "cp1252 input must be repaired");
    let mut g = c.benchmark_group("repair");
    g.throughput(Throughput::Bytes(clean.len() as u64));
    g.bench_function("clean", |b| b.iter(|| vanban::repair::repair_str(std::hint::black_box(&clean))));
    g.throughput(Throughput::Bytes(pdf.len() as u64));
    g.bench_function("pdf_font_lowbyte", |b| b.iter(|| vanban::repair::repair_str(std::hint::black_box(&pdf))));
    g.throughput(Throughput::Bytes(cp1252.len() as u64));
    g.bench_function("utf8_as_cp1252", |b| b.iter(|| vanban::repair::repair_str(std::hint::black_box(&cp1252))));
    // Legacy-font bytes are not UTF-8: each line is decoded two ways and
    // both readings repaired and scored (`repair_bytes`' mixed path).
    use vanban::gen::corrupt::Family as Damage;
    use vanban::repair::Family;
    for (damage, family) in [(Damage::Tcvn3, Family::Tcvn3), (Damage::Vni, Family::Vni)] {
        let bytes = damage.apply(&clean);
        assert!(std::str::from_utf8(&bytes).is_err(), "legacy bytes must take the mixed path");
        assert!(vanban::repair::repair_bytes(&bytes).1.count(family) > 0, "{} input must be repaired", damage.name());
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(format!("{}_bytes", damage.name()), |b| {
            b.iter(|| vanban::repair::repair_bytes(std::hint::black_box(&bytes)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
