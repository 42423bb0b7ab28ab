//! .doc (Word 97–2003: OLE compound file + piece table) bytes → [`ContainerDoc`].
//!
//! What is read ([MS-DOC]):
//! - the FIB (`WordDocument` stream): signature, version, encryption flags, which table stream,
//!   the story lengths (`ccpText`, `ccpFtn`, `ccpHdd`, `ccpAtn`, `ccpEdn`, `ccpTxbx`,
//!   `ccpHdrTxbx`) and the table-stream locations of the structures below;
//! - the text through the piece table (CLX): 8-bit "compressed" pieces are read as Windows-1252
//!   (so TCVN3 bytes come out as "B¸o c¸o", exactly as stored), other pieces as UTF-16LE;
//!   without a usable CLX the text is read from `fcMin` in one piece;
//! - character properties (CHPX FKPs through `PlcBteChpx`), paragraph properties (PAPX FKPs
//!   through `PlcBtePapx`), the stylesheet (STSH: default fonts, each style's character sprms,
//!   `istdBase` chains) and the font table (`SttbfFfn`), so every run carries its font name —
//!   which is what tells [`super::legacy`] that a run is TCVN3 or VNI. A run without a font
//!   sprm of its own inherits its paragraph style's font, then the document default;
//! - piece modifiers (`Prm` → `Prc` grpprl) of fast-saved files;
//! - stories: main text → `body`; footnotes and endnotes → `notes` ("1", "2"…, "e1"…) with the
//!   references in the body as runs with `note_ref`; headers/footers (and their text boxes) →
//!   `furniture`; text boxes → blocks appended after the body; comments are left out;
//! - tables: a paragraph ending in 0x07 is a cell end, unless its PAP has `fTtp`
//!   (`sprmPFTtp`), which makes it the row end; nested tables use `sprmPItap`,
//!   `sprmPFInnerTableCell` and `sprmPFInnerTtp`. When a file has no readable PAPX at all, a
//!   heuristic is used instead: an empty 0x07 paragraph right after a cell end ends the row;
//! - special characters: 0x0D paragraph, 0x0B line break ("\n"), 0x0C/0x0E page, section or
//!   column break (paragraph break), 0x1E non-breaking hyphen ("-"), 0x1F optional hyphen
//!   (dropped), 0x13 … 0x14 … 0x15 fields (code dropped, result kept, nested fields on a
//!   bounded stack), 0x01/0x08 pictures and drawn objects and 0x05 comment marks (dropped),
//!   0x02 note references, 0x09 tab, 0xA0 no-break space;
//! - automatic numbering (PlfLst + the LVLs after it, PlfLfo, `sprmPIlfo`/`sprmPIlvl` from the
//!   paragraph or its style): the number as displayed ("1.", "II-", "a)", "•") becomes the
//!   paragraph's `label`; a number holding non-ASCII characters (e.g. "§iÒu 1." in a TCVN3
//!   font) becomes the paragraph's first run instead, in its font, so it is re-read like text;
//! - tracked deletions are kept (see [`KEEP_TRACKED_DELETIONS`]), hidden text is left out.
//!
//! Word 6/95 files (nFib 101–105) are read too, as text only: their 8-bit text (piece table or
//! `fcMin`..`fcMac`) is returned without fonts or tables, with a diagnostic. Older Word versions
//! are refused with [`ErrorCode::UnsupportedFormat`].
//!
//! Untrusted input: every offset goes through checked slices, every loop is bounded by the
//! input size or by a named limit, style chains and field nesting are bounded by
//! [`MAX_NESTING`], and nothing recurses on input structure.

use std::collections::HashMap;

use super::cfb::Cfb;
use super::container::{Block, Cell, ContainerDoc, Note, Paragraph, Run, Table};
use crate::limits::{MAX_CONTAINER_ENTRIES, MAX_NESTING};
use crate::report::{Diagnostic, Severity};
use crate::{Error, ErrorCode, Result};

/// Most characters (CPs, all stories together) read from one .doc; past it the file is refused
/// with [`ErrorCode::InputTooLarge`]. A 1,000-page report has about 3 million. (Each character
/// also needs a byte of the WordDocument stream, so a small file cannot claim many.)
pub const MAX_DOC_CHARS: usize = 16 * 1024 * 1024;

/// Text marked as deleted by tracked changes (`sprmCFRMarkDel`) is kept, as Word shows it by
/// default (struck through, "Final Showing Markup") and as the reference transcripts have it; a
/// warning says how much. Set to `false` to read the final text only (what the .docx reader
/// does). Hidden text (`sprmCFVanish`), which Word neither shows nor prints, is always left out.
pub const KEEP_TRACKED_DELETIONS: bool = true;

/// Size of a formatted disk page (FKP) holding CHPX or PAPX runs.
const FKP: usize = 512;

/// "No base style" in an STD.
const ISTD_NIL: u16 = 0x0FFF;

/// Reads a doc file.
///
/// # Errors
/// [`ErrorCode::CorruptFile`] for a broken compound file or FIB; [`ErrorCode::EncryptedFile`]
/// for a password-protected document; [`ErrorCode::UnsupportedFormat`] for a compound file that
/// is not a Word document (Excel, PowerPoint…) or a Word version before 6.0;
/// [`ErrorCode::InputTooLarge`] past [`MAX_DOC_CHARS`] characters.
pub fn read(bytes: &[u8]) -> Result<ContainerDoc> {
    let cfb = Cfb::parse(bytes)?;
    let Some(wd) = cfb.open("WordDocument")? else {
        return Err(not_word(&cfb));
    };
    let n_fib = u16_at(&wd, 2).unwrap_or(0);
    let table = if (101..=105).contains(&n_fib) {
        None
    } else {
        let which = u16_at(&wd, 0x0A).unwrap_or(0) & 0x0200 != 0;
        cfb.open(if which { "1Table" } else { "0Table" })?
    };
    read_streams(&wd, table.as_deref())
}

/// Reads a document from its `WordDocument` stream and its table stream (`0Table`/`1Table`, as
/// the FIB says; `None` for Word 6/95 files, which have none) — the part of [`read`] after the
/// compound file.
///
/// # Errors
/// As [`read`]; a Word 97+ document without its table stream is [`ErrorCode::CorruptFile`].
pub fn read_streams(word_document: &[u8], table: Option<&[u8]>) -> Result<ContainerDoc> {
    let fib = Fib::parse(word_document)?;
    let table = if fib.word6 {
        word_document
    } else {
        let name = if fib.which_table { "1Table" } else { "0Table" };
        table.ok_or_else(|| {
            corrupt(format!(
                "thiếu luồng bảng {name} mà FIB trỏ tới (missing table stream {name})"
            ))
        })?
    };
    let mut reader = Reader::new(word_document, table, fib)?;
    Ok(reader.document())
}

fn corrupt(what: impl AsRef<str>) -> Error {
    Error::new(
        ErrorCode::CorruptFile,
        format!("Tệp .doc bị hỏng: {} (corrupt Word file)", what.as_ref()),
    )
}

fn not_word(cfb: &Cfb<'_>) -> Error {
    let what = if cfb.has("Workbook") || cfb.has("Book") {
        "bảng tính Excel (.xls)"
    } else if cfb.has("PowerPoint Document") {
        "bản trình chiếu PowerPoint (.ppt)"
    } else if cfb.has("EncryptedPackage") {
        return Error::new(
            ErrorCode::EncryptedFile,
            "Tài liệu Office được bảo vệ bằng mật khẩu (encrypted Office document)",
        );
    } else {
        "tệp OLE không có luồng WordDocument"
    };
    Error::new(
        ErrorCode::UnsupportedFormat,
        format!("Không phải văn bản Word: {what} (not a Word document)"),
    )
}

fn u16_at(b: &[u8], off: usize) -> Option<u16> {
    b.get(off..off.checked_add(2)?)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    b.get(off..off.checked_add(4)?)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn diag(severity: Severity, code: &str, message: String) -> Diagnostic {
    Diagnostic {
        severity,
        code: code.into(),
        message,
        span: None,
    }
}

// ---------------------------------------------------------------------------------------------
// FIB

/// Index of an FcLcb pair in FibRgFcLcb97 (the Word 6/95 FIB has the same order for these).
mod fclcb {
    pub const STSHF: usize = 1;
    pub const PLCFFND_REF: usize = 2;
    pub const PLCFFND_TXT: usize = 3;
    pub const PLCF_HDD: usize = 11;
    pub const PLCF_BTE_CHPX: usize = 12;
    pub const PLCF_BTE_PAPX: usize = 13;
    pub const STTBF_FFN: usize = 15;
    pub const CLX: usize = 33;
    pub const PLCFEND_REF: usize = 46;
    pub const PLCFEND_TXT: usize = 47;
    pub const PLF_LST: usize = 73;
    pub const PLF_LFO: usize = 74;
}

/// Story lengths, in CPs, in story order.
#[derive(Debug, Clone, Copy, Default)]
struct Ccp {
    text: u32,
    ftn: u32,
    hdd: u32,
    mcr: u32,
    atn: u32,
    edn: u32,
    txbx: u32,
    hdr_txbx: u32,
}

impl Ccp {
    fn total(&self) -> u64 {
        [
            self.text,
            self.ftn,
            self.hdd,
            self.mcr,
            self.atn,
            self.edn,
            self.txbx,
            self.hdr_txbx,
        ]
        .iter()
        .map(|&v| u64::from(v))
        .sum()
    }
    fn ftn_start(&self) -> u32 {
        self.text
    }
    fn hdd_start(&self) -> u32 {
        self.text.saturating_add(self.ftn)
    }
    fn edn_start(&self) -> u32 {
        self.hdd_start()
            .saturating_add(self.hdd)
            .saturating_add(self.mcr)
            .saturating_add(self.atn)
    }
    fn txbx_start(&self) -> u32 {
        self.edn_start().saturating_add(self.edn)
    }
    fn hdr_txbx_start(&self) -> u32 {
        self.txbx_start().saturating_add(self.txbx)
    }
}

#[derive(Debug, Clone)]
struct Fib {
    word6: bool,
    complex: bool,
    which_table: bool,
    fc_min: u32,
    fc_mac: u32,
    ccp: Ccp,
    fclcb: Vec<(u32, u32)>,
}

impl Fib {
    fn parse(wd: &[u8]) -> Result<Fib> {
        let ident =
            u16_at(wd, 0).ok_or_else(|| corrupt("luồng WordDocument quá ngắn (FIB truncated)"))?;
        if ident != 0xA5EC && ident != 0xA5DC {
            return Err(corrupt(format!(
                "chữ ký FIB {ident:#06x} không phải 0xA5EC (bad FIB signature)"
            )));
        }
        let n_fib = u16_at(wd, 2).unwrap_or(0);
        let flags = u16_at(wd, 0x0A).unwrap_or(0);
        // fEncrypted (fObfuscated only says which kind: XOR or RC4).
        if flags & 0x0100 != 0 {
            return Err(Error::new(
                ErrorCode::EncryptedFile,
                "Văn bản Word được bảo vệ bằng mật khẩu (encrypted Word document)",
            ));
        }
        let complex = flags & 0x0004 != 0;
        let which_table = flags & 0x0200 != 0;
        let fc_min = u32_at(wd, 0x18).unwrap_or(0);
        let fc_mac = u32_at(wd, 0x1C).unwrap_or(0);
        if n_fib < 101 {
            return Err(Error::new(
                ErrorCode::UnsupportedFormat,
                format!("Chưa hỗ trợ văn bản Word 2.0 hoặc cũ hơn (nFib {n_fib}) (unsupported Word version)"),
            ));
        }
        if n_fib <= 105 {
            // Word 6.0 / Word 95: fixed FIB layout, one stream.
            let l = |off| u32_at(wd, off).unwrap_or(0);
            let ccp = Ccp {
                text: l(0x34),
                ftn: l(0x38),
                hdd: l(0x3C),
                mcr: l(0x40),
                atn: l(0x44),
                edn: l(0x48),
                txbx: l(0x4C),
                hdr_txbx: l(0x50),
            };
            let fclcb = (0..40)
                .map(|i| (l(0x58 + 8 * i), l(0x5C + 8 * i)))
                .collect();
            return Ok(Fib {
                word6: true,
                complex,
                which_table: false,
                fc_min,
                fc_mac,
                ccp,
                fclcb,
            });
        }
        let short = || corrupt("FIB bị cắt cụt (FIB truncated)");
        let csw = u16_at(wd, 0x20).ok_or_else(short)? as usize;
        let rglw = 0x22 + 2 * csw;
        let cslw = u16_at(wd, rglw).ok_or_else(short)? as usize;
        let lw = rglw + 2;
        if cslw < 11 {
            return Err(corrupt(format!(
                "FibRgLw chỉ có {cslw} phần tử (FIB too short)"
            )));
        }
        let l = |i: usize| u32_at(wd, lw + 4 * i).unwrap_or(0);
        let ccp = Ccp {
            text: l(3),
            ftn: l(4),
            hdd: l(5),
            mcr: l(6),
            atn: l(7),
            edn: l(8),
            txbx: l(9),
            hdr_txbx: l(10),
        };
        let rg = lw + 4 * cslw;
        let cb = u16_at(wd, rg).ok_or_else(short)? as usize;
        let base = rg + 2;
        let n = cb.min(wd.len().saturating_sub(base) / 8);
        let fclcb = (0..n)
            .map(|i| {
                (
                    u32_at(wd, base + 8 * i).unwrap_or(0),
                    u32_at(wd, base + 8 * i + 4).unwrap_or(0),
                )
            })
            .collect();
        Ok(Fib {
            word6: false,
            complex,
            which_table,
            fc_min,
            fc_mac,
            ccp,
            fclcb,
        })
    }

    /// The (fc, lcb) pair at `index`, or `None` when absent or empty.
    fn pair(&self, index: usize) -> Option<(usize, usize)> {
        let &(fc, lcb) = self.fclcb.get(index)?;
        (lcb > 0).then_some((fc as usize, lcb as usize))
    }
}

/// `(fc, lcb)` → the bytes of `stream` it designates, when they lie inside it.
fn slice(stream: &[u8], pair: Option<(usize, usize)>) -> Option<&[u8]> {
    let (fc, lcb) = pair?;
    stream.get(fc..fc.checked_add(lcb)?)
}

/// CPs of a PLC with `data`-byte elements: `(cps, n)`; `None` when the size does not fit.
fn plc(b: &[u8], data: usize) -> Option<(Vec<u32>, usize)> {
    if b.len() < 4 {
        return None;
    }
    let n = (b.len() - 4) / (4 + data);
    let cps = (0..=n).map(|i| u32_at(b, 4 * i).unwrap_or(0)).collect();
    Some((cps, n))
}

// ---------------------------------------------------------------------------------------------
// Sprms

/// Walks a grpprl: `(sprm, operand)` pairs. Operand sizes follow the spra rules of [MS-DOC]
/// 2.2.5.1, with the variable-length special cases (sprmTDefTable, sprmPChgTabs). A sprm whose
/// operand would run past the end stops the walk; every step consumes at least 3 bytes.
pub(crate) struct Sprms<'a> {
    g: &'a [u8],
    pos: usize,
}

