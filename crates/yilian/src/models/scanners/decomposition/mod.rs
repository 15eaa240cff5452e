//! The decomposition of M3 as a solving method: its rounds ([`rounds`]: the bounds of
//! [`super::bound`] and the plans of [`super::search`] in turns), then, for
//! [`ScannerMethod::Auto`], the MIP from its plan when that can close the gap, or the
//! regional bound at the end of a time limit; and the plan it returns, with its own
//! bound and gap.

pub(crate) mod rounds;

use super::bound::lagrangian::Relaxation;
use super::bound::regional::{self, STATIONS_PER_REGION};
use super::exam_graph::ExamGraph;
use super::formulation::{Formulation, Goal};
use super::search::pricing::{Priced, Pricer};
use super::{
    checked_gap, extract, workers, ScannerMethod, ScannerModel, Staged, MIP_FINISH_COLUMNS,
};
use crate::error::Result;
use crate::scenario::Imaging;
use crate::solve::{solve_with_hints, Deadline, LpSolution, SolveHints, SolveOptions, Status};
use std::time::Instant;

impl ScannerModel<'_> {
    /// The decomposition, then (for [`ScannerMethod::Auto`]) the MIP from its plan if
    /// the gap is still open.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn solve_decomposed(
        &self,
        net: &ExamGraph,
        im: &Imaging,
        f: &Formulation,
        goal: Goal,
        options: &SolveOptions,
        start: Instant,
        shared: Deadline,
        method: ScannerMethod,
    ) -> Result<Staged> {
        let rel = Relaxation::new(net, im, f);
        let sizes = (f.lp.column_count(), f.lp.row_count(), f.lp.nonzero_count());
        let build_seconds = start.elapsed().as_secs_f64();
        let pricer = Pricer::new(net, im, goal, options, true);
        // Without a gap, the tolerance of an optimum is asked for.
        let target = options.stop_gap();
        let deadline = shared.instant();
        // The MIP finishes the proof when there is no time limit, or when it is small
        // enough to make progress in the time left (at province scale its root LP
        // alone takes minutes). When it follows, the decomposition only gives it a
        // first plan (and its bound), without the moves.
        let small = f.lp.column_count() <= MIP_FINISH_COLUMNS;
        let mip_follows = method == ScannerMethod::Auto && (deadline.is_none() || small);
        // Under a time limit at province scale, the end of the time goes to the
        // regional bound (HiGHS only), which raises the Lagrangian bound.
        let with_regional = !mip_follows && regional::applies(options);
        let reserve = match (with_regional, options.time_limit) {
            (true, Some(limit)) => regional::reserve_seconds(net.stations.len(), limit),
            _ => 0.0,
        };
        let run_deadline = deadline.map(|d| {
            d.checked_sub(std::time::Duration::from_secs_f64(reserve))
                .unwrap_or(d)
        });
        let mut out = rounds::run(&rel, &pricer, target, run_deadline, !mip_follows)
            .map_err(|e| e.into_error(options.backend, "the scanner model"))?;
        let raised = if with_regional && out.gap() > target {
            let region_of = regional::regions(self.consortium, net, STATIONS_PER_REGION);
            let workers = workers(options);
            regional::ascend_regional(
                &rel,
                net,
                &region_of,
                out.lambda.clone(),
                options,
                workers,
                deadline,
                usize::MAX,
                regional::STEP,
                // The bound that proves the gap asked for.
                out.plan.cost() - target * out.plan.cost().abs(),
            )
        } else {
            None
        };
        let mut notes = options.unhonoured();
        notes.push(format!(
            "Lagrangian decomposition: bound {:.6e} after {} iterations, {} LPs at fixed units, \
             {} drop-and-refill moves ({:.3} s each), {} neighbourhood MIPs ({} improved, \
             {:.3} s each)",
            out.bound,
            out.iterations,
            out.lps,
            out.moves.0,
            out.moves.1 / out.moves.0.max(1) as f64,
            out.windows.0,
            out.windows.1,
            out.windows.2 / out.windows.0.max(1) as f64
        ));
        if let Some(r) = raised {
            notes.push(r.note());
            out.bound = out.bound.max(r.value);
        }
        let (mut best_bound, mut gap) =
            (out.bound, checked_gap(out.plan.cost(), out.bound, options)?);
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()).as_secs_f64());
        if gap > target && mip_follows && left.is_none_or(|l| l > 0.5) {
            // The MIP, started from the plan, to close the gap.
            let mut o = options.clone();
            o.time_limit = left;
            let start_values = &out.plan.solution.values;
            let hints = SolveHints {
                start: Some(start_values),
            };
            if let Ok(mip) = solve_with_hints(&f.lp, &o, &hints) {
                // The better of the MIP's bound and the decomposition's, never clipped.
                let bound = mip.bound.map_or(out.bound, |b| b.max(out.bound));
                let better = mip.objective < out.plan.cost();
                if better || mip.status == Status::Optimal {
                    let mut mip = mip;
                    let gap = checked_gap(mip.objective, bound, options)?;
                    // Say which bound the status rests on (docs/status.md).
                    notes.push(match mip.bound {
                        Some(b) if b >= out.bound => format!(
                            "bound: {}'s MIP bound {b:.6e} (the Lagrangian bound {:.6e} is \
                             weaker)",
                            options.backend, out.bound
                        ),
                        Some(b) => format!(
                            "bound: the Lagrangian bound {:.6e} ({}'s MIP bound {b:.6e} is \
                             weaker)",
                            out.bound, options.backend
                        ),
                        None => format!(
                            "bound: the Lagrangian bound {:.6e} ({} gave no MIP bound)",
                            out.bound, options.backend
                        ),
                    });
                    mip.status =
                        Status::from_gap(Some(gap), mip.status == Status::TimeLimit, options);
                    mip.bound = Some(bound);
                    mip.gap = Some(gap);
                    // Solve time: the decomposition's and the MIP's.
                    mip.seconds = start.elapsed().as_secs_f64() - build_seconds - mip.load_seconds;
                    mip.notes.extend(notes);
                    return self.finish(net, im, f, goal, mip, options, build_seconds, shared);
                }
                if mip.bound.is_some_and(|b| b > out.bound) {
                    notes.push("the MIP raised the bound; its plan was no better".into());
                }
                gap = checked_gap(out.plan.cost(), bound, options)?;
                best_bound = bound;
            }
        }
        let limit_hit = shared.left().is_some_and(|l| l < 1.0);
        Ok(self.decomposed_plan(
            net,
            im,
            out.plan,
            best_bound,
            Status::from_gap(Some(gap), limit_hit, options),
            gap,
            notes,
            options,
            build_seconds,
            start,
            sizes,
        ))
    }

    /// Writes the decomposition's plan with its bound and gap.
    #[allow(clippy::too_many_arguments)]
    fn decomposed_plan(
        &self,
        net: &ExamGraph,
        im: &Imaging,
        plan: Priced,
        bound: f64,
        status: Status,
        gap: f64,
        notes: Vec<String>,
        options: &SolveOptions,
        build_seconds: f64,
        start: Instant,
        sizes: (usize, usize, usize),
    ) -> Staged {
        let total = start.elapsed().as_secs_f64() - build_seconds;
        let own = plan.solution.seconds + plan.solution.load_seconds;
        let summary = LpSolution {
            status,
            objective: plan.cost(),
            values: plan.solution.values.clone(),
            row_duals: None,
            bound: Some(bound),
            gap: Some(gap),
            load_seconds: 0.0,
            seconds: (total - own).max(0.0),
            notes,
        };
        let mut values = plan.solution.values.clone();
        let f = &plan.formulation;
        for (k, col) in f.added_column.iter().enumerate() {
            if let Some(c) = *col {
                values[c] = plan.fixed.added[k];
            }
        }
        for (k, col) in f.kept_column.iter().enumerate() {
            if let Some(c) = *col {
                values[c] = plan.fixed.kept[k];
            }
        }
        let priced = Some((&*plan.formulation, &plan.solution));
        let plan = extract::plan(
            self.consortium,
            im,
            net,
            &plan.fixed,
            &summary,
            priced,
            priced,
            extract::Settings {
                objective: self.objective,
                backend: options.backend,
                build_seconds,
                sizes,
            },
        );
        Staged { plan, values }
    }
}
