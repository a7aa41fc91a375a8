//! Repair: mis-encoded Vietnamese back to clean NFC text.
//!
//! Families (one module each): PDF font low-byte mojibake ([`pdf_font`]),
//! UTF-8 read as Windows-1252/Latin-1 ([`cp1252`]), Windows-1258 bytes and
//! invalid UTF-8 mixed into UTF-8 ([`bytes`]), decomposed text
//! ([`decomposed`]), TCVN3 and VNI legacy fonts ([`legacy`]). Each candidate
//! rewrite is scored by the Vietnamese syllable model ([`syllable`]) and kept
//! only when strictly better; legacy fonts are decided per line with a
//! document-level prior for lines that read the same either way.
//!
//! Must never: change text that is already clean (it comes back borrowed,
//! byte-identical), or rewrite a span whose repaired form is not better
//! Vietnamese than what is there.

use std::borrow::Cow;

mod bytes;
pub mod cp1252;
pub mod decomposed;
pub mod legacy;
pub mod pdf_font;
pub mod prescan;
mod report;
pub mod syllable;

pub use bytes::repair_bytes;
pub use report::{Family, FamilyReport, Report};

use legacy::LegacyTable;
use syllable::token_score;

/// Repairs already-decoded text. Clean text comes back as `Cow::Borrowed`.
pub fn repair_str(s: &str) -> (Cow<'_, str>, Report) {
    let mut report = Report::new("utf-8");
    if prescan::is_clean(s) {
        return (Cow::Borrowed(s), report);
    }
    match repair_text(s, &mut report) {
        Some(out) if out != s => (Cow::Owned(out), report),
        _ => (Cow::Borrowed(s), Report::new("utf-8")),
    }
}

/// Document-wide facts the line repairs lean on.
#[derive(Default)]
struct Context {
    /// The document shows PDF low-byte letters, so NBSP inside a word may be `Ơ`.
    pdf_evidence: bool,
    /// Most triggered lines read better in TCVN3 / VNI: ambiguous lines follow.
    prior: [bool; 2],
}

fn legacy_tables() -> [(&'static LegacyTable, Family); 2] {
    [(&legacy::TCVN3, Family::Tcvn3), (&legacy::VNI, Family::Vni)]
}

/// Splits a line into tokens and the ASCII whitespace between them.
fn tokens(line: &str) -> impl Iterator<Item = (&str, bool)> {
    let b = line.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= b.len() {
            return None;
        }
        let start = i;
        let ws = b[i].is_ascii_whitespace();
        while i < b.len() && b[i].is_ascii_whitespace() == ws {
            i += 1;
        }
        Some((&line[start..i], ws))
    })
}

fn repair_text(s: &str, report: &mut Report) -> Option<String> {
    let lines: Vec<&str> = s.split_inclusive('\n').collect();
    let dirty: Vec<bool> = lines.iter().map(|l| !prescan::is_clean(l)).collect();
    let mut ctx = Context { pdf_evidence: pdf_evidence(s), ..Context::default() };
    // Pass 1: which legacy encoding do the triggered lines prefer?
    let mut wins = [0usize; 2];
    let mut losses = [0usize; 2];
    for (line, _) in lines.iter().zip(&dirty).filter(|(_, d)| **d) {
        for (k, (table, _)) in legacy_tables().into_iter().enumerate() {
            if table.triggered(line) {
                match legacy_gain(line, table, &ctx).0 {
                    g if g > 0 => wins[k] += 1,
                    g if g < 0 => losses[k] += 1,
                    _ => {}
                }
            }
        }
    }
    for k in 0..2 {
        ctx.prior[k] = wins[k] > 0 && wins[k] >= 2 * losses[k] && wins[k] >= wins[1 - k];
    }
    let any_prior = ctx.prior.iter().any(|&p| p);
    // Pass 2: repair.
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut changed = false;
    for (line, d) in lines.iter().zip(&dirty) {
        let fixed = if *d || any_prior { fix_line(line, &ctx, report) } else { None };
        match fixed {
            Some(f) => {
                changed = true;
                out.push_str(&f);
            }
            None => out.push_str(line),
        }
    }
    if let Some((q, n, ex)) = pdf_font::fix_pdf_lowbyte_quotes(&out, ctx.pdf_evidence) {
        let inner = ex.get(1..ex.len().saturating_sub(1)).unwrap_or_default();
        report.record_n(Family::PdfFontLowbyte, n, &ex, &format!("“{inner}”"));
        out = q;
        changed = true;
    }
    changed.then_some(out)
}

/// Does the text show the PDF low-byte family in a letter context
/// (`th°ởng`, `c¡`, `°u`)? Gates the riskier NBSP → `Ơ` mapping and quotes.
fn pdf_evidence(s: &str) -> bool {
    let mut prev = ' ';
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if matches!(c, '°' | '¡' | '¯') {
            let next = it.peek().copied().unwrap_or(' ');
            let before = prev.is_alphabetic();
            let after = next.is_alphabetic() && !prev.is_ascii_digit();
            if before || after {
                return true;
            }
        }
        prev = c;
    }
    false
}

