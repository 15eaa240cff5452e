//! Checks a shared-scanner plan (M3) against its scenario.
//!
//! One function per rule of M3 (see `yilian::ScannerModel` and `design.md`,
//! section 4), named after it, then one per reported figure:
//!
//! | rule | function | violation |
//! |---|---|---|
//! | units in place fixed (or movable with `allow_relocation`) | `units_in_place` | `units` |
//! | `n[j,m]` only at candidates, `n <= max_units` | `new_units` | `units` |
//! | relocation: units per modality kept, site room | `relocation` | `relocation`, `units` |
//! | `x[i,j,m] >= 0` only within the travel limit (and consortium) | `flows` | `flow`, `travel`, `consortium` |
//! | `sum_i x <= throughput x days x units` | `capacity` | `capacity`, `units` |
//! | `sum_j x + u = demand` | `demand_balance` | `demand` |
//! | `u = 0` with `require_full_coverage` | `full_coverage` | `coverage` |
//! | budget | `budget` | `budget` |
//! | count of new units | `max_new_units` | `max_new_units` |
//! | each unit line's exams, utilisation, cost | `unit_use` | `report` |
//! | value of a scanner-day: >= 0, positive only at a full site | `unit_use` | `shadow_price` |
//! | modality totals (units, served, mean and p90 travel) | `modality_totals` | `report` |
//! | units moved, total cost, objective | `units_moved`, `total_cost`, `objective` | `report` |

use super::tolerance::{differs, exceeds, shadow_price_fault, slack};
use super::Violation;
use crate::network::Consortium;
use crate::plan::{ScannerObjective, ScannerPlan};
use crate::scenario::Imaging;
use std::collections::{BTreeMap, HashMap};

type Key = (String, String);

/// A (site, modality) of the scenario: units in place and candidate terms.
#[derive(Default, Clone, Copy)]
struct Station {
    existing: u32,
    /// Exams per period of the units in place, each at its own throughput.
    existing_capacity: f64,
    /// (fixed cost, max units) when the site is a candidate for the modality.
    candidate: Option<(f64, u32)>,
}

/// What the scenario says, and what the plan's flows add up to.
struct Input<'a> {
    c: &'a Consortium,
    im: &'a Imaging,
    stations: BTreeMap<Key, Station>,
    /// Exams per (site, modality) from the flows.
    at_site: HashMap<Key, f64>,
    /// Exams per (institution, modality) from the flows.
    served: HashMap<Key, f64>,
    /// Per modality: (minutes, exams) of every valid flow.
    travel: BTreeMap<String, Vec<(f64, f64)>>,
}

/// Recomputes every rule of M3 from the scenario and the plan; returns what is broken.
///
/// Checked: units in place as in the scenario (kept without relocation); new units
/// only at candidate sites and within `max_units`, with or without relocation; with
/// relocation, units per modality kept and each site within its room; flows
/// non-negative, between known institutions, within the modality's travel limit
/// (travel recomputed) and, with `within_consortium`, inside one consortium; exams at
/// each site within its capacity (recomputed from the units); served + unmet = demand
/// at each institution; full coverage when required; budget and count of new units;
/// and every figure the plan reports: each unit line's capacity, exams, utilisation
/// and cost, the modality totals (demand, served, unmet, units, units added, mean and
/// 90th percentile travel), units moved, total cost and the objective.
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
    let mut input = Input {
        c,
        im,
        stations: stations(im),
        at_site: HashMap::new(),
        served: HashMap::new(),
        travel: BTreeMap::new(),
    };
    units_in_place(&input, plan, &mut v);
    new_units(&input, plan, &mut v);
    relocation(&input, plan, &mut v);
    flows(&mut input, plan, &mut v);
    capacity(&input, plan, &mut v);
    let unmet = demand_balance(&input, plan, &mut v);
    full_coverage(&input, &mut v);
    let cost = recomputed_cost(&input, plan);
    budget(im, cost, &mut v);
    max_new_units(im, plan, &mut v);
    unit_use(&input, plan, &mut v);
    modality_totals(&input, plan, &mut v);
    units_moved(&input, plan, &mut v);
    total_cost(plan, cost, &mut v);
    objective(&input, plan, unmet, cost, &mut v);
    v
}

