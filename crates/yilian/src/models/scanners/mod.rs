//! M3, shared scanners: where to add CT/MRI/DR units and which institutions each
//! site serves.
//!
//! Integer units `n[j,m]` at candidate sites (units in place fixed, or movable with
//! `allow_relocation`); exam flows `x[i,j,m] >= 0` only where travel(i, j) is within
//! the modality's limit; unmet exams `u[i,m] >= 0` with a penalty (none when
//! `require_full_coverage`). Rows: `sum_j x + u = demand`; `sum_i x <= capacity`
//! (throughput x days x units); budget; count of new units. Objectives: travel
//! (demand-weighted minutes + penalty x unmet + cost weight x cost) or coverage
//! (unmet exams, travel breaking ties). Shadow prices come from the LP re-solved with
//! the units fixed. See `design.md`, section 4.
//!
//! By default ([`ScannerMethod::Auto`]) a Lagrangian decomposition runs first: the
//! relaxation of the demand rows gives a bound in milliseconds per iteration; plans come
//! from a greedy priced by its multipliers and by the duals of the LP at fixed units,
//! then drop-and-refill moves and MIP neighbourhoods (the units of a window of nearby
//! stations freed, the rest fixed; `neighbourhood.rs`). The MIP, started from that plan, finishes the proof when
//! there is no time limit or the MIP is small; at province scale the decomposition runs
//! until the time limit and reports its plan with its own bound and gap; with HiGHS
//! the end of that time goes to a regional bound (`regional_bound.rs`: regions solved
//! as small MIPs, only the demand rows between regions relaxed), which raises the bound.

mod coverage;
mod decompose;
mod explain;
mod export;
mod extract;
mod formulation;
mod heuristic;
mod lagrangian;
mod method;
mod neighbourhood;
mod regional_bound;
#[cfg(all(test, feature = "highs"))]
mod test_county;
#[cfg(feature = "highs")]
mod warm_lp;

pub use coverage::COVERAGE_SLACK;
pub use method::ScannerMethod;

use crate::error::{Error, Issue, Result};
use crate::network::Consortium;
use crate::plan::{ScannerObjective, ScannerPlan};
use crate::scenario::Imaging;
use crate::solve::{
    assess, relative_gap, solve, solve_with_hints, Deadline, LpSolution, Sense, SolveFailure,
    SolveHints, SolveOptions, Status,
};
use formulation::{build, FixedUnits, Formulation, Goal, Network};
use heuristic::{Context, Priced};
use lagrangian::Relaxation;
use regional_bound::STATIONS_PER_REGION;
use std::time::Instant;

/// Largest MIP (in columns) that [`ScannerMethod::Auto`] hands to the backend after the
/// decomposition under a time limit: the 10-county province (36,899 columns) closes a
/// 1 % gap in about 15 s with HiGHS; the 30-county one (115,621) does not in 120 s.
const MIP_FINISH_COLUMNS: usize = 60_000;

/// A plan of one goal, with the column values that made it (a start for the next stage).
pub(crate) struct Staged {
    plan: ScannerPlan,
    values: Vec<f64>,
}

/// The relative gap of a plan against a bound; a bound above the plan is an error.
fn checked_gap(objective: f64, bound: f64, options: &SolveOptions) -> Result<f64> {
    relative_gap(objective, bound, Sense::Minimise).map_err(|message| Error::Solver {
        backend: options.backend.name().into(),
        message: format!("scanners: {message}"),
    })
}

/// Threads for the sub-MIPs solved side by side (neighbourhood windows, regions):
/// `options.threads` when set, else the cores the machine has.
fn workers(options: &SolveOptions) -> usize {
    options.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        |t| t.max(1) as usize,
    )
}

/// The shared-scanner model on one consortium.
///
/// ```
/// use std::collections::BTreeMap;
/// use yilian::scenario::{CandidateSite, Imaging, ModalitySettings};
/// use yilian::{Consortium, Institution, ScannerModel, Scenario, SolveOptions, Tier};
/// let mut s = Scenario::new("one CT");
/// s.institutions.push(Institution::new("H", Tier::Secondary).at(120.0, 30.0));
/// s.institutions.push(Institution::new("T", Tier::TownshipHealthCentre).at(120.05, 30.0).exams("CT", 500.0));
/// let mut im = Imaging::new(BTreeMap::from([("CT".to_string(), ModalitySettings {
///     exams_per_day: 76.0, working_days: 20.0, max_travel_minutes: 30.0 })]));
/// im.candidates.push(CandidateSite { site: "H".into(), modality: "CT".into(), fixed_cost: 50_000.0, max_units: 1 });
/// s.imaging = Some(im);
/// let c = Consortium::new(s).unwrap();
/// let plan = ScannerModel::new(&c).solve(&SolveOptions::default()).unwrap();
/// assert_eq!(plan.added("H", "CT"), 1);
/// assert!(yilian::check::check_scanners(&c, &plan).is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct ScannerModel<'a> {
    consortium: &'a Consortium,
    objective: ScannerObjective,
    method: ScannerMethod,
}

