//! Plain Python data as JSON values: dicts, lists, tuples, strings, numbers, `None`,
//! NumPy scalars and arrays. Used for the `policy` and `travel` dicts of
//! `Scenario.from_frames` and for the values of overrides by path.
//!
//! A value JSON cannot hold is refused naming its path (`policy.budget: NaN (a number
//! is required)`, `pools.*.max_travel_minutes: <object> (object) cannot be written as
//! JSON`); as with Python's `json.dumps` first, a value of the wrong type anywhere is
//! reported before a NaN or an infinity.

use crate::columns::{py_float, repr, type_name};
use crate::errors::invalid;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// `obj` as a JSON value, or a ValidationError naming the path (`path` is the path
/// of `obj` itself).
pub(crate) fn to_json(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    let mut non_finite = None;
    let value = convert(obj, path, &mut non_finite, true)?;
    match non_finite {
        None => Ok(value),
        Some((path, v)) if v.is_nan() => {
            Err(invalid(format!("{path}: NaN (a number is required)")))
        }
        Some((path, v)) => Err(invalid(format!(
            "{path}: {} (a finite number is required)",
            py_float(obj.py(), v)
        ))),
    }
}

/// A dict argument (`policy`, `travel`) as a JSON object: an error unless it is a
/// mapping.
pub(crate) fn dict_to_json(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    if obj.downcast::<PyMapping>().is_err() && obj.downcast::<PyDict>().is_err() {
        return Err(invalid(format!(
            "{path}: expected a dict, found {}",
            type_name(obj)
        )));
    }
    to_json(obj, path)
}

/// `[(path, JSON text of the value)]` from a mapping path -> value, in its order (the
/// overrides of `Scenario.with_overrides` and of a sweep's points).
#[pyfunction]
pub(crate) fn _override_pairs(overrides: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let not_mapping = || {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "overrides must be a mapping path -> value, not {}",
            type_name(overrides)
        ))
    };
    if overrides.downcast::<PyMapping>().is_err() && overrides.downcast::<PyDict>().is_err() {
        return Err(not_mapping());
    }
    let mut out = Vec::new();
    for item in overrides.call_method0("items")?.try_iter()? {
        let (path, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
        let Ok(path) = path.downcast::<PyString>().map(|p| p.to_string()) else {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "override paths are strings, not {}",
                repr(&path)
            )));
        };
        let text = to_json(&value, &path)?.to_string();
        out.push((path, text));
    }
    Ok(out)
}

/// One value; a NaN or an infinity becomes `null` and is noted in `non_finite` (the
/// first one, with its path); `unwrap` allows one conversion of a NumPy value to a
/// Python one (`tolist()`, `item()`).
fn convert(
    obj: &Bound<'_, PyAny>,
    path: &str,
    non_finite: &mut Option<(String, f64)>,
    unwrap: bool,
) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.downcast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(v) = obj.extract::<i64>() {
            return Ok(Value::from(v));
        }
        if let Ok(v) = obj.extract::<u64>() {
            return Ok(Value::from(v));
        }
    }
    if obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyFloat>() {
        let v: f64 = obj.extract()?;
        return Ok(match Number::from_f64(v) {
            Some(n) => Value::Number(n),
            None => {
                non_finite.get_or_insert((path.to_string(), v));
                Value::Null
            }
        });
    }
    if let Ok(s) = obj.downcast::<PyString>() {
        return Ok(Value::String(s.to_string()));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            items.push(convert(&item?, &format!("{path}[{i}]"), non_finite, true)?);
        }
        return Ok(Value::Array(items));
    }
    if obj.downcast::<PyDict>().is_ok() || obj.downcast::<PyMapping>().is_ok() {
        let mut map = Map::new();
        for item in obj.call_method0("items")?.try_iter()? {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
            let key = key_text(&k, path)?;
            let value = convert(&v, &format!("{path}.{key}"), non_finite, true)?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    // NumPy arrays and scalars: their Python lists and numbers.
    if unwrap {
        for method in ["tolist", "item"] {
            if obj.hasattr(method)? {
                if let Ok(plain) = obj.call_method0(method) {
                    return convert(&plain, path, non_finite, false);
                }
            }
        }
    }
    Err(invalid(format!(
        "{path}: {} ({}) cannot be written as JSON",
        repr(obj),
        type_name(obj)
    )))
}

/// A dict key as JSON writes it: strings as they are, numbers, bools and None as text.
fn key_text(k: &Bound<'_, PyAny>, path: &str) -> PyResult<String> {
    if let Ok(s) = k.downcast::<PyString>() {
        return Ok(s.to_string());
    }
    if k.is_none() {
        return Ok("null".into());
    }
    if let Ok(b) = k.downcast::<PyBool>() {
        return Ok(if b.is_true() { "true" } else { "false" }.into());
    }
    if k.is_instance_of::<PyInt>() || k.is_instance_of::<PyFloat>() {
        return Ok(repr(k));
    }
    Err(invalid(format!(
        "{path}: keys must be str, int, float, bool or None, not {}",
        type_name(k)
    )))
}
