//! Outline: lines → the heading tree with roles. Today: the top level of Roman-numbered headings
//! ("I. KẾT QUẢ ĐẠT ĐƯỢC"), in sequence, with the role from the keyword catalogue; deeper levels,
//! OCR-damaged markers and other numbering schemes come with the outline work.

use super::Doc;
use crate::catalogue::roles::role_of;
use crate::limits::MAX_SECTIONS;
use crate::report::{Diagnostic, Role, Section, Severity};
use regex::Regex;
use std::sync::OnceLock;

/// "I. TITLE", "IV) Title": a Roman marker, a dot or parenthesis, then a title of at most 160 chars.
fn heading_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^([IVXL]{1,7})\s*[.)]\s+(\S.{0,159})$").expect("outline pattern compiles"))
}

/// Value of a Roman numeral written canonically (I … XXXIX), else `None`.
pub fn roman_value(s: &str) -> Option<u32> {
    const ROMANS: [&str; 40] = [
        "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI",
        "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI", "XXVII", "XXVIII", "XXIX",
        "XXX", "XXXI", "XXXII", "XXXIII", "XXXIV", "XXXV", "XXXVI", "XXXVII", "XXXVIII", "XXXIX",
    ];
    ROMANS.iter().position(|&r| !r.is_empty() && r == s).map(|v| v as u32)
}

/// Extracts the top-level sections.
pub fn extract(doc: &Doc) -> (Vec<Section>, Vec<Diagnostic>) {
    let re = heading_re();
    let mut found: Vec<(usize, usize, String, String)> = Vec::new(); // (start, end, marker, title)
    let mut expected = 1;
    let mut diags = Vec::new();
    for line in &doc.seg.lines {
        let r = line.trimmed(doc.text);
        let t = &doc.text[r.clone()];
        let Some(c) = re.captures(t) else { continue };
        let (Some(m), Some(title)) = (c.get(1), c.get(2)) else { continue };
        if roman_value(m.as_str()) != Some(expected) {
            continue;
        }
        if found.len() >= MAX_SECTIONS {
            diags.push(doc.diagnostic(Severity::Warning, "outline.tooMany", format!("Quá {MAX_SECTIONS} mục; phần còn lại không được lập bố cục."), Some(r)));
            break;
        }
        expected += 1;
        found.push((r.start, r.end, format!("{}.", m.as_str()), title.as_str().trim().to_owned()));
    }
    let text_end = doc.text.trim_end().len();
    let sections = found
        .iter()
        .enumerate()
        .map(|(i, (start, end, marker, title))| {
            let next = found.get(i + 1).map_or(text_end, |n| n.0);
            let body_end = doc.text[..next].trim_end().len().max(*end);
            Section {
                marker: marker.clone(),
                raw_marker: marker.clone(),
                level: 1,
                title: title.clone(),
                role: role_of(title).unwrap_or(Role::Other),
                span: doc.span(*start..*end),
                section_span: doc.span(*start..body_end),
                children: Vec::new(),
            }
        })
        .collect();
    (sections, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn số_la_mã_chuẩn() {
        assert_eq!(roman_value("III"), Some(3));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value(""), None);
    }
}
