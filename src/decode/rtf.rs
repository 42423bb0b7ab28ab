//! .rtf (Rich Text Format) bytes → [`ContainerDoc`](super::container::ContainerDoc).
//!
//! A tokenizer (control words with their optional numeric parameter and delimiting space, control
//! symbols, `\'hh` bytes, `\bin`) drives a group stack holding the state that RTF scopes by group:
//! the destination, the font, `\uc`, the table flag, the paragraph style, hidden/deleted text. The
//! stack is at most [`MAX_NESTING`] deep: deeper groups are read flat (their text kept in the
//! enclosing state), so 10,000 nested braces cost nothing. Every loop advances through the input.
//!
//! - Text: `\'hh` and 8-bit bytes go through the code page of the current font (`\fcharset`,
//!   `\cpg`, else `\ansicpg`): Windows-1250/1251/1252/1253/1254/1257/1258; fonts with a legacy
//!   Vietnamese name (`.VnTime`, `VNI-Times`, `VPS…`) are always read as Windows-1252, so a TCVN3
//!   run comes out as "B¸o c¸o" with `font: .VnTime` for the legacy decoder to re-read. Symbol
//!   fonts (`\fcharset2`) map their common bullets. `\uN` with `\ucN` fallback skipping.
//! - Structure: `\par` ends a paragraph, `\line` is "\n"; `\intbl` paragraphs, `\cell` and `\row`
//!   make tables (nested tables flattened into their outer cell); `\listtext`/`\pntext` give the
//!   paragraph label; `\footnote` groups become notes (ids "1"…, endnotes `\ftnalt` "e1"…) with a
//!   reference run where they stand; `\header*`/`\footer*` are furniture; shape and Word 95 text
//!   boxes (`\shptxt`, `\dptxbxtext`) come right after their paragraph; field results are kept,
//!   field instructions dropped.
//! - Skipped: the font table and stylesheet (read for font names, code pages and style names),
//!   `\*` destinations the reader does not know, pictures, objects, info, list tables, hidden
//!   (`\v`) and deleted (`\deleted`) text.

use std::collections::HashMap;

use super::container::{Block, Cell, ContainerDoc, Note, Paragraph, Run, Table};
use crate::limits::MAX_NESTING;
use crate::report::{Diagnostic, Severity};
use crate::{Error, ErrorCode, Result};

/// Longest control word read (the spec allows 32 letters); longer runs of letters are text.
const MAX_WORD: usize = 32;

/// Reads a rtf file.
///
/// # Errors
/// [`ErrorCode::CorruptFile`] when the bytes do not start with `{\rtf` (after an optional BOM
/// and whitespace). Anything after that is read as well as it can be: unbalanced braces, unknown
/// control words and bad escapes give diagnostics, never errors.
pub fn read(bytes: &[u8]) -> Result<ContainerDoc> {
    let mut start = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    while start < bytes.len() && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    if !bytes[start..].starts_with(b"{\\rtf") {
        return Err(Error::new(
            ErrorCode::CorruptFile,
            "Tệp không phải RTF hợp lệ: thiếu phần đầu {\\rtf (corrupt rtf)",
        ));
    }
    let mut p = Parser::new(&bytes[start..]);
    p.run();
    Ok(p.finish())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    /// Text for the state's sink.
    Text,
    /// Ignored group.
    Skip,
    /// `\fonttbl`: font names and charsets.
    FontTable,
    /// `\stylesheet`: style names and fonts.
    StyleSheet,
    /// `\upr`: the ANSI alternative is skipped, its `\*\ud` Unicode twin read.
    Upr,
}

/// What RTF scopes by group.
#[derive(Debug, Clone)]
struct State {
    dest: Dest,
    upr_prev: Dest,
    sink: usize,
    owns_sink: bool,
    font: Option<i32>,
    uc: u32,
    intbl: bool,
    style: i32,
    hidden: bool,
    /// `\caps`: shown in capitals.
    caps: bool,
}

