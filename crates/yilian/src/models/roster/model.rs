//! The roster model: its settings, its program and its solve (M2; the formulation is
//! in the module's documentation).

use super::extract;
use super::formulation::{build, Instance};
use crate::error::{Error, Result};
use crate::network::Consortium;
use crate::plan::{ModelStats, RosterPlan, RotationPlan};
use crate::scenario::Roster;
use crate::solve::{
    relative_gap, solve, Deadline, LinearProgram, Sense, SolveFailure, SolveOptions, Status,
};
use std::time::Instant;

/// The roster model on one consortium.
#[derive(Debug, Clone)]
pub struct RosterModel<'a> {
    pub(super) consortium: &'a Consortium,
    roster: Option<Roster>,
    rotation: Option<&'a RotationPlan>,
}

impl<'a> RosterModel<'a> {
    /// The model with the scenario's roster section and targets from demand.
    pub fn new(consortium: &'a Consortium) -> Self {
        Self {
            consortium,
            roster: None,
            rotation: None,
        }
    }

    /// Uses these roster settings instead of the scenario's roster section.
    pub fn roster(mut self, roster: Roster) -> Self {
        self.roster = Some(roster);
        self
    }

    /// Takes the targets from a rotation plan (M1) of the same scenario.
    pub fn targets_from(mut self, plan: &'a RotationPlan) -> Self {
        self.rotation = Some(plan);
        self
    }

    /// The roster settings in force, validated.
    pub fn settings(&self) -> Result<Roster> {
        let c = self.consortium;
        let s = c.scenario();
        let roster = match (&self.roster, &s.roster) {
            (Some(r), _) => {
                let mut copy = s.clone();
                copy.roster = Some(r.clone());
                let v = crate::scenario::validate(&copy);
                if !v.errors.is_empty() {
                    return Err(Error::Invalid(v.errors));
                }
                r.clone()
            }
            (None, Some(r)) => r.clone(),
            (None, None) => {
                return Err(Error::InvalidOption {
                    field: "roster".into(),
                    message: format!(
                        "scenario \"{}\" has no roster section: add one, or pass settings \
                         (for example Roster::from_pools with a horizon)",
                        s.name
                    ),
                })
            }
        };
        if roster.horizon.planning_days().is_empty() {
            return Err(Error::InvalidOption {
                field: "roster.horizon".into(),
                message: format!(
                    "{} days from {} hold no working weekday outside the holidays",
                    roster.horizon.days, roster.horizon.start
                ),
            });
        }
        if let Some(plan) = self.rotation {
            if plan.scenario != s.name {
                return Err(Error::InvalidOption {
                    field: "targets".into(),
                    message: format!(
                        "the rotation plan is for scenario \"{}\", not \"{}\"",
                        plan.scenario, s.name
                    ),
                });
            }
            for (i, a) in plan.assignments.iter().enumerate() {
                if !s.pools.iter().any(|p| p.id == a.pool) || c.index_of(&a.host).is_none() {
                    return Err(Error::InvalidOption {
                        field: format!("targets.assignments[{i}]"),
                        message: format!(
                            "\"{}\" -> \"{}\" names a pool or host not in the scenario",
                            a.pool, a.host
                        ),
                    });
                }
            }
        }
        Ok(roster)
    }

    /// The MIP as handed to a backend (for model sizes and benchmarks).
    pub fn program(&self) -> Result<LinearProgram> {
        let inst = Instance::new(self.consortium, self.settings()?, self.rotation);
        Ok(build(self.consortium, &inst, true).lp)
    }

    /// Builds and solves the roster; the plan passes [`crate::check::check_roster_against`]
    /// with the rotation plan its targets come from (or none, for demand targets).
    ///
    /// The model is always feasible (sending nobody breaks no hard rule), so an error
    /// means invalid settings or a solver failure. The time limit covers the whole
    /// solve (the MIP, then the LP relaxation when a bound is wanted from it). With a
    /// time limit the best calendar found is returned with status `time_limit`. `bound`
    /// is the backend's MIP bound (HiGHS's dual bound, CBC's best possible value,
    /// microlp's least open node); when the backend has none (stopped before its first
    /// node), the LP relaxation (solved in the time left) gives the bound.
    /// `gap` is computed from that bound and the plan's objective, never the reverse.
    pub fn solve(&self, options: &SolveOptions) -> Result<RosterPlan> {
        options.validate()?;
        let c = self.consortium;
        let start = Instant::now();
        let deadline = Deadline::starting_at(start, options);
        let inst = Instance::new(c, self.settings()?, self.rotation);
        let f = build(c, &inst, true);
        let build_seconds = start.elapsed().as_secs_f64();
        let sol = solve(&f.lp, &deadline.options(options)).map_err(|e| fail(e, options, &f.lp))?;
        let mut notes = sol.notes.clone();
        let bound = match sol.bound {
            Some(b) => Some(b),
            None if deadline.expired() => {
                notes.push(
                    "no bound: the time limit left no time for the LP relaxation".to_string(),
                );
                None
            }
            None => {
                let relaxed = build(c, &inst, false);
                match solve(&relaxed.lp, &deadline.options(options)) {
                    Ok(r) if r.status == Status::Optimal => {
                        notes.push("bound: the LP relaxation".to_string());
                        Some(r.objective)
                    }
                    Ok(r) => {
                        notes.push(format!("no bound: the LP relaxation ended {}", r.status));
                        None
                    }
                    Err(e) => {
                        notes.push(format!("no bound: the LP relaxation failed ({e:?})"));
                        None
                    }
                }
            }
        };
        let on = extract::chosen(&sol.values, inst.triples.len());
        let stats = ModelStats {
            variables: f.lp.column_count(),
            constraints: f.lp.row_count(),
            nonzeros: f.lp.nonzero_count(),
            build_seconds,
            load_seconds: sol.load_seconds,
            solve_seconds: sol.seconds,
        };
        let mut plan = extract::plan(
            c,
            &inst,
            &on,
            extract::Settings {
                status: sol.status,
                backend: options.backend,
                stats,
                notes,
            },
        );
        if let Some(b) = bound {
            let gap = relative_gap(plan.objective, b, Sense::Minimise).map_err(|message| {
                Error::Solver {
                    backend: options.backend.name().into(),
                    message: format!("roster: {message}"),
                }
            })?;
            // The status follows the gap reported with the plan.
            plan.status = Status::from_gap(Some(gap), sol.status == Status::TimeLimit, options);
            plan.bound = Some(b);
            plan.gap = Some(gap);
        }
        Ok(plan)
    }
}

fn fail(e: SolveFailure, options: &SolveOptions, lp: &LinearProgram) -> Error {
    match e {
        SolveFailure::Failed(m)
            if options.time_limit.is_some()
                && ["NoSolutionFound", "within the time limit", "before the limit"]
                    .iter()
                    .any(|k| m.contains(k)) =>
        {
            Error::Solver {
                backend: options.backend.name().into(),
                message: format!(
                    "found no calendar within the time limit of {} s ({} variables, {} constraints): \
                     raise time_limit, or shorten the horizon",
                    options.time_limit.unwrap_or(0.0),
                    lp.column_count(),
                    lp.row_count()
                ),
            }
        }
        SolveFailure::Infeasible => Error::Solver {
            backend: options.backend.name().into(),
            message: "reported the roster infeasible, but rostering no visit is always feasible"
                .into(),
        },
        other => other.into_error(
            options.backend,
            "the roster model is bounded by its binary variables; please report this scenario",
        ),
    }
}
