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
//! Two ways to solve, chosen by [`ScannerMethod`]:
//!
//! - the MIP ([`mip`]): the program of [`formulation`] (on the graph of stations,
//!   demands and flows of [`exam_graph`]) handed whole to the backend;
//! - the decomposition ([`decomposition`]), the default ([`ScannerMethod::Auto`]) when
//!   units stay where they are and demand may go unmet. It drives two halves in turns:
//!   the bounds ([`bound`]: the Lagrangian relaxation of the demand rows, a bound in
//!   milliseconds per iteration; at the end of a time limit with HiGHS, the regional
//!   bound, regions solved as small MIPs) and the plan search ([`search`]: a greedy
//!   priced by the multipliers and by the duals of the LP at fixed units, warm in HiGHS,
//!   then drop-and-refill moves and MIP neighbourhoods). The MIP, started from its plan,
//!   finishes the proof when there is no time limit or the MIP is small; at province
//!   scale the decomposition runs until the time limit and reports its plan with its
//!   own bound and gap.
//!
//! Either way the plan is written by [`extract`]; the coverage objective's second stage
//! is [`coverage`]; [`explain`] says why a scenario is infeasible; [`export`] writes the
//! program to a file.

mod bound;
mod coverage;
mod decomposition;
mod exam_graph;
mod explain;
mod export;
mod extract;
mod formulation;
#[cfg(feature = "measure")]
pub mod measure;
mod method;
mod mip;
mod search;
#[cfg(all(test, feature = "highs"))]
mod test_county;

pub use method::ScannerMethod;

use crate::error::{Error, Issue, Result};
use crate::network::Consortium;
use crate::plan::{ScannerObjective, ScannerPlan};
use crate::scenario::Imaging;
use crate::solve::{relative_gap, Deadline, Sense, SolveOptions};
use exam_graph::ExamGraph;
use formulation::{build, Goal};
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
        let net = ExamGraph::new(self.consortium, im);
        Ok(build(&net, im, self.goal(), None).lp)
    }

    /// Builds and solves the model, returning a plan that passes
    /// [`crate::check::check_scanners`].
    ///
    /// The time limit covers the whole solve: the decomposition, the MIP, and the LP at
    /// fixed units that prices the plan share one deadline. The coverage objective is
    /// lexicographic: first the fewest unmet exams (the plan's `objective`, `bound` and
    /// `gap` are those of this stage, all in unmet exams), then the least travel with the
    /// unmet exams held at most 1e-6 x total demand (`COVERAGE_SLACK`) above the first stage's
    /// (`stages` reports both).
    pub fn solve(&self, options: &SolveOptions) -> Result<ScannerPlan> {
        options.validate()?;
        let c = self.consortium;
        let im = self.imaging()?;
        let start = Instant::now();
        let deadline = Deadline::starting_at(start, options);
        let net = ExamGraph::new(c, im);
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
        net: &ExamGraph,
        im: &Imaging,
        goal: Goal,
        options: &SolveOptions,
        start: Instant,
        deadline: Deadline,
    ) -> Result<Staged> {
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
        self.solve_mip(net, im, &f, goal, options, start, deadline)
    }
}
