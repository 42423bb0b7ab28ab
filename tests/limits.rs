//! Every item limit of `src/limits.rs` trips with a clear diagnostic instead of cutting a list
//! silently (issue 9, SECURITY.md). Input-size and container limits are tripped where they are read:
//! `decode` (MAX_INPUT_BYTES), zip/docx (MAX_EXPANDED_BYTES, MAX_CONTAINER_ENTRIES), cfb, pdf, rtf
//! (MAX_NESTING) — see their tests.
#![cfg(not(target_arch = "wasm32"))]

use baocao::limits;
use baocao::{Input, Options, Report};

fn parse(text: &str) -> Report {
    baocao::parse(Input::Text(text), &Options::default()).expect("parses")
}

fn has(r: &Report, code: &str) -> bool {
    r.diagnostics.iter().any(|d| d.code == code)
}

/// Distinct capitalised names that stay distinct when folded: "Kaaa Xa", "Kaab Xa", …
fn names(n: usize) -> Vec<String> {
    let letter = |k: usize| char::from(b'a' + (k % 26) as u8);
    (0..n).map(|i| format!("K{}{}{} Xa", letter(i / 676), letter(i / 26), letter(i))).collect()
}

#[test]
fn quá_số_bảng_tối_đa_có_cảnh_báo() {
    let text = "| Chỉ tiêu | 1 |\n| Kết quả | 2 |\n\nĐoạn văn.\n\n".repeat(limits::MAX_TABLES + 1);
    let r = parse(&text);
    assert!(has(&r, "tables.tooMany"), "{:?}", r.diagnostics.iter().map(|d| &d.code).collect::<Vec<_>>());
}

#[test]
fn quá_số_số_liệu_tối_đa_có_cảnh_báo() {
    let text: String = (0..limits::MAX_FIGURES + 1).map(|i| format!("Diện tích lúa đạt {} ha.\n", 1000 + i)).collect();
    let r = parse(&text);
    assert_eq!(r.figures.len(), limits::MAX_FIGURES);
    assert!(has(&r, "figures.tooMany"));
    assert!(!has(&parse("Diện tích lúa đạt 1000 ha.\n"), "figures.tooMany"));
}

#[test]
fn quá_số_văn_bản_viện_dẫn_tối_đa_có_cảnh_báo() {
    let text: String = (0..limits::MAX_CITATIONS + 1).map(|i| format!("Căn cứ Quyết định số {}/QĐ-UBND của UBND tỉnh;\n", i + 1)).collect();
    let r = parse(&text);
    assert_eq!(r.citations.len(), limits::MAX_CITATIONS);
    assert!(has(&r, "citations.tooMany"));
}

#[test]
fn quá_số_địa_danh_tối_đa_có_cảnh_báo() {
    let text: String = names(limits::MAX_PLACES + 1).iter().map(|n| format!("Hỗ trợ xã {n} xây dựng nông thôn mới.\n")).collect();
    let r = parse(&text);
    assert_eq!(r.places.len(), limits::MAX_PLACES);
    assert!(has(&r, "places.tooMany"));
}

#[test]
fn quá_số_chú_thích_tối_đa_có_cảnh_báo() {
    let text: String = (0..limits::MAX_FOOTNOTES + 1).map(|i| format!("[{}: Theo số liệu thống kê.]\n", i % 9_999 + 1)).collect();
    let r = parse(&text);
    assert_eq!(r.footnotes.len(), limits::MAX_FOOTNOTES);
    assert!(has(&r, "footnotes.tooMany"));
}

#[test]
fn quá_số_mục_tối_đa_có_cảnh_báo() {
    let mut text = String::new();
    for g in 0..=limits::MAX_SECTIONS / 99 {
        text.push_str(&format!("PHỤ LỤC {}\n", g + 1));
        for k in 1..=99 {
            text.push_str(&format!("{k}. Nội dung\n"));
        }
    }
    let r = parse(&text);
    let sections: usize = r.outline.iter().map(|s| 1 + s.children.len()).sum();
    assert!(sections <= limits::MAX_SECTIONS, "{sections}");
    assert!(has(&r, "outline.tooMany"));
}

#[test]
fn quá_số_ghi_chú_phân_tích_tối_đa_có_cảnh_báo() {
    let text = "| [ | ] |\n| ¢ | ® |\n| { | } |\n\nĐoạn văn.\n\n".repeat(limits::MAX_DIAGNOSTICS + 10);
    let r = parse(&text);
    assert_eq!(r.diagnostics.len(), limits::MAX_DIAGNOSTICS);
    assert!(has(&r, "diagnostics.tooMany"));
}
