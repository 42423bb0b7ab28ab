//! Document tail → Nơi nhận entries, "Lưu: …", the signature block (quyền hạn, cơ quan, chức vụ,
//! họ tên), and the type named by the closing sentence ("Trên đây là báo cáo …").
//!
//! The Nơi nhận list and the signature often sit side by side and arrive on the same lines
//! ("Nơi nhận: TM. ỦY BAN NHÂN DÂN" / "- UBND tỉnh; CHỦ TỊCH"): what follows an entry's ";" (or a
//! wide gap) is the signature column.

use super::head::clean_entry;
use super::{cells, first_cell_head, mostly_uppercase, ocr_regex, ocr_word_eq, re};
use crate::catalogue::doc_types::{self, DocTypeEntry};
use crate::catalogue::{signing, surnames};
use crate::extract::Doc;
use crate::fold::fold;
use crate::report::{Family, Metadata, Signature};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// What the tail reader saw, for the compliance check.
#[derive(Debug, Default)]
pub(super) struct TailFound {
    /// A "Nơi nhận" line was found.
    pub noi_nhan: bool,
}

struct Patterns {
    /// "Nơi nhận:" (OCR "Noi nhgn:", "Noi nhén:"); older documents print "Nơi gửi:".
    noi_nhan: Regex,
    /// "(đã ký)", "đã ký", "(Ký tên)": the mark copies print for the signature itself.
    signed: Regex,
    /// "Lưu: …" (OCR "Lvu:", "Luu:"), possibly as a bullet.
    luu: Regex,
    /// Signing prefix at the start of a cell: "TM.", "KT", "T/M", "K/T", "TUQ.", "Q.".
    authority: Regex,
    /// "Trên đây là …" (OCR "Trén ddy 1a …").
    closing: Regex,
    /// An appendix after the signature ("Phụ lục", "(Kèm theo …").
    appendix: Regex,
    /// The adoption sentence closing a law or resolution of the Quốc hội: "Luật này đã được Quốc
    /// hội nước … khóa XI, kỳ họp thứ 4 thông qua ngày 26 tháng 11 năm 2003." (type word, then
    /// day, month, year in words or with slashes).
    adopted: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        noi_nhan: re(r"^n[o0q6e][i1l]\s*(?:nh[a-z]{1,2}n\s*:?|g[uwy][i1l]\s*:)"),
        signed: re(r"^\(?\s*(?:d[a-z]\s+k[yi]|k[yi]\s+t[e]n)\s*\)?\s*$"),
        luu: re(r"^[-+•–]?\s*l[uvwy][uvwy]\s*(?::|\s+[a-z]{1,6}(?-u:\b))"),
        authority: re(r"^(t\s*/\s*m|k\s*/\s*t|t\s*/\s*l|tuq|tm|kt|tl|q)(\.?\s+|[./]\s*)\S"),
        closing: re(&format!(r"{}\s+(\S+(?:\s+\S+){{0,3}})", ocr_regex("tren day la"))),
        appendix: re(r"^(?:ph[uw]\s+l[uw]c(?-u:\b)|\(\s*k[e]m\s+theo(?-u:\b))"),
        adopted: re(r"(?:^|[^a-z])((?:bo\s+)?luat|phap\s+lenh|nghi\s+quyet|hien\s+phap)\s+nay\s+da\s+duoc\s+[^.;]{0,200}?thong\s+qua\s+(?:vao\s+)?ngay\s+([0-9]{1,2})(?:\s+thang\s+|\s*/\s*)([0-9]{1,2})(?:\s+nam\s+|\s*/\s*)([0-9]{4})"),
    })
}

/// Lines of the Nơi nhận list read at most.
const DISTRIBUTION_LINES: usize = 40;
/// Lines read before and after the Nơi nhận block for the signature column.
const SIGNATURE_LINES: usize = 20;
/// Lines at the end read for a signature when there is no Nơi nhận.
const TAIL_LINES: usize = 15;
/// Words of a person's name.
const NAME_WORDS: std::ops::RangeInclusive<usize> = 2..=6;

