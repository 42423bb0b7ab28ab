//! Flatten: a [`ContainerDoc`] → one Unicode text, with legacy-font runs re-read and tables and
//! notes laid out as lines.
//!
//! Layout rules (what the later stages rely on):
//! - every paragraph is one line; its list label (docx numbering) is written before its text;
//! - a table of at most two columns (the letterhead: issuer | motto, number | place–date) is
//!   written cell by cell, each cell's paragraphs on lines of their own, so the two columns are not
//!   merged on one line; wider tables are written one row per line, cells joined by " | "
//!   (measured on the legacy corpus: 0.991 of transcript tokens kept, against 0.966 for cells
//!   glued with "|" and 0.991 for tabs);
//! - a note reference becomes `[footnoteRef:N]` in the running text and the notes follow the body
//!   as `[N: text]` lines — the same form as docx text pasted from Word, so one footnote reader
//!   serves both;
//! - page headers and footers (furniture) are kept out of the body: their distinct lines follow
//!   the notes at the end, with a diagnostic saying how many.
//!
//! Encodings: a run whose font names a legacy encoding (`.VnTime` → TCVN3) is re-read in it;
//! runs without font information are re-read only if the document's font-less text as a whole is
//! detected as legacy. Text that is already right is never converted ([`legacy::reread`] refuses).

use super::container::{Block, ContainerDoc, Paragraph, Run};
use super::legacy;
use crate::catalogue::syllables;
use crate::limits::MAX_NESTING;

/// Extra valid syllables another legacy encoding must give a paragraph to replace the one its
/// font names (and it must give 30% more).
const PARAGRAPH_MARGIN: usize = 2;
/// Paragraphs of one font read in another encoding before the document is taken to mix them up.
const MIN_PRIOR_OVERRIDES: usize = 3;
use crate::report::{Diagnostic, Encoding, Severity};

/// The flattened text and what was learned.
#[derive(Debug, Clone)]
pub struct Flattened {
    /// The document's text.
    pub text: String,
    /// The legacy encoding most of the converted text was in, or UTF-8 when nothing was converted.
    pub encoding: Encoding,
    /// Conversions done, furniture left out.
    pub diagnostics: Vec<Diagnostic>,
}

/// How a run's stored characters are to be read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Its font names a legacy encoding.
    Legacy(Encoding),
    /// Its font is a Unicode font: as stored.
    AsStored,
    /// No font information.
    Unknown,
}

fn reading_of(run: &Run) -> Reading {
    match run.font.as_deref() {
        Some(f) => legacy::encoding_of_font(f).map_or(Reading::AsStored, Reading::Legacy),
        None => Reading::Unknown,
    }
}

struct Writer {
    out: String,
    /// Encoding for runs without font information (decided once for the document).
    unknown_as: Option<Encoding>,
    /// For the paragraph being written: the legacy encoding its legacy-font runs actually read
    /// in, when it differs from what the font names say (a `VNSTCVN3` font holding VNI bytes).
    paragraph_override: Option<Encoding>,
    /// Paragraphs read in another legacy encoding than their fonts named, per (named, used).
    overridden: Vec<(Encoding, Encoding, usize)>,
    /// Characters converted per encoding, to report the dominant one.
    converted: Vec<(Encoding, usize)>,
    /// Runs a legacy font named but whose text could not be such bytes (kept as stored).
    refused: usize,
    /// (named, used) pairs the document is known to mix up (see [`MIN_PRIOR_OVERRIDES`]): a
    /// paragraph of such a font takes the other reading on any gain, without the margin.
    prior: Vec<(Encoding, Encoding)>,
    /// Paragraphs that read better in another encoding, but by less than the margin.
    weak: usize,
    /// Distinct page header/footer lines written after the notes.
    furniture_lines: usize,
}

impl Writer {
    fn run_text(&mut self, run: &Run) {
        if run.caps {
            // "All caps" formatting: the page shows capitals, so the text says them (a "Số:"
            // typed small in the letterhead prints "SỐ:"; headings typed in small letters).
            let start = self.out.len();
            self.run_text_as_stored(run);
            let upper = self.out[start..].to_uppercase();
            self.out.truncate(start);
            self.out.push_str(&upper);
        } else {
            self.run_text_as_stored(run);
        }
    }

