"""The roster (M2) from Python: the hand-solved case of
crates/yilian/tests/roster_hand_solved.rs, its calendar verified here from the frames
(one place a day, days off, home cover, rooms, targets met counted from the calendar,
the objective recomputed), the checker refusing tampered rosters, pickling, targets
from a rotation plan, and errors naming the option and its value."""

import collections
import datetime
import json
import pickle

import pytest

import yilian
from yilian import _yilian

# Home H: cardiologists C1, C2 (pool H-card, 1 per minute), paediatrician P1 (H-peds, 2
# per minute); township health centres A (10 min) and B (30 min), 1 room a day each.
# Five planning days (Mon 2 to Fri 6 March 2026), period 5 days, C2 off on Wednesday,
# one cardiologist stays home each day, 3 visiting days a week at each centre,
# cardiology days within the pool differ by at most 1. Hand optimum (see the Rust
# test): H-card 3 days at A, 1 at B; H-peds 4 at B; objective 24.6.
SCENARIO = {
    "format": "yilian/1",
    "name": "roster-hand",
    "period_days": 5.0,
    "institutions": [
        {"id": "H", "tier": "secondary"},
        {"id": "A", "tier": "township_health_centre", "demand": {"cardiology": 30.0}, "room_days": 5.0},
        {
            "id": "B",
            "tier": "township_health_centre",
            "demand": {"cardiology": 20.0, "pediatrics": 40.0},
            "room_days": 5.0,
        },
    ],
    "pools": [
        {
            "id": "H-card", "home": "H", "specialty": "cardiology", "headcount": 2,
            "days_per_person": 5.0, "home_min_days": 5.0, "max_travel_minutes": 60.0,
            "visits_per_day": 10.0, "cost_per_day": 0.0, "cost_per_minute": 1.0,
        },
        {
            "id": "H-peds", "home": "H", "specialty": "pediatrics", "headcount": 1,
            "days_per_person": 5.0, "max_travel_minutes": 60.0,
            "visits_per_day": 10.0, "cost_per_day": 0.0, "cost_per_minute": 2.0,
        },
    ],
    "links": [{"from": "H", "to": "A", "minutes": 10.0}, {"from": "H", "to": "B", "minutes": 30.0}],
    "roster": {
        "horizon": {"start": "2026-03-02", "days": 7},
        "specialists": [
            {"id": "C1", "pool": "H-card"},
            {"id": "C2", "pool": "H-card", "days_off": ["2026-03-04"]},
            {"id": "P1", "pool": "H-peds"},
        ],
        "min_days_per_week_by_tier": {"township_health_centre": 3},
        "home_cover": [{"home": "H", "specialty": "cardiology", "min_present": 1}],
        "max_spread_days": 1,
    },
}
POOL = {"C1": "H-card", "C2": "H-card", "P1": "H-peds"}
MINUTES = {"A": 10.0, "B": 30.0}
PER_MINUTE = {"H-card": 1.0, "H-peds": 2.0}
DAYS_OFF = {("C2", "2026-03-04")}
WEEKDAYS = [(datetime.date(2026, 3, 2) + datetime.timedelta(d)).isoformat() for d in range(5)]


def scenario():
    return yilian.Scenario.from_json_str(json.dumps(SCENARIO))


@pytest.fixture(scope="module")
def roster():
    return scenario().solve("roster", backend="highs", gap=0.0, time_limit=20)


def test_hand_calendar_checked_from_the_frames(roster):
    assert isinstance(roster, yilian.RosterPlan)
    assert roster.status == "optimal"
    assert roster.targets_from == "demand" and roster.rotation is None
    assert roster.dates == WEEKDAYS
    frames = roster.to_frames()
    cal = frames["calendar"]
    assert list(cal.columns[:3]) == ["specialist", "date", "host"]
    rows = list(zip(cal["specialist"], cal["date"], cal["host"]))
    # Each specialist at most one host a day, only on working planning days.
    assert len({(s, d) for s, d, _ in rows}) == len(rows)
    assert all(d in WEEKDAYS and (s, d) not in DAYS_OFF for s, d, _ in rows)
    # Home cover: of the cardiologists working that day, one stays at H.
    for d in WEEKDAYS:
        working = [s for s in ("C1", "C2") if (s, d) not in DAYS_OFF]
        away = [s for s, day, _ in rows if day == d and POOL[s] == "H-card"]
        assert len(away) <= len(working) - 1, d
    # One room a day at each host; 3 visiting days a week at each.
    per_host_day = collections.Counter((h, d) for _, d, h in rows)
    assert max(per_host_day.values()) == 1
    assert all(sum(1 for _, _, h in rows if h == host) >= 3 for host in "AB")
    # The hand optimum's days.
    days = collections.Counter((POOL[s], h) for s, _, h in rows)
    assert days == {("H-card", "A"): 3, ("H-card", "B"): 1, ("H-peds", "B"): 4}
    # Targets met, counted from the calendar: visits = 10 a day against the demand.
    targets = frames["targets"]
    spec = {"H-card": "cardiology", "H-peds": "pediatrics"}
    delivered = collections.Counter()
    for s, _, h in rows:
        delivered[(h, spec[POOL[s]])] += 10.0
    wanted = {("A", "cardiology"): 30.0, ("B", "cardiology"): 20.0, ("B", "pediatrics"): 40.0}
    assert len(targets) == len(wanted)
    for t in targets.itertuples():
        key = (t.host, t.specialty)
        assert t.target == pytest.approx(wanted[key])
        assert t.delivered == pytest.approx(min(delivered[key], wanted[key]))
        assert t.met == (delivered[key] >= wanted[key] - 1e-9)
    assert sorted(targets.loc[~targets["met"], "host"]) == ["B"]
    # The objective recomputed: 2 per visit short, 1 per (specialist, host), 0.001 x cost.
    short = sum(max(0.0, w - delivered[k]) for k, w in wanted.items())
    pairs = len({(s, h) for s, _, h in rows})
    cost = sum(2 * PER_MINUTE[POOL[s]] * MINUTES[h] for s, _, h in rows)
    assert cal["cost"].sum() == pytest.approx(cost)
    assert (short, pairs, cost) == (10.0, 4, 600.0)
    assert roster.objective == pytest.approx(2 * short + pairs + 0.001 * cost, abs=1e-6)
    assert roster.check() == []
    spc = frames["specialists"].set_index("specialist")
    assert sorted(spc.loc[["C1", "C2"], "visiting_days"]) == [2, 2]
    assert frames["frequency"]["shortfall"].sum() == 0
    text = roster.summary()
    assert "3 specialists over 5 planning days" in text and "2 of 3 met" in text


