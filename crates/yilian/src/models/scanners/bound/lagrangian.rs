//! Lagrangian relaxation of the demand rows of M3: a lower bound in O(flows log flows)
//! per iteration, where the LP relaxation takes HiGHS minutes at province scale.
//!
//! With multipliers `lambda[d]` on `sum_j x[d,j] + u[d] = exams[d]`, the program splits:
//! unmet exams cost `min(0, penalty - lambda) x exams`; each station, for each count of
//! units `n`, fills its capacity `existing + n x unit` with the flows of most negative
//! reduced cost `minutes - lambda[d]`, each at most `exams[d]` (valid since every flow is
//! at most its demand); the unit counts then form a knapsack over the budget (or the
//! count of new units), solved as its LP relaxation (greedy by ratio), which keeps the
//! value a valid lower bound. The fill value is convex in the capacity, so each
//! further unit at a station gains less than the one before: the greedy takes them in
//! order. The bound is at least the LP bound of the strong formulation. Multipliers
//! follow projected subgradient steps (Polyak's rule against the best plan known).

use crate::models::scanners::exam_graph::ExamGraph;
use crate::models::scanners::formulation::Formulation;
use crate::scenario::Imaging;

/// One station's part of the relaxation.
#[derive(Debug, Clone)]
pub(crate) struct SubStation {
    /// (demand index, cost of one exam) of the flows into the station.
    pub arcs: Vec<(usize, f64)>,
    /// Capacity of the units in place.
    pub base: f64,
    /// Capacity of one new unit.
    pub unit: f64,
    /// Most new units (0 when the station is no candidate).
    pub max_units: u32,
    /// Objective cost of one new unit (cost weight x fixed cost).
    pub unit_objective: f64,
    /// Budget cost of one new unit.
    pub unit_budget: f64,
}

impl SubStation {
    /// Fills `out` with (reduced cost `c - lambda_d`, demand `d`) of the arcs whose
    /// reduced cost is negative, most negative first: the exams worth taking.
    pub(super) fn profitable_arcs(&self, lambda: &[f64], out: &mut Vec<(f64, usize)>) {
        out.clear();
        out.extend(
            self.arcs
                .iter()
                .map(|&(d, c)| (c - lambda[d], d))
                .filter(|a| a.0 < 0.0),
        );
        out.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    }

    /// Fills `fills` with the value of the station's capacity `base + n x unit`, for
    /// `n = 0..=max_units`, filled with the `sorted` profitable arcs (most negative
    /// first, each at most its demand's `exams`, the last one in part).
    pub(super) fn fill_values(&self, exams: &[f64], sorted: &[(f64, usize)], fills: &mut Vec<f64>) {
        fills.clear();
        let mut acc = 0.0;
        let mut used = 0.0;
        let mut i = 0;
        for n in 0..=self.max_units {
            let cap = self.base + f64::from(n) * self.unit;
            // Flows taken whole, then the next one in part.
            while i < sorted.len() && used + exams[sorted[i].1] <= cap {
                let (r, d) = sorted[i];
                acc += r * exams[d];
                used += exams[d];
                i += 1;
            }
            let partial = if i < sorted.len() {
                sorted[i].0 * (cap - used).max(0.0)
            } else {
                0.0
            };
            fills.push(acc + partial);
        }
    }
}

/// The relaxation's data, read from the program's costs.
#[derive(Debug, Clone)]
pub(crate) struct Relaxation {
    /// Exams per demand.
    pub exams: Vec<f64>,
    /// Cost of one unmet exam per demand.
    pub unmet_cost: Vec<f64>,
    /// Stations.
    pub stations: Vec<SubStation>,
    /// Budget on the fixed costs of new units.
    pub budget: Option<f64>,
    /// Most new units in all.
    pub max_new: Option<f64>,
}

/// The relaxation at one set of multipliers.
#[derive(Debug, Clone)]
pub(crate) struct Evaluation {
    /// The Lagrangian value: a lower bound on the program's optimum.
    pub value: f64,
    /// `exams - served - unmet` per demand in the relaxed solution.
    pub subgradient: Vec<f64>,
    /// New units per station in the relaxed solution (the knapsack rounded down, so
    /// within the budget and count).
    pub units: Vec<u32>,
    /// The LP knapsack's price of a unit of its capacity (budget, or count): the
    /// benefit per weight of the first unit that does not fit, 0 when all fit.
    pub knapsack_price: f64,
}

impl Relaxation {
    /// The relaxation of the program `f` built on `net` (no relocation, unmet demand
    /// allowed).
    pub fn new(net: &ExamGraph, im: &Imaging, f: &Formulation) -> Self {
        let cost = |c: usize| f.lp.columns[c].cost;
        let unmet_cost = f
            .unmet_column
            .iter()
            .map(|u| u.map_or(f64::INFINITY, cost))
            .collect();
        let demand_of_flow = net.demand_of_flow();
        let stations = net
            .stations
            .iter()
            .enumerate()
            .map(|(k, st)| {
                let (max_units, unit_objective, unit_budget) =
                    match (st.candidate, f.added_column[k]) {
                        (Some((fixed, max)), Some(col)) => (max, cost(col), fixed),
                        _ => (0, 0.0, 0.0),
                    };
                SubStation {
                    arcs: net.by_station[k]
                        .iter()
                        .map(|&fl| (demand_of_flow[fl], cost(fl)))
                        .collect(),
                    base: st.existing_capacity,
                    unit: st.unit_capacity,
                    max_units,
                    unit_objective,
                    unit_budget,
                }
            })
            .collect();
        Self {
            exams: net.demands.iter().map(|d| d.exams).collect(),
            unmet_cost,
            stations,
            budget: im.budget,
            max_new: im.max_new_units.map(f64::from),
        }
    }

