//! Exact p-median by radius truncation (the idea of Garcia, Labbe and Marin 2011, on the
//! chain formulation of Elloumi 2010), with Lagrangian bounding and reduction (Beasley
//! 1993).
//!
//! 1. A heuristic plan (greedy + interchange) gives an upper bound.
//! 2. Subgradient optimisation of the Lagrangian relaxation of the assignment rows gives
//!    a lower bound near the LP bound, multipliers `u_i`, and a second plan (interchange
//!    from the relaxation's sites). If the bound reaches the best plan's cost (less one
//!    when all weighted costs are integers), that plan is proven optimal here. Otherwise
//!    the reduction tests fix sites open or closed: a plan breaking a fixing costs at
//!    least that threshold, so no better plan is lost.
//! 3. A Lagrangian branch and bound on the sites (`bnb`) closes the remaining
//!    gap: nodes fix sites open or closed, their subgradient bounds prune them, and the
//!    reduction tests fix more sites below them. Searched to its end, it proves the best
//!    plan optimal without any MIP (every OR-Library pmed instance and the random
//!    Euclidean 2000 x 200 instance of the bench). It stops early at the time limit (the
//!    least open bound is then the lower bound), at the requested gap, or when its open
//!    nodes would hold about 80 MB of multipliers; then the MIP rounds below take over
//!    from its best plan and bound.
//! 4. Each client keeps the distance levels (among the sites not fixed closed) up to
//!    `u_i / w_i`, and at least up to its second-nearest site in the best plan: with
//!    `D_{r_i} >= u_i / w_i` the truncated program's LP bound is at least the Lagrangian
//!    bound. The truncated chain program is a relaxation, so its
//!    bound is a lower bound for the full problem (on the plans the fixings keep). It is
//!    solved as a MIP from the best plan; its plan is a feasible p-median plan.
//! 5. If in that plan every client has an open site within its kept radius, the plan's
//!    true cost equals its truncated cost, and a truncated optimum is a proven optimum.
//!    Otherwise the radius of every client served beyond it grows (to at least the level
//!    that plan serves it at, and at least double) and step 4 repeats. Radii only grow
//!    and stop at each client's cut, where the chain is whole, so this ends.
//!
//! It also stops as soon as the best plan is within the requested gap of the best lower
//! bound, or at the time limit (then with the best plan and an honest bound).

use super::bnb::{search, Tree};
use super::chain::{plan_costs, Chain};
use super::heuristic::{greedy_interchange, local_search};
use super::lagrangian::{lagrangian, reduce, threshold};
use super::levels::Levels;
use crate::models::location::LocationSolution;
use crate::solve::{solve_with_hints, SolveFailure, SolveHints};
use crate::{Result, SolveOptions, Status};
use std::time::Instant;

/// One truncated program solved by [`super::PMedianFormulation::Radius`].
#[derive(Debug, Clone, PartialEq)]
pub struct RadiusRound {
    /// Program size: (columns, rows, nonzeros).
    pub size: (usize, usize, usize),
    /// The backend's status on the truncated program.
    pub status: Status,
    /// The backend's lower bound on the truncated program (a lower bound for the
    /// p-median problem), when it gives one.
    pub bound: Option<f64>,
    /// True cost of the plan the backend returned.
    pub plan_cost: f64,
    /// Clients served beyond their kept radius in that plan (0 ends the rounds).
    pub beyond_radius: usize,
    /// Seconds spent building the truncated program.
    pub build_seconds: f64,
    /// Seconds spent by the backend (loading and solving).
    pub solve_seconds: f64,
}