fn stations(im: &Imaging) -> BTreeMap<Key, Station> {
    let mut out: BTreeMap<Key, Station> = BTreeMap::new();
    for sc in &im.scanners {
        let Some(ms) = im.modalities.get(&sc.modality) else {
            continue;
        };
        let e = out
            .entry((sc.site.clone(), sc.modality.clone()))
            .or_default();
        e.existing += 1;
        e.existing_capacity += sc.exams_per_day.unwrap_or(ms.exams_per_day)
            * sc.working_days.unwrap_or(ms.working_days);
    }
    for cand in &im.candidates {
        out.entry((cand.site.clone(), cand.modality.clone()))
            .or_default()
            .candidate = Some((cand.fixed_cost, cand.max_units));
    }
    out
}

fn station(input: &Input, site: &str, modality: &str) -> Station {
    input
        .stations
        .get(&(site.to_string(), modality.to_string()))
        .copied()
        .unwrap_or_default()
}

/// Units in place: each line reports the scenario's count, keeps them all without
/// relocation, and every site with units in place has a line.
fn units_in_place(input: &Input, plan: &ScannerPlan, v: &mut Vec<Violation>) {
    let mut listed: HashMap<(&str, &str), usize> = HashMap::new();
    for u in &plan.units {
        let subject = format!("{} {}", u.site, u.modality);
        *listed.entry((&u.site, &u.modality)).or_default() += 1;
        if !input.im.modalities.contains_key(&u.modality) || input.c.index_of(&u.site).is_none() {
            v.push(Violation::new(
                "unknown_id",
                subject,
                "site or modality is not in the scenario",
            ));
            continue;
        }
        let st = station(input, &u.site, &u.modality);
        if u.existing != st.existing {
            v.push(Violation::new(
                "units",
                &subject,
                format!(
                    "reports {} units in place, the scenario has {}",
                    u.existing, st.existing
                ),
            ));
        }
        if !input.im.allow_relocation && u.kept != st.existing {
            v.push(Violation::new(
                "units",
                &subject,
                format!(
                    "keeps {} units but relocation is not allowed ({} in place)",
                    u.kept, st.existing
                ),
            ));
        }
    }
    for ((site, m), st) in &input.stations {
        let n = listed
            .get(&(site.as_str(), m.as_str()))
            .copied()
            .unwrap_or(0);
        if st.existing > 0 && n == 0 {
            v.push(Violation::new(
                "report",
                format!("{site} {m}"),
                format!(
                    "the {} unit(s) in place are missing from the plan",
                    st.existing
                ),
            ));
        }
        if n > 1 {
            v.push(Violation::new(
                "report",
                format!("{site} {m}"),
                format!("the plan has {n} unit lines for one site and modality"),
            ));
        }
    }
}

/// New units `n[j,m]`: only at candidate sites, at most the candidate's `max_units`
/// (with or without relocation).
fn new_units(input: &Input, plan: &ScannerPlan, v: &mut Vec<Violation>) {
    for u in plan.units.iter().filter(|u| u.added > 0) {
        let subject = format!("{} {}", u.site, u.modality);
        match station(input, &u.site, &u.modality).candidate {
            None => v.push(Violation::new(
                "units",
                &subject,
                format!("adds {} units at a site that is not a candidate", u.added),
            )),
            Some((_, max)) if u.added > max => v.push(Violation::new(
                "units",
                &subject,
                format!("adds {} units, more than the candidate's {max}", u.added),
            )),
            _ => {}
        }
    }
}

