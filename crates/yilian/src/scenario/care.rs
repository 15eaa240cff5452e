//! Tiered care: patient classes, demand, capacity, recovery, telemedicine and the
//! policy targets of model M5 (分级诊疗, 双向转诊).
//!
//! ```json
//! "care": {
//!   "classes": [
//!     {"id": "chronic", "setting": "outpatient", "min_tier": "village_clinic",
//!      "max_travel_minutes": 30, "cost": 60, "unmet_penalty": 2000},
//!     {"id": "stroke", "setting": "inpatient", "min_tier": "secondary",
//!      "length_of_stay": 10, "max_travel_minutes": 90, "cost": 9000,
//!      "recovery": {"class": "rehab", "share": 0.4}},
//!     {"id": "rehab", "setting": "inpatient", "min_tier": "township_health_centre",
//!      "length_of_stay": 14, "max_travel_minutes": 30, "cost": 3000,
//!      "cost_by_tier": {"secondary": 5000}}
//!   ],
//!   "demand": {"T1": {"chronic": 800, "stroke": 4}},
//!   "capacity": {"H": {"stroke": {"beds": 20}, "rehab": {"beds": 10}},
//!                "T1": {"chronic": {"slots": 1000}, "rehab": {"beds": 6}}},
//!   "telemedicine": [{"hub": "H", "spoke": "T1", "minutes": 600,
//!                     "minutes_per_consultation": 20}],
//!   "targets": {"min_grassroots_share": {"share": 0.65}, "max_hospital_utilisation": 0.9}
//! }
//! ```
//!
//! Tiers are compared by their care level ([`care_level`]): village clinics 1,
//! community and township health centres 2 (with village clinics the grassroots,
//! 基层), secondary and other hospitals 3, tertiary hospitals 4.

use super::validate::Validation;
use super::{Scenario, Tier};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The care level of a tier: 1 village clinic, 2 community or township health centre,
/// 3 secondary or other hospital, 4 tertiary hospital.
///
/// ```
/// use yilian::{scenario::care_level, Tier};
/// assert!(care_level(Tier::Tertiary) > care_level(Tier::Secondary));
/// assert_eq!(care_level(Tier::CommunityHealthCentre), care_level(Tier::TownshipHealthCentre));
/// ```
pub fn care_level(tier: Tier) -> u8 {
    match tier {
        Tier::VillageClinic => 1,
        Tier::CommunityHealthCentre | Tier::TownshipHealthCentre => 2,
        Tier::Secondary | Tier::Other => 3,
        Tier::Tertiary => 4,
    }
}

/// Whether a tier is grassroots (基层): village clinics, township and community health
/// centres (care level 1 or 2).
///
/// ```
/// assert!(yilian::scenario::is_grassroots(yilian::Tier::VillageClinic));
/// assert!(!yilian::scenario::is_grassroots(yilian::Tier::Secondary));
/// ```
pub fn is_grassroots(tier: Tier) -> bool {
    care_level(tier) <= 2
}

/// Whether a class is seen in clinics or needs a bed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CareSetting {
    /// Outpatient visits; capacity in slots per period.
    Outpatient,
    /// Inpatient episodes; capacity in slots or beds (beds x period days / length of stay).
    Inpatient,
}

/// The recovery stage of an inpatient class: a share of its episodes continues as
/// another class (for example rehabilitation) near the patient's home.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recovery {
    /// Id of the class the episodes continue as (it has no recovery stage itself).
    pub class: String,
    /// Share of the treated episodes that continue, 0 to 1.
    pub share: f64,
}

/// A class of patients: who may treat it, how far patients travel, what it costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CareClass {
    /// Unique id.
    pub id: String,
    /// Outpatient or inpatient.
    pub setting: CareSetting,
    /// The lowest tier that may treat the class on its own (by care level).
    pub min_tier: Tier,
    /// The specialty whose visiting specialist-days (model M1) let an institution one
    /// care level below `min_tier` treat the class, one patient per visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabling_specialty: Option<String>,
    /// Mean length of stay in days (inpatient classes; turns beds into episodes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length_of_stay: Option<f64>,
    /// Longest one-way patient travel in minutes from the patient's home institution.
    pub max_travel_minutes: f64,
    /// Treatment cost per patient (visit or episode).
    pub cost: f64,
    /// Treatment cost per patient at particular tiers, instead of `cost`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cost_by_tier: BTreeMap<Tier, f64>,
    /// Cost of one patient not treated in the consortium (care outside, or none).
    #[serde(default = "default_unmet_penalty")]
    pub unmet_penalty: f64,
    /// The recovery stage, if a share of the episodes continues as another class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery: Option<Recovery>,
}

