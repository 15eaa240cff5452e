//! Why patients stay unmet and why a target is missed, by institution and class.

use super::extract::Dense;
use super::formulation::counts;
use super::Built;
use crate::network::Consortium;
use crate::plan::{CareDemandLine, CareTargetLimit};
use crate::scenario::{care_level, is_grassroots, ShareTarget};
use std::collections::BTreeMap;

/// Most limit lines a target lists.
const MAX_LIMITS: usize = 50;

/// What is left of the capacities that enable classes at lower tiers.
pub(super) struct Room {
    /// Patients per (j, c) index, both stages.
    pub load: Vec<f64>,
    /// Visits left per (host, specialty) with a visit row.
    pub visits_left: BTreeMap<(usize, String), f64>,
    /// Hub minutes left per telemedicine link.
    pub minutes_left: Vec<f64>,
}

/// Why site `j` takes no more patients of class `cls`, or `None` if it has room.
fn blocked(c: &Consortium, b: &Built<'_>, room: &Room, j: usize, cls: usize) -> Option<String> {
    let net = &b.net;
    let idx = net.at(j, cls);
    let s = c.scenario();
    let id = &s.institutions[j].id;
    let (load, cap) = (room.load[idx], net.capacity[idx]);
    if load >= cap - 1e-6 * cap.max(1.0) {
        return Some(format!("{id} is full ({load:.1} of {cap:.1})"));
    }
    if net.native[idx] {
        return None;
    }
    let cl = net.class(cls);
    let visits = net.by_visits[idx]
        && cl.enabling_specialty.as_ref().is_some_and(|sp| {
            room.visits_left
                .get(&(j, sp.clone()))
                .is_some_and(|&left| left > 1e-6)
        });
    let links = net.links[idx]
        .iter()
        .any(|&l| room.minutes_left[l] >= 1e-6 * net.care.telemedicine[l].minutes.max(1.0));
    if visits || links {
        return None;
    }
    Some(format!(
        "{id} treats it only with visiting specialists or telemedicine, used up"
    ))
}

/// Reasons for the demand lines with unmet patients.
pub(super) fn unmet_reasons(
    c: &Consortium,
    b: &Built<'_>,
    room: &Room,
    demand: &mut [CareDemandLine],
) {
    let net = &b.net;
    for (e, entry) in net.entries.iter().enumerate() {
        if demand[e].unmet <= 0.0 {
            continue;
        }
        let cl = net.class(entry.class);
        demand[e].reason = Some(if entry.sites.is_empty() {
            format!(
                "no institution within {} minutes has capacity for {} and may treat it \
                 (it needs {} or above, or visits or telemedicine one level below)",
                cl.max_travel_minutes, cl.id, cl.min_tier
            )
        } else {
            let full: Vec<String> = entry
                .sites
                .iter()
                .filter_map(|&(j, _)| blocked(c, b, room, j, entry.class))
                .collect();
            if full.len() == entry.sites.len() {
                let mut shown: Vec<String> = full.into_iter().take(3).collect();
                if entry.sites.len() > 3 {
                    shown.push(format!("{} more", entry.sites.len() - 3));
                }
                format!(
                    "every site within {} minutes is full: {}",
                    cl.max_travel_minutes,
                    shown.join("; ")
                )
            } else {
                format!(
                    "treating them at the sites with room costs more than the unmet penalty {}",
                    cl.unmet_penalty
                )
            }
        });
    }
}

