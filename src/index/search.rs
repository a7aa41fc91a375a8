//! Full-text search over documents and task clauses, with and without
//! diacritics: the query runs against the exact field (boosted) and the
//! folded field, so `bo noi vu` finds `Bộ Nội vụ` and an exact-diacritic
//! match ranks above a folded-only one (the exact query runs first, the
//! folded one fills the rest). Several words must all occur; the
//! same words as a phrase rank higher; `"quoted words"` ask for the phrase.
//!
//! Must never: fail on a malformed query (it is read leniently).

use std::collections::HashSet;
use std::ops::Bound;

use anyhow::{anyhow, Context};
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{TantivyDocument, Term};

use super::agency::{query_names, AgencyResolver};
use super::analyzer::{self, Mode};
use super::schema::{day_number, KIND_DOC, KIND_TASK};
use super::{StoredUnit, VanIndex};

/// Weight of the exact field against the folded one.
const EXACT_BOOST: f32 = 2.0;
/// Extra weight of the words found as a phrase.
const PHRASE_BOOST: f32 = 2.0;

/// Filters and limits of one search.
#[derive(Clone, Debug, Default)]
pub struct SearchOptions {
    pub limit: usize,
    /// Any spelling of an agency named by the unit's tasks.
    pub agency: Option<String>,
    /// `doc_type` (TB, KH, QĐ ...).
    pub doc_type: Option<String>,
    /// Issue date bounds, `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Only `doc` or only `task` units.
    pub kind: Option<String>,
}

/// One result.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub score: f32,
    /// True when every query word matched with its diacritics as written
    /// (such hits come first; `score` orders hits within each group).
    pub exact: bool,
    #[serde(flatten)]
    pub unit: StoredUnit,
    /// The whole clause, for task units (documents give only their snippet).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The best passage, matches wrapped in the asked markers.
    pub snippet: String,
}

/// How matches are marked in snippets.
#[derive(Clone, Copy, Debug)]
pub struct Markers<'a> {
    pub open: &'a str,
    pub close: &'a str,
}

fn term_filter(field: Field, values: &[String]) -> Box<dyn Query> {
    let subs: Vec<(Occur, Box<dyn Query>)> = values
        .iter()
        .map(|v| {
            let q: Box<dyn Query> =
                Box::new(TermQuery::new(Term::from_field_text(field, v), IndexRecordOption::Basic));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(subs))
}

fn date_bound(value: &Option<String>, flag: &str) -> anyhow::Result<Option<u64>> {
    value
        .as_deref()
        .map(|v| day_number(v.trim()).ok_or_else(|| anyhow!("{flag} {v:?}: expected a date YYYY-MM-DD")))
        .transpose()
}

/// A range filter on a `yyyymmdd` field.
pub fn day_range(field: Field, from: Option<u64>, to: Option<u64>) -> Box<dyn Query> {
    let b = |d: Option<u64>| d.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_u64(field, d)));
    Box::new(RangeQuery::new(b(from), b(to)))
}

fn phrase(field: Field, words: &[String]) -> Box<dyn Query> {
    Box::new(PhraseQuery::new(words.iter().map(|w| Term::from_field_text(field, w)).collect()))
}

/// The query as words, quotes and `-`/`+` prefixes only: tantivy's syntax
/// characters (`:` of `Một là:`, brackets, `~`, `*`) become spaces, and an
/// unpaired quote is dropped, so text pasted from a document searches as text.
pub fn plain(query: &str) -> String {
    let mut out: String = query
        .chars()
        .map(|c| if matches!(c, ':' | '(' | ')' | '[' | ']' | '{' | '}' | '^' | '~' | '*' | '\\' | '!' | '<' | '>' | '=') { ' ' } else { c })
        .collect();
    if out.matches('"').count() % 2 == 1 {
        if let Some(i) = out.rfind('"') {
            out.replace_range(i..i + 1, " ");
        }
    }
    out
}

