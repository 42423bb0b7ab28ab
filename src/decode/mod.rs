//! Decode: input bytes (or a JS/Rust string) → Unicode text, its container format and encoding,
//! plus an offset map back to the input bytes.
//!
//! Today: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM, or sniffed from NUL bytes), plain text,
//! Markdown and HTML recognised by shape. Containers whose readers have not landed yet (.docx,
//! .pdf, .doc, .rtf) are recognised by their magic bytes and refused with a clear
//! [`ErrorCode::UnsupportedFormat`]; binaries (images, executables) with [`ErrorCode::BinaryInput`].
//! Plain text in a legacy Vietnamese encoding is recognised by syllable scoring and converted
//! ([`legacy`]): 8-bit TCVN3/VNI/VISCII/VPS/Windows-1258 bytes, legacy text that went through a
//! Windows-1252 reading ("B¸o c¸o", a paste or a .txt saved as "Unicode"), and VIQR ("Ba'o ca'o").
//! Other text that is not valid UTF-8 is decoded lossily with a warning, never dropped.

pub mod cfb;
pub mod container;
pub mod flatten;
pub mod html;
pub mod markdown;
pub mod doc;
pub mod docx;
pub mod legacy;
pub mod pdf;
pub mod rtf;
pub mod zip;

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
        Input::Text(text) => {
            Ok(repair_plain(text_decoded(text.to_owned(), Encoding::Utf8, OffsetMap::identity(text.len(), 0), Vec::new())))
        }
        Input::Bytes(bytes) => decode_bytes(bytes),
    }
}

/// Text whose shape says HTML or Markdown goes through its reader (tags, emphasis and tables
/// resolved) and is flattened like a container; the map then points into the read text.
fn text_decoded(text: String, encoding: Encoding, map: OffsetMap, mut diagnostics: Vec<Diagnostic>) -> Decoded {
    let format = sniff_text_format(&text);
    let doc = match format {
        Format::Html => html::read(&text),
        Format::Markdown => markdown::read(&text),
        _ => return Decoded { text, format, encoding, map, diagnostics },
    };
    let flat = flatten::flatten(&doc);
    diagnostics.extend(flat.diagnostics);
    let encoding = if flat.encoding == Encoding::Utf8 { encoding } else { flat.encoding };
    Decoded { map: OffsetMap::identity(flat.text.len(), 0), text: flat.text, format, encoding, diagnostics }
}

fn decode_bytes(bytes: &[u8]) -> Result<Decoded> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(decode_utf8(rest, 3));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(repair_plain(decode_utf16(rest, 2, Endian::Little)));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(repair_plain(decode_utf16(rest, 2, Endian::Big)));
    }
    if let Some(kind) = sniff_container(bytes)? {
        return read_container(bytes, kind);
    }
    if let Some(endian) = sniff_utf16(bytes) {
        return Ok(repair_plain(decode_utf16(bytes, 0, endian)));
    }
    if looks_binary(bytes) {
        return Err(Error::new(
            ErrorCode::BinaryInput,
            "Không phải văn bản: tệp chứa dữ liệu nhị phân (not text: binary data)",
        ));
    }
    Ok(decode_utf8(bytes, 0))
}

/// Containers recognised by their magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    /// ZIP: .docx (other ZIP files are refused by the docx reader).
    Zip,
    /// `%PDF-`.
    Pdf,
    /// OLE2 compound file: .doc.
    Cfb,
    /// `{\rtf`.
    Rtf,
}

/// Recognises containers by their magic bytes; images and other binaries are refused here.
fn sniff_container(bytes: &[u8]) -> Result<Option<Container>> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(Some(Container::Zip));
    }
    // PDF allows up to 1 KB of junk before the header.
    if bytes.starts_with(b"%PDF-") || bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return Ok(Some(Container::Pdf));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Ok(Some(Container::Cfb));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Ok(Some(Container::Rtf));
    }
    let images: [(&[u8], &str); 5] = [
        (b"\x89PNG", "ảnh PNG"),
        (b"\xFF\xD8\xFF", "ảnh JPEG"),
        (b"GIF8", "ảnh GIF"),
        (b"II*\x00", "ảnh TIFF"),
        (b"MM\x00*", "ảnh TIFF"),
    ];
    match images.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        Some((_, what)) => Err(Error::new(ErrorCode::BinaryInput, format!("Không phải văn bản: {what} (not a document)"))),
        None => Ok(None),
    }
}

