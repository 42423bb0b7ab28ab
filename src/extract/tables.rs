//! Tables: the segmented table blocks → diagnostics for the ones OCR garbled (the grid is kept as
//! raw text; readers should not trust its rows and columns).

use super::Doc;
use crate::report::{Diagnostic, Severity};

/// One diagnostic per garbled table, pointing at it.
pub fn diagnostics(doc: &Doc) -> Vec<Diagnostic> {
    doc.seg
        .tables
        .iter()
        .filter(|t| t.garbled)
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
