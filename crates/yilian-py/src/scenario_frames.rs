//! pandas DataFrames -> a scenario document (`Scenario.from_frames`).
//!
//! One row per institution (demand *wide*: a column `demand.<specialty>` per
//! specialty, `exams.<modality>` per modality, NaN for none), one row per pool,
//! optional links, and the `policy` and `travel` dicts. The frames are checked here
//! for what JSON cannot say (see [`crate::columns`]); everything else (tiers, unknown
//! ids, negative values, ...) is checked by the core, whose messages name the same
//! paths (`institutions[3].population`, `pools[0].home`).

use crate::columns::{py_float, Frame};
use crate::errors::invalid;
use crate::json_value::dict_to_json;
use pyo3::prelude::*;
use serde_json::{json, Map, Value};

const INSTITUTION_TEXT: [&str; 3] = ["name", "district", "consortium"];
const INSTITUTION_NUMBERS: [&str; 2] = ["population", "room_days"];
const POOL_TEXT: [&str; 3] = ["id", "home", "specialty"];
const POOL_NUMBERS: [&str; 4] = [
    "headcount",
    "days_per_person",
    "max_travel_minutes",
    "visits_per_day",
];
const POOL_OPTIONAL_NUMBERS: [&str; 3] = ["home_min_days", "cost_per_day", "cost_per_minute"];

/// The arguments of `Scenario.from_frames` other than the frames.
pub(crate) struct Extras<'a, 'py> {
    pub(crate) name: &'a str,
    pub(crate) period_days: Option<f64>,
    pub(crate) policy: Option<&'a Bound<'py, PyAny>>,
    pub(crate) travel: Option<&'a Bound<'py, PyAny>>,
}

/// The scenario document (`"format": "yilian/1"`) for the frames.
pub(crate) fn scenario_document(
    institutions: &Bound<'_, PyAny>,
    pools: &Bound<'_, PyAny>,
    links: Option<&Bound<'_, PyAny>>,
    extras: Extras<'_, '_>,
) -> PyResult<Value> {
    let py = institutions.py();
    let mut doc = Map::new();
    doc.insert("format".into(), json!("yilian/1"));
    doc.insert("name".into(), json!(extras.name));
    doc.insert("institutions".into(), institution_rows(institutions)?);
    doc.insert("pools".into(), pool_rows(pools)?);
    if let Some(days) = extras.period_days {
        if !days.is_finite() {
            let what = if days.is_nan() {
                "NaN (a number is required)".to_string()
            } else {
                format!("{} (a finite number is required)", py_float(py, days))
            };
            return Err(invalid(format!("period_days: {what}")));
        }
        doc.insert("period_days".into(), json!(days));
    }
    if let Some(links) = links.filter(|l| !l.is_none()) {
        doc.insert("links".into(), link_rows(links)?);
    }
    for (key, value) in [("policy", extras.policy), ("travel", extras.travel)] {
        if let Some(value) = value.filter(|v| !v.is_none()) {
            doc.insert(key.into(), dict_to_json(value, key)?);
        }
    }
    Ok(Value::Object(doc))
}

/// Sets `key` of each row to the values given (`None`: left out).
fn set_column(rows: &mut [Map<String, Value>], key: &str, values: Vec<Option<Value>>) {
    for (row, v) in rows.iter_mut().zip(values) {
        if let Some(v) = v {
            row.insert(key.into(), v);
        }
    }
}

fn some_json<T: Into<Value>>(values: Vec<Option<T>>) -> Vec<Option<Value>> {
    values.into_iter().map(|v| v.map(Into::into)).collect()
}

fn all_json<T: Into<Value>>(values: Vec<T>) -> Vec<Option<Value>> {
    values.into_iter().map(|v| Some(v.into())).collect()
}

