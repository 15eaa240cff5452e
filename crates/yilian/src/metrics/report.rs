//! Before/after measures of a plan: coverage, accessibility, equity, utilisation.

use super::{accessibility, gini, theil, Decay};
use crate::network::Consortium;
use crate::plan::{RotationPlan, ScannerPlan};
use crate::scenario::Scenario;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How accessibility and coverage are measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReportSettings {
    /// Catchment in travel minutes (coverage radius and 2SFCA catchment). For scanners,
    /// each modality's own travel limit is used for coverage.
    pub catchment_minutes: f64,
    /// Distance decay of the 2SFCA.
    pub decay: Decay,
}

impl Default for ReportSettings {
    /// A 30-minute catchment with the classic step decay.
    fn default() -> Self {
        Self {
            catchment_minutes: 30.0,
            decay: Decay::Step,
        }
    }
}

/// Measures of one institution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct InstitutionMetrics {
    /// Institution id.
    pub id: String,
    /// Tier.
    pub tier: String,
    /// District (empty when not given).
    pub district: String,
    /// Population.
    pub population: f64,
    /// Longitude, if known.
    pub lon: Option<f64>,
    /// Latitude, if known.
    pub lat: Option<f64>,
    /// Accessibility before the plan (supply per 1,000 people within reach).
    pub access_before: f64,
    /// Accessibility after the plan.
    pub access_after: f64,
    /// Services within reach before the plan (out of [`Report::services`]).
    pub services_before: usize,
    /// Services within reach after the plan.
    pub services_after: usize,
}

/// Population within reach of one service (a specialty or a modality).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CoverageLine {
    /// Specialty or modality.
    pub service: String,
    /// Reach in minutes.
    pub minutes: f64,
    /// Population in all.
    pub population: f64,
    /// Population within reach before the plan.
    pub covered_before: f64,
    /// Population within reach after the plan.
    pub covered_after: f64,
}

/// Aggregates of a group of institutions (a tier or a district).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GroupLine {
    /// Group name.
    pub group: String,
    /// Institutions.
    pub institutions: usize,
    /// Population.
    pub population: f64,
    /// Population-weighted mean accessibility before.
    pub access_before: f64,
    /// Population-weighted mean accessibility after.
    pub access_after: f64,
}

/// A before/after figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Measure {
    /// Name of the measure.
    pub measure: String,
    /// Value before the plan.
    pub before: Option<f64>,
    /// Value after the plan.
    pub after: Option<f64>,
}

/// Use of one resource and its shadow price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UtilisationLine {
    /// `pool`, `rooms`, `scanner`, or `care: CLASS` (a referral plan's patients of a
    /// class at an institution).
    pub kind: String,
    /// Pool id, host id, site and modality, or institution id.
    pub resource: String,
    /// Capacity (days, room-days or exams).
    pub capacity: f64,
    /// Used.
    pub used: f64,
    /// Objective improvement per extra unit (day, room-day, scanner-day), if known.
    pub shadow_price: Option<f64>,
}

/// A flow to draw on the map: days sent or exams done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Arc {
    /// Institution id of the start (pool home, or ordering institution).
    pub from: String,
    /// Institution id of the end (host, or scanner site).
    pub to: String,
    /// Specialist-days or exams.
    pub amount: f64,
}

/// Everything a policy researcher publishes about a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// Scenario name.
    pub scenario: String,
    /// `rotation`, `scanners` or `referral`.
    pub model: String,
    /// What accessibility measures ("specialist-days per 1,000 people", ...).
    pub access_unit: String,
    /// Settings used.
    pub settings: ReportSettings,
    /// Services counted in `services_before/after`.
    pub services: Vec<String>,
    /// Per institution.
    pub institutions: Vec<InstitutionMetrics>,
    /// Coverage per service.
    pub coverage: Vec<CoverageLine>,
    /// By tier.
    pub by_tier: Vec<GroupLine>,
    /// By district.
    pub by_district: Vec<GroupLine>,
    /// Headline measures: population covered, mean access, Gini, Theil and its
    /// decomposition by tier, the smallest served share, cost.
    pub measures: Vec<Measure>,
    /// Utilisation and shadow prices.
    pub utilisation: Vec<UtilisationLine>,
    /// Flows to draw.
    pub arcs: Vec<Arc>,
    /// Policy targets of a referral plan (empty for other models).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<TargetMeasure>,
    /// Referrals up and down of a referral plan, origin-destination (empty for other
    /// models).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referrals: Vec<ReferralLine>,
}

