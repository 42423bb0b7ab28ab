//! The number and date grammar against other libraries' own test suites (issue 6):
//! `tests/fixtures/external-vi-suites.tsv` holds the Vietnamese cases of dateparser, soe-vinorm,
//! g2p-hamster and vi-textmatch that a government report could write (numerals with Vietnamese
//! separators, scale words, money, percentages, units, dates, reporting periods), and the inputs
//! those suites say are not numbers or dates. Its header says where each case comes from, under
//! which licence, and which of the suites' cases were left out and why. Every case must read back
//! to the suite's value (converted to our semantics) through the number parser and the pipeline.
#![cfg(not(target_arch = "wasm32"))]

struct Case {
    kind: String,
    input: String,
    value: String,
    unit: String,
    source: String,
}

fn cases() -> Vec<Case> {
    let src = include_str!("fixtures/external-vi-suites.tsv");
    src.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("kind\t") && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert!(c.len() >= 5, "row with {} columns: {l:?}", c.len());
            Case { kind: c[0].to_owned(), input: c[1].to_owned(), value: c[2].to_owned(), unit: c[3].to_owned(), source: c[4].to_owned() }
        })
        .collect()
}

fn parse(text: &str) -> serde_json::Value {
    let r = baocao::parse(baocao::Input::Text(text), &baocao::Options::default()).unwrap();
    serde_json::to_value(&r).unwrap()
}

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-9 * want.abs().max(1.0)
}

/// The figure's quantity: a bare scale word as the unit ("1,59 triệu" before a noun the units
/// catalogue does not list) multiplies the value.
fn magnitude(f: &serde_json::Value) -> Option<f64> {
    let v = f["value"].as_f64()?;
    let scale = match f["unit"].as_str() {
        Some("nghìn") => 1e3,
        Some("triệu") => 1e6,
        Some("tỷ") => 1e9,
        _ => 1.0,
    };
    Some(v * scale)
}

/// "ngày " before a date that does not start with it, as a citation or a date line prints it.
fn with_ngay(date: &str) -> String {
    if date.starts_with("ngày") {
        date.to_owned()
    } else {
        format!("ngày {date}")
    }
}

fn citation_date(date: &str) -> Option<String> {
    let r = parse(&format!("Thực hiện Quyết định số 12/QĐ-UBND {} của UBND tỉnh.", with_ngay(date)));
    r["citations"][0]["date"].as_str().map(str::to_owned)
}

fn document_date(date: &str) -> Option<String> {
    let r = parse(&format!(
        "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH\nSố: 12/BC-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nNam Định, {}\nBÁO CÁO\nKết quả công tác\nNội dung.",
        with_ngay(date)
    ));
    r["metadata"]["date"].as_str().map(str::to_owned)
}

#[test]
fn số_và_ngày_theo_bộ_kiểm_thử_của_thư_viện_khác() {
    let v = cases();
    assert!(v.len() >= 70, "{} cases", v.len());
    let mut bad = Vec::new();
    for c in &v {
        let Case { kind, input, value, unit, source } = c;
        let at = format!("[{source}]");
        match kind.as_str() {
            "number" => {
                let want: f64 = value.parse().unwrap();
                let got = baocao::extract::figures::parse_number(input, false);
                if got.is_none_or(|g| !close(g, want)) {
                    bad.push(format!("parse_number({input:?}) = {got:?}, want {want} {at}"));
                }
                let r = parse(&format!("Sản lượng đạt {input} tấn."));
                let got = r["figures"][0]["value"].as_f64();
                if got.is_none_or(|g| !close(g, want)) {
                    bad.push(format!("figure of \"Sản lượng đạt {input} tấn.\" = {got:?}, want {want} {at}"));
                }
            }
            "figure" => {
                let want: f64 = value.parse().unwrap();
                let r = parse(input);
                let figs = r["figures"].as_array().cloned().unwrap_or_default();
                let hit = figs.iter().find(|f| magnitude(f).is_some_and(|g| close(g, want)) && (unit.is_empty() || f["unit"].as_str() == Some(unit)));
                match hit {
                    None => {
                        let seen: Vec<String> = figs.iter().map(|f| format!("{} {}", f["value"], f["unit"])).collect();
                        bad.push(format!("{input:?}: no figure {want} {unit}; figures: [{}] {at}", seen.join(", ")));
                    }
                    Some(f) if unit.starts_with("đồng") && !f["valueDong"].as_f64().is_some_and(|d| close(d, want)) => {
                        bad.push(format!("{input:?}: valueDong {}, want {want} {at}", f["valueDong"]));
                    }
                    Some(_) => {}
                }
            }
            "date" => {
                for (context, got) in [("citation", citation_date(input)), ("document date", document_date(input))] {
                    if got.as_deref() != Some(value.as_str()) {
                        bad.push(format!("{context} {input:?} = {got:?}, want {value} {at}"));
                    }
                }
            }
            "period" => {
                let r = parse(&format!("BÁO CÁO\nTình hình kinh tế - xã hội {input}\nNội dung."));
                let p = &r["metadata"]["period"];
                let got = format!("{}/{}", p["from"].as_str().unwrap_or("?"), p["to"].as_str().unwrap_or("?"));
                if &got != value {
                    bad.push(format!("period of subject \"… {input}\" = {got}, want {value} {at}"));
                }
            }
            "not-number" => {
                let got = baocao::extract::figures::parse_number(input, false);
                if got.is_some() {
                    bad.push(format!("parse_number({input:?}) = {got:?}, want none {at}"));
                }
                let r = parse(&format!("Sản lượng đạt {input} tấn."));
                if let Some(figs) = r["figures"].as_array().filter(|f| !f.is_empty()) {
                    let seen: Vec<String> = figs.iter().map(|f| format!("{} {}", f["value"], f["unit"])).collect();
                    bad.push(format!("\"Sản lượng đạt {input} tấn.\" has figures [{}], want none {at}", seen.join(", ")));
                }
            }
            "not-date" => {
                for (context, got) in [("citation", citation_date(input)), ("document date", document_date(input))] {
                    if got.is_some() {
                        bad.push(format!("{context} {input:?} = {got:?}, want none {at}"));
                    }
                }
            }
            other => panic!("unknown kind {other}"),
        }
    }
    assert!(bad.is_empty(), "{} wrong in {} cases:\n{}", bad.len(), v.len(), bad.join("\n"));
}
