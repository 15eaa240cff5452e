//! Test instances shared by the p-median modules' unit tests.

use crate::models::location::CostMatrix;

/// Points on a line, each a client and a site; cost = distance.
pub(super) fn line(x: &[f64]) -> CostMatrix {
    let rows: Vec<Vec<f64>> = x
        .iter()
        .map(|a| x.iter().map(|b| (a - b).abs()).collect())
        .collect();
    CostMatrix::from_rows(&rows).unwrap()
}

/// Exhaustive optimum over all p-subsets containing `forced` (tiny cases only): the
/// independent reference of the exact methods' unit tests.
#[cfg(any(feature = "microlp", feature = "highs"))]
pub(super) fn brute_force(c: &CostMatrix, w: &[f64], p: usize, forced: &[usize]) -> f64 {
    let m = c.sites();
    (0u32..(1 << m))
        .filter(|mask| {
            mask.count_ones() as usize == p && forced.iter().all(|&f| mask & (1 << f) != 0)
        })
        .map(|mask| {
            let open: Vec<usize> = (0..m).filter(|&j| mask & (1 << j) != 0).collect();
            super::heuristic::plan_cost(c, Some(w), &open)
        })
        .fold(f64::INFINITY, f64::min)
}
