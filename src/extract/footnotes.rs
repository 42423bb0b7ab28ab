//! Footnotes: normalised text → the notes (id, body, anchor) and the byte ranges of their bodies
//! and anchor marks, so that the other extractors can leave them out of the running text.
//!
//! Three forms are read:
//! - docx notes, as the decoder's flatten step writes them and as Word text pasted elsewhere
//!   looks: `[footnoteRef:N]` in the running text, `[N: body]` after it (seed 004);
//! - PDF notes at page bottoms: a line starting with the bare number and a capitalised word
//!   ("1 Theo số liệu …"), its anchor a number glued to a word before it ("GDP1", "6%2");
//! - OCR notes, where the superscript number is read as junk ("®", "’", "™", "¥", "%8"): a line
//!   starting with such a mark, only in text the noise assessment calls OCR;
//! - OCR notes told by their small print ([`crate::normalise::print_size`]): a small-print
//!   paragraph without a marker among the notes of a page bottom, a small-print line starting with
//!   a number glued to a lower-case word ("79 tháng" = note 17 + "9 tháng"), and a note that reflow
//!   joined to the one before (it starts a small-print source line). A note in small print runs on
//!   over small-print lines only, so the body sentence that goes on after the page's notes is
//!   not taken into it.
//!
//! The text is not changed: [`Footnotes::body_ranges`] and [`Footnotes::marker_ranges`] say what to
//! skip (the outline skips bodies; figures can skip both), so every span stays exact.

use super::Doc;
use crate::limits::MAX_FOOTNOTES;
use crate::normalise::print_size::SourceLine;
use crate::report::{Diagnostic, Footnote, Severity};
use std::ops::Range;

/// Longest note id read ("[footnoteRef:12345]" is junk).
const MAX_ID_DIGITS: usize = 4;
/// Deepest bracket nesting followed when matching note bodies.
const MAX_BRACKET_DEPTH: usize = 1_000;
/// How far back (bytes) the anchor of a page-bottom note is looked for.
const ANCHOR_WINDOW: usize = 5_000;
/// Most blank lines looked over for the note after a paragraph (a page break is a few).
const MAX_GAP_LINES: usize = 8;

/// What the footnote reader found.
#[derive(Debug, Clone, Default)]
pub struct Footnotes {
    /// The notes, in the order of their bodies.
    pub items: Vec<Footnote>,
    /// Byte ranges of note bodies (sorted, disjoint): not running text. `body_ranges[i]` is the
    /// note `items[i]` as printed.
    pub body_ranges: Vec<Range<usize>>,
    /// `anchor_ranges[i]`: byte range of the anchor of `items[i]`, when found.
    pub anchor_ranges: Vec<Option<Range<usize>>>,
    /// Byte ranges of anchor marks in the running text (sorted): `[footnoteRef:3]`, the "1" of "GDP1".
    pub marker_ranges: Vec<Range<usize>>,
    /// What a user would want to know (anchors without notes …).
    pub diagnostics: Vec<Diagnostic>,
}

impl Footnotes {
    /// True when byte `at` lies in a note body or an anchor mark.
    pub fn covers(&self, at: usize) -> bool {
        let inside = |rs: &[Range<usize>]| {
            let k = rs.partition_point(|r| r.end <= at);
            rs.get(k).is_some_and(|r| r.start <= at)
        };
        inside(&self.body_ranges) || inside(&self.marker_ranges)
    }

    /// For byte `at` inside a note body: where that note is anchored in the running text (so a
    /// figure in a note can be placed in the anchor's section).
    pub fn anchor_for(&self, at: usize) -> Option<usize> {
        let k = self.body_ranges.partition_point(|r| r.end <= at);
        let body = self.body_ranges.get(k)?;
        if body.start > at {
            return None;
        }
        self.anchor_ranges.get(k)?.as_ref().map(|a| a.start)
    }
}

/// Characters OCR makes of a superscript number.
fn is_superscript_junk(c: char) -> bool {
    matches!(c, '!' | '¥' | '*' | '®' | '"' | '\'' | '°' | '%' | '“' | '”' | '‘' | '’' | '>' | '™' | '§' | '¢' | '£' | '^' | '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁰')
}