fn default_unmet_penalty() -> f64 {
    10_000.0
}

impl CareClass {
    /// Treatment cost per patient at an institution of `tier`.
    pub fn cost_at(&self, tier: Tier) -> f64 {
        self.cost_by_tier.get(&tier).copied().unwrap_or(self.cost)
    }
}

/// Capacity of one institution for one class: give `slots` or `beds`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CareCapacity {
    /// Patients (visits or episodes) per period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slots: Option<f64>,
    /// Beds (inpatient classes): beds x period days / length of stay episodes per period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beds: Option<f64>,
}

impl CareCapacity {
    /// Patients per period for `class` over a period of `period_days`.
    pub fn patients(&self, class: &CareClass, period_days: f64) -> f64 {
        match (self.slots, self.beds) {
            (Some(s), _) => s,
            (None, Some(b)) => b * period_days / class.length_of_stay.unwrap_or(1.0),
            (None, None) => 0.0,
        }
    }
}

/// A telemedicine link (远程医疗): the hub's specialists consult remotely for the
/// spoke, which may then treat classes one care level above its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TelemedicineLink {
    /// Institution id of the hub (its care level must reach the class's `min_tier`).
    pub hub: String,
    /// Institution id of the spoke.
    pub spoke: String,
    /// Hub specialist minutes per period given to this spoke.
    pub minutes: f64,
    /// Hub minutes one remote consultation takes (one consultation per patient).
    pub minutes_per_consultation: f64,
    /// Classes the link supports (default: every class one level above the spoke).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<String>,
}

/// A minimum share of episodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareTarget {
    /// The share, 0 to 1 (0.65 = 65 %).
    pub share: f64,
    /// Classes counted (default: all). Episodes of a class are its own demand plus the
    /// recovery episodes other classes pass on to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<String>,
}

/// Policy targets of tiered care; each is elastic (a shortfall is penalised and
/// reported, with its marginal cost).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CareTargets {
    /// Minimum share of episodes treated at grassroots institutions (基层就诊率).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_grassroots_share: Option<ShareTarget>,
    /// Minimum share of episodes treated in the patient's own county (县域内就诊率):
    /// at an institution of the same `consortium` (institutions naming none form one
    /// county together).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_within_county_share: Option<ShareTarget>,
    /// Highest utilisation (load / capacity) of any class at any hospital (care level
    /// 3 or 4), 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hospital_utilisation: Option<f64>,
    /// Penalty per episode a target is missed by (default 5,000).
    #[serde(default = "default_target_penalty")]
    pub penalty: f64,
}

fn default_target_penalty() -> f64 {
    5_000.0
}

/// The tiered-care part of a scenario (model M5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Care {
    /// Patient classes.
    pub classes: Vec<CareClass>,
    /// Patients per period by origin (home) institution id, then class id.
    #[serde(default)]
    pub demand: BTreeMap<String, BTreeMap<String, f64>>,
    /// Capacity by institution id, then class id. An institution treats a class only
    /// where it has capacity for it.
    #[serde(default)]
    pub capacity: BTreeMap<String, BTreeMap<String, CareCapacity>>,
    /// Telemedicine links.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub telemedicine: Vec<TelemedicineLink>,
    /// Hub specialist minutes per period shared by all of a hub's links, by hub id
    /// (optional): the consultations of every link of the hub together use at most
    /// these minutes, besides each link's own `minutes`. A hub without an entry is
    /// limited by its links' minutes alone.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub hub_minutes: BTreeMap<String, f64>,
    /// Policy targets.
    #[serde(default)]
    pub targets: CareTargets,
    /// Cost of one patient-minute of travel (default 1).
    #[serde(default = "default_travel_cost")]
    pub travel_cost_per_minute: f64,
    /// What one unit of the rotation objective (M1) is worth in the care objective's
    /// currency when both are added (joint mode and the total of sequential mode).
    /// Default `1 / policy.cost_weight`, so that a specialist-day's cost counts once
    /// (1 when the cost weight is 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation_weight: Option<f64>,
}

fn default_travel_cost() -> f64 {
    1.0
}

