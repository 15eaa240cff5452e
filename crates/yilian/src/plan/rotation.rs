//! The plan returned by the rotation model (M1).

use crate::solve::Status;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Format tag of plan files.
pub const PLAN_FORMAT: &str = "yilian-plan/1";

/// Which objective the rotation model optimised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RotationObjective {
    /// Minimise weighted unmet visits + shortfall penalty + cost weight x cost.
    #[default]
    Weighted,
    /// Maximise the smallest served share of any reachable demand, then, at that
    /// share, minimise cost weight x cost + shortfall penalty.
    Equity,
}

impl std::str::FromStr for RotationObjective {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "weighted" => Ok(Self::Weighted),
            "equity" => Ok(Self::Equity),
            _ => Err(crate::Error::InvalidOption {
                field: "objective".into(),
                message: format!("\"{s}\" is not an objective (expected weighted or equity)"),
            }),
        }
    }
}

/// Days one pool sends to one host.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Assignment {
    /// Pool id.
    pub pool: String,
    /// Host institution id.
    pub host: String,
    /// Specialty of the pool.
    pub specialty: String,
    /// Specialist-days per period.
    pub days: f64,
    /// One-way travel minutes from the pool's home.
    pub travel_minutes: f64,
    /// Cost of these days (days x (cost per day + round-trip travel cost)).
    pub cost: f64,
}

/// Demand, service and shortfall of one specialty at one institution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ServiceLine {
    /// Institution id.
    pub host: String,
    /// Tier of the institution.
    pub tier: String,
    /// Specialty.
    pub specialty: String,
    /// Visits wanted per period.
    pub demand: f64,
    /// Visits served (at most the demand).
    pub served: f64,
    /// Visits left unmet.
    pub unmet: f64,
    /// Whether any pool of this specialty can reach the institution.
    pub reachable: bool,
}

/// The policy minimum of one host and what it receives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PolicyLine {
    /// Institution id.
    pub host: String,
    /// Tier, whose minimum applies.
    pub tier: String,
    /// Minimum visiting specialist-days per period.
    pub required_days: f64,
    /// Days received from all pools.
    pub received_days: f64,
    /// Days below the minimum (0 when met).
    pub shortfall: f64,
    /// Why the host is short, in a planner's terms (absent when met).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Use of one pool's outreach days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PoolUse {
    /// Pool id.
    pub pool: String,
    /// Specialty.
    pub specialty: String,
    /// Days available for outreach (headcount x days - home minimum).
    pub available_days: f64,
    /// Days sent.
    pub sent_days: f64,
    /// Objective improvement from one more outreach day (shadow price), when the
    /// backend gives duals and the model is an LP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marginal_value: Option<f64>,
}

/// Use of one host's room-days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RoomUse {
    /// Institution id.
    pub host: String,
    /// Room-days available.
    pub room_days: f64,
    /// Room-days used by visiting specialists.
    pub used: f64,
    /// Objective improvement from one more room-day (shadow price), when available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marginal_value: Option<f64>,
}

/// Use of the budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetUse {
    /// The budget per period.
    pub limit: f64,
    /// Cost of the plan.
    pub used: f64,
    /// Objective improvement from one more unit of budget, when available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marginal_value: Option<f64>,
}

/// Size and timing of the solved model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ModelStats {
    /// Variables (columns) of the final model.
    pub variables: usize,
    /// Constraints (rows) of the final model.
    pub constraints: usize,
    /// Non-zero coefficients.
    pub nonzeros: usize,
    /// Seconds spent building yilian's sparse program(s).
    pub build_seconds: f64,
    /// Seconds spent loading the program(s) into the backend.
    #[serde(default)]
    pub load_seconds: f64,
    /// Seconds spent in the solver.
    pub solve_seconds: f64,
}

/// The rotation plan: who goes where, how many days, and what it achieves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RotationPlan {
    /// Format tag, `"yilian-plan/1"`.
    pub format: String,
    /// Always `"rotation"`.
    pub model: String,
    /// Name of the scenario.
    pub scenario: String,
    /// The objective optimised.
    pub objective_kind: RotationObjective,
    /// Whether days were restricted to whole numbers.
    pub integer_days: bool,
    /// Solve status (for equity: the worst of the two stages'); see [`Status`].
    pub status: Status,
    /// Backend that solved it.
    pub backend: String,
    /// Value of the objective optimised (for equity: of the second, least-cost stage).
    pub objective: f64,
    /// The solver's bound on the objective of the (last) solve, when known: for an LP
    /// solved to optimality the objective itself (Clarabel: its dual objective); for
    /// integer days HiGHS's MIP dual bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<f64>,
    /// Relative gap `|objective - bound| / max(|objective|, 1)` of that solve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
    /// Equity: each stage's status, objective, bound and gap (the smallest served share
    /// first, then the least cost at that share); empty for the weighted objective.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<super::StageSummary>,
    /// Weighted unmet visits (sum of weight x unmet).
    pub weighted_unmet: f64,
    /// Smallest served share of any reachable demand (served / demand).
    pub min_served_share: Option<f64>,
    /// Total cost of the plan.
    pub total_cost: f64,
    /// Total specialist-days sent.
    pub total_days: f64,
    /// Days per (pool, host), only non-zero ones.
    pub assignments: Vec<Assignment>,
    /// Demand, service and unmet per (host, specialty) with demand.
    pub service: Vec<ServiceLine>,
    /// Policy minimums per host that has one.
    pub policy: Vec<PolicyLine>,
    /// Use of every pool.
    pub pools: Vec<PoolUse>,
    /// Use of the rooms of every host that could be visited.
    pub rooms: Vec<RoomUse>,
    /// Use of the budget, if the scenario has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetUse>,
    /// Model size and timing.
    pub stats: ModelStats,
    /// Notes: scenario warnings and options the backend could not honour.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl RotationPlan {
    /// Pretty JSON text.
    pub fn to_json_string(&self) -> String {
        super::to_json(self)
    }

    /// Parses a plan from JSON text.
    pub fn from_json_str(text: &str) -> crate::Result<Self> {
        super::from_json(text)
    }

    /// Days sent by `pool` to `host` (0 if none).
    pub fn days(&self, pool: &str, host: &str) -> f64 {
        self.assignments
            .iter()
            .filter(|a| a.pool == pool && a.host == host)
            .map(|a| a.days)
            .sum()
    }

    /// Unmet visits of `specialty` at `host` (0 if it has no demand).
    pub fn unmet(&self, host: &str, specialty: &str) -> f64 {
        self.service
            .iter()
            .filter(|l| l.host == host && l.specialty == specialty)
            .map(|l| l.unmet)
            .sum()
    }

    /// Total unmet visits.
    pub fn total_unmet(&self) -> f64 {
        self.service.iter().map(|l| l.unmet).sum()
    }

    /// Total demand in visits.
    pub fn total_demand(&self) -> f64 {
        self.service.iter().map(|l| l.demand).sum()
    }
}
