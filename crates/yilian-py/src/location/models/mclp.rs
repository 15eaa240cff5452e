//! `MCLP`, maximal covering.

use super::{any, location_pymethods, radius, radius_field, reduce, CoreModel, Reduced};
use crate::location::arrays::{cost_matrix, count, opt_to_numpy, opt_vector, sites};
use pyo3::prelude::*;
use yilian::models::location::{CostMatrix, LocationSolution, Mclp};
use yilian::SolveOptions;

/// Maximal covering (MCLP): open `p` sites covering the most client weight, a client
/// being covered by an open site with `cost <= service_radius`. The objective is the
/// covered weight; uncovered clients have an empty assignment.
#[pyclass(module = "yilian._yilian", frozen, name = "MCLP")]
pub struct PyMclp {
    cost: CostMatrix,
    p: usize,
    radius: f64,
    weights: Option<Vec<f64>>,
    forced_open: Vec<usize>,
}

impl CoreModel for PyMclp {
    fn label(&self) -> &'static str {
        "mclp"
    }

    fn matrix(&self) -> &CostMatrix {
        &self.cost
    }

    fn solve_core(&self, options: &SolveOptions) -> yilian::Result<LocationSolution> {
        let mut m =
            Mclp::new(&self.cost, self.p, self.radius).forced_open(self.forced_open.clone());
        if let Some(w) = &self.weights {
            m = m.weights(w);
        }
        m.solve(options).map_err(radius_field)
    }

    fn write_core(
        &self,
        path: &std::path::Path,
        ids: Option<&yilian::models::location::LocationIds>,
    ) -> yilian::Result<()> {
        let mut m =
            Mclp::new(&self.cost, self.p, self.radius).forced_open(self.forced_open.clone());
        if let Some(w) = &self.weights {
            m = m.weights(w);
        }
        m.write(path, ids).map_err(radius_field)
    }
}

location_pymethods!(PyMclp {
    #[new]
    #[pyo3(signature = (cost, weights = None, *, service_radius, p, forced_open = None))]
    fn new(
        py: Python<'_>,
        cost: &Bound<'_, PyAny>,
        weights: Option<&Bound<'_, PyAny>>,
        service_radius: &Bound<'_, PyAny>,
        p: &Bound<'_, PyAny>,
        forced_open: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Ok(Self {
            cost: cost_matrix(py, cost)?,
            p: count("p", p)?,
            radius: radius(service_radius)?,
            weights: opt_vector(py, "weights", weights)?,
            forced_open: sites("forced_open", forced_open)?,
        })
    }

    /// An MCLP on a clients x sites cost matrix.
    #[staticmethod]
    #[pyo3(signature = (cost, weights = None, *, service_radius, p, forced_open = None))]
    fn from_cost_matrix(
        py: Python<'_>,
        cost: &Bound<'_, PyAny>,
        weights: Option<&Bound<'_, PyAny>>,
        service_radius: &Bound<'_, PyAny>,
        p: &Bound<'_, PyAny>,
        forced_open: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Self::new(py, cost, weights, service_radius, p, forced_open)
    }

    /// Number of sites to open.
    #[getter]
    fn p(&self) -> usize {
        self.p
    }

    /// The covering distance.
    #[getter]
    fn service_radius(&self) -> f64 {
        self.radius
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        reduce(
            py,
            "MCLP",
            self,
            vec![
                (
                    "weights",
                    any(py, opt_to_numpy(py, self.weights.as_deref()))?,
                ),
                ("service_radius", any(py, self.radius)?),
                ("p", any(py, self.p)?),
                ("forced_open", any(py, self.forced_open.clone())?),
            ],
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "MCLP(clients={}, sites={}, p={}, service_radius={})",
            self.cost.clients(),
            self.cost.sites(),
            self.p,
            self.radius
        )
    }
});
