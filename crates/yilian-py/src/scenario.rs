//! `Scenario`: a planning scenario read from JSON, pandas frames or a generator, and
//! its `solve` (rotation or scanners).

use crate::errors::{guarded, invalid_option, to_py};
use crate::options::solve_options;
use crate::plan::Plan;
use crate::referral_plan::ReferralPlan;
use crate::scanner_plan::ScannerPlan;
use pyo3::prelude::*;
use pyo3::IntoPyObjectExt;
use yilian::{
    Consortium, ReferralModel, RotationModel, RotationObjective, ScannerMethod, ScannerModel,
    ScannerObjective,
};

/// A planning scenario: institutions, specialist pools, roads and policy.
///
/// Build one with `Scenario.from_json(path)`, `Scenario.from_json_str(text)`,
/// `Scenario.from_frames(...)` or `yilian.generate_county(seed)`. Parsing checks
/// types; `solve` (and `validate`) check every rule of the scenario.
#[pyclass(module = "yilian._yilian", frozen)]
#[derive(Clone)]
pub struct Scenario {
    pub(crate) inner: yilian::Scenario,
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

    /// Builds a scenario from a GeoDataFrame of institutions (point geometry, any
    /// CRS: converted to EPSG:4326 longitude and latitude) and the same `pools`,
    /// `links`, `policy` and options as `from_frames`. Needs geopandas
    /// (`pip install yilian[geo]`); see `yilian.geo.scenario_from_geodataframe`.
    #[staticmethod]
    #[pyo3(signature = (institutions, pools, links = None, policy = None, *, name = "scenario",
        period_days = None, travel = None))]
    #[allow(clippy::too_many_arguments)]
    fn from_geodataframe<'py>(
        py: Python<'py>,
        institutions: &Bound<'py, PyAny>,
        pools: &Bound<'py, PyAny>,
        links: Option<&Bound<'py, PyAny>>,
        policy: Option<&Bound<'py, PyAny>>,
        name: &str,
        period_days: Option<f64>,
        travel: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Self> {
        let frame = crate::geo::institutions_frame(institutions)?;
        Self::from_frames(py, &frame, pools, links, policy, name, period_days, travel)
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
        let extras = crate::scenario_frames::Extras {
            name,
            period_days,
            policy,
            travel,
        };
        let doc = crate::scenario_frames::scenario_document(institutions, pools, links, extras)?;
        let scenario = Self::from_json_str(&doc.to_string())?;
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

    /// A copy with fields set by path, for example
    /// `{"policy.budget": 2e5, "pools.*.max_travel_minutes": 45}` (`*` is every element
    /// of an array; a number or an id picks one). The result is validated: a wrong
    /// type or value raises the ValidationError a scenario file with that value gets,
    /// and a path that leads nowhere is named in the message.
    fn with_overrides(&self, overrides: &Bound<'_, PyAny>) -> PyResult<Self> {
        let pairs = crate::json_value::_override_pairs(overrides)?;
        crate::sweep::apply(self, pairs)
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
    /// `model` is `"rotation"` (M1, returns a Plan), `"roster"` (M2, returns a
    /// RosterPlan: a calendar of named specialists over `days` calendar days from
    /// `start`, YYYY-MM-DD, defaults the scenario's roster horizon, else 28 days from
    /// the next Monday; `targets` is a rotation Plan whose days the roster meets,
    /// `"rotation"` to solve the rotation with whole days first as the CLI does, or
    /// None / `"demand"` for visits wanted from demand; without `time_limit` each
    /// stage gets 60 s, as in the CLI), `"scanners"` (M3, returns a
    /// ScannerPlan; the scenario needs an `imaging` section) or `"referral"` (M5,
    /// returns a ReferralPlan; the scenario needs a `care` section: `joint=True` decides
    /// rotation days and patient flows in one program, `rotation=plan` fixes the days
    /// of a rotation Plan, neither solves the rotation first; `baseline=True` also
    /// solves without the targets to report the shares before them). `backend` defaults to
    /// the best compiled in (HiGHS in the wheel). `objective`: `"weighted"`
    /// (default) or `"equity"` for rotation, `"travel"` (default) or `"coverage"` for
    /// scanners. `integer_days` (rotation only) makes days whole numbers (a MIP, no
    /// duals). `method` (scanners only): `"auto"` (default: the Lagrangian
    /// decomposition, then the MIP from its plan when it can finish), `"mip"` or
    /// `"decomposition"`. `time_limit` is in seconds, `gap` a relative MIP gap (0.01 =
    /// 1 %), `threads` HiGHS's threads (the scanner decomposition also solves this many
    /// sub-MIPs side by side; default: the machine's cores). The GIL is released while
    /// the solver runs.
    #[pyo3(signature = (model = "rotation", *, backend = None, objective = None,
        integer_days = false, method = None, time_limit = None, gap = None, threads = None,
        seed = None, log = false, joint = false, rotation = None, baseline = false,
        targets = None, start = None, days = None))]
    #[allow(clippy::too_many_arguments)]
    fn solve(
        &self,
        py: Python<'_>,
        model: &str,
        backend: Option<&str>,
        objective: Option<&str>,
        integer_days: bool,
        method: Option<&str>,
        time_limit: Option<Bound<'_, PyAny>>,
        gap: Option<Bound<'_, PyAny>>,
        threads: Option<Bound<'_, PyAny>>,
        seed: Option<Bound<'_, PyAny>>,
        log: bool,
        joint: bool,
        rotation: Option<PyRef<'_, Plan>>,
        baseline: bool,
        targets: Option<Bound<'_, PyAny>>,
        start: Option<String>,
        days: Option<Bound<'_, PyAny>>,
    ) -> PyResult<PyObject> {
        let options = solve_options(
            backend,
            time_limit.as_ref(),
            gap.as_ref(),
            threads.as_ref(),
            seed.as_ref(),
            log,
        )?;
        let scenario = self.inner.clone();
        let choice = crate::write_model::Choice {
            objective,
            integer_days,
            method,
            joint,
            rotation,
            baseline,
            targets,
            start,
            days: crate::args::whole_u32("days", days.as_ref())?,
        };
        choice.refuse_misplaced(model)?;
        match model {
            "referral" => {
                if choice.method.is_some() || choice.objective.is_some() || choice.integer_days {
                    return Err(invalid_option(
                        "objective",
                        "the referral model has one objective (travel + treatment + penalties); \
                         method, objective and integer_days do not apply"
                            .into(),
                    ));
                }
                let given = choice.rotation.map(|p| p.plan.clone());
                let (joint, baseline) = (choice.joint, choice.baseline);
                let (plan, scenario) = guarded(py, move || {
                    let c = Consortium::new(scenario.clone())?;
                    let mut m = ReferralModel::new(&c).joint(joint).baseline(baseline);
                    if let Some(p) = &given {
                        m = m.rotation(p);
                    }
                    m.solve(&options).map(|plan| (plan, scenario))
                })?;
                ReferralPlan { plan, scenario }.into_py_any(py)
            }
            "roster" => {
                let given = [
                    ("method", choice.method.is_some()),
                    ("objective", choice.objective.is_some()),
                    ("integer_days", choice.integer_days),
                ];
                if let Some((field, _)) = given.iter().find(|g| g.1) {
                    return Err(invalid_option(
                        field,
                        "not an option of the roster model (it would be ignored)".into(),
                    ));
                }
                let targets = crate::roster_plan::Targets::from_py(choice.targets.as_ref())?;
                crate::roster_plan::solve(py, scenario, targets, choice.start, choice.days, options)
            }
            "rotation" => {
                if choice.method.is_some() {
                    return Err(invalid_option(
                        "method",
                        "applies to the scanners model only".into(),
                    ));
                }
                let objective: RotationObjective = choice
                    .objective
                    .unwrap_or("weighted")
                    .parse()
                    .map_err(to_py)?;
                let integer_days = choice.integer_days;
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
                let objective: ScannerObjective = choice
                    .objective
                    .unwrap_or("travel")
                    .parse()
                    .map_err(to_py)?;
                let method: ScannerMethod =
                    choice.method.unwrap_or("auto").parse().map_err(to_py)?;
                if choice.integer_days {
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
                        .method(method)
                        .solve(&options)
                        .map(|plan| (plan, scenario))
                })?;
                ScannerPlan { plan, scenario }.into_py_any(py)
            }
            _ => Err(invalid_option(
                "model",
                format!(
                    "\"{model}\" is not a model (expected rotation, roster, scanners or referral)"
                ),
            )),
        }
    }

    /// Writes a model's program to `path` for another solver (Gurobi, CPLEX, SCIP,
    /// HiGHS): MPS for a `.mps` suffix, LP for `.lp`, with names built from the
    /// scenario's ids (`days(pool,host)`, `at(specialist,host,date)`,
    /// `exams(institution,site,modality)`, `flow(origin,class,site)`, ...; characters
    /// the formats do not allow become `_`). Takes `solve`'s options: those that choose
    /// the program (`objective`, `integer_days`, `targets`, `start`, `days`, `joint`,
    /// `rotation`), and the solver options for a model solved first (the rotation
    /// behind a roster's `targets="rotation"` or a sequential referral). The file's
    /// optimum is the objective `solve` reports. Two-stage objectives (rotation
    /// `"equity"`, scanner `"coverage"`), `method` and `baseline` are refused.
    #[pyo3(signature = (model, path, *, backend = None, objective = None,
        integer_days = false, method = None, time_limit = None, gap = None, threads = None,
        seed = None, log = false, joint = false, rotation = None, baseline = false,
        targets = None, start = None, days = None))]
    #[allow(clippy::too_many_arguments)]
    fn write_model(
        &self,
        py: Python<'_>,
        model: &str,
        path: std::path::PathBuf,
        backend: Option<&str>,
        objective: Option<&str>,
        integer_days: bool,
        method: Option<&str>,
        time_limit: Option<Bound<'_, PyAny>>,
        gap: Option<Bound<'_, PyAny>>,
        threads: Option<Bound<'_, PyAny>>,
        seed: Option<Bound<'_, PyAny>>,
        log: bool,
        joint: bool,
        rotation: Option<PyRef<'_, Plan>>,
        baseline: bool,
        targets: Option<Bound<'_, PyAny>>,
        start: Option<String>,
        days: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let options = solve_options(
            backend,
            time_limit.as_ref(),
            gap.as_ref(),
            threads.as_ref(),
            seed.as_ref(),
            log,
        )?;
        let choice = crate::write_model::Choice {
            objective,
            integer_days,
            method,
            joint,
            rotation,
            baseline,
            targets,
            start,
            days: crate::args::whole_u32("days", days.as_ref())?,
        };
        crate::write_model::write(py, self.inner.clone(), model, path, options, choice)
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

/// A generated county medical community (deterministic by seed).
#[pyfunction]
pub(crate) fn generate_county(seed: &Bound<'_, PyAny>) -> PyResult<Scenario> {
    Ok(Scenario {
        inner: yilian::generate::county(crate::args::whole_u64("seed", seed)?),
    })
}

/// A generated city medical group (deterministic by seed).
#[pyfunction]
pub(crate) fn generate_city(seed: &Bound<'_, PyAny>) -> PyResult<Scenario> {
    Ok(Scenario {
        inner: yilian::generate::city(crate::args::whole_u64("seed", seed)?),
    })
}
