//! Checks a roster (M2) against its scenario.

use super::Violation;
use crate::network::Consortium;
use crate::plan::{RosterPlan, TargetSource};
use crate::scenario::{days_to_date, Roster};
use std::collections::{BTreeSet, HashMap, HashSet};

fn differs(a: f64, b: f64) -> bool {
    !(a.is_finite() && b.is_finite()) || (a - b).abs() > 1e-6 * (1.0 + a.abs().max(b.abs()))
}

/// Recomputes every rule of M2 from the scenario and the plan; returns what is broken
/// (empty when the plan is valid).
///
/// The rules are the scenario's roster section (with the plan's horizon, which
/// `yilian solve --days/--start` may change) or, when it has none, the settings
/// [`Roster::from_pools`] derives for the plan's horizon (as `yilian solve --model
/// roster --days N` does). For settings passed in code use [`check_roster_with`].
pub fn check_roster(c: &Consortium, plan: &RosterPlan) -> Vec<Violation> {
    let s = c.scenario();
    let expected = match &s.roster {
        Some(r) => Roster {
            horizon: plan.roster.horizon.clone(),
            ..r.clone()
        },
        None => Roster::from_pools(s, plan.roster.horizon.clone()),
    };
    check_roster_with(c, &expected, plan)
}

/// Like [`check_roster`] with explicit roster settings.
///
/// Checked: the plan's settings equal `roster`; every visit names a known specialist,
/// its pool, a planning day that is not a day off, and a host the pool may visit (home,
/// consortium, travel limit recomputed, rooms); one place a day; home cover each day;
/// rooms per day and over the horizon; pool outreach over the horizon; maximum hosts
/// per specialist; fairness spread within each pool; weekly visit rules (a host below
/// its rule must be declared with that shortfall and a reason); target delivery and
/// shortfall (target amounts too when they come from demand); specialist and pool
/// lines; total cost and objective.
pub fn check_roster_with(c: &Consortium, roster: &Roster, plan: &RosterPlan) -> Vec<Violation> {
    let s = c.scenario();
    let mut v =
        super::violation::header(&plan.format, &plan.model, "roster", &plan.scenario, &s.name);
    if &plan.roster != roster {
        v.push(Violation::new(
            "settings",
            "plan.roster",
            "the plan was made with roster settings other than the scenario's",
        ));
    }
    let r = roster;
    let days = r.horizon.planning_days();
    let nd = days.len();
    let plan_dates: Vec<&str> = plan.dates.iter().map(|d| d.as_str()).collect();
    let real_dates: Vec<&str> = days.iter().map(|d| d.date.as_str()).collect();
    if plan_dates != real_dates {
        v.push(Violation::new(
            "dates",
            "plan.dates",
            format!(
                "the plan lists {} planning days, the horizon has {}",
                plan_dates.len(),
                real_dates.len()
            ),
        ));
    }
    let day_index: HashMap<&str, usize> = real_dates
        .iter()
        .enumerate()
        .map(|(d, &x)| (x, d))
        .collect();
    let scale = nd as f64 / s.period_days;

    let specialists = r.specialists_or_expanded(s);
    let person: HashMap<&str, usize> = specialists
        .iter()
        .enumerate()
        .map(|(q, sp)| (sp.id.as_str(), q))
        .collect();
    let pool_index: HashMap<&str, usize> = s
        .pools
        .iter()
        .enumerate()
        .map(|(p, pool)| (pool.id.as_str(), p))
        .collect();
    let person_pool: Vec<usize> = specialists
        .iter()
        .map(|sp| {
            pool_index
                .get(sp.pool.as_str())
                .copied()
                .unwrap_or(usize::MAX)
        })
        .collect();
    let works = |q: usize, d: usize| -> bool {
        !specialists[q].days_off.iter().any(|o| o == real_dates[d])
    };

    // Travel recomputed from the network.
    let mut limits: Vec<(usize, f64)> = Vec::new();
    for pool in &s.pools {
        let h = c.index_of(&pool.home).expect("validated home");
        match limits.iter_mut().find(|(home, _)| *home == h) {
            Some(e) => e.1 = e.1.max(pool.max_travel_minutes),
            None => limits.push((h, pool.max_travel_minutes)),
        }
    }
    let travel = c.travel_from(&limits);

    let n = s.institutions.len();
    let mut at: HashMap<(usize, usize), Vec<usize>> = HashMap::new(); // (person, day) -> hosts
    let mut host_day = vec![vec![0u32; nd]; n];
    let mut pool_host: HashMap<(usize, usize), f64> = HashMap::new();
    let mut pool_sent = vec![0u32; s.pools.len()];
    let mut person_days = vec![0u32; specialists.len()];
    let mut person_hosts: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); specialists.len()];
    let mut total_cost = 0.0;
    for visit in &plan.visits {
        let subject = format!("{} on {} at {}", visit.specialist, visit.date, visit.host);
        let (Some(&q), Some(j)) = (
            person.get(visit.specialist.as_str()),
            c.index_of(&visit.host),
        ) else {
            v.push(Violation::new(
                "unknown_id",
                subject,
                "specialist or host is not in the scenario",
            ));
            continue;
        };
        let Some(&d) = day_index.get(visit.date.as_str()) else {
            v.push(Violation::new(
                "date",
                subject,
                format!("{} is not a planning day of the horizon", visit.date),
            ));
            continue;
        };
        let p = person_pool[q];
        let pool = &s.pools[p];
        if visit.pool != pool.id {
            v.push(Violation::new(
                "pool",
                &subject,
                format!(
                    "visit says pool {}, the specialist is in {}",
                    visit.pool, pool.id
                ),
            ));
        }
        if !works(q, d) {
            v.push(Violation::new(
                "day_off",
                &subject,
                format!("{} is a day off of {}", visit.date, visit.specialist),
            ));
        }
        let home = c.index_of(&pool.home).expect("validated home");
        let minutes = travel.minutes(home, j);
        if home == j {
            v.push(Violation::new(
                "home",
                &subject,
                "a specialist cannot visit their own home",
            ));
        } else if let (Some(a), Some(b)) = (
            &s.institutions[home].consortium,
            &s.institutions[j].consortium,
        ) {
            if a != b {
                v.push(Violation::new(
                    "consortium",
                    &subject,
                    format!("home is in consortium {a}, host in {b}"),
                ));
            }
        }
        match minutes {
            Some(m) if m <= pool.max_travel_minutes => {
                if differs(m, visit.travel_minutes) {
                    v.push(Violation::new(
                        "travel",
                        &subject,
                        format!("plan says {} minutes, recomputed {m}", visit.travel_minutes),
                    ));
                }
                if differs(pool.day_cost(m), visit.cost) {
                    v.push(Violation::new(
                        "cost",
                        &subject,
                        format!("plan says {}, recomputed {}", visit.cost, pool.day_cost(m)),
                    ));
                }
                total_cost += pool.day_cost(m);
            }
            _ if home != j => v.push(Violation::new(
                "travel_limit",
                &subject,
                format!(
                    "{} is beyond the {} minutes {} may travel",
                    visit.host, pool.max_travel_minutes, pool.id
                ),
            )),
            _ => {}
        }
        at.entry((q, d)).or_default().push(j);
        host_day[j][d] += 1;
        *pool_host.entry((p, j)).or_default() += 1.0;
        pool_sent[p] += 1;
        person_days[q] += 1;
        person_hosts[q].insert(j);
    }

    // At most one place a day.
    let mut twice: Vec<_> = at.iter().filter(|(_, hosts)| hosts.len() > 1).collect();
    twice.sort_by_key(|((q, d), _)| (*q, *d));
    for ((q, d), hosts) in twice {
        let names: Vec<&str> = hosts
            .iter()
            .map(|&j| s.institutions[j].id.as_str())
            .collect();
        v.push(Violation::new(
            "one_place",
            format!("{} on {}", specialists[*q].id, real_dates[*d]),
            format!("is at {} places: {}", hosts.len(), names.join(", ")),
        ));
    }

    // Home cover.
    for hc in &r.home_cover {
        let members: Vec<usize> = (0..specialists.len())
            .filter(|&q| {
                person_pool[q] != usize::MAX && {
                    let pool = &s.pools[person_pool[q]];
                    pool.home == hc.home && pool.specialty == hc.specialty
                }
            })
            .collect();
        for (d, date) in real_dates.iter().enumerate() {
            let working = members.iter().filter(|&&q| works(q, d)).count() as u32;
            let present = members
                .iter()
                .filter(|&&q| works(q, d) && !at.contains_key(&(q, d)))
                .count() as u32;
            let need = hc.min_present.min(working);
            if present < need {
                v.push(Violation::new(
                    "home_cover",
                    format!("{} {} on {}", hc.home, hc.specialty, date),
                    format!("{present} present, at least {need} must stay home"),
                ));
            }
        }
    }

    // Rooms.
    for (j, inst) in s.institutions.iter().enumerate() {
        let per_day = r.rooms_on_a_day(&inst.id, inst.room_days, s.period_days);
        for d in 0..nd {
            if host_day[j][d] > per_day {
                v.push(Violation::new(
                    "rooms",
                    format!("{} on {}", inst.id, real_dates[d]),
                    format!("{} specialists for {per_day} room(s)", host_day[j][d]),
                ));
            }
        }
        let used: u32 = host_day[j].iter().sum();
        let limit = inst.room_days * scale;
        if f64::from(used) > limit + 1e-6 {
            v.push(Violation::new(
                "room_days",
                &inst.id,
                format!("{used} room-days used, {limit:.2} available in the horizon"),
            ));
        }
    }

    // Pool outreach and fairness.
    for (p, pool) in s.pools.iter().enumerate() {
        let limit = pool.outreach_days().max(0.0) * scale;
        if f64::from(pool_sent[p]) > limit + 1e-6 {
            v.push(Violation::new(
                "pool_days",
                &pool.id,
                format!(
                    "{} days sent, {limit:.2} outreach days in the horizon",
                    pool_sent[p]
                ),
            ));
        }
        let counts: Vec<u32> = (0..specialists.len())
            .filter(|&q| person_pool[q] == p && (0..nd).any(|d| works(q, d)))
            .map(|q| person_days[q])
            .collect();
        if let (Some(spread), Some(lo), Some(hi)) =
            (r.max_spread_days, counts.iter().min(), counts.iter().max())
        {
            if hi - lo > spread {
                v.push(Violation::new(
                    "fairness",
                    &pool.id,
                    format!("visiting days range from {lo} to {hi}, more than {spread} apart"),
                ));
            }
        }
    }
    if let Some(max) = r.max_hosts_per_specialist {
        for (q, hosts) in person_hosts.iter().enumerate() {
            if hosts.len() > max as usize {
                v.push(Violation::new(
                    "max_hosts",
                    &specialists[q].id,
                    format!("visits {} hosts, at most {max} allowed", hosts.len()),
                ));
            }
        }
    }

    // Weekly visit rules.
    let start = crate::scenario::date_to_days(&r.horizon.start).unwrap_or(0);
    let declared: HashMap<(&str, &str), &crate::plan::FrequencyLine> = plan
        .frequency
        .iter()
        .map(|l| ((l.host.as_str(), l.week_start.as_str()), l))
        .collect();
    let weeks = days.iter().map(|d| d.week + 1).max().unwrap_or(0);
    let mut objective = 0.0;
    let mut rule_lines = 0;
    for (j, inst) in s.institutions.iter().enumerate() {
        let Some(&w) = r.min_days_per_week_by_tier.get(&inst.tier) else {
            continue;
        };
        for week in 0..weeks {
            let required = w * r.horizon.week_length(week) / 7;
            if required == 0 {
                continue;
            }
            rule_lines += 1;
            let received: u32 = (0..nd)
                .filter(|&d| days[d].week == week)
                .map(|d| host_day[j][d])
                .sum();
            let shortfall = required.saturating_sub(received);
            objective += r.frequency_penalty * f64::from(shortfall);
            let week_start = days_to_date(start + 7 * week as i64);
            let subject = format!("{} week of {week_start}", inst.id);
            match declared.get(&(inst.id.as_str(), week_start.as_str())) {
                Some(l) if l.received == received && l.shortfall == shortfall && l.required == required => {
                    if shortfall > 0 && l.reason.is_none() {
                        v.push(Violation::new("frequency", subject, "short of its rule without a reason"));
                    }
                }
                Some(l) if shortfall > l.shortfall => v.push(Violation::new(
                    "frequency",
                    subject,
                    format!("visited {received} days, its rule needs {required}; the plan declares {} short", l.shortfall),
                )),
                Some(l) => v.push(Violation::new(
                    "frequency",
                    subject,
                    format!("plan says {} of {} received, recomputed {received} of {required}", l.received, l.required),
                )),
                None if shortfall > 0 => v.push(Violation::new(
                    "frequency",
                    subject,
                    format!("visited {received} days, its rule needs {required}"),
                )),
                None => v.push(Violation::new("frequency", subject, "the rule is missing from the plan")),
            }
        }
    }
    if plan.frequency.len() != rule_lines {
        v.push(Violation::new(
            "frequency",
            "plan.frequency",
            format!(
                "{} lines, the rules give {rule_lines}",
                plan.frequency.len()
            ),
        ));
    }

    // Targets.
    for t in &plan.targets {
        let subject = format!(
            "{} {} at {}",
            t.pool.as_deref().unwrap_or("-"),
            t.specialty,
            t.host
        );
        let Some(j) = c.index_of(&t.host) else {
            v.push(Violation::new(
                "unknown_id",
                subject,
                "host is not in the scenario",
            ));
            continue;
        };
        let delivered = match (plan.targets_from, &t.pool) {
            (TargetSource::Rotation, Some(pool)) => {
                let Some(&p) = pool_index.get(pool.as_str()) else {
                    v.push(Violation::new(
                        "unknown_id",
                        subject,
                        "pool is not in the scenario",
                    ));
                    continue;
                };
                pool_host.get(&(p, j)).copied().unwrap_or(0.0)
            }
            _ => {
                let demand = s.institutions[j]
                    .demand
                    .get(&t.specialty)
                    .copied()
                    .unwrap_or(0.0);
                if differs(demand * scale, t.target) {
                    v.push(Violation::new(
                        "target",
                        &subject,
                        format!(
                            "target {} visits, demand {demand} x {nd} / {} days = {}",
                            t.target,
                            s.period_days,
                            demand * scale
                        ),
                    ));
                }
                s.pools
                    .iter()
                    .enumerate()
                    .filter(|(_, pool)| pool.specialty == t.specialty)
                    .map(|(p, pool)| {
                        pool.visits_per_day * pool_host.get(&(p, j)).copied().unwrap_or(0.0)
                    })
                    .sum()
            }
        }
        .min(t.target);
        let short = (t.target - delivered).max(0.0);
        if differs(delivered, t.delivered) || differs(short, t.short) {
            v.push(Violation::new(
                "target",
                &subject,
                format!(
                    "plan says {} delivered, {} short; recomputed {delivered}, {short}",
                    t.delivered, t.short
                ),
            ));
        }
        if short > 1e-9 && t.reason.is_none() {
            v.push(Violation::new("target", &subject, "short without a reason"));
        }
        let penalty = match plan.targets_from {
            TargetSource::Rotation => r.target_penalty,
            TargetSource::Demand => {
                let rates: Vec<f64> = s
                    .pools
                    .iter()
                    .enumerate()
                    .filter(|(p, pool)| {
                        pool.specialty == t.specialty && c.pool_can_visit(*p, j).is_some()
                    })
                    .map(|(_, pool)| pool.visits_per_day)
                    .collect();
                let mean = rates.iter().sum::<f64>() / rates.len().max(1) as f64;
                r.target_penalty * s.policy.unmet_weight(&t.specialty) / mean
            }
        };
        objective += penalty * short;
    }

    // With demand targets every reachable (host, specialty) with demand has a line.
    if plan.targets_from == TargetSource::Demand {
        let mut expected = 0;
        for (j, inst) in s.institutions.iter().enumerate() {
            let per_day = r.rooms_on_a_day(&inst.id, inst.room_days, s.period_days);
            for (k, &d) in &inst.demand {
                let reachable = s
                    .pools
                    .iter()
                    .enumerate()
                    .any(|(p, pool)| &pool.specialty == k && c.pool_can_visit(p, j).is_some());
                if d > 0.0 && reachable && per_day > 0 {
                    expected += 1;
                }
            }
        }
        if plan.targets.len() != expected {
            v.push(Violation::new(
                "target",
                "plan.targets",
                format!(
                    "{} target lines, demand gives {expected}",
                    plan.targets.len()
                ),
            ));
        }
    }

    // Specialist and pool lines, cost and objective.
    let lines: HashMap<&str, &crate::plan::SpecialistLine> = plan
        .specialists
        .iter()
        .map(|l| (l.specialist.as_str(), l))
        .collect();
    for (q, sp) in specialists.iter().enumerate() {
        let hosts: BTreeSet<&str> = person_hosts[q]
            .iter()
            .map(|&j| s.institutions[j].id.as_str())
            .collect();
        match lines.get(sp.id.as_str()) {
            Some(l)
                if l.visiting_days == person_days[q]
                    && l.hosts.iter().map(|h| h.as_str()).collect::<BTreeSet<_>>() == hosts => {}
            _ => v.push(Violation::new(
                "specialist",
                &sp.id,
                format!(
                    "plan line does not match the calendar: {} days at {} hosts",
                    person_days[q],
                    hosts.len()
                ),
            )),
        }
    }
    let pool_lines: HashSet<(&str, u32)> = plan
        .pools
        .iter()
        .map(|l| (l.pool.as_str(), l.sent))
        .collect();
    for (p, pool) in s.pools.iter().enumerate() {
        if pool_sent[p] > 0 && !pool_lines.contains(&(pool.id.as_str(), pool_sent[p])) {
            v.push(Violation::new(
                "pool",
                &pool.id,
                format!("plan line does not say {} days sent", pool_sent[p]),
            ));
        }
    }
    if differs(total_cost, plan.total_cost) {
        v.push(Violation::new(
            "total_cost",
            "plan",
            format!("plan says {}, recomputed {total_cost}", plan.total_cost),
        ));
    }
    objective += s.policy.cost_weight * total_cost;
    objective += r.host_penalty * person_hosts.iter().map(|h| h.len()).sum::<usize>() as f64;
    if differs(objective, plan.objective) {
        v.push(Violation::new(
            "objective",
            "plan",
            format!("plan says {}, recomputed {objective}", plan.objective),
        ));
    }
    v
}
