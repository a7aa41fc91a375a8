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
use std::cell::RefCell;

mod bytes;
mod memo;
#[cfg(test)]
mod sweep_tests;
pub mod cp1252;
pub mod decomposed;
pub mod legacy;
pub mod pdf_font;
pub mod prescan;
mod report;
pub mod syllable;

pub use bytes::{repair_bytes, repair_bytes_nfc, repair_bytes_text};
pub use report::{Family, FamilyReport, Report};

use legacy::LegacyTable;
use syllable::token_score;

/// Repairs already-decoded text. Clean text comes back as `Cow::Borrowed`.
pub fn repair_str(s: &str) -> (Cow<'_, str>, Report) {
    repair_str_in(s, &Memos::default(), Report::new("utf-8"))
}

/// Token memos shared by the repairs of one input (the lines of a mixed
/// file, then its whole text), one per value of [`Context::pdf_evidence`].
#[derive(Default)]
pub(crate) struct Memos([RefCell<Memo>; 2]);

/// [`repair_str`] with the token memos of the input it belongs to, into
/// `report` (empty; quiet when the caller wants the text only).
pub(crate) fn repair_str_in<'s>(s: &'s str, memos: &Memos, report: Report) -> (Cow<'s, str>, Report) {
    match prescan::first_dirty(s) {
        Some(dirty_at) => repair_from(s, dirty_at, memos, report),
        None => (Cow::Borrowed(s), report),
    }
}

/// [`repair_str`], then NFC (what ingest stores). Clean text is NFC as it
/// stands when the pre-scan saw only chars NFC leaves alone (nearly every
/// Vietnamese text): it is then not read a second time by [`crate::text::nfc`].
pub fn repair_str_nfc(s: &str) -> (Cow<'_, str>, Report) {
    repair_nfc_in(s, Report::new("utf-8"))
}

/// [`repair_str_nfc`] into `report` (empty).
pub(crate) fn repair_nfc_in(s: &str, report: Report) -> (Cow<'_, str>, Report) {
    match prescan::first_dirty_or_nfc(s) {
        Ok(true) => (Cow::Borrowed(s), report),
        Ok(false) => (crate::text::nfc(s), report),
        Err(dirty_at) => {
            let (t, r) = repair_from(s, dirty_at, &Memos::default(), report);
            (Cow::Owned(crate::text::nfc(&t).into_owned()), r)
        }
    }
}

/// [`repair_str_in`] of a text whose first dirty char is at `dirty_at`.
fn repair_from<'s>(s: &'s str, dirty_at: usize, memos: &Memos, mut report: Report) -> (Cow<'s, str>, Report) {
    let Repaired { text: Some(mut out), legacy_seen, mut clean_prefix, mut settled } =
        repair_text(s, dirty_at, memos, &mut report)
    else {
        return (Cow::Borrowed(s), report.empty_like("utf-8"));
    };
    // One repair can reveal another (a legacy decision made beside a PDF
    // letter): repeat until nothing changes, so repair is idempotent. Token-
    // local repairs alone are final, so text without legacy fonts needs no
    // second pass.
    if legacy_seen {
        for _ in 0..MAX_ROUNDS {
            #[cfg(test)]
            if sweep_tests::FULL_ROUNDS.with(std::cell::Cell::get) {
                settled = None;
            }
            let next = match settled.take() {
                Some(st) => st.next_round(&out, memos, &mut report),
                None => {
                    let Some(at) = out.get(clean_prefix..).and_then(prescan::first_dirty) else { break };
                    repair_text(&out, clean_prefix + at, memos, &mut report)
                }
            };
            match next {
                Repaired { text: Some(next), clean_prefix: c, settled: st, .. } => (out, clean_prefix, settled) = (next, c, st),
                Repaired { text: None, .. } => break,
            }
        }
    }
    (Cow::Owned(out), report)
}

/// What one repair round gives.
struct Repaired {
    /// The repaired text (None: nothing changed).
    text: Option<String>,
    /// Legacy font chars were in sight: only then can another round change
    /// anything.
    legacy_seen: bool,
    /// The repaired text is plainly clean up to here (a line start; 0 when
    /// not known), so the next round's pre-scan can start there.
    clean_prefix: usize,
    /// What the round proved about each line of its text (the sweep's
    /// round only), so the next round reads only the lines that need it.
    settled: Option<Settled>,
}

impl Repaired {
    /// A token-local round's result (nothing proved for the next round).
    fn local(text: Option<String>) -> Self {
        Repaired { text, legacy_seen: false, clean_prefix: 0, settled: None }
    }
}

/// What a round that took the sweep's text as it stands knows about that
/// text: per line (from `at`), whether the plain pre-scan may find a dirty
/// char in it ([`LineFacts::out_dirty`]; every other line is plainly clean)
/// and the legacy tables its chars call for; and the quote pass found
/// nothing in it. A `GÃ’` left as it is (`GÃ` reads as a syllable) keeps
/// its line dirty, and the next round would otherwise pre-scan and
/// trigger-scan the megabytes after it to learn that nothing else changes.
struct Settled {
    /// Where the sweep's lines start in the text.
    at: usize,
    facts: Vec<LineFacts>,
}