def tampered(roster, change):
    data = json.loads(roster.to_json())
    change(data)
    return _yilian._roster_plan_from_json(json.dumps(data), roster.scenario.to_json(), None)


def test_check_rejects_tampered_rosters(roster):
    # C2 sent on the Wednesday off.
    def day_off(d):
        v = next(v for v in d["visits"] if v["specialist"] == "C2")
        v["date"] = "2026-03-04"

    # P1 at A and at B on the same day.
    def twice(d):
        v = dict(next(v for v in d["visits"] if v["specialist"] == "P1"))
        v["host"] = "A" if v["host"] == "B" else "B"
        d["visits"].append(v)

    # A target claimed met that the calendar does not deliver.
    def claim(d):
        t = next(t for t in d["targets"] if t["short"] > 0)
        t["delivered"], t["short"] = t["target"], 0.0

    for change in (day_off, twice, claim):
        bad = tampered(roster, change)
        assert bad.check() != [], change.__name__
    assert tampered(roster, lambda d: None).check() == []


def test_pickle_round_trip(roster):
    back = pickle.loads(pickle.dumps(roster))
    assert back.to_json() == roster.to_json()
    assert back.to_frames()["calendar"].equals(roster.to_frames()["calendar"])
    assert back.check() == []


def test_targets_from_a_rotation_plan():
    s = scenario()
    rotation = s.solve("rotation", backend="highs", integer_days=True, gap=0.0)
    plan = s.solve("roster", targets=rotation, backend="highs", gap=0.0, time_limit=20)
    assert plan.targets_from == "rotation"
    assert plan.rotation.to_json() == rotation.to_json()
    # Period = planning days: each target is the rotation plan's days.
    a = rotation.to_frames()["assignments"]
    wanted = {(r.pool, r.host): r.days for r in a.itertuples() if r.days > 0}
    frames = plan.to_frames()
    got = {(t.pool, t.host): t.target for t in frames["targets"].itertuples()}
    assert got == pytest.approx(wanted)
    sent = collections.Counter((r.pool, r.host) for r in frames["calendar"].itertuples())
    for t in frames["targets"].itertuples():
        assert t.delivered == pytest.approx(min(sent[(t.pool, t.host)], t.target))
    assert plan.check() == []
    back = pickle.loads(pickle.dumps(plan))
    assert back.rotation.to_json() == rotation.to_json() and back.check() == []
    # "rotation" solves the rotation with whole days first, as the CLI does.
    again = s.solve("roster", targets="rotation", backend="highs", gap=0.0, time_limit=20)
    assert again.targets_from == "rotation" and again.check() == []


def test_horizon_options():
    plan = scenario().solve("roster", days=3, start="2026-03-04", backend="highs", gap=0.0)
    assert plan.dates == ["2026-03-04", "2026-03-05", "2026-03-06"]
    assert plan.check() == []


def test_errors_name_the_option_and_value():
    s = scenario()
    cases = [
        (dict(start="2026-13-01"), r'^start: "2026-13-01" is not a date \(expected YYYY-MM-DD\)'),
        (dict(days=True), r"^days: True must be a whole number"),
        (dict(days=-1), r"^days: -1 is out of range"),
        (dict(days=2, start="2026-03-07"), r"roster.horizon: 2 days from 2026-03-07 hold no working weekday"),
        (dict(targets="sometimes"), r"^targets: 'sometimes' is not a target source"),
        (dict(method="mip"), r"^method: not an option of the roster model"),
        (dict(integer_days=True), r"^integer_days: not an option of the roster model"),
    ]
    for kwargs, message in cases:
        with pytest.raises(yilian.ValidationError, match=message):
            s.solve("roster", backend="highs", **kwargs)
    with pytest.raises(yilian.ValidationError, match=r"^days: applies to the roster model only"):
        s.solve("rotation", days=28)
    with pytest.raises(yilian.ValidationError, match=r"^targets: applies to the roster model only"):
        s.solve("scanners", targets="demand")
