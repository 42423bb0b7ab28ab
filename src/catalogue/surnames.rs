//! Họ người Việt (`data/surnames.tsv`) → folded set, to recognise a signer's name line.

use super::rows;
use crate::fold::fold;
use std::collections::HashSet;
use std::sync::OnceLock;

static DATA: &str = include_str!("../../data/surnames.tsv");

fn set() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| rows(DATA).filter_map(|r| r.first().map(|s| fold(s))).collect())
}

/// Whether `word` (any case, with or without diacritics) is a common Vietnamese surname.
pub fn is_surname(word: &str) -> bool {
    set().contains(&fold(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danh_mục_không_trùng_và_ví_dụ() {
        let n = rows(DATA).count();
        assert!(n >= 80);
        // Folded forms may merge (Lê/Lễ do not both appear); the set must not lose many rows.
        assert!(set().len() + 5 >= n);
        assert!(is_surname("Đoàn") && is_surname("DOAN") && is_surname("nguyen"));
        assert!(!is_surname("Báo"));
    }
}
