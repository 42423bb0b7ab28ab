//! Fonts → Unicode and glyph widths: simple fonts (Type1, TrueType, Type3) with their encodings
//! and `/Differences`, Type0 (CID) fonts with Identity-H/V or embedded CMaps, `/ToUnicode` CMaps
//! (bfchar, bfrange in both forms, multi-byte codespaces).
//!
//! Legacy Vietnamese fonts (`.VnTime`, `VnTimeH`, `VNI-Times`…) keep their stored 8-bit codes as
//! cp1252 letters ("B¸o c¸o"): the legacy decoder re-reads them by font name. Where such a font
//! only reaches the text through a ToUnicode map that Distiller derived from glyph names, the two
//! glyphs whose names are not cp1252 characters are mapped back to their cp1252 code
//! (U+2212 MINUS → U+00AD, the TCVN3 `ư`; U+2219 BULLET OPERATOR → U+00B7, the TCVN3 `ã`).

use super::file::File;
use super::glyphs;
use super::lexer::{Dict, Lexer, Obj, Tok};
use crate::limits::MAX_CONTAINER_ENTRIES;
use std::collections::HashMap;
use std::rc::Rc;

/// A CMap: codespace ranges plus code → Unicode (ToUnicode) or code → CID (encodings).
#[derive(Debug, Default, Clone)]
pub struct CMap {
    codespace: Vec<(Vec<u8>, Vec<u8>)>,
    chars: HashMap<(u8, u32), String>,
    ranges: Vec<(u8, u32, u32, RangeDst)>,
    cid_chars: HashMap<(u8, u32), u32>,
    cid_ranges: Vec<(u8, u32, u32, u32)>,
}

#[derive(Debug, Clone)]
enum RangeDst {
    Base(Vec<u16>),
    List(Vec<String>),
}

fn code_value(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &x| (a << 8) | x as u32)
}

