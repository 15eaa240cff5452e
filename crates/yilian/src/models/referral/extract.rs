//! Turns a solver answer into a [`ReferralPlan`] keyed by the user's ids.

use super::explain;
use super::formulation::counts;
use super::Built;
use crate::models::rotation::extract as m1_extract;
use crate::network::Consortium;
use crate::plan::{
    CareDemandLine, CareFlow, CareLoad, CareTargetLine, HubMinutesUse, ModelStats, RecoveryFlow,
    Referral, ReferralMode, ReferralPlan, RotationObjective, RotationPlan, TelemedicineUse,
    VisitSupport, PLAN_FORMAT,
};
use crate::scenario::{care_level, is_grassroots};
use crate::solve::{Backend, LpSolution};
use std::collections::BTreeMap;

/// What the plan records besides the solution.
pub(crate) struct Settings {
    pub mode: ReferralMode,
    pub backend: Backend,
    pub build_seconds: f64,
}

/// Below this, a patient count is read as 0.
const ZERO: f64 = 1e-9;

fn clean(x: f64) -> f64 {
    if x < ZERO {
        0.0
    } else {
        x
    }
}

/// Objective improvement per unit of a `<=` row's right-hand side.
fn improvement(duals: Option<&Vec<f64>>, row: usize) -> Option<f64> {
    duals.map(|d| {
        let v = -d[row];
        if v.abs() < 1e-9 {
            0.0
        } else {
            v
        }
    })
}

/// An acute or recovery flow as the plan lists it, with dense indices.
#[derive(Debug, Clone, Copy)]
pub(super) struct Dense {
    pub origin: usize,
    pub class: usize,
    pub site: usize,
    pub patients: f64,
    pub minutes: f64,
}

