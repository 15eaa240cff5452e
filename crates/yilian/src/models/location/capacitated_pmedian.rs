//! Capacitated p-median (single-source): open exactly `p` sites of limited capacity and
//! assign each client wholly to one open site, minimising the weighted assignment cost.

use super::cost_matrix::{check_forced, check_weights};
use super::covering::check_p;
use super::{CostMatrix, LocationSolution};
use crate::models::location::site_columns::{open_exactly, site_columns};
use crate::solve::{solve, Cmp, LinearProgram, Sense};
use crate::{Error, Result, SolveOptions};
use std::time::Instant;

/// A capacitated p-median model: `min sum_ij w_i c_ij x_ij` subject to `sum_j x_ij = 1`,
/// `sum_i d_i x_ij <= Q_j y_j`, `x_ij <= y_j`, `sum_j y_j = p`; `x`, `y` binary.
#[derive(Debug, Clone)]
pub struct CapacitatedPMedian<'a> {
    cost: &'a CostMatrix,
    p: usize,
    demand: &'a [f64],
    capacity: &'a [f64],
    weights: Option<&'a [f64]>,
    forced_open: Vec<usize>,
}

impl<'a> CapacitatedPMedian<'a> {
    /// A model opening `p` sites; `demand` per client, `capacity` per site.
    pub fn new(cost: &'a CostMatrix, p: usize, demand: &'a [f64], capacity: &'a [f64]) -> Self {
        Self {
            cost,
            p,
            demand,
            capacity,
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

    /// Builds the program; the first `sites` columns are `y_j`, then `x_ij` row by row.
    pub fn build(&self) -> Result<LinearProgram> {
        let (n, m) = (self.cost.clients(), self.cost.sites());
        check_p(self.p, m)?;
        check_weights(self.weights, n)?;
        check_weights(Some(self.demand), n).map_err(|e| rename(e, "demand", "clients"))?;
        check_weights(Some(self.capacity), m).map_err(|e| rename(e, "capacity", "sites"))?;
        check_forced(&self.forced_open, m)?;
        let total: f64 = self.demand.iter().sum();
        let mut caps = self.capacity.to_vec();
        caps.sort_by(|a, b| b.total_cmp(a));
        let best_p: f64 = caps.iter().take(self.p).sum();
        if best_p < total {
            return Err(Error::Infeasible(format!(
                "the {} largest capacities total {best_p}, below total demand {total}",
                self.p
            )));
        }
        let mut lp = LinearProgram::new(Sense::Minimise);
        let y = site_columns(&mut lp, m, &self.forced_open, |_| 0.0);
        open_exactly(&mut lp, &y, self.p);
        let mut cap_rows: Vec<Vec<(usize, f64)>> = vec![Vec::new(); m];
        for i in 0..n {
            let w = self.weights.map_or(1.0, |w| w[i]);
            let mut row = Vec::with_capacity(m);
            for j in 0..m {
                let x = lp.add_column(0.0, 1.0, w * self.cost.get(i, j), true);
                row.push((x, 1.0));
                if self.demand[i] > 0.0 {
                    cap_rows[j].push((x, self.demand[i]));
                }
                lp.add_row(vec![(x, 1.0), (y[j], -1.0)], Cmp::Le, 0.0);
            }
            lp.add_row(row, Cmp::Eq, 1.0);
        }
        for (j, mut row) in cap_rows.into_iter().enumerate() {
            row.push((y[j], -self.capacity[j]));
            lp.add_row(row, Cmp::Le, 0.0);
        }
        Ok(lp)
    }

    /// Builds and solves. For a proven optimum with HiGHS set `mip_gap(0.0)`.
    pub fn solve(&self, options: &SolveOptions) -> Result<LocationSolution> {
        options.validate()?;
        let t0 = Instant::now();
        let lp = self.build()?;
        let build_seconds = t0.elapsed().as_secs_f64();
        let sol = solve(&lp, options)
            .map_err(|f| f.into_error(options.backend, "capacitated p-median"))?;
        let (n, m) = (self.cost.clients(), self.cost.sites());
        let open: Vec<usize> = (0..m).filter(|&j| sol.values[j] > 0.5).collect();
        let assignment = (0..n)
            .map(|i| {
                (0..m)
                    .filter(|&j| sol.values[m + i * m + j] > 0.5)
                    .map(|j| (j, 1.0))
                    .collect()
            })
            .collect();
        LocationSolution {
            open,
            assignment,
            objective: sol.objective,
            bound: sol.bound,
            gap: sol.gap,
            status: sol.status,
            build_seconds,
            solve_seconds: sol.seconds + sol.load_seconds,
            size: (lp.column_count(), lp.row_count(), lp.nonzero_count()),
        }
        .settle(Sense::Minimise, options, "capacitated p-median")
    }
}

fn rename(e: Error, to: &str, count: &str) -> Error {
    match e {
        Error::InvalidOption { field, message } => Error::InvalidOption {
            field: field.replacen("weights", to, 1),
            message: message.replace("clients", count),
        },
        other => other,
    }
}

impl CapacitatedPMedian<'_> {
    /// Writes the program [`Self::build`] returns to `path`, as MPS or LP by its
    /// suffix (`.mps`, `.lp`), for another solver: columns `open(site)`, `assign(client,site)`; rows `open_count`, `link(client,site)`, `assign(client)`, `capacity(site)`, with
    /// `ids` (or `c0, c1, ...` and `s0, s1, ...`) for the names ([`crate::solve::safe_name`]
    /// replaces the characters the formats do not allow). Its optimum is the model's.
    pub fn write(&self, path: &std::path::Path, ids: Option<&super::LocationIds>) -> Result<()> {
        use super::export::{write, Columns};
        let (n, m) = (self.cost.clients(), self.cost.sites());
        write(
            self.build()?,
            path,
            "capacitated p-median",
            n,
            m,
            ids,
            Columns::Assign {
                first: self.cost.sites(),
            },
            None,
            None,
        )
    }
}
