//! Inputs shared by the integration tests: the seed reports next to the repo and our fixtures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `../shared/corpus/seeds/*.txt`, sorted. Panics if the corpus is missing: these tests must not
/// pass vacuously.
pub fn seeds() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("seed corpus {} missing: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    assert!(v.len() >= 5, "expected the 5 seed reports, found {}", v.len());
    v
}

/// `tests/fixtures/*.txt`, sorted.
pub fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

/// The file name of a path.
pub fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// Slices `text` by UTF-16 code units, as JavaScript's `text.slice(start, end)` does.
pub fn js_slice(text: &str, start: u32, end: u32) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).expect("span on a UTF-16 boundary")
}

/// Container documents for whole-document checks: our docx/rtf/pdf fixtures that parse, and two
/// real legacy files (a TCVN3 .doc and a TCVN3 .rtf) from the shared corpus.
pub fn container_documents() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let legacy = root.join("../shared/corpus/legacy/corpus/public-domain/tcvn3");
    let v = vec![
        root.join("tests/fixtures/containers/letterhead.docx"),
        root.join("tests/fixtures/containers/sample.rtf"),
        root.join("tests/fixtures/pdf/report.pdf"),
        root.join("tests/fixtures/pdf/xref-stream.pdf"),
        legacy.join("2004-NghiDinh114_2003.doc"),
        legacy.join("2003-A30.rtf"),
    ];
    for p in &v {
        assert!(p.exists(), "container document {} missing", p.display());
    }
    v
}
