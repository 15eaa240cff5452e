//! The outcome of a cost allocation: who pays what, who gains, and what flows between
//! members.

use super::values::CoalitionValue;
use serde::{Deserialize, Serialize};

/// Format tag of share reports.
pub const SHARE_FORMAT: &str = "yilian-share/1";

/// One member's line of an allocation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberShare {
    /// Member name.
    pub name: String,
    /// Its institutions.
    pub institutions: Vec<String>,
    /// `v({i})`: the optimal cost of its own plan, alone.
    pub stand_alone: f64,
    /// Its share of the grand coalition's cost under the rule.
    pub allocated: f64,
    /// `stand_alone - allocated`: what it gains by cooperating (negative: it loses).
    pub saving: f64,
    /// Standard error of `allocated` (sampled Shapley only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard_error: Option<f64>,
    /// Its weight (proportional rules only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

/// The coalition that objects most to an allocation outside the core.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Objection {
    /// Its member names.
    pub members: Vec<String>,
    /// What it pays beyond its own optimal cost, `x(S) - v(S)` (> 0).
    pub excess_paid: f64,
}

/// Service one member provides to another in the grand coalition's plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transfer {
    /// The member whose resources serve (pool home, scanner site, treating site,
    /// telemedicine hub).
    pub provider: String,
    /// The member whose patients or exams are served.
    pub receiver: String,
    /// Specialty (rotation days), modality (scanners), care class (referral) or
    /// `telemedicine`.
    pub service: String,
    /// Visits (rotation), exams (scanners), patients (referral) or consultations
    /// (telemedicine) per period.
    pub quantity: f64,
    /// Specialist-days sent (rotation services only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<f64>,
    /// Their cost in the plan's objective: specialist-day cost (rotation), patient
    /// travel minutes x exams (scanners), travel plus treatment cost (referral; 0 for
    /// telemedicine).
    pub cost: f64,
    /// What the provider's capacity they use is worth at its shadow price (pool days x
    /// value of one more outreach day; scanner-days x value of one more scanner-day;
    /// patients x value of one more slot; hub minutes x value of one more minute),
    /// when the backend gives duals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worth: Option<f64>,
}

/// Sizes and times of the coalition solves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShareStats {
    /// Coalitions solved (each once).
    pub coalitions_solved: usize,
    /// Coalitions solved side by side.
    pub threads: usize,
    /// Wall-clock seconds of all the coalition solves.
    pub solve_seconds: f64,
    /// Mean seconds of one coalition solve.
    pub mean_coalition_seconds: f64,
    /// Longest coalition solve.
    pub max_coalition_seconds: f64,
    /// Seconds of the allocation rule itself (LPs of the nucleolus, ...).
    pub rule_seconds: f64,
}

/// Cost allocation among the members of a consortium.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShareReport {
    /// `"yilian-share/1"`.
    pub format: String,
    /// Scenario name.
    pub scenario: String,
    /// The model whose optimal cost is shared (`rotation`, `scanners`).
    pub model: String,
    /// The rule (`shapley`, `nucleolus`, `least_core`, `proportional`).
    pub rule: String,
    /// Weights of a proportional rule (`demand`, `population`, `stand_alone`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<String>,
    /// `v(N)`: the optimal cost of the grand coalition.
    pub grand_cost: f64,
    /// Sum of the stand-alone costs.
    pub stand_alone_total: f64,
    /// `stand_alone_total - grand_cost`.
    pub savings: f64,
    /// One line per member.
    pub members: Vec<MemberShare>,
    /// Whether the allocation is in the core (`None` when not every coalition was
    /// solved, as with sampled Shapley).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_core: Option<bool>,
    /// The coalition that objects most, when the allocation is not in the core.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objection: Option<Objection>,
    /// The least-core epsilon (positive: the core is empty), when every coalition was
    /// solved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub least_core_epsilon: Option<f64>,
    /// Excess levels of the nucleolus's rounds (nucleolus only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nucleolus_levels: Option<Vec<f64>>,
    /// Orders sampled (sampled Shapley only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub samples: Option<usize>,
    /// Seed of the sampled orders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Relative MIP gap to which every coalition value is proven.
    pub tolerance: f64,
    /// Largest gap of any coalition value.
    pub max_gap: f64,
    /// Services between members in the grand coalition's plan.
    pub transfers: Vec<Transfer>,
    /// Every coalition solved, with its cost and status.
    pub coalitions: Vec<CoalitionValue>,
    /// Sizes and times.
    pub stats: ShareStats,
    /// Notes on how the values were obtained.
    pub notes: Vec<String>,
}

impl ShareReport {
    /// Pretty JSON text.
    pub fn to_json_string(&self) -> String {
        serde_json::to_string_pretty(self).expect("a share report always serialises")
    }

    /// Parses a report from JSON text.
    pub fn from_json_str(text: &str) -> crate::Result<Self> {
        serde_json::from_str(text).map_err(|e| crate::Error::Parse {
            path: "share".into(),
            message: e.to_string(),
        })
    }

    /// The line of member `name`.
    pub fn member(&self, name: &str) -> Option<&MemberShare> {
        self.members.iter().find(|m| m.name == name)
    }
}
