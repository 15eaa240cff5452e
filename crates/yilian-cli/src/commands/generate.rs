//! `yilian generate county|city --seed N [--out FILE]`

use clap::ValueEnum;
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    /// A county medical community (county hospitals, township centres, village clinics).
    County,
    /// A city medical group (tertiary and secondary hospitals, community health centres).
    City,
    /// A province: `--counties` county medical communities side by side.
    Province,
}

#[derive(clap::Args)]
pub struct Args {
    /// What to generate.
    kind: Kind,
    /// Random seed; the same seed gives the same scenario.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Number of counties of a province.
    #[arg(long, default_value_t = 70)]
    counties: usize,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Most counties of a generated province (a Chinese province has at most about 120;
/// more would allocate without bound: `--counties 10000000`).
pub const MAX_COUNTIES: usize = 1_000;

pub fn run(args: Args) -> Result<(), String> {
    if args.counties == 0 || args.counties > MAX_COUNTIES {
        return Err(format!(
            "--counties: {} is outside 1..={MAX_COUNTIES}",
            args.counties
        ));
    }
    let scenario = match args.kind {
        Kind::County => yilian::generate::county(args.seed),
        Kind::City => yilian::generate::city(args.seed),
        Kind::Province => yilian::generate::province(args.seed, args.counties),
    };
    let text = scenario.to_json_string();
    match args.out {
        Some(path) => super::write(&path, &(text + "\n")),
        None => {
            println!("{text}");
            Ok(())
        }
    }
}
