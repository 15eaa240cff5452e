//! The nucleolus and the least core, by a sequence of linear programs.
//!
//! For a cost game, the excess of a coalition under an allocation `x` is
//! `e(S) = v(S) - x(S)`, what `S` saves by staying in the grand coalition. Round `k`
//! solves
//!
//! `max t  s.t.  x(S) + t <= v(S)` for every coalition `S` not yet fixed,
//! `x(S) = v(S) - t_j` for the coalitions fixed in an earlier round `j`, `x(N) = v(N)`,
//!
//! then fixes at `t_k` the coalitions whose excess is `t_k` in **every** optimum: those
//! with a non-zero dual, and the other tight ones whose excess cannot rise above `t_k`
//! (one LP each, `min x(S)` with `t = t_k`; a solution of such an LP that leaves other
//! tight coalitions slack spares their own LP). The rounds end when the fixed coalitions
//! and `N` span every player: the nucleolus is then the solution of their equations.
//! The first round is the least core: `epsilon = -t_1` is the smallest `e` such that
//! `x(S) <= v(S) + e` for every proper coalition has a solution.
//!
//! Up to [`EXACT_PLAYERS`] players every coalition is a row. Beyond, rows are generated:
//! each LP starts from the singletons, their complements and the rows found so far, and
//! the most violated coalitions of the table are added until none is violated.

use super::span::{solve_incidence, Span};
use super::{Coalition, Game};
use crate::error::{Error, Result};
use crate::solve::{solve, Cmp, LinearProgram, LpSolution, Sense, SolveOptions};

/// Most players for which every coalition is a row of the LPs; beyond, rows are
/// generated.
pub const EXACT_PLAYERS: usize = 12;

/// Relative tolerance (against the largest value) of tightness and violation.
const TOL: f64 = 1e-7;

/// Coalitions added per round of row generation.
const ROWS_PER_ROUND: usize = 64;

/// The nucleolus of a cost game.
#[derive(Debug, Clone, PartialEq)]
pub struct Nucleolus {
    /// The allocation (adds up to `v(N)`).
    pub allocation: Vec<f64>,
    /// The excess levels `t_1 < t_2 < ...` of the rounds, in the game's units.
    pub levels: Vec<f64>,
    /// The least-core epsilon, `-t_1`: the core is empty when it is positive.
    pub epsilon: f64,
    /// Linear programs solved.
    pub lps: usize,
}

/// A point of the least core.
#[derive(Debug, Clone, PartialEq)]
pub struct LeastCore {
    /// An allocation with `x(S) <= v(S) + epsilon` for every proper coalition (one
    /// vertex of the least core; the nucleolus is its distinguished point).
    pub allocation: Vec<f64>,
    /// The smallest such epsilon: `<= 0` when the core is not empty, and then `-epsilon`
    /// is the saving every coalition can be guaranteed at least.
    pub epsilon: f64,
    /// Linear programs solved.
    pub lps: usize,
}

impl Game {
    /// The nucleolus, through the LP backend of `options` (HiGHS recommended; any
    /// backend works: without duals, tight coalitions are probed by LPs).
    ///
    /// ```
    /// use yilian::game::Game;
    /// use yilian::SolveOptions;
    /// // v(i) = 6 each, pairs 8, all three 12: savings 6 shared equally.
    /// let g = Game::from_fn(3, |s| [0.0, 6.0, 8.0, 12.0][s.len()]).unwrap();
    /// let nu = g.nucleolus(&SolveOptions::default()).unwrap();
    /// for x in &nu.allocation { assert!((x - 4.0).abs() < 1e-6); }
    /// ```
    pub fn nucleolus(&self, options: &SolveOptions) -> Result<Nucleolus> {
        let generate = self.players() > EXACT_PLAYERS;
        Sequence::new(self, options, generate)?
            .run(false)
            .map(|(nu, _)| nu)
    }

    /// The nucleolus with rows generated whatever the number of players (what
    /// [`Game::nucleolus`] does beyond [`EXACT_PLAYERS`]): the same answer, from smaller
    /// LPs.
    pub fn nucleolus_by_generation(&self, options: &SolveOptions) -> Result<Nucleolus> {
        Sequence::new(self, options, true)?
            .run(false)
            .map(|(nu, _)| nu)
    }

    /// The least core and its epsilon (the first LP of the nucleolus).
    ///
    /// ```
    /// use yilian::game::Game;
    /// use yilian::SolveOptions;
    /// // Pairs cost 1, all three 2, singles 1: x(S) <= v(S) needs x_i + x_j <= 1 for
    /// // every pair, so 2 x(N) <= 3 < 4: the core is empty; epsilon = 1/3.
    /// let g = Game::from_fn(3, |s| [0.0, 1.0, 1.0, 2.0][s.len()]).unwrap();
    /// let lc = g.least_core(&SolveOptions::default()).unwrap();
    /// assert!((lc.epsilon - 1.0 / 3.0).abs() < 1e-6);
    /// ```
    pub fn least_core(&self, options: &SolveOptions) -> Result<LeastCore> {
        let generate = self.players() > EXACT_PLAYERS;
        let (nu, first) = Sequence::new(self, options, generate)?.run(true)?;
        Ok(LeastCore {
            allocation: first,
            epsilon: nu.epsilon,
            lps: nu.lps,
        })
    }
}

