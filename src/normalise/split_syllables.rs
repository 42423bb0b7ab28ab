//! Split syllables: text where PDF extraction put stray spaces inside syllables ("ĐIỀ U",
//! "Chươ ng") → text with them rejoined, plus an offset map back.
//!
//! Two neighbouring words separated by one space are joined when at least one of them is not a
//! Vietnamese syllable, the joined word is one, and their letter case agrees (both capitals, or
//! a lower-case tail). Real neighbours are both syllables ("Báo cáo") and stay apart; OCR debris
//! ("thyc hién") does not join into a syllable and stays as it is.

use super::offset_map::OffsetMap;
use crate::catalogue::syllables::{is_syllable, is_syllable_joined};
use crate::letters::{is_letter, is_lower, is_upper};

/// Rejoined text, its map (output → input) and the number of joins.
pub fn rejoin(text: &str) -> (String, OffsetMap, usize) {
    let r = rejoin_tracked(text);
    let n = r.joined.len();
    (r.text, r.map, n)
}

/// Output of [`rejoin_tracked`].
pub struct Rejoined {
    /// Rejoined text.
    pub text: String,
    /// Output → input.
    pub map: OffsetMap,
    /// Where each joined word starts in `text` (byte offsets, ascending; a word joined from three
    /// pieces once).
    pub joined: Vec<usize>,
}

/// [`rejoin`], also telling where the joined words are.
pub fn rejoin_tracked(text: &str) -> Rejoined {
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::new();
    let mut joined_at: Vec<usize> = Vec::new();
    // Words are maximal runs of letters (with marks); everything else is copied.
    let bytes = text.as_bytes();
    let mut i = 0;
    // Last word: where it ends in `text`, where it starts in `out` (a joined word exists only
    // there), and whether it is a syllable when that is known already.
    let mut prev_word: Option<(usize, usize, Option<bool>)> = None;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else { break };
        if is_letter(c) {
            let start = i;
            let end = text[start..]
                .char_indices()
                .find(|&(_, ch)| !(is_letter(ch) || is_mark(ch)))
                .map_or(text.len(), |(k, _)| start + k);
            let word = &text[start..end];
            let mut word_is_syllable = None;
            let mut joined = false;
            if let Some((pe, po, prev_ok)) = prev_word {
                // Exactly one space between, and nothing else.
                // A piece followed by a digit or superscript is a unit ("m³", "km2"), not the
                // tail of a split syllable ("và m³" must not become "vàm³").
                let unit_next = text[end..].chars().next().is_some_and(|c| c.is_numeric());
                if pe + 1 == start && bytes[pe] == b' ' && !unit_next {
                    // `out` ends with the previous word and that space.
                    let prev = &out[po..out.len() - 1];
                    // The joined word is rarely a syllable: ask that first, and only then
                    // whether both halves already were (real neighbours, "Báo cáo").
                    if shape_allows_join(prev, word) && is_syllable_joined(prev, word) {
                        let ok = is_syllable(word);
                        word_is_syllable = Some(ok);
                        if !(ok && prev_ok.unwrap_or_else(|| is_syllable(prev))) {
                            // Drop the space: the output has no byte for input byte `pe`.
                            out.pop();
                            map.anchor(out.len(), start);
                            out.push_str(word);
                            if joined_at.last() != Some(&po) {
                                joined_at.push(po);
                            }
                            joined = true;
                            prev_word = Some((end, po, Some(true)));
                        }
                    }
                }
            }
            if !joined {
                prev_word = Some((end, out.len(), word_is_syllable));
                map.anchor(out.len(), start);
                out.push_str(word);
            }
            i = end;
        } else {
            // Copy the run of non-letters up to the next letter in one go.
            let run_end = text[i..].char_indices().find(|&(_, ch)| is_letter(ch)).map_or(text.len(), |(k, _)| i + k);
            map.anchor(out.len(), i);
            out.push_str(&text[i..run_end]);
            // A word stays "previous" only across exactly one space (checked at the next word).
            if !(run_end == i + 1 && bytes[i] == b' ') {
                prev_word = None;
            }
            i = run_end;
        }
    }
    map.finish(out.len(), text.len());
    Rejoined { text: out, map, joined: joined_at }
}

