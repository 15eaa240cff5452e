//! Cost matrices and vectors from CSV files, for `yilian location ... --cost FILE`.
//!
//! A cost file has one row per client and one column per site. A first row that is not
//! all numbers is a header of site names, and a first column that is not all numbers
//! holds client names (as pandas' `DataFrame.to_csv()` writes them); otherwise clients
//! and sites are numbered from 0. Names must be unique. A vector file (weights, site
//! costs) has one number per line, or per row in its last column, after an optional
//! header; when its rows have two or more columns the first is a name, matched with the
//! matrix's clients or sites (numbered "0", "1", ... when the matrix has no names), in
//! any order, each exactly once.

use std::collections::HashMap;
use std::path::Path;
use yilian::models::location::CostMatrix;

/// A cost matrix with the names of its clients and sites.
pub struct NamedCosts {
    /// `clients x sites`.
    pub cost: CostMatrix,
    /// Client names (row labels, or "0", "1", ...).
    pub clients: Vec<String>,
    /// Site names (header, or "0", "1", ...).
    pub sites: Vec<String>,
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn records(text: &str, name: &str) -> Result<Vec<Vec<String>>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for r in reader.records() {
        let r = r.map_err(|e| format!("{name}: {e}"))?;
        if r.iter().all(str::is_empty) {
            continue;
        }
        rows.push(r.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

fn number(name: &str, row: usize, col: usize, text: &str) -> Result<f64, String> {
    text.parse::<f64>().map_err(|_| {
        format!(
            "{name}: row {}, column {}: \"{text}\" is not a number",
            row + 1,
            col + 1
        )
    })
}

fn is_number(text: &str) -> bool {
    text.parse::<f64>().is_ok()
}

/// The first name given twice, with the positions (1-based) of both.
fn duplicate(names: &[String]) -> Option<(&str, usize, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (k, n) in names.iter().enumerate() {
        if let Some(first) = seen.insert(n.as_str(), k) {
            return Some((n, first + 1, k + 1));
        }
    }
    None
}

/// Reads a cost matrix (see the module documentation). Every cost must be a finite
/// number >= 0; errors name the file, the row and the column.
pub fn read_costs(path: &Path) -> Result<NamedCosts, String> {
    parse_costs(&read(path)?, &path.display().to_string())
}

/// Parses the text of a cost file; `name` names it in errors.
pub fn parse_costs(text: &str, name: &str) -> Result<NamedCosts, String> {
    let rows = records(text, name)?;
    let Some(first) = rows.first() else {
        return Err(format!("{name}: the file has no rows"));
    };
    let header = !first.iter().skip(1).all(|c| is_number(c));
    let body = if header { &rows[1..] } else { &rows[..] };
    let labelled = !body.is_empty() && !body.iter().all(|r| is_number(&r[0]));
    let skip = usize::from(labelled);
    let sites = first.len().saturating_sub(skip);
    let mut data = Vec::with_capacity(body.len().saturating_mul(sites).min(1 << 24));
    let mut clients = Vec::with_capacity(body.len());
    for (k, r) in body.iter().enumerate() {
        let row = k + usize::from(header);
        if r.len() != sites + skip {
            return Err(format!(
                "{name}: row {}: {} values, the first row has {}",
                row + 1,
                r.len(),
                sites + skip
            ));
        }
        clients.push(if labelled {
            r[0].clone()
        } else {
            k.to_string()
        });
        for (col, text) in r.iter().enumerate().skip(skip) {
            data.push(number(name, row, col, text)?);
        }
    }
    let names = if header {
        first[skip..].to_vec()
    } else {
        (0..sites).map(|j| j.to_string()).collect()
    };
    if let Some((n, a, b)) = duplicate(&names) {
        return Err(format!(
            "{name}: site \"{n}\" names columns {a} and {b} of the header (site names must be unique)"
        ));
    }
    if let Some((n, a, b)) = duplicate(&clients) {
        return Err(format!(
            "{name}: client \"{n}\" names rows {a} and {b} (client names must be unique)"
        ));
    }
    let cost = CostMatrix::new(clients.len(), sites, data).map_err(|e| format!("{name}: {e}"))?;
    Ok(NamedCosts {
        cost,
        clients,
        sites: names,
    })
}

/// Reads one number per entry of `names` (the matrix's clients or sites), one per row
/// (the last column of each row), after an optional header row; `what` names the
/// vector in errors. Named rows are matched by name, unnamed ones by position.
pub fn read_vector(path: &Path, names: &[String], what: &str) -> Result<Vec<f64>, String> {
    parse_vector(&read(path)?, &path.display().to_string(), names, what)
}

/// Parses the text of a vector file (see [`read_vector`]); `file` names it in errors.
pub fn parse_vector(
    text: &str,
    file: &str,
    names: &[String],
    what: &str,
) -> Result<Vec<f64>, String> {
    let expected = names.len();
    let rows = records(text, file)?;
    let header = rows
        .first()
        .is_some_and(|r| !r.last().is_some_and(|c| is_number(c)));
    let body = if header { &rows[1..] } else { &rows[..] };
    if body.len() != expected {
        return Err(format!(
            "{file}: {} {what} given, {expected} expected (one per row)",
            body.len()
        ));
    }
    let first_row = usize::from(header);
    // Rows of two or more columns are named by their first.
    let named = !body.is_empty() && body.iter().all(|r| r.len() >= 2);
    if !named {
        return body
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let col = r.len() - 1;
                number(file, k + first_row, col, &r[col])
            })
            .collect();
    }
    let position: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(k, n)| (n.as_str(), k))
        .collect();
    let mut out: Vec<Option<f64>> = vec![None; expected];
    for (k, r) in body.iter().enumerate() {
        let row = k + first_row;
        let Some(&at) = position.get(r[0].as_str()) else {
            return Err(format!(
                "{file}: row {}: \"{}\" is not a name of the cost matrix ({what} are matched by name)",
                row + 1,
                r[0]
            ));
        };
        if out[at].is_some() {
            return Err(format!(
                "{file}: row {}: \"{}\" is given twice",
                row + 1,
                r[0]
            ));
        }
        let col = r.len() - 1;
        out[at] = Some(number(file, row, col, &r[col])?);
    }
    // Every row matched a distinct name and the counts agree: all are set.
    Ok(out.into_iter().map(|x| x.unwrap_or(0.0)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> tempfile::NamedTempFile {
        use std::io::Write;
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text.as_bytes()).unwrap();
        f
    }

    #[test]
    fn plain_and_labelled_matrices() {
        let f = file("1,2,3\n4,5,6\n");
        let m = read_costs(f.path()).unwrap();
        assert_eq!((m.cost.clients(), m.cost.sites()), (2, 3));
        assert_eq!(m.cost.get(1, 2), 6.0);
        assert_eq!(m.sites, ["0", "1", "2"]);
        let f = file(",S1,S2\nA,1,2\nB,3,4\n");
        let m = read_costs(f.path()).unwrap();
        assert_eq!(m.clients, ["A", "B"]);
        assert_eq!(m.sites, ["S1", "S2"]);
        assert_eq!(m.cost.get(1, 0), 3.0);
    }

    #[test]
    fn errors_name_the_cell() {
        let f = file("1,2\n3,x\n");
        let e = read_costs(f.path()).err().unwrap();
        assert!(e.ends_with("row 2, column 2: \"x\" is not a number"), "{e}");
        let f = file("1,2\n3\n");
        let e = read_costs(f.path()).err().unwrap();
        assert!(e.ends_with("row 2: 1 values, the first row has 2"), "{e}");
        let f = file("1,-2\n");
        let e = read_costs(f.path()).err().unwrap();
        assert!(
            e.ends_with("cost[0][1]: -2 must be a finite number >= 0"),
            "{e}"
        );
    }

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn named_vectors_are_matched_by_name_not_position() {
        // The weights file lists B before A: B's weight 7 goes to client B (row 2 of
        // the matrix), not to the first client.
        let ab = names(&["A", "B"]);
        assert_eq!(
            parse_vector("client,weight\nB,7\nA,3\n", "w.csv", &ab, "weights").unwrap(),
            [3.0, 7.0]
        );
        let e = parse_vector("B,7\nC,3\n", "w.csv", &ab, "weights").unwrap_err();
        assert_eq!(
            e,
            "w.csv: row 2: \"C\" is not a name of the cost matrix (weights are matched by name)"
        );
        let e = parse_vector("B,7\nB,3\n", "w.csv", &ab, "weights").unwrap_err();
        assert_eq!(e, "w.csv: row 2: \"B\" is given twice");
    }

    #[test]
    fn duplicate_names_are_refused() {
        let e = parse_costs(",S1,S1\nA,1,2\n", "c.csv").err().unwrap();
        assert_eq!(
            e,
            "c.csv: site \"S1\" names columns 1 and 2 of the header (site names must be unique)"
        );
        let e = parse_costs(",S1,S2\nA,1,2\nA,3,4\n", "c.csv")
            .err()
            .unwrap();
        assert_eq!(
            e,
            "c.csv: client \"A\" names rows 1 and 2 (client names must be unique)"
        );
    }

    #[test]
    fn vectors_with_and_without_header() {
        let two = names(&["0", "1"]);
        let f = file("weight\n1\n2.5\n");
        assert_eq!(read_vector(f.path(), &two, "weights").unwrap(), [1.0, 2.5]);
        let ab = names(&["A", "B"]);
        let f = file("A,1\nB,2\n");
        assert_eq!(read_vector(f.path(), &ab, "weights").unwrap(), [1.0, 2.0]);
        let e = read_vector(f.path(), &names(&["A", "B", "C"]), "weights")
            .err()
            .unwrap();
        assert!(
            e.ends_with("2 weights given, 3 expected (one per row)"),
            "{e}"
        );
    }
}
