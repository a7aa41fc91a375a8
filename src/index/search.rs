//! Full-text search over documents and task clauses, with and without
//! diacritics: the query runs first with its words as written (diacritics
//! included), then folded (any diacritics) to fill the rest, so `bo noi vu`
//! finds `Bộ Nội vụ` and an exact-diacritic match ranks above a folded-only
//! one. Both read the one indexed field, `body`: a word as written is
//! one term there, a folded word the few terms next to it (see
//! [`analyzer::term`]). Several words must all occur; the same words as a
//! phrase rank higher; `"quoted words"` ask for the phrase (adjacency is
//! checked on the folded pairs of neighbouring words the field also holds).
//!
//! Must never: fail on a malformed query (it is read leniently).

use std::collections::HashSet;
use std::ops::Bound;

use anyhow::{anyhow, Context};
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{TantivyDocument, Term};

use super::agency::AgencyResolver;
use super::analyzer::{self, Mode};
use super::schema::{day_number, KIND_DOC, KIND_TASK};
use super::{StoredUnit, VanIndex};

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
    /// The unit's stored fields; `unit.text` is left empty for documents
    /// (their text is read only as far as the snippet needs; task units
    /// give their clause in `text`).
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

/// The terms of `body` a folded word stands for: the word written
/// without marks and every exact form that folds to it (`bo`, `bo\u{1}bộ`,
/// `bo\u{1}bổ` ...), which sit together in each segment's term dictionary.
pub fn variants(searcher: &tantivy::Searcher, field: Field, folded: &str) -> anyhow::Result<Vec<Term>> {
    let (from, to) = analyzer::variant_range(folded);
    let mut found = std::collections::BTreeSet::new();
    for seg in searcher.segment_readers() {
        let inverted = seg.inverted_index(field)?;
        let mut stream = inverted.terms().range().ge(from.as_bytes()).lt(to.as_bytes()).into_stream()?;
        while stream.advance() {
            if let Ok(t) = std::str::from_utf8(stream.key()) {
                found.insert(t.to_string());
            }
        }
    }
    Ok(found.into_iter().map(|t| Term::from_field_text(field, &t)).collect())
}

/// Builds the queries of one search against the searcher it runs on.
struct Terms<'a> {
    searcher: &'a tantivy::Searcher,
    field: Field,
}

impl Terms<'_> {
    /// A folded word: any of its [`variants`] (a query that matches nothing
    /// when the index has none).
    fn folded(&self, word: &str) -> anyhow::Result<Box<dyn Query>> {
        let mut terms = variants(self.searcher, self.field, word)?;
        Ok(match terms.len() {
            0 => term_q(Term::from_field_text(self.field, word)),
            1 => term_q(terms.remove(0)),
            _ => Box::new(BooleanQuery::new(terms.into_iter().map(|t| (Occur::Should, term_q(t))).collect())),
        })
    }

    /// A word as written: its one term.
    fn exact(&self, folded: &str, exact: &str) -> Box<dyn Query> {
        term_q(Term::from_field_text(self.field, &analyzer::term_of(folded, exact)))
    }

    /// Folded words side by side: every pair of neighbours (the field
    /// indexes them, see [`analyzer::pair`]) must occur.
    fn phrase(&self, words: &[String]) -> anyhow::Result<Box<dyn Query>> {
        let mut terms: Vec<(Occur, Box<dyn Query>)> = analyzer::pairs(words)
            .iter()
            .map(|p| (Occur::Must, term_q(Term::from_field_text(self.field, p))))
            .collect();
        Ok(match (terms.len(), words.first()) {
            (0, Some(w)) => self.folded(w)?,
            (1, _) => terms.remove(0).1,
            _ => Box::new(BooleanQuery::new(terms)),
        })
    }
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

/// One part of a query: a word, or the words of a quoted phrase (or of a
/// word with inner punctuation, `59/TB-VPCP`), which must stand together.
struct Part {
    exact: Vec<String>,
    folded: Vec<String>,
    /// `-word`: units with it are left out.
    exclude: bool,
}

fn part(text: &str, exclude: bool) -> Option<Part> {
    let exact = analyzer::tokens(text, Mode::Exact);
    let folded = analyzer::tokens(text, Mode::Folded);
    (!exact.is_empty() && exact.len() == folded.len()).then_some(Part { exact, folded, exclude })
}

