//! M1 then M2 on the county example: the roster delivers the rotation plan's targets
//! within one day per (pool, host), or says why not.
#![cfg(feature = "highs")]

use yilian::check::{check_roster, check_roster_against, check_rotation, scenario_settings};
use yilian::scenario::{Horizon, Roster};
use yilian::{generate, Backend, Consortium, RosterModel, RotationModel, SolveOptions};

#[test]
fn county_rotation_then_roster() {
    let c = Consortium::new(generate::county(1)).unwrap();
    // Whole days per (pool, host): a roster gives whole days.
    let rotation = RotationModel::new(&c)
        .integer_days(true)
        .solve(&SolveOptions::new(Backend::Highs).mip_gap(0.0))
        .unwrap();
    assert!(check_rotation(&c, &rotation).is_empty());

    // Four weeks from a Monday: 20 planning days of a 22-day period.
    let roster = Roster::from_pools(c.scenario(), Horizon::new("2026-03-02", 28));
    let options = SolveOptions::new(Backend::Highs)
        .time_limit(30.0)
        .mip_gap(0.01)
        .seed(1);
    let plan = RosterModel::new(&c)
        .roster(roster.clone())
        .targets_from(&rotation)
        .solve(&options)
        .unwrap();
    eprintln!(
        "county roster: {} specialists, {} dates, {} variables, {} rows, status {}, gap {:?}, {:.2} s",
        plan.specialists.len(),
        plan.dates.len(),
        plan.stats.variables,
        plan.stats.constraints,
        plan.status,
        plan.gap,
        plan.stats.solve_seconds
    );
    assert_eq!(plan.dates.len(), 20);
    let v = check_roster_against(&c, &roster, &plan, Some(&rotation));
    assert!(v.is_empty(), "{v:?}");
    // The settings equal what `from_pools` derives, so the scenario's settings agree;
    // without the rotation plan the targets cannot be checked, and the plain checker
    // says so rather than trust the roster's own targets.
    let v = check_roster_against(&c, &scenario_settings(&c, &plan), &plan, Some(&rotation));
    assert!(v.is_empty(), "{v:?}");
    assert_eq!(
        check_roster(&c, &plan)
            .iter()
            .map(|v| v.rule.as_str())
            .collect::<Vec<_>>(),
        ["targets"]
    );

    let mut target = 0.0;
    let mut delivered = 0.0;
    for t in &plan.targets {
        target += t.target;
        delivered += t.delivered;
        let off = (t.target - t.delivered).abs();
        assert!(
            off <= 1.0 + 1e-9 || t.reason.is_some(),
            "{:?} {} at {}: target {:.2}, delivered {}, no reason",
            t.pool,
            t.specialty,
            t.host,
            t.target,
            t.delivered
        );
    }
    let within = plan
        .targets
        .iter()
        .filter(|t| (t.target - t.delivered).abs() <= 1.0 + 1e-9)
        .count();
    eprintln!(
        "targets: {within} of {} within 1 day; {delivered:.1} of {target:.1} target days delivered",
        plan.targets.len()
    );
    // Scaled M1 days: 20 of 22 days of the period.
    let m1_days: f64 = rotation.assignments.iter().map(|a| a.days).sum::<f64>() * 20.0 / 22.0;
    assert!((target - m1_days).abs() < 1e-6);
    assert!(delivered >= 0.9 * target, "{delivered} of {target}");
    // The gap is computed from HiGHS's own bound (it was rebuilt from the gap asked
    // for, so this could not fail), and the status follows it.
    let bound = plan.bound.expect("HiGHS's MIP dual bound");
    let gap = plan.gap.expect("a gap with the bound");
    assert!(
        bound <= plan.objective,
        "bound {bound} above {}",
        plan.objective
    );
    assert!((gap - (plan.objective - bound) / plan.objective.abs().max(1.0)).abs() < 1e-12);
    assert!(gap <= 0.01, "gap {gap}");
    let expected = if gap <= 1e-4 {
        yilian::Status::Optimal
    } else {
        yilian::Status::GapLimit
    };
    assert_eq!(plan.status, expected, "gap {gap}");
}