/// Reads Nơi nhận, Lưu and the signature from the lines after `body_start`.
pub(super) fn read(doc: &Doc, body_start: usize, md: &mut Metadata) -> TailFound {
    let p = patterns();
    let lines = &doc.seg.lines;
    let n = lines.len();
    let mut found = TailFound::default();
    let start = body_start.min(n);
    // The last Nơi nhận line of the main text.
    let noi_nhan = (start..n).rev().find(|&i| {
        first_cell_head(doc, i).is_some_and(|c| p.noi_nhan.is_match(&c.folded.text))
    });
    let mut column: Vec<String> = Vec::new();
    if let Some(at) = noi_nhan {
        found.noi_nhan = true;
        // Signature lines printed above the list (after the closing sentence).
        let above_from = at.saturating_sub(SIGNATURE_LINES).max(start);
        let above: Vec<usize> = (above_from..at).rev().take_while(|&i| !ends_paragraph(doc, i)).collect();
        for &i in above.iter().rev() {
            for c in cells(doc, i) {
                column.push(c.text(doc).to_owned());
            }
        }
        let first = cells(doc, at);
        if let Some(c) = first.first() {
            if let Some(m) = p.noi_nhan.find(&c.folded.text) {
                let rest = doc.text[c.folded.origin(m.end())..c.end].trim();
                if !rest.is_empty() {
                    column.push(rest.to_owned());
                }
            }
        }
        column.extend(first.iter().skip(1).map(|c| c.text(doc).to_owned()));
        let mut i = at + 1;
        let mut in_list = true;
        // The last entry has no closing ";" or "." yet, so a wrapped line may continue it.
        let mut entry_open = false;
        // It ended with a comma, which cleaning drops but a continuation keeps.
        let mut entry_comma = false;
        while i < n && i < at + DISTRIBUTION_LINES + SIGNATURE_LINES {
            let cs = cells(doc, i);
            i += 1;
            let Some(c0) = cs.first() else { continue };
            let t = c0.text(doc);
            if p.appendix.is_match(&c0.folded.text) {
                break;
            }
            let bullet = t.starts_with(['-', '+', '•', '–']) || (t.starts_with(". ") && t[2..].starts_with(char::is_uppercase));
            if in_list && (bullet || p.luu.is_match(&c0.folded.text)) {
                let (entry, rest) = split_entry(t);
                if p.luu.is_match(&c0.folded.text) {
                    md.archive = Some(entry.trim_start_matches(['-', '+', '•', '–']).split_whitespace().collect::<Vec<_>>().join(" "));
                    in_list = false;
                } else {
                    let e = clean_entry(&entry);
                    if !e.is_empty() && md.distribution.len() < DISTRIBUTION_LINES {
                        md.distribution.push(e);
                    }
                    entry_open = !entry.trim_end().ends_with([';', '.']);
                    entry_comma = entry.trim_end().ends_with(',');
                }
                if let Some(r) = rest {
                    column.push(r);
                }
                column.extend(cs.iter().skip(1).map(|c| c.text(doc).to_owned()));
                continue;
            }
            // "(đã ký)" stands for the signature; it is neither an entry nor a continuation.
            if p.signed.is_match(&c0.folded.text) {
                continue;
            }
            // Legacy .doc frames interleave the signature block with the list ("Nơi nhận:" /
            // "KT. BỘ TRƯỞNG" / "- VP Quốc hội" / "Thứ trưởng" / "- …"): a short non-entry line
            // with list entries going on right under it belongs to the signature column.
            if in_list && interleaved(doc, i, n, t, md.family) {
                column.extend(cs.iter().map(|c| c.text(doc).to_owned()));
                continue;
            }
            // A wrapped entry continues in lower case ("- Các Bộ, cơ quan" / "thuộc Chính phủ"), or
            // with a capital when the entry was left open and the line closes it like an entry
            // ("- Thủ tướng và các Phó Thủ tướng" / "Chính phủ (để b/c);").
            let closes_open_entry = entry_open && t.trim_end().ends_with([';', ',']) && authority_of(t, md.family).is_none();
            if in_list && (t.chars().next().is_some_and(char::is_lowercase) || closes_open_entry) {
                if let Some(last) = md.distribution.last_mut() {
                    let (entry, rest) = split_entry(t);
                    if entry_comma {
                        last.push(',');
                    }
                    last.push(' ');
                    last.push_str(&clean_entry(&entry));
                    entry_open = !entry.trim_end().ends_with([';', '.']);
                    entry_comma = entry.trim_end().ends_with(',');
                    column.extend(rest);
                    column.extend(cs.iter().skip(1).map(|c| c.text(doc).to_owned()));
                    continue;
                }
            }
            in_list = false;
            column.extend(cs.iter().map(|c| c.text(doc).to_owned()));
        }
    } else {
        // No Nơi nhận: the signature follows the closing "./." or ends the text.
        let end = (start..n).find(|&i| i > start + 5 && i + 3 < n && is_late(i, n) && first_cell_head(doc, i).is_some_and(|c| p.appendix.is_match(&c.folded.text))).unwrap_or(n);
        let from = (start..end).rev().take(TAIL_LINES * 4).find(|&i| lines[i].text(doc.text).trim_end().ends_with("./.")).map_or_else(|| last_filled(doc, start, end, TAIL_LINES), |i| i + 1);
        let to = (from..end).filter(|&i| !lines[i].is_blank(doc.text)).nth(SIGNATURE_LINES).unwrap_or(end);
        for (i, line) in lines.iter().enumerate().take(to).skip(from) {
            // Table rows ("7 | Đồng An | …") are data, not a signature column.
            if line.text(doc.text).contains('|') {
                continue;
            }
            let cs = cells(doc, i);
            column.extend(cs.iter().map(|c| c.text(doc).to_owned()));
        }
    }
    md.signature = signature(&column, md.family);
    found
}

