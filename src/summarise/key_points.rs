//! Key points: sentences of the body + outline + figures → 5–10 sentences that say what the
//! report found, each with its span, its section's role and why it was chosen.
//!
//! The method, in order:
//! 1. **Candidates**: sentences between the first heading of the outline (else the start) and
//!    "Nơi nhận" (else the end), except headings, table rows, all-capitals lines, fragments
//!    under [`MIN_WORDS`] words, table rows flattened into a line (mostly numbers), and sentences with a vetoing cue (legal basis "Căn cứ…",
//!    "Kính gửi", the closing "Trên đây là…").
//! 2. **Score** (all on folded text, so OCR without diacritics scores the same):
//!    figures with a comparison (+0.8 each, at most 3) and other figures (+0.3 each, at most 1)
//!    from the figure extractor; percentages and "a/b" ratios in the text (+0.6 / +0.8 each, at
//!    most 4 together); cue phrases of `data/summary-cues.tsv` (stated results, comparisons,
//!    shortcomings, directions; legal-basis and routing sentences negative); the first sentence
//!    under a heading (+2 when the section's role is a result, shortcoming, cause, task, proposal,
//!    target or assessment, else +0.5); the body's first candidate +1.5 (the overall situation);
//!    very long sentences −1.
//! 3. **Select**: first the best sentence of each of achievements / limitations / tasks (if the
//!    outline has such sections and the sentence scores above zero), then the rest by score;
//!    a sentence sharing more than half of its words with one already chosen is a near-duplicate
//!    and skipped; at most [`MAX_PER_SECTION`] from one top-level section.
//! 4. **Passage**: a key point is the chosen sentence's paragraph (with the "- …" items of a
//!    list it introduces) when that stays under [`MAX_PASSAGE_WORDS`] words, else the sentence
//!    and the ones after it up to that length: in reports a paragraph is one point, and a
//!    sentence's figures often continue in the next one. Two sentences of one paragraph are one
//!    key point.
//! 5. **Order**: document order.

use super::sentences::{self, Sentence};
use crate::catalogue::cues;
use crate::extract::Doc;
use crate::fold::fold;
use crate::report::{Figure, KeyPoint, Role, Section, Span};
use std::collections::HashSet;

/// Fewest key points when the body has that many candidates.
pub const MIN_POINTS: usize = 5;
/// Most key points.
pub const MAX_POINTS: usize = 10;
/// Shortest candidate, in words.
pub const MIN_WORDS: usize = 8;
/// Most key points from one top-level section, so one long section cannot fill the summary.
pub const MAX_PER_SECTION: usize = 3;
/// Most sentences scored (a pathological text of a million one-line sentences stays linear and
/// the summary small); the first ones are kept.
pub const MAX_CANDIDATES: usize = 50_000;

/// Roles whose opening sentence usually states the section's point.
const LEAD_ROLES: [Role; 7] =
    [Role::Achievements, Role::Limitations, Role::Causes, Role::Tasks, Role::Proposals, Role::Targets, Role::Assessment];

/// A scored candidate.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The sentence.
    pub sentence: Sentence,
    /// Its UTF-16 span.
    pub span: Span,
    /// Score (see the module docs).
    pub score: f64,
    /// Why: "figures", "comparison", "lead", cue phrases…
    pub why: Vec<String>,
    /// Role of the innermost section holding it.
    pub role: Option<Role>,
    /// Index of its top-level section.
    pub top: Option<usize>,
    /// Folded words, for near-duplicate checks.
    words: Vec<u64>,
}

/// The body's byte range: from the first heading to "Nơi nhận".
pub fn body_range(doc: &Doc, outline: &[Section]) -> std::ops::Range<usize> {
    let text = doc.text;
    let start = outline.first().map_or(0, |s| doc.index.byte(s.span.start));
    let mut end = text.len();
    let mut at = start;
    for line in text[start..].split('\n') {
        let f = fold(line.trim_start().get(..line.trim_start().len().min(16)).unwrap_or(""));
        if f.starts_with("noi nhan") {
            end = at;
            break;
        }
        at += line.len() + 1;
    }
    start..end.max(start)
}


/// The outline flattened in document order (pre-order: a section starts after its parent), with
/// each section's parent and top-level index, for lookups in O(log n).
struct Flat<'a> {
    sections: Vec<&'a Section>,
    parent: Vec<Option<usize>>,
    top: Vec<usize>,
}

