//! Checks a roster (M2) against its scenario and the targets it was asked to meet.
//!
//! One function per rule of M2 (see `yilian::RosterModel` and `design.md`, section 4),
//! named after it, then one per reported figure:
//!
//! | rule | function | violation |
//! |---|---|---|
//! | settings and planning days | `settings` | `settings`, `dates` |
//! | `y[p,j,d]` only for feasible (specialist, host, day) | `visits` | `unknown_id`, `date`, `pool`, `day_off`, `home`, `consortium`, `travel_limit`, `travel`, `cost` |
//! | at most one place a day | `one_place_a_day` | `one_place` |
//! | home cover | `home_cover` | `home_cover` |
//! | host rooms per day and over the horizon | `host_rooms` | `rooms`, `room_days` |
//! | pool outreach over the horizon | `pool_days` | `pool_days` |
//! | fairness spread within a pool | `fairness` | `fairness` |
//! | continuity: most hosts per specialist | `max_hosts` | `max_hosts` |
//! | weekly visit frequency (elastic) | `visit_frequency` | `frequency` |
//! | targets (from the rotation plan or from demand) and their delivery | `targets` | `targets`, `target` |
//! | specialist and pool lines, total cost, objective | `specialist_lines`, `pool_lines`, `total_cost`, `objective` | `specialist`, `pool`, `total_cost`, `objective` |
//!
//! The targets are never read from the plan: they are recomputed from the rotation plan
//! the roster was asked to meet, or from the scenario's demand.

use super::tolerance::{differs, exceeds};
use super::Violation;
use crate::network::Consortium;
use crate::plan::{RosterPlan, RotationPlan, TargetSource};
use crate::scenario::{days_to_date, PlanningDay, Roster, Specialist};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Recomputes every rule of M2 from the scenario and the plan; returns what is broken
/// (empty when the plan is valid).
///
/// The rules are the scenario's roster section (with the plan's horizon, which
/// `yilian solve --days/--start` may change) or, when it has none, the settings
/// [`Roster::from_pools`] derives for the plan's horizon (as `yilian solve --model
/// roster --days N` does). For settings passed in code use [`check_roster_with`].
///
/// The targets are those of demand. A roster made to meet a rotation plan cannot be
/// checked without it (its targets would have to be taken from the roster itself): it
/// fails with a `targets` violation; check it with [`check_roster_against`].
pub fn check_roster(c: &Consortium, plan: &RosterPlan) -> Vec<Violation> {
    check_roster_against(c, &scenario_settings(c, plan), plan, None)
}

/// The roster settings [`check_roster`] checks against: the scenario's roster section
/// with the plan's horizon, or those [`Roster::from_pools`] derives for it.
pub fn scenario_settings(c: &Consortium, plan: &RosterPlan) -> Roster {
    let s = c.scenario();
    match &s.roster {
        Some(r) => Roster {
            horizon: plan.roster.horizon.clone(),
            ..r.clone()
        },
        None => Roster::from_pools(s, plan.roster.horizon.clone()),
    }
}

/// Like [`check_roster`] with explicit roster settings (targets from demand).
pub fn check_roster_with(c: &Consortium, roster: &Roster, plan: &RosterPlan) -> Vec<Violation> {
    check_roster_against(c, roster, plan, None)
}

