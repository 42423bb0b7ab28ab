//! The `cmap` table of an embedded TrueType font → Unicode per glyph id: the fallback for CID
//! fonts that come without a ToUnicode map (their codes are glyph ids, through CIDToGIDMap).
//! Formats 4 and 12 of the Unicode subtables (3,1), (3,10) and (0,*); bounded by the table size.

use std::collections::HashMap;

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?]))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(i)?,
        *b.get(i + 1)?,
        *b.get(i + 2)?,
        *b.get(i + 3)?,
    ]))
}

/// Most glyph→Unicode entries kept from one font.
const MAX_ENTRIES: usize = 65_536;

/// Glyph id → Unicode character, from the font's Unicode cmap subtable (`None`: no such table).
pub fn glyph_unicode(font: &[u8]) -> Option<HashMap<u16, char>> {
    let tables = u16_at(font, 4)? as usize;
    let mut cmap = None;
    for t in 0..tables.min(64) {
        let rec = 12 + 16 * t;
        if font.get(rec..rec + 4)? == b"cmap" {
            let off = u32_at(font, rec + 8)? as usize;
            cmap = Some(font.get(off..)?);
        }
    }
    let cmap = cmap?;
    let n = u16_at(cmap, 2)? as usize;
    let mut best: Option<(u8, usize)> = None;
    for i in 0..n.min(64) {
        let (pid, eid) = (u16_at(cmap, 4 + 8 * i)?, u16_at(cmap, 6 + 8 * i)?);
        let off = u32_at(cmap, 8 + 8 * i)? as usize;
        let rank = match (pid, eid) {
            (3, 10) => 4,
            (0, 4) | (0, 6) => 3,
            (3, 1) => 2,
            (0, _) => 1,
            _ => continue,
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, off));
        }
    }
    let sub = cmap.get(best?.1..)?;
    let mut out: HashMap<u16, char> = HashMap::new();
    let mut put = |gid: u32, cp: u32| {
        if gid == 0 || gid > u16::MAX as u32 || out.len() >= MAX_ENTRIES {
            return;
        }
        if let Some(c) = char::from_u32(cp) {
            // Keep the first (lowest) code point of a glyph, but prefer a non-PUA one.
            let e = out.entry(gid as u16).or_insert(c);
            if ('\u{E000}'..='\u{F8FF}').contains(e) && !('\u{E000}'..='\u{F8FF}').contains(&c) {
                *e = c;
            }
        }
    };
    match u16_at(sub, 0)? {
        4 => {
            let segs = u16_at(sub, 6)? as usize / 2;
            let ends = 14;
            let starts = ends + 2 * segs + 2;
            let deltas = starts + 2 * segs;
            let ranges = deltas + 2 * segs;
            for s in 0..segs {
                let end = u16_at(sub, ends + 2 * s)? as u32;
                let start = u16_at(sub, starts + 2 * s)? as u32;
                let delta = u16_at(sub, deltas + 2 * s)?;
                let ro = u16_at(sub, ranges + 2 * s)? as usize;
                if start > end || end == 0xFFFF && start == 0xFFFF {
                    continue;
                }
                for c in start..=end {
                    let gid = if ro == 0 {
                        (c as u16).wrapping_add(delta)
                    } else {
                        let at = ranges + 2 * s + ro + 2 * (c - start) as usize;
                        match u16_at(sub, at) {
                            Some(0) | None => continue,
                            Some(g) => g.wrapping_add(delta),
                        }
                    };
                    put(gid as u32, c);
                }
            }
        }
        12 => {
            let groups = u32_at(sub, 12)? as usize;
            for g in 0..groups.min(MAX_ENTRIES) {
                let at = 16 + 12 * g;
                let (start, end, gid) =
                    (u32_at(sub, at)?, u32_at(sub, at + 4)?, u32_at(sub, at + 8)?);
                if end < start || end - start > MAX_ENTRIES as u32 {
                    continue;
                }
                for c in start..=end {
                    put(gid + (c - start), c);
                }
            }
        }
        _ => return None,
    }
    Some(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A font of just a table directory and a format-4 cmap mapping `chars` to glyphs 1, 2, 3…
    pub(crate) fn tiny_font(chars: &[char]) -> Vec<u8> {
        let mut seg_end = Vec::new();
        let mut seg_start = Vec::new();
        let mut delta = Vec::new();
        for (i, c) in chars.iter().enumerate() {
            let c = *c as u32 as u16;
            seg_start.push(c);
            seg_end.push(c);
            delta.push((i as u16 + 1).wrapping_sub(c));
        }
        seg_start.push(0xFFFF);
        seg_end.push(0xFFFF);
        delta.push(1);
        let segs = seg_end.len() as u16;
        let mut sub = Vec::new();
        for v in [4u16, 0, 0, segs * 2, 0, 0, 0] {
            sub.extend_from_slice(&v.to_be_bytes());
        }
        seg_end
            .iter()
            .for_each(|v| sub.extend_from_slice(&v.to_be_bytes()));
        sub.extend_from_slice(&[0, 0]);
        seg_start
            .iter()
            .for_each(|v| sub.extend_from_slice(&v.to_be_bytes()));
        delta
            .iter()
            .for_each(|v| sub.extend_from_slice(&v.to_be_bytes()));
        (0..segs).for_each(|_| sub.extend_from_slice(&[0, 0]));
        let len = sub.len() as u16;
        sub[2..4].copy_from_slice(&len.to_be_bytes());
        let mut cmap = vec![0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12];
        cmap.extend_from_slice(&sub);
        let mut font = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        font.extend_from_slice(b"cmap");
        font.extend_from_slice(&[0, 0, 0, 0]);
        font.extend_from_slice(&28u32.to_be_bytes());
        font.extend_from_slice(&(cmap.len() as u32).to_be_bytes());
        font.extend_from_slice(&cmap);
        font
    }

    #[test]
    fn format4() {
        let m = glyph_unicode(&tiny_font(&['B', 'á', 'ơ', 'ự'])).unwrap();
        assert_eq!(m.get(&1), Some(&'B'));
        assert_eq!(m.get(&3), Some(&'ơ'));
        assert_eq!(m.get(&4), Some(&'ự'));
        assert!(glyph_unicode(b"junk").is_none());
    }
}
