//! Cooperative cost games (`Game`) and cost allocation among a scenario's members
//! (`_share_json`, wrapped by `yilian.share`).

use crate::errors::{guarded, invalid_option, to_py};
use crate::options::solve_options;
use crate::scenario::Scenario;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use yilian::game::{Coalition, Game as CoreGame};
use yilian::models::share::{CoalitionValue, GrandPlan, Rule, ShareModel, ShareModelKind, Weights};
use yilian::{Consortium, ReferralMode, ScannerMethod};

/// A cooperative cost game: `Game(values)` where `values` maps tuples of player indices
/// (the empty tuple included, one entry per coalition of players 0..n-1) to the cost of
/// that coalition.
///
/// Sign conventions: an allocation shares `v(N)`; it is in the core when no coalition
/// pays more than its own cost, `x(S) <= v(S)`.
#[pyclass(module = "yilian._yilian", frozen)]
pub struct Game {
    inner: CoreGame,
}

fn key_error(message: String) -> PyErr {
    invalid_option("values", message)
}

/// The coalition of a key: a tuple (or list) of distinct player indices below 20.
fn coalition_of(key: &Bound<'_, PyAny>) -> PyResult<Coalition> {
    let players: Vec<i64> = key.extract().map_err(|_| {
        key_error(format!(
            "key {} is not a tuple of player indices",
            key.repr().map_or("?".into(), |r| r.to_string())
        ))
    })?;
    let mut s = Coalition::EMPTY;
    for &p in &players {
        if !(0..yilian::game::MAX_PLAYERS as i64).contains(&p) {
            return Err(key_error(format!(
                "key {:?} holds player {p}: players are numbered 0 to {}",
                players,
                yilian::game::MAX_PLAYERS - 1
            )));
        }
        if s.contains(p as usize) {
            return Err(key_error(format!("key {players:?} names player {p} twice")));
        }
        s = s.with(p as usize);
    }
    Ok(s)
}

fn tuple_of(s: Coalition) -> Vec<usize> {
    s.players().collect()
}

#[pymethods]
impl Game {
    #[new]
    fn new(values: &Bound<'_, PyAny>) -> PyResult<Self> {
        let dict = values.downcast::<PyDict>().map_err(|_| {
            key_error("expected a dict of tuples of player indices to costs".into())
        })?;
        let mut entries: Vec<(Coalition, f64)> = Vec::with_capacity(dict.len());
        for (k, v) in dict.iter() {
            let s = coalition_of(&k)?;
            let cost: f64 = v.extract().map_err(|_| {
                invalid_option(
                    &format!("values[{s}]"),
                    format!(
                        "{} is not a number",
                        v.repr().map_or("?".into(), |r| r.to_string())
                    ),
                )
            })?;
            entries.push((s, cost));
        }
        let players = entries
            .iter()
            .map(|(s, _)| 64 - s.bits().leading_zeros() as usize)
            .max()
            .unwrap_or(0);
        if players == 0 {
            return Err(key_error(
                "names no player: give the cost of every coalition of players 0..n-1".into(),
            ));
        }
        let mut table = vec![f64::NAN; 1 << players];
        let mut seen = vec![false; 1 << players];
        for &(s, cost) in &entries {
            if seen[s.index()] {
                return Err(key_error(format!(
                    "coalition {s} is given twice (keys in another order)"
                )));
            }
            seen[s.index()] = true;
            table[s.index()] = cost;
        }
        if let Some(b) = seen.iter().position(|&x| !x) {
            return Err(key_error(format!(
                "the cost of coalition {} is missing: a game of {players} players needs all \
                 {} coalitions, the empty one () included",
                Coalition::from_bits(b as u64),
                1usize << players
            )));
        }
        CoreGame::from_values(players, table)
            .map(|inner| Self { inner })
            .map_err(to_py)
    }

    /// Number of players.
    #[getter]
    fn players(&self) -> usize {
        self.inner.players()
    }

    /// Sum of the stand-alone costs minus the grand coalition's.
    #[getter]
    fn savings(&self) -> f64 {
        self.inner.savings()
    }

    /// The cost of a coalition (a tuple of player indices).
    fn value(&self, coalition: &Bound<'_, PyAny>) -> PyResult<f64> {
        let s = coalition_of(coalition)?;
        if s.bits() >> self.inner.players() != 0 {
            return Err(invalid_option(
                "coalition",
                format!("{s} holds players beyond {}", self.inner.players() - 1),
            ));
        }
        Ok(self.inner.value(s))
    }

    /// The exact Shapley value, one share per player.
    fn shapley(&self) -> Vec<f64> {
        self.inner.shapley()
    }

    /// The Shapley value sampled from `samples` random orders: (shares, standard errors).
    #[pyo3(signature = (samples, seed = 0))]
    fn sampled_shapley(&self, samples: usize, seed: u64) -> PyResult<(Vec<f64>, Vec<f64>)> {
        let s = self.inner.sampled_shapley(samples, seed).map_err(to_py)?;
        Ok((s.values, s.standard_errors))
    }

