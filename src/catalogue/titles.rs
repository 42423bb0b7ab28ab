//! Chức danh người ký (`data/signer-titles.tsv`) → the printed spelling of a title printed
//! without diacritics (OCR, unaccented text).

use super::rows;
use super::spellings::{unaccented_key, Spellings};
use std::sync::OnceLock;

static DATA: &str = include_str!("../../data/signer-titles.tsv");

/// Printed titles by folded title.
fn printed() -> &'static Spellings {
    static TABLE: OnceLock<Spellings> = OnceLock::new();
    TABLE.get_or_init(|| Spellings::new(rows(DATA).filter_map(|r| r.first().copied().filter(|t| !t.is_empty()))))
}

/// A signer's title printed without any diacritic written as the catalogue writes it, in the
/// case it was printed in: "CHU TICH" → "CHỦ TỊCH", "Pho Giam doc" → "Phó giám đốc". Only a
/// whole title of the catalogue; text with a diacritic anywhere is left to the caller as is.
pub fn restore_diacritics(s: &str) -> Option<String> {
    let title = printed().get(&unaccented_key(s)?)?;
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
        assert!(printed().unambiguous());
        assert_eq!(printed().len(), all.len(), "no duplicates");
    }
}
