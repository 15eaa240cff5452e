//! What a [`super::PMedianFormulation::Benders`] solve reports.

/// How a [`super::PMedianFormulation::Benders`] solve went.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BendersReport {
    /// Cost of the heuristic plan (the first upper bound).
    pub heuristic_objective: f64,
    /// Seconds spent sorting distances and in the heuristic.
    pub heuristic_seconds: f64,
    /// The Lagrangian lower bound (its multipliers give the first cuts).
    pub lagrangian_bound: f64,
    /// Seconds spent in the Lagrangian phase.
    pub lagrangian_seconds: f64,
    /// The master LP's value at the end of phase 1 (the LP bound when the loop ended
    /// with no violated cut).
    pub lp_bound: f64,
    /// LP solves in phase 1.
    pub lp_rounds: usize,
    /// Cuts in the master at the end of phase 1 (the first ones included).
    pub lp_cuts: usize,
    /// Seconds spent in phase 1 (LP solves and separation).
    pub lp_seconds: f64,
    /// Sites fixed open (forced ones included) and closed by reduced costs.
    pub fixed: (usize, usize),
    /// Cost of the best plan at the end of phase 1.
    pub lp_plan: f64,
    /// Nodes of the tree of phase 2 (the branch-and-cut tree on the master LP, or the
    /// Lagrangian branch and bound from the LP's multipliers; 0 when none ran, e.g.
    /// when phase 1 proved the plan).
    pub tree_nodes: usize,
    /// LP solves in the branch-and-cut tree of phase 2 (0 when it did not run).
    pub tree_lps: usize,
    /// MIP solves in phase 2 (after the tree, only when it stopped early).
    pub mip_rounds: usize,
    /// Cuts added in phase 2 (in the tree or by the MIP rounds).
    pub mip_cuts: usize,
    /// Branch-and-bound nodes over the phase-2 MIPs.
    pub mip_nodes: u64,
    /// Seconds spent in phase 2 (tree and MIPs).
    pub mip_seconds: f64,
    /// Entries (site, distance) held in the per-client sorted lists at the end: the
    /// prefixes the walks read (a dense cost matrix, when the model has one, holds its
    /// `clients x sites` distances besides).
    pub distances_held: usize,
}
