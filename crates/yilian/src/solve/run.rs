//! Hands a [`LinearProgram`] to a good_lp backend and reads the answer back.

use super::{relative_gap, Backend, Cmp, LinearProgram, Sense, SolveOptions, Status};
use good_lp::solvers::{ResolutionError, SolutionStatus};
use good_lp::{
    variable, Constraint, Expression, ProblemVariables, Solution, SolverModel, Variable,
};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

/// The answer of a backend to a [`LinearProgram`].
#[derive(Debug, Clone, PartialEq)]
pub struct LpSolution {
    /// How good the answer is known to be.
    pub status: Status,
    /// Objective value (including the program's offset).
    pub objective: f64,
    /// Value of each column.
    pub values: Vec<f64>,
    /// Dual value of each row (d objective / d rhs), when the backend gives them, the
    /// program has no integer columns and the LP was solved to optimality (never from an
    /// LP stopped by a time limit).
    pub row_duals: Option<Vec<f64>>,
    /// Best proven bound on the objective, when the backend gives it (HiGHS's MIP dual
    /// bound, Clarabel's dual objective; for an LP solved to optimality by a simplex,
    /// the objective itself). Never rebuilt from a gap, never clipped.
    pub bound: Option<f64>,
    /// Relative gap between the objective and the bound ([`super::relative_gap`]), when
    /// the bound is known.
    pub gap: Option<f64>,
    /// Seconds spent handing the program to the backend (good_lp expressions and the
    /// backend's own model), before it starts solving.
    pub load_seconds: f64,
    /// Wall-clock seconds the backend spent solving.
    pub seconds: f64,
    /// Options the backend could not honour, and how the status was read.
    pub notes: Vec<String>,
}

/// Why a backend returned no answer.
#[derive(Debug, Clone, PartialEq)]
pub enum SolveFailure {
    /// No point satisfies every row.
    Infeasible,
    /// The objective can improve without limit.
    Unbounded,
    /// The backend cannot handle this program (for example integers with Clarabel).
    Unsupported(String),
    /// The backend failed (time limit before any plan, numerical trouble, ...).
    Failed(String),
}

impl SolveFailure {
    /// The library error for this failure, with `what` describing the model.
    pub fn into_error(self, backend: Backend, what: &str) -> crate::Error {
        match self {
            SolveFailure::Infeasible => crate::Error::Infeasible(what.to_string()),
            SolveFailure::Unbounded => crate::Error::Unbounded(what.to_string()),
            SolveFailure::Unsupported(message) => crate::Error::Unsupported {
                backend: backend.name().into(),
                message,
            },
            SolveFailure::Failed(message) => crate::Error::Solver {
                backend: backend.name().into(),
                message,
            },
        }
    }
}

/// Solves `lp` with the backend and limits of `options`.
///
/// Panics inside a backend are caught and returned as [`SolveFailure::Failed`].
///
/// ```
/// use yilian::solve::{solve, Cmp, LinearProgram, Sense};
/// use yilian::{Backend, SolveOptions};
/// let mut lp = LinearProgram::new(Sense::Maximise);
/// let x = lp.add_column(0.0, 3.0, 1.0, false);
/// let y = lp.add_column(0.0, f64::INFINITY, 2.0, false);
/// lp.add_row(vec![(x, 1.0), (y, 1.0)], Cmp::Le, 4.0);
/// let s = solve(&lp, &SolveOptions::new(Backend::Microlp)).unwrap();
/// assert!((s.objective - 8.0).abs() < 1e-9);
/// ```
pub fn solve(lp: &LinearProgram, options: &SolveOptions) -> Result<LpSolution, SolveFailure> {
    solve_with_hints(lp, options, &SolveHints::default())
}

/// Advice to the backend for one solve; backends that cannot use a hint ignore it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SolveHints<'a> {
    /// A value for every column, handed to the backend as a first incumbent (HiGHS). A
    /// start of the wrong length is an error; an infeasible one is the backend's to
    /// reject (HiGHS then ignores it).
    pub start: Option<&'a [f64]>,
}

