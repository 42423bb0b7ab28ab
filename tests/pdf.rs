//! PDF reader: fixtures made by `tests/fixtures/pdf/make_fixtures.py`, the real TCVN3 PDFs of the
//! legacy corpus, and hostile inputs.

use baocao::decode::container::{Block, ContainerDoc, Paragraph};
use baocao::decode::pdf::read;
use baocao::ErrorCode;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn para_text(p: &Paragraph) -> String {
    p.runs.iter().map(|r| r.text.as_str()).collect()
}

/// Body as lines ("" for the empty paragraphs that mark block breaks); tables flattened.
fn body_lines(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.push(para_text(p)),
            Block::Table(t) => {
                for row in &t.rows {
                    for c in row {
                        out.extend(body_lines(&c.blocks));
                    }
                }
            }
        }
    }
    out
}

fn dump(doc: &ContainerDoc) -> String {
    let mut s = String::new();
    for b in &doc.body {
        if let Block::Paragraph(p) = b {
            s.push_str(&format!("[p{}] ", p.page.unwrap_or(0)));
            for r in &p.runs {
                match &r.note_ref {
                    Some(id) => s.push_str(&format!("<ref {id}>")),
                    None => s.push_str(&r.text),
                }
            }
            s.push('\n');
        }
    }
    s.push_str("--- furniture\n");
    for l in body_lines(&doc.furniture) {
        s.push_str(&l);
        s.push('\n');
    }
    s.push_str("--- notes\n");
    for n in &doc.notes {
        s.push_str(&format!(
            "{}: {}\n",
            n.id,
            body_lines(&n.blocks).join(" / ")
        ));
    }
    s.push_str("--- diagnostics\n");
    for d in &doc.diagnostics {
        s.push_str(&format!("{} {}\n", d.code, d.message));
    }
    s
}

/// Development aid: `PDF_DUMP=file.pdf cargo test --test pdf dump -- --nocapture --ignored`.
#[test]
#[ignore]
fn dump_file() {
    let path = std::env::var("PDF_DUMP").expect("PDF_DUMP");
    let bytes = std::fs::read(&path).unwrap();
    match read(&bytes) {
        Ok(doc) => print!("{}", dump(&doc)),
        Err(e) => println!("ERROR {:?}: {}", e.code(), e.message()),
    }
}

fn corpus_pdfs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/legacy/corpus");
    let mut out = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn not_a_pdf_is_corrupt() {
    for bytes in [&b"%PDF-1.4\nnothing here at all"[..], b"", b"%PDF-"] {
        let e = read(bytes).unwrap_err();
        assert_eq!(e.code(), ErrorCode::CorruptFile, "{bytes:?}");
    }
}

fn all_text(doc: &ContainerDoc) -> String {
    body_lines(&doc.body).join("\n")
}

// ------------------------------------------------------------------ the LibreOffice report

#[test]
fn report_letterhead_columns_are_not_interleaved() {
    let doc = read(&fixture("report.pdf")).unwrap();
    let lines = body_lines(&doc.body);
    let head: Vec<&str> = lines.iter().take(9).map(String::as_str).collect();
    assert_eq!(
        head,
        [
            "UBND TỈNH ĐỒNG THÁP",
            "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
            "Số: 125/BC-SKHĐT",
            "",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Đồng Tháp, ngày 09 tháng 11 năm 2023",
            "",
            "BÁO CÁO",
        ]
    );
    // Every body paragraph knows its page; the report has three.
    let pages: Vec<u32> = doc
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => p.page,
            _ => None,
        })
        .collect();
    assert_eq!(pages.first(), Some(&1));
    assert_eq!(pages.iter().max(), Some(&3));
    assert!(pages.windows(2).all(|w| w[0] <= w[1]), "pages in order");
}

#[test]
fn report_headings_and_body_text_in_reading_order() {
    let doc = read(&fixture("report.pdf")).unwrap();
    let text = all_text(&doc);
    let pos = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s:?} missing in\n{text}"))
    };
    let order = [
        "BÁO CÁO",
        "Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội quý III năm",
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "1. Về kinh tế",
        "ước đạt 6,85%",
        "thu ngân sách nhà nước đạt",
        "78.822 tỷ đồng, bằng 63,03% dự toán năm.",
        "2. Về văn hóa - xã hội",
        "II. HẠN CHẾ, KHÓ KHĂN",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2023",
        "kính báo cáo Ủy ban nhân dân tỉnh",
    ];
    for w in order.windows(2) {
        assert!(pos(w[0]) < pos(w[1]), "{:?} before {:?}", w[0], w[1]);
    }
    // Runs carry the font names without subset prefixes.
    let Block::Paragraph(p) = doc
        .body
        .iter()
        .find(|b| matches!(b, Block::Paragraph(p) if para_text(p).starts_with("BÁO CÁO")))
        .unwrap()
    else {
        unreachable!()
    };
    assert!(
        p.runs
            .iter()
            .all(|r| r.font.as_deref().is_some_and(|f| !f.contains('+'))),
        "{:?}",
        p.runs
    );
    // A block break (empty paragraph) between the subject and the first heading.
    let lines = body_lines(&doc.body);
    let i = lines
        .iter()
        .position(|l| l == "I. KẾT QUẢ ĐẠT ĐƯỢC")
        .unwrap();
    assert_eq!(lines[i - 1], "");
}

