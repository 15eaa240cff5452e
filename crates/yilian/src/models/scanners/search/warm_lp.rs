//! The LP at fixed units kept alive in one HiGHS instance across the heuristic's moves.
//!
//! A move changes only the new units of a few stations, that is the right-hand sides
//! of their capacity rows (and the fixed bounds of their unit columns). HiGHS keeps the
//! basis of the last solve when bounds change, so the next `Highs_run` is a dual
//! simplex from that basis (no presolve), a small fraction of a solve from scratch.
//!
//! Only the heuristic's pricing goes through here; the plan returned to the user is
//! priced again by the ordinary cold path ([`super::pricing::Pricer::price_exact`]).
//! The unsafe code is confined to [`Instance::set_bounds`], the two calls of the C API
//! that the `highs` crate does not wrap.

use crate::models::scanners::exam_graph::ExamGraph;
use crate::models::scanners::formulation::{build, FixedUnits, Formulation, Goal};
use crate::scenario::Imaging;
use crate::solve::{highs_problem, LpSolution, Status};
use highs::{HighsModelStatus, Model};
use std::sync::Arc;
use std::time::Instant;

/// Why the warm LP gave no answer (the caller then prices from scratch).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum WarmError {
    /// HiGHS refused the model or a call.
    #[error("highs: {0}")]
    Highs(String),
    /// The LP did not end optimal.
    #[error("the warm LP ended with status {0}")]
    NotOptimal(String),
    /// An earlier failure left no model.
    #[error("the warm LP is gone after an earlier failure")]
    Gone,
    /// `units` has the wrong length.
    #[error("{0} stations given for {1}")]
    Length(usize, usize),
}

/// The fixed-unit LP in a kept HiGHS instance, with the units it was last solved at.
pub(crate) struct WarmLp {
    /// The model (`None` after a failure).
    model: Option<Model>,
    /// The fixed-unit program built with no new units (shared with every plan priced).
    pub formulation: Arc<Formulation>,
    /// Capacity right-hand side of each station without new units.
    base_rhs: Vec<f64>,
    /// Exams per new unit of each station.
    unit_capacity: Vec<f64>,
    /// Units the model holds now.
    current: Vec<u32>,
    /// Solves so far.
    solved: usize,
    /// HiGHS threads asked for (`None`: the default).
    threads: Option<u32>,
}

impl std::fmt::Debug for WarmLp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarmLp")
            .field("alive", &self.model.is_some())
            .field("stations", &self.current.len())
            .finish()
    }
}

impl WarmLp {
    /// Builds the fixed-unit program with no new units (units in place kept) and hands
    /// it to HiGHS (quiet, `threads` when given); nothing is solved yet.
    pub fn new(
        net: &ExamGraph,
        im: &Imaging,
        goal: Goal,
        threads: Option<u32>,
    ) -> Result<Self, WarmError> {
        let fixed = FixedUnits {
            added: vec![0.0; net.stations.len()],
            kept: net
                .stations
                .iter()
                .map(|s| f64::from(s.existing_units))
                .collect(),
        };
        let formulation = build(net, im, goal, Some(&fixed));
        let sense = match formulation.lp.sense {
            crate::solve::Sense::Minimise => highs::Sense::Minimise,
            crate::solve::Sense::Maximise => highs::Sense::Maximise,
        };
        let mut model = highs_problem(&formulation.lp)
            .try_optimise(sense)
            .map_err(|e| WarmError::Highs(format!("the model was refused: {e:?}")))?;
        model.make_quiet();
        if let Some(n) = threads {
            model
                .try_set_option("threads", n.min(i32::MAX as u32) as i32)
                .map_err(|e| WarmError::Highs(format!("option threads: {e:?}")))?;
        }
        let base_rhs = formulation
            .capacity_row
            .iter()
            .map(|&r| formulation.lp.rows[r].rhs)
            .collect();
        Ok(Self {
            model: Some(model),
            formulation: Arc::new(formulation),
            base_rhs,
            unit_capacity: net.stations.iter().map(|s| s.unit_capacity).collect(),
            current: vec![0; net.stations.len()],
            solved: 0,
            threads,
        })
    }

