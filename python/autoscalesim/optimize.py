"""optimize(): search policies for the cost/latency Pareto front; ParetoFront and Candidate."""

from __future__ import annotations

import concurrent.futures as cf
import itertools
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from . import _core
from ._progress import progress_bar
from .config import Endpoint, TargetTracking
from .simulation import Result, RunSettings, build_scenario, simulate
from .trace import Trace

#: The dimensions of the search space, in the order the grid enumerates them.
PARAMETERS = (
    "min_capacity", "max_capacity", "target_value", "scale_out_cooldown_s", "scale_in_cooldown_s",
)


@dataclass(frozen=True)
class Problem:
    """What every evaluation shares (picklable: Dask sends it to the workers once)."""

    trace: Trace
    endpoint: Endpoint
    policy: TargetTracking
    settings: RunSettings

    def scenario(self, params: Mapping) -> _core.Scenario:
        """The C++ scenario of one candidate (no timeline: the optimizer needs the summary)."""
        policy = replace(self.policy, **{k: params[k] for k in PARAMETERS[2:] if k in params})
        settings = replace(self.settings, min_capacity=int(params["min_capacity"]),
                           max_capacity=int(params["max_capacity"]))
        sc = build_scenario(self.trace, self.endpoint, [policy], settings)
        sc.record_timeline = False
        return sc

    def evaluate(self, params: Mapping) -> dict:
        """The summary of one candidate; the GIL is released while it runs."""
        return _core.simulate(self.scenario(params)).summary


def evaluate_chunk(problem: Problem, chunk: Sequence[tuple[int, dict]]) -> list[tuple[int, dict]]:
    """Evaluates ``(index, params)`` pairs one after the other (a Dask task's unit of work)."""
    return [(i, problem.evaluate(params)) for i, params in chunk]


def grid(**dimensions) -> list[dict]:
    """Every combination of the given dimension values, in a fixed order, skipping
    min_capacity > max_capacity. A scalar is a fixed dimension.

    Example::

        grid(min_capacity=[1, 2], max_capacity=10, target_value=[20, 30])   # 4 candidates
    """
    unknown = set(dimensions) - set(PARAMETERS)
    if unknown:
        raise _core.ConfigError(
            f"search space: unknown dimension {sorted(unknown)[0]!r} "
            f"(known: {', '.join(PARAMETERS)})"
        )
    names = [p for p in PARAMETERS if p in dimensions]
    values = []
    for name in names:
        v = dimensions[name]
        v = list(v) if isinstance(v, Iterable) and not isinstance(v, str) else [v]
        if not v:
            raise _core.ConfigError(f"search space: {name} has no value")
        values.append(v)
    out = []
    for combo in itertools.product(*values):
        params = dict(zip(names, combo))
        if params.get("min_capacity", 0) <= params.get("max_capacity", math.inf):
            out.append(params)
    if not out:
        raise _core.ConfigError(
            "search space: every min_capacity is greater than every max_capacity"
        )
    return out


@dataclass
class Candidate:
    """One evaluated policy: its parameters, its summary, and how to run it again.

    Example::

        best = front.best(max_p99_latency_s=2.0)
        best.params, best.summary["cost_usd"]
        best.simulate(test_trace).summary      # the same policy on held-out traffic
    """

    params: dict
    summary: dict
    problem: Problem = field(repr=False)

    @property
    def policy(self) -> TargetTracking:
        """The target-tracking policy with this candidate's parameters."""
        return replace(self.problem.policy,
                       **{k: self.params[k] for k in PARAMETERS[2:] if k in self.params})

    @property
    def min_capacity(self) -> int:
        """MinCapacity (instances)."""
        return int(self.params["min_capacity"])

    @property
    def max_capacity(self) -> int:
        """MaxCapacity (instances)."""
        return int(self.params["max_capacity"])

    def simulate(self, trace: Trace | None = None, **kwargs) -> Result:
        """Simulates this policy with its timeline, on `trace` (default: the one it was tuned
        on) with the same endpoint and settings; keyword arguments override settings.

        Example::

            best.simulate(test_trace).plot()
        """
        s = self.problem.settings
        args = dict(min_capacity=self.min_capacity, max_capacity=self.max_capacity,
                    slo_latency_s=s.slo_latency_s, slo_target=s.slo_target, seed=s.seed,
                    mode=s.mode, cooldown_from=s.cooldown_from, capacity_basis=s.capacity_basis)
        args.update(kwargs)
        return simulate(trace or self.problem.trace, self.problem.endpoint, [self.policy], **args)