#[test]
fn report_page_numbers_and_running_header_are_furniture() {
    let doc = read(&fixture("report.pdf")).unwrap();
    let text = all_text(&doc);
    assert!(
        !text.contains("- 1 -") && !text.contains("- 2 -"),
        "page numbers in the body"
    );
    assert!(
        !text.contains("Báo cáo tình hình kinh tế - xã hội quý III năm 2023"),
        "running header in the body"
    );
    let furn = body_lines(&doc.furniture);
    for n in ["- 1 -", "- 2 -", "- 3 -"] {
        assert!(furn.iter().any(|l| l == n), "{n} not in furniture {furn:?}");
    }
    assert_eq!(
        furn.iter()
            .filter(|l| l.as_str() == "Báo cáo tình hình kinh tế - xã hội quý III năm 2023")
            .count(),
        3
    );
}

#[test]
fn report_footnote_is_a_note_with_its_reference() {
    let doc = read(&fixture("report.pdf")).unwrap();
    assert_eq!(doc.notes.len(), 1, "{:?}", doc.notes);
    assert_eq!(doc.notes[0].id, "1");
    assert_eq!(
        body_lines(&doc.notes[0].blocks),
        ["Theo số liệu của Cục Thống kê tỉnh Đồng Tháp, công bố ngày 05/10/2023."]
    );
    assert!(!all_text(&doc).contains("Theo số liệu của Cục Thống kê"));
    // "GRDP¹": the mark is its own run.
    let p = doc
        .body
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(p) if para_text(p).contains("(GRDP") => Some(p),
            _ => None,
        })
        .unwrap();
    let i = p
        .runs
        .iter()
        .position(|r| r.note_ref.is_some())
        .expect("a note_ref run");
    assert_eq!(p.runs[i].note_ref.as_deref(), Some("1"));
    assert_eq!(p.runs[i].text, "1");
    assert!(p.runs[i - 1].text.ends_with("(GRDP"));
    assert!(p.runs[i + 1].text.starts_with(")"));
}

#[test]
fn report_signature_block_columns() {
    let doc = read(&fixture("report.pdf")).unwrap();
    let lines = body_lines(&doc.body);
    let i = lines
        .iter()
        .position(|l| l == "Nơi nhận:")
        .expect("Nơi nhận");
    assert_eq!(
        &lines[i..],
        [
            "Nơi nhận:",
            "- UBND tỉnh (b/c);",
            "- Các sở, ngành tỉnh;",
            "- Lưu: VT, TH.",
            "",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Nguyễn Văn An"
        ]
    );
}

// ------------------------------------------------------------------ hand-made files

#[test]
fn type1_winansi_differences_tj_and_forms() {
    let doc = read(&fixture("type1-winansi.pdf")).unwrap();
    assert_eq!(
        body_lines(&doc.body),
        [
            "Báo cáo tình hình",
            "Đơn vị thực hiện",
            "Doanh thu tăng 12,5%",
            "Dòng một",
            "Dòng hai",
            "B¸o c¸o kÕt qu¶",
            "Trong biểu mẫu"
        ]
    );
    // The legacy font keeps its name (subset prefix stripped) and its cp1252 letters.
    let legacy = doc
        .body
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(p) if para_text(p) == "B¸o c¸o kÕt qu¶" => Some(p),
            _ => None,
        })
        .unwrap();
    assert_eq!(legacy.runs.len(), 1);
    assert_eq!(legacy.runs[0].font.as_deref(), Some(".VnTime"));
    assert_eq!(body_lines(&doc.furniture), ["- 1 -"]);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
}

#[test]
fn xref_stream_with_object_stream_and_predictor() {
    let doc = read(&fixture("xref-stream.pdf")).unwrap();
    assert_eq!(
        body_lines(&doc.body),
        ["Object streams and xref streams", "Second line"]
    );
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
}

#[test]
fn incremental_update_wins() {
    let doc = read(&fixture("incremental.pdf")).unwrap();
    assert_eq!(body_lines(&doc.body), ["New revision text"]);
}

