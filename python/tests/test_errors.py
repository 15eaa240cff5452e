"""Bad inputs raise the right exception, with the field named."""

import math
import pickle

import pandas as pd
import pytest

import yilian
from conftest import ROOT, hand_frames


def build(institutions=None, pools=None, links=None, policy=None):
    i0, p0, l0, pol0 = hand_frames()
    return yilian.Scenario.from_frames(
        i0 if institutions is None else institutions,
        p0 if pools is None else pools,
        l0 if links is None else links,
        pol0 if policy is None else policy,
        name="bad",
    )


def test_exception_hierarchy():
    for cls in (yilian.ValidationError, yilian.InfeasibleError, yilian.SolverError):
        assert issubclass(cls, yilian.YilianError)
        assert issubclass(cls, Exception)
        assert cls.__module__ == "yilian"


def test_missing_column():
    inst, _, _, _ = hand_frames()
    with pytest.raises(yilian.ValidationError, match=r"^institutions\.tier: missing column"):
        build(institutions=inst.drop(columns=["tier"]))
    _, pools, _, _ = hand_frames()
    with pytest.raises(yilian.ValidationError, match=r"^pools\.visits_per_day: missing column"):
        build(pools=pools.drop(columns=["visits_per_day"]))
    _, _, links, _ = hand_frames()
    with pytest.raises(yilian.ValidationError, match=r"^links\.minutes: missing column"):
        build(links=links.drop(columns=["minutes"]))


def test_unknown_column_is_named():
    inst, _, _, _ = hand_frames()
    with pytest.raises(yilian.ValidationError, match=r"^institutions\.rooms: unknown column"):
        build(institutions=inst.rename(columns={"room_days": "rooms"}))


def test_wrong_dtype():
    _, pools, _, _ = hand_frames()
    pools["headcount"] = ["1", "one", "2"]
    with pytest.raises(yilian.ValidationError, match=r"^pools\.headcount: expected numbers, found dtype \w+ \(pools\[0\]\.headcount is '1'\)"):
        build(pools=pools)
    inst, _, _, _ = hand_frames()
    inst["id"] = [1, 2, 3, 4, 5]
    with pytest.raises(yilian.ValidationError, match=r"^institutions\[0\]\.id: expected a string, found int"):
        build(institutions=inst)


def test_nan_and_infinity():
    inst, _, _, _ = hand_frames()
    inst["room_days"] = [0.0, math.nan, 20.0, 20.0, 1.0]
    with pytest.raises(yilian.ValidationError, match=r"^institutions\[1\]\.room_days: NaN"):
        build(institutions=inst)
    _, pools, _, _ = hand_frames()
    pools.loc[2, "days_per_person"] = math.inf
    with pytest.raises(yilian.ValidationError, match=r"^pools\[2\]\.days_per_person: inf"):
        build(pools=pools)
    inst, _, _, _ = hand_frames()
    inst["tier"] = ["tertiary", None, "secondary", "secondary", "secondary"]
    with pytest.raises(yilian.ValidationError, match=r"^institutions\[1\]\.tier: missing value"):
        build(institutions=inst)


def test_not_whole_headcount():
    _, pools, _, _ = hand_frames()
    pools["headcount"] = [1.0, 2.5, 1.0]
    with pytest.raises(yilian.ValidationError, match=r"^pools\[1\]\.headcount: 2\.5 is not a whole number"):
        build(pools=pools)


def test_unknown_id_named_by_the_core():
    _, pools, _, _ = hand_frames()
    pools["home"] = ["H", "Z", "H"]
    with pytest.raises(yilian.ValidationError, match=r"pools\[1\]\.home") as e:
        build(pools=pools)
    assert '"Z"' in str(e.value) or "'Z'" in str(e.value) or "Z" in str(e.value)
    _, _, links, _ = hand_frames()
    links["to"] = ["A", "B", "C", "nowhere"]
    with pytest.raises(yilian.ValidationError, match=r"links\[3\]\.to"):
        build(links=links)


