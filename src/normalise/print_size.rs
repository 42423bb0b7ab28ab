//! Print size of hard-wrapped text: which source lines were set in small print.
//!
//! Reflow joins the lines of a paragraph, and with them goes what the page showed: footnotes are
//! set in a smaller type than the body, so in OCR and PDF text their lines hold more characters
//! (seeds 000–002: body lines 70–88 characters, note lines 95–125). Read before the lines are
//! joined, this tells a note that lost its marker from the body around it, and where a note
//! starts when reflow joined it to the one before.
//!
//! The result is a list of the source lines (their first character located in the normalised
//! text) with whether each is wider than the body measure allows.

use super::reflow::WRAPPED_WIDTH_MAX;
use super::Normalised;

/// A line at least this many times the body measure (the 75th-percentile width) is small print:
/// justified body lines stay within about 1.1 of it, 10–11 pt note lines under a 13–14 pt body
/// run 1.2–1.6.
pub const SMALL_PRINT_RATIO: f64 = 1.15;

/// Fewest non-blank source lines for a measure to mean anything.
const MIN_LINES: usize = 12;

/// Half-width of the window in which line widths count as the same (justified lines vary a few
/// characters).
const WIDTH_WINDOW: usize = 3;

/// The width of a full body line: the 75th percentile of the lines no wider than the small-print
/// ratio of the most common width. Not the 75th percentile of all lines, which a page bottom
/// thick with notes pulls into the notes' measure.
fn body_measure(widths: impl Iterator<Item = usize>) -> usize {
    let mut counts: Vec<usize> = Vec::new();
    let mut all: Vec<usize> = Vec::new();
    for w in widths {
        all.push(w);
        // Widths past any page's measure say nothing about it; the count array stays small.
        let w = w.min(4 * WRAPPED_WIDTH_MAX);
        if counts.len() <= w + WIDTH_WINDOW {
            counts.resize(w + WIDTH_WINDOW + 1, 0);
        }
        for c in &mut counts[w.saturating_sub(WIDTH_WINDOW)..=w + WIDTH_WINDOW] {
            *c += 1;
        }
    }
    // The most common width (the first, i.e. narrowest, of equals).
    let mut mode = 0;
    for (w, &c) in counts.iter().enumerate() {
        if c > counts[mode] {
            mode = w;
        }
    }
    let mut body: Vec<usize> = all.into_iter().filter(|&w| (w as f64) < SMALL_PRINT_RATIO * mode as f64).collect();
    crate::sort::sort(&mut body);
    body.get(body.len() * 3 / 4).copied().unwrap_or(0)
}

/// A source line as it lies in the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceLine {
    /// Byte offset, in the normalised text, of the line's first character.
    pub at: usize,
    /// Set in small print (wider than the body measure allows).
    pub small: bool,
}

/// The source lines of `decoded` (the text `n` was normalised from), in order, or none when the
/// text is not hard-wrapped (docx paragraphs, one line per paragraph, carry no print size).
pub fn source_lines(decoded: &str, n: &Normalised) -> Vec<SourceLine> {
    // (start of the line's content in `decoded`, width in chars)
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    for line in decoded.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let width = content.trim().chars().count();
        if width > 0 {
            lines.push((from + lead, width));
        }
        from += line.len();
    }
    if lines.len() < MIN_LINES {
        return Vec::new();
    }
    let measure = body_measure(lines.iter().map(|l| l.1));
    if measure == 0 || measure > WRAPPED_WIDTH_MAX {
        return Vec::new();
    }
    let text = n.text.as_str();
    let mut out: Vec<SourceLine> = Vec::with_capacity(lines.len());
    let mut lo = 0;
    for (start, width) in lines {
        // The first normalised offset at or after the line's start: offsets map monotonically, so
        // a binary search from the previous line's position finds it.
        let (mut a, mut b) = (lo, text.len());
        while a < b {
            let mid = a + (b - a) / 2;
            if n.to_input(mid) < start {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        let mut at = a;
        while at < text.len() && !text.is_char_boundary(at) {
            at += 1;
        }
        lo = at;
        let small = width as f64 >= SMALL_PRINT_RATIO * measure as f64;
        // A line normalising dropped (a page number) lands on the next one: the later wins.
        if let Some(last) = out.last_mut().filter(|l| l.at == at) {
            last.small = small;
        } else {
            out.push(SourceLine { at, small });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dòng_chú_thích_chữ_nhỏ_dài_hơn_dòng_thân_bài() {
        let body = "Ủy ban nhân dân huyện đã tập trung lãnh đạo, chỉ đạo thực hiện các nhiệm vụ\n";
        let note = "1 Theo số liệu của Chi cục Thống kê huyện, giá trị sản xuất nông nghiệp năm 2023 ước đạt 5.248 tỷ đồng\n";
        let t = format!("{}\n{note}\n{}", body.repeat(12), body.repeat(12));
        let n = super::super::normalise(&t);
        let lines = source_lines(&t, &n);
        assert_eq!(lines.len(), 25);
        let small: Vec<&SourceLine> = lines.iter().filter(|l| l.small).collect();
        assert_eq!(small.len(), 1);
        assert!(n.text[small[0].at..].starts_with("1 Theo số liệu"));
    }

    #[test]
    fn văn_bản_không_ngắt_dòng_không_có_cỡ_chữ() {
        let para = "Đoạn văn docx một dòng dài, ".repeat(10) + "\n";
        let t = para.repeat(30);
        assert!(source_lines(&t, &super::super::normalise(&t)).is_empty());
    }
}
