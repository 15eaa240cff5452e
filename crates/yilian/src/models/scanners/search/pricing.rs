//! Pricing a plan: the LP with its new units fixed gives the plan's flows, its cost and
//! the duals the greedy and the moves are guided by. Solved warm in one kept HiGHS
//! instance when it can (`warm_lp`, HiGHS only), else built and solved from scratch.

use crate::models::scanners::exam_graph::ExamGraph;
use crate::models::scanners::formulation::{build, FixedUnits, Formulation, Goal};
use crate::scenario::Imaging;
use crate::solve::{solve, LpSolution, SolveFailure, SolveOptions};
use std::cell::{Cell, RefCell};
use std::sync::Arc;

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
    /// Whether the warm LP priced it (then [`Pricer::price_exact`] prices it again
    /// before it is returned).
    pub warm: bool,
}

impl Priced {
    /// The plan's objective.
    pub fn cost(&self) -> f64 {
        self.solution.objective
    }
}

/// The warm LP of a pricer: not built yet, built, or off (another backend, or after
/// a failure).
#[derive(Debug)]
enum Warm {
    Untried,
    #[cfg(feature = "highs")]
    Alive(Box<super::warm_lp::WarmLp>),
    Off,
}

/// Prices plans of one goal on one graph: the LP at fixed units, warm or from scratch.
pub(crate) struct Pricer<'a> {
    /// The graph the plans are on.
    pub net: &'a ExamGraph,
    /// The imaging settings.
    pub im: &'a Imaging,
    /// What the LP optimises.
    pub goal: Goal,
    /// Backend and limits of every LP.
    pub options: &'a SolveOptions,
    /// The LP at fixed units kept in HiGHS across plans (HiGHS only).
    warm: RefCell<Warm>,
    /// Most seconds one cold LP at fixed units took (the first LP when warm).
    cold_seconds: Cell<f64>,
}

impl<'a> Pricer<'a> {
    /// A pricer; plans are priced by the warm LP when `warm` is set and the backend is
    /// HiGHS (built with the `highs` feature), otherwise from scratch.
    pub fn new(
        net: &'a ExamGraph,
        im: &'a Imaging,
        goal: Goal,
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
            options,
            warm: RefCell::new(warm),
            cold_seconds: Cell::new(0.0),
        }
    }
}

impl Pricer<'_> {
    /// Whether LPs are (still) priced warm.
    pub fn is_warm(&self) -> bool {
        !matches!(*self.warm.borrow(), Warm::Off)
    }

    /// Most seconds an LP at fixed units from scratch has taken (0 before the first).
    pub fn cold_seconds(&self) -> f64 {
        self.cold_seconds.get()
    }

    /// Prices `units`: by the warm LP when there is one (falling back to
    /// [`Pricer::price_exact`], and turning it off, when it fails), else from scratch.
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
}

/// Keeps the cheaper of `best` and `p` in `best`.
pub(crate) fn keep_better(best: &mut Option<Priced>, p: Priced) {
    if best.as_ref().is_none_or(|b| p.cost() < b.cost()) {
        *best = Some(p);
    }
}
