//! Legacy Vietnamese encodings (TCVN3, VNI, VISCII, VPS, VIQR, Windows-1258) → Unicode NFC text,
//! with an offset map back to the input, and detection by font name or by syllable scoring.
//!
//! Tables are data (`data/encodings/*.tsv`, provenance in `data/README.md`), parsed once into
//! 256-entry arrays. Detection decodes a sample with every candidate and keeps the one whose
//! accented words are Vietnamese syllables ([`crate::catalogue::syllables`]), with a clear margin
//! over the others and over the text as it stands, so English, Western European text and text that
//! is already Unicode Vietnamese are never "converted".
//!
//! Two views of legacy text reach this module:
//! * raw bytes of a plain 8-bit file ([`decode_bytes`], [`detect_bytes`]);
//! * text that some reader already read *plainly* through Windows-1252 (a .doc/.rtf/.docx run in a
//!   `.VnTime` font, a paste of an old document: "B¸o c¸o"): [`reread`], [`detect_reread`].
//!
//! TCVN3 has no codes for toned capitals: all-caps fonts (`.VnTimeH`) show the lowercase codes as
//! capitals. Decoding keeps such letters as stored (lowercase, "bé tµi chÝnh" → "bộ tài chính"),
//! except in a word whose ASCII letters are all capitals, at least two of them ("HîP" → "HỢP",
//! "KÕT" → "KẾT", but "Sè" → "Số"): that is how the corpus transcripts read them.

use crate::catalogue::syllables::{is_syllable, words};
use crate::normalise::offset_map::OffsetMap;
use crate::report::Encoding;
use std::sync::OnceLock;

static TCVN3_TSV: &str = include_str!("../../data/encodings/tcvn3.tsv");
static VNI_TSV: &str = include_str!("../../data/encodings/vni.tsv");
static VISCII_TSV: &str = include_str!("../../data/encodings/viscii.tsv");
static VPS_TSV: &str = include_str!("../../data/encodings/vps.tsv");
static VIQR_TSV: &str = include_str!("../../data/encodings/viqr.tsv");

/// Bytes scored by detection (the first 64 KB), and at most this many accented tokens in them.
const SAMPLE_BYTES: usize = 64 * 1024;
const MAX_TOKENS: usize = 4000;
/// Encodings tried by detection, in order of preference when they tie.
const CANDIDATES: [Encoding; 5] = [
    Encoding::Tcvn3,
    Encoding::Vni,
    Encoding::Windows1258,
    Encoding::Viscii,
    Encoding::Vps,
];
/// "No letter here" in the 256-entry tables.
const NONE: char = '\0';

/// Windows-1252 0x80–0x9F; the five undefined bytes read as C1 controls (as WHATWG does).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Windows-1252 byte → char.
fn cp1252(b: u8) -> char {
    if (0x80..0xA0).contains(&b) {
        CP1252_HIGH[usize::from(b - 0x80)]
    } else {
        char::from(b)
    }
}

/// Char → the byte a plain Windows-1252 (or Latin-1) reading would have made it from.
/// `pua`: also accept U+F020–U+F0FF, what Word and PDF extraction give for symbol-charset fonts.
fn cp1252_byte(c: char, pua: bool) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 || (0xA0..=0xFF).contains(&u) {
        return u8::try_from(u).ok();
    }
    if (0x80..0xA0).contains(&u) {
        return u8::try_from(u).ok(); // C1 control: a Latin-1 reading of 0x80–0x9F
    }
    if pua && (0xF020..=0xF0FF).contains(&u) {
        return u8::try_from(u - 0xF000).ok();
    }
    CP1252_HIGH
        .iter()
        .position(|&h| h == c)
        .and_then(|i| u8::try_from(0x80 + i).ok())
}

/// Windows-1258 byte → char (tones as combining marks, composed by the caller).
fn cp1258(b: u8) -> char {
    match b {
        0x8A | 0x8E | 0x9A | 0x9E => char::from(b),
        0xC3 => 'Ă',
        0xCC => '\u{300}',
        0xD0 => 'Đ',
        0xD2 => '\u{309}',
        0xD5 => 'Ơ',
        0xDD => 'Ư',
        0xDE => '\u{303}',
        0xE3 => 'ă',
        0xEC => '\u{301}',
        0xF0 => 'đ',
        0xF2 => '\u{323}',
        0xF5 => 'ơ',
        0xFD => 'ư',
        0xFE => '₫',
        _ => cp1252(b),
    }
}

/// The decoding tables, parsed once.
struct Tables {
    /// TCVN3 ABC letters (the 74 bytes `.VnTime` fonts use).
    tcvn3: [char; 256],
    /// TCVN 5712 VN1 extra letters: applied only where they cannot be real cp1252 text.
    vn1: [char; 256],
    viscii: [char; 256],
    vps: [char; 256],
    /// VNI letters of one byte (đ, ơ, ư, the i-family, ỵ).
    vni_single: [char; 256],
    /// VNI pairs: `vni_base[base]` = 1 + the row of `vni_marks` for that base byte, 0 for none;
    /// a row holds the letters for mark bytes 0xC0..=0xFF.
    vni_base: [u8; 256],
    vni_marks: Vec<[char; 64]>,
    /// VIQR letters by [`viqr_index`] (vowel × quality mark × tone mark); NONE for no letter.
    viqr: [char; VIQR_SLOTS],
}

/// VIQR vowels (small letters first: the capital of slot `i` is slot `i + VIQR_SLOTS / 2`),
/// quality marks (none, circumflex, breve, horn) and tone marks (none, sắc, huyền, hỏi, ngã, nặng).
const VIQR_VOWELS: &[u8; 12] = b"aeiouyAEIOUY";
const VIQR_QUALITY: &[u8; 4] = b" ^(+";
const VIQR_TONES: &[u8; 6] = b" '`?~.";
const VIQR_SLOTS: usize = 12 * 4 * 6;

/// Slot of vowel `v` with quality mark `q` and tone mark `t` (' ' for none; '*' is the horn too).
fn viqr_index(v: u8, q: u8, t: u8) -> Option<usize> {
    let q = if q == b'*' { b'+' } else { q };
    let vi = VIQR_VOWELS.iter().position(|&x| x == v)?;
    let qi = VIQR_QUALITY.iter().position(|&x| x == q)?;
    let ti = VIQR_TONES.iter().position(|&x| x == t)?;
    Some((vi * 4 + qi) * 6 + ti)
}

/// Data rows of one of our TSV files: `#` comments and the header skipped, fields split on tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').collect())
}

fn hex_bytes(s: &str) -> Option<Vec<u8>> {
    s.split_whitespace()
        .map(|h| u8::from_str_radix(h, 16).ok())
        .collect()
}

fn one_char(s: &str) -> Option<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

fn byte_table(data: &'static str, filter: impl Fn(&[&str]) -> bool) -> [char; 256] {
    let mut t = [NONE; 256];
    for r in rows(data) {
        if r.len() < 2 || !filter(&r) {
            continue;
        }
        if let (Some(b), Some(c)) = (hex_bytes(r[0]).filter(|v| v.len() == 1), one_char(r[1])) {
            t[usize::from(b[0])] = c;
        }
    }
    t
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut vni_single = [NONE; 256];
        let mut vni_base = [0u8; 256];
        let mut vni_marks: Vec<[char; 64]> = Vec::with_capacity(16);
        for r in rows(VNI_TSV) {
            let (Some(bytes), Some(c)) = (
                r.first().and_then(|h| hex_bytes(h)),
                r.get(1).and_then(|u| one_char(u)),
            ) else {
                continue;
            };
            match bytes[..] {
                [b] => vni_single[usize::from(b)] = c,
                [b, m @ 0xC0..=0xFF] => {
                    if vni_base[usize::from(b)] == 0 && vni_marks.len() < 255 {
                        vni_marks.push([NONE; 64]);
                        vni_base[usize::from(b)] = vni_marks.len() as u8;
                    }
                    if let Some(row) = vni_marks.get_mut(usize::from(vni_base[usize::from(b)]) - 1)
                    {
                        row[usize::from(m - 0xC0)] = c;
                    }
                }
                _ => {}
            }
        }
        let mut viqr = [NONE; VIQR_SLOTS];
        for r in rows(VIQR_TSV).filter(|r| r.len() >= 2) {
            let (Some(c), k) = (one_char(r[0]), r[1].as_bytes()) else {
                continue;
            };
            let slot = match *k {
                [v] => viqr_index(v, b' ', b' '),
                [v, m] if VIQR_TONES.contains(&m) => viqr_index(v, b' ', m),
                [v, m] => viqr_index(v, m, b' '),
                [v, q, t] => viqr_index(v, q, t),
                _ => None,
            };
            if let Some(i) = slot {
                viqr[i] = c;
            }
        }
        Tables {
            tcvn3: byte_table(TCVN3_TSV, |r| r.get(2) == Some(&"abc")),
            vn1: byte_table(TCVN3_TSV, |r| r.get(2) == Some(&"vn1")),
            viscii: byte_table(VISCII_TSV, |_| true),
            vps: byte_table(VPS_TSV, |_| true),
            vni_single,
            vni_base,
            vni_marks,
            viqr,
        }
    })
}

