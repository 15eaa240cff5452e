//! Plans: what the models return, keyed by the user's ids.

mod referral;
mod roster;
mod rotation;
mod scanners;
mod stage;

pub use referral::{
    CareDemandLine, CareFlow, CareLoad, CareShares, CareTargetLimit, CareTargetLine, HubMinutesUse,
    RecoveryFlow, Referral, ReferralMode, ReferralPlan, TelemedicineUse, VisitSupport,
};
pub use roster::{
    FrequencyLine, PoolLine, RosterPlan, SpecialistLine, TargetLine, TargetSource, Visit,
};
pub use rotation::{
    Assignment, BudgetUse, ModelStats, PolicyLine, PoolUse, RoomUse, RotationObjective,
    RotationPlan, ServiceLine, PLAN_FORMAT,
};
pub use scanners::{ExamFlow, ExamLine, ModalitySummary, ScannerObjective, ScannerPlan, UnitLine};
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
