//! The tasks of a sweep (scenario x model x grid point, in a fixed order) and a
//! runner that solves them on threads.

use super::grid::{grid_points, point_label, Axis};
use super::models::{ModelSettings, SweepModel};
use super::overrides::Override;
use super::row::{run_point, PointRow};
use crate::scenario::Scenario;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// One task: a scenario, a model and the overrides of one grid point.
#[derive(Debug, Clone)]
pub struct Task<'a> {
    /// The scenario (before the overrides).
    pub scenario: &'a Scenario,
    /// How the scenario is named in the table (its file, or its name).
    pub scenario_label: &'a str,
    /// The model.
    pub model: &'static SweepModel,
    /// The overrides of the point.
    pub overrides: Vec<Override>,
}

impl Task<'_> {
    /// The point as text ([`point_label`]).
    pub fn point(&self) -> String {
        point_label(&self.overrides)
    }
}

/// Every task of a sweep, in the order of its table: by scenario, then model, then
/// grid point (first axis slowest).
pub fn tasks<'a>(
    scenarios: &'a [(String, Scenario)],
    models: &[&'static SweepModel],
    axes: &[Axis],
) -> Vec<Task<'a>> {
    let points = grid_points(axes);
    let mut out = Vec::with_capacity(scenarios.len() * models.len() * points.len());
    for (label, scenario) in scenarios {
        for &model in models {
            for overrides in &points {
                out.push(Task {
                    scenario,
                    scenario_label: label,
                    model,
                    overrides: overrides.clone(),
                });
            }
        }
    }
    out
}

/// Runs every task on `jobs` threads (at least one), calling `on_done(i, row)` as each
/// task `i` finishes (in the order they finish), and returns the rows in the order of
/// `tasks`. The rows do not depend on `jobs`: each task is solved alone with the same
/// settings (give the solver one thread per task for that, `threads = 1`).
pub fn run_tasks(
    tasks: &[Task<'_>],
    settings: &ModelSettings,
    jobs: usize,
    on_done: impl Fn(usize, &PointRow) + Sync,
) -> Vec<PointRow> {
    let next = AtomicUsize::new(0);
    let rows: Mutex<Vec<Option<PointRow>>> = Mutex::new(vec![None; tasks.len()]);
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(task) = tasks.get(i) else { break };
        let row = run_point(task.scenario, &task.overrides, task.model, settings);
        on_done(i, &row);
        rows.lock().expect("no thread panics holding the rows")[i] = Some(row);
    };
    std::thread::scope(|scope| {
        for _ in 1..jobs.max(1).min(tasks.len().max(1)) {
            scope.spawn(work);
        }
        work();
    });
    rows.into_inner()
        .expect("no thread panics holding the rows")
        .into_iter()
        .map(|r| r.expect("every task ran"))
        .collect()
}