impl<'a> ScannerModel<'a> {
    /// The model with the travel objective.
    pub fn new(consortium: &'a Consortium) -> Self {
        Self {
            consortium,
            objective: ScannerObjective::Travel,
            method: ScannerMethod::Auto,
        }
    }

    /// Chooses how to solve (default [`ScannerMethod::Auto`]).
    pub fn method(mut self, method: ScannerMethod) -> Self {
        self.method = method;
        self
    }

    /// Chooses the objective.
    pub fn objective(mut self, objective: ScannerObjective) -> Self {
        self.objective = objective;
        self
    }

    fn imaging(&self) -> Result<&'a Imaging> {
        self.consortium.scenario().imaging.as_ref().ok_or_else(|| {
            Error::Invalid(vec![Issue::new(
                "imaging",
                "is missing: the scanners model needs modalities, scanners and candidate sites",
            )])
        })
    }

    fn goal(&self) -> Goal {
        match self.objective {
            ScannerObjective::Travel => Goal::Travel,
            ScannerObjective::Coverage => Goal::Coverage,
        }
    }

    /// The mixed-integer program, as handed to a backend (for sizes and benchmarks).
    pub fn program(&self) -> Result<crate::solve::LinearProgram> {
        let im = self.imaging()?;
        let net = Network::new(self.consortium, im);
        Ok(build(&net, im, self.goal(), None).lp)
    }

    /// Builds and solves the model, returning a plan that passes
    /// [`crate::check::check_scanners`].
    ///
    /// The time limit covers the whole solve: the decomposition, the MIP, and the LP at
    /// fixed units that prices the plan share one deadline. The coverage objective is
    /// lexicographic: first the fewest unmet exams (the plan's `objective`, `bound` and
    /// `gap` are those of this stage, all in unmet exams), then the least travel with the
    /// unmet exams held at most [`COVERAGE_SLACK`] x total demand above the first stage's
    /// (`stages` reports both).
    pub fn solve(&self, options: &SolveOptions) -> Result<ScannerPlan> {
        options.validate()?;
        let c = self.consortium;
        let im = self.imaging()?;
        let start = Instant::now();
        let deadline = Deadline::starting_at(start, options);
        let net = Network::new(c, im);
        if im.require_full_coverage {
            let unreachable = explain::unreachable_demand(c, &net, im);
            if !unreachable.is_empty() {
                return Err(Error::Infeasible(unreachable));
            }
        }
        let first = self.solve_goal(&net, im, self.goal(), options, start, deadline)?;
        match self.objective {
            ScannerObjective::Travel => Ok(first.plan),
            ScannerObjective::Coverage => {
                coverage::least_travel(self, &net, im, first, options, deadline)
            }
        }
    }

    /// One goal solved by the MIP or the decomposition, as `self.method` says.
    fn solve_goal(
        &self,
        net: &Network,
        im: &Imaging,
        goal: Goal,
        options: &SolveOptions,
        start: Instant,
        deadline: Deadline,
    ) -> Result<Staged> {
        let c = self.consortium;
        let f = build(net, im, goal, None);
        let decomposable = !im.allow_relocation && !im.require_full_coverage;
        match (self.method, decomposable) {
            (ScannerMethod::Mip, _) | (ScannerMethod::Auto, false) => {}
            (ScannerMethod::Decomposition, false) => {
                return Err(Error::InvalidOption {
                    field: "method".into(),
                    message: "the decomposition needs allow_relocation off and \
                              require_full_coverage off; use the MIP"
                        .into(),
                })
            }
            (method, true) => {
                return self.solve_decomposed(net, im, &f, goal, options, start, deadline, method)
            }
        }
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
        self.finish(net, im, &f, goal, mip, options, build_seconds, deadline)
    }

    /// Prices the MIP's units by the LP at fixed units (in the time left), and writes
    /// the plan.
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        net: &Network,
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

    /// The decomposition, then (for [`ScannerMethod::Auto`]) the MIP from its plan if
    /// the gap is still open.
    #[allow(clippy::too_many_arguments)]
    fn solve_decomposed(
        &self,
        net: &Network,
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
        let ctx = Context::new(net, im, goal, &rel, options, true);
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
        let regional = !mip_follows && regional_bound::applies(options);
        let reserve = match (regional, options.time_limit) {
            (true, Some(limit)) => regional_bound::reserve_seconds(net.stations.len(), limit),
            _ => 0.0,
        };
        let run_deadline = deadline.map(|d| {
            d.checked_sub(std::time::Duration::from_secs_f64(reserve))
                .unwrap_or(d)
        });
        let mut out = decompose::run(&ctx, target, run_deadline, !mip_follows)
            .map_err(|e| e.into_error(options.backend, "the scanner model"))?;
        let regional = if regional && out.gap() > target {
            let region_of = regional_bound::regions(self.consortium, net, STATIONS_PER_REGION);
            let workers = workers(options);
            regional_bound::ascend_regional(
                &rel,
                net,
                &region_of,
                out.lambda.clone(),
                options,
                workers,
                deadline,
                usize::MAX,
                regional_bound::STEP,
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
        if let Some(r) = regional {
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
        net: &Network,
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
