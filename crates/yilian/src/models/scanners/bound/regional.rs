//! A lower bound on M3 from regional sub-MIPs: the Lagrangian relaxation of
//! [`super::lagrangian`] relaxes every demand row, so that each station is solved
//! alone and the bound is about as strong as the LP relaxation; here only the demand
//! rows that join two regions (and the budget) are relaxed, and each region is solved
//! as a small MIP with its own demand rows, which captures part of the integrality gap.
//!
//! Stations are grouped into regions (by the consortium of their site when the
//! scenario names several, else by a grid over the sites' coordinates; one modality
//! per region, since modalities share no row but the budget). A demand is *interior*
//! to a region when all its flows go to stations of that region, else *border*. With
//! multipliers `lambda[d]` on the border demand rows and `mu >= 0` on the knapsack row
//! (the budget, or the count of new units when there is no budget; the count is
//! dropped when both are set, which only relaxes further), the program splits into
//!
//! - for each border demand: `lambda d + min(0, (p - lambda) d)` (its unmet exams),
//! - for each region: a MIP over its stations' units (cost `g + mu w` each), the
//!   flows into its stations (border flows at `c - lambda`, at most `d` in all within
//!   the region, only those of negative reduced cost kept), its interior demands with
//!   their rows and unmet columns, the capacity rows, and the linking rows
//!   `x <= min(d, unit) n` at stations without units in place (as in the MIP),
//! - the constant `-mu B`.
//!
//! For any multipliers the sum is a lower bound on the optimum (each region counts
//! with the proven dual bound of its MIP, or with its stations' own relaxation when
//! the MIP is not solved in time, which is also valid). With `mu` the critical ratio
//! of the station relaxation's LP knapsack at the same `lambda`, the result is at
//! least that relaxation's value: each region's MIP is at least the sum of its
//! stations' parts, and by LP duality the knapsack's value is the station parts at
//! `mu` minus `mu B`. With one region the budget row is kept in the region's MIP, which
//! is then the MIP itself.

use super::lagrangian::Relaxation;
use crate::models::scanners::exam_graph::ExamGraph;
use crate::network::Consortium;
use crate::solve::{solve, Backend, Cmp, LinearProgram, Sense, SolveOptions};
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// Stations per region aimed at when regions come from a grid.
pub(crate) const STATIONS_PER_REGION: usize = 30;

/// The region of each station: by the consortium of its site when the scenario names
/// at least two, else by a square grid over the sites' coordinates with about
/// `per_region` stations a cell, else by blocks of `per_region` stations in index
/// order; separate regions per modality.
pub(crate) fn regions(c: &Consortium, net: &ExamGraph, per_region: usize) -> Vec<usize> {
    let s = c.scenario();
    let per_region = per_region.max(1);
    let sites: Vec<usize> = net.stations.iter().map(|st| st.site).collect();
    let consortia: Vec<Option<&str>> = sites
        .iter()
        .map(|&i| s.institutions[i].consortium.as_deref())
        .collect();
    let distinct: std::collections::BTreeSet<&Option<&str>> = consortia.iter().collect();
    let locations: Option<Vec<(f64, f64)>> = sites
        .iter()
        .map(|&i| s.institutions[i].location.map(|l| (l.lon, l.lat)))
        .collect();
    let groups: Vec<String> = if distinct.len() >= 2 {
        consortia
            .iter()
            .map(|g| format!("c:{}", g.unwrap_or("")))
            .collect()
    } else if let Some(points) = locations.filter(|p| !p.is_empty()) {
        let mut distinct_sites = sites.clone();
        distinct_sites.sort_unstable();
        distinct_sites.dedup();
        let cells = ((distinct_sites.len() as f64 / per_region as f64)
            .sqrt()
            .ceil())
        .max(1.0);
        let (mut lo, mut hi) = (points[0], points[0]);
        for &(x, y) in &points {
            lo = (lo.0.min(x), lo.1.min(y));
            hi = (hi.0.max(x), hi.1.max(y));
        }
        let cell = |v: f64, a: f64, b: f64| {
            let span = (b - a).max(1e-12);
            (((v - a) / span * cells).floor() as i64).clamp(0, cells as i64 - 1)
        };
        points
            .iter()
            .map(|&(x, y)| format!("g:{}:{}", cell(x, lo.0, hi.0), cell(y, lo.1, hi.1)))
            .collect()
    } else {
        (0..sites.len())
            .map(|k| format!("b:{}", k / per_region))
            .collect()
    };
    let mut ids: BTreeMap<(String, &str), usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(net.stations.len());
    for (k, st) in net.stations.iter().enumerate() {
        let n = ids.len();
        let id = *ids
            .entry((groups[k].clone(), st.modality.as_str()))
            .or_insert(n);
        out.push(id);
    }
    out
}

