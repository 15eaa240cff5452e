//! Phase 2 of the Benders decomposition as a branch-and-Benders-cut tree of its own on
//! the master LP (`master`), instead of HiGHS's MIP on a master whose cuts are fixed
//! while it branches.
//!
//! Every node is the master LP with some opening variables fixed (branching and
//! reduced-cost fixings); its LP is re-solved by HiGHS's dual simplex from the last
//! basis and cuts are separated at its point until none is violated, so that every
//! node's bound is the LP bound of the radius formulation under its fixings (the cuts
//! stay in the master: they are valid everywhere). A node is pruned when its bound
//! reaches the best plan's cost (less one with integer costs); an integer point that
//! violates no cut is a plan whose cost is its LP value; otherwise the sites at 0 or at
//! 1 whose reduced cost lifts the bound to the best plan's cost are fixed (closed or
//! open) below the node, and the node branches on its most fractional site. Nodes are
//! taken best bound first (the deeper on ties). Plans also come from every few nodes'
//! LP points (their `p` most open sites, polished).
//!
//! The bounds are honest at any stop: plans in an open node's subtree cost at least its
//! bound (its parent's LP value, a relaxation), plans breaking a fixing cost at least
//! the best plan's cost (integer costs) or its cost less 1e-10 relative.

use super::benders::{rounded, separate, Problem};
use super::lagrangian::threshold;
use super::master::{Master, RunStatus};
use super::neighbours::Neighbours;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A point is integer when every opening is within this of 0 or 1.
const INTEGER: f64 = 1e-6;
/// Reduced-cost fixing asks for this much more than the threshold (as in `benders`).
const FIXING_MARGIN: f64 = 1e-3;
/// A plan from the LP point every this many nodes (and at the first).
const PLAN_EVERY: usize = 8;

/// An open node: its fixings (site, open) on top of the tree's root bounds, and the
/// lower bound of its subtree.
struct Node {
    bound: f64,
    depth: usize,
    fixings: Vec<(u32, bool)>,
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
    /// The heap's greatest is the least bound, then the deepest.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .bound
            .total_cmp(&self.bound)
            .then(self.depth.cmp(&other.depth))
    }
}

/// What the tree needs besides the master.
pub(crate) struct CutTree<'a, 'b, N: Neighbours> {
    /// The problem.
    pub(crate) prob: &'a Problem<'b, N>,
    /// Per site, its root bounds (forced sites and phase 1's fixings applied).
    pub(crate) root: &'a [(f64, f64)],
    /// Seconds left (`None`: no limit).
    pub(crate) remaining: &'a dyn Fn() -> Option<f64>,
    /// HiGHS threads.
    pub(crate) threads: Option<u32>,
    /// Rounds a bound up (with integer costs).
    pub(crate) lift: &'a dyn Fn(f64) -> f64,
    /// Whether a bound proves a plan's cost (within the proof tolerance or the
    /// requested gap).
    pub(crate) closes: &'a dyn Fn(f64, f64) -> bool,
}

/// How the tree ended.
pub(crate) struct TreeEnd {
    /// The best plan's cost and sites.
    pub(crate) best: f64,
    /// See `best`.
    pub(crate) best_open: Vec<usize>,
    /// The least bound of the open nodes (`None`: searched to its end).
    pub(crate) open_bound: Option<f64>,
    /// Nodes processed.
    pub(crate) nodes: usize,
    /// LP solves.
    pub(crate) lp_solves: usize,
    /// Cuts added.
    pub(crate) cuts: usize,
    /// Stopped at the time limit.
    pub(crate) timed_out: bool,
}

