//! Golden whole-document snapshots: the full Report JSON (without `text`) of every seed report and
//! fixture, compared with `tests/golden/<file>.json`. Review diffs like code; regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test golden` after an intended change.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

#[test]
fn ảnh_chụp_toàn_văn_bản() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let golden_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut mismatches = Vec::new();
    let inputs: Vec<_> = common::seeds().into_iter().chain(common::fixtures()).chain(common::container_documents()).collect();
    for path in &inputs {
        let name = common::name(path);
        let bytes = std::fs::read(path).unwrap();
        let report = baocao::parse(baocao::Input::Bytes(&bytes), &baocao::Options { name: Some(name.clone()), text: false, ..Default::default() })
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = serde_json::to_string_pretty(&report).unwrap() + "\n";
        let file = golden_dir.join(format!("{name}.json"));
        if update {
            std::fs::write(&file, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&file) {
            Ok(want) if want == got => {}
            Ok(want) => {
                let line = want.lines().zip(got.lines()).position(|(a, b)| a != b).unwrap_or(0);
                mismatches.push(format!(
                    "{name}: differs from {} at line {}:\n  want: {}\n  got:  {}",
                    file.display(),
                    line + 1,
                    want.lines().nth(line).unwrap_or(""),
                    got.lines().nth(line).unwrap_or("")
                ));
            }
            Err(_) => mismatches.push(format!("{name}: no snapshot at {} (run with UPDATE_GOLDEN=1)", file.display())),
        }
    }
    assert!(mismatches.is_empty(), "\n{}", mismatches.join("\n"));
}
