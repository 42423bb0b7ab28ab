//! The Report model → JSON (SPEC.md): every field the contract names, with its type.
//!
//! These types are the single source of the JSON shape: serde writes them (camelCase, `null` for
//! absent values, `[]` for empty lists — never a missing key), and on wasm32 `tsify` writes the
//! TypeScript declarations into the generated `baocao.d.ts`, so the TS types are never hand-kept.
//! Add fields freely; never rename or drop one (SPEC.md).

use serde::{Deserialize, Serialize};
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

/// Version of the JSON shape; bumped only on an incompatible change (which SPEC.md forbids).
pub const SCHEMA_VERSION: u32 = 1;

/// Một báo cáo đã phân tích — the whole result of [`crate::parse`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// What was read: container, encoding, size, noise.
    pub source: Source,
    /// Thể thức: issuer, number, date, type, subject, signature…
    pub metadata: Metadata,
    /// Bố cục: the heading tree.
    pub outline: Vec<Section>,
    /// Số liệu: indicators with value, unit and comparison.
    pub figures: Vec<Figure>,
    /// Văn bản được viện dẫn: documents the report cites.
    pub citations: Vec<Citation>,
    /// Địa danh và chữ viết tắt: administrative units named in the text, abbreviations expanded.
    pub places: Vec<Place>,
    /// Chú thích cuối trang.
    pub footnotes: Vec<Footnote>,
    /// Bảng: the document's tables as rows × cells (docx/doc/rtf/HTML/Markdown tables, tab-separated
    /// pastes, OCR grids marked `garbled`).
    pub tables: Vec<TableBlock>,
    /// Tóm tắt.
    pub summary: Summary,
    /// Analysis notes: what was not found and why, what was repaired.
    pub diagnostics: Vec<Diagnostic>,
    /// The normalised text every span points into; `null` unless asked for (CLI `--text`,
    /// JS `{ text: true }`).
    pub text: Option<String>,
    /// Exports rendered from this report; `null` unless asked for (JS `{ exports: true }`).
    pub exports: Option<Exports>,
}

/// The report rendered for download (see `export`): the same bytes as the CLI's `--format md`
/// and `--format csv [--table citations]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Exports {
    /// Markdown brief.
    pub markdown: String,
    /// CSV of the figures (UTF-8 with BOM).
    pub figures_csv: String,
    /// CSV of the citations (UTF-8 with BOM).
    pub citations_csv: String,
}

/// A range of the normalised `text` in UTF-16 code units, so that in JavaScript
/// `report.text.slice(start, end)` is exactly the matched text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct Span {
    /// First UTF-16 code unit (inclusive).
    pub start: u32,
    /// One past the last UTF-16 code unit (exclusive).
    pub end: u32,
}

/// Nguồn: what the input was.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// File name as given (CLI: the path's last component; JS: `options.name`); `null` for stdin/paste.
    pub name: Option<String>,
    /// Container format.
    pub format: Format,
    /// Character encoding the text was decoded from.
    pub encoding: Encoding,
    /// Size of the input in bytes (a JS string counts as its UTF-8 length).
    pub bytes: u64,
    /// Length of the normalised text in UTF-16 code units (what `report.text.length` is in JS).
    pub chars: u64,
    /// How noisy the text is (OCR, missing diacritics).
    pub noise: Noise,
}

/// Container format of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (including OCR output).
    Text,
    /// Office Open XML (.docx).
    Docx,
    /// PDF with a text layer.
    Pdf,
    /// Rich Text Format.
    Rtf,
    /// Word 97–2003 binary.
    Doc,
    /// HTML as pasted or saved from a web page.
    Html,
    /// Markdown (e.g. a docx converted by pandoc/markitdown).
    Markdown,
}

/// Character encoding of the text (legacy Vietnamese encodings included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub enum Encoding {
    /// UTF-8, with or without BOM.
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-16 little endian.
    #[serde(rename = "utf-16le")]
    Utf16Le,
    /// UTF-16 big endian.
    #[serde(rename = "utf-16be")]
    Utf16Be,
    /// Windows-1258 (Vietnamese ANSI code page).
    #[serde(rename = "windows-1258")]
    Windows1258,
    /// TCVN 5712:1993 (TCVN3/ABC, `.VnTime` fonts).
    #[serde(rename = "tcvn3")]
    Tcvn3,
    /// VNI-Windows (`VNI-Times` fonts).
    #[serde(rename = "vni")]
    Vni,
    /// VISCII (RFC 1456).
    #[serde(rename = "viscii")]
    Viscii,
    /// VPS.
    #[serde(rename = "vps")]
    Vps,
    /// VIQR mnemonic ASCII (RFC 1456).
    #[serde(rename = "viqr")]
    Viqr,
    /// Unicode with decomposed diacritics ("Unicode tổ hợp").
    #[serde(rename = "unicode-nfd")]
    UnicodeNfd,
    /// Not valid in any supported encoding; decoded lossily (U+FFFD), with a diagnostic.
    #[serde(rename = "unknown")]
    Unknown,
}

