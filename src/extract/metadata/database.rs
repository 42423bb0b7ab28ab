//! The database header of legal-text collections (LAWDATA and the sites that copied it): no
//! letterhead, the type, issuer, number and date stand in one sentence before the trích yếu,
//! often hard-wrapped over a few lines:
//! "Thông tư của Bộ Tài chính số 172/1998/TT/BTC ngày 22 tháng 12 năm 1998 Hướng dẫn …",
//! "Nghị định của Chính phủ số 114/2003/NĐ-CP ngày 10/10/2003 về …",
//! "Thông tư Liên tịch Bộ Tài chính - Công nghiệp - Tổng cục Hải quan Số 120/2000/TTLT-… ngày …".
//!
//! Only the opening block of the text is read (its first [`START_LINES`] non-blank lines may start
//! it, and it must start with a type name): the body cites documents in the same shape.

use super::{iso_date, re};
use crate::catalogue::doc_types::{self, DocTypeEntry};
use crate::catalogue::issuers;
use crate::extract::Doc;
use crate::fold::{fold, Folded};
use crate::limits::MAX_HEAD_LINE_BYTES;
use regex::Regex;
use std::sync::OnceLock;

/// What the header sentence says.
#[derive(Debug)]
pub(super) struct DatabaseHead {
    pub doc_type: &'static DocTypeEntry,
    /// The issuer as printed ("Bộ Tài chính", "Bộ trưởng Bộ Tài chính"), whitespace collapsed.
    pub issuer: String,
    pub number: String,
    /// Separator after the number as printed.
    pub sep: char,
    pub symbol: String,
    /// ISO date, and day and month as printed (for the zero-padding rule); whether written with
    /// slashes or dashes ("10/10/2003").
    pub date: String,
    pub date_raw: (String, String),
    pub date_numeric: bool,
    pub subject: Option<String>,
    /// First line of the block, and the line after it.
    pub line: usize,
    pub next: usize,
}

/// Non-blank lines at the top of the text where the header sentence may start (a repeated issuer
/// line such as "Chính phủ" may stand above it).
pub(super) const START_LINES: usize = 3;
/// Lines of the header block: the sentence and the trích yếu it runs into.
const BLOCK_LINES: usize = 8;
/// Longest issuer between the type name and "số" (words).
const ISSUER_WORDS: usize = 14;

struct Patterns {
    /// After the type name: "[của] <issuer> số[:] <number>/<symbol>[,] ngày <date>", folded.
    sentence: Regex,
    /// Lines that end the block: the preamble ("Căn cứ …", "- Căn cứ …").
    preamble: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let sym = r"([0-9a-z]+(?:(?:-\s?|\s*/\s*|\.)[0-9a-z]+)*)";
        let words = r"ng[a-z]{1,2}y\s+([0-9]{1,2})\s+th[a-z]{1,2}ng\s+([0-9]{1,2})\s+n[a-z]{1,2}m\s*([0-9]{4})";
        let numeric = r"ng[a-z]{1,2}y\s+([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})\s*[-/.]\s*([0-9]{4})";
        Patterns {
            sentence: re(&format!(
                r"^\s*(?:cua\s+)?(?:([^0-9;:.()]*?)\s+)?s[o06]\s*:?\s*([0-9]{{1,6}})\s*([/-])\s*{sym}\s*,?\s*(?:{words}|{numeric})"
            )),
            preamble: re(r"^[-+•–]?\s*can\s+cu(?-u:\b)"),
        }
    })
}

/// The header sentence at the top of the text, if there is one.
pub(super) fn read(doc: &Doc, lines: usize) -> Option<DatabaseHead> {
    let all = &doc.seg.lines;
    let lines = lines.min(all.len());
    let starts = (0..lines).filter(|&i| !all[i].is_blank(doc.text)).take(START_LINES);
    for s in starts {
        if let Some(h) = read_at(doc, s) {
            return Some(h);
        }
    }
    None
}

