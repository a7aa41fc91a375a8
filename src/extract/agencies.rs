//! Agencies: the registry of Vietnamese state, Party and mass bodies
//! (`agencies.tsv`, embedded) and the matcher that finds them in text.
//!
//! Names are matched with aho-corasick over *folded* text (no diacritics,
//! lower case, hyphens and line breaks as plain spaces), so `Uỷ`/`Ủy`,
//! `Bộ Lao động -\nThương binh và Xã hội` and `UBND`/`Ủy ban nhân dân` all
//! meet the same pattern. Every match reports the canonical full name.
//!
//! Must never: invent a body that is not named in the text, or report a
//! title holder (`Giám đốc`) instead of the body they head.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};


/// Kind of a registry entry (column 2 of `agencies.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ministry,
    MinistryLevel,
    GovAgency,
    State,
    Party,
    Mass,
    Council,
    Local,
    LocalParty,
    /// A title (`Giám đốc`, `Chánh Văn phòng`): skipped, the body after it counts.
    Title,
}

/// One body of the registry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub canonical: String,
    pub kind: Kind,
    pub successor: Option<String>,
    pub note: Option<String>,
}

struct Registry {
    entries: Vec<Entry>,
    ac: AhoCorasick,
    /// Per pattern: entry index and, for capitals-only abbreviations, the alias as written.
    patterns: Vec<(usize, Option<String>)>,
    /// Folded full name or alias → entry index (for exact look-ups).
    exact: HashMap<String, usize>,
    /// Every key of `exact` cut before a space or a comma: what a name
    /// being read word by word may still grow into (see [`may_extend`]).
    prefixes: HashSet<String>,
    /// Canonical name → its entry (the first, should a name repeat).
    by_canonical: HashMap<String, usize>,
    /// Per entry: a local body whose folded name ends in a level word
    /// (`Ủy ban nhân dân tỉnh`), which takes the place name written after
    /// it (decided once here, not per match in [`find`]).
    takes_place: Vec<bool>,
}

/// Abbreviations expanded in aliases and contracted to build variants:
/// (long folded form, short folded form).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("uy ban nhan dan", "ubnd"),
    ("hoi dong nhan dan", "hdnd"),
    ("trung uong", "tw"),
    ("trung uong", "tu"),
    ("viet nam", "vn"),
    ("mat tran to quoc", "mttq"),
    ("thi dua khen thuong", "tdkt"),
    ("thi dua khen thuong", "td kt"),
    ("thanh pho", "tp"),
];

/// Short forms that are safe to expand wherever they appear in an alias.
const EXPANDABLE: &[(&str, &str)] = &[
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("tw", "trung uong"),
    ("vn", "viet nam"),
    ("mttq", "mat tran to quoc"),
    ("tdkt", "thi dua khen thuong"),
];

/// Folds a name for matching: diacritics and case removed, hyphens, dashes
/// and every run of whitespace become one space, no space before a comma.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_norm(&mut out, c);
    }
    // `push_norm` writes no white space but single spaces, none first: at
    // most one space to trim, at the end.
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

pub use crate::text::fold_fast;

/// Folds a string with [`fold_fast`] (input assumed NFC).
pub fn fold_str(s: &str) -> String {
    s.chars().map(fold_fast).collect()
}

fn push_norm(out: &mut String, c: char) {
    let c = fold_fast(c);
    if c.is_whitespace() || c == '-' || c == '–' || c == '—' {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    } else if c == ',' {
        if out.ends_with(' ') {
            out.pop();
        }
        out.push(',');
    } else {
        out.push(c);
    }
}

/// Folded view of a text with a map back to byte offsets of the original.
#[derive(Default)]
struct Folded {
    text: String,
    /// For each byte of `text`, the byte offset it came from in the string
    /// that was folded: 4 bytes, not 8, for each byte of every document's
    /// text (see [`fold_into`]).
    map: Vec<u32>,
}

/// The longest string [`fold_into`] takes: its offsets are `u32`.
const MAX_FOLD_LEN: usize = u32::MAX as usize;

