//! Closing: where the body ends (`Nơi nhận:`, the signature block, an
//! appendix), the distribution list and the signer.
//!
//! Must never: take a heading of the body for a signature title.

use super::{squash, Layout};
use crate::model::Signer;

fn folded_start(s: &str, prefix: &str) -> bool {
    let first = prefix.chars().next().unwrap_or(' ');
    if s.trim_start().chars().next().is_none_or(|c| crate::extract::agencies::fold_fast(c) != first) {
        return false;
    }
    let head: String = s.trim_start().chars().take(prefix.len() + 2).collect();
    crate::extract::agencies::fold_str(&head).starts_with(prefix)
}

/// Signature prefixes: `TM.`, `T/M`, `KT.`, `K/T`, `TL.`, `T/L`, `TUQ.`, `Q.`.
fn authority_prefix(s: &str) -> Option<usize> {
    let t = s.trim_start();
    let off = s.len() - t.len();
    for p in ["TM.", "T/M", "TM ", "KT.", "K/T", "KT ", "TL.", "T/L", "TUQ.", "T.U.Q", "Q."] {
        if t.starts_with(p) {
            return Some(off + p.len());
        }
    }
    None
}

const ROLE_WORDS: &[&str] = &[
    "TRUONG", "CHU TICH", "GIAM DOC", "BI THU", "CHU NHIEM", "THU TUONG", "CHANH", "THONG DOC", "TONG THANH TRA",
    "VIEN TRUONG", "CHANH AN", "UY VIEN", "THU TRUONG",
];

/// `s` has four letters or more and at least 80% of them are capitals.
fn mostly_upper(s: &str) -> bool {
    let (mut letters, mut upper) = (0, 0);
    for c in s.chars().filter(|&c| crate::text::is_alpha(c)) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    letters >= 4 && upper * 10 >= letters * 8
}

/// A signature role line (`PHÓ THỦ TƯỚNG`, `KT. BỘ TRƯỞNG`).
pub fn is_role_line(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() || t.chars().count() > 70 || !mostly_upper(t) {
        return false;
    }
    if authority_prefix(t).is_some() {
        return true;
    }
    // folded and upper-cased in one pass (`to_uppercase` maps char by char)
    let f: String = t.chars().map(crate::extract::agencies::fold_fast).flat_map(char::to_uppercase).collect();
    ROLE_WORDS.iter().any(|w| f.contains(w))
}

/// `Nơi nhận:` (the colon right after the words), not `Nơi nhận hồ sơ: ...`.
fn is_distribution_head(s: &str) -> bool {
    if !folded_start(s, "noi nhan") {
        return false;
    }
    let rest: String = s.trim_start().chars().skip("noi nhan".len()).collect();
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with(':')
}

/// `Phụ lục`, `PHỤ LỤC II`, `Phụ lục 1:` alone on its line, or a line in capitals
/// starting with `PHỤ LỤC`: not a sentence that mentions an appendix.
fn is_appendix_head(s: &str) -> bool {
    let t = s.trim();
    if !folded_start(t, "phu luc") || t.chars().count() > 120 {
        return false;
    }
    let rest: String = t.chars().skip("phu luc".len()).collect();
    let rest = rest.trim().trim_end_matches(['.', ':']);
    let numeral = rest.chars().all(|c| c.is_ascii_digit() || "IVXLC ".contains(c));
    numeral || mostly_upper(t)
}

/// Where the closing begins: the `Nơi nhận` line or the first line opening
/// a signature (`TM.`, `KT.` ...), searched in the last 60% of the body.
pub fn closing_start(text: &str, lay: &Layout, from: usize, until: usize) -> Option<usize> {
    // a signature prefix deep inside a long body is more likely quoted text
    let min_sig = if until.saturating_sub(from) > 4000 { from + (until - from) * 2 / 5 } else { from };
    (0..lay.lines.len())
        .filter(|&i| lay.lines[i].start >= from && lay.lines[i].end <= until)
        .find(|&i| {
            let s = lay.text(text, i);
            is_distribution_head(s) || (lay.lines[i].start >= min_sig && authority_prefix(s).is_some() && mostly_upper(s))
        })
        .map(|i| lay.lines[i].start)
}

/// Where an appendix (`Phụ lục`) begins, if any.
pub fn appendix_start(text: &str, lay: &Layout, from: usize) -> Option<usize> {
    (0..lay.lines.len())
        .filter(|&i| lay.lines[i].start >= from)
        .find(|&i| is_appendix_head(lay.text(text, i)))
        .map(|i| lay.lines[i].start)
}

