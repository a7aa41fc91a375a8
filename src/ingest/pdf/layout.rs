//! Layout: positioned glyphs of one page into lines of text in reading
//! order: overprinted fake-bold copies dropped, lines built by baseline then
//! x with gap-based spaces, the two header columns (issuer | national motto)
//! and the signature block (recipients | signer) kept apart as blocks.
//!
//! Must never: drop a glyph that is not an overprint copy, or reorder text
//! inside a line.

use rustc_hash::FxHashMap as HashMap;

use super::interp::Glyph;

/// A gap wider than this many font sizes splits a line into segments.
const SEGMENT_GAP: f32 = 2.2;
/// A gap wider than this many font sizes, with no space glyph in it,
/// splits a line into segments.
const COLUMN_GAP: f32 = 1.0;
/// A gap wider than this many font sizes is a word space.
const SPACE_GAP: f32 = 0.1;

/// One laid-out line.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
    /// Part of a column block (header or signature columns, tables).
    pub in_block: bool,
}

#[derive(Debug, Clone)]
struct Segment {
    x0: f32,
    x1: f32,
    text: String,
}

struct RawLine {
    y: f32,
    size: f32,
    segments: Vec<Segment>,
}

fn is_mark(s: &str) -> bool {
    s.chars().next().is_some_and(|c| matches!(c as u32, 0x300..=0x36F | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF))
}

/// Drops glyphs drawn again at (nearly) the same place with the same text:
/// fake bold is drawn two to four times with a small offset.
fn dedupe(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    type Cell<'t> = (&'t str, i32, i32);
    let mut seen: HashMap<Cell<'_>, Vec<(f32, f32)>> = HashMap::default();
    let mut keep = vec![true; glyphs.len()];
    for (i, g) in glyphs.iter().enumerate() {
        if g.text.trim().is_empty() {
            continue;
        }
        // A copy sits within a fraction of its own width, on the same baseline.
        let (tx, ty) = ((0.3 * g.w).max(0.3), (0.15 * g.size).max(0.3));
        let cell = tx.max(ty).max(1.0);
        let (qx, qy) = ((g.x / cell).floor() as i32, (g.y / cell).floor() as i32);
        let mut dup = false;
        'n: for dx in -1..=1 {
            for dy in -1..=1 {
                if let Some(v) = seen.get(&(g.text.as_str(), qx.saturating_add(dx), qy.saturating_add(dy))) {
                    if v.iter().any(|&(x, y)| (x - g.x).abs() <= tx && (y - g.y).abs() <= ty) {
                        dup = true;
                        break 'n;
                    }
                }
            }
        }
        if dup {
            keep[i] = false;
        } else {
            seen.entry((g.text.as_str(), qx, qy)).or_default().push((g.x, g.y));
        }
    }
    let mut k = keep.into_iter();
    glyphs.into_iter().filter(|_| k.next().unwrap_or(true)).collect()
}

fn build_lines(glyphs: Vec<Glyph>) -> Vec<RawLine> {
    let (mut stamps, mut glyphs): (Vec<Glyph>, Vec<Glyph>) = glyphs.into_iter().partition(|g| g.stamp);
    if stamps.len() > 4096 {
        // Not a signing stamp: lay it out with the page.
        glyphs.append(&mut stamps);
    }
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut groups: Vec<Vec<Glyph>> = Vec::new();
    let mut line_y = f32::NAN;
    let mut line_size = 0.0f32;
    for g in glyphs {
        let tol = 0.4 * line_size.max(g.size).min(line_size.max(1.0) * 2.0);
        if !groups.is_empty() && (line_y - g.y).abs() <= tol {
            if let Some(l) = groups.last_mut() {
                l.push(g);
            }
        } else {
            line_y = g.y;
            line_size = g.size;
            groups.push(vec![g]);
        }
    }
    // Annotation text (the signing tool's number and date) joins the line
    // whose baseline is nearest, even when the stamp sits a little off it.
    for g in stamps {
        let nearest = groups
            .iter_mut()
            .filter_map(|l| l.first().map(|f| ((f.y - g.y).abs(), f.size)).map(|d| (d, l)))
            .min_by(|a, b| a.0 .0.total_cmp(&b.0 .0));
        match nearest {
            Some(((d, size), l)) if d <= 0.8 * size.max(g.size) => l.push(g),
            _ => {
                let at = groups.iter().position(|l| l.first().is_some_and(|f| f.y < g.y)).unwrap_or(groups.len());
                groups.insert(at, vec![g]);
            }
        }
    }
    groups
        .into_iter()
        .map(|mut gs| {
            gs.sort_by(|a, b| a.x.total_cmp(&b.x));
            // Sizes of visible glyphs: the line's typical size is their median.
            let mut sizes: Vec<f32> = gs.iter().filter(|g| !g.text.trim().is_empty()).map(|g| g.size).collect();
            sizes.sort_by(|a, b| a.total_cmp(b));
            let size = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0);
            let y = gs.iter().map(|g| g.y).fold(f32::MIN, f32::max);
            let mut segments: Vec<Segment> = Vec::new();
            // `end`: right edge of the last visible glyph. A blank glyph is a
            // word space only when it sits after that edge (blanks that a
            // signature stamp overprints are not).
            let mut end = f32::MIN;
            let mut blank_center: Option<f32> = None;
            let mut last_stamp = false;
            for g in &gs {
                if g.text.trim().is_empty() {
                    let c = g.x + g.w / 2.0;
                    if c >= end {
                        blank_center = Some(c);
                    }
                    continue;
                }
                let pending_space = blank_center.take().is_some_and(|c| c <= g.x)
                    || (g.stamp != last_stamp && g.x - end > 0.02 * size);
                last_stamp = g.stamp;
                let gap = g.x - end;
                match segments.last_mut() {
                    // A wide gap splits; so does a narrower one that no space
                    // glyph fills (text placed at a column, not typed across).
                    Some(seg) if is_mark(&g.text) || (gap <= SEGMENT_GAP * size && (pending_space || gap <= COLUMN_GAP * size)) => {
                        if !is_mark(&g.text) && (pending_space || gap > SPACE_GAP * size) && !seg.text.ends_with(' ') {
                            seg.text.push(' ');
                        }
                        seg.text.push_str(&g.text);
                        seg.x1 = seg.x1.max(g.x + g.w);
                    }
                    _ => segments.push(Segment { x0: g.x, x1: g.x + g.w, text: g.text.clone() }),
                }
                end = end.max(g.x + g.w);
            }
            for s in &mut segments {
                let t = s.text.trim();
                if t.len() != s.text.len() {
                    s.text = t.to_string();
                }
            }
            segments.retain(|s| !s.text.is_empty());
            RawLine { y, size, segments }
        })
        .filter(|l| !l.segments.is_empty())
        .collect()
}

