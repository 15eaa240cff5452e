//! `PMedian`, and the OR-Library `pmed` reader.

use super::{any, location_pymethods, reduce, CoreModel, Reduced};
use crate::errors::invalid_option;
use crate::location::arrays::{
    cost_matrix, count, matrix_to_numpy, opt_to_numpy, opt_vector, points, sites,
};
use pyo3::prelude::*;
use std::path::PathBuf;
use yilian::models::location::{
    read_pmed, read_tsplib, CostMatrix, LocationSolution, Metric, PMedian as CorePMedian,
    PMedianFormulation,
};
use yilian::SolveOptions;

fn formulation(name: &str) -> PyResult<PMedianFormulation> {
    match name {
        "auto" => Ok(PMedianFormulation::Auto),
        "benders" => Ok(PMedianFormulation::Benders),
        "textbook" => Ok(PMedianFormulation::Textbook),
        "radius" => Ok(PMedianFormulation::Radius),
        "radius-full" => Ok(PMedianFormulation::RadiusFull),
        other => Err(invalid_option(
            "formulation",
            format!(
                "{other:?} is unknown (expected \"auto\", \"benders\", \"radius\", \
                 \"radius-full\" or \"textbook\")"
            ),
        )),
    }
}

fn formulation_name(f: PMedianFormulation) -> &'static str {
    match f {
        PMedianFormulation::Auto => "auto",
        PMedianFormulation::Benders => "benders",
        PMedianFormulation::Textbook => "textbook",
        PMedianFormulation::Radius => "radius",
        PMedianFormulation::RadiusFull => "radius-full",
    }
}

/// p-median: open exactly `p` sites, minimising the weighted cost of serving every
/// client from its nearest open site.
///
/// `cost` is clients x sites (any array-like of numbers; copied once); `weights`
/// (one per client) multiply the costs; `forced_open` sites count towards `p`.
/// `formulation`: `"auto"` (default: `"benders"` with HiGHS when `p` is at least 5 % of
/// the sites, else `"radius"`), `"benders"` (two-phase Benders decomposition of the
/// radius formulation, HiGHS only), `"radius"` (Lagrangian bound and reductions, a
/// Lagrangian branch and bound, then the radius chain truncated and grown until
/// proven), `"radius-full"` (the whole chain in one MIP) or `"textbook"` (`x_ij <= y_j`
/// for every pair, the baseline).
#[pyclass(module = "yilian._yilian", frozen)]
pub struct PMedian {
    cost: CostMatrix,
    p: usize,
    weights: Option<Vec<f64>>,
    forced_open: Vec<usize>,
    formulation: PMedianFormulation,
}

impl CoreModel for PMedian {
    fn label(&self) -> &'static str {
        "p-median"
    }

    fn matrix(&self) -> &CostMatrix {
        &self.cost
    }

    fn solve_core(&self, options: &SolveOptions) -> yilian::Result<LocationSolution> {
        let mut m = CorePMedian::new(&self.cost, self.p)
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
        let mut m = CorePMedian::new(&self.cost, self.p)
            .forced_open(self.forced_open.clone())
            .formulation(self.formulation);
        if let Some(w) = &self.weights {
            m = m.weights(w);
        }
        m.write(path, ids)
    }
}