impl<'a> Flat<'a> {
    fn new(outline: &'a [Section]) -> Self {
        let mut f = Flat { sections: Vec::new(), parent: Vec::new(), top: Vec::new() };
        let mut stack: Vec<(&Section, Option<usize>, usize)> =
            outline.iter().enumerate().rev().map(|(i, s)| (s, None, i)).collect();
        while let Some((s, parent, top)) = stack.pop() {
            let k = f.sections.len();
            f.sections.push(s);
            f.parent.push(parent);
            f.top.push(top);
            stack.extend(s.children.iter().rev().map(|c| (c, Some(k), top)));
        }
        f
    }

    /// Whether `span` overlaps a heading. Headings do not overlap each other, so the one
    /// starting last before `span.end` decides.
    fn is_heading(&self, span: Span) -> bool {
        self.sections
            .partition_point(|s| s.span.start < span.end)
            .checked_sub(1)
            .is_some_and(|k| overlaps(self.sections[k].span, span))
    }

    /// Innermost section whose whole span holds `span`.
    fn holder(&self, span: Span) -> Option<usize> {
        let mut k = self.sections.partition_point(|s| s.span.start <= span.start).checked_sub(1);
        // Up through the ancestors: bounded by the outline's depth.
        while let Some(i) = k {
            if contains(self.sections[i].section_span, span) {
                return Some(i);
            }
            k = self.parent[i];
        }
        None
    }
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Scores every candidate sentence of the body.
pub fn candidates(doc: &Doc, outline: &[Section], figures: &[Figure]) -> Vec<Candidate> {
    let body = body_range(doc, outline);
    let flat = Flat::new(outline);
    let mut sents = sentences::split(doc.text, body);
    sents.truncate(MAX_CANDIDATES);
    let spans: Vec<Span> = sents.iter().map(|s| doc.span(s.range.clone())).collect();
    // The first non-heading sentence after each heading, inside its section.
    let mut leads: HashSet<(usize, usize)> = HashSet::new();
    for (k, sec) in flat.sections.iter().enumerate() {
        let from = spans.partition_point(|sp| sp.start < sec.span.end);
        if let Some(i) = (from..spans.len()).take(8).find(|&i| !flat.is_heading(spans[i])) {
            if spans[i].end <= sec.section_span.end {
                leads.insert((k, i));
            }
        }
    }
    // Figures by start, to find those inside a sentence by binary search.
    let mut figs: Vec<&Figure> = figures.iter().collect();
    crate::sort::sort_by_key(&mut figs, |f| (f.span.start, f.span.end));
    let mut out = Vec::new();
    for (i, s) in sents.into_iter().enumerate() {
        let span = spans[i];
        let raw = &doc.text[s.range.clone()];
        if flat.is_heading(span) || raw.matches('|').count() >= 2 || crate::letters::mostly_capitals(raw) {
            continue;
        }
        let folded = fold(raw);
        let padded = cues::padded_words(&folded);
        let n_words = padded.split(' ').filter(|w| !w.is_empty()).count();
        if n_words < MIN_WORDS {
            continue;
        }
        // Rows of a table flattened into a line ("79 79 77 02 Số lượng …") are mostly numbers.
        let numeric = raw.split_whitespace().filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit())).count();
        if numeric * 5 > n_words * 2 {
            continue;
        }
        let (mut score, found) = cues::score(&padded);
        if found.iter().any(|c| cues::cues().iter().any(|(k, w)| k == c && *w <= cues::VETO)) {
            continue;
        }
        let mut why: Vec<String> = found.iter().map(|c| format!("cue:{c}")).collect();
        let first = figs.partition_point(|f| f.span.start < span.start);
        let inside: Vec<&Figure> =
            figs[first..].iter().take_while(|f| f.span.start < span.end).filter(|f| contains(span, f.span)).copied().collect();
        let compared = inside.iter().filter(|f| f.comparison.is_some()).count();
        if compared > 0 {
            score += 0.8 * compared.min(3) as f64;
            why.push(format!("comparisons:{compared}"));
        }
        let plain = inside.len() - compared;
        if plain > 0 {
            score += (0.3 * plain as f64).min(1.0);
            why.push(format!("figures:{plain}"));
        }
        let (pcts, ratios) = numeric_marks(&folded);
        if pcts + ratios > 0 {
            score += (0.6 * pcts as f64 + 0.8 * ratios as f64).min(4.0);
            why.push(format!("numbers:{}", pcts + ratios));
        }
        let holder = flat.holder(span);
        let role = holder.map(|k| flat.sections[k].role);
        let top = holder.map(|k| flat.top[k]);
        if let Some(k) = holder.filter(|&k| leads.contains(&(k, i))) {
            score += if LEAD_ROLES.contains(&flat.sections[k].role) { 2.0 } else { 0.5 };
            why.push("lead".into());
        }
        if out.is_empty() {
            // The body's first sentence usually states the overall situation.
            score += 1.5;
            why.push("opening".into());
        }
        if n_words > 90 {
            score -= 1.0;
        }
        let words = word_set(&padded);
        out.push(Candidate { sentence: s, span, score, why, role, top, words });
    }
    out
}


