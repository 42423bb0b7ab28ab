//! Reflow: clean text with hard-wrapped lines → one line per paragraph, plus an offset map back.
//!
//! OCR and PDF text break lines where the page did ("… thực hiện cun\ng cấp …"); docx text has one
//! paragraph per line. Joining the wrapped lines is what lets headings, sentences and figures be
//! read whole. What must stay on lines of their own does: headings and list items (lines that
//! start with a marker), capitalised lines (letterhead, titles, signature block), "Kính gửi",
//! "Nơi nhận", "Căn cứ", and lines that end a sentence or a list item.
//!
//! Rules, in order (L = a line, N = the next non-blank line):
//! 1. *Double-spaced text* (PDF text with a blank line after every line, seed 003): one blank line
//!    is a soft break; two or more are a paragraph break. Otherwise every blank line is one —
//!    except in hard-wrapped text before a line starting with a lower-case letter: no paragraph
//!    starts in lower case, so that is a sentence going on across a page break.
//! 2. Never join when L ends a block (ends with `.`, `:`, `;`, `!`, `?`, is capitalised) or N starts
//!    one (a marker, a capitalised line, a block keyword).
//! 3. Join when N starts with a lower-case letter, a digit or an opening bracket: a sentence goes on.
//! 4. Join when N starts with a capital (Vietnamese capitalises proper nouns mid-sentence:
//!    "của\nỦy ban nhân dân") only if the text is hard-wrapped (lines about a page wide: their
//!    75th-percentile length is at most [`WRAPPED_WIDTH_MAX`]) and L reaches at least
//!    [`FULL_LINE_SHARE`] of that width — a short line ended its paragraph.
//! 5. Page-number lines ("2", "- 3 -", "Trang 4") that form an increasing run are removed.

use super::offset_map::OffsetMap;
use crate::fold::fold;
use crate::letters::{is_lower, is_upper};
use regex::Regex;
use std::sync::OnceLock;

/// Widest 75th-percentile line (chars) for which text counts as hard-wrapped: A4 pages hold 70–100
/// characters of 13–14 pt Times.
pub const WRAPPED_WIDTH_MAX: usize = 110;

/// A line at least this share of the typical width reached the right margin.
pub const FULL_LINE_SHARE: f64 = 0.8;

/// Fewest non-blank lines between two bare page numbers ("12"). An A4 page of 13–14 pt text holds 30–45
/// lines, half a page 15; the row and column numbers of a flattened table (one cell per line) come
/// every 1–14 lines (legacy corpus: 2002-0112qd, 2004-B1-2-TMDA, 2004-duanLD9820).
pub const MIN_PAGE_LINES: usize = 15;

/// Reflowed text and its map.
#[derive(Debug, Clone)]
pub struct Reflowed {
    /// The text with wrapped lines joined.
    pub text: String,
    /// Output byte → input byte.
    pub map: OffsetMap,
    /// Line joins made.
    pub joins: usize,
    /// Page-number lines removed.
    pub page_numbers: usize,
}

struct Patterns {
    marker: Regex,
    page_number: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        // Headings and list items: I. / 1. / 1.2. / a) / - / + / • / Phần / Chương / Mục / Điều.
        marker: Regex::new(
            r"^(?:[IVXLC]{1,7}\s*[.)]|[0-9]{1,3}(?:\.[0-9]{1,3}){0,3}\s*[.)](?:\s|$)|[a-zđ]\s*\)|[-+*•–—●○▪■]\s|(?:[Pp]hần|PHẦN|[Cc]hương|CHƯƠNG|[Mm]ục|MỤC|[Đđ]iều|ĐIỀU|[Pp]hụ [Ll]ục|PHỤ LỤC)\s+(?:[IVXLC]+\b|[0-9]+|thứ\b|[A-Z]\b))",
        )
        .expect("reflow marker pattern"),
        page_number: Regex::new(r"^(?:[-–—]\s*)?(?:(?:[Tt]rang|TRANG)\s+)?([0-9]{1,3})(?:\s*[-–—])?$").expect("page number pattern"),
    })
}

/// Lines of `text` as (start, end) byte ranges, without the `\n`.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut s = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            v.push((s, i));
            s = i + 1;
        }
    }
    v.push((s, text.len()));
    v
}


/// Keywords that open a block of their own (folded).
const BLOCK_STARTS: [&str; 6] = ["kinh gui", "noi nhan", "can cu", "tm.", "kt.", "tl."];

fn starts_block(s: &str) -> bool {
    let f = fold(s.get(..s.len().min(24)).unwrap_or(s));
    patterns().marker.is_match(s) || crate::letters::mostly_capitals(s) || BLOCK_STARTS.iter().any(|k| f.starts_with(k))
}

