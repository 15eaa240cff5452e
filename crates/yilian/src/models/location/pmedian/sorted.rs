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

/// Most entries of the block over all clients in [`Sorted::for_multipliers`] (12 bytes
/// each: 24 MB).
const BLOCK_ENTRIES: usize = 2_000_000;

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
        Self::with_head(cost, weights, levels, HEAD)
    }

    /// [`Sorted::new`] with a block long enough for the multipliers `u` (weighted): each
    /// client's sites cheaper than its `u_i` and a quarter more, so that the loops near
    /// these multipliers never leave the block (at least [`HEAD`] entries per client, at
    /// most [`BLOCK_ENTRIES`] in all unless that leaves fewer than [`HEAD`] a client).
    /// At small `p` a client's multiplier reaches past its 32 nearest sites, and reading
    /// the rest from the cost matrix made the bound wait on memory: on rl1304 at p = 10
    /// the tree's multipliers reach 95 of the 399 sites it keeps, and the block of 119
    /// took the solve from 18.0 to 8.6 CPU s (same 651 nodes).
    pub(crate) fn for_multipliers(
        cost: &'a CostMatrix,
        weights: Option<&'a [f64]>,
        levels: &'a Levels,
        u: &[f64],
    ) -> Self {
        let n = cost.clients();
        let longest = (0..n)
            .map(|i| {
                let w = weights.map_or(1.0, |w| w[i]);
                if w == 0.0 {
                    return 0;
                }
                let row = cost.row(i);
                levels
                    .sorted(i)
                    .partition_point(|&j| w * row[j as usize] < u[i])
            })
            .max()
            .unwrap_or(0);
        let head = (longest + longest / 4 + 1)
            .min(BLOCK_ENTRIES / n.max(1))
            .max(HEAD);
        Self::with_head(cost, weights, levels, head)
    }

    /// The compact block with `head` entries per client (fewer when fewer sites are
    /// taken into account).
    fn with_head(
        cost: &'a CostMatrix,
        weights: Option<&'a [f64]>,
        levels: &'a Levels,
        head: usize,
    ) -> Self {
        let n = cost.clients();
        let head = if n == 0 {
            0
        } else {
            head.min(levels.sorted(0).len())
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

    /// Whether the block holds every client's sites cheaper than its `u_i` (weighted).
    pub(crate) fn covers(&self, u: &[f64]) -> bool {
        let n = self.cost.clients();
        self.head == 0
            || self.head == self.levels.sorted(0).len()
            || (0..n).all(|i| {
                self.weights.is_some_and(|w| w[i] == 0.0)
                    || self.weighted[(i + 1) * self.head - 1] >= u[i]
            })
    }

    /// Entries per client in the block.
    #[cfg(test)]
    pub(crate) fn head(&self) -> usize {
        self.head
    }

    /// Calls `f(site, weighted cost)` for every site of client `i` cheaper than `u`
    /// (weighted), nearest first; returns how many there were.
    #[inline]
    pub(crate) fn below(&self, i: usize, u: f64, mut f: impl FnMut(usize, f64)) -> u32 {
        let h = i * self.head..(i + 1) * self.head;
        let mut k = 0;
        for (&j, &d) in self.site[h.clone()].iter().zip(&self.weighted[h]) {
            if d >= u {
                return k;
            }
            f(j as usize, d);
            k += 1;
        }
        let w = self.weights.map_or(1.0, |w| w[i]);
        let row = self.cost.row(i);
        for &j in &self.levels.sorted(i)[self.head..] {
            let d = w * row[j as usize];
            if d >= u {
                return k;
            }
            f(j as usize, d);
            k += 1;
        }
        k
    }

    /// How many of client `i`'s `k` nearest sites (as [`Sorted::below`] visited them
    /// when it returned `k`) are marked in `marked`.
    #[inline]
    pub(crate) fn marked_among_first(&self, i: usize, k: u32, marked: &[bool]) -> usize {
        let k = k as usize;
        let base = i * self.head;
        let mut total = 0;
        for &j in &self.site[base..base + k.min(self.head)] {
            total += usize::from(marked[j as usize]);
        }
        if k > self.head {
            for &j in &self.levels.sorted(i)[self.head..k] {
                total += usize::from(marked[j as usize]);
            }
        }
        total
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
        // `below` returns the count; `marked_among_first` counts the marked sites among
        // those 36 (sites 4..=39): the even ones, 18 of them, 16 in the block and 2
        // beyond it (sites 4 and 6 cost 36 and 34, past the 32 nearest).
        let marked: Vec<bool> = (0..40).map(|j| j % 2 == 0).collect();
        assert_eq!(s.below(0, 73.0, |_, _| {}), 36);
        assert_eq!(s.marked_among_first(0, 36, &marked), 18);
        assert_eq!(s.marked_among_first(0, 5, &marked), 2);
        assert!(!s.covers(&[73.0]));
        // A block sized for u = 73: 36 sites and a quarter more, capped at the 40 sites;
        // it covers any u. Sized for u = 11 (5 sites), it keeps the 32 of `new`.
        let long = Sorted::for_multipliers(&c, Some(&w), &levels, &[73.0]);
        assert_eq!(long.head(), 40);
        assert!(long.covers(&[1000.0]));
        assert_eq!(
            Sorted::for_multipliers(&c, Some(&w), &levels, &[11.0]).head(),
            32
        );
        assert_eq!(long.below(0, 73.0, |_, _| {}), 36);
        assert_eq!(long.marked_among_first(0, 36, &marked), 18);
    }
}
