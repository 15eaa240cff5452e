//! [`PCenter::write`]: the p-center program as an MPS or LP file.

use super::{PCenter, PCenterFormulation};
use crate::error::Result;
use crate::models::location::export::{write, Columns};
use crate::models::location::LocationIds;
use std::path::Path;

impl PCenter<'_> {
    /// Writes the program [`PCenter::build`] returns to `path`, as MPS or LP by its
    /// suffix (`.mps`, `.lp`), for another solver: the textbook formulation with
    /// [`PCenterFormulation::Textbook`] (columns `open(site)`, `radius`,
    /// `assign(client,site)`; rows `open_count`, `link(client,site)`, `assign(client)`,
    /// `radius(client)`), else Elloumi's formulation between the bounds (columns
    /// `open(site)`, the others `x<k>`). `ids` (or `c0, c1, ...` and `s0, s1, ...`) give
    /// the names ([`crate::solve::safe_name`] replaces the characters the formats do not
    /// allow). Its optimum is the p-center's.
    pub fn write(&self, path: &Path, ids: Option<&LocationIds>) -> Result<()> {
        let (n, m) = (self.cost.clients(), self.cost.sites());
        let (columns, radius) = if self.formulation == PCenterFormulation::Textbook {
            (Columns::Assign { first: m + 1 }, Some(m))
        } else {
            (Columns::Sites, None)
        };
        write(
            self.build()?,
            path,
            "p-center",
            n,
            m,
            ids,
            columns,
            radius,
            None,
        )
    }
}
