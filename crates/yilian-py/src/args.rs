//! Numbers from Python keyword arguments, refused with a ValidationError naming the
//! argument: `True` is not a time limit, and an integer too large for its field is
//! not a builtin OverflowError naming nothing.

use crate::errors::invalid_option;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt};

/// `None`, or a real number (int or float, not bool) as f64; the core checks its range.
pub(crate) fn number(field: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<f64>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let refuse = |what: &str| match obj.repr() {
        Ok(r) => invalid_option(field, format!("{r} is not a number{what}")),
        Err(e) => e,
    };
    if obj.is_instance_of::<PyBool>() {
        return Err(refuse(" (a bool)"));
    }
    if obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyFloat>() {
        // A Python int beyond f64 raises OverflowError in the conversion.
        return obj
            .extract::<f64>()
            .map(Some)
            .map_err(|_| refuse(" that fits a float"));
    }
    // numpy scalars and other numbers that convert to float.
    if let Ok(f) = obj
        .call_method0("__float__")
        .and_then(|f| f.extract::<f64>())
    {
        return Ok(Some(f));
    }
    Err(refuse(""))
}

/// `None`, or a whole number from 0 to u32::MAX (int, not bool or float).
pub(crate) fn whole_u32(field: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<u32>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let r = obj.repr().map(|r| r.to_string()).unwrap_or_default();
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
        return Err(invalid_option(field, format!("{r} must be a whole number")));
    }
    match obj.extract::<i128>() {
        Ok(v) => u32::try_from(v).map(Some).map_err(|_| {
            invalid_option(
                field,
                format!(
                    "{v} is out of range (a whole number from 0 to {})",
                    u32::MAX
                ),
            )
        }),
        Err(_) => Err(invalid_option(
            field,
            format!(
                "{r} is out of range (a whole number from 0 to {})",
                u32::MAX
            ),
        )),
    }
}

/// A whole number from 0 to u64::MAX (int, not bool or float).
pub(crate) fn whole_u64(field: &str, obj: &Bound<'_, PyAny>) -> PyResult<u64> {
    let r = obj.repr().map(|r| r.to_string()).unwrap_or_default();
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
        return Err(invalid_option(field, format!("{r} must be a whole number")));
    }
    obj.extract::<i128>()
        .ok()
        .and_then(|v| u64::try_from(v).ok())
        .ok_or_else(|| {
            invalid_option(
                field,
                format!(
                    "{r} is out of range (a whole number from 0 to {})",
                    u64::MAX
                ),
            )
        })
}
