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
//! - PDF glyph mix-ups (vn-text.md §1.9): `ƣ Ƣ` (Latin OI, never Vietnamese) → `ư Ư`, `ð Ð Ɖ` → `đ Đ`,
//!   ligatures `ﬁ ﬂ` → `fi fl`.
//! - Then [`split_syllables`] rejoins syllables split by stray spaces ("ĐIỀ U"), and [`reflow`]
//!   joins hard-wrapped lines into paragraphs and drops page-number lines.

pub mod noise;
pub mod offset_map;
pub mod print_size;
pub mod reflow;
pub mod split_syllables;

use offset_map::OffsetMap;
use unicode_normalization::{is_nfc_quick, IsNormalized};

/// Normalised text and how it maps back.
#[derive(Debug, Clone)]
pub struct Normalised {
    /// Clean NFC text; every span in the Report points into it.
    pub text: String,
    /// Cleaned (pre-reflow) text byte offsets → decoded-text byte offsets.
    pub map: OffsetMap,
    /// Maps of the passes after [`clean`] (syllable rejoin, reflow passes), first pass first:
    /// each pass's output → its input.
    pub pass_maps: Vec<OffsetMap>,
    /// Syllables split by a stray space that were rejoined.
    pub split_syllables: usize,
    /// Glyphs repaired (ƣ → ư, ð → đ, ligatures).
    pub glyph_fixes: usize,
    /// Wrapped lines joined.
    pub joins: usize,
    /// Page-number lines removed.
    pub page_numbers: usize,
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

/// Glyphs that PDF fonts map wrongly (vn-text.md §1.9), with their repair.
fn glyph_fix(c: char) -> Option<&'static str> {
    Some(match c {
        'ƣ' => "ư",
        'Ƣ' => "Ư",
        'ð' => "đ",
        'Ð' | 'Ɖ' => "Đ",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        _ => return None,
    })
}

impl Normalised {
    /// Decoded-text byte offset of a byte offset in [`Normalised::text`].
    pub fn to_input(&self, pos: usize) -> usize {
        let cleaned = self.pass_maps.iter().rev().fold(pos, |p, m| m.to_input(p));
        self.map.to_input(cleaned)
    }
}

/// Invisible characters removed from inside words.
fn is_dropped(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{2060}' | '\u{00AD}' | '\u{200E}' | '\u{200F}')
}

/// Result of the first pass: characters and lines cleaned, not yet reflowed.
#[derive(Debug, Clone)]
pub struct Cleaned {
    /// The cleaned text.
    pub text: String,
    /// Its byte offsets → input byte offsets.
    pub map: OffsetMap,
    /// Words NFC changed.
    pub recomposed_words: usize,
    /// Words with a non-ASCII character.
    pub non_ascii_words: usize,
    /// Glyphs repaired.
    pub glyph_fixes: usize,
}

/// Most reflow + syllable-rejoin passes. Joining lines changes the statistics reflow decides by
/// (typical width), so they run until a pass changes nothing — which makes normalising
/// idempotent. Every pass that changes something removes lines, so this terminates anyway; the
/// bound keeps pathological input linear. Real documents settle in two or three passes.
pub const MAX_REFLOW_PASSES: usize = 32;

/// Whether text from a source of this format has hard-wrapped lines to join: plain text (OCR,
/// copied PDF text) and PDF do; docx, rtf, doc, HTML and Markdown give real paragraphs.
pub fn reflows(format: crate::report::Format) -> bool {
    matches!(format, crate::report::Format::Text | crate::report::Format::Pdf)
}

/// Normalises `input` (see the module docs): [`clean`], then [`reflow::reflow`] to a fixed point.
pub fn normalise(input: &str) -> Normalised {
    normalise_with(input, true)
}

/// [`normalise`], reflowing only when `reflow` (see [`reflows`]).
pub fn normalise_with(input: &str, reflow: bool) -> Normalised {
    let c = clean(input);
    let mut text = c.text;
    let mut pass_maps = Vec::new();
    let (mut joins, mut page_numbers, mut split_syllables) = (0, 0, 0);
    let mut last_joined: Option<Vec<usize>> = None;
    for _ in 0..MAX_REFLOW_PASSES {
        let r = if reflow { reflow::reflow(&text) } else { reflow::Reflowed::unchanged(&text) };
        let changed_lines = r.joins + r.page_numbers > 0;
        if changed_lines {
            joins += r.joins;
            page_numbers += r.page_numbers;
            text = r.text;
            pass_maps.push(r.map);
        }
        // Joining lines can bring the halves of a split syllable together, and rejoining a
        // syllable shortens a line: both run until neither changes anything.
        // A rejoin pass over text nothing has touched since the last one only needs to look
        // around the words that pass joined.
        if !changed_lines && last_joined.as_deref().is_some_and(|at| split_syllables::settled(&text, at)) {
            break;
        }
        let r = split_syllables::rejoin_tracked(&text);
        let n = r.joined.len();
        if n > 0 {
            split_syllables += n;
            text = r.text;
            pass_maps.push(r.map);
        }
        if !changed_lines && n == 0 {
            break;
        }
        last_joined = Some(r.joined);
    }
    Normalised {
        text,
        map: c.map,
        pass_maps,
        split_syllables,
        glyph_fixes: c.glyph_fixes,
        joins,
        page_numbers,
        recomposed_words: c.recomposed_words,
        non_ascii_words: c.non_ascii_words,
    }
}

