//! Every client's sites by ascending cost, read fast: the inner loops of the Lagrangian
//! bound (`lagrangian` and `bnb`) visit, per client, the sites cheaper than its
//! multiplier.
//!
//! The nearest [`HEAD`] sites of every client (among those the levels take into account)
//! with their weighted costs are copied into one compact block, client after client; the
//! loops rarely read further, and the block stays in cache. Farther sites are read from
//! the levels and the cost matrix.

use super::levels::Levels;
use crate::models::location::CostMatrix;

/// Entries per client in the compact block. On the random 5000 x 500 instance, reading
/// the full sorted lists of 485 sites per client made the bound wait on memory; with
/// this block pmed36's branch and bound took 5.7 s instead of 7.3 s.
const HEAD: usize = 32;

/// See the module documentation.
pub(crate) struct Sorted<'a> {
    /// Costs (for the farther sites).
    cost: &'a CostMatrix,
    /// Client weights (`None`: all 1).
    weights: Option<&'a [f64]>,
    /// The levels (their sorted lists, for the farther sites).
    levels: &'a Levels,
    /// Entries per client (`HEAD`, or fewer when fewer sites are taken into account).
    head: usize,
    /// Site indices, client after client.
    site: Vec<u32>,
    /// Weighted costs, in the same order.
    weighted: Vec<f64>,
}

impl<'a> Sorted<'a> {
    /// The compact block of `levels` (built on `cost`), costs weighted by `weights`.
    pub(crate) fn new(
        cost: &'a CostMatrix,
        weights: Option<&'a [f64]>,
        levels: &'a Levels,
    ) -> Self {
        let n = cost.clients();
        let head = if n == 0 {
            0
        } else {
            HEAD.min(levels.sorted(0).len())
        };
        let mut site = Vec::with_capacity(n * head);
        let mut weighted = Vec::with_capacity(n * head);
        for i in 0..n {
            let w = weights.map_or(1.0, |w| w[i]);
            let row = cost.row(i);
            for &j in &levels.sorted(i)[..head] {
                site.push(j);
                weighted.push(w * row[j as usize]);
            }
        }
        Self {
            cost,
            weights,
            levels,
            head,
            site,
            weighted,
        }
    }

    /// Calls `f(site, weighted cost)` for every site of client `i` cheaper than `u`
    /// (weighted), nearest first.
    #[inline]
    pub(crate) fn below(&self, i: usize, u: f64, mut f: impl FnMut(usize, f64)) {
        let h = i * self.head..(i + 1) * self.head;
        for (&j, &d) in self.site[h.clone()].iter().zip(&self.weighted[h]) {
            if d >= u {
                return;
            }
            f(j as usize, d);
        }
        let w = self.weights.map_or(1.0, |w| w[i]);
        let row = self.cost.row(i);
        for &j in &self.levels.sorted(i)[self.head..] {
            let d = w * row[j as usize];
            if d >= u {
                return;
            }
            f(j as usize, d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visits_the_cheaper_sites_nearest_first_past_the_block() {
        // One client, 40 sites at costs 40, 39, ..., 1 (site j costs 40 - j), weight 2:
        // below u = 2 * 5.5 the sites costing 1..5 (39, 38, 37, 36, 35), weighted 2..10;
        // below u = 2 * 36.5 the 36 sites costing 1..36, past the 32 in the block.
        let c = CostMatrix::new(1, 40, (0..40).map(|j| (40 - j) as f64).collect()).unwrap();
        let levels = Levels::new(&c, 1);
        let w = [2.0];
        let s = Sorted::new(&c, Some(&w), &levels);
        let mut seen = Vec::new();
        s.below(0, 11.0, |j, d| seen.push((j, d)));
        assert_eq!(
            seen,
            vec![(39, 2.0), (38, 4.0), (37, 6.0), (36, 8.0), (35, 10.0)]
        );
        let mut count = 0;
        let mut last = 0.0;
        s.below(0, 73.0, |_, d| {
            assert!(d > last);
            last = d;
            count += 1;
        });
        assert_eq!((count, last), (36, 72.0));
    }
}
