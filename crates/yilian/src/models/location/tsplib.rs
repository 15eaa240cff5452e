//! Reader for TSPLIB `EUC_2D` files (Reinelt 1991): the point sets the p-median
//! literature uses as large benchmarks (rl1304, vm1748, usa13509, ...), every node a
//! client and a candidate site.
//!
//! Only the header fields `NAME`, `DIMENSION` and `EDGE_WEIGHT_TYPE` are read (others,
//! such as `COMMENT` and `TYPE`, are skipped), then the `NODE_COORD_SECTION` lines
//! `id x y` up to `EOF` or the end of the file. Distances follow the p-median
//! literature (Duran-Mateluna, Ales and Elloumi 2023): the Euclidean distance rounded
//! DOWN ([`Metric::EuclideanFloor`]), not TSPLIB's own nearest-integer rounding.

use super::points::Metric;
use super::CostMatrix;
use crate::{Error, Result};
use std::path::Path;

/// The nodes of a TSPLIB `EUC_2D` file.
#[derive(Debug, Clone, PartialEq)]
pub struct TsplibInstance {
    /// The `NAME` field (the file stem when absent).
    pub name: String,
    /// Node coordinates `(x, y)`, node 1 first.
    pub points: Vec<[f64; 2]>,
}

impl TsplibInstance {
    /// The dense node x node matrix of floored Euclidean distances (every node a client
    /// and a site).
    pub fn cost(&self) -> Result<CostMatrix> {
        CostMatrix::from_points(&self.points, &self.points, Metric::EuclideanFloor)
    }
}

/// Reads a TSPLIB `EUC_2D` file; see the module documentation.
///
/// ```no_run
/// use yilian::models::location::read_tsplib;
/// let inst = read_tsplib("rl1304.tsp").unwrap();
/// let cost = inst.cost().unwrap();
/// assert_eq!(cost.sites(), 1304);
/// ```
pub fn read_tsplib(path: impl AsRef<Path>) -> Result<TsplibInstance> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse_tsplib(&text, path)
}