/// The parts of a query: quoted phrases and words, `-word` excluded,
/// `+word` like `word`.
fn parts(query: &str) -> Vec<Part> {
    let mut out = Vec::new();
    for (i, piece) in plain(query).split('"').enumerate() {
        if i % 2 == 1 {
            out.extend(part(piece, false));
            continue;
        }
        for w in piece.split_whitespace() {
            match w.strip_prefix('-') {
                Some(rest) => out.extend(part(rest, true)),
                None => out.extend(part(w.trim_start_matches('+'), false)),
            }
        }
    }
    out
}

fn term_q(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
}

/// One part as a query. Folded: the folded word, or the folded phrase.
/// Exact: every word as written and, for several words, the folded phrase
/// that puts them side by side.
fn part_query(t: &Terms, p: &Part, exact: bool) -> anyhow::Result<Box<dyn Query>> {
    if !exact {
        return match p.folded.as_slice() {
            [one] => t.folded(one),
            many => t.phrase(many),
        };
    }
    let mut subs: Vec<(Occur, Box<dyn Query>)> =
        p.folded.iter().zip(&p.exact).map(|(f, e)| (Occur::Must, t.exact(f, e))).collect();
    if p.folded.len() > 1 {
        subs.push((Occur::Must, t.phrase(&p.folded)?));
    }
    Ok(Box::new(BooleanQuery::new(subs)))
}

