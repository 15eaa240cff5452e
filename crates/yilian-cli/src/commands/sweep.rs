//! `yilian sweep S... --set PATH=V1,V2 --model rotation --jobs N --out sweep.csv`
//!
//! One model (or several) over scenarios x the grid of `--set` values, on `--jobs`
//! threads, into one CSV table: a row per scenario x model x point, in that order,
//! with the same columns as Python's `yilian.sweep`. Rows are written to
//! `OUT.partial` as they finish; the table, in order, replaces it at the end.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;
use yilian::sweep::{
    find_model, parse_axis, run_tasks, tasks, Axis, ModelSettings, PointRow, SweepModel, Task,
    RESULT_COLUMNS, TIMING_COLUMNS,
};
use yilian::{Backend, Scenario, SolveOptions};

#[derive(clap::Args)]
pub struct Args {
    /// Scenario files (JSON); each is swept over the whole grid.
    #[arg(required = true)]
    scenarios: Vec<PathBuf>,
    /// An axis of the grid: PATH=VALUE[,VALUE...], for example policy.budget=1e5,2e5 or
    /// 'pools.*.max_travel_minutes=45,60' (repeat for more axes; the points are their
    /// product). Paths: fields by dots, '*' for every element of an array, a number or an
    /// id for one element (institutions.THC01.room_days).
    #[arg(long = "set", value_name = "PATH=VALUES")]
    set: Vec<String>,
    /// Model(s) to run on every point: rotation, scanners, referral (comma-separated for
    /// several).
    #[arg(long, value_delimiter = ',', default_value = "rotation")]
    model: Vec<String>,
    /// Points solved side by side (default: the machine's cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// Write the table to this CSV file (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Solver backend (default: the best one compiled in).
    #[arg(long)]
    backend: Option<String>,
    /// Objective (rotation: weighted or equity; scanners: travel or coverage).
    #[arg(long)]
    objective: Option<String>,
    /// Rotation: whole specialist-days only.
    #[arg(long)]
    integer_days: bool,
    /// Scanners: auto, mip or decomposition.
    #[arg(long)]
    method: Option<String>,
    /// Time limit per point, in seconds.
    #[arg(long)]
    time_limit: Option<f64>,
    /// Relative MIP gap (0.01 = 1 %).
    #[arg(long)]
    gap: Option<f64>,
    /// Solver threads per point (default 1: the points are the parallel work).
    #[arg(long, default_value_t = 1)]
    threads: u32,
}

pub fn run(args: Args) -> Result<(), String> {
    let backend = match &args.backend {
        Some(name) => name.parse::<Backend>().map_err(|e| e.to_string())?,
        None => Backend::best_available().ok_or("no solver backend is compiled in")?,
    };
    let mut options = SolveOptions::new(backend).threads(args.threads);
    options.time_limit = args.time_limit;
    options.mip_gap = args.gap;
    options.validate().map_err(|e| e.to_string())?;
    let settings = ModelSettings {
        objective: args.objective.clone(),
        integer_days: args.integer_days,
        method: args.method.clone(),
        options,
    };
    let models: Vec<&'static SweepModel> = args
        .model
        .iter()
        .map(|m| find_model(m.trim()).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let axes: Vec<Axis> = args
        .set
        .iter()
        .map(|s| parse_axis(s).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let scenarios: Vec<(String, Scenario)> = args
        .scenarios
        .iter()
        .map(|p| {
            Scenario::from_path(p)
                .map(|s| (p.display().to_string(), s))
                .map_err(|e| e.to_string())
        })
        .collect::<Result<_, _>>()?;
    let all = tasks(&scenarios, &models, &axes);
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let header = header(&axes);
    let started = Instant::now();

    // Rows as they finish, so that a long sweep leaves its results behind if stopped.
    let partial = args.out.as_ref().map(|out| partial_path(out));
    let stream = match &partial {
        Some(p) => {
            let mut w = csv::Writer::from_path(p).map_err(|e| format!("{}: {e}", p.display()))?;
            w.write_record(&header).map_err(|e| e.to_string())?;
            w.flush().map_err(|e| e.to_string())?;
            Some(Mutex::new(w))
        }
        None => None,
    };
    let done = Mutex::new(0usize);
    let rows = run_tasks(&all, &settings, jobs, |i, row| {
        if let Some(w) = &stream {
            let mut w = w.lock().expect("the writer is not poisoned");
            let _ = w.write_record(record(&all[i], &axes, row));
            let _ = w.flush();
        }
        let mut n = done.lock().expect("the counter is not poisoned");
        *n += 1;
        if *n % 100 == 0 || *n == all.len() {
            eprintln!("sweep: {} of {} points done", *n, all.len());
        }
    });

    let mut text = Vec::new();
    {
        let mut w = csv::Writer::from_writer(&mut text);
        w.write_record(&header).map_err(|e| e.to_string())?;
        for (task, row) in all.iter().zip(&rows) {
            w.write_record(record(task, &axes, row))
                .map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())?;
    }
    match &args.out {
        Some(out) => {
            super::write(out, &String::from_utf8(text).expect("CSV of UTF-8 text"))?;
            if let Some(p) = &partial {
                let _ = std::fs::remove_file(p);
            }
        }
        None => std::io::stdout()
            .write_all(&text)
            .map_err(|e| e.to_string())?,
    }
    let errors = rows.iter().filter(|r| r.error.is_some()).count();
    eprintln!(
        "sweep: {} points ({} scenario(s) x {} model(s) x {} grid point(s)), {errors} with an error, {:.1} s on {jobs} job(s){}",
        rows.len(),
        scenarios.len(),
        models.len(),
        all.len() / (scenarios.len() * models.len()).max(1),
        started.elapsed().as_secs_f64(),
        args.out
            .as_ref()
            .map(|p| format!("; table written to {}", p.display()))
            .unwrap_or_default()
    );
    Ok(())
}

/// The columns: inputs (scenario, model, one per grid path, the point as text), then
/// the results, then the times.
fn header(axes: &[Axis]) -> Vec<String> {
    ["scenario", "model"]
        .into_iter()
        .map(String::from)
        .chain(axes.iter().map(|(path, _)| path.clone()))
        .chain(std::iter::once("point".to_string()))
        .chain(RESULT_COLUMNS.iter().map(|c| c.to_string()))
        .chain(TIMING_COLUMNS.iter().map(|c| c.to_string()))
        .collect()
}

fn record(task: &Task<'_>, axes: &[Axis], row: &PointRow) -> Vec<String> {
    let mut out = vec![task.scenario_label.to_string(), task.model.name.to_string()];
    for (path, _) in axes {
        let value = task
            .overrides
            .iter()
            .find(|o| &o.path == path)
            .map(|o| match &o.value {
                serde_json::Value::String(s) => s.clone(),
                v => v.to_string(),
            })
            .unwrap_or_default();
        out.push(value);
    }
    out.push(task.point());
    out.extend(row.cells());
    out
}

fn partial_path(out: &Path) -> PathBuf {
    let mut name = out.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}
