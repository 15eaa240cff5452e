//! `yilian`: generate, validate, solve and check consortium plans.
//!
//! Exit codes: 0 success; 1 invalid input, an infeasible model, a solver failure or a
//! plan that fails its check (the message is on stderr); 2 wrong usage.

mod commands;
// pub(crate), like `summary`: the cli_args fuzz target includes this file as a module
// and re-exports both at its root, where the commands look for them.
pub(crate) mod referral_summary;
pub(crate) mod summary;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "yilian",
    version,
    about = "Optimisation for regional medical consortia (医联体 / 医共体)"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Write a generated scenario (deterministic by seed).
    Generate(commands::generate::Args),
    /// Validate a scenario and list its errors and warnings.
    Validate(commands::validate::Args),
    /// Solve a planning model on a scenario and print a summary.
    Solve(commands::solve::Args),
    /// One model over scenarios x a grid of overrides (`--set policy.budget=1e5,2e5`), on
    /// threads, into one CSV table.
    Sweep(commands::sweep::Args),
    /// Check a plan against its scenario by recomputing every rule.
    Check(commands::check::Args),
    /// Measures of a plan: coverage, accessibility, equity, utilisation (JSON, CSV, HTML).
    Report(commands::report::Args),
    /// Share a model's optimal cost among the consortium's members (Shapley, nucleolus, ...).
    Share(commands::share::Args),
    /// Classic location models (p-median, CFLP) on OR-Library files.
    Location(commands::location::Args),
    /// Print the JSON Schema of scenario files.
    Schema,
    /// List the solver backends compiled into this build.
    Backends,
}

fn main() -> ExitCode {
    // Behave like other Unix tools when the reader of stdout goes away
    // (`yilian solve ... | head`): end quietly instead of panicking on a broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default action of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// Runs a parsed command line (also the entry point of the CLI fuzz target, which
/// includes this file as a module).
pub(crate) fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Generate(args) => commands::generate::run(args),
        Command::Validate(args) => commands::validate::run(args),
        Command::Solve(args) => commands::solve::run(args),
        Command::Sweep(args) => commands::sweep::run(args),
        Command::Check(args) => commands::check::run(args),
        Command::Report(args) => commands::report::run(args),
        Command::Location(args) => commands::location::run(args),
        Command::Share(args) => commands::share::run(args),
        Command::Backends => {
            for b in yilian::Backend::ALL {
                let state = if b.is_available() {
                    "available"
                } else {
                    "not compiled in"
                };
                println!("{:<8} {state}", b.name());
            }
            Ok(())
        }
        Command::Schema => {
            println!("{}", yilian::Scenario::json_schema());
            Ok(())
        }
    }
}