impl State {
    fn base() -> State {
        State {
            dest: Dest::Text,
            upr_prev: Dest::Text,
            sink: 0,
            owns_sink: false,
            font: None,
            uc: 1,
            intbl: false,
            style: 0,
            hidden: false,
            caps: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SinkKind {
    Body,
    Note {
        endnote: bool,
        parent: usize,
        ref_run: usize,
    },
    Furniture,
    TextBox {
        parent: usize,
    },
    Label {
        parent: usize,
    },
}

#[derive(Debug, Default)]
struct TableB {
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    cell: Vec<Block>,
}

/// Where a destination's text goes: the body, a note, a header, a text box, a list label.
#[derive(Debug)]
struct Sink {
    kind: SinkKind,
    blocks: Vec<Block>,
    runs: Vec<Run>,
    label: Option<String>,
    after: Vec<Block>,
    table: Option<TableB>,
}

impl Sink {
    fn new(kind: SinkKind) -> Sink {
        Sink {
            kind,
            blocks: Vec::new(),
            runs: Vec::new(),
            label: None,
            after: Vec::new(),
            table: None,
        }
    }

    fn push_text(&mut self, s: &str, font: Option<&str>, caps: bool) {
        if let Some(last) = self.runs.last_mut() {
            if last.note_ref.is_none() && last.font.as_deref() == font && last.caps == caps {
                last.text.push_str(s);
                return;
            }
        }
        self.runs.push(Run {
            text: s.to_owned(),
            font: font.map(str::to_owned),
            note_ref: None,
            caps,
        });
    }

    fn has_content(&self) -> bool {
        !self.runs.is_empty() || self.label.is_some() || !self.after.is_empty()
    }

    fn end_para(&mut self, intbl: bool, style: Option<String>) {
        let para = Block::Paragraph(Paragraph {
            runs: std::mem::take(&mut self.runs),
            label: self.label.take(),
            style,
            page: None,
        });
        let after = std::mem::take(&mut self.after);
        if intbl {
            let t = self.table.get_or_insert_with(TableB::default);
            t.cell.push(para);
            t.cell.extend(after);
        } else {
            self.close_table();
            self.blocks.push(para);
            self.blocks.extend(after);
        }
    }

    fn end_cell(&mut self, style: Option<String>) {
        if self.has_content() {
            self.end_para(true, style);
        }
        let t = self.table.get_or_insert_with(TableB::default);
        let blocks = std::mem::take(&mut t.cell);
        t.row.push(Cell { blocks });
    }

    fn end_row(&mut self) {
        let Some(t) = self.table.as_mut() else { return };
        if !t.cell.is_empty() {
            let blocks = std::mem::take(&mut t.cell);
            t.row.push(Cell { blocks });
        }
        if !t.row.is_empty() {
            let row = std::mem::take(&mut t.row);
            t.rows.push(row);
        }
    }

    fn close_table(&mut self) {
        let Some(mut t) = self.table.take() else {
            return;
        };
        if !t.cell.is_empty() {
            t.row.push(Cell {
                blocks: std::mem::take(&mut t.cell),
            });
        }
        if !t.row.is_empty() {
            t.rows.push(std::mem::take(&mut t.row));
        }
        if !t.rows.is_empty() {
            self.blocks.push(Block::Table(Table { rows: t.rows }));
        }
    }

    /// The sink's blocks, its last paragraph and open table closed.
    fn finish(&mut self) -> Vec<Block> {
        if self.has_content() {
            let intbl = self.table.as_ref().is_some_and(|t| !t.cell.is_empty());
            self.end_para(intbl, None);
        }
        self.close_table();
        std::mem::take(&mut self.blocks)
    }
}

#[derive(Debug, Clone)]
struct Font {
    name: String,
    charset: Option<i32>,
    cpg: Option<u32>,
}

#[derive(Debug, Default)]
struct FontEntry {
    id: i32,
    charset: Option<i32>,
    cpg: Option<u32>,
    name: String,
}

#[derive(Debug, Default)]
struct StyleEntry {
    id: i32,
    font: Option<i32>,
    name: String,
}

struct Parser<'a> {
    data: &'a [u8],
    pos: usize,
    stack: Vec<State>,
    /// Groups opened past [`MAX_NESTING`]: read flat in the deepest state.
    overflow: usize,
    /// Skipping an over-deep destination group opened at this overflow level.
    overflow_skip: Option<usize>,
    sinks: Vec<Sink>,
    /// Finished sinks, reused: a million empty `{\listtext}` groups cost one sink, not a million.
    free_sinks: Vec<usize>,
    fonts: HashMap<i32, Font>,
    font_entry: Option<FontEntry>,
    styles: HashMap<i32, (String, Option<i32>)>,
    style_entry: Option<StyleEntry>,
    style_depth: usize,
    deff: Option<i32>,
    ansicpg: u32,
    /// Fallback characters still to skip after `\uN`.
    uc_skip: u32,
    high_surrogate: Option<u16>,
    /// The last token was `\*`.
    ignorable: bool,
    notes: Vec<Note>,
    footnotes: u32,
    endnotes: u32,
    furniture: Vec<Block>,
    /// The outermost group has closed; anything read after it is a sign of unbalanced braces.
    root_closed: bool,
    after_root: bool,
    extra_close: bool,
    too_deep: bool,
    /// Paragraphs and cells still allowed ([`super::docx::MAX_BLOCKS`]).
    blocks_left: usize,
    truncated: bool,
    dbcs: bool,
}

/// Destinations whose content is not document text (sorted: looked up by binary search).
const SKIP_DESTINATIONS: &[&str] = &[
    "aftncn",
    "aftnsep",
    "aftnsepc",
    "annotation",
    "atnauthor",
    "atndate",
    "atnicn",
    "atnid",
    "atnparent",
    "atnref",
    "atntime",
    "atrfend",
    "atrfstart",
    "author",
    "bkmkend",
    "bkmkstart",
    "blipuid",
    "buptim",
    "category",
    "colorschememapping",
    "colortbl",
    "comment",
    "company",
    "creatim",
    "datafield",
    "datastore",
    "defchp",
    "defpap",
    "doccomm",
    "docvar",
    "ebcend",
    "ebcstart",
    "factoidname",
    "falt",
    "filetbl",
    "fldinst",
    "fldtype",
    "fname",
    "fontemb",
    "fontfile",
    "formfield",
    "ftncn",
    "ftnsep",
    "ftnsepc",
    "generator",
    "gridtbl",
    "hlinkbase",
    "htmltag",
    "info",
    "keycode",
    "keywords",
    "latentstyles",
    "levelnumbers",
    "leveltext",
    "listoverridetable",
    "listpicture",
    "listtable",
    "manager",
    "mhtmltag",
    "mmathPict",
    "mmathPr",
    "nesttableprops",
    "nonesttables",
    "nonshppict",
    "objclass",
    "objdata",
    "object",
    "operator",
    "panose",
    "password",
    "passwordhash",
    "pgdsctbl",
    "pgptbl",
    "picprop",
    "pict",
    "pn",
    "printim",
    "private",
    "protusertbl",
    "pxe",
    "result",
    "revtbl",
    "revtim",
    "rsidtbl",
    "shprslt",
    "sn",
    "sp",
    "subject",
    "sv",
    "tc",
    "tcn",
    "template",
    "themedata",
    "title",
    "txe",
    "userprops",
    "wgrffmtfilter",
    "xe",
    "xform",
    "xmlattrname",
    "xmlattrvalue",
    "xmlclose",
    "xmlname",
    "xmlnstbl",
    "xmlopen",
];

fn is_skip_destination(word: &str) -> bool {
    SKIP_DESTINATIONS.binary_search(&word).is_ok()
}

/// Ignorable (`\*`) destinations that hold document text and are read.
const KNOWN_TEXT_DESTINATIONS: &[&str] = &[
    "shpinst",
    "shptxt",
    "do",
    "dptxbx",
    "dptxbxtext",
    "ud",
    "upr",
    "fldrslt",
    "field",
    "shp",
];

impl<'a> Parser<'a> {
    fn new(data: &'a [u8]) -> Self {
        Parser {
            data,
            pos: 0,
            stack: vec![State::base()],
            overflow: 0,
            overflow_skip: None,
            sinks: vec![Sink::new(SinkKind::Body)],
            free_sinks: Vec::new(),
            fonts: HashMap::new(),
            font_entry: None,
            styles: HashMap::new(),
            style_entry: None,
            style_depth: 0,
            deff: None,
            ansicpg: 1252,
            uc_skip: 0,
            high_surrogate: None,
            ignorable: false,
            notes: Vec::new(),
            footnotes: 0,
            endnotes: 0,
            furniture: Vec::new(),
            root_closed: false,
            after_root: false,
            extra_close: false,
            too_deep: false,
            blocks_left: super::docx::MAX_BLOCKS,
            truncated: false,
            dbcs: false,
        }
    }

    fn st(&self) -> &State {
        self.stack.last().expect("the base state is never popped")
    }

    fn st_mut(&mut self) -> &mut State {
        self.stack
            .last_mut()
            .expect("the base state is never popped")
    }

    fn run(&mut self) {
        let len = self.data.len();
        while self.pos < len {
            let b = self.data[self.pos];
            self.pos += 1;
            match b {
                b'{' => self.open_group(),
                b'}' => self.close_group(),
                b'\\' => self.control(),
                b'\r' | b'\n' | 0 => {}
                b'\t' => {
                    if !self.take_fallback() {
                        self.emit_str("\t");
                    }
                }
                _ => {
                    if !self.take_fallback() {
                        let c = self.decode_byte(b);
                        self.emit_char(c);
                    }
                }
            }
        }
    }

    fn take_fallback(&mut self) -> bool {
        if self.uc_skip > 0 {
            self.uc_skip -= 1;
            true
        } else {
            false
        }
    }

    fn open_group(&mut self) {
        self.uc_skip = 0;
        self.ignorable = false;
        if self.overflow > 0 || self.stack.len() > MAX_NESTING {
            self.overflow += 1;
            self.too_deep = true;
            return;
        }
        let mut s = self.st().clone();
        s.owns_sink = false;
        self.stack.push(s);
        if self.st().dest == Dest::StyleSheet && self.stack.len() == self.style_depth + 1 {
            self.commit_style();
            self.style_entry = Some(StyleEntry::default());
        }
    }

    fn close_group(&mut self) {
        self.uc_skip = 0;
        self.ignorable = false;
        if self.overflow > 0 {
            if self.overflow_skip == Some(self.overflow) {
                self.overflow_skip = None;
            }
            self.overflow -= 1;
            return;
        }
        if self.stack.len() <= 1 {
            self.extra_close = true;
            return;
        }
        self.pop_state();
        if self.stack.len() == 1 {
            // Read on: a stray early `}` must not lose the rest of the document.
            self.root_closed = true;
        }
    }

    fn pop_state(&mut self) {
        let depth = self.stack.len();
        let Some(st) = self.stack.pop() else { return };
        match st.dest {
            Dest::StyleSheet if depth == self.style_depth + 1 || depth == self.style_depth => {
                self.commit_style()
            }
            Dest::FontTable => self.commit_font(),
            _ => {}
        }
        if st.owns_sink {
            self.finalize_sink(st.sink);
        }
    }

    fn control(&mut self) {
        let data = self.data;
        let len = data.len();
        let Some(&c) = data.get(self.pos) else { return };
        if c.is_ascii_alphabetic() {
            let start = self.pos;
            while self.pos < len
                && data[self.pos].is_ascii_alphabetic()
                && self.pos - start < MAX_WORD
            {
                self.pos += 1;
            }
            let word = std::str::from_utf8(&data[start..self.pos]).unwrap_or("");
            let mut neg = false;
            if data.get(self.pos) == Some(&b'-')
                && data.get(self.pos + 1).is_some_and(u8::is_ascii_digit)
            {
                neg = true;
                self.pos += 1;
            }
            let dstart = self.pos;
            let mut v: i64 = 0;
            while self.pos < len && data[self.pos].is_ascii_digit() {
                if self.pos - dstart < 10 {
                    v = v * 10 + i64::from(data[self.pos] - b'0');
                }
                self.pos += 1;
            }
            let param = (self.pos > dstart).then(|| {
                let v = if neg { -v } else { v };
                v.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
            });
            if data.get(self.pos) == Some(&b' ') {
                self.pos += 1;
            }
            self.word(word, param);
            return;
        }
        self.pos += 1;
        match c {
            b'\'' => {
                let hex = data
                    .get(self.pos..self.pos + 2)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(b) = hex {
                    self.pos += 2;
                    if !self.take_fallback() {
                        let ch = self.decode_byte(b);
                        self.emit_char(ch);
                    }
                }
            }
            b'*' => self.ignorable = true,
            b'\r' | b'\n' => self.word("par", None),
            _ => {
                if self.take_fallback() {
                    return;
                }
                match c {
                    b'~' => self.emit_char('\u{A0}'),
                    b'_' => self.emit_char('-'),
                    b'{' | b'}' | b'\\' => self.emit_char(char::from(c)),
                    b'\t' => self.emit_str("\t"),
                    _ => {} // \- optional hyphen, \: index subentry, \| formula…
                }
            }
        }
    }

    fn skip_bin(&mut self, param: Option<i32>) {
        let n = usize::try_from(param.unwrap_or(0)).unwrap_or(0);
        self.pos = self.pos.saturating_add(n).min(self.data.len());
    }

    fn word(&mut self, word: &str, param: Option<i32>) {
        if word == "bin" {
            self.skip_bin(param);
            return;
        }
        let ignorable = std::mem::take(&mut self.ignorable);
        if self.take_fallback() {
            return;
        }
        if self.overflow_skip.is_some() {
            return;
        }
        let dest = self.st().dest;
        match dest {
            Dest::Skip => return,
            Dest::Upr => {
                if word == "ud" {
                    let s = self.st_mut();
                    s.dest = s.upr_prev;
                }
                return;
            }
            Dest::FontTable => {
                self.font_table_word(word, param, ignorable);
                return;
            }
            Dest::StyleSheet => {
                self.stylesheet_word(word, param, ignorable);
                return;
            }
            Dest::Text => {}
        }
        // Destinations.
        let is_destination = is_skip_destination(word)
            || KNOWN_TEXT_DESTINATIONS.contains(&word)
            || matches!(
                word,
                "footnote"
                    | "header"
                    | "headerl"
                    | "headerr"
                    | "headerf"
                    | "footer"
                    | "footerl"
                    | "footerr"
                    | "footerf"
                    | "listtext"
                    | "pntext"
                    | "fonttbl"
                    | "stylesheet"
            );
        if is_destination || ignorable {
            if self.overflow > 0 {
                // Too deep to keep state for: drop the whole group.
                self.overflow_skip = Some(self.overflow);
                return;
            }
            if self.stack.len() <= 1 {
                return;
            }
            match word {
                "footnote" => {
                    let parent = self.parent_sink();
                    let ref_run = self.sinks[parent].runs.len();
                    self.sinks[parent].runs.push(Run {
                        text: String::new(),
                        font: None,
                        note_ref: Some(String::new()),
                        caps: false,
                    });
                    self.open_sink(SinkKind::Note {
                        endnote: false,
                        parent,
                        ref_run,
                    });
                }
                "header" | "headerl" | "headerr" | "headerf" | "footer" | "footerl" | "footerr"
                | "footerf" => {
                    self.open_sink(SinkKind::Furniture);
                }
                "shptxt" | "dptxbxtext" => {
                    let parent = self.parent_sink();
                    self.open_sink(SinkKind::TextBox { parent });
                }
                "listtext" | "pntext" => {
                    let parent = self.parent_sink();
                    self.open_sink(SinkKind::Label { parent });
                }
                "fonttbl" => self.st_mut().dest = Dest::FontTable,
                "stylesheet" => {
                    self.st_mut().dest = Dest::StyleSheet;
                    self.style_depth = self.stack.len();
                }
                "upr" => {
                    let s = self.st_mut();
                    s.upr_prev = s.dest;
                    s.dest = Dest::Upr;
                }
                w if KNOWN_TEXT_DESTINATIONS.contains(&w) => {}
                _ => self.st_mut().dest = Dest::Skip,
            }
            return;
        }
        match word {
            "par" => self.end_para(),
            "line" => self.emit_str("\n"),
            "tab" => self.emit_str("\t"),
            "emdash" => self.emit_char('—'),
            "endash" => self.emit_char('–'),
            "emspace" | "enspace" | "qmspace" => self.emit_char(' '),
            "bullet" => self.emit_char('•'),
            "lquote" => self.emit_char('‘'),
            "rquote" => self.emit_char('’'),
            "ldblquote" => self.emit_char('“'),
            "rdblquote" => self.emit_char('”'),
            "page" | "sect" => {
                let sink = self.st().sink;
                if self.sinks[sink].has_content() && !self.st().hidden {
                    self.end_para();
                }
            }
            "cell" if self.text_visible() => {
                if !self.take_block() {
                    return;
                }
                let style = self.style_name();
                let sink = self.st().sink;
                if !matches!(self.sinks[sink].kind, SinkKind::Label { .. }) {
                    self.sinks[sink].end_cell(style);
                }
            }
            "nestcell" => {
                // Nested tables are flattened: their cells become paragraphs of the outer cell.
                let sink = self.st().sink;
                if self.text_visible() && self.sinks[sink].has_content() && self.take_block() {
                    let style = self.style_name();
                    self.sinks[sink].end_para(true, style);
                }
            }
            "row" if self.text_visible() => {
                let sink = self.st().sink;
                self.sinks[sink].end_row();
            }
            "intbl" => self.st_mut().intbl = true,
            "itap" => self.st_mut().intbl = param.unwrap_or(1) > 0,
            "pard" => {
                let s = self.st_mut();
                s.intbl = false;
                s.style = 0;
            }
            "plain" => {
                let s = self.st_mut();
                s.font = None;
                s.hidden = false;
                s.caps = false;
            }
            "f" => self.st_mut().font = param,
            "s" => self.st_mut().style = param.unwrap_or(0),
            "uc" => self.st_mut().uc = u32::try_from(param.unwrap_or(1)).unwrap_or(0).min(16),
            "u" => self.unicode(param.unwrap_or(0)),
            "deff" => self.deff = param,
            "ansicpg" => self.ansicpg = u32::try_from(param.unwrap_or(1252)).unwrap_or(1252),
            "ansi" => self.ansicpg = 1252,
            "v" | "deleted" => self.st_mut().hidden = param != Some(0),
            "caps" => self.st_mut().caps = param != Some(0),
            "ftnalt" => {
                let sink = self.st().sink;
                if let SinkKind::Note { endnote, .. } = &mut self.sinks[sink].kind {
                    *endnote = true;
                }
            }
            _ => {}
        }
    }

    /// Counts one more paragraph or cell; false once the budget is spent.
    fn take_block(&mut self) -> bool {
        if self.blocks_left == 0 {
            self.truncated = true;
            return false;
        }
        self.blocks_left -= 1;
        true
    }

    fn text_visible(&self) -> bool {
        self.st().dest == Dest::Text && !self.st().hidden && self.overflow_skip.is_none()
    }

    fn style_name(&self) -> Option<String> {
        let s = self.st().style;
        if s == 0 {
            return None;
        }
        self.styles
            .get(&s)
            .map(|(name, _)| name.clone())
            .filter(|n| !n.is_empty())
    }

    fn end_para(&mut self) {
        if !self.text_visible() {
            return;
        }
        let sink = self.st().sink;
        if matches!(self.sinks[sink].kind, SinkKind::Label { .. }) {
            return;
        }
        if !self.take_block() {
            let s = &mut self.sinks[sink];
            s.runs.clear();
            s.label = None;
            s.after.clear();
            return;
        }
        let style = self.style_name();
        let intbl = self.st().intbl;
        self.sinks[sink].end_para(intbl, style);
    }

    fn open_sink(&mut self, kind: SinkKind) {
        if self.st().owns_sink {
            let old = self.st().sink;
            self.finalize_sink(old);
        }
        let idx = match self.free_sinks.pop() {
            Some(i) => {
                self.sinks[i] = Sink::new(kind);
                i
            }
            None => {
                self.sinks.push(Sink::new(kind));
                self.sinks.len() - 1
            }
        };
        let s = self.st_mut();
        s.sink = idx;
        s.owns_sink = true;
        s.dest = Dest::Text;
        s.intbl = false;
    }

    /// The sink a new destination hangs from: the current one, or, when the current group
    /// already opened a destination of its own, the enclosing group's.
    fn parent_sink(&self) -> usize {
        let n = self.stack.len();
        match self.stack.last() {
            Some(s) if s.owns_sink && n >= 2 => self.stack[n - 2].sink,
            Some(s) => s.sink,
            None => 0,
        }
    }

    fn finalize_sink(&mut self, idx: usize) {
        let kind = self.sinks[idx].kind;
        if kind != SinkKind::Body {
            self.free_sinks.push(idx);
        }
        match kind {
            SinkKind::Body => {}
            SinkKind::Note {
                endnote,
                parent,
                ref_run,
            } => {
                let mut blocks = self.sinks[idx].finish();
                let id = if endnote {
                    self.endnotes += 1;
                    format!("e{}", self.endnotes)
                } else {
                    self.footnotes += 1;
                    self.footnotes.to_string()
                };
                if let Some(r) = self.sinks[parent].runs.get_mut(ref_run) {
                    if r.note_ref.as_deref() == Some("") {
                        r.note_ref = Some(id.clone());
                    }
                }
                trim_note_start(&mut blocks);
                self.notes.push(Note { id, blocks });
            }
            SinkKind::Furniture => {
                let blocks = self.sinks[idx].finish();
                self.furniture.extend(blocks);
            }
            SinkKind::TextBox { parent } => {
                let blocks = self.sinks[idx].finish();
                self.sinks[parent].after.extend(blocks);
            }
            SinkKind::Label { parent } => {
                let runs = std::mem::take(&mut self.sinks[idx].runs);
                self.sinks[idx] = Sink::new(kind);
                let text: String = runs.iter().map(|r| r.text.as_str()).collect();
                let label = text.trim();
                if label.is_empty() {
                    return;
                }
                let legacy = runs
                    .iter()
                    .find_map(|r| r.font.as_deref().filter(|f| is_legacy_font(f)));
                match legacy {
                    // A legacy-font label ("§iÒu 1.") stays text in its font, for the legacy decoder.
                    Some(font) if !label.is_ascii() => {
                        let font = font.to_owned();
                        let target = &mut self.sinks[parent];
                        target.push_text(label, Some(&font), false);
                        target.push_text(" ", Some(&font), false);
                    }
                    _ => {
                        let label: String = label
                            .chars()
                            .map(|c| {
                                if ('\u{F000}'..='\u{F0FF}').contains(&c) {
                                    '•'
                                } else {
                                    c
                                }
                            })
                            .collect();
                        self.sinks[parent].label = Some(label);
                    }
                }
            }
        }
    }

    fn current_font(&self) -> Option<&Font> {
        let st = self.st();
        let id = st
            .font
            .or_else(|| self.styles.get(&st.style).and_then(|s| s.1))
            .or(self.deff)?;
        self.fonts.get(&id)
    }

    fn decode_byte(&mut self, b: u8) -> char {
        let dest = self.st().dest;
        if matches!(dest, Dest::FontTable | Dest::StyleSheet) {
            return decode_cp(self.ansicpg, b);
        }
        let (cp, symbol) = match self.current_font() {
            Some(f) if is_legacy_font(&f.name) => (1252, None),
            Some(f) if f.charset == Some(2) => {
                (0, Some(f.name.to_ascii_lowercase().contains("wingdings")))
            }
            Some(f) => match f.cpg.or_else(|| charset_codepage(f.charset)) {
                Some(cp) => (cp, None),
                None => (self.ansicpg, None),
            },
            None => (self.ansicpg, None),
        };
        if let Some(wingdings) = symbol {
            return symbol_byte(wingdings, b);
        }
        if b < 0x80 {
            return char::from(b);
        }
        if matches!(cp, 932 | 936 | 949 | 950) {
            self.dbcs = true;
        }
        decode_cp(cp, b)
    }

    fn unicode(&mut self, n: i32) {
        let code = if n < 0 { n + 65536 } else { n } as u32;
        self.uc_skip = self.st().uc;
        match code {
            0xD800..=0xDBFF => {
                self.high_surrogate = Some(code as u16);
                return;
            }
            0xDC00..=0xDFFF => {
                if let Some(hi) = self.high_surrogate.take() {
                    let c = 0x10000 + ((u32::from(hi) - 0xD800) << 10) + (code - 0xDC00);
                    self.emit_char(char::from_u32(c).unwrap_or('\u{FFFD}'));
                } else {
                    self.emit_char('\u{FFFD}');
                }
                return;
            }
            _ => {}
        }
        let c = char::from_u32(code).unwrap_or('\u{FFFD}');
        let c = if ('\u{F000}'..='\u{F0FF}').contains(&c) {
            let wingdings = self
                .current_font()
                .is_some_and(|f| f.name.to_ascii_lowercase().contains("wingdings"));
            let mapped = symbol_byte(wingdings, (code - 0xF000) as u8);
            if ('\u{F000}'..='\u{F0FF}').contains(&mapped) {
                c
            } else {
                mapped
            }
        } else {
            c
        };
        self.emit_char(c);
    }

    fn emit_char(&mut self, c: char) {
        if self.high_surrogate.take().is_some() {
            self.emit_str("\u{FFFD}");
        }
        let mut buf = [0u8; 4];
        self.emit_str(c.encode_utf8(&mut buf));
    }

    fn emit_str(&mut self, s: &str) {
        if self.overflow_skip.is_some() {
            return;
        }
        match self.st().dest {
            Dest::Text => {}
            Dest::FontTable => {
                for c in s.chars() {
                    self.font_char(c);
                }
                return;
            }
            Dest::StyleSheet => {
                for c in s.chars() {
                    self.style_char(c);
                }
                return;
            }
            Dest::Skip | Dest::Upr => return,
        }
        if self.st().hidden {
            return;
        }
        let st = self.st();
        let (sink, caps) = (st.sink, st.caps);
        let id = st
            .font
            .or_else(|| self.styles.get(&st.style).and_then(|s| s.1))
            .or(self.deff);
        let font = id
            .and_then(|id| self.fonts.get(&id))
            .map(|f| f.name.as_str());
        self.sinks[sink].push_text(s, font, caps);
        if self.root_closed {
            self.after_root = true;
        }
    }

    // --- font table and stylesheet ---

    fn font_table_word(&mut self, word: &str, param: Option<i32>, ignorable: bool) {
        match word {
            "f" => {
                self.commit_font();
                self.font_entry = Some(FontEntry {
                    id: param.unwrap_or(0),
                    ..Default::default()
                });
            }
            "fcharset" => {
                if let Some(e) = self.font_entry.as_mut() {
                    e.charset = param;
                }
            }
            "cpg" => {
                if let Some(e) = self.font_entry.as_mut() {
                    e.cpg = param.and_then(|p| u32::try_from(p).ok());
                }
            }
            _ if (ignorable || is_skip_destination(word))
                && self.stack.len() > 1
                && self.overflow == 0 =>
            {
                self.st_mut().dest = Dest::Skip;
            }
            _ => {}
        }
    }

    fn font_char(&mut self, c: char) {
        let Some(e) = self.font_entry.as_mut() else {
            return;
        };
        if c == ';' {
            self.commit_font();
        } else if e.name.len() < 256 {
            e.name.push(c);
        }
    }

    fn commit_font(&mut self) {
        if let Some(e) = self.font_entry.take() {
            let name = e.name.trim().trim_end_matches(';').trim().to_owned();
            if !name.is_empty() {
                self.fonts.entry(e.id).or_insert(Font {
                    name,
                    charset: e.charset,
                    cpg: e.cpg,
                });
            }
        }
    }

    fn stylesheet_word(&mut self, word: &str, param: Option<i32>, ignorable: bool) {
        match word {
            "s" => {
                if let Some(e) = self.style_entry.as_mut() {
                    e.id = param.unwrap_or(0);
                }
            }
            "f" => {
                if let Some(e) = self.style_entry.as_mut() {
                    e.font = param;
                }
            }
            _ if ignorable || is_skip_destination(word) || matches!(word, "cs" | "ds" | "ts") => {
                if word == "cs" || word == "ds" || word == "ts" {
                    // Character, section and table styles: not paragraph styles.
                    self.style_entry = None;
                }
                if self.stack.len() > 1 && self.overflow == 0 {
                    self.st_mut().dest = Dest::Skip;
                }
            }
            _ => {}
        }
    }

    fn style_char(&mut self, c: char) {
        let Some(e) = self.style_entry.as_mut() else {
            return;
        };
        if c == ';' {
            self.commit_style();
        } else if e.name.len() < 256 {
            e.name.push(c);
        }
    }

    fn commit_style(&mut self) {
        if let Some(e) = self.style_entry.take() {
            let name = e.name.trim().to_owned();
            if !name.is_empty() {
                self.styles.entry(e.id).or_insert((name, e.font));
            }
        }
    }

    fn finish(mut self) -> ContainerDoc {
        let unclosed = self.stack.len() > 1;
        while self.stack.len() > 1 {
            self.pop_state();
        }
        let body = self.sinks[0].finish();
        let mut diagnostics = Vec::new();
        let mut warn = |code: &str, message: String| {
            diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                code: code.into(),
                message,
                span: None,
            });
        };
        if unclosed || self.extra_close || self.after_root {
            warn(
                "decode.rtf.unbalanced",
                "Tệp RTF có dấu ngoặc nhọn { } không cân đối (có thể bị cắt cụt); đã đọc được đến đâu giữ đến đó.".into(),
            );
        }
        if self.too_deep {
            warn(
                "decode.rtf.nesting",
                format!("Tệp RTF lồng nhóm quá {MAX_NESTING} cấp; phần sâu hơn được đọc phẳng."),
            );
        }
        if self.truncated {
            warn(
                "decode.rtf.truncated",
                format!(
                    "Tệp RTF có quá {} đoạn văn/ô bảng; phần sau đã bị bỏ qua.",
                    super::docx::MAX_BLOCKS
                ),
            );
        }
        if self.dbcs {
            warn(
                "decode.rtf.charset",
                "Tệp RTF dùng bảng mã hai byte (Trung/Nhật/Hàn) chưa được hỗ trợ; một số ký tự có thể sai.".into(),
            );
        }
        ContainerDoc {
            body,
            notes: self.notes,
            furniture: self.furniture,
            diagnostics,
        }
    }
}