/// Like [`solve`], with [`SolveHints`] for the backend.
///
/// ```
/// use yilian::solve::{solve_with_hints, Cmp, LinearProgram, Sense, SolveHints};
/// use yilian::{Backend, SolveOptions};
/// let mut lp = LinearProgram::new(Sense::Minimise);
/// let x = lp.add_column(0.0, 5.0, 1.0, true);
/// lp.add_row(vec![(x, 1.0)], Cmp::Ge, 2.0);
/// let hints = SolveHints { start: Some(&[3.0]) };
/// let s = solve_with_hints(&lp, &SolveOptions::new(Backend::Microlp), &hints).unwrap();
/// assert!((s.objective - 2.0).abs() < 1e-9);
/// ```
pub fn solve_with_hints(
    lp: &LinearProgram,
    options: &SolveOptions,
    hints: &SolveHints<'_>,
) -> Result<LpSolution, SolveFailure> {
    let initial = hints.start;
    if let Some(s) = initial {
        if s.len() != lp.columns.len() {
            return Err(SolveFailure::Failed(format!(
                "the start has {} values for {} columns",
                s.len(),
                lp.columns.len()
            )));
        }
    }
    #[cfg(not(feature = "highs"))]
    let _ = initial;

    options
        .validate()
        .map_err(|e| SolveFailure::Failed(e.to_string()))?;
    if !options.backend.supports_integers() && lp.has_integers() {
        let n = lp.columns.iter().filter(|c| c.integer).count();
        return Err(SolveFailure::Unsupported(format!(
            "it has {n} integer variables and {} solves linear programs only; \
             choose highs, coin_cbc or microlp",
            options.backend
        )));
    }
    if lp.columns.is_empty() {
        // Nothing to decide (for example no travel-feasible pair): some backends
        // refuse an empty model, so answer here. Rows without columns read 0 <=> rhs.
        let holds = |r: &super::Row| match r.cmp {
            Cmp::Le => 0.0 <= r.rhs + 1e-9,
            Cmp::Ge => 0.0 >= r.rhs - 1e-9,
            Cmp::Eq => r.rhs.abs() <= 1e-9,
        };
        if !lp.rows.iter().all(holds) {
            return Err(SolveFailure::Infeasible);
        }
        return Ok(LpSolution {
            status: Status::Optimal,
            objective: lp.offset,
            values: Vec::new(),
            row_duals: options
                .backend
                .gives_duals()
                .then(|| vec![0.0; lp.rows.len()]),
            bound: Some(lp.offset),
            gap: Some(0.0),
            load_seconds: 0.0,
            seconds: 0.0,
            notes: options.unhonoured(),
        });
    }
    let start = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| match options.backend {
        #[cfg(feature = "microlp")]
        Backend::Microlp => run_microlp(lp, options),
        #[cfg(feature = "highs")]
        Backend::Highs => run_highs(lp, options, initial),
        #[cfg(feature = "coin_cbc")]
        Backend::CoinCbc => run_cbc(lp, options),
        #[cfg(feature = "clarabel")]
        Backend::Clarabel => run_clarabel(lp, options),
        #[allow(unreachable_patterns)]
        other => Err(SolveFailure::Failed(
            crate::Error::BackendUnavailable {
                name: other.name().into(),
            }
            .to_string(),
        )),
    }));
    let raw = match outcome {
        Ok(result) => result?,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            return Err(SolveFailure::Failed(format!(
                "{} panicked: {message}",
                options.backend
            )));
        }
    };
    // Every backend's answer is checked against the rows: CBC and microlp give values
    // without saying whether they are feasible (CBC after a time limit with no plan).
    let violation = lp.worst_violation(&raw.values);
    if violation > 1e-5 {
        return Err(SolveFailure::Failed(format!(
            "{}: the values returned break a row by {violation:.3e}{}",
            options.backend,
            if raw.status == Status::TimeLimit {
                ": no feasible plan was found before the time limit"
            } else {
                ""
            }
        )));
    }
    let objective = lp.objective_of(&raw.values);
    let bound = raw.bound.map(|b| b + lp.offset);
    let gap = match bound {
        Some(b) => Some(
            relative_gap(objective, b, lp.sense)
                .map_err(|e| SolveFailure::Failed(format!("{}: {e}", options.backend)))?,
        ),
        None => None,
    };
    let mut notes = options.unhonoured();
    notes.extend(raw.notes);
    Ok(LpSolution {
        status: raw.status,
        objective,
        values: raw.values,
        row_duals: raw.duals.filter(|_| raw.status == Status::Optimal),
        bound,
        gap,
        load_seconds: raw.load,
        seconds: start.elapsed().as_secs_f64() - raw.load,
        notes,
    })
}

