//! NumPy arrays in and out of the location models.
//!
//! A cost matrix comes in as anything `numpy.asarray` reads (an ndarray, a DataFrame,
//! nested lists). A C-contiguous float64 array is read in place and copied once, into
//! the core's [`CostMatrix`]; other layouts are copied once by the same read; integer
//! and float32 arrays are first converted by numpy (`astype(float64)`, a second copy).
//! Strings, booleans, complex numbers and ragged lists are refused with a
//! ValidationError naming the argument. Values (NaN, negative) and sizes are checked by
//! the core, whose messages name the entry, for example `cost[1][0]: NaN must be a
//! finite number >= 0`.

use crate::errors::{invalid_option, to_py};
use numpy::{
    PyArray1, PyArray2, PyArrayDescrMethods, PyArrayMethods, PyUntypedArray, PyUntypedArrayMethods,
};
use pyo3::prelude::*;
use yilian::models::location::CostMatrix;

/// `obj` as a numpy array of `ndim` dimensions and a numeric dtype (float64 after
/// conversion), or a ValidationError naming `field`.
fn float_array<'py>(
    py: Python<'py>,
    field: &str,
    obj: &Bound<'py, PyAny>,
    ndim: usize,
) -> PyResult<Bound<'py, PyUntypedArray>> {
    let np = py.import("numpy")?;
    let arr = match obj.downcast::<PyUntypedArray>() {
        Ok(a) => a.clone(),
        Err(_) => {
            let a = np.getattr("asarray")?.call1((obj,)).map_err(|e| {
                invalid_option(
                    field,
                    format!("cannot be read as an array of numbers ({e})"),
                )
            })?;
            a.downcast_into::<PyUntypedArray>()
                .map_err(|_| invalid_option(field, "cannot be read as an array".into()))?
        }
    };
    let shape = arr.shape().to_vec();
    if arr.ndim() != ndim {
        let what = if ndim == 2 {
            "a 2-D array (clients x sites)"
        } else {
            "a 1-D array"
        };
        return Err(invalid_option(
            field,
            format!(
                "expected {what}, found an array of shape {}",
                shape_text(&shape)
            ),
        ));
    }
    let dtype = arr.dtype();
    let kind = dtype.kind();
    let name = dtype.as_any().str()?.to_string();
    match kind {
        b'f' | b'i' | b'u' | b'O' => {}
        _ => {
            return Err(invalid_option(
                field,
                format!("expected numbers, found dtype {name}"),
            ))
        }
    }
    if kind == b'f' && dtype.itemsize() == 8 && dtype.is_native_byteorder() == Some(true) {
        return Ok(arr);
    }
    let converted = arr.call_method1("astype", ("float64",)).map_err(|e| {
        invalid_option(field, format!("expected numbers, found dtype {name} ({e})"))
    })?;
    converted
        .downcast_into::<PyUntypedArray>()
        .map_err(|_| invalid_option(field, "cannot be read as an array".into()))
}

