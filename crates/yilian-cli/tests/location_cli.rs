//! `yilian location` on cost matrices in CSV: hand-solved cases and input errors.
//!
//! Clients A, B, C, D stand at 0, 2, 6 and 10 on a line; sites S0, S1, S2 at 0, 5 and
//! 10; a cost is the distance:
//!
//! ```text
//!      S0  S1  S2
//! A     0   5  10
//! B     2   3   8
//! C     6   1   4
//! D    10   5   0
//! ```

use std::path::PathBuf;
use std::process::{Command, Output};

const COSTS: &str = ",S0,S1,S2\nA,0,5,10\nB,2,3,8\nC,6,1,4\nD,10,5,0\n";

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("yilian-location-cli-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(name: &str, text: &str) -> String {
    let path = dir().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn yilian(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yilian"))
        .arg("location")
        .args(args)
        .args(["--backend", "microlp", "--time-limit", "30"])
        .output()
        .expect("the binary runs")
}

/// (objective, open sites) from the printed summary.
fn answer(out: &Output) -> (f64, String) {
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key).map(|r| r.trim().to_string()))
            .unwrap_or_else(|| panic!("no {key} line in {text}"))
    };
    (line("objective").parse().unwrap(), line("open"))
}

#[test]
fn p_median_and_p_center_by_hand() {
    let costs = write("costs.csv", COSTS);
    // p = 1: S0 costs 0+2+6+10 = 18, S1 5+3+1+5 = 14, S2 10+8+4+0 = 22.
    let out = yilian(&["pmedian", "--cost", &costs, "-p", "1"]);
    assert_eq!(answer(&out), (14.0, "S1".into()));
    // p = 2: {S0,S1} 0+2+1+5 = 8, {S0,S2} 0+2+4+0 = 6, {S1,S2} 5+3+1+0 = 9.
    let out = yilian(&["pmedian", "--cost", &costs, "-p", "2"]);
    assert_eq!(answer(&out), (6.0, "S0 S2".into()));
    // Weights 1, 1, 10, 1 and p = 1: S0 72, S1 5+3+10+5 = 23, S2 58.
    let weights = write("weights.csv", "weight\n1\n1\n10\n1\n");
    let out = yilian(&[
        "pmedian",
        "--cost",
        &costs,
        "-p",
        "1",
        "--weights",
        &weights,
    ]);
    assert_eq!(answer(&out), (23.0, "S1".into()));
    // p-center, p = 2: {S0,S1} worst 5 (D), {S0,S2} worst 4 (C), {S1,S2} worst 5 (A).
    let out = yilian(&["pcenter", "--cost", &costs, "-p", "2"]);
    assert_eq!(answer(&out), (4.0, "S0 S2".into()));
    for f in ["covering", "elloumi", "textbook"] {
        let out = yilian(&["pcenter", "--cost", &costs, "-p", "2", "--formulation", f]);
        assert_eq!(answer(&out), (4.0, "S0 S2".into()), "{f}");
    }
}

#[test]
fn covering_models_by_hand() {
    let costs = write("costs-cover.csv", COSTS);
    let weights = write("weights-cover.csv", "1\n1\n10\n1\n");
    // Radius 3: S0 covers A, B (weight 2), S1 covers B, C (11), S2 covers D (1).
    let out = yilian(&[
        "mclp",
        "--cost",
        &costs,
        "-p",
        "1",
        "--radius",
        "3",
        "--weights",
        &weights,
    ]);
    assert_eq!(answer(&out), (11.0, "S1".into()));
    // Radius 4: only S0 covers A and only S2 covers D; S0 and S2 cover everyone.
    let out = yilian(&["lscp", "--cost", &costs, "--radius", "4"]);
    assert_eq!(answer(&out), (2.0, "S0 S2".into()));
}

#[test]
fn assignments_are_written_with_names() {
    let costs = write("costs-assign.csv", COSTS);
    let out_csv = dir().join("assign.csv");
    let out = yilian(&[
        "pmedian",
        "--cost",
        &costs,
        "-p",
        "2",
        "--assignments",
        out_csv.to_str().unwrap(),
    ]);
    assert_eq!(answer(&out).0, 6.0);
    let text = std::fs::read_to_string(&out_csv).unwrap();
    assert_eq!(
        text,
        "client,site,fraction\nA,S0,1\nB,S0,1\nC,S2,1\nD,S2,1\n"
    );
}

#[test]
fn input_errors_name_the_file_and_the_cell() {
    let costs = write("costs-err.csv", COSTS);
    let out = yilian(&["pmedian", "--cost", &costs]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("-p: the number of sites to open is required with --cost"));
    let bad = write("bad.csv", "1,2\n3,x\n");
    let out = yilian(&["pmedian", "--cost", &bad, "-p", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("row 2, column 2: \"x\" is not a number"));
    let weights = write("short-weights.csv", "1\n2\n");
    let out = yilian(&[
        "pmedian",
        "--cost",
        &costs,
        "-p",
        "1",
        "--weights",
        &weights,
    ]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("2 weights given, 4 expected (one per row)")
    );
    // Both inputs at once is a usage error.
    let out = yilian(&["pmedian", "--cost", &costs, "--orlib", &costs, "-p", "1"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn p_median_on_a_tsplib_file() {
    // Nodes 1..4 at (0,0), (3,4), (10,0), (10,2): floored distances d(1,2) = 5,
    // d(3,4) = 2, d(1,3) = 10, d(1,4) = floor(10.198) = 10, d(2,3) = floor(8.062) = 8,
    // d(2,4) = floor(7.280) = 7. p = 2: open one of {1, 2} and one of {3, 4}: 5 + 2 = 7
    // (any other pair costs more: {1, 3} + node 2 at 5, node 4 at 2 = 7 too, so the
    // objective, not the sites, is checked).
    let tsp = write(
        "four.tsp",
        "NAME : four\nTYPE : TSP\nDIMENSION : 4\nEDGE_WEIGHT_TYPE : EUC_2D\n\
         NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 10 0\n4 10 2\nEOF\n",
    );
    let (objective, _) = answer(&yilian(&["pmedian", "--tsplib", &tsp, "-p", "2"]));
    assert_eq!(objective, 7.0);
    // A GEO file is refused, naming the file, the line and the field.
    let geo = write(
        "geo.tsp",
        "NAME : g\nDIMENSION : 1\nEDGE_WEIGHT_TYPE : GEO\nNODE_COORD_SECTION\n1 0 0\n",
    );
    let out = yilian(&["pmedian", "--tsplib", &geo, "-p", "1"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("geo.tsp:3: EDGE_WEIGHT_TYPE: 'GEO' is not supported (only EUC_2D)"),
        "{err}"
    );
    // Without -p the command says p is required.
    let out = yilian(&["pmedian", "--tsplib", &tsp]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("-p: the number of sites to open"));
}