/// What a backend answered, before the checks common to all.
struct Raw {
    status: Status,
    values: Vec<f64>,
    duals: Option<Vec<f64>>,
    /// Seconds spent loading the backend's model.
    load: f64,
    /// The backend's bound, without the program's offset.
    bound: Option<f64>,
    /// How the status was read, when it needs saying.
    notes: Vec<String>,
}

type Answer = Result<Raw, SolveFailure>;

/// The good_lp variables, objective and constraints of `lp`.
struct Translated {
    vars: ProblemVariables,
    columns: Vec<Variable>,
    objective: Expression,
    constraints: Vec<Constraint>,
}

fn translate(lp: &LinearProgram) -> Translated {
    let mut vars = ProblemVariables::new();
    let columns: Vec<Variable> = lp
        .columns
        .iter()
        .map(|c| {
            let def = variable().min(c.lower).max(c.upper);
            vars.add(if c.integer { def.integer() } else { def })
        })
        .collect();
    let mut objective = Expression::with_capacity(lp.columns.len());
    for (c, col) in lp.columns.iter().enumerate() {
        if col.cost != 0.0 {
            objective.add_mul(col.cost, columns[c]);
        }
    }
    let constraints = lp
        .rows
        .iter()
        .map(|row| {
            let mut e = Expression::with_capacity(row.terms.len());
            for &(c, a) in &row.terms {
                e.add_mul(a, columns[c]);
            }
            match row.cmp {
                Cmp::Le => e.leq(row.rhs),
                Cmp::Ge => e.geq(row.rhs),
                Cmp::Eq => e.eq(row.rhs),
            }
        })
        .collect();
    Translated {
        vars,
        columns,
        objective,
        constraints,
    }
}

/// What a backend that stopped at the time limit without a plan says: an LP "was not
/// solved in time" (not "no feasible solution": the model may well have one).
#[allow(dead_code)]
pub(crate) fn not_in_time(backend: Backend, lp: &LinearProgram, options: &SolveOptions) -> String {
    let what = if lp.has_integers() {
        "found no feasible plan of the MIP"
    } else {
        "did not solve the LP"
    };
    format!(
        "{backend} {what} ({} variables, {} constraints) within the time limit of {} s",
        lp.column_count(),
        lp.row_count(),
        options.time_limit.unwrap_or(0.0)
    )
}

fn failure(backend: Backend, e: ResolutionError) -> SolveFailure {
    match e {
        ResolutionError::Infeasible => SolveFailure::Infeasible,
        ResolutionError::Unbounded => SolveFailure::Unbounded,
        other => SolveFailure::Failed(format!("{backend}: {other}")),
    }
}

/// The status of an answer with `values` against the backend's own `bound` (without
/// the program's offset; None or non-finite: none), by [`super::assess`]: microlp,
/// CBC and HiGHS all report the bound their branch and bound proved, and the status
/// follows that bound's gap like any other (docs/status.md). A bound on the wrong side
/// of the objective is a failure.
#[allow(dead_code)]
fn judged(
    lp: &LinearProgram,
    values: &[f64],
    bound: Option<f64>,
    limit_hit: bool,
    options: &SolveOptions,
) -> Result<Status, SolveFailure> {
    super::assess(
        lp.objective_of(values),
        bound.map(|b| b + lp.offset),
        lp.sense,
        limit_hit,
        options,
    )
    .map(|(_, status)| status)
    .map_err(|e| SolveFailure::Failed(format!("{}: {e}", options.backend)))
}

/// Bound of an answer from a simplex backend (microlp, CBC) to a program without
/// integers: at an optimal basis the objective is its own bound; at a limit none.
#[allow(dead_code)]
fn simplex_bound(lp: &LinearProgram, proven: bool, values: &[f64]) -> Option<f64> {
    proven.then(|| lp.objective_of(values) - lp.offset)
}

