//! Checks a rotation plan (M1) against its scenario.
//!
//! One function per row of M1 (see `yilian::RotationModel` and `design.md`, section 4),
//! named after it, then one per reported figure:
//!
//! | rule | function | violation |
//! |---|---|---|
//! | `x[s,j] >= 0` only for travel-feasible pairs (home, consortium, limit) | `assignments` | `days`, `integer_days`, `specialty`, `home`, `consortium`, `travel`, `cost` |
//! | pool days `sum_j x[s,j] <= headcount x days - home_min` | `pool_days` | `pool_days` |
//! | host rooms `sum_s x[s,j] <= rooms[j]` | `host_rooms` | `rooms` |
//! | demand `sum rate x + u >= d` | `demand` | `service`, `report` |
//! | policy minimum (elastic) | `policy_minimum` | `policy`, `report` |
//! | budget | `budget` | `budget` |
//! | pool, room and budget lines; smallest served share; totals; objective | `pool_lines`, `room_lines`, `budget_line`, `min_served_share`, `totals`, `objective` | `report` |
//! | shadow prices of pool, room and budget rows: >= 0, positive only on a tight row | `pool_lines`, `room_lines`, `budget_line` | `shadow_price` |

use super::tolerance::{differs, exceeds, shadow_price_fault};
use super::Violation;
use crate::network::Consortium;
use crate::plan::{RotationObjective, RotationPlan};
use std::collections::{BTreeSet, HashMap, HashSet};

/// What the assignments add up to.
#[derive(Default)]
struct Sums<'a> {
    pool_sent: Vec<f64>,
    host_days: Vec<f64>,
    supply: HashMap<(usize, &'a str), f64>,
    total_cost: f64,
}

/// Recomputes every rule of M1 from the scenario and the plan; returns what is broken
/// (empty when the plan is valid).
///
/// Checked: ids and specialties of assignments; days non-negative (whole when
/// `integer_days`); no pool visits its own home, another consortium, or a host beyond
/// its travel limit; pool days; host rooms; budget; and every figure the plan reports:
/// travel and cost of each assignment, service lines (demand, served, unmet,
/// reachable), policy lines (required, received, short), pool lines (available and
/// sent days), room lines (room-days and use), the budget line (limit and use), the
/// smallest served share, total cost, days and weighted unmet, and the objective.
pub fn check_rotation(c: &Consortium, plan: &RotationPlan) -> Vec<Violation> {
    let s = c.scenario();
    let mut v = super::violation::header(
        &plan.format,
        &plan.model,
        "rotation",
        &plan.scenario,
        &s.name,
    );
    let sums = assignments(c, plan, &mut v);
    let pairs = pairs(c);
    pool_days(c, &sums, &mut v);
    host_rooms(c, &sums, &mut v);
    let weighted_unmet = demand(c, plan, &sums, &pairs, &mut v);
    let shortfall = policy_minimum(c, plan, &sums, &mut v);
    budget(c, &sums, &mut v);
    pool_lines(c, plan, &sums, &mut v);
    room_lines(c, plan, &sums, &pairs, &mut v);
    budget_line(c, plan, &sums, &mut v);
    min_served_share(c, plan, &pairs, &mut v);
    totals(plan, &sums, weighted_unmet, &mut v);
    objective(c, plan, &sums, weighted_unmet, shortfall, &mut v);
    v
}

/// Variables `x[s,j] >= 0` exist only for travel-feasible pairs: known pool and host,
/// the pool's specialty, not its own home, the same consortium when both name one,
/// within the pool's travel limit (recomputed); whole days when asked; the travel and
/// cost each assignment reports.
fn assignments<'a>(c: &'a Consortium, plan: &RotationPlan, v: &mut Vec<Violation>) -> Sums<'a> {
    let s = c.scenario();
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
    let mut sums = Sums {
        pool_sent: vec![0.0; s.pools.len()],
        host_days: vec![0.0; s.institutions.len()],
        ..Sums::default()
    };
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
        sums.pool_sent[p] += a.days;
        sums.host_days[j] += a.days;
        sums.total_cost += cost;
        *sums.supply.entry((j, pool.specialty.as_str())).or_default() +=
            a.days * pool.visits_per_day;
    }
    sums
}

/// Pool days: `sum_j x[s,j] <= headcount x days_per_person - home_min_days`.
fn pool_days(c: &Consortium, sums: &Sums, v: &mut Vec<Violation>) {
    for (p, pool) in c.scenario().pools.iter().enumerate() {
        let cap = pool.outreach_days();
        if exceeds(sums.pool_sent[p], cap) {
            v.push(Violation::new(
                "pool_days",
                &pool.id,
                format!(
                    "sends {} days, more than its {cap} outreach days (headcount {} x {} days - {} at home)",
                    sums.pool_sent[p], pool.headcount, pool.days_per_person, pool.home_min_days
                ),
            ));
        }
    }
}