impl Settled {
    /// The lines of the text from `at`, with their facts.
    fn lines(&self) -> impl Iterator<Item = (std::ops::Range<usize>, &LineFacts)> {
        let mut from = self.at;
        self.facts.iter().map(move |f| {
            let r = from..self.at + f.text_end;
            from = r.end;
            (r, f)
        })
    }

    /// The next round over `out` (the text this round gave), as
    /// [`repair_str_in`] runs it from the first dirty char, reading only
    /// the lines that may hold one as long as the document facts stay as
    /// they were: no PDF evidence (the plain pre-scan is the one
    /// `out_dirty` speaks of), no legacy trigger (the round is token-local,
    /// line by line), and the quote pass, which found nothing with PDF
    /// evidence or without, still finds nothing when no token changes.
    fn next_round(self, out: &str, memos: &Memos, report: &mut Report) -> Repaired {
        let dirty = |(r, f): (std::ops::Range<usize>, &LineFacts)| {
            let line = &out[r.clone()];
            f.out_dirty.then(|| prescan::first_dirty(line)).flatten().map(|at| (r, at))
        };
        // Lines start after a newline, where the plain pre-scan reads a char
        // as after a space: a line scanned alone is scanned as in the text.
        let Some((r, at)) = self.lines().find_map(dirty) else { return Repaired::local(None) };
        let dirty_at = r.start + at;
        let trig = self.lines().fold([false; 2], |acc, (r, f)| {
            let t = f.out_trig.unwrap_or_else(|| legacy::triggers(&out[r]));
            [acc[0] || t[0], acc[1] || t[1]]
        });
        if pdf_evidence(&out[dirty_at..]) || trig != [false; 2] {
            return repair_text(out, dirty_at, memos, report);
        }
        // [`repair_token_local`] from the dirty line on: tokens never cross
        // a newline, so the dirty lines are repaired one by one.
        let ctx = Context { pdf_evidence: false, prior: [false; 2], memo: &memos.0[0] };
        let mut fixed: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        for (r, at) in self.lines().filter_map(dirty) {
            if let Some(f) = fix_dirty_tokens(&out[r.clone()], at, &ctx, report) {
                fixed.push((r, f));
            }
        }
        if fixed.is_empty() {
            return Repaired::local(None);
        }
        let mut text = String::with_capacity(out.len() + fixed.iter().map(|(_, f)| f.len()).sum::<usize>());
        let mut done = 0;
        for (r, f) in &fixed {
            text.push_str(&out[done..r.start]);
            text.push_str(f);
            done = r.end;
        }
        text.push_str(&out[done..]);
        Repaired::local(quotes(Some(text), out, &ctx, report).0)
    }
}

/// Extra repair rounds at most (each must change something to continue).
const MAX_ROUNDS: usize = 3;

/// Document-wide facts the line repairs lean on.
struct Context<'m> {
    /// The document shows PDF low-byte letters, so NBSP inside a word may be `Ơ`.
    pdf_evidence: bool,
    /// Most triggered lines read better in TCVN3 / VNI: ambiguous lines follow.
    prior: [bool; 2],
    /// Token results already worked out in this document (a word recurs
    /// hundreds of times; its repair depends only on the word and
    /// `pdf_evidence`).
    memo: &'m RefCell<Memo>,
}

/// One token's token-local repair and the report records it makes.
struct Fix {
    fixed: Option<String>,
    records: Vec<(Family, String, String)>,
}

type TokenGains = [Option<Option<i32>>; 2];

impl Fix {
    /// Replays the records into `report` (if any) and hands the repair to `f`.
    fn apply<R>(&self, report: Option<&mut Report>, f: impl FnOnce(Option<&str>) -> R) -> R {
        if let Some(r) = report {
            for (fam, before, after) in &self.records {
                r.record(*fam, before, after);
            }
        }
        f(self.fixed.as_deref())
    }
}

/// Per-document caches of pure token functions, per interned token.
#[derive(Default)]
struct Memo {
    table: memo::TokenTable,
    tokens: Vec<TokenMemo>,
    /// Per token, its fix's report records counted by family, one byte a
    /// family (byte `k` for family `k`; 0 until the fix is worked out). Kept
    /// apart from `tokens` so [`Sweep::replay`] reads a small dense array.
    record_counts: Vec<u64>,
}

/// Report records counted by family, one byte a family (see [`Memo::record_counts`]).
fn count_families(records: &[(Family, String, String)]) -> u64 {
    records.iter().fold(0, |acc, (fam, ..)| acc + (1 << (8 * *fam as u32)))
}

/// The byte of family `k` in a [`count_families`] word.
fn family_byte(k: usize) -> u64 {
    0xFF << (8 * k)
}

