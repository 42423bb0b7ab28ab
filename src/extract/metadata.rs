//! Metadata: the document head (letterhead, số/ký hiệu, địa danh–ngày, tên loại, trích yếu) →
//! [`Metadata`] fields and diagnostics.
//!
//! Patterns run on the *folded* head lines (lowercase, no diacritics: see [`crate::fold`]), so the
//! same rule reads "Số: 7763/BC-UBND", "So: 7763/BC-UBND" and "ngay 09 thang 11 nam 2023"; values
//! are then cut from the original text through the fold map, so they are reported as printed.
//! Only the head (the first [`HEAD_LINES`] lines) is searched: the body cites other documents
//! with numbers and dates of their own.

use super::Doc;
use crate::catalogue::doc_types::{self, DocTypeEntry};
use crate::fold::{fold, Folded};
use crate::limits::{HEAD_LINES, MAX_HEAD_LINE_BYTES};
use crate::report::{DocType, Family, Metadata, Period, Severity, Diagnostic};
use regex::Regex;
use std::sync::OnceLock;

/// Regex fragments over folded text. Each pattern's doc says what it reads.
struct Patterns {
    /// "Số: 7763/BC-UBND", "Số: 139-KH/HU", "Số: 12/2023/QĐ-UBND" (spaces around the separator
    /// tolerated: OCR prints "7763 /BC-UBND"; "Số" also as OCR prints it without the Vietnamese
    /// model: "S6", "Sé", "S0").
    number_symbol: Regex,
    /// ", ngày 09 tháng 11 năm 2023" (Nghị định 30/2020 Phụ lục I) at the start of a line or after a comma.
    date_words: Regex,
    /// ", ngày 01-10-1997" (older Party practice).
    date_dashes: Regex,
    /// Quốc hiệu and tiêu ngữ of the state; the Party title. Only on short lines of their own
    /// (≤ [`MOTTO_LINE_CHARS`]): the body mentions "nước Cộng hòa xã hội chủ nghĩa Việt Nam" too.
    state_motto: Regex,
    party_motto: Regex,
    /// Reporting period inside the subject: quý, N tháng (đầu năm), năm.
    quarter: Regex,
    months: Regex,
    year: Regex,
    /// A separator line under the subject ("-----", "___").
    rule: Regex,
    /// A numbered line ("I. …", "1. …", "a) …"): body, not subject.
    numbered: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("metadata pattern compiles (covered by tests)");
        Patterns {
            number_symbol: re(r"(?:^|[^a-z0-9])s[o06e]\s*:\s*(\d{1,6})\s*([/-])\s*([0-9a-z]+(?:\s*[-/.]\s*[0-9a-z]+)*)"),
            date_words: re(r"(?:^|,)\s*ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})"),
            date_dashes: re(r"(?:^|,)\s*ngay\s+(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})"),
            state_motto: re(r"cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc"),
            party_motto: re(r"^\s*dang cong san viet nam\s*$"),
            quarter: re(r"\bqu[yi]\s+(iv|i{1,3}|[1-4])\s*(?:/|-|nam)\s*(\d{4})"),
            months: re(r"\b(\d{1,2})\s+thang\s+(dau\s+nam|cuoi\s+nam|nam)\s+(\d{4})"),
            year: re(r"\bnam\s+(\d{4})\b"),
            rule: re(r"^[-_=*.~\s]{3,}$"),
            numbered: re(r"^(?:[IVXL]+|\d{1,2}|[a-zđ])\s*[.)]\s"),
        }
    })
}

/// Longest line (chars) that can carry the quốc hiệu or tiêu ngữ: the two-column letterhead merged
/// on one line ("UBND HUYỆN … CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") is about 90.
const MOTTO_LINE_CHARS: usize = 120;

/// A head line: its index, byte range in the text and folded form.
struct HeadLine {
    index: usize,
    start: usize,
    end: usize,
    folded: Folded,
}

