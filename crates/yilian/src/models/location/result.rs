//! The answer of a location model.

use crate::solve::{assess, Sense};
use crate::{Error, Result, SolveOptions, Status};

/// Open sites, client assignment and the quality of the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct LocationSolution {
    /// Indices of the open sites, ascending.
    pub open: Vec<usize>,
    /// For each client, the sites serving it with the fraction served (fractions sum to 1;
    /// one entry with fraction 1 for single-source models).
    pub assignment: Vec<Vec<(usize, f64)>>,
    /// Objective value of the returned solution.
    pub objective: f64,
    /// Best proven bound on the optimum (a lower bound in a minimisation, an upper
    /// bound for the MCLP's covered weight), when known: the backend's own, or one the
    /// model proves (the p-median's Lagrangian bound, the p-center's radii proven
    /// infeasible). Never clipped to the objective.
    pub bound: Option<f64>,
    /// Relative gap `|objective - bound| / max(|objective|, 1)`, when the bound is known.
    pub gap: Option<f64>,
    /// How good the answer is known to be ([`Status`], docs/status.md): `Optimal` only
    /// when the gap is within the tolerance.
    pub status: Status,
    /// Seconds spent building the program.
    pub build_seconds: f64,
    /// Seconds spent by the solver.
    pub solve_seconds: f64,
    /// Size of the program handed to the solver: (columns, rows, nonzeros).
    pub size: (usize, usize, usize),
}

impl LocationSolution {
    /// The site serving the largest fraction of client `i`.
    pub fn main_site(&self, i: usize) -> usize {
        self.assignment[i]
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(usize::MAX, |a| a.0)
    }
}

impl LocationSolution {
    /// Sets `gap` and `status` from `objective` and `bound` by the rule of every model
    /// ([`crate::solve::assess`]); `status` on entry only says whether a time or work
    /// limit stopped the solve (`TimeLimit`). A bound on the wrong side of the
    /// objective is an [`Error::Solver`] naming `model`.
    pub(crate) fn settle(
        mut self,
        sense: Sense,
        options: &SolveOptions,
        model: &str,
    ) -> Result<LocationSolution> {
        let limit_hit = self.status == Status::TimeLimit;
        let (gap, status) =
            assess(self.objective, self.bound, sense, limit_hit, options).map_err(|message| {
                Error::Solver {
                    backend: options.backend.name().into(),
                    message: format!("{model}: {message}"),
                }
            })?;
        self.bound = self.bound.filter(|b| b.is_finite());
        self.gap = gap;
        self.status = status;
        Ok(self)
    }
}
