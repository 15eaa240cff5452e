//! Exact column generation over M5's pair columns, with one HiGHS instance kept from
//! round to round.
//!
//! The full program (every travel-feasible, capable pair a column) is built as always;
//! HiGHS is first given all of its rows and every column that is not a pair column
//! (unmet and unplaced patients, loads, visits, slacks, M1's columns in joint mode), and
//! of each group of pair columns (one origin and class's acute sites, or its recovery
//! sites) only the few cheapest. The unmet and unplaced columns keep that restricted
//! program feasible. Each round prices every pair column left out with the round's row
//! duals `y`: its reduced cost is `cost - sum_r a[r] y[r]` over the rows it enters
//! (demand, recovery, the load of its site and class, the in-county part), and the most
//! negative of each group are added to the kept instance, whose next solve starts from
//! the last basis. The loop ends when a round prices every left-out pair and finds
//! none below `-tolerance`: the restricted optimum, with the pairs left out at 0, is then
//! primal feasible for the full program and its duals are dual feasible for every
//! column, so it is an optimum of the full program (its objective, values and row
//! duals are returned for the full program's columns and rows).

use crate::solve::{assess, LinearProgram, LpSolution, Sense, SolveFailure, SolveOptions};
use highs::{HighsModelStatus as M, HighsSolutionStatus};
use std::ops::Range;
use std::os::raw::c_int;
use std::time::Instant;

/// How many of each group's cheapest columns the first restricted program holds.
const FIRST: usize = 3;
/// Most columns of one group added in one round (its most negative reduced costs).
const PER_ROUND: usize = 3;

/// A pair column prices in when its reduced cost is below `-TOLERANCE x max(1, |cost|)`
/// (HiGHS's own dual feasibility tolerance is 1e-7).
const TOLERANCE: f64 = 1e-7;

/// What column generation did, for the plan's notes and the tests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rounds {
    /// HiGHS solves (the last one proven optimal for the full program by pricing).
    pub solves: usize,
    /// Pair columns in the first restricted program.
    pub first: usize,
    /// Pair columns in the last restricted program.
    pub last: usize,
    /// Pair columns of the full program.
    pub pairs: usize,
    /// Objective of the first restricted program.
    pub first_objective: f64,
}

/// The full program's matrix by column (repeated (row, column) entries added up).
struct ByColumn {
    start: Vec<usize>,
    row: Vec<c_int>,
    value: Vec<f64>,
}

impl ByColumn {
    fn new(lp: &LinearProgram) -> Self {
        let mut count = vec![0usize; lp.columns.len() + 1];
        for row in &lp.rows {
            for &(c, _) in &row.terms {
                count[c + 1] += 1;
            }
        }
        for c in 0..lp.columns.len() {
            count[c + 1] += count[c];
        }
        let nz = count[lp.columns.len()];
        let mut fill = count.clone();
        let (mut row_of, mut value) = (vec![0 as c_int; nz], vec![0.0; nz]);
        for (r, row) in lp.rows.iter().enumerate() {
            for &(c, a) in &row.terms {
                // A column repeated within one row: its entries are adjacent here, as
                // rows are filled in order.
                if fill[c] > count[c] && row_of[fill[c] - 1] == r as c_int {
                    value[fill[c] - 1] += a;
                } else {
                    row_of[fill[c]] = r as c_int;
                    value[fill[c]] = a;
                    fill[c] += 1;
                }
            }
        }
        // Squeeze out the places left by merged duplicates.
        let mut start = vec![0usize; lp.columns.len() + 1];
        let mut at = 0;
        for c in 0..lp.columns.len() {
            let from = count[c];
            start[c] = at;
            for q in from..fill[c] {
                row_of[at] = row_of[q];
                value[at] = value[q];
                at += 1;
            }
        }
        start[lp.columns.len()] = at;
        row_of.truncate(at);
        value.truncate(at);
        Self {
            start,
            row: row_of,
            value,
        }
    }

    fn entries(&self, c: usize) -> Range<usize> {
        self.start[c]..self.start[c + 1]
    }

    /// `cost - sum_r a[r] y[r]` of column `c`.
    fn reduced_cost(&self, lp: &LinearProgram, c: usize, duals: &[f64]) -> f64 {
        let mut d = lp.columns[c].cost;
        for k in self.entries(c) {
            d -= self.value[k] * duals[self.row[k] as usize];
        }
        d
    }
}

/// The HiGHS columns being built for one `Highs_addCols` call.
#[derive(Default)]
struct NewColumns {
    cost: Vec<f64>,
    lower: Vec<f64>,
    upper: Vec<f64>,
    start: Vec<c_int>,
    index: Vec<c_int>,
    value: Vec<f64>,
}

