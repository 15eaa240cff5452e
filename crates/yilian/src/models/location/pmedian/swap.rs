//! Interchange local search on the per-client sorted site lists (`neighbours`): the fast
//! interchange of Whitaker (1983) as organised by Resende and Werneck (2007), reading
//! only each client's sites nearer than its second-nearest open site.
//!
//! For the plan `open`, client `i` has its nearest open site (slot `s_i`, distance
//! `d1_i`) and its second-nearest (`d2_i`). Opening a closed site `j` and closing the
//! site in slot `r` changes the weighted cost by
//!
//! `delta(j, r) = -gain(j) + loss(r) - extra(j, r)`, with
//! `gain(j) = sum_i w_i max(0, d1_i - c_ij)`, `loss(r) = sum_{i: s_i = r} w_i (d2_i - d1_i)`
//! and `extra(j, r) = sum_{i: s_i = r, c_ij < d2_i} w_i (d2_i - max(c_ij, d1_i))`.
//!
//! Only sites nearer than `d2_i` enter `gain` and `extra`, so one pass reads each
//! client's list up to its second open site: at large `p` a few entries, where the
//! dense interchange (`heuristic::local_search`) reads every `clients x sites` cost.
//! Each pass makes the best swap (ties: the smallest site, then slot) until none
//! improves.

use super::benders::Problem;
use super::neighbours::Neighbours;

/// A swap must improve the cost by more than this relative amount (of the cost, at
/// least 1) to be made.
const IMPROVEMENT: f64 = 1e-9;

