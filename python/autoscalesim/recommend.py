"""From an endpoint's traffic to a policy to apply: :func:`recommend`."""

from __future__ import annotations

import json
import numbers
import os
import pathlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from . import _args, _core, _results
from .config import Endpoint, InstanceType, Startup, TargetTracking
from .optimize import ParetoFront, Problem
from .simulation import Result, RunSettings, build_scenario, simulate
from .trace import Trace

#: The checks' columns, per part.
_FIGURES = ("cost_per_30_days_usd", "p99_latency_s", "slo_attainment", "error_rate", "meets")


class Recommendation:
    """What :func:`recommend` found: the policy, how it was chosen and how it holds.

    - ``policy`` (:class:`TargetTracking`), ``min_capacity``, ``max_capacity``: the
      recommendation (None when no policy of the space met the SLO);
    - ``table``: one row per policy checked (recommended, AWS's rule of thumb, the current
      policy when given) with cost per 30 days, p99, SLO attainment, error rate and whether it
      meets the SLO, on the training part and on the held-out part;
    - ``front``: the :class:`ParetoFront` of the search on the training part;
    - ``space_notes``: how the searched ranges were read off the trace and the instance;
      ``trace_notes``: what the trace's reader reported; ``current_notes``: what the AWS
      reader had to choose in the `current` files (empty without them);
    - ``trace``, ``train``, ``test``: the whole trace and its two parts;
    - ``simulate()``: the recommended policy on the whole trace (with its timeline);
    - ``aws_files()``: the AWS CLI input that applies it; ``save(dir)`` writes everything.
    """

    def __init__(self, core: _core.Recommendation, trace: Trace, endpoint: Endpoint,
                 settings: RunSettings, problem: Problem, max_p99_latency_s: float,
                 max_error_rate: float, resource_id: str, notes: Sequence[str],
                 current_notes: Sequence[str] = ()):
        self._core = core
        self.trace = trace
        self.endpoint = endpoint
        self.settings = settings
        self.max_p99_latency_s = max_p99_latency_s
        self.max_error_rate = max_error_rate
        self.resource_id = resource_id
        self.train = Trace(core.train)
        self.test = Trace(core.test) if len(core.test.counts) else None
        self.space_notes = list(core.space_notes)
        self.trace_notes = list(notes)
        self.current_notes = list(current_notes)
        self.sustainable_rate_per_s = core.sustainable_rate_per_s
        self.front = ParetoFront.from_result(core.search, problem)
        rec = core.recommended
        self.policy = None if rec is None else TargetTracking._from_core(
            rec.scaling.target_tracking[0])
        self.min_capacity = None if rec is None else rec.scaling.min_capacity
        self.max_capacity = None if rec is None else rec.scaling.max_capacity

    @property
    def table(self):
        """The checked policies as a DataFrame: rows recommended / rule of thumb / current,
        columns (part, figure) with part "train" and "test"."""
        import pandas as pd

        rows, index = {}, []
        for check in (self._core.recommended, self._core.rule_of_thumb, self._core.current):
            if check is None:
                continue
            index.append(check.label)
            tt = check.scaling.target_tracking[0]
            row = {("policy", "min_capacity"): check.scaling.min_capacity,
                   ("policy", "max_capacity"): check.scaling.max_capacity,
                   ("policy", "target_value"): tt.target_value}
            for part, summary, ok, t in (("train", check.train, check.meets_train, self.train),
                                         ("test", check.test, check.meets_test, self.test)):
                if summary is None:
                    continue
                days = t.stats()["intervals"] * t.interval_s / 86400
                row[(part, "cost_per_30_days_usd")] = summary["cost_usd"] / days * 30
                for k in ("p99_latency_s", "slo_attainment", "error_rate"):
                    row[(part, k)] = summary[k]
                row[(part, "meets")] = bool(ok)
            rows[check.label] = row
        df = pd.DataFrame([rows[i] for i in index], index=pd.Index(index, name="policy"))
        df.columns = pd.MultiIndex.from_tuples(df.columns)
        return df

    def simulate(self, trace: Trace | None = None, **kwargs) -> Result:
        """The recommended policy on `trace` (default: the whole trace), with its timeline."""
        if self.policy is None:
            raise _core.ConfigError("recommend: no policy met the SLO; nothing to simulate")
        args = {"min_capacity": self.min_capacity, "max_capacity": self.max_capacity,
                "slo_latency_s": self.max_p99_latency_s, "slo_target": 0.99,
                "seed": self.settings.seed}
        args.update(kwargs)
        return simulate(trace or self.trace, self.endpoint, [self.policy], **args)

    def aws_files(self) -> dict[str, str]:
        """The AWS CLI input that applies the recommendation to :attr:`resource_id`: file name
        -> JSON text (register-scalable-target.json, put-scaling-policy-*.json, apply.sh)."""
        if self._core.recommended is None:
            return {}
        files, _ = _core.aws_cli_inputs(self._core.recommended.scaling, self.resource_id)
        return {f.name: f.text for f in files}

    def save(self, out: str | os.PathLike, overwrite: bool = False) -> pathlib.Path:
        """Writes into folder `out` (created if missing): front.csv, table.csv, pareto.png,
        timeline.png (the recommended policy on the whole trace), summary.json and aws/ (the AWS
        CLI input). Files of those names that autoscalesim wrote are replaced; one it did not
        write raises FileExistsError unless `overwrite` (the folder's marker
        ``.autoscalesim-results`` lists what it wrote). Returns the folder."""
        # The figures are bare matplotlib Figures (no pyplot): they save without a backend, so
        # the user's (a notebook's inline one) is left as it is.
        aws = self.aws_files()
        names = ["front.csv", "table.csv", "pareto.png"]
        if self.policy is not None:
            names += ["timeline.png", "summary.json"]
        names += [f"aws/{name}" for name in aws]
        out = _results.prepare(out, names, overwrite)
        (out / "aws").mkdir(exist_ok=True)
        self.front.to_pandas().to_csv(out / "front.csv")
        self.table.to_csv(out / "table.csv")
        chosen = self.front.best()
        fig = self.front.plot(chosen=chosen)
        fig.savefig(out / "pareto.png", dpi=110)
        if self.policy is not None:
            run = self.simulate()
            fig = run.plot()
            fig.savefig(out / "timeline.png", dpi=90)
            (out / "summary.json").write_text(json.dumps(run.summary, indent=2) + "\n")
        for name, text in aws.items():
            (out / "aws" / name).write_text(text)
        _results.mark(out, names)
        return out

    def __repr__(self) -> str:
        lines = [f"Recommendation for p99 <= {self.max_p99_latency_s:g} s, error rate <= "
                 f"{self.max_error_rate:g}"]
        if self.policy is None:
            lines.append("  none: no policy of the space meets the SLO on the training part")
        else:
            lines.append(f"  MinCapacity {self.min_capacity}, MaxCapacity {self.max_capacity}, "
                         f"TargetValue {self.policy.target_value:g} {self.policy.metric}")
        table = self.table
        for label, row in table.iterrows():
            parts = []
            for part in ("train", "test"):
                if (part, "p99_latency_s") in row and row[(part, "p99_latency_s")] == \
                        row[(part, "p99_latency_s")]:
                    parts.append(f"{part} ${row[(part, 'cost_per_30_days_usd')]:.2f}/30d "
                                 f"p99 {row[(part, 'p99_latency_s')]:.3f} s "
                                 f"{'meets' if row[(part, 'meets')] else 'MISSES'}")
            lines.append(f"  {label:<14} " + "; ".join(parts))
        return "\n".join(lines)


