//! `yilian location`: classic location models on OR-Library instances.

use clap::{Args as ClapArgs, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::time::Instant;
use yilian::models::location::{
    read_cap, read_pmed, Cflp, LocationSolution, PMedian, PMedianFormulation, Sourcing,
};
use yilian::{Backend, SolveOptions};

/// Arguments of `yilian location`.
#[derive(ClapArgs)]
pub struct Args {
    #[command(subcommand)]
    model: Model,
}

/// Solver options shared by the location models.
#[derive(ClapArgs)]
struct Solver {
    /// Solver backend (default: the best compiled in).
    #[arg(long)]
    backend: Option<Backend>,
    /// Time limit in seconds.
    #[arg(long, default_value_t = 600.0)]
    time_limit: f64,
    /// Relative MIP gap at which to stop (0 proves optimality).
    #[arg(long, default_value_t = 0.0)]
    gap: f64,
}

#[derive(Subcommand)]
enum Model {
    /// p-median on an OR-Library pmed file.
    Pmedian {
        /// OR-Library pmed file (edge list; shortest paths are computed).
        #[arg(long)]
        orlib: PathBuf,
        /// Override the file's p.
        #[arg(short, long)]
        p: Option<usize>,
        /// Formulation: radius (truncated radius chain with a heuristic start, the
        /// fastest), radius-full (the whole chain in one MIP) or textbook (baseline).
        #[arg(long, value_enum, default_value_t = Formulation::Radius)]
        formulation: Formulation,
        #[command(flatten)]
        solver: Solver,
    },
    /// Capacitated facility location on an OR-Library cap file.
    Cflp {
        /// OR-Library cap file.
        #[arg(long)]
        orlib: PathBuf,
        /// Capacity replacing the 'capacity' placeholder of capa/capb/capc.
        #[arg(long)]
        capacity: Option<f64>,
        /// Serve each customer from one site.
        #[arg(long)]
        single_source: bool,
        #[command(flatten)]
        solver: Solver,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Formulation {
    Textbook,
    Radius,
    RadiusFull,
}

fn options(s: &Solver) -> Result<SolveOptions, String> {
    let backend = match s.backend {
        Some(b) => b,
        None => Backend::best_available().ok_or("no solver backend compiled in")?,
    };
    Ok(SolveOptions::new(backend)
        .time_limit(s.time_limit)
        .mip_gap(s.gap))
}

fn print(what: &str, s: &LocationSolution, read_seconds: f64) {
    println!("{what}");
    println!("objective {}", s.objective);
    println!(
        "bound     {}",
        s.bound.map_or("unknown".into(), |b| b.to_string())
    );
    println!(
        "gap       {}",
        s.gap
            .map_or("unknown".into(), |g| format!("{:.4}%", 100.0 * g))
    );
    println!("status    {}", s.status);
    println!("open      {:?}", s.open);
    println!(
        "time      read {read_seconds:.3} s, build {:.3} s, solve {:.3} s",
        s.build_seconds, s.solve_seconds
    );
    println!(
        "size      {} columns, {} rows, {} nonzeros",
        s.size.0, s.size.1, s.size.2
    );
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), String> {
    let t0 = Instant::now();
    match args.model {
        Model::Pmedian {
            orlib,
            p,
            formulation,
            solver,
        } => {
            let inst = read_pmed(&orlib).map_err(|e| e.to_string())?;
            let read = t0.elapsed().as_secs_f64();
            let p = p.unwrap_or(inst.p);
            let f = match formulation {
                Formulation::Textbook => PMedianFormulation::Textbook,
                Formulation::Radius => PMedianFormulation::Radius,
                Formulation::RadiusFull => PMedianFormulation::RadiusFull,
            };
            let s = PMedian::new(&inst.cost, p)
                .formulation(f)
                .solve(&options(&solver)?)
                .map_err(|e| e.to_string())?;
            let what = format!(
                "p-median {} ({} vertices, p = {p}, {f:?} formulation)",
                orlib.display(),
                inst.cost.sites()
            );
            print(&what, &s, read);
        }
        Model::Cflp {
            orlib,
            capacity,
            single_source,
            solver,
        } => {
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
            print(&what, &s, read);
        }
    }
    Ok(())
}
