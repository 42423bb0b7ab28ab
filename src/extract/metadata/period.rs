//! Kỳ báo cáo: a subject line → [`Period`] ("quý III/2023", "6 tháng đầu năm 2024", "9 tháng năm
//! 2023", "6 tháng cuối năm", "từ ngày 01/01/2023 đến ngày 30/6/2023", "tháng 8 năm 2024",
//! "tháng 3/2023", "năm 2023").

use super::{iso_date, re};
use crate::fold::fold;
use crate::report::Period;
use regex::Regex;
use std::sync::OnceLock;

struct Patterns {
    /// "quý III/2023", "quí 3 năm 2023" (OCR "nim").
    quarter: Regex,
    /// "6 tháng đầu năm 2024", "6 tháng cuối năm 2023", "9 tháng năm 2023".
    months: Regex,
    /// "từ ngày 01/01/2023 đến ngày 30/6/2023" (also "từ 01/01/2023 đến 30/6/2023").
    range: Regex,
    /// "tháng 8 năm 2024", "tháng 3/2023", "tháng 12-2024"; also "tháng 8" whose year comes later
    /// ("tháng 8, phương hướng nhiệm vụ tháng 9 năm 2024").
    month: Regex,
    /// What makes a "tháng M" part of a date or of a range rather than the period: "ngày 13 ",
    /// "từ ", "đến " right before it.
    not_month: Regex,
    /// The first year after a "tháng M" printed without one: "năm 2024", "/2024".
    year_after: Regex,
    /// "năm 2023" (OCR "nim", "ndm", "naim").
    year: Regex,
    /// "… tháng 5 " right before a "năm …".
    date_before: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        quarter: re(r"(?-u:\b)qu[yi]\s+(iv|i{1,3}|[1-4])\s*(?:/|-|n[a-z]{1,2}m)\s*([0-9]{4})"),
        months: re(r"(?-u:\b)([0-9]{1,2})\s+th[a-z]{1,2}ng\s+(?:(dau|cuoi)\s+)?n[a-z]{1,2}m\s+([0-9]{4})"),
        month: re(r"(?-u:\b)th[a-z]{1,2}ng\s+([0-9]{1,2})(?:\s*(?:/|-|n[a-z]{1,2}m)\s*([0-9]{4}))?(?-u:\b)"),
        not_month: re(r"(?:(?-u:\b)ng[a-z]{1,2}y\s+[0-9]{1,2}|(?-u:\b)tu|(?-u:\b)den|(?-u:\b)toi)\s*$"),
        year_after: re(r"(?:(?-u:\b)n[a-z]{1,2}m\s+|[0-9]\s*/\s*)([0-9]{4})(?-u:\b)"),
        range: re(r"(?-u:\b)tu\s+(?:ngay\s+)?([0-9]{1,2})\s*/\s*([0-9]{1,2})\s*/\s*([0-9]{4})\s+den\s+(?:ngay\s+)?([0-9]{1,2})\s*/\s*([0-9]{1,2})\s*/\s*([0-9]{4})"),
        year: re(r"(?-u:\b)n[a-z]{1,2}m\s+([0-9]{4})(?-u:\b)"),
        date_before: re(r"th[a-z]{1,2}ng\s+[0-9]{1,2}\s*$"),
    })
}