class ParetoFront:
    """Every evaluated policy and the Pareto front of the feasible ones.

    - ``points``: DataFrame of every evaluation (parameters, summary, ``feasible``,
      ``on_front``), in grid order;
    - ``to_pandas()``: the front, sorted by the first objective;
    - ``best(**constraints)``: the feasible policy cheapest in the first objective;
    - ``hypervolume(ref)``: the objective-space volume the front dominates up to `ref`;
    - ``plot()``: cost against latency, front and chosen policy labelled;
    - ``complete``: False when the search was interrupted (Ctrl-C) and holds what it found.
    """

    def __init__(self, points, objectives: Sequence[str], parameters: Sequence[str],
                 constraints: Mapping[str, float], problem: Problem, complete: bool = True):
        self.objectives = tuple(objectives)
        self.parameters = tuple(parameters)
        self.constraints = dict(constraints)
        self.problem = problem
        self.complete = complete
        points = points.copy()
        feasible = _satisfies(points, self.constraints)
        points["feasible"] = feasible
        on_front = np.zeros(len(points), dtype=bool)
        idx = np.flatnonzero(feasible)
        if len(idx):
            on_front[idx[_non_dominated(points[list(self.objectives)].to_numpy()[idx])]] = True
        points["on_front"] = on_front
        self.points = points

    def to_pandas(self):
        """The Pareto-optimal feasible policies (parameters and summary), sorted by the first
        objective.

        Example::

            front.to_pandas()[["min_capacity", "target_value", "cost_usd", "p99_latency_s"]]
        """
        pf = self.points[self.points["on_front"]]
        return pf.sort_values(list(self.objectives), kind="stable")

    def __len__(self) -> int:
        return int(self.points["on_front"].sum())

    def best(self, **constraints: float) -> Candidate | None:
        """The feasible policy with the lowest first objective (cost by default) that also meets
        `constraints`, or None if none does.

        Constraints are ``max_<field>=value`` or ``min_<field>=value`` on any summary field
        (``max_p99_latency_s=0.5``, ``max_error_rate=1e-3``, ``min_slo_attainment=0.99``);
        ``max_p99_ms=500`` is ``max_p99_latency_s=0.5``.

        Example::

            front.best(max_p99_latency_s=2.0, max_error_rate=1e-3)
        """
        pts = self.points[self.points["feasible"]]
        pts = pts[_satisfies(pts, _parse_constraints(constraints))]
        if pts.empty:
            return None
        row = pts.sort_values(list(self.objectives), kind="stable").iloc[0]
        return self._candidate(row)

    def hypervolume(self, ref: Sequence[float]) -> float:
        """The volume of objective space dominated by the front and bounded by `ref` (one value
        per objective, each worse than the front), in the objectives' units multiplied.

        Example::

            front.hypervolume([200.0, 60.0])   # USD x seconds for cost and p99 latency
        """
        ref = np.asarray(ref, dtype=float)
        if ref.shape != (len(self.objectives),):
            raise _core.ConfigError(
                f"ref: expected {len(self.objectives)} values (one per objective), got {ref.size}"
            )
        pts = self.to_pandas()[list(self.objectives)].to_numpy(dtype=float)
        pts = pts[np.all(pts < ref, axis=1)]
        return _hypervolume(pts, ref)

    def plot(self, chosen: Candidate | None = None, **kwargs):
        """Cost against latency: every evaluation, the front and `chosen` highlighted
        (see :func:`autoscalesim.plotting.plot_pareto`). Returns the Figure.

        Example::

            front.plot(chosen=front.best(max_p99_latency_s=2.0))
        """
        from .plotting import plot_pareto

        return plot_pareto(self, chosen=chosen, **kwargs)

    def describe(self, params) -> str:
        """A short label of a policy's varying parameters, e.g. ``min 2 max 20 target 30``."""
        short = {"min_capacity": "min", "max_capacity": "max", "target_value": "target",
                 "scale_out_cooldown_s": "out cd", "scale_in_cooldown_s": "in cd"}
        varying = [p for p in self.parameters if self.points[p].nunique() > 1] or ["target_value"]
        return " ".join(f"{short[p]} {params[p]:g}" for p in varying)

    def _candidate(self, row) -> Candidate:
        params = {p: _plain(row[p]) for p in self.parameters}
        summary = {k: _plain(row[k]) for k in _core.summary_fields()}
        return Candidate(params, summary, self.problem)

    def __repr__(self) -> str:
        state = "" if self.complete else ", interrupted"
        return (f"ParetoFront({len(self)} Pareto-optimal of {len(self.points)} evaluated, "
                f"objectives {', '.join(self.objectives)}{state})")


