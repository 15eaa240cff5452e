//! Plans on a map (`plan.to_geodataframe(layer)`): one line per flow or one point
//! per institution, in EPSG:4326, from the plan's own DataFrames.

use super::{geopandas, kwargs};
use crate::errors::invalid;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::collections::HashMap;

/// What a plan class draws: the table of its flows and the columns of their two ends,
/// and the per-institution totals of its tables.
pub(crate) struct Layers {
    /// The table of flows (`to_frames()[flows]`).
    flows: &'static str,
    /// Its columns naming the two institutions of a flow; `None` for the start: the
    /// pool's home, added as a column `from`.
    ends: (Option<&'static str>, &'static str),
    /// Totals: `(table, grouped by, columns summed, renamed to)`; the first gives the
    /// demand of each institution, the others are joined to it.
    totals: &'static [(
        &'static str,
        &'static str,
        &'static [&'static str],
        Option<&'static str>,
    )],
}

/// The rotation plan: days sent from a pool's home to a host.
pub(crate) const ROTATION: Layers = Layers {
    flows: "assignments",
    ends: (None, "host"),
    totals: &[
        ("service", "host", &["demand", "served", "unmet"], None),
        ("assignments", "host", &["days"], Some("days_received")),
    ],
};

/// The scanner plan: exams sent from an institution to a site.
pub(crate) const SCANNERS: Layers = Layers {
    flows: "flows",
    ends: (Some("institution"), "site"),
    totals: &[
        (
            "demand",
            "institution",
            &["demand", "served", "unmet"],
            None,
        ),
        ("units", "site", &["units", "added", "exams"], None),
    ],
};

/// The referral plan: patients sent from their origin to a treating site.
pub(crate) const REFERRAL: Layers = Layers {
    flows: "flows",
    ends: (Some("origin"), "site"),
    totals: &[
        ("demand", "origin", &["demand", "treated", "unmet"], None),
        ("flows", "site", &["patients"], Some("patients_treated")),
    ],
};

/// `plan.to_geodataframe(layer)` of a plan object drawn as `layers`, solved on
/// `scenario`.
pub(crate) fn plan_to_geodataframe<'py>(
    plan: &Bound<'py, PyAny>,
    layers: &Layers,
    scenario: &yilian::Scenario,
    layer: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let py = plan.py();
    let gpd = geopandas(py)?;
    let shapely = py.import("shapely.geometry")?;
    let doc = serde_json::to_value(scenario).expect("a scenario always serialises");
    let rows = doc["institutions"].as_array().cloned().unwrap_or_default();
    let at: HashMap<String, (f64, f64)> = rows
        .iter()
        .filter_map(|i| {
            let loc = i.get("location")?;
            Some((
                i["id"].as_str()?.to_string(),
                (loc["lon"].as_f64()?, loc["lat"].as_f64()?),
            ))
        })
        .collect();
    let point = |id: &str| at.get(id).copied();
    let frames = plan.call_method0("to_frames")?;
    let (table, geoms) = match layer {
        "flows" => {
            let f = frames.get_item(layers.flows)?.call_method0("copy")?;
            let from = match layers.ends.0 {
                Some(col) => col,
                None => {
                    // The rotation's flows start at the pool's home.
                    let homes: HashMap<&str, &str> = scenario
                        .pools
                        .iter()
                        .map(|p| (p.id.as_str(), p.home.as_str()))
                        .collect();
                    let pools: Vec<String> =
                        f.get_item("pool")?.call_method0("tolist")?.extract()?;
                    let from: Vec<&str> = pools.iter().map(|p| homes[p.as_str()]).collect();
                    f.call_method1("insert", (0, "from", from))?;
                    f.call_method1("insert", (1, "to", f.get_item(layers.ends.1)?))?;
                    "from"
                }
            };
            let to = if layers.ends.0.is_some() {
                layers.ends.1
            } else {
                "to"
            };
            let a: Vec<String> = f.get_item(from)?.call_method0("tolist")?.extract()?;
            let b: Vec<String> = f.get_item(to)?.call_method0("tolist")?.extract()?;
            let mut geoms = Vec::with_capacity(a.len());
            for (x, y) in a.iter().zip(&b) {
                geoms.push(match (point(x), point(y)) {
                    (Some(p), Some(q)) => shapely.getattr("LineString")?.call1((vec![p, q],))?,
                    _ => py.None().into_bound(py),
                });
            }
            (f, geoms)
        }
        "institutions" => {
            let text = |i: &serde_json::Value, key: &str| {
                i.get(key).and_then(|v| v.as_str().map(String::from))
            };
            let base = PyDict::new(py);
            for key in ["id", "name", "tier"] {
                let col: Vec<Option<String>> = rows.iter().map(|i| text(i, key)).collect();
                base.set_item(key, col)?;
            }
            let base = py.import("pandas")?.getattr("DataFrame")?.call1((base,))?;
            let values = institution_totals(&frames, layers)?;
            let out = base.call_method(
                "join",
                (values,),
                Some(&kwargs(py, &[("on", "id".into_pyobject(py)?.into_any())])?),
            )?;
            let ids: Vec<String> = out.get_item("id")?.call_method0("tolist")?.extract()?;
            let mut geoms = Vec::with_capacity(ids.len());
            for id in &ids {
                geoms.push(match point(id) {
                    Some(p) => shapely.getattr("Point")?.call1(p)?,
                    None => py.None().into_bound(py),
                });
            }
            (out, geoms)
        }
        other => {
            return Err(invalid(format!(
                "layer: {} is unknown (expected \"flows\" or \"institutions\")",
                crate::columns::repr(&other.into_pyobject(py)?.into_any())
            )))
        }
    };
    let options = kwargs(
        py,
        &[
            ("geometry", PyList::new(py, geoms)?.into_any()),
            ("crs", "EPSG:4326".into_pyobject(py)?.into_any()),
        ],
    )?;
    gpd.getattr("GeoDataFrame")?.call((table,), Some(&options))
}

/// Per institution, what the plan gives it (indexed by institution id): the sums of
/// `layers.totals`, joined (outer) to the first.
fn institution_totals<'py>(
    frames: &Bound<'py, PyAny>,
    layers: &Layers,
) -> PyResult<Bound<'py, PyAny>> {
    let py = frames.py();
    let mut out: Option<Bound<'py, PyAny>> = None;
    for (table, by, columns, rename) in layers.totals {
        let mut f = frames.get_item(*table)?;
        if columns.contains(&"units") {
            // Units at a site: those kept and those added.
            f = f.call_method0("copy")?;
            let units = f
                .get_item("kept")?
                .call_method1("__add__", (f.get_item("added")?,))?;
            f.set_item("units", units)?;
        }
        let grouped = f.call_method1("groupby", (*by,))?;
        let sums = match rename {
            Some(name) => grouped
                .get_item(columns[0])?
                .call_method0("sum")?
                .call_method1("rename", (*name,))?,
            None => grouped
                .get_item(PyList::new(py, columns.to_vec())?)?
                .call_method0("sum")?,
        };
        out = Some(match out {
            None => sums,
            Some(base) => base.call_method(
                "join",
                (sums,),
                Some(&kwargs(
                    py,
                    &[("how", "outer".into_pyobject(py)?.into_any())],
                )?),
            )?,
        });
    }
    Ok(out.expect("every plan has totals"))
}