/// A policy target of a referral plan: what it asks, what the plan reaches, and what
/// one more point would cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TargetMeasure {
    /// `min_grassroots_share`, `min_within_county_share` or `max_hospital_utilisation`.
    pub target: String,
    /// The share asked for (a maximum for utilisation), 0 to 1.
    pub required: f64,
    /// The share reached (the busiest hospital class for utilisation).
    pub achieved: f64,
    /// Episodes the target is missed by (0 when met).
    pub shortfall_episodes: f64,
    /// Whether the target holds with equality or is missed.
    pub binding: bool,
    /// Cost of one more point of the target (objective units), when the backend gives
    /// duals.
    pub marginal_cost_per_point: Option<f64>,
}

/// Patients referred between two institutions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReferralLine {
    /// `up` (a grassroots origin treated at a higher care level) or `down` (recovery
    /// at a lower care level than the acute site).
    pub direction: String,
    /// Origin (up) or acute site (down).
    pub from: String,
    /// Tier of `from`.
    pub from_tier: String,
    /// Treating site (up) or recovery site (down).
    pub to: String,
    /// Tier of `to`.
    pub to_tier: String,
    /// Patients (up) or recovery episodes (down) per period.
    pub patients: f64,
}

impl Report {
    /// The value after the plan of the measure called `name`.
    pub fn after(&self, name: &str) -> Option<f64> {
        self.measures.iter().find(|m| m.measure == name)?.after
    }
    /// The value before the plan of the measure called `name`.
    pub fn before(&self, name: &str) -> Option<f64> {
        self.measures.iter().find(|m| m.measure == name)?.before
    }
    /// Pretty JSON text.
    pub fn to_json_string(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }
}

/// Travel minutes between every pair of institutions within `cutoff`.
fn all_pairs(c: &Consortium, cutoff: f64) -> crate::network::TravelTable {
    let sources: Vec<(usize, f64)> = (0..c.institution_count()).map(|i| (i, cutoff)).collect();
    c.travel_from(&sources)
}

/// Population within `minutes` of any institution where `present` holds.
fn covered(
    s: &Scenario,
    travel: &crate::network::TravelTable,
    present: &[bool],
    minutes: f64,
) -> (f64, Vec<bool>) {
    let mut reach = vec![false; s.institutions.len()];
    for (j, &p) in present.iter().enumerate() {
        if p {
            for &(i, t) in travel.from(j) {
                if t <= minutes {
                    reach[i] = true;
                }
            }
        }
    }
    let pop = s
        .institutions
        .iter()
        .zip(&reach)
        .filter(|(_, &r)| r)
        .map(|(i, _)| i.population)
        .sum();
    (pop, reach)
}

struct Parts {
    access_unit: String,
    services: Vec<String>,
    coverage: Vec<CoverageLine>,
    reach_before: Vec<usize>,
    reach_after: Vec<usize>,
    access_before: Vec<f64>,
    access_after: Vec<f64>,
    extra: Vec<Measure>,
    utilisation: Vec<UtilisationLine>,
    arcs: Vec<Arc>,
}

