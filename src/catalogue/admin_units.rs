//! Đơn vị hành chính (`data/admin-units.tsv`: provinces before and after 1 July 2025, districts
//! before) → lookup of a folded name by level.

use super::rows;
use crate::fold::fold;
use std::collections::HashSet;
use std::sync::OnceLock;

static DATA: &str = include_str!("../../data/admin-units.tsv");

/// Folded names per level.
pub struct AdminUnits {
    /// Province names (both eras), folded: "hau giang".
    pub provinces: HashSet<String>,
    /// District-level names, folded: "phung hiep".
    pub districts: HashSet<String>,
}

/// The table, built on first use.
pub fn get() -> &'static AdminUnits {
    static TABLE: OnceLock<AdminUnits> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = AdminUnits { provinces: HashSet::new(), districts: HashSet::new() };
        for r in rows(DATA).filter(|r| r.len() >= 3) {
            let f = fold(r[2]);
            match r[0] {
                "province" => t.provinces.insert(f),
                _ => t.districts.insert(f),
            };
        }
        t
    })
}

/// Printed names by folded name, over both levels.
fn printed() -> &'static super::spellings::Spellings {
    static TABLE: OnceLock<super::spellings::Spellings> = OnceLock::new();
    TABLE.get_or_init(|| super::spellings::Spellings::new(rows(DATA).filter(|r| r.len() >= 3 && r[0] != "level").map(|r| r[2])))
}

/// Type words before a unit's name, folded → printed.
const TYPE_WORDS: [(&str, &str); 8] =
    [("thanh pho", "thành phố"), ("thi tran", "thị trấn"), ("thi xa", "thị xã"), ("huyen", "huyện"), ("tinh", "tỉnh"), ("quan", "quận"), ("phuong", "phường"), ("xa", "xã")];

/// An administrative unit printed without diacritics (OCR, unaccented text) written as the
/// catalogue writes it: "Thap Muoi" → "Tháp Mười", "HUYEN THAP MUOI" → "HUYỆN THÁP MƯỜI". Only
/// text with no diacritic at all, and only a name the catalogue spells one way.
pub fn restore_diacritics(s: &str) -> Option<String> {
    let f = super::spellings::unaccented_key(s)?;
    let (ty, name) = match TYPE_WORDS.iter().find(|(t, _)| f.strip_prefix(t).is_some_and(|r| r.starts_with(' '))) {
        Some((t, p)) => (Some(*p), f[t.len()..].trim()),
        None => (None, f.as_str()),
    };
    let name = printed().get(name)?;
    let out = match ty {
        Some(t) => format!("{t} {name}"),
        None => name.to_owned(),
    };
    let upper = s.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
    let first_upper = s.trim_start().starts_with(|c: char| c.is_uppercase());
    Some(if upper {
        out.to_uppercase()
    } else if first_upper {
        let mut cs = out.chars();
        cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default()
    } else {
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn khôi_phục_dấu_tên_đơn_vị() {
        assert_eq!(restore_diacritics("Thap Muoi").as_deref(), Some("Tháp Mười"));
        assert_eq!(restore_diacritics("HUYEN THAP MUOI").as_deref(), Some("HUYỆN THÁP MƯỜI"));
        assert_eq!(restore_diacritics("tinh Hau Giang").as_deref(), Some("tỉnh Hậu Giang"));
        assert_eq!(restore_diacritics("Tháp Mười"), None, "already printed with diacritics");
        assert_eq!(restore_diacritics("Thap Moi"), None, "not in the catalogue");
        assert_eq!(restore_diacritics("UY BAN NHAN DAN"), None);
    }

    #[test]
    fn đủ_tỉnh_và_huyện() {
        let t = get();
        assert!(t.provinces.len() >= 63, "{}", t.provinces.len());
        assert!(t.districts.len() >= 600, "{}", t.districts.len());
        assert!(t.provinces.contains("hau giang"));
        assert!(t.provinces.contains("ha noi"));
        assert!(t.districts.contains("phung hiep"));
        assert!(t.districts.contains("thap muoi"));
    }
}