fn utf16be(b: &[u8]) -> String {
    if b.len() == 1 {
        return (b[0] as char).to_string();
    }
    let units = b.chunks(2).map(|c| {
        if c.len() == 2 {
            u16::from_be_bytes([c[0], c[1]])
        } else {
            c[0] as u16
        }
    });
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

impl CMap {
    /// Parses a CMap program (ToUnicode or encoding).
    pub fn parse(data: &[u8]) -> CMap {
        let mut cm = CMap::default();
        let mut lx = Lexer::new(data, 0);
        let mut entries = 0usize;
        loop {
            let tok = lx.next();
            let kw: &[u8] = match tok {
                Tok::Eof => break,
                Tok::Keyword(k) => k,
                _ => continue,
            };
            let end: &[u8] = match kw {
                b"begincodespacerange" => b"endcodespacerange",
                b"beginbfchar" => b"endbfchar",
                b"beginbfrange" => b"endbfrange",
                b"begincidchar" => b"endcidchar",
                b"begincidrange" => b"endcidrange",
                _ => continue,
            };
            let mut items: Vec<Obj> = Vec::new();
            loop {
                let t = lx.next();
                match t {
                    Tok::Eof => break,
                    Tok::Keyword(k) if k == end => break,
                    _ => {}
                }
                if let Ok(o) = lx.object_from(t, 0) {
                    items.push(o);
                }
                if items.len() > MAX_CONTAINER_ENTRIES {
                    break;
                }
            }
            entries += items.len();
            if entries > 4 * MAX_CONTAINER_ENTRIES {
                break;
            }
            let s = |o: &Obj| match o {
                Obj::Str(s) => Some(s.clone()),
                _ => None,
            };
            match kw {
                b"begincodespacerange" => {
                    for p in items.chunks_exact(2) {
                        if let (Some(lo), Some(hi)) = (s(&p[0]), s(&p[1])) {
                            if !lo.is_empty() && lo.len() == hi.len() && lo.len() <= 4 {
                                cm.codespace.push((lo, hi));
                            }
                        }
                    }
                }
                b"beginbfchar" => {
                    for p in items.chunks_exact(2) {
                        let Some(src) = s(&p[0]).filter(|v| !v.is_empty() && v.len() <= 4) else {
                            continue;
                        };
                        let dst = match &p[1] {
                            Obj::Str(d) => utf16be(d),
                            Obj::Name(n) => glyphs::name_to_unicode(n).unwrap_or_default(),
                            _ => continue,
                        };
                        cm.chars.insert((src.len() as u8, code_value(&src)), dst);
                    }
                }
                b"beginbfrange" => {
                    for p in items.chunks_exact(3) {
                        let (Some(lo), Some(hi)) = (s(&p[0]), s(&p[1])) else {
                            continue;
                        };
                        if lo.is_empty() || lo.len() > 4 || hi.len() != lo.len() {
                            continue;
                        }
                        let (l, h) = (code_value(&lo), code_value(&hi));
                        if h < l {
                            continue;
                        }
                        let dst = match &p[2] {
                            Obj::Str(d) => {
                                let units: Vec<u16> = if d.len() == 1 {
                                    vec![d[0] as u16]
                                } else {
                                    d.chunks(2)
                                        .map(|c| {
                                            if c.len() == 2 {
                                                u16::from_be_bytes([c[0], c[1]])
                                            } else {
                                                c[0] as u16
                                            }
                                        })
                                        .collect()
                                };
                                RangeDst::Base(units)
                            }
                            Obj::Array(a) => RangeDst::List(
                                a.iter()
                                    .map(|o| match o {
                                        Obj::Str(d) => utf16be(d),
                                        Obj::Name(n) => {
                                            glyphs::name_to_unicode(n).unwrap_or_default()
                                        }
                                        _ => String::new(),
                                    })
                                    .collect(),
                            ),
                            _ => continue,
                        };
                        cm.ranges.push((lo.len() as u8, l, h, dst));
                    }
                }
                b"begincidchar" => {
                    for p in items.chunks_exact(2) {
                        if let (Some(src), Some(cid)) = (s(&p[0]), p[1].as_i64()) {
                            if !src.is_empty() && src.len() <= 4 && cid >= 0 {
                                cm.cid_chars
                                    .insert((src.len() as u8, code_value(&src)), cid as u32);
                            }
                        }
                    }
                }
                _ => {
                    for p in items.chunks_exact(3) {
                        if let (Some(lo), Some(hi), Some(cid)) = (s(&p[0]), s(&p[1]), p[2].as_i64())
                        {
                            if !lo.is_empty() && lo.len() <= 4 && lo.len() == hi.len() && cid >= 0 {
                                cm.cid_ranges.push((
                                    lo.len() as u8,
                                    code_value(&lo),
                                    code_value(&hi),
                                    cid as u32,
                                ));
                            }
                        }
                    }
                }
            }
        }
        cm
    }

    /// Length of the code starting at `bytes[0]` per the codespace ranges (`None`: no ranges).
    fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        if self.codespace.is_empty() {
            return None;
        }
        for n in 1..=4 {
            if bytes.len() < n {
                break;
            }
            let hit = self.codespace.iter().any(|(lo, hi)| {
                lo.len() == n && (0..n).all(|i| lo[i] <= bytes[i] && bytes[i] <= hi[i])
            });
            if hit {
                return Some(n);
            }
        }
        Some(
            self.codespace
                .iter()
                .map(|(lo, _)| lo.len())
                .min()
                .unwrap_or(1)
                .min(bytes.len())
                .max(1),
        )
    }

    fn unicode(&self, len: u8, code: u32) -> Option<String> {
        if let Some(s) = self.chars.get(&(len, code)) {
            return Some(s.clone());
        }
        for (l, lo, hi, dst) in &self.ranges {
            if *l == len && *lo <= code && code <= *hi {
                let off = code - lo;
                return match dst {
                    RangeDst::Base(units) => {
                        let mut u = units.clone();
                        if let Some(last) = u.last_mut() {
                            *last = last.wrapping_add(off as u16);
                        }
                        Some(
                            char::decode_utf16(u)
                                .map(|r| r.unwrap_or('\u{FFFD}'))
                                .collect(),
                        )
                    }
                    RangeDst::List(v) => v.get(off as usize).cloned(),
                };
            }
        }
        None
    }

    /// Unicode of a code, trying other code lengths when producers disagree with themselves.
    fn lookup(&self, len: u8, code: u32) -> Option<String> {
        self.unicode(len, code).or_else(|| {
            (1..=4u8)
                .filter(|&l| l != len)
                .find_map(|l| self.unicode(l, code))
        })
    }

    fn cid(&self, len: u8, code: u32) -> Option<u32> {
        if let Some(&c) = self.cid_chars.get(&(len, code)) {
            return Some(c);
        }
        self.cid_ranges
            .iter()
            .find(|(l, lo, hi, _)| *l == len && *lo <= code && code <= *hi)
            .map(|(_, lo, _, c)| c + (code - lo))
    }

    fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }
}

