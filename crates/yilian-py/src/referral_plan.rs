//! `ReferralPlan`: a tiered-care plan (M5), its tables, check and pickling.

use crate::errors::to_py;
use crate::frames::frame;
use crate::plan::Plan;
use crate::plan_methods::plan_pymethods;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use yilian::check::check_referral;

/// A tiered-care plan (M5): where each class of patients is treated, referrals up
/// and down, shares, targets and their marginal costs.
#[pyclass(module = "yilian._yilian", frozen)]
pub struct ReferralPlan {
    pub(crate) plan: yilian::ReferralPlan,
    pub(crate) scenario: yilian::Scenario,
}

plan_pymethods!(ReferralPlan, "ReferralPlan", check_referral, crate::geo::plan_layers::REFERRAL, "_referral_plan_from_json" {
    /// `"sequential"` or `"joint"`.
    #[getter]
    fn mode(&self) -> &'static str {
        self.plan.mode.as_str()
    }

    /// Objective of the rotation part (M1).
    #[getter]
    fn rotation_objective(&self) -> f64 {
        self.plan.rotation_objective
    }

    /// Care objective + rotation objective.
    #[getter]
    fn total_objective(&self) -> f64 {
        self.plan.total_objective
    }

    /// Share of all episodes treated at grassroots institutions.
    #[getter]
    fn grassroots_share(&self) -> f64 {
        self.plan.grassroots_share
    }

    /// Share of all episodes treated in the patient's own county.
    #[getter]
    fn within_county_share(&self) -> f64 {
        self.plan.within_county_share
    }

    /// The busiest hospital class as (institution, class, utilisation), or None.
    #[getter]
    fn busiest_hospital(&self) -> Option<(String, String, f64)> {
        self.plan.busiest_hospital.clone()
    }

    /// Patients referred up (a grassroots origin treated at a higher tier).
    #[getter]
    fn referred_up(&self) -> f64 {
        self.plan.referred_up
    }

    /// Recovery episodes referred down (to a lower tier than the acute site).
    #[getter]
    fn referred_down(&self) -> f64 {
        self.plan.referred_down
    }

    /// The rotation plan in force (given, solved first, or solved jointly).
    #[getter]
    fn rotation(&self) -> Plan {
        Plan {
            plan: self.plan.rotation.clone(),
            scenario: self.scenario.clone(),
        }
    }

    /// Marginal values: `{"capacity": {(institution, class): value per slot},
    /// "beds": {(institution, class): value per bed}, "targets": {target: cost per
    /// point}, "telemedicine": {(hub, spoke): value per minute}}`; None where the
    /// backend gives no duals.
    #[getter]
    fn duals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let capacity = PyDict::new(py);
        let beds = PyDict::new(py);
        for l in &self.plan.loads {
            capacity.set_item((&l.institution, &l.class), l.marginal_value)?;
            if l.marginal_value_per_bed.is_some() {
                beds.set_item((&l.institution, &l.class), l.marginal_value_per_bed)?;
            }
        }
        let targets = PyDict::new(py);
        for t in &self.plan.targets {
            targets.set_item(&t.target, t.marginal_cost_per_point)?;
        }
        let tele = PyDict::new(py);
        for t in &self.plan.telemedicine {
            tele.set_item((&t.hub, &t.spoke), t.marginal_value)?;
        }
        let out = PyDict::new(py);
        out.set_item("capacity", capacity)?;
        out.set_item("beds", beds)?;
        out.set_item("targets", targets)?;
        out.set_item("telemedicine", tele)?;
        Ok(out)
    }

    /// The plan's tables as pandas DataFrames keyed by the user's ids: `flows`
    /// (origin, class, site, patients, minutes, cost, recovery_unplaced), `recovery`
    /// (origin, class, acute_site, recovery_class, site, patients, minutes, cost),
    /// `demand` (origin, tier, class, demand, treated, unmet, reason), `loads`
    /// (institution, tier, class, capacity, load, utilisation, native, by_visits,
    /// by_telemedicine, marginal_value, marginal_value_per_bed), `referrals_up` and
    /// `referrals_down` (from, to, patients), `targets` (target, required, achieved,
    /// episodes, shortfall_episodes, binding, marginal_cost_per_point) and `limits`
    /// (target, institution, class, reason).
    fn to_frames<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let p = &self.plan;
        let out = PyDict::new(py);
        let nan = |x: Option<f64>| x.unwrap_or(f64::NAN);
        out.set_item(
            "flows",
            frame!(py, &p.flows, |f| [
                "origin" => &f.origin,
                "class" => &f.class,
                "site" => &f.site,
                "patients" => f.patients,
                "minutes" => f.minutes,
                "cost" => f.cost,
                "recovery_unplaced" => f.recovery_unplaced,
            ])?,
        )?;
        out.set_item(
            "recovery",
            frame!(py, &p.recovery, |r| [
                "origin" => &r.origin,
                "class" => &r.class,
                "acute_site" => &r.acute_site,
                "recovery_class" => &r.recovery_class,
                "site" => &r.site,
                "patients" => r.patients,
                "minutes" => r.minutes,
                "cost" => r.cost,
            ])?,
        )?;
        out.set_item(
            "demand",
            frame!(py, &p.demand, |d| [
                "origin" => &d.origin,
                "tier" => &d.tier,
                "class" => &d.class,
                "demand" => d.demand,
                "treated" => d.treated,
                "unmet" => d.unmet,
                "reason" => d.reason.as_deref(),
            ])?,
        )?;
        out.set_item(
            "loads",
            frame!(py, &p.loads, |l| [
                "institution" => &l.institution,
                "tier" => &l.tier,
                "class" => &l.class,
                "capacity" => l.capacity,
                "load" => l.load,
                "utilisation" => l.utilisation,
                "native" => l.native,
                "by_visits" => l.by_visits,
                "by_telemedicine" => l.by_telemedicine,
                "marginal_value" => nan(l.marginal_value),
                "marginal_value_per_bed" => nan(l.marginal_value_per_bed),
            ])?,
        )?;
        for (name, table) in [("referrals_up", &p.referrals_up), ("referrals_down", &p.referrals_down)] {
            out.set_item(
                name,
                frame!(py, table, |r| [
                    "from" => &r.from,
                    "to" => &r.to,
                    "patients" => r.patients,
                ])?,
            )?;
        }
        out.set_item(
            "targets",
            frame!(py, &p.targets, |g| [
                "target" => &g.target,
                "required" => g.required,
                "achieved" => g.achieved,
                "episodes" => g.episodes,
                "shortfall_episodes" => g.shortfall_episodes,
                "binding" => g.binding,
                "marginal_cost_per_point" => nan(g.marginal_cost_per_point),
            ])?,
        )?;
        let limits = p.targets.iter().flat_map(|g| g.limits.iter().map(move |l| (g, l)));
        out.set_item(
            "limits",
            frame!(py, limits, |(g, l)| [
                "target" => &g.target,
                "institution" => &l.institution,
                "class" => &l.class,
                "reason" => &l.reason,
            ])?,
        )?;
        Ok(out)
    }

    /// A short human-readable summary of the plan.
    fn summary(&self) -> String {
        let p = &self.plan;
        let mut out = format!(
            "{}: referral plan ({} mode), status {}, backend {}; objective {:.0} (rotation {:.3}, total {:.0})\n",
            p.scenario, p.mode.as_str(), p.status, p.backend, p.objective, p.rotation_objective,
            p.total_objective
        );
        out.push_str(&format!(
            "  grassroots share {:.1}%, within county {:.1}%, busiest hospital class {}\n",
            100.0 * p.grassroots_share,
            100.0 * p.within_county_share,
            p.busiest_hospital
                .as_ref()
                .map_or("-".into(), |b| format!("{} {} {:.1}%", b.0, b.1, 100.0 * b.2))
        ));
        out.push_str(&format!(
            "  referred up {:.1} patients, down {:.1} recovery episodes\n",
            p.referred_up, p.referred_down
        ));
        for t in &p.targets {
            out.push_str(&format!(
                "  target {}: required {:.1}%, achieved {:.1}%, {:.1} short, cost per point {}\n",
                t.target,
                100.0 * t.required,
                100.0 * t.achieved,
                t.shortfall_episodes,
                t.marginal_cost_per_point.map_or("-".into(), |m| format!("{m:.1}"))
            ));
        }
        for n in &p.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        out
    }
});

/// Rebuilds a ReferralPlan from its JSON text and its scenario's JSON text (for pickle).
#[pyfunction]
pub(crate) fn _referral_plan_from_json(plan: &str, scenario: &str) -> PyResult<ReferralPlan> {
    Ok(ReferralPlan {
        plan: yilian::ReferralPlan::from_json_str(plan).map_err(to_py)?,
        scenario: yilian::Scenario::from_json_str(scenario).map_err(to_py)?,
    })
}
