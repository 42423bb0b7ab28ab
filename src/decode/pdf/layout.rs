//! Positioned glyphs → paragraphs in reading order.
//!
//! Per page: glyphs are grouped into lines by baseline (tolerance relative to the font size),
//! smaller raised glyphs (superscripts, note marks) join the line below them, lines run top to
//! bottom and glyphs left to right, with a space where the gap exceeds a fraction of the font
//! size. Then, for the whole document:
//! - page furniture: a first/last line that is only a page number ("3", "- 3 -", "Trang 3"), and
//!   first/last lines repeated on most pages (digits ignored) → `furniture`;
//! - footnotes: the smaller-font lines at a page bottom that start with a note mark → `notes`,
//!   and the raised mark glued to a body word → a run with `note_ref`;
//! - two-column blocks (the letterhead at the top of page 1, the "Nơi nhận" / signature block):
//!   the left column's lines, then the right column's, instead of merged lines;
//! - an empty paragraph where the vertical gap shows a block break (> 1.5 × the usual line pitch).

use super::content::Glyph;
use super::diag;
use crate::decode::container::{Block, ContainerDoc, Note, Paragraph, Run};
use crate::report::{Diagnostic, Severity};
use std::collections::HashMap;
use std::rc::Rc;

/// A page's glyphs as the content interpreter produced them.
pub struct PageInput {
    pub number: u32,
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub images: usize,
}

#[derive(Debug, Clone)]
struct G {
    x: f64,
    w: f64,
    y: f64,
    size: f64,
    text: String,
    font: usize,
    raised: bool,
    space: bool,
}

#[derive(Debug, Clone)]
struct Line {
    y: f64,
    size: f64,
    glyphs: Vec<G>,
}

impl Line {
    fn x0(&self) -> f64 {
        self.glyphs
            .iter()
            .filter(|g| !g.space)
            .map(|g| g.x)
            .fold(f64::INFINITY, f64::min)
    }
    fn x1(&self) -> f64 {
        self.glyphs
            .iter()
            .filter(|g| !g.space)
            .map(|g| g.x + g.w)
            .fold(f64::NEG_INFINITY, f64::max)
    }
    fn center(&self) -> f64 {
        (self.x0() + self.x1()) / 2.0
    }
    /// Plain text of the line (spaces by gap), for classification.
    fn text(&self) -> String {
        let mut s = String::new();
        for r in runs(&self.glyphs, self.size, &|_| None) {
            s.push_str(&r.0);
        }
        s
    }
    /// The first non-space glyphs that are raised: a note mark.
    fn leading_mark(&self) -> Option<String> {
        let mut m = String::new();
        for g in self.glyphs.iter().filter(|g| !g.space) {
            if g.raised && g.text.chars().all(|c| c.is_ascii_digit() || c == '*') {
                m.push_str(&g.text);
            } else {
                break;
            }
        }
        (!m.is_empty() && m.len() <= 4).then_some(m)
    }
}

impl Line {
    /// A note mark at the start of the line: raised digits, or (when `plain` accepts it) digits
    /// followed by a space. Returns the mark and the index of the first glyph after it.
    fn note_mark(&self, plain: &dyn Fn(&str) -> bool) -> Option<(String, usize)> {
        if let Some(m) = self.leading_mark() {
            let mut i = 0;
            let mut seen = 0;
            while i < self.glyphs.len()
                && (self.glyphs[i].space || (self.glyphs[i].raised && seen < m.len()))
            {
                if !self.glyphs[i].space {
                    seen += self.glyphs[i].text.len();
                }
                i += 1;
            }
            return Some((m, i));
        }
        let mut m = String::new();
        let mut i = 0;
        while i < self.glyphs.len()
            && !self.glyphs[i].space
            && self.glyphs[i].text.chars().all(|c| c.is_ascii_digit())
        {
            m.push_str(&self.glyphs[i].text);
            i += 1;
        }
        if m.is_empty() || m.len() > 3 || i >= self.glyphs.len() {
            return None;
        }
        // Followed by a space glyph or a visible gap.
        let last = &self.glyphs[i - 1];
        let next = &self.glyphs[i];
        let gap = next.space || next.x - (last.x + last.w) > 0.15 * self.size;
        (gap && plain(&m)).then(|| {
            while i < self.glyphs.len() && self.glyphs[i].space {
                i += 1;
            }
            (m, i)
        })
    }
}

