//! The .rtf reader: fixtures made by `tests/fixtures/containers/make.py`, hostile input, and the
//! real TCVN3 files of the legacy corpus (checked against their transcripts after a crude TCVN3
//! re-read done here, not in the reader).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use baocao::decode::container::{Block, ContainerDoc, Paragraph};
use baocao::decode::rtf::read;
use baocao::ErrorCode;
use unicode_normalization::UnicodeNormalization;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/containers")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn para_text(p: &Paragraph) -> String {
    p.runs.iter().map(|r| r.text.as_str()).collect()
}

fn paragraphs(blocks: &[Block]) -> Vec<&Paragraph> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            Block::Table(_) => None,
        })
        .collect()
}

fn all_text(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                out.push_str(&para_text(p));
                out.push('\n');
            }
            Block::Table(t) => t
                .rows
                .iter()
                .flatten()
                .for_each(|c| all_text(&c.blocks, out)),
        }
    }
}

#[test]
fn mẫu_rtf_bảng_tiêu_đề_phông_và_chú_thích() {
    let doc = read(&fixture("sample.rtf")).unwrap();
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);

    // The letterhead: a two-column table, cells in order, runs in their legacy fonts.
    let Block::Table(t) = &doc.body[0] else {
        panic!("letterhead table first: {:?}", doc.body[0])
    };
    assert_eq!(t.rows.len(), 2);
    assert!(t.rows.iter().all(|r| r.len() == 2));
    let left = paragraphs(&t.rows[0][0].blocks);
    assert_eq!(para_text(left[0]), "ñy ban nh©n d©n");
    assert_eq!(left[0].runs[0].font.as_deref(), Some(".VnTimeH"));
    assert_eq!(para_text(left[1]), "Sè: 125/BC-UBND");
    assert_eq!(left[1].runs[0].font.as_deref(), Some(".VnTime"));
    let right = paragraphs(&t.rows[0][1].blocks);
    assert_eq!(para_text(right[1]), "§éc lËp - Tù do - H¹nh phóc");
    assert!(t.rows[1][0].blocks.is_empty());
    assert_eq!(
        para_text(paragraphs(&t.rows[1][1].blocks)[0]),
        "Tân Hòa, ngày 15 tháng 6 năm 2024"
    );

    let body = paragraphs(&doc.body);
    let texts: Vec<String> = body.iter().map(|p| para_text(p)).collect();
    // Heading style from the stylesheet.
    assert_eq!(texts[0], "b¸o c¸o");
    assert_eq!(body[0].style.as_deref(), Some("heading 1"));
    // Footnote: a reference run where the \footnote group stands, the note numbered 1.
    let p = body[1];
    assert_eq!(texts[1], "KÕt qu¶ thùc hiÖn nhiÖm vô 6 th¸ng ®Çu n¨m");
    let r = p.runs.iter().position(|r| r.note_ref.is_some()).unwrap();
    assert_eq!(p.runs[r].note_ref.as_deref(), Some("1"));
    assert!(p.runs[r].text.is_empty());
    assert_eq!(p.runs[r - 1].text, "KÕt qu¶ thùc hiÖn nhiÖm vô");
    assert_eq!(doc.notes.len(), 1);
    assert_eq!(doc.notes[0].id, "1");
    let mut note = String::new();
    all_text(&doc.notes[0].blocks, &mut note);
    assert_eq!(note, "Số liệu đến ngày 31/5/2024.\n");
    // List labels from \pntext (Symbol bullet) and \listtext.
    assert_eq!(body[2].label.as_deref(), Some("•"));
    assert_eq!(texts[2], "Thu ngân sách đạt 105%");
    assert_eq!(body[3].label.as_deref(), Some("1."));
    assert_eq!(texts[3], "Chi đúng dự toán\n(dòng hai)\tx");
    // A Windows-1258 font: bytes read through cp1258 (combining marks, NFC later).
    assert_eq!(texts[4].nfc().collect::<String>(), "Việc tiến hành");
    // Hidden and deleted text gone, control symbols, \uc skipping, \bin, unknown destinations.
    assert_eq!(texts[5], "A—B\u{a0}CD-E {x} \\ “ q”");
    // \upr: the Unicode twin, not the ANSI text.
    assert_eq!(texts[6], "Ủy quyền");
    // A shape's text box comes right after the paragraph that anchors it.
    assert_eq!(texts[7], "Neo");
    assert_eq!(texts[8], "DỰ THẢO");
    assert_eq!(texts[9], "Nơi nhận:");
    assert_eq!(texts.len(), 10);

    let mut all = String::new();
    all_text(&doc.body, &mut all);
    for junk in [
        "Nobody",
        "junk",
        "fillColor",
        "ANSI",
        "hidden",
        "xoa",
        "PAGE",
        "Default Paragraph",
        "Times New Roman",
    ] {
        assert!(!all.contains(junk), "{junk} leaked into the body");
    }

    // Header and footer are furniture; the field result is kept, its instruction dropped.
    let furniture: Vec<String> = paragraphs(&doc.furniture)
        .iter()
        .map(|p| para_text(p))
        .collect();
    assert_eq!(furniture, vec!["ñy ban nh©n d©n x· T©n Hßa", "Trang 3"]);
    assert_eq!(
        paragraphs(&doc.furniture)[0].runs[0].font.as_deref(),
        Some(".VnTime")
    );
}