/// The first of the last `count` non-blank lines in `start..end` (trailing blank lines and a page
/// number do not push the signature out of the window).
fn last_filled(doc: &Doc, start: usize, end: usize, count: usize) -> usize {
    (start..end).rev().filter(|&i| !doc.seg.lines[i].is_blank(doc.text)).take(count).last().unwrap_or(start)
}

/// Non-blank lines below a signature line inside the Nơi nhận list where the next entry must appear.
const INTERLEAVE_LOOKAHEAD: usize = 3;
/// Lines scanned for them (blank lines included), so each list line costs a bounded look.
const INTERLEAVE_SCAN: usize = 12;

/// Whether line `i` (text `t`, not a list entry) is a signature line printed inside the list: a
/// signing prefix, or a short title or name line without the punctuation of an entry, with a list
/// entry among the next non-blank lines.
fn interleaved(doc: &Doc, i: usize, n: usize, t: &str, family: Option<Family>) -> bool {
    let starts_upper = t.chars().next().is_some_and(char::is_uppercase);
    let short = starts_upper && title_like(t) && !t.contains(',') && !t.ends_with([';', ','])
        || is_name(t, false);
    if authority_of(t, family).is_none() && !short {
        return false;
    }
    (i..n.min(i + INTERLEAVE_SCAN))
        .filter(|&j| !doc.seg.lines[j].is_blank(doc.text))
        .take(INTERLEAVE_LOOKAHEAD)
        .any(|j| first_cell_head(doc, j).is_some_and(|c| c.text(doc).starts_with(['-', '+', '•', '–'])))
}

/// Whether line `i` of `n` is in the last part of the text (an appendix follows the signature).
fn is_late(i: usize, n: usize) -> bool {
    i * 2 >= n
}

/// Whether line `i` ends a body paragraph ("./.", or a sentence end): the signature column
/// above a Nơi nhận block starts after it.
fn ends_paragraph(doc: &Doc, i: usize) -> bool {
    let t = doc.seg.lines[i].text(doc.text).trim_end();
    t.ends_with("./.") || (t.ends_with('.') && t.chars().count() > 60) || t.chars().filter(|c| c.is_lowercase()).count() > 40
}

/// A list line split into the entry and what stands right of it (the signature column):
/// "- UBND tỉnh Hải Dương; CHỦ TỊCH" → ("- UBND tỉnh Hải Dương;", "CHỦ TỊCH").
fn split_entry(t: &str) -> (String, Option<String>) {
    if let Some(k) = t.find(';') {
        let rest = t[k + 1..].trim();
        let keep = !rest.is_empty() && rest.chars().any(char::is_alphanumeric);
        return (t[..=k].to_owned(), keep.then(|| rest.to_owned()));
    }
    (t.to_owned(), None)
}

