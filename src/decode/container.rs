//! Container model: what every document reader (.docx, .rtf, .doc, .pdf) produces → one shape
//! that the decode stage turns into text (legacy fonts repaired per run, tables and notes laid
//! out) before normalisation.
//!
//! Readers do not guess encodings. A run's `text` is the reader's plain Unicode reading of the
//! stored characters (RTF `\'xx` and .doc 8-bit text through Windows-1252, docx as stored), and
//! its `font` says how to read it: a run in `.VnTime` holds TCVN3 codes as Latin-1/cp1252 letters
//! ("B¸o c¸o"), which [`super::legacy`] turns into "Báo cáo". Keeping the font per run is what lets
//! documents that mix legacy and Unicode runs come out right.

use crate::report::Diagnostic;

/// A document as read from its container.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContainerDoc {
    /// Body blocks in reading order (the letterhead table of a docx included, as a table).
    pub body: Vec<Block>,
    /// Footnotes and endnotes, referenced from runs by [`Run::note_ref`].
    pub notes: Vec<Note>,
    /// Page headers and footers (running titles, page numbers): tagged, kept out of the body.
    pub furniture: Vec<Block>,
    /// What the reader could not read, or read with doubt.
    pub diagnostics: Vec<Diagnostic>,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Paragraph),
    /// A table: rows × cells, each cell holding blocks.
    Table(Table),
}

/// A paragraph: its runs and, when the container numbers it (docx `w:numPr`, Word list levels),
/// the label as it would be displayed ("1.", "a)", "-").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// Runs in order.
    pub runs: Vec<Run>,
    /// Displayed list label, when the container generates it.
    pub label: Option<String>,
    /// Style name or id ("Heading1", "Title"), when known.
    pub style: Option<String>,
    /// 1-based page number where the paragraph starts (PDF), when known.
    pub page: Option<u32>,
}

/// A run of text in one font.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    /// The stored characters read plainly (see the module docs).
    pub text: String,
    /// Font name as stored (".VnTime", "VNI-Times", "Times New Roman"), when known.
    pub font: Option<String>,
    /// This run is a note reference mark; the note's id.
    pub note_ref: Option<String>,
    /// Shown in capitals whatever the stored case (Word's "All caps": `sprmCFCaps`, `w:caps`,
    /// `\caps`) — a heading or "Số:" typed in small letters and printed in capitals.
    pub caps: bool,
}

/// A table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// The cell's content.
    pub blocks: Vec<Block>,
}

/// A footnote or endnote.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Id as referenced by [`Run::note_ref`] ("1", "2"…; endnotes "e1"…).
    pub id: String,
    /// Its content.
    pub blocks: Vec<Block>,
}

impl Paragraph {
    /// A paragraph of one run.
    pub fn plain(text: impl Into<String>, font: Option<&str>) -> Self {
        Paragraph { runs: vec![Run { text: text.into(), font: font.map(str::to_owned), note_ref: None, caps: false }], ..Default::default() }
    }
}
