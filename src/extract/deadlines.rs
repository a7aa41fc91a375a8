//! Deadlines: `trước ngày 30-3-2025`, `trong tháng 02 năm 2024`, `trong quý
//! III`, `quý I/2025`, `6 tháng đầu năm`, `năm 2025` after a time word,
//! `từ nay đến năm 2025`, `giai đoạn 2023-2030`, `trước 15/10`, month cells
//! (`01/2024`), `thường xuyên`, `hằng năm`, `định kỳ`, `trong 15 ngày kể từ
//! ngày ký`; resolved to the last allowed day against the document's date
//! or year when a part is missing.
//!
//! Must never: read a deadline inside quotation marks (campaign names such
//! as “Xóa nhà tạm ... đến năm 2025”) or from a cited document's date.

use std::sync::LazyLock;

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

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let r = |p: &str| Regex::new(p).unwrap_or_else(|_| unreachable!());
    vec![
        Rule {
            need: "",
            re: r(r"(?i)(?:trước|chậm nhất(?:\s+là)?(?:\s+vào)?|hạn chót|đến(?:\s+hết)?|hoàn thành(?:\s+trước)?|không quá|xong trước)\s+(?:ngày\s+)?(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?(?-u:\b)"),
            rank: 0,
            kind: "date",
            resolve: |c, a| ymd(year_or(c, a)?, num(c, "m")?, num(c, "d")?),
        },
        Rule {
            need: "tháng",
            re: r(r"(?i)(?:trước|chậm nhất(?:\s+là)?(?:\s+vào)?|hạn chót|đến(?:\s+hết)?|hoàn thành(?:\s+trước)?|không quá|xong trước)\s+ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s+năm\s+(?P<y>\d{4}))?"),
            rank: 0,
            kind: "date",
            resolve: |c, a| ymd(year_or(c, a)?, num(c, "m")?, num(c, "d")?),
        },
        Rule {
            need: "ngày",
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
            re: r(r"(?i)từ nay đến(?:\s+hết)?\s+năm\s+(?P<y>\d{4})"),
            rank: 5,
            kind: "range",
            resolve: |c, _| month_end(num(c, "y")?, 12),
        },
        Rule {
            need: "năm",
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
            re: r(r"(?i)giai đoạn\s+(?:\d{4})\s*[-–]\s*(?P<y2>\d{4})"),
            rank: 6,
            kind: "range",
            resolve: |c, _| month_end(num(c, "y2")?, 12),
        },
        Rule {
            need: "",
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
    // every form has a digit, a quarter or one of the recurring words
    let lower_hint = ["thường xuyên", "hằng", "hàng", "định kỳ", "Thường xuyên", "Hằng", "Hàng", "Định kỳ", "uý", "UÝ"];
    if !text.bytes().any(|b| b.is_ascii_digit()) && !lower_hint.iter().any(|w| text.contains(w)) {
        return None;
    }
    let masked = mask_quotes(text);
    let mut best: Option<(u8, usize, Deadline)> = None;
    // One pass over the text tells which rules match at all; only those
    // are run for their captures (most clauses have no deadline).
    let matching = RULE_SET.matches(&masked);
    for (i, rule) in RULES.iter().enumerate() {
        if !matching.matched(i) || (!rule.need.is_empty() && !masked.contains(rule.need)) {
            continue;
        }
        for c in rule.re.captures_iter(&masked) {
            let Some(m) = c.get(0) else { continue };
            let due = (rule.resolve)(&c, anchor);
            if let (Some(d), Some(doc)) = (&due, &anchor.date) {
                if d < doc {
                    continue;
                }
            }
            if rule.kind != "recurring" && rule.kind != "relative" && due.is_none() && anchor.year.is_some() {
                continue;
            }
            let raw = text.get(m.start()..m.end()).unwrap_or("");
            let dl = Deadline {
                text: crate::segment::squash(raw.trim_end_matches(['.', ';', ',', ')', ' '])),
                kind: rule.kind.to_string(),
                due,
            };
            let better = match &best {
                None => true,
                Some((r, s, _)) => rule.rank < *r || (rule.rank == *r && m.start() < *s),
            };
            if better {
                best = Some((rule.rank, m.start(), dl));
            }
        }
    }
    best.map(|(_, _, d)| d)
}

/// Every rule's pattern, in the order of [`RULES`], as one set.
static RULE_SET: LazyLock<regex::RegexSet> =
    LazyLock::new(|| regex::RegexSet::new(RULES.iter().map(|r| r.re.as_str())).unwrap_or_else(|_| unreachable!()));

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