fn institution_rows(df: &Bound<'_, PyAny>) -> PyResult<Value> {
    let f = Frame::new(df, "institutions")?;
    let t = f.table().to_string();
    f.require(&["id", "tier"])?;
    let known = |c: &str| {
        ["id", "tier", "lon", "lat"].contains(&c)
            || INSTITUTION_TEXT.contains(&c)
            || INSTITUTION_NUMBERS.contains(&c)
            || c.starts_with("demand.")
            || c.starts_with("exams.")
    };
    if let Some(c) = f.columns().iter().find(|c| !known(c)) {
        return Err(invalid(format!(
            "{t}.{c}: unknown column (expected id, tier, name, district, consortium, lon, lat, \
             population, room_days, demand.<specialty>, exams.<modality>)"
        )));
    }
    if f.has("lon") != f.has("lat") {
        let absent = if f.has("lon") { "lat" } else { "lon" };
        return Err(invalid(format!(
            "{t}.{absent}: missing column (lon and lat go together)"
        )));
    }
    let mut rows = vec![Map::new(); f.len()?];
    for col in ["id", "tier"] {
        set_column(&mut rows, col, all_json(f.required_texts(col)?));
    }
    for col in INSTITUTION_TEXT.into_iter().filter(|c| f.has(c)) {
        set_column(&mut rows, col, some_json(f.texts(col, true)?));
    }
    if f.has("lon") {
        let lons = f.numbers("lon", true)?;
        let lats = f.numbers("lat", true)?;
        for (i, (row, (lon, lat))) in rows.iter_mut().zip(lons.into_iter().zip(lats)).enumerate() {
            match (lon, lat) {
                (Some(lon), Some(lat)) => {
                    row.insert("location".into(), json!({"lon": lon, "lat": lat}));
                }
                (None, None) => {}
                (lon, _) => {
                    let col = if lon.is_none() { "lon" } else { "lat" };
                    return Err(invalid(format!(
                        "{t}[{i}].{col}: NaN while the other coordinate is set"
                    )));
                }
            }
        }
    }
    for col in INSTITUTION_NUMBERS.into_iter().filter(|c| f.has(c)) {
        set_column(&mut rows, col, all_json(f.finite_numbers(col)?));
    }
    for (prefix, key, names) in [
        ("demand.", "demand", "specialty"),
        ("exams.", "exams", "exam"),
    ] {
        for col in f.columns().iter().filter(|c| c.starts_with(prefix)) {
            let name = &col[prefix.len()..];
            if name.is_empty() {
                return Err(invalid(format!("{t}.{col}: the column names no {names}")));
            }
            // NaN means no demand of this kind at that institution.
            for (row, v) in rows.iter_mut().zip(f.numbers(col, true)?) {
                if let Some(v) = v {
                    let entry = row.entry(key).or_insert_with(|| json!({}));
                    entry[name] = json!(v);
                }
            }
        }
    }
    Ok(Value::Array(rows.into_iter().map(Value::Object).collect()))
}

fn pool_rows(df: &Bound<'_, PyAny>) -> PyResult<Value> {
    let f = Frame::new(df, "pools")?;
    let t = f.table().to_string();
    let required: Vec<&str> = POOL_TEXT.into_iter().chain(POOL_NUMBERS).collect();
    f.require(&required)?;
    let known: Vec<&str> = required
        .iter()
        .copied()
        .chain(POOL_OPTIONAL_NUMBERS)
        .collect();
    if let Some(c) = f.columns().iter().find(|c| !known.contains(&c.as_str())) {
        return Err(invalid(format!(
            "{t}.{c}: unknown column (expected {})",
            known.join(", ")
        )));
    }
    let mut rows = vec![Map::new(); f.len()?];
    for col in POOL_TEXT {
        set_column(&mut rows, col, all_json(f.required_texts(col)?));
    }
    for col in known[POOL_TEXT.len()..].iter().filter(|c| f.has(c)) {
        let values = f.finite_numbers(col)?;
        if *col == "headcount" {
            let mut counts = Vec::new();
            for (i, v) in values.into_iter().enumerate() {
                if v != v.trunc() || v < 0.0 {
                    return Err(invalid(format!(
                        "{t}[{i}].headcount: {} is not a whole number >= 0",
                        py_float(df.py(), v)
                    )));
                }
                counts.push(v as u64);
            }
            set_column(&mut rows, col, all_json(counts));
        } else {
            set_column(&mut rows, col, all_json(values));
        }
    }
    Ok(Value::Array(rows.into_iter().map(Value::Object).collect()))
}

fn link_rows(df: &Bound<'_, PyAny>) -> PyResult<Value> {
    let f = Frame::new(df, "links")?;
    let t = f.table().to_string();
    f.require(&["from", "to", "minutes"])?;
    if let Some(c) = f
        .columns()
        .iter()
        .find(|c| !["from", "to", "minutes"].contains(&c.as_str()))
    {
        return Err(invalid(format!(
            "{t}.{c}: unknown column (expected from, to, minutes)"
        )));
    }
    let mut rows = vec![Map::new(); f.len()?];
    for col in ["from", "to"] {
        set_column(&mut rows, col, all_json(f.required_texts(col)?));
    }
    set_column(&mut rows, "minutes", all_json(f.finite_numbers("minutes")?));
    Ok(Value::Array(rows.into_iter().map(Value::Object).collect()))
}
