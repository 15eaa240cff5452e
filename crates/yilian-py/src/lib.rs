//! Python bindings of yilian: the `yilian._yilian` extension module.
//!
//! The module converts and delegates (see `design.md`, section 1): scenarios come in
//! as JSON text (the Python package turns pandas frames into that text), models run
//! in the core crate with the GIL released, and plans go back as typed objects whose
//! tables become pandas DataFrames keyed by the user's ids.
//!
//! Errors become Python exceptions carrying the core's message unchanged:
//! [`ValidationError`] for bad input and options, [`InfeasibleError`] for a model
//! with no plan, [`SolverError`] for backend failures; all derive from
//! [`YilianError`]. No panic crosses the boundary: the core answers solver panics
//! with errors, and this crate catches any other panic around a solve.

mod report;

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::IntoPyObjectExt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use yilian::check::{check_rotation, check_scanners};
use yilian::{
    Backend, Consortium, Error, RotationModel, RotationObjective, ScannerModel, ScannerObjective,
    SolveOptions,
};

create_exception!(
    yilian,
    YilianError,
    PyException,
    "Base class of every error raised by yilian."
);
create_exception!(
    yilian,
    ValidationError,
    YilianError,
    "The scenario or an option is invalid; the message names the field and the value."
);
create_exception!(
    yilian,
    InfeasibleError,
    YilianError,
    "The model has no feasible plan; the message says which rules collide."
);
create_exception!(
    yilian,
    SolverError,
    YilianError,
    "The solver backend failed, is not compiled in, or cannot solve this model."
);

/// The Python exception for a core error, with the core's message unchanged.
fn to_py(e: Error) -> PyErr {
    let msg = e.to_string();
    match e {
        Error::Io { .. }
        | Error::Parse { .. }
        | Error::Invalid(_)
        | Error::InvalidOption { .. } => ValidationError::new_err(msg),
        Error::Infeasible(_) => InfeasibleError::new_err(msg),
        Error::Unbounded(_)
        | Error::Solver { .. }
        | Error::BackendUnavailable { .. }
        | Error::UnknownBackend(_)
        | Error::Unsupported { .. } => SolverError::new_err(msg),
    }
}

fn invalid_option(field: &str, message: String) -> PyErr {
    to_py(Error::InvalidOption {
        field: field.into(),
        message,
    })
}

/// A planning scenario: institutions, specialist pools, roads and policy.
///
/// Build one with `Scenario.from_json(path)`, `Scenario.from_json_str(text)`,
/// `Scenario.from_frames(...)` or `yilian.generate_county(seed)`. Parsing checks
/// types; `solve` (and `validate`) check every rule of the scenario.
#[pyclass(module = "yilian._yilian", frozen)]
#[derive(Clone)]
pub struct Scenario {
    inner: yilian::Scenario,
}

#[pymethods]
impl Scenario {
    /// Reads a scenario file (`"format": "yilian/1"` JSON).
    #[staticmethod]
    fn from_json(path: std::path::PathBuf) -> PyResult<Self> {
        yilian::Scenario::from_path(&path)
            .map(|inner| Self { inner })
            .map_err(to_py)
    }

    /// Parses a scenario from JSON text.
    #[staticmethod]
    fn from_json_str(text: &str) -> PyResult<Self> {
        yilian::Scenario::from_json_str(text)
            .map(|inner| Self { inner })
            .map_err(to_py)
    }

