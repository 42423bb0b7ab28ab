//! Export: Report → a Markdown brief (headline, document info, key points, section digests,
//! figures, cited documents) and CSV tables of figures and of citations that Excel opens with
//! Vietnamese intact (UTF-8 with BOM, CRLF, formula-safe cells).
//!
//! The CLI (`--format md|csv`) and the page (through the wasm `exportReport`) use these same
//! functions, so both give the same bytes.

use crate::report::{ComparisonKind, Direction, Report, Role};
use std::fmt::Write as _;

/// Which table a CSV export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row per figure.
    Figures,
    /// One row per citation.
    Citations,
}

impl Table {
    /// "figures" / "citations".
    pub fn parse(s: &str) -> Option<Table> {
        match s {
            "figures" => Some(Table::Figures),
            "citations" => Some(Table::Citations),
            _ => None,
        }
    }
}

/// Byte order mark that makes Excel read a CSV file as UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// Vietnamese label of a role, as the page shows it.
pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::Context => "bối cảnh",
        Role::Achievements => "kết quả",
        Role::Limitations => "hạn chế",
        Role::Causes => "nguyên nhân",
        Role::Tasks => "nhiệm vụ",
        Role::Proposals => "kiến nghị",
        Role::Targets => "mục tiêu",
        Role::Assessment => "đánh giá",
        Role::Responsibility => "trách nhiệm",
        Role::Appendix => "phụ lục",
        Role::Other => "khác",
    }
}

fn kind_label(kind: ComparisonKind) -> &'static str {
    match kind {
        ComparisonKind::VsPlan => "so với kế hoạch",
        ComparisonKind::VsPreviousPeriod => "so với cùng kỳ/kỳ trước",
        ComparisonKind::VsTarget => "so với mục tiêu",
        ComparisonKind::Ratio => "tỷ số",
    }
}

fn kind_code(kind: ComparisonKind) -> &'static str {
    match kind {
        ComparisonKind::VsPlan => "vsPlan",
        ComparisonKind::VsPreviousPeriod => "vsPreviousPeriod",
        ComparisonKind::VsTarget => "vsTarget",
        ComparisonKind::Ratio => "ratio",
    }
}

fn direction_code(d: Option<Direction>) -> &'static str {
    match d {
        Some(Direction::Up) => "up",
        Some(Direction::Down) => "down",
        None => "",
    }
}

/// A number the way Vietnamese officials write it: "1.626,4", "78.822".
pub fn vn_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let neg = v < 0.0;
    let rounded = (v.abs() * 1000.0).round() / 1000.0;
    let int = rounded.trunc() as u128;
    let frac = rounded - rounded.trunc();
    let digits = int.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if frac > 0.0 {
        let f = format!("{frac:.3}");
        let f = f.trim_start_matches('0').trim_start_matches('.').trim_end_matches('0');
        if !f.is_empty() {
            out.push(',');
            out.push_str(f);
        }
    }
    if neg {
        out.insert(0, '-');
    }
    out
}

/// Inline Markdown text: one line, table pipes and emphasis characters escaped.
fn md_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The Markdown brief of one report.
pub fn markdown(r: &Report) -> String {
    let md = &r.metadata;
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md_inline(&r.summary.headline));
    let mut info: Vec<(&str, String)> = Vec::new();
    if let Some(t) = &md.doc_type {
        info.push(("Loại văn bản", t.name.clone()));
    }
    if let Some(n) = &md.number_symbol {
        info.push(("Số, ký hiệu", n.clone()));
    }
    if let Some(d) = &md.date {
        info.push(("Ngày", iso_to_vn(d)));
    }
    let issuer = [md.issuer.parent.as_deref(), md.issuer.name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" – ");
    if !issuer.is_empty() {
        info.push(("Cơ quan ban hành", issuer));
    }
    if let Some(p) = &md.period {
        info.push(("Kỳ báo cáo", p.label.clone()));
    }
    if let Some(s) = &md.subject {
        info.push(("Trích yếu", s.clone()));
    }
    if let Some(sig) = &md.signature {
        let who = [sig.authority.as_deref(), sig.title.as_deref(), sig.name.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        if !who.is_empty() {
            info.push(("Người ký", who));
        }
    }
    if let Some(name) = &r.source.name {
        info.push(("Tệp", name.clone()));
    }
    for (k, v) in &info {
        let _ = writeln!(o, "- **{k}:** {}", md_inline(v));
    }
    let st = &r.summary.stats;
    if let (Some(met), Some(total)) = (st.targets_met, st.targets_total) {
        let _ = writeln!(o, "- **Chỉ tiêu đạt:** {met}/{total}");
    }
    if !r.summary.key_points.is_empty() {
        let _ = writeln!(o, "\n## Ý chính\n");
        for k in &r.summary.key_points {
            let _ = writeln!(o, "- {}", md_inline(&k.text));
        }
    }
    if !r.summary.sections.is_empty() {
        let _ = writeln!(o, "\n## Tóm lược từng phần\n");
        for d in &r.summary.sections {
            let _ = writeln!(o, "### {} {} _({})_\n", md_inline(&d.marker), md_inline(&d.title), role_label(d.role));
            if let Some(g) = &d.digest {
                let _ = writeln!(o, "{}\n", md_inline(&g.text));
            }
            let figs: Vec<String> =
                d.figures.iter().filter_map(|&k| r.figures.get(k as usize)).map(|f| md_inline(&f.raw)).collect();
            if !figs.is_empty() {
                let _ = writeln!(o, "Số liệu chính: {}\n", figs.join("; "));
            }
        }
    }
    if !r.figures.is_empty() {
        let _ = writeln!(o, "\n## Số liệu ({})\n", r.figures.len());
        let _ = writeln!(o, "| Nội dung | Giá trị | Đơn vị | So sánh | Kỳ |");
        let _ = writeln!(o, "|---|---:|---|---|---|");
        for f in &r.figures {
            let cmp = f.comparison.as_ref().map_or(String::new(), |c| {
                let mut s = kind_label(c.kind).to_owned();
                if let Some(v) = c.value {
                    let _ = write!(s, " {}", vn_number(v));
                    if c.kind != ComparisonKind::Ratio {
                        s.push('%');
                    }
                }
                match c.direction {
                    Some(Direction::Up) => s.push_str(" ↑"),
                    Some(Direction::Down) => s.push_str(" ↓"),
                    None => {}
                }
                s
            });
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} |",
                md_inline(f.what.as_deref().unwrap_or("")),
                vn_number(f.value),
                md_inline(f.unit.as_deref().unwrap_or("")),
                md_inline(&cmp),
                md_inline(f.period.as_deref().unwrap_or(""))
            );
        }
    }
    if !r.citations.is_empty() {
        let _ = writeln!(o, "\n## Văn bản được dẫn ({})\n", r.citations.len());
        let _ = writeln!(o, "| Loại | Số, ký hiệu | Ngày | Cơ quan | Tên |");
        let _ = writeln!(o, "|---|---|---|---|---|");
        for c in &r.citations {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} |",
                md_inline(&c.kind),
                md_inline(c.number_symbol.as_deref().unwrap_or("")),
                c.date.as_deref().map(iso_to_vn).unwrap_or_default(),
                md_inline(c.issuer_text.as_deref().unwrap_or("")),
                md_inline(c.title.as_deref().unwrap_or(""))
            );
        }
    }
    o
}

