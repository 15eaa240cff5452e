//! Overrides of scenario fields by path, applied to the scenario's JSON form.
//!
//! A path names fields with dots: `policy.budget`, `travel.speed_kmh`,
//! `imaging.modalities.CT.exams_per_day`. Inside an array a segment picks elements: `*`
//! every element, a number the element at that position (from 0), any other text the
//! element whose `id` is that text. Brackets are the same as dots:
//! `pools[*].max_travel_minutes` is `pools.*.max_travel_minutes`, and
//! `institutions[THC01].room_days` is `institutions.THC01.room_days`. On an object (a
//! map such as `policy.min_days_by_tier`), `*` is every value it holds.
//!
//! After the values are set, the document is read back as a scenario and validated, so
//! that an override gets the same errors as the same value in a scenario file (a wrong
//! type, a field that does not exist, a negative budget). A path that leads nowhere (no
//! such section, element or id) is an [`Error::Invalid`] naming the path.
//!
//! ```
//! use yilian::sweep::{apply_overrides, Override};
//! let scenario = yilian::generate::county(1);
//! let changed = apply_overrides(&scenario, &[
//!     Override::new("policy.budget", serde_json::json!(2e5)),
//!     Override::new("pools.*.max_travel_minutes", serde_json::json!(45)),
//! ]).unwrap();
//! assert_eq!(changed.policy.budget, Some(2e5));
//! assert!(changed.pools.iter().all(|p| p.max_travel_minutes == 45.0));
//! ```

use crate::error::{Error, Issue, Result};
use crate::scenario::{validate, Scenario};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One override: a path into the scenario and the JSON value to put there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Override {
    /// The path, for example `pools.*.max_travel_minutes`.
    pub path: String,
    /// The value, as it would be written in a scenario file.
    pub value: Value,
}

impl Override {
    /// An override of `path` with `value`. Numbers with a whole value are kept as
    /// integers (`1e5` becomes `100000`), so that they also fit integer fields such as
    /// `headcount`; fractions stay fractions and are refused by integer fields.
    pub fn new(path: impl Into<String>, value: Value) -> Self {
        Self {
            path: path.into(),
            value: whole_numbers_as_integers(value),
        }
    }

    /// The value as text, as in a scenario file (`100000`, `"links"`, `true`).
    pub fn value_text(&self) -> String {
        self.value.to_string()
    }
}

/// Reads one value written by a user (`1e5`, `45`, `true`, `"links"`, `links`): JSON
/// when it parses as JSON, else the text as a JSON string.
///
/// ```
/// use yilian::sweep::parse_value;
/// assert_eq!(parse_value("1e5"), serde_json::json!(100000));
/// assert_eq!(parse_value("links"), serde_json::json!("links"));
/// ```
pub fn parse_value(text: &str) -> Value {
    let value = serde_json::from_str(text.trim()).unwrap_or_else(|_| Value::String(text.into()));
    whole_numbers_as_integers(value)
}

/// Largest integer a double holds exactly (2^53).
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

fn whole_numbers_as_integers(value: Value) -> Value {
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => match n.as_f64() {
            Some(x) if x.fract() == 0.0 && x.abs() <= EXACT_INTEGER => Value::from(x as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => {
            Value::Array(items.into_iter().map(whole_numbers_as_integers).collect())
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, whole_numbers_as_integers(v)))
                .collect(),
        ),
        other => other,
    }
}

/// The segments of a path: dots and brackets both separate them.
///
/// ```
/// use yilian::sweep::path_segments;
/// assert_eq!(path_segments("pools[*].max_travel_minutes").unwrap(),
///            vec!["pools", "*", "max_travel_minutes"]);
/// assert!(path_segments("policy..budget").is_err());
/// ```
pub fn path_segments(path: &str) -> Result<Vec<String>> {
    let bad = |message: &str| {
        Error::Invalid(vec![Issue::new(
            if path.is_empty() { "override" } else { path },
            message,
        )])
    };
    let mut segments = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        let (segment, after) = if let Some(inner) = rest.strip_prefix('[') {
            let end = inner
                .find(']')
                .ok_or_else(|| bad("is not a valid path: a '[' is not closed"))?;
            (&inner[..end], &inner[end + 1..])
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            (&rest[..end], &rest[end..])
        };
        if segment.is_empty() {
            return Err(bad("is not a valid path: it has an empty segment"));
        }
        segments.push(segment.to_string());
        rest = after.strip_prefix('.').unwrap_or(after);
        if after.starts_with('.') && rest.is_empty() {
            return Err(bad("is not a valid path: it ends with '.'"));
        }
    }
    if segments.is_empty() {
        return Err(bad("is empty: name a field, for example policy.budget"));
    }
    Ok(segments)
}

