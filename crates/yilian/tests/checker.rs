//! The independent checker accepts solved plans and catches tampered ones.

mod common;

use yilian::check::check_rotation;
use yilian::{generate, Consortium, RotationModel, SolveOptions};

fn county() -> Consortium {
    Consortium::new(generate::county(1)).unwrap()
}

#[test]
fn a_day_moved_past_a_pools_limit_is_caught() {
    let c = county();
    let mut plan = RotationModel::new(&c)
        .solve(&SolveOptions::default())
        .unwrap();
    assert_eq!(check_rotation(&c, &plan), vec![]);
    // A pool that sends all its outreach days gets one more day at one of its hosts.
    let full = plan
        .pools
        .iter()
        .find(|p| p.available_days > 0.0 && (p.sent_days - p.available_days).abs() < 1e-6)
        .expect("the county example has a fully used pool")
        .pool
        .clone();
    let a = plan
        .assignments
        .iter_mut()
        .find(|a| a.pool == full)
        .unwrap();
    let per_day = a.cost / a.days;
    a.days += 1.0;
    a.cost += per_day;
    let violations = check_rotation(&c, &plan);
    assert!(
        violations
            .iter()
            .any(|v| v.rule == "pool_days" && v.subject == full),
        "{violations:?}"
    );
}

#[test]
fn rooms_travel_unknown_ids_and_figures_are_checked() {
    let c = county();
    let plan = RotationModel::new(&c)
        .solve(&SolveOptions::default())
        .unwrap();

    // Over a host's rooms.
    let mut p = plan.clone();
    let host = p.assignments[0].host.clone();
    let rooms = c.scenario().institutions[c.index_of(&host).unwrap()].room_days;
    p.assignments[0].days += rooms;
    assert!(check_rotation(&c, &p)
        .iter()
        .any(|v| v.rule == "rooms" && v.subject == host));

    // A host beyond the pool's travel limit: move an assignment to a far institution.
    let mut p = plan.clone();
    let pool = p.assignments[0].pool.clone();
    let pool_ix = c
        .scenario()
        .pools
        .iter()
        .position(|x| x.id == pool)
        .unwrap();
    let far = (0..c.institution_count())
        .find(|&j| j != c.pool_home(pool_ix) && c.pool_can_visit(pool_ix, j).is_none());
    if let Some(j) = far {
        p.assignments[0].host = c.scenario().institutions[j].id.clone();
        let v = check_rotation(&c, &p);
        assert!(
            v.iter().any(|v| v.rule == "travel" || v.rule == "home"),
            "{v:?}"
        );
    }

    // Unknown pool id.
    let mut p = plan.clone();
    p.assignments[0].pool = "nobody".into();
    assert!(check_rotation(&c, &p)
        .iter()
        .any(|v| v.rule == "unknown_id"));

    // Negative days.
    let mut p = plan.clone();
    p.assignments[0].days = -1.0;
    assert!(check_rotation(&c, &p).iter().any(|v| v.rule == "days"));

    // A served figure that does not match the days sent.
    let mut p = plan.clone();
    let line = p.service.iter_mut().find(|l| l.served > 0.0).unwrap();
    line.served += 5.0;
    assert!(check_rotation(&c, &p).iter().any(|v| v.rule == "service"));

    // A wrong objective.
    let mut p = plan;
    p.objective -= 1.0;
    assert!(check_rotation(&c, &p)
        .iter()
        .any(|v| v.rule == "report" && v.subject == "objective"));
}
