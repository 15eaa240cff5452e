//! `CFLP`, capacitated facility location (multi- or single-source).

use super::{any, location_pymethods, reduce, CoreModel, Reduced};
use crate::location::arrays::{cost_matrix, opt_to_numpy, sites, vector};
use pyo3::prelude::*;
use std::path::PathBuf;
use yilian::models::location::{read_cap, Cflp, CostMatrix, LocationSolution, Sourcing};
use yilian::SolveOptions;

/// Capacitated facility location: open sites (fixed cost, capacity) and serve every
/// client's demand at least cost; split across sites, or wholly from one site with
/// `single_source=True`. Objective: fixed costs + sum of `cost[i, j]` x fraction.
#[pyclass(module = "yilian._yilian", frozen, name = "CFLP")]
pub struct PyCflp {
    cost: CostMatrix,
    demand: Vec<f64>,
    capacity: Vec<f64>,
    fixed_cost: Vec<f64>,
    single_source: bool,
    forced_open: Vec<usize>,
}

impl CoreModel for PyCflp {
    fn label(&self) -> &'static str {
        if self.single_source {
            "cflp-single-source"
        } else {
            "cflp"
        }
    }

    fn matrix(&self) -> &CostMatrix {
        &self.cost
    }

    fn solve_core(&self, options: &SolveOptions) -> yilian::Result<LocationSolution> {
        let sourcing = if self.single_source {
            Sourcing::Single
        } else {
            Sourcing::Multi
        };
        Cflp::new(&self.cost, &self.demand, &self.capacity, &self.fixed_cost)
            .sourcing(sourcing)
            .forced_open(self.forced_open.clone())
            .solve(options)
    }

    fn write_core(
        &self,
        path: &std::path::Path,
        ids: Option<&yilian::models::location::LocationIds>,
    ) -> yilian::Result<()> {
        let sourcing = if self.single_source {
            Sourcing::Single
        } else {
            Sourcing::Multi
        };
        Cflp::new(&self.cost, &self.demand, &self.capacity, &self.fixed_cost)
            .sourcing(sourcing)
            .forced_open(self.forced_open.clone())
            .write(path, ids)
    }
}

location_pymethods!(PyCflp {
    #[new]
    #[pyo3(signature = (cost, *, demand, capacity, fixed_cost, single_source = false,
        forced_open = None))]
    fn new(
        py: Python<'_>,
        cost: &Bound<'_, PyAny>,
        demand: &Bound<'_, PyAny>,
        capacity: &Bound<'_, PyAny>,
        fixed_cost: &Bound<'_, PyAny>,
        single_source: bool,
        forced_open: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Ok(Self {
            cost: cost_matrix(py, cost)?,
            demand: vector(py, "demand", demand)?,
            capacity: vector(py, "capacity", capacity)?,
            fixed_cost: vector(py, "fixed_cost", fixed_cost)?,
            single_source,
            forced_open: sites("forced_open", forced_open)?,
        })
    }

    /// A CFLP on a clients x sites cost matrix (cost of serving all of a client).
    #[staticmethod]
    #[pyo3(signature = (cost, *, demand, capacity, fixed_cost, single_source = false,
        forced_open = None))]
    fn from_cost_matrix(
        py: Python<'_>,
        cost: &Bound<'_, PyAny>,
        demand: &Bound<'_, PyAny>,
        capacity: &Bound<'_, PyAny>,
        fixed_cost: &Bound<'_, PyAny>,
        single_source: bool,
        forced_open: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Self::new(
            py,
            cost,
            demand,
            capacity,
            fixed_cost,
            single_source,
            forced_open,
        )
    }

    /// A CFLP from an OR-Library `cap` file; `capacity` replaces the placeholder
    /// word `capacity` of capa/capb/capc.
    #[staticmethod]
    #[pyo3(signature = (path, *, capacity = None, single_source = false))]
    fn from_orlib(path: PathBuf, capacity: Option<f64>, single_source: bool) -> PyResult<Self> {
        let inst = read_cap(&path, capacity).map_err(crate::errors::to_py)?;
        Ok(Self {
            cost: inst.cost,
            demand: inst.demand,
            capacity: inst.capacity,
            fixed_cost: inst.fixed_cost,
            single_source,
            forced_open: Vec::new(),
        })
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

    /// Fixed opening cost of each site.
    #[getter]
    fn fixed_cost(&self) -> Vec<f64> {
        self.fixed_cost.clone()
    }

    /// Whether each client is served by one site.
    #[getter]
    fn single_source(&self) -> bool {
        self.single_source
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        reduce(
            py,
            "CFLP",
            self,
            vec![
                ("demand", any(py, opt_to_numpy(py, Some(&self.demand)))?),
                ("capacity", any(py, opt_to_numpy(py, Some(&self.capacity)))?),
                (
                    "fixed_cost",
                    any(py, opt_to_numpy(py, Some(&self.fixed_cost)))?,
                ),
                ("single_source", any(py, self.single_source)?),
                ("forced_open", any(py, self.forced_open.clone())?),
            ],
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "CFLP(clients={}, sites={}, single_source={})",
            self.cost.clients(),
            self.cost.sites(),
            if self.single_source { "True" } else { "False" }
        )
    }
});
