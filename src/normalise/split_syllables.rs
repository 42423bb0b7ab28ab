//! Split syllables: text where PDF extraction put stray spaces inside syllables ("ĐIỀ U",
//! "Chươ ng") → text with them rejoined, plus an offset map back.
//!
//! Two neighbouring words separated by one space are joined when at least one of them is not a
//! Vietnamese syllable, the joined word is one, and their letter case agrees (both capitals, or
//! a lower-case tail). Real neighbours are both syllables ("Báo cáo") and stay apart; OCR debris
//! ("thyc hién") does not join into a syllable and stays as it is.

use super::offset_map::OffsetMap;
use crate::catalogue::syllables::is_syllable;

/// Rejoined text, its map (output → input) and the number of joins.
pub fn rejoin(text: &str) -> (String, OffsetMap, usize) {
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::new();
    let mut joins = 0;
    // Words are maximal runs of letters (with marks); everything else is copied.
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut prev_word: Option<(usize, usize)> = None; // last word's range in `text`
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else { break };
        if c.is_alphabetic() {
            let start = i;
            let end = text[start..].char_indices().find(|&(_, ch)| !(ch.is_alphabetic() || is_mark(ch))).map_or(text.len(), |(k, _)| start + k);
            let word = &text[start..end];
            let mut joined = false;
            if let Some((ps, pe)) = prev_word {
                // Exactly one space between, and nothing else.
                if pe + 1 == start && bytes[pe] == b' ' {
                    let prev = &text[ps..pe];
                    if should_join(prev, word) {
                        // Drop the space: the output has no byte for input byte `pe`.
                        out.pop();
                        map.anchor(out.len(), start);
                        out.push_str(word);
                        joins += 1;
                        joined = true;
                        prev_word = Some((ps, end));
                    }
                }
            }
            if !joined {
                map.anchor(out.len(), start);
                out.push_str(word);
                prev_word = Some((start, end));
            }
            i = end;
        } else {
            map.anchor(out.len(), i);
            out.push(c);
            if c != ' ' {
                prev_word = None;
            }
            i += c.len_utf8();
        }
    }
    map.finish(out.len(), text.len());
    (out, map, joins)
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

fn should_join(a: &str, b: &str) -> bool {
    if a.chars().count() > 7 || b.chars().count() > 6 {
        return false;
    }
    let upper = |s: &str| s.chars().all(char::is_uppercase);
    let lower = |s: &str| s.chars().all(char::is_lowercase);
    let case_ok = (upper(a) && upper(b)) || (lower(b) && a.chars().skip(1).all(char::is_lowercase));
    if !case_ok {
        return false;
    }
    let (sa, sb) = (is_syllable(a), is_syllable(b));
    if sa && sb {
        return false;
    }
    let joined = format!("{a}{b}");
    is_syllable(&joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nối_âm_tiết_bị_tách() {
        let (t, _, n) = rejoin("ĐIỀ U 1. Chươ ng trình Báo cáo");
        assert_eq!(t, "ĐIỀU 1. Chương trình Báo cáo");
        assert_eq!(n, 2);
    }

    #[test]
    fn không_nối_từ_thật_hay_rác_ocr() {
        for s in ["Báo cáo kết quả", "thyc hién nhi¢m vu", "UBND huyện", "T P Hà Nội", "a b c"] {
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
}
