//! `yilian generate county|city --seed N [--out FILE]`

use clap::ValueEnum;
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    /// A county medical community (county hospitals, township centres, village clinics).
    County,
    /// A city medical group (tertiary and secondary hospitals, community health centres).
    City,
}

#[derive(clap::Args)]
pub struct Args {
    /// What to generate.
    kind: Kind,
    /// Random seed; the same seed gives the same scenario.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<(), String> {
    let scenario = match args.kind {
        Kind::County => yilian::generate::county(args.seed),
        Kind::City => yilian::generate::city(args.seed),
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
