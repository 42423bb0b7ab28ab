//! Summarise: text + metadata + outline + figures + citations → the [`Summary`]: a headline
//! sentence built from the metadata, extractive key points ([`key_points`]), a digest per
//! top-level section, and counts.

pub mod key_points;
pub mod sentences;

use crate::extract::Doc;
use crate::fold::fold;
use crate::report::{ComparisonKind, Direction, Figure, KeyPoint, Metadata, Section, SectionDigest, Span, Stats, Summary};
use regex::Regex;
use std::sync::OnceLock;

/// Everything the summary is made from.
pub struct SummaryInput<'a> {
    /// The normalised text, its lines and spans.
    pub doc: &'a Doc<'a>,
    /// Extracted metadata.
    pub metadata: &'a Metadata,
    /// The outline.
    pub outline: &'a [Section],
    /// The figures.
    pub figures: &'a [Figure],
    /// Number of citations.
    pub citations: usize,
    /// Number of footnotes.
    pub footnotes: usize,
    /// Lines in the normalised text.
    pub lines: usize,
    /// Byte ranges that are not running text (footnote bodies; sorted, disjoint).
    pub not_running: &'a [std::ops::Range<usize>],
    /// First byte of the body after the document head (see [`crate::extract::metadata::Extracted`]).
    pub body_start: usize,
}

/// Builds the summary.
pub fn summarise(input: &SummaryInput) -> Summary {
    let cands = key_points::candidates(input.doc, input.outline, input.figures, input.body_start, input.not_running);
    let mut stats = stats(input);
    if let Some((met, total)) = targets(input.doc, &cands) {
        stats.targets_met = Some(met);
        stats.targets_total = Some(total);
    }
    let sections = digests(input, &cands);
    let key_points = key_points::select(input.doc, cands);
    // A digest that is also a key point carries the key point's reasons.
    let sections = sections
        .into_iter()
        .map(|mut d| {
            if let Some(kp) = d.digest.as_ref().and_then(|g| key_points.iter().find(|k| k.span == g.span)) {
                d.digest = Some(kp.clone());
            }
            d
        })
        .collect();
    Summary { headline: headline(input.metadata), key_points, stats, sections }
}

/// "đạt (và vượt) 10/11 chỉ tiêu" (folded; OCR "vugt" too): the targets met and in total. When
/// a sentence states several (9 months, then the year's estimate), the last one is the most
/// recent status; the first such sentence of the body is used.
fn targets(doc: &Doc, cands: &[key_points::Candidate]) -> Option<(u32, u32)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?-u:\b)dat(?: va v[a-z]{2,4})? ([0-9]{1,3}) ?/ ?([0-9]{1,3}) chi tieu").expect("targets pattern compiles")
    });
    cands.iter().find_map(|c| {
        let folded = fold(&doc.text[c.sentence.range.clone()]);
        let last = re.captures_iter(&folded).last()?;
        let met: u32 = last.get(1)?.as_str().parse().ok()?;
        let total: u32 = last.get(2)?.as_str().parse().ok()?;
        (total > 0 && met <= total).then_some((met, total))
    })
}

/// One digest per top-level section: its highest-scoring sentence that leads it or is a key point
/// candidate inside it, and up to three figures (compared ones first).
fn digests(input: &SummaryInput, cands: &[key_points::Candidate]) -> Vec<SectionDigest> {
    let within = |outer: Span, inner: Span| outer.start <= inner.start && inner.end <= outer.end;
    input
        .outline
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let best = cands
                .iter()
                .filter(|c| c.top == Some(i))
                .max_by(|a, b| a.score.total_cmp(&b.score).then(b.span.start.cmp(&a.span.start)));
            let digest = best.map(|c| KeyPoint {
                text: input.doc.text[c.sentence.range.clone()].to_owned(),
                span: c.span,
                role: c.role,
                score: (c.score * 100.0).round() / 100.0,
                why: c.reasons(),
            });
            let mut figs: Vec<(bool, u32)> = input
                .figures
                .iter()
                .enumerate()
                .filter(|(_, f)| within(s.section_span, f.span))
                .map(|(k, f)| (f.comparison.is_none(), k as u32))
                .collect();
            crate::sort::sort(&mut figs);
            SectionDigest {
                marker: s.marker.clone(),
                title: s.title.clone(),
                role: s.role,
                digest,
                figures: figs.into_iter().take(3).map(|(_, k)| k).collect(),
            }
        })
        .collect()
}

/// "Báo cáo: Kết quả … năm 2023 (số 7763/BC-UBND, 09/11/2023)". Only what was found is said.
pub fn headline(md: &Metadata) -> String {
    let mut s = md.doc_type.as_ref().map_or_else(|| "Văn bản".to_owned(), |t| t.name.clone());
    if let Some(issuer) = md.issuer.name.as_deref() {
        s.push_str(" của ");
        s.push_str(issuer);
    }
    if let Some(subject) = md.subject.as_deref() {
        s.push_str(": ");
        s.push_str(subject);
    }
    let mut refs = Vec::new();
    if let Some(ns) = md.number_symbol.as_deref() {
        refs.push(format!("số {ns}"));
    }
    if let Some(d) = md.date.as_deref() {
        // ISO → dd/mm/yyyy, the way officials write it.
        let parts: Vec<&str> = d.split('-').collect();
        if let [y, m, d] = parts[..] {
            refs.push(format!("{d}/{m}/{y}"));
        }
    }
    if !refs.is_empty() {
        s.push_str(&format!(" ({})", refs.join(", ")));
    }
    s
}

fn count_sections(sections: &[Section]) -> u32 {
    // Iterative: outline depth is bounded, but recursion on input-shaped data is avoided anyway.
    let mut stack: Vec<&Section> = sections.iter().collect();
    let mut n = 0;
    while let Some(s) = stack.pop() {
        n += 1;
        stack.extend(s.children.iter());
    }
    n
}

fn stats(input: &SummaryInput) -> Stats {
    let prev = |dir: Direction| {
        input
            .figures
            .iter()
            .filter(|f| f.comparison.as_ref().is_some_and(|c| c.kind == ComparisonKind::VsPreviousPeriod && c.direction == Some(dir)))
            .count() as u32
    };
    Stats {
        targets_met: None,
        targets_total: None,
        figures: input.figures.len() as u32,
        figures_up: prev(Direction::Up),
        figures_down: prev(Direction::Down),
        figures_below_plan: input
            .figures
            .iter()
            .filter(|f| f.comparison.as_ref().is_some_and(|c| c.kind == ComparisonKind::VsPlan && c.value.is_some_and(|v| v < 100.0)))
            .count() as u32,
        citations: input.citations as u32,
        footnotes: input.footnotes as u32,
        sections: count_sections(input.outline),
        lines: input.lines as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::DocType;

    #[test]
    fn tiêu_đề_tóm_tắt_từ_siêu_dữ_liệu() {
        let md = Metadata {
            doc_type: Some(DocType { code: "BC".into(), name: "Báo cáo".into() }),
            subject: Some("Kết quả thực hiện công tác dân vận chính quyền năm 2023".into()),
            number_symbol: Some("7763/BC-UBND".into()),
            date: Some("2023-11-09".into()),
            ..Metadata::default()
        };
        assert_eq!(headline(&md), "Báo cáo: Kết quả thực hiện công tác dân vận chính quyền năm 2023 (số 7763/BC-UBND, 09/11/2023)");
        assert_eq!(headline(&Metadata::default()), "Văn bản");
    }
}
