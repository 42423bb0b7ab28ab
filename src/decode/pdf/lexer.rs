//! PDF tokens and objects: numbers, strings (literal and hex), names, arrays, dictionaries,
//! references, and the keywords of content streams and CMaps.
//!
//! The same lexer reads file objects, content streams and CMaps. Nothing here recurses on input
//! deeper than [`MAX_NESTING`]; past it a container is read as `null`.

use crate::limits::MAX_NESTING;
use std::rc::Rc;

/// A PDF object.
#[derive(Debug, Clone, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Str(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Stream(Rc<Stream>),
    Ref(u32, u16),
}

/// A dictionary, in file order (small: linear lookup).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dict(pub Vec<(Vec<u8>, Obj)>);

/// A stream: its dictionary and where its raw bytes lie in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    pub dict: Dict,
    pub start: usize,
    pub end: usize,
    /// Object number and generation it was read from (for decryption keys).
    pub id: Option<(u32, u16)>,
}

impl Dict {
    /// Value of `key`, if present.
    pub fn get(&self, key: &[u8]) -> Option<&Obj> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// True when `/Type` (or the given key) is the name `value`.
    pub fn is_name(&self, key: &[u8], value: &[u8]) -> bool {
        matches!(self.get(key), Some(Obj::Name(n)) if n == value)
    }
}

impl Obj {
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Obj::Int(i) => Some(i as f64),
            Obj::Real(r) if r.is_finite() => Some(r),
            _ => None,
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Obj::Int(i) => Some(i),
            Obj::Real(r) if r.is_finite() && r.abs() < 9e15 => Some(r as i64),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) => Some(d),
            Obj::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
}

/// A token.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok<'a> {
    Int(i64),
    Real(f64),
    Str(Vec<u8>),
    Name(Vec<u8>),
    ArrOpen,
    ArrClose,
    DictOpen,
    DictClose,
    /// `{` or `}` (PostScript procedures in CMaps/functions): ignored by the parser.
    Brace,
    Keyword(&'a [u8]),
    Eof,
}

