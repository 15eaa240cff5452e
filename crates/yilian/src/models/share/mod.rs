//! M6, cost and benefit allocation among consortium members (a cooperative game).
//!
//! The players are the scenario's `members` (or one per `consortium` value). The value
//! `v(S)` of a coalition is the optimal cost of a planning model (rotation, scanners or
//! referral) when only the resources of the members in `S` (pools, rooms, scanners,
//! candidate sites, care capacity, telemedicine links, their share of the budgets)
//! serve the demand of the members in `S`; travel
//! times stay those of the whole network. Each coalition is solved once, side by side on
//! threads, and only values proven optimal (to the MIP gap asked for) enter the game;
//! the rules of [`crate::game`] then share `v(N)`. See `docs/share.md`.
//!
//! ```
//! use yilian::models::share::{Rule, ShareModel, ShareModelKind};
//! use yilian::scenario::Member;
//! use yilian::{Consortium, SolveOptions};
//! let mut s = yilian::generate::county(1);
//! // Three members: the county hospitals with half the townships, two halves of the rest.
//! let ids: Vec<String> = s.institutions.iter().map(|i| i.id.clone()).collect();
//! let third = ids.len() / 3;
//! s.members = vec![
//!     Member::new("a", ids[..third].to_vec()),
//!     Member::new("b", ids[third..2 * third].to_vec()),
//!     Member::new("c", ids[2 * third..].to_vec()),
//! ];
//! let c = Consortium::new(s).unwrap();
//! let r = ShareModel::new(&c, ShareModelKind::Rotation)
//!     .rule(Rule::Shapley)
//!     .solve(&SolveOptions::default())
//!     .unwrap();
//! let total: f64 = r.members.iter().map(|m| m.allocated).sum();
//! assert!((total - r.grand_cost).abs() <= 1e-9 * r.grand_cost.abs().max(1.0));
//! assert_eq!(r.coalitions.len(), 7);
//! ```

mod coalition_scenario;
mod report;
mod rule;
mod transfers;
mod values;

pub use report::{MemberShare, Objection, ShareReport, ShareStats, Transfer, SHARE_FORMAT};
pub use rule::{Rule, ShareModelKind, Weights};
pub use values::{CoalitionValue, GrandPlan, Progress};

use crate::error::{Error, Result};
use crate::game::{sampled_shapley_by, Coalition, Game, EXACT_PLAYERS};
use crate::network::Consortium;
use crate::solve::SolveOptions;
use coalition_scenario::Members;
use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

/// Relative MIP gap to which coalition values are proven when the options give none.
pub const DEFAULT_SHARE_GAP: f64 = 1e-6;

/// Most members for the rules that need every coalition (`2^16 = 65,536` solves).
pub const MAX_EXACT_MEMBERS: usize = 16;

/// Orders sampled by default when the Shapley value is sampled.
pub const DEFAULT_SAMPLES: usize = 1000;

/// Coalition values and the grand coalition's plan, as a value source gives them.
type Solved = (Vec<CoalitionValue>, Option<GrandPlan>);

/// Cost allocation among the members of one consortium.
pub struct ShareModel<'a> {
    consortium: &'a Consortium,
    kind: ShareModelKind,
    rule: Rule,
    samples: Option<usize>,
    seed: u64,
    progress: Option<Progress<'a>>,
}

impl<'a> ShareModel<'a> {
    /// Allocation of `kind`'s optimal cost, by the Shapley value.
    pub fn new(consortium: &'a Consortium, kind: ShareModelKind) -> Self {
        Self {
            consortium,
            kind,
            rule: Rule::Shapley,
            samples: None,
            seed: 0,
            progress: None,
        }
    }

    /// Chooses the rule.
    pub fn rule(mut self, rule: Rule) -> Self {
        self.rule = rule;
        self
    }

    /// Samples the Shapley value from this many random orders (instead of every
    /// coalition).
    pub fn samples(mut self, samples: usize) -> Self {
        self.samples = Some(samples);
        self
    }