/// Extracts the metadata fields and their diagnostics.
pub fn extract(doc: &Doc) -> (Metadata, Vec<Diagnostic>) {
    let p = patterns();
    let mut md = Metadata::default();
    let mut diags = Vec::new();
    let head: Vec<HeadLine> = doc
        .seg
        .lines
        .iter()
        .enumerate()
        .take(HEAD_LINES)
        .filter(|(_, l)| l.end - l.start <= MAX_HEAD_LINE_BYTES)
        .map(|(i, l)| HeadLine { index: i, start: l.start, end: l.end, folded: Folded::new(l.text(doc.text), l.start) })
        .collect();

    // Family and motto: quốc hiệu / tiêu ngữ or the Party title.
    let short = |h: &&HeadLine| h.folded.text.trim().chars().count() <= MOTTO_LINE_CHARS;
    if head.iter().filter(short).any(|h| p.party_motto.is_match(&h.folded.text)) {
        md.family = Some(Family::Party);
        md.motto = true;
    } else if head.iter().filter(short).any(|h| p.state_motto.is_match(&h.folded.text)) {
        md.family = Some(Family::State);
        md.motto = true;
    }

    // Số, ký hiệu.
    let mut symbol_end: Option<(usize, usize)> = None; // (line index, byte end)
    for h in &head {
        let Some(c) = p.number_symbol.captures(&h.folded.text) else { continue };
        let (Some(n), Some(sep), Some(sym)) = (c.get(1), c.get(2), c.get(3)) else { continue };
        let orig = |m: regex::Match| &doc.text[h.folded.origin_range(m.range())];
        let symbol: String = orig(sym).chars().filter(|c| !c.is_whitespace()).collect();
        if !symbol.chars().any(char::is_alphabetic) {
            continue;
        }
        let number = orig(n).to_owned();
        md.number_symbol = Some(format!("{number}{}{symbol}", sep.as_str()));
        md.number = Some(number);
        md.symbol = Some(symbol);
        symbol_end = Some((h.index, h.folded.origin(sym.end())));
        if md.family.is_none() {
            // Party symbols put a hyphen after the number ("139-KH/HU"), state ones a slash.
            md.family = Some(if sep.as_str() == "-" { Family::Party } else { Family::State });
        }
        break;
    }
    if md.number_symbol.is_none() {
        diags.push(doc.diagnostic(
            Severity::Info,
            "metadata.numberSymbol.missing",
            "Không tìm thấy số, ký hiệu văn bản (dòng \"Số: …\") ở phần đầu văn bản.".into(),
            None,
        ));
    }

    // Địa danh và ngày tháng năm.
    for h in &head {
        let f = &h.folded.text;
        let Some(c) = p.date_words.captures(f).or_else(|| p.date_dashes.captures(f)) else { continue };
        let (Some(d), Some(m), Some(y), Some(all)) = (c.get(1), c.get(2), c.get(3), c.get(0)) else { continue };
        let Some(iso) = iso_date(d.as_str(), m.as_str(), y.as_str()) else { continue };
        md.date = Some(iso);
        // The place is what precedes the comma, after the number if the letterhead was merged
        // onto one line ("S6: 7763 /BC-UBND Tháp Mười, ngày …").
        let from = match symbol_end {
            Some((line, end)) if line == h.index => end,
            _ => h.start,
        };
        let to = h.folded.origin(all.start());
        if from < to {
            md.place = place(&doc.text[from..to]);
        }
        break;
    }
    if md.date.is_none() {
        diags.push(doc.diagnostic(
            Severity::Info,
            "metadata.date.missing",
            "Không tìm thấy ngày ban hành (\"…, ngày … tháng … năm …\") ở phần đầu văn bản.".into(),
            None,
        ));
    }

    // Tên loại văn bản: the heading line, else the symbol, else a "V/v" line (công văn).
    let mut heading_line = None;
    for h in &head {
        let line = &doc.text[h.start..h.end];
        if line.trim().chars().count() > 60 || !mostly_uppercase(line) {
            continue;
        }
        if let Some(e) = doc_types::by_heading(line, md.family) {
            md.doc_type = Some(doc_type(e));
            heading_line = Some(h.index);
            break;
        }
    }
    if md.doc_type.is_none() {
        if let Some(e) = md.symbol.as_deref().and_then(|s| type_code(s, md.family)).and_then(|c| doc_types::by_code(c, md.family)) {
            md.doc_type = Some(doc_type(e));
            diags.push(doc.diagnostic(
                Severity::Info,
                "metadata.docType.fromSymbol",
                format!("Không thấy dòng tên loại văn bản; loại \"{}\" suy ra từ ký hiệu {}.", e.name, md.symbol.as_deref().unwrap_or("")),
                None,
            ));
        }
    }

    // Trích yếu: the lines under the type heading, or the "V/v …" line of a công văn.
    if let Some(h) = heading_line {
        md.subject = subject_after(doc, h);
    }
    if md.subject.is_none() {
        if let Some(h) = head.iter().find(|h| h.folded.text.trim_start().starts_with("v/v")) {
            md.subject = Some(doc.text[h.start..h.end].trim().to_owned());
            if md.doc_type.is_none() {
                if let Some(e) = doc_types::by_code("CV", md.family) {
                    md.doc_type = Some(doc_type(e));
                }
            }
        }
    }
    if md.doc_type.is_none() {
        diags.push(doc.diagnostic(
            Severity::Warning,
            "metadata.docType.missing",
            "Không xác định được loại văn bản (không có dòng tên loại, ký hiệu không cho biết loại).".into(),
            None,
        ));
    }
    md.period = md.subject.as_deref().and_then(period);
    (md, diags)
}

