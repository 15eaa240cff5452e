//! The rounds of the decomposition: a lower bound from subgradient ascent on the
//! Lagrangian relaxation ([`crate::models::scanners::bound`]), and plans from the
//! relaxed units, priced by the LP at fixed units and improved by drop-and-refill moves
//! and by MIP neighbourhoods ([`crate::models::scanners::search`]), in turns, until the
//! gap is proven or time runs out.

use crate::models::scanners::bound::lagrangian::{ascend, Relaxation, Search};
use crate::models::scanners::search::greedy::Greedy;
use crate::models::scanners::search::moves::{Moves, REFILL_PASSES};
use crate::models::scanners::search::neighbourhood::Lns;
use crate::models::scanners::search::pricing::{Priced, Pricer};
use crate::solve::SolveFailure;
use std::cell::Cell;
use std::time::{Duration, Instant};

/// Most moves between two ascents.
const MAX_MOVES_PER_ROUND: usize = 200;

/// Seconds on neighbourhood MIPs per second of ascent and drop-and-refill moves in a
/// round. Measured (60 s, HiGHS, 2 shared cores): at province-100 a share of 1 gave a
/// plan of 6.733M, 3 gave 6.664M, 6 gave 6.646M (the windows improve the plan about
/// twice as often per second as the moves there); at province-30, 1 gave 1.887M and 6
/// 1.876M. At province-10 runs of either share end between 0.636M and 0.642M.
const LNS_SHARE: f64 = 6.0;

/// Most neighbourhood windows priced together (their programs share no station), solved
/// side by side on the machine's cores. At province-100, where an LP at fixed units
/// takes about as long as a window (0.3-0.4 s), 6 gave 6.658M against 6.664M for 1
/// (share 3, one window at a time); at province-10 windows overlap and batches hold one
/// or two. With two cores side by side (2026-11-30): 121-129 windows in 60 s at
/// province-100 against 88 one at a time.
const LNS_BATCH: usize = 6;

/// The best plan found and the best bound proven.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// The best plan.
    pub plan: Priced,
    /// The best lower bound on the optimum.
    pub bound: f64,
    /// Subgradient iterations and LPs solved.
    pub iterations: usize,
    /// LPs at fixed units solved.
    pub lps: usize,
    /// Drop-and-refill moves tried, and the seconds they took in all.
    pub moves: (usize, f64),
    /// Neighbourhood windows solved, those that improved the plan, and their seconds.
    pub windows: (usize, usize, f64),
    /// The demand multipliers of the last ascent (for the regional bound).
    pub lambda: Vec<f64>,
}

impl Outcome {
    /// Relative gap (best plan - bound) / |best plan|.
    pub fn gap(&self) -> f64 {
        relative_gap(self.plan.cost(), self.bound)
    }
}

/// (upper - lower) / |upper|, 0 when both are 0.
pub(crate) fn relative_gap(upper: f64, lower: f64) -> f64 {
    let diff = (upper - lower).max(0.0);
    if diff <= 1e-9 * upper.abs().max(1.0) {
        0.0
    } else {
        diff / upper.abs().max(1e-9)
    }
}

