//! Reads the `cmap` table of an embedded TrueType font program and inverts
//! it into glyph id → Unicode: the only way to read composite fonts that
//! carry no `/ToUnicode` (Word's "Identity-H, no uni" subsets).
//!
//! Must never: read outside the font bytes or panic on a damaged table.

use rustc_hash::FxHashMap as HashMap;

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([*d.get(at)?, *d.get(at + 1)?, *d.get(at + 2)?, *d.get(at + 3)?]))
}

/// Glyph id → Unicode character from the font's Unicode cmap subtables.
pub fn glyph_to_unicode(font: &[u8]) -> HashMap<u16, char> {
    parse(font).unwrap_or_default()
}

fn parse(font: &[u8]) -> Option<HashMap<u16, char>> {
    let tables = u16_at(font, 4)? as usize;
    let mut cmap = None;
    for t in 0..tables.min(64) {
        let rec = 12 + t * 16;
        if font.get(rec..rec + 4)? == b"cmap" {
            cmap = Some(u32_at(font, rec + 8)? as usize);
        }
    }
    let cmap = cmap?;
    let n = u16_at(font, cmap + 2)? as usize;
    // Unicode subtables first: (3,10), (0,*), (3,1); the symbol one (3,0) last.
    let mut subs: Vec<(u8, usize)> = Vec::new();
    for i in 0..n.min(64) {
        let rec = cmap + 4 + i * 8;
        let (pid, eid) = (u16_at(font, rec)?, u16_at(font, rec + 2)?);
        let off = cmap + u32_at(font, rec + 4)? as usize;
        let rank = match (pid, eid) {
            (3, 10) => 0,
            (0, _) => 1,
            (3, 1) => 2,
            (3, 0) => 3,
            _ => continue,
        };
        subs.push((rank, off));
    }
    subs.sort();
    let mut out: HashMap<u16, char> = HashMap::default();
    for (rank, off) in subs {
        let mut add = |code: u32, gid: u16| {
            if gid == 0 {
                return;
            }
            // Symbol subtables put characters at U+F0xx: take the low byte.
            let code = if rank == 3 && (0xF000..=0xF0FF).contains(&code) { code & 0xFF } else { code };
            if let Some(c) = char::from_u32(code).filter(|c| !c.is_control()) {
                out.entry(gid).or_insert(c);
            }
        };
        match u16_at(font, off)? {
            4 => {
                let segs = u16_at(font, off + 6)? as usize / 2;
                let ends = off + 14;
                let starts = ends + segs * 2 + 2;
                let deltas = starts + segs * 2;
                let ranges = deltas + segs * 2;
                let mut covered = 0u32;
                for s in 0..segs {
                    let end = u16_at(font, ends + s * 2)? as u32;
                    let start = u16_at(font, starts + s * 2)? as u32;
                    let delta = u16_at(font, deltas + s * 2)?;
                    let ro = u16_at(font, ranges + s * 2)? as usize;
                    if start > end || end - start > 0x4000 {
                        continue;
                    }
                    covered += end - start + 1;
                    if covered > 1 << 17 {
                        break;
                    }
                    for c in start..=end.min(0xFFFE) {
                        let gid = if ro == 0 {
                            (c as u16).wrapping_add(delta)
                        } else {
                            let at = ranges + s * 2 + ro + (c - start) as usize * 2;
                            match u16_at(font, at) {
                                Some(0) | None => 0,
                                Some(g) => g.wrapping_add(delta),
                            }
                        };
                        add(c, gid);
                    }
                }
            }
            12 => {
                let groups = u32_at(font, off + 12)? as usize;
                // At most 2^17 mappings in all: a hostile table cannot spin.
                let mut total = 0u32;
                for g in 0..groups.min(100_000) {
                    let rec = off + 16 + g * 12;
                    let (start, end, gid) = (u32_at(font, rec)?, u32_at(font, rec + 4)?, u32_at(font, rec + 8)?);
                    if start > end || end - start > 0x10000 {
                        continue;
                    }
                    total = total.saturating_add(end - start + 1);
                    if total > 1 << 17 {
                        break;
                    }
                    for (k, c) in (start..=end).enumerate() {
                        add(c, gid.wrapping_add(k as u32) as u16);
                    }
                }
            }
            6 => {
                let first = u16_at(font, off + 6)? as u32;
                let count = u16_at(font, off + 8)? as usize;
                for k in 0..count {
                    add(first + k as u32, u16_at(font, off + 10 + k * 2)?);
                }
            }
            0 => {
                for c in 0..256u32 {
                    add(c, *font.get(off + 6 + c as usize)? as u16);
                }
            }
            _ => {}
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format4_inverts() {
        // Minimal font: one table (cmap) with a (3,1) format-4 subtable
        // mapping U+01B0..U+01B1 to glyphs 5..6 by delta.
        let mut f = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        f.extend_from_slice(b"cmap");
        f.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 0]);
        // cmap header at 28
        f.extend_from_slice(&[0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12]);
        // format 4 at 28+12, two segments (the second is the 0xFFFF end).
        let delta = (5u16).wrapping_sub(0x01B0);
        f.extend_from_slice(&[0, 4, 0, 32, 0, 0, 0, 4, 0, 4, 0, 1, 0, 0]);
        f.extend_from_slice(&[0x01, 0xB1, 0xFF, 0xFF, 0, 0, 0x01, 0xB0, 0xFF, 0xFF]);
        f.extend_from_slice(&delta.to_be_bytes());
        f.extend_from_slice(&[0, 1, 0, 0, 0, 0]);
        let m = glyph_to_unicode(&f);
        assert_eq!(m.get(&5), Some(&'ư'));
        assert_eq!(m.get(&6), Some(&'Ʊ'));
        assert_eq!(glyph_to_unicode(&f[..20]).len(), 0);
    }
}
