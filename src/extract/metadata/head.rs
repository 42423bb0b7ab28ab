//! Document head (the first lines) → family, motto, issuer, số/ký hiệu, địa danh–ngày, tên loại,
//! trích yếu, Kính gửi, dấu mật/khẩn.

use super::database;
use super::{cells, first_cell, mostly_uppercase, ocr_regex, ocr_word_eq, re, iso_date, Cell};
use crate::catalogue::doc_types::{self, DocTypeEntry};
use crate::catalogue::{issuers, signing, syllables};
use crate::extract::Doc;
use crate::fold::fold;
use crate::report::{Diagnostic, DocType, Family, Metadata, Severity};
use regex::Regex;
use std::sync::OnceLock;

/// What the head reader saw besides the fields, for the tail reader and the compliance check.
#[derive(Debug, Default)]
pub(super) struct HeadFound {
    /// First line of the body (after the subject and Kính gửi); the tail is searched after it.
    pub body_start: usize,
    /// Day and month as printed in the issue date ("5", "03"), for the zero-padding rule.
    pub date_raw: Option<(String, String)>,
    /// The date was written with dashes ("ngày 01-10-1997").
    pub date_dashes: bool,
    /// The type came from a heading line (not from the symbol).
    pub heading: Option<&'static DocTypeEntry>,
    /// Separator after the number as printed ("/" or "-").
    pub number_sep: Option<char>,
    /// Line of the type heading, or of the số/date line when there is no heading.
    pub heading_line: Option<usize>,
    /// Where the place-and-date starts in the text (what precedes it on its line is another column).
    pub date_start: Option<usize>,
    /// Some letterhead line was found (issuer, motto, number or date).
    pub letterhead: bool,
    /// The head is a legal-text database's header sentence ("Thông tư của Bộ Tài chính số …
    /// ngày …"): the copy dropped the Quốc hiệu, the place, and often the signature and Nơi nhận.
    pub database: Option<DatabaseCopy>,
    /// The note under the trích yếu of a document issued with another one ("(Ban hành kèm theo
    /// Quyết định số 522/2002/QĐ.UB ngày 07/3/2002 của UBND tỉnh An Giang)"), as printed: such a
    /// document has no number of its own (Nghị định 30/2020 Phụ lục I).
    pub attached_to: Option<String>,
    /// The date is the adoption date of a law, read from its closing sentence ("Luật này đã được
    /// Quốc hội … thông qua ngày …"): a law prints no place-and-date line.
    pub date_adopted: bool,
}

/// What the compliance check says about a database copy.
#[derive(Debug)]
pub(super) struct DatabaseCopy {
    /// Type name and issuer of the header sentence.
    pub doc_type: &'static str,
    pub issuer: String,
}

/// Regexes over folded cells. Each says what it reads.
struct Patterns {
    /// Quốc hiệu and tiêu ngữ, OCR-tolerant.
    state_motto: Regex,
    motto_words: Regex,
    /// "ĐẢNG CỘNG SẢN VIỆT NAM" (OCR "PANG CONG SAN VIET NAM").
    party_motto: Regex,
    /// "Số: 7763/BC-UBND" anywhere in a cell with the colon; "Số 139-KH/HU" at the start without.
    number_colon: Regex,
    number_start: Regex,
    /// "Số:      /QĐ-BQL" (number left blank for the clerk): not an issuer line.
    number_blank: Regex,
    /// ", ngày 09 tháng 11 năm 2023" ending the cell (OCR "ngay … thang … nim").
    date_words: Regex,
    /// ", ngày 01-10-1997" ending the cell.
    date_dashes: Regex,
    /// "Kính gửi:" (OCR "Kinh giri:").
    kinh_gui: Regex,
    /// "V/v …" (về việc) of a công văn.
    vv: Regex,
    /// A separator line ("-----", "___", "*").
    rule: Regex,
    /// A numbered line ("I. …", "1. …", "a) …"): body, not subject.
    numbered: Regex,
    /// A division heading of the body ("Chương I", "Phần II", "Điều 1", "Mục 2").
    division: Regex,
    /// Weekday names: web pages print "Thứ Hai, ngày …"; a weekday is not a place.
    weekday: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let sym = r"([0-9a-z]+(?:(?:-\s?|\s*/\s*|\.)[0-9a-z]+)*)";
        Patterns {
            state_motto: re(&ocr_regex("cong hoa xa hoi chu nghia viet nam")),
            motto_words: re(&ocr_regex("doc lap - tu do - hanh phuc")),
            party_motto: re(&format!(r"{}[^0-9A-Za-z_]*$", ocr_regex("dang cong san viet nam"))),
            number_colon: re(&format!(r"(?:^|[^a-z0-9])s[o06e]\s*:\s*([0-9]{{1,6}})\s*([/-])\s*{sym}")),
            number_start: re(&format!(r"^s[o06e]\s+([0-9]{{1,6}})\s*([/-])\s*{sym}")),
            number_blank: re(r"^s[o06e]\s*:"),
            date_words: re(r"(?:^|,|\s)\s*ng[a-z]{1,2}y\s+([0-9]{1,2})\s+th[a-z]{1,2}ng\s+([0-9]{1,2})\s+n[a-z]{1,2}m\s+([0-9]{4})[^0-9A-Za-z_]*$"),
            date_dashes: re(r"(?:^|,|\s)\s*ng[a-z]{1,2}y\s+([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})\s*[-/.]\s*([0-9]{4})[^0-9A-Za-z_]*$"),
            kinh_gui: re(r"^k[i1l]nh\s*g[a-z]{1,3}\s*:?"),
            vv: re(r"^v\s*/\s*v(?-u:\b)"),
            rule: re(r"^[-_=*.~|\s]+$"),
            numbered: re(r"^(?:[IVXL]+|[0-9]{1,2}|[a-zđ])\s*[.)]\s"),
            division: re(r"^(?:chuong|phan|dieu|muc)\s+(?:[ivxl]+|[0-9]+)(?-u:\b)"),
            weekday: re(r"^(?:thu\s+(?:hai|ba|tu|nam|sau|bay)|chu\s+nhat)$"),
        }
    })
}