/// Reads the notes of a document; `ocr` enables the junk-marker form.
pub fn extract(doc: &Doc, ocr: bool) -> Footnotes {
    extract_with(doc, ocr, &[])
}

/// [`extract`], knowing which source lines of OCR text were set in small print
/// ([`crate::normalise::print_size::source_lines`]): notes without a marker, and notes that
/// reflow joined to the one before, are found by it.
pub fn extract_with(doc: &Doc, ocr: bool, print: &[SourceLine]) -> Footnotes {
    let mut out = Footnotes::default();
    docx_form(doc, &mut out);
    if out.items.is_empty() {
        page_form(doc, ocr, print, &mut out);
    }
    // Bodies are found in text order already; anchors of page notes are found backwards.
    crate::sort::sort_by_key(&mut out.marker_ranges, |r| r.start);
    out
}

/// `[footnoteRef:N]` anchors and `[N: …]` bodies.
fn docx_form(doc: &Doc, out: &mut Footnotes) {
    let text = doc.text;
    const REF: &str = "[footnoteRef:";
    let mut anchors: Vec<(String, Range<usize>, bool)> = Vec::new();
    let mut from = 0;
    while let Some(k) = text[from..].find(REF) {
        let s = from + k;
        let id_start = s + REF.len();
        let digits = text[id_start..].bytes().take_while(u8::is_ascii_digit).count();
        from = id_start;
        if digits == 0 || digits > MAX_ID_DIGITS || !text[id_start + digits..].starts_with(']') {
            continue;
        }
        let e = id_start + digits + 1;
        anchors.push((text[id_start..id_start + digits].to_owned(), s..e, false));
        out.marker_ranges.push(s..e);
        from = e;
    }
    // Bodies: "[N: text]" with brackets balanced inside, on one line. Closing brackets are matched
    // in one pass (a stack per line), so hostile bracket soup stays linear.
    // Pasted text sometimes loses a note's "]": such a body runs to the next "[M: " on its line
    // or to the line's end.
    let bytes = text.as_bytes();
    let is_opener = |s: usize| {
        let digits = bytes[s + 1..].iter().take(MAX_ID_DIGITS + 1).take_while(|b| b.is_ascii_digit()).count();
        digits > 0 && digits <= MAX_ID_DIGITS && text[s + 1 + digits..].starts_with(": ")
    };
    // (start, end of body text, end of the printed note)
    let mut cands: Vec<(usize, usize, usize)> = Vec::new();
    let mut unclosed: Vec<usize> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for j in 0..=bytes.len() {
        match bytes.get(j) {
            Some(b'[') if stack.len() < MAX_BRACKET_DEPTH => stack.push(j),
            Some(b']') => {
                if let Some(o) = stack.pop() {
                    if is_opener(o) {
                        cands.push((o, j, j + 1));
                    }
                }
            }
            Some(b'\n') | None => {
                unclosed.extend(stack.drain(..).filter(|&o| is_opener(o)));
                crate::sort::sort(&mut unclosed);
                for (k, &o) in unclosed.iter().enumerate() {
                    let end = unclosed.get(k + 1).copied().unwrap_or(j);
                    cands.push((o, end, end));
                }
                unclosed.clear();
            }
            _ => {}
        }
    }
    crate::sort::sort(&mut cands);
    // Anchors of each id in text order, and how many of them notes have taken: a note takes the
    // first unused anchor of its id in O(1) (a scan over all anchors per note was quadratic on
    // 100,000 markers).
    let mut by_id: std::collections::HashMap<String, (Vec<usize>, usize)> = std::collections::HashMap::new();
    for (k, (id, _, _)) in anchors.iter().enumerate() {
        by_id.entry(id.clone()).or_default().0.push(k);
    }
    let mut covered_to = 0;
    for (s, end, printed_end) in cands {
        if s < covered_to {
            continue; // inside a body already taken
        }
        let digits = bytes[s + 1..].iter().take(MAX_ID_DIGITS + 1).take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > MAX_ID_DIGITS || !text[s + 1 + digits..].starts_with(": ") {
            continue;
        }
        let inner_start = s + 1 + digits + 2;
        let end = end.max(inner_start);
        if inner_start > end {
            continue;
        }
        let body = text[inner_start..end].trim();
        if !body.chars().any(char::is_alphanumeric) {
            continue;
        }
        if out.items.len() >= MAX_FOOTNOTES {
            out.diagnostics.push(doc.diagnostic(Severity::Warning, "footnotes.tooMany", format!("Quá {MAX_FOOTNOTES} chú thích; phần còn lại bị bỏ qua."), Some(s..printed_end)));
            break;
        }
        let id = text[s + 1..s + 1 + digits].to_owned();
        let next = by_id.get_mut(id.as_str()).and_then(|(ks, taken)| {
            let k = ks.get(*taken).copied()?;
            *taken += 1;
            Some(k)
        });
        let anchor = next.map(|k| {
            anchors[k].2 = true;
            anchors[k].1.clone()
        });
        out.items.push(Footnote { id: id.clone(), raw_marker: format!("[{id}:"), text: body.to_owned(), span: doc.span(s..printed_end), anchor: anchor.clone().map(|a| doc.span(a)) });
        out.body_ranges.push(s..printed_end);
        out.anchor_ranges.push(anchor);
        covered_to = printed_end;
    }
    let orphans = anchors.iter().filter(|(_, _, used)| !used).count();
    if orphans > 0 {
        out.diagnostics.push(doc.diagnostic(
            Severity::Info,
            "footnotes.bodyMissing",
            format!("{orphans} dấu chú thích trong văn bản không có nội dung chú thích tương ứng."),
            None,
        ));
    }
}

