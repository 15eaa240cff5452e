//! The p-center problem: open `p` sites minimising the largest weighted client cost.

use super::cost_matrix::{check_forced, check_weights};
use super::covering::{check_p, nearest_solution};
use super::{CostMatrix, LocationSolution};
use crate::solve::{solve, Cmp, LinearProgram, Sense};
use crate::{Result, SolveOptions};
use std::time::Instant;

/// A p-center model: `min r` subject to `sum_j x_ij = 1`, `x_ij <= y_j`,
/// `sum_j y_j = p`, `r >= w_i sum_j c_ij x_ij`; `y` binary, `x` continuous (for integral
/// `y` the best `x` serves each client from its nearest open site).
#[derive(Debug, Clone)]
pub struct PCenter<'a> {
    cost: &'a CostMatrix,
    p: usize,
    weights: Option<&'a [f64]>,
    forced_open: Vec<usize>,
}

impl<'a> PCenter<'a> {
    /// A p-center model opening `p` sites.
    pub fn new(cost: &'a CostMatrix, p: usize) -> Self {
        Self {
            cost,
            p,
            weights: None,
            forced_open: Vec::new(),
        }
    }

    /// Client weights multiplying each client's costs.
    pub fn weights(mut self, weights: &'a [f64]) -> Self {
        self.weights = Some(weights);
        self
    }

    /// Sites that must be open (they count towards `p`).
    pub fn forced_open(mut self, sites: Vec<usize>) -> Self {
        self.forced_open = sites;
        self
    }

    /// Builds the program; the first `sites` columns are `y_j`, the last is `r`.
    pub fn build(&self) -> Result<LinearProgram> {
        let (n, m) = (self.cost.clients(), self.cost.sites());
        check_p(self.p, m)?;
        check_weights(self.weights, n)?;
        check_forced(&self.forced_open, m)?;
        let mut lp = LinearProgram::new(Sense::Minimise);
        let y: Vec<usize> = (0..m)
            .map(|j| {
                let lo = if self.forced_open.contains(&j) {
                    1.0
                } else {
                    0.0
                };
                lp.add_column(lo, 1.0, 0.0, true)
            })
            .collect();
        lp.add_row(
            y.iter().map(|&c| (c, 1.0)).collect(),
            Cmp::Eq,
            self.p as f64,
        );
        let r = lp.add_column(0.0, f64::INFINITY, 1.0, false);
        for i in 0..n {
            let w = self.weights.map_or(1.0, |w| w[i]);
            let mut one = Vec::with_capacity(m);
            let mut radius = vec![(r, 1.0)];
            for (j, &yj) in y.iter().enumerate() {
                let x = lp.add_column(0.0, 1.0, 0.0, false);
                one.push((x, 1.0));
                radius.push((x, -w * self.cost.get(i, j)));
                lp.add_row(vec![(x, 1.0), (yj, -1.0)], Cmp::Le, 0.0);
            }
            lp.add_row(one, Cmp::Eq, 1.0);
            lp.add_row(radius, Cmp::Ge, 0.0);
        }
        Ok(lp)
    }

    /// Builds and solves; the objective is the largest weighted cost to the nearest open site.
    pub fn solve(&self, options: &SolveOptions) -> Result<LocationSolution> {
        options.validate()?;
        let t0 = Instant::now();
        let lp = self.build()?;
        let build = t0.elapsed().as_secs_f64();
        let sol = solve(&lp, options).map_err(|f| f.into_error(options.backend, "p-center"))?;
        let mut s = nearest_solution(self.cost, &lp, sol, 0.0, build, None);
        s.objective = s
            .assignment
            .iter()
            .enumerate()
            .map(|(i, a)| self.weights.map_or(1.0, |w| w[i]) * self.cost.get(i, a[0].0))
            .fold(0.0, f64::max);
        Ok(s)
    }
}