location_pymethods!(PMedian {
    #[new]
    #[pyo3(signature = (cost, weights = None, *, p, forced_open = None, formulation = "auto"))]
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

    /// A p-median model on a clients x sites cost matrix (spopt's constructor).
    #[staticmethod]
    #[pyo3(signature = (cost, weights = None, *, p, forced_open = None, formulation = "auto"))]
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

    /// A p-median model on point coordinates: `clients` and `sites` are n x 2 arrays
    /// (`sites` defaults to the clients: every point a client and a candidate site);
    /// `metric` is `"euclidean"` (points `(x, y)`), `"euclidean-floor"` (the
    /// Euclidean distance rounded down, as in the TSPLIB p-median literature) or
    /// `"haversine"` (points `(longitude, latitude)` in degrees, kilometres on the
    /// 6371.0088 km sphere). The distances are computed once into the cost matrix.
    #[staticmethod]
    #[pyo3(signature = (clients, sites = None, weights = None, *, p, metric = "euclidean", forced_open = None, formulation = "auto"))]
    #[allow(clippy::too_many_arguments)]
    fn from_points(
        py: Python<'_>,
        clients: &Bound<'_, PyAny>,
        sites: Option<&Bound<'_, PyAny>>,
        weights: Option<&Bound<'_, PyAny>>,
        p: &Bound<'_, PyAny>,
        metric: &str,
        forced_open: Option<&Bound<'_, PyAny>>,
        formulation: &str,
    ) -> PyResult<Self> {
        let metric = match metric {
            "euclidean" => Metric::Euclidean,
            "euclidean-floor" => Metric::EuclideanFloor,
            "haversine" => Metric::Haversine,
            other => {
                return Err(invalid_option(
                    "metric",
                    format!(
                        "{other:?} is unknown (expected \"euclidean\", \"euclidean-floor\" \
                         or \"haversine\")"
                    ),
                ))
            }
        };
        let c = points(py, "clients", clients)?;
        let s = match sites {
            Some(s) => points(py, "sites", s)?,
            None => c.clone(),
        };
        Ok(Self {
            cost: CostMatrix::from_points(&c, &s, metric).map_err(crate::errors::to_py)?,
            p: count("p", p)?,
            weights: opt_vector(py, "weights", weights)?,
            forced_open: self::sites("forced_open", forced_open)?,
            formulation: self::formulation(formulation)?,
        })
    }

    /// A p-median model on a TSPLIB `EUC_2D` file (every node a client and a site,
    /// distances the Euclidean distance rounded down, as in the p-median literature).
    #[staticmethod]
    #[pyo3(signature = (path, *, p, formulation = "auto"))]
    fn from_tsplib(path: PathBuf, p: &Bound<'_, PyAny>, formulation: &str) -> PyResult<Self> {
        let inst = read_tsplib(&path).map_err(crate::errors::to_py)?;
        Ok(Self {
            cost: inst.cost().map_err(crate::errors::to_py)?,
            p: count("p", p)?,
            weights: None,
            forced_open: Vec::new(),
            formulation: self::formulation(formulation)?,
        })
    }

    /// A p-median model from an OR-Library `pmed` file (shortest-path distances
    /// between all vertices; `p` from the file).
    #[staticmethod]
    #[pyo3(signature = (path, *, formulation = "auto"))]
    fn from_orlib(path: PathBuf, formulation: &str) -> PyResult<Self> {
        let inst = read_pmed(&path).map_err(crate::errors::to_py)?;
        Ok(Self {
            cost: inst.cost,
            p: inst.p,
            weights: None,
            forced_open: Vec::new(),
            formulation: self::formulation(formulation)?,
        })
    }

    /// Number of sites to open.
    #[getter]
    fn p(&self) -> usize {
        self.p
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        reduce(
            py,
            "PMedian",
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
            "PMedian(clients={}, sites={}, p={}, formulation={:?})",
            self.cost.clients(),
            self.cost.sites(),
            self.p,
            formulation_name(self.formulation)
        )
    }
});

/// Reads an OR-Library `pmed` file: `(cost, p)` with `cost` the vertex x vertex
/// shortest-path distances (a float64 array; every vertex is a client and a site).
#[pyfunction]
pub(crate) fn read_pmed_file(py: Python<'_>, path: PathBuf) -> PyResult<(Bound<'_, PyAny>, usize)> {
    let inst = read_pmed(&path).map_err(crate::errors::to_py)?;
    Ok((matrix_to_numpy(py, &inst.cost)?.into_any(), inst.p))
}
