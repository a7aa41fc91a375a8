//! Text flow rules shared by the PDF, DOCX and HTML readers: which lines
//! start a numbered item (`1.`, `a)`, `- `, `Điều 5.`: they must stay at a
//! line start), which lines are running headers, footers or page numbers,
//! and when a line break cuts a document number in two (`4647/QĐ-` +
//! `UBND`, "number/type-issuer") so the halves are joined.
//!
//! Must never: join lines when unsure; plain-text input does not use these
//! rules at all.

use std::sync::LazyLock;

use regex::Regex;

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[-–—+*•·▪➢✓]\s|[-–+*•]\S|\(?\d{1,3}(?:\.\d{1,3})*[.)](?:\s|$)|\(?\d{1,3}\)|\(?[a-zđ][.)](?:\s|$)|[IVXLC]{1,6}[.)](?:\s|$)|(?:Điều|Chương|Mục|Phần|Khoản|Phụ lục|PHẦN|CHƯƠNG|MỤC)\s+[0-9IVXLC]+|Nơi nhận|Kính gửi|Căn cứ|QUYẾT ĐỊNH|QUYẾT ĐỊNH:|TM\.|KT\.|TL\.|TUQ\.)",
    )
    .expect("static regex")
});

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:trang\s*)?[-–]?\s*\d{1,4}\s*(?:[-–]|/\s*\d{1,4})?$").expect("static regex")
});

/// The tail of a line that ends inside a document number: `4647/QĐ-`,
/// `23/2024/TT-`, `số 12/`.
static NUMBER_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)\d{1,6}(?:/\d{2,4})?/(?:[\p{Lu}Đ0-9&]+[-–])*(?:[\p{Lu}Đ0-9&]+[-–]|)$").expect("static regex")
});

/// The head of the next line that continues it: `UBND`, `BCT`, `VPCP-CN`.
static NUMBER_TAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\p{Lu}Đ][\p{Lu}Đ0-9&]*(?:[-–][\p{Lu}Đ0-9&]+)*(?:[\s,;.):]|$)").expect("static regex"));

/// True when the line opens a numbered or bulleted item or a block that
/// must start on its own line.
pub fn starts_item(line: &str) -> bool {
    LABEL.is_match(line.trim_start())
}

/// True when the whole line is a page number (`2`, `- 2 -`, `Trang 2`, `2/5`).
pub fn is_page_number(line: &str) -> bool {
    PAGE_NUMBER.is_match(line.trim())
}

/// True when `prev` ends inside a document number that `next` completes.
pub fn splits_number(prev: &str, next: &str) -> bool {
    let prev = prev.trim_end();
    (prev.ends_with('-') || prev.ends_with('–') || prev.ends_with('/')) && NUMBER_HEAD.is_match(prev) && NUMBER_TAIL.is_match(next.trim_start())
}

/// Joins lines where a break cuts a document number (`4647/QĐ-` + `UBND`).
pub fn join_split_numbers(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len());
    for (i, l) in lines.iter().enumerate() {
        out.push_str(l);
        if let Some(next) = lines.get(i + 1) {
            if !splits_number(l, next) {
                out.push('\n');
            }
        }
    }
    out
}

/// A line's shape for repeated header/footer detection: digits folded.
fn shape(line: &str) -> String {
    line.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).filter(|c| !c.is_whitespace()).collect()
}

/// Indices `(page, line)` of running headers, footers and page numbers:
/// the first and last lines of a page when they are page numbers, or when
/// the same line (digits aside) opens or closes at least three pages.
pub fn running_lines(pages: &[Vec<&str>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut count = std::collections::HashMap::new();
    for lines in pages {
        let mut ends = vec![];
        if let Some(f) = lines.first() {
            ends.push(("h", shape(f)));
        }
        if lines.len() > 1 {
            if let Some(l) = lines.last() {
                ends.push(("f", shape(l)));
            }
        }
        for e in ends {
            *count.entry(e).or_insert(0usize) += 1;
        }
    }
    for (p, lines) in pages.iter().enumerate() {
        let n = lines.len();
        for (i, kind) in [(0usize, "h"), (n.wrapping_sub(1), "f")] {
            if n == 0 || (kind == "f" && n < 2) {
                continue;
            }
            let l = lines[i];
            // Repetition alone never takes a line off the first page, nor an
            // all-capitals line (an issuer or the national motto opening each
            // letter of a bundle).
            let capitals = l.chars().any(crate::text::is_alpha) && !l.chars().any(char::is_lowercase);
            let repeated = p > 0
                && !capitals
                && pages.len() >= 3
                && count.get(&(kind, shape(l))).is_some_and(|&c| c >= 3)
                && l.chars().count() < 120;
            if is_page_number(l) || repeated {
                out.push((p, i));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        for l in ["1. Về Giấy đề nghị", "a) Chỉnh sửa", "- Như trên;", "IV. TỔ CHỨC", "Điều 5. Hiệu lực", "2.3. Sở Tài chính", "(1) Rà soát"] {
            assert!(starts_item(l), "{l}");
        }
        for l in ["nghiệp (VLNCN) để phục vụ", "23/2024/TT-BCT ngày", "2026, Sở Công Thương"] {
            assert!(!starts_item(l), "{l}");
        }
    }

    #[test]
    fn number_breaks() {
        assert!(splits_number("Số: 4647/QĐ-", "UBND"));
        assert!(splits_number("Thông tư số 23/2024/TT-", "BCT ngày 07/11/2024"));
        assert!(!splits_number("kinh tế -", "KỸ THUẬT"));
        assert!(!splits_number("Số: 4647/QĐ-", "các đơn vị"));
    }

    #[test]
    fn page_numbers_and_running_lines() {
        assert!(is_page_number("2") && is_page_number("- 3 -") && is_page_number("Trang 4"));
        assert!(!is_page_number("2026, Sở"));
        let pages = vec![
            vec!["UBND TỈNH", "body", "Công ty ABC - tài liệu 1"],
            vec!["2", "body", "Công ty ABC - tài liệu 2"],
            vec!["UBND TỈNH", "3", "body", "Công ty ABC - tài liệu 3"],
            vec!["UBND TỈNH", "body", "Công ty ABC - tài liệu 4"],
        ];
        let r = running_lines(&pages);
        assert_eq!(r, vec![(1, 0), (1, 2), (2, 3), (3, 2)]);
    }
}
