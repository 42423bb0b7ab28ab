//! Địa danh và chữ viết tắt: normalised text → [`Place`]s: administrative units named with their
//! type word ("huyện Phụng Hiệp", "tỉnh Hậu Giang", "xã Tân Bình"), checked against
//! `data/admin-units.tsv` (provinces before and after 1 July 2025, districts before), and the
//! common abbreviations of `data/abbreviations.tsv` with their expansions ("UBND").
//!
//! The type word is matched folded (OCR "huyén"), the name is the run of capitalised words after
//! it (at most four). Communes and hamlets are not in the shipped list (wasm size), so they are
//! recognised by their type word alone and marked `known: false`.

use super::Doc;
use crate::catalogue::{abbreviations, admin_units};
use crate::fold::fold;
use crate::limits::MAX_PLACES;
use crate::report::Place;
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Accented words that fold like a type word ("tinh", "phuong", "quan", "thon"…) but are not one.
const CONFUSABLE: [&str; 12] = ["tình", "tính", "tinh thần", "phương", "quân", "quán", "quấn", "thồn", "áp", "ập", "xá", "xả"];

/// Longest place name taken after a type word, in words.
const MAX_NAME_WORDS: usize = 4;

fn level_of(type_word: &str) -> &'static str {
    match type_word {
        "tinh" => "province",
        "thanh pho" | "tp." | "tp" => "city",
        "huyen" | "quan" | "thi xa" => "district",
        "xa" | "phuong" | "thi tran" | "dac khu" => "commune",
        _ => "hamlet",
    }
}

/// A candidate abbreviation: two capitals first (every catalogue entry has them, tested), so
/// ordinary capitalised words ("Huyện", "Ủy") are not even matched.
const ABBR_PATTERN: &str = r"[A-ZĐ][A-ZĐ][A-Za-zĐđ&]*(?:-[A-ZĐ][A-Za-zĐđ&]*)?";

/// Places and abbreviations of a document, one entry per distinct name, in order of first mention.
pub fn extract(doc: &Doc) -> Vec<Place> {
    static TYPE: OnceLock<Regex> = OnceLock::new();
    static ABBR: OnceLock<Regex> = OnceLock::new();
    let type_re = TYPE.get_or_init(|| {
        Regex::new(r"(?-u:\b)(tinh|thanh pho|tp\.|huyen|quan|thi xa|thi tran|xa|phuong|dac khu|ap|thon|khu pho)[ \t]+").expect("static pattern")
    });
    let abbr_re = ABBR.get_or_init(|| Regex::new(ABBR_PATTERN).expect("static pattern"));
    let text = doc.text;
    let folded = doc.folded;
    let f = folded.text.as_str();
    let units = admin_units::get();
    let mut out: Vec<Place> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut add = |out: &mut Vec<Place>, key: (String, String), p: Place| {
        if let Some(&i) = index.get(&key) {
            let e: &mut Place = &mut out[i];
            e.count += 1;
        } else if out.len() < MAX_PLACES {
            index.insert(key, out.len());
            out.push(p);
        }
    };
    let mut prev_name_end = 0usize;
    for c in type_re.captures_iter(f) {
        let (Some(all), Some(t)) = (c.get(0), c.get(1)) else { continue };
        let type_start = folded.origin(t.start());
        // "xã Phương Phú": "Phương" inside a name is not the type word "phường".
        if type_start < prev_name_end {
            continue;
        }
        // Words that fold like a type word but are others ("tình", "phương", "quân") when the
        // text has its diacritics; OCR text without them is taken as the type word.
        let printed_type = text.get(type_start..folded.origin(t.end())).unwrap_or("").to_lowercase();
        if CONFUSABLE.contains(&printed_type.as_str()) {
            continue;
        }
        // "cơ quan Đảng" is not a district named Đảng.
        if t.as_str() == "quan" && f[..t.start()].trim_end().ends_with("co") {
            continue;
        }
        let name_start = folded.origin(all.end());
        let rest = &text[name_start..];
        let (mut pos, mut end, mut words) = (0, 0, 0);
        for w in rest.split_inclusive(char::is_whitespace) {
            let word = w.trim_end();
            let clean = word.trim_end_matches([',', '.', ';', ':', ')', '”', '"']);
            if words >= MAX_NAME_WORDS || !clean.starts_with(char::is_uppercase) || !clean.chars().all(|c| c.is_alphabetic() || c == '-') {
                break;
            }
            end = pos + clean.len();
            words += 1;
            if clean.len() != word.len() {
                break;
            }
            pos += w.len();
        }
        let name = rest[..end].trim_end();
        if name.is_empty() {
            continue;
        }
        let fname = fold(name);
        let mut level = level_of(t.as_str());
        let known = match level {
            "province" => units.provinces.contains(&fname),
            "district" => units.districts.contains(&fname),
            "city" => {
                // Thành phố: centrally run (a province) or provincial (a district).
                if units.provinces.contains(&fname) {
                    level = "province";
                    true
                } else {
                    level = "district";
                    units.districts.contains(&fname)
                }
            }
            _ => false,
        };
        // A district-level type word with an unknown name is more often a common word ("quận",
        // "huyện" in running text before a capitalised word) than a place.
        if level == "district" && !known && t.as_str() == "quan" {
            continue;
        }
        let start = type_start;
        prev_name_end = name_start + name.len();
        let r = start..name_start + name.len();
        let Some(printed) = text.get(r.clone()) else { continue };
        let p = Place { name: printed.split_whitespace().collect::<Vec<_>>().join(" "), level: level.into(), known, expansion: None, span: doc.span(r), count: 1 };
        add(&mut out, (level.to_owned(), fname), p);
    }
    for m in abbr_re.find_iter(text) {
        // Whole words only. Checked here rather than with `\b` in the pattern: a Unicode word
        // boundary sends the regex to its slow engine on Vietnamese text.
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if glued(text[..m.start()].chars().next_back()) || glued(text[m.end()..].chars().next()) {
            continue;
        }
        let Some(exp) = abbreviations::expand(m.as_str()) else { continue };
        let p = Place { name: m.as_str().to_owned(), level: "abbreviation".into(), known: true, expansion: Some(exp.to_owned()), span: doc.span(m.range()), count: 1 };
        add(&mut out, ("abbreviation".to_owned(), m.as_str().to_owned()), p);
    }
    crate::sort::sort_by_key(&mut out, |p| p.span.start);
    out
}

#[cfg(test)]
mod pattern_tests {
    use super::ABBR_PATTERN;

    #[test]
    fn mọi_chữ_viết_tắt_trong_danh_mục_khớp_mẫu() {
        let re = regex::Regex::new(&format!("^(?:{ABBR_PATTERN})$")).unwrap();
        // Multi-word entries ("PAR INDEX") are for expanding text elsewhere, not found here.
        for (abbr, _) in crate::catalogue::abbreviations::all().iter().filter(|(a, _)| !a.contains(' ')) {
            assert!(re.is_match(abbr), "{abbr} would never be found");
        }
    }
}
