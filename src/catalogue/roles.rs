//! Vai trò của mục (`data/section-roles.tsv`) → the role of a heading from its folded title.

use super::rows;
use crate::fold::fold;
use crate::report::Role;
use std::sync::OnceLock;

static DATA: &str = include_str!("../../data/section-roles.tsv");

fn parse_role(s: &str) -> Option<Role> {
    Some(match s {
        "context" => Role::Context,
        "achievements" => Role::Achievements,
        "limitations" => Role::Limitations,
        "causes" => Role::Causes,
        "tasks" => Role::Tasks,
        "proposals" => Role::Proposals,
        "targets" => Role::Targets,
        "assessment" => Role::Assessment,
        "responsibility" => Role::Responsibility,
        "appendix" => Role::Appendix,
        "other" => Role::Other,
        _ => return None,
    })
}

/// (role, folded keyword) pairs in file order.
pub fn keywords() -> &'static [(Role, &'static str)] {
    static TABLE: OnceLock<Vec<(Role, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        rows(DATA).filter_map(|r| Some((parse_role(r.first()?)?, *r.get(1)?))).collect()
    })
}

/// The role named by a heading title, if any keyword occurs in it (whole words): the keyword
/// starting earliest wins, ties go to the longer keyword.
pub fn role_of(title: &str) -> Option<Role> {
    let folded = format!(" {} ", fold(title).replace(|c: char| !c.is_alphanumeric(), " "));
    let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let hay = format!(" {folded} ");
    keywords()
        .iter()
        .filter_map(|&(role, kw)| hay.find(&format!(" {kw} ")).map(|at| (at, std::cmp::Reverse(kw.len()), role)))
        .min_by_key(|&(at, len, _)| (at, len))
        .map(|(_, _, role)| role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danh_mục_hợp_lệ_và_ở_dạng_gấp() {
        let rows_all: Vec<_> = rows(DATA).collect();
        assert_eq!(keywords().len(), rows_all.len(), "every row has a known role");
        for (_, kw) in keywords() {
            assert_eq!(fold(kw), *kw, "keyword {kw:?} must be stored folded");
        }
    }

    #[test]
    fn ví_dụ_vai_trò() {
        assert_eq!(role_of("ƢU ĐIỂM, KẾT QUẢ ĐẠT ĐƢỢC"), Some(Role::Achievements));
        assert_eq!(role_of("HẠN CHẾ, KHUYẾT ĐIỂM, NGUYÊN NHÂN"), Some(Role::Limitations));
        assert_eq!(role_of("PHƯƠNG HƯỚNG, BIỆN PHÁP KHẮC PHỤC HẠN CHẾ, KHUYẾT ĐIỂM"), Some(Role::Tasks));
        assert_eq!(role_of("Uu diém, két qua dat dwoc"), Some(Role::Achievements));
        assert_eq!(role_of("ĐẶC ĐIỂM TÌNH HÌNH"), Some(Role::Context));
        assert_eq!(role_of("KIẾN NGHỊ, ĐỀ XUẤT"), Some(Role::Proposals));
        assert_eq!(role_of("CÁC MẶT CÔNG TÁC TRỌNG TÂM"), None);
    }
}
