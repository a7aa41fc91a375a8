//! DOCX: the text of `word/document.xml`: paragraphs, tabs, breaks,
//! tables (a row per line, cells separated by tabs) and automatic list
//! numbering rendered from `numbering.xml` (`1.`, `a)`, `-`), where Word
//! keeps the section numbers of many letters.
//!
//! Must never: read a zip entry past `Limits::max_inflated` (zip bombs),
//! trust an entry's declared size, or follow entry names (`../`): only the
//! few known part names are read, by exact name.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{IngestError, Limits};

/// Most zip entries accepted in one file.
const MAX_ENTRIES: usize = 20_000;

/// Longest list-level text kept (`%1.%2.`): Word's are a few characters; a
/// long one repeated in every label is a memory bomb.
const MAX_LEVEL_TEXT: usize = 32;
/// Largest list number spelled as letters (`zzz`) or roman numerals; past
/// them a label would grow with the number (`4294967295` in letters is 165
/// million characters), so such numbers are written in digits.
const MAX_LETTERS: u32 = 26 * 3;
const MAX_ROMAN: u32 = 3999;

fn malformed(reason: impl Into<String>) -> IngestError {
    IngestError::Malformed { format: "docx", reason: reason.into() }
}

/// Reads one part by exact name, refusing it past `limit` bytes.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, limit: u64) -> Result<Option<Vec<u8>>, IngestError> {
    let mut f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(malformed(format!("{name}: {e}"))),
    };
    if f.size() > limit {
        return Err(IngestError::Limit(format!("{name} inflates to {} bytes, past {limit} (--max-inflated)", f.size())));
    }
    let mut out = Vec::with_capacity(f.size().min(limit) as usize);
    // The declared size can lie: read at most one byte past the limit.
    (&mut f).take(limit + 1).read_to_end(&mut out).map_err(|e| malformed(format!("{name}: {e}")))?;
    if out.len() as u64 > limit {
        return Err(IngestError::Limit(format!("{name} inflates past {limit} bytes (--max-inflated)")));
    }
    Ok(Some(out))
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == key).and_then(|a| a.unescape_value().ok()).map(|v| v.into_owned())
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// List definitions: numId → (abstract levels, start overrides).
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
}

