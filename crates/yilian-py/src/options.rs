//! Solver options from Python keyword arguments, and the list of compiled-in backends.

use crate::errors::to_py;
use pyo3::prelude::*;
use yilian::{Backend, SolveOptions};

/// SolveOptions from the keyword arguments every `solve` takes. `backend` defaults to
/// the best compiled in (HiGHS in the wheel); the values are checked by the core when
/// the model is solved (errors name the option). The one argument whose Python name
/// differs from the core's field, `gap` (`mip_gap` in Rust), is checked here so that its
/// error names the argument the caller wrote. The numbers arrive as Python objects so
/// that a bool, or an integer too large for its field, is refused naming the argument.
pub(crate) fn solve_options(
    backend: Option<&str>,
    time_limit: Option<&Bound<'_, PyAny>>,
    gap: Option<&Bound<'_, PyAny>>,
    threads: Option<&Bound<'_, PyAny>>,
    seed: Option<&Bound<'_, PyAny>>,
    log: bool,
) -> PyResult<SolveOptions> {
    let time_limit = crate::args::number("time_limit", time_limit)?;
    let gap = crate::args::number("gap", gap)?;
    let threads = crate::args::whole_u32("threads", threads)?;
    let seed = crate::args::whole_u32("seed", seed)?;
    let backend = match backend {
        Some(name) => name.parse::<Backend>().map_err(to_py)?,
        None => Backend::best_available().unwrap_or(Backend::Microlp),
    };
    if let Some(g) = gap.filter(|g| !g.is_finite() || *g < 0.0) {
        return Err(to_py(yilian::Error::InvalidOption {
            field: "gap".into(),
            message: format!("{g} must be a finite number >= 0"),
        }));
    }
    let mut options = SolveOptions::new(backend).log(log);
    options.time_limit = time_limit;
    options.mip_gap = gap;
    options.threads = threads;
    options.seed = seed;
    Ok(options)
}

/// Names of the solver backends compiled into this build.
#[pyfunction]
pub(crate) fn backends() -> Vec<&'static str> {
    Backend::available()
        .into_iter()
        .map(Backend::name)
        .collect()
}