#[cfg(feature = "microlp")]
fn run_microlp(lp: &LinearProgram, options: &SolveOptions) -> Answer {
    use good_lp::{WithMipGap, WithTimeLimit};
    let loading = Instant::now();
    let t = translate(lp);
    let problem = match lp.sense {
        Sense::Minimise => t.vars.minimise(t.objective),
        Sense::Maximise => t.vars.maximise(t.objective),
    };
    let mut model = problem.using(good_lp::solvers::microlp::microlp);
    if let Some(limit) = options.time_limit {
        model = model.with_time_limit(limit);
    }
    if lp.has_integers() {
        model = model
            .with_mip_gap(options.stop_gap() as f32)
            .map_err(|e| SolveFailure::Failed(format!("mip_gap: {e}")))?;
    }
    for c in t.constraints {
        model.add_constraint(c);
    }
    let load = loading.elapsed().as_secs_f64();
    let solution = model.solve().map_err(|e| match e {
        ResolutionError::Other(m) if m.contains("Time limit") => {
            SolveFailure::Failed(not_in_time(Backend::Microlp, lp, options))
        }
        e => failure(Backend::Microlp, e),
    })?;
    let values: Vec<f64> = t.columns.iter().map(|&v| solution.value(v)).collect();
    let stopped = solution.status();
    let limit_hit = matches!(stopped, SolutionStatus::TimeLimit);
    // microlp's own proven bound (the least bound of its open nodes, the incumbent once
    // its search is complete), in the program's sense.
    let bound = if lp.has_integers() {
        solution
            .into_inner()
            .stats()
            .best_bound
            .filter(|b| b.is_finite())
    } else {
        simplex_bound(lp, matches!(stopped, SolutionStatus::Optimal), &values)
    };
    let status = judged(lp, &values, bound, limit_hit, options)?;
    Ok(Raw {
        status,
        bound,
        values,
        duals: None,
        load,
        notes: Vec::new(),
    })
}

/// `lp` as a HiGHS problem, passed column-wise (repeated (row, column) entries added up).
#[cfg(feature = "highs")]
pub(crate) fn highs_problem(lp: &LinearProgram) -> highs::ColProblem {
    let mut problem = highs::ColProblem::default();
    let rows: Vec<highs::Row> = lp
        .rows
        .iter()
        .map(|r| match r.cmp {
            Cmp::Le => problem.add_row(..=r.rhs),
            Cmp::Ge => problem.add_row(r.rhs..),
            Cmp::Eq => problem.add_row(r.rhs..=r.rhs),
        })
        .collect();
    // Transpose the rows into columns, adding up repeated (row, column) entries.
    let mut by_column: Vec<Vec<(usize, f64)>> = vec![Vec::new(); lp.columns.len()];
    for (r, row) in lp.rows.iter().enumerate() {
        for &(c, a) in &row.terms {
            match by_column[c].last_mut() {
                Some(last) if last.0 == r => last.1 += a,
                _ => by_column[c].push((r, a)),
            }
        }
    }
    for (c, col) in lp.columns.iter().enumerate() {
        let entries = by_column[c].iter().map(|&(r, a)| (rows[r], a));
        problem.add_column_with_integrality(col.cost, col.lower..=col.upper, entries, col.integer);
    }
    problem
}

