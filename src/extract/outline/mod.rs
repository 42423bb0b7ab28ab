//! Outline: lines → the heading tree with roles.
//!
//! Every numbering scheme is read ([`marker`]): Phần/Chương/Mục/Phụ lục, "A.", Roman "I.",
//! Arabic "1.", decimal "1.1.", letters "a)", bullets "-". A document decides its own nesting:
//! a scheme not yet open becomes a child of the innermost open one; a scheme already open continues
//! at its level and closes everything below it. A marker counts only when it continues its
//! sequence (or starts one at 1), which is also how OCR-damaged markers are repaired: "I11." is
//! read as III. only where III. is due. Headings are told from numbered paragraphs by their title
//! (a long sentence or one ending in ";" is a list item), multi-line all-caps titles are joined,
//! and each section gets a role from the keyword catalogue, inherited from its parent when its own
//! title names none.

pub mod marker;

use super::Doc;
use crate::catalogue::roles::role_of;
use crate::limits::{MAX_HEADING_TITLE_BYTES, MAX_SECTIONS};
use crate::report::{Diagnostic, Role, Section, Severity};
use marker::{Kind, Marker};
use std::ops::Range;

pub use marker::roman_value;

/// Lines a heading title may continue on (seed 002: "II. SỰ QUAN TÂM … VỀ" / "CÔNG TÁC DÂN VẬN").
const MAX_TITLE_LINES: usize = 3;
/// Longest title (chars) of a top-scheme heading (Phần, A., I.); longer is a paragraph.
const MAX_TOP_TITLE_CHARS: usize = 300;
/// Longest title (chars) of a numbered heading (1., 1.1., a)); longer is a list item.
const MAX_NUMBERED_TITLE_CHARS: usize = 400;
/// Longest bullet line that can be a heading ("- Về kinh tế:").
const MAX_BULLET_TITLE_CHARS: usize = 100;

/// What kind of document the outline belongs to, for sections whose titles name no role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// Báo cáo: unnamed sections before the first evaluative one report results.
    Report,
    /// Kế hoạch, chương trình, đề án, phương án: unnamed sections are tasks.
    Plan,
    /// Anything else or unknown.
    Other,
}

impl DocKind {
    /// From the document-type code of the symbol ("BC", "KH" …).
    pub fn from_code(code: Option<&str>) -> Self {
        match code {
            Some("BC") => DocKind::Report,
            Some("KH" | "CTr" | "ĐA" | "PA" | "CTHĐ") => DocKind::Plan,
            _ => DocKind::Other,
        }
    }
}

/// A heading found in the text, before the tree is built.
#[derive(Debug, Clone)]
struct Heading {
    marker: String,
    raw_marker: String,
    title: String,
    /// Heading lines (marker through the last title line), bytes.
    range: Range<usize>,
    /// Index of the parent heading in the flat list.
    parent: Option<usize>,
    level: u8,
    explicit: Option<Role>,
}

/// One open scheme on the nesting stack.
#[derive(Debug, Clone)]
struct Open {
    kind: Kind,
    last: u32,
    path: Vec<u32>,
    /// The heading this entry produced, or `None` for a list item.
    heading: Option<usize>,
}

/// True when `v` continues a sequence whose last value is `last` (letters may skip "đ").
fn continues(kind: Kind, last: u32, v: u32) -> bool {
    match kind {
        Kind::Bullet(_) => true,
        Kind::Lower | Kind::Upper => v == last + 1 || (last == 4 && v == 6),
        _ => v == last + 1,
    }
}

/// Rank of the word markers of legal structure (Phần, Chương, Mục, Điều); `None` for others.
fn word_rank(kind: Kind) -> Option<u8> {
    match kind {
        Kind::Part => Some(0),
        Kind::Chapter => Some(1),
        Kind::Item => Some(2),
        Kind::Article => Some(3),
        _ => None,
    }
}

