//! Quyền hạn ký and dấu mật/khẩn (`data/signature-authorities.tsv`, `data/document-marks.tsv`) →
//! lookup of a signing prefix and of a confidentiality or urgency mark.

use super::rows;
use crate::fold::fold;
use crate::report::Family;
use std::sync::OnceLock;

/// What the signer's prefix says about the rest of the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorityKind {
    /// Thay mặt a collective: the rest of the line is the collective.
    Collective,
    /// Ký thay the head: the rest is the head's title, the next line the signer's.
    Deputy,
    /// Thừa lệnh / thừa ủy quyền.
    Order,
    /// Quyền (acting head).
    Acting,
}

/// One signing prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authority {
    /// Canonical form: "TM.", "T/M".
    pub prefix: &'static str,
    /// Folded, without dots: "tm", "t/m".
    pub folded: &'static str,
    /// Family whose rules use it.
    pub family: Family,
    /// What it means for the block.
    pub kind: AuthorityKind,
}

static AUTHORITIES: &str = include_str!("../../data/signature-authorities.tsv");
static MARKS: &str = include_str!("../../data/document-marks.tsv");

/// Every signing prefix.
pub fn authorities() -> &'static [Authority] {
    static T: OnceLock<Vec<Authority>> = OnceLock::new();
    T.get_or_init(|| {
        rows(AUTHORITIES)
            .filter(|r| r.len() >= 5)
            .map(|r| Authority {
                prefix: r[0],
                folded: r[1],
                family: if r[2] == "party" { Family::Party } else { Family::State },
                kind: match r[3] {
                    "collective" => AuthorityKind::Collective,
                    "deputy" => AuthorityKind::Deputy,
                    "acting" => AuthorityKind::Acting,
                    _ => AuthorityKind::Order,
                },
            })
            .collect()
    })
}

/// The prefix printed as `printed` ("TM.", "TM", "T/M", "t/m", "K/T", "TUQ."). A slash picks the
/// Party form, a dot or nothing the state form (OCR drops dots: "TM UY BAN …").
pub fn authority(printed: &str) -> Option<&'static Authority> {
    let f: String = fold(printed).chars().filter(|c| *c != '.' && !c.is_whitespace()).collect();
    authorities().iter().find(|a| a.folded == f)
}

/// Confidentiality or urgency mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// Độ mật.
    Confidentiality,
    /// Độ khẩn.
    Urgency,
}

/// Marks as (printed form, folded form, kind), longest first.
pub fn marks() -> &'static [(&'static str, String, MarkKind)] {
    static T: OnceLock<Vec<(&'static str, String, MarkKind)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut v: Vec<_> = rows(MARKS)
            .filter(|r| r.len() >= 2)
            .map(|r| (r[0], fold(r[0]), if r[1] == "urgency" { MarkKind::Urgency } else { MarkKind::Confidentiality }))
            .collect();
        crate::sort::sort_by_key(&mut v, |m| std::cmp::Reverse(m.1.len()));
        v
    })
}

/// The mark a whole line (or cell) is, if it is one.
pub fn mark(cell: &str) -> Option<(&'static str, MarkKind)> {
    let f = fold(cell.trim());
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    marks().iter().find(|m| m.1 == f).map(|m| (m.0, m.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danh_mục_đủ_cột_không_trùng() {
        assert_eq!(rows(AUTHORITIES).filter(|r| r.len() != 5).count(), 0);
        assert_eq!(rows(MARKS).filter(|r| r.len() != 2).count(), 0);
        let a = authorities();
        assert_eq!(a.len(), 8);
        for (i, x) in a.iter().enumerate() {
            assert!(a[i + 1..].iter().all(|y| y.folded != x.folded), "{} twice", x.prefix);
            assert_eq!(authority(x.prefix).map(|y| y.prefix), Some(x.prefix), "round trip {}", x.prefix);
        }
        let m = marks();
        assert_eq!(m.len(), 7);
        for (i, x) in m.iter().enumerate() {
            assert!(m[i + 1..].iter().all(|y| y.1 != x.1));
        }
    }

    #[test]
    fn ví_dụ() {
        assert_eq!(authority("TM").unwrap().prefix, "TM.");
        assert_eq!(authority("T/M").unwrap().family, Family::Party);
        assert_eq!(authority("kt.").unwrap().kind, AuthorityKind::Deputy);
        assert!(authority("TMX").is_none());
        assert_eq!(mark("TỐI MẬT"), Some(("TỐI MẬT", MarkKind::Confidentiality)));
        assert_eq!(mark("HOA TOC"), Some(("HỎA TỐC", MarkKind::Urgency)));
        assert!(mark("MẬT ĐỘ").is_none());
    }
}
