//! Criterion benchmarks of the shared-scanner model (M3): building the MIP, and
//! solving it to a 1 % gap with each compiled MIP backend, on the county example and
//! a 10-county province with 60-minute limits.
//!
//! `cargo bench -p yilian-benches --features highs,coin_cbc --bench scanners`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};
use std::hint::black_box;
use std::time::Duration;
use yilian::{Backend, ScannerModel, SolveOptions};
use yilian_benches::scanner_instances;

fn scanners(c: &mut Criterion) {
    let instances = scanner_instances();
    let mut group = c.benchmark_group("scanners/build");
    for inst in &instances {
        group.bench_function(inst.name, |b| {
            b.iter(|| black_box(ScannerModel::new(&inst.consortium).program().unwrap()))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("scanners/solve-1pct");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(30));
    for inst in &instances {
        for backend in [Backend::Highs, Backend::CoinCbc, Backend::Microlp]
            .into_iter()
            .filter(|b| b.is_available())
        {
            // microlp only on the county: it does not close the province gap.
            if backend == Backend::Microlp && inst.name != "county" {
                continue;
            }
            let options = SolveOptions::new(backend).mip_gap(0.01).time_limit(120.0);
            group.bench_with_input(
                BenchmarkId::new(backend.name(), inst.name),
                &options,
                |b, options| {
                    b.iter(|| {
                        black_box(ScannerModel::new(&inst.consortium).solve(options).unwrap())
                    })
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, scanners);
criterion_main!(benches);
