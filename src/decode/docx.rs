//! .docx (Office Open XML: zip + XML) bytes → [`ContainerDoc`](super::container::ContainerDoc).
//!
//! The zip is read by [`super::zip`] (bounded, CRC-checked); the main part is found through
//! `_rels/.rels` (the officeDocument relationship) or `[Content_Types].xml`, with
//! `word/document.xml` as the fallback. Its XML is read with quick-xml as a stream of events over
//! an explicit stack (never recursion), at most [`MAX_NESTING`] elements deep; entities other than
//! the five predefined ones and character references are never expanded (a DTD is ignored).
//!
//! What comes out:
//! - paragraphs with their runs; each run carries the font that applies to it, resolved from
//!   direct formatting, the run style, the paragraph style chain (`w:basedOn`, the default
//!   paragraph style when none is named), the table style and `w:docDefaults` — old Vietnamese
//!   documents often name `.VnTime` only in the Normal style, and the font is what tells the
//!   legacy decoder the run is TCVN3;
//! - list labels from `w:numPr` and numbering.xml ("1.", "a)", "I.", "1.2.", "•"), counted in
//!   document order;
//! - tables (nested tables included) with their cells in order — the two-column letterhead is one;
//! - footnotes and endnotes (referenced by [`Run::note_ref`]; endnote ids are prefixed "e");
//! - text boxes, emitted as blocks right after the paragraph that anchors them (one branch of
//!   each `mc:AlternateContent`, never both);
//! - headers and footers as furniture.
//!
//! Deleted text, field codes, hidden text and the DrawingML fallbacks are left out.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::{NsReader, Reader};

use super::container::{Block, Cell, ContainerDoc, Note, Paragraph, Run, Table};
use super::zip::{Archive, Limits};
use crate::limits::MAX_NESTING;
use crate::report::{Diagnostic, Severity};
use crate::{Error, ErrorCode, Result};

/// Most paragraphs and table cells kept from one document (a 2,000-page report has about 50,000).
/// Past it the rest is dropped with a diagnostic: a flood of empty paragraphs, a few bytes each,
/// must not cost gigabytes of memory. The .rtf reader uses it too.
pub const MAX_BLOCKS: usize = 1_000_000;

/// Longest `w:basedOn` chain followed (Word itself stops far earlier; cycles end here too).
pub const MAX_STYLE_CHAIN: usize = 32;

/// Reads a docx file.
///
/// # Errors
/// [`ErrorCode::CorruptFile`] for a broken zip or a main part that cannot be read at all,
/// [`ErrorCode::EncryptedFile`] for encrypted entries, [`ErrorCode::InputTooLarge`] for a zip
/// that expands past [`crate::limits::MAX_EXPANDED_BYTES`] (or has too many entries),
/// [`ErrorCode::UnsupportedFormat`] for a zip that is not a Word document (or zip64).
pub fn read(bytes: &[u8]) -> Result<ContainerDoc> {
    read_with_limits(bytes, Limits::default())
}

/// [`read`] with explicit zip limits (tests use small ones).
pub(crate) fn read_with_limits(bytes: &[u8], limits: Limits) -> Result<ContainerDoc> {
    let mut zip = Archive::open_with_limits(bytes, limits)?;
    let mut diagnostics = Vec::new();
    let main = find_main_part(&mut zip, &mut diagnostics)?;
    let rels = read_rels(&mut zip, &main, &mut diagnostics)?;

    // A part named by the main part's relationships, else at its usual place.
    let part_of = |suffix: &str, fallback: &str| -> String {
        rels.iter()
            .find(|r| r.kind_is(suffix))
            .map_or_else(|| fallback.to_owned(), |r| r.target.clone())
    };
    let theme = optional_part(
        &mut zip,
        &part_of("theme", "word/theme/theme1.xml"),
        &mut diagnostics,
    )?
    .map(|x| parse_theme(&x))
    .unwrap_or_default();
    let styles = optional_part(
        &mut zip,
        &part_of("styles", "word/styles.xml"),
        &mut diagnostics,
    )?
    .map(|x| parse_styles(&x))
    .unwrap_or_default();
    let numbering = optional_part(
        &mut zip,
        &part_of("numbering", "word/numbering.xml"),
        &mut diagnostics,
    )?
    .map(|x| parse_numbering(&x))
    .unwrap_or_default();
    let ctx = Ctx::new(styles, numbering, theme);

    let main_xml = match zip.read(&main) {
        Ok(Some(b)) => xml_string(b),
        Ok(None) => {
            return Err(Error::new(
                ErrorCode::CorruptFile,
                format!(
                    "Tệp .docx thiếu phần nội dung chính '{main}' (corrupt docx: no main part)"
                ),
            ))
        }
        Err(e) if e.code() == ErrorCode::CorruptFile => {
            return Err(Error::new(
                ErrorCode::CorruptFile,
                format!(
                    "Không đọc được phần nội dung chính của tệp .docx: {} (corrupt docx)",
                    e.message()
                ),
            ))
        }
        Err(e) => return Err(e),
    };
    let body = walk(&main_xml, &ctx, Part::Body);
    if let Some(err) = &body.error {
        if body.blocks.is_empty() {
            return Err(Error::new(
                ErrorCode::CorruptFile,
                format!("Nội dung chính của tệp .docx không phải XML hợp lệ: {err} (corrupt docx)"),
            ));
        }
        diagnostics.push(diag(
            Severity::Error,
            "decode.docx.xml",
            format!(
                "Phần nội dung chính bị hỏng từ một chỗ trở đi, phần sau đó đã bị bỏ qua: {err}"
            ),
        ));
    }
    if body.too_deep {
        diagnostics.push(too_deep_diag(&main));
    }

    let mut doc = ContainerDoc {
        body: body.blocks,
        ..Default::default()
    };

    for (suffix, fallback, part) in [
        ("footnotes", "word/footnotes.xml", Part::Footnotes),
        ("endnotes", "word/endnotes.xml", Part::Endnotes),
    ] {
        let path = part_of(suffix, fallback);
        let Some(xml) = optional_part(&mut zip, &path, &mut diagnostics)? else {
            continue;
        };
        let w = walk(&xml, &ctx, part);
        part_diagnostics(&w, &path, &mut diagnostics);
        doc.notes.extend(w.notes);
    }
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for rel in rels
        .iter()
        .filter(|r| r.kind_is("header") || r.kind_is("footer"))
    {
        if !seen.insert(&rel.target) {
            continue;
        }
        let Some(xml) = optional_part(&mut zip, &rel.target, &mut diagnostics)? else {
            continue;
        };
        let w = walk(&xml, &ctx, Part::Furniture);
        part_diagnostics(&w, &rel.target, &mut diagnostics);
        doc.furniture.extend(w.blocks);
    }
    if ctx.truncated.get() {
        diagnostics.push(diag(
            Severity::Warning,
            "decode.docx.truncated",
            format!("Tệp có quá {MAX_BLOCKS} đoạn văn/ô bảng; phần sau đã bị bỏ qua."),
        ));
    }
    doc.diagnostics = diagnostics;
    Ok(doc)
}

fn diag(severity: Severity, code: &str, message: String) -> Diagnostic {
    Diagnostic {
        severity,
        code: code.into(),
        message,
        span: None,
    }
}

fn too_deep_diag(part: &str) -> Diagnostic {
    diag(
        Severity::Warning,
        "decode.docx.nesting",
        format!("Phần '{part}' lồng quá {MAX_NESTING} cấp; phần lồng sâu hơn đã bị bỏ qua."),
    )
}

fn part_diagnostics(w: &Walked, path: &str, out: &mut Vec<Diagnostic>) {
    if let Some(err) = &w.error {
        out.push(diag(
            Severity::Warning,
            "decode.docx.xml",
            format!("Phần '{path}' bị hỏng, đã đọc được phần đầu: {err}"),
        ));
    }
    if w.too_deep {
        out.push(too_deep_diag(path));
    }
}

