//! The set-covering question of a radius: can `p` sites serve every client within it?

use super::radii::Radii;
use crate::solve::{Cmp, LinearProgram, Sense};

/// `min sum_j y_j` subject to `sum_{j: w_i c_ij <= radius} y_j >= 1` for every client
/// of `clients` not already served by a forced site, `sum_j y_j <= p`, forced `y_j = 1`;
/// `y` binary, the columns are the sites. With every client, feasible exactly when
/// some plan of at most `p` sites (so of exactly `p`, adding any) has radius
/// `<= radius`; with some clients only it is a relaxation: infeasible proves that no
/// plan reaches `radius`. `None` when some client has no site within `radius` at all.
pub(crate) fn cover_program(
    radii: &Radii,
    clients: &[usize],
    radius: f64,
    p: usize,
    forced: &[bool],
) -> Option<LinearProgram> {
    let m = radii.sites();
    let mut lp = LinearProgram::new(Sense::Minimise);
    for &f in forced {
        lp.add_column(if f { 1.0 } else { 0.0 }, 1.0, 1.0, true);
    }
    for &i in clients {
        let row = radii.row(i);
        if (0..m).any(|j| forced[j] && row[j] <= radius) {
            continue;
        }
        let terms: Vec<(usize, f64)> = (0..m)
            .filter(|&j| row[j] <= radius)
            .map(|j| (j, 1.0))
            .collect();
        if terms.is_empty() {
            return None;
        }
        lp.add_row(terms, Cmp::Ge, 1.0);
    }
    lp.add_row((0..m).map(|j| (j, 1.0)).collect(), Cmp::Le, p as f64);
    Some(lp)
}

/// The open sites of a solution of [`cover_program`].
pub(crate) fn chosen(values: &[f64]) -> Vec<usize> {
    (0..values.len()).filter(|&j| values[j] > 0.5).collect()
}
