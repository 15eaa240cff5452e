//! The p-center problem: open `p` sites minimising the largest weighted client cost.
//!
//! [`PCenterFormulation::Covering`] (the default) solves it exactly by bisection over
//! the candidate radii with one set-covering question per step (`search`);
//! [`PCenterFormulation::Elloumi`] solves one radius-indicator MIP (`elloumi`);
//! [`PCenterFormulation::Textbook`] is the baseline.

mod cover;
mod elloumi;
mod export;
mod greedy;
mod radii;
mod search;
mod textbook;

use super::cost_matrix::{check_forced, check_weights};
use super::covering::check_p;
use super::{CostMatrix, LocationSolution};
use crate::solve::{solve, solve_with_hints, LinearProgram, Sense, SolveHints};
use crate::{Error, Result, SolveOptions, Status};
use radii::Radii;
use std::time::Instant;

/// Which p-center method to use.
///
/// Cost convention: client `i` served by site `j` costs `w_i c_ij` (weights 1 when not
/// given); the objective is the largest such cost, each client served by its nearest
/// open site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PCenterFormulation {
    /// Textbook: `min r` subject to `sum_j x_ij = 1`, `x_ij <= y_j`, `sum_j y_j = p`,
    /// `r >= w_i sum_j c_ij x_ij`; one MIP with clients x sites assignment columns and
    /// a weak LP bound. The baseline; the backend's options apply as given (the backend
    /// stops at a relative gap of 1e-4 unless `mip_gap` says otherwise).
    Textbook,
    /// Bisection over the sorted distinct weighted costs (the optimum is one of them),
    /// the default: a greedy-covering plan first, then at each candidate radius "can
    /// `p` sites serve every client within it?", answered by greedy covering when it can
    /// or by set-covering MIPs (sites only) on a subset of the clients that grows with
    /// the clients a cover leaves beyond the radius (infeasible on the subset proves
    /// the radius infeasible; a cover, completed greedily, serving every client is a
    /// plan). Many small MIPs: microlp solves them fastest (OR-Library pmed1-40 in
    /// 4.6 s against 11-13 s with HiGHS, see `benches/README.md`). Exact without any gap
    /// setting: `Optimal` means the next smaller candidate radius is proven infeasible.
    /// With `mip_gap(g)` it stops once the best plan is within `g` (relative) of the
    /// bound (`GapLimit`); at the time limit it returns the best plan with status
    /// `TimeLimit`. The bound is the smallest candidate radius above all radii proven
    /// infeasible. `size` is that of the last set-covering MIP ((0, 0, 0) if none).
    #[default]
    Covering,
    /// One MIP, the formulation of Elloumi, Labbe and Pochet (2004): an indicator
    /// `z_k` per candidate radius `D_k` ("the radius is at least `D_k`"), rows
    /// `z_k + sum_{j: w_i c_ij < D_k} y_j >= 1`, objective
    /// `D_0 + sum_k (D_k - D_k-1) z_k`; its LP bound is much stronger than the textbook
    /// one. Only the radii between the trivial bound `max_i min_j w_i c_ij` and the
    /// greedy-covering plan's radius are modelled, monotone `z` drop implied rows (see
    /// [`PCenter::build`]). `Optimal` when the backend's bound proves the plan's radius
    /// (the backend's gap settings apply as given).
    Elloumi,
}

/// A p-center model.
///
/// ```
/// use yilian::models::location::{CostMatrix, PCenter};
/// use yilian::{Backend, SolveOptions, Status};
/// // Points at 0, 1, 2, 6, 7, 10 on a line: centers at 1 and 7 serve all within 3.
/// let pos = [0.0, 1.0, 2.0, 6.0, 7.0, 10.0];
/// let rows: Vec<Vec<f64>> = pos
///     .iter()
///     .map(|a: &f64| pos.iter().map(|b| (a - b).abs()).collect())
///     .collect();
/// let c = CostMatrix::from_rows(&rows).unwrap();
/// let s = PCenter::new(&c, 2).solve(&SolveOptions::new(Backend::Microlp)).unwrap();
/// assert_eq!((s.objective, s.status), (3.0, Status::Optimal));
/// assert_eq!(s.open.len(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct PCenter<'a> {
    cost: &'a CostMatrix,
    p: usize,
    weights: Option<&'a [f64]>,
    forced_open: Vec<usize>,
    formulation: PCenterFormulation,
}

