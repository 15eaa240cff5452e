//! `ScannerPlan`: a shared-scanner plan (M3), its tables, check and pickling.

use crate::errors::to_py;
use crate::frames::{obj, Table};
use crate::plan_methods::plan_pymethods;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use yilian::check::check_scanners;

/// A shared-scanner plan (M3): units added per site, exams per site and what stays
/// unmet.
#[pyclass(module = "yilian._yilian", frozen)]
pub struct ScannerPlan {
    pub(crate) plan: yilian::ScannerPlan,
    pub(crate) scenario: yilian::Scenario,
}

plan_pymethods!(ScannerPlan, "ScannerPlan", check_scanners, crate::geo::plan_layers::SCANNERS, "_scanner_plan_from_json" {
    /// Cost per period of the new units.
    #[getter]
    fn total_cost(&self) -> f64 {
        self.plan.total_cost
    }

    /// Marginal values: `{"scanner_days": {(site, modality): value}}`, the value of
    /// one more scanner-day at a site (LP with the units fixed); None where the
    /// backend gives no duals.
    #[getter]
    fn duals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let days = PyDict::new(py);
        for u in &self.plan.units {
            days.set_item((&u.site, &u.modality), u.value_of_scanner_day)?;
        }
        let out = PyDict::new(py);
        out.set_item("scanner_days", days)?;
        Ok(out)
    }

    /// The plan's tables as pandas DataFrames keyed by the user's ids: `units`
    /// (site, modality, existing, kept, added, capacity, exams, utilisation,
    /// value_of_scanner_day, added_cost), `flows` (institution, site, modality, exams,
    /// minutes), `demand` (institution, tier, modality, demand, served, unmet, reason)
    /// and `modalities` (modality, demand, served, unmet, units, units_added,
    /// mean_travel_minutes, p90_travel_minutes).
    fn to_frames<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let pd = py.import("pandas")?;
        let p = &self.plan;
        let out = PyDict::new(py);
        let t = Table::new(
            py,
            &[
                "site",
                "modality",
                "existing",
                "kept",
                "added",
                "capacity",
                "exams",
                "utilisation",
                "value_of_scanner_day",
                "added_cost",
            ],
        );
        for u in &p.units {
            t.row(vec![
                obj(py, &u.site)?,
                obj(py, &u.modality)?,
                obj(py, u.existing)?,
                obj(py, u.kept)?,
                obj(py, u.added)?,
                obj(py, u.capacity)?,
                obj(py, u.exams)?,
                obj(py, u.utilisation)?,
                obj(py, u.value_of_scanner_day.unwrap_or(f64::NAN))?,
                obj(py, u.added_cost)?,
            ])?;
        }
        out.set_item("units", t.frame(&pd)?)?;
        let t = Table::new(py, &["institution", "site", "modality", "exams", "minutes"]);
        for f in &p.flows {
            t.row(vec![
                obj(py, &f.institution)?,
                obj(py, &f.site)?,
                obj(py, &f.modality)?,
                obj(py, f.exams)?,
                obj(py, f.minutes)?,
            ])?;
        }
        out.set_item("flows", t.frame(&pd)?)?;
        let t = Table::new(
            py,
            &[
                "institution",
                "tier",
                "modality",
                "demand",
                "served",
                "unmet",
                "reason",
            ],
        );
        for l in &p.demand {
            t.row(vec![
                obj(py, &l.institution)?,
                obj(py, &l.tier)?,
                obj(py, &l.modality)?,
                obj(py, l.demand)?,
                obj(py, l.served)?,
                obj(py, l.unmet)?,
                obj(py, l.reason.as_deref())?,
            ])?;
        }
        out.set_item("demand", t.frame(&pd)?)?;
        let t = Table::new(
            py,
            &[
                "modality",
                "demand",
                "served",
                "unmet",
                "units",
                "units_added",
                "mean_travel_minutes",
                "p90_travel_minutes",
            ],
        );
        for m in &p.modalities {
            t.row(vec![
                obj(py, &m.modality)?,
                obj(py, m.demand)?,
                obj(py, m.served)?,
                obj(py, m.unmet)?,
                obj(py, m.units)?,
                obj(py, m.units_added)?,
                obj(py, m.mean_travel_minutes)?,
                obj(py, m.p90_travel_minutes)?,
            ])?;
        }
        out.set_item("modalities", t.frame(&pd)?)?;
        Ok(out)
    }

    /// A short human-readable summary of the plan.
    fn summary(&self) -> String {
        let p = &self.plan;
        let mut out = format!(
            "{}: scanner plan, status {}, backend {}; objective {:.4}{}; cost {:.0}; units moved {}\n",
            p.scenario,
            p.status,
            p.backend,
            p.objective,
            p.gap.map_or(String::new(), |g| format!(" (gap {:.2}%)", 100.0 * g)),
            p.total_cost,
            p.units_moved
        );
        for m in &p.modalities {
            out.push_str(&format!(
                "  {}: {} units ({} added), demand {:.1}, unmet {:.1}, mean travel {:.1} min\n",
                m.modality, m.units, m.units_added, m.demand, m.unmet, m.mean_travel_minutes
            ));
        }
        for n in &p.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        out
    }
});

/// Rebuilds a ScannerPlan from its JSON text and its scenario's JSON text (for pickle).
#[pyfunction]
pub(crate) fn _scanner_plan_from_json(plan: &str, scenario: &str) -> PyResult<ScannerPlan> {
    Ok(ScannerPlan {
        plan: yilian::ScannerPlan::from_json_str(plan).map_err(to_py)?,
        scenario: yilian::Scenario::from_json_str(scenario).map_err(to_py)?,
    })
}