impl<'a> Sprms<'a> {
    pub(crate) fn new(g: &'a [u8]) -> Self {
        Sprms { g, pos: 0 }
    }
}

/// sprmTDefTable and sprmTDefTable10: 2-byte size.
const SPRM_TDEFTABLE: u16 = 0xD608;
const SPRM_TDEFTABLE10: u16 = 0xD606;
/// sprmPChgTabs: a size byte of 255 means "compute it".
const SPRM_PCHGTABS: u16 = 0xC615;

/// Operand size of `sprm` whose operand starts at `op` in `g`.
fn operand_len(sprm: u16, g: &[u8], op: usize) -> Option<usize> {
    Some(match sprm >> 13 {
        0 | 1 => 1,
        2 | 4 | 5 => 2,
        3 => 4,
        7 => 3,
        _ => {
            if sprm == SPRM_TDEFTABLE || sprm == SPRM_TDEFTABLE10 {
                // cb counts the rest of the operand plus one.
                let cb = u16_at(g, op)? as usize;
                2 + cb.saturating_sub(1)
            } else if sprm == SPRM_PCHGTABS && *g.get(op)? == 255 {
                let del = *g.get(op + 1)? as usize;
                let add = *g.get(op + 2 + 4 * del)? as usize;
                1 + 1 + 4 * del + 1 + 3 * add
            } else {
                1 + *g.get(op)? as usize
            }
        }
    })
}

impl<'a> Iterator for Sprms<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let sprm = u16_at(self.g, self.pos)?;
        let op = self.pos + 2;
        let len = operand_len(sprm, self.g, op)?;
        let operand = self.g.get(op..op.checked_add(len)?)?;
        self.pos = op + len;
        Some((sprm, operand))
    }
}

// Character sprms.
const SPRM_CFRMARKDEL: u16 = 0x0800;
const SPRM_CFVANISH: u16 = 0x083C;
const SPRM_CFCAPS: u16 = 0x083B;
const SPRM_CISTD: u16 = 0x4A30;
const SPRM_CFTC_DEFAULT: u16 = 0x4A3D;
const SPRM_CRGFTC0: u16 = 0x4A4F;
const SPRM_CRGFTC1: u16 = 0x4A50;
const SPRM_CRGFTC2: u16 = 0x4A51;
// Paragraph sprms.
const SPRM_PISTD: u16 = 0x4600;
const SPRM_PFINTABLE: u16 = 0x2416;
const SPRM_PFTTP: u16 = 0x2417;
const SPRM_PITAP: u16 = 0x6649;
const SPRM_PDTAP: u16 = 0x664A;
const SPRM_PFINNERTABLECELL: u16 = 0x244B;
const SPRM_PFINNERTTP: u16 = 0x244C;
const SPRM_PILVL: u16 = 0x260A;
const SPRM_PILFO: u16 = 0x460B;

/// The character properties this reader needs. `None` = not set at this layer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Chp {
    /// Fonts for ASCII, East Asian and other characters (indices into the font table).
    ftc: [Option<u16>; 3],
    /// Tracked deletion.
    deleted: Option<bool>,
    /// Hidden text.
    hidden: Option<bool>,
    /// All caps.
    caps: Option<bool>,
}

impl Chp {
    /// Values set in `top` win.
    fn overlay(&mut self, top: &Chp) {
        for i in 0..3 {
            if top.ftc[i].is_some() {
                self.ftc[i] = top.ftc[i];
            }
        }
        if top.deleted.is_some() {
            self.deleted = top.deleted;
        }
        if top.hidden.is_some() {
            self.hidden = top.hidden;
        }
        if top.caps.is_some() {
            self.caps = top.caps;
        }
    }
}

/// A toggle operand: 0 off, 1 on, 0x80 as is, 0x81 the opposite.
fn toggle(op: u8, current: Option<bool>) -> Option<bool> {
    match op {
        0 => Some(false),
        1 => Some(true),
        0x80 => current,
        0x81 => Some(!current.unwrap_or(false)),
        _ => current,
    }
}

/// The paragraph properties this reader needs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Pap {
    istd: u16,
    in_table: bool,
    ttp: bool,
    itap: Option<i32>,
    inner_cell: bool,
    inner_ttp: bool,
    /// List: 1-based LFO index (0 = none) and level.
    ilfo: u16,
    ilvl: u8,
}

impl Pap {
    fn apply(&mut self, g: &[u8]) {
        for (sprm, op) in Sprms::new(g) {
            let b = op.first().copied().unwrap_or(0) != 0;
            match sprm {
                SPRM_PISTD => self.istd = u16_at(op, 0).unwrap_or(self.istd),
                SPRM_PFINTABLE => self.in_table = b,
                SPRM_PFTTP => self.ttp = b,
                SPRM_PITAP => self.itap = u32_at(op, 0).map(|v| v as i32),
                SPRM_PDTAP => {
                    let d = u32_at(op, 0).map_or(0, |v| v as i32);
                    self.itap = Some(
                        self.itap
                            .unwrap_or(i32::from(self.in_table))
                            .saturating_add(d),
                    );
                }
                SPRM_PFINNERTABLECELL => self.inner_cell = b,
                SPRM_PFINNERTTP => self.inner_ttp = b,
                SPRM_PILFO => self.ilfo = u16_at(op, 0).unwrap_or(0),
                SPRM_PILVL => self.ilvl = op.first().copied().unwrap_or(0),
                _ => {}
            }
        }
    }

    /// Table depth: 0 outside tables.
    fn depth(&self) -> usize {
        match self.itap {
            Some(d) if d > 0 => (d as usize).min(MAX_NESTING),
            Some(_) => 0,
            None => usize::from(self.in_table),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Stylesheet and fonts

#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    base: u16,
    /// Character sprms (UpxChpx) as a range of the table stream.
    chpx: Option<(usize, usize)>,
    /// Paragraph sprms (UpxPapx after its istd) as a range of the table stream.
    papx: Option<(usize, usize)>,
}

#[derive(Debug, Default)]
struct Styles {
    styles: Vec<Option<Style>>,
    /// Document default fonts (ftcAsci, ftcFE, ftcOther).
    defaults: [Option<u16>; 3],
}

impl Styles {
    /// Parses a Word 97 STSH at `range` of `tbl`. Bad parts are skipped, never fatal.
    fn parse(tbl: &[u8], stsh: Option<(usize, usize)>) -> Styles {
        let mut out = Styles::default();
        let Some((fc, lcb)) = stsh else { return out };
        let Some(end) = fc.checked_add(lcb).filter(|&e| e <= tbl.len()) else {
            return out;
        };
        let Some(cb_stshi) = u16_at(tbl, fc).map(usize::from) else {
            return out;
        };
        let stshi = fc + 2;
        let cstd = u16_at(tbl, stshi).unwrap_or(0) as usize;
        let cb_base = u16_at(tbl, stshi + 2).unwrap_or(10) as usize;
        if cb_stshi >= 18 {
            for i in 0..3 {
                out.defaults[i] = u16_at(tbl, stshi + 12 + 2 * i);
            }
        }
        let mut pos = stshi + cb_stshi;
        for _ in 0..cstd.min(MAX_CONTAINER_ENTRIES) {
            let Some(cb) = u16_at(tbl, pos).map(usize::from) else {
                break;
            };
            pos += 2;
            if pos + cb > end {
                break;
            }
            out.styles.push(if cb == 0 {
                None
            } else {
                parse_std(tbl, pos, pos + cb, cb_base)
            });
            pos += cb;
        }
        out
    }

    /// Resolves a property of style `istd` down its `istdBase` chain: `apply` adds one style's
    /// own sprms on top of its base's value. Every style is computed once (memoised in
    /// `cache`), chains are cut at [`MAX_NESTING`], so the total work is bounded by the
    /// stylesheet's size whatever the chains look like.
    fn resolve<T: Copy + Default>(
        &self,
        istd: u16,
        cache: &mut HashMap<u16, T>,
        apply: impl Fn(&mut T, &Style),
    ) -> T {
        if let Some(v) = cache.get(&istd) {
            return *v;
        }
        let mut chain = Vec::new();
        let mut cur = istd;
        let mut value = T::default();
        while cur != ISTD_NIL && chain.len() < MAX_NESTING {
            if let Some(v) = cache.get(&cur) {
                value = *v;
                break;
            }
            let Some(Some(st)) = self.styles.get(cur as usize) else {
                break;
            };
            chain.push(cur);
            cur = st.base;
        }
        for &i in chain.iter().rev() {
            if let Some(Some(st)) = self.styles.get(i as usize) {
                apply(&mut value, st);
            }
            cache.insert(i, value);
        }
        cache.get(&istd).copied().unwrap_or(value)
    }

    /// Character properties set by style `istd` and its bases (values set anywhere on the chain).
    fn chp(&self, tbl: &[u8], istd: u16, cache: &mut HashMap<u16, Chp>) -> Chp {
        self.resolve(istd, cache, |chp, st| {
            if let Some((a, b)) = st.chpx {
                apply_chp(chp, tbl.get(a..b).unwrap_or(&[]), None);
            }
        })
    }

    /// List properties (ilfo, ilvl) a paragraph style gives.
    fn list(&self, tbl: &[u8], istd: u16, cache: &mut HashMap<u16, (u16, u8)>) -> (u16, u8) {
        self.resolve(istd, cache, |v, st| {
            if let Some((a, b)) = st.papx {
                let mut pap = Pap {
                    ilfo: v.0,
                    ilvl: v.1,
                    ..Pap::default()
                };
                pap.apply(tbl.get(a..b).unwrap_or(&[]));
                *v = (pap.ilfo, pap.ilvl);
            }
        })
    }

    fn name(&self, istd: u16) -> Option<&str> {
        match self.styles.get(istd as usize) {
            Some(Some(s)) if !s.name.is_empty() => Some(&s.name),
            _ => None,
        }
    }
}

fn parse_std(tbl: &[u8], start: usize, end: usize, cb_base: usize) -> Option<Style> {
    let std = tbl.get(start..end)?;
    let w1 = u16_at(std, 2)?;
    let w2 = u16_at(std, 4)?;
    let stk = w1 & 0x000F;
    let base = w1 >> 4;
    let cupx = (w2 & 0x000F) as usize;
    let mut pos = cb_base.min(std.len());
    let cch = u16_at(std, pos)? as usize;
    let units: Vec<u16> = (0..cch)
        .map_while(|k| u16_at(std, pos + 2 + 2 * k))
        .collect();
    let name = String::from_utf16_lossy(&units);
    pos += 2 + 2 * cch + 2;
    let mut upx = Vec::new();
    for _ in 0..cupx.min(3) {
        if pos % 2 == 1 {
            pos += 1;
        }
        let Some(cb) = u16_at(std, pos).map(usize::from) else {
            break;
        };
        pos += 2;
        if pos + cb > std.len() {
            break;
        }
        upx.push((start + pos, start + pos + cb));
        pos += cb;
    }
    // Which UPX holds character sprms depends on the style kind.
    let chpx = match stk {
        1 => upx.get(1).copied(),
        2 => upx.first().copied(),
        3 => upx.get(2).copied(),
        _ => None,
    };
    let papx = match stk {
        1 | 4 => upx.first().copied(),
        3 => upx.get(1).copied(),
        _ => None,
    }
    .map(|(a, b)| ((a + 2).min(b), b));
    Some(Style {
        name,
        base,
        chpx,
        papx,
    })
}

/// Applies character sprms of `g` to `chp`; `char_style` resolves sprmCIstd.
fn apply_chp(chp: &mut Chp, g: &[u8], mut char_style: Option<&mut dyn FnMut(u16) -> Chp>) {
    for (sprm, op) in Sprms::new(g) {
        match sprm {
            SPRM_CRGFTC0 => chp.ftc[0] = u16_at(op, 0),
            SPRM_CRGFTC1 => chp.ftc[1] = u16_at(op, 0),
            SPRM_CRGFTC2 => chp.ftc[2] = u16_at(op, 0),
            SPRM_CFTC_DEFAULT => {
                let f = u16_at(op, 0);
                chp.ftc = [f, f, f];
            }
            SPRM_CFRMARKDEL => chp.deleted = toggle(op.first().copied().unwrap_or(0), chp.deleted),
            SPRM_CFVANISH => chp.hidden = toggle(op.first().copied().unwrap_or(0), chp.hidden),
            SPRM_CFCAPS => chp.caps = toggle(op.first().copied().unwrap_or(0), chp.caps),
            SPRM_CISTD => {
                if let (Some(f), Some(istd)) = (char_style.as_mut(), u16_at(op, 0)) {
                    let s = f(istd);
                    chp.overlay(&s);
                }
            }
            _ => {}
        }
    }
}

/// Font names from SttbfFfn, by ftc.
fn parse_fonts(tbl: &[u8], pair: Option<(usize, usize)>, word6: bool) -> Vec<String> {
    let mut fonts = Vec::new();
    let Some(b) = slice(tbl, pair) else {
        return fonts;
    };
    let mut pos = if word6 { 2 } else { 4 };
    if !word6 && u16_at(b, 0) == Some(0xFFFF) {
        pos = 6;
    }
    while pos < b.len() && fonts.len() < MAX_CONTAINER_ENTRIES {
        let len = b[pos] as usize;
        pos += 1;
        let Some(ffn) = b.get(pos..pos + len) else {
            break;
        };
        pos += len;
        let name = if word6 {
            // cbFfnM1 (already read), ffid, wWeight(2), chs, ixchSzAlt, szFfn (8-bit).
            let s = ffn.get(5..).unwrap_or(&[]);
            s.iter()
                .take_while(|&&c| c != 0)
                .map(|&c| cp1252(c))
                .collect::<String>()
        } else {
            // ffid, wWeight(2), chs, ixchSzAlt, panose(10), fs(24), xszFfn (UTF-16).
            let s = ffn.get(39..).unwrap_or(&[]);
            let units: Vec<u16> = s
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|&u| u != 0)
                .collect();
            String::from_utf16_lossy(&units)
        };
        fonts.push(name);
    }
    fonts
}

// ---------------------------------------------------------------------------------------------
// Text: piece table

/// Windows-1252 reading of a byte; the five undefined bytes map to the same code point.
pub(crate) fn cp1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ];
    if (0x80..0xA0).contains(&b) {
        char::from_u32(u32::from(HIGH[(b - 0x80) as usize])).unwrap_or('\u{FFFD}')
    } else {
        char::from(b)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    cp: u32,
    cp_end: u32,
    /// Byte offset of the piece's first character in the WordDocument stream.
    fc: u32,
    compressed: bool,
    prm: u16,
}

