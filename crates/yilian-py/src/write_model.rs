//! `Scenario.write_model(model, path, ...)`: a model's program as an MPS or LP file for
//! another solver, with the options of `Scenario.solve`.

use crate::errors::{guarded, invalid_option, to_py};
use crate::plan::Plan;
use crate::roster_plan::Targets;
use pyo3::prelude::*;
use std::path::PathBuf;
use yilian::{
    Consortium, ReferralModel, RosterModel, RotationModel, RotationObjective, ScannerModel,
    ScannerObjective, SolveOptions,
};

/// The options of `solve` that choose the program (the solver options are for the
/// models solved first: the rotation behind a roster's or a referral's targets).
pub(crate) struct Choice<'py> {
    pub objective: Option<&'py str>,
    pub integer_days: bool,
    pub method: Option<&'py str>,
    pub joint: bool,
    pub rotation: Option<PyRef<'py, Plan>>,
    pub baseline: bool,
    pub targets: Option<Bound<'py, PyAny>>,
    pub start: Option<String>,
    pub days: Option<u32>,
}

impl Choice<'_> {
    /// Refuses an option of one model given for another: `targets`, `start` and `days`
    /// belong to the roster, `joint`, `baseline` and `rotation` to the referral model.
    /// `Scenario.solve` and `Scenario.write_model` check the same way.
    pub(crate) fn refuse_misplaced(&self, model: &str) -> PyResult<()> {
        let roster_only = [
            (
                "targets",
                self.targets.as_ref().is_some_and(|t| !t.is_none()),
            ),
            ("start", self.start.is_some()),
            ("days", self.days.is_some()),
        ];
        let referral_only = [
            ("joint", self.joint),
            ("baseline", self.baseline),
            ("rotation", self.rotation.is_some()),
        ];
        if model != "roster" {
            refuse(&roster_only, "applies to the roster model only")?;
        }
        if model != "referral" {
            refuse(&referral_only, "applies to the referral model only")?;
        }
        Ok(())
    }
}

/// The first of `given` that is set, as an invalid option saying `why`.
fn refuse(given: &[(&str, bool)], why: &str) -> PyResult<()> {
    match given.iter().find(|g| g.1) {
        Some((field, _)) => Err(invalid_option(field, why.into())),
        None => Ok(()),
    }
}

/// Writes `model`'s program on `scenario` to `path` (see `Scenario.write_model`).
pub(crate) fn write(
    py: Python<'_>,
    scenario: yilian::Scenario,
    model: &str,
    path: PathBuf,
    options: SolveOptions,
    choice: Choice<'_>,
) -> PyResult<()> {
    yilian::solve::ModelFormat::from_path(&path).map_err(to_py)?;
    choice.refuse_misplaced(model)?;
    if choice.method.is_some() {
        return Err(invalid_option(
            "method",
            "chooses how yilian solves the scanner MIP; the program written is the MIP itself"
                .into(),
        ));
    }
    match model {
        "rotation" => {
            let objective: RotationObjective = choice
                .objective
                .unwrap_or("weighted")
                .parse()
                .map_err(to_py)?;
            let integer_days = choice.integer_days;
            guarded(py, move || {
                let c = Consortium::new(scenario)?;
                RotationModel::new(&c)
                    .objective(objective)
                    .integer_days(integer_days)
                    .write(&path)
            })
        }
        "roster" => {
            refuse(
                &[
                    ("objective", choice.objective.is_some()),
                    ("integer_days", choice.integer_days),
                ],
                "not an option of the roster model (it would be ignored)",
            )?;
            let targets = Targets::from_py(choice.targets.as_ref())?;
            let (start, days) = (choice.start, choice.days);
            guarded(py, move || {
                let c = Consortium::new(scenario)?;
                let roster =
                    yilian::models::roster::settings_for(c.scenario(), start.as_deref(), days)?;
                let rotation = targets.rotation(&c, &options)?;
                let mut m = RosterModel::new(&c).roster(roster);
                if let Some(plan) = &rotation {
                    m = m.targets_from(plan);
                }
                m.write(&path)
            })
        }
        "scanners" => {
            refuse(
                &[("integer_days", choice.integer_days)],
                "applies to the rotation model only (scanner units are always whole)",
            )?;
            let objective: ScannerObjective = choice
                .objective
                .unwrap_or("travel")
                .parse()
                .map_err(to_py)?;
            guarded(py, move || {
                let c = Consortium::new(scenario)?;
                ScannerModel::new(&c).objective(objective).write(&path)
            })
        }
        "referral" => {
            refuse(
                &[
                    ("objective", choice.objective.is_some()),
                    ("integer_days", choice.integer_days),
                ],
                "the referral model has one objective (travel + treatment + penalties)",
            )?;
            if choice.baseline {
                return Err(invalid_option(
                    "baseline",
                    "is a second solve without the targets; the program written has them".into(),
                ));
            }
            let given = choice.rotation.map(|p| p.plan.clone());
            let joint = choice.joint;
            guarded(py, move || {
                let c = Consortium::new(scenario)?;
                let mut m = ReferralModel::new(&c).joint(joint);
                if let Some(p) = &given {
                    m = m.rotation(p);
                }
                m.write(&path, &options)
            })
        }
        _ => Err(invalid_option(
            "model",
            format!("\"{model}\" is not a model (expected rotation, roster, scanners or referral)"),
        )),
    }
}