/// Relocation: the units of each modality are only moved (their count is kept), and
/// a site holds at most its units in place plus the candidate's room.
fn relocation(input: &Input, plan: &ScannerPlan, v: &mut Vec<Violation>) {
    if !input.im.allow_relocation {
        return;
    }
    let mut by_modality: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for ((_, m), st) in &input.stations {
        by_modality.entry(m).or_default().1 += u64::from(st.existing);
    }
    for u in &plan.units {
        let st = station(input, &u.site, &u.modality);
        let room = st.candidate.map_or(0, |(_, m)| m);
        let holds = u64::from(u.kept) + u64::from(u.added);
        if holds > u64::from(st.existing) + u64::from(room) {
            v.push(Violation::new(
                "units",
                format!("{} {}", u.site, u.modality),
                format!(
                    "holds {holds} units, more than its {} in place and room for {room} more",
                    st.existing
                ),
            ));
        }
        if let Some(e) = by_modality.get_mut(u.modality.as_str()) {
            e.0 += u64::from(u.kept);
        }
    }
    for (m, (kept, was)) in by_modality {
        if kept != was {
            v.push(Violation::new(
                "relocation",
                m,
                format!("{kept} units in place after relocation, {was} before"),
            ));
        }
    }
}

/// Exam flows `x[i,j,m] >= 0`: known ids, a non-negative number, within the
/// modality's travel limit (recomputed), inside one consortium when the scenario asks
/// for it, and the minutes reported.
fn flows(input: &mut Input, plan: &ScannerPlan, v: &mut Vec<Violation>) {
    let (c, im) = (input.c, input.im);
    let s = c.scenario();
    let mut cutoffs: HashMap<usize, f64> = HashMap::new();
    for f in &plan.flows {
        if let (Some(j), Some(ms)) = (c.index_of(&f.site), im.modalities.get(&f.modality)) {
            let e = cutoffs.entry(j).or_insert(ms.max_travel_minutes);
            *e = e.max(ms.max_travel_minutes);
        }
    }
    let sources: Vec<(usize, f64)> = cutoffs.into_iter().collect();
    let travel = c.travel_from(&sources);
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
        if im.within_consortium {
            if let (Some(a), Some(b)) =
                (&s.institutions[i].consortium, &s.institutions[j].consortium)
            {
                if a != b {
                    v.push(Violation::new(
                        "consortium",
                        &subject,
                        format!("the institution is in consortium {a}, the site in {b}"),
                    ));
                }
            }
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
                input
                    .travel
                    .entry(f.modality.clone())
                    .or_default()
                    .push((m, f.exams));
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
        *input
            .at_site
            .entry((f.site.clone(), f.modality.clone()))
            .or_default() += f.exams;
        *input
            .served
            .entry((f.institution.clone(), f.modality.clone()))
            .or_default() += f.exams;
    }
}

/// The capacity of a unit line recomputed: units in place at their own throughput plus
/// new units at the modality's; with relocation every unit counts at the modality's
/// rate (the validator refuses own rates with relocation).
fn recomputed_capacity(input: &Input, site: &str, modality: &str, kept: u32, added: u32) -> f64 {
    let Some(ms) = input.im.modalities.get(modality) else {
        return 0.0;
    };
    let st = station(input, site, modality);
    if input.im.allow_relocation {
        (f64::from(kept) + f64::from(added)) * ms.unit_capacity()
    } else {
        st.existing_capacity + f64::from(added) * ms.unit_capacity()
    }
}

/// Capacity `sum_i x[i,j,m] <= throughput x days x units`: the reported capacity of
/// each line, and the exams the flows send to each site.
fn capacity(input: &Input, plan: &ScannerPlan, v: &mut Vec<Violation>) {
    let mut cap: HashMap<(&str, &str), f64> = HashMap::new();
    for u in &plan.units {
        let recomputed = recomputed_capacity(input, &u.site, &u.modality, u.kept, u.added);
        if differs(u.capacity, recomputed) {
            v.push(Violation::new(
                "units",
                format!("{} {}", u.site, u.modality),
                format!("reports capacity {}, recomputed {recomputed}", u.capacity),
            ));
        }
        cap.insert((&u.site, &u.modality), recomputed);
    }
    let mut sites: Vec<(&Key, &f64)> = input.at_site.iter().collect();
    sites.sort_by(|a, b| a.0.cmp(b.0));
    for ((site, m), &exams) in sites {
        let limit = match cap.get(&(site.as_str(), m.as_str())) {
            Some(&c) => c,
            // A site without a unit line: its units in place, or none when they may move.
            None if input.im.allow_relocation => 0.0,
            None => station(input, site, m).existing_capacity,
        };
        if exceeds(exams, limit) {
            v.push(Violation::new(
                "capacity",
                format!("{site} {m}"),
                format!("performs {exams} exams, more than its capacity of {limit}"),
            ));
        }
    }
}

