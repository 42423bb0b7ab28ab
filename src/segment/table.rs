//! Tables: lines → table blocks (rows of cells, header row, whether the grid is garbled).
//!
//! The decoders write a table of three or more columns one row per line, cells joined by " | "
//! (src/decode/flatten.rs); Markdown kept as text may also frame rows with "|", and text pasted
//! from a spreadsheet separates cells with tabs. Consecutive such lines with one separator style
//! form a table. OCR reads ruled tables as lines with stray bars and brackets: such a grid (rows of
//! different widths, cells of junk) is kept but marked `garbled`, so that readers do not take its
//! numbers for a clean row/column grid.

use super::Line;
use crate::limits::MAX_TABLES;
use std::ops::Range;

/// Most cells read from one row; wider rows are cut here.
const MAX_CELLS: usize = 64;
/// Share (in quarters) of junk cells above which a table is garbled.
const GARBLED_JUNK_QUARTERS: usize = 1;

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index into the segmented lines.
    pub line: usize,
    /// Byte ranges of the cells, trimmed (an empty cell is an empty range).
    pub cells: Vec<Range<usize>>,
}

/// A table block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Indexes into the segmented lines.
    pub lines: Range<usize>,
    /// Its rows, in order.
    pub rows: Vec<Row>,
    /// Leading rows that are column headers (0 or 1): text cells over rows holding numbers.
    pub header_rows: usize,
    /// Rows of different widths or cells of OCR junk: not a reliable grid.
    pub garbled: bool,
}

impl Table {
    /// Byte range of the column header of column `col` (from the header row), if any.
    pub fn column_header(&self, col: usize) -> Option<Range<usize>> {
        if self.header_rows == 0 {
            return None;
        }
        self.rows.first()?.cells.get(col).filter(|r| !r.is_empty()).cloned()
    }

    /// Byte range of the row header (first cell) of row `row`, if it is not a header row.
    pub fn row_header(&self, row: usize) -> Option<Range<usize>> {
        if row < self.header_rows {
            return None;
        }
        self.rows.get(row)?.cells.first().filter(|r| !r.is_empty()).cloned()
    }