    /// Solves so far (the first is from scratch).
    pub fn solved(&self) -> usize {
        self.solved
    }

    /// Solves the LP with `units` new units per station, from the basis of the last
    /// solve. Flows and row duals are HiGHS's, as in [`crate::solve::solve`].
    pub fn solve(&mut self, units: &[u32]) -> Result<LpSolution, WarmError> {
        if units.len() != self.current.len() {
            return Err(WarmError::Length(units.len(), self.current.len()));
        }
        let started = Instant::now();
        self.solved += 1;
        let mut model = self.model.take().ok_or(WarmError::Gone)?;
        let f = &self.formulation;
        let mut rows = Vec::new();
        let mut cols = Vec::new();
        for (k, (&u, &now)) in units.iter().zip(&self.current).enumerate() {
            if u == now {
                continue;
            }
            let n = f64::from(u);
            rows.push((
                f.capacity_row[k],
                self.base_rhs[k] + self.unit_capacity[k] * n,
            ));
            if let Some(c) = f.added_column[k] {
                cols.push((c, n));
            }
        }
        Instance(&mut model).set_bounds(&rows, &cols)?;
        // From here the model holds `units` (a failed solve drops the model below).
        self.current.copy_from_slice(units);
        crate::solve::highs_threads::prepare(self.threads);
        let solved = model
            .try_solve()
            .map_err(|e| WarmError::Highs(format!("solving failed: {e:?}")))?;
        let status = solved.status();
        if status != HighsModelStatus::Optimal {
            return Err(WarmError::NotOptimal(format!("{status:?}")));
        }
        let solution = solved.get_solution();
        let values = solution.columns().to_vec();
        let duals = solution.dual_rows().to_vec();
        let objective = self.formulation.lp.objective_of(&values);
        self.model = Some(Model::from(solved));
        Ok(LpSolution {
            status: Status::Optimal,
            objective,
            values,
            row_duals: Some(duals),
            // An LP at an optimal basis is its own bound, on the objective's scale (the
            // offset included, as `solve` reports it).
            bound: Some(objective),
            gap: Some(0.0),
            load_seconds: 0.0,
            seconds: started.elapsed().as_secs_f64(),
            notes: Vec::new(),
        })
    }
}

/// A model borrowed for the calls of HiGHS's C API that the `highs` crate lacks.
struct Instance<'a>(&'a mut Model);

impl Instance<'_> {
    /// Sets the upper bound of each (row, upper) (lower bound -infinity: capacity rows
    /// are `<=`) and fixes each (column, value).
    fn set_bounds(
        &mut self,
        rows: &[(usize, f64)],
        cols: &[(usize, f64)],
    ) -> Result<(), WarmError> {
        let index = |i: usize| {
            highs_sys::HighsInt::try_from(i)
                .map_err(|_| WarmError::Highs(format!("index {i} out of range")))
        };
        let ptr = self.0.as_mut_ptr();
        for &(r, upper) in rows {
            let r = index(r)?;
            // SAFETY: `ptr` is the live HiGHS instance owned by the borrowed model (it
            // outlives this call, and nothing else uses it meanwhile); `r` is an index
            // checked to fit HiGHS's integer type, and HiGHS itself rejects an index out
            // of range with an error status, which is returned, not ignored.
            let status =
                unsafe { highs_sys::Highs_changeRowBounds(ptr, r, f64::NEG_INFINITY, upper) };
            check(status, "Highs_changeRowBounds")?;
        }
        for &(c, value) in cols {
            let c = index(c)?;
            // SAFETY: as above, for a column index.
            let status = unsafe { highs_sys::Highs_changeColBounds(ptr, c, value, value) };
            check(status, "Highs_changeColBounds")?;
        }
        Ok(())
    }
}

