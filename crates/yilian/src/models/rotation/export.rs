//! [`RotationModel::write`]: M1's program as an MPS or LP file.

use super::RotationModel;
use crate::error::{Error, Result};
use crate::plan::RotationObjective;
use crate::solve::named;
use std::path::Path;

impl RotationModel<'_> {
    /// Writes the program of the weighted objective (whole days when asked for) to
    /// `path`, as MPS or LP by its suffix (`.mps`, `.lp`), for another solver. Columns
    /// are `days(pool,host)`, `unmet(host,specialty)` and `min_days_short(host)`; rows
    /// `pool_days(pool)`, `rooms(host)`, `budget`, `demand(host,specialty)` and
    /// `min_days(host)`, with the user's ids ([`crate::solve::safe_name`] replaces the
    /// characters the formats do not allow). Its optimum is the plan's objective.
    ///
    /// The equity objective is two programs solved in turn, and is refused.
    ///
    /// ```
    /// let c = yilian::Consortium::new(yilian::generate::county(1)).unwrap();
    /// let path = std::env::temp_dir().join("yilian-doc-rotation.lp");
    /// yilian::RotationModel::new(&c).write(&path).unwrap();
    /// assert!(std::fs::read_to_string(&path).unwrap().contains("pool_days(CH1_cardiology)"));
    /// ```
    pub fn write(&self, path: &Path) -> Result<()> {
        if self.objective == RotationObjective::Equity {
            return Err(Error::InvalidOption {
                field: "objective".into(),
                message: "\"equity\" is two programs solved in turn (the largest smallest \
                          served share, then the least cost at it); only the weighted \
                          objective is written"
                    .into(),
            });
        }
        let lp = named(|| self.program());
        lp.write(
            path,
            &format!("rotation {}", self.consortium.scenario().name),
        )
    }
}
