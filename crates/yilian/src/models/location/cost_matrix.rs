//! A dense client-by-site cost matrix, validated on construction.

use crate::{Error, Result};

/// A dense matrix of `clients x sites` costs, stored row by row (one row per client).
///
/// Every cost is finite and non-negative; the matrix has at least one client and one site.
///
/// ```
/// use yilian::models::location::CostMatrix;
/// let c = CostMatrix::from_rows(&[vec![1.0, 2.0], vec![3.0, 0.0]]).unwrap();
/// assert_eq!((c.clients(), c.sites()), (2, 2));
/// assert_eq!(c.get(1, 0), 3.0);
/// assert!(CostMatrix::from_rows(&[vec![-1.0]]).is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CostMatrix {
    clients: usize,
    sites: usize,
    data: Vec<f64>,
}

impl CostMatrix {
    /// A matrix from row-major `data` of length `clients * sites`.
    pub fn new(clients: usize, sites: usize, data: Vec<f64>) -> Result<Self> {
        if clients == 0 || sites == 0 {
            return Err(Error::InvalidOption {
                field: "cost".into(),
                message: format!(
                    "the matrix is empty ({clients} clients x {sites} sites); it needs at least one of each"
                ),
            });
        }
        if data.len() != clients * sites {
            return Err(Error::InvalidOption {
                field: "cost".into(),
                message: format!(
                    "{} values given for {clients} clients x {sites} sites ({} expected)",
                    data.len(),
                    clients * sites
                ),
            });
        }
        for (k, &v) in data.iter().enumerate() {
            check_amount(|| format!("cost[{}][{}]", k / sites, k % sites), v)?;
        }
        Ok(Self {
            clients,
            sites,
            data,
        })
    }

    /// A matrix from one row per client; all rows must have the same length.
    pub fn from_rows(rows: &[Vec<f64>]) -> Result<Self> {
        let sites = rows.first().map_or(0, Vec::len);
        for (i, r) in rows.iter().enumerate() {
            if r.len() != sites {
                return Err(Error::InvalidOption {
                    field: format!("cost[{i}]"),
                    message: format!("has {} values, row 0 has {sites}", r.len()),
                });
            }
        }
        Self::new(rows.len(), sites, rows.concat())
    }

    /// Number of clients (rows).
    pub fn clients(&self) -> usize {
        self.clients
    }

    /// Number of candidate sites (columns).
    pub fn sites(&self) -> usize {
        self.sites
    }

    /// Cost of serving all of client `i` from site `j`.
    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.data[i * self.sites + j]
    }

    /// The costs of client `i` to every site.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.sites..(i + 1) * self.sites]
    }
}

/// Checks that `v` is a finite number `>= 0`, at most [`crate::scenario::MAX_VALUE`]:
/// costs and weights near `f64::MAX` made objectives infinite (and the run exit 0).
pub(crate) fn check_amount(field: impl FnOnce() -> String, v: f64) -> Result<()> {
    let max = crate::scenario::MAX_VALUE;
    if !v.is_finite() || v < 0.0 {
        Err(Error::InvalidOption {
            field: field(),
            message: format!("{v} must be a finite number >= 0"),
        })
    } else if v > max {
        Err(Error::InvalidOption {
            field: field(),
            message: format!(
                "{v:e} is too large: values above {max:e} are refused (solvers lose precision)"
            ),
        })
    } else {
        Ok(())
    }
}

/// Checks optional client weights against the matrix: one per client, finite, >= 0.
pub(crate) fn check_weights(weights: Option<&[f64]>, clients: usize) -> Result<()> {
    if let Some(w) = weights {
        if w.len() != clients {
            return Err(Error::InvalidOption {
                field: "weights".into(),
                message: format!("{} values given for {clients} clients", w.len()),
            });
        }
        for (i, &v) in w.iter().enumerate() {
            check_amount(|| format!("weights[{i}]"), v)?;
        }
    }
    Ok(())
}

/// Checks forced-open site indices.
pub(crate) fn check_forced(forced: &[usize], sites: usize) -> Result<()> {
    for (k, &j) in forced.iter().enumerate() {
        if j >= sites {
            return Err(Error::InvalidOption {
                field: format!("forced_open[{k}]"),
                message: format!("site {j} does not exist (there are {sites} sites)"),
            });
        }
    }
    Ok(())
}