/// Whether the regional bound runs with these options: HiGHS (the only backend that
/// reports a proven bound for a MIP stopped at its limit) under a time limit.
pub(crate) fn applies(options: &SolveOptions) -> bool {
    options.backend == Backend::Highs && options.time_limit.is_some()
}

/// Seconds kept for the regional bound at the end of a time `limit`: about two
/// rounds at 6 ms per station (measured with two threads, load 2.5-3: province-30's
/// 614 stations in 2.4-3.3 s a round, province-100's 2,059 in 6-8 s), at most 35 % of
/// the limit. A larger share (35 % at province-30) raised the bound further but cost
/// the plan more than the bound gained.
pub(crate) fn reserve_seconds(stations: usize, limit: f64) -> f64 {
    (0.012 * stations as f64).min(0.35 * limit)
}

/// Step of the subgradient rounds on the regional bound: towards 0.15 % above the
/// value (measured over 4 rounds at province-100 from the same multipliers: 0.25 %
/// gave 6,262,231, 0.5 % 6,254,825, 1 % no gain after the first round; in 60 s,
/// auto, two rounds at 0.15 %: 6,256,180).
pub(crate) const STEP: f64 = 0.0015;

/// Relative gap asked of each region's MIP (its proven bound is what counts).
const REGION_GAP: f64 = 1e-4;

/// The regional bound and how it was reached.
#[derive(Debug, Clone)]
pub(crate) struct Regional {
    /// The lower bound.
    pub value: f64,
    /// The station relaxation's value at the same multipliers (the bound it improves).
    pub station_value: f64,
    /// Regions, and those whose MIP was solved to optimality.
    pub regions: usize,
    pub proven: usize,
    /// Border demands, and demands in all.
    pub border: usize,
    pub demands: usize,
    /// Most columns of one region's MIP.
    pub largest: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Evaluations of the bound (subgradient rounds).
    pub rounds: usize,
    /// `exams - served - unmet` per border demand in the regions' answers (0 for
    /// interior demands).
    pub subgradient: Vec<f64>,
}

impl Regional {
    /// A line for the plan's notes.
    pub fn note(&self) -> String {
        format!(
            "regional bound {:.6e} (station relaxation at the same multipliers {:.6e}): \
             {} regions (largest MIP {} columns), {} solved to optimality, {} of {} demands \
             on borders, {} subgradient rounds, {:.2} s",
            self.value,
            self.station_value,
            self.regions,
            self.largest,
            self.proven,
            self.border,
            self.demands,
            self.rounds,
            self.seconds
        )
    }
}

