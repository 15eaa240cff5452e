//! Measures of a plan for Python (issue 8): the core's report and its inequality indices.
//!
//! The Python layer (`yilian/_report.py`) turns the report into DataFrames and plots;
//! everything measured here is computed by the core crate.

use pyo3::prelude::*;
use yilian::metrics::{self, Decay, ReportSettings};
use yilian::{Consortium, Error};

fn invalid(field: &str, message: String) -> PyErr {
    crate::errors::to_py(Error::InvalidOption {
        field: field.into(),
        message,
    })
}

/// Checks that `values` and `weights` suit an inequality index.
fn check_series(values: &[f64], weights: &[f64]) -> PyResult<()> {
    if values.len() != weights.len() {
        return Err(invalid(
            "weights",
            format!(
                "{} weights given for {} values (one each expected)",
                weights.len(),
                values.len()
            ),
        ));
    }
    for (name, series) in [("values", values), ("weights", weights)] {
        if let Some((k, v)) = series
            .iter()
            .enumerate()
            .find(|(_, v)| !v.is_finite() || **v < 0.0)
        {
            return Err(invalid(
                &format!("{name}[{k}]"),
                format!("{v} must be a finite number >= 0"),
            ));
        }
    }
    Ok(())
}

/// A report is only made of a plan that passes its checker (as `yilian report`).
fn checked(violations: Vec<yilian::check::Violation>) -> yilian::Result<()> {
    match violations.first() {
        None => Ok(()),
        Some(first) => Err(Error::InvalidOption {
            field: "plan".into(),
            message: format!(
                "breaks {} rule(s) of its scenario, first: {first}; no report is made of it",
                violations.len()
            ),
        }),
    }
}

/// The report of a plan (JSON), with the settings of `yilian report`.
#[pyfunction]
#[pyo3(signature = (scenario_json, plan_json, catchment_minutes = 30.0, decay = "step"))]
pub fn _report_json(
    py: Python<'_>,
    scenario_json: &str,
    plan_json: &str,
    catchment_minutes: f64,
    decay: &str,
) -> PyResult<String> {
    if !(catchment_minutes.is_finite() && catchment_minutes > 0.0) {
        return Err(invalid(
            "catchment_minutes",
            format!("{catchment_minutes} must be a number of minutes > 0"),
        ));
    }
    let decay = match decay {
        "step" => Decay::Step,
        "e2sfca" => Decay::e2sfca(catchment_minutes),
        "gaussian" => Decay::Gaussian,
        other => {
            return Err(invalid(
                "decay",
                format!("\"{other}\" is not one of step, e2sfca, gaussian"),
            ))
        }
    };
    let settings = ReportSettings {
        catchment_minutes,
        decay,
    };
    let scenario = yilian::Scenario::from_json_str(scenario_json).map_err(crate::errors::to_py)?;
    let model = serde_json::from_str::<serde_json::Value>(plan_json)
        .ok()
        .and_then(|v| v.get("model").and_then(|m| m.as_str().map(str::to_string)))
        .unwrap_or_default();
    let plan_json = plan_json.to_string();
    crate::errors::guarded(py, move || {
        let c = Consortium::new(scenario)?;
        let report = match model.as_str() {
            "rotation" => {
                let p = yilian::RotationPlan::from_json_str(&plan_json)?;
                checked(yilian::check::check_rotation(&c, &p))?;
                metrics::rotation_report(&c, &p, &settings)
            }
            "scanners" => {
                let p = yilian::ScannerPlan::from_json_str(&plan_json)?;
                checked(yilian::check::check_scanners(&c, &p))?;
                metrics::scanners_report(&c, &p, &settings)
            }
            "referral" => {
                let p = yilian::ReferralPlan::from_json_str(&plan_json)?;
                checked(yilian::check::check_referral(&c, &p))?;
                metrics::referral_report(&c, &p, &settings)
            }
            other => {
                return Err(Error::InvalidOption {
                    field: "plan.model".into(),
                    message: format!("\"{other}\" has no report (rotation, scanners, referral)"),
                })
            }
        };
        Ok(report.to_json_string())
    })
}

/// Population-weighted Gini coefficient of `values` (None when the weights or the
/// mean are zero).
#[pyfunction]
#[pyo3(signature = (values, weights = None))]
pub fn gini(values: Vec<f64>, weights: Option<Vec<f64>>) -> PyResult<Option<f64>> {
    let weights = weights.unwrap_or_else(|| vec![1.0; values.len()]);
    check_series(&values, &weights)?;
    Ok(metrics::gini(&values, &weights))
}

/// Theil T index of `values` with its decomposition by `groups`: a dict with `total`,
/// `within` and `between` (None when the weights or the mean are zero).
#[pyfunction]
#[pyo3(signature = (values, weights = None, groups = None))]
pub fn theil(
    values: Vec<f64>,
    weights: Option<Vec<f64>>,
    groups: Option<Vec<String>>,
) -> PyResult<Option<(f64, f64, f64)>> {
    let weights = weights.unwrap_or_else(|| vec![1.0; values.len()]);
    check_series(&values, &weights)?;
    let groups = groups.unwrap_or_else(|| vec![String::new(); values.len()]);
    if groups.len() != values.len() {
        return Err(invalid(
            "groups",
            format!(
                "{} groups given for {} values (one each expected)",
                groups.len(),
                values.len()
            ),
        ));
    }
    Ok(metrics::theil(&values, &weights, &groups).map(|t| (t.total, t.within, t.between)))
}

/// The after-plan measures of two reports side by side (JSON list of lines with
/// `measure`, `a`, `b` and `difference` = b - a).
#[pyfunction]
pub fn _compare_json(a: &str, b: &str) -> PyResult<String> {
    let read = |field: &str, text: &str| {
        serde_json::from_str::<metrics::Report>(text)
            .map_err(|e| invalid(field, format!("is not a yilian report: {e}")))
    };
    let (a, b) = (read("a", a)?, read("b", b)?);
    if a.model != b.model || a.scenario != b.scenario {
        return Err(invalid(
            "other",
            format!(
                "a {} plan of \"{}\" cannot be compared with a {} plan of \"{}\"",
                b.model, b.scenario, a.model, a.scenario
            ),
        ));
    }
    let lines = metrics::compare(&a, &b);
    serde_json::to_string(&lines).map_err(|e| invalid("report", e.to_string()))
}