/// Reads which marker reading fits the open schemes: (reading, position in the stack to continue
/// at or `None` to open a new scheme, corrected value).
fn fit(cands: Vec<Marker>, stack: &[Open], last_article: u32) -> Option<(Marker, Option<usize>, u32)> {
    for m in cands {
        if m.kind == Kind::Appendix {
            return Some((m.clone(), Some(usize::MAX), m.value));
        }
        // An open scheme below a structural word marker (Phần, Chương, Điều, Phụ lục) or, for a
        // bullet, below any numbered heading, belongs to an earlier part: the marker starts afresh
        // instead of closing the structure above it.
        let at = stack.iter().rposition(|o| o.kind == m.kind).filter(|&i| {
            let above = &stack[i + 1..];
            let walls = word_rank(m.kind).is_none()
                && above.iter().any(|o| word_rank(o.kind).is_some() || o.kind == Kind::Appendix);
            let bullet_buried = matches!(m.kind, Kind::Bullet(_)) && above.iter().any(|o| !matches!(o.kind, Kind::Bullet(_)));
            !walls && !bullet_buried
        });
        match at {
            Some(i) => {
                let last = stack[i].last;
                if continues(m.kind, last, m.value) {
                    if let Kind::Decimal(n) = m.kind {
                        if !prefix_ok(&m, stack, n) {
                            continue;
                        }
                    }
                    let v = m.value;
                    return Some((m, Some(i), v));
                }
                // "Phan I" after "Phần I": a Part or Chapter numeral never repeats, an "I" was lost.
                if matches!(m.kind, Kind::Part | Kind::Chapter) && m.roman && m.value <= last {
                    let v = last + 1;
                    return Some((Marker { repaired: true, ..m }, Some(i), v));
                }
            }
            None => {
                let starts = match m.kind {
                    // A damaged numeral ("1." read as I.) only continues a sequence already open;
                    // the word of a word marker ("Phén |") is evidence enough to start one.
                    _ if m.repaired && !matches!(m.kind, Kind::Part | Kind::Chapter | Kind::Item | Kind::Appendix) => false,
                    Kind::Article => m.value == 1 || m.value == last_article + 1,
                    Kind::Bullet(_) => true,
                    Kind::Decimal(n) => m.value == 1 && prefix_ok(&m, stack, n),
                    _ => m.value == 1,
                };
                if starts {
                    let v = m.value;
                    // Phần > Chương > Mục > Điều whatever the order they appear in: a chapter
                    // opened after an article closes it rather than nesting in it.
                    let above = word_rank(m.kind).and_then(|r| stack.iter().position(|o| word_rank(o.kind).is_some_and(|x| x > r)));
                    return Some((m, above, v));
                }
            }
        }
    }
    None
}

/// Closes the schemes a marker ends: all for an appendix, those from its own level down for a
/// continuing scheme, none for a new one.
fn place(stack: &mut Vec<Open>, at: Option<usize>) {
    match at {
        Some(usize::MAX) => stack.clear(),
        Some(k) => stack.truncate(k),
        None => {}
    }
}

/// "1.2." belongs under the open "1." (or "1.2.3." under "1.2."), when that is open.
fn prefix_ok(m: &Marker, stack: &[Open], n: u8) -> bool {
    let parent_kind = if n == 2 { Kind::Arabic } else { Kind::Decimal(n - 1) };
    match stack.iter().rposition(|o| o.kind == parent_kind) {
        Some(i) => {
            let want: Vec<u32> = if n == 2 { vec![stack[i].last] } else { stack[i].path.clone() };
            m.path.len() == usize::from(n) && m.path[..m.path.len() - 1] == want[..]
        }
        None => true,
    }
}

/// No lowercase letter: an all-caps title line (or a bare year "2024").
fn is_caps(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_uppercase() || c.is_lowercase()).count();
    let lower = s.chars().filter(|c| c.is_lowercase()).count();
    // OCR leaves a stray lowercase letter in a capital word now and then ("CHIi").
    (letters >= 3 && lower * 10 <= letters) || (letters == 0 && !s.is_empty() && s.len() <= 12)
}