/// `sum_j x[i,j,m] + u[i,m] = demand[i,m]`: no institution gets more than its demand,
/// and each demand line reports the demand, the exams served and the unmet rest.
/// Returns the unmet exams in all.
fn demand_balance(input: &Input, plan: &ScannerPlan, v: &mut Vec<Violation>) -> f64 {
    let s = input.c.scenario();
    let mut lines: HashMap<(&str, &str), Vec<&crate::plan::ExamLine>> = HashMap::new();
    for l in &plan.demand {
        lines
            .entry((l.institution.as_str(), l.modality.as_str()))
            .or_default()
            .push(l);
    }
    let mut expected = 0;
    let mut unmet_total = 0.0;
    for inst in &s.institutions {
        for (m, &d) in &inst.exams {
            if d <= 0.0 {
                continue;
            }
            expected += 1;
            let got = input
                .served
                .get(&(inst.id.clone(), m.clone()))
                .copied()
                .unwrap_or(0.0);
            let subject = format!("{} {m}", inst.id);
            if exceeds(got, d) {
                v.push(Violation::new(
                    "demand",
                    &subject,
                    format!("receives {got} exams for a demand of {d}"),
                ));
            }
            let served = got.min(d);
            let unmet = d - served;
            unmet_total += unmet;
            match lines
                .get(&(inst.id.as_str(), m.as_str()))
                .map(Vec::as_slice)
            {
                None | Some([]) => v.push(Violation::new(
                    "report",
                    subject,
                    "demand has no line in the plan",
                )),
                Some([l]) => {
                    if l.tier != inst.tier.as_str() {
                        v.push(Violation::new(
                            "report",
                            &subject,
                            format!("reports tier {}, the scenario says {}", l.tier, inst.tier),
                        ));
                    }
                    if differs(l.served, served) || differs(l.unmet, unmet) || differs(l.demand, d)
                    {
                        v.push(Violation::new(
                            "demand",
                            subject,
                            format!(
                                "reports demand {} served {} unmet {}, recomputed {d} / {served} / {unmet}",
                                l.demand, l.served, l.unmet,
                            ),
                        ));
                    }
                }
                Some(many) => v.push(Violation::new(
                    "report",
                    subject,
                    format!("demand has {} lines in the plan", many.len()),
                )),
            }
        }
    }
    if plan.demand.len() != expected {
        v.push(Violation::new(
            "report",
            "plan.demand",
            format!(
                "{} demand lines, the scenario has {expected} demands",
                plan.demand.len()
            ),
        ));
    }
    unmet_total
}

/// `u[i,m] = 0` for every demand when the scenario requires full coverage.
fn full_coverage(input: &Input, v: &mut Vec<Violation>) {
    if !input.im.require_full_coverage {
        return;
    }
    for inst in &input.c.scenario().institutions {
        for (m, &d) in &inst.exams {
            let got = input
                .served
                .get(&(inst.id.clone(), m.clone()))
                .copied()
                .unwrap_or(0.0);
            let unmet = (d - got).max(0.0);
            if d > 0.0 && unmet > slack(d) {
                v.push(Violation::new(
                    "coverage",
                    format!("{} {m}", inst.id),
                    format!("{unmet} exams unmet but full coverage is required"),
                ));
            }
        }
    }
}

/// Units moved into each site: kept beyond its units in place (relocation only).
fn moved_in(input: &Input, site: &str, modality: &str, kept: u32) -> u32 {
    if input.im.allow_relocation {
        kept.saturating_sub(station(input, site, modality).existing)
    } else {
        0
    }
}