/// How a line starts a page-bottom note: (printed marker end, numeric id if the marker is a number).
fn note_start(line: &str, block_start: bool, ocr: bool) -> Option<(usize, Option<u32>)> {
    let tok_end = line.find(' ').unwrap_or(line.len());
    let tok = &line[..tok_end];
    let after = line[tok_end..].trim_start_matches(' ');
    let next_upper = after.chars().next().is_some_and(char::is_uppercase);
    // A note whose first word OCR ate starts in lower case ("01§ chức cấp huyện …"): accepted for
    // a junk mark with digits at the start of a block only.
    let next_letter = after.chars().next().is_some_and(char::is_alphabetic);
    let junk_digits = tok.chars().any(|c| c.is_ascii_digit()) && tok.chars().any(is_superscript_junk);
    // "18 _ Khối THCS: …": OCR put a stray stroke between the number and the note.
    if ocr && (1..=2).contains(&tok.len()) && tok.bytes().all(|b| b.is_ascii_digit()) {
        if let Some(rest) = after.strip_prefix(['_', '|', '~']) {
            let word = rest.trim_start_matches(' ');
            if rest.len() > word.len() && word.starts_with(char::is_uppercase) {
                let v: u32 = tok.parse().ok()?;
                return (v > 0).then_some((line.len() - word.len(), Some(v)));
            }
        }
    }
    if tok_end < line.len() && (next_upper || (ocr && block_start && junk_digits && next_letter)) && !tok.is_empty() {
        // "1 Theo số liệu …": a bare number, then a capitalised word.
        if next_upper && tok.len() <= 2 && tok.bytes().all(|b| b.is_ascii_digit()) {
            let v: u32 = tok.parse().ok()?;
            return (v > 0).then_some((tok_end, Some(v)));
        }
        // "® HTX …", "%8 Tiếp nhận …": a superscript read as junk, maybe with digits.
        if ocr
            && tok.chars().count() <= 4
            && tok.chars().all(|c| is_superscript_junk(c) || c.is_ascii_digit())
            && tok.chars().any(is_superscript_junk)
        {
            return Some((tok_end, None));
        }
    }
    // '"Đơn khiếu nại: …': the junk mark glued to the first word, at the start of a block, and
    // not an opening quote (which would close on the line).
    if ocr && block_start {
        let mut cs = line.chars();
        let (Some(q), Some(c)) = (cs.next(), cs.next()) else { return None };
        if is_superscript_junk(q) && c.is_uppercase() {
            let closer = match q {
                '"' => Some('"'),
                '“' => Some('”'),
                '‘' | '\'' => Some('’'),
                _ => None,
            };
            let rest = &line[q.len_utf8()..];
            if closer.is_none_or(|cl| !(rest.contains(cl) || q == '\'' && rest.contains('\''))) {
                return Some((q.len_utf8(), None));
            }
        }
    }
    None
}