fn parse_numbering(xml: &[u8]) -> Numbering {
    let mut n = Numbering::default();
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut abs: Option<String> = None;
    let mut lvl: Option<(usize, Level)> = None;
    let mut num: Option<String> = None;
    let mut override_lvl: Option<usize> = None;
    loop {
        let ev = match r.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        match &ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"abstractNum" => abs = attr(e, b"w:abstractNumId"),
                b"lvl" if abs.is_some() => {
                    let i = attr(e, b"w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0usize);
                    lvl = Some((i.min(8), Level { start: 1, ..Level::default() }));
                }
                b"start" => {
                    if let (Some((_, l)), Some(v)) = (lvl.as_mut(), attr(e, b"w:val").and_then(|v| v.parse().ok())) {
                        l.start = v;
                    }
                }
                b"numFmt" => {
                    if let (Some((_, l)), Some(v)) = (lvl.as_mut(), attr(e, b"w:val")) {
                        l.format = v;
                    }
                }
                b"lvlText" => {
                    if let (Some((_, l)), Some(v)) = (lvl.as_mut(), attr(e, b"w:val")) {
                        l.text = v.chars().take(MAX_LEVEL_TEXT).collect();
                    }
                }
                b"num" => num = attr(e, b"w:numId"),
                b"abstractNumId" => {
                    if let (Some(id), Some(v)) = (num.as_ref(), attr(e, b"w:val")) {
                        n.nums.entry(id.clone()).or_default().0 = v;
                    }
                }
                b"lvlOverride" => override_lvl = attr(e, b"w:ilvl").and_then(|v| v.parse().ok()),
                b"startOverride" => {
                    if let (Some(id), Some(l), Some(v)) = (num.as_ref(), override_lvl, attr(e, b"w:val").and_then(|v| v.parse().ok())) {
                        n.nums.entry(id.clone()).or_default().1.insert(l, v);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"lvl" => {
                    if let (Some(a), Some((i, l))) = (abs.as_ref(), lvl.take()) {
                        let levels = n.abstracts.entry(a.clone()).or_default();
                        if levels.len() <= i {
                            levels.resize(i + 1, Level::default());
                        }
                        levels[i] = l;
                    }
                }
                b"abstractNum" => abs = None,
                b"num" => num = None,
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    n
}

fn roman(mut n: u32, upper: bool) -> String {
    let table = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

/// Vietnamese lists count letters without f, j, w, z? Word does not: it
/// uses a..z, then aa..zz; so do we.
fn letter(n: u32, upper: bool) -> String {
    if n == 0 {
        return String::new();
    }
    let c = (b'a' + ((n - 1) % 26) as u8) as char;
    let s: String = std::iter::repeat_n(c, ((n - 1) / 26 + 1) as usize).collect();
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "lowerLetter" if n <= MAX_LETTERS => letter(n, false),
        "upperLetter" if n <= MAX_LETTERS => letter(n, true),
        "lowerRoman" if n <= MAX_ROMAN => roman(n, false),
        "upperRoman" if n <= MAX_ROMAN => roman(n, true),
        "none" => String::new(),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

/// Counters of the lists met so far.
#[derive(Default)]
struct Counters {
    values: HashMap<String, [u32; 9]>,
}

impl Numbering {
    /// The label of the next paragraph of list `num_id` at level `ilvl`.
    fn label(&self, counters: &mut Counters, num_id: &str, ilvl: usize) -> Option<String> {
        let (abs, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs)?;
        let ilvl = ilvl.min(8);
        let lvl = levels.get(ilvl)?;
        let start = |i: usize| overrides.get(&i).copied().or_else(|| levels.get(i).map(|l| l.start)).unwrap_or(1);
        // Counters are kept per abstract definition, as Word continues a
        // list across num instances that share it.
        let c = counters.values.entry(abs.clone()).or_insert([0; 9]);
        c[ilvl] = if c[ilvl] == 0 { start(ilvl) } else { c[ilvl].saturating_add(1) };
        for deeper in c.iter_mut().skip(ilvl + 1) {
            *deeper = 0;
        }
        if lvl.format == "bullet" {
            let t = lvl.text.trim();
            return Some(match t {
                "-" | "–" | "+" | "*" => t.to_string(),
                _ => "-".to_string(),
            });
        }
        let mut out = lvl.text.clone();
        for i in (0..9).rev() {
            let key = format!("%{}", i + 1);
            if out.contains(&key) {
                let v = if c[i] == 0 { start(i) } else { c[i] };
                let fmt = levels.get(i).map(|l| l.format.as_str()).unwrap_or("decimal");
                out = out.replace(&key, &format_number(v, fmt));
            }
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(out)
    }
}

/// Paragraph styles that carry numbering: styleId → (numId, ilvl).
fn parse_styles(xml: &[u8]) -> HashMap<String, (String, usize)> {
    let mut out = HashMap::new();
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut style: Option<String> = None;
    let mut num: Option<String> = None;
    let mut ilvl = 0usize;
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"style" => {
                    style = attr(&e, b"w:styleId");
                    num = None;
                    ilvl = 0;
                }
                b"numId" => num = attr(&e, b"w:val"),
                b"ilvl" => ilvl = attr(&e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0),
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => {
                if let (Some(s), Some(n)) = (style.take(), num.take()) {
                    out.insert(s, (n, ilvl));
                }
            }
            _ => {}
        }
        buf.clear();
    }
    out
}

/// Reads the text of a DOCX file.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<String, IngestError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| malformed(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(IngestError::Limit(format!("{} zip entries, more than {MAX_ENTRIES}", zip.len())));
    }
    let limit = limits.max_inflated;
    let doc = part(&mut zip, "word/document.xml", limit)?.ok_or_else(|| malformed("no word/document.xml (not a Word document)"))?;
    let numbering = part(&mut zip, "word/numbering.xml", limit)?.map(|x| parse_numbering(&x)).unwrap_or_default();
    let styles = part(&mut zip, "word/styles.xml", limit)?.map(|x| parse_styles(&x)).unwrap_or_default();
    Ok(document_text(&doc, &numbering, &styles))
}

#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: usize,
    style: Option<String>,
}

fn document_text(xml: &[u8], numbering: &Numbering, styles: &HashMap<String, (String, usize)>) -> String {
    let mut r = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = String::new();
    let mut counters = Counters::default();
    let mut para: Option<Para> = None;
    let mut in_text = false;
    // Table nesting: per open table, the current row's cells.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell: Vec<String> = Vec::new();
    let mut skip_depth = 0usize;
    loop {
        let ev = match r.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        match ev {
            Event::Start(e) => {
                let name = e.local_name();
                if skip_depth > 0 {
                    skip_depth += 1;
                } else {
                    match name.as_ref() {
                        // Deleted text, field instructions and the fallback copy of
                        // text boxes are not part of what the page shows.
                        b"delText" | b"instrText" | b"Fallback" => skip_depth = 1,
                        b"p" => para = Some(Para::default()),
                        b"t" => in_text = true,
                        b"tr" => rows.push(Vec::new()),
                        b"tc" => cell.clear(),
                        _ => {}
                    }
                }
            }
            Event::Empty(e) => {
                if skip_depth > 0 {
                    buf.clear();
                    continue;
                }
                if let Some(p) = para.as_mut() {
                    match e.local_name().as_ref() {
                        b"tab" => p.text.push('\t'),
                        b"br" | b"cr" => p.text.push('\n'),
                        b"numId" => p.num_id = attr(&e, b"w:val"),
                        b"ilvl" => p.ilvl = attr(&e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0),
                        b"pStyle" => p.style = attr(&e, b"w:val"),
                        b"noBreakHyphen" => p.text.push('-'),
                        _ => {}
                    }
                }
            }
            Event::Text(t) => {
                if in_text && skip_depth == 0 {
                    if let (Some(p), Ok(s)) = (para.as_mut(), t.decode()) {
                        p.text.push_str(&s);
                    }
                }
            }
            Event::GeneralRef(r) => {
                if in_text && skip_depth == 0 {
                    if let Some(p) = para.as_mut() {
                        let name = String::from_utf8_lossy(&r);
                        let c = match name.as_ref() {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            n => n
                                .strip_prefix("#x")
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                                .and_then(char::from_u32),
                        };
                        if let Some(c) = c {
                            p.text.push(c);
                        }
                    }
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    buf.clear();
                    continue;
                }
                match e.local_name().as_ref() {
                    b"t" => in_text = false,
                    b"p" => {
                        if let Some(p) = para.take() {
                            let (num, ilvl) = match (&p.num_id, &p.style) {
                                (Some(n), _) => (Some(n.clone()), p.ilvl),
                                (None, Some(s)) => styles.get(s).map(|(n, l)| (Some(n.clone()), *l)).unwrap_or((None, 0)),
                                _ => (None, 0),
                            };
                            let mut text = p.text.trim_end().to_string();
                            if let Some(label) = num.filter(|n| n != "0").and_then(|n| numbering.label(&mut counters, &n, ilvl)) {
                                if !text.trim().is_empty() {
                                    text = format!("{label} {}", text.trim_start());
                                }
                            }
                            if rows.is_empty() {
                                out.push_str(&text);
                                out.push('\n');
                            } else if !text.trim().is_empty() {
                                cell.push(text.replace(['\n', '\t'], " "));
                            }
                        }
                    }
                    b"tc" => {
                        if let Some(row) = rows.last_mut() {
                            row.push(cell.join(" "));
                        }
                        cell.clear();
                    }
                    b"tr" => {
                        if let Some(row) = rows.pop() {
                            let line = row.join("\t");
                            if rows.is_empty() {
                                if !line.trim().is_empty() {
                                    out.push_str(line.trim_end());
                                    out.push('\n');
                                }
                            } else {
                                // A nested table's row becomes text of the outer cell.
                                cell.push(line);
                            }
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        buf.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_labels() {
        let xml = br#"<w:numbering xmlns:w="x">
          <w:abstractNum w:abstractNumId="1">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
            <w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
          </w:abstractNum>
          <w:abstractNum w:abstractNumId="2">
            <w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
          <w:num w:numId="6"><w:abstractNumId w:val="2"/></w:num>
        </w:numbering>"#;
        let n = parse_numbering(xml);
        let mut c = Counters::default();
        let labels: Vec<String> = [("5", 0), ("5", 1), ("5", 1), ("5", 2), ("5", 0), ("5", 1), ("6", 0)]
            .iter()
            .map(|(id, l)| n.label(&mut c, id, *l).unwrap_or_default())
            .collect();
        assert_eq!(labels, ["1.", "a)", "b)", "-", "2.", "a)", "IV."]);
    }
}
