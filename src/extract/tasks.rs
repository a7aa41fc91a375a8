//! Tasks: instructions that ask someone to act, with lead and support
//! bodies and a deadline.
//!
//! Forms: `Giao X ...`, `Đề nghị X chủ trì ...`, `X chủ trì, phối hợp với Y`,
//! `X có trách nhiệm ...`, an agency heading followed by its items
//! (`5. Sở Nội vụ` then `- Chủ trì ...`), `Giao X:` followed by paragraphs,
//! the star line that assigns the bullets above it, and numbered or
//! bulleted items of an action part (lead empty).
//!
//! Must never: make the body named after `phối hợp với` a lead, or a task
//! of a sentence that reports what was done (`đã`, `được`).

use super::agencies::Mention;
use super::deadlines::{self, Anchor};
use super::lists::{find_phrase, phrase_at, skip_ws, starts_with_any, Item, Lister, ACTION};
use crate::model::{Deadline, Task};
use crate::segment::blocks::{Block, Marker, SectionSpan};
use crate::segment::{at_most_words, flow_text, Layout};

/// Everything a task finder reads.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub lay: &'a Layout,
    pub mentions: &'a [Mention],
    pub anchor: &'a Anchor,
    /// The issuing body (for `Chánh Văn phòng` with no body named).
    pub issuer: Option<&'a str>,
}

/// Lead and support of one clause.
#[derive(Debug, Clone, Default)]
struct Clause {
    lead: Vec<Item>,
    support: Vec<Item>,
    /// The list was followed by nothing but `:` (an intro for what follows).
    intro: bool,
}

fn names(items: &[Item]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(&i.name) {
            out.push(i.name.clone());
        }
    }
    out
}

fn word_before(text: &str, pos: usize) -> String {
    text[..pos].trim_end().rsplit(|c: char| !crate::text::is_alnum(c)).next().unwrap_or("").to_lowercase()
}

/// `phối hợp (chặt chẽ) (với) Y` after `from`: Y.
fn support_after(l: &Lister, from: usize, to: usize) -> Vec<Item> {
    if from >= to || !l.text[from..to].contains("hợp") {
        return Vec::new();
    }
    let mut search = from;
    while let Some((_, pe)) = find_phrase(l.text, search, to, "phối hợp") {
        let mut q = skip_ws(l.text, pe);
        if let Some(n) = phrase_at(l.text, q, "chặt chẽ") {
            q = skip_ws(l.text, q + n);
        }
        if l.text[q..].starts_with(',') {
            q = skip_ws(l.text, q + 1);
        }
        for w in ["với", "cùng"] {
            if let Some(n) = phrase_at(l.text, q, w) {
                let (items, _) = l.list_at(skip_ws(l.text, q + n), to);
                return items;
            }
        }
        search = pe;
    }
    Vec::new()
}

/// Finds the instruction in a clause `text[s..e]`.
fn clause(l: &Lister, s: usize, e: usize) -> Option<Clause> {
    let text = l.text;
    // A/B: Giao X, Đề nghị X, Yêu cầu X
    for (trig, hint) in [("giao", "iao"), ("đề nghị", "nghị"), ("yêu cầu", "cầu")] {
        if !text[s..e].contains(hint) {
            continue;
        }
        let mut search = s;
        while let Some((at, after)) = find_phrase(text, search, e, trig) {
            search = after;
            let prev = word_before(text, at);
            if ["đã", "được", "vừa", "theo", "của", "có"].contains(&prev.as_str()) {
                continue;
            }
            let mut q = skip_ws(text, after);
            for skip in ["nhiệm vụ cho", "cho"] {
                if let Some(n) = phrase_at(text, q, skip) {
                    q = skip_ws(text, q + n);
                }
            }
            let (lead, end) = l.list_at(q, e);
            if lead.is_empty() {
                continue;
            }
            let rest = text[end..e].trim();
            let intro = rest.is_empty() || rest.starts_with(':') && rest[1..].trim().is_empty();
            let support = support_after(l, end, e);
            return Some(Clause { lead, support, intro });
        }
    }
    // C: X chủ trì / có trách nhiệm / ... at the start of the clause
    let (lead, end) = l.list_at(s, e);
    if !lead.is_empty() {
        let mut q = skip_ws(text, end);
        // `X sẽ phối hợp với Y`
        if let Some(n) = phrase_at(text, q, "sẽ") {
            q = skip_ws(text, q + n);
        }
        // `X theo chức năng, nhiệm vụ, quyền hạn được giao tham mưu ...`
        if phrase_at(text, q, "theo chức năng").is_some() {
            if let Some((_, ge)) = find_phrase(text, q, floor_char(text, e.min(q + 120)), "được giao") {
                q = skip_ws(text, ge);
            }
        }
        // (The blanks after a list at the clause's end lead past it: an
        // action word there belongs to the next clause.)
        if q < e && ACTION.starts(text, q) {
            // `X có trách nhiệm:` / `X thực hiện các nhiệm vụ sau:` opens the items below
            let intro = text[q..e].trim_end().ends_with(':');
            let mut support = Vec::new();
            // X chủ trì, Y phối hợp
            if let Some(n) = phrase_at(text, q, "chủ trì") {
                let r = skip_ws(text, q + n);
                if text[r..].starts_with(',') {
                    let (sup, se) = l.list_at(skip_ws(text, r + 1), e);
                    if !sup.is_empty() && starts_with_any(text, skip_ws(text, se), &["phối hợp"]) {
                        support = sup;
                    }
                }
            }
            if support.is_empty() {
                support = support_after(l, end, e);
            }
            return Some(Clause { lead, support, intro });
        }
        // `Chánh Văn phòng ..., Giám đốc ... và Công ty X có trách nhiệm thi hành`
        let window = floor_char(text, e.min(q + 200));
        let strong = ["có trách nhiệm", "chịu trách nhiệm"];
        if let Some((at, _)) = strong.iter().filter_map(|w| find_phrase(text, q, window, w)).min() {
            let sep = text[..q].trim_end().ends_with([',', ';']) || word_before(text, q) == "và";
            if sep || at_most_words(&text[q..at], 12) {
                return Some(Clause { lead, support: support_after(l, end, e), intro: false });
            }
        }
    }
    None
}

