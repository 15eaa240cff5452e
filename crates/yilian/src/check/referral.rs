//! Checks a tiered-care plan (M5) against its scenario.

use super::Violation;
use crate::network::Consortium;
use crate::plan::{Referral, ReferralPlan};
use crate::scenario::{care_level, is_grassroots, Care, CareClass};
use std::collections::{BTreeMap, HashMap};

fn tol(x: f64) -> f64 {
    1e-6 * (1.0 + x.abs())
}

fn differs(a: f64, b: f64) -> bool {
    !(a.is_finite() && b.is_finite()) || (a - b).abs() > tol(a.abs().max(b.abs()))
}

/// Recomputes every rule of M5 from the scenario and the plan; returns what is broken
/// (empty when the plan is valid).
///
/// Checked: ids; patients non-negative; every acute and recovery flow within its
/// class's travel limit (travel recomputed, minutes and cost as reported) and at a
/// site with capacity for the class; recovery episodes of each acute flow plus its
/// unplaced ones equal to the recovery share of the flow; treated + unmet = demand;
/// load within capacity at each institution and class; capability (the tier, or one
/// level below with the load covered by visiting specialists' visits, at most the
/// visits of the rotation's days, and by telemedicine consultations, at most the
/// link's hub minutes and, over all of a hub's links, at most its shared
/// `care.hub_minutes`); the rotation plan itself ([`super::check_rotation`]); and every
/// reported figure: loads, utilisation, referrals up and down, shares, busiest
/// hospital, costs, target lines and the objectives.
pub fn check_referral(c: &Consortium, plan: &ReferralPlan) -> Vec<Violation> {
    let s = c.scenario();
    let Some(care) = &s.care else {
        return vec![Violation::new(
            "care",
            "scenario",
            "the scenario has no care section",
        )];
    };
    let mut v = super::violation::header(
        &plan.format,
        &plan.model,
        "referral",
        &plan.scenario,
        &s.name,
    );
    for r in super::check_rotation(c, &plan.rotation) {
        v.push(Violation::new(
            &format!("rotation.{}", r.rule),
            r.subject,
            r.message,
        ));
    }
    let class = |id: &str| care.class(id);
    let tc = care.travel_cost_per_minute;
    let level = |j: usize| care_level(s.institutions[j].tier);

    // Travel recomputed from the network for every (origin, site) pair of the plan.
    let longest = care
        .classes
        .iter()
        .map(|k| k.max_travel_minutes)
        .fold(0.0, f64::max);
    let mut pairs: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (o, site) in plan
        .flows
        .iter()
        .map(|f| (&f.origin, &f.site))
        .chain(plan.recovery.iter().map(|r| (&r.origin, &r.site)))
    {
        if let (Some(i), Some(j)) = (c.index_of(o), c.index_of(site)) {
            pairs.entry(i).or_default().push(j);
        }
    }
    let mut travel: HashMap<(usize, usize), f64> = HashMap::new();
    for (i, mut sites) in pairs {
        sites.sort_unstable();
        sites.dedup();
        for (j, m) in c.travel_to(i, &sites, longest) {
            travel.insert((i, j), m);
        }
    }

    // A flow of either stage: known ids, travel, capacity entry, minutes and cost.
    let flow_ok = |v: &mut Violation2,
                   subject: &str,
                   origin: &str,
                   site: &str,
                   k: &CareClass,
                   patients: f64,
                   minutes: f64,
                   cost: f64|
     -> Option<(usize, usize)> {
        let (Some(i), Some(j)) = (c.index_of(origin), c.index_of(site)) else {
            v.push(
                "unknown_id",
                subject,
                "origin or site is not an institution".into(),
            );
            return None;
        };
        if !patients.is_finite() || patients < 0.0 {
            v.push(
                "patients",
                subject,
                format!("{patients} is not a number of patients >= 0"),
            );
        }
        match travel.get(&(i, j)).copied() {
            Some(m) if m <= k.max_travel_minutes + 1e-9 => {
                if differs(minutes, m) {
                    v.push(
                        "travel",
                        subject,
                        format!("reports {minutes} minutes, recomputed {m}"),
                    );
                }
                let expect = patients * (tc * m + k.cost_at(s.institutions[j].tier));
                if differs(cost, expect) {
                    v.push(
                        "cost",
                        subject,
                        format!("reports cost {cost}, recomputed {expect}"),
                    );
                }
            }
            other => v.push(
                "travel",
                subject,
                format!(
                    "the site is beyond the {} travel limit of {} minutes ({})",
                    k.id,
                    k.max_travel_minutes,
                    other.map_or("farther than every limit".into(), |m| format!(
                        "{m:.1} minutes"
                    ))
                ),
            ),
        }
        if !care
            .capacity
            .get(site)
            .is_some_and(|m| m.contains_key(&k.id))
        {
            v.push(
                "capacity",
                subject,
                format!("{site} has no capacity for {}", k.id),
            );
        }
        Some((i, j))
    };

    let mut out = Violation2(Vec::new());
    let mut load: BTreeMap<(String, String), f64> = BTreeMap::new();
    let mut treated: HashMap<(String, String), f64> = HashMap::new();
    let mut in_grassroots = 0.0;
    let mut in_county = 0.0;
    let mut counted: BTreeMap<&str, f64> = BTreeMap::new(); // target -> episodes reached
    let mut travel_cost = 0.0;
    let mut treatment_cost = 0.0;
    let mut unmet_penalty = 0.0;
    let mut up: BTreeMap<(String, String), f64> = BTreeMap::new();
    let mut down: BTreeMap<(String, String), f64> = BTreeMap::new();
    let county = |j: usize| s.institutions[j].consortium.as_deref();
    let t = &care.targets;
    let in_target = |target: &Option<crate::scenario::ShareTarget>, k: &str| {
        target
            .as_ref()
            .is_some_and(|t| t.classes.is_empty() || t.classes.iter().any(|c| c == k))
    };
    let mut tally =
        |i: usize, j: usize, k: &CareClass, patients: f64, counted: &mut BTreeMap<&str, f64>| {
            let (g, w) = (
                is_grassroots(s.institutions[j].tier),
                county(i) == county(j),
            );
            if g {
                in_grassroots += patients;
                if in_target(&t.min_grassroots_share, &k.id) {
                    *counted.entry("min_grassroots_share").or_default() += patients;
                }
            }
            if w {
                in_county += patients;
                if in_target(&t.min_within_county_share, &k.id) {
                    *counted.entry("min_within_county_share").or_default() += patients;
                }
            }
        };

    // Acute flows.
    let mut acute: HashMap<(String, String, String), (f64, f64)> = HashMap::new();
    for f in &plan.flows {
        let subject = format!("{} {} -> {}", f.origin, f.class, f.site);
        let Some(k) = class(&f.class) else {
            out.push(
                "unknown_id",
                &subject,
                format!("\"{}\" is not a class", f.class),
            );
            continue;
        };
        let Some((i, j)) = flow_ok(
            &mut out, &subject, &f.origin, &f.site, k, f.patients, f.minutes, f.cost,
        ) else {
            continue;
        };
        *load.entry((f.site.clone(), f.class.clone())).or_default() += f.patients;
        *treated
            .entry((f.origin.clone(), f.class.clone()))
            .or_default() += f.patients;
        travel_cost += f.patients * tc * f.minutes;
        treatment_cost += f.patients * k.cost_at(s.institutions[j].tier);
        tally(i, j, k, f.patients, &mut counted);
        if is_grassroots(s.institutions[i].tier) && level(j) > level(i) {
            *up.entry((f.origin.clone(), f.site.clone())).or_default() += f.patients;
        }
        if !f.recovery_unplaced.is_finite() || f.recovery_unplaced < 0.0 {
            out.push(
                "recovery",
                &subject,
                format!("{} unplaced is not >= 0", f.recovery_unplaced),
            );
        }
        if let Some(r) = &k.recovery {
            let rc = class(&r.class).expect("validated");
            unmet_penalty += rc.unmet_penalty * f.recovery_unplaced;
        } else if f.recovery_unplaced != 0.0 {
            out.push(
                "recovery",
                &subject,
                format!("{} has no recovery stage", k.id),
            );
        }
        let e = acute
            .entry((f.origin.clone(), f.class.clone(), f.site.clone()))
            .or_default();
        e.0 += f.patients;
        e.1 += f.recovery_unplaced;
    }

    // Recovery flows.
    let mut recovered: HashMap<(String, String, String), f64> = HashMap::new();
    for r in &plan.recovery {
        let subject = format!(
            "{} {} at {} -> {} {}",
            r.origin, r.class, r.acute_site, r.recovery_class, r.site
        );
        let (Some(k), Some(rk)) = (class(&r.class), class(&r.recovery_class)) else {
            out.push(
                "unknown_id",
                &subject,
                "a class is not in the scenario".into(),
            );
            continue;
        };
        if k.recovery.as_ref().map(|x| x.class.as_str()) != Some(rk.id.as_str()) {
            out.push(
                "recovery",
                &subject,
                format!("{} does not continue as {}", k.id, rk.id),
            );
            continue;
        }
        let Some((i, j)) = flow_ok(
            &mut out, &subject, &r.origin, &r.site, rk, r.patients, r.minutes, r.cost,
        ) else {
            continue;
        };
        *load
            .entry((r.site.clone(), r.recovery_class.clone()))
            .or_default() += r.patients;
        travel_cost += r.patients * tc * r.minutes;
        treatment_cost += r.patients * rk.cost_at(s.institutions[j].tier);
        tally(i, j, rk, r.patients, &mut counted);
        *recovered
            .entry((r.origin.clone(), r.class.clone(), r.acute_site.clone()))
            .or_default() += r.patients;
        if let Some(a) = c.index_of(&r.acute_site) {
            if level(j) < level(a) {
                *down
                    .entry((r.acute_site.clone(), r.site.clone()))
                    .or_default() += r.patients;
            }
        }
    }
    for (key, &rec) in &recovered {
        if !acute.contains_key(key) {
            out.push(
                "recovery",
                &format!("{} {} at {}", key.0, key.1, key.2),
                format!("{rec} recovery episodes of an acute flow the plan does not have"),
            );
        }
    }
    for ((origin, cl, site), &(patients, unplaced)) in &acute {
        let Some(r) = class(cl).and_then(|k| k.recovery.as_ref()) else {
            continue;
        };
        let rec = recovered
            .get(&(origin.clone(), cl.clone(), site.clone()))
            .copied()
            .unwrap_or(0.0);
        let expect = r.share * patients;
        if differs(rec + unplaced, expect) {
            out.push(
                "recovery",
                &format!("{origin} {cl} at {site}"),
                format!(
                "{rec} recovery episodes + {unplaced} unplaced, but {} x {patients} = {expect} \
                 continue as {}", r.share, r.class),
            );
        }
    }

    // Demand.
    let mut lines: HashMap<(&str, &str), usize> = HashMap::new();
    for (n, d) in plan.demand.iter().enumerate() {
        lines.insert((d.origin.as_str(), d.class.as_str()), n);
    }
    let mut episodes = 0.0;
    let mut target_episodes: BTreeMap<&str, f64> = BTreeMap::new();
    for (origin, by_class) in &care.demand {
        for (cl, &d) in by_class {
            if d <= 0.0 {
                continue;
            }
            let k = class(cl).expect("validated");
            let mut add = |kid: &str, x: f64| {
                episodes += x;
                for (name, target) in [
                    ("min_grassroots_share", &t.min_grassroots_share),
                    ("min_within_county_share", &t.min_within_county_share),
                ] {
                    if in_target(target, kid) {
                        *target_episodes.entry(name).or_default() += x;
                    }
                }
            };
            add(cl, d);
            if let Some(r) = &k.recovery {
                add(&r.class, r.share * d);
            }
            let subject = format!("{origin} {cl}");
            let done = treated
                .get(&(origin.clone(), cl.clone()))
                .copied()
                .unwrap_or(0.0);
            if done > d + tol(d) {
                out.push(
                    "demand",
                    &subject,
                    format!("treats {done} of a demand of {d}"),
                );
            }
            let unmet = (d - done).max(0.0);
            unmet_penalty += k.unmet_penalty * unmet;
            match lines.get(&(origin.as_str(), cl.as_str())) {
                None => out.push("demand", &subject, "has no demand line".into()),
                Some(&n) => {
                    let line = &plan.demand[n];
                    if differs(line.demand, d)
                        || differs(line.treated, done)
                        || differs(line.unmet, unmet)
                        || differs(line.treated + line.unmet, d)
                    {
                        out.push("demand", &subject, format!(
                            "reports demand {} treated {} unmet {}; recomputed {d}, {done}, {unmet}",
                            line.demand, line.treated, line.unmet));
                    }
                }
            }
        }
    }

    // Visits and telemedicine available.
    let rate: HashMap<&str, f64> = s
        .pools
        .iter()
        .map(|p| (p.id.as_str(), p.visits_per_day))
        .collect();
    let mut visits: HashMap<(String, String), f64> = HashMap::new();
    for a in &plan.rotation.assignments {
        *visits
            .entry((a.host.clone(), a.specialty.clone()))
            .or_default() += a.days * rate.get(a.pool.as_str()).copied().unwrap_or(0.0);
    }
    let mut consults: HashMap<(String, String), f64> = HashMap::new();
    let mut links_seen = vec![false; care.telemedicine.len()];
    let mut hub_used: HashMap<&str, f64> = HashMap::new();
    for u in &plan.telemedicine {
        let subject = format!("{} -> {}", u.hub, u.spoke);
        let Some(l) = care
            .telemedicine
            .iter()
            .position(|x| x.hub == u.hub && x.spoke == u.spoke)
        else {
            out.push(
                "telemedicine",
                &subject,
                "is not a link of the scenario".into(),
            );
            continue;
        };
        links_seen[l] = true;
        let link = &care.telemedicine[l];
        let mut used = 0.0;
        for (cl, &n) in &u.consultations {
            let ok = class(cl).is_some_and(|k| {
                let (h, sp) = (c.index_of(&link.hub), c.index_of(&link.spoke));
                matches!((h, sp), (Some(h), Some(sp)) if Care::link_supports(
                    link, k, s.institutions[h].tier, s.institutions[sp].tier))
            });
            if !ok {
                out.push(
                    "capability",
                    &subject,
                    format!("the link does not support {cl}"),
                );
            }
            if !n.is_finite() || n < 0.0 {
                out.push(
                    "telemedicine",
                    &subject,
                    format!("{n} consultations of {cl}"),
                );
            }
            used += n * link.minutes_per_consultation;
            *consults.entry((u.spoke.clone(), cl.clone())).or_default() += n;
        }
        *hub_used.entry(link.hub.as_str()).or_default() += used;
        if differs(u.minutes, link.minutes) || differs(u.minutes_used, used) {
            out.push(
                "telemedicine",
                &subject,
                format!(
                    "reports {} of {} minutes used; recomputed {used} of {}",
                    u.minutes_used, u.minutes, link.minutes
                ),
            );
        }
        if used > link.minutes + tol(link.minutes) {
            out.push(
                "telemedicine",
                &subject,
                format!(
                    "uses {used} hub minutes, more than the link's {}",
                    link.minutes
                ),
            );
        }
    }
    for (l, seen) in links_seen.iter().enumerate() {
        if !seen {
            let link = &care.telemedicine[l];
            out.push(
                "telemedicine",
                &format!("{} -> {}", link.hub, link.spoke),
                "has no line".into(),
            );
        }
    }

    // Minutes a hub shares among its links: every link's consultations together.
    for (hub, &minutes) in &care.hub_minutes {
        let used = hub_used.get(hub.as_str()).copied().unwrap_or(0.0);
        if used > minutes + tol(minutes) {
            out.push(
                "telemedicine",
                hub,
                format!("its links use {used} hub minutes together, more than its {minutes}"),
            );
        }
        match plan.hub_minutes.iter().find(|h| &h.hub == hub) {
            None => out.push("telemedicine", hub, "has no hub minutes line".into()),
            Some(h) if differs(h.minutes, minutes) || differs(h.minutes_used, used) => out.push(
                "telemedicine",
                hub,
                format!(
                    "reports {} of {} hub minutes used; recomputed {used} of {minutes}",
                    h.minutes_used, h.minutes
                ),
            ),
            Some(_) => {}
        }
    }
    for h in &plan.hub_minutes {
        if !care.hub_minutes.contains_key(&h.hub) {
            out.push(
                "telemedicine",
                &h.hub,
                "reports hub minutes the scenario does not share".into(),
            );
        }
    }

    // Loads, capacity and capability.
    let mut load_lines: HashMap<(&str, &str), usize> = HashMap::new();
    for (n, l) in plan.loads.iter().enumerate() {
        load_lines.insert((l.institution.as_str(), l.class.as_str()), n);
    }
    let mut by_visits: HashMap<(String, String), f64> = HashMap::new();
    let mut busiest: Option<(String, String, f64)> = None;
    let mut over_umax = 0.0;
    for (site, by_class) in &care.capacity {
        let j = c.index_of(site).expect("validated");
        for (cl, cap) in by_class {
            let k = class(cl).expect("validated");
            let capacity = cap.patients(k, s.period_days);
            let l = load
                .get(&(site.clone(), cl.clone()))
                .copied()
                .unwrap_or(0.0);
            let subject = format!("{site} {cl}");
            if l > capacity + tol(capacity) {
                out.push(
                    "capacity",
                    &subject,
                    format!("treats {l} patients, capacity {capacity}"),
                );
            }
            let native = level(j) >= care_level(k.min_tier);
            let Some(&n) = load_lines.get(&(site.as_str(), cl.as_str())) else {
                out.push("load", &subject, "has no load line".into());
                continue;
            };
            let line = &plan.loads[n];
            let util = if capacity > 0.0 { l / capacity } else { 0.0 };
            if differs(line.capacity, capacity)
                || differs(line.load, l)
                || differs(line.utilisation, util)
                || line.native != native
            {
                out.push("load", &subject, format!(
                    "reports capacity {} load {} utilisation {} native {}; recomputed {capacity}, \
                     {l}, {util}, {native}", line.capacity, line.load, line.utilisation, line.native));
            }
            let tele = consults
                .get(&(site.clone(), cl.clone()))
                .copied()
                .unwrap_or(0.0);
            if differs(line.by_telemedicine, tele) {
                out.push(
                    "telemedicine",
                    &subject,
                    format!(
                        "reports {} consultations, the links carry {tele}",
                        line.by_telemedicine
                    ),
                );
            }
            if line.by_visits < 0.0 || !line.by_visits.is_finite() {
                out.push(
                    "capability",
                    &subject,
                    format!("{} patients by visits", line.by_visits),
                );
            }
            if native {
                if line.by_visits > tol(0.0) || tele > tol(0.0) {
                    out.push(
                        "capability",
                        &subject,
                        "the tier treats the class on its own: no visits or consultations count"
                            .into(),
                    );
                }
            } else if l > tol(0.0) {
                if level(j) + 1 != care_level(k.min_tier) {
                    out.push(
                        "capability",
                        &subject,
                        format!(
                        "a {} may not treat {} (needs {}; visits and telemedicine lift one level)",
                        s.institutions[j].tier, k.id, k.min_tier),
                    );
                }
                if line.by_visits > tol(0.0) && k.enabling_specialty.is_none() {
                    out.push(
                        "capability",
                        &subject,
                        format!("{} has no enabling specialty for visits", k.id),
                    );
                }
                if l > line.by_visits + tele + tol(l) {
                    out.push(
                        "capability",
                        &subject,
                        format!(
                            "treats {l} patients but visits cover {} and telemedicine {tele}",
                            line.by_visits
                        ),
                    );
                }
            }
            if let Some(sp) = &k.enabling_specialty {
                if line.by_visits > 0.0 {
                    *by_visits.entry((site.clone(), sp.clone())).or_default() += line.by_visits;
                }
            }
            if level(j) >= 3 && capacity > 0.0 {
                if busiest
                    .as_ref()
                    .is_none_or(|b| util > b.2 || (util == b.2 && *site < b.0))
                {
                    busiest = Some((site.clone(), cl.clone(), util));
                }
                if let Some(umax) = t.max_hospital_utilisation {
                    let over = l - umax * capacity;
                    if over > 1e-7 * capacity.max(1.0) {
                        over_umax += over;
                    }
                }
            }
        }
    }
    let mut visit_lines: HashMap<(String, String), (f64, f64)> = HashMap::new();
    for vl in &plan.visiting {
        visit_lines.insert(
            (vl.host.clone(), vl.specialty.clone()),
            (vl.visits, vl.patients),
        );
        let have = visits
            .get(&(vl.host.clone(), vl.specialty.clone()))
            .copied()
            .unwrap_or(0.0);
        let subject = format!("{} {}", vl.host, vl.specialty);
        if differs(vl.visits, have) {
            out.push(
                "visits",
                &subject,
                format!(
                    "reports {} visits, the rotation's days give {have}",
                    vl.visits
                ),
            );
        }
    }
    for ((host, sp), &p) in &by_visits {
        let have = visits
            .get(&(host.clone(), sp.clone()))
            .copied()
            .unwrap_or(0.0);
        let subject = format!("{host} {sp}");
        if p > have + tol(have) {
            out.push(
                "capability",
                &subject,
                format!(
                    "{p} patients need visiting {sp} specialists, whose days give {have} visits"
                ),
            );
        }
        match visit_lines.get(&(host.clone(), sp.clone())) {
            Some(&(_, reported)) if !differs(reported, p) => {}
            other => out.push(
                "visits",
                &subject,
                format!(
                    "reports {} patients by visits, the loads give {p}",
                    other.map_or(0.0, |x| x.1)
                ),
            ),
        }
    }

    // Referrals and figures.
    let compare = |out: &mut Violation2,
                   name: &str,
                   table: &[Referral],
                   want: &BTreeMap<(String, String), f64>| {
        let mut got: BTreeMap<(String, String), f64> = BTreeMap::new();
        for r in table {
            *got.entry((r.from.clone(), r.to.clone())).or_default() += r.patients;
        }
        for (key, &x) in want {
            let y = got.get(key).copied().unwrap_or(0.0);
            if differs(x, y) {
                out.push(
                    name,
                    &format!("{} -> {}", key.0, key.1),
                    format!("reports {y} patients, recomputed {x}"),
                );
            }
        }
        for (key, &y) in &got {
            if !want.contains_key(key) && y.abs() > tol(0.0) {
                out.push(
                    name,
                    &format!("{} -> {}", key.0, key.1),
                    format!("reports {y} patients, recomputed 0"),
                );
            }
        }
    };
    compare(&mut out, "referrals_up", &plan.referrals_up, &up);
    compare(&mut out, "referrals_down", &plan.referrals_down, &down);
    let total_treated: f64 = load.values().sum();
    let share = |x: f64| if episodes > 0.0 { x / episodes } else { 0.0 };
    let mut target_penalty = 0.0;
    for (name, target) in [
        ("min_grassroots_share", &t.min_grassroots_share),
        ("min_within_county_share", &t.min_within_county_share),
    ] {
        let Some(target) = target else { continue };
        let n = target_episodes.get(name).copied().unwrap_or(0.0);
        let reached = counted.get(name).copied().unwrap_or(0.0);
        let short = (target.share * n - reached).max(0.0);
        let short = if short < 1e-7 * n.max(1.0) {
            0.0
        } else {
            short
        };
        target_penalty += t.penalty * short;
        let achieved = if n > 0.0 { reached / n } else { 0.0 };
        match plan.target(name) {
            None => out.push("target", name, "has no target line".into()),
            Some(line) => {
                if differs(line.required, target.share)
                    || differs(line.achieved, achieved)
                    || differs(line.episodes, n)
                    || differs(line.shortfall_episodes, short)
                {
                    out.push(
                        "target",
                        name,
                        format!(
                            "reports {} of {} required over {} episodes, {} short; recomputed \
                         {achieved}, {}, {n}, {short}",
                            line.achieved,
                            line.required,
                            line.episodes,
                            line.shortfall_episodes,
                            target.share
                        ),
                    );
                }
            }
        }
    }
    if let Some(umax) = t.max_hospital_utilisation {
        target_penalty += t.penalty * over_umax;
        let achieved = busiest.as_ref().map_or(0.0, |b| b.2);
        match plan.target("max_hospital_utilisation") {
            None => out.push(
                "target",
                "max_hospital_utilisation",
                "has no target line".into(),
            ),
            Some(line) => {
                if differs(line.required, umax)
                    || differs(line.achieved, achieved)
                    || differs(line.shortfall_episodes, over_umax)
                {
                    out.push(
                        "target",
                        "max_hospital_utilisation",
                        format!(
                        "reports {} (max {}), {} above; recomputed {achieved}, {umax}, {over_umax}",
                        line.achieved, line.required, line.shortfall_episodes),
                    );
                }
            }
        }
    }
    let objective = travel_cost + treatment_cost + unmet_penalty + target_penalty;
    let weight = care.rotation_weight_for(s.policy.cost_weight);
    let figures = [
        ("episodes", plan.episodes, episodes),
        ("treated", plan.treated, total_treated),
        (
            "grassroots_share",
            plan.grassroots_share,
            share(in_grassroots),
        ),
        (
            "within_county_share",
            plan.within_county_share,
            share(in_county),
        ),
        ("referred_up", plan.referred_up, up.values().sum::<f64>()),
        (
            "referred_down",
            plan.referred_down,
            down.values().sum::<f64>(),
        ),
        ("travel_cost", plan.travel_cost, travel_cost),
        ("treatment_cost", plan.treatment_cost, treatment_cost),
        ("unmet_penalty", plan.unmet_penalty, unmet_penalty),
        ("target_penalty", plan.target_penalty, target_penalty),
        ("objective", plan.objective, objective),
        (
            "rotation_objective",
            plan.rotation_objective,
            weight * plan.rotation.objective,
        ),
        (
            "total_objective",
            plan.total_objective,
            objective + weight * plan.rotation.objective,
        ),
    ];
    for (name, reported, recomputed) in figures {
        if differs(reported, recomputed) {
            out.push(
                "figures",
                name,
                format!("reports {reported}, recomputed {recomputed}"),
            );
        }
    }
    let busiest_ok = match (&plan.busiest_hospital, &busiest) {
        (None, None) => true,
        (Some(a), Some(b)) => !differs(a.2, b.2),
        _ => false,
    };
    if !busiest_ok {
        out.push(
            "figures",
            "busiest_hospital",
            format!(
                "reports {:?}, recomputed {:?}",
                plan.busiest_hospital, busiest
            ),
        );
    }
    v.extend(out.0);
    v
}

/// Violations collected by closures that borrow other state.
struct Violation2(Vec<Violation>);

impl Violation2 {
    fn push(&mut self, rule: &str, subject: &str, message: String) {
        self.0.push(Violation::new(rule, subject, message));
    }
}
