//! `yilian share SCENARIO --model scanners --rule shapley [--samples N --seed K] --out FILE`

use clap::ValueEnum;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use yilian::models::share::{Rule, ShareModel, ShareModelKind, ShareReport, Weights};
use yilian::{Backend, ScannerMethod, SolveOptions};

/// The model whose optimal cost is shared.
#[derive(Clone, Copy, ValueEnum)]
pub enum Model {
    /// M1 rotation allocation.
    Rotation,
    /// M3 shared scanners.
    Scanners,
}

/// The allocation rule.
#[derive(Clone, Copy, ValueEnum)]
pub enum RuleArg {
    /// The Shapley value (sampled with --samples, or beyond 12 members).
    Shapley,
    /// The nucleolus.
    Nucleolus,
    /// A point of the least core, with its epsilon.
    LeastCore,
    /// In proportion to --weights.
    Proportional,
}

/// Weights of the proportional rule.
#[derive(Clone, Copy, ValueEnum)]
pub enum WeightsArg {
    /// Visits (rotation) or exams (scanners).
    Demand,
    /// Population served.
    Population,
    /// Stand-alone cost.
    StandAlone,
}

/// How the scanner model is solved.
#[derive(Clone, Copy, ValueEnum)]
pub enum Method {
    /// The Lagrangian decomposition, then the MIP from its plan.
    Auto,
    /// The MIP alone.
    Mip,
}

#[derive(clap::Args)]
pub struct Args {
    /// Scenario file (JSON); players are its `members`, else one per `consortium` value.
    scenario: PathBuf,
    /// The model whose optimal cost makes each coalition's value.
    #[arg(long, value_enum, default_value = "scanners")]
    model: Model,
    /// The allocation rule.
    #[arg(long, value_enum, default_value = "shapley")]
    rule: RuleArg,
    /// Weights of the proportional rule.
    #[arg(long, value_enum, default_value = "demand")]
    weights: WeightsArg,
    /// Sample the Shapley value from this many random orders (default beyond 12 members:
    /// 1000).
    #[arg(long)]
    samples: Option<usize>,
    /// Seed of the sampled orders.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Scanners: how each coalition is solved.
    #[arg(long, value_enum, default_value = "auto")]
    method: Method,
    /// Solver backend; default: the best one compiled in.
    #[arg(long)]
    backend: Option<String>,
    /// Time limit of each coalition solve, in seconds.
    #[arg(long)]
    time_limit: Option<f64>,
    /// Relative MIP gap to which every coalition value must be proven (default 1e-6).
    #[arg(long)]
    gap: Option<f64>,
    /// Coalitions solved side by side (default: the machine's cores).
    #[arg(long)]
    threads: Option<u32>,
    /// No progress on stderr.
    #[arg(long)]
    quiet: bool,
    /// Write the allocation (with every coalition value) as JSON to this file.
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<(), String> {
    let backend = match &args.backend {
        Some(name) => name.parse::<Backend>().map_err(|e| e.to_string())?,
        None => Backend::best_available().ok_or("no solver backend is compiled in")?,
    };
    let mut options = SolveOptions::new(backend);
    options.time_limit = args.time_limit;
    options.mip_gap = args.gap;
    options.threads = args.threads;
    options.validate().map_err(|e| e.to_string())?;
    let c = super::load(&args.scenario)?;
    let kind = match args.model {
        Model::Rotation => ShareModelKind::Rotation,
        Model::Scanners => ShareModelKind::Scanners(match args.method {
            Method::Auto => ScannerMethod::Auto,
            Method::Mip => ScannerMethod::Mip,
        }),
    };
    let rule = match args.rule {
        RuleArg::Shapley => Rule::Shapley,
        RuleArg::Nucleolus => Rule::Nucleolus,
        RuleArg::LeastCore => Rule::LeastCore,
        RuleArg::Proportional => Rule::Proportional(match args.weights {
            WeightsArg::Demand => Weights::Demand,
            WeightsArg::Population => Weights::Population,
            WeightsArg::StandAlone => Weights::StandAlone,
        }),
    };
    let start = Instant::now();
    let last = Mutex::new(start);
    let quiet = args.quiet;
    let progress = move |done: usize, total: usize| {
        if quiet || total < 16 {
            return;
        }
        let mut last = last.lock().expect("no poisoned lock");
        if done == total || last.elapsed() >= Duration::from_secs(2) {
            *last = Instant::now();
            eprintln!(
                "solved {done} of {total} coalitions ({:.0} %) in {:.1} s",
                100.0 * done as f64 / total as f64,
                start.elapsed().as_secs_f64()
            );
        }
    };
    let mut model = ShareModel::new(&c, kind)
        .rule(rule)
        .seed(args.seed)
        .progress(&progress);
    if let Some(n) = args.samples {
        model = model.samples(n);
    }
    let report = model.solve(&options).map_err(|e| e.to_string())?;
    print!("{}", table(&report));
    if let Some(path) = &args.out {
        super::write(path, &(report.to_json_string() + "\n"))?;
        println!("allocation written to {}", path.display());
    }
    Ok(())
}

/// The share report in `path`, if the file is one (`"format": "yilian-share/1"`).
pub fn read_report(path: &std::path::Path) -> Result<Option<ShareReport>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let format = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("format").and_then(|f| f.as_str().map(str::to_string)));
    if format.as_deref() != Some(yilian::models::share::SHARE_FORMAT) {
        return Ok(None);
    }
    ShareReport::from_json_str(&text)
        .map(Some)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// The printed summary of a report.
