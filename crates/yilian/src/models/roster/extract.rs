//! Turns a solver answer into a [`RosterPlan`] keyed by the user's ids, with the
//! reasons for every target or rule left short.

use super::formulation::Instance;
use crate::network::Consortium;
use crate::plan::{
    FrequencyLine, ModelStats, PoolLine, RosterPlan, SpecialistLine, TargetLine, TargetSource,
    Visit, PLAN_FORMAT,
};
use crate::solve::{Backend, Status};
use std::collections::BTreeSet;

/// What the plan records besides the calendar.
pub(crate) struct Settings {
    pub status: Status,
    pub backend: Backend,
    pub stats: ModelStats,
    pub notes: Vec<String>,
}

/// Whether each triple is chosen, from the column values.
pub(crate) fn chosen(values: &[f64], n: usize) -> Vec<bool> {
    values[..n].iter().map(|&v| v > 0.5).collect()
}

pub(crate) fn plan(c: &Consortium, inst: &Instance, on: &[bool], settings: Settings) -> RosterPlan {
    let s = c.scenario();
    let r = &inst.roster;
    let nd = inst.days.len();
    let cost_weight = s.policy.cost_weight;

    let mut objective = 0.0;
    let mut total_cost = 0.0;
    let mut visits = Vec::new();
    let mut host_day_used = vec![vec![0u32; nd]; s.institutions.len()];
    let mut host_used = vec![0u32; s.institutions.len()];
    let mut pool_sent = vec![0u32; s.pools.len()];
    let mut person_days = vec![0u32; inst.people.len()];
    let mut person_hosts: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); inst.people.len()];
    let mut pool_host_days = std::collections::HashMap::<(usize, usize), f64>::new();
    for (k, t) in inst.triples.iter().enumerate() {
        if !on[k] {
            continue;
        }
        let person = &inst.people[t.person];
        total_cost += t.day_cost;
        host_day_used[t.host][t.day] += 1;
        host_used[t.host] += 1;
        pool_sent[person.pool] += 1;
        person_days[t.person] += 1;
        person_hosts[t.person].insert(t.host);
        *pool_host_days.entry((person.pool, t.host)).or_default() += 1.0;
        visits.push(Visit {
            specialist: person.id.clone(),
            date: inst.days[t.day].date.clone(),
            host: s.institutions[t.host].id.clone(),
            pool: s.pools[person.pool].id.clone(),
            travel_minutes: t.minutes,
            cost: t.day_cost,
        });
    }
    objective += cost_weight * total_cost;
    objective += r.host_penalty * person_hosts.iter().map(|h| h.len()).sum::<usize>() as f64;

    // Targets.
    let mut targets = Vec::new();
    for t in &inst.targets {
        let delivered: f64 = t
            .coef
            .iter()
            .map(|&(p, rate)| rate * pool_host_days.get(&(p, t.host)).copied().unwrap_or(0.0))
            .sum::<f64>()
            .min(t.amount);
        let short = (t.amount - delivered).max(0.0);
        let short = if short < 1e-9 { 0.0 } else { short };
        objective += t.penalty * short;
        let reason =
            (short > 0.0).then(|| target_reason(c, inst, on, &host_used, &pool_sent, t, short));
        targets.push(TargetLine {
            host: s.institutions[t.host].id.clone(),
            specialty: t.specialty.clone(),
            pool: t.pool.map(|p| s.pools[p].id.clone()),
            unit: match inst.source {
                TargetSource::Rotation => "days".into(),
                TargetSource::Demand => "visits".into(),
            },
            target: t.amount,
            delivered,
            short,
            reason,
        });
    }

    // Weekly rules.
    let start = crate::scenario::date_to_days(&r.horizon.start).unwrap_or(0);
    let mut frequency = Vec::new();
    for &(j, week, required) in &inst.rules {
        let received: u32 = (0..nd)
            .filter(|&d| inst.days[d].week == week)
            .map(|d| host_day_used[j][d])
            .sum();
        let shortfall = required.saturating_sub(received);
        objective += r.frequency_penalty * f64::from(shortfall);
        let reason = (shortfall > 0).then(|| frequency_reason(inst, &host_day_used, j, week));
        frequency.push(FrequencyLine {
            host: s.institutions[j].id.clone(),
            tier: s.institutions[j].tier.to_string(),
            week_start: crate::scenario::days_to_date(start + 7 * week as i64),
            required,
            received,
            shortfall,
            reason,
        });
    }

    let specialists = inst
        .people
        .iter()
        .enumerate()
        .map(|(q, p)| SpecialistLine {
            specialist: p.id.clone(),
            pool: s.pools[p.pool].id.clone(),
            working_days: p.works.iter().filter(|&&w| w).count() as u32,
            visiting_days: person_days[q],
            hosts: {
                let mut h: Vec<String> = person_hosts[q]
                    .iter()
                    .map(|&j| s.institutions[j].id.clone())
                    .collect();
                h.sort();
                h
            },
        })
        .collect();

    let pools = s
        .pools
        .iter()
        .enumerate()
        .filter_map(|(p, pool)| {
            let days: Vec<u32> = (0..inst.people.len())
                .filter(|&q| inst.people[q].pool == p && inst.people[q].works.iter().any(|&w| w))
                .map(|q| person_days[q])
                .collect();
            (!days.is_empty()).then(|| PoolLine {
                pool: pool.id.clone(),
                limit: inst.pool_limit[p],
                sent: pool_sent[p],
                min_visiting_days: days.iter().copied().min().unwrap_or(0),
                max_visiting_days: days.iter().copied().max().unwrap_or(0),
            })
        })
        .collect();

    visits.sort_by(|a, b| (&a.specialist, &a.date).cmp(&(&b.specialist, &b.date)));
    let mut notes = c
        .warnings()
        .iter()
        .map(|w| format!("warning: {w}"))
        .collect::<Vec<_>>();
    notes.extend(inst.notes.iter().cloned());
    notes.extend(settings.notes);

    RosterPlan {
        format: PLAN_FORMAT.into(),
        model: "roster".into(),
        scenario: s.name.clone(),
        roster: r.clone(),
        targets_from: inst.source,
        dates: inst.days.iter().map(|d| d.date.clone()).collect(),
        status: settings.status,
        backend: settings.backend.name().into(),
        objective,
        // Set by the caller from the solver's bound.
        bound: None,
        gap: None,
        total_cost,
        visits,
        targets,
        frequency,
        specialists,
        pools,
        stats: settings.stats,
        notes,
    }
}

