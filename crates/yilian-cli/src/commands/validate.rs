//! `yilian validate SCENARIO`

use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Scenario file (JSON).
    scenario: PathBuf,
}

pub fn run(args: Args) -> Result<(), String> {
    let c = super::load(&args.scenario)?;
    let s = c.scenario();
    println!(
        "{}: valid ({} institutions, {} pools, {} links, {} specialties, {} warnings)",
        s.name,
        s.institutions.len(),
        s.pools.len(),
        s.links.len(),
        c.specialties().len(),
        c.warnings().len()
    );
    Ok(())
}
