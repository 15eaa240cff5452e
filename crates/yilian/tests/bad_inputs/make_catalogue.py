"""Writes the bad-input catalogue: one malformed or contradictory scenario per file.

Each case is a small valid scenario broken in one way. `cargo test --test bad_inputs`
loads every `*.json` here and compares the error with the `*.expected` file beside it
(the full message, one line per error). Run `python3 make_catalogue.py` to rewrite the
JSON files after changing a case; the expected messages are written by hand.
"""
import copy
import json
import pathlib

HERE = pathlib.Path(__file__).parent

BASE = {
    "format": "yilian/1",
    "name": "catalogue",
    "period_days": 20,
    "institutions": [
        {"id": "H", "tier": "secondary", "location": {"lon": 120.0, "lat": 30.0},
         "population": 80000, "exams": {"CT": 300}},
        {"id": "T1", "tier": "township_health_centre", "location": {"lon": 120.1, "lat": 30.0},
         "population": 12000, "demand": {"cardiology": 40}, "room_days": 10, "exams": {"CT": 80}},
        {"id": "T2", "tier": "township_health_centre", "location": {"lon": 120.2, "lat": 30.1},
         "population": 9000, "demand": {"cardiology": 20}, "room_days": 8, "exams": {"CT": 60}},
    ],
    "pools": [
        {"id": "H-cardiology", "home": "H", "specialty": "cardiology", "headcount": 4,
         "days_per_person": 20, "home_min_days": 70, "max_travel_minutes": 60,
         "visits_per_day": 12, "cost_per_day": 800, "cost_per_minute": 2},
    ],
    "policy": {"min_days_by_tier": {"township_health_centre": 4}},
    "imaging": {
        "modalities": {"CT": {"exams_per_day": 76, "working_days": 20, "max_travel_minutes": 45}},
        "scanners": [{"id": "H-CT-1", "site": "H", "modality": "CT"}],
        "candidates": [{"site": "T2", "modality": "CT", "fixed_cost": 50000, "max_units": 1}],
        "budget": 60000,
    },
}


def case(fn):
    s = copy.deepcopy(BASE)
    out = fn(s)
    return s if out is None else out


def setp(path, value):
    def f(s):
        node = s
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = value
    return f


def delp(path):
    def f(s):
        node = s
        for k in path[:-1]:
            node = node[k]
        del node[path[-1]]
    return f


def both(*fs):
    def f(s):
        for g in fs:
            g(s)
    return f


JSON_CASES = {
    # wrong types and structure
    "01_not_an_object": lambda s: ["format", "yilian/1"],
    "02_population_is_text": setp(["institutions", 1, "population"], "many"),
    "03_headcount_is_fractional": setp(["pools", 0, "headcount"], 2.5),
    "04_headcount_is_negative": setp(["pools", 0, "headcount"], -3),
    "05_unknown_field": setp(["institutions", 0, "populaton"], 5),
    "06_unknown_tier": setp(["institutions", 0, "tier"], "hospital"),
    "07_missing_name": delp(["name"]),
    "08_missing_institutions": delp(["institutions"]),
    "09_demand_is_a_list": setp(["institutions", 1, "demand"], [40]),
    "10_location_without_lat": delp(["institutions", 2, "location", "lat"]),
    # format and empty sets
    "11_unsupported_format": setp(["format"], "yilian/9"),
    "12_no_institutions": setp(["institutions"], []),
    # negative, zero and out-of-range numbers
    "13_negative_population": setp(["institutions", 1, "population"], -12000),
    "14_negative_room_days": setp(["institutions", 2, "room_days"], -1),
    "15_negative_demand": setp(["institutions", 1, "demand", "cardiology"], -3),
    "16_days_beyond_the_period": setp(["pools", 0, "days_per_person"], 31),
    "17_home_minimum_above_total": setp(["pools", 0, "home_min_days"], 90),
    "18_zero_visits_per_day": setp(["pools", 0, "visits_per_day"], 0),
    "19_negative_travel_limit": setp(["pools", 0, "max_travel_minutes"], -5),
    "20_negative_cost": setp(["pools", 0, "cost_per_day"], -800),
    "21_latitude_out_of_range": setp(["institutions", 0, "location", "lat"], 95.5),
    "22_longitude_out_of_range": setp(["institutions", 0, "location", "lon"], 200),
    "23_zero_period": setp(["period_days"], 0),
    # ids
    "24_duplicate_institution_id": setp(["institutions", 2, "id"], "T1"),
    "25_duplicate_pool_id": lambda s: s["pools"].append(copy.deepcopy(s["pools"][0])),
    "26_pool_home_unknown": setp(["pools", 0, "home"], "CH9"),
    "27_empty_id": setp(["institutions", 1, "id"], ""),
    "28_link_to_unknown_institution": setp(["links"], [{"from": "H", "to": "T9", "minutes": 10}]),
    "29_self_link": setp(["links"], [{"from": "T1", "to": "T1", "minutes": 5}]),
    "30_negative_link_minutes": setp(["links"], [{"from": "H", "to": "T1", "minutes": -4},
                                                 {"from": "H", "to": "T2", "minutes": 20}]),
    # travel
    "31_missing_location": delp(["institutions", 2, "location"]),
    "32_links_chosen_without_links": setp(["travel"], {"source": "links"}),
    "33_detour_below_one": setp(["travel"], {"detour_factor": 0.5}),
    "34_zero_speed": setp(["travel"], {"speed_kmh": 0}),
    # policy
    "35_negative_budget": setp(["policy", "budget"], -100),
    "36_negative_minimum_days": setp(["policy", "min_days_by_tier", "village_clinic"], -1),
    "37_minimum_days_beyond_period": setp(["policy", "min_days_by_tier", "township_health_centre"], 25),
    "38_negative_cost_weight": setp(["policy", "cost_weight"], -0.5),
    # imaging
    "39_scanner_of_unknown_modality": setp(["imaging", "scanners", 0, "modality"], "PET"),
    "40_scanner_at_unknown_site": setp(["imaging", "scanners", 0, "site"], "X"),
    "41_duplicate_candidate": lambda s: s["imaging"]["candidates"].append(
        copy.deepcopy(s["imaging"]["candidates"][0])),
    "42_exams_of_unknown_modality": setp(["institutions", 1, "exams", "MRI"], 10),
    "43_negative_exams": setp(["institutions", 1, "exams", "CT"], -10),
    "44_scanner_days_beyond_period": setp(["imaging", "modalities", "CT", "working_days"], 30),
    "45_negative_imaging_budget": setp(["imaging", "budget"], -1),
    # many errors at once: all are reported
    "46_many_errors": both(setp(["institutions", 1, "population"], -1),
                           setp(["institutions", 2, "room_days"], -2),
                           setp(["pools", 0, "home"], "nowhere"),
                           setp(["pools", 0, "visits_per_day"], 0)),
    # unicode ids are fine in themselves; a dangling unicode reference is not
    "47_unicode_dangling_reference": both(setp(["institutions", 0, "id"], "县人民医院"),
                                         setp(["imaging", "scanners", 0, "site"], "县人民医院"),
                                         setp(["pools", 0, "home"], "县医院")),
    "52_implausible_throughput": setp(["imaging", "modalities", "CT", "exams_per_day"], 8e41),
    # issue 18: validation gaps
    "56_scanner_own_days_beyond_period": setp(["imaging", "scanners", 0, "working_days"], 30),
    "57_empty_scanner_id": setp(["imaging", "scanners", 0, "id"], " "),
    "58_empty_modality_name": setp(["imaging", "modalities", ""],
                                   {"exams_per_day": 32, "working_days": 20, "max_travel_minutes": 60}),
    "59_more_specialists_than_headcount": setp(["roster"], {
        "horizon": {"start": "2026-03-02", "days": 7},
        "specialists": [{"id": f"dr-{k}", "pool": "H-cardiology"} for k in range(5)]}),
    "60_candidate_max_units_unbounded": setp(["imaging", "candidates", 0, "max_units"], 4294967295),
    "61_relocation_with_a_units_own_rate": both(setp(["imaging", "allow_relocation"], True),
                                               setp(["imaging", "scanners", 0, "exams_per_day"], 60)),
    "62_horizon_without_a_working_day": setp(["roster"], {"horizon": {"start": "2026-03-07", "days": 2}}),
    "63_max_new_units_unbounded": setp(["imaging", "max_new_units"], 4294967295),
}

