//! A document mixing TCVN3 (.VnTime), VNI (VNI-Times) and Unicode runs in one paragraph — as old
//! documents edited over the years do — comes out as one clean Unicode text, from the RTF we wrote
//! and from the Word 97 .doc LibreOffice made of it (tests/fixtures/containers/make_mixed_doc.py).
//! The .doc also checks the TCVN3 "ư" code (0xAD, the soft-hyphen code point) saved by the
//! converter as Word's optional hyphen.
#![cfg(not(target_arch = "wasm32"))]

use baocao::{Input, Options};
use std::path::Path;

const WANT: &str = "Báo cáo kết quả thực hiện nhiệm vụ năm 2023 Ủy ban nhân dân huyện Tháp Mười đạt 103,4% kế hoạch\nTổng sản lượng lương thực tăng so với cùng kỳ năm trước và vượt chỉ tiêu đề ra\n";

#[test]
fn văn_bản_trộn_tcvn3_vni_unicode() {
    for name in ["mixed-encoding.rtf", "mixed-encoding.doc"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/containers").join(name);
        let bytes = std::fs::read(&path).unwrap();
        let r = baocao::parse(Input::Bytes(&bytes), &Options { name: None, text: true, ..Default::default() }).unwrap();
        assert_eq!(r.text.as_deref(), Some(WANT), "{name}");
        let conversions: Vec<&str> = r.diagnostics.iter().filter(|d| d.code == "decode.legacy.font").map(|d| d.message.as_str()).collect();
        assert!(conversions.iter().any(|m| m.contains("TCVN3")) && conversions.iter().any(|m| m.contains("VNI")), "{name}: {conversions:?}");
    }
}