/// A note's text starts after its number mark, usually with a space: drop that space.
fn trim_note_start(blocks: &mut [Block]) {
    if let Some(Block::Paragraph(p)) = blocks.first_mut() {
        while let Some(first) = p.runs.first_mut() {
            let trimmed = first.text.trim_start();
            if trimmed.is_empty() && first.note_ref.is_none() {
                p.runs.remove(0);
                continue;
            }
            if trimmed.len() != first.text.len() {
                first.text = trimmed.to_owned();
            }
            break;
        }
    }
}

/// Fonts of the legacy Vietnamese encodings (TCVN3 `.Vn…`/`VN…`, VNI, VPS, VISCII): their bytes are
/// glyph codes, read as Windows-1252 whatever the charset says.
pub(crate) fn is_legacy_font(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    n.starts_with(".vn")
        || n.starts_with("vn")
        || n.starts_with("vps")
        || n.starts_with("viscii")
        || n.starts_with("vk ")
}

fn charset_codepage(charset: Option<i32>) -> Option<u32> {
    Some(match charset? {
        0 => 1252,
        77 => 1252,
        128 => 932,
        129 => 949,
        134 => 936,
        136 => 950,
        161 => 1253,
        162 => 1254,
        163 => 1258,
        177 => 1255,
        178 => 1256,
        186 => 1257,
        204 => 1251,
        222 => 874,
        238 => 1250,
        _ => return None,
    })
}