    /// Seed of the sampled orders (default 0).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Calls `progress(solved, total)` after each coalition solve.
    pub fn progress(mut self, progress: Progress<'a>) -> Self {
        self.progress = Some(progress);
        self
    }

    /// The members (players), in order.
    pub fn members(&self) -> Result<Vec<crate::scenario::Member>> {
        Ok(Members::new(self.consortium)?.members)
    }

    /// The options of the coalition solves: `options` with [`DEFAULT_SHARE_GAP`] when
    /// it gives no MIP gap; and the gap values are proven to.
    fn solve_options(options: &SolveOptions) -> (SolveOptions, f64) {
        let mut o = options.clone();
        let gap = *o.mip_gap.get_or_insert(DEFAULT_SHARE_GAP);
        (o, gap)
    }

    fn workers(options: &SolveOptions) -> usize {
        options.threads.map_or_else(
            || std::thread::available_parallelism().map_or(1, |n| n.get()),
            |t| t.max(1) as usize,
        )
    }

    /// The whole game: every coalition solved (at most [`MAX_EXACT_MEMBERS`] members),
    /// with the values as solved.
    ///
    /// `options.threads` is the number of coalitions solved side by side (default: the
    /// machine's cores), each with one backend thread.
    pub fn game(&self, options: &SolveOptions) -> Result<(Game, Vec<CoalitionValue>)> {
        options.validate()?;
        let members = Members::new(self.consortium)?;
        let mut source = self.threaded(options);
        let (game, values, _, _) = self.full_game(&members, &mut source)?;
        Ok((game, values))
    }

    /// Every coalition but the empty one, largest first (the longest solves start
    /// early and the threads end together).
    fn every_coalition(members: &Members) -> Result<Vec<Coalition>> {
        let n = members.len();
        if n > MAX_EXACT_MEMBERS {
            return Err(Error::InvalidOption {
                field: "members".into(),
                message: format!(
                    "{n} members: rules over every coalition need 2^{n} solves, at most \
                     {MAX_EXACT_MEMBERS} members (sample the Shapley value instead)"
                ),
            });
        }
        let mut coalitions: Vec<Coalition> = Coalition::all(n).skip(1).collect();
        coalitions.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Ok(coalitions)
    }

