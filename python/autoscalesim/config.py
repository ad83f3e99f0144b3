"""The endpoint and policy classes: each the dataclass of a C++ configuration struct, generated
from its description (fields, one names, defaults: see :mod:`._described`), with the Python
conveniences at the edge (timedeltas and datetimes, Startup's constructors, AWS spellings)."""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import math
import numbers
from collections.abc import Sequence

import numpy as np

from . import _args, _core
from ._described import RENAMED as RENAMED  # the renamed keywords, for users to read
from ._described import _Described, _described, _scalar, _seq


@_described(_core.InstanceType, positional=None, where="endpoint.instance_type")
class InstanceType(_Described):
    """What one instance costs and how fast it serves. `service` is the service-time family the
    request mode samples ("fitted": the fluid mode's shape; "empirical": one of
    `service_samples_s`, whose mean and cv then replace `service_time_s` and `service_cv`).

    Without `price_per_hour`, a name in the instance catalogue (``_core.catalog_names()``)
    takes its on-demand price there (``InstanceType("ml.g5.12xlarge")`` is 7.09 USD/h); another
    SageMaker name (``ml.``...) is an error asking for its price (a typo would have cost the
    default), and any other name takes the default, 0.204 USD/h.

    Example: ``InstanceType("ml.c5.xlarge", price_per_hour=0.204, workers=2,
    service_time_s=0.1)``; ``InstanceType("measured", service="empirical",
    service_samples_s=seconds)``. Samples with another family are an error (they would be
    ignored).
    """

    def _to_core(self, where: str | None = None) -> _core.InstanceType:
        c = _Described._to_core(self, where)
        if len(c.service_samples_s) and c.service.name != "empirical":
            where = self._where if where is None else where
            raise _core.ConfigError(
                f"{where}.service_samples_s: expected no samples with service "
                f"{c.service.name!r} (only service 'empirical' draws from them), got "
                f"{len(c.service_samples_s)}; set service='empirical' or drop the samples")
        return c


def _catalogue_price(init):
    """InstanceType's __init__, which takes the catalogue's price for a catalogue name given
    without price_per_hour (the C++ default, ml.c5.xlarge's, made every other type cost as
    much without a word)."""

    @functools.wraps(init)
    def __init__(self, *args, **kw):
        init(self, *args, **kw)
        if len(args) < 2 and "price_per_hour" not in kw and isinstance(self.name, str):
            if self.name in _core.catalog_names():
                self.price_per_hour = _core.catalog_instance(self.name)["price_per_hour"]
            elif self.name.startswith("ml."):
                # a typo ("ml.g4dn.xlarg") or an unlisted type would cost the default, 0.204
                raise _core.ConfigError(
                    f"instance_type.name: {self.name!r} is not in the catalogue "
                    f"({', '.join(_core.catalog_names())}); give its price with "
                    f"price_per_hour (USD per hour)")

    return __init__


InstanceType.__init__ = _catalogue_price(InstanceType.__init__)


@_described(_core.StartupDistribution, positional=("kind",), where="endpoint.startup")
class Startup(_Described):
    """Instance start-up time, from launch to in service (billed), in seconds, of the family
    `kind`; wherever a Startup is taken, a number is a fixed time.

    Example: ``Startup.fixed(300); Startup.lognormal(360, 0.25); Startup.uniform(240, 480)``
    """

    @classmethod
    def fixed(cls, seconds: float) -> Startup:
        """Always `seconds` seconds."""
        return cls("fixed", fixed_s=seconds)

    @classmethod
    def lognormal(cls, median_s: float, sigma: float) -> Startup:
        """Lognormal: median in seconds, log-space standard deviation."""
        return cls("lognormal", median_s=median_s, sigma=sigma)

    @classmethod
    def uniform(cls, low_s: float, high_s: float) -> Startup:
        """Uniform in ``[low_s, high_s]`` seconds."""
        return cls("uniform", low_s=low_s, high_s=high_s)

    @classmethod
    def _from_plain(cls, seconds, where: str) -> Startup:
        return cls.fixed(_scalar(seconds, 0.0, f"{where}.fixed_s"))


@_described(_core.InferenceComponentConfig, positional=None,
           where="endpoint.inference_component")
class InferenceComponent(_Described):
    """An inference component and its endpoint's managed instance scaling (used when the
    endpoint's ``kind`` is "inference_component"): copies per instance, Min/MaxInstanceCount,
    the copy start-up on an instance without the model and on one that held a copy, and the
    scale-in policy ("idle_release" or "consolidation", CooldownInMinutes, MaximumStepSize).
    A number for a start-up is a fixed time.

    Example: ``InferenceComponent(copies_per_instance=2, max_instances=4, copy_startup=165)``
    """


