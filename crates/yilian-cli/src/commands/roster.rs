//! `yilian solve SCENARIO --model roster [--days N] [--start DATE] [--targets T]
//! [--csv FILE] [--host-csv FILE]`: the roster (M2) part of `solve`.

use std::fmt::Write;
use std::path::PathBuf;
use yilian::models::roster::settings_for;
use yilian::{Consortium, RosterModel, RosterPlan, RotationModel, SolveOptions};

/// Options of `solve --model roster`.
#[derive(clap::Args)]
pub struct RosterArgs {
    /// Roster: calendar days to cover (default 28, or the scenario's roster horizon).
    #[arg(long)]
    days: Option<u32>,
    /// Roster: first day, YYYY-MM-DD (default the scenario's roster horizon, else next Monday).
    #[arg(long)]
    start: Option<String>,
    /// Roster: targets from `rotation` (solve M1 with whole days first; default) or `demand`.
    #[arg(long)]
    targets: Option<String>,
    /// Roster with rotation targets: write the rotation plan the roster meets as JSON to
    /// this file (`yilian check SCENARIO ROSTER --rotation FILE` checks the roster
    /// against it).
    #[arg(long)]
    rotation_out: Option<PathBuf>,
    /// Roster: write the calendar as CSV (specialist,date,host) to this file.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Roster: write the per-host view as CSV (host,date,specialist) to this file.
    #[arg(long)]
    host_csv: Option<PathBuf>,
}

impl RosterArgs {
    /// The roster options given on the command line (refused with another model).
    pub fn given(&self) -> Vec<&'static str> {
        [
            ("--days", self.days.is_some()),
            ("--start", self.start.is_some()),
            ("--targets", self.targets.is_some()),
            ("--rotation-out", self.rotation_out.is_some()),
            ("--csv", self.csv.is_some()),
            ("--host-csv", self.host_csv.is_some()),
        ]
        .into_iter()
        .filter_map(|(flag, given)| given.then_some(flag))
        .collect()
    }
}

/// Seconds each stage may run when no `--time-limit` is given.
const DEFAULT_TIME_LIMIT: f64 = 60.0;

/// Solves the roster, prints a summary, writes the CSV files; returns the plan as JSON.
///
/// Without `--time-limit` each stage gets 60 s: the best calendar found is returned
/// with its status and gap.
/// With `write_model`, the roster's program is written there first (MPS or LP by the
/// suffix).
pub fn solve(
    c: &Consortium,
    args: &RosterArgs,
    options: &SolveOptions,
    write_model: Option<&std::path::Path>,
) -> Result<String, String> {
    let mut options = options.clone();
    if options.time_limit.is_none() {
        options.time_limit = Some(DEFAULT_TIME_LIMIT);
    }
    let options = &options;
    let roster =
        settings_for(c.scenario(), args.start.as_deref(), args.days).map_err(|e| match e {
            yilian::Error::InvalidOption { field, message } => format!("--{field}: {message}"),
            other => other.to_string(),
        })?;
    let rotation = match args.targets.as_deref().unwrap_or("rotation") {
        "rotation" => Some(
            RotationModel::new(c)
                .integer_days(true)
                .solve(options)
                .map_err(|e| format!("rotation (targets of the roster): {e}"))?,
        ),
        "demand" => {
            if args.rotation_out.is_some() {
                return Err(
                    "--rotation-out: the roster has no rotation plan with --targets demand".into(),
                );
            }
            None
        }
        other => {
            return Err(format!(
                "--targets: \"{other}\" is not a target source (expected rotation or demand)"
            ))
        }
    };
    let mut model = RosterModel::new(c).roster(roster);
    if let Some(plan) = &rotation {
        model = model.targets_from(plan);
    }
    if let Some(path) = write_model {
        model.write(path).map_err(super::solve::written)?;
        println!("model written to {}", path.display());
    }
    let plan = model.solve(options).map_err(|e| e.to_string())?;
    print!("{}", summary(&plan));
    if let (Some(path), Some(rotation)) = (&args.rotation_out, &rotation) {
        super::write(path, &(rotation.to_json_string() + "\n"))?;
        println!(
            "rotation plan (the roster's targets) written to {}",
            path.display()
        );
    }
    if let Some(path) = &args.csv {
        super::write(path, &plan.calendar_csv())?;
        println!("calendar written to {}", path.display());
    }
    if let Some(path) = &args.host_csv {
        super::write(path, &plan.host_view_csv())?;
        println!("per-host view written to {}", path.display());
    }
    Ok(plan.to_json_string())
}

