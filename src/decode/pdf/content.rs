//! Content streams → positioned glyphs: the text operators (BT/ET, Tf Tc Tw Tz TL Ts, Td TD Tm
//! T*, Tj TJ ' "), the graphics state (q/Q/cm) and Form XObjects (`Do`, bounded and cycle-safe).
//! Images are only counted (a page with images and no text is a scan).

use super::file::File;
use super::font::Font;
use super::lexer::{Dict, Lexer, Obj, Tok};
use std::collections::HashMap;
use std::rc::Rc;

/// Deepest chain of Form XObjects followed (`Do` inside forms inside forms…).
pub const MAX_FORM_DEPTH: usize = 12;

/// Deepest `q` stack kept; deeper pushes are ignored (and so are their `Q`s).
pub const MAX_GSTATE_DEPTH: usize = 64;

/// A 2-D affine matrix `[a b c d e f]` (row-vector convention, as in PDF).
pub type Matrix = [f64; 6];

pub const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m1` then `m2`.
pub fn mul(m1: &Matrix, m2: &Matrix) -> Matrix {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

/// One shown glyph, in (upright) page space.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Origin on the baseline.
    pub x: f64,
    pub y: f64,
    /// Advance width (without Tc/Tw).
    pub w: f64,
    /// Font size in page space.
    pub size: f64,
    /// Unicode text (empty when the font has no mapping for the code).
    pub text: String,
    /// Index into [`Ctx::font_names`].
    pub font: usize,
    /// Horizontal, left-to-right, not mirrored.
    pub upright: bool,
}

/// What a page's content produced.
#[derive(Debug, Default)]
pub struct PageText {
    pub glyphs: Vec<Glyph>,
    pub images: usize,
}

/// Shared state across pages: file, font cache, budgets.
pub struct Ctx<'a> {
    pub file: File<'a>,
    fonts: HashMap<u32, Rc<Font>>,
    pub font_names: Vec<Rc<str>>,
    font_index: HashMap<Rc<str>, usize>,
    pub loaded_fonts: Vec<Rc<Font>>,
    /// Operators left to execute in the whole file.
    pub ops_left: usize,
    /// Glyphs left to record in the whole file.
    pub glyphs_left: usize,
    pub unsupported: Vec<String>,
    pub budget_hit: bool,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    font_idx: usize,
    size: f64,
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    rise: f64,
}

impl<'a> Ctx<'a> {
    pub fn new(file: File<'a>, ops: usize, glyphs: usize) -> Self {
        Ctx {
            file,
            fonts: HashMap::new(),
            font_names: Vec::new(),
            font_index: HashMap::new(),
            loaded_fonts: Vec::new(),
            ops_left: ops,
            glyphs_left: glyphs,
            unsupported: Vec::new(),
            budget_hit: false,
        }
    }

    fn font_idx(&mut self, name: &Rc<str>) -> usize {
        if let Some(&i) = self.font_index.get(name) {
            return i;
        }
        self.font_names.push(name.clone());
        self.font_index
            .insert(name.clone(), self.font_names.len() - 1);
        self.font_names.len() - 1
    }

    fn font(&mut self, res: &Dict, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = self.file.dict_get(res, b"Font");
        let fd = fonts.as_dict()?;
        let r = fd.get(name)?.clone();
        if let Obj::Ref(n, _) = r {
            if let Some(f) = self.fonts.get(&n) {
                return Some(f.clone());
            }
            let obj = self.file.get(n);
            let f = Rc::new(Font::load(&mut self.file, obj.as_dict()?));
            self.fonts.insert(n, f.clone());
            self.loaded_fonts.push(f.clone());
            return Some(f);
        }
        let f = Rc::new(Font::load(&mut self.file, r.as_dict()?));
        self.loaded_fonts.push(f.clone());
        Some(f)
    }

    /// Decoded bytes of a content stream (diagnosed when it cannot be decoded).
    fn content_bytes(&mut self, s: &super::lexer::Stream) -> Option<Vec<u8>> {
        match self.file.stream_data(s) {
            Ok(b) => Some(b),
            Err(super::filters::FilterError::Unsupported(n)) => {
                if !self.unsupported.contains(&n) {
                    self.unsupported.push(n);
                }
                None
            }
            Err(super::filters::FilterError::Budget) => {
                self.budget_hit = true;
                None
            }
        }
    }

    /// Runs a page's content streams with the initial matrix `ctm`.
    pub fn run_page(&mut self, contents: &Obj, res: &Dict, ctm: Matrix) -> PageText {
        let mut out = PageText::default();
        let mut data = Vec::new();
        let parts: Vec<Obj> = match self.file.resolve(contents) {
            Obj::Array(a) => a
                .iter()
                .take(10_000)
                .map(|o| self.file.resolve(o))
                .collect(),
            o => vec![o],
        };
        for p in parts {
            if let Obj::Stream(s) = p {
                if let Some(b) = self.content_bytes(&s) {
                    data.extend_from_slice(&b);
                    data.push(b'\n');
                }
            }
        }
        let gs = GState {
            ctm,
            font: None,
            font_idx: 0,
            size: 0.0,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            rise: 0.0,
        };
        let mut forms = Vec::new();
        self.run(&data, res, gs, &mut forms, &mut out);
        out
    }

    fn run(
        &mut self,
        data: &[u8],
        res: &Dict,
        init: GState,
        forms: &mut Vec<u32>,
        out: &mut PageText,
    ) {
        let mut lx = Lexer::new(data, 0);
        let mut gs = init;
        let mut stack: Vec<GState> = Vec::new();
        let mut ignored_pushes = 0usize;
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut ops: Vec<Obj> = Vec::new();
        loop {
            let tok = lx.next();
            let op: &[u8] = match tok {
                Tok::Eof => break,
                Tok::Keyword(k) => k,
                Tok::ArrClose | Tok::DictClose | Tok::Brace => continue,
                t => {
                    if let Ok(o) = lx.object_from(t, 1) {
                        if ops.len() < 64 {
                            ops.push(o);
                        }
                    }
                    continue;
                }
            };
            if self.ops_left == 0 {
                self.budget_hit = true;
                return;
            }
            self.ops_left -= 1;
            let num = |i: usize| ops.get(i).and_then(Obj::as_f64).unwrap_or(0.0);
            match op {
                b"q" => {
                    if stack.len() < super::content::MAX_GSTATE_DEPTH {
                        stack.push(gs.clone());
                    } else {
                        ignored_pushes += 1;
                    }
                }
                b"Q" => {
                    if ignored_pushes > 0 {
                        ignored_pushes -= 1;
                    } else if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" if ops.len() >= 6 => {
                    let m = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" if ops.len() >= 2 => {
                    if let Some(Obj::Name(n)) = ops.first() {
                        gs.font = self.font(res, n);
                        if let Some(f) = &gs.font {
                            let name = f.name.clone();
                            gs.font_idx = self.font_idx(&name);
                        }
                    }
                    gs.size = num(1);
                }
                b"Tc" => gs.tc = num(0),
                b"Tw" => gs.tw = num(0),
                b"Tz" => gs.th = num(0) / 100.0,
                b"TL" => gs.tl = num(0),
                b"Ts" => gs.rise = num(0),
                b"Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"TD" => {
                    gs.tl = -num(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if ops.len() >= 6 => {
                    tlm = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op == b"\"" {
                        gs.tw = num(0);
                        gs.tc = num(1);
                    }
                    if op != b"Tj" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                        tm = tlm;
                    }
                    if let Some(Obj::Str(s)) = ops.last() {
                        self.show(s, &gs, &mut tm, out);
                    }
                }
                b"TJ" => {
                    if let Some(Obj::Array(items)) = ops.first() {
                        for it in items {
                            match it {
                                Obj::Str(s) => self.show(s, &gs, &mut tm, out),
                                o => {
                                    if let Some(v) = o.as_f64() {
                                        let tx = -v / 1000.0 * gs.size * gs.th;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Obj::Name(n)) = ops.first() {
                        let n = n.clone();
                        self.do_xobject(&n, res, &gs, forms, out);
                    }
                }
                b"BI" => skip_inline_image(&mut lx, out),
                _ => {}
            }
            ops.clear();
        }
    }

    fn do_xobject(
        &mut self,
        name: &[u8],
        res: &Dict,
        gs: &GState,
        forms: &mut Vec<u32>,
        out: &mut PageText,
    ) {
        let xobjs = self.file.dict_get(res, b"XObject");
        let Some(r) = xobjs.as_dict().and_then(|d| d.get(name)).cloned() else {
            return;
        };
        let id = match r {
            Obj::Ref(n, _) => Some(n),
            _ => None,
        };
        let Obj::Stream(s) = self.file.resolve(&r) else {
            return;
        };
        let sub = self.file.dict_get(&s.dict, b"Subtype");
        match sub.as_name() {
            Some(b"Image") => out.images += 1,
            Some(b"Form") => {
                if forms.len() >= MAX_FORM_DEPTH || id.is_some_and(|i| forms.contains(&i)) {
                    return;
                }
                let m = match self.file.dict_get(&s.dict, b"Matrix") {
                    Obj::Array(a) if a.len() >= 6 => {
                        let v: Vec<f64> = a.iter().map(|o| o.as_f64().unwrap_or(0.0)).collect();
                        [v[0], v[1], v[2], v[3], v[4], v[5]]
                    }
                    _ => IDENTITY,
                };
                let form_res = match self.file.dict_get(&s.dict, b"Resources") {
                    Obj::Dict(d) => d,
                    _ => res.clone(),
                };
                let Some(data) = self.content_bytes(&s) else {
                    return;
                };
                let mut g = gs.clone();
                g.ctm = mul(&m, &gs.ctm);
                forms.push(id.unwrap_or(u32::MAX));
                self.run(&data, &form_res, g, forms, out);
                forms.pop();
            }
            _ => {}
        }
    }

    fn show(&mut self, s: &[u8], gs: &GState, tm: &mut Matrix, out: &mut PageText) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        let size = gs.size;
        let m = mul(tm, &gs.ctm);
        let upright = m[0] > 0.0
            && m[1].abs() <= 0.2 * m[0].abs()
            && m[3] > 0.0
            && m[2].abs() <= 0.2 * m[3].abs();
        let mut local = *tm;
        font.codes(s, |code, len| {
            let w0 = font.width(code, len);
            let m = mul(&local, &gs.ctm);
            let trm = mul(&[size * gs.th, 0.0, 0.0, size, 0.0, gs.rise], &m);
            let text = font.unicode(code, len).map(clean);
            if text.is_none() {
                font.unmapped.set(font.unmapped.get() + 1);
            }
            let vsize = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt() * font.vscale;
            let adv = w0 * size * gs.th;
            let w = adv * (m[0] * m[0] + m[1] * m[1]).sqrt();
            if self.glyphs_left > 0 {
                self.glyphs_left -= 1;
                if trm[4].is_finite() && trm[5].is_finite() && vsize.is_finite() {
                    out.glyphs.push(Glyph {
                        x: trm[4],
                        y: trm[5],
                        w: if w.is_finite() { w } else { 0.0 },
                        size: vsize,
                        text: text.unwrap_or_default(),
                        font: gs.font_idx,
                        upright,
                    });
                }
            } else {
                self.budget_hit = true;
            }
            let tw = if font.is_word_space(code, len) {
                gs.tw
            } else {
                0.0
            };
            let tx = (w0 * size + gs.tc + tw) * gs.th;
            local = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &local);
        });
        *tm = local;
    }
}

/// Glyph text as it may enter a line: C0 controls and BOM/zero-width no-break spaces dropped,
/// tabs and line breaks read as spaces. C1 controls stay (the cp1252 reading of undefined bytes,
/// which the legacy decoder needs).
fn clean(s: String) -> String {
    if !s.chars().any(|c| c < ' ' || c == '\u{FEFF}') {
        return s;
    }
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c < ' ' || c == '\u{FEFF}' => None,
            c => Some(c),
        })
        .collect()
}

/// Skips `BI … ID <data> EI`.
fn skip_inline_image(lx: &mut Lexer<'_>, out: &mut PageText) {
    out.images += 1;
    loop {
        match lx.next() {
            Tok::Keyword(b"ID") => break,
            Tok::Eof => return,
            _ => {}
        }
    }
    let d = lx.data;
    let mut i = lx.pos + 1;
    while i + 2 <= d.len() {
        if &d[i..i + 2] == b"EI"
            && super::lexer::is_white(d[i - 1])
            && (i + 2 == d.len()
                || super::lexer::is_white(d[i + 2])
                || super::lexer::is_delim(d[i + 2]))
        {
            lx.pos = i + 2;
            return;
        }
        i += 1;
    }
    lx.pos = d.len();
}