fn ends_block(s: &str) -> bool {
    s.ends_with(['.', ':', ';', '!', '?']) || crate::letters::mostly_capitals(s) || ends_with_date_line(s)
}

/// The place-and-date line of a letterhead ends a block: "Hà Nội, ngày 13 tháng 3 năm 2001" is
/// followed by the type heading, which an all-caps font may hold in small letters ("quyết định
/// của bộ trưởng …") — not a sentence going on. Folded, so OCR'd "ngay … thang … nam" counts.
fn ends_with_date_line(s: &str) -> bool {
    let f = fold(s);
    let Some(k) = f.rfind("ngay ") else { return false };
    let tail = &f[k..];
    f[..k].trim_end().ends_with(',')
        && tail.contains(" thang ")
        && tail.rsplit_once("nam ").is_some_and(|(_, y)| y.trim().len() == 4 && y.trim().bytes().all(|b| b.is_ascii_digit()))
}

impl Reflowed {
    /// No change: for sources that are not reflowed.
    pub fn unchanged(text: &str) -> Self {
        Reflowed { text: text.to_owned(), map: OffsetMap::identity(text.len(), 0), joins: 0, page_numbers: 0 }
    }
}

/// Reflows `text` (see the module docs).
pub fn reflow(text: &str) -> Reflowed {
    let p = patterns();
    let all = lines(text);
    let content: Vec<&str> = all.iter().map(|&(s, e)| text[s..e].trim()).collect();

    // Page-number lines: the longest run of candidates whose numbers go up by one.
    let candidates: Vec<(usize, u32)> = content
        .iter()
        .enumerate()
        .filter_map(|(i, l)| p.page_number.captures(l).and_then(|c| c[1].parse().ok()).map(|n| (i, n)))
        .collect();
    // A page of text lies between two page numbers; numbers closer together are a table's row or
    // column numbers ("1\n2\n3", "1\nNgân sách\n2\nVốn vay"), which are content.
    let mut nonblank_before = Vec::with_capacity(content.len() + 1);
    nonblank_before.push(0usize);
    for l in &content {
        nonblank_before.push(nonblank_before.last().copied().unwrap_or(0) + usize::from(!l.is_empty()));
    }
    // "- 3 -" and "Trang 4" say they are page numbers, wherever they are (a PDF may write every
    // page's footer at the end); a bare number must have a page of text before it.
    let bare = |i: usize| content[i].bytes().all(|b| b.is_ascii_digit());
    let page_apart = |a: usize, b: usize| (!bare(a) && !bare(b)) || nonblank_before[b] - nonblank_before[a + 1] >= MIN_PAGE_LINES;
    let mut drop = vec![false; all.len()];
    let (mut best, mut run) = ((0, 0), (0, 0)); // (start index in candidates, length)
    for k in 0..candidates.len() {
        if k > 0 && candidates[k].1 == candidates[k - 1].1 + 1 && page_apart(candidates[k - 1].0, candidates[k].0) {
            run.1 += 1;
        } else {
            run = (k, 1);
        }
        if run.1 > best.1 {
            best = run;
        }
    }
    let page_numbers = if best.1 >= 2 { best.1 } else { 0 };
    for &(i, _) in candidates.iter().skip(best.0).take(page_numbers) {
        drop[i] = true;
    }

    // Typical width and double spacing.
    let mut widths: Vec<usize> = content.iter().zip(&drop).filter(|(l, d)| !l.is_empty() && !**d).map(|(l, _)| l.chars().count()).collect();
    crate::sort::sort(&mut widths);
    let p75 = widths.get(widths.len() * 3 / 4).copied().unwrap_or(0);
    let wrapped = widths.len() >= 8 && p75 <= WRAPPED_WIDTH_MAX;
    let nonblank = widths.len();
    let single_gaps = (0..all.len().saturating_sub(2))
        .filter(|&i| !content[i].is_empty() && content[i + 1].is_empty() && !content[i + 2].is_empty())
        .count();
    // Only page-wide lines can be double-spaced; once joined, paragraphs separated by one blank
    // line must not look double-spaced to a second pass (normalising twice changes nothing).
    let double_spaced = wrapped && nonblank >= 8 && single_gaps * 10 >= nonblank * 6;

    // Non-blank kept lines, then one decision per gap between neighbours.
    let kept: Vec<usize> = (0..all.len()).filter(|&i| !drop[i] && !content[i].is_empty()).collect();
    let joined = |a: usize, b: usize| -> bool {
        let blanks = (a + 1..b).filter(|&k| content[k].is_empty()).count();
        let (l, n) = (content[a], content[b]);
        let first = n.chars().next();
        let lower_letter = first.is_some_and(is_lower);
        let soft = blanks == 0 || (double_spaced && blanks == 1) || (wrapped && lower_letter);
        if !soft || ends_block(l) || starts_block(n) {
            return false;
        }
        let continues = first.is_some_and(|c| is_lower(c) || c.is_ascii_digit() || c == '(');
        let capital = first.is_some_and(is_upper);
        let long = wrapped && (l.chars().count() as f64) >= FULL_LINE_SHARE * p75 as f64;
        continues || (capital && long)
    };

    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::new();
    let mut joins = 0;
    // Blank lines before the first line are kept.
    let first = kept.first().copied().unwrap_or(all.len());
    for k in 0..first.min(all.len().saturating_sub(1)) {
        if !drop[k] {
            map.anchor(out.len(), all[k].1);
            out.push('\n');
        }
    }
    for (n, &i) in kept.iter().enumerate() {
        let (s, e) = all[i];
        let lead = text[s..e].len() - text[s..e].trim_start().len();
        map.anchor(out.len(), s + lead);
        out.push_str(content[i]);
        let end = s + lead + content[i].len();
        match kept.get(n + 1) {
            Some(&next) if joined(i, next) => {
                map.anchor(out.len(), end);
                out.push(' ');
                joins += 1;
            }
            Some(&next) => {
                // Keep the line break and the blank lines as they were.
                map.anchor(out.len(), e);
                out.push('\n');
                for k in i + 1..next {
                    if !drop[k] {
                        map.anchor(out.len(), all[k].1);
                        out.push('\n');
                    }
                }
            }
            None => {
                for k in i + 1..all.len() {
                    if !drop[k] {
                        map.anchor(out.len(), all[k].0.saturating_sub(1));
                        out.push('\n');
                    }
                }
            }
        }
    }
    map.finish(out.len(), text.len());
    Reflowed { text: out, map, joins, page_numbers }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped_paragraph() -> String {
        // Eight lines about a page wide, as OCR gives them.
        let l = "Năm 2023 là năm tiếp tục triển khai thực hiện các nhiệm vụ trọng tâm của tỉnh, gắn";
        format!("{l}\nvới các giải pháp hiệu quả phát triển kinh tế - xã hội huyện sau khi tình hình dịch\nbệnh được kiểm soát; cũng là năm tập trung tổ chức sơ kết giữa nhiệm kỳ thực hiện của\nỦy ban nhân dân huyện về kế hoạch phát triển kinh tế - xã hội huyện Tháp Mười năm 2022.\n")
    }

    #[test]
    fn nối_dòng_bị_ngắt_kể_cả_trước_danh_từ_riêng() {
        let mut t = String::from("I. KẾT QUẢ ĐẠT ĐƯỢC\n");
        for _ in 0..3 {
            t.push_str(&wrapped_paragraph());
        }
        let r = reflow(&t);
        let lines: Vec<&str> = r.text.lines().collect();
        assert_eq!(lines[0], "I. KẾT QUẢ ĐẠT ĐƯỢC");
        assert_eq!(lines.len(), 4, "{:#?}", lines);
        assert!(lines[1].contains("tỉnh, gắn với các"));
        assert!(lines[1].contains("thực hiện của Ủy ban nhân dân"));
        assert!(lines[1].ends_with("năm 2022."));
    }

    #[test]
    fn tiêu_đề_gạch_đầu_dòng_và_khối_in_hoa_giữ_nguyên_dòng() {
        let t = "ỦY BAN NHÂN DÂN\nHUYỆN THÁP MƯỜI\nKính gửi: Sở Nội vụ\n1. Tổ chức hội nghị\n- Nội dung một;\n- nội dung hai\na) Mục nhỏ\nNơi nhận:\n- Như trên;\n";
        assert_eq!(reflow(t).text, t);
    }

    #[test]
    fn văn_bản_cách_dòng_đôi_của_pdf() {
        let mut t = String::new();
        for _ in 0..5 {
            t.push_str("Thực hiện Chương trình hành động số 155-CTr/HU ngày 17/11/2022 của \n\nBan Chấp hành Đảng bộ huyện khóa X, Ủy ban nhân dân huyện đã tập trung lãnh \n\nđạo quán triệt, tuyên truyền cụ thể hóa hơn 190 kế hoạch.\n\n\n");
        }
        let norm = super::super::normalise(&t).text;
        let r = reflow(&norm);
        let paras: Vec<&str> = r.text.split("\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(paras.len(), 5, "{paras:#?}");
        assert!(paras[0].contains("ngày 17/11/2022 của Ban Chấp hành"));
        assert!(paras[0].contains("tập trung lãnh đạo quán triệt"));
    }

    #[test]
    fn văn_bản_docx_một_dòng_một_đoạn_không_đổi() {
        let long = "Chỉ đạo tổ chức chu đáo Lễ kỷ niệm, thu hút đông đảo cán bộ, đảng viên và Nhân dân tham gia các hoạt động văn hóa, văn nghệ, thể dục thể thao trên địa bàn huyện trong dịp lễ";
        let t = format!("{long}\n{long}\n{long}\n{long}\n{long}\n{long}\n{long}\n{long}\n");
        assert_eq!(reflow(&t).text, t, "paragraphs without wrapping are not joined");
    }

    #[test]
    fn ngày_đầu_dòng_không_phải_số_thứ_tự_chương_trình_không_phải_chương() {
        let mut t = wrapped_paragraph().repeat(2);
        t.push_str("Ủy ban nhân dân huyện đã ban hành Quyết định số 452/QĐ-UBND ngày\n16/01/2023 về Chương trình hành động của Ủy ban nhân dân huyện thực hiện các\nChương trình hành động của tỉnh.\n");
        let r = reflow(&t);
        assert!(r.text.contains("ngày 16/01/2023 về"), "{}", r.text);
        assert!(r.text.contains("thực hiện các Chương trình"), "{}", r.text);
        assert!(reflow("Chương I\nQUY ĐỊNH CHUNG\n").text.starts_with("Chương I\n"));
    }

    #[test]
    fn câu_tiếp_tục_qua_ngắt_trang_khi_dòng_sau_viết_thường() {
        let mut t = wrapped_paragraph().repeat(2);
        t.push_str("Khẩn trương khắc phục các hạn chế trong công tác đấu giá, tạo điều kiện cho nhà đầu tư triển\n\n\n\nkhai dự án.\n");
        assert!(reflow(&t).text.contains("đầu tư triển khai dự án."));
    }

    #[test]
    fn số_trang_tăng_dần_bị_bỏ() {
        let body = "Nội dung của trang, viết đủ dài để là một dòng văn bản bình thường.\n".repeat(MIN_PAGE_LINES);
        let t = format!("{body}\n2\n\n{body}- 3 -\n{body}Trang 4\n{body}");
        let r = reflow(&t);
        assert_eq!(r.page_numbers, 3);
        assert!(!r.text.contains("- 3 -") && !r.text.contains("Trang 4") && !r.text.contains("\n2\n"));
        // A lone number that is not part of a run stays.
        assert!(reflow(&format!("{body}7\n{body}")).text.contains("\n7\n"));
    }

    #[test]
    fn số_thứ_tự_cột_và_hàng_của_bảng_không_phải_số_trang() {
        // The column numbers of a flattened table, and row numbers with one cell between them
        // (legacy corpus 2006-HHamau3-1995, 2004-B1-2-TMDA): content, not page numbers.
        let columns = "Họ và tên\nNơi thường trú\n1\n2\n3\n4\n5\n6\nNguyễn Văn A\n";
        assert_eq!(reflow(columns).page_numbers, 0);
        let rows = "Nguồn vốn\n1\nNgân sách SNKH\n2\nVốn vay tín dụng\n3\nVốn tự có\n4\nNguồn khác\n";
        assert_eq!(reflow(rows).page_numbers, 0);
        // Numbers that say they are page numbers need no page between them (footers written last).
        assert_eq!(reflow("Nội dung.\n- 1 -\n- 2 -\n- 3 -\n").page_numbers, 3);
    }

    #[test]
    fn bản_đồ_trỏ_đúng_sau_khi_nối() {
        let t = wrapped_paragraph().repeat(3);
        let r = reflow(&t);
        let at = r.text.find("Ủy ban").unwrap();
        assert!(t[r.map.to_input(at)..].starts_with("Ủy ban"));
        let at2 = r.text.find("bệnh được").unwrap();
        assert!(t[r.map.to_input(at2)..].starts_with("bệnh được"));
    }

    #[test]
    fn dòng_ngày_tháng_không_nối_với_tên_loại_chữ_thường() {
        // A title typed in small letters for an all-caps font follows the date line after a blank
        // line, in hard-wrapped text: it is not the date line's sentence going on.
        let body = wrapped_paragraph().repeat(2);
        let t = format!("Hà Nội, ngày 13 tháng 3 năm 2001\n\nquyết định của bộ trưởng bộ tài chính\n{body}");
        let r = reflow(&t);
        assert!(r.text.starts_with("Hà Nội, ngày 13 tháng 3 năm 2001\n"), "{}", r.text);
        // OCR'd without diacritics, too; and a sentence that merely mentions a date still goes on.
        let t = format!("Thap Muoi, ngay 09 thang 11 nam 2023\n\nbao cao ket qua\n{body}");
        assert!(reflow(&t).text.starts_with("Thap Muoi, ngay 09 thang 11 nam 2023\n"));
        assert!(!ends_with_date_line("được ban hành ngày 13 tháng 3 năm 2001 của"));
        assert!(ends_with_date_line("Tháp Mười, ngày 09 tháng 11 năm 2023"));
    }
}