pub(crate) fn plan(
    c: &Consortium,
    b: &Built<'_>,
    sol: &LpSolution,
    rotation: Option<&RotationPlan>,
    settings: Settings,
) -> ReferralPlan {
    let s = c.scenario();
    let net = &b.net;
    let care = net.care;
    let lay = &b.layout;
    let tc = care.travel_cost_per_minute;
    let val = |col: usize| clean(sol.values[col]);
    let id = |j: usize| s.institutions[j].id.clone();
    let duals = sol.row_duals.as_ref();
    let weight = care.rotation_weight_for(s.policy.cost_weight);

    let rotation_plan = match (rotation, &b.m1) {
        (Some(plan), _) => plan.clone(),
        (None, Some((pairs, f))) => {
            // M1's rows were weighed by the rotation weight: their duals back in M1's units.
            let mut m1_sol = sol.clone();
            if let Some(d) = m1_sol.row_duals.as_mut() {
                for x in d.iter_mut() {
                    *x /= weight;
                }
            }
            let mut p = m1_extract::plan(
                c,
                pairs,
                f,
                &m1_sol,
                m1_extract::Settings {
                    objective: RotationObjective::Weighted,
                    integer_days: false,
                    backend: settings.backend,
                    build_seconds: settings.build_seconds,
                    load_seconds: sol.load_seconds,
                    solve_seconds: sol.seconds,
                    stages: Vec::new(),
                },
            );
            p.stats.variables = b.lp.column_count();
            p.stats.constraints = b.lp.row_count();
            p.stats.nonzeros = b.lp.nonzero_count();
            p.notes
                .push("solved jointly with the referral model (M5)".into());
            p
        }
        (None, None) => unreachable!("a rotation is given or built"),
    };

    // Acute flows.
    let mut acute: Vec<Dense> = Vec::new();
    let mut acute_of_entry: Vec<std::ops::Range<usize>> = Vec::with_capacity(net.entries.len());
    let mut demand = Vec::with_capacity(net.entries.len());
    for (e, entry) in net.entries.iter().enumerate() {
        let first = lay.flow_first[e];
        let start = acute.len();
        let mut treated = 0.0;
        for (q, &(j, m)) in entry.sites.iter().enumerate() {
            let f = val(first + q);
            if f > 0.0 {
                treated += f;
                acute.push(Dense {
                    origin: entry.origin,
                    class: entry.class,
                    site: j,
                    patients: f,
                    minutes: m,
                });
            }
        }
        acute_of_entry.push(start..acute.len());
        let unmet = (entry.demand - treated).max(0.0);
        let unmet = if unmet < 1e-7 * entry.demand.max(1.0) {
            0.0
        } else {
            unmet
        };
        demand.push(CareDemandLine {
            origin: id(entry.origin),
            tier: s.institutions[entry.origin].tier.to_string(),
            class: net.class(entry.class).id.clone(),
            demand: entry.demand,
            treated,
            unmet,
            reason: None,
        });
    }

    // Recovery, split over the acute sites in proportion to their flows.
    let mut unplaced_of_acute = vec![0.0; acute.len()];
    let mut recovery: Vec<(usize, Dense)> = Vec::new(); // (acute flow index, recovery flow)
    let mut recovery_dense: Vec<Dense> = Vec::new();
    for (r, rec) in net.recoveries.iter().enumerate() {
        let range = acute_of_entry[rec.parent].clone();
        let total: f64 = acute[range.clone()].iter().map(|f| f.patients).sum();
        if total <= 0.0 {
            continue;
        }
        let first = lay.recovery_first[r];
        let v = val(lay.recovery_unplaced[r]);
        let origin = net.entries[rec.parent].origin;
        for (q, &(k, m)) in rec.sites.iter().enumerate() {
            let x = val(first + q);
            if x <= 0.0 {
                continue;
            }
            recovery_dense.push(Dense {
                origin,
                class: rec.class,
                site: k,
                patients: x,
                minutes: m,
            });
            for a in range.clone() {
                let part = x * acute[a].patients / total;
                if part > 0.0 {
                    recovery.push((
                        a,
                        Dense {
                            origin,
                            class: rec.class,
                            site: k,
                            patients: part,
                            minutes: m,
                        },
                    ));
                }
            }
        }
        for a in range {
            unplaced_of_acute[a] = v * acute[a].patients / total;
        }
    }

    // Costs.
    let cost_of = |d: &Dense| {
        d.patients * (tc * d.minutes + net.class(d.class).cost_at(s.institutions[d.site].tier))
    };
    let mut travel_cost = 0.0;
    let mut treatment_cost = 0.0;
    for d in acute.iter().chain(recovery_dense.iter()) {
        travel_cost += d.patients * tc * d.minutes;
        treatment_cost += d.patients * net.class(d.class).cost_at(s.institutions[d.site].tier);
    }
    let mut unmet_penalty = 0.0;
    for (e, entry) in net.entries.iter().enumerate() {
        unmet_penalty += net.class(entry.class).unmet_penalty * demand[e].unmet;
    }
    for (a, f) in acute.iter().enumerate() {
        if let Some(r) = &net.class(f.class).recovery {
            let rc = care.class(&r.class).expect("validated");
            unmet_penalty += rc.unmet_penalty * unplaced_of_acute[a];
        }
    }

    // Loads per (institution, class).
    let mut load = vec![0.0; net.capacity.len()];
    for d in acute.iter().chain(recovery_dense.iter()) {
        load[net.at(d.site, d.class)] += d.patients;
    }
    let mut by_visits = vec![0.0; net.capacity.len()];
    let mut by_links: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for (idx, &l) in load.iter().enumerate() {
        if net.native[idx] || l <= 0.0 {
            continue;
        }
        let mut left = l;
        if let Some(&col) = lay.visit_columns.get(&idx) {
            let e = val(col).min(left);
            by_visits[idx] = e;
            left -= e;
        }
        let cls = idx % net.classes;
        for &link in &net.links[idx] {
            if let Some(&col) = lay.link_columns.get(&(link, cls)) {
                let t = val(col).min(left);
                if t > 0.0 {
                    by_links.insert((link, cls), t);
                    left -= t;
                }
            }
        }
        // Rounding in the solver leaves at most a tolerance uncovered: give it to the
        // visits or the first link, which have room for it within the same tolerance.
        if left > 0.0 {
            if lay.visit_columns.contains_key(&idx) {
                by_visits[idx] += left;
            } else if let Some(&link) = net.links[idx].first() {
                *by_links.entry((link, cls)).or_default() += left;
            }
        }
    }
    let mut loads = Vec::new();
    for (site, by_class) in &care.capacity {
        let j = c.index_of(site).expect("validated");
        for class in by_class.keys() {
            let cls = net.class_index[class.as_str()];
            let idx = net.at(j, cls);
            let cap = net.capacity[idx];
            let row = lay.capacity_rows.get(&idx).copied();
            let marginal = match row {
                Some(r) => improvement(duals, r),
                None => duals.map(|_| 0.0),
            };
            let los = net.class(cls).length_of_stay.unwrap_or(1.0);
            let by_tele: f64 = net.links[idx]
                .iter()
                .filter_map(|&l| by_links.get(&(l, cls)))
                .sum();
            loads.push(CareLoad {
                institution: id(j),
                tier: s.institutions[j].tier.to_string(),
                class: net.class(cls).id.clone(),
                capacity: cap,
                load: load[idx],
                utilisation: if cap > 0.0 { load[idx] / cap } else { 0.0 },
                native: net.native[idx],
                by_visits: by_visits[idx],
                by_telemedicine: by_tele,
                marginal_value: marginal,
                marginal_value_per_bed: net.beds[idx]
                    .and(marginal)
                    .map(|m| m * s.period_days / los),
            });
        }
    }

    // Visits and telemedicine that enable classes at lower tiers.
    let mut visiting = Vec::new();
    for ((j, sp), &row) in &lay.visit_rows {
        let patients: f64 = (0..net.classes)
            .filter(|&k| net.class(k).enabling_specialty.as_deref() == Some(sp.as_str()))
            .map(|k| by_visits[net.at(*j, k)])
            .sum();
        visiting.push(VisitSupport {
            host: id(*j),
            specialty: sp.clone(),
            visits: b.visits.value(*j, sp, &sol.values),
            patients,
            marginal_value: improvement(duals, row),
        });
    }
    let telemedicine: Vec<TelemedicineUse> = care
        .telemedicine
        .iter()
        .enumerate()
        .map(|(l, link)| {
            let mut consultations = BTreeMap::new();
            let mut used = 0.0;
            for (&(ll, cls), &t) in by_links.range((l, 0)..(l + 1, 0)) {
                debug_assert_eq!(ll, l);
                consultations.insert(net.class(cls).id.clone(), t);
                used += t * link.minutes_per_consultation;
            }
            TelemedicineUse {
                hub: link.hub.clone(),
                spoke: link.spoke.clone(),
                minutes: link.minutes,
                minutes_used: used,
                consultations,
                marginal_value: match lay.link_rows.get(&l) {
                    Some(&row) => improvement(duals, row),
                    None => duals.map(|_| 0.0),
                },
            }
        })
        .collect();

    // Shared hub minutes: every link of a hub together.
    let hub_minutes: Vec<HubMinutesUse> = care
        .hub_minutes
        .iter()
        .map(|(hub, &minutes)| HubMinutesUse {
            hub: hub.clone(),
            minutes,
            minutes_used: telemedicine
                .iter()
                .filter(|t| &t.hub == hub)
                .map(|t| t.minutes_used)
                .sum(),
            marginal_value: match lay.hub_rows.get(hub) {
                Some(&row) => improvement(duals, row),
                None => duals.map(|_| 0.0),
            },
        })
        .collect();
    let hub_left: BTreeMap<&str, f64> = hub_minutes
        .iter()
        .map(|h| (h.hub.as_str(), h.minutes - h.minutes_used))
        .collect();

    let room = explain::Room {
        visits_left: visiting
            .iter()
            .zip(lay.visit_rows.keys())
            .map(|(v, key)| (key.clone(), v.visits - v.patients))
            .collect(),
        minutes_left: telemedicine
            .iter()
            .map(|t: &TelemedicineUse| {
                let own = t.minutes - t.minutes_used;
                hub_left.get(t.hub.as_str()).map_or(own, |&h| own.min(h))
            })
            .collect(),
        load,
    };
    let load = &room.load;

    // Referrals up (grassroots origin, higher-tier site) and down (recovery at a lower
    // tier than the acute site).
    let level = |j: usize| care_level(s.institutions[j].tier);
    let mut up: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for f in &acute {
        if is_grassroots(s.institutions[f.origin].tier) && level(f.site) > level(f.origin) {
            *up.entry((f.origin, f.site)).or_default() += f.patients;
        }
    }
    let mut down: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for (a, r) in &recovery {
        let from = acute[*a].site;
        if level(r.site) < level(from) {
            *down.entry((from, r.site)).or_default() += r.patients;
        }
    }
    let od = |m: BTreeMap<(usize, usize), f64>| -> Vec<Referral> {
        m.into_iter()
            .map(|((from, to), patients)| Referral {
                from: id(from),
                to: id(to),
                patients,
            })
            .collect()
    };
    let referred_up: f64 = up.values().sum();
    let referred_down: f64 = down.values().sum();

    // Shares over all classes.
    let all = |_: usize| true;
    let episodes = net.episodes(&all);
    let treated: f64 = acute
        .iter()
        .chain(&recovery_dense)
        .map(|d| d.patients)
        .sum();
    let grassroots_treated: f64 = acute
        .iter()
        .chain(&recovery_dense)
        .filter(|d| is_grassroots(s.institutions[d.site].tier))
        .map(|d| d.patients)
        .sum();
    let county_treated: f64 = acute
        .iter()
        .chain(&recovery_dense)
        .filter(|d| net.county[d.origin] == net.county[d.site])
        .map(|d| d.patients)
        .sum();
    let share = |x: f64| if episodes > 0.0 { x / episodes } else { 0.0 };
    let busiest = loads
        .iter()
        .filter(|l| {
            l.capacity > 0.0
                && care_level(s.institutions[c.index_of(&l.institution).expect("known")].tier) >= 3
        })
        .max_by(|a, b| {
            a.utilisation
                .total_cmp(&b.utilisation)
                .then(b.institution.cmp(&a.institution))
        })
        .map(|l| (l.institution.clone(), l.class.clone(), l.utilisation));

    // Targets.
    let t = &care.targets;
    let mut targets = Vec::new();
    let mut target_penalty = 0.0;
    let all_flows: Vec<Dense> = acute.iter().chain(&recovery_dense).copied().collect();
    for (name, target, row, in_target) in [
        (
            "min_grassroots_share",
            t.min_grassroots_share.as_ref(),
            lay.grassroots.as_ref(),
            &(|d: &Dense| is_grassroots(s.institutions[d.site].tier)) as &dyn Fn(&Dense) -> bool,
        ),
        (
            "min_within_county_share",
            t.min_within_county_share.as_ref(),
            lay.county.as_ref(),
            &(|d: &Dense| net.county[d.origin] == net.county[d.site]) as &dyn Fn(&Dense) -> bool,
        ),
    ] {
        let Some(target) = target else { continue };
        let counted = |k: usize| counts(net, target, k);
        let n = net.episodes(&counted);
        let reached: f64 = all_flows
            .iter()
            .filter(|d| counted(d.class) && in_target(d))
            .map(|d| d.patients)
            .sum();
        let short = (target.share * n - reached).max(0.0);
        let short = if short < 1e-7 * n.max(1.0) {
            0.0
        } else {
            short
        };
        target_penalty += t.penalty * short;
        let binding = n > 0.0 && reached <= target.share * n + 1e-7 * n.max(1.0);
        targets.push(CareTargetLine {
            target: name.into(),
            required: target.share,
            achieved: if n > 0.0 { reached / n } else { 0.0 },
            episodes: n,
            shortfall_episodes: short,
            binding,
            marginal_cost_per_point: match row {
                Some(r) => duals.map(|d| {
                    let v = d[r.row] * r.episodes * 0.01;
                    if v.abs() < 1e-9 {
                        0.0
                    } else {
                        v
                    }
                }),
                None => duals.map(|_| 0.0),
            },
            limits: if short > 0.0 {
                explain::share_limits(c, b, &room, &all_flows, name, target)
            } else {
                Vec::new()
            },
        });
    }
    if let Some(umax) = t.max_hospital_utilisation {
        let mut excess = 0.0;
        let mut binding = false;
        let mut achieved: f64 = 0.0;
        for l in &loads {
            let j = c.index_of(&l.institution).expect("known");
            if care_level(s.institutions[j].tier) < 3 || l.capacity <= 0.0 {
                continue;
            }
            achieved = achieved.max(l.utilisation);
            let over = l.load - umax * l.capacity;
            if over > 1e-7 * l.capacity.max(1.0) {
                excess += over;
            }
            if over >= -1e-7 * l.capacity.max(1.0) {
                binding = true;
            }
        }
        target_penalty += t.penalty * excess;
        let marginal = duals.map(|d| {
            let v: f64 = lay
                .utilisation
                .iter()
                .map(|&(idx, row, _)| -d[row] * net.capacity[idx])
                .sum::<f64>()
                * 0.01;
            if v.abs() < 1e-9 {
                0.0
            } else {
                v
            }
        });
        targets.push(CareTargetLine {
            target: "max_hospital_utilisation".into(),
            required: umax,
            achieved,
            episodes: 0.0,
            shortfall_episodes: excess,
            binding,
            marginal_cost_per_point: marginal,
            limits: if excess > 0.0 {
                explain::utilisation_limits(c, b, &room, umax)
            } else {
                Vec::new()
            },
        });
    }
    explain::unmet_reasons(c, b, &room, &mut demand);
    let _ = load;

    let objective = travel_cost + treatment_cost + unmet_penalty + target_penalty;
    let flows = acute
        .iter()
        .enumerate()
        .map(|(a, f)| CareFlow {
            origin: id(f.origin),
            class: net.class(f.class).id.clone(),
            site: id(f.site),
            patients: f.patients,
            minutes: f.minutes,
            cost: cost_of(f),
            recovery_unplaced: unplaced_of_acute[a],
        })
        .collect();
    let recovery_flows = recovery
        .iter()
        .map(|(a, r)| RecoveryFlow {
            origin: id(r.origin),
            class: net.class(acute[*a].class).id.clone(),
            acute_site: id(acute[*a].site),
            recovery_class: net.class(r.class).id.clone(),
            site: id(r.site),
            patients: r.patients,
            minutes: r.minutes,
            cost: cost_of(r),
        })
        .collect();

    let mut notes: Vec<String> = c.warnings().iter().map(|w| w.to_string()).collect();
    notes.extend(sol.notes.iter().cloned());
    if sol.row_duals.is_none() {
        notes.push(format!(
            "marginal values and costs are not reported: {} gives no duals",
            settings.backend
        ));
    }
    let rotation_objective = weight * rotation_plan.objective;
    ReferralPlan {
        format: PLAN_FORMAT.into(),
        model: "referral".into(),
        scenario: s.name.clone(),
        mode: settings.mode,
        status: sol.status,
        backend: settings.backend.name().into(),
        objective,
        rotation_objective,
        total_objective: objective + rotation_objective,
        bound: sol.bound,
        gap: sol.gap,
        stages: Vec::new(),
        travel_cost,
        treatment_cost,
        unmet_penalty,
        target_penalty,
        episodes,
        treated,
        grassroots_share: share(grassroots_treated),
        within_county_share: share(county_treated),
        busiest_hospital: busiest,
        referred_up,
        referred_down,
        baseline: None,
        rotation: rotation_plan,
        flows,
        recovery: recovery_flows,
        demand,
        loads,
        visiting,
        telemedicine,
        hub_minutes,
        referrals_up: od(up),
        referrals_down: od(down),
        targets,
        stats: ModelStats {
            variables: b.lp.column_count(),
            constraints: b.lp.row_count(),
            nonzeros: b.lp.nonzero_count(),
            build_seconds: settings.build_seconds,
            load_seconds: sol.load_seconds,
            solve_seconds: sol.seconds,
        },
        notes,
    }
}
