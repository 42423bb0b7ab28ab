//! Decode: input bytes (or a JS/Rust string) → Unicode text, its container format and encoding,
//! plus an offset map back to the input bytes.
//!
//! Today: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM, or sniffed from NUL bytes), plain text,
//! Markdown and HTML recognised by shape. Containers whose readers have not landed yet (.docx,
//! .pdf, .doc, .rtf) are recognised by their magic bytes and refused with a clear
//! [`ErrorCode::UnsupportedFormat`]; binaries (images, executables) with [`ErrorCode::BinaryInput`].
//! Text that is not valid UTF-8 is decoded lossily with a warning, never dropped.

use crate::limits::MAX_INPUT_BYTES;
use crate::normalise::offset_map::OffsetMap;
use crate::report::{Diagnostic, Encoding, Format, Severity};
use crate::{Error, ErrorCode, Result};

/// What [`crate::parse`] reads.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// File contents: the format and encoding are detected.
    Bytes(&'a [u8]),
    /// Already-Unicode text (a paste, a JS string): only the format is detected.
    Text(&'a str),
}

impl Input<'_> {
    /// Size in bytes (UTF-8 length for text).
    pub fn len(&self) -> usize {
        match self {
            Input::Bytes(b) => b.len(),
            Input::Text(t) => t.len(),
        }
    }

    /// True when there is nothing to read.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The decoded text with what was learned about the input.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// Unicode text, not yet normalised.
    pub text: String,
    /// Container format.
    pub format: Format,
    /// Encoding the text was decoded from.
    pub encoding: Encoding,
    /// `text` byte offsets → input byte offsets.
    pub map: OffsetMap,
    /// Notes for the report (no spans: they concern the whole input).
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes `input`.
///
/// # Errors
/// [`ErrorCode::InputTooLarge`] past [`MAX_INPUT_BYTES`]; [`ErrorCode::UnsupportedFormat`] for a
/// container this version cannot read; [`ErrorCode::BinaryInput`] for bytes that are not text.
pub fn decode(input: Input<'_>) -> Result<Decoded> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(Error::new(
            ErrorCode::InputTooLarge,
            format!(
                "Tệp quá lớn: {} byte, giới hạn {} byte (input too large)",
                input.len(),
                MAX_INPUT_BYTES
            ),
        ));
    }
    match input {
        Input::Text(text) => Ok(text_decoded(text.to_owned(), Encoding::Utf8, OffsetMap::identity(text.len(), 0), Vec::new())),
        Input::Bytes(bytes) => decode_bytes(bytes),
    }
}

fn text_decoded(text: String, encoding: Encoding, map: OffsetMap, diagnostics: Vec<Diagnostic>) -> Decoded {
    let format = sniff_text_format(&text);
    Decoded { text, format, encoding, map, diagnostics }
}

fn decode_bytes(bytes: &[u8]) -> Result<Decoded> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(decode_utf8(rest, 3));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(decode_utf16(rest, 2, Endian::Little));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(decode_utf16(rest, 2, Endian::Big));
    }
    if let Some(container) = sniff_container(bytes) {
        return Err(container);
    }
    if let Some(endian) = sniff_utf16(bytes) {
        return Ok(decode_utf16(bytes, 0, endian));
    }
    if looks_binary(bytes) {
        return Err(Error::new(
            ErrorCode::BinaryInput,
            "Không phải văn bản: tệp chứa dữ liệu nhị phân (not text: binary data)",
        ));
    }
    Ok(decode_utf8(bytes, 0))
}

