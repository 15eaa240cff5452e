//! The cost matrix a location subcommand reads (OR-Library pmed file, TSPLIB point set
//! or CSV), with its
//! p and client weights.

use super::args::{Input, Weights};
use super::cost_csv::{read_costs, read_vector, NamedCosts};
use std::time::Instant;
use yilian::models::location::{read_pmed, read_tsplib};

/// A cost matrix read for one subcommand.
pub(super) struct Loaded {
    /// The costs, with client and site names.
    pub(super) costs: NamedCosts,
    /// The p of the OR-Library file, when the costs came from one.
    pub(super) file_p: Option<usize>,
    /// The input's path, for the printed title.
    pub(super) name: String,
    /// Seconds spent reading (and, for pmed files, computing shortest paths).
    pub(super) read_seconds: f64,
}

impl Loaded {
    /// Reads `input` (`--orlib`, `--tsplib` or `--cost`).
    pub(super) fn read(input: &Input) -> Result<Self, String> {
        let t0 = Instant::now();
        let (costs, file_p, name) = if let Some(path) = &input.orlib {
            let inst = read_pmed(path).map_err(|e| e.to_string())?;
            let names: Vec<String> = (0..inst.cost.sites()).map(|j| j.to_string()).collect();
            let costs = NamedCosts {
                clients: names.clone(),
                sites: names,
                cost: inst.cost,
            };
            (costs, Some(inst.p), path.display().to_string())
        } else if let Some(path) = &input.tsplib {
            let inst = read_tsplib(path).map_err(|e| e.to_string())?;
            let cost = inst.cost().map_err(|e| e.to_string())?;
            // Nodes keep their TSPLIB numbers (from 1).
            let names: Vec<String> = (1..=cost.sites()).map(|j| j.to_string()).collect();
            let costs = NamedCosts {
                clients: names.clone(),
                sites: names,
                cost,
            };
            (costs, None, path.display().to_string())
        } else {
            let path = input
                .cost
                .as_ref()
                .ok_or("give --orlib, --tsplib or --cost")?;
            (read_costs(path)?, None, path.display().to_string())
        };
        Ok(Self {
            costs,
            file_p,
            name,
            read_seconds: t0.elapsed().as_secs_f64(),
        })
    }

    /// The number of sites to open: `-p`, else the OR-Library file's.
    pub(super) fn p(&self, p: Option<usize>) -> Result<usize, String> {
        p.or(self.file_p).ok_or_else(|| {
            "-p: the number of sites to open is required with --cost and --tsplib".into()
        })
    }

    /// The client weights of `--weights`, one per client row.
    pub(super) fn weights(&self, w: &Weights) -> Result<Option<Vec<f64>>, String> {
        w.weights
            .as_ref()
            .map(|path| read_vector(path, &self.costs.clients, "weights"))
            .transpose()
    }

    /// The site costs of `--site-costs`, one per site.
    pub(super) fn site_costs(
        &self,
        path: Option<&std::path::Path>,
    ) -> Result<Option<Vec<f64>>, String> {
        path.map(|path| read_vector(path, &self.costs.sites, "site costs"))
            .transpose()
    }

    /// The printed title: `what` on this input, its size, then `detail`.
    pub(super) fn title(&self, what: &str, detail: &str) -> String {
        format!(
            "{what} {} ({} clients x {} sites{detail})",
            self.name,
            self.costs.cost.clients(),
            self.costs.cost.sites()
        )
    }
}
