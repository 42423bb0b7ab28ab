//! The CLI contract of SPEC.md: JSON for one file, JSON Lines in input order for several, stdin
//! with '-', exit 0/1/2 with a one-line message naming the file, never a panic trace.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn baocao(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    {
        let mut input = child.stdin.take().unwrap();
        if let Some(b) = stdin {
            input.write_all(b).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

fn stdout_json_lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(o.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

#[test]
fn một_tệp_một_json() {
    let seed = &common::seeds()[2];
    let o = baocao(&["parse", seed.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v = stdout_json_lines(&o);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["source"]["name"], common::name(seed));
    assert_eq!(v[0]["metadata"]["numberSymbol"], "7763/BC-UBND");
    assert_eq!(v[0]["text"], serde_json::Value::Null, "text only with --text");
}

#[test]
fn nhiều_tệp_json_lines_đúng_thứ_tự_và_có_text() {
    let seeds = common::seeds();
    let args: Vec<&str> = ["parse", "--text"].into_iter().chain(seeds.iter().rev().map(|p| p.to_str().unwrap())).collect();
    let o = baocao(&args, None);
    assert!(o.status.success());
    let v = stdout_json_lines(&o);
    let names: Vec<String> = v.iter().map(|r| r["source"]["name"].as_str().unwrap().to_owned()).collect();
    let want: Vec<String> = seeds.iter().rev().map(|p| common::name(p)).collect();
    assert_eq!(names, want);
    assert!(v.iter().all(|r| r["text"].as_str().is_some_and(|t| !t.is_empty())));
}

#[test]
fn đọc_từ_stdin() {
    let o = baocao(&["parse", "-"], Some("Số: 7/TTr-UBND\nTỜ TRÌNH\nVề việc thành lập tổ công tác".as_bytes()));
    assert!(o.status.success());
    let v = stdout_json_lines(&o);
    assert_eq!(v[0]["source"]["name"], serde_json::Value::Null);
    assert_eq!(v[0]["metadata"]["docType"]["code"], "TTr");
    assert_eq!(v[0]["metadata"]["subject"], "Về việc thành lập tổ công tác");
}

#[test]
fn tệp_không_đọc_được_thoát_1_và_vẫn_xử_lý_tệp_khác() {
    let dir = std::env::temp_dir().join(format!("baocao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("scan.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n%truncated before any object").unwrap();
    let seed = &common::seeds()[0];
    let o = baocao(&["parse", "/no/such/file.txt", pdf.to_str().unwrap(), seed.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "one line per failed file: {err}");
    assert!(lines[0].starts_with("baocao: /no/such/file.txt: cannot read:"), "{}", lines[0]);
    assert!(lines[1].contains("scan.pdf") && lines[1].contains("CORRUPT_FILE"), "{}", lines[1]);
    assert!(!err.contains("panicked"));
    assert_eq!(stdout_json_lines(&o).len(), 1, "the readable file is still parsed");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn sai_cách_dùng_thoát_2() {
    for args in [&[][..], &["parse"], &["frobnicate", "x"], &["parse", "--bogus", "x"], &["parse", "--format", "xml", "x"], &["parse", "--format"]] {
        let o = baocao(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("usage"), "{args:?} prints usage");
    }
}

#[test]
fn định_dạng_json_md_csv() {
    let seeds = common::seeds();
    let (a, b) = (seeds[0].to_str().unwrap().to_owned(), seeds[2].to_str().unwrap().to_owned());
    assert!(baocao(&["parse", "--format", "json", &a], None).status.success());
    assert!(baocao(&["parse", "--format=json", &a], None).status.success());

    // Markdown: a brief per file, starting with the headline of the JSON report.
    let json = stdout_json_lines(&baocao(&["parse", &b], None)).remove(0);
    let o = baocao(&["parse", "--format", "md", &a, &b], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = String::from_utf8(o.stdout).unwrap();
    assert_eq!(md.matches("\n---\n").count(), 1, "two briefs, one separator");
    assert!(md.contains(&format!("# {}", json["summary"]["headline"].as_str().unwrap())), "{md}");
    assert!(md.contains("## Ý chính"));

    // CSV: BOM, one header, rows of both files, CRLF; as many citation rows as citations.
    let o = baocao(&["parse", "--format=csv", "--table=citations", &a, &b], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    assert!(csv.starts_with("\u{FEFF}file,type,numberSymbol,"));
    let rows = csv.split("\r\n").filter(|l| !l.is_empty()).count() - 1;
    let n = |f: &str| stdout_json_lines(&baocao(&["parse", f], None))[0]["citations"].as_array().unwrap().len();
    assert_eq!(rows, n(&a) + n(&b));
    let o = baocao(&["parse", "--format", "csv", &a], None);
    assert!(String::from_utf8(o.stdout).unwrap().starts_with("\u{FEFF}file,section,what,value,unit"));

    // Misuse is a usage error.
    for args in [&["parse", "--format", "xml", &a][..], &["parse", "--table", "citations", &a], &["parse", "--format", "md", "--pretty", &a]] {
        assert_eq!(baocao(args, None).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn phiên_bản_và_trợ_giúp() {
    let v = baocao(&["--version"], None);
    assert!(v.status.success());
    assert_eq!(String::from_utf8(v.stdout).unwrap().trim(), format!("baocao {}", env!("CARGO_PKG_VERSION")));
    assert!(baocao(&["--help"], None).status.success());
}

#[test]
fn so_sánh_báo_cáo_từ_json_đã_lưu() {
    let dir = std::env::temp_dir().join(format!("baocao-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fig = |what: &str, value: f64, unit: &str| {
        serde_json::json!({"raw": format!("{value} {unit}"), "value": value, "unit": unit, "what": what,
            "period": null, "comparison": null, "sectionPath": [], "span": {"start": 0, "end": 1}})
    };
    let q2 = dir.join("q2.json");
    let q3 = dir.join("q3.json");
    std::fs::write(&q2, serde_json::json!({"source": {"name": "quy-2.docx"}, "figures": [fig("Thu ngân sách", 300.0, "tỷ đồng")]}).to_string()).unwrap();
    std::fs::write(&q3, serde_json::json!({"source": {"name": "quy-3.docx"}, "figures": [fig("thu ngan sach", 330.0, "tỷ đồng"), fig("Số hộ nghèo", 12.0, "hộ")]}).to_string()).unwrap();
    let (a, b) = (q2.to_str().unwrap(), q3.to_str().unwrap());

    let o = baocao(&["compare", a, b], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "\u{FEFF}what,unit,quy-2.docx,quy-3.docx,quy-3.docx (% thay đổi)\r\nThu ngân sách,tỷ đồng,300,330,10\r\nSố hộ nghèo,hộ,,12,\r\n"
    );
    let o = baocao(&["compare", "--format", "json", a, b], None);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rows"][1]["missingIn"], serde_json::json!([0]));
    assert_eq!(v["rows"][0]["changes"][1]["delta"], 30.0);

    // One file is not a comparison; a broken JSON names the file and exits 1.
    assert_eq!(baocao(&["compare", a], None).status.code(), Some(2));
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{").unwrap();
    let o = baocao(&["compare", a, bad.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.json"));
    let _ = std::fs::remove_dir_all(&dir);
}