pub fn is_white(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

pub fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Lexer over a byte slice.
pub struct Lexer<'a> {
    pub data: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8], pos: usize) -> Self {
        Lexer {
            data,
            pos: pos.min(data.len()),
        }
    }

    pub fn skip_ws(&mut self) {
        while self.pos < self.data.len() {
            let b = self.data[self.pos];
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.pos < self.data.len() && !matches!(self.data[self.pos], b'\n' | b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token.
    pub fn next(&mut self) -> Tok<'a> {
        self.skip_ws();
        let d = self.data;
        let Some(&b) = d.get(self.pos) else {
            return Tok::Eof;
        };
        match b {
            b'[' => {
                self.pos += 1;
                Tok::ArrOpen
            }
            b']' => {
                self.pos += 1;
                Tok::ArrClose
            }
            b'{' | b'}' => {
                self.pos += 1;
                Tok::Brace
            }
            b'<' => {
                if d.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    Tok::DictOpen
                } else {
                    self.pos += 1;
                    Tok::Str(self.hex_string())
                }
            }
            b'>' => {
                if d.get(self.pos + 1) == Some(&b'>') {
                    self.pos += 2;
                    Tok::DictClose
                } else {
                    // Stray '>': skip it.
                    self.pos += 1;
                    Tok::Keyword(&d[self.pos - 1..self.pos])
                }
            }
            b'(' => {
                self.pos += 1;
                Tok::Str(self.literal_string())
            }
            b')' => {
                self.pos += 1;
                Tok::Keyword(&d[self.pos - 1..self.pos])
            }
            b'/' => {
                self.pos += 1;
                Tok::Name(self.name())
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number(),
            _ => {
                let start = self.pos;
                while self.pos < d.len() && !is_white(d[self.pos]) && !is_delim(d[self.pos]) {
                    self.pos += 1;
                }
                if self.pos == start {
                    self.pos += 1;
                }
                Tok::Keyword(&d[start..self.pos])
            }
        }
    }

    fn number(&mut self) -> Tok<'a> {
        let d = self.data;
        let start = self.pos;
        let mut neg = false;
        while self.pos < d.len() && matches!(d[self.pos], b'+' | b'-') {
            neg = d[self.pos] == b'-';
            self.pos += 1;
        }
        let mut int: i64 = 0;
        let mut overflow = false;
        let mut digits = 0;
        while self.pos < d.len() && d[self.pos].is_ascii_digit() {
            match int
                .checked_mul(10)
                .and_then(|v| v.checked_add((d[self.pos] - b'0') as i64))
            {
                Some(v) => int = v,
                None => overflow = true,
            }
            digits += 1;
            self.pos += 1;
        }
        let mut frac_digits = 0;
        let mut real = false;
        if self.pos < d.len() && d[self.pos] == b'.' {
            real = true;
            self.pos += 1;
            while self.pos < d.len() && d[self.pos].is_ascii_digit() {
                frac_digits += 1;
                self.pos += 1;
            }
        }
        if digits == 0 && frac_digits == 0 {
            // "-" or "." alone: a keyword-ish token; skip the rest of the regular run.
            while self.pos < d.len() && !is_white(d[self.pos]) && !is_delim(d[self.pos]) {
                self.pos += 1;
            }
            return Tok::Real(0.0);
        }
        // Junk glued to a number ("12abc"): skip it.
        while self.pos < d.len() && !is_white(d[self.pos]) && !is_delim(d[self.pos]) {
            self.pos += 1;
        }
        if real || overflow {
            let s: String = d[start..self.pos]
                .iter()
                .skip_while(|c| matches!(c, b'+' | b'-'))
                .take_while(|c| c.is_ascii_digit() || **c == b'.')
                .map(|&c| c as char)
                .collect();
            let v: f64 = s.parse().unwrap_or(0.0);
            Tok::Real(if neg { -v } else { v })
        } else {
            Tok::Int(if neg { -int } else { int })
        }
    }

    fn hex_string(&mut self) -> Vec<u8> {
        let d = self.data;
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while self.pos < d.len() {
            let b = d[self.pos];
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(v) = hex(b) {
                match hi.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => hi = Some(v),
                }
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }

    fn literal_string(&mut self) -> Vec<u8> {
        let d = self.data;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while self.pos < d.len() {
            let b = d[self.pos];
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = d.get(self.pos) else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match d.get(self.pos) {
                                    Some(&c @ b'0'..=b'7') => {
                                        v = v * 8 + (c - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        b'\r' => {
                            if d.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                b'\r' => {
                    // An unescaped end of line is read as LF.
                    if d.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn name(&mut self) -> Vec<u8> {
        let d = self.data;
        let mut out = Vec::new();
        while self.pos < d.len() && !is_white(d[self.pos]) && !is_delim(d[self.pos]) {
            let b = d[self.pos];
            if b == b'#' {
                if let (Some(h), Some(l)) = (
                    d.get(self.pos + 1).and_then(|&c| hex(c)),
                    d.get(self.pos + 2).and_then(|&c| hex(c)),
                ) {
                    out.push(h << 4 | l);
                    self.pos += 3;
                    continue;
                }
            }
            out.push(b);
            self.pos += 1;
        }
        out
    }

    /// Parses one object starting at the next token. `Keyword` tokens that are not
    /// `true`/`false`/`null` come back as `Err(keyword)`.
    pub fn object(&mut self) -> Result<Obj, Tok<'a>> {
        let tok = self.next();
        self.object_from(tok, 0)
    }

    /// Parses an object whose first token has been read.
    pub fn object_from(&mut self, tok: Tok<'a>, depth: usize) -> Result<Obj, Tok<'a>> {
        match tok {
            Tok::Int(i) => {
                // `N G R`?
                if (0..=u32::MAX as i64).contains(&i) {
                    let save = self.pos;
                    if let Tok::Int(g) = self.next() {
                        if (0..=65535).contains(&g) {
                            if let Tok::Keyword(b"R") = self.next() {
                                return Ok(Obj::Ref(i as u32, g as u16));
                            }
                        }
                    }
                    self.pos = save;
                }
                Ok(Obj::Int(i))
            }
            Tok::Real(r) => Ok(Obj::Real(r)),
            Tok::Str(s) => Ok(Obj::Str(s)),
            Tok::Name(n) => Ok(Obj::Name(n)),
            Tok::ArrOpen | Tok::DictOpen if depth >= MAX_NESTING => {
                self.skip_container();
                Ok(Obj::Null)
            }
            Tok::ArrOpen => {
                let mut items = Vec::new();
                loop {
                    let t = self.next();
                    match t {
                        Tok::ArrClose | Tok::Eof => break,
                        Tok::DictClose => continue,
                        _ => {}
                    }
                    match self.object_from(t, depth + 1) {
                        Ok(o) => items.push(o),
                        Err(Tok::Keyword(k)) if is_end_keyword(k) => {
                            self.pos -= k.len();
                            break;
                        }
                        Err(_) => {}
                    }
                }
                Ok(Obj::Array(items))
            }
            Tok::DictOpen => {
                let mut items: Vec<(Vec<u8>, Obj)> = Vec::new();
                loop {
                    let t = self.next();
                    match t {
                        Tok::DictClose | Tok::Eof => break,
                        Tok::Name(k) => {
                            let v = self.next();
                            if matches!(v, Tok::DictClose) {
                                break;
                            }
                            match self.object_from(v, depth + 1) {
                                Ok(o) => items.push((k, o)),
                                Err(Tok::Keyword(kw)) if is_end_keyword(kw) => {
                                    self.pos -= kw.len();
                                    break;
                                }
                                Err(_) => {}
                            }
                        }
                        Tok::Keyword(kw) if is_end_keyword(kw) => {
                            self.pos -= kw.len();
                            break;
                        }
                        _ => {} // junk key: skip
                    }
                }
                Ok(Obj::Dict(Dict(items)))
            }
            Tok::Keyword(b"true") => Ok(Obj::Bool(true)),
            Tok::Keyword(b"false") => Ok(Obj::Bool(false)),
            Tok::Keyword(b"null") => Ok(Obj::Null),
            other => Err(other),
        }
    }
}

impl Lexer<'_> {
    /// Skips the rest of a container too deep to read (its opening token was consumed).
    fn skip_container(&mut self) {
        let mut level = 1usize;
        loop {
            match self.next() {
                Tok::ArrOpen | Tok::DictOpen => level += 1,
                Tok::ArrClose | Tok::DictClose => {
                    level -= 1;
                    if level == 0 {
                        return;
                    }
                }
                Tok::Eof => return,
                _ => {}
            }
        }
    }
}

/// Keywords that end an object in a damaged file (a dict missing its `>>`).
fn is_end_keyword(k: &[u8]) -> bool {
    matches!(
        k,
        b"endobj" | b"stream" | b"endstream" | b"obj" | b"xref" | b"trailer" | b"startxref"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(s: &str) -> Obj {
        Lexer::new(s.as_bytes(), 0).object().unwrap()
    }

    #[test]
    fn numbers_and_refs() {
        assert_eq!(obj("42"), Obj::Int(42));
        assert_eq!(obj("-.5"), Obj::Real(-0.5));
        assert_eq!(obj("+4."), Obj::Real(4.0));
        assert_eq!(obj("12 0 R"), Obj::Ref(12, 0));
        assert_eq!(
            obj("[1 2 R 3]"),
            Obj::Array(vec![Obj::Ref(1, 2), Obj::Int(3)])
        );
        assert_eq!(
            obj("[1 2 3]"),
            Obj::Array(vec![Obj::Int(1), Obj::Int(2), Obj::Int(3)])
        );
    }

    #[test]
    fn strings() {
        assert_eq!(
            obj(r"(a\(b\)c (d) \101\n\
x)"),
            Obj::Str(b"a(b)c (d) A\nx".to_vec())
        );
        assert_eq!(obj("<48 65 6c6C6f7>"), Obj::Str(b"Hello\x70".to_vec()));
    }

    #[test]
    fn names_and_dicts() {
        assert_eq!(obj("/A#20B"), Obj::Name(b"A B".to_vec()));
        let d = obj("<< /Type /Page /Kids [1 0 R 2 0 R] /N null >>");
        let d = d.as_dict().unwrap();
        assert!(d.is_name(b"Type", b"Page"));
        assert_eq!(
            d.get(b"Kids").unwrap().as_array().unwrap()[1],
            Obj::Ref(2, 0)
        );
    }

    #[test]
    fn deep_nesting_is_bounded() {
        for s in [
            "[".repeat(100_000),
            "<< /a ".repeat(100_000),
            "[<< /a ".repeat(50_000),
        ] {
            let o = Lexer::new(s.as_bytes(), 0).object().unwrap();
            assert!(matches!(o, Obj::Array(_) | Obj::Dict(_)));
        }
    }
}
