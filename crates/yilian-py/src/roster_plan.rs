//! `RosterPlan`: a roster (M2), the calendar and the targets as DataFrames, its check
//! against the rotation plan it meets, its summary and pickling; and the solve behind
//! `Scenario.solve("roster", ...)`, with the CLI's options and defaults.

use crate::errors::{guarded, invalid_option, recheck, to_py};
use crate::frames::frame;
use crate::plan::Plan;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3::IntoPyObjectExt;
use yilian::plan::TargetSource;
use yilian::{Consortium, RosterModel, RotationModel, SolveOptions};

/// Seconds each stage (the rotation that gives the targets, then the roster) may run
/// when no `time_limit` is given, as in the CLI.
const DEFAULT_TIME_LIMIT: f64 = 60.0;

/// A roster (M2): which specialist is at which host on which day, the targets it
/// meets and the weekly visit rules it keeps. `rotation` is the rotation plan whose
/// days were the targets (None for targets from demand).
#[pyclass(module = "yilian._yilian", frozen)]
pub struct RosterPlan {
    pub(crate) plan: yilian::RosterPlan,
    pub(crate) scenario: yilian::Scenario,
    pub(crate) rotation: Option<yilian::RotationPlan>,
}

/// Where `Scenario.solve("roster")` takes its targets from.
pub(crate) enum Targets {
    /// Visits wanted per (host, specialty), scaled to the horizon.
    Demand,
    /// The days of this rotation plan.
    Given(Box<yilian::RotationPlan>),
    /// The days of a rotation plan solved first with whole days (the CLI's default).
    Solve,
}

impl Targets {
    /// `targets=`: None or `"demand"`, a rotation `Plan`, or `"rotation"`.
    pub(crate) fn from_py(targets: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let Some(t) = targets.filter(|t| !t.is_none()) else {
            return Ok(Self::Demand);
        };
        if let Ok(plan) = t.downcast::<Plan>() {
            return Ok(Self::Given(Box::new(plan.get().plan.clone())));
        }
        match t.extract::<String>().as_deref() {
            Ok("demand") => Ok(Self::Demand),
            Ok("rotation") => Ok(Self::Solve),
            _ => Err(invalid_option(
                "targets",
                format!(
                    "{} is not a target source (expected a rotation Plan, \"rotation\", \"demand\" or None)",
                    t.repr()?
                ),
            )),
        }
    }

    /// The rotation plan whose days are the targets: none (targets from demand), the
    /// one given, or one solved now with whole days (the rotation's own options).
    pub(crate) fn rotation(
        self,
        c: &Consortium,
        options: &SolveOptions,
    ) -> yilian::Result<Option<yilian::RotationPlan>> {
        match self {
            Self::Demand => Ok(None),
            Self::Given(plan) => Ok(Some(*plan)),
            Self::Solve => RotationModel::new(c)
                .integer_days(true)
                .solve(options)
                .map(Some),
        }
    }
}

/// Solves the roster of `scenario` (see `Scenario.solve`).
pub(crate) fn solve(
    py: Python<'_>,
    scenario: yilian::Scenario,
    targets: Targets,
    start: Option<String>,
    days: Option<u32>,
    mut options: SolveOptions,
) -> PyResult<PyObject> {
    if options.time_limit.is_none() {
        options.time_limit = Some(DEFAULT_TIME_LIMIT);
    }
    let (plan, rotation, scenario) = guarded(py, move || {
        let c = Consortium::new(scenario.clone())?;
        let roster = yilian::models::roster::settings_for(c.scenario(), start.as_deref(), days)?;
        let rotation = targets.rotation(&c, &options)?;
        let mut model = RosterModel::new(&c).roster(roster);
        if let Some(plan) = &rotation {
            model = model.targets_from(plan);
        }
        let plan = model.solve(&options)?;
        Ok((plan, rotation, scenario))
    })?;
    RosterPlan {
        plan,
        scenario,
        rotation,
    }
    .into_py_any(py)
}

/// What `__reduce__` hands to `_roster_plan_from_json`: the plan's, the scenario's and
/// the rotation plan's JSON.
type Pickled = (String, String, Option<String>);

