//! Profiling helper: repairs the corpus (`clean`) or its PDF-damaged form
//! (`pdf`) 200 times. `cargo run --release --example dirty_lines pdf FILES`
fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_default();
    let mut all = String::new();
    for p in args {
        all.push_str(&std::fs::read_to_string(&p).unwrap_or_default());
    }
    let text: String = if mode == "pdf" {
        all.chars().map(|c| match c { 'ư' => '°', 'ơ' => '¡', 'Ư' => '¯', '“' => '<', '”' => '=', c => c }).collect()
    } else {
        all
    };
    let mut n = 0;
    for _ in 0..200 {
        n += vanban::repair::repair_str(&text).0.len();
    }
    println!("{} bytes x 200 -> {n}", text.len());
}