    /// The value source of [`ShareModel::solve`]: every coalition asked for solved
    /// once, side by side on `options.threads` threads.
    fn threaded<'s>(
        &'s self,
        options: &'s SolveOptions,
    ) -> impl FnMut(&Members, &[Coalition]) -> Result<Solved> + 's {
        let (o, gap) = Self::solve_options(options);
        let workers = Self::workers(options);
        move |members: &Members, list: &[Coalition]| {
            values::solve_all(
                members,
                self.kind,
                list,
                &o,
                workers,
                gap,
                self.progress.unwrap_or(&no_progress),
            )
        }
    }

    #[allow(clippy::type_complexity)]
    fn full_game(
        &self,
        members: &Members,
        source: &mut dyn FnMut(&Members, &[Coalition]) -> Result<Solved>,
    ) -> Result<(Game, Vec<CoalitionValue>, Option<GrandPlan>, f64)> {
        let n = members.len();
        let coalitions = Self::every_coalition(members)?;
        let start = Instant::now();
        let (values, plan) = source(members, &coalitions)?;
        let seconds = start.elapsed().as_secs_f64();
        let mut table = vec![0.0; 1 << n];
        for v in &values {
            table[v.coalition().index()] = v.cost;
        }
        let game = Game::from_values(n, table)?;
        let mut values = values;
        values.sort_by_key(|v| v.coalition().bits());
        Ok((game, values, plan, seconds))
    }

    /// The coalitions [`ShareModel::solve`] solves for this rule, in the order it
    /// solves them: every one but the empty coalition for the exact rules; for the
    /// sampled Shapley value those its orders need, every singleton and the grand
    /// coalition. For solving them elsewhere (a cluster) and handing the values to
    /// [`ShareModel::solve_from`].
    pub fn coalitions(&self) -> Result<Vec<Coalition>> {
        let members = Members::new(self.consortium)?;
        let n = members.len();
        if self.sampled(n) {
            let mut list = Vec::new();
            let samples = self.samples.unwrap_or(DEFAULT_SAMPLES);
            sampled_shapley_by(n, samples, self.seed, |needed| {
                list = Self::sample_list(n, needed);
                Ok::<_, Error>(vec![0.0; needed.len()])
            })?;
            Ok(list)
        } else {
            Self::every_coalition(&members)
        }
    }

    /// The value of coalition `s` (one solve, with the options [`ShareModel::solve`]
    /// gives each solve: [`DEFAULT_SHARE_GAP`] unless `options` sets a gap); with
    /// `keep_plan`, the coalition's plan too (the grand coalition's gives the
    /// transfers). The value is returned whether or not it is proven optimal;
    /// [`ShareModel::solve_from`] refuses one that is not.
    pub fn solve_coalition(
        &self,
        s: Coalition,
        options: &SolveOptions,
        keep_plan: bool,
    ) -> Result<(CoalitionValue, Option<GrandPlan>)> {
        options.validate()?;
        let members = Members::new(self.consortium)?;
        Self::check_coalition(&members, s)?;
        let (o, _) = Self::solve_options(options);
        values::solve_one(&members, self.kind, s, &o, keep_plan)
    }

    /// The values of `coalitions`, one after the other on this thread (the members'
    /// travel table built once): a batch of tasks for an engine. The grand coalition's
    /// plan is kept, the others' not.
    pub fn solve_coalitions(
        &self,
        coalitions: &[Coalition],
        options: &SolveOptions,
    ) -> Result<Vec<(CoalitionValue, Option<GrandPlan>)>> {
        options.validate()?;
        let members = Members::new(self.consortium)?;
        let (o, _) = Self::solve_options(options);
        let grand = Coalition::grand(members.len());
        coalitions
            .iter()
            .map(|&s| {
                Self::check_coalition(&members, s)?;
                values::solve_one(&members, self.kind, s, &o, s == grand)
            })
            .collect()
    }

    fn check_coalition(members: &Members, s: Coalition) -> Result<()> {
        if s.is_empty() || s.bits() >> members.len() != 0 {
            return Err(Error::InvalidOption {
                field: "coalition".into(),
                message: format!(
                    "{s} is not a non-empty coalition of the {} members",
                    members.len()
                ),
            });
        }
        Ok(())
    }

    /// Shares the grand coalition's cost from values solved elsewhere (each coalition
    /// of [`ShareModel::coalitions`] once, by [`ShareModel::solve_coalition`]) and the
    /// grand coalition's plan (for the transfers; none: no transfers). The same report
    /// as [`ShareModel::solve`] on the same values, without a solve of a coalition.
    ///
    /// Errors: a coalition the rule needs is missing or given twice, or a value is not
    /// proven optimal to the gap of `options` (default [`DEFAULT_SHARE_GAP`]).
    pub fn solve_from(
        &self,
        values: Vec<CoalitionValue>,
        plan: Option<GrandPlan>,
        options: &SolveOptions,
    ) -> Result<ShareReport> {
        let mut by: HashMap<Coalition, CoalitionValue> = HashMap::new();
        for v in values {
            let s = v.coalition();
            if by.insert(s, v).is_some() {
                return Err(Error::InvalidOption {
                    field: "values".into(),
                    message: format!("coalition {s} is given twice"),
                });
            }
        }
        let (_, gap) = Self::solve_options(options);
        let mut plan = plan;
        let mut source = |members: &Members, list: &[Coalition]| -> Result<Solved> {
            let mut out = Vec::with_capacity(list.len());
            for s in list {
                match by.get(s) {
                    Some(v) => out.push(v.clone()),
                    None => {
                        return Err(Error::InvalidOption {
                            field: "values".into(),
                            message: format!(
                                "the value of coalition {} ({s}) is missing",
                                members.label(*s)
                            ),
                        })
                    }
                }
            }
            values::check_proven(members, &out, gap, options)?;
            Ok((out, plan.take()))
        };
        self.solve_by(options, &mut source)
    }

    /// Whether the rule samples the Shapley value.
    fn sampled(&self, n: usize) -> bool {
        self.rule == Rule::Shapley && (self.samples.is_some() || n > EXACT_PLAYERS)
    }

    /// The coalitions sampled orders need, with every singleton and the grand
    /// coalition, largest first.
    fn sample_list(n: usize, needed: &[Coalition]) -> Vec<Coalition> {
        let mut all: BTreeSet<Coalition> = needed.iter().copied().collect();
        all.extend((0..n).map(Coalition::single));
        all.insert(Coalition::grand(n));
        let mut list: Vec<Coalition> = all.into_iter().collect();
        list.sort_by_key(|s| std::cmp::Reverse(s.len()));
        list
    }

    /// Solves the coalitions the rule needs and shares the grand coalition's cost.
    pub fn solve(&self, options: &SolveOptions) -> Result<ShareReport> {
        options.validate()?;
        let mut source = self.threaded(options);
        self.solve_by(options, &mut source)
    }

    /// The report, with the coalition values from `source`.
    fn solve_by(
        &self,
        options: &SolveOptions,
        source: &mut dyn FnMut(&Members, &[Coalition]) -> Result<Solved>,
    ) -> Result<ShareReport> {
        options.validate()?;
        let members = Members::new(self.consortium)?;
        let n = members.len();
        let sampled = self.sampled(n);
        let (_, gap) = Self::solve_options(options);
        let workers = Self::workers(options);
        let mut notes = Vec::new();
        let rule_start;
        let (allocation, errors, values, plan, solve_seconds, game) = if sampled {
            let samples = self.samples.unwrap_or(DEFAULT_SAMPLES);
            let mut solved: Option<(Vec<CoalitionValue>, Option<GrandPlan>, f64)> = None;
            let est = sampled_shapley_by(n, samples, self.seed, |needed| {
                let list = Self::sample_list(n, needed);
                let start = Instant::now();
                let (vals, plan) = source(&members, &list)?;
                let by: HashMap<Coalition, f64> =
                    vals.iter().map(|v| (v.coalition(), v.cost)).collect();
                let out = needed.iter().map(|s| by[s]).collect();
                solved = Some((vals, plan, start.elapsed().as_secs_f64()));
                Ok::<_, Error>(out)
            })?;
            rule_start = Instant::now();
            let (mut vals, plan, secs) = solved.expect("the estimate solved its coalitions");
            vals.sort_by_key(|v| v.coalition().bits());
            notes.push(format!(
                "Shapley value sampled from {samples} random orders (seed {}): {} of {} \
                 coalitions solved; the core check needs every coalition and was not made",
                self.seed,
                vals.len(),
                if n < 64 { (1u64 << n) - 1 } else { u64::MAX }
            ));
            (
                est.values,
                Some(est.standard_errors),
                vals,
                plan,
                secs,
                None,
            )
        } else {
            let (game, vals, plan, secs) = self.full_game(&members, source)?;
            rule_start = Instant::now();
            let x = match self.rule {
                Rule::Shapley => game.shapley(),
                Rule::Nucleolus => game.nucleolus(&lp_options(options))?.allocation,
                Rule::LeastCore => game.least_core(&lp_options(options))?.allocation,
                Rule::Proportional(w) => {
                    let weights = self.weights(&members, &game, w);
                    game.proportional(&weights)?
                }
            };
            (x, None, vals, plan, secs, Some(game))
        };
        let value_of = |s: Coalition| {
            values
                .iter()
                .find(|v| v.coalition() == s)
                .map_or(0.0, |v| v.cost)
        };
        let grand_cost = value_of(Coalition::grand(n));
        let stand_alone: Vec<f64> = (0..n).map(|i| value_of(Coalition::single(i))).collect();
        let weights = match (self.rule, &game) {
            (Rule::Proportional(w), Some(g)) => Some(self.weights(&members, g, w)),
            _ => None,
        };
        let lines = members
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| MemberShare {
                name: m.name.clone(),
                institutions: m.institutions.clone(),
                stand_alone: stand_alone[i],
                allocated: allocation[i],
                saving: stand_alone[i] - allocation[i],
                standard_error: errors.as_ref().map(|e| e[i]),
                weight: weights.as_ref().map(|w| w[i]),
            })
            .collect();
        let (mut in_core, mut objection, mut epsilon, mut levels) = (None, None, None, None);
        if let Some(g) = &game {
            let check = g.core_check(&allocation)?;
            in_core = Some(check.in_core);
            if let Some((s, over)) = check.worst.filter(|_| !check.in_core) {
                objection = Some(Objection {
                    members: s
                        .players()
                        .map(|k| members.members[k].name.clone())
                        .collect(),
                    excess_paid: over,
                });
            }
            let lp = lp_options(options);
            if self.rule == Rule::Nucleolus {
                let nu = g.nucleolus(&lp)?;
                epsilon = Some(nu.epsilon);
                levels = Some(nu.levels);
            } else {
                epsilon = Some(g.least_core(&lp)?.epsilon);
            }
        }
        let rule_seconds = rule_start.elapsed().as_secs_f64();
        let transfers = plan
            .as_ref()
            .map(|p| transfers::transfers(&members, p))
            .unwrap_or_default();
        let max_gap = values.iter().filter_map(|v| v.gap).fold(0.0, f64::max);
        if gap > 0.0 && max_gap > 0.0 {
            notes.push(format!(
                "coalition values are proven within a relative gap of {gap:e} (largest {max_gap:.2e}): \
                 the allocation is exact for these values, the true optimal costs lie within that gap"
            ));
        }
        let secs: Vec<f64> = values.iter().map(|v| v.seconds).collect();
        Ok(ShareReport {
            format: SHARE_FORMAT.into(),
            scenario: self.consortium.scenario().name.clone(),
            model: self.kind.name().into(),
            rule: self.rule.name().into(),
            weights: match self.rule {
                Rule::Proportional(w) => Some(w.name().into()),
                _ => None,
            },
            grand_cost,
            stand_alone_total: stand_alone.iter().sum(),
            savings: stand_alone.iter().sum::<f64>() - grand_cost,
            members: lines,
            in_core,
            objection,
            least_core_epsilon: epsilon,
            nucleolus_levels: levels,
            samples: sampled.then(|| self.samples.unwrap_or(DEFAULT_SAMPLES)),
            seed: sampled.then_some(self.seed),
            tolerance: gap,
            max_gap,
            transfers,
            stats: ShareStats {
                coalitions_solved: values.len(),
                threads: workers.min(values.len().max(1)),
                solve_seconds,
                mean_coalition_seconds: secs.iter().sum::<f64>() / secs.len().max(1) as f64,
                max_coalition_seconds: secs.iter().copied().fold(0.0, f64::max),
                rule_seconds,
            },
            notes,
            coalitions: values,
        })
    }

    /// The weights of a proportional rule.
    fn weights(&self, members: &Members, game: &Game, w: Weights) -> Vec<f64> {
        let s = members.scenario();
        (0..members.len())
            .map(|k| {
                let own = s
                    .institutions
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| members.owner[*i] == Some(k));
                match w {
                    Weights::StandAlone => game.value(Coalition::single(k)).max(0.0),
                    Weights::Population => own.map(|(_, inst)| inst.population).sum(),
                    Weights::Demand => own
                        .map(|(_, inst)| match self.kind {
                            ShareModelKind::Rotation => inst.demand.values().sum::<f64>(),
                            ShareModelKind::Scanners(_) => inst.exams.values().sum::<f64>(),
                            ShareModelKind::Referral(_) => s
                                .care
                                .as_ref()
                                .and_then(|c| c.demand.get(&inst.id))
                                .map_or(0.0, |d| d.values().sum()),
                        })
                        .sum(),
                }
            })
            .collect()
    }
}

/// The options of the game's own LPs (nucleolus, least core): the backend of
/// `options`, one thread, no time limit.
fn lp_options(options: &SolveOptions) -> SolveOptions {
    let mut o = SolveOptions::new(options.backend);
    o.threads = options.threads.map(|_| 1);
    o
}

/// The progress callback when none is given.
fn no_progress(_: usize, _: usize) {}
