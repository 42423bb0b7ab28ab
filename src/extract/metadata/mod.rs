//! Metadata: the document's thể thức (letterhead, số/ký hiệu, địa danh–ngày, tên loại, trích yếu,
//! Kính gửi, chữ ký, Nơi nhận, Lưu) → [`Metadata`] fields, a compliance checklist and diagnostics.
//!
//! Patterns run on *folded* text (lowercase, no diacritics: see [`crate::fold`]) and tolerate the
//! usual OCR confusions ("S6" = "Số", "Pang" = "Đảng", "nim" = "năm", "Noi nhgn" = "Nơi nhận"), so
//! the same rule reads clean, unaccented and OCR text; values are cut from the original text
//! through the fold map, so they are reported as printed.
//!
//! - [`head`]: family, motto, issuer, number and symbol, place and date, type, subject,
//!   recipients, confidentiality/urgency marks (the first [`HEAD_LINES`] lines only: the body
//!   cites other documents with numbers and dates of their own);
//! - [`tail`]: Nơi nhận, Lưu and the signature block (columns side by side handled);
//! - [`period`]: the reporting period named in the subject;
//! - [`compliance`]: the family's required components, ok / missing / malformed.

mod compliance;
mod database;
mod head;
mod period;
mod tail;

use super::Doc;
use crate::fold::Folded;
use crate::limits::{HEAD_LINES, MAX_HEAD_LINE_BYTES};
use crate::report::{Diagnostic, Metadata, Severity};
use regex::Regex;

pub(crate) use period::period;

/// A cell of a line: the line split at table bars, tabs and wide gaps, since the two-column
/// letterhead and the Nơi nhận / signature columns arrive side by side on one line.
#[derive(Debug)]
pub(super) struct Cell {
    /// Index of the line in `doc.seg.lines`.
    pub line: usize,
    /// Byte range in the text (trimmed).
    pub start: usize,
    pub end: usize,
    /// Folded form, mapped back to the text.
    pub folded: Folded,
}

impl Cell {
    fn text<'t>(&self, doc: &Doc<'t>) -> &'t str {
        &doc.text[self.start..self.end]
    }
}

/// Widest run of spaces inside a column's text; a wider one separates two columns.
const COLUMN_GAP: usize = 3;

/// Cells of line `i` (empty for blank lines and lines longer than [`MAX_HEAD_LINE_BYTES`]).
pub(super) fn cells(doc: &Doc, i: usize) -> Vec<Cell> {
    cells_upto(doc, i, usize::MAX)
}

/// The first cell of line `i`: what the tail's line-by-line searches look at, without folding
/// the rest of the line.
pub(super) fn first_cell(doc: &Doc, i: usize) -> Option<Cell> {
    cells_upto(doc, i, 1).into_iter().next()
}

/// The start of the first cell of line `i`, at most [`CELL_HEAD_BYTES`] of it: for the tail's
/// searches over every line with patterns anchored at a cell's start ("Nơi nhận:", "Phụ lục"),
/// which then fold a few bytes per line instead of the whole line.
pub(super) fn first_cell_head(doc: &Doc, i: usize) -> Option<Cell> {
    cells_within(doc, i, 1, CELL_HEAD_BYTES).into_iter().next()
}

/// Bytes of a line read by [`first_cell_head`]; longer than any phrase its callers look for.
const CELL_HEAD_BYTES: usize = 64;

/// The first `max` cells of line `i`.
fn cells_upto(doc: &Doc, i: usize, max: usize) -> Vec<Cell> {
    cells_within(doc, i, max, usize::MAX)
}

