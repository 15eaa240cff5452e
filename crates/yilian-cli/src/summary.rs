//! The short human summary printed after a solve.

use std::collections::BTreeMap;
use std::fmt::Write;
use yilian::{Consortium, RotationPlan, ScannerPlan};

fn pct(part: f64, whole: f64) -> String {
    if whole > 0.0 {
        format!("{:.1}%", 100.0 * part / whole)
    } else {
        "-".into()
    }
}

/// The proof line: the solver's bound and the gap it proves, then one line per stage
/// of a two-stage objective.
pub fn proof(
    status: yilian::Status,
    bound: Option<f64>,
    gap: Option<f64>,
    stages: &[yilian::plan::StageSummary],
) -> String {
    let meaning = match status {
        yilian::Status::Optimal => "proven optimal",
        yilian::Status::GapLimit => "proven within the gap asked for",
        yilian::Status::TimeLimit => "stopped by the time limit",
        yilian::Status::Feasible => "feasible, not proven optimal",
    };
    let figures = |bound: Option<f64>, gap: Option<f64>| match (bound, gap) {
        (Some(b), Some(g)) => format!("bound {b:.6e}, gap {:.4}%", 100.0 * g),
        (Some(b), None) => format!("bound {b:.6e}"),
        _ => "no bound known".to_string(),
    };
    let mut out = format!("{status} ({meaning}): {}\n", figures(bound, gap));
    for st in stages {
        out.push_str(&format!(
            "  stage \"{}\": {}, objective {:.6e}, {}\n",
            st.stage,
            st.status,
            st.objective,
            figures(st.bound, st.gap)
        ));
    }
    out
}

/// Summary of a rotation plan: coverage by tier, unmet by specialty, days per pool,
/// policy shortfalls.
pub fn rotation(c: &Consortium, plan: &RotationPlan) -> String {
    let mut out = String::new();
    let st = &plan.stats;
    let _ = writeln!(
        out,
        "{}: rotation plan ({:?} objective{}), status {}, backend {}",
        plan.scenario,
        plan.objective_kind,
        if plan.integer_days {
            ", whole days"
        } else {
            ""
        },
        plan.status,
        plan.backend
    );
    out.push_str(&proof(plan.status, plan.bound, plan.gap, &plan.stages));
    let _ = writeln!(
        out,
        "model: {} variables, {} constraints, {} non-zeros; built in {:.3} s, loaded into the solver in {:.3} s, solved in {:.3} s",
        st.variables, st.constraints, st.nonzeros, st.build_seconds, st.load_seconds, st.solve_seconds
    );
    let _ = writeln!(
        out,
        "sent {:.1} specialist-days to {} hosts, cost {:.0}; objective {:.3}; smallest served share {}",
        plan.total_days,
        plan.rooms.iter().filter(|r| r.used > 0.0).count(),
        plan.total_cost,
        plan.objective,
        plan.min_served_share
            .map_or("-".into(), |s| format!("{:.1}%", 100.0 * s))
    );

    let mut by_tier: BTreeMap<&str, (f64, f64, usize)> = BTreeMap::new();
    let mut by_spec: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for l in &plan.service {
        let t = by_tier.entry(&l.tier).or_default();
        t.0 += l.demand;
        t.1 += l.served;
        let k = by_spec.entry(&l.specialty).or_default();
        k.0 += l.demand;
        k.1 += l.unmet;
    }
    let _ = writeln!(
        out,
        "\ncoverage by tier                 demand     served   share"
    );
    for (tier, (d, s, _)) in &by_tier {
        let _ = writeln!(out, "  {tier:<28} {d:>9.1} {s:>10.1} {:>7}", pct(*s, *d));
    }
    let (d, s) = by_tier
        .values()
        .fold((0.0, 0.0), |a, t| (a.0 + t.0, a.1 + t.1));
    let _ = writeln!(out, "  {:<28} {d:>9.1} {s:>10.1} {:>7}", "all", pct(s, d));

    let _ = writeln!(
        out,
        "\nunmet by specialty               demand      unmet   share"
    );
    for (k, (d, u)) in &by_spec {
        let _ = writeln!(out, "  {k:<28} {d:>9.1} {u:>10.1} {:>7}", pct(*u, *d));
    }

    let _ = writeln!(
        out,
        "\ndays sent per pool                  available   sent   value of one more day"
    );
    for p in &plan.pools {
        let value = p
            .marginal_value
            .map_or("-".to_string(), |v| format!("{v:.3}"));
        let _ = writeln!(
            out,
            "  {:<34} {:>8.1} {:>6.1}   {value}",
            p.pool, p.available_days, p.sent_days
        );
    }

    let short: Vec<_> = plan.policy.iter().filter(|l| l.shortfall > 0.0).collect();
    let _ = writeln!(
        out,
        "\npolicy minimums: {} hosts, {} met, {} short",
        plan.policy.len(),
        plan.policy.len() - short.len(),
        short.len()
    );
    for l in short {
        let _ = writeln!(
            out,
            "  {} ({}): {:.1} of {:.1} days: {}",
            l.host,
            l.tier,
            l.received_days,
            l.required_days,
            l.reason.as_deref().unwrap_or("")
        );
    }
    if let Some(b) = &plan.budget {
        let _ = writeln!(out, "budget: {:.0} of {:.0} used", b.used, b.limit);
    }
    let warnings = c.warnings().len();
    if warnings > 0 {
        let _ = writeln!(out, "{warnings} scenario warning(s); see `yilian validate`");
    }
    out
}

