//! Số liệu: normalised text (+ outline, + ranges to skip) → [`Figure`]s with value, unit, what is
//! measured, period, comparisons (with plan, previous period, target, ratios) and section path.
//!
//! Everything is read on the folded text ([`crate::fold`]), so the rules hold on OCR and
//! unaccented text ("ké hoach", "ting 4,6%", "ty dong"); values and `raw` come from the printed
//! text. The number grammar is `../shared/docs/vn-text.md` §4: decimal comma and grouping dot
//! ("78.822" = 78822, "63,03" = 63.03, "1.626,4"), unless the document as a whole writes English
//! separators; a dot followed by other than three digits is a decimal point ("78.27%").
//!
//! Not figures: numbers glued to a letter or a "%" before them (superscript footnote markers
//! "GDP1", "6%2"), `[footnoteRef:N]` markers and any caller-given skip range, document symbols
//! ("452/QĐ-UBND", "19-CT/TW"), dates ("16/01/2023"), years and article numbers ("năm 2023",
//! "Điều 5", "khoản 2"), and any number not followed by a unit of the catalogue (phone numbers).

use super::Doc;
use crate::catalogue::units::{self, UnitKind};
use crate::fold::Folded;
use crate::limits::MAX_FIGURES;
use crate::report::{Comparison, ComparisonKind, Direction, Figure, Section};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// A number as printed: `[0-9]+` groups joined by "." or ",".
const NUM: &str = r"[0-9]+(?:[.,][0-9]+)*";

/// Farthest (bytes) a comparison may sit from the figure it qualifies.
const ATTACH_WINDOW: usize = 240;

/// Bytes searched back from a figure for what it measures.
const WHAT_WINDOW: usize = 160;

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("static pattern"))
}

fn num_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, NUM)
}

/// `[footnoteRef:N]` markers that docx converters leave in the running text.
pub fn footnote_markers(text: &str) -> Vec<Range<usize>> {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\[footnoteRef:[0-9]+\]").find_iter(text).map(|m| m.range()).collect()
}

/// Does the document write English separators ("1,234,567", "1,626.4")? Decided once per
/// document by counting unambiguous forms of each convention.
fn english_separators(f: &str) -> bool {
    static EN: OnceLock<Regex> = OnceLock::new();
    static VI: OnceLock<Regex> = OnceLock::new();
    let en = re(&EN, r"[0-9],[0-9]{3},[0-9]{3}|[0-9],[0-9]{3}\.[0-9]").find_iter(f).count();
    let vi = re(&VI, r"[0-9]\.[0-9]{3}\.[0-9]{3}|[0-9]\.[0-9]{3},[0-9]").find_iter(f).count();
    en > vi
}

/// Value of a printed number ("78.822" → 78822, "63,03" → 63.03, "1.626,4" → 1626.4,
/// "78.27" → 78.27); `None` for shapes that are not one number ("01.10.2023").
pub fn parse_number(s: &str, english: bool) -> Option<f64> {
    let (dec, grp) = if english { (b'.', b',') } else { (b',', b'.') };
    let groups: Vec<&str> = s.split(['.', ',']).collect();
    let seps: Vec<u8> = s.bytes().filter(|b| *b == b'.' || *b == b',').collect();
    let grouped = |gs: &[&str]| gs.len() > 1 && (1..=3).contains(&gs[0].len()) && gs[1..].iter().all(|g| g.len() == 3);
    let digits: String;
    if seps.is_empty() {
        digits = s.to_owned();
    } else if seps.contains(&dec) && seps.contains(&grp) {
        // Both: grouping separators first, one decimal separator last.
        let last = *seps.last()?;
        if last != dec || seps[..seps.len() - 1].iter().any(|b| *b != grp) || !grouped(&groups[..groups.len() - 1]) {
            return None;
        }
        digits = format!("{}.{}", groups[..groups.len() - 1].concat(), groups[groups.len() - 1]);
    } else if seps.iter().all(|b| *b == grp) {
        if grouped(&groups) {
            digits = groups.concat();
        } else if groups.len() == 2 {
            digits = format!("{}.{}", groups[0], groups[1]); // "78.27%": a stray English decimal point
        } else {
            return None;
        }
    } else if groups.len() == 2 {
        digits = format!("{}.{}", groups[0], groups[1]);
    } else if grouped(&groups) {
        digits = groups.concat();
    } else {
        return None;
    }
    digits.parse().ok()
}

/// A unit found after a number.
#[derive(Debug, Clone)]
struct UnitHit {
    name: String,
    kind: UnitKind,
    /// Đồng per unit for money.
    factor: f64,
    /// Multiplier folded into the value ("20,7 ngàn lượt" → 1000).
    scale: f64,
    /// End (folded bytes).
    end: usize,
}

