//! Fuzzes the command line: arguments from the input (one per line) are parsed by the
//! `yilian` binary's own clap definitions (its `main.rs`, included by path) and run.
//! Nothing may panic: every bad number, flag or file must end in an error message.
//!
//! Run it from a scratch directory (outputs land there): arguments naming paths outside
//! it (with `/` or `..`) are dropped, and `SCENARIO` and `PLAN` are a small scenario
//! and a rotation plan of it, written to the scratch directory before every run.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[allow(dead_code, unused_imports, clippy::all)]
#[path = "../../crates/yilian-cli/src/main.rs"]
mod cli;
// The command line's modules name `crate::summary` and `crate::referral_summary`.
use cli::{referral_summary, summary};

/// A small scenario with pools, imaging and travel (the catalogue's base case).
const SCENARIO: &str =
    include_str!("../../crates/yilian/tests/bad_inputs/w04_budget_below_cheapest_unit.json");

static PLAN: OnceLock<String> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let plan = PLAN.get_or_init(|| {
        let c =
            yilian::Consortium::new(yilian::Scenario::from_json_str(SCENARIO).unwrap()).unwrap();
        yilian::RotationModel::new(&c)
            .solve(&yilian::SolveOptions::new(yilian::Backend::Microlp))
            .unwrap()
            .to_json_string()
    });
    // Written before every run: an input may have overwritten them (`--out SCENARIO`).
    std::fs::write("SCENARIO", SCENARIO).unwrap();
    std::fs::write("PLAN", plan).unwrap();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let args: Vec<&str> = text.lines().collect();
    if args.len() > 24
        || args
            .iter()
            .any(|a| a.contains('/') || a.contains("..") || a.contains('\0'))
    {
        return;
    }
    // Generating a large province takes long without being a finding.
    if args.iter().any(|a| a.contains("province")) && args.iter().any(|a| a.contains("counties")) {
        return;
    }
    let parsed = <cli::Cli as clap::Parser>::try_parse_from(std::iter::once("yilian").chain(args));
    if let Ok(cli) = parsed {
        let _ = cli::run(cli);
    }
});
