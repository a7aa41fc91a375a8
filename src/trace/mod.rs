//! Trace: the citation graph from a directive down to the letters that
//! carry it out, with clause-level alignment. The documents citing NUMBER
//! form the first level, the documents citing those the next, and so on;
//! each child's clauses are paired with the parent clause they carry out
//! ([`similarity`] over folded text), and the parent clauses nobody carries
//! out form the gap list. When no indexed document carries NUMBER, the
//! parent is looked for by content ([`infer`]).
//!
//! Must never: present an inferred link as a certain one.

pub mod clauses;
pub mod infer;
pub mod similarity;

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use crate::index::agency::AgencyResolver;
use crate::index::schema::KIND_DOC;
use crate::index::{load_documents, normalize_number, VanIndex};
use crate::model::Document;
pub use clauses::Clause;
pub use infer::Evidence;

/// Knobs of a trace.
#[derive(Clone, Debug)]
pub struct TraceOptions {
    /// Lowest similarity that counts as "carries out".
    pub threshold: f32,
    /// Levels below the root.
    pub max_depth: usize,
    /// Fewest aligned clauses before a document is inferred to be the parent.
    pub min_inferred_pairs: usize,
}

impl Default for TraceOptions {
    fn default() -> Self {
        TraceOptions { threshold: 0.25, max_depth: 8, min_inferred_pairs: 3 }
    }
}

/// What identifies a document in the tree.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DocRef {
    pub path: String,
    pub id: String,
    pub number: Option<String>,
    pub doc_type: Option<String>,
    pub issuer: Option<String>,
    pub issued_date: Option<String>,
}

impl DocRef {
    fn of(d: &Document) -> DocRef {
        DocRef {
            path: d.source.path.clone(),
            id: d.id.clone(),
            number: d.number.clone(),
            doc_type: d.doc_type.clone(),
            issuer: d.issuer.clone(),
            issued_date: d.issued_date.clone(),
        }
    }
}

/// One clause of a child and the parent clause it carries out.
#[derive(Clone, Debug, Serialize)]
pub struct Pair {
    pub clause: Clause,
    /// The best parent clause when its score reaches the threshold.
    pub parent: Option<Clause>,
    pub score: f32,
}

/// How the document of a node was found.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Carries the number.
    Found,
    /// Matched by content; see the evidence.
    Inferred,
    /// Cited, but nothing in the index is it.
    Missing,
}

/// A node of the tree.
#[derive(Clone, Debug, Serialize)]
pub struct Node {
    /// The number asked for (root) or the document's own number.
    pub number: Option<String>,
    pub status: Status,
    pub document: Option<DocRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// How this document cites its parent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// This document's clauses, each with the parent clause it carries out.
    pub pairs: Vec<Pair>,
    /// How many of `pairs` found a parent clause.
    pub aligned: usize,
    /// This document's clauses that none of its children carries out.
    pub gaps: Vec<Clause>,
    pub children: Vec<Node>,
}

fn term(field: Field, v: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, v), IndexRecordOption::Basic))
}

fn docs_where(ix: &VanIndex, field: Field, value: &str) -> anyhow::Result<Vec<Document>> {
    let q = BooleanQuery::new(vec![(Occur::Must, term(ix.fields.kind, KIND_DOC)), (Occur::Must, term(field, value))]);
    load_documents(ix, Some(Box::new(q)))
}

/// Pairs each clause of `child` with the best clause of `parent`.
pub fn align(child: &[Clause], parent: &[Clause], threshold: f32) -> Vec<Pair> {
    let f = |cs: &[Clause]| cs.iter().map(|c| similarity::features(&c.text)).collect::<Vec<_>>();
    align_features(child, &f(child), parent, &f(parent), threshold)
}

/// [`align`] with the clauses' features already computed.
pub fn align_features(
    child: &[Clause],
    child_features: &[similarity::Features],
    parent: &[Clause],
    parent_features: &[similarity::Features],
    threshold: f32,
) -> Vec<Pair> {
    let m = similarity::matrix_of(child_features, parent_features);
    child
        .iter()
        .zip(m)
        .map(|(c, row)| {
            let best = row.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1));
            match best {
                Some((j, &s)) if s >= threshold => Pair { clause: c.clone(), parent: Some(parent[j].clone()), score: s },
                Some((_, &s)) => Pair { clause: c.clone(), parent: None, score: s },
                None => Pair { clause: c.clone(), parent: None, score: 0.0 },
            }
        })
        .collect()
}