impl<'a> PCenter<'a> {
    /// A p-center model opening `p` sites, unweighted, [`PCenterFormulation::Covering`].
    pub fn new(cost: &'a CostMatrix, p: usize) -> Self {
        Self {
            cost,
            p,
            weights: None,
            forced_open: Vec::new(),
            formulation: PCenterFormulation::default(),
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

    /// The method to use.
    pub fn formulation(mut self, formulation: PCenterFormulation) -> Self {
        self.formulation = formulation;
        self
    }

    fn validate(&self) -> Result<()> {
        let m = self.cost.sites();
        check_p(self.p, m)?;
        check_weights(self.weights, self.cost.clients())?;
        check_forced(&self.forced_open, m)?;
        let forced = self.forced_list();
        if forced.len() > self.p {
            return Err(Error::InvalidOption {
                field: "forced_open".into(),
                message: format!("{} sites forced open exceed p ({})", forced.len(), self.p),
            });
        }
        Ok(())
    }

    /// The forced sites, sorted, without repeats.
    fn forced_list(&self) -> Vec<usize> {
        let mut f = self.forced_open.clone();
        f.sort_unstable();
        f.dedup();
        f
    }

    fn forced_mask(&self) -> Vec<bool> {
        let mut mask = vec![false; self.cost.sites()];
        for &j in &self.forced_open {
            mask[j] = true;
        }
        mask
    }

    /// Builds the program of the formulation.
    ///
    /// [`PCenterFormulation::Textbook`]: the first `sites` columns are `y_j`, the next is
    /// `r`. Otherwise the [`PCenterFormulation::Elloumi`] program between the trivial
    /// bound and the greedy-covering plan's radius (the first `sites` columns are `y_j`);
    /// [`PCenterFormulation::Covering`] solves smaller set-covering programs instead.
    pub fn build(&self) -> Result<LinearProgram> {
        self.validate()?;
        if self.formulation == PCenterFormulation::Textbook {
            return Ok(textbook::build(self));
        }
        let radii = Radii::new(self.cost, self.weights);
        let (lower, _, upper) = self.bounds(&radii);
        Ok(elloumi::build(
            &radii,
            self.p,
            &self.forced_mask(),
            lower,
            upper,
        ))
    }

    /// The trivial lower bound, the greedy-covering plan and its radius.
    fn bounds(&self, radii: &Radii) -> (f64, Vec<usize>, f64) {
        let lower = radii.trivial_bound();
        let (open, upper) =
            greedy::first_plan(radii, self.p, &self.forced_list(), radii.index_of(lower));
        (lower, open, upper)
    }

    /// Solves; each client is served by its nearest open site and the objective is the
    /// largest weighted cost `w_i c_ij` of a client to it. `open` has exactly `p` sites.
    pub fn solve(&self, options: &SolveOptions) -> Result<LocationSolution> {
        options.validate()?;
        self.validate()?;
        match self.formulation {
            PCenterFormulation::Covering => search::solve_by_covering(self, options),
            PCenterFormulation::Textbook => {
                let t0 = Instant::now();
                let lp = textbook::build(self);
                let build = t0.elapsed().as_secs_f64();
                let sol =
                    solve(&lp, options).map_err(|f| f.into_error(options.backend, "p-center"))?;
                let open = (0..self.cost.sites())
                    .filter(|&j| sol.values[j] > 0.5)
                    .collect();
                let radii = Radii::new(self.cost, self.weights);
                let limit_hit = sol.status == Status::TimeLimit;
                let mut s = self.judged_plan(&radii, open, sol.bound, limit_hit, options)?;
                s.build_seconds = build;
                s.solve_seconds = sol.seconds + sol.load_seconds;
                s.size = (lp.column_count(), lp.row_count(), lp.nonzero_count());
                Ok(s)
            }
            PCenterFormulation::Elloumi => self.solve_elloumi(options),
        }
    }

    fn solve_elloumi(&self, options: &SolveOptions) -> Result<LocationSolution> {
        let t0 = Instant::now();
        let radii = Radii::new(self.cost, self.weights);
        let (lower, first, upper) = self.bounds(&radii);
        let lp = elloumi::build(&radii, self.p, &self.forced_mask(), lower, upper);
        let build = t0.elapsed().as_secs_f64();
        // Start from the greedy plan: y as chosen, and every z_k = 1 (its radius is the
        // largest modelled one).
        let m = self.cost.sites();
        let mut start = vec![1.0; lp.column_count()];
        for (j, v) in start.iter_mut().enumerate().take(m) {
            *v = if first.contains(&j) { 1.0 } else { 0.0 };
        }
        let sol = solve_with_hints(
            &lp,
            options,
            &SolveHints {
                start: Some(&start),
            },
        )
        .map_err(|f| f.into_error(options.backend, "p-center"))?;
        let open: Vec<usize> = (0..m).filter(|&j| sol.values[j] > 0.5).collect();
        let open = radii.pad(open, self.p);
        // The backend's plan, or the greedy start when the backend's is worse (its
        // radius beyond the modelled range).
        let open = if radii.radius_of(&open) <= upper {
            open
        } else {
            first
        };
        let limit_hit = sol.status == Status::TimeLimit;
        let mut s = self.judged_plan(&radii, open, sol.bound, limit_hit, options)?;
        s.build_seconds = build;
        s.solve_seconds = sol.seconds + sol.load_seconds;
        s.size = (lp.column_count(), lp.row_count(), lp.nonzero_count());
        Ok(s)
    }

    /// The plan opening `open` from one MIP (textbook or Elloumi) whose backend proved
    /// `backend_bound`: the optimum is a candidate radius, so the bound is raised to the
    /// smallest candidate at or above it (within 1e-9), and to at least the trivial
    /// bound; never clipped to the plan's radius (a bound above it is an error).
    /// Gap and status by the common rule ([`LocationSolution::settle`]).
    fn judged_plan(
        &self,
        radii: &Radii,
        open: Vec<usize>,
        backend_bound: Option<f64>,
        limit_hit: bool,
        options: &SolveOptions,
    ) -> Result<LocationSolution> {
        let lower = radii.trivial_bound();
        let bound = backend_bound.filter(|b| b.is_finite()).map_or(lower, |b| {
            let at = radii.index_of(b - 1e-9 * b.abs().max(1.0));
            // Above every candidate no plan is that good: keep the bound as it is, so
            // that the assessment reports it.
            radii.values.get(at).copied().unwrap_or(b).max(lower)
        });
        let status = if limit_hit {
            Status::TimeLimit
        } else {
            Status::Feasible
        };
        self.plan(open, bound, status)
            .settle(Sense::Minimise, options, "p-center")
    }

    /// The solution opening `open`: nearest-site assignment, the radius as objective,
    /// `bound`; `gap` is left to [`LocationSolution::settle`], `status` only says
    /// whether a limit stopped the solve until then.
    fn plan(&self, open: Vec<usize>, bound: f64, status: Status) -> LocationSolution {
        let mut objective: f64 = 0.0;
        let assignment = (0..self.cost.clients())
            .map(|i| {
                let best = open
                    .iter()
                    .copied()
                    .min_by(|&a, &b| self.cost.get(i, a).total_cmp(&self.cost.get(i, b)));
                match best {
                    Some(j) => {
                        let w = self.weights.map_or(1.0, |w| w[i]);
                        objective = objective.max(w * self.cost.get(i, j));
                        vec![(j, 1.0)]
                    }
                    None => Vec::new(),
                }
            })
            .collect();
        LocationSolution {
            open,
            assignment,
            objective,
            bound: Some(bound),
            gap: None,
            status,
            build_seconds: 0.0,
            solve_seconds: 0.0,
            size: (0, 0, 0),
        }
    }
}

#[cfg(test)]
mod tests;
