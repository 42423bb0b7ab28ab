//! Noise: normalised text → how clean it is ([`Noise`]): OCR traces and missing diacritics.
//!
//! Signals, measured on the seeds (OCR 000–002 vs PDF/docx text 003–004):
//! - *letter–digit tokens* that are not numbers with units ("t6", "l1anh", "s6", "x4": OCR reading
//!   "ố", "ơ", "ã" as digits): 2.0–2.4 % of words in OCR text, ≤ 0.3 % in clean text;
//! - *junk glyphs* OCR invents for marks and superscripts ("¢ ® ™ ¥ | ~"): 1.6–1.8 per 1,000
//!   characters in OCR text, 0 in clean text;
//! - *diacritic density*: clean Vietnamese has a marked letter in about every fourth letter.
//!
//! `score` = 0.5 × OCR evidence + 0.5 × missing-diacritic evidence, each scaled to 0..1.

use crate::fold::fold_char;
use crate::report::Noise;

/// Share of letter–digit tokens from which text is taken for OCR output.
pub const OCR_MIXED_TOKENS: f64 = 0.008;
/// Junk glyphs per 1,000 characters from which text is taken for OCR output.
pub const OCR_JUNK_PER_1000: f64 = 0.5;
/// Marked-letter share under which diacritics are taken as missing.
pub const MISSING_DIACRITICS_SHARE: f64 = 0.08;

fn is_junk(c: char) -> bool {
    matches!(c, '¢' | '®' | '™' | '¥' | '§' | '|' | '~' | '^' | '`' | '«' | '»' | '¬' | '¦')
}

/// A token mixing letters and digits that is not a number with a unit ("6.070ha", "4.180m2"),
/// a footnote mark, a symbol or a date-like code.
fn is_mixed(token: &str) -> bool {
    // Most words have no digit: decided without trimming or scanning for letters.
    if !token.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let t = token.trim_matches(|c: char| !(crate::letters::is_letter(c) || c.is_numeric()));
    if t.contains(['/', '-', '[', ']', '_']) {
        return false;
    }
    // Area and volume units on their own ("x3" stays suspicious: OCR reads "xã" so).
    if matches!(t, "m2" | "m3" | "km2" | "cm2" | "cm3" | "dm2" | "dm3" | "mm2") {
        return false;
    }
    let has_letter = t.chars().any(crate::letters::is_letter);
    let has_digit = t.chars().any(|c| c.is_ascii_digit());
    if !(has_letter && has_digit) {
        return false;
    }
    // Number then a short unit, optionally squared/cubed: 6.070ha, 4.180m2, 20km, 3m3.
    let unit_start = t.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','));
    match unit_start {
        Some(i) if i > 0 => {
            let unit = &t[i..];
            !(unit.chars().count() <= 3 && unit.chars().take_while(|&c| crate::letters::is_letter(c)).count() >= 1 && unit.chars().all(|c| crate::letters::is_letter(c) || matches!(c, '2' | '3')))
        }
        _ => true,
    }
}

/// Assesses `text`.
pub fn assess(text: &str) -> Noise {
    let (mut letters, mut marked) = (0usize, 0usize);
    let (mut chars, mut junk) = (0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        junk += usize::from(is_junk(c));
        if c.is_ascii() {
            // ASCII letters are never marked.
            letters += usize::from(c.is_ascii_alphabetic());
        } else if crate::letters::is_letter(c) {
            letters += 1;
            marked += usize::from(!c.is_ascii() && fold_char(c) != c);
        }
    }
    let mut words = 0usize;
    let mut mixed = 0usize;
    for w in text.split_whitespace() {
        words += 1;
        mixed += usize::from(is_mixed(w));
    }
    if letters < 100 || words < 50 {
        return Noise::default();
    }
    let marked_share = marked as f64 / letters as f64;
    let mixed_share = mixed as f64 / words as f64;
    let junk_per_1000 = 1000.0 * junk as f64 / chars as f64;
    let ocr = mixed_share >= OCR_MIXED_TOKENS || junk_per_1000 >= OCR_JUNK_PER_1000;
    let ocr_evidence = (mixed_share / (2.0 * OCR_MIXED_TOKENS)).max(junk_per_1000 / (2.0 * OCR_JUNK_PER_1000)).min(1.0);
    let missing_evidence = (1.0 - marked_share / 0.25).clamp(0.0, 1.0);
    let score = 0.5 * ocr_evidence + 0.5 * missing_evidence;
    Noise { ocr, missing_diacritics: marked_share < MISSING_DIACRITICS_SHARE, score: (score * 100.0).round() / 100.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_lẫn_chữ_số() {
        for t in ["t6", "l1anh", "s6", "d6i", "I11", "x3"] {
            assert!(is_mixed(t), "{t}");
        }
        for t in ["6.070ha", "4.180m2", "20km", "2023", "155-CTr/HU", "2023[footnoteRef:1]", "hiện", "m3"] {
            assert!(!is_mixed(t), "{t}");
        }
    }

    #[test]
    fn văn_bản_ocr_và_văn_bản_sạch() {
        let ocr = "Viéc quan triét, t6 chirc thwe hién cic chi trwong, dwong 16i ciia Pang, chinh sach, phap luit ciia Nha nuée, nghi quyét s6 77, d6 la x4 va ¢ cac ndi dung. ".repeat(8);
        let n = assess(&ocr);
        assert!(n.ocr && n.missing_diacritics, "{n:?}");
        assert!(n.score > 0.6, "{n:?}");
        let clean = "Thực hiện Chương trình hành động số 155-CTr/HU ngày 17/11/2022 của Ban Chấp hành Đảng bộ huyện khóa X, Ủy ban nhân dân huyện đã tập trung lãnh đạo quán triệt, tuyên truyền cụ thể hóa hơn 190 kế hoạch. ".repeat(8);
        let c = assess(&clean);
        assert!(!c.ocr && !c.missing_diacritics, "{c:?}");
        assert!(c.score < 0.2, "{c:?}");
    }

    #[test]
    fn văn_bản_ngắn_không_kết_luận() {
        assert_eq!(assess("t6 s6 x4"), Noise::default());
    }
}
