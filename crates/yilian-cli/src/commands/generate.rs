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

pub fn run(args: Args) -> Result<(), String> {
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
