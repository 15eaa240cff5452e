//! The location models as Python classes, in PySAL spopt's idiom:
//! `Model.from_cost_matrix(cost, ...)` then `.solve(...)` returning a
//! [`LocationResult`]. The six classes are declared in [`classes`], each by one
//! [`location_class!`]; what they share is here: the [`CoreModel`] trait (how a class
//! builds and solves its core model), the generator macro and the helpers of the
//! methods it generates.
//!
//! Each class owns its validated cost matrix (copied once from the array, see
//! [`super::arrays`]) and its vectors; `solve` builds the core model on them and solves
//! it with the GIL released. The core checks every argument (p against the number of
//! sites, lengths and values of weights, demand, capacities, costs, forced sites) when
//! the model is solved, and its message names the argument and the value.

mod choices;
mod classes;

pub(crate) use classes::{
    read_pmed_file, CapacitatedPMedian, PCenter, PMedian, PyCflp, PyLscp, PyMclp,
};

use super::result::LocationResult;
use crate::errors::{guarded, invalid_option};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use yilian::models::location::{CostMatrix, LocationSolution};
use yilian::{Error, SolveOptions};

/// What a location class does in Rust: name its model and solve the core model on its
/// data; [`location_class!`] implements it for each class and builds the Python
/// `solve` and `write` on it.
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

/// `location_class! { ... }`: a location class, generated once for the six. The caller
/// gives the class (its docs, Rust and Python names, fields), its model's label, the
/// core model built on its fields (`core: |s| Model::new(&s.cost, ...)`), the
/// constructor (its signature, arguments and fields; `from_cost_matrix` is the same
/// function under spopt's name), the state pickled (besides the cost matrix), the tail
/// of its `repr`, its `from_geodataframe` (signature, arguments and builder in
/// [`crate::geo::location`]) and its own methods (getters, other constructors).
/// Generated: the class, its [`CoreModel`], `__new__`, `from_cost_matrix`,
/// `from_geodataframe`, `solve`, `write`, `shape`, `cost`, `__reduce__` and `__repr__`.
macro_rules! location_class {
    (
        $(#[doc = $doc:literal])*
        $ty:ident as $pyname:literal {
            $($field:ident : $fty:ty),* $(,)?
        }
        label: |$ls:ident| $label:expr;
        core: |$cs:ident| $core:expr;
        $(#[doc = $new_doc:literal])*
        new: ($($sig:tt)*) |$py:ident $(, $arg:ident : $aty:ty)*| { $($init:tt)* }
        state: |$ss:ident, $spy:ident| [$(($key:literal, $val:expr)),* $(,)?];
        repr: |$rs:ident| $repr:expr;
        $(#[doc = $geo_doc:literal])*
        from_geodataframe: ($($gsig:tt)*) |$gpy:ident $(, $garg:ident : $gty:ty)*| $gbody:expr;
        $($methods:tt)*
    ) => {
        $(#[doc = $doc])*
        #[pyclass(module = "yilian._yilian", frozen, name = $pyname)]
        pub struct $ty {
            $($field: $fty),*
        }

        impl $crate::location::models::CoreModel for $ty {
            fn label(&self) -> &'static str {
                let $ls = self;
                $label
            }

            fn matrix(&self) -> &yilian::models::location::CostMatrix {
                &self.cost
            }

            fn solve_core(
                &self,
                options: &yilian::SolveOptions,
            ) -> yilian::Result<yilian::models::location::LocationSolution> {
                let $cs = self;
                $core
                    .solve(options)
                    .map_err($crate::location::models::radius_field)
            }

            fn write_core(
                &self,
                path: &std::path::Path,
                ids: Option<&yilian::models::location::LocationIds>,
            ) -> yilian::Result<()> {
                let $cs = self;
                $core
                    .write(path, ids)
                    .map_err($crate::location::models::radius_field)
            }
        }

        #[pymethods]
        impl $ty {
            #[new]
            #[pyo3(signature = ($($sig)*))]
            #[allow(clippy::too_many_arguments)]
            fn new($py: Python<'_>, $($arg: $aty),*) -> PyResult<Self> {
                Ok(Self { $($init)* })
            }

            $(#[doc = $new_doc])*
            #[staticmethod]
            #[pyo3(signature = ($($sig)*))]
            #[allow(clippy::too_many_arguments)]
            fn from_cost_matrix($py: Python<'_>, $($arg: $aty),*) -> PyResult<Self> {
                Self::new($py, $($arg),*)
            }

            $(#[doc = $geo_doc])*
            ///
            /// The frames: `demand` (the clients) and `sites` (the candidate
            /// facilities), their geometry columns `demand_col` and `facility_col`
            /// (points), and the model's arguments as columns. Distances are
            /// `distance_metric` `"euclidean"` (in the frames' projected CRS) or
            /// `"haversine"` (km, after conversion to EPSG:4326). Needs geopandas
            /// (`pip install yilian[geo]`); also `yilian.geo.<model>_from_geodataframe`.
            #[staticmethod]
            #[pyo3(signature = ($($gsig)*))]
            #[allow(clippy::too_many_arguments)]
            fn from_geodataframe(
                $gpy: Python<'_>,
                $($garg: $gty),*
            ) -> PyResult<PyObject> {
                $gbody.map(Bound::unbind)
            }

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
                let ids = $crate::location::models::location_ids(
                    &self.cost,
                    clients.as_ref(),
                    sites.as_ref(),
                )?;
                $crate::errors::guarded(py, || {
                    $crate::location::models::CoreModel::write_core(self, &path, ids.as_ref())
                })
            }

            /// `(clients, sites)` of the cost matrix.
            #[getter]
            fn shape(&self) -> (usize, usize) {
                (self.cost.clients(), self.cost.sites())
            }

            /// A copy of the cost matrix (clients x sites, float64).
            #[getter]
            fn cost<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok($crate::location::arrays::matrix_to_numpy(py, &self.cost)?.into_any())
            }

            fn __reduce__<'py>(
                &self,
                py: Python<'py>,
            ) -> PyResult<$crate::location::models::Reduced<'py>> {
                let ($ss, $spy) = (self, py);
                $crate::location::models::reduce(
                    py,
                    $pyname,
                    self,
                    vec![$(($key, $crate::frames::obj($spy, $val)?)),*],
                )
            }

            fn __repr__(&self) -> String {
                let $rs = self;
                format!(
                    "{}(clients={}, sites={}, {})",
                    $pyname,
                    self.cost.clients(),
                    self.cost.sites(),
                    $repr
                )
            }

            $($methods)*
        }
    };
}
pub(crate) use location_class;

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
/// (Only the covering models, MCLP and LSCP, have one; every class maps its errors.)
pub(crate) fn radius_field(e: Error) -> Error {
    match e {
        Error::InvalidOption { field, message } if field == "radius" => Error::InvalidOption {
            field: "service_radius".into(),
            message,
        },
        other => other,
    }
}

/// `cls(**kwargs)`: rebuilds a pickled model.
#[pyfunction]
pub(crate) fn _location_model<'py>(
    py: Python<'py>,
    kind: &str,
    kwargs: &Bound<'py, PyDict>,
) -> PyResult<Bound<'py, PyAny>> {
    crate::module_attr(py, kind)?.call((), Some(kwargs))
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
    let ctor = crate::module_attr(py, "_location_model")?;
    Ok((ctor, (kind.to_string(), kwargs)))
}
