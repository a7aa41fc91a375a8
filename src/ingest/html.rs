//! HTML: the main content of portal and news pages. Navigation, ribbons
//! ("Skip Ribbon Commands"), menus, headers, footers, scripts and forms are
//! dropped; the block with the most paragraph text (or `<main>`/`<article>`)
//! is kept, with its headings, paragraphs, list items and table rows each on
//! their own line.
//!
//! Must never: run scripts or fetch anything, or drop the body text of a
//! page that has no recognisable layout (the whole body is then used).

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node};

/// Elements whose content is never text of the page.
const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select", "option",
    "head", "title", "meta", "link", "object", "embed", "canvas", "map", "menu", "dialog",
];

/// Words in id/class/role that mark navigation and page chrome.
const CHROME: &[&str] = &[
    "nav", "menu", "breadcrumb", "footer", "header", "sidebar", "ribbon", "skip", "share", "social", "comment", "banner", "advert",
    "toolbar", "cookie", "search", "login", "pager", "pagination", "related", "tags", "quicklaunch", "suitebar", "s4-title", "ms-skip",
];

fn is_chrome(el: &ElementRef) -> bool {
    let v = el.value();
    if DROP_TAGS.contains(&v.name()) {
        return true;
    }
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(v.attr("role"), Some("navigation" | "banner" | "contentinfo" | "search" | "menu" | "menubar" | "complementary")) {
        return true;
    }
    if v.attr("style").is_some_and(|s| s.replace(' ', "").to_ascii_lowercase().contains("display:none")) {
        return true;
    }
    let marks = format!("{} {}", v.attr("id").unwrap_or(""), v.attr("class").unwrap_or("")).to_ascii_lowercase();
    if marks.trim().is_empty() {
        return false;
    }
    // Match whole tokens or token parts split on - and _ ("top-menu", "ms-skip").
    marks
        .split(|c: char| c.is_whitespace())
        .any(|tok| CHROME.iter().any(|w| tok == *w || tok.split(['-', '_']).any(|p| p == *w) || (w.contains('-') && tok.contains(w))))
}

/// A link that only jumps within the page ("Skip to main content").
fn is_skip_link(el: &ElementRef) -> bool {
    el.value().name() == "a" && el.value().attr("href").is_some_and(|h| h.starts_with('#') || h.starts_with("javascript:"))
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div" | "section" | "article" | "main" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "ul" | "ol" | "table" | "tr"
            | "tbody" | "thead" | "blockquote" | "pre" | "dl" | "dt" | "dd" | "figure" | "figcaption" | "center" | "address" | "hr"
    )
}

/// Length of the visible text under `el`, skipping chrome.
fn text_len(el: ElementRef, links: &mut usize, inside_link: bool) -> usize {
    let mut n = 0;
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                let l = t.trim().chars().count();
                n += l;
                if inside_link {
                    *links += l;
                }
            }
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    if !is_chrome(&c) {
                        n += text_len(c, links, inside_link || c.value().name() == "a");
                    }
                }
            }
            _ => {}
        }
    }
    n
}

/// The element holding the main content.
fn main_content(doc: &Html) -> Option<ElementRef<'_>> {
    let root = doc.root_element();
    // Explicit markup first.
    let mut best: Option<(usize, ElementRef)> = None;
    for el in root.descendants().filter_map(ElementRef::wrap) {
        let v = el.value();
        if v.name() == "main" || v.name() == "article" || v.attr("role") == Some("main") || v.attr("itemprop") == Some("articleBody") {
            let mut links = 0;
            let n = text_len(el, &mut links, false);
            if best.as_ref().is_none_or(|(b, _)| n > *b) {
                best = Some((n, el));
            }
        }
    }
    if let Some((n, el)) = best {
        if n >= 200 {
            return Some(el);
        }
    }
    // Otherwise score containers by the paragraph text they hold
    // (readability: a paragraph counts fully for its parent, half for the
    // grandparent), minus link-heavy paragraphs.
    let mut scores = HashMap::new();
    for el in root.descendants().filter_map(ElementRef::wrap) {
        if !matches!(el.value().name(), "p" | "pre" | "td" | "blockquote" | "li" | "h2" | "h3") {
            continue;
        }
        if el.ancestors().filter_map(ElementRef::wrap).any(|a| is_chrome(&a)) {
            continue;
        }
        let mut links = 0;
        let n = text_len(el, &mut links, false);
        if n < 25 {
            continue;
        }
        let score = (n - links.min(n)) as f32 * if links * 2 > n { 0.2 } else { 1.0 };
        let mut ancestors = el.ancestors();
        if let Some(parent) = ancestors.next() {
            *scores.entry(parent.id()).or_insert(0.0f32) += score;
            if let Some(grand) = ancestors.next() {
                *scores.entry(grand.id()).or_insert(0.0f32) += score / 2.0;
            }
        }
    }
    let (id, _) = scores.into_iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    doc.tree.get(id).and_then(ElementRef::wrap)
}

