//! Tên loại văn bản được viện dẫn (`data/citation-types.tsv`) and the Đ-bearing symbol codes
//! (`data/symbol-codes.tsv`) → type lookup by folded words and OCR repair of symbols.

use super::rows;
use crate::fold::fold;
use std::sync::OnceLock;

/// A citable document type.
#[derive(Debug, Clone)]
pub struct CitationType {
    /// Name in sentence case: "Quyết định".
    pub name: &'static str,
    /// May be cited by name alone ("Luật Đất đai").
    pub numberless: bool,
    /// Folded words: ["quyet", "dinh"].
    pub words: Vec<String>,
    /// Abbreviations of the type as printed before a symbol ("QĐ 280/TTg"): ["QĐ"].
    pub abbreviations: Vec<&'static str>,
}

static TYPES: &str = include_str!("../../data/citation-types.tsv");
static CODES: &str = include_str!("../../data/symbol-codes.tsv");

/// Known codes without "Đ" (issuers such as CP, TW, UBND), from `data/symbol-codes.tsv`.
fn known_codes() -> &'static [String] {
    static TABLE: OnceLock<Vec<String>> = OnceLock::new();
    TABLE.get_or_init(|| rows(CODES).filter(|r| !r.is_empty() && !r[0].contains('Đ')).map(|r| r[0].to_owned()).collect())
}

/// Every type, most words first (so "Chương trình hành động" is tried before "Chương trình").
pub fn types() -> &'static [CitationType] {
    static TABLE: OnceLock<Vec<CitationType>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut v: Vec<CitationType> = rows(TYPES)
            .filter(|r| r.len() >= 2)
            .map(|r| CitationType {
                name: r[0],
                numberless: r[1] == "yes",
                words: fold(r[0]).split_whitespace().map(str::to_owned).collect(),
                abbreviations: r.get(2).map_or(Vec::new(), |a| a.split(',').map(str::trim).filter(|a| !a.is_empty()).collect()),
            })
            .collect();
        crate::sort::sort_by_key(&mut v, |t| std::cmp::Reverse(t.words.len()));
        v
    })
}

/// The type whose abbreviation is `word` exactly as printed ("QĐ" → Quyết định; "qđ", "Qđ" are
/// not abbreviations).
pub fn by_abbreviation(word: &str) -> Option<&'static CitationType> {
    types().iter().find(|t| t.abbreviations.contains(&word))
}

/// Codes that contain "Đ" (symbol codes and document-type codes), for OCR repair.
pub fn d_codes() -> &'static [String] {
    static TABLE: OnceLock<Vec<String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut v: Vec<String> = rows(CODES).filter(|r| !r.is_empty() && r[0].contains('Đ')).map(|r| r[0].to_owned()).collect();
        for e in super::doc_types::all() {
            if e.code.contains('Đ') && !v.iter().any(|c| c == e.code) {
                v.push(e.code.to_owned());
            }
        }
        v
    })
}

/// One segment of a symbol with OCR's readings of "Đ" (D, Ð, P, B) put back when the segment is
/// a known Đ-code letter for letter otherwise ("QD" → "QĐ", "HPND" → "HĐND", "NB" → "NĐ").
pub fn repair_segment(seg: &str) -> Option<&'static str> {
    // A segment that is itself a known code ("CP", "TW", "UBND") is never a misread one.
    if known_codes().iter().any(|c| c == seg) || super::doc_types::by_code(seg, None).is_some_and(|e| e.code == seg) {
        return None;
    }
    let s: Vec<char> = seg.chars().collect();
    d_codes().iter().find(|c| {
        let c: Vec<char> = c.chars().collect();
        c.len() == s.len()
            && c.iter().zip(&s).all(|(&a, &b)| a == b || (a == 'Đ' && matches!(b, 'D' | 'Ð' | 'P' | 'B' | 'đ')) || (a.is_lowercase() && a == b.to_ascii_lowercase()))
            && c.iter().zip(&s).any(|(&a, &b)| a != b)
    }).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danh_mục_loại_không_trùng() {
        let mut seen = std::collections::HashSet::new();
        for t in types() {
            assert!(seen.insert(t.words.join(" ")), "{} twice", t.name);
        }
        assert!(types().iter().any(|t| t.name == "Luật" && t.numberless));
        let mut codes = std::collections::HashSet::new();
        assert!(known_codes().iter().any(|c| c == "CP"));
        assert_eq!(repair_segment("CP"), None);
        for c in d_codes() {
            assert!(c.contains('Đ'), "{c} has no Đ");
            assert!(codes.insert(c.clone()), "{c} twice");
        }
    }

    #[test]
    fn chữ_viết_tắt_của_loại() {
        assert_eq!(by_abbreviation("QĐ").map(|t| t.name), Some("Quyết định"));
        assert_eq!(by_abbreviation("NQ").map(|t| t.name), Some("Nghị quyết"));
        assert_eq!(by_abbreviation("TTLT").map(|t| t.name), Some("Thông tư liên tịch"));
        assert!(by_abbreviation("qđ").is_none());
        assert!(by_abbreviation("UBND").is_none());
        let mut seen = std::collections::HashSet::new();
        for t in types() {
            for a in &t.abbreviations {
                assert!(a.chars().all(|c| c.is_uppercase()), "{a} is not in capitals");
                assert!(seen.insert(*a), "{a} twice");
            }
        }
    }

    #[test]
    fn sửa_đ_do_ocr() {
        assert_eq!(repair_segment("QD"), Some("QĐ"));
        assert_eq!(repair_segment("HPND"), Some("HĐND"));
        assert_eq!(repair_segment("NB"), Some("NĐ"));
        assert_eq!(repair_segment("QB"), Some("QĐ"));
        assert_eq!(repair_segment("BGDDT"), Some("BGDĐT"));
        assert_eq!(repair_segment("DA"), None, "DA is Dự án, not a misread ĐA");
        assert_eq!(repair_segment("QĐ"), None);
        assert_eq!(repair_segment("UBND"), None);
    }
}