/// Cost of the plan recomputed: new units at the candidate's cost, moves at the
/// relocation cost.
fn recomputed_cost(input: &Input, plan: &ScannerPlan) -> f64 {
    plan.units
        .iter()
        .map(|u| {
            let unit_cost = station(input, &u.site, &u.modality)
                .candidate
                .map_or(0.0, |(c, _)| c);
            unit_cost * f64::from(u.added)
                + input.im.relocation_cost
                    * f64::from(moved_in(input, &u.site, &u.modality, u.kept))
        })
        .sum()
}

/// Budget: cost of new units and moves at most `imaging.budget`.
fn budget(im: &Imaging, cost: f64, v: &mut Vec<Violation>) {
    if let Some(b) = im.budget {
        if exceeds(cost, b) {
            v.push(Violation::new(
                "budget",
                "plan",
                format!("costs {cost}, more than the budget of {b}"),
            ));
        }
    }
}

/// Count of new units: at most `imaging.max_new_units`.
fn max_new_units(im: &Imaging, plan: &ScannerPlan, v: &mut Vec<Violation>) {
    if let Some(max) = im.max_new_units {
        let added: u64 = plan.units.iter().map(|u| u64::from(u.added)).sum();
        if added > u64::from(max) {
            v.push(Violation::new(
                "max_new_units",
                "plan",
                format!("adds {added} units, more than the limit of {max}"),
            ));
        }
    }
}

/// Each unit line's exams (from the flows), utilisation (exams / capacity) and cost of
/// its new units.
fn unit_use(input: &Input, plan: &ScannerPlan, v: &mut Vec<Violation>) {
    for u in &plan.units {
        let subject = format!("{} {}", u.site, u.modality);
        let exams = input
            .at_site
            .get(&(u.site.clone(), u.modality.clone()))
            .copied()
            .unwrap_or(0.0);
        let cap = recomputed_capacity(input, &u.site, &u.modality, u.kept, u.added);
        let utilisation = if cap > 0.0 { exams / cap } else { 0.0 };
        let unit_cost = station(input, &u.site, &u.modality)
            .candidate
            .map_or(0.0, |(c, _)| c);
        let added_cost = unit_cost * f64::from(u.added);
        if let Some(fault) = u
            .value_of_scanner_day
            .and_then(|x| shadow_price_fault(x, exams, cap))
        {
            v.push(Violation::new(
                "shadow_price",
                &subject,
                format!("value of one more scanner-day {fault}"),
            ));
        }
        for (name, reported, recomputed) in [
            ("exams", u.exams, exams),
            ("utilisation", u.utilisation, utilisation),
            ("added_cost", u.added_cost, added_cost),
        ] {
            if differs(reported, recomputed) {
                v.push(Violation::new(
                    "report",
                    &subject,
                    format!("reports {name} {reported}, recomputed {recomputed}"),
                ));
            }
        }
    }
}

/// Whether `p` is an exam-weighted `q`-quantile of the (minutes, exams) pairs: at most
/// a share `q` of the exams travel less than `p`, at least `q` travel `p` or less.
fn is_weighted_quantile(pairs: &[(f64, f64)], q: f64, p: f64) -> bool {
    let total: f64 = pairs.iter().map(|x| x.1).sum();
    if total <= 0.0 {
        return p == 0.0;
    }
    let below: f64 = pairs.iter().filter(|x| x.0 < p - 1e-9).map(|x| x.1).sum();
    let upto: f64 = pairs.iter().filter(|x| x.0 <= p + 1e-9).map(|x| x.1).sum();
    let has_value = pairs.iter().any(|x| x.1 > 0.0 && (x.0 - p).abs() <= 1e-9);
    has_value && below <= q * total + slack(total) && upto >= q * total - slack(total)
}

