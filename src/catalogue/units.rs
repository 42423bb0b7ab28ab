//! Đơn vị số liệu (`data/units.tsv`) → unit entries and an OCR-tolerant matcher over folded text.

use super::rows;
use crate::fold::fold;
use std::sync::OnceLock;

/// Kind of unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// Money: `factor` đồng per unit.
    Money,
    /// Bare scale word (tỷ, triệu, nghìn): `factor` is the multiplier.
    Scale,
    /// "%".
    Percent,
    /// Measurement (ha, tấn, km…).
    Measure,
    /// Counted noun (người, hộ, vụ…).
    Count,
}

/// One unit of the catalogue.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Canonical name as printed in the catalogue ("tỷ đồng").
    pub name: &'static str,
    /// Kind.
    pub kind: UnitKind,
    /// Đồng per unit (money) or multiplier (scale); 1 otherwise.
    pub factor: f64,
    /// Folded token sequences of the name and its variants.
    pub forms: Vec<Vec<String>>,
}

static DATA: &str = include_str!("../../data/units.tsv");

/// Splits folded text into tokens: words (runs of non-space, non-punctuation chars) and the
/// punctuation that units use ("/", ",", ".", "%"), each with its byte range. OCR quote marks
/// (’ ' `) are noise and skipped.
pub fn tokens(s: &str, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if out.len() >= max {
            break;
        }
        let punct = matches!(c, '/' | ',' | '.' | '%');
        let sep = c.is_whitespace() || matches!(c, '’' | '\'' | '`' | ';' | ':' | '(' | ')' | '[' | ']' | '“' | '”' | '"' | '-');
        if punct || sep {
            if let Some(b) = start.take() {
                out.push((b, i));
            }
            if punct {
                out.push((i, i + c.len_utf8()));
            } else if c == '\n' && s[i + 1..].starts_with('\n') {
                break; // a blank line ends the phrase
            } else if matches!(c, ';' | ':' | '(' | ')' | '[' | ']' | '-') {
                break; // units never run across these
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let (Some(b), true) = (start, out.len() < max) {
        out.push((b, s.len()));
    }
    out
}

fn split_form(form: &str) -> Vec<String> {
    let f = fold(form);
    tokens(&f, 16).into_iter().map(|(a, b)| f[a..b].to_owned()).collect()
}

/// Every unit, longest forms first.
pub fn all() -> &'static [Unit] {
    static TABLE: OnceLock<Vec<Unit>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut v: Vec<Unit> = rows(DATA)
            .filter(|r| r.len() >= 3)
            .map(|r| {
                let kind = match r[1] {
                    "money" => UnitKind::Money,
                    "scale" => UnitKind::Scale,
                    "percent" => UnitKind::Percent,
                    "measure" => UnitKind::Measure,
                    _ => UnitKind::Count,
                };
                let mut forms = vec![split_form(r[0])];
                if let Some(vs) = r.get(3) {
                    forms.extend(vs.split('|').map(str::trim).filter(|s| !s.is_empty()).map(split_form));
                }
                Unit { name: r[0], kind, factor: r[2].parse().unwrap_or(1.0), forms }
            })
            .collect();
        crate::sort::sort_by_key(&mut v, |u| std::cmp::Reverse(u.forms.iter().map(Vec::len).max().unwrap_or(0)));
        v
    })
}

/// At most one edit apart (OCR: "trigu" for "trieu", "ddng" for "dong"); short words must be equal.
fn close(a: &str, b: &str) -> bool {
    // Byte lengths first: this runs for every unit form after every number, and a word of 4+
    // chars has 4+ bytes. `within_one_edit` rejects most other pairs by their first/last bytes.
    a == b || (a.len() >= 4 && b.len() >= 4 && a.chars().count().min(b.chars().count()) >= 4 && crate::fold::within_one_edit(a, b))
}

static PER_BASES: &str = include_str!("../../data/per-bases.tsv");

/// One base of `data/per-bases.tsv`: folded words ("#" = the number one) and the unit suffix.
struct PerBase {
    words: Vec<&'static str>,
    per: &'static str,
}

