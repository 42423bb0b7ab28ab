//! Vietnamese folding: text → lowercase text without diacritics ("Đảng" → "dang"), with a map back
//! to the original bytes, so catalogues and patterns match clean, OCR and unaccented text alike
//! while values are still reported as printed.

use unicode_normalization::char::decompose_canonical;

/// Folded text and where each of its bytes came from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// Lowercase text without combining marks; `đ` → `d`.
    pub text: String,
    /// `origin[k]` = byte offset in the original of the char that produced folded byte `k`;
    /// one extra entry for the end.
    origin: Vec<u32>,
}

/// Folds one char to one char (so positions stay one-to-one per char).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // Vietnamese letters come from a table built once: decomposing every char of every
    // document is the slowest part of folding.
    let u = u32::from(c);
    if (TABLE_START..TABLE_END).contains(&u) {
        static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
        let table = TABLE.get_or_init(|| {
            (TABLE_START..TABLE_END).map(|u| char::from_u32(u).map_or('\u{FFFD}', fold_char_slow)).collect()
        });
        if let Some(&f) = table.get((u - TABLE_START) as usize) {
            return f;
        }
    }
    if (0xFFF0..=0xFFFF).contains(&u) {
        // Specials (U+FFFD fills undecodable input): nothing to fold.
        return c;
    }
    fold_char_slow(c)
}

/// Latin-1 Supplement … Latin Extended-B, and the Vietnamese block of Latin Extended Additional
/// are folded through a table (no surrogates inside, so every code point is a char).
const TABLE_START: u32 = 0x80;
const TABLE_END: u32 = 0x1F00;

fn fold_char_slow(c: char) -> char {
    match c {
        'đ' | 'Đ' | 'ð' | 'Ð' => return 'd',
        // Glyph mix-ups of PDF fonts (vn-text.md §1.9) fold with the letters they stand for.
        'ƣ' | 'Ƣ' => return 'u',
        _ => {}
    }
    let mut base = c;
    decompose_canonical(c, |d| {
        if base == c && !is_combining(d) {
            base = d;
        }
    });
    let mut lower = base.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => base,
    }
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// Folds a whole string (no map).
pub fn fold(s: &str) -> String {
    s.chars().filter(|&c| !is_combining(c)).map(fold_char).collect()
}

impl Folded {
    /// Folds `s`, remembering origins relative to `base` (the offset of `s` in its text).
    pub fn new(s: &str, base: usize) -> Self {
        let mut text = String::with_capacity(s.len());
        let mut origin = Vec::with_capacity(s.len() + 1);
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Runs of ASCII (most of any report: spaces, digits, punctuation, unaccented
            // letters) are copied and lowercased in bulk.
            let run = bytes[i..].iter().take_while(|b| b.is_ascii()).count();
            if run > 0 {
                let from = text.len();
                text.push_str(&s[i..i + run]);
                text[from..].make_ascii_lowercase();
                origin.extend((base + i..base + i + run).map(|o| o as u32));
                i += run;
                continue;
            }
            let Some(c) = s[i..].chars().next() else { break };
            if !is_combining(c) {
                let f = fold_char(c);
                for _ in 0..f.len_utf8() {
                    origin.push((base + i) as u32);
                }
                text.push(f);
            }
            i += c.len_utf8();
        }
        origin.push((base + s.len()) as u32);
        Folded { text, origin }
    }

    /// The folding of `text` with `blanks` (byte ranges of `text`) replaced by spaces of the same
    /// byte length — equal to `Folded::new(&extract::masked_with(text, blanks), 0)` — made from `self`,
    /// the folding of `text` at base 0, by copying: the extractors that hide footnote markers
    /// share one folding of the document instead of folding it again. Ranges must be sorted,
    /// on char boundaries and in bounds (as `extract::blank_ranges` keeps them).
    pub fn with_blanks(&self, text: &str, blanks: &[std::ops::Range<usize>]) -> Folded {
        let body = &self.origin[..self.origin.len() - 1];
        let first_at = |x: usize| body.partition_point(|&o| (o as usize) < x);
        let mut out = Folded { text: String::with_capacity(self.text.len()), origin: Vec::with_capacity(self.origin.len()) };
        let mut done = 0usize; // original bytes handled
        for r in blanks {
            if r.end <= done {
                continue;
            }
            let start = r.start.max(done);
            let (k0, k1) = (first_at(done), first_at(start));
            out.text.push_str(&self.text[k0..k1]);
            out.origin.extend_from_slice(&self.origin[k0..k1]);
            out.text.extend(std::iter::repeat_n(' ', r.end - start));
            out.origin.extend((start..r.end).map(|o| o as u32));
            done = r.end;
        }
        let k0 = first_at(done);
        out.text.push_str(&self.text[k0..]);
        out.origin.extend_from_slice(&self.origin[k0..]);
        debug_assert_eq!(out.origin.last().copied(), Some(text.len() as u32));
        out
    }

    /// Original byte offset of folded byte offset `k`.
    pub fn origin(&self, k: usize) -> usize {
        self.origin[k.min(self.origin.len() - 1)] as usize
    }

    /// Original byte range of a folded byte range (end maps to the end of the last char).
    pub fn origin_range(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.origin(r.start)..self.origin(r.end)
    }
}