    /// The nucleolus, by a sequence of LPs on `backend` (default: the best compiled in).
    #[pyo3(signature = (backend = None))]
    fn nucleolus(&self, py: Python<'_>, backend: Option<&str>) -> PyResult<Vec<f64>> {
        let o = solve_options(backend, None, None, None, None, false)?;
        let g = self.inner.clone();
        guarded(py, move || g.nucleolus(&o).map(|n| n.allocation))
    }

    /// A point of the least core and its epsilon: (allocation, epsilon); epsilon > 0
    /// means the core is empty.
    #[pyo3(signature = (backend = None))]
    fn least_core(&self, py: Python<'_>, backend: Option<&str>) -> PyResult<(Vec<f64>, f64)> {
        let o = solve_options(backend, None, None, None, None, false)?;
        let g = self.inner.clone();
        guarded(py, move || {
            g.least_core(&o).map(|l| (l.allocation, l.epsilon))
        })
    }

    /// Whether `allocation` (one cost per player) is in the core, to 1e-9 of the largest
    /// value.
    fn in_core(&self, allocation: Vec<f64>) -> PyResult<bool> {
        Ok(self.inner.core_check(&allocation).map_err(to_py)?.in_core)
    }

    /// The core check in full: {"in_core", "efficiency_gap", "worst": (coalition, what
    /// it pays beyond its cost)}.
    fn core_check<'py>(
        &self,
        py: Python<'py>,
        allocation: Vec<f64>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let c = self.inner.core_check(&allocation).map_err(to_py)?;
        let d = PyDict::new(py);
        d.set_item("in_core", c.in_core)?;
        d.set_item("efficiency_gap", c.efficiency_gap)?;
        match c.worst {
            Some((s, over)) => {
                let t = PyTuple::new(py, tuple_of(s))?;
                d.set_item("worst", (t, over))?
            }
            None => d.set_item("worst", py.None())?,
        }
        Ok(d)
    }

    /// `v(N)` shared in proportion to `weights`.
    fn proportional(&self, weights: Vec<f64>) -> PyResult<Vec<f64>> {
        self.inner.proportional(&weights).map_err(to_py)
    }

    fn __repr__(&self) -> String {
        format!(
            "Game({} players, v(N) = {})",
            self.inner.players(),
            self.inner.value(self.inner.grand())
        )
    }
}

/// The model of the coalition values, from its name, the scanner method and the
/// referral mode.
fn kind_of(
    model: &str,
    method: Option<&str>,
    referral_mode: Option<&str>,
) -> PyResult<ShareModelKind> {
    let mut kind: ShareModelKind = model.parse().map_err(to_py)?;
    if let Some(m) = method {
        let m: ScannerMethod = m.parse().map_err(to_py)?;
        match kind {
            ShareModelKind::Scanners(_) => kind = ShareModelKind::Scanners(m),
            _ => {
                return Err(invalid_option(
                    "method",
                    "applies to the scanners model only".into(),
                ))
            }
        }
    }
    if let Some(mode) = referral_mode {
        let mode = match mode {
            "joint" => ReferralMode::Joint,
            "sequential" => ReferralMode::Sequential,
            other => {
                return Err(invalid_option(
                    "referral_mode",
                    format!("\"{other}\" is not a mode (expected joint or sequential)"),
                ))
            }
        };
        match kind {
            ShareModelKind::Referral(_) => kind = ShareModelKind::Referral(mode),
            _ => {
                return Err(invalid_option(
                    "referral_mode",
                    "applies to the referral model only".into(),
                ))
            }
        }
    }
    Ok(kind)
}

/// The rule from its name and the weights of a proportional rule.
fn rule_of(rule: &str, weights: &str) -> PyResult<Rule> {
    let mut rule: Rule = rule.parse().map_err(to_py)?;
    if let Rule::Proportional(_) = rule {
        rule = Rule::Proportional(weights.parse::<Weights>().map_err(to_py)?);
    }
    Ok(rule)
}

/// Cost allocation among the scenario's members, as the JSON of the share report.
#[pyfunction]
#[pyo3(signature = (scenario, model, rule, weights, samples, seed, method, referral_mode,
    backend, time_limit, gap, threads, progress))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn _share_json(
    py: Python<'_>,
    scenario: PyRef<'_, Scenario>,
    model: &str,
    rule: &str,
    weights: &str,
    samples: Option<usize>,
    seed: u64,
    method: Option<&str>,
    referral_mode: Option<&str>,
    backend: Option<&str>,
    time_limit: Option<Bound<'_, PyAny>>,
    gap: Option<Bound<'_, PyAny>>,
    threads: Option<Bound<'_, PyAny>>,
    progress: bool,
) -> PyResult<String> {
    let options = solve_options(
        backend,
        time_limit.as_ref(),
        gap.as_ref(),
        threads.as_ref(),
        None,
        false,
    )?;
    let kind = kind_of(model, method, referral_mode)?;
    let rule = rule_of(rule, weights)?;
    let scenario = scenario.inner.clone();
    guarded(py, move || {
        let c = Consortium::new(scenario)?;
        let report_progress = move |done: usize, total: usize| {
            if progress && (done == total || done % 64 == 0) {
                eprintln!("solved {done} of {total} coalitions");
            }
        };
        let mut m = ShareModel::new(&c, kind)
            .rule(rule)
            .seed(seed)
            .progress(&report_progress);
        if let Some(n) = samples {
            m = m.samples(n);
        }
        m.solve(&options).map(|r| r.to_json_string())
    })
}

