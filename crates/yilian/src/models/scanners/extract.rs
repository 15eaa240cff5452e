//! Turns the solved unit decisions and flows into a [`ScannerPlan`].

use super::exam_graph::ExamGraph;
use super::explain::reason;
use super::formulation::{FixedUnits, Formulation};
use crate::network::Consortium;
use crate::plan::{
    ExamFlow, ExamLine, ModalitySummary, ModelStats, ScannerObjective, ScannerPlan, UnitLine,
    PLAN_FORMAT,
};
use crate::scenario::Imaging;
use crate::solve::{Backend, LpSolution};
use std::collections::BTreeMap;

pub(crate) struct Settings {
    pub objective: ScannerObjective,
    pub backend: Backend,
    pub build_seconds: f64,
    /// (variables, constraints, non-zeros) of the MIP.
    pub sizes: (usize, usize, usize),
}

/// Exam-weighted quantile of (minutes, exams) pairs.
pub(crate) fn weighted_quantile(mut pairs: Vec<(f64, f64)>, q: f64) -> f64 {
    pairs.retain(|&(_, w)| w > 0.0);
    if pairs.is_empty() {
        return 0.0;
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: f64 = pairs.iter().map(|p| p.1).sum();
    let mut acc = 0.0;
    for &(m, w) in &pairs {
        acc += w;
        if acc >= q * total - 1e-9 {
            return m;
        }
    }
    pairs[pairs.len() - 1].0
}

/// The plan of `fixed` units: flows from `priced` (the LP at fixed units) when it
/// solved, else from `mip`; values of a scanner-day from the duals of `prices` (the same
/// LP, or for the coverage objective's second stage the coverage LP at those units).
#[allow(clippy::too_many_arguments)]
pub(crate) fn plan(
    c: &Consortium,
    im: &Imaging,
    net: &ExamGraph,
    fixed: &FixedUnits,
    mip: &LpSolution,
    priced: Option<(&Formulation, &LpSolution)>,
    prices: Option<(&Formulation, &LpSolution)>,
    settings: Settings,
) -> ScannerPlan {
    let s = c.scenario();
    // Flows of the fixed-unit LP when it solved (the best flows for these units),
    // else those of the MIP.
    let values = priced.map_or(&mip.values, |(_, p)| &p.values);
    let flow_value: Vec<f64> = (0..net.flows.len())
        .map(|k| {
            let v = values[k].max(0.0);
            if v < 1e-9 {
                0.0
            } else {
                v
            }
        })
        .collect();

    let mut used = vec![0.0; net.stations.len()];
    let mut flows = Vec::new();
    for (k, f) in net.flows.iter().enumerate() {
        if flow_value[k] == 0.0 {
            continue;
        }
        used[f.station] += flow_value[k];
        let st = &net.stations[f.station];
        flows.push(ExamFlow {
            institution: s.institutions[f.institution].id.clone(),
            site: s.institutions[st.site].id.clone(),
            modality: st.modality.clone(),
            exams: flow_value[k],
            minutes: f.minutes,
        });
    }

    let mut capacity = vec![0.0; net.stations.len()];
    let mut units = Vec::new();
    let mut total_cost = 0.0;
    let mut moved_total = 0u32;
    for (k, st) in net.stations.iter().enumerate() {
        let added = fixed.added[k] as u32;
        let kept = fixed.kept[k] as u32;
        let cap = if im.allow_relocation {
            f64::from(kept + added) * st.unit_capacity
        } else {
            st.existing_capacity + f64::from(added) * st.unit_capacity
        };
        capacity[k] = cap;
        let added_cost = st
            .candidate
            .map_or(0.0, |(cost, _)| cost * f64::from(added));
        let moved_in = kept.saturating_sub(st.existing_units);
        moved_total += moved_in;
        total_cost += added_cost + im.relocation_cost * f64::from(moved_in);
        if st.existing_units == 0 && added == 0 && kept == 0 {
            continue;
        }
        let value_of_scanner_day = prices.and_then(|(f, p)| {
            p.row_duals.as_ref().map(|d| {
                let v = -d[f.capacity_row[k]] * st.exams_per_day;
                if v.abs() < 1e-9 {
                    0.0
                } else {
                    v
                }
            })
        });
        units.push(UnitLine {
            site: s.institutions[st.site].id.clone(),
            modality: st.modality.clone(),
            existing: st.existing_units,
            kept: if im.allow_relocation {
                kept
            } else {
                st.existing_units
            },
            added,
            capacity: cap,
            exams: used[k],
            utilisation: if cap > 0.0 { used[k] / cap } else { 0.0 },
            value_of_scanner_day,
            added_cost,
        });
    }

    let mut demand = Vec::new();
    // Per modality: demand, served, and (minutes, exams) of every flow.
    type Totals = (f64, f64, Vec<(f64, f64)>);
    let mut by_modality: BTreeMap<&str, Totals> = BTreeMap::new();
    let mut unmet_total = 0.0;
    for (d, dem) in net.demands.iter().enumerate() {
        let served: f64 = dem.flows.iter().map(|&k| flow_value[k]).sum();
        let served = served.min(dem.exams);
        let unmet = dem.exams - served;
        let unmet = if unmet < 1e-7 { 0.0 } else { unmet };
        unmet_total += unmet;
        let inst = &s.institutions[dem.institution];
        let e = by_modality.entry(dem.modality.as_str()).or_default();
        e.0 += dem.exams;
        e.1 += served;
        e.2.extend(
            dem.flows
                .iter()
                .map(|&k| (net.flows[k].minutes, flow_value[k])),
        );
        demand.push(ExamLine {
            institution: inst.id.clone(),
            tier: inst.tier.to_string(),
            modality: dem.modality.clone(),
            demand: dem.exams,
            served,
            unmet,
            reason: (unmet > 0.0).then(|| reason(c, net, im, d, &used, &capacity)),
        });
    }
    let modalities = im
        .modalities
        .keys()
        .map(|m| {
            let (dem, served, pairs) = by_modality.remove(m.as_str()).unwrap_or_default();
            let minutes: f64 = pairs.iter().map(|(t, w)| t * w).sum();
            let in_modality = |k: &usize| net.stations[*k].modality == *m;
            ModalitySummary {
                modality: m.clone(),
                demand: dem,
                served,
                unmet: dem - served,
                units: (0..net.stations.len())
                    .filter(in_modality)
                    .map(|k| {
                        let kept = if im.allow_relocation {
                            fixed.kept[k] as u32
                        } else {
                            net.stations[k].existing_units
                        };
                        kept + fixed.added[k] as u32
                    })
                    .sum(),
                units_added: (0..net.stations.len())
                    .filter(in_modality)
                    .map(|k| fixed.added[k] as u32)
                    .sum(),
                mean_travel_minutes: if served > 0.0 { minutes / served } else { 0.0 },
                p90_travel_minutes: weighted_quantile(pairs, 0.9),
            }
        })
        .collect();

    let travel: f64 = net
        .flows
        .iter()
        .zip(&flow_value)
        .map(|(f, x)| f.minutes * x)
        .sum();
    let objective = match settings.objective {
        ScannerObjective::Travel => {
            travel + im.unmet_penalty * unmet_total + im.cost_weight * total_cost
        }
        ScannerObjective::Coverage => unmet_total,
    };
    let mut notes: Vec<String> = c.warnings().iter().map(|w| w.to_string()).collect();
    notes.extend(mip.notes.iter().cloned());
    match prices {
        Some((_, p)) if p.row_duals.is_some() => {}
        Some((_, p)) if p.status != crate::solve::Status::Optimal => notes.push(format!(
            "values of a scanner-day are not reported: the LP at fixed units ended {}",
            p.status
        )),
        Some(_) if !settings.backend.gives_duals() => notes.push(format!(
            "values of a scanner-day are not reported: {} gives no duals",
            settings.backend
        )),
        _ => notes.push(
            "values of a scanner-day are not reported: the LP at fixed units was not solved"
                .to_string(),
        ),
    }
    let (load, secs) = priced.map_or((0.0, 0.0), |(_, p)| (p.load_seconds, p.seconds));
    ScannerPlan {
        format: PLAN_FORMAT.into(),
        model: "scanners".into(),
        scenario: s.name.clone(),
        objective_kind: settings.objective,
        status: mip.status,
        backend: settings.backend.name().into(),
        objective,
        bound: mip.bound,
        gap: mip.gap,
        stages: Vec::new(),
        units,
        flows,
        demand,
        modalities,
        total_cost,
        units_moved: moved_total,
        stats: ModelStats {
            variables: settings.sizes.0,
            constraints: settings.sizes.1,
            nonzeros: settings.sizes.2,
            build_seconds: settings.build_seconds,
            load_seconds: mip.load_seconds + load,
            solve_seconds: mip.seconds + secs,
        },
        notes,
    }
}
