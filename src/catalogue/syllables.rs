//! Vietnamese syllables (`data/syllables.txt`, 17,325 well-formed lowercase NFC syllables in both
//! tone placements, front-coded: 59 KB, 3 KB gzipped) → a fast validity test for one word, and a
//! score for a whole text.
//!
//! Used to tell legacy encodings apart (the right decoding is the one whose words are syllables),
//! and by anything else that needs to know whether a token is Vietnamese.

use std::sync::OnceLock;

static DATA: &str = include_str!("../../data/syllables.txt");

/// Longest syllable in the list, in chars ("nghiêng", "khuyếch" … 7; with both placements 9).
const MAX_CHARS: usize = 10;
/// Bytes of the longest lowercased candidate we look up (every letter is at most 3 bytes).
const BUF: usize = MAX_CHARS * 3;

/// FNV-1a: the keys are short and trusted (our own list), so SipHash's DoS resistance buys
/// nothing and costs time on every word of a document.
fn fnv(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// A hash set of slices of [`list`]: open addressing with linear probing in a table at least
/// twice the number of words (so probing always ends at an empty slot). Small in wasm, where a
/// `HashSet` instantiation costs more than this whole module. Each slot also keeps 16 bits of the
/// hash, so a probe that meets another word is rejected without loading it: most lookups of
/// non-syllables touch one cache line.
struct Set {
    /// `tag << 16 | (1 + index into words)`; 0 = empty.
    slots: Vec<u32>,
    words: Vec<&'static str>,
}

/// Most words a [`Set`] holds (the index lives in 16 bits of a slot).
const SET_CAPACITY: usize = 0xFFFF - 1;

impl Set {
    fn new(mut words: Vec<&'static str>) -> Self {
        words.truncate(SET_CAPACITY);
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u32; size];
        let mask = size - 1;
        for (i, w) in words.iter().enumerate() {
            let hash = fnv(w.as_bytes());
            let mut h = hash as usize & mask;
            while slots[h] != 0 {
                h = (h + 1) & mask;
            }
            slots[h] = (hash & 0xFFFF_0000) | u32::try_from(i + 1).unwrap_or(0xFFFF);
        }
        Set { slots, words }
    }

    fn contains(&self, key: &[u8]) -> bool {
        let mask = self.slots.len() - 1;
        let hash = fnv(key);
        let mut h = hash as usize & mask;
        loop {
            match self.slots[h] {
                0 => return false,
                s => {
                    if s & 0xFFFF_0000 == hash & 0xFFFF_0000
                        && self.words.get((s & 0xFFFF) as usize - 1).is_some_and(|w| w.as_bytes() == key)
                    {
                        return true;
                    }
                }
            }
            h = (h + 1) & mask;
        }
    }

    fn len(&self) -> usize {
        self.words.len()
    }
}

/// The list decoded once into one string, a syllable per line. Each data line is a digit (chars
/// shared with the previous syllable) and the rest; malformed lines are skipped.
fn list() -> &'static str {
    static LIST: OnceLock<String> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut out = String::with_capacity(120 * 1024);
        let mut prev = String::new();
        for line in DATA.lines().filter(|l| !l.starts_with('#')) {
            let mut chars = line.chars();
            let Some(k) = chars.next().and_then(|d| d.to_digit(10)) else {
                continue;
            };
            let keep = prev
                .char_indices()
                .nth(k as usize)
                .map_or(prev.len(), |(i, _)| i);
            prev.truncate(keep);
            prev.push_str(chars.as_str());
            if !prev.is_empty() {
                out.push_str(&prev);
                out.push('\n');
            }
        }
        out
    })
}

fn set() -> &'static Set {
    static SET: OnceLock<Set> = OnceLock::new();
    SET.get_or_init(|| Set::new(list().lines().collect()))
}

/// Every syllable of the list, lowercase NFC.
pub fn all() -> impl Iterator<Item = &'static str> {
    list().lines()
}

