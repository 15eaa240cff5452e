//! Distance levels of each client: its sites sorted by cost and grouped by equal cost.
//!
//! For client `i` the distinct costs are `D_0 < D_1 < ... < D_{L-1}`; level `k` is the
//! group of sites at cost `D_k`. The cut `cut_i` is the first level by which at least
//! `sites - p + 1` sites lie within `D_k`: any `p` open sites leave at most `sites - p`
//! closed, so every plan serves client `i` within `D_{cut_i}`, and levels above the cut
//! never matter.

use crate::models::location::CostMatrix;

/// Sorted sites and level boundaries of every client.
#[derive(Debug, Clone)]
pub(crate) struct Levels {
    /// Sites taken into account (all, or those not fixed closed).
    sites: usize,
    /// `sites` entries per client: site indices by ascending cost (ties by index).
    order: Vec<u32>,
    /// Per client, the start of each level in its part of `order`, up to its cut, then
    /// the end of the cut level (so `starts[i].len() = cut_i + 2`).
    starts: Vec<Vec<u32>>,
}

impl Levels {
    /// Levels of every client of `cost` for plans opening `p` sites (`1 <= p <= sites`).
    pub(crate) fn new(cost: &CostMatrix, p: usize) -> Self {
        Self::among(cost, p, &vec![true; cost.sites()])
    }

    /// Levels over the sites `allowed` only, for plans opening `p` of them (at least `p`
    /// are allowed): the other sites are closed in every plan considered.
    pub(crate) fn among(cost: &CostMatrix, p: usize, allowed: &[bool]) -> Self {
        let n = cost.clients();
        let sites: Vec<u32> = (0..cost.sites() as u32)
            .filter(|&j| allowed[j as usize])
            .collect();
        let m = sites.len();
        let must_hold = m - p + 1;
        let mut order = Vec::with_capacity(n * m);
        let mut starts = Vec::with_capacity(n);
        let mut buf = sites.clone();
        for i in 0..n {
            let row = cost.row(i);
            buf.copy_from_slice(&sites);
            buf.sort_by(|&a, &b| row[a as usize].total_cmp(&row[b as usize]).then(a.cmp(&b)));
            let mut st = Vec::new();
            let mut pos = 0;
            while pos < m {
                st.push(pos as u32);
                let d = row[buf[pos] as usize];
                while pos < m && row[buf[pos] as usize] == d {
                    pos += 1;
                }
                if pos >= must_hold {
                    break;
                }
            }
            st.push(pos as u32);
            order.extend_from_slice(&buf);
            starts.push(st);
        }
        Self {
            sites: m,
            order,
            starts,
        }
    }

    /// The cut level of client `i` (see the module documentation).
    pub(crate) fn cut(&self, i: usize) -> usize {
        self.starts[i].len() - 2
    }

    /// The sites of level `k <= cut(i)` of client `i`.
    pub(crate) fn group(&self, i: usize, k: usize) -> &[u32] {
        let base = i * self.sites;
        let st = &self.starts[i];
        &self.order[base + st[k] as usize..base + st[k + 1] as usize]
    }

    /// Every site taken into account, by ascending cost for client `i` (beyond the cut
    /// too).
    pub(crate) fn sorted(&self, i: usize) -> &[u32] {
        &self.order[i * self.sites..(i + 1) * self.sites]
    }

    /// The cost `D_k` of level `k <= cut(i)` of client `i`.
    pub(crate) fn distance(&self, cost: &CostMatrix, i: usize, k: usize) -> f64 {
        cost.get(i, self.group(i, k)[0] as usize)
    }

    /// The level of cost `d` for client `i`: the first level whose cost is at least `d`,
    /// capped at the cut (a plan's nearest open site always lies within the cut).
    pub(crate) fn level_of(&self, cost: &CostMatrix, i: usize, d: f64) -> usize {
        let (mut lo, mut hi) = (0, self.cut(i));
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.distance(cost, i, mid) < d {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_ties_and_stops_at_the_cut() {
        // One client, costs to 5 sites: 3, 1, 3, 0, 7. Levels: {3} at 0, {1} at 1,
        // {0, 2} at 3, {4} at 7. With p = 2, 5 - 2 + 1 = 4 sites must lie within the
        // cut: levels 0..2 hold 4 sites, so the cut is level 2 (cost 3).
        let c = CostMatrix::from_rows(&[vec![3.0, 1.0, 3.0, 0.0, 7.0]]).unwrap();
        let l = Levels::new(&c, 2);
        assert_eq!(l.cut(0), 2);
        assert_eq!(l.group(0, 0), &[3]);
        assert_eq!(l.group(0, 1), &[1]);
        assert_eq!(l.group(0, 2), &[0, 2]);
        assert_eq!(l.distance(&c, 0, 2), 3.0);
        assert_eq!(l.level_of(&c, 0, 1.0), 1);
        assert_eq!(l.level_of(&c, 0, 3.0), 2);
        // With p = 1 all 5 sites must be within the cut: level 3 (cost 7).
        let l = Levels::new(&c, 1);
        assert_eq!(l.cut(0), 3);
        assert_eq!(l.level_of(&c, 0, 7.0), 3);
        // With p = 5 one site suffices: the cut is level 0.
        assert_eq!(Levels::new(&c, 5).cut(0), 0);
        // Among sites {1, 2, 4} only, p = 2: levels {1} at 1, {2} at 3, {4} at 7; 3 - 2 + 1
        // = 2 sites must lie within the cut: level 1 (cost 3).
        let l = Levels::among(&c, 2, &[false, true, true, false, true]);
        assert_eq!(l.cut(0), 1);
        assert_eq!(l.group(0, 0), &[1]);
        assert_eq!(l.group(0, 1), &[2]);
        assert_eq!(l.distance(&c, 0, 1), 3.0);
        // Sorted lists go on past the cut: all three allowed sites, by cost.
        assert_eq!(l.sorted(0), &[1, 2, 4]);
        assert_eq!(Levels::new(&c, 2).sorted(0), &[3, 1, 0, 2, 4]);
    }
}
