//! Offset map: positions in a rewritten text → positions in the text it was made from.
//!
//! Each stage that rewrites text (decode: bytes → UTF-8; normalise: UTF-8 → clean NFC) records
//! anchors while it writes, instead of diffing afterwards (the eyecite `SpanUpdater` mistake).
//! Between two anchors the mapping advances one-for-one and is clamped at the next anchor, so it
//! is monotone by construction.

/// Map from output byte offsets to input byte offsets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OffsetMap {
    /// Output offsets of the anchors, strictly increasing.
    out: Vec<usize>,
    /// Input offsets of the anchors, non-decreasing.
    inp: Vec<usize>,
    out_len: usize,
    in_len: usize,
}

impl OffsetMap {
    /// The identity map over `len` bytes, shifted by `shift` (e.g. a stripped BOM).
    pub fn identity(len: usize, shift: usize) -> Self {
        OffsetMap { out: vec![0], inp: vec![shift], out_len: len, in_len: len + shift }
    }

    /// An empty map, to be filled with [`OffsetMap::anchor`].
    pub fn new() -> Self {
        OffsetMap { out: vec![0], inp: vec![0], out_len: 0, in_len: 0 }
    }

    /// Records that output offset `out` corresponds to input offset `inp`. Anchors must come in
    /// order; an anchor that the one-for-one rule already implies is not stored.
    pub fn anchor(&mut self, out: usize, inp: usize) {
        let last = self.out.len() - 1;
        let (lo, li) = (self.out[last], self.inp[last]);
        debug_assert!(out >= lo && inp >= li, "anchors out of order");
        if out == lo {
            // Same output position: the later input position wins (text was dropped before it).
            self.inp[last] = inp.max(li);
            return;
        }
        if inp == li + (out - lo) {
            return; // implied
        }
        self.out.push(out);
        self.inp.push(inp.max(li));
    }

    /// Closes the map: lengths of the output and input.
    pub fn finish(&mut self, out_len: usize, in_len: usize) {
        self.anchor(out_len, in_len);
        self.out_len = out_len;
        self.in_len = in_len;
    }

    /// Input offset of output offset `pos` (clamped to the ends).
    pub fn to_input(&self, pos: usize) -> usize {
        let pos = pos.min(self.out_len);
        let i = self.out.partition_point(|&o| o <= pos) - 1;
        let mapped = self.inp[i] + (pos - self.out[i]);
        let limit = self.inp.get(i + 1).copied().unwrap_or(self.in_len);
        mapped.min(limit)
    }

    /// Input range of an output range of `out_text`: the end is taken just after the input of the
    /// range's last char, so text dropped right after the range (trailing blanks) is not included.
    pub fn to_input_range(&self, r: std::ops::Range<usize>, out_text: &str) -> std::ops::Range<usize> {
        let start = self.to_input(r.start);
        let end = match out_text.get(r.start..r.end).and_then(|s| s.chars().next_back()) {
            Some(c) => (self.to_input(r.end - c.len_utf8()) + c.len_utf8()).min(self.to_input(r.end)),
            None => start,
        };
        start..end.max(start)
    }

    /// Number of stored anchors (for tests and benchmarks).
    pub fn anchors(&self) -> usize {
        self.out.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn đồng_nhất_có_dịch_chuyển_bom() {
        let m = OffsetMap::identity(10, 3);
        assert_eq!(m.to_input(0), 3);
        assert_eq!(m.to_input(10), 13);
        assert_eq!(m.to_input(99), 13);
    }

    #[test]
    fn neo_và_kẹp_giữ_tính_đơn_điệu() {
        // "a\r\nb" → "a\nb": output 2 ('b') ← input 3.
        let mut m = OffsetMap::new();
        m.anchor(0, 0);
        m.anchor(2, 3);
        m.finish(3, 4);
        assert_eq!(m.to_input(0), 0);
        assert_eq!(m.to_input(1), 1);
        assert_eq!(m.to_input(2), 3);
        assert_eq!(m.to_input(3), 4);
        let mut prev = 0;
        for p in 0..=3 {
            assert!(m.to_input(p) >= prev);
            prev = m.to_input(p);
        }
    }

    #[test]
    fn neo_ngầm_định_không_được_lưu() {
        let mut m = OffsetMap::new();
        m.anchor(5, 5);
        m.anchor(9, 9);
        m.finish(12, 12);
        assert_eq!(m.anchors(), 1);
    }
}
