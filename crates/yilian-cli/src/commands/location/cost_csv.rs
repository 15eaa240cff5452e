//! Cost matrices and vectors from CSV files, for `yilian location ... --cost FILE`.
//!
//! A cost file has one row per client and one column per site. A first row that is not
//! all numbers is a header of site names, and a first column that is not all numbers
//! holds client names (as pandas' `DataFrame.to_csv()` writes them); otherwise clients
//! and sites are numbered from 0. A vector file (weights, site costs) has one number
//! per line, or per row in its last column, after an optional header.

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

fn records(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = Vec::new();
    for r in reader.records() {
        let r = r.map_err(|e| format!("{}: {e}", path.display()))?;
        if r.iter().all(str::is_empty) {
            continue;
        }
        rows.push(r.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

fn number(path: &Path, row: usize, col: usize, text: &str) -> Result<f64, String> {
    text.parse::<f64>().map_err(|_| {
        format!(
            "{}: row {}, column {}: \"{text}\" is not a number",
            path.display(),
            row + 1,
            col + 1
        )
    })
}

fn is_number(text: &str) -> bool {
    text.parse::<f64>().is_ok()
}

/// Reads a cost matrix (see the module documentation). Every cost must be a finite
/// number >= 0; errors name the file, the row and the column.
pub fn read_costs(path: &Path) -> Result<NamedCosts, String> {
    let rows = records(path)?;
    let Some(first) = rows.first() else {
        return Err(format!("{}: the file has no rows", path.display()));
    };
    let header = !first.iter().skip(1).all(|c| is_number(c));
    let body = if header { &rows[1..] } else { &rows[..] };
    let labelled = !body.is_empty() && !body.iter().all(|r| is_number(&r[0]));
    let skip = usize::from(labelled);
    let sites = first.len().saturating_sub(skip);
    let mut data = Vec::with_capacity(body.len() * sites);
    let mut clients = Vec::with_capacity(body.len());
    for (k, r) in body.iter().enumerate() {
        let row = k + usize::from(header);
        if r.len() != sites + skip {
            return Err(format!(
                "{}: row {}: {} values, the first row has {}",
                path.display(),
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
            data.push(number(path, row, col, text)?);
        }
    }
    let names = if header {
        first[skip..].to_vec()
    } else {
        (0..sites).map(|j| j.to_string()).collect()
    };
    let cost = CostMatrix::new(clients.len(), sites, data)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(NamedCosts {
        cost,
        clients,
        sites: names,
    })
}

/// Reads `expected` numbers, one per row (the last column of each row), after an
/// optional header row; `what` names the vector in errors.
pub fn read_vector(path: &Path, expected: usize, what: &str) -> Result<Vec<f64>, String> {
    let rows = records(path)?;
    let header = rows
        .first()
        .is_some_and(|r| !r.last().is_some_and(|c| is_number(c)));
    let body = if header { &rows[1..] } else { &rows[..] };
    if body.len() != expected {
        return Err(format!(
            "{}: {} {what} given, {expected} expected (one per row)",
            path.display(),
            body.len()
        ));
    }
    body.iter()
        .enumerate()
        .map(|(k, r)| {
            let col = r.len() - 1;
            number(path, k + usize::from(header), col, &r[col])
        })
        .collect()
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

    #[test]
    fn vectors_with_and_without_header() {
        let f = file("weight\n1\n2.5\n");
        assert_eq!(read_vector(f.path(), 2, "weights").unwrap(), [1.0, 2.5]);
        let f = file("A,1\nB,2\n");
        assert_eq!(read_vector(f.path(), 2, "weights").unwrap(), [1.0, 2.0]);
        let e = read_vector(f.path(), 3, "weights").err().unwrap();
        assert!(
            e.ends_with("2 weights given, 3 expected (one per row)"),
            "{e}"
        );
    }
}
