//! Fuzzes the OR-Library readers (`pmed` and `cap`): nothing may panic or allocate
//! beyond what the file holds, and every instance read is a valid cost matrix.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yilian::models::location::{parse_cap_str, parse_pmed_str};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(inst) = parse_pmed_str(text, "fuzz.txt") {
        let n = inst.cost.clients();
        assert_eq!(inst.cost.sites(), n);
        assert!(inst.p >= 1 && inst.p <= n);
        for i in 0..n {
            assert_eq!(inst.cost.get(i, i), 0.0);
        }
    }
    // The placeholder 'capacity' (capa/capb/capc) with and without a value.
    for capacity in [None, Some(5000.0)] {
        if let Ok(inst) = parse_cap_str(text, "fuzz.txt", capacity) {
            assert_eq!(inst.capacity.len(), inst.cost.sites());
            assert_eq!(inst.demand.len(), inst.cost.clients());
            assert!(inst.demand.iter().all(|d| d.is_finite() && *d >= 0.0));
        }
    }
});
