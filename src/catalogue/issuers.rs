//! Cơ quan ban hành (`data/issuers.tsv`) → abbreviations, body words and level words, folded, for
//! reading letterheads and signature blocks.

use super::rows;
use crate::fold::fold;
use crate::report::Family;
use std::sync::OnceLock;

/// What a catalogue form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Abbreviation in symbols and letterheads ("UBND", "HU").
    Abbr,
    /// Name of a kind of body ("Ủy ban nhân dân", "Sở").
    Body,
    /// Administrative level word ("huyện", "thị trấn").
    Level,
}

/// One catalogue row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerEntry {
    /// Form as printed ("UBND", "Ủy ban nhân dân", "huyện").
    pub form: &'static str,
    /// Expansion in full.
    pub expansion: &'static str,
    /// Kind of form.
    pub kind: Kind,
    /// Family using it; `None` = both.
    pub family: Option<Family>,
    /// The body decides collectively: its head signs "TM." / "T/M".
    pub collective: bool,
    /// `form` folded.
    pub folded: String,
}

static DATA: &str = include_str!("../../data/issuers.tsv");

/// Every row, in file order.
pub fn all() -> &'static [IssuerEntry] {
    static TABLE: OnceLock<Vec<IssuerEntry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        rows(DATA)
            .filter(|r| r.len() >= 5)
            .map(|r| IssuerEntry {
                form: r[0],
                expansion: r[1],
                kind: match r[2] {
                    "abbr" => Kind::Abbr,
                    "level" => Kind::Level,
                    _ => Kind::Body,
                },
                family: match r[3] {
                    "state" => Some(Family::State),
                    "party" => Some(Family::Party),
                    _ => None,
                },
                collective: r[4] == "yes",
                folded: fold(r[0]),
            })
            .collect()
    })
}

/// Whether the folded `words` start with the folded `form` as whole words.
fn starts_with_words(words: &str, form: &str) -> bool {
    words.strip_prefix(form).is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
}

/// The longest body word or abbreviation a line starts with ("ỦY BAN NHÂN DÂN HUYỆN …" → Ủy ban
/// nhân dân; "UBND TỈNH …" → UBND).
pub fn body_prefix(line: &str) -> Option<&'static IssuerEntry> {
    let f = fold(line.trim());
    all()
        .iter()
        .filter(|e| e.kind != Kind::Level && starts_with_words(&f, &e.folded))
        .max_by_key(|e| e.folded.len())
}

/// The level word a line starts with ("HUYỆN THÁP MƯỜI" → huyện).
pub fn level_prefix(line: &str) -> Option<&'static IssuerEntry> {
    let f = fold(line.trim());
    all().iter().filter(|e| e.kind == Kind::Level && starts_with_words(&f, &e.folded)).max_by_key(|e| e.folded.len())
}

/// The abbreviation `code` (folded comparison: OCR prints "HDND" for "HĐND").
pub fn abbreviation(code: &str) -> Option<&'static IssuerEntry> {
    let f = fold(code);
    all().iter().find(|e| e.kind == Kind::Abbr && e.folded == f)
}

/// A body's name printed without any diacritic (OCR) written as the catalogue writes it, in the
/// case it was printed in: "UY BAN NHAN DAN" → "ỦY BAN NHÂN DÂN", "BAN THUONG VU" → "BAN THƯỜNG
/// VỤ". Only a whole body name of the catalogue, and only one that no other name folds to.
pub fn restore_body(s: &str) -> Option<String> {
    static TABLE: OnceLock<super::spellings::Spellings> = OnceLock::new();
    let table = TABLE.get_or_init(|| super::spellings::Spellings::new(all().iter().filter(|e| e.kind == Kind::Body).map(|e| e.form)));
    let form = table.get(&super::spellings::unaccented_key(s)?)?;
    Some(crate::letters::in_case_of(s, &form.to_uppercase()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn khôi_phục_dấu_tên_cơ_quan_ký() {
        assert_eq!(restore_body("UY BAN NHAN DAN").as_deref(), Some("ỦY BAN NHÂN DÂN"));
        assert_eq!(restore_body("BAN  THUONG VU").as_deref(), Some("BAN THƯỜNG VỤ"));
        assert_eq!(restore_body("ỦY BAN NHÂN DÂN"), None, "already printed with diacritics");
        assert_eq!(restore_body("UY BAN NHAN DAN HUYEN"), None, "only whole names");
    }

    use super::*;

    #[test]
    fn danh_mục_đủ_cột_không_trùng() {
        assert_eq!(rows(DATA).filter(|r| r.len() != 5).count(), 0, "every row has 5 columns");
        let t = all();
        assert!(t.len() >= 50);
        for (i, a) in t.iter().enumerate() {
            for b in &t[i + 1..] {
                assert!(!(a.kind == b.kind && a.folded == b.folded), "{} twice", a.form);
            }
        }
    }

    #[test]
    fn ví_dụ() {
        assert_eq!(body_prefix("ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI").unwrap().expansion, "Ủy ban nhân dân");
        assert_eq!(body_prefix("UBND TỈNH ĐỒNG THÁP").unwrap().form, "UBND");
        assert_eq!(body_prefix("BAN THƯỜNG VỤ").unwrap().form, "Ban Thường vụ");
        assert!(body_prefix("BANG TỔNG HỢP").is_none());
        assert_eq!(level_prefix("HUYEN THAP MUOI").unwrap().form, "huyện");
        assert_eq!(level_prefix("THỊ TRẤN MỸ AN").unwrap().form, "thị trấn");
        assert!(abbreviation("HDND").unwrap().collective);
        assert!(abbreviation("VP").is_some_and(|e| !e.collective));
    }
}
