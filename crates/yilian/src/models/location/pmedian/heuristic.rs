//! A deterministic p-median heuristic: greedy construction, then best-improvement
//! interchange (swap one open site for one closed site) until no swap improves.
//!
//! The interchange evaluates the whole swap neighbourhood in one pass over the cost
//! matrix, from each client's nearest and second-nearest open sites (the "fast
//! interchange" bookkeeping of Whitaker 1983 as organised by Resende and Werneck 2007):
//! for a closed site `j` and an open site `r`, the change of cost of opening `j` and
//! closing `r` is `gain[j] + loss[j][r]` with
//! `gain[j] = sum_i w_i min(0, c_ij - d1_i)` and
//! `loss[j][r] = sum_{i: nearest(i) = r, c_ij >= d1_i} w_i (min(c_ij, d2_i) - d1_i)`.
//!
//! The answer is a feasible plan (an upper bound), never a proof of optimality.

use crate::models::location::CostMatrix;

/// A plan found by [`greedy_interchange`].
#[derive(Debug, Clone, PartialEq)]
pub struct HeuristicPlan {
    /// Open sites, ascending (exactly `p`).
    pub open: Vec<usize>,
    /// Weighted cost of serving every client from its nearest open site.
    pub objective: f64,
    /// Number of improving swaps made after the greedy construction.
    pub swaps: usize,
}

/// Weighted cost of serving every client from its nearest site of `open`.
pub fn plan_cost(cost: &CostMatrix, weights: Option<&[f64]>, open: &[usize]) -> f64 {
    (0..cost.clients())
        .map(|i| {
            let row = cost.row(i);
            let d = open.iter().map(|&j| row[j]).fold(f64::INFINITY, f64::min);
            weights.map_or(1.0, |w| w[i]) * d
        })
        .sum()
}

/// Greedy construction and interchange local search for the p-median problem.
///
/// Starts from the `forced` sites (never closed), adds the site that lowers the cost
/// most until `p` are open (ties: lowest index), then repeatedly makes the best
/// improving swap. Deterministic. Needs `1 <= p <= sites` and at most `p` distinct
/// forced sites (as [`super::PMedian`] checks).
/// (Points 0, 1, 10, 11 on a line with two medians: one in each pair, cost 2; the test
/// `two_pairs_on_a_line`.)
pub fn greedy_interchange(
    cost: &CostMatrix,
    weights: Option<&[f64]>,
    p: usize,
    forced: &[usize],
) -> HeuristicPlan {
    let (n, m) = (cost.clients(), cost.sites());
    let w = |i: usize| weights.map_or(1.0, |w| w[i]);
    let mut is_open = vec![false; m];
    let mut open: Vec<usize> = Vec::with_capacity(p);
    for &j in forced {
        if !is_open[j] {
            is_open[j] = true;
            open.push(j);
        }
    }
    // Weighted distance of each client to its nearest open site (infinite while none).
    let mut best = vec![f64::INFINITY; n];
    for &j in &open {
        for (i, b) in best.iter_mut().enumerate() {
            *b = b.min(w(i) * cost.get(i, j));
        }
    }
    // Greedy: add the site with the lowest resulting cost.
    let mut value = vec![0.0; m];
    while open.len() < p {
        value.iter_mut().for_each(|v| *v = 0.0);
        for (i, &b) in best.iter().enumerate() {
            let wi = w(i);
            for (v, &c) in value.iter_mut().zip(cost.row(i)) {
                *v += (wi * c).min(b);
            }
        }
        let j = (0..m)
            .filter(|&j| !is_open[j])
            .min_by(|&a, &b| value[a].total_cmp(&value[b]).then(a.cmp(&b)))
            .expect("p <= sites leaves a closed site");
        is_open[j] = true;
        open.push(j);
        for (i, b) in best.iter_mut().enumerate() {
            *b = b.min(w(i) * cost.get(i, j));
        }
    }
    local_search(cost, weights, open, forced)
}

