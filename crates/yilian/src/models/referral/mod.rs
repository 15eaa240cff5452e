//! M5, tiered care and two-way referral (分级诊疗, 双向转诊): where each class of
//! patients is treated, who is referred up and who passes on to recovery near home,
//! and what the consortium's policy targets cost.
//!
//! Notation as in `design.md` (section 4): classes c, origins i, treating sites j,
//! recovery sites k, pools s. Columns exist only where `travel(i,j) <= T_c` and `j`
//! has capacity for `c` and may treat it: its care level reaches `mintier(c)`, or it
//! is one level below and visiting specialist-days of `c`'s enabling specialty or a
//! telemedicine link enable it.
//!
//! * demand: `sum_j f[i,c,j] + u[i,c] = D[i,c]`
//! * recovery: `sum_k r[i,c,k] + v[i,c] = share_c * sum_j f[i,c,j]` (the program
//!   keeps recovery per origin; the plan splits it over the acute sites in proportion
//!   to their flows, `r[i,c,j,k] = r[i,c,k] f[i,c,j] / sum_j f[i,c,j]`, which is
//!   exact since no cost or row depends on the acute site of a recovery episode)
//! * capacity: `load[j,c] = sum_i f[i,c,j] + sum_{i,c': rec(c')=c} r[i,c',j] <= cap[j,c]`
//!   (the load is a column with its defining row, and the rows below are written over
//!   it, so that no row runs over every flow of the province)
//! * enabled at a lower tier: `load[j,c] <= e[j,c] + sum_l t[l,c]`, with
//!   `sum_{c: spec(c)=k} e[j,c] <= sum_{s: spec(s)=k} rate_s x[s,j]` (M1's days, fixed in
//!   sequential mode, columns in joint mode) and `sum_c m_l t[l,c] <= minutes_l` per link
//!   (and over all links of a hub that shares its minutes, `care.hub_minutes`)
//! * grassroots (elastic): `sum_{j grassroots} load[j,c in S] + g >= share * N_S`, with
//!   `N_S` the episodes of the classes counted (demand plus recovery episodes of all
//!   demand: patients not treated in the consortium recover outside it too)
//! * within county (elastic): the same over flows with `county(i) = county(j)`
//! * hospital utilisation (elastic): `load[j,c] - w[j,c] <= umax * cap[j,c]` at care
//!   level 3 and 4
//!
//! Objective: `sum (tc * minutes + cost_c(tier j)) f + the same for r + sum penalty_c
//! (u + v) + penalty * (g + w_county + sum w)`. In joint mode M1's weighted objective
//! (times `care.rotation_weight`, by default `1 / cost_weight`: currency) and rows are
//! added (the same code builds them), so joint is never worse than sequential on the
//! total, care objective + weight x rotation objective. Duals give the value of one more slot
//! or bed per institution and class, and each target's marginal cost per point.
//!
//! ```
//! use yilian::{check, Consortium, ReferralModel, Scenario, SolveOptions};
//! let s = Scenario::from_json_str(r#"{
//!   "format": "yilian/1", "name": "two sites",
//!   "institutions": [
//!     {"id": "H", "tier": "secondary", "location": {"lon": 120.0, "lat": 30.0}},
//!     {"id": "T", "tier": "township_health_centre", "location": {"lon": 120.1, "lat": 30.0}}],
//!   "care": {
//!     "classes": [{"id": "common", "setting": "outpatient", "min_tier": "township_health_centre",
//!                  "max_travel_minutes": 60, "cost": 50, "cost_by_tier": {"secondary": 150}}],
//!     "demand": {"T": {"common": 100}},
//!     "capacity": {"T": {"common": {"slots": 80}}, "H": {"common": {"slots": 500}}}}
//! }"#).unwrap();
//! let c = Consortium::new(s).unwrap();
//! let plan = ReferralModel::new(&c).solve(&SolveOptions::default()).unwrap();
//! // 80 patients at T, the other 20 travel to H.
//! assert!((plan.flow("T", "common", "T") - 80.0).abs() < 1e-6);
//! assert!((plan.grassroots_share - 0.8).abs() < 1e-6);
//! assert!(check::check_referral(&c, &plan).is_empty());
//! ```

