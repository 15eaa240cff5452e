//! Readers for the OR-Library `pmed` (uncapacitated p-median) and `cap` (capacitated
//! warehouse location) formats.

use super::CostMatrix;
use crate::{Error, Result};
use std::path::Path;

/// A p-median instance: shortest-path distances between all vertices and `p`.
#[derive(Debug, Clone)]
pub struct PmedInstance {
    /// Vertex-to-vertex shortest-path distances (every vertex is a client and a site).
    pub cost: CostMatrix,
    /// Number of medians to open.
    pub p: usize,
}

/// A capacitated warehouse location instance (Beasley 1988).
#[derive(Debug, Clone)]
pub struct CapInstance {
    /// Capacity of each warehouse.
    pub capacity: Vec<f64>,
    /// Fixed opening cost of each warehouse.
    pub fixed_cost: Vec<f64>,
    /// Demand of each customer.
    pub demand: Vec<f64>,
    /// `cost(i, j)`: cost of serving all of customer `i` from warehouse `j`.
    pub cost: CostMatrix,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Most vertices of a `pmed` file: its distance matrix takes n x n numbers and
/// Floyd-Warshall n^3 steps (Beasley's largest instance has 900; 4,000 take 128 MB and
/// about a minute).
pub const MAX_PMED_VERTICES: usize = 4_000;

struct Tokens<'a> {
    it: std::str::SplitWhitespace<'a>,
    path: String,
    count: usize,
    /// Tokens in the whole text.
    total: usize,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str, path: &Path) -> Self {
        Self {
            it: text.split_whitespace(),
            path: path.display().to_string(),
            count: 0,
            total: text.split_whitespace().count(),
        }
    }
    /// Checks, before anything is allocated, that the file holds the `needed` tokens
    /// its header announces (`None`: a count that overflows).
    fn expect(&self, needed: Option<usize>, header: &str) -> Result<()> {
        let left = self.total - self.count;
        match needed {
            Some(k) if k <= left => Ok(()),
            _ => Err(Error::Parse {
                path: self.path.clone(),
                message: format!(
                    "the header ({header}) announces {} numbers, the file holds {left} after it",
                    needed.map_or("more than 2^64".to_string(), |k| k.to_string())
                ),
            }),
        }
    }
    /// A finite number `>= 0`.
    fn amount(&mut self, what: &str) -> Result<f64> {
        let x = self.number(what)?;
        if x.is_finite() && x >= 0.0 {
            Ok(x)
        } else {
            Err(Error::Parse {
                path: self.path.clone(),
                message: format!(
                    "{what}: {x} (token {}) is not a finite number >= 0",
                    self.count
                ),
            })
        }
    }
    fn next_str(&mut self, what: &str) -> Result<&'a str> {
        self.count += 1;
        self.it.next().ok_or_else(|| Error::Parse {
            path: self.path.clone(),
            message: format!(
                "file ends at token {} where {what} was expected",
                self.count
            ),
        })
    }
    fn number(&mut self, what: &str) -> Result<f64> {
        let s = self.next_str(what)?;
        s.parse::<f64>().map_err(|_| Error::Parse {
            path: self.path.clone(),
            message: format!("{what}: '{s}' (token {}) is not a number", self.count),
        })
    }
    fn index(&mut self, what: &str) -> Result<usize> {
        let s = self.next_str(what)?;
        s.parse::<usize>().map_err(|_| Error::Parse {
            path: self.path.clone(),
            message: format!(
                "{what}: '{s}' (token {}) is not a non-negative integer",
                self.count
            ),
        })
    }
}

/// Reads an OR-Library `pmed` file: `n m p`, then `m` edges `i j c` (1-based, undirected).
///
/// A vertex pair listed twice keeps the LAST cost (Beasley's convention); distances are
/// shortest paths (Floyd-Warshall).
pub fn read_pmed(path: impl AsRef<Path>) -> Result<PmedInstance> {
    let path = path.as_ref();
    let text = read(path)?;
    parse_pmed(&text, path)
}