    /// Builds a scenario from pandas DataFrames (see `yilian.Scenario.from_frames`'s
    /// documentation in the package: one row per institution with `demand.<specialty>`
    /// columns, one row per pool, optional links and a policy dict).
    #[staticmethod]
    #[pyo3(signature = (institutions, pools, links = None, policy = None, *, name = "scenario",
        period_days = None, travel = None))]
    #[allow(clippy::too_many_arguments)]
    fn from_frames(
        py: Python<'_>,
        institutions: &Bound<'_, PyAny>,
        pools: &Bound<'_, PyAny>,
        links: Option<&Bound<'_, PyAny>>,
        policy: Option<&Bound<'_, PyAny>>,
        name: &str,
        period_days: Option<f64>,
        travel: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let helper = py.import("yilian._frames")?.getattr("scenario_json")?;
        let text: String = helper
            .call1((
                institutions,
                pools,
                links,
                policy,
                name,
                period_days,
                travel,
            ))?
            .extract()?;
        let scenario = Self::from_json_str(&text)?;
        scenario.validate(py)?;
        Ok(scenario)
    }

    /// Pretty JSON text of the scenario.
    fn to_json(&self) -> String {
        self.inner.to_json_string()
    }

    /// Name of the scenario.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// Ids of the institutions, in the order of the scenario.
    #[getter]
    fn institution_ids(&self) -> Vec<String> {
        self.inner
            .institutions
            .iter()
            .map(|i| i.id.clone())
            .collect()
    }

    /// Ids of the specialist pools, in the order of the scenario.
    #[getter]
    fn pool_ids(&self) -> Vec<String> {
        self.inner.pools.iter().map(|p| p.id.clone()).collect()
    }

    /// Checks every rule of the scenario; raises ValidationError listing all
    /// problems. Returns the warnings (as strings).
    fn validate(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        let scenario = self.inner.clone();
        let c = py
            .allow_threads(|| Consortium::new(scenario))
            .map_err(to_py)?;
        Ok(c.warnings().iter().map(|w| w.to_string()).collect())
    }

    /// Solves a model on this scenario and returns its plan.
    ///
    /// `model` is `"rotation"` (M1, returns a Plan) or `"scanners"` (M3, returns a
    /// ScannerPlan; the scenario needs an `imaging` section). `backend` defaults to
    /// the best compiled in (HiGHS in the wheel). `objective`: `"weighted"`
    /// (default) or `"equity"` for rotation, `"travel"` (default) or `"coverage"` for
    /// scanners. `integer_days` (rotation only) makes days whole numbers (a MIP, no
    /// duals). `time_limit` is in seconds, `gap` a relative MIP gap (0.01 = 1 %).
    /// The GIL is released while the solver runs.
    #[pyo3(signature = (model = "rotation", *, backend = None, objective = None,
        integer_days = false, time_limit = None, gap = None, threads = None, seed = None,
        log = false))]
    #[allow(clippy::too_many_arguments)]
    fn solve(
        &self,
        py: Python<'_>,
        model: &str,
        backend: Option<&str>,
        objective: Option<&str>,
        integer_days: bool,
        time_limit: Option<f64>,
        gap: Option<f64>,
        threads: Option<u32>,
        seed: Option<u32>,
        log: bool,
    ) -> PyResult<PyObject> {
        let backend = match backend {
            Some(name) => name.parse::<Backend>().map_err(to_py)?,
            None => Backend::best_available().unwrap_or(Backend::Microlp),
        };
        let mut options = SolveOptions::new(backend).log(log);
        options.time_limit = time_limit;
        options.mip_gap = gap;
        options.threads = threads;
        options.seed = seed;
        let scenario = self.inner.clone();
        match model {
            "rotation" => {
                let objective: RotationObjective =
                    objective.unwrap_or("weighted").parse().map_err(to_py)?;
                let (plan, scenario) = guarded(py, move || {
                    let c = Consortium::new(scenario.clone())?;
                    RotationModel::new(&c)
                        .objective(objective)
                        .integer_days(integer_days)
                        .solve(&options)
                        .map(|plan| (plan, scenario))
                })?;
                Plan { plan, scenario }.into_py_any(py)
            }
            "scanners" => {
                let objective: ScannerObjective =
                    objective.unwrap_or("travel").parse().map_err(to_py)?;
                if integer_days {
                    return Err(invalid_option(
                        "integer_days",
                        "applies to the rotation model only (scanner units are always whole)"
                            .into(),
                    ));
                }
                let (plan, scenario) = guarded(py, move || {
                    let c = Consortium::new(scenario.clone())?;
                    ScannerModel::new(&c)
                        .objective(objective)
                        .solve(&options)
                        .map(|plan| (plan, scenario))
                })?;
                ScannerPlan { plan, scenario }.into_py_any(py)
            }
            _ => Err(invalid_option(
                "model",
                format!(
                    "\"{model}\" is not available from Python yet (expected rotation or scanners)"
                ),
            )),
        }
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let ctor = py.get_type::<Scenario>().getattr("from_json_str")?;
        Ok((ctor, (self.to_json(),)))
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.inner == other.inner
    }

    fn __repr__(&self) -> String {
        format!(
            "Scenario(name={:?}, institutions={}, pools={}, links={})",
            self.inner.name,
            self.inner.institutions.len(),
            self.inner.pools.len(),
            self.inner.links.len()
        )
    }
}