/// A byte range `(start, end)` of a stream.
type Range = (usize, usize);

/// Parses a CLX: `(pieces, Prc grpprl ranges in tbl)`, or `None` when it is unusable.
fn parse_clx(
    tbl: &[u8],
    pair: Option<(usize, usize)>,
    word6: bool,
) -> Option<(Vec<Piece>, Vec<Range>)> {
    let (fc, lcb) = pair?;
    let end = fc.checked_add(lcb)?.min(tbl.len());
    let mut pos = fc;
    let mut prcs = Vec::new();
    while pos < end && prcs.len() < MAX_CONTAINER_ENTRIES {
        match tbl[pos] {
            0x01 => {
                let cb = u16_at(tbl, pos + 1)? as usize;
                let start = pos + 3;
                let stop = start.checked_add(cb)?;
                if stop > end {
                    return None;
                }
                prcs.push((start, stop));
                pos = stop;
            }
            0x02 => {
                let lcb = u32_at(tbl, pos + 1)? as usize;
                let start = pos + 5;
                let b = tbl.get(start..start.checked_add(lcb)?)?;
                let (cps, n) = plc(b, 8)?;
                if n == 0 || n > MAX_CONTAINER_ENTRIES {
                    return None;
                }
                let mut pieces = Vec::with_capacity(n);
                for i in 0..n {
                    let d = 4 * (n + 1) + 8 * i;
                    let raw_fc = u32_at(b, d + 2)?;
                    let prm = u16_at(b, d + 6)?;
                    let (fc, compressed) = if word6 {
                        (raw_fc, true)
                    } else if raw_fc & 0x4000_0000 != 0 {
                        ((raw_fc & 0x3FFF_FFFF) / 2, true)
                    } else {
                        (raw_fc, false)
                    };
                    if cps[i + 1] < cps[i] || (i > 0 && cps[i] < cps[i - 1]) {
                        return None;
                    }
                    pieces.push(Piece {
                        cp: cps[i],
                        cp_end: cps[i + 1],
                        fc,
                        compressed,
                        prm,
                    });
                }
                return Some((pieces, prcs));
            }
            _ => return None,
        }
    }
    None
}

/// One character position: its UTF-16 unit (compressed bytes already read as Windows-1252),
/// the byte offset it was read from, and its piece.
#[derive(Debug, Clone, Copy, Default)]
struct Ch {
    u: u16,
    fc: u32,
    piece: u32,
}

/// A CHPX or PAPX run from an FKP: `[fc, fc_end)` and its grpprl as a range of the WordDocument
/// stream (for PAPX, after the istd).
#[derive(Debug, Clone, Copy)]
struct FkpRun {
    fc: u32,
    fc_end: u32,
    start: usize,
    end: usize,
    istd: u16,
}

/// Reads the FKP runs designated by a PlcBte (`papx` selects the PAPX page layout).
fn parse_bte(
    wd: &[u8],
    tbl: &[u8],
    pair: Option<(usize, usize)>,
    papx: bool,
    word6: bool,
) -> Vec<FkpRun> {
    let mut runs = Vec::new();
    let Some(b) = slice(tbl, pair) else {
        return runs;
    };
    let pn_size = if word6 { 2 } else { 4 };
    let Some((_, n)) = plc(b, pn_size) else {
        return runs;
    };
    let mut seen = std::collections::HashSet::new();
    for i in 0..n.min(MAX_CONTAINER_ENTRIES) {
        let off = 4 * (n + 1) + pn_size * i;
        let pn = if word6 {
            u16_at(b, off).map(u32::from)
        } else {
            u32_at(b, off).map(|v| v & 0x003F_FFFF)
        };
        let Some(pn) = pn else { break };
        if !seen.insert(pn) {
            continue;
        }
        let start = pn as usize * FKP;
        let Some(page) = wd.get(start..start + FKP) else {
            continue;
        };
        let crun = page[FKP - 1] as usize;
        let bx = if papx {
            if word6 {
                7
            } else {
                13
            }
        } else {
            1
        };
        if 4 * (crun + 1) + bx * crun > FKP - 1 {
            continue;
        }
        for k in 0..crun {
            let fc = u32_at(page, 4 * k).unwrap_or(0);
            let fc_end = u32_at(page, 4 * (k + 1)).unwrap_or(0);
            if fc_end <= fc {
                continue;
            }
            let b_off = page[4 * (crun + 1) + bx * k] as usize * 2;
            let (mut gs, mut ge, mut istd) = (0, 0, 0);
            if b_off != 0 && b_off < FKP - 1 {
                if papx {
                    let cb = page[b_off] as usize;
                    let (s, len) = if cb != 0 {
                        (b_off + 1, 2 * cb - 1)
                    } else {
                        (
                            b_off + 2,
                            2 * page.get(b_off + 1).copied().unwrap_or(0) as usize,
                        )
                    };
                    let e = (s + len).min(FKP - 1);
                    if word6 {
                        // Word 6: istd is one byte.
                        istd = page.get(s).copied().map_or(0, u16::from);
                        gs = (s + 1).min(e);
                    } else {
                        istd = u16_at(page, s).unwrap_or(0);
                        gs = (s + 2).min(e);
                    }
                    ge = e;
                } else {
                    let cb = page[b_off] as usize;
                    gs = b_off + 1;
                    ge = (gs + cb).min(FKP - 1);
                }
            }
            runs.push(FkpRun {
                fc,
                fc_end,
                start: start + gs,
                end: start + ge.max(gs),
                istd,
            });
        }
    }
    crate::sort::sort_by_key(&mut runs, |r| r.fc);
    runs
}

fn find_run(runs: &[FkpRun], fc: u32) -> Option<usize> {
    let i = runs.partition_point(|r| r.fc_end <= fc);
    (i < runs.len() && runs[i].fc <= fc).then_some(i)
}

// ---------------------------------------------------------------------------------------------
// Lists (automatic numbering)

/// One list level (LVL).
#[derive(Debug, Clone, Default)]
struct Lvl {
    start: i32,
    /// Number format (0 decimal, 1/2 upper/lower roman, 3/4 upper/lower letter, 22 two-digit,
    /// 23 bullet, 255 none…).
    nfc: u8,
    /// Show every level as arabic numerals ("1.1.2").
    legal: bool,
    /// Does not restart after a higher level.
    no_restart: bool,
    /// Number text: characters below 9 are placeholders for that level's number.
    text: Vec<u16>,
    /// After the number: 0 tab, 1 space, 2 nothing.
    follow: u8,
    /// Character sprms of the number, as a range of the table stream.
    chpx: (usize, usize),
}

#[derive(Debug, Clone, Default)]
struct Lst {
    lsid: i32,
    lvls: Vec<Lvl>,
}

#[derive(Debug, Clone, Default)]
struct Lfo {
    lsid: i32,
    /// Per level: a start-at override, and replacement formatting.
    overrides: Vec<(u8, Option<i32>, Option<Lvl>)>,
}

#[derive(Debug, Default)]
struct Lists {
    lsts: Vec<Lst>,
    lfos: Vec<Lfo>,
    /// Current number per list and level.
    counters: HashMap<i32, [Option<i32>; 9]>,
    /// LFOs whose start-at overrides were applied.
    started: std::collections::HashSet<usize>,
}

/// Parses an LVL at `pos`: the level and the position after it.
fn parse_lvl(tbl: &[u8], pos: usize) -> Option<(Lvl, usize)> {
    let f = tbl.get(pos..pos.checked_add(28)?)?;
    let start = u32_at(f, 0)? as i32;
    let nfc = f[4];
    let flags = f[5];
    let follow = f[15];
    let cb_chpx = f[24] as usize;
    let cb_papx = f[25] as usize;
    let chpx_start = pos + 28 + cb_papx;
    let chpx_end = chpx_start + cb_chpx;
    let cch = u16_at(tbl, chpx_end)? as usize;
    let end = chpx_end + 2 + 2 * cch;
    if end > tbl.len() {
        return None;
    }
    let text: Vec<u16> = (0..cch.min(64))
        .map_while(|k| u16_at(tbl, chpx_end + 2 + 2 * k))
        .collect();
    let lvl = Lvl {
        start,
        nfc,
        legal: flags & 0x04 != 0,
        no_restart: flags & 0x08 != 0,
        text,
        follow,
        chpx: (chpx_start, chpx_end),
    };
    Some((lvl, end))
}

