//! Pathological input through the whole pipeline stays linear: 10,000 headings, 50 nested
//! markers, a 1 MB line, bracket soup for the footnote reader, a 1 MB table row.
#![cfg(not(target_arch = "wasm32"))]

use baocao::{Input, Options};
use std::time::{Duration, Instant};

fn parse_within(text: &str, limit: Duration) -> baocao::Report {
    let start = Instant::now();
    let r = baocao::parse(Input::Text(text), &Options::default()).expect("parses");
    let took = start.elapsed();
    assert!(took < limit, "took {took:?}");
    r
}

#[test]
fn mười_nghìn_mục() {
    let mut t = String::new();
    for g in 1..=100 {
        t.push_str(&format!("PHỤ LỤC {g}\n"));
        for k in 1..=99 {
            t.push_str(&format!("{k}. Nội dung {k}\n"));
        }
    }
    let r = parse_within(&t, Duration::from_secs(20));
    assert_eq!(r.outline.len(), 100);
    assert_eq!(r.outline.iter().map(|s| 1 + s.children.len()).sum::<usize>(), 10_000);
}

#[test]
fn năm_mươi_cấp_lồng_nhau() {
    let mut t = String::from("PHẦN I\nA. X\nI. X\n1. X\n");
    for k in 1..=50 {
        t.push_str(&format!("{}.1. X\n", vec!["1"; k].join(".")));
    }
    t.push_str("a) X\n- X:\n");
    let r = parse_within(&t, Duration::from_secs(10));
    assert_eq!(r.outline.len(), 1);
}

#[test]
fn một_dòng_1mb_và_ngoặc_vuông() {
    let mut t = String::from("I. KẾT QUẢ\n");
    t.push_str(&"1. ".repeat(350_000));
    t.push('\n');
    t.push_str(&"[1: [".repeat(200_000));
    t.push('\n');
    t.push_str(&"a | ".repeat(250_000));
    let r = parse_within(&t, Duration::from_secs(30));
    assert_eq!(r.outline.len(), 1);
}

/// One 1 MB paragraph of short sentences with 100,000 note marks: each key-point candidate used to
/// re-read its whole paragraph (quadratic: ~50 s in a debug build), and each note scanned every
/// mark for its anchor.
#[test]
fn một_đoạn_1mb_nhiều_câu_và_dấu_chú_thích() {
    let mut t = String::new();
    let mut i = 0;
    while t.len() < 1 << 20 {
        let n = i % 9_999 + 1;
        if i % 10 == 9 {
            t.push_str(&format!("[{n}: Theo số liệu của Cục Thống kê.] "));
        } else {
            // Long enough to be a key-point candidate (footnote bodies never are).
            t.push_str(&format!("Sản lượng lúa cả năm ước đạt 1.200 tấn, tăng 6,7%[footnoteRef:{n}]. "));
        }
        i += 1;
    }
    let r = parse_within(&t, Duration::from_secs(20));
    assert!(!r.summary.key_points.is_empty());
}