/// Checks a roster against its settings and the targets it was asked to meet: those of
/// `rotation` (specialist-days per pool and host, scaled to the horizon) when given,
/// else the scenario's demand (visits per host and specialty, scaled).
///
/// Checked: the plan's settings equal `roster`; every visit names a known specialist,
/// its pool, a planning day that is not a day off, and a host the pool may visit (home,
/// consortium, travel limit recomputed); travel and cost of each visit; one place a
/// day; home cover each day; rooms per day and over the horizon; pool outreach over the
/// horizon; most hosts per specialist; fairness spread within each pool; weekly visit
/// rules (a host below its rule must be declared with that shortfall and a reason);
/// the targets (source, amounts recomputed, one line each), their delivery and
/// shortfall (with a reason when short); specialist lines (working and visiting days,
/// hosts) and pool lines (limit, days sent, fewest and most visiting days); total cost
/// and objective. A rotation plan given is itself checked with
/// [`super::check_rotation`].
///
/// ```no_run
/// # fn demo(c: &yilian::Consortium, rotation: &yilian::RotationPlan, roster: &yilian::RosterPlan) {
/// use yilian::check::{check_roster_against, scenario_settings};
/// let v = check_roster_against(c, &scenario_settings(c, roster), roster, Some(rotation));
/// assert!(v.is_empty(), "{v:?}");
/// # }
/// ```
pub fn check_roster_against(
    c: &Consortium,
    roster: &Roster,
    plan: &RosterPlan,
    rotation: Option<&RotationPlan>,
) -> Vec<Violation> {
    let s = c.scenario();
    let mut v =
        super::violation::header(&plan.format, &plan.model, "roster", &plan.scenario, &s.name);
    let days = roster.horizon.planning_days();
    settings(roster, plan, &days, &mut v);
    let specialists = roster.specialists_or_expanded(s);
    let cal = visits(c, plan, &days, &specialists, &mut v);
    one_place_a_day(c, &cal, &mut v);
    home_cover(c, roster, &cal, &mut v);
    host_rooms(c, roster, &cal, &mut v);
    pool_days(c, &cal, &mut v);
    fairness(c, roster, &cal, &mut v);
    max_hosts(roster, &cal, &mut v);
    let frequency_penalty = visit_frequency(c, roster, plan, &cal, &mut v);
    let target_penalty = targets(c, roster, plan, rotation, &cal, &mut v);
    specialist_lines(c, plan, &cal, &mut v);
    pool_lines(c, plan, &cal, &mut v);
    total_cost(plan, &cal, &mut v);
    // Without the targets the roster was asked to meet the objective cannot be
    // recomputed (that is already a violation).
    if let Some(target_penalty) = target_penalty {
        objective(
            c,
            roster,
            plan,
            &cal,
            frequency_penalty + target_penalty,
            &mut v,
        );
    }
    v
}

/// The calendar recomputed from the plan's visits.
struct Calendar<'a> {
    days: &'a [PlanningDay],
    specialists: &'a [Specialist],
    /// Pool of each specialist (`usize::MAX` when unknown).
    person_pool: Vec<usize>,
    /// Whether specialist q works on day d.
    works: Vec<Vec<bool>>,
    /// Hosts of each (specialist, day) with a visit.
    at: BTreeMap<(usize, usize), Vec<usize>>,
    /// Specialists at each host on each day.
    host_day: Vec<Vec<u32>>,
    /// Days of each (pool, host).
    pool_host: HashMap<(usize, usize), f64>,
    pool_sent: Vec<u32>,
    person_days: Vec<u32>,
    person_hosts: Vec<BTreeSet<usize>>,
    total_cost: f64,
    /// Planning days over period days.
    scale: f64,
}

/// The plan was made with these settings, over these planning days.
fn settings(roster: &Roster, plan: &RosterPlan, days: &[PlanningDay], v: &mut Vec<Violation>) {
    if &plan.roster != roster {
        v.push(Violation::new(
            "settings",
            "plan.roster",
            "the plan was made with roster settings other than the scenario's",
        ));
    }
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
}

/// `y[p,j,d]` exists only for a known specialist, their pool, a planning day that is
/// not a day off, and a host the pool may visit (not home, same consortium, within the
/// travel limit recomputed); each visit reports its travel and cost.
fn visits<'a>(
    c: &Consortium,
    plan: &RosterPlan,
    days: &'a [PlanningDay],
    specialists: &'a [Specialist],
    v: &mut Vec<Violation>,
) -> Calendar<'a> {
    let s = c.scenario();
    let nd = days.len();
    let day_index: HashMap<&str, usize> = days
        .iter()
        .enumerate()
        .map(|(d, x)| (x.date.as_str(), d))
        .collect();
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
    let works: Vec<Vec<bool>> = specialists
        .iter()
        .map(|sp| {
            days.iter()
                .map(|d| !sp.days_off.contains(&d.date))
                .collect()
        })
        .collect();

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

    let mut cal = Calendar {
        days,
        specialists,
        person_pool,
        works,
        at: BTreeMap::new(),
        host_day: vec![vec![0u32; nd]; s.institutions.len()],
        pool_host: HashMap::new(),
        pool_sent: vec![0; s.pools.len()],
        person_days: vec![0; specialists.len()],
        person_hosts: vec![BTreeSet::new(); specialists.len()],
        total_cost: 0.0,
        scale: nd as f64 / s.period_days,
    };
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
        let p = cal.person_pool[q];
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
        if !cal.works[q][d] {
            v.push(Violation::new(
                "day_off",
                &subject,
                format!("{} is a day off of {}", visit.date, visit.specialist),
            ));
        }
        let home = c.index_of(&pool.home).expect("validated home");
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
        match travel.minutes(home, j) {
            Some(m) if m <= pool.max_travel_minutes => {
                if differs(visit.travel_minutes, m) {
                    v.push(Violation::new(
                        "travel",
                        &subject,
                        format!("plan says {} minutes, recomputed {m}", visit.travel_minutes),
                    ));
                }
                if differs(visit.cost, pool.day_cost(m)) {
                    v.push(Violation::new(
                        "cost",
                        &subject,
                        format!("plan says {}, recomputed {}", visit.cost, pool.day_cost(m)),
                    ));
                }
                cal.total_cost += pool.day_cost(m);
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
        cal.at.entry((q, d)).or_default().push(j);
        cal.host_day[j][d] += 1;
        *cal.pool_host.entry((p, j)).or_default() += 1.0;
        cal.pool_sent[p] += 1;
        cal.person_days[q] += 1;
        cal.person_hosts[q].insert(j);
    }
    cal
}

