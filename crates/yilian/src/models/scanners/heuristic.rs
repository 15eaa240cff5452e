//! Plans for M3 from the Lagrangian relaxation: units from its knapsack, filled up to
//! the budget, flows from the LP with those units fixed, then swaps of units guided by
//! that LP's duals.

use super::formulation::{build, FixedUnits, Formulation, Goal, Network};
use super::lagrangian::Relaxation;
use crate::scenario::Imaging;
use crate::solve::{solve, LpSolution, SolveFailure, SolveOptions};
use std::sync::Arc;

/// Greedy passes of a refill after a drop (each after an LP). Measured with a 60 s
/// limit: on province-30 three passes gave a plan of 1.944M and one 1.980M, but on
/// province-100 three gave 7.06M and one 6.84M (fewer moves fit in the time).
pub(crate) const REFILL_PASSES: usize = 1;

/// A plan: new units per station, and the LP with them fixed, solved.
#[derive(Debug, Clone)]
pub(crate) struct Priced {
    /// New units per station.
    pub units: Vec<u32>,
    /// The units as the fixed-unit program takes them.
    pub fixed: FixedUnits,
    /// The fixed-unit program (with warm pricing, the one built with no new units,
    /// shared by every plan: its unit columns and capacity right-hand sides are not
    /// those of `units`).
    pub formulation: Arc<Formulation>,
    /// Its solution (flows, duals).
    pub solution: LpSolution,
    /// Whether the warm LP priced it (then [`Context::price_exact`] prices it again
    /// before it is returned).
    pub warm: bool,
}

impl Priced {
    /// The plan's objective.
    pub fn cost(&self) -> f64 {
        self.solution.objective
    }
}

/// The warm LP of a context: not built yet, built, or off (another backend, or after
/// a failure).
#[derive(Debug)]
enum Warm {
    Untried,
    #[cfg(feature = "highs")]
    Alive(Box<super::warm_lp::WarmLp>),
    Off,
}

/// What the heuristic needs from the model.
pub(crate) struct Context<'a> {
    pub net: &'a Network,
    pub im: &'a Imaging,
    pub goal: Goal,
    pub rel: &'a Relaxation,
    pub options: &'a SolveOptions,
    /// The LP at fixed units kept in HiGHS across moves (HiGHS only).
    warm: std::cell::RefCell<Warm>,
    /// Most seconds one cold LP at fixed units took (the first LP when warm).
    cold_seconds: std::cell::Cell<f64>,
    /// Moves tried, and seconds spent in them.
    moves: std::cell::Cell<(usize, f64)>,
}

impl<'a> Context<'a> {
    /// A context; moves are priced by the warm LP when `warm` is set and the backend
    /// is HiGHS (built with the `highs` feature), otherwise from scratch.
    pub fn new(
        net: &'a Network,
        im: &'a Imaging,
        goal: Goal,
        rel: &'a Relaxation,
        options: &'a SolveOptions,
        warm: bool,
    ) -> Self {
        let warm = if warm && cfg!(feature = "highs") && options.backend == crate::Backend::Highs {
            Warm::Untried
        } else {
            Warm::Off
        };
        Self {
            net,
            im,
            goal,
            rel,
            options,
            warm: std::cell::RefCell::new(warm),
            cold_seconds: std::cell::Cell::new(0.0),
            moves: std::cell::Cell::new((0, 0.0)),
        }
    }
}