/// Builds the text part of a search over `fields` (the first one boosted):
/// all words required, phrase matches boosted.
fn fields_query(ix: &VanIndex, query: &str, fields: &[Field]) -> Box<dyn Query> {
    let f = &ix.fields;
    let mut parser = QueryParser::for_index(&ix.index, fields.to_vec());
    parser.set_field_boost(f.body, EXACT_BOOST);
    parser.set_conjunction_by_default();
    let (parsed, _errors) = parser.parse_query_lenient(&plain(query));
    let exact = analyzer::tokens(query, Mode::Exact);
    if exact.len() < 2 || query.contains('"') {
        return parsed;
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, parsed)];
    for &field in fields {
        let (words, boost) = if field == f.body {
            (exact.clone(), PHRASE_BOOST * EXACT_BOOST)
        } else {
            (analyzer::tokens(query, Mode::Folded), PHRASE_BOOST)
        };
        clauses.push((Occur::Should, Box::new(BoostQuery::new(phrase(field, &words), boost))));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// The text part of a search: both fields (with and without diacritics).
pub fn text_query(ix: &VanIndex, query: &str) -> Box<dyn Query> {
    fields_query(ix, query, &[ix.fields.body, ix.fields.body_fold])
}

/// The text part of a search with diacritics as written (old and new tone
/// placement alike).
pub fn exact_query(ix: &VanIndex, query: &str) -> Box<dyn Query> {
    fields_query(ix, query, &[ix.fields.body])
}

/// Runs a search. `resolver` resolves `--agency`.
pub fn search(
    ix: &VanIndex,
    query: &str,
    opts: &SearchOptions,
    resolver: &dyn AgencyResolver,
    markers: Markers,
) -> anyhow::Result<Vec<Hit>> {
    let f = &ix.fields;
    let mut filters: Vec<Box<dyn Query>> = Vec::new();
    if let Some(a) = &opts.agency {
        let known = ix.terms("agency")?;
        filters.push(term_filter(f.agency, &query_names(resolver, a, &known)));
    }
    if let Some(t) = &opts.doc_type {
        filters.push(term_filter(f.doc_type, &[crate::text::nfc(t.trim()).to_uppercase()]));
    }
    let (from, to) = (date_bound(&opts.from, "--from")?, date_bound(&opts.to, "--to")?);
    if from.is_some() || to.is_some() {
        filters.push(day_range(f.issued_day, from, to));
    }
    if let Some(k) = &opts.kind {
        if k != KIND_DOC && k != KIND_TASK {
            return Err(anyhow!("--kind {k:?}: expected `doc` or `task`"));
        }
        filters.push(term_filter(f.kind, &[k.clone()]));
    }
    let with = |text: Box<dyn Query>| {
        let mut clauses = vec![(Occur::Must, text)];
        clauses.extend(filters.iter().map(|q| (Occur::Must, q.box_clone())));
        BooleanQuery::new(clauses)
    };
    let limit = opts.limit.max(1);
    let searcher = ix.searcher()?;
    let run = |q: &BooleanQuery, n: usize| {
        searcher.search(q, &TopDocs::with_limit(n)).with_context(|| format!("{}: search failed", ix.dir.display()))
    };
    // Exact-diacritic matches first, then the folded-only ones.
    let mut top: Vec<(f32, tantivy::DocAddress, bool)> =
        run(&with(exact_query(ix, query)), limit)?.into_iter().map(|(s, a)| (s, a, true)).collect();
    if top.len() < limit {
        let seen: HashSet<tantivy::DocAddress> = top.iter().map(|t| t.1).collect();
        let more = run(&with(text_query(ix, query)), limit + top.len())?;
        let rest: Vec<_> = more.into_iter().filter(|(_, a)| !seen.contains(a)).take(limit - top.len()).collect();
        top.extend(rest.into_iter().map(|(s, a)| (s, a, false)));
    }
    let exact_words: HashSet<String> = analyzer::tokens(query, Mode::Exact).into_iter().collect();
    let folded_words: HashSet<String> = analyzer::tokens(query, Mode::Folded).into_iter().collect();
    let mut hits = Vec::with_capacity(top.len());
    for (score, addr, exact) in top {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let unit = StoredUnit::from_doc(&doc, f);
        let (snippet, _) = snippet(&unit.text, &exact_words, &folded_words, markers);
        let text = (unit.kind == KIND_TASK).then(|| unit.text.clone());
        hits.push(Hit { score, exact, unit, text, snippet });
    }
    Ok(hits)
}

/// Words around the densest cluster of matches.
const SNIPPET_WORDS: usize = 30;

/// The passage of `text` with the most query words, matches marked, and
/// whether any word matched exactly (diacritics as written).
pub fn snippet(
    text: &str,
    exact: &HashSet<String>,
    folded: &HashSet<String>,
    markers: Markers,
) -> (String, bool) {
    let words: Vec<(usize, usize)> = analyzer::words(text).collect();
    // Only words starting like a query word are folded in full.
    let firsts: HashSet<char> = folded.iter().filter_map(|w| w.chars().next()).collect();
    let matched: Vec<bool> = words
        .iter()
        .map(|&(a, b)| {
            let starts = text[a..b].chars().next().is_some_and(|c| firsts.contains(&crate::text::fold_char(c)));
            starts && folded.contains(&analyzer::normalize(&text[a..b], Mode::Folded))
        })
        .collect();
    let any_exact = words
        .iter()
        .zip(&matched)
        .any(|(&(a, b), m)| *m && exact.contains(&analyzer::normalize(&text[a..b], Mode::Exact)));
    if words.is_empty() {
        return (String::new(), false);
    }
    // Sliding window with the most matches; a match right after another
    // counts twice, so the passage with the phrase wins.
    let weight: Vec<usize> = (0..words.len())
        .map(|i| match (matched[i], i > 0 && matched[i - 1]) {
            (false, _) => 0,
            (true, false) => 1,
            (true, true) => 2,
        })
        .collect();
    let w = SNIPPET_WORDS.min(words.len());
    let mut count: usize = weight[..w].iter().sum();
    let (mut best, mut best_start) = (count, 0);
    for start in 1..=(words.len() - w) {
        count = count + weight[start + w - 1] - weight[start - 1];
        if count > best {
            best = count;
            best_start = start;
        }
    }
    let mut out = String::new();
    if best_start > 0 {
        out.push('…');
    }
    let mut pos = words[best_start].0;
    for i in best_start..best_start + w {
        let (a, b) = words[i];
        out.push_str(&squash(&text[pos..a]));
        if matched[i] {
            out.push_str(markers.open);
            out.push_str(&text[a..b]);
            out.push_str(markers.close);
        } else {
            out.push_str(&text[a..b]);
        }
        pos = b;
    }
    if best_start + w < words.len() {
        out.push('…');
    }
    (out, any_exact)
}

/// Whitespace runs (line breaks included) become one space.
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_characters_are_text() {
        assert_eq!(plain("Một là: \"Bộ Nội vụ\" (2024)"), "Một là  \"Bộ Nội vụ\"  2024 ");
        assert_eq!(plain("\"xóa nhà"), " xóa nhà");
    }

    #[test]
    fn snippet_marks_folded_and_exact_matches() {
        let set = |s: &str, m| analyzer::tokens(s, m).into_iter().collect::<HashSet<_>>();
        let text = "Giao Bộ Nội vụ phối hợp\nvới các bộ.";
        let m = Markers { open: "[", close: "]" };
        let (s, exact) = snippet(text, &set("bo noi vu", Mode::Exact), &set("bo noi vu", Mode::Folded), m);
        assert_eq!(s, "Giao [Bộ] [Nội] [vụ] phối hợp với các [bộ]");
        assert!(!exact);
        let (_, exact) = snippet(text, &set("Bộ Nội vụ", Mode::Exact), &set("Bộ Nội vụ", Mode::Folded), m);
        assert!(exact);
    }
}
