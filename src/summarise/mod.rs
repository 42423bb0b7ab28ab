//! Summarise: metadata + outline + figures + citations → the [`Summary`]: a headline sentence built
//! from the metadata, key points (extractive; they arrive with the summary work) and counts.

use crate::report::{ComparisonKind, Direction, Metadata, Section, Stats, Summary, Figure};

/// Everything the summary is made from.
pub struct SummaryInput<'a> {
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
}

/// Builds the summary.
pub fn summarise(input: &SummaryInput) -> Summary {
    Summary { headline: headline(input.metadata), key_points: Vec::new(), stats: stats(input) }
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
