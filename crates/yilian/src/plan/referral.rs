//! The plan returned by the tiered-care model (M5): where patients are treated, who
//! is referred up and down, and what the policy targets cost.

use super::{ModelStats, RotationPlan};
use crate::solve::Status;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How the specialist-days that enable care at lower tiers were decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReferralMode {
    /// A rotation plan (M1) was given or solved first; its days are fixed.
    #[default]
    Sequential,
    /// Rotation days and patient flows in one program.
    Joint,
}

impl ReferralMode {
    /// The snake-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReferralMode::Sequential => "sequential",
            ReferralMode::Joint => "joint",
        }
    }
}

/// Patients of one class from one origin treated at one site (the acute stage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CareFlow {
    /// Origin (home) institution id.
    pub origin: String,
    /// Class id.
    pub class: String,
    /// Treating institution id.
    pub site: String,
    /// Patients per period.
    pub patients: f64,
    /// One-way travel minutes from the origin to the site.
    pub minutes: f64,
    /// Travel cost plus treatment cost of these patients.
    pub cost: f64,
    /// Recovery episodes of these patients that find no recovery site (0 for classes
    /// without a recovery stage).
    #[serde(default)]
    pub recovery_unplaced: f64,
}

/// Recovery episodes of an acute flow continuing at a recovery site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RecoveryFlow {
    /// Origin (home) institution id of the patients.
    pub origin: String,
    /// Class of the acute stage.
    pub class: String,
    /// Where the acute stage was treated.
    pub acute_site: String,
    /// Class of the recovery stage.
    pub recovery_class: String,
    /// Where the recovery stage is treated.
    pub site: String,
    /// Episodes per period.
    pub patients: f64,
    /// One-way travel minutes from the origin to the recovery site.
    pub minutes: f64,
    /// Travel cost plus treatment cost of these episodes.
    pub cost: f64,
}

/// Demand of one origin for one class and how it is met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CareDemandLine {
    /// Origin institution id.
    pub origin: String,
    /// Tier of the origin.
    pub tier: String,
    /// Class id.
    pub class: String,
    /// Patients per period.
    pub demand: f64,
    /// Patients treated in the consortium.
    pub treated: f64,
    /// Patients not treated in the consortium (outside, or not at all).
    pub unmet: f64,
    /// Why patients stay unmet, in a planner's terms (absent when all are treated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Load of one class at one institution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CareLoad {
    /// Institution id.
    pub institution: String,
    /// Tier of the institution.
    pub tier: String,
    /// Class id.
    pub class: String,
    /// Patients per period it can treat (slots, or beds x period days / length of stay).
    pub capacity: f64,
    /// Patients treated (acute and recovery stages).
    pub load: f64,
    /// load / capacity (0 when there is no capacity).
    pub utilisation: f64,
    /// Whether the tier may treat the class on its own.
    pub native: bool,
    /// Patients treated thanks to visiting specialist-days (a lower tier only).
    pub by_visits: f64,
    /// Patients treated with a remote consultation (a lower tier only).
    pub by_telemedicine: f64,
    /// Objective improvement from one more slot (one more patient of capacity), when
    /// the backend gives duals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marginal_value: Option<f64>,
    /// Objective improvement from one more bed, when the capacity is given in beds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marginal_value_per_bed: Option<f64>,
}

/// Visits of visiting specialists of one specialty at one host, and the patients of
/// enabled classes they see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VisitSupport {
    /// Host institution id.
    pub host: String,
    /// Specialty.
    pub specialty: String,
    /// Visits per period the specialists' days provide (visits per day x days).
    pub visits: f64,
    /// Patients of enabled classes treated with them.
    pub patients: f64,
    /// Objective improvement from one more such visit, when the backend gives duals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marginal_value: Option<f64>,
}

/// Use of one telemedicine link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TelemedicineUse {
    /// Hub institution id.
    pub hub: String,
    /// Spoke institution id.
    pub spoke: String,
    /// Hub minutes available per period.
    pub minutes: f64,
    /// Hub minutes used.
    pub minutes_used: f64,
    /// Consultations per period, by class.
    pub consultations: BTreeMap<String, f64>,
    /// Objective improvement from one more hub minute, when the backend gives duals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marginal_value: Option<f64>,
}

/// Use of a hub's shared specialist minutes (`care.hub_minutes`) over all its links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HubMinutesUse {
    /// Hub institution id.
    pub hub: String,
    /// Minutes the hub shares among its links per period.
    pub minutes: f64,
    /// Minutes its links' consultations use together.
    pub minutes_used: f64,
    /// Objective improvement from one more shared hub minute, when the backend gives
    /// duals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marginal_value: Option<f64>,
}

/// Patients referred from one institution to another, all classes together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Referral {
    /// Institution the patients come from (origin for referrals up, acute site for
    /// referrals down).
    pub from: String,
    /// Institution they are treated at.
    pub to: String,
    /// Patients per period.
    pub patients: f64,
}

/// One (institution, class) that limits a target, in a planner's terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CareTargetLimit {
    /// Institution id.
    pub institution: String,
    /// Class id.
    pub class: String,
    /// What limits the target there.
    pub reason: String,
}

