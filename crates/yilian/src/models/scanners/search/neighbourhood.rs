//! A MIP neighbourhood of a plan (large neighbourhood search): the new units of a window
//! of nearby candidate stations are freed and the small MIP left is solved exactly, all
//! other units fixed at the plan.
//!
//! The restricted program: the demands with a flow arc into a window station (`D_W`),
//! every station those demands reach, and their flows. Units outside the window are
//! fixed at the plan (those stations become stations without candidates, whose
//! capacity is what the plan leaves after the flows of demands outside `D_W`); the
//! budget and the count of new units are what the units outside the window leave.
//! Window stations keep the strong linking rows of [`build`]. The plan restricted to
//! the window is feasible there and is handed to the backend as its start, so the
//! sub-MIP's answer is never worse; its units, priced again on the whole network by the
//! LP at fixed units (where the other demands may move too), are never worse either up
//! to solver tolerances, which is why the caller compares the priced cost.
//!
//! Windows whose programs share no station are solved side by side on the machine's
//! cores (one backend thread each); only the first of such a batch may spend the
//! budget the plan leaves unspent, so that their answers combine into a feasible plan.
//!
//! The window around a centre station is made of the candidate stations closest to it
//! by travel: the distance of station `s` from centre `c` is the least
//! `minutes(i, c) + minutes(i, s)` over the institutions `i` that reach both (any
//! modality), so a window may mix modalities that compete for the budget.

use super::budget::Budget;
use super::pricing::{Priced, Pricer};
use crate::models::scanners::bound::lagrangian::Relaxation;
use crate::models::scanners::exam_graph::{Demand, ExamGraph, Flow, Station};
use crate::models::scanners::formulation::{build, Formulation, Goal};
use crate::scenario::Imaging;
use crate::solve::{solve_with_hints, SolveFailure, SolveHints, SolveOptions};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// The data a window is built from: the network, and flows by institution.
pub(crate) struct Neighbourhoods<'a> {
    net: &'a ExamGraph,
    im: &'a Imaging,
    goal: Goal,
    /// Demand index of each flow.
    demand_of_flow: Vec<usize>,
    /// Flow indices of each institution (every modality).
    by_institution: HashMap<usize, Vec<usize>>,
    /// Stations where new units may be added.
    pub candidates: Vec<usize>,
}

/// A restricted MIP around a window, with the plan as its start.
#[derive(Debug, Clone)]
pub(crate) struct SubProblem {
    /// The program (window units integer, everything else continuous).
    pub formulation: Formulation,
    /// Station of the whole network of each station of the program.
    pub stations: Vec<usize>,
    /// The plan restricted to the program: a feasible point.
    pub start: Vec<f64>,
}

impl<'a> Neighbourhoods<'a> {
    /// The neighbourhoods of `net` for the objective `goal`.
    pub fn new(net: &'a ExamGraph, im: &'a Imaging, goal: Goal) -> Self {
        let demand_of_flow = net.demand_of_flow();
        let mut by_institution: HashMap<usize, Vec<usize>> = HashMap::new();
        for (k, f) in net.flows.iter().enumerate() {
            by_institution.entry(f.institution).or_default().push(k);
        }
        let candidates = (0..net.stations.len())
            .filter(|&k| net.stations[k].candidate.is_some_and(|(_, m)| m > 0))
            .collect();
        Self {
            net,
            im,
            goal,
            demand_of_flow,
            by_institution,
            candidates,
        }
    }

    /// The centre and up to `size - 1` other candidate stations nearest to it by travel
    /// through a shared institution (see the module's documentation), nearest first.
    pub fn window(&self, centre: usize, size: usize) -> Vec<usize> {
        let net = self.net;
        let mut distance: HashMap<usize, f64> = HashMap::new();
        for &fc in &net.by_station[centre] {
            let via = &net.flows[fc];
            for &fs in self
                .by_institution
                .get(&via.institution)
                .into_iter()
                .flatten()
            {
                let f = &net.flows[fs];
                if f.station == centre || net.stations[f.station].candidate.is_none() {
                    continue;
                }
                let d = via.minutes + f.minutes;
                let e = distance.entry(f.station).or_insert(d);
                *e = e.min(d);
            }
        }
        let mut near: Vec<(f64, usize)> = distance.into_iter().map(|(k, d)| (d, k)).collect();
        near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut out = vec![centre];
        out.extend(
            near.into_iter()
                .take(size.saturating_sub(1))
                .map(|(_, k)| k),
        );
        out
    }

