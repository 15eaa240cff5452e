//! Build a small county consortium in code, solve the rotation model and read the plan.
//!
//! Run with `cargo run -p yilian --example rotation_builder`.

use yilian::check::check_rotation;
use yilian::{Institution, RotationModel, Scenario, SolveOptions, SpecialistPool, Tier};

fn main() -> Result<(), yilian::Error> {
    let consortium = Scenario::builder("small county")
        .period_days(22.0)
        .institution(
            Institution::new("CH1", Tier::Secondary)
                .name("County People's Hospital")
                .at(119.97, 30.54),
        )
        .institution(
            Institution::new("THC01", Tier::TownshipHealthCentre)
                .at(120.08, 30.60)
                .population(14_000.0)
                .demand("cardiology", 30.0)
                .demand("pediatrics", 25.0)
                .room_days(20.0),
        )
        .institution(
            Institution::new("THC02", Tier::TownshipHealthCentre)
                .at(119.85, 30.47)
                .population(9_000.0)
                .demand("cardiology", 22.0)
                .demand("pediatrics", 18.0)
                .room_days(12.0),
        )
        .institution(
            Institution::new("VC001", Tier::VillageClinic)
                .at(120.12, 30.63)
                .population(1_200.0)
                .demand("cardiology", 3.0)
                .room_days(2.0),
        )
        .pool(
            SpecialistPool::new("CH1-cardiology", "CH1", "cardiology")
                .headcount(6)
                .days_per_person(22.0)
                .home_min_days(127.0)
                .max_travel_minutes(60.0)
                .visits_per_day(16.0)
                .cost_per_day(800.0)
                .cost_per_minute(1.5),
        )
        .pool(
            SpecialistPool::new("CH1-pediatrics", "CH1", "pediatrics")
                .headcount(4)
                .days_per_person(22.0)
                .home_min_days(86.0)
                .max_travel_minutes(60.0)
                .visits_per_day(20.0)
                .cost_per_day(700.0)
                .cost_per_minute(1.5),
        )
        .min_days(Tier::TownshipHealthCentre, 4.0)
        .build()?;

    let plan = RotationModel::new(&consortium).solve(&SolveOptions::default())?;
    println!(
        "status {}, objective {:.3}, {} days sent, cost {:.0}",
        plan.status, plan.objective, plan.total_days, plan.total_cost
    );
    for a in &plan.assignments {
        println!(
            "  {:<16} -> {:<6} {:>5.2} days ({:.0} min away)",
            a.pool, a.host, a.days, a.travel_minutes
        );
    }
    for s in &plan.service {
        println!(
            "  {:<6} {:<11} demand {:>5.1} served {:>5.1} unmet {:>5.1}",
            s.host, s.specialty, s.demand, s.served, s.unmet
        );
    }
    let violations = check_rotation(&consortium, &plan);
    println!("checker: {} violations", violations.len());
    assert!(violations.is_empty());
    Ok(())
}
