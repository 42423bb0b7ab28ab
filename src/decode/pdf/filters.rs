//! Stream filters: FlateDecode, LZWDecode (with PNG/TIFF predictors), ASCIIHexDecode,
//! ASCII85Decode, RunLengthDecode. Image-only filters (DCT, JPX, CCITT, JBIG2) are not decoded:
//! the reader never needs image data.
//!
//! Every decoder writes at most `budget` bytes: the caller passes what is left of
//! [`crate::limits::MAX_EXPANDED_BYTES`] for the whole file.

use super::lexer::{Dict, Obj};

/// Why a stream could not be decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterError {
    /// A filter this reader does not implement (its name).
    Unsupported(String),
    /// The expansion budget ran out.
    Budget,
}

/// Applies `filters` (name, parameters) in order to `data`. Damaged compressed data yields what
/// could be decoded before the damage.
pub fn decode(
    data: &[u8],
    filters: &[(Vec<u8>, Option<Dict>)],
    budget: usize,
) -> Result<Vec<u8>, FilterError> {
    let mut cur: Vec<u8> = Vec::new();
    let mut first = true;
    for (name, params) in filters {
        let input: &[u8] = if first { data } else { &cur };
        let out = match name.as_slice() {
            b"FlateDecode" | b"Fl" => predict(flate(input, budget)?, params.as_ref(), budget)?,
            b"LZWDecode" | b"LZW" => {
                let early = params
                    .as_ref()
                    .and_then(|p| p.get(b"EarlyChange"))
                    .and_then(Obj::as_i64)
                    .unwrap_or(1)
                    != 0;
                predict(lzw(input, early, budget)?, params.as_ref(), budget)?
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(input),
            b"ASCII85Decode" | b"A85" => ascii85(input),
            b"RunLengthDecode" | b"RL" => run_length(input, budget)?,
            b"Crypt" => input.to_vec(),
            other => {
                return Err(FilterError::Unsupported(
                    String::from_utf8_lossy(other).into_owned(),
                ))
            }
        };
        if out.len() > budget {
            return Err(FilterError::Budget);
        }
        cur = out;
        first = false;
    }
    if first {
        if data.len() > budget {
            return Err(FilterError::Budget);
        }
        return Ok(data.to_vec());
    }
    Ok(cur)
}

fn flate(input: &[u8], budget: usize) -> Result<Vec<u8>, FilterError> {
    use miniz_oxide::inflate::{
        decompress_to_vec_with_limit, decompress_to_vec_zlib_with_limit, TINFLStatus,
    };
    let limit = budget.saturating_add(1);
    let res = match decompress_to_vec_zlib_with_limit(input, limit) {
        Ok(v) => Ok(v),
        Err(e) if e.status == TINFLStatus::HasMoreOutput => return Err(FilterError::Budget),
        Err(e) if e.output.is_empty() => {
            // No zlib header (some producers write raw deflate)?
            match decompress_to_vec_with_limit(input, limit) {
                Ok(v) => Ok(v),
                Err(e2) if e2.status == TINFLStatus::HasMoreOutput => {
                    return Err(FilterError::Budget)
                }
                Err(e2) => Err(e2.output),
            }
        }
        Err(e) => Err(e.output),
    };
    let out = res.unwrap_or_else(|partial| partial);
    if out.len() > budget {
        return Err(FilterError::Budget);
    }
    Ok(out)
}

/// PNG (10–15) and TIFF (2) predictors.
fn predict(data: Vec<u8>, params: Option<&Dict>, budget: usize) -> Result<Vec<u8>, FilterError> {
    let Some(p) = params else { return Ok(data) };
    let get = |k: &[u8], d: i64| p.get(k).and_then(Obj::as_i64).unwrap_or(d);
    let predictor = get(b"Predictor", 1);
    if predictor <= 1 {
        return Ok(data);
    }
    let colors = get(b"Colors", 1).clamp(1, 32) as usize;
    let bpc = get(b"BitsPerComponent", 8).clamp(1, 16) as usize;
    let columns = get(b"Columns", 1).clamp(1, 1 << 24) as usize;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let row = (colors * bpc * columns).div_ceil(8);
    if predictor == 2 {
        if bpc != 8 {
            return Ok(data);
        }
        let mut out = data;
        for r in out.chunks_mut(row) {
            for i in bpp..r.len() {
                r[i] = r[i].wrapping_add(r[i - bpp]);
            }
        }
        return Ok(out);
    }
    let mut out = Vec::with_capacity(data.len().min(budget));
    let mut prev = vec![0u8; row];
    let mut cur = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let kind = chunk[0];
        let src = &chunk[1..];
        cur[..src.len()].copy_from_slice(src);
        cur[src.len()..].fill(0);
        for i in 0..row {
            let left = if i >= bpp { cur[i - bpp] } else { 0 };
            let up = prev[i];
            let ul = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = match kind {
                1 => cur[i].wrapping_add(left),
                2 => cur[i].wrapping_add(up),
                3 => cur[i].wrapping_add(((left as u16 + up as u16) / 2) as u8),
                4 => cur[i].wrapping_add(paeth(left, up, ul)),
                _ => cur[i],
            };
        }
        out.extend_from_slice(&cur[..src.len()]);
        if out.len() > budget {
            return Err(FilterError::Budget);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = a as i16 + b as i16 - c as i16;
    let (pa, pb, pc) = (
        (p - a as i16).abs(),
        (p - b as i16).abs(),
        (p - c as i16).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn lzw(input: &[u8], early: bool, budget: usize) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut table: Vec<(u16, u8, u16)> = Vec::with_capacity(4096); // (prefix, byte, len)
    let reset = |t: &mut Vec<(u16, u8, u16)>| {
        t.clear();
        for i in 0..256u16 {
            t.push((u16::MAX, i as u8, 1));
        }
        t.push((u16::MAX, 0, 0)); // 256 clear
        t.push((u16::MAX, 0, 0)); // 257 eod
    };
    reset(&mut table);
    let mut width = 9u32;
    let (mut acc, mut nbits) = (0u32, 0u32);
    let mut prev: Option<u16> = None;
    let mut buf = Vec::new();
    let mut bytes = input.iter();
    loop {
        while nbits < width {
            let Some(&b) = bytes.next() else {
                return Ok(out);
            };
            acc = (acc << 8) | b as u32;
            nbits += 8;
        }
        let code = ((acc >> (nbits - width)) & ((1 << width) - 1)) as u16;
        nbits -= width;
        acc &= (1u32 << nbits) - 1;
        if code == 256 {
            reset(&mut table);
            width = 9;
            prev = None;
            continue;
        }
        if code == 257 {
            return Ok(out);
        }
        let expand = |c: u16, t: &Vec<(u16, u8, u16)>, buf: &mut Vec<u8>| {
            buf.clear();
            let mut c = c;
            while (c as usize) < t.len() && c != u16::MAX && buf.len() < 4097 {
                let (p, b, _) = t[c as usize];
                buf.push(b);
                c = p;
            }
            buf.reverse();
        };
        match prev {
            None => {
                if (code as usize) < table.len() {
                    expand(code, &table, &mut buf);
                    out.extend_from_slice(&buf);
                }
            }
            Some(p) => {
                let first;
                if (code as usize) < table.len() {
                    expand(code, &table, &mut buf);
                    first = buf.first().copied().unwrap_or(0);
                    out.extend_from_slice(&buf);
                } else {
                    expand(p, &table, &mut buf);
                    first = buf.first().copied().unwrap_or(0);
                    buf.push(first);
                    out.extend_from_slice(&buf);
                }
                if table.len() < 4096 {
                    let len = table.get(p as usize).map_or(1, |e| e.2).saturating_add(1);
                    table.push((p, first, len));
                }
            }
        }
        prev = Some(code);
        let next = table.len() as u32 + if early { 1 } else { 0 };
        width = if next > 2048 {
            12
        } else if next > 1024 {
            11
        } else if next > 512 {
            10
        } else {
            9
        };
        if out.len() > budget {
            return Err(FilterError::Budget);
        }
    }
}

fn ascii_hex(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 2);
    let mut hi: Option<u8> = None;
    for &b in input {
        if b == b'>' {
            break;
        }
        let v = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ => continue,
        };
        match hi.take() {
            Some(h) => out.push(h << 4 | v),
            None => hi = Some(v),
        }
    }
    if let Some(h) = hi {
        out.push(h << 4);
    }
    out
}

fn ascii85(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() * 4 / 5);
    let mut group = [0u32; 5];
    let mut n = 0;
    let mut i = 0;
    if input.starts_with(b"<~") {
        i = 2;
    }
    while i < input.len() {
        let b = input[i];
        i += 1;
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0, 0, 0, 0]),
            b'!'..=b'u' => {
                group[n] = (b - b'!') as u32;
                n += 1;
                if n == 5 {
                    let v = group
                        .iter()
                        .fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(d));
                    out.extend_from_slice(&v.to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group
            .iter()
            .fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(d));
        out.extend_from_slice(&v.to_be_bytes()[..n - 1]);
    }
    out
}