/// Runs the decomposition until the relative gap is at most `gap`, no move or
/// neighbourhood improves the plan (after two restarts of the greedy), or `deadline` (no LP is started that
/// would likely end after it; time left after the last move goes to the bound).
///
/// Plans are priced by `pricer` on the relaxation `rel` of the same program. With
/// `moves` false it stops after the first plan and a second ascent (when the MIP is to
/// follow from that plan).
pub(crate) fn run(
    rel: &Relaxation,
    pricer: &Pricer<'_>,
    gap: f64,
    deadline: Option<Instant>,
    moves: bool,
) -> Result<Outcome, SolveFailure> {
    let greedy = Greedy::new(rel);
    let left = || deadline.map(|d| d.saturating_duration_since(Instant::now()).as_secs_f64());
    let search = |iterations: usize, tau: f64| Search {
        iterations,
        min_step: 1e-4,
        gap,
        deadline,
        tau,
    };
    // Start: each demand priced at its nearest station's cost (or its unmet cost).
    let mut lambda = rel.nearest_prices();
    // A first bound, before any plan (no upper bound yet).
    let first = ascend(rel, lambda, f64::INFINITY, search(400, 0.1));
    let mut iterations = first.iterations;
    let mut bound = first.value;
    lambda = first.lambda;
    // Later ascents go on with a larger step than the first one ended with.
    let mut tau = (first.tau * 4.0).min(0.1);
    // A first plan: greedy from the units in place at the multipliers, then at the
    // duals of each plan.
    let t = Instant::now();
    let (mut best, mut lps) =
        greedy.complete(pricer, vec![0; rel.stations.len()], Some(&lambda), 4)?;
    // Seconds per LP: at first those of the first plan (its first LP from scratch),
    // then those of the last round of moves (warm LPs are much faster).
    let per_lp = Cell::new(t.elapsed().as_secs_f64() / lps.max(1) as f64);
    // A warm plan is priced again from scratch at the end: keep time for that.
    let reserve = || {
        if pricer.is_warm() {
            1.5 * pricer.cold_seconds()
        } else {
            0.0
        }
    };
    // A move takes up to REFILL_PASSES + 1 LPs: start none that would end after the
    // deadline.
    let stop = || {
        let margin = (REFILL_PASSES as f64 + 1.5) * per_lp.get() + reserve();
        left().is_some_and(|l| l < margin)
    };
    let mut drop_refill = Moves::new(rel);
    let mut restarts = 0;
    let mut lns = Lns::new(pricer.net, pricer.im, pricer.goal);
    loop {
        if relative_gap(best.cost(), bound) <= gap || left().is_some_and(|l| l <= 0.0) {
            break;
        }
        let a = Instant::now();
        let b = ascend(rel, lambda, best.cost(), search(300, tau));
        let ascent = a.elapsed().as_secs_f64();
        iterations += b.iterations;
        tau = (b.tau * 4.0).min(0.1);
        if b.value > bound {
            bound = b.value;
        }
        lambda = b.lambda;
        if relative_gap(best.cost(), bound) <= gap || stop() || !moves {
            break;
        }
        let before = best.cost();
        // About as long on moves as on the ascent (at least 4 moves).
        let per_move = (REFILL_PASSES as f64 + 1.0) * per_lp.get();
        let round = ((ascent / per_move.max(1e-6)) as usize).clamp(4, MAX_MOVES_PER_ROUND);
        let m = Instant::now();
        let (p, n) = drop_refill.improve(pricer, &greedy, best, round, &stop);
        let moving = m.elapsed().as_secs_f64();
        if n > 0 {
            per_lp.set(moving / n as f64);
        }
        best = p;
        lps += n;
        // Then neighbourhood MIPs, LNS_SHARE times as long as the ascent and the moves
        // (at least a second), ending early enough for one LP and the final pricing.
        let mut searching = false;
        if !lns.exhausted() {
            let seconds = (LNS_SHARE * (ascent + moving)).max(1.0);
            let mut until = Instant::now() + Duration::from_secs_f64(seconds);
            if let Some(d) = deadline {
                let margin = Duration::from_secs_f64(1.5 * per_lp.get() + reserve());
                until = until.min(d.checked_sub(margin).unwrap_or(d));
            }
            let from = best.cost();
            let workers = crate::models::scanners::workers(pricer.options);
            let (p, k) = lns.round(pricer, rel, best, until, LNS_BATCH, workers)?;
            best = p;
            lps += k;
            if best.cost() < from {
                // The moves get a new plan to work on.
                drop_refill.restart();
            }
            searching = !lns.exhausted();
        }
        if (n > 0 || searching) && (deadline.is_some() || best.cost() < before) {
            continue;
        }
        // Every move tried (or no progress without a time limit): start again from the
        // greedy at the newer multipliers, twice at most, if five LPs fit.
        if restarts == 2 || left().is_some_and(|l| l < 7.0 * per_lp.get() + reserve()) {
            break;
        }
        restarts += 1;
        let (p, n) = greedy.complete(pricer, vec![0; rel.stations.len()], Some(&lambda), 4)?;
        lps += n;
        if p.cost() < best.cost() {
            best = p;
        }
        drop_refill.restart();
    }
    // The plan returned is priced from scratch (flows, duals and cost of the ordinary
    // LP path), not by the warm LP.
    if best.warm {
        best = pricer.price_exact(best.units.clone())?;
        lps += 1;
    }
    // Time left: spend it on the bound.
    if moves && relative_gap(best.cost(), bound) > gap && left().is_some_and(|l| l > 0.0) {
        let b = ascend(rel, lambda, best.cost(), search(usize::MAX, tau));
        iterations += b.iterations;
        bound = bound.max(b.value);
        lambda = b.lambda;
    }
    Ok(Outcome {
        plan: best,
        bound,
        iterations,
        lps,
        moves: drop_refill.tried(),
        windows: lns.stats,
        lambda,
    })
}
