//! The radius formulation of Elloumi, Labbe and Pochet (2004), between two bounds, with
//! the row reduction that monotone radius indicators allow (as in Calik and Tansel 2013).

use super::radii::Radii;
use crate::solve::{Cmp, LinearProgram, Sense};

/// The program over candidate radii `D_k` in `(lower, upper]` (`lower` and `upper`
/// candidate values, `lower` a proven lower bound, `upper` the radius of some plan):
/// `min lower + sum_k (D_k - D_k-1) z_k` subject to `z_k + sum_{j: w_i c_ij < D_k} y_j >= 1`
/// for every client `i` and `k` (no open site nearer than `D_k` means radius `>= D_k`),
/// `sum_{j: w_i c_ij <= upper} y_j >= 1`, `z_k <= z_k-1`, `sum_j y_j <= p`, forced `y_j = 1`;
/// `y` binary, `z` in `[0, 1]` (integral at an optimum for integral `y`). With monotone `z`
/// the row of `(i, k)` is implied by the next one unless client `i` has a site at exactly
/// `D_k`, so only those rows are kept. The first `sites` columns are `y_j`.
pub(crate) fn build(
    radii: &Radii,
    p: usize,
    forced: &[bool],
    lower: f64,
    upper: f64,
) -> LinearProgram {
    let m = radii.sites();
    let mut lp = LinearProgram::new(Sense::Minimise);
    lp.offset = lower;
    for &f in forced {
        lp.add_column(if f { 1.0 } else { 0.0 }, 1.0, 0.0, true);
    }
    lp.add_row((0..m).map(|j| (j, 1.0)).collect(), Cmp::Le, p as f64);
    let first = radii.index_of(lower) + 1;
    let last = radii.index_of(upper);
    // z column of candidate index k, for k in first..=last.
    let z = |k: usize| m + k - first;
    for k in first..=last {
        let d = radii.values[k];
        let prev = radii.values[k - 1];
        let col = lp.add_column(0.0, 1.0, d - prev, false);
        if k > first {
            lp.add_row(vec![(col, 1.0), (col - 1, -1.0)], Cmp::Le, 0.0);
        }
    }
    for i in 0..radii.clients() {
        let row = radii.row(i);
        if (0..m).any(|j| forced[j] && row[j] <= lower) {
            continue;
        }
        for k in first..=last {
            let d = radii.values[k];
            if !row.contains(&d) {
                continue;
            }
            let mut terms: Vec<(usize, f64)> =
                (0..m).filter(|&j| row[j] < d).map(|j| (j, 1.0)).collect();
            terms.push((z(k), 1.0));
            lp.add_row(terms, Cmp::Ge, 1.0);
        }
        let terms: Vec<(usize, f64)> = (0..m)
            .filter(|&j| row[j] <= upper)
            .map(|j| (j, 1.0))
            .collect();
        lp.add_row(terms, Cmp::Ge, 1.0);
    }
    lp
}