fn decode_cp(cp: u32, b: u8) -> char {
    if b < 0x80 {
        return char::from(b);
    }
    let table = match cp {
        1250 => &CP1250,
        1251 => &CP1251,
        1253 => &CP1253,
        1254 => &CP1254,
        1257 => &CP1257,
        1258 => &CP1258,
        _ => &CP1252,
    };
    char::from_u32(u32::from(table[usize::from(b - 0x80)])).unwrap_or('\u{FFFD}')
}

/// A byte in a symbol font (`\fcharset2`): common bullets and Symbol's Greek letters; anything
/// else kept as the private-use code point Word gives it (U+F000 + byte).
fn symbol_byte(wingdings: bool, b: u8) -> char {
    const GREEK_UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
    const GREEK_LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    let mapped = if wingdings {
        match b {
            0x6C => Some('●'),
            0x6E => Some('■'),
            0x71 => Some('❑'),
            0x76 => Some('❖'),
            0xA7 => Some('▪'),
            0xD8 => Some('➢'),
            0xFC => Some('✓'),
            _ => None,
        }
    } else {
        match b {
            0xB7 => Some('•'),
            0xAE => Some('→'),
            0xDE => Some('⇒'),
            0x2D => Some('-'),
            b'A'..=b'Z' => GREEK_UPPER.chars().nth(usize::from(b - b'A')),
            b'a'..=b'z' => GREEK_LOWER.chars().nth(usize::from(b - b'a')),
            0x20..=0x3F if !matches!(b, 0x22 | 0x24 | 0x27) => Some(char::from(b)),
            _ => None,
        }
    };
    mapped.unwrap_or_else(|| {
        if wingdings && b == b' ' {
            ' '
        } else {
            char::from_u32(0xF000 + u32::from(b)).unwrap_or('\u{FFFD}')
        }
    })
}