/// Parses the text of a TSPLIB `EUC_2D` file read from `path` (named in errors).
pub fn parse_tsplib(text: &str, path: &Path) -> Result<TsplibInstance> {
    // Errors name the file and, when there is one, the line (`file:line`).
    let err = |line: usize, message: String| Error::Parse {
        path: if line == 0 {
            path.display().to_string()
        } else {
            format!("{}:{line}", path.display())
        },
        message,
    };
    let mut name = None;
    let mut dimension: Option<usize> = None;
    let mut weight_type: Option<(String, usize)> = None;
    let mut lines = text.lines().enumerate().map(|(k, l)| (k + 1, l.trim()));
    let mut section_line = None;
    for (k, line) in lines.by_ref() {
        if line.is_empty() {
            continue;
        }
        let (key, value) = match line.split_once(':') {
            Some((key, value)) => (key.trim(), value.trim()),
            None => (line, ""),
        };
        match key {
            "NAME" => name = Some(value.to_string()),
            "DIMENSION" => {
                dimension = Some(value.parse().map_err(|_| {
                    err(
                        k,
                        format!("DIMENSION: '{value}' is not a non-negative integer"),
                    )
                })?)
            }
            "EDGE_WEIGHT_TYPE" => weight_type = Some((value.to_string(), k)),
            "NODE_COORD_SECTION" => {
                section_line = Some(k);
                break;
            }
            "EOF" => break,
            s if s.ends_with("_SECTION") => {
                return Err(err(
                    k,
                    format!("{s}: only NODE_COORD_SECTION is read (EUC_2D coordinates)"),
                ))
            }
            _ => {}
        }
    }
    match &weight_type {
        Some((t, _)) if t == "EUC_2D" => {}
        Some((other, k)) => {
            return Err(err(
                *k,
                format!("EDGE_WEIGHT_TYPE: '{other}' is not supported (only EUC_2D)"),
            ))
        }
        None => return Err(err(0, "EDGE_WEIGHT_TYPE: missing (EUC_2D expected)".into())),
    }
    let dimension = dimension.ok_or_else(|| err(0, "DIMENSION: missing".into()))?;
    let Some(section_line) = section_line else {
        return Err(err(0, "NODE_COORD_SECTION: missing".into()));
    };
    // The nodes as read, never more than the file holds: a DIMENSION larger than the
    // file allocates nothing of its size.
    let mut nodes: Vec<(usize, [f64; 2], usize)> = Vec::new();
    for (k, line) in lines {
        if line.is_empty() {
            continue;
        }
        if line == "EOF" {
            break;
        }
        let mut t = line.split_whitespace();
        let mut field = |what: &str| {
            t.next()
                .ok_or_else(|| err(k, format!("node line '{line}': {what} missing")))
        };
        let id_text = field("node number")?;
        let id: usize = id_text.parse().map_err(|_| {
            err(
                k,
                format!("node number '{id_text}' is not a positive integer"),
            )
        })?;
        let mut coordinate = |what: &str| -> Result<f64> {
            let s = field(what)?;
            s.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| err(k, format!("node {id}: {what} '{s}' is not a finite number")))
        };
        let x = coordinate("x")?;
        let y = coordinate("y")?;
        if id == 0 || id > dimension {
            return Err(err(
                k,
                format!("node number {id} is outside 1..={dimension} (DIMENSION {dimension})"),
            ));
        }
        nodes.push((id, [x, y], k));
    }
    if nodes.len() != dimension {
        return Err(err(
            section_line,
            format!(
                "DIMENSION is {dimension} but NODE_COORD_SECTION holds {} nodes",
                nodes.len()
            ),
        ));
    }
    nodes.sort_by_key(|n| n.0);
    for pair in nodes.windows(2) {
        if pair[0].0 == pair[1].0 {
            return Err(err(
                pair[1].2.max(pair[0].2),
                format!("node number {} appears twice", pair[0].0),
            ));
        }
    }
    if dimension == 0 {
        return Err(err(0, "DIMENSION: 0 nodes".into()));
    }
    let name = name.unwrap_or_else(|| {
        path.file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
    });
    Ok(TsplibInstance {
        name,
        points: nodes.into_iter().map(|n| n.1).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<TsplibInstance> {
        parse_tsplib(text, Path::new("t.tsp"))
    }

    #[test]
    fn reads_nodes_in_number_order_and_floors_distances() {
        // Nodes listed 2, 1, 3: node 1 at (0,0), node 2 at (3,4), node 3 at (1,2).
        // Floored distances: d(1,2) = 5, d(1,3) = floor(2.236) = 2, d(2,3) = floor(2.828) = 2.
        let t = "NAME : tiny\nCOMMENT : test\nTYPE : TSP\nDIMENSION : 3\n\
                 EDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n2 3.0 4.0\n1 0 0\n3 1e0 2\nEOF\n";
        let inst = parse(t).unwrap();
        assert_eq!(inst.name, "tiny");
        assert_eq!(inst.points, vec![[0.0, 0.0], [3.0, 4.0], [1.0, 2.0]]);
        let c = inst.cost().unwrap();
        assert_eq!(
            (c.get(0, 1), c.get(0, 2), c.get(1, 2), c.get(2, 2)),
            (5.0, 2.0, 2.0, 0.0)
        );
    }

    #[test]
    fn bad_files_are_typed_errors_naming_the_line() {
        let head = "NAME: x\nDIMENSION: 2\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n";
        let cases = [
            (
                "DIMENSION: 2\nEDGE_WEIGHT_TYPE: GEO\nNODE_COORD_SECTION\n1 0 0\n2 1 1\n",
                "t.tsp:2: EDGE_WEIGHT_TYPE: 'GEO' is not supported (only EUC_2D)",
            ),
            (
                "DIMENSION: 2\nNODE_COORD_SECTION\n1 0 0\n2 1 1\n",
                "t.tsp: EDGE_WEIGHT_TYPE: missing (EUC_2D expected)",
            ),
            (
                "DIMENSION: 3\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 1 1\nEOF\n",
                "t.tsp:3: DIMENSION is 3 but NODE_COORD_SECTION holds 2 nodes",
            ),
            (
                &format!("{head}1 0 0\n3 1 1\n"),
                "t.tsp:6: node number 3 is outside 1..=2 (DIMENSION 2)",
            ),
            (
                &format!("{head}1 0 0\n1 1 1\n"),
                "t.tsp:6: node number 1 appears twice",
            ),
            (
                &format!("{head}1 0 zero\n2 1 1\n"),
                "t.tsp:5: node 1: y 'zero' is not a finite number",
            ),
            (
                &format!("{head}1 0\n2 1 1\n"),
                "t.tsp:5: node line '1 0': y missing",
            ),
            (
                "DIMENSION: two\nEDGE_WEIGHT_TYPE: EUC_2D\n",
                "t.tsp:1: DIMENSION: 'two' is not a non-negative integer",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(parse(text).unwrap_err().to_string(), message, "{text}");
        }
    }

    #[test]
    fn a_huge_dimension_allocates_nothing_of_its_size() {
        // A header claiming 10^18 nodes over a file of two: the reader must answer with
        // the count mismatch (an allocation of that size would abort the process).
        let t = "DIMENSION: 1000000000000000000\nEDGE_WEIGHT_TYPE: EUC_2D\n\
                 NODE_COORD_SECTION\n1 0 0\n2 1 1\n";
        assert_eq!(
            parse(t).unwrap_err().to_string(),
            "t.tsp:3: DIMENSION is 1000000000000000000 but NODE_COORD_SECTION holds 2 nodes"
        );
    }
}
