//! .doc reader over the real legacy corpus.

use baocao::decode::container::{Block, ContainerDoc};
use baocao::decode::doc;
use unicode_normalization::UnicodeNormalization;

const CORPUS: &str = "/work/shared/corpus/legacy/corpus/public-domain";

fn dump_blocks(blocks: &[Block], out: &mut String, depth: usize) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                out.push_str(&"  ".repeat(depth));
                if let Some(l) = &p.label {
                    out.push_str(&format!("<label {l:?}>"));
                }
                for r in &p.runs {
                    out.push_str(&format!(
                        "[{}|{:?}]",
                        r.font.as_deref().unwrap_or("-"),
                        r.text
                    ));
                    if let Some(n) = &r.note_ref {
                        out.push_str(&format!("<ref {n}>"));
                    }
                }
                out.push('\n');
            }
            Block::Table(t) => {
                out.push_str(&format!(
                    "{}<table {} rows>\n",
                    "  ".repeat(depth),
                    t.rows.len()
                ));
                for (ri, row) in t.rows.iter().enumerate() {
                    for (ci, c) in row.iter().enumerate() {
                        out.push_str(&format!("{}<cell {ri},{ci}>\n", "  ".repeat(depth + 1)));
                        dump_blocks(&c.blocks, out, depth + 2);
                    }
                }
            }
        }
    }
}

#[test]
#[ignore]
fn dump() {
    let f = std::env::var("DOC").unwrap();
    let bytes = std::fs::read(&f).unwrap();
    let d: ContainerDoc = doc::read(&bytes).unwrap();
    let mut out = String::new();
    dump_blocks(&d.body, &mut out, 0);
    out.push_str("=== notes\n");
    for n in &d.notes {
        out.push_str(&format!("note {}\n", n.id));
        dump_blocks(&n.blocks, &mut out, 1);
    }
    out.push_str("=== furniture\n");
    dump_blocks(&d.furniture, &mut out, 0);
    out.push_str(&format!("=== diags {:?}\n", d.diagnostics));
    std::fs::write("/tmp/dump.txt", out).unwrap();
    let _ = CORPUS;
}

/// Test-side legacy re-read (crude, for measuring the reader only): TCVN3 for `.Vn*` fonts,
/// VNI for `VNI*` fonts, from the shared tables.
struct Legacy {
    tcvn3: std::collections::HashMap<char, String>,
    vni: Vec<(String, String)>,
    syllables: std::collections::HashSet<String>,
}

impl Legacy {
    fn load() -> Legacy {
        let mut tcvn3 = std::collections::HashMap::new();
        let t = std::fs::read_to_string("/work/shared/data/tcvn3.tsv").unwrap();
        for line in t.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() >= 5 && f[4] == "abc" {
                let b = u8::from_str_radix(f[0], 16).unwrap();
                tcvn3.insert(cp1252(b), f[2].to_string());
            }
        }
        let mut vni = Vec::new();
        let t = std::fs::read_to_string("/work/shared/data/vni.tsv").unwrap();
        for line in t.lines().skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            let from: String = f[0]
                .split(' ')
                .map(|h| cp1252(u8::from_str_radix(h, 16).unwrap()))
                .collect();
            vni.push((from, f[2].to_string()));
        }
        vni.sort_by_key(|(a, _)| std::cmp::Reverse(a.chars().count()));
        let syllables = std::fs::read_to_string("/work/shared/data/syllables.txt")
            .unwrap()
            .lines()
            .map(|l| l.trim().nfc().collect::<String>())
            .collect();
        Legacy {
            tcvn3,
            vni,
            syllables,
        }
    }

    /// "tcvn3", "vni" or "" for a font name.
    fn kind(font: Option<&str>) -> &'static str {
        let f = font.unwrap_or("").to_ascii_lowercase();
        if f.starts_with(".vn") || f.contains("tcvn") {
            "tcvn3"
        } else if f.starts_with("vni") {
            "vni"
        } else {
            ""
        }
    }

    /// Well-formed Vietnamese syllables among the words of `text`.
    fn score(&self, text: &str) -> usize {
        text.split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
            .filter(|w| !w.is_ascii() && self.syllables.contains(&w.nfc().collect::<String>()))
            .count()
    }

    /// A paragraph re-read as its fonts say, or — when that reads worse — with TCVN3 and VNI
    /// swapped (a few corpus files hold VNI bytes in runs of a TCVN3-named font).
    fn paragraph(&self, runs: &[baocao::decode::container::Run]) -> String {
        let read = |swap: bool| -> String {
            runs.iter()
                .filter(|r| r.note_ref.is_none())
                .map(|r| {
                    let k = Self::kind(r.font.as_deref());
                    let k = match (swap, k) {
                        (true, "tcvn3") => "vni",
                        (true, "vni") => "tcvn3",
                        _ => k,
                    };
                    self.reread_as(&r.text, k)
                })
                .collect()
        };
        let a = read(false);
        if !runs
            .iter()
            .any(|r| !Self::kind(r.font.as_deref()).is_empty())
        {
            return a;
        }
        let b = read(true);
        if self.score(&b) > self.score(&a) + 1 {
            b
        } else {
            a
        }
    }

    fn reread_as(&self, text: &str, kind: &str) -> String {
        if kind == "tcvn3" {
            text.chars()
                .map(|c| self.tcvn3.get(&c).cloned().unwrap_or_else(|| c.to_string()))
                .collect()
        } else if kind == "vni" {
            let mut out = String::new();
            let mut rest = text;
            'outer: while let Some(c) = rest.chars().next() {
                for (from, to) in &self.vni {
                    if rest.starts_with(from.as_str()) {
                        out.push_str(to);
                        rest = &rest[from.len()..];
                        continue 'outer;
                    }
                }
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
            out
        } else {
            text.to_string()
        }
    }
}

