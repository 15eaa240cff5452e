//! Plans: what the models return, keyed by the user's ids.
//!
//! Each model's plan and its settings of objective or mode ([`crate::RotationPlan`],
//! [`crate::RosterPlan`], [`crate::ScannerPlan`], [`crate::ReferralPlan`], ...) are at the
//! crate root; this module holds their parts.

pub(crate) mod referral;
pub(crate) mod roster;
pub(crate) mod rotation;
pub(crate) mod scanners;
mod stage;

pub use referral::{
    CareDemandLine, CareFlow, CareLoad, CareShares, CareTargetLimit, CareTargetLine, HubMinutesUse,
    RecoveryFlow, Referral, TelemedicineUse, VisitSupport,
};
pub(crate) use referral::{ReferralMode, ReferralPlan};
pub(crate) use roster::RosterPlan;
pub use roster::{FrequencyLine, PoolLine, SpecialistLine, TargetLine, TargetSource, Visit};
pub use rotation::{
    Assignment, BudgetUse, ModelStats, PolicyLine, PoolUse, RoomUse, ServiceLine, PLAN_FORMAT,
};
pub(crate) use rotation::{RotationObjective, RotationPlan};
pub use scanners::{ExamFlow, ExamLine, ModalitySummary, UnitLine};
pub(crate) use scanners::{ScannerObjective, ScannerPlan};
pub use stage::StageSummary;

/// Pretty JSON text of any plan.
pub(crate) fn to_json<T: serde::Serialize>(plan: &T) -> String {
    serde_json::to_string_pretty(plan).expect("a plan always serialises")
}

/// Parses any plan from JSON text, naming the field where parsing stopped.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> crate::Result<T> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| crate::Error::Parse {
        path: format!("plan.{}", e.path()),
        message: e.into_inner().to_string(),
    })
}