/// The char boundary at or before byte `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Sentence starts inside `text[s..e]`: a `.`, `!` or `?` followed by a capital.
fn sentences(text: &str, s: usize, e: usize) -> Vec<usize> {
    let mut out = vec![s];
    let slice = &text[s..e];
    // The marks are ASCII: find them by byte, not by decoding every char.
    for i in memchr::memchr3_iter(b'.', b'!', b'?', slice.as_bytes()) {
        let rest = &slice[i + 1..];
        let trimmed = rest.trim_start();
        if rest.len() != trimmed.len() && trimmed.starts_with(char::is_uppercase) && !slice[..i].ends_with("TP") {
            out.push(s + i + 1 + (rest.len() - trimmed.len()));
        }
    }
    out
}

const NON_ACTION: &[&str] = &[
    "muc dich", "yeu cau", "ket qua", "ton tai", "han che", "nguyen nhan", "bai hoc", "tinh hinh", "danh gia", "can cu",
    "su can thiet", "quan diem", "muc tieu", "thuc trang", "dac diem",
];
const ACTION_INTRO: &[&str] = &["nhiem vu", "yeu cau", "de nghi", "noi dung", "giai phap", "trien khai", "thuc hien", "phuong huong"];

/// `Văn phòng Chính phủ xin thông báo để ... biết, thực hiện./.`: not a task.
fn closing_formula(s: &str) -> bool {
    ["xin thông báo", "trân trọng thông báo", "biết, thực hiện", "biết và thực hiện", "biết, phối hợp thực hiện"].iter().any(|p| s.contains(p))
}

/// Chars of a heading that decide whether it opens with one of
/// [`NON_ACTION`] (`về ` and the longest of them, with room to spare).
const NON_ACTION_OPENING: usize = 32;

/// A heading of a part that assigns no work (`Mục đích, yêu cầu`, `Kết quả
/// đạt được`, `Về tình hình ...`).
fn non_action_heading(h: &str) -> bool {
    // A heading of more than eight words counts only when it opens with one
    // of the words: its opening is folded first, the rest only then (the
    // numbered paragraphs that open sections are long).
    if !at_most_words(h, 9) {
        let opening: String = h.chars().take(NON_ACTION_OPENING).map(crate::text::fold_fast).collect();
        let opening = opening.strip_prefix("ve ").unwrap_or(&opening);
        if !NON_ACTION.iter().any(|k| opening.starts_with(k)) {
            return false;
        }
    }
    let f = crate::extract::agencies::fold_str(h);
    // `Căn cứ pháp lý`, `Kết quả đạt được`: the heading names it; a long
    // heading that mentions `căn cứ` in passing is not one
    let f = f.strip_prefix("ve ").unwrap_or(&f);
    let short = at_most_words(f, 8);
    NON_ACTION.iter().any(|k| if short { f.contains(k) } else { f.starts_with(k) }) && !f.contains("nhiem vu") && !f.contains("to chuc thuc hien")
}

struct Scope {
    lead: Vec<Item>,
    path: Option<String>,
}

