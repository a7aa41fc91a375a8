//! Lists of bodies: `Bộ Lao động - Thương binh và Xã hội, Bộ Nội vụ`,
//! `các Bộ: Công an, Tài chính` (shared head), `Giám đốc Sở Công Thương`
//! (title holder), and generic groups (`các bộ, ngành, địa phương`) kept as
//! written.
//!
//! Must never: read past the verb that ends the subject.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::agencies::{self, Kind, Mention};

/// One item of a list: a canonical body name or a generic group as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub name: String,
    pub generic: bool,
}

/// Verbs and time words that end a subject (lower case, NFC).
pub static STOP: LazyLock<PhraseList> = LazyLock::new(|| PhraseList::new(STOP_WORDS));
const STOP_WORDS: &[&str] = &[
    "chủ trì", "phối hợp", "có trách nhiệm", "chịu trách nhiệm", "khẩn trương", "chủ động", "tiếp tục", "tổ chức", "triển khai",
    "thực hiện", "hướng dẫn", "lãnh đạo", "chỉ đạo", "theo dõi", "đôn đốc", "kiểm tra", "xây dựng", "nghiên cứu",
    "rà soát", "báo cáo", "tổng hợp", "cần", "phải", "căn cứ", "đẩy mạnh", "tăng cường", "quán triệt", "tuyên truyền", "bố trí",
    "cân đối", "hoàn thành", "hoàn thiện", "trình", "tích cực", "nghiêm túc", "kịp thời", "sớm", "tập trung", "quan tâm",
    "giám sát", "đề xuất", "phát huy", "bảo đảm", "đảm bảo", "cung cấp", "gửi", "thẩm định", "nâng cao", "tổng kết", "sơ kết",
    "phổ biến", "vận động", "chuẩn bị", "ưu tiên", "xem xét", "làm tốt", "đã", "được", "đang", "sẽ", "xin", "thông báo",
    "yêu cầu", "đề nghị", "giao", "ban hành", "thường xuyên", "trong", "theo", "để", "nhằm", "về", "là", "với", "tiến hành",
    "chấp hành", "thi hành", "nắm", "phát động", "hưởng ứng", "tham gia thực hiện", "kiện toàn", "rà", "định kỳ", "hằng năm",
];

/// Nouns that head a generic group of bodies (`các bộ`, `các cơ quan` ...), lower case.
const GROUP_HEADS: &[&str] = &[
    "bộ", "ban", "ngành", "sở", "cơ quan", "đơn vị", "địa phương", "tỉnh", "thành phố", "huyện", "quận", "xã", "phường",
    "thị xã", "tổ chức", "đoàn thể", "hội", "cấp ủy", "cấp uỷ", "đảng ủy", "đảng uỷ", "huyện ủy", "huyện uỷ", "thành ủy",
    "thành uỷ", "tỉnh ủy", "tỉnh uỷ", "quận ủy", "thị ủy", "ủy ban", "uỷ ban", "hội đồng", "doanh nghiệp", "trường", "viện",
    "cục", "vụ", "chi cục", "phòng", "trung tâm", "thành viên", "thủ trưởng", "cấp", "chi bộ", "đảng bộ", "tập đoàn",
    "tổng công ty", "văn phòng", "lực lượng", "cơ sở", "bệnh viện", "đài", "báo", "ngân hàng", "khối", "cụm", "chủ tịch",
    "giám đốc", "lãnh đạo", "người đứng đầu", "ban chỉ đạo", "thanh tra", "công an", "chính quyền", "đảng đoàn",
    "ban cán sự", "trưởng",
];