/// Summary of a roster: size, status, targets delivered, rules and fairness.
pub fn summary(plan: &RosterPlan) -> String {
    let mut out = String::new();
    let st = &plan.stats;
    let _ = writeln!(
        out,
        "{}: roster of {} specialists over {} planning days ({} to {}), targets from {}, status {}, gap {}, backend {}",
        plan.scenario,
        plan.specialists.len(),
        plan.dates.len(),
        plan.dates.first().map_or("-", |d| d.as_str()),
        plan.dates.last().map_or("-", |d| d.as_str()),
        match plan.targets_from {
            yilian::plan::TargetSource::Rotation => "the rotation plan",
            yilian::plan::TargetSource::Demand => "demand",
        },
        plan.status,
        plan.gap.map_or("unknown".into(), |g| format!("{:.2}%", 100.0 * g)),
        plan.backend
    );
    out.push_str(&crate::summary::proof(
        plan.status,
        plan.bound,
        plan.gap,
        &[],
    ));
    let _ = writeln!(
        out,
        "model: {} variables, {} constraints, {} non-zeros; built in {:.3} s, loaded in {:.3} s, solved in {:.3} s",
        st.variables, st.constraints, st.nonzeros, st.build_seconds, st.load_seconds, st.solve_seconds
    );
    let away: usize = plan
        .specialists
        .iter()
        .filter(|l| l.visiting_days > 0)
        .count();
    let _ = writeln!(
        out,
        "{} visits by {away} specialists to {} hosts, cost {:.0}; objective {:.3}",
        plan.visits.len(),
        plan.by_host().len(),
        plan.total_cost,
        plan.objective
    );
    let target: f64 = plan.targets.iter().map(|t| t.target).sum();
    let delivered: f64 = plan.targets.iter().map(|t| t.delivered).sum();
    let unit = plan.targets.first().map_or("days", |t| t.unit.as_str());
    let far: Vec<_> = plan
        .targets
        .iter()
        .filter(|t| t.target - t.delivered > 1.0 + 1e-9)
        .collect();
    let _ = writeln!(
        out,
        "targets: {delivered:.1} of {target:.1} {unit} delivered; {} of {} targets within 1 {}",
        plan.targets.len() - far.len(),
        plan.targets.len(),
        if unit == "days" { "day" } else { "visit" }
    );
    for t in far.iter().take(5) {
        let _ = writeln!(
            out,
            "  {} {} at {}: {:.1} of {:.1}: {}",
            t.pool.as_deref().unwrap_or("-"),
            t.specialty,
            t.host,
            t.delivered,
            t.target,
            t.reason.as_deref().unwrap_or("")
        );
    }
    if far.len() > 5 {
        let _ = writeln!(out, "  ... and {} more", far.len() - 5);
    }
    let short: Vec<_> = plan.frequency.iter().filter(|l| l.shortfall > 0).collect();
    let _ = writeln!(
        out,
        "weekly visit rules: {} of {} host-weeks met",
        plan.frequency.len() - short.len(),
        plan.frequency.len()
    );
    for l in short.iter().take(5) {
        let _ = writeln!(
            out,
            "  {} week of {}: {} of {}: {}",
            l.host,
            l.week_start,
            l.received,
            l.required,
            l.reason.as_deref().unwrap_or("")
        );
    }
    let spread = plan
        .pools
        .iter()
        .map(|p| p.max_visiting_days - p.min_visiting_days)
        .max()
        .unwrap_or(0);
    let hosts = plan
        .specialists
        .iter()
        .map(|l| l.hosts.len())
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        out,
        "fairness: largest spread of visiting days within a pool {spread}; continuity: at most {hosts} hosts per specialist"
    );
    for n in &plan.notes {
        let _ = writeln!(out, "note: {n}");
    }
    out
}