/// The source lines (see [`crate::normalise::print_size`]) that start inside `r`.
fn source_lines_in(print: &[SourceLine], r: Range<usize>) -> &[SourceLine] {
    let a = print.partition_point(|l| l.at < r.start);
    let b = print.partition_point(|l| l.at < r.end);
    &print[a..b.max(a)]
}

/// Whether the text in `r` was set in small print: every source line in it is, but perhaps one
/// (the short last line of a paragraph, a line a long word wrapped early).
fn is_small_print(print: &[SourceLine], r: Range<usize>) -> bool {
    let ls = source_lines_in(print, r);
    let small = ls.iter().filter(|l| l.small).count();
    small >= 1 && small + 1 >= ls.len()
}

/// A small-print line that starts with a number of one or two digits and a word: the note's
/// number, though the word is in lower case ("79 tháng đầu năm …": OCR read the superscript "17"
/// as "7" and glued it to "9 tháng"). Body lines are not small print, so "15 xã …" there is not.
fn small_number_start(line: &str) -> Option<(usize, Option<u32>)> {
    let tok_end = line.find(' ')?;
    let tok = &line[..tok_end];
    let next_letter = line[tok_end..].trim_start_matches(' ').chars().next().is_some_and(char::is_alphabetic);
    (next_letter && (1..=2).contains(&tok.len()) && tok.bytes().all(|b| b.is_ascii_digit())).then_some((tok_end, None))
}

/// A note body that ends a sentence: a note that does not ("…; VIDB: Huy động 520 tỷ đồng;")
/// goes on at the bottom of the next page.
fn ends_sentence(body: &str) -> bool {
    body.trim_end().trim_end_matches([')', '"', '”', '’', '\'']).ends_with(['.', '!', '?'])
}

/// Where, inside the paragraph `r`, a source line starts another note: in small print, a line
/// that starts the way a note does (reflow joined "… Chi Lăng Nam. 7" and "4 Tập trung …").
fn split_at(text: &str, print: &[SourceLine], r: Range<usize>, ocr: bool) -> Option<usize> {
    source_lines_in(print, r.start + 1..r.end)
        .iter()
        .find(|l| l.small && note_start(&text[l.at..r.end], false, ocr).is_some())
        .map(|l| l.at)
}

