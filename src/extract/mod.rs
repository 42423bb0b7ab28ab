//! Extract: segmented text → metadata, outline (and, as their extractors land, figures, citations,
//! footnotes), with diagnostics. Each extractor reads the same [`Doc`] and owns its module.

pub mod citations;
pub mod figures;
pub mod footnotes;
pub mod metadata;
pub mod outline;
pub mod places;
pub mod tables;

use crate::report::{Diagnostic, Severity, Span};
use crate::segment::Segmented;
use crate::span::Utf16Index;
use std::ops::Range;

/// What every extractor reads: the normalised text, its lines, and the UTF-16 index for spans.
pub struct Doc<'a> {
    /// Normalised text.
    pub text: &'a str,
    /// Its lines and blocks.
    pub seg: &'a Segmented,
    /// Byte → UTF-16 conversion.
    pub index: &'a Utf16Index<'a>,
    /// The text folded once ([`crate::fold`]), shared by the extractors that read folded text.
    pub folded: &'a crate::fold::Folded,
}

/// The ranges of `ranges` that can be blanked in `text` (in bounds, not reversed, on char
/// boundaries), sorted by start; overlapping ones are kept.
pub fn blank_ranges(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let mut rs: Vec<Range<usize>> =
        ranges.filter(|r| r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)).collect();
    crate::sort::sort_by_key(&mut rs, |r| r.start);
    rs
}

/// `text` with `blanks` (from [`blank_ranges`]) blanked by spaces of the same byte length, so
/// offsets stay valid (footnote markers and bodies hidden from the running-text extractors).
/// Overlapping ranges are fine.
pub fn masked_with(text: &str, blanks: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    for r in blanks {
        // Copy up to the range, then blank what of it is not blanked yet.
        let from = out.len().max(r.start);
        if out.len() < r.start {
            out.push_str(&text[out.len()..r.start]);
        }
        out.extend(std::iter::repeat_n(' ', r.end.saturating_sub(from)));
    }
    let done = out.len();
    out.push_str(&text[done..]);
    out
}

impl Doc<'_> {
    /// UTF-16 span of a byte range.
    pub fn span(&self, r: Range<usize>) -> Span {
        self.index.span(r)
    }

    /// A diagnostic, optionally pointing at a byte range.
    pub fn diagnostic(&self, severity: Severity, code: &str, message: String, at: Option<Range<usize>>) -> Diagnostic {
        Diagnostic { severity, code: code.to_owned(), message, span: at.map(|r| self.span(r)) }
    }
}

#[cfg(test)]
// Single ranges in vectors and a reversed range are the cases under test.
#[allow(clippy::single_range_in_vec_init, clippy::reversed_empty_ranges)]
mod masked_tests {
    use super::{blank_ranges, masked_with};

    fn masked(text: &str, ranges: impl Iterator<Item = std::ops::Range<usize>>) -> String {
        masked_with(text, &blank_ranges(text, ranges))
    }

    #[test]
    fn che_khoảng_giữ_nguyên_độ_dài_byte() {
        let text = "Tăng 6,7%[footnoteRef:1] so với năm 2022[footnoteRef:2].";
        let naive = |ranges: &[std::ops::Range<usize>]| {
            let mut b = text.as_bytes().to_vec();
            for r in ranges {
                b[r.clone()].iter_mut().for_each(|x| *x = b' ');
            }
            String::from_utf8(b).unwrap()
        };
        let a = text.find('[').unwrap();
        let b = text.rfind('[').unwrap();
        for ranges in [
            vec![],
            vec![a..a + 16],
            vec![b..b + 16, a..a + 16],       // out of order
            vec![a..a + 16, a + 3..a + 10],   // nested
            vec![a..a + 10, a + 5..a + 16],   // overlapping
            vec![0..text.len()],
        ] {
            let got = masked(text, ranges.iter().cloned());
            assert_eq!(got, naive(&ranges), "{ranges:?}");
            assert_eq!(got.len(), text.len());
        }
        // Not on a char boundary ("ă" is 2 bytes at 1..3), reversed, out of bounds: ignored.
        assert_eq!(masked(text, [2..3, 5..4, 0..999].into_iter()), text);
    }
}
