//! Property: understanding arbitrary text never panics, and what it finds
//! holds together: task and section offsets are character offsets inside
//! the text, task ids are `t1..tn`, every date is a real calendar date,
//! deadline kinds are the contract's, each citation's text is a piece of
//! the document's (whitespace collapsed), and the document survives a
//! JSON round trip unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vanban::model::Document;

fn valid_iso(d: &str) -> bool {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Ok(y), Ok(m), Ok(day)) = (d[0..4].parse::<i32>(), d[5..7].parse::<u32>(), d[8..10].parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const KINDS: [&str; 7] = ["date", "month", "quarter", "year", "range", "recurring", "relative"];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut doc = Document { text: text.to_string(), ..Document::default() };
    vanban::extract::understand(&mut doc);
    assert_eq!(doc.text, text, "understanding must not change the text");
    let n = text.chars().count();
    for (i, t) in doc.tasks.iter().enumerate() {
        assert!(t.start <= t.end && t.end <= n, "task {} offsets {}..{} of {n}", t.id, t.start, t.end);
        assert_eq!(t.id, format!("t{}", i + 1));
        if let Some(d) = &t.deadline {
            assert!(KINDS.contains(&d.kind.as_str()), "deadline kind {:?}", d.kind);
            if let Some(due) = &d.due {
                assert!(valid_iso(due), "deadline due {due:?} from {:?}", d.text);
            }
        }
    }
    for s in &doc.sections {
        assert!(s.start <= s.end && s.end <= n, "section {} offsets {}..{} of {n}", s.path, s.start, s.end);
    }
    if let Some(d) = &doc.issued_date {
        assert!(valid_iso(d), "issued date {d:?}");
    }
    let flat = squash(text);
    for c in &doc.citations {
        if let Some(d) = &c.date {
            assert!(valid_iso(d), "citation date {d:?}");
        }
        assert!(flat.contains(&c.text), "citation text {:?} is not in the document", c.text);
    }
    let json = serde_json::to_string(&doc).expect("a document serialises");
    let back: Document = serde_json::from_str(&json).expect("a document reads back");
    assert!(back == doc, "JSON round trip changed the document");
});
