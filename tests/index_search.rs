//! `vanban search` over the hand-written fixtures: folded and exact
//! matching, ranking, tone placement, phrases and filters.

#[path = "fixtures/index/common.rs"]
mod common;

use vanban::index::search::{search, Hit, Markers, SearchOptions};

const M: Markers = Markers { open: "[", close: "]" };

fn run(q: &str, opts: SearchOptions) -> Vec<Hit> {
    let (_dir, ix) = common::index_of(&common::ALL);
    search(&ix, q, &SearchOptions { limit: 50, ..opts }, &common::registry(), M).expect("search")
}

fn tasks_only() -> SearchOptions {
    SearchOptions { kind: Some("task".into()), ..Default::default() }
}

#[test]
fn folded_query_finds_the_diacritic_clauses() {
    let folded = run("bo noi vu", tasks_only());
    let exact = run("Bộ Nội vụ", tasks_only());
    for hits in [&folded, &exact] {
        let texts: Vec<&str> = hits.iter().map(|h| h.unit.text.as_str()).collect();
        assert!(texts.iter().any(|t| t.starts_with("Bộ Nội vụ phối hợp")), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("Giao Bộ Lao động")), "{texts:?}");
        assert!(hits[0].unit.text.contains("Bộ Nội vụ"), "first hit {:?}", hits[0].unit.text);
    }
    // Exact hits (all three words with their diacritics) come first.
    let first_folded = exact.iter().position(|h| !h.exact).unwrap_or(exact.len());
    assert!(first_folded > 0 && exact[first_folded..].iter().all(|h| !h.exact));
    assert!(exact[..first_folded].iter().all(|h| h.unit.text.contains("Bộ") && h.unit.text.contains("vụ")));
    assert!(folded.iter().all(|h| !h.exact), "no clause writes `bo noi vu` without diacritics");
    assert!(exact[0].snippet.contains("[Bộ] [Nội] [vụ]"), "{}", exact[0].snippet);
}

#[test]
fn exact_diacritics_rank_above_folded_only_matches() {
    // `dương` (tuyên dương) and `đường` (tuyến đường) fold to the same word.
    let hits = run("dương", tasks_only());
    assert!(hits.len() >= 2, "{hits:?}");
    assert!(hits[0].unit.text.contains("tuyên dương"), "{:?}", hits[0].unit.text);
    assert!(hits[0].exact);
    let road = hits.iter().position(|h| h.unit.text.contains("đường tỉnh")).expect("folded match listed");
    assert!(road > 0 && !hits[road].exact);
}

#[test]
fn old_and_new_tone_placement_match_exactly() {
    let new_style = run("hòa giải", tasks_only());
    assert!(!new_style.is_empty());
    assert!(new_style[0].unit.text.contains("hoà giải") && new_style[0].exact);
    let uy = run("ủy ban mặt trận", tasks_only());
    assert!(uy.iter().any(|h| h.unit.text.starts_with("Uỷ ban Mặt trận") && h.exact), "{uy:?}");
}

#[test]
fn phrases_work_on_both_fields() {
    assert!(!run("\"nhà dột nát\"", tasks_only()).is_empty());
    assert!(!run("\"nha dot nat\"", tasks_only()).is_empty());
    assert!(run("\"dột nhà nát\"", tasks_only()).is_empty());
    // All words are required.
    assert!(run("Bộ Nội vụ thiên tai", tasks_only()).is_empty());
}

#[test]
fn filters_narrow_the_hits() {
    let kh = run("thực hiện", SearchOptions { doc_type: Some("KH".into()), ..Default::default() });
    assert!(!kh.is_empty());
    assert!(kh.iter().all(|h| h.unit.doc_type.as_deref() == Some("KH")));
    let spring = run("khen thưởng", SearchOptions { from: Some("2024-03-01".into()), to: Some("2024-03-31".into()), ..Default::default() });
    assert!(!spring.is_empty());
    assert!(spring.iter().all(|h| matches!(h.unit.issued_date.as_deref(), Some(d) if ("2024-03-01".."2024-04-01").contains(&d))));
    let btc = run("phong trào", SearchOptions { agency: Some("BTC".into()), ..tasks_only() });
    assert_eq!(btc.len(), 1, "{btc:?}");
    assert!(btc[0].unit.lead.contains(&"Bộ Tài chính".to_string()));
}

#[test]
fn bad_dates_are_clear_errors() {
    let (_dir, ix) = common::index_of(&["plan"]);
    let opts = SearchOptions { limit: 5, from: Some("March 2024".into()), ..Default::default() };
    let err = search(&ix, "hoà giải", &opts, &common::registry(), M).expect_err("bad date");
    assert!(err.to_string().contains("--from"), "{err}");
}

#[test]
fn pruned_search_finds_what_the_exhaustive_one_finds() {
    // Without filters the best units come from a pruned disjunction checked
    // against the whole question; with a `kind` filter the search is
    // exhaustive. Both must hold the same units.
    let key = |h: &Hit| (h.unit.kind.clone(), h.unit.path.clone(), h.unit.task_id.clone(), h.exact);
    // `tai nội`, `thien bo`: words that occur in units, never side by side.
    for q in ["Bộ Nội vụ", "bo noi vu", "Bộ Nội vụ thiên tai", "\"nhà dột nát\"", "hòa giải", "dương", "khen thưởng", "tai nội", "thien bo"] {
        let mut pruned: Vec<_> = run(q, SearchOptions::default()).iter().map(key).collect();
        let mut exhaustive: Vec<_> = ["doc", "task"]
            .iter()
            .flat_map(|k| run(q, SearchOptions { kind: Some(k.to_string()), ..Default::default() }))
            .map(|h| key(&h))
            .collect();
        pruned.sort();
        exhaustive.sort();
        assert_eq!(pruned, exhaustive, "{q}");
        if q != "Bộ Nội vụ thiên tai" {
            assert!(!pruned.is_empty(), "{q}");
        }
    }
}