/// Host rooms: `sum_s x[s,j] <= room_days[j]`.
fn host_rooms(c: &Consortium, sums: &Sums, v: &mut Vec<Violation>) {
    for (j, inst) in c.scenario().institutions.iter().enumerate() {
        if exceeds(sums.host_days[j], inst.room_days) {
            v.push(Violation::new(
                "rooms",
                &inst.id,
                format!(
                    "receives {} specialist-days, more than its {} room-days",
                    sums.host_days[j], inst.room_days
                ),
            ));
        }
    }
}

/// Demand: served = min(demand, sum of rate x days of the specialty's pools); one
/// service line per (host, specialty) with demand, reporting demand, served, unmet and
/// whether any pool of the specialty can reach the host. Returns the weighted unmet.
fn demand(
    c: &Consortium,
    plan: &RotationPlan,
    sums: &Sums,
    pairs: &Pairs,
    v: &mut Vec<Violation>,
) -> f64 {
    let s = c.scenario();
    let mut lines: HashMap<(&str, &str), Vec<&crate::plan::ServiceLine>> = HashMap::new();
    for l in &plan.service {
        lines
            .entry((l.host.as_str(), l.specialty.as_str()))
            .or_default()
            .push(l);
    }
    let mut expected = 0;
    let mut weighted_unmet = 0.0;
    for (j, inst) in s.institutions.iter().enumerate() {
        for (k, &d) in &inst.demand {
            if d <= 0.0 {
                continue;
            }
            expected += 1;
            let served = sums
                .supply
                .get(&(j, k.as_str()))
                .copied()
                .unwrap_or(0.0)
                .min(d);
            let unmet = d - served;
            weighted_unmet += s.policy.unmet_weight(k) * unmet;
            let reachable = pairs.reachable.contains(&(j, k.as_str()));
            let subject = format!("{} {k}", inst.id);
            match lines
                .get(&(inst.id.as_str(), k.as_str()))
                .map(Vec::as_slice)
            {
                None | Some([]) => v.push(Violation::new(
                    "report",
                    subject,
                    "demand has no service line in the plan",
                )),
                Some([l]) => {
                    if differs(l.demand, d) || differs(l.served, served) || differs(l.unmet, unmet)
                    {
                        v.push(Violation::new(
                            "service",
                            &subject,
                            format!(
                                "reports demand {} served {} unmet {}, recomputed {d} / {served} / {unmet}",
                                l.demand, l.served, l.unmet
                            ),
                        ));
                    }
                    if l.tier != inst.tier.as_str() {
                        v.push(Violation::new(
                            "report",
                            &subject,
                            format!("reports tier {}, the scenario says {}", l.tier, inst.tier),
                        ));
                    }
                    if l.reachable != reachable {
                        v.push(Violation::new(
                            "report",
                            &subject,
                            format!("reports reachable {}, recomputed {reachable}", l.reachable),
                        ));
                    }
                }
                Some(many) => v.push(Violation::new(
                    "report",
                    subject,
                    format!("demand has {} service lines in the plan", many.len()),
                )),
            }
        }
    }
    if plan.service.len() != expected {
        v.push(Violation::new(
            "report",
            "plan.service",
            format!(
                "{} service lines, the scenario has {expected} demands",
                plan.service.len()
            ),
        ));
    }
    weighted_unmet
}

/// M1's pairs recomputed: pool `p` may be given days at host `j` when the pool has
/// outreach days, may visit the host (home, consortium, travel limit), and the host has
/// rooms and wants the pool's specialty or has a policy minimum.
struct Pairs<'a> {
    /// Hosts with at least one pair.
    hosts: BTreeSet<usize>,
    /// (host, specialty) some pool of the specialty has a pair with.
    reachable: HashSet<(usize, &'a str)>,
}

fn pairs(c: &Consortium) -> Pairs<'_> {
    let s = c.scenario();
    let mut out = Pairs {
        hosts: BTreeSet::new(),
        reachable: HashSet::new(),
    };
    for (p, pool) in s.pools.iter().enumerate() {
        if pool.outreach_days() <= 0.0 {
            continue;
        }
        for (j, _) in c.pool_hosts(p) {
            let host = &s.institutions[j];
            let wanted = host.demand.get(&pool.specialty).is_some_and(|&d| d > 0.0)
                || s.policy.min_days(host.tier) > 0.0;
            if host.room_days > 0.0 && wanted {
                out.hosts.insert(j);
                out.reachable.insert((j, pool.specialty.as_str()));
            }
        }
    }
    out
}