#[derive(Default)]
struct TokenMemo {
    fix: Option<Fix>,
    /// The pre-scan finds a dirty char in the token (None: not asked yet).
    dirty: Option<bool>,
    /// Whether the token's repair (itself when it stays or is clean) still
    /// holds a char the plain pre-scan calls dirty, the legacy tables its
    /// chars call for, and those the token's own chars call for (None: not
    /// asked yet).
    out: Option<(bool, [bool; 2], [bool; 2])>,
    /// Per legacy table (outer None: not worked out yet): the score gain of
    /// the token's decoding over its token-local repair, None when the
    /// table leaves the token as it is.
    legacy: TokenGains,
    /// Per legacy table, the token's decoding where it changes the token
    /// (worked out with its gain): a legacy line decodes the same words
    /// again and again.
    decoded: [Option<Box<str>>; 2],
}

impl Memo {
    /// The id of `tok`'s slot, made on first sight.
    fn id(&mut self, tok: &str) -> usize {
        let (id, new) = self.table.intern(tok);
        if new {
            self.tokens.push(TokenMemo::default());
            self.record_counts.push(0);
        }
        id
    }
}

impl Context<'_> {
    /// The pre-scan this document needs (NBSP counts once the PDF family shows).
    fn first_dirty(&self, s: &str) -> Option<usize> {
        if self.pdf_evidence {
            prescan::first_dirty_pdf(s)
        } else {
            prescan::first_dirty(s)
        }
    }

    /// [`fix_token`] through the memo: `f` sees the repaired token (None when
    /// it stays); with a report, the token's records are replayed into it.
    fn with_fix<R>(&self, tok: &str, report: Option<&mut Report>, f: impl FnOnce(Option<&str>) -> R) -> R {
        let mut memo = self.memo.borrow_mut();
        let id = memo.id(tok);
        let Memo { tokens, record_counts, .. } = &mut *memo;
        let fix = tokens[id].fix.get_or_insert_with(|| {
            let mut records = Vec::new();
            let fixed = fix_token(tok, self, &mut records);
            record_counts[id] = count_families(&records);
            Fix { fixed, records }
        });
        fix.apply(report, f)
    }

    /// One memo lookup for [`Sweep::line`]: the token's id, whether it is
    /// dirty (its fix worked out if so) and its gains for the tables `want`
    /// asks for.
    fn token_facts(&self, tok: &str, want: [bool; 2]) -> TokenFacts {
        let (id, dirty, gains, out) = {
            let mut memo = self.memo.borrow_mut();
            let id = memo.id(tok);
            let t = &memo.tokens[id];
            (id, t.dirty, t.legacy, t.out)
        };
        let dirty = dirty.unwrap_or_else(|| {
            let d = self.first_dirty(tok).is_some();
            self.memo.borrow_mut().tokens[id].dirty = Some(d);
            d
        });
        // A clean token is clean to the plain pre-scan too (it only calls
        // fewer no-break spaces dirty than the PDF one).
        let (out_dirty, out_trig, trig) = out.unwrap_or_else(|| {
            let trig = legacy::triggers(tok);
            let o = if dirty {
                self.with_fix(tok, None, |f| match f {
                    Some(r) => (prescan::first_dirty(r).is_some(), legacy::triggers(r), trig),
                    None => (prescan::first_dirty(tok).is_some(), trig, trig),
                })
            } else {
                (false, trig, trig)
            };
            self.memo.borrow_mut().tokens[id].out = Some(o);
            o
        });
        let gains = if (0..2).any(|k| want[k] && gains[k].is_none()) { self.legacy_gains_of(id, tok, want) } else { gains };
        TokenFacts { id, dirty, out_dirty, out_trig, trig, gains }
    }

    /// Score of the token-local repair of `tok` (of `tok` itself when the
    /// pre-scan calls it clean).
    fn local_score(&self, tok: &str) -> i32 {
        if self.first_dirty(tok).is_none() {
            token_score(tok)
        } else {
            self.with_fix(tok, None, |f| token_score(f.unwrap_or(tok)))
        }
    }

    /// Gains of the legacy tables `want` asks for (see [`Memo::legacy`]).
    fn legacy_token_gains(&self, tok: &str, want: [bool; 2]) -> TokenGains {
        let id = self.memo.borrow_mut().id(tok);
        self.legacy_gains_of(id, tok, want)
    }

    /// [`Context::legacy_token_gains`] of `tok`, whose memo id is `id`
    /// (one lookup a token: interning was the most of a memo hit's time).
    fn legacy_gains_of(&self, id: usize, tok: &str, want: [bool; 2]) -> TokenGains {
        let mut g = self.memo.borrow().tokens[id].legacy;
        if !(0..2).any(|k| want[k] && g[k].is_none()) {
            return g;
        }
        let mut decoded: [Option<Box<str>>; 2] = [None, None];
        for (k, (table, _)) in legacy_tables().into_iter().enumerate() {
            if want[k] && g[k].is_none() {
                let d = table.decode(tok);
                g[k] = Some(d.as_deref().map(|d| token_score(d) - self.local_score(tok)));
                decoded[k] = d.map(String::into_boxed_str);
            }
        }
        let slot = &mut self.memo.borrow_mut().tokens[id];
        slot.legacy = g;
        for (d, new) in slot.decoded.iter_mut().zip(decoded) {
            if new.is_some() {
                *d = new;
            }
        }
        g
    }

    /// `f` sees the decoding of `tok` in legacy table `k` and its gain
    /// (see [`Memo::legacy`]), None when the table leaves it as it is.
    fn with_legacy<R>(&self, tok: &str, k: usize, f: impl FnOnce(Option<(i32, &str)>) -> R) -> R {
        let id = self.memo.borrow_mut().id(tok);
        let gain = self.legacy_gains_of(id, tok, [k == 0, k == 1])[k].flatten();
        f(gain.zip(self.memo.borrow().tokens[id].decoded[k].as_deref()))
    }
}