#[test]
fn broken_xref_and_length_are_recovered() {
    let doc = read(&fixture("broken-xref.pdf")).unwrap();
    assert_eq!(body_lines(&doc.body), ["Recovered text"]);
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.code == "pdf.xref.recovered"),
        "{:?}",
        doc.diagnostics
    );
}

#[test]
fn scan_without_text_layer_is_a_warning() {
    let doc = read(&fixture("scan.pdf")).unwrap();
    assert!(doc.body.is_empty());
    let d = doc
        .diagnostics
        .iter()
        .find(|d| d.code == "pdf.noTextLayer")
        .expect("diagnostic");
    assert_eq!(d.severity, baocao::report::Severity::Warning);
    assert!(
        d.message.contains("OCR") && d.message.contains("ảnh quét"),
        "{}",
        d.message
    );
}

#[test]
fn encrypted_is_refused() {
    let e = read(&fixture("encrypted.pdf")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::EncryptedFile);
    assert!(e.message().contains("mã hóa"), "{}", e.message());
}

#[test]
fn garbage_and_truncated() {
    assert_eq!(
        read(&fixture("garbage.pdf")).unwrap_err().code(),
        ErrorCode::CorruptFile
    );
    // Cut inside the xref: the objects are found by scanning; the text is all there.
    let report = fixture("report.pdf");
    let cut = report
        .windows(5)
        .rposition(|w| w == b"\nxref")
        .expect("xref")
        + 40;
    let doc = read(&report[..cut]).unwrap();
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.code == "pdf.xref.recovered"));
    let full = read(&fixture("report.pdf")).unwrap();
    assert_eq!(body_lines(&doc.body), body_lines(&full.body));
    assert_eq!(doc.notes, full.notes);
    // Cut at 60 %: LibreOffice writes the page tree last, so no page is left.
    let e = read(&report[..report.len() * 6 / 10]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::CorruptFile);
}

// ------------------------------------------------------------------ hostile input

/// xorshift: deterministic mutations without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn mutated_fixtures_never_panic() {
    let names = [
        "type1-winansi.pdf",
        "xref-stream.pdf",
        "incremental.pdf",
        "broken-xref.pdf",
        "scan.pdf",
        "restricted.pdf",
        "restricted-aes256.pdf",
        "restricted-rc4.pdf",
        "report.pdf",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let tokens: [&[u8]; 12] = [
        b"<<",
        b">>",
        b"[",
        b"]",
        b"(",
        b")",
        b" 0 R ",
        b"999999999 ",
        b"-1 ",
        b"stream\n",
        b"endobj",
        b"/Length 5 0 R",
    ];
    for name in names {
        let base = fixture(name);
        // The AES-256 key derivation is slow in debug builds: fewer rounds there.
        let rounds = if base.len() > 20_000 {
            60
        } else if name.contains("aes256") {
            20
        } else {
            300
        };
        for round in 0..rounds {
            let mut m = base.clone();
            let edits = 1 + rng.below(8);
            for _ in 0..edits {
                let at = rng.below(m.len());
                match rng.below(5) {
                    0 => m[at] = rng.next() as u8,
                    1 => {
                        let t = tokens[rng.below(tokens.len())];
                        m.splice(at..at, t.iter().copied());
                    }
                    2 => {
                        let end = (at + 1 + rng.below(64)).min(m.len());
                        m.drain(at..end);
                    }
                    3 => m.truncate(at.max(9)),
                    _ => {
                        // Duplicate a slice (nested structures, repeated objects).
                        let end = (at + 1 + rng.below(256)).min(m.len());
                        let piece = m[at..end].to_vec();
                        m.splice(at..at, piece);
                    }
                }
            }
            let r = std::panic::catch_unwind(|| read(&m));
            assert!(r.is_ok(), "{name}: panic in round {round}");
        }
    }
}

#[test]
fn pathological_structures_are_bounded() {
    // Deep arrays/dicts, a page tree that is a cycle, a form that draws itself, a huge /N.
    let mut deep = b"%PDF-1.4\n1 0 obj\n".to_vec();
    deep.extend(std::iter::repeat_n(b'[', 200_000));
    deep.extend_from_slice(b"\nendobj\n");
    assert!(read(&deep).is_err());

    let cyclic = b"%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /Resources << /XObject << /X 4 0 R >> /Font << /F 5 0 R >> >> /Contents 6 0 R >> endobj
4 0 obj << /Type /XObject /Subtype /Form /Length 40 >> stream
BT /F 12 Tf 10 10 Td (loop) Tj ET /X Do
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
6 0 obj << /Length 7 0 R >> stream
/X Do /X Do /X Do
endstream endobj
7 0 obj 7 0 R endobj
trailer << /Root 1 0 R >>
";
    let doc = read(cyclic).unwrap();
    let t = all_text(&doc);
    assert!(t.contains("loop"), "{t}");
    assert!(t.len() < 10_000);

    // A stream that inflates to 8 MB of nothing.
    let bomb = vec![0u8; 8 << 20];
    let z = miniz_oxide::deflate::compress_to_vec_zlib(&bomb, 6);
    let mut pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] >> endobj\n3 0 obj << /Type /Page /Contents 4 0 R >> endobj\n".to_vec();
    pdf.extend_from_slice(
        format!(
            "4 0 obj << /Length {} /Filter /FlateDecode >> stream\n",
            z.len()
        )
        .as_bytes(),
    );
    pdf.extend_from_slice(&z);
    pdf.extend_from_slice(b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n");
    let doc = read(&pdf).unwrap();
    assert!(doc.body.is_empty());
}

