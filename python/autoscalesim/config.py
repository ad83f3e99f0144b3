"""Endpoint and policy descriptions (plain Python; converted to the C++ structs on simulate)."""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields

import numpy as np

from . import _core


@dataclass
class InstanceType:
    """What one instance costs and how fast it serves.

    `price_per_hour` is USD per hour (on-demand, us-east-1), `workers` the requests one instance
    serves in parallel, `service_time_s` the mean service time of one request in seconds and
    `service_cv` its coefficient of variation (0 = fixed, 1 = exponential).

    `service` is the family of the service-time distribution the request mode samples:
    ``"fitted"`` (default: the shape the fluid mode assumes, constant + exponential for cv <= 1,
    two-phase hyperexponential above), ``"exponential"`` (cv 1), ``"deterministic"`` (cv 0),
    ``"lognormal"``, ``"gamma"`` (mean `service_time_s`, cv `service_cv`) or ``"empirical"``:
    uniformly one of `service_samples_s` (observed service times in seconds; their mean and cv
    then replace `service_time_s` and `service_cv`, in the fluid mode too).

    Example::

        InstanceType("ml.c5.xlarge", price_per_hour=0.204, workers=2, service_time_s=0.1)
        InstanceType("measured", service="empirical", service_samples_s=[0.08, 0.1, 0.35])
    """

    name: str = "ml.c5.xlarge"
    price_per_hour: float = 0.204  #: USD per hour, on-demand
    workers: int = 2  #: requests served in parallel by one instance
    service_time_s: float = 0.1  #: mean service time of one request, seconds
    service_cv: float = 1.0  #: coefficient of variation of the service time
    service: str = "fitted"  #: fitted, exponential, deterministic, lognormal, gamma, empirical
    service_samples_s: Sequence[float] = ()  #: empirical: observed service times, seconds

    @classmethod
    def _from_core(cls, t: _core.InstanceType) -> InstanceType:
        return cls(t.name, price_per_hour=t.price_per_hour, workers=t.workers,
                   service_time_s=t.service_time_s, service_cv=t.service_cv,
                   service=t.service.name, service_samples_s=tuple(t.service_samples_s))

    def _to_core(self) -> _core.InstanceType:
        from . import _args

        w = "endpoint.instance_type"
        t = _core.InstanceType()
        t.name = self.name
        t.price_per_hour = _args.number(self.price_per_hour, f"{w}.price_per_hour")
        t.workers = _args.integer(self.workers, f"{w}.workers", 1, 10_000)
        t.service_time_s = _args.number(self.service_time_s, f"{w}.service_time_s")
        t.service_cv = _args.number(self.service_cv, f"{w}.service_cv")
        t.service = _enum(_core.ServiceFamily, self.service, "endpoint.instance_type.service")
        samples = np.asarray(self.service_samples_s, dtype=float).ravel()
        t.service_samples_s = samples.tolist()
        return t


@dataclass
class Startup:
    """Instance start-up time, from launch to in service (billed), in seconds.

    Example::

        Startup.fixed(300); Startup.lognormal(360, 0.25); Startup.uniform(240, 480)
    """

    family: str = "fixed"
    a: float = 360.0
    b: float = 0.0

    @staticmethod
    def fixed(seconds: float) -> Startup:
        """Always `seconds` seconds. Example: ``Startup.fixed(300)``."""
        return Startup("fixed", seconds)

    @staticmethod
    def lognormal(median_s: float, sigma: float) -> Startup:
        """Lognormal with the given median (seconds) and log-space standard deviation.

        Example: ``Startup.lognormal(360, 0.25)``."""
        return Startup("lognormal", median_s, sigma)

    @staticmethod
    def uniform(low_s: float, high_s: float) -> Startup:
        """Uniform in ``[low_s, high_s]`` seconds. Example: ``Startup.uniform(240, 480)``."""
        return Startup("uniform", low_s, high_s)

    @classmethod
    def _from_core(cls, d: _core.StartupDistribution) -> Startup:
        if d.kind == _core.StartupDistribution.Kind.lognormal:
            return cls.lognormal(d.median_s, d.sigma)
        if d.kind == _core.StartupDistribution.Kind.uniform:
            return cls.uniform(d.low_s, d.high_s)
        return cls.fixed(d.fixed_s)

    def _to_core(self) -> _core.StartupDistribution:
        if self.family == "fixed":
            return _core.StartupDistribution.fixed(self.a)
        if self.family == "lognormal":
            return _core.StartupDistribution.lognormal(self.a, self.b)
        if self.family == "uniform":
            return _core.StartupDistribution.uniform(self.a, self.b)
        raise _core.ConfigError(
            f"endpoint.startup.family: expected fixed, lognormal or uniform, got {self.family!r}"
        )


