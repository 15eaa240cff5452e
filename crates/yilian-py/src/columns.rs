//! Columns of pandas DataFrames read into Rust values, with errors naming the table,
//! the row and the column (`pools[0].visits_per_day: NaN (a number is required)`).
//!
//! These are the checks JSON cannot make (missing columns, column dtypes, NaN, text
//! where a number belongs); every other rule is the core's, checked when the scenario
//! or the model is built.

use crate::errors::invalid;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString};

/// The type name of a Python object, as `type(obj).__name__`.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// `repr(obj)`, or `?` when repr fails.
pub(crate) fn repr(obj: &Bound<'_, PyAny>) -> String {
    obj.repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// A float as Python writes it (`2.5`, `-1.0`, `inf`, `nan`).
pub(crate) fn py_float(py: Python<'_>, v: f64) -> String {
    repr(&PyFloat::new(py, v).into_any())
}

/// A DataFrame (anything with `columns` and `iloc`) with string column names, named
/// `table` in messages.
pub(crate) struct Frame<'py> {
    df: Bound<'py, PyAny>,
    table: String,
    columns: Vec<String>,
}

impl<'py> Frame<'py> {
    /// Checks that `df` is a DataFrame whose column names are strings.
    pub(crate) fn new(df: &Bound<'py, PyAny>, table: &str) -> PyResult<Self> {
        if !df.hasattr("columns")? || !df.hasattr("iloc")? {
            return Err(invalid(format!(
                "{table}: expected a pandas DataFrame, found {}",
                type_name(df)
            )));
        }
        let mut columns = Vec::new();
        for c in df.getattr("columns")?.try_iter()? {
            let c = c?;
            match c.downcast::<PyString>() {
                Ok(s) => columns.push(s.to_string()),
                Err(_) => {
                    return Err(invalid(format!(
                        "{table}: column names must be strings, found {}",
                        repr(&c)
                    )))
                }
            }
        }
        Ok(Self {
            df: df.clone(),
            table: table.into(),
            columns,
        })
    }

    /// Any frame (anything with `columns`), its column names as `str()` makes them:
    /// for GeoDataFrames, whose columns are named by the caller's arguments.
    pub(crate) fn lenient(df: &Bound<'py, PyAny>, table: &str) -> PyResult<Self> {
        let columns = df
            .getattr("columns")?
            .try_iter()?
            .map(|c| c.and_then(|c| c.str().map(|s| s.to_string())))
            .collect::<PyResult<_>>()?;
        Ok(Self {
            df: df.clone(),
            table: table.into(),
            columns,
        })
    }

    /// The column names, in the frame's order.
    pub(crate) fn columns(&self) -> &[String] {
        &self.columns
    }

