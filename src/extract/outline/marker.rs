//! Heading markers: the start of a line → its numbering scheme, value and punctuation, with the
//! OCR readings a damaged marker may stand for ("I11." → III., "~11." → II., "VIL" → VII.,
//! "Phén |" → Phần I). Which reading is right is decided by the caller from the sequence.

use crate::fold::fold;

/// A numbering scheme. Each document decides how they nest; the usual order is
/// Phần > Chương > Mục > A. > I. > 1. > 1.1. > a) > -.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// "PHẦN I", "Phần thứ nhất".
    Part,
    /// "Chương I".
    Chapter,
    /// "Mục 1".
    Item,
    /// "Phụ lục", "PHỤ LỤC II": always a top-level section.
    Appendix,
    /// "Điều 5." (articles of a decision or regulation), numbered across chapters.
    Article,
    /// "A.", "B.".
    Upper,
    /// "I.", "II.".
    Roman,
    /// "1.", "2)", "3-".
    Arabic,
    /// "1.1.", "1.1.1." with this many components.
    Decimal(u8),
    /// "a)", "b.", "đ)".
    Lower,
    /// "-", "+", "*", "•".
    Bullet(char),
}

/// One reading of a line's marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Scheme.
    pub kind: Kind,
    /// 1-based value (letters: position in the alphabet); 0 for bullets and unnumbered appendices.
    pub value: u32,
    /// Decimal components ("1.2.3" → [1, 2, 3]); empty otherwise.
    pub path: Vec<u32>,
    /// Bytes of the printed marker from the start of the line ("I11." → 4).
    pub raw_end: usize,
    /// Where the title starts (after the marker, punctuation and spaces).
    pub title_start: usize,
    /// Punctuation after the number as printed ('.', ')', '-', '/', or ' ' for none).
    pub punct: char,
    /// True when OCR damage had to be repaired to read the number.
    pub repaired: bool,
    /// For Roman numerals: printed in Roman (Chương/Mục/Phụ lục may be Arabic).
    pub roman: bool,
}

/// Vietnamese alphabet order of list letters (no f, j, w, z).
const LETTERS: [char; 23] =
    ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'];

/// Position (1-based) of a list letter.
pub fn letter_value(c: char) -> Option<u32> {
    let lc = c.to_lowercase().next()?;
    LETTERS.iter().position(|&l| l == lc).map(|i| i as u32 + 1)
}

/// The letter at a 1-based position.
pub fn letter_at(v: u32) -> char {
    LETTERS.get((v as usize).wrapping_sub(1)).copied().unwrap_or('?')
}

/// Value of a Roman numeral written canonically (I … XXXIX), else `None`.
pub fn roman_value(s: &str) -> Option<u32> {
    const ROMANS: [&str; 40] = [
        "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
        "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI", "XXVII", "XXVIII", "XXIX",
        "XXX", "XXXI", "XXXII", "XXXIII", "XXXIV", "XXXV", "XXXVI", "XXXVII", "XXXVIII", "XXXIX",
    ];
    ROMANS.iter().position(|&r| !r.is_empty() && r == s).map(|v| v as u32)
}

/// Canonical Roman numeral of 1 … 39 ("?" beyond).
pub fn roman(v: u32) -> String {
    let (tens, ones) = (v / 10, v % 10);
    if v == 0 || tens > 3 {
        return v.to_string();
    }
    const ONES: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    format!("{}{}", "X".repeat(tens as usize), ONES[ones as usize])
}

/// Chars OCR puts in front of a marker (a speck read as "~", "'", "`").
fn is_speck(c: char) -> bool {
    matches!(c, '~' | '\'' | '`' | '‘' | '’' | '"' | '“' | '”' | '^')
}

/// Reads a Roman numeral that OCR may have damaged: "1", "l", "|", "!" for "I". Returns the value
/// and whether a repair was needed.
fn read_roman(token: &str) -> Option<(u32, bool)> {
    if token.is_empty() || token.len() > 8 {
        return None;
    }
    let mut repaired = false;
    let mut s = String::with_capacity(token.len());
    for c in token.chars() {
        match c {
            'I' | 'V' | 'X' | 'L' => s.push(c),
            '1' | 'l' | '|' | '!' => {
                s.push('I');
                repaired = true;
            }
            _ => return None,
        }
    }
    roman_value(&s).map(|v| (v, repaired))
}

/// Ordinal words after "Phần thứ": folded.
fn ordinal_value(w: &str) -> Option<u32> {
    const WORDS: [&str; 10] = ["nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi"];
    WORDS.iter().position(|&x| x == w).map(|i| i as u32 + 1)
}

