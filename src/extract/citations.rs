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

/// Longest first part of a number split by a stray space ("số 3 7/2003/NĐ-CP"), in digits.
const MAX_SPLIT_NUMBER_DIGITS: usize = 2;

/// "Nghị định số 3 7/2003/NĐ-CP": a number split by a stray space — one or two digits between
/// "số" (after a type word) and a symbol starting at folded offset `at`. Returns where the first
/// digits start; the caller keeps the whole as the symbol ("37/2003/NĐ-CP").
fn split_number_start(f: &str, at: usize) -> Option<usize> {
    let ws = words_before(f, at, 2);
    let [(_, so), (p, digits)] = ws[..] else { return None };
    let one_space = f.get(p + digits.len()..at) == Some(" ");
    let short = (1..=MAX_SPLIT_NUMBER_DIGITS).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    (one_space && short && is_so(so) && type_before(f, p).is_some_and(|(t, _)| !t.numberless)).then_some(p)
}

/// Most slashless symbols read in one document (bounds the search).
const MAX_SLASHLESS_SYMBOLS: usize = 1000;

/// Older numbers printed without a slash or hyphen, the code apart from the number: "nghị định 66
/// HĐBT ngày 2/3/1992", "số 04 TTLB ngày 12/2/1996". The code must be a known issuer or type
/// code ([`citation_types::is_known_code`]) and the date must follow, so that "Điều 5 CP" or "Bảng
/// 3 BTC" is no symbol; the type word before is checked by the caller, as for other symbols.
fn slashless_symbols(masked: &str) -> Vec<Range<usize>> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(&R, r"(?:^|[^0-9A-Za-z/.-])([0-9]{1,5}[ \t]+([A-ZĐ][A-Za-zĐ]{1,9}))[ \t]+(?:ngày|ngay)[ \t]*[0-9]");
    r.captures_iter(masked)
        .take(MAX_SLASHLESS_SYMBOLS)
        .filter(|c| c.get(2).is_some_and(|code| citation_types::is_known_code(code.as_str())))
        .filter_map(|c| c.get(1).map(|m| m.range()))
        .collect()
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

/// Longest issuer after "của", in words: joint issuers run long ("của Bộ Tài chính, Bộ Lao động -
/// Thương binh và Xã hội và Bộ Nội vụ" is 15 words, "của Quốc hội nước Cộng hoà xã hội chủ nghĩa
/// Việt Nam" 11).
const MAX_ISSUER_TEXT_WORDS: usize = 24;

/// Does the issuer that starts with `first` (printed) go on after a comma (`printed`, the text
/// after it)? Only with another body of the same kind, capitalised — a joint issuer ("Bộ Tài
/// chính, Bộ Lao động - Thương binh và Xã hội"); not the rest of the sentence ("…, cơ quan …"),
/// nor the subject of the next clause ("của Ban Chấp hành Đảng bộ huyện, Ủy ban nhân dân huyện
/// đã …").
fn joint_issuer_follows(first: &str, printed: &str) -> bool {
    use crate::catalogue::issuers::body_prefix;
    let next = printed.trim_start_matches([' ', '\t']);
    let line = |s: &'_ str| s.split('\n').next().unwrap_or("").to_owned();
    let (Some(a), Some(b)) = (body_prefix(&line(first)), body_prefix(&line(next))) else { return false };
    next.starts_with(crate::letters::is_upper) && a.folded == b.folded
}

