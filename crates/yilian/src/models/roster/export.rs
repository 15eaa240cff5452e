//! [`RosterModel::write`]: M2's program as an MPS or LP file.

use super::RosterModel;
use crate::error::Result;
use crate::solve::named;
use std::path::Path;

impl RosterModel<'_> {
    /// Writes the roster's MIP to `path`, as MPS or LP by its suffix (`.mps`, `.lp`),
    /// for another solver. Columns are `at(specialist,host,date)` (binary),
    /// `target_short(host,specialty[,pool])`, `weekly_short(host,week start)`,
    /// `visits_host(specialist,host)`, `most_days(pool)` and `fewest_days(pool)`; rows
    /// `one_place(specialist,date)`, `home_cover(home,specialty,date)`,
    /// `rooms(host,date)`, `room_days(host)`, `pool_days(pool)`, `weekly(...)`,
    /// `target(...)`, `continuity(specialist,host,date)`, `max_hosts(specialist)` and
    /// `spread(pool)`, with the user's ids ([`crate::solve::safe_name`] replaces the
    /// characters the formats do not allow). Its optimum is the roster's objective.
    pub fn write(&self, path: &Path) -> Result<()> {
        let lp = named(|| self.program())?;
        lp.write(path, &format!("roster {}", self.consortium.scenario().name))
    }
}