/// The first `max` cells of the first `max_bytes` of line `i` (cut back to a char boundary).
fn cells_within(doc: &Doc, i: usize, max: usize, max_bytes: usize) -> Vec<Cell> {
    let Some(l) = doc.seg.lines.get(i) else { return Vec::new() };
    if l.end - l.start > MAX_HEAD_LINE_BYTES {
        return Vec::new();
    }
    let whole = l.text(doc.text);
    let mut cut = whole.len().min(max_bytes);
    while !whole.is_char_boundary(cut) {
        cut -= 1;
    }
    let s = &whole[..cut];
    let mut out = Vec::new();
    let mut cell_start = 0;
    let mut spaces = 0;
    let push = |a: usize, b: usize, out: &mut Vec<Cell>| {
        let t = &s[a..b];
        let lead = t.len() - t.trim_start().len();
        let t2 = t.trim();
        if !t2.is_empty() {
            let start = l.start + a + lead;
            out.push(Cell { line: i, start, end: start + t2.len(), folded: Folded::new(t2, start) });
        }
    };
    for (k, c) in s.char_indices() {
        if out.len() >= max {
            return out;
        }
        if c == '|' || c == '\t' {
            push(cell_start, k, &mut out);
            cell_start = k + c.len_utf8();
            spaces = 0;
        } else if c == ' ' || c == '\u{a0}' {
            spaces += 1;
        } else {
            if spaces >= COLUMN_GAP && !s[cell_start..k].trim().is_empty() {
                push(cell_start, k, &mut out);
                cell_start = k;
            }
            spaces = 0;
        }
    }
    push(cell_start, s.len(), &mut out);
    rejoin_split_fields(doc, out)
}

/// Folded cell endings that leave a "Số" or a date open, and the starts that close them: legacy
/// files space the fields of the letterhead's right column with tabs and runs of spaces
/// ("SỐ:      40   /2000/TT/BTC", "Hà nội, ngày  14   tháng  7   năm 1998"), which the column
/// split would cut into "Số:" / "40" / "/2000/TT/BTC".
struct SplitField {
    /// The cell ends with an unfinished field: the "Số" label (and maybe its number), or
    /// "ngày N" / "tháng N" of a date.
    open_end: Regex,
    /// The next cell continues it: digits or the slash of the number, "tháng …" / "năm …".
    continues: Regex,
}

fn split_field() -> &'static SplitField {
    static P: std::sync::OnceLock<SplitField> = std::sync::OnceLock::new();
    P.get_or_init(|| SplitField {
        open_end: re(r"(?:^s[o06e]\s*:?(?:\s*[0-9]{1,6})?|(?:^|[\s,])(?:ng[a-z]{1,2}y|th[a-z]{1,2}ng)\s+[0-9]{1,2})$"),
        continues: re(r"^(?:[0-9/]|-\s*[0-9a-z]|(?:th[a-z]{1,2}ng|n[a-z]{1,2}m)\s*[0-9])"),
    })
}

