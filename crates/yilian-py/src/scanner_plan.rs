//! `ScannerPlan`: a shared-scanner plan (M3), its tables, check and pickling.

use crate::errors::to_py;
use crate::frames::frame;
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
        let p = &self.plan;
        let out = PyDict::new(py);
        out.set_item(
            "units",
            frame!(py, &p.units, |u| [
                "site" => &u.site,
                "modality" => &u.modality,
                "existing" => u.existing,
                "kept" => u.kept,
                "added" => u.added,
                "capacity" => u.capacity,
                "exams" => u.exams,
                "utilisation" => u.utilisation,
                "value_of_scanner_day" => u.value_of_scanner_day.unwrap_or(f64::NAN),
                "added_cost" => u.added_cost,
            ])?,
        )?;
        out.set_item(
            "flows",
            frame!(py, &p.flows, |f| [
                "institution" => &f.institution,
                "site" => &f.site,
                "modality" => &f.modality,
                "exams" => f.exams,
                "minutes" => f.minutes,
            ])?,
        )?;
        out.set_item(
            "demand",
            frame!(py, &p.demand, |l| [
                "institution" => &l.institution,
                "tier" => &l.tier,
                "modality" => &l.modality,
                "demand" => l.demand,
                "served" => l.served,
                "unmet" => l.unmet,
                "reason" => l.reason.as_deref(),
            ])?,
        )?;
        out.set_item(
            "modalities",
            frame!(py, &p.modalities, |m| [
                "modality" => &m.modality,
                "demand" => m.demand,
                "served" => m.served,
                "unmet" => m.unmet,
                "units" => m.units,
                "units_added" => m.units_added,
                "mean_travel_minutes" => m.mean_travel_minutes,
                "p90_travel_minutes" => m.p90_travel_minutes,
            ])?,
        )?;
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
