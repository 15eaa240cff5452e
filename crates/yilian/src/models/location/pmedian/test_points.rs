//! Test instances shared by the p-median modules' unit tests.

use crate::models::location::CostMatrix;

/// Points on a line, each a client and a site; cost = distance.
pub(super) fn line(x: &[f64]) -> CostMatrix {
    let rows: Vec<Vec<f64>> = x
        .iter()
        .map(|a| x.iter().map(|b| (a - b).abs()).collect())
        .collect();
    CostMatrix::from_rows(&rows).unwrap()
}
