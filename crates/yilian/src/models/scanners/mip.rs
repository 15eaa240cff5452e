//! The MIP path of M3: the whole program handed to the backend, then its units priced
//! by the LP at fixed units (the best flows for them, and the shadow prices of
//! capacity). The decomposition ends here too when the MIP finishes its proof.

use super::exam_graph::ExamGraph;
use super::formulation::{build, FixedUnits, Formulation, Goal};
use super::{explain, extract, ScannerModel, Staged};
use crate::error::{Error, Result};
use crate::scenario::Imaging;
use crate::solve::{
    assess, solve, Deadline, LpSolution, Sense, SolveFailure, SolveOptions, Status,
};
use std::time::Instant;

impl ScannerModel<'_> {
    /// The program `f` of `goal` solved as a MIP within `deadline`, and its plan.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn solve_mip(
        &self,
        net: &ExamGraph,
        im: &Imaging,
        f: &Formulation,
        goal: Goal,
        options: &SolveOptions,
        start: Instant,
        deadline: Deadline,
    ) -> Result<Staged> {
        let c = self.consortium;
        let build_seconds = start.elapsed().as_secs_f64();
        let mip = match solve(&f.lp, &deadline.options(options)) {
            Ok(s) => s,
            Err(SolveFailure::Infeasible) => {
                return Err(Error::Infeasible(explain::why_infeasible(
                    c, net, im, options,
                )));
            }
            Err(e) => return Err(e.into_error(options.backend, "the scanner model")),
        };
        self.finish(net, im, f, goal, mip, options, build_seconds, deadline)
    }

    /// Prices the MIP's units by the LP at fixed units (in the time left), and writes
    /// the plan.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn finish(
        &self,
        net: &ExamGraph,
        im: &Imaging,
        f: &Formulation,
        goal: Goal,
        mip: LpSolution,
        options: &SolveOptions,
        mut build_seconds: f64,
        deadline: Deadline,
    ) -> Result<Staged> {
        let c = self.consortium;
        let round = |col: Option<usize>| col.map_or(0.0, |k| mip.values[k].round().max(0.0));
        let fixed = FixedUnits {
            added: f.added_column.iter().map(|&c| round(c)).collect(),
            kept: f
                .kept_column
                .iter()
                .zip(&net.stations)
                .map(|(&col, st)| {
                    col.map_or(f64::from(st.existing_units), |k| {
                        mip.values[k].round().max(0.0)
                    })
                })
                .collect(),
        };
        // The LP with the units fixed: the best flows for these units, and the
        // shadow prices of capacity, in the time the MIP left.
        let t = Instant::now();
        let fixed_f = build(net, im, goal, Some(&fixed));
        build_seconds += t.elapsed().as_secs_f64();
        let mut notes = Vec::new();
        let priced: Option<LpSolution> = if deadline.expired() {
            notes.push(
                "no time was left for the LP at fixed units: flows are the MIP's, no values \
                 of a scanner-day"
                    .to_string(),
            );
            None
        } else {
            solve(&fixed_f.lp, &deadline.options(options)).ok()
        };
        // The least-travel stage prices capacity in travel minutes: the value of a
        // scanner-day in exams comes from the coverage LP at the same units.
        let coverage_prices = match goal {
            Goal::TravelAtCoverage { .. } if !deadline.expired() => {
                let cf = build(net, im, Goal::Coverage, Some(&fixed));
                solve(&cf.lp, &deadline.options(options))
                    .ok()
                    .map(|p| (cf, p))
            }
            _ => None,
        };
        let prices = match goal {
            Goal::TravelAtCoverage { .. } => coverage_prices.as_ref().map(|(f, p)| (f, p)),
            _ => priced.as_ref().map(|p| (&fixed_f, p)),
        };
        let values = priced.as_ref().map_or(&mip.values, |p| &p.values).clone();
        let mut plan = extract::plan(
            c,
            im,
            net,
            &fixed,
            &mip,
            priced.as_ref().map(|p| (&fixed_f, p)),
            prices,
            extract::Settings {
                objective: self.objective,
                backend: options.backend,
                build_seconds,
                sizes: (f.lp.column_count(), f.lp.row_count(), f.lp.nonzero_count()),
            },
        );
        plan.notes.extend(notes);
        // The plan's objective is recomputed from its flows (the LP at fixed units may
        // better the MIP's): its gap and status follow that objective against the bound
        // (docs/status.md). The least-travel stage's plan is on another scale and
        // assessed by the coverage objective.
        if !matches!(goal, Goal::TravelAtCoverage { .. }) {
            let limit_hit = plan.status == Status::TimeLimit;
            let (gap, status) = assess(
                plan.objective,
                plan.bound,
                Sense::Minimise,
                limit_hit,
                options,
            )
            .map_err(|message| Error::Solver {
                backend: options.backend.name().into(),
                message: format!("scanners: {message}"),
            })?;
            plan.gap = gap;
            plan.status = status;
        }
        Ok(Staged { plan, values })
    }
}
