//! Fuzzes the CSV readers of `yilian location --cost/--weights/--site-costs` (the
//! command line's own module, included by path): nothing may panic, a matrix read has
//! unique names and finite costs, and a vector read has one number per name.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../crates/yilian-cli/src/commands/location/cost_csv.rs"]
mod cost_csv;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The input is a cost matrix, then (after a line "--") a vector file.
    let (matrix, vector) = text.split_once("\n--\n").unwrap_or((text, text));
    let Ok(m) = cost_csv::parse_costs(matrix, "costs.csv") else {
        let names: Vec<String> = (0..3).map(|k| k.to_string()).collect();
        let _ = cost_csv::parse_vector(vector, "weights.csv", &names, "weights");
        return;
    };
    assert_eq!(m.clients.len(), m.cost.clients());
    assert_eq!(m.sites.len(), m.cost.sites());
    let unique = |names: &[String]| {
        let set: std::collections::HashSet<&String> = names.iter().collect();
        set.len() == names.len()
    };
    assert!(unique(&m.clients) && unique(&m.sites));
    for names in [&m.clients, &m.sites] {
        if let Ok(v) = cost_csv::parse_vector(vector, "weights.csv", names, "weights") {
            assert_eq!(v.len(), names.len());
        }
    }
});
