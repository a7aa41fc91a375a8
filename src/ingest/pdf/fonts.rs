//! Fonts: how the bytes of a shown string become character codes, Unicode
//! text and advance widths, for simple fonts (`/Encoding`, `/Differences`)
//! and composite fonts (Identity-H and embedded CMaps), with `/ToUnicode`
//! taking precedence wherever it maps a code.
//!
//! Must never: fail on a damaged font dictionary (a font that cannot be
//! read maps nothing, and its page is flagged for OCR), or inflate a
//! stream past the caller's budget.

use lopdf::{Dictionary, Document, Object};

use super::cmap::CMap;
use super::glyphs::{name_to_unicode, symbol, wingdings, BaseEncoding};
use super::Budget;

#[derive(Debug)]
enum Kind {
    /// One byte per code; `table[code]` is the encoding's text for it.
    Simple { table: Box<[Option<String>; 256]> },
    /// Codes split by the encoding CMap; `ucs2` when codes are Unicode.
    Composite { codes: CMap, ucs2: bool },
}

/// One decoded character code.
pub struct Code {
    pub text: Option<String>,
    /// Advance in text space units per unit of font size.
    pub width: f32,
    /// A one-byte code 32: word spacing applies.
    pub is_space: bool,
}

#[derive(Debug)]
pub struct Font {
    kind: Kind,
    to_unicode: Option<CMap>,
    first_char: u32,
    widths: Vec<f32>,
    /// CID width ranges (first, last, width).
    cid_widths: Vec<(u32, u32, f32)>,
    default_width: f32,
    /// Type 3 fonts scale glyph space by their /FontMatrix.
    width_scale: f32,
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().map(|o| deref(doc, o))
}

