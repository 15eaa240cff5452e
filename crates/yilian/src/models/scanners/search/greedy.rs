//! The greedy of the plan search: new units added by the saving they bring at given
//! demand prices (the relaxation's multipliers, or the duals of a plan's LP) per budget
//! cost, up to the budget; and a whole plan from a start, filled and priced in turns.

use super::budget::Budget;
use super::pricing::{keep_better, Priced, Pricer};
use crate::models::scanners::bound::lagrangian::Relaxation;
use crate::solve::SolveFailure;

/// Adds units by their saving at demand prices, within the budget.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Greedy<'a> {
    rel: &'a Relaxation,
    budget: Budget<'a>,
}

impl<'a> Greedy<'a> {
    /// The greedy on the stations, demands and limits of `rel`.
    pub fn new(rel: &'a Relaxation) -> Self {
        Self {
            rel,
            budget: Budget::new(rel),
        }
    }

    /// Demand duals of a plan's LP, within [0, unmet cost]: what one more exam of each
    /// demand costs under the plan.
    pub fn demand_prices(&self, p: &Priced) -> Option<Vec<f64>> {
        let duals = p.solution.row_duals.as_ref()?;
        Some(
            (0..self.rel.exams.len())
                .map(|d| duals[d].clamp(0.0, self.rel.unmet_cost[d]))
                .collect(),
        )
    }

    /// What one more unit at station `k` would save at `prices`, counting only the
    /// `residual` exams of each demand: its capacity filled with the exams of greatest
    /// saving (price - cost of the flow), net of the unit's own objective cost. Returns
    /// the saving; `scratch` is left holding the (reduced cost, demand) pairs taken.
    fn gain(
        &self,
        k: usize,
        prices: &[f64],
        residual: &[f64],
        scratch: &mut Vec<(f64, usize)>,
    ) -> f64 {
        let st = &self.rel.stations[k];
        scratch.clear();
        scratch.extend(
            st.arcs
                .iter()
                .map(|&(d, c)| (c - prices[d], d))
                .filter(|a| a.0 < 0.0 && residual[a.1] > 0.0),
        );
        scratch.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        let mut used = 0.0;
        let mut value = 0.0;
        let mut n = 0;
        for &(r, d) in scratch.iter() {
            if used >= st.unit {
                break;
            }
            let take = residual[d].min(st.unit - used);
            value -= r * take;
            used += take;
            n += 1;
        }
        scratch.truncate(n);
        value - st.unit_objective
    }

    /// Adds units while they fit, greatest saving per budget cost first (see
    /// [`Greedy::gain`]), spending at most `share` of the budget (or count) `units`
    /// leave; the exams a new unit takes are taken out of the residual, so that two
    /// units do not both count the same exams.
    pub fn add(&self, mut units: Vec<u32>, prices: &[f64], share: f64) -> Vec<u32> {
        use std::cmp::Ordering;
        #[derive(PartialEq)]
        struct Entry(f64, usize);
        impl Eq for Entry {}
        impl PartialOrd for Entry {
            fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
                Some(self.cmp(o))
            }
        }
        impl Ord for Entry {
            fn cmp(&self, o: &Self) -> Ordering {
                self.0.total_cmp(&o.0).then(o.1.cmp(&self.1))
            }
        }
        let weight = |k: usize| {
            if self.budget.has_budget() {
                self.budget.unit_cost(k)
            } else {
                1.0
            }
        };
        let ratio = |g: f64, k: usize| {
            if weight(k) > 0.0 {
                g / weight(k)
            } else {
                f64::INFINITY
            }
        };
        let mut residual = self.rel.exams.clone();
        let mut scratch = Vec::new();
        // Budget (or count) this pass may spend: `share` of what is left.
        let room = self.budget.room(&units, share);
        let mut used = 0.0;
        let mut heap = std::collections::BinaryHeap::new();
        for (k, st) in self.rel.stations.iter().enumerate() {
            if units[k] < st.max_units {
                let g = self.gain(k, prices, &residual, &mut scratch);
                if g > 0.0 {
                    heap.push(Entry(ratio(g, k), k));
                }
            }
        }
        while let Some(Entry(r, k)) = heap.pop() {
            if units[k] >= self.rel.stations[k].max_units
                || !self.budget.fits(&units, weight(k).max(0.0))
                || (used > 0.0 && used + weight(k) > room)
            {
                continue;
            }
            let g = self.gain(k, prices, &residual, &mut scratch);
            if g <= 0.0 {
                continue;
            }
            let now = ratio(g, k);
            if now < r * (1.0 - 1e-12) && heap.peek().is_some_and(|e| e.0 > now) {
                heap.push(Entry(now, k));
                continue;
            }
            units[k] += 1;
            used += weight(k);
            let mut left = self.rel.stations[k].unit;
            for &(_, d) in scratch.iter() {
                let take = residual[d].min(left);
                residual[d] -= take;
                left -= take;
            }
            if units[k] < self.rel.stations[k].max_units {
                heap.push(Entry(now, k));
            }
        }
        units
    }

    /// A plan from `units`: filled greedily up to the budget in `passes` passes (each
    /// but the last spends half the budget left), each at the duals of the plan before
    /// it (the first at `prices` when given), and priced by `pricer`. Returns the best
    /// plan priced and the LPs solved.
    pub fn complete(
        &self,
        pricer: &Pricer<'_>,
        units: Vec<u32>,
        prices: Option<&[f64]>,
        passes: usize,
    ) -> Result<(Priced, usize), SolveFailure> {
        let mut lps = 0;
        let mut current = units;
        let mut best: Option<Priced> = None;
        let mut given = prices.map(<[f64]>::to_vec);
        let mut priced = false;
        for pass in 0..passes {
            let prices = match given.take() {
                Some(p) => p,
                None => {
                    let p = pricer.price(current.clone())?;
                    lps += 1;
                    priced = true;
                    let prices = self.demand_prices(&p);
                    keep_better(&mut best, p);
                    match prices {
                        Some(x) => x,
                        None => break,
                    }
                }
            };
            let share = if pass + 1 >= passes { 1.0 } else { 0.5 };
            let more = self.add(current.clone(), &prices, share);
            if more != current {
                current = more;
                priced = false;
            } else if priced {
                break;
            }
        }
        if !priced {
            lps += 1;
            keep_better(&mut best, pricer.price(current)?);
        }
        match best {
            Some(b) => Ok((b, lps)),
            None => Err(SolveFailure::Failed("no plan was priced".into())),
        }
    }
}