impl Tables {
    fn vni_pair(&self, base: u8, mark: u8) -> Option<char> {
        let row = usize::from(self.vni_base[usize::from(base)]).checked_sub(1)?;
        let c = *self
            .vni_marks
            .get(row)?
            .get(usize::from(mark.checked_sub(0xC0)?))?;
        (c != NONE).then_some(c)
    }

    /// A VNI pair, also when the typist's tool mixed the cases of base and mark ("Aù" for Á).
    fn vni_pair_any_case(&self, base: u8, mark: u8) -> Option<char> {
        if let Some(c) = self.vni_pair(base, mark) {
            return Some(c);
        }
        // Upper base + lower mark gives the capital; lower base + upper mark the small letter.
        // Mark bytes are all ≥ 0xC0, where the two cases differ by 0x20.
        if mark >= 0xC0 && (base.is_ascii_alphabetic() || matches!(base, 0xD4 | 0xD6 | 0xF4 | 0xF6))
        {
            return self.vni_pair(base, mark ^ 0x20);
        }
        None
    }
}

/// VN1 bytes in 0xA0–0xFF that are capitals (not the B0–B4 combining marks): used only inside a
/// word written in capitals, where their cp1252 reading (À Á Â … ÿ) cannot be meant.
fn vn1_high_letter(b: u8) -> bool {
    b >= 0xA0 && !(0xB0..=0xB4).contains(&b) && tables().vn1[usize::from(b)] != NONE
}

/// VN1 bytes that are undefined in cp1252 (81 8D 8F 90 9D): always safe to read as VN1.
fn vn1_undefined_in_cp1252(b: u8) -> bool {
    matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
}

/// Where the decoded chars go, and the map back to the input.
/// (No map when only the text is wanted, as when detection scores trial decodings.)
struct Sink<'a> {
    out: &'a mut String,
    map: Option<&'a mut OffsetMap>,
}

impl Sink<'_> {
    fn push(&mut self, c: char, at: usize) {
        if let Some(map) = self.map.as_deref_mut() {
            map.anchor(self.out.len(), at);
        }
        self.out.push(c);
    }

    /// Pushes a combining mark, composing it with the previous char when Unicode has the letter
    /// ("Â" + dot below → "Ậ", which canonical composition alone cannot do in that order).
    fn push_mark(&mut self, m: char, at: usize) {
        if let Some(c) = self
            .out
            .chars()
            .next_back()
            .and_then(|prev| compose_mark(prev, m))
        {
            self.out.pop();
            self.out.push(c);
            return;
        }
        self.push(m, at);
    }
}

/// `prev` + combining `m` as one letter. A dot below goes under a circumflex or breve (class 220
/// before 230), so "Â" + dot is composed as ("A" + dot) + circumflex = "Ậ".
fn compose_mark(prev: char, m: char) -> Option<char> {
    use unicode_normalization::char::{compose, decompose_canonical};
    if let Some(c) = compose(prev, m) {
        return Some(c);
    }
    let mut parts = [NONE; 3];
    let mut n = 0;
    decompose_canonical(prev, |d| {
        if n < parts.len() {
            parts[n] = d;
        }
        n += 1;
    });
    match (n, parts) {
        (2, [base, quality, _]) => compose(compose(base, m)?, quality),
        _ => None,
    }
}

fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// Decodes `bytes` (whose input offsets are `at(i)`) in `enc` onto `sink`.
/// `raw`: the bytes come straight from a file, so C0 bytes that VN1 uses for capitals are letters.
fn decode_into(
    bytes: &[u8],
    at: &dyn Fn(usize) -> usize,
    enc: Encoding,
    raw: bool,
    sink: &mut Sink<'_>,
) {
    let t = tables();
    match enc {
        Encoding::Tcvn3 => decode_tcvn3(bytes, at, raw, sink),
        Encoding::Vni => {
            let mut i = 0;
            while i < bytes.len() {
                let b = bytes[i];
                if let Some(c) = bytes.get(i + 1).and_then(|&m| t.vni_pair_any_case(b, m)) {
                    sink.push(c, at(i));
                    i += 2;
                    continue;
                }
                let single = t.vni_single[usize::from(b)];
                sink.push(if single != NONE { single } else { cp1252(b) }, at(i));
                i += 1;
            }
        }
        Encoding::Viscii | Encoding::Vps => {
            let table = if enc == Encoding::Viscii {
                &t.viscii
            } else {
                &t.vps
            };
            for (i, &b) in bytes.iter().enumerate() {
                let c = table[usize::from(b)];
                sink.push(if c != NONE { c } else { cp1252(b) }, at(i));
            }
        }
        Encoding::Windows1258 => {
            for (i, &b) in bytes.iter().enumerate() {
                let c = cp1258(b);
                if is_tone_mark(c) {
                    sink.push_mark(c, at(i));
                } else {
                    sink.push(c, at(i));
                }
            }
        }
        Encoding::Viqr => {
            // One char per input byte; `starts[i]` = offset in `text` of the char of byte i.
            let text: String = bytes.iter().map(|&b| cp1252(b)).collect();
            let starts: Vec<usize> = text.char_indices().map(|(k, _)| k).collect();
            let (s, m) = viqr_decode(&text);
            let last = bytes.len().saturating_sub(1);
            for (k, c) in s.char_indices() {
                let src = m.to_input(k);
                sink.push(c, at(starts.partition_point(|&x| x < src).min(last)));
            }
        }
        // Unicode encodings are not 8-bit: read the bytes plainly (Windows-1252).
        _ => {
            for (i, &b) in bytes.iter().enumerate() {
                sink.push(cp1252(b), at(i));
            }
        }
    }
}

/// TCVN3: per word (run of letter bytes), decide whether it is written in capitals, then decode.
fn decode_tcvn3(bytes: &[u8], at: &dyn Fn(usize) -> usize, raw: bool, sink: &mut Sink<'_>) {
    let t = tables();
    let letter =
        |b: u8| b.is_ascii_alphabetic() || t.tcvn3[usize::from(b)] != NONE || vn1_high_letter(b);
    let forced = capitals_between_capitals(bytes, &letter);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !letter(b) {
            // VN1 capitals where no text can mean anything else: C0 bytes of a plain file, and
            // the bytes cp1252 leaves undefined.
            let vn1 = t.vn1[usize::from(b)];
            let c = if vn1 != NONE && ((raw && b < 0x20) || vn1_undefined_in_cp1252(b)) {
                vn1
            } else {
                cp1252(b)
            };
            sink.push(c, at(i));
            i += 1;
            continue;
        }
        let end = bytes[i..]
            .iter()
            .position(|&x| !letter(x))
            .map_or(bytes.len(), |p| i + p);
        let word = &bytes[i..end];
        let ascii = word.iter().filter(|b| b.is_ascii_alphabetic()).count();
        let caps = (ascii >= 2
            && word.iter().all(|b| !b.is_ascii_lowercase())
            && word
                .iter()
                .any(|&b| vn1_high_letter(b) || t.tcvn3[usize::from(b)].is_lowercase()))
            || forced.binary_search(&i).is_ok();
        for (k, &b) in word.iter().enumerate() {
            let abc = t.tcvn3[usize::from(b)];
            let c = if b.is_ascii() {
                char::from(b)
            } else if abc != NONE {
                if caps {
                    upper_one(abc)
                } else {
                    abc
                }
            } else if caps {
                t.vn1[usize::from(b)] // a VN1 capital inside a capitalised word
            } else {
                cp1252(b)
            };
            sink.push(c, at(i + k));
        }
        i = end;
    }
}

