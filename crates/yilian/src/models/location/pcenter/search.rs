//! Exact p-center by bisection over the candidate radii, one set-covering question per
//! step (the approach of Minieka 1970, with the sorted distinct costs as candidates as in
//! Daskin 1995, ch. 5), each question answered on a growing subset of the clients (the
//! relaxation idea of Chen and Chen 2009 and Contardo, Iori and Kramer 2019).
//!
//! 1. The optimum is one of the distinct weighted costs `w_i c_ij`, and at least
//!    `max_i min_j w_i c_ij`.
//! 2. A greedy-covering plan gives the first upper bound (see `greedy`).
//! 3. Bisection between the largest radius proven infeasible and the best plan's
//!    radius: at each candidate radius, greedy covering first (a plan when it works),
//!    else set-covering MIPs (`cover`) on a subset of the clients: no cover of the
//!    subset with `p` sites proves the radius (and every smaller one) infeasible; a
//!    cover, completed greedily (or padded) to `p` sites, that serves every client
//!    within the radius is a better plan; otherwise the clients it leaves beyond the radius join the subset and the
//!    MIP is solved again. The subset is kept from one radius to the next.
//! 4. It ends when the two meet (proven optimal), when the best plan is within the
//!    requested relative gap of the bound, or at the time limit. The bound is always the
//!    smallest candidate radius above every radius proven infeasible.

use super::cover::{chosen, cover_program};
use super::greedy::{first_plan, greedy_cover};
use super::radii::Radii;
use super::PCenter;
use crate::models::location::LocationSolution;
use crate::solve::{relative_gap, solve, Sense, SolveFailure};
use crate::{Error, Result, SolveOptions, Status};
use std::time::Instant;

/// Clients added to the subset per round at most (those with the fewest sites within
/// the radius first).
const ADD_PER_ROUND: usize = 10;

/// The answer to "can `p` sites serve every client within the radius?".
enum Answer {
    /// Yes: a plan of `p` sites doing it.
    Plan(Vec<usize>),
    /// No, proven.
    Infeasible,
    /// The time limit came first.
    OutOfTime,
}

/// The state of one bisection solve.
struct Search<'m, 'a> {
    model: &'m PCenter<'a>,
    options: &'m SolveOptions,
    radii: Radii,
    forced: Vec<usize>,
    is_forced: Vec<bool>,
    /// The clients whose covering rows are in the MIPs, and membership.
    subset: Vec<usize>,
    in_subset: Vec<bool>,
    t0: Instant,
    solve_seconds: f64,
    size: (usize, usize, usize),
}

impl Search<'_, '_> {
    fn remaining(&self) -> Option<f64> {
        self.options
            .time_limit
            .map(|t| t - self.t0.elapsed().as_secs_f64())
    }

    /// Answers the covering question at `radius`; `best` is the best plan so far (its
    /// clients beyond `radius` seed the subset).
    fn answer(&mut self, radius: f64, best: &[usize]) -> Result<Answer> {
        let p = self.model.p;
        if let Some(plan) = greedy_cover(&self.radii, radius, p, &self.forced) {
            return Ok(Answer::Plan(self.radii.pad(plan, p)));
        }
        let mut plan = best.to_vec();
        loop {
            self.add_beyond(&plan, radius);
            let Some(lp) = cover_program(&self.radii, &self.subset, radius, p, &self.is_forced)
            else {
                return Ok(Answer::Infeasible);
            };
            let remaining = self.remaining();
            if remaining.is_some_and(|r| r <= 0.0) {
                return Ok(Answer::OutOfTime);
            }
            self.size = (lp.column_count(), lp.row_count(), lp.nonzero_count());
            let mut inner = self.options.clone();
            inner.time_limit = remaining.map(|r| r.max(0.01));
            // Any cover within the cardinality row answers the question: stop at the
            // first one.
            inner.mip_gap = Some(1.0);
            let t = Instant::now();
            let outcome = solve(&lp, &inner);
            self.solve_seconds += t.elapsed().as_secs_f64();
            match outcome {
                Ok(sol) => {
                    // Greedy completion: the cover's sites, then the sites covering
                    // the most clients still beyond the radius while fewer than p.
                    let sites = chosen(&sol.values);
                    if let Some(full) = greedy_cover(&self.radii, radius, p, &sites) {
                        return Ok(Answer::Plan(self.radii.pad(full, p)));
                    }
                    plan = self.radii.pad(sites, p);
                }
                Err(SolveFailure::Infeasible) => return Ok(Answer::Infeasible),
                // A backend stopped by its time limit before any cover (the limit was
                // what was left of ours) reports a failure.
                Err(SolveFailure::Failed(_))
                    if inner
                        .time_limit
                        .is_some_and(|l| t.elapsed().as_secs_f64() >= 0.9 * l) =>
                {
                    return Ok(Answer::OutOfTime)
                }
                Err(f) => return Err(f.into_error(self.options.backend, "p-center")),
            }
            if self.radii.radius_of(&plan) <= radius {
                return Ok(Answer::Plan(plan));
            }
        }
    }