/// How codes turn into CIDs for a Type0 font.
#[derive(Debug)]
enum CidEncoding {
    /// Identity-H/V: 2-byte codes, CID = code.
    Identity,
    /// A predefined Unicode CMap (UniXXX-UCS2-H…): 2-byte codes that are UCS-2.
    Ucs2,
    /// An embedded CMap.
    Embedded(CMap),
}

/// A loaded font.
#[derive(Debug)]
pub struct Font {
    /// `/BaseFont` without its subset prefix.
    pub name: Rc<str>,
    /// A legacy Vietnamese 8-bit font (TCVN3/VNI/VPS by name).
    pub legacy: bool,
    composite: Option<CidEncoding>,
    to_unicode: Option<CMap>,
    /// Simple fonts: Unicode per code from the encoding.
    simple: Vec<Option<String>>,
    /// Simple fonts: widths per code (glyph units, /1000 unless Type3).
    widths: Vec<f64>,
    cid_widths: HashMap<u32, f64>,
    /// CID fonts without ToUnicode: Unicode per glyph id from the embedded TrueType `cmap`, and
    /// the CID → glyph id map (`None`: identity).
    glyph_unicode: Option<HashMap<u16, char>>,
    cid_to_gid: Option<Vec<u16>>,
    default_width: f64,
    /// Glyph units → text space (0.001, or FontMatrix[0] for Type3).
    pub scale: f64,
    /// Vertical glyph size factor (1, or FontMatrix[3]·1000 for Type3).
    pub vscale: f64,
    /// True when some code had no Unicode mapping.
    pub unmapped: std::cell::Cell<usize>,
}

/// Strips a subset prefix "ABCDEF+".
pub fn strip_subset(name: &str) -> &str {
    let b = name.as_bytes();
    if b.len() > 7 && b[6] == b'+' && b[..6].iter().all(u8::is_ascii_uppercase) {
        &name[7..]
    } else {
        name
    }
}

/// Legacy Vietnamese fonts by name: `.VnTime`, `VnArialH`, `VNI-Times`, `VPS Times`… (the same
/// rule as the legacy decoder's: an undotted "Vn" name needs a capital or digit after "Vn").
pub fn is_legacy_name(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    if l.starts_with("vni-") || l.starts_with("vni ") || l.starts_with("vni_") || l == "vni" {
        return true;
    }
    if l.starts_with("vps") && !name.as_bytes().get(3).is_some_and(u8::is_ascii_lowercase) {
        return true;
    }
    if l.contains("tcvn3") || l.contains("abc-tcvn") || l.contains("viscii") {
        return true;
    }
    let dotted = name.starts_with('.');
    let rest = name.strip_prefix('.').unwrap_or(name).as_bytes();
    rest.len() >= 3
        && rest[0].eq_ignore_ascii_case(&b'v')
        && rest[1].eq_ignore_ascii_case(&b'n')
        && (dotted
            || (rest[1] == b'n' && (rest[2].is_ascii_uppercase() || rest[2].is_ascii_digit())))
}

/// Maps a ToUnicode result of a legacy font back to the cp1252 letter of its stored code.
fn legacy_fix(s: String) -> String {
    if s.chars().any(|c| matches!(c, '\u{2212}' | '\u{2219}')) {
        s.chars()
            .map(|c| match c {
                '\u{2212}' => '\u{AD}',
                '\u{2219}' => '\u{B7}',
                c => c,
            })
            .collect()
    } else {
        s
    }
}

