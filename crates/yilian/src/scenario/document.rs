//! The scenario document: its format tag, its sections, and reading and writing it as
//! JSON.

use super::{Care, Imaging, Roster};
use super::{Institution, Link, Member, Policy, ScenarioBuilder, SpecialistPool, TravelSettings};
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
