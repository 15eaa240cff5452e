//! The services between members that the grand coalition's plan implies.

use super::coalition_scenario::Members;
use super::report::Transfer;
use super::values::GrandPlan;
use crate::plan::{ReferralPlan, RotationPlan, ScannerPlan};
use std::collections::BTreeMap;

/// One aggregated transfer: quantity, specialist-days (rotation services only), cost
/// and worth (`None` once one part has no dual).
#[derive(Default)]
struct Total {
    quantity: f64,
    days: Option<f64>,
    cost: f64,
    worth: Option<f64>,
    started: bool,
}

/// Aggregated transfers keyed by (provider, receiver, service).
#[derive(Default)]
struct Totals(BTreeMap<(usize, usize, String), Total>);

impl Totals {
    fn add(
        &mut self,
        key: (usize, usize, String),
        quantity: f64,
        days: Option<f64>,
        cost: f64,
        worth: Option<f64>,
    ) {
        let e = self.0.entry(key).or_default();
        e.quantity += quantity;
        if let Some(d) = days {
            *e.days.get_or_insert(0.0) += d;
        }
        e.cost += cost;
        e.worth = match (e.started, e.worth, worth) {
            (false, _, w) => w,
            (true, Some(a), Some(b)) => Some(a + b),
            _ => None,
        };
        e.started = true;
    }
}

/// Who serves whose patients or exams in `plan`, member to member.
pub(crate) fn transfers(members: &Members, plan: &GrandPlan) -> Vec<Transfer> {
    let mut totals = Totals::default();
    match plan {
        GrandPlan::Rotation(p) => rotation(members, p, &mut totals),
        GrandPlan::Scanners(p) => scanners(members, p, &mut totals),
        GrandPlan::Referral(p) => {
            rotation(members, &p.rotation, &mut totals);
            referral(members, p, &mut totals);
        }
    }
    totals
        .0
        .into_iter()
        .map(|((from, to, service), t)| Transfer {
            provider: members.members[from].name.clone(),
            receiver: members.members[to].name.clone(),
            service,
            quantity: t.quantity,
            days: t.days,
            cost: t.cost,
            worth: t.worth,
        })
        .collect()
}

/// Pools of one member at hosts of another: specialist visits, days and their cost.
fn rotation(members: &Members, p: &RotationPlan, totals: &mut Totals) {
    let s = members.scenario();
    let value: BTreeMap<&str, Option<f64>> = p
        .pools
        .iter()
        .map(|u| (u.pool.as_str(), u.marginal_value))
        .collect();
    for a in &p.assignments {
        let Some(pool) = s.pools.iter().find(|x| x.id == a.pool) else {
            continue;
        };
        let (Some(from), Some(to)) = (members.owner_of(&pool.home), members.owner_of(&a.host))
        else {
            continue;
        };
        if from != to {
            let worth = value
                .get(a.pool.as_str())
                .copied()
                .flatten()
                .map(|v| v.abs() * a.days);
            totals.add(
                (from, to, a.specialty.clone()),
                a.days * pool.visits_per_day,
                Some(a.days),
                a.cost,
                worth,
            );
        }
    }
}

/// Exams of one member's institutions at another member's scanner sites.
fn scanners(members: &Members, p: &ScannerPlan, totals: &mut Totals) {
    let s = members.scenario();
    let day_value: BTreeMap<(&str, &str), Option<f64>> = p
        .units
        .iter()
        .map(|u| {
            (
                (u.site.as_str(), u.modality.as_str()),
                u.value_of_scanner_day,
            )
        })
        .collect();
    let per_day = |m: &str| {
        s.imaging
            .as_ref()
            .and_then(|im| im.modalities.get(m))
            .map_or(1.0, |ms| ms.exams_per_day)
    };
    for f in &p.flows {
        let (Some(from), Some(to)) = (members.owner_of(&f.site), members.owner_of(&f.institution))
        else {
            continue;
        };
        if from != to {
            let worth = day_value
                .get(&(f.site.as_str(), f.modality.as_str()))
                .copied()
                .flatten()
                .map(|v| v.abs() * f.exams / per_day(&f.modality));
            totals.add(
                (from, to, f.modality.clone()),
                f.exams,
                None,
                f.exams * f.minutes,
                worth,
            );
        }
    }
}

/// Patients of one member treated (acute or recovery) at another member's sites, with
/// their travel and treatment cost and the slots they use at the slot's shadow price;
/// and telemedicine consultations of one member's hub for another's spoke.
fn referral(members: &Members, p: &ReferralPlan, totals: &mut Totals) {
    let slot_value: BTreeMap<(&str, &str), Option<f64>> = p
        .loads
        .iter()
        .map(|l| ((l.institution.as_str(), l.class.as_str()), l.marginal_value))
        .collect();
    let worth = |site: &str, class: &str, patients: f64| {
        slot_value
            .get(&(site, class))
            .copied()
            .flatten()
            .map(|v| v.abs() * patients)
    };
    for f in &p.flows {
        let (Some(from), Some(to)) = (members.owner_of(&f.site), members.owner_of(&f.origin))
        else {
            continue;
        };
        if from != to {
            totals.add(
                (from, to, f.class.clone()),
                f.patients,
                None,
                f.cost,
                worth(&f.site, &f.class, f.patients),
            );
        }
    }
    for r in &p.recovery {
        let (Some(from), Some(to)) = (members.owner_of(&r.site), members.owner_of(&r.origin))
        else {
            continue;
        };
        if from != to {
            totals.add(
                (from, to, r.recovery_class.clone()),
                r.patients,
                None,
                r.cost,
                worth(&r.site, &r.recovery_class, r.patients),
            );
        }
    }
    for t in &p.telemedicine {
        let (Some(from), Some(to)) = (members.owner_of(&t.hub), members.owner_of(&t.spoke)) else {
            continue;
        };
        let consultations: f64 = t.consultations.values().sum();
        if from != to && consultations > 0.0 {
            totals.add(
                (from, to, "telemedicine".into()),
                consultations,
                None,
                0.0,
                t.marginal_value.map(|v| v.abs() * t.minutes_used),
            );
        }
    }
}
