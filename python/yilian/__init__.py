"""yilian: optimisation models for regional medical consortia (医联体 / 医共体).

Which specialists go where and how often, under limits of staff days, travel time,
rooms and budget. The models run in Rust (the ``yilian`` crate); its native module
``yilian._yilian`` reads pandas frames in and gives them out, and this package adds
reports, cost sharing and sweeps on top (the native module never imports it back).

>>> import yilian
>>> scenario = yilian.generate_county(7)
>>> plan = scenario.solve("rotation", backend="highs")
>>> plan.status
'optimal'
>>> plan.check()
[]

Scenarios come from JSON (``Scenario.from_json(path)``, ``Scenario.from_json_str``),
from generators (``generate_county``, ``generate_city``) or from pandas frames
(``Scenario.from_frames``):

* ``institutions``: one row per institution. Columns ``id`` and ``tier`` (one of
  ``tertiary``, ``secondary``, ``community_health_centre``, ``township_health_centre``,
  ``village_clinic``, ``other``) are required; optional ``name``, ``district``,
  ``consortium``, ``lon`` and ``lat`` (degrees, both or neither), ``population``,
  ``room_days``. Demand is *wide*: one column ``demand.<specialty>`` per specialty
  (visits per period; NaN means no demand for that specialty there), likewise
  ``exams.<modality>``.
* ``pools``: one row per specialist pool: ``id``, ``home`` (an institution id),
  ``specialty``, ``headcount`` (whole number), ``days_per_person``,
  ``max_travel_minutes``, ``visits_per_day``; optional ``home_min_days``,
  ``cost_per_day``, ``cost_per_minute``.
* ``links`` (optional): ``from``, ``to``, ``minutes`` (roads; without them travel
  comes from coordinates).
* ``policy`` (optional): a dict as in the scenario file, for example
  ``{"min_days_by_tier": {"township_health_centre": 4}, "budget": 50000}``.

``scenario.solve("rotation", ...)`` returns a :class:`Plan` (M1);
``scenario.solve("roster", days=28, targets=plan)`` a :class:`RosterPlan` (M2: the
calendar of named specialists, ``to_frames()["calendar"]`` one row per specialist,
date and host; ``targets`` a rotation :class:`Plan`, ``"rotation"`` or None for
demand);
``scenario.solve("scanners", ...)`` a :class:`ScannerPlan` (M3, for scenarios with an
``imaging`` section).

Errors: every error derives from :class:`YilianError`; bad inputs raise
:class:`ValidationError`, a model without a plan :class:`InfeasibleError`, solver
trouble :class:`SolverError`. Messages name the field and the value, for example
``pools[0].home: ...``.

``yilian.report(plan)`` measures what a plan changes (coverage, 2SFCA accessibility,
Gini and Theil, utilisation and shadow prices) as a :class:`Report` of DataFrames with
``plot_map`` and ``plot_access``; ``yilian.gini`` and ``yilian.theil`` are the core's
inequality indices.

Who pays and who gains (model M6): ``yilian.share(scenario, model="scanners",
rule="shapley")`` shares a model's optimal cost among the scenario's ``members`` (Shapley,
nucleolus, least core, proportional; models rotation, scanners and referral) and returns
a :class:`Share` of DataFrames with a ``plot``; ``engine="process"`` or ``"ray"`` solves
the coalitions as tasks of the sweep engines (each once); ``yilian.Game(values)`` is the cooperative game on its own, for any
characteristic function (a dict of tuples of player indices, ``()`` included, to costs).

Scenario and Plan objects are picklable (through their JSON text).

``yilian.sweep(scenarios, grid, model, engine)`` runs a model over scenarios x a grid
of overrides by path (``{"policy.budget": [1e5, 2e5], "pools.*.max_travel_minutes":
[45, 60]}``) on processes or Ray, into one tidy DataFrame (see :mod:`yilian.sweep`);
``Scenario.with_overrides`` applies one set of overrides.

Classic location models on a cost matrix (p-median, p-center, MCLP, LSCP, CFLP,
capacitated p-median) are in :mod:`yilian.location`, in PySAL spopt's idiom::

    from yilian.location import PMedian
    result = PMedian.from_cost_matrix(cost, weights, p=10).solve(gap=0)
    result.objective, result.status, result.open_sites, result.to_frame()

GeoDataFrames in and out (``pip install yilian[geo]``): ``Scenario.from_geodataframe``,
``plan.to_geodataframe()`` and ``PMedian.from_geodataframe(demand, sites, ...)`` (every
location model), documented in :mod:`yilian.geo`.
"""

from ._yilian import (
    Game,
    InfeasibleError,
    Plan,
    ReferralPlan,
    RosterPlan,
    ScannerPlan,
    Scenario,
    SolverError,
    ValidationError,
    YilianError,
    __version__,
    backends,
    generate_city,
    generate_county,
    gini,
    theil,
)
from . import location
from . import geo
from ._report import Report, report
from ._share import Share, plot_share, share
from .sweep import sweep

__all__ = [
    "Scenario",
    "Plan",
    "ScannerPlan",
    "ReferralPlan",
    "RosterPlan",
    "YilianError",
    "ValidationError",
    "InfeasibleError",
    "SolverError",
    "generate_county",
    "generate_city",
    "backends",
    "report",
    "Report",
    "gini",
    "theil",
    "__version__",
    "location",
    "geo",
    "Game",
    "Share",
    "share",
    "plot_share",
    "sweep",
]
