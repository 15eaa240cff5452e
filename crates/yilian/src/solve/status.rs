//! The outcome of a solve.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How good the returned plan is known to be.
///
/// Infeasible and unbounded models return an error instead of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Proven optimal.
    Optimal,
    /// Within the requested MIP gap of the bound.
    GapLimit,
    /// Stopped by the time limit with a feasible plan.
    TimeLimit,
}

impl Status {
    /// The snake-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::GapLimit => "gap_limit",
            Status::TimeLimit => "time_limit",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