/// Why a target is short, in a planner's terms.
fn target_reason(
    c: &Consortium,
    inst: &Instance,
    on: &[bool],
    host_used: &[u32],
    pool_sent: &[u32],
    t: &super::formulation::Target,
    short: f64,
) -> String {
    let s = c.scenario();
    let j = t.host;
    let host = &s.institutions[j].id;
    let candidates: Vec<usize> = inst.by_host[j]
        .iter()
        .copied()
        .filter(|&k| {
            let p = inst.people[inst.triples[k].person].pool;
            t.coef.iter().any(|c| c.0 == p)
        })
        .collect();
    if candidates.is_empty() {
        return format!(
            "no {} specialist can work at {host}: travel limit, no rooms, no outreach days or no working day",
            t.specialty
        );
    }
    if short < 1.0 - 1e-9 && (t.amount - t.amount.round()).abs() > 1e-9 {
        return format!(
            "the target of {:.2} is not a whole number of days and the roster gives whole days",
            t.amount
        );
    }
    if f64::from(host_used[j]) + 1.0 > inst.room_limit[j] + 1e-9 {
        return format!(
            "{host} has {:.1} room-days in the horizon and {} are used",
            inst.room_limit[j], host_used[j]
        );
    }
    let rooms_full = candidates.iter().all(|&k| {
        let d = inst.triples[k].day;
        inst.by_host[j]
            .iter()
            .filter(|&&k2| on[k2] && inst.triples[k2].day == d)
            .count()
            >= inst.rooms_per_day[j] as usize
    });
    if rooms_full {
        return format!(
            "{host}'s {} room(s) a day are taken on every day its {} specialists could come",
            inst.rooms_per_day[j], t.specialty
        );
    }
    for &(p, _) in &t.coef {
        if f64::from(pool_sent[p]) + 1.0 > inst.pool_limit[p] + 1e-9 {
            return format!(
                "pool {} has used {} of its {:.1} outreach days in the horizon",
                s.pools[p].id, pool_sent[p], inst.pool_limit[p]
            );
        }
    }
    // Home cover: is every candidate day blocked because the pool's home group is at its limit?
    let blocked_by_cover = candidates.iter().all(|&k| {
        let tr = inst.triples[k];
        if inst.by_person_day[tr.person][tr.day]
            .iter()
            .any(|&k2| on[k2])
        {
            return true; // the specialist is elsewhere that day
        }
        inst.cover.iter().any(|g| {
            g.people.contains(&tr.person) && {
                let working = g
                    .people
                    .iter()
                    .filter(|&&q| inst.people[q].works[tr.day])
                    .count() as u32;
                let away = g
                    .people
                    .iter()
                    .filter(|&&q| inst.by_person_day[q][tr.day].iter().any(|&k2| on[k2]))
                    .count() as u32;
                away >= working.saturating_sub(g.min)
            }
        })
    });
    if blocked_by_cover {
        return format!(
            "on every day a {} specialist could go to {host}, home cover or another visit keeps them busy",
            t.specialty
        );
    }
    if let Some(max) = inst.roster.max_hosts_per_specialist {
        return format!(
            "continuity: specialists may visit at most {max} hosts, and fairness (spread {}) and the other targets weigh against it",
            inst.roster.max_spread_days.map_or("none".into(), |d| d.to_string())
        );
    }
    if inst.roster.max_spread_days.is_some() {
        return format!(
            "fairness: visiting days within the pool may differ by at most {} days",
            inst.roster.max_spread_days.unwrap_or(0)
        );
    }
    "leaving it short costs less under the roster weights (or the solver stopped before proving it)"
        .into()
}

/// Why a host gets fewer visiting days than its weekly rule.
fn frequency_reason(inst: &Instance, host_day_used: &[Vec<u32>], j: usize, week: usize) -> String {
    let in_week: Vec<usize> = (0..inst.days.len())
        .filter(|&d| inst.days[d].week == week)
        .collect();
    let candidates = inst.by_host[j]
        .iter()
        .filter(|&&k| inst.days[inst.triples[k].day].week == week)
        .count();
    if candidates == 0 {
        return if in_week.is_empty() {
            "the week has no planning day".into()
        } else {
            "no specialist can work there that week (travel limits, rooms, days off or no outreach days)".into()
        };
    }
    if in_week
        .iter()
        .all(|&d| host_day_used[j][d] >= inst.rooms_per_day[j])
    {
        return format!(
            "its {} room(s) a day are full on every planning day of the week",
            inst.rooms_per_day[j]
        );
    }
    "the specialists who can reach it are needed at home (home cover), at their targets, or have used their outreach days".into()
}