impl Lists {
    /// Reads the list definitions (PlfLst and the LVLs after it) and the list overrides
    /// (PlfLfo). What cannot be read is left out: those paragraphs just get no number.
    fn parse(tbl: &[u8], lst: Option<(usize, usize)>, lfo: Option<(usize, usize)>) -> Lists {
        let mut out = Lists::default();
        // Offsets past the table stream are dropped here, so the sums below cannot overflow.
        let lst = lst.filter(|&(fc, _)| fc < tbl.len());
        let lfo = lfo.filter(|&(fc, _)| fc < tbl.len());
        if let Some((fc, lcb)) = lst {
            let count = u16_at(tbl, fc).unwrap_or(0) as usize;
            // The LVLs follow the PlfLst: 1 for a simple list, 9 for the others.
            let mut pos = fc.saturating_add(lcb);
            for i in 0..count.min(MAX_CONTAINER_ENTRIES) {
                let at = fc + 2 + 28 * i;
                let (Some(lsid), Some(&flags)) = (u32_at(tbl, at), tbl.get(at + 26)) else {
                    break;
                };
                let n = if flags & 1 != 0 { 1 } else { 9 };
                let mut lvls = Vec::with_capacity(n);
                for _ in 0..n {
                    let Some((lvl, next)) = parse_lvl(tbl, pos) else {
                        break;
                    };
                    lvls.push(lvl);
                    pos = next;
                }
                let complete = lvls.len() == n;
                out.lsts.push(Lst {
                    lsid: lsid as i32,
                    lvls,
                });
                if !complete {
                    break;
                }
            }
        }
        if let Some((fc, _)) = lfo {
            let count = u32_at(tbl, fc).unwrap_or(0) as usize;
            let count = count.min(MAX_CONTAINER_ENTRIES).min(tbl.len() / 16);
            let mut pos = fc + 4 + 16 * count;
            for i in 0..count {
                let at = fc + 4 + 16 * i;
                let (Some(lsid), Some(&clfolvl)) = (u32_at(tbl, at), tbl.get(at + 12)) else {
                    break;
                };
                let mut lfo = Lfo {
                    lsid: lsid as i32,
                    overrides: Vec::new(),
                };
                // LFOData: a CP, then the LFOLVLs.
                pos += 4;
                for _ in 0..clfolvl.min(9) {
                    let (Some(start), Some(bits)) = (u32_at(tbl, pos), u32_at(tbl, pos + 4)) else {
                        break;
                    };
                    pos += 8;
                    let ilvl = (bits & 0x0F) as u8;
                    let start_at = (bits & 0x10 != 0).then_some(start as i32);
                    let mut fmt = None;
                    if bits & 0x20 != 0 {
                        let Some((lvl, next)) = parse_lvl(tbl, pos) else {
                            break;
                        };
                        pos = next;
                        fmt = Some(lvl);
                    }
                    lfo.overrides.push((ilvl, start_at, fmt));
                }
                out.lfos.push(lfo);
            }
        }
        out
    }

    /// Advances the numbering for a paragraph in list `ilfo` at level `ilvl`; returns the
    /// number text and its level (for its font), or `None` when the paragraph is not numbered.
    fn label(&mut self, ilfo: u16, ilvl: u8) -> Option<(String, Lvl)> {
        let lfo_index = (ilfo as usize).checked_sub(1)?;
        let lfo = self.lfos.get(lfo_index)?;
        let lst = self.lsts.iter().find(|l| l.lsid == lfo.lsid)?;
        let level = (ilvl as usize).min(lst.lvls.len().checked_sub(1)?);
        let lvl_of = |k: usize| -> Option<&Lvl> {
            lfo.overrides
                .iter()
                .find(|o| o.0 as usize == k)
                .and_then(|o| o.2.as_ref())
                .or(lst.lvls.get(k))
        };
        let lvl = lvl_of(level)?.clone();
        let counters = self.counters.entry(lst.lsid).or_insert([None; 9]);
        if self.started.insert(lfo_index) {
            for (k, start, _) in &lfo.overrides {
                if let (Some(start), Some(c)) = (start, counters.get_mut(*k as usize)) {
                    *c = Some(start.saturating_sub(1));
                }
            }
        }
        counters[level] = Some(counters[level].map_or(lvl.start, |v| v.saturating_add(1)));
        for (k, c) in counters.iter_mut().enumerate().skip(level + 1) {
            if !lvl_of(k).is_some_and(|l| l.no_restart) {
                *c = None;
            }
        }
        let mut text = String::new();
        for &u in &lvl.text {
            if u < 9 {
                let k = u as usize;
                let Some(l) = lvl_of(k) else { continue };
                let n = counters[k].unwrap_or(l.start);
                text.push_str(&format_number(
                    n,
                    if lvl.legal && l.nfc != 22 { 0 } else { l.nfc },
                ));
            } else if (0xF000..0xF100).contains(&u) || u == 0x00B7 {
                // Symbol/Wingdings bullets.
                text.push('•');
            } else if let Some(c) = char::from_u32(u32::from(u)) {
                text.push(c);
            }
        }
        Some((text, lvl))
    }
}

/// A list number in format `nfc`.
fn format_number(n: i32, nfc: u8) -> String {
    fn roman(mut n: i32) -> String {
        const R: [(i32, &str); 13] = [
            (1000, "M"),
            (900, "CM"),
            (500, "D"),
            (400, "CD"),
            (100, "C"),
            (90, "XC"),
            (50, "L"),
            (40, "XL"),
            (10, "X"),
            (9, "IX"),
            (5, "V"),
            (4, "IV"),
            (1, "I"),
        ];
        let mut s = String::new();
        for &(v, r) in &R {
            while n >= v {
                s.push_str(r);
                n -= v;
            }
        }
        s
    }
    fn letters(n: i32) -> String {
        // A … Z, then AA … ZZ (Word repeats the letter).
        let k = (n - 1).rem_euclid(26) as u8;
        let times = ((n - 1) / 26 + 1).clamp(1, 10) as usize;
        std::iter::repeat_n(char::from(b'A' + k), times).collect()
    }
    match nfc {
        1..=4 if n <= 0 => n.to_string(),
        1 => roman(n.min(3999)),
        2 => roman(n.min(3999)).to_lowercase(),
        3 => letters(n),
        4 => letters(n).to_lowercase(),
        22 => format!("{n:02}"),
        23 | 255 => String::new(),
        _ => n.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Reader

struct Reader<'a> {
    wd: &'a [u8],
    tbl: &'a [u8],
    fib: Fib,
    pieces: Vec<Piece>,
    /// Prc grpprls, reduced to the sprms this reader uses.
    prcs: Vec<Vec<u8>>,
    chpx: Vec<FkpRun>,
    papx: Vec<FkpRun>,
    styles: Styles,
    fonts: Vec<String>,
    text: Vec<Ch>,
    diagnostics: Vec<Diagnostic>,
    style_cache: HashMap<u16, Chp>,
    list_cache: HashMap<u16, (u16, u8)>,
    lists: Lists,
    /// Footnote/endnote reference CP → note id.
    refs: HashMap<u32, String>,
    /// Characters of tracked deletions met.
    deleted_chars: usize,
    /// Characters of hidden text met.
    hidden_chars: usize,
}

/// What a paragraph is in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Plain,
    InCell,
    CellEnd,
    RowEnd,
}

#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    cell: Vec<Block>,
}

/// Blocks of a story, with tables assembled from paragraph roles.
#[derive(Default)]
struct Assembler {
    out: Vec<Block>,
    stack: Vec<TableBuilder>,
}

impl Assembler {
    fn push(&mut self, b: Block) {
        match self.stack.last_mut() {
            Some(t) => t.cell.push(b),
            None => self.out.push(b),
        }
    }

    fn close(&mut self) {
        if let Some(mut t) = self.stack.pop() {
            if !t.cell.is_empty() {
                t.row.push(Cell {
                    blocks: std::mem::take(&mut t.cell),
                });
            }
            if !t.row.is_empty() {
                t.rows.push(std::mem::take(&mut t.row));
            }
            if !t.rows.is_empty() {
                self.push(Block::Table(Table { rows: t.rows }));
            }
        }
    }

    fn depth(&mut self, d: usize) {
        while self.stack.len() > d {
            self.close();
        }
        while self.stack.len() < d {
            self.stack.push(TableBuilder::default());
        }
    }

