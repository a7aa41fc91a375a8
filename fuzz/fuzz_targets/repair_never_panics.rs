//! Property: repair never panics on arbitrary bytes, always yields valid
//! UTF-8, and a second repair of its own output never panics either.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, report) = vanban::repair::repair_bytes(data);
    let _ = report.explain_json();
    let _ = vanban::repair::repair_str(&text);
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = vanban::repair::repair_str(s);
    }
});
