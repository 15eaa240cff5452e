//! The outcome of a solve, and what "optimal" means.

use super::SolveOptions;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The relative gap to which yilian proves a plan optimal when no `mip_gap` is asked
/// for, on every backend: `(objective - bound) / max(|objective|, 1)` at most 1e-4
/// (0.01 %). HiGHS, CBC and microlp are all told to stop there.
pub const OPTIMALITY_GAP: f64 = 1e-4;

/// The smallest tolerance of a proof: a relative gap of 1e-6 (HiGHS stops at an
/// absolute gap of 1e-6 even when asked for 0), also the tolerance of a bound found on
/// the wrong side of the objective.
pub const GAP_FLOOR: f64 = 1e-6;

/// How good the returned plan is known to be.
///
/// The gap of a plan is `|objective - bound| / max(|objective|, 1)`, with the bound the
/// solver's own (the MIP bound of HiGHS, CBC or microlp, Clarabel's dual objective,
/// the simplex's optimal basis for an LP) or a bound yilian proves itself (the scanner model's
/// Lagrangian and regional bounds). The tolerance of a solve is
/// [`SolveOptions::optimality_gap`]: the `mip_gap` asked for when it is below
/// [`OPTIMALITY_GAP`] (but at least [`GAP_FLOOR`]), else [`OPTIMALITY_GAP`].
///
/// | status | meaning |
/// |---|---|
/// | `optimal` | proven: the gap against the best bound known (the backend's MIP bound, or one yilian proves) is at most the tolerance |
/// | `gap_limit` | proven within the `mip_gap` asked for, which is looser than [`OPTIMALITY_GAP`] |
/// | `time_limit` | the time limit (or another work limit) stopped the solve; the plan is feasible and `gap` (when known) says how far from optimal it may be |
/// | `feasible` | a feasible plan, no limit was hit, but optimality is not proven to the tolerance (a bound shows a larger gap, the solver gave no bound or a non-finite gap, or it stopped with reduced accuracy) |
///
/// A bound on the wrong side of the objective (a negative gap) is never clamped: the
/// solve fails with [`crate::Error::Solver`]. Infeasible and unbounded models return an
/// error instead of a plan. Shadow prices (duals) are only reported from LPs whose
/// status is `optimal`.
///
/// ```
/// use yilian::{Backend, SolveOptions, Status};
/// let o = SolveOptions::new(Backend::Microlp);
/// assert_eq!(Status::from_gap(Some(5e-5), false, &o), Status::Optimal);
/// assert_eq!(Status::from_gap(Some(0.02), false, &o), Status::Feasible);
/// assert_eq!(Status::from_gap(Some(0.02), true, &o), Status::TimeLimit);
/// assert_eq!(Status::from_gap(Some(0.02), false, &o.clone().mip_gap(0.05)), Status::GapLimit);
/// assert_eq!(Status::from_gap(None, false, &o), Status::Feasible);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Proven optimal to the tolerance ([`SolveOptions::optimality_gap`]).
    Optimal,
    /// Proven within the requested `mip_gap`, looser than [`OPTIMALITY_GAP`].
    GapLimit,
    /// Stopped by the time limit (or another work limit) with a feasible plan.
    TimeLimit,
    /// A feasible plan whose optimality is not proven to the tolerance, though no limit
    /// stopped the solve.
    Feasible,
}

