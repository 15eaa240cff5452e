//! Helpers shared by the integration tests.
#![allow(dead_code)]

use yilian::{Backend, SolveOptions};

/// Every backend compiled into this test build.
pub fn backends() -> Vec<SolveOptions> {
    Backend::available()
        .into_iter()
        .map(SolveOptions::new)
        .collect()
}

/// Asserts `a` and `b` agree to `tol` (absolute).
#[track_caller]
pub fn close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol, "{a} != {b} (tolerance {tol})");
}

/// Absolute tolerance for figures of size up to a few thousand: simplex backends
/// are exact to 1e-6; Clarabel is an interior-point method, exact to about 1e-7
/// relative.
pub fn tol(backend: Backend) -> f64 {
    if backend == Backend::Clarabel {
        1e-3
    } else {
        1e-6
    }
}