/// The text part of a search: every word (or phrase) required, excluded
/// ones left out, and the words as written side by side ranked higher.
/// `exact` asks for the diacritics as written (old and new tone placement
/// alike); otherwise the folded words match.
fn build_query(ix: &VanIndex, searcher: &tantivy::Searcher, query: &str, exact: bool) -> anyhow::Result<Box<dyn Query>> {
    let t = Terms { searcher, field: ix.fields.body };
    let parts = parts(query);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::with_capacity(parts.len() + 1);
    for p in &parts {
        let occur = if p.exclude { Occur::MustNot } else { Occur::Must };
        // A left-out part is left out however it is spelled.
        clauses.push((occur, part_query(&t, p, exact && !p.exclude)?));
    }
    let words: Vec<String> = parts.iter().filter(|p| !p.exclude).flat_map(|p| p.folded.clone()).collect();
    if words.len() >= 2 && !query.contains('"') && parts.iter().filter(|p| !p.exclude).count() >= 2 {
        clauses.push((Occur::Should, Box::new(BoostQuery::new(t.phrase(&words)?, PHRASE_BOOST))));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
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
        filters.push(term_filter(f.agency, &ix.agency_names(resolver, a)?));
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
    let parts = parts(query);
    // Without filters or left-out words, the best units are found by block-max
    // WAND over the words and pairs, then checked against the full question.
    let pruned = filters.is_empty() && !parts.iter().any(|p| p.exclude);
    let run = |exact: bool, n: usize| -> anyhow::Result<Vec<(f32, tantivy::DocAddress)>> {
        let strict = with(build_query(ix, &searcher, query, exact)?);
        if pruned {
            if let Some(top) = ranked_then_checked(ix, &searcher, &parts, exact, &strict, n)? {
                return Ok(top);
            }
        }
        searcher.search(&strict, &TopDocs::with_limit(n)).with_context(|| format!("{}: search failed", ix.dir.display()))
    };
    // Exact-diacritic matches first, then the folded-only ones.
    let mut top: Vec<(f32, tantivy::DocAddress, bool)> =
        run(true, limit)?.into_iter().map(|(s, a)| (s, a, true)).collect();
    if top.len() < limit {
        let seen: HashSet<tantivy::DocAddress> = top.iter().map(|t| t.1).collect();
        let more = run(false, limit + top.len())?;
        let rest: Vec<_> = more.into_iter().filter(|(_, a)| !seen.contains(a)).take(limit - top.len()).collect();
        top.extend(rest.into_iter().map(|(s, a)| (s, a, false)));
    }
    let exact_words: HashSet<String> = analyzer::tokens(query, Mode::Exact).into_iter().collect();
    let folded_words: HashSet<String> = analyzer::tokens(query, Mode::Folded).into_iter().collect();
    let mut hits = Vec::with_capacity(top.len());
    for (score, addr, exact) in top {
        let bytes = ix.stored_bytes(&searcher, addr)?;
        let (unit, snippet) = match StoredUnit::from_raw(&bytes, f) {
            // A document's text is read (and checked as UTF-8) only as far
            // as its snippet needs: the stored texts run to 100 KB.
            Some((unit, body)) if unit.kind != KIND_TASK => {
                let s = lazy_snippet(body, &exact_words, &folded_words, markers)?;
                (unit, s)
            }
            Some((mut unit, body)) => {
                unit.text = utf8(body)?.to_string();
                let (s, _) = snippet(&unit.text, &exact_words, &folded_words, markers);
                (unit, s)
            }
            None => {
                let doc: TantivyDocument = searcher.doc(addr)?;
                let unit = StoredUnit::from_doc(&doc, f);
                let (s, _) = snippet(&unit.text, &exact_words, &folded_words, markers);
                (unit, s)
            }
        };
        let text = (unit.kind == KIND_TASK).then(|| unit.text.clone());
        hits.push(Hit { score, exact, unit, text, snippet });
    }
    Ok(hits)
}

/// Stored text as `str` (SIMD-checked: the check over a 100 KB text is a
/// good part of a search).
fn utf8(bytes: &[u8]) -> anyhow::Result<&str> {
    simdutf8::basic::from_utf8(bytes).map_err(|_| anyhow!("stored text is not UTF-8"))
}

/// First bytes of a document's text a snippet is looked for in; quadrupled
/// until the snippet scan stops on its own before the end.
const SNIPPET_PREFIX: usize = 16 << 10;

/// [`snippet`] of a stored text, checking as UTF-8 (and scanning) only a
/// prefix cut at whitespace, grown until the scan stops before its end: the
/// result is the one the whole text gives.
fn lazy_snippet(
    body: &[u8],
    exact: &HashSet<String>,
    folded: &HashSet<String>,
    markers: Markers,
) -> anyhow::Result<String> {
    let mut len = SNIPPET_PREFIX;
    loop {
        let cut = if len >= body.len() {
            body.len()
        } else {
            // Cut at whitespace (a char boundary that ends a word).
            body[..len].iter().rposition(|b| b.is_ascii_whitespace()).unwrap_or(0)
        };
        let text = utf8(&body[..cut])?;
        let (s, _, stopped) = snippet_scan(text, exact, folded, markers);
        if stopped || cut == body.len() {
            return Ok(s);
        }
        len = len.saturating_mul(4);
    }
}

/// Most candidates [`ranked_then_checked`] weighs before it leaves the
/// question to the exhaustive search.
const MAX_CANDIDATES: usize = 4096;

/// The `n` best units for the words of `parts`, found fast: the folded pairs
/// of neighbours (a single word: the word, as written in the exact run) as
/// one disjunction of terms, which tantivy prunes with block-max WAND; each
/// candidate, best first, kept only when `strict` (every word, every quoted
/// phrase) matches it. Fewer than `n` kept: more candidates, up to
/// [`MAX_CANDIDATES`], then `None` (the caller searches exhaustively); also
/// `None` when the candidates ran out but an answer could hold none of the
/// ranking terms (separate words found apart).
fn ranked_then_checked(
    ix: &VanIndex,
    searcher: &tantivy::Searcher,
    parts: &[Part],
    exact: bool,
    strict: &dyn Query,
    n: usize,
) -> anyhow::Result<Option<Vec<(f32, tantivy::DocAddress)>>> {
    let f = &ix.fields;
    let mut terms: Vec<Term> = Vec::new();
    for p in parts {
        for (folded, written) in p.folded.iter().zip(&p.exact) {
            let word = if exact {
                vec![Term::from_field_text(f.body, &analyzer::term_of(folded, written))]
            } else {
                variants(searcher, f.body, folded)?
            };
            // A word the index never holds (as written): no unit has them all.
            let mut held = false;
            for t in &word {
                held |= searcher.doc_freq(t)? > 0;
            }
            if !held {
                return Ok(Some(Vec::new()));
            }
            terms.extend(word);
        }
    }
    // Several words: the pairs of neighbours rank alone (fewer and rarer
    // terms than the words, so WAND prunes more); the check asks for the words.
    let words: Vec<String> = parts.iter().flat_map(|p| p.folded.clone()).collect();
    if words.len() >= 2 {
        terms = analyzer::pairs(&words).iter().map(|p| Term::from_field_text(f.body, p)).collect();
    }
    terms.sort();
    terms.dedup();
    let rank: Box<dyn Query> = match terms.as_slice() {
        [] => return Ok(Some(Vec::new())),
        [one] => Box::new(TermQuery::new(one.clone(), IndexRecordOption::WithFreqs)),
        _ => Box::new(BooleanQuery::new(
            terms.into_iter().map(|t| (Occur::Should, Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)) as Box<dyn Query>)).collect(),
        )),
    };
    // Every unit that answers holds a ranking term when the question is one
    // word or one phrase, or holds a phrase (whose pairs it must have); words
    // asked apart may stand apart, and such units need not hold any pair.
    let complete = parts.len() == 1 || parts.iter().any(|p| p.folded.len() >= 2);
    let check = strict.weight(tantivy::query::EnableScoring::disabled_from_searcher(searcher))?;
    // A few more candidates than asked: the best ones nearly always pass the
    // check, and WAND prunes more the fewer it keeps (40 cost twice the time).
    let mut k = (n + n / 2).max(15);
    loop {
        let candidates = searcher.search(&*rank, &TopDocs::with_limit(k))?;
        let exhausted = candidates.len() < k;
        // Checked segment by segment, in doc order, with one scorer each.
        let mut order: Vec<usize> = (0..candidates.len()).collect();
        order.sort_by_key(|&i| candidates[i].1);
        let mut ok = vec![false; candidates.len()];
        let mut current: Option<(u32, Box<dyn tantivy::query::Scorer>)> = None;
        for i in order {
            let addr = candidates[i].1;
            if current.as_ref().is_none_or(|(seg, _)| *seg != addr.segment_ord) {
                let reader = searcher.segment_reader(addr.segment_ord);
                current = Some((addr.segment_ord, check.scorer(reader, 1.0)?));
            }
            if let Some((_, scorer)) = current.as_mut() {
                use tantivy::DocSet;
                ok[i] = scorer.doc() <= addr.doc_id && scorer.seek(addr.doc_id) == addr.doc_id;
            }
        }
        let kept: Vec<(f32, tantivy::DocAddress)> =
            candidates.into_iter().zip(ok).filter(|(_, ok)| *ok).map(|(c, _)| c).take(n).collect();
        if kept.len() >= n || (exhausted && complete) {
            return Ok(Some(kept));
        }
        if exhausted || k >= MAX_CANDIDATES {
            return Ok(None);
        }
        k = (k * 8).min(MAX_CANDIDATES);
    }
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
    let (s, exact, _) = snippet_scan(text, exact, folded, markers);
    (s, exact)
}

