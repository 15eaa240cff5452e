//! The exceptions of the module and the conversion of core errors into them; the
//! guard that releases the GIL around a solve and stops panics at the boundary.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use yilian::Error;

create_exception!(
    yilian,
    YilianError,
    PyException,
    "Base class of every error raised by yilian."
);
create_exception!(
    yilian,
    ValidationError,
    YilianError,
    "The scenario or an option is invalid; the message names the field and the value."
);
create_exception!(
    yilian,
    InfeasibleError,
    YilianError,
    "The model has no feasible plan; the message says which rules collide."
);
create_exception!(
    yilian,
    SolverError,
    YilianError,
    "The solver backend failed, is not compiled in, or cannot solve this model."
);

/// The Python exception for a core error, with the core's message unchanged.
pub(crate) fn to_py(e: Error) -> PyErr {
    let msg = e.to_string();
    match e {
        Error::Io { .. }
        | Error::Parse { .. }
        | Error::Invalid(_)
        | Error::InvalidOption { .. } => ValidationError::new_err(msg),
        Error::Infeasible(_) => InfeasibleError::new_err(msg),
        Error::Unbounded(_)
        | Error::Solver { .. }
        | Error::BackendUnavailable { .. }
        | Error::UnknownBackend(_)
        | Error::Unsupported { .. } => SolverError::new_err(msg),
    }
}

/// A ValidationError for an option: `field: message`, as the core writes it.
pub(crate) fn invalid_option(field: &str, message: String) -> PyErr {
    to_py(Error::InvalidOption {
        field: field.into(),
        message,
    })
}

/// A ValidationError with this message (for input the core never sees as typed
/// values: pandas frames, GeoDataFrames, Python dicts; the message names the table,
/// the row and the column as the core names fields).
pub(crate) fn invalid(message: String) -> PyErr {
    ValidationError::new_err(message)
}

/// Runs `f` with the GIL released, turning a panic into a SolverError.
pub(crate) fn guarded<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> yilian::Result<T> + Send,
) -> PyResult<T> {
    match py.allow_threads(move || catch_unwind(AssertUnwindSafe(f))) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(to_py(e)),
        Err(panic) => Err(SolverError::new_err(format!(
            "internal error while solving (please report this scenario): {}",
            panic_message(&panic)
        ))),
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".into()
    }
}

/// Runs an independent checker of the core on `plan` and its `scenario` with the GIL
/// released; one string per violation (empty when the plan is valid).
pub(crate) fn recheck<P: Sync>(
    py: Python<'_>,
    scenario: &yilian::Scenario,
    plan: &P,
    check: fn(&yilian::Consortium, &P) -> Vec<yilian::check::Violation>,
) -> PyResult<Vec<String>> {
    let scenario = scenario.clone();
    py.allow_threads(|| {
        yilian::Consortium::new(scenario)
            .map(|c| check(&c, plan).iter().map(|v| v.to_string()).collect())
    })
    .map_err(to_py)
}