/// A policy target and how the plan meets it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CareTargetLine {
    /// `min_grassroots_share`, `min_within_county_share` or `max_hospital_utilisation`.
    pub target: String,
    /// The share asked for (a minimum, or the utilisation maximum).
    pub required: f64,
    /// The share reached (for utilisation: the busiest hospital class).
    pub achieved: f64,
    /// Episodes counted by a share target (its denominator); 0 for utilisation.
    pub episodes: f64,
    /// Episodes short of the target (for utilisation: patients above it, all
    /// hospital classes together).
    pub shortfall_episodes: f64,
    /// Whether the target row holds with equality (it constrains the plan).
    pub binding: bool,
    /// Increase of the objective when the target is tightened by one percentage point
    /// (a minimum raised, the maximum lowered), from the duals; absent without duals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marginal_cost_per_point: Option<f64>,
    /// What stops the target from being met (empty when it is met). At most 50 lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<CareTargetLimit>,
}

/// Shares of the plan (or of a baseline plan without targets).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CareShares {
    /// Share of all episodes treated at grassroots institutions.
    pub grassroots_share: f64,
    /// Share of all episodes treated in the patient's own county.
    pub within_county_share: f64,
    /// Utilisation of the busiest hospital class (0 when no hospital treats anyone).
    pub busiest_hospital_utilisation: f64,
    /// Objective of that plan.
    pub objective: f64,
}

/// The tiered-care plan: flows, loads, referrals, shares, targets and duals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReferralPlan {
    /// Format tag, `"yilian-plan/1"`.
    pub format: String,
    /// Always `"referral"`.
    pub model: String,
    /// Name of the scenario.
    pub scenario: String,
    /// Sequential (rotation days fixed) or joint.
    pub mode: ReferralMode,
    /// Solve status.
    pub status: Status,
    /// Backend that solved it.
    pub backend: String,
    /// Care objective: travel cost + treatment cost + unmet penalty + target penalty.
    pub objective: f64,
    /// The rotation part: `care.rotation_weight` x M1's weighted objective of
    /// `rotation` (by default its cost in currency).
    pub rotation_objective: f64,
    /// objective + rotation_objective: what joint mode minimises.
    pub total_objective: f64,
    /// Best proven bound on what the program minimised (the care objective in
    /// sequential mode, the total in joint mode), when the backend gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<f64>,
    /// Relative gap between the objective and the bound, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
    /// The stages of a multi-stage solve; empty: the referral LP is one stage.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<super::StageSummary>,
    /// Patient travel cost.
    pub travel_cost: f64,
    /// Treatment cost.
    pub treatment_cost: f64,
    /// Unmet penalty (acute patients and recovery episodes not placed).
    pub unmet_penalty: f64,
    /// Target penalty (penalty x episodes short, all targets).
    pub target_penalty: f64,
    /// All episodes: demand plus the recovery episodes of all demand.
    pub episodes: f64,
    /// Episodes treated in the consortium.
    pub treated: f64,
    /// Share of all episodes treated at grassroots institutions.
    pub grassroots_share: f64,
    /// Share of all episodes treated in the patient's own county.
    pub within_county_share: f64,
    /// The busiest hospital class: (institution, class, utilisation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub busiest_hospital: Option<(String, String, f64)>,
    /// Patients referred up (a grassroots origin treated at a higher tier).
    pub referred_up: f64,
    /// Recovery episodes referred down (to a lower tier than the acute site).
    pub referred_down: f64,
    /// The same plan solved without the policy targets, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<CareShares>,
    /// The rotation days in force (given, solved first, or solved jointly).
    pub rotation: RotationPlan,
    /// Acute flows, only non-zero ones.
    pub flows: Vec<CareFlow>,
    /// Recovery flows, only non-zero ones.
    pub recovery: Vec<RecoveryFlow>,
    /// Demand per origin and class.
    pub demand: Vec<CareDemandLine>,
    /// Load per institution and class with capacity.
    pub loads: Vec<CareLoad>,
    /// Visiting specialists' visits at hosts where they enable a class.
    pub visiting: Vec<VisitSupport>,
    /// Use of every telemedicine link.
    pub telemedicine: Vec<TelemedicineUse>,
    /// Use of the shared minutes of every hub with a `care.hub_minutes` entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hub_minutes: Vec<HubMinutesUse>,
    /// Referrals up as an origin-destination table.
    pub referrals_up: Vec<Referral>,
    /// Referrals down as an origin-destination table (acute site to recovery site).
    pub referrals_down: Vec<Referral>,
    /// Policy targets of the scenario.
    pub targets: Vec<CareTargetLine>,
    /// Model size and timing.
    pub stats: ModelStats,
    /// Notes: scenario warnings and options the backend could not honour.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl ReferralPlan {
    /// Pretty JSON text.
    pub fn to_json_string(&self) -> String {
        super::to_json(self)
    }

    /// Parses a plan from JSON text.
    pub fn from_json_str(text: &str) -> crate::Result<Self> {
        super::from_json(text)
    }

    /// Patients of `class` from `origin` treated at `site` (acute stage).
    pub fn flow(&self, origin: &str, class: &str, site: &str) -> f64 {
        self.flows
            .iter()
            .filter(|f| f.origin == origin && f.class == class && f.site == site)
            .map(|f| f.patients)
            .sum()
    }

    /// Unmet patients of `class` from `origin`.
    pub fn unmet(&self, origin: &str, class: &str) -> f64 {
        self.demand
            .iter()
            .filter(|d| d.origin == origin && d.class == class)
            .map(|d| d.unmet)
            .sum()
    }

    /// Patients of `class` treated at `institution`, both stages.
    pub fn load(&self, institution: &str, class: &str) -> f64 {
        self.loads
            .iter()
            .filter(|l| l.institution == institution && l.class == class)
            .map(|l| l.load)
            .sum()
    }

    /// The line of `target` (`min_grassroots_share`, ...), if the scenario sets it.
    pub fn target(&self, target: &str) -> Option<&CareTargetLine> {
        self.targets.iter().find(|t| t.target == target)
    }
}
