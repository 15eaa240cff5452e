//! The location models on two GeoDataFrames, in spopt's idiom
//! (`PMedian.from_geodataframe(demand, sites, demand_col, facility_col, ...)` and its
//! siblings): the distances between the frames' points become the cost matrix, and
//! named columns the model's vectors; each builder then calls its class's
//! `from_cost_matrix`. Demand quantities are read from the demand frame and capacities
//! from the sites frame, never the other way round (spopt's `LSCP.from_geodataframe`
//! once passed them swapped, pysal/spopt#410).

use super::{geometry, geopandas, kwargs, points, to_epsg};
use crate::columns::Frame;
use crate::errors::invalid;
use crate::location::models::{CapacitatedPMedian, PMedian, PyCflp, PyLscp};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyTuple};
use pyo3::IntoPyObjectExt;
use std::ffi::CString;

/// The two frames of a location model and the cost matrix between their points.
pub(crate) struct Frames<'py> {
    demand: Bound<'py, PyAny>,
    sites: Bound<'py, PyAny>,
    /// Demand points x sites, in the metric's unit (a NumPy array).
    cost: Bound<'py, PyAny>,
}

impl<'py> Frames<'py> {
    /// The distances between the points of `demand_col` and `facility_col`:
    /// `"euclidean"` in the demand's CRS (the sites converted to it when they differ; a
    /// geographic CRS warns that it measures degrees) or `"haversine"` (km, both in
    /// EPSG:4326).
    pub(crate) fn new(
        demand: &Bound<'py, PyAny>,
        sites: &Bound<'py, PyAny>,
        demand_col: &str,
        facility_col: &str,
        metric: &str,
    ) -> PyResult<Self> {
        let py = demand.py();
        if !["euclidean", "haversine"].contains(&metric) {
            let none = PyList::empty(py).into_any();
            super::_distance_matrix(&none, &none, metric)?;
        }
        let mut dem = geometry(demand, "demand", Some(demand_col))?;
        let mut fac = geometry(sites, "sites", Some(facility_col))?;
        if metric == "haversine" {
            dem = to_epsg(&dem, 4326)?;
            fac = to_epsg(&fac, 4326)?;
        } else {
            let crs = dem.getattr("crs")?;
            if fac.getattr("crs")?.ne(&crs)? {
                fac = fac.call_method1("to_crs", (&crs,))?;
            }
            if crs.getattr("is_geographic")?.is_truthy()? {
                let message = format!(
                    "distance_metric='euclidean' on a geographic CRS ({}) measures degrees: \
                     project the frames (to_crs) or use distance_metric='haversine'",
                    crs.call_method0("to_string")?
                );
                let category = py.get_type::<pyo3::exceptions::PyUserWarning>();
                PyErr::warn(py, &category, &CString::new(message)?, 1)?;
            }
        }
        let a = points(&dem, "demand", None)?;
        let b = points(&fac, "sites", None)?;
        let cost =
            super::_distance_matrix(&a.into_bound_py_any(py)?, &b.into_bound_py_any(py)?, metric)?;
        Ok(Self {
            demand: demand.clone(),
            sites: sites.clone(),
            cost,
        })
    }

    /// Number of demand points.
    fn clients(&self) -> PyResult<usize> {
        self.cost.len()
    }

    /// A number column of the demand frame, as a NumPy array.
    fn demand_column(&self, col: &str) -> PyResult<Bound<'py, PyAny>> {
        column(&self.demand, "demand", col)
    }

    /// A number column of the sites frame, as a NumPy array.
    fn site_column(&self, col: &str) -> PyResult<Bound<'py, PyAny>> {
        column(&self.sites, "sites", col)
    }

    /// The demand column `col`, or None.
    fn demand_weights(&self, col: Option<&str>) -> PyResult<Option<Bound<'py, PyAny>>> {
        col.map(|c| self.demand_column(c)).transpose()
    }

    /// One weight per demand point.
    fn ones(&self) -> PyResult<Bound<'py, PyAny>> {
        let py = self.cost.py();
        py.import("numpy")?.call_method1("ones", (self.clients()?,))
    }

    /// The indices of the sites whose column `col` is True (or 1), or None.
    fn forced(&self, col: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        let py = self.cost.py();
        let Some(col) = col else {
            return Ok(py.None().into_bound(py));
        };
        let mut out = Vec::new();
        for (i, v) in Frame::lenient(&self.sites, "sites")?
            .column(col)?
            .call_method0("tolist")?
            .try_iter()?
            .enumerate()
        {
            let v = v?;
            let flag = if let Ok(b) = v.downcast::<PyBool>() {
                Some(b.is_true())
            } else if v.is_instance_of::<PyInt>() || v.is_instance_of::<PyFloat>() {
                let x = v.extract::<f64>()?;
                (x == 0.0 || x == 1.0).then_some(x == 1.0)
            } else {
                None
            };
            match flag {
                Some(true) => out.push(i),
                Some(false) => {}
                None => {
                    return Err(invalid(format!(
                        "sites[{i}].{col}: {} (expected True/False or 1/0)",
                        crate::columns::repr(&v)
                    )))
                }
            }
        }
        out.into_bound_py_any(py)
    }
}