/// The gutter `(g0, g1)` narrowed to what this line leaves free, or `None`
/// when a segment of the line runs across it.
fn narrow(line: &RawLine, g0: f32, g1: f32) -> Option<(f32, f32)> {
    let eps = 0.5;
    let (mut n0, mut n1) = (g0, g1);
    for s in &line.segments {
        if s.x1 <= g0 + eps || s.x0 >= g1 - eps {
            continue;
        } else if s.x0 < g0 && s.x1 < g1 {
            n0 = n0.max(s.x1);
        } else if s.x0 > g0 && s.x1 > g1 {
            n1 = n1.min(s.x0);
        } else {
            return None;
        }
    }
    (n1 - n0 >= line.size).then_some((n0, n1))
}

/// The gutter of a block: the widest gap between segments of this line.
fn widest_gap(line: &RawLine) -> Option<(f32, f32)> {
    line.segments.windows(2).map(|w| (w[0].x1, w[1].x0)).max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
}

fn join(segs: &[&Segment], sep: &str) -> String {
    segs.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(sep)
}

fn whole(l: &RawLine, sep: &str, in_block: bool) -> Line {
    let segs: Vec<&Segment> = l.segments.iter().collect();
    Line {
        text: join(&segs, sep),
        x0: l.segments.first().map_or(0.0, |s| s.x0),
        x1: l.segments.last().map_or(0.0, |s| s.x1),
        y: l.y,
        size: l.size,
        in_block,
    }
}

/// Lays out one page's glyphs into lines in reading order.
pub fn layout(glyphs: Vec<Glyph>) -> Vec<Line> {
    let lines = build_lines(dedupe(glyphs));
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let Some((mut g0, mut g1)) = (lines[i].segments.len() >= 2).then(|| widest_gap(&lines[i])).flatten() else {
            out.push(whole(&lines[i], " ", false));
            i += 1;
            continue;
        };
        // Grow the block downwards while lines keep clear of the gutter and
        // stay close.
        let mut j = i + 1;
        while j < lines.len() {
            let l = &lines[j];
            let prev = &lines[j - 1];
            if prev.y - l.y > 3.0 * prev.size.max(l.size) {
                break;
            }
            let Some(n) = narrow(l, g0, g1) else { break };
            (g0, g1) = n;
            j += 1;
        }
        if j == i + 1 {
            // One line alone is no column block: keep it whole.
            out.push(whole(&lines[i], " ", false));
            i += 1;
            continue;
        }
        let block = &lines[i..j];
        let many = block.iter().filter(|l| l.segments.len() >= 3).count();
        if many * 2 > block.len() && block.len() >= 2 {
            // A table: a row per line, cells separated by tabs.
            out.extend(block.iter().map(|l| whole(l, "\t", true)));
        } else {
            for left in [true, false] {
                for l in block {
                    let segs: Vec<&Segment> = l.segments.iter().filter(|s| (s.x1 <= g0 + 0.5) == left).collect();
                    if segs.is_empty() {
                        continue;
                    }
                    out.push(Line {
                        text: join(&segs, " "),
                        x0: segs.first().map_or(0.0, |s| s.x0),
                        x1: segs.last().map_or(0.0, |s| s.x1),
                        y: l.y,
                        size: l.size,
                        in_block: true,
                    });
                }
            }
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x: f32, y: f32, s: &str) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(k, c)| Glyph { x: x + k as f32 * 6.0, y, w: 6.0, size: 12.0, text: c.to_string(), stamp: false })
            .collect()
    }

    #[test]
    fn fake_bold_is_dropped_and_spaces_come_from_gaps() {
        let mut g = word(10.0, 700.0, "0004");
        g.extend(word(10.3, 700.0, "0004"));
        g.extend(word(50.0, 700.0, "ab"));
        let lines = layout(g);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "0004 ab");
    }

    #[test]
    fn header_columns_stay_apart() {
        let mut g = word(40.0, 800.0, "UBND");
        g.extend(word(300.0, 800.0, "CONG HOA"));
        g.extend(word(40.0, 785.0, "SO CT"));
        g.extend(word(300.0, 785.0, "Doc lap"));
        g.extend(word(40.0, 700.0, "Body text runs across the whole page width here ok"));
        let text: Vec<String> = layout(g).into_iter().map(|l| l.text).collect();
        assert_eq!(text, ["UBND", "SO CT", "CONG HOA", "Doc lap", "Body text runs across the whole page width here ok"]);
    }
}