/// (percentages, "a/b" ratios of plain numbers) in a folded sentence.
fn numeric_marks(folded: &str) -> (usize, usize) {
    let b = folded.as_bytes();
    let mut pcts = 0;
    let mut ratios = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'%' && i > 0 && b[i - 1].is_ascii_digit() {
            pcts += 1;
        }
        if c == b'/' && i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            // Not a date (dd/mm/yyyy): a date has a second slash right after the digits.
            let rest = &b[i + 1..];
            let digits = rest.iter().take_while(|c| c.is_ascii_digit() || **c == b'.').count();
            if rest.get(digits) != Some(&b'/') && !b[..i].ends_with(b"/") && !is_date_tail(&b[..i]) {
                ratios += 1;
            }
        }
    }
    (pcts, ratios)
}

/// Whether the digits before a slash are the end of "dd/mm" of a date ("16/01/2023": the
/// second slash is seen as "01" preceded by "16/").
fn is_date_tail(before: &[u8]) -> bool {
    let digits = before.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    before.len() > digits && before[before.len() - digits - 1] == b'/'
}

/// Chooses the key points (module docs, steps 3–4).
pub fn select(doc: &Doc, mut cands: Vec<Candidate>) -> Vec<KeyPoint> {
    let n = cands.len();
    if n == 0 {
        return Vec::new();
    }
    let want = (n / 25).clamp(MIN_POINTS, MAX_POINTS).min(n);
    // Stable order for equal scores: earlier first.
    let mut order: Vec<usize> = (0..n).collect();
    crate::sort::sort_by(&mut order, |&a, &b| cands[b].score.total_cmp(&cands[a].score).then(a.cmp(&b)));
    // Each candidate stands for its passage (its paragraph, see `passage`): two sentences of one
    // paragraph are one key point.
    // Computed on demand: only the candidates examined need theirs.
    let breaks: Vec<usize> = doc.text.match_indices('\n').map(|(k, _)| k).collect();
    let passages: Vec<std::cell::OnceCell<std::ops::Range<usize>>> = (0..n).map(|_| std::cell::OnceCell::new()).collect();
    let passage_of = |k: usize| passages[k].get_or_init(|| passage(doc.text, &breaks, cands[k].sentence.range.clone())).clone();
    let mut chosen: Vec<usize> = Vec::new();
    let mut per_top: std::collections::HashMap<Option<usize>, usize> = std::collections::HashMap::new();
    let fits = |k: usize, chosen: &[usize], per_top: &std::collections::HashMap<Option<usize>, usize>| {
        let c = &cands[k];
        if c.score <= 0.0 || per_top.get(&c.top).copied().unwrap_or(0) >= MAX_PER_SECTION {
            return false;
        }
        let p = passage_of(k);
        !chosen.iter().any(|&j| {
            let q = passage_of(j);
            near_duplicate(&cands[j].words, &c.words) || (q.start < p.end && p.start < q.end)
        })
    };
    // The best sentence of each of achievements / limitations / tasks first, so a summary never
    // lists only results.
    for role in [Role::Achievements, Role::Limitations, Role::Tasks] {
        if let Some(&k) = order.iter().find(|&&k| cands[k].role == Some(role) && fits(k, &chosen, &per_top)) {
            *per_top.entry(cands[k].top).or_default() += 1;
            chosen.push(k);
        }
    }
    let want = want.max(chosen.len());
    for &k in &order {
        if chosen.len() >= want {
            break;
        }
        if !chosen.contains(&k) && fits(k, &chosen, &per_top) {
            *per_top.entry(cands[k].top).or_default() += 1;
            chosen.push(k);
        }
    }
    crate::sort::sort(&mut chosen);
    let ranges: Vec<std::ops::Range<usize>> = chosen.iter().map(|&k| passage_of(k)).collect();
    chosen
        .into_iter()
        .zip(ranges)
        .map(|(k, range)| {
            let c = std::mem::take(&mut cands[k].why);
            let cand = &cands[k];
            KeyPoint {
                text: doc.text[range.clone()].to_owned(),
                span: doc.span(range),
                role: cand.role,
                score: (cand.score * 100.0).round() / 100.0,
                why: c,
            }
        })
        .collect()
}

/// Most words of a key point passage (see [`passage`]).
pub const MAX_PASSAGE_WORDS: usize = 160;

