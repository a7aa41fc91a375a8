//! Finding a cited parent by content. Letters cite a notice by number, but
//! the notice's own copy may have lost its header (`000_*` of the corpus is
//! the notice `002_*` calls `59/TB-VPCP`). A candidate is a document without
//! a number of the cited type (`TB`), from the issuer the number names
//! (`VPCP`), not dated otherwise than the citation says; the one whose
//! clauses the citing documents' clauses match most strongly is the parent,
//! if the match is strong enough.
//!
//! Must never: infer a parent from type and issuer alone; content decides.

use serde::Serialize;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::clauses::{clauses, Clause};
use super::similarity::{features, Features};
use super::{align_features, TraceOptions};
use crate::index::agency::AgencyResolver;
use crate::index::schema::KIND_DOC;
use crate::index::analyzer::{tokens, Mode};
use crate::index::{load_top_documents, VanIndex};
use crate::model::Document;
use crate::text::fold;

/// Why a document was taken for the cited one.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Evidence {
    /// Type and issuer code read from the number (and the citations).
    pub cited_type: Option<String>,
    pub issuer_code: Option<String>,
    pub cited_date: Option<String>,
    pub type_matches: bool,
    pub issuer_matches: bool,
    /// Clauses of the citing documents, and how many matched this candidate.
    pub child_clauses: usize,
    pub aligned_pairs: usize,
    /// Mean similarity of the aligned pairs.
    pub mean_score: f32,
    /// Candidates weighed, and the best other one's aligned pairs.
    pub candidates: usize,
    pub runner_up_pairs: usize,
    /// Other candidates that match exactly as well (copies of one document).
    pub tied: usize,
    pub summary: String,
}

/// Documents weighed by content, taken from the best full-text matches.
const CANDIDATES: usize = 50;

/// Document types that stand in numbers (`59/TB-VPCP`); anything else before
/// the dash is an issuer code (`3722/VPCP-CN` is a công văn).
const TYPES: [&str; 20] = [
    "TB", "KH", "CT", "QĐ", "NQ", "KL", "BC", "TTR", "CTR", "HD", "QC", "NĐ", "TT", "TTLT", "QY", "CV", "TTG", "BB", "ĐA", "PA",
];

/// (type, issuer code) read from a normalised number: `59/TB-VPCP` →
/// (`TB`, `VPCP`), `34-CT/TW` → (`CT`, `TW`), `3722/VPCP-CN` → (`CV`, `VPCP`).
pub fn parse_number(n: &str) -> (Option<String>, Option<String>) {
    let Some((left, right)) = n.split_once('/') else { return (None, None) };
    if let Some((_, t)) = left.split_once('-') {
        return (Some(t.to_string()), Some(right.to_string()).filter(|s| !s.is_empty()));
    }
    let mut parts = right.split('-');
    let first = parts.next().unwrap_or("").to_string();
    if TYPES.contains(&first.as_str()) {
        (Some(first), parts.next().map(str::to_string).filter(|s| !s.is_empty()))
    } else {
        (Some("CV".to_string()), Some(first).filter(|s| !s.is_empty()))
    }
}

/// Initials of a name, folded and uppercase: `Văn phòng Chính phủ` → `VPCP`.
fn initials(name: &str) -> String {
    fold(name).split_whitespace().filter_map(|w| w.chars().next()).flat_map(char::to_uppercase).collect()
}

/// Whether `issuer` is the body the code names.
pub fn issuer_matches(code: &str, issuer: &str, resolver: &dyn AgencyResolver) -> bool {
    if let (Some(a), Some(b)) = (resolver.canonical(code), resolver.canonical(issuer)) {
        return a == b;
    }
    if resolver.canonical(code).as_deref() == Some(issuer) {
        return true;
    }
    let code = fold(code).to_uppercase();
    !code.is_empty() && initials(issuer) == code
}

struct Score {
    aligned: usize,
    mean: f32,
}

fn score(child: &[Clause], child_features: &[Features], candidate: &Document, threshold: f32) -> Score {
    let parent = clauses(candidate);
    let parent_features: Vec<Features> = parent.iter().map(|c| features(&c.text)).collect();
    let pairs = align_features(child, child_features, &parent, &parent_features, threshold);
    let hits: Vec<f32> = pairs.iter().filter(|p| p.parent.is_some()).map(|p| p.score).collect();
    let mean = if hits.is_empty() { 0.0 } else { hits.iter().sum::<f32>() / hits.len() as f32 };
    Score { aligned: hits.len(), mean }
}