/// HiGHS through its own crate (not good_lp): the program is passed column-wise in
/// one go, and the MIP dual bound and gap can be read back.
#[cfg(feature = "highs")]
fn run_highs(lp: &LinearProgram, options: &SolveOptions, initial: Option<&[f64]>) -> Answer {
    use highs::{HighsModelStatus as M, HighsSolutionStatus};
    let loading = Instant::now();
    let problem = highs_problem(lp);
    let sense = match lp.sense {
        Sense::Minimise => highs::Sense::Minimise,
        Sense::Maximise => highs::Sense::Maximise,
    };
    let failed =
        |what: &str, e: &dyn std::fmt::Debug| SolveFailure::Failed(format!("highs: {what}: {e:?}"));
    let mut model = problem
        .try_optimise(sense)
        .map_err(|e| failed("the model was refused", &e))?;
    // The highs crate makes every model quiet when it is created: turn the log back on.
    if options.log {
        for key in ["output_flag", "log_to_console"] {
            model
                .try_set_option(key, true)
                .map_err(|e| failed(&format!("option {key}"), &e))?;
        }
    } else {
        model.make_quiet();
    }
    let mut set = |key: &str, value: highs_value::Value| {
        let r = match value {
            highs_value::Value::F(v) => model.try_set_option(key, v),
            highs_value::Value::I(v) => model.try_set_option(key, v),
        };
        r.map_err(|e| failed(&format!("option {key}"), &e))
    };
    if let Some(t) = options.time_limit {
        set("time_limit", highs_value::Value::F(t))?;
    }
    if lp.has_integers() {
        // Always set: HiGHS's own default happens to be 1e-4 too, but the tolerance is
        // yilian's (see Status), stated and the same on every backend.
        set("mip_rel_gap", highs_value::Value::F(options.stop_gap()))?;
    }
    if let Some(n) = options.threads {
        set(
            "threads",
            highs_value::Value::I(n.min(i32::MAX as u32) as i32),
        )?;
    }
    if let Some(seed) = options.seed {
        set(
            "random_seed",
            highs_value::Value::I((seed % (i32::MAX as u32)) as i32),
        )?;
    }
    if let Some(start) = initial {
        model
            .try_set_solution(Some(start), None, None, None)
            .map_err(|e| failed("the start was refused", &e))?;
    }
    let load = loading.elapsed().as_secs_f64();
    super::highs_threads::prepare(options.threads);
    let solved = model
        .try_solve()
        .map_err(|e| failed("solving failed", &e))?;
    let integer = lp.has_integers();
    let model_status = solved.status();
    let mut notes = Vec::new();
    // Whether a limit stopped HiGHS; ObjectiveBound and ObjectiveTarget are stops on
    // options yilian never sets, read as unproven.
    let limit_hit = match model_status {
        M::Infeasible | M::UnboundedOrInfeasible => return Err(SolveFailure::Infeasible),
        M::Unbounded => return Err(SolveFailure::Unbounded),
        M::Optimal => false,
        M::ObjectiveBound | M::ObjectiveTarget => {
            notes.push(format!(
                "highs stopped with model status {model_status:?}: not a proof of optimality"
            ));
            false
        }
        M::ReachedTimeLimit
        | M::ReachedIterationLimit
        | M::ReachedSolutionLimit
        | M::ReachedInterrupt
        | M::ReachedMemoryLimit => true,
        other => {
            return Err(SolveFailure::Failed(format!(
                "highs: model status {other:?}"
            )))
        }
    };
    if solved.primal_solution_status() != HighsSolutionStatus::Feasible {
        return Err(SolveFailure::Failed(if limit_hit {
            not_in_time(Backend::Highs, lp, options)
        } else {
            "highs: no feasible plan was found before the limit".into()
        }));
    }
    let solution = solved.get_solution();
    let values = solution.columns().to_vec();
    let proven_lp = !integer && model_status == M::Optimal;
    let duals = proven_lp.then(|| solution.dual_rows().to_vec());
    let bound = if integer {
        // HiGHS's own MIP dual bound, never rebuilt from its gap; a non-finite one
        // (no node solved yet) proves nothing.
        solved
            .double_info_value(c"mip_dual_bound")
            .ok()
            .filter(|b| b.is_finite())
    } else if proven_lp {
        Some(lp.objective_of(&values) - lp.offset)
    } else {
        None
    };
    let status = match model_status {
        M::ObjectiveBound | M::ObjectiveTarget => Status::Feasible,
        _ => judged(lp, &values, bound, limit_hit, options)?,
    };
    Ok(Raw {
        status,
        values,
        duals,
        load,
        bound,
        notes,
    })
}

#[cfg(feature = "highs")]
mod highs_value {
    /// An option value for HiGHS.
    pub(super) enum Value {
        F(f64),
        I(i32),
    }
}

