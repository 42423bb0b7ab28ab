//! Văn bản được viện dẫn: normalised text → [`Citation`]s (type word, number and symbol, date,
//! issuer after "của", quoted title), repeated mentions of one document grouped.
//!
//! A citation is a symbol of one of the shapes of `../shared/docs/format-spec.md` — state
//! `452/QĐ-UBND`, normative `26/2022/UBTVQH15`, Party `19-CT/TW`, joint `18-KH/BDVHU-UBND`, old
//! multi-slash `1141-TC/QĐ/CĐKT` — preceded by a type word of `data/citation-types.tsv`
//! ("Quyết định số …"); or a type word with a bare number ("Đề án 06"); or a law cited by name
//! ("Luật Đất đai (sửa đổi)"). Type words, "số", "ngày", "của" are matched on folded text with
//! one OCR slip allowed per word ("Quyét dinh s6", "Pé 4n", "ctia"); the symbol keeps its printed
//! form in `numberSymbolRaw` and is repaired in `numberSymbol` ("QD-UBND" → "QĐ-UBND"). A symbol
//! without a type word (the document's own "Số: 7763/BC-UBND") is not a citation.

use super::figures::footnote_markers;
use super::Doc;
use crate::catalogue::citation_types::WordRole;
use crate::catalogue::{citation_types, units};
use crate::fold::Folded;
use crate::limits::MAX_CITATIONS;
use crate::report::Citation;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Bytes after a symbol searched for its date, issuer and title.
const TAIL_WINDOW: usize = 160;

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("static pattern"))
}

/// Longest name of a law cited by name before its "số" ("Luật Tổ chức Hội đồng nhân dân và Ủy ban
/// nhân dân số 11/2003/QH11"), in bytes.
const MAX_LAW_NAME_BYTES: usize = 160;

/// Number and symbol as printed. A line break may follow a hyphen ("8352/QD-\nUBND"). Older
/// documents also write a space before the first slash ("110 /2002/QĐ-BTC"), a space for the
/// hyphen ("60 TC/CĐKT"), more slashes after the year ("30/2000/TTLT/BTC-UBTDTT",
/// "172/1998/TT/BTC"), the legislature apart from its code ("03/1998/QH 10") and a spaced
/// hyphen after the type code of a normative symbol ("24/2000/NĐ - CP").
fn symbol_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?x)
        (?-u:\b)[0-9]{1,5}[A-Z]?
        (?:
            \ ?/[0-9]{4}\ ?/ SEG (?:[\ \t]+-[\ \t]+[A-ZĐ]{2,}(?-u:\b))? (?: SEP SEG )*   # 26/2022/UBTVQH15, 144/2021/NĐ-CP, 24/2000/NĐ - CP, 30/2000/TTLT/BTC-UBTDTT
          | / SEG (?: SEP SEG )*                                   # 452/QĐ-UBND, 06/CP; QD- UBND; 101/QĐ.BQL-TC
          | \ ?-\ ? SEG (?: / SEG (?: - SEG )* )+                    # 19-CT/TW, 1141-TC/QĐ/CĐKT
          | - SEG                                                   # 21-KL, 77-CP
          | \ SEG (?: / SEG )+                                      # 60 TC/CĐKT, 04 TC/TCT
        )"
        .replace("SEP", r"(?: - (?:[\ \t]*\n?[\ \t]*)? | \. | / )")
        .replace("SEG", r"(?: (?:UBTV)?QH\ [0-9]{1,2}(?-u:\b) | [A-ZĐÐ][A-Za-zĐđÐ0-9&]* )")
        .as_str(),
    )
}

/// One OCR slip allowed: equal, or one edit when the longer word has 2+ letters.
fn close(a: &str, b: &str) -> bool {
    a == b || (a.chars().count().max(b.chars().count()) >= 2 && crate::fold::within_one_edit(a, b))
}

/// "số" as printed or OCR'd: so, s6, sb, sé, sd, s, số:.
fn is_so(w: &str) -> bool {
    let w = w.trim_end_matches([':', '.']);
    w == "s" || (w.len() <= 3 && w.starts_with('s') && w != "su" && w != "sau")
}

/// A folded word of a type phrase without the punctuation around it ("(de", "dinh,").
fn type_word(w: &str) -> &str {
    w.trim_start_matches(['(', '[', '“', '"']).trim_end_matches([',', ':'])
}

/// Words (start, word) of folded text ending at `at`, last `n` of them.
fn words_before(f: &str, at: usize, n: usize) -> Vec<(usize, &str)> {
    let lo = at.saturating_sub(80);
    let lo = (lo..at).find(|&i| f.is_char_boundary(i)).unwrap_or(at);
    let seg = &f[lo..at];
    let mut ws: Vec<(usize, &str)> = seg.split_whitespace().map(|w| (w.as_ptr() as usize - f.as_ptr() as usize, w)).collect();
    if ws.len() > n {
        ws.drain(..ws.len() - n);
    }
    ws
}

