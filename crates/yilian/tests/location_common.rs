// Not a test target by itself: included by the location_* tests with `#[path]`.
#![allow(dead_code)]

use std::path::PathBuf;

/// The OR-Library data folder: $YILIAN_ORLIB, else the copies in tests/data/orlib
/// (tests/data/BENCHMARK_DATA.md).
pub fn orlib_dir() -> PathBuf {
    std::env::var_os("YILIAN_ORLIB")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/orlib"))
}

/// The published optimum of `name` from `<folder>/optima.txt`.
pub fn optimum(folder: &str, name: &str) -> f64 {
    let text = std::fs::read_to_string(orlib_dir().join(folder).join("optima.txt")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| {
            let mut it = l.split_whitespace();
            (it.next() == Some(name)).then(|| it.next().unwrap().parse().unwrap())
        })
        .unwrap_or_else(|| panic!("{name} not in optima.txt"))
}