/// Page-bottom notes (PDF text, OCR). `print` gives the print size of OCR source lines (empty
/// when unknown).
fn page_form(doc: &Doc, ocr: bool, print: &[SourceLine], out: &mut Footnotes) {
    let text = doc.text;
    let lines = &doc.seg.lines;
    let print = if ocr { print } else { &[] };
    let mut prev_blank = true;
    let mut last_id = 0;
    let mut k = 0;
    // A note that starts inside a paragraph (see `split_at`): where the next pass over line `k` begins.
    let mut resume: Option<usize> = None;
    // End of the last note body, and whether that body ended a sentence.
    let mut last_note: Option<(usize, bool)> = None;
    while k < lines.len() {
        let full = lines[k].trimmed(text);
        let r = match resume.take() {
            Some(p) if p > full.start && p < full.end => p..full.end,
            _ => full,
        };
        k += 1;
        if r.is_empty() {
            prev_blank = true;
            continue;
        }
        let line = &text[r.clone()];
        let block_start = prev_blank;
        prev_blank = false;
        let split = split_at(text, print, r.clone(), ocr);
        let head_end = split.unwrap_or(r.end);
        let small = !print.is_empty() && is_small_print(print, r.start..head_end);
        let start = note_start(line, block_start, ocr).or_else(|| if small && block_start { small_number_start(line) } else { None });
        let (mark_end, num) = match start {
            Some(s) => s,
            None if small && block_start && markerless_note(text, lines, k, &r, split, last_note, print, ocr) => (0, None),
            None => continue,
        };
        // In clean text a line "2 Phó Chủ tịch" may be a list; a page-bottom note there continues
        // the numbering of the notes and has its number glued to a word before it. OCR misreads
        // the numbers too often for either test.
        let anchor = num.and_then(|n| find_anchor(text, r.start, n));
        if !ocr && (num != Some(last_id + 1) || anchor.is_none()) {
            continue;
        }
        if let Some(n) = num {
            last_id = n;
        }
        let mut end = head_end;
        if let Some(p) = split {
            // The rest of the paragraph is the next note: read line `k - 1` again from there.
            end = r.start + text[r.start..p].trim_end().len();
            resume = Some(p);
            k -= 1;
        } else {
            // The body runs on over lines that continue it: in small print, lines in small print
            // that do not start a note; otherwise lines that go on with its sentence (not
            // capitalised, not a new note).
            while k < lines.len() {
                let rr = lines[k].trimmed(text);
                if rr.is_empty() {
                    break;
                }
                let next = &text[rr.clone()];
                let goes_on = if small {
                    is_small_print(print, rr.clone()) && split_at(text, print, rr.clone(), ocr).is_none()
                } else {
                    !next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                };
                if !goes_on || note_start(next, false, ocr).is_some() {
                    break;
                }
                end = rr.end;
                k += 1;
            }
        }
        if out.items.len() >= MAX_FOOTNOTES {
            out.diagnostics.push(doc.diagnostic(Severity::Warning, "footnotes.tooMany", format!("Quá {MAX_FOOTNOTES} chú thích; phần còn lại bị bỏ qua."), Some(r)));
            break;
        }
        let seq = out.items.len() as u32 + 1;
        let id = num.unwrap_or(seq);
        if let Some(a) = &anchor {
            out.marker_ranges.push(a.clone());
        }
        let body = text[r.start + mark_end..end].trim();
        last_note = Some((end, ends_sentence(body)));
        out.items.push(Footnote { id: id.to_string(), raw_marker: line[..mark_end].to_owned(), text: body.to_owned(), span: doc.span(r.start..end), anchor: anchor.clone().map(|a| doc.span(a)) });
        out.body_ranges.push(r.start..end);
        out.anchor_ranges.push(anchor);
    }
    if !out.items.is_empty() && ocr && out.items.iter().any(|f| f.anchor.is_none()) {
        out.diagnostics.push(doc.diagnostic(
            Severity::Info,
            "footnotes.ocrMarkers",
            format!("{} chú thích cuối trang được nhận ra từ ký hiệu OCR; số thứ tự được đánh lại theo thứ tự xuất hiện.", out.items.len()),
            None,
        ));
    }
}

/// A small-print paragraph `r` (line `k - 1`) without a marker is a note that lost it when it
/// sits among the notes at a page bottom — right after a note or right before one — and the
/// note before it ended its sentence (else it is that note going on at the next page's bottom).
/// A paragraph that starts in lower case goes on with a sentence and is not a note.
#[allow(clippy::too_many_arguments)]
fn markerless_note(
    text: &str,
    lines: &[crate::segment::Line],
    k: usize,
    r: &Range<usize>,
    split: Option<usize>,
    last_note: Option<(usize, bool)>,
    print: &[SourceLine],
    ocr: bool,
) -> bool {
    let Some((last_end, last_ended)) = last_note else { return false };
    if !last_ended || text[r.clone()].starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    let after_note = text[last_end.min(r.start)..r.start].trim().is_empty();
    let before_note = split.is_some()
        || lines.iter().skip(k).take(MAX_GAP_LINES).map(|l| l.trimmed(text)).find(|rr| !rr.is_empty()).is_some_and(|rr| {
            let next = &text[rr.clone()];
            note_start(next, true, ocr).is_some() || (is_small_print(print, rr) && small_number_start(next).is_some())
        });
    after_note || before_note
}