    /// Adds to the subset up to [`ADD_PER_ROUND`] clients that `plan` serves beyond
    /// `radius`, those with the fewest sites within it first.
    fn add_beyond(&mut self, plan: &[usize], radius: f64) {
        let mut beyond: Vec<(usize, usize)> = (0..self.radii.clients())
            .filter(|&i| !self.in_subset[i])
            .filter(|&i| {
                let row = self.radii.row(i);
                !plan.iter().any(|&j| row[j] <= radius)
            })
            .map(|i| {
                (
                    self.radii.row(i).iter().filter(|&&d| d <= radius).count(),
                    i,
                )
            })
            .collect();
        beyond.sort_unstable();
        for &(_, i) in beyond.iter().take(ADD_PER_ROUND) {
            self.in_subset[i] = true;
            self.subset.push(i);
        }
    }
}

/// Solves `model` by bisection; see the module documentation.
pub(crate) fn solve_by_covering(
    model: &PCenter<'_>,
    options: &SolveOptions,
) -> Result<LocationSolution> {
    let t0 = Instant::now();
    let (p, m, n) = (model.p, model.cost.sites(), model.cost.clients());
    let radii = Radii::new(model.cost, model.weights);
    let forced = model.forced_list();
    let mut is_forced = vec![false; m];
    for &j in &forced {
        is_forced[j] = true;
    }
    // `lower`: every candidate index below it is proven infeasible.
    let mut lower = radii.index_of(radii.trivial_bound());
    let (mut open, mut best) = first_plan(&radii, p, &forced, lower);
    let mut upper = radii.index_of(best);
    // The gap of every model (docs/status.md): the best plan against the least radius
    // not proven infeasible (both candidates, so never a negative gap).
    let gap_of = |best: f64, bound: f64| relative_gap(best, bound, Sense::Minimise).unwrap_or(0.0);
    let target_gap = options.mip_gap.unwrap_or(0.0);
    let mut search = Search {
        model,
        options,
        radii,
        forced,
        is_forced,
        subset: Vec::new(),
        in_subset: vec![false; n],
        t0,
        solve_seconds: 0.0,
        size: (0, 0, 0),
    };
    let status = loop {
        if lower >= upper {
            break Status::Optimal;
        }
        if target_gap > 0.0 && gap_of(best, search.radii.values[lower]) <= target_gap {
            break Status::GapLimit;
        }
        if search.remaining().is_some_and(|r| r <= 0.0) {
            break Status::TimeLimit;
        }
        let mid = lower + (upper - lower) / 2;
        let radius = search.radii.values[mid];
        match search.answer(radius, &open)? {
            Answer::Plan(plan) => {
                let r = search.radii.radius_of(&plan);
                if r > radius {
                    return Err(Error::Solver {
                        backend: options.backend.name().into(),
                        message: format!("p-center: a cover for radius {radius} has radius {r}"),
                    });
                }
                // r <= radius < the best plan's radius.
                best = r;
                open = plan;
                upper = search.radii.index_of(best);
            }
            Answer::Infeasible => lower = mid + 1,
            Answer::OutOfTime => break Status::TimeLimit,
        }
    };
    // `lower <= upper`, the best plan's index: the bound is a candidate radius at most
    // the plan's (never clipped to it; the assessment would report a wrong one).
    let bound = search.radii.values[lower];
    let limit = if status == Status::TimeLimit {
        Status::TimeLimit
    } else {
        Status::Feasible
    };
    let mut s = model
        .plan(open, bound, limit)
        .settle(Sense::Minimise, options, "p-center")?;
    s.build_seconds = t0.elapsed().as_secs_f64() - search.solve_seconds;
    s.solve_seconds = search.solve_seconds;
    s.size = search.size;
    Ok(s)
}
