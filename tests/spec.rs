//! Spec examples: `tests/spec/*.md` hold prose explaining each rule and fenced `example` blocks:
//!
//! ````text
//! ```example
//! name: group/what-it-shows
//! error: BINARY_INPUT            (optional: the parse must fail with this code)
//! ---
//! input text
//! ---
//! {"expected": "JSON subset of the Report"}
//! ```
//! ````
//!
//! Only the keys an example states are compared (objects as subsets, arrays element by element
//! with the same length), so examples do not break when unrelated fields are added.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::path::Path;

struct Example {
    file: String,
    name: String,
    error: Option<String>,
    input: String,
    expected: Value,
}

fn examples() -> Vec<Example> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spec");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("tests/spec exists").filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let mut out = Vec::new();
    for path in files.iter().filter(|p| p.extension().is_some_and(|x| x == "md")) {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let src = std::fs::read_to_string(path).unwrap();
        let mut rest = src.as_str();
        while let Some(at) = rest.find("```example\n") {
            let body_start = at + "```example\n".len();
            let end = rest[body_start..].find("\n```").unwrap_or_else(|| panic!("{file}: unterminated example"));
            let body = &rest[body_start..body_start + end];
            rest = &rest[body_start + end + 4..];
            let parts: Vec<&str> = body.splitn(3, "\n---\n").collect();
            assert_eq!(parts.len(), 3, "{file}: example needs header --- input --- expected:\n{body}");
            let mut name = None;
            let mut error = None;
            for line in parts[0].lines() {
                match line.split_once(':') {
                    Some(("name", v)) => name = Some(v.trim().to_owned()),
                    Some(("error", v)) => error = Some(v.trim().to_owned()),
                    _ => panic!("{file}: unknown header line {line:?}"),
                }
            }
            let name = name.unwrap_or_else(|| panic!("{file}: example without name:\n{body}"));
            let expected: Value = serde_json::from_str(parts[2]).unwrap_or_else(|e| panic!("{file} {name}: bad JSON: {e}"));
            // Input lines ending in "⏎" keep their trailing spaces visible in the file.
            let input = parts[1].replace('⏎', "");
            out.push(Example { file: file.clone(), name, error, input, expected });
        }
    }
    out
}

/// Checks that `actual` contains `expected`; returns the path of the first difference.
fn subset(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let av = a.get(k).ok_or_else(|| format!("{path}.{k}: missing key"))?;
                subset(ev, av, &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!("{path}: {} items, expected {}: {}", a.len(), e.len(), actual));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                subset(ev, av, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Number(e), Value::Number(a)) if e.as_f64() == a.as_f64() => Ok(()),
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{path}: got {a}, expected {e}")),
    }
}

#[test]
fn spec_examples() {
    let all = examples();
    assert!(all.len() >= 20, "only {} spec examples found", all.len());
    let mut names = std::collections::HashSet::new();
    let mut failures = Vec::new();
    for ex in &all {
        assert!(names.insert(ex.name.clone()), "duplicate example name {}", ex.name);
        let result = baocao::parse(baocao::Input::Text(&ex.input), &baocao::Options { name: None, text: true, ..Default::default() });
        let outcome = match (&ex.error, result) {
            (Some(code), Err(e)) if e.code().as_str() == code => Ok(()),
            (Some(code), Err(e)) => Err(format!("error {} instead of {code}", e.code().as_str())),
            (Some(code), Ok(_)) => Err(format!("parsed, expected error {code}")),
            (None, Err(e)) => Err(format!("failed: {e}")),
            (None, Ok(report)) => {
                let actual = serde_json::to_value(&report).unwrap();
                subset(&ex.expected, &actual, "report")
            }
        };
        if let Err(why) = outcome {
            failures.push(format!("{} › {}: {why}", ex.file, ex.name));
        }
    }
    eprintln!("{} spec examples, {} failed", all.len(), failures.len());
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn so_khớp_tập_con_thật_sự_phát_hiện_khác_biệt() {
    // The comparison itself must be able to fail.
    let a: Value = serde_json::json!({"a": {"b": [1, 2]}, "c": "x"});
    assert!(subset(&serde_json::json!({"a": {"b": [1, 2]}}), &a, "r").is_ok());
    assert!(subset(&serde_json::json!({"a": {"b": [1]}}), &a, "r").is_err());
    assert!(subset(&serde_json::json!({"c": "y"}), &a, "r").is_err());
    assert!(subset(&serde_json::json!({"d": null}), &a, "r").is_err());
}
