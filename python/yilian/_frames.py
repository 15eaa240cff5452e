"""pandas DataFrames -> scenario JSON text (used by ``Scenario.from_frames``).

The frames are checked here for what JSON cannot say (missing columns, column dtypes,
NaN, whole numbers); everything else (tiers, unknown ids, negative values, ...) is
checked by the Rust core, whose messages name the same paths
(``institutions[3].population``, ``pools[0].home``).
"""

from __future__ import annotations

import json
import math
from typing import Any, Dict, List, Mapping, Optional

from ._yilian import ValidationError

INSTITUTION_REQUIRED = ("id", "tier")
INSTITUTION_TEXT = ("name", "district", "consortium")
INSTITUTION_NUMBERS = ("population", "room_days")
POOL_REQUIRED_TEXT = ("id", "home", "specialty")
POOL_REQUIRED_NUMBERS = ("headcount", "days_per_person", "max_travel_minutes", "visits_per_day")
POOL_OPTIONAL_NUMBERS = ("home_min_days", "cost_per_day", "cost_per_minute")
LINK_TEXT = ("from", "to")


def _columns(df: Any, table: str) -> List[str]:
    if not hasattr(df, "columns") or not hasattr(df, "iloc"):
        raise ValidationError(f"{table}: expected a pandas DataFrame, found {type(df).__name__}")
    cols = [c for c in df.columns]
    for c in cols:
        if not isinstance(c, str):
            raise ValidationError(f"{table}: column names must be strings, found {c!r}")
    return cols


def _require(cols: List[str], names, table: str) -> None:
    for n in names:
        if n not in cols:
            raise ValidationError(
                f"{table}.{n}: missing column (the frame has: {', '.join(cols) or 'no columns'})"
            )


def _numbers(df: Any, col: str, table: str, *, nan_ok: bool = False) -> List[Optional[float]]:
    import pandas as pd

    series = df[col]
    if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
        bad = next(
            (
                (i, v)
                for i, v in enumerate(series.tolist())
                if isinstance(v, bool) or not isinstance(v, (int, float))
            ),
            None,
        )
        where = f" ({table}[{bad[0]}].{col} is {bad[1]!r})" if bad else ""
        raise ValidationError(f"{table}.{col}: expected numbers, found dtype {series.dtype}{where}")
    out: List[Optional[float]] = []
    for i, v in enumerate(series.tolist()):
        v = float(v)
        if math.isnan(v):
            if not nan_ok:
                raise ValidationError(f"{table}[{i}].{col}: NaN (a number is required)")
            out.append(None)
        elif math.isinf(v):
            raise ValidationError(f"{table}[{i}].{col}: {v} (a finite number is required)")
        else:
            out.append(v)
    return out


def _texts(df: Any, col: str, table: str, *, missing_ok: bool = False) -> List[Optional[str]]:
    out: List[Optional[str]] = []
    for i, v in enumerate(df[col].tolist()):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            if not missing_ok:
                raise ValidationError(f"{table}[{i}].{col}: missing value (a string is required)")
            out.append(None)
        elif isinstance(v, str):
            out.append(v)
        else:
            raise ValidationError(
                f"{table}[{i}].{col}: expected a string, found {type(v).__name__} {v!r}"
                " (convert the column with .astype(str))"
            )
    return out


def _institutions(df: Any) -> List[Dict[str, Any]]:
    t = "institutions"
    cols = _columns(df, t)
    _require(cols, INSTITUTION_REQUIRED, t)
    known = set(INSTITUTION_REQUIRED + INSTITUTION_TEXT + INSTITUTION_NUMBERS + ("lon", "lat"))
    for c in cols:
        if c not in known and not c.startswith("demand.") and not c.startswith("exams."):
            raise ValidationError(
                f"{t}.{c}: unknown column (expected id, tier, name, district, consortium, "
                "lon, lat, population, room_days, demand.<specialty>, exams.<modality>)"
            )
    if ("lon" in cols) != ("lat" in cols):
        raise ValidationError(f"{t}.{'lat' if 'lon' in cols else 'lon'}: missing column (lon and lat go together)")
    n = len(df)
    rows: List[Dict[str, Any]] = [{} for _ in range(n)]
    for col in ("id", "tier"):
        for r, v in zip(rows, _texts(df, col, t)):
            r[col] = v
    for col in INSTITUTION_TEXT:
        if col in cols:
            for r, v in zip(rows, _texts(df, col, t, missing_ok=True)):
                if v is not None:
                    r[col] = v
    if "lon" in cols:
        lons = _numbers(df, "lon", t, nan_ok=True)
        lats = _numbers(df, "lat", t, nan_ok=True)
        for i, (r, lon, lat) in enumerate(zip(rows, lons, lats)):
            if (lon is None) != (lat is None):
                col = "lon" if lon is None else "lat"
                raise ValidationError(f"{t}[{i}].{col}: NaN while the other coordinate is set")
            if lon is not None:
                r["location"] = {"lon": lon, "lat": lat}
    for col in INSTITUTION_NUMBERS:
        if col in cols:
            for r, v in zip(rows, _numbers(df, col, t)):
                r[col] = v
    for prefix, key in (("demand.", "demand"), ("exams.", "exams")):
        for col in cols:
            if not col.startswith(prefix):
                continue
            name = col[len(prefix):]
            if not name:
                raise ValidationError(f"{t}.{col}: the column names no {key[:-1] if key == 'exams' else 'specialty'}")
            # NaN means no demand of this kind at that institution.
            for r, v in zip(rows, _numbers(df, col, t, nan_ok=True)):
                if v is not None:
                    r.setdefault(key, {})[name] = v
    return rows


