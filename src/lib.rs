//! # baocao
//!
//! Parses and summarises Vietnamese government and Party reports (báo cáo, tờ trình, kế hoạch,
//! quyết định, công văn…) entirely offline: the same Rust core runs natively (the `baocao` CLI)
//! and in the browser as WebAssembly, and both produce the same JSON for the same bytes.
//!
//! ```
//! let report = baocao::parse(baocao::Input::Text("Số: 7763/BC-UBND\nBÁO CÁO\nKết quả năm 2023"), &baocao::Options::default()).unwrap();
//! assert_eq!(report.metadata.number_symbol.as_deref(), Some("7763/BC-UBND"));
//! assert_eq!(report.metadata.doc_type.unwrap().name, "Báo cáo");
//! ```
//!
//! ## Pipeline
//! Each stage is a module whose first doc line says what it turns into what:
//! [`decode`] (bytes → Unicode, format, encoding) → [`normalise`] (→ clean NFC text with an offset
//! map) → [`segment`] (→ lines, blocks) → [`extract`] (→ metadata, outline, …) → [`summarise`]
//! (→ headline, key points, stats) → [`Report`]. Catalogues (document types, section roles) are
//! data files under `data/`, loaded by [`catalogue`].
//!
//! ## Offsets
//! Internally every position is a UTF-8 byte offset into the normalised text; the Report speaks
//! UTF-16 code units ([`span`]) so `report.text.slice(start, end)` is exact in JavaScript.
//!
//! ## Untrusted input
//! Only unreadable input is an [`Error`] (with an [`ErrorCode`]); anything the analysis cannot find
//! is `null` plus a diagnostic. Sizes are bounded by the named constants in [`limits`].
#![deny(missing_docs)]
#![cfg_attr(not(target_arch = "wasm32"), forbid(unsafe_code))]

pub mod catalogue;
pub mod compare;
pub mod decode;
pub mod error;
pub mod export;
pub mod extract;
pub mod fold;
pub mod letters;
pub mod limits;
pub mod nfc;
pub mod normalise;
pub mod options;
pub mod report;
pub mod segment;
pub mod sort;
pub mod span;
pub mod summarise;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use decode::Input;
pub use error::{Error, ErrorCode, Result};
pub use options::Options;
pub use report::Report;

use report::{Diagnostic, Encoding, Severity, Source};

