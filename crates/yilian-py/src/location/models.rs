//! The location models as Python classes, in PySAL spopt's idiom:
//! `Model.from_cost_matrix(cost, ...)` then `.solve(...)` returning a
//! [`LocationResult`].
//!
//! Each class owns its validated cost matrix (copied once from the array, see
//! [`super::arrays`]) and its vectors; `solve` builds the core model on them and solves
//! it with the GIL released. The core checks every argument (p against the number of
//! sites, lengths and values of weights, demand, capacities, costs, forced sites) when
//! the model is solved, and its message names the argument and the value.

use super::arrays::{cost_matrix, count, matrix_to_numpy, opt_to_numpy, opt_vector, sites, vector};
use super::result::LocationResult;
use crate::errors::{guarded, invalid_option};
use crate::options::solve_options;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::PathBuf;
use yilian::models::location::{
    read_cap, read_pmed, CapacitatedPMedian as CoreCapacitatedPMedian, Cflp, CostMatrix, Lscp,
    Mclp, PCenter as CorePCenter, PCenterFormulation, PMedian as CorePMedian, PMedianFormulation,
    Sourcing,
};
use yilian::{Error, SolveOptions};

/// A radius (`service_radius`): a number; the core checks that it is finite and >= 0.
fn radius(obj: &Bound<'_, PyAny>) -> PyResult<f64> {
    if obj.is_instance_of::<pyo3::types::PyBool>() {
        return Err(invalid_option(
            "service_radius",
            "True/False is not a distance".into(),
        ));
    }
    obj.extract::<f64>().map_err(|_| match obj.repr() {
        Ok(r) => invalid_option("service_radius", format!("{r} is not a number")),
        Err(e) => e,
    })
}

/// The core calls the radius `radius`; Python calls it `service_radius` (spopt's name).
fn radius_field(e: Error) -> Error {
    match e {
        Error::InvalidOption { field, message } if field == "radius" => Error::InvalidOption {
            field: "service_radius".into(),
            message,
        },
        other => other,
    }
}

fn formulation(name: &str) -> PyResult<PMedianFormulation> {
    match name {
        "textbook" => Ok(PMedianFormulation::Textbook),
        "radius" => Ok(PMedianFormulation::Radius),
        "radius-full" => Ok(PMedianFormulation::RadiusFull),
        other => Err(invalid_option(
            "formulation",
            format!("{other:?} is unknown (expected \"radius\", \"radius-full\" or \"textbook\")"),
        )),
    }
}

fn formulation_name(f: PMedianFormulation) -> &'static str {
    match f {
        PMedianFormulation::Textbook => "textbook",
        PMedianFormulation::Radius => "radius",
        PMedianFormulation::RadiusFull => "radius-full",
    }
}

fn center_formulation(name: &str) -> PyResult<PCenterFormulation> {
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

fn center_formulation_name(f: PCenterFormulation) -> &'static str {
    match f {
        PCenterFormulation::Covering => "covering",
        PCenterFormulation::Elloumi => "elloumi",
        PCenterFormulation::Textbook => "textbook",
    }
}

/// Solves with the GIL released and wraps the answer. The core's location models check
/// the options before anything else, so a bad `time_limit` is a ValidationError.
fn run(
    py: Python<'_>,
    model: &str,
    cost: &CostMatrix,
    options: &SolveOptions,
    f: impl FnOnce() -> yilian::Result<yilian::models::location::LocationSolution> + Send,
) -> PyResult<LocationResult> {
    let s = guarded(py, f)?;
    Ok(LocationResult::new(model, options.backend.name(), cost, s))
}

/// `cls(**kwargs)`: rebuilds a pickled model.
#[pyfunction]
pub(crate) fn _location_model<'py>(
    py: Python<'py>,
    kind: &str,
    kwargs: &Bound<'py, PyDict>,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("yilian._yilian")?
        .getattr(kind)?
        .call((), Some(kwargs))
}