/// The sentence extended over the rest of its paragraph while the passage stays under
/// [`MAX_PASSAGE_WORDS`]: in reports a sentence's figures and qualifications often continue in the
/// next sentence ("… đạt 76,06% chỉ tiêu. Sản lượng lúa …"), and a paragraph is one point.
///
/// `breaks`: the positions of every `\n` of `text`. Work per sentence is bounded by the passage,
/// not by its paragraph: one 1 MB paragraph has a thousand candidate sentences.
fn passage(text: &str, breaks: &[usize], r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let k = breaks.partition_point(|&b| b < r.end);
    let line_end = breaks.get(k).copied().unwrap_or(text.len());
    let line_start = breaks[..breaks.partition_point(|&b| b < r.start)].last().map_or(0, |&b| b + 1);
    let para = text[line_start..line_end].trim();
    let mut words = para.split_whitespace().take(MAX_PASSAGE_WORDS + 1).count();
    if words <= MAX_PASSAGE_WORDS {
        let lead = text[line_start..line_end].len() - text[line_start..line_end].trim_start().len();
        let mut end = line_start + lead + para.len();
        // A paragraph that introduces a list ("… như sau:", or followed by "- …" items) carries
        // its items while the passage stays short: the list is what the paragraph says.
        let mut at = line_end;
        for _ in 0..MAX_LIST_ITEMS {
            let Some(next) = text.get(at + 1..) else { break };
            let next_end = next.find('\n').map_or(text.len(), |k| at + 1 + k);
            let item = text[at + 1..next_end].trim();
            if item.is_empty() || !item.starts_with(['-', '+', '•', '*']) {
                break;
            }
            let n = item.split_whitespace().count();
            if words + n > MAX_PASSAGE_WORDS {
                break;
            }
            words += n;
            end = next_end - (text[at + 1..next_end].len() - text[at + 1..next_end].trim_end().len());
            at = next_end;
        }
        return line_start + lead..end;
    }
    let mut end = r.end;
    words = text[r.clone()].split_whitespace().count();
    // Only the next MAX_PASSAGE_WORDS + 1 words can join: a sentence reaching past them has more
    // words than the passage may hold, so splitting just that far gives the same passage.
    let window_end = text[r.end..line_end]
        .split_whitespace()
        .take(MAX_PASSAGE_WORDS + 1)
        .last()
        .map_or(r.end, |w| w.as_ptr() as usize - text.as_ptr() as usize + w.len());
    let window_end = if window_end < line_end && text[window_end..line_end].trim().is_empty() { line_end } else { window_end };
    for (rel, sent) in sentences::split(text, r.end..window_end).into_iter().map(|s| (s.range.end, s.range)) {
        let n = text[sent].split_whitespace().count();
        if words + n > MAX_PASSAGE_WORDS {
            break;
        }
        words += n;
        end = rel;
    }
    r.start..end
}

/// Most list items appended to a key point passage.
const MAX_LIST_ITEMS: usize = 12;

/// The distinct words (longer than one letter) of a padded folded sentence, as sorted 64-bit
/// hashes: comparing two sentences is then a merge of two short sorted lists, and building the
/// set allocates one vector instead of a string per word.
fn word_set(padded: &str) -> Vec<u64> {
    let mut v: Vec<u64> = padded
        .split(' ')
        .filter(|w| w.len() > 1)
        .map(|w| w.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)))
        .collect();
    crate::sort::sort(&mut v);
    v.dedup();
    v
}

/// More than half of the smaller sentence's words are in the other.
fn near_duplicate(a: &[u64], b: &[u64]) -> bool {
    let small = a.len().min(b.len()).max(1);
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common * 2 > small
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(s: &str) -> Vec<u64> {
        word_set(&cues::padded_words(&fold(s)))
    }

    #[test]
    fn câu_gần_trùng_bị_bỏ_câu_khác_giữ() {
        let a = set("Tổng giá trị sản xuất ước đạt 5.939 tỷ đồng, tăng 8,63% so với cùng kỳ");
        let b = set("Tổng giá trị sản xuất đạt 5.939 tỷ đồng, tăng 8,63% so cùng kỳ năm trước");
        let c = set("Tiến độ giải ngân vốn đầu tư công còn chậm so với yêu cầu");
        assert!(near_duplicate(&a, &b));
        assert!(!near_duplicate(&a, &c));
    }

    #[test]
    fn phần_trăm_và_tỷ_số_không_tính_ngày() {
        assert_eq!(numeric_marks("dat 10/11 chi tieu, tang 6,7%"), (1, 1));
        assert_eq!(numeric_marks("ngay 16/01/2023 va 09/11/2023"), (0, 0));
        assert_eq!(numeric_marks("so 452/qd-ubnd"), (0, 0));
    }
}
