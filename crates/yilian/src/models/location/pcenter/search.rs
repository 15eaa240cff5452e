//! Exact p-center by bisection over the candidate radii, one set-covering question per
//! step (the approach of Minieka 1970, with the sorted distinct costs as candidates as in
//! Daskin 1995, ch. 5).
//!
//! 1. The optimum is one of the distinct weighted costs `w_i c_ij`, and at least
//!    `max_i min_j w_i c_ij`.
//! 2. A greedy-covering plan gives the first upper bound (see `greedy`).
//! 3. Bisection between the largest radius proven infeasible and the best plan's
//!    radius: at each candidate radius, greedy covering first (a plan when it works),
//!    else the set-covering MIP (`cover`): a cover with at most `p` sites is a better plan,
//!    infeasibility proves every smaller radius infeasible too.
//! 4. It ends when the two meet (proven optimal), when the best plan is within the
//!    requested relative gap of the bound, or at the time limit. The bound is always the
//!    smallest candidate radius above every radius proven infeasible.

use super::cover::{chosen, cover_program};
use super::greedy::{first_plan, greedy_cover};
use super::radii::Radii;
use super::PCenter;
use crate::models::location::LocationSolution;
use crate::solve::{solve, SolveFailure};
use crate::{Error, Result, SolveOptions, Status};
use std::time::Instant;

/// Solves `model` by bisection; see the module documentation.
pub(crate) fn solve_by_covering(
    model: &PCenter<'_>,
    options: &SolveOptions,
) -> Result<LocationSolution> {
    let t0 = Instant::now();
    let (p, m) = (model.p, model.cost.sites());
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
    let target_gap = options.mip_gap.unwrap_or(0.0);
    let mut solve_seconds = 0.0;
    let mut size = (0, 0, 0);
    let status = loop {
        if lower >= upper {
            break Status::Optimal;
        }
        if relative_gap(best, radii.values[lower]) <= target_gap {
            break Status::GapLimit;
        }
        let remaining = options.time_limit.map(|t| t - t0.elapsed().as_secs_f64());
        if remaining.is_some_and(|r| r <= 0.0) {
            break Status::TimeLimit;
        }
        let mid = lower + (upper - lower) / 2;
        let radius = radii.values[mid];
        let plan = match greedy_cover(&radii, radius, p, &forced) {
            Some(plan) => Some(plan),
            None => match cover_program(&radii, radius, p, &is_forced) {
                None => None,
                Some(lp) => {
                    size = (lp.column_count(), lp.row_count(), lp.nonzero_count());
                    let mut inner = options.clone();
                    inner.time_limit = remaining.map(|r| r.max(0.01));
                    // Any cover within the cardinality row answers the question: stop
                    // at the first one.
                    inner.mip_gap = Some(1.0);
                    let t = Instant::now();
                    let outcome = solve(&lp, &inner);
                    solve_seconds += t.elapsed().as_secs_f64();
                    match outcome {
                        Ok(sol) => Some(chosen(&sol.values)),
                        Err(SolveFailure::Infeasible) => None,
                        Err(SolveFailure::Failed(_))
                            if options
                                .time_limit
                                .is_some_and(|t| t0.elapsed().as_secs_f64() >= t * 0.99) =>
                        {
                            break Status::TimeLimit
                        }
                        Err(f) => return Err(f.into_error(options.backend, "p-center")),
                    }
                }
            },
        };
        match plan {
            Some(plan) => {
                let plan = radii.pad(plan, p);
                let r = radii.radius_of(&plan);
                if r > radius {
                    return Err(Error::Solver {
                        backend: options.backend.name().into(),
                        message: format!("p-center: a cover for radius {radius} has radius {r}"),
                    });
                }
                // r <= radius < the best plan's radius.
                best = r;
                open = plan;
                upper = radii.index_of(best);
            }
            None => lower = mid + 1,
        }
    };
    let bound = radii.values[lower.min(radii.values.len() - 1)].min(best);
    let mut s = model.plan(open, bound, status);
    s.build_seconds = t0.elapsed().as_secs_f64() - solve_seconds;
    s.solve_seconds = solve_seconds;
    s.size = size;
    Ok(s)
}

/// `(best - bound) / best`, 0 when `best` is 0.
pub(crate) fn relative_gap(best: f64, bound: f64) -> f64 {
    if best <= 0.0 {
        0.0
    } else {
        ((best - bound) / best).max(0.0)
    }
}
