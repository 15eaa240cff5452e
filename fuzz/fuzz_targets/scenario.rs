//! Fuzzes the scenario loader, the validator, model building and, for small models,
//! solving and checking: nothing may panic, and every plan must pass its checker.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yilian::{check, Consortium, RotationModel, ScannerModel, Scenario, SolveOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(scenario) = Scenario::from_json_str(text) else {
        return;
    };
    let Ok(c) = Consortium::new(scenario) else {
        return;
    };
    let options = SolveOptions::new(yilian::Backend::Microlp).time_limit(1.0);
    let rotation = RotationModel::new(&c);
    if rotation.program().column_count() <= 60 {
        if let Ok(plan) = rotation.solve(&options) {
            let v = check::check_rotation(&c, &plan);
            assert!(v.is_empty(), "rotation plan fails its check: {v:?}");
        }
    }
    let scanners = ScannerModel::new(&c);
    if scanners.program().is_ok_and(|lp| lp.column_count() <= 60) {
        if let Ok(plan) = scanners.solve(&options) {
            let v = check::check_scanners(&c, &plan);
            assert!(v.is_empty(), "scanner plan fails its check: {v:?}");
        }
    }
});
