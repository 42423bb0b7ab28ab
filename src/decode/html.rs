//! HTML as users paste or save it (a web page of a portal, Word's "Save as web page") →
//! [`ContainerDoc`]: block elements become paragraphs, tables become tables, list items get a
//! "-" label, and what is not the document — scripts, styles, navigation, page header/footer,
//! side bars — is left out (navigation and page chrome go to `furniture`).
//!
//! A small tokenizer, not a browser: tags are matched case-insensitively, attributes are skipped,
//! character references are decoded (named ones that occur in Vietnamese pages, and numeric ones),
//! nesting is tracked with an explicit stack bounded by [`MAX_NESTING`].

use super::container::{Block, Cell, ContainerDoc, Paragraph, Run, Table};
use crate::limits::MAX_NESTING;

/// Elements whose content is never text of the document.
const SKIPPED: [&str; 7] = ["script", "style", "noscript", "template", "svg", "head", "title"];
/// Page chrome: kept apart from the body.
const CHROME: [&str; 4] = ["nav", "header", "footer", "aside"];
/// Elements that end a paragraph.
const BLOCKS: [&str; 24] = [
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "section", "article", "main",
    "pre", "hr", "dd", "dt", "dl", "figure", "figcaption", "address",
];

/// Decodes a character reference body (without `&` and `;`).
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "bull" => '•',
        "middot" => '·',
        "times" => '×',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "atilde" => 'ã',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "igrave" => 'ì',
        "iacute" => 'í',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "otilde" => 'õ',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "yacute" => 'ý',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Acirc" => 'Â',
        "Atilde" => 'Ã',
        "Egrave" => 'È',
        "Eacute" => 'É',
        "Ecirc" => 'Ê',
        "Igrave" => 'Ì',
        "Iacute" => 'Í',
        "Ograve" => 'Ò',
        "Oacute" => 'Ó',
        "Ocirc" => 'Ô',
        "Otilde" => 'Õ',
        "Ugrave" => 'Ù',
        "Uacute" => 'Ú',
        "Yacute" => 'Ý',
        _ => return None,
    })
}

