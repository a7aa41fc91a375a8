//! Deadlines: `trước ngày 30-3-2025`, `trong tháng 02 năm 2024`, `trong quý
//! III`, `quý I/2025`, `6 tháng đầu năm`, `năm 2025` after a time word,
//! `từ nay đến năm 2025`, `giai đoạn 2023-2030`, `trước 15/10`, month cells
//! (`01/2024`), `thường xuyên`, `hằng năm`, `định kỳ`, `trong 15 ngày kể từ
//! ngày ký`; resolved to the last allowed day against the document's date
//! or year when a part is missing.
//!
//! Must never: read a deadline inside quotation marks (campaign names such
//! as “Xóa nhà tạm ... đến năm 2025”) or from a cited document's date.

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem;
use regex::Regex;

use crate::model::Deadline;

/// Days in month `m` of year `y` (`None` for a month outside 1..=12).
pub fn days_in_month(y: i32, m: u32) -> Option<u32> {
    Some(match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    })
}

fn ymd(y: i32, m: u32, d: u32) -> Option<String> {
    let last = days_in_month(y, m)?;
    (d >= 1 && d <= last && (1900..2200).contains(&y)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn month_end(y: i32, m: u32) -> Option<String> {
    ymd(y, m, days_in_month(y, m)?)
}

/// Adds `days` to an ISO date.
fn add_days(iso: &str, days: i64) -> Option<String> {
    let y: i32 = iso.get(0..4)?.parse().ok()?;
    let m: u32 = iso.get(5..7)?.parse().ok()?;
    let d: u32 = iso.get(8..10)?.parse().ok()?;
    let (mut y, mut m, mut d) = (y, m, d as i64 + days);
    loop {
        let dim = days_in_month(y, m)? as i64;
        if d <= dim {
            break;
        }
        d -= dim;
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    ymd(y, m, d as u32)
}

fn roman_quarter(s: &str) -> Option<u32> {
    Some(match s.to_uppercase().as_str() {
        "I" | "1" => 1,
        "II" | "2" => 2,
        "III" | "3" => 3,
        "IV" | "4" => 4,
        _ => return None,
    })
}

/// Blanks every quoted span (quotes included) keeping byte offsets.
pub fn mask_quotes(s: &str) -> String {
    masked(s).into_owned()
}

/// [`mask_quotes`] without a copy when `s` has no quotation mark: every
/// mark starts with the byte `"`, `'`, C2 (`«`, `»`) or E2 (`“`, `”`), and
/// none of these bytes occurs in Vietnamese letters.
fn masked(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    if memchr::memchr3(b'"', b'\'', 0xE2, b).is_some() || memchr::memchr(0xC2, b).is_some() {
        Cow::Owned(mask_spans(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// The masking of [`mask_quotes`]: quotes and what they hold become spaces.
fn mask_spans(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let is_quote = match c {
            '“' | '”' | '"' | '«' | '»' => true,
            '\'' if chars.peek() == Some(&'\'') => {
                chars.next();
                out.push(' ');
                true
            }
            _ => false,
        };
        if is_quote {
            inside = match c {
                '“' | '«' => true,
                '”' | '»' => false,
                _ => !inside,
            };
            out.push_str(&" ".repeat(c.len_utf8()));
        } else if inside {
            out.push_str(&" ".repeat(c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `c` may be a `\d` of the rules (any decimal digit).
fn digit_like(c: char) -> bool {
    c.is_ascii_digit() || !c.is_ascii() && c.is_numeric()
}

/// Whether `s` holds a digit, `/`, `.` or `-`, and a digit, white space
/// allowed around the mark (`30-3`, `15 / 10`): the shape every day and
/// month of the first rule has.
fn has_day_month(s: &str) -> bool {
    memchr::memchr3_iter(b'/', b'.', b'-', s.as_bytes()).any(|p| {
        let before = s[..p].chars().rev().find(|c| !c.is_whitespace());
        let after = s[p + 1..].chars().find(|c| !c.is_whitespace());
        before.is_some_and(digit_like) && after.is_some_and(digit_like)
    })
}

/// What the deadline is resolved against.
#[derive(Debug, Clone, Default)]
pub struct Anchor {
    /// The document's date (ISO), when known.
    pub date: Option<String>,
    /// The document's year, when known (from its date or its title).
    pub year: Option<i32>,
}

struct Rule {
    /// A literal the text must contain for the rule to be tried (`""`: always).
    need: &'static str,
    /// A cheap test every text the rule matches passes (never stricter
    /// than the regex), to skip the regex on most texts.
    may_match: fn(&str) -> bool,
    re: Regex,
    rank: u8,
    kind: &'static str,
    resolve: fn(&regex::Captures, &Anchor) -> Option<String>,
}

fn num<T: std::str::FromStr>(c: &regex::Captures, name: &str) -> Option<T> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

fn year_or(c: &regex::Captures, a: &Anchor) -> Option<i32> {
    num(c, "y").or(a.year)
}

/// The rules, most specific first; [`find`] relies on their ranks never
/// going down along the list.
static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let r = |p: &str| Regex::new(p).unwrap_or_else(|_| unreachable!());
    vec![
        Rule {
            need: "",
            may_match: has_day_month,
            re: r(r"(?i)(?:trước|chậm nhất(?:\s+là)?(?:\s+vào)?|hạn chót|đến(?:\s+hết)?|hoàn thành(?:\s+trước)?|không quá|xong trước)\s+(?:ngày\s+)?(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?(?-u:\b)"),
            rank: 0,
            kind: "date",
            resolve: |c, a| ymd(year_or(c, a)?, num(c, "m")?, num(c, "d")?),
        },
        Rule {
            need: "tháng",
            may_match: |_| true,
            re: r(r"(?i)(?:trước|chậm nhất(?:\s+là)?(?:\s+vào)?|hạn chót|đến(?:\s+hết)?|hoàn thành(?:\s+trước)?|không quá|xong trước)\s+ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s+năm\s+(?P<y>\d{4}))?"),
            rank: 0,
            kind: "date",
            resolve: |c, a| ymd(year_or(c, a)?, num(c, "m")?, num(c, "d")?),
        },
        Rule {
            need: "ngày",
            may_match: |_| true,
            re: r(r"(?i)trong\s+(?:vòng\s+|thời hạn\s+)?(?P<n>\d{1,3})\s+ngày(?P<w>\s+làm việc)?\s*,?\s*(?:kể\s+)?(?:từ|sau)(?:\s+khi)?\s+(?:ngày\s+)?(?P<what>ký|ban hành|nhận|có hiệu lực)?"),
            rank: 1,
            kind: "relative",
            resolve: |c, a| {
                let n: i64 = num(c, "n")?;
                let n = if c.name("w").is_some() { n * 7 / 5 } else { n };
                match c.name("what").map(|m| m.as_str().to_lowercase()) {
                    Some(w) if w == "ký" || w == "ban hành" => add_days(a.date.as_deref()?, n),
                    _ => None,
                }
            },
        },
        Rule {
            need: "tháng",
            may_match: |_| true,
            re: r(r"(?i)(?P<cue>trong|vào|trước|đến(?:\s+hết)?|hết|cuối|hoàn thành(?:\s+trong)?)\s+tháng\s+(?P<m>\d{1,2})(?:\s*(?:năm\s+|/\s*)(?P<y>\d{4}))?(?-u:\b)"),
            rank: 2,
            kind: "month",
            resolve: |c, a| {
                let y = year_or(c, a)?;
                let m: u32 = num(c, "m")?;
                let before = c.name("cue").is_some_and(|x| x.as_str().eq_ignore_ascii_case("trước"));
                if before {
                    if m == 1 { month_end(y - 1, 12) } else { month_end(y, m - 1) }
                } else {
                    month_end(y, m)
                }
            },
        },
        Rule {
            need: "uý",
            may_match: |_| true,
            re: r(r"(?i)quý\s+(?P<q>IV|III|II|I|[1-4])(?-u:\b)(?:\s*(?:/|năm)\s*(?P<y>\d{4}))?"),
            rank: 3,
            kind: "quarter",
            resolve: |c, a| {
                let q = roman_quarter(c.name("q")?.as_str())?;
                month_end(year_or(c, a)?, q * 3)
            },
        },
        Rule {
            need: "tháng",
            may_match: |_| true,
            re: r(r"(?i)6\s+tháng\s+(?P<h>đầu|cuối)\s+năm(?:\s+(?P<y>\d{4}))?"),
            rank: 4,
            kind: "range",
            resolve: |c, a| {
                let first = c.name("h").is_some_and(|h| h.as_str().to_lowercase() == "đầu");
                month_end(year_or(c, a)?, if first { 6 } else { 12 })
            },
        },
        Rule {
            need: "nay",
            may_match: |_| true,
            re: r(r"(?i)từ nay đến(?:\s+hết)?\s+năm\s+(?P<y>\d{4})"),
            rank: 5,
            kind: "range",
            resolve: |c, _| month_end(num(c, "y")?, 12),
        },
        Rule {
            need: "năm",
            may_match: |_| true,
            re: r(r"(?i)(?:hoàn thành|xong|hoàn tất|kết thúc|trình|ban hành|báo cáo)[^.;]{0,40}?(?:trong|trước|vào)\s+năm\s+(?P<y>\d{4})(?-u:\b)|(?:đến|hết|cuối|trước|ngay trong)\s+năm\s+(?P<y2>\d{4})(?-u:\b)"),
            rank: 5,
            kind: "year",
            resolve: |c, _| {
                let y: i32 = num(c, "y").or_else(|| num(c, "y2"))?;
                let before = c.get(0).is_some_and(|m| m.as_str().to_lowercase().contains("trước năm"));
                if before { month_end(y - 1, 12) } else { month_end(y, 12) }
            },
        },
        Rule {
            need: "đoạn",
            may_match: |_| true,
            re: r(r"(?i)giai đoạn\s+(?:\d{4})\s*[-–]\s*(?P<y2>\d{4})"),
            rank: 6,
            kind: "range",
            resolve: |c, _| month_end(num(c, "y2")?, 12),
        },
        Rule {
            need: "",
            may_match: |_| true,
            re: r(r"(?i)(?:(?:thường xuyên|hằng năm|hàng năm|định kỳ|hằng quý|hàng quý|hằng tháng|hàng tháng|hằng tuần|hàng tuần)\s*(?:[.;,)]|$)|(?:định kỳ|thường xuyên)\s+(?:hoặc|và)\s+(?:định kỳ|thường xuyên|đột xuất))"),
            rank: 7,
            kind: "recurring",
            resolve: |_, _| None,
        },
    ]
});

/// The deadline of a task text: the most specific form found outside
/// quotes (a day beats a month, a month a quarter, then years, ranges and
/// recurring words). Candidates due before the document's date are
/// references to the past and are skipped.
pub fn find(text: &str, anchor: &Anchor) -> Option<Deadline> {
    if !may_hold_deadline(text) {
        return None;
    }
    let masked = masked(text);
    let mut best: Option<(u8, usize, Deadline)> = None;
    for (rule, need) in RULES.iter().zip(NEEDS.iter()) {
        // the rules come by rank: one ranked below the best found cannot win
        if best.as_ref().is_some_and(|(r, _, _)| rule.rank > *r) {
            break;
        }
        if need.as_ref().is_some_and(|f| f.find(masked.as_bytes()).is_none()) || !(rule.may_match)(&masked) {
            continue;
        }
        // the first candidate of a rule is its best: later ones start further on
        if let Some((start, dl)) = rule.re.captures_iter(&masked).find_map(|c| candidate(rule, &c, text, anchor)) {
            if best.as_ref().is_none_or(|(r, s, _)| rule.rank < *r || rule.rank == *r && start < *s) {
                best = Some((rule.rank, start, dl));
            }
        }
    }
    best.map(|(_, _, d)| d)
}

/// Whether `text` has a digit or, without one, a word a deadline can be
/// made of (a quarter or a recurring word).
fn may_hold_deadline(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || NO_DIGIT_HINTS.iter().any(|w| text.contains(w))
}

/// The deadline a match `c` of `rule` reads (with the byte offset it
/// starts at), `None` when it is due before the document's date or, with
/// a known year, cannot be resolved.
fn candidate(rule: &Rule, c: &regex::Captures, text: &str, anchor: &Anchor) -> Option<(usize, Deadline)> {
    let m = c.get(0)?;
    let due = (rule.resolve)(c, anchor);
    if let (Some(d), Some(doc)) = (&due, &anchor.date) {
        if d < doc {
            return None;
        }
    }
    if rule.kind != "recurring" && rule.kind != "relative" && due.is_none() && anchor.year.is_some() {
        return None;
    }
    let raw = text.get(m.start()..m.end()).unwrap_or("");
    let text = crate::segment::squash(raw.trim_end_matches(['.', ';', ',', ')', ' ']));
    Some((m.start(), Deadline { text, kind: rule.kind.to_string(), due }))
}

/// Every form has a digit, a quarter or one of the recurring words: a text
/// without a digit is read only when it holds one of these.
const NO_DIGIT_HINTS: [&str; 10] = ["thường xuyên", "hằng", "hàng", "định kỳ", "Thường xuyên", "Hằng", "Hàng", "Định kỳ", "uý", "UÝ"];

/// The [`Rule::need`] literal of each rule, in the order of [`RULES`], as
/// a prepared searcher (`None`: the rule needs none).
static NEEDS: LazyLock<Vec<Option<memmem::Finder<'static>>>> =
    LazyLock::new(|| RULES.iter().map(|r| (!r.need.is_empty()).then(|| memmem::Finder::new(r.need))).collect());

static CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?P<d>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4})|(?P<m>\d{1,2})/(?P<y>\d{4})|(?:trong\s+|cả\s+)?quý\s+(?:IV|III|II|I|[1-4])(?:\s*/\s*\d{4})?|thường\s+xuyên|hằng\s+năm|hàng\s+năm|định\s+kỳ|(?:trong\s+)?năm\s+\d{4}|tháng\s+\d{1,2}(?:\s*/\s*\d{4})?)\s*$")
        .unwrap_or_else(|_| unreachable!())
});

/// A time cell at the very end of `s` (a table's time column):
/// `01/2024`, `5/2024`, `Trong quý III`, `Thường xuyên` → (start, deadline).
pub fn cell_at_end(s: &str, anchor: &Anchor) -> Option<(usize, Deadline)> {
    let c = CELL.captures(s)?;
    let m = c.get(0)?;
    let raw = m.as_str().trim();
    let dl = if let (Some(mm), Some(yy)) = (num::<u32>(&c, "m"), num::<i32>(&c, "y")) {
        Deadline { text: raw.to_string(), kind: "month".into(), due: month_end(yy, mm) }
    } else if let (Some(dd), Some(mm), Some(yy)) = (num::<u32>(&c, "d"), num::<u32>(&c, "m2"), num::<i32>(&c, "y2")) {
        Deadline { text: raw.to_string(), kind: "date".into(), due: ymd(yy, mm, dd) }
    } else {
        let words = format!("trong {}", crate::segment::squash(raw).to_lowercase());
        let mut d = find(&words, anchor).or_else(|| find(raw, anchor))?;
        d.text = crate::segment::squash(raw);
        d
    };
    Some((m.start(), dl))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(s: &str, y: Option<i32>) -> Option<(String, Option<String>)> {
        find(s, &Anchor { date: None, year: y }).map(|d| (d.kind, d.due))
    }

    /// The plain reading [`find`] must give: every match of every rule
    /// tried, the best kept (lower rank, then earlier start).
    fn find_plain(text: &str, anchor: &Anchor) -> Option<Deadline> {
        if !may_hold_deadline(text) {
            return None;
        }
        let masked = mask_quotes(text);
        let mut best: Option<(u8, usize, Deadline)> = None;
        for rule in RULES.iter().filter(|r| masked.contains(r.need)) {
            for (start, dl) in rule.re.captures_iter(&masked).filter_map(|c| candidate(rule, &c, text, anchor)) {
                if best.as_ref().is_none_or(|(r, s, _)| rule.rank < *r || rule.rank == *r && start < *s) {
                    best = Some((rule.rank, start, dl));
                }
            }
        }
        best.map(|(_, _, d)| d)
    }

    #[test]
    fn ranks_never_go_down() {
        assert!(RULES.windows(2).all(|w| w[0].rank <= w[1].rank));
    }

    #[test]
    fn may_match_never_refuses_a_match() {
        for t in ["trước 15 / 10", "đến ngày 3\u{A0}-\u{A0}4-2025", "trước ngày ٣/٤", "hạn chót 1.2", "đến 30-3 và 5-6"] {
            assert!(RULES.iter().all(|r| !r.re.is_match(t) || (r.may_match)(t)), "{t:?}");
        }
        assert!(!has_day_month("ngày 5 tháng 6. Năm 2025 - tiếp"));
    }

    #[test]
    fn mask_quotes_keeps_offsets() {
        for t in ["a “b” c", "x \"y\" z", "«q» ''r'' s", "it's", "no quotes ở đây"] {
            let m = mask_quotes(t);
            assert_eq!(m.len(), t.len(), "{t:?}");
            assert_eq!(m == t, !t.contains(['“', '"', '«']) && !t.contains("''"), "{t:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// [`find`], with its short cuts, reads what [`find_plain`] reads.
        #[test]
        fn find_is_find_plain(parts in proptest::collection::vec(proptest::sample::select(vec![
            "trước ngày 30-3-2025", "trước ngày 15 tháng 10", "Trong tháng 02 năm 2024", "trong quý III", "quý I/2025",
            "6 tháng đầu năm", "từ nay đến năm 2025", "giai đoạn 2023-2030", "trước 15/10", "thường xuyên.", "định kỳ hoặc đột xuất",
            "trong 15 ngày kể từ ngày ký", "hoàn thành trong năm 2024", "đến hết năm 2023", "TRƯỚC NGÀY 1/2", "chậm nhất là 5.6",
            "trước", "Trước", "TRƯỚC", "ngày", "NGÀY", "tháng", "năm", "quý", "Quý", "II", "IV", "trong", "vòng", "kể từ", "ký",
            "ban hành", "đến", "hết", "hoàn thành", "báo cáo", "từ nay", "giai đoạn", "6", "đầu", "cuối", "thường xuyên",
            "định kỳ", "hằng năm", "30", "3", "15", "10", "2023", "2025", "2030", "1", "/", "-", "–", ".", ";", ",", " ", " ",
            "\u{A0}", "“", "”", "\"", "''", "٣", "làm việc", "hoặc", "đột xuất",
        ]), 0..16), date in proptest::sample::select(vec![None, Some("2024-05-01"), Some("2026-01-01")]),
            year in proptest::sample::select(vec![None, Some(2024)])) {
            let text = parts.concat();
            let anchor = Anchor { date: date.map(String::from), year };
            proptest::prop_assert_eq!(find(&text, &anchor), find_plain(&text, &anchor), "{:?}", text);
        }
    }

    #[test]
    fn forms() {
        assert_eq!(due("hoàn thành trước ngày 30-3-2025.", None), Some(("date".into(), Some("2025-03-30".into()))));
        assert_eq!(due("triển khai trong tháng 02 năm 2024.", None), Some(("month".into(), Some("2024-02-29".into()))));
        assert_eq!(due("thực hiện trong quý III", Some(2024)), Some(("quarter".into(), Some("2024-09-30".into()))));
        assert_eq!(due("báo cáo quý I/2025", None), Some(("quarter".into(), Some("2025-03-31".into()))));
        assert_eq!(due("báo cáo trước 15/10", Some(2024)), Some(("date".into(), Some("2024-10-15".into()))));
        assert_eq!(due("thực hiện thường xuyên.", None), Some(("recurring".into(), None)));
        assert_eq!(due("phát động “Xóa nhà tạm đến năm 2025”", None), None);
        assert_eq!(due("Luật Thi đua, khen thưởng năm 2022 nhằm", Some(2024)), None);
        assert_eq!(due("định kỳ tổng hợp, báo cáo", None), None);
    }
}