struct Writer {
    out: String,
    /// An `<ol>` counter per open list (None for `<ul>`).
    lists: Vec<Option<u32>>,
    pre: usize,
}

impl Writer {
    fn newline(&mut self) {
        let trimmed = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(trimmed);
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            self.out.push_str(t);
            return;
        }
        for (i, word) in t.split_whitespace().enumerate() {
            let starts_with_space = i > 0 || t.starts_with(char::is_whitespace);
            if starts_with_space && !self.out.is_empty() && !self.out.ends_with([' ', '\n', '\t']) {
                self.out.push(' ');
            }
            self.out.push_str(word);
        }
        if t.ends_with(char::is_whitespace) && !t.trim().is_empty() && !self.out.ends_with([' ', '\n', '\t']) {
            self.out.push(' ');
        }
    }

    fn walk(&mut self, el: ElementRef) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.text(t),
                Node::Element(_) => {
                    let Some(c) = ElementRef::wrap(child) else { continue };
                    if is_chrome(&c) || is_skip_link(&c) {
                        continue;
                    }
                    self.element(c);
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, c: ElementRef) {
        let name = c.value().name();
        match name {
            "br" => self.newline_hard(),
            "td" | "th" => {
                if !self.out.ends_with('\n') && !self.out.is_empty() && !self.out.ends_with('\t') {
                    let trimmed = self.out.trim_end_matches(' ').len();
                    self.out.truncate(trimmed);
                    self.out.push('\t');
                }
                self.walk(c);
            }
            "ul" | "ol" => {
                self.newline();
                let start = c.value().attr("start").and_then(|s| s.parse::<u32>().ok()).unwrap_or(1);
                self.lists.push((name == "ol").then_some(start));
                self.walk(c);
                self.lists.pop();
                self.newline();
            }
            "li" => {
                self.newline();
                let label = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let l = format!("{n}. ");
                        *n += 1;
                        l
                    }
                    _ => "- ".to_string(),
                };
                let before = self.out.len();
                self.walk(c);
                // Items that already carry their own label keep it.
                let item = self.out[before..].trim_start().to_string();
                self.out.truncate(before);
                if !item.is_empty() {
                    if !super::flow::starts_item(&item) {
                        self.out.push_str(&label);
                    }
                    self.out.push_str(&item);
                }
                self.newline();
            }
            "pre" => {
                self.newline();
                self.pre += 1;
                self.walk(c);
                self.pre -= 1;
                self.newline();
            }
            _ if is_block(name) => {
                self.newline();
                self.walk(c);
                self.newline();
            }
            _ => self.walk(c),
        }
    }

    fn newline_hard(&mut self) {
        let trimmed = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(trimmed);
        self.out.push('\n');
    }
}

/// Deepest element nesting accepted: real pages stay under a hundred;
/// the HTML parser slows down quadratically on a page of 200 000 nested
/// `<div>`s (minutes), and the tree walk below is recursive.
pub const MAX_DEPTH: usize = 2000;

/// Elements that never hold others or whose end tag may be left out
/// (`<p>`, `<li>`, `<td>` ... close themselves): not counted as nesting.
const FLAT: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param", b"source", b"track",
    b"wbr", b"p", b"li", b"td", b"th", b"tr", b"option", b"optgroup", b"dt", b"dd", b"thead", b"tbody", b"tfoot",
    b"colgroup", b"rb", b"rt", b"rp", b"html", b"head", b"body",
];