    /// Adds `paras` (the pieces of one Word paragraph split at page breaks) at depth `d`.
    fn paragraph(&mut self, paras: Vec<Paragraph>, d: usize, role: Role) {
        self.depth(d);
        match role {
            Role::RowEnd => {
                if let Some(t) = self.stack.last_mut() {
                    if !t.cell.is_empty() {
                        t.row.push(Cell {
                            blocks: std::mem::take(&mut t.cell),
                        });
                    }
                    if !t.row.is_empty() {
                        t.rows.push(std::mem::take(&mut t.row));
                    }
                }
            }
            _ => {
                for p in paras {
                    self.push(Block::Paragraph(p));
                }
                if role == Role::CellEnd {
                    if let Some(t) = self.stack.last_mut() {
                        t.row.push(Cell {
                            blocks: std::mem::take(&mut t.cell),
                        });
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.depth(0);
        self.out
    }
}

/// Field nesting state while reading a story.
#[derive(Default)]
struct Fields {
    /// For each open field: true once its separator (result part) was seen.
    stack: Vec<bool>,
    /// Fields opened past the depth limit (their markers are only counted).
    overflow: usize,
}

impl Fields {
    /// Handles a field marker; returns true when `u` was one.
    fn marker(&mut self, u: u16) -> bool {
        match u {
            0x13 => {
                if self.stack.len() < MAX_NESTING {
                    self.stack.push(false);
                } else {
                    self.overflow += 1;
                }
                true
            }
            0x14 => {
                if self.overflow == 0 {
                    if let Some(top) = self.stack.last_mut() {
                        *top = true;
                    }
                }
                true
            }
            0x15 => {
                if self.overflow > 0 {
                    self.overflow -= 1;
                } else {
                    self.stack.pop();
                }
                true
            }
            _ => false,
        }
    }

    /// True while inside a field code (text not shown).
    fn hidden(&self) -> bool {
        self.stack.iter().any(|&r| !r)
    }
}

/// Paragraph runs under construction: text, font index, note id.
#[derive(Default)]
struct RunsBuilder {
    /// Text, font, note reference, all caps.
    runs: Vec<(String, Option<u16>, Option<String>, bool)>,
}

impl RunsBuilder {
    fn push(&mut self, c: char, font: Option<u16>, caps: bool) {
        if let Some(last) = self.runs.last_mut() {
            if last.2.is_none() && last.1 == font && last.3 == caps {
                last.0.push(c);
                return;
            }
        }
        self.runs.push((c.to_string(), font, None, caps));
    }

    fn take(&mut self, fonts: &[String], style: &Option<String>) -> Paragraph {
        let runs = std::mem::take(&mut self.runs)
            .into_iter()
            .map(|(text, f, note_ref, caps)| Run {
                text,
                font: f.and_then(|f| fonts.get(f as usize).cloned()),
                note_ref,
                caps,
            })
            .collect();
        Paragraph {
            runs,
            style: style.clone(),
            ..Default::default()
        }
    }
}

impl<'a> Reader<'a> {
    fn new(wd: &'a [u8], tbl: &'a [u8], fib: Fib) -> Result<Self> {
        let mut diagnostics = Vec::new();
        let total = fib.ccp.total();
        let (mut pieces, prcs) = match parse_clx(tbl, fib.pair(fclcb::CLX), fib.word6) {
            Some(p) => p,
            None => {
                if fib.complex {
                    diagnostics.push(diag(
                        Severity::Warning,
                        "decode.doc.pieces",
                        "Không đọc được bảng mảnh văn bản (piece table) của tệp lưu nhanh; văn bản được đọc liền một mạch và có thể lẫn nội dung cũ.".into(),
                    ));
                }
                (fallback_piece(wd, &fib, total), Vec::new())
            }
        };
        // Text past the last story is not needed (a final paragraph mark at most).
        let last = pieces.last().map_or(0, |p| u64::from(p.cp_end));
        let want = if total == 0 {
            last
        } else {
            (total + 1).min(last)
        };
        if want > MAX_DOC_CHARS as u64 {
            return Err(Error::new(
                ErrorCode::InputTooLarge,
                format!("Văn bản .doc quá dài: {want} ký tự, giới hạn {MAX_DOC_CHARS} (document too long)"),
            ));
        }
        if want > wd.len() as u64 + 1 {
            return Err(corrupt(format!(
                "bảng mảnh khai báo {want} ký tự, nhiều hơn dữ liệu của tệp (piece table claims more text than the file holds)"
            )));
        }
        pieces.retain(|p| u64::from(p.cp) < want);
        let mut text = vec![Ch::default(); want as usize];
        let mut missing = 0usize;
        for (pi, p) in pieces.iter().enumerate() {
            let end = u64::from(p.cp_end).min(want) as u32;
            for cp in p.cp..end {
                let k = (cp - p.cp) as usize;
                let (u, fc) = if p.compressed {
                    let off = (p.fc as usize).saturating_add(k);
                    match wd.get(off) {
                        Some(&b) => (cp1252(b) as u32 as u16, off as u32),
                        None => (0, 0),
                    }
                } else {
                    let off = (p.fc as usize).saturating_add(2 * k);
                    match u16_at(wd, off) {
                        Some(u) => (u, off as u32),
                        None => (0, 0),
                    }
                };
                if fc == 0 && u == 0 {
                    missing += 1;
                }
                text[cp as usize] = Ch {
                    u,
                    fc,
                    piece: pi as u32,
                };
            }
        }
        if missing > 0 {
            diagnostics.push(diag(
                Severity::Warning,
                "decode.doc.truncated",
                format!(
                    "{missing} ký tự nằm ngoài luồng WordDocument (tệp bị cắt cụt?) đã bị bỏ qua."
                ),
            ));
        }
        let (chpx, papx, styles, fonts) = if fib.word6 {
            diagnostics.push(diag(
                Severity::Warning,
                "decode.doc.word6",
                "Văn bản Word 6.0/95: chỉ đọc được chữ, không đọc phông chữ và bảng.".into(),
            ));
            (Vec::new(), Vec::new(), Styles::default(), Vec::new())
        } else {
            (
                parse_bte(wd, tbl, fib.pair(fclcb::PLCF_BTE_CHPX), false, false),
                parse_bte(wd, tbl, fib.pair(fclcb::PLCF_BTE_PAPX), true, false),
                Styles::parse(tbl, fib.pair(fclcb::STSHF)),
                parse_fonts(tbl, fib.pair(fclcb::STTBF_FFN), false),
            )
        };
        if !fib.word6 && fonts.is_empty() {
            diagnostics.push(diag(
                Severity::Warning,
                "decode.doc.fonts",
                "Không đọc được bảng phông chữ: không biết đoạn nào dùng phông TCVN3/VNI.".into(),
            ));
        }
        let lists = if fib.word6 {
            Lists::default()
        } else {
            Lists::parse(tbl, fib.pair(fclcb::PLF_LST), fib.pair(fclcb::PLF_LFO))
        };
        Ok(Reader {
            wd,
            tbl,
            fib,
            pieces,
            prcs: prcs
                .iter()
                .map(|&(a, b)| relevant_sprms(tbl.get(a..b).unwrap_or(&[])))
                .collect(),
            chpx,
            papx,
            styles,
            fonts,
            text,
            diagnostics,
            style_cache: HashMap::new(),
            list_cache: HashMap::new(),
            lists,
            refs: HashMap::new(),
            deleted_chars: 0,
            hidden_chars: 0,
        })
    }

    fn document(&mut self) -> ContainerDoc {
        let ccp = self.fib.ccp;
        let n = self.text.len() as u32;
        let main_end = if ccp.text == 0 && ccp.total() == 0 {
            n
        } else {
            ccp.text.min(n)
        };

        // Notes: references in the body, texts in their stories (read after the body, so list
        // numbering runs in document order).
        let mut note_ranges = Vec::new();
        for (ref_idx, txt_idx, start, len, prefix) in [
            (
                fclcb::PLCFFND_REF,
                fclcb::PLCFFND_TXT,
                ccp.ftn_start(),
                ccp.ftn,
                "",
            ),
            (
                fclcb::PLCFEND_REF,
                fclcb::PLCFEND_TXT,
                ccp.edn_start(),
                ccp.edn,
                "e",
            ),
        ] {
            let refs = slice(self.tbl, self.fib.pair(ref_idx)).and_then(|b| plc(b, 2));
            let txts = slice(self.tbl, self.fib.pair(txt_idx)).and_then(|b| plc(b, 0));
            let (Some((ref_cps, nref)), Some((txt_cps, _))) = (refs, txts) else {
                continue;
            };
            // Ranges are read only while they advance, so a hostile PLC cannot make the same
            // text be read over and over.
            let mut done = 0u32;
            for k in 0..nref.min(txt_cps.len().saturating_sub(1)) {
                let id = format!("{prefix}{}", k + 1);
                self.refs.insert(ref_cps[k], id.clone());
                let a = start.saturating_add(txt_cps[k].max(done).min(len)).min(n);
                let b = start.saturating_add(txt_cps[k + 1].min(len)).min(n);
                done = done.max(txt_cps[k + 1].min(len));
                note_ranges.push((id, a, b.max(a)));
            }
        }

        let mut body = self.story(0, main_end, false);

        // Text boxes of the main document: after the body.
        let (a, b) = (
            ccp.txbx_start().min(n),
            ccp.txbx_start().saturating_add(ccp.txbx).min(n),
        );
        if ccp.txbx > 0 && a < b {
            let blocks: Vec<Block> = self
                .story(a, b, false)
                .into_iter()
                .filter(|b| !is_empty_block(b))
                .collect();
            if !blocks.is_empty() {
                self.diagnostics.push(diag(
                    Severity::Info,
                    "decode.doc.textbox",
                    format!(
                        "{} đoạn trong khung văn bản (text box) được đặt sau thân văn bản.",
                        blocks.len()
                    ),
                ));
                body.extend(blocks);
            }
        }

        // Headers and footers.
        let mut notes = Vec::new();
        for (id, a, b) in note_ranges {
            let blocks = self.story(a, b, true);
            notes.push(Note { id, blocks });
        }

        // Headers and footers (the first six stories are note separators), then their text
        // boxes; the same header repeated in every section is kept once.
        let mut furniture: Vec<Block> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut ranges = Vec::new();
        let hdd_start = ccp.hdd_start();
        if let Some((cps, _)) =
            slice(self.tbl, self.fib.pair(fclcb::PLCF_HDD)).and_then(|b| plc(b, 0))
        {
            let mut done = cps.get(6).copied().unwrap_or(0);
            for k in 6..cps.len().saturating_sub(1) {
                let a = hdd_start
                    .saturating_add(cps[k].max(done).min(ccp.hdd))
                    .min(n);
                let b = hdd_start.saturating_add(cps[k + 1].min(ccp.hdd)).min(n);
                done = done.max(cps[k + 1].min(ccp.hdd));
                if a < b {
                    ranges.push((a, b));
                }
            }
        }
        if ccp.hdr_txbx > 0 {
            ranges.push((
                ccp.hdr_txbx_start().min(n),
                ccp.hdr_txbx_start().saturating_add(ccp.hdr_txbx).min(n),
            ));
        }
        for (a, b) in ranges {
            for block in self.story(a, b, false) {
                if !is_empty_block(&block) && seen.insert(block_key(&block)) {
                    furniture.push(block);
                }
            }
        }

        if self.hidden_chars > 0 {
            self.diagnostics.push(diag(
                Severity::Info,
                "decode.doc.hidden",
                format!(
                    "{} ký tự định dạng ẩn (hidden text) không đưa vào nội dung.",
                    self.hidden_chars
                ),
            ));
        }
        if self.deleted_chars > 0 {
            let what = if KEEP_TRACKED_DELETIONS {
                "vẫn được giữ trong văn bản"
            } else {
                "đã được bỏ"
            };
            self.diagnostics.push(diag(
                Severity::Warning,
                "decode.doc.tracked_deletions",
                format!(
                    "Văn bản có theo dõi thay đổi: {} ký tự bị đánh dấu xóa {what}.",
                    self.deleted_chars
                ),
            ));
        }
        ContainerDoc {
            body,
            notes,
            furniture,
            diagnostics: std::mem::take(&mut self.diagnostics),
        }
    }

    /// Paragraph properties of the paragraph whose mark is at CP `k`.
    fn pap_at(&mut self, k: usize) -> Pap {
        let mut pap = Pap::default();
        let Some(ch) = self.text.get(k) else {
            return pap;
        };
        if let Some(i) = find_run(&self.papx, ch.fc) {
            let r = self.papx[i];
            pap.istd = r.istd;
            (pap.ilfo, pap.ilvl) = self.styles.list(self.tbl, r.istd, &mut self.list_cache);
            pap.apply(self.wd.get(r.start..r.end).unwrap_or(&[]));
        }
        if let Some(g) = self.prm_grpprl(ch.piece) {
            pap.apply(g);
        }
        pap
    }

    /// The Prc grpprl a piece's Prm points to, when it is the complex kind.
    fn prm_grpprl(&self, piece: u32) -> Option<&[u8]> {
        prc_index(&self.pieces, piece)
            .and_then(|i| self.prcs.get(i))
            .map(Vec::as_slice)
    }

    /// Character properties at CP `k` in a paragraph of style `istd`.
    fn chp_at(&mut self, k: usize, istd: u16) -> Chp {
        let tbl = self.tbl;
        let mut chp = self.styles.chp(tbl, istd, &mut self.style_cache);
        let Some(&ch) = self.text.get(k) else {
            return chp;
        };
        let direct = find_run(&self.chpx, ch.fc)
            .and_then(|i| self.wd.get(self.chpx[i].start..self.chpx[i].end));
        let prm = prc_index(&self.pieces, ch.piece)
            .and_then(|i| self.prcs.get(i))
            .map(Vec::as_slice);
        let styles = &self.styles;
        let cache = &mut self.style_cache;
        let mut char_style = |s: u16| styles.chp(tbl, s, cache);
        for g in [direct, prm].into_iter().flatten() {
            apply_chp(&mut chp, g, Some(&mut char_style));
        }
        chp
    }

    /// Font (index into the font table, with a name) for character `u` under `chp`.
    fn font(&self, chp: &Chp, u: u16) -> Option<u16> {
        let slot = if u < 0x80 { 0 } else { 2 };
        let d = &self.styles.defaults;
        let ftc = chp.ftc[slot]
            .or(chp.ftc[0])
            .or(chp.ftc[2])
            .or(d[slot])
            .or(d[0])?;
        self.fonts
            .get(ftc as usize)
            .filter(|s| !s.is_empty())
            .map(|_| ftc)
    }

    /// Where a list number goes: ASCII numbers and bullets become the paragraph's `label`;
    /// a number with other characters (often in a legacy font: "§iÒu 1.") becomes the first run,
    /// in the font it is shown in (the paragraph mark's, with the level's own sprms), so that it
    /// is re-read like the text.
    fn place_label(
        &mut self,
        text: String,
        lvl: &Lvl,
        mark: usize,
        istd: u16,
        runs: &mut RunsBuilder,
    ) -> Option<String> {
        if text.is_empty() {
            return None;
        }
        let text = text.trim_end().to_owned();
        if text.chars().all(|c| c.is_ascii() || c == '•') {
            return (!text.is_empty()).then_some(text);
        }
        let mut chp = self.chp_at(mark, istd);
        apply_chp(
            &mut chp,
            self.tbl.get(lvl.chpx.0..lvl.chpx.1).unwrap_or(&[]),
            None,
        );
        let u = text
            .chars()
            .find(|c| !c.is_ascii())
            .map_or(0x41, |c| c as u32 as u16);
        let font = self.font(&chp, u);
        let follow = match lvl.follow {
            0 => "\t",
            1 => " ",
            _ => "",
        };
        runs.runs.push((format!("{text}{follow}"), font, None, false));
        None
    }

    /// Reads CPs `[start, end)` as blocks. `note` stories skip their own leading note mark.
    fn story(&mut self, start: u32, end: u32, note: bool) -> Vec<Block> {
        let end = (end as usize).min(self.text.len());
        let mut i = (start as usize).min(end);
        let mut asm = Assembler::default();
        let mut fields = Fields::default();
        let heuristic = self.papx.is_empty();
        let mut prev_term: Option<u16> = None;
        let mut prev_role = Role::Plain;
        while i < end {
            // The paragraph: up to and including its mark (or the story end).
            let mut j = i;
            while j < end && !matches!(self.text[j].u, 0x0D | 0x07) {
                j += 1;
            }
            let term = self.text.get(j).filter(|_| j < end).map(|c| c.u);
            let pap = if heuristic || term.is_none() {
                Pap::default()
            } else {
                self.pap_at(j)
            };
            let style = self.styles.name(pap.istd).map(str::to_owned);
            let mut paras = Vec::new();
            let mut runs = RunsBuilder::default();
            let mut label = None;
            if pap.ilfo != 0 && !(term == Some(0x07) && pap.ttp) {
                if let Some((text, lvl)) = self.lists.label(pap.ilfo, pap.ilvl) {
                    label = self.place_label(text, &lvl, j, pap.istd, &mut runs);
                }
            }
            let mut key: Option<(usize, u32)> = None;
            let mut chp = Chp::default();
            let mut k = i;
            while k < j {
                let ch = self.text[k];
                let u = ch.u;
                k += 1;
                if fields.marker(u) || fields.hidden() {
                    continue;
                }
                // Properties only change at CHPX run or piece boundaries.
                let run_key = (find_run(&self.chpx, ch.fc).unwrap_or(usize::MAX), ch.piece);
                if key != Some(run_key) {
                    chp = self.chp_at(k - 1, pap.istd);
                    key = Some(run_key);
                }
                if chp.hidden == Some(true) {
                    // Hidden text (sprmCFVanish) is not shown or printed by Word: left out.
                    self.hidden_chars += 1;
                    continue;
                }
                if chp.deleted == Some(true) {
                    self.deleted_chars += 1;
                    if !KEEP_TRACKED_DELETIONS {
                        continue;
                    }
                }
                let cp = (k - 1) as u32;
                if let Some(id) = self.refs.get(&cp).filter(|_| !note) {
                    let text = if u == 0x02 {
                        id.clone()
                    } else {
                        unit_text(&self.text, k - 1)
                    };
                    runs.runs.push((text, None, Some(id.clone()), false));
                    continue;
                }
                let c = match u {
                    0x0B => '\n',
                    0x0C | 0x0E => {
                        paras.push(runs.take(&self.fonts, &style));
                        continue;
                    }
                    0x09 => '\t',
                    0x1E => '-',
                    // Optional hyphen. In a legacy-font run it is the TCVN3 letter "ư" (byte 0xAD,
                    // U+00AD when read through cp1252), which converters such as LibreOffice save as
                    // Word's optional-hyphen character: keep it as U+00AD for the legacy decoder.
                    // Next to a stored 0xAD it is a real optional hyphen ("Trung \x1F\xAD\xACng"
                    // = "Trung ương"; "ưư" is no Vietnamese spelling): left out.
                    0x1F if [k.wrapping_sub(2), k]
                        .iter()
                        .any(|&x| self.text.get(x).is_some_and(|c| c.u == 0xAD)) =>
                    {
                        continue
                    }
                    0x1F if self
                        .font(&chp, 0xAD)
                        .and_then(|f| self.fonts.get(usize::from(f)))
                        .is_some_and(|name| super::legacy::encoding_of_font(name).is_some()) =>
                    {
                        '\u{AD}'
                    }
                    0x00..=0x1F => continue,
                    0xD800..=0xDBFF => {
                        match self
                            .text
                            .get(k)
                            .map(|c| c.u)
                            .filter(|l| (0xDC00..0xE000).contains(l))
                        {
                            Some(lo) if k < j => {
                                k += 1;
                                let v = 0x10000
                                    + ((u32::from(u) - 0xD800) << 10)
                                    + (u32::from(lo) - 0xDC00);
                                char::from_u32(v).unwrap_or('\u{FFFD}')
                            }
                            _ => '\u{FFFD}',
                        }
                    }
                    0xDC00..=0xDFFF => '\u{FFFD}',
                    _ => char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}'),
                };
                runs.push(c, self.font(&chp, if c == '\u{AD}' { 0xAD } else { u }), chp.caps == Some(true));
            }
            paras.push(runs.take(&self.fonts, &style));
            if let Some(p) = paras.first_mut() {
                p.label = label;
            }

            // Table role.
            let (d, role) = if heuristic {
                match term {
                    Some(0x07)
                        if prev_term == Some(0x07)
                            && prev_role == Role::CellEnd
                            && is_blank(&paras) =>
                    {
                        (1, Role::RowEnd)
                    }
                    Some(0x07) => (1, Role::CellEnd),
                    _ if !asm.stack.is_empty() && prev_role != Role::RowEnd => (1, Role::InCell),
                    _ => (0, Role::Plain),
                }
            } else {
                let d = pap.depth();
                let role = if d == 0 {
                    Role::Plain
                } else if d == 1 {
                    match term {
                        Some(0x07) if pap.ttp => Role::RowEnd,
                        Some(0x07) => Role::CellEnd,
                        _ => Role::InCell,
                    }
                } else if pap.inner_ttp {
                    Role::RowEnd
                } else if pap.inner_cell || term == Some(0x07) {
                    Role::CellEnd
                } else {
                    Role::InCell
                };
                (d, role)
            };
            asm.paragraph(paras, d, role);
            prev_term = term;
            prev_role = role;
            i = j + 1;
        }
        let mut blocks = asm.finish();
        if note {
            // A note story's last paragraph mark leaves an empty paragraph behind.
            while blocks.last().is_some_and(is_empty_block) {
                blocks.pop();
            }
        }
        blocks
    }
}

/// Index of the Prc a piece's Prm points to, when it is the complex kind.
fn prc_index(pieces: &[Piece], piece: u32) -> Option<usize> {
    let p = pieces.get(piece as usize)?;
    (p.prm & 1 != 0).then_some((p.prm >> 1) as usize)
}

/// A grpprl reduced to the sprms this reader uses, the last of each kind only (a later sprm
/// overrides an earlier one), so that applying a piece's modifiers to every paragraph and run
/// costs a few steps whatever the file holds.
fn relevant_sprms(g: &[u8]) -> Vec<u8> {
    const USED: [u16; 16] = [
        SPRM_CFRMARKDEL,
        SPRM_CFVANISH,
        SPRM_CISTD,
        SPRM_CFTC_DEFAULT,
        SPRM_CRGFTC0,
        SPRM_CRGFTC1,
        SPRM_CRGFTC2,
        SPRM_PISTD,
        SPRM_PFINTABLE,
        SPRM_PFTTP,
        SPRM_PITAP,
        SPRM_PDTAP,
        SPRM_PFINNERTABLECELL,
        SPRM_PFINNERTTP,
        SPRM_PILVL,
        SPRM_PILFO,
    ];
    let all: Vec<(u16, &[u8])> = Sprms::new(g).filter(|(s, _)| USED.contains(s)).collect();
    let mut seen = Vec::new();
    let mut kept = Vec::new();
    for &(sprm, op) in all.iter().rev() {
        if !seen.contains(&sprm) {
            seen.push(sprm);
            kept.push((sprm, op));
        }
    }
    let mut out = Vec::new();
    for (sprm, op) in kept.into_iter().rev() {
        out.extend(sprm.to_le_bytes());
        out.extend_from_slice(op);
    }
    out
}

/// The text of the character at `k` (a custom note mark).
fn unit_text(text: &[Ch], k: usize) -> String {
    char::from_u32(u32::from(text[k].u))
        .map(String::from)
        .unwrap_or_default()
}

/// A block's text, for telling repeated headers apart.
fn block_key(b: &Block) -> String {
    let mut out = String::new();
    let mut stack = vec![b];
    while let Some(b) = stack.pop() {
        match b {
            Block::Paragraph(p) => {
                for r in &p.runs {
                    out.push_str(&r.text);
                    out.push('\u{1}');
                    out.push_str(r.font.as_deref().unwrap_or(""));
                    out.push('\u{2}');
                }
                out.push('\n');
            }
            Block::Table(t) => {
                out.push('\u{3}');
                stack.extend(t.rows.iter().flatten().flat_map(|c| c.blocks.iter()).rev());
            }
        }
    }
    out
}

fn is_blank(paras: &[Paragraph]) -> bool {
    paras
        .iter()
        .all(|p| p.runs.iter().all(|r| r.text.trim().is_empty()))
}

fn is_empty_block(b: &Block) -> bool {
    match b {
        Block::Paragraph(p) => p
            .runs
            .iter()
            .all(|r| r.text.trim().is_empty() && r.note_ref.is_none()),
        Block::Table(t) => t.rows.is_empty(),
    }
}

/// One piece covering the text when there is no usable CLX: `fcMin`, 8-bit when the byte
/// count says so (Word 6, and Word 97 files whose text fits one byte per character).
fn fallback_piece(wd: &[u8], fib: &Fib, total: u64) -> Vec<Piece> {
    let fc_min = fib.fc_min;
    let span = u64::from(fib.fc_mac.saturating_sub(fc_min));
    let avail = (wd.len() as u64).saturating_sub(u64::from(fc_min));
    let count = if total > 0 { total + 1 } else { span };
    let compressed = fib.word6 || span < 2 * count.max(1);
    let count = count
        .min(if compressed { avail } else { avail / 2 })
        .min(u64::from(u32::MAX));
    vec![Piece {
        cp: 0,
        cp_end: count as u32,
        fc: fc_min,
        compressed,
        prm: 0,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprm_độ_dài_toán_hạng() {
        // sprmCFBold (1 byte), sprmCRgFtc0 (2), sprmPDyaLine (4), sprmCSizePos? (3, spra 7),
        // variable (length byte), then sprmCRgFtc2.
        let g = [
            0x35, 0x08, 0x01, // 0x0835, 1 byte
            0x4F, 0x4A, 0x05, 0x00, // 0x4A4F, 2 bytes
            0x12, 0x64, 1, 2, 3, 4, // 0x6412, 4 bytes
            0x00, 0xE6, 9, 9, 9, // spra 7, 3 bytes
            0x72, 0xCA, 2, 0xAA, 0xBB, // 0xCA72 (spra 6): len 2
            0x51, 0x4A, 0x07, 0x00,
        ];
        let got: Vec<(u16, usize)> = Sprms::new(&g).map(|(s, o)| (s, o.len())).collect();
        assert_eq!(
            got,
            vec![
                (0x0835, 1),
                (0x4A4F, 2),
                (0x6412, 4),
                (0xE600, 3),
                (0xCA72, 3),
                (0x4A51, 2)
            ]
        );
        let mut chp = Chp::default();
        apply_chp(&mut chp, &g, None);
        assert_eq!(chp.ftc, [Some(5), None, Some(7)]);
    }

    #[test]
    fn sprm_tdeftable_và_chgtabs() {
        // sprmTDefTable: cb = 48 → 47 more bytes after the 2-byte size; then sprmPFInTable.
        let mut g = vec![0x08, 0xD6, 48, 0];
        g.extend(std::iter::repeat_n(0u8, 47));
        g.extend([0x16, 0x24, 1]);
        // sprmPChgTabs with 255: 1 deleted tab (4 bytes), 2 added (6 bytes).
        g.extend([0x15, 0xC6, 255, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0]);
        g.extend([0x17, 0x24, 1]);
        let got: Vec<u16> = Sprms::new(&g).map(|(s, _)| s).collect();
        assert_eq!(got, vec![0xD608, 0x2416, 0xC615, 0x2417]);
        let mut pap = Pap::default();
        pap.apply(&g);
        assert!(pap.in_table && pap.ttp);
    }

    #[test]
    fn sprm_cụt_không_lặp_vô_hạn() {
        assert_eq!(Sprms::new(&[0x4F, 0x4A, 0x05]).count(), 0);
        assert_eq!(Sprms::new(&[0x72, 0xCA, 200, 1]).count(), 0);
        assert_eq!(Sprms::new(&[]).count(), 0);
    }

    #[test]
    fn cp1252_cho_byte_cao() {
        assert_eq!(cp1252(0xB8), '¸');
        assert_eq!(cp1252(0x80), '€');
        assert_eq!(cp1252(0x81), '\u{81}');
        assert_eq!(cp1252(0x9F), 'Ÿ');
        assert_eq!(cp1252(b'B'), 'B');
    }

    #[test]
    fn bảng_mảnh_nén_và_không_nén() {
        // Prc (3-byte grpprl), then Pcdt with 2 pieces: CP 0..4 compressed at byte 100,
        // CP 4..6 UTF-16 at byte 200.
        let mut tbl = vec![0x01, 3, 0, 0x4F, 0x4A, 0x02];
        tbl.push(0x02);
        let mut plc = Vec::new();
        for cp in [0u32, 4, 6] {
            plc.extend(cp.to_le_bytes());
        }
        for (fc, prm) in [((100u32 * 2) | 0x4000_0000, 0u16), (200, 1)] {
            plc.extend(0u16.to_le_bytes());
            plc.extend(fc.to_le_bytes());
            plc.extend(prm.to_le_bytes());
        }
        tbl.extend((plc.len() as u32).to_le_bytes());
        tbl.extend(&plc);
        let (pieces, prcs) = parse_clx(&tbl, Some((0, tbl.len())), false).unwrap();
        assert_eq!(prcs, vec![(3, 6)]);
        assert_eq!(
            pieces[0],
            Piece {
                cp: 0,
                cp_end: 4,
                fc: 100,
                compressed: true,
                prm: 0
            }
        );
        assert_eq!(
            pieces[1],
            Piece {
                cp: 4,
                cp_end: 6,
                fc: 200,
                compressed: false,
                prm: 1
            }
        );
        assert!(parse_clx(&tbl[..20], Some((0, 20)), false).is_none());
        assert!(parse_clx(&[0x07], Some((0, 1)), false).is_none());
    }

    #[test]
    fn trường_bỏ_mã_giữ_kết_quả() {
        let mut f = Fields::default();
        let s: Vec<u16> = "a\u{13}PAGE\u{14}7\u{15}b\u{13}X\u{13}Y\u{14}z\u{15}\u{15}c"
            .encode_utf16()
            .collect();
        let out: String = s
            .iter()
            .filter(|&&u| !f.marker(u) && !f.hidden())
            .map(|&u| char::from_u32(u32::from(u)).unwrap())
            .collect();
        assert_eq!(out, "a7bc");
        // Unbalanced markers stay bounded.
        let mut f = Fields::default();
        for _ in 0..10_000 {
            f.marker(0x13);
        }
        assert!(f.stack.len() <= MAX_NESTING);
        for _ in 0..20_000 {
            f.marker(0x15);
        }
        assert!(!f.hidden());
    }

    fn p(t: &str) -> Paragraph {
        Paragraph::plain(t, None)
    }

    #[test]
    fn nhóm_bảng_theo_vai_trò_đoạn() {
        let mut a = Assembler::default();
        a.paragraph(vec![p("trước")], 0, Role::Plain);
        a.paragraph(vec![p("A1")], 1, Role::InCell);
        a.paragraph(vec![p("A2")], 1, Role::CellEnd);
        a.paragraph(vec![p("B")], 1, Role::CellEnd);
        a.paragraph(vec![p("")], 1, Role::RowEnd);
        a.paragraph(vec![p("C")], 1, Role::CellEnd);
        // Nested table inside the cell "D".
        a.paragraph(vec![p("x")], 2, Role::CellEnd);
        a.paragraph(vec![p("")], 2, Role::RowEnd);
        a.paragraph(vec![p("D")], 1, Role::CellEnd);
        a.paragraph(vec![p("")], 1, Role::RowEnd);
        a.paragraph(vec![p("sau")], 0, Role::Plain);
        let blocks = a.finish();
        assert_eq!(blocks.len(), 3);
        let Block::Table(t) = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].len(), 2);
        assert_eq!(
            t.rows[0][0].blocks,
            vec![Block::Paragraph(p("A1")), Block::Paragraph(p("A2"))]
        );
        assert_eq!(t.rows[1].len(), 2);
        assert!(matches!(t.rows[1][1].blocks[0], Block::Table(_)));
        assert_eq!(t.rows[1][1].blocks[1], Block::Paragraph(p("D")));
        // An unterminated table is still closed.
        let mut a = Assembler::default();
        a.paragraph(vec![p("x")], 3, Role::InCell);
        assert_eq!(a.finish().len(), 1);
    }

    /// A minimal Word 97 document: main text, one footnote, one header; text as 8-bit
    /// (compressed) bytes given as Latin-1 strings. `chpx` lists (CP range, grpprl) overrides;
    /// `papx(i, text)` gives each paragraph's (istd, grpprl).
    type PapxFn = dyn Fn(usize, &str) -> (u16, Vec<u8>);

    pub(crate) struct Spec<'s> {
        pub main: &'s str,
        pub ftn: &'s str,
        pub hdd: &'s str,
        pub chpx: Vec<(u32, u32, Vec<u8>)>,
        pub papx: &'s PapxFn,
        pub ftn_ref: Option<u32>,
        pub fonts: &'s [&'s str],
        /// Character sprms of the Normal style (istd 0) and of "Heading" (istd 1, based on 0).
        pub normal: Vec<u8>,
        pub heading: Vec<u8>,
    }

    fn le16(v: &mut Vec<u8>, x: u16) {
        v.extend(x.to_le_bytes());
    }
    fn le32(v: &mut Vec<u8>, x: u32) {
        v.extend(x.to_le_bytes());
    }

    pub(crate) fn build_doc(spec: &Spec<'_>) -> Vec<u8> {
        let text: Vec<u8> = format!("{}{}{}", spec.main, spec.ftn, spec.hdd)
            .chars()
            .map(|c| c as u32 as u8)
            .collect();
        let n = text.len() as u32;
        let fc_text = 1024u32;
        let chpx_pn = (fc_text as usize + text.len()).div_ceil(512) as u32;
        let papx_pn = chpx_pn + 1;
        // CHPX FKP: runs split at every override boundary.
        let mut bounds = vec![0u32, n];
        for (a, b, _) in &spec.chpx {
            bounds.push(*a);
            bounds.push(*b);
        }
        crate::sort::sort(&mut bounds);
        bounds.dedup();
        let mut page = vec![0u8; 512];
        let runs = bounds.len() - 1;
        let mut heap = 511usize;
        for (k, w) in bounds.windows(2).enumerate() {
            page[4 * k..4 * k + 4].copy_from_slice(&(fc_text + w[0]).to_le_bytes());
            page[4 * (k + 1)..4 * (k + 1) + 4].copy_from_slice(&(fc_text + w[1]).to_le_bytes());
            if let Some((_, _, g)) = spec.chpx.iter().find(|(a, b, _)| *a <= w[0] && w[1] <= *b) {
                heap -= g.len() + 1;
                heap &= !1;
                page[heap] = g.len() as u8;
                page[heap + 1..heap + 1 + g.len()].copy_from_slice(g);
                page[4 * (runs + 1) + k] = (heap / 2) as u8;
            }
        }
        page[511] = runs as u8;
        let chpx_page = page;
        // PAPX FKP: one run per paragraph.
        let mut page = vec![0u8; 512];
        let mut paras = Vec::new();
        let mut start = 0u32;
        for (i, &b) in text.iter().enumerate() {
            if b == 0x0D || b == 0x07 {
                paras.push((start, i as u32 + 1));
                start = i as u32 + 1;
            }
        }
        let cpara = paras.len();
        let mut heap = 511usize;
        for (k, &(a, b)) in paras.iter().enumerate() {
            page[4 * k..4 * k + 4].copy_from_slice(&(fc_text + a).to_le_bytes());
            page[4 * (k + 1)..4 * (k + 1) + 4].copy_from_slice(&(fc_text + b).to_le_bytes());
            let ptext: String = text[a as usize..b as usize]
                .iter()
                .map(|&c| c as char)
                .collect();
            let (istd, g) = (spec.papx)(k, &ptext);
            let mut data = istd.to_le_bytes().to_vec();
            data.extend(&g);
            if data.len() % 2 == 0 {
                data.push(0);
            }
            // cb: 2*cb - 1 = data.len()
            let cb = data.len().div_ceil(2);
            data.resize(2 * cb - 1, 0);
            heap -= data.len() + 1;
            heap &= !1;
            page[heap] = cb as u8;
            page[heap + 1..heap + 1 + data.len()].copy_from_slice(&data);
            page[4 * (cpara + 1) + 13 * k] = (heap / 2) as u8;
        }
        page[511] = cpara as u8;
        let papx_page = page;

        // WordDocument.
        let mut wd = vec![0u8; 1024];
        wd[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
        wd[2..4].copy_from_slice(&0xC1u16.to_le_bytes());
        wd[0x0A..0x0C].copy_from_slice(&0x0200u16.to_le_bytes());
        wd[0x18..0x1C].copy_from_slice(&fc_text.to_le_bytes());
        wd[0x1C..0x20].copy_from_slice(&(fc_text + n).to_le_bytes());
        wd[0x20..0x22].copy_from_slice(&14u16.to_le_bytes());
        wd[0x3E..0x40].copy_from_slice(&22u16.to_le_bytes());
        let lw = |wd: &mut Vec<u8>, i: usize, v: u32| {
            wd[0x40 + 4 * i..0x44 + 4 * i].copy_from_slice(&v.to_le_bytes())
        };
        let (lm, lf, lh) = (
            spec.main.chars().count() as u32,
            spec.ftn.chars().count() as u32,
            spec.hdd.chars().count() as u32,
        );
        lw(&mut wd, 3, lm);
        lw(&mut wd, 4, lf);
        lw(&mut wd, 5, lh);
        wd[0x98..0x9A].copy_from_slice(&93u16.to_le_bytes());
        wd.extend(&text);
        wd.resize(chpx_pn as usize * 512, 0);
        wd.extend(&chpx_page);
        wd.extend(&papx_page);

        // Table stream.
        let mut tbl = vec![0u8; 8];
        let mut pairs: Vec<(usize, u32, u32)> = Vec::new();
        // STSH.
        let stsh_fc = tbl.len() as u32;
        le16(&mut tbl, 18);
        for v in [2u16, 10, 1, 2, 0, 0, 0, 0, 0] {
            le16(&mut tbl, v);
        }
        for (istd, name, base, chpx) in [
            (0u16, "Normal", 0x0FFFu16, &spec.normal),
            (1, "Heading", 0, &spec.heading),
        ] {
            let mut std = Vec::new();
            le16(&mut std, 0); // sti etc.
            le16(&mut std, 1 | (base << 4)); // stk = paragraph, istdBase
            le16(&mut std, 2 | (istd << 4)); // cupx = 2, istdNext
            le16(&mut std, 0);
            le16(&mut std, 0);
            le16(&mut std, name.len() as u16);
            for u in name.encode_utf16() {
                le16(&mut std, u);
            }
            le16(&mut std, 0);
            if std.len() % 2 == 1 {
                std.push(0);
            }
            le16(&mut std, 2);
            le16(&mut std, istd);
            le16(&mut std, chpx.len() as u16);
            std.extend(chpx.iter());
            if std.len() % 2 == 1 {
                std.push(0);
            }
            le16(&mut tbl, std.len() as u16);
            tbl.extend(&std);
        }
        pairs.push((STSHF, stsh_fc, tbl.len() as u32 - stsh_fc));
        // Fonts.
        let ffn_fc = tbl.len() as u32;
        le16(&mut tbl, spec.fonts.len() as u16);
        le16(&mut tbl, 0);
        for f in spec.fonts {
            let mut ffn = vec![0u8; 39];
            for u in f.encode_utf16() {
                le16(&mut ffn, u);
            }
            le16(&mut ffn, 0);
            tbl.push(ffn.len() as u8);
            tbl.extend(&ffn);
        }
        pairs.push((STTBF_FFN, ffn_fc, tbl.len() as u32 - ffn_fc));
        // CLX: one compressed piece.
        let clx_fc = tbl.len() as u32;
        tbl.push(0x02);
        le32(&mut tbl, 16);
        le32(&mut tbl, 0);
        le32(&mut tbl, n);
        le16(&mut tbl, 0);
        le32(&mut tbl, (fc_text * 2) | 0x4000_0000);
        le16(&mut tbl, 0);
        pairs.push((CLX, clx_fc, tbl.len() as u32 - clx_fc));
        for (idx, pn) in [(PLCF_BTE_CHPX, chpx_pn), (PLCF_BTE_PAPX, papx_pn)] {
            let fc = tbl.len() as u32;
            le32(&mut tbl, fc_text);
            le32(&mut tbl, fc_text + n);
            le32(&mut tbl, pn);
            pairs.push((idx, fc, 12));
        }
        if let Some(r) = spec.ftn_ref {
            let fc = tbl.len() as u32;
            le32(&mut tbl, r);
            le32(&mut tbl, lm);
            le16(&mut tbl, 1);
            pairs.push((PLCFFND_REF, fc, 10));
            let fc = tbl.len() as u32;
            le32(&mut tbl, 0);
            le32(&mut tbl, lf - 1);
            le32(&mut tbl, lf);
            pairs.push((PLCFFND_TXT, fc, 12));
        }
        if lh > 0 {
            let fc = tbl.len() as u32;
            // 6 separators, then even header, odd header (the text), 4 empty, guard.
            let first = lh - 1;
            for v in [
                0, 0, 0, 0, 0, 0, 0, 0, first, first, first, first, first, lh,
            ] {
                le32(&mut tbl, v);
            }
            pairs.push((PLCF_HDD, fc, 14 * 4));
        }
        for (idx, fc, lcb) in pairs {
            let o = 0x9A + 8 * idx;
            wd[o..o + 4].copy_from_slice(&fc.to_le_bytes());
            wd[o + 4..o + 8].copy_from_slice(&lcb.to_le_bytes());
        }
        super::super::cfb::builder::build(&[("WordDocument", &wd), ("1Table", &tbl)])
    }

    use fclcb::*;

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.runs.iter().map(|r| r.text.as_str()).collect(),
                Block::Table(t) => format!(
                    "<{}>",
                    t.rows
                        .iter()
                        .map(|r| r
                            .iter()
                            .map(|c| texts(&c.blocks).join("/"))
                            .collect::<Vec<_>>()
                            .join("|"))
                        .collect::<Vec<_>>()
                        .join(";")
                ),
            })
            .collect()
    }

    fn sample() -> Vec<u8> {
        let main = "B\u{b8}o c\u{b8}o\rT\u{13} PAGE \u{14}7\u{15} x\u{2} y\rA\u{7}B1\rB2\u{7}\u{7}L1\u{b}L2\u{c}Sau\u{1e}n\u{1f}o\tz\r";
        let ref_cp = main.chars().position(|c| c == '\u{2}').unwrap() as u32;
        let heading_start = main.chars().position(|c| c == 'T').unwrap() as u32;
        let tnr = main.chars().position(|c| c == 'z').unwrap() as u32;
        build_doc(&Spec {
            main,
            ftn: "\u{2} Ghi ch\u{fa}\r\r",
            hdd: "\u{13}PAGE\u{14}1\u{15}\r\r",
            chpx: vec![
                (
                    heading_start,
                    heading_start + 1,
                    vec![0x4F, 0x4A, 2, 0, 0x51, 0x4A, 2, 0],
                ),
                (tnr, tnr + 1, vec![0x4F, 0x4A, 0, 0, 0x51, 0x4A, 0, 0]),
            ],
            papx: &|i, t| match (i, t) {
                (1, _) => (1, vec![]),
                (_, "A\u{7}") | (_, "B1\r") | (_, "B2\u{7}") => (0, vec![0x16, 0x24, 1]),
                (_, "\u{7}") => (0, vec![0x16, 0x24, 1, 0x17, 0x24, 1]),
                _ => (0, vec![]),
            },
            ftn_ref: Some(ref_cp),
            fonts: &["Times New Roman", ".VnTime", ".VnTimeH"],
            normal: vec![0x4F, 0x4A, 1, 0, 0x51, 0x4A, 1, 0],
            heading: vec![0x35, 0x08, 1],
        })
    }

    #[test]
    fn đọc_văn_bản_word97_tổng_hợp() {
        let d = read(&sample()).unwrap();
        assert_eq!(
            texts(&d.body),
            // The optional hyphen sits in a .VnTime run, where it is TCVN3 "ư" (0xAD): kept.
            vec!["B¸o c¸o", "T7 x1 y", "<A|B1/B2>", "L1\nL2", "Sau-n\u{ad}o\tz"],
            "{:#?}",
            d.body
        );
        // Fonts: Normal's .VnTime inherited; "T" overridden by .VnTimeH; the heading style
        // (based on Normal) keeps .VnTime; "z" is Times New Roman.
        let Block::Paragraph(p0) = &d.body[0] else {
            panic!()
        };
        assert_eq!(p0.runs.len(), 1);
        assert_eq!(p0.runs[0].font.as_deref(), Some(".VnTime"));
        assert_eq!(p0.style.as_deref(), Some("Normal"));
        let Block::Paragraph(p1) = &d.body[1] else {
            panic!()
        };
        assert_eq!(p1.style.as_deref(), Some("Heading"));
        assert_eq!(p1.runs[0].text, "T");
        assert_eq!(p1.runs[0].font.as_deref(), Some(".VnTimeH"));
        assert_eq!(p1.runs[1].font.as_deref(), Some(".VnTime"));
        let r = p1.runs.iter().find(|r| r.note_ref.is_some()).unwrap();
        assert_eq!((r.text.as_str(), r.note_ref.as_deref()), ("1", Some("1")));
        let Block::Paragraph(p4) = &d.body[4] else {
            panic!()
        };
        assert_eq!(p4.runs.last().unwrap().text, "z");
        assert_eq!(
            p4.runs.last().unwrap().font.as_deref(),
            Some("Times New Roman")
        );
        // The footnote, without its own mark; the header as furniture.
        assert_eq!(d.notes.len(), 1);
        assert_eq!(d.notes[0].id, "1");
        assert_eq!(texts(&d.notes[0].blocks), vec![" Ghi chú"]);
        assert_eq!(texts(&d.furniture), vec!["1"]);
    }

    #[test]
    fn word97_hỏng_báo_lỗi_không_panic() {
        let base = sample();
        // Truncations.
        for cut in [0, 10, 511, 512, 1500, base.len() / 2, base.len() - 100] {
            let _ = read(&base[..cut]);
        }
        assert_eq!(
            read(&base[..600]).unwrap_err().code(),
            ErrorCode::CorruptFile
        );
        // Random byte flips.
        let mut seed = 0x9E37_79B9u32;
        for _ in 0..3000 {
            let mut f = base.clone();
            for _ in 0..1 + (seed % 12) as usize {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                let i = seed as usize % f.len();
                f[i] = (seed >> 11) as u8;
            }
            let _ = read(&f);
        }
    }

    #[test]
    fn chữ_ký_và_mã_hóa() {
        let mut wd = vec![0u8; 1024];
        wd[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
        wd[2..4].copy_from_slice(&0xC1u16.to_le_bytes());
        wd[0x0A..0x0C].copy_from_slice(&0x0300u16.to_le_bytes());
        let f =
            super::super::cfb::builder::build(&[("WordDocument", &wd), ("1Table", &[0u8; 16][..])]);
        assert_eq!(read(&f).unwrap_err().code(), ErrorCode::EncryptedFile);
        let f = super::super::cfb::builder::build(&[("Workbook", &[0u8; 100][..])]);
        let e = read(&f).unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnsupportedFormat);
        assert!(e.message().contains("Excel"));
        let mut wd2 = wd.clone();
        wd2[0..2].copy_from_slice(&0x1234u16.to_le_bytes());
        let f = super::super::cfb::builder::build(&[("WordDocument", &wd2)]);
        assert_eq!(read(&f).unwrap_err().code(), ErrorCode::CorruptFile);
        let mut wd3 = wd.clone();
        wd3[2..4].copy_from_slice(&53u16.to_le_bytes());
        wd3[0x0A..0x0C].copy_from_slice(&0u16.to_le_bytes());
        let f = super::super::cfb::builder::build(&[("WordDocument", &wd3)]);
        assert_eq!(read(&f).unwrap_err().code(), ErrorCode::UnsupportedFormat);
    }

    #[test]
    fn word6_chỉ_đọc_chữ() {
        // nFib 104, non-complex: text at fcMin..fcMac, ccpText at 0x34.
        let text = b"B\xb8o c\xb8o\rD\xf2ng hai\r";
        let mut wd = vec![0u8; 0x300];
        wd[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
        wd[2..4].copy_from_slice(&104u16.to_le_bytes());
        wd[0x18..0x1C].copy_from_slice(&0x300u32.to_le_bytes());
        wd[0x1C..0x20].copy_from_slice(&(0x300 + text.len() as u32).to_le_bytes());
        wd[0x34..0x38].copy_from_slice(&(text.len() as u32).to_le_bytes());
        wd.extend_from_slice(text);
        let f = super::super::cfb::builder::build(&[("WordDocument", &wd)]);
        let d = read(&f).unwrap();
        assert_eq!(texts(&d.body), vec!["B¸o c¸o", "Dòng hai"]);
        assert!(d.diagnostics.iter().any(|x| x.code == "decode.doc.word6"));
    }

    /// An LVL: start, nfc, flags, number text.
    fn lvl_bytes(start: i32, nfc: u8, flags: u8, text: &[u16]) -> Vec<u8> {
        let mut v = Vec::new();
        v.extend(start.to_le_bytes());
        v.push(nfc);
        v.push(flags);
        v.extend([0u8; 9]);
        v.push(1); // follow: space
        v.extend([0u8; 8]);
        v.extend([0u8, 0, 0, 0]); // cbGrpprlChpx, cbGrpprlPapx, ilvlRestartLim, grfhic
        v.extend((text.len() as u16).to_le_bytes());
        for u in text {
            v.extend(u.to_le_bytes());
        }
        v
    }

    #[test]
    fn danh_sách_đánh_số_tự_động() {
        // One 9-level list (lsid 7): level 0 "I.", level 1 "%1.%2" legal-less "a)", levels 2..8 bullets.
        let mut tbl = Vec::new();
        tbl.extend(1u16.to_le_bytes());
        tbl.extend(7u32.to_le_bytes());
        tbl.extend([0u8; 4 + 18]);
        tbl.extend([0u8, 0]); // not simple
        let lst_len = tbl.len();
        tbl.extend(lvl_bytes(1, 1, 0, &[0, u16::from(b'.')]));
        tbl.extend(lvl_bytes(1, 4, 0, &[1, u16::from(b')')]));
        for _ in 2..9 {
            tbl.extend(lvl_bytes(1, 23, 0, &[0xF0B7]));
        }
        // Two LFOs on the same list; the second restarts level 0 at 5.
        let lfo_fc = tbl.len();
        tbl.extend(2u32.to_le_bytes());
        for clfolvl in [0u8, 1] {
            tbl.extend(7u32.to_le_bytes());
            tbl.extend([0u8; 8]);
            tbl.extend([clfolvl, 0, 0, 0]);
        }
        tbl.extend(0u32.to_le_bytes()); // LFOData of LFO 1 (cp)
        tbl.extend(0u32.to_le_bytes()); // LFOData of LFO 2 (cp)
        tbl.extend(5i32.to_le_bytes());
        tbl.extend(0x10u32.to_le_bytes()); // ilvl 0, fStartAt
        let mut lists = Lists::parse(&tbl, Some((0, lst_len)), Some((lfo_fc, tbl.len() - lfo_fc)));
        assert_eq!(lists.lsts.len(), 1);
        assert_eq!(lists.lsts[0].lvls.len(), 9);
        let mut got = Vec::new();
        for (ilfo, ilvl) in [
            (1, 0),
            (1, 1),
            (1, 1),
            (1, 2),
            (1, 0),
            (1, 1),
            (2, 0),
            (0, 0),
            (9, 0),
        ] {
            got.push(lists.label(ilfo, ilvl).map(|(t, _)| t));
        }
        let want = ["I.", "a)", "b)", "•", "II.", "a)", "V."].map(|s| Some(s.to_string()));
        assert_eq!(&got[..7], &want[..]);
        assert_eq!(got[7], None);
        assert_eq!(got[8], None);
        // Hostile: truncated tables give fewer or no lists, never a panic.
        for cut in 0..tbl.len() {
            let mut l = Lists::parse(&tbl[..cut], Some((0, lst_len)), Some((lfo_fc, 40)));
            let _ = l.label(1, 0);
            let _ = l.label(2, 8);
        }
    }

    #[test]
    fn định_dạng_số() {
        assert_eq!(format_number(4, 1), "IV");
        assert_eq!(format_number(1994, 2), "mcmxciv");
        assert_eq!(format_number(28, 3), "BB");
        assert_eq!(format_number(3, 4), "c");
        assert_eq!(format_number(7, 22), "07");
        assert_eq!(format_number(12, 0), "12");
        assert_eq!(format_number(0, 1), "0");
        assert_eq!(format_number(i32::MAX, 3).len(), 10);
    }

    #[test]
    fn prc_chỉ_giữ_sprm_cần_dùng() {
        // Bold, font 1, font 2, in-table, font 3: the last font and in-table remain, in order.
        let g = [
            0x35, 0x08, 1, 0x4F, 0x4A, 1, 0, 0x4F, 0x4A, 2, 0, 0x16, 0x24, 1, 0x4F, 0x4A, 3, 0,
        ];
        assert_eq!(relevant_sprms(&g), vec![0x16, 0x24, 1, 0x4F, 0x4A, 3, 0]);
    }

    #[test]
    fn pap_độ_sâu_bảng() {
        let mut pap = Pap::default();
        pap.apply(&[0x16, 0x24, 1]);
        assert_eq!(pap.depth(), 1);
        pap.apply(&[0x49, 0x66, 2, 0, 0, 0, 0x4C, 0x24, 1]);
        assert_eq!(pap.depth(), 2);
        assert!(pap.inner_ttp);
        pap.apply(&[0x49, 0x66, 0xFF, 0xFF, 0xFF, 0x7F]);
        assert_eq!(pap.depth(), MAX_NESTING);
    }

    #[test]
    fn chữ_hoa_toàn_bộ_và_gạch_nối_tùy_chọn_cạnh_chữ_ư() {
        // "Sè:" typed small with All caps (sprmCFCaps) prints "SỐ:"; "\x1F\xAD\xAC" is an optional
        // hyphen before the TCVN3 "ư" of "ương", not a second "ư".
        let main = "S\u{e8}: 12\rTrung \u{1f}\u{ad}\u{ac}ng\r";
        let doc = build_doc(&Spec {
            main,
            ftn: "",
            hdd: "",
            chpx: vec![(0, 3, vec![0x3B, 0x08, 1])],
            papx: &|_, _| (0, vec![]),
            ftn_ref: None,
            fonts: &["Times New Roman", ".VnTime"],
            normal: vec![0x4F, 0x4A, 1, 0, 0x51, 0x4A, 1, 0],
            heading: vec![],
        });
        let d = read(&doc).unwrap();
        let Block::Paragraph(p0) = &d.body[0] else { panic!("{:#?}", d.body) };
        assert!(p0.runs[0].caps && p0.runs[0].text == "S\u{e8}:", "{:#?}", p0.runs);
        assert!(!p0.runs.last().unwrap().caps);
        let flat = super::super::flatten::flatten(&d);
        assert_eq!(flat.text.lines().take(2).collect::<Vec<_>>(), ["SỐ: 12", "Trung ương"]);
    }
}
