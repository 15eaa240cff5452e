//! The site columns every location program starts with: one binary `y_j` a site, fixed
//! open for the forced sites, and the row opening exactly `p` of them.

use crate::solve::{Cmp, LinearProgram};

/// Adds a binary column `y_j` for each of the `sites` sites, with objective coefficient
/// `cost(j)`, and lower bound 1 for the sites in `forced_open`; returns their indices.
pub(crate) fn site_columns(
    lp: &mut LinearProgram,
    sites: usize,
    forced_open: &[usize],
    cost: impl Fn(usize) -> f64,
) -> Vec<usize> {
    let mut lower = vec![0.0; sites];
    for &j in forced_open {
        lower[j] = 1.0;
    }
    (0..sites)
        .map(|j| lp.add_column(lower[j], 1.0, cost(j), true))
        .collect()
}

/// Adds the row `sum_j y_j = p` over the site columns `y`.
pub(crate) fn open_exactly(lp: &mut LinearProgram, y: &[usize], p: usize) {
    lp.add_row(y.iter().map(|&c| (c, 1.0)).collect(), Cmp::Eq, p as f64);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::Sense;

    #[test]
    fn forced_sites_start_open_and_one_row_counts_them() {
        let mut lp = LinearProgram::new(Sense::Minimise);
        let y = site_columns(&mut lp, 3, &[2], |j| j as f64 * 10.0);
        open_exactly(&mut lp, &y, 2);
        assert_eq!(y, vec![0, 1, 2]);
        let lower: Vec<f64> = lp.columns.iter().map(|c| c.lower).collect();
        let cost: Vec<f64> = lp.columns.iter().map(|c| c.cost).collect();
        assert_eq!(lower, vec![0.0, 0.0, 1.0]);
        assert_eq!(cost, vec![0.0, 10.0, 20.0]);
        assert!(lp.columns.iter().all(|c| c.integer && c.upper == 1.0));
        assert_eq!((lp.row_count(), lp.nonzero_count()), (1, 3));
        assert_eq!((lp.rows[0].cmp, lp.rows[0].rhs), (Cmp::Eq, 2.0));
    }
}
