//! `yilian report SCENARIO PLAN [--json F] [--csv DIR] [--html F] [--against PLAN]`

use clap::ValueEnum;
use serde::Serialize;
use std::path::{Path, PathBuf};
use yilian::metrics::{self, Decay, Report, ReportSettings};
use yilian::Consortium;

#[derive(Clone, Copy, ValueEnum)]
pub enum DecayKind {
    /// Classic 2SFCA: weight 1 inside the catchment.
    Step,
    /// E2SFCA: weights 1, 0.68, 0.22 for the thirds of the catchment.
    E2sfca,
    /// Gaussian decay to 0 at the catchment edge.
    Gaussian,
}

#[derive(clap::Args)]
pub struct Args {
    /// Scenario file (JSON).
    scenario: PathBuf,
    /// Plan file written by `yilian solve --out` (rotation, scanners or referral), or a
    /// cost allocation written by `yilian share --out` (its table is printed; --json,
    /// --csv (members, coalitions, transfers) and --html write it too).
    plan: PathBuf,
    /// A second plan of the same scenario to compare with.
    #[arg(long)]
    against: Option<PathBuf>,
    /// Catchment in minutes for accessibility and specialist coverage.
    #[arg(long, default_value_t = 30.0)]
    catchment: f64,
    /// Distance decay of the accessibility measure.
    #[arg(long, value_enum, default_value = "step")]
    decay: DecayKind,
    /// Write the whole report as JSON.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Write CSV tables (institutions, coverage, by_tier, by_district, measures, utilisation) to this folder.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Write a self-contained HTML report with an SVG map.
    #[arg(long)]
    html: Option<PathBuf>,
}

/// The plan's violations as an error: a report is only made of a plan that passes
/// `yilian check` (an unknown host, negative days or another scenario's plan would give
/// figures about nothing).
fn checked(plan: &Path, violations: Vec<yilian::check::Violation>) -> Result<(), String> {
    if violations.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = violations
        .iter()
        .take(5)
        .map(|v| format!("  {v}"))
        .collect();
    let more = if violations.len() > 5 {
        format!("\n  ... and {} more", violations.len() - 5)
    } else {
        String::new()
    };
    Err(format!(
        "{}: the plan breaks {} rule(s) of its scenario (`yilian check` lists them); no report is made of it:\n{}{more}",
        plan.display(),
        violations.len(),
        shown.join("\n")
    ))
}

/// The model of a plan file and its text.
fn read_plan(plan: &Path) -> Result<(String, String), String> {
    let text = std::fs::read_to_string(plan).map_err(|e| format!("{}: {e}", plan.display()))?;
    let model = serde_json::from_str::<serde_json::Value>(&text)
        .map_err(|e| format!("{}: {e}", plan.display()))?
        .get("model")
        .and_then(|m| m.as_str().map(str::to_string))
        .unwrap_or_default();
    Ok((model, text))
}

fn report_of(c: &Consortium, plan: &Path, settings: &ReportSettings) -> Result<Report, String> {
    let (model, text) = read_plan(plan)?;
    match model.as_str() {
        "rotation" => {
            let p = yilian::RotationPlan::from_json_str(&text).map_err(|e| e.to_string())?;
            checked(plan, yilian::check::check_rotation(c, &p))?;
            Ok(metrics::rotation_report(c, &p, settings))
        }
        "scanners" => {
            let p = yilian::ScannerPlan::from_json_str(&text).map_err(|e| e.to_string())?;
            checked(plan, yilian::check::check_scanners(c, &p))?;
            Ok(metrics::scanners_report(c, &p, settings))
        }
        "referral" => {
            let p = yilian::ReferralPlan::from_json_str(&text).map_err(|e| e.to_string())?;
            checked(plan, yilian::check::check_referral(c, &p))?;
            Ok(metrics::referral_report(c, &p, settings))
        }
        other => Err(format!(
            "plan.model: \"{other}\" has no report (rotation, scanners, referral)"
        )),
    }
}

