//! Parse options → what the caller wants in the Report. The same struct is read from the CLI flags
//! and from the JS `options` object (JSON), so both surfaces mean the same thing.

use serde::Deserialize;
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

/// Options of [`crate::parse`]. JS: `parse(input, { name: "a.docx", text: true })`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", tsify(rename = "ParseOptions"))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Options {
    /// File name reported in `source.name`; also a hint for the format (".docx", ".pdf").
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// Include the normalised `text` in the Report (CLI `--text`). Default false, as in the CLI.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub text: bool,
    /// Also render the exports (Markdown brief, figures CSV, citations CSV) into `exports`, as the
    /// page does for its download buttons. Default false.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub exports: bool,
}

impl Options {
    /// Reads options from a JSON object (`null` or `{}` = defaults); unknown keys are refused so
    /// a typo like `{ txt: true }` does not silently do nothing.
    pub fn from_json(json: &str) -> crate::Result<Options> {
        let trimmed = json.trim();
        if trimmed.is_empty() || trimmed == "null" {
            return Ok(Options::default());
        }
        serde_json::from_str(trimmed).map_err(|e| {
            crate::Error::new(
                crate::ErrorCode::InvalidOptions,
                format!("Tùy chọn không hợp lệ (invalid options): {e}"),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tùy_chọn_mặc_định_và_json() {
        assert_eq!(Options::from_json("null").unwrap(), Options::default());
        assert_eq!(Options::from_json("{}").unwrap(), Options::default());
        let o = Options::from_json(r#"{"name":"a.txt","text":true}"#).unwrap();
        assert_eq!(o.name.as_deref(), Some("a.txt"));
        assert!(o.text);
    }

    #[test]
    fn khóa_lạ_hoặc_sai_kiểu_bị_từ_chối() {
        assert_eq!(Options::from_json(r#"{"txt":true}"#).unwrap_err().code(), crate::ErrorCode::InvalidOptions);
        assert_eq!(Options::from_json(r#"{"text":"yes"}"#).unwrap_err().code(), crate::ErrorCode::InvalidOptions);
        assert_eq!(Options::from_json("[1]").unwrap_err().code(), crate::ErrorCode::InvalidOptions);
    }
}
