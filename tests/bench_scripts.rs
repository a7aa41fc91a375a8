//! The benchmark scripts under `bench/` are not run by CI (they take an
//! hour and root), so at least their syntax is checked here: `bash -n` on
//! each, which fails on an unclosed quote, `if` or here-document.

use std::path::Path;
use std::process::Command;

#[test]
fn every_bench_script_parses() {
    let bench = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench");
    let mut scripts: Vec<_> = std::fs::read_dir(&bench)
        .expect("bench/")
        .map(|e| e.expect("bench/ entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 5, "bench scripts found: {scripts:?}");
    for script in &scripts {
        let out = Command::new("bash").arg("-n").arg(script).output().expect("run bash -n");
        assert!(out.status.success(), "{}: {}", script.display(), String::from_utf8_lossy(&out.stderr));
    }
}