impl NewColumns {
    fn push(&mut self, lp: &LinearProgram, m: &ByColumn, c: usize) {
        let col = &lp.columns[c];
        self.cost.push(col.cost);
        self.lower.push(col.lower);
        self.upper.push(col.upper);
        self.start.push(self.index.len() as c_int);
        for k in m.entries(c) {
            self.index.push(m.row[k]);
            self.value.push(m.value[k]);
        }
    }

    /// Adds the columns to `model` (which keeps its basis: the new columns are
    /// nonbasic at their lower bound 0).
    fn add_to(&self, model: &mut highs::Model) -> Result<(), SolveFailure> {
        if self.cost.is_empty() {
            return Ok(());
        }
        // SAFETY: the arrays have the lengths HiGHS reads (`cost.len()` columns, their
        // starts into `index`/`value` of `index.len()` entries), every row index is
        // below the model's row count (the model holds all rows of the program), and
        // the pointer is the model's own live HiGHS instance.
        let status = unsafe {
            highs_sys::Highs_addCols(
                model.as_mut_ptr(),
                self.cost.len() as c_int,
                self.cost.as_ptr(),
                self.lower.as_ptr(),
                self.upper.as_ptr(),
                self.index.len() as c_int,
                self.start.as_ptr(),
                self.index.as_ptr(),
                self.value.as_ptr(),
            )
        };
        if status == highs_sys::STATUS_ERROR {
            return Err(SolveFailure::Failed(
                "highs: adding priced columns failed".into(),
            ));
        }
        Ok(())
    }
}

/// Solves `lp`, whose pair columns are `groups` (ranges of column indices, each
/// column with bounds `[0, inf)`), by column generation with HiGHS. The answer is the
/// full program's: values for all of its columns, duals for all of its rows.
pub(crate) fn solve(
    lp: &LinearProgram,
    groups: &[Range<usize>],
    options: &SolveOptions,
) -> Result<(LpSolution, Rounds), SolveFailure> {
    let started = Instant::now();
    let deadline = options.time_limit.map(|t| (started, t));
    let m = ByColumn::new(lp);
    let failed = |what: &str| SolveFailure::Failed(format!("highs: {what}"));

    // The first restricted program: every column outside the groups and the FIRST
    // cheapest of each group.
    let mut held = vec![true; lp.columns.len()];
    let mut pairs = 0;
    for g in groups {
        pairs += g.len();
        if g.len() <= first_n() {
            continue;
        }
        let mut by_cost: Vec<usize> = g.clone().collect();
        by_cost.sort_by(|&a, &b| lp.columns[a].cost.total_cmp(&lp.columns[b].cost));
        for &c in &by_cost[first_n()..] {
            held[c] = false;
        }
    }
    let left_out = held.iter().filter(|h| !**h).count();
    let first = pairs - left_out;
    // HiGHS column k is program column order[k].
    let mut order: Vec<usize> = (0..lp.columns.len()).filter(|&c| held[c]).collect();

    let loading = Instant::now();
    let mut problem = highs::ColProblem::default();
    let rows: Vec<highs::Row> = lp
        .rows
        .iter()
        .map(|r| match r.cmp {
            crate::solve::Cmp::Le => problem.add_row(..=r.rhs),
            crate::solve::Cmp::Ge => problem.add_row(r.rhs..),
            crate::solve::Cmp::Eq => problem.add_row(r.rhs..=r.rhs),
        })
        .collect();
    for &c in &order {
        let col = &lp.columns[c];
        let entries = m.entries(c).map(|k| (rows[m.row[k] as usize], m.value[k]));
        problem.add_column_with_integrality(col.cost, col.lower..=col.upper, entries, false);
    }
    let sense = match lp.sense {
        Sense::Minimise => highs::Sense::Minimise,
        Sense::Maximise => highs::Sense::Maximise,
    };
    let mut model = problem
        .try_optimise(sense)
        .map_err(|e| failed(&format!("the model was refused: {e:?}")))?;
    configure(&mut model, options)?;
    let load_seconds = loading.elapsed().as_secs_f64();

    let improving = |d: f64, cost: f64| {
        let tol = TOLERANCE * cost.abs().max(1.0);
        match lp.sense {
            Sense::Minimise => d < -tol,
            Sense::Maximise => d > tol,
        }
    };
    let mut solves = 0;
    let mut first_objective = f64::NAN;
    loop {
        if let Some((t0, limit)) = deadline {
            let left = (limit - t0.elapsed().as_secs_f64()).max(0.0);
            model
                .try_set_option("time_limit", left)
                .map_err(|e| failed(&format!("option time_limit: {e:?}")))?;
        }
        crate::solve::highs_threads::prepare(options.threads);
        let solved = model
            .try_solve()
            .map_err(|e| failed(&format!("solving failed: {e:?}")))?;
        solves += 1;
        if solves == 1 {
            first_objective = solved.objective_value() + lp.offset;
        }
        let limit_hit = match solved.status() {
            M::Optimal => false,
            M::Infeasible | M::UnboundedOrInfeasible => return Err(SolveFailure::Infeasible),
            M::Unbounded => return Err(SolveFailure::Unbounded),
            M::ReachedTimeLimit
            | M::ReachedIterationLimit
            | M::ReachedInterrupt
            | M::ReachedMemoryLimit => true,
            other => return Err(failed(&format!("model status {other:?}"))),
        };
        if limit_hit && solved.primal_solution_status() != HighsSolutionStatus::Feasible {
            return Err(failed(
                "the referral model was not solved within the time limit",
            ));
        }
        let solution = solved.get_solution();
        let duals = solution.dual_rows();
        let mut add = NewColumns::default();
        if !limit_hit {
            for g in groups {
                let mut priced: Vec<(f64, usize)> = g
                    .clone()
                    .filter(|&c| !held[c])
                    .map(|c| (m.reduced_cost(lp, c, duals), c))
                    .filter(|&(d, c)| improving(d, lp.columns[c].cost))
                    .collect();
                if lp.sense == Sense::Maximise {
                    priced.iter_mut().for_each(|p| p.0 = -p.0);
                }
                priced.sort_by(|a, b| a.0.total_cmp(&b.0));
                for &(_, c) in priced.iter().take(per_round()) {
                    add.push(lp, &m, c);
                    held[c] = true;
                    order.push(c);
                }
            }
        }
        if limit_hit || add.cost.is_empty() {
            // Every pair left out priced at >= -tolerance (or the time limit stopped
            // the search): the restricted answer, pairs left out at 0.
            let mut values = vec![0.0; lp.columns.len()];
            for (&c, &x) in order.iter().zip(solution.columns()) {
                values[c] = x;
            }
            let row_duals = (!limit_hit).then(|| duals.to_vec());
            let rounds = Rounds {
                solves,
                first,
                last: pairs - held.iter().filter(|h| !**h).count(),
                pairs,
                first_objective,
            };
            return answer(lp, values, row_duals, limit_hit, options).map(|mut s| {
                s.load_seconds = load_seconds;
                s.seconds = started.elapsed().as_secs_f64() - load_seconds;
                s.notes.push(format!(
                    "highs column generation: {} solves, {} of {} pair columns in the \
                         last restricted program (first {}), every pair priced at the end",
                    rounds.solves, rounds.last, rounds.pairs, rounds.first
                ));
                (s, rounds)
            });
        }
        model = highs::Model::from(solved);
        add.add_to(&mut model)?;
    }
}

