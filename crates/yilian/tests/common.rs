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
