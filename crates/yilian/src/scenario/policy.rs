//! Policy rules and objective weights.

use super::Tier;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Policy rules of the consortium and the weights of the rotation objective.
///
/// The rotation objective is
/// `sum_k(unmet_weight_k * unmet visits_k) + shortfall_penalty * (policy days short)
///  + cost_weight * cost`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Minimum visiting specialist-days per period that each host of a tier should
    /// receive (for example community health centres at least 12 a month). Elastic:
    /// a host left short is reported, with the reason.
    #[serde(default, deserialize_with = "super::unique_keys::deserialize")]
    pub min_days_by_tier: BTreeMap<Tier, f64>,
    /// Budget for the rotation per period (cost of days and travel); none if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<f64>,
    /// Weight of one unmet visit, by specialty (default 1).
    #[serde(default, deserialize_with = "super::unique_keys::deserialize")]
    pub unmet_weight: BTreeMap<String, f64>,
    /// Penalty per specialist-day a host is left below its policy minimum.
    #[serde(default = "default_shortfall_penalty")]
    pub shortfall_penalty: f64,
    /// Weight of one currency unit of cost (lambda); 0.001 makes 1,000 of cost
    /// worth one unmet visit.
    #[serde(default = "default_cost_weight")]
    pub cost_weight: f64,
}

fn default_shortfall_penalty() -> f64 {
    50.0
}
fn default_cost_weight() -> f64 {
    0.001
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            min_days_by_tier: BTreeMap::new(),
            budget: None,
            unmet_weight: BTreeMap::new(),
            shortfall_penalty: default_shortfall_penalty(),
            cost_weight: default_cost_weight(),
        }
    }
}

impl Policy {
    /// The minimum days per period for a host of `tier` (0 when none is set).
    pub fn min_days(&self, tier: Tier) -> f64 {
        self.min_days_by_tier.get(&tier).copied().unwrap_or(0.0)
    }
    /// The weight of one unmet visit of `specialty` (1 when none is set).
    pub fn unmet_weight(&self, specialty: &str) -> f64 {
        self.unmet_weight.get(specialty).copied().unwrap_or(1.0)
    }
}

/// How travel times are obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TravelSource {
    /// From road links when the scenario has any, otherwise from coordinates.
    #[default]
    Auto,
    /// Great-circle distance x detour factor / speed.
    Coordinates,
    /// Shortest paths over the road links.
    Links,
}

/// Settings of the travel-time computation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TravelSettings {
    /// Where travel times come from.
    #[serde(default)]
    pub source: TravelSource,
    /// Road distance over straight-line distance (at least 1).
    #[serde(default = "default_detour")]
    pub detour_factor: f64,
    /// Average road speed in km/h.
    #[serde(default = "default_speed")]
    pub speed_kmh: f64,
}

fn default_detour() -> f64 {
    1.3
}
fn default_speed() -> f64 {
    40.0
}

impl Default for TravelSettings {
    fn default() -> Self {
        Self {
            source: TravelSource::Auto,
            detour_factor: default_detour(),
            speed_kmh: default_speed(),
        }
    }
}