fn parse_pmed(text: &str, path: &Path) -> Result<PmedInstance> {
    let mut t = Tokens::new(text, path);
    let n = t.index("n")?;
    let m = t.index("m")?;
    let p = t.index("p")?;
    let header = format!("n {n}, m {m}, p {p}");
    let bad = |message: String| Error::Parse {
        path: path.display().to_string(),
        message,
    };
    t.expect(m.checked_mul(3), &header)?;
    if n == 0 {
        return Err(bad("n: 0 vertices".into()));
    }
    if n > MAX_PMED_VERTICES {
        return Err(bad(format!(
            "n: {n} vertices is more than the {MAX_PMED_VERTICES} this reader takes"
        )));
    }
    if n - 1 > m {
        return Err(bad(format!(
            "the graph is not connected: {n} vertices need at least {} edges, the header has {m}",
            n - 1
        )));
    }
    if p == 0 || p > n {
        return Err(bad(format!("p: {p} is outside 1..={n}")));
    }
    let mut d = vec![f64::INFINITY; n * n];
    for v in 0..n {
        d[v * n + v] = 0.0;
    }
    for e in 0..m {
        let i = t.index(&format!("edge {e} vertex i"))?;
        let j = t.index(&format!("edge {e} vertex j"))?;
        let c = t.amount(&format!("edge {e} cost"))?;
        for (name, v) in [("i", i), ("j", j)] {
            if v == 0 || v > n {
                return Err(Error::Parse {
                    path: path.display().to_string(),
                    message: format!("edge {e} vertex {name}: {v} is outside 1..={n}"),
                });
            }
        }
        if i != j {
            d[(i - 1) * n + (j - 1)] = c;
            d[(j - 1) * n + (i - 1)] = c;
        }
    }
    for k in 0..n {
        for i in 0..n {
            let dik = d[i * n + k];
            if dik.is_infinite() {
                continue;
            }
            for j in 0..n {
                let via = dik + d[k * n + j];
                if via < d[i * n + j] {
                    d[i * n + j] = via;
                }
            }
        }
    }
    if let Some(k) = d.iter().position(|v| v.is_infinite()) {
        return Err(Error::Parse {
            path: path.display().to_string(),
            message: format!(
                "the graph is not connected: no path from vertex {} to vertex {}",
                k / n + 1,
                k % n + 1
            ),
        });
    }
    Ok(PmedInstance {
        cost: CostMatrix::new(n, n, d)?,
        p,
    })
}

/// Reads an OR-Library `cap` file (token stream: `m n`, `m` lines `capacity fixed_cost`,
/// then per customer its demand and `m` allocation costs).
///
/// `capacity` replaces the literal word `capacity` found in capa/capb/capc; it is an error
/// when such a placeholder is present and `capacity` is `None`.
pub fn read_cap(path: impl AsRef<Path>, capacity: Option<f64>) -> Result<CapInstance> {
    let path = path.as_ref();
    let text = read(path)?;
    parse_cap(&text, path, capacity)
}

/// Parses the text of an OR-Library `cap` file (see [`read_cap`]); `name` names it in
/// errors.
pub fn parse_cap_str(text: &str, name: &str, capacity: Option<f64>) -> Result<CapInstance> {
    parse_cap(text, Path::new(name), capacity)
}

/// Parses the text of an OR-Library `pmed` file (see [`read_pmed`]); `name` names it in
/// errors.
///
/// ```
/// let inst = yilian::models::location::parse_pmed_str("2 1 1\n1 2 7\n", "two.txt").unwrap();
/// assert_eq!(inst.cost.get(0, 1), 7.0);
/// assert!(yilian::models::location::parse_pmed_str("90000 1 1\n1 2 7\n", "big.txt").is_err());
/// ```
pub fn parse_pmed_str(text: &str, name: &str) -> Result<PmedInstance> {
    parse_pmed(text, Path::new(name))
}

