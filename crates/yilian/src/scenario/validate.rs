//! Validation of a scenario: every rule, every error collected.

use super::{Scenario, TravelSource, FORMAT};
use crate::error::Issue;
use std::collections::{BTreeSet, HashMap};

/// The outcome of validating a scenario: errors make it unusable, warnings do not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Validation {
    /// Rules broken; a model cannot be built while any remain.
    pub errors: Vec<Issue>,
    /// Things a planner should know (for example demand nobody can serve).
    pub warnings: Vec<Issue>,
}

impl Validation {
    pub(crate) fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(Issue::new(path, message));
    }
    pub(crate) fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Issue::new(path, message));
    }

    /// Checks that `value` is a finite number `>= 0`, at most [`MAX_VALUE`].
    pub(crate) fn non_negative(&mut self, path: impl FnOnce() -> String, value: f64) -> bool {
        if !value.is_finite() {
            self.error(path(), format!("{value} is not a finite number"));
            false
        } else if value > MAX_VALUE {
            self.error(path(), too_large(value));
            false
        } else if value < 0.0 {
            self.error(path(), format!("{value} is negative"));
            false
        } else {
            true
        }
    }

    /// Checks that `value` is a finite number `> 0`, at most [`MAX_VALUE`].
    pub(crate) fn positive(&mut self, path: impl FnOnce() -> String, value: f64) -> bool {
        if !value.is_finite() {
            self.error(path(), format!("{value} is not a finite number"));
            false
        } else if value > MAX_VALUE {
            self.error(path(), too_large(value));
            false
        } else if value <= 0.0 {
            self.error(path(), format!("{value} must be greater than 0"));
            false
        } else {
            true
        }
    }
}

/// Largest number a scenario may hold in a quantity (population, demand, days, minutes,
/// costs, throughputs, budget). Beyond it no planning quantity is plausible, and products
/// of such numbers leave the range solvers represent reliably (HiGHS refuses matrix
/// values above 1e15): a throughput of 8e41 exams a day made a solver open capacity
/// within its rounding tolerance (a fuzz finding), and HiGHS refused the model with a
/// bare "Error".
pub const MAX_VALUE: f64 = 1e12;

/// The error for a value above [`MAX_VALUE`].
fn too_large(value: f64) -> String {
    format!("{value:e} is too large: quantities above 1e12 are refused (solvers lose precision)")
}

/// Longest id, in characters: ids are names, and messages quote them.
pub const MAX_ID_CHARS: usize = 200;

/// The error for an id longer than [`MAX_ID_CHARS`], without quoting it.
fn overlong(id: &str) -> Option<String> {
    let n = id.chars().count();
    (n > MAX_ID_CHARS).then(|| {
        let head: String = id.chars().take(20).collect();
        format!("\"{head}...\" has {n} characters, more than the limit of {MAX_ID_CHARS}")
    })
}