/// Longest cell (chars) that can be a letterhead line, motto or type heading.
const HEAD_CELL_CHARS: usize = 120;
/// Longest type heading (chars): "CHƯƠNG TRÌNH HÀNH ĐỘNG" and some spacing.
const HEADING_CHARS: usize = 60;
/// Letterhead lines above the số/date line that are read as the issuer.
const ISSUER_LINES: usize = 8;
/// Lines of a trích yếu or of a "V/v" subject.
const SUBJECT_LINES: usize = 6;
/// Longest trích yếu (chars). Normative texts name what they amend in full ("Bổ sung và sửa đổi
/// một số điểm của Thông tư số 40/2000/TT-BTC … về việc miễn thuế nhập khẩu đối với nguyên vật
/// liệu", 230 chars); the trích yếu ends at the body, not at a length, and this only bounds a
/// head whose body never starts.
const MAX_SUBJECT_CHARS: usize = 600;
/// A line at least this long (chars) that ends a sentence is a paragraph of the body, not a line
/// of the trích yếu (which is a title: no final full stop, and wrapped lines are shorter).
const BODY_SENTENCE_CHARS: usize = 120;
/// Lines of a Kính gửi list.
const RECIPIENT_LINES: usize = 30;

pub(super) fn doc_type(e: &DocTypeEntry) -> DocType {
    DocType { code: e.code.to_owned(), name: e.name.to_owned() }
}

