//! GeoDataFrames in and out (the `yilian[geo]` extra): geopandas, shapely and NumPy
//! called directly, so that the module needs nothing of the `yilian` package.
//!
//! Here: the checks every map input shares (a GeoDataFrame, a geometry column with a
//! CRS, one point per row), the institutions frame of `Scenario.from_geodataframe` and
//! the distance matrices of the location models; [`plan_layers`] draws plans and
//! [`location`] builds the location models from two frames.

pub(crate) mod location;
pub(crate) mod plan_layers;

use crate::columns::{repr, type_name, Frame};
use crate::errors::invalid;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// The sphere of `distance_metric="haversine"` (the core's, in kilometres).
pub(crate) const EARTH_RADIUS_KM: f64 = 6371.0088;

/// The geopandas module, or an ImportError saying how to install it.
pub(crate) fn geopandas(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("geopandas").map_err(|e| {
        let err = pyo3::exceptions::PyImportError::new_err(
            "this needs geopandas: pip install 'yilian[geo]' (geopandas, shapely, pyproj)",
        );
        err.set_cause(py, Some(e));
        err
    })
}

/// Keyword arguments from `(name, value)` pairs.
pub(crate) fn kwargs<'py>(
    py: Python<'py>,
    items: &[(&str, Bound<'py, PyAny>)],
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (k, v) in items {
        d.set_item(k, v)?;
    }
    Ok(d)
}

/// The geometry column `col` of a GeoDataFrame (default: its active geometry), with
/// its CRS checked.
pub(crate) fn geometry<'py>(
    gdf: &Bound<'py, PyAny>,
    table: &str,
    col: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let gpd = geopandas(gdf.py())?;
    if !gdf.is_instance(&gpd.getattr("GeoDataFrame")?)? {
        return Err(invalid(format!(
            "{table}: expected a geopandas GeoDataFrame, found {} (build one with \
             geopandas.GeoDataFrame(df, geometry=..., crs=...))",
            type_name(gdf)
        )));
    }
    let (series, col) = match col {
        None => match gdf.getattr("geometry") {
            Ok(s) => {
                let name = s.getattr("name")?.str()?.to_string();
                (s, name)
            }
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyAttributeError>(gdf.py()) => {
                return Err(invalid(format!(
                    "{table}: the GeoDataFrame has no active geometry column (set one with \
                     .set_geometry(...))"
                )))
            }
            Err(e) => return Err(e),
        },
        Some(col) => {
            let s = Frame::lenient(gdf, table)?.column(col)?;
            if !s.is_instance(&gpd.getattr("GeoSeries")?)? {
                let dtype = s.getattr("dtype")?.str()?.to_string();
                return Err(invalid(format!(
                    "{table}.{col}: not a geometry column (dtype {dtype})"
                )));
            }
            (s, col.to_string())
        }
    };
    if series.getattr("crs")?.is_none() {
        return Err(invalid(format!(
            "{table}.{col}: the GeoDataFrame has no CRS (set one, for example \
             .set_crs('EPSG:4326') for longitude and latitude in degrees)"
        )));
    }
    Ok(series)
}

/// `series.to_crs(epsg=...)`.
pub(crate) fn to_epsg<'py>(series: &Bound<'py, PyAny>, epsg: u32) -> PyResult<Bound<'py, PyAny>> {
    let py = series.py();
    series.call_method(
        "to_crs",
        (),
        Some(&kwargs(
            py,
            &[("epsg", epsg.into_pyobject(py)?.into_any())],
        )?),
    )
}

