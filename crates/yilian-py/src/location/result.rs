//! `LocationResult`: the answer of a location model, as Python sees it.

use crate::errors::invalid_option;
use crate::frames::frame;
use numpy::PyArray1;
use pyo3::prelude::*;
use yilian::models::location::{CostMatrix, LocationSolution};
use yilian::Status;

/// One served share: (client, site, fraction of the client, unweighted cost c_ij).
type Served = (usize, usize, f64, f64);

/// The answer of a location model: open sites, who serves whom, and how good it is.
#[pyclass(module = "yilian._yilian", frozen)]
pub struct LocationResult {
    model: String,
    backend: String,
    clients: usize,
    sites: usize,
    open: Vec<usize>,
    served: Vec<Served>,
    objective: f64,
    bound: Option<f64>,
    gap: Option<f64>,
    status: Status,
    build_seconds: f64,
    solve_seconds: f64,
    size: (usize, usize, usize),
}

impl LocationResult {
    pub(crate) fn new(model: &str, backend: &str, cost: &CostMatrix, s: LocationSolution) -> Self {
        let served = s
            .assignment
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.iter().map(move |&(j, f)| (i, j, f, cost.get(i, j))))
            .collect();
        Self {
            model: model.into(),
            backend: backend.into(),
            clients: cost.clients(),
            sites: cost.sites(),
            open: s.open,
            served,
            objective: s.objective,
            bound: s.bound,
            gap: s.gap,
            status: s.status,
            build_seconds: s.build_seconds,
            solve_seconds: s.solve_seconds,
            size: s.size,
        }
    }
}

/// The pickled state of a result (see `__reduce__`).
type State = (
    String,
    String,
    (usize, usize),
    Vec<usize>,
    Vec<Served>,
    f64,
    Option<f64>,
    Option<f64>,
    String,
    (f64, f64),
    (usize, usize, usize),
);

#[pymethods]
impl LocationResult {
    /// Objective value of the returned solution (for MCLP: the covered weight,
    /// maximised; for LSCP: the number or total cost of open sites).
    #[getter]
    fn objective(&self) -> f64 {
        self.objective
    }

    /// Best proven bound on the objective (the backend's MIP bound or one the model
    /// proves: Lagrangian, candidate radii), when known; never clipped to the objective.
    #[getter]
    fn bound(&self) -> Option<f64> {
        self.bound
    }

    /// `|objective - bound| / max(|objective|, 1)`, when the bound is known.
    #[getter]
    fn gap(&self) -> Option<f64> {
        self.gap
    }

    /// `"optimal"` (proven), `"gap_limit"` (within the requested gap) or `"time_limit"`
    /// (stopped by the time limit with a feasible solution).
    #[getter]
    fn status(&self) -> &'static str {
        self.status.as_str()
    }

    /// The model solved: `"p-median"`, `"p-center"`, `"mclp"`, `"lscp"`, `"cflp"`,
    /// `"cflp-single-source"` or `"capacitated-p-median"`.
    #[getter]
    fn model(&self) -> &str {
        &self.model
    }

    /// Backend that solved the model.
    #[getter]
    fn backend(&self) -> &str {
        &self.backend
    }

    /// Indices of the open sites, ascending.
    #[getter]
    fn open_sites(&self) -> Vec<usize> {
        self.open.clone()
    }

    /// For each client, the list of `(site, fraction)` serving it (fractions sum to 1;
    /// one entry for single-source models; empty for a client MCLP leaves uncovered).
    #[getter]
    fn assignment(&self) -> Vec<Vec<(usize, f64)>> {
        let mut out = vec![Vec::new(); self.clients];
        for &(i, j, f, _) in &self.served {
            out[i].push((j, f));
        }
        out
    }

    /// For each client, the site serving its largest share, or -1 when none does
    /// (a numpy int64 array of length clients).
    #[getter]
    fn client_site<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        let mut best = vec![(-1_i64, 0.0_f64); self.clients];
        for &(i, j, f, _) in &self.served {
            if best[i].0 < 0 || f > best[i].1 {
                best[i] = (j as i64, f);
            }
        }
        PyArray1::from_iter(py, best.into_iter().map(|b| b.0))
    }

    /// Number of clients (rows of the cost matrix).
    #[getter]
    fn clients(&self) -> usize {
        self.clients
    }

    /// Number of candidate sites (columns of the cost matrix).
    #[getter]
    fn sites(&self) -> usize {
        self.sites
    }

    /// Seconds spent building the program.
    #[getter]
    fn build_seconds(&self) -> f64 {
        self.build_seconds
    }

    /// Seconds spent by the solver (including loading the program).
    #[getter]
    fn solve_seconds(&self) -> f64 {
        self.solve_seconds
    }

    /// Size of the program handed to the solver: `(columns, rows, nonzeros)`.
    #[getter]
    fn size(&self) -> (usize, usize, usize) {
        self.size
    }

    /// The assignment as a pandas DataFrame with columns `client`, `site`,
    /// `fraction` and `cost` (the unweighted cost of serving all of the client from
    /// the site); one row per served share, ordered by client.
    fn to_frame<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        frame!(py, &self.served, |&(i, j, f, c)| [
            "client" => i,
            "site" => j,
            "fraction" => f,
            "cost" => c,
        ])
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (State,))> {
        let ctor = crate::module_attr(py, "_location_result")?;
        Ok((
            ctor,
            ((
                self.model.clone(),
                self.backend.clone(),
                (self.clients, self.sites),
                self.open.clone(),
                self.served.clone(),
                self.objective,
                self.bound,
                self.gap,
                self.status.as_str().to_string(),
                (self.build_seconds, self.solve_seconds),
                self.size,
            ),),
        ))
    }

    fn __eq__(&self, other: &Self) -> bool {
        (
            &self.model,
            &self.open,
            &self.served,
            self.objective,
            self.status,
        ) == (
            &other.model,
            &other.open,
            &other.served,
            other.objective,
            other.status,
        )
    }

    fn __repr__(&self) -> String {
        format!(
            "LocationResult(model={:?}, status={:?}, objective={}, open_sites={:?}, backend={:?})",
            self.model,
            self.status.as_str(),
            self.objective,
            self.open,
            self.backend
        )
    }
}

/// Rebuilds a LocationResult from its pickled state.
#[pyfunction]
pub(crate) fn _location_result(state: State) -> PyResult<LocationResult> {
    let (
        model,
        backend,
        (clients, sites),
        open,
        served,
        objective,
        bound,
        gap,
        status,
        (build_seconds, solve_seconds),
        size,
    ) = state;
    let Some(status) = Status::parse(&status) else {
        return Err(invalid_option("status", format!("{status:?} is unknown")));
    };
    Ok(LocationResult {
        model,
        backend,
        clients,
        sites,
        open,
        served,
        objective,
        bound,
        gap,
        status,
        build_seconds,
        solve_seconds,
        size,
    })
}