/// Runs `f` with the GIL released, turning a panic into a SolverError.
fn guarded<T: Send>(py: Python<'_>, f: impl FnOnce() -> yilian::Result<T> + Send) -> PyResult<T> {
    match py.allow_threads(move || catch_unwind(AssertUnwindSafe(f))) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(to_py(e)),
        Err(panic) => Err(SolverError::new_err(format!(
            "internal error while solving (please report this scenario): {}",
            panic_message(&panic)
        ))),
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".into()
    }
}

/// A rotation plan (M1): who goes where, how many days, and what it achieves.
#[pyclass(module = "yilian._yilian", frozen)]
pub struct Plan {
    plan: yilian::RotationPlan,
    scenario: yilian::Scenario,
}

/// A table as a dict of columns, in the given column order.
struct Table<'py> {
    py: Python<'py>,
    columns: Vec<(&'static str, Bound<'py, PyList>)>,
}

impl<'py> Table<'py> {
    fn new(py: Python<'py>, names: &[&'static str]) -> Self {
        Self {
            py,
            columns: names.iter().map(|n| (*n, PyList::empty(py))).collect(),
        }
    }
    fn row(&self, values: Vec<Bound<'py, PyAny>>) -> PyResult<()> {
        for ((_, col), v) in self.columns.iter().zip(values) {
            col.append(v)?;
        }
        Ok(())
    }
    fn frame(self, pandas: &Bound<'py, PyModule>) -> PyResult<Bound<'py, PyAny>> {
        let data = PyDict::new(self.py);
        let names = PyList::empty(self.py);
        for (name, col) in self.columns {
            data.set_item(name, col)?;
            names.append(name)?;
        }
        let kwargs = PyDict::new(self.py);
        kwargs.set_item("columns", names)?;
        pandas.getattr("DataFrame")?.call((data,), Some(&kwargs))
    }
}

