//! Query latency on a built index, in process (the index opened once, as a
//! server would): a fixed query set of agency names with and without
//! diacritics, phrases and filtered searches; `tasks --agency`; `trace`.
//! Prints one `name p50_ms p99_ms max_ms samples results cpu_ms` line per
//! group: `cpu_ms` is the process CPU time (user + system, /proc/self/stat)
//! per timed call, which a loaded machine hardly changes, unlike the wall
//! percentiles.
//!
//! `tasks` asks for the first 100 rows, as `vanban tasks` prints by default.
//!
//! Usage: cargo run --release --example query_latency -- INDEX_DIR TRACE_NUMBER [REPS] [search|tasks|trace]

use std::time::{Duration, Instant};

use vanban::index::search::{search, Markers, SearchOptions};
use vanban::index::tasks::{tasks_page, TaskFilter};
use vanban::index::VanIndex;

fn pct(samples: &mut [Duration], q: f64) -> f64 {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * q).round() as usize].as_secs_f64() * 1e3
}

/// CPU time of this process so far, in ms (0 where /proc is missing).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    // Fields 14 and 15 (utime, stime) are the 12th and 13th after the command name.
    let ticks: f64 = after.split_whitespace().skip(11).take(2).filter_map(|t| t.parse::<f64>().ok()).sum();
    ticks * 10.0
}

fn report(name: &str, samples: &mut Vec<Duration>, results: usize, cpu: f64) {
    let (p50, p99) = (pct(samples, 0.50), pct(samples, 0.99));
    let max = pct(samples, 1.0);
    println!("{name} {p50:.3} {p99:.3} {max:.3} {} {results} {:.2}", samples.len(), cpu / samples.len().max(1) as f64);
}

/// Runs `f` once to warm up, then `reps` timed times; returns the last
/// result and the CPU ms the timed calls took.
fn time<T>(reps: usize, mut f: impl FnMut() -> T, samples: &mut Vec<Duration>) -> (T, f64) {
    let mut out = f(); // warm-up, not counted
    let cpu = cpu_ms();
    for _ in 0..reps {
        let t = Instant::now();
        out = std::hint::black_box(f());
        samples.push(t.elapsed());
    }
    (out, cpu_ms() - cpu)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(root)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: query_latency INDEX_DIR TRACE_NUMBER [REPS]");
    };
    let reps: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(20);
    let only = args.get(4).map(String::as_str);
    let run = |group: &str| only.is_none_or(|o| o == group);
    let ix = VanIndex::open(std::path::Path::new(dir))?;
    let reg = vanban::index::agency::registry();
    let markers = Markers { open: "<b>", close: "</b>" };
    let plain = |q: &str| (q.to_string(), SearchOptions { limit: 10, ..Default::default() });
    let mut queries = vec![
        plain("Bộ Nội vụ"),
        plain("bo noi vu"),
        plain("Bộ Tài chính"),
        plain("bo tai chinh"),
        plain("Sở Giáo dục và Đào tạo"),
        plain("so giao duc va dao tao"),
        plain("Ủy ban nhân dân tỉnh"),
        plain("uy ban nhan dan tinh"),
        plain("\"xóa nhà tạm\""),
        plain("\"cải cách thủ tục hành chính\""),
        plain("\"chuyen doi so\""),
        plain("\"an toàn giao thông\""),
    ];
    let filtered = |q: &str, agency: Option<&str>, t: Option<&str>, from: Option<&str>, to: Option<&str>| {
        let s = |x: Option<&str>| x.map(str::to_string);
        (q.to_string(), SearchOptions { limit: 10, agency: s(agency), doc_type: s(t), from: s(from), to: s(to), kind: None })
    };
    queries.push(filtered("khen thưởng", None, Some("TB"), Some("2024-01-01"), None));
    queries.push(filtered("nhà ở xã hội", Some("Bộ Xây dựng"), None, None, None));
    queries.push(filtered("giải ngân", None, Some("KH"), Some("2023-01-01"), Some("2023-12-31")));
    queries.push(filtered("thien tai", Some("Bộ NN&MT"), None, Some("2022-01-01"), None));

    let mut all = Vec::new();
    let (mut hits, mut cpu_all) = (0, 0.0);
    for (q, opts) in queries.iter().filter(|_| run("search")) {
        let mut s = Vec::new();
        let (n, cpu) = time(reps, || search(&ix, q, opts, &*reg, markers).map_or(0, |h| h.len()), &mut s);
        hits += n;
        cpu_all += cpu;
        report(&format!("search:{}", q.replace(' ', "_")), &mut s, n, cpu);
        all.extend(s);
    }
    if run("search") {
        report("search:ALL", &mut all, hits, cpu_all);
    }

    let mut all = Vec::new();
    let (mut rows, mut cpu_all) = (0, 0.0);
    let agencies = ["Bộ Nội vụ", "BNV", "bo tai chinh", "Bộ LĐTBXH", "Sở Y tế"];
    for agency in agencies.into_iter().filter(|_| run("tasks")) {
        let filter = TaskFilter { agency: Some(agency.to_string()), limit: Some(100), ..Default::default() };
        let mut s = Vec::new();
        let (n, cpu) = time((reps / 4).max(2), || tasks_page(&ix, &filter, &*reg).map_or(0, |p| p.total), &mut s);
        rows += n;
        cpu_all += cpu;
        report(&format!("tasks:{}", agency.replace(' ', "_")), &mut s, n, cpu);
        all.extend(s);
    }
    if run("tasks") {
        report("tasks:ALL", &mut all, rows, cpu_all);
    }
    if !run("trace") {
        return Ok(());
    }

    let mut s = Vec::new();
    let opts = vanban::trace::TraceOptions::default();
    let (depth, cpu) = time(reps.clamp(3, 10), || vanban::trace::trace(&ix, root, &*reg, &opts).map(|t| serde_json::to_string(&t).map_or(0, |j| j.len())), &mut s);
    report(&format!("trace:{root}"), &mut s, depth?, cpu);
    Ok(())
}
