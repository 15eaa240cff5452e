//! One stage of a plan made by several solves (equity's two stages, the scanner
//! coverage objective's two stages).

use crate::solve::Status;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What one solve of a lexicographic (two-stage) plan achieved, with its own status.
///
/// The plan's `status` is the worst of its stages' ([`Status::worst`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StageSummary {
    /// What the stage optimises, for example `"max smallest served share"`.
    pub stage: String,
    /// How well the stage was solved.
    pub status: Status,
    /// The stage's objective value.
    pub objective: f64,
    /// The solver's bound on that objective, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<f64>,
    /// Relative gap `|objective - bound| / max(|objective|, 1)`, when the bound is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
}

impl StageSummary {
    /// The summary of a solve's answer.
    pub(crate) fn of(stage: &str, sol: &crate::solve::LpSolution) -> Self {
        Self {
            stage: stage.to_string(),
            status: sol.status,
            objective: sol.objective,
            bound: sol.bound,
            gap: sol.gap,
        }
    }
}