/// Helvetica and Times-Roman widths for ASCII 32..=126 (for standard fonts without /Widths).
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

impl Font {
    /// Loads a font dictionary.
    pub fn load(file: &mut File<'_>, d: &Dict) -> Font {
        let subtype = file
            .dict_get(d, b"Subtype")
            .as_name()
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
        let base = file.dict_get(d, b"BaseFont");
        let raw_name = match base.as_name() {
            Some(n) => String::from_utf8_lossy(n).into_owned(),
            None => match file.dict_get(d, b"Name").as_name() {
                Some(n) => String::from_utf8_lossy(n).into_owned(),
                None => String::from_utf8_lossy(&subtype).into_owned(),
            },
        };
        let name = strip_subset(&raw_name).to_owned();
        let legacy = is_legacy_name(&name);
        let to_unicode = match file.dict_get(d, b"ToUnicode") {
            Obj::Stream(s) => file
                .stream_data(&s)
                .ok()
                .map(|b| CMap::parse(&b))
                .filter(|c| !c.is_empty()),
            _ => None,
        };
        let mut font = Font {
            name: Rc::from(name.as_str()),
            legacy,
            composite: None,
            to_unicode,
            simple: Vec::new(),
            widths: Vec::new(),
            cid_widths: HashMap::new(),
            glyph_unicode: None,
            cid_to_gid: None,
            default_width: 1000.0,
            scale: 0.001,
            vscale: 1.0,
            unmapped: std::cell::Cell::new(0),
        };
        if subtype == b"Type0" {
            font.load_type0(file, d);
        } else {
            font.load_simple(file, d, &subtype, &name);
        }
        font
    }