struct PageLines {
    number: u32,
    width: f64,
    height: f64,
    lines: Vec<Line>,
    /// Text of rotated/vertical glyphs, in content order.
    rotated: Vec<String>,
    has_text: bool,
    images: usize,
}

fn is_space_text(t: &str) -> bool {
    t.chars().all(|c| c.is_whitespace() || c == '\u{A0}')
}

fn page_lines(p: PageInput) -> PageLines {
    let mut rotated: Vec<String> = Vec::new();
    let mut up: Vec<G> = Vec::new();
    let mut has_text = false;
    let mut last_rot: Option<(f64, f64, f64)> = None;
    for g in p.glyphs {
        if g.text.is_empty() {
            continue;
        }
        let space = is_space_text(&g.text);
        has_text |= !space;
        let size = if g.size.is_finite() && g.size > 0.1 {
            g.size.min(1000.0)
        } else {
            1.0
        };
        if !g.upright {
            let near = last_rot
                .is_some_and(|(x, y, s)| ((g.x - x).powi(2) + (g.y - y).powi(2)).sqrt() < 3.0 * s);
            if !near || rotated.is_empty() {
                rotated.push(String::new());
            }
            if let Some(r) = rotated.last_mut() {
                r.push_str(&g.text);
            }
            last_rot = Some((g.x, g.y, size));
            continue;
        }
        up.push(G {
            x: g.x,
            w: g.w.max(0.0),
            y: g.y,
            size,
            text: g.text,
            font: g.font,
            raised: false,
            space,
        });
    }
    rotated.retain(|s| !is_space_text(s));
    // Lines by baseline, top first.
    crate::sort::sort_by(&mut up, |a, b| b.y.total_cmp(&a.y));
    let mut lines: Vec<Line> = Vec::new();
    for g in up {
        if let Some(l) = lines.last_mut() {
            let tol = 0.2 * l.size.min(g.size).max(0.5);
            if (l.y - g.y).abs() <= tol {
                if !g.space && g.size > l.size {
                    l.size = g.size;
                }
                l.glyphs.push(g);
                continue;
            }
        }
        let size = if g.space { 0.0 } else { g.size };
        lines.push(Line {
            y: g.y,
            size,
            glyphs: vec![g],
        });
    }
    for l in &mut lines {
        if l.size == 0.0 {
            l.size = l.glyphs.iter().map(|g| g.size).fold(1.0, f64::max);
        }
        crate::sort::sort_by(&mut l.glyphs, |a, b| a.x.total_cmp(&b.x));
        dedupe(&mut l.glyphs);
    }
    lines.retain(|l| l.glyphs.iter().any(|g| !g.space));
    // Raised small lines (superscripts, note marks) join the line below.
    let mut merged: Vec<Line> = Vec::with_capacity(lines.len());
    let mut it = lines.into_iter().peekable();
    while let Some(mut c) = it.next() {
        if let Some(d) = it.peek_mut() {
            if joins_below(&c, d) {
                for g in &mut c.glyphs {
                    g.raised = true;
                }
                d.glyphs.extend(c.glyphs);
                crate::sort::sort_by(&mut d.glyphs, |a, b| a.x.total_cmp(&b.x));
                continue;
            }
        }
        merged.push(c);
    }
    let lines = merged;
    PageLines {
        number: p.number,
        width: p.width,
        height: p.height,
        lines,
        rotated,
        has_text,
        images: p.images,
    }
}

