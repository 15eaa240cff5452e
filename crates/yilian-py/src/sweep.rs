//! Sweeps from Python: one point of a sweep (`_sweep_point`), overrides by path
//! (`Scenario.with_overrides` delegates to [`apply`]), and the names the Python
//! module builds its table from. The engines (serial, processes, Ray) are Python's;
//! every point runs here, in the core's `yilian::sweep::run_point`, the same code as
//! the CLI's `yilian sweep`.

use crate::errors::{invalid_option, to_py};
use crate::options::solve_options;
use crate::scenario::Scenario;
use pyo3::prelude::*;
use yilian::sweep::{self, ModelSettings, Override};

/// Overrides from `(path, JSON text of the value)` pairs.
fn overrides(pairs: Vec<(String, String)>) -> PyResult<Vec<Override>> {
    pairs
        .into_iter()
        .map(|(path, text)| {
            serde_json::from_str(&text)
                .map(|value| Override::new(path.clone(), value))
                .map_err(|e| invalid_option(&path, format!("the value is not JSON: {e}")))
        })
        .collect()
}

/// The scenario with the overrides applied, read back and validated (the errors a
/// scenario file with those values gets; a path that leads nowhere is named).
pub(crate) fn apply(scenario: &Scenario, pairs: Vec<(String, String)>) -> PyResult<Scenario> {
    let list = overrides(pairs)?;
    sweep::apply_overrides(&scenario.inner, &list)
        .map(|inner| Scenario { inner })
        .map_err(to_py)
}

/// Runs one point: overrides, validation, the model, its measures. Returns the row as
/// JSON text (the results and times; `error` set on an error row). Never raises for a
/// bad point: only for options that are wrong for every point (an unknown model or
/// backend).
#[pyfunction]
#[pyo3(signature = (scenario, overrides, model, *, backend = None, objective = None,
    integer_days = false, method = None, time_limit = None, gap = None, threads = Some(1),
    seed = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn _sweep_point(
    py: Python<'_>,
    scenario: &Scenario,
    overrides: Vec<(String, String)>,
    model: &str,
    backend: Option<&str>,
    objective: Option<String>,
    integer_days: bool,
    method: Option<String>,
    time_limit: Option<f64>,
    gap: Option<f64>,
    threads: Option<u32>,
    seed: Option<u32>,
) -> PyResult<String> {
    let model = sweep::find_model(model).map_err(to_py)?;
    // The typed arguments go through the same checks as `Scenario.solve`'s.
    let float = |v: Option<f64>| v.map(|x| pyo3::types::PyFloat::new(py, x).into_any());
    let int = |v: Option<u32>| v.map(|x| pyo3::types::PyInt::new(py, x).into_any());
    let (time_limit, gap, threads, seed) = (float(time_limit), float(gap), int(threads), int(seed));
    let options = solve_options(
        backend,
        time_limit.as_ref(),
        gap.as_ref(),
        threads.as_ref(),
        seed.as_ref(),
        false,
    )?;
    let settings = ModelSettings {
        objective,
        integer_days,
        method,
        options,
    };
    let list = self::overrides(overrides)?;
    let scenario = &scenario.inner;
    let row = py.allow_threads(|| sweep::run_point(scenario, &list, model, &settings));
    Ok(serde_json::to_string(&row).expect("a row always serialises"))
}

/// The point as text, the key of its rows (`policy.budget=100000; ...`).
#[pyfunction]
pub(crate) fn _sweep_point_label(overrides: Vec<(String, String)>) -> PyResult<String> {
    Ok(sweep::point_label(&self::overrides(overrides)?))
}

/// `(result columns, timing columns, model names)` of sweep tables.
#[pyfunction]
pub(crate) fn _sweep_columns() -> (Vec<&'static str>, Vec<&'static str>, Vec<&'static str>) {
    (
        sweep::RESULT_COLUMNS.to_vec(),
        sweep::TIMING_COLUMNS.to_vec(),
        sweep::MODELS.iter().map(|m| m.name).collect(),
    )
}

/// Registers the functions of this module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_sweep_point, m)?)?;
    m.add_function(wrap_pyfunction!(_sweep_point_label, m)?)?;
    m.add_function(wrap_pyfunction!(_sweep_columns, m)?)?;
    Ok(())
}
