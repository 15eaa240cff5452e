"""DataFrame -> Scenario -> Plan -> DataFrame keeps the user's ids and numbers."""

import json

import pandas as pd
import pytest

import yilian


def test_frames_to_scenario_keeps_ids_and_numbers(frames):
    institutions, pools, links, policy = frames
    s = yilian.Scenario.from_frames(institutions, pools, links, policy, name="hand")
    assert s.name == "hand"
    assert s.institution_ids == ["H", "A", "B", "C", "D"]
    assert s.pool_ids == ["P1", "P2", "P3"]
    doc = json.loads(s.to_json())
    assert doc["institutions"][1]["demand"] == {"cardiology": 60.0}
    assert "demand" not in doc["institutions"][0] or doc["institutions"][0]["demand"] == {}
    assert doc["pools"][2]["headcount"] == 2
    assert doc["links"][3] == {"from": "H", "to": "D", "minutes": 30.0}
    assert doc["policy"]["min_days_by_tier"] == {"community_health_centre": 3.0, "township_health_centre": 2.0}
    # JSON text round trip
    assert yilian.Scenario.from_json_str(s.to_json()) == s


def test_plan_frames_keep_ids_and_numbers(hand_scenario, frames):
    institutions, pools, _, _ = frames
    plan = hand_scenario.solve("rotation", backend="highs")
    f = plan.to_frames()
    assert set(f) == {"assignments", "service", "policy", "pools", "rooms"}

    a = f["assignments"].set_index(["pool", "host"])["days"]
    assert a.to_dict() == pytest.approx({("P1", "B"): 10.0, ("P2", "A"): 4.0, ("P2", "B"): 1.0, ("P3", "C"): 4.0, ("P3", "D"): 1.0})
    assert set(f["assignments"]["pool"]) <= set(pools["id"])
    assert set(f["assignments"]["host"]) <= set(institutions["id"])

    service = f["service"].set_index(["host", "specialty"])
    for _, row in institutions.iterrows():
        for col in [c for c in institutions.columns if c.startswith("demand.")]:
            if pd.notna(row[col]):
                assert service.loc[(row["id"], col[len("demand."):]), "demand"] == row[col]
    assert service.loc[("A", "cardiology"), "unmet"] == pytest.approx(20.0, abs=1e-6)
    assert service.loc[("D", "pediatrics"), "unmet"] == pytest.approx(35.0, abs=1e-6)
    assert service.loc[("D", "pediatrics"), "tier"] == "township_health_centre"

    p = f["pools"].set_index("pool")
    assert list(p.index) == ["P1", "P2", "P3"]
    assert p["available_days"].to_dict() == {"P1": 10.0, "P2": 5.0, "P3": 6.0}
    assert p.loc["P3", "sent_days"] == pytest.approx(5.0, abs=1e-6)

    rooms = f["rooms"].set_index("host")["room_days"].to_dict()
    expected_rooms = dict(zip(institutions["id"], institutions["room_days"]))
    for host, days in rooms.items():
        assert days == expected_rooms[host]

    pol = f["policy"].set_index("host")
    assert pol.loc["D", "shortfall"] == pytest.approx(1.0, abs=1e-6)
    assert pol.loc["D", "reason"] == "it has only 1 room-days, below the minimum of 2"
    assert pol.loc["A", "required_days"] == 3.0


def test_plan_frames_have_columns_when_empty():
    inst = pd.DataFrame({"id": ["H"], "tier": ["secondary"], "lon": [120.0], "lat": [30.0]})
    pools = pd.DataFrame(
        {"id": ["P"], "home": ["H"], "specialty": ["cardiology"], "headcount": [1], "days_per_person": [10.0],
         "max_travel_minutes": [60.0], "visits_per_day": [10.0]}
    )
    plan = yilian.Scenario.from_frames(inst, pools, name="empty").solve(backend="highs")
    f = plan.to_frames()
    assert list(f["assignments"].columns) == ["pool", "host", "specialty", "days", "travel_minutes", "cost"]
    assert len(f["assignments"]) == 0
    assert plan.check() == []


def test_plan_json_and_summary(hand_scenario):
    plan = hand_scenario.solve("rotation", backend="highs")
    doc = json.loads(plan.to_json())
    assert doc["format"] == "yilian-plan/1"
    assert doc["objective"] == plan.objective
    text = plan.summary()
    assert "hand: rotation plan" in text and "status optimal" in text
    assert "D short by 1.00 days" in text
    assert plan.check() == []


def test_generators_and_equity():
    county = yilian.generate_county(3)
    city = yilian.generate_city(3)
    assert len(county.institution_ids) > 100 and len(city.institution_ids) > 20
    assert yilian.generate_county(3) == county
    plan = city.solve("rotation", backend="highs", objective="equity")
    assert plan.status == "optimal"
    assert plan.check() == []
    whole = city.solve("rotation", backend="highs", integer_days=True, gap=0.01, time_limit=60)
    assert whole.check() == []
    assert all(float(d).is_integer() for d in whole.to_frames()["assignments"]["days"].round(6))