/// Reads a container and flattens it to text. The offset map of a container's text points into
/// that text (its byte positions in the file are not meaningful to a reader of the text).
fn read_container(bytes: &[u8], kind: Container) -> Result<Decoded> {
    let (doc, format) = match kind {
        Container::Zip => (docx::read(bytes)?, Format::Docx),
        Container::Pdf => (pdf::read(bytes)?, Format::Pdf),
        Container::Cfb => (doc::read(bytes)?, Format::Doc),
        Container::Rtf => (rtf::read(bytes)?, Format::Rtf),
    };
    let flat = flatten::flatten(&doc);
    Ok(Decoded {
        map: OffsetMap::identity(flat.text.len(), 0),
        text: flat.text,
        format,
        encoding: flat.encoding,
        diagnostics: flat.diagnostics,
    })
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
        return repair_plain(text_decoded(text.to_owned(), Encoding::Utf8, OffsetMap::identity(text.len(), shift), Vec::new()));
    }
    // 8-bit legacy Vietnamese (TCVN3, VNI, VISCII, VPS, Windows-1258), recognised by scoring;
    // UTF-8 with a few damaged bytes stays UTF-8.
    if let Some((enc, confidence)) = (!mostly_utf8(bytes)).then(|| legacy::detect_bytes(bytes)).flatten() {
        let (text, map) = legacy::decode_bytes_at(bytes, enc, shift);
        let name = legacy::display_name(enc);
        let diagnostics = vec![legacy_diagnostic(
            enc,
            format!("Tệp dùng bảng mã cũ {name}; đã chuyển sang Unicode (độ tin cậy {}%).", percent(confidence)),
        )];
        return text_decoded(text, enc, map, diagnostics);
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
    // The valid parts may still be legacy text read as Windows-1252 ("B¸o c¸o"), as in valid UTF-8.
    repair_plain(text_decoded(text, Encoding::Unknown, map, diagnostics))
}

/// UTF-8 with damage: its multi-byte sequences are mostly valid (8-bit legacy text almost never
/// forms valid UTF-8 sequences). Looks at the first 64 KB.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in sample.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    valid >= 8 && valid >= invalid * 4
}

/// 0..1 → whole percent (integer formatting: no float formatting code in the wasm module).
fn percent(x: f64) -> u32 {
    (x.clamp(0.0, 1.0) * 100.0).round() as u32
}

/// An info note saying what legacy text was converted (code `decode.legacy.<encoding>`).
fn legacy_diagnostic(enc: Encoding, message: String) -> Diagnostic {
    Diagnostic { severity: Severity::Info, code: format!("decode.legacy.{}", legacy::code_name(enc)), message, span: None }
}

/// Plain text that is legacy text in disguise: VIQR mnemonics ("Ba'o ca'o"), or legacy bytes that
/// went through a Windows-1252 reading (a paste from an old TCVN3 document, a .txt saved as
/// "Unicode" from one: "B¸o c¸o kÕt qu¶"). Text that is right as it is comes back untouched.
fn repair_plain(d: Decoded) -> Decoded {
    if let Some((text, map)) = legacy::decode_viqr_mapped(&d.text) {
        let message = "Văn bản viết kiểu VIQR (dấu gõ bằng ký tự ASCII, kiểu “Ba'o ca'o”); đã chuyển sang Unicode có dấu.".to_owned();
        return replace_text(d, text, &map, Encoding::Viqr, message);
    }
    if let Some((enc, confidence)) = legacy::detect_reread(&d.text) {
        let (text, map, lines) = legacy::reread_lines(&d.text, enc);
        if lines > 0 {
            let example = match enc {
                Encoding::Tcvn3 => " (kiểu “B¸o c¸o”)",
                Encoding::Vni => " (kiểu “Baùo caùo”)",
                _ => "",
            };
            let message = format!(
                "Văn bản chứa chữ mã {}{example} bị đọc như Windows-1252; đã chuyển {lines} dòng sang Unicode (độ tin cậy {}%).",
                legacy::display_name(enc),
                percent(confidence)
            );
            return replace_text(d, text, &map, enc, message);
        }
    }
    d
}