/// How a [`super::PMedianFormulation::Radius`] (or, in [`RadiusReport::benders`], a
/// [`super::PMedianFormulation::Benders`]) solve went.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RadiusReport {
    /// Cost of the heuristic plan (the first upper bound).
    pub heuristic_objective: f64,
    /// Seconds spent sorting distances and in the heuristic.
    pub heuristic_seconds: f64,
    /// The Lagrangian lower bound.
    pub lagrangian_bound: f64,
    /// Cost of the best plan after the Lagrangian phase.
    pub lagrangian_plan: f64,
    /// Subgradient iterations made.
    pub lagrangian_iterations: usize,
    /// Sites fixed open (forced ones included) and closed by the reduction tests.
    pub fixed: (usize, usize),
    /// Seconds spent in the Lagrangian phase (subgradient, interchange, reduction).
    pub lagrangian_seconds: f64,
    /// Nodes of the Lagrangian branch and bound (0 when the root bound sufficed).
    pub tree_nodes: usize,
    /// Seconds spent in the Lagrangian branch and bound.
    pub tree_seconds: f64,
    /// The truncated programs solved, in order.
    pub rounds: Vec<RadiusRound>,
    /// The phases of a [`super::PMedianFormulation::Benders`] solve (`None` for the
    /// other formulations, whose fields above are then the ones filled).
    pub benders: Option<super::BendersReport>,
}

/// The best plan is proven optimal when the lower bound is within
/// `PROOF_ABSOLUTE + PROOF_RELATIVE * |cost|` of its cost (HiGHS's own absolute MIP gap
/// tolerance is 1e-6).
const PROOF_ABSOLUTE: f64 = 1e-6;
/// See [`PROOF_ABSOLUTE`].
const PROOF_RELATIVE: f64 = 1e-9;

/// The Lagrangian branch and bound stops, and the MIP rounds take over, when its open
/// nodes would keep more multipliers than this (one per client each, shared by two
/// siblings: about 80 MB at most).
const TREE_MULTIPLIERS: usize = 20_000_000;

/// Solves `model` by radius truncation; see the module documentation.
pub(crate) fn solve(
    model: &super::PMedian<'_>,
    options: &SolveOptions,
) -> Result<(LocationSolution, RadiusReport)> {
    solve_from(model, options, None)
}