mod explain;
mod export;
mod extract;
mod formulation;
mod network;
mod reach;
mod visits;

use crate::error::{Error, Issue, Result};
use crate::models::rotation::formulation as m1;
use crate::network::Consortium;
use crate::plan::{CareShares, ReferralMode, ReferralPlan, RotationPlan};
use crate::scenario::Care;
use crate::solve::{solve, LinearProgram, LpSolution, Sense, SolveFailure, SolveOptions};
use crate::RotationModel;
use network::CareNetwork;
use std::borrow::Cow;
use std::time::Instant;
use visits::Visits;

/// The tiered-care model on one consortium (its scenario needs a `care` section).
#[derive(Debug, Clone)]
pub struct ReferralModel<'a> {
    consortium: &'a Consortium,
    rotation: Option<&'a RotationPlan>,
    joint: bool,
    baseline: bool,
}

/// A built program and what extraction needs to read it.
pub(crate) struct Built<'c> {
    net: CareNetwork<'c>,
    visits: Visits,
    layout: formulation::Layout,
    lp: LinearProgram,
    /// M1's pairs and formulation in joint mode.
    m1: Option<(m1::Pairs, m1::Formulation)>,
}

impl<'a> ReferralModel<'a> {
    /// Sequential mode with the rotation solved first (M1, weighted objective, the same
    /// solve options).
    pub fn new(consortium: &'a Consortium) -> Self {
        Self {
            consortium,
            rotation: None,
            joint: false,
            baseline: false,
        }
    }

    /// Sequential mode with these rotation days fixed (the plan must pass
    /// [`crate::check::check_rotation`] on this consortium).
    pub fn rotation(mut self, plan: &'a RotationPlan) -> Self {
        self.rotation = Some(plan);
        self
    }

    /// Joint mode: rotation days and patient flows in one program.
    pub fn joint(mut self, joint: bool) -> Self {
        self.joint = joint;
        self
    }

    /// Also solves the model without its policy targets and reports the shares of that
    /// plan as [`ReferralPlan::baseline`] (one more solve).
    pub fn baseline(mut self, baseline: bool) -> Self {
        self.baseline = baseline;
        self
    }

    /// Builds and solves the model, returning a plan that passes
    /// [`crate::check::check_referral`].
    pub fn solve(&self, options: &SolveOptions) -> Result<ReferralPlan> {
        options.validate()?;
        let c = self.consortium;
        let care = care_of(c)?;
        let rotation = self.rotation_for(options)?;
        let rotation = rotation.as_deref();
        let (built, build_seconds) = {
            let t = Instant::now();
            let b = build(c, care, rotation);
            (b, t.elapsed().as_secs_f64())
        };
        let solution = run(&built.lp, options)?;
        let mut plan = extract::plan(
            c,
            &built,
            &solution,
            rotation,
            extract::Settings {
                mode: if self.joint {
                    ReferralMode::Joint
                } else {
                    ReferralMode::Sequential
                },
                backend: options.backend,
                build_seconds,
            },
        );
        if rotation.is_some() && self.rotation.is_none() {
            plan.notes.push(format!(
                "rotation solved first (M1, weighted objective) in {:.2} s",
                plan.rotation.stats.build_seconds
                    + plan.rotation.stats.load_seconds
                    + plan.rotation.stats.solve_seconds
            ));
        }
        if self.baseline {
            let untargeted = without_targets(care);
            let b = build(c, &untargeted, rotation);
            let s = run(&b.lp, options)?;
            let base = extract::plan(
                c,
                &b,
                &s,
                rotation,
                extract::Settings {
                    mode: plan.mode,
                    backend: options.backend,
                    build_seconds: 0.0,
                },
            );
            plan.baseline = Some(CareShares {
                grassroots_share: base.grassroots_share,
                within_county_share: base.within_county_share,
                busiest_hospital_utilisation: base.busiest_hospital.as_ref().map_or(0.0, |b| b.2),
                objective: base.objective,
            });
        }
        Ok(plan)
    }