/// The `Nơi nhận:` entries, one per dash item (continuation lines joined).
pub fn distribution(text: &str, lay: &Layout, from: usize, until: usize) -> Vec<String> {
    let Some(first) = (0..lay.lines.len())
        .filter(|&i| lay.lines[i].start >= from && lay.lines[i].end <= until)
        .find(|&i| is_distribution_head(lay.text(text, i)))
    else {
        return Vec::new();
    };
    let mut items: Vec<String> = Vec::new();
    let head = columns(lay.text(text, first)).into_iter().next().unwrap_or("");
    if let Some(p) = head.find(':') {
        let rest = head[p + 1..].trim().trim_start_matches(['-', '–']).trim();
        if !rest.is_empty() && !is_role_line(rest) {
            items.push(rest.to_string());
        }
    }
    for i in first + 1..lay.lines.len() {
        if lay.lines[i].start >= until || lay.noise[i] {
            break;
        }
        let s = columns(lay.text(text, i)).into_iter().next().unwrap_or("");
        if s.is_empty() {
            continue;
        }
        if let Some(rest) = s.strip_prefix(['-', '–', '+', '•']) {
            items.push(rest.trim().to_string());
        } else if is_role_line(s) || items.is_empty() {
            break;
        } else if let Some(last) = items.last_mut() {
            let raw = &text[lay.lines[i].start..lay.lines[i].end];
            let indent = raw.len() - raw.trim_start().len();
            let continues = (raw.starts_with([' ', '\t']) && indent < 10) || s.starts_with(|c: char| c.is_lowercase()) || last.ends_with(',');
            if continues && !is_name_line(s) {
                last.push(' ');
                last.push_str(s);
            } else {
                break;
            }
        }
    }
    items.into_iter().map(|s| squash(s.trim_end_matches([';', ',', '.', ' ']))).filter(|s| !s.is_empty()).collect()
}

/// Splits a line laid out in columns (runs of 3+ spaces or a tab) into its cells.
pub fn columns(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\t' || (b[i] == b' ' && i + 2 < b.len() && b[i + 1] == b' ' && b[i + 2] == b' ') {
            let cell = s[start..i].trim();
            if !cell.is_empty() {
                out.push(cell);
            }
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    let cell = s[start..].trim();
    if !cell.is_empty() {
        out.push(cell);
    }
    out
}

/// `PHÓ THỦ TƯỚNG` → `Phó Thủ tướng`, `BỘ TRƯỞNG, CHỦ NHIỆM` → `Bộ trưởng, Chủ nhiệm`.
pub fn title_case_role(s: &str) -> String {
    let parts: Vec<String> = s
        .split(',')
        .map(|p| {
            let lower = p.trim().to_lowercase();
            let mut words: Vec<String> = lower.split_whitespace().map(str::to_string).collect();
            let cap = |w: &mut String| *w = crate::extract::agencies::title_case(w);
            if let Some(w) = words.first_mut() {
                cap(w);
            }
            if words.first().is_some_and(|w| w == "Phó") && words.len() > 1 {
                cap(&mut words[1]);
            }
            words.join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect();
    parts.join(", ")
}

/// A signer's name: two to six words, each a capital then small letters
/// or all in capitals, and no role line (`KT. BỘ TRƯỞNG`, `CHỦ TỊCH`).
fn is_name_line(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=6).contains(&words.len()) {
        return false;
    }
    let all_caps = words.iter().all(|w| w.chars().all(|c| c.is_uppercase()));
    if (all_caps || authority_prefix(s).is_some()) && is_role_line(s) {
        return false;
    }
    words.iter().all(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && w.chars().all(crate::text::is_alpha)
            && (all_caps || cs.all(|c| c.is_lowercase()))
    })
}

/// The signature block: signer name and title, and the body signed for
/// (`TM. ỦY BAN NHÂN DÂN` → `ỦY BAN NHÂN DÂN`).
pub fn signer(text: &str, lay: &Layout, from: usize, until: usize) -> (Option<Signer>, Option<String>) {
    let idx: Vec<usize> = (0..lay.lines.len())
        .filter(|&i| lay.lines[i].start >= from && lay.lines[i].end <= until && lay.in_flow(text, i))
        .collect();
    let mut on_behalf = None;
    let mut title: Option<String> = None;
    let mut name = None;
    let mut last_role: Option<usize> = None;
    let segs: Vec<&str> = idx.iter().flat_map(|&i| columns(lay.text(text, i))).collect();
    for (k, &s) in segs.iter().enumerate() {
        if is_role_line(s) && !is_name_line(s) {
            let role = match authority_prefix(s) {
                Some(p) => {
                    on_behalf = Some(s[p..].trim().to_string());
                    s[p..].trim().to_string()
                }
                None => s.to_string(),
            };
            title = Some(title_case_role(&role));
            last_role = Some(k);
        } else if let Some(r) = last_role {
            if k <= r + 12 && is_name_line(s) && name.is_none() {
                let all_caps = s.chars().filter(|&c| crate::text::is_alpha(c)).all(char::is_uppercase);
                let n = if all_caps {
                    s.split_whitespace().map(crate::extract::agencies::title_case).collect::<Vec<_>>().join(" ")
                } else {
                    squash(s)
                };
                name = Some(n);
                break;
            }
        }
    }
    if name.is_none() && title.is_none() {
        return (None, on_behalf);
    }
    (Some(Signer { name, title }), on_behalf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_roles() {
        for (s, name) in [
            ("NGUYỄN VĂN AN", true),
            ("Nguyễn Văn An", true),
            ("Trần Hồng Hà", true),
            ("KT. BỘ TRƯỞNG", false),
            ("CHỦ TỊCH", false),
            ("PHÓ CHỦ TỊCH", false),
            ("Nguyễn văn An", false),
            ("An", false),
        ] {
            assert_eq!(is_name_line(s), name, "{s:?}");
        }
        assert!(is_role_line("KT. BỘ TRƯỞNG") && is_role_line("PHÓ THỦ TƯỚNG") && !is_role_line("Phó Thủ tướng"));
        assert!(mostly_upper("BỘ TRƯỞNGx") && !mostly_upper("BỘ Trưởng") && !mostly_upper("A B C"));
    }
}