/// The regional bound at multipliers `lambda` (one per demand) for the stations'
/// regions `region_of`, solving region MIPs with `options.backend` on up to `workers`
/// threads (one backend thread each) until `deadline`; regions not solved by then count
/// with their stations' relaxation. `None` when the backend gives no proven bound on
/// a MIP stopped at a limit (only HiGHS is used) or a demand cannot go unmet.
pub(crate) fn bound(
    rel: &Relaxation,
    net: &ExamGraph,
    region_of: &[usize],
    lambda: &[f64],
    options: &SolveOptions,
    workers: usize,
    deadline: Option<Instant>,
) -> Option<Regional> {
    if options.backend != Backend::Highs || rel.unmet_cost.iter().any(|p| !p.is_finite()) {
        return None;
    }
    let start = Instant::now();
    let count = region_of.iter().max().map_or(0, |&r| r + 1);
    let one_region = count == 1;
    // Interior demands: their region; border demands: None.
    let mut interior: Vec<Option<usize>> = vec![None; net.demands.len()];
    let mut constant = 0.0;
    let mut demand_term = vec![0.0; net.demands.len()];
    let mut border = 0;
    for (d, dem) in net.demands.iter().enumerate() {
        let (p, e, l) = (rel.unmet_cost[d], rel.exams[d], lambda[d]);
        demand_term[d] = l * e + ((p - l) * e).min(0.0);
        let mut rs = dem.flows.iter().map(|&f| region_of[net.flows[f].station]);
        match rs.next() {
            None => constant += p * e,
            Some(r) if rs.all(|q| q == r) => interior[d] = Some(r),
            Some(_) => {
                border += 1;
                constant += demand_term[d];
            }
        }
    }
    // The knapsack multiplier: the critical ratio of the station relaxation's LP
    // knapsack at the same multipliers, and each station's part at that price.
    let (weight_of, capacity, _) = rel.knapsack_rule(0.0);
    let mut mu = rel.evaluate(lambda, 0.0).knapsack_price;
    let mut sorted = Vec::new();
    let mut fills = Vec::new();
    let mut all_fills: Vec<Vec<f64>> = Vec::with_capacity(rel.stations.len());
    for st in &rel.stations {
        st.profitable_arcs(lambda, &mut sorted);
        st.fill_values(&rel.exams, &sorted, &mut fills);
        all_fills.push(fills.clone());
    }
    if one_region || !mu.is_finite() {
        mu = 0.0;
    }
    let unit_price = |k: usize| {
        let st = &rel.stations[k];
        st.unit_objective + mu * weight_of(st)
    };
    let mut fallback = vec![0.0; count];
    for (k, f) in all_fills.iter().enumerate() {
        let part = f
            .iter()
            .enumerate()
            .map(|(n, v)| v + n as f64 * unit_price(k))
            .fold(f64::INFINITY, f64::min);
        fallback[region_of[k]] += part;
    }
    for (d, r) in interior.iter().enumerate() {
        if let Some(r) = *r {
            fallback[r] += demand_term[d];
        }
    }
    let knapsack_term = if one_region || !capacity.is_finite() {
        0.0
    } else {
        -mu * capacity
    };
    let station_value = constant + fallback.iter().sum::<f64>() + knapsack_term;

    let mut inside: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (d, r) in interior.iter().enumerate() {
        if let Some(r) = *r {
            inside[r].push(d);
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (k, &r) in region_of.iter().enumerate() {
        members[r].push(k);
    }
    // A region's MIP, and the (column, demand) of its border flows.
    let build = |r: usize| -> (LinearProgram, Vec<(usize, usize)>) {
        let mut lp = LinearProgram::new(Sense::Minimise);
        let mut border_columns = Vec::new();
        // Terms of the demand rows (every interior demand has one, even when no
        // station of the region can serve it: its exams then go unmet).
        let mut rows: HashMap<usize, Vec<(usize, f64)>> =
            inside[r].iter().map(|&d| (d, Vec::new())).collect();
        let mut knapsack_terms = Vec::new();
        for &k in &members[r] {
            let st = &rel.stations[k];
            let n = (st.max_units > 0).then(|| {
                let col = lp.add_column(0.0, f64::from(st.max_units), unit_price(k), true);
                knapsack_terms.push((col, k));
                col
            });
            if st.base <= 0.0 && n.is_none() {
                continue;
            }
            let mut capacity_terms = Vec::new();
            for &(d, c) in &st.arcs {
                let cost = if interior[d] == Some(r) {
                    c
                } else {
                    c - lambda[d]
                };
                if interior[d] != Some(r) && cost >= 0.0 {
                    continue;
                }
                let x = lp.add_column(0.0, rel.exams[d], cost, false);
                if interior[d] != Some(r) {
                    border_columns.push((x, d));
                }
                capacity_terms.push((x, 1.0));
                rows.entry(d).or_default().push((x, 1.0));
                if let (Some(n), true) = (n, st.base <= 0.0) {
                    lp.add_row(
                        vec![(x, 1.0), (n, -rel.exams[d].min(st.unit))],
                        Cmp::Le,
                        0.0,
                    );
                }
            }
            if let Some(n) = n {
                capacity_terms.push((n, -st.unit));
            }
            lp.add_row(capacity_terms, Cmp::Le, st.base);
        }
        let mut demands: Vec<_> = rows.into_iter().collect();
        demands.sort_unstable_by_key(|(d, _)| *d);
        for (d, mut terms) in demands {
            if interior[d] == Some(r) {
                let u = lp.add_column(0.0, rel.exams[d], rel.unmet_cost[d], false);
                terms.push((u, 1.0));
                lp.add_row(terms, Cmp::Eq, rel.exams[d]);
            } else {
                lp.add_row(terms, Cmp::Le, rel.exams[d]);
            }
        }
        if one_region {
            if let Some(b) = rel.budget {
                let terms = knapsack_terms
                    .iter()
                    .map(|&(c, k)| (c, rel.stations[k].unit_budget))
                    .collect();
                lp.add_row(terms, Cmp::Le, b);
            }
            if let Some(m) = rel.max_new {
                let terms = knapsack_terms.iter().map(|&(c, _)| (c, 1.0)).collect();
                lp.add_row(terms, Cmp::Le, m);
            }
        }
        (lp, border_columns)
    };

    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Solved>>> = Mutex::new(vec![None; count]);
    let workers = workers.clamp(1, count.max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let r = next.fetch_add(1, Ordering::Relaxed);
                if r >= count {
                    break;
                }
                let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
                if left.is_some_and(|l| l.as_secs_f64() < 0.01) {
                    continue;
                }
                let (lp, border_columns) = build(r);
                // The region's proven bound counts, so a small gap costs little.
                let mut o = SolveOptions::new(options.backend)
                    .threads(1)
                    .mip_gap(REGION_GAP);
                if let Some(l) = left {
                    // A fair share of the time left, at least a second: most regions
                    // take a few hundredths, and a region stopped early weakens the
                    // bound of its round.
                    let share = l.as_secs_f64() * workers as f64 / (count - r) as f64;
                    o = o.time_limit(share.max(1.0).min(l.as_secs_f64()));
                }
                let value = match solve(&lp, &o) {
                    Ok(s) if s.status == crate::solve::Status::Optimal => Some((
                        s.bound.unwrap_or(s.objective).min(s.objective),
                        true,
                        s.values,
                    )),
                    Ok(s) => s.bound.map(|b| (b, false, s.values)),
                    Err(_) => None,
                };
                if let Some((bound, proven, values)) = value {
                    let served = border_columns
                        .iter()
                        .filter_map(|&(x, d)| values.get(x).map(|&v| (d, v)))
                        .collect();
                    results.lock().expect("no panic while held")[r] = Some(Solved {
                        bound,
                        proven,
                        columns: lp.column_count(),
                        served,
                    });
                }
            });
        }
    });
    let results = results.into_inner().expect("no panic while held");
    let mut value = constant + knapsack_term;
    let (mut proven, mut largest) = (0, 0);
    // The subgradient on the border rows: exams - served - unmet.
    let mut subgradient = vec![0.0; net.demands.len()];
    for (d, r) in interior.iter().enumerate() {
        if r.is_none() && !net.demands[d].flows.is_empty() {
            let (p, e) = (rel.unmet_cost[d], rel.exams[d]);
            subgradient[d] = if p < lambda[d] { 0.0 } else { e };
        }
    }
    for (r, res) in results.iter().enumerate() {
        let mut v = fallback[r];
        if let Some(s) = res {
            v = v.max(s.bound);
            proven += usize::from(s.proven);
            largest = largest.max(s.columns);
            for &(d, x) in &s.served {
                subgradient[d] -= x;
            }
        }
        value += v;
    }
    Some(Regional {
        value,
        station_value,
        regions: count,
        proven,
        border,
        demands: net.demands.len(),
        largest,
        seconds: start.elapsed().as_secs_f64(),
        rounds: 1,
        subgradient,
    })
}