/// The signature block from the signature column's lines, top to bottom.
fn signature(column: &[String], family: Option<Family>) -> Option<Signature> {
    let p = patterns();
    let lines: Vec<&str> = column
        .iter()
        .map(|s| without_page_numbers(s.trim()))
        .filter(|s| !s.is_empty() && s.chars().any(char::is_alphanumeric) && !p.signed.is_match(&fold(s)))
        .collect();
    let mut sig = Signature::default();
    let mut k = 0;
    let mut saw_title_line = false;
    // The deputy's title when reflow joined it to the prefix line ("KT. Thống đốc phó Thống đốc").
    let mut merged_title: Option<String> = None;
    // Authority lines: "TM. ỦY BAN NHÂN DÂN", then maybe "KT. CHỦ TỊCH".
    let first_auth = lines.iter().position(|l| authority_of(l, family).is_some());
    if let Some(a) = first_auth {
        k = a;
        while k < lines.len() {
            let Some((auth, rest)) = authority_of(lines[k], family) else { break };
            sig.authorities.push(auth.prefix.to_owned());
            let rest = without_signed_mark(&rest).to_owned();
            match auth.kind {
                signing::AuthorityKind::Collective if sig.body.is_none() => sig.body = Some(rest),
                signing::AuthorityKind::Deputy => match split_deputy(&rest) {
                    Some((head, deputy)) => {
                        sig.on_behalf_of = Some(head);
                        merged_title = Some(deputy);
                    }
                    None => sig.on_behalf_of = Some(rest),
                },
                _ => sig.on_behalf_of = Some(rest),
            }
            k += 1;
        }
        sig.authority = sig.authorities.first().cloned();
        saw_title_line = true;
    }
    // Title: the capitalised line(s) after the authority (or standing alone above the name).
    let mut title: Option<String> = None;
    let search_from = if first_auth.is_some() { k } else { 0 };
    let mut name_from = search_from;
    for (j, l) in lines.iter().enumerate().skip(search_from) {
        // The first capitalised line under the prefix is the title, even when it reads like a
        // name ("CHỦ TỊCH": "Chu" is a surname); later ones may be a name printed in capitals.
        // A title in capitals; the first one under the prefix in any case (legacy fonts).
        let caps_title = title_like(l) && (mostly_uppercase(l) || (title.is_none() && !is_name(l, false)));
        if first_auth.is_some() && caps_title && (title.is_none() || !is_name(l, true)) {
            title = Some(l.split_whitespace().collect::<Vec<_>>().join(" "));
            name_from = j + 1;
            saw_title_line = true;
            continue;
        }
        name_from = j;
        break;
    }
    if first_auth.is_none() {
        // No prefix: a title line right above a name, else only the name.
        let name_at = lines.iter().rposition(|l| is_name(l, false));
        if let Some(at) = name_at {
            if at > 0 && mostly_uppercase(lines[at - 1]) && lines[at - 1].split_whitespace().count() <= 6 && !is_name(lines[at - 1], false) {
                title = Some(lines[at - 1].split_whitespace().collect::<Vec<_>>().join(" "));
            }
            sig.name = Some(lines[at].split_whitespace().collect::<Vec<_>>().join(" "));
        }
    } else {
        sig.name = lines.iter().skip(name_from).take(4).find(|l| is_name(l, saw_title_line)).map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "));
        // Frames of legacy .doc files interleave the block with the Nơi nhận list: the name is
        // then the last name-like line of the column, however far below.
        if sig.name.is_none() {
            sig.name = lines.iter().skip(k).rev().find(|l| is_name(l, false)).map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    sig.title = title.or(merged_title);
    (sig.authority.is_some() || sig.title.is_some() || sig.name.is_some()).then_some(sig)
}

/// `s` without a final "(đã ký)" mark.
fn without_signed_mark(s: &str) -> &str {
    let t = s.trim_end();
    match t.rfind('(') {
        Some(k) if t.ends_with(')') && patterns().signed.is_match(&fold(&t[k..])) => t[..k].trim_end(),
        _ => t,
    }
}

/// The head's title and the deputy's when one line holds both: "Thống đốc phó Thống đốc" →
/// ("Thống đốc", "phó Thống đốc"): the deputy's title is "phó" and the head's title again.
fn split_deputy(rest: &str) -> Option<(String, String)> {
    let words: Vec<&str> = rest.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    if words.len() < 3 || words.len() % 2 == 0 {
        return None;
    }
    let head_len = words.len() / 2;
    let same = folded[head_len] == "pho" && folded[..head_len] == folded[head_len + 1..];
    same.then(|| (words[..head_len].join(" "), words[head_len..].join(" ")))
}

/// A line without the numbers glued after its words by PDF extraction and reflow ("Phan Văn Khải
/// 2 3 4 5 …", "Nguyễn Văn An 25": page numbers): a run of several, or any after a person's name;
/// other lines unchanged.
fn without_page_numbers(l: &str) -> &str {
    let words: Vec<&str> = l.split_whitespace().collect();
    let numbers = words.iter().rev().take_while(|w| w.chars().all(|c| c.is_ascii_digit())).count();
    if numbers == 0 || numbers == words.len() {
        return l;
    }
    let first = words[words.len() - numbers];
    let at = first.as_ptr() as usize - l.as_ptr() as usize;
    let cut = l[..at].trim_end();
    if numbers >= PAGE_NUMBERS || is_name(cut, false) { cut } else { l }
}

/// Numbers in a row after any line's words that are page numbers, not part of it.
const PAGE_NUMBERS: usize = 3;

/// The signing prefix a line starts with, and the rest of the line (capitalised).
fn authority_of(line: &str, family: Option<Family>) -> Option<(&'static signing::Authority, String)> {
    let p = patterns();
    let f = fold(line);
    let c = p.authority.captures(&f)?;
    let (pre, dot) = (c.get(1)?, c.get(2)?);
    let marked = !dot.as_str().trim().is_empty() || pre.as_str().contains('/');
    // "Q" alone is a prefix only with its dot; OCR drops the dot of the longer ones.
    if pre.as_str() == "q" && !marked {
        return None;
    }
    let printed: String = line.chars().take(pre.as_str().chars().count()).collect();
    let skip = f.get(..dot.end()).map_or(0, |x| x.chars().count());
    let rest: String = line.chars().skip(skip).collect::<String>().trim().to_owned();
    // Legacy RTF/Word files print the block in "all caps" formatting over lower-case letters
    // ("kt/bộ trưởng bộ tài chính"): a lower-case prefix counts with its slash or dot, heading a
    // short line.
    let short_line = rest.split_whitespace().count() <= TITLE_WORDS && !rest.contains([',', ';', ':']);
    if !(printed.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) || (marked && short_line && pre.as_str().len() >= 2)) {
        return None;
    }
    // Without its dot the prefix must head a capitalised line ("TM UY BAN NHAN DAN"); with it,
    // legacy fonts may have lost the capitals ("TM. chính phủ", "KT/bộ trưởng").
    let short = rest.split_whitespace().count() <= TITLE_WORDS && !rest.contains(['.', ';', ':']);
    if !(mostly_uppercase(&rest) || (marked && short)) {
        return None;
    }
    let mut auth = signing::authority(pre.as_str())?;
    // OCR drops the slash of the Party forms ("T/M" read as "TM"): in a Party document a bare
    // "TM"/"KT"/"TL" is its Party form.
    if family == Some(Family::Party) && !marked {
        let slashed = format!("{}/{}", &pre.as_str()[..1], &pre.as_str()[1..]);
        if let Some(a) = signing::authority(&slashed).filter(|_| pre.as_str().len() == 2) {
            auth = a;
        }
    }
    Some((auth, rest.split_whitespace().collect::<Vec<_>>().join(" ")))
}

/// Words of a title or body line in a signature block.
const TITLE_WORDS: usize = 8;

/// A title line under a signing prefix: short, no digits, no sentence punctuation.
fn title_like(l: &str) -> bool {
    l.split_whitespace().count() <= TITLE_WORDS && !l.chars().any(|c| c.is_ascii_digit()) && !l.contains([';', ':']) && !l.ends_with('.')
}

/// A person's name: two to six words of letters, each capitalised, starting with a Vietnamese
/// surname; all-capital names only where a title line stands above (`after_title`).
fn is_name(line: &str, after_title: bool) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if !NAME_WORDS.contains(&words.len()) || !words.iter().all(|w| w.chars().all(char::is_alphabetic)) {
        return false;
    }
    let capitalised = words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let all_caps = mostly_uppercase(line);
    let title_case = capitalised && words.iter().all(|w| w.chars().skip(1).all(|c| !c.is_uppercase()));
    capitalised && (title_case || (all_caps && after_title)) && words.first().is_some_and(|w| surnames::is_surname(w))
}