/// A document with its clauses and their similarity features, computed once
/// whether it is aligned as a child, as a parent or listed for its gaps.
struct Prepared {
    doc: Document,
    clauses: Vec<Clause>,
    features: Vec<similarity::Features>,
}

fn prepare(doc: Document) -> Prepared {
    let clauses = clauses::clauses(&doc);
    let features = clauses.iter().map(|c| similarity::features(&c.text)).collect();
    Prepared { doc, clauses, features }
}

struct Walker<'a> {
    ix: &'a VanIndex,
    opts: &'a TraceOptions,
    visited: HashSet<String>,
}

impl Walker<'_> {
    /// Nodes for the documents citing `number`, aligned to `parent`.
    fn children(&mut self, number: &str, parent: Option<&Prepared>, depth: usize) -> anyhow::Result<Vec<Node>> {
        if depth > self.opts.max_depth {
            return Ok(Vec::new());
        }
        let citing: Vec<Document> =
            docs_where(self.ix, self.ix.fields.cites, number)?.into_iter().filter(|d| !self.visited.contains(&d.id)).collect();
        // Clauses, features and alignment of each child are independent: in
        // parallel. A child met again below an earlier sibling stays there.
        let threshold = self.opts.threshold;
        let prepared: Vec<(Prepared, Vec<Pair>)> = citing
            .into_par_iter()
            .map(|child| {
                let c = prepare(child);
                let pairs = match parent {
                    Some(p) => align_features(&c.clauses, &c.features, &p.clauses, &p.features, threshold),
                    None => Vec::new(),
                };
                (c, pairs)
            })
            .collect();
        let mut out = Vec::with_capacity(prepared.len());
        for (child, pairs) in prepared {
            if self.visited.insert(child.doc.id.clone()) {
                out.push(self.node(child, pairs, Some(number), depth)?);
            }
        }
        Ok(out)
    }

    fn node(&mut self, p: Prepared, pairs: Vec<Pair>, cited_as: Option<&str>, depth: usize) -> anyhow::Result<Node> {
        let children = match &p.doc.number {
            Some(n) => self.children(&normalize_number(n), Some(&p), depth + 1)?,
            None => Vec::new(),
        };
        let doc = &p.doc;
        let citation = cited_as.and_then(|n| {
            doc.citations.iter().find(|c| normalize_number(&c.number) == n).map(|c| c.text.clone())
        });
        Ok(Node {
            number: doc.number.clone(),
            status: Status::Found,
            evidence: None,
            citation,
            aligned: pairs.iter().filter(|p| p.parent.is_some()).count(),
            gaps: gaps(&p.clauses, &children),
            document: Some(DocRef::of(doc)),
            pairs,
            children,
        })
    }
}

/// Clauses of a document that no child pairs with (empty for a leaf:
/// nobody was asked to carry it out).
fn gaps(clauses: &[Clause], children: &[Node]) -> Vec<Clause> {
    if children.is_empty() {
        return Vec::new();
    }
    let carried: HashSet<&str> = children
        .iter()
        .flat_map(|c| &c.pairs)
        .filter_map(|p| p.parent.as_ref().map(|c| c.id.as_str()))
        .collect();
    clauses.iter().filter(|c| !carried.contains(c.id.as_str())).cloned().collect()
}