fn legacy_tables() -> [(&'static LegacyTable, Family); 2] {
    [(&legacy::TCVN3, Family::Tcvn3), (&legacy::VNI, Family::Vni)]
}

/// `s.split_inclusive('\n')`, found with SIMD (the std search goes a word
/// at a time).
fn lines(s: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    memchr::memchr_iter(b'\n', s.as_bytes())
        .map(|i| i + 1)
        .chain([s.len()])
        .filter_map(move |end| {
            let line = s.get(from..end).filter(|l| !l.is_empty());
            from = end;
            line
        })
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

/// Repairs `s` from its first dirty char; also says whether legacy font
/// chars were in sight (only then can a second round change anything).
fn repair_text(s: &str, dirty_at: usize, memos: &Memos, report: &mut Report) -> Repaired {
    let pdf = pdf_evidence(&s[dirty_at..]);
    let mut ctx = Context { pdf_evidence: pdf, prior: [false; 2], memo: &memos.0[usize::from(pdf)] };
    // With PDF evidence a NBSP may be `Ơ`: the first dirty char can come earlier.
    let dirty_at = if ctx.pdf_evidence { prescan::first_dirty_pdf(s).unwrap_or(dirty_at) } else { dirty_at };
    // Lines before the first dirty char are clean; start at its line.
    let start = s[..dirty_at].rfind('\n').map_or(0, |i| i + 1);
    if legacy::triggers(&s[dirty_at..]) == [false; 2] {
        return Repaired::local(repair_token_local(s, start, dirty_at, &ctx, report));
    }
    // Pass 1: which legacy encoding do the triggered lines prefer? The same
    // sweep works out the token-local repair pass 2 picks for most lines.
    let mut sweep = Sweep::with_capacity(s.len() - start, !report.is_quiet());
    let facts: Vec<LineFacts> = lines(&s[start..]).map(|l| sweep.line(l, &ctx)).collect();
    let mut wins = [0usize; 2];
    let mut losses = [0usize; 2];
    let mut total = [0i64; 2];
    for f in &facts {
        for k in 0..2 {
            if let Some((g, _)) = f.gains[k] {
                total[k] += i64::from(g);
                match g {
                    g if g > 0 => wins[k] += 1,
                    g if g < 0 => losses[k] += 1,
                    _ => {}
                }
            }
        }
    }
    // One prior at most: the table whose decoding gains the most overall
    // (`Thuû` reads as `Thuỷ` in TCVN3 too, but VNI gains far more).
    for k in 0..2 {
        ctx.prior[k] = wins[k] > 0 && wins[k] >= 2 * losses[k] && total[k] > 0 && total[k] > total[1 - k];
    }
    let any_prior = ctx.prior.iter().any(|&p| p);
    // Pass 2: repair. Most often every line takes its token-local repair
    // and the sweep's text is the output as it stands.
    if !any_prior && facts.iter().all(|f| f.local() || f.dirty.is_none()) {
        sweep.replay(0..sweep.records.len(), &ctx, report);
        let clean_prefix = start + sweep.clean_prefix(&facts);
        let out = facts.iter().any(|f| f.changed).then(|| sweep.into_text(&s[..start]));
        let (text, quoted) = quotes(out, s, &ctx, report);
        let settled = (!quoted).then_some(Settled { at: start, facts });
        return Repaired { text, legacy_seen: true, clean_prefix: if quoted { 0 } else { clean_prefix }, settled };
    }
    // With a legacy prior the clean-looking prefix counts too.
    let mut out: Option<String> = None;
    let prefix_fixed = if any_prior && start > 0 { fix_lines(&s[..start], &ctx, report) } else { None };
    if let Some(p) = prefix_fixed {
        out = Some(p);
    }
    let mut done = start;
    let (mut text_at, mut records_at) = (0, 0);
    for (line, f) in lines(&s[start..]).zip(&facts) {
        let text = text_at..f.text_end;
        let records = records_at..f.records_end;
        (text_at, records_at) = (text.end, records.end);
        let fixed: Option<Cow<'_, str>> = if !any_prior && f.local() {
            sweep.replay(records, &ctx, report);
            f.changed.then(|| Cow::Borrowed(&sweep.text[text]))
        } else if f.dirty.is_some() || any_prior {
            fix_line(line, f.dirty, f.trig, f.gains, &ctx, report).map(Cow::Owned)
        } else {
            None
        };
        if let Some(f) = fixed {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len() + s.len() / 8));
            if o.is_empty() {
                o.push_str(&s[..done]);
            }
            o.push_str(&f);
        } else if let Some(o) = out.as_mut() {
            o.push_str(line);
        }
        done += line.len();
    }
    Repaired { text: quotes(out, s, &ctx, report).0, legacy_seen: true, clean_prefix: 0, settled: None }
}

