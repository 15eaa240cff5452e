//! Checks a shared-scanner plan (M3) against its scenario.

use super::Violation;
use crate::network::Consortium;
use crate::plan::{ScannerObjective, ScannerPlan};
use std::collections::{BTreeMap, HashMap};

fn tol(x: f64) -> f64 {
    1e-6 * (1.0 + x.abs())
}

fn differs(a: f64, b: f64) -> bool {
    !(a.is_finite() && b.is_finite()) || (a - b).abs() > tol(a.abs().max(b.abs()))
}

/// Recomputes every rule of M3 from the scenario and the plan; returns what is broken.
///
/// Checked: units added only at candidate sites, within their maximum, and units in
/// place unchanged (or, with relocation, moved only to candidate sites with their
/// count per modality kept); flows non-negative, between known institutions, and
/// within the modality's travel limit (travel recomputed); exams at each site within
/// its capacity (units x throughput); served + unmet = demand at each institution;
/// budget and count of new units; cost, summary figures and the objective.
pub fn check_scanners(c: &Consortium, plan: &ScannerPlan) -> Vec<Violation> {
    let s = c.scenario();
    let Some(im) = &s.imaging else {
        return vec![Violation::new(
            "imaging",
            "scenario",
            "the scenario has no imaging section",
        )];
    };
    let mut v = super::violation::header(
        &plan.format,
        &plan.model,
        "scanners",
        &plan.scenario,
        &s.name,
    );

    // Units in place and candidates, from the scenario.
    let mut existing: BTreeMap<(String, String), (u32, f64)> = BTreeMap::new();
    for sc in &im.scanners {
        let ms = &im.modalities[&sc.modality];
        let e = existing
            .entry((sc.site.clone(), sc.modality.clone()))
            .or_default();
        e.0 += 1;
        e.1 += sc.exams_per_day.unwrap_or(ms.exams_per_day)
            * sc.working_days.unwrap_or(ms.working_days);
    }
    let candidates: HashMap<(&str, &str), (f64, u32)> = im
        .candidates
        .iter()
        .map(|c| {
            (
                (c.site.as_str(), c.modality.as_str()),
                (c.fixed_cost, c.max_units),
            )
        })
        .collect();

    let mut capacity: HashMap<(String, String), f64> = HashMap::new();
    let mut cost = 0.0;
    let mut added_total = 0u32;
    let mut kept_by_modality: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut listed: HashMap<(String, String), bool> = HashMap::new();
    for u in &plan.units {
        let key = (u.site.clone(), u.modality.clone());
        let subject = format!("{} {}", u.site, u.modality);
        listed.insert(key.clone(), true);
        let Some(ms) = im.modalities.get(&u.modality) else {
            v.push(Violation::new(
                "unknown_id",
                subject,
                "modality is not in the scenario",
            ));
            continue;
        };
        let (e_units, e_cap) = existing.get(&key).copied().unwrap_or((0, 0.0));
        if u.existing != e_units {
            v.push(Violation::new(
                "units",
                &subject,
                format!(
                    "reports {} units in place, the scenario has {e_units}",
                    u.existing
                ),
            ));
        }
        let cand = candidates.get(&(u.site.as_str(), u.modality.as_str()));
        if u.added > 0 {
            match cand {
                None => v.push(Violation::new(
                    "units",
                    &subject,
                    format!("adds {} units at a site that is not a candidate", u.added),
                )),
                Some(&(_, max)) if u.added > max && !im.allow_relocation => v.push(Violation::new(
                    "units",
                    &subject,
                    format!("adds {} units, more than the candidate's {max}", u.added),
                )),
                _ => {}
            }
        }
        let room = cand.map_or(0, |&(_, m)| m);
        if im.allow_relocation {
            if u.kept + u.added > e_units + room {
                v.push(Violation::new(
                    "units",
                    &subject,
                    format!(
                        "holds {} units, more than its {e_units} in place and room for {room} more",
                        u.kept + u.added
                    ),
                ));
            }
            let e = kept_by_modality.entry(u.modality.clone()).or_default();
            e.0 += u.kept;
            cost += im.relocation_cost * f64::from(u.kept.saturating_sub(e_units));
        } else if u.kept != e_units {
            v.push(Violation::new(
                "units",
                &subject,
                format!(
                    "keeps {} units but relocation is not allowed ({e_units} in place)",
                    u.kept
                ),
            ));
        }
        added_total += u.added;
        cost += cand.map_or(0.0, |&(c, _)| c) * f64::from(u.added);
        let cap = if im.allow_relocation {
            f64::from(u.kept + u.added) * ms.unit_capacity()
        } else {
            e_cap + f64::from(u.added) * ms.unit_capacity()
        };
        if differs(u.capacity, cap) {
            v.push(Violation::new(
                "units",
                &subject,
                format!("reports capacity {}, recomputed {cap}", u.capacity),
            ));
        }
        capacity.insert(key, cap);
    }
    for ((site, m), (units, cap)) in &existing {
        if !listed.contains_key(&(site.clone(), m.clone())) {
            capacity.insert(
                (site.clone(), m.clone()),
                if im.allow_relocation { 0.0 } else { *cap },
            );
            if im.allow_relocation {
                kept_by_modality.entry(m.clone()).or_default();
            } else {
                v.push(Violation::new(
                    "report",
                    format!("{site} {m}"),
                    format!("the {units} unit(s) in place are missing from the plan"),
                ));
            }
        }
    }
    if im.allow_relocation {
        for (site_m, (units, _)) in &existing {
            kept_by_modality.entry(site_m.1.clone()).or_default().1 += units;
        }
        for (m, (kept, was)) in &kept_by_modality {
            if kept != was {
                v.push(Violation::new(
                    "relocation",
                    m,
                    format!("{kept} units in place after relocation, {was} before"),
                ));
            }
        }
    }
    if let Some(b) = im.budget {
        if cost > b + tol(b) {
            v.push(Violation::new(
                "budget",
                "plan",
                format!("costs {cost}, more than the budget of {b}"),
            ));
        }
    }
    if let Some(max) = im.max_new_units {
        if added_total > max {
            v.push(Violation::new(
                "max_new_units",
                "plan",
                format!("adds {added_total} units, more than the limit of {max}"),
            ));
        }
    }
    if differs(plan.total_cost, cost) {
        v.push(Violation::new(
            "report",
            "total_cost",
            format!("reports {}, recomputed {cost}", plan.total_cost),
        ));
    }

    // Flows: travel recomputed from each site up to the modality limit.
    let mut cutoffs: HashMap<usize, f64> = HashMap::new();
    for f in &plan.flows {
        if let (Some(j), Some(ms)) = (c.index_of(&f.site), im.modalities.get(&f.modality)) {
            let e = cutoffs.entry(j).or_insert(ms.max_travel_minutes);
            *e = e.max(ms.max_travel_minutes);
        }
    }
    let sources: Vec<(usize, f64)> = cutoffs.into_iter().collect();
    let travel = c.travel_from(&sources);
    let mut at_site: HashMap<(String, String), f64> = HashMap::new();
    let mut served: HashMap<(String, String), f64> = HashMap::new();
    let mut minutes_total = 0.0;
    for f in &plan.flows {
        let subject = format!("{} -> {} {}", f.institution, f.site, f.modality);
        let (Some(i), Some(j), Some(ms)) = (
            c.index_of(&f.institution),
            c.index_of(&f.site),
            im.modalities.get(&f.modality),
        ) else {
            v.push(Violation::new(
                "unknown_id",
                subject,
                "institution, site or modality is not in the scenario",
            ));
            continue;
        };
        if !f.exams.is_finite() || f.exams < 0.0 {
            v.push(Violation::new(
                "flow",
                &subject,
                format!("{} exams is not a non-negative number", f.exams),
            ));
            continue;
        }
        match travel.minutes(j, i) {
            Some(m) if m <= ms.max_travel_minutes + 1e-9 => {
                if differs(f.minutes, m) {
                    v.push(Violation::new(
                        "travel",
                        &subject,
                        format!("reports {} minutes, recomputed {m}", f.minutes),
                    ));
                }
                minutes_total += m * f.exams;
            }
            _ => v.push(Violation::new(
                "travel",
                &subject,
                format!(
                    "the site is beyond the {} travel limit of {} minutes",
                    f.modality, ms.max_travel_minutes
                ),
            )),
        }
        *at_site
            .entry((f.site.clone(), f.modality.clone()))
            .or_default() += f.exams;
        *served
            .entry((f.institution.clone(), f.modality.clone()))
            .or_default() += f.exams;
    }
    for (key, &exams) in &at_site {
        let cap = capacity.get(key).copied().unwrap_or(0.0);
        if exams > cap + tol(cap) {
            v.push(Violation::new(
                "capacity",
                format!("{} {}", key.0, key.1),
                format!("performs {exams} exams, more than its capacity of {cap}"),
            ));
        }
    }

    let lines: HashMap<(&str, &str), &crate::plan::ExamLine> = plan
        .demand
        .iter()
        .map(|l| ((l.institution.as_str(), l.modality.as_str()), l))
        .collect();
    let mut unmet_total = 0.0;
    for inst in &s.institutions {
        for (m, &d) in &inst.exams {
            if d <= 0.0 {
                continue;
            }
            let got = served
                .get(&(inst.id.clone(), m.clone()))
                .copied()
                .unwrap_or(0.0);
            let subject = format!("{} {m}", inst.id);
            if got > d + tol(d) {
                v.push(Violation::new(
                    "demand",
                    &subject,
                    format!("receives {got} exams for a demand of {d}"),
                ));
            }
            let unmet = (d - got).max(0.0);
            unmet_total += unmet;
            if im.require_full_coverage && unmet > tol(d) {
                v.push(Violation::new(
                    "coverage",
                    &subject,
                    format!("{unmet} exams unmet but full coverage is required"),
                ));
            }
            match lines.get(&(inst.id.as_str(), m.as_str())) {
                None => v.push(Violation::new(
                    "report",
                    subject,
                    "demand has no line in the plan",
                )),
                Some(l) => {
                    if differs(l.served, got.min(d))
                        || differs(l.unmet, unmet)
                        || differs(l.demand, d)
                    {
                        v.push(Violation::new(
                            "demand",
                            subject,
                            format!(
                                "reports demand {} served {} unmet {}, recomputed {d} / {} / {unmet}",
                                l.demand,
                                l.served,
                                l.unmet,
                                got.min(d)
                            ),
                        ));
                    }
                }
            }
        }
    }
    let objective = match plan.objective_kind {
        ScannerObjective::Travel => {
            minutes_total + im.unmet_penalty * unmet_total + im.cost_weight * cost
        }
        ScannerObjective::Coverage => unmet_total,
    };
    if differs(plan.objective, objective) {
        v.push(Violation::new(
            "report",
            "objective",
            format!("reports {}, recomputed {objective}", plan.objective),
        ));
    }
    v
}