/// The totals per modality: demand, served, unmet, units after the plan, units added,
/// mean and 90th percentile travel of served exams.
fn modality_totals(input: &Input, plan: &ScannerPlan, v: &mut Vec<Violation>) {
    let s = input.c.scenario();
    let listed: Vec<&str> = plan
        .modalities
        .iter()
        .map(|m| m.modality.as_str())
        .collect();
    let known: Vec<&str> = input.im.modalities.keys().map(String::as_str).collect();
    if listed != known {
        v.push(Violation::new(
            "report",
            "plan.modalities",
            format!(
                "lists {}, the scenario has {}",
                listed.join(", "),
                known.join(", ")
            ),
        ));
    }
    for line in &plan.modalities {
        let m = line.modality.as_str();
        let demand: f64 = s
            .institutions
            .iter()
            .filter_map(|i| i.exams.get(m))
            .filter(|&&d| d > 0.0)
            .sum();
        let served: f64 = s
            .institutions
            .iter()
            .filter_map(|i| {
                let d = *i.exams.get(m)?;
                let got = input.served.get(&(i.id.clone(), m.to_string())).copied()?;
                (d > 0.0).then_some(got.min(d))
            })
            .sum();
        let of_m = || plan.units.iter().filter(|u| u.modality == m);
        let units: u64 = of_m().map(|u| u64::from(u.kept) + u64::from(u.added)).sum();
        let added: u64 = of_m().map(|u| u64::from(u.added)).sum();
        let pairs = input.travel.get(m).map(Vec::as_slice).unwrap_or(&[]);
        let minutes: f64 = pairs.iter().map(|(t, w)| t * w).sum();
        let mean = if served > 0.0 { minutes / served } else { 0.0 };
        let mut wrong: Vec<String> = Vec::new();
        for (name, reported, recomputed) in [
            ("demand", line.demand, demand),
            ("served", line.served, served),
            ("unmet", line.unmet, demand - served),
            ("mean_travel_minutes", line.mean_travel_minutes, mean),
        ] {
            if differs(reported, recomputed) {
                wrong.push(format!("{name} {reported}, recomputed {recomputed}"));
            }
        }
        if u64::from(line.units) != units {
            wrong.push(format!("units {}, recomputed {units}", line.units));
        }
        if u64::from(line.units_added) != added {
            wrong.push(format!(
                "units_added {}, recomputed {added}",
                line.units_added
            ));
        }
        if !is_weighted_quantile(pairs, 0.9, line.p90_travel_minutes) {
            wrong.push(format!(
                "p90_travel_minutes {} is not the 90th percentile of the flows' travel",
                line.p90_travel_minutes
            ));
        }
        if !wrong.is_empty() {
            v.push(Violation::new(
                "report",
                m,
                format!("reports {}", wrong.join("; ")),
            ));
        }
    }
}

/// Units moved: the units kept at sites beyond their units in place (relocation only).
fn units_moved(input: &Input, plan: &ScannerPlan, v: &mut Vec<Violation>) {
    let moved: u64 = plan
        .units
        .iter()
        .map(|u| u64::from(moved_in(input, &u.site, &u.modality, u.kept)))
        .sum();
    if u64::from(plan.units_moved) != moved {
        v.push(Violation::new(
            "report",
            "units_moved",
            format!("reports {}, recomputed {moved}", plan.units_moved),
        ));
    }
}

/// The total cost reported.
fn total_cost(plan: &ScannerPlan, cost: f64, v: &mut Vec<Violation>) {
    if differs(plan.total_cost, cost) {
        v.push(Violation::new(
            "report",
            "total_cost",
            format!("reports {}, recomputed {cost}", plan.total_cost),
        ));
    }
}

/// The objective: travel = exam-minutes + penalty x unmet + cost weight x cost;
/// coverage = unmet exams.
fn objective(input: &Input, plan: &ScannerPlan, unmet: f64, cost: f64, v: &mut Vec<Violation>) {
    let im = input.im;
    let minutes: f64 = input
        .travel
        .values()
        .flat_map(|pairs| pairs.iter().map(|(t, w)| t * w))
        .sum();
    let objective = match plan.objective_kind {
        ScannerObjective::Travel => minutes + im.unmet_penalty * unmet + im.cost_weight * cost,
        ScannerObjective::Coverage => unmet,
    };
    if differs(plan.objective, objective) {
        v.push(Violation::new(
            "report",
            "objective",
            format!("reports {}, recomputed {objective}", plan.objective),
        ));
    }
}