/// Whether [`rejoin`] would leave `text` — the output of a rejoin that joined the words starting
/// at `joined` — unchanged. A second pass can only join a joined word with the word before it
/// (the pair after it was already judged with the whole word), so only those pairs are checked.
pub fn settled(text: &str, joined: &[usize]) -> bool {
    joined.iter().all(|&at| {
        let Some(word) = text.get(at..).map(|rest| &rest[..rest.find(|c: char| !(is_letter(c) || is_mark(c))).unwrap_or(rest.len())]) else {
            return true;
        };
        let Some(before) = text.get(..at).and_then(|b| b.strip_suffix(' ')) else {
            return true;
        };
        let prev_start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_letter(c) || is_mark(c))
            .last()
            .map_or(before.len(), |(k, _)| k);
        let prev = &before[prev_start..];
        // A word starts with a letter, not a mark.
        let prev = prev.trim_start_matches(is_mark);
        prev.is_empty()
            || !(shape_allows_join(prev, word)
                && is_syllable_joined(prev, word)
                && !(is_syllable(prev) && is_syllable(word)))
    })
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Length and case allow `a` + `b` to be one syllable split in two: short pieces whose case
/// agrees (both capitals, or a lower-case tail).
fn shape_allows_join(a: &str, b: &str) -> bool {
    // Byte lengths bound char counts from above: most pairs are decided without counting.
    if (a.len() > 7 && a.chars().count() > 7) || (b.len() > 6 && b.chars().count() > 6) {
        return false;
    }
    let upper = |s: &str| s.chars().all(is_upper);
    let lower = |s: &str| s.chars().all(is_lower);
    (upper(a) && upper(b)) || (lower(b) && a.chars().skip(1).all(is_lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nối_âm_tiết_bị_tách() {
        let (t, _, n) = rejoin("ĐIỀ U 1. Chươ ng trình Báo cáo");
        assert_eq!(t, "ĐIỀU 1. Chương trình Báo cáo");
        assert_eq!(n, 2);
        // Three pieces make one word (the middle join is judged on the joined word "un").
        let (t, _, n) = rejoin("xin u n g");
        assert_eq!((t.as_str(), n), ("xin ung", 1));
    }

    #[test]
    fn không_nối_từ_thật_hay_rác_ocr() {
        for s in ["Báo cáo kết quả", "thyc hién nhi¢m vu", "UBND huyện", "T P Hà Nội", "a b c", "và m³ nước", "và m2 đất"] {
            assert_eq!(rejoin(s).0, s, "{s}");
        }
    }

    #[test]
    fn bản_đồ_bỏ_qua_dấu_cách_đã_xóa() {
        let src = "xin ĐIỀ U khoản";
        let (t, m, _) = rejoin(src);
        let at = t.find("khoản").unwrap();
        assert_eq!(&src[m.to_input(at)..], "khoản");
        let u = t.find("ĐIỀU").unwrap();
        assert_eq!(&src[m.to_input(u)..m.to_input(u) + "ĐIỀ".len()], "ĐIỀ");
    }

    #[test]
    fn kiểm_tra_ổn_định_khớp_với_một_lượt_nữa() {
        // Text with syllables cut at every position, in both cases: whatever `settled` says
        // about the output of one rejoin must be what a second rejoin does.
        let words = ["điều", "chương", "trình", "nghiêng", "quốc", "ng", "hi", "u", "NGƯỜI", "ĐIỀU", "x", "gì"];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let (mut unsettled, mut checked) = (0, 0);
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..1 + next(5) {
                let w = words[next(words.len())];
                let cut = next(w.chars().count() + 1);
                let (a, b): (String, String) = (w.chars().take(cut).collect(), w.chars().skip(cut).collect());
                t.push_str(&a);
                t.push(' ');
                t.push_str(&b);
                t.push(' ');
            }
            let r = rejoin_tracked(t.trim_end());
            let again = rejoin(&r.text).2;
            assert_eq!(settled(&r.text, &r.joined), again == 0, "{t:?} → {:?}", r.text);
            checked += 1;
            unsettled += usize::from(again > 0);
        }
        assert!(checked == 3000);
        // The check is not vacuous: some outputs do change in a second pass.
        assert!(unsettled > 0, "no case needed a second pass");
    }
}
