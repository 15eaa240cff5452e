//! The p-median problem: open exactly `p` sites, minimising the weighted cost of serving
//! every client from its nearest open site.

use super::cost_matrix::{check_forced, check_weights};
use super::{CostMatrix, LocationSolution};
use crate::solve::{solve, Cmp, LinearProgram, LpSolution, Sense};
use crate::{Error, Result, SolveOptions};
use std::time::Instant;

/// Which mixed-integer formulation to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PMedianFormulation {
    /// Textbook: `x_ij <= y_j` for every pair, `sum_j x_ij = 1`, `sum_j y_j = p`.
    /// Clients x sites assignment columns; the baseline, and the default: on pmed1-10 with
    /// HiGHS it solved faster than [`PMedianFormulation::Radius`] (pmed6: 12 s vs 38 s).
    #[default]
    Textbook,
    /// Radius (covering) formulation of Elloumi (2010), equivalent in LP bound to the
    /// radius formulation of Garcia, Labbe and Marin (2011), written as a chain so that
    /// it has O(clients x sites) nonzeros: for client `i` with sorted distinct costs
    /// `D_1 < D_2 < ...`, `z_ik` (continuous) is 1 when no open site is within `D_k`:
    /// `z_i1 + sum_{j: c_ij = D_1} y_j >= 1` and
    /// `z_ik - z_i,k-1 + sum_{j: c_ij = D_k} y_j >= 0`; cost `D_1 + sum_k (D_k+1 - D_k) z_ik`.
    /// Reduction: a radius within which at least `sites - p + 1` sites lie always holds an
    /// open site, so the chain stops there. Exact: the optimum equals the textbook one.
    /// Not yet faster than the textbook form with HiGHS on pmed1-10 (see benches/location).
    Radius,
}

/// A p-median model on a cost matrix.
///
/// ```
/// use yilian::models::location::{CostMatrix, PMedian};
/// use yilian::{Backend, SolveOptions};
/// // Two clusters {0,1} and {2,3}: one median in each costs 1 + 1.
/// let c = CostMatrix::from_rows(&[
///     vec![0.0, 1.0, 9.0, 9.0],
///     vec![1.0, 0.0, 9.0, 9.0],
///     vec![9.0, 9.0, 0.0, 1.0],
///     vec![9.0, 9.0, 1.0, 0.0],
/// ]).unwrap();
/// let opts = SolveOptions::new(Backend::Microlp).time_limit(10.0);
/// let s = PMedian::new(&c, 2).solve(&opts).unwrap();
/// assert!((s.objective - 2.0).abs() < 1e-9);
/// ```
#[derive(Debug, Clone)]
pub struct PMedian<'a> {
    cost: &'a CostMatrix,
    p: usize,
    weights: Option<&'a [f64]>,
    forced_open: Vec<usize>,
    formulation: PMedianFormulation,
}