/// Windows-1250, bytes 0x80–0xFF (undefined bytes → the C1/Latin-1 code point of the same value).
const CP1250: [u16; 128] = [
    0x20AC, 0x0081, 0x201A, 0x0083, 0x201E, 0x2026, 0x2020, 0x2021, 0x0088, 0x2030, 0x0160, 0x2039,
    0x015A, 0x0164, 0x017D, 0x0179, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x0098, 0x2122, 0x0161, 0x203A, 0x015B, 0x0165, 0x017E, 0x017A, 0x00A0, 0x02C7, 0x02D8, 0x0141,
    0x00A4, 0x0104, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x015E, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x017B,
    0x00B0, 0x00B1, 0x02DB, 0x0142, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x0105, 0x015F, 0x00BB,
    0x013D, 0x02DD, 0x013E, 0x017C, 0x0154, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x0139, 0x0106, 0x00C7,
    0x010C, 0x00C9, 0x0118, 0x00CB, 0x011A, 0x00CD, 0x00CE, 0x010E, 0x0110, 0x0143, 0x0147, 0x00D3,
    0x00D4, 0x0150, 0x00D6, 0x00D7, 0x0158, 0x016E, 0x00DA, 0x0170, 0x00DC, 0x00DD, 0x0162, 0x00DF,
    0x0155, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x013A, 0x0107, 0x00E7, 0x010D, 0x00E9, 0x0119, 0x00EB,
    0x011B, 0x00ED, 0x00EE, 0x010F, 0x0111, 0x0144, 0x0148, 0x00F3, 0x00F4, 0x0151, 0x00F6, 0x00F7,
    0x0159, 0x016F, 0x00FA, 0x0171, 0x00FC, 0x00FD, 0x0163, 0x02D9,
];

