//! The linear program of M5, appended to an empty program (sequential mode) or to
//! M1's (joint mode). Only travel-feasible, capable pairs get columns.

use super::network::CareNetwork;
use super::visits::Visits;
use crate::network::Consortium;
use crate::scenario::{care_level, is_grassroots, ShareTarget};
use crate::solve::{Cmp, LinearProgram};
use std::collections::BTreeMap;

/// A share target's row.
#[derive(Debug, Clone)]
pub(crate) struct ShareRow {
    pub row: usize,
    /// Episodes counted (the denominator).
    pub episodes: f64,
}

/// Where each quantity of M5 sits in the program.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout {
    /// First flow column of each entry; its sites' columns follow in order.
    pub flow_first: Vec<usize>,
    /// Unmet column of each entry that has a site.
    pub unmet: Vec<Option<usize>>,
    /// First recovery column of each recovery entry, and its unplaced column.
    pub recovery_first: Vec<usize>,
    pub recovery_unplaced: Vec<usize>,
    /// Capacity row of each (j, c) index with load.
    pub capacity_rows: BTreeMap<usize, usize>,
    /// Load column of each (j, c) index with load, and the row that defines it.
    pub load_columns: BTreeMap<usize, (usize, usize)>,
    /// Column of the patients enabled by visits at each (j, c) index.
    pub visit_columns: BTreeMap<usize, usize>,
    /// Row of the visits of each (host, specialty).
    pub visit_rows: BTreeMap<(usize, String), usize>,
    /// Column of the consultations of each (link, class).
    pub link_columns: BTreeMap<(usize, usize), usize>,
    /// Row of the minutes of each link with columns.
    pub link_rows: BTreeMap<usize, usize>,
    /// Row of the shared minutes of each hub (by id) with a budget and columns.
    pub hub_rows: BTreeMap<String, usize>,
    pub grassroots: Option<ShareRow>,
    pub county: Option<ShareRow>,
    /// (j, c) index, row and excess column of each hospital utilisation row.
    pub utilisation: Vec<(usize, usize, usize)>,
}

/// Whether class `c` counts for `target` (all classes when it lists none).
pub(crate) fn counts(net: &CareNetwork, target: &ShareTarget, c: usize) -> bool {
    target.classes.is_empty() || target.classes.iter().any(|k| k == &net.class(c).id)
}

