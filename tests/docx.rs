//! The .docx reader: fixtures made by `tests/fixtures/containers/make.py`, hostile zips and XML,
//! and the synthetic VNI documents of the legacy corpus (checked against their transcripts after
//! a crude VNI re-read done here, not in the reader).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use baocao::decode::container::{Block, ContainerDoc, Paragraph};
use baocao::decode::docx::read;
use baocao::decode::zip::crc32;
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

fn cell_texts(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => para_text(p),
            Block::Table(_) => "<table>".into(),
        })
        .collect()
}

/// A zip of stored entries (names and contents as given).
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let mut h = Vec::new();
        h.extend(20u16.to_le_bytes());
        h.extend(0u16.to_le_bytes());
        h.extend(0u16.to_le_bytes());
        h.extend([0u8; 4]);
        h.extend(crc32(data).to_le_bytes());
        h.extend((data.len() as u32).to_le_bytes());
        h.extend((data.len() as u32).to_le_bytes());
        h.extend((name.len() as u16).to_le_bytes());
        h.extend(0u16.to_le_bytes());
        out.extend(0x0403_4b50u32.to_le_bytes());
        out.extend(&h);
        out.extend(name.as_bytes());
        out.extend(*data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        central.extend(&h);
        central.extend([0u8; 6]); // comment length, disk, internal attributes
        central.extend([0u8; 4]); // external attributes
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let cd = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn document(body: &str) -> Vec<u8> {
    format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
        .into_bytes()
}

#[test]
fn công_văn_mẫu_đủ_các_phần() {
    let doc = read(&fixture("letterhead.docx")).unwrap();
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);

    // The two-column letterhead comes out as a table, cells in order.
    let Block::Table(t) = &doc.body[0] else {
        panic!("letterhead first: {:?}", doc.body[0])
    };
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0].len(), 2);
    assert_eq!(
        cell_texts(&t.rows[0][0].blocks),
        vec!["ỦY BAN NHÂN DÂN", "XÃ TÂN HÒA", "Số: 125/BC-UBND"]
    );
    assert_eq!(
        cell_texts(&t.rows[0][1].blocks),
        vec![
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Tân Hòa, ngày 15 tháng 6 năm 2024"
        ]
    );

    let body: Vec<&Paragraph> = paragraphs(&doc.body);
    let texts: Vec<String> = body.iter().map(|p| para_text(p)).collect();
    let labels: Vec<Option<&str>> = body.iter().map(|p| p.label.as_deref()).collect();
    assert_eq!(
        texts,
        vec![
            "BÁO CÁO",
            "KÕt qu¶ thùc hiÖn nhiÖm vô 6 th¸ng ®Çu n¨m",
            "KẾT QUẢ ĐẠT ĐƯỢC",
            "Kinh tế",
            "Nông nghiệp",
            "Dịch vụ",
            "Văn hóa",
            "Thu ngân sách đạt kế hoạch",
            "Chi đúng dự toán",
            "HẠN CHẾ",
            "Còn một số chỉ tiêu chưa đạt",
            "DỰ THẢO",
            "Trang 25 (xem phụ lục)",
            "Nơi nhận:",
        ]
    );
    // Style-applied numbering (heading 1 → I., II.), decimal with a letter sub-level, bullets.
    assert_eq!(
        labels,
        vec![
            None,
            None,
            Some("I."),
            Some("1."),
            Some("a)"),
            Some("b)"),
            Some("2."),
            Some("•"),
            Some("-"),
            Some("II."),
            None,
            None,
            None,
            None
        ]
    );
    assert_eq!(body[0].style.as_deref(), Some("Title"));
    assert_eq!(body[2].style.as_deref(), Some("heading 1"));
    // The font comes from the Normal style when the run names none: the TCVN3 paragraph.
    assert_eq!(body[1].runs.len(), 1);
    assert_eq!(body[1].runs[0].font.as_deref(), Some(".VnTime"));
    assert_eq!(body[0].runs[0].font.as_deref(), Some("Times New Roman"));

    // Footnote and endnote references, and the notes themselves.
    let fref = body[6].runs.iter().find(|r| r.note_ref.is_some()).unwrap();
    assert_eq!(fref.note_ref.as_deref(), Some("1"));
    assert!(fref.text.is_empty());
    let eref = body[10].runs.iter().find(|r| r.note_ref.is_some()).unwrap();
    assert_eq!(eref.note_ref.as_deref(), Some("e1"));
    let notes: Vec<(&str, Vec<String>)> = doc
        .notes
        .iter()
        .map(|n| (n.id.as_str(), cell_texts(&n.blocks)))
        .collect();
    assert_eq!(
        notes,
        vec![
            ("1", vec!["Số liệu đến ngày 31/5/2024.".to_owned()]),
            ("e1", vec!["Theo Nghị quyết số 12/NQ-HĐND.".to_owned()])
        ]
    );

    // Nested table inside the figures table.
    let Block::Table(t) = &doc.body[doc.body.len() - 2] else {
        panic!()
    };
    assert_eq!(t.rows.len(), 2);
    assert_eq!(
        cell_texts(&t.rows[0][0].blocks),
        vec!["Chỉ tiêu", "<table>", ""]
    );
    assert_eq!(cell_texts(&t.rows[1][1].blocks), vec!["105%"]);

    // Header and footer are furniture (the PAGE field's result kept, its code dropped).
    let furniture: Vec<String> = paragraphs(&doc.furniture)
        .iter()
        .map(|p| para_text(p))
        .collect();
    assert_eq!(furniture, vec!["UBND xã Tân Hòa - Báo cáo 6 tháng", "1"]);
}