/// The state of the rounds, on values scaled to at most 1.
struct Sequence<'a> {
    game: &'a Game,
    options: &'a SolveOptions,
    scale: f64,
    /// Scaled values.
    v: Vec<f64>,
    /// Level at which each coalition was fixed (`None`: free).
    fixed: Vec<Option<f64>>,
    /// Rows in use (row generation); every free coalition up to `EXACT_PLAYERS`.
    active: Vec<bool>,
    span: Span,
    /// Basis coalitions with the right-hand side of their equation.
    equations: Vec<(Coalition, f64)>,
    lps: usize,
}

/// What an LP of the sequence optimises.
#[derive(Clone, Copy)]
enum Goal {
    /// `max t` over the free rows.
    Level,
    /// `min x(S)` with every free excess at least `t`.
    Probe(Coalition, f64),
}

impl<'a> Sequence<'a> {
    fn new(game: &'a Game, options: &'a SolveOptions, generate: bool) -> Result<Self> {
        let n = game.players();
        if n < 2 {
            return Err(Error::InvalidOption {
                field: "players".into(),
                message: format!("{n}: the least core and nucleolus need at least 2 players"),
            });
        }
        options.validate()?;
        let scale = game.scale();
        let v: Vec<f64> = game.values().iter().map(|x| x / scale).collect();
        let all = 1usize << n;
        let mut fixed = vec![None; all];
        fixed[0] = Some(0.0);
        let grand = game.grand();
        fixed[grand.index()] = Some(0.0);
        let mut active = vec![!generate; all];
        for i in 0..n {
            active[1 << i] = true;
            active[grand.without(i).index()] = true;
        }
        let mut span = Span::new(n);
        span.add(grand);
        Ok(Self {
            game,
            options,
            scale,
            v,
            fixed,
            active,
            span,
            equations: vec![(grand, v_grand(game, scale))],
            lps: 0,
        })
    }

    /// The rounds; with `first_only`, stops after the least core. Returns the nucleolus
    /// (or only its epsilon) and the least-core point of the first round.
    fn run(mut self, first_only: bool) -> Result<(Nucleolus, Vec<f64>)> {
        let n = self.game.players();
        let mut levels = Vec::new();
        let mut first_point = Vec::new();
        while self.span.rank() < n {
            let (x, t, duals) = self.solve_generated(Goal::Level)?;
            if levels.is_empty() {
                first_point = x.iter().map(|a| a * self.scale).collect();
                if first_only {
                    levels.push(t);
                    break;
                }
            }
            levels.push(t);
            let fixed_now = self.fix_tight(&x, t, duals.as_deref())?;
            if fixed_now == 0 {
                return Err(Error::Solver {
                    backend: self.options.backend.name().into(),
                    message: format!(
                        "the nucleolus made no progress at excess level {:e} (numerical trouble)",
                        t * self.scale
                    ),
                });
            }
        }
        let allocation = if first_only {
            first_point.clone()
        } else {
            let x = solve_incidence(n, &self.equations).ok_or_else(|| Error::Solver {
                backend: self.options.backend.name().into(),
                message: "the nucleolus's equations are singular (numerical trouble)".into(),
            })?;
            x.iter().map(|a| a * self.scale).collect()
        };
        if first_point.is_empty() {
            first_point = allocation.clone();
        }
        let epsilon = levels.first().map_or(0.0, |t| -t * self.scale);
        Ok((
            Nucleolus {
                allocation,
                levels: levels.iter().map(|t| t * self.scale).collect(),
                epsilon,
                lps: self.lps,
            },
            first_point,
        ))
    }

    /// Fixes at level `t` the free coalitions whose excess is `t` in every optimum.
    fn fix_tight(
        &mut self,
        x: &[f64],
        t: f64,
        duals: Option<&[(Coalition, f64)]>,
    ) -> Result<usize> {
        let sums = self.game.coalition_sums(x);
        let mut candidates: Vec<Coalition> = (1..self.v.len())
            .filter(|&b| self.fixed[b].is_none() && self.v[b] - sums[b] <= t + TOL)
            .map(|b| Coalition::from_bits(b as u64))
            .collect();
        let mut fixed_now = 0;
        // A non-zero dual proves the row tight in every optimum.
        if let Some(duals) = duals {
            for &(s, d) in duals {
                if d.abs() > TOL && self.fixed[s.index()].is_none() {
                    self.fix(s, t);
                    fixed_now += 1;
                }
            }
        }
        while let Some(s) = candidates.pop() {
            if self.fixed[s.index()].is_some() {
                continue;
            }
            if self.span.contains(s) {
                // Its excess is determined by the fixed rows, and it is tight now.
                self.fix(s, t);
                fixed_now += 1;
                continue;
            }
            let (y, _, _) = self.solve_generated(Goal::Probe(s, t))?;
            let ys = self.game.coalition_sums(&y);
            if self.v[s.index()] - ys[s.index()] <= t + TOL {
                self.fix(s, t);
                fixed_now += 1;
            }
            // Tight candidates this solution leaves slack are not fixed at t.
            candidates.retain(|c| self.v[c.index()] - ys[c.index()] <= t + TOL);
        }
        Ok(fixed_now)
    }