/// The scenario with every override applied, read back and validated.
///
/// Errors: [`Error::Invalid`] for a path that leads nowhere (naming the path) and for a
/// value that breaks a rule (as a scenario file with that value would);
/// [`Error::Parse`] for a value of the wrong type or a field that does not exist, with
/// the field's path (`pools[0].headcount: invalid type: ...`).
pub fn apply_overrides(scenario: &Scenario, overrides: &[Override]) -> Result<Scenario> {
    let mut doc = serde_json::to_value(scenario).expect("a scenario always serialises");
    let mut issues = Vec::new();
    // Fields added to the document (absent before), with the override that added them.
    let mut added: Vec<(String, &Override)> = Vec::new();
    for o in overrides {
        let segments = match path_segments(&o.path) {
            Ok(s) => s,
            Err(Error::Invalid(mut found)) => {
                issues.append(&mut found);
                continue;
            }
            Err(e) => return Err(e),
        };
        let mut new_fields = Vec::new();
        match set(&mut doc, &segments, "", &o.value, &mut new_fields) {
            Ok(()) => added.extend(new_fields.into_iter().map(|p| (p, o))),
            Err(message) => issues.push(Issue::new(&o.path, message)),
        }
    }
    if !issues.is_empty() {
        return Err(Error::Invalid(issues));
    }
    let changed: Scenario = serde_path_to_error::deserialize(doc).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        // A field an override added that the scenario does not have: name the override.
        match added.iter().find(|(p, _)| *p == path) {
            Some((_, o)) if message.starts_with("unknown field") => {
                let message = if path == o.path {
                    format!("does not exist in the scenario: {message}")
                } else {
                    format!("does not exist in the scenario (at {path}: {message})")
                };
                Error::Invalid(vec![Issue::new(&o.path, message)])
            }
            _ => Error::Parse {
                path: if path == "." { "scenario".into() } else { path },
                message,
            },
        }
    })?;
    let validation = validate(&changed);
    if !validation.errors.is_empty() {
        return Err(Error::Invalid(validation.errors));
    }
    Ok(changed)
}

/// Sets `value` at `segments` below `node` (whose own path is `at`); the paths of
/// fields it adds go to `added`.
fn set(
    node: &mut Value,
    segments: &[String],
    at: &str,
    value: &Value,
    added: &mut Vec<String>,
) -> std::result::Result<(), String> {
    let Some((first, rest)) = segments.split_first() else {
        *node = value.clone();
        return Ok(());
    };
    let here = |name: &str| -> String {
        if at.is_empty() {
            name.to_string()
        } else {
            format!("{at}.{name}")
        }
    };
    match node {
        Value::Object(map) => set_in_object(map, first, rest, &here(first), at, value, added),
        Value::Array(items) => {
            let count = items.len();
            let label = if at.is_empty() { "the scenario" } else { at };
            if first == "*" {
                if items.is_empty() {
                    return Err(format!(
                        "does not exist: {label} is empty, '*' matches nothing"
                    ));
                }
                for (i, item) in items.iter_mut().enumerate() {
                    set(item, rest, &format!("{at}[{i}]"), value, added)?;
                }
                Ok(())
            } else if let Ok(i) = first.parse::<usize>() {
                let item = items.get_mut(i).ok_or_else(|| {
                    format!(
                        "does not exist: {label} has {count} elements (positions 0 to {})",
                        count.saturating_sub(1)
                    )
                })?;
                set(item, rest, &format!("{at}[{i}]"), value, added)
            } else {
                let i = items
                    .iter()
                    .position(|item| item.get("id").and_then(Value::as_str) == Some(first.as_str()))
                    .ok_or_else(|| {
                        format!("does not exist: {label} has no element with id \"{first}\"")
                    })?;
                set(&mut items[i], rest, &format!("{at}[{i}]"), value, added)
            }
        }
        scalar => Err(format!(
            "does not exist: {at} is {}, it has no field \"{first}\"",
            kind(scalar)
        )),
    }
}

fn set_in_object(
    map: &mut Map<String, Value>,
    key: &str,
    rest: &[String],
    path: &str,
    at: &str,
    value: &Value,
    added: &mut Vec<String>,
) -> std::result::Result<(), String> {
    if key == "*" {
        if map.is_empty() {
            let label = if at.is_empty() { "the scenario" } else { at };
            return Err(format!(
                "does not exist: {label} is empty, '*' matches nothing"
            ));
        }
        for (k, v) in map.iter_mut() {
            let at = if at.is_empty() {
                k.clone()
            } else {
                format!("{at}.{k}")
            };
            set(v, rest, &at, value, added)?;
        }
        return Ok(());
    }
    match map.get_mut(key) {
        Some(Value::Null) | None if !rest.is_empty() => Err(format!(
            "does not exist: the scenario has no {path} (set the whole {path} instead)"
        )),
        Some(child) => set(child, rest, path, value, added),
        // A field left out of the JSON form (an unset option) or a new key of a map:
        // reading the document back refuses it if no such field exists.
        None => {
            map.insert(key.to_string(), value.clone());
            added.push(path.to_string());
            Ok(())
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
