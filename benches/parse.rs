//! Criterion benchmarks: full `parse` over each seed of `../shared/corpus/seeds/` and over a 1 MB
//! concatenation, plus the decode and normalise stages alone. Throughput is reported in bytes.
//! Run with `cargo bench --bench parse`; numbers go to BENCHMARKS.md.

use baocao::{Input, Options};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::PathBuf;

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
                .filter_map(|e| Some((e.file_name().to_string_lossy()[..3].to_owned(), std::fs::read(e.path()).ok()?)))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn bench(c: &mut Criterion) {
    let seeds = seeds();
    assert!(!seeds.is_empty(), "no seeds found next to the repo (../shared/corpus/seeds)");
    let opts = Options::default();
    let mut g = c.benchmark_group("parse");
    for (name, bytes) in &seeds {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(BenchmarkId::new("seed", name), bytes, |b, bytes| {
            b.iter(|| baocao::parse(Input::Bytes(bytes), &opts).expect("seed parses"))
        });
    }
    let mut big = Vec::new();
    while big.len() < 1_000_000 {
        for (_, b) in &seeds {
            big.extend_from_slice(b);
            big.push(b'\n');
        }
    }
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("concat-1MB", |b| b.iter(|| baocao::parse(Input::Bytes(&big), &opts).expect("parses")));
    g.finish();

    let mut s = c.benchmark_group("stage");
    s.throughput(Throughput::Bytes(big.len() as u64));
    s.bench_function("decode-1MB", |b| b.iter(|| baocao::decode::decode(Input::Bytes(&big)).expect("decodes")));
    let text = baocao::decode::decode(Input::Bytes(&big)).expect("decodes").text;
    s.bench_function("normalise-1MB", |b| b.iter(|| baocao::normalise::normalise(&text)));
    let norm = baocao::normalise::normalise(&text).text;
    s.bench_function("segment-1MB", |b| b.iter(|| baocao::segment::segment(&norm)));
    s.finish();

    // Decoding per container format, over the real legacy corpus (TCVN3/VNI .doc, .rtf, .pdf)
    // and our container fixtures: every file of the format once per iteration.
    let legacy = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/legacy/corpus");
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut d = c.benchmark_group("decode-format");
    for ext in ["doc", "rtf", "pdf", "docx"] {
        let mut files = Vec::new();
        for dir in [legacy.join("public-domain/tcvn3"), legacy.join("public-domain/vni"), legacy.join("synthetic"), fixtures.join("containers"), fixtures.join("pdf")] {
            for e in std::fs::read_dir(&dir).into_iter().flatten().filter_map(Result::ok) {
                if e.path().extension().is_some_and(|x| x == ext) {
                    if let Ok(b) = std::fs::read(e.path()) {
                        // Only files that decode: the benchmark measures reading, not refusing.
                        if baocao::decode::decode(Input::Bytes(&b)).is_ok() {
                            files.push(b);
                        }
                    }
                }
            }
        }
        if files.is_empty() {
            continue;
        }
        let total: usize = files.iter().map(Vec::len).sum();
        d.throughput(Throughput::Bytes(total as u64));
        d.bench_function(BenchmarkId::new(ext, format!("{} files", files.len())), |b| {
            b.iter(|| files.iter().map(|f| baocao::decode::decode(Input::Bytes(f)).map(|x| x.text.len()).unwrap_or(0)).sum::<usize>())
        });
    }
    d.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