/// Best-improvement interchange from `open` (`p` distinct sites, the forced ones among
/// them, which stay open), at most `max_swaps` swaps; returns the plan's cost and its
/// sites (sorted).
pub(crate) fn interchange<N: Neighbours>(
    prob: &Problem<'_, N>,
    mut open: Vec<usize>,
    max_swaps: usize,
) -> (f64, Vec<usize>) {
    let (n, m) = (prob.sites.clients(), prob.sites.sites());
    let p = open.len();
    let mut slot_of = vec![usize::MAX; m];
    for (s, &j) in open.iter().enumerate() {
        slot_of[j] = s;
    }
    let mut is_forced = vec![false; m];
    for &j in prob.forced {
        is_forced[j] = true;
    }
    let movable = open.iter().filter(|&&j| !is_forced[j]).count();
    if p < 2 || p == m || movable == 0 {
        open.sort_unstable();
        return (prob.plan_cost(&open), open);
    }
    let w = |i: usize| prob.weights.map_or(1.0, |w| w[i]);
    let mut gain = vec![0.0; m];
    let mut loss = vec![0.0; p];
    let mut extra: Vec<(u32, u32, f64)> = Vec::new();
    let mut seen: Vec<(u32, f64)> = Vec::new();
    let mut mark = vec![usize::MAX; p];
    for _ in 0..max_swaps {
        gain.iter_mut().for_each(|g| *g = 0.0);
        loss.iter_mut().for_each(|l| *l = 0.0);
        extra.clear();
        let mut total = 0.0;
        for i in 0..n {
            let wi = w(i);
            if wi == 0.0 {
                continue;
            }
            // The sites up to the second open one (p >= 2, so it exists).
            seen.clear();
            let (mut d1, mut s1, mut d2) = (f64::INFINITY, usize::MAX, f64::INFINITY);
            prob.sites.walk(i, |j, c| {
                let s = slot_of[j as usize];
                if s == usize::MAX {
                    seen.push((j, c));
                    return true;
                }
                if s1 == usize::MAX {
                    (d1, s1) = (c, s);
                    true
                } else {
                    d2 = c;
                    false
                }
            });
            total += wi * d1;
            loss[s1] += wi * (d2 - d1);
            for &(j, c) in &seen {
                if c >= d2 {
                    break;
                }
                if c < d1 {
                    gain[j as usize] += wi * (d1 - c);
                }
                extra.push((j, s1 as u32, wi * (d2 - c.max(d1))));
            }
        }
        extra.sort_unstable_by_key(|a| (a.0, a.1));
        // Movable slots by ascending loss (the best slot for a site with no extra term).
        let mut by_loss: Vec<usize> = (0..p).filter(|&s| !is_forced[open[s]]).collect();
        by_loss.sort_by(|&a, &b| loss[a].total_cmp(&loss[b]).then(a.cmp(&b)));
        let mut best: Option<(f64, usize, usize)> = None;
        let mut k = 0;
        while k < extra.len() {
            let j = extra[k].0 as usize;
            let mut end = k;
            // Merge this site's terms by slot; the best slot among them.
            let mut here: Option<(f64, usize)> = None;
            while end < extra.len() && extra[end].0 as usize == j {
                let s = extra[end].1 as usize;
                let mut e = 0.0;
                while end < extra.len() && extra[end].0 as usize == j && extra[end].1 as usize == s
                {
                    e += extra[end].2;
                    end += 1;
                }
                mark[s] = j;
                if !is_forced[open[s]] {
                    let v = loss[s] - e;
                    if here.is_none_or(|(b, bs)| v < b || (v == b && s < bs)) {
                        here = Some((v, s));
                    }
                }
            }
            // The best slot without a term for this site.
            if let Some(&s) = by_loss.iter().find(|&&s| mark[s] != j) {
                let v = loss[s];
                if here.is_none_or(|(b, bs)| v < b || (v == b && s < bs)) {
                    here = Some((v, s));
                }
            }
            if let Some((v, s)) = here {
                let delta = v - gain[j];
                if best.is_none_or(|(d, _, _)| delta < d) {
                    best = Some((delta, j, s));
                }
            }
            k = end;
        }
        match best {
            Some((delta, j, s)) if delta < -IMPROVEMENT * total.abs().max(1.0) => {
                slot_of[open[s]] = usize::MAX;
                slot_of[j] = s;
                open[s] = j;
            }
            _ => break,
        }
    }
    open.sort_unstable();
    (prob.plan_cost(&open), open)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::location::pmedian::heuristic::{local_search, plan_cost};
    use crate::models::location::pmedian::neighbours::on_matrix;
    use crate::models::location::CostMatrix;

    #[test]
    fn swaps_as_the_dense_interchange_and_keeps_forced_sites() {
        // Pseudo-random planar instances (floored distances, weights 0-4): from the
        // first p sites, the sparse interchange must end where the dense one does
        // (the same best-improvement swaps; both deterministic, the same cost and
        // sites), and keep a forced site open; its cost is recomputed independently
        // on the dense matrix.
        let mut state = 17u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % 1000
        };
        for case in 0..12 {
            let n = 30 + 7 * case;
            let pts: Vec<(f64, f64)> = (0..n).map(|_| (next() as f64, next() as f64)).collect();
            let rows: Vec<Vec<f64>> = pts
                .iter()
                .map(|a| {
                    pts.iter()
                        .map(|b| (a.0 - b.0).hypot(a.1 - b.1).floor())
                        .collect()
                })
                .collect();
            let c = CostMatrix::from_rows(&rows).unwrap();
            let w: Vec<f64> = (0..n).map(|_| (next() % 5) as f64).collect();
            let p = 2 + case % 9;
            let forced: Vec<usize> = if case % 3 == 0 { vec![n - 1] } else { vec![] };
            let mut start: Vec<usize> = (0..p - forced.len()).collect();
            start.extend(&forced);
            let sites = on_matrix(&c);
            let prob = Problem {
                sites: &sites,
                weights: Some(&w),
                p,
                forced: &forced,
                integral: true,
            };
            let (cost, open) = interchange(&prob, start.clone(), usize::MAX);
            let dense = local_search(&c, Some(&w), start.clone(), &forced);
            assert_eq!(cost, plan_cost(&c, Some(&w), &open), "case {case}");
            assert_eq!(open.len(), p);
            assert!(forced.iter().all(|f| open.contains(f)), "case {case}");
            assert_eq!(cost, dense.objective, "case {case}");
            assert!(cost < plan_cost(&c, Some(&w), &start), "case {case}");
        }
    }
}
