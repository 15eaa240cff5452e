//! The MIP of M2, built over feasible (specialist, host, day) triples only.

use crate::network::Consortium;
use crate::plan::{RotationPlan, TargetSource};
use crate::scenario::{date_to_days, PlanningDay, Roster};
use crate::solve::{Cmp, LinearProgram, Sense};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A specialist with dense indices.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub id: String,
    pub pool: usize,
    /// Works on planning day `d` (not a day off).
    pub works: Vec<bool>,
}

/// One (specialist, host, day) triple; column `k` of the program is `y[k]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Triple {
    pub person: usize,
    pub host: usize,
    pub day: usize,
    pub minutes: f64,
    pub day_cost: f64,
}

/// A target row: `sum coef * y` over the pools of `pools` at `host` should reach `amount`.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub host: usize,
    pub specialty: String,
    /// The pool, for rotation targets.
    pub pool: Option<usize>,
    /// Pools whose days count, with visits (or 1) per day.
    pub coef: Vec<(usize, f64)>,
    pub amount: f64,
    /// Penalty per unit short.
    pub penalty: f64,
}

/// A home-cover group: the specialists of one specialty at one home.
#[derive(Debug, Clone)]
pub(crate) struct CoverGroup {
    pub min: u32,
    pub people: Vec<usize>,
}

/// Everything the program and the extraction need, in dense indices.
#[derive(Debug, Clone)]
pub(crate) struct Instance {
    pub roster: Roster,
    pub days: Vec<PlanningDay>,
    pub people: Vec<Person>,
    pub triples: Vec<Triple>,
    /// Triples by (person, day).
    pub by_person_day: Vec<Vec<Vec<usize>>>,
    /// Hosts by person: (host, triples).
    pub person_hosts: Vec<Vec<(usize, Vec<usize>)>>,
    /// Triples by host.
    pub by_host: Vec<Vec<usize>>,
    pub rooms_per_day: Vec<u32>,
    /// Room-days over the horizon, per host.
    pub room_limit: Vec<f64>,
    /// Outreach days over the horizon, per pool.
    pub pool_limit: Vec<f64>,
    pub targets: Vec<Target>,
    pub source: TargetSource,
    pub cover: Vec<CoverGroup>,
    /// (host, week, required) of every weekly rule.
    pub rules: Vec<(usize, usize, u32)>,
    pub notes: Vec<String>,
}