/// Windows-1251, bytes 0x80–0xFF (undefined bytes → the C1/Latin-1 code point of the same value).
const CP1251: [u16; 128] = [
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039,
    0x040A, 0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x0098, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0, 0x040E, 0x045E, 0x0408,
    0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB,
    0x0458, 0x0405, 0x0455, 0x0457, 0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F, 0x0420, 0x0421, 0x0422, 0x0423,
    0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A, 0x043B,
    0x043C, 0x043D, 0x043E, 0x043F, 0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
    0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
];

/// Windows-1252, bytes 0x80–0xFF (undefined bytes → the C1/Latin-1 code point of the same value).
const CP1252: [u16; 128] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3,
    0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB,
    0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, 0x00D0, 0x00D1, 0x00D2, 0x00D3,
    0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,
    0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB,
    0x00EC, 0x00ED, 0x00EE, 0x00EF, 0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,
];

/// Windows-1253, bytes 0x80–0xFF (undefined bytes → the C1/Latin-1 code point of the same value).
const CP1253: [u16; 128] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x0088, 0x2030, 0x008A, 0x2039,
    0x008C, 0x008D, 0x008E, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x0098, 0x2122, 0x009A, 0x203A, 0x009C, 0x009D, 0x009E, 0x009F, 0x00A0, 0x0385, 0x0386, 0x00A3,
    0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x2015,
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x0384, 0x00B5, 0x00B6, 0x00B7, 0x0388, 0x0389, 0x038A, 0x00BB,
    0x038C, 0x00BD, 0x038E, 0x038F, 0x0390, 0x0391, 0x0392, 0x0393, 0x0394, 0x0395, 0x0396, 0x0397,
    0x0398, 0x0399, 0x039A, 0x039B, 0x039C, 0x039D, 0x039E, 0x039F, 0x03A0, 0x03A1, 0x00D2, 0x03A3,
    0x03A4, 0x03A5, 0x03A6, 0x03A7, 0x03A8, 0x03A9, 0x03AA, 0x03AB, 0x03AC, 0x03AD, 0x03AE, 0x03AF,
    0x03B0, 0x03B1, 0x03B2, 0x03B3, 0x03B4, 0x03B5, 0x03B6, 0x03B7, 0x03B8, 0x03B9, 0x03BA, 0x03BB,
    0x03BC, 0x03BD, 0x03BE, 0x03BF, 0x03C0, 0x03C1, 0x03C2, 0x03C3, 0x03C4, 0x03C5, 0x03C6, 0x03C7,
    0x03C8, 0x03C9, 0x03CA, 0x03CB, 0x03CC, 0x03CD, 0x03CE, 0x00FF,
];