/// What a TCVN3 word (run of letter bytes) says about the case its text is written in.
#[derive(Clone, Copy, PartialEq)]
enum WordCase {
    /// Two or more capitals and a small legacy letter ("HO¹CH", "§èI"): written in an all-caps
    /// font, since nobody types a small toned vowel inside a capitalised word.
    Capitals,
    /// Capitals only ("UBND", "TT", "C§KT"): as likely an abbreviation in ordinary text; looked
    /// through.
    Abbreviation,
    /// A small ASCII letter: ordinary text.
    Small,
    /// At most one capital and small legacy letters ("KÕ", "VÒ", "Sè", "ë"): "KẾ" in a heading,
    /// "Số" in text.
    Ambiguous,
    /// A number between two words: a word is not judged across it ("Sè 12 QUYÕT").
    Barrier,
}

/// Starts (byte offsets) of the TCVN3 words to write in capitals beyond the per-word rule:
/// words in capitals with one ASCII capital ("§èI" → "ĐỐI") and ambiguous words standing among
/// them — the nearest judged word on one side is in capitals and the one on the other side is in
/// capitals or missing ("KÕ HO¹CH TæNG THÓ" → "KẾ HOẠCH TỔNG THỂ", "CHUNG VÒ HÖ THèNG" → "VỀ
/// HỆ"; "Sè 12", "VÒ viÖc", "Vô PC, Vô TD" stay as they are). Sorted.
fn capitals_between_capitals(bytes: &[u8], letter: &dyn Fn(u8) -> bool) -> Vec<usize> {
    let t = tables();
    let mut words: Vec<(usize, WordCase)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !letter(bytes[i]) {
            if bytes[i].is_ascii_digit() && words.last().is_none_or(|w| w.1 != WordCase::Barrier) {
                words.push((i, WordCase::Barrier));
            }
            i += 1;
            continue;
        }
        let end = bytes[i..].iter().position(|&x| !letter(x)).map_or(bytes.len(), |p| i + p);
        let (mut upper, mut lower, mut small_ascii) = (0usize, 0usize, false);
        for &b in &bytes[i..end] {
            let abc = t.tcvn3[usize::from(b)];
            if b.is_ascii_lowercase() {
                small_ascii = true;
            } else if b.is_ascii() || abc == NONE || !abc.is_lowercase() {
                upper += 1;
            } else {
                lower += 1;
            }
        }
        let case = match (small_ascii, upper, lower) {
            (true, _, _) => WordCase::Small,
            (false, 2.., 1..) => WordCase::Capitals,
            (false, _, 0) => WordCase::Abbreviation,
            (false, _, _) => WordCase::Ambiguous,
        };
        words.push((i, case));
        i = end;
    }
    let judged = |c: WordCase| !matches!(c, WordCase::Ambiguous | WordCase::Abbreviation);
    let mut out = Vec::new();
    for (k, &(start, case)) in words.iter().enumerate() {
        match case {
            WordCase::Capitals => out.push(start),
            WordCase::Ambiguous => {
                let before = words[..k].iter().rev().map(|x| x.1).find(|&c| judged(c));
                let after = words[k + 1..].iter().map(|x| x.1).find(|&c| judged(c));
                let ok = |c: Option<WordCase>| matches!(c, None | Some(WordCase::Capitals));
                if [before, after].contains(&Some(WordCase::Capitals)) && ok(before) && ok(after) {
                    out.push(start);
                }
            }
            _ => {}
        }
    }
    out
}

/// Capital of a Vietnamese letter (other chars: ASCII uppercase, else unchanged).
/// (From the VIQR table, so the wasm module carries no Unicode case table for 67 letters.)
fn upper_one(c: char) -> char {
    if c == 'đ' {
        return 'Đ';
    }
    let t = &tables().viqr;
    match t[..VIQR_SLOTS / 2].iter().position(|&x| x == c) {
        Some(i) if c != NONE => t[i + VIQR_SLOTS / 2],
        _ => c.to_ascii_uppercase(),
    }
}

/// Decodes 8-bit legacy bytes (Tcvn3, Vni, Viscii, Vps, Windows1258) → Unicode NFC text + map
/// (output byte → input byte). Bytes without a Vietnamese meaning keep their Windows-1252 reading.
/// VIQR bytes are decoded as VIQR; the Unicode encodings are read as Windows-1252.
pub fn decode_bytes(bytes: &[u8], enc: Encoding) -> (String, OffsetMap) {
    decode_bytes_at(bytes, enc, 0)
}

/// [`decode_bytes`] for bytes that start at input offset `shift` (after a BOM, inside a file).
pub fn decode_bytes_at(bytes: &[u8], enc: Encoding, shift: usize) -> (String, OffsetMap) {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut map = OffsetMap::new();
    {
        let mut sink = Sink {
            out: &mut out,
            map: Some(&mut map),
        };
        decode_into(bytes, &|i| shift + i, enc, true, &mut sink);
    }
    map.finish(out.len(), shift + bytes.len());
    (out, map)
}

/// Maximal pieces of `text` that map to cp1252 bytes (`Ok`), and the chars between them (`Err`).
fn convert_segments(text: &str, enc: Encoding, pua: bool, base: usize, sink: &mut Sink<'_>) {
    let mut bytes: Vec<u8> = Vec::new();
    let mut offs: Vec<usize> = Vec::new();
    let flush = |bytes: &mut Vec<u8>, offs: &mut Vec<usize>, sink: &mut Sink<'_>| {
        if !bytes.is_empty() {
            let o = std::mem::take(offs);
            decode_into(bytes, &|i| o.get(i).copied().unwrap_or(0), enc, false, sink);
            bytes.clear();
        }
    };
    for (i, c) in text.char_indices() {
        match cp1252_byte(c, pua) {
            Some(b) => {
                bytes.push(b);
                offs.push(base + i);
            }
            None => {
                flush(&mut bytes, &mut offs, sink);
                sink.push(c, base + i);
            }
        }
    }
    flush(&mut bytes, &mut offs, sink);
}

/// True when `c` is a letter that no cp1252 byte reads as: proof that the text around it is Unicode.
fn unicode_only_letter(c: char, pua: bool) -> bool {
    crate::letters::is_letter(c) && cp1252_byte(c, pua).is_none()
}

/// Valid syllables among the words of `s` that contain a non-ASCII letter.
fn marked_valid(s: &str) -> usize {
    words(s).filter(|w| !w.is_ascii() && is_syllable(w)).count()
}

/// Re-reads text that a container reader produced by reading legacy bytes plainly through
/// Windows-1252 (e.g. docx/RTF/.doc runs in font .VnTime: "B¸o c¸o" → "Báo cáo"): each char goes
/// back to its cp1252 byte (U+F020–U+F0FF symbol-font chars to their low byte), then is decoded as
/// `enc`. Chars that are no cp1252 byte and no letter (≥, →, a Symbol bullet) are kept as they are.
///
/// Returns None when the text is real Unicode already: a letter that no cp1252 byte reads as
/// ("ạ", "ư"), or a text whose words are Vietnamese as they stand and would stop being so
/// ("có" in a run that claims .VnTime). Unicode "®" is never turned into "đ" here unless the
/// caller says the run is TCVN3.
pub fn reread(text: &str, enc: Encoding) -> Option<String> {
    // The container readers call this several times per paragraph (the font's encoding, the
    // other one, then each run): no offset map to build (it was a third of a .doc parse).
    reread_with(text, enc, None)
}

/// For one run of a container whose font names `font_enc`: re-read in that encoding; when the text
/// refuses it (a run labelled TCVN3 that holds VNI, as in documents that mix fonts and styles),
/// in the encoding detection finds for the run itself. None: keep the run as stored.
pub fn reread_run(text: &str, font_enc: Encoding) -> Option<(Encoding, String)> {
    if let Some(s) = reread(text, font_enc) {
        return Some((font_enc, s));
    }
    let (enc, _) = detect_reread(text)?;
    if enc == font_enc {
        return None;
    }
    reread(text, enc).map(|s| (enc, s))
}

/// [`reread`] with the map from the re-read text's bytes to `text`'s bytes.
pub fn reread_mapped(text: &str, enc: Encoding) -> Option<(String, OffsetMap)> {
    let mut map = OffsetMap::new();
    let out = reread_with(text, enc, Some(&mut map))?;
    Some((out, map))
}

