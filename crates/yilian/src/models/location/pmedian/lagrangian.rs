//! Lagrangian relaxation of the assignment rows, subgradient optimisation, and the
//! reduction tests of Beasley (1993) that fix sites open or closed.
//!
//! Relaxing `sum_j x_ij = 1` with multiplier `u_i` leaves
//! `L(u) = sum_i u_i + min { sum_j rho_j y_j : sum_j y_j = p, forced sites open }` with
//! `rho_j = sum_i min(0, w_i c_ij - u_i)`: the `p` sites of smallest `rho` (forced sites
//! always among them). Every `L(u)` is a lower bound on the p-median optimum; its best
//! value over `u` equals the LP bound of the textbook (and of the radius) formulation.
//!
//! Reduction: with `S` the sites chosen at the best `u`, opening a site `j` outside `S`
//! costs at least `L - rho_last + rho_j` (it replaces the dearest chosen free site), and
//! closing `j` in `S` costs at least `L - rho_j + rho_next`. When such a bound reaches the
//! threshold (the best known plan's cost, minus one when every weighted cost is an
//! integer, since a better plan then costs at least one less), no plan better than the
//! best known one has `j` that way, so `j` can be fixed the other way.
//!
//! Multipliers are kept in `[w_i D_0, w_i D_cut]` (levels of [`Levels`]): below, raising
//! `u_i` raises `L`; above, at least one chosen site lies within `D_cut`, so raising it
//! cannot raise `L`. Any `u` gives a valid bound, so the box loses nothing.

use super::levels::Levels;
use super::sorted::Sorted;
use crate::models::location::CostMatrix;
use std::time::Instant;

/// The outcome of [`lagrangian`].
#[derive(Debug, Clone)]
pub(crate) struct LagrangianBound {
    /// The best bound `L(u)` found (a lower bound on the optimum).
    pub(crate) bound: f64,
    /// Multipliers at the best bound, in weighted-cost units.
    pub(crate) multipliers: Vec<f64>,
    /// The sites chosen by the relaxation at those multipliers (a plan, ascending).
    pub(crate) chosen: Vec<usize>,
    /// Subgradient iterations made.
    pub(crate) iterations: usize,
}

/// `L(u)`; `rho` and the chosen sites are written into `rho` and `chosen`, and each
/// client's number of sites cheaper than its multiplier into `count`.
#[allow(clippy::too_many_arguments)]
fn evaluate(
    sorted: &Sorted<'_>,
    weights: Option<&[f64]>,
    p: usize,
    forced: &[bool],
    u: &[f64],
    rho: &mut [f64],
    chosen: &mut [bool],
    count: &mut [u32],
) -> f64 {
    let total = site_terms(sorted, weights, u, rho, count);
    chosen.iter_mut().zip(forced).for_each(|(c, &f)| *c = f);
    let nforced = forced.iter().filter(|&&f| f).count();
    let mut free: Vec<usize> = (0..rho.len()).filter(|&j| !forced[j]).collect();
    let take = p - nforced;
    if take > 0 && take < free.len() {
        free.select_nth_unstable_by(take - 1, |&a, &b| rho[a].total_cmp(&rho[b]).then(a.cmp(&b)));
    }
    for &j in free.iter().take(take) {
        chosen[j] = true;
    }
    total
        + (0..rho.len())
            .filter(|&j| chosen[j])
            .map(|j| rho[j])
            .sum::<f64>()
}

/// `sum_i u_i` (clients of weight 0 left out), with `rho_j = sum_i min(0, w_i c_ij -
/// u_i)` written into `rho` and each client's number of sites cheaper than `u_i` into
/// `count` (0 for a client of weight 0).
pub(crate) fn site_terms(
    sorted: &Sorted<'_>,
    weights: Option<&[f64]>,
    u: &[f64],
    rho: &mut [f64],
    count: &mut [u32],
) -> f64 {
    rho.iter_mut().for_each(|r| *r = 0.0);
    let mut total = 0.0;
    for (i, &ui) in u.iter().enumerate() {
        let w = weights.map_or(1.0, |w| w[i]);
        if w == 0.0 {
            count[i] = 0;
            continue;
        }
        total += ui;
        count[i] = sorted.below(i, ui, |j, d| rho[j] += d - ui);
    }
    total
}