/// A number column of a frame (no NaN) as a float64 NumPy array.
fn column<'py>(gdf: &Bound<'py, PyAny>, table: &str, col: &str) -> PyResult<Bound<'py, PyAny>> {
    let frame = Frame::lenient(gdf, table)?;
    frame.column(col)?;
    let values = frame.finite_numbers(col)?;
    gdf.py()
        .import("numpy")?
        .call_method1("asarray", (values, "float64"))
}

/// `cls.from_cost_matrix(*args, **kwargs)` of a location class.
fn build<'py, T: pyo3::PyTypeInfo>(
    py: Python<'py>,
    args: Vec<Bound<'py, PyAny>>,
    items: &[(&str, Bound<'py, PyAny>)],
) -> PyResult<Bound<'py, PyAny>> {
    py.get_type::<T>().call_method(
        "from_cost_matrix",
        PyTuple::new(py, args)?,
        Some(&kwargs(py, items)?),
    )
}

/// `None` as an argument.
fn none(py: Python<'_>) -> Bound<'_, PyAny> {
    py.None().into_bound(py)
}

/// An optional array as an argument.
fn or_none<'py>(py: Python<'py>, v: Option<Bound<'py, PyAny>>) -> Bound<'py, PyAny> {
    v.unwrap_or_else(|| none(py))
}

/// The models with optional weights (`PMedian`, `PCenter`, `MCLP`): the class `T`
/// on the cost matrix, the demand column `weights_cols` (None: 1 each), the sites of
/// `predefined_facility_col` forced open, and the model's own keyword arguments.
pub(crate) fn weighted<'py, T: pyo3::PyTypeInfo>(
    frames: Frames<'py>,
    weights_cols: Option<&str>,
    predefined_facility_col: Option<&str>,
    mut items: Vec<(&str, Bound<'py, PyAny>)>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = frames.cost.py();
    let weights = frames.demand_weights(weights_cols)?;
    items.push(("forced_open", frames.forced(predefined_facility_col)?));
    build::<T>(py, vec![frames.cost.clone(), or_none(py, weights)], &items)
}

/// `PMedian.from_geodataframe`: with `facility_capacity_col` (spopt's capacitated
/// p-median) a CapacitatedPMedian whose demand is the weight.
pub(crate) fn pmedian<'py>(
    frames: Frames<'py>,
    weights_cols: Option<&str>,
    p: &Bound<'py, PyAny>,
    facility_capacity_col: Option<&str>,
    predefined_facility_col: Option<&str>,
    formulation: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = p.py();
    let Some(cap) = facility_capacity_col else {
        let formulation = formulation.into_bound_py_any(py)?;
        return weighted::<PMedian>(
            frames,
            weights_cols,
            predefined_facility_col,
            vec![("p", p.clone()), ("formulation", formulation)],
        );
    };
    let weights = frames.demand_weights(weights_cols)?;
    let forced = frames.forced(predefined_facility_col)?;
    let capacity = frames.site_column(cap)?;
    let w = match weights {
        Some(w) => w,
        None => frames.ones()?,
    };
    build::<CapacitatedPMedian>(
        py,
        vec![frames.cost.clone(), w.clone()],
        &[
            ("p", p.clone()),
            ("demand", w),
            ("capacity", capacity),
            ("forced_open", forced),
        ],
    )
}

/// `LSCP.from_geodataframe`: spopt's capacitated LSCP arguments are refused, naming
/// CFLP.
pub(crate) fn lscp<'py>(
    frames: impl FnOnce() -> PyResult<Frames<'py>>,
    service_radius: &Bound<'py, PyAny>,
    predefined_facility_col: Option<&str>,
    site_cost_col: Option<&str>,
    capacity_args: [(&str, Option<&str>); 2],
) -> PyResult<Bound<'py, PyAny>> {
    let py = service_radius.py();
    if let Some((arg, _)) = capacity_args.iter().find(|(_, v)| v.is_some()) {
        return Err(invalid(format!(
            "{arg}: yilian's LSCP has no capacities; use CFLP.from_geodataframe(demand, sites, \
             demand_col, facility_col, demand_quantity_col, facility_capacity_col, \
             fixed_cost_col)"
        )));
    }
    let frames = frames()?;
    let site_cost = site_cost_col.map(|c| frames.site_column(c)).transpose()?;
    let forced = frames.forced(predefined_facility_col)?;
    build::<PyLscp>(
        py,
        vec![frames.cost.clone()],
        &[
            ("service_radius", service_radius.clone()),
            ("site_cost", or_none(py, site_cost)),
            ("forced_open", forced),
        ],
    )
}

