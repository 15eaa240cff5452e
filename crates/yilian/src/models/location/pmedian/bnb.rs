//! Lagrangian branch and bound on the sites (the tree search of Beasley 1985 and 1993),
//! for the gap the root Lagrangian bound leaves.
//!
//! A node fixes some sites open and some closed. Its bound is the Lagrangian relaxation
//! of the assignment rows (see `lagrangian`) restricted to plans keeping its fixings:
//! `L(u) = sum_i u_i + sum_{j open} rho_j + (the p - open smallest rho_j of the free
//! sites)`, a lower bound for every plan of the node at any `u`. Subgradient steps
//! from the parent's multipliers raise it; the reduction tests then fix more sites (a
//! plan breaking such a fixing costs at least the threshold); a node whose bound reaches
//! the threshold holds no plan better than the best one and is pruned. Otherwise it
//! branches on a free site (open / closed), chosen by how often the relaxation picked it
//! over the node's iterations (the one nearest one half). Each node's relaxed plan, when
//! it is cheaper than the best plan, is polished by interchange.
//!
//! Nodes are explored best bound first. When the tree is empty the best plan is proven
//! optimal (among the plans keeping the root's fixings); when stopped early the least
//! bound of the open nodes is a valid lower bound.

use super::heuristic::{local_search, plan_cost};
use super::lagrangian::{site_terms, subgradient_step, threshold, Step};
use super::levels::Levels;
use super::sorted::Sorted;
use crate::models::location::CostMatrix;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::rc::Rc;
use std::time::Instant;

/// Site states in a node.
const FREE: u8 = 0;
/// See [`FREE`].
const OPEN: u8 = 1;
/// See [`FREE`].
const CLOSED: u8 = 2;

/// Subgradient at the root node: (iterations per pass, iterations without improvement
/// before the step halves, first step factor, passes). Each pass ends with the reduction
/// tests; the next pass runs only if they fixed a site. One root pass instead of three:
/// 2,991 nodes instead of 7,001 on the random 5000 x 500 instance (64 s against 130 s).
const ROOT_STEPS: (usize, usize, f64, usize) = (300, 20, 1.0, 1);
/// Subgradient at the other nodes, from the parent's multipliers. Measured on pmed36
/// (n = 800, p = 10), pmed39 and the random 2000 x 200 instance, load 3-4.5: three
/// passes of (150, 10, 2) took 375 nodes and 7.4 s on pmed36, 1.6 s on pmed39, 2.8 s on
/// 2000x200; one pass of (150, 10, 2) 3.9 s, 1.0 s, 0.9 s; (80, 8, 2) 1.7 s, 0.3 s,
/// 0.6 s (615 nodes on pmed36); (50, 4, 2) 2.0 s, 0.5 s, 1.1 s; (40, 3, 2) 2.3 s, 0.5 s,
/// 2.3 s. (Earlier, three passes: (60, 5, 0.5) 2,339 nodes on pmed36, (100, 10, 1) 729,
/// (200, 20, 1) 509: a small first step is slow.)
const NODE_STEPS: (usize, usize, f64, usize) = (80, 8, 2.0, 1);

/// The problem the tree searches, and its limits.
pub(crate) struct Tree<'a> {
    /// Costs.
    pub(crate) cost: &'a CostMatrix,
    /// Client weights (`None`: all 1).
    pub(crate) weights: Option<&'a [f64]>,
    /// Sites to open.
    pub(crate) p: usize,
    /// Levels over the sites the root allows (its `sorted` lists drive the bound).
    pub(crate) levels: &'a Levels,
    /// The model's forced sites (kept open by the interchange).
    pub(crate) forced: &'a [usize],
    /// Every weighted cost is an integer.
    pub(crate) integral: bool,
    /// Stop here (the search then reports the open nodes' least bound).
    pub(crate) deadline: Option<Instant>,
    /// Stop after this many nodes.
    pub(crate) node_limit: usize,
    /// Stop when the open nodes would hold more multipliers than this (each keeps one
    /// per client, shared with its sibling).
    pub(crate) open_limit: usize,
    /// Stop when the best plan is within this relative gap of the least open bound.
    pub(crate) gap: f64,
}

/// How the search ended.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// Cost of the best plan (the given one or a better one found in the tree).
    pub(crate) best: f64,
    /// The best plan's open sites, ascending.
    pub(crate) best_open: Vec<usize>,
    /// `None` when the tree was searched to the end (the best plan is optimal among the
    /// plans keeping the root's fixings); otherwise the least bound of the open nodes.
    pub(crate) open_bound: Option<f64>,
    /// Nodes processed.
    pub(crate) nodes: usize,
}