#[test]
fn lồng_mười_nghìn_cấp_không_tràn_ngăn_xếp() {
    let doc = read(&fixture("deep.rtf")).unwrap();
    let texts: Vec<String> = paragraphs(&doc.body).iter().map(|p| para_text(p)).collect();
    assert_eq!(texts, vec!["sê u", "cuèi"]);
    assert_eq!(
        paragraphs(&doc.body)[0].runs[0].font.as_deref(),
        Some(".VnTime")
    );
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.code == "decode.rtf.nesting"));

    // A million open braces, and a million destinations inside them.
    let mut bytes = b"{\\rtf1 ".to_vec();
    bytes.extend(std::iter::repeat_n(b'{', 1_000_000));
    bytes.extend(b"x");
    let doc = read(&bytes).unwrap();
    assert_eq!(para_text(paragraphs(&doc.body)[0]), "x");
    let mut bytes = b"{\\rtf1 ".to_vec();
    for _ in 0..200_000 {
        bytes.extend(b"{\\footnote {\\*\\x y}");
    }
    assert!(read(&bytes).is_ok());
}

#[test]
fn ngoặc_không_cân_đối() {
    let doc = read(&fixture("unbalanced-close.rtf")).unwrap();
    let texts: Vec<String> = paragraphs(&doc.body).iter().map(|p| para_text(p)).collect();
    assert_eq!(texts, vec!["before", " after"]);
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.code == "decode.rtf.unbalanced"));

    let doc = read(&fixture("unbalanced-open.rtf")).unwrap();
    let texts: Vec<String> = paragraphs(&doc.body).iter().map(|p| para_text(p)).collect();
    assert_eq!(texts, vec![" open  groups never closed ", "tail"]);
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.code == "decode.rtf.unbalanced"));
}

#[test]
fn không_phải_rtf() {
    for bytes in [&b""[..], b"hello", b"{\\rt", b"{rtf1}", b"\xEF\xBB\xBF"] {
        assert_eq!(
            read(bytes).unwrap_err().code(),
            ErrorCode::CorruptFile,
            "{bytes:?}"
        );
    }
    assert!(read(b"\xEF\xBB\xBF \r\n{\\rtf1 ok}").is_ok());
}

#[test]
fn đầu_vào_độc_hại_không_panic() {
    let sample = fixture("sample.rtf");
    for cut in 0..sample.len() {
        let _ = read(&sample[..cut]);
    }
    // Deterministic pseudo-random mutations and token soup.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let tokens: [&[u8]; 24] = [
        b"{",
        b"}",
        b"\\",
        b"\\'",
        b"\\'zz",
        b"\\'e1",
        b"\\u-1",
        b"\\u55357\\u56832",
        b"\\uc99999",
        b"\\bin99999",
        b"\\bin-5",
        b"\\par",
        b"\\cell",
        b"\\row",
        b"\\intbl",
        b"\\footnote",
        b"\\*",
        b"\\fonttbl",
        b"\\f99999999999",
        b"\\listtext",
        b"\\header",
        b"\\shptxt",
        b"\\upr",
        b"x",
    ];
    for _ in 0..300 {
        let mut bytes = b"{\\rtf1".to_vec();
        for _ in 0..(next() % 400) {
            bytes.extend(tokens[(next() % tokens.len() as u64) as usize]);
        }
        let _ = read(&bytes);
        let mut m = sample.clone();
        for _ in 0..8 {
            let i = (next() % m.len() as u64) as usize;
            m[i] = next() as u8;
        }
        let _ = read(&m);
    }
}

