//! Text → Unicode NFC (canonical composition), built on the per-character canonical tables only.
//!
//! Why not `unicode_normalization`'s `.nfc()` iterator: it chooses canonical or compatibility
//! decomposition at run time, so using it links the compatibility and CJK-variant tables
//! (~70 KB of the wasm) that NFC never reads. Here the algorithm of UAX #15 is written out over
//! `decompose_canonical`, `canonical_combining_class` and `compose`, and a test checks it equals
//! the crate's `.nfc()` on Vietnamese, Latin, Hangul and singleton cases and random mark soups.
//!
//! The text is processed one segment at a time (a starter and the marks that follow it), so
//! memory stays bounded whatever the input length.

use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};

/// The NFC form of `s`.
pub fn nfc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    nfc_into(s, &mut out);
    out
}

/// Appends the NFC form of `s` to `out`.
pub fn nfc_into(s: &str, out: &mut String) {
    // The current segment, decomposed: a starter (ccc 0) followed by non-starters, or only
    // non-starters at the very beginning of the text.
    let mut seg: Vec<char> = Vec::with_capacity(8);
    for c in s.chars() {
        decompose_canonical(c, |d| {
            if canonical_combining_class(d) != 0 || seg.is_empty() {
                seg.push(d);
                return;
            }
            // A new starter: it may still combine with the segment if the segment composes to
            // one starter (Hangul L+V then +T; a few scripts' two-starter pairs).
            compose_segment(&mut seg);
            if seg.len() == 1 && canonical_combining_class(seg[0]) == 0 {
                if let Some(p) = compose(seg[0], d) {
                    seg[0] = p;
                    return;
                }
            }
            out.extend(seg.drain(..));
            seg.push(d);
        });
    }
    compose_segment(&mut seg);
    out.extend(seg.drain(..));
}

/// Canonical ordering then canonical composition of one segment, in place.
fn compose_segment(seg: &mut Vec<char>) {
    if seg.len() < 2 {
        return;
    }
    // Canonical ordering: the non-starters after the starter, stably by combining class.
    // Insertion sort: runs of marks are a handful long; the loop is bounded by the run length.
    let first_mark = usize::from(canonical_combining_class(seg[0]) == 0);
    for i in first_mark + 1..seg.len() {
        let c = seg[i];
        let cc = canonical_combining_class(c);
        let mut j = i;
        while j > first_mark && canonical_combining_class(seg[j - 1]) > cc {
            seg[j] = seg[j - 1];
            j -= 1;
        }
        seg[j] = c;
    }
    if first_mark == 0 {
        return; // no starter to compose onto
    }
    // Composition: a mark joins the starter unless blocked by an earlier kept mark of the same
    // or a higher class.
    let mut starter = seg[0];
    let mut kept: Vec<char> = Vec::new();
    let mut last_kept_class: Option<u8> = None;
    for &c in &seg[1..] {
        let cc = canonical_combining_class(c);
        let blocked = last_kept_class.is_some_and(|k| k == 0 || k >= cc);
        if !blocked {
            if let Some(p) = compose(starter, c) {
                starter = p;
                continue;
            }
        }
        last_kept_class = Some(cc);
        kept.push(c);
    }
    seg.clear();
    seg.push(starter);
    seg.extend(kept);
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn same_as_crate(s: &str) {
        let want: String = s.nfc().collect();
        assert_eq!(nfc(s), want, "{:?}", s.chars().map(|c| format!("U+{:04X}", c as u32)).collect::<Vec<_>>());
    }

    #[test]
    fn tổ_hợp_giống_unicode_normalization() {
        for s in [
            "",
            "Báo cáo kết quả",
            "Ba\u{301}o ca\u{301}o kê\u{302}\u{301}t qua\u{309}",       // tổ hợp (NFD-like typing)
            "ê\u{301}",                                                 // precomposed base + mark
            "o\u{31B}\u{323}\u{300}",                                   // ờ with dot below: ợ̀ order
            "a\u{323}\u{302}",                                          // ậ typed dot first
            "a\u{302}\u{323}",                                          // ậ typed hat first
            "\u{301}a",                                                 // mark at the start
            "\u{1100}\u{1161}\u{11A8}",                                 // Hangul L V T → 각
            "\u{AC00}\u{11A8}",                                         // LV + T
            "\u{F900}\u{212B}\u{2126}",                                 // singletons
            "A\u{30A}\u{301}",                                          // Å + acute: second mark blocked? no
            "e\u{327}\u{301}\u{301}",
            "q\u{307}\u{323}",
            "\u{0B47}\u{0B3E}",                                         // two starters compose (Oriya)
            "x\u{05B0}\u{05B1}\u{05B0}",                                // reorder marks of equal/other class
        ] {
            same_as_crate(s);
        }
    }

    #[test]
    fn tổ_hợp_ngẫu_nhiên_giống_unicode_normalization() {
        let alphabet: Vec<char> = "aAeEoOuUiIyYdDđĐơƯăâ \u{300}\u{301}\u{303}\u{309}\u{323}\u{302}\u{306}\u{31B}\u{327}\u{1100}\u{1161}\u{11A8}\u{AC00}\u{F900}\u{0B47}\u{0B3E}x"
            .chars()
            .collect();
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            let len = (state % 9) as usize;
            let mut s = String::new();
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            same_as_crate(&s);
            state = state.wrapping_add(1);
        }
    }
}