/// The citation type whose words end just before `at` (optionally followed by "số"); returns the
/// type and the folded offset where it starts.
fn type_before(f: &str, at: usize) -> Option<(&'static citation_types::CitationType, usize)> {
    let mut ws = words_before(f, at, 6);
    if ws.last().is_some_and(|(_, w)| is_so(w)) {
        ws.pop();
    }
    // A type read exactly wins over one read with an OCR slip: "dự án" is Dự án, not Đề án.
    for fuzzy in [false, true] {
        for t in citation_types::types() {
            let n = t.words.len();
            if ws.len() < n {
                continue;
            }
            let tail = &ws[ws.len() - n..];
            // Word-final punctuation (a comma, an OCR "&") does not belong to the type word.
            let word = |w: &str| -> String { type_word(w).to_owned() };
            let exact = tail.iter().zip(&t.words).filter(|((_, w), tw)| word(w) == **tw).count();
            if !fuzzy {
                if exact == n {
                    return Some((t, tail[0].0));
                }
                continue;
            }
            let ok = tail.iter().zip(&t.words).all(|((_, w), tw)| close(&word(w), tw));
            // One slip per phrase at most for one-word types ("luat" vs "luan" would be too loose).
            if ok && (exact >= 1 || n >= 2 && exact + 1 >= n) {
                return Some((t, tail[0].0));
            }
        }
    }
    None
}

/// "QĐ 280/TTg", "NQ số 49/TTg": an abbreviation of a type, printed as the catalogue writes it,
/// right before the number (or its "số"). Returns the type and the folded offset it starts at.
fn type_abbreviation_before(text: &str, fold: &Folded, f: &str, at: usize) -> Option<(&'static citation_types::CitationType, usize)> {
    let mut ws = words_before(f, at, 2);
    if ws.last().is_some_and(|(_, w)| is_so(w)) {
        ws.pop();
    }
    let &(p, w) = ws.last()?;
    let printed = text.get(fold.origin_range(p..p + w.len()))?;
    citation_types::by_abbreviation(printed.trim_start_matches(['(', '[']).trim_end_matches(':')).map(|t| (t, p))
}

/// Longest issuer between a type word and its "số" ("Thông tư liên bộ Thương mại - Ngoại giao -
/// Tài chính - Tổng cục Hải quan số 04/TTLB"), in words.
const MAX_ISSUER_WORDS: usize = 16;

/// "<loại> [của] <cơ quan> số <ký hiệu>": the type word with an issuer between it and the "số"
/// just before `at`. The issuer is a phrase without punctuation or digits that starts with
/// "của", "liên" or a capital; a law's name before "số" is left to the reading of named laws.
fn type_before_issuer(f: &str, text: &str, fold: &Folded, at: usize) -> Option<(&'static citation_types::CitationType, usize)> {
    let lo = crate::span::floor_char_boundary(f, at.saturating_sub(MAX_ISSUER_WORDS * 12));
    let mut ws: Vec<(usize, &str)> = f[lo..at].split_whitespace().map(|w| (w.as_ptr() as usize - f.as_ptr() as usize, w)).collect();
    if lo > 0 && !ws.is_empty() {
        ws.remove(0); // may be cut
    }
    let (so_at, so) = ws.pop()?;
    if !is_so(so) {
        return None;
    }
    for k in (ws.len().saturating_sub(MAX_ISSUER_WORDS)..ws.len()).rev() {
        let (p, w) = ws[k];
        if w.contains(|c: char| c.is_ascii_digit() || ",;:.()\"“”".contains(c)) || is_so(w) {
            return None;
        }
        let between = &f[p..so_at];
        if between.contains("\n\n") || between.matches('\n').count() > 2 {
            return None;
        }
        let Some((t, ts)) = type_before(f, p) else { continue };
        if t.numberless {
            return None;
        }
        let first = text.get(fold.origin(p)..).and_then(|s| s.chars().next()).unwrap_or(' ');
        let lead = ws[k].1;
        return (lead == "cua" || lead == "lien" || crate::letters::is_upper(first)).then_some((t, ts));
    }
    None
}

/// Does a symbol at `at` continue the list of the citation that ended at `end` — only commas,
/// "và", "hoặc" and "số" between ("…, số 1440/CP-KTTH", "…, 224-TC/CĐKT ngày …")?
fn continues_list(f: &str, end: usize, at: usize) -> bool {
    static GAP: OnceLock<Regex> = OnceLock::new();
    let gap = re(&GAP, r"^[\s,;]*(?:(?:va|hoac)\s+)?(?:cac\s+)?(?:so\s*:?\s*)?$");
    end <= at && at - end <= 40 && f.get(end..at).is_some_and(|g| gap.is_match(g))
}

/// The document's own heading: its type word is a line of its own among the first lines, before
/// any "căn cứ", and the symbol follows on the next ("Thông tư\ncủa Bộ Tài chính số 13/2001/TT-BTC").
/// The line may have been joined to the next ("Nghị định của Chính phủ số …"); a sentence that
/// starts the text with a citation ("Kế hoạch số 18-KH/HU ngày …") is no heading.
fn own_heading(f: &str, tstart: usize, at: usize) -> bool {
    const HEADING_BYTES: usize = 400;
    let before = &f[..tstart];
    at < HEADING_BYTES
        && f.get(tstart..at).is_some_and(|h| h.contains('\n') || h.contains(" cua "))
        && before.rsplit('\n').next().is_some_and(|l| l.trim().is_empty())
        && before.lines().filter(|l| !l.trim().is_empty()).count() <= 3
        && !before.contains("can cu")
}

/// Longest aside in parentheses kept in an issuer ("(nay là Chính phủ)"), in folded bytes.
const MAX_ISSUER_ASIDE: usize = 40;

