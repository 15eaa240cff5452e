//! Every client's sites by ascending cost, as the Benders decomposition reads them: a
//! walk from the nearest site outwards that usually stops after a few sites.
//!
//! [`DenseNeighbours`] reads the sorted lists of the distance levels and the dense cost
//! matrix. [`LazyNeighbours`] keeps, per client, only the prefix of its sorted list read
//! so far, computed a block at a time (doubling) by a partial selection over the
//! client's costs: from coordinates ([`on_points`]), so that instances of 10^4 points
//! never hold the 10^8 distances of a dense matrix, or from a dense matrix
//! ([`on_matrix`]), so that large `p` never sorts whole rows.

#[cfg(test)]
use super::levels::Levels;
use crate::models::location::{CostMatrix, Metric};
use std::cell::RefCell;

/// Sites of each client by ascending cost, and single costs.
pub(crate) trait Neighbours {
    /// Number of clients.
    fn clients(&self) -> usize;
    /// Number of sites.
    fn sites(&self) -> usize;
    /// The cost of serving client `i` from site `j`.
    fn cost(&self, i: usize, j: usize) -> f64;
    /// Calls `f(site, cost)` for client `i`'s sites by ascending cost (ties by index)
    /// until `f` returns false or the sites run out.
    fn walk(&self, i: usize, f: impl FnMut(u32, f64) -> bool);
    /// The cost of client `i`'s nearest site.
    fn nearest(&self, i: usize) -> f64 {
        let mut d = f64::INFINITY;
        self.walk(i, |_, c| {
            d = c;
            false
        });
        d
    }
}

/// The dense matrix and its sorted lists (the reference the tests check the lazy lists
/// against).
#[cfg(test)]
pub(crate) struct DenseNeighbours<'a> {
    /// The costs.
    pub(crate) cost: &'a CostMatrix,
    /// Levels over every site (their sorted lists).
    pub(crate) levels: &'a Levels,
}

#[cfg(test)]
impl Neighbours for DenseNeighbours<'_> {
    fn clients(&self) -> usize {
        self.cost.clients()
    }
    fn sites(&self) -> usize {
        self.cost.sites()
    }
    fn cost(&self, i: usize, j: usize) -> f64 {
        self.cost.get(i, j)
    }
    fn walk(&self, i: usize, mut f: impl FnMut(u32, f64) -> bool) {
        let row = self.cost.row(i);
        for &j in self.levels.sorted(i) {
            if !f(j, row[j as usize]) {
                return;
            }
        }
    }
}

/// First block of sites sorted per client by [`LazyNeighbours`]; each extension
/// doubles it.
const FIRST_BLOCK: usize = 32;

/// Sorted prefixes computed on demand from a cost function `cost(i, j)` (distances
/// between coordinates, or a dense matrix read without sorting whole rows).
pub(crate) struct LazyNeighbours<F: Fn(usize, usize) -> f64> {
    /// Number of sites.
    sites: usize,
    /// The cost of serving client `i` from site `j`.
    cost: F,
    /// Per client, its nearest sites so far, by ascending cost (ties by index).
    lists: Vec<RefCell<Vec<(u32, f64)>>>,
}

/// Lazy lists over point coordinates.
pub(crate) fn on_points<'a>(
    clients: &'a [[f64; 2]],
    sites: &'a [[f64; 2]],
    metric: Metric,
) -> LazyNeighbours<impl Fn(usize, usize) -> f64 + 'a> {
    LazyNeighbours::new(clients.len(), sites.len(), move |i, j| {
        metric.distance(clients[i], sites[j])
    })
}

/// Lazy lists over a dense matrix (a partial selection per client instead of a sort of
/// its whole row).
pub(crate) fn on_matrix(cost: &CostMatrix) -> LazyNeighbours<impl Fn(usize, usize) -> f64 + '_> {
    LazyNeighbours::new(cost.clients(), cost.sites(), move |i, j| cost.get(i, j))
}