/// A short line of smaller glyphs raised a little above `d`, sitting in gaps of `d`: a
/// superscript or note mark of `d`.
fn joins_below(c: &Line, d: &Line) -> bool {
    let rise = c.y - d.y;
    if !(rise > 0.0 && rise <= 0.75 * d.size) {
        return false;
    }
    let visible = || c.glyphs.iter().filter(|g| !g.space);
    if visible().count() > 8 || !visible().all(|g| g.size <= 0.85 * d.size) {
        return false;
    }
    if c.x0() < d.x0() - 2.0 * d.size || c.x1() > d.x1() + 2.0 * d.size {
        return false;
    }
    // Inline: never over a glyph of the line below.
    visible().all(|g| {
        !d.glyphs
            .iter()
            .filter(|h| !h.space)
            .any(|h| g.x < h.x + h.w - 0.1 * h.size && h.x < g.x + g.w - 0.1 * g.size)
    })
}

/// Drops glyphs drawn twice at (almost) the same place: simulated bold, shadows.
fn dedupe(gs: &mut Vec<G>) {
    let mut out: Vec<G> = Vec::with_capacity(gs.len());
    for g in gs.drain(..) {
        let dup = !g.space
            && out.iter().rev().take(4).any(|p| {
                p.text == g.text
                    && (p.x - g.x).abs() < 0.2 * g.size
                    && (p.y - g.y).abs() < 0.2 * g.size
            });
        if !dup {
            out.push(g);
        }
    }
    *gs = out;
}

/// A piece of a line's text: (text, font index, note id).
type Piece = (String, usize, Option<String>);

/// Text of glyphs with spaces inserted by gap; raised marks whose id `note` knows become
/// separate pieces.
fn runs(gs: &[G], size: f64, note: &dyn Fn(&str) -> Option<String>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut prev_end: Option<f64> = None;
    let mut pending_space = false;
    let mut i = 0;
    let push = |out: &mut Vec<Piece>, t: &str, font: usize, r: Option<String>| {
        if r.is_none() {
            if let Some(last) = out.last_mut() {
                if last.1 == font && last.2.is_none() {
                    last.0.push_str(t);
                    return;
                }
            }
        }
        out.push((t.to_owned(), font, r));
    };
    while i < gs.len() {
        let g = &gs[i];
        if g.space {
            pending_space = prev_end.is_some();
            i += 1;
            continue;
        }
        // A raised mark: digits glued to the previous word.
        if g.raised {
            let mut j = i;
            let mut mark = String::new();
            while j < gs.len()
                && gs[j].raised
                && !gs[j].space
                && gs[j].text.chars().all(|c| c.is_ascii_digit() || c == '*')
            {
                mark.push_str(&gs[j].text);
                j += 1;
            }
            if !mark.is_empty() && prev_end.is_some() && !pending_space {
                if let Some(id) = note(&mark) {
                    push(&mut out, &mark, g.font, Some(id));
                    prev_end = Some(gs[j - 1].x + gs[j - 1].w);
                    i = j;
                    continue;
                }
            }
        }
        if let Some(end) = prev_end {
            let gap = g.x - end;
            let ends_space = out.last().is_some_and(|p| p.0.ends_with(' '));
            if (pending_space || gap > 0.15 * size.max(g.size))
                && !ends_space
                && !g.text.starts_with(' ')
            {
                let font = out
                    .last()
                    .map_or(g.font, |p| if p.2.is_some() { g.font } else { p.1 });
                push(&mut out, " ", font, None);
            }
        }
        push(&mut out, &g.text, g.font, None);
        pending_space = false;
        let end = g.x + g.w;
        prev_end =
            Some(prev_end.map_or(end, |p: f64| if end > p - 0.5 * g.size { end } else { p }));
        i += 1;
    }
    // Trim.
    if let Some(last) = out.last_mut() {
        let t = last.0.trim_end().len();
        last.0.truncate(t);
    }
    out.retain(|p| !p.0.is_empty());
    out
}

