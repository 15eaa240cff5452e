//! M2 under a time limit: the best calendar found comes back with its status and gap,
//! within the limit.
#![cfg(feature = "highs")]

use std::time::Instant;
use yilian::check::check_roster;
use yilian::scenario::{Horizon, Roster};
use yilian::{generate, Backend, Consortium, RosterModel, SolveOptions, Status};

#[test]
fn time_limit_is_respected_and_the_gap_reported() {
    let c = Consortium::new(generate::county(1)).unwrap();
    // Demand targets (every host with demand) and a proof of optimality asked for:
    // more than six seconds' work on this machine. Either outcome is acceptable; both are
    // checked.
    let roster = Roster::from_pools(c.scenario(), Horizon::new("2026-03-02", 28));
    let limit = 6.0;
    let options = SolveOptions::new(Backend::Highs)
        .mip_gap(0.0)
        .time_limit(limit);
    let start = Instant::now();
    let result = RosterModel::new(&c).roster(roster).solve(&options);
    let seconds = start.elapsed().as_secs_f64();
    eprintln!(
        "{:.2} s: {:?}",
        seconds,
        result
            .as_ref()
            .map(|p| (p.status, p.bound, p.gap, p.objective))
    );
    // The whole solve (building, the MIP, extraction) keeps the limit + 5 % + 1 s
    // (benches/README.md has the figures); the test allows 1.5 x the limit + 3 s for a
    // loaded machine, still short of a second stage given the full limit again.
    assert!(seconds < limit * 1.5 + 3.0, "{seconds} s");
    match result {
        Ok(plan) => {
            assert!(check_roster(&c, &plan).is_empty());
            // HiGHS's own MIP dual bound: a roster objective is >= 0, so the bound must
            // not be above the objective, and the gap is the one it gives.
            let bound = plan.bound.expect("HiGHS reports its MIP dual bound");
            let gap = plan.gap.expect("a gap with the bound");
            assert!(
                bound <= plan.objective * (1.0 + 1e-9) + 1e-9,
                "bound {bound} above {}",
                plan.objective
            );
            let recomputed = (plan.objective - bound) / plan.objective.abs().max(1.0);
            assert!(
                (gap - recomputed).abs() <= 1e-9,
                "gap {gap} vs {recomputed}"
            );
            // mip_gap(0): optimal only at the floor of 1e-6, else the limit stopped it.
            match plan.status {
                Status::Optimal => assert!(gap <= 1e-6, "optimal with gap {gap}"),
                Status::TimeLimit => assert!(gap > 1e-6, "time_limit with gap {gap}"),
                other => panic!("status {other} with gap {gap} after a time limit"),
            }
        }
        Err(e) => assert!(
            e.to_string()
                .contains("found no calendar within the time limit of 6 s"),
            "{e}"
        ),
    }
}