/// Reads the head of the text (its first `lines` lines) into `md`.
pub(super) fn read(doc: &Doc, lines: usize, md: &mut Metadata, diags: &mut Vec<Diagnostic>) -> HeadFound {
    let p = patterns();
    let mut found = HeadFound::default();
    // The head ends where the body's first division starts ("I. …", "1. …", "Phần I", "Chương I"):
    // a capitalised "KẾT LUẬN" below it is a section, not the type heading.
    let lines = (0..lines)
        .find(|&i| {
            let t = doc.seg.lines[i].text(doc.text).trim();
            p.numbered.is_match(t) || p.division.is_match(&fold(t))
        })
        .unwrap_or(lines);
    let all: Vec<Vec<Cell>> = (0..lines).map(|i| cells(doc, i)).collect();
    let short = |c: &Cell| c.folded.text.chars().count() <= HEAD_CELL_CHARS;

    // Quốc hiệu–tiêu ngữ or the Party title, on short cells only (the body mentions them too).
    let mut motto_line = None;
    for c in all.iter().flatten().filter(|c| short(c)) {
        let text = c.text(doc);
        if p.party_motto.is_match(&c.folded.text) && mostly_uppercase(text) {
            md.family = Some(Family::Party);
            md.motto = true;
            motto_line.get_or_insert(c.line);
            break;
        }
        let state = p.state_motto.find(&c.folded.text).or_else(|| p.motto_words.find(&c.folded.text));
        if state.is_some_and(|m| !motto_in_sentence(text, &doc.text[c.start..c.folded.origin(m.start())])) {
            md.family = Some(Family::State);
            md.motto = true;
            motto_line.get_or_insert(c.line);
            break;
        }
    }

    // Số, ký hiệu: only above the type heading, and not inside body sentences.
    let mut heading_at = find_heading(doc, &all, md.family);
    let number_limit = heading_at.map_or(lines, |(i, _)| i + 1);
    let mut number_cell: Option<(usize, usize)> = None; // (line, byte end of the symbol)
    let mut family_from_number = false;
    'number: for c in all.iter().take(number_limit).flatten() {
        let f = &c.folded.text;
        // Without its colon, "Số" must be capitalised: body lines start with "số 04/1998/QH10 …".
        let capital = c.text(doc).starts_with(|ch: char| ch.is_uppercase());
        let Some(cap) = p.number_colon.captures(f).or_else(|| p.number_start.captures(f).filter(|_| capital)) else { continue };
        let (Some(n), Some(sep), Some(sym)) = (cap.get(1), cap.get(2), cap.get(3)) else { continue };
        let orig = |m: regex::Match| &doc.text[c.folded.origin_range(m.range())];
        let symbol: String = orig(sym).chars().filter(|c| !c.is_whitespace()).collect();
        if !symbol.chars().any(char::is_alphabetic) {
            continue;
        }
        let number = orig(n).to_owned();
        let sep_char = if sep.as_str() == "-" { '-' } else { '/' };
        md.number_symbol = Some(format!("{number}{sep_char}{symbol}"));
        md.number = Some(number);
        md.symbol = Some(symbol);
        found.number_sep = Some(sep_char);
        number_cell = Some((c.line, c.folded.origin(sym.end())));
        if md.family.is_none() {
            // Party symbols put a hyphen after the number ("139-KH/HU"), state ones a slash.
            md.family = Some(if sep_char == '-' { Family::Party } else { Family::State });
            family_from_number = true;
        }
        break 'number;
    }
    if md.number_symbol.is_none() {
        diags.push(doc.diagnostic(
            Severity::Info,
            "metadata.numberSymbol.missing",
            "Không tìm thấy số, ký hiệu văn bản (dòng \"Số: …\") ở phần đầu văn bản.".into(),
            None,
        ));
    }

    // Địa danh và ngày tháng năm: a cell ending with the date, above the heading; web pages put
    // dated lines before the letterhead, so when a letterhead is seen the date must follow it.
    let first_anchor = [motto_line, number_cell.map(|n| n.0)].into_iter().flatten().min();
    let date_from = first_anchor.unwrap_or(0);
    let date_to = heading_at.map_or(lines, |(i, _)| i + 1);
    let mut date_line = None;
    for c in all.iter().take(date_to).skip(date_from).flatten() {
        let f = &c.folded.text;
        let (cap, dashes) = match p.date_words.captures(f) {
            Some(cap) => (cap, false),
            None => match p.date_dashes.captures(f) {
                Some(cap) => (cap, true),
                None => continue,
            },
        };
        let (Some(d), Some(m), Some(y), Some(all_m)) = (cap.get(1), cap.get(2), cap.get(3), cap.get(0)) else { continue };
        let Some(iso) = iso_date(d.as_str(), m.as_str(), y.as_str()) else { continue };
        // The place precedes the comma, after the number when the columns were merged.
        let from = match number_cell {
            Some((line, end)) if line == c.line && end >= c.start && end <= c.end => end,
            _ => c.start,
        };
        let to = c.folded.origin(all_m.start());
        let mut place = (from < to).then(|| place(&doc.text[from..to])).flatten();
        let mut place_start = from;
        if place.is_none() && from < to {
            // Reflow may have joined the left column's last line ("V/v … năm 2024") to the
            // date: the place is then the capitalised words right before the comma.
            if let Some((k, pl)) = trailing_place(&doc.text[from..to]) {
                place = Some(pl);
                place_start = from + k;
            }
        }
        let before = fold(doc.text.get(from..to).unwrap_or("")).trim().trim_matches(',').trim().to_owned();
        let near_letterhead = first_anchor.is_some_and(|a| c.line <= a + 2);
        if place.is_none() && !before.is_empty() && !near_letterhead {
            continue; // a sentence or a web page's "Thứ Hai, ngày …", not the issue line
        }
        md.date = Some(iso);
        md.place = place;
        found.date_start = Some(if md.place.is_some() { place_start } else { to });
        found.date_raw = Some((d.as_str().to_owned(), m.as_str().to_owned()));
        found.date_dashes = dashes;
        date_line = Some(c.line);
        break;
    }
    if md.date.is_none() {
        diags.push(doc.diagnostic(
            Severity::Info,
            "metadata.date.missing",
            "Không tìm thấy ngày ban hành (\"…, ngày … tháng … năm …\") ở phần đầu văn bản.".into(),
            None,
        ));
    }

    // Legacy fonts lose the capitals of the type heading ("Thông tư"): under a letterhead, a line
    // that is exactly a type name is the heading.
    if let (None, Some(d)) = (heading_at, date_line.or(number_cell.map(|n| n.0))) {
        heading_at = all.iter().enumerate().skip(d + 1).take(ISSUER_LINES).find_map(|(i, cs)| {
            let [c] = cs.as_slice() else { return None };
            heading_by_name(c, c.text(doc), md.family).map(|e| (i, e))
        });
        // The number is read above the heading only: one below it is in the note of a document
        // issued with another ("(Ban hành kèm theo Quyết định số: 522/2002/QĐ.UB …)").
        if let (Some((h, _)), Some((n, _))) = (heading_at, number_cell) {
            if n > h {
                md.number_symbol = None;
                md.number = None;
                md.symbol = None;
                found.number_sep = None;
                number_cell = None;
                if family_from_number {
                    md.family = None;
                }
                diags.push(doc.diagnostic(
                    Severity::Info,
                    "metadata.numberSymbol.missing",
                    "Không tìm thấy số, ký hiệu văn bản (dòng \"Số: …\") ở phần đầu văn bản.".into(),
                    None,
                ));
            }
        }
    }

    // The database header sentence ("Thông tư của Bộ Tài chính số 172/1998/TT/BTC ngày …
    // Hướng dẫn …") stands where the letterhead would: it fills what the letterhead did not give,
    // and is dropped when a letterhead number says it is another document's.
    // It must open the text: nothing of a letterhead or heading stands above it (a body sentence
    // "Quyết định của UBND tỉnh số …" under a heading is a citation).
    let first_regular = [motto_line, heading_at.map(|h| h.0), number_cell.map(|n| n.0), date_line].into_iter().flatten().min();
    let db = database::read(doc, lines)
        .filter(|h| md.number.as_deref().is_none_or(|n| n == h.number))
        .filter(|h| first_regular.is_none_or(|l| l >= h.line));
    if let Some(h) = &db {
        fill_from_database(h, md, &mut found);
        found.database = Some(DatabaseCopy { doc_type: h.doc_type.name, issuer: h.issuer.clone() });
        diags.retain(|d| !((d.code == "metadata.numberSymbol.missing" && md.number_symbol.is_some()) || (d.code == "metadata.date.missing" && md.date.is_some())));
        let at = doc.seg.lines.get(h.line).map(|l| l.start..doc.seg.lines.get(h.next.saturating_sub(1)).map_or(l.end, |e| e.end));
        diags.push(doc.diagnostic(
            Severity::Info,
            "metadata.databaseHeader",
            format!("Không có phần đầu theo thể thức; số, ký hiệu, ngày, loại văn bản và cơ quan ban hành đọc từ dòng đầu kiểu cơ sở dữ liệu văn bản (\"{} của {} số …\").", h.doc_type.name, h.issuer),
            at,
        ));
        // Its type and trích yếu replace a heading read from its own first line ("THÔNG TƯ" over
        // "của Bộ Tài chính số …").
        if heading_at.is_none_or(|(i, _)| (h.line..h.next).contains(&i)) {
            heading_at = None;
        }
    }

    // No letterhead at all: a first line that is exactly a type name, in any case ("luật" over
    // "THUẾ tiêu thụ đặc biệt"), is the heading.
    if heading_at.is_none() && db.is_none() && motto_line.is_none() && md.number_symbol.is_none() && md.date.is_none() {
        heading_at = opening_heading(doc, &all, md.family);
    }

    // Cơ quan ban hành: the capitalised cells just above the số/date line (or the heading).
    let issuer_anchor = [number_cell.map(|n| n.0), date_line].into_iter().flatten().min().or(heading_at.map(|h| h.0)).or(motto_line.map(|m| m + 1));
    if let Some(anchor) = issuer_anchor {
        read_issuer(doc, &all, anchor, md);
    }
    if let Some(better) = md.place.as_deref().and_then(|pl| place_from_issuer(pl, md)) {
        diags.push(doc.diagnostic(
            Severity::Info,
            "metadata.place.fromIssuer",
            format!("Địa danh \"{}\" bị nhận dạng sai chữ; dùng cách viết trong tên cơ quan ban hành: \"{better}\".", md.place.as_deref().unwrap_or("")),
            None,
        ));
        md.place = Some(better);
    }
    // OCR without diacritics: a place or issuer that is a catalogue unit gets its spelling back.
    for field in [&mut md.place, &mut md.issuer.name] {
        super::respell(doc, field, crate::catalogue::admin_units::restore_diacritics, "đơn vị hành chính", diags);
    }
    found.letterhead = md.motto || md.number_symbol.is_some() || md.date.is_some() || md.issuer.name.is_some();

    // Dấu mật / khẩn: a capitalised cell of its own in the head.
    for c in all.iter().take(heading_at.map_or(lines, |(i, _)| i + 1)).flatten() {
        let text = c.text(doc);
        if !mostly_uppercase(text) {
            continue;
        }
        match signing::mark(text) {
            Some((m, signing::MarkKind::Confidentiality)) if md.confidentiality.is_none() => md.confidentiality = Some(m.to_owned()),
            Some((m, signing::MarkKind::Urgency)) if md.urgency.is_none() => md.urgency = Some(m.to_owned()),
            _ => {}
        }
    }

    // Tên loại: the heading; else the symbol. Trích yếu: under the heading, or the "V/v" line.
    let mut body_start = [date_line, number_cell.map(|n| n.0), motto_line].into_iter().flatten().max().map_or(0, |l| l + 1);
    if let Some(h) = db.as_ref().filter(|_| heading_at.is_none()) {
        md.doc_type = Some(doc_type(h.doc_type));
        found.heading = Some(h.doc_type);
        found.heading_line = Some(h.line);
        md.subject = h.subject.clone();
        body_start = body_start.max(h.next);
    }
    if let Some((line, e)) = heading_at {
        md.doc_type = Some(doc_type(e));
        found.heading = Some(e);
        found.heading_line = Some(line);
        let (subject, next) = subject_after(doc, line, md.issuer.name.as_deref());
        // Reflow may have joined the note "(Ban hành kèm theo …)" to the trích yếu.
        let (subject, joined_note) = match subject {
            Some(s) => match attached_in(&s) {
                Some((k, note)) => (Some(s[..k].trim_end().to_owned()), Some(note)),
                None => (Some(without_note(&s)), None),
            },
            None => (None, None),
        };
        if md.number_symbol.is_none() {
            found.attached_to = joined_note;
        }
        md.subject = subject;
        body_start = body_start.max(next);
        if md.subject.is_some() && md.number_symbol.is_none() && found.attached_to.is_none() {
            if let Some((note, after)) = attached_note(doc, next.saturating_sub(1)) {
                found.attached_to = Some(note);
                body_start = body_start.max(after);
            }
        }
    }
    if md.subject.is_none() {
        let vv = all.iter().take(number_limit.max(body_start + 1).min(lines)).flatten().find(|c| p.vv.is_match(&c.folded.text));
        if let Some(c) = vv {
            let (subject, next) = vv_subject(doc, c, found.date_start);
            md.subject = Some(subject);
            body_start = body_start.max(next);
            if md.doc_type.is_none() {
                md.doc_type = doc_types::by_code("CV", md.family).map(doc_type);
            }
        }
    }
    if md.doc_type.is_none() {
        if let Some(e) = md.symbol.as_deref().and_then(|s| type_code(s, md.family)).and_then(|c| doc_types::by_code(c, md.family)) {
            md.doc_type = Some(doc_type(e));
            diags.push(doc.diagnostic(
                Severity::Info,
                "metadata.docType.fromSymbol",
                format!("Không thấy dòng tên loại văn bản; loại \"{}\" suy ra từ ký hiệu {}.", e.name, md.symbol.as_deref().unwrap_or("")),
                None,
            ));
        }
    }

    // Kính gửi: one recipient on the line, or a list under it.
    let rec_to = (body_start + RECIPIENT_LINES).min(doc.seg.lines.len());
    for i in body_start.saturating_sub(4)..rec_to {
        let Some(c) = first_cell(doc, i) else { continue };
        let Some(m) = p.kinh_gui.find(&c.folded.text) else { continue };
        let rest = doc.text[c.folded.origin(m.end())..c.end].trim();
        let rest = rest.trim_start_matches(':').trim();
        if !rest.is_empty() {
            md.recipients.push(clean_entry(rest));
        }
        // A list follows only "Kính gửi:" alone or "Kính gửi: - A;"; after "Kính gửi: A" the
        // next dashed lines are the body's ("- Căn cứ …").
        let list = rest.is_empty() || rest.starts_with(['-', '+', '•', '–']);
        let mut j = i + 1;
        while list && j < rec_to && md.recipients.len() < RECIPIENT_LINES {
            let t = doc.seg.lines[j].text(doc.text).trim();
            j += 1;
            if t.is_empty() {
                continue;
            }
            let bullet = t.starts_with(['-', '+', '•', '–']) && t.chars().count() <= 150;
            if bullet || (md.recipients.is_empty() && t.chars().count() <= 100 && !t.ends_with([':']) && !p.numbered.is_match(t)) {
                let e = clean_entry(t);
                if !e.is_empty() {
                    md.recipients.push(e);
                }
                if bullet {
                    continue;
                }
            }
            j -= 1;
            break;
        }
        body_start = body_start.max(j);
        break;
    }
    // No motto and no number told the family: a type only one family issues ("Luật", "Nghị
    // định" are state), or the kind of the issuing body ("Ủy ban nhân dân" is state), does.
    if md.family.is_none() {
        md.family = md
            .doc_type
            .as_ref()
            .and_then(|t| doc_types::family_of_name(&t.name))
            .or_else(|| md.issuer.name.as_deref().and_then(issuers::body_prefix).and_then(|b| b.family));
    }
    found.body_start = body_start;
    if found.heading_line.is_none() {
        found.heading_line = date_line.or(number_cell.map(|n| n.0));
    }
    found
}

