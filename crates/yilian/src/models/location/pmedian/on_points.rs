//! The p-median on point coordinates without a dense distance matrix: the Benders
//! decomposition (`benders`) over per-client sorted site lists computed lazily from the
//! coordinates (`neighbours::LazyNeighbours`), with a warm start that reads only those
//! lists and single distances.
//!
//! Warm start: a Lagrangian bound by subgradient over the lazy lists (multipliers start
//! at each client's distance to its `ceil(sites / p)`-th nearest site), a plan from the
//! relaxation's sites, improved by alternation (Maranzana 1964: serve every client from
//! its nearest open site, move each open site to the 1-median of the clients it serves,
//! repeat while the cost drops). Memory: the lists the walks read (12 bytes an entry;
//! at large `p` a few dozen per client) and the master's cuts, never `clients x sites`
//! distances.

use super::benders::{decompose, Problem, Warm, LAGRANGIAN_ITERATIONS};
use super::lagrangian::threshold;
use super::neighbours::{LazyNeighbours, Neighbours};
use super::BendersReport;
use crate::models::location::cost_matrix::{check_forced, check_weights};
use crate::models::location::{LocationSolution, Metric};
use crate::{Error, Result, SolveOptions};
use std::time::Instant;

/// A p-median model on coordinates, solved by the Benders decomposition without a
/// dense distance matrix (HiGHS only).
///
/// ```
/// # #[cfg(feature = "highs")] {
/// use yilian::models::location::{pmedian::PMedianOnPoints, Metric};
/// use yilian::{Backend, SolveOptions};
/// // Two clusters on a line: medians at 1 and 11 serve 0, 2 and 10, 12 at 1 each.
/// let pts = [[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [10.0, 0.0], [11.0, 0.0], [12.0, 0.0]];
/// let opts = SolveOptions::new(Backend::Highs).mip_gap(0.0);
/// let (s, _) = PMedianOnPoints::new(&pts, &pts, Metric::Euclidean, 2).solve(&opts).unwrap();
/// assert_eq!((s.objective, s.open.clone()), (4.0, vec![1, 4]));
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct PMedianOnPoints<'a> {
    clients: &'a [[f64; 2]],
    sites: &'a [[f64; 2]],
    metric: Metric,
    p: usize,
    weights: Option<&'a [f64]>,
    forced_open: Vec<usize>,
}

impl<'a> PMedianOnPoints<'a> {
    /// Opening `p` of `sites` to serve `clients`, distances by `metric`, unweighted.
    pub fn new(clients: &'a [[f64; 2]], sites: &'a [[f64; 2]], metric: Metric, p: usize) -> Self {
        Self {
            clients,
            sites,
            metric,
            p,
            weights: None,
            forced_open: Vec::new(),
        }
    }

    /// Client weights multiplying each client's distances.
    pub fn weights(mut self, weights: &'a [f64]) -> Self {
        self.weights = Some(weights);
        self
    }

    /// Sites that must be open (they count towards `p`).
    pub fn forced_open(mut self, sites: Vec<usize>) -> Self {
        self.forced_open = sites;
        self
    }

    fn validate(&self) -> Result<Vec<usize>> {
        let (n, m) = (self.clients.len(), self.sites.len());
        if n == 0 || m == 0 {
            return Err(Error::InvalidOption {
                field: "points".into(),
                message: format!("{n} clients and {m} sites given; at least one of each needed"),
            });
        }
        self.metric.check("clients", self.clients)?;
        self.metric.check("sites", self.sites)?;
        if self.p == 0 || self.p > m {
            return Err(Error::InvalidOption {
                field: "p".into(),
                message: format!("{} must be within 1..={m} (the number of sites)", self.p),
            });
        }
        check_weights(self.weights, n)?;
        check_forced(&self.forced_open, m)?;
        let mut f = self.forced_open.clone();
        f.sort_unstable();
        f.dedup();
        if f.len() > self.p {
            return Err(Error::InvalidOption {
                field: "forced_open".into(),
                message: format!("{} sites forced open exceed p ({})", f.len(), self.p),
            });
        }
        Ok(f)
    }