impl<F: Fn(usize, usize) -> f64> LazyNeighbours<F> {
    /// Nothing is computed until a walk asks for it.
    pub(crate) fn new(clients: usize, sites: usize, cost: F) -> Self {
        Self {
            sites,
            cost,
            lists: (0..clients).map(|_| RefCell::new(Vec::new())).collect(),
        }
    }

    /// Entries held over all clients (the memory the lists take is 12 bytes each).
    pub(crate) fn held(&self) -> usize {
        self.lists.iter().map(|l| l.borrow().len()).sum()
    }

    /// Client `i`'s sorted prefix of at least `len` entries (or all sites).
    fn extend(&self, i: usize, len: usize) {
        let m = self.sites;
        let len = len.min(m);
        let mut list = self.lists[i].borrow_mut();
        if list.len() >= len {
            return;
        }
        let mut all: Vec<(u32, f64)> = (0..m).map(|j| (j as u32, (self.cost)(i, j))).collect();
        let by = |x: &(u32, f64), y: &(u32, f64)| x.1.total_cmp(&y.1).then(x.0.cmp(&y.0));
        if len < m {
            all.select_nth_unstable_by(len - 1, by);
            all.truncate(len);
        }
        all.sort_unstable_by(by);
        all.shrink_to_fit();
        *list = all;
    }
}

impl<F: Fn(usize, usize) -> f64> Neighbours for LazyNeighbours<F> {
    fn clients(&self) -> usize {
        self.lists.len()
    }
    fn sites(&self) -> usize {
        self.sites
    }
    fn cost(&self, i: usize, j: usize) -> f64 {
        (self.cost)(i, j)
    }
    fn walk(&self, i: usize, mut f: impl FnMut(u32, f64) -> bool) {
        let mut k = 0;
        loop {
            let len = self.lists[i].borrow().len();
            if k >= len {
                if len >= self.sites {
                    return;
                }
                self.extend(i, (2 * len).max(FIRST_BLOCK));
                continue;
            }
            let (j, c) = self.lists[i].borrow()[k];
            if !f(j, c) {
                return;
            }
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lazy_walks_match_the_dense_sorted_lists() {
        // 70 pseudo-random points (more than two blocks): every client's full walk,
        // and a walk stopped after 5 sites, match the dense lists site by site, and the
        // stopped walks hold only the first block.
        let mut state = 5u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % 100) as f64
        };
        let pts: Vec<[f64; 2]> = (0..70).map(|_| [next(), next()]).collect();
        let cost = CostMatrix::from_points(&pts, &pts, Metric::EuclideanFloor).unwrap();
        let levels = Levels::new(&cost, 1);
        let dense = DenseNeighbours {
            cost: &cost,
            levels: &levels,
        };
        let lazy = on_points(&pts, &pts, Metric::EuclideanFloor);
        let lazy_matrix = on_matrix(&cost);
        for i in 0..70 {
            let mut a = Vec::new();
            lazy.walk(i, |j, c| {
                a.push((j, c));
                a.len() < 5
            });
            assert_eq!(a.len(), 5);
            let mut b = Vec::new();
            dense.walk(i, |j, c| {
                b.push((j, c));
                b.len() < 5
            });
            assert_eq!(a, b, "client {i}");
        }
        assert_eq!(lazy.held(), 70 * FIRST_BLOCK);
        for i in 0..70 {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            lazy.walk(i, |j, c| {
                a.push((j, c));
                true
            });
            dense.walk(i, |j, c| {
                b.push((j, c));
                true
            });
            assert_eq!(a, b, "client {i}");
            let mut c = Vec::new();
            lazy_matrix.walk(i, |j, d| {
                c.push((j, d));
                true
            });
            assert_eq!(c, b, "client {i}");
            assert_eq!(lazy.nearest(i), 0.0);
        }
    }
}
