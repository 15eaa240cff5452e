//! Plans: what the models return, keyed by the user's ids.

mod roster;
mod rotation;
mod scanners;

pub use roster::{
    FrequencyLine, PoolLine, RosterPlan, SpecialistLine, TargetLine, TargetSource, Visit,
};
pub use rotation::{
    Assignment, BudgetUse, ModelStats, PolicyLine, PoolUse, RoomUse, RotationObjective,
    RotationPlan, ServiceLine, PLAN_FORMAT,
};
pub use scanners::{ExamFlow, ExamLine, ModalitySummary, ScannerObjective, ScannerPlan, UnitLine};
