//! [`ScannerModel::write`]: M3's program as an MPS or LP file, named from the
//! formulation's layout.

use super::exam_graph::ExamGraph;
use super::formulation::{build, Formulation};
use super::ScannerModel;
use crate::error::{Error, Result};
use crate::plan::ScannerObjective;
use crate::solve::{LinearProgram, Names};
use std::path::Path;

impl ScannerModel<'_> {
    /// Writes the scanner MIP of the travel objective to `path`, as MPS or LP by its
    /// suffix (`.mps`, `.lp`), for another solver. Columns are
    /// `exams(institution,site,modality)`, `unmet(institution,modality)`,
    /// `add_units(site,modality)` (integer) and, with relocation,
    /// `units_kept(site,modality)`; rows `demand(institution,modality)` and
    /// `capacity(site,modality)` (other rows are `r<k>`), with the user's ids
    /// ([`crate::solve::safe_name`] replaces the characters the formats do not allow).
    /// Its optimum is that of `ScannerMethod::Mip` solved to a zero gap.
    ///
    /// The coverage objective is two programs solved in turn, and is refused.
    pub fn write(&self, path: &Path) -> Result<()> {
        if self.objective == ScannerObjective::Coverage {
            return Err(Error::InvalidOption {
                field: "objective".into(),
                message: "\"coverage\" is two programs solved in turn (the fewest unmet \
                          exams, then the least travel at them); only the travel objective \
                          is written"
                    .into(),
            });
        }
        let im = self.imaging()?;
        let net = ExamGraph::new(self.consortium, im);
        let mut f = build(&net, im, self.goal(), None);
        name(self.consortium.scenario(), &net, &mut f);
        f.lp.write(
            path,
            &format!("scanners {}", self.consortium.scenario().name),
        )
    }
}

/// Names the columns and rows whose place the formulation records: flows are the
/// first columns and the demand rows the first rows, in the network's order.
fn name(s: &crate::Scenario, net: &ExamGraph, f: &mut Formulation) {
    let id = |j: usize| s.institutions[j].id.as_str();
    let lp: &mut LinearProgram = &mut f.lp;
    lp.names = Some(Names::default());
    for (k, fl) in net.flows.iter().enumerate() {
        let st = &net.stations[fl.station];
        lp.name_column(k, || {
            format!(
                "exams({},{},{})",
                id(fl.institution),
                id(st.site),
                st.modality
            )
        });
    }
    for (r, d) in net.demands.iter().enumerate() {
        lp.name_row(r, || {
            format!("demand({},{})", id(d.institution), d.modality)
        });
        if let Some(u) = f.unmet_column[r] {
            lp.name_column(u, || format!("unmet({},{})", id(d.institution), d.modality));
        }
    }
    for (k, st) in net.stations.iter().enumerate() {
        let at = || format!("{},{}", id(st.site), st.modality);
        if let Some(n) = f.added_column[k] {
            lp.name_column(n, || format!("add_units({})", at()));
        }
        if let Some(n) = f.kept_column[k] {
            lp.name_column(n, || format!("units_kept({})", at()));
        }
        lp.name_row(f.capacity_row[k], || format!("capacity({})", at()));
    }
}