def _levels(v, name: str) -> list[float]:
    """The levels given for one dimension of the search: None reads them off the trace (an
    empty list); one number is one level. The core checks their range."""
    if v is None:
        return []
    if isinstance(v, (str, bytes, Mapping)) or not isinstance(v, (numbers.Real, Iterable)):
        raise TypeError(f"{name}: expected a number or a list of numbers (None derives the "
                        f"levels from the trace), got {_args._shown(v)}")
    if isinstance(v, numbers.Real):
        return [_args.number(v, name)]
    out = [_args.number(x, f"{name}[{k}]") for k, x in enumerate(v)]
    if not out:
        raise _core.ConfigError(f"{name}: expected at least one level, got an empty list; "
                                "give None to derive the levels from the trace")
    return out


def recommend(
    trace,
    endpoint: Endpoint | InstanceType | str,
    *,
    max_p99_latency_s: float,
    service_time_s: float | None = None,
    service_cv: float | None = None,
    workers: int | None = None,
    price_per_hour: float | None = None,
    startup: Startup | float | None = None,
    initial_capacity: int | None = None,
    max_error_rate: float = 1e-3,
    test_fraction: float = 0.25,
    budget: int = 200,
    slice_fraction: float = 0.0,
    min_capacity: Sequence[int] | None = None,
    max_capacity: Sequence[int] | None = None,
    target_value: Sequence[float] | None = None,
    current=None,
    resource_id: str = "endpoint/my-endpoint/variant/AllTraffic",
    seed: int = 1,
    threads: int | None = None,
) -> Recommendation:
    """Recommends a target-tracking policy (MinCapacity, MaxCapacity, TargetValue on
    InvocationsPerInstance) for an endpoint's traffic: what ``autoscalesim recommend`` does.

    `trace` is a :class:`Trace`, or the path(s) of CloudWatch exports of the endpoint's
    Invocations (missing periods read as zero traffic, a gap longer than 6 hours refused) or of
    a ``timestamp,requests`` CSV. `endpoint` is an :class:`Endpoint`, an :class:`InstanceType`,
    or an instance type name from the catalogue (its price is known; give `service_time_s` and
    optionally `service_cv` (1), `workers` (1), `price_per_hour` (the catalogue's)). `startup`
    (360 s) and `initial_capacity` (1) complete a name or an :class:`InstanceType`; what an
    :class:`InstanceType` or :class:`Endpoint` already gives is a :class:`ConfigError` when
    passed again (it would be ignored).

    The search space is read off the trace and the instance (MinCapacity from the troughs,
    MaxCapacity from the peak with 50 % headroom, TargetValue around the load one instance
    sustains within the p99) unless `min_capacity`, `max_capacity` or `target_value` give the
    levels (a number or a list; None, the default, derives them, and an empty list is an
    error); the search runs on the first ``1 - test_fraction`` of the trace (at least
    AlarmLow's window, 15 minutes by default; 0 holds nothing out) and the cheapest
    policy with p99 <= `max_p99_latency_s` and error rate <= `max_error_rate` is checked on the
    rest, beside AWS's rule of thumb (TargetValue = max RPS x 0.5 x 60) and `current` (the
    deployed scaling: paths of ``aws application-autoscaling describe-*`` output, read with the
    same reader as the command).

    `slice_fraction` (e.g. 0.25) searches first on the busiest ``slice_fraction`` of the
    tuning part, whose front then seeds the search on all of it (multi-fidelity, as in
    :func:`optimize`); `budget` counts the evaluations on the whole tuning part, and
    ``rec.front.result.slice_evaluated`` those on the slice. A space within the budget is searched
    whole and ignores it.

    Example::

        rec = asim.recommend("invocations.json", "ml.g4dn.xlarge", max_p99_latency_s=5,
                             service_time_s=1.0, service_cv=0.5)
        rec.save("recommendation")
    """
    # the id aws_files() writes for, checked before the trace is read and the search runs
    if not isinstance(resource_id, str):
        raise TypeError(f"resource_id: expected a string, got {_args._shown(resource_id)}")
    _core.check_resource_id(resource_id)
    if resource_id.startswith("inference-component/"):
        raise _core.ConfigError(
            f"resource_id: {resource_id!r}: recommend searches an endpoint variant's instance "
            "count; an inference component scales copies (simulate or optimize a scenario of "
            "endpoint kind 'inference_component')")
    t, _, _, notes = _args.traffic(trace, "trace")
    budget = _args.integer(budget, "budget", 1, 10**7)
    seed = _args.integer(seed, "seed", 0, 2**64 - 1)
    slice_fraction = _args.number(slice_fraction, "slice_fraction")
    if not 0 <= slice_fraction < 1:
        raise _core.ConfigError(
            f"slice_fraction: expected a number in [0, 1), got {slice_fraction!r}")
    # the core checks their ranges; a string would reach it as pybind11's own TypeError
    max_p99_latency_s = _args.number(max_p99_latency_s, "max_p99_latency_s")
    max_error_rate = _args.number(max_error_rate, "max_error_rate")
    test_fraction = _args.number(test_fraction, "test_fraction")
    min_capacity = _levels(min_capacity, "min_capacity")
    max_capacity = _levels(max_capacity, "max_capacity")
    target_value = _levels(target_value, "target_value")
    given = {"service_time_s": service_time_s, "service_cv": service_cv, "workers": workers,
             "price_per_hour": price_per_hour, "startup": startup,
             "initial_capacity": initial_capacity}
    owned = ({"startup", "initial_capacity"} if isinstance(endpoint, Endpoint) else set()) | (
        {"service_time_s", "service_cv", "workers", "price_per_hour"}
        if isinstance(endpoint, (Endpoint, InstanceType)) else set())
    for name in sorted(owned):
        if given[name] is not None:
            raise _core.ConfigError(
                f"{name}: the {type(endpoint).__name__} passed as endpoint gives it; pass "
                f"{name} only with an instance type name (or set it on the "
                f"{type(endpoint).__name__})")
    if isinstance(endpoint, str):
        if service_time_s is None:
            raise _core.ConfigError(
                "service_time_s: give the mean service time of one request (seconds) with an "
                "instance type name")
        price = (price_per_hour if price_per_hour is not None
                 else _core.catalog_instance(endpoint)["price_per_hour"])
        endpoint = InstanceType(endpoint, price_per_hour=price,
                                workers=1 if workers is None else workers,
                                service_time_s=service_time_s,
                                service_cv=1.0 if service_cv is None else service_cv)
    if isinstance(endpoint, InstanceType):
        endpoint = Endpoint(endpoint,
                            initial_capacity=1 if initial_capacity is None else initial_capacity,
                            startup=360.0 if startup is None else startup)
    if not isinstance(endpoint, Endpoint):
        raise _core.ConfigError(
            f"endpoint: expected an Endpoint, InstanceType or instance type name, got "
            f"{type(endpoint).__name__}")
    settings = RunSettings(slo_latency_s=max_p99_latency_s, slo_target=0.99, seed=seed)
    sc = build_scenario(t, endpoint, [TargetTracking(name="invocations-target")], settings)
    current_scaling = None
    if current is not None:
        current_scaling = _core.read_aws_scaling(_args.paths(current, "current"),
                                                 resource_id="")
        _core.check_endpoint_kind(current_scaling, sc.endpoint.kind)
    core = _core.recommend(
        sc, max_p99_latency_s=max_p99_latency_s, max_error_rate=max_error_rate,
        test_fraction=test_fraction, budget=budget, slice_fraction=slice_fraction,
        min_capacity=min_capacity, max_capacity=max_capacity, target_value=target_value,
        seed=seed, threads=0 if threads is None else _args.integer(threads, "threads", 0, 4096),
        current=None if current_scaling is None else current_scaling.scaling)
    dims = tuple((d.parameter, tuple(d.values) if d.values else (d.low,))
                 for d in core.tuned.space.dimensions)
    problem = Problem(Trace(core.train), endpoint, TargetTracking(name="invocations-target"),
                      replace(settings), dims, ("cost_usd", "p99_latency_s"),
                      (("max_p99_latency_s", float(max_p99_latency_s)),
                       ("max_error_rate", float(max_error_rate))), (), ())
    if current_scaling is not None and resource_id == "endpoint/my-endpoint/variant/AllTraffic":
        resource_id = current_scaling.resource_id
    return Recommendation(core, t, endpoint, settings, problem, max_p99_latency_s,
                          max_error_rate, resource_id, notes,
                          () if current_scaling is None else current_scaling.notes)