    /// The (row, column) of the cell holding byte `at`, if any.
    pub fn cell_at(&self, at: usize) -> Option<(usize, usize)> {
        let r = self.rows.iter().position(|row| row.cells.first().is_some_and(|c| c.start <= at) && row.cells.last().is_some_and(|c| at <= c.end))?;
        let c = self.rows[r].cells.iter().position(|c| c.start <= at && at <= c.end)?;
        Some((r, c))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sep {
    Bar,
    Tab,
}

/// Cells of a line under a separator style, or `None` when the line is not a row of it.
fn cells(text: &str, line: &Line, sep: Sep) -> Option<Vec<Range<usize>>> {
    let s = line.text(text);
    let (pat, min_seps) = match sep {
        Sep::Bar => (" | ", 2),
        Sep::Tab => ("\t", 2),
    };
    let framed = sep == Sep::Bar && s.trim_start().starts_with('|') && s.trim_end().ends_with('|') && s.trim().len() > 1;
    let inner = if framed {
        let t0 = s.len() - s.trim_start().len();
        let t1 = s.trim_end().len();
        (t0 + 1)..(t1 - 1)
    } else {
        0..s.len()
    };
    let body = &s[inner.clone()];
    let seps = if framed { body.matches('|').count() } else { body.matches(pat).count() };
    if seps + usize::from(framed) * 2 < min_seps {
        return None;
    }
    let cell_range = |a: usize, b: usize| {
        let cell = &s[a..b];
        let lead = cell.len() - cell.trim_start().len();
        let start = line.start + a + lead;
        start..start + cell.trim().len()
    };
    let mut out = Vec::new();
    let mut from = inner.start;
    let split: &str = if framed { "|" } else { pat };
    for (k, _) in body.match_indices(split) {
        if out.len() + 1 >= MAX_CELLS {
            break;
        }
        out.push(cell_range(from, inner.start + k));
        from = inner.start + k + split.len();
    }
    out.push(cell_range(from, inner.end));
    Some(out)
}

/// A cell OCR made of a ruled grid: no letter or digit, or brackets, bars and specks.
fn is_junk(cell: &str) -> bool {
    !cell.is_empty() && (!cell.chars().any(char::is_alphanumeric) || cell.chars().any(|c| matches!(c, '[' | ']' | '{' | '}' | '_' | '|' | '¢' | '£' | '®' | '™' | '¥')))
}

fn has_digit(cell: &str) -> bool {
    cell.chars().any(|c| c.is_ascii_digit())
}

/// Finds the tables among the lines.
pub fn find(text: &str, lines: &[Line]) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() && tables.len() < MAX_TABLES {
        let sep = if cells(text, &lines[i], Sep::Bar).is_some() {
            Sep::Bar
        } else if cells(text, &lines[i], Sep::Tab).is_some() {
            Sep::Tab
        } else {
            i += 1;
            continue;
        };
        let start = i;
        let mut rows = Vec::new();
        while i < lines.len() {
            match cells(text, &lines[i], sep) {
                Some(c) => rows.push(Row { line: i, cells: c }),
                None => break,
            }
            i += 1;
        }
        // A lone tab-separated line is not a table (tabs also indent text).
        if sep == Sep::Tab && rows.len() < 2 {
            continue;
        }
        let widths: Vec<usize> = rows.iter().map(|r| r.cells.len()).collect();
        let (lo, hi) = (widths.iter().min().copied().unwrap_or(0), widths.iter().max().copied().unwrap_or(0));
        let all: Vec<&str> = rows.iter().flat_map(|r| r.cells.iter().map(|c| &text[c.clone()])).collect();
        let junk = all.iter().filter(|c| is_junk(c)).count();
        let garbled = hi > lo + 1 || junk * 4 > all.len() * GARBLED_JUNK_QUARTERS;
        let header_rows = usize::from(
            rows.len() >= 2
                && rows[0].cells.iter().all(|c| !has_digit(&text[c.clone()]) || text[c.clone()].chars().any(char::is_alphabetic))
                && rows[0].cells.iter().filter(|c| has_digit(&text[(*c).clone()])).count() * 2 < rows[0].cells.len()
                && rows[1..].iter().any(|r| r.cells.iter().skip(1).any(|c| has_digit(&text[c.clone()]))),
        );
        tables.push(Table { lines: start..i, rows, header_rows, garbled });
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::super::segment;

    #[test]
    fn bảng_từ_docx_có_hàng_tiêu_đề() {
        let t = "Kết quả:\nChỉ tiêu | Kế hoạch | Thực hiện\nLúa (tấn) | 1.000 | 1.034,5\nNgô (tấn) | 200 | 210\nHết.";
        let s = segment(t);
        assert_eq!(s.tables.len(), 1);
        let tb = &s.tables[0];
        assert_eq!(tb.rows.len(), 3);
        assert_eq!(tb.header_rows, 1);
        assert!(!tb.garbled);
        assert_eq!(&t[tb.column_header(2).unwrap()], "Thực hiện");
        assert_eq!(&t[tb.row_header(1).unwrap()], "Lúa (tấn)");
        let at = t.find("1.034,5").unwrap();
        assert_eq!(tb.cell_at(at), Some((1, 2)));
    }

    #[test]
    fn bảng_markdown_có_khung_và_bảng_tab() {
        let t = "| A | B |\n| 1 | 2 |\n\nx\ty\tz\n1\t2\t3\n";
        let s = segment(t);
        assert_eq!(s.tables.len(), 2);
        assert_eq!(&t[s.tables[0].rows[1].cells[1].clone()], "2");
        assert_eq!(s.tables[1].rows[0].cells.len(), 3);
    }

    #[test]
    fn bảng_ocr_hỏng() {
        let t = "X | Xudt sdc [ ] Tot [ ] Trung binh | _|Kém\nS0 | 108 94l | “yknong | hoagiai | (so sach";
        let s = segment(t);
        assert_eq!(s.tables.len(), 1);
        assert!(s.tables[0].garbled);
    }

    #[test]
    fn dòng_thường_không_phải_bảng() {
        let s = segment("Một câu | có một gạch.\nMột dòng\tcó tab.");
        assert!(s.tables.is_empty());
    }

    #[test]
    fn dòng_1mb_nhiều_ô_bị_cắt() {
        let t = "a | ".repeat(300_000);
        let s = segment(&t);
        assert_eq!(s.tables[0].rows[0].cells.len(), 64);
    }
}