/// Appends `raw` text to `out`, decoding character references and collapsing whitespace as HTML
/// renders it (unless `pre`).
fn push_text(out: &mut String, raw: &str, pre: bool) {
    let mut rest = raw;
    while !rest.is_empty() {
        let Some(c) = rest.chars().next() else { break };
        if c == '&' {
            if let Some(end) = rest[1..].find(';').filter(|&e| e > 0 && e <= 10) {
                if let Some(ch) = entity(&rest[1..1 + end]) {
                    out.push(ch);
                    rest = &rest[end + 2..];
                    continue;
                }
            }
        }
        if !pre && c.is_whitespace() && c != '\u{A0}' {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
}

/// One open table being built.
#[derive(Default)]
struct TableBuild {
    rows: Vec<Vec<Cell>>,
    /// Blocks of the body (or enclosing cell) before the table.
    outer: Vec<Block>,
}

struct Builder {
    doc: ContainerDoc,
    /// Where finished blocks go: the body, or the innermost open cell.
    blocks: Vec<Block>,
    para: String,
    label: Option<String>,
    tables: Vec<TableBuild>,
    /// Blocks of the current cell are collected in `blocks`; this flags that a cell is open.
    cell_open: Vec<bool>,
}

impl Builder {
    fn end_paragraph(&mut self) {
        let text = self.para.trim().to_owned();
        self.para.clear();
        if !text.is_empty() {
            let mut p = Paragraph { runs: vec![Run { text, font: None, note_ref: None, caps: false }], ..Default::default() };
            p.label = self.label.take();
            self.blocks.push(Block::Paragraph(p));
        }
        self.label = None;
    }

    fn start_table(&mut self) {
        self.end_paragraph();
        let outer = std::mem::take(&mut self.blocks);
        self.tables.push(TableBuild { rows: Vec::new(), outer });
        self.cell_open.push(false);
    }

    fn end_cell(&mut self) {
        self.end_paragraph();
        if self.cell_open.last() == Some(&true) {
            let blocks = std::mem::take(&mut self.blocks);
            if let Some(t) = self.tables.last_mut() {
                if t.rows.is_empty() {
                    t.rows.push(Vec::new());
                }
                if let Some(row) = t.rows.last_mut() {
                    row.push(Cell { blocks });
                }
            }
            if let Some(open) = self.cell_open.last_mut() {
                *open = false;
            }
        }
    }

    fn start_cell(&mut self) {
        self.end_cell();
        if let Some(open) = self.cell_open.last_mut() {
            *open = true;
        }
    }

    fn start_row(&mut self) {
        self.end_cell();
        if let Some(t) = self.tables.last_mut() {
            t.rows.push(Vec::new());
        }
    }

    fn end_table(&mut self) {
        self.end_cell();
        if let Some(t) = self.tables.pop() {
            self.cell_open.pop();
            let rows: Vec<Vec<Cell>> = t.rows.into_iter().filter(|r| !r.is_empty()).collect();
            self.blocks = t.outer;
            if !rows.is_empty() {
                self.blocks.push(Block::Table(Table { rows }));
            }
        }
    }
}

/// Reads HTML text.
pub fn read(html: &str) -> ContainerDoc {
    let mut b = Builder { doc: ContainerDoc::default(), blocks: Vec::new(), para: String::new(), label: None, tables: Vec::new(), cell_open: Vec::new() };
    let mut skip_until: Option<String> = None; // closing tag that ends a skipped element
    let mut chrome_depth = 0usize;
    let mut chrome_text = String::new();
    let mut pre = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_until.is_none() {
                if chrome_depth > 0 {
                    push_text(&mut chrome_text, rest, false);
                } else {
                    push_text(&mut b.para, rest, pre > 0);
                }
            }
            break;
        };
        let (text, after) = rest.split_at(lt);
        if skip_until.is_none() && !text.is_empty() {
            if chrome_depth > 0 {
                push_text(&mut chrome_text, text, false);
            } else {
                push_text(&mut b.para, text, pre > 0);
            }
        }
        // Comments and doctype.
        if let Some(c) = after.strip_prefix("<!--") {
            rest = c.find("-->").map_or("", |e| &c[e + 3..]);
            continue;
        }
        let Some(gt) = after.find('>') else {
            // A lone '<' in text.
            if skip_until.is_none() && chrome_depth == 0 {
                b.para.push('<');
            }
            rest = &after[1..];
            continue;
        };
        let tag = &after[1..gt];
        rest = &after[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            if skip_until.is_none() && chrome_depth == 0 && !tag.starts_with('!') && !tag.starts_with('?') {
                // Not a tag: "<" followed by text, e.g. "a < b".
                b.para.push('<');
                push_text(&mut b.para, tag, pre > 0);
                b.para.push('>');
            }
            continue;
        }
        if let Some(end) = &skip_until {
            if closing && &name == end {
                skip_until = None;
            }
            continue;
        }
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            skip_until = Some(name);
            continue;
        }
        if CHROME.contains(&name.as_str()) {
            if closing {
                chrome_depth = chrome_depth.saturating_sub(1);
                if chrome_depth == 0 && !chrome_text.trim().is_empty() {
                    b.doc.furniture.push(Block::Paragraph(Paragraph::plain(chrome_text.trim(), None)));
                    chrome_text.clear();
                }
            } else if chrome_depth < MAX_NESTING {
                chrome_depth += 1;
            }
            continue;
        }
        if chrome_depth > 0 {
            if BLOCKS.contains(&name.as_str()) && !chrome_text.ends_with(' ') {
                chrome_text.push(' ');
            }
            continue;
        }
        match (name.as_str(), closing) {
            ("table", false) if b.tables.len() < MAX_NESTING => b.start_table(),
            ("table", true) => b.end_table(),
            ("tr", false) => b.start_row(),
            ("tr", true) => b.end_cell(),
            ("td" | "th", false) if !b.tables.is_empty() => b.start_cell(),
            ("td" | "th", true) => b.end_cell(),
            ("pre", false) => {
                b.end_paragraph();
                pre += 1;
            }
            ("pre", true) => {
                b.end_paragraph();
                pre = pre.saturating_sub(1);
            }
            ("br", _) => {
                if pre > 0 {
                    b.para.push('\n');
                } else {
                    b.end_paragraph();
                }
            }
            ("li", false) => {
                b.end_paragraph();
                b.label = Some("-".into());
            }
            (n, _) if BLOCKS.contains(&n) => b.end_paragraph(),
            _ => {}
        }
    }
    while !b.tables.is_empty() {
        b.end_table();
    }
    b.end_paragraph();
    b.doc.body = std::mem::take(&mut b.blocks);
    b.doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::flatten::flatten;

    fn text(html: &str) -> String {
        flatten(&read(html)).text
    }

    #[test]
    fn đoạn_tiêu_đề_và_thực_thể() {
        let t = text("<html><head><title>Cổng TTĐT</title><style>p{}</style></head><body><h1>BÁO&nbsp;CÁO</h1><p>Kết quả   thực\nhiện &amp; đánh giá &#7871; &#x1EC7;</p><p>Dòng<br>hai</p></body></html>");
        assert_eq!(t, "BÁO\u{A0}CÁO\nKết quả thực hiện & đánh giá ế ệ\nDòng\nhai\n");
    }

    #[test]
    fn bảng_và_danh_sách() {
        let t = text("<table><tr><td>ỦY BAN NHÂN DÂN</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr><tr><td><p>Số: 1/BC</p></td><td>Hà Nội, ngày 5</td></tr></table><ul><li>Một</li><li>Hai</li></ul>");
        assert_eq!(t, "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/BC\nHà Nội, ngày 5\n- Một\n- Hai\n");
    }

    #[test]
    fn bỏ_khung_trang_web_script_và_ghi_chú() {
        let d = read("<nav>Trang chủ | Tin tức 01/01/2020</nav><script>var d='<p>x</p>';</script><!-- <p>ẩn</p> --><main><p>Nội dung</p></main><footer>Bản quyền 2024</footer>");
        // Page chrome is kept apart: after the body, never mixed into it.
        assert_eq!(flatten(&d).text, "Nội dung\nTrang chủ | Tin tức 01/01/2020\nBản quyền 2024\n");
        assert_eq!(d.furniture.len(), 2);
    }

    #[test]
    fn html_hỏng_không_panic() {
        for s in ["<", "<<>>", "<p", "</table></tr><td>x", "&#99999999;&#x;&;", "<table>".repeat(1000).as_str(), "<script>never closed"] {
            let _ = text(s);
        }
        assert_eq!(text("a < b &lt; c"), "a < b < c\n");
    }
}
