//! Segment: normalised text → lines, blocks (paragraphs separated by blank lines) and tables, with
//! byte ranges into the text. Knows nothing about metadata or headings.

pub mod table;

use std::ops::Range;
pub use table::{Row, Table};

/// One line of the normalised text, without its `\n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// First byte.
    pub start: usize,
    /// One past the last byte (before the `\n`).
    pub end: usize,
}

impl Line {
    /// The line's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Byte range of the line without leading and trailing whitespace.
    pub fn trimmed(&self, text: &str) -> Range<usize> {
        let s = self.text(text);
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead == s.len() {
            return self.start..self.start;
        }
        self.start + lead..self.end - trail
    }

    /// True for an empty or whitespace-only line.
    pub fn is_blank(&self, text: &str) -> bool {
        self.text(text).trim().is_empty()
    }
}

/// A run of non-blank lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Indexes into [`Segmented::lines`].
    pub lines: Range<usize>,
}

/// Lines and blocks of a text.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    /// Every line, in order (a text of `n` newlines has `n + 1` lines).
    pub lines: Vec<Line>,
    /// Paragraph-like blocks.
    pub blocks: Vec<Block>,
    /// Tables: runs of lines whose cells are separated by " | " (how the decoders lay out docx,
    /// HTML and Markdown tables) or by tabs (text pasted from a spreadsheet).
    pub tables: Vec<Table>,
}

/// Splits `text` into lines and blocks.
pub fn segment(text: &str) -> Segmented {
    let mut lines = Vec::with_capacity(text.len() / 60 + 1);
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            lines.push(Line { start, end: i });
            start = i + 1;
        }
    }
    lines.push(Line { start, end: text.len() });

    let mut blocks = Vec::new();
    let mut open: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        match (line.is_blank(text), open) {
            (false, None) => open = Some(i),
            (true, Some(s)) => {
                blocks.push(Block { lines: s..i });
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        blocks.push(Block { lines: s..lines.len() });
    }
    let tables = table::find(text, &lines);
    Segmented { lines, blocks, tables }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dòng_và_khối() {
        let t = "BÁO CÁO\nTình hình quý III\n\n\nI. KẾT QUẢ\n";
        let s = segment(t);
        let texts: Vec<&str> = s.lines.iter().map(|l| l.text(t)).collect();
        assert_eq!(texts, ["BÁO CÁO", "Tình hình quý III", "", "", "I. KẾT QUẢ", ""]);
        assert_eq!(s.blocks, vec![Block { lines: 0..2 }, Block { lines: 4..5 }]);
    }

    #[test]
    fn văn_bản_rỗng_có_một_dòng_không_khối() {
        let s = segment("");
        assert_eq!(s.lines.len(), 1);
        assert!(s.blocks.is_empty());
    }

    #[test]
    fn cắt_khoảng_trắng_hai_đầu() {
        let t = "  TỜ TRÌNH ";
        let s = segment(t);
        assert_eq!(&t[s.lines[0].trimmed(t)], "TỜ TRÌNH");
    }
}