/// Verbs that make a leading list the subject of an instruction.
pub static ACTION: LazyLock<PhraseList> = LazyLock::new(|| PhraseList::new(ACTION_WORDS));
const ACTION_WORDS: &[&str] = &[
    "chủ trì", "phối hợp", "có trách nhiệm", "chịu trách nhiệm", "khẩn trương", "chủ động", "tiếp tục", "tổ chức", "triển khai",
    "thực hiện", "hướng dẫn", "lãnh đạo", "chỉ đạo", "tham mưu", "theo dõi", "đôn đốc", "kiểm tra", "xây dựng", "nghiên cứu",
    "rà soát", "báo cáo", "tổng hợp", "cần", "phải", "căn cứ", "đẩy mạnh", "tăng cường", "quán triệt", "tuyên truyền", "bố trí",
    "cân đối", "hoàn thành", "hoàn thiện", "trình", "tích cực", "nghiêm túc", "kịp thời", "sớm", "tập trung", "quan tâm",
    "giám sát", "đề xuất", "phát huy", "bảo đảm", "đảm bảo", "cung cấp", "gửi", "thẩm định", "nâng cao", "tổng kết", "sơ kết",
    "phổ biến", "vận động", "chuẩn bị", "ưu tiên", "xem xét", "giúp", "làm tốt", "tiến hành", "chấp hành", "thi hành", "kiện toàn",
];

/// Byte length of `phrase` matched at `text[pos..]`: case-insensitive, a
/// space in `phrase` matches any run of whitespace (no-break spaces too),
/// and the match must end at a word boundary.
pub fn phrase_at(text: &str, pos: usize, phrase: &str) -> Option<usize> {
    let rest = text.get(pos..)?;
    let mut t = rest.char_indices().peekable();
    for pc in phrase.chars() {
        if pc == ' ' {
            let mut any = false;
            while let Some(&(_, c)) = t.peek() {
                if c.is_whitespace() {
                    any = true;
                    t.next();
                } else {
                    break;
                }
            }
            if !any {
                return None;
            }
            continue;
        }
        let (_, c) = t.next()?;
        if !same_letter(c, pc) {
            return None;
        }
    }
    let end = t.peek().map_or(rest.len(), |&(i, _)| i);
    let last_alnum = phrase.chars().last().is_some_and(crate::text::is_alnum);
    if last_alnum && rest[end..].chars().next().is_some_and(crate::text::is_alnum) {
        return None;
    }
    Some(end)
}

/// True when `text[pos..]` starts with one of `words` (see [`phrase_at`]);
/// long fixed lists are a [`PhraseList`].
pub fn starts_with_any(text: &str, pos: usize, words: &[&str]) -> bool {
    words.iter().any(|w| phrase_at(text, pos, w).is_some())
}

/// Whether the text's `c` matches the phrase's `pc`: the same, or `c` an
/// upper-case letter whose lower case is `pc`'s.
fn same_letter(c: char, pc: char) -> bool {
    c == pc || (c.is_uppercase() && c.to_lowercase().eq(pc.to_lowercase()))
}

/// First position in `text[from..to]` where `phrase` starts on a word boundary.
pub fn find_phrase(text: &str, from: usize, to: usize, phrase: &str) -> Option<(usize, usize)> {
    let slice = text.get(from..to)?;
    let first = phrase.chars().next()?;
    let upper = first.to_uppercase().next().unwrap_or(first);
    for (i, c) in slice.char_indices() {
        if c != first && c != upper {
            continue;
        }
        let at = from + i;
        if text[..at].chars().next_back().is_some_and(crate::text::is_alnum) {
            continue;
        }
        if let Some(len) = phrase_at(text, at, phrase) {
            if at + len <= to {
                return Some((at, at + len));
            }
        }
    }
    None
}

/// A fixed list of lower-case phrases, indexed by their first letter: asking
/// whether a text starts with one of them (once per word of a subject) tries
/// only the few that begin with the text's letter.
pub struct PhraseList {
    by_first: HashMap<char, Vec<&'static str>>,
}