    /// The restricted program around `window` of the plan with new units `units` and
    /// the flows of `plan` (see the module's documentation). `units` may differ from
    /// the plan's only at stations the program does not reach (those changed by
    /// other, disjoint windows of a batch), where only their budget counts. `reserve`
    /// (budget, count of new units) is kept out of the program's budget and count, for
    /// windows solved at the same time.
    pub fn restrict(
        &self,
        plan: &Priced,
        units: &[u32],
        window: &[usize],
        reserve: (f64, u32),
    ) -> SubProblem {
        let net = self.net;
        let values = &plan.solution.values;
        let mut in_window = vec![false; net.stations.len()];
        for &k in window {
            in_window[k] = true;
        }
        // D_W: every demand with an arc into the window.
        let mut in_dw = vec![false; net.demands.len()];
        let mut dw: Vec<usize> = Vec::new();
        for &k in window {
            for &fl in &net.by_station[k] {
                let d = self.demand_of_flow[fl];
                if !in_dw[d] {
                    in_dw[d] = true;
                    dw.push(d);
                }
            }
        }
        dw.sort_unstable();
        // Stations reached by D_W, and the exams they take from it in the plan.
        let mut new_index: HashMap<usize, usize> = HashMap::new();
        let mut stations: Vec<usize> = Vec::new();
        for &d in &dw {
            for &fl in &net.demands[d].flows {
                let k = net.flows[fl].station;
                new_index.entry(k).or_insert_with(|| {
                    stations.push(k);
                    stations.len() - 1
                });
            }
        }
        // Exams the plan sends to each kept station from demands outside D_W.
        let mut outside = vec![0.0; stations.len()];
        for (s, &k) in stations.iter().enumerate() {
            if in_window[k] {
                continue;
            }
            outside[s] = net.by_station[k]
                .iter()
                .filter(|&&fl| !in_dw[self.demand_of_flow[fl]])
                .map(|&fl| values[fl].max(0.0))
                .sum();
        }
        let sub_stations: Vec<Station> = stations
            .iter()
            .zip(&outside)
            .map(|(&k, &out)| {
                let st = &net.stations[k];
                if in_window[k] {
                    st.clone()
                } else {
                    let units = units[k];
                    Station {
                        existing_units: st.existing_units + units,
                        existing_capacity: (st.existing_capacity
                            + f64::from(units) * st.unit_capacity
                            - out)
                            .max(0.0),
                        candidate: None,
                        ..st.clone()
                    }
                }
            })
            .collect();
        let mut flows = Vec::new();
        let mut by_station = vec![Vec::new(); stations.len()];
        let mut demands = Vec::with_capacity(dw.len());
        let mut old_flow = Vec::new();
        for &d in &dw {
            let dem = &net.demands[d];
            let mut ids = Vec::with_capacity(dem.flows.len());
            for &fl in &dem.flows {
                let f = net.flows[fl];
                let s = new_index[&f.station];
                by_station[s].push(flows.len());
                ids.push(flows.len());
                old_flow.push(fl);
                flows.push(Flow { station: s, ..f });
            }
            demands.push(Demand {
                institution: dem.institution,
                modality: dem.modality.clone(),
                exams: dem.exams,
                flows: ids,
            });
        }
        let sub_net = ExamGraph {
            stations: sub_stations,
            flows,
            demands,
            by_station,
        };
        // Budget and count left by the units fixed (outside the window, or in it but
        // reached by no demand, hence not in the program).
        let (mut spent, mut count) = (0.0, 0u32);
        for (k, st) in net.stations.iter().enumerate() {
            let free = in_window[k] && new_index.contains_key(&k);
            if !free && units[k] > 0 {
                if let Some((cost, _)) = st.candidate {
                    spent += f64::from(units[k]) * cost;
                }
                count += units[k];
            }
        }
        let mut im = Imaging::new(self.im.modalities.clone());
        im.unmet_penalty = self.im.unmet_penalty;
        im.cost_weight = self.im.cost_weight;
        im.relocation_cost = self.im.relocation_cost;
        im.budget = self.im.budget.map(|b| (b - spent - reserve.0).max(0.0));
        im.max_new_units = self
            .im
            .max_new_units
            .map(|m| m.saturating_sub(count.saturating_add(reserve.1)));
        let formulation = build(&sub_net, &im, self.goal, None);
        // The plan as a point of the program.
        let mut start = vec![0.0; formulation.lp.column_count()];
        for (s, &fl) in old_flow.iter().enumerate() {
            start[s] = values[fl].max(0.0);
        }
        for (j, dem) in sub_net.demands.iter().enumerate() {
            if let Some(u) = formulation.unmet_column[j] {
                let served: f64 = dem.flows.iter().map(|&s| start[s]).sum();
                start[u] = (dem.exams - served).max(0.0);
            }
        }
        for (s, &k) in stations.iter().enumerate() {
            if let Some(c) = formulation.added_column[s] {
                start[c] = f64::from(units[k]);
            }
        }
        SubProblem {
            formulation,
            stations,
            start,
        }
    }

