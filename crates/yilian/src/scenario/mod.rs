//! Scenario files: the input of every model.
//!
//! A scenario is a JSON document with `"format": "yilian/1"`:
//!
//! ```json
//! {
//!   "format": "yilian/1",
//!   "name": "demo",
//!   "period_days": 20,
//!   "institutions": [
//!     {"id": "H", "tier": "secondary", "location": {"lon": 120.0, "lat": 30.0}},
//!     {"id": "T1", "tier": "township_health_centre", "location": {"lon": 120.1, "lat": 30.0},
//!      "population": 12000, "demand": {"cardiology": 40}, "room_days": 10}
//!   ],
//!   "pools": [
//!     {"id": "H-cardiology", "home": "H", "specialty": "cardiology", "headcount": 4,
//!      "days_per_person": 20, "home_min_days": 70, "max_travel_minutes": 60,
//!      "visits_per_day": 12, "cost_per_day": 800, "cost_per_minute": 2}
//!   ],
//!   "policy": {"min_days_by_tier": {"township_health_centre": 4}}
//! }
//! ```
//!
//! The document itself ([`crate::Scenario`]) and its main parts ([`crate::Institution`],
//! [`crate::SpecialistPool`], [`crate::Policy`], ...) are at the crate root; this module
//! holds the rest of its sections and the validation.
//!
//! The full JSON Schema is in `docs/scenario.schema.json` (regenerate it with
//! `yilian schema`). Units: days and visits are per planning period
//! (`period_days` working days), travel in minutes, costs in any one currency.

pub(crate) mod builder;
mod care;
pub(crate) mod document;
mod imaging;
pub(crate) mod institution;
pub(crate) mod link;
mod members;
pub(crate) mod policy;
pub(crate) mod pool;
mod roster;
mod unique_keys;
mod validate;

pub(crate) use builder::ScenarioBuilder;
pub use care::{
    care_level, is_grassroots, Care, CareCapacity, CareClass, CareSetting, CareTargets, Recovery,
    ShareTarget, TelemedicineLink,
};
pub(crate) use document::Scenario;
pub use document::FORMAT;
pub use imaging::{CandidateSite, Imaging, ModalitySettings, Scanner, MAX_UNITS, MAX_UNITS_IN_ALL};
pub(crate) use institution::{Institution, Location, Tier};
pub(crate) use link::Link;
pub use members::{players, Member};
pub(crate) use policy::{Policy, TravelSettings, TravelSource};
pub(crate) use pool::SpecialistPool;
pub use roster::{
    date_to_days, days_to_date, weekday_of, HomeCover, Horizon, PlanningDay, Roster, Specialist,
    Weekday,
};
pub use validate::{validate, Validation, MAX_ID_CHARS, MAX_VALUE};
