//! PDF: loads a file with lopdf (decrypting owner-password files), runs
//! each page's text through our own interpreter and lays it out into lines.
//!
//! Must never: inflate a stream past `Limits::max_inflated`, run past the
//! operation or time budget, or panic on a damaged file; a page whose text
//! cannot be read is flagged for OCR instead of failing the file.

mod cmap;
mod fonts;
mod glyphs;
mod interp;
pub mod layout;
mod lexer;
mod truetype;

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use rustc_hash::FxHashMap as HashMap;
use std::time::Instant;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

pub use self::layout::Line;
use super::{IngestError, Limits};

/// Most content-stream operators run for one file.
const MAX_OPS: u64 = 50_000_000;

/// Inflation, operation and time budget of one file.
pub struct Budget {
    per_stream: usize,
    left: AtomicU64,
    ops: AtomicU64,
    deadline: Option<Instant>,
    /// Streams whose decoding failed (by address in the loaded document):
    /// a failure charges nothing, so it is tried once, not on every `Do`
    /// or `/Contents` entry that names it again.
    failed: std::sync::Mutex<rustc_hash::FxHashSet<usize>>,
}

impl Budget {
    fn new(limits: &Limits) -> Budget {
        let per_stream = usize::try_from(limits.max_inflated).unwrap_or(usize::MAX);
        Budget {
            per_stream,
            left: AtomicU64::new(limits.max_inflated.saturating_mul(4)),
            ops: AtomicU64::new(0),
            deadline: limits.timeout.map(|t| Instant::now() + t),
            failed: Default::default(),
        }
    }

    /// A stream's decoded bytes, refused once they pass the limit.
    pub fn inflate(&self, s: &lopdf::Stream) -> Result<Vec<u8>, IngestError> {
        let key = s as *const lopdf::Stream as usize;
        let failed = || self.failed.lock().unwrap_or_else(|e| e.into_inner());
        if failed().contains(&key) {
            return Ok(Vec::new());
        }
        let limit = self.per_stream.min(usize::try_from(self.left.load(Relaxed)).unwrap_or(usize::MAX));
        match s.decompressed_content_with_limit(limit) {
            Ok(data) => {
                let used = data.len() as u64;
                let _ = self.left.fetch_update(Relaxed, Relaxed, |l| Some(l.saturating_sub(used)));
                Ok(data)
            }
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) if limit == self.per_stream => {
                Err(IngestError::Limit(format!("a PDF stream inflates past {limit} bytes (--max-inflated)")))
            }
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => Err(IngestError::Limit(format!(
                "the PDF's streams inflate past {} bytes in all (4 × --max-inflated)",
                self.per_stream.saturating_mul(4)
            ))),
            // A damaged stream: use what is there when it is not compressed.
            // (A filter that fails late, `[/FlateDecode /Foo]`, may have
            // inflated 64 MB first: that work is not repeated.)
            Err(_) if s.dict.has(b"Filter") => {
                failed().insert(key);
                Ok(Vec::new())
            }
            Err(_) => Ok(s.content.clone()),
        }
    }

    /// Counts one operator; fails past the operation or time budget.
    pub fn tick(&self) -> Result<(), IngestError> {
        let n = self.ops.fetch_add(1, Relaxed) + 1;
        if n > MAX_OPS {
            return Err(IngestError::Limit(format!("more than {MAX_OPS} content operators")));
        }
        if n.is_multiple_of(8192) {
            if let Some(d) = self.deadline {
                if Instant::now() > d {
                    return Err(IngestError::Limit("time budget for the file ran out (--file-timeout)".into()));
                }
            }
        }
        Ok(())
    }
}

/// One page of laid-out text.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub lines: Vec<Line>,
    /// No text layer, or fonts with no usable Unicode mapping: an OCR candidate.
    pub needs_ocr: bool,
}