    /// Solves `sub` with `options` (its time limit bounds the solve), from its start.
    /// Returns `units` with the window's units of the answer when the backend found
    /// units better than the start's by more than a relative 1e-9, else `None`.
    pub fn solve(
        &self,
        sub: &SubProblem,
        units: &[u32],
        options: &SolveOptions,
    ) -> Result<Option<Vec<u32>>, SolveFailure> {
        let lp = &sub.formulation.lp;
        let before = lp.objective_of(&sub.start);
        let hints = SolveHints {
            start: Some(&sub.start),
        };
        let s = solve_with_hints(lp, options, &hints)?;
        if s.objective >= before - 1e-9 * before.abs().max(1.0) {
            return Ok(None);
        }
        let mut out = units.to_vec();
        for (i, &k) in sub.stations.iter().enumerate() {
            if let Some(c) = sub.formulation.added_column[i] {
                out[k] = s.values[c].round().max(0.0) as u32;
            }
        }
        Ok((out != units).then_some(out))
    }

    /// Solves `subs` (see [`Neighbourhoods::solve`]) on up to `workers` threads, each
    /// with the time left before `until` (at most [`MAX_SECONDS`]) and, when there are
    /// several, one backend thread each (with one, the caller's options as they are);
    /// none is started with less than 0.05 s left. Returns, per program, its answer and
    /// seconds, or `None` where it was not started.
    #[allow(clippy::type_complexity)]
    pub fn solve_all(
        &self,
        subs: &[SubProblem],
        units: &[u32],
        options: &SolveOptions,
        workers: usize,
        until: Instant,
    ) -> Vec<Option<(Result<Option<Vec<u32>>, SolveFailure>, f64)>> {
        let next = AtomicUsize::new(0);
        let answers = Mutex::new(vec![None; subs.len()]);
        let workers = workers.clamp(1, subs.len().max(1));
        let mut options = options.clone();
        if workers > 1 {
            options.threads = Some(1);
        }
        let run = || loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(sub) = subs.get(i) else {
                break;
            };
            let left = until
                .saturating_duration_since(Instant::now())
                .as_secs_f64();
            if left < 0.05 {
                continue;
            }
            let mut o = options.clone();
            o.time_limit = Some(left.min(MAX_SECONDS));
            let t = Instant::now();
            let found = self.solve(sub, units, &o);
            let seconds = t.elapsed().as_secs_f64();
            answers.lock().expect("no panic while held")[i] = Some((found, seconds));
        };
        if workers == 1 {
            run();
        } else {
            std::thread::scope(|scope| {
                for _ in 0..workers {
                    scope.spawn(run);
                }
            });
        }
        answers.into_inner().expect("no panic while held")
    }
}

/// Window sizes (candidate stations) the search starts at and stays within.
const SIZE: (usize, usize, usize) = (8, 2, 40);

/// Seconds one sub-MIP should take: the window grows after faster solves and shrinks
/// after slower ones.
const TARGET_SECONDS: (f64, f64) = (0.1, 0.5);