/// Appends M5 to `lp` and returns where its parts are.
pub(crate) fn build(
    c: &Consortium,
    net: &CareNetwork,
    visits: &Visits,
    lp: &mut LinearProgram,
) -> Layout {
    let s = c.scenario();
    let care = net.care;
    let tc = care.travel_cost_per_minute;
    let mut layout = Layout::default();
    let mut load: Vec<Vec<usize>> = vec![Vec::new(); net.capacity.len()];
    // Flow columns into each (j, c) that stay in the origin's county, for the county
    // target (the share rows are written over per-site loads, not over every flow: two
    // dense rows over all flows slow the simplex down badly).
    let targets = &care.targets;
    let grassroots = targets.min_grassroots_share.as_ref();
    let county = targets.min_within_county_share.as_ref();
    let mut in_county: Vec<Vec<usize>> = vec![Vec::new(); net.capacity.len()];
    let mut note = |col: usize, origin: usize, site: usize, class: usize| {
        if county.is_some_and(|t| counts(net, t, class)) && net.county[origin] == net.county[site] {
            in_county[net.at(site, class)].push(col);
        }
    };

    // Acute flows and unmet patients: sum_j f + u = D.
    for e in &net.entries {
        let cl = net.class(e.class);
        layout.flow_first.push(lp.column_count());
        if e.sites.is_empty() {
            lp.offset += cl.unmet_penalty * e.demand;
            layout.unmet.push(None);
            continue;
        }
        let mut terms = Vec::with_capacity(e.sites.len() + 1);
        for &(j, m) in &e.sites {
            let cost = tc * m + cl.cost_at(s.institutions[j].tier);
            let col = lp.add_column(0.0, f64::INFINITY, cost, false);
            terms.push((col, 1.0));
            load[net.at(j, e.class)].push(col);
            note(col, e.origin, j, e.class);
        }
        let u = lp.add_column(0.0, f64::INFINITY, cl.unmet_penalty, false);
        terms.push((u, 1.0));
        layout.unmet.push(Some(u));
        lp.add_row(terms, Cmp::Eq, e.demand);
    }

    // Recovery: sum_k r + v = share * sum_j f (r kept per origin, not per acute site:
    // nothing in the program depends on the acute site of a recovery episode).
    for r in &net.recoveries {
        let e = &net.entries[r.parent];
        let rc = net.class(r.class);
        layout.recovery_first.push(lp.column_count());
        let mut terms = Vec::with_capacity(r.sites.len() + e.sites.len() + 1);
        for &(k, m) in &r.sites {
            let cost = tc * m + rc.cost_at(s.institutions[k].tier);
            let col = lp.add_column(0.0, f64::INFINITY, cost, false);
            terms.push((col, 1.0));
            load[net.at(k, r.class)].push(col);
            note(col, e.origin, k, r.class);
        }
        let v = lp.add_column(0.0, f64::INFINITY, rc.unmet_penalty, false);
        layout.recovery_unplaced.push(v);
        terms.push((v, 1.0));
        let first = layout.flow_first[r.parent];
        for q in 0..e.sites.len() {
            terms.push((first + q, -r.share));
        }
        lp.add_row(terms, Cmp::Eq, 0.0);
    }

    // Load columns L[j,c] = sum of the flows into (j, c); capacity L <= cap, and at
    // lower tiers the visits or consultations that enable the class.
    let mut visit_terms: BTreeMap<(usize, String), Vec<(usize, f64)>> = BTreeMap::new();
    let mut link_terms: BTreeMap<usize, Vec<(usize, f64)>> = BTreeMap::new();
    let mut load_column: BTreeMap<usize, usize> = BTreeMap::new();
    // Terms of the share rows by the county of the site.
    let mut g_terms: BTreeMap<usize, Vec<(usize, f64)>> = BTreeMap::new();
    let mut w_terms: BTreeMap<usize, Vec<(usize, f64)>> = BTreeMap::new();
    for (idx, cols) in load.iter().enumerate() {
        if cols.is_empty() {
            continue;
        }
        let (j, cls) = (idx / net.classes, idx % net.classes);
        let lcol = lp.add_column(0.0, f64::INFINITY, 0.0, false);
        load_column.insert(idx, lcol);
        let mut defining: Vec<(usize, f64)> = cols.iter().map(|&q| (q, 1.0)).collect();
        defining.push((lcol, -1.0));
        let defined = lp.add_row(defining, Cmp::Eq, 0.0);
        layout.load_columns.insert(idx, (lcol, defined));
        let row = lp.add_row(vec![(lcol, 1.0)], Cmp::Le, net.capacity[idx]);
        layout.capacity_rows.insert(idx, row);
        if grassroots.is_some_and(|t| counts(net, t, cls)) && is_grassroots(s.institutions[j].tier)
        {
            g_terms.entry(net.county[j]).or_default().push((lcol, 1.0));
        }
        // In-county load: L itself when every flow is in county, else the smaller of
        // the in-county and out-of-county flows as a column of its own.
        let inside = &in_county[idx];
        if !inside.is_empty() {
            if inside.len() == cols.len() {
                w_terms.entry(net.county[j]).or_default().push((lcol, 1.0));
            } else {
                let part = lp.add_column(0.0, f64::INFINITY, 0.0, false);
                let outside_is_smaller = 2 * inside.len() > cols.len();
                let members: Vec<usize> = if outside_is_smaller {
                    let mut sorted = inside.clone();
                    sorted.sort_unstable();
                    cols.iter()
                        .copied()
                        .filter(|q| sorted.binary_search(q).is_err())
                        .collect()
                } else {
                    inside.clone()
                };
                let mut terms: Vec<(usize, f64)> = members.iter().map(|&q| (q, 1.0)).collect();
                terms.push((part, -1.0));
                lp.add_row(terms, Cmp::Eq, 0.0);
                let w = w_terms.entry(net.county[j]).or_default();
                if outside_is_smaller {
                    w.push((lcol, 1.0));
                    w.push((part, -1.0));
                } else {
                    w.push((part, 1.0));
                }
            }
        }
        if net.native[idx] {
            continue;
        }
        let mut enabled = vec![(lcol, 1.0)];
        if net.by_visits[idx] {
            let col = lp.add_column(0.0, f64::INFINITY, 0.0, false);
            enabled.push((col, -1.0));
            layout.visit_columns.insert(idx, col);
            let sp = net
                .class(cls)
                .enabling_specialty
                .clone()
                .expect("by_visits needs a specialty");
            visit_terms.entry((j, sp)).or_default().push((col, 1.0));
        }
        for &l in &net.links[idx] {
            let col = lp.add_column(0.0, f64::INFINITY, 0.0, false);
            enabled.push((col, -1.0));
            layout.link_columns.insert((l, cls), col);
            let per = care.telemedicine[l].minutes_per_consultation;
            link_terms.entry(l).or_default().push((col, per));
        }
        lp.add_row(enabled, Cmp::Le, 0.0);
    }
    for ((j, sp), mut terms) in visit_terms {
        let row = match visits {
            Visits::Fixed(_) => lp.add_row(terms, Cmp::Le, visits.value(j, &sp, &[])),
            Visits::Columns(cols) => {
                for &(k, rate) in &cols[&(j, sp.clone())] {
                    terms.push((k, -rate));
                }
                lp.add_row(terms, Cmp::Le, 0.0)
            }
        };
        layout.visit_rows.insert((j, sp), row);
    }
    // Each link's minutes, and the minutes a hub shares among its links.
    let mut hub_terms: BTreeMap<&str, Vec<(usize, f64)>> = BTreeMap::new();
    for (l, terms) in link_terms {
        let hub = care.telemedicine[l].hub.as_str();
        if care.hub_minutes.contains_key(hub) {
            hub_terms
                .entry(hub)
                .or_default()
                .extend(terms.iter().copied());
        }
        let row = lp.add_row(terms, Cmp::Le, care.telemedicine[l].minutes);
        layout.link_rows.insert(l, row);
    }
    for (hub, terms) in hub_terms {
        let row = lp.add_row(terms, Cmp::Le, care.hub_minutes[hub]);
        layout.hub_rows.insert(hub.to_string(), row);
    }

    // Elastic policy targets: treated where the target wants + short >= share * episodes.
    let penalty = targets.penalty;
    let g_terms: Vec<(usize, f64)> = g_terms.into_values().flatten().collect();
    let w_terms: Vec<(usize, f64)> = w_terms.into_values().flatten().collect();
    let mut share_row = |target: &ShareTarget, mut terms: Vec<(usize, f64)>| {
        let episodes = net.episodes(&|k| counts(net, target, k));
        let rhs = target.share * episodes;
        if rhs <= 0.0 {
            return None;
        }
        let slack = lp.add_column(0.0, f64::INFINITY, penalty, false);
        terms.push((slack, 1.0));
        let row = lp.add_row(terms, Cmp::Ge, rhs);
        Some(ShareRow { row, episodes })
    };
    layout.grassroots = grassroots.and_then(|t| share_row(t, g_terms));
    layout.county = county.and_then(|t| share_row(t, w_terms));
    if let Some(umax) = targets.max_hospital_utilisation {
        for (&idx, _) in layout.capacity_rows.iter() {
            let j = idx / net.classes;
            if care_level(s.institutions[j].tier) < 3 {
                continue;
            }
            let excess = lp.add_column(0.0, f64::INFINITY, penalty, false);
            let terms = vec![(load_column[&idx], 1.0), (excess, -1.0)];
            let row = lp.add_row(terms, Cmp::Le, umax * net.capacity[idx]);
            layout.utilisation.push((idx, row, excess));
        }
    }
    layout
}