@dataclass
class Endpoint:
    """The endpoint variant being scaled: its instance type, how many instances it starts with,
    their start-up time (a :class:`Startup` or seconds), the invocation timeout in seconds and the
    routing ("random", SageMaker's default, or "least_outstanding").

    `max_queue` (request mode only) is the number of waiting requests per instance beyond which
    arrivals are throttled (counted as errors and in ``summary["throttled"]``); None (the default)
    for no limit, 0 for a loss system.

    Example::

        Endpoint(InstanceType("ml.g4dn.xlarge", price_per_hour=0.736, workers=1,
                              service_time_s=1.0), initial_capacity=2, startup=Startup.fixed(300))
        Endpoint(max_queue=20, routing="least_outstanding")
    """

    instance_type: InstanceType = field(default_factory=InstanceType)
    initial_capacity: int = 1  #: instances in service at time 0
    startup: Startup | float = 360.0  #: a Startup or a fixed number of seconds
    invocation_timeout_s: float = 60.0  #: a request waiting longer fails
    routing: str = "random"  #: "random" (SageMaker default) or "least_outstanding"
    max_queue: int | None = None  #: request mode: waiting requests per instance (None: no limit)

    @classmethod
    def _from_core(cls, e: _core.EndpointConfig) -> Endpoint:
        return cls(InstanceType._from_core(e.instance_type), initial_capacity=e.initial_capacity,
                   startup=Startup._from_core(e.startup),
                   invocation_timeout_s=e.invocation_timeout_s, routing=e.routing.name,
                   max_queue=None if e.max_queue < 0 else e.max_queue)

    def _to_core(self) -> _core.EndpointConfig:
        e = _core.EndpointConfig()
        e.instance_type = self.instance_type._to_core()
        e.initial_capacity = self.initial_capacity
        startup = self.startup
        if not isinstance(startup, Startup):
            startup = Startup.fixed(float(startup))
        e.startup = startup._to_core()
        e.invocation_timeout_s = self.invocation_timeout_s
        try:
            e.routing = getattr(_core.Routing, self.routing)
        except AttributeError:
            raise _core.ConfigError(
                f"endpoint.routing: expected 'random' or 'least_outstanding', got {self.routing!r}"
            ) from None
        e.max_queue = -1 if self.max_queue is None else _int(self.max_queue, "endpoint.max_queue")
        return e


def _described(core_type, positional: Sequence[str] = ()):
    """Class decorator: a dataclass whose fields are `core_type`'s described fields (the C++
    description's names, meanings and defaults), `positional` first, the others keyword-only.
    A field added to the C++ description appears here without a line of Python."""

    def plain(value):
        return value.name if hasattr(type(value), "__members__") else value  # an enum: its name

    def wrap(cls):
        default = core_type()
        names = [f["name"] for f in core_type.FIELDS]
        annotations = {}
        for name in [*positional, *(n for n in names if n not in positional)]:
            value = plain(getattr(default, name))
            annotations[name] = type(value).__name__
            setattr(cls, name, field(default=value, kw_only=name not in positional))
        cls.__annotations__ = annotations

        def from_core(klass, core, **overrides):
            """The policy a C++ value describes (enums by name), with `overrides`."""
            values = {n: plain(getattr(core, n)) for n in names}
            values.update(overrides)
            return klass(**values)

        cls._from_core = classmethod(from_core)
        return dataclass(cls)

    return wrap