/// Most seconds one sub-MIP may take.
const MAX_SECONDS: f64 = 2.0;

/// Largest factor on [`TARGET_SECONDS`] (windows of 0.4 to 2 s).
const MAX_SCALE: f64 = 4.0;

/// The neighbourhood search: centres visited in turn over the candidate stations (a
/// stride through them, so that consecutive windows lie apart), window size adapted to
/// the measured solve times.
pub(crate) struct Lns<'a> {
    hoods: Neighbourhoods<'a>,
    /// Centres in visiting order.
    order: Vec<usize>,
    /// Next centre (index into `order`).
    next: usize,
    /// Candidate stations per window.
    size: usize,
    /// Windows in a row that did not improve the plan.
    failed: usize,
    /// Factor on [`TARGET_SECONDS`]: doubled (up to [`MAX_SCALE`]) after every cycle of
    /// centres without an improvement, so that windows grow.
    scale: f64,
    /// Windows solved, windows that improved the plan, seconds in all.
    pub stats: (usize, usize, f64),
}

impl<'a> Lns<'a> {
    /// The search over `net`.
    pub fn new(net: &'a ExamGraph, im: &'a Imaging, goal: Goal) -> Self {
        let hoods = Neighbourhoods::new(net, im, goal);
        let n = hoods.candidates.len();
        // A stride near n / golden ratio, coprime with n: every centre once per cycle.
        let mut stride = ((n as f64 / 1.618).round() as usize).max(1);
        while n > 1 && gcd(stride, n) != 1 {
            stride += 1;
        }
        let order = (0..n).map(|i| hoods.candidates[(i * stride) % n]).collect();
        Self {
            hoods,
            order,
            next: 0,
            size: SIZE.0,
            failed: 0,
            scale: 1.0,
            stats: (0, 0, 0.0),
        }
    }

    /// Whether every centre has been tried since the last improvement with the largest
    /// windows.
    pub fn exhausted(&self) -> bool {
        self.failed >= self.order.len() && self.scale >= MAX_SCALE
    }

    /// After a whole cycle without an improvement, larger windows.
    fn escalate(&mut self) {
        if self.failed >= self.order.len() && self.scale < MAX_SCALE {
            self.scale = (2.0 * self.scale).min(MAX_SCALE);
            self.failed = 0;
        }
    }

    /// Solves windows around successive centres until `until` (none is started with
    /// less than 0.05 s left) or the search is exhausted. Windows are taken in batches
    /// of up to `batch` whose programs share no station (so no demand either), solved
    /// on up to `workers` threads at once (one backend thread each when more than one).
    /// Only the first window of a batch may spend the budget (and count) the plan
    /// leaves unspent; the others only what their own units free, so that the answers
    /// combine into one feasible plan, priced once by `pricer` and kept when cheaper
    /// (the budget as `rel` reads it). A window overlapping an earlier one of its batch
    /// is skipped until the next cycle. Returns the best plan and the LPs solved.
    pub fn round(
        &mut self,
        pricer: &Pricer<'_>,
        rel: &Relaxation,
        mut best: Priced,
        until: Instant,
        batch: usize,
        workers: usize,
    ) -> Result<(Priced, usize), SolveFailure> {
        let left = || {
            until
                .saturating_duration_since(Instant::now())
                .as_secs_f64()
        };
        let mut lps = 0;
        let mut taken = vec![false; best.units.len()];
        let mut options = pricer.options.clone();
        options.mip_gap = Some(1e-6);
        options.log = false;
        while !self.exhausted() && left() >= 0.05 {
            self.escalate();
            let started = Instant::now();
            taken.fill(false);
            let slack = Budget::new(rel).slack(&best.units);
            let mut subs: Vec<SubProblem> = Vec::new();
            // Overlapping windows are skipped, at most 4 per window of the batch.
            let mut looked = 0;
            while subs.len() < batch.max(1) && looked < 4 * batch.max(1) {
                looked += 1;
                let centre = self.order[self.next];
                self.next = (self.next + 1) % self.order.len();
                let window = self.hoods.window(centre, self.size);
                let reserve = if subs.is_empty() { (0.0, 0) } else { slack };
                let sub = self.hoods.restrict(&best, &best.units, &window, reserve);
                if sub.stations.iter().any(|&k| taken[k]) {
                    continue;
                }
                for &k in &sub.stations {
                    taken[k] = true;
                }
                subs.push(sub);
            }
            let answers = self
                .hoods
                .solve_all(&subs, &best.units, &options, workers, until);
            let mut units = best.units.clone();
            let (mut solved, mut improved) = (0, 0);
            for (sub, answer) in subs.iter().zip(answers) {
                let Some((found, seconds)) = answer else {
                    continue;
                };
                let scale = self.scale;
                if seconds < scale * TARGET_SECONDS.0 {
                    self.size = (self.size + 1).min(SIZE.2);
                } else if seconds > scale * TARGET_SECONDS.1 {
                    self.size = (self.size - 1).max(SIZE.1);
                }
                solved += 1;
                if let Ok(Some(u)) = found {
                    for &k in &sub.stations {
                        units[k] = u[k];
                    }
                    improved += 1;
                }
            }
            let mut kept = false;
            if improved > 0 {
                let p = pricer.price(units)?;
                lps += 1;
                if p.cost() < best.cost() - 1e-9 * best.cost().abs() {
                    best = p;
                    kept = true;
                }
            }
            self.stats.0 += solved;
            self.stats.2 += started.elapsed().as_secs_f64();
            if kept {
                self.stats.1 += improved;
                self.failed = 0;
            } else {
                self.failed += solved;
            }
        }
        Ok((best, lps))
    }
}

