//! The p-median problem: open exactly `p` sites, minimising the weighted cost of serving
//! every client from its nearest open site.
//!
//! [`PMedianFormulation::Radius`] solves it exactly by radius truncation
//! ([`radius`]): a [`heuristic`] plan, a Lagrangian bound with reductions
//! (`lagrangian`), a Lagrangian branch and bound on the sites (`bnb`), and if that
//! stops early, chain programs truncated per client (`chain`, on distance `levels`)
//! whose radii grow until the relaxation's plan is served within them.
//! [`PMedianFormulation::Benders`] solves it exactly by the two-phase Benders
//! decomposition of the radius formulation (`benders`, on a HiGHS master kept alive
//! in `master`). [`PMedianFormulation::Auto`] (the default) chooses between the two by
//! instance. [`PMedianFormulation::Textbook`] is the baseline.

#[cfg(feature = "highs")]
mod benders;
mod benders_report;
mod bnb;
mod chain;
#[cfg(feature = "highs")]
mod cut_tree;
mod export;
pub(crate) mod heuristic;
/// Hooks for the measurement binary `cost-matrix-bench` in `benches/` (feature
/// `measure`): the p-median heuristics, not part of the API.
#[cfg(feature = "measure")]
pub mod measure {
    pub use super::heuristic::{greedy_interchange, plan_cost};
}
mod lagrangian;
mod levels;
#[cfg(feature = "highs")]
mod master;
#[cfg(feature = "highs")]
mod neighbours;
#[cfg(feature = "highs")]
mod on_points;
pub(crate) mod radius;
mod sorted;
#[cfg(feature = "highs")]
mod swap;
#[cfg(test)]
mod test_points;

use super::cost_matrix::{check_forced, check_weights};
use super::{CostMatrix, LocationSolution};
use crate::solve::{solve, Cmp, LinearProgram, LpSolution, Sense};
use crate::{Error, Result, SolveOptions, Status};
pub use benders_report::BendersReport;
use levels::Levels;
#[cfg(feature = "highs")]
pub use on_points::PMedianOnPoints;
pub use radius::{RadiusReport, RadiusRound};
use std::time::Instant;

/// Which mixed-integer formulation to build and how to solve it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PMedianFormulation {
    /// Textbook: `x_ij <= y_j` for every pair, `sum_j x_ij = 1`, `sum_j y_j = p`.
    /// Clients x sites assignment columns, one MIP; the baseline.
    Textbook,
    /// The Benders decomposition ([`PMedianFormulation::Benders`]) when the backend is
    /// HiGHS and `p` is at least [`AUTO_BENDERS_SHARE`] of the sites (large `p`: short
    /// cuts, a tight LP), otherwise [`PMedianFormulation::Radius`] (small `p`: the
    /// Lagrangian tree). The default.
    #[default]
    Auto,
    /// Radius formulation solved by truncation: the chain formulation of
    /// Elloumi (2010) (see [`PMedianFormulation::RadiusFull`]), but each client keeps
    /// only its nearest distance levels, as in Garcia, Labbe and Marin (2011). A
    /// greedy + interchange heuristic gives the first plan; a Lagrangian relaxation
    /// (subgradient) gives a lower bound, often a proof on its own, a second plan, the
    /// first radii and reduction tests fixing sites (Beasley 1993); a Lagrangian
    /// branch and bound on the sites (Beasley 1985) then usually proves the optimum
    /// without a MIP; if it stops at its memory limit, truncated programs follow: each
    /// truncated program is a relaxation whose bound is a lower bound; radii grow for
    /// clients the relaxation serves beyond them, until its plan is served within them
    /// (then its optimum is the p-median optimum). Exact: `Optimal` means proven
    /// (within 1e-6 + 1e-9 x the objective). Zero or more MIPs are solved; `size` is the
    /// last one's ((0, 0, 0) when none was needed), `build_seconds` includes the
    /// heuristic and the Lagrangian phase, `solve_seconds` sums the branch and bound's
    /// and the backend's time. [`PMedian::solve_with_report`] tells the tree and the
    /// rounds. See `pmedian/radius.rs`.
    Radius,
    /// Two-phase Benders decomposition of the radius formulation (Duran-Mateluna, Ales
    /// and Elloumi 2023): a master on the opening variables and one cost variable per
    /// client, cuts separated along each client's sorted distances; phase 1 solves the
    /// LP relaxation by a cut loop (warm-started by the heuristic plan and the
    /// Lagrangian multipliers) and fixes sites by reduced costs, phase 2 solves the
    /// master as a MIP with those cuts, adding the cuts its plans violate. Needs the
    /// HiGHS backend (the master stays alive in one HiGHS instance between solves).
    /// Exact: `Optimal` means proven (within 1e-6 + 1e-9 x the objective). `size` is
    /// the master's at the end; [`PMedian::solve_with_report`] tells the phases in
    /// [`RadiusReport::benders`].
    Benders,
    /// The whole radius chain in one MIP (Elloumi 2010; same LP bound as the radius
    /// formulation of Garcia, Labbe and Marin 2011): for client `i` with sorted distinct
    /// costs `D_1 < D_2 < ...`, `z_ik` (continuous) is 1 when no open site is within
    /// `D_k`: `z_i1 + sum_{j: c_ij = D_1} y_j >= 1` and
    /// `z_ik - z_i,k-1 + sum_{j: c_ij = D_k} y_j >= 0`; cost
    /// `D_1 + sum_k (D_k+1 - D_k) z_ik`. Reduction: a radius within which at least
    /// `sites - p + 1` sites lie always holds an open site, so the chain stops there.
    /// Kept for comparison: slower than [`PMedianFormulation::Radius`].
    RadiusFull,
}