fn name_of(o: &Object) -> Option<&[u8]> {
    match o {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

impl Font {
    /// A font that maps nothing (missing or unreadable font resource).
    pub fn unknown() -> Font {
        Font {
            kind: Kind::Simple { table: Box::new(std::array::from_fn(|_| None)) },
            to_unicode: None,
            first_char: 0,
            widths: vec![],
            cid_widths: vec![],
            default_width: 0.5,
            width_scale: 0.001,
        }
    }

    pub fn load(doc: &Document, dict: &Dictionary, budget: &Budget) -> Result<Font, super::IngestError> {
        let subtype = get(doc, dict, b"Subtype").and_then(name_of).unwrap_or(b"");
        let base_font = get(doc, dict, b"BaseFont").and_then(name_of).unwrap_or(b"");
        let to_unicode = match get(doc, dict, b"ToUnicode") {
            Some(Object::Stream(s)) => {
                let data = budget.inflate(s)?;
                let c = CMap::parse(&data);
                (!c.is_empty()).then_some(c)
            }
            _ => None,
        };
        if subtype == b"Type0" {
            return Self::load_composite(doc, dict, to_unicode, budget);
        }
        let descriptor = match get(doc, dict, b"FontDescriptor") {
            Some(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        let flags = descriptor.and_then(|d| get(doc, d, b"Flags")).and_then(num).unwrap_or(0.0) as u32;
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        let lower_name = String::from_utf8_lossy(base_font).to_ascii_lowercase();
        let builtin = if lower_name.contains("symbol") {
            BaseEncoding::Symbol
        } else if subtype == b"Type1" && !symbolic && !lower_name.contains("wingding") {
            BaseEncoding::Standard
        } else {
            BaseEncoding::WinAnsi
        };
        let mut base = builtin;
        let mut differences: Vec<(u8, Option<String>)> = Vec::new();
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => {
                if let Some(b) = BaseEncoding::from_name(n) {
                    base = b;
                }
            }
            Some(Object::Dictionary(enc)) => {
                if let Some(b) = get(doc, enc, b"BaseEncoding").and_then(name_of).and_then(BaseEncoding::from_name) {
                    base = b;
                }
                if let Some(Object::Array(items)) = get(doc, enc, b"Differences") {
                    let mut code: i64 = 0;
                    for item in items {
                        match deref(doc, item) {
                            Object::Integer(i) => code = *i,
                            Object::Name(n) => {
                                if (0..256).contains(&code) {
                                    let name = String::from_utf8_lossy(n);
                                    differences.push((code as u8, name_to_unicode(&name)));
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        let wing = lower_name.contains("wingding");
        let mut table: Box<[Option<String>; 256]> = Box::new(std::array::from_fn(|c| {
            let c = c as u8;
            if wing {
                wingdings(c).map(String::from)
            } else if base == BaseEncoding::Symbol {
                symbol(c).map(String::from)
            } else {
                base.decode(c).map(String::from)
            }
        }));
        for (code, text) in differences {
            // A name no list knows keeps the base encoding's character, as
            // other readers do; the repair stage knows those mojibake shapes.
            if let Some(t) = text {
                table[code as usize] = Some(t);
            }
        }
        let first_char = get(doc, dict, b"FirstChar").and_then(num).unwrap_or(0.0).max(0.0) as u32;
        let widths: Vec<f32> = match get(doc, dict, b"Widths") {
            Some(Object::Array(w)) => w.iter().map(|o| num(deref(doc, o)).unwrap_or(0.0)).collect(),
            _ => vec![],
        };
        let missing = descriptor.and_then(|d| get(doc, d, b"MissingWidth")).and_then(num).filter(|w| *w > 0.0);
        let mut width_scale = 0.001;
        if subtype == b"Type3" {
            if let Some(Object::Array(m)) = get(doc, dict, b"FontMatrix") {
                if let Some(a) = m.first().and_then(num) {
                    width_scale = a;
                }
            }
        }
        Ok(Font {
            kind: Kind::Simple { table },
            to_unicode,
            first_char,
            widths,
            cid_widths: vec![],
            default_width: missing.map(|m| m * width_scale).unwrap_or(if subtype == b"Type3" { 0.0 } else { 0.5 }),
            width_scale,
        })
    }

    fn load_composite(doc: &Document, dict: &Dictionary, to_unicode: Option<CMap>, budget: &Budget) -> Result<Font, super::IngestError> {
        let (codes, enc_name) = match get(doc, dict, b"Encoding") {
            Some(Object::Stream(s)) => (CMap::parse(&budget.inflate(s)?), Vec::new()),
            Some(Object::Name(n)) => (CMap::default(), n.clone()),
            _ => (CMap::default(), Vec::new()),
        };
        let descendant = match get(doc, dict, b"DescendantFonts") {
            Some(Object::Array(a)) => a.first().map(|o| deref(doc, o)).and_then(|o| o.as_dict().ok()),
            _ => None,
        };
        let ordering = descendant
            .and_then(|d| get(doc, d, b"CIDSystemInfo"))
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| get(doc, d, b"Ordering"))
            .and_then(|o| o.as_str().ok())
            .unwrap_or(b"");
        let enc_lower = String::from_utf8_lossy(&enc_name).to_ascii_lowercase();
        let ucs2 = enc_lower.starts_with("uni") && (enc_lower.contains("ucs2") || enc_lower.contains("utf16")) || ordering == b"UCS";
        let mut default_width = 1.0;
        let mut cid_widths = Vec::new();
        if let Some(d) = descendant {
            if let Some(dw) = get(doc, d, b"DW").and_then(num) {
                default_width = dw * 0.001;
            }
            if let Some(Object::Array(w)) = get(doc, d, b"W") {
                let items: Vec<&Object> = w.iter().map(|o| deref(doc, o)).collect();
                let mut i = 0;
                while i < items.len() {
                    let Some(first) = num(items[i]) else {
                        i += 1;
                        continue;
                    };
                    match items.get(i + 1) {
                        Some(Object::Array(ws)) => {
                            for (k, o) in ws.iter().enumerate() {
                                let c = first as u32 + k as u32;
                                cid_widths.push((c, c, num(deref(doc, o)).unwrap_or(0.0) * 0.001));
                            }
                            i += 2;
                        }
                        Some(o) => {
                            if let (Some(last), Some(wd)) = (num(o), items.get(i + 2).and_then(|o| num(o))) {
                                cid_widths.push((first as u32, last as u32, wd * 0.001));
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
        }
        cid_widths.sort_by_key(|r| r.0);
        Ok(Font {
            kind: Kind::Composite { codes, ucs2 },
            to_unicode,
            first_char: 0,
            widths: vec![],
            cid_widths,
            default_width,
            width_scale: 0.001,
        })
    }

    fn cid_width(&self, cid: u32) -> f32 {
        // Ranges are sorted by first code; find the last one starting at or before cid.
        let idx = self.cid_widths.partition_point(|r| r.0 <= cid);
        self.cid_widths[..idx]
            .iter()
            .rev()
            .take(8)
            .find(|r| cid <= r.1)
            .map(|r| r.2)
            .unwrap_or(self.default_width)
    }

    fn mapped(&self, code: u32) -> Option<String> {
        let t = self.to_unicode.as_ref()?.get(code)?;
        // A map to nothing or to control characters is no map.
        (!t.is_empty() && !t.chars().all(|c| c.is_control())).then_some(t)
    }

    /// Splits shown bytes into codes with their text and width.
    pub fn decode(&self, bytes: &[u8], out: &mut Vec<Code>) {
        out.clear();
        match &self.kind {
            Kind::Simple { table } => {
                for &b in bytes {
                    let code = b as u32;
                    let text = self.mapped(code).or_else(|| table[b as usize].clone());
                    let w = code
                        .checked_sub(self.first_char)
                        .and_then(|i| self.widths.get(i as usize))
                        .map(|w| w * self.width_scale)
                        .unwrap_or(self.default_width);
                    out.push(Code { text, width: w, is_space: b == 32 });
                }
            }
            Kind::Composite { codes, ucs2 } => {
                for (code, len) in codes.split_codes(bytes) {
                    let text = self.mapped(code).or_else(|| {
                        if *ucs2 {
                            char::from_u32(code).filter(|c| !c.is_control()).map(String::from)
                        } else {
                            None
                        }
                    });
                    // Identity encodings: the code is the CID.
                    out.push(Code { text, width: self.cid_width(code), is_space: len == 1 && code == 32 });
                }
            }
        }
    }
}