/// How deep the page's elements nest, estimated from its tags without
/// parsing it (comments, `<script>` and `<style>` bodies skipped).
pub fn nesting_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    let find = |from: usize, pat: &[u8]| bytes[from.min(bytes.len())..].windows(pat.len()).position(|w| w.eq_ignore_ascii_case(pat)).map(|p| from + p);
    while let Some(lt) = bytes[i..].iter().position(|&b| b == b'<').map(|p| i + p) {
        i = lt + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(i, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let len = bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if len == 0 || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name = bytes[start..start + len].to_ascii_lowercase();
        let gt = bytes[start..].iter().position(|&b| b == b'>').map_or(bytes.len(), |p| start + p);
        i = gt;
        if FLAT.contains(&name.as_slice()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if bytes.get(gt.wrapping_sub(1)) != Some(&b'/') {
            if name == b"script" || name == b"style" {
                let end = [b"</".as_slice(), &name].concat();
                i = find(gt, &end).unwrap_or(bytes.len());
                continue;
            }
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Decodes the page bytes (BOM, `<meta charset>`, else detection) and
/// extracts its main text.
pub fn extract(bytes: &[u8]) -> (String, String) {
    let (html, encoding) = decode(bytes);
    (main_text(&html), encoding)
}

fn decode(bytes: &[u8]) -> (String, String) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (s, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (s.into_owned(), enc.name().to_ascii_lowercase());
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let declared = head.find("charset=").map(|i| {
        head[i + 8..].trim_start_matches(['"', '\'']).chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect::<String>()
    });
    let enc = declared
        .and_then(|d| encoding_rs::Encoding::for_label(d.as_bytes()))
        .or_else(|| std::str::from_utf8(bytes).is_ok().then_some(encoding_rs::UTF_8))
        .unwrap_or_else(|| {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            det.guess(Some(b"vn"), chardetng::Utf8Detection::Allow)
        });
    let (s, _) = enc.decode_without_bom_handling(bytes);
    (s.into_owned(), enc.name().to_ascii_lowercase())
}

/// The main text of an HTML page.
pub fn main_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut w = Writer { out: String::new(), lists: Vec::new(), pre: 0 };
    let main = main_content(&doc);
    // The page title (first <h1>) when the content block does not hold it.
    let h1 = doc.root_element().descendants().filter_map(ElementRef::wrap).find(|e| e.value().name() == "h1");
    if let (Some(h1), Some(m)) = (h1, main) {
        if !h1.ancestors().any(|a| a.id() == m.id()) && !h1.ancestors().filter_map(ElementRef::wrap).any(|a| is_chrome(&a)) {
            w.element(h1);
        }
    }
    match main {
        Some(m) => w.element(m),
        None => {
            let body = doc.root_element().descendants().filter_map(ElementRef::wrap).find(|e| e.value().name() == "body").unwrap_or(doc.root_element());
            w.walk(body);
        }
    }
    let mut lines: Vec<&str> = w.out.lines().map(|l| l.trim_end()).collect();
    lines.dedup_by(|a, b| a.is_empty() && b.is_empty());
    let text = lines.join("\n");
    text.trim_matches('\n').to_string() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sharepoint_page_keeps_the_article() {
        let page = r##"<html><head><title>t</title><script>var x=1;</script></head><body>
          <div id="s4-ribbonrow"><a href="#mainContent">Skip Ribbon Commands</a><a href="#c">Skip to main content</a></div>
          <div class="top-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/tt">Tin tức - Sự kiện</a></li></ul></div>
          <div class="content"><h1>Nâng cao chất lượng hoạt động</h1>
            <p>Ngày 19/10/2023, Văn phòng Chính phủ ban hành Thông báo số 422/TB-VPCP kết luận của Thủ tướng.</p>
            <p>Thủ tướng giao Bộ Nội vụ chủ trì, phối hợp chặt chẽ với các bộ, ngành &amp; địa phương.</p>
            <ol><li>Một là các bộ, ngành phải thi đua</li><li>Hai là đổi mới khen thưởng</li></ol>
            <table><tr><td>Bộ Nội vụ</td><td>Quý IV/2023</td></tr></table>
          </div>
          <div id="footer">Bản quyền thuộc Cổng thông tin</div></body></html>"##;
        let t = main_text(page);
        assert!(!t.contains("Skip"), "{t}");
        assert!(!t.contains("Trang chủ") && !t.contains("Bản quyền"), "{t}");
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "Nâng cao chất lượng hoạt động");
        assert!(lines.contains(&"Thủ tướng giao Bộ Nội vụ chủ trì, phối hợp chặt chẽ với các bộ, ngành & địa phương."), "{t}");
        assert!(lines.contains(&"1. Một là các bộ, ngành phải thi đua") && lines.contains(&"2. Hai là đổi mới khen thưởng"), "{t}");
        assert!(lines.contains(&"Bộ Nội vụ\tQuý IV/2023"), "{t}");
    }

    #[test]
    fn legacy_charset_is_decoded() {
        let (s, enc) = decode(b"<html><head><meta charset=\"windows-1258\"></head><body><p>H\xe0 N\xf4\xf2i</p></body></html>");
        assert_eq!(enc, "windows-1258");
        assert!(s.contains("Hà Nô\u{323}i"), "{s}");
    }
}
