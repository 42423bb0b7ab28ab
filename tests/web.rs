//! The exported binding in real headless Chromium (wasm-bindgen-test-runner + Debian chromium):
//! a string and a Uint8Array in, a plain JSON-compatible Report object out, UTF-16 spans that
//! slice correctly in JS, and errors as JS `Error`s with a `code`.
#![cfg(target_arch = "wasm32")]

use baocao::wasm::{parse_js, version_js};
use js_sys::{Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |acc, k| Reflect::get(&acc, &JsValue::from_str(k)).unwrap())
}

fn options(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

const REPORT: &str = "UBND TỈNH ĐỒNG THÁP\nSố: 7763/BC-UBND\nTháp Mười, ngày 09 tháng 11 năm 2023\nBÁO CÁO\nKết quả công tác dân vận năm 2023 😀\nI. KẾT QUẢ ĐẠT ĐƯỢC\nNội dung.\nII. HẠN CHẾ\n";

#[wasm_bindgen_test]
fn chuỗi_vào_đối_tượng_báo_cáo_ra() {
    let r = parse_js(JsValue::from_str(REPORT), options(r#"{"name":"a.txt","text":true}"#)).unwrap();
    assert!(r.is_instance_of::<Object>());
    assert_eq!(get(&r, "schemaVersion").as_f64(), Some(1.0));
    assert_eq!(get(&r, "metadata.numberSymbol").as_string().as_deref(), Some("7763/BC-UBND"));
    assert_eq!(get(&r, "metadata.date").as_string().as_deref(), Some("2023-11-09"));
    assert_eq!(get(&r, "metadata.docType.name").as_string().as_deref(), Some("Báo cáo"));
    assert_eq!(get(&r, "source.name").as_string().as_deref(), Some("a.txt"));
    // Absent values are null, not undefined, and survive JSON.stringify.
    assert!(get(&r, "metadata.signature").is_null());
    let json = JSON::stringify(&r).unwrap().as_string().unwrap();
    assert!(json.contains("\"signature\":null"));
}

#[wasm_bindgen_test]
fn span_cắt_chuỗi_javascript_chính_xác() {
    let r = parse_js(JsValue::from_str(REPORT), options(r#"{"text":true}"#)).unwrap();
    let text: js_sys::JsString = get(&r, "text").unchecked_into();
    let outline: js_sys::Array = get(&r, "outline").unchecked_into();
    assert_eq!(outline.length(), 2);
    let second = outline.get(1);
    let (s, e) = (get(&second, "span.start").as_f64().unwrap(), get(&second, "span.end").as_f64().unwrap());
    // After an emoji (2 UTF-16 units) and many 1-unit Vietnamese letters.
    assert_eq!(String::from(text.slice(s as u32, e as u32)), "II. HẠN CHẾ");
    assert_eq!(get(&r, "source.chars").as_f64(), Some(f64::from(text.length())));
}

#[wasm_bindgen_test]
fn byte_utf16_vào_giống_chuỗi() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(REPORT.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let arr = Uint8Array::from(&bytes[..]);
    let r = parse_js(arr.into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&r, "source.encoding").as_string().as_deref(), Some("utf-16le"));
    assert_eq!(get(&r, "metadata.numberSymbol").as_string().as_deref(), Some("7763/BC-UBND"));
    assert!(get(&r, "text").is_null(), "text only when asked for");
}

#[wasm_bindgen_test]
fn lỗi_là_error_có_mã() {
    let cases: [(JsValue, JsValue, &str); 4] = [
        (Uint8Array::from(&b"%PDF-1.7\n"[..]).into(), JsValue::NULL, "CORRUPT_FILE"),
        (Uint8Array::from(&b"\x89PNG\r\n\x1a\n\0\0"[..]).into(), JsValue::NULL, "BINARY_INPUT"),
        (JsValue::from_f64(42.0), JsValue::NULL, "INVALID_INPUT"),
        (JsValue::from_str("x"), options(r#"{"txt":true}"#), "INVALID_OPTIONS"),
    ];
    for (input, opts, code) in cases {
        let err = parse_js(input, opts).unwrap_err();
        assert!(err.is_instance_of::<js_sys::Error>(), "{code}: an Error object");
        assert_eq!(get(&err, "code").as_string().as_deref(), Some(code));
        assert!(!get(&err, "message").as_string().unwrap().is_empty());
    }
}

#[wasm_bindgen_test]
fn phiên_bản() {
    assert_eq!(version_js(), env!("CARGO_PKG_VERSION"));
}