/// Độ nhiễu: OCR and diacritic signals.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Noise {
    /// The text looks like OCR output.
    pub ocr: bool,
    /// Vietnamese words are written without their diacritics.
    pub missing_diacritics: bool,
    /// 0 = clean, 1 = unreadable.
    pub score: f64,
}

/// Thể thức văn bản (Nghị định 30/2020 Phụ lục I; Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// State (Nghị định 30/2020) or Party (Quy định 66-QĐ/TW) document.
    pub family: Option<Family>,
    /// Quốc hiệu–Tiêu ngữ, or "ĐẢNG CỘNG SẢN VIỆT NAM", is present.
    pub motto: bool,
    /// Cơ quan ban hành: parent line and issuing body.
    pub issuer: Issuer,
    /// Số, ký hiệu as printed, normalised: "7763/BC-UBND", "139-KH/HU".
    pub number_symbol: Option<String>,
    /// The number part: "7763".
    pub number: Option<String>,
    /// The symbol part: "BC-UBND".
    pub symbol: Option<String>,
    /// Địa danh: "Tháp Mười".
    pub place: Option<String>,
    /// Ngày ban hành, ISO 8601 "2023-11-09".
    pub date: Option<String>,
    /// Tên loại văn bản.
    pub doc_type: Option<DocType>,
    /// Trích yếu, one line; for công văn the "V/v …".
    pub subject: Option<String>,
    /// Kính gửi.
    pub recipients: Vec<String>,
    /// Nơi nhận entries, without "- " and ";".
    pub distribution: Vec<String>,
    /// "Lưu: VT, …".
    pub archive: Option<String>,
    /// Chữ ký: authority, body, title, name.
    pub signature: Option<Signature>,
    /// Kỳ báo cáo.
    pub period: Option<Period>,
    /// Độ mật ("MẬT", "TỐI MẬT", "TUYỆT MẬT").
    pub confidentiality: Option<String>,
    /// Độ khẩn ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC").
    pub urgency: Option<String>,
    /// Compliance checklist of the family's required components.
    pub compliance: Vec<ComplianceItem>,
}

/// Document family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// Văn bản hành chính nhà nước (Nghị định 30/2020/NĐ-CP).
    State,
    /// Văn bản của Đảng (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW).
    Party,
}

/// Cơ quan ban hành.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Issuer {
    /// Cơ quan chủ quản: "UBND TỈNH ĐỒNG THÁP", "ĐẢNG BỘ TỈNH HẬU GIANG".
    pub parent: Option<String>,
    /// Cơ quan ban hành: "ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI", "HUYỆN ỦY PHỤNG HIỆP".
    pub name: Option<String>,
}

/// Tên loại văn bản.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DocType {
    /// Abbreviation as in the symbol ("BC", "TTr"); công văn: "CV".
    pub code: String,
    /// Name in sentence case ("Báo cáo").
    pub name: String,
}

/// Chữ ký: quyền hạn, chức vụ, họ tên.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Signature {
    /// "TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T", "T/L".
    pub authority: Option<String>,
    /// The collective after TM./T/M: "ỦY BAN NHÂN DÂN".
    pub body: Option<String>,
    /// Chức vụ: "CHỦ TỊCH", "PHÓ CHỦ TỊCH".
    pub title: Option<String>,
    /// Họ tên người ký.
    pub name: Option<String>,
    /// The head's title after "KT." / "TL." / "TUQ." / "Q." ("KT. CHỦ TỊCH" → "CHỦ TỊCH").
    pub on_behalf_of: Option<String>,
    /// Every authority prefix of the block in order ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH" →
    /// ["TM.", "KT."]); `authority` is the first.
    pub authorities: Vec<String>,
}

/// Kỳ báo cáo.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Period {
    /// As printed: "quý III/2023", "6 tháng đầu năm 2023".
    pub label: String,
    /// Year.
    pub year: Option<i32>,
    /// Quarter 1–4.
    pub quarter: Option<u8>,
    /// Number of months covered ("9 tháng" → 9).
    pub months: Option<u8>,
    /// First day, ISO.
    pub from: Option<String>,
    /// Last day, ISO.
    pub to: Option<String>,
}

/// One line of the compliance checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ComplianceItem {
    /// Component name ("Quốc hiệu và Tiêu ngữ", "Số, ký hiệu"…).
    pub component: String,
    /// Verdict.
    pub status: ComplianceStatus,
    /// Explanation in Vietnamese.
    pub message: String,
    /// Why the verdict cannot be trusted, in Vietnamese, or null: a copy from a legal-text
    /// database (LAWDATA) drops the Quốc hiệu, the place, the signature and the Nơi nhận, so
    /// their absence there says nothing about the original.
    pub note: Option<String>,
}