fn load(bytes: &[u8], limits: &Limits) -> Result<Document, IngestError> {
    let opts = LoadOptions {
        password: limits.password.clone(),
        max_decompressed_size: Some(usize::try_from(limits.max_inflated).unwrap_or(usize::MAX)),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, opts).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => {
            IngestError::Encrypted("the PDF is encrypted with a user password; pass it with --password".into())
        }
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit }) => {
            IngestError::Limit(format!("a PDF stream inflates past {limit} bytes (--max-inflated)"))
        }
        other => IngestError::Malformed { format: "pdf", reason: other.to_string() },
    })?;
    if doc.is_encrypted() {
        return Err(IngestError::Encrypted("the PDF is encrypted with a user password; pass it with --password".into()));
    }
    Ok(doc)
}

fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Ok(o) = node.get(key) {
            return doc.dereference(o).ok().map(|(_, o)| o);
        }
        node = node.get(b"Parent").ok().and_then(|p| doc.dereference(p).ok()).and_then(|(_, o)| o.as_dict().ok())?;
    }
    None
}

/// The page's rotation as a matrix into upright reading space.
fn rotation(doc: &Document, page: &Dictionary) -> interp::Matrix {
    let r = inherited(doc, page, b"Rotate").and_then(|o| o.as_i64().ok()).unwrap_or(0).rem_euclid(360);
    match r {
        90 => [0.0, -1.0, 1.0, 0.0, 0.0, 0.0],
        180 => [-1.0, 0.0, 0.0, -1.0, 0.0, 0.0],
        270 => [0.0, 1.0, -1.0, 0.0, 0.0, 0.0],
        _ => interp::IDENTITY,
    }
}

/// Number of pages, without reading their content.
pub fn page_count(doc: &Document) -> usize {
    page_ids(doc).len()
}

/// The pages in reading order, walking the page tree from the catalog
/// with a set of visited nodes: a tree whose `Kids` point back at an
/// ancestor (a reference cycle) still yields each page once. When the
/// catalog or the tree is unreadable (a broken download, a catalog
/// nested too deep to parse), every `/Type /Page` object stands in, in
/// object order.
fn page_ids(doc: &Document) -> Vec<ObjectId> {
    let mut pages = Vec::new();
    let root = doc
        .trailer
        .get(b"Root")
        .ok()
        .and_then(|r| doc.dereference(r).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .and_then(|cat| cat.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok());
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<ObjectId> = root.into_iter().collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Ok(node) = doc.get_dictionary(id) else { continue };
        match node.get(b"Kids").ok().and_then(|k| doc.dereference(k).ok()).and_then(|(_, k)| k.as_array().ok()) {
            Some(kids) => stack.extend(kids.iter().rev().filter_map(|k| k.as_reference().ok())),
            None if node.get(b"Type").ok().and_then(|t| t.as_name().ok()) != Some(b"Pages".as_slice()) => pages.push(id),
            None => {}
        }
    }
    if pages.is_empty() {
        pages = doc
            .objects
            .iter()
            .filter(|(_, o)| o.as_dict().ok().and_then(|d| d.get(b"Type").ok()).and_then(|t| t.as_name().ok()) == Some(b"Page".as_slice()))
            .map(|(id, _)| *id)
            .collect();
    }
    pages
}

/// Reads every page's text.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Vec<Page>, IngestError> {
    let doc = load(bytes, limits)?;
    let ids = page_ids(&doc);
    if ids.len() as u64 > limits.max_pages as u64 {
        return Err(IngestError::Limit(format!("{} pages, over --max-pages {}", ids.len(), limits.max_pages)));
    }
    if ids.is_empty() {
        return Err(IngestError::Malformed { format: "pdf", reason: damage(bytes, "no page could be found") });
    }
    let budget = Budget::new(limits);
    // Large documents: runs of pages in parallel, each run with its own
    // font cache; small ones stay on the caller's thread.
    let run = |chunk: &[ObjectId]| -> Result<Vec<Page>, IngestError> {
        let mut fonts = HashMap::default();
        chunk.iter().map(|&id| page(&doc, id, &budget, &mut fonts)).collect()
    };
    if ids.len() <= PAGES_PER_TASK {
        return run(&ids);
    }
    use rayon::prelude::*;
    let runs: Vec<Result<Vec<Page>, IngestError>> = ids.par_chunks(PAGES_PER_TASK).map(run).collect();
    let mut out = Vec::with_capacity(ids.len());
    for r in runs {
        out.extend(r?);
    }
    Ok(out)
}