/// `CFLP.from_geodataframe`: serving all of demand point `i` from site `j` costs the
/// distance times `weights_cols` (default: the demand quantity).
pub(crate) fn cflp<'py>(
    frames: Frames<'py>,
    demand_quantity_col: &str,
    facility_capacity_col: &str,
    fixed_cost_col: &str,
    predefined_facility_col: Option<&str>,
    weights_cols: Option<&str>,
    single_source: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let py = frames.cost.py();
    let quantity = frames.demand_column(demand_quantity_col)?;
    let capacity = frames.site_column(facility_capacity_col)?;
    let fixed = frames.site_column(fixed_cost_col)?;
    let w = match weights_cols {
        Some(c) => frames.demand_column(c)?,
        None => quantity.clone(),
    };
    let forced = frames.forced(predefined_facility_col)?;
    let per_client = w.call_method1("reshape", (-1, 1))?;
    let cost = frames.cost.call_method1("__mul__", (per_client,))?;
    build::<PyCflp>(
        py,
        vec![cost],
        &[
            ("demand", quantity),
            ("capacity", capacity),
            ("fixed_cost", fixed),
            ("single_source", single_source.into_bound_py_any(py)?),
            ("forced_open", forced),
        ],
    )
}

/// `CapacitatedPMedian.from_geodataframe`: demand quantities default to the weights.
pub(crate) fn capacitated_pmedian<'py>(
    frames: Frames<'py>,
    weights_cols: Option<&str>,
    p: &Bound<'py, PyAny>,
    facility_capacity_col: &str,
    predefined_facility_col: Option<&str>,
    demand_quantity_col: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = p.py();
    let weights = match weights_cols {
        Some(c) => frames.demand_column(c)?,
        None => frames.ones()?,
    };
    let quantity = match demand_quantity_col {
        Some(c) => frames.demand_column(c)?,
        None => weights.clone(),
    };
    let capacity = frames.site_column(facility_capacity_col)?;
    let forced = frames.forced(predefined_facility_col)?;
    build::<CapacitatedPMedian>(
        py,
        vec![frames.cost.clone(), weights],
        &[
            ("p", p.clone()),
            ("demand", quantity),
            ("capacity", capacity),
            ("forced_open", forced),
        ],
    )
}

/// A solved location model on a map: one LineString per served share, from the demand
/// point to its site, with the columns of `result.to_frame()`, in the demand frame's
/// CRS (the frames the model was built from; the geometry columns default to the
/// active ones).
#[pyfunction]
#[pyo3(signature = (result, demand, sites, demand_col = None, facility_col = None))]
pub(crate) fn _location_lines<'py>(
    result: &Bound<'py, crate::location::result::LocationResult>,
    demand: &Bound<'py, PyAny>,
    sites: &Bound<'py, PyAny>,
    demand_col: Option<&str>,
    facility_col: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = result.py();
    let gpd = geopandas(py)?;
    let shapely = py.import("shapely.geometry")?;
    let dem = geometry(demand, "demand", demand_col)?;
    let mut fac = geometry(sites, "sites", facility_col)?;
    let crs = dem.getattr("crs")?;
    if fac.getattr("crs")?.ne(&crs)? {
        fac = fac.call_method1("to_crs", (&crs,))?;
    }
    let (a, b) = (points(&dem, "demand", None)?, points(&fac, "sites", None)?);
    let (clients, n_sites): (usize, usize) = (
        result.getattr("clients")?.extract()?,
        result.getattr("sites")?.extract()?,
    );
    if (a.len(), b.len()) != (clients, n_sites) {
        return Err(invalid(format!(
            "demand, sites: {} and {} rows, but the result has {clients} clients and {n_sites} \
             sites",
            a.len(),
            b.len()
        )));
    }
    let frame = result.call_method0("to_frame")?;
    let i: Vec<usize> = frame
        .get_item("client")?
        .call_method0("tolist")?
        .extract()?;
    let j: Vec<usize> = frame.get_item("site")?.call_method0("tolist")?.extract()?;
    let line = shapely.getattr("LineString")?;
    let geoms = i
        .iter()
        .zip(&j)
        .map(|(&i, &j)| line.call1((vec![a[i], b[j]],)))
        .collect::<PyResult<Vec<_>>>()?;
    let options = PyDict::new(py);
    options.set_item("geometry", geoms)?;
    options.set_item("crs", crs)?;
    gpd.getattr("GeoDataFrame")?.call((frame,), Some(&options))
}