    /// The multipliers the ascent starts from: each demand priced at its nearest
    /// station's cost (or its unmet cost, when that is lower or no station reaches it).
    pub fn nearest_prices(&self) -> Vec<f64> {
        let mut lambda = self.unmet_cost.clone();
        for st in &self.stations {
            for &(d, c) in &st.arcs {
                lambda[d] = lambda[d].min(c);
            }
        }
        lambda
    }

    /// The relaxation at `lambda` (one multiplier per demand) and `nu` (multiplier of
    /// the count of new units, used only when a budget is also set).
    pub fn evaluate(&self, lambda: &[f64], nu: f64) -> Evaluation {
        let mut value = 0.0;
        let mut subgradient = self.exams.clone();
        for (d, &e) in self.exams.iter().enumerate() {
            let l = lambda[d];
            value += l * e;
            if self.unmet_cost[d] < l {
                value += (self.unmet_cost[d] - l) * e;
                subgradient[d] -= e;
            }
        }
        // Knapsack items: (station, benefit, weight), one per further unit.
        let (weight_of, capacity, count_dual) = self.knapsack_rule(nu);
        let mut items: Vec<(usize, f64, f64)> = Vec::new();
        let mut sorted: Vec<(f64, usize)> = Vec::new();
        let mut fills: Vec<f64> = Vec::new();
        for (k, st) in self.stations.iter().enumerate() {
            st.profitable_arcs(lambda, &mut sorted);
            if sorted.is_empty() {
                continue;
            }
            st.fill_values(&self.exams, &sorted, &mut fills);
            value += fills[0];
            for n in 1..=st.max_units as usize {
                let gain = fills[n - 1] - fills[n] - st.unit_objective - count_dual;
                if gain > 0.0 {
                    items.push((k, gain, weight_of(st)));
                }
            }
        }
        let mut units = vec![0u32; self.stations.len()];
        // Greedy LP knapsack; items of a station come in decreasing gain.
        items.sort_by(|a, b| {
            let ra = ratio(a.1, a.2);
            let rb = ratio(b.1, b.2);
            rb.total_cmp(&ra).then(a.0.cmp(&b.0))
        });
        let mut room = capacity;
        let mut knapsack_price = 0.0;
        for &(k, gain, w) in &items {
            if w <= room + 1e-9 {
                room -= w;
                value -= gain;
                units[k] += 1;
            } else {
                // The LP knapsack takes a fraction of the first item that does not fit.
                value -= gain * (room / w).clamp(0.0, 1.0);
                knapsack_price = ratio(gain, w);
                break;
            }
        }
        if let (Some(_), Some(max)) = (self.budget, self.max_new) {
            value -= nu * max;
        }
        // Flows at the chosen (integer) units, for the subgradient.
        for (k, st) in self.stations.iter().enumerate() {
            let cap = st.base + f64::from(units[k]) * st.unit;
            if cap <= 0.0 {
                continue;
            }
            st.profitable_arcs(lambda, &mut sorted);
            let mut used = 0.0;
            for &(_, d) in &sorted {
                if used >= cap {
                    break;
                }
                let take = self.exams[d].min(cap - used);
                subgradient[d] -= take;
                used += take;
            }
        }
        Evaluation {
            value,
            subgradient,
            units,
            knapsack_price,
        }
    }

    /// The weight of a unit, the knapsack capacity, and the count dual used: the budget
    /// when set (the count, if also set, dualised with `nu`), else the count, else no
    /// knapsack.
    pub(super) fn knapsack_rule(&self, nu: f64) -> (fn(&SubStation) -> f64, f64, f64) {
        match (self.budget, self.max_new) {
            (Some(b), Some(_)) => (|s| s.unit_budget, b, nu),
            (Some(b), None) => (|s| s.unit_budget, b, 0.0),
            (None, Some(m)) => (|_| 1.0, m, 0.0),
            (None, None) => (|_| 0.0, f64::INFINITY, 0.0),
        }
    }
}

fn ratio(gain: f64, weight: f64) -> f64 {
    if weight <= 0.0 {
        f64::INFINITY
    } else {
        gain / weight
    }
}

/// Result of the subgradient search.
#[derive(Debug, Clone)]
pub(crate) struct Bound {
    /// Best Lagrangian value found.
    pub value: f64,
    /// Multipliers at the best value.
    pub lambda: Vec<f64>,
    /// Iterations run.
    pub iterations: usize,
    /// The step's target factor at the end, to go on from.
    pub tau: f64,
}

