//! The location models as Python classes, in PySAL spopt's idiom:
//! `Model.from_cost_matrix(cost, ...)` then `.solve(...)` returning a
//! [`LocationResult`]. One file a class; what they share is here: the [`CoreModel`]
//! trait (how a class builds and solves its core model) and the
//! [`location_pymethods!`] macro, which adds `solve`, `shape` and `cost` to each class.
//!
//! Each class owns its validated cost matrix (copied once from the array, see
//! [`super::arrays`]) and its vectors; `solve` builds the core model on them and solves
//! it with the GIL released. The core checks every argument (p against the number of
//! sites, lengths and values of weights, demand, capacities, costs, forced sites) when
//! the model is solved, and its message names the argument and the value.

mod capacitated_pmedian;
mod cflp;
mod lscp;
mod mclp;
mod pcenter;
mod pmedian;

pub(crate) use capacitated_pmedian::CapacitatedPMedian;
pub(crate) use cflp::PyCflp;
pub(crate) use lscp::PyLscp;
pub(crate) use mclp::PyMclp;
pub(crate) use pcenter::PCenter;
pub(crate) use pmedian::{read_pmed_file, PMedian};

use super::result::LocationResult;
use crate::errors::{guarded, invalid_option};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use yilian::models::location::{CostMatrix, LocationSolution};
use yilian::{Error, SolveOptions};

/// What a location class does in Rust: name its model and solve the core model on its
/// data. [`location_pymethods!`] turns it into the Python `solve`, `shape` and `cost`.
pub(crate) trait CoreModel: Sync {
    /// The model's name in results (`"p-median"`, `"cflp-single-source"`, ...).
    fn label(&self) -> &'static str;
    /// The cost matrix (clients x sites).
    fn matrix(&self) -> &CostMatrix;
    /// Builds the core model and solves it.
    fn solve_core(&self, options: &SolveOptions) -> yilian::Result<LocationSolution>;
    /// Builds the core model and writes its program (MPS or LP by the suffix).
    fn write_core(
        &self,
        path: &std::path::Path,
        ids: Option<&yilian::models::location::LocationIds>,
    ) -> yilian::Result<()>;
}

/// `write`'s ids: `str()` of each item of `clients` and `sites`, numbered (`c0, ...`,
/// `s0, ...`) where not given.
pub(crate) fn location_ids(
    matrix: &CostMatrix,
    clients: Option<&Bound<'_, PyAny>>,
    sites: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<yilian::models::location::LocationIds>> {
    if clients.is_none() && sites.is_none() {
        return Ok(None);
    }
    let strings = |obj: &Bound<'_, PyAny>| -> PyResult<Vec<String>> {
        obj.try_iter()?
            .map(|item| item.and_then(|i| i.str().map(|s| s.to_string())))
            .collect()
    };
    let mut ids = yilian::models::location::LocationIds::numbered(matrix.clients(), matrix.sites());
    if let Some(c) = clients {
        ids.clients = strings(c)?;
    }
    if let Some(s) = sites {
        ids.sites = strings(s)?;
    }
    Ok(Some(ids))
}

/// Solves with the GIL released and wraps the answer. The core's location models check
/// the options before anything else, so a bad `time_limit` is a ValidationError.
pub(crate) fn solve_model<M: CoreModel>(
    py: Python<'_>,
    model: &M,
    options: SolveOptions,
) -> PyResult<LocationResult> {
    let s = guarded(py, || model.solve_core(&options))?;
    Ok(LocationResult::new(
        model.label(),
        options.backend.name(),
        model.matrix(),
        s,
    ))
}

