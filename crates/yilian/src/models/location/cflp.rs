//! Capacitated facility location: open sites (fixed cost, capacity) and serve every
//! client's demand, split across sites (multi-source) or from one site (single-source).

use super::cost_matrix::{check_forced, check_weights};
use super::{CostMatrix, LocationSolution};
use crate::models::location::site_columns::site_columns;
use crate::solve::{solve, Cmp, LinearProgram, Sense};
use crate::{Error, Result, SolveOptions};
use std::time::Instant;

/// Whether a client's demand may be split across sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sourcing {
    /// Demand may be split; `0 <= x_ij <= 1`.
    #[default]
    Multi,
    /// Each client is served wholly by one site; `x_ij` binary.
    Single,
}

/// A capacitated facility location model:
/// `min sum_j f_j y_j + sum_ij c_ij x_ij` subject to `sum_j x_ij = 1`,
/// `sum_i d_i x_ij <= s_j y_j`, `x_ij <= y_j` (a valid strengthening), `y` binary.
///
/// ```
/// use yilian::models::location::{Cflp, CostMatrix};
/// use yilian::{Backend, SolveOptions};
/// // Two clients of demand 1, two sites of capacity 1 and fixed cost 1:
/// // both must open (capacity); each client goes to its cheap site: 1 + 1 + 0 + 0.
/// let c = CostMatrix::from_rows(&[vec![0.0, 5.0], vec![5.0, 0.0]]).unwrap();
/// let opts = SolveOptions::new(Backend::Microlp).time_limit(10.0);
/// let s = Cflp::new(&c, &[1.0, 1.0], &[1.0, 1.0], &[1.0, 1.0]).solve(&opts).unwrap();
/// assert!((s.objective - 2.0).abs() < 1e-9);
/// ```
#[derive(Debug, Clone)]
pub struct Cflp<'a> {
    cost: &'a CostMatrix,
    demand: &'a [f64],
    capacity: &'a [f64],
    fixed_cost: &'a [f64],
    sourcing: Sourcing,
    forced_open: Vec<usize>,
}

impl<'a> Cflp<'a> {
    /// A multi-source model: `cost` is clients x sites, `demand` per client, `capacity`
    /// and `fixed_cost` per site.
    pub fn new(
        cost: &'a CostMatrix,
        demand: &'a [f64],
        capacity: &'a [f64],
        fixed_cost: &'a [f64],
    ) -> Self {
        Self {
            cost,
            demand,
            capacity,
            fixed_cost,
            sourcing: Sourcing::Multi,
            forced_open: Vec::new(),
        }
    }

    /// Multi- or single-source.
    pub fn sourcing(mut self, sourcing: Sourcing) -> Self {
        self.sourcing = sourcing;
        self
    }

    /// Sites that must be open.
    pub fn forced_open(mut self, sites: Vec<usize>) -> Self {
        self.forced_open = sites;
        self
    }

    fn validate(&self) -> Result<()> {
        let (n, m) = (self.cost.clients(), self.cost.sites());
        check_weights(Some(self.demand), n).map_err(|e| rename(e, "weights", "demand"))?;
        for (name, v) in [("capacity", self.capacity), ("fixed_cost", self.fixed_cost)] {
            check_weights(Some(v), m).map_err(|e| rename(e, "weights", name))?;
        }
        check_forced(&self.forced_open, m)?;
        let total_demand: f64 = self.demand.iter().sum();
        let total_capacity: f64 = self.capacity.iter().sum();
        if total_capacity < total_demand {
            return Err(Error::Infeasible(format!(
                "total capacity {total_capacity} of the {m} sites is below total demand {total_demand} of the {n} clients"
            )));
        }
        if self.sourcing == Sourcing::Single {
            let max_cap = self.capacity.iter().copied().fold(0.0, f64::max);
            if let Some(i) = self.demand.iter().position(|&d| d > max_cap) {
                return Err(Error::Infeasible(format!(
                    "single-source: demand[{i}] = {} exceeds the largest site capacity {max_cap}",
                    self.demand[i]
                )));
            }
        }
        Ok(())
    }

    /// Builds the program; the first `sites` columns are `y_j`, then `x_ij` row by row.
    pub fn build(&self) -> Result<LinearProgram> {
        self.validate()?;
        let (n, m) = (self.cost.clients(), self.cost.sites());
        let mut lp = LinearProgram::new(Sense::Minimise);
        let y = site_columns(&mut lp, m, &self.forced_open, |j| self.fixed_cost[j]);
        let integer = self.sourcing == Sourcing::Single;
        let mut cap_rows: Vec<Vec<(usize, f64)>> = vec![Vec::new(); m];
        for i in 0..n {
            let mut row = Vec::with_capacity(m);
            for j in 0..m {
                let x = lp.add_column(0.0, 1.0, self.cost.get(i, j), integer);
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
        // Valid cut: the open capacity covers total demand.
        let total: f64 = self.demand.iter().sum();
        lp.add_row(
            (0..m).map(|j| (y[j], self.capacity[j])).collect(),
            Cmp::Ge,
            total,
        );
        Ok(lp)
    }

    /// Builds and solves. For a proven optimum with HiGHS set `mip_gap(0.0)`.
    pub fn solve(&self, options: &SolveOptions) -> Result<LocationSolution> {
        options.validate()?;
        let t0 = Instant::now();
        let lp = self.build()?;
        let build_seconds = t0.elapsed().as_secs_f64();
        let sol = solve(&lp, options)
            .map_err(|f| f.into_error(options.backend, "capacitated facility location"))?;
        let (n, m) = (self.cost.clients(), self.cost.sites());
        let open: Vec<usize> = (0..m).filter(|&j| sol.values[j] > 0.5).collect();
        let assignment = (0..n)
            .map(|i| {
                (0..m)
                    .filter_map(|j| {
                        let v = sol.values[m + i * m + j];
                        (v > 1e-9).then_some((j, v))
                    })
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
        .settle(Sense::Minimise, options, "capacitated facility location")
    }
}

fn rename(e: Error, from: &str, to: &str) -> Error {
    match e {
        Error::InvalidOption { field, message } => Error::InvalidOption {
            field: field.replacen(from, to, 1),
            message: message.replace("clients", if to == "demand" { "clients" } else { "sites" }),
        },
        other => other,
    }
}

impl Cflp<'_> {
    /// Writes the program [`Self::build`] returns to `path`, as MPS or LP by its
    /// suffix (`.mps`, `.lp`), for another solver: columns `open(site)`, `assign(client,site)`; rows `link(client,site)`, `assign(client)`, `capacity(site)`, `capacity_covers_demand`, with
    /// `ids` (or `c0, c1, ...` and `s0, s1, ...`) for the names ([`crate::solve::safe_name`]
    /// replaces the characters the formats do not allow). Its optimum is the model's.
    pub fn write(&self, path: &std::path::Path, ids: Option<&super::LocationIds>) -> Result<()> {
        use super::export::{write, Columns};
        let (n, m) = (self.cost.clients(), self.cost.sites());
        write(
            self.build()?,
            path,
            "CFLP",
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