/// Interchange local search from the plan `open` (`p` distinct sites including every
/// `forced` one): best improving swaps until none improves. Deterministic.
pub fn local_search(
    cost: &CostMatrix,
    weights: Option<&[f64]>,
    mut open: Vec<usize>,
    forced: &[usize],
) -> HeuristicPlan {
    let m = cost.sites();
    let mut is_open = vec![false; m];
    open.iter().for_each(|&j| is_open[j] = true);
    let mut is_forced = vec![false; m];
    forced.iter().for_each(|&j| is_forced[j] = true);
    let swaps = interchange(cost, weights, &mut open, &mut is_open, &is_forced);
    open.sort_unstable();
    let objective = plan_cost(cost, weights, &open);
    HeuristicPlan {
        open,
        objective,
        swaps,
    }
}

/// Nearest and second-nearest open site of every client: (d1, slot of the nearest in
/// `open`, d2), distances unweighted; d2 is infinite when one site is open.
fn nearest_two(cost: &CostMatrix, open: &[usize]) -> (Vec<f64>, Vec<usize>, Vec<f64>) {
    let n = cost.clients();
    let (mut d1, mut s1, mut d2) = (vec![f64::INFINITY; n], vec![0; n], vec![f64::INFINITY; n]);
    for i in 0..n {
        let row = cost.row(i);
        for (slot, &j) in open.iter().enumerate() {
            let c = row[j];
            if c < d1[i] {
                d2[i] = d1[i];
                d1[i] = c;
                s1[i] = slot;
            } else if c < d2[i] {
                d2[i] = c;
            }
        }
    }
    (d1, s1, d2)
}