impl Care {
    /// Care settings with these classes and nothing else.
    pub fn new(classes: Vec<CareClass>) -> Self {
        Self {
            classes,
            demand: BTreeMap::new(),
            capacity: BTreeMap::new(),
            telemedicine: Vec::new(),
            hub_minutes: BTreeMap::new(),
            targets: CareTargets::default(),
            travel_cost_per_minute: default_travel_cost(),
            rotation_weight: None,
        }
    }

    /// The weight of the rotation objective in the total (see
    /// [`Care::rotation_weight`]) for a rotation cost weight of `cost_weight`.
    pub fn rotation_weight_for(&self, cost_weight: f64) -> f64 {
        self.rotation_weight.unwrap_or(if cost_weight > 0.0 {
            1.0 / cost_weight
        } else {
            1.0
        })
    }

    /// The class with id `id`.
    pub fn class(&self, id: &str) -> Option<&CareClass> {
        self.classes.iter().find(|c| c.id == id)
    }

    /// Whether a telemedicine link may support class `c` between institutions of
    /// tiers `hub` and `spoke` (class one care level above the spoke, hub at least at
    /// the class's level, and the class among the link's, if it lists any).
    pub fn link_supports(link: &TelemedicineLink, c: &CareClass, hub: Tier, spoke: Tier) -> bool {
        let need = care_level(c.min_tier);
        care_level(spoke) + 1 == need
            && care_level(hub) >= need
            && (link.classes.is_empty() || link.classes.iter().any(|k| k == &c.id))
    }
}