/// Does the clause after an issuer start with `next` (folded text at folded offset `at`)?
fn starts_clause(text: &str, fold: &Folded, at: usize, next: &str) -> bool {
    let folded: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
    // Words and phrases that end an issuer (`data/citation-words.tsv`, issuer-stop): only a word
    // printed in lower case stops, so that a capitalised word of a name ("Bộ Tài chính", "Ban Đối
    // ngoại") is not taken for "tại", "đối"; a phrase stops whole ("ban hành", not "ban").
    let whole = |p: &str| next.strip_prefix(p).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric));
    if !citation_types::words(WordRole::IssuerStop).iter().any(|p| whole(p)) {
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
        let lw = w.trim().to_lowercase();
        let capital = w.trim_start().starts_with(crate::letters::is_upper);
        let stop = !capital && is_law_stop(w);
        // "Luật … năm 2013" keeps its year; "… tại Việt Nam" is part of a name ("Luật Đầu tư
        // nước ngoài tại Việt Nam").
        let rest = &s[i + w.len()..];
        let year_follows = fw == "nam" && rest.starts_with(|c: char| c.is_ascii_digit());
        let country_follows = fw == "tai" && (rest.starts_with("Việt Nam") || rest.starts_with("Việt nam") || rest.starts_with("VN"));
        // "… đầu tư trong nước" (domestic) is part of a name ("Luật Khuyến khích đầu tư trong
        // nước"), as "tại Việt Nam" is.
        let domestic = fw == "trong" && (rest.starts_with("nước") || rest.starts_with("nuoc"));
        // "Việt nam" as older documents print it: "nam" is not "năm" there.
        let country = fw == "nam" && prev == "viet";
        // "… quy định" ends a name; "quy phạm" is a word of one ("Luật Ban hành văn bản quy phạm
        // pháp luật").
        let rules = !capital && matches!(lw.as_str(), "quy" | "qui") && rest.starts_with("định");
        prev = fw.clone();
        if i >= type_len && !w.starts_with('(') && (stop && !year_follows && !country_follows && !country && !domestic || rules) {
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

/// Does the word `w` (as printed, in lower case) start the rest of the sentence after a law's
/// name? Words of `data/citation-words.tsv` (law-stop) are matched as printed, or folded when
/// the word has no diacritics (OCR); law-stop-printed words only as printed.
fn is_law_stop(w: &str) -> bool {
    let lw = w.trim().to_lowercase();
    let fw = crate::fold::fold(&lw);
    let stops = citation_types::words(WordRole::LawStop);
    citation_types::words(WordRole::LawStopPrinted).contains(&lw.as_str())
        || if lw == fw { stops.iter().any(|s| crate::fold::fold(s) == fw) } else { stops.contains(&lw.as_str()) }
}

/// How many laws a name may run through ("Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh
/// Cán bộ, công chức": one amended law).
const MAX_AMEND_DEPTH: usize = 2;

/// "sửa đổi, bổ sung một số điều của": an amending law's name goes on with the name of the law it
/// amends. (No "(?i)": the shipped regex has no Unicode case tables, see Cargo.toml.)
fn amend_re() -> &'static Regex {
    static AMEND: OnceLock<Regex> = OnceLock::new();
    re(&AMEND, r"^[ \t]+(?:[Ss]ửa đổi|[Ss]ua doi)(?:,?[ \t]+(?:bổ sung|bo sung))?,?(?:[ \t]+(?:một số điều|mot so dieu))?[ \t]+(?:của|cua)[ \t]+")
}

/// Where the name of the law cited by name at byte `at` of `masked` ends, in bytes from `at`;
/// None when no law's name starts there. The name ends at the first word that starts the rest of
/// the sentence ([`law_name_end`]), or runs on — through a comma or a stop word — to what closes
/// it in the same phrase:
/// - its number: "Pháp lệnh Phí và lệ phí số 38/2001/PL-UBTVQH10", "Luật thuế xuất khẩu, thuế
///   nhập khẩu số 04/1998/QH10";
/// - its date: "Pháp lệnh Cán bộ, công chức ngày 26 tháng 02 năm 1998";
/// - the law it amends: "Luật sửa đổi, bổ sung một số điều của Luật Thuế xuất khẩu", "Pháp lệnh
///   Cán bộ, công chức sửa đổi, bổ sung một số điều của Pháp lệnh Cán bộ, công chức".
///
/// Never across another citation's type ("Luật Đất đai, Luật Xây dựng ngày …", "Luật Đất đai,
/// Nghị định số …"), a digit ("Luật Ngân sách nhà nước năm 2002 và Luật số …") or the end of a
/// phrase. Before a date or an amended law, the words run on only through a name's words and
/// "và" ("Luật Đất đai, kể từ ngày …" ends at "Đất đai").
fn law_name_extent(masked: &str, at: usize, depth: usize) -> Option<usize> {
    static CLOSER: OnceLock<Regex> = OnceLock::new();
    let closer = re(&CLOSER, r"[ \t]+(?:(số|so|s6|s0)[ \t]+[0-9]|(?:ngày|ngay)[ \t]*[0-9]|(?:[Ss]ửa đổi|[Ss]ua doi)[ \t,])");
    let m = law_re().captures_at(masked, at).filter(|c| c.get(0).is_some_and(|x| x.start() == at))?;
    let (whole, ty) = (m.get(0)?, m.get(1)?);
    let ahead = &masked[at..crate::span::floor_char_boundary(masked, at + MAX_LAW_NAME_BYTES)];
    let end = law_name_end(whole.as_str(), ty.len())?.min(ahead.len());
    // The law it amends, right after the type word: "Luật sửa đổi, bổ sung … của Luật …".
    let amended = |p: usize| -> Option<usize> {
        let x = amend_re().find(&ahead[p..])?;
        let inner = at + p + x.end();
        (depth > 0).then(|| law_name_extent(masked, inner, depth - 1)).flatten().map(|e| inner - at + e)
    };
    if let Some(e) = amended(ty.len()) {
        return Some(e);
    }
    let Some(c) = closer.captures_at(ahead, end) else { return Some(end) };
    let Some(close) = c.get(0) else { return Some(end) };
    let between = &ahead[end..close.start()];
    let folded = format!(" {} ", crate::fold::fold(between).replace(',', " "));
    let another = citation_types::types().iter().any(|t| folded.contains(&format!(" {} ", t.words.join(" "))));
    if ahead[..close.start()].contains([';', ':', '.', '\n', '“', '"']) || another || between.bytes().any(|b| b.is_ascii_digit()) {
        return Some(end);
    }
    let number = c.get(1).is_some();
    // Before a date or an amended law: only a name's words, joined by commas and "và".
    let name_words = between
        .split(|ch: char| ch.is_whitespace() || ch == ',')
        .map(|w| w.trim_matches(['(', ')']))
        .filter(|w| !w.is_empty())
        .all(|w| w == "và" || w == "va" || w.starts_with(crate::letters::is_upper) || !is_law_stop(w));
    if !number && !name_words {
        return Some(end);
    }
    if number || close.as_str().trim_start().starts_with(['n', 'N']) {
        return Some(close.start().max(end));
    }
    // "… sửa đổi, bổ sung một số điều của <luật>": runs through the amended law's name.
    Some(amended(close.start()).unwrap_or(end))
}

/// Longest rest of a known name looked for after a shorter mention, in bytes.
const MAX_NAME_REST_BYTES: usize = 80;

/// A name read whole once, closed by its date or number ("Pháp lệnh Cán bộ, công chức ngày 26
/// tháng 02 năm 1998"), is whole wherever it is printed again ("… Điều 1 của Pháp lệnh Cán bộ,
/// công chức, làm việc …"), though nothing closes it there: a mention cut at the comma goes on
/// with the rest of the known name when the text does (case aside), up to a word's end.
fn complete_known_names(masked: &str, laws: &mut [(Range<usize>, Citation)]) {
    // Distinct names: a document citing one law a thousand times compares against it once.
    let mut known: Vec<String> = laws.iter().filter_map(|(_, c)| c.title.as_ref()).filter(|t| t.contains(',')).map(|t| t.to_lowercase()).collect();
    crate::sort::sort(&mut known);
    known.dedup();
    for (r, c) in laws.iter_mut() {
        if c.number_symbol.is_some() {
            continue;
        }
        let Some(title) = c.title.as_ref().map(|t| t.to_lowercase()) else { continue };
        let rest = &masked[r.end..crate::span::floor_char_boundary(masked, r.end + MAX_NAME_REST_BYTES)];
        // The longest known name this mention starts.
        let mut best: Option<usize> = None;
        for k in &known {
            let Some(need) = k.strip_prefix(title.as_str()).filter(|n| n.starts_with(',')) else { continue };
            if let Some(n) = continues_with(rest, need) {
                best = Some(best.map_or(n, |b: usize| b.max(n)));
            }
        }
        if let Some(n) = best {
            r.end += n;
            let whole = masked.get(r.start..r.end).unwrap_or("");
            c.title = Some(whole.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
}

/// Bytes of `text` that spell `need` (lower case; a space in `need` is any run of spaces or tabs
/// in `text`), ending at a word's end; None when `text` goes on otherwise.
fn continues_with(text: &str, need: &str) -> Option<usize> {
    let mut at = 0;
    for (k, want) in need.split(' ').enumerate() {
        if k > 0 {
            let gap = text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len();
            if gap == 0 {
                return None;
            }
            at += gap;
        }
        let mut chars = text[at..].chars();
        for w in want.chars() {
            let c = chars.next()?;
            if !c.to_lowercase().eq(std::iter::once(w)) {
                return None;
            }
            at += c.len_utf8();
        }
    }
    (!text[at..].starts_with(char::is_alphanumeric)).then_some(at)
}

fn iso(d: u32, m: u32, y: u32) -> Option<String> {
    ((1..=31).contains(&d) && (1..=12).contains(&m) && (1900..=2100).contains(&y)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Date, issuer and (when `with_title`) quoted title in the folded tail after a symbol; returns
/// also how far it reached.
fn tail_fields(f: &str, text: &str, fold: &Folded, at: usize, limit: usize, with_title: bool) -> (Option<String>, Option<String>, Option<String>, usize) {
    static DATE: OnceLock<Regex> = OnceLock::new();
    static OF: OnceLock<Regex> = OnceLock::new();
    static TITLE: OnceLock<Regex> = OnceLock::new();
    let date_re = re(
        &DATE,
        r"^[\s,]*ng\S{0,2}y\s*([0-9]{1,2})\s*(?:[/.-]\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{4})|\s+th\S{0,3}ng\s+([0-9]{1,2})\s+n\S{0,3}m\s*([0-9]{4}))",
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
    // "… được Quốc hội nước Cộng hoà xã hội chủ nghĩa Việt Nam thông qua ngày 12/11/1996": the
    // issuer after "được", capitalised, when the date follows it ("được sửa đổi" names none).
    static BY: OnceLock<Regex> = OnceLock::new();
    let by_re = re(&BY, r"^[\s,]*duoc\s+");
    let by = if date.is_none() {
        by_re.find(&win[pos..]).filter(|m| text.get(fold.origin(at + pos + m.end())..).is_some_and(|t| t.starts_with(crate::letters::is_upper)))
    } else {
        None
    };
    let before_issuer = pos;
    if let Some(m) = of_re.find(&win[pos..]).or(by) {
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
            // A comma goes on to the next body of a joint issuer.
            if c == ',' && !paren && joint_issuer_follows(text.get(fold.origin(at + s)..).unwrap_or(""), text.get(fold.origin(at + here + 1)..).unwrap_or("")) {
                e = here + 1;
                continue;
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
                    if words >= MAX_ISSUER_TEXT_WORDS {
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
            while ws.last().is_some_and(|w| citation_types::words(WordRole::IssuerConnector).contains(&crate::fold::fold(w).as_str())) {
                ws.pop();
            }
            ws.join(" ")
        }).filter(|t| !t.is_empty());
        pos = e;
        if date.is_none() {
            // "… của Chính phủ ban hành ngày 2/3/1993", "được Quốc hội … thông qua ngày …".
            static ISSUED: OnceLock<Regex> = OnceLock::new();
            let issued = re(&ISSUED, r"^\s+(?:ban hanh|thong qua)\s+");
            let skip = issued.find(&win[pos..]).map_or(0, |m| m.end());
            if let Some((d, n)) = date_at(&win[pos + skip..]) {
                date = Some(d);
                pos += skip + n;
            }
        }
        // "được" names the issuer only with the date after it.
        if by.is_some() && date.is_none() {
            issuer = None;
            pos = before_issuer;
        }
    }
    if let Some(c) = title_re.captures(&win[pos..]).filter(|_| with_title) {
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
    let mut symbols: Vec<(Range<usize>, bool)> = symbol_re().find_iter(&masked).map(|m| (m.range(), false)).collect();
    symbols.extend(slashless_symbols(&masked).into_iter().map(|r| (r, true)));
    crate::sort::sort_by_key(&mut symbols, |(r, _)| r.start);
    for (mut m, slashless) in symbols {
        let mut fs = back(m.start);
        if let Some(p) = split_number_start(f, fs).filter(|_| masked[m.clone()].contains('/')) {
            m.start = fold.origin(p);
            fs = p;
        }
        let raw_sym = &masked[m.clone()];
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
        if !raw_sym.contains('/') && !so_before && !slashless {
            let code = raw_sym.split('-').nth(1).unwrap_or("");
            if crate::catalogue::doc_types::by_code(code, None).is_none() {
                continue;
            }
        }
        // The document's own heading ("Nghị định\ncủa Chính phủ số 29/1998/NĐ-CP ngày …" on its
        // first lines) names the document itself, not another one; so does its number anywhere
        // else ("Quy chế … (ban hành kèm theo Nghị định số 29/1998/NĐ-CP …)").
        // A slashless number joins its code as the document prints it elsewhere ("04 TTLB" and
        // "04/TTLB": one document), else with a hyphen, as older numbers did ("66 HĐBT" is
        // 66-HĐBT).
        let number_symbol = if slashless {
            let parts: Vec<&str> = raw_sym.split_whitespace().collect();
            let slashed = parts.join("/");
            normalise_symbol(&if masked.contains(&slashed) { slashed } else { parts.join("-") })
        } else {
            normalise_symbol(raw_sym)
        };
        if so_before && own_heading(f, tstart, fs) {
            heading_own.get_or_insert(number_symbol);
            continue;
        }
        if own.is_some_and(|o| o == number_symbol) || heading_own.as_ref().is_some_and(|o| *o == number_symbol) {
            continue;
        }
        let (date, issuer, title, end) = tail_fields(f, text, &fold, back(m.end), tail_stop(m.end), true);
        last = Some((end, t));
        let start = fold.origin(tstart);
        let end = fold.origin(end).max(m.end);
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
        let (date, issuer, title, end) = tail_fields(f, text, &fold, n.end(), f.len(), true);
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
        let Some(end) = law_name_extent(&masked, whole.start(), MAX_AMEND_DEPTH) else { continue };
        let ahead = &masked[whole.start()..whole.start() + end];
        let name = ahead.trim_end_matches([',', '.', ';', ':']).trim_end();
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
                let (d, iss, _, end) = tail_fields(f, text, &fold, back(sym_end), tail_stop(sym_end), true);
                number_symbol = Some(normalise_symbol(sym.as_str()));
                number_symbol_raw = Some(sym.as_str().to_owned());
                date = d;
                issuer_text = iss;
                r.end = fold.origin(end).max(sym_end);
            }
        }
        // "Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001", "Luật … được Quốc hội … thông qua
        // ngày 12/11/1996": the date and issuer after the name. Its title is the name.
        if number_symbol.is_none() {
            let from = back(r.end);
            let (d, iss, _, end) = tail_fields(f, text, &fold, from, tail_stop(r.end), false);
            // An issuer of a law is a body of `data/issuers.tsv`, capitalised ("của Quốc hội"),
            // not the rest of a sentence ("Luật thuế thu nhập doanh nghiệp của Việt Nam").
            let iss = iss.filter(|t| t.starts_with(crate::letters::is_upper) && crate::catalogue::issuers::body_prefix(t).is_some());
            if end > from && (d.is_some() || iss.is_some()) {
                date = d;
                issuer_text = iss;
                r.end = fold.origin(end).max(r.end);
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
    complete_known_names(&masked, &mut laws);
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
    fn tên_luật_chạy_tới_ngày_số_hoặc_luật_được_sửa() {
        fn name(s: &str) -> Option<&str> {
            law_name_extent(s, 0, MAX_AMEND_DEPTH).map(|e| &s[..e])
        }
        assert_eq!(name("Pháp lệnh Cán bộ, công chức ngày 26 tháng 02 năm 1998"), Some("Pháp lệnh Cán bộ, công chức"));
        assert_eq!(name("Luật Tổ chức Chính phủ ngày 25/12/2001"), Some("Luật Tổ chức Chính phủ"));
        assert_eq!(name("Luật thuế xuất khẩu, thuế nhập khẩu số 04/1998/QH10"), Some("Luật thuế xuất khẩu, thuế nhập khẩu"));
        assert_eq!(name("Luật Đất đai, Luật Xây dựng ngày 26/11/2003"), Some("Luật Đất đai"));
        assert_eq!(name("Luật Doanh nghiệp, kể từ ngày 01/01/2000"), Some("Luật Doanh nghiệp"));
        assert_eq!(name("Luật Đất đai, các văn bản hướng dẫn"), Some("Luật Đất đai"));
        assert_eq!(name("Luật Khuyến khích đầu tư trong nước ngày 20/5/1998"), Some("Luật Khuyến khích đầu tư trong nước"));
        assert_eq!(
            name("Pháp lệnh Cán bộ, công chức sửa đổi, bổ sung một số điều của Pháp lệnh Cán bộ, công chức ngày 29 tháng 4 năm 2003"),
            Some("Pháp lệnh Cán bộ, công chức sửa đổi, bổ sung một số điều của Pháp lệnh Cán bộ, công chức")
        );
        assert_eq!(name("Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh Cán bộ, công chức ngày 29/4/2003"), Some("Pháp lệnh sửa đổi, bổ sung một số điều của Pháp lệnh Cán bộ, công chức"));
        assert_eq!(name("Luật này"), None);
    }

    #[test]
    fn phần_còn_lại_của_tên_đã_biết() {
        assert_eq!(continues_with(", công chức, làm việc", ", công chức"), Some(", công chức".len()));
        assert_eq!(continues_with(",  Công chức và", ", công chức"), Some(",  Công chức".len()));
        assert_eq!(continues_with(", công chứcx", ", công chức"), None);
        assert_eq!(continues_with(", viên chức", ", công chức"), None);
        assert_eq!(continues_with(",công chức", ", công chức"), None);
    }

    #[test]
    fn ký_hiệu_không_gạch_chéo() {
        let s = "nghị định 66 HĐBT ngày 2/3/1992; Điều 5 CP ngày 3/4/1994; mục 3 ABC ngày 1/1/2000; số 4 TTLB, ngày";
        let got: Vec<&str> = slashless_symbols(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(got, ["66 HĐBT", "5 CP"]);
    }

    #[test]
    fn số_bị_tách_bởi_khoảng_trắng() {
        let f = "theo nghi dinh so 3 7/2003/nd-cp ngay";
        assert_eq!(split_number_start(f, f.find("7/").unwrap()), f.find("3 7"));
        let f = "dieu 3 7/2003/nd-cp";
        assert_eq!(split_number_start(f, f.find("7/").unwrap()), None);
        let f = "nghi dinh so 123 7/2003/nd-cp";
        assert_eq!(split_number_start(f, f.find("7/").unwrap()), None);
    }

    #[test]
    fn cơ_quan_liên_tịch() {
        assert!(joint_issuer_follows("Bộ Tài chính, Bộ Nội vụ", " Bộ Nội vụ hướng dẫn"));
        assert!(!joint_issuer_follows("Ban Chấp hành Đảng bộ huyện", " Ủy ban nhân dân huyện đã"));
        assert!(!joint_issuer_follows("Bộ Tài chính", " cơ quan ngang bộ"));
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
