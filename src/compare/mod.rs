//! Compare: the figures of several reports → indicators aligned across them (the same measured
//! subject and unit, matched folded), each report's value side by side, the change from one
//! report to the next, and which reports lack the indicator.
//!
//! Typical use: the quarterly reports of one district (Q1 … Q4), or the same report from several
//! communes. Reports are compared in the order given.

use crate::fold::fold;
use crate::report::Figure;
use serde::{Deserialize, Serialize};
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

/// Most indicators listed (a pathological set of reports cannot make the table unbounded).
pub const MAX_ROWS: usize = 10_000;

/// One report to compare: a name and its figures.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CompareInput {
    /// Shown as the column title (file name, or "Quý III/2023").
    pub name: String,
    /// The report's figures (`report.figures`).
    pub figures: Vec<Figure>,
}

/// The aligned table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ComparisonTable {
    /// Column titles, in the order given.
    pub reports: Vec<String>,
    /// One row per indicator, in order of first appearance (first report first).
    pub rows: Vec<ComparisonRow>,
}

/// One indicator across the reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ComparisonRow {
    /// What is measured, as the first report holding it says it.
    pub what: String,
    /// Unit, as printed there.
    pub unit: Option<String>,
    /// Value in each report (`null` where the report does not give it).
    pub values: Vec<Option<f64>>,
    /// The figure as printed in each report.
    pub raws: Vec<Option<String>>,
    /// ComparisonChange from the previous report that has a value: `changes[i]` is for report `i`
    /// (`null` for the first, and where either value is missing).
    pub changes: Vec<Option<ComparisonChange>>,
    /// Indexes of the reports that do not give this indicator.
    pub missing_in: Vec<u32>,
}

/// ComparisonChange of an indicator between two reports.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ComparisonChange {
    /// New minus old, in the unit.
    pub delta: f64,
    /// Relative change in percent (`null` when the old value is 0).
    pub percent: Option<f64>,
}

/// Matching key of an indicator: folded subject without punctuation + folded unit.
pub fn key(what: &str, unit: Option<&str>) -> String {
    let norm = |s: &str| fold(s).split(|c: char| !c.is_ascii_alphanumeric() && c != '%').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    format!("{}|{}", norm(what), unit.map(norm).unwrap_or_default())
}

/// Aligns the figures of `inputs` (see the module docs). Figures without `what` cannot be matched
/// and are left out; when a report gives the same indicator twice, its first figure counts.
pub fn compare(inputs: &[CompareInput]) -> ComparisonTable {
    let n = inputs.len();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut rows: Vec<ComparisonRow> = Vec::new();
    for (r, input) in inputs.iter().enumerate() {
        for f in &input.figures {
            let Some(what) = f.what.as_deref().filter(|w| !w.trim().is_empty()) else { continue };
            let k = key(what, f.unit.as_deref());
            let row = match index.get(&k) {
                Some(&i) => i,
                None => {
                    if rows.len() >= MAX_ROWS {
                        continue;
                    }
                    index.insert(k, rows.len());
                    rows.push(ComparisonRow {
                        what: what.trim().to_owned(),
                        unit: f.unit.clone(),
                        values: vec![None; n],
                        raws: vec![None; n],
                        changes: vec![None; n],
                        missing_in: Vec::new(),
                    });
                    rows.len() - 1
                }
            };
            if rows[row].values[r].is_none() && f.value.is_finite() {
                rows[row].values[r] = Some(f.value);
                rows[row].raws[r] = Some(f.raw.clone());
            }
        }
    }
    for row in &mut rows {
        let mut prev: Option<f64> = None;
        for r in 0..n {
            match row.values[r] {
                Some(v) => {
                    if let Some(p) = prev {
                        let delta = v - p;
                        let percent = (p != 0.0).then(|| (delta / p.abs() * 10_000.0).round() / 100.0);
                        row.changes[r] = Some(ComparisonChange { delta: (delta * 1e6).round() / 1e6, percent });
                    }
                    prev = Some(v);
                }
                None => row.missing_in.push(r as u32),
            }
        }
    }
    ComparisonTable { reports: inputs.iter().map(|i| i.name.clone()).collect(), rows }
}