/// The header sentence starting at line `s`.
fn read_at(doc: &Doc, s: usize) -> Option<DatabaseHead> {
    let p = patterns();
    let all = &doc.seg.lines;
    // The block: non-blank lines from `s`, joined with spaces (hard wraps of one sentence).
    let mut joined = String::new();
    let mut line_starts: Vec<(usize, usize)> = Vec::new(); // (byte in `joined`, line index)
    let mut next = s;
    while next < all.len() && next < s + BLOCK_LINES {
        let l = &all[next];
        let t = l.text(doc.text).trim();
        if t.is_empty() || l.end - l.start > MAX_HEAD_LINE_BYTES || (next > s && p.preamble.is_match(&fold(t))) {
            break;
        }
        if !joined.is_empty() {
            joined.push(' ');
        }
        line_starts.push((joined.len(), next));
        joined.push_str(t);
        next += 1;
    }
    let folded = Folded::new(&joined, 0);
    // The type name opens the block; the longest one wins ("Thông tư liên tịch" over "Thông tư").
    let e = doc_types::all()
        .iter()
        .filter(|e| {
            folded.text.strip_prefix(e.folded.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
        })
        .max_by_key(|e| e.folded.len())?;
    let e = doc_types::by_heading(e.name, None).unwrap_or(e);
    let after_type = e.folded.len();
    let cap = p.sentence.captures(&folded.text[after_type..])?;
    let at = |k: usize| cap.get(k).map(|m| folded.origin_range(m.start() + after_type..m.end() + after_type));
    let text = |k: usize| at(k).map(|r| joined[r].to_owned());
    // The issuer: a short name, capitalised or starting with a kind of body ("Bộ", "Chính phủ").
    let issuer = text(1).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty())?;
    let capitalised = issuer.chars().next().is_some_and(char::is_uppercase) || issuers::body_prefix(&issuer).is_some();
    if issuer.split_whitespace().count() > ISSUER_WORDS || !capitalised {
        return None;
    }
    let number = text(2)?;
    let sep = if text(3)? == "-" { '-' } else { '/' };
    let symbol: String = text(4)?.chars().filter(|c| !c.is_whitespace()).collect();
    if !symbol.chars().any(char::is_alphabetic) {
        return None;
    }
    let (d, m, y, date_numeric) = match (text(5), text(6), text(7)) {
        (Some(d), Some(m), Some(y)) => (d, m, y, false),
        _ => (text(8)?, text(9)?, text(10)?, true),
    };
    let date = iso_date(&d, &m, &y)?;
    // The trích yếu: the rest of the block, up to a line repeating the issuer ("Chính phủ").
    let end_of_date = at(0)?.end;
    let issuer_folded = fold(&issuer);
    let cut = line_starts
        .iter()
        .find(|&&(k, _)| k > end_of_date && fold(line_at(&joined, &line_starts, k)).trim() == issuer_folded)
        .map(|&(k, i)| (k, i));
    let (subject_end, next) = match cut {
        Some((k, i)) => (k, i),
        None => (joined.len(), next),
    };
    let subject = subject(&joined[end_of_date..subject_end]);
    Some(DatabaseHead { doc_type: e, issuer, number, sep, symbol, date, date_raw: (d, m), date_numeric, subject, line: s, next })
}

/// The line of `joined` starting at byte `k`.
fn line_at<'j>(joined: &'j str, starts: &[(usize, usize)], k: usize) -> &'j str {
    let end = starts.iter().map(|&(s, _)| s).find(|&s| s > k).map_or(joined.len(), |s| s.saturating_sub(1));
    joined.get(k..end).unwrap_or("")
}

/// The trích yếu from what follows the date: separators and a final full stop dropped,
/// whitespace collapsed.
fn subject(rest: &str) -> Option<String> {
    let t = rest.trim().trim_start_matches([',', ':', ';', '-', '–']).trim();
    let t = t.strip_suffix('.').filter(|x| !x.ends_with("./")).unwrap_or(t).trim_end();
    let words: Vec<&str> = t.split_whitespace().collect();
    (!words.is_empty() && t.chars().any(char::is_alphabetic)).then(|| words.join(" "))
}