/// [`reread`], filling `map` (output → `text` offsets) when one is given.
fn reread_with(text: &str, enc: Encoding, mut map: Option<&mut OffsetMap>) -> Option<String> {
    if text.chars().any(|c| unicode_only_letter(c, true)) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    {
        let mut sink = Sink {
            out: &mut out,
            map: map.as_deref_mut(),
        };
        convert_segments(text, enc, true, 0, &mut sink);
    }
    if let Some(map) = map {
        map.finish(out.len(), text.len());
    }
    // Right as it is when the text as stored has more valid marked syllables (counted first:
    // mojibake usually has none, and then the reading needs no count).
    if out != text {
        // …and the reading's count stops as soon as it matches the stored one.
        let stored = marked_valid(text);
        let read = words(&out).filter(|w| !w.is_ascii() && is_syllable(w)).take(stored).count();
        if stored > read {
            return None;
        }
    }
    Some(out)
}

/// Re-reads `text` line by line in `enc` (see [`reread`]): a line that holds Unicode-only letters,
/// or that would lose Vietnamese syllables, is kept as it is. Returns the text, the map to
/// `text`'s bytes, and the number of lines converted.
pub fn reread_lines(text: &str, enc: Encoding) -> (String, OffsetMap, usize) {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut map = OffsetMap::new();
    let mut converted = 0usize;
    let mut line_buf = String::new();
    let mut start = 0usize;
    // Lines as the normaliser sees them (old Mac `\r`, form feeds, U+2028…), so that a line of
    // Unicode text does not keep a legacy line after its `\r` from being re-read.
    for line in text.split_inclusive(['\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}']) {
        let base = start;
        start += line.len();
        let high = line
            .chars()
            .any(|c| !c.is_ascii() && cp1252_byte(c, false).is_some());
        if !high || line.chars().any(|c| unicode_only_letter(c, false)) {
            map.anchor(out.len(), base);
            out.push_str(line);
            continue;
        }
        line_buf.clear();
        let mut line_map = OffsetMap::new();
        {
            let mut sink = Sink {
                out: &mut line_buf,
                map: Some(&mut line_map),
            };
            convert_segments(line, enc, false, 0, &mut sink);
        }
        line_map.finish(line_buf.len(), line.len());
        let before = syllables_in(line);
        let after = syllables_in(&line_buf);
        if after < before || line_buf == line {
            map.anchor(out.len(), base);
            out.push_str(line);
            continue;
        }
        converted += 1;
        let off = out.len();
        for (k, _) in line_buf.char_indices() {
            map.anchor(off + k, base + line_map.to_input(k));
        }
        out.push_str(&line_buf);
    }
    map.finish(out.len(), text.len());
    (out, map, converted)
}

fn syllables_in(s: &str) -> usize {
    words(s).filter(|w| is_syllable(w)).count()
}

// ---------------------------------------------------------------------------------------------
// Detection

/// Per-candidate tallies over the tokens (whitespace-separated) that hold non-ASCII bytes.
#[derive(Debug, Default)]
struct Tally {
    /// Tokens scored.
    tokens: usize,
    /// `valid[0]`: the text as it stands (cp1252 reading); `valid[1 + k]`: `CANDIDATES[k]`.
    valid: [usize; 6],
    /// `wins[i][j]`: tokens valid under reading i and not under reading j.
    wins: [[usize; 6]; 6],
}

/// A token is good under a reading when it has letters and all its words are syllables.
fn token_ok(s: &str) -> bool {
    let mut any = false;
    for w in words(s) {
        if !is_syllable(w) {
            return false;
        }
        any = true;
    }
    any
}

impl Tally {
    /// Scores one token given as cp1252 bytes; `as_is` is the token as it stands.
    fn add(&mut self, token: &[u8], as_is: &str, buf: &mut String) {
        if !as_is.chars().any(crate::letters::is_letter) {
            return; // "–", "…", "“": punctuation as it stands, no evidence either way
        }
        let mut ok = [false; 6];
        ok[0] = token_ok(as_is);
        for (k, &enc) in CANDIDATES.iter().enumerate() {
            buf.clear();
            let mut sink = Sink {
                out: buf,
                map: None,
            };
            decode_into(token, &|i| i, enc, true, &mut sink);
            ok[k + 1] = token_ok(buf);
        }
        self.tokens += 1;
        for (i, &good) in ok.iter().enumerate() {
            if good {
                self.valid[i] += 1;
                for (w, &other) in self.wins[i].iter_mut().zip(&ok) {
                    if !other {
                        *w += 1;
                    }
                }
            }
        }
    }

    /// The winning candidate and its confidence, if it is convincing. `unicode_evidence`: words
    /// that are Vietnamese only as Unicode (they hold letters no legacy byte gives).
    fn decide(&self, unicode_evidence: usize) -> Option<(Encoding, f64)> {
        if self.tokens == 0 {
            return None;
        }
        // Best candidate; ties go to the earlier (more common) encoding.
        let mut best = 1;
        for i in 2..6 {
            if self.valid[i] > self.valid[best] {
                best = i;
            }
        }
        let n = self.tokens as f64;
        let v = self.valid[best];
        let ratio = v as f64 / n;
        let gain = v.saturating_sub(self.valid[0]);
        if ratio < 0.5 || (gain as f64) < 0.25 * n || gain == 0 || gain < unicode_evidence {
            return None;
        }
        // Separation: among tokens on which two readings disagree, the winner must win clearly.
        let mut sep = 1.0f64;
        for j in 0..6 {
            if j == best {
                continue;
            }
            let (w, l) = (self.wins[best][j], self.wins[j][best]);
            if w + l == 0 {
                continue; // identical on this sample (e.g. VISCII and VPS share most bytes)
            }
            if w < 2 * l || (j == 0 && w <= l) {
                return None;
            }
            sep = sep.min(w as f64 / (w + l) as f64);
        }
        let size = (n / 10.0).min(1.0).sqrt();
        let conf = (ratio * sep * size * 100.0).round() / 100.0;
        Some((CANDIDATES[best - 1], conf.clamp(0.01, 1.0)))
    }
}

/// True for bytes that no plain ASCII text holds: the ones legacy encodings put letters on.
fn special_byte(b: u8) -> bool {
    b >= 0x80 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C))
}

/// English and other Latin-script languages: words with f/j/w/z, or long words, are rare in
/// Vietnamese (one syllable per word, no f j w z).
fn foreign(s: &str) -> bool {
    let (mut total, mut fjwz, mut long) = (0usize, 0usize, 0usize);
    for w in words(s) {
        total += 1;
        if w.chars()
            .any(|c| matches!(c, 'f' | 'j' | 'w' | 'z' | 'F' | 'J' | 'W' | 'Z'))
        {
            fjwz += 1;
        }
        if w.chars().count() > 7 && w.chars().any(crate::letters::is_lower) {
            long += 1;
        }
    }
    total >= 50 && (fjwz * 100 > total * 8 || long * 100 > total * 8)
}

/// The first `SAMPLE_BYTES` of `bytes`, cut after a whitespace byte so no token is split.
fn sample(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= SAMPLE_BYTES {
        return bytes;
    }
    let head = &bytes[..SAMPLE_BYTES];
    match head.iter().rposition(|b| b.is_ascii_whitespace()) {
        Some(p) => &head[..p],
        None => head,
    }
}

/// For 8-bit bytes that are not UTF-8: which encoding makes them Vietnamese, by scoring trial
/// decodings of the first 64 KB with the syllable list. Returns (encoding, confidence 0..1), or
/// None if nothing is convincing (English, Western European text, binary noise).
pub fn detect_bytes(bytes: &[u8]) -> Option<(Encoding, f64)> {
    let mut s = sample(bytes);
    let mut tally = Tally::default();
    let mut as_is = String::new();
    let mut buf = String::new();
    let mut pos = 0usize;
    for token in s.split(|b| b.is_ascii_whitespace()) {
        pos += token.len() + 1;
        if !token.iter().any(|&b| special_byte(b)) {
            continue;
        }
        as_is.clear();
        as_is.extend(token.iter().map(|&b| cp1252(b)));
        tally.add(token, &as_is, &mut buf);
        if tally.tokens >= MAX_TOKENS {
            s = &s[..pos.min(s.len())];
            break;
        }
    }
    let (enc, conf) = tally.decide(0)?;
    let (decoded, _) = decode_bytes(s, enc);
    if foreign(&decoded) {
        return None;
    }
    Some((enc, conf))
}