// ------------------------------------------------------------------ the real TCVN3 PDFs

/// A crude TCVN3 re-read for scoring only (the real one is the legacy decoder's job): the cp1252
/// letters of runs in `.Vn…`/`Vn…` fonts through `shared/data/tcvn3.tsv` (VN3 rows), upper-cased
/// for the all-caps `…H` fonts.
fn tcvn3_reread(doc: &ContainerDoc) -> String {
    let tsv = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/tcvn3.tsv"),
    )
    .expect("tcvn3.tsv");
    let mut map = std::collections::HashMap::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 || f[4] == "vn1" {
            continue;
        }
        let Ok(b) = u8::from_str_radix(f[0], 16) else {
            continue;
        };
        if b >= 0xA0 {
            map.insert(b as char, f[2].to_string());
        }
    }
    let mut out = String::new();
    let mut blocks: Vec<&Block> = doc.body.iter().collect();
    blocks.extend(doc.furniture.iter());
    for b in blocks {
        if let Block::Paragraph(p) = b {
            for r in &p.runs {
                let font = r.font.as_deref().unwrap_or("");
                let bare = font.trim_start_matches('.');
                if bare.starts_with("Vn") || bare.starts_with("VN") {
                    let mut t: String = r
                        .text
                        .chars()
                        .map(|c| map.get(&c).cloned().unwrap_or_else(|| c.to_string()))
                        .collect();
                    let family = bare.split([',', '-']).next().unwrap_or("");
                    if family.ends_with('H')
                        || family.contains("HBold")
                        || family.contains("HItalic")
                    {
                        t = t.to_uppercase();
                    }
                    out.push_str(&t);
                } else {
                    out.push_str(&r.text);
                }
            }
            out.push('\n');
        }
    }
    out
}

fn tokens(s: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    s.nfc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

/// (recall, precision) of the transcript's tokens, as multisets.
fn token_scores(ours: &str, truth: &str) -> (f64, f64) {
    let mut bag: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    let t = tokens(truth);
    let o = tokens(ours);
    for w in &t {
        *bag.entry(w.clone()).or_default() += 1;
    }
    let mut hit = 0;
    for w in &o {
        if let Some(n) = bag.get_mut(w) {
            if *n > 0 {
                *n -= 1;
                hit += 1;
            }
        }
    }
    (
        hit as f64 / t.len().max(1) as f64,
        hit as f64 / o.len().max(1) as f64,
    )
}

#[test]
fn corpus_pdfs_token_accuracy() {
    let pdfs = corpus_pdfs();
    assert!(pdfs.len() >= 2, "legacy corpus PDFs missing");
    let truth_dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/legacy/ground-truth");
    for p in pdfs {
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        let Ok(truth) = std::fs::read_to_string(truth_dir.join(format!("{name}.txt"))) else {
            continue;
        };
        let doc = read(&std::fs::read(&p).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let ours = tcvn3_reread(&doc);
        let (recall, precision) = token_scores(&ours, &truth);
        println!("{name}: token recall {recall:.4}, precision {precision:.4}");
        assert!(
            recall >= 0.97 && precision >= 0.97,
            "{name}: recall {recall:.4} precision {precision:.4}"
        );
        // Text of the legacy fonts comes out as cp1252 letters, never as the Unicode the
        // glyph names suggest.
        assert!(
            !all_text(&doc).contains('\u{2212}'),
            "{name}: U+2212 left in a legacy run"
        );
    }
}

#[test]
fn restricted_file_without_user_password_is_read() {
    // AES-128, empty user password, copying not allowed: opens in any viewer, so we read it.
    let plain = read(&fixture("type1-winansi.pdf")).unwrap();
    for name in [
        "restricted.pdf",
        "restricted-aes256.pdf",
        "restricted-rc4.pdf",
    ] {
        let doc = read(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(body_lines(&doc.body), body_lines(&plain.body), "{name}");
        assert!(
            doc.diagnostics
                .iter()
                .any(|d| d.code == "pdf.encrypted.noPassword"),
            "{name}"
        );
    }
}