    /// The sparse program as handed to a backend (with the rotation solved first by the
    /// default backend in sequential mode when none is given): for model sizes and
    /// benchmarks.
    pub fn program(&self) -> Result<LinearProgram> {
        let c = self.consortium;
        let care = care_of(c)?;
        let rotation = self.rotation_for(&SolveOptions::default())?;
        Ok(build(c, care, rotation.as_deref()).lp)
    }

    /// The rotation plan behind the visiting days: none in joint mode (the program
    /// decides the days), else the plan given (checked against the scenario), else M1
    /// solved first with `options`. A plan given for joint mode is refused. `solve`,
    /// `program` and `write` all take it from here.
    fn rotation_for(&self, options: &SolveOptions) -> Result<Option<Cow<'_, RotationPlan>>> {
        let c = self.consortium;
        if self.joint && self.rotation.is_some() {
            return Err(Error::InvalidOption {
                field: "rotation".into(),
                message: "a rotation plan is given for joint mode, which decides the days itself"
                    .into(),
            });
        }
        match (self.joint, self.rotation) {
            (true, _) => Ok(None),
            (false, Some(plan)) => {
                let broken = crate::check::check_rotation(c, plan);
                if let Some(first) = broken.first() {
                    return Err(Error::InvalidOption {
                        field: "rotation".into(),
                        message: format!(
                            "the rotation plan breaks {} rule(s) of this scenario, first: {first}",
                            broken.len()
                        ),
                    });
                }
                Ok(Some(Cow::Borrowed(plan)))
            }
            (false, None) => Ok(Some(Cow::Owned(RotationModel::new(c).solve(options)?))),
        }
    }
}

fn care_of(c: &Consortium) -> Result<&Care> {
    c.scenario().care.as_ref().ok_or_else(|| {
        Error::Invalid(vec![Issue::new(
            "care",
            "missing: the referral model needs a care section (classes, demand, capacity)",
        )])
    })
}

/// Builds M5 (and M1's part in joint mode, when `rotation` is `None`).
fn build<'c>(c: &'c Consortium, care: &'c Care, rotation: Option<&RotationPlan>) -> Built<'c> {
    let (mut lp, visits, m1) = match rotation {
        Some(plan) => (
            LinearProgram::new(Sense::Minimise),
            Visits::fixed(c, plan),
            None,
        ),
        None => {
            let pairs = m1::Pairs::new(c);
            let mut f = m1::build(c, &pairs, m1::Stage::Weighted, false);
            // The joint program grows from M1's; the formulation keeps its row indices.
            // M1's objective is weighed into the care objective's currency.
            let mut lp = std::mem::replace(&mut f.lp, LinearProgram::new(Sense::Minimise));
            let w = care.rotation_weight_for(c.scenario().policy.cost_weight);
            for col in &mut lp.columns {
                col.cost *= w;
            }
            lp.offset *= w;
            let visits = Visits::columns(c, &pairs);
            (lp, visits, Some((pairs, f)))
        }
    };
    let net = CareNetwork::new(c, care, &visits);
    let layout = formulation::build(c, &net, &visits, &mut lp);
    Built {
        net,
        visits,
        layout,
        lp,
        m1,
    }
}

/// The care settings without their policy targets (the baseline).
fn without_targets(care: &Care) -> Care {
    let mut copy = care.clone();
    copy.targets.min_grassroots_share = None;
    copy.targets.min_within_county_share = None;
    copy.targets.max_hospital_utilisation = None;
    copy
}

fn run(lp: &LinearProgram, options: &SolveOptions) -> Result<LpSolution> {
    // Every row has an unmet, unplaced or slack column, or is met by treating no one.
    solve(lp, options).map_err(|e| match e {
        SolveFailure::Infeasible => Error::Solver {
            backend: options.backend.name().into(),
            message: "reported the referral model infeasible, but treating no one in the \
                      consortium is always feasible"
                .into(),
        },
        other => other.into_error(
            options.backend,
            "the referral model is bounded below by 0; please report this scenario",
        ),
    })
}
