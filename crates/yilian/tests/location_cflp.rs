//! Capacitated facility location on OR-Library cap instances: multi-source (capopt) and
//! single-source (`ss_` values) optima within 1e-3, proven with HiGHS. Needs `--features highs`.
#![cfg(feature = "highs")]

#[path = "location_common.rs"]
mod location_common;

use location_common::{optimum, orlib_dir};
use yilian::models::location::{read_cap, Cflp, Sourcing};
use yilian::{Backend, SolveOptions, Status};

fn check(name: &str, sourcing: Sourcing) {
    let inst = read_cap(orlib_dir().join("cap").join(format!("{name}.txt")), None).unwrap();
    let opts = SolveOptions::new(Backend::Highs)
        .mip_gap(0.0)
        .time_limit(60.0);
    let s = Cflp::new(&inst.cost, &inst.demand, &inst.capacity, &inst.fixed_cost)
        .sourcing(sourcing)
        .solve(&opts)
        .unwrap();
    let key = match sourcing {
        Sourcing::Multi => name.to_string(),
        Sourcing::Single => format!("ss_{name}"),
    };
    let opt = optimum("cap", &key);
    eprintln!(
        "{key}: objective {:.4} optimum {opt} status {} solve {:.3}s",
        s.objective, s.status, s.solve_seconds
    );
    assert_eq!(s.status, Status::Optimal, "{key}");
    // capopt values have 3 decimals (tolerance 1e-3); the `ss_` values are published with
    // 2 decimals (cap63: 1014099.61 for the exact 1014099.6125), so half a cent is allowed.
    let tol = match sourcing {
        Sourcing::Multi => 1e-3,
        Sourcing::Single => 5e-3,
    };
    assert!(
        (s.objective - opt).abs() <= tol + 1e-9 * opt,
        "{key}: {} vs {opt}",
        s.objective
    );
    // Every client fully served, only from open sites, capacities respected.
    let mut load = vec![0.0; inst.capacity.len()];
    for (i, a) in s.assignment.iter().enumerate() {
        let total: f64 = a.iter().map(|x| x.1).sum();
        assert!(
            (total - 1.0).abs() < 1e-6,
            "{key}: client {i} served {total}"
        );
        if sourcing == Sourcing::Single {
            assert_eq!(a.len(), 1, "{key}: client {i} split");
        }
        for &(j, f) in a {
            assert!(s.open.contains(&j));
            load[j] += f * inst.demand[i];
        }
    }
    for (j, l) in load.iter().enumerate() {
        assert!(*l <= inst.capacity[j] + 1e-6, "{key}: site {j} load {l}");
    }
}

#[test]
fn multi_source_cap41_cap71_cap131() {
    for name in ["cap41", "cap71", "cap131"] {
        check(name, Sourcing::Multi);
    }
}

#[test]
fn single_source_cap61_cap63() {
    for name in ["cap61", "cap63"] {
        check(name, Sourcing::Single);
    }
}

#[test]
fn capa_placeholder_needs_a_capacity() {
    let path = orlib_dir().join("cap").join("capa.txt");
    let err = read_cap(&path, None).unwrap_err().to_string();
    assert!(err.contains("capacity"), "{err}");
    let inst = read_cap(&path, Some(8000.0)).unwrap();
    assert_eq!((inst.cost.clients(), inst.cost.sites()), (1000, 100));
    assert!(inst.capacity.iter().all(|&c| c == 8000.0));
}

/// Every cap41-cap134 instance: the split-demand optimum, and the single-source optimum
/// where optima.txt has an `ss_` line.
#[test]
fn all_cap41_to_cap134_both_sourcings() {
    let text = std::fs::read_to_string(orlib_dir().join("cap").join("optima.txt")).unwrap();
    let mut names: Vec<String> = text
        .lines()
        .filter(|l| l.starts_with("cap") && !l.starts_with("cap_") && !l.contains('_'))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|n| n[3..].chars().all(|c| c.is_ascii_digit()))
        .collect();
    names.sort();
    assert_eq!(names.len(), 37, "{names:?}");
    for name in &names {
        check(name, Sourcing::Multi);
        if text.lines().any(|l| l.starts_with(&format!("ss_{name} "))) {
            check(name, Sourcing::Single);
        }
    }
}
