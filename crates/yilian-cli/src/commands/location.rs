//! `yilian location`: classic location models on OR-Library instances or on a cost
//! matrix in CSV (clients x sites, see `cost_csv.rs`).

use super::cost_csv::{read_costs, read_vector, NamedCosts};
use clap::{Args as ClapArgs, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::time::Instant;
use yilian::models::location::{
    read_cap, read_pmed, Cflp, LocationSolution, Lscp, Mclp, PCenter, PCenterFormulation, PMedian,
    PMedianFormulation, Sourcing,
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
    /// Write each client's sites and served fractions to this CSV file.
    #[arg(long)]
    assignments: Option<PathBuf>,
}

/// Where the costs come from: an OR-Library pmed file or a CSV matrix.
#[derive(ClapArgs)]
#[group(required = true, multiple = false)]
struct Input {
    /// OR-Library pmed file (edge list; shortest paths are computed); its p is the
    /// default p.
    #[arg(long)]
    orlib: Option<PathBuf>,
    /// Cost matrix in CSV: one row per client, one column per site (optional header of
    /// site names and first column of client names).
    #[arg(long)]
    cost: Option<PathBuf>,
}

/// Client weights (CSV, one per client), multiplying the costs or the coverage.
#[derive(ClapArgs)]
struct Weights {
    /// Client weights (CSV, one number per client row, optional header).
    #[arg(long)]
    weights: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Model {
    /// p-median: open p sites, least total (weighted) cost of serving every client.
    Pmedian {
        #[command(flatten)]
        input: Input,
        /// Sites to open (default: the OR-Library file's p; required with --cost).
        #[arg(short, long)]
        p: Option<usize>,
        #[command(flatten)]
        weights: Weights,
        /// Formulation: radius (truncated radius chain with a heuristic start, the
        /// fastest), radius-full (the whole chain in one MIP) or textbook (baseline).
        #[arg(long, value_enum, default_value_t = Formulation::Radius)]
        formulation: Formulation,
        #[command(flatten)]
        solver: Solver,
    },
    /// p-center: open p sites, least largest (weighted) cost of serving a client.
    Pcenter {
        #[command(flatten)]
        input: Input,
        /// Sites to open (default: the OR-Library file's p; required with --cost).
        #[arg(short, long)]
        p: Option<usize>,
        #[command(flatten)]
        weights: Weights,
        /// Method: covering (bisection over the candidate radii with set-covering MIPs,
        /// exact and the fastest), elloumi (one radius-indicator MIP) or textbook
        /// (baseline).
        #[arg(long, value_enum, default_value_t = CenterFormulation::Covering)]
        formulation: CenterFormulation,
        #[command(flatten)]
        solver: Solver,
    },
    /// Maximal covering (MCLP): open p sites covering the most client weight within
    /// the radius.
    Mclp {
        #[command(flatten)]
        input: Input,
        /// Sites to open (default: the OR-Library file's p; required with --cost).
        #[arg(short, long)]
        p: Option<usize>,
        /// Service radius: a client is covered by an open site with cost <= radius.
        #[arg(long)]
        radius: f64,
        #[command(flatten)]
        weights: Weights,
        #[command(flatten)]
        solver: Solver,
    },
    /// Set covering (LSCP): the fewest (or cheapest) sites covering every client
    /// within the radius.
    Lscp {
        #[command(flatten)]
        input: Input,
        /// Service radius: a client is covered by an open site with cost <= radius.
        #[arg(long)]
        radius: f64,
        /// Cost of opening each site (CSV, one per site; default 1 each).
        #[arg(long)]
        site_costs: Option<PathBuf>,
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

/// The costs of `input`, with the OR-Library file's p when there is one.
fn load(input: &Input) -> Result<(NamedCosts, Option<usize>, String), String> {
    if let Some(path) = &input.orlib {
        let inst = read_pmed(path).map_err(|e| e.to_string())?;
        let names: Vec<String> = (0..inst.cost.sites()).map(|j| j.to_string()).collect();
        let costs = NamedCosts {
            clients: names.clone(),
            sites: names,
            cost: inst.cost,
        };
        return Ok((costs, Some(inst.p), path.display().to_string()));
    }
    let path = input.cost.as_ref().ok_or("give --orlib or --cost")?;
    Ok((read_costs(path)?, None, path.display().to_string()))
}

fn p_of(p: Option<usize>, from_file: Option<usize>) -> Result<usize, String> {
    p.or(from_file)
        .ok_or_else(|| "-p: the number of sites to open is required with --cost".into())
}

fn weights_of(w: &Weights, costs: &NamedCosts) -> Result<Option<Vec<f64>>, String> {
    w.weights
        .as_ref()
        .map(|path| read_vector(path, costs.cost.clients(), "weights"))
        .transpose()
}

#[derive(Clone, Copy, ValueEnum)]
enum Formulation {
    Textbook,
    Radius,
    RadiusFull,
}

#[derive(Clone, Copy, ValueEnum)]
enum CenterFormulation {
    Covering,
    Elloumi,
    Textbook,
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

/// Writes `client,site,fraction` rows of `s` to `path`, with the names of `costs`.
fn write_assignments(
    path: &std::path::Path,
    s: &LocationSolution,
    costs: Option<&NamedCosts>,
) -> Result<(), String> {
    let err = |e: csv::Error| format!("{}: {e}", path.display());
    let mut w = csv::Writer::from_path(path).map_err(err)?;
    w.write_record(["client", "site", "fraction"])
        .map_err(err)?;
    for (i, sites) in s.assignment.iter().enumerate() {
        for &(j, fraction) in sites {
            let (client, site) = match costs {
                Some(c) => (c.clients[i].clone(), c.sites[j].clone()),
                None => (i.to_string(), j.to_string()),
            };
            w.write_record([client, site, fraction.to_string()])
                .map_err(err)?;
        }
    }
    w.flush().map_err(|e| format!("{}: {e}", path.display()))
}

fn print(
    what: &str,
    s: &LocationSolution,
    read_seconds: f64,
    costs: Option<&NamedCosts>,
    solver: &Solver,
) -> Result<(), String> {
    let sites = costs.map(|c| c.sites.as_slice());
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
    match sites {
        Some(names) => {
            let open: Vec<&str> = s.open.iter().map(|&j| names[j].as_str()).collect();
            println!("open      {}", open.join(" "));
        }
        None => println!("open      {:?}", s.open),
    }
    println!(
        "time      read {read_seconds:.3} s, build {:.3} s, solve {:.3} s",
        s.build_seconds, s.solve_seconds
    );
    println!(
        "size      {} columns, {} rows, {} nonzeros",
        s.size.0, s.size.1, s.size.2
    );
    if let Some(path) = &solver.assignments {
        write_assignments(path, s, costs)?;
        println!("assignments written to {}", path.display());
    }
    Ok(())
}

/// Runs the subcommand.
pub fn run(args: Args) -> Result<(), String> {
    let t0 = Instant::now();
    match args.model {
        Model::Pmedian {
            input,
            p,
            weights,
            formulation,
            solver,
        } => {
            let (costs, file_p, name) = load(&input)?;
            let read = t0.elapsed().as_secs_f64();
            let p = p_of(p, file_p)?;
            let w = weights_of(&weights, &costs)?;
            let f = match formulation {
                Formulation::Textbook => PMedianFormulation::Textbook,
                Formulation::Radius => PMedianFormulation::Radius,
                Formulation::RadiusFull => PMedianFormulation::RadiusFull,
            };
            let mut model = PMedian::new(&costs.cost, p).formulation(f);
            if let Some(w) = &w {
                model = model.weights(w);
            }
            let s = model.solve(&options(&solver)?).map_err(|e| e.to_string())?;
            let what = format!(
                "p-median {name} ({} clients x {} sites, p = {p}, {f:?} formulation)",
                costs.cost.clients(),
                costs.cost.sites()
            );
            print(&what, &s, read, Some(&costs), &solver)?;
        }
        Model::Pcenter {
            input,
            p,
            weights,
            formulation,
            solver,
        } => {
            let (costs, file_p, name) = load(&input)?;
            let read = t0.elapsed().as_secs_f64();
            let p = p_of(p, file_p)?;
            let w = weights_of(&weights, &costs)?;
            let f = match formulation {
                CenterFormulation::Covering => PCenterFormulation::Covering,
                CenterFormulation::Elloumi => PCenterFormulation::Elloumi,
                CenterFormulation::Textbook => PCenterFormulation::Textbook,
            };
            let mut model = PCenter::new(&costs.cost, p).formulation(f);
            if let Some(w) = &w {
                model = model.weights(w);
            }
            let s = model.solve(&options(&solver)?).map_err(|e| e.to_string())?;
            let what = format!(
                "p-center {name} ({} clients x {} sites, p = {p}, {f:?} formulation)",
                costs.cost.clients(),
                costs.cost.sites()
            );
            print(&what, &s, read, Some(&costs), &solver)?;
        }
        Model::Mclp {
            input,
            p,
            radius,
            weights,
            solver,
        } => {
            let (costs, file_p, name) = load(&input)?;
            let read = t0.elapsed().as_secs_f64();
            let p = p_of(p, file_p)?;
            let w = weights_of(&weights, &costs)?;
            let mut model = Mclp::new(&costs.cost, p, radius);
            if let Some(w) = &w {
                model = model.weights(w);
            }
            let s = model.solve(&options(&solver)?).map_err(|e| e.to_string())?;
            let what = format!(
                "maximal covering {name} ({} clients x {} sites, p = {p}, radius {radius}; objective = weight covered)",
                costs.cost.clients(),
                costs.cost.sites()
            );
            print(&what, &s, read, Some(&costs), &solver)?;
        }
        Model::Lscp {
            input,
            radius,
            site_costs,
            solver,
        } => {
            let (costs, _, name) = load(&input)?;
            let read = t0.elapsed().as_secs_f64();
            let site_costs = site_costs
                .as_ref()
                .map(|path| read_vector(path, costs.cost.sites(), "site costs"))
                .transpose()?;
            let mut model = Lscp::new(&costs.cost, radius);
            if let Some(c) = &site_costs {
                model = model.site_cost(c);
            }
            let s = model.solve(&options(&solver)?).map_err(|e| e.to_string())?;
            let what = format!(
                "set covering {name} ({} clients x {} sites, radius {radius})",
                costs.cost.clients(),
                costs.cost.sites()
            );
            print(&what, &s, read, Some(&costs), &solver)?;
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
            print(&what, &s, read, None, &solver)?;
        }
    }
    Ok(())
}
