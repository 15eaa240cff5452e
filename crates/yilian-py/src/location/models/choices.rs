//! The named choices of the location classes (formulations, metrics): each a table of
//! Python names and core values, read and written by the same two functions.

use crate::errors::invalid_option;
use pyo3::prelude::*;
use yilian::models::location::{Metric, PCenterFormulation, PMedianFormulation};

/// `PMedian`'s formulations, in the order the error message lists them.
pub(crate) const PMEDIAN: &[(&str, PMedianFormulation)] = &[
    ("auto", PMedianFormulation::Auto),
    ("benders", PMedianFormulation::Benders),
    ("radius", PMedianFormulation::Radius),
    ("radius-full", PMedianFormulation::RadiusFull),
    ("textbook", PMedianFormulation::Textbook),
];

/// `PCenter`'s formulations.
pub(crate) const PCENTER: &[(&str, PCenterFormulation)] = &[
    ("covering", PCenterFormulation::Covering),
    ("elloumi", PCenterFormulation::Elloumi),
    ("textbook", PCenterFormulation::Textbook),
];

/// The metrics of `PMedian.from_points`.
pub(crate) const METRICS: &[(&str, Metric)] = &[
    ("euclidean", Metric::Euclidean),
    ("euclidean-floor", Metric::EuclideanFloor),
    ("haversine", Metric::Haversine),
];

/// The value named `name` in `table`, or a ValidationError for `field` listing the
/// names (`"x" is unknown (expected "a", "b" or "c")`).
pub(crate) fn parse<T: Copy>(field: &str, table: &[(&str, T)], name: &str) -> PyResult<T> {
    if let Some((_, v)) = table.iter().find(|(n, _)| *n == name) {
        return Ok(*v);
    }
    let quoted: Vec<String> = table.iter().map(|(n, _)| format!("\"{n}\"")).collect();
    let (last, rest) = quoted.split_last().expect("a table has names");
    Err(invalid_option(
        field,
        format!(
            "{name:?} is unknown (expected {} or {last})",
            rest.join(", ")
        ),
    ))
}

/// The name of `value` in `table`.
pub(crate) fn name<T: PartialEq>(table: &[(&'static str, T)], value: &T) -> &'static str {
    table
        .iter()
        .find(|(_, v)| v == value)
        .map(|(n, _)| *n)
        .expect("every value has a name")
}
