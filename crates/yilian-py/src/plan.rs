//! `Plan`: a rotation plan (M1), its tables as DataFrames, its check and its pickling.

use crate::errors::to_py;
use crate::frames::frame;
use crate::plan_methods::plan_pymethods;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use yilian::check::check_rotation;
use yilian::RotationObjective;

/// A rotation plan (M1): who goes where, how many days, and what it achieves. With the
/// equity objective, `objective` is the value of the least-cost stage.
#[pyclass(module = "yilian._yilian", frozen)]
pub struct Plan {
    pub(crate) plan: yilian::RotationPlan,
    pub(crate) scenario: yilian::Scenario,
}

plan_pymethods!(Plan, "Plan", check_rotation, crate::geo::plan_layers::ROTATION, "_plan_from_json" {
    /// Total cost of the plan.
    #[getter]
    fn total_cost(&self) -> f64 {
        self.plan.total_cost
    }

    /// Total specialist-days sent.
    #[getter]
    fn total_days(&self) -> f64 {
        self.plan.total_days
    }

    /// Weighted unmet visits.
    #[getter]
    fn weighted_unmet(&self) -> f64 {
        self.plan.weighted_unmet
    }

    /// Marginal values (shadow prices): `{"pools": {pool id: value}, "rooms": {host
    /// id: value}, "budget": value}`. A value is None where the backend gives no
    /// duals (microlp, CBC), days are whole numbers, or (budget) there is no budget.
    #[getter]
    fn duals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let pools = PyDict::new(py);
        for p in &self.plan.pools {
            pools.set_item(&p.pool, p.marginal_value)?;
        }
        let rooms = PyDict::new(py);
        for r in &self.plan.rooms {
            rooms.set_item(&r.host, r.marginal_value)?;
        }
        let out = PyDict::new(py);
        out.set_item("pools", pools)?;
        out.set_item("rooms", rooms)?;
        out.set_item(
            "budget",
            self.plan.budget.as_ref().and_then(|b| b.marginal_value),
        )?;
        Ok(out)
    }

    /// The plan's tables as pandas DataFrames keyed by the user's ids:
    /// `assignments` (pool, host, specialty, days, travel_minutes, cost), `service`
    /// (host, tier, specialty, demand, served, unmet, reachable), `policy` (host, tier,
    /// required_days, received_days, shortfall, reason), `pools` (pool, specialty,
    /// available_days, sent_days, marginal_value) and `rooms` (host, room_days, used,
    /// marginal_value). Missing marginal values are NaN.
    fn to_frames<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let nan = f64::NAN;
        let p = &self.plan;
        let out = PyDict::new(py);

        out.set_item(
            "assignments",
            frame!(py, &p.assignments, |a| [
                "pool" => &a.pool,
                "host" => &a.host,
                "specialty" => &a.specialty,
                "days" => a.days,
                "travel_minutes" => a.travel_minutes,
                "cost" => a.cost,
            ])?,
        )?;

        out.set_item(
            "service",
            frame!(py, &p.service, |l| [
                "host" => &l.host,
                "tier" => &l.tier,
                "specialty" => &l.specialty,
                "demand" => l.demand,
                "served" => l.served,
                "unmet" => l.unmet,
                "reachable" => l.reachable,
            ])?,
        )?;

        out.set_item(
            "policy",
            frame!(py, &p.policy, |l| [
                "host" => &l.host,
                "tier" => &l.tier,
                "required_days" => l.required_days,
                "received_days" => l.received_days,
                "shortfall" => l.shortfall,
                "reason" => l.reason.as_deref(),
            ])?,
        )?;

        out.set_item(
            "pools",
            frame!(py, &p.pools, |u| [
                "pool" => &u.pool,
                "specialty" => &u.specialty,
                "available_days" => u.available_days,
                "sent_days" => u.sent_days,
                "marginal_value" => u.marginal_value.unwrap_or(nan),
            ])?,
        )?;

        out.set_item(
            "rooms",
            frame!(py, &p.rooms, |r| [
                "host" => &r.host,
                "room_days" => r.room_days,
                "used" => r.used,
                "marginal_value" => r.marginal_value.unwrap_or(nan),
            ])?,
        )?;
        Ok(out)
    }

    /// A short human-readable summary of the plan.
    fn summary(&self) -> String {
        let p = &self.plan;
        let demand = p.total_demand();
        let unmet = p.total_unmet();
        let share = if demand > 0.0 {
            format!("{:.1}%", 100.0 * (demand - unmet) / demand)
        } else {
            "-".into()
        };
        let mut out = format!(
            "{}: rotation plan ({} objective{}), status {}, backend {}\n",
            p.scenario,
            match p.objective_kind {
                RotationObjective::Weighted => "weighted",
                RotationObjective::Equity => "equity",
            },
            if p.integer_days { ", whole days" } else { "" },
            p.status,
            p.backend
        );
        out.push_str(&format!(
            "objective {:.4}; sent {:.1} specialist-days in {} assignments, cost {:.0}\n",
            p.objective,
            p.total_days,
            p.assignments.len(),
            p.total_cost
        ));
        out.push_str(&format!(
            "demand {demand:.1} visits, unmet {unmet:.1}, served {share}; smallest served share {}\n",
            p.min_served_share
                .map_or("-".into(), |s| format!("{:.1}%", 100.0 * s))
        ));
        let short: Vec<_> = p.policy.iter().filter(|l| l.shortfall > 1e-9).collect();
        out.push_str(&format!(
            "policy minimums: {} of {} hosts short\n",
            short.len(),
            p.policy.len()
        ));
        for l in short {
            out.push_str(&format!(
                "  {} short by {:.2} days: {}\n",
                l.host,
                l.shortfall,
                l.reason.as_deref().unwrap_or("-")
            ));
        }
        for n in &p.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        out
    }
});

/// Rebuilds a Plan from its JSON text and its scenario's JSON text (for pickle).
#[pyfunction]
pub(crate) fn _plan_from_json(plan: &str, scenario: &str) -> PyResult<Plan> {
    Ok(Plan {
        plan: yilian::RotationPlan::from_json_str(plan).map_err(to_py)?,
        scenario: yilian::Scenario::from_json_str(scenario).map_err(to_py)?,
    })
}