def test_rule_errors_named_by_the_core():
    inst, _, _, _ = hand_frames()
    inst["tier"] = ["tertiary", "hospital", "secondary", "secondary", "secondary"]
    with pytest.raises(yilian.ValidationError, match=r"^institutions\[1\]\.tier: unknown variant"):
        build(institutions=inst)
    inst, _, _, _ = hand_frames()
    inst["demand.cardiology"] = [math.nan, -60.0, 130.0, math.nan, math.nan]
    with pytest.raises(yilian.ValidationError, match=r"institutions\[1\]\.demand\.cardiology"):
        build(institutions=inst)


def test_policy_errors():
    # The NaN is named by its path, not by JSON's "Out of range float values".
    with pytest.raises(yilian.ValidationError, match=r"^policy\.budget: NaN \(a number is required\)$"):
        build(policy={"budget": math.nan})
    with pytest.raises(yilian.ValidationError, match=r"policy\.min_days_by_tier"):
        build(policy={"min_days_by_tier": {"castle": 3}})


def test_not_a_frame():
    with pytest.raises(yilian.ValidationError, match=r"^institutions: expected a pandas DataFrame, found list"):
        yilian.Scenario.from_frames([], pd.DataFrame())


def test_json_errors():
    with pytest.raises(yilian.ValidationError, match=r"no-such-file\.json"):
        yilian.Scenario.from_json(ROOT / "no-such-file.json")
    text = '{"format":"yilian/1","name":"x","institutions":[{"id":"a","tier":"township_health_centre","population":"many"}]}'
    with pytest.raises(yilian.ValidationError, match=r"^institutions\[0\]\.population: invalid type"):
        yilian.Scenario.from_json_str(text)
    with pytest.raises(yilian.ValidationError, match=r"^scenario: expected a JSON object"):
        yilian.Scenario.from_json_str("[1, 2]")


def test_option_errors(hand_scenario):
    with pytest.raises(yilian.ValidationError, match=r"^time_limit: -1 must be"):
        hand_scenario.solve(backend="highs", time_limit=-1.0)
    with pytest.raises(yilian.ValidationError, match=r"^gap: NaN must be a finite number >= 0"):
        hand_scenario.solve(backend="highs", gap=math.nan)
    with pytest.raises(yilian.ValidationError, match=r"^gap: -0.1 must be a finite number >= 0"):
        hand_scenario.solve(backend="highs", gap=-0.1)
    with pytest.raises(yilian.ValidationError, match=r'^objective: "fair" is not an objective'):
        hand_scenario.solve(backend="highs", objective="fair")
    with pytest.raises(yilian.ValidationError, match=r'^model: "pmedian" is not a model \(expected rotation, roster, scanners or referral\)'):
        hand_scenario.solve("pmedian")
    with pytest.raises(yilian.ValidationError, match=r"^threads: "):
        hand_scenario.solve(backend="highs", threads=0)
    with pytest.raises(yilian.SolverError, match=r"^backend: 'gurobi' is not a known backend"):
        hand_scenario.solve(backend="gurobi")
    with pytest.raises(yilian.SolverError, match=r"backend 'coin_cbc' is not compiled in"):
        hand_scenario.solve(backend="coin_cbc")
    # ValidationError naming the argument (was a TypeError from the conversion).
    with pytest.raises(yilian.ValidationError, match=r"^time_limit: 'soon' is not a number$"):
        hand_scenario.solve(backend="highs", time_limit="soon")


def test_validation_of_json_scenarios_happens_at_solve():
    text = '{"format":"yilian/1","name":"x","institutions":[{"id":"a","tier":"secondary"}],"pools":[{"id":"p","home":"b","specialty":"k","headcount":1,"days_per_person":5,"max_travel_minutes":60,"visits_per_day":5}]}'
    s = yilian.Scenario.from_json_str(text)
    with pytest.raises(yilian.ValidationError, match=r"pools\[0\]\.home"):
        s.solve(backend="highs")
    with pytest.raises(yilian.ValidationError, match=r"pools\[0\]\.home"):
        s.validate()


def test_exceptions_pickle():
    e = yilian.ValidationError("pools[0].home: x")
    e2 = pickle.loads(pickle.dumps(e))
    assert type(e2) is yilian.ValidationError and str(e2) == str(e)