/// Joins back the pieces of a "Số" or a date that wide gaps split into several cells (not across
/// a table bar, which separates real columns). Each join consumes a cell, so the loop is bounded.
fn rejoin_split_fields(doc: &Doc, cells: Vec<Cell>) -> Vec<Cell> {
    let p = split_field();
    let mut out: Vec<Cell> = Vec::with_capacity(cells.len());
    for c in cells {
        let join = out.last().is_some_and(|prev| {
            p.open_end.is_match(&prev.folded.text) && p.continues.is_match(&c.folded.text) && !doc.text[prev.end..c.start].contains('|')
        });
        match out.last_mut() {
            Some(prev) if join => {
                prev.end = c.end;
                prev.folded = Folded::new(&doc.text[prev.start..prev.end], prev.start);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A regex over folded text for `phrase` (folded, ASCII) that tolerates OCR confusions: each
/// letter accepts the glyphs OCR mistakes it for (vn-text.md: "Đ" read as "P"/"B", "o" as "0"/"e",
/// "l" as "1", "ư" as "w"), spaces accept any run of spaces, hyphens any dash with spaces.
pub(super) fn ocr_regex(phrase: &str) -> String {
    let mut out = String::new();
    for c in phrase.chars() {
        let class = match c {
            'a' => "[a4@eoq]",
            'o' => "[o0q6e]",
            'e' => "[eoa]",
            'i' => "[i1l|!]",
            'l' => "[l1i|!]",
            'u' => "[uwvy]",
            'd' => "[dpb]",
            'c' => "[ce]",
            ' ' => r"\s*",
            '-' => r"\s*[-–—]\s*",
            _ => "",
        };
        if class.is_empty() {
            out.push_str(&regex::escape(&c.to_string()));
        } else {
            out.push_str(class);
        }
    }
    out
}

/// Compiles a pattern written in this module (a failure is a bug caught by the unit tests).
pub(super) fn re(p: &str) -> Regex {
    Regex::new(p).expect("metadata pattern compiles (covered by tests)")
}

/// Whether two folded words are equal up to OCR confusions of single glyphs (same length; vowels
/// for vowels, "d"/"p"/"b", "l"/"i"/"1"): "ceo" = "cao", "pang" = "dang".
pub(super) fn ocr_word_eq(a: &str, b: &str) -> bool {
    fn class(c: char) -> u8 {
        match c {
            'a' | 'e' | 'o' | 'u' | 'y' | '4' | '0' | '6' | 'q' | 'w' | '@' => 1,
            'i' | 'l' | '1' | '|' | '!' => 2,
            'd' | 'p' | 'b' => 3,
            _ => 0,
        }
    }
    a.chars().count() == b.chars().count()
        && a.chars().zip(b.chars()).all(|(x, y)| x == y || (class(x) != 0 && class(x) == class(y)))
}

/// A value printed without diacritics (OCR) that catalogue `catalogue` names (by `restore`) takes
/// the catalogue's spelling, with an info diagnostic saying so.
pub(super) fn respell(doc: &Doc, field: &mut Option<String>, restore: fn(&str) -> Option<String>, catalogue: &str, diags: &mut Vec<Diagnostic>) {
    let Some(printed) = field.as_deref() else { return };
    let Some(restored) = restore(printed) else { return };
    diags.push(doc.diagnostic(
        Severity::Info,
        "metadata.diacriticsRestored",
        format!("\"{printed}\" không có dấu (bản OCR); viết lại theo danh mục {catalogue}: \"{restored}\"."),
        None,
    ));
    *field = Some(restored);
}

/// At least 80% of the letters are capitals (letterheads, type headings, signature titles).
pub(super) fn mostly_uppercase(s: &str) -> bool {
    crate::letters::mostly_capitals(s)
}

/// ISO date from day, month, year strings, if they make a calendar date.
pub(crate) fn iso_date(d: &str, m: &str, y: &str) -> Option<String> {
    let (d, m, y): (u32, u32, u32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1..=days).contains(&d) && (1900..=2100).contains(&y)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// What [`extract`] reads: the fields, the diagnostics, and where the body begins.
#[derive(Debug)]
pub struct Extracted {
    /// The metadata fields and the compliance checklist.
    pub metadata: Metadata,
    /// Problems a user would want to know about.
    pub diagnostics: Vec<Diagnostic>,
    /// First byte of the body: the line after the head (số/ngày, tên loại, trích yếu, Kính
    /// gửi). The summary's opening paragraph ("Thực hiện …, UBND huyện báo cáo …") starts here.
    pub body_start: usize,
}

/// Extracts the metadata fields, the compliance checklist and the diagnostics.
pub fn extract(doc: &Doc) -> Extracted {
    let mut md = Metadata::default();
    let mut diags = Vec::new();
    let lines = doc.seg.lines.len().min(HEAD_LINES);
    let mut found = head::read(doc, lines, &mut md, &mut diags);
    let tail = tail::read(doc, found.body_start, &mut md);
    // OCR without diacritics: a signer's title or body that the catalogues name gets its spelling back.
    if let Some(sig) = md.signature.as_mut() {
        respell(doc, &mut sig.title, crate::catalogue::titles::restore_diacritics, "chức danh", &mut diags);
        respell(doc, &mut sig.body, crate::catalogue::issuers::restore_body, "cơ quan ban hành", &mut diags);
    }
    if md.doc_type.is_none() {
        if let Some((e, at)) = tail::closing_type(doc, found.body_start) {
            md.doc_type = Some(head::doc_type(e));
            if md.family.is_none() {
                md.family = crate::catalogue::doc_types::family_of_name(e.name);
            }
            diags.push(doc.diagnostic(
                Severity::Info,
                "metadata.docType.fromClosing",
                format!("Không thấy dòng tên loại văn bản; loại \"{}\" suy ra từ câu kết \"Trên đây là …\".", e.name),
                Some(at),
            ));
        }
    }
    if md.date.is_none() {
        let type_name = md.doc_type.as_ref().map(|t| t.name.clone());
        if let Some((iso, raw, at)) = tail::adoption_date(doc, found.body_start, type_name.as_deref()) {
            diags.retain(|d| d.code != "metadata.date.missing");
            diags.push(doc.diagnostic(
                Severity::Info,
                "metadata.date.adopted",
                format!("Không có dòng địa danh, ngày tháng năm; ngày ban hành là ngày thông qua ghi ở câu cuối văn bản ({iso})."),
                Some(at),
            ));
            md.date = Some(iso);
            found.date_raw = Some(raw);
            found.date_adopted = true;
        }
    }
    if md.subject.is_none() && md.doc_type.is_some() {
        md.subject = head::leading_title(doc, &found);
    }
    if md.doc_type.is_none() {
        diags.push(doc.diagnostic(
            Severity::Warning,
            "metadata.docType.missing",
            "Không xác định được loại văn bản (không có dòng tên loại, ký hiệu không cho biết loại, không có câu kết \"Trên đây là …\").".into(),
            None,
        ));
    }
    md.period = md.subject.as_deref().and_then(period);
    md.compliance = compliance::check(&md, &found, &tail);
    let body_start = doc.seg.lines.get(found.body_start).map_or(doc.text.len(), |l| l.start);
    Extracted { metadata: md, diagnostics: diags, body_start }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ngày_hợp_lệ_và_không_hợp_lệ() {
        assert_eq!(iso_date("9", "11", "2023").as_deref(), Some("2023-11-09"));
        assert_eq!(iso_date("29", "2", "2024").as_deref(), Some("2024-02-29"));
        assert_eq!(iso_date("29", "2", "2023"), None);
        assert_eq!(iso_date("31", "4", "2023"), None);
        assert_eq!(iso_date("1", "13", "2023"), None);
    }

    /// Text as a legacy container gives it (lines kept; pasted text would be reflowed first).
    fn extract_lines(t: &str) -> Metadata {
        let seg = crate::segment::segment(t);
        let index = crate::span::Utf16Index::new(t);
        let folded = Folded::new(t, 0);
        let doc = Doc { text: t, seg: &seg, index: &index, folded: &folded };
        extract(&doc).metadata
    }

    #[test]
    fn trích_yếu_không_nối_dòng_thẩm_quyền_mất_chữ_hoa() {
        // "BỘ TRƯỞNG BỘ TÀI CHÍNH" under the trích yếu, printed in lower case by a legacy font:
        // after a blank line, a short line ending with the issuer's name is the authority.
        let t = "Bộ Tài chính\nSỐ: 12/2001/QĐ-BTC\nHà Nội, ngày 13 tháng 3 năm 2001\n\nquyết định của bộ trưởng bộ tài chính\nVề việc ban hành Chế độ kế toán áp dụng cho các đơn vị\n ngoài công lập hoạt động trong lĩnh vực Giáo dục, Y tế\n\n\tbộ trưởng bộ tài chính\n\n\t- Căn cứ Nghị định số 15/CP ngày 2/3/1993 của Chính phủ;\n";
        let md = extract_lines(t);
        assert_eq!(md.issuer.name.as_deref(), Some("Bộ Tài chính"));
        assert_eq!(md.subject.as_deref(), Some("Về việc ban hành Chế độ kế toán áp dụng cho các đơn vị ngoài công lập hoạt động trong lĩnh vực Giáo dục, Y tế"));
        // A continuation after a blank line that does not end with the issuer is still joined.
        let t2 = t.replace("\tbộ trưởng bộ tài chính", "và các đơn vị sự nghiệp khác");
        assert!(extract_lines(&t2).subject.is_some_and(|s| s.ends_with("Y tế và các đơn vị sự nghiệp khác")));
    }

    #[test]
    fn ngày_thông_qua_của_luật() {
        let t = "QUỐC HỘI\nLuật số: 18/2003/QH11\n\nLUẬT\nHợp tác xã\n\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định về hợp tác xã.\n\nLuật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XI, kỳ họp thứ 4 thông qua ngày 26 tháng 11 năm 2003.\n";
        let md = extract_lines(t);
        assert_eq!(md.date.as_deref(), Some("2003-11-26"));
        // Another document citing a law's adoption is not dated by it.
        let t3 = "BÁO CÁO\nTình hình năm 2003\n\nLuật Hợp tác xã đã được Quốc hội thông qua ngày 26 tháng 11 năm 2003.\n";
        assert_eq!(extract_lines(t3).date, None);
    }

    #[test]
    fn so_khớp_ocr() {
        let r = re(&ocr_regex("doc lap - tu do - hanh phuc"));
        assert!(r.is_match("huyen thap muoi dec 1ap - tw do - hanh phuc"));
        assert!(r.is_match("doc lap - tu do - hanh phuc"));
        assert!(!r.is_match("doc lap tu chu"));
        assert!(ocr_word_eq("ceo", "cao") && ocr_word_eq("pang", "dang") && !ocr_word_eq("cao", "can"));
    }
}