/// For text already read plainly (no font information), e.g. a paste from an old TCVN3 document or
/// a run whose font is unknown: Some((enc, confidence)) if re-reading it in a legacy encoding makes
/// it clearly more Vietnamese than it is now; None if it is fine as is (already Unicode Vietnamese,
/// or English). Cheap when the text has no char in U+0080–U+00FF (returns at once).
pub fn detect_reread(text: &str) -> Option<(Encoding, f64)> {
    // Every legacy encoding puts letters on bytes 0xA0–0xFF, which read as U+00A0–U+00FF
    // (UTF-8 lead bytes C2/C3).
    if !text.as_bytes().iter().any(|&b| b == 0xC2 || b == 0xC3) {
        return None;
    }
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let s = &text[..end];
    // Unicode Vietnamese is full of letters no cp1252 byte gives (ư ơ đ ạ ế …); legacy text read
    // as cp1252 has none. Decide the clear cases without scoring.
    let (mut unicode_letters, mut high) = (0usize, 0usize);
    for c in s.chars().filter(|c| !c.is_ascii()) {
        if unicode_only_letter(c, false) {
            unicode_letters += 1;
        } else if (c as u32) < 0x100 {
            high += 1;
        }
    }
    if high == 0 || unicode_letters > 2 * high {
        return None;
    }
    let mut tally = Tally::default();
    let mut unicode_evidence = 0usize;
    let mut bytes = Vec::new();
    let mut buf = String::new();
    let mut pos = 0usize;
    let mut s = s;
    // ASCII whitespace only: U+00A0 is a letter in VISCII (Õ).
    for token in s.split(|c: char| c.is_ascii_whitespace()) {
        pos += token.len() + 1;
        if token.is_ascii() {
            continue;
        }
        if tally.tokens >= MAX_TOKENS {
            s = &s[..pos - token.len() - 1];
            break;
        }
        if token.chars().any(|c| unicode_only_letter(c, false)) {
            if token_ok(token) {
                unicode_evidence += 1;
            }
            continue;
        }
        bytes.clear();
        bytes.extend(token.chars().filter_map(|c| cp1252_byte(c, false)));
        tally.add(&bytes, token, &mut buf);
    }
    let (enc, conf) = tally.decide(unicode_evidence)?;
    if foreign(&reread_lines(s, enc).0) {
        return None;
    }
    Some((enc, conf))
}

// ---------------------------------------------------------------------------------------------
// VIQR

fn viqr_quality(v: char, q: char) -> bool {
    match q {
        '^' => matches!(v.to_ascii_lowercase(), 'a' | 'e' | 'o'),
        '(' => v.eq_ignore_ascii_case(&'a'),
        '+' | '*' => matches!(v.to_ascii_lowercase(), 'o' | 'u'),
        _ => false,
    }
}

fn viqr_tone(c: char) -> bool {
    matches!(c, '\'' | '`' | '?' | '~' | '.')
}

fn viqr_letter(v: char, q: char, t: char) -> Option<char> {
    let [v, q, t] = [v, q, t].map(|c| u8::try_from(c).unwrap_or(0));
    let c = tables().viqr[viqr_index(v, q, t)?];
    (c != NONE).then_some(c)
}

/// Decodes VIQR mnemonics in `text` (whatever it is). Returns the text, the map, and the number of
/// letters that took a mark.
fn viqr_decode_counted(text: &str) -> (String, OffsetMap, usize) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::new();
    let mut marked = 0usize;
    let mut i = 0;
    let ch = |k: usize| chars.get(k).map(|&(_, c)| c);
    while i < chars.len() {
        let (at, c) = chars[i];
        map.anchor(out.len(), at);
        // Escaped mark: "\." is a literal full stop.
        if c == '\\'
            && ch(i + 1).is_some_and(|n| viqr_tone(n) || matches!(n, '^' | '(' | '+' | '*' | '\\'))
        {
            if let Some(&(at2, n)) = chars.get(i + 1) {
                map.anchor(out.len(), at2);
                out.push(n);
            }
            i += 2;
            continue;
        }
        if (c == 'd' || c == 'D') && ch(i + 1).is_some_and(|n| n == 'd' || n == 'D') {
            out.push(if c == 'D' { 'Đ' } else { 'đ' });
            marked += 1;
            i += 2;
            continue;
        }
        if matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            let (mut q, mut t) = (' ', ' ');
            let mut j = i + 1;
            if let Some(m) = ch(j).filter(|&m| viqr_quality(c, m)) {
                q = m;
                j += 1;
            }
            if let Some(m) = ch(j).filter(|&m| viqr_tone(m)) {
                if !viqr_punctuation(&chars, j) {
                    t = m;
                    j += 1;
                }
            }
            if j > i + 1 {
                if let Some(l) = viqr_letter(c, q, t) {
                    out.push(l);
                    marked += 1;
                    i = j;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    map.finish(out.len(), text.len());
    (out, map, marked)
}

/// Whether the tone-like char at `j` (after a vowel) is punctuation: '.' or '?' ending a sentence
/// (followed by the end, a line break, or a space and a capital), and "'" closing a quotation.
fn viqr_punctuation(chars: &[(usize, char)], j: usize) -> bool {
    let c = chars[j].1;
    let next = chars.get(j + 1).map(|&(_, c)| c);
    if next.is_some_and(|n| crate::letters::is_letter(n) || n.is_ascii_digit()) {
        return false;
    }
    match c {
        '.' | '?' => match next {
            None | Some('\n' | '\r') => true,
            Some(' ' | '\t') => {
                let after = chars[j + 1..]
                    .iter()
                    .map(|&(_, c)| c)
                    .find(|c| !matches!(c, ' ' | '\t'));
                after.is_none_or(|a| crate::letters::is_upper(a) || matches!(a, '\n' | '\r' | '"' | '(' | '-'))
            }
            // "ho.," is "họ,", and "vu.." is "vụ." ; but "ddi..." ends with an ellipsis.
            Some('.') => {
                chars[j + 1..]
                    .iter()
                    .take_while(|&&(_, c)| c == '.')
                    .count()
                    >= 2
            }
            Some(_) => false,
        },
        _ => false,
    }
}

fn viqr_decode(text: &str) -> (String, OffsetMap) {
    let (s, m, _) = viqr_decode_counted(text);
    (s, m)
}

/// [`decode_viqr`] with the map from the decoded text's bytes to `text`'s bytes.
pub fn decode_viqr_mapped(text: &str) -> Option<(String, OffsetMap)> {
    let sample_end = {
        let mut e = text.len().min(SAMPLE_BYTES);
        while !text.is_char_boundary(e) {
            e -= 1;
        }
        e
    };
    let s = &text[..sample_end];
    if !s
        .bytes()
        .any(|b| matches!(b, b'\'' | b'`' | b'?' | b'~' | b'.' | b'^' | b'(' | b'+'))
    {
        return None;
    }
    // VIQR is 7-bit: more than a stray non-ASCII letter (a foreign name) means something else.
    let foreign_letters = s
        .chars()
        .filter(|&c| !c.is_ascii() && crate::letters::is_letter(c))
        .count();
    if foreign_letters > 2 && foreign_letters * 200 > words(s).count() {
        return None;
    }
    let (decoded, _, marked) = viqr_decode_counted(s);
    let (mut words_n, mut marked_words, mut marked_ok) = (0usize, 0usize, 0usize);
    for w in words(&decoded) {
        words_n += 1;
        if !w.is_ascii() {
            marked_words += 1;
            if is_syllable(w) {
                marked_ok += 1;
            }
        }
    }
    if marked < 2
        || marked_words * 4 < words_n
        || marked_ok * 4 < marked_words * 3
        || foreign(&decoded)
    {
        return None;
    }
    let (out, map, _) = viqr_decode_counted(text);
    Some((out, map))
}

/// VIQR ("Ba'o ca'o") → Unicode, only when the whole text is VIQR (else None): ASCII only, a
/// quarter or more of its words take marks, and those decode to Vietnamese syllables.
pub fn decode_viqr(text: &str) -> Option<String> {
    decode_viqr_mapped(text).map(|(s, _)| s)
}

// ---------------------------------------------------------------------------------------------
// Fonts and names

/// Encoding implied by a font name: ".VnTime", ".VnTimeH", ".VnArial", "VnTime" → Tcvn3;
/// "VNI-Times", "VNI-Helve" → Vni; "VPS Times" → Vps; "VISCII"-named fonts → Viscii; Unicode fonts
/// ("Times New Roman", "Arial") → None. A PDF subset tag ("ABCDEF+.VnTime") is ignored.
pub fn encoding_of_font(font: &str) -> Option<Encoding> {
    let mut name = font.trim().trim_matches('"');
    // PDF subset tag: six capitals and '+'.
    if let Some((tag, rest)) = name.split_once('+') {
        if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) {
            name = rest;
        }
    }
    let lower = name.to_ascii_lowercase();
    let bytes = name.as_bytes();
    if lower.starts_with("vni-")
        || lower.starts_with("vni ")
        || lower.starts_with("vni_")
        || lower == "vni"
    {
        return Some(Encoding::Vni);
    }
    if lower.starts_with("vps") && !bytes.get(3).is_some_and(u8::is_ascii_lowercase) {
        return Some(Encoding::Vps);
    }
    if lower.contains("viscii") {
        return Some(Encoding::Viscii);
    }
    if lower.contains("tcvn3") || lower.contains("abc-tcvn") {
        return Some(Encoding::Tcvn3);
    }
    // Names that carry the encoding inside ("VNSVNI2", as in the corpus's duanLD9820.doc).
    if lower.starts_with("vns") && lower.contains("vni") {
        return Some(Encoding::Vni);
    }
    // ".VnTime", ".VnArial NarrowH", and the same without the dot ("VnTime"), but not words that
    // merely start with "vn" in lowercase.
    let rest = name.strip_prefix('.').unwrap_or(name);
    let rb = rest.as_bytes();
    if rb.len() >= 3 && rb[0].eq_ignore_ascii_case(&b'v') && rb[1].eq_ignore_ascii_case(&b'n') {
        let third = rb[2];
        let dotted = bytes.first() == Some(&b'.');
        // Undotted: "VnTime", "VNTime", "VnArialH(Ds)" — a capital or digit after "Vn"/"VN".
        if dotted || third.is_ascii_uppercase() || third.is_ascii_digit() {
            return Some(Encoding::Tcvn3);
        }
    }
    None
}

/// The encoding's name for messages ("TCVN3 (ABC)").
pub fn display_name(enc: Encoding) -> &'static str {
    match enc {
        Encoding::Tcvn3 => "TCVN3 (ABC)",
        Encoding::Vni => "VNI-Windows",
        Encoding::Viscii => "VISCII",
        Encoding::Vps => "VPS",
        Encoding::Windows1258 => "Windows-1258",
        Encoding::Viqr => "VIQR",
        Encoding::Utf8 => "UTF-8",
        Encoding::Utf16Le => "UTF-16LE",
        Encoding::Utf16Be => "UTF-16BE",
        Encoding::UnicodeNfd => "Unicode tổ hợp",
        Encoding::Unknown => "không rõ",
    }
}