// TEMPORARY tuning knobs (removed before merge).
fn first_n() -> usize {
    std::env::var("YILIAN_CG_FIRST")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(FIRST)
}
fn per_round() -> usize {
    std::env::var("YILIAN_CG_ROUND")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(PER_ROUND)
}

/// HiGHS's options from `options` (time limit set per round by the caller).
fn configure(model: &mut highs::Model, options: &SolveOptions) -> Result<(), SolveFailure> {
    let failed = |key: &str, e: &dyn std::fmt::Debug| {
        SolveFailure::Failed(format!("highs: option {key}: {e:?}"))
    };
    if options.log {
        for key in ["output_flag", "log_to_console"] {
            model
                .try_set_option(key, true)
                .map_err(|e| failed(key, &e))?;
        }
    } else {
        model.make_quiet();
    }
    if let Ok(extra) = std::env::var("YILIAN_CG_OPTS") {
        for kv in extra.split(',') {
            let (k, v) = kv.split_once('=').unwrap();
            if let Ok(i) = v.parse::<i32>() {
                model.try_set_option(k, i).unwrap();
            } else {
                model.try_set_option(k, v).unwrap();
            }
        }
    }
    if let Some(n) = options.threads {
        let n = n.min(i32::MAX as u32) as i32;
        model
            .try_set_option("threads", n)
            .map_err(|e| failed("threads", &e))?;
    }
    if let Some(seed) = options.seed {
        let seed = (seed % (i32::MAX as u32)) as i32;
        model
            .try_set_option("random_seed", seed)
            .map_err(|e| failed("random_seed", &e))?;
    }
    Ok(())
}