/// Greatest common divisor.
fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

#[cfg(all(test, feature = "highs"))]
mod tests {
    use super::*;
    use crate::models::scanners::search::greedy::Greedy;
    use crate::models::scanners::test_county::county;
    use crate::models::scanners::{ScannerMethod, ScannerModel};
    use crate::solve::{Cmp, LinearProgram};
    use crate::Backend;
    use std::time::{Duration, Instant};

    /// Whether `x` satisfies every bound and row of `lp` within `tol`.
    fn feasible(lp: &LinearProgram, x: &[f64], tol: f64) -> bool {
        let bounds = lp
            .columns
            .iter()
            .zip(x)
            .all(|(c, &v)| v >= c.lower - tol && v <= c.upper + tol);
        let rows = lp.rows.iter().all(|r| {
            let a: f64 = r.terms.iter().map(|&(k, c)| c * x[k]).sum();
            let t = tol * r.rhs.abs().max(1.0);
            match r.cmp {
                Cmp::Le => a <= r.rhs + t,
                Cmp::Ge => a >= r.rhs - t,
                Cmp::Eq => (a - r.rhs).abs() <= t,
            }
        });
        bounds && rows
    }

    /// Asserts that new `units` keep within each station's room, the budget and the
    /// count of new units.
    fn assert_within_limits(net: &ExamGraph, im: &Imaging, units: &[u32], seed: u64) {
        let (mut spent, mut count) = (0.0, 0);
        for (k, st) in net.stations.iter().enumerate() {
            let (cost, max) = st.candidate.unwrap_or((0.0, 0));
            assert!(units[k] <= max, "seed {seed}: station {k}");
            spent += f64::from(units[k]) * cost;
            count += units[k];
        }
        assert!(
            im.budget.is_none_or(|b| spent <= b + 1e-6),
            "seed {seed}: {spent} spent"
        );
        assert!(im.max_new_units.is_none_or(|m| count <= m), "seed {seed}");
    }