/// The size of one subgradient step: `lambda (upper - value) / ||g||^2`, with `upper`
/// the best plan's cost and `value` the relaxation's at the current multipliers.
pub(crate) struct Step {
    /// Step factor (halved as the bound stalls).
    pub(crate) lambda: f64,
    /// Cost of the best plan known.
    pub(crate) upper: f64,
    /// Value of the relaxation at the current multipliers.
    pub(crate) value: f64,
}

/// One subgradient step on the multipliers `u`, each kept within `[lo_i, hi_i]`: client
/// `i`'s subgradient `g_i` is 1 minus the number of `chosen` sites within `u_i / w_i` of
/// it (0 for a client of weight 0), read from its `count[i]` nearest sites (`count` as
/// [`site_terms`] wrote it at these `u`). Returns false, without a step, when every
/// weighted client is covered exactly once: the relaxed plan is then a plan and `value`
/// its cost.
#[allow(clippy::too_many_arguments)]
pub(crate) fn subgradient_step(
    sorted: &Sorted<'_>,
    weights: Option<&[f64]>,
    chosen: &[bool],
    count: &[u32],
    u: &mut [f64],
    g: &mut [f64],
    (lo, hi): (&[f64], &[f64]),
    step: Step,
) -> bool {
    let mut norm = 0.0;
    for i in 0..u.len() {
        g[i] = 0.0;
        if weights.is_some_and(|w| w[i] == 0.0) {
            continue;
        }
        let covered = sorted.marked_among_first(i, count[i], chosen);
        g[i] = 1.0 - covered as f64;
        norm += g[i] * g[i];
    }
    if norm == 0.0 {
        return false;
    }
    let gap = (step.upper - step.value).max(1e-9 * step.upper.abs().max(1.0));
    let size = step.lambda * gap / norm;
    for i in 0..u.len() {
        u[i] = (u[i] + size * g[i]).clamp(lo[i], hi[i]);
    }
    true
}

/// The bound `L` needed to exclude plans: `upper - 1` (plus a margin) when every
/// weighted cost is an integer, else `upper` less a relative 1e-10 (below the proof
/// tolerance of the radius solver, so that excluded plans cannot spoil a proof).
pub(crate) fn threshold(upper: f64, integral: bool) -> f64 {
    if integral {
        upper - 1.0 + 1e-6
    } else {
        upper - 1e-10 * upper.abs().max(1.0)
    }
}