/// `d` with its text replaced by `text`, whose map `inner` points into `d.text`: the new map goes
/// straight to the input bytes.
fn replace_text(d: Decoded, text: String, inner: &OffsetMap, encoding: Encoding, message: String) -> Decoded {
    let mut map = OffsetMap::new();
    for (k, _) in text.char_indices() {
        map.anchor(k, d.map.to_input(inner.to_input(k)));
    }
    map.finish(text.len(), d.map.to_input(d.text.len()));
    let mut diagnostics = d.diagnostics;
    diagnostics.push(legacy_diagnostic(encoding, message));
    Decoded { text, format: d.format, encoding, map, diagnostics }
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
    fn vùng_chứa_hỏng_hoặc_nhị_phân_báo_lỗi_rõ_ràng() {
        for (bytes, code) in [
            (&b"PK\x03\x04rest"[..], ErrorCode::CorruptFile),
            (b"%PDF-1.7\n", ErrorCode::CorruptFile),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", ErrorCode::CorruptFile),
            (b"\x89PNG\r\n\x1a\n", ErrorCode::BinaryInput),
            (b"\x7fELF\x02\x01\x01\x00\x00\x00", ErrorCode::BinaryInput),
        ] {
            assert_eq!(decode(Input::Bytes(bytes)).unwrap_err().code(), code, "{bytes:?}");
        }
        // A minimal RTF is a (nearly empty) document, not an error.
        assert_eq!(decode(Input::Bytes(b"{\\rtf1\\ansi Xin ch\\'e0o}")).unwrap().format, Format::Rtf);
    }

    #[test]
    fn utf8_hỏng_giải_mã_thay_thế_kèm_cảnh_báo() {
        // Not Vietnamese in any legacy encoding: decoded lossily, with a warning.
        let d = decode(Input::Bytes(b"Caf\xe9 cr\xe8me")).unwrap();
        assert_eq!(d.text, "Caf\u{FFFD} cr\u{FFFD}me");
        assert_eq!(d.encoding, Encoding::Unknown);
        assert_eq!(d.diagnostics[0].code, "decode.encoding.unknown");
        // " " after the first U+FFFD (output byte 6) comes from input byte 4.
        assert_eq!(d.map.to_input(6), 4);
    }

    #[test]
    fn tcvn3_8_bit_được_nhận_ra_và_chuyển() {
        let d = decode(Input::Bytes(b"B\xb8o c\xb8o k\xd5t qu\xb6 th\xf9c hi\xd6n nhi\xd6m v\xf4 n\xa8m 2023")).unwrap();
        assert_eq!(d.text, "Báo cáo kết quả thực hiện nhiệm vụ năm 2023");
        assert_eq!(d.encoding, Encoding::Tcvn3);
        assert_eq!(d.diagnostics[0].code, "decode.legacy.tcvn3");
        assert_eq!(d.diagnostics[0].severity, Severity::Info);
        // "c" of "cáo" (output 5) ← input 4; after a BOM everything shifts by 3.
        assert_eq!(d.map.to_input(5), 4);
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(b"B\xb8o c\xb8o k\xd5t qu\xb6");
        let d = decode(Input::Bytes(&with_bom)).unwrap();
        assert_eq!((d.text.as_str(), d.map.to_input(5)), ("Báo cáo kết quả", 7));
    }

    #[test]
    fn vni_và_windows_1258_8_bit() {
        let d = decode(Input::Bytes(b"Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam")).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Cộng hòa xã hội chủ nghĩa Việt Nam", Encoding::Vni));
        let d = decode(Input::Bytes(b"C\xf4\xf2ng ho\xcca xa\xde h\xf4\xf2i chu\xd2 nghi\xdea Vi\xea\xf2t Nam")).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Cộng hòa xã hội chủ nghĩa Việt Nam", Encoding::Windows1258));
        assert_eq!(d.diagnostics[0].code, "decode.legacy.windows-1258");
    }

    #[test]
    fn văn_bản_tcvn3_đọc_qua_cp1252_được_đọc_lại() {
        let pasted = "Sè: 12/BC-UBND\nB¸o c¸o kÕt qu¶ thùc hiÖn nhiÖm vô n¨m 2023";
        for d in [decode(Input::Text(pasted)).unwrap(), decode(Input::Bytes(pasted.as_bytes())).unwrap()] {
            assert_eq!(d.text, "Số: 12/BC-UBND\nBáo cáo kết quả thực hiện nhiệm vụ năm 2023");
            assert_eq!(d.encoding, Encoding::Tcvn3);
            assert_eq!(d.diagnostics.last().unwrap().code, "decode.legacy.tcvn3");
            let k = d.text.find("Báo").unwrap();
            assert_eq!(d.map.to_input(k), pasted.find("B¸o").unwrap());
        }
        // A .txt saved as "Unicode" (UTF-16LE with BOM) from a TCVN3 document.
        let d = decode(Input::Bytes(&utf16le(pasted, true))).unwrap();
        assert_eq!(d.encoding, Encoding::Tcvn3);
        assert!(d.text.starts_with("Số: 12/BC-UBND\nBáo cáo"));
        assert_eq!(d.map.to_input(d.text.find("Báo").unwrap()), 2 + 2 * 15);
    }

    #[test]
    fn viqr_cả_văn_bản() {
        let d = decode(Input::Text("Ba'o ca'o ke^'t qua? thu+.c hie^.n nhie^.m vu. na(m 2023")).unwrap();
        assert_eq!(d.text, "Báo cáo kết quả thực hiện nhiệm vụ năm 2023");
        assert_eq!(d.encoding, Encoding::Viqr);
        assert_eq!(d.diagnostics[0].code, "decode.legacy.viqr");
        assert_eq!(d.map.to_input(d.text.find("cáo").unwrap()), 5);
    }

    #[test]
    fn văn_bản_đúng_không_bị_đụng() {
        for t in [
            "Báo cáo kết quả năm 2023 – Công ty ABC® © 2023… “trích dẫn” – đạt 98,7% kế hoạch.",
            "Có và là ® © – … đó",
            "The café served crème brûlée, “as usual” – naïve résumé… What? Don't.",
            "Số: 7763/BC-UBND\nBÁO CÁO\nKết quả năm 2023",
        ] {
            for d in [decode(Input::Text(t)).unwrap(), decode(Input::Bytes(t.as_bytes())).unwrap()] {
                assert_eq!(d.text, t);
                assert_eq!(d.encoding, Encoding::Utf8, "{t}");
                assert!(d.diagnostics.is_empty(), "{t}: {:?}", d.diagnostics);
            }
        }
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
