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

#[cfg(test)]
mod tests {
    use super::*;

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