impl<'a> PMedian<'a> {
    /// A p-median model opening `p` sites, unweighted, textbook formulation.
    pub fn new(cost: &'a CostMatrix, p: usize) -> Self {
        Self {
            cost,
            p,
            weights: None,
            forced_open: Vec::new(),
            formulation: PMedianFormulation::default(),
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

    /// The formulation to build.
    pub fn formulation(mut self, formulation: PMedianFormulation) -> Self {
        self.formulation = formulation;
        self
    }

    fn validate(&self) -> Result<()> {
        let sites = self.cost.sites();
        if self.p == 0 {
            return Err(Error::InvalidOption {
                field: "p".into(),
                message: "0 must be at least 1".into(),
            });
        }
        if self.p > sites {
            return Err(Error::InvalidOption {
                field: "p".into(),
                message: format!("{} exceeds the number of sites ({sites})", self.p),
            });
        }
        check_weights(self.weights, self.cost.clients())?;
        check_forced(&self.forced_open, sites)?;
        let mut f = self.forced_open.clone();
        f.sort_unstable();
        f.dedup();
        if f.len() > self.p {
            return Err(Error::InvalidOption {
                field: "forced_open".into(),
                message: format!("{} sites forced open exceed p ({})", f.len(), self.p),
            });
        }
        Ok(())
    }

    fn w(&self, i: usize) -> f64 {
        self.weights.map_or(1.0, |w| w[i])
    }

    /// Builds the program; the first `sites` columns are the opening variables `y_j`.
    pub fn build(&self) -> Result<LinearProgram> {
        self.validate()?;
        let (n, m) = (self.cost.clients(), self.cost.sites());
        let mut lp = LinearProgram::new(Sense::Minimise);
        let forced: Vec<bool> = (0..m).map(|j| self.forced_open.contains(&j)).collect();
        let y: Vec<usize> = (0..m)
            .map(|j| lp.add_column(if forced[j] { 1.0 } else { 0.0 }, 1.0, 0.0, true))
            .collect();
        lp.add_row(
            y.iter().map(|&c| (c, 1.0)).collect(),
            Cmp::Eq,
            self.p as f64,
        );
        match self.formulation {
            PMedianFormulation::Textbook => {
                for i in 0..n {
                    let w = self.w(i);
                    let mut row = Vec::with_capacity(m);
                    for (j, &yj) in y.iter().enumerate() {
                        let x = lp.add_column(0.0, 1.0, w * self.cost.get(i, j), false);
                        row.push((x, 1.0));
                        lp.add_row(vec![(x, 1.0), (yj, -1.0)], Cmp::Le, 0.0);
                    }
                    lp.add_row(row, Cmp::Eq, 1.0);
                }
            }
            PMedianFormulation::Radius => {
                // At most m - p sites are closed; with forced sites, at most m - p as well.
                let must_hold = m - self.p + 1;
                for i in 0..n {
                    let w = self.w(i);
                    let mut order: Vec<usize> = (0..m).collect();
                    order.sort_by(|&a, &b| self.cost.get(i, a).total_cmp(&self.cost.get(i, b)));
                    let mut pos = 0;
                    let mut prev_z: Option<usize> = None;
                    let mut covered = 0;
                    while pos < m {
                        let d = self.cost.get(i, order[pos]);
                        let mut group = Vec::new();
                        while pos < m && self.cost.get(i, order[pos]) == d {
                            group.push((y[order[pos]], 1.0));
                            pos += 1;
                        }
                        covered += group.len();
                        if prev_z.is_none() {
                            lp.offset += w * d;
                        }
                        if covered >= must_hold || pos >= m {
                            // Some site within distance d is always open: z = 0 here.
                            if let Some(z) = prev_z {
                                group.push((z, -1.0));
                                lp.add_row(group, Cmp::Ge, 0.0);
                            }
                            break;
                        }
                        let next = self.cost.get(i, order[pos]);
                        let z = lp.add_column(0.0, 1.0, w * (next - d), false);
                        group.push((z, 1.0));
                        match prev_z {
                            None => lp.add_row(group, Cmp::Ge, 1.0),
                            Some(pz) => {
                                group.push((pz, -1.0));
                                lp.add_row(group, Cmp::Ge, 0.0)
                            }
                        };
                        prev_z = Some(z);
                    }
                }
            }
        }
        Ok(lp)
    }

    /// Builds and solves; clients are assigned to their nearest open site and the
    /// objective is recomputed from that assignment.
    ///
    /// For a proven optimum with HiGHS set `mip_gap(0.0)`: otherwise HiGHS stops at its
    /// default relative gap and the status is `GapLimit`.
    pub fn solve(&self, options: &SolveOptions) -> Result<LocationSolution> {
        let t0 = Instant::now();
        let lp = self.build()?;
        let build_seconds = t0.elapsed().as_secs_f64();
        let sol = solve(&lp, options).map_err(|f| f.into_error(options.backend, "p-median"))?;
        Ok(self.finish(&lp, sol, build_seconds))
    }

    fn finish(&self, lp: &LinearProgram, sol: LpSolution, build_seconds: f64) -> LocationSolution {
        let m = self.cost.sites();
        let open: Vec<usize> = (0..m).filter(|&j| sol.values[j] > 0.5).collect();
        let mut objective = 0.0;
        let assignment = (0..self.cost.clients())
            .map(|i| {
                let best = open
                    .iter()
                    .copied()
                    .min_by(|&a, &b| self.cost.get(i, a).total_cmp(&self.cost.get(i, b)))
                    .unwrap_or(usize::MAX);
                if best != usize::MAX {
                    objective += self.w(i) * self.cost.get(i, best);
                }
                vec![(best, 1.0)]
            })
            .collect();
        LocationSolution {
            open,
            assignment,
            objective,
            bound: sol.bound,
            gap: sol.gap,
            status: sol.status,
            build_seconds,
            solve_seconds: sol.seconds + sol.load_seconds,
            size: (lp.column_count(), lp.row_count(), lp.nonzero_count()),
        }
    }
}