#[test]
fn mã_hóa_cắt_cụt_bom_zip() {
    assert_eq!(
        read(&fixture("encrypted.docx")).unwrap_err().code(),
        ErrorCode::EncryptedFile
    );
    let e = read(&fixture("truncated.docx")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::CorruptFile);
    assert!(e.message().contains("cắt cụt"), "{}", e.message());

    // The bomb fixture expands to 8 MiB (under the real limit: it reads) and declares so.
    let bomb = fixture("bomb.docx");
    assert!(bomb.len() < 20_000);
    let doc = read(&bomb).unwrap();
    assert_eq!(para_text(paragraphs(&doc.body)[0]), "x");
    // Declaring 300 MB for document.xml (as an honest bomb does) is refused before inflating.
    let mut declared = bomb.clone();
    let name = b"word/document.xml";
    let mut patched = 0;
    for sig_at in 0..declared.len().saturating_sub(46) {
        let (sig, size_at, name_at) = match &declared[sig_at..sig_at + 4] {
            [0x50, 0x4b, 0x03, 0x04] => ("local", 22, 30),
            [0x50, 0x4b, 0x01, 0x02] => ("central", 24, 46),
            _ => continue,
        };
        if declared.get(sig_at + name_at..sig_at + name_at + name.len()) == Some(&name[..]) {
            declared[sig_at + size_at..sig_at + size_at + 4]
                .copy_from_slice(&300_000_000u32.to_le_bytes());
            patched += 1;
            let _ = sig;
        }
    }
    assert_eq!(patched, 2);
    let e = read(&declared).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InputTooLarge);
    assert!(e.message().contains("bom zip"), "{}", e.message());
}

#[test]
fn zip_và_xml_độc_hại() {
    // Not a Word document, or a Word package without its main part.
    let xlsx = zip(&[("xl/workbook.xml", b"<workbook/>")]);
    assert_eq!(
        read(&xlsx).unwrap_err().code(),
        ErrorCode::UnsupportedFormat
    );
    let rels = br#"<Relationships><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    assert_eq!(
        read(&zip(&[("_rels/.rels", rels)])).unwrap_err().code(),
        ErrorCode::CorruptFile
    );
    // Found through the relationship even under another name; case matters.
    let rels2 = String::from_utf8_lossy(rels).replace("word/document.xml", "word/main.xml");
    let d = document("<w:p><w:r><w:t>ok</w:t></w:r></w:p>");
    let doc = read(&zip(&[
        ("_rels/.rels", rels2.as_bytes()),
        ("word/main.xml", &d),
    ]))
    .unwrap();
    assert_eq!(para_text(paragraphs(&doc.body)[0]), "ok");
    assert!(read(&zip(&[("Word/Document.xml", &d)])).is_err());

    // Billion laughs: entities are never expanded.
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document {W}><w:body><w:p><w:r><w:t>a&lol3;b&amp;c</w:t></w:r></w:p></w:body></w:document>"#
    );
    let doc = read(&zip(&[("word/document.xml", laughs.as_bytes())])).unwrap();
    assert_eq!(para_text(paragraphs(&doc.body)[0]), "ab&c");

    // Deep nesting: bounded, no stack overflow, the shallow text kept.
    let deep = document(&format!(
        "<w:p><w:r><w:t>đầu</w:t></w:r></w:p>{}",
        "<w:tbl><w:tr><w:tc>".repeat(100_000)
    ));
    let doc = read(&zip(&[("word/document.xml", &deep)])).unwrap();
    assert_eq!(para_text(paragraphs(&doc.body)[0]), "đầu");
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.code == "decode.docx.nesting"));

    // Broken XML: what was read before the break is kept, with a diagnostic; nothing → error.
    let broken =
        document("<w:p><w:r><w:t>đầu</w:t></w:r></w:p><w:p><w:r><w:t>a</w:t></w:r></w:p attr=>");
    let doc = read(&zip(&[("word/document.xml", &broken)])).unwrap();
    assert_eq!(para_text(paragraphs(&doc.body)[0]), "đầu");
    assert_eq!(
        read(&zip(&[("word/document.xml", b"<<<&&&")]))
            .unwrap_err()
            .code(),
        ErrorCode::CorruptFile
    );

    // UTF-16 parts.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        String::from_utf8(document("<w:p><w:r><w:t>Tờ trình</w:t></w:r></w:p>"))
            .unwrap()
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let doc = read(&zip(&[("word/document.xml", &utf16)])).unwrap();
    assert_eq!(para_text(paragraphs(&doc.body)[0]), "Tờ trình");
}

