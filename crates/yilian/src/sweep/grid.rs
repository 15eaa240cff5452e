//! A grid of overrides: values per path, and the points of their cartesian product.

use super::overrides::{parse_value, path_segments, Override};
use crate::error::{Error, Result};
use serde_json::Value;

/// One axis of a grid: a path and the values it takes.
pub type Axis = (String, Vec<Value>);

/// Reads an axis written as `PATH=V1,V2,...` (the CLI's `--set`). Values are JSON when
/// they parse as JSON, else text; commas inside brackets, braces or quotes do not split.
///
/// ```
/// let (path, values) = yilian::sweep::parse_axis("policy.budget=1e5,2e5").unwrap();
/// assert_eq!(path, "policy.budget");
/// assert_eq!(values, vec![serde_json::json!(100000), serde_json::json!(200000)]);
/// ```
pub fn parse_axis(spec: &str) -> Result<Axis> {
    let bad = |message: String| Error::InvalidOption {
        field: "--set".into(),
        message,
    };
    let (path, values) = spec
        .split_once('=')
        .ok_or_else(|| bad(format!("\"{spec}\" is not PATH=VALUE[,VALUE...]")))?;
    let path = path.trim();
    path_segments(path)?;
    let values: Vec<Value> = split_top_level(values)
        .into_iter()
        .map(parse_value)
        .collect();
    if values.is_empty() {
        return Err(bad(format!("\"{spec}\" gives {path} no value")));
    }
    Ok((path.to_string(), values))
}

/// Splits at commas that are not inside brackets, braces or a quoted string.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quoted, mut escaped, mut start) = (0i32, false, false, 0);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' | '{' if !quoted => depth += 1,
            ']' | '}' if !quoted => depth -= 1,
            ',' if !quoted && depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts.retain(|p| !p.trim().is_empty());
    parts
}

/// The points of the grid, in a fixed order: the first axis varies slowest, the last
/// fastest. No axis gives one point without overrides.
///
/// ```
/// use serde_json::json;
/// let points = yilian::sweep::grid_points(&[
///     ("policy.budget".into(), vec![json!(1), json!(2)]),
///     ("travel.speed_kmh".into(), vec![json!(30), json!(40), json!(50)]),
/// ]);
/// assert_eq!(points.len(), 6);
/// assert_eq!(points[1][1].value, json!(40));
/// assert_eq!(points[3][0].value, json!(2));
/// ```
pub fn grid_points(axes: &[Axis]) -> Vec<Vec<Override>> {
    let mut points: Vec<Vec<Override>> = vec![Vec::new()];
    for (path, values) in axes {
        points = points
            .into_iter()
            .flat_map(|point| {
                values.iter().map(move |v| {
                    let mut next = point.clone();
                    next.push(Override::new(path.clone(), v.clone()));
                    next
                })
            })
            .collect();
    }
    points
}

/// A point as text, the key of its rows: `policy.budget=100000; travel.speed_kmh=30`
/// (empty without overrides). Values are in their JSON form after
/// [`Override::new`]'s normalisation, so that `1e5` and `100000` name one point.
pub fn point_label(overrides: &[Override]) -> String {
    overrides
        .iter()
        .map(|o| format!("{}={}", o.path, o.value_text()))
        .collect::<Vec<_>>()
        .join("; ")
}
