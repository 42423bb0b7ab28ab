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
static WORDS: &str = include_str!("../../data/citation-words.tsv");
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

/// What a word of `data/citation-words.tsv` does around a citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordRole {
    /// Starts the rest of the clause after an issuer (folded word or phrase): "của Chính phủ quy
    /// định …", "ban hành".
    IssuerStop,
    /// Starts the rest of the sentence after a law's name, as printed or folded (OCR).
    LawStop,
    /// Ends a law's name only as printed ("sẽ", "hoặc"; "vi phạm" is not "vì").
    LawStopPrinted,
    /// A word in lower case after "Luật" that starts no law's name ("Luật định", "Luật sư").
    NotLawName,
    /// A connector (folded) left at the end of an issuer before the next citation ("… Quốc hội
    /// và"): dropped.
    IssuerConnector,
}

/// The words of one role, in file order.
pub fn words(role: WordRole) -> &'static [&'static str] {
    static TABLE: OnceLock<Vec<(WordRole, &'static str)>> = OnceLock::new();
    static BY_ROLE: OnceLock<[Vec<&'static str>; 5]> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        rows(WORDS)
            .filter(|r| r.len() >= 2)
            .filter_map(|r| {
                let role = match r[1] {
                    "issuer-stop" => WordRole::IssuerStop,
                    "law-stop" => WordRole::LawStop,
                    "law-stop-printed" => WordRole::LawStopPrinted,
                    "not-law-name" => WordRole::NotLawName,
                    "issuer-connector" => WordRole::IssuerConnector,
                    _ => return None,
                };
                Some((role, r[0]))
            })
            .collect()
    });
    let by_role = BY_ROLE.get_or_init(|| {
        let of = |want: WordRole| table.iter().filter(|(r, _)| *r == want).map(|(_, w)| *w).collect();
        [of(WordRole::IssuerStop), of(WordRole::LawStop), of(WordRole::LawStopPrinted), of(WordRole::NotLawName), of(WordRole::IssuerConnector)]
    });
    &by_role[role as usize]
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

/// Is `code` a code of a symbol as printed: a known issuer or type code ("CP", "HĐBT", "TTLB",
/// "NĐ")?
pub fn is_known_code(code: &str) -> bool {
    known_codes().iter().any(|c| c == code) || d_codes().iter().any(|c| c == code) || super::doc_types::by_code(code, None).is_some_and(|e| e.code == code)
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
    fn từ_quanh_trích_dẫn() {
        for role in [WordRole::IssuerStop, WordRole::LawStop, WordRole::LawStopPrinted, WordRole::NotLawName, WordRole::IssuerConnector] {
            let ws = words(role);
            assert!(!ws.is_empty(), "{role:?} empty");
            let mut seen = std::collections::HashSet::new();
            for w in ws {
                assert!(seen.insert(*w), "{w} twice in {role:?}");
                assert_eq!(w.to_lowercase(), *w, "{w} not in lower case");
            }
        }
        // Issuer stops are compared folded.
        assert!(words(WordRole::IssuerStop).iter().all(|w| fold(w) == *w));
        assert!(words(WordRole::IssuerStop).contains(&"quy"));
        // A phrase stops whole ("ban hành", not "ban").
        assert!(words(WordRole::IssuerStop).contains(&"ban hanh") && !words(WordRole::IssuerStop).contains(&"ban"));
        assert!(words(WordRole::LawStop).contains(&"của"));
        assert!(words(WordRole::NotLawName).contains(&"định"));
        assert!(words(WordRole::IssuerConnector).iter().all(|w| fold(w) == *w) && words(WordRole::IssuerConnector).contains(&"va"));
        // Every row has a known role.
        assert_eq!(rows(WORDS).count(), [WordRole::IssuerStop, WordRole::LawStop, WordRole::LawStopPrinted, WordRole::NotLawName, WordRole::IssuerConnector].iter().map(|r| words(*r).len()).sum::<usize>());
    }

    #[test]
    fn mã_ký_hiệu_đã_biết() {
        for c in ["CP", "HĐBT", "TTLB", "NĐ", "UBND"] {
            assert!(is_known_code(c), "{c}");
        }
        for c in ["HDBT", "ABC", "Bộ"] {
            assert!(!is_known_code(c), "{c}");
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