/// Subgradient optimisation of `L(u)` from `start` (one multiplier per client), with
/// `upper` (the cost of a known plan) in the step size. `integral`: every weighted cost
/// is an integer. Stops after `max_iterations`, at `deadline`, when the step size has
/// shrunk, or when the bound proves `upper` optimal.
#[allow(clippy::too_many_arguments)]
pub(crate) fn lagrangian(
    cost: &CostMatrix,
    weights: Option<&[f64]>,
    p: usize,
    forced: &[bool],
    levels: &Levels,
    upper: f64,
    integral: bool,
    start: &[f64],
    max_iterations: usize,
    deadline: Option<Instant>,
) -> LagrangianBound {
    let (n, m) = (cost.clients(), cost.sites());
    let w = |i: usize| weights.map_or(1.0, |w| w[i]);
    let lo: Vec<f64> = (0..n).map(|i| w(i) * levels.distance(cost, i, 0)).collect();
    let hi: Vec<f64> = (0..n)
        .map(|i| w(i) * levels.distance(cost, i, levels.cut(i)))
        .collect();
    let mut u: Vec<f64> = (0..n).map(|i| start[i].clamp(lo[i], hi[i])).collect();
    let threshold = threshold(upper, integral);
    let (mut rho, mut chosen) = (vec![0.0; m], vec![false; m]);
    let mut best = f64::NEG_INFINITY;
    let mut best_u = u.clone();
    let mut lambda = 2.0;
    let mut since_improvement = 0;
    let mut iterations = 0;
    let mut g = vec![0.0; n];
    let mut count = vec![0; n];
    let mut sorted = Sorted::for_multipliers(cost, weights, levels, &u);
    let mut rebuilt = 0;
    while iterations < max_iterations && lambda > 1e-3 {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        iterations += 1;
        if iterations % 50 == 0 && rebuilt < 4 && !sorted.covers(&u) {
            // The multipliers moved past the block: a longer one (see `Sorted`).
            sorted = Sorted::for_multipliers(cost, weights, levels, &u);
            rebuilt += 1;
        }
        let l = evaluate(
            &sorted,
            weights,
            p,
            forced,
            &u,
            &mut rho,
            &mut chosen,
            &mut count,
        );
        if best == f64::NEG_INFINITY || l > best + 1e-9 * best.abs().max(1.0) {
            best = l;
            best_u.clone_from(&u);
            since_improvement = 0;
        } else {
            since_improvement += 1;
            if since_improvement >= 30 {
                lambda /= 2.0;
                since_improvement = 0;
            }
        }
        if best >= threshold {
            break;
        }
        let step = Step {
            lambda,
            upper,
            value: l,
        };
        if !subgradient_step(
            &sorted,
            weights,
            &chosen,
            &count,
            &mut u,
            &mut g,
            (&lo, &hi),
            step,
        ) {
            // Every client covered exactly once: L(u) is the cost of a plan, optimal.
            break;
        }
    }
    let l = evaluate(
        &sorted,
        weights,
        p,
        forced,
        &best_u,
        &mut rho,
        &mut chosen,
        &mut count,
    );
    LagrangianBound {
        bound: best.max(l),
        multipliers: best_u,
        chosen: (0..m).filter(|&j| chosen[j]).collect(),
        iterations,
    }
}

