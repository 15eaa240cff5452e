//! Checks a rotation plan (M1) against its scenario.

use super::Violation;
use crate::network::Consortium;
use crate::plan::{RotationObjective, RotationPlan};
use std::collections::HashMap;

fn tol(x: f64) -> f64 {
    1e-6 * (1.0 + x.abs())
}

fn differs(a: f64, b: f64) -> bool {
    !(a.is_finite() && b.is_finite()) || (a - b).abs() > tol(a.max(b))
}

/// Recomputes every rule of M1 from the scenario and the plan; returns what is broken
/// (empty when the plan is valid).
///
/// Checked: ids and specialties of assignments; days non-negative (whole when
/// `integer_days`); no pool visits its own home, another consortium, or a host beyond
/// its travel limit; pool days; host rooms; budget; and that every reported figure
/// (travel, cost, served, unmet, shortfall, totals, objective) matches a recomputation.
pub fn check_rotation(c: &Consortium, plan: &RotationPlan) -> Vec<Violation> {
    let s = c.scenario();
    let mut v = super::violation::header(
        &plan.format,
        &plan.model,
        "rotation",
        &plan.scenario,
        &s.name,
    );

    let pool_index: HashMap<&str, usize> = s
        .pools
        .iter()
        .enumerate()
        .map(|(p, pool)| (pool.id.as_str(), p))
        .collect();
    // Travel recomputed from the network, from each home up to its pools' limits.
    let mut limits: Vec<(usize, f64)> = Vec::new();
    for pool in &s.pools {
        let h = c.index_of(&pool.home).expect("validated home");
        match limits.iter_mut().find(|(home, _)| *home == h) {
            Some(e) => e.1 = e.1.max(pool.max_travel_minutes),
            None => limits.push((h, pool.max_travel_minutes)),
        }
    }
    let travel = c.travel_from(&limits);

    let mut pool_sent = vec![0.0; s.pools.len()];
    let mut host_days = vec![0.0; s.institutions.len()];
    let mut supply: HashMap<(usize, &str), f64> = HashMap::new();
    let mut total_cost = 0.0;
    let mut total_days = 0.0;
    for a in &plan.assignments {
        let subject = format!("{} -> {}", a.pool, a.host);
        let (Some(&p), Some(j)) = (pool_index.get(a.pool.as_str()), c.index_of(&a.host)) else {
            v.push(Violation::new(
                "unknown_id",
                subject,
                "pool or host is not in the scenario",
            ));
            continue;
        };
        let pool = &s.pools[p];
        let host = &s.institutions[j];
        if !a.days.is_finite() || a.days < 0.0 {
            v.push(Violation::new(
                "days",
                &subject,
                format!("{} days is not a non-negative number", a.days),
            ));
            continue;
        }
        if plan.integer_days && (a.days - a.days.round()).abs() > 1e-6 {
            v.push(Violation::new(
                "integer_days",
                &subject,
                format!("{} days is not a whole number", a.days),
            ));
        }
        if a.specialty != pool.specialty {
            v.push(Violation::new(
                "specialty",
                &subject,
                format!(
                    "assignment says {}, pool offers {}",
                    a.specialty, pool.specialty
                ),
            ));
        }
        let home = c.index_of(&pool.home).expect("validated home");
        if home == j {
            v.push(Violation::new(
                "home",
                &subject,
                "a pool cannot visit its own home",
            ));
        }
        if let (Some(a_c), Some(b_c)) = (&s.institutions[home].consortium, &host.consortium) {
            if a_c != b_c {
                v.push(Violation::new(
                    "consortium",
                    &subject,
                    format!("home is in consortium {a_c}, host in {b_c}"),
                ));
            }
        }
        let minutes = match travel.minutes(home, j) {
            Some(m) if m <= pool.max_travel_minutes + 1e-9 => m,
            _ => {
                v.push(Violation::new(
                    "travel",
                    &subject,
                    format!(
                        "host is beyond the pool's travel limit of {} minutes",
                        pool.max_travel_minutes
                    ),
                ));
                continue;
            }
        };
        if differs(a.travel_minutes, minutes) {
            v.push(Violation::new(
                "travel",
                &subject,
                format!("reports {} minutes, recomputed {minutes}", a.travel_minutes),
            ));
        }
        let cost = a.days * pool.day_cost(minutes);
        if differs(a.cost, cost) {
            v.push(Violation::new(
                "cost",
                &subject,
                format!("reports cost {}, recomputed {cost}", a.cost),
            ));
        }
        pool_sent[p] += a.days;
        host_days[j] += a.days;
        total_cost += cost;
        total_days += a.days;
        *supply.entry((j, pool.specialty.as_str())).or_default() += a.days * pool.visits_per_day;
    }

    for (p, pool) in s.pools.iter().enumerate() {
        let cap = pool.outreach_days();
        if pool_sent[p] > cap + tol(cap) {
            v.push(Violation::new(
                "pool_days",
                &pool.id,
                format!(
                    "sends {} days, more than its {cap} outreach days (headcount {} x {} days - {} at home)",
                    pool_sent[p], pool.headcount, pool.days_per_person, pool.home_min_days
                ),
            ));
        }
    }
    for line in &plan.pools {
        if let Some(&p) = pool_index.get(line.pool.as_str()) {
            if differs(line.sent_days, pool_sent[p]) {
                v.push(Violation::new(
                    "report",
                    &line.pool,
                    format!(
                        "pool reports {} days sent, assignments add up to {}",
                        line.sent_days, pool_sent[p]
                    ),
                ));
            }
        }
    }
    for (j, inst) in s.institutions.iter().enumerate() {
        if host_days[j] > inst.room_days + tol(inst.room_days) {
            v.push(Violation::new(
                "rooms",
                &inst.id,
                format!(
                    "receives {} specialist-days, more than its {} room-days",
                    host_days[j], inst.room_days
                ),
            ));
        }
    }
    if let Some(b) = s.policy.budget {
        if total_cost > b + tol(b) {
            v.push(Violation::new(
                "budget",
                "plan",
                format!("costs {total_cost}, more than the budget of {b}"),
            ));
        }
    }

    // Service per (host, specialty).
    let mut lines: HashMap<(&str, &str), &crate::plan::ServiceLine> = HashMap::new();
    for l in &plan.service {
        lines.insert((l.host.as_str(), l.specialty.as_str()), l);
    }
    let mut weighted_unmet = 0.0;
    for (j, inst) in s.institutions.iter().enumerate() {
        for (k, &d) in &inst.demand {
            if d <= 0.0 {
                continue;
            }
            let served = supply.get(&(j, k.as_str())).copied().unwrap_or(0.0).min(d);
            let unmet = d - served;
            weighted_unmet += s.policy.unmet_weight(k) * unmet;
            let subject = format!("{} {k}", inst.id);
            match lines.get(&(inst.id.as_str(), k.as_str())) {
                None => v.push(Violation::new(
                    "report",
                    subject,
                    "demand has no service line in the plan",
                )),
                Some(l) => {
                    if differs(l.demand, d) || differs(l.served, served) || differs(l.unmet, unmet)
                    {
                        v.push(Violation::new(
                            "service",
                            subject,
                            format!(
                                "reports demand {} served {} unmet {}, recomputed {d} / {served} / {unmet}",
                                l.demand, l.served, l.unmet
                            ),
                        ));
                    }
                }
            }
        }
    }

    // Policy minimums.
    let mut total_shortfall = 0.0;
    let policy_lines: HashMap<&str, &crate::plan::PolicyLine> =
        plan.policy.iter().map(|l| (l.host.as_str(), l)).collect();
    for (j, inst) in s.institutions.iter().enumerate() {
        let min = s.policy.min_days(inst.tier);
        if min <= 0.0 {
            continue;
        }
        let shortfall = (min - host_days[j]).max(0.0);
        total_shortfall += shortfall;
        match policy_lines.get(inst.id.as_str()) {
            None => v.push(Violation::new(
                "report",
                &inst.id,
                "policy minimum has no line in the plan",
            )),
            Some(l) => {
                if differs(l.received_days, host_days[j]) || differs(l.shortfall, shortfall) {
                    v.push(Violation::new(
                        "policy",
                        &inst.id,
                        format!(
                            "reports {} days received and {} short of {min}, recomputed {} and {shortfall}",
                            l.received_days, l.shortfall, host_days[j]
                        ),
                    ));
                }
            }
        }
    }

    for (name, reported, recomputed) in [
        ("total_cost", plan.total_cost, total_cost),
        ("total_days", plan.total_days, total_days),
        ("weighted_unmet", plan.weighted_unmet, weighted_unmet),
    ] {
        if differs(reported, recomputed) {
            v.push(Violation::new(
                "report",
                name,
                format!("reports {reported}, recomputed {recomputed}"),
            ));
        }
    }
    let p = &s.policy;
    let objective = match plan.objective_kind {
        RotationObjective::Weighted => {
            weighted_unmet + p.shortfall_penalty * total_shortfall + p.cost_weight * total_cost
        }
        RotationObjective::Equity => {
            p.shortfall_penalty * total_shortfall + p.cost_weight * total_cost
        }
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