/// The comparison as CSV (UTF-8 with BOM, CRLF): indicator, unit, then per report its value and
/// its change in percent from the previous one.
pub fn csv(c: &ComparisonTable) -> String {
    let q = crate::export::cell;
    let mut out = String::from(crate::export::BOM);
    let mut header = vec!["what".to_owned(), "unit".to_owned()];
    for (i, name) in c.reports.iter().enumerate() {
        header.push(q(name));
        if i > 0 {
            header.push(q(&format!("{name} (% thay đổi)")));
        }
    }
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in &c.rows {
        let mut cells = vec![q(&row.what), q(row.unit.as_deref().unwrap_or(""))];
        for i in 0..c.reports.len() {
            cells.push(row.values[i].map(|v| format!("{v}")).unwrap_or_default());
            if i > 0 {
                cells.push(row.changes[i].and_then(|ch| ch.percent).map(|p| format!("{p}")).unwrap_or_default());
            }
        }
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Span;

    fn fig(what: &str, value: f64, unit: &str) -> Figure {
        Figure {
            raw: format!("{value} {unit}"),
            value,
            unit: (!unit.is_empty()).then(|| unit.to_owned()),
            what: (!what.is_empty()).then(|| what.to_owned()),
            period: None,
            comparison: None,
            comparisons: Vec::new(),
            value_dong: None,
            estimate: false,
            share: None,
            section_path: Vec::new(),
            span: Span { start: 0, end: 1 },
        }
    }

    fn input(name: &str, figures: Vec<Figure>) -> CompareInput {
        CompareInput { name: name.into(), figures }
    }

    #[test]
    fn chỉ_tiêu_cùng_tên_cùng_đơn_vị_được_xếp_thẳng_hàng() {
        let c = compare(&[
            input("Quý II", vec![fig("Tổng sản lượng lương thực", 70_000.0, "tấn"), fig("Thu ngân sách", 300.0, "tỷ đồng")]),
            input("Quý III", vec![fig("tong san luong luong thuc", 78_822.0, "tấn"), fig("Số hộ nghèo", 120.0, "hộ")]),
        ]);
        assert_eq!(c.reports, vec!["Quý II", "Quý III"]);
        assert_eq!(c.rows.len(), 3);
        let grain = &c.rows[0];
        assert_eq!(grain.what, "Tổng sản lượng lương thực");
        assert_eq!(grain.values, vec![Some(70_000.0), Some(78_822.0)]);
        assert_eq!(grain.changes[1], Some(ComparisonChange { delta: 8_822.0, percent: Some(12.6) }));
        assert!(grain.missing_in.is_empty());
        assert_eq!(c.rows[1].missing_in, vec![1], "budget only in Q2");
        assert_eq!(c.rows[2].missing_in, vec![0], "poor households only in Q3");
    }

    #[test]
    fn khác_đơn_vị_là_chỉ_tiêu_khác_không_có_tên_bị_bỏ() {
        let c = compare(&[
            input("A", vec![fig("Diện tích lúa", 10.0, "ha"), fig("", 5.0, "ha")]),
            input("B", vec![fig("Diện tích lúa", 12.0, "%")]),
        ]);
        assert_eq!(c.rows.len(), 2);
        assert_eq!(c.rows[0].values, vec![Some(10.0), None]);
        assert_eq!(c.rows[1].values, vec![None, Some(12.0)]);
    }

    #[test]
    fn thay_đổi_so_với_báo_cáo_gần_nhất_có_số_liệu_và_gốc_bằng_không() {
        let c = compare(&[
            input("1", vec![fig("Số vụ", 0.0, "vụ")]),
            input("2", vec![]),
            input("3", vec![fig("Số vụ", 3.0, "vụ")]),
        ]);
        assert_eq!(c.rows[0].changes, vec![None, None, Some(ComparisonChange { delta: 3.0, percent: None })]);
        assert_eq!(c.rows[0].missing_in, vec![1]);
    }

    #[test]
    fn csv_có_bom_và_cột_thay_đổi() {
        let c = compare(&[input("Q2", vec![fig("Thu ngân sách", 300.0, "tỷ đồng")]), input("Q3", vec![fig("Thu ngân sách", 330.0, "tỷ đồng")])]);
        assert_eq!(
            csv(&c),
            "\u{FEFF}what,unit,Q2,Q3,Q3 (% thay đổi)\r\nThu ngân sách,tỷ đồng,300,330,10\r\n"
        );
    }
}
