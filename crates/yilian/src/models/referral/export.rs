//! [`ReferralModel::write`]: M5's program as an MPS or LP file, named from the
//! formulation's layout.

use super::{build, care_of, Built, ReferralModel};
use crate::error::Result;
use crate::solve::{named, Names, SolveOptions};
use std::path::Path;

impl ReferralModel<'_> {
    /// Writes the referral LP to `path`, as MPS or LP by its suffix (`.mps`, `.lp`),
    /// for another solver: in sequential mode with the rotation days of the plan given
    /// (or of M1 solved first with `options`, as [`ReferralModel::solve`] does), in
    /// joint mode with M1's columns and rows (named as in
    /// [`crate::models::rotation::RotationModel::write`]). Columns are `flow(origin,class,site)`,
    /// `unmet(origin,class)`, `recovery(origin,class,site)`,
    /// `recovery_unplaced(origin,class)`, `load(site,class)` and the
    /// `excess_use(site,class)` of utilisation targets; rows `demand(origin,class)`,
    /// `recovery_share(origin,class)`, `load_definition(site,class)`,
    /// `capacity(site,class)`, `visits(host,specialty)`, `telemedicine(hub,spoke)`,
    /// `hub_minutes(hub)`, `grassroots_share`, `within_county_share` and
    /// `utilisation(site,class)` (other rows are `r<k>`), with the user's ids
    /// ([`crate::solve::safe_name`] replaces the characters the formats do not
    /// allow). Its optimum is the plan's `objective` (in joint mode its total).
    pub fn write(&self, path: &Path, options: &SolveOptions) -> Result<()> {
        let c = self.consortium;
        let care = care_of(c)?;
        let rotation = self.rotation_for(options)?;
        let mut b = named(|| build(c, care, rotation.as_deref()));
        name(c.scenario(), &mut b);
        b.lp.write(path, &format!("referral {}", c.scenario().name))
    }
}

/// Names the columns and rows whose place the layout records.
fn name(s: &crate::Scenario, b: &mut Built<'_>) {
    let id = |j: usize| s.institutions[j].id.as_str();
    let net = &b.net;
    let class = |c: usize| net.class(c).id.as_str();
    let lay = &b.layout;
    let lp = &mut b.lp;
    if lp.names.is_none() {
        lp.names = Some(Names::default());
    }
    for (e, entry) in net.entries.iter().enumerate() {
        let (o, c) = (id(entry.origin), class(entry.class));
        for (q, &(j, _)) in entry.sites.iter().enumerate() {
            lp.name_column(lay.flow_first[e] + q, || format!("flow({o},{c},{})", id(j)));
        }
        if let Some(u) = lay.unmet[e] {
            lp.name_column(u, || format!("unmet({o},{c})"));
        }
    }
    for (r, rec) in net.recoveries.iter().enumerate() {
        let (o, c) = (id(net.entries[rec.parent].origin), class(rec.class));
        for (q, &(k, _)) in rec.sites.iter().enumerate() {
            lp.name_column(lay.recovery_first[r] + q, || {
                format!("recovery({o},{c},{})", id(k))
            });
        }
        lp.name_column(lay.recovery_unplaced[r], || {
            format!("recovery_unplaced({o},{c})")
        });
    }
    // The demand row of an entry holds its unmet column; the recovery row of a
    // recovery entry its unplaced column.
    let mut row_of_column: std::collections::HashMap<usize, String> = Default::default();
    for (e, entry) in net.entries.iter().enumerate() {
        if let Some(u) = lay.unmet[e] {
            let name = format!("demand({},{})", id(entry.origin), class(entry.class));
            row_of_column.insert(u, name);
        }
    }
    for (r, rec) in net.recoveries.iter().enumerate() {
        let o = id(net.entries[rec.parent].origin);
        row_of_column.insert(
            lay.recovery_unplaced[r],
            format!("recovery_share({o},{})", class(rec.class)),
        );
    }
    // The first row that holds the column is the one built with it.
    for r in 0..lp.rows.len() {
        let found = lp.rows[r]
            .terms
            .iter()
            .find_map(|(k, _)| row_of_column.remove(k));
        if let Some(name) = found {
            lp.name_row(r, || name);
        }
    }
    let at = |idx: usize| format!("{},{}", id(idx / net.classes), class(idx % net.classes));
    for (&idx, &row) in &lay.capacity_rows {
        lp.name_row(row, || format!("capacity({})", at(idx)));
    }
    for (&idx, &(col, row)) in &lay.load_columns {
        lp.name_column(col, || format!("load({})", at(idx)));
        lp.name_row(row, || format!("load_definition({})", at(idx)));
    }
    for (hub, &row) in &lay.hub_rows {
        lp.name_row(row, || format!("hub_minutes({hub})"));
    }
    for (&idx, &col) in &lay.visit_columns {
        lp.name_column(col, || format!("enabled_by_visits({})", at(idx)));
    }
    for ((j, specialty), &row) in &lay.visit_rows {
        lp.name_row(row, || format!("visits({},{specialty})", id(*j)));
    }
    let links = &net.care.telemedicine;
    for (&(l, c), &col) in &lay.link_columns {
        lp.name_column(col, || {
            format!(
                "consultations({},{},{})",
                links[l].hub,
                links[l].spoke,
                class(c)
            )
        });
    }
    for (&l, &row) in &lay.link_rows {
        lp.name_row(row, || {
            format!("telemedicine({},{})", links[l].hub, links[l].spoke)
        });
    }
    if let Some(g) = &lay.grassroots {
        lp.name_row(g.row, || "grassroots_share".into());
    }
    if let Some(w) = &lay.county {
        lp.name_row(w.row, || "within_county_share".into());
    }
    for &(idx, row, col) in &lay.utilisation {
        lp.name_row(row, || format!("utilisation({})", at(idx)));
        lp.name_column(col, || format!("excess_use({})", at(idx)));
    }
}