/// Verdict of a compliance check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum ComplianceStatus {
    /// Present and well-formed.
    Ok,
    /// Required but absent.
    Missing,
    /// Present but not as the rules say.
    Malformed,
}

/// Một mục của bố cục.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Section {
    /// Normalised marker: "III.".
    pub marker: String,
    /// Marker as printed: "I11.".
    pub raw_marker: String,
    /// Depth, 1 = top level.
    pub level: u8,
    /// Heading text without the marker.
    pub title: String,
    /// What the section is about.
    pub role: Role,
    /// The heading line.
    pub span: Span,
    /// The whole section: heading through the end of its last child.
    pub section_span: Span,
    /// Sub-sections.
    pub children: Vec<Section>,
}

/// Role of a section (SPEC.md "Roles").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Đặc điểm, tình hình.
    Context,
    /// Kết quả, ưu điểm.
    Achievements,
    /// Hạn chế, khuyết điểm, tồn tại, khó khăn.
    Limitations,
    /// Nguyên nhân.
    Causes,
    /// Phương hướng, nhiệm vụ, giải pháp.
    Tasks,
    /// Kiến nghị, đề xuất.
    Proposals,
    /// Mục tiêu, chỉ tiêu.
    Targets,
    /// Đánh giá chung, nhận xét.
    Assessment,
    /// Trách nhiệm, tổ chức thực hiện.
    Responsibility,
    /// Phụ lục.
    Appendix,
    /// Anything else.
    Other,
}

/// Một số liệu.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Figure {
    /// As printed.
    pub raw: String,
    /// Normalised value ("78.822" → 78822, "63,03" → 63.03).
    pub value: f64,
    /// Unit ("ha", "tỷ đồng", "%").
    pub unit: Option<String>,
    /// What is measured.
    pub what: Option<String>,
    /// Period the value refers to.
    pub period: Option<String>,
    /// Comparison with plan, previous period, target, or a ratio: the first of `comparisons`.
    pub comparison: Option<Comparison>,
    /// Every comparison stated for the figure, in text order ("đạt 103,4% kế hoạch, giảm 1,5% so
    /// với năm 2022" → vsPlan, vsPreviousPeriod).
    // Missing in Report JSON saved by older versions (read back by `compare`).
    #[serde(default)]
    pub comparisons: Vec<Comparison>,
    /// Money normalised to đồng ("86,27 tỷ đồng" → 86270000000); `null` for other units.
    pub value_dong: Option<f64>,
    /// An estimate ("ước đạt", "ước thực hiện", "dự kiến").
    // Missing in Report JSON saved by older versions (read back by `compare`).
    #[serde(default)]
    pub estimate: bool,
    /// Share of a whole stated with it ("chiếm 81,98% dân số" → 81.98).
    pub share: Option<f64>,
    /// Indexes of the enclosing sections, outermost first.
    // Missing in Report JSON saved by older versions (read back by `compare`).
    #[serde(default)]
    pub section_path: Vec<u32>,
    /// The number and its unit.
    pub span: Span,
}

/// A comparison attached to a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// Against what.
    pub kind: ComparisonKind,
    /// Percentage or difference, when stated.
    pub value: Option<f64>,
    /// Up or down, when stated.
    pub direction: Option<Direction>,
    /// For ratios: "24/25" → 24.
    pub numerator: Option<f64>,
    /// For ratios: "24/25" → 25.
    pub denominator: Option<f64>,
    /// For ratios, the percentage stated with it ("4.421/5.500 người, đạt 80,38%" → 80.38).
    pub percent: Option<f64>,
    /// Unit of `value`: "%", or the figure's unit for absolute changes ("giảm 03 vụ" → "vụ").
    pub unit: Option<String>,
    /// As printed.
    pub raw: String,
}

/// Kind of comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ComparisonKind {
    /// "đạt 103,4% kế hoạch".
    VsPlan,
    /// "tăng 6,7% so với năm 2022".
    VsPreviousPeriod,
    /// "đạt 100,43% chỉ tiêu".
    VsTarget,
    /// "24/25 chỉ tiêu".
    Ratio,
}

/// Direction of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Tăng.
    Up,
    /// Giảm.
    Down,
}

/// Một văn bản được viện dẫn.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Citation {
    /// Type word: "Quyết định", "Nghị quyết".
    #[serde(rename = "type")]
    pub kind: String,
    /// "452/QĐ-UBND", normalised (OCR "QD" → "QĐ", line breaks removed).
    pub number_symbol: Option<String>,
    /// The number and symbol exactly as printed ("452/QD-UBND").
    pub number_symbol_raw: Option<String>,
    /// ISO date.
    pub date: Option<String>,
    /// Issuer after "của".
    pub issuer_text: Option<String>,
    /// Quoted title; for documents cited by name alone, the name ("Luật Đất đai (sửa đổi)").
    pub title: Option<String>,
    /// As printed (first mention).
    pub raw: String,
    /// Where it is (first mention).
    pub span: Span,
    /// How many times the document is mentioned.
    pub count: u32,
    /// Every mention, in text order.
    pub spans: Vec<Span>,
}

