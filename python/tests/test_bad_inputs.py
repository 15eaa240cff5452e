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


# Issue 18: options and inputs other than scenario files. Each is refused with
# ValidationError naming the argument and the value (not a builtin OverflowError or
# TypeError, not a SolverError "internal error", not accepted).

SMALL = CATALOGUE / "w04_budget_below_cheapest_unit.json"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"time_limit": True}, "time_limit: True is not a number (a bool)"),
        ({"time_limit": "10"}, "time_limit: '10' is not a number"),
        (
            {"time_limit": 1e19},
            "time_limit: 1e19 seconds is more than the limit of 3.1536e7 (a year): "
            "leave the time limit out for none",
        ),
        ({"time_limit": 10**400}, "time_limit: " + repr(10**400) + " is not a number that fits a float"),
        ({"gap": False}, "gap: False is not a number (a bool)"),
        ({"threads": 2**40}, "threads: 1099511627776 is out of range (a whole number from 0 to 4294967295)"),
        ({"threads": -1}, "threads: -1 is out of range (a whole number from 0 to 4294967295)"),
        ({"threads": 2.0}, "threads: 2.0 must be a whole number"),
        ({"seed": 2**100}, "seed: " + str(2**100) + " is out of range (a whole number from 0 to 4294967295)"),
        ({"seed": True}, "seed: True must be a whole number"),
    ],
)
def test_solve_options_are_refused_naming_the_argument(kwargs, message):
    s = yilian.Scenario.from_json(SMALL)
    with pytest.raises(yilian.ValidationError) as e:
        s.solve("rotation", backend="microlp", **kwargs)
    assert str(e.value) == message


def test_location_options_are_refused_naming_the_argument():
    import numpy as np
    from yilian.location import PMedian

    model = PMedian.from_cost_matrix(np.array([[0.0, 1.0], [1.0, 0.0]]), p=1)
    with pytest.raises(yilian.ValidationError) as e:
        model.solve("microlp", time_limit=True)
    assert str(e.value) == "time_limit: True is not a number (a bool)"
    with pytest.raises(yilian.ValidationError) as e:
        model.solve("microlp", threads=2**33)
    assert str(e.value) == "threads: 8589934592 is out of range (a whole number from 0 to 4294967295)"


def test_generator_seeds_out_of_range_are_refused():
    for gen in (yilian.generate_county, yilian.generate_city):
        with pytest.raises(yilian.ValidationError) as e:
            gen(2**64)
        assert str(e.value) == "seed: 18446744073709551616 is out of range (a whole number from 0 to 18446744073709551615)"
        with pytest.raises(yilian.ValidationError) as e:
            gen(-1)
        assert str(e.value) == "seed: -1 is out of range (a whole number from 0 to 18446744073709551615)"


def test_nan_in_a_from_frames_dict_names_its_path():
    import pandas as pd

    inst = pd.DataFrame(
        {"id": ["H", "T"], "tier": ["secondary", "township_health_centre"], "lon": [120.0, 120.1],
         "lat": [30.0, 30.0], "room_days": [0.0, 10.0], "demand.cardiology": [float("nan"), 30.0]}
    )
    pools = pd.DataFrame(
        {"id": ["H-c"], "home": ["H"], "specialty": ["cardiology"], "headcount": [2],
         "days_per_person": [10.0], "max_travel_minutes": [60.0], "visits_per_day": [10.0]}
    )
    with pytest.raises(yilian.ValidationError) as e:
        yilian.Scenario.from_frames(inst, pools, policy={"budget": float("nan")})
    assert str(e.value) == "policy.budget: NaN (a number is required)"
    with pytest.raises(yilian.ValidationError) as e:
        yilian.Scenario.from_frames(
            inst, pools, policy={"unmet_weight": {"cardiology": float("inf")}}
        )
    assert str(e.value) == "policy.unmet_weight.cardiology: inf (a finite number is required)"
    with pytest.raises(yilian.ValidationError) as e:
        yilian.Scenario.from_frames(inst, pools, period_days=float("nan"))
    assert str(e.value) == "period_days: NaN (a number is required)"
    # NaN in a frame's number column names the row and the column.
    bad = pools.assign(visits_per_day=[float("nan")])
    with pytest.raises(yilian.ValidationError) as e:
        yilian.Scenario.from_frames(inst, bad)
    assert str(e.value) == "pools[0].visits_per_day: NaN (a number is required)"


def test_report_refuses_a_plan_that_check_refuses():
    import json

    s = yilian.Scenario.from_json(SMALL)
    plan = s.solve("rotation", backend="microlp")
    doc = json.loads(plan.to_json())
    doc["assignments"][0]["host"] = "NOWHERE"
    tampered = yilian._yilian._plan_from_json(json.dumps(doc), s.to_json())
    with pytest.raises(yilian.ValidationError) as e:
        yilian.report(tampered)
    assert str(e.value).startswith("plan: breaks ")
    assert "unknown_id [H-cardiology -> NOWHERE]" in str(e.value)
    # Reports of two kinds of plan are not compared.
    scanners = s.solve("scanners", backend="microlp")
    with pytest.raises(yilian.ValidationError) as e:
        yilian.report(plan).compare(yilian.report(scanners))
    assert str(e.value) == (
        'other: a scanners plan of "catalogue" cannot be compared with a rotation plan of "catalogue"'
    )


def test_a_location_p_beyond_64_bits_is_too_large_not_fractional():
    import numpy as np
    from yilian.location import PMedian

    with pytest.raises(yilian.ValidationError) as e:
        PMedian.from_cost_matrix(np.array([[0.0, 1.0], [1.0, 0.0]]), p=2**70)
    assert str(e.value) == "p: 1180591620717411303424 is too large"