/// What `__reduce__` returns: `_location_model` and its arguments.
type Reduced<'py> = (Bound<'py, PyAny>, (String, Bound<'py, PyDict>));

fn reduce<'py>(
    py: Python<'py>,
    kind: &str,
    items: Vec<(&str, Bound<'py, PyAny>)>,
) -> PyResult<Reduced<'py>> {
    let kwargs = PyDict::new(py);
    for (k, v) in items {
        kwargs.set_item(k, v)?;
    }
    let ctor = py.import("yilian._yilian")?.getattr("_location_model")?;
    Ok((ctor, (kind.to_string(), kwargs)))
}

fn any<'py, T: IntoPyObject<'py>>(py: Python<'py>, v: T) -> PyResult<Bound<'py, PyAny>> {
    crate::frames::obj(py, v)
}

/// p-median: open exactly `p` sites, minimising the weighted cost of serving every
/// client from its nearest open site.
///
/// `cost` is clients x sites (any array-like of numbers; copied once); `weights`
/// (one per client) multiply the costs; `forced_open` sites count towards `p`.
/// `formulation`: `"radius"` (default: Lagrangian bound and reductions, then the radius
/// chain truncated and grown until proven), `"radius-full"` (the whole chain in one
/// MIP) or `"textbook"` (`x_ij <= y_j` for every pair, the baseline).
#[pyclass(module = "yilian._yilian", frozen)]
pub struct PMedian {
    cost: CostMatrix,
    p: usize,
    weights: Option<Vec<f64>>,
    forced_open: Vec<usize>,
    formulation: PMedianFormulation,
}

#[pymethods]
impl PMedian {
    #[new]
    #[pyo3(signature = (cost, weights = None, *, p, forced_open = None, formulation = "radius"))]
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
    #[pyo3(signature = (cost, weights = None, *, p, forced_open = None, formulation = "radius"))]
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

    /// A p-median model from an OR-Library `pmed` file (shortest-path distances
    /// between all vertices; `p` from the file).
    #[staticmethod]
    #[pyo3(signature = (path, *, formulation = "radius"))]
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

    /// Solves the model. `backend` defaults to the best compiled in (HiGHS in the
    /// wheel); `time_limit` in seconds; `gap` is the relative MIP gap (HiGHS stops at
    /// 1e-4 by default: pass `gap=0` for a proven optimum). The GIL is released.
    #[pyo3(signature = (backend = None, *, time_limit = None, gap = None, threads = None,
        seed = None, log = false))]
    #[allow(clippy::too_many_arguments)]
    fn solve(
        &self,
        py: Python<'_>,
        backend: Option<&str>,
        time_limit: Option<f64>,
        gap: Option<f64>,
        threads: Option<u32>,
        seed: Option<u32>,
        log: bool,
    ) -> PyResult<LocationResult> {
        let options = solve_options(backend, time_limit, gap, threads, seed, log)?;
        run(py, "p-median", &self.cost, &options, || {
            let mut m = CorePMedian::new(&self.cost, self.p)
                .forced_open(self.forced_open.clone())
                .formulation(self.formulation);
            if let Some(w) = &self.weights {
                m = m.weights(w);
            }
            m.solve(&options)
        })
    }

    /// Number of sites to open.
    #[getter]
    fn p(&self) -> usize {
        self.p
    }

    /// `(clients, sites)` of the cost matrix.
    #[getter]
    fn shape(&self) -> (usize, usize) {
        (self.cost.clients(), self.cost.sites())
    }

    /// A copy of the cost matrix (clients x sites, float64).
    #[getter]
    fn cost<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(matrix_to_numpy(py, &self.cost)?.into_any())
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        reduce(
            py,
            "PMedian",
            vec![
                ("cost", self.cost(py)?),
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

#[pymethods]
impl PCenter {
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
            formulation: center_formulation(formulation)?,
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

    /// Solves the model (see `PMedian.solve`).
    #[pyo3(signature = (backend = None, *, time_limit = None, gap = None, threads = None,
        seed = None, log = false))]
    #[allow(clippy::too_many_arguments)]
    fn solve(
        &self,
        py: Python<'_>,
        backend: Option<&str>,
        time_limit: Option<f64>,
        gap: Option<f64>,
        threads: Option<u32>,
        seed: Option<u32>,
        log: bool,
    ) -> PyResult<LocationResult> {
        let options = solve_options(backend, time_limit, gap, threads, seed, log)?;
        run(py, "p-center", &self.cost, &options, || {
            let mut m = CorePCenter::new(&self.cost, self.p)
                .forced_open(self.forced_open.clone())
                .formulation(self.formulation);
            if let Some(w) = &self.weights {
                m = m.weights(w);
            }
            m.solve(&options)
        })
    }

    /// Number of sites to open.
    #[getter]
    fn p(&self) -> usize {
        self.p
    }

    /// `(clients, sites)` of the cost matrix.
    #[getter]
    fn shape(&self) -> (usize, usize) {
        (self.cost.clients(), self.cost.sites())
    }

    /// A copy of the cost matrix (clients x sites, float64).
    #[getter]
    fn cost<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(matrix_to_numpy(py, &self.cost)?.into_any())
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        reduce(
            py,
            "PCenter",
            vec![
                ("cost", self.cost(py)?),
                (
                    "weights",
                    any(py, opt_to_numpy(py, self.weights.as_deref()))?,
                ),
                ("p", any(py, self.p)?),
                ("forced_open", any(py, self.forced_open.clone())?),
                (
                    "formulation",
                    any(py, center_formulation_name(self.formulation))?,
                ),
            ],
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "PCenter(clients={}, sites={}, p={}, formulation={:?})",
            self.cost.clients(),
            self.cost.sites(),
            self.p,
            center_formulation_name(self.formulation)
        )
    }
}

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

