//! The command line of `yilian location`: one subcommand a model, and the options they
//! share (input, weights, solver).

use clap::{Args as ClapArgs, Subcommand, ValueEnum};
use std::path::PathBuf;
use yilian::{Backend, SolveOptions};

/// Arguments of `yilian location`.
#[derive(ClapArgs)]
pub struct Args {
    #[command(subcommand)]
    pub(super) model: Model,
}

/// Solver options shared by the location models.
#[derive(ClapArgs)]
pub(super) struct Solver {
    /// Solver backend (default: the best compiled in).
    #[arg(long)]
    pub(super) backend: Option<Backend>,
    /// Time limit in seconds.
    #[arg(long, default_value_t = 600.0)]
    pub(super) time_limit: f64,
    /// Relative MIP gap at which to stop (0 proves optimality).
    #[arg(long, default_value_t = 0.0)]
    pub(super) gap: f64,
    /// Write each client's sites and served fractions to this CSV file.
    #[arg(long)]
    pub(super) assignments: Option<PathBuf>,
}

/// Where the costs come from: an OR-Library pmed file, a TSPLIB point set or a CSV
/// matrix.
#[derive(ClapArgs)]
#[group(required = true, multiple = false)]
pub(super) struct Input {
    /// OR-Library pmed file (edge list; shortest paths are computed); its p is the
    /// default p.
    #[arg(long)]
    pub(super) orlib: Option<PathBuf>,
    /// TSPLIB EUC_2D file (every node a client and a site; distances are the
    /// Euclidean distances rounded down, as in the p-median literature).
    #[arg(long)]
    pub(super) tsplib: Option<PathBuf>,
    /// Cost matrix in CSV: one row per client, one column per site (optional header of
    /// site names and first column of client names).
    #[arg(long)]
    pub(super) cost: Option<PathBuf>,
}

/// Client weights (CSV, one per client), multiplying the costs or the coverage.
#[derive(ClapArgs)]
pub(super) struct Weights {
    /// Client weights (CSV, one number per client row, optional header).
    #[arg(long)]
    pub(super) weights: Option<PathBuf>,
}

#[derive(Subcommand)]
pub(super) enum Model {
    /// p-median: open p sites, least total (weighted) cost of serving every client.
    Pmedian {
        #[command(flatten)]
        input: Input,
        /// Sites to open (default: the OR-Library file's p; required with --cost or --tsplib).
        #[arg(short, long)]
        p: Option<usize>,
        #[command(flatten)]
        weights: Weights,
        /// Formulation: auto (benders with HiGHS when p is at least 5 % of the sites,
        /// else radius), benders (two-phase Benders decomposition of the radius
        /// formulation, HiGHS only), radius (Lagrangian tree, then the truncated radius
        /// chain), radius-full (the whole chain in one MIP) or textbook (baseline).
        #[arg(long, value_enum, default_value_t = Formulation::Auto)]
        formulation: Formulation,
        #[command(flatten)]
        solver: Solver,
    },
    /// p-center: open p sites, least largest (weighted) cost of serving a client.
    Pcenter {
        #[command(flatten)]
        input: Input,
        /// Sites to open (default: the OR-Library file's p; required with --cost or --tsplib).
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
        /// Sites to open (default: the OR-Library file's p; required with --cost or --tsplib).
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

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum Formulation {
    Auto,
    Benders,
    Textbook,
    Radius,
    RadiusFull,
}

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum CenterFormulation {
    Covering,
    Elloumi,
    Textbook,
}

/// The solve options the flags ask for (the best backend compiled in by default).
pub(super) fn options(s: &Solver) -> Result<SolveOptions, String> {
    let backend = match s.backend {
        Some(b) => b,
        None => Backend::best_available().ok_or("no solver backend compiled in")?,
    };
    Ok(SolveOptions::new(backend)
        .time_limit(s.time_limit)
        .mip_gap(s.gap))
}
