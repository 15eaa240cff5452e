"""The bad-input catalogue (issue 9) from Python: every file in
crates/yilian/tests/bad_inputs/ gives, through the Python API, exactly the message in
the `.expected` file beside it, as crates/yilian/tests/bad_inputs.rs asserts from Rust.

`NN_*.json` are rejected: `Scenario.from_json` (types, at parse) or
`Scenario.validate()` (rules) raises ValidationError with the expected text.
`wNN_*.json` load; their warnings (one a line) are the expected text."""

import pytest

import yilian
from conftest import ROOT

CATALOGUE = ROOT / "crates" / "yilian" / "tests" / "bad_inputs"
CASES = sorted(CATALOGUE.glob("*.json"))


def expected(path):
    return path.with_suffix(".expected").read_text(encoding="utf-8").rstrip()


def outcome(load):
    """("error", message) when loading or validating raises ValidationError,
    ("warnings", text) otherwise."""
    try:
        scenario = load()
        warnings = scenario.validate()
    except yilian.ValidationError as e:
        return "error", str(e)
    return "warnings", "\n".join(warnings)


def test_catalogue_is_complete():
    errors = [p for p in CASES if not p.name.startswith("w")]
    assert len(errors) >= 40, f"only {len(errors)} bad inputs in {CATALOGUE}"
    assert any(p.name.startswith("w") for p in CASES)
    for p in CASES:
        assert p.with_suffix(".expected").exists(), p.name


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_gives_its_expected_message(path):
    want = expected(path)
    kind = "warnings" if path.name.startswith("w") else "error"
    # From the file, and from its text: the same message either way.
    text = path.read_bytes().decode("utf-8")
    for load in (lambda: yilian.Scenario.from_json(path), lambda: yilian.Scenario.from_json_str(text)):
        got_kind, message = outcome(load)
        assert (got_kind, message) == (kind, want), path.name
    if kind == "warnings":
        # A scenario that loads also solves, and its plan carries the warnings as notes.
        plan = yilian.Scenario.from_json(path).solve("rotation", backend="highs", time_limit=30)
        for line in want.splitlines():
            assert line in plan.notes, (path.name, line, plan.notes)


def test_a_100_megabyte_id_is_refused_without_quoting_it(tmp_path):
    ident = "x" * (100 * 1024 * 1024)
    text = (
        '{"format":"yilian/1","name":"big","institutions":['
        '{"id":"' + ident + '","tier":"secondary","location":{"lon":120,"lat":30}}]}'
    )
    want = (
        "the scenario has 1 error:\n"
        '  institutions[0].id: "xxxxxxxxxxxxxxxxxxxx..." has 104857600 characters, '
        "more than the limit of 200"
    )
    assert outcome(lambda: yilian.Scenario.from_json_str(text)) == ("error", want)
    path = tmp_path / "big.json"
    path.write_text(text)
    del text
    kind, message = outcome(lambda: yilian.Scenario.from_json(path))
    assert (kind, message) == ("error", want)
    assert len(message) < 200
