//! Normalise: decoded text → clean NFC text with one `\n` per line break, plus an offset map back
//! to the decoded text.
//!
//! Rules (each keeps the map exact):
//! - `\r\n`, `\r`, form feed, vertical tab, U+0085/U+2028/U+2029 → `\n` (PDF page breaks are form
//!   feeds; old Mac files use `\r`).
//! - No-break and figure spaces → ` `; zero-width space, BOM and soft joiners are removed (web
//!   pastes carry them inside words, where they break every pattern).
//! - Spaces and tabs before a line break are removed (PDF text ends lines with them).
//! - NFC, word by word: whitespace never composes with its neighbours, so NFC of each
//!   whitespace-free run equals NFC of the whole text, and unchanged runs cost one quick check.
//!   "Unicode tổ hợp" (decomposed) input is counted so the decoder can report it.
//!
//! Repairs that need the syllable list (split syllables, legacy glyphs) belong to the input layer
//! and come after this in the same stage.

pub mod offset_map;

use offset_map::OffsetMap;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Normalised text and how it maps back.
#[derive(Debug, Clone)]
pub struct Normalised {
    /// Clean NFC text; every span in the Report points into it.
    pub text: String,
    /// `text` byte offsets → decoded-text byte offsets.
    pub map: OffsetMap,
    /// Words that NFC changed (decomposed or mis-ordered marks in the input).
    pub recomposed_words: usize,
    /// Words with any non-ASCII character (the denominator for `recomposed_words`).
    pub non_ascii_words: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Newline,
    /// Horizontal space, with what it becomes.
    Space(char),
    Other,
}

fn classify(c: char) -> Class {
    match c {
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Newline,
        ' ' | '\t' => Class::Space(c),
        '\u{A0}' | '\u{2007}' | '\u{202F}' | '\u{2000}'..='\u{200A}' | '\u{3000}' => Class::Space(' '),
        _ => Class::Other,
    }
}

/// Invisible characters removed from inside words.
fn is_dropped(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{2060}' | '\u{00AD}' | '\u{200E}' | '\u{200F}')
}

/// Normalises `input` (see the module docs for the rules).
pub fn normalise(input: &str) -> Normalised {
    let mut out = String::with_capacity(input.len());
    let mut map = OffsetMap::new();
    let mut pending: Vec<(usize, char)> = Vec::new();
    let mut recomposed_words = 0;
    let mut non_ascii_words = 0;
    let mut scratch = String::new();
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < input.len() {
        // Invariant: `i` is a char boundary of `input`.
        let c = match input[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        match classify(c) {
            Class::Newline => {
                pending.clear(); // trailing blanks of the line are dropped
                map.anchor(out.len(), i);
                out.push('\n');
                i += c.len_utf8();
                if c == '\r' && bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            Class::Space(to) => {
                pending.push((i, to));
                i += c.len_utf8();
            }
            Class::Other => {
                for (pos, to) in pending.drain(..) {
                    map.anchor(out.len(), pos);
                    out.push(to);
                }
                let start = i;
                let end = input[start..]
                    .char_indices()
                    .find(|&(_, c)| classify(c) != Class::Other)
                    .map_or(input.len(), |(k, _)| start + k);
                let word = &input[start..end];
                map.anchor(out.len(), start);
                if word.is_ascii() {
                    out.push_str(word);
                } else {
                    non_ascii_words += 1;
                    let has_dropped = word.chars().any(is_dropped);
                    if !has_dropped && is_nfc_quick(word.chars()) == IsNormalized::Yes {
                        out.push_str(word);
                    } else {
                        scratch.clear();
                        scratch.extend(word.chars().filter(|&c| !is_dropped(c)).nfc());
                        if scratch.chars().ne(word.chars().filter(|&c| !is_dropped(c))) {
                            recomposed_words += 1;
                        }
                        out.push_str(&scratch);
                    }
                }
                i = end;
            }
        }
    }
    map.finish(out.len(), input.len());
    Normalised { text: out, map, recomposed_words, non_ascii_words }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xuống_dòng_windows_mac_và_ngắt_trang_thành_lf() {
        assert_eq!(normalise("a\r\nb\rc\u{C}d").text, "a\nb\nc\nd");
    }

    #[test]
    fn khoảng_trắng_cuối_dòng_bị_bỏ_khoảng_cách_không_ngắt_thành_dấu_cách() {
        let n = normalise("TỜ TRÌNH  \n\nSố:\u{A0}12/TTr-UBND \t");
        assert_eq!(n.text, "TỜ TRÌNH\n\nSố: 12/TTr-UBND");
    }

    #[test]
    fn unicode_tổ_hợp_thành_dựng_sẵn() {
        let nfd: String = "Báo cáo kết quả".nfd().collect();
        let n = normalise(&nfd);
        assert_eq!(n.text, "Báo cáo kết quả");
        assert_eq!(n.recomposed_words, 4);
    }

    #[test]
    fn ký_tự_vô_hình_trong_từ_bị_bỏ_kể_cả_giữa_chữ_và_dấu() {
        assert_eq!(normalise("Quy\u{200B}ết đ\u{FEFF}ịnh").text, "Quyết định");
        assert_eq!(normalise("a\u{FEFF}\u{301}").text, "á");
    }

    #[test]
    fn bản_đồ_vị_trí_trỏ_về_văn_bản_gốc() {
        let src = "Số:\u{A0}\u{A0}12  \r\nngày";
        let n = normalise(src);
        assert_eq!(n.text, "Số:  12\nngày");
        let at = n.text.find("ngày").unwrap();
        assert_eq!(&src[n.map.to_input(at)..], "ngày");
        let at12 = n.text.find("12").unwrap();
        assert_eq!(&src[n.map.to_input_range(at12..at12 + 2, &n.text)], "12");
    }

    #[test]
    fn chuẩn_hóa_hai_lần_không_đổi() {
        for s in ["a \r\n b\u{A0}\u{301}", "Ủy ban\u{200B}  \n\n", "e\u{302}\u{301} x", ""] {
            let once = normalise(s).text;
            assert_eq!(normalise(&once).text, once, "{s:?}");
        }
    }
}
