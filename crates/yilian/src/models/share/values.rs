//! Coalition values: one optimisation per coalition, side by side on threads.

use super::coalition_scenario::Members;
use super::ShareModelKind;
use crate::error::{Error, Result};
use crate::game::Coalition;
use crate::network::Consortium;
use crate::plan::{ReferralMode, ReferralPlan, RotationPlan, ScannerPlan};
use crate::solve::{SolveOptions, Status};
use crate::{ReferralModel, RotationModel, ScannerModel};
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// The optimal cost of one coalition, as its solve proved it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoalitionValue {
    /// Member indices of the coalition.
    pub members: Vec<usize>,
    /// The objective of the coalition's own plan (the model's cost).
    pub cost: f64,
    /// Solve status: `optimal`, or `gap_limit` within the tolerance asked for.
    pub status: Status,
    /// The solver's bound on the cost, when it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<f64>,
    /// Relative gap between the cost and the bound, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
    /// Seconds of this solve (building the scenario, the model and solving).
    pub seconds: f64,
}

impl CoalitionValue {
    /// The coalition as a bitmask.
    pub fn coalition(&self) -> Coalition {
        Coalition::from_players(self.members.iter().copied())
    }
}

/// The plan of the grand coalition, kept for the transfers it implies.
#[derive(Debug, Clone)]
pub enum GrandPlan {
    /// A rotation plan (M1).
    Rotation(RotationPlan),
    /// A scanner plan (M3).
    Scanners(ScannerPlan),
    /// A tiered-care plan (M5) with its rotation days.
    Referral(Box<ReferralPlan>),
}

impl GrandPlan {
    /// The plan as JSON text (the plan file format of its model).
    pub fn to_json_string(&self) -> String {
        match self {
            GrandPlan::Rotation(p) => p.to_json_string(),
            GrandPlan::Scanners(p) => p.to_json_string(),
            GrandPlan::Referral(p) => p.to_json_string(),
        }
    }

    /// Parses the plan of model `kind` from JSON text.
    pub fn from_json_str(kind: ShareModelKind, text: &str) -> Result<Self> {
        Ok(match kind {
            ShareModelKind::Rotation => GrandPlan::Rotation(RotationPlan::from_json_str(text)?),
            ShareModelKind::Scanners(_) => GrandPlan::Scanners(ScannerPlan::from_json_str(text)?),
            ShareModelKind::Referral(_) => {
                GrandPlan::Referral(Box::new(ReferralPlan::from_json_str(text)?))
            }
        })
    }
}

/// Progress of a batch of coalition solves: (solved, total).
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// Solves every coalition of `coalitions` (none twice; the empty one costs 0 without a
/// solve) on `workers` threads. A coalition whose solve is not proven to `tolerance`
/// fails the whole batch with the list of those coalitions.
pub(crate) fn solve_all(
    members: &Members,
    kind: ShareModelKind,
    coalitions: &[Coalition],
    options: &SolveOptions,
    workers: usize,
    tolerance: f64,
    progress: Progress<'_>,
) -> Result<(Vec<CoalitionValue>, Option<GrandPlan>)> {
    let total = coalitions.len();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let results: Mutex<Vec<Option<CoalitionValue>>> = Mutex::new(vec![None; total]);
    let first_error: Mutex<Option<Error>> = Mutex::new(None);
    let grand_plan: Mutex<Option<GrandPlan>> = Mutex::new(None);
    let grand = Coalition::grand(members.len());
    let workers = workers.clamp(1, total.max(1));
    // Side by side, each solve gets one backend thread (HiGHS keeps a scheduler per
    // calling thread; `solve::highs_threads` starts it with this count).
    let mut per_solve = options.clone();
    if workers > 1 {
        per_solve.threads = Some(1);
    }
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= total {
                    return;
                }
                let s = coalitions[k];
                match solve_one(members, kind, s, &per_solve, s == grand) {
                    Ok((value, plan)) => {
                        results.lock().expect("no poisoned lock")[k] = Some(value);
                        if let Some(p) = plan {
                            *grand_plan.lock().expect("no poisoned lock") = Some(p);
                        }
                    }
                    Err(e) => {
                        stop.store(true, Ordering::Relaxed);
                        first_error
                            .lock()
                            .expect("no poisoned lock")
                            .get_or_insert(e);
                        return;
                    }
                }
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            });
        }
    });
    if let Some(e) = first_error.into_inner().expect("no poisoned lock") {
        return Err(e);
    }
    let values: Vec<CoalitionValue> = results
        .into_inner()
        .expect("no poisoned lock")
        .into_iter()
        .map(|v| v.expect("every coalition solved"))
        .collect();
    check_proven(members, &values, tolerance, options)?;
    Ok((values, grand_plan.into_inner().expect("no poisoned lock")))
}