impl Context<'_> {
    /// Drop-and-refill moves tried so far, and the seconds they took in all.
    pub fn moves(&self) -> (usize, f64) {
        self.moves.get()
    }

    /// Whether LPs are (still) priced warm.
    pub fn is_warm(&self) -> bool {
        !matches!(*self.warm.borrow(), Warm::Off)
    }

    /// Most seconds an LP at fixed units from scratch has taken (0 before the first).
    pub fn cold_seconds(&self) -> f64 {
        self.cold_seconds.get()
    }

    /// Prices `units`: by the warm LP when there is one (falling back to
    /// [`Context::price_exact`], and turning it off, when it fails), else from scratch.
    pub fn price(&self, units: Vec<u32>) -> Result<Priced, SolveFailure> {
        #[cfg(feature = "highs")]
        {
            let mut warm = self.warm.borrow_mut();
            if matches!(*warm, Warm::Untried) {
                let threads = self.options.threads;
                *warm = match super::warm_lp::WarmLp::new(self.net, self.im, self.goal, threads) {
                    Ok(w) => Warm::Alive(Box::new(w)),
                    Err(_) => Warm::Off,
                };
            }
            if let Warm::Alive(w) = &mut *warm {
                let first = w.solved() == 0;
                match w.solve(&units) {
                    Ok(solution) => {
                        if first {
                            let s = solution.seconds.max(self.cold_seconds.get());
                            self.cold_seconds.set(s);
                        }
                        return Ok(Priced {
                            fixed: self.fixed(&units),
                            units,
                            formulation: Arc::clone(&w.formulation),
                            solution,
                            warm: true,
                        });
                    }
                    Err(_) => *warm = Warm::Off,
                }
            }
        }
        self.price_exact(units)
    }

    /// The units as the fixed-unit program takes them (units in place kept).
    fn fixed(&self, units: &[u32]) -> FixedUnits {
        FixedUnits {
            added: units.iter().map(|&u| f64::from(u)).collect(),
            kept: self
                .net
                .stations
                .iter()
                .map(|s| f64::from(s.existing_units))
                .collect(),
        }
    }

    /// Solves the LP with `units` fixed (the units in place kept), built and solved from
    /// scratch by [`crate::solve::solve`].
    pub fn price_exact(&self, units: Vec<u32>) -> Result<Priced, SolveFailure> {
        let started = std::time::Instant::now();
        let fixed = self.fixed(&units);
        let formulation = build(self.net, self.im, self.goal, Some(&fixed));
        let solution = solve(&formulation.lp, self.options)?;
        let s = started.elapsed().as_secs_f64();
        self.cold_seconds.set(self.cold_seconds.get().max(s));
        Ok(Priced {
            units,
            fixed,
            formulation: Arc::new(formulation),
            solution,
            warm: false,
        })
    }

    /// Budget cost and count of `units`.
    fn spent(&self, units: &[u32]) -> (f64, f64) {
        units
            .iter()
            .zip(&self.rel.stations)
            .fold((0.0, 0.0), |(b, n), (&u, s)| {
                (b + f64::from(u) * s.unit_budget, n + f64::from(u))
            })
    }

    /// Budget and count of new units that `units` leave unspent (infinite, and
    /// `u32::MAX`, where there is no such limit).
    pub fn slack(&self, units: &[u32]) -> (f64, u32) {
        let (b, n) = self.spent(units);
        (
            self.rel
                .budget
                .map_or(f64::INFINITY, |max| (max - b).max(0.0)),
            self.rel
                .max_new
                .map_or(u32::MAX, |max| (max - n).max(0.0) as u32),
        )
    }

    /// Whether one more unit of budget cost `w` fits beside `units`.
    fn fits(&self, units: &[u32], w: f64) -> bool {
        let (b, n) = self.spent(units);
        self.rel.budget.is_none_or(|max| b + w <= max + 1e-9)
            && self.rel.max_new.is_none_or(|max| n + 1.0 <= max + 1e-9)
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
    /// [`Context::gain`]); the exams a new unit takes are taken out of the residual, so
    /// that two units do not both count the same exams.
    pub fn greedy_add(&self, mut units: Vec<u32>, prices: &[f64], share: f64) -> Vec<u32> {
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
        let weight = |k: usize| match self.rel.budget {
            Some(_) => self.rel.stations[k].unit_budget,
            None => 1.0,
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
        let (spent, count) = self.spent(&units);
        let room = match (self.rel.budget, self.rel.max_new) {
            (Some(b), _) => (b - spent) * share,
            (None, Some(m)) => (m - count) * share,
            (None, None) => f64::INFINITY,
        };
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
                || !self.fits(&units, weight(k).max(0.0))
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

    /// Losses of one new unit fewer per station at a plan's LP: the capacity dual times
    /// a unit's capacity, net of the unit's own objective cost (infinite where no new
    /// unit stands).
    fn losses(&self, p: &Priced) -> Option<Vec<f64>> {
        let duals = p.solution.row_duals.as_ref()?;
        Some(
            self.rel
                .stations
                .iter()
                .enumerate()
                .map(|(k, st)| {
                    if p.units[k] == 0 {
                        f64::INFINITY
                    } else {
                        (-duals[p.formulation.capacity_row[k]]).max(0.0) * st.unit
                            - st.unit_objective
                    }
                })
                .collect(),
        )
    }

    /// A plan from `units`: filled greedily up to the budget in `passes` passes (each
    /// but the last spends half the budget left), each at the duals of the plan before
    /// it (the first at `prices` when given), and priced. Returns the best plan priced
    /// and the LPs solved.
    pub fn complete(
        &self,
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
                    let p = self.price(current.clone())?;
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
            let more = self.greedy_add(current.clone(), &prices, share);
            if more != current {
                current = more;
                priced = false;
            } else if priced {
                break;
            }
        }
        if !priced {
            lps += 1;
            keep_better(&mut best, self.price(current)?);
        }
        match best {
            Some(b) => Ok((b, lps)),
            None => Err(SolveFailure::Failed("no plan was priced".into())),
        }
    }

    /// Drop-and-refill moves: drop a batch of the new units of least loss per budget
    /// cost, skipping the first `state.skip` (those of failed moves), refill greedily
    /// in [`REFILL_PASSES`] passes from the duals without them, keep the result when
    /// the LP says it is cheaper (and reset the skip). Batches are a twentieth of the
    /// stations with new units, then (when every batch of a size has failed) a
    /// fiftieth, 4 and 1. At most `moves` moves; stops when `stop` says so or every
    /// batch of every size has failed. Returns the best plan and the LPs solved.
    pub fn improve(
        &self,
        mut best: Priced,
        moves: usize,
        state: &mut MoveState,
        stop: &dyn Fn() -> bool,
    ) -> (Priced, usize) {
        let mut lps = 0;
        for _ in 0..moves {
            if stop() {
                break;
            }
            let Some(loss) = self.losses(&best) else {
                break;
            };
            let w = |k: usize| self.rel.stations[k].unit_budget.max(1e-9);
            let mut drops: Vec<usize> = (0..loss.len()).filter(|&k| loss[k].is_finite()).collect();
            drops.sort_by(|&a, &b| (loss[a] / w(a)).total_cmp(&(loss[b] / w(b))));
            let Some(batch) = state.batch(drops.len()) else {
                break;
            };
            let mut units = best.units.clone();
            for &k in drops.iter().skip(state.skip).take(batch) {
                units[k] -= 1;
            }
            let started = std::time::Instant::now();
            let refilled = self.complete(units, None, REFILL_PASSES);
            let (n, t) = self.moves.get();
            self.moves.set((n + 1, t + started.elapsed().as_secs_f64()));
            match refilled {
                Ok((p, n)) => {
                    lps += n;
                    if p.cost() < best.cost() - 1e-9 * best.cost().abs() {
                        best = p;
                        state.skip = 0;
                    } else {
                        state.skip += batch;
                    }
                }
                Err(_) => break,
            }
        }
        (best, lps)
    }
}

/// Where the drop-and-refill moves stand: the batch size tried and how many of the
/// units of least loss to skip (those of failed moves).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct MoveState {
    /// Index into the batch sizes (a twentieth, a fiftieth, 4, 1).
    pub level: usize,
    /// Units of least loss skipped.
    pub skip: usize,
}

impl MoveState {
    /// Batch size for `n` stations with new units, going to the next smaller size
    /// when every batch of this one has failed; `None` when all have.
    fn batch(&mut self, n: usize) -> Option<usize> {
        let sizes = [(n / 20).max(1), (n / 50).max(1), 4.min(n), 1];
        while self.level < sizes.len() {
            let size = sizes[self.level];
            let new = !sizes[..self.level].contains(&size);
            if new && self.skip < n {
                return Some(size);
            }
            self.level += 1;
            self.skip = 0;
        }
        None
    }
}

/// Keeps the cheaper of `best` and `p` in `best`.
fn keep_better(best: &mut Option<Priced>, p: Priced) {
    if best.as_ref().is_none_or(|b| p.cost() < b.cost()) {
        *best = Some(p);
    }
}