/// Byte index just past leading spaces after `i`.
fn skip_spaces(line: &str, mut i: usize) -> usize {
    while line[i..].starts_with([' ', '\t', '\u{a0}']) {
        i += line[i..].chars().next().map_or(1, char::len_utf8);
    }
    i
}

/// Byte index past separators (":", ".", "-", "–", "—") and spaces after a numbered word marker.
fn skip_separators(line: &str, mut i: usize) -> usize {
    for _ in 0..8 {
        let j = skip_spaces(line, i);
        match line[j..].chars().next() {
            Some(c @ (':' | '.' | '-' | '–' | '—' | ')')) => i = j + c.len_utf8(),
            _ => return j,
        }
    }
    i
}

/// The next whitespace-delimited word starting at `i`: (start, end).
fn word_at(line: &str, i: usize) -> (usize, usize) {
    let s = skip_spaces(line, i);
    let e = line[s..].find([' ', '\t', '\u{a0}']).map_or(line.len(), |k| s + k);
    (s, e)
}

/// Every plausible reading of the marker at the start of `line` (already trimmed), the clean
/// reading first. Looks at no more than the first few words, so a 1 MB line costs nothing.
pub fn read(line: &str) -> Vec<Marker> {
    let mut out = Vec::new();
    if let Some(m) = read_word_marker(line) {
        out.push(m);
        return out;
    }
    let Some(first) = line.chars().next() else { return out };
    // Bullets.
    if matches!(first, '-' | '+' | '*' | '•' | '–' | '—' | '▪' | '◦' | '●') {
        let after = first.len_utf8();
        if line[after..].starts_with([' ', '\t']) {
            let c = match first {
                '–' | '—' => '-',
                '●' | '▪' | '◦' => '•',
                c => c,
            };
            out.push(Marker {
                kind: Kind::Bullet(c),
                value: 0,
                path: Vec::new(),
                raw_end: after,
                title_start: skip_spaces(line, after),
                punct: ' ',
                repaired: false,
                roman: false,
            });
        }
        return out;
    }
    // Specks in front of a Roman numeral ("~11.").
    let lead: usize = line.chars().take_while(|&c| is_speck(c)).map(char::len_utf8).sum();
    let body = &line[lead..];
    let tok_end = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '|' || c == '!' || c == '.')).unwrap_or(body.len());
    let tok_end = tok_end.min(24);
    let tok = body.get(..tok_end).unwrap_or("");
    let next = body[tok_end..].chars().next();
    let spaced = matches!(next, Some(' ' | '\t' | '\u{a0}'));

    // Decimal "1.2." / "1.2" and Arabic "1." (possibly glued to an uppercase title: "2.Y tế").
    if lead == 0 && tok.starts_with(|c: char| c.is_ascii_digit()) {
        let core = tok.trim_end_matches('.');
        let parts: Vec<&str> = core.split('.').collect();
        let digits_ok = parts.iter().all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()));
        if digits_ok && parts.len() >= 2 && parts.len() <= 6 && spaced {
            let path: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
            out.push(Marker {
                kind: Kind::Decimal(path.len() as u8),
                value: *path.last().unwrap_or(&0),
                path,
                raw_end: tok_end,
                title_start: skip_spaces(line, tok_end),
                punct: '.',
                repaired: false,
                roman: false,
            });
            return out;
        }
        // "2.Yte": the token ran into the title.
        let d_end = tok.find(|c: char| !c.is_ascii_digit()).unwrap_or(tok.len());
        if d_end <= 2 {
            let rest = &line[d_end..];
            let p = rest.chars().next();
            let after_p = p.map_or(d_end, |c| d_end + c.len_utf8());
            let then = line[after_p..].chars().next();
            let ok = match p {
                Some('.') => matches!(then, Some(' ' | '\t' | '\u{a0}')) || then.is_some_and(char::is_uppercase),
                Some(')' | '-' | '/') => matches!(then, Some(' ' | '\t' | '\u{a0}')),
                _ => false,
            };
            if ok {
                if let Ok(v) = line[..d_end].parse::<u32>() {
                    out.push(Marker {
                        kind: Kind::Arabic,
                        value: v,
                        path: Vec::new(),
                        raw_end: after_p,
                        title_start: skip_spaces(line, after_p),
                        punct: p.unwrap_or('.'),
                        repaired: false,
                        roman: false,
                    });
                }
            }
        }
    }

    // Roman, possibly damaged: "I11.", "V1.", "~11.", "VIL" (a final "I." read as "L").
    let rtok = tok.trim_end_matches('.');
    let dotted = tok.len() > rtok.len() || next == Some(')') || next == Some(':');
    let punct_len = if tok.len() > rtok.len() { tok.len() - rtok.len() } else { usize::from(next == Some(')') || next == Some(':')) };
    if !rtok.is_empty() && (dotted || spaced) {
        let after = lead + rtok.len() + punct_len;
        let after_ok = line[after..].is_empty() || line[after..].starts_with([' ', '\t', '\u{a0}']);
        let clean_roman = rtok.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L'));
        let mut reading = read_roman(rtok).map(|(v, r)| (v, r || lead > 0));
        if reading.is_none() && !dotted && rtok.len() >= 2 && rtok.ends_with('L') {
            // "VIL": "I." printed small and read as one "L".
            reading = read_roman(&format!("{}I", &rtok[..rtok.len() - 1])).map(|(v, _)| (v, true));
        }
        if let (Some((v, repaired)), true) = (reading, after_ok) {
            // A bare numeral without punctuation is only a heading marker when damaged or when the
            // caller finds an all-caps title; the caller checks the sequence either way.
            if dotted || repaired || clean_roman {
                out.push(Marker {
                    kind: Kind::Roman,
                    value: v,
                    path: Vec::new(),
                    raw_end: after,
                    title_start: skip_spaces(line, after),
                    punct: if dotted { '.' } else { ' ' },
                    repaired: repaired || !dotted,
                    roman: true,
                });
            }
        }
    }

    // Letters: "A." (upper), "a)" / "a." (lower).
    if lead == 0 {
        let mut cs = line.char_indices();
        if let (Some((_, c)), Some((pi, p))) = (cs.next(), cs.next()) {
            let after = pi + p.len_utf8();
            let then_space = line[after..].starts_with([' ', '\t', '\u{a0}']);
            if then_space {
                if c.is_uppercase() && p == '.' && !matches!(c, 'I' | 'V' | 'X' | 'L') {
                    if let Some(v) = letter_value(c) {
                        out.push(Marker { kind: Kind::Upper, value: v, path: Vec::new(), raw_end: after, title_start: skip_spaces(line, after), punct: '.', repaired: false, roman: false });
                    }
                } else if c.is_lowercase() && matches!(p, ')' | '.') {
                    if let Some(v) = letter_value(c) {
                        out.push(Marker { kind: Kind::Lower, value: v, path: Vec::new(), raw_end: after, title_start: skip_spaces(line, after), punct: p, repaired: false, roman: false });
                    }
                }
            }
        }
    }
    out
}

