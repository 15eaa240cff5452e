//! `yilian check SCENARIO PLAN`

use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Scenario file (JSON).
    scenario: PathBuf,
    /// Plan file written by `yilian solve --out`.
    plan: PathBuf,
    /// Roster plans with rotation targets: the rotation plan the roster was asked to meet
    /// (written by `yilian solve --model roster --rotation-out FILE`).
    #[arg(long)]
    rotation: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<(), String> {
    let c = super::load(&args.scenario)?;
    let text =
        std::fs::read_to_string(&args.plan).map_err(|e| format!("{}: {e}", args.plan.display()))?;
    let model = serde_json::from_str::<serde_json::Value>(&text)
        .map_err(|e| format!("{}: {e}", args.plan.display()))?
        .get("model")
        .and_then(|m| m.as_str().map(str::to_string))
        .unwrap_or_default();
    if args.rotation.is_some() && model != "roster" {
        return Err(format!(
            "--rotation: only a roster plan is checked against a rotation plan (this is a {model} plan)"
        ));
    }
    let (violations, what) = match model.as_str() {
        "rotation" => {
            let plan = yilian::RotationPlan::from_json_str(&text).map_err(|e| e.to_string())?;
            (
                yilian::check::check_rotation(&c, &plan),
                format!(
                    "{} assignments, {} service lines, {} policy lines",
                    plan.assignments.len(),
                    plan.service.len(),
                    plan.policy.len()
                ),
            )
        }
        "scanners" => {
            let plan = yilian::ScannerPlan::from_json_str(&text).map_err(|e| e.to_string())?;
            (
                yilian::check::check_scanners(&c, &plan),
                format!(
                    "{} units, {} flows, {} demand lines",
                    plan.units.len(),
                    plan.flows.len(),
                    plan.demand.len()
                ),
            )
        }
        "roster" => {
            let plan = yilian::RosterPlan::from_json_str(&text).map_err(|e| e.to_string())?;
            let rotation = match &args.rotation {
                Some(path) => {
                    let text = std::fs::read_to_string(path)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    Some(
                        yilian::RotationPlan::from_json_str(&text)
                            .map_err(|e| format!("--rotation {}: {e}", path.display()))?,
                    )
                }
                None => None,
            };
            let settings = yilian::check::scenario_settings(&c, &plan);
            (
                yilian::check::check_roster_against(&c, &settings, &plan, rotation.as_ref()),
                format!(
                    "{} visits, {} targets, {} weekly rules",
                    plan.visits.len(),
                    plan.targets.len(),
                    plan.frequency.len()
                ),
            )
        }
        "referral" => {
            let plan = yilian::ReferralPlan::from_json_str(&text).map_err(|e| e.to_string())?;
            (
                yilian::check::check_referral(&c, &plan),
                format!(
                    "{} flows, {} recovery flows, {} loads, {} targets",
                    plan.flows.len(),
                    plan.recovery.len(),
                    plan.loads.len(),
                    plan.targets.len()
                ),
            )
        }
        other => {
            let known = "rotation, scanners, roster, referral";
            return Err(format!(
                "plan.model: \"{other}\" is not a model yilian can check ({known})"
            ));
        }
    };
    if violations.is_empty() {
        println!("ok: the plan passes every rule ({what} checked)");
        Ok(())
    } else {
        for v in &violations {
            println!("{v}");
        }
        Err(format!("the plan breaks {} rule(s)", violations.len()))
    }
}