/// Builds the folded view of `s` (see [`norm`]) in `out`, replacing what
/// it held but keeping its buffers.
///
/// The whole text of every document passes through here once, so its
/// buffers are reused (see [`find`]): allocated anew for each document, the
/// map (8 bytes for each byte of text while it was `usize`) took fresh
/// pages from the allocator, and on a 100,000-document index run those page
/// faults were 59% of all the run's faults. The last byte written is kept
/// in a local (not read back from the buffer), ASCII (most of a Vietnamese
/// text: spaces, digits, and the letters without marks) is folded through
/// [`ASCII_FOLD`], and other chars are decoded from their bytes and go
/// through [`fold_fast`].
///
/// # Panics
/// When `s` is longer than [`MAX_FOLD_LEN`]; [`find`] cuts longer texts.
fn fold_into(s: &str, out: &mut Folded) {
    assert!(s.len() <= MAX_FOLD_LEN, "fold_into: {} bytes is over the u32 offsets of the map", s.len());
    let bytes = s.as_bytes();
    let mut text: Vec<u8> = std::mem::take(&mut out.text).into_bytes();
    let map = &mut out.map;
    text.clear();
    map.clear();
    text.reserve(bytes.len());
    map.reserve(bytes.len());
    // The last byte written; a space at the start, so that no space opens the text.
    let mut last = b' ';
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // In range: `s` is at most `u32::MAX` bytes long (asserted above).
        let at = i as u32;
        let f = if b < 0x80 {
            i += 1;
            ASCII_FOLD[usize::from(b)]
        } else {
            let (c, len) = crate::text::char_at(bytes, i);
            i += len;
            // Most letters with marks fold to an ASCII letter (`ế` → `e`).
            let f = fold_fast(c);
            if f.is_ascii() {
                ASCII_FOLD[f as usize]
            } else if f.is_whitespace() || f == '–' || f == '—' {
                b' '
            } else {
                let mut buf = [0u8; 4];
                let e = f.encode_utf8(&mut buf).as_bytes();
                text.extend_from_slice(e);
                map.extend(std::iter::repeat_n(at, e.len()));
                last = e[e.len() - 1];
                continue;
            }
        };
        match f {
            b' ' if last == b' ' => continue,
            // no space before a comma
            b',' if last == b' ' => {
                text.pop();
                map.pop();
            }
            _ => {}
        }
        text.push(f);
        map.push(at);
        last = f;
    }
    // Only whole characters were written, so this cannot fail.
    out.text = String::from_utf8(text).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

/// ASCII folded for [`fold_into`]: letters lower-cased, whitespace and `-` as a
/// space (`,` stays `,`; [`fold_into`] drops a space before it).
static ASCII_FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b' ' | b'\t'..=b'\r' | b'-' => b' ',
            x => x.to_ascii_lowercase(),
        };
        b += 1;
    }
    t
};

/// `folded_alias` with every short form of [`EXPANDABLE`] written out
/// (`ubnd tinh` → `uy ban nhan dan tinh`); borrowed when it has none.
fn expand(folded_alias: &str) -> Cow<'_, str> {
    if !has_expandable(folded_alias) {
        return Cow::Borrowed(folded_alias);
    }
    let words: Vec<&str> = folded_alias
        .split(' ')
        .map(|w| EXPANDABLE.iter().find(|(s, _)| *s == w).map_or(w, |(_, long)| *long))
        .collect();
    Cow::Owned(words.join(" "))
}

/// Whether a word of `folded` is a short form [`expand`] writes out.
fn has_expandable(folded: &str) -> bool {
    folded.split(' ').any(|w| EXPANDABLE.iter().any(|(s, _)| *s == w))
}

/// All abbreviation variants of a folded full form.
fn variants(full: &str) -> Vec<String> {
    let mut out = vec![full.to_string()];
    for (long, short) in ABBREVIATIONS {
        let mut more = Vec::new();
        for v in &out {
            let padded = format!(" {v} ");
            let needle = format!(" {long} ");
            if padded.contains(&needle) {
                let r = padded.replace(&needle, &format!(" {short} "));
                more.push(r.trim().to_string());
            }
        }
        out.extend(more);
    }
    out.sort();
    out.dedup();
    out
}

/// Abbreviations written in capitals (`BNV`, `TTg`) match only as written.
fn caps_only(alias: &str) -> bool {
    !alias.contains(' ')
        && alias.chars().filter(|c| c.is_uppercase()).count() >= 2
        && alias.chars().count() <= 8
}