/// "Phần I", "PHẦN THỨ HAI", "Chương 2", "Mục 1", "Phụ lục", "PHỤ LỤC II", "Phén |".
fn read_word_marker(line: &str) -> Option<Marker> {
    let (s1, e1) = word_at(line, 0);
    if s1 != 0 || e1 - s1 > 12 {
        return None;
    }
    let w1 = fold(&line[s1..e1]);
    let w1 = w1.trim_end_matches([':', '.']);
    let (kind, num_from) = if w1.len() == 4 && w1.starts_with("ph") && w1.ends_with('n') && w1.as_bytes()[2].is_ascii_lowercase() && b"aeiou".contains(&w1.as_bytes()[2]) {
        (Kind::Part, e1)
    } else if w1 == "chuong" {
        (Kind::Chapter, e1)
    } else if w1 == "muc" {
        (Kind::Item, e1)
    } else if w1 == "dieu" {
        (Kind::Article, e1)
    } else if w1 == "phu" {
        let (s2, e2) = word_at(line, e1);
        if e2 - s2 > 8 || fold(&line[s2..e2]).trim_end_matches([':', '.']) != "luc" {
            return None;
        }
        (Kind::Appendix, e2)
    } else {
        return None;
    };
    let (s, e) = word_at(line, num_from);
    let raw_num = line[s..e].trim_end_matches(['.', ':', ')']);
    let num_end = s + raw_num.len();
    let mut roman = false;
    let mut repaired = false;
    let mut end = num_end;
    let value = if raw_num.is_empty() {
        None
    } else if let Ok(v) = raw_num.parse::<u32>() {
        (v > 0 && v < 1000).then_some(v)
    } else if let Some((v, r)) = read_roman(raw_num) {
        roman = true;
        repaired = r;
        Some(v)
    } else if fold(raw_num) == "thu" {
        let (s3, e3) = word_at(line, e);
        let v = ordinal_value(fold(line[s3..e3].trim_end_matches(['.', ':'])).as_str());
        if v.is_some() {
            roman = true;
            end = s3 + line[s3..e3].trim_end_matches(['.', ':']).len();
        }
        v
    } else {
        None
    };
    let value = match (kind, value) {
        (Kind::Appendix, None) => {
            // "Phụ lục" alone, or followed by a title after a separator; not "Phụ lục kèm theo".
            end = e1.min(line.len());
            let (_, e2) = word_at(line, e1);
            end = e2.max(end);
            let rest = line[end..].trim_start();
            if !(rest.is_empty() || rest.starts_with([':', '.', '-', '–'])) {
                return None;
            }
            0
        }
        (_, Some(v)) => v,
        (_, None) => return None,
    };
    let title_start = skip_separators(line, end);
    // A word marker is a line of its own or a short heading; "Phần lớn các xã…" never gets here
    // (no numeral), "Mục 2 của Điều 5 quy định…" is rejected by the caller's title test.
    Some(Marker { kind, value, path: Vec::new(), raw_end: end, title_start, punct: ' ', repaired, roman })
}

