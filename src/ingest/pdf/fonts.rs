//! Fonts: how the bytes of a shown string become character codes, Unicode
//! text and advance widths, for simple fonts (`/Encoding`, `/Differences`)
//! and composite fonts (Identity-H and embedded CMaps), with `/ToUnicode`
//! taking precedence wherever it maps a code.
//!
//! Must never: fail on a damaged font dictionary (a font that cannot be
//! read maps nothing, and its page is flagged for OCR), or inflate a
//! stream past the caller's budget.

use rustc_hash::FxHashMap as HashMap;

use lopdf::{Dictionary, Document, Object};

use std::sync::LazyLock;

use super::cmap::CMap;
use super::glyphs::{name_to_unicode, symbol, wingdings, BaseEncoding};
use super::Budget;

/// Widths of the standard fonts, used when a simple font has no /Widths
/// (OCR text layers in non-embedded Helvetica, old Times documents).
static CORE_WIDTHS: LazyLock<HashMap<&'static str, HashMap<char, f32>>> = LazyLock::new(|| {
    include_str!("core_widths.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (name, rest) = l.split_once('\t')?;
            let widths = rest
                .split(' ')
                .filter_map(|p| {
                    let (h, w) = p.split_once(':')?;
                    Some((char::from_u32(u32::from_str_radix(h, 16).ok()?)?, w.parse::<f32>().ok()? / 1000.0))
                })
                .collect();
            Some((name, widths))
        })
        .collect()
});

/// The standard font whose metrics stand in for a font named `base`.
fn core_metrics(base: &str) -> Option<&'static HashMap<char, f32>> {
    let name = base.rsplit('+').next().unwrap_or(base).to_ascii_lowercase();
    let bold = name.contains("bold");
    let italic = name.contains("italic") || name.contains("oblique");
    let family = if name.contains("times") {
        match (bold, italic) {
            (true, true) => "Times-BoldItalic",
            (true, false) => "Times-Bold",
            (false, true) => "Times-Italic",
            _ => "Times-Roman",
        }
    } else if name.contains("helvetica") || name.contains("arial") {
        if bold { "Helvetica-Bold" } else { "Helvetica" }
    } else {
        return None;
    };
    CORE_WIDTHS.get(family)
}

/// CID → glyph id → Unicode, from the embedded TrueType program.
#[derive(Debug)]
struct GlyphMap {
    /// `None`: the identity map.
    cid_to_gid: Option<Vec<u16>>,
    unicode: HashMap<u16, char>,
}