/// Windows-1254, bytes 0x80–0xFF (undefined bytes → the C1/Latin-1 code point of the same value).
const CP1254: [u16; 128] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x008E, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x009E, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3,
    0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB,
    0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, 0x011E, 0x00D1, 0x00D2, 0x00D3,
    0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x0130, 0x015E, 0x00DF,
    0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB,
    0x00EC, 0x00ED, 0x00EE, 0x00EF, 0x011F, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7,
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x0131, 0x015F, 0x00FF,
];

/// Windows-1257, bytes 0x80–0xFF (undefined bytes → the C1/Latin-1 code point of the same value).
const CP1257: [u16; 128] = [
    0x20AC, 0x0081, 0x201A, 0x0083, 0x201E, 0x2026, 0x2020, 0x2021, 0x0088, 0x2030, 0x008A, 0x2039,
    0x008C, 0x00A8, 0x02C7, 0x00B8, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x0098, 0x2122, 0x009A, 0x203A, 0x009C, 0x00AF, 0x02DB, 0x009F, 0x00A0, 0x00A1, 0x00A2, 0x00A3,
    0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00D8, 0x00A9, 0x0156, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00C6,
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00F8, 0x00B9, 0x0157, 0x00BB,
    0x00BC, 0x00BD, 0x00BE, 0x00E6, 0x0104, 0x012E, 0x0100, 0x0106, 0x00C4, 0x00C5, 0x0118, 0x0112,
    0x010C, 0x00C9, 0x0179, 0x0116, 0x0122, 0x0136, 0x012A, 0x013B, 0x0160, 0x0143, 0x0145, 0x00D3,
    0x014C, 0x00D5, 0x00D6, 0x00D7, 0x0172, 0x0141, 0x015A, 0x016A, 0x00DC, 0x017B, 0x017D, 0x00DF,
    0x0105, 0x012F, 0x0101, 0x0107, 0x00E4, 0x00E5, 0x0119, 0x0113, 0x010D, 0x00E9, 0x017A, 0x0117,
    0x0123, 0x0137, 0x012B, 0x013C, 0x0161, 0x0144, 0x0146, 0x00F3, 0x014D, 0x00F5, 0x00F6, 0x00F7,
    0x0173, 0x0142, 0x015B, 0x016B, 0x00FC, 0x017C, 0x017E, 0x02D9,
];

