//! The services between members that the grand coalition's plan implies.

use super::coalition_scenario::Members;
use super::report::Transfer;
use super::values::GrandPlan;
use std::collections::BTreeMap;

/// Aggregated transfers keyed by (provider, receiver, service).
type Totals = BTreeMap<(usize, usize, String), (f64, f64, f64, Option<f64>)>;

/// Who serves whose patients or exams in `plan`, member to member.
pub(crate) fn transfers(members: &Members, plan: &GrandPlan) -> Vec<Transfer> {
    let s = members.scenario();
    let mut totals: Totals = BTreeMap::new();
    let mut add =
        |key: (usize, usize, String), q: f64, days: f64, cost: f64, worth: Option<f64>| {
            let e = totals.entry(key).or_insert((0.0, 0.0, 0.0, Some(0.0)));
            e.0 += q;
            e.1 += days;
            e.2 += cost;
            e.3 = match (e.3, worth) {
                (Some(a), Some(b)) => Some(a + b),
                _ => None,
            };
        };
    match plan {
        GrandPlan::Rotation(p) => {
            let value: BTreeMap<&str, Option<f64>> = p
                .pools
                .iter()
                .map(|u| (u.pool.as_str(), u.marginal_value))
                .collect();
            for a in &p.assignments {
                let Some(pool) = s.pools.iter().find(|x| x.id == a.pool) else {
                    continue;
                };
                let (Some(from), Some(to)) =
                    (members.owner_of(&pool.home), members.owner_of(&a.host))
                else {
                    continue;
                };
                if from != to {
                    let worth = value
                        .get(a.pool.as_str())
                        .copied()
                        .flatten()
                        .map(|v| v.abs() * a.days);
                    add(
                        (from, to, a.specialty.clone()),
                        a.days * pool.visits_per_day,
                        a.days,
                        a.cost,
                        worth,
                    );
                }
            }
        }
        GrandPlan::Scanners(p) => {
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
                let (Some(from), Some(to)) =
                    (members.owner_of(&f.site), members.owner_of(&f.institution))
                else {
                    continue;
                };
                if from != to {
                    let worth = day_value
                        .get(&(f.site.as_str(), f.modality.as_str()))
                        .copied()
                        .flatten()
                        .map(|v| v.abs() * f.exams / per_day(&f.modality));
                    add(
                        (from, to, f.modality.clone()),
                        f.exams,
                        0.0,
                        f.exams * f.minutes,
                        worth,
                    );
                }
            }
        }
    }
    let rotation = matches!(plan, GrandPlan::Rotation(_));
    totals
        .into_iter()
        .map(|((from, to, service), (q, days, cost, worth))| Transfer {
            provider: members.members[from].name.clone(),
            receiver: members.members[to].name.clone(),
            service,
            quantity: q,
            days: rotation.then_some(days),
            cost,
            worth,
        })
        .collect()
}
