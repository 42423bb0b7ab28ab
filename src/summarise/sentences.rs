//! Sentences: normalised text (a byte range of it) → sentence byte ranges, each knowing its
//! paragraph and whether it opens it.
//!
//! A sentence ends at `.`, `!`, `?` or `…` followed by a space and a capital, digit, bullet or
//! quote, and at every line end (after reflow a line is a paragraph). A full stop is not an end
//! inside a number ("1.626,4"), after an abbreviation or an initial ("TP.", "ThS.", "v.v.",
//! "Nguyễn V. An"), or after a heading marker at the start of a line ("1.", "II.", "a.").
//! Semicolons do not end sentences: Vietnamese reports chain a whole list with them, and the
//! list is the point — but a "sentence" longer than [`MAX_SENTENCE_BYTES`] is cut at them.

use std::ops::Range;

/// Longest sentence kept whole; longer runs are cut at `;` (then hard) so one run-on paragraph
/// cannot become a 5,000-character key point.
pub const MAX_SENTENCE_BYTES: usize = 1_200;

/// A sentence of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Bytes in the text, trimmed of spaces.
    pub range: Range<usize>,
    /// Index of its paragraph (line) among the lines visited.
    pub paragraph: usize,
    /// Whether it is the first sentence of its paragraph.
    pub opens_paragraph: bool,
}

/// Abbreviations that end in a full stop inside a sentence (folded, without the stop).
const ABBREVIATIONS: [&str; 14] = ["tp", "tx", "tt", "ths", "ts", "pgs", "gs", "bs", "v.v", "vv", "tr", "st", "q", "p"];

/// Sentences of `text[within]`, in order.
pub fn split(text: &str, within: Range<usize>) -> Vec<Sentence> {
    let mut out = Vec::new();
    let start = within.start.min(text.len());
    let end = within.end.min(text.len()).max(start);
    let Some(region) = text.get(start..end) else { return out };
    let mut paragraph = 0usize;
    let mut line_start = start;
    for line in region.split('\n') {
        let line_range = line_start..line_start + line.len();
        line_start = line_range.end + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut opens = true;
        for r in split_line(text, line_range) {
            for piece in cut_long(text, r) {
                out.push(Sentence { range: piece, paragraph, opens_paragraph: opens });
                opens = false;
            }
        }
        paragraph += 1;
    }
    out
}

/// Sentence ranges of one line.
fn split_line(text: &str, line: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[line.clone()];
    let mut out = Vec::new();
    let mut from = 0usize;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    // A heading marker at the start ("1.", "II.", "a.") is not an end.
    let marker_end = leading_marker_len(s);
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') || i < marker_end {
            continue;
        }
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let after = chars.get(k + 2).map(|&(_, c)| c);
        if next != Some(' ') {
            continue;
        }
        let opens_next = after.is_some_and(|a| crate::letters::is_upper(a) || a.is_ascii_digit() || matches!(a, '-' | '+' | '•' | '"' | '“' | '(' | '['));
        if !opens_next {
            continue;
        }
        if c == '.' && is_abbreviation(&s[from..i]) {
            continue;
        }
        push_trimmed(&mut out, text, line.start + from..line.start + i + c.len_utf8());
        from = i + c.len_utf8();
    }
    push_trimmed(&mut out, text, line.start + from..line.end);
    out
}

/// Bytes of a heading/list marker at the start of a line ("1.", "1.2.", "II.", "a.", "- ").
fn leading_marker_len(s: &str) -> usize {
    let t = s.trim_start();
    let lead = s.len() - t.len();
    let token = t.split(' ').next().unwrap_or("");
    let core = token.trim_end_matches(['.', ')']);
    let is_marker = !core.is_empty()
        && token.len() > core.len()
        && core.len() <= 8
        && (core.chars().all(|c| c.is_ascii_digit() || c == '.')
            || core.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
            || (core.chars().count() == 1 && core.chars().all(|c| c.is_ascii_lowercase())));
    if is_marker {
        lead + token.len()
    } else {
        0
    }
}

/// Whether the text before a full stop ends in an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit([' ', '(', '\t']).next().unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // An initial: one capital letter ("V." in "Nguyễn V. An").
    let mut cs = word.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        if crate::letters::is_upper(c) {
            return true;
        }
    }
    let f = crate::fold::fold(word);
    ABBREVIATIONS.contains(&f.as_str())
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, r: Range<usize>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// Cuts a range longer than [`MAX_SENTENCE_BYTES`] at semicolons, else at a char boundary.
fn cut_long(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = r.start;
    while r.end - from > MAX_SENTENCE_BYTES {
        let window = &text[from..from + crate::span::floor_char_boundary(&text[from..], MAX_SENTENCE_BYTES)];
        let cut = window.rfind(';').map(|k| k + 1).filter(|&k| k > 80).unwrap_or(window.len());
        if cut == 0 {
            break;
        }
        push_trimmed(&mut out, text, from..from + cut);
        from += cut;
    }
    push_trimmed(&mut out, text, from..r.end);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t, 0..t.len()).into_iter().map(|s| &t[s.range]).collect()
    }

    #[test]
    fn câu_kết_thúc_bằng_dấu_chấm_và_xuống_dòng() {
        assert_eq!(
            texts("Kết quả đạt 1.626,4 tỷ đồng. Tăng 3,4% so với cùng kỳ.\nHạn chế còn nhiều"),
            vec!["Kết quả đạt 1.626,4 tỷ đồng.", "Tăng 3,4% so với cùng kỳ.", "Hạn chế còn nhiều"]
        );
    }

    #[test]
    fn viết_tắt_chữ_cái_đầu_và_số_mục_không_cắt_câu() {
        assert_eq!(texts("UBND TP. Cao Lãnh và ông Nguyễn V. An dự họp."), vec!["UBND TP. Cao Lãnh và ông Nguyễn V. An dự họp."]);
        assert_eq!(texts("1. Kết quả đạt được. Năm nay tốt"), vec!["1. Kết quả đạt được.", "Năm nay tốt"]);
        assert_eq!(texts("II. NHIỆM VỤ"), vec!["II. NHIỆM VỤ"]);
    }

    #[test]
    fn câu_mở_đoạn_và_chỉ_số_đoạn() {
        let t = "A b c. D e.\n\nG h.";
        let s = split(t, 0..t.len());
        assert_eq!(s.iter().map(|x| (x.paragraph, x.opens_paragraph)).collect::<Vec<_>>(), vec![(0, true), (0, false), (1, true)]);
    }

    #[test]
    fn câu_quá_dài_bị_cắt_ở_dấu_chấm_phẩy() {
        let item = "thực hiện nhiệm vụ trọng tâm của địa phương trong năm; ";
        let t = item.repeat(60);
        let s = split(&t, 0..t.len());
        assert!(s.len() > 1);
        assert!(s.iter().all(|x| x.range.len() <= MAX_SENTENCE_BYTES));
        assert!(s.iter().all(|x| t[x.range.clone()].ends_with(';') || x.range.end == t.trim_end().len()));
    }

    #[test]
    fn vùng_ngoài_văn_bản_không_gây_lỗi() {
        assert!(split("abc", 5..9).is_empty());
        assert!(split("", 0..0).is_empty());
    }
}