fn obj<'py, T: IntoPyObject<'py>>(py: Python<'py>, v: T) -> PyResult<Bound<'py, PyAny>> {
    v.into_bound_py_any(py)
}

#[pymethods]
impl Plan {
    /// Value of the objective optimised (for equity: of the least-cost stage).
    #[getter]
    fn objective(&self) -> f64 {
        self.plan.objective
    }

    /// Solve status: `"optimal"`, `"gap_limit"` or `"time_limit"`.
    #[getter]
    fn status(&self) -> &'static str {
        self.plan.status.as_str()
    }

    /// Backend that solved the model.
    #[getter]
    fn backend(&self) -> &str {
        &self.plan.backend
    }

    /// Total cost of the plan.
    #[getter]
    fn total_cost(&self) -> f64 {
        self.plan.total_cost
    }

    /// Total specialist-days sent.
    #[getter]
    fn total_days(&self) -> f64 {
        self.plan.total_days
    }

    /// Weighted unmet visits.
    #[getter]
    fn weighted_unmet(&self) -> f64 {
        self.plan.weighted_unmet
    }

    /// Notes: scenario warnings and options the backend could not honour.
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.plan.notes.clone()
    }

    /// Marginal values (shadow prices): `{"pools": {pool id: value}, "rooms": {host
    /// id: value}, "budget": value}`. A value is None where the backend gives no
    /// duals (microlp, CBC), days are whole numbers, or (budget) there is no budget.
    #[getter]
    fn duals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let pools = PyDict::new(py);
        for p in &self.plan.pools {
            pools.set_item(&p.pool, p.marginal_value)?;
        }
        let rooms = PyDict::new(py);
        for r in &self.plan.rooms {
            rooms.set_item(&r.host, r.marginal_value)?;
        }
        let out = PyDict::new(py);
        out.set_item("pools", pools)?;
        out.set_item("rooms", rooms)?;
        out.set_item(
            "budget",
            self.plan.budget.as_ref().and_then(|b| b.marginal_value),
        )?;
        Ok(out)
    }

    /// The plan's tables as pandas DataFrames keyed by the user's ids:
    /// `assignments` (pool, host, specialty, days, travel_minutes, cost), `service`
    /// (host, tier, specialty, demand, served, unmet, reachable), `policy` (host, tier,
    /// required_days, received_days, shortfall, reason), `pools` (pool, specialty,
    /// available_days, sent_days, marginal_value) and `rooms` (host, room_days, used,
    /// marginal_value). Missing marginal values are NaN.
    fn to_frames<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let pd = py.import("pandas")?;
        let nan = f64::NAN;
        let p = &self.plan;
        let out = PyDict::new(py);

        let t = Table::new(
            py,
            &[
                "pool",
                "host",
                "specialty",
                "days",
                "travel_minutes",
                "cost",
            ],
        );
        for a in &p.assignments {
            t.row(vec![
                obj(py, &a.pool)?,
                obj(py, &a.host)?,
                obj(py, &a.specialty)?,
                obj(py, a.days)?,
                obj(py, a.travel_minutes)?,
                obj(py, a.cost)?,
            ])?;
        }
        out.set_item("assignments", t.frame(&pd)?)?;

        let t = Table::new(
            py,
            &[
                "host",
                "tier",
                "specialty",
                "demand",
                "served",
                "unmet",
                "reachable",
            ],
        );
        for l in &p.service {
            t.row(vec![
                obj(py, &l.host)?,
                obj(py, &l.tier)?,
                obj(py, &l.specialty)?,
                obj(py, l.demand)?,
                obj(py, l.served)?,
                obj(py, l.unmet)?,
                obj(py, l.reachable)?,
            ])?;
        }
        out.set_item("service", t.frame(&pd)?)?;

        let t = Table::new(
            py,
            &[
                "host",
                "tier",
                "required_days",
                "received_days",
                "shortfall",
                "reason",
            ],
        );
        for l in &p.policy {
            t.row(vec![
                obj(py, &l.host)?,
                obj(py, &l.tier)?,
                obj(py, l.required_days)?,
                obj(py, l.received_days)?,
                obj(py, l.shortfall)?,
                obj(py, l.reason.as_deref())?,
            ])?;
        }
        out.set_item("policy", t.frame(&pd)?)?;

        let t = Table::new(
            py,
            &[
                "pool",
                "specialty",
                "available_days",
                "sent_days",
                "marginal_value",
            ],
        );
        for u in &p.pools {
            t.row(vec![
                obj(py, &u.pool)?,
                obj(py, &u.specialty)?,
                obj(py, u.available_days)?,
                obj(py, u.sent_days)?,
                obj(py, u.marginal_value.unwrap_or(nan))?,
            ])?;
        }
        out.set_item("pools", t.frame(&pd)?)?;

        let t = Table::new(py, &["host", "room_days", "used", "marginal_value"]);
        for r in &p.rooms {
            t.row(vec![
                obj(py, &r.host)?,
                obj(py, r.room_days)?,
                obj(py, r.used)?,
                obj(py, r.marginal_value.unwrap_or(nan))?,
            ])?;
        }
        out.set_item("rooms", t.frame(&pd)?)?;
        Ok(out)
    }

    /// A short human-readable summary of the plan.
    fn summary(&self) -> String {
        let p = &self.plan;
        let demand = p.total_demand();
        let unmet = p.total_unmet();
        let share = if demand > 0.0 {
            format!("{:.1}%", 100.0 * (demand - unmet) / demand)
        } else {
            "-".into()
        };
        let mut out = format!(
            "{}: rotation plan ({} objective{}), status {}, backend {}\n",
            p.scenario,
            match p.objective_kind {
                RotationObjective::Weighted => "weighted",
                RotationObjective::Equity => "equity",
            },
            if p.integer_days { ", whole days" } else { "" },
            p.status,
            p.backend
        );
        out.push_str(&format!(
            "objective {:.4}; sent {:.1} specialist-days in {} assignments, cost {:.0}\n",
            p.objective,
            p.total_days,
            p.assignments.len(),
            p.total_cost
        ));
        out.push_str(&format!(
            "demand {demand:.1} visits, unmet {unmet:.1}, served {share}; smallest served share {}\n",
            p.min_served_share
                .map_or("-".into(), |s| format!("{:.1}%", 100.0 * s))
        ));
        let short: Vec<_> = p.policy.iter().filter(|l| l.shortfall > 1e-9).collect();
        out.push_str(&format!(
            "policy minimums: {} of {} hosts short\n",
            short.len(),
            p.policy.len()
        ));
        for l in short {
            out.push_str(&format!(
                "  {} short by {:.2} days: {}\n",
                l.host,
                l.shortfall,
                l.reason.as_deref().unwrap_or("-")
            ));
        }
        for n in &p.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        out
    }

    /// Re-checks every rule of the plan against its scenario, independently of the
    /// model; returns one string per violation (empty when the plan is valid).
    fn check(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        let scenario = self.scenario.clone();
        let plan = &self.plan;
        let out = py.allow_threads(|| {
            Consortium::new(scenario).map(|c| {
                check_rotation(&c, plan)
                    .iter()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
            })
        });
        out.map_err(to_py)
    }

    /// The plan as JSON text (`"format": "yilian-plan/1"`), as the CLI writes it.
    fn to_json(&self) -> String {
        self.plan.to_json_string()
    }

    /// The scenario the plan was solved from.
    #[getter]
    fn scenario(&self) -> Scenario {
        Scenario {
            inner: self.scenario.clone(),
        }
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String, String))> {
        let ctor = py.import("yilian._yilian")?.getattr("_plan_from_json")?;
        Ok((ctor, (self.to_json(), self.scenario.to_json_string())))
    }

    fn __repr__(&self) -> String {
        format!(
            "Plan(scenario={:?}, status={:?}, objective={}, backend={:?})",
            self.plan.scenario,
            self.plan.status.as_str(),
            self.plan.objective,
            self.plan.backend
        )
    }
}