fn assemble(c: &Consortium, model: &str, settings: &ReportSettings, p: Parts) -> Report {
    let s = c.scenario();
    let institutions: Vec<InstitutionMetrics> = s
        .institutions
        .iter()
        .enumerate()
        .map(|(i, inst)| InstitutionMetrics {
            id: inst.id.clone(),
            tier: inst.tier.to_string(),
            district: inst.district.clone().unwrap_or_default(),
            population: inst.population,
            lon: inst.location.map(|l| l.lon),
            lat: inst.location.map(|l| l.lat),
            access_before: p.access_before[i],
            access_after: p.access_after[i],
            services_before: p.reach_before[i],
            services_after: p.reach_after[i],
        })
        .collect();
    let group = |key: &dyn Fn(&InstitutionMetrics) -> String| {
        let mut g: BTreeMap<String, (usize, f64, f64, f64)> = BTreeMap::new();
        for m in &institutions {
            let e = g.entry(key(m)).or_default();
            e.0 += 1;
            e.1 += m.population;
            e.2 += m.population * m.access_before;
            e.3 += m.population * m.access_after;
        }
        g.into_iter()
            .map(|(group, (n, pop, b, a))| GroupLine {
                group,
                institutions: n,
                population: pop,
                access_before: if pop > 0.0 { b / pop } else { 0.0 },
                access_after: if pop > 0.0 { a / pop } else { 0.0 },
            })
            .collect::<Vec<_>>()
    };
    let by_tier = group(&|m| m.tier.clone());
    let by_district = group(&|m| m.district.clone());
    let weights: Vec<f64> = institutions.iter().map(|m| m.population).collect();
    let tiers: Vec<&str> = institutions.iter().map(|m| m.tier.as_str()).collect();
    let total_pop: f64 = weights.iter().sum();
    let mean = |xs: &[f64]| {
        (total_pop > 0.0)
            .then(|| xs.iter().zip(&weights).map(|(x, w)| x * w).sum::<f64>() / total_pop)
    };
    let tb = theil(&p.access_before, &weights, &tiers);
    let ta = theil(&p.access_after, &weights, &tiers);
    let covered_share = |after: bool| {
        let (cov, all) = p.coverage.iter().fold((0.0, 0.0), |acc, l| {
            (
                acc.0
                    + if after {
                        l.covered_after
                    } else {
                        l.covered_before
                    },
                acc.1 + l.population,
            )
        });
        (all > 0.0).then(|| cov / all)
    };
    let mut measures = vec![
        Measure {
            measure: "population share within reach (mean over services)".into(),
            before: covered_share(false),
            after: covered_share(true),
        },
        Measure {
            measure: "mean accessibility".into(),
            before: mean(&p.access_before),
            after: mean(&p.access_after),
        },
        Measure {
            measure: "gini of accessibility".into(),
            before: gini(&p.access_before, &weights),
            after: gini(&p.access_after, &weights),
        },
        Measure {
            measure: "theil of accessibility".into(),
            before: tb.as_ref().map(|t| t.total),
            after: ta.as_ref().map(|t| t.total),
        },
        Measure {
            measure: "theil within tiers".into(),
            before: tb.as_ref().map(|t| t.within),
            after: ta.as_ref().map(|t| t.within),
        },
        Measure {
            measure: "theil between tiers".into(),
            before: tb.as_ref().map(|t| t.between),
            after: ta.as_ref().map(|t| t.between),
        },
    ];
    measures.extend(p.extra);
    Report {
        scenario: s.name.clone(),
        model: model.into(),
        access_unit: p.access_unit,
        settings: settings.clone(),
        services: p.services,
        institutions,
        coverage: p.coverage,
        by_tier,
        by_district,
        measures,
        utilisation: p.utilisation,
        arcs: p.arcs,
        targets: Vec::new(),
        referrals: Vec::new(),
    }
}

