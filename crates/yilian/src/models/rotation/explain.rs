//! Why a host is left below its policy minimum, in a planner's terms.

use super::formulation::Pairs;
use crate::network::Consortium;

const TOL: f64 = 1e-6;

/// The reason host `j` receives fewer days than its policy minimum.
pub(crate) fn shortfall_reason(
    c: &Consortium,
    pairs: &Pairs,
    days: &[f64],
    pool_sent: &[f64],
    budget_left: Option<f64>,
    j: usize,
) -> String {
    let s = c.scenario();
    let inst = &s.institutions[j];
    let min = s.policy.min_days(inst.tier);
    if inst.room_days <= 0.0 {
        return "it has no room-days for visiting clinics".into();
    }
    if pairs.by_host[j].is_empty() {
        // Pools within reach that have no days to send get no pairs either: say so,
        // rather than blame the travel limit (a headcount of 0 read as out of reach).
        let idle: Vec<String> = (0..s.pools.len())
            .filter(|&p| c.pool_can_visit(p, j).is_some())
            .map(|p| {
                let pool = &s.pools[p];
                format!(
                    "{} (headcount {}, {} outreach days)",
                    pool.id,
                    pool.headcount,
                    pool.outreach_days().max(0.0)
                )
            })
            .collect();
        if idle.is_empty() {
            return "no specialist pool can reach it within its travel limit".into();
        }
        let more = if idle.len() > 3 {
            format!(" and {} more", idle.len() - 3)
        } else {
            String::new()
        };
        return format!(
            "the pools that can reach it have no outreach days: {}{more}",
            idle[..idle.len().min(3)].join(", ")
        );
    }
    if inst.room_days + TOL < min {
        return format!(
            "it has only {} room-days, below the minimum of {min}",
            inst.room_days
        );
    }
    let used: f64 = pairs.by_host[j].iter().map(|&k| days[k]).sum();
    if used + TOL >= inst.room_days {
        return format!("its {} room-days are all in use", inst.room_days);
    }
    let reaching: Vec<usize> = pairs.by_host[j]
        .iter()
        .map(|&k| pairs.pairs[k].pool)
        .collect();
    if reaching
        .iter()
        .all(|&p| pool_sent[p] + TOL >= s.pools[p].outreach_days())
    {
        let names: Vec<&str> = reaching
            .iter()
            .take(3)
            .map(|&p| s.pools[p].id.as_str())
            .collect();
        let more = if reaching.len() > 3 {
            format!(" and {} more", reaching.len() - 3)
        } else {
            String::new()
        };
        return format!(
            "every pool that can reach it ({}{more}) is fully booked",
            names.join(", ")
        );
    }
    if budget_left.is_some_and(|left| left <= TOL * (1.0 + s.policy.budget.unwrap_or(0.0))) {
        return format!(
            "the budget of {} is spent",
            s.policy.budget.unwrap_or_default()
        );
    }
    format!(
        "serving other demand is worth more than the shortfall penalty of {} per day",
        s.policy.shortfall_penalty
    )
}
