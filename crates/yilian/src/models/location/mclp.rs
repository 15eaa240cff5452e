//! Maximal covering (MCLP): open `p` sites covering the most client weight within a radius.

use super::cost_matrix::{check_forced, check_weights};
use super::covering::{check_p, check_radius, nearest_solution};
use super::{CostMatrix, LocationSolution};
use crate::models::location::site_columns::{open_exactly, site_columns};
use crate::solve::{solve, Cmp, LinearProgram, Sense};
use crate::{Result, SolveOptions};
use std::time::Instant;

/// A maximal covering model (Church and ReVelle 1974): `max sum_i w_i z_i` subject to
/// `z_i <= sum_{j: c_ij <= radius} y_j`, `sum_j y_j = p`; `y` binary, `0 <= z_i <= 1`.
/// The objective is the covered weight; uncovered clients get an empty assignment.
#[derive(Debug, Clone)]
pub struct Mclp<'a> {
    cost: &'a CostMatrix,
    p: usize,
    radius: f64,
    weights: Option<&'a [f64]>,
    forced_open: Vec<usize>,
}

impl<'a> Mclp<'a> {
    /// An MCLP opening `p` sites; a client is covered by a site with `cost <= radius`.
    pub fn new(cost: &'a CostMatrix, p: usize, radius: f64) -> Self {
        Self {
            cost,
            p,
            radius,
            weights: None,
            forced_open: Vec::new(),
        }
    }

    /// Client weights (the covered quantity); 1 each by default.
    pub fn weights(mut self, weights: &'a [f64]) -> Self {
        self.weights = Some(weights);
        self
    }

    /// Sites that must be open (they count towards `p`).
    pub fn forced_open(mut self, sites: Vec<usize>) -> Self {
        self.forced_open = sites;
        self
    }

    /// Builds the program; the first `sites` columns are `y_j`.
    pub fn build(&self) -> Result<LinearProgram> {
        let (n, m) = (self.cost.clients(), self.cost.sites());
        check_p(self.p, m)?;
        check_radius(self.radius)?;
        check_weights(self.weights, n)?;
        check_forced(&self.forced_open, m)?;
        let mut lp = LinearProgram::new(Sense::Maximise);
        let y = site_columns(&mut lp, m, &self.forced_open, |_| 0.0);
        open_exactly(&mut lp, &y, self.p);
        for i in 0..n {
            let w = self.weights.map_or(1.0, |w| w[i]);
            let z = lp.add_column(0.0, 1.0, w, false);
            let mut row = vec![(z, 1.0)];
            row.extend(
                (0..m)
                    .filter(|&j| self.cost.get(i, j) <= self.radius)
                    .map(|j| (y[j], -1.0)),
            );
            lp.add_row(row, Cmp::Le, 0.0);
        }
        Ok(lp)
    }

    /// Builds and solves; the objective is the covered weight of the returned sites.
    pub fn solve(&self, options: &SolveOptions) -> Result<LocationSolution> {
        options.validate()?;
        let t0 = Instant::now();
        let lp = self.build()?;
        let build = t0.elapsed().as_secs_f64();
        let sol = solve(&lp, options).map_err(|f| f.into_error(options.backend, "MCLP"))?;
        let mut s = nearest_solution(self.cost, &lp, sol, 0.0, build, Some(self.radius));
        s.objective = s
            .assignment
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.is_empty())
            .map(|(i, _)| self.weights.map_or(1.0, |w| w[i]))
            .sum();
        // The covered weight of the plan as served, against the backend's bound.
        s.settle(Sense::Maximise, options, "MCLP")
    }
}

impl Mclp<'_> {
    /// Writes the program [`Self::build`] returns to `path`, as MPS or LP by its
    /// suffix (`.mps`, `.lp`), for another solver: columns `open(site)`, `covered(client)`; rows `open_count`, `cover(client)`, with
    /// `ids` (or `c0, c1, ...` and `s0, s1, ...`) for the names ([`crate::solve::safe_name`]
    /// replaces the characters the formats do not allow). Its optimum is the model's.
    pub fn write(&self, path: &std::path::Path, ids: Option<&super::LocationIds>) -> Result<()> {
        use super::export::{write, Columns};
        let (n, m) = (self.cost.clients(), self.cost.sites());
        write(
            self.build()?,
            path,
            "MCLP",
            n,
            m,
            ids,
            Columns::Covered {
                first: self.cost.sites(),
            },
            None,
            None,
        )
    }
}