/// What stops a share target, by institution and class.
pub(super) fn share_limits(
    c: &Consortium,
    b: &Built<'_>,
    room: &Room,
    flows: &[Dense],
    target_name: &str,
    target: &ShareTarget,
) -> Vec<CareTargetLimit> {
    let s = c.scenario();
    let net = &b.net;
    let grassroots = target_name == "min_grassroots_share";
    let inside = |origin: usize, site: usize| {
        if grassroots {
            is_grassroots(s.institutions[site].tier)
        } else {
            net.county[origin] == net.county[site]
        }
    };
    let mut lines: Vec<(f64, CareTargetLimit)> = Vec::new();
    // Sites that count for the target but are full.
    if grassroots {
        for (site, by_class) in &net.care.capacity {
            let j = c.index_of(site).expect("validated");
            if !is_grassroots(s.institutions[j].tier) {
                continue;
            }
            for class in by_class.keys() {
                let cls = net.class_index[class.as_str()];
                if !counts(net, target, cls) {
                    continue;
                }
                if let Some(reason) = blocked(c, b, room, j, cls) {
                    if room.load[net.at(j, cls)] > 0.0 {
                        lines.push((
                            room.load[net.at(j, cls)],
                            CareTargetLimit {
                                institution: site.clone(),
                                class: class.clone(),
                                reason,
                            },
                        ));
                    }
                }
            }
        }
    }
    // Origins whose patients of a counted class are treated where the target does not
    // count them, or not at all.
    let mut counted_in: Vec<f64> = vec![0.0; net.entries.len()];
    let mut entry_of: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (e, entry) in net.entries.iter().enumerate() {
        entry_of.insert((entry.origin, entry.class), e);
    }
    for f in flows {
        if inside(f.origin, f.site) {
            if let Some(&e) = entry_of.get(&(f.origin, f.class)) {
                counted_in[e] += f.patients;
            }
        }
    }
    let what = if grassroots {
        "grassroots institution"
    } else {
        "institution of its county"
    };
    for (e, entry) in net.entries.iter().enumerate() {
        if !counts(net, target, entry.class) {
            continue;
        }
        let lost = entry.demand - counted_in[e];
        if lost <= 1e-6 * entry.demand.max(1.0) {
            continue;
        }
        let cl = net.class(entry.class);
        let candidates: Vec<usize> = entry
            .sites
            .iter()
            .map(|&(j, _)| j)
            .filter(|&j| inside(entry.origin, j))
            .collect();
        let reason = if candidates.is_empty() {
            format!(
                "{lost:.1} patients: no {what} within {} minutes may treat it",
                cl.max_travel_minutes
            )
        } else {
            let full: Vec<String> = candidates
                .iter()
                .filter_map(|&j| blocked(c, b, room, j, entry.class))
                .collect();
            if full.len() == candidates.len() {
                format!(
                    "{lost:.1} patients: the {what}s within {} minutes are full ({})",
                    cl.max_travel_minutes,
                    full.into_iter().take(3).collect::<Vec<_>>().join("; ")
                )
            } else {
                format!(
                    "{lost:.1} patients: a {what} has room, but the penalty is cheaper than \
                     treating them there"
                )
            }
        };
        lines.push((
            lost,
            CareTargetLimit {
                institution: s.institutions[entry.origin].id.clone(),
                class: cl.id.clone(),
                reason,
            },
        ));
    }
    lines.sort_by(|a, b| b.0.total_cmp(&a.0));
    lines.into_iter().take(MAX_LIMITS).map(|(_, l)| l).collect()
}

/// Hospital classes loaded above the utilisation target.
pub(super) fn utilisation_limits(
    c: &Consortium,
    b: &Built<'_>,
    room: &Room,
    umax: f64,
) -> Vec<CareTargetLimit> {
    let s = c.scenario();
    let net = &b.net;
    let mut lines: Vec<(f64, CareTargetLimit)> = Vec::new();
    for (site, by_class) in &net.care.capacity {
        let j = c.index_of(site).expect("validated");
        if care_level(s.institutions[j].tier) < 3 {
            continue;
        }
        for class in by_class.keys() {
            let cls = net.class_index[class.as_str()];
            let idx = net.at(j, cls);
            let (load, cap) = (room.load[idx], net.capacity[idx]);
            let over = load - umax * cap;
            if over > 1e-7 * cap.max(1.0) {
                lines.push((
                    over,
                    CareTargetLimit {
                        institution: site.clone(),
                        class: class.clone(),
                        reason: format!(
                            "load {load:.1} is {over:.1} above {:.0} % of its capacity {cap:.1}: \
                             its patients have no cheaper site with room within {} minutes",
                            umax * 100.0,
                            net.class(cls).max_travel_minutes
                        ),
                    },
                ));
            }
        }
    }
    lines.sort_by(|a, b| b.0.total_cmp(&a.0));
    lines.into_iter().take(MAX_LIMITS).map(|(_, l)| l).collect()
}
