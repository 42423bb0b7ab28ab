//! Named limits on untrusted input → bounded time and memory (SECURITY.md lists them).
//!
//! Every loop over input is bounded by one of these or by the input length; inputs past a hard
//! limit are refused with [`crate::ErrorCode::InputTooLarge`], soft limits truncate with a diagnostic.

/// Largest input accepted, in bytes (a 50 MB scan-free PDF is the largest real case we expect).
pub const MAX_INPUT_BYTES: usize = 100 * 1024 * 1024;

/// Lines of the document head searched for the letterhead, number, date and type heading.
/// Real letterheads take 5–25 lines; OCR and web boilerplate can push them down.
pub const HEAD_LINES: usize = 80;

/// Longest line (bytes) that header patterns are run on; longer lines are body text or junk.
pub const MAX_HEAD_LINE_BYTES: usize = 2_000;

/// Most outline sections kept (a 10,000-heading file is pathological; beyond this, a diagnostic).
pub const MAX_SECTIONS: usize = 20_000;

/// Most diagnostics kept per report, so a hostile file cannot make the report itself huge.
pub const MAX_DIAGNOSTICS: usize = 1_000;

/// Containers (zip, CFB, PDF): most entries/objects read. Real reports have tens to a few thousand.
pub const MAX_CONTAINER_ENTRIES: usize = 100_000;

/// Most bytes any container may expand to in total (zip bomb / PDF stream bomb guard).
pub const MAX_EXPANDED_BYTES: usize = 256 * 1024 * 1024;

/// Deepest nesting followed in any container structure (XML elements, RTF groups, PDF objects,
/// nested tables). Deeper input is read flat or refused, never recursed into.
pub const MAX_NESTING: usize = 256;

/// Longest line (bytes) read as a heading title; longer lines are paragraphs (a 1 MB line costs
/// one length check).
pub const MAX_HEADING_TITLE_BYTES: usize = 2_000;

/// Most footnotes kept per document.
pub const MAX_FOOTNOTES: usize = 10_000;

/// Most table blocks kept per document.
pub const MAX_TABLES: usize = 10_000;

/// Most figures kept per report (a long statistical annex has a few thousand).
pub const MAX_FIGURES: usize = 20_000;

/// Most distinct citations kept per report.
pub const MAX_CITATIONS: usize = 5_000;

/// Most distinct places and abbreviations kept per report.
pub const MAX_PLACES: usize = 2_000;
