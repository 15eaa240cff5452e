//! One row of a sweep table: the outcome of one point, or its error.

use super::models::{ModelSettings, Outcome, SweepModel};
use super::overrides::{apply_overrides, Override};
use crate::error::{Error, Result};
use crate::network::Consortium;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

/// Columns of the results, in order, after the input columns (scenario, model, the
/// grid's paths). Equal for every engine and worker count.
pub const RESULT_COLUMNS: &[&str] = &[
    "status",
    "objective",
    "bound",
    "gap",
    "coverage_before",
    "coverage",
    "served_share",
    "unmet",
    "cost",
    "utilisation",
    "grassroots_share",
    "within_county_share",
    "error",
];

/// Columns of times, last in a row: they differ from run to run, so they are left out
/// when two sweep tables are compared.
pub const TIMING_COLUMNS: &[&str] = &["build_seconds", "solve_seconds", "seconds"];

/// The results of one point: the measures of its plan, or the error that stopped it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointRow {
    /// The plan's status (`optimal`, `gap_limit`, `time_limit`, `feasible`), or
    /// `infeasible` or `error` on an error row.
    pub status: String,
    /// See [`Outcome`] for this and the following measures; `None` on an error row.
    pub objective: Option<f64>,
    /// The solver's bound, when the model reports one.
    pub bound: Option<f64>,
    /// Relative gap, when known.
    pub gap: Option<f64>,
    /// Population share within reach before the plan.
    pub coverage_before: Option<f64>,
    /// Population share within reach after the plan.
    pub coverage: Option<f64>,
    /// Share of the demand served.
    pub served_share: Option<f64>,
    /// Unmet demand.
    pub unmet: Option<f64>,
    /// Cost of the plan.
    pub cost: Option<f64>,
    /// Share of the capacity used.
    pub utilisation: Option<f64>,
    /// Referral: share of the episodes treated at grassroots institutions.
    pub grassroots_share: Option<f64>,
    /// Referral: share of the episodes treated in the patient's own county.
    pub within_county_share: Option<f64>,
    /// The error's message, on an error row.
    pub error: Option<String>,
    /// Seconds to validate, index and build the model.
    pub build_seconds: Option<f64>,
    /// Seconds in the solver.
    pub solve_seconds: Option<f64>,
    /// Seconds for the whole point (overrides, model, measures).
    pub seconds: f64,
}

impl PointRow {
    fn from_result(result: Result<Outcome>, seconds: f64) -> Self {
        match result {
            Ok(o) => Self {
                status: o.status.as_str().into(),
                objective: Some(o.objective),
                bound: o.bound,
                gap: o.gap,
                coverage_before: o.coverage_before,
                coverage: o.coverage,
                served_share: o.served_share,
                unmet: Some(o.unmet),
                cost: Some(o.cost),
                utilisation: o.utilisation,
                grassroots_share: o.grassroots_share,
                within_county_share: o.within_county_share,
                error: None,
                build_seconds: Some(o.build_seconds),
                solve_seconds: Some(o.solve_seconds),
                seconds,
            },
            Err(e) => Self::error(&e, seconds),
        }
    }

    fn error(e: &Error, seconds: f64) -> Self {
        Self {
            status: match e {
                Error::Infeasible(_) => "infeasible",
                _ => "error",
            }
            .into(),
            objective: None,
            bound: None,
            gap: None,
            coverage_before: None,
            coverage: None,
            served_share: None,
            unmet: None,
            cost: None,
            utilisation: None,
            grassroots_share: None,
            within_county_share: None,
            error: Some(e.to_string()),
            build_seconds: None,
            solve_seconds: None,
            seconds,
        }
    }

    /// The cells of [`RESULT_COLUMNS`] then [`TIMING_COLUMNS`], as CSV text (empty for
    /// none; numbers in their shortest exact form).
    pub fn cells(&self) -> Vec<String> {
        let num = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
        vec![
            self.status.clone(),
            num(self.objective),
            num(self.bound),
            num(self.gap),
            num(self.coverage_before),
            num(self.coverage),
            num(self.served_share),
            num(self.unmet),
            num(self.cost),
            num(self.utilisation),
            num(self.grassroots_share),
            num(self.within_county_share),
            self.error.clone().unwrap_or_default(),
            num(self.build_seconds),
            num(self.solve_seconds),
            num(Some(self.seconds)),
        ]
    }
}

/// Runs one point: applies the overrides, validates, solves `model` and measures the
/// plan. Never fails: an error (bad override, invalid scenario, infeasible model,
/// solver failure, even a panic) becomes an error row with the message.
pub fn run_point(
    scenario: &Scenario,
    overrides: &[Override],
    model: &SweepModel,
    settings: &ModelSettings,
) -> PointRow {
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(|| -> Result<Outcome> {
        let changed;
        let scenario = if overrides.is_empty() {
            scenario
        } else {
            changed = apply_overrides(scenario, overrides)?;
            &changed
        };
        let t = Instant::now();
        let c = Consortium::new(scenario.clone())?;
        let indexing = t.elapsed().as_secs_f64();
        let mut outcome = model.run(&c, settings)?;
        outcome.build_seconds += indexing;
        Ok(outcome)
    }));
    let seconds = start.elapsed().as_secs_f64();
    match result {
        Ok(result) => PointRow::from_result(result, seconds),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            PointRow::error(
                &Error::Solver {
                    backend: settings.options.backend.name().into(),
                    message: format!("internal error (please report this scenario): {message}"),
                },
                seconds,
            )
        }
    }
}