@_described(_core.ServerlessConfig, positional=None, where="endpoint.serverless")
class Serverless(_Described):
    """A serverless endpoint's settings (used when the endpoint's ``kind`` is "serverless";
    request mode only): MemorySizeInMB, MaxConcurrency, the cold start (a number is a fixed
    time), how long an idle on-demand container stays warm, the prices per GB-second of memory
    (on-demand duration, provisioned concurrency, duration on provisioned concurrency; us-east-1
    by default) and per GB of data, and the payload per request. The endpoint's
    ``initial_capacity`` and the policies' capacities are its provisioned concurrency.

    Example: ``Serverless(memory_mb=4096, max_concurrency=50, cold_start=Startup.lognormal(8,
    0.4))``
    """


@_described(_core.MultiModelConfig, positional=None, where="endpoint.multi_model")
class MultiModel(_Described):
    """A multi-model endpoint's models and cache (used when the endpoint's ``kind`` is
    "multi_model"; request mode only): the number of models, their shares of the requests
    (Zipf's law with exponent ``zipf_s``, or ``model_weights``), the memory a loaded model takes
    and an instance has for models, the load time (``load_base_s`` + size x ``load_s_per_gb``)
    and ModelCacheSetting (``caching``).

    Example: ``MultiModel(models=200, model_size_gb=0.5, instance_memory_gb=48)``
    """


@_described(_core.EndpointConfig, positional=None, where="endpoint")
class Endpoint(_Described):
    """The endpoint variant being scaled; `max_queue` None is no limit, 0 a loss system.

    Example: ``Endpoint(InstanceType("ml.g4dn.xlarge", price_per_hour=0.736, workers=1,
    service_time_s=1.0), initial_capacity=2, startup=Startup.fixed(300))``
    """


@_described(_core.TargetTrackingConfig, positional=("target_value", "metric"))
class TargetTracking(_Described):
    """An Application Auto Scaling target-tracking policy, with AWS's defaults. `target_value` is
    in the metric's unit: requests per instance per minute for "InvocationsPerInstance", requests
    in the container per instance for "ConcurrentRequestsPerModel", percent for "CPUUtilization",
    seconds for "ModelLatency".

    Example: ``TargetTracking(300, "InvocationsPerInstance", scale_in_cooldown_s=600)``
    """

    @classmethod
    def high_resolution(cls, target_value: float, **overrides) -> TargetTracking:
        """SageMaker's high-resolution target tracking on ConcurrentRequestsPerModel (requests in
        the container per instance): 10-second datapoints published 10 s late, AlarmHigh 3 of 3,
        AlarmLow 90 of 90 (the counts and delay are this model's choice, docs/semantics.md);
        `overrides` set other fields. Example: ``TargetTracking.high_resolution(4)``."""
        return cls._from_core(_core.TargetTrackingConfig.high_resolution(
            _args.number(target_value, "target_value")), **overrides)


@_described(_core.StepAdjustment, positional=None)
class StepAdjustment(_Described):
    """One step of a :class:`StepScaling` policy (a bound of None is unbounded); a dict (these
    names or AWS's) or a ``(lower, upper, adjustment)`` tuple works too.

    Example: ``StepAdjustment(0, 500, 1), {"MetricIntervalLowerBound": 500,
    "ScalingAdjustment": 3}``
    """

    _whole_tuple = True  # (0, 500) is refused: its adjustment would be 0


@_described(_core.StepScalingConfig, positional=("threshold", "steps"))
class StepScaling(_Described):
    """An Application Auto Scaling step-scaling policy and the CloudWatch alarm that triggers it,
    with AWS's defaults; enums take AWS's names too (GreaterThanThreshold, ChangeInCapacity).

    Example: ``StepScaling(threshold=1000, steps=[(0, 500, 1), (500, None, 3)])``
    """


@_described(_core.ScheduledActionConfig, positional=("cron",))
class ScheduledAction(_Described):
    """An Application Auto Scaling scheduled action: at its times it sets MinCapacity and/or
    MaxCapacity (None keeps it). Besides `cron` (UTC), `at_ms` and `at_epoch_ms`, `at` takes
    a time or a list: seconds and timedeltas from the start of the trace, or datetimes,
    Timestamps, datetime64 and ISO strings (naive ones UTC).

    Example: ``ScheduledAction(cron="0 8 * * 1-5", min_capacity=4); ScheduledAction(at=3600,
    max_capacity=2)``
    """

    at: Sequence = ()  #: seconds from the trace start, timedeltas, or absolute datetimes

    def _to_core(self, where: str = "policy") -> _core.ScheduledActionConfig:
        c = _Described._to_core(self, where)
        times = self.at
        if isinstance(times, (str, _dt.date, _dt.timedelta, np.generic, int, float)):
            times = [times]
        at = {"relative": list(c.at_ms), "absolute": list(c.at_epoch_ms)}
        for k, t in enumerate(_seq(times, f"{where}.at")):
            kind, ms = _time_ms(t, f"{where}.at[{k}]")
            at[kind].append(ms)
        c.at_ms, c.at_epoch_ms = at["relative"], at["absolute"]
        return c


