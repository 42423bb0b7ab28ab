//! The file layer: cross-reference tables and streams, incremental updates, object streams,
//! indirect objects, stream decoding, and a recovery scan for files whose xref is broken.

use super::crypt::Crypt;
use super::filters::{self, FilterError};
use super::lexer::{Dict, Lexer, Obj, Stream, Tok};
use crate::limits::{MAX_CONTAINER_ENTRIES, MAX_EXPANDED_BYTES, MAX_NESTING};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Where an object lives.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Entry {
    /// Byte offset of `N G obj`.
    Offset(usize),
    /// Object stream number, index inside it.
    InStream(u32, u32),
}

/// A decoded object stream: its bytes and, per object number, the offset of the object.
struct ObjStm {
    data: Vec<u8>,
    offsets: HashMap<u32, usize>,
}

/// A problem met while reading the file structure (turned into diagnostics by the caller).
#[derive(Debug, Clone, PartialEq)]
pub enum Issue {
    Recovered,
    UnsupportedFilter(String),
    Budget,
    TooManyObjects,
}

/// An open PDF file.
pub struct File<'a> {
    pub data: &'a [u8],
    xref: HashMap<u32, Entry>,
    pub trailer: Dict,
    cache: HashMap<u32, Obj>,
    objstms: HashMap<u32, Option<Rc<ObjStm>>>,
    /// Offsets found by scanning for `N G obj` (built on demand).
    scanned: Option<HashMap<u32, usize>>,
    loading: HashSet<u32>,
    /// Bytes produced by filters so far.
    pub expanded: usize,
    pub issues: Vec<Issue>,
    pub recovered: bool,
    /// Decryption (files with an empty user password), and the number of the /Encrypt object.
    crypt: Option<(Crypt, Option<u32>)>,
}

