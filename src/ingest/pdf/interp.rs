//! Text-showing interpreter: runs a page's content stream (and the form
//! XObjects and annotation appearances it reaches) and records every glyph
//! with its position, size, advance width and Unicode text.
//!
//! Must never: follow a form XObject cycle, recurse without bound, run past
//! the operation or inflation budget, or panic on malformed operands.

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::fonts::{Code, Font};
use super::lexer::{Lexer, Operand};
use super::{Budget, IngestError};

/// A 2D affine matrix `[a b c d e f]`.
pub type Matrix = [f32; 6];

pub const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m × n` (apply m first, then n).
pub fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// One shown glyph in (rotated) page space.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f32,
    pub y: f32,
    /// Advance width on the page.
    pub w: f32,
    pub size: f32,
    pub text: String,
    /// Drawn by an annotation appearance (signature stamp), not the page.
    pub stamp: bool,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Rc<Font>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
}

/// Most glyphs kept for one page (memory stays bounded).
const MAX_GLYPHS: usize = 1 << 18;

/// Deepest nesting of form XObjects followed.
const MAX_FORM_DEPTH: usize = 12;

/// Glyph collection for one page.
pub struct PageRun<'a> {
    doc: &'a Document,
    budget: &'a Budget,
    fonts: &'a mut HashMap<usize, Rc<Font>>,
    pub glyphs: Vec<Glyph>,
    /// Shown codes that had no Unicode mapping.
    pub unmapped: usize,
    pub mapped: usize,
    forms: Vec<ObjectId>,
    codes: Vec<Code>,
    in_annotation: bool,
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn lookup<'a>(doc: &'a Document, resources: &[&'a Dictionary], category: &[u8], name: &[u8]) -> Option<(&'a Object, Option<ObjectId>)> {
    for res in resources {
        let Ok(cat) = res.get(category) else { continue };
        let Ok(cat) = deref(doc, cat).as_dict() else { continue };
        if let Ok(o) = cat.get(name) {
            let id = o.as_reference().ok();
            return Some((deref(doc, o), id));
        }
    }
    None
}

/// An array of exactly `N` numbers.
fn numbers<const N: usize>(o: Option<&Object>) -> Option<[f32; N]> {
    let Some(Object::Array(a)) = o else { return None };
    if a.len() != N {
        return None;
    }
    let mut m = [0.0; N];
    for (k, v) in a.iter().enumerate() {
        m[k] = match v {
            Object::Integer(i) => *i as f32,
            Object::Real(r) => *r,
            _ => return None,
        };
    }
    Some(m)
}

fn matrix_of(o: Option<&Object>) -> Option<Matrix> {
    numbers::<6>(o)
}

fn rect_of(o: Option<&Object>) -> Option<[f32; 4]> {
    let r = numbers::<4>(o)?;
    Some([r[0].min(r[2]), r[1].min(r[3]), r[0].max(r[2]), r[1].max(r[3])])
}

impl<'a> PageRun<'a> {
    pub fn new(doc: &'a Document, budget: &'a Budget, fonts: &'a mut HashMap<usize, Rc<Font>>) -> Self {
        PageRun { doc, budget, fonts, glyphs: Vec::new(), unmapped: 0, mapped: 0, forms: Vec::new(), codes: Vec::new(), in_annotation: false }
    }

    /// Runs a content stream with the given resources and starting matrix.
    pub fn run(&mut self, content: &[u8], resources: &[&'a Dictionary], ctm: Matrix) -> Result<(), IngestError> {
        let mut st = State {
            ctm,
            font: Rc::new(Font::unknown()),
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut lexer = Lexer::new(content);
        while let Some((op, args)) = lexer.next_op() {
            self.budget.tick()?;
            if self.glyphs.len() >= MAX_GLYPHS {
                return Err(IngestError::Limit(format!("more than {MAX_GLYPHS} glyphs on one page")));
            }
            let n = |i: usize| args.get(i).and_then(Operand::num).unwrap_or(0.0);
            match op {
                b"q" => {
                    if stack.len() < 256 {
                        stack.push(st.clone());
                    }
                }
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        st = s;
                    }
                }
                b"cm" if args.len() == 6 => {
                    st.ctm = mul(&[n(0), n(1), n(2), n(3), n(4), n(5)], &st.ctm);
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    st.size = n(1);
                    if let Some(Operand::Name(name)) = args.first() {
                        st.font = self.font(resources, name)?;
                    }
                }
                b"Tc" => st.char_spacing = n(0),
                b"Tw" => st.word_spacing = n(0),
                b"Tz" => st.hscale = n(0) / 100.0,
                b"TL" => st.leading = n(0),
                b"Ts" => st.rise = n(0),
                b"Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"TD" => {
                    st.leading = -n(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if args.len() == 6 => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" => {
                    if let Some(Operand::Str(s)) = args.first() {
                        self.show(&st, &mut tm, s);
                    }
                }
                b"'" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.leading], &tlm);
                    tm = tlm;
                    if let Some(Operand::Str(s)) = args.first() {
                        self.show(&st, &mut tm, s);
                    }
                }
                b"\"" => {
                    st.word_spacing = n(0);
                    st.char_spacing = n(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.leading], &tlm);
                    tm = tlm;
                    if let Some(Operand::Str(s)) = args.get(2) {
                        self.show(&st, &mut tm, s);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = args.first() {
                        for item in items {
                            match item {
                                Operand::Str(s) => self.show(&st, &mut tm, s),
                                Operand::Num(adj) => {
                                    let tx = -adj / 1000.0 * st.size * st.hscale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(name)) = args.first() {
                        self.form(resources, name, &st.ctm)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn font(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Result<Rc<Font>, IngestError> {
        let Some((Object::Dictionary(dict), _)) = lookup(self.doc, resources, b"Font", name) else {
            return Ok(Rc::new(Font::unknown()));
        };
        let key = dict as *const Dictionary as usize;
        if let Some(f) = self.fonts.get(&key) {
            return Ok(f.clone());
        }
        let f = Rc::new(Font::load(self.doc, dict, self.budget)?);
        self.fonts.insert(key, f.clone());
        Ok(f)
    }

    fn show(&mut self, st: &State, tm: &mut Matrix, bytes: &[u8]) {
        let mut codes = std::mem::take(&mut self.codes);
        st.font.decode(bytes, &mut codes);
        for code in &codes {
            if self.glyphs.len() >= MAX_GLYPHS {
                break;
            }
            let trm = mul(&mul(&[st.size * st.hscale, 0.0, 0.0, st.size, 0.0, st.rise], tm), &st.ctm);
            let mut tx = code.width * st.size + st.char_spacing;
            if code.is_space {
                tx += st.word_spacing;
            }
            tx *= st.hscale;
            let (x, y) = (trm[4], trm[5]);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let scale_x = (trm[0] * trm[0] + trm[1] * trm[1]).sqrt();
            let w = code.width * scale_x;
            match &code.text {
                Some(t) => {
                    self.mapped += 1;
                    if size > 0.0 && x.is_finite() && y.is_finite() {
                        self.glyphs.push(Glyph { x, y, w, size, text: t.clone(), stamp: self.in_annotation });
                    }
                }
                None => {
                    self.unmapped += 1;
                    // Keep the word's shape: one replacement character per
                    // glyph of a font that maps nothing (OCR will fill it).
                    if code.width > 0.0 && size > 0.0 && x.is_finite() && y.is_finite() && !code.is_space {
                        self.glyphs.push(Glyph { x, y, w, size, text: "\u{FFFD}".into(), stamp: self.in_annotation });
                    }
                }
            }
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        }
        self.codes = codes;
    }

    fn form(&mut self, resources: &[&'a Dictionary], name: &[u8], ctm: &Matrix) -> Result<(), IngestError> {
        let doc = self.doc;
        let Some((Object::Stream(stream), id)) = lookup(doc, resources, b"XObject", name) else {
            return Ok(());
        };
        if stream.dict.get(b"Subtype").and_then(|o| o.as_name()).ok() != Some(b"Form".as_slice()) {
            return Ok(());
        }
        let matrix = matrix_of(stream.dict.get(b"Matrix").ok()).unwrap_or(IDENTITY);
        self.run_form(stream, id, resources, mul(&matrix, ctm))
    }

    fn run_form(&mut self, stream: &'a lopdf::Stream, id: Option<ObjectId>, resources: &[&'a Dictionary], ctm: Matrix) -> Result<(), IngestError> {
        if self.forms.len() >= MAX_FORM_DEPTH || id.is_some_and(|id| self.forms.contains(&id)) {
            return Ok(());
        }
        let content = self.budget.inflate(stream)?;
        let own = match stream.dict.get(b"Resources").map(|o| deref(self.doc, o)) {
            Ok(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        let res: Vec<&'a Dictionary> = own.into_iter().chain(resources.iter().copied()).collect();
        self.forms.push(id.unwrap_or((0, 0)));
        let r = self.run(&content, &res, ctm);
        self.forms.pop();
        r
    }

    /// Runs the normal appearance of each visible annotation (signature
    /// widgets, stamps, free text), placed into its `/Rect`.
    pub fn annotations(&mut self, page: &'a Dictionary, resources: &[&'a Dictionary], base: &Matrix) -> Result<(), IngestError> {
        let doc = self.doc;
        let Ok(annots) = page.get(b"Annots").map(|o| deref(doc, o)) else { return Ok(()) };
        let Ok(annots) = annots.as_array() else { return Ok(()) };
        for a in annots.iter().take(10_000) {
            let Ok(annot) = deref(doc, a).as_dict() else { continue };
            let flags = annot.get(b"F").and_then(|o| o.as_i64()).unwrap_or(0);
            if flags & (2 | 32) != 0 {
                continue; // hidden or not for viewing
            }
            if annot.get(b"Subtype").and_then(|o| o.as_name()).ok() == Some(b"Popup".as_slice()) {
                continue;
            }
            let Ok(ap) = annot.get(b"AP").map(|o| deref(doc, o)).and_then(|o| o.as_dict()) else { continue };
            let Ok(normal) = ap.get(b"N") else { continue };
            let (stream, id) = match deref(doc, normal) {
                Object::Stream(s) => (s, normal.as_reference().ok()),
                Object::Dictionary(states) => {
                    let Ok(state) = annot.get(b"AS").and_then(|o| o.as_name()) else { continue };
                    let Ok(o) = states.get(state) else { continue };
                    match deref(doc, o) {
                        Object::Stream(s) => (s, o.as_reference().ok()),
                        _ => continue,
                    }
                }
                _ => continue,
            };
            let Some(rect) = rect_of(annot.get(b"Rect").ok().map(|o| deref(doc, o))) else { continue };
            let bbox = rect_of(stream.dict.get(b"BBox").ok().map(|o| deref(doc, o))).unwrap_or([0.0, 0.0, rect[2] - rect[0], rect[3] - rect[1]]);
            let matrix = matrix_of(stream.dict.get(b"Matrix").ok()).unwrap_or(IDENTITY);
            // Transformed bbox corners, then the map of that box onto Rect (PDF 12.5.5).
            let corners = [
                apply(&matrix, bbox[0], bbox[1]),
                apply(&matrix, bbox[2], bbox[1]),
                apply(&matrix, bbox[0], bbox[3]),
                apply(&matrix, bbox[2], bbox[3]),
            ];
            let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
            for (x, y) in corners {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            let sx = if x1 - x0 > 1e-3 { (rect[2] - rect[0]) / (x1 - x0) } else { 1.0 };
            let sy = if y1 - y0 > 1e-3 { (rect[3] - rect[1]) / (y1 - y0) } else { 1.0 };
            let fit = [sx, 0.0, 0.0, sy, rect[0] - x0 * sx, rect[1] - y0 * sy];
            let ctm = mul(&mul(&matrix, &fit), base);
            self.in_annotation = true;
            let r = self.run_form(stream, id, resources, ctm);
            self.in_annotation = false;
            r?;
        }
        Ok(())
    }
}