def _pools(df: Any) -> List[Dict[str, Any]]:
    t = "pools"
    cols = _columns(df, t)
    _require(cols, POOL_REQUIRED_TEXT + POOL_REQUIRED_NUMBERS, t)
    known = set(POOL_REQUIRED_TEXT + POOL_REQUIRED_NUMBERS + POOL_OPTIONAL_NUMBERS)
    for c in cols:
        if c not in known:
            raise ValidationError(
                f"{t}.{c}: unknown column (expected {', '.join(POOL_REQUIRED_TEXT + POOL_REQUIRED_NUMBERS + POOL_OPTIONAL_NUMBERS)})"
            )
    rows: List[Dict[str, Any]] = [{} for _ in range(len(df))]
    for col in POOL_REQUIRED_TEXT:
        for r, v in zip(rows, _texts(df, col, t)):
            r[col] = v
    for col in POOL_REQUIRED_NUMBERS + POOL_OPTIONAL_NUMBERS:
        if col not in cols:
            continue
        for i, (r, v) in enumerate(zip(rows, _numbers(df, col, t))):
            if col == "headcount":
                if v != int(v) or v < 0:
                    raise ValidationError(f"{t}[{i}].headcount: {v} is not a whole number >= 0")
                r[col] = int(v)
            else:
                r[col] = v
    return rows


def _links(df: Any) -> List[Dict[str, Any]]:
    t = "links"
    cols = _columns(df, t)
    _require(cols, LINK_TEXT + ("minutes",), t)
    for c in cols:
        if c not in ("from", "to", "minutes"):
            raise ValidationError(f"{t}.{c}: unknown column (expected from, to, minutes)")
    rows: List[Dict[str, Any]] = [{} for _ in range(len(df))]
    for col in LINK_TEXT:
        for r, v in zip(rows, _texts(df, col, t)):
            r[col] = v
    for r, v in zip(rows, _numbers(df, "minutes", t)):
        r["minutes"] = v
    return rows


def scenario_json(
    institutions: Any,
    pools: Any,
    links: Any = None,
    policy: Optional[Mapping[str, Any]] = None,
    name: str = "scenario",
    period_days: Optional[float] = None,
    travel: Optional[Mapping[str, Any]] = None,
) -> str:
    """The scenario JSON text for the frames (see ``Scenario.from_frames``)."""
    doc: Dict[str, Any] = {
        "format": "yilian/1",
        "name": name,
        "institutions": _institutions(institutions),
        "pools": _pools(pools),
    }
    if period_days is not None:
        doc["period_days"] = _finite(_number(period_days, "period_days"), "period_days")
    if links is not None:
        doc["links"] = _links(links)
    for key, value in (("policy", policy), ("travel", travel)):
        if value is None:
            continue
        if not isinstance(value, Mapping):
            raise ValidationError(f"{key}: expected a dict, found {type(value).__name__}")
        try:
            plain = json.loads(json.dumps(dict(value), default=_plain))
        except (TypeError, ValueError) as e:
            raise ValidationError(f"{key}: {e}") from None
        doc[key] = _finite(plain, key)
    try:
        return json.dumps(doc, allow_nan=False)
    except ValueError as e:  # infinities
        raise ValidationError(f"scenario: {e}") from None


def _number(v: Any, path: str) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) and not hasattr(v, "item"):
        raise ValidationError(f"{path}: expected a number, found {type(v).__name__} {v!r}")
    return float(v.item() if hasattr(v, "item") else v)


def _finite(v: Any, path: str) -> Any:
    """``v`` with every number checked finite; a NaN or infinity is refused naming its
    path (``policy.budget``, ``policy.unmet_weight.cardiology``), not with JSON's
    "Out of range float values are not JSON compliant"."""
    if isinstance(v, float) and not math.isfinite(v):
        what = "NaN (a number is required)" if math.isnan(v) else f"{v} (a finite number is required)"
        raise ValidationError(f"{path}: {what}")
    if isinstance(v, dict):
        return {k: _finite(x, f"{path}.{k}") for k, x in v.items()}
    if isinstance(v, list):
        return [_finite(x, f"{path}[{i}]") for i, x in enumerate(v)]
    return v


def _plain(v: Any) -> Any:
    # numpy scalars in a policy dict
    if hasattr(v, "item"):
        return v.item()
    raise TypeError(f"{v!r} is not a number, string, list or dict")