fn within(path: &Option<String>, scope: &Option<String>) -> bool {
    match (path, scope) {
        (_, None) => true,
        (Some(p), Some(s)) => p == s || p.starts_with(&format!("{s}.")),
        (None, Some(_)) => false,
    }
}

/// The tasks of the body `blocks`.
pub fn tasks(ctx: &Ctx, blocks: &[Block], sections: &[SectionSpan]) -> Vec<Task> {
    let text = ctx.text;
    let mut lister = Lister::new(text, ctx.mentions);
    lister.owner = ctx.issuer.map(str::to_string);
    let mut out: Vec<Task> = Vec::new();
    let mut section_leads: Vec<(String, Vec<Item>)> = Vec::new();
    let mut scope: Option<Scope> = None;
    // documents without sections: an intro ending in `:` opens the action part
    let mut doc_action = false;
    let mut star_from = 0usize; // index in `out` of the first task a star line may assign
    let mut star_section: Option<String> = None;
    let non_action: std::collections::HashMap<&str, bool> =
        sections.iter().map(|s| (s.path.as_str(), non_action_heading(&s.heading))).collect();
    // a document of articles: only the articles that assign work
    // (`Tổ chức thực hiện`, `Trách nhiệm ...`, `Điều khoản thi hành`) hold
    // items addressed to no one; the others state rules or project data
    let work_articles: Vec<&str> = sections
        .iter()
        .filter(|s| s.path.starts_with("Điều") && !s.path.contains('.') && assigns_work(&s.heading))
        .map(|s| s.path.as_str())
        .collect();
    for (bi, b) in blocks.iter().enumerate() {
        let opens = sections.iter().find(|s| s.block == bi);
        let flow = flow_text(text, ctx.lay, b.content, b.end);
        if flow.is_empty() {
            continue;
        }
        // scope ends where a sibling or higher section opens
        if let Some(sc) = &scope {
            if opens.is_some() && !(sc.path.is_some() && within(&b.section, &sc.path) && b.section != sc.path) {
                scope = None;
            }
        }
        if b.section != star_section {
            star_from = out.len();
            star_section = b.section.clone();
        }
        // is this part of the action part?
        let action = match &b.section {
            Some(p) => {
                let top = p.split('.').next().unwrap_or(p);
                let rule_article = top.starts_with("Điều") && !work_articles.is_empty() && !work_articles.contains(&top);
                !rule_article && !non_action.get(top).copied().unwrap_or(false) && !non_action.get(p.as_str()).copied().unwrap_or(false)
            }
            None => doc_action,
        };
        // context lead: agency heading of an enclosing section, or a `Giao X:` scope
        let ctx_lead: Option<Vec<Item>> = section_leads
            .iter()
            .rev()
            .find(|(p, _)| within(&b.section, &Some(p.clone())))
            .map(|(_, l)| l.clone())
            .or_else(|| scope.as_ref().map(|s| s.lead.clone()));
        // agency heading: `5. Sở Nội vụ`, `3. Thành viên Hội đồng ...:`
        if let (Some(sec), Some(_)) = (opens, b.marker.as_ref().and_then(Marker::level)) {
            let (items, end) = lister.list_at(b.content, b.end);
            let rest = text[end..b.end].trim_start();
            let is_heading = !items.is_empty() && (rest.is_empty() || rest.starts_with(':'));
            if is_heading {
                section_leads.push((sec.path.clone(), items.clone()));
                let body_start = if rest.starts_with(':') { end + (text[end..].find(':').unwrap_or(0)) + 1 } else { b.end };
                if flow_text(text, ctx.lay, body_start, b.end).chars().any(crate::text::is_alpha) {
                    push_task(ctx, &mut out, b, body_start, b.end, &items, &[]);
                }
                continue;
            }
            // a plain heading (`1. Công tác tuyên truyền`) is not a task
            let ends = flow.trim_end().ends_with(['.', ':', ';']);
            if !ends && at_most_words(&flow, 45) && !flow.contains(". ") {
                continue;
            }
        }
        let mut starts = sentences(text, b.content, b.end);
        // `Điều 30. Trách nhiệm thi hành` then the clause on the next line
        let title_end = article_title_end(text, b);
        if let Some(te) = title_end {
            starts.push(te);
            starts.sort_unstable();
            starts.dedup();
        }
        let mut found: Vec<(usize, Clause)> = Vec::new();
        for (k, &s) in starts.iter().enumerate() {
            let e = starts.get(k + 1).copied().unwrap_or(b.end);
            if let Some(c) = clause(&lister, s, e) {
                found.push((s, c));
            }
        }
        let item = b.marker.is_some();
        let first_trigger = found.first().map_or(b.end, |(s, _)| *s);
        let before = if first_trigger >= b.end { flow.clone() } else { flow_text(text, ctx.lay, b.content, first_trigger) };
        if before.chars().any(crate::text::is_alpha) && title_end != Some(first_trigger) {
            if let Some(l) = &ctx_lead {
                let sup = support_after(&lister, b.content, first_trigger);
                push_task(ctx, &mut out, b, b.content, first_trigger, l, &sup);
            } else if action && (item || b.section.as_ref().is_some_and(|p| p.contains('.') || !p.chars().all(|c| "IVXLC".contains(c))) || sections.is_empty())
                // an intro (`...:`) is no task, unless a numbered item opens with
                // its own verb (`1. Thực hiện kiểm định ..., cụ thể như sau:`)
                && (!before.trim_end().ends_with(':') || numbered_action(text, b))
                && !closing_formula(&before)
            {
                // `Phối hợp với Sở X ...` addressed to the recipient
                let sup = support_after(&lister, b.content, first_trigger);
                push_task(ctx, &mut out, b, b.content, first_trigger, &[], &sup);
            }
        }
        let star_first = out.len();
        for (k, (s, c)) in found.iter().enumerate() {
            let e = found.get(k + 1).map_or(b.end, |(n, _)| *n);
            if c.intro && k + 1 == found.len() {
                if let Some(sec) = opens {
                    section_leads.push((sec.path.clone(), c.lead.clone()));
                } else {
                    scope = Some(Scope { lead: c.lead.clone(), path: b.section.clone() });
                }
                continue;
            }
            push_task(ctx, &mut out, b, *s, e, &c.lead, &c.support);
        }
        // intros of an action part (`... một số nhiệm vụ chủ yếu sau đây:`)
        if b.section.is_none() && flow.trim_end().ends_with(':') {
            let f = crate::extract::agencies::fold_str(&flow);
            doc_action = ACTION_INTRO.iter().any(|k| f.contains(k)) && !f.contains("bai hoc") && !f.contains("ket qua");
        }
        // the star line assigns the bullets above it
        if b.marker == Some(Marker::Star) && out.len() > star_first {
            let leads: Vec<String> = out[star_first..].iter().flat_map(|t| t.lead.clone()).collect();
            let dl: Option<Deadline> = out[star_first..].iter().find_map(|t| t.deadline.clone());
            for t in out[star_from..star_first].iter_mut() {
                if t.lead.is_empty() {
                    t.lead = leads.clone();
                    if t.deadline.is_none() {
                        t.deadline = dl.clone();
                    }
                }
            }
            star_from = out.len();
        }
    }
    out
}

