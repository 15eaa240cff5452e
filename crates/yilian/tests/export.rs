//! Model export: programs written as MPS and LP are read back by HiGHS (through its C
//! API, apart from yilian's own loading) and give the optimum yilian's solve reports;
//! the names carry the user's ids.
#![cfg(feature = "highs")]

use std::ffi::CString;
use std::path::{Path, PathBuf};
use yilian::models::location::{Cflp, CostMatrix, LocationIds, Mclp, PMedian, PMedianFormulation};
use yilian::scenario::{Horizon, Roster};
use yilian::solve::{solve, Cmp, LinearProgram, Sense};
use yilian::{
    generate, Backend, Consortium, Institution, RosterModel, RotationModel, Scenario, SolveOptions,
    SpecialistPool, Tier,
};

/// The optimum HiGHS proves for the model file at `path` (to a zero gap).
fn highs_optimum(path: &Path) -> f64 {
    let file = CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: one HiGHS instance, created, used and destroyed here; the strings live
    // across the calls that read them.
    unsafe {
        let h = highs_sys::Highs_create();
        highs_sys::Highs_setBoolOptionValue(h, c"output_flag".as_ptr(), 0);
        highs_sys::Highs_setDoubleOptionValue(h, c"mip_rel_gap".as_ptr(), 0.0);
        let read = highs_sys::Highs_readModel(h, file.as_ptr());
        let run = highs_sys::Highs_run(h);
        let status = highs_sys::Highs_getModelStatus(h);
        let value = highs_sys::Highs_getObjectiveValue(h);
        highs_sys::Highs_destroy(h);
        assert_eq!(read, highs_sys::kHighsStatusOk, "{}", path.display());
        assert_eq!(run, highs_sys::kHighsStatusOk, "{}", path.display());
        assert_eq!(
            status,
            highs_sys::kHighsModelStatusOptimal,
            "{}",
            path.display()
        );
        value
    }
}

/// Writes a model's program to a path.
type Writer<'a> = dyn Fn(&Path) -> yilian::Result<()> + 'a;

fn dir(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yilian-export-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn exact() -> SolveOptions {
    SolveOptions::new(Backend::Highs).mip_gap(0.0)
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-7 * b.abs().max(1.0), "{a} vs {b}");
}

/// A program with what the writers must get right: a maximised objective with a
/// constant, negative and free columns, an integer column without an upper bound, a
/// fixed column, all three comparisons and a row without terms.
#[test]
fn writer_edge_cases_read_back_by_highs() {
    let mut lp = LinearProgram::new(Sense::Maximise);
    lp.offset = 7.5;
    let x = lp.add_column(0.0, 4.0, 3.0, false);
    let y = lp.add_column(f64::NEG_INFINITY, f64::INFINITY, -1.0, false);
    let n = lp.add_column(0.0, f64::INFINITY, 2.0, true);
    let f = lp.add_column(2.0, 2.0, 1.0, false);
    let m = lp.add_column(-5.0, -1.0, 0.5, false);
    lp.add_row(vec![(x, 1.0), (n, 1.0)], Cmp::Le, 6.5);
    lp.add_row(vec![(y, 1.0), (x, -0.5)], Cmp::Ge, -1.25);
    lp.add_row(vec![(n, 2.0), (m, 1.0), (f, 1.0)], Cmp::Eq, 3.0);
    lp.add_row(vec![], Cmp::Le, 1.0);
    let sol = solve(&lp, &exact()).unwrap();
    let d = dir("edges");
    for suffix in ["mps", "lp"] {
        let path = d.join(format!("edges.{suffix}"));
        lp.write(&path, "edges").unwrap();
        close(highs_optimum(&path), sol.objective);
    }
}

#[test]
fn rotation_both_formats() {
    let c = Consortium::new(generate::county(1)).unwrap();
    let d = dir("rotation");
    for integer in [false, true] {
        let model = RotationModel::new(&c).integer_days(integer);
        let plan = model.solve(&exact()).unwrap();
        for suffix in ["mps", "lp"] {
            let path = d.join(format!("rotation-{integer}.{suffix}"));
            model.write(&path).unwrap();
            close(highs_optimum(&path), plan.objective);
            let text = std::fs::read_to_string(&path).unwrap();
            let pool = &c.scenario().pools[0].id;
            let name = if suffix == "mps" {
                format!("pool_days({pool})")
            } else {
                format!("pool_days({})", yilian::solve::safe_name(pool))
            };
            assert!(text.contains(&name), "{name}");
        }
    }
}