/// Words of lower-case text before the Quốc hiệu that make the cell a sentence citing it
/// ("Căn cứ vào Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992;"); a merged issuer
/// column before it is capitalised ("HUYỆN THÁP MƯỜI CỘNG HÒA …").
const MOTTO_LEAD_WORDS: usize = 4;

/// Whether a cell holding the Quốc hiệu or tiêu ngữ is a body sentence that cites it: it ends
/// like a sentence clause, or more than [`MOTTO_LEAD_WORDS`] words not in capitals precede it.
fn motto_in_sentence(cell: &str, before: &str) -> bool {
    let clause_end = cell.trim_end().ends_with([';', ',']);
    let lead = before.split_whitespace().count() > MOTTO_LEAD_WORDS && !mostly_uppercase(before);
    clause_end || lead
}

/// Fills the number, date, family and issuer the letterhead did not give from the database
/// header sentence.
fn fill_from_database(h: &database::DatabaseHead, md: &mut Metadata, found: &mut HeadFound) {
    if md.number_symbol.is_none() {
        md.number_symbol = Some(format!("{}{}{}", h.number, h.sep, h.symbol));
        md.number = Some(h.number.clone());
        md.symbol = Some(h.symbol.clone());
        found.number_sep = Some(h.sep);
    }
    if md.date.is_none() {
        md.date = Some(h.date.clone());
        found.date_raw = Some(h.date_raw.clone());
        found.date_dashes = h.date_numeric;
    }
    if md.issuer.name.is_none() {
        md.issuer.name = Some(h.issuer.clone());
    }
    if md.family.is_none() {
        // The type or the issuer tells the family ("Nghị định", "Bộ …" are state); old state
        // symbols put a hyphen after the number too ("1141-TC/QĐ/CĐKT"), so the separator
        // decides last.
        let by_issuer = issuers::body_prefix(&h.issuer).and_then(|b| b.family);
        md.family = h.doc_type.family.or(by_issuer).or(Some(if h.sep == '-' { Family::Party } else { Family::State }));
    }
    found.letterhead = true;
}

