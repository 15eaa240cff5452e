"""Overrides by path as the core reads them: ``(path, JSON text of the value)`` pairs."""

from __future__ import annotations

import json
from typing import Any, Mapping

import numpy as np


def _plain(value: Any) -> Any:
    """NumPy scalars and arrays as Python numbers and lists (for ``json.dumps``)."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{value!r} ({type(value).__name__}) cannot be written as JSON")


def value_json(value: Any) -> str:
    """The JSON text of one override value (NaN and infinities are refused)."""
    return json.dumps(value, default=_plain, allow_nan=False)


def pairs(overrides: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``[(path, JSON text)]`` from a mapping path -> value, in the mapping's order."""
    if not isinstance(overrides, Mapping):
        raise TypeError(
            f"overrides must be a mapping path -> value, not {type(overrides).__name__}"
        )
    out = []
    for path, value in overrides.items():
        if not isinstance(path, str):
            raise TypeError(f"override paths are strings, not {path!r}")
        try:
            out.append((path, value_json(value)))
        except (TypeError, ValueError) as e:
            from . import ValidationError

            raise ValidationError(f"{path}: {e}") from None
    return out
