//! Shared imaging: scanners in place, candidate sites, and the rules of model M3.

use super::validate::Validation;
use super::Scenario;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Throughput and access rule of one modality (CT, MRI, DR, US, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModalitySettings {
    /// Exams one unit performs in a day (a CT about 76, an MRI about 32).
    pub exams_per_day: f64,
    /// Working days of a unit per period.
    pub working_days: f64,
    /// Longest one-way patient travel, in minutes, to a site of this modality.
    pub max_travel_minutes: f64,
}

impl ModalitySettings {
    /// Exams one unit performs per period.
    pub fn unit_capacity(&self) -> f64 {
        self.exams_per_day * self.working_days
    }
}

/// A scanner in place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scanner {
    /// Unique id.
    pub id: String,
    /// Id of the institution where it stands.
    pub site: String,
    /// Modality, a key of `imaging.modalities`.
    pub modality: String,
    /// Exams per day, if it differs from the modality's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exams_per_day: Option<f64>,
    /// Working days per period, if they differ from the modality's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<f64>,
}

/// A site where new units of a modality may be installed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CandidateSite {
    /// Id of the institution.
    pub site: String,
    /// Modality, a key of `imaging.modalities`.
    pub modality: String,
    /// Cost of one new unit per period (purchase amortised over its life, plus staff
    /// and maintenance), in the currency of the budget.
    pub fixed_cost: f64,
    /// Most new units the site can take.
    pub max_units: u32,
}

/// The imaging part of a scenario (model M3, shared scanners).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Imaging {
    /// Settings per modality; exam demand is `institutions[].exams`.
    #[serde(deserialize_with = "super::unique_keys::deserialize")]
    pub modalities: BTreeMap<String, ModalitySettings>,
    /// Scanners in place.
    #[serde(default)]
    pub scanners: Vec<Scanner>,
    /// Where new units may go.
    #[serde(default)]
    pub candidates: Vec<CandidateSite>,
    /// Budget for new units (and relocations) per period; none if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<f64>,
    /// Most new units in all; none if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_new_units: Option<u32>,
    /// Whether units in place may move to another site of theirs or to a candidate site.
    #[serde(default)]
    pub allow_relocation: bool,
    /// Cost of moving one unit, per period.
    #[serde(default)]
    pub relocation_cost: f64,
    /// Penalty of one unmet exam, in patient travel minutes (default 1,000).
    #[serde(default = "default_unmet_penalty")]
    pub unmet_penalty: f64,
    /// Travel minutes one currency unit of cost is worth in the objective (default 0:
    /// cost is limited by the budget only).
    #[serde(default)]
    pub cost_weight: f64,
    /// Whether every exam must be served (no unmet demand allowed).
    #[serde(default)]
    pub require_full_coverage: bool,
    /// Whether patients are only sent to sites of their own consortium (when both the
    /// institution and the site name one), as the rotation model (M1) sends specialists
    /// only within a consortium. Default `false`: a patient may use any site within the
    /// modality's travel limit, whichever consortium runs it (patients choose where to
    /// be scanned; shared imaging centres usually take outside referrals). Set it for a
    /// plan in which each consortium's imaging serves its own members only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub within_consortium: bool,
}

fn default_unmet_penalty() -> f64 {
    1000.0
}

impl Imaging {
    /// Imaging settings with these modalities and nothing else.
    pub fn new(modalities: BTreeMap<String, ModalitySettings>) -> Self {
        Self {
            modalities,
            scanners: Vec::new(),
            candidates: Vec::new(),
            budget: None,
            max_new_units: None,
            allow_relocation: false,
            relocation_cost: 0.0,
            unmet_penalty: default_unmet_penalty(),
            cost_weight: 0.0,
            require_full_coverage: false,
            within_consortium: false,
        }
    }
}

/// Most new units a candidate site may take (`imaging.candidates[].max_units`): the
/// model keeps per-unit data for a site's units, so an unbounded count would allocate
/// without bound (4294967295 asked for 4 GB); no site takes a thousand scanners.
pub const MAX_UNITS: u32 = 1_000;

/// Largest `imaging.max_new_units`.
pub const MAX_UNITS_IN_ALL: u32 = 1_000_000;