/// Is this title that of a heading, or is the marker the start of a numbered paragraph?
fn heading_title(kind: Kind, title: &str, next_is_same_bullet: bool) -> bool {
    if title.len() > MAX_HEADING_TITLE_BYTES {
        return false;
    }
    let chars = title.chars().count();
    let t = title.trim_end();
    let word_marker = matches!(kind, Kind::Part | Kind::Chapter | Kind::Item | Kind::Appendix | Kind::Article);
    if !(t.chars().any(char::is_alphabetic) || word_marker && t.is_empty()) {
        return false;
    }
    let ends_list = t.ends_with([';', ',']);
    match kind {
        Kind::Part | Kind::Chapter | Kind::Item | Kind::Appendix | Kind::Article | Kind::Upper | Kind::Roman => {
            chars <= MAX_TOP_TITLE_CHARS && !ends_list
        }
        // Headings do not end with a full stop; numbered sentences are list items.
        Kind::Arabic | Kind::Decimal(_) | Kind::Lower => {
            chars <= MAX_NUMBERED_TITLE_CHARS && !ends_list && !t.ends_with('.') && sentences(t) <= 1
        }
        Kind::Bullet(_) => {
            chars <= MAX_BULLET_TITLE_CHARS
                && !ends_list
                && (t.ends_with(':') || (!t.ends_with('.') && !next_is_same_bullet && is_caps(t)))
        }
    }
}