fn parse_kind(s: &str) -> Kind {
    match s {
        "ministry" => Kind::Ministry,
        "ministry_level" => Kind::MinistryLevel,
        "gov_agency" => Kind::GovAgency,
        "party" => Kind::Party,
        "mass" => Kind::Mass,
        "council" => Kind::Council,
        "local" => Kind::Local,
        "local_party" => Kind::LocalParty,
        "title" => Kind::Title,
        _ => Kind::State,
    }
}

static REGISTRY: LazyLock<Registry> = LazyLock::new(build_registry);

fn build_registry() -> Registry {
    let mut entries = Vec::new();
    let mut pats: Vec<String> = Vec::new();
    let mut patterns = Vec::new();
    let mut exact = HashMap::new();
    for line in include_str!("agencies.tsv").lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let canonical = cols[0].trim().to_string();
        let kind = parse_kind(cols.get(1).map(|s| s.trim()).unwrap_or(""));
        let nonempty = |i: usize| cols.get(i).map(|s| s.trim()).filter(|s| !s.is_empty()).map(str::to_string);
        let idx = entries.len();
        let mut names: Vec<String> = vec![canonical.clone()];
        if let Some(a) = nonempty(2) {
            names.extend(a.split('|').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()));
        }
        for name in &names {
            if caps_only(name) {
                let f = norm(name);
                exact.entry(f.clone()).or_insert(idx);
                pats.push(f);
                patterns.push((idx, Some(name.replace('Ð', "Đ"))));
                continue;
            }
            for v in variants(&expand(&norm(name))) {
                exact.entry(v.clone()).or_insert(idx);
                pats.push(v);
                patterns.push((idx, None));
            }
        }
        entries.push(Entry { canonical, kind, successor: nonempty(3), note: nonempty(4) });
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&pats)
        .unwrap_or_else(|_| AhoCorasick::new(Vec::<String>::new()).unwrap_or_else(|_| unreachable!()));
    let prefixes = exact
        .keys()
        .flat_map(|k| k.match_indices([' ', ',']).map(|(i, _)| k[..i].to_string()))
        .collect();
    let mut by_canonical = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        by_canonical.entry(e.canonical.clone()).or_insert(i);
    }
    let takes_place =
        entries.iter().map(|e| matches!(e.kind, Kind::Local | Kind::LocalParty) && is_level_word_end(&norm(&e.canonical))).collect();
    Registry { entries, ac, patterns, exact, prefixes, by_canonical, takes_place }
}

/// Every entry of the registry (for tests and the index).
pub fn entries() -> &'static [Entry] {
    &REGISTRY.entries
}

fn is_level_word_end(canonical_folded: &str) -> bool {
    ["tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong"]
        .iter()
        .any(|w| canonical_folded.ends_with(&format!(" {w}")))
}

/// A body named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte span in the original text (place name included).
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub kind: Kind,
}

/// Finds every registry body in `text[range]`, leftmost-longest, on word
/// boundaries. Local bodies ending in a level word (`Ủy ban nhân dân tỉnh`)
/// take the capitalised place name written after them (`Sơn La`).
pub fn find(text: &str, start: usize, end: usize) -> Vec<Mention> {
    find_in_pieces(text, start, end, MAX_FOLD_LEN)
}

thread_local! {
    /// The folded view [`find`] reuses from one call to the next on a thread.
    static FOLD_BUFFER: std::cell::Cell<Folded> = std::cell::Cell::new(Folded::default());
}

/// A buffer that grew past this many bytes of text is dropped after use,
/// not kept for the next document: one huge document must not hold its
/// memory for the rest of a run.
const KEPT_FOLD_CAPACITY: usize = 4 << 20;

/// [`find`], folding `text[start..end]` in pieces of at most `piece` bytes
/// (cut at char boundaries; a name across a cut is not found).
fn find_in_pieces(text: &str, start: usize, end: usize, piece: usize) -> Vec<Mention> {
    let mut out = Vec::new();
    // Taken, not borrowed: a nested call would find an empty buffer, not panic.
    let mut f = FOLD_BUFFER.take();
    let mut from = start;
    while from < end {
        let mut to = end.min(from.saturating_add(piece.max(4)));
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        fold_into(&text[from..to], &mut f);
        find_registry_names(text, from, end, &f, &mut out);
        from = to;
    }
    if f.text.capacity() <= KEPT_FOLD_CAPACITY {
        FOLD_BUFFER.set(f);
    }
    pattern_bodies(text, start, end, &mut out);
    out
}