#[test]
fn đầu_vào_hỏng_không_panic() {
    let good = fixture("letterhead.docx");
    for cut in 0..good.len() {
        let _ = read(&good[..cut]);
    }
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..500 {
        let mut m = good.clone();
        for _ in 0..(1 + next() % 4) {
            let i = (next() % m.len() as u64) as usize;
            m[i] = next() as u8;
        }
        let _ = read(&m);
    }
    // XML soup in a valid zip.
    let tags = [
        "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "x", "&amp;", "&#0;", "&#x110000;", "<w:tbl>", "</w:tbl>", "<w:tr>",
        "</w:tr>", "<w:tc>", "</w:tc>", "<w:fldChar w:fldCharType=\"begin\"/>", "<w:fldChar w:fldCharType=\"end\"/>",
        "<mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">", "</mc:AlternateContent>",
        "<w:txbxContent>", "</w:txbxContent>", "<w:footnoteReference w:id=\"1\"/>", "<w:numPr><w:numId w:val=\"1\"/></w:numPr>",
    ];
    for _ in 0..300 {
        let mut body = String::new();
        for _ in 0..(next() % 300) {
            body.push_str(tags[(next() % tags.len() as u64) as usize]);
        }
        let _ = read(&zip(&[("word/document.xml", &document(&body))]));
    }
}

// ---------------------------------------------------------------------------------------------
// The synthetic VNI documents of the legacy corpus.

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/legacy")
}

/// VNI sequences (as Windows-1252 text) → Unicode, longest first, from /work/shared/data/vni.tsv.
fn vni_table() -> Option<Vec<(String, String)>> {
    let tsv = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/vni.tsv"),
    )
    .ok()?;
    let mut pairs: Vec<(String, String)> = tsv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols.len() >= 3 && !cols[1].is_empty())
                .then(|| (cols[1].to_owned(), cols[2].to_owned()))
        })
        .collect();
    pairs.sort_by_key(|(k, _)| std::cmp::Reverse(k.chars().count()));
    Some(pairs)
}

fn crude_vni(s: &str, table: &[(String, String)]) -> String {
    let mut out = String::new();
    let mut rest = s;
    'outer: while !rest.is_empty() {
        for (k, v) in table {
            if let Some(r) = rest.strip_prefix(k.as_str()) {
                out.push_str(v);
                rest = r;
                continue 'outer;
            }
        }
        let c = rest.chars().next().unwrap();
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
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

fn body_text(doc: &ContainerDoc, table: &[(String, String)]) -> String {
    let mut out = String::new();
    for p in paragraphs(&doc.body) {
        for r in &p.runs {
            if r.font
                .as_deref()
                .is_some_and(|f| f.to_ascii_lowercase().starts_with("vni"))
            {
                out.push_str(&crude_vni(&r.text, table));
            } else {
                out.push_str(&r.text);
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn kho_vni_tổng_hợp() {
    let dir = corpus_dir().join("corpus/synthetic");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("corpus not found at {}: skipped", dir.display());
        return;
    };
    let table = vni_table().expect("vni.tsv");
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    files.sort();
    assert!(files.len() >= 12, "{} docx files", files.len());
    for path in &files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let doc = read(&std::fs::read(path).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(doc.diagnostics.is_empty(), "{name}: {:?}", doc.diagnostics);
        let paras = paragraphs(&doc.body);
        assert!(
            paras
                .iter()
                .flat_map(|p| &p.runs)
                .all(|r| r.font.as_deref() == Some("VNI-Times")),
            "{name}: fonts"
        );
        let Ok(truth) = std::fs::read_to_string(
            corpus_dir()
                .join("ground-truth-synthetic")
                .join(format!("{name}.txt")),
        ) else {
            continue;
        };
        assert_eq!(
            paras.len(),
            truth.lines().count(),
            "{name}: one paragraph per transcript line"
        );
        let plain = body_text(&doc, &table);
        let (want, got) = (words(&truth), words(&plain));
        let total: usize = want.values().sum();
        let found: usize = want
            .iter()
            .map(|(w, n)| (*n).min(got.get(w).copied().unwrap_or(0)))
            .sum();
        let recall = found as f64 / total.max(1) as f64;
        eprintln!(
            "{name}: {} paragraphs, word recall after a crude VNI re-read {recall:.3}",
            paras.len()
        );
        assert!(recall > 0.95, "{name}: recall {recall:.3}");
    }
}
