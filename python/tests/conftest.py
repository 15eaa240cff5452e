"""Shared fixtures: the hand-solved M1 case of crates/yilian/tests/rotation_hand_solved.rs
as pandas frames, and paths of the repository."""

import math
import pathlib

import pandas as pd
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
NAN = math.nan


def hand_frames():
    """Three pools at H, four hosts A-D on roads from H (10, 20, 10, 30 minutes)."""
    institutions = pd.DataFrame(
        {
            "id": ["H", "A", "B", "C", "D"],
            "tier": [
                "tertiary",
                "community_health_centre",
                "secondary",
                "township_health_centre",
                "township_health_centre",
            ],
            "room_days": [0.0, 4.0, 20.0, 20.0, 1.0],
            "demand.cardiology": [NAN, 60.0, 130.0, NAN, NAN],
            "demand.pediatrics": [NAN, NAN, NAN, 20.0, 40.0],
        }
    )
    pools = pd.DataFrame(
        {
            "id": ["P1", "P2", "P3"],
            "home": ["H", "H", "H"],
            "specialty": ["cardiology", "cardiology", "pediatrics"],
            "headcount": [1, 1, 2],
            "days_per_person": [10.0, 5.0, 3.0],
            "max_travel_minutes": [60.0, 60.0, 60.0],
            "visits_per_day": [10.0, 10.0, 5.0],
            "cost_per_day": [100.0, 300.0, 100.0],
            "cost_per_minute": [1.0, 3.0, 1.0],
        }
    )
    links = pd.DataFrame(
        {"from": ["H", "H", "H", "H"], "to": ["A", "B", "C", "D"], "minutes": [10.0, 20.0, 10.0, 30.0]}
    )
    policy = {"min_days_by_tier": {"community_health_centre": 3, "township_health_centre": 2}}
    return institutions, pools, links, policy


@pytest.fixture
def frames():
    return hand_frames()


@pytest.fixture
def hand_scenario():
    import yilian

    institutions, pools, links, policy = hand_frames()
    return yilian.Scenario.from_frames(institutions, pools, links, policy, name="hand")
