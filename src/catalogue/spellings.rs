//! Printed forms of a catalogue (place names, signer titles, body names) → the printed spelling of
//! text that OCR or an unaccented source printed without diacritics.

use crate::fold::fold;
use std::collections::HashMap;

/// Printed forms by folded form; a folded form two printed forms share spells nothing (it is
/// ambiguous: "THỨ TRƯỞNG" / "THỦ TRƯỞNG").
pub struct Spellings(HashMap<String, Option<&'static str>>);

impl Spellings {
    /// The table of `forms`, each as printed.
    pub fn new(forms: impl IntoIterator<Item = &'static str>) -> Self {
        let mut m: HashMap<String, Option<&'static str>> = HashMap::new();
        for form in forms {
            let e = m.entry(key(form)).or_insert(Some(form));
            if *e != Some(form) {
                *e = None;
            }
        }
        Spellings(m)
    }

    /// The one printed form whose folded form is `folded` (spaces single).
    pub fn get(&self, folded: &str) -> Option<&'static str> {
        self.0.get(folded).copied().flatten()
    }

    /// Every folded form spells one printed form only (for catalogue self-tests).
    pub fn unambiguous(&self) -> bool {
        self.0.values().all(Option::is_some)
    }

    /// Number of distinct folded forms.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No forms at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn key(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lookup key of `s` when it is printed without any diacritic (ASCII, with a letter): `s`
/// folded, spaces single. `None` for text with a diacritic anywhere: it is left as printed.
pub fn unaccented_key(s: &str) -> Option<String> {
    (s.is_ascii() && s.chars().any(|c| c.is_ascii_alphabetic())).then(|| key(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cách_viết_theo_dạng_gấp() {
        let t = Spellings::new(["CHỦ TỊCH", "THỨ TRƯỞNG", "THỦ TRƯỞNG"]);
        assert_eq!(t.get("chu tich"), Some("CHỦ TỊCH"));
        assert_eq!(t.get("thu truong"), None, "two forms fold alike: neither");
        assert!(!t.unambiguous());
        assert_eq!(unaccented_key("CHU  TICH").as_deref(), Some("chu tich"));
        assert_eq!(unaccented_key("CHỦ TỊCH"), None);
        assert_eq!(unaccented_key("12/3"), None);
    }
}