/// "2023-11-09" → "09/11/2023"; anything else unchanged.
fn iso_to_vn(d: &str) -> String {
    match d.split('-').collect::<Vec<_>>()[..] {
        [y, m, dd] => format!("{dd}/{m}/{y}"),
        _ => d.to_owned(),
    }
}

/// One CSV cell: quoted when needed; text that a spreadsheet would run as a formula (leading
/// `=`, `+`, `-`, `@`, tab, CR) gets a leading apostrophe.
pub fn cell(s: &str) -> String {
    let guarded = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_owned() };
    if guarded.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A number cell (plain decimal point, so spreadsheets of any locale read it as data).
fn num(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite()).map(|v| format!("{v}")).unwrap_or_default()
}

/// Header row of a table.
pub fn csv_header(table: Table) -> &'static str {
    match table {
        Table::Figures => "file,section,what,value,unit,period,comparison,comparisonValue,direction,numerator,denominator,raw,start,end",
        Table::Citations => "file,type,numberSymbol,date,issuerText,title,raw,start,end",
    }
}

/// Data rows (CRLF-terminated) of one report for `table`; `file` fills the first column.
pub fn csv_rows(r: &Report, table: Table, file: &str) -> String {
    let mut o = String::new();
    match table {
        Table::Figures => {
            for f in &r.figures {
                let c = f.comparison.as_ref();
                let section = f.section_path.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
                let row = [
                    cell(file),
                    cell(&section),
                    cell(f.what.as_deref().unwrap_or("")),
                    num(Some(f.value)),
                    cell(f.unit.as_deref().unwrap_or("")),
                    cell(f.period.as_deref().unwrap_or("")),
                    c.map_or(String::new(), |c| kind_code(c.kind).to_owned()),
                    num(c.and_then(|c| c.value)),
                    direction_code(c.and_then(|c| c.direction)).to_owned(),
                    num(c.and_then(|c| c.numerator)),
                    num(c.and_then(|c| c.denominator)),
                    cell(&f.raw),
                    f.span.start.to_string(),
                    f.span.end.to_string(),
                ];
                o.push_str(&row.join(","));
                o.push_str("\r\n");
            }
        }
        Table::Citations => {
            for c in &r.citations {
                let row = [
                    cell(file),
                    cell(&c.kind),
                    cell(c.number_symbol.as_deref().unwrap_or("")),
                    cell(c.date.as_deref().unwrap_or("")),
                    cell(c.issuer_text.as_deref().unwrap_or("")),
                    cell(c.title.as_deref().unwrap_or("")),
                    cell(&c.raw),
                    c.span.start.to_string(),
                    c.span.end.to_string(),
                ];
                o.push_str(&row.join(","));
                o.push_str("\r\n");
            }
        }
    }
    o
}

/// A whole CSV file of one report: BOM, header, rows.
pub fn csv(r: &Report, table: Table) -> String {
    let file = r.source.name.as_deref().unwrap_or("");
    format!("{BOM}{}\r\n{}", csv_header(table), csv_rows(r, table, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn số_kiểu_việt_nam() {
        assert_eq!(vn_number(78822.0), "78.822");
        assert_eq!(vn_number(1626.4), "1.626,4");
        assert_eq!(vn_number(63.03), "63,03");
        assert_eq!(vn_number(-7.1), "-7,1");
        assert_eq!(vn_number(0.5), "0,5");
        assert_eq!(vn_number(f64::NAN), "");
    }

    #[test]
    fn ô_csv_an_toàn_với_excel() {
        assert_eq!(cell("Quyết định"), "Quyết định");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("nói \"có\""), "\"nói \"\"có\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-2"), "'-2");
    }

    #[test]
    fn markdown_thoát_ký_tự_đặc_biệt() {
        assert_eq!(md_inline("a|b *c* <script>\nx"), "a\\|b \\*c\\* \\<script\\> x");
    }
}