    fn load_type0(&mut self, file: &mut File<'_>, d: &Dict) {
        let enc = file.dict_get(d, b"Encoding");
        self.composite = Some(match &enc {
            Obj::Name(n)
                if n.starts_with(b"Uni") && n.windows(4).any(|w| w == b"UCS2" || w == b"UTF1") =>
            {
                CidEncoding::Ucs2
            }
            Obj::Stream(s) => match file.stream_data(s) {
                Ok(b) => CidEncoding::Embedded(CMap::parse(&b)),
                Err(_) => CidEncoding::Identity,
            },
            _ => CidEncoding::Identity,
        });
        let desc = file.dict_get(d, b"DescendantFonts");
        let cid_font = match &desc {
            Obj::Array(a) => a.first().map(|o| file.resolve(o)),
            Obj::Dict(_) => Some(desc.clone()),
            _ => None,
        };
        let Some(cf) = cid_font.as_ref().and_then(Obj::as_dict).cloned() else {
            return;
        };
        self.default_width = file.dict_get(&cf, b"DW").as_f64().unwrap_or(1000.0);
        if self.to_unicode.is_none() {
            self.load_glyph_unicode(file, &cf);
        }
        if let Obj::Array(w) = file.dict_get(&cf, b"W") {
            let mut i = 0;
            while i < w.len() && self.cid_widths.len() < MAX_CONTAINER_ENTRIES {
                let first = file.resolve(&w[i]).as_i64().unwrap_or(-1);
                let next = w.get(i + 1).map(|o| file.resolve(o));
                match next {
                    Some(Obj::Array(list)) => {
                        for (k, o) in list.iter().enumerate() {
                            if let (Some(v), true) = (file.resolve(o).as_f64(), first >= 0) {
                                self.cid_widths
                                    .insert((first as u32).wrapping_add(k as u32), v);
                            }
                        }
                        i += 2;
                    }
                    Some(last) => {
                        let last = last.as_i64().unwrap_or(-1);
                        let v = w
                            .get(i + 2)
                            .map(|o| file.resolve(o))
                            .and_then(|o| o.as_f64())
                            .unwrap_or(self.default_width);
                        if first >= 0 && last >= first && last - first < 65536 {
                            for c in first..=last {
                                self.cid_widths.insert(c as u32, v);
                            }
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
        }
    }

    /// The fallback for CID fonts without ToUnicode: the embedded TrueType font's cmap.
    fn load_glyph_unicode(&mut self, file: &mut File<'_>, cf: &Dict) {
        let fd = file.dict_get(cf, b"FontDescriptor");
        let Some(fd) = fd.as_dict() else { return };
        let Obj::Stream(ff) = file.dict_get(fd, b"FontFile2") else {
            return;
        };
        let Ok(font) = file.stream_data(&ff) else {
            return;
        };
        self.glyph_unicode = super::truetype::glyph_unicode(&font).filter(|m| !m.is_empty());
        if let Obj::Stream(map) = file.dict_get(cf, b"CIDToGIDMap") {
            if let Ok(b) = file.stream_data(&map) {
                self.cid_to_gid = Some(
                    b.chunks_exact(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect(),
                );
            }
        }
    }

    fn load_simple(&mut self, file: &mut File<'_>, d: &Dict, subtype: &[u8], name: &str) {
        let desc = file.dict_get(d, b"FontDescriptor");
        let flags = desc
            .as_dict()
            .map(|fd| file.dict_get(fd, b"Flags").as_i64().unwrap_or(0))
            .unwrap_or(0);
        let missing = desc
            .as_dict()
            .map(|fd| file.dict_get(fd, b"MissingWidth").as_f64().unwrap_or(0.0))
            .unwrap_or(0.0);
        if subtype == b"Type3" {
            if let Obj::Array(m) = file.dict_get(d, b"FontMatrix") {
                let a = m.first().and_then(Obj::as_f64).unwrap_or(0.001);
                let dd = m.get(3).and_then(Obj::as_f64).unwrap_or(0.001);
                if a.is_finite() && a != 0.0 {
                    self.scale = a.abs();
                }
                if dd.is_finite() && dd != 0.0 {
                    self.vscale = dd.abs() * 1000.0;
                }
            }
        }
        // Encoding.
        let enc = file.dict_get(d, b"Encoding");
        let (base_name, diffs) = match &enc {
            Obj::Name(n) => (Some(n.clone()), None),
            Obj::Dict(ed) => (
                ed.get(b"BaseEncoding")
                    .and_then(Obj::as_name)
                    .map(<[u8]>::to_vec),
                Some(file.dict_get(ed, b"Differences")),
            ),
            _ => (None, None),
        };
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        let std14 = matches!(
            name.split([',', '-']).next().unwrap_or(""),
            "Helvetica"
                | "Times"
                | "Courier"
                | "Arial"
                | "TimesNewRoman"
                | "Symbol"
                | "ZapfDingbats"
        );
        let base: fn(u8) -> Option<char> = match base_name.as_deref() {
            Some(b"WinAnsiEncoding") => |b| Some(glyphs::cp1252(b)),
            Some(b"MacRomanEncoding") => |b| Some(glyphs::mac_roman(b)),
            Some(b"StandardEncoding") => glyphs::standard,
            _ if subtype == b"Type1" && std14 && !symbolic => glyphs::standard,
            _ => |b| Some(glyphs::cp1252(b)),
        };
        self.simple = (0..=255u8).map(|b| base(b).map(String::from)).collect();
        if let Some(Obj::Array(diffs)) = diffs {
            let mut code: i64 = 0;
            for o in diffs.iter().take(4096) {
                match o {
                    Obj::Int(n) => code = *n,
                    Obj::Real(r) => code = *r as i64,
                    Obj::Name(n) => {
                        if (0..256).contains(&code) {
                            if let Some(u) = glyphs::name_to_unicode(n) {
                                self.simple[code as usize] = Some(u);
                            }
                        }
                        code = code.saturating_add(1);
                    }
                    _ => {}
                }
            }
        }
        // Widths.
        let first = file.dict_get(d, b"FirstChar").as_i64().unwrap_or(0);
        let mut widths = vec![missing; 256];
        match file.dict_get(d, b"Widths") {
            Obj::Array(w) => {
                for (i, o) in w.iter().enumerate().take(256) {
                    let code = first + i as i64;
                    if (0..256).contains(&code) {
                        if let Some(v) = file.resolve(o).as_f64() {
                            widths[code as usize] = v;
                        }
                    }
                }
            }
            _ => {
                let lname = name.to_ascii_lowercase();
                let table: Option<&[u16; 95]> = if lname.contains("courier") {
                    None
                } else if lname.contains("times") {
                    Some(&TIMES)
                } else {
                    Some(&HELVETICA)
                };
                for (c, w) in widths.iter_mut().enumerate() {
                    *w = match table {
                        None => 600.0,
                        Some(t) if (32..=126).contains(&c) => t[c - 32] as f64,
                        Some(_) => 556.0,
                    };
                }
            }
        }
        self.widths = widths;
    }

    /// Calls `f(code, len)` for each code in a shown string.
    pub fn codes(&self, bytes: &[u8], mut f: impl FnMut(u32, usize)) {
        let mut i = 0;
        while i < bytes.len() {
            let n = match &self.composite {
                None => 1,
                Some(CidEncoding::Embedded(cm)) => cm.code_len(&bytes[i..]).unwrap_or(2),
                Some(_) => 2,
            }
            .min(bytes.len() - i)
            .max(1);
            f(code_value(&bytes[i..i + n]), n);
            i += n;
        }
    }

    /// Unicode text of a code (`None`: unknown).
    pub fn unicode(&self, code: u32, len: usize) -> Option<String> {
        if let Some(tu) = &self.to_unicode {
            if let Some(s) = tu.lookup(len as u8, code) {
                return Some(if self.legacy { legacy_fix(s) } else { s });
            }
        }
        match &self.composite {
            None => {
                if self.legacy {
                    return Some(glyphs::cp1252(code as u8).to_string());
                }
                self.simple.get(code as usize).cloned().flatten()
            }
            Some(CidEncoding::Ucs2) => char::from_u32(code).map(String::from),
            Some(enc) => {
                let map = self.glyph_unicode.as_ref()?;
                let cid = match enc {
                    CidEncoding::Embedded(cm) => cm.cid(len as u8, code).unwrap_or(code),
                    _ => code,
                };
                let gid = match &self.cid_to_gid {
                    Some(t) => *t.get(cid as usize)?,
                    None => u16::try_from(cid).ok()?,
                };
                map.get(&gid).map(|c| c.to_string())
            }
        }
    }

    /// Advance of a code in text space units per unit of font size.
    pub fn width(&self, code: u32, len: usize) -> f64 {
        let w = match &self.composite {
            None => self.widths.get(code as usize).copied().unwrap_or(0.0),
            Some(enc) => {
                let cid = match enc {
                    CidEncoding::Embedded(cm) => cm.cid(len as u8, code).unwrap_or(code),
                    _ => code,
                };
                self.cid_widths
                    .get(&cid)
                    .copied()
                    .unwrap_or(self.default_width)
            }
        };
        w * self.scale
    }

    /// Single-byte code 32: word spacing (Tw) applies.
    pub fn is_word_space(&self, code: u32, len: usize) -> bool {
        code == 32 && len == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tounicode_cmap() {
        let cm = CMap::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0011> <1EA1> endbfchar\n\
              2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<0111> <01B00301>] endbfrange",
        );
        assert_eq!(cm.lookup(2, 0x11).as_deref(), Some("ạ"));
        assert_eq!(cm.lookup(2, 0x21).as_deref(), Some("B"));
        assert_eq!(cm.lookup(2, 0x31).as_deref(), Some("ư\u{301}"));
        assert_eq!(cm.lookup(2, 0x99), None);
        assert_eq!(cm.code_len(&[0, 3]), Some(2));
    }

    #[test]
    fn names() {
        assert_eq!(strip_subset("BADEPR+.VnTimeH,Bold"), ".VnTimeH,Bold");
        assert_eq!(strip_subset("TimesNewRomanPSMT"), "TimesNewRomanPSMT");
        for n in [
            ".VnTime",
            "VnTimeHBold",
            ".VnArialH",
            "VNI-Times",
            "VPS Times",
        ] {
            assert!(is_legacy_name(n), "{n}");
        }
        for n in [
            "TimesNewRomanPSMT",
            "Verdana",
            "Arial",
            "LiberationSerif",
            "Vnexpress",
        ] {
            assert!(!is_legacy_name(n), "{n}");
        }
    }
}
