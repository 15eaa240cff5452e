//! Institutions: the nodes of a consortium.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The tier of an institution in the consortium hierarchy.
///
/// Serialised in snake case, for example `"township_health_centre"`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Tertiary hospital (三级医院), usually the lead of a city medical group.
    Tertiary,
    /// Secondary hospital (二级医院), for example most county hospitals.
    Secondary,
    /// Community health centre (社区卫生服务中心) in a city.
    CommunityHealthCentre,
    /// Township health centre (乡镇卫生院) in a county.
    TownshipHealthCentre,
    /// Village clinic (村卫生室).
    VillageClinic,
    /// Any other member (specialised hospital, maternal and child health hospital, ...).
    Other,
}

impl Tier {
    /// All tiers, from the top of the hierarchy down.
    pub const ALL: [Tier; 6] = [
        Tier::Tertiary,
        Tier::Secondary,
        Tier::CommunityHealthCentre,
        Tier::TownshipHealthCentre,
        Tier::VillageClinic,
        Tier::Other,
    ];

    /// The snake-case name used in scenario files.
    ///
    /// ```
    /// assert_eq!(yilian::Tier::VillageClinic.as_str(), "village_clinic");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Tertiary => "tertiary",
            Tier::Secondary => "secondary",
            Tier::CommunityHealthCentre => "community_health_centre",
            Tier::TownshipHealthCentre => "township_health_centre",
            Tier::VillageClinic => "village_clinic",
            Tier::Other => "other",
        }
    }
}

impl std::fmt::Display for Tier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A point on the earth, in degrees (WGS84).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Longitude in degrees, -180 to 180.
    pub lon: f64,
    /// Latitude in degrees, -90 to 90.
    pub lat: f64,
}

/// A member institution: a hospital, health centre or clinic.
///
/// ```
/// use yilian::{Institution, Tier};
/// let t = Institution::new("THC03", Tier::TownshipHealthCentre)
///     .at(120.1, 30.6)
///     .population(14_000.0)
///     .demand("cardiology", 45.0)
///     .room_days(20.0);
/// assert_eq!(t.demand["cardiology"], 45.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Institution {
    /// Unique id, used in plans and error messages.
    pub id: String,
    /// Human-readable name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Tier in the consortium.
    pub tier: Tier,
    /// Where it stands; needed when travel times come from coordinates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// District or township it belongs to (used to aggregate reports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Consortium it is a member of; pools only visit members of their own consortium
    /// when both sides name one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consortium: Option<String>,
    /// People served.
    #[serde(default)]
    pub population: f64,
    /// Specialist visits wanted per period, by specialty.
    #[serde(default, deserialize_with = "super::unique_keys::deserialize")]
    pub demand: BTreeMap<String, f64>,
    /// Room-days available for visiting clinics per period.
    #[serde(default)]
    pub room_days: f64,
    /// Imaging exams ordered per period, by modality (model M3).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "super::unique_keys::deserialize"
    )]
    pub exams: BTreeMap<String, f64>,
}

impl Institution {
    /// A new institution with no location, population, demand or rooms.
    pub fn new(id: impl Into<String>, tier: Tier) -> Self {
        Self {
            id: id.into(),
            name: None,
            tier,
            location: None,
            district: None,
            consortium: None,
            population: 0.0,
            demand: BTreeMap::new(),
            room_days: 0.0,
            exams: BTreeMap::new(),
        }
    }
    /// Sets the name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// Sets the location (longitude, latitude in degrees).
    pub fn at(mut self, lon: f64, lat: f64) -> Self {
        self.location = Some(Location { lon, lat });
        self
    }
    /// Sets the district.
    pub fn district(mut self, district: impl Into<String>) -> Self {
        self.district = Some(district.into());
        self
    }
    /// Sets the consortium membership.
    pub fn consortium(mut self, consortium: impl Into<String>) -> Self {
        self.consortium = Some(consortium.into());
        self
    }
    /// Sets the population served.
    pub fn population(mut self, population: f64) -> Self {
        self.population = population;
        self
    }
    /// Sets the demand for one specialty (visits per period).
    pub fn demand(mut self, specialty: impl Into<String>, visits: f64) -> Self {
        self.demand.insert(specialty.into(), visits);
        self
    }
    /// Sets the imaging exams ordered per period for one modality.
    pub fn exams(mut self, modality: impl Into<String>, exams: f64) -> Self {
        self.exams.insert(modality.into(), exams);
        self
    }
    /// Sets the room-days for visiting clinics per period.
    pub fn room_days(mut self, room_days: f64) -> Self {
        self.room_days = room_days;
        self
    }
}