/// [`snippet`], and whether the scan stopped before the end of `text`.
fn snippet_scan(
    text: &str,
    exact: &HashSet<String>,
    folded: &HashSet<String>,
    markers: Markers,
) -> (String, bool, bool) {
    // Only words starting like a query word are folded in full, into one buffer.
    let mut firsts: Vec<char> = folded.iter().filter_map(|w| w.chars().next()).collect();
    firsts.sort_unstable();
    firsts.dedup();
    let mut buf = String::new();
    let mut any_exact = false;
    let mut is_match = |word: &str| {
        if !word.chars().next().is_some_and(|c| firsts.contains(&crate::text::fold_fast(c))) {
            // Most words: one table lookup, no allocation.
            return false;
        }
        analyzer::normalize_into(word, Mode::Folded, &mut buf);
        if !folded.contains(&buf) {
            return false;
        }
        if !any_exact {
            analyzer::normalize_into(word, Mode::Exact, &mut buf);
            any_exact = exact.contains(&buf);
        }
        true
    };
    // Sliding window with the most matches; a match right after another
    // counts twice, so the passage with the phrase wins. The scan stops at
    // the first window holding every query word side by side (a long
    // document is not read to its end for a passage that cannot be beaten
    // by much).
    let enough = (2 * folded.len()).saturating_sub(1).max(1);
    let (mut words, mut matched, mut weight) = (Vec::new(), Vec::new(), Vec::new());
    let (mut count, mut best, mut best_start, mut more) = (0, 0, 0, false);
    let mut cursor = 0;
    while let Some((a, b)) = analyzer::next_word(text, cursor) {
        if best >= enough && words.len() >= SNIPPET_WORDS {
            more = true;
            break;
        }
        cursor = b;
        let m = is_match(&text[a..b]);
        let w = match (m, matched.last() == Some(&true)) {
            (false, _) => 0,
            (true, false) => 1,
            (true, true) => 2,
        };
        words.push((a, b));
        matched.push(m);
        weight.push(w);
        count += w;
        let n = words.len();
        if n > SNIPPET_WORDS {
            count -= weight[n - 1 - SNIPPET_WORDS];
        }
        if n >= SNIPPET_WORDS && (n == SNIPPET_WORDS || count > best) {
            best = count;
            best_start = n - SNIPPET_WORDS;
        }
    }
    if words.is_empty() {
        return (String::new(), false, more);
    }
    let w = SNIPPET_WORDS.min(words.len());
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
    if more || best_start + w < words.len() {
        out.push('…');
    }
    (out, any_exact, more)
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

    /// `StoredUnit::from_raw` reads tantivy's stored layout by hand (it is pinned by
    /// Cargo.lock): every unit of a real index must read the same through it
    /// as through `Searcher::doc`, so a layout change in a tantivy upgrade
    /// fails here instead of printing wrong hits.
    #[test]
    fn raw_stored_units_read_as_tantivy_reads_them() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let docs: Vec<_> = std::fs::read_dir(&corpus)
            .expect("corpus")
            .map(|e| e.expect("entry").path())
            .map(|p| crate::pipeline::process_file(&p, &Default::default()).expect("corpus file reads"))
            .collect();
        let tmp = tempfile::tempdir().expect("tempdir");
        let ix = VanIndex::open_or_create(&tmp.path().join("ix")).expect("index");
        let opts = crate::index::writer::IndexOptions::default();
        crate::index::writer::index_documents(&ix, &docs, &opts, &crate::index::agency::NoRegistry).expect("indexed");
        ix.reload().expect("reload");
        let searcher = ix.reader.searcher();
        let f = &ix.fields;
        let mut units = 0;
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            for doc_id in 0..seg.max_doc() {
                let addr = tantivy::DocAddress::new(ord as u32, doc_id);
                let bytes = ix.stored_bytes(&searcher, addr).expect("stored bytes");
                let (mut raw, body) = StoredUnit::from_raw(&bytes, f).expect("the layout is understood");
                raw.text = utf8(body).expect("utf-8").to_string();
                let doc: TantivyDocument = searcher.doc(addr).expect("doc");
                let want = StoredUnit::from_doc(&doc, f);
                assert_eq!(raw.kind, want.kind);
                assert_eq!(raw.text, want.text, "{addr:?}");
                assert_eq!(serde_json::to_value(&raw).ok(), serde_json::to_value(&want).ok(), "{addr:?}");
                units += 1;
            }
        }
        assert!(units > docs.len(), "documents and their task units: {units}");
    }

    #[test]
    fn syntax_characters_are_text() {
        assert_eq!(plain("Một là: \"Bộ Nội vụ\" (2024)"), "Một là  \"Bộ Nội vụ\"  2024 ");
        assert_eq!(plain("\"xóa nhà"), " xóa nhà");
    }

    #[test]
    fn lazy_snippet_is_the_whole_text_snippet() {
        let set = |s: &str, m| analyzer::tokens(s, m).into_iter().collect::<HashSet<_>>();
        let m = Markers { open: "[", close: "]" };
        let filler = "Ủy ban nhân dân các tỉnh triển khai thực hiện nghiêm túc.\n".repeat(2000);
        for text in [
            format!("Giao Bộ Nội vụ chủ trì. {filler}"),
            format!("{filler} Giao Bộ Nội vụ chủ trì. {filler}"),
            format!("{filler}Bộ Nội vụ"),
            filler.clone(),
            "Bộ Nội vụ".to_string(),
        ] {
            for q in ["Bộ Nội vụ", "bo noi vu", "tỉnh"] {
                let (e, f) = (set(q, Mode::Exact), set(q, Mode::Folded));
                let lazy = lazy_snippet(text.as_bytes(), &e, &f, m).map_err(|e| e.to_string());
                assert_eq!(lazy, Ok(snippet(&text, &e, &f, m).0), "{q}");
            }
        }
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