/// The registry's bodies in `folded`, the folded view of `text[from..]`;
/// `end` bounds the place names taken after a level word.
fn find_registry_names(text: &str, from: usize, end: usize, f: &Folded, out: &mut Vec<Mention>) {
    let reg = &*REGISTRY;
    let bytes = f.text.as_bytes();
    let original = |folded_at: usize| from + f.map[folded_at] as usize;
    for m in reg.ac.find_iter(&f.text) {
        let before_ok = m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphanumeric();
        let after_ok = m.end() >= bytes.len() || !bytes[m.end()].is_ascii_alphanumeric();
        if !before_ok || !after_ok {
            continue;
        }
        let (idx, caps) = &reg.patterns[m.pattern().as_usize()];
        let o_start = original(m.start());
        let o_last = original(m.end() - 1);
        let o_end = o_last + text[o_last..].chars().next().map_or(1, char::len_utf8);
        if let Some(alias) = caps {
            let written: String = text[o_start..o_end].chars().filter(|c| !c.is_whitespace()).collect();
            let written = written.replace('Ð', "Đ");
            let glued = |c: Option<char>| matches!(c, Some('/') | Some('-'));
            if &written != alias || glued(text[..o_start].chars().next_back()) || glued(text[o_end..].chars().next()) {
                continue;
            }
        }
        let entry = &reg.entries[*idx];
        let mut name = entry.canonical.clone();
        let mut m_end = o_end;
        if reg.takes_place[*idx] {
            if let Some((place, pe)) = place_after(text, o_end, end, false) {
                name = format!("{name} {place}");
                m_end = pe;
            }
        }
        out.push(Mention { start: o_start, end: m_end, name, kind: entry.kind });
    }
}

/// Heads of bodies whose names the registry cannot list (`Cục Đường bộ
/// Việt Nam`, `Chi cục ...`, `Trạm Quản lý vận tải cửa khẩu`, `Ban Quản lý
/// Khu kinh tế`), each followed by a capitalised word; and regional audit
/// offices (`Kiểm toán nhà nước khu vực VII`).
static PATTERN_HEAD: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"\b(?:Kiểm toán (?:[Nn]hà nước )?[Kk]hu vực (?:[IVXL]+|\d{1,2})\b|(?:Tổng cục|Chi cục|Cục|Trạm|Ban [Qq]uản lý) \p{Lu})")
        .unwrap_or_else(|_| unreachable!())
});

/// Words that end a body name found by a head pattern (lower case).
const NAME_END: &[&str] = &[
    "có", "của", "tại", "nơi", "hoặc", "các", "là", "thuộc", "cho", "trên", "từ", "khi", "nếu", "này", "đó", "để", "với", "về",
    "theo", "trong", "đã", "được", "sẽ", "đang", "phải", "cần", "không", "những", "số", "ngày", "thì", "mà", "do", "bằng", "đến",
    "qua", "sau", "trước", "cùng", "nhằm", "gồm", "bao",
];

/// Capitalised words that open another body or sentence: a name found by a
/// head pattern stops before them.
const OTHER_HEAD: &[&str] = &[
    "Bộ", "Sở", "Ủy", "Uỷ", "Cục", "Ban", "Chi", "Trạm", "Tổng", "Công", "Văn", "Thanh", "Hội", "Đảng", "Phòng", "Giám", "Chủ",
    "Chánh", "Trưởng", "Phó", "Đề", "Giao", "Yêu", "Theo", "Căn", "Tại", "Về", "UBND", "HĐND", "Kho", "Kiểm", "Liên", "Viện",
];

fn pattern_bodies(text: &str, start: usize, end: usize, out: &mut Vec<Mention>) {
    let slice = &text[start..end];
    if !["Cục", "Trạm", "Ban", "Kiểm"].iter().any(|h| slice.contains(h)) {
        return;
    }
    let mut found = Vec::new();
    for m in PATTERN_HEAD.find_iter(slice) {
        let s = start + m.start();
        let e = if m.as_str().starts_with("Kiểm") { start + m.end() } else {
            let cap = m.as_str().chars().next_back().map_or(1, char::len_utf8);
            pattern_name_end(text, start + m.end() - cap, end)
        };
        found.push(Mention { start: s, end: e, name: crate::segment::squash(&text[s..e]), kind: Kind::GovAgency });
    }
    for p in found {
        // a registry body at the same start that the pattern extends gives way
        out.retain(|m| !(m.start == p.start && m.end < p.end));
        if out.iter().any(|m| m.start < p.end && p.start < m.end) {
            continue;
        }
        out.push(p);
    }
    out.sort_by_key(|m| m.start);
}

