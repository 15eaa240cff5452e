//! `yilian share SCENARIO --model scanners --rule shapley [--samples N --seed K] --out FILE`

use clap::ValueEnum;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use yilian::models::share::{Rule, ShareModel, ShareModelKind, ShareReport, Weights};
use yilian::{Backend, ReferralMode, ScannerMethod, SolveOptions};

/// The model whose optimal cost is shared.
#[derive(Clone, Copy, ValueEnum)]
pub enum Model {
    /// M1 rotation allocation.
    Rotation,
    /// M3 shared scanners.
    Scanners,
    /// M5 tiered care and referral (with the rotation days, see --referral-mode).
    Referral,
}

/// How the referral model decides the rotation days of each coalition.
#[derive(Clone, Copy, ValueEnum)]
pub enum ReferralModeArg {
    /// Rotation days and patient flows in one program (the coalition's optimal total).
    Joint,
    /// M1 solved on the coalition first, its days fixed, then the patient flows.
    Sequential,
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
    /// Referral: how each coalition's rotation days are decided.
    #[arg(long, value_enum, default_value = "joint")]
    referral_mode: ReferralModeArg,
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
        Model::Referral => ShareModelKind::Referral(match args.referral_mode {
            ReferralModeArg::Joint => ReferralMode::Joint,
            ReferralModeArg::Sequential => ReferralMode::Sequential,
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
                unit_of(r, t),
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

/// What a transfer's quantity counts.
fn unit_of(r: &ShareReport, t: &yilian::models::share::Transfer) -> &'static str {
    match r.model.as_str() {
        "rotation" => "visits",
        "scanners" => "exams",
        _ if t.days.is_some() => "visits",
        _ if t.service == "telemedicine" => "consultations",
        _ => "patients",
    }
}

/// One member's line of the CSV table.
#[derive(serde::Serialize)]
struct MemberRow<'a> {
    member: &'a str,
    stand_alone: f64,
    allocated: f64,
    saving: f64,
    saving_pct: Option<f64>,
    in_core: Option<bool>,
    standard_error: Option<f64>,
    weight: Option<f64>,
    institutions: String,
}

/// One coalition's line of the CSV table.
#[derive(serde::Serialize)]
struct CoalitionRow {
    members: String,
    cost: f64,
    status: String,
    bound: Option<f64>,
    gap: Option<f64>,
    seconds: f64,
}

/// One transfer's line of the CSV table (every column on every line).
#[derive(serde::Serialize)]
struct TransferRow<'a> {
    provider: &'a str,
    receiver: &'a str,
    service: &'a str,
    quantity: f64,
    unit: &'static str,
    days: Option<f64>,
    cost: f64,
    worth: Option<f64>,
}