/// The document `number` most likely is, judged by the clauses of the
/// documents citing it, with the evidence; `None` when nothing matches well.
pub fn infer(
    ix: &VanIndex,
    number: &str,
    citing: &[Document],
    resolver: &dyn AgencyResolver,
    opts: &TraceOptions,
) -> anyhow::Result<Option<(Document, Evidence)>> {
    if citing.is_empty() {
        return Ok(None);
    }
    let cites: Vec<_> = citing
        .iter()
        .flat_map(|d| &d.citations)
        .filter(|c| crate::index::normalize_number(&c.number) == number)
        .collect();
    let (parsed_type, code) = parse_number(number);
    let cited_type = cites.iter().find_map(|c| c.doc_type.clone()).or(parsed_type);
    let cited_date = cites.iter().find_map(|c| c.date.clone());
    let child: Vec<Clause> = citing.iter().flat_map(clauses).collect();
    if child.is_empty() {
        return Ok(None);
    }
    // Candidates: the documents of the cited type whose words best match the
    // citing clauses (BM25 over the folded field), so the index size does not matter.
    let f = &ix.fields;
    let mut words: Vec<String> = child.iter().flat_map(|c| tokens(&c.text, Mode::Folded)).collect();
    words.sort();
    words.dedup();
    // Each folded word stands for the terms of its spellings.
    let searcher = ix.searcher()?;
    let mut variants = Vec::new();
    for w in &words {
        variants.extend(crate::index::search::variants(&searcher, f.body, w)?);
    }
    let mut clauses_q: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Must, Box::new(TermQuery::new(Term::from_field_text(f.kind, KIND_DOC), IndexRecordOption::Basic))),
        (Occur::Must, Box::new(BooleanQuery::new_multiterms_query(variants))),
    ];
    if let Some(t) = &cited_type {
        clauses_q.push((Occur::Must, Box::new(TermQuery::new(Term::from_field_text(f.doc_type, t), IndexRecordOption::Basic))));
    }
    let citing_ids: Vec<&str> = citing.iter().map(|d| d.id.as_str()).collect();
    let candidates: Vec<Document> = load_top_documents(ix, &BooleanQuery::new(clauses_q), CANDIDATES)?
        .into_iter()
        .filter(|d| d.number.is_none() && !citing_ids.contains(&d.id.as_str()))
        .filter(|d| match (&cited_date, &d.issued_date) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        })
        .filter(|d| match (&code, &d.issuer) {
            (Some(code), Some(issuer)) => issuer_matches(code, issuer, resolver),
            _ => true,
        })
        .collect();
    let child_features: Vec<Features> = child.iter().map(|c| features(&c.text)).collect();
    let mut scored: Vec<(Score, Document)> =
        candidates.into_iter().map(|d| (score(&child, &child_features, &d, opts.threshold), d)).collect();
    scored.sort_by(|a, b| b.0.aligned.cmp(&a.0.aligned).then(b.0.mean.total_cmp(&a.0.mean)));
    let weighed = scored.len();
    let runner_up = scored.get(1).map_or(0, |s| s.0.aligned);
    let tied = scored.iter().skip(1).filter(|s| s.0.aligned == scored[0].0.aligned && s.0.mean == scored[0].0.mean).count();
    let Some((best, doc)) = scored.into_iter().next() else { return Ok(None) };
    let needed = opts.min_inferred_pairs.min(child.len()).max(1);
    if best.aligned < needed {
        return Ok(None);
    }
    let type_matches = cited_type.is_some() && cited_type == doc.doc_type;
    let issuer_ok = match (&code, &doc.issuer) {
        (Some(c), Some(i)) => issuer_matches(c, i, resolver),
        _ => false,
    };
    let summary = format!(
        "{} of {} clauses of the citing documents match its clauses (mean similarity {:.2}); type {} {}, issuer {} {}; {} candidate(s) weighed, next best {} pair(s)",
        best.aligned,
        child.len(),
        best.mean,
        cited_type.as_deref().unwrap_or("?"),
        if type_matches { "agrees" } else { "unknown" },
        code.as_deref().unwrap_or("?"),
        if issuer_ok { "agrees" } else { "unknown" },
        weighed,
        runner_up
    ) + &if tied > 0 { format!("; {tied} other candidate(s) match exactly as well (copies?)") } else { String::new() };
    let evidence = Evidence {
        cited_type,
        issuer_code: code,
        cited_date,
        type_matches,
        issuer_matches: issuer_ok,
        child_clauses: child.len(),
        aligned_pairs: best.aligned,
        mean_score: best.mean,
        candidates: weighed,
        runner_up_pairs: runner_up,
        tied,
        summary,
    };
    Ok(Some((doc, evidence)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::agency::NoRegistry;

    #[test]
    fn numbers_give_type_and_issuer() {
        let p = |n: &str| parse_number(n);
        assert_eq!(p("59/TB-VPCP"), (Some("TB".into()), Some("VPCP".into())));
        assert_eq!(p("34-CT/TW"), (Some("CT".into()), Some("TW".into())));
        assert_eq!(p("3722/VPCP-CN"), (Some("CV".into()), Some("VPCP".into())));
        assert_eq!(p("4647/QĐ-UBND"), (Some("QĐ".into()), Some("UBND".into())));
        assert_eq!(p("59"), (None, None));
    }

    #[test]
    fn issuer_codes_match_initials() {
        assert!(issuer_matches("VPCP", "Văn phòng Chính phủ", &NoRegistry));
        assert!(issuer_matches("UBND", "Ủy ban nhân dân", &NoRegistry));
        assert!(!issuer_matches("VPCP", "Bộ Nội vụ", &NoRegistry));
    }
}