    /// Every window of a greedy plan: the plan is a feasible start of its program, and
    /// the units the program returns, priced from scratch on the whole network, cost no
    /// more than the plan and keep within the budget, the count of new units and each
    /// station's room.
    #[test]
    fn windows_never_worsen_a_plan() {
        for (seed, minutes) in [(1, 60.0), (2, 45.0), (3, 90.0)] {
            let c = county(seed, minutes);
            let im = c.scenario().imaging.as_ref().unwrap();
            let net = ExamGraph::new(&c, im);
            let f = build(&net, im, Goal::Travel, None);
            let rel = Relaxation::new(&net, im, &f);
            let options = SolveOptions::new(Backend::Highs);
            let pricer = Pricer::new(&net, im, Goal::Travel, &options, false);
            let greedy = Greedy::new(&rel);
            let (plan, _) = greedy
                .complete(&pricer, vec![0; net.stations.len()], None, 1)
                .unwrap();
            let hoods = Neighbourhoods::new(&net, im, Goal::Travel);
            assert!(!hoods.candidates.is_empty());
            let mut better = 0;
            for &centre in &hoods.candidates {
                let window = hoods.window(centre, 6);
                assert_eq!(window[0], centre);
                let sub = hoods.restrict(&plan, &plan.units, &window, (0.0, 0));
                assert!(
                    feasible(&sub.formulation.lp, &sub.start, 1e-6),
                    "seed {seed} centre {centre}: the plan is no start"
                );
                let Some(units) = hoods.solve(&sub, &plan.units, &options).unwrap() else {
                    continue;
                };
                better += 1;
                let priced = pricer.price_exact(units.clone()).unwrap();
                let tol = 1e-6 * plan.cost().abs().max(1.0);
                assert!(
                    priced.cost() <= plan.cost() + tol,
                    "seed {seed} centre {centre}: {} > {}",
                    priced.cost(),
                    plan.cost()
                );
                assert_within_limits(&net, im, &units, seed);
            }
            assert!(
                better > 0,
                "seed {seed}: no window improved the greedy plan"
            );
        }
    }

    /// Windows solved side by side: the second of two disjoint windows keeps the plan's
    /// unspent budget and count out of its program (`reserve`), so that the two answers
    /// combined keep within the budget, the count and each station's room, and, priced
    /// from scratch on the whole network, cost no more than the plan.
    #[test]
    fn windows_side_by_side_combine_within_the_budget() {
        for (seed, minutes) in [(1, 20.0), (2, 15.0), (3, 20.0)] {
            let c = county(seed, minutes);
            let im = c.scenario().imaging.as_ref().unwrap();
            let net = ExamGraph::new(&c, im);
            let f = build(&net, im, Goal::Travel, None);
            let rel = Relaxation::new(&net, im, &f);
            let options = SolveOptions::new(Backend::Highs).threads(1);
            let pricer = Pricer::new(&net, im, Goal::Travel, &options, false);
            let greedy = Greedy::new(&rel);
            // A plan with budget to spare: the greedy spending half the budget.
            let none = pricer.price_exact(vec![0; net.stations.len()]).unwrap();
            let prices = greedy.demand_prices(&none).unwrap();
            let units = greedy.add(vec![0; net.stations.len()], &prices, 0.5);
            let half = pricer.price_exact(units).unwrap();
            let hoods = Neighbourhoods::new(&net, im, Goal::Travel);
            let slack = Budget::new(&rel).slack(&half.units);
            let mut combined = 0;
            for (i, &a) in hoods.candidates.iter().enumerate() {
                let first = hoods.restrict(&half, &half.units, &hoods.window(a, 2), (0.0, 0));
                let Some(&b) = hoods.candidates[i + 1..].iter().find(|&&b| {
                    let w = hoods.window(b, 2);
                    let sub = hoods.restrict(&half, &half.units, &w, slack);
                    sub.stations.iter().all(|k| !first.stations.contains(k))
                }) else {
                    continue;
                };
                let second = hoods.restrict(&half, &half.units, &hoods.window(b, 2), slack);
                let subs = [first, second];
                let until = Instant::now() + Duration::from_secs(30);
                let answers = hoods.solve_all(&subs, &half.units, &options, 2, until);
                let mut units = half.units.clone();
                for (sub, answer) in subs.iter().zip(answers) {
                    let (found, _) = answer.expect("started");
                    if let Some(u) = found.unwrap() {
                        for &k in &sub.stations {
                            units[k] = u[k];
                        }
                    }
                }
                assert_within_limits(&net, im, &units, seed);
                let priced = pricer.price_exact(units).unwrap();
                let tol = 1e-6 * half.cost().abs().max(1.0);
                assert!(priced.cost() <= half.cost() + tol, "seed {seed}");
                combined += 1;
                if combined == 4 {
                    break;
                }
            }
            assert!(combined > 0, "seed {seed}: no two disjoint windows");
        }
    }