/// The unit right after `at` in folded text `f`, with compound "/người/năm" tails and scale words.
fn unit_after(f: &str, text: &str, fold: &Folded, at: usize) -> Option<UnitHit> {
    let (u, len) = units::match_at(f.get(at..)?)?;
    // Counted nouns are written apart from their number; "1ap" is OCR for "là", not "1 ấp".
    if u.kind == UnitKind::Count && !f[at..].starts_with(char::is_whitespace) {
        return None;
    }
    let mut hit = UnitHit { name: u.name.to_owned(), kind: u.kind, factor: u.factor, scale: 1.0, end: at + len };
    if u.kind == UnitKind::Scale {
        // "20,7 ngàn lượt": the scale multiplies the value of the unit that follows; a bare scale
        // word ("2,36 tỷ", "35 ngàn") stays the unit.
        if let Some((v, l2)) = f.get(hit.end..).and_then(units::match_at) {
            if !matches!(v.kind, UnitKind::Scale | UnitKind::Percent) {
                hit = UnitHit { name: v.name.to_owned(), kind: v.kind, factor: v.factor, scale: u.factor, end: hit.end + l2 };
            }
        }
    }
    if !hit.name.contains('/') {
        // "triệu đồng/người/năm", "người/km²", "lít/100km": per-something tails, printed as they
        // are; a percentage takes only periods ("lãi suất 8%/năm").
        static PER: OnceLock<Regex> = OnceLock::new();
        let per = PER.get_or_init(|| {
            // "/người", "/km²", and a counted base: "15 lít/100km".
            Regex::new(&format!(r"^(?:/(?:[0-9]{{1,4}})?[{L}][0-9{L}²]{{0,7}}){{1,2}}", L = crate::letters::LETTER_CLASS)).expect("static pattern")
        });
        if let Some(m) = f.get(hit.end..).and_then(|s| per.find(s)) {
            let mut taken = 0;
            // Each "/word" printed canonically when the catalogue knows it (OCR "/ngudi" → "/người").
            for w in m.as_str().split('/').skip(1) {
                // A counted or measured unit of several words after the slash ("100.000 đ/lượt
                // khách", "48.400 đồng/cổ phần"): the catalogue's name, and the tail ends there.
                let k = hit.end + taken + 1;
                // Spelled as the catalogue spells it: the OCR slips the matcher forgives elsewhere
                // would read "người/vạn dân" as "người/văn bản".
                let exact = |u: &units::Unit, l: usize| {
                    let seg = &f[k..k + l];
                    let words = units::tokens(seg, 16);
                    u.forms.iter().any(|form| form.iter().map(String::as_str).eq(words.iter().map(|&(a, b)| &seg[a..b])))
                };
                let long = (hit.kind != UnitKind::Percent)
                    .then(|| f.get(k..).and_then(units::match_at))
                    .flatten()
                    .filter(|&(u, l)| l > w.len() && matches!(u.kind, UnitKind::Count | UnitKind::Measure) && exact(u, l));
                if let Some((u, l)) = long {
                    hit.name.push('/');
                    hit.name.push_str(u.name);
                    taken += 1 + l;
                    break;
                }
                let period = units::per_word(w);
                let printed = match units::match_at(w).filter(|(_, l)| *l == w.len()) {
                    _ if hit.kind == UnitKind::Percent => match period {
                        Some(p) => p.to_owned(),
                        None => break,
                    },
                    Some((u, _)) => u.name.to_owned(),
                    None => match period {
                        Some(p) => p.to_owned(),
                        None => {
                            let k = hit.end + taken + 1;
                            text.get(fold.origin_range(k..k + w.len())).unwrap_or(w).to_owned()
                        }
                    },
                };
                hit.name.push('/');
                hit.name.push_str(&printed);
                taken += 1 + w.len();
            }
            hit.end += taken;
        }
    }
    Some(hit)
}

/// How far back (bytes of folded text) the whole of a part ("1.375 vụ án …, giải quyết 1.117 vụ,
/// đạt tỷ lệ 81,24%") is looked for.
const MAX_WHOLE_LOOKBACK: usize = 240;

/// "1.375 vụ án các loại, đã xét xử, giải quyết 1.117 vụ, đạt tỷ lệ 81,24%" and "29.264 hồ sơ
/// (hồ sơ trực tuyến 20.607 đạt 70,41% …)": a percentage after figure `i` that is exactly a part
/// over a whole of the same sentence — 1.117/1.375 = 81,24% — is that ratio, not a plan or a bare
/// rate. Exactly: equal to the printed precision (rounded or truncated). Two shapes: figure `i` is
/// the part and an earlier figure of its unit the whole, or figure `i` is the whole and a bare
/// number between it and the percentage the part. A percentage followed by "kế hoạch"/"chỉ tiêu"
/// is a plan whatever it equals.
fn verified_ratio(f: &str, out: &[Figure], starts: &[usize], i: usize, c: &Comp, clause_first: usize) -> Option<Comparison> {
    let pct = c.value.filter(|_| c.unit.as_deref() == Some("%") && c.kind != ComparisonKind::VsPreviousPeriod)?;
    let tail = f.get(c.range.end..)?.trim_start();
    if ["ke hoach", "kh ", "chi tieu", "nghi quyet", "du toan", "so voi cung ky", "so voi nam"].iter().any(|w| tail.starts_with(w)) {
        return None;
    }
    let printed = f.get(c.range.clone())?;
    let decimals = printed.rfind('%').and_then(|e| printed[..e].rfind(',').map(|d| e - d - 1)).unwrap_or(0);
    let step = 10f64.powi(-(decimals.min(4) as i32));
    let matches = |part: f64, whole: f64| {
        if !(whole > 0.0 && part > 0.0 && part <= whole * 1.5) {
            return false;
        }
        let r = 100.0 * part / whole;
        (r - pct).abs() <= step / 2.0 + 1e-9 || (r >= pct && r - pct < step)
    };
    let ratio = |part: f64, whole: f64| Comparison {
        kind: ComparisonKind::Ratio,
        value: None,
        direction: None,
        numerator: Some(part),
        denominator: Some(whole),
        percent: Some(pct),
        unit: None,
        raw: String::new(),
    };
    let fig = &out[i];
    if fig.comparisons.iter().any(|r| r.kind == ComparisonKind::Ratio) {
        return None; // "16/46 xã, đạt 34,78%": its own ratio takes the percentage
    }
    let unit = fig.unit.as_deref()?;
    let same_unit = |u: Option<&str>| u.is_some_and(|u| u == unit || u.strip_prefix(unit).is_some_and(|r| r.starts_with(' ')));
    let floor = c.range.start.saturating_sub(MAX_WHOLE_LOOKBACK);
    // Figure i the part: the nearest earlier whole of its unit in the sentence.
    for j in (clause_first.min(i)..i).rev() {
        let gap = f.get(starts[j]..starts[i]).unwrap_or("");
        if starts[j] < floor || gap.contains(". ") || gap.contains('\n') || gap.contains(';') {
            break;
        }
        if same_unit(out[j].unit.as_deref()) && matches(fig.value, out[j].value) {
            return Some(ratio(fig.value, out[j].value));
        }
    }
    // Figure i the whole: a bare number between it and the percentage.
    static NUM: OnceLock<Regex> = OnceLock::new();
    let num = NUM.get_or_init(|| Regex::new(r"\b[0-9]{1,3}(?:\.[0-9]{3})+\b|\b[0-9]+\b").expect("static pattern"));
    let gap = f.get(starts[i]..c.range.start)?;
    if gap.len() > MAX_WHOLE_LOOKBACK || gap.contains(". ") || gap.contains(';') {
        return None;
    }
    num.find_iter(gap).skip(1).filter_map(|m| parse_number(m.as_str(), false)).find(|&part| part < fig.value && matches(part, fig.value)).map(|part| ratio(part, fig.value))
}