fn last_day(m: u32, y: i32) -> u32 {
    match m {
        2 if iso_date("29", "2", &y.to_string()).is_some() => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn span(y: i32, m0: u32, m1: u32) -> (Option<String>, Option<String>) {
    (iso_date("1", &m0.to_string(), &y.to_string()), iso_date(&last_day(m1, y).to_string(), &m1.to_string(), &y.to_string()))
}

/// The reporting period named in the subject.
pub(crate) fn period(subject: &str) -> Option<Period> {
    let p = patterns();
    let f = fold(subject);
    if let Some(c) = p.quarter.captures(&f) {
        let q: u8 = match &c[1] {
            "i" | "1" => 1,
            "ii" | "2" => 2,
            "iii" | "3" => 3,
            _ => 4,
        };
        let y: i32 = c[2].parse().ok()?;
        let (from, to) = span(y, u32::from(q) * 3 - 2, u32::from(q) * 3);
        return Some(Period {
            label: format!("quý {}/{y}", ["I", "II", "III", "IV"][usize::from(q) - 1]),
            year: Some(y),
            quarter: Some(q),
            months: Some(3),
            from,
            to,
        });
    }
    if let Some(c) = p.range.captures(&f) {
        let from = iso_date(&c[1], &c[2], &c[3]);
        let to = iso_date(&c[4], &c[5], &c[6]);
        if from.is_some() && to.is_some() && from <= to {
            let y: Option<i32> = (c[3] == c[6]).then(|| c[3].parse().ok()).flatten();
            return Some(Period { label: format!("từ {}/{}/{} đến {}/{}/{}", &c[1], &c[2], &c[3], &c[4], &c[5], &c[6]), year: y, quarter: None, months: None, from, to });
        }
    }
    if let Some(c) = p.months.captures(&f) {
        let n: u32 = c[1].parse().ok()?;
        let y: i32 = c[3].parse().ok()?;
        if (1..=12).contains(&n) {
            let late = c.get(2).is_some_and(|m| m.as_str() == "cuoi");
            let (m0, m1) = if late { (13 - n, 12) } else { (1, n) };
            let (from, to) = span(y, m0, m1);
            let which = match c.get(2).map(|m| m.as_str()) {
                Some("dau") => " đầu năm",
                Some(_) => " cuối năm",
                None => " năm",
            };
            let label = if which == " năm" { format!("{n} tháng năm {y}") } else { format!("{n} tháng{which} {y}") };
            return Some(Period { label, year: Some(y), quarter: None, months: u8::try_from(n).ok(), from, to });
        }
    }
    // One month: the first "tháng M" that is neither in a date nor in a range, with its year or
    // the next one ("tháng 8 và phương hướng tháng 9 năm 2024" is August).
    if let Some(c) = p.month.captures_iter(&f).find(|c| c.get(0).is_some_and(|m| !p.not_month.is_match(&f[..m.start()]))) {
        let m: u32 = c[1].parse().ok()?;
        let y: Option<i32> = match (c.get(2), c.get(0)) {
            (Some(y), _) => y.as_str().parse().ok(),
            (None, Some(all)) => p.year_after.captures(&f[all.end()..]).and_then(|n| n[1].parse().ok()),
            (None, None) => None,
        };
        if let (true, Some(y)) = ((1..=12).contains(&m), y) {
            let (from, to) = span(y, m, m);
            return Some(Period { label: format!("tháng {m} năm {y}"), year: Some(y), quarter: None, months: Some(1), from, to });
        }
    }
    // A year that ends a date ("ngày 13 tháng 5 năm 1998") dates a cited document, not the period.
    let c = p.year.captures_iter(&f).find(|c| c.get(0).is_some_and(|m| !p.date_before.is_match(&f[..m.start()])))?;
    let y: i32 = c[1].parse().ok()?;
    let (from, to) = span(y, 1, 12);
    Some(Period { label: format!("năm {y}"), year: Some(y), quarter: None, months: Some(12), from, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kỳ_báo_cáo() {
        let q = period("Tình hình thực hiện nhiệm vụ quí III/2023").unwrap();
        assert_eq!((q.label.as_str(), q.quarter, q.from.as_deref(), q.to.as_deref()), ("quý III/2023", Some(3), Some("2023-07-01"), Some("2023-09-30")));
        let h = period("Kết quả 6 tháng đầu năm 2024").unwrap();
        assert_eq!((h.months, h.to.as_deref()), (Some(6), Some("2024-06-30")));
        let c = period("Kết quả 6 tháng cuối năm 2023").unwrap();
        assert_eq!((c.from.as_deref(), c.to.as_deref()), (Some("2023-07-01"), Some("2023-12-31")));
        let n = period("Kết quả 9 tháng năm 2023").unwrap();
        assert_eq!((n.label.as_str(), n.months, n.to.as_deref()), ("9 tháng năm 2023", Some(9), Some("2023-09-30")));
        let r = period("Kết quả từ ngày 01/01/2023 đến ngày 30/6/2023").unwrap();
        assert_eq!((r.from.as_deref(), r.to.as_deref(), r.year), (Some("2023-01-01"), Some("2023-06-30"), Some(2023)));
        let y = period("Kết quả thực hiện công tác dân vận chính quyền năm 2023").unwrap();
        assert_eq!((y.label.as_str(), y.year), ("năm 2023", Some(2023)));
        let o = period("Kiém diém tap thé Uy ban nhan din huyén nim 2023").unwrap();
        assert_eq!(o.year, Some(2023));
        assert!(period("Về việc tổ chức hội nghị").is_none());
        assert!(period("Sửa đổi Nghị định số 30/1998/NĐ-CP ngày 13 tháng 5 năm 1998").is_none());
    }

    #[test]
    fn kỳ_báo_cáo_một_tháng() {
        let m = period("Tình hình kinh tế - xã hội tháng 8 năm 2024").unwrap();
        assert_eq!((m.label.as_str(), m.year, m.months, m.from.as_deref(), m.to.as_deref()), ("tháng 8 năm 2024", Some(2024), Some(1), Some("2024-08-01"), Some("2024-08-31")));
        let s = period("Kết quả công tác tháng 2/2024").unwrap();
        assert_eq!((s.label.as_str(), s.to.as_deref()), ("tháng 2 năm 2024", Some("2024-02-29")));
        // The month of the report comes first; the year is the next one printed.
        let a = period("Kết quả thực hiện nhiệm vụ tháng 8, phương hướng nhiệm vụ tháng 9 năm 2024").unwrap();
        assert_eq!((a.label.as_str(), a.from.as_deref()), ("tháng 8 năm 2024", Some("2024-08-01")));
        // A month inside a date or a range is not the period.
        assert!(period("Thực hiện Nghị quyết số 12/NQ-HĐND ngày 10 tháng 12 năm 2020").is_none());
        assert!(period("Kết quả từ tháng 1 đến tháng 6 năm 2024").is_none());
        assert!(period("Kết quả công tác tháng 8").is_none());
    }
}