/// Reads a secondary part: absent or unreadable → `None` (with a diagnostic for the latter);
/// encryption and the expansion limit stay hard errors.
fn optional_part(
    zip: &mut Archive<'_>,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<String>> {
    match zip.read(path) {
        Ok(b) => Ok(b.map(xml_string)),
        Err(e)
            if matches!(
                e.code(),
                ErrorCode::EncryptedFile | ErrorCode::InputTooLarge
            ) =>
        {
            Err(e)
        }
        Err(e) => {
            diagnostics.push(diag(
                Severity::Warning,
                "decode.docx.part",
                format!(
                    "Không đọc được phần '{path}' của tệp .docx: {}",
                    e.message()
                ),
            ));
            Ok(None)
        }
    }
}

/// Part bytes → text: UTF-8 (BOM stripped), or UTF-16 with a BOM; invalid bytes replaced.
fn xml_string(bytes: Vec<u8>) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let utf16 = |rest: &[u8], le: bool| {
        let units = rest.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect::<String>()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Package: content types, relationships, part names.

#[derive(Debug, Clone)]
struct Rel {
    kind: String,
    target: String,
}

impl Rel {
    /// Relationship type ends with `/suffix` (transitional and strict URIs alike).
    fn kind_is(&self, suffix: &str) -> bool {
        self.kind.rsplit('/').next() == Some(suffix)
    }
}

/// Attribute value by local name (prefix ignored), with predefined entities and character
/// references resolved; other entities are left as written.
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.0;
        let key_local = key.rsplit(':').next().unwrap_or(key);
        if key_local == local {
            return Some(unescape(&a.value));
        }
    }
    None
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find(';').filter(|&j| j <= 12) {
            Some(j) => {
                match resolve_entity(&after[..j]) {
                    Some(c) => out.push(c),
                    None => {
                        out.push('&');
                        out.push_str(&after[..=j]);
                    }
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The five predefined entities and character references; nothing else is expanded.
fn resolve_entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')
        }
    }
}

fn local_name<'a>(e: &'a BytesStart<'_>) -> &'a str {
    let n = e.name().0;
    n.rsplit(':').next().unwrap_or(n)
}

