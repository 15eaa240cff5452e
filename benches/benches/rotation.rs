//! Criterion benchmarks of the rotation model (M1): building the sparse program, and
//! solving it with every compiled backend, timed apart.
//!
//! `cargo bench -p yilian-benches --features highs,coin_cbc,clarabel`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use std::time::Duration;
use yilian::solve::solve;
use yilian::{Backend, RotationModel, SolveOptions};
use yilian_benches::rotation_instances;

fn rotation(c: &mut Criterion) {
    let instances = rotation_instances(false);
    let mut group = c.benchmark_group("rotation/build");
    for inst in &instances {
        group.bench_function(inst.name, |b| {
            b.iter(|| black_box(RotationModel::new(&inst.consortium).program()))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("rotation/solve");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for inst in &instances {
        let lp = RotationModel::new(&inst.consortium).program();
        for backend in Backend::available() {
            let options = SolveOptions::new(backend);
            group.bench_with_input(BenchmarkId::new(backend.name(), inst.name), &lp, |b, lp| {
                b.iter(|| black_box(solve(lp, &options).expect("solves")))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, rotation);
criterion_main!(benches);
