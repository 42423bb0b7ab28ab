//! Tín hiệu chọn ý chính (`data/summary-cues.tsv`) → folded cue phrases with weights, and the
//! score of a folded sentence.

use super::rows;
use std::sync::OnceLock;

static DATA: &str = include_str!("../../data/summary-cues.tsv");

/// (folded phrase, weight) in file order; rows that do not parse are skipped (the self-test
/// fails on them).
pub fn cues() -> &'static [(&'static str, f64)] {
    static TABLE: OnceLock<Vec<(&'static str, f64)>> = OnceLock::new();
    TABLE.get_or_init(|| rows(DATA).filter_map(|r| Some((*r.first()?, r.get(1)?.parse().ok()?))).collect())
}

/// Words of a folded text joined by single spaces and padded (" a b c "), so that cues match
/// whole words with `contains(" cue ")`.
pub fn padded_words(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len() + 2);
    out.push(' ');
    for w in folded.split(|c: char| !(c.is_ascii_alphanumeric())).filter(|w| !w.is_empty()) {
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// Weight at or below which a cue excludes its sentence from the key points.
pub const VETO: f64 = -2.0;

/// Whether the cue `phrase` (as [`score`] returns it) excludes its sentence.
pub fn is_veto(phrase: &str) -> bool {
    cues().iter().any(|(k, w)| *k == phrase && *w <= VETO)
}

/// Cues indexed by their first word: (first word → [(index in [`cues`], remaining words)]), so a
/// sentence is scored in one pass over its words instead of one substring search per cue.
type CueIndex = std::collections::HashMap<&'static str, Vec<(usize, Vec<&'static str>)>>;

fn by_first_word() -> &'static CueIndex {
    static INDEX: OnceLock<CueIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = CueIndex::default();
        for (i, &(cue, _)) in cues().iter().enumerate() {
            let mut words = cue.split(' ');
            if let Some(first) = words.next() {
                index.entry(first).or_default().push((i, words.collect()));
            }
        }
        index
    })
}

/// Sum of the weights of the cues found in `padded` (see [`padded_words`]), with the cues found
/// (each once, in catalogue order).
pub fn score(padded: &str) -> (f64, Vec<&'static str>) {
    let index = by_first_word();
    let words: Vec<&str> = padded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut hits: Vec<usize> = Vec::new();
    for (at, w) in words.iter().enumerate() {
        let Some(starting) = index.get(w) else { continue };
        for (i, rest) in starting {
            if words.get(at + 1..at + 1 + rest.len()) == Some(rest.as_slice()) {
                hits.push(*i);
            }
        }
    }
    crate::sort::sort(&mut hits);
    hits.dedup();
    let table = cues();
    let total = hits.iter().map(|&i| table[i].1).sum();
    (total, hits.into_iter().map(|i| table[i].0).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    #[test]
    fn danh_mục_hợp_lệ_ở_dạng_gấp_không_trùng() {
        assert_eq!(cues().len(), rows(DATA).count(), "every row has a phrase and a numeric weight");
        let mut seen = std::collections::HashSet::new();
        for (cue, w) in cues() {
            assert_eq!(fold(cue), *cue, "{cue:?} must be stored folded");
            assert!(cue.split(' ').all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric())), "{cue:?}");
            assert!(w.is_finite() && w.abs() <= 5.0, "{cue:?} weight {w}");
            assert!(seen.insert(*cue), "duplicate {cue:?}");
        }
    }

    #[test]
    fn khớp_nguyên_từ_trên_văn_bản_gấp() {
        let p = padded_words(&fold("Đạt và vượt 10/11 chỉ tiêu, tăng 6,7% so với cùng kỳ."));
        let (s, found) = score(&p);
        assert!(found.contains(&"dat va vuot") && found.contains(&"chi tieu") && found.contains(&"so voi cung ky"));
        assert!(s > 4.0);
        // "tang" inside "tăng cường"? whole word only: "tangcuong" never matches; "tăng" alone does.
        assert!(!score(" tangcuong ").1.contains(&"tang"));
        assert!(score(&padded_words(&fold("Căn cứ Nghị định số 30/2020/NĐ-CP"))).0 < 0.0);
    }
}
