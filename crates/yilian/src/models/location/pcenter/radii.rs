//! Weighted costs `w_i c_ij` and their sorted distinct values: the optimal p-center
//! radius is one of them.

use crate::models::location::CostMatrix;
use ndarray::Array2;

/// The weighted cost matrix and its candidate radii.
#[derive(Debug, Clone)]
pub(crate) struct Radii {
    /// `w_i c_ij` (clients x sites, row-major like the cost matrix).
    weighted: Array2<f64>,
    /// Distinct values of `weighted`, ascending.
    pub(crate) values: Vec<f64>,
}

impl Radii {
    /// Weighted costs of `cost` (weights 1 when `None`) and their sorted distinct values.
    pub(crate) fn new(cost: &CostMatrix, weights: Option<&[f64]>) -> Self {
        let mut weighted = cost.view().to_owned();
        if let Some(w) = weights {
            for (mut row, &wi) in weighted.rows_mut().into_iter().zip(w) {
                row.mapv_inplace(|c| wi * c);
            }
        }
        let mut values: Vec<f64> = weighted.iter().copied().collect();
        values.sort_unstable_by(f64::total_cmp);
        values.dedup();
        Self { weighted, values }
    }

    /// Number of clients.
    pub(crate) fn clients(&self) -> usize {
        self.weighted.nrows()
    }

    /// Number of sites.
    pub(crate) fn sites(&self) -> usize {
        self.weighted.ncols()
    }

    /// The weighted costs of client `i`.
    pub(crate) fn row(&self, i: usize) -> &[f64] {
        self.weighted
            .row(i)
            .to_slice()
            .expect("standard layout: each row is contiguous")
    }

    /// Index of the first candidate radius `>= r`.
    pub(crate) fn index_of(&self, r: f64) -> usize {
        self.values.partition_point(|&v| v < r)
    }

    /// A lower bound on any plan's radius: every client needs a site, so
    /// `max_i min_j w_i c_ij`.
    pub(crate) fn trivial_bound(&self) -> f64 {
        (0..self.clients())
            .map(|i| self.row(i).iter().copied().fold(f64::INFINITY, f64::min))
            .fold(0.0, f64::max)
    }

    /// The radius of the plan opening `open`: the largest weighted cost of a client to
    /// its nearest open site (`inf` when nothing is open).
    pub(crate) fn radius_of(&self, open: &[usize]) -> f64 {
        (0..self.clients())
            .map(|i| {
                let row = self.row(i);
                open.iter().map(|&j| row[j]).fold(f64::INFINITY, f64::min)
            })
            .fold(0.0, f64::max)
    }

    /// Adds sites to `open` until it has `p`: each time the nearest closed site of the
    /// client farthest from the plan (the first closed site when that client sits on
    /// an open one). Returns `open` sorted.
    pub(crate) fn pad(&self, mut open: Vec<usize>, p: usize) -> Vec<usize> {
        let mut is_open = vec![false; self.sites()];
        for &j in &open {
            is_open[j] = true;
        }
        while open.len() < p {
            let far = (0..self.clients())
                .map(|i| {
                    let row = self.row(i);
                    let d = open.iter().map(|&j| row[j]).fold(f64::INFINITY, f64::min);
                    (i, d)
                })
                .max_by(|a, b| a.1.total_cmp(&b.1));
            let pick = far
                .and_then(|(i, _)| {
                    let row = self.row(i);
                    (0..self.sites())
                        .filter(|&j| !is_open[j])
                        .min_by(|&a, &b| row[a].total_cmp(&row[b]))
                })
                .or_else(|| (0..self.sites()).find(|&j| !is_open[j]));
            match pick {
                Some(j) => {
                    is_open[j] = true;
                    open.push(j);
                }
                None => break,
            }
        }
        open.sort_unstable();
        open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_sorted_distinct_weighted_costs() {
        let c = CostMatrix::from_rows(&[vec![1.0, 2.0], vec![2.0, 0.0]]).unwrap();
        let r = Radii::new(&c, Some(&[3.0, 1.0]));
        assert_eq!(r.values, vec![0.0, 2.0, 3.0, 6.0]);
        assert_eq!(r.trivial_bound(), 3.0);
        assert_eq!(r.index_of(2.5), 2);
        assert_eq!(r.radius_of(&[1]), 6.0);
        assert_eq!(r.pad(vec![1], 2), vec![0, 1]);
    }
}