/// Fails with the list of the values not proven optimal to `tolerance`.
pub(crate) fn check_proven(
    members: &Members,
    values: &[CoalitionValue],
    tolerance: f64,
    options: &SolveOptions,
) -> Result<()> {
    let unproven: Vec<&CoalitionValue> = values.iter().filter(|v| !proven(v, tolerance)).collect();
    if !unproven.is_empty() {
        let list: Vec<String> = unproven
            .iter()
            .take(5)
            .map(|v| {
                format!(
                    "{} ({}, gap {})",
                    members.label(v.coalition()),
                    v.status,
                    v.gap.map_or("unknown".into(), |g| format!("{g:.2e}"))
                )
            })
            .collect();
        return Err(Error::Solver {
            backend: options.backend.name().into(),
            message: format!(
                "{} of {} coalition values are not proven optimal to a relative gap of {:e}, \
                 so the game cannot be exact: {}{}; raise the time limit or the mip_gap",
                unproven.len(),
                values.len(),
                tolerance,
                list.join(", "),
                if unproven.len() > 5 { ", ..." } else { "" }
            ),
        });
    }
    Ok(())
}

/// Whether the value is proven optimal to `tolerance`.
fn proven(v: &CoalitionValue, tolerance: f64) -> bool {
    match v.status {
        Status::Optimal => true,
        Status::GapLimit => v.gap.is_some_and(|g| g <= tolerance),
        Status::TimeLimit | Status::Feasible => false,
    }
}

/// Solves coalition `s` once; with `keep_plan`, its plan too.
pub(crate) fn solve_one(
    members: &Members,
    kind: ShareModelKind,
    s: Coalition,
    options: &SolveOptions,
    keep_plan: bool,
) -> Result<(CoalitionValue, Option<GrandPlan>)> {
    let start = Instant::now();
    let members_of: Vec<usize> = s.players().collect();
    let label = || members.label(s);
    let scenario = members.scenario_of(s, kind);
    let consortium = Consortium::new(scenario).map_err(|e| in_coalition(e, &label()))?;
    let (cost, status, bound, gap, plan) = match kind {
        ShareModelKind::Rotation => {
            let plan = RotationModel::new(&consortium)
                .solve(options)
                .map_err(|e| in_coalition(e, &label()))?;
            let p = (plan.objective, plan.status, plan.bound, plan.gap);
            (
                p.0,
                p.1,
                p.2,
                p.3,
                keep_plan.then_some(GrandPlan::Rotation(plan)),
            )
        }
        ShareModelKind::Scanners(method) => {
            let plan = ScannerModel::new(&consortium)
                .method(method)
                .solve(options)
                .map_err(|e| in_coalition(e, &label()))?;
            let p = (plan.objective, plan.status, plan.bound, plan.gap);
            (
                p.0,
                p.1,
                p.2,
                p.3,
                keep_plan.then_some(GrandPlan::Scanners(plan)),
            )
        }
        ShareModelKind::Referral(mode) => {
            let plan = ReferralModel::new(&consortium)
                .joint(mode == ReferralMode::Joint)
                .solve(options)
                .map_err(|e| in_coalition(e, &label()))?;
            // Sequential: the rotation days are M1's optimum, fixed; the bound is the
            // care program's, with that rotation cost added.
            let (status, bound) = match mode {
                ReferralMode::Joint => (plan.status, plan.bound),
                ReferralMode::Sequential => (
                    if plan.rotation.status == Status::Optimal {
                        plan.status
                    } else {
                        plan.rotation.status
                    },
                    plan.bound.map(|b| b + plan.rotation_objective),
                ),
            };
            let (cost, gap) = (plan.total_objective, plan.gap);
            (
                cost,
                status,
                bound,
                gap,
                keep_plan.then(|| GrandPlan::Referral(Box::new(plan))),
            )
        }
    };
    Ok((
        CoalitionValue {
            members: members_of,
            cost,
            status,
            bound,
            gap,
            seconds: start.elapsed().as_secs_f64(),
        },
        plan,
    ))
}

/// `e` with the coalition named, so that a planner knows which sub-plan failed.
fn in_coalition(e: Error, label: &str) -> Error {
    match e {
        Error::Infeasible(m) => Error::Infeasible(format!("coalition {label}: {m}")),
        Error::Solver { backend, message } => Error::Solver {
            backend,
            message: format!("coalition {label}: {message}"),
        },
        Error::Invalid(mut issues) => {
            for i in &mut issues {
                i.message = format!("{} (in the scenario of coalition {label})", i.message);
            }
            Error::Invalid(issues)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(status: Status, gap: Option<f64>) -> CoalitionValue {
        CoalitionValue {
            members: vec![0],
            cost: 1.0,
            status,
            bound: None,
            gap,
            seconds: 0.0,
        }
    }

    #[test]
    fn only_proven_values_enter_a_game() {
        assert!(proven(&value(Status::Optimal, None), 0.0));
        assert!(proven(&value(Status::GapLimit, Some(1e-7)), 1e-6));
        assert!(!proven(&value(Status::GapLimit, Some(1e-5)), 1e-6));
        assert!(!proven(&value(Status::GapLimit, None), 1e-6));
        assert!(!proven(&value(Status::TimeLimit, Some(0.0)), 1e-6));
    }
}
