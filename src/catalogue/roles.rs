//! Vai trò của mục (`data/section-roles.tsv`) → the role of a heading from its folded title.

use super::rows;
use crate::fold::fold;
use crate::report::Role;
use std::sync::OnceLock;

static DATA: &str = include_str!("../../data/section-roles.tsv");

/// A catalogue row's role: `-` marks a neutral phrase that names a domain, not a role
/// ("nhiệm vụ chính trị"), and shadows the shorter keywords inside it.
fn parse_role(s: &str) -> Option<Option<Role>> {
    Some(Some(match s {
        "-" => return Some(None),
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
    }))
}

/// (role or neutral, folded keyword) pairs in file order.
pub fn keywords() -> &'static [(Option<Role>, &'static str)] {
    static TABLE: OnceLock<Vec<(Option<Role>, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        rows(DATA).filter_map(|r| Some((parse_role(r.first()?)?, *r.get(1)?))).collect()
    })
}

/// The keywords padded with a space on each side, for whole-word search in [`folded_words`]
/// output (built once: formatting them per title was most of the cost of reading roles).
fn padded_keywords() -> &'static [(Option<Role>, String)] {
    static TABLE: OnceLock<Vec<(Option<Role>, String)>> = OnceLock::new();
    TABLE.get_or_init(|| keywords().iter().map(|&(role, kw)| (role, format!(" {kw} "))).collect())
}

/// Words at the start of a title in which a role keyword must begin.
const LEAD_WORDS: usize = 8;

/// Folded words of a title, with OCR's "P" for "Đ" put back: a folded word starting with "p" and
/// a vowel is not Vietnamese ("PANH GIA" → "danh gia", "Pé nghi" → "de nghi").
fn folded_words(title: &str) -> String {
    let folded = fold(title).replace(|c: char| !c.is_alphanumeric(), " ");
    let mut out = String::with_capacity(folded.len() + 2);
    out.push(' ');
    for w in folded.split_whitespace() {
        let b = w.as_bytes();
        if b.len() >= 2 && b[0] == b'p' && b"aeiouy".contains(&b[1]) {
            out.push('d');
            out.push_str(&w[1..]);
        } else {
            out.push_str(w);
        }
        out.push(' ');
    }
    out
}

/// The role named by a heading title, if any keyword occurs in it (whole words): the keyword
/// starting earliest wins, ties go to the longer keyword; a neutral phrase wins the same way and
/// names no role. One combination is read as a whole: a title naming targets and tasks together
/// ("Mục tiêu, chỉ tiêu, nhiệm vụ, giải pháp") is the plan for the next period, so tasks.
pub fn role_of(title: &str) -> Option<Role> {
    let hay = folded_words(title);
    // A heading names its subject up front; a keyword deep in a long title ("… có thành tích
    // trong việc thực hiện nhiệm vụ") is part of a sentence, not the section's role.
    let lead_end = hay.match_indices(' ').nth(LEAD_WORDS).map_or(hay.len(), |(i, _)| i);
    let mut hits: Vec<(usize, std::cmp::Reverse<usize>, Option<Role>)> = padded_keywords()
        .iter()
        .filter_map(|(role, kw)| hay.find(kw.as_str()).map(|at| (at, std::cmp::Reverse(kw.len() - 2), *role)))
        .filter(|&(at, _, _)| at < lead_end)
        .collect();
    crate::sort::sort_by_key(&mut hits, |&(at, len, _)| (at, len));
    // Drop keywords inside a longer match that started earlier or at the same place.
    let mut kept: Vec<(usize, usize, Option<Role>)> = Vec::new();
    for (at, std::cmp::Reverse(len), role) in hits {
        if kept.iter().any(|&(a, l, _)| at >= a && at + len <= a + l) {
            continue;
        }
        kept.push((at, len, role));
    }
    let roles: Vec<Role> = kept.iter().filter_map(|&(_, _, r)| r).collect();
    let first = *roles.first()?;
    if first == Role::Targets && roles.contains(&Role::Tasks) {
        return Some(Role::Tasks);
    }
    Some(first)
}

/// The role named by a label that starts with its keyword ("Hạn chế, khó khăn", "Ưu điểm",
/// OCR "Han ché:"): `Some(role)` when a keyword is the label's first words (the longest such
/// keyword wins; a neutral phrase gives `Some(None)`), `None` when the label starts otherwise.
/// Used for role labels inside the text that the outline does not hold as headings.
pub fn leading_role(label: &str) -> Option<Option<Role>> {
    let hay = folded_words(label);
    padded_keywords()
        .iter()
        .filter(|(_, kw)| hay.starts_with(kw.as_str()))
        .max_by_key(|(_, kw)| kw.len())
        .map(|(role, _)| *role)
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
        let mut seen = std::collections::HashSet::new();
        for (_, kw) in keywords() {
            assert!(seen.insert(*kw), "keyword {kw:?} listed twice");
        }
    }

    #[test]
    fn nhãn_mở_đầu_bằng_từ_khóa_vai_trò() {
        assert_eq!(leading_role("Hạn chế, khó khăn"), Some(Some(Role::Limitations)));
        assert_eq!(leading_role("Han ché, khuyét diém"), Some(Some(Role::Limitations)));
        assert_eq!(leading_role("Ưu điểm"), Some(Some(Role::Achievements)));
        assert_eq!(leading_role("Nhiệm vụ chính trị"), Some(None));
        assert_eq!(leading_role("Bên cạnh kết quả đạt được"), None);
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
        assert_eq!(role_of("PANH GIA CHUNG"), Some(Role::Assessment));
        assert_eq!(role_of("Pé nghi xép loai mirc chit lwong:"), Some(Role::Assessment));
        assert_eq!(role_of("MỤC TIÊU, CHỈ TIÊU, NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU"), Some(Role::Tasks));
        assert_eq!(role_of("MỤC TIÊU VÀ MỘT SỐ CHỈ TIÊU CHỦ YẾU"), Some(Role::Targets));
        assert_eq!(role_of("THỰC HIỆN NHIỆM VỤ CHÍNH TRỊ"), None);
        assert_eq!(role_of("Phụ lục"), Some(Role::Appendix));
        assert_eq!(role_of("Cán bộ, công chức cấp xã có thành tích trong việc thực hiện nhiệm vụ, công vụ"), None);
    }
}