/// End of a body name whose first name word starts at `pos`: words on one
/// line, up to a verb, a function word, punctuation or another body.
fn pattern_name_end(text: &str, pos: usize, limit: usize) -> usize {
    let mut p = pos;
    let mut last = pos;
    let mut words = 0;
    while p < limit && words < 10 {
        let rest = &text[p..limit];
        let wl = rest.find(|c: char| !crate::text::is_alnum(c)).unwrap_or(rest.len());
        if wl == 0 {
            break;
        }
        let w = &rest[..wl];
        if words > 0 {
            let lower = w.chars().next().is_some_and(char::is_lowercase);
            if lower && (NAME_END.contains(&w) || super::lists::STOP.starts(text, p)) {
                break;
            }
            if !lower && OTHER_HEAD.contains(&w) {
                break;
            }
            if w == "và" {
                // `Cục Kỹ thuật an toàn và Môi trường công nghiệp`, not `Cục X và Sở Y`
                let nxt = text[p + wl..limit].trim_start_matches(' ');
                let nw: String = nxt.chars().take_while(|&c| crate::text::is_alnum(c)).collect();
                if !nw.starts_with(char::is_uppercase) || OTHER_HEAD.contains(&nw.as_str()) {
                    break;
                }
            }
        }
        words += 1;
        last = p + wl;
        let after = &text[last..limit];
        if let Some(r) = after.strip_prefix(' ') {
            if let Some(r2) = r.strip_prefix("- ") {
                // `Sở Giao thông vận tải - Xây dựng`, not `Cục X - Bộ Y`
                let nw: String = r2.chars().take_while(|&c| crate::text::is_alnum(c)).collect();
                if !nw.starts_with(char::is_uppercase) || OTHER_HEAD.contains(&nw.as_str()) {
                    break;
                }
                p = last + 3;
            } else {
                p = last + 1;
            }
        } else {
            break;
        }
    }
    last
}