/// At most one place a day: `sum_j y[p,j,d] <= 1`.
fn one_place_a_day(c: &Consortium, cal: &Calendar, v: &mut Vec<Violation>) {
    let s = c.scenario();
    for ((q, d), hosts) in cal.at.iter().filter(|(_, hosts)| hosts.len() > 1) {
        let names: Vec<&str> = hosts
            .iter()
            .map(|&j| s.institutions[j].id.as_str())
            .collect();
        v.push(Violation::new(
            "one_place",
            format!("{} on {}", cal.specialists[*q].id, cal.days[*d].date),
            format!("is at {} places: {}", hosts.len(), names.join(", ")),
        ));
    }
}

/// Home cover: each day, each (home, specialty) keeps at least its minimum present
/// (at most the members working that day).
fn home_cover(c: &Consortium, r: &Roster, cal: &Calendar, v: &mut Vec<Violation>) {
    let s = c.scenario();
    for hc in &r.home_cover {
        let members: Vec<usize> = (0..cal.specialists.len())
            .filter(|&q| {
                cal.person_pool[q] != usize::MAX && {
                    let pool = &s.pools[cal.person_pool[q]];
                    pool.home == hc.home && pool.specialty == hc.specialty
                }
            })
            .collect();
        for (d, day) in cal.days.iter().enumerate() {
            let working = members.iter().filter(|&&q| cal.works[q][d]).count() as u32;
            let present = members
                .iter()
                .filter(|&&q| cal.works[q][d] && !cal.at.contains_key(&(q, d)))
                .count() as u32;
            let need = hc.min_present.min(working);
            if present < need {
                v.push(Violation::new(
                    "home_cover",
                    format!("{} {} on {}", hc.home, hc.specialty, day.date),
                    format!("{present} present, at least {need} must stay home"),
                ));
            }
        }
    }
}

/// Host rooms: specialists at a host each day at most its rooms that day, and
/// room-days over the horizon at most its room-days scaled to the horizon.
fn host_rooms(c: &Consortium, r: &Roster, cal: &Calendar, v: &mut Vec<Violation>) {
    let s = c.scenario();
    for (j, inst) in s.institutions.iter().enumerate() {
        let per_day = r.rooms_on_a_day(&inst.id, inst.room_days, s.period_days);
        for (d, day) in cal.days.iter().enumerate() {
            if cal.host_day[j][d] > per_day {
                v.push(Violation::new(
                    "rooms",
                    format!("{} on {}", inst.id, day.date),
                    format!("{} specialists for {per_day} room(s)", cal.host_day[j][d]),
                ));
            }
        }
        let used: u32 = cal.host_day[j].iter().sum();
        let limit = inst.room_days * cal.scale;
        if exceeds(f64::from(used), limit) {
            v.push(Violation::new(
                "room_days",
                &inst.id,
                format!("{used} room-days used, {limit:.2} available in the horizon"),
            ));
        }
    }
}

/// Pool outreach: days sent over the horizon at most the pool's outreach days scaled.
fn pool_days(c: &Consortium, cal: &Calendar, v: &mut Vec<Violation>) {
    for (p, pool) in c.scenario().pools.iter().enumerate() {
        let limit = pool.outreach_days().max(0.0) * cal.scale;
        if exceeds(f64::from(cal.pool_sent[p]), limit) {
            v.push(Violation::new(
                "pool_days",
                &pool.id,
                format!(
                    "{} days sent, {limit:.2} outreach days in the horizon",
                    cal.pool_sent[p]
                ),
            ));
        }
    }
}