/// A shared-scanner plan (M3): units added per site, exams per site and what stays
/// unmet.
#[pyclass(module = "yilian._yilian", frozen)]
pub struct ScannerPlan {
    plan: yilian::ScannerPlan,
    scenario: yilian::Scenario,
}

#[pymethods]
impl ScannerPlan {
    /// Value of the objective optimised.
    #[getter]
    fn objective(&self) -> f64 {
        self.plan.objective
    }

    /// Solve status: `"optimal"`, `"gap_limit"` or `"time_limit"`.
    #[getter]
    fn status(&self) -> &'static str {
        self.plan.status.as_str()
    }

    /// Backend that solved the model.
    #[getter]
    fn backend(&self) -> &str {
        &self.plan.backend
    }

    /// Best bound on the objective, when the backend reports one.
    #[getter]
    fn bound(&self) -> Option<f64> {
        self.plan.bound
    }

    /// Relative gap between the plan and the bound, when known.
    #[getter]
    fn gap(&self) -> Option<f64> {
        self.plan.gap
    }

    /// Cost per period of the new units.
    #[getter]
    fn total_cost(&self) -> f64 {
        self.plan.total_cost
    }

    /// Notes: scenario warnings and options the backend could not honour.
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.plan.notes.clone()
    }

    /// Marginal values: `{"scanner_days": {(site, modality): value}}`, the value of
    /// one more scanner-day at a site (LP with the units fixed); None where the
    /// backend gives no duals.
    #[getter]
    fn duals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let days = PyDict::new(py);
        for u in &self.plan.units {
            days.set_item((&u.site, &u.modality), u.value_of_scanner_day)?;
        }
        let out = PyDict::new(py);
        out.set_item("scanner_days", days)?;
        Ok(out)
    }

    /// The plan's tables as pandas DataFrames keyed by the user's ids: `units`
    /// (site, modality, existing, kept, added, capacity, exams, utilisation,
    /// value_of_scanner_day, added_cost), `flows` (institution, site, modality, exams,
    /// minutes), `demand` (institution, tier, modality, demand, served, unmet, reason)
    /// and `modalities` (modality, demand, served, unmet, units, units_added,
    /// mean_travel_minutes, p90_travel_minutes).
    fn to_frames<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let pd = py.import("pandas")?;
        let p = &self.plan;
        let out = PyDict::new(py);
        let t = Table::new(
            py,
            &[
                "site",
                "modality",
                "existing",
                "kept",
                "added",
                "capacity",
                "exams",
                "utilisation",
                "value_of_scanner_day",
                "added_cost",
            ],
        );
        for u in &p.units {
            t.row(vec![
                obj(py, &u.site)?,
                obj(py, &u.modality)?,
                obj(py, u.existing)?,
                obj(py, u.kept)?,
                obj(py, u.added)?,
                obj(py, u.capacity)?,
                obj(py, u.exams)?,
                obj(py, u.utilisation)?,
                obj(py, u.value_of_scanner_day.unwrap_or(f64::NAN))?,
                obj(py, u.added_cost)?,
            ])?;
        }
        out.set_item("units", t.frame(&pd)?)?;
        let t = Table::new(py, &["institution", "site", "modality", "exams", "minutes"]);
        for f in &p.flows {
            t.row(vec![
                obj(py, &f.institution)?,
                obj(py, &f.site)?,
                obj(py, &f.modality)?,
                obj(py, f.exams)?,
                obj(py, f.minutes)?,
            ])?;
        }
        out.set_item("flows", t.frame(&pd)?)?;
        let t = Table::new(
            py,
            &[
                "institution",
                "tier",
                "modality",
                "demand",
                "served",
                "unmet",
                "reason",
            ],
        );
        for l in &p.demand {
            t.row(vec![
                obj(py, &l.institution)?,
                obj(py, &l.tier)?,
                obj(py, &l.modality)?,
                obj(py, l.demand)?,
                obj(py, l.served)?,
                obj(py, l.unmet)?,
                obj(py, l.reason.as_deref())?,
            ])?;
        }
        out.set_item("demand", t.frame(&pd)?)?;
        let t = Table::new(
            py,
            &[
                "modality",
                "demand",
                "served",
                "unmet",
                "units",
                "units_added",
                "mean_travel_minutes",
                "p90_travel_minutes",
            ],
        );
        for m in &p.modalities {
            t.row(vec![
                obj(py, &m.modality)?,
                obj(py, m.demand)?,
                obj(py, m.served)?,
                obj(py, m.unmet)?,
                obj(py, m.units)?,
                obj(py, m.units_added)?,
                obj(py, m.mean_travel_minutes)?,
                obj(py, m.p90_travel_minutes)?,
            ])?;
        }
        out.set_item("modalities", t.frame(&pd)?)?;
        Ok(out)
    }

    /// A short human-readable summary of the plan.
    fn summary(&self) -> String {
        let p = &self.plan;
        let mut out = format!(
            "{}: scanner plan, status {}, backend {}; objective {:.4}{}; cost {:.0}; units moved {}\n",
            p.scenario,
            p.status,
            p.backend,
            p.objective,
            p.gap.map_or(String::new(), |g| format!(" (gap {:.2}%)", 100.0 * g)),
            p.total_cost,
            p.units_moved
        );
        for m in &p.modalities {
            out.push_str(&format!(
                "  {}: {} units ({} added), demand {:.1}, unmet {:.1}, mean travel {:.1} min\n",
                m.modality, m.units, m.units_added, m.demand, m.unmet, m.mean_travel_minutes
            ));
        }
        for n in &p.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        out
    }

    /// Re-checks every rule of the plan against its scenario; one string per
    /// violation (empty when the plan is valid).
    fn check(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        let scenario = self.scenario.clone();
        let plan = &self.plan;
        let out = py.allow_threads(|| {
            Consortium::new(scenario).map(|c| {
                check_scanners(&c, plan)
                    .iter()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
            })
        });
        out.map_err(to_py)
    }

    /// The plan as JSON text, as the CLI writes it.
    fn to_json(&self) -> String {
        self.plan.to_json_string()
    }

    /// The scenario the plan was solved from.
    #[getter]
    fn scenario(&self) -> Scenario {
        Scenario {
            inner: self.scenario.clone(),
        }
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String, String))> {
        let ctor = py
            .import("yilian._yilian")?
            .getattr("_scanner_plan_from_json")?;
        Ok((ctor, (self.to_json(), self.scenario.to_json_string())))
    }

    fn __repr__(&self) -> String {
        format!(
            "ScannerPlan(scenario={:?}, status={:?}, objective={}, backend={:?})",
            self.plan.scenario,
            self.plan.status.as_str(),
            self.plan.objective,
            self.plan.backend
        )
    }
}

