"""One trace through several SageMaker deployments: real-time endpoints, inference components and
asynchronous endpoints that scale to zero, serverless endpoints, a multi-model endpoint against
one endpoint per model, side by side (docs/deployments.md)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence

import numpy as np

from . import _args, _core
from ._args import _shown
from .config import (
    Endpoint,
    InferenceComponent,
    InstanceType,
    MultiModel,
    Serverless,
    StepScaling,
    TargetTracking,
)
from .savings import _hour_shares, hourly_spend, savings_plan
from .simulation import Result, simulate
from .trace import Trace

_DAYS_PER_MONTH = 30.0


def _wake_up(metric: str, periods: int, cooldown_s: float) -> StepScaling:
    # A step policy adding one instance (or copy) when `metric` >= 1 in `periods` of `periods`
    # one-minute datapoints.
    return StepScaling(name="wake-up", metric=metric, threshold=1,
                       alarm_comparison="GreaterThanOrEqualToThreshold",
                       evaluation_periods=periods, datapoints_to_alarm=periods,
                       cooldown_s=cooldown_s, steps=[{"lower_bound": 0, "adjustment": 1}])


@dataclasses.dataclass
class Deployment:
    """One way to deploy the model: the endpoint's kind and fields (`endpoint`, keywords of
    :class:`Endpoint` other than the instance type), its policies, its capacity range
    (instances, copies for an inference component, provisioned concurrency for a serverless
    endpoint) and changes to the compared instance type (`instance_type`, keywords of
    :class:`InstanceType`). With `per_model_shares`, one such endpoint per model, each replaying
    its share of the trace. With `target_values`, the first policy's TargetValue is searched:
    each value is replayed and the row is the cheapest that meets the SLO and the error limit
    (or, when none does, the one with the largest share of requests within the SLO). The class
    methods build the usual ones.

    Example: ``Deployment.real_time(min_capacity=2, target_value=30)``
    """

    endpoint: dict = dataclasses.field(default_factory=dict)
    policies: Sequence = ()
    min_capacity: int = 1
    max_capacity: int = 10
    instance_type: dict = dataclasses.field(default_factory=dict)
    per_model_shares: Sequence[float] = ()
    target_values: Sequence[float] = ()

    def __post_init__(self):
        for name in ("endpoint", "instance_type"):
            if not isinstance(getattr(self, name), Mapping):
                raise TypeError(f"Deployment.{name}: expected a dict of keywords, got "
                                f"{_shown(getattr(self, name))}")
        self.policies = _args.policies(self.policies, "Deployment.policies")
        self.per_model_shares = _args.numbers_list(self.per_model_shares,
                                                   "Deployment.per_model_shares")
        if any(x < 0 for x in self.per_model_shares):
            raise _core.ConfigError(f"Deployment.per_model_shares: expected shares >= 0, got "
                                    f"{_shown(self.per_model_shares)}")
        self.target_values = _args.numbers_list(self.target_values, "Deployment.target_values")

    @classmethod
    def real_time(cls, min_capacity: int = 1, target_value: float = 1000,
                  max_capacity: int = 10) -> Deployment:
        """A real-time endpoint with target tracking on InvocationsPerInstance (requests per
        instance per minute)."""
        return cls({"initial_capacity": min_capacity},
                   [TargetTracking(target_value=target_value)], min_capacity, max_capacity)

    @classmethod
    def inference_component(cls, target_value: float = 1000, max_capacity: int = 10,
                            copies_per_instance: int = 1, copy_startup: float = 165,
                            wake_up: bool = True) -> Deployment:
        """One inference component that scales to zero copies and instances: target tracking on
        InvocationsPerCopy and, with `wake_up`, a step policy adding a copy when
        NoCapacityInvocationFailures >= 1 in a minute (requests fail until a copy serves)."""
        per = int(copies_per_instance)
        ic = InferenceComponent(copies_per_instance=per, copy_startup=copy_startup,
                                cached_copy_startup=copy_startup,
                                max_instances=max(1, math.ceil(max_capacity / per)))
        policies = [TargetTracking(target_value=target_value, metric="InvocationsPerCopy")]
        if wake_up:
            policies.append(_wake_up("NoCapacityInvocationFailures", periods=1, cooldown_s=60))
        return cls({"kind": "inference_component", "initial_capacity": 1,
                    "inference_component": ic}, policies, 0, max_capacity)

    @classmethod
    def asynchronous(cls, backlog_target: float = 5, max_capacity: int = 10,
                     wake_up: bool = True) -> Deployment:
        """An asynchronous endpoint that scales to zero with AWS's example policies: target
        tracking on ApproximateBacklogSizePerInstance (ScaleInCooldown 600 s, ScaleOutCooldown
        300 s) and, with `wake_up`, the step policy on HasBacklogWithoutCapacity >= 1 for 2 of
        2 minutes. Fluid or request mode."""
        policies = [TargetTracking(target_value=backlog_target,
                                   metric="ApproximateBacklogSizePerInstance",
                                   scale_in_cooldown_s=600, scale_out_cooldown_s=300)]
        if wake_up:
            policies.append(_wake_up("HasBacklogWithoutCapacity", periods=2, cooldown_s=300))
        return cls({"kind": "async", "initial_capacity": 1}, policies, 0, max_capacity)

    @classmethod
    def serverless(cls, memory_mb: int = 2048, max_concurrency: int = 20,
                   provisioned: int = 0, target_value: float | None = None,
                   service_time_s: float | None = None, **settings) -> Deployment:
        """Serverless inference: each request in a container of its own, a cold start when no
        warm container is free, throttled beyond `max_concurrency`, billed per GB-second of
        `memory_mb`. `provisioned` containers stay warm (provisioned concurrency); with
        `target_value`, target tracking on ServerlessProvisionedConcurrencyUtilization scales
        them between `provisioned` and `max_concurrency`. A request takes `service_time_s` (by
        default the instance type's); `settings` are other :class:`Serverless` fields
        (``cold_start``, ``keep_warm_s``, prices, ``payload_kb``). Request mode only."""
        config = Serverless(memory_mb=memory_mb, max_concurrency=max_concurrency, **settings)
        policies = []
        top = max(int(provisioned), 1)
        if target_value is not None:
            policies.append(TargetTracking(
                target_value=target_value, metric="ServerlessProvisionedConcurrencyUtilization"))
            top = int(max_concurrency)
        overrides = {"workers": 1}
        if service_time_s is not None:
            overrides["service_time_s"] = service_time_s
        return cls({"kind": "serverless", "initial_capacity": int(provisioned),
                    "serverless": config}, policies, int(provisioned), top, overrides)


    @classmethod
    def multi_model(cls, models: int = 100, zipf_s: float = 1.0, model_size_gb: float = 1.0,
                    instance_memory_gb: float = 16.0, min_capacity: int = 1,
                    target_value: float = 1000, max_capacity: int = 10,
                    **settings) -> Deployment:
        """A multi-model endpoint: `models` models sharing the instances, requested by Zipf's
        law (`zipf_s`), loaded into an instance's memory on first request (`settings` are other
        :class:`MultiModel` fields: ``load_base_s``, ``load_s_per_gb``, ``caching``,
        ``model_weights``), with target tracking on InvocationsPerInstance. Request mode only."""
        config = MultiModel(models=models, zipf_s=zipf_s, model_size_gb=model_size_gb,
                            instance_memory_gb=instance_memory_gb, **settings)
        return cls({"kind": "multi_model", "initial_capacity": min_capacity,
                    "multi_model": config},
                   [TargetTracking(target_value=target_value)], min_capacity, max_capacity)

    @classmethod
    def endpoint_per_model(cls, models: int = 100, zipf_s: float = 1.0,
                           shares: Sequence[float] | None = None, min_capacity: int = 1,
                           target_value: float = 1000, max_capacity: int = 10) -> Deployment:
        """One real-time endpoint per model, what a multi-model endpoint replaces: model k
        (from 1) gets a share of the trace in proportion to 1 / k^`zipf_s` (or `shares`), each
        endpoint MinCapacity `min_capacity` with target tracking on InvocationsPerInstance."""
        if shares is None:
            shares = [1.0 / (k + 1) ** zipf_s for k in range(int(models))]
        total = float(sum(shares))
        if not shares or not total > 0 or any(not (x >= 0) for x in shares):
            raise _core.ConfigError(f"shares: expected non-negative numbers with a positive "
                                    f"sum, got {_shown(shares)}")
        return cls({"initial_capacity": min_capacity},
                   [TargetTracking(target_value=target_value)], min_capacity, max_capacity,
                   per_model_shares=[x / total for x in shares])


class DeploymentComparison:
    """What :func:`compare_deployments` returns: ``table`` (a DataFrame, one row per
    deployment), ``results`` (label -> :class:`Result`) and ``plot()``."""

    def __init__(self, results: dict, table, slo_latency_s: float):
        self.results = results
        self.table = table
        self.slo_latency_s = slo_latency_s

    def plot(self, *, title: str | None = None, figsize=(10, 4.5)):
        """Monthly cost of each deployment (with the Savings Plan when one was priced), its p99
        latency beside it, and the SLO; infeasible rows are hatched. A matplotlib Figure."""
        from .plotting import _figure

        t = self.table
        fig, (ax,) = _figure(1, figsize, sharex=False)
        fig.subplots_adjust(left=0.32, right=0.97, top=0.88, bottom=0.14)
        labels = list(t.index)
        y = [len(labels) - 1 - i for i in range(len(labels))]  # the first row on top
        on_demand = t["cost_per_month_usd"].to_numpy()
        feasible = t["feasible"].to_numpy()
        from matplotlib.patches import Patch

        ax.barh(y, on_demand, color=["#4C72B0" if f else "#DDDDDD" for f in feasible],
                edgecolor="#333333", hatch=["" if f else "//" for f in feasible])
        legend = [Patch(facecolor="#4C72B0", edgecolor="#333333", label="on demand"),
                  Patch(facecolor="#DDDDDD", edgecolor="#333333", hatch="//",
                        label="on demand, misses the SLO")]
        if "cost_per_month_with_plan_usd" in t:
            ax.barh(y, t["cost_per_month_with_plan_usd"].to_numpy(), height=0.35,
                    color="#55A868")
            legend.append(Patch(facecolor="#55A868", label="with the Savings Plan"))
        for yi, (_, row) in zip(y, t.iterrows(), strict=True):
            ax.text(row["cost_per_month_usd"], yi,
                    f"  ${row['cost_per_month_usd']:,.0f}/month, p99 {row['p99_latency_s']:.3g} s,"
                    f" errors {row['error_rate']:.2%}", va="center", fontsize=8)
        ax.set_yticks(y, labels)
        ax.set_xlabel("cost per month (USD, the trace's rate over 30 days)")
        ax.set_xlim(0, max(on_demand.max(), 1e-9) * 1.9)
        ax.legend(handles=legend, loc="lower right", fontsize=8)
        ax.set_title(title or f"Deployments compared (grey, hatched: misses the SLO of "
                              f"{self.slo_latency_s:g} s or the error limit)", fontsize=10)
        return fig

    def _repr_html_(self) -> str:
        return self.table.to_html(float_format=lambda v: f"{v:,.4g}")

    def __repr__(self) -> str:
        return f"DeploymentComparison(\n{self.table.to_string()}\n)"


def compare_deployments(trace: Trace, instance_type: InstanceType,
                        deployments: Mapping[str, Deployment] | None = None, *,
                        startup=360.0, slo_latency_s: float = 1.0, slo_target: float = 0.99,
                        max_error_rate: float = 0.01, discount: float | None = None,
                        mode: str = "request", arrivals: str = "poisson",
                        seed: int = 1) -> DeploymentComparison:
    """Replays `trace` through each of `deployments` (label -> :class:`Deployment`) of the
    model served by `instance_type` (its price per instance; its workers and service time per
    instance, or per copy for an inference component) and tabulates them.

    Without `deployments`: a real-time endpoint with MinCapacity 1 and 2 (target tracking at half
    an instance's throughput per minute), an inference component and an asynchronous endpoint
    that scale to zero (:meth:`Deployment.inference_component`, :meth:`Deployment.asynchronous`).
    A deployment with ``target_values`` is run at each TargetValue of its first policy and
    keeps the cheapest feasible one (with the Savings Plan when `discount` is given; its
    ``target_value`` column says which).
    A deployment with ``per_model_shares`` (:meth:`Deployment.endpoint_per_model`) runs one
    endpoint per model on its share of the trace; its row sums cost, hours and errors, and
    shows the worst model's p50 and p99, and its ``results`` entry is the list of runs.
    A deployment is feasible when its p99 latency is within `slo_latency_s`, its share of
    requests within it at least `slo_target`, and its error rate at most `max_error_rate` (or
    when no request arrived: there is nothing to miss). With
    `discount` (a Machine Learning Savings Plan's rate discount, see :func:`savings_plan`) each
    row also gets the cost with the plan sized on its own hourly profile (an upper bound on the
    saving: the plan is chosen knowing the traffic). Runs in request mode by default (serverless
    and multi-model endpoints need it; the others run in either mode).

    Example::

        cmp = asim.compare_deployments(asim.datasets.nasa_july_1995(),
                                       asim.InstanceType("ml.g4dn.xlarge", 0.736, 1, 1.0, 0.5),
                                       startup=asim.Startup.lognormal(381, 0.2),
                                       slo_latency_s=60, discount=0.3)
        cmp.table[["cost_per_month_usd", "p99_latency_s", "feasible"]]
        cmp.plot()
    """
    import pandas as pd

    if not isinstance(instance_type, InstanceType):
        raise _core.ConfigError(f"instance_type: expected an InstanceType, got "
                                f"{_shown(instance_type)}")
    # the feasibility test compares with it in Python: NaN would make every row infeasible
    max_error_rate = _args.number(max_error_rate, "max_error_rate")
    if not 0 <= max_error_rate <= 1:
        raise _core.ConfigError(f"max_error_rate: expected a share in [0, 1], got "
                                f"{max_error_rate:g}")
    if deployments is None:
        per_minute = 60.0 * instance_type.workers / instance_type.service_time_s
        target = max(1.0, 0.5 * per_minute)
        deployments = {
            "real-time Min 1": Deployment.real_time(1, target),
            "real-time Min 2": Deployment.real_time(2, target),
            "inference component, scale to zero": Deployment.inference_component(target),
            "async, scale to zero": Deployment.asynchronous(),
        }
    if not isinstance(deployments, Mapping) or not deployments:
        raise _core.ConfigError(f"deployments: expected a non-empty mapping of labels to "
                                f"Deployment, got {_shown(deployments)}")
    results, rows = {}, []
    for label, d in deployments.items():
        if isinstance(label, str) and not label.strip():  # the row's name in table and plot
            raise _core.ConfigError(f"deployments[{label!r}]: expected a label that names its "
                                    f"row, got an empty one")
        if not isinstance(d, Deployment):
            raise _core.ConfigError(f"deployments[{label!r}]: expected a Deployment, got "
                                    f"{_shown(d)}")
        model = (dataclasses.replace(instance_type, **d.instance_type) if d.instance_type
                 else instance_type)
        # The simulator sizes each run's best Savings Plan (cost_with_plan_usd).
        endpoint = Endpoint(instance_type=model, startup=startup,
                            **{"savings_plan_discount": discount or 0.0, **d.endpoint})

        def run(traffic, endpoint=endpoint, d=d):
            return simulate(traffic, endpoint, list(d.policies), min_capacity=d.min_capacity,
                            max_capacity=d.max_capacity, slo_latency_s=slo_latency_s,
                            slo_target=slo_target, mode=mode, arrivals=arrivals, seed=seed)

        if d.per_model_shares:
            runs = [run(trace.scaled(share)) for share in d.per_model_shares if share > 0]
            results[label] = runs
            rows.append(_combined_row(label, runs, slo_latency_s, slo_target, max_error_rate,
                                      discount))
            continue
        if d.target_values:
            d, r = _searched(d, run, trace, label, slo_latency_s, slo_target, max_error_rate,
                             "cost_usd" if discount is None else "cost_with_plan_usd")
        else:
            r = run(trace)
        results[label] = r
        rows.append(_row(label, r, slo_latency_s, slo_target, max_error_rate,
                         priced=discount is not None, kind=d.endpoint.get("kind", "")))
        first = d.policies[0] if d.policies else None
        rows[-1]["target_value"] = float(getattr(first, "target_value", math.nan))
    return DeploymentComparison(results, pd.DataFrame(rows).set_index("deployment"),
                                float(slo_latency_s))


def _searched(d: Deployment, run, trace: Trace, label: str, slo_latency_s: float,
              slo_target: float, max_error_rate: float, cost: str):
    # Each TargetValue for the first policy: the cheapest feasible run (by `cost`: with the
    # Savings Plan when the table prices one), else the best SLO share.
    if not d.policies or not hasattr(d.policies[0], "target_value"):
        raise _core.ConfigError(f"deployments[{label!r}].target_values: the first policy must be "
                                f"a TargetTracking policy, got {_shown(list(d.policies))}")
    best = None
    for value in d.target_values:
        first = dataclasses.replace(d.policies[0], target_value=float(value))
        trial = dataclasses.replace(d, policies=[first, *d.policies[1:]], target_values=())
        r = run(trace, d=trial)
        s = r.summary
        feasible = _meets_slo(s["requests"], s["p99_latency_s"], s["slo_attainment"],
                              s["error_rate"], slo_latency_s, slo_target, max_error_rate)
        key = (0, s[cost]) if feasible else (1, -s["slo_attainment"])
        if best is None or key < best[0]:
            best = (key, trial, r)
    return best[1], best[2]


def _meets_slo(requests: float, p99: float, attainment: float, error_rate: float,
               slo_latency_s: float, slo_target: float, max_error_rate: float) -> bool:
    # A run without a request misses nothing (its p99 is NaN: no latency to compare).
    if requests == 0:
        return True
    return (not math.isnan(p99) and p99 <= slo_latency_s and attainment >= slo_target
            and error_rate <= max_error_rate)


def _combined_row(label: str, runs: list, slo_latency_s: float, slo_target: float,
                  max_error_rate: float, discount: float | None) -> dict:
    # One endpoint per model: sums, the worst model's latency, a plan on the summed profile.
    sums = {k: sum(r.summary[k] for r in runs)
            for k in ("cost_usd", "instance_hours", "idle_instance_hours", "requests", "errors")}
    duration = runs[0].summary["duration_s"]
    month = _DAYS_PER_MONTH * 86400.0 / duration if duration > 0 else 0.0
    within = sum(r.summary["slo_attainment"] * r.summary["requests"] for r in runs)
    attainment = within / sums["requests"] if sums["requests"] > 0 else 1.0
    error_rate = sums["errors"] / sums["requests"] if sums["requests"] > 0 else 0.0
    # the worst model's, of those that served a request (a model without one has NaN, which
    # max() would keep or drop by its place in the list)
    def worst(field: str) -> float:
        return max((r.summary[field] for r in runs if not math.isnan(r.summary[field])),
                   default=math.nan)

    p50, p99 = worst("p50_latency_s"), worst("p99_latency_s")
    feasible = _meets_slo(sums["requests"], p99, attainment, error_rate, slo_latency_s,
                          slo_target, max_error_rate)
    row = {"deployment": label, "cost_usd": sums["cost_usd"],
           "cost_per_month_usd": sums["cost_usd"] * month,
           "instance_hours": sums["instance_hours"],
           "idle_instance_hours": sums["idle_instance_hours"],
           "p50_latency_s": p50, "p99_latency_s": p99,
           "errors": sums["errors"], "error_rate": error_rate, "cold_starts": 0.0,
           "model_cache_hit_rate": math.nan,
           "slo_attainment": attainment, "wake_ups": 0, "feasible": feasible}
    if discount is not None:
        hours = max(len(r._core.hourly_instance_hours) for r in runs)
        spend = np.zeros(hours)
        for r in runs:
            h = hourly_spend(r)
            spend[:len(h)] += h
        plan = savings_plan(spend, discount, hour_shares=_hour_shares(runs[0]))
        row["commitment_per_hour"] = plan["commitment_per_hour"]
        row["cost_per_month_with_plan_usd"] = plan["with_plan_usd"] * month
    return row


def _row(label: str, r: Result, slo_latency_s: float, slo_target: float,
         max_error_rate: float, priced: bool, kind: str) -> dict:
    s = r.summary
    month = _DAYS_PER_MONTH * 86400.0 / s["duration_s"] if s["duration_s"] > 0 else 0.0
    acts = r.activities
    # a serverless endpoint serves on demand at zero provisioned concurrency: nothing wakes
    wake_ups = int((acts["from"] == 0).sum()) if len(acts) and kind != "serverless" else 0
    p99 = s["p99_latency_s"]
    feasible = _meets_slo(s["requests"], p99, s["slo_attainment"], s["error_rate"],
                          slo_latency_s, slo_target, max_error_rate)
    row = {"deployment": label, "cost_usd": s["cost_usd"],
           "cost_per_month_usd": s["cost_usd"] * month,
           "instance_hours": s["instance_hours"],
           "idle_instance_hours": s["idle_instance_hours"],
           "p50_latency_s": s["p50_latency_s"], "p99_latency_s": p99,
           "errors": s["errors"], "error_rate": s["error_rate"],
           "cold_starts": s["cold_starts"],
           "model_cache_hit_rate": (s["model_cache_hit_rate"] if kind == "multi_model"
                                    else math.nan),
           "slo_attainment": s["slo_attainment"], "wake_ups": wake_ups, "feasible": feasible}
    if priced:
        row["commitment_per_hour"] = s["commitment_per_hour"]
        row["cost_per_month_with_plan_usd"] = s["cost_with_plan_usd"] * month
    return row