def _time_ms(t, where: str) -> tuple[str, int]:
    """("relative", ms from the trace start) or ("absolute", ms since the epoch)."""
    import pandas as pd

    got = None
    # OverflowError: pandas' nanoseconds end in 2262, a timedelta's in 292 years
    with contextlib.suppress(ValueError, TypeError, OverflowError):
        if isinstance(t, _dt.timedelta):
            got = "relative", round(t / _dt.timedelta(milliseconds=1))
        elif isinstance(t, np.timedelta64):  # before Real: numpy's is an integer type
            got = "relative", round(pd.Timedelta(t).value / 1e6)
        elif (isinstance(t, numbers.Real) and not isinstance(t, (bool, np.bool_))
              and math.isfinite(t)):
            got = "relative", round(float(t) * 1000)
        elif (isinstance(t, (str, _dt.date, np.datetime64))
              and (ts := pd.Timestamp(t)) is not pd.NaT):
            ts = ts.tz_localize("UTC") if ts.tz is None else ts
            # from a seconds-unit epoch: the difference keeps ts's unit, not nanoseconds
            epoch = pd.Timestamp(0, tz="UTC")
            epoch = epoch.as_unit("s") if hasattr(epoch, "as_unit") else epoch  # pandas < 2: ns
            got = "absolute", (ts - epoch) // pd.Timedelta(1, "ms")
    if got is None:
        raise _core.ConfigError(f"{where}: expected seconds from the trace start, a timedelta, "
                                f"or a date and time, got {t!r}")
    # the core holds whole ms in 64 bits and takes +-1e16 (some 300,000 years)
    if abs(got[1]) > 1e16:
        since = "the trace start" if got[0] == "relative" else "the Unix epoch"
        raise _core.ConfigError(f"{where}: expected a time within +-1e16 ms (some 300,000 years) "
                                f"of {since}, got {t!r}")
    return got


@_described(_core.PredictiveConfig, positional=("target_per_instance",))
class PredictiveScaling(_Described):
    """Predictive scaling as EC2 and Application Auto Scaling (ECS) run it; **SageMaker variants
    do not offer it**: use it to compare. An hourly forecast from the trace's past sets capacity =
    forecast / `target_per_instance` at each hour, never lowered; pair it with a
    :class:`TargetTracking` policy for the load it does not forecast.

    Example: ``[PredictiveScaling(600, seasonality="weekly"), TargetTracking(600)]``
    """


@_described(_core.HpaScalingPolicy, positional=None)
class HPAScalingPolicy(_Described):
    """One Kubernetes HPA scaling policy: at most `value` pods or percent per `period_s`.

    Example: ``HPAScalingPolicy("Pods", 4, 60)`` or ``{"type": "Pods", "value": 4,
    "periodSeconds": 60}``
    """


@_described(_core.HpaScalingRules, positional=None)
class HPAScalingRules(_Described):
    """One direction of a Kubernetes HPA behavior (a `tolerance` of None is the HPA's global one);
    the defaults are the empty C++ rules, Kubernetes' are :meth:`default_scale_up` and
    :meth:`default_scale_down`. A dict in the manifest's spelling works wherever rules are taken;
    its missing keys keep that direction's autoscaling/v2 defaults, as in a scenario file.

    Example: ``{"stabilizationWindowSeconds": 60, "policies": [{"type": "Percent", "value": 10,
    "periodSeconds": 60}]}``
    """

    @classmethod
    def default_scale_up(cls) -> HPAScalingRules:
        """autoscaling/v2's scale-up: window 0, Percent 100 and Pods 4 per 15 s, Max."""
        return cls._from_core(_core.HpaScalingRules.default_scale_up())

    @classmethod
    def default_scale_down(cls) -> HPAScalingRules:
        """autoscaling/v2's scale-down: window 300 s, Percent 100 per 15 s, Max."""
        return cls._from_core(_core.HpaScalingRules.default_scale_down())


@_described(_core.HpaMetric, positional=None)
class HPAMetric(_Described):
    """A further entry of an HPA's ``spec.metrics``; a tuple or a dict works too.

    Example: ``HPAMetric("ConcurrentRequestsPerModel", 4)``
    """


@_described(_core.HpaConfig, positional=("target_value", "metric"))
class HPA(_Described):
    """A Kubernetes HorizontalPodAutoscaler (autoscaling/v2) with the Kubernetes defaults
    (minReplicas and maxReplicas are simulate's `min_capacity` and `max_capacity`); `scale_up` and
    `scale_down` take :class:`HPAScalingRules`, a dict in the manifest's spelling, or None for
    the default.

    Example: ``HPA(60, more_metrics=[("ConcurrentRequestsPerModel", 4)], scale_down={
    "stabilizationWindowSeconds": 60})``
    """


#: The built-in policy classes simulate() accepts, with the scaling_config vector of each.
BUILTIN_POLICIES = {TargetTracking: "target_tracking", StepScaling: "step_scaling",
                    ScheduledAction: "scheduled", PredictiveScaling: "predictive", HPA: "hpa"}