/// Validates `scenario.care`.
pub(crate) fn validate_care(s: &Scenario, ids: &HashMap<&str, usize>, v: &mut Validation) {
    let Some(care) = &s.care else {
        return;
    };
    let mut class_ids: HashMap<&str, usize> = HashMap::new();
    for (k, c) in care.classes.iter().enumerate() {
        let at = |f: &str| format!("care.classes[{k}].{f}");
        if c.id.trim().is_empty() {
            v.error(at("id"), "is empty");
        } else if let Some(first) = class_ids.insert(&c.id, k) {
            v.error(
                at("id"),
                format!("\"{}\" duplicates care.classes[{first}].id", c.id),
            );
        }
        v.non_negative(|| at("max_travel_minutes"), c.max_travel_minutes);
        v.non_negative(|| at("cost"), c.cost);
        for (tier, &cost) in &c.cost_by_tier {
            v.non_negative(|| format!("care.classes[{k}].cost_by_tier.{tier}"), cost);
        }
        v.non_negative(|| at("unmet_penalty"), c.unmet_penalty);
        match (c.setting, c.length_of_stay) {
            (CareSetting::Inpatient, None) => v.error(
                at("length_of_stay"),
                format!("missing for inpatient class \"{}\"", c.id),
            ),
            (CareSetting::Inpatient, Some(los)) => {
                v.positive(|| at("length_of_stay"), los);
            }
            (CareSetting::Outpatient, Some(los)) => v.error(
                at("length_of_stay"),
                format!(
                    "{los} is given for outpatient class \"{}\" (inpatient only)",
                    c.id
                ),
            ),
            (CareSetting::Outpatient, None) => {}
        }
        if let Some(k) = &c.enabling_specialty {
            if k.trim().is_empty() {
                v.error(at("enabling_specialty"), "is empty");
            }
        }
    }
    for (k, c) in care.classes.iter().enumerate() {
        let Some(r) = &c.recovery else { continue };
        let at = |f: &str| format!("care.classes[{k}].recovery.{f}");
        if !r.share.is_finite() || !(0.0..=1.0).contains(&r.share) {
            v.error(
                at("share"),
                format!("{} is not a share between 0 and 1", r.share),
            );
        }
        match care.class(&r.class) {
            None => v.error(
                at("class"),
                format!("\"{}\" is not a class of care.classes", r.class),
            ),
            Some(rc) if rc.id == c.id => {
                v.error(at("class"), format!("\"{}\" is the class itself", r.class))
            }
            Some(rc) if rc.recovery.is_some() => v.error(
                at("class"),
                format!(
                    "\"{}\" has a recovery stage of its own (recovery is one stage)",
                    r.class
                ),
            ),
            Some(_) => {}
        }
    }
    let class_known = |v: &mut Validation, path: String, id: &str| {
        let ok = class_ids.contains_key(id);
        if !ok {
            v.error(path, format!("\"{id}\" is not a class of care.classes"));
        }
        ok
    };
    for (origin, by_class) in &care.demand {
        if !ids.contains_key(origin.as_str()) {
            v.error(
                format!("care.demand.{origin}"),
                format!("\"{origin}\" is not an institution id"),
            );
        }
        for (class, &d) in by_class {
            let path = format!("care.demand.{origin}.{class}");
            if class_known(v, path.clone(), class) {
                v.non_negative(|| path, d);
            }
        }
    }
    for (site, by_class) in &care.capacity {
        if !ids.contains_key(site.as_str()) {
            v.error(
                format!("care.capacity.{site}"),
                format!("\"{site}\" is not an institution id"),
            );
        }
        for (class, cap) in by_class {
            let path = format!("care.capacity.{site}.{class}");
            if !class_known(v, path.clone(), class) {
                continue;
            }
            let c = &care.classes[class_ids[class.as_str()]];
            match (cap.slots, cap.beds) {
                (Some(_), Some(_)) => v.error(path, "gives both slots and beds: give one"),
                (None, None) => v.error(path, "gives neither slots nor beds"),
                (Some(x), None) => {
                    v.non_negative(|| format!("{path}.slots"), x);
                }
                (None, Some(b)) => {
                    if c.setting == CareSetting::Outpatient {
                        v.error(
                            format!("{path}.beds"),
                            format!("{b} beds for outpatient class \"{class}\": give slots"),
                        );
                    } else {
                        v.non_negative(|| format!("{path}.beds"), b);
                    }
                }
            }
        }
    }
    let mut links: HashSet<(&str, &str)> = HashSet::new();
    for (l, link) in care.telemedicine.iter().enumerate() {
        let at = |f: &str| format!("care.telemedicine[{l}].{f}");
        for (field, id) in [("hub", &link.hub), ("spoke", &link.spoke)] {
            if !ids.contains_key(id.as_str()) {
                v.error(at(field), format!("\"{id}\" is not an institution id"));
            }
        }
        if link.hub == link.spoke {
            v.error(at("spoke"), format!("\"{}\" is its own hub", link.spoke));
        }
        if !links.insert((&link.hub, &link.spoke)) {
            v.error(
                at("spoke"),
                format!(
                    "\"{}\" already has a link from hub \"{}\": give one per pair",
                    link.spoke, link.hub
                ),
            );
        }
        v.non_negative(|| at("minutes"), link.minutes);
        v.positive(
            || at("minutes_per_consultation"),
            link.minutes_per_consultation,
        );
        for (k, class) in link.classes.iter().enumerate() {
            class_known(v, format!("care.telemedicine[{l}].classes[{k}]"), class);
        }
    }
    for (hub, &minutes) in &care.hub_minutes {
        let at = format!("care.hub_minutes.{hub}");
        if !ids.contains_key(hub.as_str()) {
            v.error(at.clone(), format!("\"{hub}\" is not an institution id"));
        } else if !care.telemedicine.iter().any(|l| &l.hub == hub) {
            v.error(
                at.clone(),
                format!("\"{hub}\" is the hub of no telemedicine link"),
            );
        }
        v.non_negative(|| at.clone(), minutes);
    }
    let t = &care.targets;
    for (name, target) in [
        ("min_grassroots_share", &t.min_grassroots_share),
        ("min_within_county_share", &t.min_within_county_share),
    ] {
        let Some(target) = target else { continue };
        let path = format!("care.targets.{name}");
        if !target.share.is_finite() || !(0.0..=1.0).contains(&target.share) {
            v.error(
                format!("{path}.share"),
                format!("{} is not a share between 0 and 1", target.share),
            );
        }
        for (k, class) in target.classes.iter().enumerate() {
            class_known(v, format!("{path}.classes[{k}]"), class);
        }
    }
    if let Some(u) = t.max_hospital_utilisation {
        if !u.is_finite() || !(0.0..=1.0).contains(&u) {
            v.error(
                "care.targets.max_hospital_utilisation",
                format!("{u} is not a share between 0 and 1"),
            );
        }
    }
    v.non_negative(|| "care.targets.penalty".into(), t.penalty);
    v.non_negative(
        || "care.travel_cost_per_minute".into(),
        care.travel_cost_per_minute,
    );
    if let Some(w) = care.rotation_weight {
        v.non_negative(|| "care.rotation_weight".into(), w);
    }
}