/// Crate version, as in Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Parses one document.
///
/// # Errors
/// Only for unreadable input: too large, a container this version cannot read, binary data
/// (see [`ErrorCode`]). Everything else yields a Report, with diagnostics for what was not found.
pub fn parse(input: Input<'_>, options: &Options) -> Result<Report> {
    let decoded = decode::decode(input)?;
    let normalised = normalise::normalise_with(&decoded.text, normalise::reflows(decoded.format));
    let text = normalised.text.as_str();
    let seg = segment::segment(text);
    let index = span::Utf16Index::new(text);
    let folded = fold::Folded::new(text, 0);
    let doc = extract::Doc { text, seg: &seg, index: &index, folded: &folded };

    let mut diagnostics = decoded.diagnostics;
    let mut encoding = decoded.encoding;
    if normalised.recomposed_words > 0 {
        // A document is "Unicode tổ hợp" when most of its accented words are decomposed; a few
        // decomposed words pasted into a precomposed document (seed 004 has 49 of 6,750) are not.
        if encoding == Encoding::Utf8 && normalised.recomposed_words * 2 >= normalised.non_ascii_words {
            encoding = Encoding::UnicodeNfd;
        }
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            code: "normalise.nfc".into(),
            message: format!(
                "{} từ viết bằng Unicode tổ hợp đã được chuẩn hóa về Unicode dựng sẵn (NFC).",
                normalised.recomposed_words
            ),
            span: None,
        });
    }
    let repairs = [
        (normalised.glyph_fixes, "normalise.glyphs", "ký tự sai do phông PDF (ƣ, ð, chữ ghép) đã được sửa"),
        (normalised.split_syllables, "normalise.splitSyllables", "âm tiết bị tách bởi dấu cách thừa đã được nối lại"),
        (normalised.joins, "normalise.reflow", "dòng bị ngắt giữa đoạn đã được nối lại"),
        (normalised.page_numbers, "normalise.pageNumbers", "dòng số trang đã được bỏ khỏi nội dung"),
    ];
    for (n, code, what) in repairs {
        if n > 0 {
            diagnostics.push(Diagnostic { severity: Severity::Info, code: code.into(), message: format!("{n} {what}."), span: None });
        }
    }
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "input.empty".into(),
            message: "Văn bản trống: không có gì để phân tích.".into(),
            span: None,
        });
    }
    let noise = normalise::noise::assess(text);
    if noise.ocr {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "source.ocr".into(),
            message: "Văn bản có dấu hiệu là kết quả nhận dạng ảnh quét (OCR): nhiều chữ bị đọc sai thành số hoặc ký hiệu; kết quả được đọc theo cách so khớp gần đúng.".into(),
            span: None,
        });
    }
    if noise.missing_diacritics {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "source.missingDiacritics".into(),
            message: "Văn bản gần như không có dấu tiếng Việt (có thể do OCR hoặc gõ không dấu); kết quả được đọc theo cách so khớp không dấu.".into(),
            span: None,
        });
    }

    let extract::metadata::Extracted { metadata, diagnostics: md_diags, body_start } = extract::metadata::extract(&doc);
    let notes = extract::footnotes::extract(&doc, noise.ocr);
    let doc_kind = extract::outline::DocKind::from_code(metadata.doc_type.as_ref().map(|t| t.code.as_str()));
    let (outline, outline_diags) = extract::outline::extract_with(&doc, &notes.body_ranges, doc_kind);
    diagnostics.extend(md_diags);
    diagnostics.extend(outline_diags);
    diagnostics.extend(notes.diagnostics);
    diagnostics.extend(extract::tables::diagnostics(&doc, noise.ocr));

    // Footnote markers are not figures; numbers inside footnote bodies still are (issue 5).
    let figure_skip: Vec<std::ops::Range<usize>> = notes.marker_ranges.clone();
    let figures = extract::figures::extract(&doc, &outline, &figure_skip, metadata.period.as_ref().map(|p| p.label.as_str()));
    let citations = extract::citations::extract(&doc, metadata.number_symbol.as_deref());
    let places = extract::places::extract(&doc);
    let footnotes = notes.items;
    let tables = extract::tables::extract(&doc, &outline, noise.ocr);
    limit_diagnostics(&mut diagnostics, &[
        (seg.tables.len() >= limits::MAX_TABLES, "tables.tooMany", limits::MAX_TABLES, "bảng; các bảng sau được đọc như văn bản thường"),
        (figures.len() >= limits::MAX_FIGURES, "figures.tooMany", limits::MAX_FIGURES, "số liệu; các số liệu sau không được liệt kê"),
        (citations.len() >= limits::MAX_CITATIONS, "citations.tooMany", limits::MAX_CITATIONS, "văn bản được viện dẫn; các văn bản sau không được liệt kê"),
        (places.len() >= limits::MAX_PLACES, "places.tooMany", limits::MAX_PLACES, "địa danh và chữ viết tắt; các tên sau không được liệt kê"),
    ]);
    let summary = summarise::summarise(&summarise::SummaryInput {
        doc: &doc,
        metadata: &metadata,
        outline: &outline,
        figures: &figures,
        citations: citations.len(),
        footnotes: footnotes.len(),
        lines: seg.lines.len(),
        body_start,
        not_running: &notes.body_ranges,
    });

    let mut report = Report {
        schema_version: report::SCHEMA_VERSION,
        source: Source {
            name: options.name.clone(),
            format: decoded.format,
            encoding,
            bytes: input.len() as u64,
            chars: u64::from(index.len_utf16()),
            noise,
        },
        metadata,
        outline,
        figures,
        citations,
        places,
        footnotes,
        tables,
        summary,
        diagnostics,
        text: options.text.then(|| normalised.text.clone()),
        exports: None,
    };
    if options.exports {
        report.exports = Some(report::Exports {
            markdown: export::markdown(&report),
            figures_csv: export::csv(&report, export::Table::Figures),
            citations_csv: export::csv(&report, export::Table::Citations),
        });
    }
    Ok(report)
}

/// Warns about every item limit the document reached (each silently cutting a list otherwise), and
/// keeps the diagnostics within [`limits::MAX_DIAGNOSTICS`], saying so when some are dropped.
/// A limit reached is a warning even when the document has exactly that many items: the extractors
/// stop there and cannot tell.
fn limit_diagnostics(diagnostics: &mut Vec<Diagnostic>, caps: &[(bool, &str, usize, &str)]) {
    let warnings: Vec<Diagnostic> = caps
        .iter()
        .filter(|c| c.0)
        .map(|&(_, code, max, what)| Diagnostic {
            severity: Severity::Warning,
            code: code.into(),
            message: format!("Đã đạt giới hạn {max} {what}."),
            span: None,
        })
        .collect();
    let room = limits::MAX_DIAGNOSTICS - warnings.len();
    if diagnostics.len() > room {
        diagnostics.truncate(room - 1);
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "diagnostics.tooMany".into(),
            message: format!("Quá {} ghi chú phân tích; các ghi chú sau đã bị bỏ.", limits::MAX_DIAGNOSTICS),
            span: None,
        });
    }
    diagnostics.extend(warnings);
}

/// The Report as compact JSON: the one serialisation both the CLI and the wasm module use.
pub fn to_json(report: &Report) -> String {
    // Serialising plain data with string keys cannot fail; fall back to a valid JSON error object.
    serde_json::to_string(report).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
}
