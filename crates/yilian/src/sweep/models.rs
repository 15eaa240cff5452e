//! The models a sweep can run, one entry per model in [`MODELS`], and the headline
//! measures each one reports for a point ([`Outcome`]).
//!
//! Adding a model to sweeps is adding one [`SweepModel`] to the table: a name and a
//! function from a validated consortium and the settings to an [`Outcome`].

use crate::error::{Error, Result};
use crate::metrics::{rotation_report, scanners_report, Report, ReportSettings};
use crate::network::Consortium;
use crate::plan::{RotationObjective, ScannerObjective};
use crate::solve::{SolveOptions, Status};
use crate::{ReferralModel, RotationModel, ScannerMethod, ScannerModel};

/// How each point of a sweep is solved: the model's options and the solver's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelSettings {
    /// The model's objective by name (rotation: `weighted`, `equity`; scanners:
    /// `travel`, `coverage`); `None` for the model's default.
    pub objective: Option<String>,
    /// Rotation only: whole specialist-days (a MIP).
    pub integer_days: bool,
    /// Scanners only: `auto`, `mip` or `decomposition`; `None` for `auto`.
    pub method: Option<String>,
    /// Backend, time limit, gap, threads, seed.
    pub options: SolveOptions,
}

/// The headline measures of one solved point.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// How good the plan is known to be.
    pub status: Status,
    /// The objective value of the plan.
    pub objective: f64,
    /// The solver's bound on the objective, as the plan reports it (rotation: see
    /// [`crate::RotationPlan::bound`]; scanners: [`crate::ScannerPlan::bound`]).
    pub bound: Option<f64>,
    /// Relative gap between objective and bound, when known.
    pub gap: Option<f64>,
    /// Share of the population within reach of each service before the plan (mean
    /// over services, as `yilian report` measures it).
    pub coverage_before: Option<f64>,
    /// The same share after the plan.
    pub coverage: Option<f64>,
    /// Share of the demand served by the plan (visits or exams).
    pub served_share: Option<f64>,
    /// Demand left unmet (visits or exams).
    pub unmet: f64,
    /// Cost of the plan.
    pub cost: f64,
    /// Share of the capacity used (pool days sent for rotation, scanner exams for
    /// scanners, patients treated for referral).
    pub utilisation: Option<f64>,
    /// Referral only: share of all episodes treated at grassroots institutions.
    pub grassroots_share: Option<f64>,
    /// Referral only: share of all episodes treated in the patient's own county.
    pub within_county_share: Option<f64>,
    /// Seconds spent building the model and loading it into the solver.
    pub build_seconds: f64,
    /// Seconds the solver ran.
    pub solve_seconds: f64,
}

/// One model of the sweep table.
#[derive(Debug, Clone, Copy)]
pub struct SweepModel {
    /// Its name, as in `--model` and `model=`.
    pub name: &'static str,
    /// What it decides, in a few words.
    pub about: &'static str,
    run: fn(&Consortium, &ModelSettings) -> Result<Outcome>,
}

impl SweepModel {
    /// Solves the model on `consortium` and measures the plan.
    pub fn run(&self, consortium: &Consortium, settings: &ModelSettings) -> Result<Outcome> {
        (self.run)(consortium, settings)
    }
}

/// Every model a sweep can run.
pub const MODELS: &[SweepModel] = &[
    SweepModel {
        name: "rotation",
        about: "M1: specialist-days per pool and host",
        run: rotation,
    },
    SweepModel {
        name: "scanners",
        about: "M3: new CT/MRI units and whom each site serves",
        run: scanners,
    },
    SweepModel {
        name: "referral",
        about: "M5: where patients of each class are treated (rotation solved first)",
        run: referral,
    },
];

/// The model called `name`, or an [`Error::InvalidOption`] listing the models.
///
/// ```
/// assert_eq!(yilian::sweep::find_model("scanners").unwrap().name, "scanners");
/// assert!(yilian::sweep::find_model("roster").is_err());
/// ```
pub fn find_model(name: &str) -> Result<&'static SweepModel> {
    MODELS.iter().find(|m| m.name == name).ok_or_else(|| {
        let names: Vec<&str> = MODELS.iter().map(|m| m.name).collect();
        Error::InvalidOption {
            field: "model".into(),
            message: format!(
                "\"{name}\" is not a model a sweep runs (expected one of: {})",
                names.join(", ")
            ),
        }
    })
}

fn only_for(field: &str, model: &str) -> Error {
    Error::InvalidOption {
        field: field.into(),
        message: format!("applies to the {model} model only"),
    }
}