fn csv_file<T: serde::Serialize>(
    dir: &std::path::Path,
    name: &str,
    rows: &[T],
) -> Result<(), String> {
    let path = dir.join(format!("{name}.csv"));
    let mut w = csv::Writer::from_path(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    for row in rows {
        w.serialize(row)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    w.flush().map_err(|e| format!("{}: {e}", path.display()))
}

/// `yilian report` of a share report: the JSON as it is, CSV tables (members,
/// coalitions, transfers) and an HTML page (the table and a bar chart of stand-alone
/// against allocated cost per member).
pub fn write_report_files(
    r: &ShareReport,
    json: Option<&std::path::Path>,
    csv: Option<&std::path::Path>,
    html: Option<&std::path::Path>,
) -> Result<(), String> {
    if let Some(path) = json {
        super::write(path, &(r.to_json_string() + "\n"))?;
        println!("report written to {}", path.display());
    }
    if let Some(dir) = csv {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let members: Vec<MemberRow> = r
            .members
            .iter()
            .map(|m| MemberRow {
                member: &m.name,
                stand_alone: m.stand_alone,
                allocated: m.allocated,
                saving: m.saving,
                saving_pct: (m.stand_alone != 0.0).then(|| 100.0 * m.saving / m.stand_alone.abs()),
                in_core: r.in_core,
                standard_error: m.standard_error,
                weight: m.weight,
                institutions: m.institutions.join(" "),
            })
            .collect();
        csv_file(dir, "members", &members)?;
        let names = |v: &[usize]| {
            v.iter()
                .map(|&k| r.members[k].name.as_str())
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let coalitions: Vec<CoalitionRow> = r
            .coalitions
            .iter()
            .map(|c| CoalitionRow {
                members: names(&c.members),
                cost: c.cost,
                status: c.status.to_string(),
                bound: c.bound,
                gap: c.gap,
                seconds: c.seconds,
            })
            .collect();
        csv_file(dir, "coalitions", &coalitions)?;
        let transfers: Vec<TransferRow> = r
            .transfers
            .iter()
            .map(|t| TransferRow {
                provider: &t.provider,
                receiver: &t.receiver,
                service: &t.service,
                quantity: t.quantity,
                unit: unit_of(r, t),
                days: t.days,
                cost: t.cost,
                worth: t.worth,
            })
            .collect();
        csv_file(dir, "transfers", &transfers)?;
        println!("tables written to {}", dir.display());
    }
    if let Some(path) = html {
        super::write(path, &html_page(r))?;
        println!("HTML report written to {}", path.display());
    }
    Ok(())
}

/// The page's style sheet (no external files).
const STYLE: &str = "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}\
td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}\
td:first-child,th:first-child{text-align:left}";

/// A self-contained page: the summary, a bar chart (stand-alone grey, allocated blue,
/// one pair per member) and the tables. Written with maud's `html!` templates (as the
/// plan report in `yilian::metrics`): every member name, service and note spliced in
/// is escaped by maud, since they are the user's strings.
fn html_page(r: &ShareReport) -> String {
    let title = format!(
        "{} cost of {} shared by {}",
        r.model,
        r.scenario,
        r.rule.replace('_', " ")
    );
    let core = match r.in_core {
        Some(true) => "in the core".to_string(),
        Some(false) => match &r.objection {
            Some(o) => format!(
                "not in the core: {{{}}} pay {:.2} more than alone",
                o.members.join(" + "),
                o.excess_paid
            ),
            None => "not in the core".into(),
        },
        None => "core not checked (not every coalition was solved)".into(),
    };
    let epsilon = r
        .least_core_epsilon
        .map_or(String::new(), |e| format!("; least-core epsilon {e:.4}"));
    let page = html! {
        (DOCTYPE)
        html {
            head {
                meta charset="utf-8";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (title) }
                p {
                    (format!(
                        "Grand coalition {:.2}, stand-alone total {:.2}, savings {:.2}; ",
                        r.grand_cost, r.stand_alone_total, r.savings
                    ))
                    (core) (epsilon) "."
                }
                (bars(r))
                p {
                    span style="color:#9e9e9e" { "\u{25A0}" } " stand-alone "
                    span style="color:#1565c0" { "\u{25A0}" } " allocated"
                }
                (members_table(r))
                @if !r.transfers.is_empty() {
                    h2 { "Services between members in the grand coalition's plan" }
                    (transfers_table(r))
                }
                @for n in &r.notes {
                    p { "Note: " (n) }
                }
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

/// The bar chart: stand-alone and allocated cost per member on a common scale from the
/// smallest to the largest cost (0 included).
fn bars(r: &ShareReport) -> Markup {
    let costs = || r.members.iter().flat_map(|m| [m.stand_alone, m.allocated]);
    let lo = costs().fold(0.0_f64, f64::min);
    let hi = costs().fold(0.0_f64, f64::max);
    let span = (hi - lo).max(1e-12);
    let (w, h, pad) = (60.0 * r.members.len() as f64 + 80.0, 260.0, 30.0);
    let y = |v: f64| pad + (hi - v) / span * (h - 2.0 * pad);
    let f1 = |v: f64| format!("{v:.1}");
    let zero = f1(y(0.0));
    html! {
        svg xmlns="http://www.w3.org/2000/svg" width=(format!("{w:.0}")) height=(format!("{h:.0}")) {
            line x1="40" x2=(format!("{w:.0}")) y1=(zero) y2=(zero) stroke="black" {}
            @for (k, m) in r.members.iter().enumerate() {
                @let x = 50.0 + 60.0 * k as f64;
                @for (dx, v, colour, what) in [
                    (0.0, m.stand_alone, "#9e9e9e", "stand-alone"),
                    (22.0, m.allocated, "#1565c0", "allocated"),
                ] {
                    @let (top, bottom) = (y(v.max(0.0)), y(v.min(0.0)));
                    rect x=(f1(x + dx)) y=(f1(top)) width="20" height=(f1((bottom - top).max(0.5))) fill=(colour) {
                        title { (m.name) " " (what) ": " (format!("{v:.2}")) }
                    }
                }
                text x=(f1(x + 21.0)) y=(f1(h - 8.0)) font-size="11" text-anchor="middle" { (m.name) }
            }
        }
    }
}

/// Each member's stand-alone and allocated cost and saving.
fn members_table(r: &ShareReport) -> Markup {
    html! {
        table {
            tr { th { "member" } th { "stand-alone" } th { "allocated" } th { "saving" } th { "saving %" } }
            @for m in &r.members {
                tr {
                    td { (m.name) }
                    td { (format!("{:.2}", m.stand_alone)) }
                    td { (format!("{:.2}", m.allocated)) }
                    td { (format!("{:.2}", m.saving)) }
                    td {
                        @if m.stand_alone != 0.0 {
                            (format!("{:.1}", 100.0 * m.saving / m.stand_alone.abs()))
                        } @else {
                            "-"
                        }
                    }
                }
            }
        }
    }
}

/// The services one member gives another in the grand coalition's plan.
fn transfers_table(r: &ShareReport) -> Markup {
    html! {
        table {
            tr { th { "provider" } th { "receiver" } th { "service" } th { "quantity" } th { "cost" } th { "worth" } }
            @for t in &r.transfers {
                tr {
                    td { (t.provider) }
                    td { (t.receiver) }
                    td { (t.service) }
                    td { (format!("{:.1} {}", t.quantity, unit_of(r, t))) }
                    td { (format!("{:.2}", t.cost)) }
                    td { (t.worth.map_or("-".into(), |w| format!("{w:.2}"))) }
                }
            }
        }
    }
}