/// Longest line (chars) read as the title under an opening type line.
const OPENING_TITLE_CHARS: usize = 150;

/// The first non-blank line of a text without letterhead when it is exactly a type name (any
/// case, maybe followed by "của …"), not ending with a colon (the enacting "Nghị định:"), and
/// something follows it.
fn opening_heading(doc: &Doc, all: &[Vec<Cell>], family: Option<Family>) -> Option<(usize, &'static DocTypeEntry)> {
    let (i, cs) = all.iter().enumerate().find(|(_, cs)| !cs.is_empty())?;
    let [c] = cs.as_slice() else { return None };
    let text = c.text(doc);
    // What follows is a title, not a paragraph of body text.
    let title_follows = all.iter().skip(i + 1).find(|cs| !cs.is_empty()).is_some_and(|cs| {
        let t = doc.seg.lines.get(cs[0].line).map_or("", |l| l.text(doc.text).trim());
        t.chars().count() <= OPENING_TITLE_CHARS && !t.ends_with(['.', ';', ':'])
    });
    if text.ends_with(':') || text.chars().count() > HEADING_CHARS || !title_follows {
        return None;
    }
    heading_by_name(c, text, family).map(|e| (i, e))
}

/// The first type heading of the head: a short capitalised cell naming a type, exactly or up to
/// OCR confusions ("BAO CAO", "BÁO CÁO", "TỜ TRÌNH").
fn find_heading(doc: &Doc, all: &[Vec<Cell>], family: Option<Family>) -> Option<(usize, &'static DocTypeEntry)> {
    for c in all.iter().flatten() {
        let text = c.text(doc);
        if text.chars().count() > HEADING_CHARS || !mostly_uppercase(text) {
            continue;
        }
        if let Some(e) = heading_by_name(c, text, family).or_else(|| heading_ocr(&c.folded.text, family)) {
            return Some((c.line, e));
        }
    }
    None
}

/// The type a heading cell names: exactly, or followed by its issuer as older headings do
/// ("NGHỊ ĐỊNH CỦA CHÍNH PHỦ", "quyết định của bộ trưởng bộ tài chính").
fn heading_by_name(c: &Cell, text: &str, family: Option<Family>) -> Option<&'static DocTypeEntry> {
    let bare = c.folded.text.split(" cua ").next().unwrap_or("");
    doc_types::by_heading(text, family)
        .or_else(|| (bare.len() < c.folded.text.len()).then(|| doc_types::by_heading(bare, family)).flatten())
        .or_else(|| doc_types::without_prefix(text).and_then(|rest| doc_types::by_heading(rest, family)))
}