/// One region's MIP answer: its proven bound, whether optimal, its size, and the exams
/// of border demands it serves.
#[derive(Debug, Clone)]
struct Solved {
    bound: f64,
    proven: bool,
    columns: usize,
    served: Vec<(usize, f64)>,
}

/// The best regional bound over projected subgradient steps on the border multipliers
/// from `lambda`: at most `rounds` evaluations, and no new one once the time left
/// before `deadline` is shorter than the last one took. Steps aim at `1 + step`
/// times the value (halved after a round without a better value), scaled by each
/// demand's exams as in [`super::lagrangian::ascend`]. Subgradients come from the
/// regions' MIP answers (their incumbents when stopped at a limit), so that steps are
/// heuristic; every value is a valid bound. Stops once a value reaches `stop_at` (the
/// bound that proves the gap asked for).
#[allow(clippy::too_many_arguments)]
pub(crate) fn ascend_regional(
    rel: &Relaxation,
    net: &ExamGraph,
    region_of: &[usize],
    mut lambda: Vec<f64>,
    options: &SolveOptions,
    workers: usize,
    deadline: Option<Instant>,
    rounds: usize,
    mut step: f64,
    stop_at: f64,
) -> Option<Regional> {
    let start = Instant::now();
    let mut best: Option<Regional> = None;
    let mut last = 0.0f64;
    let mut evaluations = 0;
    while evaluations < rounds.max(1) {
        if best.is_some()
            && deadline
                .is_some_and(|d| d.saturating_duration_since(Instant::now()).as_secs_f64() < last)
        {
            break;
        }
        let t = Instant::now();
        let r = bound(rel, net, region_of, &lambda, options, workers, deadline)?;
        last = t.elapsed().as_secs_f64();
        evaluations += 1;
        let mut norm = 0.0;
        for (d, g) in r.subgradient.iter().enumerate() {
            norm += g * g / rel.exams[d];
        }
        let value = r.value;
        match &mut best {
            Some(b) if value <= b.value => step /= 2.0,
            _ => best = Some(r.clone()),
        }
        if norm <= 1e-12 || value >= stop_at {
            break;
        }
        let t = step * value.abs().max(1.0) / norm;
        for (d, l) in lambda.iter_mut().enumerate() {
            *l = (*l + t * r.subgradient[d] / rel.exams[d]).clamp(0.0, rel.unmet_cost[d]);
        }
    }
    best.map(|mut b| {
        b.rounds = evaluations;
        b.seconds = start.elapsed().as_secs_f64();
        b
    })
}