/// Settings of the subgradient search.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Search {
    /// Most iterations.
    pub iterations: usize,
    /// Stop when the step factor falls below this.
    pub min_step: f64,
    /// Stop when the bound is within this relative gap of `upper`.
    pub gap: f64,
    /// Wall-clock deadline.
    pub deadline: Option<std::time::Instant>,
    /// Target factor of the first step (0.1 to start with).
    pub tau: f64,
}

/// Projected subgradient ascent from `lambda`, with Polyak-type steps towards the target
/// `min(upper, best + tau |best|)` (`upper` a plan's cost, or infinite). Multipliers stay
/// within [0, unmet cost], where an optimal one lies.
pub(crate) fn ascend(rel: &Relaxation, mut lambda: Vec<f64>, upper: f64, s: Search) -> Bound {
    // Target value best + tau |best|; tau halves after `PATIENCE` steps without a
    // better bound.
    const PATIENCE: usize = 30;
    let mut tau = s.tau;
    let mut nu = 0.0;
    let mut best: Option<(f64, Vec<f64>)> = None;
    let mut since_best = 0;
    let mut iterations = 0;
    while iterations < s.iterations && tau > s.min_step {
        if s.deadline.is_some_and(|d| std::time::Instant::now() >= d) {
            break;
        }
        iterations += 1;
        let ev = rel.evaluate(&lambda, nu);
        let improved = best
            .as_ref()
            .is_none_or(|b| ev.value > b.0 + 1e-9 * b.0.abs());
        if improved {
            since_best = 0;
            best = Some((ev.value, lambda.clone()));
        } else {
            since_best += 1;
            if since_best >= PATIENCE {
                tau /= 2.0;
                since_best = 0;
            }
        }
        let lb = best.as_ref().map_or(ev.value, |b| b.0);
        if upper - lb <= s.gap * upper.abs() {
            break;
        }
        // Steps scaled by each demand's exams (a diagonal metric): the subgradient is in
        // exams, and demands range from a few exams to thousands.
        let mut norm = 0.0;
        for (d, g) in ev.subgradient.iter().enumerate() {
            norm += g * g / rel.exams[d];
        }
        let count_sub = match (rel.budget, rel.max_new) {
            (Some(_), Some(max)) => ev.units.iter().map(|&u| f64::from(u)).sum::<f64>() - max,
            _ => 0.0,
        };
        norm += count_sub * count_sub;
        if norm <= 1e-12 {
            break; // the relaxed solution is feasible: the bound is tight
        }
        let target = upper.min(lb + tau * lb.abs().max(1.0));
        let step = (target - ev.value).max(0.0) / norm;
        for (d, l) in lambda.iter_mut().enumerate() {
            *l = (*l + step * ev.subgradient[d] / rel.exams[d]).clamp(0.0, rel.unmet_cost[d]);
        }
        nu = (nu + step * count_sub).max(0.0);
    }
    let (value, lambda) = best.unwrap_or_else(|| (rel.evaluate(&lambda, 0.0).value, lambda));
    Bound {
        value,
        lambda,
        iterations,
        tau,
    }
}

#[cfg(all(test, feature = "highs"))]
mod tests {
    use super::*;
    use crate::models::scanners::formulation::{build, Goal};
    use crate::models::scanners::test_county::county;
    use crate::solve::{solve, Backend, SolveOptions};

    /// On generated counties (17 candidates), the bound after the ascent lies below the
    /// exact MIP optimum (HiGHS, gap 0), and near the LP relaxation of the strong
    /// program: it may lie above that LP, since a station with units in place gains
    /// capacity only by whole units here, where the LP buys fractions of a unit.
    #[test]
    fn bound_lies_below_the_mip_optimum() {
        for (seed, minutes) in [(1, 60.0), (2, 45.0), (3, 90.0)] {
            let c = county(seed, minutes);
            let im = c.scenario().imaging.as_ref().unwrap();
            let net = ExamGraph::new(&c, im);
            let f = build(&net, im, Goal::Travel, None);
            let exact = SolveOptions::new(Backend::Highs).mip_gap(0.0);
            let optimum = solve(&f.lp, &exact).unwrap();
            assert_eq!(optimum.status, crate::solve::Status::Optimal);
            let mut lp = f.lp.clone();
            for col in &mut lp.columns {
                col.integer = false;
            }
            let relaxed = solve(&lp, &exact).unwrap().objective;
            let rel = Relaxation::new(&net, im, &f);
            let search = Search {
                iterations: 3000,
                min_step: 1e-7,
                gap: 0.0,
                deadline: None,
                tau: 0.1,
            };
            let b = ascend(&rel, vec![0.0; rel.exams.len()], optimum.objective, search);
            let opt = optimum.objective;
            assert!(
                b.value <= opt * (1.0 + 1e-9),
                "seed {seed}: {} > {opt}",
                b.value
            );
            // Measured: 0.94, 0.88 and 0.94 of the optimum, LP 0.96, 0.89, 0.94.
            assert!(
                b.value >= 0.97 * relaxed,
                "seed {seed}: {} far below {relaxed}",
                b.value
            );
        }
    }
}