/// Policy minimum (elastic): each host of a tier with a minimum receives it or is
/// reported short by the difference. Returns the days short in all.
fn policy_minimum(c: &Consortium, plan: &RotationPlan, sums: &Sums, v: &mut Vec<Violation>) -> f64 {
    let s = c.scenario();
    let lines: HashMap<&str, &crate::plan::PolicyLine> =
        plan.policy.iter().map(|l| (l.host.as_str(), l)).collect();
    let mut expected = 0;
    let mut total_shortfall = 0.0;
    for (j, inst) in s.institutions.iter().enumerate() {
        let min = s.policy.min_days(inst.tier);
        if min <= 0.0 {
            continue;
        }
        expected += 1;
        let shortfall = (min - sums.host_days[j]).max(0.0);
        total_shortfall += shortfall;
        match lines.get(inst.id.as_str()) {
            None => v.push(Violation::new(
                "report",
                &inst.id,
                "policy minimum has no line in the plan",
            )),
            Some(l) => {
                if l.tier != inst.tier.as_str() {
                    v.push(Violation::new(
                        "report",
                        &inst.id,
                        format!(
                            "policy line reports tier {}, the scenario says {}",
                            l.tier, inst.tier
                        ),
                    ));
                }
                if differs(l.required_days, min)
                    || differs(l.received_days, sums.host_days[j])
                    || differs(l.shortfall, shortfall)
                {
                    v.push(Violation::new(
                        "policy",
                        &inst.id,
                        format!(
                            "reports {} days received and {} short of {}, recomputed {} and {shortfall} short of {min}",
                            l.received_days, l.shortfall, l.required_days, sums.host_days[j]
                        ),
                    ));
                }
            }
        }
    }
    if plan.policy.len() != expected {
        v.push(Violation::new(
            "report",
            "plan.policy",
            format!(
                "{} policy lines, the scenario's minimums give {expected}",
                plan.policy.len()
            ),
        ));
    }
    total_shortfall
}

/// Budget: the cost of all days at most `policy.budget`.
fn budget(c: &Consortium, sums: &Sums, v: &mut Vec<Violation>) {
    if let Some(b) = c.scenario().policy.budget {
        if exceeds(sums.total_cost, b) {
            v.push(Violation::new(
                "budget",
                "plan",
                format!("costs {}, more than the budget of {b}", sums.total_cost),
            ));
        }
    }
}

/// One line per pool: its outreach days available and the days it sends.
fn pool_lines(c: &Consortium, plan: &RotationPlan, sums: &Sums, v: &mut Vec<Violation>) {
    let s = c.scenario();
    let listed: Vec<&str> = plan.pools.iter().map(|l| l.pool.as_str()).collect();
    let known: Vec<&str> = s.pools.iter().map(|p| p.id.as_str()).collect();
    if listed != known {
        v.push(Violation::new(
            "report",
            "plan.pools",
            format!(
                "lists {} pool lines, the scenario has {} pools (one line each, in order)",
                listed.len(),
                known.len()
            ),
        ));
    }
    for (line, (p, pool)) in plan.pools.iter().zip(s.pools.iter().enumerate()) {
        if line.pool != pool.id {
            continue;
        }
        if differs(line.sent_days, sums.pool_sent[p])
            || differs(line.available_days, pool.outreach_days())
            || line.specialty != pool.specialty
        {
            v.push(Violation::new(
                "report",
                &line.pool,
                format!(
                    "pool reports {} {} days sent of {} available, recomputed {} {} of {}",
                    line.specialty,
                    line.sent_days,
                    line.available_days,
                    pool.specialty,
                    sums.pool_sent[p],
                    pool.outreach_days()
                ),
            ));
        }
        if let Some(fault) = line
            .marginal_value
            .and_then(|m| shadow_price_fault(m, sums.pool_sent[p], pool.outreach_days()))
        {
            v.push(Violation::new(
                "shadow_price",
                &line.pool,
                format!("value of one more outreach day {fault}"),
            ));
        }
    }
}