/// The report of a rotation plan. Before the plan, every pool's days stay at its home;
/// after it, the days sent are at their hosts. Accessibility is specialist-days per
/// 1,000 people (all specialties); coverage counts the people within the catchment of
/// a place where each specialty is present.
pub fn rotation_report(c: &Consortium, plan: &RotationPlan, settings: &ReportSettings) -> Report {
    let s = c.scenario();
    let n = s.institutions.len();
    let travel = all_pairs(c, settings.catchment_minutes);
    let mut before = vec![0.0; n];
    let mut after = vec![0.0; n];
    let mut present_before: BTreeMap<&str, Vec<bool>> = BTreeMap::new();
    let mut present_after: BTreeMap<&str, Vec<bool>> = BTreeMap::new();
    for pool in &s.pools {
        let h = c.index_of(&pool.home).expect("validated home");
        let days = f64::from(pool.headcount) * pool.days_per_person;
        let sent = plan
            .pools
            .iter()
            .find(|p| p.pool == pool.id)
            .map_or(0.0, |p| p.sent_days);
        before[h] += days;
        after[h] += days - sent;
        present_before
            .entry(&pool.specialty)
            .or_insert_with(|| vec![false; n])[h] = true;
        present_after
            .entry(&pool.specialty)
            .or_insert_with(|| vec![false; n])[h] = true;
    }
    for a in &plan.assignments {
        if let Some(j) = c.index_of(&a.host) {
            after[j] += a.days;
            if let Some(v) = present_after.get_mut(a.specialty.as_str()) {
                v[j] = true;
            }
        }
    }
    let population: Vec<f64> = s
        .institutions
        .iter()
        .map(|i| i.population / 1000.0)
        .collect();
    let minutes = |j: usize, i: usize| travel.minutes(j, i);
    let access_before = accessibility(
        &before,
        &population,
        minutes,
        settings.catchment_minutes,
        &settings.decay,
    );
    let access_after = accessibility(
        &after,
        &population,
        minutes,
        settings.catchment_minutes,
        &settings.decay,
    );
    let total_pop: f64 = s.institutions.iter().map(|i| i.population).sum();
    let mut coverage = Vec::new();
    let mut reach_before = vec![0; n];
    let mut reach_after = vec![0; n];
    for (k, present) in &present_before {
        let (cb, rb) = covered(s, &travel, present, settings.catchment_minutes);
        let (ca, ra) = covered(s, &travel, &present_after[k], settings.catchment_minutes);
        for i in 0..n {
            reach_before[i] += usize::from(rb[i]);
            reach_after[i] += usize::from(ra[i]);
        }
        coverage.push(CoverageLine {
            service: k.to_string(),
            minutes: settings.catchment_minutes,
            population: total_pop,
            covered_before: cb,
            covered_after: ca,
        });
    }
    let mut utilisation: Vec<UtilisationLine> = plan
        .pools
        .iter()
        .map(|p| UtilisationLine {
            kind: "pool".into(),
            resource: p.pool.clone(),
            capacity: p.available_days,
            used: p.sent_days,
            shadow_price: p.marginal_value,
        })
        .collect();
    utilisation.extend(plan.rooms.iter().map(|r| UtilisationLine {
        kind: "rooms".into(),
        resource: r.host.clone(),
        capacity: r.room_days,
        used: r.used,
        shadow_price: r.marginal_value,
    }));
    let served: f64 = plan.service.iter().map(|l| l.served).sum();
    let demand: f64 = plan.service.iter().map(|l| l.demand).sum();
    let extra = vec![
        Measure {
            measure: "share of specialist visits served".into(),
            before: Some(0.0),
            after: (demand > 0.0).then(|| served / demand),
        },
        Measure {
            measure: "smallest served share (max-min)".into(),
            before: Some(0.0),
            after: plan.min_served_share,
        },
        Measure {
            measure: "cost".into(),
            before: Some(0.0),
            after: Some(plan.total_cost),
        },
    ];
    let arcs = plan
        .assignments
        .iter()
        .map(|a| Arc {
            from: s
                .pools
                .iter()
                .find(|p| p.id == a.pool)
                .map_or(String::new(), |p| p.home.clone()),
            to: a.host.clone(),
            amount: a.days,
        })
        .collect();
    assemble(
        c,
        "rotation",
        settings,
        Parts {
            access_unit: "specialist-days per 1,000 people".into(),
            services: present_before.keys().map(|k| k.to_string()).collect(),
            coverage,
            reach_before,
            reach_after,
            access_before,
            access_after,
            extra,
            utilisation,
            arcs,
        },
    )
}

