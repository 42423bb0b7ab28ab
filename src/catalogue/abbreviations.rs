//! Chữ viết tắt (`data/abbreviations.tsv`) → expansion lookup by exact abbreviation.

use super::rows;
use std::sync::OnceLock;

static DATA: &str = include_str!("../../data/abbreviations.tsv");

/// (abbreviation, expansion) pairs in file order.
pub fn all() -> &'static [(&'static str, &'static str)] {
    static TABLE: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| rows(DATA).filter(|r| r.len() >= 2).map(|r| (r[0], r[1])).collect())
}

/// Expansion of `abbr` (case-sensitive: "TU" is Tỉnh ủy, "tu" is a word).
pub fn expand(abbr: &str) -> Option<&'static str> {
    all().iter().find(|(a, _)| *a == abbr).map(|(_, e)| *e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn không_trùng_và_đủ_cột() {
        let mut seen = std::collections::HashSet::new();
        for (a, e) in all() {
            assert!(seen.insert(*a), "{a} twice");
            assert!(!e.is_empty());
        }
        assert_eq!(rows(DATA).filter(|r| r.len() != 3).count(), 0);
        assert_eq!(expand("UBND"), Some("Ủy ban nhân dân"));
        assert_eq!(expand("MTTQ"), Some("Mặt trận Tổ quốc"));
        assert_eq!(expand("ubnd"), None);
    }
}
