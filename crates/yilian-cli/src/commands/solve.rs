//! `yilian solve SCENARIO --model rotation [--backend B] [--objective O] [--out FILE]`

use clap::ValueEnum;
use std::path::PathBuf;
use yilian::{
    Backend, ReferralModel, RotationModel, RotationObjective, ScannerMethod, ScannerModel,
    ScannerObjective, SolveOptions,
};

/// How the scanner model is solved.
#[derive(Clone, Copy, ValueEnum)]
pub enum Method {
    /// The Lagrangian decomposition, then the MIP from its plan if the gap is open.
    Auto,
    /// The MIP alone.
    Mip,
    /// The Lagrangian decomposition alone.
    Decomposition,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Model {
    /// M1: specialist-days per (pool, host).
    Rotation,
    /// M3: where to add CT/MRI units and which institutions each site serves.
    Scanners,
    /// M2: a calendar of named specialists (see the roster options).
    Roster,
    /// M5: where each class of patients is treated, referrals up and down, targets
    /// (the scenario needs a care section).
    Referral,
}

#[derive(clap::Args)]
pub struct Args {
    /// Scenario file (JSON).
    scenario: PathBuf,
    /// The model to solve.
    #[arg(long, value_enum, default_value = "rotation")]
    model: Model,
    /// Solver backend (microlp, highs, coin_cbc, clarabel); default: the best one compiled in
    /// (`yilian backends` lists them).
    #[arg(long)]
    backend: Option<String>,
    /// Objective. rotation: weighted (default; unmet + penalty + cost) or equity
    /// (max-min served share). scanners: travel (default; patient minutes + unmet
    /// penalty) or coverage (exams within the travel limit).
    #[arg(long)]
    objective: Option<String>,
    /// Whole specialist-days only (a MIP). microlp's branch and bound is weak: give it
    /// a --time-limit, or use --backend highs.
    #[arg(long)]
    integer_days: bool,
    /// Scanners: how to solve (auto: the Lagrangian decomposition, then the MIP if the
    /// gap is still open).
    #[arg(long, value_enum)]
    method: Option<Method>,
    /// Time limit in seconds.
    #[arg(long)]
    time_limit: Option<f64>,
    /// Relative MIP gap (0.01 = 1 %).
    #[arg(long)]
    gap: Option<f64>,
    /// Threads (HiGHS); the scanner decomposition also solves this many sub-MIPs side by
    /// side (default: the machine's cores)
    #[arg(long)]
    threads: Option<u32>,
    /// Print the solver log.
    #[arg(long)]
    log: bool,
    /// Write the plan as JSON to this file.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also write the model's program to this file for another solver (Gurobi, CPLEX,
    /// SCIP, HiGHS): MPS for a .mps suffix, LP for .lp, with names from the scenario's
    /// ids. Rotation: the weighted objective; scanners: the MIP of the travel objective.
    #[arg(long)]
    write_model: Option<PathBuf>,
    /// Referral: take the rotation days of this plan (`yilian solve --model rotation
    /// --out`) as given; without it (and without --joint) the rotation is solved first.
    #[arg(long)]
    rotation: Option<PathBuf>,
    /// Referral: decide rotation days and patient flows in one program.
    #[arg(long, conflicts_with = "rotation")]
    joint: bool,
    #[command(flatten)]
    roster: super::roster::RosterArgs,
}

/// Options given that the chosen model does not use: refused, not ignored.
fn inapplicable(args: &Args) -> Vec<&'static str> {
    let mut flags = Vec::new();
    let roster = args.roster.given();
    if !matches!(args.model, Model::Referral) {
        if args.rotation.is_some() {
            flags.push("--rotation");
        }
        if args.joint {
            flags.push("--joint");
        }
    }
    match args.model {
        Model::Rotation => {
            if args.method.is_some() {
                flags.push("--method");
            }
            flags.extend(roster);
        }
        Model::Scanners => {
            if args.integer_days {
                flags.push("--integer-days");
            }
            flags.extend(roster);
        }
        Model::Roster => {
            for (flag, given) in [
                ("--method", args.method.is_some()),
                ("--objective", args.objective.is_some()),
                ("--integer-days", args.integer_days),
            ] {
                if given {
                    flags.push(flag);
                }
            }
        }
        Model::Referral => {
            for (flag, given) in [
                ("--method", args.method.is_some()),
                ("--objective", args.objective.is_some()),
            ] {
                if given {
                    flags.push(flag);
                }
            }
            flags.extend(roster);
        }
    }
    flags
}