#[cfg(feature = "coin_cbc")]
fn run_cbc(lp: &LinearProgram, options: &SolveOptions) -> Answer {
    use good_lp::{WithMipGap, WithTimeLimit};
    let loading = Instant::now();
    let t = translate(lp);
    let problem = match lp.sense {
        Sense::Minimise => t.vars.minimise(t.objective),
        Sense::Maximise => t.vars.maximise(t.objective),
    };
    let mut model = problem.using(good_lp::solvers::coin_cbc::coin_cbc);
    model.set_parameter("log", if options.log { "1" } else { "0" });
    if let Some(seed) = options.seed {
        model.set_parameter("randomCbcSeed", &seed.to_string());
    }
    if let Some(limit) = options.time_limit {
        model = model.with_time_limit(limit);
    }
    if lp.has_integers() {
        model = model
            .with_mip_gap(options.stop_gap() as f32)
            .map_err(|e| SolveFailure::Failed(format!("mip_gap: {e}")))?;
    }
    for c in t.constraints {
        model.add_constraint(c);
    }
    let load = loading.elapsed().as_secs_f64();
    let solution = model.solve().map_err(|e| failure(Backend::CoinCbc, e))?;
    let values: Vec<f64> = t.columns.iter().map(|&v| solution.value(v)).collect();
    let stopped = solution.status();
    let limit_hit = matches!(stopped, SolutionStatus::TimeLimit);
    // CBC's best possible objective (its proven bound, in the program's sense); CBC
    // says "none yet" with a huge value.
    let bound = if lp.has_integers() {
        Some(solution.model().best_possible_value()).filter(|b| b.is_finite() && b.abs() < 1e30)
    } else {
        simplex_bound(lp, matches!(stopped, SolutionStatus::Optimal), &values)
    };
    let status = judged(lp, &values, bound, limit_hit, options)?;
    Ok(Raw {
        status,
        bound,
        values,
        duals: None,
        load,
        notes: Vec::new(),
    })
}

#[cfg(feature = "clarabel")]
fn run_clarabel(lp: &LinearProgram, options: &SolveOptions) -> Answer {
    use clarabel::solver::SolverStatus;
    use good_lp::solvers::{DualValues, SolutionWithDual};
    let loading = Instant::now();
    let t = translate(lp);
    let problem = match lp.sense {
        Sense::Minimise => t.vars.minimise(t.objective),
        Sense::Maximise => t.vars.maximise(t.objective),
    };
    let mut model = problem.using(good_lp::solvers::clarabel::clarabel);
    model.settings().verbose(options.log);
    if let Some(limit) = options.time_limit {
        model.settings().time_limit(limit);
    }
    let refs: Vec<_> = t
        .constraints
        .into_iter()
        .map(|c| model.add_constraint(c))
        .collect();
    let load = loading.elapsed().as_secs_f64();
    let mut solution = model.solve().map_err(|e| match e {
        ResolutionError::Other(m) if m.contains("Time limit") => {
            SolveFailure::Failed(not_in_time(Backend::Clarabel, lp, options))
        }
        e => failure(Backend::Clarabel, e),
    })?;
    let values: Vec<f64> = t.columns.iter().map(|&v| solution.value(v)).collect();
    // good_lp calls every one of these a solution; read Clarabel's own status.
    let inner = solution.inner();
    let (status, bound, notes) = match inner.status {
        SolverStatus::Solved => {
            // Clarabel minimises; a maximisation is passed negated.
            let dual = match lp.sense {
                Sense::Minimise => inner.obj_val_dual,
                Sense::Maximise => -inner.obj_val_dual,
            };
            (Status::Optimal, Some(dual), Vec::new())
        }
        SolverStatus::AlmostSolved => (
            Status::Feasible,
            None,
            vec![
                "clarabel stopped at reduced accuracy (AlmostSolved): no bound and no \
                  shadow prices are reported"
                    .to_string(),
            ],
        ),
        SolverStatus::DualInfeasible | SolverStatus::AlmostDualInfeasible => {
            return Err(SolveFailure::Unbounded)
        }
        other => {
            return Err(SolveFailure::Failed(format!(
                "clarabel: solver status {other:?}"
            )))
        }
    };
    let duals = (status == Status::Optimal).then(|| {
        let d = solution.compute_dual();
        refs.into_iter().map(|r| d.dual(r)).collect()
    });
    Ok(Raw {
        status,
        values,
        duals,
        load,
        bound,
        notes,
    })
}
