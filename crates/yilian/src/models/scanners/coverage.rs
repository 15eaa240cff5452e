//! The coverage objective's second stage: the least travel at the coverage of the first.
//!
//! Lexicographic, not weighted: stage 1 minimises unmet exams `U*`; stage 2 minimises
//! demand-weighted travel subject to `sum u <= U* + COVERAGE_SLACK x total demand`, with
//! the units free again (a MIP, started from stage 1's plan). The slack is there for the
//! solvers' tolerances; in stage 2 an unmet exam costs [`stage_two_weight`] minutes
//! above `U*`, so that the slack is not spent to save travel. A tie-break weight small
//! enough not to trade an exam for travel lies below the solvers' tolerances, so that
//! travel was left to chance; a second stage optimises it.

use super::exam_graph::ExamGraph;
use super::formulation::{build, Goal};
use super::{checked_gap, ScannerModel, Staged, MIP_FINISH_COLUMNS};
use crate::error::Result;
use crate::plan::{ScannerPlan, StageSummary};
use crate::scenario::Imaging;
use crate::solve::{solve_with_hints, Deadline, LpSolution, SolveHints, SolveOptions, Status};

/// How far above the first stage's unmet exams the second stage may go, as a share of
/// the total demand (1e-6: one exam in a million, above the solvers' feasibility
/// tolerances of 1e-7 on rows scaled by demand, far below one exam in any real region).
pub(crate) const COVERAGE_SLACK: f64 = 1e-6;

/// Minutes an unmet exam costs in stage 2: more than any exam's travel along a chain
/// of moves through every station (the largest travel limit x (stations + 1)), so that
/// leaving an exam unmet never saves travel.
fn stage_two_weight(net: &ExamGraph, im: &Imaging) -> f64 {
    let longest = im
        .modalities
        .values()
        .map(|m| m.max_travel_minutes)
        .fold(1.0, f64::max);
    longest * (net.stations.len() as f64 + 1.0)
}

/// Stage 2 from the plan of stage 1.
pub(crate) fn least_travel(
    model: &ScannerModel<'_>,
    net: &ExamGraph,
    im: &Imaging,
    first: Staged,
    options: &SolveOptions,
    deadline: Deadline,
) -> Result<ScannerPlan> {
    let p1 = first.plan;
    let stage1 = StageSummary {
        stage: "fewest unmet exams".into(),
        status: p1.status,
        objective: p1.objective,
        bound: p1.bound,
        gap: p1.gap,
    };
    let total: f64 = net.demands.iter().map(|d| d.exams).sum();
    let weight = stage_two_weight(net, im);
    let goal = Goal::TravelAtCoverage {
        first: p1.objective,
        slack: COVERAGE_SLACK * total.max(1.0),
        weight,
    };
    if deadline.expired() {
        let mut plan = p1;
        plan.notes
            .push("the least-travel stage was not run: the first stage used the time limit".into());
        plan.status = plan.status.worst(Status::TimeLimit);
        plan.stages = vec![stage1];
        return Ok(plan);
    }
    let f2 = build(net, im, goal, None);
    let small = f2.lp.column_count() <= MIP_FINISH_COLUMNS;
    let mut notes = Vec::new();
    let t = std::time::Instant::now();
    let mip = if deadline.instant().is_none() || small {
        let hints = SolveHints {
            start: Some(&first.values),
        };
        match solve_with_hints(&f2.lp, &deadline.options(options), &hints) {
            Ok(m) => Some(m),
            Err(e) => {
                notes.push(format!("the least-travel MIP gave no plan ({e:?})"));
                None
            }
        }
    } else {
        notes.push(format!(
            "the least-travel MIP ({} columns) is too large for the time limit: travel is the \
             least for the first stage's units",
            f2.lp.column_count()
        ));
        None
    };
    // Without a MIP answer, stage 1's units with the least-travel flows at fixed units:
    // unproven, and `time_limit` when the limit is why (the MIP was too large for it,
    // or failed once the time was up).
    let for_the_limit = deadline.instant().is_some() && (!small || deadline.expired());
    let mip = mip.unwrap_or_else(|| LpSolution {
        status: if for_the_limit {
            Status::TimeLimit
        } else {
            Status::Feasible
        },
        objective: f2.lp.objective_of(&first.values),
        values: first.values.clone(),
        row_duals: None,
        bound: None,
        gap: None,
        load_seconds: 0.0,
        seconds: t.elapsed().as_secs_f64(),
        notes: Vec::new(),
    });
    let (mip_status, mip_bound) = (mip.status, mip.bound);
    let staged = model.finish(net, im, &f2, goal, mip, options, 0.0, deadline)?;
    let mut plan = staged.plan;
    let travel: f64 = plan.flows.iter().map(|f| f.minutes * f.exams).sum::<f64>()
        + weight * (plan.objective - p1.objective);
    let travel_gap = match mip_bound {
        Some(b) => Some(checked_gap(travel, b, options)?),
        None => None,
    };
    let stage2 = StageSummary {
        stage: "least travel (exam-minutes) at that coverage".into(),
        // Travel, plus the weight of any unmet exam above the first stage's (0 when the
        // coverage is kept exactly).
        status: match travel_gap {
            Some(g) => Status::from_gap(Some(g), mip_status == Status::TimeLimit, options),
            None => mip_status,
        },
        objective: travel,
        bound: mip_bound,
        gap: travel_gap,
    };
    // The plan's objective, bound and gap are the coverage stage's (unmet exams).
    plan.bound = p1.bound;
    plan.gap = match p1.bound {
        Some(b) => Some(checked_gap(plan.objective, b, options)?),
        None => None,
    };
    plan.status = stage1.status.worst(stage2.status);
    plan.stages = vec![stage1, stage2];
    plan.stats.build_seconds += p1.stats.build_seconds;
    plan.stats.load_seconds += p1.stats.load_seconds;
    plan.stats.solve_seconds += p1.stats.solve_seconds;
    for n in p1.notes {
        if !plan.notes.contains(&n) {
            plan.notes.push(n);
        }
    }
    plan.notes.extend(notes);
    Ok(plan)
}