/// How far back (bytes of folded text) a rate base is looked for before its figure.
const MAX_BASE_LOOKBACK: usize = 240;

/// "Giá trị sản phẩm trên 1 ha … đạt 179,3 triệu đồng" → ("/ha", folded range of "trên 1 ha"): a
/// rate base (`data/per-bases.tsv`) in the clause before a figure that is the clause's predicate
/// ("… đạt N", "… là N"), with no other number between them. "Các hộ có diện tích trên 1 ha được
/// hỗ trợ 5 triệu đồng" is not a rate: 5 triệu đồng is not what "đạt".
fn rate_base(f: &str, at: usize) -> Option<(&'static str, Range<usize>)> {
    let lo = crate::span::floor_char_boundary(f, at.saturating_sub(MAX_BASE_LOOKBACK));
    let before = f.get(lo..at)?;
    let from = before.rfind(['\n', ';']).map_or(0, |i| i + 1).max(before.rfind(". ").map_or(0, |i| i + 2));
    let clause = &before[from..];
    let head = clause.trim_end();
    if !(head.ends_with(" dat") || head.ends_with(" la")) {
        return None;
    }
    let (per, r) = units::per_base_in(clause)?;
    if clause[r.end..].bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((per, lo + from + r.start..lo + from + r.end))
}

/// A number with a unit (a figure candidate), in folded coordinates.
#[derive(Debug, Clone)]
struct Token {
    start: usize,
    /// End of the number (or of the ratio's denominator).
    num_end: usize,
    value: f64,
    unit: UnitHit,
    ratio: Option<(f64, f64)>,
}

/// Words before a number that make it a date, year, article or ordinal rather than a quantity.
fn is_label_word(w: &str) -> bool {
    matches!(w, "ngay" | "thang" | "nam" | "quy" | "dieu" | "khoan" | "khoa" | "chuong" | "muc" | "lan" | "thu" | "phu" | "luc" | "so:" | "ky" | "hop" | "tuan" | "doan" | "ty")
}

/// "mức 60.000đ" (an amount), not "Mục 2" (a section): the two fold alike, the printed word
/// tells them apart.
fn is_muc_amount(f: &str, text: &str, fold: &Folded, at: usize) -> bool {
    let w = prev_word(f, at);
    if w != "muc" {
        return false;
    }
    let start = w.as_ptr() as usize - f.as_ptr() as usize;
    text.get(fold.origin_range(start..start + w.len())).is_some_and(|o| o.contains(['ứ', 'Ứ']))
}