/// An article title that assigns work (`Tổ chức thực hiện`, `Trách nhiệm
/// thi hành`, `Chế độ báo cáo`), not `Hiệu lực thi hành`.
fn assigns_work(heading: &str) -> bool {
    let f = crate::extract::agencies::fold_str(heading);
    !f.contains("hieu luc")
        && ["to chuc thuc hien", "trach nhiem", "thi hanh", "nhiem vu", "che do bao cao"].iter().any(|k| f.contains(k))
}

/// A numbered (not bulleted) item whose text opens with a verb of action.
fn numbered_action(text: &str, b: &Block) -> bool {
    matches!(b.marker, Some(Marker::Arabic(_)) | Some(Marker::Decimal(_)) | Some(Marker::Letter(_)))
        && text[b.content..].starts_with(char::is_uppercase)
        && ACTION.starts(text, b.content)
}

/// Where the body of an article starts when its first line is a bare
/// title (`Điều 30. Trách nhiệm thi hành`) and a capitalised line follows.
fn article_title_end(text: &str, b: &Block) -> Option<usize> {
    if !matches!(b.marker, Some(Marker::Article(_))) {
        return None;
    }
    let nl = b.content + text[b.content..b.end].find('\n')?;
    let title = text[b.content..nl].trim_end();
    if title.is_empty() || title.ends_with(['.', ':', ';', ',']) || !at_most_words(title, 12) {
        return None;
    }
    let next = skip_ws(text, nl);
    (next < b.end && text[next..].starts_with(char::is_uppercase)).then_some(next)
}

fn push_task(ctx: &Ctx, out: &mut Vec<Task>, b: &Block, s: usize, e: usize, lead: &[Item], support: &[Item]) {
    let body = flow_text(ctx.text, ctx.lay, s, e);
    if at_most_words(&body, 3) {
        return;
    }
    let deadline = deadlines::find(&body, ctx.anchor);
    let lead_names = names(lead);
    let support_names: Vec<String> = names(support).into_iter().filter(|n| !lead_names.contains(n)).collect();
    out.push(Task {
        id: String::new(),
        section: b.section.clone(),
        text: body,
        start: s,
        end: e,
        lead: lead_names,
        support: support_names,
        deadline,
    });
}