    fn run_text_as_stored(&mut self, run: &Run) {
        let enc = match reading_of(run) {
            Reading::Legacy(e) => Some(self.paragraph_override.unwrap_or(e)),
            Reading::Unknown => self.unknown_as,
            Reading::AsStored => None,
        };
        match enc.map(|e| (e, legacy::reread(&run.text, e))) {
            Some((e, Some(t))) => {
                // All-caps TCVN3 fonts (".VnTimeH") draw lowercase codes as capitals; the text
                // keeps the letters as stored, as the corpus transcripts do (measured: writing
                // them in capitals lowers legacy token accuracy from 0.991 to 0.976).
                let n = t.chars().filter(|c| !c.is_ascii()).count();
                match self.converted.iter_mut().find(|(x, _)| *x == e) {
                    Some((_, k)) => *k += n,
                    None => self.converted.push((e, n)),
                }
                self.out.push_str(&t);
            }
            Some((_, None)) => {
                self.refused += 1;
                self.out.push_str(&run.text);
            }
            None => self.out.push_str(&run.text),
        }
    }

    fn paragraph(&mut self, p: &Paragraph) {
        self.paragraph_override = self.check_paragraph(p);
        if let Some(label) = p.label.as_deref().filter(|l| !l.is_empty()) {
            self.out.push_str(label);
            self.out.push(' ');
        }
        for run in &p.runs {
            match &run.note_ref {
                Some(id) => {
                    self.out.push_str("[footnoteRef:");
                    self.out.push_str(id);
                    self.out.push(']');
                }
                None => self.run_text(run),
            }
        }
        self.out.push('\n');
    }

    /// A font name is a strong hint, not proof: some documents keep VNI bytes in a TCVN3-named
    /// font for a few paragraphs. The paragraph's legacy text is re-read in the named encoding and
    /// in the other common one; the other wins only with clearly more valid syllables.
    fn check_paragraph(&mut self, p: &Paragraph) -> Option<Encoding> {
        let mut named = None;
        let mut text = String::new();
        for r in p.runs.iter().filter(|r| r.note_ref.is_none()) {
            if let Reading::Legacy(e) = reading_of(r) {
                named.get_or_insert(e);
                text.push_str(&r.text);
            }
        }
        let named = named?;
        if text.is_ascii() {
            return None;
        }
        let valid = |e: Encoding| legacy::reread(&text, e).map(|t| syllables::syllable_ratio(&t).0);
        let base = valid(named).unwrap_or(0);
        let (alt, n) = [Encoding::Tcvn3, Encoding::Vni]
            .into_iter()
            .filter(|&e| e != named)
            .filter_map(|e| valid(e).map(|n| (e, n)))
            .max_by_key(|&(_, n)| n)?;
        let strong = n >= base + PARAGRAPH_MARGIN && n * 10 >= base * 13;
        let gains = n > base && n * 10 >= base * 13;
        if gains && !strong {
            self.weak += 1;
        }
        if strong || (gains && self.prior.contains(&(named, alt))) {
            match self.overridden.iter_mut().find(|(a, b, _)| *a == named && *b == alt) {
                Some((_, _, k)) => *k += 1,
                None => self.overridden.push((named, alt, 1)),
            }
            return Some(alt);
        }
        None
    }

    fn blocks(&mut self, blocks: &[Block], depth: usize) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => self.paragraph(p),
                Block::Table(t) if depth >= MAX_NESTING => {
                    // Readers bound nesting already; a table this deep is laid out flat.
                    for cell in t.rows.iter().flatten() {
                        self.flat_cell(&cell.blocks);
                    }
                }
                Block::Table(t) => {
                    let columns = t.rows.iter().map(Vec::len).max().unwrap_or(0);
                    if columns <= 2 {
                        for cell in t.rows.iter().flatten() {
                            self.blocks(&cell.blocks, depth + 1);
                        }
                    } else {
                        for row in &t.rows {
                            for (i, cell) in row.iter().enumerate() {
                                if i > 0 {
                                    self.out.push_str(" | ");
                                }
                                let before = self.out.len();
                                self.blocks(&cell.blocks, depth + 1);
                                // A cell's paragraphs share the row's line.
                                let cell_text = self.out[before..].trim_end_matches('\n').replace('\n', " ");
                                self.out.truncate(before);
                                self.out.push_str(&cell_text);
                            }
                            if !row.is_empty() {
                                self.out.push('\n');
                            }
                        }
                    }
                }
            }
        }
    }

    /// Paragraphs of nested tables past the depth limit, one per line, without recursing.
    fn flat_cell(&mut self, blocks: &[Block]) {
        let mut stack: Vec<&Block> = blocks.iter().rev().collect();
        while let Some(b) = stack.pop() {
            match b {
                Block::Paragraph(p) => self.paragraph(p),
                Block::Table(t) => {
                    for cell in t.rows.iter().flatten().collect::<Vec<_>>().into_iter().rev() {
                        stack.extend(cell.blocks.iter().rev());
                    }
                }
            }
        }
    }
}

/// Bytes of text sampled per font (and for font-less runs) to check their encoding.
const SAMPLE_BYTES: usize = 64 * 1024;