/// [`PMedianFormulation::Auto`] chooses the Benders decomposition from `p >= share x
/// sites` on: on rl1304 (TSPLIB, 1,304 sites; benches/location/README.md, CPU seconds)
/// the Lagrangian tree wins at p = 5 to 50 (0.4-16 s against 0.9-30 s; p = 20 and 50
/// are proven by its root bound), the decomposition with its branch-and-cut tree from
/// p = 100 (7.7 % of the sites: 0.8 s, where the Lagrangian tree is not done in 60 s).
pub const AUTO_BENDERS_SHARE: f64 = 0.05;

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
    /// A p-median model opening `p` sites, unweighted, [`PMedianFormulation::Auto`].
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

    /// The formulation a solve with `backend` uses: [`PMedianFormulation::Auto`]
    /// resolved (see its documentation), any other as set.
    pub fn chosen(&self, backend: crate::Backend) -> PMedianFormulation {
        if self.formulation != PMedianFormulation::Auto {
            return self.formulation;
        }
        let large = self.p as f64 >= AUTO_BENDERS_SHARE * self.cost.sites() as f64;
        if cfg!(feature = "highs") && backend == crate::Backend::Highs && large {
            PMedianFormulation::Benders
        } else {
            PMedianFormulation::Radius
        }
    }

    #[cfg(feature = "highs")]
    fn solve_benders(&self, options: &SolveOptions) -> Result<(LocationSolution, RadiusReport)> {
        if options.backend != crate::Backend::Highs {
            return Err(Error::Unsupported {
                backend: options.backend.name().into(),
                message: "the Benders formulation of the p-median keeps its master in \
                          HiGHS; choose the highs backend (or the radius formulation)"
                    .into(),
            });
        }
        benders::solve(self, options)
    }

    #[cfg(not(feature = "highs"))]
    fn solve_benders(&self, options: &SolveOptions) -> Result<(LocationSolution, RadiusReport)> {
        Err(Error::Unsupported {
            backend: options.backend.name().into(),
            message: "the Benders formulation of the p-median needs HiGHS; rebuild with \
                      the cargo feature `highs` (or use the radius formulation)"
                .into(),
        })
    }

    fn w(&self, i: usize) -> f64 {
        self.weights.map_or(1.0, |w| w[i])
    }

    /// Builds the program; the first `sites` columns are the opening variables `y_j`.
    ///
    /// For every formulation but [`PMedianFormulation::Textbook`] this is the whole chain
    /// (as [`PMedianFormulation::RadiusFull`]); the radius and Benders solves build
    /// truncated programs or a master instead.
    pub fn build(&self) -> Result<LinearProgram> {
        self.validate()?;
        let (n, m) = (self.cost.clients(), self.cost.sites());
        let forced: Vec<bool> = (0..m).map(|j| self.forced_open.contains(&j)).collect();
        if self.formulation != PMedianFormulation::Textbook {
            let levels = Levels::new(self.cost, self.p);
            let whole: Vec<usize> = (0..n).map(|i| levels.cut(i)).collect();
            let fixed: Vec<Option<bool>> = forced.iter().map(|&f| f.then_some(true)).collect();
            let chain =
                chain::Chain::build(self.cost, self.weights, self.p, &fixed, &levels, &whole);
            return Ok(chain.lp);
        }
        let mut lp = LinearProgram::new(Sense::Minimise);
        let y: Vec<usize> = (0..m)
            .map(|j| lp.add_column(if forced[j] { 1.0 } else { 0.0 }, 1.0, 0.0, true))
            .collect();
        lp.add_row(
            y.iter().map(|&c| (c, 1.0)).collect(),
            Cmp::Eq,
            self.p as f64,
        );
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
        Ok(lp)
    }

    /// Builds and solves; clients are assigned to their nearest open site and the
    /// objective is recomputed from that assignment.
    ///
    /// Without `mip_gap` the backend stops at a relative gap of 1e-4, which counts as
    /// `Optimal` (see [`crate::Status`]); `mip_gap(0.0)` asks for the solver's exact
    /// proof. With a time limit the best plan
    /// found is returned with status `TimeLimit` and the best proven bound.
    pub fn solve(&self, options: &SolveOptions) -> Result<LocationSolution> {
        self.solve_with_report(options).map(|(s, _)| s)
    }

    /// Like [`PMedian::solve`], also telling how a [`PMedianFormulation::Radius`] solve
    /// went (heuristic value, truncated rounds); the report is empty for the other
    /// formulations.
    pub fn solve_with_report(
        &self,
        options: &SolveOptions,
    ) -> Result<(LocationSolution, RadiusReport)> {
        options.validate()?;
        let (s, report) = match self.chosen(options.backend) {
            PMedianFormulation::Radius => {
                self.validate()?;
                radius::solve(self, options)?
            }
            PMedianFormulation::Benders => {
                self.validate()?;
                self.solve_benders(options)?
            }
            _ => {
                let t0 = Instant::now();
                let lp = self.build()?;
                let build_seconds = t0.elapsed().as_secs_f64();
                let sol =
                    solve(&lp, options).map_err(|f| f.into_error(options.backend, "p-median"))?;
                (
                    self.finish(&lp, sol, build_seconds),
                    RadiusReport::default(),
                )
            }
        };
        // Gap and status of the plan as served (its objective recomputed) against the
        // bound, by the rule of every model; a bound above the plan is an error.
        Ok((s.settle(Sense::Minimise, options, "p-median")?, report))
    }

    fn finish(&self, lp: &LinearProgram, sol: LpSolution, build_seconds: f64) -> LocationSolution {
        let m = self.cost.sites();
        let open: Vec<usize> = (0..m).filter(|&j| sol.values[j] > 0.5).collect();
        let mut s = self.plan(
            open,
            sol.bound,
            sol.status,
            build_seconds,
            sol.seconds + sol.load_seconds,
        );
        s.size = (lp.column_count(), lp.row_count(), lp.nonzero_count());
        s
    }

    /// The solution opening `open`: nearest-site assignment, recomputed objective, the
    /// bound as given; `gap` is left to [`LocationSolution::settle`] and `status` says
    /// only whether a limit stopped the solve until then.
    fn plan(
        &self,
        open: Vec<usize>,
        bound: Option<f64>,
        status: Status,
        build_seconds: f64,
        solve_seconds: f64,
    ) -> LocationSolution {
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
            bound,
            gap: None,
            status,
            build_seconds,
            solve_seconds,
            size: (0, 0, 0),
        }
    }
}