/// Validates `scenario.imaging` and `institutions[].exams`.
pub(crate) fn validate_imaging(s: &Scenario, ids: &HashMap<&str, usize>, v: &mut Validation) {
    let Some(im) = &s.imaging else {
        for (i, inst) in s.institutions.iter().enumerate() {
            if let Some(m) = inst.exams.keys().next() {
                v.warning(
                    format!("institutions[{i}].exams.{m}"),
                    "exam demand is given but the scenario has no imaging section",
                );
                break;
            }
        }
        return;
    };
    for (m, ms) in &im.modalities {
        let at = |f: &str| format!("imaging.modalities.{m}.{f}");
        if m.trim().is_empty() {
            v.error(
                format!("imaging.modalities.\"{m}\""),
                "a modality name is empty",
            );
        }
        v.positive(|| at("exams_per_day"), ms.exams_per_day);
        if v.positive(|| at("working_days"), ms.working_days)
            && s.period_days > 0.0
            && ms.working_days > s.period_days
        {
            v.error(
                at("working_days"),
                format!("{} exceeds period_days {}", ms.working_days, s.period_days),
            );
        }
        v.non_negative(|| at("max_travel_minutes"), ms.max_travel_minutes);
    }
    let modality_ok = |v: &mut Validation, path: String, m: &str| {
        if !im.modalities.contains_key(m) {
            let known: Vec<&str> = im.modalities.keys().map(String::as_str).collect();
            v.error(
                path,
                format!(
                    "\"{m}\" is not a modality of imaging.modalities ({})",
                    known.join(", ")
                ),
            );
        }
    };
    let mut scanner_ids: HashMap<&str, usize> = HashMap::new();
    for (k, sc) in im.scanners.iter().enumerate() {
        let at = |f: &str| format!("imaging.scanners[{k}].{f}");
        if sc.id.trim().is_empty() {
            v.error(at("id"), "is empty");
        } else if let Some(first) = scanner_ids.insert(&sc.id, k) {
            v.error(
                at("id"),
                format!("\"{}\" duplicates imaging.scanners[{first}].id", sc.id),
            );
        }
        if !ids.contains_key(sc.site.as_str()) {
            v.error(
                at("site"),
                format!("\"{}\" is not an institution id", sc.site),
            );
        }
        modality_ok(v, at("modality"), &sc.modality);
        if let Some(e) = sc.exams_per_day {
            v.positive(|| at("exams_per_day"), e);
        }
        if let Some(d) = sc.working_days {
            if v.positive(|| at("working_days"), d) && s.period_days > 0.0 && d > s.period_days {
                v.error(
                    at("working_days"),
                    format!("{d} exceeds period_days {}", s.period_days),
                );
            }
        }
        // With relocation, units are interchangeable: every unit works at its
        // modality's rate wherever it stands (a unit's own rate would have to follow it
        // from site to site, which the model does not track). An own rate is refused
        // rather than silently replaced.
        if let (true, Some(ms)) = (im.allow_relocation, im.modalities.get(&sc.modality)) {
            for (field, own, standard) in [
                ("exams_per_day", sc.exams_per_day, ms.exams_per_day),
                ("working_days", sc.working_days, ms.working_days),
            ] {
                if let Some(x) = own.filter(|&x| x != standard) {
                    v.error(
                        at(field),
                        format!(
                            "{x} differs from the modality's {standard}: with allow_relocation \
                             every unit works at its modality's rate; remove the scanner's own \
                             rate or set allow_relocation to false"
                        ),
                    );
                }
            }
        }
    }
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for (k, c) in im.candidates.iter().enumerate() {
        let at = |f: &str| format!("imaging.candidates[{k}].{f}");
        if !ids.contains_key(c.site.as_str()) {
            v.error(
                at("site"),
                format!("\"{}\" is not an institution id", c.site),
            );
        }
        modality_ok(v, at("modality"), &c.modality);
        if !seen.insert((&c.site, &c.modality)) {
            v.error(
                at("site"),
                format!(
                    "\"{}\" is already a candidate for {}: give one entry per site and modality",
                    c.site, c.modality
                ),
            );
        }
        v.non_negative(|| at("fixed_cost"), c.fixed_cost);
        if c.max_units > MAX_UNITS {
            v.error(
                at("max_units"),
                format!(
                    "{} is more units than one site can take (at most {MAX_UNITS})",
                    c.max_units
                ),
            );
        }
    }
    if let Some(n) = im.max_new_units {
        if n > MAX_UNITS_IN_ALL {
            v.error(
                "imaging.max_new_units",
                format!("{n} is more than the limit of {MAX_UNITS_IN_ALL} new units"),
            );
        }
    }
    if let Some(b) = im.budget {
        if v.non_negative(|| "imaging.budget".into(), b) {
            let cheapest = im
                .candidates
                .iter()
                .filter(|c| c.max_units > 0)
                .map(|c| c.fixed_cost)
                .fold(f64::INFINITY, f64::min);
            if cheapest.is_finite() && b < cheapest {
                v.warning(
                    "imaging.budget",
                    format!(
                        "{b} is below the cheapest new unit ({cheapest}): no unit can be added"
                    ),
                );
            }
        }
    }
    v.non_negative(|| "imaging.relocation_cost".into(), im.relocation_cost);
    v.non_negative(|| "imaging.unmet_penalty".into(), im.unmet_penalty);
    v.non_negative(|| "imaging.cost_weight".into(), im.cost_weight);
    for (i, inst) in s.institutions.iter().enumerate() {
        for (m, &d) in &inst.exams {
            let path = format!("institutions[{i}].exams.{m}");
            if m.trim().is_empty() {
                v.error(
                    format!("institutions[{i}].exams.\"{m}\""),
                    "a modality name is empty",
                );
                continue;
            }
            if v.non_negative(|| path.clone(), d) && !im.modalities.contains_key(m) {
                modality_ok(v, path, m);
            }
        }
    }
}