/// Number of syllables in the list.
pub fn len() -> usize {
    set().len()
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// True when `word` is one well-formed Vietnamese syllable ("Báo", "CÁO", "hoà", "hòa", "Đắk").
/// Case-insensitive; decomposed input (NFD, "Unicode tổ hợp") is composed first. No allocation for
/// NFC input.
pub fn is_syllable(word: &str) -> bool {
    is_syllable_joined(word, "")
}

/// [`is_syllable`] of `a` followed by `b`, without building the joined string.
pub fn is_syllable_joined(a: &str, b: &str) -> bool {
    let len = a.len() + b.len();
    if len == 0 || len > BUF * 2 {
        return false;
    }
    let mut buf = [0u8; BUF];
    let mut n = 0usize;
    for c in a.chars().chain(b.chars()) {
        if is_combining(c) {
            // Decomposed input: compose, then look up the composed word.
            let mut joined = String::with_capacity(a.len() + b.len());
            joined.push_str(a);
            joined.push_str(b);
            let composed = crate::nfc::nfc(&joined);
            return !composed.chars().any(is_combining) && is_syllable(&composed);
        }
        // No syllable has a letter whose lowercase is two chars ("İ"), nor a non-letter.
        let Some(l) = crate::letters::lower_char(c).filter(|_| crate::letters::is_letter(c)) else {
            return false;
        };
        let w = l.len_utf8();
        if n + w > BUF {
            return false;
        }
        l.encode_utf8(&mut buf[n..n + w]);
        n += w;
    }
    set().contains(&buf[..n])
}

/// Words of `text` (maximal runs of letters and combining marks).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(crate::letters::is_letter(c) || is_combining(c)))
        .filter(|w| !w.is_empty())
}

/// (valid Vietnamese syllables, candidate words) over the words of `text` (see [`words`]).
/// Clean Vietnamese prose scores above 0.8; English about 0.2–0.4; legacy mojibake far lower on
/// its accented words.
pub fn syllable_ratio(text: &str) -> (usize, usize) {
    let mut valid = 0;
    let mut total = 0;
    for w in words(text) {
        total += 1;
        if is_syllable(w) {
            valid += 1;
        }
    }
    (valid, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn danh_sách_đọc_đủ_nfc_chữ_thường_không_trùng() {
        let lines: Vec<&str> = list().lines().collect();
        assert_eq!(lines.len(), 17_325);
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted, unique");
        assert_eq!(
            DATA.lines().filter(|l| !l.starts_with('#')).count(),
            lines.len()
        );
        // The same list as the team's plain file, when it is beside the repo.
        let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/syllables.txt");
        if let Ok(plain) = std::fs::read_to_string(shared) {
            assert_eq!(plain.lines().collect::<Vec<_>>(), lines);
        }
        assert_eq!(len(), lines.len(), "no duplicates");
        for l in &lines {
            assert_eq!(l.nfc().collect::<String>(), *l, "{l} not NFC");
            assert_eq!(l.to_lowercase(), *l, "{l} not lowercase");
            assert!(l.chars().count() <= MAX_CHARS, "{l} too long");
            assert!(l.chars().all(char::is_alphabetic), "{l}");
        }
    }

    #[test]
    fn ví_dụ_âm_tiết() {
        for w in [
            "báo", "cáo", "Báo", "CÁO", "người", "NGƯỜI", "được", "hòa", "hoà", "thúy", "thuý",
            "Đắk", "Lắk", "quốc", "gì", "nghiêng", "a",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "",
            "B¸o",
            "kÕt",
            "xyz",
            "report",
            "UBND",
            "Việt-Nam",
            "ngƣời",
            "123",
            "f",
            "wifi",
            "quả1",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
        // Some English words are syllable-shaped: detection must not rely on single words.
        assert!(is_syllable("the") && is_syllable("bao"));
    }

    #[test]
    fn tổ_hợp_được_dựng_lại() {
        assert!(is_syllable("ba\u{301}o"));
        assert!(is_syllable("Vie\u{323}\u{302}t"));
        assert!(!is_syllable("a\u{301}\u{301}"));
    }

    #[test]
    fn tỷ_lệ_âm_tiết() {
        let (v, t) =
            syllable_ratio("Báo cáo kết quả thực hiện nhiệm vụ quý III/2023 của UBND tỉnh.");
        assert_eq!(t, 13);
        assert_eq!(v, 11, "all but III and UBND");
        let (v, t) = syllable_ratio("B¸o c¸o kÕt qu¶ thùc hiÖn");
        assert!(v * 2 < t, "{v}/{t}");
        assert_eq!(syllable_ratio(""), (0, 0));
    }

    #[test]
    fn đầu_vào_dài_hoặc_lạ_không_hoảng() {
        let long = "a".repeat(10_000);
        assert!(!is_syllable(&long));
        assert!(!is_syllable("İİİİİİİİİİİİ"));
        assert!(!is_syllable("\u{301}"));
    }
}
