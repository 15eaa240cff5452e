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
//! The full JSON Schema is in `docs/scenario.schema.json` (regenerate it with
//! `yilian schema`). Units: days and visits are per planning period
//! (`period_days` working days), travel in minutes, costs in any one currency.

mod builder;
mod care;
mod imaging;
mod institution;
mod link;
mod members;
mod policy;
mod pool;
mod roster;
mod unique_keys;
mod validate;

pub use builder::ScenarioBuilder;
pub use care::{
    care_level, is_grassroots, Care, CareCapacity, CareClass, CareSetting, CareTargets, Recovery,
    ShareTarget, TelemedicineLink,
};
pub use imaging::{CandidateSite, Imaging, ModalitySettings, Scanner, MAX_UNITS, MAX_UNITS_IN_ALL};
pub use institution::{Institution, Location, Tier};
pub use link::Link;
pub use members::{players, Member};
pub use policy::{Policy, TravelSettings, TravelSource};
pub use pool::SpecialistPool;
pub use roster::{
    date_to_days, days_to_date, weekday_of, HomeCover, Horizon, PlanningDay, Roster, Specialist,
    Weekday,
};
pub use validate::{validate, Validation, MAX_ID_CHARS, MAX_VALUE};

use crate::error::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The format tag this version reads and writes.
pub const FORMAT: &str = "yilian/1";

/// A whole planning scenario: institutions, specialist pools, roads and policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format tag, `"yilian/1"`.
    pub format: String,
    /// Name of the scenario, copied into plans.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Working days in one planning period (days and visits are per period).
    #[serde(default = "default_period_days")]
    pub period_days: f64,
    /// Member institutions.
    pub institutions: Vec<Institution>,
    /// Specialist pools that can be sent to other members.
    #[serde(default)]
    pub pools: Vec<SpecialistPool>,
    /// Road links (optional; without them travel comes from coordinates).
    #[serde(default)]
    pub links: Vec<Link>,
    /// How travel times are computed.
    #[serde(default)]
    pub travel: TravelSettings,
    /// Policy rules and objective weights.
    #[serde(default)]
    pub policy: Policy,
    /// Shared scanners: modalities, units in place, candidate sites (model M3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imaging: Option<Imaging>,
    /// Roster settings: named specialists, horizon and calendar rules (model M2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roster: Option<Roster>,
    /// Tiered care: patient classes, demand, capacity, recovery, telemedicine and
    /// policy targets (model M5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care: Option<Care>,
    /// Members who share costs and benefits (model M6); without it, one member per
    /// `consortium` value of the institutions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Member>,
}

fn default_period_days() -> f64 {
    20.0
}

impl Scenario {
    /// An empty scenario with default settings.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            format: FORMAT.to_string(),
            name: name.into(),
            description: None,
            period_days: default_period_days(),
            institutions: Vec::new(),
            pools: Vec::new(),
            links: Vec::new(),
            travel: TravelSettings::default(),
            policy: Policy::default(),
            imaging: None,
            roster: None,
            care: None,
            members: Vec::new(),
        }
    }

    /// Starts a builder (see [`ScenarioBuilder`]).
    pub fn builder(name: impl Into<String>) -> ScenarioBuilder {
        ScenarioBuilder::new(name)
    }

    /// Parses a scenario from JSON text. Type errors name the field:
    ///
    /// ```
    /// let err = yilian::Scenario::from_json_str(
    ///     r#"{"format":"yilian/1","name":"x","institutions":[{"id":"a","tier":"township_health_centre","population":"many"}]}"#,
    /// ).unwrap_err();
    /// assert!(err.to_string().starts_with("institutions[0].population: invalid type"));
    /// ```
    ///
    /// Parsing does not validate; [`crate::Consortium::new`] does.
    pub fn from_json_str(text: &str) -> Result<Self> {
        let first = text.trim_start().chars().next();
        if let Some(c) = first.filter(|&c| c != '{') {
            let found = match c {
                '[' => "an array",
                '"' => "a string",
                _ => "something else",
            };
            return Err(Error::Parse {
                path: "scenario".into(),
                message: format!("expected a JSON object ({{...}}), found {found}"),
            });
        }
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            Error::Parse {
                path: if path == "." { "scenario".into() } else { path },
                message: strip_position(&inner),
            }
        })
    }

    /// Reads and parses a scenario file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_json_str(&text)
    }

    /// Pretty JSON text of the scenario.
    pub fn to_json_string(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serialises")
    }

    /// The JSON Schema of scenario files, as pretty JSON text.
    pub fn json_schema() -> String {
        let schema = schemars::schema_for!(Scenario);
        serde_json::to_string_pretty(&schema).expect("a schema always serialises")
    }
}

fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    if e.line() == 0 {
        return text;
    }
    match text.rfind(" at line ") {
        Some(i) => format!("{} (line {}, column {})", &text[..i], e.line(), e.column()),
        None => text,
    }
}
