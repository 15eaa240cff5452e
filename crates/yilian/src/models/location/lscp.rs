//! Location set covering (LSCP): the fewest (or cheapest) sites covering every client.

use super::cost_matrix::{check_forced, check_weights};
use super::covering::{check_radius, nearest_solution};
use super::{CostMatrix, LocationSolution};
use crate::models::location::site_columns::site_columns;
use crate::solve::{solve, Cmp, LinearProgram, Sense};
use crate::{Error, Result, SolveOptions};
use std::time::Instant;

/// A set covering model (Toregas et al. 1971): `min sum_j f_j y_j` subject to
/// `sum_{j: c_ij <= radius} y_j >= 1` for every client; `y` binary, `f_j = 1` by default.
#[derive(Debug, Clone)]
pub struct Lscp<'a> {
    cost: &'a CostMatrix,
    radius: f64,
    site_cost: Option<&'a [f64]>,
    forced_open: Vec<usize>,
}

impl<'a> Lscp<'a> {
    /// An LSCP where a site covers a client with `cost <= radius`.
    pub fn new(cost: &'a CostMatrix, radius: f64) -> Self {
        Self {
            cost,
            radius,
            site_cost: None,
            forced_open: Vec::new(),
        }
    }

    /// A cost per site (default 1: minimise the number of sites).
    pub fn site_cost(mut self, site_cost: &'a [f64]) -> Self {
        self.site_cost = Some(site_cost);
        self
    }

    /// Sites that must be open.
    pub fn forced_open(mut self, sites: Vec<usize>) -> Self {
        self.forced_open = sites;
        self
    }

    /// Builds the program; the columns are `y_j`. A client no site covers is an
    /// infeasibility error naming the client and its nearest site.
    pub fn build(&self) -> Result<LinearProgram> {
        let (n, m) = (self.cost.clients(), self.cost.sites());
        check_radius(self.radius)?;
        check_weights(self.site_cost, m).map_err(|e| match e {
            Error::InvalidOption { field, message } => Error::InvalidOption {
                field: field.replacen("weights", "site_cost", 1),
                message: message.replace("clients", "sites"),
            },
            other => other,
        })?;
        check_forced(&self.forced_open, m)?;
        let mut lp = LinearProgram::new(Sense::Minimise);
        let y = site_columns(&mut lp, m, &self.forced_open, |j| {
            self.site_cost.map_or(1.0, |f| f[j])
        });
        for i in 0..n {
            let row: Vec<(usize, f64)> = (0..m)
                .filter(|&j| self.cost.get(i, j) <= self.radius)
                .map(|j| (y[j], 1.0))
                .collect();
            if row.is_empty() {
                let nearest = self
                    .cost
                    .row(i)
                    .iter()
                    .copied()
                    .fold(f64::INFINITY, f64::min);
                return Err(Error::Infeasible(format!(
                    "client {i} has no site within radius {} (nearest at {nearest})",
                    self.radius
                )));
            }
            lp.add_row(row, Cmp::Ge, 1.0);
        }
        Ok(lp)
    }

    /// Builds and solves; each client is assigned to its nearest open site.
    pub fn solve(&self, options: &SolveOptions) -> Result<LocationSolution> {
        options.validate()?;
        let t0 = Instant::now();
        let lp = self.build()?;
        let build = t0.elapsed().as_secs_f64();
        let sol = solve(&lp, options).map_err(|f| f.into_error(options.backend, "LSCP"))?;
        let objective = sol.objective;
        nearest_solution(self.cost, &lp, sol, objective, build, Some(self.radius)).settle(
            Sense::Minimise,
            options,
            "LSCP",
        )
    }
}

impl Lscp<'_> {
    /// Writes the program [`Self::build`] returns to `path`, as MPS or LP by its
    /// suffix (`.mps`, `.lp`), for another solver: columns `open(site)`; rows `cover(client)`, with
    /// `ids` (or `c0, c1, ...` and `s0, s1, ...`) for the names ([`crate::solve::safe_name`]
    /// replaces the characters the formats do not allow). Its optimum is the model's.
    pub fn write(&self, path: &std::path::Path, ids: Option<&super::LocationIds>) -> Result<()> {
        use super::export::{write, Columns};
        let (n, m) = (self.cost.clients(), self.cost.sites());
        write(
            self.build()?,
            path,
            "LSCP",
            n,
            m,
            ids,
            Columns::Sites,
            None,
            None,
        )
    }
}
