//! M1 on small instances whose optimum and shadow prices are derived by hand.

mod common;

use common::{backends, close, tol};
use yilian::check::check_rotation;
use yilian::{
    Consortium, Institution, RotationModel, RotationObjective, Scenario, SpecialistPool, Tier,
};

/// Three pools at home H, four hosts on roads from H: A 10 min, B 20, C 10, D 30.
///
/// Cost of a day = cost_per_day + 2 x cost_per_minute x minutes; lambda = 0.001.
///
/// | pool | spec. | days | visits/day | cost/day | per min | day cost at A / B / C / D |
/// |------|-------|------|------------|----------|---------|---------------------------|
/// | P1   | cardio| 10   | 10         | 100      | 1       | 120 / 140 / 120 / 160     |
/// | P2   | cardio| 5    | 10         | 300      | 3       | 360 / 420 / 360 / 480     |
/// | P3   | peds  | 2x3=6| 5          | 100      | 1       | 120 / -   / 120 / 160     |
///
/// | host | tier (policy min) | rooms | demand            |
/// |------|-------------------|-------|-------------------|
/// | A    | CHC (3)           | 4     | cardiology 60     |
/// | B    | secondary (0)     | 20    | cardiology 130    |
/// | C    | township (2)      | 20    | pediatrics 20     |
/// | D    | township (2)      | 1     | pediatrics 40     |
///
/// Cardiology: 15 days x 10 = 150 visits for 190 wanted; A can host only 4 days.
/// All 15 days are worth sending (10 visits against at most 0.48 of weighted cost).
/// A's 4 room-days go to P2, which saves 0.06 a day by not going on to B, against
/// 0.02 for P1. So P2: 4 at A, 1 at B; P1: 10 at B. Unmet A 20, B 20.
/// Pediatrics: C needs 4 days, D can host 1: P3 sends 5 of its 6 days; unmet D 35.
/// D stays 1 day short of its minimum of 2 (penalty 50).
/// Cost: P1 10 x 140 + P2 (4 x 360 + 420) + P3 (4 x 120 + 160) = 3,900.
/// Objective: 75 unmet + 50 x 1 + 0.001 x 3,900 = 128.9.
///
/// Duals (demand rows with unmet > 0 are worth 1 a visit; D's policy row 50):
/// - P1: x(P1,B) is basic and B's rooms are slack: 0.14 - 10 + p1 = 0, p1 = 9.86.
/// - P2: x(P2,B) basic: 0.42 - 10 + p2 = 0, p2 = 9.58.
/// - room A: x(P2,A) basic: 0.36 - 10 + 9.58 + rA = 0, rA = 0.06.
/// - P3 has a spare day: 0. Rooms B and C are slack: 0.
/// - room D: x(P3,D) basic: 0.16 - 5 - 50 + rD = 0, rD = 54.84.
///
/// Non-basic reduced costs stay >= 0, e.g. x(P1,A): 0.12 - 10 + 9.86 + 0.06 = 0.04.
fn hand_case() -> Consortium {
    Scenario::builder("hand")
        .institution(Institution::new("H", Tier::Tertiary))
        .institution(
            Institution::new("A", Tier::CommunityHealthCentre)
                .demand("cardiology", 60.0)
                .room_days(4.0),
        )
        .institution(
            Institution::new("B", Tier::Secondary)
                .demand("cardiology", 130.0)
                .room_days(20.0),
        )
        .institution(
            Institution::new("C", Tier::TownshipHealthCentre)
                .demand("pediatrics", 20.0)
                .room_days(20.0),
        )
        .institution(
            Institution::new("D", Tier::TownshipHealthCentre)
                .demand("pediatrics", 40.0)
                .room_days(1.0),
        )
        .link("H", "A", 10.0)
        .link("H", "B", 20.0)
        .link("H", "C", 10.0)
        .link("H", "D", 30.0)
        .pool(
            SpecialistPool::new("P1", "H", "cardiology")
                .days_per_person(10.0)
                .visits_per_day(10.0)
                .cost_per_day(100.0)
                .cost_per_minute(1.0),
        )
        .pool(
            SpecialistPool::new("P2", "H", "cardiology")
                .days_per_person(5.0)
                .visits_per_day(10.0)
                .cost_per_day(300.0)
                .cost_per_minute(3.0),
        )
        .pool(
            SpecialistPool::new("P3", "H", "pediatrics")
                .headcount(2)
                .days_per_person(3.0)
                .visits_per_day(5.0)
                .cost_per_day(100.0)
                .cost_per_minute(1.0),
        )
        .min_days(Tier::CommunityHealthCentre, 3.0)
        .min_days(Tier::TownshipHealthCentre, 2.0)
        .build()
        .expect("the hand case is valid")
}

fn assert_hand_optimum(plan: &yilian::RotationPlan, t: f64) {
    close(plan.objective, 128.9, t);
    close(plan.total_cost, 3900.0, t);
    close(plan.days("P1", "B"), 10.0, t);
    close(plan.days("P2", "A"), 4.0, t);
    close(plan.days("P2", "B"), 1.0, t);
    close(plan.days("P3", "C"), 4.0, t);
    close(plan.days("P3", "D"), 1.0, t);
    close(plan.total_days, 20.0, t);
    close(plan.unmet("A", "cardiology"), 20.0, t);
    close(plan.unmet("B", "cardiology"), 20.0, t);
    close(plan.unmet("C", "pediatrics"), 0.0, t);
    close(plan.unmet("D", "pediatrics"), 35.0, t);
    let d = plan.policy.iter().find(|l| l.host == "D").unwrap();
    close(d.shortfall, 1.0, t);
    assert_eq!(
        d.reason.as_deref(),
        Some("it has only 1 room-days, below the minimum of 2")
    );
    assert!(plan
        .policy
        .iter()
        .filter(|l| l.host != "D")
        .all(|l| l.shortfall == 0.0));
}