impl Instance {
    /// Builds the instance from the consortium, the roster settings and the targets.
    pub fn new(c: &Consortium, roster: Roster, rotation: Option<&RotationPlan>) -> Self {
        let s = c.scenario();
        let days = roster.horizon.planning_days();
        let nd = days.len();
        let scale = nd as f64 / s.period_days;
        let n = c.institution_count();
        let pool_index: HashMap<&str, usize> = s
            .pools
            .iter()
            .enumerate()
            .map(|(p, pool)| (pool.id.as_str(), p))
            .collect();
        let day_index: HashMap<&str, usize> = days
            .iter()
            .enumerate()
            .map(|(d, pd)| (pd.date.as_str(), d))
            .collect();
        let people: Vec<Person> = roster
            .specialists_or_expanded(s)
            .into_iter()
            .map(|sp| {
                let mut works = vec![true; nd];
                for off in &sp.days_off {
                    if let Some(&d) = day_index.get(off.as_str()) {
                        works[d] = false;
                    }
                }
                Person {
                    pool: pool_index[sp.pool.as_str()],
                    id: sp.id,
                    works,
                }
            })
            .collect();

        let rooms_per_day: Vec<u32> = s
            .institutions
            .iter()
            .map(|i| roster.rooms_on_a_day(&i.id, i.room_days, s.period_days))
            .collect();
        let room_limit: Vec<f64> = s.institutions.iter().map(|i| i.room_days * scale).collect();
        let pool_limit: Vec<f64> = s
            .pools
            .iter()
            .map(|p| p.outreach_days().max(0.0) * scale)
            .collect();

        // Weekly rules per host.
        let weeks = days.iter().map(|d| d.week + 1).max().unwrap_or(0);
        let mut rules = Vec::new();
        for (j, inst) in s.institutions.iter().enumerate() {
            if let Some(&w) = roster.min_days_per_week_by_tier.get(&inst.tier) {
                for week in 0..weeks {
                    let len = roster.horizon.week_length(week);
                    let required = w * len / 7;
                    if required > 0 {
                        rules.push((j, week, required));
                    }
                }
            }
        }
        let ruled: HashSet<usize> = rules.iter().map(|r| r.0).collect();

        // Targets.
        let mut targets = Vec::new();
        let source = if rotation.is_some() {
            TargetSource::Rotation
        } else {
            TargetSource::Demand
        };
        if let Some(plan) = rotation {
            let mut agg: BTreeMap<(usize, usize), f64> = BTreeMap::new();
            for a in &plan.assignments {
                if let (Some(&p), Some(j)) = (pool_index.get(a.pool.as_str()), c.index_of(&a.host))
                {
                    *agg.entry((p, j)).or_default() += a.days * scale;
                }
            }
            for ((p, j), amount) in agg {
                if amount > 1e-9 {
                    targets.push(Target {
                        host: j,
                        specialty: s.pools[p].specialty.clone(),
                        pool: Some(p),
                        coef: vec![(p, 1.0)],
                        amount,
                        penalty: roster.target_penalty,
                    });
                }
            }
        } else {
            for (j, inst) in s.institutions.iter().enumerate() {
                for (k, &d) in &inst.demand {
                    let coef: Vec<(usize, f64)> = s
                        .pools
                        .iter()
                        .enumerate()
                        .filter(|(p, pool)| {
                            &pool.specialty == k && c.pool_can_visit(*p, j).is_some()
                        })
                        .map(|(p, pool)| (p, pool.visits_per_day))
                        .collect();
                    if d <= 0.0 || coef.is_empty() || rooms_per_day[j] == 0 {
                        continue;
                    }
                    let mean_rate = coef.iter().map(|c| c.1).sum::<f64>() / coef.len() as f64;
                    targets.push(Target {
                        host: j,
                        specialty: k.clone(),
                        pool: None,
                        coef,
                        amount: d * scale,
                        penalty: roster.target_penalty * s.policy.unmet_weight(k) / mean_rate,
                    });
                }
            }
        }

        // Candidate hosts per pool: targeted hosts, and hosts with a weekly rule that
        // no pool targets (any pool that can reach them may then go).
        let mut pool_hosts: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); s.pools.len()];
        let mut targeted: HashSet<usize> = HashSet::new();
        for t in &targets {
            for &(p, _) in &t.coef {
                pool_hosts[p].insert(t.host);
            }
            targeted.insert(t.host);
        }
        for (p, hosts) in pool_hosts.iter_mut().enumerate() {
            for &j in &ruled {
                if !targeted.contains(&j) {
                    hosts.insert(j);
                }
            }
            hosts.retain(|&j| rooms_per_day[j] > 0 && c.pool_can_visit(p, j).is_some());
            if pool_limit[p] < 1.0 {
                hosts.clear();
            }
        }
        let shares = roster
            .split_hosts
            .then(|| split_hosts(&people, &pool_hosts, &targets));

        let mut triples = Vec::new();
        let mut by_person_day = vec![vec![Vec::new(); nd]; people.len()];
        let mut person_hosts = vec![Vec::new(); people.len()];
        let mut by_host = vec![Vec::new(); n];
        for (q, person) in people.iter().enumerate() {
            let pool = &s.pools[person.pool];
            for &j in &pool_hosts[person.pool] {
                if shares.as_ref().is_some_and(|sh| !sh[q].contains(&j)) {
                    continue;
                }
                let minutes = c.pool_can_visit(person.pool, j).expect("filtered above");
                let mut list = Vec::new();
                for (d, &works) in person.works.iter().enumerate() {
                    if !works {
                        continue;
                    }
                    let k = triples.len();
                    triples.push(Triple {
                        person: q,
                        host: j,
                        day: d,
                        minutes,
                        day_cost: pool.day_cost(minutes),
                    });
                    by_person_day[q][d].push(k);
                    by_host[j].push(k);
                    list.push(k);
                }
                if !list.is_empty() {
                    person_hosts[q].push((j, list));
                }
            }
        }

        // Home cover groups.
        let mut cover = Vec::new();
        let mut notes = Vec::new();
        for hc in &roster.home_cover {
            if c.index_of(&hc.home).is_none() {
                continue;
            }
            let members: Vec<usize> = people
                .iter()
                .enumerate()
                .filter(|(_, p)| {
                    let pool = &s.pools[p.pool];
                    pool.home == hc.home && pool.specialty == hc.specialty
                })
                .map(|(q, _)| q)
                .collect();
            let short_days = (0..nd)
                .filter(|&d| {
                    members.iter().filter(|&&q| people[q].works[d]).count()
                        < hc.min_present as usize
                })
                .count();
            if short_days > 0 {
                notes.push(format!(
                    "home cover {} {} needs {} present but days off leave fewer working on {short_days} day(s): all who work stay home then",
                    hc.home, hc.specialty, hc.min_present
                ));
            }
            cover.push(CoverGroup {
                min: hc.min_present,
                people: members,
            });
        }
        let unknown_off: usize = roster
            .specialists
            .iter()
            .flat_map(|sp| &sp.days_off)
            .filter(|d| !day_index.contains_key(d.as_str()) && date_to_days(d).is_some())
            .count();
        if unknown_off > 0 {
            notes.push(format!(
                "{unknown_off} day(s) off fall outside the planning days and were ignored"
            ));
        }

        Self {
            roster,
            days,
            people,
            triples,
            by_person_day,
            person_hosts,
            by_host,
            rooms_per_day,
            room_limit,
            pool_limit,
            targets,
            source,
            cover,
            rules,
            notes,
        }
    }
}