def optimize(
    trace: Trace,
    endpoint: Endpoint,
    *,
    min_capacity=1,
    max_capacity=10,
    target_value=(),
    scale_out_cooldown_s=None,
    scale_in_cooldown_s=None,
    policy: TargetTracking | None = None,
    objectives: Sequence[str] = ("cost_usd", "p99_latency_s"),
    constraints: Mapping[str, float] | None = None,
    slo_latency_s: float = 1.0,
    slo_target: float = 0.99,
    seed: int = 1,
    client=None,
    threads: int | None = None,
    chunk_size: int | None = None,
    progress: bool = True,
) -> ParetoFront:
    """Evaluates every target-tracking policy of a grid on `trace` and returns the
    :class:`ParetoFront` of the objectives (minimised).

    Each dimension is a value or a sequence of values: `min_capacity`, `max_capacity`
    (instances), `target_value` (the metric's unit), `scale_out_cooldown_s`,
    `scale_in_cooldown_s` (seconds; default: `policy`'s). `policy` gives every other setting
    (metric, alarms). `objectives` and `constraints` (``{"max_error_rate": 1e-3}``, as in
    :meth:`ParetoFront.best`) name summary fields. Evaluations run on `threads` threads (default:
    every core; the GIL is released in each), or on a Dask cluster when `client` is a
    ``dask.distributed.Client``, in chunks of `chunk_size`; the result is the same either way.
    Ctrl-C stops the search within a second and returns what was found (``complete`` is False).
    A progress bar (tqdm, if installed) shows unless `progress` is False.

    Example::

        front = optimize(trace, endpoint, min_capacity=[1, 2, 3], max_capacity=20,
                         target_value=range(10, 61, 5), slo_latency_s=5.0)
        front.best(max_p99_latency_s=5.0)
    """
    policy = policy or TargetTracking()
    if target_value is None or (isinstance(target_value, Iterable)
                                and not list(target_value)):
        target_value = policy.target_value
    dims = dict(min_capacity=min_capacity, max_capacity=max_capacity, target_value=target_value,
                scale_out_cooldown_s=(policy.scale_out_cooldown_s
                                      if scale_out_cooldown_s is None else scale_out_cooldown_s),
                scale_in_cooldown_s=(policy.scale_in_cooldown_s
                                     if scale_in_cooldown_s is None else scale_in_cooldown_s))
    candidates = grid(**dims)
    fields = set(_core.summary_fields())
    for name in objectives:
        if name not in fields:
            raise _core.ConfigError(f"objectives: unknown summary field {name!r}")
    parsed = _parse_constraints(constraints or {})
    settings = RunSettings(slo_latency_s=slo_latency_s, slo_target=slo_target, seed=seed)
    problem = Problem(trace, endpoint, policy, settings)
    # Fail on a bad configuration once, here, rather than in every evaluation.
    problem.scenario(candidates[0]).validate()

    bar = progress_bar(len(candidates), progress, "optimize")
    try:
        if client is None:
            summaries, complete = _run_local(problem, candidates, threads, bar)
        else:
            from .distributed import run_on_dask

            summaries, complete = run_on_dask(client, problem, candidates, chunk_size, bar)
    finally:
        bar.close()
    return _front(candidates, summaries, objectives, parsed, problem, complete)


