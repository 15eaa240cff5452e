//! The mixed-integer program of M3, with exam flows on travel-feasible pairs only.

use super::exam_graph::ExamGraph;
use crate::scenario::Imaging;
use crate::solve::{Cmp, LinearProgram, Sense};
use std::collections::BTreeMap;

/// What the program optimises.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Goal {
    /// Demand-weighted travel + penalty x unmet (+ cost weight x cost).
    Travel,
    /// Exams served within the travel limit: the unmet exams alone (the first stage of
    /// the coverage objective).
    Coverage,
    /// The second stage of the coverage objective: least demand-weighted travel with at
    /// most `first + slack` unmet exams in all. Each unmet exam costs `weight` minutes
    /// (so that the slack, there for the solvers' tolerances, is not spent on travel),
    /// counted from `first` (an offset of `-weight x first`): at the first stage's
    /// coverage the objective is the travel alone.
    TravelAtCoverage {
        /// Unmet exams of the first stage.
        first: f64,
        /// Unmet exams allowed above `first`.
        slack: f64,
        /// Minutes an unmet exam costs.
        weight: f64,
    },
}

/// Fixed unit decisions, for the LP that prices capacity.
#[derive(Debug, Clone)]
pub(crate) struct FixedUnits {
    /// New units per station.
    pub added: Vec<f64>,
    /// Units in place per station after relocation.
    pub kept: Vec<f64>,
}

/// The built program and where its parts are.
#[derive(Debug, Clone)]
pub(crate) struct Formulation {
    pub lp: LinearProgram,
    /// Column of the flow of each flow index (flows are columns `0..flows.len()`).
    pub unmet_column: Vec<Option<usize>>,
    /// New-unit column per station (candidates only).
    pub added_column: Vec<Option<usize>>,
    /// Units-in-place column per station (relocation only).
    pub kept_column: Vec<Option<usize>>,
    /// Capacity row per station.
    pub capacity_row: Vec<usize>,
}