/// The capitalised place name right after `pos` (at most four words on the
/// same line, none of them the start of another body or an abbreviation).
/// `caps` accepts words in capitals (header lines) and title-cases them.
pub fn place_after(text: &str, pos: usize, end: usize, caps: bool) -> Option<(String, usize)> {
    let mut words = Vec::new();
    let mut p = pos;
    let mut last_end = pos;
    let rest = &text[pos..end];
    let mut iter = rest.char_indices().peekable();
    loop {
        // skip spaces (not line breaks)
        while let Some(&(_, c)) = iter.peek() {
            if c == ' ' || c == '\t' {
                iter.next();
            } else {
                break;
            }
        }
        let Some(&(ws, c0)) = iter.peek() else { break };
        if !c0.is_uppercase() {
            break;
        }
        let mut we = ws;
        while let Some(&(i, c)) = iter.peek() {
            if c.is_alphabetic() {
                we = i + c.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let w = &rest[ws..we];
        let upper_rest = w.chars().skip(1).any(|c| c.is_uppercase());
        if w.is_empty() || (upper_rest && !caps) || words.len() >= 4 {
            break;
        }
        let fw = norm(w);
        // `Văn Chấn` is a place, `Văn phòng` a body
        let office = fw == "van" && norm(&rest[we..].chars().take(8).collect::<String>()).trim_start().starts_with("phong");
        // compared with their diacritics: `Văn Bàn` is a place, `Ban` a body
        let lw = w.to_lowercase();
        if office
            || [
                "bộ", "sở", "ban", "ủy", "uỷ", "hội", "công", "giao", "đề", "để", "các", "chủ", "giám", "thủ", "thứ", "về", "theo", "năm",
                "tháng", "ngày", "và", "tại",
            ]
            .contains(&lw.as_str())
        {
            break;
        }
        words.push(title_case(w));
        p = pos + we;
        last_end = p;
        // stop at punctuation
        match iter.peek() {
            Some(&(_, c)) if c == ' ' || c == '\t' => {}
            _ => break,
        }
    }
    let _ = p;
    if words.is_empty() {
        None
    } else {
        Some((words.join(" "), last_end))
    }
}

/// `SƠN` → `Sơn`.
pub fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for (i, c) in w.chars().enumerate() {
        if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Resolves a whole string to one body: the canonical name when the entire
/// string (after titles) is one registry name, with a place name when it
/// ends in a level word. `caps` accepts a place written in capitals.
pub fn resolve_whole(s: &str, caps: bool) -> Option<String> {
    let s = s.trim().trim_end_matches([':', ';', ',', '.']).trim();
    if s.is_empty() {
        return None;
    }
    let ms = find(s, 0, s.len());
    let first = ms.iter().find(|m| m.kind != Kind::Title)?;
    // everything before the body must be titles
    let before = &s[..first.start];
    let titles_only = ms.iter().filter(|m| m.end <= first.start).map(|m| m.end - m.start).sum::<usize>()
        >= before.trim().len().saturating_sub(before.matches(' ').count());
    if !before.trim().is_empty() && !titles_only {
        return None;
    }
    let tail = s[first.end..].trim();
    if tail.is_empty() {
        return Some(first.name.clone());
    }
    let entry_folded = norm(&first.name);
    if caps && is_level_word_end(&entry_folded) {
        if let Some((place, pe)) = place_after(s, first.end, s.len(), true) {
            if s[pe..].trim().is_empty() {
                return Some(format!("{} {place}", first.name));
            }
        }
    }
    None
}

/// Any alias, abbreviation, old or new tone spelling, or old name of a
/// merged body → its canonical name. `bo noi vu`, `BNV`, `Bộ LĐTBXH`,
/// `UBND tỉnh Sơn La` all resolve. Unknown names give `None`.
pub fn canonicalize(query: &str) -> Option<String> {
    let q = query.trim();
    if q.is_empty() {
        return None;
    }
    lookup_folded(&norm(q)).or_else(|| resolve_whole(q, true))
}

/// Exact registry look-up of a whole name or alias already folded by
/// [`norm`] (no place names, no titles): cheaper than [`canonicalize`].
pub fn lookup_folded(folded: &str) -> Option<String> {
    let reg = &*REGISTRY;
    let i = match reg.exact.get(folded) {
        Some(i) => i,
        None => match expand(folded) {
            Cow::Owned(long) => reg.exact.get(&long)?,
            Cow::Borrowed(_) => return None,
        },
    };
    Some(reg.entries[*i].canonical.clone())
}

/// Whether the folded name `folded` (see [`norm`]), read word by word, may
/// still be or grow into a registry name: `bo van hoa` may (`bo van hoa,
/// the thao va du lich`), `bo cong an chu tri` may not, so a reader can stop
/// adding words there. True whenever `folded` holds a short form that
/// [`lookup_folded`] expands, which this check does not follow.
pub fn may_extend(folded: &str) -> bool {
    let reg = &*REGISTRY;
    reg.exact.contains_key(folded) || reg.prefixes.contains(folded) || has_expandable(folded)
}

/// The successor, from 1 March 2025, of a merged or renamed body
/// (`Bộ Kế hoạch và Đầu tư` → `Bộ Tài chính`). `None` for bodies that
/// continue, and for unknown names.
pub fn successor(name: &str) -> Option<String> {
    entry_of(name)?.successor.clone()
}

/// The registry entry of any name [`canonicalize`] resolves.
fn entry_of(name: &str) -> Option<&'static Entry> {
    let reg = &*REGISTRY;
    reg.by_canonical.get(&canonicalize(name)?).map(|&i| &reg.entries[i])
}

/// The note explaining how a body was merged (`None` when there is none).
pub fn merger_note(name: &str) -> Option<String> {
    entry_of(name)?.note.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        assert_eq!(canonicalize("BNV").as_deref(), Some("Bộ Nội vụ"));
        assert_eq!(canonicalize("bo noi vu").as_deref(), Some("Bộ Nội vụ"));
        assert_eq!(canonicalize("Bộ LĐTBXH").as_deref(), Some("Bộ Lao động - Thương binh và Xã hội"));
        assert_eq!(canonicalize("Bộ Lao động -\nThương binh và Xã hội").as_deref(), Some("Bộ Lao động - Thương binh và Xã hội"));
        assert_eq!(canonicalize("Uỷ ban nhân dân tỉnh").as_deref(), Some("Ủy ban nhân dân tỉnh"));
        assert_eq!(canonicalize("UBND TỈNH SƠN LA").as_deref(), Some("Ủy ban nhân dân tỉnh Sơn La"));
        assert_eq!(canonicalize("Hội đồng TĐKT Trung ương").as_deref(), Some("Hội đồng Thi đua - Khen thưởng Trung ương"));
        assert_eq!(canonicalize("Ủy ban TW MTTQ Việt Nam").as_deref(), Some("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"));
        assert_eq!(canonicalize("Bộ GD&ĐT").as_deref(), Some("Bộ Giáo dục và Đào tạo"));
        assert_eq!(canonicalize("Sở Ngoại giao Mars"), None);
    }

    #[test]
    fn successors() {
        assert_eq!(successor("Bộ Kế hoạch và Đầu tư").as_deref(), Some("Bộ Tài chính"));
        assert_eq!(successor("Bộ TT&TT").as_deref(), Some("Bộ Khoa học và Công nghệ"));
        assert_eq!(successor("Bộ Giao thông vận tải").as_deref(), Some("Bộ Xây dựng"));
        assert_eq!(successor("Ủy ban Dân tộc").as_deref(), Some("Bộ Dân tộc và Tôn giáo"));
        assert_eq!(successor("Bộ Nội vụ"), None);
    }

    #[test]
    fn finds_with_breaks_and_places() {
        let t = "Giao Bộ Lao động -\n Thương binh và Xã hội, UBND tỉnh Sơn La và BNV";
        let names: Vec<String> = find(t, 0, t.len()).into_iter().map(|m| m.name).collect();
        assert_eq!(names, vec!["Bộ Lao động - Thương binh và Xã hội", "Ủy ban nhân dân tỉnh Sơn La", "Bộ Nội vụ"]);
    }

    /// The folded view of `s` in a new [`Folded`].
    fn folded(s: &str) -> Folded {
        let mut out = Folded::default();
        fold_into(s, &mut out);
        out
    }

    /// The plain folded view (Vec pushes, `text.last()` checks, `chars()`
    /// decoding) that [`fold_into`] must equal.
    fn folded_plain(s: &str) -> Folded {
        let bytes = s.as_bytes();
        let mut out = FoldedWriter { text: Vec::with_capacity(s.len()), map: Vec::with_capacity(s.len()) };
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                out.ascii(b, i as u32);
                i += 1;
                continue;
            }
            let Some(c) = s[i..].chars().next() else { break };
            // Most letters with marks fold to an ASCII letter (`ế` → `e`).
            let f = fold_fast(c);
            if f.is_ascii() {
                out.ascii(f as u8, i as u32);
            } else if f.is_whitespace() || f == '–' || f == '—' {
                out.space(i as u32);
            } else {
                let mut buf = [0u8; 4];
                for &e in f.encode_utf8(&mut buf).as_bytes() {
                    out.push(e, i as u32);
                }
            }
            i += c.len_utf8();
        }
        // Only whole characters were pushed, so this cannot fail.
        let text = String::from_utf8(out.text).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Folded { text, map: out.map }
    }

    /// The folded bytes and, for each, the offset it came from.
    struct FoldedWriter {
        text: Vec<u8>,
        map: Vec<u32>,
    }

    impl FoldedWriter {
        #[inline(always)]
        fn push(&mut self, b: u8, at: u32) {
            self.text.push(b);
            self.map.push(at);
        }

        /// One ASCII character: letters lower-cased, whitespace and hyphens as
        /// one space, no space before a comma.
        #[inline(always)]
        fn ascii(&mut self, b: u8, at: u32) {
            match b {
                b' ' | b'\t'..=b'\r' | b'-' => self.space(at),
                b',' => {
                    if self.text.last() == Some(&b' ') {
                        self.text.pop();
                        self.map.pop();
                    }
                    self.push(b',', at);
                }
                _ => self.push(b.to_ascii_lowercase(), at),
            }
        }

        /// A run of whitespace or dashes folds to one space, none at the start.
        #[inline(always)]
        fn space(&mut self, at: u32) {
            if self.text.last().is_some_and(|&l| l != b' ') {
                self.push(b' ', at);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// [`folded`] gives the text and the map of the plain version, on
        /// runs of spaces, dashes and commas, capitals, letters with marks,
        /// chars that fold to wider ones (`Ⱥ` → `ⱥ`), non-ASCII white space
        /// and 4-byte chars.
        #[test]
        fn folded_is_the_plain_fold(parts in proptest::collection::vec(proptest::sample::select(vec![
            " ", "  ", "\t", "\n", "\r\n", "-", "–", "—", ",", " ,", "a", "B", "Z", "7", "\u{0}", "/", "Bộ", "ĐẠI", "đ", "Ð", "ỷ",
            "Ủy", "ư", "Ơ", "é", "\u{A0}", "\u{3000}", "\u{2003}", "Ⱥ", "Ȿ", "İ", "ẞ", "😀", "\u{301}", "ß", "ﬁ", "Ω", "Ж",
        ]), 0..40)) {
            let s = parts.concat();
            let (got, want) = (folded(&s), folded_plain(&s));
            proptest::prop_assert_eq!(&got.text, &want.text, "{:?}", s);
            proptest::prop_assert_eq!(&got.map, &want.map, "{:?}", s);
        }
    }

    #[test]
    fn folded_of_wider_folds_and_commas() {
        // `Ⱥ` (2 bytes) folds to `ⱥ` (3 bytes), each byte mapped to its char.
        let f = folded("ȺȺȺ");
        assert_eq!(f.text, "ⱥⱥⱥ");
        assert_eq!(f.map, vec![0, 0, 0, 2, 2, 2, 4, 4, 4]);
        assert_eq!(folded(" - ,Bộ  Nội-vụ ,").text, ",bo noi vu,");
    }

    #[test]
    fn a_reused_buffer_holds_only_the_last_fold() {
        let mut f = folded("Ủy ban nhân dân tỉnh Sơn La, Bộ Tài chính");
        fold_into("Bộ Y tế", &mut f);
        assert_eq!(f.text, "bo y te");
        assert_eq!(f.map, vec![0, 1, 4, 5, 6, 7, 8]);
    }

    /// Offsets found in pieces are the offsets of the whole text: blocks of
    /// exactly 64 bytes, each with a name, folded 64 bytes at a time, give
    /// what one fold gives; a later call on the same thread (which reuses
    /// the buffer) too.
    #[test]
    fn names_found_in_pieces_keep_their_offsets() {
        let names = ["Bộ Tài chính", "Ủy ban nhân dân tỉnh Sơn La", "Bộ Công an", "Văn phòng Chính phủ"];
        let mut text = String::from("x");
        for (i, n) in names.iter().cycle().take(12).enumerate() {
            let block = format!("{} {n}, ", if i % 2 == 0 { "Giao" } else { "và" });
            text.push_str(&block);
            text.push_str(&" ".repeat(64 - block.len()));
        }
        text.remove(0);
        text.insert(0, ' ');
        let whole = find(&text, 0, text.len());
        assert_eq!(whole.len(), 12, "{whole:?}");
        assert_eq!(find_in_pieces(&text, 0, text.len(), 64), whole);
        assert!(whole.iter().all(|m| names.iter().any(|n| text[m.start..m.end].starts_with(n))), "{whole:?}");
        let from = 64 * 5;
        let tail = find(&text, from, text.len());
        assert_eq!(tail, whole[5..].to_vec());
    }

    /// The plain [`norm`] (trimmed into two new strings) that it must equal.
    fn norm_plain(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            push_norm(&mut out, c);
        }
        let t = out.trim_end().to_string();
        t.trim_start().to_string()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn norm_is_the_plain_norm(parts in proptest::collection::vec(proptest::sample::select(vec![
            " ", "\t", "\n", "-", "–", "—", ",", " ,", ", ", "Bộ", "Y", "tế", "\u{A0}", "\u{3000}", "\u{2028}", "\u{85}", "Ⱥ", "İ", "x",
        ]), 0..20)) {
            let s = parts.concat();
            proptest::prop_assert_eq!(norm(&s), norm_plain(&s), "{:?}", s);
        }
    }

    #[test]
    fn level_word_bodies_take_the_place_after() {
        let reg = &*REGISTRY;
        for (i, e) in reg.entries.iter().enumerate() {
            let want = matches!(e.kind, Kind::Local | Kind::LocalParty) && is_level_word_end(&norm(&e.canonical));
            assert_eq!(reg.takes_place[i], want, "{}", e.canonical);
        }
        assert!(reg.takes_place.iter().any(|&t| t) && reg.takes_place.iter().any(|&t| !t));
    }
}