/// An error unless `status` is HiGHS's ok or warning.
fn check(status: highs_sys::HighsInt, call: &str) -> Result<(), WarmError> {
    if status == highs_sys::kHighsStatusOk || status == highs_sys::kHighsStatusWarning {
        Ok(())
    } else {
        Err(WarmError::Highs(format!("{call} returned status {status}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::scanners::test_county::county;
    use crate::solve::{solve, SolveOptions};
    use crate::Backend;

    /// After a sequence of unit changes, the warm LP's objective equals that of the LP
    /// built and solved from scratch at the same units.
    #[test]
    fn warm_objective_equals_cold_after_changes() {
        for (seed, minutes) in [(1, 60.0), (2, 45.0), (3, 90.0)] {
            let c = county(seed, minutes);
            let im = c.scenario().imaging.as_ref().unwrap();
            let net = ExamGraph::new(&c, im);
            let mut warm = WarmLp::new(&net, im, Goal::Travel, Some(1)).unwrap();
            let n = net.stations.len();
            let candidates: Vec<usize> = (0..n)
                .filter(|&k| net.stations[k].candidate.is_some())
                .collect();
            assert!(!candidates.is_empty());
            let mut units = vec![0u32; n];
            for step in 0..6usize {
                // Add a unit at some candidates, drop one at others.
                for (i, &k) in candidates.iter().enumerate() {
                    let max = net.stations[k].candidate.unwrap().1;
                    if (i + step) % 3 == 0 && units[k] < max {
                        units[k] += 1;
                    } else if (i + step) % 5 == 0 && units[k] > 0 {
                        units[k] -= 1;
                    }
                }
                let w = warm.solve(&units).unwrap();
                let fixed = FixedUnits {
                    added: units.iter().map(|&u| f64::from(u)).collect(),
                    kept: net
                        .stations
                        .iter()
                        .map(|s| f64::from(s.existing_units))
                        .collect(),
                };
                let cold_f = build(&net, im, Goal::Travel, Some(&fixed));
                let cold = solve(&cold_f.lp, &SolveOptions::new(Backend::Highs)).unwrap();
                let tol = 1e-6 * cold.objective.abs().max(1.0);
                assert!(
                    (w.objective - cold.objective).abs() <= tol,
                    "seed {seed} step {step}: warm {} cold {}",
                    w.objective,
                    cold.objective
                );
            }
        }
    }

    /// The decomposition with warm moves returns a plan priced from scratch, whose cost
    /// is that of the LP built and solved from scratch at its units.
    #[test]
    fn decomposition_returns_a_plan_priced_from_scratch() {
        use crate::models::scanners::bound::lagrangian::Relaxation;
        use crate::models::scanners::decomposition::rounds;
        use crate::models::scanners::search::pricing::Pricer;
        let c = county(2, 60.0);
        let im = c.scenario().imaging.as_ref().unwrap();
        let net = ExamGraph::new(&c, im);
        let f = build(&net, im, Goal::Travel, None);
        let rel = Relaxation::new(&net, im, &f);
        let options = SolveOptions::new(Backend::Highs);
        let pricer = Pricer::new(&net, im, Goal::Travel, &options, true);
        let deadline = Instant::now() + std::time::Duration::from_secs(3);
        let out = rounds::run(&rel, &pricer, 0.0, Some(deadline), true).unwrap();
        assert!(!out.plan.warm);
        assert!(pricer.is_warm());
        let cold = pricer.price_exact(out.plan.units.clone()).unwrap();
        let tol = 1e-6 * cold.cost().abs().max(1.0);
        assert!((out.plan.cost() - cold.cost()).abs() <= tol);
    }

    #[test]
    fn wrong_length_is_an_error() {
        let c = county(1, 60.0);
        let im = c.scenario().imaging.as_ref().unwrap();
        let net = ExamGraph::new(&c, im);
        let mut warm = WarmLp::new(&net, im, Goal::Travel, None).unwrap();
        let n = net.stations.len();
        assert_eq!(
            warm.solve(&vec![0; n + 1]).unwrap_err(),
            WarmError::Length(n + 1, n)
        );
    }
}
