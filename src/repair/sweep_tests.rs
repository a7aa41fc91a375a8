//! The one-sweep path ([`super::Sweep`]) against the general line path it
//! stands in for: on generated text mixing clean Vietnamese, every mojibake
//! family, the pre-scan's context-dependent chars and every kind of white
//! space, both must give the same text and the same report.

use std::cell::Cell;

use proptest::prelude::*;

use super::repair_str;

thread_local! {
    /// Set: no line is swept, every line takes the general path.
    pub(super) static GENERAL_ONLY: Cell<bool> = const { Cell::new(false) };
    /// Set: every round after the sweep's reads the whole text again
    /// (what the sweep proved about its lines, [`super::Settled`], is unused).
    pub(super) static FULL_ROUNDS: Cell<bool> = const { Cell::new(false) };
}

/// Words and the damaged forms of them the families leave, plus the chars
/// whose reading depends on their neighbours (NBSP, `°`, `<`, `=`, `Ã`).
const WORDS: &[&str] = &[
    "Thủ", "tướng", "hoà", "Việt", "Nam", "CÔNG", "GÒ", "quốc", "người", "José", "Müller", "UBND", "30°C", "a", "<",
    "b", "=", "x<Kỷ", "bền vững=", "Thñ", "t\u{AD}íng", "Thuû", "töôùng", "Traàn", "Vaên", "th°ởng", "°u", "c¡",
    "C\u{A0}", "QUAN", "\u{A0}", "\u{A0}QUAN", "\u{A0}N", "vÃ\u{A0}", "e\u{301}\u{302}", "Vie\u{323}\u{302}t", "GÃ’", "Ä", "x\u{0B}y", "1,2",
    "“Kỷ", "cương”", "<<", "Ã", "Â", "€", "nhö", "Thuỷ",
];

/// White space between words, the pre-scan's tricky ones included.
const GAPS: &[&str] = &[" ", " ", " ", "  ", "\t", "\r", "\x0C", "\n", "\r\n", " \t "];

/// A word, as it is or read as Windows-1252 once or twice.
fn word() -> impl Strategy<Value = String> {
    (0..WORDS.len(), 0..4usize).prop_map(|(i, damage)| {
        let w = WORDS[i];
        match damage {
            1 => crate::gen::corrupt::utf8_as_cp1252(w),
            2 => crate::gen::corrupt::utf8_as_cp1252(&crate::gen::corrupt::utf8_as_cp1252(w)),
            _ => w.to_string(),
        }
    })
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((word(), 0..GAPS.len()), 1..60)
        .prop_map(|parts| parts.into_iter().map(|(w, g)| w + GAPS[g]).collect())
}

/// Text and `--explain` report of `s`, with or without the sweep.
fn run(s: &str, general_only: bool) -> (String, String) {
    GENERAL_ONLY.with(|g| g.set(general_only));
    let (t, r) = repair_str(s);
    GENERAL_ONLY.with(|g| g.set(false));
    (t.into_owned(), r.explain_json().to_string())
}

/// Text and `--explain` report of `s`, every round reading the whole text.
fn run_full_rounds(s: &str) -> (String, String) {
    FULL_ROUNDS.with(|g| g.set(true));
    let out = run(s, false);
    FULL_ROUNDS.with(|g| g.set(false));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn sweep_agrees_with_the_general_path(s in text()) {
        prop_assert_eq!(run(&s, false), run(&s, true));
    }

    #[test]
    fn settled_rounds_agree_with_full_rounds(s in text()) {
        prop_assert_eq!(run(&s, false), run_full_rounds(&s));
    }

    /// Without a report (`vanban repair` without `--explain`) the text is
    /// the same, for valid UTF-8 and for lines of Windows-1258/1252 bytes.
    #[test]
    fn quiet_repair_gives_the_same_text(s in text(), invalid in any::<bool>()) {
        let mut bytes = s.into_bytes();
        if invalid {
            bytes.splice(0..0, b"Thu\xD2 t\xFD\xF5\xECng caf\xE9\n".iter().copied());
        }
        prop_assert_eq!(super::repair_bytes_text(&bytes), super::repair_bytes(&bytes).0);
    }
}

/// A word the sweep leaves dirty (`GÃ’`: `GÃ` reads as a syllable) beside
/// legacy font chars: the round after the sweep's reads only its line and
/// finds what the full round finds.
#[test]
fn settled_round_on_a_word_left_dirty() {
    let text = format!("{}\nGÃ’ CÔNG x\n", crate::gen::corrupt::utf8_as_cp1252("Thủ tướng Chính phủ"));
    let (out, _) = run(&text, false);
    assert!(out.contains("GÃ’") && out.contains("Thủ tướng Chính phủ"), "{out}");
    assert_eq!(run(&text, false), run_full_rounds(&text));
    assert_eq!(run(&out, false).0, out);
}

/// The sweep is taken (and repairs) on plain UTF-8-as-Windows-1252 lines.
#[test]
fn sweep_repairs_mojibake_lines() {
    let damaged = crate::gen::corrupt::utf8_as_cp1252("Thủ tướng Chính phủ giao Bộ Công Thương\nhoà José\n");
    assert_eq!(run(&damaged, false), run(&damaged, true));
    assert_eq!(run(&damaged, false).0, "Thủ tướng Chính phủ giao Bộ Công Thương\nhoà José\n");
}

/// The settled round that changes a token: its text and report are the
/// full round's (`vÃ\u{A0}` is `và` read as Windows-1252).
#[test]
fn settled_round_that_repairs() {
    use super::{prescan, repair_text, LineFacts, Memos, Report, Settled};
    let out = "Chính phủ\nx vÃ\u{A0} y\nGÃ’ CÔNG\n";
    let line = |text_end: usize, out_dirty: bool| LineFacts {
        dirty: None,
        trig: [false; 2],
        gains: [None; 2],
        swept: true,
        changed: false,
        out_dirty,
        out_trig: Some([false; 2]),
        text_end,
        records_end: 0,
    };
    let ends = out.match_indices('\n').map(|(i, _)| i + 1).collect::<Vec<_>>();
    let facts = vec![line(ends[0], false), line(ends[1], true), line(ends[2], true)];
    let mut settled_report = Report::new("utf-8");
    let settled = Settled { at: 0, facts }.next_round(out, &Memos::default(), &mut settled_report);
    let mut full_report = Report::new("utf-8");
    let at = prescan::first_dirty(out).unwrap_or_default();
    let full = repair_text(out, at, &Memos::default(), &mut full_report);
    assert_eq!(settled.text.as_deref(), Some("Chính phủ\nx và y\nGÃ’ CÔNG\n"));
    assert_eq!(settled.text, full.text);
    assert_eq!(settled_report.explain_json(), full_report.explain_json());
}

/// The word-at-a-time space search finds what a byte loop finds.
#[test]
fn find_space_is_the_first_space() {
    let cases = ["", " ", "a", "abcdefgh", "abcdefgh ", "abcdefghijklmnop q", "Thá»§ tÆ°á»›ng", "\u{A0}\u{2020} x", "x!\x20"];
    for s in cases.iter().map(|c| c.to_string()).chain((0..40).map(|n| format!("{} {}", "é".repeat(n), "a".repeat(n)))) {
        let b = s.as_bytes();
        for from in 0..=b.len() {
            let want = b[from..].iter().position(|&x| x == b' ').unwrap_or(b.len() - from);
            assert_eq!(super::find_space(&b[from..]), want, "{s:?} from {from}");
        }
    }
}