    fn fix(&mut self, s: Coalition, t: f64) {
        self.fixed[s.index()] = Some(t);
        if self.span.add(s) {
            self.equations.push((s, self.v[s.index()] - t));
        }
    }

    /// Solves the LP of `goal`, adding violated rows until none is. Returns `x`, `t`
    /// and (for [`Goal::Level`], when the backend gives them) the duals of the free rows.
    #[allow(clippy::type_complexity)]
    fn solve_generated(
        &mut self,
        goal: Goal,
    ) -> Result<(Vec<f64>, f64, Option<Vec<(Coalition, f64)>>)> {
        if matches!(goal, Goal::Level) {
            // t needs a free row above it: activate one if generation left none.
            let free_active = (1..self.v.len()).any(|b| self.fixed[b].is_none() && self.active[b]);
            if !free_active {
                if let Some(b) = (1..self.v.len()).find(|&b| self.fixed[b].is_none()) {
                    self.active[b] = true;
                }
            }
        }
        loop {
            let (x, t, duals) = self.solve_once(goal)?;
            if self.active.iter().all(|&a| a) {
                return Ok((x, t, duals));
            }
            let sums = self.game.coalition_sums(&x);
            let mut violated: Vec<(f64, usize)> = (1..self.v.len())
                .filter(|&b| self.fixed[b].is_none() && !self.active[b])
                .map(|b| (self.v[b] - sums[b], b))
                .filter(|&(e, _)| e < t - TOL)
                .collect();
            if violated.is_empty() {
                return Ok((x, t, duals));
            }
            violated.sort_by(|a, b| a.0.total_cmp(&b.0));
            for &(_, b) in violated.iter().take(ROWS_PER_ROUND) {
                self.active[b] = true;
            }
        }
    }

    #[allow(clippy::type_complexity)]
    fn solve_once(&mut self, goal: Goal) -> Result<(Vec<f64>, f64, Option<Vec<(Coalition, f64)>>)> {
        let n = self.game.players();
        let sense = match goal {
            Goal::Level => Sense::Maximise,
            Goal::Probe(..) => Sense::Minimise,
        };
        let mut lp = LinearProgram::new(sense);
        for i in 0..n {
            let cost = match goal {
                Goal::Probe(s, _) if s.contains(i) => 1.0,
                _ => 0.0,
            };
            lp.add_column(f64::NEG_INFINITY, f64::INFINITY, cost, false);
        }
        let t_col = match goal {
            Goal::Level => Some(lp.add_column(f64::NEG_INFINITY, f64::INFINITY, 1.0, false)),
            Goal::Probe(..) => None,
        };
        let terms = |s: Coalition| s.players().map(|i| (i, 1.0)).collect::<Vec<_>>();
        for &(s, rhs) in &self.equations {
            lp.add_row(terms(s), Cmp::Eq, rhs);
        }
        let mut free_rows = Vec::new();
        for b in 1..self.v.len() {
            if self.fixed[b].is_some() || !self.active[b] {
                continue;
            }
            let s = Coalition::from_bits(b as u64);
            let mut row = terms(s);
            let rhs = match (goal, t_col) {
                (Goal::Level, Some(t)) => {
                    row.push((t, 1.0));
                    self.v[b]
                }
                (Goal::Probe(_, level), _) => self.v[b] - level,
                _ => unreachable!("the level LP has a t column"),
            };
            free_rows.push((s, lp.add_row(row, Cmp::Le, rhs)));
        }
        self.lps += 1;
        let sol: LpSolution = solve(&lp, self.options).map_err(|e| {
            e.into_error(
                self.options.backend,
                "the nucleolus LP (a bounded, feasible program: please report this game)",
            )
        })?;
        let x = sol.values[..n].to_vec();
        let t = match (goal, t_col) {
            (Goal::Level, Some(c)) => sol.values[c],
            (Goal::Probe(_, level), _) => level,
            _ => unreachable!("the level LP has a t column"),
        };
        let duals = sol
            .row_duals
            .filter(|_| matches!(goal, Goal::Level))
            .map(|d| free_rows.iter().map(|&(s, r)| (s, d[r])).collect());
        Ok((x, t, duals))
    }
}

fn v_grand(game: &Game, scale: f64) -> f64 {
    game.value(game.grand()) / scale
}
