//! Byte offsets in the normalised text → UTF-16 [`Span`]s, the unit JavaScript strings index by.
//!
//! The core works in UTF-8 byte offsets (Rust `&str`); the Report speaks UTF-16 code units so that
//! `report.text.slice(start, end)` is exact in JS. Vietnamese is almost all non-ASCII ("ệ" is 3 bytes
//! but 1 unit), so every span goes through here. Conversion is O(1) per offset plus a scan of at
//! most [`BLOCK`] bytes, using prefix counts taken once per text.

use crate::report::Span;
use std::ops::Range;

/// Bytes per checkpoint: trades index memory (4 bytes per block) against scan length.
const BLOCK: usize = 64;

/// The largest char boundary of `s` at or below byte `i` (`str::floor_char_boundary`, which is
/// newer than the crate's minimum Rust version).
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// UTF-16 positions of a text, for converting byte offsets.
#[derive(Debug, Clone)]
pub struct Utf16Index<'a> {
    text: &'a str,
    /// `checkpoints[i]` = UTF-16 units in `text[..i * BLOCK]`.
    checkpoints: Vec<u32>,
}

/// UTF-16 code units encoded by a run of UTF-8 bytes that starts and ends anywhere: every byte that
/// is not a continuation byte starts a scalar (1 unit), and 4-byte scalars need a surrogate pair.
fn units(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .map(|&b| u32::from((b & 0xC0) != 0x80) + u32::from(b >= 0xF0))
        .sum()
}

impl<'a> Utf16Index<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut acc = 0u32;
        checkpoints.push(0);
        for chunk in bytes.chunks(BLOCK) {
            acc += units(chunk);
            checkpoints.push(acc);
        }
        Utf16Index { text, checkpoints }
    }

    /// The indexed text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// UTF-16 offset of byte offset `byte` (clamped to the text; must be a char boundary).
    pub fn offset(&self, byte: usize) -> u32 {
        let byte = byte.min(self.text.len());
        debug_assert!(self.text.is_char_boundary(byte), "offset {byte} is not a char boundary");
        let block = byte / BLOCK;
        self.checkpoints[block] + units(&self.text.as_bytes()[block * BLOCK..byte])
    }

    /// Byte offset of UTF-16 offset `unit`: the first char boundary at or after it (clamped to the
    /// text), so a span from [`Self::span`] maps back to its bytes.
    pub fn byte(&self, unit: u32) -> usize {
        // Last block starting at or before `unit`, then a scan of at most one block.
        let block = self.checkpoints.partition_point(|&c| c <= unit).saturating_sub(1);
        let mut at = (block * BLOCK).min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let mut units = self.offset(at);
        for (i, c) in self.text[at..].char_indices() {
            if units >= unit {
                return at + i;
            }
            units += c.len_utf16() as u32;
        }
        self.text.len()
    }

    /// Span of a byte range.
    pub fn span(&self, range: Range<usize>) -> Span {
        Span { start: self.offset(range.start), end: self.offset(range.end) }
    }

    /// Total length in UTF-16 code units.
    pub fn len_utf16(&self) -> u32 {
        self.offset(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_len(s: &str) -> u32 {
        s.encode_utf16().count() as u32
    }

    #[test]
    fn mọi_ranh_giới_ký_tự_khớp_với_encode_utf16() {
        // Vietnamese, ASCII, an astral emoji and a decomposed mark, longer than one block.
        let text = "Báo cáo số 7763/BC-UBND 😀 ngày 09 tháng 11 năm 2023 — Ủy ban nhân dân huyện Tháp Mười e\u{301} ".repeat(5);
        let idx = Utf16Index::new(&text);
        for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            assert_eq!(idx.offset(b), utf16_len(&text[..b]), "at byte {b}");
        }
        assert_eq!(idx.len_utf16(), utf16_len(&text));
    }

    #[test]
    fn span_cắt_đúng_chuỗi_như_javascript() {
        let text = "Số: 7763/BC-UBND";
        let idx = Utf16Index::new(text);
        let start = text.find("7763").unwrap();
        let s = idx.span(start..text.len());
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&units[s.start as usize..s.end as usize]).unwrap(), "7763/BC-UBND");
    }

    #[test]
    fn văn_bản_rỗng() {
        let idx = Utf16Index::new("");
        assert_eq!(idx.len_utf16(), 0);
        assert_eq!(idx.span(0..0), Span { start: 0, end: 0 });
    }

    #[test]
    fn đơn_vị_utf16_về_byte() {
        let t = "Số 𝐀 ngày ".repeat(40);
        let ix = Utf16Index::new(&t);
        for (b, _) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
            assert_eq!(ix.byte(ix.offset(b)), b, "byte {b}");
        }
        assert_eq!(ix.byte(u32::MAX), t.len());
    }
}