/// The encoding's code as in the Report JSON and diagnostic codes ("tcvn3", "windows-1258").
pub fn code_name(enc: Encoding) -> &'static str {
    match enc {
        Encoding::Tcvn3 => "tcvn3",
        Encoding::Vni => "vni",
        Encoding::Viscii => "viscii",
        Encoding::Vps => "vps",
        Encoding::Windows1258 => "windows-1258",
        Encoding::Viqr => "viqr",
        Encoding::Utf8 => "utf-8",
        Encoding::Utf16Le => "utf-16le",
        Encoding::Utf16Be => "utf-16be",
        Encoding::UnicodeNfd => "unicode-nfd",
        Encoding::Unknown => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    static COMPOSITE_TSV: &str = include_str!("../../data/encodings/unicode-composite.tsv");

    fn dec(bytes: &[u8], enc: Encoding) -> String {
        decode_bytes(bytes, enc).0
    }

    fn check_map(out: &str, map: &OffsetMap, in_len: usize) {
        let mut prev = 0;
        for k in 0..=out.len() {
            let p = map.to_input(k);
            assert!(
                p >= prev && p <= in_len,
                "map not monotone at {k}: {p} < {prev}"
            );
            prev = p;
        }
        assert_eq!(map.to_input(out.len()), in_len);
    }

    #[test]
    fn bảng_đủ_cột_và_số_dòng() {
        let count = |d: &'static str, cols: usize| {
            let all: Vec<_> = rows(d).collect();
            assert!(
                all.iter().all(|r| r.len() == cols),
                "every row has {cols} columns"
            );
            all.len()
        };
        assert_eq!(count(TCVN3_TSV, 3), 139);
        // 134 letters + 10 "i"/"I" + mark pairs (data/encodings/vni.tsv, end).
        assert_eq!(count(VNI_TSV, 2), 144);
        assert_eq!(count(VISCII_TSV, 2), 134);
        assert_eq!(count(VPS_TSV, 2), 134);
        assert_eq!(count(VIQR_TSV, 2), 134);
        assert_eq!(count(COMPOSITE_TSV, 3), 134);
        let t = tables();
        assert_eq!(t.tcvn3.iter().filter(|&&c| c != NONE).count(), 74);
        assert_eq!(t.vn1.iter().filter(|&&c| c != NONE).count(), 65);
        assert_eq!(t.viscii.iter().filter(|&&c| c != NONE).count(), 134);
        assert_eq!(t.vps.iter().filter(|&&c| c != NONE).count(), 134);
        let pairs = t.vni_marks.iter().flatten().filter(|&&c| c != NONE).count();
        assert_eq!(
            pairs + t.vni_single.iter().filter(|&&c| c != NONE).count(),
            144
        );
        // 134 letters less đ/Đ (VIQR "dd", decoded without the table).
        assert_eq!(t.viqr.iter().filter(|&&c| c != NONE).count(), 132);
        for &small in t.viqr[..VIQR_SLOTS / 2]
            .iter()
            .filter(|&&c| c != NONE)
            .chain(&['đ'])
        {
            assert_eq!(
                small.to_uppercase().collect::<String>(),
                upper_one(small).to_string()
            );
        }
    }

    #[test]
    fn mỗi_dòng_bảng_giải_mã_ra_chữ_của_nó() {
        for (data, enc) in [
            (VISCII_TSV, Encoding::Viscii),
            (VPS_TSV, Encoding::Vps),
            (VNI_TSV, Encoding::Vni),
        ] {
            for r in rows(data) {
                let bytes = hex_bytes(r[0]).unwrap();
                assert_eq!(dec(&bytes, enc), r[1], "{enc:?} {}", r[0]);
            }
        }
        for r in rows(TCVN3_TSV).filter(|r| r[2] == "abc") {
            let b = hex_bytes(r[0]).unwrap();
            assert_eq!(dec(&b, Encoding::Tcvn3), r[1], "TCVN3 {}", r[0]);
        }
        for r in rows(COMPOSITE_TSV) {
            let b = hex_bytes(r[2]).unwrap();
            assert_eq!(dec(&b, Encoding::Windows1258), r[0], "cp1258 {}", r[2]);
            // Unicode tổ hợp (Unikey) composes to the same letter.
            let tohop: String = r[1]
                .split_whitespace()
                .filter_map(|u| {
                    u.strip_prefix("U+")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                })
                .collect();
            assert_eq!(tohop.nfc().collect::<String>(), r[0]);
        }
        for r in rows(VIQR_TSV) {
            assert_eq!(
                viqr_decode(&format!("{}x", r[1])).0,
                format!("{}x", r[0]),
                "{}",
                r[1]
            );
        }
    }

    #[test]
    fn mỗi_chữ_việt_có_trong_mỗi_bảng() {
        // The 134 letters of unicode-composite.tsv are exactly those of VISCII, VPS, VNI and VIQR.
        let letters: Vec<char> = rows(COMPOSITE_TSV).filter_map(|r| one_char(r[0])).collect();
        assert_eq!(letters.len(), 134);
        let t = tables();
        for c in &letters {
            assert!(t.viscii.contains(c), "VISCII lacks {c}");
            assert!(t.vps.contains(c), "VPS lacks {c}");
            assert!(
                t.vni_single.contains(c) || t.vni_marks.iter().any(|row| row.contains(c)),
                "VNI lacks {c}"
            );
            assert!(t.viqr.contains(c) || "đĐ".contains(*c), "VIQR lacks {c}");
            // TCVN3 ABC: every lowercase letter, and the 7 untoned capitals.
            if crate::letters::is_lower(*c) || "ĂÂÊÔƠƯĐ".contains(*c) {
                assert!(t.tcvn3.contains(c), "TCVN3 lacks {c}");
            }
        }
    }

    #[test]
    fn tcvn3_câu_mẫu() {
        let (s, m) = decode_bytes(
            b"B\xb8o c\xb8o k\xd5t qu\xb6 th\xf9c hi\xd6n",
            Encoding::Tcvn3,
        );
        assert_eq!(s, "Báo cáo kết quả thực hiện");
        check_map(&s, &m, 25);
        // "á" of "Báo" (output bytes 1..3) comes from input byte 1; "o" (output 3) from input 2.
        assert_eq!(m.to_input(1), 1);
        assert_eq!(m.to_input(3), 2);
        // Soft hyphen byte AD is ư.
        assert_eq!(
            dec(b"ng\xad\xeai \xae\xad\xeec", Encoding::Tcvn3),
            "người được"
        );
        // cp1252 punctuation stays.
        assert_eq!(
            dec(b"\x93K\xe3p\x94 \x96 2003\x85", Encoding::Tcvn3),
            "“Kóp” – 2003…"
        );
    }

    #[test]
    fn tcvn3_từ_một_chữ_hoa_giữa_các_từ_viết_hoa() {
        let d = |b: &[u8]| dec(b, Encoding::Tcvn3);
        // Between or beside words in capitals: capitals ("KÕ HO¹CH", "VÒ HÖ THèNG").
        assert_eq!(d(b"K\xd5 HO\xb9CH T\xe6NG TH\xd3"), "KẾ HOẠCH TỔNG THỂ");
        assert_eq!(d(b"CHUNG V\xd2 H\xd6 TH\xe8NG \x96 PH\xa2N"), "CHUNG VỀ HỆ THỐNG – PHÂN");
        assert_eq!(d(b"NGHI\xd6P V\xf4 \xeb NH\xf7NG"), "NGHIỆP VỤ Ở NHỮNG");
        // Two capitals, one of them a legacy letter ("§èI"): capitals on their own.
        assert_eq!(d(b"M\xf4C TI\xaaU \xa7\xe8I V\xedI"), "MỤC TIÊU ĐỐI VỚI");
        // Ordinary text, numbers and abbreviations decide nothing: as typed.
        assert_eq!(d(b"S\xe8 12 QUY\xd5T"), "Số 12 QUYẾT");
        assert_eq!(d(b"V\xd2 vi\xd6c HO\xb9CH"), "Về việc HOẠCH");
        assert_eq!(d(b"VP, V\xf4 PC, V\xf4 TD."), "VP, Vụ PC, Vụ TD.");
        assert_eq!(d(b"S\xe8 TT | T\xaan"), "Số TT | Tên");
    }

    #[test]
    fn tcvn3_chữ_hoa_trong_từ_viết_hoa() {
        // "X·" alone could be "Xã"; after "HîP T¸C", written in capitals, it is "XÃ".
        assert_eq!(dec(b"H\xeeP T\xb8C X\xb7", Encoding::Tcvn3), "HỢP TÁC XÃ");
        assert_eq!(
            dec(b"S\xe8: 12/2001/Q\xa7-BTC", Encoding::Tcvn3),
            "Số: 12/2001/QĐ-BTC"
        );
        assert_eq!(
            dec(b"I.3.1-V\xd2 KT.B\xe9", Encoding::Tcvn3),
            "I.3.1-Về KT.Bộ"
        );
        assert_eq!(
            dec(b"b\xe9 t\xb5i ch\xddnh", Encoding::Tcvn3),
            "bộ tài chính"
        );
        // VN1 capitals only inside a capitalised word; elsewhere cp1252.
        assert_eq!(dec(b"K\xdaT QU\x81", Encoding::Tcvn3), "KẾT QUẢ");
        assert_eq!(dec(b"\xc0 la carte", Encoding::Tcvn3), "À la carte");
    }

    #[test]
    fn vni_và_chữ_hoa() {
        assert_eq!(
            dec(
                b"Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam",
                Encoding::Vni
            ),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(
            dec(b"ng\xf6\xf4\xf8i \xf1\xf6\xf4\xefc", Encoding::Vni),
            "người được"
        );
        assert_eq!(dec(b"CO\xc4NG HO\xd8A", Encoding::Vni), "CỘNG HÒA");
        assert_eq!(dec(b"A\xfbnh", Encoding::Vni), "Ảnh");
        // "i" + mark byte (typed letter then tone) as well as the single bytes.
        assert_eq!(dec(b"ph\xed ph\x69\xf9 t\x69\xf9nh th\x69\xf8 TH\x49\xd8", Encoding::Vni), "phí phí tính thì THÌ");
        let (s, m) = decode_bytes(b"\xd1o\xe4c la\xe4p", Encoding::Vni);
        assert_eq!(s, "Độc lập");
        check_map(&s, &m, 9);
        // "ộ" (output 2..5) ← input 1 ("o" of "oä"); "c" (output 5) ← input 3.
        assert_eq!(m.to_input(2), 1);
        assert_eq!(m.to_input(5), 3);
    }

    #[test]
    fn windows_1258_ghép_dấu() {
        let (s, m) = decode_bytes(b"Vi\xea\xf2t Nam \xf0a\xf2t", Encoding::Windows1258);
        assert_eq!(s, "Việt Nam đạt");
        check_map(&s, &m, 14);
        assert_eq!(s.nfc().collect::<String>(), s);
    }

    #[test]
    fn reread_văn_bản_đọc_qua_cp1252() {
        assert_eq!(
            reread("B¸o c¸o", Encoding::Tcvn3).as_deref(),
            Some("Báo cáo")
        );
        assert_eq!(
            reread("ng\u{ad}êi", Encoding::Tcvn3).as_deref(),
            Some("người")
        );
        assert_eq!(
            reread("Coäng hoøa", Encoding::Vni).as_deref(),
            Some("Cộng hòa")
        );
        // Symbol-font chars of a legacy run are bytes too.
        assert_eq!(
            reread("B\u{f0b8}o", Encoding::Tcvn3).as_deref(),
            Some("Báo")
        );
        // Real Unicode: refused.
        assert_eq!(reread("Báo cáo ®", Encoding::Tcvn3), None);
        assert_eq!(reread("Việt Nam", Encoding::Tcvn3), None);
        // Words that are Vietnamese as they stand and would stop being so.
        assert_eq!(reread("có", Encoding::Vni), None);
        // Non-letter chars outside cp1252 are kept.
        assert_eq!(
            reread("t\u{2265} 5%", Encoding::Tcvn3).as_deref(),
            Some("t≥ 5%")
        );
        let (s, m) = reread_mapped("x B¸o", Encoding::Tcvn3).unwrap();
        assert_eq!(s, "x Báo");
        check_map(&s, &m, "x B¸o".len());
        assert_eq!(m.to_input(3), 3); // "á" ← "¸"
        assert_eq!(m.to_input(5), 5); // "o"
    }

    #[test]
    fn run_phông_nói_sai_được_nhận_dạng_lại() {
        // A run labelled TCVN3 that holds VNI (duanLD9820.doc): refused as TCVN3, read as VNI.
        let vni = "Quy trình xöû lyù vaên baûn ñeán :";
        assert_eq!(reread(vni, Encoding::Tcvn3), None);
        assert_eq!(
            reread_run(vni, Encoding::Tcvn3),
            Some((Encoding::Vni, "Quy trình xử lý văn bản đến :".to_owned()))
        );
        assert_eq!(
            reread_run("B¸o c¸o", Encoding::Tcvn3),
            Some((Encoding::Tcvn3, "Báo cáo".to_owned()))
        );
        assert_eq!(reread_run("Báo cáo ®", Encoding::Tcvn3), None);
        assert_eq!(reread_run("Việt Nam", Encoding::Vni), None);
    }

    #[test]
    fn nhận_dạng_bytes() {
        let tcvn3 = "Céng hßa x· héi chñ nghÜa ViÖt Nam. B¸o c¸o kÕt qu¶ thùc hiÖn nhiÖm vô n¨m 2023 cña ñy ban nh©n d©n tØnh.";
        let bytes: Vec<u8> = tcvn3
            .chars()
            .map(|c| cp1252_byte(c, false).unwrap())
            .collect();
        let (enc, conf) = detect_bytes(&bytes).unwrap();
        assert_eq!(enc, Encoding::Tcvn3);
        assert!(conf > 0.8, "{conf}");
        let vni = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Baùo caùo keát quaû thöïc hieän nhieäm vuï naêm 2023.";
        let bytes: Vec<u8> = vni
            .chars()
            .map(|c| cp1252_byte(c, false).unwrap())
            .collect();
        assert_eq!(detect_bytes(&bytes).map(|x| x.0), Some(Encoding::Vni));
        let viscii = b"C\xb5ng h\xf2a x\xe3 h\xb5i ch\xfc ngh\xeea Vi\xaet Nam. \xd0\xb5c l\xa7p - T\xf1 do - H\xd5nh ph\xfac. ng\xdf\xb6i \xf0\xdf\xfec n\xdf\xbec";
        assert_eq!(detect_bytes(viscii).map(|x| x.0), Some(Encoding::Viscii));
        let cp1258 = b"C\xf4\xf2ng ho\xcca xa\xde h\xf4\xf2i chu\xd2 nghi\xdea Vi\xea\xf2t Nam. \xd0\xf4\xf2c l\xe2\xf2p - T\xfd\xf2 do - Ha\xf2nh phu\xecc";
        assert_eq!(
            detect_bytes(cp1258).map(|x| x.0),
            Some(Encoding::Windows1258)
        );
    }

    #[test]
    fn không_nhận_nhầm_tiếng_anh_và_tây_âu() {
        for s in [
            "The caf\u{e9} served cr\u{e8}me br\u{fb}l\u{e9}e \u{93}as usual\u{94} \u{96} na\u{ef}ve r\u{e9}sum\u{e9}.",
            "F\u{fc}r die Stra\u{df}e \u{fc}ber gr\u{f6}\u{df}er sch\u{f6}n M\u{e4}dchen.",
            "El a\u{f1}o pasado, m\u{e1}s informaci\u{f3}n est\u{e1} aqu\u{ed}. S\u{ed}, \u{e9}l dijo que s\u{ed}.",
            "O\u{f9} est la gare? \u{c0} c\u{f4}t\u{e9} de l'\u{e9}glise, tr\u{e8}s pr\u{e8}s.",
            "Copyright \u{a9} 2023 Microsoft\u{ae} \u{2013} all rights reserved\u{2026}",
        ] {
            let bytes: Vec<u8> = s.chars().map(|c| cp1252_byte(c, false).unwrap()).collect();
            assert_eq!(detect_bytes(&bytes), None, "{s}");
            assert_eq!(detect_reread(s), None, "{s}");
        }
        assert_eq!(detect_bytes(b""), None);
        assert_eq!(detect_bytes(b"plain ascii only"), None);
    }

    #[test]
    fn không_đụng_unicode_tiếng_việt() {
        for s in [
            "Báo cáo kết quả thực hiện nhiệm vụ năm 2023 – Công ty ABC® © 2023 … “trích dẫn”",
            "Có và là ® © – … đó",
            "UBND tỉnh Đồng Tháp, ngày 09 tháng 11 năm 2023",
        ] {
            assert_eq!(detect_reread(s), None, "{s}");
            assert_eq!(decode_viqr(s), None, "{s}");
        }
        assert_eq!(detect_reread("plain ascii"), None);
    }

    #[test]
    fn nhận_dạng_văn_bản_đã_đọc() {
        let (enc, conf) =
            detect_reread("B¸o c¸o kÕt qu¶ thùc hiÖn nhiÖm vô quý III/2023 cña UBND tØnh").unwrap();
        assert_eq!(enc, Encoding::Tcvn3);
        assert!(conf > 0.5);
        assert_eq!(
            detect_reread("Baùo caùo keát quaû thöïc hieän nhieäm vuï").map(|x| x.0),
            Some(Encoding::Vni)
        );
        // A mixed paste: Unicode header, TCVN3 body.
        let mixed = "Cộng hòa xã hội chủ nghĩa Việt Nam\nB¸o c¸o kÕt qu¶ thùc hiÖn nhiÖm vô n¨m 2023 cña ñy ban nh©n d©n tØnh\n";
        assert_eq!(detect_reread(mixed).map(|x| x.0), Some(Encoding::Tcvn3));
        let (s, m, n) = reread_lines(mixed, Encoding::Tcvn3);
        assert_eq!(n, 1);
        assert_eq!(s, "Cộng hòa xã hội chủ nghĩa Việt Nam\nBáo cáo kết quả thực hiện nhiệm vụ năm 2023 của ủy ban nhân dân tỉnh\n");
        check_map(&s, &m, mixed.len());
        let k = s.find("Báo").unwrap();
        assert_eq!(m.to_input(k), mixed.find("B¸o").unwrap());
    }

    #[test]
    fn viqr() {
        assert_eq!(
            decode_viqr("Ba'o ca'o ke^'t qua? tho+`i gian").as_deref(),
            Some("Báo cáo kết quả thời gian")
        );
        assert_eq!(
            decode_viqr("Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam\nDDo^.c la^.p - Tu+. do - Ha.nh phu'c").as_deref(),
            Some("Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc")
        );
        // Sentence-final full stop after a vowel stays punctuation; escaped marks are literal.
        assert_eq!(
            decode_viqr("To^i ddi ho.c. Anh ta ddi la`m\\.").as_deref(),
            Some("Tôi đi học. Anh ta đi làm.")
        );
        assert_eq!(
            decode_viqr("What? Is this English? I'm sure it's fine. See e.g. the docs."),
            None
        );
        assert_eq!(decode_viqr("x = a.b + c^2; y = (a+b)'"), None);
        let (s, m) = decode_viqr_mapped("ca'c ba.n").unwrap();
        assert_eq!(s, "các bạn");
        check_map(&s, &m, 9);
    }

    #[test]
    fn tên_phông() {
        for (f, e) in [
            (".VnTime", Some(Encoding::Tcvn3)),
            (".VnTimeH", Some(Encoding::Tcvn3)),
            (".VnArial", Some(Encoding::Tcvn3)),
            (".VnArial NarrowH", Some(Encoding::Tcvn3)),
            ("VnTime", Some(Encoding::Tcvn3)),
            ("VNTime", Some(Encoding::Tcvn3)),
            ("VnArialH(Ds)", Some(Encoding::Tcvn3)),
            ("ABCDEF+.VnTime", Some(Encoding::Tcvn3)),
            ("VNI-Times", Some(Encoding::Vni)),
            ("VNI-Helve", Some(Encoding::Vni)),
            ("VPS Times", Some(Encoding::Vps)),
            ("VNSTCVN3", Some(Encoding::Tcvn3)),
            ("VNSVNI2", Some(Encoding::Vni)),
            ("VISCII Times", Some(Encoding::Viscii)),
            ("Times New Roman", None),
            ("Arial", None),
            ("Verdana", None),
            ("vnexpress", None),
            ("", None),
        ] {
            assert_eq!(encoding_of_font(f), e, "{f}");
        }
    }

    #[test]
    fn không_hoảng_với_đầu_vào_bất_kỳ() {
        let mut all: Vec<u8> = (0..=255u8).collect();
        all.extend((0..=255u8).rev());
        for enc in CANDIDATES
            .iter()
            .copied()
            .chain([Encoding::Viqr, Encoding::Utf8])
        {
            let (s, m) = decode_bytes(&all, enc);
            check_map(&s, &m, all.len());
            let (s, m) = decode_bytes(&[], enc);
            assert!(s.is_empty());
            check_map(&s, &m, 0);
        }
        let _ = detect_bytes(&all);
        let text: String = (0..0x2000u32).filter_map(char::from_u32).collect();
        let _ = detect_reread(&text);
        let _ = reread(&text, Encoding::Tcvn3);
        let _ = decode_viqr(&text);
        let _ = decode_viqr("\\");
        let _ = decode_viqr("a");
        let _ = reread_lines(&text, Encoding::Vni);
    }
}
