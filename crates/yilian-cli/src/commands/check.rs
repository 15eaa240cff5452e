//! `yilian check SCENARIO PLAN`

use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Scenario file (JSON).
    scenario: PathBuf,
    /// Plan file written by `yilian solve --out`.
    plan: PathBuf,
}

pub fn run(args: Args) -> Result<(), String> {
    let c = super::load(&args.scenario)?;
    let text =
        std::fs::read_to_string(&args.plan).map_err(|e| format!("{}: {e}", args.plan.display()))?;
    let plan = yilian::RotationPlan::from_json_str(&text).map_err(|e| e.to_string())?;
    let violations = yilian::check::check_rotation(&c, &plan);
    if violations.is_empty() {
        println!(
            "ok: the plan passes every rule ({} assignments, {} service lines, {} policy lines checked)",
            plan.assignments.len(),
            plan.service.len(),
            plan.policy.len()
        );
        Ok(())
    } else {
        for v in &violations {
            println!("{v}");
        }
        Err(format!("the plan breaks {} rule(s)", violations.len()))
    }
}
