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

mod explain;
mod extract;
mod formulation;

use crate::error::{Error, Issue, Result};
use crate::network::Consortium;
use crate::plan::{ScannerObjective, ScannerPlan};
use crate::scenario::Imaging;
use crate::solve::{solve, LpSolution, SolveFailure, SolveOptions};
use formulation::{build, FixedUnits, Goal, Network};
use std::time::Instant;

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
}

impl<'a> ScannerModel<'a> {
    /// The model with the travel objective.
    pub fn new(consortium: &'a Consortium) -> Self {
        Self {
            consortium,
            objective: ScannerObjective::Travel,
        }
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
    pub fn solve(&self, options: &SolveOptions) -> Result<ScannerPlan> {
        options.validate()?;
        let c = self.consortium;
        let im = self.imaging()?;
        let start = Instant::now();
        let net = Network::new(c, im);
        if im.require_full_coverage {
            let unreachable = explain::unreachable_demand(c, &net, im);
            if !unreachable.is_empty() {
                return Err(Error::Infeasible(unreachable));
            }
        }
        let f = build(&net, im, self.goal(), None);
        let mut build_seconds = start.elapsed().as_secs_f64();
        let mip = match solve(&f.lp, options) {
            Ok(s) => s,
            Err(SolveFailure::Infeasible) => {
                return Err(Error::Infeasible(explain::why_infeasible(
                    c, &net, im, options,
                )));
            }
            Err(e) => return Err(e.into_error(options.backend, "the scanner model")),
        };
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
        // shadow prices of capacity.
        let t = Instant::now();
        let fixed_f = build(&net, im, self.goal(), Some(&fixed));
        build_seconds += t.elapsed().as_secs_f64();
        let priced: Option<LpSolution> = solve(&fixed_f.lp, options).ok();
        Ok(extract::plan(
            c,
            im,
            &net,
            &fixed,
            &mip,
            priced.as_ref().map(|p| (&fixed_f, p)),
            extract::Settings {
                objective: self.objective,
                backend: options.backend,
                build_seconds,
                sizes: (f.lp.column_count(), f.lp.row_count(), f.lp.nonzero_count()),
            },
        ))
    }
}