    /// Solves to proven optimality (or the limits of `options`): the solution (each
    /// client served by its nearest open site, objective recomputed from the
    /// coordinates) and the decomposition's report; `size` is the master's.
    pub fn solve(&self, options: &SolveOptions) -> Result<(LocationSolution, BendersReport)> {
        options.validate()?;
        let forced = self.validate()?;
        if options.backend != crate::Backend::Highs {
            return Err(Error::Unsupported {
                backend: options.backend.name().into(),
                message: "the p-median on points keeps its Benders master in HiGHS; choose \
                          the highs backend"
                    .into(),
            });
        }
        let t0 = Instant::now();
        let sites = LazyNeighbours::new(self.clients, self.sites, self.metric);
        let w = |i: usize| self.weights.map_or(1.0, |w| w[i]);
        let integral = self.metric == Metric::EuclideanFloor
            && (0..self.clients.len()).all(|i| w(i) == w(i).round());
        let prob = Problem {
            sites: &sites,
            weights: self.weights,
            p: self.p,
            forced: &forced,
            integral,
        };
        let deadline = options
            .time_limit
            .map(|t| t0 + std::time::Duration::from_secs_f64(t));
        let mut report = BendersReport::default();
        let lag = lagrangian(&prob, LAGRANGIAN_ITERATIONS, deadline);
        report.lagrangian_bound = lag.bound;
        report.lagrangian_seconds = t0.elapsed().as_secs_f64();
        let th = Instant::now();
        let (cost, open) = alternate(&prob, lag.chosen.clone());
        report.heuristic_objective = cost;
        report.heuristic_seconds = th.elapsed().as_secs_f64();
        let warm = Warm {
            open,
            cost,
            bound: lag.bound,
            multipliers: lag.multipliers,
        };
        let mut improve = |open: Vec<usize>| alternate(&prob, open);
        let out = decompose(
            &prob,
            warm,
            &mut improve,
            options,
            t0,
            usize::MAX,
            &mut report,
        )?;
        report.distances_held = sites.held();
        let mut objective = 0.0;
        let assignment = (0..self.clients.len())
            .map(|i| {
                let (j, d) = out
                    .open
                    .iter()
                    .map(|&j| (j, sites.cost(i, j)))
                    .min_by(|a, b| a.1.total_cmp(&b.1))
                    .expect("p >= 1 open sites");
                objective += w(i) * d;
                vec![(j, 1.0)]
            })
            .collect();
        let gap = if objective == 0.0 {
            0.0
        } else {
            ((objective - out.lower) / objective.abs()).max(0.0)
        };
        let solve_seconds = report.lp_seconds + report.mip_seconds;
        let mut open = out.open;
        open.sort_unstable();
        Ok((
            LocationSolution {
                open,
                assignment,
                objective,
                bound: Some(out.lower),
                gap: Some(gap),
                status: out.status,
                build_seconds: t0.elapsed().as_secs_f64() - solve_seconds,
                solve_seconds,
                size: out.size,
            },
            report,
        ))
    }
}

/// The Lagrangian warm start's outcome.
struct Relaxation {
    bound: f64,
    multipliers: Vec<f64>,
    chosen: Vec<usize>,
}

/// `L(u)` over the lazy lists (as `lagrangian::evaluate`): `rho` and `chosen` written.
fn evaluate<N: Neighbours>(
    prob: &Problem<'_, N>,
    forced: &[bool],
    u: &[f64],
    rho: &mut [f64],
    chosen: &mut [bool],
) -> f64 {
    rho.iter_mut().for_each(|r| *r = 0.0);
    let mut total = 0.0;
    for (i, &ui) in u.iter().enumerate() {
        let w = prob.weights.map_or(1.0, |w| w[i]);
        if w == 0.0 {
            continue;
        }
        total += ui;
        prob.sites.walk(i, |j, c| {
            let d = w * c;
            if d >= ui {
                return false;
            }
            rho[j as usize] += d - ui;
            true
        });
    }
    let m = rho.len();
    chosen.iter_mut().zip(forced).for_each(|(c, &f)| *c = f);
    let take = prob.p - prob.forced.len();
    let mut free: Vec<usize> = (0..m).filter(|&j| !forced[j]).collect();
    if take > 0 && take < free.len() {
        free.select_nth_unstable_by(take - 1, |&a, &b| rho[a].total_cmp(&rho[b]).then(a.cmp(&b)));
    }
    for &j in free.iter().take(take) {
        chosen[j] = true;
    }
    total + (0..m).filter(|&j| chosen[j]).map(|j| rho[j]).sum::<f64>()
}

