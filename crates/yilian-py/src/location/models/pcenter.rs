//! `PCenter`.

use super::{any, location_pymethods, reduce, CoreModel, Reduced};
use crate::errors::invalid_option;
use crate::location::arrays::{cost_matrix, count, opt_to_numpy, opt_vector, sites};
use pyo3::prelude::*;
use yilian::models::location::{
    CostMatrix, LocationSolution, PCenter as CorePCenter, PCenterFormulation,
};
use yilian::SolveOptions;

fn formulation(name: &str) -> PyResult<PCenterFormulation> {
    match name {
        "covering" => Ok(PCenterFormulation::Covering),
        "elloumi" => Ok(PCenterFormulation::Elloumi),
        "textbook" => Ok(PCenterFormulation::Textbook),
        other => Err(invalid_option(
            "formulation",
            format!("{other:?} is unknown (expected \"covering\", \"elloumi\" or \"textbook\")"),
        )),
    }
}

fn formulation_name(f: PCenterFormulation) -> &'static str {
    match f {
        PCenterFormulation::Covering => "covering",
        PCenterFormulation::Elloumi => "elloumi",
        PCenterFormulation::Textbook => "textbook",
    }
}

/// p-center: open `p` sites minimising the largest weighted cost of a client to its
/// nearest open site.
///
/// `formulation`: `"covering"` (default: bisection over the candidate radii with
/// set-covering MIPs on a growing client subset, exact), `"elloumi"` (one
/// radius-indicator MIP) or `"textbook"` (the baseline).
#[pyclass(module = "yilian._yilian", frozen)]
pub struct PCenter {
    cost: CostMatrix,
    p: usize,
    weights: Option<Vec<f64>>,
    forced_open: Vec<usize>,
    formulation: PCenterFormulation,
}

impl CoreModel for PCenter {
    fn label(&self) -> &'static str {
        "p-center"
    }

    fn matrix(&self) -> &CostMatrix {
        &self.cost
    }

    fn solve_core(&self, options: &SolveOptions) -> yilian::Result<LocationSolution> {
        let mut m = CorePCenter::new(&self.cost, self.p)
            .forced_open(self.forced_open.clone())
            .formulation(self.formulation);
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
        let mut m = CorePCenter::new(&self.cost, self.p)
            .forced_open(self.forced_open.clone())
            .formulation(self.formulation);
        if let Some(w) = &self.weights {
            m = m.weights(w);
        }
        m.write(path, ids)
    }
}

location_pymethods!(PCenter {
    #[new]
    #[pyo3(signature = (cost, weights = None, *, p, forced_open = None, formulation = "covering"))]
    fn new(
        py: Python<'_>,
        cost: &Bound<'_, PyAny>,
        weights: Option<&Bound<'_, PyAny>>,
        p: &Bound<'_, PyAny>,
        forced_open: Option<&Bound<'_, PyAny>>,
        formulation: &str,
    ) -> PyResult<Self> {
        Ok(Self {
            cost: cost_matrix(py, cost)?,
            p: count("p", p)?,
            weights: opt_vector(py, "weights", weights)?,
            forced_open: sites("forced_open", forced_open)?,
            formulation: self::formulation(formulation)?,
        })
    }

    /// A p-center model on a clients x sites cost matrix.
    #[staticmethod]
    #[pyo3(signature = (cost, weights = None, *, p, forced_open = None, formulation = "covering"))]
    fn from_cost_matrix(
        py: Python<'_>,
        cost: &Bound<'_, PyAny>,
        weights: Option<&Bound<'_, PyAny>>,
        p: &Bound<'_, PyAny>,
        forced_open: Option<&Bound<'_, PyAny>>,
        formulation: &str,
    ) -> PyResult<Self> {
        Self::new(py, cost, weights, p, forced_open, formulation)
    }

    /// Number of sites to open.
    #[getter]
    fn p(&self) -> usize {
        self.p
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        reduce(
            py,
            "PCenter",
            self,
            vec![
                (
                    "weights",
                    any(py, opt_to_numpy(py, self.weights.as_deref()))?,
                ),
                ("p", any(py, self.p)?),
                ("forced_open", any(py, self.forced_open.clone())?),
                ("formulation", any(py, formulation_name(self.formulation))?),
            ],
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "PCenter(clients={}, sites={}, p={}, formulation={:?})",
            self.cost.clients(),
            self.cost.sites(),
            self.p,
            formulation_name(self.formulation)
        )
    }
});