/// Builds the tree of documents implementing `number`.
pub fn trace(ix: &VanIndex, number: &str, resolver: &dyn AgencyResolver, opts: &TraceOptions) -> anyhow::Result<Node> {
    let n = normalize_number(number);
    if n.is_empty() {
        anyhow::bail!("trace: empty document number");
    }
    let mut walker = Walker { ix, opts, visited: HashSet::new() };
    if let Some(doc) = docs_where(ix, ix.fields.number_norm, &n)?.into_iter().next() {
        walker.visited.insert(doc.id.clone());
        let mut root = walker.node(prepare(doc), Vec::new(), None, 0)?;
        root.number = Some(n);
        return Ok(root);
    }
    // Nobody carries the number: walk its citers, then look for the parent by content.
    let mut root = Node {
        number: Some(n.clone()),
        status: Status::Missing,
        document: None,
        evidence: None,
        citation: None,
        pairs: Vec::new(),
        aligned: 0,
        gaps: Vec::new(),
        children: Vec::new(),
    };
    let citing = docs_where(ix, ix.fields.cites, &n)?;
    let inferred = infer::infer(ix, &n, &citing, resolver, opts)?.map(|(d, e)| (prepare(d), e));
    if let Some((parent, evidence)) = &inferred {
        walker.visited.insert(parent.doc.id.clone());
        root.status = Status::Inferred;
        root.document = Some(DocRef::of(&parent.doc));
        root.evidence = Some(evidence.clone());
    }
    root.children = walker.children(&n, inferred.as_ref().map(|(p, _)| p), 1)?;
    if let Some((parent, _)) = &inferred {
        root.gaps = gaps(&parent.clauses, &root.children);
    }
    Ok(root)
}

fn one_line(s: &str, width: usize) -> String {
    let flat = clauses::squash(s);
    if flat.chars().count() <= width {
        flat
    } else {
        flat.chars().take(width.saturating_sub(1)).collect::<String>() + "…"
    }
}

fn label(c: &Clause) -> String {
    match &c.section {
        Some(s) if c.task => format!("{s} {}", c.id),
        Some(s) => s.clone(),
        None => c.id.clone(),
    }
}

fn describe(d: &DocRef) -> String {
    let parts: Vec<&str> = [d.doc_type.as_deref(), d.issued_date.as_deref(), d.issuer.as_deref(), Some(d.path.as_str())]
        .into_iter()
        .flatten()
        .collect();
    parts.join("  ")
}

/// The tree as indented text.
pub fn render(root: &Node) -> String {
    let mut out = String::new();
    let number = root.number.clone().unwrap_or_default();
    match (&root.status, &root.document, &root.evidence) {
        (Status::Found, Some(d), _) => out.push_str(&format!("{number}  {}\n", describe(d))),
        (Status::Inferred, Some(d), Some(e)) => {
            out.push_str(&format!("{number}  INFERRED from content: {}\n", describe(d)));
            out.push_str(&format!("  evidence: {}\n", e.summary));
        }
        _ => out.push_str(&format!("{number}  not in the index (no document carries this number or matches it by content)\n")),
    }
    render_gaps(&mut out, &root.gaps, "  ");
    for c in &root.children {
        render_node(&mut out, c, "  ");
    }
    out
}

fn render_gaps(out: &mut String, gaps: &[Clause], indent: &str) {
    if gaps.is_empty() {
        return;
    }
    out.push_str(&format!("{indent}gaps: {} clause(s) no document below carries out\n", gaps.len()));
    for g in gaps {
        out.push_str(&format!("{indent}  ✗ {:<10} {}\n", label(g), one_line(&g.text, 90)));
    }
}

fn render_node(out: &mut String, node: &Node, indent: &str) {
    let d = node.document.as_ref();
    out.push_str(&format!(
        "{indent}└─ {}  {}  ({} of {} clauses aligned)\n",
        node.number.as_deref().unwrap_or("(no number)"),
        d.map(describe).unwrap_or_default(),
        node.aligned,
        node.pairs.len()
    ));
    let inner = format!("{indent}     ");
    for p in &node.pairs {
        let target = match &p.parent {
            Some(c) => format!("⇐ {:<10} {:.2}", label(c), p.score),
            None => format!("⇐ {:<10} {:.2}", "(none)", p.score),
        };
        out.push_str(&format!("{inner}{:<10} {target}  {}\n", label(&p.clause), one_line(&p.clause.text, 80)));
    }
    render_gaps(out, &node.gaps, &inner);
    for c in &node.children {
        render_node(out, c, &inner);
    }
}