/// Rebuilds a ScannerPlan from its JSON text and its scenario's JSON text (for pickle).
#[pyfunction]
fn _scanner_plan_from_json(plan: &str, scenario: &str) -> PyResult<ScannerPlan> {
    Ok(ScannerPlan {
        plan: yilian::ScannerPlan::from_json_str(plan).map_err(to_py)?,
        scenario: yilian::Scenario::from_json_str(scenario).map_err(to_py)?,
    })
}

/// Rebuilds a Plan from its JSON text and its scenario's JSON text (for pickle).
#[pyfunction]
fn _plan_from_json(plan: &str, scenario: &str) -> PyResult<Plan> {
    Ok(Plan {
        plan: yilian::RotationPlan::from_json_str(plan).map_err(to_py)?,
        scenario: yilian::Scenario::from_json_str(scenario).map_err(to_py)?,
    })
}

/// A generated county medical community (deterministic by seed).
#[pyfunction]
fn generate_county(seed: u64) -> Scenario {
    Scenario {
        inner: yilian::generate::county(seed),
    }
}

/// A generated city medical group (deterministic by seed).
#[pyfunction]
fn generate_city(seed: u64) -> Scenario {
    Scenario {
        inner: yilian::generate::city(seed),
    }
}

/// Names of the solver backends compiled into this build.
#[pyfunction]
fn backends() -> Vec<&'static str> {
    Backend::available()
        .into_iter()
        .map(Backend::name)
        .collect()
}

/// The native module `yilian._yilian`.
#[pymodule]
fn _yilian(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("YilianError", py.get_type::<YilianError>())?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    m.add("InfeasibleError", py.get_type::<InfeasibleError>())?;
    m.add("SolverError", py.get_type::<SolverError>())?;
    m.add_class::<Scenario>()?;
    m.add_class::<Plan>()?;
    m.add_class::<ScannerPlan>()?;
    m.add_function(wrap_pyfunction!(_scanner_plan_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(_plan_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(generate_county, m)?)?;
    m.add_function(wrap_pyfunction!(generate_city, m)?)?;
    m.add_function(wrap_pyfunction!(backends, m)?)?;
    m.add_function(wrap_pyfunction!(report::_report_json, m)?)?;
    m.add_function(wrap_pyfunction!(report::_compare_json, m)?)?;
    m.add_function(wrap_pyfunction!(report::gini, m)?)?;
    m.add_function(wrap_pyfunction!(report::theil, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
