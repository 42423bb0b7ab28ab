//! Từ không kết thúc câu (`data/open-line-ends.tsv`) → whether a folded word cannot end a
//! sentence, so a line ending in it was wrapped by the page.

use super::rows;
use std::sync::OnceLock;

static DATA: &str = include_str!("../../data/open-line-ends.tsv");

fn words() -> &'static std::collections::HashSet<&'static str> {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| rows(DATA).filter_map(|r| r.first().copied()).collect())
}

/// Whether the folded word `w` (lowercase, no diacritics) cannot end a sentence.
pub fn is_open(w: &str) -> bool {
    words().contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    #[test]
    fn danh_mục_ở_dạng_gấp_không_trùng() {
        let all: Vec<_> = rows(DATA).collect();
        assert_eq!(words().len(), all.len(), "no duplicates");
        for r in &all {
            assert_eq!(r.len(), 2, "{r:?}: word and why");
            assert_eq!(fold(r[0]), r[0], "{:?} must be stored folded", r[0]);
            assert!(r[0].chars().all(|c| c.is_ascii_lowercase()), "{:?}: one word", r[0]);
        }
        assert!(is_open("cua") && !is_open("2023"));
    }
}