#[cfg(test)]
mod status_tests {
    use super::PMedian;
    use crate::models::location::CostMatrix;
    use crate::solve::Sense;
    use crate::{Backend, SolveOptions, Status};

    /// Two clients, two sites; opening site 0 costs 0.2 + 0.6 = 0.8.
    fn two() -> CostMatrix {
        CostMatrix::from_rows(&[vec![0.2, 0.9], vec![0.6, 0.1]]).unwrap()
    }

    #[test]
    fn a_bound_above_the_plan_is_an_error_and_small_costs_use_the_common_gap() {
        // `plan` clamped a negative gap to 0 (a bound above the plan read as optimal)
        // and divided by the objective, not max(|objective|, 1) (docs/status.md).
        let c = two();
        let m = PMedian::new(&c, 1);
        let o = SolveOptions::new(Backend::Microlp);
        let high = m.plan(vec![0], Some(0.9), Status::Feasible, 0.0, 0.0);
        assert!((high.objective - 0.8).abs() < 1e-12);
        let e = high.settle(Sense::Minimise, &o, "p-median").unwrap_err();
        assert!(e.to_string().contains("lies above"), "{e}");
        let low = m.plan(vec![0], Some(0.4), Status::TimeLimit, 0.0, 0.0);
        let s = low.settle(Sense::Minimise, &o, "p-median").unwrap();
        // (0.8 - 0.4) / max(0.8, 1) = 0.4, not (0.8 - 0.4) / 0.8 = 0.5.
        assert!((s.gap.unwrap() - 0.4).abs() < 1e-12, "{:?}", s.gap);
        assert_eq!(s.status, Status::TimeLimit);
        let o = o.mip_gap(0.45);
        let s = m
            .plan(vec![0], Some(0.4), Status::Feasible, 0.0, 0.0)
            .settle(Sense::Minimise, &o, "p-median")
            .unwrap();
        assert_eq!(s.status, Status::GapLimit);
    }

    #[test]
    fn every_formulation_reports_the_common_gap_and_status() {
        // Site 0 costs 0.2 + 0.6 = 0.8, site 1 0.9 + 0.1 = 1.0: the optimum is 0.8,
        // proven, on every formulation.
        let c = two();
        for f in [
            super::PMedianFormulation::Textbook,
            super::PMedianFormulation::Radius,
            super::PMedianFormulation::RadiusFull,
        ] {
            let s = PMedian::new(&c, 1)
                .formulation(f)
                .solve(&SolveOptions::new(Backend::Microlp))
                .unwrap();
            assert_eq!(s.open, vec![0], "{f:?}");
            assert!((s.objective - 0.8).abs() < 1e-12, "{f:?}");
            let b = s.bound.unwrap();
            assert!(b <= s.objective + 1e-9, "{f:?}: bound {b}");
            let gap = (s.objective - b) / s.objective.abs().max(1.0);
            assert!((s.gap.unwrap() - gap.max(0.0)).abs() < 1e-12, "{f:?}");
            assert_eq!(s.status, Status::Optimal, "{f:?}");
        }
    }
}
