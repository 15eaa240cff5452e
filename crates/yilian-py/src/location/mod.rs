//! The classic location models on a cost matrix (`yilian.location` in Python):
//! p-median, p-center, MCLP, LSCP, CFLP and capacitated p-median, with NumPy arrays
//! in and a [`result::LocationResult`] out.

pub(crate) mod arrays;
pub(crate) mod models;
pub(crate) mod result;

use pyo3::prelude::*;

/// Adds the location classes and helpers to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<models::PMedian>()?;
    m.add_class::<models::PCenter>()?;
    m.add_class::<models::PyMclp>()?;
    m.add_class::<models::PyLscp>()?;
    m.add_class::<models::PyCflp>()?;
    m.add_class::<models::CapacitatedPMedian>()?;
    m.add_class::<result::LocationResult>()?;
    m.add_function(wrap_pyfunction!(models::read_pmed_file, m)?)?;
    m.add_function(wrap_pyfunction!(models::_location_model, m)?)?;
    m.add_function(wrap_pyfunction!(result::_location_result, m)?)?;
    Ok(())
}