impl Status {
    /// The snake-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::GapLimit => "gap_limit",
            Status::TimeLimit => "time_limit",
            Status::Feasible => "feasible",
        }
    }

    /// Every status, best first.
    pub const ALL: [Status; 4] = [
        Status::Optimal,
        Status::GapLimit,
        Status::Feasible,
        Status::TimeLimit,
    ];

    /// Parses a snake-case name.
    pub fn parse(name: &str) -> Option<Status> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The status of a feasible plan with relative gap `gap` (None: no bound known),
    /// solved with `options`, `limit_hit` when a time or work limit stopped the solve.
    pub fn from_gap(gap: Option<f64>, limit_hit: bool, options: &SolveOptions) -> Status {
        let gap = gap.filter(|g| g.is_finite());
        match gap {
            Some(g) if g <= options.optimality_gap() => Status::Optimal,
            Some(g) if options.mip_gap.is_some_and(|asked| g <= asked) => Status::GapLimit,
            _ if limit_hit => Status::TimeLimit,
            _ => Status::Feasible,
        }
    }

    /// The less proven of two statuses (for a plan made by several solves): a time limit
    /// before an unproven plan, before a gap limit, before optimal.
    pub fn worst(self, other: Status) -> Status {
        let rank = |s: Status| Self::ALL.iter().position(|&a| a == s).unwrap_or(0);
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }

    /// Whether the plan is proven optimal to the tolerance.
    pub fn is_optimal(self) -> bool {
        self == Status::Optimal
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The relative gap `(objective - bound) / max(|objective|, 1)` of a plan against a
/// bound, oriented by the sense (for a maximisation, `bound - objective`).
///
/// A bound on the wrong side of the objective by more than a relative 1e-6 (the
/// solvers' tolerances) is an error naming both: a wrong bound must not read as a proof.
/// Within that tolerance the gap is 0.
///
/// ```
/// use yilian::solve::{relative_gap, Sense};
/// assert_eq!(relative_gap(100.0, 90.0, Sense::Minimise).unwrap(), 0.1);
/// assert_eq!(relative_gap(0.5, 0.0, Sense::Minimise).unwrap(), 0.5);
/// assert!(relative_gap(100.0, 101.0, Sense::Minimise).is_err());
/// assert_eq!(relative_gap(100.0, 110.0, Sense::Maximise).unwrap(), 0.1);
/// ```
pub fn relative_gap(objective: f64, bound: f64, sense: super::Sense) -> Result<f64, String> {
    let diff = match sense {
        super::Sense::Minimise => objective - bound,
        super::Sense::Maximise => bound - objective,
    };
    let scale = objective.abs().max(1.0);
    if diff.is_nan() {
        return Err(format!(
            "the gap between objective {objective} and bound {bound} is not a number"
        ));
    }
    if diff < -GAP_FLOOR * scale {
        let side = match sense {
            super::Sense::Minimise => "above",
            super::Sense::Maximise => "below",
        };
        return Err(format!(
            "the bound {bound} lies {side} the objective {objective} of the plan (a negative \
             gap of {:.3e}): the bound or the plan is wrong",
            diff / scale
        ));
    }
    Ok((diff / scale).max(0.0))
}

/// The gap and status of a feasible plan of `objective` against `bound` (None: no
/// bound is known), solved with `options`, `limit_hit` when a time or work limit
/// stopped the solve: [`relative_gap`] then [`Status::from_gap`], the one rule every
/// model follows (docs/status.md). A bound on the wrong side of the objective is an
/// error; a non-finite bound proves nothing and counts as none.
///
/// ```
/// use yilian::solve::{assess, Sense};
/// use yilian::{Backend, SolveOptions, Status};
/// let o = SolveOptions::new(Backend::Microlp);
/// assert_eq!(assess(100.0, Some(100.0), Sense::Minimise, true, &o).unwrap(), (Some(0.0), Status::Optimal));
/// assert_eq!(assess(100.0, Some(90.0), Sense::Minimise, true, &o).unwrap(), (Some(0.1), Status::TimeLimit));
/// assert_eq!(assess(100.0, None, Sense::Minimise, false, &o).unwrap(), (None, Status::Feasible));
/// assert!(assess(100.0, Some(101.0), Sense::Minimise, false, &o).is_err());
/// assert!(assess(100.0, Some(99.0), Sense::Maximise, false, &o).is_err());
/// ```
pub fn assess(
    objective: f64,
    bound: Option<f64>,
    sense: super::Sense,
    limit_hit: bool,
    options: &SolveOptions,
) -> Result<(Option<f64>, Status), String> {
    let gap = match bound.filter(|b| b.is_finite()) {
        Some(b) => Some(relative_gap(objective, b, sense)?),
        None => None,
    };
    Ok((gap, Status::from_gap(gap, limit_hit, options)))
}