impl<'a> File<'a> {
    /// Opens `data`: reads the xref chain, or scans the file when it is broken.
    /// `None` when no object at all can be found.
    pub fn open(data: &'a [u8]) -> Option<File<'a>> {
        let mut f = File {
            data,
            xref: HashMap::new(),
            trailer: Dict::default(),
            cache: HashMap::new(),
            objstms: HashMap::new(),
            scanned: None,
            loading: HashSet::new(),
            expanded: 0,
            issues: Vec::new(),
            recovered: false,
            crypt: None,
        };
        let ok = f.read_xref_chain();
        if ok && f.trailer.get(b"Encrypt").is_some() {
            return Some(f); // the catalog may be unreadable until decryption is set up
        }
        if !ok || !f.root_ok() {
            f.recover();
            if !f.root_ok() {
                return if f.xref.is_empty() { None } else { Some(f) };
            }
        }
        Some(f)
    }

    /// Sets up decryption (`encrypt_num`: the /Encrypt object, never decrypted), then checks
    /// that the catalog can be read, scanning the file when it cannot.
    pub fn set_crypt(&mut self, c: Crypt, encrypt_num: Option<u32>) {
        self.crypt = Some((c, encrypt_num));
        self.cache.clear();
        self.objstms.clear();
        if !self.root_ok() {
            self.recover();
        }
    }

    fn root_ok(&mut self) -> bool {
        let root = self.trailer.get(b"Root").cloned().unwrap_or(Obj::Null);
        let root = self.resolve(&root);
        matches!(root.as_dict(), Some(d) if d.get(b"Pages").is_some())
    }

    // ---------------------------------------------------------------- xref

    fn read_xref_chain(&mut self) -> bool {
        let Some(mut offset) = self.startxref() else {
            return false;
        };
        let mut seen = HashSet::new();
        let mut first = true;
        while seen.insert(offset) && seen.len() <= MAX_NESTING {
            let trailer = match self.read_xref_section(offset) {
                Some(t) => t,
                None => return !first && self.trailer.get(b"Root").is_some(),
            };
            if first {
                self.trailer = trailer.clone();
                first = false;
            } else {
                for (k, v) in &trailer.0 {
                    if self.trailer.get(k).is_none() && k != b"Prev" && k != b"XRefStm" {
                        self.trailer.0.push((k.clone(), v.clone()));
                    }
                }
            }
            // Hybrid files: the xref stream of /XRefStm fills in what the table does not list.
            if let Some(x) = trailer.get(b"XRefStm").and_then(Obj::as_i64) {
                if x >= 0 && seen.insert(x as usize) {
                    let _ = self.read_xref_section(x as usize);
                }
            }
            match trailer.get(b"Prev").and_then(Obj::as_i64) {
                Some(p) if p >= 0 && (p as usize) < self.data.len() => offset = p as usize,
                _ => break,
            }
        }
        !first
    }

    fn startxref(&self) -> Option<usize> {
        let tail_start = self.data.len().saturating_sub(4096);
        let tail = &self.data[tail_start..];
        let at = rfind(tail, b"startxref")?;
        let mut lx = Lexer::new(self.data, tail_start + at + 9);
        match lx.next() {
            Tok::Int(n) if n >= 0 && (n as usize) < self.data.len() => Some(n as usize),
            _ => None,
        }
    }

    /// Reads the table or stream at `offset`; adds entries not already known (newer sections are
    /// read first). Returns its trailer dictionary.
    fn read_xref_section(&mut self, offset: usize) -> Option<Dict> {
        let mut lx = Lexer::new(self.data, offset);
        lx.skip_ws();
        if self.data[lx.pos..].starts_with(b"xref") {
            lx.pos += 4;
            return self.read_xref_table(lx);
        }
        // An xref stream: `N G obj << /Type /XRef … >> stream`.
        let (obj, _) = self.parse_indirect_at(offset, None)?;
        let Obj::Stream(s) = obj else { return None };
        if !s.dict.is_name(b"Type", b"XRef") && s.dict.get(b"W").is_none() {
            return None;
        }
        self.read_xref_stream(&s);
        Some(s.dict.clone())
    }

    fn read_xref_table(&mut self, mut lx: Lexer<'a>) -> Option<Dict> {
        loop {
            match lx.next() {
                Tok::Int(start) if start >= 0 => {
                    let Tok::Int(count) = lx.next() else {
                        return None;
                    };
                    let mut num = start as u64;
                    for i in 0..count.max(0) {
                        let off = match lx.next() {
                            Tok::Int(v) => v,
                            _ => return None,
                        };
                        let _gen = lx.next();
                        let kind = lx.next();
                        if i == 0 && start == 1 && off == 0 && matches!(kind, Tok::Keyword(b"f")) {
                            num = 0; // common off-by-one: the table of object 0 claims to start at 1
                        }
                        if self.xref.len() >= MAX_CONTAINER_ENTRIES {
                            self.issue(Issue::TooManyObjects);
                            return None;
                        }
                        if let Tok::Keyword(b"n") = kind {
                            if num <= u32::MAX as u64 && off > 0 && (off as usize) < self.data.len()
                            {
                                self.xref
                                    .entry(num as u32)
                                    .or_insert(Entry::Offset(off as usize));
                            }
                        }
                        num += 1;
                    }
                }
                Tok::Keyword(b"trailer") => {
                    return match lx.object() {
                        Ok(Obj::Dict(d)) => Some(d),
                        _ => None,
                    };
                }
                _ => return None,
            }
        }
    }

    fn read_xref_stream(&mut self, s: &Stream) {
        let Some(data) = self.stream_data_inner(s) else {
            return;
        };
        let w: Vec<usize> = s
            .dict
            .get(b"W")
            .and_then(Obj::as_array)
            .map(|a| {
                a.iter()
                    .map(|o| o.as_i64().unwrap_or(0).clamp(0, 8) as usize)
                    .collect()
            })
            .unwrap_or_default();
        if w.len() < 3 {
            return;
        }
        let row = w[0] + w[1] + w[2];
        if row == 0 {
            return;
        }
        let size = s
            .dict
            .get(b"Size")
            .and_then(Obj::as_i64)
            .unwrap_or(0)
            .max(0);
        let index: Vec<i64> = match s.dict.get(b"Index").and_then(Obj::as_array) {
            Some(a) => a.iter().filter_map(Obj::as_i64).collect(),
            None => vec![0, size],
        };
        let field = |bytes: &[u8]| bytes.iter().fold(0u64, |a, &b| (a << 8) | b as u64);
        let mut rows = data.chunks_exact(row);
        for pair in index.chunks_exact(2) {
            let (start, count) = (pair[0].max(0) as u64, pair[1].max(0) as u64);
            for i in 0..count {
                let Some(r) = rows.next() else { return };
                if self.xref.len() >= MAX_CONTAINER_ENTRIES {
                    self.issue(Issue::TooManyObjects);
                    return;
                }
                let kind = if w[0] == 0 { 1 } else { field(&r[..w[0]]) };
                let f2 = field(&r[w[0]..w[0] + w[1]]);
                let f3 = field(&r[w[0] + w[1]..]);
                let num = start + i;
                if num > u32::MAX as u64 {
                    return;
                }
                let entry = match kind {
                    1 if f2 > 0 && (f2 as usize) < self.data.len() => Entry::Offset(f2 as usize),
                    2 if f2 <= u32::MAX as u64 => {
                        Entry::InStream(f2 as u32, f3.min(u32::MAX as u64) as u32)
                    }
                    _ => continue,
                };
                self.xref.entry(num as u32).or_insert(entry);
            }
        }
    }

    /// Scans the whole file for `N G obj`, trailers and catalogs.
    fn recover(&mut self) {
        self.recovered = true;
        self.issue(Issue::Recovered);
        let scanned = self.scan().clone();
        for (&num, &off) in &scanned {
            self.xref.insert(num, Entry::Offset(off));
        }
        self.cache.clear();
        // Objects inside object streams.
        let mut nums: Vec<u32> = scanned.keys().copied().collect();
        crate::sort::sort(&mut nums);
        let mut root: Option<Obj> = None;
        for &num in &nums {
            let obj = self.get(num);
            let Some(d) = obj.as_dict() else { continue };
            if d.is_name(b"Type", b"ObjStm") {
                if let Some(stm) = self.objstm(num) {
                    let mut inner: Vec<(u32, usize)> =
                        stm.offsets.iter().map(|(&n, &o)| (n, o)).collect();
                    crate::sort::sort(&mut inner);
                    for (i, (n, _)) in inner.iter().enumerate() {
                        if self.xref.len() >= MAX_CONTAINER_ENTRIES {
                            break;
                        }
                        self.xref
                            .entry(*n)
                            .or_insert(Entry::InStream(num, i as u32));
                    }
                }
            } else if d.is_name(b"Type", b"XRef") {
                if let Some(r) = d.get(b"Root") {
                    root = Some(r.clone());
                    for k in [&b"Info"[..], b"Encrypt", b"ID"] {
                        if let Some(v) = d.get(k) {
                            self.trailer.0.push((k.to_vec(), v.clone()));
                        }
                    }
                }
            }
        }
        // `trailer << … >>` dictionaries, newest last.
        let mut pos = 0;
        while let Some(at) = find(&self.data[pos..], b"trailer") {
            let mut lx = Lexer::new(self.data, pos + at + 7);
            if let Ok(Obj::Dict(d)) = lx.object() {
                if let Some(r) = d.get(b"Root") {
                    root = Some(r.clone());
                }
                for (k, v) in d.0 {
                    self.trailer.0.retain(|(kk, _)| *kk != k);
                    self.trailer.0.push((k, v));
                }
            }
            pos = pos + at + 7;
        }
        if let Some(r) = &root {
            let r2 = self.resolve(r);
            if r2.as_dict().is_some_and(|d| d.get(b"Pages").is_some()) {
                self.set_trailer_root(r.clone());
                return;
            }
        }
        // No usable trailer: the catalog is the object of /Type /Catalog.
        let mut all: Vec<u32> = self.xref.keys().copied().collect();
        crate::sort::sort(&mut all);
        for num in all {
            let obj = self.get(num);
            if obj
                .as_dict()
                .is_some_and(|d| d.is_name(b"Type", b"Catalog") && d.get(b"Pages").is_some())
            {
                self.set_trailer_root(Obj::Ref(num, 0));
                return;
            }
        }
    }

    fn set_trailer_root(&mut self, r: Obj) {
        self.trailer.0.retain(|(k, _)| k != b"Root");
        self.trailer.0.push((b"Root".to_vec(), r));
    }

    /// Offsets of every `N G obj` in the file (the last one of a number wins).
    fn scan(&mut self) -> &HashMap<u32, usize> {
        if self.scanned.is_none() {
            let mut map = HashMap::new();
            let d = self.data;
            let mut pos = 0;
            while let Some(at) = find(&d[pos..], b"obj") {
                let kw = pos + at;
                pos = kw + 3;
                if d.get(kw + 3)
                    .is_some_and(|&b| !super::lexer::is_white(b) && !super::lexer::is_delim(b))
                {
                    continue; // "objects", "obj1"
                }
                if let Some((num, start)) = header_before(d, kw) {
                    if map.len() >= MAX_CONTAINER_ENTRIES {
                        self.issues.push(Issue::TooManyObjects);
                        break;
                    }
                    map.insert(num, start);
                }
            }
            self.scanned = Some(map);
        }
        self.scanned.as_ref().expect("set above")
    }

    fn issue(&mut self, i: Issue) {
        if !self.issues.contains(&i) {
            self.issues.push(i);
        }
    }

    // ---------------------------------------------------------------- objects

    /// Object `num` (`Null` when missing or broken).
    pub fn get(&mut self, num: u32) -> Obj {
        if let Some(o) = self.cache.get(&num) {
            return o.clone();
        }
        if !self.loading.insert(num) || self.loading.len() > MAX_NESTING {
            self.loading.remove(&num);
            return Obj::Null; // a cycle (/Length pointing at its own object…)
        }
        let obj = self.load(num);
        self.loading.remove(&num);
        if self.cache.len() < MAX_CONTAINER_ENTRIES {
            self.cache.insert(num, obj.clone());
        }
        obj
    }

    fn load(&mut self, num: u32) -> Obj {
        match self.xref.get(&num).copied() {
            Some(Entry::Offset(off)) => {
                if let Some((o, _)) = self.parse_indirect_at(off, Some(num)) {
                    return o;
                }
                // Bad offset: look where the object really is.
                let found = self.scan().get(&num).copied();
                match found {
                    Some(off2) if off2 != off => {
                        self.issue(Issue::Recovered);
                        self.parse_indirect_at(off2, Some(num))
                            .map(|(o, _)| o)
                            .unwrap_or(Obj::Null)
                    }
                    _ => Obj::Null,
                }
            }
            Some(Entry::InStream(stm, _)) => {
                let Some(s) = self.objstm(stm) else {
                    return Obj::Null;
                };
                let Some(&off) = s.offsets.get(&num) else {
                    return Obj::Null;
                };
                let mut lx = Lexer::new(&s.data, off);
                lx.object().unwrap_or(Obj::Null)
            }
            None => Obj::Null,
        }
    }

    fn objstm(&mut self, num: u32) -> Option<Rc<ObjStm>> {
        if let Some(s) = self.objstms.get(&num) {
            return s.clone();
        }
        self.objstms.insert(num, None); // guards recursion
        let stm = self.load_objstm(num).map(Rc::new);
        self.objstms.insert(num, stm.clone());
        stm
    }

    fn load_objstm(&mut self, num: u32) -> Option<ObjStm> {
        let Obj::Stream(s) = self.get(num) else {
            return None;
        };
        let n = s
            .dict
            .get(b"N")
            .and_then(Obj::as_i64)?
            .clamp(0, MAX_CONTAINER_ENTRIES as i64) as usize;
        let first = s.dict.get(b"First").and_then(Obj::as_i64)?.max(0) as usize;
        let data = self.stream_data_inner(&s)?;
        let mut lx = Lexer::new(&data, 0);
        let mut offsets = HashMap::new();
        for _ in 0..n {
            let (Tok::Int(obj), Tok::Int(off)) = (lx.next(), lx.next()) else {
                break;
            };
            if obj < 0 || obj > u32::MAX as i64 || off < 0 {
                continue;
            }
            let at = first.saturating_add(off as usize);
            if at < data.len() {
                offsets.entry(obj as u32).or_insert(at);
            }
        }
        Some(ObjStm { data, offsets })
    }

    /// Parses `N G obj … endobj` at `offset`; with `expect`, the number must match.
    fn parse_indirect_at(&mut self, offset: usize, expect: Option<u32>) -> Option<(Obj, usize)> {
        let data = self.data;
        let mut lx = Lexer::new(data, offset);
        let (Tok::Int(num), Tok::Int(gen), Tok::Keyword(b"obj")) =
            (lx.next(), lx.next(), lx.next())
        else {
            return None;
        };
        if expect.is_some_and(|e| e as i64 != num) || num < 0 {
            return None;
        }
        let mut obj = match lx.object() {
            Ok(o) => o,
            Err(Tok::Keyword(b"endobj")) => Obj::Null,
            Err(_) => return None,
        };
        if let Some((c, enc)) = &self.crypt {
            if *enc != Some(num as u32)
                && !obj.as_dict().is_some_and(|d| d.is_name(b"Type", b"XRef"))
            {
                c.strings(num as u32, gen.clamp(0, 65535) as u16, &mut obj);
            }
        }
        let save = lx.pos;
        if let (Obj::Dict(d), Tok::Keyword(b"stream")) = (&obj, lx.next()) {
            let mut start = lx.pos;
            // EOL after `stream`: CRLF or LF (a lone CR is tolerated).
            if data.get(start) == Some(&b'\r') {
                start += 1;
            }
            if data.get(start) == Some(&b'\n') {
                start += 1;
            }
            let len = match d.get(b"Length") {
                Some(Obj::Int(n)) => Some(*n),
                Some(Obj::Ref(r, _)) => {
                    let r = *r;
                    self.get(r).as_i64()
                }
                _ => None,
            };
            let end = match len {
                Some(n)
                    if n >= 0
                        && start.saturating_add(n as usize) <= data.len()
                        && ends_stream(data, start + n as usize) =>
                {
                    start + n as usize
                }
                _ => {
                    // Wrong or missing /Length: the data ends before `endstream`.
                    let e = find(&data[start..], b"endstream").map_or(data.len(), |i| start + i);
                    let mut e2 = e;
                    if e2 > start && data[e2 - 1] == b'\n' {
                        e2 -= 1;
                    }
                    if e2 > start && data[e2 - 1] == b'\r' {
                        e2 -= 1;
                    }
                    e2
                }
            };
            let s = Stream {
                dict: d.clone(),
                start,
                end,
                id: Some((num as u32, gen.clamp(0, 65535) as u16)),
            };
            return Some((Obj::Stream(Rc::new(s)), end));
        }
        Some((obj, save))
    }

    /// Follows references (bounded).
    pub fn resolve(&mut self, o: &Obj) -> Obj {
        let mut cur = o.clone();
        for _ in 0..32 {
            match cur {
                Obj::Ref(n, _) => cur = self.get(n),
                _ => return cur,
            }
        }
        Obj::Null
    }

    /// Resolved dictionary value of `key`.
    pub fn dict_get(&mut self, d: &Dict, key: &[u8]) -> Obj {
        match d.get(key) {
            Some(o) => self.resolve(o),
            None => Obj::Null,
        }
    }

    // ---------------------------------------------------------------- streams

    /// The decoded bytes of `s`. `Err` carries why not.
    pub fn stream_data(&mut self, s: &Stream) -> Result<Vec<u8>, FilterError> {
        let filters = self.filters_of(&s.dict);
        let raw = &self.data[s.start.min(self.data.len())..s.end.min(self.data.len())];
        let budget = MAX_EXPANDED_BYTES.saturating_sub(self.expanded);
        let decrypted;
        let raw = match (&self.crypt, s.id) {
            (Some((c, _)), Some((num, gen)))
                if !s.dict.is_name(b"Type", b"XRef")
                    && (c.encrypt_metadata || !s.dict.is_name(b"Type", b"Metadata"))
                    && !filters.iter().any(|(n, _)| n == b"Crypt") =>
            {
                decrypted = c.stream(num, gen, raw);
                &decrypted[..]
            }
            _ => raw,
        };
        let out = filters::decode(raw, &filters, budget)?;
        self.expanded += out.len();
        Ok(out)
    }

    fn stream_data_inner(&mut self, s: &Stream) -> Option<Vec<u8>> {
        match self.stream_data(s) {
            Ok(v) => Some(v),
            Err(FilterError::Budget) => {
                self.issue(Issue::Budget);
                None
            }
            Err(FilterError::Unsupported(n)) => {
                self.issue(Issue::UnsupportedFilter(n));
                None
            }
        }
    }

    fn filters_of(&mut self, d: &Dict) -> Vec<(Vec<u8>, Option<Dict>)> {
        let f = self.dict_get(d, b"Filter");
        let p = self.dict_get(d, b"DecodeParms");
        let names: Vec<Vec<u8>> = match f {
            Obj::Name(n) => vec![n],
            Obj::Array(a) => a
                .iter()
                .map(|o| self.resolve(o))
                .filter_map(|o| o.as_name().map(<[u8]>::to_vec))
                .collect(),
            _ => vec![],
        };
        let params: Vec<Option<Dict>> = match p {
            Obj::Dict(d) => vec![Some(d)],
            Obj::Array(a) => a
                .iter()
                .map(|o| self.resolve(o).as_dict().cloned())
                .collect(),
            _ => vec![],
        };
        names
            .into_iter()
            .take(8)
            .enumerate()
            .map(|(i, n)| (n, params.get(i).cloned().flatten()))
            .collect()
    }

    /// Every object number known (for the page-scan fallback), sorted.
    pub fn object_numbers(&self) -> Vec<u32> {
        let mut v: Vec<u32> = self.xref.keys().copied().collect();
        crate::sort::sort(&mut v);
        v
    }
}

/// Checks that `endstream` follows `at` (after optional whitespace).
fn ends_stream(data: &[u8], at: usize) -> bool {
    let mut i = at;
    while i < data.len() && i < at + 4 && super::lexer::is_white(data[i]) {
        i += 1;
    }
    data[i.min(data.len())..].starts_with(b"endstream")
}

/// `N G obj` ending right before `kw` (the `obj` keyword): the object number and the header start.
fn header_before(d: &[u8], kw: usize) -> Option<(u32, usize)> {
    let mut i = kw;
    let skip_ws = |i: &mut usize| {
        while *i > 0 && super::lexer::is_white(d[*i - 1]) {
            *i -= 1;
        }
    };
    let digits = |i: &mut usize| {
        let end = *i;
        while *i > 0 && d[*i - 1].is_ascii_digit() && end - *i < 10 {
            *i -= 1;
        }
        (*i < end).then_some((*i, end))
    };
    skip_ws(&mut i);
    let (_gs, _ge) = digits(&mut i)?;
    let before_gen = i;
    skip_ws(&mut i);
    if i == before_gen {
        return None;
    }
    let (ns, ne) = digits(&mut i)?;
    if ns > 0 && !(super::lexer::is_white(d[ns - 1]) || super::lexer::is_delim(d[ns - 1])) {
        return None;
    }
    let num: u64 = std::str::from_utf8(&d[ns..ne]).ok()?.parse().ok()?;
    (num <= u32::MAX as u64).then_some((num as u32, ns))
}

pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        match hay[i..hay.len() - needle.len() + 1]
            .iter()
            .position(|&b| b == first)
        {
            Some(p) => {
                i += p;
                if &hay[i..i + needle.len()] == needle {
                    return Some(i);
                }
                i += 1;
            }
            None => return None,
        }
    }
    None
}

pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| &hay[i..i + needle.len()] == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(objs: &[&str], trailer: &str, good_xref: bool) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offs = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offs.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{}\nendobj\n", i + 1, o).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes(),
        );
        for o in offs {
            let o = if good_xref { o } else { o + 7 };
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(format!("trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        out
    }

    #[test]
    fn xref_table_and_objects() {
        let pdf = build(
            &[
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [] /Count 0 >>",
                "<< /Length 4 0 R >>\nstream\nabcde\nendstream",
                "5",
            ],
            "<< /Root 1 0 R /Size 5 >>",
            true,
        );
        let mut f = File::open(&pdf).unwrap();
        assert!(!f.recovered);
        let Obj::Stream(s) = f.get(3) else { panic!() };
        assert_eq!(f.stream_data(&s).unwrap(), b"abcde");
    }

    #[test]
    fn broken_xref_recovers() {
        let pdf = build(
            &[
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [] /Count 0 >>",
                "<< /Length 99 >>\nstream\nabc\nendstream",
            ],
            "<< /Root 1 0 R /Size 4 >>",
            false,
        );
        let mut f = File::open(&pdf).unwrap();
        let Obj::Stream(s) = f.get(3) else { panic!() };
        assert_eq!(f.stream_data(&s).unwrap(), b"abc");
        assert!(f.issues.contains(&Issue::Recovered));
    }

    #[test]
    fn garbage_is_none() {
        assert!(File::open(b"%PDF-1.4\nhello world").is_none());
    }
}