/// A title without the note references the decoder writes into it ("Văn hóa[footnoteRef:1]").
fn without_note_refs(title: String) -> String {
    const REF: &str = "[footnoteRef:";
    if !title.contains(REF) {
        return title;
    }
    let mut out = String::with_capacity(title.len());
    let mut rest = title.as_str();
    while let Some(k) = rest.find(REF) {
        out.push_str(&rest[..k]);
        let after = &rest[k + REF.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(']') {
            rest = &after[digits + 1..];
        } else {
            out.push_str(REF);
            rest = after;
        }
    }
    out.push_str(rest);
    out.trim().to_owned()
}

/// Sentences in a title: ". " followed by a capital starts another one.
fn sentences(t: &str) -> usize {
    let b = t.as_bytes();
    1 + t.match_indices(". ").filter(|(i, _)| t[i + 2..].starts_with(char::is_uppercase) && *i > 0 && !b[i - 1].is_ascii_digit()).count()
}

/// Extracts the outline. `skip` are byte ranges (footnote bodies) that hold no headings;
/// `kind` decides the role of sections whose titles name none.
pub fn extract_with(doc: &Doc, skip: &[Range<usize>], kind: DocKind) -> (Vec<Section>, Vec<Diagnostic>) {
    let text = doc.text;
    let lines = &doc.seg.lines;
    let mut diags = Vec::new();
    let mut heads: Vec<Heading> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut skip_i = 0;
    let mut last_article = 0;
    let mut i = 0;
    while i < lines.len() {
        let r = lines[i].trimmed(text);
        i += 1;
        if r.is_empty() {
            continue;
        }
        while skip_i < skip.len() && skip[skip_i].end <= r.start {
            skip_i += 1;
        }
        if skip.get(skip_i).is_some_and(|s| s.start < r.end) {
            continue;
        }
        let line = &text[r.clone()];
        let cands = marker::read(line);
        if cands.is_empty() {
            continue;
        }
        let Some((m, at, value)) = fit(cands, &stack, last_article) else { continue };
        if m.kind == Kind::Article {
            last_article = value;
        }
        if line.len() > MAX_HEADING_TITLE_BYTES {
            // A paragraph, not a heading; it still numbers its list.
            place(&mut stack, at);
            stack.push(Open { kind: m.kind, last: value, path: m.path.clone(), heading: None });
            continue;
        }
        let mut title = line[m.title_start..].split_whitespace().collect::<Vec<_>>().join(" ");
        let mut end = r.end;
        // Title lines that follow: the whole title when the marker stands alone ("PHẦN I" /
        // "KẾT QUẢ …"), and all-caps continuations of an all-caps title.
        let mut j = i;
        let mut taken = 0;
        let mut blanks = 0;
        while j < lines.len() && taken < MAX_TITLE_LINES {
            let rr = lines[j].trimmed(text);
            if rr.is_empty() {
                // A title cut at a comma or dash may continue after a blank line (seed 003).
                let open_end = title.is_empty() || title.ends_with([',', '-', '–']);
                if !open_end || blanks >= 2 {
                    break;
                }
                blanks += 1;
                j += 1;
                continue;
            }
            let next = &text[rr.clone()];
            if next.len() > MAX_HEADING_TITLE_BYTES || !marker::read(next).is_empty() {
                break;
            }
            let joins = if title.is_empty() { next.chars().count() <= MAX_NUMBERED_TITLE_CHARS } else { is_caps(&title) && is_caps(next) };
            if !joins || skip.iter().skip(skip_i).take(4).any(|s| s.start < rr.end && rr.start < s.end) {
                break;
            }
            if !title.is_empty() {
                title.push(' ');
            }
            title.push_str(&next.split_whitespace().collect::<Vec<_>>().join(" "));
            end = rr.end;
            taken += 1;
            blanks = 0;
            j += 1;
        }
        let next_same_bullet = matches!(m.kind, Kind::Bullet(_))
            && lines[i..].iter().map(|l| l.trimmed(text)).find(|x| !x.is_empty()).is_some_and(|x| text[x].starts_with(line.chars().next().unwrap_or(' ')));
        let title = without_note_refs(title);
        // A run of numbered siblings is one list: after a list item, the next number is one too
        // (seed 003: "4. Tập trung …" among items ending in ";").
        let after_item = matches!(m.kind, Kind::Arabic | Kind::Decimal(_) | Kind::Lower | Kind::Bullet(_))
            && matches!(at, Some(k) if k < stack.len() && stack[k].heading.is_none());
        let is_heading = !after_item && heading_title(m.kind, &title, next_same_bullet);
        // Place it on the stack whether heading or list item, so the sequence stays right.
        place(&mut stack, at);
        let parent = stack.iter().rev().find_map(|o| o.heading);
        let heading = if is_heading {
            if heads.len() >= MAX_SECTIONS {
                diags.push(doc.diagnostic(Severity::Warning, "outline.tooMany", format!("Quá {MAX_SECTIONS} mục; phần còn lại không được lập bố cục."), Some(r)));
                break;
            }
            let level = parent.map_or(1, |p| heads[p].level.saturating_add(1));
            let explicit = if m.kind == Kind::Appendix { Some(Role::Appendix) } else { role_of(&title) };
            heads.push(Heading {
                marker: marker::normalised(&m, value),
                raw_marker: line[..m.raw_end].to_owned(),
                title,
                range: r.start..end,
                parent,
                level,
                explicit,
            });
            i = j.max(i);
            Some(heads.len() - 1)
        } else {
            None
        };
        let path = match m.kind {
            Kind::Decimal(_) => m.path.clone(),
            _ => vec![value],
        };
        stack.push(Open { kind: m.kind, last: value, path, heading });
    }
    (build(doc, heads, kind), diags)
}

/// Extracts the outline with no skipped ranges and no document kind.
pub fn extract(doc: &Doc) -> (Vec<Section>, Vec<Diagnostic>) {
    extract_with(doc, &[], DocKind::Other)
}

/// Roles (explicit, positional default, inherited), section ends, and the tree.
fn build(doc: &Doc, heads: Vec<Heading>, kind: DocKind) -> Vec<Section> {
    let n = heads.len();
    let text_end = doc.text.trim_end().len();
    // Section ends: the start of the next heading at the same or a higher level.
    let mut ends = vec![text_end; n];
    let mut open: Vec<usize> = Vec::new();
    for (k, h) in heads.iter().enumerate() {
        while let Some(&top) = open.last() {
            if heads[top].level >= h.level {
                ends[top] = h.range.start;
                open.pop();
            } else {
                break;
            }
        }
        open.push(k);
    }
    // Positional default for top-level sections that name no role: in a report, the sections
    // before the first evaluative one (limitations, assessment, tasks …) report what was done.
    let first_eval = heads
        .iter()
        .position(|h| h.parent.is_none() && matches!(h.explicit, Some(Role::Limitations | Role::Causes | Role::Assessment | Role::Tasks | Role::Proposals | Role::Responsibility)))
        .unwrap_or(n);
    let mut roles = Vec::with_capacity(n);
    for (k, h) in heads.iter().enumerate() {
        let role = match (h.explicit, h.parent) {
            (Some(r), _) => r,
            (None, Some(p)) => roles[p],
            (None, None) => match kind {
                DocKind::Report if k < first_eval => Role::Achievements,
                DocKind::Plan => Role::Tasks,
                _ => Role::Other,
            },
        };
        roles.push(role);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (k, h) in heads.iter().enumerate() {
        match h.parent {
            Some(p) => children[p].push(k),
            None => roots.push(k),
        }
    }
    let mut built: Vec<Option<Section>> = (0..n).map(|_| None).collect();
    // Children come after their parent, so building from the end needs no recursion.
    for k in (0..n).rev() {
        let h = &heads[k];
        let kids = children[k].iter().filter_map(|&c| built[c].take()).collect();
        let body_end = doc.text[..ends[k].max(h.range.end)].trim_end().len().max(h.range.end);
        built[k] = Some(Section {
            marker: h.marker.clone(),
            raw_marker: h.raw_marker.clone(),
            level: h.level,
            title: h.title.clone(),
            role: roles[k],
            span: doc.span(h.range.clone()),
            section_span: doc.span(h.range.start..body_end),
            children: kids,
        });
    }
    roots.into_iter().filter_map(|k| built[k].take()).collect()
}

/// Indices into `outline` (then `children`) of the sections holding UTF-16 offset `at`, outermost
/// first (the `sectionPath` of figures and tables); empty before the first heading.
pub fn section_path(outline: &[Section], at: u32) -> Vec<u32> {
    let mut path = Vec::new();
    let mut level = outline;
    // Bounded by the outline depth.
    for _ in 0..64 {
        let Some((i, s)) = level.iter().enumerate().find(|(_, s)| s.section_span.start <= at && at < s.section_span.end.max(s.span.end)) else { break };
        path.push(i as u32);
        level = &s.children;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;
    use crate::span::Utf16Index;

    fn outline(t: &str) -> Vec<Section> {
        let seg = segment(t);
        let index = Utf16Index::new(t);
        let folded = crate::fold::Folded::new(t, 0);
        let doc = Doc { text: t, seg: &seg, index: &index, folded: &folded };
        extract_with(&doc, &[], DocKind::Report).0
    }

    #[test]
    fn lồng_nhau_phần_chữ_la_mã_số() {
        let t = "PHẦN I\nKẾT QUẢ\nI. KINH TẾ\n1. Nông nghiệp\n1.1. Trồng trọt\na) Lúa\nPHẦN II\nNHIỆM VỤ\nA. MỤC TIÊU\nI. MỤC TIÊU CHUNG\n";
        let o = outline(t);
        assert_eq!(o.len(), 2);
        assert_eq!(o[0].children[0].children[0].children[0].children[0].marker, "a)");
        assert_eq!(o[1].children[0].children[0].marker, "I.");
    }

    #[test]
    fn bệnh_lý_tuyến_tính() {
        // 10,000 headings (100 appendices of 99 items), 50 nested markers, a 1 MB line.
        let mut t = String::new();
        for g in 1..=100 {
            t.push_str(&format!("PHỤ LỤC {g}\n"));
            for k in 1..=99 {
                t.push_str(&format!("{k}. Mục {k}\n"));
            }
        }
        for k in 0..50 {
            t.push_str(&format!("{}1. x\n", "1.".repeat(k)));
        }
        t.push_str(&"a".repeat(1 << 20));
        let start = std::time::Instant::now();
        let o = outline(&t);
        assert_eq!(o.len(), 100);
        assert_eq!(o.iter().map(|s| 1 + s.children.len()).sum::<usize>(), 10_000);
        assert!(start.elapsed().as_secs() < 10);
    }
}
