//! The linear program of M1, built over travel-feasible (pool, host) pairs only.

use crate::network::Consortium;
use crate::solve::{Cmp, LinearProgram, Sense};

/// One (pool, host) pair a pool may visit; column `k` of the program is its days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Pair {
    pub pool: usize,
    pub host: usize,
    pub minutes: f64,
    pub day_cost: f64,
}

/// The travel-feasible pairs of a consortium and their grouping by host.
#[derive(Debug, Clone)]
pub(crate) struct Pairs {
    pub pairs: Vec<Pair>,
    /// Pair indices by host institution.
    pub by_host: Vec<Vec<usize>>,
    /// Pair indices by pool.
    pub by_pool: Vec<Vec<usize>>,
}

impl Pairs {
    /// Pairs (p, j) where p may visit j, j has rooms, and j wants p's specialty or has a
    /// policy minimum. A pool with no outreach days gets no pairs.
    pub fn new(c: &Consortium) -> Self {
        let s = c.scenario();
        let n = c.institution_count();
        let mut pairs = Vec::new();
        let mut by_host = vec![Vec::new(); n];
        let mut by_pool = vec![Vec::new(); s.pools.len()];
        for (p, pool) in s.pools.iter().enumerate() {
            if pool.outreach_days() <= 0.0 {
                continue;
            }
            for (j, minutes) in c.pool_hosts(p) {
                let host = &s.institutions[j];
                let wanted = host.demand.get(&pool.specialty).is_some_and(|&d| d > 0.0)
                    || s.policy.min_days(host.tier) > 0.0;
                if host.room_days <= 0.0 || !wanted {
                    continue;
                }
                by_host[j].push(pairs.len());
                by_pool[p].push(pairs.len());
                pairs.push(Pair {
                    pool: p,
                    host: j,
                    minutes,
                    day_cost: pool.day_cost(minutes),
                });
            }
        }
        Self {
            pairs,
            by_host,
            by_pool,
        }
    }
}

/// Which program to build.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Stage {
    /// Minimise weighted unmet + shortfall penalty + cost weight x cost.
    Weighted,
    /// Maximise the smallest served share z (equity, first stage).
    MaxShare,
    /// At served share `z`, minimise cost weight x cost + shortfall penalty.
    LeastCostAt(f64),
}

/// The built program with the rows whose duals are reported.
#[derive(Debug, Clone)]
pub(crate) struct Formulation {
    pub lp: LinearProgram,
    /// (pool, row) of every pool-days row.
    pub pool_rows: Vec<(usize, usize)>,
    /// (host, row) of every room row.
    pub room_rows: Vec<(usize, usize)>,
    /// The budget row.
    pub budget_row: Option<usize>,
    /// The served-share column in [`Stage::MaxShare`].
    pub share_column: Option<usize>,
}