pub(crate) fn build(
    net: &ExamGraph,
    im: &Imaging,
    goal: Goal,
    fixed: Option<&FixedUnits>,
) -> Formulation {
    let mut lp = LinearProgram::new(Sense::Minimise);
    let travel_weight = match goal {
        Goal::Travel | Goal::TravelAtCoverage { .. } => 1.0,
        Goal::Coverage => 0.0,
    };
    let (unmet_cost, cost_weight) = match goal {
        Goal::Travel => (im.unmet_penalty, im.cost_weight),
        Goal::Coverage => (1.0, 0.0),
        Goal::TravelAtCoverage { weight, .. } => (weight, 0.0),
    };
    for f in &net.flows {
        lp.add_column(0.0, f64::INFINITY, travel_weight * f.minutes, false);
    }
    let mut unmet_column = Vec::with_capacity(net.demands.len());
    for d in &net.demands {
        let u = (!im.require_full_coverage).then(|| lp.add_column(0.0, d.exams, unmet_cost, false));
        unmet_column.push(u);
        let mut terms: Vec<(usize, f64)> = d.flows.iter().map(|&k| (k, 1.0)).collect();
        if let Some(u) = u {
            terms.push((u, 1.0));
        }
        lp.add_row(terms, Cmp::Eq, d.exams);
    }

    let integer = fixed.is_none();
    let demand_of_flow = net.demand_of_flow();
    let mut added_column = vec![None; net.stations.len()];
    let mut kept_column = vec![None; net.stations.len()];
    let mut capacity_row = Vec::with_capacity(net.stations.len());
    let mut budget_terms = Vec::new();
    // Per modality: the units-in-place columns and the units in place before moves.
    type Kept = (Vec<(usize, f64)>, f64);
    let mut moved_by_modality: BTreeMap<&str, Kept> = BTreeMap::new();
    for (k, st) in net.stations.iter().enumerate() {
        let mut terms: Vec<(usize, f64)> = net.by_station[k].iter().map(|&f| (f, 1.0)).collect();
        // With the units fixed, their capacity is a constant on the right-hand side, not a
        // fixed column times the unit capacity: with a large capacity, a solver's bound
        // tolerance on such a column (1e-9 units of 1e40 exams) would open capacity
        // that the plan does not have (found by fuzzing).
        let mut fixed_capacity = 0.0;
        if let Some((cost, max_units)) = st.candidate {
            let (lo, hi) = match fixed {
                Some(fx) => (fx.added[k], fx.added[k]),
                None => (0.0, f64::from(max_units)),
            };
            let n = lp.add_column(lo, hi, cost_weight * cost, integer);
            added_column[k] = Some(n);
            match fixed {
                Some(fx) => fixed_capacity += st.unit_capacity * fx.added[k],
                None => terms.push((n, -st.unit_capacity)),
            }
            budget_terms.push((n, cost));
        }
        let rhs = if im.allow_relocation && (st.existing_units > 0 || st.candidate.is_some()) {
            // Units in place become a decision: kept[k] units stand here after moves.
            let e = f64::from(st.existing_units);
            let room = st.candidate.map_or(0.0, |(_, m)| f64::from(m));
            let (lo, hi) = match fixed {
                Some(fx) => (fx.kept[k], fx.kept[k]),
                None => (0.0, e + room),
            };
            let kept = lp.add_column(lo, hi, 0.0, integer);
            kept_column[k] = Some(kept);
            match fixed {
                Some(fx) => fixed_capacity += st.unit_capacity * fx.kept[k],
                None => terms.push((kept, -st.unit_capacity)),
            }
            if let (Some(n), Some(_)) = (added_column[k], st.candidate) {
                // New and moved-in units share the site's room.
                lp.add_row(vec![(n, 1.0), (kept, 1.0)], Cmp::Le, e + room);
            }
            // moved >= kept - existing: units that arrive here are paid for.
            let moved = lp.add_column(0.0, f64::INFINITY, cost_weight * im.relocation_cost, false);
            lp.add_row(vec![(moved, 1.0), (kept, -1.0)], Cmp::Ge, -e);
            budget_terms.push((moved, im.relocation_cost));
            let entry = moved_by_modality
                .entry(st.modality.as_str())
                .or_insert((Vec::new(), 0.0));
            entry.0.push((kept, 1.0));
            entry.1 += e;
            0.0
        } else {
            st.existing_capacity
        };
        capacity_row.push(lp.add_row(terms, Cmp::Le, rhs + fixed_capacity));
        // At a site with no unit in place, no exam may go there unless a unit is added:
        // x[i,s] <= min(demand[i], unit capacity) x n[s]. Implied by the capacity row in
        // integers, but much tighter in the LP relaxation (as in the strong formulation
        // of facility location), which lets branch and bound close the gap.
        if fixed.is_none() && st.existing_units == 0 && !im.allow_relocation {
            if let Some(n) = added_column[k] {
                for &fl in &net.by_station[k] {
                    let d = net.demands[demand_of_flow[fl]].exams.min(st.unit_capacity);
                    lp.add_row(vec![(fl, 1.0), (n, -d)], Cmp::Le, 0.0);
                }
            }
        }
    }
    // Relocation keeps the number of units of each modality.
    for (terms, units) in moved_by_modality.into_values() {
        lp.add_row(terms, Cmp::Eq, units);
    }
    if fixed.is_none() {
        if let Some(b) = im.budget {
            lp.add_row(budget_terms, Cmp::Le, b);
        }
        if let Some(max) = im.max_new_units {
            let terms: Vec<(usize, f64)> =
                added_column.iter().flatten().map(|&n| (n, 1.0)).collect();
            lp.add_row(terms, Cmp::Le, f64::from(max));
        }
    }
    // Last, so that every other row keeps its index across goals.
    if let Goal::TravelAtCoverage {
        first,
        slack,
        weight,
    } = goal
    {
        let terms: Vec<(usize, f64)> = unmet_column.iter().flatten().map(|&u| (u, 1.0)).collect();
        if !terms.is_empty() {
            lp.add_row(terms, Cmp::Le, first + slack);
        }
        lp.offset = -weight * first;
    }
    Formulation {
        lp,
        unmet_column,
        added_column,
        kept_column,
        capacity_row,
    }
}