/// Validates the structure of a scenario: formats, numbers, ids and references.
///
/// Reachability (hosts no pool can reach) needs travel times and is checked when a
/// [`crate::Consortium`] is built; its findings are added there.
///
/// ```
/// let mut s = yilian::Scenario::new("x");
/// s.institutions.push(yilian::Institution::new("a", yilian::Tier::Secondary).population(-3.0));
/// let v = yilian::scenario::validate(&s);
/// assert_eq!(v.errors[0].to_string(), "institutions[0].population: -3 is negative");
/// ```
pub fn validate(s: &Scenario) -> Validation {
    let mut v = Validation::default();
    if s.format != FORMAT {
        v.error(
            "format",
            format!("\"{}\" is not supported (expected \"{FORMAT}\")", s.format),
        );
    }
    // Comparisons with the period are only made when the period itself is valid.
    let period_ok = v.positive(|| "period_days".into(), s.period_days);
    if s.institutions.is_empty() {
        v.error(
            "institutions",
            "is empty: a scenario needs at least one institution",
        );
    }

    let mut ids: HashMap<&str, usize> = HashMap::with_capacity(s.institutions.len());
    for (i, inst) in s.institutions.iter().enumerate() {
        let at = |field: &str| format!("institutions[{i}].{field}");
        if inst.id.trim().is_empty() {
            v.error(at("id"), "is empty");
        } else if let Some(message) = overlong(&inst.id) {
            v.error(at("id"), message);
        } else if let Some(&first) = ids.get(inst.id.as_str()) {
            v.error(
                at("id"),
                format!("\"{}\" duplicates institutions[{first}].id", inst.id),
            );
        } else {
            ids.insert(&inst.id, i);
        }
        if let Some(loc) = inst.location {
            if !loc.lon.is_finite() || !(-180.0..=180.0).contains(&loc.lon) {
                v.error(
                    at("location.lon"),
                    format!("{} is out of range (-180 to 180)", loc.lon),
                );
            }
            if !loc.lat.is_finite() || !(-90.0..=90.0).contains(&loc.lat) {
                v.error(
                    at("location.lat"),
                    format!("{} is out of range (-90 to 90)", loc.lat),
                );
            }
        }
        v.non_negative(|| at("population"), inst.population);
        v.non_negative(|| at("room_days"), inst.room_days);
        for (specialty, &visits) in &inst.demand {
            if specialty.trim().is_empty() {
                v.error(
                    format!("institutions[{i}].demand.\"{specialty}\""),
                    "a specialty name is empty",
                );
            }
            v.non_negative(|| format!("institutions[{i}].demand.{specialty}"), visits);
        }
    }

    let mut pool_ids: HashMap<&str, usize> = HashMap::with_capacity(s.pools.len());
    let mut offered: BTreeSet<&str> = BTreeSet::new();
    for (p, pool) in s.pools.iter().enumerate() {
        let at = |field: &str| format!("pools[{p}].{field}");
        if pool.id.trim().is_empty() {
            v.error(at("id"), "is empty");
        } else if let Some(message) = overlong(&pool.id) {
            v.error(at("id"), message);
        } else if let Some(&first) = pool_ids.get(pool.id.as_str()) {
            v.error(
                at("id"),
                format!("\"{}\" duplicates pools[{first}].id", pool.id),
            );
        } else {
            pool_ids.insert(&pool.id, p);
        }
        if !ids.contains_key(pool.home.as_str()) {
            v.error(
                at("home"),
                format!("\"{}\" is not an institution id", pool.home),
            );
        }
        if pool.specialty.trim().is_empty() {
            v.error(at("specialty"), "is empty");
        }
        offered.insert(&pool.specialty);
        let days_ok = v.positive(|| at("days_per_person"), pool.days_per_person);
        if days_ok && period_ok && pool.days_per_person > s.period_days {
            v.error(
                at("days_per_person"),
                format!(
                    "{} exceeds period_days {}",
                    pool.days_per_person, s.period_days
                ),
            );
        }
        let home_ok = v.non_negative(|| at("home_min_days"), pool.home_min_days);
        if pool.headcount == 0 {
            v.warning(
                at("headcount"),
                format!(
                    "0: pool \"{}\" has no specialists and sends no days",
                    pool.id
                ),
            );
        }
        if days_ok && home_ok {
            let total = f64::from(pool.headcount) * pool.days_per_person;
            if pool.home_min_days > total {
                v.error(
                    at("home_min_days"),
                    format!(
                        "{} exceeds headcount x days_per_person = {} x {} = {}",
                        pool.home_min_days, pool.headcount, pool.days_per_person, total
                    ),
                );
            }
        }
        v.non_negative(|| at("max_travel_minutes"), pool.max_travel_minutes);
        v.positive(|| at("visits_per_day"), pool.visits_per_day);
        v.non_negative(|| at("cost_per_day"), pool.cost_per_day);
        v.non_negative(|| at("cost_per_minute"), pool.cost_per_minute);
    }

    for (l, link) in s.links.iter().enumerate() {
        let at = |field: &str| format!("links[{l}].{field}");
        for (field, id) in [("from", &link.from), ("to", &link.to)] {
            if !ids.contains_key(id.as_str()) {
                v.error(at(field), format!("\"{id}\" is not an institution id"));
            }
        }
        if link.from == link.to {
            v.error(
                at("to"),
                format!("\"{}\" links an institution to itself", link.to),
            );
        }
        v.non_negative(|| at("minutes"), link.minutes);
    }

    let t = &s.travel;
    if !t.detour_factor.is_finite() || t.detour_factor < 1.0 {
        v.error(
            "travel.detour_factor",
            format!("{} must be a number of at least 1", t.detour_factor),
        );
    }
    v.positive(|| "travel.speed_kmh".into(), t.speed_kmh);
    let use_links = match t.source {
        TravelSource::Links => true,
        TravelSource::Coordinates => false,
        TravelSource::Auto => !s.links.is_empty(),
    };
    if use_links && s.links.is_empty() {
        v.error(
            "travel.source",
            "\"links\" was chosen but the scenario has no links",
        );
    }
    if !use_links {
        for (i, inst) in s.institutions.iter().enumerate() {
            if inst.location.is_none() {
                v.error(
                    format!("institutions[{i}].location"),
                    format!(
                        "missing for \"{}\": travel comes from coordinates (the scenario has no links)",
                        inst.id
                    ),
                );
            }
        }
    }

    let p = &s.policy;
    for (tier, &days) in &p.min_days_by_tier {
        if v.non_negative(|| format!("policy.min_days_by_tier.{tier}"), days)
            && period_ok
            && days > s.period_days
        {
            v.error(
                format!("policy.min_days_by_tier.{tier}"),
                format!("{days} exceeds period_days {}", s.period_days),
            );
        }
    }
    if let Some(budget) = p.budget {
        v.non_negative(|| "policy.budget".into(), budget);
    }
    for (specialty, &w) in &p.unmet_weight {
        v.non_negative(|| format!("policy.unmet_weight.{specialty}"), w);
    }
    v.non_negative(|| "policy.shortfall_penalty".into(), p.shortfall_penalty);
    v.non_negative(|| "policy.cost_weight".into(), p.cost_weight);

    super::imaging::validate_imaging(s, &ids, &mut v);
    super::care::validate_care(s, &ids, &mut v);
    super::members::validate_members(s, &ids, &mut v);
    v.errors.extend(super::roster::validate_roster(s, &ids));

    // Demand for a specialty that no pool offers: a warning, the demand stays unmet.
    let mut unoffered: BTreeSet<&str> = BTreeSet::new();
    for inst in &s.institutions {
        for (k, &d) in &inst.demand {
            if d > 0.0 && !offered.contains(k.as_str()) {
                unoffered.insert(k);
            }
        }
    }
    for k in unoffered {
        let hosts: Vec<usize> = s
            .institutions
            .iter()
            .enumerate()
            .filter(|(_, inst)| inst.demand.get(k).is_some_and(|&d| d > 0.0))
            .map(|(i, _)| i)
            .collect();
        v.warning(
            format!("institutions[{}].demand.{k}", hosts[0]),
            format!(
                "no pool offers \"{k}\"; its demand at {} institution{} will stay unmet",
                hosts.len(),
                if hosts.len() == 1 { "" } else { "s" }
            ),
        );
    }
    v
}
