//! [`PMedian::write`]: the p-median program as an MPS or LP file.

use super::levels::Levels;
use super::{PMedian, PMedianFormulation};
use crate::error::Result;
use crate::models::location::export::{write, Columns};
use crate::models::location::LocationIds;
use crate::solve::Names;
use std::path::Path;

impl PMedian<'_> {
    /// Writes the program [`PMedian::build`] returns to `path`, as MPS or LP by its
    /// suffix (`.mps`, `.lp`), for another solver: the textbook formulation with
    /// [`PMedianFormulation::Textbook`] (columns `open(site)`, `assign(client,site)`;
    /// rows `open_count`, `link(client,site)`, `assign(client)`), else the full radius
    /// (chain) formulation of Garcia, Labbe and Marin: columns `open(site)` and
    /// `beyond(client,D)` (1 when no open site lies within distance `D` of the client),
    /// rows `open_count`, `within(client,D)` and `closing(client)`. `ids` (or `c0, c1, ...` and `s0, s1, ...`) give the names
    /// ([`crate::solve::safe_name`] replaces the characters the formats do not allow).
    /// Its optimum is the p-median's.
    pub fn write(&self, path: &Path, ids: Option<&LocationIds>) -> Result<()> {
        let (n, m) = (self.cost.clients(), self.cost.sites());
        let lp = self.build()?;
        if self.formulation == PMedianFormulation::Textbook {
            let columns = Columns::Assign { first: m };
            return write(lp, path, "p-median", n, m, ids, columns, None, None);
        }
        // The chain's layout (see `chain.rs`): per client of non-zero weight, its
        // `cut` columns z_i0.. with one row each, then one closing row; row 0 opens p
        // sites.
        let levels = Levels::new(self.cost, self.p);
        let chain = |ids: &LocationIds, names: &mut Names| {
            let (mut col, mut row) = (m, 1);
            for i in 0..n {
                let cut = levels.cut(i);
                if self.w(i) == 0.0 || cut == 0 {
                    continue;
                }
                let c = &ids.clients[i];
                for k in 0..cut {
                    let d = levels.distance(self.cost, i, k);
                    if let (Some(cn), Some(rn)) =
                        (names.columns.get_mut(col), names.rows.get_mut(row))
                    {
                        *cn = format!("beyond({c},{d})");
                        *rn = format!("within({c},{d})");
                    }
                    col += 1;
                    row += 1;
                }
                if let Some(rn) = names.rows.get_mut(row) {
                    *rn = format!("closing({c})");
                }
                row += 1;
            }
        };
        write(
            lp,
            path,
            "p-median",
            n,
            m,
            ids,
            Columns::Sites,
            None,
            Some(&chain),
        )
    }
}