    /// The search from a greedy plan, run until every centre has failed with the
    /// largest windows (not for a fixed time), reaches the MIP's optimum on a small county; and the
    /// decomposition's plan (with the search) passes the checker.
    #[test]
    fn search_reaches_the_optimum() {
        let (seed, minutes) = (2, 45.0);
        let c = county(seed, minutes);
        let options = SolveOptions::new(Backend::Highs).mip_gap(0.0);
        let exact = ScannerModel::new(&c)
            .method(ScannerMethod::Mip)
            .solve(&options)
            .unwrap();
        let im = c.scenario().imaging.as_ref().unwrap();
        let net = ExamGraph::new(&c, im);
        let f = build(&net, im, Goal::Travel, None);
        let rel = Relaxation::new(&net, im, &f);
        let pricer = Pricer::new(&net, im, Goal::Travel, &options, true);
        let greedy = Greedy::new(&rel);
        let (plan, _) = greedy
            .complete(&pricer, vec![0; net.stations.len()], None, 1)
            .unwrap();
        let first = plan.cost();
        let mut lns = Lns::new(&net, im, Goal::Travel);
        // The search runs until every centre has failed (the work asserted below); the
        // deadline is only a guard against a search that never ends, set far above the
        // few seconds it takes on an idle machine so that a loaded machine cannot fail it.
        let until = Instant::now() + Duration::from_secs(900);
        let (plan, _) = lns
            .round(&pricer, &rel, plan, until, LNS_TEST_BATCH, 2)
            .unwrap();
        assert!(lns.exhausted(), "seed {seed}: not exhausted in 900 s");
        let plan = pricer.price_exact(plan.units).unwrap();
        let tol = 1e-6 * exact.objective.abs().max(1.0);
        assert!(plan.cost() <= first + tol);
        assert!(
            (plan.cost() - exact.objective).abs() <= tol,
            "seed {seed}: search {} (greedy {first}), optimum {}",
            plan.cost(),
            exact.objective
        );
        let decomposed = ScannerModel::new(&c)
            .method(ScannerMethod::Decomposition)
            .solve(&options.clone().time_limit(2.0))
            .unwrap();
        assert_eq!(crate::check::check_scanners(&c, &decomposed), vec![]);
        assert!(decomposed.objective >= exact.objective - tol);
    }

    /// Every backend that solves MIPs gives the same window answers' prices (the first
    /// windows of a greedy plan on county 1), none worse than the plan.
    #[test]
    fn windows_with_every_mip_backend() {
        let c = county(1, 60.0);
        let im = c.scenario().imaging.as_ref().unwrap();
        let net = ExamGraph::new(&c, im);
        let f = build(&net, im, Goal::Travel, None);
        let rel = Relaxation::new(&net, im, &f);
        let highs = SolveOptions::new(Backend::Highs);
        let pricer = Pricer::new(&net, im, Goal::Travel, &highs, false);
        let greedy = Greedy::new(&rel);
        let (plan, _) = greedy
            .complete(&pricer, vec![0; net.stations.len()], None, 1)
            .unwrap();
        let hoods = Neighbourhoods::new(&net, im, Goal::Travel);
        for &centre in hoods.candidates.iter().take(6) {
            let sub = hoods.restrict(&plan, &plan.units, &hoods.window(centre, 4), (0.0, 0));
            let mut costs = Vec::new();
            for backend in Backend::available() {
                if !backend.supports_integers() {
                    continue;
                }
                let o = SolveOptions::new(backend).mip_gap(0.0);
                let units = hoods.solve(&sub, &plan.units, &o).unwrap();
                let cost = units.map_or(plan.cost(), |u| pricer.price_exact(u).unwrap().cost());
                assert!(cost <= plan.cost() + 1e-6 * plan.cost(), "{backend}");
                costs.push((backend, cost));
            }
            for &(b, x) in &costs {
                // The sub-MIP optimum is unique in value, its price on the whole network
                // need not be: compare loosely.
                assert!(
                    (x - costs[0].1).abs() <= 1e-3 * costs[0].1,
                    "centre {centre}: {b} {x} against {} {}",
                    costs[0].0,
                    costs[0].1
                );
            }
        }
    }

    /// Windows per batch in the tests (as in the decomposition).
    const LNS_TEST_BATCH: usize = 6;
}