#[pymethods]
impl PyMclp {
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

    /// Solves the model (see `PMedian.solve`).
    #[pyo3(signature = (backend = None, *, time_limit = None, gap = None, threads = None,
        seed = None, log = false))]
    #[allow(clippy::too_many_arguments)]
    fn solve(
        &self,
        py: Python<'_>,
        backend: Option<&str>,
        time_limit: Option<f64>,
        gap: Option<f64>,
        threads: Option<u32>,
        seed: Option<u32>,
        log: bool,
    ) -> PyResult<LocationResult> {
        let options = solve_options(backend, time_limit, gap, threads, seed, log)?;
        run(py, "mclp", &self.cost, &options, || {
            let mut m =
                Mclp::new(&self.cost, self.p, self.radius).forced_open(self.forced_open.clone());
            if let Some(w) = &self.weights {
                m = m.weights(w);
            }
            m.solve(&options).map_err(radius_field)
        })
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

    /// `(clients, sites)` of the cost matrix.
    #[getter]
    fn shape(&self) -> (usize, usize) {
        (self.cost.clients(), self.cost.sites())
    }

    /// A copy of the cost matrix (clients x sites, float64).
    #[getter]
    fn cost<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(matrix_to_numpy(py, &self.cost)?.into_any())
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        reduce(
            py,
            "MCLP",
            vec![
                ("cost", self.cost(py)?),
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
}

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

#[pymethods]
impl PyLscp {
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

    /// Solves the model (see `PMedian.solve`).
    #[pyo3(signature = (backend = None, *, time_limit = None, gap = None, threads = None,
        seed = None, log = false))]
    #[allow(clippy::too_many_arguments)]
    fn solve(
        &self,
        py: Python<'_>,
        backend: Option<&str>,
        time_limit: Option<f64>,
        gap: Option<f64>,
        threads: Option<u32>,
        seed: Option<u32>,
        log: bool,
    ) -> PyResult<LocationResult> {
        let options = solve_options(backend, time_limit, gap, threads, seed, log)?;
        run(py, "lscp", &self.cost, &options, || {
            let mut m = Lscp::new(&self.cost, self.radius).forced_open(self.forced_open.clone());
            if let Some(c) = &self.site_cost {
                m = m.site_cost(c);
            }
            m.solve(&options).map_err(radius_field)
        })
    }

    /// The covering distance.
    #[getter]
    fn service_radius(&self) -> f64 {
        self.radius
    }

    /// `(clients, sites)` of the cost matrix.
    #[getter]
    fn shape(&self) -> (usize, usize) {
        (self.cost.clients(), self.cost.sites())
    }

    /// A copy of the cost matrix (clients x sites, float64).
    #[getter]
    fn cost<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(matrix_to_numpy(py, &self.cost)?.into_any())
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        reduce(
            py,
            "LSCP",
            vec![
                ("cost", self.cost(py)?),
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
}

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

#[pymethods]
impl PyCflp {
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

    /// Solves the model (see `PMedian.solve`).
    #[pyo3(signature = (backend = None, *, time_limit = None, gap = None, threads = None,
        seed = None, log = false))]
    #[allow(clippy::too_many_arguments)]
    fn solve(
        &self,
        py: Python<'_>,
        backend: Option<&str>,
        time_limit: Option<f64>,
        gap: Option<f64>,
        threads: Option<u32>,
        seed: Option<u32>,
        log: bool,
    ) -> PyResult<LocationResult> {
        let options = solve_options(backend, time_limit, gap, threads, seed, log)?;
        let (name, sourcing) = if self.single_source {
            ("cflp-single-source", Sourcing::Single)
        } else {
            ("cflp", Sourcing::Multi)
        };
        run(py, name, &self.cost, &options, || {
            Cflp::new(&self.cost, &self.demand, &self.capacity, &self.fixed_cost)
                .sourcing(sourcing)
                .forced_open(self.forced_open.clone())
                .solve(&options)
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

    /// `(clients, sites)` of the cost matrix.
    #[getter]
    fn shape(&self) -> (usize, usize) {
        (self.cost.clients(), self.cost.sites())
    }

    /// A copy of the cost matrix (clients x sites, float64).
    #[getter]
    fn cost<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(matrix_to_numpy(py, &self.cost)?.into_any())
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        reduce(
            py,
            "CFLP",
            vec![
                ("cost", self.cost(py)?),
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
}

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

#[pymethods]
impl CapacitatedPMedian {
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

    /// Solves the model (see `PMedian.solve`).
    #[pyo3(signature = (backend = None, *, time_limit = None, gap = None, threads = None,
        seed = None, log = false))]
    #[allow(clippy::too_many_arguments)]
    fn solve(
        &self,
        py: Python<'_>,
        backend: Option<&str>,
        time_limit: Option<f64>,
        gap: Option<f64>,
        threads: Option<u32>,
        seed: Option<u32>,
        log: bool,
    ) -> PyResult<LocationResult> {
        let options = solve_options(backend, time_limit, gap, threads, seed, log)?;
        run(py, "capacitated-p-median", &self.cost, &options, || {
            let mut m =
                CoreCapacitatedPMedian::new(&self.cost, self.p, &self.demand, &self.capacity)
                    .forced_open(self.forced_open.clone());
            if let Some(w) = &self.weights {
                m = m.weights(w);
            }
            m.solve(&options)
        })
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

    /// `(clients, sites)` of the cost matrix.
    #[getter]
    fn shape(&self) -> (usize, usize) {
        (self.cost.clients(), self.cost.sites())
    }

    /// A copy of the cost matrix (clients x sites, float64).
    #[getter]
    fn cost<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(matrix_to_numpy(py, &self.cost)?.into_any())
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        reduce(
            py,
            "CapacitatedPMedian",
            vec![
                ("cost", self.cost(py)?),
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
}

/// Reads an OR-Library `pmed` file: `(cost, p)` with `cost` the vertex x vertex
/// shortest-path distances (a float64 array; every vertex is a client and a site).
#[pyfunction]
pub(crate) fn read_pmed_file(py: Python<'_>, path: PathBuf) -> PyResult<(Bound<'_, PyAny>, usize)> {
    let inst = read_pmed(&path).map_err(crate::errors::to_py)?;
    Ok((matrix_to_numpy(py, &inst.cost)?.into_any(), inst.p))
}