/// A node waiting in the queue.
struct Node {
    /// A lower bound on every plan of the node.
    bound: f64,
    /// Site states.
    state: Vec<u8>,
    /// Multipliers to start from (shared with the sibling).
    u: Rc<Vec<f64>>,
}

impl PartialEq for Node {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Node {}
impl PartialOrd for Node {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Node {
    /// Least bound first in a max-heap.
    fn cmp(&self, other: &Self) -> Ordering {
        other.bound.total_cmp(&self.bound)
    }
}

/// `L(u)` at a node; `rho`, `chosen` and `count` (see [`site_terms`]) are written.
/// `None` when the node has no plan.
fn evaluate(
    t: &Tree<'_>,
    sorted: &Sorted<'_>,
    state: &[u8],
    u: &[f64],
    rho: &mut [f64],
    chosen: &mut [bool],
    count: &mut [u32],
) -> Option<f64> {
    let m = rho.len();
    let total = site_terms(sorted, t.weights, u, rho, count);
    let open = state.iter().filter(|&&s| s == OPEN).count();
    let mut free: Vec<usize> = (0..m).filter(|&j| state[j] == FREE).collect();
    if open > t.p || open + free.len() < t.p {
        return None;
    }
    let take = t.p - open;
    if take > 0 && take < free.len() {
        free.select_nth_unstable_by(take - 1, |&a, &b| rho[a].total_cmp(&rho[b]).then(a.cmp(&b)));
    }
    for j in 0..m {
        chosen[j] = state[j] == OPEN;
    }
    for &j in free.iter().take(take) {
        chosen[j] = true;
    }
    Some(total + (0..m).filter(|&j| chosen[j]).map(|j| rho[j]).sum::<f64>())
}

/// Searches the tree below the root fixings `fixed` (per site: `Some(true)` open,
/// `Some(false)` closed; the levels must allow exactly the sites not fixed closed), from
/// multipliers `u` and the best plan `best_open` costing `best`.
pub(crate) fn search(
    t: &Tree<'_>,
    fixed: &[Option<bool>],
    u: Vec<f64>,
    mut best: f64,
    mut best_open: Vec<usize>,
) -> Outcome {
    let m = t.cost.sites();
    let n = t.cost.clients();
    let w = |i: usize| t.weights.map_or(1.0, |w| w[i]);
    let lo: Vec<f64> = (0..n)
        .map(|i| w(i) * t.levels.distance(t.cost, i, 0))
        .collect();
    let hi: Vec<f64> = (0..n)
        .map(|i| w(i) * t.levels.distance(t.cost, i, t.levels.cut(i)))
        .collect();
    let state: Vec<u8> = fixed
        .iter()
        .map(|f| match f {
            Some(true) => OPEN,
            Some(false) => CLOSED,
            None => FREE,
        })
        .collect();
    let sorted = Sorted::for_multipliers(t.cost, t.weights, t.levels, &u);
    let mut queue = BinaryHeap::new();
    queue.push(Node {
        bound: f64::NEG_INFINITY,
        state,
        u: Rc::new(u),
    });
    let (mut rho, mut chosen) = (vec![0.0; m], vec![false; m]);
    let mut g = vec![0.0; n];
    let mut count = vec![0; n];
    let mut picked = vec![0usize; m];
    let mut nodes = 0;
    let stopped = |nodes: usize, open: usize| {
        nodes >= t.node_limit
            || open.saturating_mul(n) > t.open_limit
            || t.deadline.is_some_and(|d| Instant::now() >= d)
    };
    while let Some(node) = queue.pop() {
        let limit = threshold(best, t.integral);
        if node.bound >= limit {
            continue;
        }
        // Best bound first: no open node has a bound below this one's.
        if stopped(nodes, queue.len() + 1) || best - node.bound <= t.gap * best.abs() {
            return Outcome {
                best,
                best_open,
                open_bound: Some(node.bound),
                nodes,
            };
        }
        nodes += 1;
        let Node {
            bound: parent_bound,
            mut state,
            u,
        } = node;
        let mut u: Vec<f64> = (*u).clone();
        let root = nodes == 1;
        // Subgradient passes, each followed by the reduction tests.
        let mut bound = parent_bound;
        let mut best_u = u.clone();
        let mut pruned = false;
        picked.iter_mut().for_each(|c| *c = 0);
        let mut iterations_total = 0;
        let (max_it, patience, lambda0, passes) = if root { ROOT_STEPS } else { NODE_STEPS };
        let mut node_l = bound;
        for _pass in 0..passes {
            let limit = threshold(best, t.integral);
            let mut lambda = lambda0;
            let mut since = 0;
            let mut l_best = f64::NEG_INFINITY;
            for _ in 0..max_it {
                if t.deadline.is_some_and(|d| Instant::now() >= d) {
                    // The node stays open (its children carry its bound).
                    break;
                }
                let Some(l) = evaluate(t, &sorted, &state, &u, &mut rho, &mut chosen, &mut count)
                else {
                    pruned = true;
                    break;
                };
                iterations_total += 1;
                for j in 0..m {
                    picked[j] += usize::from(chosen[j]);
                }
                if l > l_best + 1e-12 * l.abs().max(1.0) {
                    l_best = l;
                    since = 0;
                    if l > bound {
                        bound = l;
                        best_u.clone_from(&u);
                    }
                } else {
                    since += 1;
                    if since >= patience {
                        lambda /= 2.0;
                        since = 0;
                    }
                }
                if bound >= limit || lambda < 1e-3 {
                    break;
                }
                let step = Step {
                    lambda,
                    upper: best,
                    value: l,
                };
                if !subgradient_step(
                    &sorted,
                    t.weights,
                    &chosen,
                    &count,
                    &mut u,
                    &mut g,
                    (&lo, &hi),
                    step,
                ) {
                    // The relaxed plan covers every client once: it is the node's optimum.
                    break;
                }
            }
            if pruned {
                break;
            }
            // Back to the best multipliers: their relaxed plan, the reduction tests.
            let Some(l) = evaluate(
                t,
                &sorted,
                &state,
                &best_u,
                &mut rho,
                &mut chosen,
                &mut count,
            ) else {
                pruned = true;
                break;
            };
            bound = bound.max(l);
            node_l = l;
            let plan: Vec<usize> = (0..m).filter(|&j| chosen[j]).collect();
            let c = plan_cost(t.cost, t.weights, &plan);
            if c < best {
                let h = local_search(t.cost, t.weights, plan, t.forced);
                if h.objective < best {
                    best = h.objective;
                    best_open = h.open;
                }
            }
            let limit = threshold(best, t.integral);
            if bound >= limit {
                pruned = true;
                break;
            }
            let last = (0..m)
                .filter(|&j| chosen[j] && state[j] == FREE)
                .map(|j| rho[j])
                .fold(f64::NEG_INFINITY, f64::max);
            let next = (0..m)
                .filter(|&j| !chosen[j] && state[j] == FREE)
                .map(|j| rho[j])
                .fold(f64::INFINITY, f64::min);
            let mut changed = 0;
            for j in 0..m {
                if state[j] != FREE {
                    continue;
                }
                if chosen[j] && l - rho[j] + next >= limit {
                    state[j] = OPEN;
                    changed += 1;
                } else if !chosen[j] && l - last + rho[j] >= limit {
                    state[j] = CLOSED;
                    changed += 1;
                }
            }
            u.clone_from(&best_u);
            if changed == 0 {
                break;
            }
        }
        if pruned {
            continue;
        }
        let open = state.iter().filter(|&&s| s == OPEN).count();
        let free: Vec<usize> = (0..m).filter(|&j| state[j] == FREE).collect();
        if open > t.p || open + free.len() < t.p {
            continue;
        }
        if open == t.p || open + free.len() == t.p {
            // One plan left: its cost settles the node.
            let plan: Vec<usize> = (0..m)
                .filter(|&j| state[j] == OPEN || (open < t.p && state[j] == FREE))
                .collect();
            let c = plan_cost(t.cost, t.weights, &plan);
            if c < best {
                best = c;
                best_open = plan;
            }
            continue;
        }
        // Branch on the free site the relaxation picked nearest half the time.
        let its = iterations_total.max(1) as f64;
        let j = *free
            .iter()
            .min_by(|&&a, &&b| {
                let fa = (picked[a] as f64 / its - 0.5).abs();
                let fb = (picked[b] as f64 / its - 0.5).abs();
                fa.total_cmp(&fb).then(a.cmp(&b))
            })
            .expect("a free site");
        // The child against the relaxation's choice at the node's last multipliers
        // starts from the reduction test's bound (`rho`, `chosen` and `node_l` are of
        // the last evaluation; the fixings since then only removed chosen sites from
        // the free ones by opening them and others by closing them): closing a chosen
        // `j` brings in the cheapest free site not chosen, opening another drops the
        // dearest free chosen one. 623 nodes instead of 651 on rl1304 at p = 10, 1,081
        // instead of 1,073 on vm1748 at p = 20.
        let against = if chosen[j] {
            free.iter()
                .filter(|&&k| !chosen[k])
                .map(|&k| node_l - rho[j] + rho[k])
                .fold(f64::INFINITY, f64::min)
        } else {
            free.iter()
                .filter(|&&k| chosen[k])
                .map(|&k| node_l - rho[k] + rho[j])
                .fold(f64::INFINITY, f64::min)
        };
        let against = if against.is_finite() { against } else { bound };
        let shared = Rc::new(best_u);
        for s in [OPEN, CLOSED] {
            let mut child = state.clone();
            child[j] = s;
            let child_bound = if (s == OPEN) != chosen[j] {
                bound.max(against)
            } else {
                bound
            };
            queue.push(Node {
                bound: child_bound,
                state: child,
                u: Rc::clone(&shared),
            });
        }
    }
    Outcome {
        best,
        best_open,
        open_bound: None,
        nodes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::location::pmedian::heuristic::greedy_interchange;

    #[test]
    fn search_proves_the_exhaustive_optimum() {
        // Pseudo-random instances with integer and fractional costs, weights and a
        // forced site: from the heuristic plan and multipliers at the nearest distance,
        // the finished search's best plan costs the exhaustive optimum; with a node
        // limit of 1, or a relative gap of 5 %, the open bound never exceeds it (and
        // with the gap, the best plan is within 5 % of it).
        let mut state = 4242u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % 1000
        };
        for case in 0..40 {
            let (n, m) = (9 + case % 6, 7 + case % 5);
            let integral = case % 2 == 0;
            let data: Vec<f64> = (0..n * m)
                .map(|_| {
                    let v = next() as f64;
                    if integral {
                        v
                    } else {
                        v / 7.0
                    }
                })
                .collect();
            let c = CostMatrix::new(n, m, data).unwrap();
            let w: Vec<f64> = (0..n).map(|_| (1 + next() % 4) as f64).collect();
            let p = 1 + case % 4;
            let forced: Vec<usize> = if case % 3 == 0 {
                vec![case % m]
            } else {
                vec![]
            };
            let mut optimum = f64::INFINITY;
            for mask in 0u32..(1 << m) {
                let open: Vec<usize> = (0..m).filter(|&j| mask & (1 << j) != 0).collect();
                if open.len() == p && forced.iter().all(|f| open.contains(f)) {
                    optimum = optimum.min(plan_cost(&c, Some(&w), &open));
                }
            }
            let h = greedy_interchange(&c, Some(&w), p, &forced);
            let levels = Levels::new(&c, p);
            let fixed: Vec<Option<bool>> = (0..m)
                .map(|j| forced.contains(&j).then_some(true))
                .collect();
            let u: Vec<f64> = (0..n).map(|i| w[i] * levels.distance(&c, i, 0)).collect();
            for (node_limit, gap) in [(usize::MAX, 0.0), (1, 0.0), (usize::MAX, 0.05)] {
                let tree = Tree {
                    cost: &c,
                    weights: Some(&w),
                    p,
                    levels: &levels,
                    forced: &forced,
                    integral,
                    deadline: None,
                    node_limit,
                    open_limit: usize::MAX,
                    gap,
                };
                let out = search(&tree, &fixed, u.clone(), h.objective, h.open.clone());
                assert!(out.best >= optimum - 1e-9, "case {case}");
                assert!((plan_cost(&c, Some(&w), &out.best_open) - out.best).abs() < 1e-9);
                match out.open_bound {
                    None => assert!(
                        (out.best - optimum).abs() <= 1e-9 * optimum.max(1.0),
                        "case {case}: {} vs {optimum}",
                        out.best
                    ),
                    Some(b) => assert!(b <= optimum + 1e-9, "case {case}: {b} > {optimum}"),
                }
                if node_limit == usize::MAX && gap == 0.0 {
                    assert!(out.open_bound.is_none());
                }
                if let Some(b) = out.open_bound.filter(|_| gap > 0.0) {
                    assert!(out.best - b <= gap * out.best + 1e-9, "case {case}");
                }
            }
        }
    }
}
