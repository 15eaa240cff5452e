//! Criterion benchmarks of the classic location models (M4) on OR-Library instances:
//! building the program and solving it with every compiled backend that takes
//! integers, timed apart.
//!
//! `cargo bench -p yilian-benches --features highs,coin_cbc --bench location`
//!
//! Sizes: `small` is pmed1 (100 clients x 100 sites, p = 5) for p-median, p-center and
//! MCLP, and cap41 (50 customers x 16 warehouses) for CFLP; `medium` is pmed6
//! (200 x 200, p = 5) and cap131 (50 x 50). Every backend that takes integers solves
//! the small p-median, p-center (the covering default) and CFLP; the medium sizes are
//! HiGHS only (microlp and CBC take minutes there); the textbook p-center and MCLP run
//! with HiGHS on the 50 x 50 corner of pmed1. The data folder is `../shared/data/orlib` beside the repository, or
//! `$YILIAN_ORLIB`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;
use yilian::models::location::{
    read_cap, read_pmed, Cflp, CostMatrix, Mclp, PCenter, PCenterFormulation, PMedian,
};
use yilian::{Backend, SolveOptions};

fn orlib() -> PathBuf {
    std::env::var_os("YILIAN_ORLIB")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/orlib")
        })
}

/// Backends that solve integer programs, with the sizes each is given.
fn backends(size: &str) -> Vec<Backend> {
    Backend::available()
        .into_iter()
        .filter(|b| b.supports_integers())
        .filter(|&b| size == "small" || b == Backend::Highs)
        .collect()
}

fn location(c: &mut Criterion) {
    let pmed = [("small", "pmed1"), ("medium", "pmed6")].map(|(size, name)| {
        let inst = read_pmed(orlib().join("pmed").join(format!("{name}.txt"))).expect("pmed file");
        (size, inst)
    });
    let cap = [("small", "cap41"), ("medium", "cap131")].map(|(size, name)| {
        let inst =
            read_cap(orlib().join("cap").join(format!("{name}.txt")), None).expect("cap file");
        (size, inst)
    });

    let mut group = c.benchmark_group("location/build");
    for (size, inst) in &pmed {
        group.bench_function(BenchmarkId::new("pmedian", size), |b| {
            b.iter(|| black_box(PMedian::new(&inst.cost, inst.p).build().expect("builds")))
        });
        group.bench_function(BenchmarkId::new("pcenter-textbook", size), |b| {
            b.iter(|| {
                black_box(
                    PCenter::new(&inst.cost, inst.p)
                        .formulation(PCenterFormulation::Textbook)
                        .build()
                        .expect("builds"),
                )
            })
        });
    }
    for (size, inst) in &cap {
        group.bench_function(BenchmarkId::new("cflp", size), |b| {
            b.iter(|| {
                black_box(
                    Cflp::new(&inst.cost, &inst.demand, &inst.capacity, &inst.fixed_cost)
                        .build()
                        .expect("builds"),
                )
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("location/solve");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    for (size, inst) in &pmed {
        // MCLP radius: the 1/8 quantile of the instance's costs, so that p sites cannot
        // cover every client.
        let mut costs: Vec<f64> = (0..inst.cost.clients())
            .flat_map(|i| (0..inst.cost.sites()).map(move |j| (i, j)))
            .map(|(i, j)| inst.cost.get(i, j))
            .collect();
        costs.sort_by(f64::total_cmp);
        let radius = costs[costs.len() / 8];
        for backend in backends(size) {
            let options = SolveOptions::new(backend).mip_gap(0.0).time_limit(120.0);
            let id = |model: &str| BenchmarkId::new(format!("{model}/{}", backend.name()), size);
            group.bench_function(id("pmedian"), |b| {
                b.iter(|| {
                    black_box(
                        PMedian::new(&inst.cost, inst.p)
                            .solve(&options)
                            .expect("solves"),
                    )
                })
            });
            group.bench_function(id("pcenter"), |b| {
                b.iter(|| {
                    black_box(
                        PCenter::new(&inst.cost, inst.p)
                            .solve(&options)
                            .expect("solves"),
                    )
                })
            });
            if backend != Backend::Highs || *size != "small" {
                continue;
            }
            // The textbook p-center and MCLP: HiGHS on the 50 x 50 corner of pmed1 (the
            // textbook p-center on the whole of pmed1 takes HiGHS over 120 s).
            let corner = CostMatrix::new(
                50,
                50,
                (0..50)
                    .flat_map(|i| (0..50).map(move |j| (i, j)))
                    .map(|(i, j)| inst.cost.get(i, j))
                    .collect(),
            )
            .expect("a corner of a valid matrix");
            group.bench_function(id("pcenter-textbook"), |b| {
                b.iter(|| {
                    black_box(
                        PCenter::new(&corner, inst.p)
                            .formulation(PCenterFormulation::Textbook)
                            .solve(&options)
                            .expect("solves"),
                    )
                })
            });
            group.bench_function(id("mclp"), |b| {
                b.iter(|| {
                    black_box(
                        Mclp::new(&corner, inst.p, radius)
                            .solve(&options)
                            .expect("solves"),
                    )
                })
            });
        }
    }
    for (size, inst) in &cap {
        for backend in backends(size) {
            let options = SolveOptions::new(backend).mip_gap(0.0).time_limit(120.0);
            let model = Cflp::new(&inst.cost, &inst.demand, &inst.capacity, &inst.fixed_cost);
            group.bench_function(
                BenchmarkId::new(format!("cflp/{}", backend.name()), size),
                |b| b.iter(|| black_box(model.solve(&options).expect("solves"))),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, location);
criterion_main!(benches);
