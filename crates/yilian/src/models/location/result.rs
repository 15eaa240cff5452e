//! The answer of a location model.

use crate::Status;

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
    /// Best proven lower bound, when the backend gives one.
    pub bound: Option<f64>,
    /// Relative gap between objective and bound, when known.
    pub gap: Option<f64>,
    /// How good the answer is known to be; `Optimal` only when proven.
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