/// A heading matched up to OCR confusions, word by word (names of at least two words only, so a
/// stray capitalised word is not taken for a type).
fn heading_ocr(folded: &str, family: Option<Family>) -> Option<&'static DocTypeEntry> {
    let words: Vec<&str> = folded.split_whitespace().collect();
    let hits: Vec<&'static DocTypeEntry> = doc_types::all()
        .iter()
        .filter(|e| {
            let n: Vec<&str> = e.folded.split_whitespace().collect();
            n.len() >= 2 && n.len() == words.len() && n.iter().zip(&words).all(|(a, b)| ocr_word_eq(a, b))
        })
        .collect();
    hits.iter().copied().find(|e| e.family.is_none() || e.family == family).or_else(|| hits.first().copied())
}

/// The issuer: capitalised cells above `anchor`, read upwards, skipping the motto and separators.
/// Two lines form one name when the first is a bare body ("ỦY BAN NHÂN DÂN") and the second starts
/// with a level ("HUYỆN THÁP MƯỜI"); with two names, the upper is the parent ("UBND TỈNH ĐỒNG THÁP").
fn read_issuer(doc: &Doc, all: &[Vec<Cell>], anchor: usize, md: &mut Metadata) {
    let p = patterns();
    let mut picked: Vec<String> = Vec::new(); // bottom-up
    let from = anchor.saturating_sub(ISSUER_LINES);
    // The anchor line itself may carry the issuer's last line before the motto or the number
    // when columns were merged ("HUYỆN THÁP MƯỜI Độc lập - … Số: 215/BC-UBND …").
    'lines: for i in (from..=anchor.min(all.len().saturating_sub(1))).rev() {
        for c in all[i].iter() {
            let f = &c.folded.text;
            // Merged columns: keep what precedes the motto or the number on the cell.
            let motto = p.state_motto.find(f).or_else(|| p.motto_words.find(f)).or_else(|| p.party_motto.find(f));
            let number = p.number_colon.find(f).or_else(|| p.number_start.find(f)).or_else(|| p.number_blank.find(f));
            let cut = [motto.map(|m| m.start()), number.map(|m| m.start())].into_iter().flatten().min();
            let text = match cut {
                Some(k) => doc.text[c.start..c.folded.origin(k)].trim(),
                None if i == anchor => continue 'lines, // the anchor line holds the số/date
                None => c.text(doc),
            };
            let mut t = text.trim().trim_end_matches(['-', '_', '=', '*', '~', ' ']).trim();
            if number.is_some() {
                t = without_type_name(t); // "Quốc hội  Luật số: 18/2003/QH11"
            }
            if number.is_some() && t.is_empty() {
                continue 'lines; // the số line; its other cells are the symbol or the date
            }
            if t.is_empty() || p.rule.is_match(t) || signing::mark(t).is_some() {
                continue;
            }
            if !t.chars().any(char::is_alphabetic) {
                continue; // "- 0 -", "*": ornaments under the name
            }
            // Capitals, or (legacy fonts lose them) a line starting with a kind of body.
            let named = mostly_uppercase(t) || ((issuers::body_prefix(t).is_some() || issuers::level_prefix(t).is_some()) && t.split_whitespace().count() <= 10 && !t.ends_with(['.', ';', ':']));
            if !named || t.chars().count() > HEAD_CELL_CHARS || t.chars().any(|c| c.is_ascii_digit()) {
                if picked.is_empty() {
                    continue;
                }
                break 'lines;
            }
            picked.push(t.split_whitespace().collect::<Vec<_>>().join(" "));
            // Only the left column is the issuer: the right one holds the motto.
            continue 'lines;
        }
    }
    picked.reverse();
    let mut units: Vec<String> = Vec::new();
    for line in picked {
        // A line not starting with a kind of body continues a name that has no locality yet
        // ("ỦY BAN NHÂN DÂN" / "TỈNH CÀ MAU", "BQL CÁC KHU CÔNG NGHIỆP" / "BÀ RỊA – VŨNG TÀU").
        let open = units.last().is_some_and(|u| !has_level(u));
        if open && issuers::body_prefix(&line).is_none() {
            if let Some(u) = units.last_mut() {
                u.push(' ');
                u.push_str(&line);
            }
        } else {
            units.push(line);
        }
    }
    if units.len() >= 2 {
        md.issuer.parent = units.get(units.len() - 2).cloned();
    }
    // A name the database header sentence gave stays when no letterhead line is found.
    if let Some(name) = units.pop() {
        md.issuer.name = Some(name);
    }
}

/// `s` without a type name ending it (one to three words): "Quốc hội Luật" → "Quốc hội".
fn without_type_name(s: &str) -> &str {
    let words: Vec<&str> = s.split_whitespace().collect();
    for k in (1..=3.min(words.len())).rev() {
        let tail = words[words.len() - k..].join(" ");
        if doc_types::by_heading(&tail, None).is_some() {
            let first = words[words.len() - k];
            let at = first.as_ptr() as usize - s.as_ptr() as usize;
            return s[..at].trim_end();
        }
    }
    s
}

/// Whether a name contains an administrative level word after its first word ("… HUYỆN THÁP MƯỜI").
fn has_level(name: &str) -> bool {
    let f = fold(name);
    let words: Vec<&str> = f.split_whitespace().collect();
    (1..words.len()).any(|k| issuers::level_prefix(&words[k..].join(" ")).is_some())
}

/// The type abbreviation inside a symbol: state "BC-UBND" → "BC", "2023/QĐ-UBND" → "QĐ";
/// Party "KH/HU" → "KH". `None` for công văn symbols ("UBND-VP") and issuer-only ones.
pub(super) fn type_code(symbol: &str, family: Option<Family>) -> Option<&str> {
    let rest = symbol.trim_start_matches(|c: char| c.is_ascii_digit() || c == '/');
    let party = family == Some(Family::Party) || (!rest.contains('-') && rest.contains('/'));
    let code = if party { rest.split('/').next() } else { rest.split('-').next() }?;
    (!code.is_empty() && code != rest && doc_types::by_code(code, family).is_some()).then_some(code)
}