fn cp1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ];
    if (0x80..0xA0).contains(&b) {
        char::from_u32(u32::from(HIGH[(b - 0x80) as usize])).unwrap()
    } else {
        char::from(b)
    }
}

/// Text of blocks as lines (tables: each cell's paragraphs in order), legacy runs re-read.
fn render(blocks: &[Block], lg: &Legacy, out: &mut String) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                // As the flatten stage writes it: the list label, then the text.
                if let Some(l) = &p.label {
                    out.push_str(l);
                    out.push(' ');
                }
                out.push_str(&lg.paragraph(&p.runs));
                out.push('\n');
            }
            Block::Table(t) => {
                for c in t.rows.iter().flatten() {
                    render(&c.blocks, lg, out);
                }
            }
        }
    }
}

fn render_doc(d: &ContainerDoc, lg: &Legacy) -> String {
    let mut out = String::new();
    render(&d.body, lg, &mut out);
    for n in &d.notes {
        render(&n.blocks, lg, &mut out);
    }
    // The transcripts end with the page headers and footers, as raw text extraction gives them.
    render(&d.furniture, lg, &mut out);
    out
}

/// Length of the longest common subsequence of two token lists (Myers' O((N+M)·D) greedy
/// algorithm). Past `max_d` edits, `None` (the caller then reports a bag-of-tokens estimate).
fn lcs(a: &[&str], b: &[&str], max_d: usize) -> Option<usize> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = ((n + m) as usize).min(max_d);
    let off = max as isize + 1;
    let mut v = vec![0isize; 2 * max + 3];
    for d in 0..=max as isize {
        let mut k = -d;
        while k <= d {
            let mut x =
                if k == -d || (k != d && v[(off + k - 1) as usize] < v[(off + k + 1) as usize]) {
                    v[(off + k + 1) as usize]
                } else {
                    v[(off + k - 1) as usize] + 1
                };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[(off + k) as usize] = x;
            if x >= n && y >= m {
                return Some(((n + m - d) / 2) as usize);
            }
            k += 2;
        }
    }
    None
}

/// Tokens of `a` also in `b`, as multisets (an upper bound of the LCS).
fn bag(a: &[&str], b: &[&str]) -> usize {
    let mut count: std::collections::HashMap<&str, isize> = Default::default();
    for t in b {
        *count.entry(t).or_default() += 1;
    }
    a.iter()
        .filter(|t| {
            let c = count.entry(t).or_default();
            *c -= 1;
            *c >= 0
        })
        .count()
}

fn matched(got: &[&str], want: &[&str]) -> (usize, bool) {
    match lcs(got, want, 3000) {
        Some(h) => (h, true),
        None => (bag(got, want), false),
    }
}