fn doc_type(e: &DocTypeEntry) -> DocType {
    DocType { code: e.code.to_owned(), name: e.name.to_owned() }
}

/// The type abbreviation inside a symbol: state "BC-UBND" → "BC", "2023/QĐ-UBND" → "QĐ";
/// Party "KH/HU" → "KH".
fn type_code(symbol: &str, family: Option<Family>) -> Option<&str> {
    let rest = symbol.trim_start_matches(|c: char| c.is_ascii_digit() || c == '/');
    let code = if family == Some(Family::Party) { rest.split('/').next() } else { rest.split('-').next() }?;
    (!code.is_empty() && code != rest).then_some(code)
}

/// ISO date from day, month, year strings, if they make a calendar date.
pub(crate) fn iso_date(d: &str, m: &str, y: &str) -> Option<String> {
    let (d, m, y): (u32, u32, u32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1..=days).contains(&d) && (1900..=2100).contains(&y)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A place name: one to six words of letters, starting with a capital letter.
fn place(s: &str) -> Option<String> {
    let t = s.trim().trim_matches(|c: char| !c.is_alphanumeric()).trim();
    let words = t.split_whitespace().count();
    let starts_upper = t.chars().next().is_some_and(char::is_uppercase);
    let letters_only = t.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '.');
    (starts_upper && letters_only && (1..=6).contains(&words)).then(|| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// At least 80% of the letters are capitals (type headings are printed in capitals).
fn mostly_uppercase(s: &str) -> bool {
    let (mut letters, mut upper) = (0, 0);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    letters >= 2 && upper * 5 >= letters * 4
}

/// The trích yếu: lines under the type heading. Blank lines between its lines are allowed when the
/// next line continues the sentence (starts in lower case, as PDF text with spaced lines does).
fn subject_after(doc: &Doc, heading: usize) -> Option<String> {
    let p = patterns();
    let lines = &doc.seg.lines;
    let mut parts: Vec<&str> = Vec::new();
    let mut i = heading + 1;
    let mut blank_run = 0;
    while i < lines.len() && parts.len() < 6 {
        let t = lines[i].text(doc.text).trim();
        i += 1;
        if t.is_empty() {
            blank_run += 1;
            continue;
        }
        let folded = fold(t);
        let stop = p.rule.is_match(t)
            || folded.starts_with("kinh gui")
            || folded.starts_with("can cu")
            || p.numbered.is_match(t)
            || t.chars().count() > 200
            || (!parts.is_empty() && blank_run > 0 && !t.chars().next().is_some_and(char::is_lowercase));
        if stop {
            break;
        }
        parts.push(t);
        blank_run = 0;
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The reporting period named in the subject.
fn period(subject: &str) -> Option<Period> {
    let p = patterns();
    let f = fold(subject);
    if let Some(c) = p.quarter.captures(&f) {
        let q: u8 = match &c[1] {
            "i" | "1" => 1,
            "ii" | "2" => 2,
            "iii" | "3" => 3,
            _ => 4,
        };
        let y: i32 = c[2].parse().ok()?;
        let (m0, m1) = (u32::from(q) * 3 - 2, u32::from(q) * 3);
        let last = iso_date(if m1 == 6 || m1 == 9 { "30" } else { "31" }, &m1.to_string(), &y.to_string());
        return Some(Period {
            label: format!("quý {}/{y}", ["I", "II", "III", "IV"][usize::from(q) - 1]),
            year: Some(y),
            quarter: Some(q),
            months: Some(3),
            from: iso_date("1", &m0.to_string(), &y.to_string()),
            to: last,
        });
    }
    if let Some(c) = p.months.captures(&f) {
        let n: u8 = c[1].parse().ok()?;
        let y: i32 = c[3].parse().ok()?;
        if (1..=12).contains(&n) && c[2].starts_with("dau") {
            let last_day = match n { 2 => if iso_date("29", "2", &y.to_string()).is_some() { 29 } else { 28 }, 4 | 6 | 9 | 11 => 30, _ => 31 };
            return Some(Period {
                label: format!("{n} tháng đầu năm {y}"),
                year: Some(y),
                quarter: None,
                months: Some(n),
                from: iso_date("1", "1", &y.to_string()),
                to: iso_date(&last_day.to_string(), &n.to_string(), &y.to_string()),
            });
        }
    }
    let c = p.year.captures(&f)?;
    let y: i32 = c[1].parse().ok()?;
    Some(Period {
        label: format!("năm {y}"),
        year: Some(y),
        quarter: None,
        months: Some(12),
        from: iso_date("1", "1", &y.to_string()),
        to: iso_date("31", "12", &y.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ngày_hợp_lệ_và_không_hợp_lệ() {
        assert_eq!(iso_date("9", "11", "2023").as_deref(), Some("2023-11-09"));
        assert_eq!(iso_date("29", "2", "2024").as_deref(), Some("2024-02-29"));
        assert_eq!(iso_date("29", "2", "2023"), None);
        assert_eq!(iso_date("31", "4", "2023"), None);
        assert_eq!(iso_date("1", "13", "2023"), None);
    }

    #[test]
    fn mã_loại_trong_ký_hiệu() {
        assert_eq!(type_code("BC-UBND", Some(Family::State)), Some("BC"));
        assert_eq!(type_code("2023/QĐ-UBND", None), Some("QĐ"));
        assert_eq!(type_code("KH/HU", Some(Family::Party)), Some("KH"));
        assert_eq!(type_code("UBTVQH15", None), None);
    }

    #[test]
    fn kỳ_báo_cáo() {
        let q = period("Tình hình thực hiện nhiệm vụ quí III/2023").unwrap();
        assert_eq!((q.label.as_str(), q.quarter, q.from.as_deref(), q.to.as_deref()), ("quý III/2023", Some(3), Some("2023-07-01"), Some("2023-09-30")));
        let h = period("Kết quả 6 tháng đầu năm 2024").unwrap();
        assert_eq!((h.months, h.to.as_deref()), (Some(6), Some("2024-06-30")));
        let y = period("Kết quả thực hiện công tác dân vận chính quyền năm 2023").unwrap();
        assert_eq!((y.label.as_str(), y.year), ("năm 2023", Some(2023)));
        assert!(period("Về việc tổ chức hội nghị").is_none());
    }
}