/// Visiting days of the working specialists of pool `p`.
fn visiting_days_of_pool(cal: &Calendar, p: usize) -> Vec<u32> {
    (0..cal.specialists.len())
        .filter(|&q| cal.person_pool[q] == p && cal.works[q].iter().any(|&w| w))
        .map(|q| cal.person_days[q])
        .collect()
}

/// Fairness: visiting days of two working specialists of one pool at most
/// `max_spread_days` apart.
fn fairness(c: &Consortium, r: &Roster, cal: &Calendar, v: &mut Vec<Violation>) {
    let Some(spread) = r.max_spread_days else {
        return;
    };
    for (p, pool) in c.scenario().pools.iter().enumerate() {
        let counts = visiting_days_of_pool(cal, p);
        if let (Some(lo), Some(hi)) = (counts.iter().min(), counts.iter().max()) {
            if hi - lo > spread {
                v.push(Violation::new(
                    "fairness",
                    &pool.id,
                    format!("visiting days range from {lo} to {hi}, more than {spread} apart"),
                ));
            }
        }
    }
}

/// Continuity: at most `max_hosts_per_specialist` distinct hosts per specialist.
fn max_hosts(r: &Roster, cal: &Calendar, v: &mut Vec<Violation>) {
    let Some(max) = r.max_hosts_per_specialist else {
        return;
    };
    for (q, hosts) in cal.person_hosts.iter().enumerate() {
        if hosts.len() > max as usize {
            v.push(Violation::new(
                "max_hosts",
                &cal.specialists[q].id,
                format!("visits {} hosts, at most {max} allowed", hosts.len()),
            ));
        }
    }
}

/// Weekly visit frequency (elastic): each host of a tier with a rule receives its
/// required days each week, or is declared short by the difference with a reason.
/// Returns the penalty of the shortfalls.
fn visit_frequency(
    c: &Consortium,
    r: &Roster,
    plan: &RosterPlan,
    cal: &Calendar,
    v: &mut Vec<Violation>,
) -> f64 {
    let s = c.scenario();
    let start = crate::scenario::date_to_days(&r.horizon.start).unwrap_or(0);
    let declared: HashMap<(&str, &str), &crate::plan::FrequencyLine> = plan
        .frequency
        .iter()
        .map(|l| ((l.host.as_str(), l.week_start.as_str()), l))
        .collect();
    let weeks = cal.days.iter().map(|d| d.week + 1).max().unwrap_or(0);
    let mut penalty = 0.0;
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
            let received: u32 = (0..cal.days.len())
                .filter(|&d| cal.days[d].week == week)
                .map(|d| cal.host_day[j][d])
                .sum();
            let shortfall = required.saturating_sub(received);
            penalty += r.frequency_penalty * f64::from(shortfall);
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
    penalty
}

/// A target recomputed from its source.
struct Target {
    amount: f64,
    penalty: f64,
}

/// Targets key: (pool, specialty, host).
type TargetKey = (Option<String>, String, String);

/// The targets the roster was asked to meet: the rotation plan's days per (pool, host)
/// scaled to the horizon, or the demand per (host, specialty) scaled, for hosts some
/// pool may visit and that have a room on a day.
fn expected_targets(
    c: &Consortium,
    r: &Roster,
    rotation: Option<&RotationPlan>,
    scale: f64,
) -> BTreeMap<TargetKey, Target> {
    let s = c.scenario();
    let mut out = BTreeMap::new();
    if let Some(plan) = rotation {
        let mut agg: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for a in &plan.assignments {
            if let (Some(p), Some(j)) = (
                s.pools.iter().position(|p| p.id == a.pool),
                c.index_of(&a.host),
            ) {
                *agg.entry((p, j)).or_default() += a.days * scale;
            }
        }
        for ((p, j), amount) in agg {
            if amount > 1e-9 {
                let pool = &s.pools[p];
                out.insert(
                    (
                        Some(pool.id.clone()),
                        pool.specialty.clone(),
                        s.institutions[j].id.clone(),
                    ),
                    Target {
                        amount,
                        penalty: r.target_penalty,
                    },
                );
            }
        }
        return out;
    }
    for (j, inst) in s.institutions.iter().enumerate() {
        let per_day = r.rooms_on_a_day(&inst.id, inst.room_days, s.period_days);
        for (k, &d) in &inst.demand {
            let rates: Vec<f64> = s
                .pools
                .iter()
                .enumerate()
                .filter(|(p, pool)| &pool.specialty == k && c.pool_can_visit(*p, j).is_some())
                .map(|(_, pool)| pool.visits_per_day)
                .collect();
            if d <= 0.0 || rates.is_empty() || per_day == 0 {
                continue;
            }
            let mean = rates.iter().sum::<f64>() / rates.len() as f64;
            out.insert(
                (None, k.clone(), inst.id.clone()),
                Target {
                    amount: d * scale,
                    penalty: r.target_penalty * s.policy.unmet_weight(k) / mean,
                },
            );
        }
    }
    out
}

