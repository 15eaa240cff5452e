//! Python bindings of yilian: the `yilian._yilian` extension module.
//!
//! The module converts and delegates (see `docs/architecture.md`): scenarios come in
//! as JSON text or pandas frames (read here, [`scenario_frames`]), models run in the
//! core crate with the GIL released, and plans go back as typed objects whose tables
//! become pandas DataFrames keyed by the user's ids. The module never imports the
//! `yilian` Python package that wraps it: it uses pandas, NumPy and (for maps)
//! geopandas directly, and the package imports it, not the other way round.
//!
//! Errors become Python exceptions carrying the core's message unchanged:
//! [`ValidationError`] for bad input and options, [`InfeasibleError`] for a model
//! with no plan, [`SolverError`] for backend failures; all derive from
//! [`YilianError`]. No panic crosses the boundary: the core answers solver panics
//! with errors, and this crate catches any other panic around a solve.
//!
//! One concept per module: [`errors`] (exceptions, the GIL-releasing guard),
//! [`options`] (solver options, backends), [`frames`] (DataFrames out),
//! [`columns`] (DataFrame columns in), [`json_value`] (Python dicts as JSON),
//! [`scenario`], [`plan`] and [`scanner_plan`] (the consortium models), [`report`]
//! (measures of a plan), [`location`] (the classic location models on a cost matrix),
//! [`geo`] (GeoDataFrames in and out) and [`sweep`] (one point of a scenario sweep,
//! overrides by path).

mod args;
mod columns;
mod errors;
mod frames;
mod geo;
mod json_value;
mod location;
mod options;
mod plan;
mod plan_methods;
mod referral_plan;
mod report;
mod roster_plan;
mod scanner_plan;
mod scenario;
mod scenario_frames;
mod share;
mod sweep;
mod write_model;

use errors::{InfeasibleError, SolverError, ValidationError, YilianError};
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;

/// This module, kept when it is initialised: pickled objects name its functions as
/// their constructors, found here rather than by importing `yilian._yilian` (which
/// would import the `yilian` package first).
static MODULE: GILOnceCell<Py<PyModule>> = GILOnceCell::new();

/// The attribute `name` of this module (a function or a class).
pub(crate) fn module_attr<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    match MODULE.get(py) {
        Some(m) => m.bind(py).getattr(name),
        None => Err(pyo3::exceptions::PyImportError::new_err(
            "yilian._yilian is not initialised",
        )),
    }
}

/// The native module `yilian._yilian`.
#[pymodule]
fn _yilian(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    // Set once; a second initialisation in the same interpreter keeps the first module.
    let _ = MODULE.set(py, m.clone().unbind());
    m.add("YilianError", py.get_type::<YilianError>())?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    m.add("InfeasibleError", py.get_type::<InfeasibleError>())?;
    m.add("SolverError", py.get_type::<SolverError>())?;
    m.add_class::<scenario::Scenario>()?;
    m.add_class::<plan::Plan>()?;
    m.add_class::<scanner_plan::ScannerPlan>()?;
    m.add_class::<referral_plan::ReferralPlan>()?;
    m.add_class::<roster_plan::RosterPlan>()?;
    m.add_function(wrap_pyfunction!(roster_plan::_roster_plan_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(
        referral_plan::_referral_plan_from_json,
        m
    )?)?;
    m.add_function(wrap_pyfunction!(scanner_plan::_scanner_plan_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(plan::_plan_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(scenario::generate_county, m)?)?;
    m.add_function(wrap_pyfunction!(scenario::generate_city, m)?)?;
    m.add_function(wrap_pyfunction!(options::backends, m)?)?;
    m.add_class::<share::Game>()?;
    m.add_function(wrap_pyfunction!(share::_share_json, m)?)?;
    m.add_function(wrap_pyfunction!(share::_share_coalitions, m)?)?;
    m.add_function(wrap_pyfunction!(share::_share_coalitions_json, m)?)?;
    m.add_function(wrap_pyfunction!(share::_share_from_values, m)?)?;
    m.add_function(wrap_pyfunction!(json_value::_override_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(geo::_distance_matrix, m)?)?;
    m.add_function(wrap_pyfunction!(geo::location::_location_lines, m)?)?;
    location::register(m)?;
    sweep::register(m)?;
    m.add_function(wrap_pyfunction!(report::_report_json, m)?)?;
    m.add_function(wrap_pyfunction!(report::_compare_json, m)?)?;
    m.add_function(wrap_pyfunction!(report::gini, m)?)?;
    m.add_function(wrap_pyfunction!(report::theil, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
