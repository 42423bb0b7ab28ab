//! Characters → letter and case classes (is it a letter, upper, lower; its lowercase), answered
//! without the general Unicode tables for ASCII and the Vietnamese Latin ranges.
//!
//! Why: the standard `char::is_alphabetic`/`to_lowercase` search Unicode-wide tables for every
//! non-ASCII char, and the syllable-based stages (split-syllable rejoin, encoding detection) ask
//! them for every letter of a document — on Vietnamese text that was a third of normalising time.
//! Every answer here equals the standard library's (tested over all chars).

/// Latin-1 Supplement + Latin Extended-A/B: letters except the two operators × and ÷.
const LATIN: std::ops::RangeInclusive<char> = '\u{C0}'..='\u{24F}';
/// Latin Extended Additional, Vietnamese block: Ạ ạ … Ỹ ỹ, upper at even code points.
const VIET: std::ops::RangeInclusive<char> = '\u{1EA0}'..='\u{1EF9}';
/// Specials (U+FFF0–U+FFFF): no letters. U+FFFD, the replacement character, fills the text of
/// undecodable input, where it would otherwise send every char to the Unicode tables.
const SPECIALS: std::ops::RangeInclusive<char> = '\u{FFF0}'..='\u{FFFF}';

/// Regex class body (inside `[…]`) for the letters of Latin-script Vietnamese text: ASCII, Latin-1,
/// Latin Extended-A/B and Latin Extended Additional. Patterns use it instead of `\p{L}` so the
/// module does not carry regex's Unicode general-category tables (wasm size); every letter of a
/// Vietnamese syllable, upper or lower, is in it (tested).
pub const LETTER_CLASS: &str = "A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ";

/// Regex class body for the capitals among [`LETTER_CLASS`] that Vietnamese uses (instead of
/// `\p{Lu}`): ASCII, Latin-1 capitals, Ă Đ Ĩ Ũ Ơ Ư and the Vietnamese block's capitals.
pub const UPPER_CLASS: &str = "A-ZÀ-ÖØ-ÞĂĐĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ";

/// Same as [`char::is_alphabetic`].
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if LATIN.contains(&c) {
        c != '×' && c != '÷'
    } else if VIET.contains(&c) {
        true
    } else if SPECIALS.contains(&c) {
        false
    } else {
        c.is_alphabetic()
    }
}

/// Same as [`char::is_uppercase`].
#[inline]
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else if VIET.contains(&c) {
        u32::from(c) % 2 == 0
    } else if SPECIALS.contains(&c) {
        false
    } else {
        c.is_uppercase()
    }
}

/// Same as [`char::is_lowercase`].
#[inline]
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else if VIET.contains(&c) {
        u32::from(c) % 2 == 1
    } else if SPECIALS.contains(&c) {
        false
    } else {
        c.is_lowercase()
    }
}

/// The lowercase of `c` when it is a single char (as [`char::to_lowercase`] gives it), else `None`
/// ("İ" lowercases to two chars).
#[inline]
pub fn lower_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    let u = u32::from(c);
    let fast = match u {
        // À…Þ (not ×) → à…þ; ß…ÿ are lowercase or not letters, and map to themselves.
        0xC0..=0xDE if u != 0xD7 => Some(u + 0x20),
        0xDF..=0xFF => Some(u),
        // Latin Extended-A pairs Ā ā … į, Ĳ ĳ … ķ (upper even; İ lowercases to two chars), Ĺ ĺ … ň (upper odd), Ŋ ŋ … ŷ (upper even);
        // Ơ ơ, Ư ư of Latin Extended-B; the Vietnamese block (upper even).
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 | 0x1A0..=0x1A1 | 0x1EA0..=0x1EF9 => Some(u | 1),
        0x139..=0x148 => Some(if u % 2 == 1 { u + 1 } else { u }),
        0x1AF => Some(0x1B0),
        0x1B0 => Some(0x1B0),
        _ => None,
    };
    if let Some(l) = fast {
        return char::from_u32(l);
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => Some(x),
        _ => None,
    }
}

/// At least two letters, at least 80% of them capitals: letterheads, type headings, headings
/// and signature titles are written so; sentences are not.
pub fn mostly_capitals(s: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for (i, c) in s.char_indices() {
        if is_upper(c) {
            upper += 1;
        } else if is_letter(c) {
            lower += 1;
            // Even if every remaining byte were a capital the share could not reach 80%.
            if 4 * lower > upper + (s.len() - i) {
                return false;
            }
        }
    }
    upper + lower >= 2 && upper >= 4 * lower
}