/// Một địa danh (đơn vị hành chính) hoặc chữ viết tắt được nhận diện.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Place {
    /// Name as printed, with its type word: "huyện Phụng Hiệp", or the abbreviation "UBND".
    pub name: String,
    /// "province", "district", "commune", "hamlet", or "abbreviation".
    pub level: String,
    /// Known in the administrative-unit list (provinces and districts; communes are recognised by
    /// their type word only).
    pub known: bool,
    /// Expansion of an abbreviation ("UBND" → "Ủy ban nhân dân").
    pub expansion: Option<String>,
    /// First mention.
    pub span: Span,
    /// Number of mentions.
    pub count: u32,
}

/// Một chú thích.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Footnote {
    /// Note number ("1"); for OCR notes whose number was read as junk ("®"), the note's place in
    /// the document's sequence of notes.
    pub id: String,
    /// The note's marker as printed ("[1:", "1", "®").
    pub raw_marker: String,
    /// Body text.
    pub text: String,
    /// The note as printed (marker and body): not part of the running text.
    pub span: Span,
    /// The reference mark in the running text ("[footnoteRef:1]", the "1" of "GDP1"), when found.
    pub anchor: Option<Span>,
}

/// A table of the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TableBlock {
    /// The whole table in the text.
    pub span: Span,
    /// Rows in order; each row's cells in order (rows may differ in width when `garbled`).
    pub rows: Vec<Vec<TableCell>>,
    /// Leading rows that are column headers (0 or 1).
    pub header_rows: u32,
    /// OCR read the grid badly (rows of different widths, cells of junk): its rows and columns are
    /// not to be trusted (a `tables.garbled` diagnostic says so).
    pub garbled: bool,
    /// Indices into `outline` (then `children`) of the section holding the table; empty before
    /// the first heading.
    pub section_path: Vec<u32>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TableCell {
    /// The cell's text (trimmed; empty for an empty cell).
    pub text: String,
    /// The cell in the text.
    pub span: Span,
}

/// Tóm tắt.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// One sentence from the metadata.
    pub headline: String,
    /// Extracted sentences, in document order.
    pub key_points: Vec<KeyPoint>,
    /// Counts.
    pub stats: Stats,
    /// One digest per top-level section, in order.
    pub sections: Vec<SectionDigest>,
}

/// What a top-level section says, in one line, with its key figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SectionDigest {
    /// Its normalised marker ("II.").
    pub marker: String,
    /// Its title.
    pub title: String,
    /// Its role.
    pub role: Role,
    /// Its best sentence (the key point from it, else its opening sentence), if any.
    pub digest: Option<KeyPoint>,
    /// Indexes into `figures` of up to three key figures of the section (compared ones first).
    pub figures: Vec<u32>,
}

/// One extracted sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct KeyPoint {
    /// The sentence as in `text`.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// Role of the section it is in, if it is in one.
    pub role: Option<Role>,
    /// Selection score (see `summarise::key_points`): higher = more central.
    pub score: f64,
    /// Why it was chosen: "lead", "comparisons:2", "numbers:3", "cue:dat va vuot"…
    pub why: Vec<String>,
}

/// Counts over the report.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Targets met, where the report states it ("đạt và vượt 10/11 chỉ tiêu" → 10).
    pub targets_met: Option<u32>,
    /// Targets in total, where stated (→ 11).
    pub targets_total: Option<u32>,
    /// Number of figures.
    pub figures: u32,
    /// Figures that went up against the previous period.
    pub figures_up: u32,
    /// Figures that went down against the previous period.
    pub figures_down: u32,
    /// Figures below 100% of plan.
    pub figures_below_plan: u32,
    /// Number of citations.
    pub citations: u32,
    /// Number of footnotes.
    pub footnotes: u32,
    /// Number of sections at every level.
    pub sections: u32,
    /// Number of lines of the normalised text.
    pub lines: u32,
}

/// A note about the analysis (not an error: the report is still produced).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// How much it matters.
    pub severity: Severity,
    /// Stable machine code, dotted: "metadata.date.missing".
    pub code: String,
    /// Plain Vietnamese explanation.
    pub message: String,
    /// Where, if it has a place.
    pub span: Option<Span>,
}

/// Severity of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was lost or could not be read.
    Error,
    /// Probably wrong; worth a look.
    Warning,
    /// For the curious.
    Info,
}