/// The coalitions `yilian.share` solves for this rule (tuples of member indices, in
/// the core's order), for an engine that solves them as tasks.
#[pyfunction]
#[pyo3(signature = (scenario, rule, samples, seed))]
pub(crate) fn _share_coalitions(
    py: Python<'_>,
    scenario: PyRef<'_, Scenario>,
    rule: &str,
    samples: Option<usize>,
    seed: u64,
) -> PyResult<Vec<Vec<usize>>> {
    let rule = rule_of(rule, "demand")?;
    let scenario = scenario.inner.clone();
    guarded(py, move || {
        let c = Consortium::new(scenario)?;
        // The coalitions a rule needs do not depend on the model.
        let mut m = ShareModel::new(&c, ShareModelKind::Rotation)
            .rule(rule)
            .seed(seed);
        if let Some(n) = samples {
            m = m.samples(n);
        }
        Ok(m.coalitions()?.into_iter().map(tuple_of).collect())
    })
}

/// The values of a batch of coalitions as a JSON list of `{"value": ..., "plan": ...}`
/// (the plan, as plan JSON text, only for the grand coalition): one task of an engine.
#[pyfunction]
#[pyo3(signature = (scenario, model, method, referral_mode, coalitions, backend, time_limit,
    gap, threads))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn _share_coalitions_json(
    py: Python<'_>,
    scenario: PyRef<'_, Scenario>,
    model: &str,
    method: Option<&str>,
    referral_mode: Option<&str>,
    coalitions: Vec<Vec<usize>>,
    backend: Option<&str>,
    time_limit: Option<Bound<'_, PyAny>>,
    gap: Option<Bound<'_, PyAny>>,
    threads: Option<Bound<'_, PyAny>>,
) -> PyResult<String> {
    let options = solve_options(
        backend,
        time_limit.as_ref(),
        gap.as_ref(),
        threads.as_ref(),
        None,
        false,
    )?;
    let kind = kind_of(model, method, referral_mode)?;
    let mut list = Vec::with_capacity(coalitions.len());
    for members in &coalitions {
        if let Some(&p) = members.iter().find(|&&p| p >= yilian::game::MAX_PLAYERS) {
            return Err(invalid_option(
                "coalitions",
                format!(
                    "member index {p} is beyond {}",
                    yilian::game::MAX_PLAYERS - 1
                ),
            ));
        }
        list.push(Coalition::from_players(members.iter().copied()));
    }
    let scenario = scenario.inner.clone();
    guarded(py, move || {
        let c = Consortium::new(scenario)?;
        let solved = ShareModel::new(&c, kind).solve_coalitions(&list, &options)?;
        let out: Vec<serde_json::Value> = solved
            .into_iter()
            .map(|(value, plan)| {
                serde_json::json!({"value": value, "plan": plan.map(|p| p.to_json_string())})
            })
            .collect();
        Ok(serde_json::Value::Array(out).to_string())
    })
}

/// The share report from coalition values solved as tasks (JSON texts of
/// `CoalitionValue`) and the grand coalition's plan (JSON text), as report JSON; the
/// report's solve time and threads are those of the engine.
#[pyfunction]
#[pyo3(signature = (scenario, model, rule, weights, samples, seed, method, referral_mode,
    backend, gap, values, plan, solve_seconds, workers))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn _share_from_values(
    py: Python<'_>,
    scenario: PyRef<'_, Scenario>,
    model: &str,
    rule: &str,
    weights: &str,
    samples: Option<usize>,
    seed: u64,
    method: Option<&str>,
    referral_mode: Option<&str>,
    backend: Option<&str>,
    gap: Option<Bound<'_, PyAny>>,
    values: Vec<String>,
    plan: Option<String>,
    solve_seconds: f64,
    workers: usize,
) -> PyResult<String> {
    let options = solve_options(backend, None, gap.as_ref(), None, None, false)?;
    let kind = kind_of(model, method, referral_mode)?;
    let rule = rule_of(rule, weights)?;
    let values: Vec<CoalitionValue> = values
        .iter()
        .map(|t| serde_json::from_str(t))
        .collect::<Result<_, _>>()
        .map_err(|e| invalid_option("values", format!("a coalition value does not parse: {e}")))?;
    let scenario = scenario.inner.clone();
    guarded(py, move || {
        let plan = plan
            .map(|t| GrandPlan::from_json_str(kind, &t))
            .transpose()?;
        let c = Consortium::new(scenario)?;
        let mut m = ShareModel::new(&c, kind).rule(rule).seed(seed);
        if let Some(n) = samples {
            m = m.samples(n);
        }
        let mut r = m.solve_from(values, plan, &options)?;
        r.stats.solve_seconds = solve_seconds;
        r.stats.threads = workers.max(1);
        Ok(r.to_json_string())
    })
}
