//! Drop-and-refill moves: the new units of least loss (by the capacity duals of the
//! plan's LP) dropped in a batch, the budget they free refilled by the greedy, the
//! result kept when its LP says it is cheaper.

use super::greedy::Greedy;
use super::pricing::{Priced, Pricer};
use crate::models::scanners::bound::lagrangian::Relaxation;

/// Greedy passes of a refill after a drop (each after an LP). Measured with a 60 s
/// limit: on province-30 three passes gave a plan of 1.944M and one 1.980M, but on
/// province-100 three gave 7.06M and one 6.84M (fewer moves fit in the time).
pub(crate) const REFILL_PASSES: usize = 1;

/// The moves of one search: where they stand, and what they have cost.
#[derive(Debug, Clone)]
pub(crate) struct Moves<'a> {
    rel: &'a Relaxation,
    state: MoveState,
    /// Moves tried, and seconds spent in them.
    tried: (usize, f64),
}

impl<'a> Moves<'a> {
    /// No move tried yet, on the stations of `rel`.
    pub fn new(rel: &'a Relaxation) -> Self {
        Self {
            rel,
            state: MoveState::default(),
            tried: (0, 0.0),
        }
    }

    /// Drop-and-refill moves tried so far, and the seconds they took in all.
    pub fn tried(&self) -> (usize, f64) {
        self.tried
    }

    /// Starts the batch sizes over (for a new plan to work on).
    pub fn restart(&mut self) {
        self.state = MoveState::default();
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

    /// Drop-and-refill moves: drop a batch of the new units of least loss per budget
    /// cost, skipping the first `state.skip` (those of failed moves), refill with
    /// `greedy` in [`REFILL_PASSES`] passes from the duals without them, keep the
    /// result when `pricer`'s LP says it is cheaper (and reset the skip). Batches are a
    /// twentieth of the stations with new units, then (when every batch of a size has
    /// failed) a fiftieth, 4 and 1. At most `moves` moves; stops when `stop` says so or
    /// every batch of every size has failed. Returns the best plan and the LPs solved.
    pub fn improve(
        &mut self,
        pricer: &Pricer<'_>,
        greedy: &Greedy<'_>,
        mut best: Priced,
        moves: usize,
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
            let Some(batch) = self.state.batch(drops.len()) else {
                break;
            };
            let mut units = best.units.clone();
            for &k in drops.iter().skip(self.state.skip).take(batch) {
                units[k] -= 1;
            }
            let started = std::time::Instant::now();
            let refilled = greedy.complete(pricer, units, None, REFILL_PASSES);
            let (n, t) = self.tried;
            self.tried = (n + 1, t + started.elapsed().as_secs_f64());
            match refilled {
                Ok((p, n)) => {
                    lps += n;
                    if p.cost() < best.cost() - 1e-9 * best.cost().abs() {
                        best = p;
                        self.state.skip = 0;
                    } else {
                        self.state.skip += batch;
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
struct MoveState {
    /// Index into the batch sizes (a twentieth, a fiftieth, 4, 1).
    level: usize,
    /// Units of least loss skipped.
    skip: usize,
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