impl PhraseList {
    /// `phrases` must be lower case (a unit test checks the lists).
    fn new(phrases: &[&'static str]) -> Self {
        let mut by_first: HashMap<char, Vec<&'static str>> = HashMap::new();
        for p in phrases {
            if let Some(c) = p.chars().next() {
                by_first.entry(c).or_default().push(p);
            }
        }
        PhraseList { by_first }
    }

    /// [`starts_with_any`] over the list.
    pub fn starts(&self, text: &str, pos: usize) -> bool {
        let Some(c) = text.get(pos..).and_then(|r| r.chars().next()) else {
            return false;
        };
        // A text letter matches a lower-case phrase letter when it is that
        // letter or its upper case (see [`phrase_at`]).
        let lower = crate::text::lower_fast(c).filter(|&l| l != c && c.is_uppercase());
        [Some(c), lower]
            .into_iter()
            .flatten()
            .filter_map(|k| self.by_first.get(&k))
            .flatten()
            .any(|p| phrase_at(text, pos, p).is_some())
    }

    /// Every phrase, in no particular order.
    pub fn phrases(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.by_first.values().flatten().copied()
    }
}

/// `w.to_lowercase() == t` without the allocation (`t` lowercase, no `σ`:
/// the final-sigma rule of `str::to_lowercase` is the one difference).
///
/// Each char is lower-cased through [`crate::text::lower_fast`] (a table
/// for every Vietnamese letter; this runs on most words of every task
/// text); one whose lower case is several chars (`İ` → `i̇`) through std.
fn lower_is(w: &str, t: &str) -> bool {
    let mut tc = t.chars();
    for c in w.chars() {
        match crate::text::lower_fast(c) {
            Some(l) => {
                if tc.next() != Some(l) {
                    return false;
                }
            }
            None => {
                if !c.to_lowercase().all(|l| tc.next() == Some(l)) {
                    return false;
                }
            }
        }
    }
    tc.next().is_none()
}

/// Skips spaces and line breaks.
pub fn skip_ws(text: &str, pos: usize) -> usize {
    let rest = &text[pos.min(text.len())..];
    pos + (rest.len() - rest.trim_start().len())
}

/// The word at `pos` (letters only) and its end.
///
/// ASCII is tested a byte at a time, other chars decoded one by one (this
/// reads most words of every task text).
fn word_at(text: &str, pos: usize) -> (&str, usize) {
    let rest = &text[pos..];
    let b = rest.as_bytes();
    let mut len = 0;
    while let Some(&x) = b.get(len) {
        if x.is_ascii() {
            if !x.is_ascii_alphanumeric() {
                break;
            }
            len += 1;
        } else {
            let (c, n) = crate::text::char_at(b, len);
            if !crate::text::is_alnum(c) {
                break;
            }
            len += n;
        }
    }
    (&rest[..len], pos + len)
}

/// Parses lists of bodies in one text with its registry mentions.
pub struct Lister<'a> {
    pub text: &'a str,
    pub mentions: &'a [Mention],
    /// Items may follow each other with whitespace only (table cells).
    pub table: bool,
    /// The issuing body: `Chánh Văn phòng` with no body after it heads its office.
    pub owner: Option<String>,
}

impl<'a> Lister<'a> {
    pub fn new(text: &'a str, mentions: &'a [Mention]) -> Self {
        Lister { text, mentions, table: false, owner: None }
    }