/// Best-improvement swaps until none improves; returns the number of swaps made.
fn interchange(
    cost: &CostMatrix,
    weights: Option<&[f64]>,
    open: &mut [usize],
    is_open: &mut [bool],
    is_forced: &[bool],
) -> usize {
    let (n, m, p) = (cost.clients(), cost.sites(), open.len());
    if p == m || is_forced.iter().filter(|&&f| f).count() == p {
        return 0;
    }
    let w = |i: usize| weights.map_or(1.0, |w| w[i]);
    let mut gain = vec![0.0; m];
    let mut loss = vec![0.0; m * p];
    let mut swaps = 0;
    loop {
        let (d1, s1, d2) = nearest_two(cost, open);
        let total: f64 = (0..n).map(|i| w(i) * d1[i]).sum();
        gain.iter_mut().for_each(|g| *g = 0.0);
        loss.iter_mut().for_each(|l| *l = 0.0);
        for i in 0..n {
            let wi = w(i);
            if wi == 0.0 {
                continue;
            }
            let (a, b, slot) = (d1[i], d2[i], s1[i]);
            for (j, &c) in cost.row(i).iter().enumerate() {
                if c < a {
                    gain[j] += wi * (c - a);
                } else {
                    loss[j * p + slot] += wi * (c.min(b) - a);
                }
            }
        }
        let mut best: Option<(f64, usize, usize)> = None;
        for j in (0..m).filter(|&j| !is_open[j]) {
            for (slot, &r) in open.iter().enumerate() {
                if is_forced[r] {
                    continue;
                }
                let delta = gain[j] + loss[j * p + slot];
                if best.is_none_or(|(d, _, _)| delta < d) {
                    best = Some((delta, j, slot));
                }
            }
        }
        match best {
            Some((delta, j, slot)) if delta < -1e-9 * total.abs().max(1.0) => {
                is_open[open[slot]] = false;
                is_open[j] = true;
                open[slot] = j;
                swaps += 1;
            }
            _ => return swaps,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::models::location::pmedian::test_points::line;

    /// Exhaustive optimum over all p-subsets (tiny cases only).
    fn brute_force(c: &CostMatrix, w: Option<&[f64]>, p: usize, forced: &[usize]) -> f64 {
        let m = c.sites();
        let mut best = f64::INFINITY;
        for mask in 0u32..(1 << m) {
            if mask.count_ones() as usize != p || forced.iter().any(|&f| mask & (1 << f) == 0) {
                continue;
            }
            let open: Vec<usize> = (0..m).filter(|&j| mask & (1 << j) != 0).collect();
            best = best.min(plan_cost(c, w, &open));
        }
        best
    }

    /// The example of [`greedy_interchange`] (a doctest while the module was public).
    #[test]
    fn two_pairs_on_a_line() {
        let x = [0.0f64, 1.0, 10.0, 11.0];
        let rows: Vec<Vec<f64>> = x
            .iter()
            .map(|a| x.iter().map(|b| (a - b).abs()).collect())
            .collect();
        let c = CostMatrix::from_rows(&rows).unwrap();
        let h = greedy_interchange(&c, None, 2, &[]);
        assert_eq!(h.objective, 2.0);
    }

    #[test]
    fn greedy_trap_is_repaired_by_a_swap() {
        // Clients at -10, -9, 9, 10; sites at -9.5, 0, 9.5; p = 2. Greedy opens 0 first
        // (10 + 9 + 9 + 10 = 38 against 39 for either end), then an end (0.5 + 0.5 + 9
        // + 10 = 20); swapping 0 for the other end gives the optimum 4 x 0.5 = 2.
        let clients = [-10.0f64, -9.0, 9.0, 10.0];
        let sites = [-9.5f64, 0.0, 9.5];
        let rows: Vec<Vec<f64>> = clients
            .iter()
            .map(|a| sites.iter().map(|b| (a - b).abs()).collect())
            .collect();
        let c = CostMatrix::from_rows(&rows).unwrap();
        let h = greedy_interchange(&c, None, 2, &[]);
        assert_eq!((h.open.clone(), h.objective, h.swaps), (vec![0, 2], 2.0, 1));
    }

    #[test]
    fn forced_sites_stay_open_and_weights_count() {
        // Line 0 - 1 - 2, weights 1, 1, 10, p = 1: site 2 costs 3 (hand count).
        let c = line(&[0.0, 1.0, 2.0]);
        let w = [1.0, 1.0, 10.0];
        let h = greedy_interchange(&c, Some(&w), 1, &[]);
        assert_eq!((h.open.clone(), h.objective), (vec![2], 3.0));
        // Forcing site 0 open with p = 1 leaves 0 + 1 + 20 = 21.
        let h = greedy_interchange(&c, Some(&w), 1, &[0]);
        assert_eq!((h.open.clone(), h.objective), (vec![0], 21.0));
        // p = 2 with 0 forced: add 2, cost 0 + 1 + 0 = 1.
        let h = greedy_interchange(&c, Some(&w), 2, &[0]);
        assert_eq!((h.open.clone(), h.objective), (vec![0, 2], 1.0));
    }

    #[test]
    fn never_below_the_exhaustive_optimum() {
        // Pseudo-random small instances (a fixed linear congruential sequence): the
        // heuristic is feasible, so never below the exhaustive optimum, and its
        // objective is the recomputed cost of its plan.
        let mut state = 12345u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % 100) as f64
        };
        for case in 0..30 {
            let (n, m) = (6 + case % 5, 5 + case % 6);
            let data: Vec<f64> = (0..n * m).map(|_| next()).collect();
            let c = CostMatrix::new(n, m, data).unwrap();
            let w: Vec<f64> = (0..n).map(|_| 1.0 + next() / 10.0).collect();
            let p = 1 + case % 4;
            let forced: Vec<usize> = if case % 3 == 0 {
                vec![case % m]
            } else {
                vec![]
            };
            let h = greedy_interchange(&c, Some(&w), p, &forced);
            let opt = brute_force(&c, Some(&w), p, &forced);
            assert_eq!(h.open.len(), p);
            assert!(forced.iter().all(|f| h.open.contains(f)));
            assert!((h.objective - plan_cost(&c, Some(&w), &h.open)).abs() < 1e-9);
            assert!(
                h.objective >= opt - 1e-9,
                "case {case}: {} < {opt}",
                h.objective
            );
        }
    }
}