#[pymethods]
impl RosterPlan {
    /// Value of the objective: penalties on target days (or visits) short and weekly
    /// rules missed, plus the host penalty and the weighted cost.
    #[getter]
    fn objective(&self) -> f64 {
        self.plan.objective
    }

    /// Solve status: `"optimal"`, `"gap_limit"`, `"time_limit"` or `"feasible"` (see
    /// the README, "What the status means").
    #[getter]
    fn status(&self) -> &'static str {
        self.plan.status.as_str()
    }

    /// The proven lower bound on the objective, when known.
    #[getter]
    fn bound(&self) -> Option<f64> {
        self.plan.bound
    }

    /// Relative gap `(objective - bound) / max(|objective|, 1)`, when the bound is known.
    #[getter]
    fn gap(&self) -> Option<f64> {
        self.plan.gap
    }

    /// Backend that solved the model.
    #[getter]
    fn backend(&self) -> &str {
        &self.plan.backend
    }

    /// Total cost of the visits (cost per day and round-trip travel).
    #[getter]
    fn total_cost(&self) -> f64 {
        self.plan.total_cost
    }

    /// The planning days (ISO dates: working weekdays of the horizon, not holidays).
    #[getter]
    fn dates(&self) -> Vec<String> {
        self.plan.dates.clone()
    }

    /// `"rotation"` (targets are a rotation plan's days) or `"demand"`.
    #[getter]
    fn targets_from(&self) -> &'static str {
        match self.plan.targets_from {
            TargetSource::Rotation => "rotation",
            TargetSource::Demand => "demand",
        }
    }

    /// The rotation plan whose days were the targets (None for targets from demand).
    #[getter]
    fn rotation(&self) -> Option<Plan> {
        self.rotation.as_ref().map(|p| Plan {
            plan: p.clone(),
            scenario: self.scenario.clone(),
        })
    }

    /// Notes: scenario warnings, options the backend could not honour, rules relaxed.
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.plan.notes.clone()
    }

    /// The scenario the roster was solved from.
    #[getter]
    fn scenario(&self) -> crate::scenario::Scenario {
        crate::scenario::Scenario {
            inner: self.scenario.clone(),
        }
    }

    /// Re-checks every rule of the roster against its scenario and settings, and its
    /// targets against the rotation plan they came from (or the scenario's demand),
    /// independently of the model; one string per violation (empty when valid).
    fn check(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        let rotation = self.rotation.as_ref();
        let plan = (&self.plan, rotation);
        recheck(py, &self.scenario, &plan, |c, (plan, rotation)| {
            let settings = yilian::check::scenario_settings(c, plan);
            yilian::check::check_roster_against(c, &settings, plan, *rotation)
        })
    }

    /// The roster's tables as pandas DataFrames keyed by the user's ids: `calendar`
    /// (specialist, date, host, pool, travel_minutes, cost; one row per specialist-day
    /// away), `targets` (host, specialty, pool, unit, target, delivered, short, met,
    /// reason), `frequency` (host, tier, week_start, required, received, shortfall,
    /// reason), `specialists` (specialist, pool, working_days, visiting_days, hosts)
    /// and `pools` (pool, limit, sent, min_visiting_days, max_visiting_days). A target
    /// is `met` when the calendar delivers it to within 1e-6.
    fn to_frames<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let p = &self.plan;
        let out = PyDict::new(py);
        out.set_item(
            "calendar",
            frame!(py, &p.visits, |v| [
                "specialist" => &v.specialist,
                "date" => &v.date,
                "host" => &v.host,
                "pool" => &v.pool,
                "travel_minutes" => v.travel_minutes,
                "cost" => v.cost,
            ])?,
        )?;
        out.set_item(
            "targets",
            frame!(py, &p.targets, |l| [
                "host" => &l.host,
                "specialty" => &l.specialty,
                "pool" => l.pool.as_deref(),
                "unit" => &l.unit,
                "target" => l.target,
                "delivered" => l.delivered,
                "short" => l.short,
                "met" => l.target - l.delivered <= 1e-6,
                "reason" => l.reason.as_deref(),
            ])?,
        )?;
        out.set_item(
            "frequency",
            frame!(py, &p.frequency, |l| [
                "host" => &l.host,
                "tier" => &l.tier,
                "week_start" => &l.week_start,
                "required" => l.required,
                "received" => l.received,
                "shortfall" => l.shortfall,
                "reason" => l.reason.as_deref(),
            ])?,
        )?;
        out.set_item(
            "specialists",
            frame!(py, &p.specialists, |l| [
                "specialist" => &l.specialist,
                "pool" => &l.pool,
                "working_days" => l.working_days,
                "visiting_days" => l.visiting_days,
                "hosts" => l.hosts.clone(),
            ])?,
        )?;
        out.set_item(
            "pools",
            frame!(py, &p.pools, |l| [
                "pool" => &l.pool,
                "limit" => l.limit,
                "sent" => l.sent,
                "min_visiting_days" => l.min_visiting_days,
                "max_visiting_days" => l.max_visiting_days,
            ])?,
        )?;
        Ok(out)
    }

    /// A short human-readable summary: size, status, visits, targets met, weekly rules.
    fn summary(&self) -> String {
        let p = &self.plan;
        let target: f64 = p.targets.iter().map(|t| t.target).sum();
        let delivered: f64 = p.targets.iter().map(|t| t.delivered).sum();
        let met = p
            .targets
            .iter()
            .filter(|t| t.target - t.delivered <= 1e-6)
            .count();
        let unit = p.targets.first().map_or("days", |t| t.unit.as_str());
        let short = p.frequency.iter().filter(|l| l.shortfall > 0).count();
        let mut out = format!(
            "{}: roster of {} specialists over {} planning days ({} to {}), targets from {}, \
             status {}, backend {}; objective {:.4}{}\n",
            p.scenario,
            p.specialists.len(),
            p.dates.len(),
            p.dates.first().map_or("-", |d| d.as_str()),
            p.dates.last().map_or("-", |d| d.as_str()),
            self.targets_from(),
            p.status,
            p.backend,
            p.objective,
            p.gap
                .map_or(String::new(), |g| format!(" (gap {:.2}%)", 100.0 * g)),
        );
        out.push_str(&format!(
            "  {} visits, cost {:.0}; targets: {delivered:.1} of {target:.1} {unit} delivered, \
             {met} of {} met; weekly rules: {} of {} host-weeks met\n",
            p.visits.len(),
            p.total_cost,
            p.targets.len(),
            p.frequency.len() - short,
            p.frequency.len()
        ));
        for n in &p.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        out
    }

    /// The roster as JSON text, as the CLI writes it.
    fn to_json(&self) -> String {
        self.plan.to_json_string()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Pickled)> {
        let ctor = crate::module_attr(py, "_roster_plan_from_json")?;
        Ok((
            ctor,
            (
                self.to_json(),
                self.scenario.to_json_string(),
                self.rotation.as_ref().map(|r| r.to_json_string()),
            ),
        ))
    }

    fn __repr__(&self) -> String {
        format!(
            "RosterPlan(scenario={:?}, status={:?}, visits={}, objective={}, gap={}, backend={:?})",
            self.plan.scenario,
            self.plan.status.as_str(),
            self.plan.visits.len(),
            self.plan.objective,
            self.plan
                .gap
                .map_or("None".to_string(), |g| format!("{g:.3e}")),
            self.plan.backend
        )
    }
}

/// Rebuilds a RosterPlan from its JSON text, its scenario's and its rotation plan's
/// (for pickle).
#[pyfunction]
#[pyo3(signature = (plan, scenario, rotation = None))]
pub(crate) fn _roster_plan_from_json(
    plan: &str,
    scenario: &str,
    rotation: Option<&str>,
) -> PyResult<RosterPlan> {
    Ok(RosterPlan {
        plan: yilian::RosterPlan::from_json_str(plan).map_err(to_py)?,
        scenario: yilian::Scenario::from_json_str(scenario).map_err(to_py)?,
        rotation: rotation
            .map(yilian::RotationPlan::from_json_str)
            .transpose()
            .map_err(to_py)?,
    })
}