@_described(_core.TargetTrackingConfig, positional=("target_value", "metric"))
class TargetTracking:
    """An Application Auto Scaling target-tracking policy, with AWS's defaults: every field of
    the C++ ``target_tracking_config`` (``_core.TargetTrackingConfig.FIELDS`` lists them with
    their units and meanings; docs/scenario.md has the table).

    `target_value` is in the metric's unit: requests per instance per minute for
    "InvocationsPerInstance", requests in the container per instance for
    "ConcurrentRequestsPerModel", percent for "CPUUtilization", seconds for "ModelLatency".
    Cooldowns, periods and the publish delay are in seconds; the alarms are AlarmHigh (3 of 3
    datapoints above the target) and AlarmLow (15 of 15 below `low_threshold_fraction` x target).
    :meth:`high_resolution` gives SageMaker's 10-second variant on ConcurrentRequestsPerModel.

    Example::

        TargetTracking(target_value=300, metric="InvocationsPerInstance", scale_in_cooldown_s=600)
        TargetTracking.high_resolution(4)
    """

    @classmethod
    def high_resolution(cls, target_value: float, **overrides) -> TargetTracking:
        """High-resolution target tracking on ConcurrentRequestsPerModel (SageMaker, 2024):
        10-second datapoints published 10 s after their period, AlarmHigh 3 of 3 (30 s), AlarmLow
        90 of 90 (15 minutes). `target_value` is requests in the container per instance;
        `overrides` change any other field.

        AWS defines the metric (SageMakerVariantConcurrentRequestsPerModelHighResolution, and
        ...InferenceComponentConcurrentRequestsPerCopyHighResolution) and its 10-second period,
        and says scale-in keeps the standard speed; the alarms' datapoint counts (3 of 3 out,
        90 of 90 in) and the 10 s publish delay are not documented: they are this model's choice
        (docs/semantics.md).

        Example::

            TargetTracking.high_resolution(4, scale_in_cooldown_s=600)
        """
        return cls._from_core(_core.TargetTrackingConfig.high_resolution(float(target_value)),
                              **overrides)

    def _to_core(self, where: str = "policy") -> _core.TargetTrackingConfig:
        c = _core.TargetTrackingConfig()
        _copy_fields(c, self, where)
        return c


@dataclass
class StepAdjustment:
    """One step of a :class:`StepScaling` policy (StepAdjustment).

    The bounds are relative to the alarm threshold, in the metric's unit (None for unbounded:
    MetricIntervalLowerBound / MetricIntervalUpperBound); `adjustment` is ScalingAdjustment:
    instances to add (ChangeInCapacity), the capacity to set (ExactCapacity) or a percentage
    (PercentChangeInCapacity).

    Example::

        StepAdjustment(0, 500, 1), StepAdjustment(500, None, 3)   # +1 up to 500 over, +3 beyond
    """

    lower_bound: float | None = None  #: MetricIntervalLowerBound (None: -infinity)
    upper_bound: float | None = None  #: MetricIntervalUpperBound (None: +infinity)
    adjustment: int = 0  #: ScalingAdjustment

    def _to_core(self, where: str) -> _core.StepAdjustment:
        lower = -math.inf if self.lower_bound is None else _num(self.lower_bound,
                                                                 f"{where}.lower_bound")
        upper = math.inf if self.upper_bound is None else _num(self.upper_bound,
                                                               f"{where}.upper_bound")
        return _core.StepAdjustment(lower, upper, _int(self.adjustment, f"{where}.adjustment"))


_STEP_KEYS = {"MetricIntervalLowerBound": "lower_bound", "MetricIntervalUpperBound": "upper_bound",
              "ScalingAdjustment": "adjustment"}