/// Whether two folded words are at most one edit apart (one letter changed, added or dropped):
/// the OCR slip that catalogue matching tolerates ("trigu" for "trieu", "Quyét" → "quyet").
/// Callers decide how short a word may be before only equality counts.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // One char is at most 4 bytes: a larger byte difference is more than one edit. (This is
    // called for every number's unit and every citation's type word: no allocation here.)
    if a.len().abs_diff(b.len()) > 4 {
        return false;
    }
    if a.is_empty() || b.is_empty() {
        return a.chars().count() + b.chars().count() <= 1;
    }
    // Two words one edit apart, one of them 2+ chars long, share their first or their last
    // char (an edit at the front leaves the end, any other edit leaves the front).
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x[0] != y[0] && x[x.len() - 1] != y[y.len() - 1] {
        return a.chars().nth(1).is_none() && b.chars().nth(1).is_none();
    }
    // Strip the common prefix, then the common suffix of what is left; one edit leaves at most
    // one char on each side. Identical bytes before (after) a cut make it a char boundary in
    // both strings or in neither.
    let mut p = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(p) {
        p -= 1;
    }
    let (ra, rb) = (&a[p..], &b[p..]);
    let mut s = ra.bytes().rev().zip(rb.bytes().rev()).take_while(|(x, y)| x == y).count();
    while !ra.is_char_boundary(ra.len() - s) {
        s -= 1;
    }
    let (ma, mb) = (&ra[..ra.len() - s], &rb[..rb.len() - s]);
    ma.chars().nth(1).is_none() && mb.chars().nth(1).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gấp_dấu_và_chữ_hoa() {
        assert_eq!(fold("ĐẢNG CỘNG SẢN VIỆT NAM"), "dang cong san viet nam");
        assert_eq!(fold("Quyết định"), "quyet dinh");
        assert_eq!(fold("ƢU ĐIỂM"), "uu diem");
        assert_eq!(fold("e\u{301}"), "e");
    }

    #[test]
    fn bản_đồ_về_chuỗi_gốc() {
        let s = "Số: 452/QĐ-UBND";
        let f = Folded::new(s, 10);
        assert_eq!(f.text, "so: 452/qd-ubnd");
        let k = f.text.find("qd").unwrap();
        let r = f.origin_range(k..f.text.len());
        assert_eq!(&s[r.start - 10..r.end - 10], "QĐ-UBND");
    }

    #[test]
    fn bảng_gấp_giống_cách_tính_chậm() {
        for c in (TABLE_START..TABLE_END + 16).filter_map(char::from_u32) {
            assert_eq!(fold_char(c), fold_char_slow(c), "{c:?}");
        }
    }

    #[test]
    fn cách_nhau_một_lỗi_gõ() {
        assert!(within_one_edit("trieu", "trigu"));
        assert!(within_one_edit("dong", "ddong"));
        assert!(within_one_edit("quyet", "quyt"));
        assert!(!within_one_edit("trieu", "tgigu"));
        assert!(!within_one_edit("ha", "haaa"));
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one-range lists are cases under test
    fn gấp_có_che_bằng_gấp_văn_bản_đã_che() {
        let text = "Tăng 6,7%[footnoteRef:1] so với năm 2022 ĐẢNG\u{301} bộ[footnoteRef:2].";
        let whole = Folded::new(text, 0);
        let a = text.find('[').unwrap();
        let b = text.rfind('[').unwrap();
        for blanks in [vec![], vec![a..a + 16], vec![a..a + 16, b..b + 16], vec![0..4, 2..9], vec![0..text.len()], vec![text.len()..text.len()]] {
            let blanks: Vec<std::ops::Range<usize>> = blanks.into_iter().filter(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end)).collect();
            let want = Folded::new(&crate::extract::masked_with(text, &blanks), 0);
            let got = whole.with_blanks(text, &blanks);
            assert_eq!(got.text, want.text, "{blanks:?}");
            assert_eq!(got.origin, want.origin, "{blanks:?}");
        }
    }

    /// Reference: the edit distance by dynamic programming, over chars.
    fn distance(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut prev = row[0];
            row[0] = i;
            for j in 1..=b.len() {
                let here = row[j];
                row[j] = (prev + usize::from(a[i - 1] != b[j - 1])).min(row[j] + 1).min(row[j - 1] + 1);
                prev = here;
            }
        }
        row[b.len()]
    }

    #[test]
    fn một_lỗi_gõ_đúng_như_khoảng_cách_sửa_trên_chữ_việt() {
        let alphabet: Vec<char> = "aăâeêđdoơưuéèẻẽẹ".chars().collect();
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let word = |x: &mut u64| {
            *x ^= *x << 13;
            *x ^= *x >> 7;
            *x ^= *x << 17;
            let len = (*x % 5) as usize;
            (0..len).map(|k| alphabet[((*x >> (8 * k + 3)) % alphabet.len() as u64) as usize]).collect::<String>()
        };
        for _ in 0..20_000 {
            let a = word(&mut x);
            let b = word(&mut x);
            assert_eq!(within_one_edit(&a, &b), distance(&a, &b) <= 1, "{a:?} {b:?}");
            // and one real edit away from `a`
            let mut c: Vec<char> = a.chars().collect();
            if !c.is_empty() {
                let k = (x % c.len() as u64) as usize;
                c[k] = alphabet[(x >> 9) as usize % alphabet.len()];
            }
            let c: String = c.into_iter().collect();
            assert_eq!(within_one_edit(&a, &c), distance(&a, &c) <= 1, "{a:?} {c:?}");
        }
    }
}