/// A place name: one to six words of letters, starting with a capital letter.
fn place(s: &str) -> Option<String> {
    let t = s.trim().trim_matches(|c: char| !c.is_alphanumeric()).trim();
    let words = t.split_whitespace().count();
    let starts_upper = t.chars().next().is_some_and(char::is_uppercase);
    let letters_only = t.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '.');
    let weekday = patterns().weekday.is_match(&fold(t));
    (starts_upper && letters_only && !weekday && (1..=6).contains(&words)).then(|| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// An OCR-garbled place ("Théap Mwoi": not Vietnamese syllables) printed again at the
/// end of the issuer's name ("HUYỆN THÁP MƯỜI"): the địa danh is the issuer's locality (Phụ lục I),
/// so that reading is used, in title case.
fn place_from_issuer(place: &str, md: &Metadata) -> Option<String> {
    let words: Vec<&str> = place.split_whitespace().collect();
    if words.iter().all(|w| syllables::is_syllable(w)) {
        return None;
    }
    let target = fold(place);
    [md.issuer.name.as_deref(), md.issuer.parent.as_deref()].into_iter().flatten().find_map(|name| {
        let nw: Vec<&str> = name.split_whitespace().collect();
        let tail = nw.get(nw.len().checked_sub(words.len())?..)?;
        if !tail.iter().all(|w| w.chars().all(char::is_alphabetic)) {
            return None;
        }
        let cand = tail.join(" ");
        (similarity(&fold(&cand), &target) >= PLACE_SIMILARITY).then(|| title_case(&cand))
    })
}

/// Share of characters two short strings have in common, in order (2·LCS / total length).
fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let mut dp = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in 0..a.len() {
        for j in 0..b.len() {
            dp[i + 1][j + 1] = if a[i] == b[j] { dp[i][j] + 1 } else { dp[i][j + 1].max(dp[i + 1][j]) };
        }
    }
    let total = a.len() + b.len();
    if total == 0 { 0.0 } else { 2.0 * dp[a.len()][b.len()] as f64 / total as f64 }
}

/// Minimum [`similarity`] for a garbled place to be the issuer's locality.
const PLACE_SIMILARITY: f64 = 0.75;

/// "THÁP MƯỜI" → "Tháp Mười".
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map(|f| f.to_uppercase().chain(cs.flat_map(char::to_lowercase)).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The capitalised words (one to four) that end `s` before the date's comma, with their byte
/// offset in `s`: "V/v … năm 2024 Châu Thành" → "Châu Thành".
fn trailing_place(s: &str) -> Option<(usize, String)> {
    let t = s.trim_end().trim_end_matches(',').trim_end();
    let mut start = t.len();
    let mut words = 0;
    for (k, w) in t.split_whitespace().rev().map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w)) {
        if words == 4 || !w.chars().next().is_some_and(char::is_uppercase) || !w.chars().all(char::is_alphabetic) {
            break;
        }
        start = k;
        words += 1;
    }
    (words > 0 && start > 0).then(|| (start, t[start..].to_owned()))
}