#[derive(Debug)]
enum Kind {
    /// One byte per code; `table[code]` is the encoding's text for it.
    Simple {
        table: Box<[Option<String>; 256]>,
        /// The base encoding's character for each code.
        base: Box<[Option<char>; 256]>,
        /// Codes `/Differences` names with a known glyph name.
        named: Box<[bool; 256]>,
    },
    /// Codes split by the encoding CMap; `ucs2` when codes are Unicode.
    Composite { codes: CMap, ucs2: bool, gids: Option<GlyphMap> },
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
    /// Standard-font metrics for a simple font without /Widths.
    core: Option<&'static HashMap<char, f32>>,
    /// A Wingdings font (its private-use codes are bullets and ticks).
    wingdings: bool,
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

/// A character's standard-font width, or its base letter's (`ư` → `u`).
fn core_width(core: &HashMap<char, f32>, text: &str) -> Option<f32> {
    let c = text.chars().next()?;
    if let Some(w) = core.get(&c) {
        return Some(*w);
    }
    use unicode_normalization::UnicodeNormalization;
    let base = std::iter::once(c).nfd().next()?;
    core.get(&base).copied()
}

impl Font {
    /// A font that maps nothing (missing or unreadable font resource).
    pub fn unknown() -> Font {
        Font {
            kind: Kind::Simple {
                table: Box::new(std::array::from_fn(|_| None)),
                base: Box::new([None; 256]),
                named: Box::new([false; 256]),
            },
            to_unicode: None,
            first_char: 0,
            widths: vec![],
            cid_widths: vec![],
            default_width: 0.5,
            width_scale: 0.001,
            core: None,
            wingdings: false,
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
        let base_table: Box<[Option<char>; 256]> = Box::new(std::array::from_fn(|c| {
            let c = c as u8;
            if wing {
                wingdings(c)
            } else if base == BaseEncoding::Symbol {
                symbol(c)
            } else {
                base.decode(c)
            }
        }));
        let mut table: Box<[Option<String>; 256]> = Box::new(std::array::from_fn(|c| base_table[c].map(String::from)));
        let mut named = Box::new([false; 256]);
        for (code, text) in differences {
            // A name no list knows keeps the base encoding's character, as
            // other readers do; the repair stage knows those mojibake shapes.
            if let Some(t) = text {
                named[code as usize] = true;
                table[code as usize] = Some(t);
            }
        }
        let first_char = get(doc, dict, b"FirstChar").and_then(num).unwrap_or(0.0).max(0.0) as u32;
        let widths: Vec<f32> = match get(doc, dict, b"Widths") {
            Some(Object::Array(w)) => w.iter().map(|o| num(deref(doc, o)).unwrap_or(0.0)).collect(),
            _ => vec![],
        };
        let missing = descriptor.and_then(|d| get(doc, d, b"MissingWidth")).and_then(num).filter(|w| *w > 0.0);
        let core = if widths.is_empty() { core_metrics(&String::from_utf8_lossy(base_font)) } else { None };
        let mut width_scale = 0.001;
        if subtype == b"Type3" {
            if let Some(Object::Array(m)) = get(doc, dict, b"FontMatrix") {
                if let Some(a) = m.first().and_then(num) {
                    width_scale = a;
                }
            }
        }
        Ok(Font {
            kind: Kind::Simple { table, base: base_table, named },
            to_unicode,
            first_char,
            widths,
            cid_widths: vec![],
            default_width: missing.map(|m| m * width_scale).unwrap_or(if subtype == b"Type3" { 0.0 } else { 0.5 }),
            width_scale,
            core,
            wingdings: wing,
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
                                let c = (first as u32).saturating_add(k as u32);
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
        let gids = match (&to_unicode, descendant) {
            (None, Some(d)) if !ucs2 => Self::glyph_map(doc, d, budget)?,
            _ => None,
        };
        Ok(Font {
            kind: Kind::Composite { codes, ucs2, gids },
            to_unicode,
            first_char: 0,
            widths: vec![],
            cid_widths,
            default_width,
            width_scale: 0.001,
            core: None,
            wingdings: String::from_utf8_lossy(get(doc, dict, b"BaseFont").and_then(name_of).unwrap_or(b"")).to_ascii_lowercase().contains("wingding"),
        })
    }

    /// The embedded TrueType program's own cmap, inverted.
    fn glyph_map(doc: &Document, cid_font: &Dictionary, budget: &Budget) -> Result<Option<GlyphMap>, super::IngestError> {
        let Some(Object::Dictionary(desc)) = get(doc, cid_font, b"FontDescriptor") else { return Ok(None) };
        let Some(Object::Stream(program)) = get(doc, desc, b"FontFile2") else { return Ok(None) };
        let unicode = super::truetype::glyph_to_unicode(&budget.inflate(program)?);
        if unicode.is_empty() {
            return Ok(None);
        }
        let cid_to_gid = match get(doc, cid_font, b"CIDToGIDMap") {
            Some(Object::Stream(s)) => Some(budget.inflate(s)?.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect()),
            _ => None,
        };
        Ok(Some(GlyphMap { cid_to_gid, unicode }))
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
        if t.is_empty() || t.chars().all(|c| c.is_control()) {
            return None;
        }
        Some(self.symbol_private_use(t))
    }

    /// Word maps Symbol and Wingdings glyphs to the private-use page
    /// U+F0xx (`U+F0B7` for the Symbol bullet): give the real character.
    fn symbol_private_use(&self, t: String) -> String {
        let mut chars = t.chars();
        match (chars.next(), chars.next()) {
            (Some(c @ '\u{F020}'..='\u{F0FF}'), None) => {
                let low = (c as u32 & 0xFF) as u8;
                let real = if self.wingdings { wingdings(low) } else { symbol(low) };
                real.map(String::from).unwrap_or(t)
            }
            _ => t,
        }
    }

    /// Splits shown bytes into codes with their text and width.
    pub fn decode(&self, bytes: &[u8], out: &mut Vec<Code>) {
        out.clear();
        match &self.kind {
            Kind::Simple { table, base, named } => {
                for &b in bytes {
                    let code = b as u32;
                    let i = b as usize;
                    let text = match self.mapped(code) {
                        // A /ToUnicode written from the base encoding (0xB0 →
                        // `°`) while /Differences names the glyph `uhorn`: the
                        // glyph name tells what is drawn.
                        Some(t) if named[i] && base[i].is_some_and(|c| t.chars().eq(std::iter::once(c))) => table[i].clone(),
                        Some(t) => Some(t),
                        None => table[i].clone(),
                    };
                    let w = match self.core {
                        Some(core) => text.as_deref().and_then(|t| core_width(core, t)).unwrap_or(self.default_width),
                        None => code
                            .checked_sub(self.first_char)
                            .and_then(|i| self.widths.get(i as usize))
                            .map(|w| w * self.width_scale)
                            .unwrap_or(self.default_width),
                    };
                    out.push(Code { text, width: w, is_space: b == 32 });
                }
            }
            Kind::Composite { codes, ucs2, gids } => {
                for (code, len) in codes.split_codes(bytes) {
                    let text = self.mapped(code).or_else(|| {
                        if *ucs2 {
                            char::from_u32(code).filter(|c| !c.is_control()).map(String::from)
                        } else {
                            let g = gids.as_ref()?;
                            let gid = match &g.cid_to_gid {
                                Some(v) => *v.get(code as usize)?,
                                None => u16::try_from(code).ok()?,
                            };
                            g.unicode.get(&gid).map(|c| c.to_string())
                        }
                    });
                    // Identity encodings: the code is the CID.
                    out.push(Code { text, width: self.cid_width(code), is_space: len == 1 && code == 32 });
                }
            }
        }
    }
}