/// The report of a scanner plan. Before: the units in place; after: the plan's units.
/// Accessibility is exams per period per 1,000 people (all modalities); coverage uses
/// each modality's own travel limit.
pub fn scanners_report(c: &Consortium, plan: &ScannerPlan, settings: &ReportSettings) -> Report {
    let s = c.scenario();
    let n = s.institutions.len();
    let im = s.imaging.as_ref();
    let widest = im
        .map(|im| {
            im.modalities
                .values()
                .map(|m| m.max_travel_minutes)
                .fold(settings.catchment_minutes, f64::max)
        })
        .unwrap_or(settings.catchment_minutes);
    let travel = all_pairs(c, widest);
    let mut before = vec![0.0; n];
    let mut after = vec![0.0; n];
    let mut coverage = Vec::new();
    let mut reach_before = vec![0; n];
    let mut reach_after = vec![0; n];
    let total_pop: f64 = s.institutions.iter().map(|i| i.population).sum();
    let mut services = Vec::new();
    if let Some(im) = im {
        for (m, ms) in &im.modalities {
            let mut pb = vec![false; n];
            let mut pa = vec![false; n];
            for u in plan.units.iter().filter(|u| &u.modality == m) {
                if let Some(j) = c.index_of(&u.site) {
                    let per_unit = ms.unit_capacity();
                    if u.existing > 0 {
                        pb[j] = true;
                        before[j] += f64::from(u.existing) * per_unit;
                    }
                    if u.kept + u.added > 0 {
                        pa[j] = true;
                        after[j] += u.capacity;
                    }
                }
            }
            let (cb, rb) = covered(s, &travel, &pb, ms.max_travel_minutes);
            let (ca, ra) = covered(s, &travel, &pa, ms.max_travel_minutes);
            for i in 0..n {
                reach_before[i] += usize::from(rb[i]);
                reach_after[i] += usize::from(ra[i]);
            }
            services.push(m.clone());
            coverage.push(CoverageLine {
                service: m.clone(),
                minutes: ms.max_travel_minutes,
                population: total_pop,
                covered_before: cb,
                covered_after: ca,
            });
        }
    }
    let population: Vec<f64> = s
        .institutions
        .iter()
        .map(|i| i.population / 1000.0)
        .collect();
    let minutes = |j: usize, i: usize| travel.minutes(j, i);
    let access_before = accessibility(
        &before,
        &population,
        minutes,
        settings.catchment_minutes,
        &settings.decay,
    );
    let access_after = accessibility(
        &after,
        &population,
        minutes,
        settings.catchment_minutes,
        &settings.decay,
    );
    let utilisation = plan
        .units
        .iter()
        .map(|u| UtilisationLine {
            kind: "scanner".into(),
            resource: format!("{} {}", u.site, u.modality),
            capacity: u.capacity,
            used: u.exams,
            shadow_price: u.value_of_scanner_day,
        })
        .collect();
    let served: f64 = plan.demand.iter().map(|d| d.served).sum();
    let demand: f64 = plan.demand.iter().map(|d| d.demand).sum();
    let min_share = plan
        .demand
        .iter()
        .filter(|d| d.demand > 0.0)
        .map(|d| d.served / d.demand)
        .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.min(x))));
    let extra = vec![
        Measure {
            measure: "share of exams served within the limit".into(),
            before: None,
            after: (demand > 0.0).then(|| served / demand),
        },
        Measure {
            measure: "smallest served share (max-min)".into(),
            before: None,
            after: min_share,
        },
        Measure {
            measure: "cost".into(),
            before: Some(0.0),
            after: Some(plan.total_cost),
        },
    ];
    let arcs = plan
        .flows
        .iter()
        .filter(|f| f.institution != f.site)
        .map(|f| Arc {
            from: f.institution.clone(),
            to: f.site.clone(),
            amount: f.exams,
        })
        .collect();
    assemble(
        c,
        "scanners",
        settings,
        Parts {
            access_unit: "exams per period per 1,000 people".into(),
            services,
            coverage,
            reach_before,
            reach_after,
            access_before,
            access_after,
            extra,
            utilisation,
            arcs,
        },
    )
}

/// One line of a comparison of two reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ComparisonLine {
    /// Measure name (after the plan).
    pub measure: String,
    /// Value in the first report.
    pub a: Option<f64>,
    /// Value in the second report.
    pub b: Option<f64>,
    /// b - a.
    pub difference: Option<f64>,
}

/// Compares the after-plan measures of two reports, side by side.
pub fn compare(a: &Report, b: &Report) -> Vec<ComparisonLine> {
    a.measures
        .iter()
        .map(|m| {
            let other = b.after(&m.measure);
            ComparisonLine {
                measure: m.measure.clone(),
                a: m.after,
                b: other,
                difference: m.after.zip(other).map(|(x, y)| y - x),
            }
        })
        .collect()
}