/// The marker written the normalised way, for a reading whose value may have been corrected.
pub fn normalised(m: &Marker, value: u32) -> String {
    let num = |v: u32| if m.roman { roman(v) } else { v.to_string() };
    match m.kind {
        Kind::Part => format!("Phần {}", roman(value)),
        Kind::Chapter => format!("Chương {}", num(value)),
        Kind::Item => format!("Mục {}", num(value)),
        Kind::Article => format!("Điều {value}."),
        Kind::Appendix if value == 0 => "Phụ lục".to_owned(),
        Kind::Appendix => format!("Phụ lục {}", num(value)),
        Kind::Upper => format!("{}.", letter_at(value).to_uppercase()),
        Kind::Roman => format!("{}.", roman(value)),
        Kind::Arabic => format!("{value}{}", if m.punct == ' ' { '.' } else { m.punct }),
        Kind::Decimal(_) => {
            let mut s: String = m.path.iter().take(m.path.len().saturating_sub(1)).map(|p| format!("{p}.")).collect();
            s.push_str(&format!("{value}."));
            s
        }
        Kind::Lower => format!("{}{}", letter_at(value), m.punct),
        Kind::Bullet(c) => c.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(line: &str) -> (Kind, u32, String) {
        let m = read(line).into_iter().next().unwrap_or_else(|| panic!("no marker in {line:?}"));
        let raw = line[..m.raw_end].to_owned();
        (m.kind, m.value, raw)
    }

    #[test]
    fn số_la_mã_chuẩn() {
        assert_eq!(roman_value("III"), Some(3));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value(""), None);
        assert_eq!(roman(14), "XIV");
    }

    #[test]
    fn đọc_các_kiểu_đánh_số() {
        assert_eq!(first("I. KẾT QUẢ"), (Kind::Roman, 1, "I.".into()));
        assert_eq!(first("I11. Két qua"), (Kind::Roman, 3, "I11.".into()));
        assert_eq!(first("~11. SU QUAN TAM"), (Kind::Roman, 2, "~11.".into()));
        assert_eq!(first("V1. PHUONG HUONG"), (Kind::Roman, 6, "V1.".into()));
        assert_eq!(first("VIL Pé nghi xép loai"), (Kind::Roman, 7, "VIL".into()));
        assert_eq!(first("Phén |"), (Kind::Part, 1, "Phén |".into()));
        assert_eq!(first("PHẦN THỨ HAI: NHIỆM VỤ"), (Kind::Part, 2, "PHẦN THỨ HAI".into()));
        assert_eq!(first("Chương 3. Tổ chức"), (Kind::Chapter, 3, "Chương 3".into()));
        assert_eq!(first("Điều 28. Hiệu lực thi hành"), (Kind::Article, 28, "Điều 28".into()));
        assert!(read("Điều kiện cần").is_empty());
        assert_eq!(first("1.2. Xây dựng"), (Kind::Decimal(2), 2, "1.2.".into()));
        assert_eq!(first("2.Y tế, dân số"), (Kind::Arabic, 2, "2.".into()));
        assert_eq!(first("b) Giáo dục"), (Kind::Lower, 2, "b)".into()));
        assert_eq!(first("đ) Y tế"), (Kind::Lower, 5, "đ)".into()));
        assert_eq!(first("B. NHIỆM VỤ"), (Kind::Upper, 2, "B.".into()));
        assert_eq!(first("- Về kinh tế:"), (Kind::Bullet('-'), 0, "-".into()));
        assert_eq!(first("PHỤ LỤC"), (Kind::Appendix, 0, "PHỤ LỤC".into()));
        assert_eq!(first("Phu luc |"), (Kind::Appendix, 1, "Phu luc |".into()));
        assert!(read("Phần lớn các xã đã hoàn thành").is_empty());
        assert!(read("Mục tiêu tổng quát").is_empty());
        assert!(read("Phụ lục kèm theo báo cáo").is_empty());
        assert!(read("12.135 ha lúa").iter().all(|m| m.value != 1));
    }

    #[test]
    fn dấu_chuẩn_hóa() {
        let m = read("I11. X").remove(0);
        assert_eq!(normalised(&m, m.value), "III.");
        let m = read("Phan I").remove(0);
        assert_eq!(normalised(&m, 2), "Phần II");
    }
}
