//! .pdf (text layer) bytes → [`ContainerDoc`].
//!
//! Layers, each in its own module:
//! - `lexer`: tokens and objects;
//! - `file`: xref tables/streams, incremental updates, object streams, recovery scan;
//! - `filters`: Flate/LZW (+ predictors), ASCIIHex, ASCII85, RunLength;
//! - `font`, `glyphs`, `truetype`: fonts → Unicode (ToUnicode CMaps, encodings, glyph names,
//!   the embedded TrueType `cmap` of CID fonts without ToUnicode) and widths;
//! - `content`: content streams → positioned glyphs;
//! - `layout`: glyphs → lines in reading order, letterhead columns, paragraph gaps,
//!   page furniture (page numbers, running headers/footers) and footnotes.
//!
//! Encrypted files are read when they open without a password (RC4, AES-128, AES-256 with an
//! empty user password: `crypt`); others are refused with [`ErrorCode::EncryptedFile`].
//!
//! Text is kept as the fonts map it: legacy Vietnamese fonts (`.VnTime`, `VNI-Times`…) give their
//! stored codes as cp1252 letters for the legacy decoder, PDF glyph mix-ups (ƣ, ð) are left for
//! normalisation. Runs carry the `/BaseFont` name without its subset prefix.
//!
//! Not read: text drawn as vector paths or images (a scan gives an empty body and a
//! `pdf.noTextLayer` warning), glyphs of fonts without any Unicode information (dropped, with a
//! `pdf.font.noUnicode` warning), `/ActualText` replacements, annotations and form fields,
//! vertical writing (such glyphs are appended per page in drawing order).

mod content;
mod crypt;
mod file;
mod filters;
mod font;
mod glyphs;
mod layout;
mod lexer;
mod truetype;

use super::container::ContainerDoc;
use crate::limits::{MAX_CONTAINER_ENTRIES, MAX_NESTING};
use crate::report::{Diagnostic, Severity};
use crate::{Error, ErrorCode, Result};
use content::{Ctx, Matrix};
use lexer::{Dict, Obj};
use std::collections::HashSet;

/// Content-stream operators executed per input byte (plus a fixed allowance): bounds the work a
/// file can ask for through Form XObjects drawn many times.
pub const MAX_OPERATORS_PER_BYTE: usize = 64;

/// Content-stream operators always allowed, whatever the file size.
pub const MIN_OPERATORS: usize = 2_000_000;

/// Most glyphs recorded for a whole file (≈ 2,500 dense pages).
pub const MAX_GLYPHS: usize = 10_000_000;

/// A page to read: its content, resources and geometry.
struct PageRef {
    contents: Obj,
    resources: Dict,
    /// Upright page space: the initial matrix and the page size after `/Rotate`.
    ctm: Matrix,
    width: f64,
    height: f64,
}