/// Does the clause after an issuer start with `next` (folded text at folded offset `at`)?
fn starts_clause(text: &str, fold: &Folded, at: usize, next: &str) -> bool {
    let folded: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
    // Words that end an issuer (`data/citation-words.tsv`, issuer-stop): only a word printed in
    // lower case stops, so that a capitalised word of a name ("Bộ Tài chính", "Ban Đối ngoại")
    // is not taken for "tại", "đối".
    if !citation_types::words(WordRole::IssuerStop).contains(&folded.as_str()) {
        return false;
    }
    if matches!(folded.as_str(), "ban" | "bo" | "ap" | "thi") && !["ban hanh", "bo sung", "ap dung", "thi hanh"].iter().any(|p| next.starts_with(p)) {
        return false;
    }
    // "Ủy ban nhân dân thành phố …" keeps its "thành phố".
    if folded == "thanh" && next.starts_with("thanh pho") {
        return false;
    }
    let printed = text.get(fold.origin(at)..).unwrap_or("");
    // "và" joins two names ("Bộ Kế hoạch và Đầu tư"); before a word in lower case it starts the
    // rest of the clause ("của Bộ Tài chính và những …").
    if folded == "va" {
        let after = printed.split_whitespace().nth(1).and_then(|w| w.chars().next());
        return after.is_some_and(|c| c.is_alphabetic() && !crate::letters::is_upper(c));
    }
    printed.chars().next().is_some_and(|c| !crate::letters::is_upper(c))
}

/// Types that may be cited by name, then the name: "Luật Đất đai", "Bộ Luật Lao động", "Luật
/// đầu tư nước ngoài tại Việt Nam", "Hiến pháp năm 1992", "Luat Dat dai". Group 1: the type.
fn law_re() -> &'static Regex {
    static LAW: OnceLock<Regex> = OnceLock::new();
    LAW.get_or_init(|| {
        let mut names: Vec<String> = citation_types::types()
            .iter()
            .filter(|t| t.numberless)
            .flat_map(|t| {
                // As printed, every word capitalised ("Bộ Luật", "Pháp Lệnh"), and without
                // diacritics as OCR leaves it ("Luat Dat dai").
                let cap = |w: &str| -> String {
                    let mut cs = w.chars();
                    cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default()
                };
                let titled: Vec<String> = t.name.split(' ').map(cap).collect();
                [regex::escape(t.name), regex::escape(&titled.join(" ")), regex::escape(&cap(&t.words.join(" ")))]
            })
            .collect();
        crate::sort::sort_by_key(&mut names, |n| std::cmp::Reverse(n.len()));
        names.dedup();
        Regex::new(&format!(
            r"(?-u:\b)({N})[ \t]+(?:năm [0-9]{{4}}|nam [0-9]{{4}}|[{L}]+(?:[ \t]+[{L}]+){{0,9}})(?:[ \t]*\((?:sửa đổi|sua doi)[^)\n]{{0,20}}\))?",
            N = names.join("|"),
            L = crate::letters::LETTER_CLASS
        ))
        .expect("catalogue pattern")
    })
}

/// Where the name of a law matched by [`law_re`] (`s`, its type word `type_len` bytes) ends: at
/// the first word that starts the rest of the sentence. None when it is not a law's name: too
/// short, or a name in lower case that starts with a not-law-name word of
/// `data/citation-words.tsv` ("Luật định", "Luật sư", "Luật này") or is a single word ("Luật
/// thuế" is any tax law).
fn law_name_end(s: &str, type_len: usize) -> Option<usize> {
    let mut end = 0;
    let mut prev = String::new();
    for (i, w) in s.split_inclusive(char::is_whitespace).scan(0, |p, w| {
        let at = *p;
        *p += w.len();
        Some((at, w))
    }) {
        let fw = crate::fold::fold(w.trim());
        // Words that start the rest of the sentence (`data/citation-words.tsv`, law-stop).
        // Matched as printed, or folded when the word has no diacritics (OCR): "tham nhũng" must
        // not stop at "nhưng". A word in capitals is part of a name ("… tại Việt Nam" is not cut
        // at "Nam" ≈ "năm"). Names in lower case run on into the sentence ("Luật doanh nghiệp sẽ
        // …"): law-stop-printed words end them too, matched only as printed, since their folded
        // forms are words of names ("vi phạm", "cung ứng").
        let stops = citation_types::words(WordRole::LawStop);
        let lw = w.trim().to_lowercase();
        let capital = w.trim_start().starts_with(crate::letters::is_upper);
        let stop = !capital
            && (citation_types::words(WordRole::LawStopPrinted).contains(&lw.as_str())
                || if lw == fw { stops.iter().any(|s| crate::fold::fold(s) == fw) } else { stops.contains(&lw.as_str()) });
        // "Luật … năm 2013" keeps its year; "… tại Việt Nam" is part of a name ("Luật Đầu tư
        // nước ngoài tại Việt Nam").
        let rest = &s[i + w.len()..];
        let year_follows = fw == "nam" && rest.starts_with(|c: char| c.is_ascii_digit());
        let country_follows = fw == "tai" && (rest.starts_with("Việt Nam") || rest.starts_with("Việt nam") || rest.starts_with("VN"));
        // "Việt nam" as older documents print it: "nam" is not "năm" there.
        let country = fw == "nam" && prev == "viet";
        // "… quy định" ends a name; "quy phạm" is a word of one ("Luật Ban hành văn bản quy phạm
        // pháp luật").
        let rules = !capital && matches!(lw.as_str(), "quy" | "qui") && rest.starts_with("định");
        prev = fw.clone();
        if i >= type_len && !w.starts_with('(') && (stop && !year_follows && !country_follows && !country || rules) {
            break;
        }
        end = i + w.trim_end().len();
    }
    let name = s.get(type_len..end)?.trim();
    let first = name.split_whitespace().next()?;
    if first.starts_with(|c: char| !crate::letters::is_upper(c) && !c.is_ascii_digit()) {
        let lower = first.to_lowercase();
        if citation_types::words(WordRole::NotLawName).contains(&lower.as_str()) || name.split_whitespace().count() < 2 {
            return None;
        }
    }
    Some(end)
}