/// Subgradient optimisation of `L(u)` (Beasley's step rule, as `lagrangian`).
fn lagrangian<N: Neighbours>(
    prob: &Problem<'_, N>,
    iterations: usize,
    deadline: Option<Instant>,
) -> Relaxation {
    let (n, m, p) = (prob.sites.clients(), prob.sites.sites(), prob.p);
    let mut forced = vec![false; m];
    prob.forced.iter().for_each(|&j| forced[j] = true);
    let w = |i: usize| prob.weights.map_or(1.0, |w| w[i]);
    // Start: each client's distance to its ceil(m / p)-th nearest site.
    let rank = m.div_ceil(p);
    let mut u: Vec<f64> = (0..n)
        .map(|i| {
            let (mut k, mut d) = (0, 0.0);
            prob.sites.walk(i, |_, c| {
                d = c;
                k += 1;
                k < rank
            });
            w(i) * d
        })
        .collect();
    let lo: Vec<f64> = (0..n).map(|i| w(i) * prob.sites.nearest(i)).collect();
    let (mut rho, mut chosen) = (vec![0.0; m], vec![false; m]);
    let mut best = f64::NEG_INFINITY;
    let mut best_u = u.clone();
    let (mut lambda, mut since) = (2.0, 0);
    let mut upper = f64::INFINITY;
    let mut g = vec![0.0; n];
    for _ in 0..iterations {
        if deadline.is_some_and(|d| Instant::now() >= d) || lambda < 1e-3 {
            break;
        }
        let l = evaluate(prob, &forced, &u, &mut rho, &mut chosen);
        if l > best + 1e-9 * best.abs().max(1.0) {
            (best, since) = (l, 0);
            best_u.clone_from(&u);
        } else {
            since += 1;
            if since >= 30 {
                (lambda, since) = (lambda / 2.0, 0);
            }
        }
        if upper == f64::INFINITY {
            let open: Vec<usize> = (0..m).filter(|&j| chosen[j]).collect();
            upper = prob.plan_cost(&open);
        }
        if best >= threshold(upper, prob.integral) {
            break;
        }
        let mut norm = 0.0;
        for i in 0..n {
            g[i] = 0.0;
            if w(i) == 0.0 {
                continue;
            }
            let mut covered = 0usize;
            prob.sites.walk(i, |j, c| {
                if w(i) * c >= u[i] {
                    return false;
                }
                covered += usize::from(chosen[j as usize]);
                true
            });
            g[i] = 1.0 - covered as f64;
            norm += g[i] * g[i];
        }
        if norm == 0.0 {
            break;
        }
        let size = lambda * (upper - l).max(1e-9 * upper.abs().max(1.0)) / norm;
        for i in 0..n {
            u[i] = (u[i] + size * g[i]).max(lo[i]);
        }
    }
    let l = evaluate(prob, &forced, &best_u, &mut rho, &mut chosen);
    Relaxation {
        bound: best.max(l),
        multipliers: best_u,
        chosen: (0..m).filter(|&j| chosen[j]).collect(),
    }
}

