//! The radius chain program (Elloumi 2010, written as a chain), whole or truncated.
//!
//! For client `i` with levels `D_0 < D_1 < ...` (see [`Levels`]), the continuous
//! `z_ik` is 1 when no open site lies within `D_k`:
//! `z_i0 + sum_{j in level 0} y_j >= 1`, `z_ik - z_i,k-1 + sum_{j in level k} y_j >= 0`,
//! and the client costs `w_i (D_0 + sum_k (D_k+1 - D_k) z_ik)`.
//!
//! Truncation at radius `r_i` keeps `z_i0 .. z_i,r_i-1` only: the client then costs
//! `w_i min(d_i, D_{r_i})` where `d_i` is its distance to its nearest open site. Every
//! truncated program is a relaxation of the p-median problem (costs can only drop), so
//! its optimum, and any bound on it, is a lower bound. At `r_i = cut_i` the chain is
//! whole (no plan serves `i` beyond `D_{cut_i}`), and one more valid row closes it:
//! `sum_{j in level cut_i} y_j - z_i,cut_i-1 >= 0`.

use super::levels::Levels;
use crate::models::location::CostMatrix;
use crate::solve::{Cmp, LinearProgram, Sense};

/// Column layout of a chain program: `y_j` is column `j`; `z` columns follow.
#[derive(Debug, Clone)]
pub(crate) struct Chain {
    /// The program.
    pub(crate) lp: LinearProgram,
    /// Per client, the column of its `z_i0` (its `z` columns are consecutive).
    first_z: Vec<usize>,
}

/// What a plan costs in a truncated program and in truth.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlanCosts {
    /// True weighted cost (nearest open site for every client).
    pub(crate) true_cost: f64,
    /// Weighted cost with client `i` capped at `D_{r_i}`.
    pub(crate) truncated_cost: f64,
    /// Per client, the level of its nearest open site.
    pub(crate) level: Vec<usize>,
}

impl Chain {
    /// The chain program truncated at `radius[i] <= levels.cut(i)` for every client,
    /// `p` sites open in total, site `j` fixed open (`fixed[j] == Some(true)`, forced
    /// sites for example), fixed closed (`Some(false)`) or free (`None`).
    pub(crate) fn build(
        cost: &CostMatrix,
        weights: Option<&[f64]>,
        p: usize,
        fixed: &[Option<bool>],
        levels: &Levels,
        radius: &[usize],
    ) -> Self {
        let (n, m) = (cost.clients(), cost.sites());
        let mut lp = LinearProgram::new(Sense::Minimise);
        for f in fixed {
            let (lo, hi) = match f {
                Some(true) => (1.0, 1.0),
                Some(false) => (0.0, 0.0),
                None => (0.0, 1.0),
            };
            lp.add_column(lo, hi, 0.0, true);
        }
        lp.add_row((0..m).map(|j| (j, 1.0)).collect(), Cmp::Eq, p as f64);
        let mut first_z = Vec::with_capacity(n);
        for i in 0..n {
            first_z.push(lp.column_count());
            let w = weights.map_or(1.0, |w| w[i]);
            if w == 0.0 {
                continue;
            }
            lp.offset += w * levels.distance(cost, i, 0);
            let r = radius[i];
            let mut prev: Option<usize> = None;
            for k in 0..r {
                let step = levels.distance(cost, i, k + 1) - levels.distance(cost, i, k);
                let z = lp.add_column(0.0, 1.0, w * step, false);
                let mut terms: Vec<(usize, f64)> = levels
                    .group(i, k)
                    .iter()
                    .map(|&j| (j as usize, 1.0))
                    .collect();
                terms.push((z, 1.0));
                match prev {
                    None => lp.add_row(terms, Cmp::Ge, 1.0),
                    Some(pz) => {
                        terms.push((pz, -1.0));
                        lp.add_row(terms, Cmp::Ge, 0.0)
                    }
                };
                prev = Some(z);
            }
            if let Some(pz) = prev.filter(|_| r == levels.cut(i)) {
                let mut terms: Vec<(usize, f64)> = levels
                    .group(i, r)
                    .iter()
                    .map(|&j| (j as usize, 1.0))
                    .collect();
                terms.push((pz, -1.0));
                lp.add_row(terms, Cmp::Ge, 0.0);
            }
        }
        Self { lp, first_z }
    }

    /// Column values of the plan opening `open`: `y` from the plan, each `z_ik` 1 when
    /// the client's nearest open site lies beyond level `k`.
    pub(crate) fn start(&self, open: &[usize], level: &[usize]) -> Vec<f64> {
        let mut x = vec![0.0; self.lp.column_count()];
        for &j in open {
            x[j] = 1.0;
        }
        for (i, &l) in level.iter().enumerate() {
            let end = self.first_z.get(i + 1).copied().unwrap_or(x.len());
            for (k, v) in x[self.first_z[i]..end].iter_mut().enumerate() {
                *v = if l > k { 1.0 } else { 0.0 };
            }
        }
        x
    }
}

