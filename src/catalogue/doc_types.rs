//! Loại văn bản (`data/doc-types.tsv`) → lookup by symbol abbreviation or by (folded) heading.

use super::rows;
use crate::fold::fold;
use crate::report::Family;
use std::sync::OnceLock;

/// One document type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocTypeEntry {
    /// Abbreviation as in a symbol: "BC", "TTr", "QĐi".
    pub code: &'static str,
    /// Name in sentence case: "Báo cáo".
    pub name: &'static str,
    /// Family that uses this abbreviation; `None` = both.
    pub family: Option<Family>,
    /// `name` folded ("bao cao"), for heading matching.
    pub folded: String,
}

static DATA: &str = include_str!("../../data/doc-types.tsv");

/// Every entry, in file order.
pub fn all() -> &'static [DocTypeEntry] {
    static TABLE: OnceLock<Vec<DocTypeEntry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        rows(DATA)
            .filter(|r| r.len() >= 3)
            .map(|r| DocTypeEntry {
                code: r[0],
                name: r[1],
                family: match r[2] {
                    "state" => Some(Family::State),
                    "party" => Some(Family::Party),
                    _ => None,
                },
                folded: fold(r[1]),
            })
            .collect()
    })
}

/// Among entries sharing a code or a name, the one of `family`, else the one both families use,
/// else the state one (Nghị định 30/2020 is the default rule book).
fn choose(cands: Vec<&'static DocTypeEntry>, family: Option<Family>) -> Option<&'static DocTypeEntry> {
    cands
        .iter()
        .copied()
        .find(|e| family.is_some() && e.family == family)
        .or_else(|| cands.iter().copied().find(|e| e.family.is_none()))
        .or_else(|| cands.iter().copied().find(|e| e.family != Some(Family::Party)))
        .or_else(|| cands.first().copied())
}

/// The type whose abbreviation is `code` (exact case first, then case-insensitive, since OCR and
/// typists write "Ttr"/"TTR"), preferring entries of `family` when it is known.
pub fn by_code(code: &str, family: Option<Family>) -> Option<&'static DocTypeEntry> {
    let exact: Vec<_> = all().iter().filter(|e| e.code == code).collect();
    if !exact.is_empty() {
        return choose(exact, family);
    }
    let folded = fold(code);
    choose(all().iter().filter(|e| fold(e.code) == folded).collect(), family)
}

static PREFIXES: &str = include_str!("../../data/doc-type-prefixes.tsv");

/// Words printed before a type name that keep the type ("Bản" in "BẢN QUY ĐỊNH"), lowercase.
fn prefixes() -> &'static [String] {
    static TABLE: OnceLock<Vec<String>> = OnceLock::new();
    TABLE.get_or_init(|| rows(PREFIXES).filter_map(|r| r.first().map(|w| w.to_lowercase())).collect())
}

/// The heading without a prefix word that keeps the type ("BẢN QUY ĐỊNH" → "QUY ĐỊNH"), if it
/// has one. The printed word is compared (diacritics count): "BAN" is not "BẢN".
pub fn without_prefix(line: &str) -> Option<&str> {
    let t = line.trim();
    let (first, rest) = t.split_once(char::is_whitespace)?;
    let first = first.to_lowercase();
    prefixes().contains(&first).then(|| rest.trim())
}

/// The family of a type name when only one family uses it ("Luật", "Nghị định" are state; "Quy
/// định" is used by both, so it says nothing).
pub fn family_of_name(name: &str) -> Option<Family> {
    let mut fams = all().iter().filter(|e| e.name == name).map(|e| e.family);
    let first = fams.next()??;
    fams.all(|f| f == Some(first)).then_some(first)
}

/// The type named exactly by a heading line (folded comparison: "BÁO CÁO", "BAO CAO", "Báo cáo").
pub fn by_heading(line: &str, family: Option<Family>) -> Option<&'static DocTypeEntry> {
    let f = fold(line.trim());
    let f = f.trim_end_matches(['.', ':']).trim();
    choose(all().iter().filter(|e| e.folded == f).collect(), family)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danh_mục_đọc_đủ_cột_và_mã_không_trùng_trong_cùng_khối() {
        let t = all();
        assert!(t.len() >= 30, "{} rows", t.len());
        assert_eq!(rows(DATA).filter(|r| r.len() != 3).count(), 0, "every row has 3 columns");
        for (i, a) in t.iter().enumerate() {
            for b in &t[i + 1..] {
                let clash = a.code == b.code && (a.family.is_none() || b.family.is_none() || a.family == b.family);
                assert!(!clash, "code {} twice for the same family", a.code);
            }
        }
    }

    #[test]
    fn tiền_tố_tên_loại_và_họ_của_tên_loại() {
        assert!(!prefixes().is_empty());
        assert_eq!(without_prefix("BẢN QUY ĐỊNH"), Some("QUY ĐỊNH"));
        assert_eq!(without_prefix("Bản Quy định"), Some("Quy định"));
        assert_eq!(without_prefix("BAN CHỈ ĐẠO"), None);
        assert_eq!(without_prefix("QUY ĐỊNH"), None);
        assert_eq!(family_of_name("Luật"), Some(Family::State));
        assert_eq!(family_of_name("Nghị định"), Some(Family::State));
        assert_eq!(family_of_name("Quy định"), None);
        assert_eq!(family_of_name("Báo cáo"), None);
    }

    #[test]
    fn ví_dụ_tra_mã() {
        assert_eq!(by_code("BC", None).unwrap().name, "Báo cáo");
        assert_eq!(by_code("TTr", None).unwrap().name, "Tờ trình");
        assert_eq!(by_code("QĐi", Some(Family::Party)).unwrap().name, "Quy định");
        assert_eq!(by_code("TT", Some(Family::Party)).unwrap().name, "Thông tri");
        assert_eq!(by_code("TT", Some(Family::State)).unwrap().name, "Thông tư");
        assert_eq!(by_code("ttr", None).unwrap().code, "TTr");
        assert!(by_code("UBND", None).is_none());
    }

    #[test]
    fn ví_dụ_tra_tiêu_đề() {
        assert_eq!(by_heading("BÁO CÁO", None).unwrap().code, "BC");
        assert_eq!(by_heading(" BAO CAO ", None).unwrap().code, "BC");
        assert_eq!(by_heading("TỜ TRÌNH", None).unwrap().code, "TTr");
        assert_eq!(by_heading("QUY ĐỊNH", None).unwrap().code, "QyĐ");
        assert_eq!(by_heading("QUY ĐỊNH", Some(Family::Party)).unwrap().code, "QĐi");
        assert_eq!(by_heading("CHƯƠNG TRÌNH HÀNH ĐỘNG", None).unwrap().code, "CTHĐ");
        assert!(by_heading("BÁO CÁO KẾT QUẢ", None).is_none());
    }
}
