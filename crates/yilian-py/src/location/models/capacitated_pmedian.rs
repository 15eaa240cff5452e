//! `CapacitatedPMedian`.

use super::{any, location_pymethods, reduce, CoreModel, Reduced};
use crate::location::arrays::{cost_matrix, count, opt_to_numpy, opt_vector, sites, vector};
use pyo3::prelude::*;
use yilian::models::location::{
    CapacitatedPMedian as CoreCapacitatedPMedian, CostMatrix, LocationSolution,
};
use yilian::SolveOptions;

/// Capacitated p-median: open exactly `p` sites of limited capacity and assign each
/// client wholly to one open site, minimising the weighted assignment cost.
#[pyclass(module = "yilian._yilian", frozen)]
pub struct CapacitatedPMedian {
    cost: CostMatrix,
    p: usize,
    demand: Vec<f64>,
    capacity: Vec<f64>,
    weights: Option<Vec<f64>>,
    forced_open: Vec<usize>,
}

impl CoreModel for CapacitatedPMedian {
    fn label(&self) -> &'static str {
        "capacitated-p-median"
    }

    fn matrix(&self) -> &CostMatrix {
        &self.cost
    }

    fn solve_core(&self, options: &SolveOptions) -> yilian::Result<LocationSolution> {
        let mut m = CoreCapacitatedPMedian::new(&self.cost, self.p, &self.demand, &self.capacity)
            .forced_open(self.forced_open.clone());
        if let Some(w) = &self.weights {
            m = m.weights(w);
        }
        m.solve(options)
    }

    fn write_core(
        &self,
        path: &std::path::Path,
        ids: Option<&yilian::models::location::LocationIds>,
    ) -> yilian::Result<()> {
        let mut m = CoreCapacitatedPMedian::new(&self.cost, self.p, &self.demand, &self.capacity)
            .forced_open(self.forced_open.clone());
        if let Some(w) = &self.weights {
            m = m.weights(w);
        }
        m.write(path, ids)
    }
}

location_pymethods!(CapacitatedPMedian {
    #[new]
    #[pyo3(signature = (cost, weights = None, *, p, demand, capacity, forced_open = None))]
    fn new(
        py: Python<'_>,
        cost: &Bound<'_, PyAny>,
        weights: Option<&Bound<'_, PyAny>>,
        p: &Bound<'_, PyAny>,
        demand: &Bound<'_, PyAny>,
        capacity: &Bound<'_, PyAny>,
        forced_open: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Ok(Self {
            cost: cost_matrix(py, cost)?,
            p: count("p", p)?,
            demand: vector(py, "demand", demand)?,
            capacity: vector(py, "capacity", capacity)?,
            weights: opt_vector(py, "weights", weights)?,
            forced_open: sites("forced_open", forced_open)?,
        })
    }

    /// A capacitated p-median model on a clients x sites cost matrix.
    #[staticmethod]
    #[pyo3(signature = (cost, weights = None, *, p, demand, capacity, forced_open = None))]
    fn from_cost_matrix(
        py: Python<'_>,
        cost: &Bound<'_, PyAny>,
        weights: Option<&Bound<'_, PyAny>>,
        p: &Bound<'_, PyAny>,
        demand: &Bound<'_, PyAny>,
        capacity: &Bound<'_, PyAny>,
        forced_open: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Self::new(py, cost, weights, p, demand, capacity, forced_open)
    }

    /// Number of sites to open.
    #[getter]
    fn p(&self) -> usize {
        self.p
    }

    /// Demand of each client.
    #[getter]
    fn demand(&self) -> Vec<f64> {
        self.demand.clone()
    }

    /// Capacity of each site.
    #[getter]
    fn capacity(&self) -> Vec<f64> {
        self.capacity.clone()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        reduce(
            py,
            "CapacitatedPMedian",
            self,
            vec![
                (
                    "weights",
                    any(py, opt_to_numpy(py, self.weights.as_deref()))?,
                ),
                ("p", any(py, self.p)?),
                ("demand", any(py, opt_to_numpy(py, Some(&self.demand)))?),
                ("capacity", any(py, opt_to_numpy(py, Some(&self.capacity)))?),
                ("forced_open", any(py, self.forced_open.clone())?),
            ],
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "CapacitatedPMedian(clients={}, sites={}, p={})",
            self.cost.clients(),
            self.cost.sites(),
            self.p
        )
    }
});