@dataclass
class StepScaling:
    """An Application Auto Scaling step-scaling policy with the CloudWatch alarm that triggers it,
    with AWS's defaults.

    The alarm breaches when `metric` (its unit, as for :class:`TargetTracking`) is `comparison`
    ("greater" or "less") than `threshold` in `datapoints_to_alarm` of `evaluation_periods`
    datapoints of `period_s` seconds, published `publish_delay_s` after their period. `steps` are
    :class:`StepAdjustment` objects, dicts (``{"lower_bound": 0, "adjustment": 1}`` or AWS's
    ``MetricIntervalLowerBound`` / ``MetricIntervalUpperBound`` / ``ScalingAdjustment``) or
    ``(lower, upper, adjustment)`` tuples, without gaps or overlaps. `adjustment_type` is
    "ChangeInCapacity", "ExactCapacity" or "PercentChangeInCapacity" (snake_case works too);
    `min_adjustment_magnitude` (instances) applies to percentages only; `aggregation` is
    "Average", "Minimum" or "Maximum"; `cooldown_s` is seconds.

    Example::

        StepScaling(threshold=1000, steps=[(0, 500, 1), (500, None, 3)])
        StepScaling(threshold=200, comparison="less", steps=[(None, 0, -1)], name="scale-in")
    """

    threshold: float = 1000.0  #: alarm threshold, in the metric's unit
    steps: Sequence = ()  #: StepAdjustments, dicts or (lower, upper, adjustment) tuples
    metric: str = "InvocationsPerInstance"
    comparison: str = "greater"  #: "greater" or "less": breach when metric op threshold
    adjustment_type: str = "ChangeInCapacity"
    evaluation_periods: int = 3  #: the alarm's N
    datapoints_to_alarm: int = 3  #: the alarm's M (of N)
    period_s: float = 60.0
    publish_delay_s: float = 60.0
    min_adjustment_magnitude: int = 0  #: PercentChangeInCapacity only; 0 for none
    aggregation: str = "Average"  #: MetricAggregationType
    cooldown_s: float = 300.0
    name: str = "step-scaling"

    def _to_core(self, where: str = "policy") -> _core.StepScalingConfig:
        c = _core.StepScalingConfig()
        _copy_fields(c, self, where)
        c.alarm_comparison = _enum(_core.Comparison, self.comparison, f"{where}.comparison",
                             {"greater_than_threshold": "greater", ">": "greater",
                              "less_than_threshold": "less", "<": "less"})
        c.adjustment = _enum(_core.AdjustmentType, self.adjustment_type,
                             f"{where}.adjustment_type", camel=True)
        c.steps = [_step(s, f"{where}.steps[{k}]") for k, s in enumerate(_seq(self.steps,
                                                                            f"{where}.steps"))]
        return c


def _step(s, where: str) -> _core.StepAdjustment:
    if isinstance(s, StepAdjustment):
        return s._to_core(where)
    if isinstance(s, Mapping):
        return StepAdjustment(**_keys(s, _STEP_KEYS, StepAdjustment, where))._to_core(where)
    if isinstance(s, (tuple, list)) and len(s) == 3:
        return StepAdjustment(*s)._to_core(where)
    raise _core.ConfigError(
        f"{where}: expected a StepAdjustment, a dict or a (lower, upper, adjustment) tuple, "
        f"got {s!r}"
    )


@dataclass
class ScheduledAction:
    """An Application Auto Scaling scheduled action: at its times it sets MinCapacity and/or
    MaxCapacity (instances; None keeps the current one) and moves the capacity into the new range
    at once, ignoring cooldowns.

    The times are a `cron` expression in UTC (5 fields, "minute hour day-of-month month
    day-of-week", e.g. ``"0 8 * * 1-5"``; needs the trace's wall-clock start) and/or `at`: a list
    whose numbers are seconds from the start of the trace, timedeltas offsets from it, and
    datetimes, pandas Timestamps, numpy datetime64 or ISO strings absolute times (naive ones are
    UTC). A single time needs no list.

    Example::

        ScheduledAction(cron="0 8 * * 1-5", min_capacity=4, name="workday")
        ScheduledAction(at=[3600], min_capacity=5)
        ScheduledAction(at=pd.Timestamp("1995-07-04T18:00Z"), max_capacity=2)
    """

    cron: str = ""  #: Unix cron, UTC ("" for none)
    at: Sequence = ()  #: seconds from the trace start, timedeltas, or absolute datetimes
    min_capacity: int | None = None  #: new MinCapacity (None keeps it)
    max_capacity: int | None = None  #: new MaxCapacity (None keeps it)
    name: str = "scheduled"

    def _to_core(self, where: str = "policy") -> _core.ScheduledActionConfig:
        c = _core.ScheduledActionConfig()
        _assign(c, "name", self.name, where)
        _assign(c, "cron", self.cron or "", where)
        for key in ("min_capacity", "max_capacity"):
            v = getattr(self, key)
            setattr(c, key, -1 if v is None else _int(v, f"{where}.{key}"))
        times = self.at
        if isinstance(times, (str, _dt.date, _dt.timedelta, np.generic, int, float)):
            times = [times]
        relative, absolute = [], []
        for k, t in enumerate(_seq(times, f"{where}.at")):
            kind, ms = _time_ms(t, f"{where}.at[{k}]")
            (relative if kind == "relative" else absolute).append(ms)
        c.at_ms, c.at_epoch_ms = relative, absolute
        return c