/// [`solve`], with every client's first radius set to `first_radius` (capped at its cut)
/// instead of the Lagrangian and plan-based choice, and then the branch and bound
/// stopped after its root node: tests use 0 to exercise the rounds.
pub(crate) fn solve_from(
    model: &super::PMedian<'_>,
    options: &SolveOptions,
    first_radius: Option<usize>,
) -> Result<(LocationSolution, RadiusReport)> {
    let t0 = Instant::now();
    let cost = model.cost;
    let (n, m, p) = (cost.clients(), cost.sites(), model.p);
    let weights = model.weights;
    let mut forced = vec![false; m];
    for &j in &model.forced_open {
        forced[j] = true;
    }
    let levels = Levels::new(cost, p);
    let heuristic = greedy_interchange(cost, weights, p, &model.forced_open);
    let mut report = RadiusReport {
        heuristic_objective: heuristic.objective,
        heuristic_seconds: t0.elapsed().as_secs_f64(),
        ..RadiusReport::default()
    };
    let mut best_open = heuristic.open;
    let mut best = heuristic.objective;
    let deadline = options
        .time_limit
        .map(|t| t0 + std::time::Duration::from_secs_f64(t));
    // Lagrangian phase: bound, multipliers, a second plan, reductions.
    let tl = Instant::now();
    let w = |i: usize| weights.map_or(1.0, |w| w[i]);
    let integral = (0..n).all(|i| {
        cost.row(i)
            .iter()
            .all(|&c| (w(i) * c - (w(i) * c).round()).abs() < 1e-9)
    });
    let nearest = |open: &[usize], i: usize| {
        let row = cost.row(i);
        open.iter().map(|&j| row[j]).fold(f64::INFINITY, f64::min)
    };
    let start: Vec<f64> = (0..n).map(|i| w(i) * nearest(&best_open, i)).collect();
    let lag = lagrangian(
        cost, weights, p, &forced, &levels, best, integral, &start, 1000, deadline,
    );
    let improved = local_search(cost, weights, lag.chosen.clone(), &model.forced_open);
    if improved.objective < best {
        best = improved.objective;
        best_open = improved.open;
    }
    // With integer costs every plan costs an integer: a bound rounds up.
    let lift = |b: f64| if integral { (b - 1e-6).ceil() } else { b };
    let mut lower = lift(lag.bound);
    let fixed = reduce(
        cost,
        weights,
        p,
        &forced,
        &levels,
        &lag.multipliers,
        best,
        integral,
    );
    // Plans breaking a fixing cost at least this much (integers above `best - 1`).
    let excluded = if integral {
        best
    } else {
        threshold(best, integral)
    };
    report.lagrangian_bound = lag.bound;
    report.lagrangian_plan = best;
    report.lagrangian_iterations = lag.iterations;
    report.fixed = (
        fixed.iter().filter(|f| **f == Some(true)).count(),
        fixed.iter().filter(|f| **f == Some(false)).count(),
    );
    report.lagrangian_seconds = tl.elapsed().as_secs_f64();
    // From here on, levels count only the sites not fixed closed.
    let mut allowed: Vec<bool> = fixed.iter().map(|f| *f != Some(false)).collect();
    let fixed_open = fixed.iter().filter(|f| **f == Some(true)).count();
    if allowed.iter().filter(|&&a| a).count() < p || fixed_open > p {
        // The fixings leave no plan at all: none is better than the best one. (Keep the
        // levels well defined; the loop below stops before using them.)
        lower = lower.max(excluded);
        allowed = vec![true; m];
    }
    let levels = Levels::among(cost, p, &allowed);
    let tolerance = |ub: f64| PROOF_ABSOLUTE + PROOF_RELATIVE * ub.abs();
    if best - lower > tolerance(best) {
        // Lagrangian branch and bound; the MIP rounds take over if it stops early.
        let tt = Instant::now();
        let tree = Tree {
            cost,
            weights,
            p,
            levels: &levels,
            forced: &model.forced_open,
            integral,
            deadline,
            // Tests giving the first radii stop after the root, to exercise the rounds.
            node_limit: if first_radius.is_some() {
                1
            } else {
                usize::MAX
            },
            open_limit: TREE_MULTIPLIERS,
            gap: options.mip_gap.unwrap_or(0.0),
        };
        let out = search(
            &tree,
            &fixed,
            lag.multipliers.clone(),
            best,
            best_open.clone(),
        );
        report.tree_nodes = out.nodes;
        report.tree_seconds = tt.elapsed().as_secs_f64();
        if out.best < best {
            (best, best_open) = (out.best, out.best_open);
        }
        // Plans keeping the fixings cost at least the open nodes' bound, or (the tree
        // searched to its end) the threshold of the best plan; the others at least
        // `excluded`.
        let kept = out.open_bound.unwrap_or(if integral {
            best
        } else {
            threshold(best, integral)
        });
        lower = lower.max(lift(kept).min(excluded));
    }
    // Starting radius: the level of u_i / w_i, and at least that of the best plan's
    // second-nearest site (measured on pmed6 and pmed16: fewer rounds than without; one
    // level more saved a round on pmed16 and pmed31 but slowed pmed36, so none).
    let mut radius: Vec<usize> = (0..n)
        .map(|i| {
            if w(i) == 0.0 {
                return 0;
            }
            let by_u = levels.level_of(cost, i, lag.multipliers[i] / w(i));
            let row = cost.row(i);
            let mut d: Vec<f64> = best_open.iter().map(|&j| row[j]).collect();
            d.sort_by(f64::total_cmp);
            let second = d.get(1).copied().unwrap_or(d[0]);
            first_radius.map_or(by_u.max(levels.level_of(cost, i, second)), |r| {
                r.min(levels.cut(i))
            })
        })
        .collect();
    let mut build_seconds = t0.elapsed().as_secs_f64() - report.tree_seconds;
    let mut solve_seconds = report.tree_seconds;
    let mut size = (0, 0, 0);
    let target_gap = options.mip_gap.unwrap_or(0.0);
    let status = loop {
        if best - lower <= tolerance(best) {
            break Status::Optimal;
        }
        if target_gap > 0.0 && best - lower <= target_gap * best.abs() {
            break Status::GapLimit;
        }
        let remaining = options.time_limit.map(|t| t - t0.elapsed().as_secs_f64());
        if remaining.is_some_and(|r| r <= 0.0) {
            break Status::TimeLimit;
        }
        let tb = Instant::now();
        let chain = Chain::build(cost, weights, p, &fixed, &levels, &radius);
        let start_costs = plan_costs(cost, weights, &levels, &radius, &best_open);
        let keeps = (0..m).all(|j| fixed[j].is_none_or(|o| o == best_open.contains(&j)));
        let start = keeps.then(|| chain.start(&best_open, &start_costs.level));
        let round_build = tb.elapsed().as_secs_f64();
        build_seconds += round_build;
        size = (
            chain.lp.column_count(),
            chain.lp.row_count(),
            chain.lp.nonzero_count(),
        );
        let mut inner = options.clone();
        inner.time_limit = remaining.map(|r| r.max(0.01));
        let hints = SolveHints {
            start: start.as_deref(),
        };
        let sol = match solve_with_hints(&chain.lp, &inner, &hints) {
            Ok(sol) => sol,
            // No plan keeps the fixings: none is better than the best one.
            Err(SolveFailure::Infeasible) => {
                lower = lower.max(excluded);
                break if best - lower <= tolerance(best) {
                    Status::Optimal
                } else {
                    Status::GapLimit
                };
            }
            // No plan from the backend before its limit: the best plan stands.
            Err(SolveFailure::Failed(_))
                if options
                    .time_limit
                    .is_some_and(|t| t0.elapsed().as_secs_f64() >= t) =>
            {
                break Status::TimeLimit;
            }
            Err(f) => return Err(f.into_error(options.backend, "p-median (radius)")),
        };
        solve_seconds += sol.seconds + sol.load_seconds;
        let open: Vec<usize> = (0..m).filter(|&j| sol.values[j] > 0.5).collect();
        let costs = plan_costs(cost, weights, &levels, &radius, &open);
        let beyond: Vec<usize> = (0..n)
            .filter(|&i| costs.level[i] > radius[i] && weights.is_none_or(|w| w[i] > 0.0))
            .collect();
        report.rounds.push(RadiusRound {
            size,
            status: sol.status,
            bound: sol.bound,
            plan_cost: costs.true_cost,
            beyond_radius: beyond.len(),
            build_seconds: round_build,
            solve_seconds: sol.seconds + sol.load_seconds,
        });
        if open.len() == p {
            // A plan served beyond its radii is often near a better one: polish it.
            let plan = if beyond.is_empty() {
                (costs.true_cost, open)
            } else {
                let h = local_search(cost, weights, open, &model.forced_open);
                (h.objective, h.open)
            };
            if plan.0 < best {
                (best, best_open) = plan;
            }
        }
        if let Some(b) = sol.bound {
            lower = lower.max(lift(b).min(excluded));
        }
        if beyond.is_empty() {
            // The plan costs in truth what it costs in the relaxation: the backend's
            // verdict on the truncated program holds for the p-median problem (on the
            // plans the fixings keep; the others cost at least `excluded`).
            if sol.status == Status::Optimal {
                lower = lower.max(costs.truncated_cost.min(excluded));
            }
            break if best - lower <= tolerance(best) {
                Status::Optimal
            } else if sol.status == Status::Optimal {
                // Cannot happen with exact arithmetic; stay honest if tolerances bite.
                Status::GapLimit
            } else {
                sol.status
            };
        }
        if best - lower <= tolerance(best) {
            break Status::Optimal;
        }
        if sol.status == Status::TimeLimit {
            break Status::TimeLimit;
        }
        for i in beyond {
            let grown = (2 * radius[i]).max(costs.level[i]).max(1);
            radius[i] = grown.min(levels.cut(i));
        }
    };
    // Never clipped to the plan: a bound above it is a bug the plan's assessment
    // reports (`LocationSolution::settle`).
    let bound = if lower.is_finite() {
        Some(lower)
    } else if status == Status::Optimal {
        Some(best)
    } else {
        None
    };
    let mut solution = model.plan(best_open, bound, status, build_seconds, solve_seconds);
    solution.size = size;
    Ok((solution, report))
}