/// Recognises containers by their magic bytes. Readers for them belong to the input-layer work;
/// until they land, say exactly what the file is instead of decoding it as mojibake.
fn sniff_container(bytes: &[u8]) -> Option<Error> {
    let unsupported = |what: &str| {
        Some(Error::new(
            ErrorCode::UnsupportedFormat,
            format!("Chưa hỗ trợ định dạng {what} (unsupported format)"),
        ))
    };
    let binary = |what: &str| {
        Some(Error::new(ErrorCode::BinaryInput, format!("Không phải văn bản: {what} (not a document)")))
    };
    if bytes.starts_with(b"PK\x03\x04") {
        return unsupported(".docx/ZIP");
    }
    if bytes.starts_with(b"%PDF-") {
        return unsupported(".pdf");
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return unsupported(".doc (Word 97–2003)");
    }
    if bytes.starts_with(b"{\\rtf") {
        return unsupported(".rtf");
    }
    let images: [(&[u8], &str); 5] = [
        (b"\x89PNG", "ảnh PNG"),
        (b"\xFF\xD8\xFF", "ảnh JPEG"),
        (b"GIF8", "ảnh GIF"),
        (b"II*\x00", "ảnh TIFF"),
        (b"MM\x00*", "ảnh TIFF"),
    ];
    images.iter().find(|(magic, _)| bytes.starts_with(magic)).and_then(|(_, what)| binary(what))
}

#[derive(Debug, Clone, Copy)]
enum Endian {
    Little,
    Big,
}

/// UTF-16 without a BOM: Vietnamese text is mostly ASCII letters and spaces, whose high byte is 0.
fn sniff_utf16(bytes: &[u8]) -> Option<Endian> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if zero_odd * 10 >= pairs * 3 && zero_even * 20 < pairs {
        Some(Endian::Little)
    } else if zero_even * 10 >= pairs * 3 && zero_odd * 20 < pairs {
        Some(Endian::Big)
    } else {
        None
    }
}

/// Binary if it has NUL bytes or many control characters other than whitespace.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.is_empty() {
        return false;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x0B | 0x1A))
        .count();
    sample.contains(&0) || controls * 20 > sample.len()
}

fn decode_utf8(bytes: &[u8], shift: usize) -> Decoded {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text_decoded(text.to_owned(), Encoding::Utf8, OffsetMap::identity(text.len(), shift), Vec::new());
    }
    // Lossy: each invalid sequence becomes U+FFFD; record anchors so spans still map back.
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut map = OffsetMap::new();
    let mut pos = shift;
    let mut bad = 0usize;
    for chunk in bytes.utf8_chunks() {
        map.anchor(text.len(), pos);
        text.push_str(chunk.valid());
        pos += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            map.anchor(text.len(), pos);
            text.push('\u{FFFD}');
            pos += chunk.invalid().len();
            bad += 1;
        }
    }
    map.finish(text.len(), pos);
    let diagnostics = vec![Diagnostic {
        severity: Severity::Warning,
        code: "decode.encoding.unknown".into(),
        message: format!(
            "Không nhận ra bảng mã: {bad} chỗ không phải UTF-8 đã được thay bằng dấu �. \
             Nếu đây là văn bản TCVN3/VNI cũ, kết quả có thể sai."
        ),
        span: None,
    }];
    text_decoded(text, Encoding::Unknown, map, diagnostics)
}

fn decode_utf16(bytes: &[u8], shift: usize, endian: Endian) -> Decoded {
    let units = bytes.chunks_exact(2).map(|p| match endian {
        Endian::Little => u16::from_le_bytes([p[0], p[1]]),
        Endian::Big => u16::from_be_bytes([p[0], p[1]]),
    });
    let mut text = String::with_capacity(bytes.len() / 2 * 3);
    let mut map = OffsetMap::new();
    let mut pos = shift;
    let mut bad = 0usize;
    for r in char::decode_utf16(units) {
        map.anchor(text.len(), pos);
        match r {
            Ok(c) => {
                text.push(c);
                pos += c.len_utf16() * 2;
            }
            Err(_) => {
                text.push('\u{FFFD}');
                pos += 2;
                bad += 1;
            }
        }
    }
    let in_len = shift + bytes.len();
    map.finish(text.len(), in_len);
    let mut diagnostics = Vec::new();
    if bad > 0 || bytes.len() % 2 == 1 {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: "decode.utf16.invalid".into(),
            message: format!("Tệp UTF-16 có {} đơn vị mã không hợp lệ, đã thay bằng dấu �.", bad + bytes.len() % 2),
            span: None,
        });
    }
    let encoding = match endian {
        Endian::Little => Encoding::Utf16Le,
        Endian::Big => Encoding::Utf16Be,
    };
    text_decoded(text, encoding, map, diagnostics)
}

