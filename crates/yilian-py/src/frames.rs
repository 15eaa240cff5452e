//! Helpers that build pandas DataFrames from columns of Rust values: [`frame!`] for a
//! table with one row per item, on [`Table`].

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::IntoPyObjectExt;

/// A table as a dict of columns, in the given column order.
pub(crate) struct Table<'py> {
    py: Python<'py>,
    columns: Vec<(&'static str, Bound<'py, PyList>)>,
}

impl<'py> Table<'py> {
    pub(crate) fn new(py: Python<'py>, names: &[&'static str]) -> Self {
        Self {
            py,
            columns: names.iter().map(|n| (*n, PyList::empty(py))).collect(),
        }
    }
    pub(crate) fn row(&self, values: Vec<Bound<'py, PyAny>>) -> PyResult<()> {
        for ((_, col), v) in self.columns.iter().zip(values) {
            col.append(v)?;
        }
        Ok(())
    }
    pub(crate) fn frame(self) -> PyResult<Bound<'py, PyAny>> {
        let pandas = self.py.import("pandas")?;
        let data = PyDict::new(self.py);
        let names = PyList::empty(self.py);
        for (name, col) in self.columns {
            data.set_item(name, col)?;
            names.append(name)?;
        }
        let kwargs = PyDict::new(self.py);
        kwargs.set_item("columns", names)?;
        pandas.getattr("DataFrame")?.call((data,), Some(&kwargs))
    }
}

/// A Rust value as a Python object.
pub(crate) fn obj<'py, T: IntoPyObject<'py>>(py: Python<'py>, v: T) -> PyResult<Bound<'py, PyAny>> {
    v.into_bound_py_any(py)
}

/// `frame!(py, rows, |row| ["column" => value, ...])`: a pandas DataFrame with one row
/// per item of `rows` and the named columns in this order, each value converted by
/// [`obj`] (`None` becomes NaN in a column of numbers, as pandas reads it).
macro_rules! frame {
    ($py:expr, $rows:expr, |$row:pat_param| [$($col:literal => $val:expr),+ $(,)?]) => {{
        let table = $crate::frames::Table::new($py, &[$($col),+]);
        for $row in $rows {
            table.row(vec![$($crate::frames::obj($py, $val)?),+])?;
        }
        table.frame()
    }};
}
pub(crate) use frame;
