//! The report of a referral plan (M5): the summary's measures in the shape of every
//! report. Shares, referrals and the treated episodes are recomputed from the plan's
//! flows and the scenario, not copied from the plan's own figures.
//!
//! Before the plan means the same model solved without its policy targets (the plan's
//! `baseline`, when it was solved with one); without a baseline the before column is
//! empty. Per-institution accessibility is not a measure of this model: `institutions`,
//! `coverage`, `by_tier` and `by_district` stay empty; `utilisation` lists every
//! institution and class, busiest first; `arcs` and `referrals` hold the referrals up
//! and down.

use super::report::{Arc, Measure, ReferralLine, Report, ReportSettings, TargetMeasure};
use super::UtilisationLine;
use crate::network::Consortium;
use crate::plan::ReferralPlan;
use crate::scenario::{care_level, is_grassroots};
use std::collections::BTreeMap;

/// The report of a referral plan (it should pass [`crate::check::check_referral`]:
/// flows at unknown institutions are left out).
pub fn referral_report(c: &Consortium, plan: &ReferralPlan, settings: &ReportSettings) -> Report {
    let s = c.scenario();
    let inst = |id: &str| c.index_of(id).map(|j| &s.institutions[j]);
    let tier = |id: &str| inst(id).map_or(String::new(), |i| i.tier.to_string());
    let level = |id: &str| inst(id).map_or(0, |i| care_level(i.tier));
    let grassroots = |id: &str| inst(id).is_some_and(|i| is_grassroots(i.tier));
    let county = |id: &str| inst(id).map(|i| i.consortium.clone());

    // Every episode treated: (origin, site, patients) of acute and recovery flows.
    let treated: Vec<(&str, &str, f64)> = plan
        .flows
        .iter()
        .map(|f| (f.origin.as_str(), f.site.as_str(), f.patients))
        .chain(
            plan.recovery
                .iter()
                .map(|r| (r.origin.as_str(), r.site.as_str(), r.patients)),
        )
        .collect();
    let episodes = episodes_of(c);
    let share = |pick: &dyn Fn(&str, &str) -> bool| {
        let n: f64 = treated
            .iter()
            .filter(|(o, j, _)| pick(o, j))
            .map(|t| t.2)
            .sum();
        (episodes > 0.0).then(|| n / episodes)
    };
    let all_treated: f64 = treated.iter().map(|t| t.2).sum();
    let grassroots_share = share(&|_, j| grassroots(j));
    let county_share = share(&|o, j| inst(o).is_some() && county(o) == county(j));

    // Referrals up (grassroots origin, higher care level) and down (recovery below the
    // acute site's level).
    let mut up: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    for f in &plan.flows {
        if grassroots(&f.origin) && level(&f.site) > level(&f.origin) {
            *up.entry((&f.origin, &f.site)).or_default() += f.patients;
        }
    }
    let mut down: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    for r in &plan.recovery {
        if level(&r.site) < level(&r.acute_site) {
            *down.entry((&r.acute_site, &r.site)).or_default() += r.patients;
        }
    }
    let referrals: Vec<ReferralLine> = [("up", &up), ("down", &down)]
        .into_iter()
        .flat_map(|(direction, m)| {
            m.iter().map(move |(&(from, to), &patients)| ReferralLine {
                direction: direction.into(),
                from: from.into(),
                from_tier: tier(from),
                to: to.into(),
                to_tier: tier(to),
                patients,
            })
        })
        .collect();
    let arcs = referrals
        .iter()
        .map(|r| Arc {
            from: r.from.clone(),
            to: r.to.clone(),
            amount: r.patients,
        })
        .collect();

    // Loads, busiest first.
    let mut utilisation: Vec<(f64, UtilisationLine)> = plan
        .loads
        .iter()
        .map(|l| {
            (
                // Rounded so that full classes tie and the larger load comes first.
                if l.capacity > 0.0 {
                    (l.load / l.capacity * 1e9).round() / 1e9
                } else {
                    0.0
                },
                UtilisationLine {
                    kind: format!("care: {}", l.class),
                    resource: l.institution.clone(),
                    capacity: l.capacity,
                    used: l.load,
                    shadow_price: l.marginal_value,
                },
            )
        })
        .collect();
    utilisation.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.used.total_cmp(&a.1.used))
            .then(a.1.resource.cmp(&b.1.resource))
            .then(a.1.kind.cmp(&b.1.kind))
    });
    let busiest = plan
        .loads
        .iter()
        .filter(|l| l.capacity > 0.0 && level(&l.institution) >= 3)
        .map(|l| l.load / l.capacity)
        .fold(None, |m: Option<f64>, u| Some(m.map_or(u, |m| m.max(u))));

    let before = plan.baseline.as_ref();
    let m = |measure: &str, before: Option<f64>, after: Option<f64>| Measure {
        measure: measure.into(),
        before,
        after,
    };
    let up_total: f64 = up.values().sum();
    let down_total: f64 = down.values().sum();
    let unmet: f64 = plan.demand.iter().map(|d| d.unmet).sum();
    let mut measures = vec![
        m(
            "grassroots share of episodes",
            before.map(|b| b.grassroots_share),
            grassroots_share,
        ),
        m(
            "within-county share of episodes",
            before.map(|b| b.within_county_share),
            county_share,
        ),
        m(
            "busiest hospital class utilisation",
            before.map(|b| b.busiest_hospital_utilisation),
            Some(busiest.unwrap_or(0.0)),
        ),
        m(
            "care objective",
            before.map(|b| b.objective),
            Some(plan.objective),
        ),
        m("episodes", None, Some(episodes)),
        m(
            "episodes treated in the consortium",
            None,
            Some(all_treated),
        ),
        m(
            "share of episodes treated in the consortium",
            None,
            (episodes > 0.0).then(|| all_treated / episodes),
        ),
        m("patients referred up", None, Some(up_total)),
        m("recovery episodes referred down", None, Some(down_total)),
        m("unmet patients", None, Some(unmet)),
        m("travel cost", None, Some(plan.travel_cost)),
        m("treatment cost", None, Some(plan.treatment_cost)),
        m("unmet penalty", None, Some(plan.unmet_penalty)),
        m("target penalty", None, Some(plan.target_penalty)),
        m(
            "rotation objective (weighted)",
            None,
            Some(plan.rotation_objective),
        ),
        m("total objective", None, Some(plan.total_objective)),
    ];
    let targets: Vec<TargetMeasure> = plan
        .targets
        .iter()
        .map(|t| TargetMeasure {
            target: t.target.clone(),
            required: t.required,
            achieved: t.achieved,
            shortfall_episodes: t.shortfall_episodes,
            binding: t.binding,
            marginal_cost_per_point: t.marginal_cost_per_point,
        })
        .collect();
    for t in &targets {
        measures.push(m(
            &format!("{}: marginal cost per point", t.target),
            None,
            t.marginal_cost_per_point,
        ));
    }
    Report {
        scenario: s.name.clone(),
        model: "referral".into(),
        access_unit: "episodes per period".into(),
        settings: settings.clone(),
        services: Vec::new(),
        institutions: Vec::new(),
        coverage: Vec::new(),
        by_tier: Vec::new(),
        by_district: Vec::new(),
        measures,
        utilisation: utilisation.into_iter().map(|(_, l)| l).collect(),
        arcs,
        targets,
        referrals,
    }
}

/// Episodes of the scenario's care demand: every patient, and the recovery episodes
/// all of them would pass on.
fn episodes_of(c: &Consortium) -> f64 {
    let Some(care) = &c.scenario().care else {
        return 0.0;
    };
    let mut n = 0.0;
    for by_class in care.demand.values() {
        for (class, &d) in by_class {
            if d <= 0.0 {
                continue;
            }
            n += d;
            if let Some(r) = care.class(class).and_then(|k| k.recovery.as_ref()) {
                n += r.share * d;
            }
        }
    }
    n
}