def _time_ms(t, where: str) -> tuple[str, int]:
    """("relative", ms from the trace start) or ("absolute", ms since the epoch)."""
    if isinstance(t, (bool, np.bool_)):
        raise _core.ConfigError(f"{where}: expected a time, got {t!r}")
    if isinstance(t, np.timedelta64):  # before the numbers: numpy makes it an integer type
        return "relative", int(t.astype("timedelta64[ms]").astype(np.int64))
    if isinstance(t, _dt.timedelta):
        return "relative", int(round(t.total_seconds() * 1000))
    if isinstance(t, (int, float, np.integer, np.floating)):
        if not math.isfinite(float(t)):
            raise _core.ConfigError(f"{where}: expected a finite number of seconds, got {t!r}")
        return "relative", int(round(float(t) * 1000))
    if isinstance(t, (str, _dt.date, np.datetime64)):
        import pandas as pd

        try:
            ts = pd.Timestamp(t)
        except (ValueError, TypeError) as e:
            raise _core.ConfigError(f"{where}: expected a date and time, got {t!r} ({e})") from None
        if ts is pd.NaT:
            raise _core.ConfigError(f"{where}: expected a date and time, got {t!r}")
        ts = ts.tz_localize("UTC") if ts.tz is None else ts.tz_convert("UTC")
        return "absolute", int(ts.value // 1_000_000)
    raise _core.ConfigError(
        f"{where}: expected seconds from the trace start, a timedelta, or a datetime, got {t!r}"
    )


@dataclass
class PredictiveScaling:
    """Predictive scaling as EC2 Auto Scaling and Application Auto Scaling (for ECS services)
    run it; **SageMaker variants do not offer it** (their auto scaling lists target tracking,
    step and scheduled scaling): use it to compare, not to plan a SageMaker policy.

    AWS's defaults: an hourly load
    forecast from the trace's own past, refreshed every `refresh_period_s` seconds (UTC-aligned);
    capacity = forecast requests per minute / `target_per_instance` (requests per instance per
    minute), raised at the start of each hour (`scheduling_buffer_s` seconds earlier), never
    lowered.

    `mode` is "ForecastAndScale" or "ForecastOnly" (the forecast is in ``Result.forecast`` but
    nothing scales); `seasonality` "daily" (same hour yesterday) or "weekly", averaged over
    `seasons_averaged` seasons; no forecast before `min_history_s` seconds of history (24 h).
    `max_capacity_breach_behavior` is "HonorMaxCapacity" or "IncreaseMaxCapacity" (MaxCapacity
    rises for the hour, to the forecast plus `max_capacity_buffer_percent` percent). Pair it with
    a :class:`TargetTracking` policy for the load it does not forecast.

    Example::

        [PredictiveScaling(target_per_instance=600), TargetTracking(target_value=600)]
        PredictiveScaling(target_per_instance=600, mode="ForecastOnly", seasonality="weekly")
    """

    target_per_instance: float = 1000.0  #: requests per instance per minute planned for
    mode: str = "ForecastAndScale"  #: "ForecastAndScale" or "ForecastOnly"
    seasonality: str = "daily"  #: "daily" or "weekly"
    seasons_averaged: int = 1  #: seasons per hour (1: seasonal naive); <= 14 days in all
    min_history_s: float = 86400.0  #: no forecast before this much history, seconds
    refresh_period_s: float = 21600.0  #: forecast recomputed every 6 h
    scheduling_buffer_s: float = 300.0  #: SchedulingBufferTime, seconds before the hour
    max_capacity_breach_behavior: str = "HonorMaxCapacity"  #: or "IncreaseMaxCapacity"
    max_capacity_buffer_percent: float = 0.0  #: MaxCapacityBuffer, percent of the forecast
    name: str = "predictive"

    def _to_core(self, where: str = "policy") -> _core.PredictiveConfig:
        c = _core.PredictiveConfig()
        _copy_fields(c, self, where)
        c.seasonality = _enum(_core.ForecastSeasonality, self.seasonality,
                              f"{where}.seasonality")
        c.breach = _enum(_core.MaxCapacityBreach, self.max_capacity_breach_behavior,
                         f"{where}.max_capacity_breach_behavior", camel=True)
        return c


_HPA_POLICY_KEYS = {"periodSeconds": "period_s", "period_seconds": "period_s"}
_HPA_RULES_KEYS = {
    "stabilizationWindowSeconds": "stabilization_window_s",
    "stabilization_window_seconds": "stabilization_window_s",
    "selectPolicy": "select_policy", "select": "select_policy",
}


@dataclass
class HPAScalingPolicy:
    """One Kubernetes HPA scaling policy (HPAScalingPolicy): change by at most `value` pods
    (`type` "Pods") or `value` percent of the replicas ("Percent") per `period_s` seconds.

    Example::

        HPAScalingPolicy("Pods", 4, 60)       # {"type": "Pods", "value": 4, "periodSeconds": 60}
    """

    type: str = "Percent"  #: "Pods" or "Percent"
    value: int = 100  #: pods or percent
    period_s: float = 15.0  #: periodSeconds

    def _to_core(self, where: str) -> _core.HpaScalingPolicy:
        kind = _enum(_core.HpaScalingPolicy.Kind, self.type, f"{where}.type", camel=True)
        return _core.HpaScalingPolicy(kind, _int(self.value, f"{where}.value"),
                                      _num(self.period_s, f"{where}.period_s"))


@dataclass
class HPAScalingRules:
    """One direction of a Kubernetes HPA behavior (HPAScalingRules): `stabilization_window_s`
    (seconds), `select_policy` ("Max", "Min" or "Disabled"), `policies`
    (:class:`HPAScalingPolicy` objects or dicts) and the per-direction `tolerance` (None for the
    HPA's global one). The constructor's defaults are the empty C++ rules; the Kubernetes
    defaults are :meth:`default_scale_up` and :meth:`default_scale_down`. Anywhere rules are
    accepted, a dict in the manifest's spelling works too.

    Example::

        HPAScalingRules(stabilization_window_s=60, policies=[HPAScalingPolicy("Pods", 4, 60)])
        {"stabilizationWindowSeconds": 60,
         "policies": [{"type": "Percent", "value": 10, "periodSeconds": 60}]}
    """

    stabilization_window_s: float = 0.0  #: stabilizationWindowSeconds
    select_policy: str = "Max"  #: "Max", "Min" or "Disabled"
    policies: Sequence = ()  #: HPAScalingPolicy objects or dicts
    tolerance: float | None = None  #: per-direction tolerance (None: the global one)

    @classmethod
    def default_scale_up(cls) -> HPAScalingRules:
        """The autoscaling/v2 default for scale-up: window 0, Percent 100 and Pods 4 per 15 s,
        Max."""
        return cls._from_core(_core.HpaScalingRules.default_scale_up())

    @classmethod
    def default_scale_down(cls) -> HPAScalingRules:
        """The autoscaling/v2 default for scale-down: window 300 s, Percent 100 per 15 s, Max."""
        return cls._from_core(_core.HpaScalingRules.default_scale_down())

    @classmethod
    def _from_core(cls, r) -> HPAScalingRules:
        return cls(r.stabilization_window_s, r.select.name.capitalize(),
                   [HPAScalingPolicy(p.type.name.capitalize(), p.value, p.period_s)
                    for p in r.policies],
                   None if r.tolerance == -1 else r.tolerance)

    def _to_core(self, where: str) -> _core.HpaScalingRules:
        r = _core.HpaScalingRules()
        _assign(r, "stabilization_window_s", self.stabilization_window_s, where)
        r.select = _enum(_core.HpaSelect, self.select_policy, f"{where}.select_policy", camel=True)
        out = []
        for k, p in enumerate(_seq(self.policies, f"{where}.policies")):
            w = f"{where}.policies[{k}]"
            if isinstance(p, Mapping):
                p = HPAScalingPolicy(**_keys(p, _HPA_POLICY_KEYS, HPAScalingPolicy, w))
            if not isinstance(p, HPAScalingPolicy):
                raise _core.ConfigError(f"{w}: expected an HPAScalingPolicy or a dict, got {p!r}")
            out.append(p._to_core(w))
        r.policies = out
        r.tolerance = -1.0 if self.tolerance is None else _num(self.tolerance,
                                                               f"{where}.tolerance")
        return r


def _rules(r, where: str, default) -> _core.HpaScalingRules:
    if r is None:
        r = default()
    if isinstance(r, Mapping):
        r = HPAScalingRules(**_keys(r, _HPA_RULES_KEYS, HPAScalingRules, where))
    if not isinstance(r, HPAScalingRules):
        raise _core.ConfigError(f"{where}: expected HPAScalingRules, a dict or None, got {r!r}")
    return r._to_core(where)


@dataclass
class HPA:
    """A Kubernetes HorizontalPodAutoscaler (autoscaling/v2) on one per-pod metric, with the
    Kubernetes defaults; minReplicas and maxReplicas are simulate's `min_capacity` and
    `max_capacity`.

    Each `sync_period_s` seconds it asks ``ceil(replicas x metric / target_value)`` (no change
    within `tolerance` of the ratio 1), limited by the behavior: `scale_up` and `scale_down`
    (:class:`HPAScalingRules`, a dict in the manifest's spelling, or None for the Kubernetes
    default). `metric` is "CPUUtilization" (percent, the default) or any metric
    :class:`TargetTracking` takes; the metric window is `metric_period_s` seconds, seen
    `metric_delay_s` later. `legacy` is an HPA without a behavior field (scale-up limit
    max(2 x replicas, 4), `legacy_downscale_window_s` stabilization). `more_metrics` are
    further entries of the manifest's ``spec.metrics``, each ``(metric, target_value)`` or a dict
    with those keys: the HPA takes the largest replica count the metrics ask for, and a metric
    that cannot be read blocks a scale-down (not a scale-up). `source` is "pods" (a Pods or
    Resource metric), "external_value" or "external_average_value" (an External or Object metric
    with a Value or AverageValue target, read as the fleet-wide figure); a further metric may
    carry its own as a third item or a "source" key.

    Example::

        HPA(target_value=60)
        HPA(target_value=60, scale_down={"stabilizationWindowSeconds": 60, "policies": [
            {"type": "Pods", "value": 4, "periodSeconds": 60}]})
        HPA(target_value=60, more_metrics=[("ConcurrentRequestsPerModel", 4)])
    """

    target_value: float = 80.0  #: target average per pod, in the metric's unit
    metric: str = "CPUUtilization"
    sync_period_s: float = 15.0  #: --horizontal-pod-autoscaler-sync-period
    tolerance: float = 0.1  #: --horizontal-pod-autoscaler-tolerance
    metric_period_s: float = 15.0  #: metrics window (metrics-server resolution)
    metric_delay_s: float = 0.0  #: delay before a window is visible
    cpu_initialization_period_s: float = 300.0
    legacy: bool = False  #: no behavior field: the pre-v2 limits
    legacy_downscale_window_s: float = 300.0
    scale_up: HPAScalingRules | Mapping | None = field(
        default_factory=lambda: HPAScalingRules.default_scale_up())
    scale_down: HPAScalingRules | Mapping | None = field(
        default_factory=lambda: HPAScalingRules.default_scale_down())
    name: str = "hpa"
    more_metrics: Sequence = ()  #: (metric, target_value[, source]) or dicts: more spec.metrics
    source: str = "pods"  #: "pods", "external_value" or "external_average_value"

    def _to_core(self, where: str = "policy") -> _core.HpaConfig:
        c = _core.HpaConfig()
        _copy_fields(c, self, where)
        c.scale_up = _rules(self.scale_up, f"{where}.scale_up", HPAScalingRules.default_scale_up)
        c.scale_down = _rules(self.scale_down, f"{where}.scale_down",
                              HPAScalingRules.default_scale_down)
        more = []
        for i, m in enumerate(_seq(self.more_metrics, f"{where}.more_metrics")):
            w = f"{where}.more_metrics[{i}]"
            if isinstance(m, Mapping):
                unknown = set(m) - {"metric", "target_value", "source"}
                if unknown:
                    raise _core.ConfigError(f"{w}: unknown key {sorted(unknown)[0]!r} (expected "
                                            "'metric', 'target_value' and 'source')")
                m = (m.get("metric", "CPUUtilization"), m.get("target_value", 80.0),
                     m.get("source", "pods"))
            if (isinstance(m, (str, bytes)) or not hasattr(m, "__len__")
                    or len(m) not in (2, 3)):
                raise _core.ConfigError(f"{w}: expected (metric, target_value[, source]) or a "
                                        f"dict, got {m!r}")
            core = _core.HpaMetric()
            _set_metric(core, m[0], w)
            _assign(core, "target_value", m[1], w)
            if len(m) == 3:
                core.source = _enum(_core.HpaSource, m[2], f"{w}.source", camel=True)
            more.append(core)
        c.more_metrics = more
        return c


#: The built-in policy classes simulate() accepts, with the scaling_config vector of each.
BUILTIN_POLICIES = {
    TargetTracking: "target_tracking",
    StepScaling: "step_scaling",
    ScheduledAction: "scheduled",
    PredictiveScaling: "predictive",
    HPA: "hpa",
}


# ---- conversion helpers (each error names the field) ----

def _snake(name: str) -> str:
    s = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name.strip())
    return s.replace("-", "_").replace(" ", "_").lower()


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _enum(enum_type, value, field: str, aliases: Mapping[str, str] | None = None,
          camel: bool = False):
    """The member of a C++ enum named `value` (snake_case or CamelCase, any case)."""
    if isinstance(value, enum_type):
        return value
    members = enum_type.__members__
    if isinstance(value, str):
        key = _snake(value)
        key = (aliases or {}).get(key, (aliases or {}).get(value, key))
        if key in members:
            return members[key]
    names = ", ".join(_camel(n) if camel else n for n in members)
    raise _core.ConfigError(f"{field}: expected one of {names}, got {value!r}")


