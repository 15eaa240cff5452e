//! `yilian location`: classic location models on OR-Library instances or on a cost
//! matrix in CSV (clients x sites, see `cost_csv.rs`).
//!
//! `args` is the command line, `input` reads the costs, `output` prints the solution;
//! this file maps each subcommand onto its model.

mod args;
mod cost_csv;
mod input;
mod output;

pub use args::Args;
use args::{options, CenterFormulation, Formulation, Model, Solver};
use input::Loaded;
use output::print;
use std::time::Instant;
use yilian::models::location::{
    read_cap, Cflp, LocationSolution, Lscp, Mclp, PCenter, PCenterFormulation, PMedian,
    PMedianFormulation, Sourcing,
};
use yilian::Result as CoreResult;

/// Prints the outcome of a model solved on the costs of `loaded`.
fn finish(
    loaded: &Loaded,
    title: String,
    solved: CoreResult<LocationSolution>,
    solver: &Solver,
) -> Result<(), String> {
    let s = solved.map_err(|e| e.to_string())?;
    print(&title, &s, loaded.read_seconds, Some(&loaded.costs), solver)
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), String> {
    match args.model {
        Model::Pmedian {
            input,
            p,
            weights,
            formulation,
            solver,
        } => {
            let l = Loaded::read(&input)?;
            let (p, w) = (l.p(p)?, l.weights(&weights)?);
            let f = match formulation {
                Formulation::Auto => PMedianFormulation::Auto,
                Formulation::Benders => PMedianFormulation::Benders,
                Formulation::Textbook => PMedianFormulation::Textbook,
                Formulation::Radius => PMedianFormulation::Radius,
                Formulation::RadiusFull => PMedianFormulation::RadiusFull,
            };
            let mut model = PMedian::new(&l.costs.cost, p).formulation(f);
            if let Some(w) = &w {
                model = model.weights(w);
            }
            let options = options(&solver)?;
            let f = model.chosen(options.backend);
            let title = l.title("p-median", &format!(", p = {p}, {f:?} formulation"));
            finish(&l, title, model.solve(&options), &solver)
        }
        Model::Pcenter {
            input,
            p,
            weights,
            formulation,
            solver,
        } => {
            let l = Loaded::read(&input)?;
            let (p, w) = (l.p(p)?, l.weights(&weights)?);
            let f = match formulation {
                CenterFormulation::Covering => PCenterFormulation::Covering,
                CenterFormulation::Elloumi => PCenterFormulation::Elloumi,
                CenterFormulation::Textbook => PCenterFormulation::Textbook,
            };
            let mut model = PCenter::new(&l.costs.cost, p).formulation(f);
            if let Some(w) = &w {
                model = model.weights(w);
            }
            let title = l.title("p-center", &format!(", p = {p}, {f:?} formulation"));
            finish(&l, title, model.solve(&options(&solver)?), &solver)
        }
        Model::Mclp {
            input,
            p,
            radius,
            weights,
            solver,
        } => {
            let l = Loaded::read(&input)?;
            let (p, w) = (l.p(p)?, l.weights(&weights)?);
            let mut model = Mclp::new(&l.costs.cost, p, radius);
            if let Some(w) = &w {
                model = model.weights(w);
            }
            let detail = format!(", p = {p}, radius {radius}; objective = weight covered");
            let title = l.title("maximal covering", &detail);
            finish(&l, title, model.solve(&options(&solver)?), &solver)
        }
        Model::Lscp {
            input,
            radius,
            site_costs,
            solver,
        } => {
            let l = Loaded::read(&input)?;
            let site_costs = l.site_costs(site_costs.as_deref())?;
            let mut model = Lscp::new(&l.costs.cost, radius);
            if let Some(c) = &site_costs {
                model = model.site_cost(c);
            }
            let title = l.title("set covering", &format!(", radius {radius}"));
            finish(&l, title, model.solve(&options(&solver)?), &solver)
        }
        Model::Cflp {
            orlib,
            capacity,
            single_source,
            solver,
        } => {
            let t0 = Instant::now();
            let inst = read_cap(&orlib, capacity).map_err(|e| e.to_string())?;
            let read = t0.elapsed().as_secs_f64();
            let sourcing = if single_source {
                Sourcing::Single
            } else {
                Sourcing::Multi
            };
            let s = Cflp::new(&inst.cost, &inst.demand, &inst.capacity, &inst.fixed_cost)
                .sourcing(sourcing)
                .solve(&options(&solver)?)
                .map_err(|e| e.to_string())?;
            let what = format!(
                "capacitated facility location {} ({} sites, {} customers, {sourcing:?}-source)",
                orlib.display(),
                inst.cost.sites(),
                inst.cost.clients()
            );
            print(&what, &s, read, None, &solver)
        }
    }
}