/// Targets: the plan names the source it was asked for, lists each recomputed target
/// once with its amount, and reports what the calendar delivers of it (days of the
/// pool at the host, or visits of the specialty's pools there, at most the target) and
/// the shortfall, with a reason when short. Returns the penalty of the shortfalls
/// (`None` when the plan's target source is not the one given).
fn targets(
    c: &Consortium,
    r: &Roster,
    plan: &RosterPlan,
    rotation: Option<&RotationPlan>,
    cal: &Calendar,
    v: &mut Vec<Violation>,
) -> Option<f64> {
    let s = c.scenario();
    let source = if rotation.is_some() {
        TargetSource::Rotation
    } else {
        TargetSource::Demand
    };
    if plan.targets_from != source {
        let how = match plan.targets_from {
            TargetSource::Rotation => {
                "the plan's targets come from a rotation plan: check it against that plan \
                 (check_roster_against, or yilian check --rotation PLAN)"
            }
            TargetSource::Demand => {
                "the plan's targets come from demand, but a rotation plan was given"
            }
        };
        v.push(Violation::new("targets", "plan.targets_from", how));
        return None;
    }
    if let Some(rot) = rotation {
        let broken = super::check_rotation(c, rot);
        if let Some(first) = broken.first() {
            v.push(Violation::new(
                "targets",
                "rotation plan",
                format!(
                    "the rotation plan the roster meets breaks {} rule(s), first: {first}",
                    broken.len()
                ),
            ));
        }
    }
    let expected = expected_targets(c, r, rotation, cal.scale);
    let pool_index: HashMap<&str, usize> = s
        .pools
        .iter()
        .enumerate()
        .map(|(p, pool)| (pool.id.as_str(), p))
        .collect();
    let mut seen: BTreeSet<TargetKey> = BTreeSet::new();
    let mut penalty = 0.0;
    for t in &plan.targets {
        let key: TargetKey = (t.pool.clone(), t.specialty.clone(), t.host.clone());
        let subject = format!(
            "{} {} at {}",
            t.pool.as_deref().unwrap_or("-"),
            t.specialty,
            t.host
        );
        let Some(want) = expected.get(&key) else {
            v.push(Violation::new(
                "target",
                subject,
                "is not a target of the rotation plan or demand the roster was asked to meet",
            ));
            continue;
        };
        if !seen.insert(key) {
            v.push(Violation::new("target", subject, "is listed twice"));
            continue;
        }
        if differs(t.target, want.amount) {
            v.push(Violation::new(
                "target",
                &subject,
                format!(
                    "target {}, recomputed {} from its source",
                    t.target, want.amount
                ),
            ));
        }
        let Some(j) = c.index_of(&t.host) else {
            continue;
        };
        let delivered = match &t.pool {
            Some(pool) => pool_index
                .get(pool.as_str())
                .and_then(|&p| cal.pool_host.get(&(p, j)))
                .copied()
                .unwrap_or(0.0),
            None => s
                .pools
                .iter()
                .enumerate()
                .filter(|(_, pool)| pool.specialty == t.specialty)
                .map(|(p, pool)| {
                    pool.visits_per_day * cal.pool_host.get(&(p, j)).copied().unwrap_or(0.0)
                })
                .sum(),
        }
        .min(want.amount);
        let short = (want.amount - delivered).max(0.0);
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
        penalty += want.penalty * short;
    }
    for (key, want) in &expected {
        if !seen.contains(key) {
            v.push(Violation::new(
                "target",
                format!("{} {} at {}", key.0.as_deref().unwrap_or("-"), key.1, key.2),
                format!("target of {} is missing from the plan", want.amount),
            ));
            // A target left out counts as wholly short.
            penalty += want.penalty * want.amount;
        }
    }
    Some(penalty)
}

