//! M1, rotation allocation: how many specialist-days each pool sends to each host.
//!
//! Variables `x[s,j] >= 0` exist only for travel-feasible pairs. Rows:
//! pool days `sum_j x[s,j] <= headcount*days - home_min`; host rooms
//! `sum_s x[s,j] <= rooms[j]`; demand `sum rate[s] x[s,j] + u[j,k] >= d[j,k]`;
//! elastic policy minimum `sum_s x[s,j] + v[j] >= min(tier[j])`; optional budget.
//! The weighted objective is `sum w[k] u + penalty * sum v + lambda * cost`; the
//! equity objective maximises the smallest served share first, then minimises
//! cost at that share. See `design.md`, section 4.
//!
//! ```
//! use yilian::{Institution, RotationModel, Scenario, SolveOptions, SpecialistPool, Tier};
//! let c = Scenario::builder("two hosts")
//!     .institution(Institution::new("H", Tier::Secondary).at(120.0, 30.0))
//!     .institution(Institution::new("A", Tier::TownshipHealthCentre).at(120.1, 30.0)
//!         .demand("cardiology", 30.0).room_days(10.0))
//!     .pool(SpecialistPool::new("H-c", "H", "cardiology").headcount(1).days_per_person(2.0))
//!     .build()
//!     .unwrap();
//! let plan = RotationModel::new(&c).solve(&SolveOptions::default()).unwrap();
//! // 2 days x 10 visits serve 20 of 30 visits.
//! assert!((plan.unmet("A", "cardiology") - 10.0).abs() < 1e-6);
//! assert!(yilian::check::check_rotation(&c, &plan).is_empty());
//! ```

mod explain;
mod export;
pub(crate) mod extract;
pub(crate) mod formulation;

use crate::error::{Error, Result};
use crate::network::Consortium;
use crate::plan::{RotationObjective, RotationPlan, StageSummary};
use crate::solve::{solve, Deadline, LpSolution, SolveFailure, SolveOptions, Status};
use formulation::{build, Formulation, Pairs, Stage};
use std::time::Instant;

/// The rotation allocation model on one consortium.
#[derive(Debug, Clone)]
pub struct RotationModel<'a> {
    consortium: &'a Consortium,
    objective: RotationObjective,
    integer_days: bool,
}

impl<'a> RotationModel<'a> {
    /// The model with the weighted objective and continuous days.
    pub fn new(consortium: &'a Consortium) -> Self {
        Self {
            consortium,
            objective: RotationObjective::Weighted,
            integer_days: false,
        }
    }

    /// Chooses the objective.
    pub fn objective(mut self, objective: RotationObjective) -> Self {
        self.objective = objective;
        self
    }

    /// Restricts days to whole numbers (a MIP; no duals).
    pub fn integer_days(mut self, integer: bool) -> Self {
        self.integer_days = integer;
        self
    }

