//! Invariants that hold for every input: spans in bounds and on UTF-16 boundaries, headings'
//! spans slice to their marker and title, outline spans nest and are ordered, normalising twice
//! changes nothing, the offset map is monotone, and mangled inputs never panic.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use baocao::report::{Report, Section, Span};
use baocao::{Input, Options};

fn parse_with_text(bytes: &[u8]) -> Option<Report> {
    baocao::parse(Input::Bytes(bytes), &Options { name: None, text: true, ..Default::default() }).ok()
}

fn check_span(text_units: u32, s: Span, what: &str) {
    assert!(s.start <= s.end && s.end <= text_units, "{what}: span {s:?} outside 0..{text_units}");
}

fn check_sections(text: &str, units: u32, sections: &[Section], parent: Option<Span>) {
    let mut prev_end = parent.map_or(0, |p| p.start);
    for s in sections {
        check_span(units, s.span, "section");
        check_span(units, s.section_span, "section");
        let heading = common::js_slice(text, s.span.start, s.span.end);
        let marker_digits = s.raw_marker.trim_end_matches(['.', ')']);
        assert!(heading.starts_with(marker_digits), "heading {heading:?} does not start with {:?}", s.raw_marker);
        // Titles printed over several lines are joined with single spaces.
        // Note references ("[footnoteRef:1]") are not part of a title.
        let mut flat = heading.split_whitespace().collect::<Vec<_>>().join(" ");
        while let Some(k) = flat.find("[footnoteRef:") {
            let Some(e) = flat[k..].find(']') else { break };
            flat.replace_range(k..k + e + 1, "");
        }
        let flat = flat.trim_end().to_owned();
        assert!(flat.ends_with(&s.title), "heading {heading:?} does not end with title {:?}", s.title);
        assert!(s.section_span.start == s.span.start && s.section_span.end >= s.span.end, "section span covers its heading");
        assert!(s.section_span.start >= prev_end, "sections overlap or are out of order");
        if let Some(p) = parent {
            assert!(s.section_span.start >= p.start && s.section_span.end <= p.end, "child outside parent");
        }
        prev_end = s.section_span.end;
        check_sections(text, units, &s.children, Some(s.section_span));
    }
}

fn check_report(r: &Report, label: &str) {
    let text = r.text.as_deref().expect("text requested");
    let units = text.encode_utf16().count() as u32;
    assert_eq!(u64::from(units), r.source.chars, "{label}: source.chars is the UTF-16 length of text");
    check_sections(text, units, &r.outline, None);
    for d in &r.diagnostics {
        if let Some(s) = d.span {
            check_span(units, s, &d.code);
        }
    }
    for f in &r.footnotes {
        check_span(units, f.span, "footnote");
        let printed = common::js_slice(text, f.span.start, f.span.end);
        assert!(printed.starts_with(&f.raw_marker), "footnote {printed:?} does not start with {:?}", f.raw_marker);
        if let Some(a) = f.anchor {
            check_span(units, a, "footnote anchor");
            assert!(a.end <= f.span.start || a.start >= f.span.end, "anchor inside its own note");
        }
    }
    for t in &r.tables {
        check_span(units, t.span, "table");
        assert!(t.header_rows as usize <= t.rows.len(), "{label}: more header rows than rows");
        for c in t.rows.iter().flatten() {
            check_span(units, c.span, "table cell");
            assert!(c.span.start >= t.span.start && c.span.end <= t.span.end, "{label}: cell outside its table");
            assert_eq!(common::js_slice(text, c.span.start, c.span.end), c.text);
        }
    }
    for k in &r.summary.key_points {
        check_span(units, k.span, "key point");
        assert_eq!(common::js_slice(text, k.span.start, k.span.end), k.text);
    }
    for f in &r.figures {
        check_span(units, f.span, "figure");
        assert_eq!(common::js_slice(text, f.span.start, f.span.end), f.raw);
    }
    for c in &r.citations {
        check_span(units, c.span, "citation");
        assert_eq!(common::js_slice(text, c.span.start, c.span.end), c.raw);
    }
    let again = baocao::normalise::normalise_with(text, baocao::normalise::reflows(r.source.format));
    assert_eq!(again.text, text, "{label}: normalising twice changes nothing");
}

#[test]
fn bất_biến_trên_văn_bản_mẫu_và_fixture() {
    for path in common::seeds().into_iter().chain(common::fixtures()).chain(common::container_documents()) {
        let bytes = std::fs::read(&path).unwrap();
        let r = parse_with_text(&bytes).unwrap_or_else(|| panic!("{} parses", path.display()));
        check_report(&r, &common::name(&path));
    }
}

#[test]
fn bản_đồ_vị_trí_đơn_điệu_trên_văn_bản_mẫu() {
    for path in common::seeds().into_iter().chain(common::fixtures()) {
        let bytes = std::fs::read(&path).unwrap();
        let d = baocao::decode::decode(Input::Bytes(&bytes)).unwrap();
        let n = baocao::normalise::normalise(&d.text);
        let mut prev = 0;
        for (i, _) in n.text.char_indices() {
            let at = d.map.to_input(n.map.to_input(i));
            assert!(at >= prev && at <= bytes.len(), "{}: map not monotone at {i}", path.display());
            prev = at;
        }
    }
}

/// xorshift64*: deterministic mutations, so a failure reproduces.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn đầu_vào_bị_làm_hỏng_không_bao_giờ_panic() {
    let seeds: Vec<Vec<u8>> = common::seeds().iter().chain(common::fixtures().iter()).map(|p| std::fs::read(p).unwrap()).collect();
    let inserts: [&[u8]; 8] = [b"\0", b"\r", "\u{301}".as_bytes(), "\u{FEFF}".as_bytes(), b"\xff\xfe", b"S\xe1\xbb\x91: ", b"I. ", b"\n\n\n"];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut parsed = 0;
    for round in 0..400 {
        let mut b = seeds[round % seeds.len()].clone();
        for _ in 0..1 + rng.below(8) {
            match rng.below(4) {
                0 if !b.is_empty() => {
                    let at = rng.below(b.len());
                    b[at] = rng.next() as u8;
                }
                1 => {
                    let at = rng.below(b.len() + 1);
                    let ins = inserts[rng.below(inserts.len())];
                    b.splice(at..at, ins.iter().copied());
                }
                2 => {
                    let at = rng.below(b.len() + 1);
                    b.truncate(at);
                }
                _ => {
                    let at = rng.below(b.len() + 1);
                    let len = rng.below(64).min(b.len() - at);
                    b.drain(at..at + len);
                }
            }
        }
        if let Some(r) = parse_with_text(&b) {
            check_report(&r, &format!("mutation {round}"));
            parsed += 1;
        }
    }
    assert!(parsed > 300, "most mutations are still text and must parse ({parsed}/400)");
}

#[test]
fn span_utf16_đúng_với_emoji_và_chữ_việt() {
    let path = common::fixtures().into_iter().find(|p| common::name(p).contains("utf16le")).unwrap();
    let r = parse_with_text(&std::fs::read(path).unwrap()).unwrap();
    let text = r.text.as_deref().unwrap();
    let titles: Vec<String> = r.outline.iter().map(|s| common::js_slice(text, s.span.start, s.span.end)).collect();
    assert_eq!(titles, ["I. MỤC TIÊU", "II. NHIỆM VỤ, GIẢI PHÁP", "III. TỔ CHỨC THỰC HIỆN"]);
}