fn run_length(input: &[u8], budget: usize) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < input.len() {
        let n = input[i] as usize;
        i += 1;
        if n == 128 {
            break;
        } else if n < 128 {
            let end = (i + n + 1).min(input.len());
            out.extend_from_slice(&input[i..end]);
            i = end;
        } else if i < input.len() {
            out.extend(std::iter::repeat_n(input[i], 257 - n));
            i += 1;
        }
        if out.len() > budget {
            return Err(FilterError::Budget);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(name: &str) -> Vec<(Vec<u8>, Option<Dict>)> {
        vec![(name.as_bytes().to_vec(), None)]
    }

    #[test]
    fn ascii_filters() {
        assert_eq!(
            decode(b"48 65 6C 6C 6F>", &f("ASCIIHexDecode"), 100).unwrap(),
            b"Hello"
        );
        assert_eq!(
            decode(b"87cURD]i,\"Ebo80~>", &f("ASCII85Decode"), 100).unwrap(),
            b"Hello World!"
        );
        assert_eq!(
            decode(
                &[2, b'a', b'b', b'c', 254, b'x', 128],
                &f("RunLengthDecode"),
                100
            )
            .unwrap(),
            b"abcxxx"
        );
    }

    #[test]
    fn flate_with_budget_and_png_up() {
        let raw = vec![b'a'; 10_000];
        let z = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6);
        assert_eq!(decode(&z, &f("FlateDecode"), 20_000).unwrap().len(), 10_000);
        assert_eq!(
            decode(&z, &f("FlateDecode"), 5_000),
            Err(FilterError::Budget)
        );
        // PNG Up predictor, 2 columns.
        let rows = [2u8, 1, 2, 2, 1, 1];
        let z = miniz_oxide::deflate::compress_to_vec_zlib(&rows, 6);
        let params = Dict(vec![
            (b"Predictor".to_vec(), Obj::Int(12)),
            (b"Columns".to_vec(), Obj::Int(2)),
        ]);
        let out = decode(&z, &[(b"FlateDecode".to_vec(), Some(params))], 100).unwrap();
        assert_eq!(out, [1, 2, 2, 3]);
    }

    #[test]
    fn lzw_spec_example() {
        // PDF 1.7 reference, 7.4.4.2 example.
        let data = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(
            decode(&data, &f("LZWDecode"), 100).unwrap(),
            [45, 45, 45, 45, 45, 65, 45, 45, 45, 66]
        );
    }

    #[test]
    fn unknown_filter() {
        assert!(matches!(
            decode(b"x", &f("JBIG2Decode"), 100),
            Err(FilterError::Unsupported(_))
        ));
    }
}