// ---------------------------------------------------------------------------------------------
// The real TCVN3 corpus.

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/legacy")
}

/// Windows-1252 character → TCVN3 letter, from /work/shared/data/tcvn3.tsv (ABC fonts only).
fn tcvn3_table() -> Option<HashMap<char, char>> {
    let tsv = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/tcvn3.tsv"),
    )
    .ok()?;
    let mut map = HashMap::new();
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 || cols[4] != "abc" {
            continue;
        }
        let byte = u8::from_str_radix(cols[0], 16).ok()?;
        let shown = cols[1].chars().next().unwrap_or(char::from(byte));
        if let Some(u) = cols[2].chars().next() {
            map.insert(shown, u);
        }
    }
    Some(map)
}

/// TCVN3 font names: `.VnTime`, `.VnTimeH`, `.VnArial`… and the dotless `VNTime` some files use.
fn is_tcvn3_font(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with(".vn") || (n.starts_with("vn") && !n.starts_with("vni"))
}

/// The document as text, `.Vn…` runs crudely re-read as TCVN3.
fn crude_text(doc: &ContainerDoc, table: &HashMap<char, char>) -> String {
    fn walk(blocks: &[Block], table: &HashMap<char, char>, out: &mut String) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => {
                    if let Some(l) = &p.label {
                        out.push_str(l);
                        out.push(' ');
                    }
                    for r in &p.runs {
                        if r.font.as_deref().is_some_and(is_tcvn3_font) {
                            out.extend(r.text.chars().map(|c| table.get(&c).copied().unwrap_or(c)));
                        } else {
                            out.push_str(&r.text);
                        }
                    }
                    out.push('\n');
                }
                Block::Table(t) => t
                    .rows
                    .iter()
                    .flatten()
                    .for_each(|c| walk(&c.blocks, table, out)),
            }
        }
    }
    let mut out = String::new();
    walk(&doc.body, table, &mut out);
    out
}

fn words(s: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in s
        .nfc()
        .collect::<String>()
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *m.entry(w.to_owned()).or_insert(0) += 1;
    }
    m
}

#[test]
fn kho_tcvn3_thật() {
    let dir = corpus_dir().join("corpus/public-domain/tcvn3");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("corpus not found at {}: skipped", dir.display());
        return;
    };
    let table = tcvn3_table().expect("tcvn3.tsv");
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rtf"))
        .collect();
    files.sort();
    assert!(files.len() >= 11, "{} rtf files", files.len());
    for path in &files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let doc = read(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let has_rows = bytes.windows(6).any(|w| w == b"\\trowd");
        let tables = doc
            .body
            .iter()
            .filter(|b| matches!(b, Block::Table(_)))
            .count();
        assert_eq!(has_rows, tables > 0, "{name}: {tables} tables");
        let mut fonts: Vec<&str> = Vec::new();
        fn collect<'a>(blocks: &'a [Block], fonts: &mut Vec<&'a str>) {
            for b in blocks {
                match b {
                    Block::Paragraph(p) => {
                        fonts.extend(p.runs.iter().filter_map(|r| r.font.as_deref()))
                    }
                    Block::Table(t) => t
                        .rows
                        .iter()
                        .flatten()
                        .for_each(|c| collect(&c.blocks, fonts)),
                }
            }
        }
        collect(&doc.body, &mut fonts);
        assert!(
            fonts.iter().any(|f| is_tcvn3_font(f)),
            "{name}: no TCVN3 font"
        );

        let plain = crude_text(&doc, &table);
        assert!(
            plain.contains("ngày") || plain.contains("Ngày"),
            "{name}: no 'ngày' after a TCVN3 re-read"
        );
        let Ok(truth) = std::fs::read_to_string(
            corpus_dir()
                .join("ground-truth")
                .join(format!("{name}.txt")),
        ) else {
            continue;
        };
        let (want, got) = (words(&truth), words(&plain));
        let total: usize = want.values().sum();
        let found: usize = want
            .iter()
            .map(|(w, n)| (*n).min(got.get(w).copied().unwrap_or(0)))
            .sum();
        let recall = found as f64 / total.max(1) as f64;
        let got_total: usize = got.values().sum();
        let precision = found as f64 / got_total.max(1) as f64;
        eprintln!(
            "{name}: {} blocks, {tables} tables, word recall {recall:.3}, precision {precision:.3}",
            doc.body.len()
        );
        assert!(
            recall > 0.98 && precision > 0.98,
            "{name}: recall {recall:.3}, precision {precision:.3}"
        );
    }
}
