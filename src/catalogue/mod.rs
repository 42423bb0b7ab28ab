//! Catalogues kept as data (`data/*.tsv`, compiled in with `include_str!`) → typed lookup tables.
//!
//! Each catalogue parses its file once (on first use), and its self-tests check the file: columns,
//! uniqueness, canonical folded forms. Extractors never carry their own lists of literals.

pub mod abbreviations;
pub mod admin_units;
pub mod citation_types;
pub mod cues;
pub mod doc_types;
pub mod issuers;
pub mod open_line_ends;
pub mod roles;
pub mod signing;
pub mod spellings;
pub mod surnames;
pub mod syllables;
pub mod titles;
pub mod units;

/// Rows of a TSV catalogue: `#` comment lines and the header row skipped, fields split on tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').map(str::trim).collect())
}
