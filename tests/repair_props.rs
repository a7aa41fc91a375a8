//! Property tests over corpus sentences: for every mojibake family,
//! repair(corrupt(x)) == x; repair(x) == x for clean x; repair is idempotent.
//! The corruptions are implemented here from their causes (encoding_rs for
//! the code pages, the public TCVN3/VNI tables from tests/fixtures), not
//! with the decoder's own tables.

use std::collections::HashMap;
use std::sync::LazyLock;

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use vanban::repair::{repair_bytes, repair_str};

/// Lines of the four clean seed documents (002 is itself PDF-damaged).
static LINES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| {
        p.extension().is_some_and(|x| x == "txt") && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("002"))
    });
    files.sort();
    let mut lines = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        lines.extend(text.lines().map(|l| l.nfc().collect::<String>()));
    }
    assert!(lines.len() > 500, "corpus lines missing");
    lines
});

/// Curly-quote depth before each line: 0 where no quotation is open.
static QUOTE_DEPTH: LazyLock<Vec<i32>> = LazyLock::new(|| {
    let mut depth = 0i32;
    LINES
        .iter()
        .map(|l| {
            let before = depth;
            depth = (depth + l.matches('“').count() as i32 - l.matches('”').count() as i32).max(0);
            before
        })
        .collect()
});

/// About `n` consecutive corpus lines starting near `at`, newline-joined.
/// A passage starts and ends outside quotations, as a sentence does: a
/// closing quote cut from its opening one is not a sentence of the corpus.
fn passage(at: usize, n: usize) -> String {
    let (lines, depth) = (&*LINES, &*QUOTE_DEPTH);
    let mut start = at % lines.len();
    while start > 0 && depth[start] != 0 {
        start -= 1;
    }
    let mut end = (start + n).min(lines.len());
    while end < lines.len() && depth[end] != 0 {
        end += 1;
    }
    lines[start..end].join("\n") + "\n"
}

fn passages(max_lines: usize) -> impl Strategy<Value = String> {
    (0usize..100_000, 1..=max_lines).prop_map(|(at, n)| passage(at, n))
}

// ---- corruptions, from their causes ----

fn pdf_lowbyte(s: &str) -> String {
    // The font keeps the low byte of U+01A0/01A1/01AF/01B0 and shifts the
    // curly quotes U+201C/201D down to 0x3C/0x3D.
    s.chars()
        .map(|c| match c as u32 {
            0x1A1 | 0x1AF | 0x1B0 => char::from((c as u32 & 0xFF) as u8),
            0x201C | 0x201D => char::from((c as u32 - 0x201C + 0x3C) as u8),
            _ => c,
        })
        .collect()
}

fn utf8_as_cp1252(s: &str) -> String {
    encoding_rs::WINDOWS_1252.decode(s.as_bytes()).0.into_owned()
}