pub fn run(args: Args) -> Result<(), String> {
    let refused = inapplicable(&args);
    if !refused.is_empty() {
        let model = match args.model {
            Model::Rotation => "rotation",
            Model::Scanners => "scanners",
            Model::Roster => "roster",
            Model::Referral => "referral",
        };
        return Err(format!(
            "{}: not an option of --model {model} (it would be ignored)",
            refused.join(", ")
        ));
    }
    let backend = match &args.backend {
        Some(name) => name.parse::<Backend>().map_err(|e| e.to_string())?,
        None => Backend::best_available().ok_or("no solver backend is compiled in")?,
    };
    let mut options = SolveOptions::new(backend).log(args.log);
    options.time_limit = args.time_limit;
    options.mip_gap = args.gap;
    options.threads = args.threads;
    options.validate().map_err(|e| e.to_string())?;
    let c = super::load(&args.scenario)?;
    let json = match args.model {
        Model::Rotation => {
            let objective: RotationObjective = args
                .objective
                .as_deref()
                .unwrap_or("weighted")
                .parse()
                .map_err(|e: yilian::Error| e.to_string())?;
            let model = RotationModel::new(&c)
                .objective(objective)
                .integer_days(args.integer_days);
            if let Some(path) = &args.write_model {
                model.write(path).map_err(written)?;
                println!("model written to {}", path.display());
            }
            let plan = model.solve(&options).map_err(|e| e.to_string())?;
            print!("{}", crate::summary::rotation(&c, &plan));
            plan.to_json_string()
        }
        Model::Scanners => {
            let objective: ScannerObjective = args
                .objective
                .as_deref()
                .unwrap_or("travel")
                .parse()
                .map_err(|e: yilian::Error| e.to_string())?;
            let model = ScannerModel::new(&c).objective(objective).method(
                match args.method.unwrap_or(Method::Auto) {
                    Method::Auto => ScannerMethod::Auto,
                    Method::Mip => ScannerMethod::Mip,
                    Method::Decomposition => ScannerMethod::Decomposition,
                },
            );
            if let Some(path) = &args.write_model {
                model.write(path).map_err(written)?;
                println!("model written to {}", path.display());
            }
            let plan = model.solve(&options).map_err(|e| e.to_string())?;
            print!("{}", crate::summary::scanners(&c, &plan));
            plan.to_json_string()
        }
        Model::Roster => {
            super::roster::solve(&c, &args.roster, &options, args.write_model.as_deref())?
        }
        Model::Referral => {
            let rotation = match &args.rotation {
                Some(path) => {
                    let text = std::fs::read_to_string(path)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    Some(yilian::RotationPlan::from_json_str(&text).map_err(|e| e.to_string())?)
                }
                None => None,
            };
            let has_targets = c.scenario().care.as_ref().is_some_and(|care| {
                let t = &care.targets;
                t.min_grassroots_share.is_some()
                    || t.min_within_county_share.is_some()
                    || t.max_hospital_utilisation.is_some()
            });
            let mut model = ReferralModel::new(&c)
                .joint(args.joint)
                .baseline(has_targets);
            if let Some(plan) = &rotation {
                model = model.rotation(plan);
            }
            if let Some(path) = &args.write_model {
                model.write(path, &options).map_err(written)?;
                println!("model written to {}", path.display());
            }
            let plan = model.solve(&options).map_err(|e| e.to_string())?;
            print!("{}", crate::referral_summary::referral(&plan));
            plan.to_json_string()
        }
    };
    if let Some(path) = &args.out {
        super::write(path, &(json + "\n"))?;
        println!("plan written to {}", path.display());
    }
    Ok(())
}

/// The message of a failed `--write-model`: the core names the file `path`.
pub(super) fn written(e: yilian::Error) -> String {
    match e {
        yilian::Error::InvalidOption { field, message } if field == "path" => {
            format!("--write-model: {message}")
        }
        other => other.to_string(),
    }
}