/// The `(x, y)` of a GeoSeries of points, or an error naming the first row without a
/// point (`ids`: the rows' ids, for the message) or with a NaN or infinite coordinate.
pub(crate) fn points(
    series: &Bound<'_, PyAny>,
    table: &str,
    ids: Option<&[Bound<'_, PyAny>]>,
) -> PyResult<Vec<(f64, f64)>> {
    let col = series.getattr("name")?.str()?.to_string();
    // (NaN for a missing geometry: read as text only where there is one.)
    let kinds: Vec<Bound<'_, PyAny>> = series
        .getattr("geom_type")?
        .call_method0("tolist")?
        .try_iter()?
        .collect::<PyResult<_>>()?;
    let na: Vec<bool> = series
        .call_method0("isna")?
        .call_method0("tolist")?
        .extract()?;
    let empty: Vec<bool> = series
        .getattr("is_empty")?
        .call_method0("tolist")?
        .extract()?;
    for (i, kind) in kinds.iter().enumerate() {
        let who = ids.map_or(String::new(), |ids| format!(" (id {})", repr(&ids[i])));
        if na[i] || empty[i] {
            return Err(invalid(format!(
                "{table}[{i}].{col}: missing geometry{who} (a point is required)"
            )));
        }
        let kind = kind.str()?.to_string();
        if kind != "Point" {
            return Err(invalid(format!(
                "{table}[{i}].{col}: a {kind}{who}, expected a Point (for areas use \
                 .representative_point() or .centroid in a projected CRS)"
            )));
        }
    }
    let coords = |axis: &str| -> PyResult<Vec<f64>> {
        series
            .getattr(axis)?
            .call_method1("astype", ("float64",))?
            .call_method0("tolist")?
            .extract()
    };
    let xy: Vec<(f64, f64)> = coords("x")?.into_iter().zip(coords("y")?).collect();
    if let Some(i) = xy
        .iter()
        .position(|(x, y)| !x.is_finite() || !y.is_finite())
    {
        return Err(invalid(format!(
            "{table}[{i}].{col}: the point has a NaN or infinite coordinate"
        )));
    }
    Ok(xy)
}

/// The institutions GeoDataFrame as the plain frame `Scenario.from_frames` reads: the
/// geometry replaced by `lon` and `lat` in EPSG:4326.
pub(crate) fn institutions_frame<'py>(
    institutions: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = institutions.py();
    let t = "institutions";
    let series = geometry(institutions, t, None)?;
    let col = series.getattr("name")?.str()?.to_string();
    let frame = Frame::lenient(institutions, t)?;
    for c in ["lon", "lat"] {
        if frame.has(c) {
            return Err(invalid(format!(
                "{t}.{c}: the frame has both a geometry and a {c} column (coordinates come \
                 from the points: drop lon and lat)"
            )));
        }
    }
    let ids = match frame.has("id") {
        true => Some(frame.values("id")?),
        false => None,
    };
    let xy = points(&to_epsg(&series, 4326)?, t, ids.as_deref())?;
    let plain = institutions.call_method(
        "drop",
        (),
        Some(&kwargs(
            py,
            &[("columns", PyList::new(py, [col])?.into_any())],
        )?),
    )?;
    let frame = py.import("pandas")?.getattr("DataFrame")?.call1((plain,))?;
    let (lon, lat): (Vec<f64>, Vec<f64>) = xy.into_iter().unzip();
    frame.set_item("lon", lon)?;
    frame.set_item("lat", lat)?;
    Ok(frame)
}

/// Distances between the rows of `a` (n x 2) and of `b` (m x 2) as an n x m NumPy
/// array: `"euclidean"` on `(x, y)`, `"haversine"` on `(lon, lat)` in degrees (km on
/// the [`EARTH_RADIUS_KM`] sphere). NumPy computes them, as the package always did.
#[pyfunction]
pub(crate) fn _distance_matrix<'py>(
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
    metric: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = a.py();
    let np = py.import("numpy")?;
    let f = |name: &str| np.getattr(name);
    let col = |m: &Bound<'py, PyAny>, j: usize| -> PyResult<Bound<'py, PyAny>> {
        let arr = np.call_method1("asarray", (m, "float64"))?;
        arr.call_method1("reshape", (-1, 2))?
            .get_item((py.Ellipsis(), j))
    };
    let outer =
        |op: &str, x: Bound<'py, PyAny>, y: Bound<'py, PyAny>| f(op)?.call_method1("outer", (x, y));
    match metric {
        "euclidean" => {
            let dx = outer("subtract", col(a, 0)?, col(b, 0)?)?;
            let dy = outer("subtract", col(a, 1)?, col(b, 1)?)?;
            f("hypot")?.call1((dx, dy))
        }
        "haversine" => {
            let rad = |m: &Bound<'py, PyAny>, j| f("radians")?.call1((col(m, j)?,));
            let (lon1, lat1, lon2, lat2) = (rad(a, 0)?, rad(a, 1)?, rad(b, 0)?, rad(b, 1)?);
            let half_sin_sq = |d: Bound<'py, PyAny>| -> PyResult<Bound<'py, PyAny>> {
                f("sin")?
                    .call1((d.call_method1("__truediv__", (2.0,))?,))?
                    .call_method1("__pow__", (2,))
            };
            let dlat = outer("subtract", lat1.clone(), lat2.clone())?.call_method0("__neg__")?;
            let dlon = outer("subtract", lon1, lon2)?.call_method0("__neg__")?;
            let cos_cos = outer(
                "multiply",
                f("cos")?.call1((lat1,))?,
                f("cos")?.call1((lat2,))?,
            )?;
            let s = half_sin_sq(dlat)?.call_method1(
                "__add__",
                (cos_cos.call_method1("__mul__", (half_sin_sq(dlon)?,))?,),
            )?;
            let root = f("minimum")?.call1((f("sqrt")?.call1((s,))?, 1.0))?;
            f("arcsin")?
                .call1((root,))?
                .call_method1("__mul__", (2.0 * EARTH_RADIUS_KM,))
        }
        other => Err(invalid(format!(
            "distance_metric: {} is unknown (expected \"euclidean\" or \"haversine\")",
            repr(&other.into_pyobject(py)?.into_any())
        ))),
    }
}