/// Builds M1 for `stage`. Columns `0..pairs.len()` are the days of each pair.
pub(crate) fn build(
    c: &Consortium,
    pairs: &Pairs,
    stage: Stage,
    integer_days: bool,
) -> Formulation {
    let s = c.scenario();
    let policy = &s.policy;
    let sense = match stage {
        Stage::MaxShare => Sense::Maximise,
        _ => Sense::Minimise,
    };
    let mut lp = LinearProgram::new(sense);
    let cost_weight = match stage {
        Stage::MaxShare => 0.0,
        _ => policy.cost_weight,
    };
    let pool_id = |p: usize| s.pools[p].id.as_str();
    let host_id = |j: usize| s.institutions[j].id.as_str();
    for pair in &pairs.pairs {
        let k = lp.add_column(
            0.0,
            f64::INFINITY,
            cost_weight * pair.day_cost,
            integer_days,
        );
        lp.name_column(k, || {
            format!("days({},{})", pool_id(pair.pool), host_id(pair.host))
        });
    }

    let mut pool_rows = Vec::new();
    for (p, ks) in pairs.by_pool.iter().enumerate() {
        if !ks.is_empty() {
            let terms = ks.iter().map(|&k| (k, 1.0)).collect();
            pool_rows.push((p, lp.add_row(terms, Cmp::Le, s.pools[p].outreach_days())));
            lp.name_last_row(|| format!("pool_days({})", pool_id(p)));
        }
    }
    let mut room_rows = Vec::new();
    for (j, ks) in pairs.by_host.iter().enumerate() {
        if !ks.is_empty() {
            let terms = ks.iter().map(|&k| (k, 1.0)).collect();
            room_rows.push((j, lp.add_row(terms, Cmp::Le, s.institutions[j].room_days)));
            lp.name_last_row(|| format!("rooms({})", host_id(j)));
        }
    }
    let budget_row = policy.budget.map(|b| {
        let terms = pairs
            .pairs
            .iter()
            .enumerate()
            .map(|(k, pair)| (k, pair.day_cost))
            .collect();
        let r = lp.add_row(terms, Cmp::Le, b);
        lp.name_row(r, || "budget".into());
        r
    });

    // Demand (or served share) rows, per (host, specialty) with demand.
    let share_column = match stage {
        Stage::MaxShare => {
            let z = lp.add_column(0.0, 1.0, 1.0, false);
            lp.name_column(z, || "served_share".into());
            Some(z)
        }
        _ => None,
    };
    for (j, inst) in s.institutions.iter().enumerate() {
        for (k, &d) in &inst.demand {
            if d <= 0.0 {
                continue;
            }
            let terms: Vec<(usize, f64)> = pairs.by_host[j]
                .iter()
                .filter(|&&q| s.pools[pairs.pairs[q].pool].specialty == *k)
                .map(|&q| (q, s.pools[pairs.pairs[q].pool].visits_per_day))
                .collect();
            match stage {
                Stage::Weighted => {
                    let w = policy.unmet_weight(k);
                    if terms.is_empty() {
                        lp.offset += w * d;
                    } else {
                        let u = lp.add_column(0.0, d, w, false);
                        lp.name_column(u, || format!("unmet({},{k})", host_id(j)));
                        let mut terms = terms;
                        terms.push((u, 1.0));
                        lp.add_row(terms, Cmp::Ge, d);
                        lp.name_last_row(|| format!("demand({},{k})", host_id(j)));
                    }
                }
                Stage::MaxShare => {
                    if !terms.is_empty() {
                        let mut terms = terms;
                        terms.push((share_column.expect("set above"), -d));
                        lp.add_row(terms, Cmp::Ge, 0.0);
                        lp.name_last_row(|| format!("share({},{k})", host_id(j)));
                    }
                }
                Stage::LeastCostAt(z) => {
                    if !terms.is_empty() {
                        lp.add_row(terms, Cmp::Ge, d * z);
                        lp.name_last_row(|| format!("demand({},{k})", host_id(j)));
                    }
                }
            }
        }
    }

    // Elastic policy minimums (not part of the max-share stage).
    if stage != Stage::MaxShare {
        for (j, inst) in s.institutions.iter().enumerate() {
            let min = policy.min_days(inst.tier);
            if min <= 0.0 {
                continue;
            }
            if pairs.by_host[j].is_empty() {
                lp.offset += policy.shortfall_penalty * min;
            } else {
                let v = lp.add_column(0.0, min, policy.shortfall_penalty, false);
                lp.name_column(v, || format!("min_days_short({})", host_id(j)));
                let mut terms: Vec<(usize, f64)> =
                    pairs.by_host[j].iter().map(|&q| (q, 1.0)).collect();
                terms.push((v, 1.0));
                lp.add_row(terms, Cmp::Ge, min);
                lp.name_last_row(|| format!("min_days({})", host_id(j)));
            }
        }
    }

    Formulation {
        lp,
        pool_rows,
        room_rows,
        budget_row,
        share_column,
    }
}
