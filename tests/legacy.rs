//! Legacy encodings on data we did not write: the shared test vectors, the corpus transcripts
//! re-encoded in TCVN3 / VNI / VISCII / VPS / Windows-1258 / VIQR, and real TCVN3 8-bit text
//! taken from the corpus .rtf files.

use baocao::decode::container::Run;
use baocao::decode::legacy::{
    self, decode_bytes, decode_viqr, detect_bytes, detect_reread, encoding_of_font, reread,
};
use baocao::report::Encoding;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/corpus/legacy/<sub>/*.<ext>`, sorted. Panics if missing: no vacuous passes.
fn corpus(sub: &str, ext: &str) -> Vec<PathBuf> {
    let dir = root().join("../shared/corpus/legacy").join(sub);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("legacy corpus {} missing: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no .{ext} in {}", dir.display());
    v
}

fn hex(s: &str) -> Vec<u8> {
    s.split_whitespace()
        .map(|h| u8::from_str_radix(h, 16).expect("hex byte"))
        .collect()
}

/// The text a plain Windows-1252 reader makes of `bytes` (undefined bytes as C1 controls).
fn cp1252_view(bytes: &[u8]) -> String {
    decode_bytes(bytes, Encoding::Utf8).0
}

fn nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
}

#[test]
fn mọi_dòng_vector_thử_đều_đúng() {
    let data = std::fs::read_to_string(root().join("data/encodings/test-vectors.tsv")).unwrap();
    let mut by_enc: HashMap<&str, Vec<u8>> = HashMap::new();
    let mut rows = 0;
    for line in data.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        assert!(f.len() >= 4, "{line}");
        let (want, enc_name) = (f[0], f[1]);
        let bytes = if enc_name.starts_with("Unicode") {
            Vec::new()
        } else {
            hex(f[3])
        };
        rows += 1;
        let caps_note = f.get(4).is_some_and(|n| n.contains("uppercase"));
        match enc_name {
            "TCVN3" | "VNI-Windows" | "VISCII" => {
                let enc = match enc_name {
                    "TCVN3" => Encoding::Tcvn3,
                    "VNI-Windows" => Encoding::Vni,
                    _ => Encoding::Viscii,
                };
                let (got, map) = decode_bytes(&bytes, enc);
                let reread_got =
                    reread(&cp1252_view(&bytes), enc).expect("reread accepts a cp1252 view");
                if caps_note {
                    // TCVN3 has no code for "Ủ": decoded as stored, lowercase (see the row's note).
                    assert_eq!(
                        got.to_lowercase(),
                        want.to_lowercase(),
                        "{enc_name}: {want}"
                    );
                } else {
                    assert_eq!(got, want, "{enc_name}");
                }
                assert_eq!(reread_got, got, "{enc_name}: reread = decode");
                assert_eq!(map.to_input(got.len()), bytes.len());
                by_enc
                    .entry(enc_name)
                    .or_default()
                    .extend(bytes.iter().copied().chain(*b"\n"));
            }
            "VIQR" => {
                let text = String::from_utf8(bytes).unwrap();
                assert_eq!(text, f[2]);
                assert_eq!(decode_viqr(&text).as_deref(), Some(want), "VIQR: {text}");
            }
            _ => {
                // Unicode tổ hợp, given as code points: NFC restores it.
                let text: String = f[3]
                    .split_whitespace()
                    .map(|h| {
                        char::from_u32(u32::from_str_radix(h, 16).expect("code point"))
                            .expect("char")
                    })
                    .collect();
                assert_eq!(nfc(&text), want);
            }
        }
    }
    assert_eq!(rows, 30);
    // The six sentences of one encoding together are enough to recognise it.
    for (name, enc) in [
        ("TCVN3", Encoding::Tcvn3),
        ("VNI-Windows", Encoding::Vni),
        ("VISCII", Encoding::Viscii),
    ] {
        let bytes = &by_enc[name];
        assert_eq!(detect_bytes(bytes).map(|x| x.0), Some(enc), "{name}");
        assert_eq!(
            detect_reread(&cp1252_view(bytes)).map(|x| x.0),
            Some(enc),
            "{name}"
        );
    }
}

/// Encoder built from the decoder's own single-byte and pair readings (reverse tables).
struct Encoder {
    map: HashMap<char, Vec<u8>>,
    /// Toned capitals have no code (TCVN3): write the lowercase letter's code.
    fold_caps: bool,
}

impl Encoder {
    fn single_byte(enc: Encoding, fold_caps: bool) -> Self {
        let mut map = HashMap::new();
        for b in (0x20..=0xFFu8).chain(1..0x20) {
            if matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D) && enc == Encoding::Tcvn3 {
                continue; // VN1 capitals ABC documents do not use
            }
            let s = decode_bytes(&[b], enc).0;
            let mut cs = s.chars();
            if let (Some(c), None) = (cs.next(), cs.next()) {
                map.entry(c).or_insert_with(|| vec![b]);
            }
        }
        Encoder { map, fold_caps }
    }

    fn vni() -> Self {
        let mut e = Encoder::single_byte(Encoding::Vni, false);
        let lower_bases = b"aeiouy\xf4\xf6";
        let upper_bases = b"AEIOUY\xd4\xd6";
        for (bases, marks) in [(lower_bases, 0xE0..=0xFFu8), (upper_bases, 0xC0..=0xDFu8)] {
            for &b in bases {
                for m in marks.clone() {
                    let s = decode_bytes(&[b, m], Encoding::Vni).0;
                    let mut cs = s.chars();
                    if let (Some(c), None) = (cs.next(), cs.next()) {
                        e.map.insert(c, vec![b, m]);
                    }
                }
            }
        }
        e
    }

    /// Bytes of `text`; chars without a code become '?'.
    fn encode(&self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len());
        for c in text.chars() {
            let code = self.map.get(&c).or_else(|| {
                let l = c.to_lowercase().next().filter(|_| self.fold_caps)?;
                self.map.get(&l)
            });
            match code {
                Some(b) => out.extend_from_slice(b),
                None => out.push(b'?'),
            }
        }
        out
    }
}

/// Share of chars equal at the same position (NFC), over the expected length.
fn char_equality(got: &str, want: &str) -> f64 {
    let (g, w): (Vec<char>, Vec<char>) = (got.chars().collect(), want.chars().collect());
    let same = g.iter().zip(&w).filter(|(a, b)| a == b).count();
    same as f64 / w.len().max(1) as f64
}

/// Round trip of every transcript in `sub` through `enc`; returns (files, chars, equal chars).
fn round_trip(sub: &str, enc: Encoding, encoder: &Encoder) -> (usize, usize, usize) {
    let (mut files, mut total, mut equal) = (0, 0, 0);
    for path in corpus(sub, "txt") {
        let want = nfc(&std::fs::read_to_string(&path).unwrap());
        // Chars that cannot be written in `enc` are compared as the '?' they became.
        let bytes = encoder.encode(&want);
        let want: String = want
            .chars()
            .map(|c| {
                if encoder.encode(&c.to_string()) == b"?" && c != '?' {
                    '?'
                } else {
                    c
                }
            })
            .collect();
        let (got, map) = decode_bytes(&bytes, enc);
        assert_eq!(map.to_input(got.len()), bytes.len());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(
            detect_bytes(&bytes).map(|x| x.0),
            Some(enc),
            "{name}: detect_bytes"
        );
        assert_eq!(
            detect_reread(&cp1252_view(&bytes)).map(|x| x.0),
            Some(enc),
            "{name}: detect_reread"
        );
        let eq = char_equality(&got, &want);
        assert!(eq >= 0.995, "{name}: {eq:.4} of chars equal");
        files += 1;
        total += want.chars().count();
        equal += (eq * want.chars().count() as f64).round() as usize;
    }
    (files, total, equal)
}

#[test]
fn bản_chép_tcvn3_mã_hóa_lại_rồi_giải_mã() {
    let (files, total, equal) = round_trip(
        "ground-truth",
        Encoding::Tcvn3,
        &Encoder::single_byte(Encoding::Tcvn3, true),
    );
    let share = equal as f64 / total as f64;
    eprintln!("TCVN3 round trip: {files} files, {equal}/{total} chars = {share:.5}");
    assert!(files >= 50);
    assert!(share >= 0.999, "{share}");
}

#[test]
fn bản_chép_vni_tổng_hợp_mã_hóa_lại_rồi_giải_mã() {
    let (files, total, equal) =
        round_trip("ground-truth-synthetic", Encoding::Vni, &Encoder::vni());
    let share = equal as f64 / total as f64;
    eprintln!("VNI round trip: {files} files, {equal}/{total} chars = {share:.5}");
    assert!(files >= 10);
    assert!(share >= 0.999, "{share}");
}

#[test]
fn bản_chép_viscii_vps_cp1258_mã_hóa_lại() {
    for enc in [Encoding::Viscii, Encoding::Vps] {
        let (files, total, equal) = round_trip(
            "ground-truth-synthetic",
            enc,
            &Encoder::single_byte(enc, false),
        );
        assert!(
            equal as f64 / total as f64 >= 0.999,
            "{enc:?}: {equal}/{total} in {files} files"
        );
    }
    // Windows-1258: letters are base + combining tone byte.
    let mut e = Encoder::single_byte(Encoding::Windows1258, false);
    for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY".chars() {
        for tone in [0xCCu8, 0xEC, 0xD2, 0xDE, 0xF2] {
            let mut bytes = e.map.get(&base).cloned().unwrap_or_default();
            bytes.push(tone);
            let s = decode_bytes(&bytes, Encoding::Windows1258).0;
            let mut cs = s.chars();
            if let (Some(c), None) = (cs.next(), cs.next()) {
                e.map.entry(c).or_insert(bytes);
            }
        }
    }
    let (files, total, equal) = round_trip("ground-truth-synthetic", Encoding::Windows1258, &e);
    assert!(
        equal as f64 / total as f64 >= 0.999,
        "cp1258: {equal}/{total} in {files} files"
    );
}

#[test]
fn bản_chép_viết_lại_bằng_viqr() {
    let table = std::fs::read_to_string(root().join("data/encodings/viqr.tsv")).unwrap();
    let viqr: HashMap<char, &str> = table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(u, v)| Some((u.chars().next()?, v)))
        .collect();
    let (mut total, mut equal) = (0usize, 0usize);
    for path in corpus("ground-truth-synthetic", "txt") {
        let want = nfc(&std::fs::read_to_string(&path).unwrap());
        let text: String = want
            .chars()
            .map(|c| viqr.get(&c).map_or(c.to_string(), |v| v.to_string()))
            .collect();
        let got =
            decode_viqr(&text).unwrap_or_else(|| panic!("{}: not taken for VIQR", path.display()));
        let (g, w): (Vec<&str>, Vec<&str>) = (
            got.split_whitespace().collect(),
            want.split_whitespace().collect(),
        );
        total += w.len();
        equal += g.iter().zip(&w).filter(|(a, b)| a == b).count();
        assert_eq!(g.len(), w.len(), "{}", path.display());
    }
    let share = equal as f64 / total as f64;
    eprintln!("VIQR round trip: {equal}/{total} words = {share:.5}");
    // Ambiguity of '.', '?' after a vowel at a sentence end costs a few words.
    assert!(share >= 0.99, "{share}");
}

/// The 8-bit text of an RTF body: `\'xx` escapes as bytes, control words and groups dropped
/// (crude, but enough to reach the TCVN3 text of the corpus files).
fn rtf_bytes(rtf: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rtf.len() / 2);
    let mut i = 0;
    let mut skip_depth: Option<usize> = None;
    let mut depth = 0usize;
    while i < rtf.len() {
        let b = rtf[i];
        match b {
            b'{' => {
                depth += 1;
                // Destinations we do not want: font table, styles, info, pictures, "\*" groups.
                let rest = &rtf[i + 1..rtf.len().min(i + 16)];
                if skip_depth.is_none()
                    && [
                        &b"\\fonttbl"[..],
                        b"\\stylesheet",
                        b"\\info",
                        b"\\pict",
                        b"\\*",
                        b"\\colortbl",
                        b"\\listtable",
                    ]
                    .iter()
                    .any(|d| rest.starts_with(d))
                {
                    skip_depth = Some(depth);
                }
                i += 1;
            }
            b'}' => {
                if skip_depth == Some(depth) {
                    skip_depth = None;
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'\\' => {
                let next = rtf.get(i + 1).copied().unwrap_or(b' ');
                if next == b'\'' {
                    let h =
                        std::str::from_utf8(rtf.get(i + 2..i + 4).unwrap_or(b"3f")).unwrap_or("3f");
                    if skip_depth.is_none() {
                        out.push(u8::from_str_radix(h, 16).unwrap_or(b'?'));
                    }
                    i += 4;
                } else if next.is_ascii_alphabetic() {
                    let mut j = i + 1;
                    while j < rtf.len() && rtf[j].is_ascii_alphabetic() {
                        j += 1;
                    }
                    let word = &rtf[i + 1..j];
                    while j < rtf.len() && (rtf[j].is_ascii_digit() || rtf[j] == b'-') {
                        j += 1;
                    }
                    if j < rtf.len() && rtf[j] == b' ' {
                        j += 1;
                    }
                    if skip_depth.is_none() {
                        match word {
                            b"par" | b"line" | b"row" | b"cell" => out.push(b'\n'),
                            b"tab" => out.push(b'\t'),
                            _ => {}
                        }
                    }
                    i = j;
                } else {
                    if skip_depth.is_none() {
                        out.push(next);
                    }
                    i += 2;
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                if skip_depth.is_none() {
                    out.push(b);
                }
                i += 1;
            }
        }
    }
    out
}

/// Share of the transcript's words (as a multiset) found in `got`.
fn word_recall(got: &str, want: &str) -> (usize, usize) {
    let mut bag: HashMap<&str, usize> = HashMap::new();
    for w in got.split_whitespace() {
        *bag.entry(w).or_default() += 1;
    }
    let mut hit = 0;
    let mut total = 0;
    for w in want.split_whitespace() {
        total += 1;
        if let Some(n) = bag.get_mut(w).filter(|n| **n > 0) {
            *n -= 1;
            hit += 1;
        }
    }
    (hit, total)
}

#[test]
fn văn_bản_tcvn3_thật_từ_các_tệp_rtf() {
    let truth_dir = root().join("../shared/corpus/legacy/ground-truth");
    let (mut hit, mut total, mut files) = (0, 0, 0);
    for path in corpus("corpus/public-domain/tcvn3", "rtf") {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let Ok(want) = std::fs::read_to_string(truth_dir.join(format!("{stem}.txt"))) else {
            continue;
        };
        let bytes = rtf_bytes(&std::fs::read(&path).unwrap());
        let (enc, conf) = detect_bytes(&bytes).unwrap_or_else(|| panic!("{stem}: not recognised"));
        assert_eq!(enc, Encoding::Tcvn3, "{stem}");
        assert!(conf >= 0.9, "{stem}: confidence {conf}");
        let (got, _) = decode_bytes(&bytes, enc);
        // The same text as an RTF reader gives it (cp1252 runs in font .VnTime).
        let view = cp1252_view(&bytes);
        assert_eq!(
            detect_reread(&view).map(|x| x.0),
            Some(Encoding::Tcvn3),
            "{stem}"
        );
        assert_eq!(
            reread(&view, encoding_of_font(".VnTime").unwrap()).as_deref(),
            Some(got.as_str()),
            "{stem}"
        );
        // Transcripts mark table cells with '|', which a crude RTF reading does not produce.
        let (h, t) = word_recall(&got, &nfc(&want).replace('|', " "));
        if std::env::var_os("LEGACY_DUMP").is_some() {
            std::fs::write(format!("/tmp/lg/rtfout/{stem}.txt"), &got).unwrap();
            eprintln!("{stem}: {h}/{t}");
        }
        assert!(h as f64 >= 0.97 * t as f64, "{stem}: {h}/{t} words");
        hit += h;
        total += t;
        files += 1;
    }
    let share = hit as f64 / total as f64;
    eprintln!("TCVN3 .rtf: {files} files, {hit}/{total} transcript words found = {share:.4}");
    assert!(files >= 10);
    assert!(share >= 0.99, "{share}");
}

#[test]
fn các_run_của_bộ_đọc_vùng_chứa() {
    // What the .doc/.rtf/.docx readers hand over: cp1252 text + font name.
    let runs = [
        Run {
            text: "Céng hßa x· héi chñ nghÜa ViÖt Nam".into(),
            font: Some(".VnTime".into()),
            ..Default::default()
        },
        Run {
            text: "b¸o c¸o".into(),
            font: Some(".VnTimeH".into()),
            ..Default::default()
        },
        Run {
            text: "Coäng hoøa".into(),
            font: Some("VNI-Times".into()),
            ..Default::default()
        },
        Run {
            text: "Báo cáo ®".into(),
            font: Some("Times New Roman".into()),
            ..Default::default()
        },
        Run {
            text: "Báo cáo ®".into(),
            font: Some(".VnTime".into()),
            ..Default::default()
        },
    ];
    let read: Vec<String> = runs
        .iter()
        .map(|r| {
            let enc = r.font.as_deref().and_then(encoding_of_font);
            enc.and_then(|e| reread(&r.text, e))
                .unwrap_or_else(|| r.text.clone())
        })
        .collect();
    assert_eq!(
        read,
        [
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
            "báo cáo",
            "Cộng hòa",
            "Báo cáo ®",
            "Báo cáo ®"
        ]
    );
    assert_eq!(legacy::code_name(Encoding::Tcvn3), "tcvn3");
}

#[test]
fn tài_liệu_unicode_không_bị_đụng() {
    // The Unicode transcripts themselves, and the seed reports, are never re-read.
    let seeds = root().join("../shared/corpus/seeds");
    let mut paths = corpus("ground-truth", "txt");
    paths.extend(
        std::fs::read_dir(seeds)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path()),
    );
    for p in paths {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        assert_eq!(detect_reread(&text), None, "{}", p.display());
        assert_eq!(decode_viqr(&text), None, "{}", p.display());
        let d = baocao::decode::decode(baocao::Input::Bytes(text.as_bytes())).unwrap();
        assert!(matches!(d.encoding, Encoding::Utf8), "{}", p.display());
    }
}