    fn mention_at(&self, pos: usize) -> Option<&'a Mention> {
        let i = self.mentions.partition_point(|m| m.start < pos);
        self.mentions.get(i).filter(|m| m.start == pos)
    }

    /// A generic group starting with `các` at `pos`, kept as written.
    fn generic_at(&self, pos: usize, limit: usize) -> Option<(String, usize)> {
        let (w, we) = word_at(self.text, pos);
        if !lower_is(w, "các") {
            return None;
        }
        let head_at = skip_ws(self.text, we);
        let (h1, h1e) = word_at(self.text, head_at);
        let (h2, _) = word_at(self.text, skip_ws(self.text, h1e));
        let one = h1.to_lowercase();
        let two = format!("{one} {}", h2.to_lowercase());
        if !GROUP_HEADS.contains(&one.as_str()) && !GROUP_HEADS.contains(&two.as_str()) {
            return None;
        }
        let mut p = pos;
        let mut end = pos;
        let mut words = 0;
        while p < limit && words < 30 {
            p = skip_ws(self.text, p);
            if p >= limit {
                break;
            }
            if words > 0 && STOP.starts(self.text, p) {
                break;
            }
            if words > 0 && self.text[..p].trim_end().ends_with(',') {
                if let Some(m) = self.mention_at(p) {
                    if self.text[p..].starts_with(char::is_uppercase) && m.start == p {
                        break;
                    }
                }
            }
            let (w, we) = word_at(self.text, p);
            if w.is_empty() {
                break;
            }
            words += 1;
            end = we.min(limit);
            p = we;
            let next = self.text[p..limit].chars().next();
            match next {
                Some(',') => p += 1,
                Some(' ') | Some('\n') | Some('\r') | Some('\t') => {}
                Some('-') | Some('&') => p += 1,
                _ => break,
            }
        }
        let raw = crate::segment::squash(&self.text[pos..end]);
        let raw = raw.trim_end_matches([',', ' ']).to_string();
        let raw = raw.strip_suffix(" và").unwrap_or(&raw).to_string();
        (!raw.is_empty()).then_some((raw, end))
    }

    /// `các Bộ: Công an, Tài chính, Xây dựng` → each ministry.
    fn shared_head_at(&self, pos: usize, limit: usize) -> Option<(Vec<Item>, usize)> {
        let mut p = pos;
        let (w, we) = word_at(self.text, p);
        if lower_is(w, "các") {
            p = skip_ws(self.text, we);
        }
        let (head, he) = word_at(self.text, p);
        if !["bộ", "sở", "ban"].iter().any(|t| lower_is(head, t)) || !head.starts_with(char::is_uppercase) {
            return None;
        }
        let mut q = skip_ws(self.text, he);
        // `các Sở, ngành:` / `các Bộ, cơ quan:`
        let mut r = q;
        while self.text[r..].starts_with(',') {
            let s2 = skip_ws(self.text, r + 1);
            let (w2, e2) = word_at(self.text, s2);
            if !["ban", "ngành", "cơ"].iter().any(|t| lower_is(w2, t)) {
                break;
            }
            let mut e = e2;
            if lower_is(w2, "cơ") {
                e = word_at(self.text, skip_ws(self.text, e2)).1;
            }
            r = skip_ws(self.text, e);
        }
        if r != q && self.text[r..].starts_with(':') {
            q = r;
        }
        let colon = self.text[q..].starts_with(':');
        if colon {
            q += 1;
        }
        let mut items = Vec::new();
        let mut end = pos;
        loop {
            q = skip_ws(self.text, q);
            // the longest run of words that names a body with this head
            let mut words_end = Vec::new();
            let mut r = q;
            for _ in 0..8 {
                let (w, e) = word_at(self.text, r);
                if w.is_empty() {
                    break;
                }
                words_end.push(e);
                // words may run over a line break or a comma (`Văn hóa, Thể thao và Du lịch`)
                let nxt = self.text[e..].chars().next();
                match nxt {
                    Some(c) if c.is_whitespace() => r = skip_ws(self.text, e),
                    Some(',') => r = skip_ws(self.text, e + 1),
                    _ => break,
                }
            }
            // Names grow a word at a time while the registry holds a name
            // they may grow into (`Bộ Công an chủ trì` stops at `chủ`).
            let mut names: Vec<(String, usize)> = Vec::new();
            for &e in words_end.iter().take_while(|&&e| e <= limit) {
                let folded = agencies::norm(&format!("{} {}", head, crate::segment::squash(&self.text[q..e])));
                if !agencies::may_extend(&folded) {
                    break;
                }
                names.push((folded, e));
            }
            let head_folded = agencies::norm(head);
            let mut found = names.into_iter().rev().find_map(|(folded, e)| {
                let c = agencies::lookup_folded(&folded)?;
                agencies::norm(&c).starts_with(&head_folded).then_some((c, e))
            });
            // an item named in full (`Ban Quản lý Khu kinh tế`, `Công an tỉnh`)
            if found.is_none() && colon {
                // `Trưởng Thuế tỉnh`: the title is skipped
                let mut b = q;
                while let Some(t) = self.mention_at(b).filter(|m| m.kind == Kind::Title) {
                    b = skip_ws(self.text, t.end);
                }
                if let Some(m) = self.mention_at(b).filter(|m| m.kind != Kind::Title && m.end <= limit) {
                    found = Some((m.name.clone(), m.end));
                } else if self.text[q..].starts_with(char::is_uppercase) {
                    let stop = self.text[q..limit].find([',', ';', '.', ':']).map_or(limit, |i| q + i);
                    if crate::segment::at_most_words(&self.text[q..stop], 8) {
                        found = Some((crate::segment::squash(&self.text[q..stop]), stop));
                    }
                }
            }
            let Some((name, e)) = found else { break };
            items.push(Item { name, generic: false });
            end = e;
            let s = skip_ws(self.text, e);
            if self.text[s..].starts_with(',') {
                q = s + 1;
            } else if starts_with_any(self.text, s, &["và"]) {
                q = s + "và".len();
            } else {
                break;
            }
        }
        (items.len() >= 2 || (colon && !items.is_empty())).then_some((items, end))
    }

    /// `Chánh Văn phòng`, `Chánh Thanh tra` heading nothing named: the
    /// office or inspectorate of the issuing body (in a ministry's circular,
    /// `Văn phòng Bộ ...`). Any other title that heads nothing named is no body.
    fn own_office(&self, q: usize, limit: usize) -> Option<(Vec<Item>, usize)> {
        let owner = self.owner.as_ref()?;
        for head in ["Văn phòng", "Thanh tra"] {
            if let Some(n) = phrase_at(self.text, q, head).filter(|&n| q + n <= limit) {
                let after = skip_ws(self.text, q + n);
                if self.mention_at(after).is_some() || lower_is(word_at(self.text, after).0, "các") {
                    return None;
                }
                return Some((vec![Item { name: format!("{head} {owner}"), generic: false }], q + n));
            }
        }
        None
    }

    /// One item at `pos`: titles skipped, then a body, a shared-head list
    /// or a generic group.
    fn item_at(&self, pos: usize, limit: usize) -> Option<(Vec<Item>, usize)> {
        let mut p = skip_ws(self.text, pos);
        while let Some(m) = self.mention_at(p).filter(|m| m.kind == Kind::Title) {
            let q = skip_ws(self.text, m.end);
            if q >= limit || (self.mention_at(q).is_none() && !lower_is(word_at(self.text, q).0, "các")) {
                return self.own_office(q, limit);
            }
            p = q;
        }
        if p >= limit {
            return None;
        }
        if let Some(r) = self.shared_head_at(p, limit) {
            return Some(r);
        }
        if let Some(m) = self.mention_at(p).filter(|m| m.end <= limit) {
            let after = skip_ws(self.text, m.end);
            let bare = matches!(m.name.as_str(), "Ủy ban nhân dân" | "Hội đồng nhân dân");
            if bare {
                if let Some((g, ge)) = self.generic_at(after, limit) {
                    return Some((vec![Item { name: format!("{} {}", m.name, g), generic: false }], ge));
                }
            }
            return Some((vec![Item { name: m.name.clone(), generic: false }], m.end));
        }
        self.generic_at(p, limit).map(|(g, e)| (vec![Item { name: g, generic: true }], e))
    }

    /// A list of items starting at `pos`, separated by `,`, `;`, `và`
    /// (or only whitespace in a table). Returns the items and where the list ends.
    pub fn list_at(&self, pos: usize, limit: usize) -> (Vec<Item>, usize) {
        let mut items = Vec::new();
        let mut end = pos;
        let mut p = pos;
        loop {
            let Some((mut got, e)) = self.item_at(p, limit) else { break };
            items.append(&mut got);
            end = e;
            let s = skip_ws(self.text, e);
            if s >= limit {
                break;
            }
            if self.text[s..].starts_with([',', ';']) {
                p = s + 1;
            } else if starts_with_any(self.text, s, &["và", "cùng"]) {
                p = word_at(self.text, s).1;
            } else if self.table {
                p = s;
            } else if let Some((_, ge)) = self.generic_at(s, limit) {
                // `Sở Y tế các tỉnh, thành phố trực thuộc Trung ương`: the
                // jurisdiction of the body before it, not a body of its own
                end = ge;
                let s2 = skip_ws(self.text, ge);
                if s2 < limit && self.text[s2..].starts_with([',', ';']) {
                    p = s2 + 1;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        (items, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_lists_are_lower_case() {
        for p in STOP_WORDS.iter().chain(ACTION_WORDS) {
            assert_eq!(*p, p.to_lowercase(), "{p:?} must be lower case for PhraseList");
        }
    }

    #[test]
    fn phrase_list_answers_as_the_plain_scan() {
        let text = "Bộ Công an CHỦ TRÌ, phối hợp với Sở Y tế; Đề nghị các Sở, ngành Tổ chức thực hiện \
                    và Báo cáo; ủy ban KHẨN TRƯƠNG triển khai\u{a0}thực hiện, đã được giao. Thực hiệnx";
        let mut hits = 0;
        for (pos, _) in text.char_indices() {
            for (list, words) in [(&*STOP, STOP_WORDS), (&*ACTION, ACTION_WORDS)] {
                let plain = starts_with_any(text, pos, words);
                assert_eq!(list.starts(text, pos), plain, "at {pos}: {:?}", &text[pos..]);
                hits += usize::from(plain);
            }
        }
        assert!(hits >= 10, "the sample must exercise matches, got {hits}");
        assert_eq!(STOP.phrases().count(), STOP_WORDS.len());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// [`lower_is`] answers as comparing the std lower case, with chars
        /// that lower-case to two (`İ`), to another length (Kelvin `K`) and
        /// Vietnamese capitals.
        #[test]
        fn lower_is_is_the_std_lower_case(w in "[aAbBcCđĐƯưỦủỆệİiK\u{307}kÀà ]{0,6}", t in "[abcđưủệik\u{307}à ]{0,6}") {
            let plain = w.chars().flat_map(char::to_lowercase).eq(t.chars());
            proptest::prop_assert_eq!(lower_is(&w, &t), plain, "{:?} {:?}", w, t);
            let lower: String = w.chars().flat_map(char::to_lowercase).collect();
            proptest::prop_assert!(lower_is(&w, &lower), "{:?}", w);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// [`word_at`] ends where the plain search for a char that is not
        /// alphanumeric ends it.
        #[test]
        fn word_at_is_the_plain_search(s in "[aZ09đƯủệ ,.\u{A0}\u{301}٣Ⅻ😀-]{0,12}", k in 0usize..12) {
            let pos = s.char_indices().map(|(i, _)| i).chain([s.len()]).nth(k).unwrap_or(s.len());
            let rest = &s[pos..];
            let len = rest.find(|c: char| !crate::text::is_alnum(c)).unwrap_or(rest.len());
            proptest::prop_assert_eq!(word_at(&s, pos), (&rest[..len], pos + len), "{:?} at {}", s, pos);
        }
    }
}
