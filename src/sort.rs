//! Slices → stably sorted in place, through one compiled sort for the whole crate.
//!
//! Why not `slice::sort_by` everywhere: each distinct comparator instantiates the standard
//! library's driftsort/quicksort (~5 KB of wasm each). With ~30 sort sites that was 140 KB of
//! the module (twiggy, BENCHMARKS.md "WASM size"). Here the comparison goes through one
//! `&mut dyn FnMut(usize, usize)` over indices, so the sorting code exists once; moving the
//! elements into their places is a small linear pass per element type. The cost is an
//! indirect call per comparison, which is noise at the sizes sorted here (figures, glyphs of a
//! line, pieces of a file).

use std::cmp::Ordering;

/// Stable sort by a comparator (like `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        sorted_indices(items.len(), &mut |a, b| cmp(&items[a], &items[b]))
    };
    permute(v, order);
}

/// Stable sort by a key (like `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Stable sort in the natural order (like `slice::sort`; also used where `sort_unstable` would
/// do: a stable order is a valid unstable one).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The only instantiation of the standard sort: indices `0..n` ordered by `cmp`.
#[inline(never)]
fn sorted_indices(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Puts `v[order[i]]` at position `i` for every `i`, following each cycle of the permutation
/// once (linear: every index is visited once and marked done).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        if order[start] == DONE {
            continue;
        }
        let mut at = start;
        // Invariant: `v[at]` holds the element that started at `start`; each step fills
        // position `at` with its element and moves the start element on. A cycle is at most
        // `v.len()` long, so this ends.
        for _ in 0..v.len() {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the test needs no dependency.
    fn numbers(seed: u64, n: usize, modulo: u64) -> Vec<u64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % modulo
            })
            .collect()
    }

    #[test]
    fn sắp_xếp_giống_thư_viện_chuẩn_và_ổn_định() {
        for (seed, n, modulo) in [(1, 0, 5), (2, 1, 5), (3, 2, 5), (4, 17, 3), (5, 1000, 10), (6, 5000, 1_000_000)] {
            // Pairs (key, original position): stability shows in the second component.
            let pairs: Vec<(u64, usize)> = numbers(seed, n, modulo).into_iter().zip(0..).collect();
            let mut ours = pairs.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std_sorted = pairs.clone();
            std_sorted.sort_by_key(|p| p.0);
            assert_eq!(ours, std_sorted, "seed {seed}, n {n}");
        }
    }

    #[test]
    fn sắp_xếp_chuỗi_và_so_sánh_ngược() {
        let mut words = vec!["tăng".to_string(), "giảm".into(), "đạt".into(), "bằng".into()];
        sort(&mut words);
        assert_eq!(words, ["bằng", "giảm", "tăng", "đạt"]);
        let mut xs = [1.5f64, -2.0, 3.25, 0.0];
        sort_by(&mut xs, |a, b| b.total_cmp(a));
        assert_eq!(xs, [3.25, 1.5, 0.0, -2.0]);
    }
}
