//! Markdown as users paste it (a docx converted by pandoc, markitdown or an AI tool) →
//! [`ContainerDoc`]: heading marks, emphasis markers, link syntax and escapes are removed, pipe
//! tables become tables, and the lines of one Markdown paragraph are joined (Markdown wraps them
//! at ~72 columns, the document did not). List items and headings stay paragraphs of their own.
//! `[footnoteRef:N]` marks and `[N: …]` notes are kept as they are: the footnote reader handles
//! them the same way in pasted docx text.

use super::container::{Block, Cell, ContainerDoc, Paragraph, Table};

/// Removes emphasis markers (`**b**`, `__b__`, `*i*`, `_i_`), link and image syntax and
/// backslash escapes from one line of inline Markdown.
fn inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // Escapes.
        if c == '\\' && i + 1 < chars.len() && "\\`*_{}[]()#+-.!|".contains(chars[i + 1]) {
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        // Links [text](url) and images ![alt](url): keep the text / alt.
        if c == '[' || (c == '!' && chars.get(i + 1) == Some(&'[')) {
            let open = if c == '!' { i + 1 } else { i };
            if let Some(close) = chars[open + 1..].iter().position(|&x| x == ']').map(|p| open + 1 + p) {
                if chars.get(close + 1) == Some(&'(') {
                    if let Some(end) = chars[close + 2..].iter().position(|&x| x == ')').map(|p| close + 2 + p) {
                        out.extend(&chars[open + 1..close]);
                        i = end + 1;
                        continue;
                    }
                }
            }
        }
        // Emphasis: a run of '*' or '_' that opens (no space after, no word char before) or
        // closes (no space before, no word char after). Intra-word underscores stay (file_name).
        if c == '*' || c == '_' {
            let mut j = i;
            while j < chars.len() && chars[j] == c {
                j += 1;
            }
            let before = if i == 0 { None } else { Some(chars[i - 1]) };
            let after = chars.get(j).copied();
            let word_before = before.is_some_and(char::is_alphanumeric);
            let word_after = after.is_some_and(char::is_alphanumeric);
            let space_after = after.is_none_or(char::is_whitespace);
            let space_before = before.is_none_or(char::is_whitespace);
            let opens = !(space_after || (c == '_' && word_before));
            let closes = !(space_before || (c == '_' && word_after));
            if (opens || closes) && !(space_before && space_after) {
                i = j;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

fn is_table_row(t: &str) -> bool {
    t.starts_with('|') && t.len() > 1
}

fn is_table_rule(t: &str) -> bool {
    is_table_row(t) && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn list_item(t: &str) -> bool {
    let b = t.as_bytes();
    (matches!(b.first(), Some(b'-' | b'*' | b'+')) && b.get(1) == Some(&b' '))
        || t.split_once(['.', ')']).is_some_and(|(n, rest)| !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit()) && rest.starts_with(' '))
}

/// Reads Markdown text.
pub fn read(md: &str) -> ContainerDoc {
    let mut body = Vec::new();
    let mut para: Vec<String> = Vec::new();
    let mut table: Vec<Vec<Cell>> = Vec::new();
    let mut fence = false;
    let flush = |para: &mut Vec<String>, body: &mut Vec<Block>| {
        if !para.is_empty() {
            body.push(Block::Paragraph(Paragraph::plain(para.join(" "), None)));
            para.clear();
        }
    };
    let flush_table = |table: &mut Vec<Vec<Cell>>, body: &mut Vec<Block>| {
        if !table.is_empty() {
            body.push(Block::Table(Table { rows: std::mem::take(table) }));
        }
    };
    for line in md.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            flush(&mut para, &mut body);
            fence = !fence;
            continue;
        }
        if fence {
            body.push(Block::Paragraph(Paragraph::plain(line, None)));
            continue;
        }
        if is_table_row(t) {
            flush(&mut para, &mut body);
            if !is_table_rule(t) {
                let inner = t.trim_start_matches('|').trim_end_matches('|');
                let row = inner.split('|').map(|c| Cell { blocks: vec![Block::Paragraph(Paragraph::plain(inline(c.trim()), None))] }).collect();
                table.push(row);
            }
            continue;
        }
        flush_table(&mut table, &mut body);
        if t.is_empty() || t.chars().all(|c| matches!(c, '-' | '*' | '_' | '=')) && t.len() >= 3 {
            flush(&mut para, &mut body);
            continue;
        }
        let hashes = t.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            flush(&mut para, &mut body);
            let mut p = Paragraph::plain(inline(t[hashes..].trim().trim_end_matches('#').trim()), None);
            p.style = Some(format!("h{hashes}"));
            body.push(Block::Paragraph(p));
            continue;
        }
        let t = t.strip_prefix("> ").unwrap_or(t);
        if list_item(t) {
            flush(&mut para, &mut body);
        }
        // Two trailing spaces or a backslash: a hard line break inside the paragraph.
        let hard_break = line.ends_with("  ") || line.ends_with('\\');
        para.push(inline(t.trim_end_matches('\\')));
        if hard_break {
            flush(&mut para, &mut body);
        }
    }
    flush(&mut para, &mut body);
    flush_table(&mut table, &mut body);
    ContainerDoc { body, ..Default::default() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::flatten::flatten;

    fn text(md: &str) -> String {
        flatten(&read(md)).text
    }

    #[test]
    fn tiêu_đề_nhấn_mạnh_liên_kết() {
        assert_eq!(
            text("# **BÁO CÁO**\n\nTình hình *thực hiện* nhiệm vụ __quý III__/2023 theo [Quyết định 452](http://x/y) và file_name_x.\n"),
            "BÁO CÁO\nTình hình thực hiện nhiệm vụ quý III/2023 theo Quyết định 452 và file_name_x.\n"
        );
    }

    #[test]
    fn đoạn_bị_ngắt_dòng_được_nối_danh_sách_tách_riêng() {
        assert_eq!(
            text("Năm 2023, huyện đã\nhoàn thành các chỉ tiêu.\n- Một;\n- Hai.\n1. Mục một\n"),
            "Năm 2023, huyện đã hoàn thành các chỉ tiêu.\n- Một;\n- Hai.\n1. Mục một\n"
        );
    }

    #[test]
    fn bảng_pipe() {
        assert_eq!(
            text("| Chỉ tiêu | Kế hoạch | Thực hiện |\n|---|:---:|---:|\n| Lúa (tấn) | 1.000 | 1.034,5 |\n"),
            "Chỉ tiêu | Kế hoạch | Thực hiện\nLúa (tấn) | 1.000 | 1.034,5\n"
        );
    }

    #[test]
    fn chú_thích_dạng_docx_giữ_nguyên_và_dấu_sao_đơn() {
        assert_eq!(text("năm 2023[footnoteRef:1]. 5 * 3 = 15\n"), "năm 2023[footnoteRef:1]. 5 * 3 = 15\n");
    }
}