/// The full program's answer from the last round's values and duals, checked against
/// every row as [`crate::solve::solve`] checks every backend's answer.
fn answer(
    lp: &LinearProgram,
    values: Vec<f64>,
    row_duals: Option<Vec<f64>>,
    limit_hit: bool,
    options: &SolveOptions,
) -> Result<LpSolution, SolveFailure> {
    let violation = lp.worst_violation(&values);
    if violation > 1e-5 {
        return Err(SolveFailure::Failed(format!(
            "highs: the values returned break a row by {violation:.3e}"
        )));
    }
    let objective = lp.objective_of(&values);
    // A simplex optimum proven for the full program by pricing is its own bound.
    let bound = (!limit_hit).then_some(objective);
    let (gap, status) = assess(objective, bound, lp.sense, limit_hit, options)
        .map_err(|e| SolveFailure::Failed(format!("highs: {e}")))?;
    Ok(LpSolution {
        status,
        objective,
        values,
        row_duals,
        bound,
        gap,
        load_seconds: 0.0,
        seconds: 0.0,
        notes: options.unhonoured(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::{build, care_of, Built};
    use crate::network::Consortium;
    use crate::solve::{solve, Backend, Cmp, SolveOptions, Status};
    use crate::{generate, RotationModel, Scenario};

    /// Reduced cost of every column of the full program under `duals`, from its rows
    /// (not from the by-column copy that pricing uses).
    fn reduced_costs(b: &Built<'_>, duals: &[f64]) -> Vec<f64> {
        let mut d: Vec<f64> = b.lp.columns.iter().map(|c| c.cost).collect();
        for (r, row) in b.lp.rows.iter().enumerate() {
            for &(c, a) in &row.terms {
                d[c] -= a * duals[r];
            }
        }
        d
    }

    /// Column generation against HiGHS on the whole program, on one built program:
    /// the same objective, a proof of optimality of the column generation's answer
    /// for the full program from its own duals (every column's reduced cost >= 0 and
    /// 0 wherever the column is positive, every row's dual of the right sign), and
    /// its first restricted program strictly worse, so that pricing had work to do.
    fn agrees_with_the_full_program(b: &Built<'_>, what: &str) {
        let options = SolveOptions::new(Backend::Highs);
        let full = solve(&b.lp, &options).unwrap();
        let (cg, rounds) = super::solve(&b.lp, &b.pair_columns(), &options).unwrap();
        assert_eq!(cg.status, Status::Optimal, "{what}");
        let scale = full.objective.abs().max(1.0);
        assert!(
            (cg.objective - full.objective).abs() <= 1e-7 * scale,
            "{what}: column generation {} against the full program {}",
            cg.objective,
            full.objective
        );
        assert!(
            rounds.solves >= 2 && rounds.last > rounds.first && rounds.first < rounds.pairs,
            "{what}: pricing must add pairs: {rounds:?}"
        );
        assert!(
            rounds.first_objective > full.objective + 1e-6 * scale,
            "{what}: the first restricted program must be worse: {rounds:?}, full {}",
            full.objective
        );
        let duals = cg.row_duals.as_ref().expect("duals of a proven LP");
        let d = reduced_costs(b, duals);
        for (c, col) in b.lp.columns.iter().enumerate() {
            let tol = 1e-6 * col.cost.abs().max(1.0);
            let x = cg.values[c];
            // Every column here has a lower bound; one at an infinite upper bound may
            // only have d >= 0, one strictly between its bounds d = 0.
            assert!(col.lower.is_finite(), "{what}: column {c}");
            if x > col.lower + 1e-7 && x < col.upper - 1e-7 {
                assert!(
                    d[c].abs() <= tol,
                    "{what}: basic column {c} has d = {}",
                    d[c]
                );
            } else if x <= col.lower + 1e-7 {
                assert!(
                    d[c] >= -tol,
                    "{what}: column {c} at its lower bound has d = {}",
                    d[c]
                );
            }
        }
        for (r, row) in b.lp.rows.iter().enumerate() {
            let lhs: f64 = row.terms.iter().map(|&(c, a)| a * cg.values[c]).sum();
            let y = duals[r];
            let slack = (lhs - row.rhs).abs() > 1e-6 * row.rhs.abs().max(1.0);
            match row.cmp {
                Cmp::Le => assert!(y <= 1e-6, "{what}: <= row {r} dual {y}"),
                Cmp::Ge => assert!(y >= -1e-6, "{what}: >= row {r} dual {y}"),
                Cmp::Eq => {}
            }
            if slack {
                assert!(y.abs() <= 1e-6, "{what}: slack row {r} has dual {y}");
            }
        }
    }

    fn both_modes(s: Scenario, what: &str) {
        let c = Consortium::new(s).unwrap();
        let care = care_of(&c).unwrap();
        let rotation = RotationModel::new(&c)
            .solve(&SolveOptions::new(Backend::Highs))
            .unwrap();
        agrees_with_the_full_program(
            &build(&c, care, Some(&rotation)),
            &format!("{what} sequential"),
        );
        agrees_with_the_full_program(&build(&c, care, None), &format!("{what} joint"));
    }

    #[test]
    fn referral_column_generation_matches_the_full_program_on_a_county() {
        both_modes(generate::county(3), "county 3");
    }

    #[test]
    fn referral_column_generation_matches_the_full_program_on_a_city() {
        both_modes(generate::city(5), "city 5");
    }
}