def _run_local(problem, candidates, threads, bar):
    threads = threads or os.cpu_count() or 1
    summaries: dict[int, dict] = {}
    pool = cf.ThreadPoolExecutor(max_workers=threads)
    futures = {pool.submit(problem.evaluate, params): i for i, params in enumerate(candidates)}
    pending = set(futures)
    try:
        while pending:
            # A short timeout so that Ctrl-C, delivered to this thread, is seen within a second.
            done, pending = cf.wait(pending, timeout=0.2, return_when=cf.FIRST_COMPLETED)
            for f in done:
                summaries[futures[f]] = f.result()
            bar.update(len(done))
    except KeyboardInterrupt:
        for f in pending:
            f.cancel()
        pool.shutdown(wait=True)
        for f, i in futures.items():
            if f.done() and not f.cancelled() and f.exception() is None:
                summaries[i] = f.result()
        return summaries, False
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return summaries, True


def _front(candidates, summaries, objectives, constraints, problem, complete) -> ParetoFront:
    import pandas as pd

    order = sorted(summaries)
    names = [p for p in PARAMETERS if p in candidates[0]]
    rows = [{**candidates[i], **summaries[i]} for i in order]
    columns = names + list(_core.summary_fields())
    points = pd.DataFrame(rows, columns=columns, index=pd.Index(order, name="candidate"))
    return ParetoFront(points, objectives, names, constraints, problem, complete)


def _parse_constraints(constraints: Mapping[str, float]) -> dict[str, float]:
    """``{"max_p99_ms": 500}`` -> ``{"max_p99_latency_s": 0.5}``; checks every name."""
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
        out[f"{bound}_{name}"] = float(value) * scale
    return out


def _satisfies(points, constraints: Mapping[str, float]) -> np.ndarray:
    ok = np.ones(len(points), dtype=bool)
    for key, value in constraints.items():
        bound, _, name = key.partition("_")
        col = points[name].to_numpy(dtype=float)
        ok &= (col <= value) if bound == "max" else (col >= value)
    return ok


def _non_dominated(objs: np.ndarray) -> np.ndarray:
    """Indices of the rows of `objs` no other row dominates (all <=, one <), one per distinct
    objective vector; NaN is worst."""
    objs = np.where(np.isnan(objs), np.inf, objs)
    n = len(objs)
    keep = np.ones(n, dtype=bool)
    for i in range(n):
        if not keep[i]:
            continue
        dominated = np.all(objs[i] <= objs, axis=1) & np.any(objs[i] < objs, axis=1)
        keep &= ~dominated
    # Of policies with identical objectives (e.g. a MaxCapacity never reached), keep the first.
    idx = np.flatnonzero(keep)
    _, first = np.unique(objs[idx], axis=0, return_index=True)
    return np.sort(idx[first])


def _hypervolume(pts: np.ndarray, ref: np.ndarray) -> float:
    """Exact hypervolume by slicing along the last objective (fine for fronts of hundreds)."""
    if len(pts) == 0:
        return 0.0
    if pts.shape[1] == 1:
        return float(ref[0] - pts[:, 0].min())
    if pts.shape[1] == 2:
        order = np.lexsort((pts[:, 1], pts[:, 0]))
        volume, best_y = 0.0, ref[1]
        xs = np.append(pts[order, 0], ref[0])
        for k, i in enumerate(order):
            best_y = min(best_y, pts[i, 1])
            volume += (xs[k + 1] - xs[k]) * (ref[1] - best_y)
        return float(volume)
    order = np.argsort(pts[:, -1])
    volume = 0.0
    for k, i in enumerate(order):
        upper = pts[order[k + 1], -1] if k + 1 < len(order) else ref[-1]
        if upper > pts[i, -1]:
            volume += _hypervolume(pts[order[: k + 1], :-1], ref[:-1]) * (upper - pts[i, -1])
    return float(volume)


def _plain(v):
    return v.item() if hasattr(v, "item") else v
