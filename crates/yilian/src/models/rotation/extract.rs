//! Turns a solver answer into a [`RotationPlan`] keyed by the user's ids.

use super::explain::shortfall_reason;
use super::formulation::{Formulation, Pairs};
use crate::network::Consortium;
use crate::plan::{
    Assignment, BudgetUse, ModelStats, PolicyLine, PoolUse, RoomUse, RotationObjective,
    RotationPlan, ServiceLine, PLAN_FORMAT,
};
use crate::solve::{Backend, LpSolution};

/// What the plan records besides the solution.
pub(crate) struct Settings {
    pub objective: RotationObjective,
    pub integer_days: bool,
    pub backend: Backend,
    pub build_seconds: f64,
    pub load_seconds: f64,
    pub solve_seconds: f64,
    /// Equity's stages (empty for the weighted objective).
    pub stages: Vec<crate::plan::StageSummary>,
}

/// Objective improvement per unit of a `<=` row's right-hand side in a minimisation.
fn marginal(duals: Option<&Vec<f64>>, row: usize) -> Option<f64> {
    duals.map(|d| {
        let v = -d[row];
        if v.abs() < 1e-9 {
            0.0
        } else {
            v
        }
    })
}

pub(crate) fn plan(
    c: &Consortium,
    pairs: &Pairs,
    f: &Formulation,
    sol: &LpSolution,
    settings: Settings,
) -> RotationPlan {
    let s = c.scenario();
    let policy = &s.policy;
    let days: Vec<f64> = (0..pairs.pairs.len())
        .map(|k| {
            let v = sol.values[k].max(0.0);
            let v = if settings.integer_days { v.round() } else { v };
            if v < 1e-9 {
                0.0
            } else {
                v
            }
        })
        .collect();

    let mut assignments = Vec::new();
    let mut pool_sent = vec![0.0; s.pools.len()];
    let mut host_days = vec![0.0; s.institutions.len()];
    let mut total_cost = 0.0;
    for (k, pair) in pairs.pairs.iter().enumerate() {
        if days[k] == 0.0 {
            continue;
        }
        let pool = &s.pools[pair.pool];
        pool_sent[pair.pool] += days[k];
        host_days[pair.host] += days[k];
        let cost = days[k] * pair.day_cost;
        total_cost += cost;
        assignments.push(Assignment {
            pool: pool.id.clone(),
            host: s.institutions[pair.host].id.clone(),
            specialty: pool.specialty.clone(),
            days: days[k],
            travel_minutes: pair.minutes,
            cost,
        });
    }

    let mut service = Vec::new();
    let mut weighted_unmet = 0.0;
    let mut min_share: Option<f64> = None;
    for (j, inst) in s.institutions.iter().enumerate() {
        for (k, &d) in &inst.demand {
            if d <= 0.0 {
                continue;
            }
            let mut reachable = false;
            let mut supply = 0.0;
            for &q in &pairs.by_host[j] {
                let pool = &s.pools[pairs.pairs[q].pool];
                if pool.specialty == *k {
                    reachable = true;
                    supply += pool.visits_per_day * days[q];
                }
            }
            let served = supply.min(d);
            let unmet = d - served;
            weighted_unmet += policy.unmet_weight(k) * unmet;
            if reachable {
                let share = served / d;
                min_share = Some(min_share.map_or(share, |m: f64| m.min(share)));
            }
            service.push(ServiceLine {
                host: inst.id.clone(),
                tier: inst.tier.to_string(),
                specialty: k.clone(),
                demand: d,
                served,
                unmet,
                reachable,
            });
        }
    }

    let budget_left = policy.budget.map(|b| b - total_cost);
    let mut policy_lines = Vec::new();
    let mut total_shortfall = 0.0;
    for (j, inst) in s.institutions.iter().enumerate() {
        let min = policy.min_days(inst.tier);
        if min <= 0.0 {
            continue;
        }
        let received = host_days[j];
        let shortfall = (min - received).max(0.0);
        let shortfall = if shortfall < 1e-7 { 0.0 } else { shortfall };
        total_shortfall += shortfall;
        policy_lines.push(PolicyLine {
            host: inst.id.clone(),
            tier: inst.tier.to_string(),
            required_days: min,
            received_days: received,
            shortfall,
            reason: (shortfall > 0.0)
                .then(|| shortfall_reason(c, pairs, &days, &pool_sent, budget_left, j)),
        });
    }

    let duals = sol.row_duals.as_ref();
    let pool_row: std::collections::HashMap<usize, usize> = f.pool_rows.iter().copied().collect();
    let pools = s
        .pools
        .iter()
        .enumerate()
        .map(|(p, pool)| PoolUse {
            pool: pool.id.clone(),
            specialty: pool.specialty.clone(),
            available_days: pool.outreach_days(),
            sent_days: pool_sent[p],
            marginal_value: match pool_row.get(&p) {
                Some(&row) => marginal(duals, row),
                // A pool no host can use gains nothing from another day.
                None => duals.map(|_| 0.0),
            },
        })
        .collect();
    let rooms = f
        .room_rows
        .iter()
        .map(|&(j, row)| RoomUse {
            host: s.institutions[j].id.clone(),
            room_days: s.institutions[j].room_days,
            used: host_days[j],
            marginal_value: marginal(duals, row),
        })
        .collect();
    let budget = policy.budget.map(|limit| BudgetUse {
        limit,
        used: total_cost,
        marginal_value: f.budget_row.and_then(|row| marginal(duals, row)),
    });

    let penalty = policy.shortfall_penalty * total_shortfall;
    let objective = match settings.objective {
        RotationObjective::Weighted => weighted_unmet + penalty + policy.cost_weight * total_cost,
        RotationObjective::Equity => penalty + policy.cost_weight * total_cost,
    };
    let mut notes: Vec<String> = c.warnings().iter().map(|w| w.to_string()).collect();
    notes.extend(sol.notes.iter().cloned());
    if sol.row_duals.is_none() {
        notes.push(if settings.integer_days {
            "marginal values are not reported for integer days (a MIP has no duals)".into()
        } else if sol.status != crate::solve::Status::Optimal {
            format!(
                "marginal values are not reported: the LP was not solved to optimality ({})",
                sol.status
            )
        } else {
            format!(
                "marginal values are not reported: {} gives no duals",
                settings.backend
            )
        });
    }

    RotationPlan {
        format: PLAN_FORMAT.into(),
        model: "rotation".into(),
        scenario: s.name.clone(),
        objective_kind: settings.objective,
        integer_days: settings.integer_days,
        status: settings
            .stages
            .iter()
            .fold(sol.status, |s, st| s.worst(st.status)),
        backend: settings.backend.name().into(),
        objective,
        bound: sol.bound,
        gap: sol.gap,
        stages: settings.stages,
        weighted_unmet,
        min_served_share: min_share,
        total_cost,
        total_days: pool_sent.iter().sum(),
        assignments,
        service,
        policy: policy_lines,
        pools,
        rooms,
        budget,
        stats: ModelStats {
            variables: f.lp.column_count(),
            constraints: f.lp.row_count(),
            nonzeros: f.lp.nonzero_count(),
            build_seconds: settings.build_seconds,
            load_seconds: settings.load_seconds,
            solve_seconds: settings.solve_seconds,
        },
        notes,
    }
}
