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
