//! Doubling curve for pathological input (issue 9): the full `parse` on each hostile family at
//! 0.25, 0.5, 1, 2 and 4 MB, and plain report text at 50 MB. Linear work shows as a flat
//! ns/byte across sizes; `node bench/pathological-curve.mjs` prints that table from criterion's
//! results. Run with `cargo bench --bench pathological`; numbers go to BENCHMARKS.md.

use baocao::{Input, Options};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput};
use std::path::PathBuf;
use std::time::Duration;

const MB: usize = 1 << 20;
const SIZES: [usize; 5] = [MB / 4, MB / 2, MB, 2 * MB, 4 * MB];

/// Repeats `unit(i)` for i = 0, 1, … until the text reaches `size` bytes.
fn fill(size: usize, mut unit: impl FnMut(usize) -> String) -> String {
    let mut s = String::with_capacity(size + 256);
    let mut i = 0;
    while s.len() < size {
        s.push_str(&unit(i));
        i += 1;
    }
    s
}

/// A heading line per 20-odd bytes, grouped under appendices: "PHỤ LỤC 3", "1. Nội dung 1", …
fn headings(size: usize) -> String {
    fill(size, |i| if i % 100 == 0 { format!("PHỤ LỤC {}\n", i / 100 + 1) } else { format!("{}. Nội dung {}\n", i % 100, i) })
}

/// One line, no break: words, numbers and list markers run together.
fn long_line(size: usize) -> String {
    fill(size, |i| format!("kết quả {} ha, đạt 1{}3,4% kế hoạch; 1. ", 78_000 + i % 1000, i % 10))
}

/// `[footnoteRef:N]` anchors, with a `[N: …]` body every tenth.
fn footnote_markers(size: usize) -> String {
    fill(size, |i| {
        let n = i % 9_999 + 1;
        if i % 10 == 9 {
            format!("[{n}: Theo số liệu của Cục Thống kê.]\n")
        } else {
            format!("tăng 6,7%[footnoteRef:{n}] ")
        }
    })
}

/// Lists nested as deep as markers go (1., 1.1., … 1.1.….1., a), -, +), over and over.
fn deep_lists(size: usize) -> String {
    fill(size, |i| {
        let depth = i % 60;
        match depth {
            0 => "I. KẾT QUẢ\n".to_owned(),
            1..=50 => format!("{}. Mục cấp {depth}\n", vec!["1"; depth].join(".")),
            51..=53 => format!("{}) Ý {depth}\n", (b'a' + (depth - 51) as u8) as char),
            _ => format!("{} Gạch đầu dòng {depth}\n", if depth % 2 == 0 { "-" } else { "+" }),
        }
    })
}

/// One table row with ever more cells.
fn table_row(size: usize) -> String {
    let mut s = String::from("| Chỉ tiêu | Kế hoạch | Thực hiện |\n|---|---|---|\n");
    s.push_str(&fill(size, |i| format!("| {}.{:03} ", 78 + i % 10, i % 1000)));
    s.push_str("|\n");
    s
}

/// The seed reports, concatenated and repeated.
fn plain(size: usize) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("seed corpus next to the repo (../shared/corpus/seeds)")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    let texts: Vec<String> = seeds.iter().map(|p| std::fs::read_to_string(p).expect("seed is UTF-8")).collect();
    assert!(!texts.is_empty(), "no seeds");
    fill(size, |i| texts[i % texts.len()].clone() + "\n")
}

type Family = (&'static str, fn(usize) -> String);

const FAMILIES: [Family; 6] = [
    ("headings", headings),
    ("long-line", long_line),
    ("footnote-markers", footnote_markers),
    ("deep-lists", deep_lists),
    ("table-row", table_row),
    ("plain", plain),
];

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    // `cargo test --all-targets` runs benches once each in a debug build, without `--bench`: a smoke
    // run of the smallest size there; the curve only under `cargo bench`.
    let full = std::env::args().any(|a| a == "--bench");
    let sizes = if full { &SIZES[..] } else { &SIZES[..1] };
    for (name, make) in FAMILIES {
        let mut g = c.benchmark_group(format!("pathological-{name}"));
        g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
        g.sampling_mode(SamplingMode::Flat);
        for &size in sizes {
            let text = make(size);
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(BenchmarkId::from_parameter(text.len()), &text, |b, t| {
                b.iter(|| baocao::parse(Input::Text(t), &opts).expect("parses"))
            });
        }
        g.finish();
    }
    if !full {
        return;
    }
    // 50 MB of report text: ten single parses (criterion's minimum sample).
    let big = plain(50 * MB);
    let mut g = c.benchmark_group("pathological-plain-50MB");
    g.sample_size(10).warm_up_time(Duration::from_millis(1)).measurement_time(Duration::from_secs(1));
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_with_input(BenchmarkId::from_parameter(big.len()), &big, |b, t| {
        b.iter(|| baocao::parse(Input::Text(t), &opts).expect("parses"))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
