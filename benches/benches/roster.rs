//! Criterion benchmarks of the roster model (M2) on the county example with its pools
//! scaled to 200 specialists, 28 calendar days (20 planning days), hosts split within
//! pools (`Roster::from_pools`), HiGHS stopping at a 1 % gap. Three target sources:
//! an M1 plan with whole days, an M1 plan with continuous days (about 1,150 targets)
//! and demand directly (every host with demand, about 200 hosts).
//!
//! `cargo bench -p yilian-benches --features highs --bench roster`
//! (without HiGHS only the build is timed: microlp cannot prove these gaps).

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use std::hint::black_box;
use std::time::Duration;
use yilian::scenario::{Horizon, Roster};
use yilian::{generate, Backend, Consortium, RosterModel, RotationModel, RotationPlan};

/// The county example (seed 1) with pool headcounts scaled to `total` specialists,
/// each pool keeping its share of days at home.
pub fn county_with_specialists(total: u32) -> Consortium {
    let mut s = generate::county(1);
    let now: u32 = s.pools.iter().map(|p| p.headcount).sum();
    let n = s.pools.len();
    let mut given = 0;
    for (i, p) in s.pools.iter_mut().enumerate() {
        let share = if i + 1 == n {
            total - given
        } else {
            (f64::from(p.headcount) * f64::from(total) / f64::from(now)).round() as u32
        };
        let home_share = p.home_min_days / (f64::from(p.headcount) * p.days_per_person);
        p.headcount = share;
        p.home_min_days = (f64::from(share) * p.days_per_person * home_share).round();
        given += share;
    }
    Consortium::new(s).expect("a scaled county is valid")
}

/// The target sources: (name, rotation plan or none for demand).
fn sources(c: &Consortium) -> Vec<(&'static str, Option<RotationPlan>)> {
    let backend = Backend::best_available().expect("a backend is compiled in");
    let m1 = |integer: bool| {
        RotationModel::new(c)
            .integer_days(integer)
            .solve(&yilian::SolveOptions::new(backend).time_limit(60.0))
            .expect("M1 solves")
    };
    vec![
        ("m1-whole-days", Some(m1(true))),
        ("m1-continuous", Some(m1(false))),
        ("demand", None),
    ]
}

fn roster(crit: &mut Criterion) {
    let c = county_with_specialists(200);
    let settings = Roster::from_pools(c.scenario(), Horizon::new("2026-03-02", 28));
    let sources = sources(&c);
    fn model<'a>(
        c: &'a Consortium,
        settings: &Roster,
        plan: &'a Option<RotationPlan>,
    ) -> RosterModel<'a> {
        let m = RosterModel::new(c).roster(settings.clone());
        match plan {
            Some(p) => m.targets_from(p),
            None => m,
        }
    }

    let mut group = crit.benchmark_group("roster/build");
    for (name, plan) in &sources {
        group.bench_function(*name, |b| {
            b.iter(|| black_box(model(&c, &settings, plan).program().expect("builds")))
        });
    }
    group.finish();

    if !Backend::Highs.is_available() {
        return;
    }
    let options = yilian::SolveOptions::new(Backend::Highs)
        .mip_gap(0.01)
        .time_limit(120.0)
        .seed(1);
    let mut group = crit.benchmark_group("roster/solve-highs-1pct");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_millis(1));
    group.measurement_time(Duration::from_secs(30));
    for (name, plan) in &sources {
        group.bench_function(*name, |b| {
            b.iter(|| black_box(model(&c, &settings, plan).solve(&options).expect("solves")))
        });
    }
    group.finish();
}

criterion_group!(benches, roster);
criterion_main!(benches);