/// "3", "- 3 -", "– 12 –", "Trang 3", "Page 3", "3/12", "iii".
fn is_page_number(t: &str) -> bool {
    let t = t.trim().trim_matches(|c: char| {
        matches!(c, '-' | '–' | '—' | '.' | '|' | '[' | ']' | '(' | ')') || c.is_whitespace()
    });
    let lower = t.to_lowercase();
    let t = lower
        .strip_prefix("trang")
        .or_else(|| lower.strip_prefix("page"))
        .unwrap_or(&lower)
        .trim();
    if t.is_empty() || t.len() > 12 {
        return false;
    }
    let digits_ok =
        |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits_ok(t) {
        return true;
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits_ok(a.trim()) && digits_ok(b.trim());
    }
    if let Some((a, b)) = t.split_once(" of ").or_else(|| t.split_once(" trên ")) {
        return digits_ok(a.trim()) && digits_ok(b.trim());
    }
    t.len() <= 5 && t.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
}

/// Running header/footer key: the text without digits, spaces collapsed, lowercased.
fn furniture_key(t: &str) -> String {
    let s: String = t
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect::<String>()
        .to_lowercase();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines in the top/bottom band of a page (index ranges of candidates for furniture).
fn edge_candidates(p: &PageLines) -> Vec<(usize, bool)> {
    let n = p.lines.len();
    let mut v = Vec::new();
    for i in 0..n.min(2) {
        if p.lines[i].y >= p.height * 0.80 {
            v.push((i, true));
        }
    }
    for i in n.saturating_sub(2)..n {
        if p.lines[i].y <= p.height * 0.20 && !v.iter().any(|(j, _)| *j == i) {
            v.push((i, false));
        }
    }
    v
}

/// The left/right column split of a two-column block starting at `start`: the end index
/// (exclusive), the split x, and per line its side (L, R, or B for both).
fn column_zone(
    lines: &[Line],
    start: usize,
    max_lines: usize,
    page_width: f64,
) -> Option<(usize, f64, Vec<char>)> {
    // The window: consecutive lines without a wide vertical gap.
    let mut end = start + 1;
    while end < lines.len() && end < start + max_lines {
        let (a, b) = (&lines[end - 1], &lines[end]);
        if a.y - b.y > 4.0 * a.size.max(b.size) {
            break;
        }
        end += 1;
    }
    let window = &lines[start..end];
    // The split: a wide gap inside one of the first lines, else the widest gap between the
    // x-extents of the first lines (columns whose lines are at different heights).
    let split = window
        .iter()
        .take(4)
        .find_map(|l| widest_gap(l, 1.0))
        .or_else(|| {
            (2..=window.len().min(6))
                .rev()
                .find_map(|k| extent_gap(&window[..k]))
        })?;
    // Column centres: from the lines with text on both sides when there are some.
    let (mut lc, mut rc, mut nl, mut nr) = (0.0, 0.0, 0.0, 0.0);
    for l in window {
        if let Some((a, b)) = sides(l, split) {
            lc += a;
            rc += b;
            nl += 1.0;
            nr += 1.0;
        }
    }
    if nl == 0.0 {
        for l in window {
            if l.x1() <= split {
                lc += l.center();
                nl += 1.0;
            } else if l.x0() >= split {
                rc += l.center();
                nr += 1.0;
            }
        }
    }
    if nl == 0.0 || nr == 0.0 {
        return None;
    }
    let (lc, rc) = (lc / nl, rc / nr);
    let tol = (0.1 * page_width).max(30.0);
    let mut kinds = Vec::new();
    for l in window {
        let kind = if sides(l, split).is_some() {
            'B'
        } else if l.x1() <= split && (l.center() - lc).abs() <= tol {
            'L'
        } else if l.x0() >= split && (l.center() - rc).abs() <= tol {
            'R'
        } else {
            break;
        };
        kinds.push(kind);
    }
    let both = kinds.iter().filter(|&&k| k == 'B').count();
    let (nl, nr) = (
        kinds.iter().filter(|&&k| k == 'L').count(),
        kinds.iter().filter(|&&k| k == 'R').count(),
    );
    let ok = kinds.len() >= 2 && (both >= 1 || (nl >= 1 && nr >= 1 && kinds.len() >= 3));
    ok.then_some((start + kinds.len(), split, kinds))
}

/// Midpoint of the widest gap (≥ 1 em) between the x-extents of `lines`, if they fall into two
/// groups.
fn extent_gap(lines: &[Line]) -> Option<f64> {
    let mut iv: Vec<(f64, f64, f64)> = lines
        .iter()
        .map(|l| (l.x0(), l.x1(), l.size))
        .filter(|v| v.0.is_finite())
        .collect();
    crate::sort::sort_by(&mut iv, |a, b| a.0.total_cmp(&b.0));
    let mut best: Option<(f64, f64)> = None;
    let mut reach = f64::NEG_INFINITY;
    for (k, &(x0, x1, size)) in iv.iter().enumerate() {
        if k > 0 && x0 - reach > size && best.is_none_or(|(g, _)| x0 - reach > g) {
            best = Some((x0 - reach, (x0 + reach) / 2.0));
        }
        reach = reach.max(x1);
    }
    best.map(|(_, x)| x)
}

/// Midpoint of the widest gap wider than `min_em` × size between non-space glyphs.
fn widest_gap(l: &Line, min_em: f64) -> Option<f64> {
    let gs: Vec<&G> = l.glyphs.iter().filter(|g| !g.space && !g.raised).collect();
    let mut best: Option<(f64, f64)> = None;
    let mut end = f64::NEG_INFINITY;
    for (w, g) in gs.iter().enumerate() {
        if w > 0 {
            let gap = g.x - end;
            if gap > min_em * l.size && best.is_none_or(|(b, _)| gap > b) {
                best = Some((gap, end + gap / 2.0));
            }
        }
        end = end.max(g.x + g.w);
    }
    best.map(|(_, x)| x)
}

/// Centres of the left and right parts when the line has text on both sides of `split` and no
/// glyph crosses it.
fn sides(l: &Line, split: f64) -> Option<(f64, f64)> {
    let mut left = (f64::INFINITY, f64::NEG_INFINITY);
    let mut right = (f64::INFINITY, f64::NEG_INFINITY);
    for g in l.glyphs.iter().filter(|g| !g.space) {
        if g.x < split && g.x + g.w > split {
            return None;
        }
        let side = if g.x + g.w / 2.0 < split {
            &mut left
        } else {
            &mut right
        };
        side.0 = side.0.min(g.x);
        side.1 = side.1.max(g.x + g.w);
    }
    (left.0.is_finite() && right.0.is_finite())
        .then(|| ((left.0 + left.1) / 2.0, (right.0 + right.1) / 2.0))
}

/// Builds the document.
pub fn build(
    pages: Vec<PageInput>,
    font_names: &[Rc<str>],
    diags: &mut Vec<Diagnostic>,
) -> ContainerDoc {
    let mut pages: Vec<PageLines> = pages.into_iter().map(page_lines).collect();
    let mut doc = ContainerDoc::default();
    let font = |i: usize| font_names.get(i).map(|s| s.to_string());

    if !pages.iter().any(|p| p.has_text || !p.rotated.is_empty()) {
        diags.push(diag(
            Severity::Warning,
            "pdf.noTextLayer",
            "Tệp PDF là ảnh quét, không có lớp chữ (text layer): cần nhận dạng ký tự (OCR) trước khi phân tích."
                .into(),
        ));
        return doc;
    }
    let empty: Vec<u32> = pages
        .iter()
        .filter(|p| !p.has_text && p.images > 0)
        .map(|p| p.number)
        .collect();
    if !empty.is_empty() {
        let list: Vec<String> = empty.iter().take(50).map(u32::to_string).collect();
        diags.push(diag(
            Severity::Info,
            "pdf.page.noText",
            format!(
                "Các trang chỉ có ảnh, không có lớp chữ (cần OCR): {}.",
                list.join(", ")
            ),
        ));
    }

    // Body font size: the commonest glyph size.
    let mut sizes: HashMap<i64, usize> = HashMap::new();
    for p in &pages {
        for l in &p.lines {
            for g in l.glyphs.iter().filter(|g| !g.space && !g.raised) {
                *sizes.entry((g.size * 2.0).round() as i64).or_default() += g.text.chars().count();
            }
        }
    }
    let body_size = sizes
        .iter()
        .max_by_key(|(s, n)| (**n, -**s))
        .map_or(12.0, |(s, _)| *s as f64 / 2.0);

    // Furniture: page numbers, then repeated headers/footers.
    let mut furniture: Vec<(usize, usize)> = Vec::new(); // (page index, line index)
    let mut key_pages: HashMap<(String, bool), Vec<(usize, usize)>> = HashMap::new();
    for (pi, p) in pages.iter().enumerate() {
        for (li, top) in edge_candidates(p) {
            let t = p.lines[li].text();
            let after_furniture = li > 0 && furniture.last() == Some(&(pi, li - 1));
            if is_page_number(&t) && (li == 0 || li + 1 == p.lines.len() || after_furniture) {
                furniture.push((pi, li));
                continue;
            }
            let k = furniture_key(&t);
            if k.chars().filter(|&c| crate::letters::is_letter(c)).count() >= 3 {
                key_pages.entry((k, top)).or_default().push((pi, li));
            }
        }
    }
    let npages = pages.len();
    for (_, occ) in key_pages {
        let mut distinct: Vec<usize> = occ.iter().map(|(p, _)| *p).collect();
        distinct.dedup();
        if npages >= 2 && distinct.len() >= 2 && distinct.len() * 2 >= npages {
            furniture.extend(occ);
        }
    }
    crate::sort::sort(&mut furniture);
    furniture.dedup();
    let mut is_furn: Vec<Vec<bool>> = pages.iter().map(|p| vec![false; p.lines.len()]).collect();
    for &(pi, li) in &furniture {
        is_furn[pi][li] = true;
        let p = &pages[pi];
        let l = &p.lines[li];
        let mut para = line_paragraph(l, p.number, &font, &|_| None);
        para.style = Some(if l.y >= p.height / 2.0 {
            "header".into()
        } else {
            "footer".into()
        });
        doc.furniture.push(Block::Paragraph(para));
    }

    // Footnotes: the small-font lines at the bottom of a page that start with a note mark.
    let mut note_of: Vec<HashMap<String, String>> = vec![HashMap::new(); pages.len()];
    let mut is_note: Vec<Vec<bool>> = pages.iter().map(|p| vec![false; p.lines.len()]).collect();
    let mut used_ids: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (pi, p) in pages.iter().enumerate() {
        let body_idx: Vec<usize> = (0..p.lines.len()).filter(|&i| !is_furn[pi][i]).collect();
        let mut k = body_idx.len();
        while k > 0 && p.lines[body_idx[k - 1]].size <= 0.88 * body_size {
            k -= 1;
        }
        if k == 0 || k == body_idx.len() {
            continue;
        }
        // Raised digit marks in the body of this page: plain note marks must match one.
        let mut marks: std::collections::HashSet<String> = std::collections::HashSet::new();
        for &li in &body_idx[..k] {
            let gs = &p.lines[li].glyphs;
            let mut cur = String::new();
            for g in gs.iter() {
                if g.raised && !g.space && g.text.chars().all(|c| c.is_ascii_digit() || c == '*') {
                    cur.push_str(&g.text);
                } else if !cur.is_empty() {
                    marks.insert(std::mem::take(&mut cur));
                }
            }
            if !cur.is_empty() {
                marks.insert(cur);
            }
        }
        let plain = |m: &str| marks.contains(m);
        let first = &p.lines[body_idx[k]];
        if first.note_mark(&plain).is_none() || first.y > p.height * 0.5 {
            continue;
        }
        let mut current: Option<(String, Vec<Block>)> = None;
        let mut notes: Vec<(String, Vec<Block>)> = Vec::new();
        for &li in &body_idx[k..] {
            let l = &p.lines[li];
            is_note[pi][li] = true;
            if let Some((mark, at)) = l.note_mark(&plain) {
                if let Some(c) = current.take() {
                    notes.push(c);
                }
                let line = Line {
                    y: l.y,
                    size: l.size,
                    glyphs: l.glyphs[at..].to_vec(),
                };
                current = Some((
                    mark,
                    vec![Block::Paragraph(line_paragraph(
                        &line,
                        p.number,
                        &font,
                        &|_| None,
                    ))],
                ));
            } else if let Some(c) = current.as_mut() {
                c.1.push(Block::Paragraph(line_paragraph(
                    l,
                    p.number,
                    &font,
                    &|_| None,
                )));
            }
        }
        if let Some(c) = current.take() {
            notes.push(c);
        }
        for (mark, blocks) in notes {
            let id = if used_ids.contains(&mark) {
                format!("{mark}-p{}", p.number)
            } else {
                mark.clone()
            };
            used_ids.insert(id.clone());
            note_of[pi].insert(mark, id.clone());
            doc.notes.push(Note { id, blocks });
        }
    }

    // Usual line pitch (baseline distance / size) of body lines.
    let mut ratios: Vec<f64> = Vec::new();
    for (pi, p) in pages.iter().enumerate() {
        let idx: Vec<usize> = (0..p.lines.len())
            .filter(|&i| !is_furn[pi][i] && !is_note[pi][i])
            .collect();
        for w in idx.windows(2) {
            let (a, b) = (&p.lines[w[0]], &p.lines[w[1]]);
            let s = a.size.max(b.size);
            let r = (a.y - b.y) / s;
            if r > 0.8 && r < 4.0 && (a.size - b.size).abs() < 0.2 * s {
                ratios.push(r);
            }
        }
    }
    crate::sort::sort_by(&mut ratios, f64::total_cmp);
    let pitch = ratios
        .get(ratios.len() / 2)
        .copied()
        .unwrap_or(1.2)
        .clamp(1.0, 3.0);

    // Body.
    for (pi, p) in pages.iter_mut().enumerate() {
        let notes = note_of[pi].clone();
        let lookup = |m: &str| {
            notes.get(m).cloned().or_else(|| {
                if pi > 0 {
                    note_of[pi - 1].get(m).cloned()
                } else {
                    None
                }
            })
        };
        let idx: Vec<usize> = (0..p.lines.len())
            .filter(|&i| !is_furn[pi][i] && !is_note[pi][i])
            .collect();
        let lines: Vec<Line> = idx.iter().map(|&i| p.lines[i].clone()).collect();
        let mut k = 0;
        let mut prev: Option<&Line> = None;
        while k < lines.len() {
            let l = &lines[k];
            // Two-column blocks: the letterhead at the top of page 1, the signature block.
            let zone = if pi == 0 && k == 0 {
                column_zone(&lines, 0, 14, p.width).filter(|_| l.y >= p.height * 0.55)
            } else if starts_distribution(&l.text()) {
                column_zone(&lines, k, 20, p.width)
            } else {
                None
            };
            if let Some((end, split, kinds)) = zone {
                if prev.is_some() {
                    push_empty(&mut doc.body, p.number);
                }
                for side in ['L', 'R'] {
                    for (j, kind) in kinds.iter().enumerate() {
                        let line = &lines[k + j];
                        let part: Vec<G> = match (kind, side) {
                            ('B', 'L') => line
                                .glyphs
                                .iter()
                                .filter(|g| g.x + g.w / 2.0 < split)
                                .cloned()
                                .collect(),
                            ('B', 'R') => line
                                .glyphs
                                .iter()
                                .filter(|g| g.x + g.w / 2.0 >= split)
                                .cloned()
                                .collect(),
                            (k2, s2) if *k2 == s2 => line.glyphs.clone(),
                            _ => continue,
                        };
                        let sub = Line {
                            y: line.y,
                            size: line.size,
                            glyphs: part,
                        };
                        if sub.glyphs.iter().any(|g| !g.space) {
                            doc.body.push(Block::Paragraph(line_paragraph(
                                &sub, p.number, &font, &lookup,
                            )));
                        }
                    }
                    push_empty(&mut doc.body, p.number);
                }
                prev = Some(&lines[end - 1]);
                k = end;
                continue;
            }
            if let Some(pl) = prev {
                let s = pl.size.max(l.size);
                if pl.y - l.y > 1.5 * pitch * s
                    && !matches!(doc.body.last(), Some(Block::Paragraph(q)) if q.runs.is_empty())
                {
                    push_empty(&mut doc.body, p.number);
                }
            }
            doc.body.push(Block::Paragraph(line_paragraph(
                l, p.number, &font, &lookup,
            )));
            prev = Some(l);
            k += 1;
        }
        for r in std::mem::take(&mut p.rotated) {
            push_empty(&mut doc.body, p.number);
            doc.body.push(Block::Paragraph(Paragraph {
                runs: vec![Run {
                    text: r.trim().to_owned(),
                    font: None,
                    note_ref: None,
                    caps: false,
                }],
                page: Some(p.number),
                ..Default::default()
            }));
        }
    }
    // No trailing empty paragraph.
    while matches!(doc.body.last(), Some(Block::Paragraph(q)) if q.runs.is_empty()) {
        doc.body.pop();
    }
    doc
}

/// "Nơi nhận" in Unicode, or as the cp1252 letters of TCVN3 ("N¬i nhËn") and VNI ("Nôi nhaän").
fn starts_distribution(t: &str) -> bool {
    let t = t.trim_start();
    ["Nơi nhận", "N¬i nhËn", "Nôi nhaän"]
        .iter()
        .any(|p| t.starts_with(p))
}

fn push_empty(body: &mut Vec<Block>, page: u32) {
    match body.last() {
        None => {}
        Some(Block::Paragraph(q)) if q.runs.is_empty() => {}
        Some(_) => body.push(Block::Paragraph(Paragraph {
            page: Some(page),
            ..Default::default()
        })),
    }
}

fn line_paragraph(
    l: &Line,
    page: u32,
    font: &dyn Fn(usize) -> Option<String>,
    note: &dyn Fn(&str) -> Option<String>,
) -> Paragraph {
    let pieces = runs(&l.glyphs, l.size, note);
    let mut out: Vec<Run> = Vec::new();
    for (i, (text, f, r)) in pieces.into_iter().enumerate() {
        let text = if i == 0 {
            text.trim_start().to_owned()
        } else {
            text
        };
        if text.is_empty() {
            continue;
        }
        out.push(Run {
            text,
            font: font(f),
            note_ref: r,
            caps: false,
        });
    }
    Paragraph {
        runs: out,
        page: Some(page),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in [
            "3",
            "- 3 -",
            "– 12 –",
            "Trang 3",
            "Page 4",
            "3/12",
            "iv",
            "[5]",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["Số 3", "I. KẾT QUẢ", "12345", "", "3.5%"] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
