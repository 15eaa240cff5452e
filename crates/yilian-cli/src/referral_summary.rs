//! The summary printed after solving the referral model (M5).

use std::collections::BTreeMap;
use std::fmt::Write;
use yilian::ReferralPlan;

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// Shares before (without targets, when solved) and after, referrals up and down,
/// busiest institutions, and the targets with their marginal costs.
pub fn referral(plan: &ReferralPlan) -> String {
    let mut out = String::new();
    let st = &plan.stats;
    let _ = writeln!(
        out,
        "{}: referral plan ({} mode), status {}, backend {}",
        plan.scenario,
        plan.mode.as_str(),
        plan.status,
        plan.backend
    );
    let _ = writeln!(
        out,
        "model: {} variables, {} constraints, {} non-zeros; built in {:.3} s, loaded into the solver in {:.3} s, solved in {:.3} s",
        st.variables, st.constraints, st.nonzeros, st.build_seconds, st.load_seconds, st.solve_seconds
    );
    let _ = writeln!(
        out,
        "objective {:.0} (travel {:.0}, treatment {:.0}, unmet {:.0}, targets {:.0}); rotation {:.3}; total {:.0}",
        plan.objective,
        plan.travel_cost,
        plan.treatment_cost,
        plan.unmet_penalty,
        plan.target_penalty,
        plan.rotation_objective,
        plan.total_objective
    );
    let _ = writeln!(
        out,
        "episodes {:.1}, treated in the consortium {:.1} ({})",
        plan.episodes,
        plan.treated,
        if plan.episodes > 0.0 {
            pct(plan.treated / plan.episodes)
        } else {
            "-".into()
        }
    );
    let busiest = plan.busiest_hospital.as_ref().map_or(0.0, |b| b.2);
    let _ = writeln!(out, "\nshares                         before     after");
    let before = plan.baseline.as_ref();
    let b = |f: &dyn Fn(&yilian::plan::CareShares) -> f64| before.map_or("-".into(), |x| pct(f(x)));
    let _ = writeln!(
        out,
        "  grassroots                {:>9} {:>9}",
        b(&|x| x.grassroots_share),
        pct(plan.grassroots_share)
    );
    let _ = writeln!(
        out,
        "  within county             {:>9} {:>9}",
        b(&|x| x.within_county_share),
        pct(plan.within_county_share)
    );
    let _ = writeln!(
        out,
        "  busiest hospital class    {:>9} {:>9}",
        b(&|x| x.busiest_hospital_utilisation),
        pct(busiest)
    );
    if before.is_none() {
        let _ = writeln!(
            out,
            "  (before: the scenario sets no targets, or no baseline was solved)"
        );
    }

    let _ = writeln!(
        out,
        "\nreferrals: {:.1} patients up ({} origin-destination pairs), {:.1} recovery episodes down ({} pairs)",
        plan.referred_up,
        plan.referrals_up.len(),
        plan.referred_down,
        plan.referrals_down.len()
    );
    let mut top_up = plan.referrals_up.clone();
    top_up.sort_by(|a, b| b.patients.total_cmp(&a.patients));
    for r in top_up.iter().take(5) {
        let _ = writeln!(
            out,
            "  up   {:<14} -> {:<14} {:>9.1}",
            r.from, r.to, r.patients
        );
    }
    let mut top_down = plan.referrals_down.clone();
    top_down.sort_by(|a, b| b.patients.total_cmp(&a.patients));
    for r in top_down.iter().take(5) {
        let _ = writeln!(
            out,
            "  down {:<14} -> {:<14} {:>9.1}",
            r.from, r.to, r.patients
        );
    }

    let mut by_site: BTreeMap<&str, (f64, f64, &str)> = BTreeMap::new();
    for l in &plan.loads {
        let e = by_site.entry(&l.institution).or_insert((0.0, 0.0, &l.tier));
        e.0 = e.0.max(l.utilisation);
        e.1 += l.load;
    }
    let mut busiest_sites: Vec<(&str, (f64, f64, &str))> = by_site.into_iter().collect();
    busiest_sites.sort_by(|a, b| b.1 .0.total_cmp(&a.1 .0).then(b.1 .1.total_cmp(&a.1 .1)));
    let _ = writeln!(
        out,
        "\nbusiest institutions          tier                     highest use   patients"
    );
    for (id, (u, p, tier)) in busiest_sites.iter().take(5) {
        let _ = writeln!(out, "  {id:<27} {tier:<24} {:>10} {p:>10.1}", pct(*u));
    }

    if !plan.targets.is_empty() {
        let _ = writeln!(
            out,
            "\ntargets                       required  achieved   short   binding   cost per point"
        );
        for t in &plan.targets {
            let _ = writeln!(
                out,
                "  {:<27} {:>8} {:>9} {:>7.1} {:>9} {:>16}",
                t.target,
                pct(t.required),
                pct(t.achieved),
                t.shortfall_episodes,
                if t.binding { "yes" } else { "no" },
                t.marginal_cost_per_point
                    .map_or("-".into(), |m| format!("{m:.1}"))
            );
            for l in t.limits.iter().take(5) {
                let _ = writeln!(out, "      {} {}: {}", l.institution, l.class, l.reason);
            }
            if t.limits.len() > 5 {
                let _ = writeln!(
                    out,
                    "      ... {} more (see the plan file)",
                    t.limits.len() - 5
                );
            }
        }
    }
    let unmet: f64 = plan.demand.iter().map(|d| d.unmet).sum();
    if unmet > 0.0 {
        let _ = writeln!(out, "\nunmet patients: {unmet:.1}");
        let mut lines: Vec<_> = plan.demand.iter().filter(|d| d.unmet > 0.0).collect();
        lines.sort_by(|a, b| b.unmet.total_cmp(&a.unmet));
        for d in lines.iter().take(5) {
            let _ = writeln!(
                out,
                "  {} {}: {:.1} of {:.1}: {}",
                d.origin,
                d.class,
                d.unmet,
                d.demand,
                d.reason.as_deref().unwrap_or("")
            );
        }
    }
    for n in &plan.notes {
        let _ = writeln!(out, "note: {n}");
    }
    out
}