/// What pass 1 learns about one line.
struct LineFacts {
    /// Offset of its first dirty char.
    dirty: Option<usize>,
    /// The legacy tables its chars call for.
    trig: [bool; 2],
    gains: LineGains,
    /// [`Sweep::handles`] the line: its token-local repair is in the sweep.
    swept: bool,
    /// The token-local repair changes the line.
    changed: bool,
    /// The plain pre-scan may find a dirty char in the repaired line.
    out_dirty: bool,
    /// The legacy tables the repaired line's chars call for (None: not
    /// worked out, the line was not swept).
    out_trig: Option<[bool; 2]>,
    /// Where the line's text and records end in the sweep.
    text_end: usize,
    records_end: usize,
}

impl LineFacts {
    /// Does the line take its token-local repair in [`fix_line`] when no
    /// prior is set (no legacy table wins it)?
    fn local(&self) -> bool {
        self.swept && !(0..2).any(|k| self.trig[k] && self.gains[k].is_some_and(|(g, _)| g > 0))
    }
}

/// Pass 1 and the token-local repair in one sweep over a line's tokens, one
/// memo lookup per token: `Thá»§ tÆ°á»›ng` gains nothing read as TCVN3 (its
/// tokens' legacy gains are summed as [`legacy_gains`] does) and its dirty
/// tokens become `Thủ tướng` (as [`fix_dirty_tokens`] does), so pass 2 only
/// replays the records, and the text is the output when no legacy table
/// wins a line.
struct Sweep {
    /// Every line, token-locally repaired where [`Sweep::handles`] it,
    /// verbatim otherwise.
    text: String,
    /// Memo ids of the repaired tokens with report records, in order.
    records: Vec<u32>,
    /// Keep `records` (a quiet report needs none).
    keep_records: bool,
}

impl Sweep {
    fn with_capacity(n: usize, keep_records: bool) -> Self {
        Sweep { text: String::with_capacity(n), records: Vec::new(), keep_records }
    }

    /// Lines whose tokens are separated by spaces only (a `\r` may end the
    /// line): there a token is dirty in the line exactly when it is dirty on
    /// its own, so its dirtiness can come from the memo. Before a tab the
    /// pre-scan reads a no-break space differently than after a space.
    fn handles(line: &str) -> bool {
        #[cfg(test)]
        if sweep_tests::GENERAL_ONLY.with(std::cell::Cell::get) {
            return false;
        }
        let b = line.as_bytes();
        match memchr::memchr3(b'\t', b'\x0C', b'\r', b) {
            None => true,
            Some(i) => b[i] == b'\r' && matches!(&b[i + 1..], b"" | b"\n"),
        }
    }

    /// Pass 1 over `line`, and its token-local repair appended to the text.
    fn line(&mut self, line: &str, ctx: &Context) -> LineFacts {
        let dirty = ctx.first_dirty(line);
        let (trig, gains, changed, out_dirty, out_trig) = match dirty {
            Some(first) if Sweep::handles(line) => {
                let (trig, g, c, d, t) = self.tokens(line, first, ctx);
                (trig, g, c, d, Some(t))
            }
            _ => {
                let trig = triggers(line, dirty);
                self.text.push_str(line);
                (trig, legacy_gains(line, trig, ctx), false, dirty.is_some(), None)
            }
        };
        let swept = out_trig.is_some();
        LineFacts {
            dirty,
            trig,
            gains,
            swept,
            changed,
            out_dirty,
            out_trig,
            text_end: self.text.len(),
            records_end: self.records.len(),
        }
    }