/// A character that starts a combining sequence (canonical combining class 0).
fn is_starter(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) == 0
}

/// Anchors a word that was rewritten (invisible characters dropped, glyphs repaired, NFC) so that
/// every output position maps onto a character boundary of the input: NFC folds combining marks
/// into their starter, so the output's starters correspond one-to-one, in order, to the input's
/// (`starters`: their input offsets). Where they do not (Hangul jamo composing into one
/// syllable), every position inside the word maps to the word's start.
fn anchor_rewritten(map: &mut OffsetMap, out_at: usize, word: &str, start: usize, starters: &[usize]) {
    if word.chars().filter(|&c| is_starter(c)).count() == starters.len() {
        // Marks left uncomposed map to their starter.
        let mut next = starters.iter();
        let mut inp = start;
        for (k, c) in word.char_indices() {
            if is_starter(c) {
                inp = next.next().copied().unwrap_or(inp);
            }
            map.anchor(out_at + k, inp);
        }
    } else {
        for (k, _) in word.char_indices() {
            map.anchor(out_at + k, start);
        }
    }
}

/// First pass: line ends, spaces, invisible characters, glyph repairs, NFC (module docs).
pub fn clean(input: &str) -> Cleaned {
    let mut out = String::with_capacity(input.len());
    let mut map = OffsetMap::new();
    let mut pending: Vec<(usize, char)> = Vec::new();
    let mut recomposed_words = 0;
    let mut non_ascii_words = 0;
    let mut glyph_fixes = 0;
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
                let start = i;
                let end = input[start..]
                    .char_indices()
                    .find(|&(_, c)| classify(c) != Class::Other)
                    .map_or(input.len(), |(k, _)| start + k);
                if input[start..end].chars().all(is_dropped) {
                    // Nothing of the word is kept: the blanks around it stay pending, so blanks
                    // before a line break are still removed ("DÂN \u{FEFF}\n" → "DÂN\n").
                    i = end;
                    continue;
                }
                for (pos, to) in pending.drain(..) {
                    map.anchor(out.len(), pos);
                    out.push(to);
                }
                let word = &input[start..end];
                map.anchor(out.len(), start);
                if word.is_ascii() {
                    out.push_str(word);
                } else {
                    non_ascii_words += 1;
                    let needs_repair = word.chars().any(|c| is_dropped(c) || glyph_fix(c).is_some());
                    if !needs_repair && is_nfc_quick(word.chars()) == IsNormalized::Yes {
                        out.push_str(word);
                    } else {
                        let mut fixed = String::with_capacity(word.len());
                        // Input offset of each starter of `fixed` (see `anchor_rewritten`).
                        let mut starters: Vec<usize> = Vec::new();
                        for (k, c) in word.char_indices().filter(|&(_, c)| !is_dropped(c)) {
                            let repaired = glyph_fix(c);
                            for r in repaired.map_or_else(|| vec![c], |r| r.chars().collect()) {
                                if is_starter(r) {
                                    starters.push(start + k);
                                }
                                fixed.push(r);
                            }
                            glyph_fixes += usize::from(repaired.is_some());
                        }
                        scratch.clear();
                        crate::nfc::nfc_into(&fixed, &mut scratch);
                        if scratch != fixed {
                            recomposed_words += 1;
                        }
                        anchor_rewritten(&mut map, out.len(), &scratch, start, &starters);
                        out.push_str(&scratch);
                    }
                }
                i = end;
            }
        }
    }
    map.finish(out.len(), input.len());
    Cleaned { text: out, map, recomposed_words, non_ascii_words, glyph_fixes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn xuống_dòng_windows_mac_và_ngắt_trang_thành_lf() {
        assert_eq!(clean("a\r\nb\rc\u{C}d").text, "a\nb\nc\nd");
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
        assert_eq!(n.text, "Số:  12 ngày", "the second line continues the first");
        let at = n.text.find("ngày").unwrap();
        assert_eq!(&src[n.to_input(at)..], "ngày");
        let at12 = n.text.find("12").unwrap();
        assert_eq!(&src[n.to_input(at12)..n.to_input(at12) + 2], "12");
    }

    #[test]
    fn sửa_ký_tự_pdf_sai() {
        let n = normalise("CHẤT LƢỢNG ngƣời ðồng Ðảng ﬁle ® ©");
        assert_eq!(n.text, "CHẤT LƯỢNG người đồng Đảng file ® ©");
        assert_eq!(n.glyph_fixes, 5);
    }

    #[test]
    fn chuẩn_hóa_hai_lần_không_đổi() {
        for s in ["a \r\n b\u{A0}\u{301}", "Ủy ban\u{200B}  \n\n", "e\u{302}\u{301} x", "", "\n\nBÁO CÁO\n\nkết quả\n\n\n"] {
            let once = normalise(s).text;
            assert_eq!(normalise(&once).text, once, "{s:?}");
        }
    }
}