#[cfg(all(test, feature = "highs"))]
mod tests {
    use super::*;
    use crate::models::scanners::bound::lagrangian::{ascend, Search};
    use crate::models::scanners::formulation::{build, Goal};
    use crate::models::scanners::test_county::county;
    use crate::solve::Status;

    fn ascended(rel: &Relaxation, upper: f64, iterations: usize) -> Vec<f64> {
        let search = Search {
            iterations,
            min_step: 1e-6,
            gap: 0.0,
            deadline: None,
            tau: 0.1,
        };
        ascend(rel, rel.nearest_prices(), upper, search).lambda
    }

    /// On generated counties, the regional bound lies between the station relaxation's
    /// value at the same multipliers and the exact MIP optimum; with one region it is
    /// the optimum itself.
    #[test]
    fn regional_bound_lies_between_station_bound_and_optimum() {
        for (seed, minutes) in [(1, 60.0), (2, 45.0), (3, 90.0)] {
            let c = county(seed, minutes);
            let im = c.scenario().imaging.as_ref().unwrap();
            let net = ExamGraph::new(&c, im);
            let f = build(&net, im, Goal::Travel, None);
            let exact = SolveOptions::new(Backend::Highs).mip_gap(0.0);
            let optimum = solve(&f.lp, &exact).unwrap();
            assert_eq!(optimum.status, Status::Optimal);
            let opt = optimum.objective;
            let rel = Relaxation::new(&net, im, &f);
            let lambda = ascended(&rel, opt, 300);
            let station = rel.evaluate(&lambda, 0.0).value;
            for per_region in [4, 8] {
                let region_of = regions(&c, &net, per_region);
                let b = bound(&rel, &net, &region_of, &lambda, &exact, 2, None).unwrap();
                let tol = 1e-6 * opt.abs();
                assert!(
                    (b.station_value - station).abs() <= tol,
                    "seed {seed}: station parts {} against {station}",
                    b.station_value
                );
                assert!(b.value <= opt + tol, "seed {seed}: {} > {opt}", b.value);
                assert!(
                    b.value >= station - tol,
                    "seed {seed}: {} < {station}",
                    b.value
                );
                assert!(b.regions >= 2, "seed {seed}: {} regions", b.regions);
                // Subgradient rounds keep a valid bound, at least the first round's.
                let a = ascend_regional(
                    &rel,
                    &net,
                    &region_of,
                    lambda.clone(),
                    &exact,
                    2,
                    None,
                    5,
                    STEP,
                    f64::INFINITY,
                )
                .unwrap();
                assert!(a.value <= opt + tol, "seed {seed}: {} > {opt}", a.value);
                assert!(a.value >= b.value - tol && a.rounds >= 1);
            }
            let one = vec![0; net.stations.len()];
            let b = bound(&rel, &net, &one, &lambda, &exact, 1, None).unwrap();
            // The region's MIP stops at a relative gap of REGION_GAP.
            assert!(
                b.value <= opt * (1.0 + 1e-9) && b.value >= opt - REGION_GAP * opt.abs(),
                "seed {seed}: one region {} against the optimum {opt}",
                b.value
            );
        }
    }
}
