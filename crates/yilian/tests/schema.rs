//! The committed JSON Schema matches the types, and scenarios round-trip through JSON.

#[test]
fn committed_schema_is_up_to_date() {
    let path = format!(
        "{}/../../docs/scenario.schema.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let committed = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        committed.trim_end(),
        yilian::Scenario::json_schema().trim_end(),
        "docs/scenario.schema.json is stale: run `yilian schema > docs/scenario.schema.json`"
    );
}

#[test]
fn scenarios_round_trip_through_json() {
    let s = yilian::generate::county(5);
    let back = yilian::Scenario::from_json_str(&s.to_json_string()).unwrap();
    assert_eq!(s, back);
}
