//! Chức danh người ký (`data/signer-titles.tsv`) → the printed spelling of a title printed
//! without diacritics (OCR, unaccented text).

use super::rows;
use crate::fold::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

static DATA: &str = include_str!("../../data/signer-titles.tsv");

/// Printed titles by folded title; `None` where two titles fold alike.
fn printed() -> &'static HashMap<String, Option<&'static str>> {
    static TABLE: OnceLock<HashMap<String, Option<&'static str>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m: HashMap<String, Option<&'static str>> = HashMap::new();
        for r in rows(DATA).filter(|r| !r.is_empty() && !r[0].is_empty()) {
            let e = m.entry(fold(r[0])).or_insert(Some(r[0]));
            if *e != Some(r[0]) {
                *e = None;
            }
        }
        m
    })
}

/// A signer's title printed without any diacritic written as the catalogue writes it, in the
/// case it was printed in: "CHU TICH" → "CHỦ TỊCH", "Pho Giam doc" → "Phó giám đốc". Only a
/// whole title of the catalogue; text with a diacritic anywhere is left to the caller as is.
pub fn restore_diacritics(s: &str) -> Option<String> {
    if !s.is_ascii() || !s.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let f = fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
    let title = (*printed().get(&f)?)?;
    Some(crate::letters::in_case_of(s, title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn khôi_phục_dấu_chức_danh() {
        assert_eq!(restore_diacritics("CHU TICH").as_deref(), Some("CHỦ TỊCH"));
        assert_eq!(restore_diacritics("PHO  CHU TICH").as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(restore_diacritics("Pho Giam doc").as_deref(), Some("Phó giám đốc"));
        assert_eq!(restore_diacritics("CHỦ TỊCH"), None, "already printed with diacritics");
        assert_eq!(restore_diacritics("CHU TICH UBND HUYEN"), None, "only whole titles");
        assert_eq!(restore_diacritics("NGUYEN VAN A"), None);
    }

    #[test]
    fn danh_mục_chức_danh_hợp_lệ() {
        let all: Vec<_> = rows(DATA).collect();
        assert!(all.len() >= 40);
        for r in &all {
            assert_eq!(r.len(), 1, "one column: {r:?}");
            assert_eq!(r[0], r[0].to_uppercase(), "titles in capitals: {}", r[0]);
            assert!(!r[0].is_ascii(), "a title with diacritics: {}", r[0]);
            assert!(crate::catalogue::syllables::words(r[0]).all(crate::catalogue::syllables::is_syllable), "Vietnamese syllables: {}", r[0]);
        }
        // No two titles fold alike (they would both be dropped from the lookup).
        assert!(printed().values().all(Option::is_some));
        assert_eq!(printed().len(), all.len(), "no duplicates");
    }
}