/// Shares each pool's hosts out among its working specialists: hosts by target days
/// (largest first, then by index), each to the specialist with the fewest target days
/// per working day so far (then the first). Hosts without a target go to everyone.
fn split_hosts(
    people: &[Person],
    pool_hosts: &[BTreeSet<usize>],
    targets: &[Target],
) -> Vec<HashSet<usize>> {
    let mut shares: Vec<HashSet<usize>> = vec![HashSet::new(); people.len()];
    for (p, hosts) in pool_hosts.iter().enumerate() {
        let members: Vec<usize> = (0..people.len())
            .filter(|&q| people[q].pool == p && people[q].works.iter().any(|&w| w))
            .collect();
        if members.is_empty() {
            continue;
        }
        let mut weighted: Vec<(usize, f64)> = hosts
            .iter()
            .map(|&j| {
                let days: f64 = targets
                    .iter()
                    .filter(|t| t.host == j && t.coef.iter().any(|c| c.0 == p))
                    .map(|t| {
                        let rate = t.coef.iter().find(|c| c.0 == p).map_or(1.0, |c| c.1);
                        t.amount / rate / t.coef.len() as f64
                    })
                    .sum();
                (j, days)
            })
            .collect();
        weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut load = vec![0.0; members.len()];
        for (j, days) in weighted {
            if days <= 0.0 {
                for &q in &members {
                    shares[q].insert(j);
                }
                continue;
            }
            let best = (0..members.len())
                .min_by(|&a, &b| {
                    let wa = people[members[a]].works.iter().filter(|&&w| w).count() as f64;
                    let wb = people[members[b]].works.iter().filter(|&&w| w).count() as f64;
                    (load[a] / wa).total_cmp(&(load[b] / wb)).then(a.cmp(&b))
                })
                .expect("members is not empty");
            load[best] += days;
            shares[members[best]].insert(j);
        }
    }
    shares
}

/// The built program.
#[derive(Debug, Clone)]
pub(crate) struct Formulation {
    pub lp: LinearProgram,
}