/// Windows-1258, bytes 0x80–0xFF (undefined bytes → the C1/Latin-1 code point of the same value).
const CP1258: [u16; 128] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x008A, 0x2039,
    0x0152, 0x008D, 0x008E, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x009A, 0x203A, 0x0153, 0x009D, 0x009E, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3,
    0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB,
    0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF, 0x0110, 0x00D1, 0x0309, 0x00D3,
    0x00D4, 0x01A0, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
    0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB,
    0x0301, 0x00ED, 0x00EE, 0x00EF, 0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7,
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &ContainerDoc) -> Vec<String> {
        doc.body
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.runs.iter().map(|r| r.text.as_str()).collect(),
                Block::Table(_) => "<table>".into(),
            })
            .collect()
    }

    fn body(rtf: &str) -> Vec<String> {
        texts(&read(rtf.as_bytes()).unwrap())
    }

    #[test]
    fn từ_điều_khiển_tham_số_và_dấu_cách() {
        // The space after a control word is its delimiter; a second space is text.
        assert_eq!(body(r"{\rtf1 a\tab  b\par}"), vec!["a\t b"]);
        // Negative parameters, the parameter ending at a non-digit, and control symbols.
        assert_eq!(
            body(r"{\rtf1 \u-3913?x\u7871\'3fy\par}"),
            vec!["•x\u{1EBF}y"],
            "PUA symbols mapped"
        );
        assert_eq!(body(r"{\rtf1 \{\}\\\~\_\-z\par}"), vec!["{}\\\u{a0}-z"]);
        // A backslash-newline is a paragraph break.
        assert_eq!(body("{\\rtf1 a\\\nb}"), vec!["a", "b"]);
        // Surrogate pairs through \u, lone surrogates replaced.
        assert_eq!(
            body(r"{\rtf1 \u-10179?\u-8704?\u-10179?x}"),
            vec!["😀\u{FFFD}x"]
        );
    }

    #[test]
    fn bảng_mã_theo_phông() {
        let rtf = r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\fcharset163 Times Viet;}{\f1\fcharset204 Arial Cyr;}{\f2\fcharset163 .VnTime;}{\f3\cpg1250 X;}{\f4\fcharset0 VNI-Times;}}"
            .to_owned()
            + r"\f0 \'e0\'f2\par\f1 \'c0\par\f2 \'e0\'f2\par\f3 \'b9\par\f4 \'e0\par\f9 \'e0\par}";
        assert_eq!(body(&rtf), vec!["à\u{323}", "А", "àò", "ą", "à", "à"]);
        let doc = read(rtf.as_bytes()).unwrap();
        let Block::Paragraph(p) = &doc.body[2] else {
            panic!()
        };
        assert_eq!(
            p.runs[0].font.as_deref(),
            Some(".VnTime"),
            "legacy fonts read as Windows-1252 whatever the charset"
        );
        let Block::Paragraph(p) = &doc.body[5] else {
            panic!()
        };
        assert_eq!(p.runs[0].font, None, "an undeclared font");
    }

    #[test]
    fn phông_ký_hiệu() {
        let rtf = r"{\rtf1{\fonttbl{\f0\fcharset2 Symbol;}{\f1\fcharset2 Wingdings;}}\f0 \'b7 a 1\'ff\f1 \'a7\'d8\par}";
        assert_eq!(body(rtf), vec!["• α 1\u{F0FF}▪➢"]);
    }

    #[test]
    fn chữ_hoa_toàn_bộ() {
        // `\caps` until `\caps0`, `\plain` or the group's end; the page shows capitals.
        let rtf = r"{\rtf1{\fonttbl{\f0 .VnTime;}}\f0 {\caps S\'e8:} 12 \caps b\'b8o\caps0  c\'b8o\par}";
        let doc = read(rtf.as_bytes()).unwrap();
        let Block::Paragraph(p) = &doc.body[0] else { panic!() };
        let caps: Vec<bool> = p.runs.iter().map(|r| r.caps).collect();
        assert_eq!(caps, vec![true, false, true, false]);
        assert_eq!(super::super::flatten::flatten(&doc).text, "SỐ: 12 BÁO cáo\n");
    }

    #[test]
    fn chú_thích_cuối_trang_và_cuối_văn_bản() {
        let doc = read(
            br"{\rtf1 A{\super\chftn}{\footnote\pard {\super\chftn} one}B{\footnote\ftnalt\pard end}C{\footnote two}\par}",
        )
        .unwrap();
        let Block::Paragraph(p) = &doc.body[0] else {
            panic!()
        };
        let refs: Vec<Option<&str>> = p.runs.iter().map(|r| r.note_ref.as_deref()).collect();
        assert_eq!(
            refs,
            vec![None, Some("1"), None, Some("e1"), None, Some("2")]
        );
        let ids: Vec<&str> = doc.notes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, vec!["1", "e1", "2"]);
        let note: Vec<String> = doc
            .notes
            .iter()
            .map(|n| {
                texts(&ContainerDoc {
                    body: n.blocks.clone(),
                    ..Default::default()
                })[0]
                    .clone()
            })
            .collect();
        assert_eq!(note, vec!["one", "end", "two"]);
    }

    #[test]
    fn bảng_lồng_được_làm_phẳng() {
        let rtf = r"{\rtf1 \pard\intbl a\cell \pard\intbl\itap2 x\nestcell y\nestcell{\*\nesttableprops\trowd\nestrow}{\nonesttables x y}\pard\intbl\itap1 z\cell\row\pard after\par}";
        let doc = read(rtf.as_bytes()).unwrap();
        let Block::Table(t) = &doc.body[0] else {
            panic!("{:?}", doc.body)
        };
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].len(), 2);
        let second = texts(&ContainerDoc {
            body: t.rows[0][1].blocks.clone(),
            ..Default::default()
        });
        assert_eq!(second, vec!["x", "y", "z"]);
        assert_eq!(texts(&doc)[1], "after");
    }

    #[test]
    fn quá_nhiều_đoạn_bị_cắt() {
        let rtf = "{\\rtf1 ".to_owned() + &"x\\par ".repeat(10) + "}";
        let mut p = Parser::new(rtf.as_bytes());
        p.blocks_left = 4;
        p.run();
        let doc = p.finish();
        assert_eq!(doc.body.len(), 4);
        assert!(doc
            .diagnostics
            .iter()
            .any(|d| d.code == "decode.rtf.truncated"));
    }

    #[test]
    fn đích_được_dùng_lại() {
        let rtf = "{\\rtf1 ".to_owned()
            + &"{\\listtext}{\\footnote\\footnote x}".repeat(1000)
            + "y\\par}";
        let mut p = Parser::new(rtf.as_bytes());
        p.run();
        assert!(p.sinks.len() <= 4, "{} sinks", p.sinks.len());
        let doc = p.finish();
        assert_eq!(doc.notes.len(), 2000);
        let Block::Paragraph(para) = &doc.body[0] else {
            panic!()
        };
        assert_eq!(
            para.runs.iter().filter(|r| r.note_ref.is_some()).count(),
            2000
        );
    }

    #[test]
    fn danh_sách_đích_đã_sắp_xếp() {
        assert!(SKIP_DESTINATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(!is_skip_destination("fonttbl"));
        assert!(is_skip_destination("pict") && is_skip_destination("xmlopen"));
    }

    #[test]
    fn bin_và_nhóm_bỏ_qua() {
        assert_eq!(
            body(r"{\rtf1 a\bin4 }}}}b{\*\foo {c}}d{\pict{\*\blipuid 1}ff}e\bin999999999 "),
            vec!["abde"]
        );
    }

    #[test]
    fn nhãn_danh_sách() {
        let rtf = r"{\rtf1{\fonttbl{\f0 .VnTime;}{\f1 Arial;}}{\listtext\f0 \'a7i\'d2u 1.\tab}\f0 v\'b8n\par{\listtext\f1 a)\tab}\f1 x\par}";
        let doc = read(rtf.as_bytes()).unwrap();
        let Block::Paragraph(p) = &doc.body[0] else {
            panic!()
        };
        assert_eq!(p.label, None);
        assert_eq!(p.runs[0].text, "§iÒu 1. v¸n");
        let Block::Paragraph(p) = &doc.body[1] else {
            panic!()
        };
        assert_eq!(p.label.as_deref(), Some("a)"));
    }
}
