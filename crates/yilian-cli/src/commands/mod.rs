//! One module per subcommand.

pub mod check;
pub mod generate;
pub mod location;
pub mod report;
pub mod roster;
pub mod share;
pub mod solve;
pub mod sweep;
pub mod validate;

use std::path::Path;

/// Loads and validates a scenario file, printing its warnings to stderr.
pub fn load(path: &Path) -> Result<yilian::Consortium, String> {
    let scenario = yilian::Scenario::from_path(path).map_err(|e| e.to_string())?;
    let consortium = yilian::Consortium::new(scenario).map_err(|e| e.to_string())?;
    for w in consortium.warnings() {
        eprintln!("warning: {w}");
    }
    Ok(consortium)
}

/// Writes `text` to `path`, naming the file on failure.
pub fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