#[test]
fn roster_both_formats() {
    let c = Scenario::builder("two hosts")
        .institution(Institution::new("H", Tier::Secondary).at(120.0, 30.0))
        .institution(
            Institution::new("A", Tier::TownshipHealthCentre)
                .at(120.1, 30.0)
                .demand("cardiology", 20.0)
                .room_days(20.0),
        )
        .pool(SpecialistPool::new("H-c", "H", "cardiology").headcount(2))
        .build()
        .unwrap();
    let model = RosterModel::new(&c).roster(Roster::new(Horizon::new("2026-03-02", 7)));
    let plan = model.solve(&exact().time_limit(20.0)).unwrap();
    let d = dir("roster");
    for suffix in ["mps", "lp"] {
        let path = d.join(format!("roster.{suffix}"));
        model.write(&path).unwrap();
        close(highs_optimum(&path), plan.objective);
    }
    let mps = std::fs::read_to_string(d.join("roster.mps")).unwrap();
    assert!(mps.contains("at(H-c-01,A,2026-03-02)"), "{mps}");
}

#[test]
fn location_models_both_formats() {
    let rows: Vec<Vec<f64>> = (0..9)
        .map(|i| {
            (0..6)
                .map(|j| f64::from(((i * 7 + j * 11) % 13) as u8) + 1.0)
                .collect()
        })
        .collect();
    let cost = CostMatrix::from_rows(&rows).unwrap();
    let ids = LocationIds {
        clients: (0..9).map(|i| format!("town {i}")).collect(),
        sites: (0..6).map(|j| format!("site-{j}")).collect(),
    };
    let d = dir("location");
    let demand = vec![3.0; 9];
    let capacity = vec![10.0; 6];
    let fixed = vec![20.0; 6];
    let textbook = PMedian::new(&cost, 3).formulation(PMedianFormulation::Textbook);
    let chain = PMedian::new(&cost, 3);
    let mclp = Mclp::new(&cost, 2, 4.0);
    let cflp = Cflp::new(&cost, &demand, &capacity, &fixed);
    let cases: Vec<(&str, f64, Box<Writer>)> = vec![
        (
            "pmedian-textbook",
            textbook.solve(&exact()).unwrap().objective,
            Box::new(|p| textbook.write(p, Some(&ids))),
        ),
        (
            "pmedian",
            chain.solve(&exact()).unwrap().objective,
            Box::new(|p| chain.write(p, Some(&ids))),
        ),
        (
            "mclp",
            mclp.solve(&exact()).unwrap().objective,
            Box::new(|p| mclp.write(p, Some(&ids))),
        ),
        (
            "cflp",
            cflp.solve(&exact()).unwrap().objective,
            Box::new(|p| cflp.write(p, None)),
        ),
    ];
    for (label, objective, write) in &cases {
        for suffix in ["mps", "lp"] {
            let path = d.join(format!("{label}.{suffix}"));
            write(&path).unwrap();
            close(highs_optimum(&path), *objective);
        }
    }
    let mps = std::fs::read_to_string(d.join("pmedian-textbook.mps")).unwrap();
    assert!(mps.contains("assign(town_3,site-5)") && mps.contains("open(site-0)"));
    let lp = std::fs::read_to_string(d.join("pmedian-textbook.lp")).unwrap();
    assert!(lp.contains("link(town_3,site_5)"));
    let cflp = std::fs::read_to_string(d.join("cflp.lp")).unwrap();
    assert!(cflp.contains("capacity(s2)") && cflp.contains("capacity_covers_demand"));
    let e = textbook.write(&d.join("bad.mps"), Some(&LocationIds::numbered(9, 5)));
    assert_eq!(e.unwrap_err().to_string(), "sites: 5 ids given for 6 sites");
    let e = textbook
        .write(&d.join("bad.txt"), None)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("path: ") && e.contains("does not end in .mps or .lp"),
        "{e}"
    );
}