/// `caps` (a catalogue entry in capitals) in the case `sample` was printed in: all capitals,
/// every word capitalised ("Phó Giám Đốc"), the first word only ("Phó giám đốc"), or none.
pub fn in_case_of(sample: &str, caps: &str) -> String {
    let letters = || sample.chars().filter(|&c| is_letter(c));
    if letters().all(is_upper) {
        return caps.to_owned();
    }
    let capitalise = |w: &str| {
        let lower = w.to_lowercase();
        let mut cs = lower.chars();
        cs.next().map(|c| c.to_uppercase().chain(cs).collect::<String>()).unwrap_or_default()
    };
    let words_capitalised = sample.split_whitespace().all(|w| w.chars().next().is_some_and(is_upper));
    let first_capitalised = sample.trim_start().chars().next().is_some_and(is_upper);
    caps.split(' ')
        .enumerate()
        .map(|(i, w)| if words_capitalised || (i == 0 && first_capitalised) { capitalise(w) } else { w.to_lowercase() })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::in_case_of;

    #[test]
    fn viết_theo_kiểu_chữ_của_bản_in() {
        assert_eq!(in_case_of("CHU TICH", "CHỦ TỊCH"), "CHỦ TỊCH");
        assert_eq!(in_case_of("Pho Giam Doc", "PHÓ GIÁM ĐỐC"), "Phó Giám Đốc");
        assert_eq!(in_case_of("Pho giam doc", "PHÓ GIÁM ĐỐC"), "Phó giám đốc");
        assert_eq!(in_case_of("chu tich", "CHỦ TỊCH"), "chủ tịch");
    }

    use super::*;

    #[test]
    fn giống_hệt_thư_viện_chuẩn_trên_mọi_ký_tự() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lower(c), c.is_lowercase(), "{c:?}");
            let std: Vec<char> = c.to_lowercase().collect();
            match lower_char(c) {
                Some(l) => assert_eq!(std, vec![l], "{c:?}"),
                None => assert!(std.len() > 1, "{c:?}"),
            }
        }
    }

    #[test]
    fn chữ_việt() {
        assert!(is_letter('Ữ') && is_upper('Ữ') && !is_lower('Ữ'));
        assert_eq!(lower_char('Ữ'), Some('ữ'));
        assert_eq!(lower_char('Đ'), Some('đ'));
        assert!(!is_letter('×') && !is_letter('1') && !is_letter(' '));
    }

    #[test]
    fn chữ_in_hoa_phần_lớn() {
        assert!(mostly_capitals("BÁO CÁO KẾT QUẢ NĂM 2023"));
        assert!(mostly_capitals("UBND HUYỆN THÁP Mười")); // 13 capitals, 3 small letters
        assert!(!mostly_capitals("UBND HUYỆN Tháp")); // 10 capitals, 3 small letters
        assert!(!mostly_capitals("Báo cáo kết quả năm 2023"));
        assert!(!mostly_capitals("A 1"));
    }
    #[test]
    fn lớp_chữ_cái_regex_phủ_mọi_chữ_tiếng_việt() {
        let letter = regex::Regex::new(&format!("^[{LETTER_CLASS}]$")).unwrap();
        let upper = regex::Regex::new(&format!("^[{UPPER_CLASS}]$")).unwrap();
        let mut seen = 0;
        for syllable in crate::catalogue::syllables::all() {
            for c in syllable.chars().flat_map(|c| std::iter::once(c).chain(c.to_uppercase())) {
                let s = c.to_string();
                assert!(letter.is_match(&s), "{c} missing from LETTER_CLASS");
                assert_eq!(upper.is_match(&s), c.is_uppercase(), "{c} in UPPER_CLASS");
                seen += 1;
            }
        }
        assert!(seen > 10_000);
        // Every char the classes accept is a letter, and the capitals are upper case.
        for c in (0..0x2000u32).filter_map(char::from_u32) {
            let s = c.to_string();
            if letter.is_match(&s) {
                assert!(c.is_alphabetic(), "U+{:04X} is not a letter", c as u32);
            }
            if upper.is_match(&s) {
                assert!(c.is_uppercase(), "U+{:04X} is not upper case", c as u32);
            }
        }
    }
}