/// The type named by the closing sentence "Trên đây là <loại> …", the last one in the body.
/// Non-blank lines at the end of the text searched for the adoption sentence of a law.
const ADOPTION_LINES: usize = 40;

/// The date a law or resolution was adopted, from its closing sentence ("Luật này đã được Quốc
/// hội … thông qua ngày 26 tháng 11 năm 2003."): a Luật prints no place-and-date line, this is
/// its date (Luật Ban hành văn bản quy phạm pháp luật 2015, Điều 61). The sentence must name
/// `type_name` (folded), when the type is known. Returns the ISO date, the day and month as
/// printed, and the sentence's span.
pub(super) fn adoption_date(doc: &Doc, body_start: usize, type_name: Option<&str>) -> Option<(String, (String, String), Range<usize>)> {
    let p = patterns();
    let lines = &doc.seg.lines;
    let want = type_name.map(fold);
    let tail = (body_start.min(lines.len())..lines.len()).rev().filter(|&i| !lines[i].is_blank(doc.text)).take(ADOPTION_LINES);
    for i in tail {
        let l = &lines[i];
        if l.end - l.start > crate::limits::MAX_HEAD_LINE_BYTES {
            continue;
        }
        let f = crate::fold::Folded::new(l.text(doc.text), l.start);
        let Some(c) = p.adopted.captures(&f.text) else { continue };
        let (Some(kind), Some(d), Some(m), Some(y)) = (c.get(1), c.get(2), c.get(3), c.get(4)) else { continue };
        let start = kind.start();
        let kind: String = kind.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
        if want.as_deref().is_some_and(|w| w != kind) {
            continue;
        }
        let Some(iso) = super::iso_date(d.as_str(), m.as_str(), y.as_str()) else { continue };
        return Some((iso, (d.as_str().to_owned(), m.as_str().to_owned()), f.origin_range(start..y.end())));
    }
    None
}