    /// Whether the frame has column `name`.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.columns.iter().any(|c| c == name)
    }

    /// The table's name in messages.
    pub(crate) fn table(&self) -> &str {
        &self.table
    }

    /// Number of rows.
    pub(crate) fn len(&self) -> PyResult<usize> {
        self.df.len()
    }

    /// An error unless every one of `names` is a column.
    pub(crate) fn require(&self, names: &[&str]) -> PyResult<()> {
        match names.iter().find(|n| !self.has(n)) {
            Some(n) => Err(self.missing(n)),
            None => Ok(()),
        }
    }

    /// `table.col: missing column (the frame has: ...)`.
    pub(crate) fn missing(&self, col: &str) -> PyErr {
        let have = if self.columns.is_empty() {
            "no columns".to_string()
        } else {
            self.columns.join(", ")
        };
        invalid(format!(
            "{}.{col}: missing column (the frame has: {have})",
            self.table
        ))
    }

    /// Column `col` (a pandas Series), or the missing-column error.
    pub(crate) fn column(&self, col: &str) -> PyResult<Bound<'py, PyAny>> {
        if !self.has(col) {
            return Err(self.missing(col));
        }
        self.series(col)
    }

    /// The values of column `col` as Python objects (`df[col].tolist()`).
    pub(crate) fn values(&self, col: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.series(col)?
            .call_method0("tolist")?
            .try_iter()?
            .collect()
    }

    fn series(&self, col: &str) -> PyResult<Bound<'py, PyAny>> {
        self.df.get_item(col)
    }

    /// A number column: NaN is `None` where `nan_ok`, else an error naming the row;
    /// infinities, and columns whose dtype is not numeric (or is bool), are errors.
    pub(crate) fn numbers(&self, col: &str, nan_ok: bool) -> PyResult<Vec<Option<f64>>> {
        let py = self.df.py();
        let t = &self.table;
        let series = self.series(col)?;
        let types = py.import("pandas")?.getattr("api")?.getattr("types")?;
        let is_bool: bool = types.call_method1("is_bool_dtype", (&series,))?.extract()?;
        let is_numeric: bool = types
            .call_method1("is_numeric_dtype", (&series,))?
            .extract()?;
        let values = self.values(col)?;
        if is_bool || !is_numeric {
            let plain_number = |v: &Bound<'_, PyAny>| !v.is_instance_of::<PyBool>() && is_number(v);
            let bad = values.iter().enumerate().find(|(_, v)| !plain_number(v));
            let dtype = series.getattr("dtype")?.str()?.to_string();
            let at = bad.map_or(String::new(), |(i, v)| {
                format!(" ({t}[{i}].{col} is {})", repr(v))
            });
            return Err(invalid(format!(
                "{t}.{col}: expected numbers, found dtype {dtype}{at}"
            )));
        }
        let mut out = Vec::with_capacity(values.len());
        for (i, v) in values.iter().enumerate() {
            let v: f64 = v.extract()?;
            if v.is_nan() {
                if !nan_ok {
                    return Err(invalid(format!(
                        "{t}[{i}].{col}: NaN (a number is required)"
                    )));
                }
                out.push(None);
            } else if v.is_infinite() {
                return Err(invalid(format!(
                    "{t}[{i}].{col}: {} (a finite number is required)",
                    py_float(py, v)
                )));
            } else {
                out.push(Some(v));
            }
        }
        Ok(out)
    }

    /// A number column without NaN.
    pub(crate) fn finite_numbers(&self, col: &str) -> PyResult<Vec<f64>> {
        Ok(self.numbers(col, false)?.into_iter().flatten().collect())
    }

    /// A text column: a missing value (None, NaN) is `None` where `missing_ok`, else an
    /// error naming the row; any other non-string is an error.
    pub(crate) fn texts(&self, col: &str, missing_ok: bool) -> PyResult<Vec<Option<String>>> {
        let t = &self.table;
        let mut out = Vec::new();
        for (i, v) in self.values(col)?.iter().enumerate() {
            let nan = v.is_instance_of::<PyFloat>() && v.extract::<f64>()?.is_nan();
            if v.is_none() || nan {
                if !missing_ok {
                    return Err(invalid(format!(
                        "{t}[{i}].{col}: missing value (a string is required)"
                    )));
                }
                out.push(None);
            } else if let Ok(s) = v.downcast::<PyString>() {
                out.push(Some(s.to_string()));
            } else {
                return Err(invalid(format!(
                    "{t}[{i}].{col}: expected a string, found {} {} (convert the column with \
                     .astype(str))",
                    type_name(v),
                    repr(v)
                )));
            }
        }
        Ok(out)
    }

    /// A text column without missing values.
    pub(crate) fn required_texts(&self, col: &str) -> PyResult<Vec<String>> {
        Ok(self.texts(col, false)?.into_iter().flatten().collect())
    }
}

/// A Python int or float (bool included: it is an int).
fn is_number(v: &Bound<'_, PyAny>) -> bool {
    v.is_instance_of::<PyInt>() || v.is_instance_of::<PyFloat>()
}