/// The anchor of note `n` before `before`: the number glued to a word or a percent sign
/// ("GDP1", "6%2", "năm 2023.1" is not: the digit must follow a letter, "%", ")" or a quote).
fn find_anchor(text: &str, before: usize, n: u32) -> Option<Range<usize>> {
    let id = n.to_string();
    let mut lo = before.saturating_sub(ANCHOR_WINDOW);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let hay = &text[lo..before];
    let mut best = None;
    for (k, _) in hay.match_indices(id.as_str()) {
        let s = lo + k;
        let e = s + id.len();
        let prev = text[..s].chars().next_back();
        let next = text[e..].chars().next();
        let glued = prev.is_some_and(|c| c.is_alphabetic() || matches!(c, '%' | ')' | '”' | '"'));
        let ends = next.is_none_or(|c| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | ')'));
        // "4.180m2", "CO2": a unit or a code, not a note mark (the word has digits of its own).
        let word_start = text[lo..s].rfind([' ', '\n', '\t']).map_or(lo, |w| lo + w + 1);
        let unit_like = prev != Some('%') && text[word_start..s].chars().any(|c| c.is_ascii_digit());
        let code_like = text[word_start..s].chars().filter(|c| c.is_alphabetic()).count() == 1 && prev.is_some_and(char::is_uppercase);
        if glued && ends && !unit_like && !code_like {
            best = Some(s..e);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;
    use crate::span::Utf16Index;

    fn notes(t: &str, ocr: bool) -> Footnotes {
        let seg = segment(t);
        let index = Utf16Index::new(t);
        let folded = crate::fold::Folded::new(t, 0);
        let doc = Doc { text: t, seg: &seg, index: &index, folded: &folded };
        extract(&doc, ocr)
    }

    #[test]
    fn dạng_docx() {
        let t = "Năm 2023[footnoteRef:1] tăng.\n[1: Theo số liệu [sơ bộ].]\n";
        let f = notes(t, false);
        assert_eq!(f.items.len(), 1);
        assert_eq!(f.items[0].text, "Theo số liệu [sơ bộ].");
        assert!(f.items[0].anchor.is_some());
        assert!(f.covers(t.find("[1:").unwrap()));
        assert_eq!(f.anchor_for(t.find("Theo").unwrap()), t.find("[footnoteRef"));
        assert!(!f.covers(0));
    }

    #[test]
    fn dạng_docx_dán_mất_ngoặc_đóng() {
        let t = "A[footnoteRef:1] B[footnoteRef:2]. [1:  Một. [2:  Hai.\nTiếp.";
        let f = notes(t, false);
        let texts: Vec<&str> = f.items.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["Một.", "Hai."]);
    }

    #[test]
    fn dạng_cuối_trang_pdf() {
        let t = "Xay 4.180m2 cau, GDP1 dat 6%2.\n\n1 Theo Cục Thống kê.\n2 Ước tính.\n";
        let f = notes(t, false);
        assert_eq!(f.items.len(), 2);
        let a = f.items[0].anchor.unwrap();
        assert_eq!(&t[a.start as usize..a.end as usize], "1");
        assert_eq!(f.marker_ranges.len(), 2);
    }

    #[test]
    fn danh_sách_đánh_số_không_phải_chú_thích() {
        let t = "Thành phần gồm:\n1 Chủ tịch UBND huyện\n2 Phó Chủ tịch UBND huyện\n";
        assert!(notes(t, false).items.is_empty());
    }

    #[test]
    fn dạng_ocr_chỉ_khi_là_ocr() {
        let t = "Doanh thu tăng™.\n\n® HTX Trường Phát, HTX Thạnh Lợi.\n";
        assert_eq!(notes(t, true).items.len(), 1);
        assert_eq!(notes(t, false).items.len(), 0);
    }

    #[test]
    fn dòng_dài_và_nhiều_dấu_mở_ngoặc() {
        let t = format!("{}\n[1: {}", "[".repeat(100_000), "x".repeat(1 << 20));
        let start = std::time::Instant::now();
        let f = notes(&t, true);
        assert_eq!(f.items.len(), 1, "an unclosed pasted note runs to the line's end");
        assert!(start.elapsed().as_secs() < 5);
    }
}