pub(super) fn closing_type(doc: &Doc, body_start: usize) -> Option<(&'static DocTypeEntry, Range<usize>)> {
    let p = patterns();
    let lines = &doc.seg.lines;
    for i in (body_start.min(lines.len())..lines.len()).rev() {
        let l = &lines[i];
        if l.end - l.start > crate::limits::MAX_HEAD_LINE_BYTES {
            continue;
        }
        let f = crate::fold::Folded::new(l.text(doc.text), l.start);
        let Some(c) = p.closing.captures(&f.text) else { continue };
        let (Some(all), Some(words)) = (c.get(0), c.get(1)) else { continue };
        let ws: Vec<&str> = words.as_str().split_whitespace().collect();
        let best = doc_types::all()
            .iter()
            .filter(|e| {
                let n: Vec<&str> = e.folded.split_whitespace().collect();
                n.len() <= ws.len() && n.iter().zip(&ws).all(|(a, b)| ocr_word_eq(a, b.trim_matches(|c: char| !c.is_alphanumeric())))
            })
            .max_by_key(|e| e.folded.len());
        if let Some(e) = best {
            return Some((e, f.origin_range(all.range())));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tên_người_ký() {
        assert!(is_name("Đoàn Thanh Bình", false));
        assert!(is_name("Doan Thanh Binh", false));
        assert!(!is_name("NGUYỄN VĂN A", false));
        assert!(is_name("NGUYỄN VĂN AN", true));
        assert!(!is_name("Khong hoan thanh nhiem vu", false));
        assert!(!is_name("Báo Cáo Tổng", false));
    }

    #[test]
    fn khối_chữ_ký_song_song() {
        let col: Vec<String> = ["TM. UY BAN NHAN DAN", "CHU TICH", "*"].iter().map(|s| s.to_string()).collect();
        let s = signature(&col, None).unwrap();
        assert_eq!((s.authority.as_deref(), s.body.as_deref(), s.title.as_deref(), s.name), (Some("TM."), Some("UY BAN NHAN DAN"), Some("CHU TICH"), None));
        let col: Vec<String> = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Hùng"].iter().map(|s| s.to_string()).collect();
        let s = signature(&col, None).unwrap();
        assert_eq!(s.authorities, vec!["TM.", "KT."]);
        let col: Vec<String> = ["TM BAN THUONG VU", "BI THU"].iter().map(|s| s.to_string()).collect();
        assert_eq!(signature(&col, Some(Family::Party)).unwrap().authority.as_deref(), Some("T/M"));
        assert_eq!((s.on_behalf_of.as_deref(), s.title.as_deref(), s.name.as_deref()), (Some("CHỦ TỊCH"), Some("PHÓ CHỦ TỊCH"), Some("Nguyễn Văn Hùng")));
    }

    #[test]
    fn tách_mục_nơi_nhận() {
        assert_eq!(split_entry("- UBND tinh Hai Duong; CHU TICH"), ("- UBND tinh Hai Duong;".into(), Some("CHU TICH".into())));
        assert_eq!(split_entry("- S Ké hoach va Pau tu; *"), ("- S Ké hoach va Pau tu;".into(), None));
    }
}