fn parse_cap(text: &str, path: &Path, capacity: Option<f64>) -> Result<CapInstance> {
    let mut t = Tokens::new(text, path);
    let m = t.index("m")?;
    let n = t.index("n")?;
    // 2 numbers per warehouse, then per customer its demand and m costs.
    let needed = m
        .checked_mul(2)
        .and_then(|w| n.checked_mul(m.checked_add(1)?)?.checked_add(w));
    t.expect(needed, &format!("m {m}, n {n}"))?;
    let mut cap = Vec::with_capacity(m);
    let mut fixed = Vec::with_capacity(m);
    for w in 0..m {
        let s = t.next_str("capacity")?;
        let c = if s.eq_ignore_ascii_case("capacity") {
            capacity.ok_or_else(|| Error::InvalidOption {
                field: "capacity".into(),
                message: format!(
                    "{} has the placeholder 'capacity' for warehouse {w}; give a value",
                    path.display()
                ),
            })?
        } else {
            s.parse::<f64>()
                .ok()
                .filter(|c| c.is_finite() && *c >= 0.0)
                .ok_or_else(|| Error::Parse {
                    path: path.display().to_string(),
                    message: format!("warehouse {w} capacity: '{s}' is not a finite number >= 0"),
                })?
        };
        cap.push(c);
        fixed.push(t.amount(&format!("warehouse {w} fixed cost"))?);
    }
    let mut demand = Vec::with_capacity(n);
    let mut cost = Vec::with_capacity(n * m);
    for j in 0..n {
        demand.push(t.amount(&format!("customer {j} demand"))?);
        for w in 0..m {
            cost.push(t.amount(&format!("customer {j} cost to warehouse {w}"))?);
        }
    }
    Ok(CapInstance {
        capacity: cap,
        fixed_cost: fixed,
        demand,
        cost: CostMatrix::new(n, m, cost)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_edge_last_wins_and_shortest_paths() {
        // 1-2 listed twice (5 then 1), 2-3 cost 2: d(1,3) = 1 + 2 = 3.
        let inst = parse_pmed("3 3 1\n1 2 5\n1 2 1\n2 3 2\n", Path::new("x")).unwrap();
        assert_eq!(inst.cost.get(0, 2), 3.0);
        assert_eq!(inst.cost.get(1, 0), 1.0);
        assert_eq!(inst.p, 1);
    }

    #[test]
    fn a_header_claiming_more_than_the_file_holds_is_refused_before_allocating() {
        // 100,000 vertices would take 80 GB; the file holds one edge.
        let e = parse_pmed("100000 99999 5\n1 2 3\n", Path::new("x")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x: the header (n 100000, m 99999, p 5) announces 299997 numbers, the file holds 3 after it"
        );
        let e = parse_pmed("100000 2 5\n1 2 3\n2 3 1\n", Path::new("x")).unwrap_err();
        assert!(e.to_string().contains("more than the 4000"), "{e}");
        let e = parse_pmed("4 2 1\n1 2 3\n2 3 1\n", Path::new("x")).unwrap_err();
        assert!(
            e.to_string().contains("4 vertices need at least 3 edges"),
            "{e}"
        );
        let e = parse_pmed("3 2 4\n1 2 3\n2 3 1\n", Path::new("x")).unwrap_err();
        assert!(e.to_string().contains("p: 4 is outside 1..=3"), "{e}");
        let e = parse_pmed("3 2 1\n1 2 -3\n2 3 1\n", Path::new("x")).unwrap_err();
        assert!(e.to_string().contains("edge 0 cost: -3"), "{e}");
        let e = parse_pmed(
            "18446744073709551615 18446744073709551615 1\n",
            Path::new("x"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("more than 2^64"), "{e}");
    }
}
