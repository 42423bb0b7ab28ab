//! Tables: the segmented table blocks → the report's `tables` (rows × cells with spans, header
//! rows, section) and diagnostics for the ones OCR garbled (the grid is kept as raw text; readers
//! should not trust its rows and columns).

use super::Doc;
use crate::report::{Diagnostic, Section, Severity, TableBlock, TableCell};

/// Whether a table's grid is not to be trusted: segmentation says so (rows of different widths,
/// junk cells), or the text is OCR output and the "table" is one line with bars — what OCR makes of
/// a ruled table's row or of text crossed by rules, not a table of one row.
fn garbled(t: &crate::segment::Table, ocr: bool) -> bool {
    t.garbled || (ocr && t.rows.len() < 2)
}

/// The document's tables, in order (at most `limits::MAX_TABLES`, as segmentation finds them).
/// `ocr`: the text is OCR output (`source.noise.ocr`).
pub fn extract(doc: &Doc, outline: &[Section], ocr: bool) -> Vec<TableBlock> {
    let text = doc.text;
    doc.seg
        .tables
        .iter()
        .filter_map(|t| {
            let first = doc.seg.lines.get(t.lines.start)?;
            let last = doc.seg.lines.get(t.lines.end.checked_sub(1)?)?;
            let span = doc.span(first.start..last.end);
            let rows = t
                .rows
                .iter()
                .map(|r| {
                    r.cells
                        .iter()
                        .map(|c| TableCell { text: text.get(c.clone()).unwrap_or("").to_owned(), span: doc.span(c.clone()) })
                        .collect()
                })
                .collect();
            Some(TableBlock {
                span,
                rows,
                header_rows: t.header_rows as u32,
                garbled: garbled(t, ocr),
                section_path: super::outline::section_path(outline, span.start),
            })
        })
        .collect()
}

/// One diagnostic per garbled table, pointing at it.
pub fn diagnostics(doc: &Doc, ocr: bool) -> Vec<Diagnostic> {
    doc.seg
        .tables
        .iter()
        .filter(|t| garbled(t, ocr))
        .filter_map(|t| {
            let first = doc.seg.lines.get(t.lines.start)?;
            let last = doc.seg.lines.get(t.lines.end.checked_sub(1)?)?;
            Some(doc.diagnostic(
                Severity::Info,
                "tables.garbled",
                format!("Bảng {} dòng bị nhận dạng sai (ô lệch cột hoặc ký tự rác); được giữ nguyên dạng văn bản, số liệu trong bảng cần kiểm tra lại.", t.rows.len()),
                Some(first.start..last.end),
            ))
        })
        .collect()
}
