//! `vanban trace` over the hand-written fixtures: a notice that lost its
//! number, a provincial letter citing it as 59/TB-VPCP with mirrored
//! clauses, a district letter citing the provincial one, and a decoy notice.

#[path = "fixtures/index/common.rs"]
mod common;

use vanban::trace::{render, trace, Node, Status, TraceOptions};

fn traced(number: &str, names: &[&str]) -> Node {
    let (_dir, ix) = common::index_of(names);
    trace(&ix, number, &common::registry(), &TraceOptions::default()).expect("trace")
}

fn path_of(n: &Node) -> &str {
    n.document.as_ref().map(|d| d.path.as_str()).unwrap_or("")
}

#[test]
fn the_unnumbered_notice_is_inferred_and_its_letters_aligned() {
    let root = traced("59/tb-vpcp", &common::ALL);
    println!("{}", render(&root));
    assert_eq!(root.status, Status::Inferred);
    assert_eq!(path_of(&root), "fixtures/notice.txt");
    let ev = root.evidence.as_ref().expect("evidence");
    assert!(ev.type_matches && ev.issuer_matches, "{ev:?}");
    assert!(ev.aligned_pairs >= 5, "{ev:?}");
    assert!(ev.candidates >= 1 && ev.runner_up_pairs < ev.aligned_pairs);

    assert_eq!(root.children.len(), 1);
    let letter = &root.children[0];
    assert_eq!(path_of(letter), "fixtures/letter.txt");
    assert_eq!(letter.citation.as_deref(), Some("Văn bản số 59/TB-VPCP ngày 20/02/2024"));
    // Item n of the letter carries out item n of the notice.
    let expect = [("t1", "§II.1"), ("t2", "t1"), ("t3", "§II.3"), ("t4", "t4"), ("t5", "§II.5"), ("t6", "§II.6")];
    for (child, parent) in expect {
        let pair = letter.pairs.iter().find(|p| p.clause.id == child).expect("clause listed");
        assert_eq!(pair.parent.as_ref().map(|c| c.id.as_str()), Some(parent), "{child}: {pair:?}");
        assert!(pair.score >= 0.25 && pair.score <= 1.0);
    }
    // The letter's own reporting duty carries out nothing of the notice.
    let own = letter.pairs.iter().find(|p| p.clause.id == "t7").expect("t7");
    assert!(own.parent.is_none(), "{own:?}");
    assert_eq!(letter.aligned, 6);

    // Gap list: the Finance and Foreign Affairs tasks and the task on the party directive.
    let gaps: Vec<&str> = root.gaps.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(gaps, ["t2", "t3", "t5"], "{gaps:?}");

    // Level 2: the district letter cites the provincial one.
    assert_eq!(letter.children.len(), 1);
    let district = &letter.children[0];
    assert_eq!(path_of(district), "fixtures/district.txt");
    let d1 = &district.pairs[0];
    assert_eq!(d1.parent.as_ref().map(|c| c.id.as_str()), Some("t2"), "{d1:?}");
    assert!(!letter.gaps.is_empty());
}

#[test]
fn a_numbered_parent_is_found_not_inferred() {
    let root = traced("512/UBND-NC", &common::ALL);
    assert_eq!(root.status, Status::Found);
    assert!(root.evidence.is_none());
    assert_eq!(path_of(&root), "fixtures/letter.txt");
    assert_eq!(root.children.len(), 1);
}

#[test]
fn no_inference_without_a_matching_candidate() {
    // Without the notice only the decoy (another subject) is a TB of VPCP.
    let root = traced("59/TB-VPCP", &["decoy", "letter", "district"]);
    assert_eq!(root.status, Status::Missing);
    assert!(root.document.is_none());
    assert_eq!(root.children.len(), 1);
    assert!(root.children[0].pairs.is_empty());
    let unknown = traced("1/TB-XYZ", &common::ALL);
    assert_eq!(unknown.status, Status::Missing);
    assert!(unknown.children.is_empty());
}

#[test]
fn json_tree_marks_the_inference() {
    let root = traced("59/TB-VPCP", &common::ALL);
    let v = serde_json::to_value(&root).expect("json");
    assert_eq!(v["status"], "inferred");
    assert!(v["evidence"]["summary"].as_str().is_some_and(|s| s.contains("clauses")));
    assert_eq!(v["children"][0]["children"][0]["document"]["number"], "77/UBND-NV");
}