def _num(v, field: str) -> float:
    if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.integer,
                                                             np.floating)):
        raise _core.ConfigError(f"{field}: expected a number, got {v!r}")
    return float(v)


def _int(v, field: str) -> int:
    if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, float, np.integer,
                                                             np.floating)):
        raise _core.ConfigError(f"{field}: expected an integer, got {v!r}")
    if float(v) != math.floor(float(v)):
        raise _core.ConfigError(f"{field}: expected an integer, got {v!r}")
    return int(v)


def _assign(core, key: str, value, where: str) -> None:
    """Sets a scalar field of a C++ struct, typed like its current value."""
    current = getattr(core, key)
    name = f"{where}.{key}"
    if isinstance(current, bool):
        if not isinstance(value, (bool, np.bool_)):
            raise _core.ConfigError(f"{name}: expected True or False, got {value!r}")
        value = bool(value)
    elif isinstance(current, int):
        value = _int(value, name)
    elif isinstance(current, float):
        value = _num(value, name)
    elif isinstance(current, str) and not isinstance(value, str):
        raise _core.ConfigError(f"{name}: expected a string, got {value!r}")
    setattr(core, key, value)


def _copy_fields(core, obj, where: str) -> None:
    """Sets every scalar and enum field the C++ struct describes (``FIELDS``) from `obj`'s
    attribute of the same name; the metric by name. Lists and nested structs are the caller's;
    an enum attribute `obj` keeps under another name too."""
    for f in type(core).FIELDS:
        key = f["name"]
        if not hasattr(obj, key):
            continue
        current = getattr(core, key)
        if key == "metric":
            _set_metric(core, obj.metric, where)
        elif hasattr(type(current), "__members__"):
            setattr(core, key, _enum(type(current), getattr(obj, key), f"{where}.{key}",
                                     camel=True))
        elif isinstance(current, (bool, int, float, str)):
            _assign(core, key, getattr(obj, key), where)


def _set_metric(core, metric, where: str) -> None:
    if not isinstance(metric, str):
        raise _core.ConfigError(f"{where}.metric: expected a metric name, got {metric!r}")
    try:
        core.metric = metric
    except _core.ConfigError as e:
        raise _core.ConfigError(f"{where}.metric: {e}") from None


def _seq(v, where: str) -> list:
    if isinstance(v, (str, bytes, Mapping)) or not hasattr(v, "__iter__"):
        raise _core.ConfigError(f"{where}: expected a list, got {v!r}")
    return list(v)


def _keys(d: Mapping, aliases: Mapping[str, str], cls, where: str) -> dict:
    """A dict's keys as `cls`'s field names (snake_case, or the aliases' spellings)."""
    known = {f.name for f in fields(cls)}
    out = {}
    for key, value in d.items():
        name = aliases.get(key, key)
        if name not in known:
            name = _snake(str(name))
            name = aliases.get(name, name)
        if name not in known:
            raise _core.ConfigError(
                f"{where}: unknown key {key!r} (known: {', '.join(sorted(known))})"
            )
        out[name] = value
    return out
