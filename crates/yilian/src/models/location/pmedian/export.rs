//! [`PMedian::write`]: the p-median program as an MPS or LP file.

use super::{PMedian, PMedianFormulation};
use crate::error::Result;
use crate::models::location::export::{write, Columns};
use crate::models::location::LocationIds;
use std::path::Path;

impl PMedian<'_> {
    /// Writes the program [`PMedian::build`] returns to `path`, as MPS or LP by its
    /// suffix (`.mps`, `.lp`), for another solver: the textbook formulation with
    /// [`PMedianFormulation::Textbook`] (columns `open(site)`, `assign(client,site)`;
    /// rows `open_count`, `link(client,site)`, `assign(client)`), else the full radius
    /// (chain) formulation of Garcia, Labbe and Marin (columns `open(site)`, the chain's
    /// columns `x<k>`). `ids` (or `c0, c1, ...` and `s0, s1, ...`) give the names
    /// ([`crate::solve::safe_name`] replaces the characters the formats do not allow).
    /// Its optimum is the p-median's.
    pub fn write(&self, path: &Path, ids: Option<&LocationIds>) -> Result<()> {
        let (n, m) = (self.cost.clients(), self.cost.sites());
        let columns = if self.formulation == PMedianFormulation::Textbook {
            Columns::Assign { first: m }
        } else {
            Columns::Sites
        };
        write(self.build()?, path, "p-median", n, m, ids, columns, None)
    }
}