/// Whether the file ends before its `%%EOF` marker: a cut-off download.
pub fn is_truncated(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    !tail.windows(5).any(|w| w == b"%%EOF")
}

/// `what`, with the likely reason when the file is cut short.
pub fn damage(bytes: &[u8], what: &str) -> String {
    if is_truncated(bytes) {
        format!("truncated file (it ends before its %%EOF marker, {} bytes read): {what}", bytes.len())
    } else {
        what.to_string()
    }
}

/// Pages read by one parallel task.
const PAGES_PER_TASK: usize = 8;

/// Runs one page (content and annotation appearances): its glyphs, and
/// how many shown codes had a Unicode mapping and how many had none.
fn run_page(
    doc: &Document, page_id: ObjectId, budget: &Budget, fonts: &mut HashMap<usize, std::rc::Rc<fonts::Font>>,
) -> Result<Option<(Vec<interp::Glyph>, usize, usize)>, IngestError> {
    let Ok(page_dict) = doc.get_dictionary(page_id) else { return Ok(None) };
    let mut resources: Vec<&Dictionary> = Vec::new();
    if let Some(Object::Dictionary(d)) = inherited(doc, page_dict, b"Resources") {
        resources.push(d);
    }
    let base = rotation(doc, page_dict);
    let mut content = Vec::new();
    for id in doc.get_page_contents(page_id) {
        if let Ok(Object::Stream(s)) = doc.get_object(id) {
            content.extend_from_slice(&budget.inflate(s)?);
            content.push(b'\n');
        }
    }
    let mut run = interp::PageRun::new(doc, budget, fonts);
    run.run(&content, &resources, base)?;
    drop(content);
    run.annotations(page_dict, &resources, &base)?;
    Ok(Some((std::mem::take(&mut run.glyphs), run.mapped, run.unmapped)))
}

fn page(
    doc: &Document, page_id: ObjectId, budget: &Budget, fonts: &mut HashMap<usize, std::rc::Rc<fonts::Font>>,
) -> Result<Page, IngestError> {
    let Some((glyphs, mapped, unmapped)) = run_page(doc, page_id, budget, fonts)? else {
        return Ok(Page { lines: vec![], needs_ocr: true });
    };
    let visible = glyphs.iter().filter(|g| !g.text.trim().is_empty() && g.text != "\u{FFFD}").count();
    // A text layer with no Vietnamese diacritics at all is an OCR layer
    // made without Vietnamese: as good as none (about a third of the
    // letters of Vietnamese prose carry marks).
    let (letters, marked) = glyphs.iter().flat_map(|g| g.text.chars()).filter(|c| c.is_alphabetic()).fold((0usize, 0usize), |(l, m), c| {
        (l + 1, m + usize::from(!c.is_ascii()))
    });
    let no_diacritics = letters >= 200 && marked * 100 < letters;
    let needs_ocr = visible < 10 || unmapped * 20 > mapped || no_diacritics;
    Ok(Page { lines: layout::layout(glyphs), needs_ocr })
}

/// One glyph for debugging: `(page, x, y, width, size, text)`.
pub type DebugGlyph = (usize, f32, f32, f32, f32, String);

/// Every glyph of every page, for debugging layouts.
#[doc(hidden)]
pub fn glyphs(bytes: &[u8], limits: &Limits) -> Result<Vec<DebugGlyph>, IngestError> {
    let doc = load(bytes, limits)?;
    let budget = Budget::new(limits);
    let mut fonts = HashMap::default();
    let mut out = Vec::new();
    for (n, page_id) in page_ids(&doc).into_iter().enumerate() {
        if let Some((glyphs, _, _)) = run_page(&doc, page_id, &budget, &mut fonts)? {
            out.extend(glyphs.into_iter().map(|g| (n + 1, g.x, g.y, g.w, g.size, g.text)));
        }
    }
    Ok(out)
}