/// A Nơi nhận or Kính gửi entry without its bullet and final punctuation.
pub(super) fn clean_entry(s: &str) -> String {
    let t = s.trim().trim_start_matches(['-', '+', '•', '–', '*', '.']).trim();
    let t = t.trim_end_matches([';', ',', '.']).trim();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The trích yếu under the heading line (with any note reflow joined to it: see [`without_note`])
/// and the line after it. Blank lines between its lines are
/// allowed when the next line continues the sentence (starts in lower case, as PDF text does).
///
/// After a blank line, a short line ending with the issuer's name is the enacting authority of a
/// normative text ("BỘ TRƯỞNG BỘ TÀI CHÍNH", printed "bộ trưởng bộ tài chính" where the legacy
/// font lost its capitals), not a continuation.
fn subject_after(doc: &Doc, heading: usize, issuer: Option<&str>) -> (Option<String>, usize) {
    let p = patterns();
    let issuer = issuer.map(fold).filter(|f| !f.is_empty());
    let lines = &doc.seg.lines;
    let mut parts: Vec<&str> = Vec::new();
    let mut i = heading + 1;
    let mut next = i;
    let mut blank_run = 0;
    while i < lines.len() && parts.len() < SUBJECT_LINES {
        let t = lines[i].text(doc.text).trim();
        i += 1;
        if t.is_empty() {
            blank_run += 1;
            continue;
        }
        let folded = fold(t);
        let stop = p.rule.is_match(t)
            || p.kinh_gui.is_match(&folded)
            || folded.starts_with("can cu")
            || p.division.is_match(&folded)
            || parts.first().is_some_and(|f| mostly_uppercase(f) != mostly_uppercase(t))
            || folded.starts_with('(')
            || p.numbered.is_match(t)
            || body_sentence(t)
            || parts.iter().map(|x| x.chars().count()).sum::<usize>() + t.chars().count() > MAX_SUBJECT_CHARS
            || (!parts.is_empty() && blank_run > 0 && t.chars().count() <= HEADING_CHARS && issuer.as_deref().is_some_and(|f| folded.ends_with(f)))
            || (!parts.is_empty() && blank_run > 1)
            || (!parts.is_empty() && blank_run > 0 && !t.chars().next().is_some_and(char::is_lowercase));
        if stop {
            if p.rule.is_match(t) || folded.starts_with('(') {
                next = i;
            }
            break;
        }
        parts.push(t);
        next = i;
        blank_run = 0;
    }
    ((!parts.is_empty()).then(|| parts.join(" ")), next)
}

/// A line of the body rather than of the trích yếu: a long line ending a sentence.
fn body_sentence(t: &str) -> bool {
    t.chars().count() >= BODY_SENTENCE_CHARS && t.ends_with(['.', ':', ';']) && !t.ends_with("./")
}

/// Lines of the note "(Ban hành kèm theo …)" under a trích yếu.
const NOTE_LINES: usize = 4;

/// The note at line `i` saying the document was issued with another ("(Ban hành kèm theo Quyết
/// định số … ngày … của …)", "(Kèm theo …)"), its lines joined without the parentheses, and the
/// line after it.
fn attached_note(doc: &Doc, i: usize) -> Option<(String, usize)> {
    let lines = &doc.seg.lines;
    let first = lines.get(i)?.text(doc.text).trim();
    if !first.starts_with('(') || !fold(first).contains("kem theo") {
        return None;
    }
    let mut parts = vec![first];
    let mut j = i + 1;
    while !parts.last().is_some_and(|t| t.contains(')')) && j < lines.len() && parts.len() < NOTE_LINES {
        let t = lines[j].text(doc.text).trim();
        if t.is_empty() {
            break;
        }
        parts.push(t);
        j += 1;
    }
    let joined = parts.join(" ");
    let inner = joined.trim_start_matches('(').split(')').next().unwrap_or("").trim();
    let inner = inner.split_whitespace().collect::<Vec<_>>().join(" ");
    (!inner.is_empty()).then_some((inner, j))
}

/// A note "(Ban hành kèm theo …)" ending `s`: where it starts, and its text without parentheses.
fn attached_in(s: &str) -> Option<(usize, String)> {
    let t = s.trim_end().strip_suffix(')')?;
    let k = t.rfind(" (")?;
    let inner = t[k + 2..].trim();
    (fold(inner).contains("kem theo") && !inner.contains('(')).then(|| (k, inner.to_owned()))
}

/// The subject without a trailing parenthesised note that reflow may have joined to it
/// ("… năm 2024 (Trình tại kỳ họp thứ 16, HĐND huyện khóa XX)"): a note of four words or more
/// starting with a capital.
fn without_note(s: &str) -> String {
    let t = s.trim_end();
    if t.ends_with(')') {
        if let Some(k) = t.rfind(" (") {
            let note = &t[k + 2..t.len() - 1];
            if note.split_whitespace().count() >= 4 && note.chars().next().is_some_and(char::is_uppercase) && !note.contains('(') {
                return t[..k].trim_end().to_owned();
            }
        }
    }
    t.to_owned()
}

/// The "V/v …" subject of a công văn with its continuation lines (lower-case starts).
fn vv_subject(doc: &Doc, c: &Cell, date_start: Option<usize>) -> (String, usize) {
    let cut = |start: usize, end: usize| match date_start {
        Some(d) if d > start && d <= end => doc.text[start..d].trim().to_owned(),
        _ => doc.text[start..end].trim().to_owned(),
    };
    let mut parts = vec![cut(c.start, c.end)];
    let mut i = c.line + 1;
    while i < doc.seg.lines.len() && parts.len() < SUBJECT_LINES {
        let first = first_cell(doc, i);
        let Some(n) = first else { break };
        let t = n.text(doc);
        if !t.chars().next().is_some_and(char::is_lowercase) {
            break;
        }
        parts.push(cut(n.start, n.end));
        i += 1;
    }
    (parts.join(" "), i)
}

/// A document without letterhead or heading that opens with its title (one to three short lines,
/// then a blank line, a parenthesised note or a part heading): the title is the subject.
pub(super) fn leading_title(doc: &Doc, found: &HeadFound) -> Option<String> {
    if found.letterhead || found.heading.is_some() {
        return None;
    }
    let p = patterns();
    let lines = &doc.seg.lines;
    let mut i = 0;
    while i < lines.len() && lines[i].is_blank(doc.text) {
        i += 1;
    }
    let mut parts: Vec<&str> = Vec::new();
    while i < lines.len() && parts.len() < 4 {
        let t = lines[i].text(doc.text).trim();
        if t.is_empty() || t.starts_with('(') {
            break;
        }
        parts.push(t);
        i += 1;
    }
    let ends_block = i >= lines.len() || lines[i].is_blank(doc.text) || lines[i].text(doc.text).trim().starts_with('(');
    let titled = (1..=3).contains(&parts.len())
        && parts.iter().all(|t| {
            let n = t.chars().count();
            (8..=150).contains(&n)
                && t.chars().next().is_some_and(char::is_uppercase)
                && !t.ends_with(['.', ':', ',', ';'])
                && !p.numbered.is_match(t)
                && !p.kinh_gui.is_match(&fold(t))
        });
    (ends_block && titled).then(|| without_note(&parts.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mã_loại_trong_ký_hiệu() {
        assert_eq!(type_code("BC-UBND", Some(Family::State)), Some("BC"));
        assert_eq!(type_code("2023/QĐ-UBND", None), Some("QĐ"));
        assert_eq!(type_code("KH/HU", Some(Family::Party)), Some("KH"));
        assert_eq!(type_code("KH/HU", None), Some("KH"));
        assert_eq!(type_code("UBTVQH15", None), None);
        assert_eq!(type_code("UBND-VP", Some(Family::State)), None);
    }

    #[test]
    fn địa_danh() {
        assert_eq!(place("Tháp Mười").as_deref(), Some("Tháp Mười"));
        assert_eq!(place("Thứ Hai"), None);
        assert_eq!(place("Công văn 2826/SNV"), None);
    }
}

#[cfg(test)]
mod place_tests {
    use super::*;

    #[test]
    fn địa_danh_ocr_lấy_từ_tên_cơ_quan() {
        let mut md = Metadata::default();
        md.issuer.name = Some("HUYEN THAP MUOI".into());
        assert_eq!(place_from_issuer("Théap Mwoi", &md).as_deref(), Some("Thap Muoi"));
        assert_eq!(place_from_issuer("Tháp Mười", &md), None);
    }
}