/// True and truncated costs of the plan opening `open`.
pub(crate) fn plan_costs(
    cost: &CostMatrix,
    weights: Option<&[f64]>,
    levels: &Levels,
    radius: &[usize],
    open: &[usize],
) -> PlanCosts {
    let mut out = PlanCosts {
        true_cost: 0.0,
        truncated_cost: 0.0,
        level: Vec::with_capacity(cost.clients()),
    };
    for i in 0..cost.clients() {
        let row = cost.row(i);
        let d = open.iter().map(|&j| row[j]).fold(f64::INFINITY, f64::min);
        let l = levels.level_of(cost, i, d);
        let w = weights.map_or(1.0, |w| w[i]);
        out.true_cost += w * d;
        out.truncated_cost += w * levels.distance(cost, i, l.min(radius[i]));
        out.level.push(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::Cmp;

    use crate::models::location::pmedian::test_points::line;

    #[test]
    fn truncated_cost_is_capped_and_start_is_feasible() {
        // Points 0, 1, 3, 7 on a line, p = 1, open {0}: true costs 0, 1, 3, 7 = 11.
        // With radius 1 each client's cost is capped at its second-smallest distance
        // D_1: client at 3 (distances 0, 2, 3, 4) at 2, client at 7 (distances 0, 4, 6,
        // 7) at 4, so the truncated cost is 0 + 1 + 2 + 4 = 7 (hand count).
        let c = line(&[0.0, 1.0, 3.0, 7.0]);
        let levels = Levels::new(&c, 1);
        let radius: Vec<usize> = (0..4).map(|i| levels.cut(i).min(1)).collect();
        let pc = plan_costs(&c, None, &levels, &radius, &[0]);
        assert_eq!((pc.true_cost, pc.truncated_cost), (11.0, 7.0));
        assert_eq!(pc.level[3], 3);
        // The plan's column values satisfy every row and reach the truncated cost.
        let chain = Chain::build(&c, None, 1, &[None; 4], &levels, &radius);
        let x = chain.start(&[0], &pc.level);
        for row in &chain.lp.rows {
            let v: f64 = row.terms.iter().map(|&(c, a)| a * x[c]).sum();
            match row.cmp {
                Cmp::Ge => assert!(v >= row.rhs - 1e-9),
                Cmp::Le => assert!(v <= row.rhs + 1e-9),
                Cmp::Eq => assert!((v - row.rhs).abs() < 1e-9),
            }
        }
        assert!((chain.lp.objective_of(&x) - 7.0).abs() < 1e-9);
    }

    #[cfg(feature = "microlp")]
    #[test]
    fn truncated_optimum_is_a_lower_bound_and_whole_chain_is_exact() {
        // Points 0, 1, 3, 7, p = 1. True costs by median: at 0: 11; at 1: 1+0+2+6 = 9;
        // at 3: 3+2+0+4 = 9; at 7: 7+6+4+0 = 17. Optimum 9.
        // Radius 0 everywhere: every client costs D_0 = 0, bound 0.
        // Whole chains: the optimum, 9.
        use crate::solve::solve;
        use crate::{Backend, SolveOptions};
        let c = line(&[0.0, 1.0, 3.0, 7.0]);
        let levels = Levels::new(&c, 1);
        let opts = SolveOptions::new(Backend::Microlp);
        let zero = vec![0; 4];
        let chain = Chain::build(&c, None, 1, &[None; 4], &levels, &zero);
        let s = solve(&chain.lp, &opts).unwrap();
        assert!(s.objective.abs() < 1e-9);
        let whole: Vec<usize> = (0..4).map(|i| levels.cut(i)).collect();
        let chain = Chain::build(&c, None, 1, &[None; 4], &levels, &whole);
        let s = solve(&chain.lp, &opts).unwrap();
        assert!((s.objective - 9.0).abs() < 1e-9, "{}", s.objective);
        // Radius 1 everywhere: capped costs min(d, D_1) where D_1 is each client's
        // second-nearest point: client 0 caps at 1, client 1 at 1, client 3 at 2,
        // client 7 at 4. Median at 1: 1 + 0 + 2 + 4 = 7; at 3: 1 + 1 + 0 + 4 = 6;
        // at 0: 0 + 1 + 2 + 4 = 7; at 7: 1 + 1 + 2 + 0 = 4. Truncated optimum 4 <= 9.
        let one = vec![1; 4];
        let chain = Chain::build(&c, None, 1, &[None; 4], &levels, &one);
        let s = solve(&chain.lp, &opts).unwrap();
        assert!((s.objective - 4.0).abs() < 1e-9, "{}", s.objective);
    }
}