    /// The legacy tables the line calls for from its first dirty char
    /// `first` on (as [`triggers`] finds them, from the tokens' memos: a
    /// token reads alike alone and after a space), its legacy gains for
    /// those tables, whether
    /// its token-local repair changes it, and whether the plain pre-scan may
    /// find a dirty char in the repair (a token is dirty in the line exactly
    /// when it is on its own, see [`Sweep::handles`]: clean tokens stay
    /// clean, and each repaired token was checked once), and the legacy
    /// tables the repaired line's chars call for (ASCII tokens call for none).
    fn tokens(&mut self, line: &str, first: usize, ctx: &Context) -> ([bool; 2], LineGains, bool, bool, [bool; 2]) {
        // Both tables' gains are summed (each token's are worked out once
        // per document); the line keeps those of the tables it calls for.
        let mut gains = [(0, false); 2];
        let mut trig = [false; 2];
        let mut done = 0;
        let mut out_dirty = false;
        let mut out_trig = [false; 2];
        // Only spaces separate the tokens of a swept line (see `handles`).
        let body = line.strip_suffix('\n').unwrap_or(line);
        let body = body.strip_suffix('\r').unwrap_or(body);
        let b = body.as_bytes();
        let mut start = 0;
        while start < b.len() {
            let at = start + find_space(&b[start..]);
            let tok = &body[start..at];
            let tok_start = std::mem::replace(&mut start, at + 1);
            if tok.is_empty() {
                continue;
            }
            let ascii = tok.is_ascii();
            // ASCII tokens never decode; their pre-scan is the fast path.
            if ascii && ctx.first_dirty(tok).is_none() {
                continue;
            }
            let t = ctx.token_facts(tok, if ascii { [false; 2] } else { [true; 2] });
            out_trig = [out_trig[0] || t.out_trig[0], out_trig[1] || t.out_trig[1]];
            // Tokens before the first dirty char call for nothing; the one
            // holding it, from that char on.
            if at > first {
                let tt = if tok_start >= first { t.trig } else { legacy::triggers(&line[first..at]) };
                trig = [trig[0] || tt[0], trig[1] || tt[1]];
            }
            for ((gain, any), g) in gains.iter_mut().zip(t.gains) {
                if let Some(Some(g)) = g {
                    *any = true;
                    *gain += g;
                }
            }
            if !t.dirty {
                continue;
            }
            out_dirty |= t.out_dirty;
            let memo = ctx.memo.borrow();
            let Some(fix) = memo.tokens[t.id].fix.as_ref() else { continue };
            if self.keep_records && !fix.records.is_empty() {
                self.records.push(t.id as u32);
            }
            if let Some(f) = &fix.fixed {
                // Mostly the one space after the last repaired token: a
                // byte pushed in place beats a call to copy one.
                match &line[done..tok_start] {
                    " " => self.text.push(' '),
                    gap => self.text.push_str(gap),
                }
                self.text.push_str(f);
                done = at;
            }
        }
        self.text.push_str(&line[done..]);
        let gains = [0, 1].map(|k| trig[k].then_some(gains[k]));
        (trig, gains, done > 0, out_dirty, out_trig)
    }

    /// Makes the report records of the repaired tokens in `range`.
    fn replay(&self, range: std::ops::Range<usize>, ctx: &Context, report: &mut Report) {
        let memo = ctx.memo.borrow();
        // Once a family has its examples, a record only adds to its count:
        // a token whose records are all of such families adds its
        // per-family counts, a byte each, to one word (emptied into `counts`
        // before a byte can overflow), and the counts are added once.
        let mut full = 0;
        let mut counts = [0usize; Family::ALL.len()];
        let (mut acc, mut summed) = (0u64, 0);
        let empty = |acc: &mut u64, counts: &mut [usize; Family::ALL.len()]| {
            for (k, c) in counts.iter_mut().enumerate() {
                *c += ((*acc & family_byte(k)) >> (8 * k)) as usize;
            }
            *acc = 0;
        };
        for &id in &self.records[range] {
            let per_family = memo.record_counts[id as usize];
            if per_family & !full == 0 {
                // A token has two records of a family at most (the PDF
                // letters and no-break spaces): 64 tokens stay below 256.
                acc += per_family;
                summed += 1;
                if summed == 64 {
                    empty(&mut acc, &mut counts);
                    summed = 0;
                }
                continue;
            }
            let Some(fix) = &memo.tokens[id as usize].fix else { continue };
            for (fam, before, after) in &fix.records {
                let k = *fam as usize;
                if full & family_byte(k) != 0 {
                    counts[k] += 1;
                } else {
                    report.record(*fam, before, after);
                    if report.has_all_examples(*fam) {
                        full |= family_byte(k);
                    }
                }
            }
        }
        empty(&mut acc, &mut counts);
        for (fam, n) in Family::ALL.into_iter().zip(counts) {
            if n > 0 {
                report.record_n(fam, n, "", "");
            }
        }
    }

    /// How much of the text is plainly clean: up to the first line that may
    /// hold a dirty char after its repair. Lines start after a newline, and
    /// the plain pre-scan reads a char after a newline as after a space.
    fn clean_prefix(&self, facts: &[LineFacts]) -> usize {
        let mut at = 0;
        for f in facts {
            if f.out_dirty {
                return at;
            }
            at = f.text_end;
        }
        at
    }

    /// The repaired text after `prefix` (the clean lines before the sweep).
    fn into_text(self, prefix: &str) -> String {
        if prefix.is_empty() {
            return self.text;
        }
        let mut out = String::with_capacity(prefix.len() + self.text.len());
        out.push_str(prefix);
        out.push_str(&self.text);
        out
    }
}