pub fn table(r: &ShareReport) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} cost of \"{}\" shared by {} ({} coalitions solved on {} threads in {:.1} s, \
         {:.3} s each on average)",
        r.model,
        r.scenario,
        r.rule.replace('_', " ")
            + r.weights
                .as_ref()
                .map_or(String::new(), |w| format!(" ({w})"))
                .as_str(),
        r.stats.coalitions_solved,
        r.stats.threads,
        r.stats.solve_seconds,
        r.stats.mean_coalition_seconds
    );
    let width = r
        .members
        .iter()
        .map(|m| m.name.chars().count())
        .max()
        .unwrap_or(6)
        .max(6);
    let sampled = r.members.iter().any(|m| m.standard_error.is_some());
    let _ = writeln!(
        out,
        "{:<width$}  {:>14}  {:>14}  {:>14}  {:>7}{}",
        "member",
        "stand-alone",
        "allocated",
        "saving",
        "saving%",
        if sampled { "  std. error" } else { "" }
    );
    for m in &r.members {
        let pct = if m.stand_alone.abs() > 0.0 {
            format!("{:.1}", 100.0 * m.saving / m.stand_alone.abs())
        } else {
            "-".into()
        };
        let _ = writeln!(
            out,
            "{:<width$}  {:>14.2}  {:>14.2}  {:>14.2}  {:>7}{}",
            m.name,
            m.stand_alone,
            m.allocated,
            m.saving,
            pct,
            m.standard_error
                .map_or(String::new(), |e| format!("  {e:>10.2}"))
        );
    }
    let allocated: f64 = r.members.iter().map(|m| m.allocated).sum();
    let _ = writeln!(
        out,
        "{:<width$}  {:>14.2}  {:>14.2}  {:>14.2}",
        "total", r.stand_alone_total, allocated, r.savings
    );
    let _ = match (r.in_core, &r.objection) {
        (Some(true), _) => writeln!(out, "in the core: yes (no coalition pays more than alone)"),
        (Some(false), Some(o)) => writeln!(
            out,
            "in the core: no ({{{}}} pay {:.2} more than their own plan would cost)",
            o.members.join(" + "),
            o.excess_paid
        ),
        _ => writeln!(
            out,
            "in the core: not checked (not every coalition was solved)"
        ),
    };
    if let Some(e) = r.least_core_epsilon {
        let _ = writeln!(
            out,
            "least-core epsilon: {e:.4} ({})",
            if e > 1e-9 * r.grand_cost.abs().max(1.0) {
                "the core is empty"
            } else {
                "the core is not empty"
            }
        );
    }
    if !r.transfers.is_empty() {
        let _ = writeln!(
            out,
            "services between members in the grand coalition's plan:"
        );
        for t in &r.transfers {
            let _ = writeln!(
                out,
                "  {} -> {}: {} {:.1} {}{}, cost {:.2}{}",
                t.provider,
                t.receiver,
                t.service,
                t.quantity,
                if r.model == "rotation" {
                    "visits"
                } else {
                    "exams"
                },
                t.days
                    .map_or(String::new(), |d| format!(" ({d:.1} specialist-days)")),
                t.cost,
                t.worth.map_or(String::new(), |w| format!(
                    ", worth {w:.2} at shadow prices"
                ))
            );
        }
    }
    for n in &r.notes {
        let _ = writeln!(out, "note: {n}");
    }
    out
}