fn share(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

fn coverage_share(report: &Report, before: bool) -> Option<f64> {
    let name = "population share within reach (mean over services)";
    if before {
        report.before(name)
    } else {
        report.after(name)
    }
}

fn rotation(c: &Consortium, settings: &ModelSettings) -> Result<Outcome> {
    if settings.method.is_some() {
        return Err(only_for("method", "scanners"));
    }
    let objective: RotationObjective = settings
        .objective
        .as_deref()
        .unwrap_or("weighted")
        .parse()?;
    let plan = RotationModel::new(c)
        .objective(objective)
        .integer_days(settings.integer_days)
        .solve(&settings.options)?;
    let report = rotation_report(c, &plan, &ReportSettings::default());
    let (sent, available) = plan.pools.iter().fold((0.0, 0.0), |acc, p| {
        (acc.0 + p.sent_days, acc.1 + p.available_days)
    });
    let demand = plan.total_demand();
    let unmet = plan.total_unmet();
    Ok(Outcome {
        status: plan.status,
        objective: plan.objective,
        bound: plan.bound,
        gap: plan.gap,
        coverage_before: coverage_share(&report, true),
        coverage: coverage_share(&report, false),
        served_share: share(demand - unmet, demand),
        unmet,
        cost: plan.total_cost,
        utilisation: share(sent, available),
        grassroots_share: None,
        within_county_share: None,
        build_seconds: plan.stats.build_seconds + plan.stats.load_seconds,
        solve_seconds: plan.stats.solve_seconds,
    })
}

fn scanners(c: &Consortium, settings: &ModelSettings) -> Result<Outcome> {
    if settings.integer_days {
        return Err(only_for("integer_days", "rotation"));
    }
    let objective: ScannerObjective = settings.objective.as_deref().unwrap_or("travel").parse()?;
    let method: ScannerMethod = settings.method.as_deref().unwrap_or("auto").parse()?;
    let plan = ScannerModel::new(c)
        .objective(objective)
        .method(method)
        .solve(&settings.options)?;
    let report = scanners_report(c, &plan, &ReportSettings::default());
    let (demand, unmet) = plan
        .demand
        .iter()
        .fold((0.0, 0.0), |acc, d| (acc.0 + d.demand, acc.1 + d.unmet));
    let (exams, capacity) = plan
        .units
        .iter()
        .fold((0.0, 0.0), |acc, u| (acc.0 + u.exams, acc.1 + u.capacity));
    Ok(Outcome {
        status: plan.status,
        objective: plan.objective,
        bound: plan.bound,
        gap: plan.gap,
        coverage_before: coverage_share(&report, true),
        coverage: coverage_share(&report, false),
        served_share: share(demand - unmet, demand),
        unmet,
        cost: plan.total_cost,
        utilisation: share(exams, capacity),
        grassroots_share: None,
        within_county_share: None,
        build_seconds: plan.stats.build_seconds + plan.stats.load_seconds,
        solve_seconds: plan.stats.solve_seconds,
    })
}

/// M5 in sequential mode: the rotation (weighted objective) first, then the care flows.
/// Coverage is not measured for it (no report of referral plans yet).
fn referral(c: &Consortium, settings: &ModelSettings) -> Result<Outcome> {
    if settings.integer_days {
        return Err(only_for("integer_days", "rotation"));
    }
    if settings.method.is_some() {
        return Err(only_for("method", "scanners"));
    }
    if settings.objective.is_some() {
        return Err(Error::InvalidOption {
            field: "objective".into(),
            message: "the referral model has one objective".into(),
        });
    }
    let plan = ReferralModel::new(c).solve(&settings.options)?;
    let (load, capacity) = plan
        .loads
        .iter()
        .fold((0.0, 0.0), |acc, l| (acc.0 + l.load, acc.1 + l.capacity));
    Ok(Outcome {
        status: plan.status,
        objective: plan.objective,
        bound: plan.bound,
        gap: plan.gap,
        coverage_before: None,
        coverage: None,
        served_share: share(plan.treated, plan.episodes),
        unmet: plan.episodes - plan.treated,
        cost: plan.travel_cost + plan.treatment_cost,
        utilisation: share(load, capacity),
        grassroots_share: Some(plan.grassroots_share),
        within_county_share: Some(plan.within_county_share),
        build_seconds: plan.stats.build_seconds + plan.stats.load_seconds,
        solve_seconds: plan.stats.solve_seconds,
    })
}