/// Score gain of decoding `line` with a legacy table over the token-local
/// repair, and whether any token changes.
fn legacy_gain(line: &str, table: &LegacyTable, ctx: &Context) -> (i32, bool) {
    let mut gain = 0;
    let mut any = false;
    for (tok, ws) in tokens(line) {
        if ws {
            continue;
        }
        if let Some(d) = table.decode(tok) {
            any = true;
            let local = fix_token(tok, ctx, None);
            let base = token_score(local.as_deref().unwrap_or(tok));
            gain += token_score(&d) - base;
        }
    }
    (gain, any)
}

/// Repairs one line; None when it stays as it is.
fn fix_line(line: &str, ctx: &Context, report: &mut Report) -> Option<String> {
    let mut best: Option<(&LegacyTable, Family, (i32, bool))> = None;
    for (k, (table, fam)) in legacy_tables().into_iter().enumerate() {
        if !(ctx.prior[k] || table.triggered(line)) {
            continue;
        }
        let (gain, any) = legacy_gain(line, table, ctx);
        let take = gain > 0 || (gain == 0 && any && ctx.prior[k]);
        // Equal gains (`nhö` is `như` in VNI and `nhử` in TCVN3): the
        // document's prior decides.
        let rank = (gain, ctx.prior[k]);
        if take && best.is_none_or(|(_, _, r)| rank > r) {
            best = Some((table, fam, rank));
        }
    }
    let mut out = String::with_capacity(line.len() + 16);
    let mut changed = false;
    for (tok, ws) in tokens(line) {
        if ws {
            out.push_str(tok);
            continue;
        }
        let local = fix_token(tok, ctx, None);
        let mut pick = local;
        let mut fam = None;
        if let Some((table, f, _)) = best {
            if let Some(d) = table.decode(tok) {
                let base = token_score(pick.as_deref().unwrap_or(tok));
                if token_score(&d) >= base {
                    pick = Some(d);
                    fam = Some(f);
                }
            }
        }
        match (pick, fam) {
            (Some(p), Some(f)) => {
                report.record(f, tok, &p);
                out.push_str(&p);
                changed = true;
            }
            (Some(_), None) => {
                // Record the token-local families this time.
                let p = fix_token(tok, ctx, Some(report)).unwrap_or_else(|| tok.to_string());
                out.push_str(&p);
                changed = true;
            }
            (None, _) => out.push_str(tok),
        }
    }
    changed.then_some(out)
}

/// Token-local repairs, in cause order: UTF-8 read as Windows-1252 (up to
/// three times), PDF low-byte letters, then composition of combining marks.
/// Each scored rewrite is kept only when strictly better Vietnamese.
fn fix_token(tok: &str, ctx: &Context, mut report: Option<&mut Report>) -> Option<String> {
    if prescan::is_clean(tok) {
        return None;
    }
    let mut cur: Cow<'_, str> = Cow::Borrowed(tok);
    if let Some(d) = decomposed::fix_decomposed(&cur) {
        if let Some(r) = report.as_deref_mut() {
            r.record(Family::Decomposed, tok, &d);
        }
        cur = Cow::Owned(d);
    }
    if cp1252::looks_like_utf8_as_cp1252(&cur) {
        let mut best: Option<(i32, String)> = None;
        let base = token_score(&cur);
        let mut step: Cow<'_, str> = cur.clone();
        for _ in 0..3 {
            let Some(d) = cp1252::fix_utf8_as_cp1252(&step) else { break };
            let d = decomposed::fix_decomposed(&d).unwrap_or(d);
            let sc = token_score(&d);
            if sc > base && best.as_ref().is_none_or(|(b, _)| sc > *b) {
                best = Some((sc, d.clone()));
            }
            step = Cow::Owned(d);
        }
        if let Some((_, d)) = best {
            if let Some(r) = report.as_deref_mut() {
                r.record(Family::Utf8AsCp1252, &cur, &d);
            }
            cur = Cow::Owned(d);
        }
    }
    if pdf_font::has_lowbyte(&cur) {
        if let Some(d) = pdf_font::fix_pdf_lowbyte_letters(&cur) {
            if token_score(&d) > token_score(&cur) {
                if let Some(r) = report.as_deref_mut() {
                    r.record(Family::PdfFontLowbyte, &cur, &d);
                }
                cur = Cow::Owned(d);
            }
        }
    }
    if ctx.pdf_evidence && cur.contains('\u{A0}') {
        if let Some(d) = pdf_font::fix_pdf_lowbyte_nbsp(&cur, |a, b| token_score(a) > token_score(b)) {
            if let Some(r) = report.as_deref_mut() {
                r.record(Family::PdfFontLowbyte, &cur, &d);
            }
            cur = Cow::Owned(d);
        }
    }
    match cur {
        Cow::Owned(o) if o != tok => Some(o),
        _ => None,
    }
}