    /// Builds and solves the model, returning a plan that passes
    /// [`crate::check::check_rotation`].
    ///
    /// The time limit covers the whole solve: with the equity objective both stages
    /// share it (the second gets what the first left). When no time is left for the
    /// second stage, the first stage's plan is returned with status `time_limit`. An LP
    /// not solved within the limit is an error that says so.
    pub fn solve(&self, options: &SolveOptions) -> Result<RotationPlan> {
        options.validate()?;
        let c = self.consortium;
        let start = Instant::now();
        let deadline = Deadline::starting_at(start, options);
        let pairs = Pairs::new(c);
        let mut stages = Vec::new();
        let mut notes = Vec::new();
        let (formulation, solution, build_seconds, load_seconds, solve_seconds) =
            match self.objective {
                RotationObjective::Weighted => {
                    let f = build(c, &pairs, Stage::Weighted, self.integer_days);
                    let built = start.elapsed().as_secs_f64();
                    let sol = run(&f, &deadline.options(options), options.time_limit)?;
                    let (load, secs) = (sol.load_seconds, sol.seconds);
                    (f, sol, built, load, secs)
                }
                RotationObjective::Equity => {
                    let f1 = build(c, &pairs, Stage::MaxShare, self.integer_days);
                    let mut built = start.elapsed().as_secs_f64();
                    let s1 = run(&f1, &deadline.options(options), options.time_limit)?;
                    stages.push(StageSummary::of("max smallest served share", &s1));
                    let share = f1
                        .share_column
                        .map_or(1.0, |z| s1.values[z].clamp(0.0, 1.0));
                    // Keep the share a hair below the optimum so that rounding in the
                    // first stage cannot make the second infeasible.
                    let target = (share - 1e-9).max(0.0);
                    let t2 = Instant::now();
                    let f2 = build(c, &pairs, Stage::LeastCostAt(target), self.integer_days);
                    built += t2.elapsed().as_secs_f64();
                    let s2 = if deadline.expired() {
                        Err(format!(
                            "the least-cost stage was not run: the first stage used the time \
                             limit of {} s",
                            options.time_limit.unwrap_or(0.0)
                        ))
                    } else {
                        run(&f2, &deadline.options(options), options.time_limit).map_err(|e| {
                            format!("the least-cost stage gave no plan within the time limit: {e}")
                        })
                    };
                    match s2 {
                        Ok(s2) => {
                            stages.push(StageSummary::of("least cost at that share", &s2));
                            let load = s1.load_seconds + s2.load_seconds;
                            let secs = s1.seconds + s2.seconds;
                            (f2, s2, built, load, secs)
                        }
                        Err(why) if options.time_limit.is_some() => {
                            // The first stage's plan: the share is right, its cost is
                            // not minimised.
                            notes.push(why);
                            let mut s1 = s1;
                            s1.status = Status::TimeLimit;
                            // Its duals price the share, not the cost.
                            s1.row_duals = None;
                            let (load, secs) = (s1.load_seconds, s1.seconds);
                            (f1, s1, built, load, secs)
                        }
                        Err(why) => {
                            return Err(Error::Solver {
                                backend: options.backend.name().into(),
                                message: why,
                            })
                        }
                    }
                }
            };
        let mut plan = extract::plan(
            c,
            &pairs,
            &formulation,
            &solution,
            extract::Settings {
                objective: self.objective,
                integer_days: self.integer_days,
                backend: options.backend,
                build_seconds,
                load_seconds,
                solve_seconds,
                stages,
            },
        );
        plan.notes.extend(notes);
        Ok(plan)
    }
}

impl RotationModel<'_> {
    /// The sparse program of the weighted objective, as handed to a backend: for
    /// inspecting model sizes and for benchmarks that time building and solving apart.
    ///
    /// ```
    /// let c = yilian::Consortium::new(yilian::generate::county(1)).unwrap();
    /// let lp = yilian::RotationModel::new(&c).program();
    /// assert!(lp.column_count() > 1000);
    /// ```
    pub fn program(&self) -> crate::solve::LinearProgram {
        let pairs = Pairs::new(self.consortium);
        build(self.consortium, &pairs, Stage::Weighted, self.integer_days).lp
    }
}

/// Solves one stage with `stage` (the time left), naming the user's `limit` in errors.
fn run(f: &Formulation, stage: &SolveOptions, limit: Option<f64>) -> Result<LpSolution> {
    let options = stage;
    // Every row of M1 has a slack or is met by sending nothing, so infeasible or
    // unbounded answers point at a solver problem rather than at the scenario.
    solve(&f.lp, options).map_err(|e| match e {
        SolveFailure::Infeasible => Error::Solver {
            backend: options.backend.name().into(),
            message:
                "reported the rotation model infeasible, but sending no one is always feasible"
                    .into(),
        },
        SolveFailure::Failed(m) if m.contains("within the time limit") => Error::Solver {
            backend: options.backend.name().into(),
            message: format!(
                "the rotation {} ({} variables, {} constraints) was not solved within the time \
                 limit of {} s: sending no one would be feasible but is no plan; raise \
                 time_limit",
                if f.lp.has_integers() { "MIP" } else { "LP" },
                f.lp.column_count(),
                f.lp.row_count(),
                limit.unwrap_or(0.0)
            ),
        },
        other => other.into_error(
            options.backend,
            "the rotation model is bounded by pool days; please report this scenario",
        ),
    })
}