/// Alternation from `open`: serve each client from its nearest open site, move each
/// open site that is not forced to the site serving its clients at least cost among
/// the four nearest sites of each of them, repeat (at most 10 times) while the cost
/// drops. Returns the cost and the sites.
fn alternate<N: Neighbours>(prob: &Problem<'_, N>, mut open: Vec<usize>) -> (f64, Vec<usize>) {
    let n = prob.sites.clients();
    let w = |i: usize| prob.weights.map_or(1.0, |w| w[i]);
    let mut cost = prob.plan_cost(&open);
    for _ in 0..10 {
        // Clusters: clients by nearest open site (slot in `open`).
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); open.len()];
        for i in 0..n {
            let slot = (0..open.len())
                .min_by(|&a, &b| {
                    prob.sites
                        .cost(i, open[a])
                        .total_cmp(&prob.sites.cost(i, open[b]))
                })
                .expect("an open site");
            members[slot].push(i);
        }
        let mut next = open.clone();
        for (slot, cluster) in members.iter().enumerate() {
            if prob.forced.contains(&open[slot]) || cluster.is_empty() {
                continue;
            }
            // Candidates: the sites nearest to the cluster's clients (their first few).
            let mut candidates: Vec<usize> = vec![open[slot]];
            for &i in cluster {
                let mut k = 0;
                prob.sites.walk(i, |j, _| {
                    candidates.push(j as usize);
                    k += 1;
                    k < 4
                });
            }
            candidates.sort_unstable();
            candidates.dedup();
            let value =
                |j: usize| -> f64 { cluster.iter().map(|&i| w(i) * prob.sites.cost(i, j)).sum() };
            let mut best = (value(open[slot]), open[slot]);
            for &j in &candidates {
                if next.contains(&j) {
                    continue;
                }
                let v = value(j);
                if v < best.0 {
                    best = (v, j);
                }
            }
            next[slot] = best.1;
        }
        let c = prob.plan_cost(&next);
        if c < cost {
            (cost, open) = (c, next);
        } else {
            break;
        }
    }
    open.sort_unstable();
    (cost, open)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::location::pmedian::heuristic::plan_cost;
    use crate::models::location::{CostMatrix, PMedian, PMedianFormulation};
    use crate::{Backend, Status};

    #[test]
    fn matches_the_dense_optimum_and_holds_few_distances() {
        // 150 pseudo-random points in a 1000 x 1000 square, floored distances: for
        // p = 15 and 40 (with weights 1-3 and a forced site in the second case), the
        // lazy solve is proven optimal at the dense Benders solve's optimum (the
        // independent check: the plan's cost recomputed on the dense matrix), and its
        // lists hold far fewer than the 22,500 distances of the matrix.
        let mut state = 99u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % 1000) as f64
        };
        let pts: Vec<[f64; 2]> = (0..150).map(|_| [next(), next()]).collect();
        let w: Vec<f64> = (0..150)
            .map(|_| 1.0 + (next() as usize % 3) as f64)
            .collect();
        let dense = CostMatrix::from_points(&pts, &pts, Metric::EuclideanFloor).unwrap();
        let opts = SolveOptions::new(Backend::Highs).mip_gap(0.0).threads(1);
        for (p, weighted, forced) in [(15, false, vec![]), (40, true, vec![7])] {
            let mut lean = PMedianOnPoints::new(&pts, &pts, Metric::EuclideanFloor, p)
                .forced_open(forced.clone());
            let mut model = PMedian::new(&dense, p)
                .formulation(PMedianFormulation::Benders)
                .forced_open(forced.clone());
            if weighted {
                lean = lean.weights(&w);
                model = model.weights(&w);
            }
            let (s, report) = lean.solve(&opts).unwrap();
            let d = model.solve(&opts).unwrap();
            assert_eq!(d.status, Status::Optimal);
            assert_eq!(s.status, Status::Optimal, "p = {p}");
            assert_eq!(s.objective, d.objective, "p = {p}");
            let wts = weighted.then_some(w.as_slice());
            assert_eq!(plan_cost(&dense, wts, &s.open), d.objective);
            assert_eq!(s.open.len(), p);
            assert!(forced.iter().all(|f| s.open.contains(f)));
            assert!(s.bound.unwrap() <= s.objective + 1e-6);
            assert!(report.lagrangian_bound <= d.objective + 1e-6);
        }
        // The lists a fresh solve reads: at most a few blocks per client.
        let lazy = LazyNeighbours::new(&pts, &pts, Metric::EuclideanFloor);
        let prob = Problem {
            sites: &lazy,
            weights: None,
            p: 40,
            forced: &[],
            integral: true,
        };
        let lag = lagrangian(&prob, 300, None);
        assert!(lag.bound > 0.0);
        assert!(
            lazy.held() < 150 * 150 / 2,
            "{} distances held",
            lazy.held()
        );
    }
}
