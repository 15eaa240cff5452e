//! A dense client-by-site cost matrix, validated on construction.

use crate::{Error, Result};
use ndarray::{Array2, ArrayView2};

/// A dense matrix of `clients x sites` costs: an ndarray [`Array2`] in standard
/// (row-major) layout, one row per client, each row one contiguous slice.
///
/// Every cost is finite and non-negative; the matrix has at least one client and one site.
///
/// ```
/// use yilian::models::location::CostMatrix;
/// let c = CostMatrix::from_rows(&[vec![1.0, 2.0], vec![3.0, 0.0]]).unwrap();
/// assert_eq!((c.clients(), c.sites()), (2, 2));
/// assert_eq!(c.get(1, 0), 3.0);
/// assert_eq!(c.view().column(1).sum(), 2.0);
/// assert!(CostMatrix::from_rows(&[vec![-1.0]]).is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CostMatrix {
    data: Array2<f64>,
}

impl CostMatrix {
    /// A matrix from row-major `data` of length `clients * sites`.
    pub fn new(clients: usize, sites: usize, data: Vec<f64>) -> Result<Self> {
        check_not_empty(clients, sites)?;
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
        let data = Array2::from_shape_vec((clients, sites), data).expect("length checked");
        Self::from_array(data)
    }

    /// A matrix from an ndarray of shape (clients, sites), in any memory layout (it
    /// is copied into row-major order when it is not in it already).
    ///
    /// ```
    /// use yilian::models::location::CostMatrix;
    /// let a = ndarray::array![[1.0, 2.0, 4.0], [3.0, 0.0, 5.0]];
    /// let c = CostMatrix::from_array(a.t().to_owned()).unwrap();
    /// assert_eq!((c.clients(), c.sites()), (3, 2));
    /// assert_eq!(c.row(2), &[4.0, 5.0]);
    /// ```
    pub fn from_array(data: Array2<f64>) -> Result<Self> {
        let (clients, sites) = data.dim();
        check_not_empty(clients, sites)?;
        for ((i, j), &v) in data.indexed_iter() {
            check_amount(|| format!("cost[{i}][{j}]"), v)?;
        }
        let data = if data.is_standard_layout() {
            data
        } else {
            data.as_standard_layout().into_owned()
        };
        Ok(Self { data })
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
        self.data.nrows()
    }

    /// Number of candidate sites (columns).
    pub fn sites(&self) -> usize {
        self.data.ncols()
    }

    /// Cost of serving all of client `i` from site `j`.
    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.data[[i, j]]
    }

    /// The costs of client `i` to every site.
    pub fn row(&self, i: usize) -> &[f64] {
        self.data
            .row(i)
            .to_slice()
            .expect("standard layout: each row is contiguous")
    }

    /// The whole matrix as an ndarray view (clients x sites).
    pub fn view(&self) -> ArrayView2<'_, f64> {
        self.data.view()
    }
}

fn check_not_empty(clients: usize, sites: usize) -> Result<()> {
    if clients == 0 || sites == 0 {
        return Err(Error::InvalidOption {
            field: "cost".into(),
            message: format!(
                "the matrix is empty ({clients} clients x {sites} sites); it needs at least one of each"
            ),
        });
    }
    Ok(())
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