fn shape_text(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A clients x sites cost matrix, validated by the core (copied once).
pub(crate) fn cost_matrix(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<CostMatrix> {
    let arr = float_array(py, "cost", obj, 2)?;
    let arr = arr
        .downcast::<PyArray2<f64>>()
        .map_err(|_| invalid_option("cost", "expected an array of float64".into()))?;
    let ro = arr.readonly();
    let (n, m) = (arr.shape()[0], arr.shape()[1]);
    // `as_slice` also accepts Fortran order (columns first): only C order is row by row.
    let data = match ro.as_slice() {
        Ok(s) if arr.is_c_contiguous() => s.to_vec(),
        _ => ro.as_array().iter().copied().collect(),
    };
    CostMatrix::new(n, m, data).map_err(to_py)
}

/// Point coordinates: an n x 2 array of numbers (rows `(x, y)` or `(longitude,
/// latitude)`); values are checked by the core's metric.
pub(crate) fn points(
    py: Python<'_>,
    field: &str,
    obj: &Bound<'_, PyAny>,
) -> PyResult<Vec<[f64; 2]>> {
    let arr = float_array(py, field, obj, 2)?;
    let arr = arr
        .downcast::<PyArray2<f64>>()
        .map_err(|_| invalid_option(field, "expected an array of float64".into()))?;
    if arr.shape()[1] != 2 {
        return Err(invalid_option(
            field,
            format!(
                "expected an n x 2 array of coordinates, found shape {}",
                shape_text(arr.shape())
            ),
        ));
    }
    let ro = arr.readonly();
    let a = ro.as_array();
    Ok(a.rows().into_iter().map(|r| [r[0], r[1]]).collect())
}

/// A vector of numbers (weights, demand, capacities, costs); lengths and values are
/// checked by the core when the model is solved.
pub(crate) fn vector(py: Python<'_>, field: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    let arr = float_array(py, field, obj, 1)?;
    let arr = arr
        .downcast::<PyArray1<f64>>()
        .map_err(|_| invalid_option(field, "expected an array of float64".into()))?;
    Ok(arr.readonly().as_array().to_vec())
}

/// An optional vector.
pub(crate) fn opt_vector(
    py: Python<'_>,
    field: &str,
    obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<Vec<f64>>> {
    obj.filter(|o| !o.is_none())
        .map(|o| vector(py, field, o))
        .transpose()
}

/// A whole number >= 0 (for `p`), refusing floats, booleans and negatives.
pub(crate) fn count(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<usize> {
    let not_whole = || -> PyErr {
        match obj.repr() {
            Ok(r) => invalid_option(field, format!("{r} must be a whole number")),
            Err(e) => e,
        }
    };
    if obj.is_instance_of::<pyo3::types::PyBool>() || obj.is_instance_of::<pyo3::types::PyFloat>() {
        return Err(not_whole());
    }
    // A Python int beyond i64 is a whole number, too large (not "not whole").
    let v: i64 = obj.extract().map_err(|_| {
        if obj.is_instance_of::<pyo3::types::PyInt>() {
            match obj.repr() {
                Ok(r) => invalid_option(field, format!("{r} is too large")),
                Err(e) => e,
            }
        } else {
            not_whole()
        }
    })?;
    usize::try_from(v).map_err(|_| invalid_option(field, format!("{v} must be at least 1")))
}

/// Site indices (for `forced_open`): whole numbers >= 0; the core checks the range.
pub(crate) fn sites(field: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<usize>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (k, item) in obj
        .try_iter()
        .map_err(|_| invalid_option(field, "expected a list of site indices".into()))?
        .enumerate()
    {
        let item = item?;
        let what = format!("{field}[{k}]");
        let v: i64 = if item.is_instance_of::<pyo3::types::PyBool>()
            || item.is_instance_of::<pyo3::types::PyFloat>()
        {
            Err(())
        } else {
            item.extract().map_err(|_| ())
        }
        .map_err(|()| match item.repr() {
            Ok(r) => invalid_option(&what, format!("{r} is not a site index")),
            Err(e) => e,
        })?;
        out.push(usize::try_from(v).map_err(|_| {
            invalid_option(
                &what,
                format!("site {v} does not exist (indices start at 0)"),
            )
        })?);
    }
    Ok(out)
}

/// The matrix as a new clients x sites float64 array.
pub(crate) fn matrix_to_numpy<'py>(
    py: Python<'py>,
    cost: &CostMatrix,
) -> PyResult<Bound<'py, PyArray2<f64>>> {
    let mut data = Vec::with_capacity(cost.clients() * cost.sites());
    for i in 0..cost.clients() {
        data.extend_from_slice(cost.row(i));
    }
    PyArray1::from_vec(py, data).reshape([cost.clients(), cost.sites()])
}

/// An optional vector as a float64 array (or None).
pub(crate) fn opt_to_numpy<'py>(
    py: Python<'py>,
    v: Option<&[f64]>,
) -> Option<Bound<'py, PyArray1<f64>>> {
    v.map(|v| PyArray1::from_slice(py, v))
}
