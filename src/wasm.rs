//! The JavaScript binding: one string/bytes + options object in → one plain Report object out.
//!
//! Thin on purpose (ruff/biome style): options arrive as JSON through `JSON.stringify`, the Report
//! leaves as the same JSON text the CLI prints (so CLI and wasm agree byte for byte) and is turned
//! into an object by `JSON.parse`. Errors cross as JS `Error`s with a `code` property. A panic —
//! a bug — is turned by the panic hook into an `Error` with code `INTERNAL` instead of a bare
//! `unreachable` trap, and the instance is scheduled for re-initialisation so the next call starts
//! from clean memory.

use crate::{ErrorCode, Input, Options};
use js_sys::{Reflect, Uint8Array, JSON};
use wasm_bindgen::prelude::*;

fn js_error(code: ErrorCode, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(code.as_str()));
    err.into()
}

fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            wasm_bindgen::handler::schedule_reinit();
            let msg = format!("Lỗi nội bộ của bộ phân tích (internal error): {info}");
            wasm_bindgen::throw_val(js_error(ErrorCode::Internal, &msg));
        }));
    });
}

/// Parses a document: `parse(input, { name, text })` → Report.
///
/// `input` is a string (already Unicode: a paste) or a `Uint8Array`/`ArrayBuffer` (file bytes:
/// format and encoding are detected). Throws an `Error` with `code` for unreadable input.
#[wasm_bindgen(js_name = parse, unchecked_return_type = "Report")]
pub fn parse_js(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseOptions | null")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let report = report_of(input, options)?;
    JSON::parse(&crate::to_json(&report))
}

/// Parses like [`parse_js`] and returns an export of the report as text: `"md"` (the Markdown
/// brief), `"csv-figures"` or `"csv-citations"` (UTF-8 CSV with BOM) — the same bytes as the CLI's
/// `--format md` / `--format csv [--table citations]` for one file.
#[wasm_bindgen(js_name = exportReport)]
pub fn export_js(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "'md' | 'csv-figures' | 'csv-citations'")] format: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "ParseOptions | null")] options: JsValue,
) -> Result<String, JsValue> {
    let table = match format {
        "md" => None,
        "csv-figures" => Some(crate::export::Table::Figures),
        "csv-citations" => Some(crate::export::Table::Citations),
        _ => {
            return Err(js_error(
                ErrorCode::InvalidOptions,
                "Định dạng xuất phải là 'md', 'csv-figures' hoặc 'csv-citations' (unknown export format)",
            ))
        }
    };
    let report = report_of(input, options)?;
    Ok(match table {
        None => crate::export::markdown(&report),
        Some(t) => crate::export::csv(&report, t),
    })
}

/// Aligns the figures of several reports: `compareReports([{ name, figures }, …])` → the table
/// (`reports`, `rows` with `values`, `changes`, `missingIn`), as `baocao compare --format json`.
/// With `format = 'csv'` the same table as CSV text (the CLI's default output).
#[wasm_bindgen(js_name = compareReports, unchecked_return_type = "ComparisonTable | string")]
pub fn compare_js(
    #[wasm_bindgen(unchecked_param_type = "CompareInput[]")] items: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "'json' | 'csv' | null")] format: JsValue,
) -> Result<JsValue, JsValue> {
    install_panic_hook();
    let bad = |detail: String| js_error(ErrorCode::InvalidInput, &format!("Danh sách báo cáo để so sánh không hợp lệ (invalid compare input): {detail}"));
    let json = JSON::stringify(&items).ok().and_then(|s| s.as_string()).ok_or_else(|| bad("not JSON data".into()))?;
    let inputs: Vec<crate::compare::CompareInput> = serde_json::from_str(&json).map_err(|e| bad(e.to_string()))?;
    let table = crate::compare::compare(&inputs);
    match format.as_string().as_deref() {
        Some("csv") => Ok(JsValue::from_str(&crate::compare::csv(&table))),
        None | Some("json") => JSON::parse(&serde_json::to_string(&table).map_err(|e| bad(e.to_string()))?),
        Some(other) => Err(js_error(ErrorCode::InvalidOptions, &format!("Định dạng '{other}' không hỗ trợ ('json' | 'csv')"))),
    }
}

/// The shared path of [`parse_js`] and [`export_js`]: JS input and options → Report.
fn report_of(input: JsValue, options: JsValue) -> Result<crate::Report, JsValue> {
    install_panic_hook();
    let options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        let json = JSON::stringify(&options)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| js_error(ErrorCode::InvalidOptions, "Tùy chọn không hợp lệ (invalid options)"))?;
        Options::from_json(&json).map_err(|e| js_error(e.code(), e.message()))?
    };
    let bytes;
    let text;
    let input = if let Some(s) = input.as_string() {
        text = s;
        Input::Text(&text)
    } else if input.is_instance_of::<Uint8Array>() {
        bytes = Uint8Array::from(input).to_vec();
        Input::Bytes(&bytes)
    } else if input.is_instance_of::<js_sys::ArrayBuffer>() {
        bytes = Uint8Array::new(&input).to_vec();
        Input::Bytes(&bytes)
    } else {
        return Err(js_error(
            ErrorCode::InvalidInput,
            "Đầu vào phải là chuỗi hoặc Uint8Array (input must be a string or a Uint8Array)",
        ));
    };
    crate::parse(input, &options).map_err(|e| js_error(e.code(), e.message()))
}

/// The library version.
#[wasm_bindgen(js_name = version)]
pub fn version_js() -> String {
    crate::VERSION.to_owned()
}

/// Test-only export (feature `panic-probe`, never in shipped builds): panics on purpose so the
/// tests can check that a panic reaches JS as an `Error` with code `INTERNAL` and that the next
/// call works on a fresh instance.
#[cfg(feature = "panic-probe")]
#[wasm_bindgen(js_name = __panicProbe)]
pub fn panic_probe() {
    install_panic_hook();
    panic!("panic probe");
}