/// The `#[pymethods]` block of a location class: its own methods (constructors,
/// getters, `__reduce__`, `__repr__`), then the ones every class shares, built on its
/// [`CoreModel`]: `solve`, and the `shape` and `cost` getters.
macro_rules! location_pymethods {
    ($ty:ident { $($methods:tt)* }) => {
        #[pymethods]
        impl $ty {
            $($methods)*

            /// Solves the model. `backend` defaults to the best compiled in (HiGHS in
            /// the wheel); `time_limit` in seconds; `gap` is the relative MIP gap
            /// (HiGHS stops at 1e-4 by default: pass `gap=0` for a proven optimum).
            /// The GIL is released.
            #[pyo3(signature = (backend = None, *, time_limit = None, gap = None,
                threads = None, seed = None, log = false))]
            #[allow(clippy::too_many_arguments)]
            fn solve(
                &self,
                py: Python<'_>,
                backend: Option<&str>,
                time_limit: Option<Bound<'_, PyAny>>,
                gap: Option<Bound<'_, PyAny>>,
                threads: Option<Bound<'_, PyAny>>,
                seed: Option<Bound<'_, PyAny>>,
                log: bool,
            ) -> PyResult<$crate::location::result::LocationResult> {
                let options = $crate::options::solve_options(
                    backend,
                    time_limit.as_ref(),
                    gap.as_ref(),
                    threads.as_ref(),
                    seed.as_ref(),
                    log,
                )?;
                $crate::location::models::solve_model(py, self, options)
            }

            /// Writes the model's program to `path` for another solver (Gurobi, CPLEX,
            /// SCIP, HiGHS): MPS for a `.mps` suffix, LP for `.lp`. Names come from
            /// `clients` and `sites` (sequences of ids, for example a DataFrame's index
            /// and columns; `str()` of each; default `c0, c1, ...` and `s0, s1, ...`):
            /// `open(site)`, `assign(client,site)`, `cover(client)`, ... The file's
            /// optimum is the model's.
            #[pyo3(signature = (path, *, clients = None, sites = None))]
            fn write(
                &self,
                py: Python<'_>,
                path: std::path::PathBuf,
                clients: Option<Bound<'_, PyAny>>,
                sites: Option<Bound<'_, PyAny>>,
            ) -> PyResult<()> {
                let c = $crate::location::models::CoreModel::matrix(self);
                let ids = $crate::location::models::location_ids(c, clients.as_ref(), sites.as_ref())?;
                $crate::errors::guarded(py, || {
                    $crate::location::models::CoreModel::write_core(self, &path, ids.as_ref())
                })
            }

            /// `(clients, sites)` of the cost matrix.
            #[getter]
            fn shape(&self) -> (usize, usize) {
                let c = $crate::location::models::CoreModel::matrix(self);
                (c.clients(), c.sites())
            }

            /// A copy of the cost matrix (clients x sites, float64).
            #[getter]
            fn cost<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let c = $crate::location::models::CoreModel::matrix(self);
                Ok($crate::location::arrays::matrix_to_numpy(py, c)?.into_any())
            }

            /// The model on two GeoDataFrames, in spopt's idiom: `demand` (the clients)
            /// and `sites` (the candidate facilities), their geometry columns
            /// `demand_col` and `facility_col` (points), and the model's arguments as
            /// columns (`weights_cols`, `facility_capacity_col`,
            /// `predefined_facility_col`, ...). Distances are `distance_metric`
            /// `"euclidean"` (in the frames' projected CRS) or `"haversine"` (km, after
            /// conversion to EPSG:4326). Needs geopandas (`pip install yilian[geo]`);
            /// the arguments of each model are documented in `yilian.geo`.
            #[staticmethod]
            #[pyo3(signature = (*args, **kwargs))]
            fn from_geodataframe<'py>(
                py: Python<'py>,
                args: &Bound<'py, pyo3::types::PyTuple>,
                kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let name = <Self as pyo3::PyTypeInfo>::NAME;
                $crate::location::models::geo_call(py, name, args, kwargs)
            }
        }
    };
}
pub(crate) use location_pymethods;

/// A radius (`service_radius`): a number; the core checks that it is finite and >= 0.
pub(crate) fn radius(obj: &Bound<'_, PyAny>) -> PyResult<f64> {
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
pub(crate) fn radius_field(e: Error) -> Error {
    match e {
        Error::InvalidOption { field, message } if field == "radius" => Error::InvalidOption {
            field: "service_radius".into(),
            message,
        },
        other => other,
    }
}

/// `from_geodataframe` of the class named `class_name` (its Python name): delegates
/// to the Python function `yilian.geo._from_geodataframe(class_name, *args, **kwargs)`, which reads
/// the frames and calls the class's `from_cost_matrix`.
pub(crate) fn geo_call<'py>(
    py: Python<'py>,
    class_name: &str,
    args: &Bound<'py, pyo3::types::PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let f = py.import("yilian.geo")?.getattr("_from_geodataframe")?;
    let mut all = vec![class_name.into_pyobject(py)?.into_any()];
    all.extend(args.iter());
    f.call(pyo3::types::PyTuple::new(py, all)?, kwargs)
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
pub(crate) type Reduced<'py> = (Bound<'py, PyAny>, (String, Bound<'py, PyDict>));

/// `__reduce__` of a class named `kind` (its Python name) with these keyword
/// arguments; the cost matrix is added first.
pub(crate) fn reduce<'py, M: CoreModel>(
    py: Python<'py>,
    kind: &str,
    model: &M,
    items: Vec<(&str, Bound<'py, PyAny>)>,
) -> PyResult<Reduced<'py>> {
    let kwargs = PyDict::new(py);
    kwargs.set_item("cost", super::arrays::matrix_to_numpy(py, model.matrix())?)?;
    for (k, v) in items {
        kwargs.set_item(k, v)?;
    }
    let ctor = py.import("yilian._yilian")?.getattr("_location_model")?;
    Ok((ctor, (kind.to_string(), kwargs)))
}

/// Any value as a Python object.
pub(crate) fn any<'py, T: IntoPyObject<'py>>(py: Python<'py>, v: T) -> PyResult<Bound<'py, PyAny>> {
    crate::frames::obj(py, v)
}