/// Collects the text of font-less runs (iteratively: block nesting comes from the input).
fn unknown_sample(blocks: &[Block], out: &mut String) {
    let mut stack: Vec<&Block> = blocks.iter().rev().collect();
    while let Some(b) = stack.pop() {
        if out.len() >= SAMPLE_BYTES {
            return;
        }
        match b {
            Block::Paragraph(p) => {
                for r in p.runs.iter().filter(|r| r.note_ref.is_none() && reading_of(r) == Reading::Unknown) {
                    out.push_str(&r.text);
                    out.push(' ');
                }
            }
            Block::Table(t) => {
                for cell in t.rows.iter().flatten().collect::<Vec<_>>().into_iter().rev() {
                    stack.extend(cell.blocks.iter().rev());
                }
            }
        }
    }
}

/// One pass of the writer over the body, the notes and the furniture.
fn write(doc: &ContainerDoc, unknown_as: Option<Encoding>, prior: Vec<(Encoding, Encoding)>) -> Writer {
    let mut w = Writer { out: String::new(), unknown_as, paragraph_override: None, overridden: Vec::new(), converted: Vec::new(), refused: 0, prior, weak: 0, furniture_lines: 0 };
    w.blocks(&doc.body, 0);
    for note in &doc.notes {
        w.out.push('[');
        w.out.push_str(&note.id);
        w.out.push_str(": ");
        let before = w.out.len();
        w.blocks(&note.blocks, 0);
        let body = w.out[before..].trim_end_matches('\n').replace('\n', " ");
        w.out.truncate(before);
        w.out.push_str(&body);
        w.out.push_str("]\n");
    }

    // Page headers and footers are not body text, but nothing is dropped: they follow the body and
    // the notes, each distinct line once (running headers repeat on every page).
    let furniture_start = w.out.len();
    w.blocks(&doc.furniture, 0);
    let mut seen = std::collections::HashSet::new();
    let kept: Vec<String> = w.out[furniture_start..].lines().filter(|l| !l.trim().is_empty() && seen.insert(l.trim().to_owned())).map(str::to_owned).collect();
    w.out.truncate(furniture_start);
    for l in &kept {
        w.out.push_str(l);
        w.out.push('\n');
    }
    w.furniture_lines = kept.len();
    w
}

/// Flattens `doc` (see the module docs).
pub fn flatten(doc: &ContainerDoc) -> Flattened {
    let mut diagnostics = doc.diagnostics.clone();
    let mut sample = String::new();
    unknown_sample(&doc.body, &mut sample);
    let unknown_as = legacy::detect_reread(&sample).map(|(e, _)| e);

    let mut w = write(doc, unknown_as, Vec::new());
    // A document that keeps one encoding's bytes in another's font does so throughout: once it is
    // seen often, short paragraphs ("Soá TT") of that font follow on any gain.
    let prior: Vec<(Encoding, Encoding)> =
        w.overridden.iter().filter(|o| o.2 >= MIN_PRIOR_OVERRIDES).map(|o| (o.0, o.1)).collect();
    if w.weak > 0 && !prior.is_empty() {
        w = write(doc, unknown_as, prior);
    }

    let encoding = w.converted.iter().max_by_key(|(_, n)| *n).map_or(Encoding::Utf8, |(e, _)| *e);
    for (e, n) in &w.converted {
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            code: "decode.legacy.font".into(),
            message: format!("{n} ký tự viết bằng phông {} đã được chuyển sang Unicode.", encoding_label(*e)),
            span: None,
        });
    }
    for (named, used, n) in &w.overridden {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "decode.legacy.fontMismatch".into(),
            message: format!(
                "{n} đoạn dùng phông {} nhưng nội dung viết bằng bảng mã {}; đã đọc theo {}.",
                encoding_label(*named),
                encoding_label(*used),
                encoding_label(*used)
            ),
            span: None,
        });
    }
    if w.refused > 0 {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "decode.legacy.refused".into(),
            message: format!(
                "{} đoạn dùng phông chữ cũ nhưng đã là Unicode nên được giữ nguyên.",
                w.refused
            ),
            span: None,
        });
    }
    if !doc.furniture.is_empty() {
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            code: "decode.furniture".into(),
            message: format!(
                "{} dòng đầu trang/chân trang (số trang, tiêu đề lặp lại) được tách khỏi nội dung, đặt ở cuối văn bản.",
                w.furniture_lines
            ),
            span: None,
        });
    }
    Flattened { text: w.out, encoding, diagnostics }
}

/// Name of a legacy encoding as officials know it.
pub fn encoding_label(e: Encoding) -> &'static str {
    match e {
        Encoding::Tcvn3 => "TCVN3 (ABC, .VnTime)",
        Encoding::Vni => "VNI",
        Encoding::Viscii => "VISCII",
        Encoding::Vps => "VPS",
        Encoding::Viqr => "VIQR",
        Encoding::Windows1258 => "Windows-1258",
        _ => "Unicode",
    }
}

