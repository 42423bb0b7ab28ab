//! The number and date grammar against an external reference: `tests/fixtures/icu-vi-vn-numbers-dates.tsv`
//! holds 260 numbers, percentages and dates as ICU/CLDR format them for vi-VN (Node `Intl`,
//! generated once with a seeded generator; see the file's header). Every one must read back to
//! its value, both through the number parser and through the whole pipeline (as a figure, or
//! as the date of a citation).
#![cfg(not(target_arch = "wasm32"))]

fn vectors() -> Vec<(String, String, String)> {
    let src = include_str!("fixtures/icu-vi-vn-numbers-dates.tsv");
    src.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("kind\t") && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[0].to_owned(), c[1].to_owned(), c[2].to_owned())
        })
        .collect()
}

fn parse(text: &str) -> serde_json::Value {
    let r = baocao::parse(baocao::Input::Text(text), &baocao::Options::default()).unwrap();
    serde_json::to_value(&r).unwrap()
}

#[test]
fn số_và_ngày_theo_icu_vi_vn() {
    let v = vectors();
    assert!(v.len() >= 250, "{} vectors", v.len());
    let mut bad = Vec::new();
    for (kind, printed, want) in &v {
        match kind.as_str() {
            "number" | "percent" => {
                let want: f64 = want.parse().unwrap();
                let num = printed.trim_end_matches('%');
                let got = baocao::extract::figures::parse_number(num, false);
                if got.is_none_or(|g| (g - want).abs() > 1e-9 * want.abs().max(1.0)) {
                    bad.push(format!("parse_number({printed}) = {got:?}, want {want}"));
                }
                let unit = if kind == "percent" { "" } else { " tấn" };
                let r = parse(&format!("Sản lượng đạt {printed}{unit}."));
                let got = r["figures"][0]["value"].as_f64();
                if got.is_none_or(|g| (g - want).abs() > 1e-9 * want.abs().max(1.0)) {
                    bad.push(format!("figure of {printed:?} = {got:?}, want {want}"));
                }
            }
            "date" => {
                let r = parse(&format!("Thực hiện Quyết định số 12/QĐ-UBND ngày {printed} của UBND tỉnh."));
                let got = r["citations"][0]["date"].as_str().unwrap_or("").to_owned();
                if &got != want {
                    bad.push(format!("date {printed:?} = {got:?}, want {want}"));
                }
            }
            other => panic!("unknown kind {other}"),
        }
    }
    assert!(bad.is_empty(), "{} of {} vectors wrong:\n{}", bad.len(), v.len(), bad.join("\n"));
}