fn iso(d: u32, m: u32, y: u32) -> Option<String> {
    ((1..=31).contains(&d) && (1..=12).contains(&m) && (1900..=2100).contains(&y)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Date, issuer and title in the folded tail after a symbol; returns also how far it reached.
fn tail_fields(f: &str, text: &str, fold: &Folded, at: usize, limit: usize) -> (Option<String>, Option<String>, Option<String>, usize) {
    static DATE: OnceLock<Regex> = OnceLock::new();
    static OF: OnceLock<Regex> = OnceLock::new();
    static TITLE: OnceLock<Regex> = OnceLock::new();
    let date_re = re(
        &DATE,
        r"^[\s,]*ng\S{0,2}y\s+([0-9]{1,2})\s*(?:[/.-]\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{4})|\s+th\S{0,3}ng\s+([0-9]{1,2})\s+n\S{0,3}m\s+([0-9]{4}))",
    );
    let of_re = re(&OF, r"^[\s,]*(?:cua|cia|ciia|cta|ctua|ctia|cla|ctla)\s+");
    let title_re = re(&TITLE, r"^[\s,]*(?:ve\s+|v/v\s+)?[“\x22]([^”\x22\n]{1,300})[”\x22]");
    let end = (at + TAIL_WINDOW).min(limit).min(f.len());
    let end = (at..=end).rev().find(|&i| f.is_char_boundary(i)).unwrap_or(at);
    let win = &f[at..end];
    let mut pos = 0;
    let mut date = None;
    let mut issuer = None;
    let mut title = None;
    let date_at = |s: &str| -> Option<(String, usize)> {
        let c = date_re.captures(s)?;
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let d = num(1)?;
        let (m, y) = if c.get(2).is_some() { (num(2)?, num(3)?) } else { (num(4)?, num(5)?) };
        Some((iso(d, m, y)?, c.get(0)?.end()))
    };
    if let Some((d, n)) = date_at(win) {
        date = Some(d);
        pos = n;
    }
    if let Some(m) = of_re.find(&win[pos..]) {
        let s = pos + m.end();
        let mut e = s;
        let mut words = 0;
        let mut paren = false;
        // The issuer runs to punctuation, a line's end, a date, a title, or a word that starts
        // the next clause.
        for (i, c) in win[s..].char_indices() {
            let here = s + i;
            if c == '(' {
                // A short aside that closes on its line belongs to the issuer ("(khóa XII)", "(nay
                // là Chính phủ)"); a long one is a gloss of the whole citation ("(sau đây gọi tắt
                // là …").
                let closes = win[here..].char_indices().take_while(|&(k, c)| k <= MAX_ISSUER_ASIDE && c != '\n').any(|(_, c)| c == ')');
                let aside = win[here + 1..].trim_start();
                let gloss = ["sau day", "duoi day", "goi tat", "viet tat"].iter().any(|g| aside.starts_with(g));
                if !closes || gloss || here == s {
                    break;
                }
                paren = true;
            }
            if c == ')' && paren {
                e = here + 1;
                break;
            }
            // A ")" not opened here closes an aside the citation sits in ("(… của Chính phủ)").
            if c == '\n' || c == ')' || (!paren && matches!(c, ',' | ';' | '.' | '“' | '"' | ':')) {
                break;
            }
            if c.is_whitespace() || here == s {
                let next = win[here..].trim_start();
                if !paren && here > s && starts_clause(text, fold, at + (win.len() - next.len()), next) {
                    break;
                }
                if c.is_whitespace() && !win[..here].ends_with(char::is_whitespace) {
                    words += 1;
                    if words >= 10 {
                        break;
                    }
                }
            }
            e = here + c.len_utf8();
        }
        let r = fold.origin_range(at + s..at + e);
        issuer = text.get(r).map(|t| {
            let mut ws: Vec<&str> = t.split_whitespace().collect();
            // A connector left before the next citation ("… Quốc hội và").
            while ws.last().is_some_and(|w| matches!(w.to_lowercase().as_str(), "và" | "cùng" | "với" | "tại" | "theo" | "va" | "cung" | "voi" | "tai")) {
                ws.pop();
            }
            ws.join(" ")
        }).filter(|t| !t.is_empty());
        pos = e;
        if date.is_none() {
            if let Some((d, n)) = date_at(&win[pos..]) {
                date = Some(d);
                pos += n;
            }
        }
    }
    if let Some(c) = title_re.captures(&win[pos..]) {
        if let (Some(all), Some(t)) = (c.get(0), c.get(1)) {
            let r = fold.origin_range(at + pos + t.start()..at + pos + t.end());
            title = text.get(r).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
            pos += all.end();
        }
    }
    (date, issuer, title, at + pos)
}

/// Printed symbol → normalised: no whitespace, OCR'd "Đ" restored in known codes.
fn normalise_symbol(raw: &str) -> String {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::with_capacity(compact.len());
    let mut seg = String::new();
    let flush = |seg: &mut String, out: &mut String| {
        out.push_str(citation_types::repair_segment(seg).unwrap_or(seg));
        seg.clear();
    };
    for c in compact.chars() {
        if c == '-' || c == '/' || c == '.' {
            flush(&mut seg, &mut out);
            out.push(c);
        } else {
            seg.push(if c == 'Ð' { 'Đ' } else { c });
        }
    }
    flush(&mut seg, &mut out);
    out
}

/// Does a citation of `sorted` (by start) cover byte `pos`? Binary search, so that documents
/// with many citations stay linear.
fn covers(sorted: &[(Range<usize>, Citation)], pos: usize) -> bool {
    let k = sorted.partition_point(|(r, _)| r.start <= pos);
    sorted[..k].iter().rev().take(4).any(|(r, _)| pos < r.end)
}

fn group_key(c: &Citation) -> String {
    match &c.number_symbol {
        Some(s) => crate::fold::fold(s).replace(' ', ""),
        None => format!("{}:{}", crate::fold::fold(&c.kind), crate::fold::fold(c.title.as_deref().unwrap_or(""))),
    }
}

/// Citations of a document, one per document cited, in order of first mention. `own`: the
/// document's own number and symbol, which is never a citation of itself.
pub fn extract(doc: &Doc, own: Option<&str>) -> Vec<Citation> {
    let text = doc.text;
    let blanks = crate::extract::blank_ranges(text, footnote_markers(text).into_iter());
    let masked = crate::extract::masked_with(text, &blanks);
    let fold = doc.folded.with_blanks(text, &blanks);
    let f = fold.text.as_str();
    // Folded offset of an original offset: origins are monotonic, so a binary search (no table
    // as large as the text).
    let back = |i: usize| -> usize {
        let (mut lo, mut hi) = (0usize, f.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if fold.origin(mid) < i {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    };

    // Where the tail of a citation ending at `from` stops: where the next citation's type word
    // starts ("… của Chính phủ và Nghị định …"), in folded bytes.
    let tail_stop = |from: usize| {
        symbol_re().find_at(&masked, from).map_or(f.len(), |n| {
            let fs = back(n.start());
            type_before(f, fs).map_or(fs, |(_, ts)| ts)
        })
    };

    let mut found: Vec<(Range<usize>, Citation)> = Vec::new();
    // 1. Symbols with a type word before them; or after one whose issuer sits between the type
    // and "số" ("Thông tư liên bộ Thương mại - Tài chính số 04/TTLB"); or continuing a list of
    // the same type ("Công văn số 4830/KTTH ngày 24/9/1997, số 1440/CP-KTTH … và số 2687/VPCP").
    let mut last: Option<(usize, &'static citation_types::CitationType)> = None;
    let mut heading_own: Option<String> = None;
    for m in symbol_re().find_iter(&masked) {
        let raw_sym = m.as_str();
        let fs = back(m.start());
        let typed = type_before(f, fs)
            .or_else(|| type_before_issuer(f, text, &fold, fs))
            .or_else(|| if raw_sym.contains('/') { type_abbreviation_before(text, &fold, f, fs) } else { None });
        let (t, tstart) = match (typed, last) {
            (Some(x), _) => x,
            (None, Some((end, t))) if continues_list(f, end, fs) => (t, fs),
            _ => continue,
        };
        let so_before = words_before(f, fs, 1).last().is_some_and(|(_, w)| is_so(w));
        // "21-KL": a bare Party code must be a document-type code; an older state number with a
        // hyphen ("Nghị định số 77-CP", "công văn số 5762-KTTH") is read after "số".
        if !raw_sym.contains('/') && !so_before {
            let code = raw_sym.split('-').nth(1).unwrap_or("");
            if crate::catalogue::doc_types::by_code(code, None).is_none() {
                continue;
            }
        }
        // The document's own heading ("Nghị định\ncủa Chính phủ số 29/1998/NĐ-CP ngày …" on its
        // first lines) names the document itself, not another one; so does its number anywhere
        // else ("Quy chế … (ban hành kèm theo Nghị định số 29/1998/NĐ-CP …)").
        let number_symbol = normalise_symbol(raw_sym);
        if so_before && own_heading(f, tstart, fs) {
            heading_own.get_or_insert(number_symbol);
            continue;
        }
        if own.is_some_and(|o| o == number_symbol) || heading_own.as_ref().is_some_and(|o| *o == number_symbol) {
            continue;
        }
        let (date, issuer, title, end) = tail_fields(f, text, &fold, back(m.end()), tail_stop(m.end()));
        last = Some((end, t));
        let start = fold.origin(tstart);
        let end = fold.origin(end).max(m.end());
        found.push((
            start..end,
            Citation {
                kind: t.name.to_owned(),
                number_symbol: Some(number_symbol),
                number_symbol_raw: Some(raw_sym.to_owned()),
                date,
                issuer_text: issuer,
                title,
                raw: String::new(),
                span: Default::default(),
                count: 1,
                spans: Vec::new(),
            },
        ));
    }
    // 2. A type word and a bare number: "Đề án 06", "Nghị quyết số 01".
    let mut bare_found: Vec<(Range<usize>, Citation)> = Vec::new();
    let mut bare_exact: Vec<bool> = Vec::new();
    static BARE: OnceLock<Regex> = OnceLock::new();
    let bare = re(&BARE, &format!(r"(?:^|[^0-9_{L}/.,-])([0-9]{{1,3}})(?:$|[^0-9_{L}/.,%-])", L = crate::letters::LETTER_CLASS));
    for c in bare.captures_iter(f) {
        let Some(n) = c.get(1) else { continue };
        if covers(&found, fold.origin(n.start())) {
            continue;
        }
        let Some((t, tstart)) = type_before(f, n.start()) else { continue };
        if t.numberless {
            continue;
        }
        // A bare number is weak evidence: its type word must be read exactly (folded), so that
        // a look-alike ("Căn bản 40", "Dĩ An 164") is not taken for "Văn bản", "Đề án" — unless
        // it repeats a number read exactly ("Đề án 06 … Pé an 06", see below).
        let exact = f[tstart..].split_whitespace().zip(&t.words).all(|(w, tw)| type_word(w) == tw);
        // Type word right before the number (only "số" may sit between), and no unit after it.
        // The type word on the same line as its number ("DỰ ÁN:\n1" is a heading and a list).
        let between = &f[tstart..n.start()];
        if between.split_whitespace().count() > t.words.len() + 1 || between.contains('\n') || units::match_at(&f[n.end()..]).is_some() {
            continue;
        }
        // "Quyết định 3 ngày …", "Kế hoạch năm" are not numbers of documents unless "số" says so;
        // a number followed by more digits ("Nghị định số 3 7/2003/NĐ-CP") is not whole.
        let with_so = between.split_whitespace().count() == t.words.len() + 1;
        let next = f[n.end()..].trim_start_matches([' ', '\t']);
        if next.starts_with(|c: char| c.is_ascii_digit()) && (!with_so || !f[n.end()..].starts_with('\n')) {
            continue;
        }
        // Without "số", a number that ends a short line is a page of a table of contents or a
        // table's cell ("Kết luận 38", "Quản lý và xây dựng dự án 5"), while a sentence may end
        // with one ("… theo chương trình 327"); a code with two leading zeros is a budget line
        // ("Chi dự án 001").
        const SHORT_LINE_WORDS: usize = 8;
        let number = n.as_str();
        let line_words = f[..n.start()].rsplit('\n').next().map_or(0, |l| l.split_whitespace().count());
        let ends_line = next.is_empty() || next.starts_with(['\n', '\r']);
        if (!with_so && ends_line && line_words <= SHORT_LINE_WORDS) || number.starts_with("00") {
            continue;
        }
        // The document's own number ("Biểu mẫu của thông tư 120 đính kèm" in Thông tư
        // 120/2002/TT-BTC) is not a citation of another.
        if own.and_then(|o| o.split(['/', '-']).next()).is_some_and(|o| o.trim_start_matches('0') == number.trim_start_matches('0')) {
            continue;
        }
        let (date, issuer, title, end) = tail_fields(f, text, &fold, n.end(), f.len());
        let start = fold.origin(tstart);
        let end = fold.origin(end);
        bare_exact.push(exact);
        bare_found.push((
            start..end,
            Citation {
                kind: t.name.to_owned(),
                number_symbol: Some(text[fold.origin_range(n.range())].to_owned()),
                number_symbol_raw: Some(text[fold.origin_range(n.range())].to_owned()),
                date,
                issuer_text: issuer,
                title,
                raw: String::new(),
                span: Default::default(),
                count: 1,
                spans: Vec::new(),
            },
        ));
    }
    // A bare number after a type word read with an OCR slip stands when the same type and
    // number were read exactly elsewhere in the document.
    let exact_keys: Vec<(String, Option<String>)> = bare_found.iter().zip(&bare_exact).filter(|(_, e)| **e).map(|((_, c), _)| (c.kind.clone(), c.number_symbol.clone())).collect();
    let mut k = 0;
    bare_found.retain(|(_, c)| {
        let keep = bare_exact.get(k).copied().unwrap_or(false) || exact_keys.iter().any(|(kind, n)| *kind == c.kind && *n == c.number_symbol);
        k += 1;
        keep
    });
    found.append(&mut bare_found);
    crate::sort::sort_by_key(&mut found, |(r, _)| r.start);
    // 3. Laws cited by name: "Luật Đất đai (sửa đổi)", "Bộ luật Hình sự năm 2015", "Pháp lệnh Phí
    // và lệ phí số 38/2001/PL-UBTVQH10": the catalogue's types that may be cited by name alone.
    // Older documents write the name in lower case ("Luật đầu tư nước ngoài tại Việt Nam", "Bộ
    // Luật Lao động"); the search resumes after each type word, so that a law named inside
    // another's name ("Luật sửa đổi, bổ sung một số điều của Luật Thuế xuất khẩu") is read too.
    let law = law_re();
    let mut laws: Vec<(Range<usize>, Citation)> = Vec::new();
    let mut from = 0;
    while from < masked.len() {
        let Some(m) = law.captures_at(&masked, from) else { break };
        let (Some(whole), Some(ty)) = (m.get(0), m.get(1)) else { break };
        from = ty.end();
        if covers(&found, whole.start()) || covers(&laws, whole.start()) {
            continue;
        }
        let Some(mut end) = law_name_end(whole.as_str(), ty.len()) else { continue };
        // "Luật sửa đổi, bổ sung một số điều của Luật Thuế xuất khẩu, thuế nhập khẩu": the
        // amending law's name runs through the name of the law it amends. (No "(?i)": the
        // shipped regex has no Unicode case tables, see Cargo.toml.)
        static AMEND: OnceLock<Regex> = OnceLock::new();
        let amend = re(&AMEND, r"^[ \t]+(?:[Ss]ửa đổi|[Ss]ua doi)(?:,?[ \t]+(?:bổ sung|bo sung))?,?(?:[ \t]+(?:một số điều|mot so dieu))?[ \t]+(?:của|cua)[ \t]+");
        if let Some(p) = amend.find(&masked[ty.end()..]).map(|x| ty.end() + x.end()) {
            let inner = law.captures_at(&masked, p).filter(|c| c.get(0).is_some_and(|x| x.start() == p));
            if let Some((iw, it)) = inner.as_ref().and_then(|c| Some((c.get(0)?, c.get(1)?))) {
                if let Some(e) = law_name_end(iw.as_str(), it.len()) {
                    end = p - whole.start() + e;
                }
            }
        }
        // "Pháp lệnh Phí và lệ phí số 38/2001/PL-UBTVQH10", "Luật thuế xuất khẩu, thuế nhập khẩu
        // số 04/1998/QH10": a name with a stop word or a comma in it still runs to its "số", when
        // the number follows within the same phrase.
        static SO_NUMBER: OnceLock<Regex> = OnceLock::new();
        let so_number = re(&SO_NUMBER, r"[ \t]+(?:số|so|s6|s0)[ \t]+[0-9]");
        let ahead = &masked[whole.start()..crate::span::floor_char_boundary(&masked, whole.start() + MAX_LAW_NAME_BYTES)];
        end = end.min(ahead.len());
        // Not across another citation's type ("Luật Đất đai và Luật Xây dựng số …", "Luật Đất
        // đai, Nghị định số …") or a year that ended this one's name ("Luật Ngân sách nhà nước
        // năm 2002 và Luật số …").
        let extends = |so: &regex::Match| {
            let between = &ahead[end.min(so.start())..so.start()];
            let folded = format!(" {} ", crate::fold::fold(between).replace(',', " "));
            let another = citation_types::types().iter().any(|t| folded.contains(&format!(" {} ", t.words.join(" "))));
            so.start() > end && !ahead[..so.start()].contains([';', ':', '.', '\n', '“', '"']) && !another && !between.bytes().any(|b| b.is_ascii_digit())
        };
        if let Some(so) = so_number.find(ahead).filter(extends) {
            end = so.start();
        }
        let s = ahead;
        let name = s[..end].trim_end_matches([',', '.', ';', ':']).trim_end();
        if name.split_whitespace().count() < 2 {
            continue;
        }
        let kind = citation_types::types().iter().find(|t| crate::fold::fold(name).starts_with(&t.words.join(" ")) && t.numberless).map_or("Luật", |t| t.name);
        let mut r = whole.start()..whole.start() + name.len();
        // "Luật Ngân sách nhà nước số 01/2002/QH11": the name sits between the type and "số",
        // so the symbol is read here, with the date and issuer after it.
        let (mut number_symbol, mut number_symbol_raw, mut date, mut issuer_text) = (None, None, None, None);
        let after = &masked[r.end..];
        let so_len = after.len() - after.trim_start().len();
        let so_word = after.split_whitespace().next().unwrap_or("");
        if is_so(&crate::fold::fold(so_word)) {
            let rest = &masked[r.end + so_len + so_word.len()..];
            let sym_at = masked.len() - rest.trim_start().len();
            // Anchored at the symbol's place: a search from there could run through the text.
            let place = rest.trim_start();
            let sym = symbol_re().find(&place[..crate::span::floor_char_boundary(place, 80)]).filter(|x| x.start() == 0);
            if let Some(sym) = sym.filter(|x| x.as_str().contains('/')) {
                let sym_end = sym_at + sym.end();
                let (d, iss, _, end) = tail_fields(f, text, &fold, back(sym_end), tail_stop(sym_end));
                number_symbol = Some(normalise_symbol(sym.as_str()));
                number_symbol_raw = Some(sym.as_str().to_owned());
                date = d;
                issuer_text = iss;
                r.end = fold.origin(end).max(sym_end);
            }
        }
        laws.push((
            r,
            Citation {
                kind: kind.to_owned(),
                number_symbol,
                number_symbol_raw,
                date,
                issuer_text,
                title: Some(name.split_whitespace().collect::<Vec<_>>().join(" ")),
                raw: String::new(),
                span: Default::default(),
                count: 1,
                spans: Vec::new(),
            },
        ));
    }
    found.append(&mut laws);
    crate::sort::sort_by_key(&mut found, |(r, _)| r.start);

    // Group repeated mentions; the first keeps raw and span, later ones add to count and spans.
    let mut out: Vec<Citation> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (r, mut c) in found {
        let Some(raw) = text.get(r.clone()) else { continue };
        let span = doc.span(r);
        let key = group_key(&c);
        if let Some(&i) = index.get(&key) {
            let g = &mut out[i];
            g.count += 1;
            g.spans.push(span);
            g.date = g.date.take().or(c.date);
            g.issuer_text = g.issuer_text.take().or(c.issuer_text);
            g.title = g.title.take().or(c.title);
            continue;
        }
        if out.len() >= MAX_CITATIONS {
            break;
        }
        c.raw = raw.to_owned();
        c.span = span;
        c.spans = vec![span];
        index.insert(key, out.len());
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chuẩn_hóa_ký_hiệu() {
        assert_eq!(normalise_symbol("452/QD-UBND"), "452/QĐ-UBND");
        assert_eq!(normalise_symbol("8352/QD-\nUBND"), "8352/QĐ-UBND");
        assert_eq!(normalise_symbol("77/NQ-HPND"), "77/NQ-HĐND");
        assert_eq!(normalise_symbol("62/2020/NB-CP"), "62/2020/NĐ-CP");
        assert_eq!(normalise_symbol("08-QĐi/TW"), "08-QĐi/TW");
        assert_eq!(normalise_symbol("13/2020/TT-BGDDT"), "13/2020/TT-BGDĐT");
    }

    #[test]
    fn tên_luật_dừng_đúng_chỗ() {
        // The type word is the first word, or the first two ("Pháp lệnh", "Hiến pháp").
        fn name(s: &str, words: usize) -> Option<&str> {
            let ty = s.split_inclusive(' ').take(words).map(str::len).sum::<usize>() - 1;
            law_name_end(s, ty).map(|e| &s[..e])
        }
        assert_eq!(name("Luật Đất đai được", 1), Some("Luật Đất đai"));
        assert_eq!(name("Luật đầu tư nước ngoài tại Việt Nam", 1), Some("Luật đầu tư nước ngoài tại Việt Nam"));
        assert_eq!(name("Luật Đầu tư nước ngoài tại Việt nam", 1), Some("Luật Đầu tư nước ngoài tại Việt nam"));
        assert_eq!(name("Luật doanh nghiệp sẽ có", 1), Some("Luật doanh nghiệp"));
        assert_eq!(name("Luật đầu tư nước ngoài tại Việt Nam quy định", 1), Some("Luật đầu tư nước ngoài tại Việt Nam"));
        assert_eq!(name("Luật Ban hành văn bản quy phạm pháp luật", 1), Some("Luật Ban hành văn bản quy phạm pháp luật"));
        assert_eq!(name("Pháp lệnh xử lý vi phạm hành chính", 2), Some("Pháp lệnh xử lý vi phạm hành chính"));
        assert_eq!(name("Hiến pháp năm 1992", 2), Some("Hiến pháp năm 1992"));
        assert_eq!(name("Luật định", 1), None);
        assert_eq!(name("Luật sư của", 1), None);
        assert_eq!(name("Luật này", 1), None);
        assert_eq!(name("Luật thuế", 1), None);
    }

    #[test]
    fn danh_sách_và_tiêu_đề() {
        // Folded text, as the extractor reads it.
        assert!(continues_list(", so 1440/cp-ktth", 0, 5));
        assert!(continues_list(" va so 2687/vpcp", 0, 7));
        assert!(!continues_list(" cua bo 12/cp", 0, 8));
        let f = "nghi dinh\ncua chinh phu so 29/1998/nd-cp";
        assert!(own_heading(f, 0, f.find("29/").unwrap()));
        let f = "ke hoach so 18-kh/hu ngay 24/4/2023";
        assert!(!own_heading(f, 0, f.find("18-").unwrap()));
        let f = "can cu luat.\n\nnghi dinh\ncua chinh phu so 29/1998/nd-cp";
        assert!(!own_heading(f, f.find("nghi").unwrap(), f.find("29/").unwrap()));
    }

    #[test]
    fn ký_hiệu_cũ_có_khoảng_trắng() {
        for (s, want) in [("110 /2002/QĐ-BTC", "110/2002/QĐ-BTC"), ("60 TC/CĐKT", "60TC/CĐKT"), ("03/1998/QH 10", "03/1998/QH10"), ("24/2000/NĐ - CP", "24/2000/NĐ-CP"), ("30/2000/TTLT/BTC-UBTDTT", "30/2000/TTLT/BTC-UBTDTT")] {
            assert_eq!(symbol_re().find(s).map(|m| normalise_symbol(m.as_str())), Some(want.to_owned()), "{s}");
        }
        // A spaced hyphen before a word that is not a code ends the symbol.
        assert_eq!(symbol_re().find("24/2000/NĐ-CP - Chính phủ").map(|m| m.as_str()), Some("24/2000/NĐ-CP"));
    }

    #[test]
    fn hình_dạng_ký_hiệu() {
        for s in ["452/QĐ-UBND", "26/2022/UBTVQH15", "19-CT/TW", "18-KH/BDVHU-UBND", "1141-TC/QĐ/CĐKT", "144/2021/NĐ-CP", "06/CP"] {
            assert_eq!(symbol_re().find(s).map(|m| m.as_str()), Some(s), "{s}");
        }
        assert!(symbol_re().find("16/01/2023").is_none());
        assert!(symbol_re().find("24/25 chỉ tiêu").is_none());
    }
}