fn corpus_docs() -> Vec<std::path::PathBuf> {
    let mut v = Vec::new();
    for enc in ["tcvn3", "vni"] {
        let dir = format!("{CORPUS}/{enc}");
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x.eq_ignore_ascii_case("doc")) {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

fn truth(p: &std::path::Path) -> Option<String> {
    let base = p.file_stem()?.to_str()?;
    std::fs::read_to_string(format!(
        "/work/shared/corpus/legacy/ground-truth/{base}.txt"
    ))
    .ok()
}

/// Reads every corpus .doc, re-reads legacy runs and prints token accuracy per file.
#[test]
fn corpus_token_accuracy() {
    let lg = Legacy::load();
    let docs = corpus_docs();
    assert!(docs.len() >= 45, "corpus not found: {}", docs.len());
    let (mut hit, mut tot, mut hit_ci) = (0usize, 0usize, 0usize);
    let mut table = String::from(
        "file | tokens | acc | acc (case-insensitive) | runs .Vn*/VNI | notes | tables\n",
    );
    for p in &docs {
        let bytes = std::fs::read(p).unwrap();
        let d = doc::read(&bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let Some(want) = truth(p) else { continue };
        let got = render_doc(&d, &lg);
        if std::env::var("DOC_OUT").is_ok() {
            let base = p.file_stem().unwrap().to_str().unwrap();
            std::fs::write(format!("/tmp/docout/{base}.txt"), &got).unwrap();
        }
        let want: String = want.nfc().collect();
        let got: String = got.nfc().collect();
        let w: Vec<&str> = want.split_whitespace().collect();
        let g: Vec<&str> = got.split_whitespace().collect();
        let (h, exact) = matched(&g, &w);
        let wl = want.to_lowercase();
        let gl = got.to_lowercase();
        let wl: Vec<&str> = wl.split_whitespace().collect();
        let gl: Vec<&str> = gl.split_whitespace().collect();
        let (hc, _) = matched(&gl, &wl);
        let (mut legacy_runs, mut tables) = (0usize, 0usize);
        let mut stack: Vec<&Block> = d.body.iter().collect();
        while let Some(b) = stack.pop() {
            match b {
                Block::Paragraph(p) => {
                    legacy_runs += p
                        .runs
                        .iter()
                        .filter(|r| {
                            r.font.as_deref().is_some_and(|f| {
                                let f = f.to_ascii_lowercase();
                                f.starts_with(".vn") || f.starts_with("vni")
                            })
                        })
                        .count()
                }
                Block::Table(t) => {
                    tables += 1;
                    stack.extend(t.rows.iter().flatten().flat_map(|c| c.blocks.iter()));
                }
            }
        }
        table.push_str(&format!(
            "{}{} | {} | {:.4} | {:.4} | {} | {} | {}\n",
            p.file_name().unwrap().to_str().unwrap(),
            if exact { "" } else { " (~bag)" },
            w.len(),
            h as f64 / w.len().max(1) as f64,
            hc as f64 / w.len().max(1) as f64,
            legacy_runs,
            d.notes.len(),
            tables
        ));
        hit += h;
        hit_ci += hc;
        tot += w.len();
    }
    table.push_str(&format!(
        "TOTAL | {tot} | {:.4} | {:.4}\n",
        hit as f64 / tot as f64,
        hit_ci as f64 / tot as f64
    ));
    println!("{table}");
    std::fs::write(std::env::temp_dir().join("doc-corpus-accuracy.txt"), &table).unwrap();
    // The reader's share of the score: every file near-perfect once the legacy bytes are re-read
    // (what remains is case inference in upper-case fonts, field codes and page headers that
    // the transcripts keep, and the transcripts' own slips).
    assert!(hit_ci as f64 / tot as f64 >= 0.995, "{table}");
    assert!(
        !table.lines().skip(1).any(|l| {
            let cols: Vec<&str> = l.split(" | ").collect();
            cols.len() > 3 && cols[3].parse::<f64>().is_ok_and(|a| a < 0.985)
        }),
        "{table}"
    );
}

fn all_runs(d: &ContainerDoc) -> Vec<&baocao::decode::container::Run> {
    let mut out = Vec::new();
    let mut stack: Vec<&Block> = d
        .body
        .iter()
        .chain(d.notes.iter().flat_map(|n| n.blocks.iter()))
        .collect();
    while let Some(b) = stack.pop() {
        match b {
            Block::Paragraph(p) => out.extend(p.runs.iter()),
            Block::Table(t) => stack.extend(t.rows.iter().flatten().flat_map(|c| c.blocks.iter())),
        }
    }
    out
}

/// Every corpus file reads; its legacy font is found on runs; legacy runs hold the stored bytes
/// read as Windows-1252 (nothing outside that repertoire).
#[test]
fn corpus_reads_with_legacy_fonts() {
    let docs = corpus_docs();
    assert!(docs.len() >= 45, "{}", docs.len());
    for p in &docs {
        let d = doc::read(&std::fs::read(p).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let runs = all_runs(&d);
        let want = if p.to_str().unwrap().contains("/vni/") {
            "vni"
        } else {
            "tcvn3"
        };
        assert!(
            runs.iter()
                .any(|r| Legacy::kind(r.font.as_deref()) == want && !r.text.is_ascii()),
            "{}: no {want} run",
            p.display()
        );
        let cp1252: std::collections::HashSet<char> = (0u8..=255).map(cp1252).collect();
        for r in runs
            .iter()
            .filter(|r| !Legacy::kind(r.font.as_deref()).is_empty())
        {
            assert!(
                r.text
                    .chars()
                    .all(|c| cp1252.contains(&c) || c == '\n' || c == '\t'),
                "{}: {:?} in {:?}",
                p.display(),
                r.text,
                r.font
            );
        }
        assert!(!d.body.is_empty(), "{}", p.display());
    }
}

fn squash(s: &str) -> String {
    s.nfc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lines of the transcript, spread over the document, are found in the text read (after the
/// test-side re-read).
#[test]
fn corpus_key_phrases() {
    let lg = Legacy::load();
    let mut misses = Vec::new();
    let mut checked = 0;
    for p in corpus_docs() {
        let Some(want) = truth(&p) else { continue };
        let d = doc::read(&std::fs::read(&p).unwrap()).unwrap();
        let got = squash(&render_doc(&d, &lg));
        let lines: Vec<&str> = want
            .lines()
            .filter(|l| {
                l.split_whitespace().count() >= 6 && !l.contains("PAGE") && !l.contains("EMBED")
            })
            .collect();
        for q in [1, 2, 3] {
            let Some(line) = lines.get(lines.len() * q / 4) else {
                continue;
            };
            checked += 1;
            // The first six words of the line, in order.
            let phrase = squash(
                &line
                    .split_whitespace()
                    .take(6)
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            if !got.contains(&phrase) {
                misses.push(format!(
                    "{}: {phrase:?}",
                    p.file_name().unwrap().to_str().unwrap()
                ));
            }
        }
    }
    assert!(checked > 100, "{checked}");
    // A few transcript lines carry the transcriber's own fixes; nearly all must match.
    assert!(
        misses.len() * 50 <= checked,
        "{} of {checked} missed:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

/// Truncated and corrupted real files give errors or partial documents, never a panic or a hang.
#[test]
fn corpus_truncated_and_corrupted() {
    let docs = corpus_docs();
    for p in docs.iter().step_by(9) {
        let base = std::fs::read(p).unwrap();
        for frac in [0.0, 0.01, 0.1, 0.5, 0.9, 0.999] {
            let cut = (base.len() as f64 * frac) as usize;
            let t = std::time::Instant::now();
            let r = doc::read(&base[..cut]);
            assert!(
                t.elapsed().as_secs() < 5,
                "{}: slow on truncation",
                p.display()
            );
            if frac <= 0.5 {
                assert!(r.is_err(), "{} cut at {cut} read", p.display());
            }
        }
        let mut seed = 0x2545_F491u32 ^ base.len() as u32;
        for round in 0..150 {
            let mut f = base.clone();
            for _ in 0..1 + round % 16 {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                let i = seed as usize % f.len();
                f[i] = (seed >> 7) as u8;
            }
            let t = std::time::Instant::now();
            let _ = doc::read(&f);
            assert!(
                t.elapsed().as_secs() < 5,
                "{}: slow on corruption {round}",
                p.display()
            );
        }
    }
}

#[test]
#[ignore]
fn fonts_per_file() {
    for p in corpus_docs() {
        let d = doc::read(&std::fs::read(&p).unwrap()).unwrap();
        let mut count: std::collections::BTreeMap<String, usize> = Default::default();
        let mut stack: Vec<&Block> = d.body.iter().collect();
        while let Some(b) = stack.pop() {
            match b {
                Block::Paragraph(p) => {
                    for r in &p.runs {
                        *count
                            .entry(r.font.clone().unwrap_or("-".into()))
                            .or_default() += r.text.chars().count();
                    }
                }
                Block::Table(t) => {
                    stack.extend(t.rows.iter().flatten().flat_map(|c| c.blocks.iter()))
                }
            }
        }
        println!(
            "{}: {:?} {:?}",
            p.file_name().unwrap().to_str().unwrap(),
            count,
            d.diagnostics
                .iter()
                .map(|d| d.message.as_str())
                .collect::<Vec<_>>()
        );
    }
}

/// The real pipeline's share (this reader + `decode::flatten` + `decode::legacy`, both owned
/// elsewhere): token accuracy of the flattened text. Ignored by default, as it measures other
/// modules too; run with `--ignored --nocapture`.
#[test]
#[ignore]
fn pipeline_token_accuracy() {
    let (mut hit, mut tot) = (0usize, 0usize);
    for p in corpus_docs() {
        let Some(want) = truth(&p) else { continue };
        let d = doc::read(&std::fs::read(&p).unwrap()).unwrap();
        let got = baocao::decode::flatten::flatten(&d).text;
        let want: String = want.nfc().collect();
        let got: String = got.nfc().collect();
        let w: Vec<&str> = want.split_whitespace().collect();
        let g: Vec<&str> = got.split_whitespace().collect();
        let (h, exact) = matched(&g, &w);
        println!(
            "{}{} | {} | {:.4}",
            p.file_name().unwrap().to_str().unwrap(),
            if exact { "" } else { " (~bag)" },
            w.len(),
            h as f64 / w.len().max(1) as f64
        );
        hit += h;
        tot += w.len();
    }
    println!("TOTAL | {tot} | {:.4}", hit as f64 / tot as f64);
}

/// Structure-aware corruption: the streams are taken out of the compound file, and bytes are
/// changed where the structures are — the FIB, and the places in the table stream the FIB
/// points to (piece table, stylesheet, fonts, bin tables, notes, lists) — then read again.
#[test]
fn corpus_structures_corrupted() {
    use baocao::decode::cfb::Cfb;
    let docs = corpus_docs();
    let mut seed = 0x1357_9BDFu32;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    let rounds = std::env::var("DOC_FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 60 } else { 600 });
    for p in docs.iter().step_by(3) {
        let bytes = std::fs::read(p).unwrap();
        let cfb = Cfb::parse(&bytes).unwrap();
        let wd = cfb.open("WordDocument").unwrap().unwrap();
        let which = u16::from_le_bytes([wd[0x0A], wd[0x0B]]) & 0x0200 != 0;
        let tbl = cfb
            .open(if which { "1Table" } else { "0Table" })
            .unwrap()
            .unwrap();
        // Offsets the FIB gives into the table stream.
        let targets: Vec<usize> = (0..93)
            .map(|i| 0x9A + 8 * i)
            .filter_map(|o| wd.get(o..o + 4))
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .filter(|&fc| fc > 0 && fc < tbl.len())
            .collect();
        for round in 0..rounds {
            let (mut w, mut t) = (wd.clone(), tbl.clone());
            for _ in 0..1 + round % 6 {
                let r = next();
                let v = next();
                match r % 4 {
                    0 => {
                        let i = (next() as usize) % 0x382.min(w.len());
                        w[i] = v as u8;
                    }
                    1 => {
                        let i = (next() as usize) % w.len();
                        w[i] = v as u8;
                    }
                    _ => {
                        let base = targets[(next() as usize) % targets.len()];
                        let i = (base + (next() as usize) % 64).min(t.len() - 1);
                        t[i] = if r % 8 == 2 { 0xFF } else { v as u8 };
                    }
                }
            }
            let start = std::time::Instant::now();
            let _ = doc::read_streams(&w, Some(&t));
            assert!(
                start.elapsed().as_secs() < 5,
                "{}: slow on round {round}",
                p.display()
            );
        }
    }
}
