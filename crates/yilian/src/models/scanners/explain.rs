//! Unmet exams and infeasibility, explained by institution.

use super::exam_graph::ExamGraph;
use super::formulation::{build, Goal};
use crate::network::Consortium;
use crate::scenario::Imaging;
use crate::solve::{solve, SolveOptions};

const TOL: f64 = 1e-6;

/// Lists demand that no site or candidate can reach, one institution a line (empty
/// when all demand is within reach).
pub(crate) fn unreachable_demand(c: &Consortium, net: &ExamGraph, im: &Imaging) -> String {
    let s = c.scenario();
    let lines: Vec<String> = net
        .demands
        .iter()
        .filter(|d| d.flows.is_empty())
        .map(|d| {
            let inst = &s.institutions[d.institution];
            format!(
                "{} ({}) orders {} {} exams but no {} site or candidate{} lies within {} minutes",
                inst.id,
                inst.tier,
                d.exams,
                d.modality,
                d.modality,
                of_its_consortium(im),
                im.modalities[&d.modality].max_travel_minutes
            )
        })
        .collect();
    summarise("full coverage is impossible", lines)
}

/// " of its consortium" when patients may only use their consortium's sites.
fn of_its_consortium(im: &Imaging) -> &'static str {
    if im.within_consortium {
        " of its consortium"
    } else {
        ""
    }
}

fn summarise(head: &str, lines: Vec<String>) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let n = lines.len();
    let shown: Vec<&str> = lines.iter().take(10).map(String::as_str).collect();
    let more = if n > 10 {
        format!("\n  ... and {} more", n - 10)
    } else {
        String::new()
    };
    format!(
        "{head} for {n} institution-modality pair(s):\n  {}{more}",
        shown.join("\n  ")
    )
}

/// Why full coverage is infeasible: re-solves with unmet demand allowed and names the
/// institutions left unmet and the reason.
pub(crate) fn why_infeasible(
    c: &Consortium,
    net: &ExamGraph,
    im: &Imaging,
    options: &SolveOptions,
) -> String {
    let mut elastic = im.clone();
    elastic.require_full_coverage = false;
    let f = build(net, &elastic, Goal::Coverage, None);
    let Ok(sol) = solve(&f.lp, options) else {
        return "full coverage is impossible, and the elastic model could not be solved to say where".into();
    };
    let s = c.scenario();
    let mut used = vec![0.0; net.stations.len()];
    let mut capacity = vec![0.0; net.stations.len()];
    for (k, fl) in net.flows.iter().enumerate() {
        used[fl.station] += sol.values[k];
    }
    for (k, st) in net.stations.iter().enumerate() {
        let added = f.added_column[k].map_or(0.0, |col| sol.values[col].round());
        capacity[k] = st.existing_capacity + added * st.unit_capacity;
    }
    let lines: Vec<String> = net
        .demands
        .iter()
        .enumerate()
        .filter_map(|(d, dem)| {
            let u = f.unmet_column[d].map_or(0.0, |col| sol.values[col]);
            (u > TOL).then(|| {
                let inst = &s.institutions[dem.institution];
                format!(
                    "{} ({}) would leave {:.1} of {} {} exams unmet: {}",
                    inst.id,
                    inst.tier,
                    u,
                    dem.exams,
                    dem.modality,
                    reason(c, net, im, d, &used, &capacity)
                )
            })
        })
        .collect();
    let head = match (im.budget, im.max_new_units) {
        (Some(b), _) => format!("full coverage is impossible within the budget of {b}"),
        (None, Some(n)) => format!("full coverage is impossible with at most {n} new units"),
        _ => "full coverage is impossible".to_string(),
    };
    summarise(&head, lines)
}

/// Why demand `d` keeps unmet exams, given station use and capacity.
pub(crate) fn reason(
    c: &Consortium,
    net: &ExamGraph,
    im: &Imaging,
    d: usize,
    used: &[f64],
    capacity: &[f64],
) -> String {
    let dem = &net.demands[d];
    let limit = im.modalities[&dem.modality].max_travel_minutes;
    if dem.flows.is_empty() {
        return format!(
            "no {} site or candidate{} lies within {limit} minutes",
            dem.modality,
            of_its_consortium(im)
        );
    }
    let s = c.scenario();
    let stations: Vec<usize> = dem.flows.iter().map(|&k| net.flows[k].station).collect();
    let full = stations
        .iter()
        .all(|&k| used[k] + TOL * (1.0 + capacity[k]) >= capacity[k]);
    if full {
        let name = |k: &usize| s.institutions[net.stations[*k].site].id.as_str();
        let list = |ks: &[usize]| {
            let names: Vec<&str> = ks.iter().take(3).map(name).collect();
            let more = if ks.len() > 3 {
                format!(" and {} more", ks.len() - 3)
            } else {
                String::new()
            };
            format!("{}{more}", names.join(", "))
        };
        let (open, closed): (Vec<usize>, Vec<usize>) =
            stations.iter().partition(|&&k| capacity[k] > 0.0);
        let mut parts = Vec::new();
        if !open.is_empty() {
            parts.push(format!(
                "every {} site within {limit} minutes is at capacity ({})",
                dem.modality,
                list(&open)
            ));
        }
        if !closed.is_empty() {
            let head = if open.is_empty() {
                format!("no {} unit stands within {limit} minutes; ", dem.modality)
            } else {
                String::new()
            };
            let why = match (im.budget, im.max_new_units) {
                (Some(b), _) => format!("more units would exceed the budget of {b}"),
                (None, Some(n)) => format!("more units would exceed the limit of {n} new units"),
                _ => "opening them costs more than it saves".to_string(),
            };
            parts.push(format!(
                "{head}candidate site{} {} not opened: {why}",
                if closed.len() == 1 { "" } else { "s" },
                list(&closed)
            ));
        } else if let Some(b) = im.budget {
            parts.push(format!("more units would exceed the budget of {b}"));
        }
        return parts.join("; ");
    }
    format!(
        "the travel to a site with spare capacity costs more than the unmet penalty of {}",
        im.unmet_penalty
    )
}