fn prev_word(f: &str, at: usize) -> &str {
    let before = f[..at].trim_end();
    // Whitespace can be wider than one byte (U+205F stays as printed): step over the whole char.
    let start = before.char_indices().rev().find(|&(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    &before[start..]
}

fn scan_tokens(f: &str, text: &str, fold: &Folded, english: bool) -> Vec<Token> {
    let mut out = Vec::new();
    let mut skip_to = 0;
    for m in num_re().find_iter(f) {
        if m.start() < skip_to {
            continue;
        }
        let prev = f[..m.start()].chars().next_back();
        let glued = prev.is_some_and(|c| c.is_alphanumeric() || matches!(c, '%' | '/' | '_' | '.' | ','));
        let range_dash = prev == Some('-') && f[..m.start() - 1].chars().next_back().is_some_and(|c| c.is_ascii_digit());
        let label = is_label_word(prev_word(f, m.start())) && !is_muc_amount(f, text, fold, m.start());
        if glued || range_dash || label {
            continue;
        }
        let rest = &f[m.end()..];
        let mut num_end = m.end();
        let mut ratio = None;
        let mut b = rest.bytes();
        match (b.next(), b.next()) {
            // Document symbols: "452/QĐ-UBND", "19-CT/TW".
            (Some(b'/' | b'-'), Some(c)) if c.is_ascii_alphabetic() => continue,
            (Some(b'/'), Some(c)) if c.is_ascii_digit() => {
                let Some(d) = num_re().find(&rest[1..]) else { continue };
                let after = &rest[1 + d.end()..];
                skip_to = m.end() + 1 + d.end();
                if after.starts_with(['/', '-']) || d.as_str().len() == 4 && m.as_str().len() <= 2 {
                    continue; // a date "16/01/2023", a symbol "26/2022/…", "quý 3/2023"
                }
                let (Some(n), Some(den)) = (parse_number(m.as_str(), english), parse_number(d.as_str(), english)) else { continue };
                ratio = Some((n, den));
                num_end = skip_to;
            }
            (Some(b'-' | b'.'), Some(c)) if c.is_ascii_digit() => continue, // "16-01-2023", ranges
            _ => {}
        }
        let Some(value) = parse_number(m.as_str(), english) else { continue };
        let Some(unit) = unit_after(f, text, fold, num_end) else { continue };
        if ratio.is_some() && unit.kind == UnitKind::Percent {
            continue; // "97,46%/94,52%" is two values, not a ratio
        }
        out.push(Token { start: m.start(), num_end, value: value * unit.scale, unit, ratio });
        if out.len() >= MAX_FIGURES {
            break;
        }
    }
    out
}

/// How a comparison behaves when it meets figures.
#[derive(Debug, Clone, Copy, PartialEq)]
enum CompRole {
    /// A stated comparison: attaches to the figure before it, or becomes a figure itself.
    Strong,
    /// "đạt 92,57%" with no plan word: a comparison after a non-% figure, else a % figure.
    Weak,
    /// "chiếm 81,98%": a share of the figure before it, else a % figure.
    Share,
    /// "xếp thứ 3/12": a figure of its own (unit "hạng"), and the rank of the figure before it.
    Rank,
    /// A change followed by its own subject ("giảm 40% số vụ", "kéo giảm 32,6% tội phạm"): a
    /// figure of its own.
    Standalone,
}

#[derive(Debug, Clone)]
struct Comp {
    range: Range<usize>,
    role: CompRole,
    kind: ComparisonKind,
    value: Option<f64>,
    direction: Option<Direction>,
    unit: Option<String>,
    /// Range of its number (folded), consumed so it is not also a figure.
    num: Option<Range<usize>>,
    /// The printed value of its number (for comparisons that become figures).
    num_value: Option<f64>,
    /// Rank "xếp thứ 3/12": numerator and denominator.
    rank: Option<(f64, f64)>,
}

fn plan_kind(tail: &str) -> ComparisonKind {
    if tail.contains("hoach") || tail.contains("du toan") || tail.contains(" kh") || tail.starts_with("kh") {
        ComparisonKind::VsPlan
    } else {
        ComparisonKind::VsTarget
    }
}

fn scan_comparisons(f: &str, english: bool) -> Vec<Comp> {
    static CHANGE: OnceLock<Regex> = OnceLock::new();
    static PLAN: OnceLock<Regex> = OnceLock::new();
    static BARE: OnceLock<Regex> = OnceLock::new();
    static SHARE: OnceLock<Regex> = OnceLock::new();
    // tăng/giảm X[unit] [so với <ref>]; OCR reads "tăng" as ting/tdng and "giảm" as gidm.
    let change = re(
        &CHANGE,
        r"(?-u:\b)(?P<verb>keo giam|tang|ting|tdng|teng|giam|gidm|giim|cao hon|thap hon|nhieu hon|it hon)(?: them| khoang)?\s+(?P<num>[0-9]+(?:[.,][0-9]+)*)",
    );
    let refp = {
        static REF: OnceLock<Regex> = OnceLock::new();
        re(&REF, r"^\s*so\s*(?:voi\s+|v\S{1,3}\s+|vo1i\s+)?(?P<ref>(?:cung|ky|nam|ndm|nim|thang|quy|cuoi|cudi|dau|[0-9]|giai doan|nhiem ky|thoi diem|ke hoach|k\S{0,2}\s?hoach|chi tieu|du toan|muc tieu|tong)[^,;:.()\n]{0,40})")
    };
    // đạt/bằng/vượt X% [kế hoạch|chỉ tiêu|dự toán|nhiệm vụ|mục tiêu …]
    let plan = re(
        &PLAN,
        r"(?-u:\b)(?P<verb>dat|bang|beng|bing|hoan thanh|thuc hien|vuot|vuot muc)(?: duoc)?(?: ty le| muc| khoang)?\s+(?P<num>[0-9]+(?:[.,][0-9]+)*)\s*%(?P<tail>\s*(?:so voi\s+)?(?:ke hoach|k\S{0,2}\s?hoach|kh(?-u:\b)|du toan|chi tieu|nhiem vu|muc tieu)[^,;:.()\n]{0,30})?",
    );
    // vượt/đạt chỉ tiêu, vượt kế hoạch (no number).
    let bare = re(&BARE, r"(?-u:\b)(?P<neg>khong |chua )?(?P<verb>vuot|dat)\s+(?:muc |so voi )?(?P<tail>chi tieu(?: ke hoach| k\S{0,2}\s?hoach)?|ke hoach|k\S{0,2}\s?hoach|muc tieu|du toan)");
    let share = re(&SHARE, r"(?-u:\b)chiem(?: ty le| khoang)?\s+(?P<num>[0-9]+(?:[.,][0-9]+)*)\s*%");

    let mut out = Vec::new();
    for c in change.captures_iter(f) {
        let (Some(all), Some(verb), Some(n)) = (c.get(0), c.name("verb"), c.name("num")) else { continue };
        let Some(v) = parse_number(n.as_str(), english) else { continue };
        let mut end = all.end();
        let after = &f[end..];
        let unit = if after.trim_start().starts_with('%') {
            end += after.find('%').unwrap_or(0) + 1;
            Some("%".to_owned())
        } else if let Some((u, l)) = units::match_at(after) {
            if u.kind == UnitKind::Scale { None } else {
                end += l;
                Some(u.name.to_owned())
            }
        } else {
            None
        };
        if unit.is_none() && f[end..].starts_with(['/', '-']) {
            continue; // "tăng 5/7", a date or a symbol
        }
        let mut kind = ComparisonKind::VsPreviousPeriod;
        if let Some(r) = refp.captures(&f[end..]) {
            let rf = r.name("ref").map_or("", |m| m.as_str());
            if rf.contains("hoach") || rf.contains("chi tieu") || rf.contains("du toan") {
                kind = plan_kind(rf);
            }
            end += r.get(0).map_or(0, |m| m.end());
            end = f[..end].trim_end().len();
        }
        let up = matches!(verb.as_str(), "tang" | "ting" | "tdng" | "teng" | "cao hon" | "nhieu hon");
        // A word right after the change is its own subject ("giảm 40% số vụ").
        let own_subject = f[end..].trim_start_matches([' ', '\t']).starts_with(|c: char| c.is_alphabetic()) && !f[end..].trim_start().starts_with("so ");
        out.push(Comp {
            range: all.start()..end,
            role: if own_subject { CompRole::Standalone } else { CompRole::Strong },
            kind,
            value: Some(v),
            direction: Some(if up { Direction::Up } else { Direction::Down }),
            unit,
            num: Some(n.range()),
            num_value: Some(v),
            rank: None,
        });
    }
    for c in plan.captures_iter(f) {
        let (Some(all), Some(verb), Some(n)) = (c.get(0), c.name("verb"), c.name("num")) else { continue };
        let Some(v) = parse_number(n.as_str(), english) else { continue };
        let tail = c.name("tail").map(|t| t.as_str().trim());
        let exceed = verb.as_str().starts_with("vuot");
        let (role, kind, direction, value) = match tail {
            Some(t) => (CompRole::Strong, plan_kind(t), exceed.then_some(Direction::Up), if exceed { 100.0 + v } else { v }),
            None if exceed => (CompRole::Strong, ComparisonKind::VsPlan, Some(Direction::Up), 100.0 + v),
            None => {
                // "bằng 105% so với cùng kỳ" compares with the previous period.
                let after = &f[all.end()..];
                if refp.captures(after).and_then(|r| r.name("ref")).is_some_and(|r| r.as_str().contains("cung ky") || r.as_str().starts_with("nam")) {
                    let d = if v > 100.0 { Some(Direction::Up) } else if v < 100.0 { Some(Direction::Down) } else { None };
                    (CompRole::Strong, ComparisonKind::VsPreviousPeriod, d, v)
                } else {
                    (CompRole::Weak, ComparisonKind::VsPlan, None, v)
                }
            }
        };
        let end = f[..all.end()].trim_end().len();
        out.push(Comp { range: all.start()..end, role, kind, value: Some(value), direction, unit: Some("%".into()), num: Some(n.range()), num_value: Some(v), rank: None });
    }
    for c in bare.captures_iter(f) {
        let (Some(all), Some(verb), Some(tail)) = (c.get(0), c.name("verb"), c.name("tail")) else { continue };
        let direction = if c.name("neg").is_some() { Some(Direction::Down) } else if verb.as_str() == "vuot" { Some(Direction::Up) } else { None };
        out.push(Comp { range: all.start()..all.end(), role: CompRole::Strong, kind: plan_kind(tail.as_str()), value: None, direction, unit: None, num: None, num_value: None, rank: None });
    }
    // Xếp hạng: "xếp thứ 3/12 đơn vị", "xếp hạng 4/12 huyện" — a rank among peers.
    static RANK: OnceLock<Regex> = OnceLock::new();
    let rank = re(&RANK, r"(?-u:\b)xep\s+(?:thu|hang|th\S{0,2})\s+(?P<a>[0-9]{1,3})\s*/\s*(?P<b>[0-9]{1,3})(?-u:\b)");
    for c in rank.captures_iter(f) {
        let (Some(all), Some(a), Some(b)) = (c.get(0), c.name("a"), c.name("b")) else { continue };
        let (Ok(x), Ok(y)) = (a.as_str().parse::<f64>(), b.as_str().parse::<f64>()) else { continue };
        out.push(Comp { range: all.range(), role: CompRole::Rank, kind: ComparisonKind::Ratio, value: None, direction: None, unit: Some("hạng".into()), num: Some(a.start()..b.end()), num_value: Some(x), rank: Some((x, y)) });
    }
    for c in share.captures_iter(f) {
        let (Some(all), Some(n)) = (c.get(0), c.name("num")) else { continue };
        let Some(v) = parse_number(n.as_str(), english) else { continue };
        out.push(Comp { range: all.start()..all.end(), role: CompRole::Share, kind: ComparisonKind::VsTarget, value: Some(v), direction: None, unit: Some("%".into()), num: Some(n.range()), num_value: Some(v), rank: None });
    }
    crate::sort::sort_by_key(&mut out, |c| (c.range.start, std::cmp::Reverse(c.range.end)));
    // Overlaps: the earlier (longer) reading wins ("vượt 5% kế hoạch" is not also "đạt …").
    let mut kept: Vec<Comp> = Vec::with_capacity(out.len());
    for c in out {
        if kept.last().is_some_and(|k| c.range.start < k.range.end) {
            continue;
        }
        kept.push(c);
    }
    kept
}

/// Is there a clause end between `a` and `b` (folded bytes)? A ";", a sentence-ending ".", "!" or
/// "?", a blank line, or a line break before a new item (upper case, dash, bullet, number).
fn boundary_between(f: &str, text: &str, fold: &Folded, a: usize, b: usize) -> bool {
    if b <= a || b - a > ATTACH_WINDOW {
        return b > a;
    }
    let seg = &f[a..b];
    for (i, c) in seg.char_indices() {
        match c {
            ';' | '!' | '?' => return true,
            '.' | ':' => {
                let next = seg[i + 1..].chars().next();
                if next.is_none_or(char::is_whitespace) {
                    return true;
                }
            }
            '\n' => {
                let rest = &seg[i + 1..];
                if rest.trim_start().starts_with('\n') {
                    return true;
                }
                let k = a + i + 1 + (rest.len() - rest.trim_start().len());
                let orig = fold.origin(k);
                if text.get(orig..).and_then(|s| s.chars().next()).is_some_and(|c| c.is_uppercase() || matches!(c, '-' | '+' | '•' | '*' | '–')) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Words dropped from the end of a "what" phrase: verbs and approximators that sit between the
/// subject and its number ("tổng sản lượng lương thực ước đạt 78.822 tấn").
fn is_filler(w: &str) -> bool {
    matches!(
        w,
        "dat" | "uoc" | "la" | "co" | "voi" | "khoang" | "hon" | "tren" | "gan" | "duoi" | "len" | "con" | "xuong"
            | "bang" | "chiem" | "duoc" | "da" | "tinh" | "den" | "nay" | "thi" | "dang" | "cho" | "tu" | "va" | "cua" | "o" | "tai"
            | "muc" | "so" | "nang" | "keo" | "giam" | "tang" | "xap" | "xi" | "vao" | "trong" | "do" | "-" | "+"
    )
}

/// Subject of a figure: the clause before it, without the trailing verbs; printed text.
fn what_before(f: &str, text: &str, fold: &Folded, floor: usize, at: usize) -> (Option<String>, bool) {
    let lo = floor.max(at.saturating_sub(WHAT_WINDOW)).min(at);
    let Some(lo) = (lo..=at).find(|&i| f.is_char_boundary(i)) else { return (None, false) };
    let mut start = lo;
    for (i, c) in f[lo..at].char_indices().rev() {
        if matches!(c, ',' | ';' | ':' | '(' | ')' | '\n' | '“' | '”' | '"' | '[' | ']') || (c == '.' && f[lo + i + 1..].starts_with(char::is_whitespace)) {
            start = lo + i + c.len_utf8();
            break;
        }
    }
    let clause = &f[start..at];
    let estimate = clause.split_whitespace().any(|w| w == "uoc" || w == "udc") || clause.contains("du kien") || clause.contains("du bao");
    let words: Vec<(usize, &str)> = clause.split_whitespace().map(|w| (w.as_ptr() as usize - f.as_ptr() as usize, w)).collect();
    let mut n = words.len();
    // Two-word fillers first ("thực hiện", "tỷ lệ" right before the number), then one-word ones.
    loop {
        if n >= 2 && matches!((words[n - 2].1, words[n - 1].1), ("thuc", "hien") | ("ty", "le") | ("tong", "so") | ("ke", "hoach")) {
            n -= 2;
        } else if n > 0 && is_filler(words[n - 1].1) {
            n -= 1;
        } else {
            break;
        }
    }
    // Keep a subject of a useful length: its last 12 words, without a leading "trong đó", "và".
    let mut first = n.saturating_sub(12);
    loop {
        if first + 2 <= n && matches!((words[first].1, words[first + 1].1), ("trong", "do") | ("cu", "the")) {
            first += 2;
        } else if first < n && matches!(words[first].1, "va" | "gom" | "con" | "voi") {
            first += 1;
        } else {
            break;
        }
    }
    if n == 0 || words[first..n].iter().all(|(_, w)| !w.chars().any(char::is_alphabetic)) {
        return (None, estimate);
    }
    let (s, _) = words[first];
    let (e, w) = words[n - 1];
    let r = fold.origin_range(s..e + w.len());
    let what = text.get(r).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| t.chars().count() >= 3);
    (what, estimate)
}

/// The period a figure refers to, as printed in its sentence before it ("năm 2023",
/// "9 tháng đầu năm 2023", "quý III/2023").
fn period_before(f: &str, text: &str, fold: &Folded, at: usize) -> Option<String> {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = re(
        &P,
        r"(?-u:\b)(?:[0-9]{1,2} thang (?:dau |cuoi )?nam(?: [0-9]{4})?|quy (?:[ivx]+|[0-9])(?:/| nam )[0-9]{4}|thang [0-9]{1,2}(?:/| nam )[0-9]{4}|giai doan [0-9]{4} ?- ?[0-9]{4}|nam hoc [0-9]{4} ?- ?[0-9]{4}|vu (?:dong xuan|he thu|thu dong|chiem xuan|mua)(?: [0-9]{4}(?: ?- ?[0-9]{4})?)?|nam [0-9]{4}|ca nam)(?-u:\b)",
    );
    let lo = at.saturating_sub(WHAT_WINDOW * 2);
    let lo = (lo..at).find(|&i| f.is_char_boundary(i))?;
    let seg = &f[lo..at];
    // Only the current sentence.
    let sent = seg.rfind(['.', ';', '\n']).map_or(0, |i| i + 1);
    let m = p.find_iter(&seg[sent..]).last()?;
    let r = fold.origin_range(lo + sent + m.start()..lo + sent + m.end());
    text.get(r).map(str::to_owned)
}

/// "Trong 17 chỉ tiêu, có 09 chỉ tiêu đạt …; 04 chỉ tiêu …": figures of the same unit after a
/// whole introduced by "trong" (in the same paragraph) are parts of it: a ratio to the whole.
fn parts_of_whole(f: &str, starts: &[usize], out: &mut [Figure]) {
    const PARAGRAPH: u32 = 600;
    let mut whole: Option<(usize, u32)> = None;
    for k in 0..out.len() {
        let start = out[k].span.start;
        if let Some((w, wend)) = whole {
            let same = out[k].unit == out[w].unit && out[k].value <= out[w].value && start >= wend && start - wend < PARAGRAPH;
            if same && out[k].comparisons.iter().all(|c| c.kind != ComparisonKind::Ratio) {
                let c = Comparison { kind: ComparisonKind::Ratio, value: None, direction: None, numerator: Some(out[k].value), denominator: Some(out[w].value), percent: None, unit: None, raw: out[w].raw.clone() };
                out[k].comparisons.insert(0, c);
                continue;
            }
            // Other units in between ("09 chỉ tiêu đạt từ 100% trở lên; 04 chỉ tiêu …") keep the whole.
            if start >= wend && start - wend >= PARAGRAPH {
                whole = None;
            }
        }
        // Is the figure introduced by "trong" ("Trong 17 chỉ tiêu", "trong tổng số 25 xã")?
        let Some(before) = starts.get(k).and_then(|&fb| f.get(..fb)) else { continue };
        let before = before.trim_end();
        if (before.ends_with("trong") || before.ends_with("trong tong so") || before.ends_with("trong so")) && out[k].unit.as_deref() != Some("%") {
            whole = Some((k, out[k].span.end));
        }
    }
}

/// "1.375 vụ án các loại, đã giải quyết 1.117 vụ": a unit repeated in short form in the same
/// sentence means the longer unit said before it.
fn shortened_units(f: &str, starts: &[usize], out: &mut [Figure]) {
    const LOOK_BACK: usize = 4;
    for k in 1..out.len() {
        let Some(u) = out[k].unit.clone() else { continue };
        if u == "%" || u.contains(' ') {
            continue;
        }
        for j in (k.saturating_sub(LOOK_BACK)..k).rev() {
            let (Some(&a), Some(&b)) = (starts.get(j), starts.get(k)) else { break };
            // Same sentence only.
            if a >= b || f.get(a..b).is_none_or(|seg| seg.contains([';', '\n']) || seg.contains(". ")) {
                break;
            }
            if let Some(long) = out[j].unit.clone().filter(|l| l.starts_with(&format!("{u} "))) {
                out[k].unit = Some(long);
                break;
            }
        }
    }
}


/// Figures of a document. `skip`: byte ranges of the text that are not running text (footnote
/// markers and bodies as another extractor finds them); `[footnoteRef:N]` markers are found here.
/// `doc_period`: the report's period label, used when a figure's sentence names none.
pub fn extract(doc: &Doc, outline: &[Section], skip: &[Range<usize>], doc_period: Option<&str>) -> Vec<Figure> {
    let text = doc.text;
    // Masked copy: skipped ranges become spaces of the same byte length, so offsets stay valid.
    let blanks = crate::extract::blank_ranges(text, skip.iter().cloned().chain(footnote_markers(text)));
    let fold = doc.folded.with_blanks(text, &blanks);
    let f = fold.text.as_str();
    let english = english_separators(f);
    let tokens = scan_tokens(f, text, &fold, english);
    let comps = scan_comparisons(f, english);

    // Numbers inside comparisons are not figures of their own.
    // Comparisons are sorted and do not overlap: a binary search finds the one around a token.
    let consumed = |t: &Token| {
        let k = comps.partition_point(|c| c.range.start <= t.start);
        k > 0 && comps[k - 1].num.is_some() && t.start < comps[k - 1].range.end
    };

    enum Ev<'a> {
        Fig(&'a Token),
        Cmp(&'a Comp),
    }
    let mut evs: Vec<(usize, Ev)> = tokens.iter().filter(|t| !consumed(t)).map(|t| (t.start, Ev::Fig(t))).collect();
    evs.extend(comps.iter().map(|c| (c.range.start, Ev::Cmp(c))));
    crate::sort::sort_by_key(&mut evs, |(p, _)| *p);

    let mut out: Vec<Figure> = Vec::new();
    // Folded start of each figure of `out`.
    let mut starts: Vec<usize> = Vec::new();
    // The figure comparisons attach to, where its phrase ends, and whether it is a percentage.
    let mut cur: Option<(usize, usize, bool)> = None;
    // The figure before a parenthesis opened after it: "2.332 lao động (xuất khẩu 77 lao động)
    // đạt 95,18% chỉ tiêu" qualifies 2.332, not 77.
    let mut outer: Option<(usize, usize, bool)> = None;
    // First figure of the current clause (absolute changes look for a figure of their unit).
    let mut clause_first = 0usize;
    let mut last_end = 0usize;
    // Rate bases taken by a figure ("trên 1 ha"): the numbers inside them are not figures.
    let mut bases: Vec<Range<usize>> = Vec::new();
    let mk = |start: usize, end: usize, value: f64, unit: Option<String>, kind: Option<UnitKind>, factor: f64, last_end: usize| {
        let r = fold.origin_range(start..end);
        let raw = text.get(r.clone()).unwrap_or("").to_owned();
        let (what, estimate) = what_before(f, text, &fold, last_end, start);
        let span = doc.span(r);
        Figure {
            raw,
            value,
            value_dong: (kind == Some(UnitKind::Money)).then_some(value * factor),
            unit,
            what,
            period: period_before(f, text, &fold, start).or_else(|| doc_period.map(str::to_owned)),
            comparison: None,
            comparisons: Vec::new(),
            estimate,
            share: None,
            section_path: crate::extract::outline::section_path(outline, span.start),
            span,
        }
    };
    let comparison = |c: &Comp| Comparison {
        kind: c.kind,
        value: c.value,
        direction: c.direction,
        numerator: c.rank.map(|r| r.0),
        denominator: c.rank.map(|r| r.1),
        percent: None,
        unit: c.unit.clone(),
        raw: text.get(fold.origin_range(c.range.clone())).unwrap_or("").to_owned(),
    };
    for (_, ev) in evs {
        if out.len() >= MAX_FIGURES {
            break;
        }
        let at = match &ev {
            Ev::Fig(t) => t.start,
            Ev::Cmp(c) => c.range.start,
        };
        if let Some((_, end, _)) = cur {
            let gap = f.get(end..at).unwrap_or("");
            if outer.is_some() && gap.contains(')') {
                cur = outer.take();
            } else if boundary_between(f, text, &fold, end, at) {
                cur = None;
                outer = None;
                clause_first = out.len();
            }
        }
        if cur.is_none() {
            outer = None;
            clause_first = out.len();
        }
        match ev {
            Ev::Fig(t) => {
                let mut fig = mk(t.start, t.unit.end, t.value, Some(t.unit.name.clone()), Some(t.unit.kind), t.unit.factor, last_end);
                if matches!(t.unit.kind, UnitKind::Money | UnitKind::Measure) && !t.unit.name.contains('/') && t.ratio.is_none() {
                    if let Some((per, base)) = rate_base(f, t.start) {
                        fig.unit = Some(format!("{}{per}", t.unit.name));
                        bases.push(base);
                    }
                }
                if let Some((n, d)) = t.ratio {
                    let raw = text.get(fold.origin_range(t.start..t.num_end)).unwrap_or("").to_owned();
                    fig.comparisons.push(Comparison { kind: ComparisonKind::Ratio, value: None, direction: None, numerator: Some(n), denominator: Some(d), percent: None, unit: None, raw });
                }
                if let Some(c) = cur {
                    let gap = f.get(c.1..t.start).unwrap_or("");
                    if outer.is_none() && gap.contains('(') && !gap.contains(')') {
                        outer = Some(c);
                    }
                }
                last_end = t.unit.end;
                out.push(fig);
                starts.push(t.start);
                cur = Some((out.len() - 1, t.unit.end, t.unit.kind == UnitKind::Percent));
            }
            Ev::Cmp(c) => {
                let floor = last_end;
                last_end = last_end.max(c.range.end);
                let rate = f.get(c.range.clone()).is_some_and(|s| s.contains("ty le"));
                if let Some((i, _, false)) = cur {
                    if let Some(ratio) = verified_ratio(f, &out, &starts, i, c, clause_first) {
                        // The percentage was the part over the whole: it qualifies the figure as
                        // that ratio and nothing else.
                        let raw = text.get(fold.origin_range(c.range.clone())).unwrap_or("").to_owned();
                        out[i].comparisons.retain(|r| r.kind != ComparisonKind::Ratio);
                        out[i].comparisons.insert(0, Comparison { raw, ..ratio });
                        if let Some(cc) = cur.as_mut() {
                            cc.1 = c.range.end;
                        }
                        continue;
                    }
                }
                if c.role == CompRole::Rank {
                    // The rank qualifies the score before it ("87,13 điểm, xếp thứ 3/12").
                    if let Some((i, _, _)) = cur {
                        if out[i].comparisons.is_empty() {
                            out[i].comparisons.push(comparison(c));
                        }
                    }
                }
                let target = match (cur, c.role) {
                    (Some((i, _, _)), CompRole::Weak) if rate && out[i].comparisons.first().is_none_or(|r| r.kind != ComparisonKind::Ratio) => None,
                    (Some((i, _, pct)), CompRole::Weak) => (!pct).then_some(i),
                    (Some(_), CompRole::Standalone | CompRole::Rank) => None,
                    (Some((i, _, _)), _) => {
                        // "06 vụ, làm chết 04 người (tăng 02 vụ)": an absolute change belongs to
                        // the figure of its unit.
                        let same = c.unit.as_deref().filter(|u| *u != "%").and_then(|u| (clause_first..out.len()).rev().find(|&k| out[k].unit.as_deref() == Some(u)));
                        Some(same.unwrap_or(i))
                    }
                    (None, _) => None,
                };
                if let Some(i) = target {
                    if let Some(cc) = cur.as_mut() {
                        cc.1 = c.range.end;
                    }
                    let fig = &mut out[i];
                    match c.role {
                        CompRole::Share => fig.share = c.value,
                        CompRole::Weak if fig.comparisons.first().is_some_and(|r| r.kind == ComparisonKind::Ratio && r.percent.is_none()) => {
                            if let Some(r) = fig.comparisons.first_mut() {
                                r.percent = c.value;
                            }
                        }
                        _ => {
                            if let Some(r) = fig.comparisons.first_mut().filter(|r| r.kind == ComparisonKind::Ratio && r.percent.is_none() && c.unit.as_deref() == Some("%")) {
                                r.percent = c.num_value;
                            }
                            fig.comparisons.push(comparison(c));
                        }
                    }
                } else if let (Some(v), Some(n)) = (c.num_value, c.num.clone()) {
                    // A comparison with nothing to qualify is itself the figure ("dịch vụ tăng
                    // 13,0%", "kéo giảm 32,6% tội phạm"); "đạt 92,57%" alone is a plain percentage.
                    let pct = c.unit.as_deref() == Some("%");
                    let unit_kind = if pct { UnitKind::Percent } else { UnitKind::Count };
                    // Through the "%" right after the number, or a written-out "phần trăm".
                    let after = &f[n.end..];
                    let end_num = if !pct {
                        n.end
                    } else if after.trim_start().starts_with('%') {
                        n.end + (after.len() - after.trim_start().len()) + 1
                    } else {
                        units::match_at(after).filter(|(u, _)| u.kind == UnitKind::Percent).map_or(n.end, |(_, l)| n.end + l)
                    };
                    let end_num = if c.role == CompRole::Rank { n.end } else { end_num };
                    let mut fig = mk(n.start, end_num, v, c.unit.clone(), Some(unit_kind), 1.0, floor);
                    if matches!(c.role, CompRole::Strong | CompRole::Standalone | CompRole::Rank) {
                        fig.comparisons.push(comparison(c));
                    }
                    out.push(fig);
                    starts.push(n.start);
                    cur = Some((out.len() - 1, c.range.end, true));
                }
            }
        }
    }
    if !bases.is_empty() {
        let keep: Vec<bool> = starts.iter().map(|s| !bases.iter().any(|b| b.contains(s))).collect();
        let mut k = keep.iter();
        out.retain(|_| k.next().copied().unwrap_or(true));
        let mut k = keep.iter();
        starts.retain(|_| k.next().copied().unwrap_or(true));
    }
    parts_of_whole(f, &starts, &mut out);
    shortened_units(f, &starts, &mut out);
    for fig in &mut out {
        fig.comparison = fig.comparisons.first().cloned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn số_việt_nam() {
        assert_eq!(parse_number("78.822", false), Some(78822.0));
        assert_eq!(parse_number("63,03", false), Some(63.03));
        assert_eq!(parse_number("1.626,4", false), Some(1626.4));
        assert_eq!(parse_number("1.093", false), Some(1093.0));
        assert_eq!(parse_number("78.27", false), Some(78.27));
        assert_eq!(parse_number("7.500", false), Some(7500.0));
        assert_eq!(parse_number("40,4", false), Some(40.4));
        assert_eq!(parse_number("103,593", false), Some(103.593));
        assert_eq!(parse_number("1.234.567,89", false), Some(1234567.89));
        assert_eq!(parse_number("01.10.2023", false), None);
        assert_eq!(parse_number("1,234,567", false), Some(1234567.0));
    }

    #[test]
    fn số_kiểu_anh_khi_cả_văn_bản_dùng() {
        assert_eq!(parse_number("1,626.4", true), Some(1626.4));
        assert_eq!(parse_number("7.5", true), Some(7.5));
        assert_eq!(parse_number("78,822", true), Some(78822.0));
        assert!(english_separators("1,234,567 and 2,345,678.5"));
        assert!(!english_separators("1.234.567 và 78.27%"));
    }
}