/// Markdown and HTML as users paste them; everything else is plain text.
fn sniff_text_format(text: &str) -> Format {
    let head: String = text.trim_start().chars().take(512).collect::<String>().to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Format::Html;
    }
    let mut markdown = 0;
    for line in text.lines().take(400) {
        let l = line.trim_start();
        let heading = l.starts_with('#') && l.trim_start_matches('#').starts_with(' ') && l.len() - l.trim_start_matches('#').len() <= 6;
        let table_rule = l.starts_with('|') && l.contains("---");
        if heading || table_rule {
            markdown += 1;
        }
    }
    if markdown >= 2 {
        Format::Markdown
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut v = if bom { vec![0xFF, 0xFE] } else { vec![] };
        v.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        v
    }

    #[test]
    fn utf8_có_bom_bỏ_bom_và_dịch_bản_đồ() {
        let d = decode(Input::Bytes("\u{FEFF}BÁO CÁO".as_bytes())).unwrap();
        assert_eq!(d.text, "BÁO CÁO");
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.map.to_input(0), 3);
    }

    #[test]
    fn utf16_le_có_và_không_có_bom() {
        for bom in [true, false] {
            let d = decode(Input::Bytes(&utf16le("Số: 7763/BC-UBND, ngày 09 tháng 11", bom))).unwrap();
            assert_eq!(d.text, "Số: 7763/BC-UBND, ngày 09 tháng 11");
            assert_eq!(d.encoding, Encoding::Utf16Le);
            // 'ố' is the 2nd UTF-16 unit; in UTF-8 it starts at byte 1.
            assert_eq!(d.map.to_input(1), if bom { 4 } else { 2 });
        }
    }

    #[test]
    fn utf16_be_có_bom() {
        let mut v = vec![0xFE, 0xFF];
        v.extend("Tờ trình".encode_utf16().flat_map(|u| u.to_be_bytes()));
        let d = decode(Input::Bytes(&v)).unwrap();
        assert_eq!(d.text, "Tờ trình");
        assert_eq!(d.encoding, Encoding::Utf16Be);
    }

    #[test]
    fn vùng_chứa_chưa_hỗ_trợ_báo_lỗi_rõ_ràng() {
        for (bytes, code) in [
            (&b"PK\x03\x04rest"[..], ErrorCode::UnsupportedFormat),
            (b"%PDF-1.7\n", ErrorCode::UnsupportedFormat),
            (b"{\\rtf1\\ansi", ErrorCode::UnsupportedFormat),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", ErrorCode::UnsupportedFormat),
            (b"\x89PNG\r\n\x1a\n", ErrorCode::BinaryInput),
            (b"\x7fELF\x02\x01\x01\x00\x00\x00", ErrorCode::BinaryInput),
        ] {
            assert_eq!(decode(Input::Bytes(bytes)).unwrap_err().code(), code, "{bytes:?}");
        }
    }

    #[test]
    fn utf8_hỏng_giải_mã_thay_thế_kèm_cảnh_báo() {
        let d = decode(Input::Bytes(b"B\xb8o c\xb8o")).unwrap();
        assert_eq!(d.text, "B\u{FFFD}o c\u{FFFD}o");
        assert_eq!(d.encoding, Encoding::Unknown);
        assert_eq!(d.diagnostics[0].code, "decode.encoding.unknown");
        // "o" after the first U+FFFD (output byte 4) comes from input byte 2.
        assert_eq!(d.map.to_input(4), 2);
    }

    #[test]
    fn quá_giới_hạn_kích_thước() {
        let big = vec![b'a'; MAX_INPUT_BYTES + 1];
        assert_eq!(decode(Input::Bytes(&big)).unwrap_err().code(), ErrorCode::InputTooLarge);
    }

    #[test]
    fn nhận_dạng_markdown_và_html() {
        assert_eq!(decode(Input::Text("# BÁO CÁO\n\n## I. KẾT QUẢ\n")).unwrap().format, Format::Markdown);
        assert_eq!(decode(Input::Text("<!DOCTYPE html><html>")).unwrap().format, Format::Html);
        assert_eq!(decode(Input::Text("BÁO CÁO\nI. KẾT QUẢ")).unwrap().format, Format::Text);
    }
}
