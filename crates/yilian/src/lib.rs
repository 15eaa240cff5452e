//! # yilian
//!
//! Optimisation models for regional medical consortia (医联体 / 医共体): which
//! specialists go where and how often, where shared scanners stand and whom they
//! serve, under limits of staff days, travel time, rooms, throughput and budget.
//!
//! The flow is one-way (see `design.md`):
//! scenario ([`Scenario`], JSON or [`ScenarioBuilder`]) → validation → [`Consortium`]
//! (indexed network with sparse travel times) → a model (for now
//! [`RotationModel`], M1) → a backend ([`Backend`], [`SolveOptions`]) → a plan
//! ([`RotationPlan`]) → [`check`] (independent re-computation of every rule).
//!
//! ```
//! use yilian::{check, generate, Consortium, RotationModel, SolveOptions};
//! let scenario = generate::county(7);
//! let consortium = Consortium::new(scenario).unwrap();
//! let plan = RotationModel::new(&consortium).solve(&SolveOptions::default()).unwrap();
//! assert!(check::check_rotation(&consortium, &plan).is_empty());
//! assert!(plan.total_days > 0.0);
//! ```

pub mod check;
mod error;
pub mod game;
pub mod generate;
pub mod metrics;
pub mod models;
pub mod network;
pub mod plan;
pub mod scenario;
pub mod solve;
pub mod sweep;

pub use error::{Error, Issue, Result};
pub use models::referral::ReferralModel;
pub use models::roster::RosterModel;
pub use models::rotation::RotationModel;
/// Hooks for the measurement binary `scanners-measure` in `benches/` (feature
/// `measure`): internals of the scanner decomposition, not part of the API.
#[cfg(feature = "measure")]
#[doc(hidden)]
pub use models::scanners::measure as scanners_measure;
pub use models::scanners::{ScannerMethod, ScannerModel};
pub use network::Consortium;
pub use plan::{
    ReferralMode, ReferralPlan, RosterPlan, RotationObjective, RotationPlan, ScannerObjective,
    ScannerPlan,
};
pub use scenario::{
    Institution, Link, Location, Policy, Scenario, ScenarioBuilder, SpecialistPool, Tier,
    TravelSettings, TravelSource,
};
pub use solve::{Backend, SolveOptions, Status};