/// One line per host some pool may be given days at: its room-days and the days it receives.
fn room_lines(
    c: &Consortium,
    plan: &RotationPlan,
    sums: &Sums,
    pairs: &Pairs,
    v: &mut Vec<Violation>,
) {
    let s = c.scenario();
    let visitable = &pairs.hosts;
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    for line in &plan.rooms {
        let Some(j) = c.index_of(&line.host) else {
            v.push(Violation::new(
                "unknown_id",
                &line.host,
                "room line for a host not in the scenario",
            ));
            continue;
        };
        if !seen.insert(j) {
            v.push(Violation::new("report", &line.host, "two room lines"));
        }
        let inst = &s.institutions[j];
        if differs(line.room_days, inst.room_days) || differs(line.used, sums.host_days[j]) {
            v.push(Violation::new(
                "report",
                &line.host,
                format!(
                    "room line reports {} used of {} room-days, recomputed {} of {}",
                    line.used, line.room_days, sums.host_days[j], inst.room_days
                ),
            ));
        }
        if let Some(fault) = line
            .marginal_value
            .and_then(|m| shadow_price_fault(m, sums.host_days[j], inst.room_days))
        {
            v.push(Violation::new(
                "shadow_price",
                &line.host,
                format!("value of one more room-day {fault}"),
            ));
        }
    }
    for &j in visitable.difference(&seen) {
        v.push(Violation::new(
            "report",
            &s.institutions[j].id,
            "a host pools may visit has no room line",
        ));
    }
}

/// The budget line: present exactly when the scenario has a budget, with its limit and
/// the plan's cost.
fn budget_line(c: &Consortium, plan: &RotationPlan, sums: &Sums, v: &mut Vec<Violation>) {
    match (c.scenario().policy.budget, &plan.budget) {
        (None, None) => {}
        (Some(b), Some(line)) => {
            if let Some(fault) = line
                .marginal_value
                .and_then(|m| shadow_price_fault(m, sums.total_cost, b))
            {
                v.push(Violation::new(
                    "shadow_price",
                    "budget",
                    format!("value of one more unit of budget {fault}"),
                ));
            }
            if differs(line.limit, b) || differs(line.used, sums.total_cost) {
                v.push(Violation::new(
                    "report",
                    "budget",
                    format!(
                        "reports {} used of {}, recomputed {} of {b}",
                        line.used, line.limit, sums.total_cost
                    ),
                ));
            }
        }
        (Some(b), None) => v.push(Violation::new(
            "report",
            "budget",
            format!("the scenario's budget of {b} has no line in the plan"),
        )),
        (None, Some(line)) => v.push(Violation::new(
            "report",
            "budget",
            format!("reports a budget of {}, the scenario has none", line.limit),
        )),
    }
}

/// The smallest served share of any reachable demand (served / demand), recomputed from
/// the service lines (themselves checked against the assignments by `demand`).
fn min_served_share(c: &Consortium, plan: &RotationPlan, pairs: &Pairs, v: &mut Vec<Violation>) {
    let s = c.scenario();
    let mut served: HashMap<(&str, &str), f64> = HashMap::new();
    for l in &plan.service {
        *served
            .entry((l.host.as_str(), l.specialty.as_str()))
            .or_default() += l.served;
    }
    let mut share: Option<f64> = None;
    for (j, inst) in s.institutions.iter().enumerate() {
        for (k, &d) in &inst.demand {
            if d <= 0.0 || !pairs.reachable.contains(&(j, k.as_str())) {
                continue;
            }
            let served = served
                .get(&(inst.id.as_str(), k.as_str()))
                .copied()
                .unwrap_or(0.0);
            let x = served / d;
            share = Some(share.map_or(x, |m: f64| m.min(x)));
        }
    }
    let agrees = match (plan.min_served_share, share) {
        (None, None) => true,
        (Some(a), Some(b)) => !differs(a, b),
        _ => false,
    };
    if !agrees {
        v.push(Violation::new(
            "report",
            "min_served_share",
            format!("reports {:?}, recomputed {share:?}", plan.min_served_share),
        ));
    }
}

/// Total cost, total days and weighted unmet.
fn totals(plan: &RotationPlan, sums: &Sums, weighted_unmet: f64, v: &mut Vec<Violation>) {
    for (name, reported, recomputed) in [
        ("total_cost", plan.total_cost, sums.total_cost),
        ("total_days", plan.total_days, sums.pool_sent.iter().sum()),
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
}

/// The objective: weighted = weighted unmet + shortfall penalty x days short + cost
/// weight x cost; equity (second stage) = shortfall penalty x days short + cost weight
/// x cost.
fn objective(
    c: &Consortium,
    plan: &RotationPlan,
    sums: &Sums,
    weighted_unmet: f64,
    shortfall: f64,
    v: &mut Vec<Violation>,
) {
    let p = &c.scenario().policy;
    let rest = p.shortfall_penalty * shortfall + p.cost_weight * sums.total_cost;
    let objective = match plan.objective_kind {
        RotationObjective::Weighted => weighted_unmet + rest,
        RotationObjective::Equity => rest,
    };
    if differs(plan.objective, objective) {
        v.push(Violation::new(
            "report",
            "objective",
            format!("reports {}, recomputed {objective}", plan.objective),
        ));
    }
}
