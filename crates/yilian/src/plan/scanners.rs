//! The plan returned by the shared-scanner model (M3).

use super::ModelStats;
use crate::solve::Status;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which objective the scanner model optimised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScannerObjective {
    /// Minimise demand-weighted travel minutes + unmet penalty x unmet exams
    /// (+ cost weight x cost).
    #[default]
    Travel,
    /// Maximise exams served within the travel limit; travel breaks ties.
    Coverage,
}

impl std::str::FromStr for ScannerObjective {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        match s {
            "travel" => Ok(Self::Travel),
            "coverage" => Ok(Self::Coverage),
            _ => Err(crate::Error::InvalidOption {
                field: "objective".into(),
                message: format!(
                    "\"{s}\" is not a scanner objective (expected travel or coverage)"
                ),
            }),
        }
    }
}

/// Units of one modality at one site, and their use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UnitLine {
    /// Institution id of the site.
    pub site: String,
    /// Modality.
    pub modality: String,
    /// Units in place before the plan.
    pub existing: u32,
    /// Units in place after relocation (equal to `existing` without relocation).
    pub kept: u32,
    /// New units added.
    pub added: u32,
    /// Exams per period the units can perform.
    pub capacity: f64,
    /// Exams per period assigned to them.
    pub exams: f64,
    /// exams / capacity (0 when there is no capacity).
    pub utilisation: f64,
    /// Objective improvement from one more scanner-day here (shadow price of the
    /// LP with the units fixed), when the backend gives duals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_of_scanner_day: Option<f64>,
    /// Cost per period of the new units.
    pub added_cost: f64,
}

/// Exams of one institution done at one site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ExamFlow {
    /// Ordering institution id.
    pub institution: String,
    /// Site institution id.
    pub site: String,
    /// Modality.
    pub modality: String,
    /// Exams per period.
    pub exams: f64,
    /// One-way travel minutes from the institution to the site.
    pub minutes: f64,
}

/// Exam demand of one institution for one modality and how it is met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ExamLine {
    /// Institution id.
    pub institution: String,
    /// Tier of the institution.
    pub tier: String,
    /// Modality.
    pub modality: String,
    /// Exams ordered per period.
    pub demand: f64,
    /// Exams done within the travel limit.
    pub served: f64,
    /// Exams not served.
    pub unmet: f64,
    /// Why exams stay unmet, in a planner's terms (absent when all are served).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Totals of one modality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ModalitySummary {
    /// Modality.
    pub modality: String,
    /// Exams ordered.
    pub demand: f64,
    /// Exams served within the travel limit.
    pub served: f64,
    /// Exams unmet.
    pub unmet: f64,
    /// Units in place after the plan (kept + added).
    pub units: u32,
    /// New units.
    pub units_added: u32,
    /// Exam-weighted mean travel minutes of served exams.
    pub mean_travel_minutes: f64,
    /// 90th percentile (exam-weighted) of travel minutes of served exams.
    pub p90_travel_minutes: f64,
}

/// The shared-scanner plan: units added where, which institutions each site serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScannerPlan {
    /// Format tag, `"yilian-plan/1"`.
    pub format: String,
    /// Always `"scanners"`.
    pub model: String,
    /// Name of the scenario.
    pub scenario: String,
    /// The objective optimised.
    pub objective_kind: ScannerObjective,
    /// Solve status of the unit decisions (coverage: the worst of its two stages');
    /// see [`Status`].
    pub status: Status,
    /// Backend that solved it.
    pub backend: String,
    /// Objective value (travel: minutes + penalty x unmet + weighted cost; coverage:
    /// unmet exams).
    pub objective: f64,
    /// Best proven lower bound on `objective`, on the same scale (coverage: unmet
    /// exams): HiGHS's MIP dual bound or the decomposition's Lagrangian or regional
    /// bound, whichever is higher; never clipped to the objective.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<f64>,
    /// Relative gap `(objective - bound) / max(|objective|, 1)`, when the bound is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
    /// Coverage: each stage's status, objective, bound and gap (fewest unmet exams,
    /// then least travel in exam-minutes at that coverage); empty for travel.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<super::StageSummary>,
    /// Units per site and modality.
    pub units: Vec<UnitLine>,
    /// Exam flows, only non-zero ones.
    pub flows: Vec<ExamFlow>,
    /// Demand per institution and modality.
    pub demand: Vec<ExamLine>,
    /// Totals per modality.
    pub modalities: Vec<ModalitySummary>,
    /// Cost per period of new units and relocations.
    pub total_cost: f64,
    /// Units moved (relocation only).
    pub units_moved: u32,
    /// Model size and timing.
    pub stats: ModelStats,
    /// Notes: scenario warnings and options the backend could not honour.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl ScannerPlan {
    /// Pretty JSON text.
    pub fn to_json_string(&self) -> String {
        super::to_json(self)
    }

    /// Parses a plan from JSON text.
    pub fn from_json_str(text: &str) -> crate::Result<Self> {
        super::from_json(text)
    }

    /// New units of `modality` at `site` (0 if none).
    pub fn added(&self, site: &str, modality: &str) -> u32 {
        self.units
            .iter()
            .filter(|u| u.site == site && u.modality == modality)
            .map(|u| u.added)
            .sum()
    }

    /// Exams of `institution` done at `site` for `modality`.
    pub fn flow(&self, institution: &str, site: &str, modality: &str) -> f64 {
        self.flows
            .iter()
            .filter(|f| f.institution == institution && f.site == site && f.modality == modality)
            .map(|f| f.exams)
            .sum()
    }

    /// Unmet exams of `institution` for `modality`.
    pub fn unmet(&self, institution: &str, modality: &str) -> f64 {
        self.demand
            .iter()
            .filter(|d| d.institution == institution && d.modality == modality)
            .map(|d| d.unmet)
            .sum()
    }
}
