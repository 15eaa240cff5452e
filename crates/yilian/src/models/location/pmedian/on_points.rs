//! The p-median on point coordinates without a dense distance matrix: the Benders
//! decomposition (`benders`) over per-client sorted site lists computed lazily from the
//! coordinates (`neighbours::LazyNeighbours`), with a warm start that reads only those
//! lists and single distances.
//!
//! Warm start as the dense decomposition's: each client's first cut at its distance to
//! its `ceil(sites / p)`-th nearest site; plans from the LPs' most open sites, improved
//! by alternation (Maranzana 1964: serve every client from its nearest open site, move
//! each open site to the best site for the clients it serves, repeat while the cost
//! drops). Memory: the lists the walks read (12 bytes an entry;
//! at large `p` a few dozen per client) and the master's cuts, never `clients x sites`
//! distances.

use super::benders::{decompose, kth, rank_start, Phase2, Problem};
use super::neighbours::{on_points, Neighbours};
use super::swap::interchange;
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
/// use yilian::models::location::{Metric, PMedianOnPoints};
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
        let sites = on_points(self.clients, self.sites, self.metric);
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
        let mut report = BendersReport {
            heuristic_objective: f64::INFINITY,
            lagrangian_bound: f64::NEG_INFINITY,
            ..BendersReport::default()
        };
        let (n, m) = (self.clients.len(), self.sites.len());
        let warm = rank_start(n, m, self.p, w, |i, k| kth(&sites, i, k));
        let mut improve = |open: Vec<usize>| {
            let (_, open) = alternate(&prob, open);
            interchange(&prob, open, usize::MAX)
        };
        let out = decompose(
            &prob,
            warm,
            &mut improve,
            options,
            t0,
            usize::MAX,
            Phase2::Tree,
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
        let solve_seconds = report.lp_seconds + report.mip_seconds;
        let mut open = out.open;
        open.sort_unstable();
        Ok((
            LocationSolution {
                open,
                assignment,
                objective,
                bound: Some(out.lower),
                gap: None,
                status: out.status,
                build_seconds: t0.elapsed().as_secs_f64() - solve_seconds,
                solve_seconds,
                size: out.size,
            }
            .settle(crate::solve::Sense::Minimise, options, "p-median on points")?,
            report,
        ))
    }
}

/// Alternation from `open`: serve each client from its nearest open site, move each
/// open site that is not forced to the site serving its clients at least cost among
/// the four nearest sites of each of them, repeat (at most 10 times) while the cost
/// drops. Returns the cost and the sites.
pub(crate) fn alternate<N: Neighbours>(
    prob: &Problem<'_, N>,
    mut open: Vec<usize>,
) -> (f64, Vec<usize>) {
    let n = prob.sites.clients();
    let w = |i: usize| prob.weights.map_or(1.0, |w| w[i]);
    let mut cost = prob.plan_cost(&open);
    let m = prob.sites.sites();
    let mut slot_of = vec![usize::MAX; m];
    let mut in_next = vec![false; m];
    for _ in 0..10 {
        // Clusters: clients by nearest open site (slot in `open`).
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); open.len()];
        for (s, &j) in open.iter().enumerate() {
            slot_of[j] = s;
        }
        let mask = prob.mask(&open);
        for i in 0..n {
            let (j, _) = prob.nearest_open(i, &open, mask.as_deref());
            members[slot_of[j]].push(i);
        }
        for &j in &open {
            slot_of[j] = usize::MAX;
            in_next[j] = true;
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
                if in_next[j] {
                    continue;
                }
                let v = value(j);
                if v < best.0 {
                    best = (v, j);
                }
            }
            in_next[next[slot]] = false;
            in_next[best.1] = true;
            next[slot] = best.1;
        }
        for &j in &next {
            in_next[j] = false;
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
            assert!(report.lp_bound <= d.objective + 1e-6);
        }
        // The lists a solve read: a few blocks per client at p = 40.
        let (_, report) = PMedianOnPoints::new(&pts, &pts, Metric::EuclideanFloor, 40)
            .solve(&opts)
            .unwrap();
        assert!(
            report.distances_held < 150 * 150 / 2,
            "{} distances held",
            report.distances_held
        );
    }
}
