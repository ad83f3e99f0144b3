"""simulate() and its Result."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import _core
from .config import Endpoint, TargetTracking
from .trace import Trace

TIMELINE_COLUMNS = (
    "arrivals", "served", "errors", "queued", "desired", "starting", "in_service", "metric",
    "utilization", "mean_latency_s", "p99_latency_s",
)


class Result:
    """The outcome of one simulation: ``summary``, ``columns``, ``timeline``, ``activities``."""

    def __init__(self, core: _core.Result, trace: Trace):
        self._core = core
        self._trace = trace

    @property
    def summary(self) -> dict:
        """Run-level figures: cost_usd, instance_hours, p50/p95/p99_latency_s, error_rate, ..."""
        return self._core.summary

    @property
    def columns(self) -> dict:
        """Timeline columns as read-only numpy views of the simulator's memory (no copy)."""
        return self._core.timeline_columns

    @property
    def timeline(self):
        """One row per trace interval as a pandas DataFrame with a UTC DatetimeIndex."""
        import pandas as pd

        cols = self.columns
        index = pd.to_datetime(self._trace.start_epoch_s, unit="s", utc=True) + pd.to_timedelta(
            cols["time_ms"], unit="ms"
        )
        return pd.DataFrame({name: cols[name] for name in TIMELINE_COLUMNS}, index=index)

    @property
    def activities(self):
        """Scaling activities as a DataFrame: start_s, end_s, from, to, cause."""
        import pandas as pd

        columns = ["start_s", "end_s", "from", "to", "cause"]
        return pd.DataFrame(self._core.activities, columns=columns)

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"Result(cost ${s['cost_usd']:.2f}, p99 {s['p99_latency_s']:.3f} s, "
            f"error rate {s['error_rate']:.2e}, {int(s['scaling_activities'])} activities)"
        )


def simulate(
    trace: Trace,
    endpoint: Endpoint,
    policies: Sequence[TargetTracking] = (),
    *,
    min_capacity: int = 1,
    max_capacity: int = 10,
    slo_latency_s: float = 1.0,
    slo_target: float = 0.99,
    seed: int = 1,
    mode: str = "fluid",
    timeline: bool = True,
    cooldown_from: str = "completion",
    capacity_basis: str = "current",
) -> Result:
    """Replays `trace` through `endpoint` scaled by `policies`; returns a Result.

    Capacities are instance counts, times in seconds; the same arguments and seed always give the
    same bits. The GIL is released while the simulation runs.

    Example::

        r = simulate(trace, Endpoint(), [TargetTracking(target_value=600)], max_capacity=20)
        r.summary["cost_usd"]
    """
    sc = _core.Scenario()
    sc.traffic = trace._core
    sc.endpoint = endpoint._to_core()
    scaling = _core.ScalingConfig()
    scaling.min_capacity, scaling.max_capacity = min_capacity, max_capacity
    scaling.target_tracking = [p._to_core() for p in policies]
    scaling.cooldown_from = _enum(_core.CooldownStart, cooldown_from, "scaling.cooldown_from")
    scaling.basis = _enum(_core.CapacityBasis, capacity_basis, "scaling.capacity_basis")
    sc.scaling = scaling
    slo = _core.SloConfig()
    slo.latency_s, slo.target = slo_latency_s, slo_target
    sc.slo = slo
    sc.seed = int(np.uint64(seed))
    sc.mode = _enum(_core.PlaneMode, mode, "mode")
    sc.record_timeline = timeline
    return Result(_core.simulate(sc), trace)


def _enum(enum_type, value: str, field: str):
    try:
        return getattr(enum_type, value)
    except AttributeError:
        names = ", ".join(enum_type.__members__)
        raise _core.ConfigError(f"{field}: expected one of {names}, got {value!r}") from None