/// The reduction tests at multipliers `u` against a plan costing `upper`: per site,
/// `Some(true)` fixed open, `Some(false)` fixed closed, `None` free (forced sites are
/// fixed open). Every plan breaking a fixing costs at least [`threshold`].
#[allow(clippy::too_many_arguments)]
pub(crate) fn reduce(
    cost: &CostMatrix,
    weights: Option<&[f64]>,
    p: usize,
    forced: &[bool],
    levels: &Levels,
    u: &[f64],
    upper: f64,
    integral: bool,
) -> Vec<Option<bool>> {
    let m = cost.sites();
    let threshold = threshold(upper, integral);
    let (mut rho, mut chosen) = (vec![0.0; m], vec![false; m]);
    let sorted = Sorted::new(cost, weights, levels);
    let mut count = vec![0; cost.clients()];
    let l = evaluate(
        &sorted,
        weights,
        p,
        forced,
        u,
        &mut rho,
        &mut chosen,
        &mut count,
    );
    let last = (0..m)
        .filter(|&j| chosen[j] && !forced[j])
        .map(|j| rho[j])
        .fold(f64::NEG_INFINITY, f64::max);
    let next = (0..m)
        .filter(|&j| !chosen[j])
        .map(|j| rho[j])
        .fold(f64::INFINITY, f64::min);
    (0..m)
        .map(|j| {
            if forced[j] || (chosen[j] && l - rho[j] + next >= threshold) {
                Some(true)
            } else if !chosen[j] && last.is_finite() && l - last + rho[j] >= threshold {
                Some(false)
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::models::location::pmedian::test_points::line;

    #[test]
    fn bound_at_hand_picked_multipliers() {
        // Points 0, 1, 10, 11, p = 2 (optimum 2: one median per pair).
        // At u = (1, 1, 1, 1): rho_j = sum_i min(0, c_ij - 1) = -1 for every site (only
        // c_jj = 0 < 1), so L = 4 - 2 = 2: the bound reaches the optimum.
        let c = line(&[0.0, 1.0, 10.0, 11.0]);
        let levels = Levels::new(&c, 2);
        let forced = [false; 4];
        let (mut rho, mut chosen) = (vec![0.0; 4], vec![false; 4]);
        let sorted = Sorted::new(&c, None, &levels);
        let mut count = [0; 4];
        let l = evaluate(
            &sorted,
            None,
            2,
            &forced,
            &[1.0; 4],
            &mut rho,
            &mut chosen,
            &mut count,
        );
        assert_eq!(rho, vec![-1.0; 4]);
        assert_eq!(l, 2.0);
        // At u = (2, 2, 2, 2): rho_j = (0 - 2) + (1 - 2) = -3 for every site (itself and
        // its pair partner), L = 8 - 6 = 2 again.
        let l = evaluate(
            &sorted,
            None,
            2,
            &forced,
            &[2.0; 4],
            &mut rho,
            &mut chosen,
            &mut count,
        );
        assert_eq!(rho, vec![-3.0; 4]);
        assert_eq!(l, 2.0);
    }

    #[test]
    fn subgradient_bound_is_valid_and_fixes_sites_soundly() {
        // Pseudo-random small instances: the bound never exceeds the exhaustive optimum,
        // and every plan that breaks a fixing costs at least the threshold (upper - 1
        // with integer costs), so no plan better than the upper bound is cut off.
        use crate::models::location::pmedian::heuristic::{greedy_interchange, plan_cost};
        let mut state = 99u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % 50
        };
        let mut fixings = 0;
        for case in 0..30 {
            let (n, m) = (7 + case % 5, 6 + case % 4);
            let data: Vec<f64> = (0..n * m).map(|_| next() as f64).collect();
            let c = CostMatrix::new(n, m, data).unwrap();
            let w: Vec<f64> = (0..n).map(|_| (1 + next() % 3) as f64).collect();
            let p = 1 + case % 3;
            let mut forced = vec![false; m];
            if case % 4 == 0 {
                forced[case % m] = true;
            }
            let forced_list: Vec<usize> = (0..m).filter(|&j| forced[j]).collect();
            let upper = greedy_interchange(&c, Some(&w), p, &forced_list).objective;
            let levels = Levels::new(&c, p);
            let start: Vec<f64> = (0..n)
                .map(|i| w[i] * levels.distance(&c, i, levels.cut(i)))
                .collect();
            let r = lagrangian(
                &c,
                Some(&w),
                p,
                &forced,
                &levels,
                upper,
                true,
                &start,
                300,
                None,
            );
            let fixed = reduce(
                &c,
                Some(&w),
                p,
                &forced,
                &levels,
                &r.multipliers,
                upper,
                true,
            );
            let mut optimum = f64::INFINITY;
            for mask in 0u32..(1 << m) {
                let open: Vec<usize> = (0..m).filter(|&j| mask & (1 << j) != 0).collect();
                if open.len() != p || forced_list.iter().any(|f| !open.contains(f)) {
                    continue;
                }
                let v = plan_cost(&c, Some(&w), &open);
                optimum = optimum.min(v);
                let breaks = (0..m).any(|j| fixed[j].is_some_and(|o| o != open.contains(&j)));
                if breaks {
                    assert!(
                        v >= upper - 1.0 + 1e-6,
                        "case {case}: plan {open:?} costs {v}"
                    );
                }
            }
            assert!(
                r.bound <= optimum + 1e-9,
                "case {case}: {} > {optimum}",
                r.bound
            );
            fixings += fixed.iter().filter(|f| f.is_some()).count();
        }
        assert!(fixings > 0, "no site was ever fixed");
    }
}