/// Summary of a scanner plan: units added where, exams served within the limit,
/// unmet, mean and 90th-percentile travel, utilisation per unit.
pub fn scanners(c: &Consortium, plan: &ScannerPlan) -> String {
    let mut out = String::new();
    let st = &plan.stats;
    let _ = writeln!(
        out,
        "{}: scanner plan ({:?} objective), status {}, backend {}",
        plan.scenario, plan.objective_kind, plan.status, plan.backend
    );
    out.push_str(&proof(plan.status, plan.bound, plan.gap, &plan.stages));
    let _ = writeln!(
        out,
        "model: {} variables, {} constraints, {} non-zeros; built in {:.3} s, loaded in {:.3} s, solved in {:.3} s",
        st.variables, st.constraints, st.nonzeros, st.build_seconds, st.load_seconds, st.solve_seconds
    );
    let _ = writeln!(
        out,
        "objective {:.1}; cost of new units {:.0} per period; units moved {}",
        plan.objective, plan.total_cost, plan.units_moved
    );
    let _ = writeln!(
        out,
        "\nmodality   demand     served within limit    unmet   units (new)   mean / p90 travel (min)"
    );
    for m in &plan.modalities {
        let _ = writeln!(
            out,
            "  {:<7} {:>9.1} {:>10.1} {:>7} {:>9.1} {:>6} ({:>2})     {:>5.1} / {:.1}",
            m.modality,
            m.demand,
            m.served,
            pct(m.served, m.demand),
            m.unmet,
            m.units,
            m.units_added,
            m.mean_travel_minutes,
            m.p90_travel_minutes
        );
    }
    let _ = writeln!(
        out,
        "\nunits per site              in place  added  capacity    exams  utilisation  value of a scanner-day"
    );
    for u in &plan.units {
        let value = u
            .value_of_scanner_day
            .map_or("-".to_string(), |v| format!("{v:.1}"));
        let _ = writeln!(
            out,
            "  {:<12} {:<6} {:>10} {:>6} {:>9.0} {:>8.1} {:>11}  {value}",
            u.site,
            u.modality,
            u.kept,
            u.added,
            u.capacity,
            u.exams,
            pct(u.exams, u.capacity)
        );
    }
    let unmet: Vec<_> = plan.demand.iter().filter(|d| d.unmet > 0.0).collect();
    let _ = writeln!(
        out,
        "\n{} institution-modality pairs with unmet exams",
        unmet.len()
    );
    for d in unmet.iter().take(10) {
        let _ = writeln!(
            out,
            "  {} ({}) {}: {:.1} of {:.1} unmet: {}",
            d.institution,
            d.tier,
            d.modality,
            d.unmet,
            d.demand,
            d.reason.as_deref().unwrap_or("")
        );
    }
    if unmet.len() > 10 {
        let _ = writeln!(
            out,
            "  ... and {} more (see the plan file)",
            unmet.len() - 10
        );
    }
    let warnings = c.warnings().len();
    if warnings > 0 {
        let _ = writeln!(out, "{warnings} scenario warning(s); see `yilian validate`");
    }
    out
}