/// Builds the MIP. Columns `0..triples.len()` are `y`.
pub(crate) fn build(c: &Consortium, inst: &Instance, integer: bool) -> Formulation {
    let s = c.scenario();
    let r = &inst.roster;
    let nd = inst.days.len();
    let mut lp = LinearProgram::new(Sense::Minimise);
    let person = |q: usize| inst.people[q].id.as_str();
    let host = |j: usize| s.institutions[j].id.as_str();
    let date = |d: usize| inst.days[d].date.as_str();
    for t in &inst.triples {
        let k = lp.add_column(0.0, 1.0, s.policy.cost_weight * t.day_cost, integer);
        lp.name_column(k, || {
            format!("at({},{},{})", person(t.person), host(t.host), date(t.day))
        });
    }

    // At most one place a day.
    for (q, per_day) in inst.by_person_day.iter().enumerate() {
        for (d, ks) in per_day.iter().enumerate() {
            if ks.len() > 1 {
                lp.add_row(ks.iter().map(|&k| (k, 1.0)).collect(), Cmp::Le, 1.0);
                lp.name_last_row(|| format!("one_place({},{})", person(q), date(d)));
            }
        }
    }

    // Home cover: away <= working - min (never below 0: days off are not our choice).
    for g in &inst.cover {
        for d in 0..nd {
            let working = g
                .people
                .iter()
                .filter(|&&q| inst.people[q].works[d])
                .count() as u32;
            let may_leave = working.saturating_sub(g.min);
            let mut terms = Vec::new();
            let mut movable = 0;
            for &q in &g.people {
                if !inst.by_person_day[q][d].is_empty() {
                    movable += 1;
                    terms.extend(inst.by_person_day[q][d].iter().map(|&k| (k, 1.0)));
                }
            }
            if movable > may_leave {
                lp.add_row(terms, Cmp::Le, f64::from(may_leave));
                let pool = &s.pools[inst.people[g.people[0]].pool];
                lp.name_last_row(|| {
                    format!("home_cover({},{},{})", pool.home, pool.specialty, date(d))
                });
            }
        }
    }

    // Host rooms per day and over the horizon.
    for (j, ks) in inst.by_host.iter().enumerate() {
        if ks.is_empty() {
            continue;
        }
        let mut per_day = vec![Vec::new(); nd];
        for &k in ks {
            per_day[inst.triples[k].day].push((k, 1.0));
        }
        for (d, terms) in per_day.into_iter().enumerate() {
            if terms.len() > inst.rooms_per_day[j] as usize {
                lp.add_row(terms, Cmp::Le, f64::from(inst.rooms_per_day[j]));
                lp.name_last_row(|| format!("rooms({},{})", host(j), date(d)));
            }
        }
        if ks.len() as f64 > inst.room_limit[j] {
            lp.add_row(
                ks.iter().map(|&k| (k, 1.0)).collect(),
                Cmp::Le,
                inst.room_limit[j],
            );
            lp.name_last_row(|| format!("room_days({})", host(j)));
        }
    }

    // Pool outreach over the horizon.
    let mut by_pool = vec![Vec::new(); s.pools.len()];
    for (k, t) in inst.triples.iter().enumerate() {
        by_pool[inst.people[t.person].pool].push((k, 1.0));
    }
    for (p, terms) in by_pool.into_iter().enumerate() {
        if terms.len() as f64 > inst.pool_limit[p] {
            lp.add_row(terms, Cmp::Le, inst.pool_limit[p]);
            lp.name_last_row(|| format!("pool_days({})", s.pools[p].id));
        }
    }

    // Weekly frequency rules (elastic).
    for &(j, week, required) in &inst.rules {
        let terms: Vec<(usize, f64)> = inst.by_host[j]
            .iter()
            .filter(|&&k| inst.days[inst.triples[k].day].week == week)
            .map(|&k| (k, 1.0))
            .collect();
        let req = f64::from(required);
        if terms.is_empty() {
            lp.offset += r.frequency_penalty * req;
        } else {
            let v = lp.add_column(0.0, req, r.frequency_penalty, false);
            let first = inst.days.iter().find(|d| d.week == week);
            let week_of = || format!("{},{}", host(j), first.map_or("", |d| d.date.as_str()));
            lp.name_column(v, || format!("weekly_short({})", week_of()));
            let mut terms = terms;
            terms.push((v, 1.0));
            lp.add_row(terms, Cmp::Ge, req);
            lp.name_last_row(|| format!("weekly({})", week_of()));
        }
    }

    // Targets (elastic).
    for t in &inst.targets {
        let terms: Vec<(usize, f64)> = inst.by_host[t.host]
            .iter()
            .filter_map(|&k| {
                let p = inst.people[inst.triples[k].person].pool;
                t.coef.iter().find(|c| c.0 == p).map(|c| (k, c.1))
            })
            .collect();
        if terms.is_empty() {
            lp.offset += t.penalty * t.amount;
        } else {
            let u = lp.add_column(0.0, t.amount, t.penalty, false);
            let of = || match t.pool {
                Some(p) => format!("{},{},{}", host(t.host), t.specialty, s.pools[p].id),
                None => format!("{},{}", host(t.host), t.specialty),
            };
            lp.name_column(u, || format!("target_short({})", of()));
            let mut terms = terms;
            terms.push((u, 1.0));
            lp.add_row(terms, Cmp::Ge, t.amount);
            lp.name_last_row(|| format!("target({})", of()));
        }
    }

    // Continuity: z[p,j] >= y[p,j,d]; a penalty per distinct host; a cap on hosts.
    let need_z = r.host_penalty > 0.0 || r.max_hosts_per_specialist.is_some();
    if need_z {
        for (q, hosts) in inst.person_hosts.iter().enumerate() {
            let mut zs = Vec::with_capacity(hosts.len());
            for (j, ks) in hosts {
                let z = lp.add_column(0.0, 1.0, r.host_penalty, false);
                lp.name_column(z, || format!("visits_host({},{})", person(q), host(*j)));
                for &k in ks {
                    lp.add_row(vec![(z, 1.0), (k, -1.0)], Cmp::Ge, 0.0);
                    lp.name_last_row(|| {
                        let d = date(inst.triples[k].day);
                        format!("continuity({},{},{d})", person(q), host(*j))
                    });
                }
                zs.push((z, 1.0));
            }
            if let Some(max) = r.max_hosts_per_specialist {
                if zs.len() > max as usize {
                    lp.add_row(zs, Cmp::Le, f64::from(max));
                    lp.name_last_row(|| format!("max_hosts({})", person(q)));
                }
            }
        }
    }

    // Fairness: spread of visiting days within a pool, among specialists who work.
    if let Some(spread) = r.max_spread_days {
        for p in 0..s.pools.len() {
            let members: Vec<usize> = (0..inst.people.len())
                .filter(|&q| inst.people[q].pool == p && inst.people[q].works.iter().any(|&w| w))
                .collect();
            if members.len() < 2 || members.iter().all(|&q| inst.person_hosts[q].is_empty()) {
                continue;
            }
            let hi = lp.add_column(0.0, nd as f64, 0.0, false);
            lp.name_column(hi, || format!("most_days({})", s.pools[p].id));
            let lo = lp.add_column(0.0, nd as f64, 0.0, false);
            lp.name_column(lo, || format!("fewest_days({})", s.pools[p].id));
            for &q in &members {
                let own: Vec<(usize, f64)> = inst.person_hosts[q]
                    .iter()
                    .flat_map(|(_, ks)| ks.iter().map(|&k| (k, 1.0)))
                    .collect();
                let mut a = own.clone();
                a.push((hi, -1.0));
                lp.add_row(a, Cmp::Le, 0.0);
                lp.name_last_row(|| format!("at_most_most({})", person(q)));
                let mut b = own;
                b.push((lo, -1.0));
                lp.add_row(b, Cmp::Ge, 0.0);
                lp.name_last_row(|| format!("at_least_fewest({})", person(q)));
            }
            lp.add_row(vec![(hi, 1.0), (lo, -1.0)], Cmp::Le, f64::from(spread));
            lp.name_last_row(|| format!("spread({})", s.pools[p].id));
        }
    }

    Formulation { lp }
}
