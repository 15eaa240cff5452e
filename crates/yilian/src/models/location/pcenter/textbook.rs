//! The textbook p-center program (one MIP with assignment columns).

use super::PCenter;
use crate::models::location::site_columns::{open_exactly, site_columns};
use crate::solve::{Cmp, LinearProgram, Sense};

/// `min r` subject to `sum_j x_ij = 1`, `x_ij <= y_j`, `sum_j y_j = p`,
/// `r >= w_i sum_j c_ij x_ij`; the first `sites` columns are `y_j`, the next is `r`.
pub(crate) fn build(model: &PCenter<'_>) -> LinearProgram {
    let (n, m) = (model.cost.clients(), model.cost.sites());
    let mut lp = LinearProgram::new(Sense::Minimise);
    let y = site_columns(&mut lp, m, &model.forced_open, |_| 0.0);
    open_exactly(&mut lp, &y, model.p);
    let r = lp.add_column(0.0, f64::INFINITY, 1.0, false);
    for i in 0..n {
        let w = model.weights.map_or(1.0, |w| w[i]);
        let mut one = Vec::with_capacity(m);
        let mut radius = vec![(r, 1.0)];
        for (j, &yj) in y.iter().enumerate() {
            let x = lp.add_column(0.0, 1.0, 0.0, false);
            one.push((x, 1.0));
            radius.push((x, -w * model.cost.get(i, j)));
            lp.add_row(vec![(x, 1.0), (yj, -1.0)], Cmp::Le, 0.0);
        }
        lp.add_row(one, Cmp::Eq, 1.0);
        lp.add_row(radius, Cmp::Ge, 0.0);
    }
    lp
}