fn write_csv<T: Serialize>(dir: &Path, name: &str, rows: &[T]) -> Result<(), String> {
    let path = dir.join(format!("{name}.csv"));
    let mut w = csv::Writer::from_path(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    for row in rows {
        w.serialize(row)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    w.flush().map_err(|e| format!("{}: {e}", path.display()))
}

pub fn run(args: Args) -> Result<(), String> {
    if !(args.catchment.is_finite() && args.catchment > 0.0) {
        return Err(format!(
            "catchment: {} must be a number of minutes > 0",
            args.catchment
        ));
    }
    let c = super::load(&args.scenario)?;
    // A cost allocation written by `yilian share --out`: its table.
    if let Some(share) = super::share::read_report(&args.plan)? {
        if let Some(other) = &args.against {
            return Err(format!(
                "--against {}: a cost allocation is not compared with another plan",
                other.display()
            ));
        }
        print!("{}", super::share::table(&share));
        return super::share::write_report_files(
            &share,
            args.json.as_deref(),
            args.csv.as_deref(),
            args.html.as_deref(),
        );
    }
    let settings = ReportSettings {
        catchment_minutes: args.catchment,
        decay: match args.decay {
            DecayKind::Step => Decay::Step,
            DecayKind::E2sfca => Decay::e2sfca(args.catchment),
            DecayKind::Gaussian => Decay::Gaussian,
        },
    };
    let report = report_of(&c, &args.plan, &settings)?;
    let against = match &args.against {
        Some(other) => {
            let b = report_of(&c, other, &settings)?;
            if b.model != report.model {
                return Err(format!(
                    "--against {}: a {} plan cannot be compared with a {} plan",
                    other.display(),
                    b.model,
                    report.model
                ));
            }
            Some((other, b))
        }
        None => None,
    };
    if report.model == "referral" {
        println!(
            "{}: referral plan; before = solved without its targets (when the plan has a baseline)",
            report.scenario
        );
    } else {
        println!(
            "{}: {} plan; accessibility in {} ({}, {} minutes)",
            report.scenario,
            report.model,
            report.access_unit,
            settings.decay.name(),
            settings.catchment_minutes
        );
    }
    let show = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.4}"));
    println!("  {:<54} {:>12} {:>12}", "measure", "before", "after");
    for m in &report.measures {
        println!(
            "  {:<54} {:>12} {:>12}",
            m.measure,
            show(m.before),
            show(m.after)
        );
    }
    for l in &report.coverage {
        println!(
            "  population within {} min of {:<28} {:>9.0} -> {:.0} of {:.0}",
            l.minutes, l.service, l.covered_before, l.covered_after, l.population
        );
    }
    if report.model == "referral" {
        print!("{}", referral_tables(&report));
    }
    if let Some((other, b)) = &against {
        println!(
            "\ncomparison (after the plan): {} vs {}",
            args.plan.display(),
            other.display()
        );
        for l in metrics::compare(&report, b) {
            println!(
                "  {:<54} {:>12} {:>12} {:>12}",
                l.measure,
                show(l.a),
                show(l.b),
                show(l.difference)
            );
        }
    }
    if let Some(path) = &args.json {
        super::write(path, &(report.to_json_string() + "\n"))?;
        println!("report written to {}", path.display());
    }
    if let Some(dir) = &args.csv {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        write_csv(dir, "institutions", &report.institutions)?;
        write_csv(dir, "coverage", &report.coverage)?;
        write_csv(dir, "by_tier", &report.by_tier)?;
        write_csv(dir, "by_district", &report.by_district)?;
        write_csv(dir, "measures", &report.measures)?;
        write_csv(dir, "utilisation", &report.utilisation)?;
        if report.model == "referral" {
            write_csv(dir, "targets", &report.targets)?;
            write_csv(dir, "referrals", &report.referrals)?;
        }
        println!("CSV tables written to {}", dir.display());
    }
    if let Some(path) = &args.html {
        super::write(path, &metrics::to_html(&report))?;
        println!("HTML report written to {}", path.display());
    }
    Ok(())
}

/// The tables of a referral report after its measures: targets with their marginal
/// costs, the busiest institutions and the largest referrals up and down.
fn referral_tables(report: &Report) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let pct = |x: f64| format!("{:.1}%", 100.0 * x);
    if !report.targets.is_empty() {
        let _ = writeln!(
            out,
            "\n  {:<30} {:>9} {:>9} {:>9} {:>8} {:>15}",
            "target", "required", "achieved", "short", "binding", "cost per point"
        );
        for t in &report.targets {
            let _ = writeln!(
                out,
                "  {:<30} {:>9} {:>9} {:>9.1} {:>8} {:>15}",
                t.target,
                pct(t.required),
                pct(t.achieved),
                t.shortfall_episodes,
                if t.binding { "yes" } else { "no" },
                t.marginal_cost_per_point
                    .map_or("-".into(), |m| format!("{m:.1}"))
            );
        }
    }
    let _ = writeln!(
        out,
        "\n  {:<24} {:<30} {:>10} {:>10} {:>7}",
        "busiest institution", "class", "patients", "capacity", "use"
    );
    for l in report.utilisation.iter().take(5) {
        let _ = writeln!(
            out,
            "  {:<24} {:<30} {:>10.1} {:>10.1} {:>7}",
            l.resource,
            l.kind.trim_start_matches("care: "),
            l.used,
            l.capacity,
            if l.capacity > 0.0 {
                pct(l.used / l.capacity)
            } else {
                "-".into()
            }
        );
    }
    for direction in ["up", "down"] {
        let mut lines: Vec<_> = report
            .referrals
            .iter()
            .filter(|r| r.direction == direction)
            .collect();
        lines.sort_by(|a, b| b.patients.total_cmp(&a.patients));
        let _ = writeln!(
            out,
            "\n  referrals {direction}: {} origin-destination pairs",
            lines.len()
        );
        for r in lines.iter().take(5) {
            let _ = writeln!(
                out,
                "    {:<20} ({}) -> {:<20} ({}) {:>9.1}",
                r.from, r.from_tier, r.to, r.to_tier, r.patients
            );
        }
    }
    out
}