/// Offset of the first space in `b` (its length when there is none), eight
/// bytes a step: tokens are short, so a SIMD search call costs more than it
/// saves, and a byte loop takes a step per byte.
#[inline]
fn find_space(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut i = 0;
    while let Some(w) = b.get(i..).and_then(|t| t.first_chunk::<8>()) {
        // Bytes equal to a space become zero; the lowest zero byte sets
        // its high bit here (bits above it may be set falsely, none below).
        let x = u64::from_le_bytes(*w) ^ (u64::from(b' ') * ONES);
        let zero = x.wrapping_sub(ONES) & !x & (0x80 * ONES);
        if zero != 0 {
            return i + (zero.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + b[i..].iter().position(|&x| x == b' ').unwrap_or(b.len() - i)
}

/// What the memo knows of one token (see [`Context::token_facts`]).
struct TokenFacts {
    id: usize,
    /// The pre-scan finds a dirty char in it (its fix is then in the memo).
    dirty: bool,
    /// Its repair still holds a char the plain pre-scan calls dirty.
    out_dirty: bool,
    /// The legacy tables its repair's chars call for.
    out_trig: [bool; 2],
    /// The legacy tables its own chars call for.
    trig: [bool; 2],
    gains: TokenGains,
}

/// No legacy font in sight: one sweep from dirty token to dirty token
/// (tokens never cross a newline), then the quote pairs.
fn repair_token_local(s: &str, start: usize, dirty_at: usize, ctx: &Context, report: &mut Report) -> Option<String> {
    let rest = &s[start..];
    let fixed = fix_dirty_tokens(rest, dirty_at - start, ctx, report).map(|f| format!("{}{f}", &s[..start]));
    quotes(fixed, s, ctx, report).0
}

/// The PDF quote pass over the repaired text (or `s` when nothing changed);
/// also says whether it changed anything.
fn quotes(out: Option<String>, s: &str, ctx: &Context, report: &mut Report) -> (Option<String>, bool) {
    let text = out.as_deref().unwrap_or(s);
    match pdf_font::fix_pdf_lowbyte_quotes(text, ctx.pdf_evidence) {
        Some((q, n, ex)) => {
            let inner = ex.get(1..ex.len().saturating_sub(1)).unwrap_or_default();
            report.record_n(Family::PdfFontLowbyte, n, &ex, &format!("“{inner}”"));
            (Some(q), true)
        }
        None => (out, false),
    }
}

/// Repairs a block of lines (used for a clean-looking prefix under a prior).
fn fix_lines(block: &str, ctx: &Context, report: &mut Report) -> Option<String> {
    let mut out = String::with_capacity(block.len());
    let mut changed = false;
    for line in block.split_inclusive('\n') {
        let d = ctx.first_dirty(line);
        match fix_line(line, d, triggers(line, d), [None; 2], ctx, report) {
            Some(f) => {
                changed = true;
                out.push_str(&f);
            }
            None => out.push_str(line),
        }
    }
    changed.then_some(out)
}

/// Does the text show the PDF low-byte family in a letter context
/// (`th°ởng`, `c¡`, `°u`)? Gates the riskier NBSP → `Ơ` mapping and quotes.
fn pdf_evidence(s: &str) -> bool {
    let b = s.as_bytes();
    // `°`, `¡`, `¯` are C2 B0, C2 A1, C2 AF in UTF-8.
    memchr::memchr_iter(0xC2, b).any(|i| {
        if !matches!(b.get(i + 1), Some(0xB0 | 0xA1 | 0xAF)) {
            return false;
        }
        let prev = s.get(..i).and_then(|p| p.chars().next_back()).unwrap_or(' ');
        let next = s.get(i + 2..).and_then(|n| n.chars().next()).unwrap_or(' ');
        syllable::is_alpha(prev) || (syllable::is_alpha(next) && !prev.is_ascii_digit())
    })
}

/// Per legacy table asked for: the score gain of decoding the line with it
/// over the token-local repair, and whether any token changes.
type LineGains = [Option<(i32, bool)>; 2];

/// [`LineGains`] of `line` for the tables `want` asks for, in one sweep.
fn legacy_gains(line: &str, want: [bool; 2], ctx: &Context) -> LineGains {
    let mut out: LineGains = [0, 1].map(|k| want[k].then_some((0, false)));
    if want == [false; 2] {
        return out;
    }
    for (tok, ws) in tokens(line) {
        // Every table entry holds a non-ASCII char: ASCII tokens never decode.
        if ws || tok.is_ascii() {
            continue;
        }
        let g = ctx.legacy_token_gains(tok, want);
        for (o, g) in out.iter_mut().zip(g) {
            if let (Some((gain, any)), Some(Some(g))) = (o.as_mut(), g) {
                *any = true;
                *gain += g;
            }
        }
    }
    out
}

/// Which legacy tables a line's chars call for (both need a dirty char).
fn triggers(line: &str, dirty: Option<usize>) -> [bool; 2] {
    dirty.and_then(|o| line.get(o..)).map_or([false; 2], legacy::triggers)
}

/// Repairs one line (`dirty`: offset of its first dirty char, `trig`: the
/// legacy tables its chars call for); None when it stays as it is.
fn fix_line(
    line: &str,
    dirty: Option<usize>,
    trig: [bool; 2],
    known: LineGains,
    ctx: &Context,
    report: &mut Report,
) -> Option<String> {
    let want = [0, 1].map(|k| (ctx.prior[k] || trig[k]) && known[k].is_none());
    let computed = legacy_gains(line, want, ctx);
    let mut best: Option<(Family, (i32, bool))> = None;
    for (k, (_, fam)) in legacy_tables().into_iter().enumerate() {
        if !(ctx.prior[k] || trig[k]) {
            continue;
        }
        let Some((gain, any)) = known[k].or(computed[k]) else { continue };
        let take = gain > 0 || (gain == 0 && any && ctx.prior[k]);
        // Equal gains (`nhö` is `như` in VNI and `nhử` in TCVN3): the
        // document's prior decides.
        let rank = (gain, ctx.prior[k]);
        if take && best.is_none_or(|(_, r)| rank > r) {
            best = Some((fam, rank));
        }
    }
    match best {
        Some((fam, _)) => fix_legacy_line(line, fam, ctx, report),
        None => fix_dirty_tokens(line, dirty?, ctx, report),
    }
}

/// A line read in a legacy font: each token takes the decoding unless the
/// token-local repair scores higher (a clean Unicode word in the line).
fn fix_legacy_line(line: &str, fam: Family, ctx: &Context, report: &mut Report) -> Option<String> {
    // Decoding turns two-byte Latin-1 code chars into three-byte letters.
    let mut out = String::with_capacity(line.len() + line.len() / 2 + 16);
    let mut changed = false;
    for (tok, ws) in tokens(line) {
        if ws {
            out.push_str(tok);
            continue;
        }
        // The decoding's gain over the local repair, from the memo (None:
        // the table leaves the token as it is; ASCII tokens never decode).
        let k = usize::from(fam == Family::Vni);
        let decoded = !tok.is_ascii()
            && ctx.with_legacy(tok, k, |d| match d {
                Some((g, d)) if g >= 0 => {
                    report.record(fam, tok, d);
                    out.push_str(d);
                    true
                }
                _ => false,
            });
        if decoded {
            changed = true;
        } else if ctx.first_dirty(tok).is_some() && ctx.with_fix(tok, None, |f| f.is_some()) {
            // Record the token-local families this time.
            ctx.with_fix(tok, Some(report), |f| out.push_str(f.unwrap_or(tok)));
            changed = true;
        } else {
            out.push_str(tok);
        }
    }
    changed.then_some(out)
}

/// Token-local repairs of a line, visiting only the tokens the pre-scan
/// flags (clean tokens are copied without a look).
fn fix_dirty_tokens(line: &str, first: usize, ctx: &Context, report: &mut Report) -> Option<String> {
    let b = line.as_bytes();
    let mut out: Option<String> = None;
    let mut done = 0;
    let mut from = 0;
    let mut next = Some(first);
    while let Some(at) = next {
        let start = b[..at].iter().rposition(|x| x.is_ascii_whitespace()).map_or(0, |i| i + 1).max(from);
        let end = b[at..].iter().position(|x| x.is_ascii_whitespace()).map_or(b.len(), |i| at + i);
        let tok = &line[start..end];
        ctx.with_fix(tok, Some(report), |f| {
            if let Some(f) = f {
                let o = out.get_or_insert_with(|| String::with_capacity(line.len() + 16));
                o.push_str(&line[done..start]);
                o.push_str(f);
                done = end;
            }
        });
        // Always move past the dirty char, even when it is itself white
        // space to the token split (a vertical tab, a form feed).
        from = if end > at { end } else { at + line[at..].chars().next().map_or(1, char::len_utf8) };
        next = line.get(from..).and_then(|t| ctx.first_dirty(t)).map(|o| from + o);
    }
    out.map(|mut o| {
        o.push_str(&line[done..]);
        o
    })
}

/// Token-local repairs, in cause order: UTF-8 read as Windows-1252 (up to
/// three times), PDF low-byte letters, then composition of combining marks.
/// Each scored rewrite is kept only when strictly better Vietnamese.
fn fix_token(tok: &str, ctx: &Context, records: &mut Vec<(Family, String, String)>) -> Option<String> {
    let mut record = |fam: Family, before: &str, after: &str| records.push((fam, before.into(), after.into()));
    let mut cur: Cow<'_, str> = Cow::Borrowed(tok);
    if let Some(d) = decomposed::fix_decomposed(&cur) {
        record(Family::Decomposed, tok, &d);
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
            record(Family::Utf8AsCp1252, &cur, &d);
            cur = Cow::Owned(d);
        }
    }
    if pdf_font::has_lowbyte(&cur) {
        if let Some(d) = pdf_font::fix_pdf_lowbyte_letters(&cur) {
            if token_score(&d) > token_score(&cur) {
                record(Family::PdfFontLowbyte, &cur, &d);
                cur = Cow::Owned(d);
            }
        }
    }
    if ctx.pdf_evidence && cur.contains('\u{A0}') {
        if let Some(d) = pdf_font::fix_pdf_lowbyte_nbsp(&cur, |a, b| token_score(a) > token_score(b)) {
            record(Family::PdfFontLowbyte, &cur, &d);
            cur = Cow::Owned(d);
        }
    }
    match cur {
        Cow::Owned(o) if o != tok => Some(o),
        _ => None,
    }
}