#[cfg(all(test, feature = "microlp"))]
mod tests {
    use crate::models::location::pmedian::test_points::brute_force;
    use crate::models::location::{CostMatrix, PMedian};
    use crate::{Backend, SolveOptions, Status};

    #[test]
    fn proven_optimum_matches_exhaustive_search() {
        // Pseudo-random instances (fixed linear congruential sequence), weights and
        // sometimes a forced site: the radius solve must be proven optimal at the
        // exhaustive optimum, both with the usual first radii and with every first radius
        // 0 (each client capped at its nearest site's cost), where some instances must
        // need more than one round, so that the extension path is exercised.
        let mut state = 777u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % 1000) as f64
        };
        let opts = SolveOptions::new(Backend::Microlp).mip_gap(0.0);
        let mut grown = 0;
        for case in 0..40 {
            let (n, m) = (8 + case % 7, 6 + case % 5);
            // Points on a plane: clients and sites, Euclidean costs rounded down.
            let pts: Vec<(f64, f64)> = (0..n + m).map(|_| (next(), next())).collect();
            let data: Vec<f64> = (0..n)
                .flat_map(|i| {
                    let pts = &pts;
                    (0..m).map(move |j| {
                        let (a, b) = (pts[i], pts[n + j]);
                        ((a.0 - b.0).hypot(a.1 - b.1)).floor()
                    })
                })
                .collect();
            let c = CostMatrix::new(n, m, data).unwrap();
            let w: Vec<f64> = (0..n).map(|_| (next() / 100.0).floor()).collect();
            let p = 1 + case % 4;
            let forced: Vec<usize> = if case % 5 == 0 {
                vec![case % m]
            } else {
                vec![]
            };
            let model = PMedian::new(&c, p).weights(&w).forced_open(forced.clone());
            let opt = brute_force(&c, &w, p, &forced);
            let (s, _) = model.solve_with_report(&opts).unwrap();
            assert_eq!(s.status, Status::Optimal, "case {case}");
            assert!(
                (s.objective - opt).abs() < 1e-6,
                "case {case}: {} vs {opt}",
                s.objective
            );
            let (s, report) = super::solve_from(&model, &opts, Some(0)).unwrap();
            assert_eq!(s.status, Status::Optimal, "case {case}");
            assert!(
                (s.objective - opt).abs() < 1e-6,
                "case {case}: {} vs {opt}",
                s.objective
            );
            assert!(s.bound.unwrap() <= opt + 1e-6, "case {case}");
            assert!(report.heuristic_objective >= opt - 1e-6, "case {case}");
            assert!(forced.iter().all(|f| s.open.contains(f)));
            grown += usize::from(report.rounds.len() > 1);
        }
        assert!(grown > 0, "no instance needed a second round");
    }

    #[test]
    fn time_limit_zero_returns_a_plan_unproven() {
        // Points 0, 1, 5, 6, 20, 21, p = 3: optimum 3 (one median per pair, hand count).
        // With no time for any MIP or subgradient step the answer is a heuristic plan
        // with status time_limit and a bound that is a valid bound (at most 3).
        let x = [0.0f64, 1.0, 5.0, 6.0, 20.0, 21.0];
        let rows: Vec<Vec<f64>> = x
            .iter()
            .map(|a| x.iter().map(|b| (a - b).abs()).collect())
            .collect();
        let c = CostMatrix::from_rows(&rows).unwrap();
        let opts = SolveOptions::new(Backend::Microlp).time_limit(0.0);
        let (s, report) = PMedian::new(&c, 3).solve_with_report(&opts).unwrap();
        assert_eq!(s.status, Status::TimeLimit);
        assert!(s.bound.unwrap() <= 3.0 + 1e-9);
        assert!(s.bound.unwrap() < s.objective);
        assert!(report.rounds.is_empty());
        assert_eq!(report.lagrangian_iterations, 0);
        assert_eq!(s.open.len(), 3);
    }
}