/// A flat scan of an XML part: calls `f(path, element, is_start_or_empty)` for each element with
/// the local names of its ancestors. Bounded depth: deeper elements are not reported.
fn scan(xml: &str, mut f: impl FnMut(&[String], &BytesStart<'_>)) {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    reader.config_mut().allow_unmatched_ends = true;
    let mut path: Vec<String> = Vec::new();
    let mut overflow = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if overflow > 0 || path.len() >= MAX_NESTING {
                    overflow += 1;
                    continue;
                }
                f(&path, &e);
                path.push(local_name(&e).to_owned());
            }
            Ok(Event::Empty(e)) => {
                if overflow == 0 && path.len() < MAX_NESTING {
                    f(&path, &e);
                }
            }
            Ok(Event::End(_)) => {
                if overflow > 0 {
                    overflow -= 1;
                } else {
                    path.pop();
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

fn parent_is(path: &[String], name: &str) -> bool {
    path.last().map(String::as_str) == Some(name)
}

/// An ancestor among the nearest eight: the contexts read from styles, numbering and theme
/// parts are shallow, and a bounded look keeps hostile deep parts linear.
fn has_ancestor(path: &[String], name: &str) -> bool {
    path.iter().rev().take(8).any(|p| p == name)
}

/// Resolves `target` relative to the directory of `source` (a part name without leading '/').
fn resolve_target(source: &str, target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let target = target.split(['#', '?']).next().unwrap_or("");
    if !target.starts_with('/') {
        if let Some(i) = source.rfind('/') {
            parts.extend(source[..i].split('/').filter(|s| !s.is_empty()));
        }
    }
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn rels_path(part: &str) -> String {
    match part.rfind('/') {
        Some(i) => format!("{}/_rels/{}.rels", &part[..i], &part[i + 1..]),
        None => format!("_rels/{part}.rels"),
    }
}

fn parse_rels(xml: &str, source: &str) -> Vec<Rel> {
    let mut rels = Vec::new();
    scan(xml, |_, e| {
        if local_name(e) == "Relationship" {
            if attr(e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External")) {
                return;
            }
            if let (Some(kind), Some(target)) = (attr(e, "Type"), attr(e, "Target")) {
                rels.push(Rel {
                    kind,
                    target: resolve_target(source, &target),
                });
            }
        }
    });
    rels
}

fn read_rels(
    zip: &mut Archive<'_>,
    part: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<Rel>> {
    Ok(optional_part(zip, &rels_path(part), diagnostics)?
        .map(|x| parse_rels(&x, part))
        .unwrap_or_default())
}

const WORD_MAIN_TYPES: [&str; 4] = [
    "wordprocessingml.document.main+xml",
    "wordprocessingml.template.main+xml",
    "ms-word.document.macroEnabled.main+xml",
    "ms-word.template.macroEnabledTemplate.main+xml",
];

fn find_main_part(zip: &mut Archive<'_>, diagnostics: &mut Vec<Diagnostic>) -> Result<String> {
    let mut overrides: Vec<(String, String)> = Vec::new();
    if let Some(xml) = optional_part(zip, "[Content_Types].xml", diagnostics)? {
        scan(&xml, |_, e| {
            if local_name(e) == "Override" {
                if let (Some(p), Some(t)) = (attr(e, "PartName"), attr(e, "ContentType")) {
                    overrides.push((resolve_target("", &p), t));
                }
            }
        });
    }
    let is_word = |t: &str| WORD_MAIN_TYPES.iter().any(|w| t.ends_with(w));
    let package_rels = optional_part(zip, "_rels/.rels", diagnostics)?
        .map(|x| parse_rels(&x, ""))
        .unwrap_or_default();
    for rel in package_rels.iter().filter(|r| r.kind_is("officeDocument")) {
        let declared = overrides
            .iter()
            .find(|(p, _)| *p == rel.target)
            .map(|(_, t)| t.as_str());
        if zip.contains(&rel.target) && declared.is_none_or(is_word) {
            return Ok(rel.target.clone());
        }
    }
    if let Some((p, _)) = overrides
        .iter()
        .find(|(p, t)| is_word(t) && zip.contains(p))
    {
        return Ok(p.clone());
    }
    if zip.contains("word/document.xml") {
        return Ok("word/document.xml".into());
    }
    if package_rels
        .iter()
        .any(|r| r.kind_is("officeDocument") && r.target.starts_with("word/"))
        || overrides.iter().any(|(_, t)| is_word(t))
    {
        return Err(Error::new(
            ErrorCode::CorruptFile,
            "Tệp .docx thiếu phần nội dung chính (corrupt docx: no main document part)",
        ));
    }
    let what = if zip
        .read("mimetype")
        .ok()
        .flatten()
        .is_some_and(|m| m.starts_with(b"application/vnd.oasis.opendocument"))
    {
        "tệp OpenDocument (.odt/.ods)"
    } else if zip.contains("xl/workbook.xml") {
        "bảng tính Excel (.xlsx)"
    } else if zip.contains("ppt/presentation.xml") {
        "bản trình chiếu PowerPoint (.pptx)"
    } else {
        "tệp ZIP không phải văn bản Word"
    };
    Err(Error::new(
        ErrorCode::UnsupportedFormat,
        format!("Chưa hỗ trợ định dạng: {what} (unsupported format)"),
    ))
}

// ---------------------------------------------------------------------------------------------
// Theme, styles and fonts.

#[derive(Debug, Clone, Default)]
struct Theme {
    /// [major, minor] × [latin, ea, cs].
    fonts: [[Option<String>; 3]; 2],
}

fn parse_theme(xml: &str) -> Theme {
    let mut theme = Theme::default();
    scan(xml, |path, e| {
        let which = match path.last().map(String::as_str) {
            Some("majorFont") => 0,
            Some("minorFont") => 1,
            _ => return,
        };
        let slot = match local_name(e) {
            "latin" => 0,
            "ea" => 1,
            "cs" => 2,
            _ => return,
        };
        if has_ancestor(path, "fontScheme") {
            theme.fonts[which][slot] = attr(e, "typeface").filter(|t| !t.is_empty());
        }
    });
    theme
}

impl Theme {
    fn font(&self, key: &str) -> Option<String> {
        let which = if key.starts_with("major") {
            0
        } else if key.starts_with("minor") {
            1
        } else {
            return None;
        };
        let slot = if key.ends_with("EastAsia") {
            1
        } else if key.ends_with("Bidi") {
            2
        } else {
            0
        };
        self.fonts[which][slot].clone()
    }
}

#[derive(Debug, Clone, PartialEq)]
enum FontVal {
    Name(String),
    Theme(String),
}

/// `w:rFonts` slots: ascii, hAnsi, eastAsia, cs.
#[derive(Debug, Clone, Default, PartialEq)]
struct Fonts([Option<FontVal>; 4]);

impl Fonts {
    fn from_attrs(e: &BytesStart<'_>) -> Fonts {
        let mut f = Fonts::default();
        for (i, (name, theme)) in [
            ("ascii", "asciiTheme"),
            ("hAnsi", "hAnsiTheme"),
            ("eastAsia", "eastAsiaTheme"),
            ("cs", "cstheme"),
        ]
        .iter()
        .enumerate()
        {
            f.0[i] = match (attr(e, theme), attr(e, name)) {
                (Some(t), _) => Some(FontVal::Theme(t)),
                (None, Some(n)) if !n.trim().is_empty() => Some(FontVal::Name(n.trim().to_owned())),
                _ => None,
            };
        }
        f
    }

    /// Fills the slots still empty from `other` (a less specific level of the cascade).
    fn fill(&mut self, other: &Fonts) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0.iter()) {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
    }

    /// The font for this text: hAnsi for non-ASCII (Latin-1 and Vietnamese letters) and ascii for
    /// ASCII, then the other Latin slot, then eastAsia and cs.
    fn pick(&self, non_ascii: bool, theme: &Theme) -> Option<String> {
        let order: [usize; 4] = if non_ascii {
            [1, 0, 2, 3]
        } else {
            [0, 1, 2, 3]
        };
        let v = order.iter().find_map(|&i| self.0[i].as_ref())?;
        match v {
            FontVal::Name(n) => Some(n.clone()),
            FontVal::Theme(t) => theme.font(t),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum StyleKind {
    #[default]
    Paragraph,
    Character,
    Table,
    Other,
}

#[derive(Debug, Clone, Default)]
struct Style {
    name: Option<String>,
    based_on: Option<String>,
    fonts: Fonts,
    /// `w:caps` in the style's own run properties.
    caps: Option<bool>,
    num_id: Option<String>,
    ilvl: Option<u32>,
}

#[derive(Debug, Clone, Default)]
struct Styles {
    map: HashMap<String, Style>,
    defaults: Fonts,
    default_paragraph: Option<String>,
    default_table: Option<String>,
}

fn parse_styles(xml: &str) -> Styles {
    let mut s = Styles::default();
    let mut current: Option<(String, Style)> = None;
    let finish = |cur: &mut Option<(String, Style)>, s: &mut Styles| {
        if let Some((id, st)) = cur.take() {
            s.map.entry(id).or_insert(st);
        }
    };
    scan(xml, |path, e| {
        let name = local_name(e);
        if name == "style" && parent_is(path, "styles") {
            finish(&mut current, &mut s);
            let kind = match attr(e, "type").as_deref() {
                Some("paragraph") | None => StyleKind::Paragraph,
                Some("character") => StyleKind::Character,
                Some("table") => StyleKind::Table,
                _ => StyleKind::Other,
            };
            let Some(id) = attr(e, "styleId") else { return };
            if attr(e, "default").is_some_and(|d| on(&d)) {
                match kind {
                    StyleKind::Paragraph => {
                        s.default_paragraph.get_or_insert_with(|| id.clone());
                    }
                    StyleKind::Table => {
                        s.default_table.get_or_insert_with(|| id.clone());
                    }
                    _ => {}
                }
            }
            current = Some((id, Style::default()));
            return;
        }
        if name == "rFonts" && parent_is(path, "rPr") {
            if has_ancestor(path, "docDefaults") {
                s.defaults = Fonts::from_attrs(e);
            } else if let Some((_, st)) = current.as_mut() {
                // Only the style's own run properties (not table-style conditional ones).
                if path.len() >= 2 && path[path.len() - 2] == "style" {
                    st.fonts = Fonts::from_attrs(e);
                }
            }
            return;
        }
        let Some((_, st)) = current.as_mut() else {
            return;
        };
        if !has_ancestor(path, "style") {
            return;
        }
        match name {
            "caps" if parent_is(path, "rPr") && path.len() >= 2 && path[path.len() - 2] == "style" => {
                st.caps = Some(attr(e, "val").is_none_or(|v| on(&v)))
            }
            "name" if parent_is(path, "style") => st.name = attr(e, "val"),
            "basedOn" if parent_is(path, "style") => st.based_on = attr(e, "val"),
            "numId" if parent_is(path, "numPr") && has_ancestor(path, "pPr") => {
                st.num_id = attr(e, "val")
            }
            "ilvl" if parent_is(path, "numPr") && has_ancestor(path, "pPr") => {
                st.ilvl = attr(e, "val").and_then(|v| v.trim().parse().ok())
            }
            _ => {}
        }
    });
    finish(&mut current, &mut s);
    s
}

/// OOXML on/off values: absent `w:val` or anything but false/0/off means on.
fn on(v: &str) -> bool {
    !matches!(v.trim(), "false" | "0" | "off")
}

impl Styles {
    /// The style and its `basedOn` ancestors, bounded.
    fn chain<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = &'a Style> + 'a {
        let mut next = id;
        std::iter::from_fn(move || {
            let st = self.map.get(next?)?;
            next = st.based_on.as_deref();
            Some(st)
        })
        .take(MAX_STYLE_CHAIN)
    }

    fn name_of(&self, id: &str) -> String {
        self.map
            .get(id)
            .and_then(|s| s.name.clone())
            .unwrap_or_else(|| id.to_owned())
    }

    /// Numbering a paragraph style applies: (numId, ilvl).
    fn numbering_of(&self, id: Option<&str>) -> Option<(String, Option<u32>)> {
        let mut num = None;
        let mut ilvl = None;
        for st in self.chain(id) {
            if num.is_none() {
                num.clone_from(&st.num_id);
            }
            if ilvl.is_none() {
                ilvl = st.ilvl;
            }
            if num.is_some() && ilvl.is_some() {
                break;
            }
        }
        num.map(|n| (n, ilvl))
    }
}

// ---------------------------------------------------------------------------------------------
// Numbering.

#[derive(Debug, Clone, Default)]
struct Level {
    start: Option<u32>,
    fmt: Option<String>,
    text: Option<String>,
    legal: bool,
    /// Font of the label (`w:lvl/w:rPr/w:rFonts`), when the level names one.
    font: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct AbstractNum {
    levels: [Level; 9],
    num_style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: Option<String>,
    start_override: [Option<u32>; 9],
    level_override: [Option<Level>; 9],
}

#[derive(Debug, Clone, Default)]
struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<String, Num>,
}

fn parse_numbering(xml: &str) -> Numbering {
    let mut n = Numbering::default();
    // (abstractNumId or numId, is_num) of the element being read, and the current level.
    let mut cur_abstract: Option<String> = None;
    let mut cur_num: Option<String> = None;
    let mut cur_ilvl: Option<usize> = None;
    scan(xml, |path, e| {
        let name = local_name(e);
        match name {
            "abstractNum" if parent_is(path, "numbering") => {
                cur_abstract = attr(e, "abstractNumId");
                cur_num = None;
                if let Some(id) = &cur_abstract {
                    n.abstracts.entry(id.clone()).or_default();
                }
            }
            "num" if parent_is(path, "numbering") => {
                cur_num = attr(e, "numId");
                cur_abstract = None;
                if let Some(id) = &cur_num {
                    n.nums.entry(id.clone()).or_default();
                }
            }
            "lvl" => {
                cur_ilvl = attr(e, "ilvl")
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .filter(|&i| i < 9);
                if let (Some(id), Some(i), true) = (&cur_num, cur_ilvl, has_ancestor(path, "num")) {
                    if let Some(num) = n.nums.get_mut(id) {
                        num.level_override[i].get_or_insert_with(Level::default);
                    }
                }
            }
            "lvlOverride" if parent_is(path, "num") => {
                cur_ilvl = attr(e, "ilvl")
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .filter(|&i| i < 9);
            }
            "startOverride" if parent_is(path, "lvlOverride") => {
                if let (Some(id), Some(i)) = (&cur_num, cur_ilvl) {
                    if let Some(num) = n.nums.get_mut(id) {
                        num.start_override[i] = attr(e, "val").and_then(|v| v.trim().parse().ok());
                    }
                }
            }
            "abstractNumId" if parent_is(path, "num") => {
                if let Some(num) = cur_num.as_ref().and_then(|id| n.nums.get_mut(id)) {
                    num.abstract_id = attr(e, "val");
                }
            }
            "numStyleLink" if parent_is(path, "abstractNum") => {
                if let Some(a) = cur_abstract.as_ref().and_then(|id| n.abstracts.get_mut(id)) {
                    a.num_style_link = attr(e, "val");
                }
            }
            "start" | "numFmt" | "lvlText" | "isLgl" | "rFonts" if has_ancestor(path, "lvl") => {
                let Some(i) = cur_ilvl else { return };
                let level = if has_ancestor(path, "num") {
                    cur_num
                        .as_ref()
                        .and_then(|id| n.nums.get_mut(id))
                        .and_then(|num| num.level_override[i].as_mut())
                } else {
                    cur_abstract
                        .as_ref()
                        .and_then(|id| n.abstracts.get_mut(id))
                        .map(|a| &mut a.levels[i])
                };
                let Some(level) = level else { return };
                let val = attr(e, "val");
                match name {
                    "start" => level.start = val.and_then(|v| v.trim().parse().ok()),
                    "numFmt" => level.fmt = val,
                    "lvlText" => level.text = Some(val.unwrap_or_default()),
                    "rFonts" => {
                        level.font = ["hAnsi", "ascii"]
                            .iter()
                            .find_map(|k| attr(e, k))
                            .filter(|f| !f.trim().is_empty())
                    }
                    _ => level.legal = val.is_none_or(|v| on(&v)),
                }
            }
            _ => {}
        }
    });
    n
}

/// Numbering counters of one part, in document order.
#[derive(Debug, Default)]
struct Counters {
    map: HashMap<String, [Option<u32>; 9]>,
}

impl Numbering {
    /// The abstract numbering behind a num id (following one `numStyleLink`).
    fn resolve<'a>(
        &'a self,
        num_id: &str,
        styles: &Styles,
    ) -> Option<(&'a Num, &'a str, &'a AbstractNum)> {
        let num = self.nums.get(num_id)?;
        let abs_id = num.abstract_id.as_deref()?;
        let abs = self.abstracts.get(abs_id)?;
        if let Some(link) = &abs.num_style_link {
            if let Some(linked) = styles
                .map
                .get(link)
                .and_then(|s| s.num_id.as_deref())
                .and_then(|id| self.nums.get(id))
            {
                if let Some(a2) = linked
                    .abstract_id
                    .as_deref()
                    .and_then(|id| self.abstracts.get(id).map(|a| (id, a)))
                {
                    return Some((num, a2.0, a2.1));
                }
            }
        }
        Some((num, abs_id, abs))
    }

    /// The displayed label of the next paragraph of this list level, with the level's font and
    /// whether it is a bullet.
    fn label(
        &self,
        num_id: &str,
        ilvl: u32,
        styles: &Styles,
        counters: &mut Counters,
    ) -> Option<Label> {
        if num_id.trim() == "0" {
            return None;
        }
        let (num, abs_id, abs) = self.resolve(num_id, styles)?;
        let level_of = |i: usize| num.level_override[i].as_ref().unwrap_or(&abs.levels[i]);
        let start_of = |i: usize| num.start_override[i].or(level_of(i).start).unwrap_or(1);
        let ilvl = (ilvl as usize).min(8);
        // Word continues a list across nums sharing an abstract, unless the num restarts it.
        let key = if num.start_override.iter().any(Option::is_some) {
            format!("n:{num_id}")
        } else {
            format!("a:{abs_id}")
        };
        let counts = counters.map.entry(key).or_insert([None; 9]);
        counts[ilvl] = Some(match counts[ilvl] {
            None => start_of(ilvl),
            Some(c) => c.saturating_add(1),
        });
        for c in counts.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        let level = level_of(ilvl);
        let fmt = level.fmt.as_deref().unwrap_or("decimal");
        let text = level.text.clone().unwrap_or_else(|| {
            if fmt == "bullet" {
                "•".into()
            } else {
                format!("%{}.", ilvl + 1)
            }
        });
        if fmt == "bullet" {
            let label: String = text.chars().map(map_bullet).collect();
            return Some(Label {
                text: label,
                font: None,
                bullet: true,
            })
            .filter(|l| !l.text.trim().is_empty());
        }
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars
                    .peek()
                    .and_then(|d| d.to_digit(10))
                    .filter(|d| (1..=9).contains(d))
                {
                    chars.next();
                    let i = d as usize - 1;
                    let value = counts[i].unwrap_or_else(|| start_of(i));
                    let f = if level.legal {
                        "decimal"
                    } else {
                        level_of(i).fmt.as_deref().unwrap_or("decimal")
                    };
                    out.push_str(&format_number(value, f));
                    continue;
                }
            }
            out.push(c);
        }
        Some(Label {
            text: out,
            font: level.font.clone(),
            bullet: false,
        })
        .filter(|l| !l.text.trim().is_empty())
    }
}

/// A list label as [`Numbering::label`] computes it.
#[derive(Debug, Clone, PartialEq)]
struct Label {
    text: String,
    font: Option<String>,
    bullet: bool,
}

/// A counter in a numbering format.
fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "none" => String::new(),
        "bullet" => "•".into(),
        "lowerLetter" => letters(n, false),
        "upperLetter" => letters(n, true),
        "lowerRoman" => roman(n)
            .map(|r| r.to_lowercase())
            .unwrap_or_else(|| n.to_string()),
        "upperRoman" => roman(n).unwrap_or_else(|| n.to_string()),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// Word's letters: a…z, then aa…zz, aaa… (the letter repeated).
fn letters(n: u32, upper: bool) -> String {
    if n == 0 {
        return "0".into();
    }
    let base = if upper { b'A' } else { b'a' };
    let c = char::from(base + ((n - 1) % 26) as u8);
    let times = ((n - 1) / 26 + 1).min(10) as usize;
    std::iter::repeat_n(c, times).collect()
}

fn roman(mut n: u32) -> Option<String> {
    if n == 0 || n >= 4000 {
        return None;
    }
    let table = [
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
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    Some(out)
}

/// Symbol/Wingdings private-use bullets (U+F0xx as Word stores them) → the bullet they show.
fn symbol_char(c: char) -> Option<char> {
    Some(match c as u32 {
        0xF0B7 | 0x00B7 => '•',
        0xF0A7 => '▪',
        0xF0A8 => '◆',
        0xF0D8 => '➢',
        0xF0FC => '✓',
        0xF076 => '❖',
        0xF06E => '■',
        0xF06C => '●',
        0xF0E0 => '→',
        0xF0DE => '⇒',
        0xF02D => '-',
        0xF02B => '+',
        0xF02A => '*',
        _ => return None,
    })
}

/// A bullet label character: known symbols mapped, other private-use glyphs shown as "•".
fn map_bullet(c: char) -> char {
    symbol_char(c).unwrap_or(if ('\u{F000}'..='\u{F0FF}').contains(&c) {
        '•'
    } else {
        c
    })
}

// ---------------------------------------------------------------------------------------------
// The document walker.

struct Ctx {
    styles: Styles,
    numbering: Numbering,
    theme: Theme,
    /// Paragraphs and cells still allowed, over all parts ([`MAX_BLOCKS`]).
    blocks_left: std::cell::Cell<usize>,
    truncated: std::cell::Cell<bool>,
}

impl Ctx {
    fn new(styles: Styles, numbering: Numbering, theme: Theme) -> Ctx {
        Ctx {
            styles,
            numbering,
            theme,
            blocks_left: std::cell::Cell::new(MAX_BLOCKS),
            truncated: std::cell::Cell::new(false),
        }
    }

    /// Counts one more paragraph or cell; false once the budget is spent.
    fn take_block(&self) -> bool {
        match self.blocks_left.get() {
            0 => {
                self.truncated.set(true);
                false
            }
            n => {
                self.blocks_left.set(n - 1);
                true
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Body,
    Footnotes,
    Endnotes,
    Furniture,
}

#[derive(Debug, Default)]
struct Walked {
    blocks: Vec<Block>,
    notes: Vec<Note>,
    error: Option<String>,
    too_deep: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    W,
    Mc,
    M,
    Other,
}

fn ns_of(r: &ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(ns) => match ns.0 {
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
            "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
            "http://schemas.openxmlformats.org/officeDocument/2006/math"
            | "http://purl.oclc.org/ooxml/officeDocument/math" => Ns::M,
            _ => Ns::Other,
        },
        _ => Ns::Other,
    }
}

#[derive(Debug, Default)]
struct ParaB {
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u32>,
    runs: Vec<Run>,
    after: Vec<Block>,
}

#[derive(Debug, Default)]
struct RunB {
    fonts: Fonts,
    style: Option<String>,
    hidden: bool,
    /// `w:caps` set on the run itself.
    caps: Option<bool>,
    /// (text, note reference) pieces in order.
    pieces: Vec<(String, Option<String>)>,
}

impl RunB {
    fn push_text(&mut self, s: &str) {
        match self.pieces.last_mut() {
            Some((t, None)) => t.push_str(s),
            _ => self.pieces.push((s.to_owned(), None)),
        }
    }
}

#[derive(Debug)]
enum Frame {
    /// Transparent: its content belongs to the enclosing frames.
    Pass,
    /// Holds blocks: body, header/footer root, text box content, table cell.
    Blocks(Vec<Block>),
    Cell(Vec<Block>),
    Note {
        id: Option<String>,
        keep: bool,
        blocks: Vec<Block>,
    },
    Para(Box<ParaB>),
    PPr,
    NumPr,
    Run(Box<RunB>),
    RPr,
    Text,
    Table {
        style: Option<String>,
        rows: Vec<Vec<Cell>>,
    },
    TblPr,
    Row(Vec<Cell>),
    Alt {
        chosen: bool,
    },
}

struct Walker<'c> {
    ctx: &'c Ctx,
    part: Part,
    stack: Vec<Frame>,
    out: Vec<Block>,
    notes: Vec<Note>,
    counters: Counters,
    /// Open complex fields: true while in the field code (before `separate`).
    fields: Vec<bool>,
    fields_overflow: usize,
    /// How many of `fields` are in their code part (text there is not shown).
    fields_in_code: usize,
    /// Stack positions of the open paragraphs and tables (O(1) lookups for every run).
    paras: Vec<usize>,
    tables: Vec<usize>,
    /// Fonts from (run style, paragraph style, table style) and the defaults, resolved once.
    style_fonts: HashMap<StyleKey, Fonts>,
}

/// (run style, paragraph style, table style) of a run.
type StyleKey = (Option<String>, Option<String>, Option<String>);

enum Action {
    Push(Frame),
    Skip,
}

fn walk(xml: &str, ctx: &Ctx, part: Part) -> Walked {
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().check_end_names = false;
    reader.config_mut().allow_unmatched_ends = true;
    let mut w = Walker {
        ctx,
        part,
        stack: Vec::new(),
        out: Vec::new(),
        notes: Vec::new(),
        counters: Counters::default(),
        fields: Vec::new(),
        fields_overflow: 0,
        fields_in_code: 0,
        paras: Vec::new(),
        tables: Vec::new(),
        style_fonts: HashMap::new(),
    };
    let mut skip = 0usize;
    let mut too_deep = false;
    let mut error = None;
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok((r, ev)) => (ns_of(&r), ev),
            Err(e) => {
                error = Some(e.to_string());
                break;
            }
        };
        match event {
            Event::Start(e) => {
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                if w.stack.len() >= MAX_NESTING {
                    too_deep = true;
                    skip = 1;
                    continue;
                }
                match w.start(ns, local_name(&e), &e) {
                    Action::Push(f) => w.push(f),
                    Action::Skip => skip = 1,
                }
            }
            Event::Empty(e) => {
                if skip > 0 || w.stack.len() >= MAX_NESTING {
                    continue;
                }
                if let Action::Push(f) = w.start(ns, local_name(&e), &e) {
                    w.end(f);
                }
            }
            Event::End(_) => {
                if skip > 0 {
                    skip -= 1;
                } else if let Some(f) = w.pop() {
                    w.end(f);
                }
            }
            Event::Text(t) if skip == 0 => w.text(&t.xml10_content()),
            Event::CData(t) if skip == 0 => w.text(&t.xml10_content()),
            Event::GeneralRef(r) if skip == 0 => {
                if let Some(c) = resolve_entity(&r) {
                    w.text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A truncated part: close what is open so its content is kept.
    while let Some(f) = w.pop() {
        w.end(f);
    }
    Walked {
        blocks: w.out,
        notes: w.notes,
        error,
        too_deep,
    }
}

impl Walker<'_> {
    fn parent(&self) -> Option<&Frame> {
        self.stack.last()
    }

    fn in_field_code(&self) -> bool {
        self.fields_in_code > 0
    }

    fn push(&mut self, f: Frame) {
        match f {
            Frame::Para(_) => self.paras.push(self.stack.len()),
            Frame::Table { .. } => self.tables.push(self.stack.len()),
            _ => {}
        }
        self.stack.push(f);
    }

    fn pop(&mut self) -> Option<Frame> {
        let f = self.stack.pop()?;
        match f {
            Frame::Para(_) => {
                self.paras.pop();
            }
            Frame::Table { .. } => {
                self.tables.pop();
            }
            _ => {}
        }
        Some(f)
    }

    fn run_mut(&mut self) -> Option<&mut RunB> {
        match self.stack.last_mut() {
            Some(Frame::Run(r)) => Some(r),
            _ => None,
        }
    }

    /// Output from run content (text, tab, break…) unless in a field code.
    fn run_text(&mut self, s: &str) {
        if self.in_field_code() {
            return;
        }
        if let Some(r) = self.run_mut() {
            r.push_text(s);
        }
    }

    fn text(&mut self, s: &str) {
        if !matches!(self.parent(), Some(Frame::Text)) || self.in_field_code() {
            return;
        }
        let n = self.stack.len();
        if let Some(Frame::Run(r)) = self.stack.get_mut(n.wrapping_sub(2)) {
            r.push_text(s);
        }
    }

    fn start(&mut self, ns: Ns, name: &str, e: &BytesStart<'_>) -> Action {
        use Action::{Push, Skip};
        let val = || attr(e, "val");
        match ns {
            Ns::Mc => {
                return match name {
                    "AlternateContent" => Push(Frame::Alt { chosen: false }),
                    "Choice" | "Fallback" => match self.stack.last_mut() {
                        Some(Frame::Alt { chosen }) if !*chosen => {
                            *chosen = true;
                            Push(Frame::Pass)
                        }
                        Some(Frame::Alt { .. }) => Skip,
                        _ => Push(Frame::Pass),
                    },
                    _ => Push(Frame::Pass),
                };
            }
            Ns::M => {
                return match name {
                    "r" => Push(Frame::Run(Box::default())),
                    "t" if matches!(self.parent(), Some(Frame::Run(_))) => Push(Frame::Text),
                    _ => Push(Frame::Pass),
                };
            }
            Ns::Other => return Push(Frame::Pass),
            Ns::W => {}
        }
        // Property containers first: their children are read by position.
        match self.parent() {
            Some(Frame::PPr) => match name {
                "pStyle" => {
                    if let Some(p) = self.para_mut() {
                        p.style = val();
                    }
                    return Push(Frame::Pass);
                }
                "numPr" => return Push(Frame::NumPr),
                _ => return Skip,
            },
            Some(Frame::NumPr) => {
                match name {
                    "numId" => {
                        let v = val();
                        if let Some(p) = self.para_mut() {
                            p.num_id = v;
                        }
                    }
                    "ilvl" => {
                        let v = val().and_then(|v| v.trim().parse().ok());
                        if let Some(p) = self.para_mut() {
                            p.ilvl = v;
                        }
                    }
                    _ => return Skip,
                }
                return Push(Frame::Pass);
            }
            Some(Frame::RPr) => {
                let hidden = match name {
                    "rFonts" => {
                        let f = Fonts::from_attrs(e);
                        if let Some(r) = self.run_below_mut() {
                            r.fonts = f;
                        }
                        false
                    }
                    "rStyle" => {
                        let v = val();
                        if let Some(r) = self.run_below_mut() {
                            r.style = v;
                        }
                        false
                    }
                    "vanish" => val().is_none_or(|v| on(&v)),
                    "caps" => {
                        let v = val().is_none_or(|v| on(&v));
                        if let Some(r) = self.run_below_mut() {
                            r.caps = Some(v);
                        }
                        false
                    }
                    _ => return Skip,
                };
                if hidden {
                    if let Some(r) = self.run_below_mut() {
                        r.hidden = true;
                    }
                }
                return Push(Frame::Pass);
            }
            Some(Frame::TblPr) => {
                if name == "tblStyle" {
                    let v = val();
                    if let Some(Frame::Table { style, .. }) = self.stack.iter_mut().rev().nth(1) {
                        *style = v;
                    }
                    return Push(Frame::Pass);
                }
                return Skip;
            }
            _ => {}
        }
        let in_run = matches!(self.parent(), Some(Frame::Run(_)));
        match name {
            "body" | "hdr" | "ftr" => Push(Frame::Blocks(Vec::new())),
            "txbxContent" => Push(Frame::Blocks(Vec::new())),
            "footnote" | "endnote" => {
                let id = attr(e, "id");
                let special = attr(e, "type").is_some_and(|t| t != "normal")
                    || id
                        .as_deref()
                        .is_some_and(|i| matches!(i.trim(), "-1" | "0"));
                let id = id.map(|i| {
                    if self.part == Part::Endnotes {
                        format!("e{}", i.trim())
                    } else {
                        i.trim().to_owned()
                    }
                });
                Push(Frame::Note {
                    keep: !special && id.is_some(),
                    id,
                    blocks: Vec::new(),
                })
            }
            "p" => Push(Frame::Para(Box::default())),
            "pPr" if matches!(self.parent(), Some(Frame::Para(_))) => Push(Frame::PPr),
            "r" => Push(Frame::Run(Box::default())),
            "rPr" if in_run => Push(Frame::RPr),
            "t" if in_run => Push(Frame::Text),
            "tab" | "ptab" if in_run => {
                self.run_text("\t");
                Push(Frame::Pass)
            }
            "br" | "cr" if in_run => {
                self.run_text("\n");
                Push(Frame::Pass)
            }
            "noBreakHyphen" if in_run => {
                self.run_text("-");
                Push(Frame::Pass)
            }
            "sym" if in_run => {
                let c = attr(e, "char")
                    .and_then(|h| u32::from_str_radix(h.trim(), 16).ok())
                    .and_then(|mut code| {
                        // Word stores symbol-font characters either as F0xx or as the 8-bit code.
                        if code < 0x100 {
                            code += 0xF000;
                        }
                        char::from_u32(code)
                    })
                    .map(|c| symbol_char(c).unwrap_or(c));
                if let Some(c) = c {
                    self.run_text(c.encode_utf8(&mut [0; 4]));
                }
                Push(Frame::Pass)
            }
            "footnoteReference" | "endnoteReference" if in_run => {
                if !self.in_field_code() {
                    if let Some(id) = attr(e, "id") {
                        let id = if name == "endnoteReference" {
                            format!("e{}", id.trim())
                        } else {
                            id.trim().to_owned()
                        };
                        if let Some(r) = self.run_mut() {
                            r.pieces.push((String::new(), Some(id)));
                        }
                    }
                }
                Push(Frame::Pass)
            }
            "fldChar" => {
                match attr(e, "fldCharType").as_deref() {
                    Some("begin") => {
                        if self.fields.len() < MAX_NESTING {
                            self.fields.push(true);
                            self.fields_in_code += 1;
                        } else {
                            self.fields_overflow += 1;
                        }
                    }
                    Some("separate") if self.fields_overflow == 0 => {
                        if let Some(last) = self.fields.last_mut() {
                            if *last {
                                *last = false;
                                self.fields_in_code -= 1;
                            }
                        }
                    }
                    Some("end") => {
                        if self.fields_overflow > 0 {
                            self.fields_overflow -= 1;
                        } else if self.fields.pop() == Some(true) {
                            self.fields_in_code -= 1;
                        }
                    }
                    _ => {}
                }
                Push(Frame::Pass)
            }
            // Removed, hidden or non-text content.
            "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" | "sectPr" | "sdtPr"
            | "sdtEndPr" | "tblGrid" | "trPr" | "tcPr" | "tblPrEx" | "rt" | "fldData"
            | "pPrChange" | "rPrChange" | "rPr" | "pPr" | "customXmlPr" | "smartTagPr"
            | "background" | "commentRangeStart" | "commentRangeEnd" => Skip,
            "tbl" => Push(Frame::Table {
                style: None,
                rows: Vec::new(),
            }),
            "tblPr" if matches!(self.parent(), Some(Frame::Table { .. })) => Push(Frame::TblPr),
            "tr" => Push(Frame::Row(Vec::new())),
            "tc" => Push(Frame::Cell(Vec::new())),
            _ => Push(Frame::Pass),
        }
    }

    fn para_mut(&mut self) -> Option<&mut ParaB> {
        match self.stack.get_mut(*self.paras.last()?) {
            Some(Frame::Para(p)) => Some(&mut **p),
            _ => None,
        }
    }

    /// The run whose `w:rPr` is on top of the stack.
    fn run_below_mut(&mut self) -> Option<&mut RunB> {
        let n = self.stack.len();
        match self.stack.get_mut(n.wrapping_sub(2)) {
            Some(Frame::Run(r)) => Some(r),
            _ => None,
        }
    }

    /// Emits a finished block to the nearest frame that takes blocks: a paragraph (as content
    /// after it, e.g. a text box), a cell, a text box, a note, the body.
    fn emit(&mut self, block: Block) {
        for f in self.stack.iter_mut().rev() {
            match f {
                Frame::Para(p) => {
                    p.after.push(block);
                    return;
                }
                Frame::Blocks(v) | Frame::Cell(v) | Frame::Note { blocks: v, .. } => {
                    v.push(block);
                    return;
                }
                _ => {}
            }
        }
        self.out.push(block);
    }

    fn end(&mut self, frame: Frame) {
        match frame {
            Frame::Para(p) => self.end_paragraph(*p),
            Frame::Run(r) => self.end_run(*r),
            Frame::Blocks(blocks) => {
                for b in blocks {
                    self.emit(b);
                }
            }
            Frame::Cell(blocks) => {
                if !self.ctx.take_block() {
                    return;
                }
                let row = self.stack.iter_mut().rev().find_map(|f| match f {
                    Frame::Row(cells) => Some(Some(cells)),
                    Frame::Table { .. }
                    | Frame::Blocks(_)
                    | Frame::Cell(_)
                    | Frame::Note { .. }
                    | Frame::Para(_) => Some(None),
                    _ => None,
                });
                match row.flatten() {
                    Some(cells) => cells.push(Cell { blocks }),
                    None => blocks.into_iter().for_each(|b| self.emit(b)),
                }
            }
            Frame::Row(cells) if cells.is_empty() => {}
            Frame::Row(cells) => {
                let table = self.stack.iter_mut().rev().find_map(|f| match f {
                    Frame::Table { rows, .. } => Some(Some(rows)),
                    Frame::Row(_)
                    | Frame::Blocks(_)
                    | Frame::Cell(_)
                    | Frame::Note { .. }
                    | Frame::Para(_) => Some(None),
                    _ => None,
                });
                match table.flatten() {
                    Some(rows) => rows.push(cells),
                    None => cells
                        .into_iter()
                        .flat_map(|c| c.blocks)
                        .for_each(|b| self.emit(b)),
                }
            }
            Frame::Table { rows, .. } if rows.is_empty() => {}
            Frame::Table { rows, .. } => self.emit(Block::Table(Table { rows })),
            Frame::Note {
                id,
                keep,
                mut blocks,
            } => {
                if let (true, Some(id)) = (keep, id) {
                    trim_note_start(&mut blocks);
                    self.notes.push(Note { id, blocks });
                }
            }
            _ => {}
        }
    }

    fn table_style(&self) -> Option<&str> {
        match self.stack.get(*self.tables.last()?) {
            Some(Frame::Table { style, .. }) => {
                style
                    .as_deref()
                    .or(self.ctx.styles.default_table.as_deref())
            }
            _ => None,
        }
    }

    fn end_run(&mut self, r: RunB) {
        if r.hidden || r.pieces.is_empty() {
            return;
        }
        let styles = &self.ctx.styles;
        let para_style = match self.paras.last().and_then(|&i| self.stack.get(i)) {
            Some(Frame::Para(p)) => p.style.clone().or_else(|| styles.default_paragraph.clone()),
            _ => return,
        };
        let key_para_style = para_style.clone();
        let key = (
            r.style.clone(),
            para_style,
            self.table_style().map(str::to_owned),
        );
        let inherited = self
            .style_fonts
            .entry(key)
            .or_insert_with_key(|(rs, ps, ts)| {
                let mut fonts = Fonts::default();
                for chain in [rs.as_deref(), ps.as_deref(), ts.as_deref()] {
                    for st in styles.chain(chain) {
                        fonts.fill(&st.fonts);
                    }
                }
                fonts.fill(&styles.defaults);
                fonts
            });
        let mut fonts = r.fonts.clone();
        fonts.fill(inherited);
        // All caps: the run's own setting, else its character style's, else its paragraph style's.
        let caps = r.caps.or_else(|| {
            [r.style.as_deref(), key_para_style.as_deref()]
                .into_iter()
                .find_map(|chain| styles.chain(chain).find_map(|st| st.caps))
        }) == Some(true);
        let theme = &self.ctx.theme;
        let Some(p) = self.para_mut() else { return };
        for (text, note_ref) in r.pieces {
            if text.is_empty() && note_ref.is_none() {
                continue;
            }
            let font = if text.is_empty() {
                None
            } else {
                fonts.pick(!text.is_ascii(), theme)
            };
            if note_ref.is_none() {
                if let Some(last) = p.runs.last_mut() {
                    if last.note_ref.is_none() && last.font == font && last.caps == caps {
                        last.text.push_str(&text);
                        continue;
                    }
                }
            }
            p.runs.push(Run {
                text,
                font,
                note_ref,
                caps,
            });
        }
    }

    fn end_paragraph(&mut self, p: ParaB) {
        if !self.ctx.take_block() {
            return;
        }
        let styles = &self.ctx.styles;
        let effective_style = p.style.clone().or_else(|| styles.default_paragraph.clone());
        let num = match &p.num_id {
            Some(id) => Some((
                id.clone(),
                p.ilvl.or_else(|| {
                    styles
                        .numbering_of(effective_style.as_deref())
                        .and_then(|n| n.1)
                }),
            )),
            None => styles.numbering_of(effective_style.as_deref()),
        };
        let label = num.and_then(|(id, ilvl)| {
            self.ctx.numbering.label(
                &id,
                ilvl.or(p.ilvl).unwrap_or(0),
                styles,
                &mut self.counters,
            )
        });
        let mut runs = p.runs;
        let label = match label {
            // A label in a legacy font ("§iÒu 1." for "Điều 1.") is text for the legacy decoder to
            // re-read: it goes first in the paragraph, in its font, instead of the label.
            Some(l) if !l.bullet && !l.text.is_ascii() => {
                let font = l.font.clone().or_else(|| {
                    let mut fonts = Fonts::default();
                    for st in styles.chain(effective_style.as_deref()) {
                        fonts.fill(&st.fonts);
                    }
                    fonts.fill(&styles.defaults);
                    fonts.pick(true, &self.ctx.theme)
                });
                match font {
                    Some(f) if super::rtf::is_legacy_font(&f) => {
                        runs.insert(
                            0,
                            Run {
                                text: format!("{} ", l.text.trim_end()),
                                font: Some(f),
                                note_ref: None,
                                caps: false,
                            },
                        );
                        None
                    }
                    _ => Some(l.text),
                }
            }
            Some(l) => Some(l.text),
            None => None,
        };
        let style = p.style.as_deref().map(|id| styles.name_of(id));
        self.emit(Block::Paragraph(Paragraph {
            runs,
            label,
            style,
            page: None,
        }));
        for b in p.after {
            self.emit(b);
        }
    }
}

/// A note's text starts after its number mark, usually with a space: drop that space.
fn trim_note_start(blocks: &mut [Block]) {
    if let Some(Block::Paragraph(p)) = blocks.first_mut() {
        while let Some(first) = p.runs.first_mut() {
            if first.note_ref.is_some() {
                break;
            }
            let trimmed = first.text.trim_start();
            if trimmed.is_empty() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::zip::Limits;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn body(inner: &str) -> String {
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{inner}</w:body></w:document>"#)
    }

    fn ctx() -> Ctx {
        Ctx::new(Styles::default(), Numbering::default(), Theme::default())
    }

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.runs.iter().map(|r| r.text.as_str()).collect(),
                Block::Table(_) => "<table>".into(),
            })
            .collect()
    }

    #[test]
    fn đoạn_và_lượt_chữ() {
        let xml = body(
            r#"<w:p><w:r><w:t xml:space="preserve">B&#225;o </w:t></w:r><w:r><w:t>c&#xE1;o</w:t><w:tab/><w:t>A&amp;B</w:t><w:br/><w:noBreakHyphen/><w:softHyphen/><w:sym w:font="Symbol" w:char="F0B7"/></w:r></w:p>"#,
        );
        let w = walk(&xml, &ctx(), Part::Body);
        assert_eq!(texts(&w.blocks), vec!["Báo cáo\tA&B\n-•"]);
        assert!(w.error.is_none());
    }

    #[test]
    fn thực_thể_tự_định_nghĩa_không_được_mở_rộng() {
        let xml = format!(
            r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x "BOOM"><!ENTITY ext SYSTEM "file:///etc/passwd">]><w:document {W}><w:body><w:p><w:r><w:t>a&x;b&ext;c</w:t></w:r></w:p></w:body></w:document>"#
        );
        let w = walk(&xml, &ctx(), Part::Body);
        assert_eq!(texts(&w.blocks), vec!["abc"]);
    }

    #[test]
    fn xóa_trường_và_chèn() {
        let xml = body(
            r#"<w:p><w:r><w:t>A</w:t></w:r><w:del><w:r><w:delText>XÓA</w:delText></w:r></w:del><w:ins><w:r><w:t>B</w:t></w:r></w:ins>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>code</w:t></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
            <w:fldSimple w:instr="DATE"><w:r><w:t>C</w:t></w:r></w:fldSimple><w:hyperlink><w:r><w:t>D</w:t></w:r></w:hyperlink>
            <w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r></w:p>"#,
        );
        let w = walk(&xml, &ctx(), Part::Body);
        assert_eq!(texts(&w.blocks), vec!["AB7CD"]);
    }

    #[test]
    fn bảng_lồng_nhau_và_hộp_văn_bản() {
        let xml = body(
            r#"<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>in</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t> more</w:t></w:r></w:p>"#,
        );
        let w = walk(&xml, &ctx(), Part::Body);
        assert_eq!(texts(&w.blocks), vec!["<table>", "anchor more", "box"]);
        let Block::Table(t) = &w.blocks[0] else {
            panic!()
        };
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].len(), 2);
        assert_eq!(texts(&t.rows[0][0].blocks), vec!["a", "<table>"]);
    }

    #[test]
    fn lồng_sâu_không_tràn_ngăn_xếp() {
        let deep = "<w:tbl><w:tr><w:tc>".repeat(5000)
            + "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
            + &"</w:tc></w:tr></w:tbl>".repeat(5000);
        let w = walk(&body(&deep), &ctx(), Part::Body);
        assert!(w.too_deep);
        let deep = "<w:sdt><w:sdtContent>".repeat(100_000);
        let w = walk(&body(&deep), &ctx(), Part::Body);
        assert!(w.too_deep);
    }

    #[test]
    fn xml_hỏng_giữ_phần_đầu() {
        let xml = body("<w:p><w:r><w:t>đầu</w:t></w:r></w:p><w:p><w:r><w:t>x</w:t></w:r></w:p>");
        let cut = &xml[..xml.len() - 30];
        let w = walk(cut, &ctx(), Part::Body);
        assert_eq!(texts(&w.blocks)[0], "đầu");
        let w = walk("<w:p <<<>>> &&& </>", &ctx(), Part::Body);
        assert!(w.blocks.is_empty());
    }

    #[test]
    fn đánh_số() {
        let numbering = parse_numbering(
            r#"<w:numbering xmlns:w="x"><w:abstractNum w:abstractNumId="0">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
              <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
              <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl>
            </w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="6"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num></w:numbering>"#,
        );
        let styles = Styles::default();
        let mut c = Counters::default();
        let mut l = |id: &str, i: u32| {
            numbering
                .label(id, i, &styles, &mut c)
                .map(|l| l.text)
                .unwrap_or_default()
        };
        assert_eq!(l("5", 0), "I.");
        assert_eq!(l("5", 1), "I.1.");
        assert_eq!(l("5", 1), "I.2.");
        assert_eq!(l("5", 2), "a)");
        assert_eq!(l("5", 2), "b)");
        assert_eq!(l("5", 3), "•");
        assert_eq!(l("5", 0), "II.");
        assert_eq!(l("5", 1), "II.1.", "deeper levels restart");
        assert_eq!(
            l("6", 0),
            "III.",
            "restarted num has its own counter, from 3"
        );
        assert_eq!(l("0", 0), "");
        assert_eq!(l("99", 0), "");
    }

    #[test]
    fn định_dạng_số() {
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(1994, "upperRoman"), "MCMXCIV");
        assert_eq!(format_number(27, "lowerLetter"), "aa");
        assert_eq!(format_number(3, "upperLetter"), "C");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(5000, "upperRoman"), "5000");
    }

    #[test]
    fn phông_theo_kiểu_và_mặc_định() {
        let styles = parse_styles(
            r#"<w:styles xmlns:w="x"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/></w:rPr></w:rPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
            <w:style w:type="character" w:styleId="Arial"><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:style></w:styles>"#,
        );
        assert_eq!(styles.default_paragraph.as_deref(), Some("Normal"));
        assert_eq!(styles.numbering_of(Some("H1")), Some(("5".into(), None)));
        assert_eq!(styles.chain(Some("Loop")).count(), MAX_STYLE_CHAIN);
        let ctx = Ctx::new(styles, Numbering::default(), Theme::default());
        let xml = body(
            r#"<w:p><w:r><w:t>B¸o c¸o</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Arial"/></w:rPr><w:t>x</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr><w:t>T</w:t></w:r></w:p>"#,
        );
        let w = walk(&xml, &ctx, Part::Body);
        let Block::Paragraph(p) = &w.blocks[0] else {
            panic!()
        };
        assert_eq!(p.runs[0].font.as_deref(), Some(".VnTime"));
        assert_eq!(p.runs[1].font.as_deref(), Some("Arial"));
        let Block::Paragraph(p) = &w.blocks[1] else {
            panic!()
        };
        assert_eq!(p.style.as_deref(), Some("heading 1"));
        assert_eq!(p.runs[0].font.as_deref(), Some("Times New Roman"));
    }

    #[test]
    fn chữ_hoa_toàn_bộ_theo_lần_chạy_và_theo_kiểu() {
        // `w:caps` on the run, inherited from the paragraph style, and switched off on a run.
        let styles = parse_styles(
            r#"<w:styles xmlns:w="x"><w:style w:type="paragraph" w:styleId="Title"><w:rPr><w:caps/></w:rPr></w:style></w:styles>"#,
        );
        let ctx = Ctx::new(styles, Numbering::default(), Theme::default());
        let xml = body(
            r#"<w:p><w:r><w:rPr><w:caps/></w:rPr><w:t>Số:</w:t></w:r><w:r><w:t> 12</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>báo cáo</w:t></w:r><w:r><w:rPr><w:caps w:val="0"/></w:rPr><w:t> x</w:t></w:r></w:p>"#,
        );
        let w = walk(&xml, &ctx, Part::Body);
        let caps: Vec<Vec<bool>> = w
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.runs.iter().map(|r| r.caps).collect(),
                _ => vec![],
            })
            .collect();
        assert_eq!(caps, vec![vec![true, false], vec![true, false]]);
        let doc = ContainerDoc { body: w.blocks, ..Default::default() };
        assert_eq!(super::super::flatten::flatten(&doc).text, "SỐ: 12\nBÁO CÁO x\n");
    }

    #[test]
    fn chú_thích() {
        let xml = format!(
            r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="0" w:type="continuationSeparator"><w:p/></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Theo số liệu</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let w = walk(&xml, &ctx(), Part::Footnotes);
        assert_eq!(w.notes.len(), 1);
        assert_eq!(w.notes[0].id, "1");
        assert_eq!(texts(&w.notes[0].blocks), vec!["Theo số liệu"]);
        let w = walk(&xml.replace("footnote", "endnote"), &ctx(), Part::Endnotes);
        assert_eq!(w.notes[0].id, "e1");
    }

    #[test]
    fn đường_dẫn_quan_hệ() {
        assert_eq!(
            resolve_target("word/document.xml", "styles.xml"),
            "word/styles.xml"
        );
        assert_eq!(
            resolve_target("word/document.xml", "/word/x.xml"),
            "word/x.xml"
        );
        assert_eq!(
            resolve_target("word/document.xml", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            rels_path("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
        assert_eq!(unescape("a&amp;b&lt;&#x41;&foo;&"), "a&b<A&foo;&");
    }

    #[test]
    fn bom_zip_qua_docx() {
        let doc = body(&"<w:p><w:r><w:t>x</w:t></w:r></w:p>".repeat(50_000));
        let zip = crate::decode::zip::tests::build(&[("word/document.xml", doc.as_bytes(), true)]);
        assert!(read(&zip).is_ok());
        let e = read_with_limits(
            &zip,
            Limits {
                max_entries: 100,
                max_expanded: 100_000,
            },
        )
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
    }

    #[test]
    fn bom_zip_tệp_mẫu() {
        let bomb = include_bytes!("../../tests/fixtures/containers/bomb.docx");
        assert!(read(bomb).is_ok(), "8 MiB is under the real limit");
        let e = read_with_limits(
            bomb,
            Limits {
                max_entries: 100,
                max_expanded: 1 << 20,
            },
        )
        .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InputTooLarge);
        assert!(e.message().contains("bom zip"), "{}", e.message());
    }

    #[test]
    fn nhãn_phông_cũ_thành_chữ() {
        let numbering = parse_numbering(
            r#"<w:numbering xmlns:w="x"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
            <w:lvlText w:val="§iÒu %1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
            </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
        );
        let styles = parse_styles(
            r#"<w:styles xmlns:w="x"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style></w:styles>"#,
        );
        let ctx = Ctx::new(styles, numbering, Theme::default());
        let p = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="LVL"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>text</w:t></w:r></w:p>"#;
        let xml = body(&(p.replace("LVL", "0") + &p.replace("LVL", "1")));
        let w = walk(&xml, &ctx, Part::Body);
        let Block::Paragraph(first) = &w.blocks[0] else {
            panic!()
        };
        assert_eq!(first.label, None);
        assert_eq!(first.runs[0].text, "§iÒu 1. ");
        assert_eq!(first.runs[0].font.as_deref(), Some(".VnTime"));
        let Block::Paragraph(second) = &w.blocks[1] else {
            panic!()
        };
        assert_eq!(second.label.as_deref(), Some("•"), "bullets stay labels");
    }

    #[test]
    fn quá_nhiều_đoạn_bị_cắt() {
        let ctx = ctx();
        ctx.blocks_left.set(3);
        let xml = body(&"<w:p/>".repeat(10));
        let w = walk(&xml, &ctx, Part::Body);
        assert_eq!(w.blocks.len(), 3);
        assert!(ctx.truncated.get());
    }

    #[test]
    fn zip_không_phải_word() {
        let zip = crate::decode::zip::tests::build(&[("xl/workbook.xml", b"<x/>", false)]);
        assert_eq!(read(&zip).unwrap_err().code(), ErrorCode::UnsupportedFormat);
    }
}
