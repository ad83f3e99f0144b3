"""optimize(): search policies for the cost/latency Pareto front; ParetoFront and Candidate.

The search itself is the C++ optimizer (``autoscalesim::optimize``: grid_search and
adaptive_search, Pareto filtering, hypervolume, train/test), run without the GIL; this module
describes the problem in Python terms and turns the result into pandas and plots.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from . import _args, _core
from ._progress import progress_bar
from .config import BUILTIN_POLICIES, Endpoint, TargetTracking
from .simulation import Result, RunSettings, build_scenario, simulate, warn_caveats
from .trace import Trace


def _searchable(*configs) -> list[dict]:
    return [f for c in configs for f in c.FIELDS if f["searchable"]]


#: The dimensions of the search space, in the order the grid enumerates them (the last varies
#: fastest): every searchable field of the scaling, endpoint and target-tracking configurations
#: (the C++ descriptions), e.g. min_capacity, max_capacity, initial_capacity, target_value,
#: scale_out_cooldown_s, scale_in_cooldown_s, high_evaluation_periods, low_threshold_fraction.
PARAMETERS = tuple(f["name"] for f in _searchable(_core.ScalingConfig, _core.EndpointConfig,
                                                   _core.TargetTrackingConfig))
_INTEGER = ("min_capacity", "max_capacity")
#: The target-tracking policy's searchable fields (a candidate's policy takes them).
_POLICY_PARAMETERS = tuple(f["name"] for f in _searchable(_core.TargetTrackingConfig))
#: Parameters whose values are whole numbers, as a scenario file's space may hold them
#: ("instance_type" is an index into the space's instance types; "[i]" names policy i's).
_WHOLE = tuple(f["name"] for f in _searchable(_core.ScalingConfig, _core.EndpointConfig,
                                               _core.TargetTrackingConfig)
               if f["integer"]) + ("instance_type",)


def _whole(name: str) -> bool:
    return name.split("[", 1)[0] in _WHOLE


METHODS = ("grid", "adaptive")


@dataclass(frozen=True)
class Problem:
    """What every evaluation shares: the traffic, endpoint, base policy and settings, the searched
    dimensions (``(name, values)`` pairs), objectives and constraints, and the built-in policies
    that run unchanged beside the searched one (`fixed_policies`). Picklable: Dask sends it to
    every worker once, and each worker builds the C++ problem from it once."""

    trace: Trace
    endpoint: Endpoint
    policy: TargetTracking
    settings: RunSettings
    dimensions: tuple = ()
    objectives: tuple = ("cost_usd", "p99_latency_s")
    constraints: tuple = ()  #: ``(("max_error_rate", 1e-3), ...)``, as parsed by best()
    fixed_policies: tuple = ()  #: built-in policies run unchanged beside the searched one
    #: what :meth:`ParetoFront.best` applies when given no constraint: the SLO given to
    #: :func:`optimize` (``(("min_slo_attainment", 0.99),)``), empty when none was given
    choose: tuple = ()

    @property
    def policies(self) -> list:
        """The base policy list: the searched target-tracking policy first, then the fixed
        ones."""
        return [self.policy, *self.fixed_policies]

    def core(self, trace: Trace | None = None) -> _core.Problem:
        """The C++ problem on `trace` (default: the tuning trace; that one is built once)."""
        if trace is not None:
            return self._build(trace)
        cached = self.__dict__.get("_core_problem")
        if cached is None:
            cached = self._build(self.trace)
            object.__setattr__(self, "_core_problem", cached)
        return cached

    def _build(self, trace: Trace) -> _core.Problem:
        sc = build_scenario(trace, self.endpoint, self.policies, self.settings)
        sc.record_timeline = False
        space = _core.SearchSpace()
        for name, values in self.dimensions:
            if len(values) == 1:
                space.add(_core.Dimension.fixed(name, float(values[0])))
            else:
                space.add(_core.Dimension.choice(name, [float(v) for v in values]))
        p = _core.Problem()
        p.scenarios = [sc]
        p.space = space
        p.objectives = list(self.objectives)
        p.constraints = _core_constraints(dict(self.constraints))
        return p

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_core_problem", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)


def grid(**dimensions) -> list[dict]:
    """Every combination of the given dimension values in the order the optimizer's grid
    enumerates them (values sorted, the last dimension fastest), skipping
    min_capacity > max_capacity. A scalar is a fixed dimension. Values are finite numbers
    (NaN or an infinity is a ConfigError naming the dimension).

    Example::

        grid(min_capacity=[1, 2], max_capacity=10, target_value=[20, 30])   # 4 candidates
    """
    import itertools

    dims = _dimensions(dimensions)
    names = [n for n, _ in dims]
    out = []
    for combo in itertools.product(*(v for _, v in dims)):
        params = dict(zip(names, combo))
        if params.get("min_capacity", 0) <= params.get("max_capacity", math.inf):
            out.append(params)
    return out


def _dimensions(dimensions: Mapping) -> tuple:
    """``(name, sorted distinct values)`` per dimension, in PARAMETERS order; checks names,
    emptiness and that some min_capacity is not above some max_capacity."""
    unknown = set(dimensions) - set(PARAMETERS)
    if unknown:
        raise _core.ConfigError(
            f"search space: unknown dimension {sorted(unknown)[0]!r} "
            f"(known: {', '.join(PARAMETERS)})"
        )
    out = []
    for name in PARAMETERS:
        if name not in dimensions:
            continue
        v = dimensions[name]
        v = list(v) if isinstance(v, Iterable) and not isinstance(v, str) else [v]
        if not v:
            raise _core.ConfigError(f"search space: {name} has no value")
        v = sorted(set(_args.integer(x, name, 0, _args.MAX_CAPACITY) if name in _INTEGER
                       else _finite(_args.number(x, name), name) for x in v))
        out.append((name, tuple(v)))
    d = dict(out)
    if "min_capacity" in d and "max_capacity" in d and \
            min(d["min_capacity"]) > max(d["max_capacity"]):
        raise _core.ConfigError(
            "search space: every min_capacity is greater than every max_capacity"
        )
    return tuple(out)


def _initial_policies(policies: Sequence[Mapping[str, float]], dims: tuple) -> list:
    """Each policy mapping as one value per dimension, in the dimensions' order (a dimension
    left out takes its first value); names and ranges checked (the search snaps each value to
    the nearest searched one)."""
    if isinstance(policies, Mapping):
        raise _core.ConfigError("initial_policies: expected a list of policies "
                                "({name: value} each), got one mapping")
    if isinstance(policies, (str, bytes)) or not isinstance(policies, Iterable):
        raise TypeError(f"initial_policies: expected a list of policies ({{name: value}} each), "
                        f"got {_args._shown(policies)}")
    names = [name for name, _ in dims]
    out = []
    for i, policy in enumerate(policies):
        if not isinstance(policy, Mapping):
            raise _core.ConfigError(f"initial_policies[{i}]: expected a mapping of dimension "
                                    f"to value, got {type(policy).__name__}")
        unknown = set(policy) - set(names)
        if unknown:
            raise _core.ConfigError(
                f"initial_policies[{i}]: {sorted(unknown)[0]!r} is not a searched dimension "
                f"(searched: {', '.join(names)})")
        row = []
        for name, values in dims:
            v = (_args.number(policy[name], f"initial_policies[{i}].{name}") if name in policy
                 else float(values[0]))
            if not values[0] <= v <= values[-1]:
                raise _core.ConfigError(
                    f"initial_policies[{i}].{name}: {v:g} is outside the searched values "
                    f"[{values[0]:g}, {values[-1]:g}]")
            row.append(v)
        out.append(row)
    return out


def _grid_count(dims: tuple) -> int:
    """Policies of the grid, min_capacity > max_capacity skipped."""
    d = dict(dims)
    mins, maxs = d.get("min_capacity", (0,)), d.get("max_capacity", (math.inf,))
    n = sum(1 for a in mins for b in maxs if a <= b)
    for name, values in dims:
        if name not in _INTEGER:
            n *= len(values)
    return n


@dataclass
class Candidate:
    """One evaluated policy: its parameters, its summary, and how to run it again.

    Example::

        best = front.best(max_p99_latency_s=5.0)   # None when no policy meets it
        best.params, best.summary["cost_usd"]
        best.simulate(test_trace).summary      # the same policy on held-out traffic
    """

    params: dict
    summary: dict
    problem: Problem = field(repr=False)
    #: the constraints it was chosen under (``{"min_slo_attainment": 0.99}``); empty when it was
    #: chosen with none (the cheapest feasible policy)
    constraints: dict = field(default_factory=dict)

    def _repr_html_(self) -> str:
        from . import _html

        rows = [(k, f"{v:g}" if isinstance(v, float) else str(v)) for k, v in self.params.items()]
        s = self.summary
        for key, fmt in (("cost_usd", _html.money), ("p99_latency_s", _html.seconds),
                         ("slo_attainment", lambda v: f"{v:.4f}"), ("error_rate", _html.rate)):
            if key in s:
                rows.append((key, fmt(s[key])))
        under = repr(self).rsplit("; ", 1)[-1].rstrip(")")
        return _html.table("Candidate", rows, [under])

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
                           for k, v in self.params.items())
        figures = ", ".join(f"{k} {self.summary[k]:.4g}" for k in
                            ("cost_usd", "p99_latency_s", "error_rate") if k in self.summary)
        if self.constraints:
            under = "chosen under " + ", ".join(
                f"{k[4:]} {'<=' if k.startswith('max_') else '>='} {v:g}"
                for k, v in self.constraints.items())
        else:
            under = "chosen with no constraint"
        return f"Candidate({params}; {figures}; {under})"

    @property
    def policy(self) -> TargetTracking | None:
        """The target-tracking policy with this candidate's parameters (for a scenario file's
        search, its first target-tracking policy, or None if it has none)."""
        if not isinstance(self.problem, Problem):
            tracking = [p for p in self.policies if isinstance(p, TargetTracking)]
            return tracking[0] if tracking else None
        return replace(self.problem.policy,
                       **{k: self.params[k] for k in _POLICY_PARAMETERS if k in self.params})

    @property
    def policies(self) -> list:
        """Every policy of this candidate: :attr:`policy`, then the search's fixed policies (for
        a scenario file's search, the file's policies with the parameters applied)."""
        if not isinstance(self.problem, Problem):
            return self.problem.policies(self.params)
        return [self.policy, *self.problem.fixed_policies]

    @property
    def min_capacity(self) -> int:
        """MinCapacity (instances)."""
        if "min_capacity" not in self.params:
            return int(self.problem.scenario(self.params).scaling.min_capacity)
        return int(self.params["min_capacity"])

    @property
    def max_capacity(self) -> int:
        """MaxCapacity (instances)."""
        if "max_capacity" not in self.params:
            return int(self.problem.scenario(self.params).scaling.max_capacity)
        return int(self.params["max_capacity"])

    def simulate(self, trace: Trace | None = None, **kwargs) -> Result:
        """Simulates this policy with its timeline, on `trace` (default: the one it was tuned
        on) with the same endpoint and settings; keyword arguments override settings.

        Example::

            best.simulate(test_trace).plot()
        """
        if not isinstance(self.problem, Problem):  # a scenario file's search (FileProblem)
            return self.problem.simulate(self.params, trace, **kwargs)
        args = asdict(self.problem.settings)
        args.update(min_capacity=self.min_capacity, max_capacity=self.max_capacity)
        args.update(kwargs)
        endpoint = self.problem.endpoint
        if "initial_capacity" in self.params:
            endpoint = replace(endpoint, initial_capacity=int(self.params["initial_capacity"]))
        return simulate(trace or self.problem.trace, endpoint, self.policies, **args)


class ParetoFront:
    """Every evaluated policy and the Pareto front of the feasible ones.

    - ``points``: DataFrame of every evaluation (parameters, summary, ``feasible``,
      ``on_front``), indexed by grid index (grid search) or evaluation order (adaptive);
    - ``to_pandas()``: the front, sorted by the objectives;
    - ``best(**constraints)``: the cheapest feasible policy that meets `constraints`;
    - ``hypervolume(ref)``: the objective-space volume the front dominates up to `ref`;
    - ``train_test(test_trace)``: the front re-evaluated on held-out traffic, with the gap;
    - ``plot()``: cost against latency, front and chosen policy labelled;
    - ``complete``: False when the search was stopped early (Ctrl-C, time limit) and holds what
      it found; ``stop_reason`` says why it ended; ``result`` is the C++ search result.
    """

    def __init__(self, points, objectives: Sequence[str], parameters: Sequence[str],
                 constraints: Mapping[str, float], problem: Problem | None,
                 complete: bool = True, result: _core.SearchResult | None = None):
        self.objectives = tuple(objectives)
        self.parameters = tuple(parameters)
        self.constraints = dict(constraints)
        self.problem = problem
        self.result = result
        self.complete = complete
        self.stop_reason = result.stop_reason if result is not None else ""
        points = points.copy()
        if "feasible" not in points:
            points["feasible"] = _satisfies(points, self.constraints)
        if "on_front" not in points:
            on_front = np.zeros(len(points), dtype=bool)
            idx = np.flatnonzero(points["feasible"].to_numpy())
            objs = points[list(self.objectives)].to_numpy(dtype=float)[idx]
            on_front[idx[_core.pareto_front(objs.tolist())]] = True
            points["on_front"] = on_front
        self.points = points

    @classmethod
    def from_result(cls, result: _core.SearchResult, problem: Problem) -> ParetoFront:
        """The front of a C++ search result (every kept evaluation, its feasibility and front
        membership as the C++ search decided them)."""
        import pandas as pd

        arrays = result.arrays()
        names = list(result.parameter_names)
        index = pd.Index(arrays["index"], name="candidate")
        params = pd.DataFrame(arrays["parameters"], columns=names, index=index)
        for name in names:
            if _whole(name):
                params[name] = params[name].astype(np.int64)
        fields = pd.DataFrame(arrays["fields"], columns=list(_core.summary_fields()), index=index)
        for name in fields.columns:  # counts as integers, as Result.summary has them
            column = fields[name].to_numpy()
            if (_core.is_count_field(name) and np.isfinite(column).all()
                    and (column == np.floor(column)).all()):
                fields[name] = column.astype(np.int64)
        points = pd.concat([params, fields], axis=1)
        points["feasible"] = arrays["feasible"]
        points["on_front"] = points.index.isin(result.arrays(front=True)["index"])
        return cls(points, result.objective_names, names, dict(problem.constraints), problem,
                   complete=not result.stopped, result=result)

    def to_pandas(self):
        """The Pareto-optimal feasible policies (parameters and summary), sorted by the
        objectives.

        Example::

            front.to_pandas()[["min_capacity", "target_value", "cost_usd", "p99_latency_s"]]
        """
        pf = self.points[self.points["on_front"]]
        return pf.sort_values(list(self.objectives), kind="stable")

    def __len__(self) -> int:
        return int(self.points["on_front"].sum())

    def best(self, *, slo: bool = True, **constraints: float) -> Candidate | None:
        """The cheapest feasible policy (lowest cost_usd, or cost_with_plan_usd when that is
        an objective; ties broken by the objectives) that also meets `constraints`, or None if
        none does.

        Constraints are ``max_<field>=value`` or ``min_<field>=value`` on any summary field
        (``max_p99_latency_s=0.5``, ``max_error_rate=1e-3``, ``min_slo_attainment=0.99``);
        ``max_p99_ms=500`` is ``max_p99_latency_s=0.5``.

        Given no constraint, it applies the SLO given to :func:`optimize` (`slo_latency_s`,
        `slo_target`: ``min_slo_attainment=slo_target``, so a policy that serves less than
        `slo_target` of the requests within `slo_latency_s`, errors counted as misses, is not
        chosen) or a scenario file's ``"choose"``; ``slo=False`` drops it. The candidate's
        :attr:`~Candidate.constraints` (and repr) say what it was chosen under, or that it was
        chosen with no constraint.

        Example::

            front.best(max_p99_latency_s=2.0, max_error_rate=1e-3)
            front.best()            # under the search's SLO, if one was given
        """
        if not constraints and slo:
            constraints = dict(getattr(self.problem, "choose", None) or {})
        parsed = _parse_constraints(constraints)
        if self.result is not None:
            e = self.result.best(_core_constraints(parsed))
            return None if e is None else self._candidate(e.parameters, e.summary, parsed)
        pts = self.points[self.points["feasible"]]
        pts = pts[_satisfies(pts, parsed)]
        if pts.empty:
            return None
        cost = _core.cost_field(list(self.objectives))
        order = [cost, *(o for o in self.objectives if o != cost)]
        row = pts.sort_values(order, kind="stable").iloc[0]
        return self._candidate([row[p] for p in self.parameters],
                               {k: _plain(row[k]) for k in _core.summary_fields() if k in row},
                               parsed)

    def recommended(self) -> Candidate | None:
        """The policy the search's own constraints pick: a scenario file's ``"choose"`` (what
        ``autoscalesim optimize`` reports as recommended), or the SLO given to :func:`optimize`;
        :meth:`best` with no argument.

        Example::

            asim.load_scenario("examples/scenarios/nasa_optimize.json").optimize().recommended()
        """
        return self.best()

    @property
    def reference_point(self) -> list[float]:
        """The search's hypervolume reference point (given, or 10 % beyond the front's
        nadir)."""
        return list(self.result.reference_point) if self.result is not None else []

    def hypervolume(self, ref: Sequence[float] | None = None) -> float:
        """The volume of objective space dominated by the front and bounded by `ref` (one finite
        value per objective, each worse than the front; default: :attr:`reference_point`), in
        the objectives' units multiplied. Points not better than `ref` in every objective add
        nothing, so a `ref` that every point of the front exceeds in some objective gives 0 (the
        front dominates nothing inside it): a value, not an error, so that fronts compared at one
        reference point can score 0. A NaN or infinite `ref` is a ConfigError.

        Example::

            front.hypervolume([200.0, 60.0])   # USD x seconds for cost and p99 latency
        """
        if ref is None:
            if self.result is None:
                raise _core.ConfigError("ref: no reference point (pass one value per objective)")
            return float(self.result.hypervolume)
        ref = _reference_point(ref, self.objectives, "ref")
        pts = self.to_pandas()[list(self.objectives)].to_numpy(dtype=float)
        return float(_core.hypervolume(pts.tolist(), ref))

    def train_test(self, test: Trace, threads: int | None = None):
        """The front's policies evaluated on held-out traffic `test` (same endpoint, settings,
        objectives and constraints): one row per front policy with its parameters,
        ``train_<objective>``, ``test_<objective>``, ``gap_<objective>`` (test - train) and
        ``test_feasible``. ``.attrs`` holds ``mean_gap`` (per objective) and ``test_feasible``
        (how many stay feasible).

        Example::

            train, test = trace.split(0.75)
            front = asim.optimize(train, endpoint, target_value=range(10, 61, 5))
            front.train_test(test)
        """
        import pandas as pd

        if self.result is None or self.problem is None:
            raise _core.ConfigError("train_test: this front has no search result to re-evaluate")
        test = _args.trace(test, "test")
        test_problem = self.problem.core(test)
        threads = 0 if threads is None else _args.integer(threads, "threads", 0, 4096)
        report = _core.train_test(self.problem.core(), self.result, test_problem.scenarios,
                                  threads)
        rows, index = [], []
        for r in report.rows:
            row = self._params(r.train.parameters)
            for k, name in enumerate(self.objectives):
                row[f"train_{name}"] = r.train.objectives[k]
                row[f"test_{name}"] = r.test.objectives[k]
                row[f"gap_{name}"] = r.gap[k]
            row["test_feasible"] = r.test.feasible
            rows.append(row)
            index.append(r.train.index)
        df = pd.DataFrame(rows, index=pd.Index(index, name="candidate"))
        df.attrs["mean_gap"] = dict(zip(self.objectives, report.mean_gap))
        df.attrs["test_feasible"] = report.test_feasible
        return df

    def plot(self, chosen: Candidate | None = None, **kwargs):
        """Cost against latency: every evaluation, the front and `chosen` highlighted
        (see :func:`autoscalesim.plotting.plot_pareto`). Returns the Figure.

        Example::

            front.plot(chosen=front.best(max_p99_latency_s=2.0))
        """
        from .plotting import plot_pareto

        if chosen is not None and not isinstance(chosen, Candidate):
            raise TypeError(f"chosen: expected a Candidate (e.g. front.best(...)) or None, got "
                            f"{_args._shown(chosen)}")
        return plot_pareto(self, chosen=chosen, **kwargs)

    def describe(self, params) -> str:
        """A short label of a policy's varying parameters (a dict, or a row of :meth:`to_pandas`),
        e.g. ``min 2 max 20 target 30``."""
        short = {"min_capacity": "min", "max_capacity": "max", "target_value": "target",
                 "scale_out_cooldown_s": "out cd", "scale_in_cooldown_s": "in cd"}
        varying = [p for p in self.parameters if self.points[p].nunique() > 1] or ["target_value"]
        if not (hasattr(params, "keys") and hasattr(params, "__getitem__")):  # a dict or a row
            raise TypeError(f"params: expected a dict of parameters (Candidate.params), got "
                            f"{_args._shown(params)}")
        missing = [p for p in varying if p not in params.keys()]
        if missing:
            raise KeyError(f"params: no {', '.join(map(repr, missing))} (expected the front's "
                           f"parameters: {', '.join(self.parameters)})")
        return " ".join(f"{short.get(p, p)} {params[p]:g}" for p in varying)

    def _params(self, values) -> dict:
        return {p: int(v) if _whole(p) else _plain(v) for p, v in zip(self.parameters, values)}

    def _candidate(self, values, summary: dict,
                   constraints: Mapping[str, float] | None = None) -> Candidate:
        return Candidate(self._params(values), dict(summary), self.problem,
                         dict(constraints or {}))

    def _repr_html_(self) -> str:
        import html

        varying = [p for p in self.parameters if self.points[p].nunique() > 1]
        cols = [*(varying or self.parameters), *self.objectives]
        extra = [c for c in ("slo_attainment", "error_rate") if c in self.points
                 and c not in cols]
        front = self.to_pandas()[cols + extra]
        return (f"<div><b>{html.escape(repr(self))}</b>"
                f"{front.to_html(max_rows=20, float_format=lambda v: f'{v:.4g}')}</div>")

    def __repr__(self) -> str:
        state = "" if self.complete else f", {self.stop_reason or 'stopped'}"
        return (f"ParetoFront({len(self)} Pareto-optimal of {len(self.points)} evaluated, "
                f"objectives {', '.join(self.objectives)}{state})")


def optimize(
    trace: Trace,
    endpoint: Endpoint,
    *,
    min_capacity=1,
    max_capacity=10,
    target_value=None,
    scale_out_cooldown_s=None,
    scale_in_cooldown_s=None,
    policy: TargetTracking | None = None,
    fixed_policies: Sequence = (),
    objectives: Sequence[str] = ("cost_usd", "p99_latency_s"),
    constraints: Mapping[str, float] | None = None,
    method: str = "grid",
    budget: int = 200,
    batch_size: int = 4,
    slice_fraction: float = 0.0,
    slice_evaluations: int | None = None,
    initial_policies: Sequence[Mapping[str, float]] = (),
    reference_point: Sequence[float] | None = None,
    max_seconds: float | None = None,
    slo_latency_s: float | None = None,
    slo_target: float = 0.99,
    seed: int = 1,
    mode: str = "fluid",
    arrivals: str = "poisson",
    cooldown_from: str = "completion",
    capacity_basis: str = "current",
    scale_out_while_updating: str = "retry",
    client=None,
    threads: int | None = None,
    chunk_size: int | None = None,
    progress: bool = True,
    **dimensions,
) -> ParetoFront:
    """Searches target-tracking policies on `trace` with the C++ optimizer and returns the
    :class:`ParetoFront` of the objectives (minimised).

    Each dimension is a value or a sequence of values: `min_capacity`, `max_capacity`
    (instances), `target_value` (the metric's unit), `scale_out_cooldown_s`,
    `scale_in_cooldown_s` (seconds; default: `policy`'s). `policy` gives every other setting
    (metric, alarms). `fixed_policies` are built-in policies (:class:`StepScaling`,
    :class:`ScheduledAction`, :class:`PredictiveScaling`, :class:`HPA`, another
    :class:`TargetTracking` on another metric) that run unchanged beside every searched policy.
    `objectives` and `constraints` (``{"max_error_rate": 1e-3}``, as in
    :meth:`ParetoFront.best`) name summary fields.

    `method` is ``"grid"`` (every policy, in parallel, bit-identical for any thread count) or
    ``"adaptive"`` (a seeded sample-efficient search of `budget` policies proposed `batch_size`
    at a time; same `seed` and `batch_size`, same result). With ``"adaptive"``,
    `slice_fraction` (e.g. 0.25) turns on multi-fidelity: a first search of
    `slice_evaluations` policies (default 1.5 x `budget`, at most 150) on the trace's busiest
    `slice_fraction`, whose front is then evaluated first on the whole trace; the front holds
    whole-trace evaluations only, and the first stage always runs locally. `initial_policies`
    (``{"min_capacity": 2, "target_value": 40, ...}``; a dimension left out takes its first
    value) are evaluated first, e.g. the policy in production. `max_seconds` bounds the wall time,
    `reference_point` the hypervolume (default: 10 % beyond the front's nadir). Any other
    searchable field (:data:`PARAMETERS`: ``initial_capacity``, ``high_evaluation_periods``,
    ``low_threshold_fraction``, ``publish_delay_s``, ...) is a dimension too, given by keyword.

    `slo_latency_s`, `slo_target`, `seed`, `mode`, `arrivals`, `cooldown_from`,
    `capacity_basis` and `scale_out_while_updating` are :func:`simulate`'s settings, applied to
    every evaluation (`slo_latency_s` default 1 s). An `slo_latency_s` given here is also the
    front's default choice: :meth:`ParetoFront.best` with no argument picks the cheapest policy
    that serves `slo_target` of the requests within it.

    Evaluations run on `threads` C++ threads (default: every core; the GIL is released), or on a
    Dask cluster when `client` is a ``dask.distributed.Client``, in chunks of `chunk_size`; the
    result is the same either way. Ctrl-C stops the search within a second and returns what was
    found (``complete`` is False). A progress bar (tqdm, if installed) shows unless `progress` is
    False.

    Example::

        front = optimize(trace, endpoint, min_capacity=[1, 2, 3], max_capacity=20,
                         target_value=range(10, 61, 5), slo_latency_s=5.0)
        front.best(max_p99_latency_s=5.0)
        optimize(trace, endpoint, min_capacity=range(1, 9), max_capacity=range(4, 41, 4),
                 target_value=range(5, 101), method="adaptive", budget=300)
    """
    if method not in METHODS:
        raise _core.ConfigError(f"method: expected one of {', '.join(METHODS)}, got {method!r}")
    trace = _args.trace(trace)
    endpoint = _args.endpoint(endpoint)
    fixed_policies = _args.policies(fixed_policies, "fixed_policies")
    budget = _args.integer(budget, "budget", 1, 10**7)
    batch_size = _args.integer(batch_size, "batch_size", 1, 10**4)
    slice_fraction = _args.number(slice_fraction, "slice_fraction")
    if not 0 <= slice_fraction < 1:
        raise _core.ConfigError(
            f"slice_fraction: expected a number in [0, 1), got {slice_fraction!r}")
    if method == "grid" and (slice_fraction or initial_policies):
        what = "slice_fraction" if slice_fraction else "initial_policies"
        raise _core.ConfigError(f"{what}: for method='adaptive'; the grid evaluates every "
                                "policy on the whole trace")
    slice_evaluations = (0 if slice_evaluations is None else
                         _args.integer(slice_evaluations, "slice_evaluations", 1, 10**7))
    if slice_evaluations and not slice_fraction:
        raise _core.ConfigError("slice_evaluations: applies with a slice_fraction > 0 "
                                "(multi-fidelity's first stage); give one, e.g. 0.25")
    policy = policy or TargetTracking()
    if not isinstance(policy, TargetTracking):
        raise _core.ConfigError(
            f"policy: expected the TargetTracking policy to search, got {type(policy).__name__}"
        )
    fixed = tuple(fixed_policies)
    for i, p in enumerate(fixed):
        if not isinstance(p, tuple(BUILTIN_POLICIES)):
            raise _core.ConfigError(
                f"fixed_policies[{i}]: expected a built-in policy (TargetTracking, StepScaling, "
                f"ScheduledAction, PredictiveScaling or HPA), got {type(p).__name__}"
            )
    if target_value is None:
        target_value = policy.target_value
    dims = _dimensions(dict(
        min_capacity=min_capacity, max_capacity=max_capacity, target_value=target_value,
        scale_out_cooldown_s=(policy.scale_out_cooldown_s
                              if scale_out_cooldown_s is None else scale_out_cooldown_s),
        scale_in_cooldown_s=(policy.scale_in_cooldown_s
                             if scale_in_cooldown_s is None else scale_in_cooldown_s),
        **dimensions,
    ))
    fields = set(_core.summary_fields())
    if isinstance(objectives, (str, bytes)) or not isinstance(objectives, Iterable):
        raise TypeError(f"objectives: expected a list of summary fields such as "
                        f"['cost_usd', 'p99_latency_s'], got {_args._shown(objectives)}")
    objectives = tuple(objectives)
    for name in objectives:
        if not isinstance(name, str) or name not in fields:
            raise _core.ConfigError(f"objectives: unknown summary field {name!r}")
    parsed = _parse_constraints(constraints or {})
    choose = () if slo_latency_s is None else (("min_slo_attainment", float(slo_target)),)
    slo_latency_s = 1.0 if slo_latency_s is None else slo_latency_s
    settings = RunSettings(slo_latency_s=slo_latency_s, slo_target=slo_target, seed=seed,
                           mode=mode, cooldown_from=cooldown_from, capacity_basis=capacity_basis,
                           arrivals=arrivals, scale_out_while_updating=scale_out_while_updating)
    problem = Problem(trace, endpoint, policy, settings, dims, tuple(objectives),
                      tuple(parsed.items()), fixed, choose)
    core = problem.core()
    core.validate()  # a bad configuration fails here, before any thread starts
    warn_caveats(core.scenarios[0])

    total = _grid_count(dims) if method == "grid" else min(budget, _grid_count(dims))
    if max_seconds is not None and not _args.number(max_seconds, "max_seconds") >= 0:
        raise _core.ConfigError(f"max_seconds: expected a number of seconds >= 0, got "
                                f"{max_seconds!r}")
    threads = 0 if threads is None else _args.integer(threads, "threads", 0, 4096)
    options = dict(threads=threads, max_seconds=max_seconds or 0.0,
                   reference_point=([] if reference_point is None else
                                    _reference_point(reference_point, objectives,
                                                     "reference_point")))
    if method != "grid":
        options.update(max_evaluations=budget, seed=seed, batch_size=batch_size,
                       slice_fraction=slice_fraction, slice_evaluations=slice_evaluations,
                       initial_policies=_initial_policies(initial_policies, dims))
    return run_search(core, problem, grid=method == "grid", total=total, progress=progress,
                      client=client, chunk_size=chunk_size, **options)


def run_search(core, problem, *, grid: bool, total: int, progress: bool, client, chunk_size,
               **options) -> ParetoFront:
    """Runs the C++ grid or adaptive search of `core` (a ``_core.Problem``) with a progress bar,
    on a Dask `client` when given (internal; shared by optimize and scenario files).

    `problem` is the picklable Python problem that Dask workers and the front's candidates use;
    `options` are ``_core.grid_search`` / ``adaptive_search`` keyword arguments.
    """
    evaluator = None
    if client is not None:
        from .distributed import dask_evaluator

        if not all(hasattr(client, a) for a in ("scatter", "map", "gather", "nthreads")):
            raise TypeError(f"client: expected a dask.distributed.Client, got "
                            f"{_args._shown(client)}")
        if chunk_size is not None:
            chunk_size = _args.integer(chunk_size, "chunk_size", 1, 10**7)

        evaluator = dask_evaluator(client, problem, chunk_size)
    bar = progress_bar(total, progress, "optimize")

    def on_progress(p: dict) -> None:
        bar.update(p["evaluations"] - bar.n if hasattr(bar, "n") else 0)

    search = _core.grid_search if grid else _core.adaptive_search
    try:
        result = search(core, on_progress=on_progress, evaluator=evaluator, **options)
    finally:
        bar.close()
    return ParetoFront.from_result(result, problem)


def _parse_constraints(constraints: Mapping[str, float]) -> dict[str, float]:
    """``{"max_p99_ms": 500}`` -> ``{"max_p99_latency_s": 0.5}``; checks every name."""
    if not isinstance(constraints, Mapping):
        raise TypeError(f"constraints: expected a dict such as {{'max_error_rate': 0.001}}, got "
                        f"{_args._shown(constraints)}")
    fields = set(_core.summary_fields())
    out = {}
    for key, value in constraints.items():
        bound, _, name = key.partition("_")
        if bound not in ("max", "min") or not name:
            raise _core.ConfigError(
                f"constraint {key!r}: expected max_<field> or min_<field>"
            )
        scale = 1.0
        if name not in fields and name.endswith("_ms"):
            for base in (name[:-3] + "_latency_s", name[:-3] + "_s"):
                if base in fields:
                    name, scale = base, 1e-3
                    break
        if name not in fields:
            raise _core.ConfigError(
                f"constraint {key!r}: unknown summary field {name!r} "
                f"(known: {', '.join(sorted(fields))})"
            )
        value = _args.number(value, f"constraint {key!r}")
        # NaN would meet every bound in C++ and none in a DataFrame; max -inf (min +inf) none
        none = math.inf if bound == "max" else -math.inf
        if math.isnan(value) or value == -none:
            raise _core.ConfigError(f"constraint {key!r}: expected a number ({none:g} for no "
                                    f"bound), got {value:g}")
        out[f"{bound}_{name}"] = value * scale
    return out


def _reference_point(ref, objectives: Sequence[str], name: str) -> list[float]:
    """A hypervolume reference point: one finite number per objective (NaN would make every
    volume 0, an infinite bound an infinite one)."""
    n = len(objectives)
    raw = None if isinstance(ref, (str, bytes)) else np.asarray(ref)
    if raw is None or raw.dtype.kind not in "iuf" or raw.ndim != 1:
        raise TypeError(f"{name}: expected a list of {n} numbers, one per objective, got "
                        f"{_args._shown(ref)}")
    if raw.size != n:
        hint = "; None for the default" if raw.size == 0 else ""
        raise _core.ConfigError(f"{name}: expected {n} values for the {n} objectives "
                                f"({', '.join(objectives)}), got {raw.size}{hint}")
    out = raw.astype(float)
    for k, v in enumerate(out):
        if not math.isfinite(v):
            raise _core.ConfigError(f"{name}[{k}]: expected a finite {objectives[k]} (the "
                                    f"reference point bounds the volume), got {v:g}")
    return out.tolist()


def _core_constraints(parsed: Mapping[str, float]) -> list:
    """Parsed constraints as C++ ones."""
    out = []
    for key, value in parsed.items():
        bound, _, name = key.partition("_")
        out.append(_core.Constraint(name, max_value=value) if bound == "max"
                   else _core.Constraint(name, min_value=value))
    return out


def _satisfies(points, constraints: Mapping[str, float]) -> np.ndarray:
    """Rows meeting parsed constraints (for fronts built from a DataFrame by hand)."""
    ok = np.ones(len(points), dtype=bool)
    for key, value in constraints.items():
        bound, _, name = key.partition("_")
        col = points[name].to_numpy(dtype=float)
        ok &= (col <= value) if bound == "max" else (col >= value)
    return ok


def _plain(v):
    return v.item() if hasattr(v, "item") else v


def _finite(v: float, name: str) -> float:
    """A search dimension's value: NaN and infinities are refused here, naming the dimension
    (grid() returned NaN policies, which sorted anywhere and were refused only when run)."""
    if not math.isfinite(v):
        raise _core.ConfigError(f"search space: {name}: expected finite numbers, got {v!r}")
    return v
