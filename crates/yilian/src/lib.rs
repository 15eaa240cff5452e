//! # yilian
//!
//! Optimisation models for regional medical consortia (医联体 / 医共体): which
//! specialists go where and how often, where shared scanners stand and whom they
//! serve, where patients are treated and referred, and who pays what, under limits of
//! staff days, travel time, rooms, throughput and budget.
//!
//! ## The flow
//!
//! One way, no back-and-forth (`docs/architecture.md`):
//!
//! 1. a **scenario** ([`Scenario`], from JSON or [`ScenarioBuilder`]; its sections in
//!    [`scenario`]), validated into
//! 2. a **network** ([`Consortium`]: institutions indexed, sparse travel times within
//!    the largest limit in use), on which
//! 3. a **model** builds one sparse program over travel-feasible pairs and solves it on
//!    a backend ([`Backend`], [`SolveOptions`]; the program itself is in [`solve`]):
//!    - [`RotationModel`] (M1): specialist-days per pool and host;
//!    - [`RosterModel`] (M2): a calendar of named specialists ([`models::roster`]);
//!    - [`ScannerModel`] (M3): new CT/MRI/DR units and the exams each site serves;
//!    - [`models::location`] (M4): p-median, p-center, covering and facility location
//!      on a cost matrix;
//!    - [`ReferralModel`] (M5): tiered care and two-way referral;
//! 4. into a **plan** ([`RotationPlan`], [`RosterPlan`], [`ScannerPlan`],
//!    [`ReferralPlan`]; their parts in [`plan`]) with a [`Status`], bound and gap, which
//! 5. [`check`] re-computes rule by rule from the scenario alone, and [`metrics`]
//!    measures (coverage, accessibility, equity, utilisation, shadow prices).
//!
//! On top of the models: [`game`] and [`models::share`] (M6: who pays what among the
//! members), [`sweep`] (one model over scenarios x parameter overrides), and
//! [`generate`] (realistic generated consortia). The CLI (`yilian-cli`) and the Python
//! extension (`yilian-py`) only convert and delegate.
//!
//! Every public item has one path: the entry points above at the crate root, the rest
//! in the module of its concept.
//!
//! ```
//! use yilian::{check, generate, Consortium, RotationModel, SolveOptions};
//! let scenario = generate::county(7);
//! let consortium = Consortium::new(scenario).unwrap();
//! let plan = RotationModel::new(&consortium).solve(&SolveOptions::default()).unwrap();
//! assert!(check::check_rotation(&consortium, &plan).is_empty());
//! assert!(plan.total_days > 0.0);
//! ```

#![warn(missing_docs)]

pub mod check;
mod error;
pub mod game;
pub mod generate;
pub mod metrics;
pub mod models;
mod network;
pub mod plan;
pub mod scenario;
pub mod solve;
pub mod sweep;

pub use error::{Error, Issue, Result};
pub use models::referral::ReferralModel;
pub use models::roster::model::RosterModel;
pub use models::rotation::RotationModel;
/// Hooks for the measurement binary `scanners-measure` in `benches/` (feature
/// `measure`): internals of the scanner decomposition, not part of the API.
#[cfg(feature = "measure")]
#[doc(hidden)]
pub use models::scanners::measure as scanners_measure;
pub use models::scanners::{ScannerMethod, ScannerModel};
pub use network::{haversine_km, Consortium, TravelTable};
pub use plan::referral::{ReferralMode, ReferralPlan};
pub use plan::roster::RosterPlan;
pub use plan::rotation::{RotationObjective, RotationPlan};
pub use plan::scanners::{ScannerObjective, ScannerPlan};
pub use scenario::builder::ScenarioBuilder;
pub use scenario::document::Scenario;
pub use scenario::institution::{Institution, Location, Tier};
pub use scenario::link::Link;
pub use scenario::policy::{Policy, TravelSettings, TravelSource};
pub use scenario::pool::SpecialistPool;
pub use solve::backend::Backend;
pub use solve::options::SolveOptions;
pub use solve::status::Status;