/// One line per specialist: working days, visiting days and the hosts visited.
fn specialist_lines(c: &Consortium, plan: &RosterPlan, cal: &Calendar, v: &mut Vec<Violation>) {
    let s = c.scenario();
    let lines: HashMap<&str, &crate::plan::SpecialistLine> = plan
        .specialists
        .iter()
        .map(|l| (l.specialist.as_str(), l))
        .collect();
    for (q, sp) in cal.specialists.iter().enumerate() {
        let hosts: BTreeSet<&str> = cal.person_hosts[q]
            .iter()
            .map(|&j| s.institutions[j].id.as_str())
            .collect();
        let working = cal.works[q].iter().filter(|&&w| w).count() as u32;
        match lines.get(sp.id.as_str()) {
            Some(l)
                if l.visiting_days == cal.person_days[q]
                    && l.working_days == working
                    && l.pool == sp.pool
                    && l.hosts.iter().map(|h| h.as_str()).collect::<BTreeSet<_>>() == hosts => {}
            _ => v.push(Violation::new(
                "specialist",
                &sp.id,
                format!(
                    "plan line does not match the calendar: {working} working days, {} visiting days at {} hosts",
                    cal.person_days[q],
                    hosts.len()
                ),
            )),
        }
    }
    if plan.specialists.len() != cal.specialists.len() {
        v.push(Violation::new(
            "specialist",
            "plan.specialists",
            format!(
                "{} lines for {} specialists",
                plan.specialists.len(),
                cal.specialists.len()
            ),
        ));
    }
}

/// One line per pool with a working specialist: its limit over the horizon, days
/// sent, fewest and most visiting days of its working specialists.
fn pool_lines(c: &Consortium, plan: &RosterPlan, cal: &Calendar, v: &mut Vec<Violation>) {
    let s = c.scenario();
    let lines: HashMap<&str, &crate::plan::PoolLine> =
        plan.pools.iter().map(|l| (l.pool.as_str(), l)).collect();
    let mut expected = 0;
    for (p, pool) in s.pools.iter().enumerate() {
        let days = visiting_days_of_pool(cal, p);
        if days.is_empty() {
            continue;
        }
        expected += 1;
        let limit = pool.outreach_days().max(0.0) * cal.scale;
        let (lo, hi) = (
            days.iter().copied().min().unwrap_or(0),
            days.iter().copied().max().unwrap_or(0),
        );
        match lines.get(pool.id.as_str()) {
            Some(l)
                if l.sent == cal.pool_sent[p]
                    && l.min_visiting_days == lo
                    && l.max_visiting_days == hi
                    && !differs(l.limit, limit) => {}
            _ => v.push(Violation::new(
                "pool",
                &pool.id,
                format!(
                    "plan line does not say {} days sent of {limit:.2}, {lo} to {hi} visiting days",
                    cal.pool_sent[p]
                ),
            )),
        }
    }
    if plan.pools.len() != expected {
        v.push(Violation::new(
            "pool",
            "plan.pools",
            format!(
                "{} lines, {expected} pools have working specialists",
                plan.pools.len()
            ),
        ));
    }
}

/// The total cost reported.
fn total_cost(plan: &RosterPlan, cal: &Calendar, v: &mut Vec<Violation>) {
    if differs(cal.total_cost, plan.total_cost) {
        v.push(Violation::new(
            "total_cost",
            "plan",
            format!(
                "plan says {}, recomputed {}",
                plan.total_cost, cal.total_cost
            ),
        ));
    }
}

/// The objective: target and frequency penalties + cost weight x cost + host penalty
/// x distinct hosts per specialist.
fn objective(
    c: &Consortium,
    r: &Roster,
    plan: &RosterPlan,
    cal: &Calendar,
    penalties: f64,
    v: &mut Vec<Violation>,
) {
    let hosts: usize = cal.person_hosts.iter().map(|h| h.len()).sum();
    let objective = penalties
        + c.scenario().policy.cost_weight * cal.total_cost
        + r.host_penalty * hosts as f64;
    if differs(objective, plan.objective) {
        v.push(Violation::new(
            "objective",
            "plan",
            format!("plan says {}, recomputed {objective}", plan.objective),
        ));
    }
}