/// Searches from the root bounds; `improve` polishes a plan. HiGHS errors are returned
/// as messages.
pub(crate) fn search<N: Neighbours>(
    tree: &CutTree<'_, '_, N>,
    master: &mut Master,
    mut best: f64,
    mut best_open: Vec<usize>,
    improve: &mut dyn FnMut(Vec<usize>) -> (f64, Vec<usize>),
) -> Result<TreeEnd, String> {
    let prob = tree.prob;
    let (m, p) = (prob.sites.sites(), prob.p);
    let integral = prob.integral;
    let mut forced = vec![false; m];
    for &j in prob.forced {
        forced[j] = true;
    }
    // Plans breaking a fixing, and subtrees whose bound reaches this, are no better
    // than the best plan.
    let cutoff = |best: f64| {
        if integral {
            best
        } else {
            threshold(best, integral)
        }
    };
    let pruned = |bound: f64, best: f64| bound >= cutoff(best) || (tree.closes)(best, bound);
    let mut heap = BinaryHeap::new();
    heap.push(Node {
        bound: f64::NEG_INFINITY,
        depth: 0,
        fixings: Vec::new(),
    });
    let mut end = TreeEnd {
        best,
        best_open: Vec::new(),
        open_bound: None,
        nodes: 0,
        lp_solves: 0,
        cuts: 0,
        timed_out: false,
    };
    let (mut lo, mut hi) = (vec![0.0; m], vec![0.0; m]);
    'nodes: while let Some(node) = heap.pop() {
        if pruned(node.bound, best) {
            continue;
        }
        for (j, b) in tree.root.iter().enumerate() {
            (lo[j], hi[j]) = *b;
        }
        for &(j, open) in &node.fixings {
            let v = if open { 1.0 } else { 0.0 };
            (lo[j as usize], hi[j as usize]) = (v, v);
        }
        let ones = lo.iter().filter(|&&l| l > 0.5).count();
        let allowed = hi.iter().filter(|&&h| h > 0.5).count();
        if ones > p || allowed < p {
            continue;
        }
        master.set_site_bounds(&lo, &hi)?;
        end.nodes += 1;
        // The node's LP by a cut loop.
        let (x, reduced, value) = loop {
            if let Some(r) = (tree.remaining)() {
                if r <= 0.0 {
                    end.timed_out = true;
                    heap.push(node);
                    break 'nodes;
                }
                master.set_double("time_limit", r)?;
            }
            let run = master.run(tree.threads)?;
            end.lp_solves += 1;
            match run {
                RunStatus::Optimal => {}
                RunStatus::Infeasible => continue 'nodes,
                RunStatus::TimeLimit => {
                    end.timed_out = true;
                    heap.push(node);
                    break 'nodes;
                }
                other => return Err(format!("the Benders tree's LP ended with status {other:?}")),
            }
            let value = (tree.lift)(master.objective());
            if pruned(value, best) {
                continue 'nodes;
            }
            let (x, reduced) = master.solution();
            let cuts = separate(prob, master, &x);
            if cuts.is_empty() {
                break (x, reduced, value);
            }
            end.cuts += cuts.len();
            master.add_cuts(&cuts)?;
        };
        let y = &x[..m];
        if y.iter().all(|&v| !(INTEGER..=1.0 - INTEGER).contains(&v)) {
            // A plan, and the subtree's optimum (its LP value is its true cost).
            let open: Vec<usize> = (0..m).filter(|&j| y[j] > 0.5).collect();
            if open.len() == p {
                let c = prob.plan_cost(&open);
                if c < best {
                    (best, best_open) = (c, open);
                }
                continue;
            }
        }
        if end.nodes % PLAN_EVERY == 1 {
            let (c, open) = improve(rounded(prob, &x, &forced));
            if c < best {
                (best, best_open) = (c, open);
            }
            if pruned(value, best) {
                continue;
            }
        }
        // Reduced-cost fixing below this node.
        let mut fixings = node.fixings;
        let limit = threshold(best, integral) + FIXING_MARGIN;
        let raw = master.objective();
        for j in 0..m {
            if lo[j] == hi[j] {
                continue;
            }
            if y[j] < 1e-9 && raw + reduced[j] >= limit {
                fixings.push((j as u32, false));
                hi[j] = 0.0;
            } else if y[j] > 1.0 - 1e-9 && raw - reduced[j] >= limit {
                fixings.push((j as u32, true));
                lo[j] = 1.0;
            }
        }
        // Branch on the most fractional free site.
        let pick = (0..m)
            .filter(|&j| lo[j] != hi[j])
            .filter(|&j| y[j] > INTEGER && y[j] < 1.0 - INTEGER)
            .min_by(|&a, &b| {
                (y[a] - 0.5)
                    .abs()
                    .total_cmp(&(y[b] - 0.5).abs())
                    .then(a.cmp(&b))
            });
        let Some(j) = pick else {
            // Integer on the free sites but not a plan of `p` sites: cannot happen with
            // the cardinality row; nothing below to search.
            continue;
        };
        for open in [true, false] {
            let mut f = fixings.clone();
            f.push((j as u32, open));
            heap.push(Node {
                bound: value,
                depth: node.depth + 1,
                fixings: f,
            });
        }
    }
    end.open_bound = if end.timed_out {
        Some(heap.iter().map(|n| n.bound).fold(f64::INFINITY, f64::min))
    } else {
        None
    };
    end.best = best;
    end.best_open = best_open;
    Ok(end)
}
