//! In-process timing for the peer comparison (bench/peers.sh): no process start-up in the numbers.
//!
//!   cargo run --release --example peers -- OUT_DIR FILE...
//!
//! For each file, in one process: a warm-up, then the median of repeats (at least 5, and until
//! ~150 ms per operation have passed) of
//!   - `extract`: decode only (container → Unicode text; legacy TCVN3/VNI conversion included),
//!   - `normalise`: decode + normalise (what viparse's `load` does: extract, convert, NFC),
//!   - `parse`: the full `baocao::parse` (what the CLI and the wasm `parse` do),
//!   - `floor`: one pass counting b'\n' over the same bytes (the memory-bound floor).
//!
//! Prints one JSON object per line: {"file","bytes","ok","extract_ns","normalise_ns","parse_ns","floor_ns"}.
//! (The floor is compiled with the release profile, opt-level "s", like the rest.)
//!
//! Writes the full parse's `text` to OUT_DIR/<file name>.txt for the token-accuracy score.
use std::hint::black_box;
use std::time::{Duration, Instant};

use baocao::{decode, normalise, Input, Options};

fn median_ns(mut f: impl FnMut() -> usize) -> u128 {
    for _ in 0..2 {
        black_box(f());
    }
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 5 || (start.elapsed() < Duration::from_millis(150) && times.len() < 1000) {
        let t = Instant::now();
        black_box(f());
        times.push(t.elapsed().as_nanos());
    }
    times.sort_unstable();
    times[times.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().expect("usage: peers OUT_DIR FILE..."));
    std::fs::create_dir_all(&out).expect("create OUT_DIR");
    let options = Options { text: true, ..Options::default() };
    for path in args {
        let bytes = std::fs::read(&path).expect("read input");
        let name = std::path::Path::new(&path).file_name().unwrap().to_string_lossy().into_owned();
        let floor = median_ns(|| black_box(&bytes).iter().map(|&b| usize::from(b == b'\n')).sum::<usize>());
        let report = baocao::parse(Input::Bytes(&bytes), &options);
        let Ok(report) = report else {
            println!("{{\"file\":{:?},\"bytes\":{},\"ok\":false,\"floor_ns\":{floor}}}", path, bytes.len());
            continue;
        };
        std::fs::write(out.join(format!("{name}.txt")), report.text.as_deref().unwrap_or("")).expect("write text");
        let extract = median_ns(|| decode::decode(Input::Bytes(&bytes)).map(|d| d.text.len()).unwrap_or(0));
        let norm = median_ns(|| {
            decode::decode(Input::Bytes(&bytes))
                .map(|d| normalise::normalise_with(&d.text, normalise::reflows(d.format)).text.len())
                .unwrap_or(0)
        });
        let parse = median_ns(|| baocao::parse(Input::Bytes(&bytes), &options).map(|r| r.summary.key_points.len()).unwrap_or(0));
        println!(
            "{{\"file\":{:?},\"bytes\":{},\"ok\":true,\"extract_ns\":{extract},\"normalise_ns\":{norm},\"parse_ns\":{parse},\"floor_ns\":{floor}}}",
            path,
            bytes.len()
        );
    }
}