fn utf8_as_latin1(s: &str) -> String {
    s.bytes().map(char::from).collect()
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Windows-1258 bytes: precomposed where the code page has the letter,
/// otherwise base letter + combining tone byte.
fn cp1258_bytes(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in s.chars() {
        let mut buf = [0u8; 4];
        let (b, _, err) = encoding_rs::WINDOWS_1258.encode(c.encode_utf8(&mut buf));
        if !err {
            out.extend_from_slice(&b);
            continue;
        }
        let d: Vec<char> = c.nfd().collect();
        let base: String = d.iter().filter(|c| !TONES.contains(c)).collect::<String>().nfc().collect();
        let tone: String = d.iter().filter(|c| TONES.contains(c)).collect();
        out.extend_from_slice(&encoding_rs::WINDOWS_1258.encode(&(base + &tone)).0);
    }
    out
}

/// The public TCVN3 and VNI tables (tests/fixtures/legacy_tables.json).
static TABLES: LazyLock<(HashMap<char, String>, HashMap<char, String>)> = LazyLock::new(|| {
    let raw = include_str!("fixtures/legacy_tables.json");
    let v: Vec<Vec<String>> = serde_json::from_str(raw).unwrap_or_default();
    assert_eq!(v.len(), 3, "legacy_tables.json: [unicode, vni, tcvn3]");
    let map = |k: usize| v[0].iter().zip(&v[k]).filter_map(|(u, l)| Some((u.chars().next()?, l.clone()))).collect();
    (map(2), map(1))
});

fn table_encode(s: &str, t: &HashMap<char, String>) -> String {
    s.chars().map(|c| t.get(&c).cloned().unwrap_or_else(|| c.to_string())).collect()
}

fn tcvn3(s: &str) -> String {
    table_encode(s, &TABLES.0)
}

fn vni(s: &str) -> String {
    table_encode(s, &TABLES.1)
}

fn check_family(x: &str, corrupt: fn(&str) -> String) -> Result<(), TestCaseError> {
    let damaged = corrupt(x);
    let (once, _) = repair_str(&damaged);
    prop_assert_eq!(once.as_ref(), x);
    let (twice, _) = repair_str(&once);
    prop_assert_eq!(twice.as_ref(), once.as_ref());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn clean_text_is_unchanged(x in passages(6)) {
        let (out, report) = repair_str(&x);
        prop_assert_eq!(out.as_ref(), x.as_str());
        prop_assert!(report.counts().is_empty());
        prop_assert_eq!(repair_bytes(x.as_bytes()).0, x);
    }

    #[test]
    fn pdf_font_lowbyte_is_repaired(x in passages(6)) {
        check_family(&x, pdf_lowbyte)?;
    }

    #[test]
    fn utf8_as_cp1252_is_repaired(x in passages(6)) {
        check_family(&x, utf8_as_cp1252)?;
    }

    #[test]
    fn utf8_as_latin1_is_repaired(x in passages(6)) {
        check_family(&x, utf8_as_latin1)?;
    }

    #[test]
    fn utf8_as_cp1252_twice_is_repaired(x in passages(3)) {
        check_family(&x, |s| utf8_as_cp1252(&utf8_as_cp1252(s)))?;
    }

    #[test]
    fn decomposed_is_repaired(x in passages(6)) {
        check_family(&x, |s| s.nfd().collect())?;
    }

    // Legacy fonts are decided per line with a document-wide prior: a lone
    // heading such as `Phô lôc` (TCVN3 `Phụ lục`) reads as clean Unicode on
    // its own, so these properties run over document-sized passages.
    #[test]
    fn tcvn3_is_repaired(x in (0usize..100_000, 12..=30usize).prop_map(|(a, n)| passage(a, n))) {
        check_family(&x, tcvn3)?;
    }

    #[test]
    fn vni_is_repaired(x in (0usize..100_000, 12..=30usize).prop_map(|(a, n)| passage(a, n))) {
        check_family(&x, vni)?;
    }

    #[test]
    fn windows_1258_bytes_are_repaired(x in passages(6)) {
        let (once, _) = repair_bytes(&cp1258_bytes(&x));
        prop_assert_eq!(&once, &x);
        let (twice, _) = repair_str(&once);
        prop_assert_eq!(twice.as_ref(), once.as_str());
    }

    #[test]
    fn mixed_families_by_line_are_repaired(x in passages(8)) {
        // Every other line damaged, alternating PDF and Windows-1252.
        let damaged: String = x
            .split_inclusive('\n')
            .enumerate()
            .map(|(i, l)| match i % 4 {
                1 => pdf_lowbyte(l),
                3 => utf8_as_cp1252(l),
                _ => l.to_string(),
            })
            .collect();
        let (once, _) = repair_str(&damaged);
        prop_assert_eq!(once.as_ref(), x.as_str());
    }

    #[test]
    fn repair_is_idempotent_on_any_text(s in "\\PC{0,80}") {
        let (once, _) = repair_str(&s);
        let (twice, _) = repair_str(&once);
        prop_assert_eq!(twice.as_ref(), once.as_ref());
    }
}
