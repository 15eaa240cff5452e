//! `LSCP`, location set covering.

use super::{any, location_pymethods, radius, radius_field, reduce, CoreModel, Reduced};
use crate::location::arrays::{cost_matrix, opt_to_numpy, opt_vector, sites};
use pyo3::prelude::*;
use yilian::models::location::{CostMatrix, LocationSolution, Lscp};
use yilian::SolveOptions;

/// Location set covering (LSCP): the fewest sites (or the cheapest, with `site_cost`)
/// covering every client within `service_radius`. A client no site covers raises
/// InfeasibleError naming it.
#[pyclass(module = "yilian._yilian", frozen, name = "LSCP")]
pub struct PyLscp {
    cost: CostMatrix,
    radius: f64,
    site_cost: Option<Vec<f64>>,
    forced_open: Vec<usize>,
}

impl CoreModel for PyLscp {
    fn label(&self) -> &'static str {
        "lscp"
    }

    fn matrix(&self) -> &CostMatrix {
        &self.cost
    }

    fn solve_core(&self, options: &SolveOptions) -> yilian::Result<LocationSolution> {
        let mut m = Lscp::new(&self.cost, self.radius).forced_open(self.forced_open.clone());
        if let Some(c) = &self.site_cost {
            m = m.site_cost(c);
        }
        m.solve(options).map_err(radius_field)
    }

    fn write_core(
        &self,
        path: &std::path::Path,
        ids: Option<&yilian::models::location::LocationIds>,
    ) -> yilian::Result<()> {
        let mut m = Lscp::new(&self.cost, self.radius).forced_open(self.forced_open.clone());
        if let Some(c) = &self.site_cost {
            m = m.site_cost(c);
        }
        m.write(path, ids).map_err(radius_field)
    }
}

location_pymethods!(PyLscp {
    #[new]
    #[pyo3(signature = (cost, *, service_radius, site_cost = None, forced_open = None))]
    fn new(
        py: Python<'_>,
        cost: &Bound<'_, PyAny>,
        service_radius: &Bound<'_, PyAny>,
        site_cost: Option<&Bound<'_, PyAny>>,
        forced_open: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Ok(Self {
            cost: cost_matrix(py, cost)?,
            radius: radius(service_radius)?,
            site_cost: opt_vector(py, "site_cost", site_cost)?,
            forced_open: sites("forced_open", forced_open)?,
        })
    }

    /// An LSCP on a clients x sites cost matrix.
    #[staticmethod]
    #[pyo3(signature = (cost, *, service_radius, site_cost = None, forced_open = None))]
    fn from_cost_matrix(
        py: Python<'_>,
        cost: &Bound<'_, PyAny>,
        service_radius: &Bound<'_, PyAny>,
        site_cost: Option<&Bound<'_, PyAny>>,
        forced_open: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Self::new(py, cost, service_radius, site_cost, forced_open)
    }

    /// The covering distance.
    #[getter]
    fn service_radius(&self) -> f64 {
        self.radius
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        reduce(
            py,
            "LSCP",
            self,
            vec![
                ("service_radius", any(py, self.radius)?),
                (
                    "site_cost",
                    any(py, opt_to_numpy(py, self.site_cost.as_deref()))?,
                ),
                ("forced_open", any(py, self.forced_open.clone())?),
            ],
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "LSCP(clients={}, sites={}, service_radius={})",
            self.cost.clients(),
            self.cost.sites(),
            self.radius
        )
    }
});