/// Reads a pdf file.
///
/// # Errors
/// [`ErrorCode::CorruptFile`] when no object or page structure can be found;
/// [`ErrorCode::EncryptedFile`] for an encrypted (password-protected) file.
pub fn read(bytes: &[u8]) -> Result<ContainerDoc> {
    let corrupt = |why: &str| {
        Error::new(
            ErrorCode::CorruptFile,
            format!("Tệp PDF bị hỏng: {why} (corrupt PDF: {why})"),
        )
    };
    let Some(mut file) = file::File::open(bytes) else {
        return Err(corrupt("không tìm thấy đối tượng nào / no objects found"));
    };
    let mut diags: Vec<Diagnostic> = Vec::new();
    if let Some(enc) = file
        .trailer
        .get(b"Encrypt")
        .filter(|o| !matches!(o, Obj::Null))
        .cloned()
    {
        let enc_num = match enc {
            Obj::Ref(n, _) => Some(n),
            _ => None,
        };
        let dict = file.resolve(&enc).as_dict().cloned().unwrap_or_default();
        let id = file.trailer.get(b"ID").cloned().unwrap_or(Obj::Null);
        let id0 = match file.resolve(&id) {
            Obj::Array(a) => match a.first() {
                Some(Obj::Str(s)) => s.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        match crypt::Crypt::new(&dict, &id0) {
            Ok(c) => {
                file.set_crypt(c, enc_num);
                diags.push(diag(
                    Severity::Info,
                    "pdf.encrypted.noPassword",
                    "Tệp PDF được mã hóa nhưng mở được không cần mật khẩu (chỉ hạn chế quyền sao chép/in); đã đọc nội dung."
                        .into(),
                ));
            }
            Err(e) => {
                let why = match e {
                    crypt::CryptError::NeedsPassword => {
                        "cần mật khẩu để mở / a password is required"
                    }
                    crypt::CryptError::Unsupported => {
                        "kiểu mã hóa chưa hỗ trợ / unsupported encryption"
                    }
                };
                return Err(Error::new(
                    ErrorCode::EncryptedFile,
                    format!(
                        "Tệp PDF được mã hóa, không đọc được nội dung ({why}); hãy mở bằng trình đọc PDF và \
                         lưu/in ra bản không mã hóa (encrypted PDF)"
                    ),
                ));
            }
        }
    }
    let ops = MIN_OPERATORS.saturating_add(bytes.len().saturating_mul(MAX_OPERATORS_PER_BYTE));
    let mut ctx = Ctx::new(file, ops, MAX_GLYPHS);
    let mut pages = collect_pages(&mut ctx.file);
    if pages.is_empty() && !ctx.file.object_numbers().is_empty() {
        pages = scan_pages(&mut ctx.file);
    }
    if pages.is_empty() {
        return Err(corrupt("không tìm thấy trang nào / no pages found"));
    }
    if pages.len() >= MAX_CONTAINER_ENTRIES {
        diags.push(diag(
            Severity::Warning,
            "pdf.limit.pages",
            format!("Tệp có quá nhiều trang; chỉ đọc {MAX_CONTAINER_ENTRIES} trang đầu."),
        ));
    }
    let mut laid = Vec::with_capacity(pages.len());
    for (i, p) in pages.iter().enumerate() {
        let text = ctx.run_page(&p.contents, &p.resources, p.ctm);
        laid.push(layout::PageInput {
            number: i as u32 + 1,
            width: p.width,
            height: p.height,
            glyphs: text.glyphs,
            images: text.images,
        });
        if ctx.budget_hit {
            break;
        }
    }
    let doc = layout::build(laid, &ctx.font_names, &mut diags);
    // File-level diagnostics.
    if ctx.file.recovered || ctx.file.issues.contains(&file::Issue::Recovered) {
        diags.push(diag(
            Severity::Warning,
            "pdf.xref.recovered",
            "Bảng tham chiếu chéo (xref) của tệp PDF bị hỏng; đã dò lại các đối tượng, nội dung có thể thiếu.".into(),
        ));
    }
    let mut unsupported: Vec<String> = ctx.unsupported.clone();
    for i in &ctx.file.issues {
        if let file::Issue::UnsupportedFilter(n) = i {
            if !unsupported.contains(n) {
                unsupported.push(n.clone());
            }
        }
    }
    if !unsupported.is_empty() {
        diags.push(diag(
            Severity::Warning,
            "pdf.filter.unsupported",
            format!(
                "Bỏ qua luồng dữ liệu nén bằng bộ lọc chưa hỗ trợ: {}.",
                unsupported.join(", ")
            ),
        ));
    }
    if ctx.budget_hit || ctx.file.issues.contains(&file::Issue::Budget) {
        diags.push(diag(
            Severity::Warning,
            "pdf.limit.expanded",
            "Tệp PDF vượt giới hạn xử lý (dữ liệu giải nén hoặc số lệnh vẽ quá lớn); phần còn lại bị bỏ qua.".into(),
        ));
    }
    if ctx.file.issues.contains(&file::Issue::TooManyObjects) {
        diags.push(diag(
            Severity::Warning,
            "pdf.limit.objects",
            format!("Tệp PDF có quá {MAX_CONTAINER_ENTRIES} đối tượng; phần vượt quá bị bỏ qua."),
        ));
    }
    let mut no_unicode: Vec<String> = Vec::new();
    for f in &ctx.loaded_fonts {
        if f.unmapped.get() > 0 && !no_unicode.iter().any(|n| **n == *f.name) {
            no_unicode.push(f.name.to_string());
        }
    }
    if !no_unicode.is_empty() {
        diags.push(diag(
            Severity::Warning,
            "pdf.font.noUnicode",
            format!(
                "Phông chữ không có bảng mã Unicode (ToUnicode), một số ký tự không đọc được: {}.",
                no_unicode.join(", ")
            ),
        ));
    }
    let mut doc = doc;
    doc.diagnostics.extend(diags);
    Ok(doc)
}

pub(crate) fn diag(severity: Severity, code: &str, message: String) -> Diagnostic {
    Diagnostic {
        severity,
        code: code.into(),
        message,
        span: None,
    }
}

/// Walks the page tree (bounded depth, cycle-safe), inheriting Resources, MediaBox, CropBox, Rotate.
fn collect_pages(f: &mut file::File<'_>) -> Vec<PageRef> {
    let root = f.trailer.get(b"Root").cloned().unwrap_or(Obj::Null);
    let root = f.resolve(&root);
    let Some(cat) = root.as_dict() else {
        return Vec::new();
    };
    let top = cat.get(b"Pages").cloned().unwrap_or(Obj::Null);
    let mut out = Vec::new();
    let mut seen: HashSet<u32> = HashSet::new();
    // (node, inherited attributes, depth)
    let mut stack: Vec<(Obj, Inherited, usize)> = vec![(top, Inherited::default(), 0)];
    while let Some((node, inh, depth)) = stack.pop() {
        if out.len() >= MAX_CONTAINER_ENTRIES {
            break;
        }
        if let Obj::Ref(n, _) = node {
            if !seen.insert(n) {
                continue;
            }
        }
        let obj = f.resolve(&node);
        let Some(d) = obj.as_dict() else { continue };
        let inh = inh.update(f, d);
        let kids = f.dict_get(d, b"Kids");
        if let (Obj::Array(kids), false) = (&kids, d.is_name(b"Type", b"Page")) {
            if depth >= MAX_NESTING {
                continue;
            }
            for k in kids.iter().rev().take(MAX_CONTAINER_ENTRIES) {
                stack.push((k.clone(), inh.clone(), depth + 1));
            }
            continue;
        }
        out.push(page_ref(d, &inh));
    }
    out
}

/// Fallback when the tree is broken: every `/Type /Page` object, in object-number order.
fn scan_pages(f: &mut file::File<'_>) -> Vec<PageRef> {
    let mut out = Vec::new();
    for n in f.object_numbers() {
        let o = f.get(n);
        if let Some(d) = o.as_dict() {
            if d.is_name(b"Type", b"Page") {
                let inh = Inherited::default().update(f, d);
                out.push(page_ref(d, &inh));
                if out.len() >= MAX_CONTAINER_ENTRIES {
                    break;
                }
            }
        }
    }
    out
}

#[derive(Clone, Default)]
struct Inherited {
    resources: Option<Dict>,
    mediabox: Option<[f64; 4]>,
    cropbox: Option<[f64; 4]>,
    rotate: i64,
}

impl Inherited {
    fn update(mut self, f: &mut file::File<'_>, d: &Dict) -> Inherited {
        if let Obj::Dict(r) = f.dict_get(d, b"Resources") {
            self.resources = Some(r);
        }
        if let Some(b) = rect(f, d, b"MediaBox") {
            self.mediabox = Some(b);
        }
        if let Some(b) = rect(f, d, b"CropBox") {
            self.cropbox = Some(b);
        }
        if let Some(r) = f.dict_get(d, b"Rotate").as_i64() {
            self.rotate = r;
        }
        self
    }
}

fn rect(f: &mut file::File<'_>, d: &Dict, key: &[u8]) -> Option<[f64; 4]> {
    let Obj::Array(a) = f.dict_get(d, key) else {
        return None;
    };
    if a.len() < 4 {
        return None;
    }
    let v: Vec<f64> = a
        .iter()
        .take(4)
        .map(|o| f.resolve(o).as_f64().unwrap_or(0.0))
        .collect();
    let (x0, x1) = (v[0].min(v[2]), v[0].max(v[2]));
    let (y0, y1) = (v[1].min(v[3]), v[1].max(v[3]));
    (x1 - x0 > 1.0 && y1 - y0 > 1.0).then_some([x0, y0, x1, y1])
}

fn page_ref(d: &Dict, inh: &Inherited) -> PageRef {
    let contents = d.get(b"Contents").cloned().unwrap_or(Obj::Null);
    let b = inh
        .cropbox
        .or(inh.mediabox)
        .unwrap_or([0.0, 0.0, 595.0, 842.0]);
    let [x0, y0, x1, y1] = b;
    let (w, h) = (x1 - x0, y1 - y0);
    let (ctm, width, height) = match inh.rotate.rem_euclid(360) {
        90 => ([0.0, -1.0, 1.0, 0.0, -y0, x1], h, w),
        180 => ([-1.0, 0.0, 0.0, -1.0, x1, y1], w, h),
        270 => ([0.0, 1.0, -1.0, 0.0, y1, -x0], h, w),
        _ => ([1.0, 0.0, 0.0, 1.0, -x0, -y0], w, h),
    };
    PageRef {
        contents,
        resources: inh.resources.clone().unwrap_or_default(),
        ctm,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::container::Block;

    /// A classic-xref PDF of the given object bodies (numbered from 1; object 1 is the catalog).
    fn pdf(objs: &[Vec<u8>]) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offs = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offs.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(o);
            out.extend_from_slice(b"\nendobj\n");
        }
        let x = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes(),
        );
        for o in offs {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{x}\n%%EOF\n",
                objs.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut v = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        v.extend_from_slice(data);
        v.extend_from_slice(b"\nendstream");
        v
    }

    fn lines(doc: &ContainerDoc) -> Vec<String> {
        doc.body
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.runs.iter().map(|r| r.text.as_str()).collect(),
                Block::Table(_) => String::new(),
            })
            .collect()
    }

    #[test]
    fn cid_font_without_tounicode_reads_the_truetype_cmap() {
        let font = truetype::tests::tiny_font(&['B', 'á', 'o', ' ', 'c', 'ư', 'ờ', 'n', 'g']);
        let content = b"BT /F1 12 Tf 72 700 Td <0001000200030004000500020003> Tj ET\n\
                        BT /F1 12 Tf 72 680 Td <0008000600070008000900040005000300040004> Tj ET";
        let doc = read(&pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
            stream("", content),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Arial /Encoding /Identity-H /DescendantFonts [6 0 R] >>"
                .to_vec(),
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Arial /CIDToGIDMap /Identity /DW 500 /FontDescriptor 7 0 R >>"
                .to_vec(),
            b"<< /Type /FontDescriptor /FontName /ABCDEF+Arial /Flags 32 /FontFile2 8 0 R >>".to_vec(),
            stream("", &font),
        ]))
        .unwrap();
        assert_eq!(lines(&doc), ["Báo cáo", "nường co"]);
        assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    }

    #[test]
    fn rotated_page_reads_upright() {
        // /Rotate 90 (shown turned clockwise): text drawn along +y reads upright, and a larger x
        // is lower on the screen.
        let content = b"BT /F1 12 Tf 0 1 -1 0 500 100 Tm (First line) Tj ET BT /F1 12 Tf 0 1 -1 0 520 100 Tm (Second line) Tj ET";
        let doc = read(&pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] /Rotate 90 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
            stream("", content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        ]))
        .unwrap();
        assert_eq!(lines(&doc), ["First line", "Second line"]);
    }
}