fn per_bases() -> &'static [PerBase] {
    static TABLE: OnceLock<Vec<PerBase>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut v: Vec<PerBase> = rows(PER_BASES)
            .filter(|r| r.len() >= 2 && r[0] != "phrase")
            .map(|r| PerBase { words: r[0].split_whitespace().collect(), per: r[1] })
            .collect();
        crate::sort::sort_by_key(&mut v, |b| std::cmp::Reverse(b.words.len()));
        v
    })
}

/// Words of folded text with their byte ranges; "/" is a word of its own, edge punctuation is not.
fn base_words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let slash = c == '/';
        if c.is_whitespace() || slash || matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”') {
            if let Some(b) = start.take() {
                out.push((b, i));
            }
            if slash {
                out.push((i, i + 1));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// The last rate base ("trên 1 ha", "bình quân đầu người/năm") in folded text `s`: the unit suffix
/// it gives a figure ("/ha", "/người/năm") and its byte range in `s`. Longest phrase wins.
pub fn per_base_in(s: &str) -> Option<(&'static str, std::ops::Range<usize>)> {
    let words = base_words(s);
    let word = |k: usize| &s[words[k].0..words[k].1];
    let mut best: Option<(&'static str, std::ops::Range<usize>)> = None;
    for b in per_bases() {
        let n = b.words.len();
        if n == 0 || n > words.len() {
            continue;
        }
        let found = (0..=words.len() - n).rev().find(|&k| {
            b.words.iter().enumerate().all(|(j, w)| match *w {
                "#" => matches!(word(k + j), "1" | "01" | "mot"),
                w => close(w, word(k + j)),
            })
        });
        if let Some(k) = found {
            let r = words[k].0..words[k + n - 1].1;
            // The last base in the text; at the same place, the longer phrase (tried first).
            if best.as_ref().is_none_or(|(_, br)| r.start > br.start) {
                best = Some((b.per, r));
            }
        }
    }
    best
}

/// Time words that follow a unit after "/" ("triệu đồng/người/năm"), OCR-tolerant.
pub fn per_word(w: &str) -> Option<&'static str> {
    const WORDS: [(&str, &str); 5] = [("nam", "năm"), ("thang", "tháng"), ("ngay", "ngày"), ("quy", "quý"), ("vu", "vụ")];
    WORDS.iter().find(|(f, _)| close(f, w) || (f.len() == w.len() && f.len() == 3 && f.bytes().zip(w.bytes()).filter(|(a, b)| a != b).count() == 1 && f.as_bytes()[0] == w.as_bytes()[0])).map(|(_, p)| *p)
}

/// The unit that starts `s` (folded text right after a number; leading spaces allowed), with the
/// byte length it covers in `s`. Longest match wins.
pub fn match_at(s: &str) -> Option<(&'static Unit, usize)> {
    // Units follow the number closely: at most a few spaces or one line break.
    let lead = s.len() - s.trim_start().len();
    if lead > 4 {
        return None;
    }
    let toks = tokens(s, 8);
    let words: Vec<&str> = toks.iter().map(|&(a, b)| &s[a..b]).collect();
    let mut best: Option<(&'static Unit, (bool, usize, usize), usize)> = None;
    for u in all() {
        for f in &u.forms {
            if f.is_empty() || f.len() > words.len() {
                continue;
            }
            // Each word equal or one OCR slip apart; in a phrase of two or more words one short
            // word may also be misread when another word is exact ("hd so", "mé hinh", "x4, thị trấn").
            // Scale words are matched exactly: "ngày" is one slip from "ngàn".
            let exact_only = u.kind == UnitKind::Scale;
            let mut short_slips = 0;
            let mut slips = 0;
            let ok = f.iter().zip(&words).all(|(a, b)| {
                if a == b {
                    return true;
                }
                slips += 1;
                if !exact_only && close(a, b) {
                    return true;
                }
                let slip = !exact_only && a.len() == b.len() && a.len() <= 3 && a.len() >= 2 && a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count() == 1;
                short_slips += usize::from(slip);
                slip
            });
            let exact_long = || f.iter().zip(&words).any(|(a, b)| a == b && a.len() >= 2 && a.chars().all(char::is_alphabetic));
            if ok && (short_slips == 0 || (short_slips == 1 && f.len() >= 2 && exact_long())) {
                let end = toks[f.len() - 1].1;
                // A misread short word only when nothing matches without one ("ha so với" is ha, not hồ
                // sơ); then more words; then fewer one-letter slips ("tuổi" over "buổi") ("ty dong" is tỷ đồng, not "tr đồng" misread).
                let rank = (short_slips == 0, f.len(), usize::MAX - slips);
                if best.is_none_or(|(_, r, _)| rank > r) {
                    best = Some((u, rank, end));
                }
            }
        }
    }
    best.map(|(u, _, end)| (u, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danh_mục_đọc_được_và_không_trùng() {
        let t = all();
        assert!(t.len() > 50);
        let mut seen = std::collections::HashSet::new();
        for u in t {
            for f in &u.forms {
                assert!(!f.is_empty(), "{}", u.name);
                assert!(seen.insert(f.join(" ")), "form {:?} twice", f);
            }
        }
        assert_eq!(rows(DATA).filter(|r| r.len() < 3).count(), 0);
    }

    #[test]
    fn cơ_sở_bình_quân_theo_danh_mục() {
        // Every example of data/per-bases.tsv reads its own suffix.
        for r in rows(PER_BASES).filter(|r| r.len() >= 3 && r[0] != "phrase") {
            let got = per_base_in(&fold(r[2])).map(|(p, _)| p);
            assert_eq!(got, Some(r[1]), "{}", r[2]);
        }
        let f = fold("Thu nhap thuc té binh quan dau nguodi/nam dat 75");
        let (per, r) = per_base_in(&f).unwrap();
        assert_eq!((per, &f[r]), ("/người/năm", "binh quan dau nguodi/nam"));
        assert_eq!(per_base_in(&fold("Giá trị sản phẩm trén 01 ha đất")).map(|(p, _)| p), Some("/ha"));
        assert_eq!(per_base_in(&fold("diện tích 1 ha đất")), None);
        assert_eq!(per_base_in(&fold("trên 2 ha")), None, "only a base of one");
    }

    #[test]
    fn ví_dụ_khớp_đơn_vị() {
        let m = |s: &str| match_at(&fold(s)).map(|(u, _)| u.name);
        assert_eq!(m(" tỷ đồng, tăng"), Some("tỷ đồng"));
        assert_eq!(m(" ty dong™"), Some("tỷ đồng"));
        assert_eq!(m(" triéu dong"), Some("triệu đồng"));
        assert_eq!(m(" trigu dong"), Some("triệu đồng"));
        assert_eq!(m(" tỷ, tăng"), Some("tỷ"));
        assert_eq!(m("ha, đạt"), Some("ha"));
        assert_eq!(m(" tạ/ha"), Some("tạ/ha"));
        assert_eq!(m("ta’/ha"), Some("tạ/ha"));
        assert_eq!(m("m2 cầu"), Some("m2"));
        assert_eq!(m(" m® nhà văn hóa"), Some("m2"), "OCR reads the superscript ² as ®");
        assert_eq!(m(" lượt người tham dự"), Some("lượt người"));
        assert_eq!(m(" vụ án các loại"), Some("vụ án"));
        assert_eq!(m(" xã, thị trấn"), Some("xã, thị trấn"));
        assert_eq!(m("%"), Some("%"));
        assert_eq!(m(" năm 2023"), None);
        assert_eq!(m(" mô hình"), Some("mô hình"));
        assert_eq!(m(" ngày"), None, "ngày is not a misread ngàn");
        assert_eq!(m(" tuổi"), Some("tuổi"), "an exact unit beats a one-slip reading (buổi)");
        assert_eq!(m(" hd so"), Some("hồ sơ"));
        assert_eq!(m("đ/người"), Some("đồng"), "đ glued to an amount");
        assert_eq!(m(" đ/c tham dự"), Some("đồng chí"), "đ/c is a comrade, not money");
        assert_eq!(m(" ha so với"), Some("ha"));
    }
}