#[cfg(test)]
mod tests {
    use super::super::container::{Cell, Note, Table};
    use super::*;

    fn para(text: &str) -> Block {
        Block::Paragraph(Paragraph::plain(text, Some("Times New Roman")))
    }

    #[test]
    fn bảng_hai_cột_ghi_từng_ô_bảng_rộng_ghi_từng_hàng() {
        let letterhead = Table {
            rows: vec![
                vec![Cell { blocks: vec![para("ỦY BAN NHÂN DÂN")] }, Cell { blocks: vec![para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")] }],
                vec![Cell { blocks: vec![para("Số: 1/BC-UBND")] }, Cell { blocks: vec![para("Hà Nội, ngày 05 tháng 3 năm 2024")] }],
            ],
        };
        let data = Table {
            rows: vec![vec![
                Cell { blocks: vec![para("Chỉ tiêu")] },
                Cell { blocks: vec![para("Kế hoạch"), para("năm")] },
                Cell { blocks: vec![para("Thực hiện")] },
            ]],
        };
        let doc = ContainerDoc { body: vec![Block::Table(letterhead), Block::Table(data)], ..Default::default() };
        assert_eq!(
            flatten(&doc).text,
            "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/BC-UBND\nHà Nội, ngày 05 tháng 3 năm 2024\nChỉ tiêu | Kế hoạch năm | Thực hiện\n"
        );
    }

    #[test]
    fn chú_thích_và_nhãn_danh_sách() {
        let mut p = Paragraph::plain("Kết quả", Some("Arial"));
        p.label = Some("1.".into());
        p.runs.push(Run { text: "1".into(), font: None, note_ref: Some("1".into()), caps: false });
        let doc = ContainerDoc {
            body: vec![Block::Paragraph(p)],
            notes: vec![Note { id: "1".into(), blocks: vec![para("Theo số liệu"), para("của Cục Thống kê.")] }],
            furniture: vec![para("2")],
            ..Default::default()
        };
        let f = flatten(&doc);
        assert_eq!(f.text, "1. Kết quả[footnoteRef:1]\n[1: Theo số liệu của Cục Thống kê.]\n2\n");
        assert!(f.diagnostics.iter().any(|d| d.code == "decode.furniture"));
        assert_eq!(f.encoding, Encoding::Utf8);
    }

    #[test]
    fn phông_tcvn3_được_đọc_lại_unicode_giữ_nguyên() {
        let doc = ContainerDoc {
            body: vec![Block::Paragraph(Paragraph {
                runs: vec![
                    Run { text: "B¸o c¸o ".into(), font: Some(".VnTime".into()), note_ref: None, caps: false },
                    Run { text: "® ©".into(), font: Some("Times New Roman".into()), note_ref: None, caps: false },
                ],
                ..Default::default()
            })],
            ..Default::default()
        };
        let f = flatten(&doc);
        assert_eq!(f.text, "Báo cáo ® ©\n");
        assert_eq!(f.encoding, Encoding::Tcvn3);
    }

    #[test]
    fn phông_tcvn3_chứa_mã_vni_đoạn_ngắn_theo_cả_văn_bản() {
        // VNI bytes in a TCVN3-named font (as in a real 1998 project file): long paragraphs are
        // re-read on their own evidence; the short "Soá TT" only once the document has shown the
        // mix-up at least MIN_PRIOR_OVERRIDES times.
        let para = |t: &str| Block::Paragraph(Paragraph::plain(t, Some("VNSTCVN3")));
        let long = [
            "Phaân heä ñieàu haønh taùc nghieäp laø phaàn töû caên baûn cuûa heä thoâng tin",
            "Chöông trình phaùt trieån do Ban chæ ñaïo Tænh tham möu giuùp UBND Tænh",
            "Caùc döï aùn ñöôïc xaây döïng vaø trieån khai treân ñòa baøn Tænh",
        ];
        let mut body: Vec<Block> = long.iter().map(|t| para(t)).collect();
        body.push(para("Soá TT"));
        let f = flatten(&ContainerDoc { body, ..Default::default() });
        assert_eq!(f.text.lines().last(), Some("Số TT"), "{}", f.text);
        assert!(f.text.starts_with("Phân hệ điều hành tác nghiệp"), "{}", f.text);
        let d = f.diagnostics.iter().find(|d| d.code == "decode.legacy.fontMismatch").unwrap();
        assert!(d.message.starts_with("4 đoạn"), "{}", d.message);
        // Alone, one syllable of evidence is not enough to overrule the font: kept as TCVN3 reads it.
        let f = flatten(&ContainerDoc { body: vec![para(long[0]), para("Soá TT")], ..Default::default() });
        assert_eq!(f.text.lines().last(), Some("Soá TT"), "{}", f.text);
    }
}