# Valid but questionable: loaded with warnings, which the `.expected` file lists.
WARNING_CASES = {
    "w01_specialty_nobody_offers": setp(["institutions", 1, "demand", "psychiatry"], 7),
    "w02_host_beyond_every_travel_limit": setp(["institutions", 2, "location"], {"lon": 122.0, "lat": 30.0}),
    "w03_disconnected_road_graph": setp(["links"], [{"from": "H", "to": "T1", "minutes": 20}]),
    "w04_budget_below_cheapest_unit": setp(["imaging", "budget"], 1000),
    "w05_demand_without_rooms": setp(["institutions", 2, "room_days"], 0),
    "w07_pool_with_headcount_zero": both(setp(["pools", 0, "headcount"], 0),
                                         setp(["pools", 0, "home_min_days"], 0)),
    "w06_unicode_ids": both(setp(["institutions", 0, "id"], "县人民医院"),
                            setp(["imaging", "scanners", 0, "site"], "县人民医院"),
                            setp(["pools", 0, "home"], "县人民医院"),
                            setp(["institutions", 1, "demand", "心内科"], 5)),
}

RAW_CASES = {
    "48_empty_file": "",
    "49_truncated": json.dumps(BASE)[:200],
    "50_number_too_large": json.dumps(BASE).replace('"population": 80000', '"population": 1e400'),
    "51_trailing_comma": json.dumps(BASE).replace('"budget": 60000}', '"budget": 60000,}'),
    # issue 18: a key given twice in a map kept the last silently
    "53_duplicate_demand_key": json.dumps(BASE).replace(
        '"demand": {"cardiology": 40}', '"demand": {"cardiology": 40, "cardiology": 10}'),
    "54_duplicate_modality_key": json.dumps(BASE).replace(
        '"modalities": {"CT": {"exams_per_day": 76, "working_days": 20, "max_travel_minutes": 45}}',
        '"modalities": {"CT": {"exams_per_day": 76, "working_days": 20, "max_travel_minutes": 45}, '
        '"CT": {"exams_per_day": 7, "working_days": 2, "max_travel_minutes": 5}}'),
    "55_duplicate_min_days_tier_key": json.dumps(BASE).replace(
        '"min_days_by_tier": {"township_health_centre": 4}',
        '"min_days_by_tier": {"township_health_centre": 4, "township_health_centre": 0}'),
}


def main():
    for name, fn in JSON_CASES.items():
        (HERE / f"{name}.json").write_text(json.dumps(case(fn), ensure_ascii=False, indent=1) + "\n")
    for name, fn in WARNING_CASES.items():
        (HERE / f"{name}.json").write_text(json.dumps(case(fn), ensure_ascii=False, indent=1) + "\n")
    for name, text in RAW_CASES.items():
        (HERE / f"{name}.json").write_text(text)


if __name__ == "__main__":
    main()