#[test]
fn hand_case_optimum_on_every_backend() {
    let c = hand_case();
    for options in backends() {
        let plan = RotationModel::new(&c).solve(&options).unwrap();
        assert_eq!(plan.status, yilian::Status::Optimal);
        assert_hand_optimum(&plan, tol(options.backend));
        assert_eq!(check_rotation(&c, &plan), vec![]);
    }
}

#[test]
fn hand_case_with_whole_days_has_the_same_optimum() {
    let c = hand_case();
    for options in backends()
        .into_iter()
        .filter(|o| o.backend.supports_integers())
    {
        let plan = RotationModel::new(&c)
            .integer_days(true)
            .solve(&options)
            .unwrap();
        assert_hand_optimum(&plan, tol(options.backend));
        assert!(plan.pools.iter().all(|p| p.marginal_value.is_none()));
        assert_eq!(check_rotation(&c, &plan), vec![]);
    }
}

#[test]
fn hand_case_shadow_prices_on_every_backend_with_duals() {
    let c = hand_case();
    for options in backends().into_iter().filter(|o| o.backend.gives_duals()) {
        let plan = RotationModel::new(&c).solve(&options).unwrap();
        let pool = |id: &str| {
            plan.pools
                .iter()
                .find(|p| p.pool == id)
                .unwrap()
                .marginal_value
                .unwrap()
        };
        let room = |id: &str| {
            plan.rooms
                .iter()
                .find(|r| r.host == id)
                .unwrap()
                .marginal_value
                .unwrap()
        };
        let t = tol(options.backend);
        close(pool("P1"), 9.86, t);
        close(pool("P2"), 9.58, t);
        close(pool("P3"), 0.0, t);
        close(room("A"), 0.06, t);
        close(room("B"), 0.0, t);
        close(room("C"), 0.0, t);
        close(room("D"), 54.84, t);
    }
}

/// One pool (10 days, 10 visits a day, 100 a day, no travel cost), one host wanting
/// 200 visits, budget 250: 2.5 days, 25 visits served, unmet 175, objective
/// 175 + 0.001 x 250 = 175.25. One more unit of budget buys 0.01 day = 0.1 visit
/// for 0.001 of weighted cost: worth 0.099.
fn budget_case() -> Consortium {
    Scenario::builder("budget")
        .institution(Institution::new("H", Tier::Secondary))
        .institution(
            Institution::new("T", Tier::TownshipHealthCentre)
                .demand("cardiology", 200.0)
                .room_days(20.0),
        )
        .link("H", "T", 15.0)
        .pool(
            SpecialistPool::new("P", "H", "cardiology")
                .days_per_person(10.0)
                .visits_per_day(10.0)
                .cost_per_day(100.0),
        )
        .budget(250.0)
        .build()
        .unwrap()
}

#[test]
fn budget_limits_the_days_sent() {
    let c = budget_case();
    for options in backends() {
        let plan = RotationModel::new(&c).solve(&options).unwrap();
        close(plan.days("P", "T"), 2.5, tol(options.backend));
        close(plan.objective, 175.25, tol(options.backend));
        close(
            plan.budget.as_ref().unwrap().used,
            250.0,
            tol(options.backend),
        );
        assert_eq!(check_rotation(&c, &plan), vec![]);
        if options.backend.gives_duals() {
            close(
                plan.budget.as_ref().unwrap().marginal_value.unwrap(),
                0.099,
                tol(options.backend) / 10.0,
            );
            close(
                plan.pools[0].marginal_value.unwrap(),
                0.0,
                tol(options.backend),
            );
        }
    }
}

/// Equity: one pool of 10 days x 10 visits (100 visits) for hosts wanting 100 and 50.
/// The best smallest share is 100 / 150 = 2/3: A gets 6.667 days, B 3.333. Stage two
/// costs 0.001 x 10 days x 100 = 1.0.
#[test]
fn equity_objective_shares_scarce_days_evenly() {
    let c = Scenario::builder("equity")
        .institution(Institution::new("H", Tier::Secondary))
        .institution(
            Institution::new("A", Tier::TownshipHealthCentre)
                .demand("cardiology", 100.0)
                .room_days(20.0),
        )
        .institution(
            Institution::new("B", Tier::TownshipHealthCentre)
                .demand("cardiology", 50.0)
                .room_days(20.0),
        )
        .link("H", "A", 10.0)
        .link("A", "B", 10.0)
        .pool(
            SpecialistPool::new("P", "H", "cardiology")
                .days_per_person(10.0)
                .visits_per_day(10.0)
                .cost_per_day(100.0),
        )
        .build()
        .unwrap();
    for options in backends() {
        let plan = RotationModel::new(&c)
            .objective(RotationObjective::Equity)
            .solve(&options)
            .unwrap();
        close(
            plan.min_served_share.unwrap(),
            2.0 / 3.0,
            tol(options.backend),
        );
        close(plan.days("P", "A"), 20.0 / 3.0, tol(options.backend));
        close(plan.days("P", "B"), 10.0 / 3.0, tol(options.backend));
        close(plan.objective, 1.0, tol(options.backend));
        assert_eq!(check_rotation(&c, &plan), vec![]);
    }
}
