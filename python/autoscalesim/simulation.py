"""simulate() and its Result."""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Union

import numpy as np

from . import _args, _core, _results
from ._described import _enum
from .config import (
    BUILTIN_POLICIES,
    HPA,
    Endpoint,
    PredictiveScaling,
    ScheduledAction,
    StepScaling,
    TargetTracking,
)
from .policy import Policy
from .trace import Trace, _activities_frame

#: The timeline's columns besides the time (one value per trace interval).
TIMELINE_COLUMNS = (
    "arrivals", "served", "errors", "queued", "desired", "starting", "in_service", "metric",
    "utilization", "mean_latency_s", "p99_latency_s",
)

#: Anything simulate() accepts in its list of policies.
AnyPolicy = Union[TargetTracking, StepScaling, ScheduledAction, PredictiveScaling, HPA, Policy]

#: Request mode: how the traffic becomes request arrival times.
ARRIVALS = ("poisson", "uniform_counts", "log", "poisson_counts")


@dataclass(frozen=True)
class RunSettings:
    """Everything of a run besides the trace, endpoint and policies (picklable, for Dask)."""

    min_capacity: int = 1
    max_capacity: int = 10
    slo_latency_s: float = 1.0
    slo_target: float = 0.99
    seed: int = 1
    mode: str = "fluid"
    cooldown_from: str = "completion"
    capacity_basis: str = "current"
    arrivals: str = "poisson"
    scale_out_while_updating: str = "retry"


class Result:
    """The outcome of one simulation.

    - ``summary``: run-level figures (dict): cost_usd, instance_hours, p50/p95/p99_latency_s,
      error_rate, slo_attainment, scale_out_count, ...
    - ``columns``: the timeline as read-only numpy views of the simulator's memory (no copy).
    - ``timeline``: the same as a pandas DataFrame with a UTC DatetimeIndex.
    - ``activities``: the scaling activities as a DataFrame.
    - ``forecast``: predictive scaling's hourly forecasts as a DataFrame.
    - ``margins``: with ``simulate(..., margins=True)``, the settings within which this run
      repeats exactly (or None);
    - ``plot()``: the timeline as a matplotlib Figure;
    - ``to_files(directory)``: summary.json, timeline.csv and activities.csv.
    """

    def __init__(self, core: _core.Result, trace: Trace, policies=(), settings=None):
        self._core = core
        self.trace = trace
        self.policies = tuple(policies)
        self.settings = settings or RunSettings()

    @property
    def summary(self) -> dict:
        """Run-level figures: cost_usd (USD), instance_hours, p50/p95/p99_latency_s (seconds),
        error_rate (errors / requests), slo_attainment (0..1), scale_out_count, ...

        Example::

            r.summary["cost_usd"], r.summary["p99_latency_s"]
        """
        return self._core.summary

    @property
    def notes(self) -> list[str]:
        """What the run met that its figures should be read with, one sentence each: a
        scheduled action that failed because it set one bound across the other in force (AWS
        fails it; give both sizes). ``simulate`` also warns with each (:class:`ScheduleWarning`)."""
        return list(self._core.notes)

    @property
    def margins(self) -> dict | None:
        """The settings around the run's own within which every scaling decision, and so the
        whole run, comes out the same (asked for with ``simulate(..., margins=True)``).

        A dict of ``(low, high)`` per setting, both ends included: ``target_value``,
        ``scale_out_cooldown_s`` and ``scale_in_cooldown_s`` (in seconds, on the whole
        milliseconds the simulator counts) and ``max_capacity``, with ``inf`` where nothing
        bounds a setting from above. Any settings inside all four ranges together repeat this
        run to the bit (MinCapacity and everything else unchanged). The ranges are sufficient,
        not always the widest. None unless asked for and the run was scaled by one
        target-tracking policy and nothing else, on a real-time or asynchronous endpoint
        (docs/scenario.md, "Settings within a run's decision margins").

        Example::

            trace = datasets.nasa_july_1995()
            r = simulate(trace, Endpoint(), [TargetTracking(31)], max_capacity=20, margins=True)
            r.margins["target_value"]   # (31.0, 31.111...): any TargetValue in it gives this run
            # (a month of whole counts puts some datapoint near every round TargetValue, so a
            # month's ranges are narrow; at 30 exactly, (30.0, 30.0))
        """
        return self._core.margins

    @property
    def columns(self) -> dict:
        """Timeline columns as read-only numpy views of the simulator's memory (no copy).

        ``time_ms`` is the start of each interval in milliseconds from the start of the trace.

        Example::

            r.columns["in_service"].max()
        """
        return self._core.timeline_columns

    @property
    def timeline(self):
        """One row per trace interval as a pandas DataFrame with a UTC DatetimeIndex.

        Counts (arrivals, served, errors) are requests per interval (float64, so that a column
        sums to the summary's total), capacities (desired, starting) whole instances (int32), and
        the charted figures single precision (float32, about 7 significant digits): queued,
        in_service (instances), metric (the first target-tracking policy's datapoint),
        utilization (0..1), mean_latency_s and p99_latency_s (seconds).

        Example::

            r.timeline["in_service"].resample("1h").mean()
        """
        import pandas as pd

        cols = self.columns
        index = self.trace._times(cols["time_ms"])
        index.name = "time"
        return pd.DataFrame({name: cols[name] for name in TIMELINE_COLUMNS}, index=index)

    @property
    def activities(self):
        """Scaling activities as a DataFrame: start and end (UTC), start_s and end_s (seconds
        from the start of the trace), from and to (desired capacity), cause. The end is when
        the new instances are in service: past the trace's end for a scale-out still under way
        there.

        Example::

            r.activities.query("to > `from`")   # the scale-outs
        """
        return _activities_frame(self._core.activities, self.trace)

    @property
    def forecast(self):
        """The hourly forecasts of the :class:`PredictiveScaling` policies, one row per policy and
        hour: policy, hour (UTC start of the forecast hour), hour_start_s (seconds from the start
        of the trace), made_s (when the forecast was made, same clock), load_per_minute (forecast
        requests per minute) and capacity (instances). Empty without predictive scaling.

        Example::

            r.forecast.set_index("hour")["capacity"]
        """
        import pandas as pd

        fc = pd.DataFrame(self._core.forecast, columns=["policy", "made_s", "hour_start_s",
                                                        "load_per_minute", "capacity"])
        # (the same column types with no row as with rows)
        fc = fc.astype({"made_s": "float64", "hour_start_s": "float64",
                        "load_per_minute": "float64", "capacity": "int64"})
        fc.insert(1, "hour", self.trace._times(np.round(fc["hour_start_s"] * 1000)))
        return fc

    def plot(self, **kwargs):
        """The timeline as a matplotlib Figure (see :func:`autoscalesim.plotting.plot_timeline`).

        Example::

            fig = r.plot(); fig.savefig("timeline.png")
        """
        from .plotting import plot_timeline

        return plot_timeline(self, **kwargs)

    def to_files(self, directory: str | os.PathLike, overwrite: bool = False) -> None:
        """Writes summary.json, timeline.csv and activities.csv into `directory` (created if
        missing), as ``autoscalesim simulate`` does: the summary's numbers in shortest
        round-trip form, NaN as null; the timeline has a row per interval (none when run with
        ``timeline=False``). Files of those names that autoscalesim wrote are replaced; one it
        did not write raises FileExistsError unless `overwrite` (the folder's marker
        ``.autoscalesim-results`` lists what it wrote). Raises OSError on failure.

        Example::

            r.to_files("results/nasa")
        """
        names = ("summary.json", "timeline.csv", "activities.csv")
        folder = _results.prepare(directory, names, overwrite)
        self._core.write_files(os.fspath(folder))
        _results.mark(folder, names)

    def _repr_html_(self) -> str:
        from . import _html

        s = self.summary
        rows = [("cost", f"{_html.money(s['cost_usd'])} ({s['instance_hours']:.1f} "
                         "instance-hours)"),
                ("latency", f"mean {_html.seconds(s['mean_latency_s'])}, p95 "
                            f"{_html.seconds(s['p95_latency_s'])}, p99 "
                            f"{_html.seconds(s['p99_latency_s'])}"),
                ("SLO attainment", f"{s['slo_attainment']:.4f}"),
                ("errors", f"{s['errors']:,.0f} of {s['requests']:,.0f} (rate "
                           f"{_html.rate(s['error_rate'])})"),
                ("scaling", f"{int(s['scale_out_count'])} scale-outs, "
                            f"{int(s['scale_in_count'])} scale-ins, peak "
                            f"{int(s['peak_in_service'])} in service")]
        return _html.table("Result", rows, ["timeline, activities, plot() for the details"])

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"Result(cost ${s['cost_usd']:.2f}, p99 {s['p99_latency_s']:.3f} s, "
            f"error rate {_rate(s['error_rate'])}, {int(s['scaling_activities'])} activities)"
        )


class SharedResult:
    """The outcome of several inference components on one endpoint's instances (a scenario
    file's ``"components"``, docs/deployments.md).

    - ``summary``: the endpoint's figures (dict): cost_usd and instance_hours (every instance,
      launch to release), unallocated_instance_hours (room no copy took), idle_instance_hours
      (in service while no component had a request), peak_instances, instances_launched,
      moved_copies (by consolidation);
    - ``components``: each component's :class:`Result` by name, in the file's order; a
      component's cost is its copies' share of the instances (copy-hours / copies per instance).

    Example::

        r = asim.load_scenario("examples/scenarios/ic_shared_components.json").simulate()
        r.summary["cost_usd"], r.components["chat"].summary["p99_latency_s"]
    """

    _FIELDS = ("cost_usd", "instance_hours", "unallocated_instance_hours", "idle_instance_hours",
               "peak_instances", "instances_launched", "moved_copies")

    def __init__(self, core: _core.SharedResult, components: dict):
        self._core = core
        self.components = dict(components)

    @property
    def summary(self) -> dict:
        """The endpoint's figures (see the class)."""
        return {f: getattr(self._core, f) for f in self._FIELDS}

    @property
    def hourly_instance_hours(self) -> np.ndarray:
        """Billed instance-hours of the endpoint in each UTC clock hour the run touches."""
        return np.asarray(self._core.hourly_instance_hours)

    def to_files(self, directory: str | os.PathLike, overwrite: bool = False) -> None:
        """Writes summary.json (the endpoint's bill: its figures, then each component's name,
        summary file and cost), and summary-N.json, timeline-N.csv and activities-N.csv for each
        component (N its index, in order) into `directory`, as ``autoscalesim simulate`` does
        for a file with ``"components"``. Files of those names that autoscalesim did not write
        raise FileExistsError unless `overwrite`, as :meth:`Result.to_files`. Raises OSError on
        failure.

        Example::

            r.to_files("results/shared")
        """
        parts = (("summary", "json"), ("timeline", "csv"), ("activities", "csv"))
        names = ["summary.json"] + [f"{name}-{n}.{ext}" for n in range(len(self.components))
                                    for name, ext in parts]
        folder = _results.prepare(directory, names, overwrite)
        text = self._core.summary_json([str(k) for k in self.components])
        (folder / "summary.json").write_bytes(text.encode("utf-8"))
        for n, result in enumerate(self.components.values()):
            staging = folder / f".component-{n}"
            staging.mkdir(exist_ok=True)
            result._core.write_files(os.fspath(staging))
            for name, ext in parts:
                os.replace(staging / f"{name}.{ext}", folder / f"{name}-{n}.{ext}")
            staging.rmdir()
        _results.mark(folder, names)

    def __repr__(self) -> str:
        s = self.summary
        return (f"SharedResult({len(self.components)} components: {', '.join(self.components)}; "
                f"cost ${s['cost_usd']:,.2f}, {s['instance_hours']:.1f} instance-hours, "
                f"peak {s['peak_instances']} instances)")


def simulate(
    trace: Trace,
    endpoint: Endpoint,
    policies: Sequence[AnyPolicy] = (),
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
    arrivals: str = "poisson",
    scale_out_while_updating: str = "retry",
    margins: bool = False,
) -> Result:
    """Replays `trace` through `endpoint` scaled by `policies`; returns a :class:`Result`.

    `policies` holds built-in policies (:class:`TargetTracking`, :class:`StepScaling`,
    :class:`ScheduledAction`, :class:`PredictiveScaling`, :class:`HPA`, in any number and order)
    and/or :class:`Policy` subclasses (custom policies in Python). Capacities are instance
    counts, `slo_latency_s` the latency a request must meet to count as good (seconds) and
    `slo_target` the share of good requests aimed for.

    `mode` is "fluid" (queueing formulas per span) or "request" (every request simulated). In
    request mode `arrivals` says when requests arrive: "poisson" (a seeded Poisson process at
    each interval's rate), "uniform_counts" (each interval's count evenly spaced: the arrivals
    per interval are the fluid mode's, rounded, and so are the scaling decisions while instances
    enter service on metric-period boundaries; with mode "fluid", whose queues take each
    interval's arrivals as Poisson, it is a ConfigError), "poisson_counts" (uniform_counts'
    count for each interval at seeded independent uniform times within it: the arrivals per
    interval are the fluid mode's, the bursts within it Poisson's) or "log" (the trace's own
    per-request times, see :meth:`Trace.from_access_log`). The request mode holds every waiting
    request in memory: a run in which more than 20,000,000 wait at once (a fleet far behind its
    traffic) raises :class:`ConfigError` naming `mode` rather than fill the memory. The same
    arguments and seed always give the same bits.

    `cooldown_from` ("completion" or "start"), `capacity_basis` ("current" or "producing") and
    `scale_out_while_updating` ("retry": a scale-out asked for while instances of an activity are
    starting is refused and asked again on fresh data at the next evaluation, as AWS does;
    "remember_largest": the largest such request is applied when the activity completes) set
    the scaling semantics (docs/semantics.md).
    With `margins`, a run scaled by one target-tracking policy records the TargetValue,
    cooldown and MaxCapacity ranges within which it repeats exactly (:attr:`Result.margins`;
    about 8 % more work).
    The GIL is released while the simulation runs (and taken back only to call custom Python
    policies).

    Example::

        r = simulate(trace, Endpoint(), [TargetTracking(target_value=600)], max_capacity=20)
        r.summary["cost_usd"]
        simulate(trace, Endpoint(max_queue=20), [HPA(target_value=60)], mode="request",
                 arrivals="uniform_counts")
    """
    trace, policies, settings, sc = _prepared(
        trace, endpoint, policies,
        RunSettings(min_capacity, max_capacity, slo_latency_s, slo_target, seed, mode,
                    cooldown_from, capacity_basis, arrivals, scale_out_while_updating))
    sc.record_timeline = _args.flag(timeline, "timeline")
    margins = _args.flag(margins, "margins")
    result = Result(_core.simulate(sc, margins=margins), trace, policies, settings)
    _warn(sc.caveats())  # after the run, which validated the scenario
    _warn_notes(result.notes)
    return result


def _warn_notes(notes, where: str = "") -> None:
    """Warns with each note of a run (a scheduled action that failed), `where` before it."""
    import warnings

    for note in notes:
        warnings.warn(where + note, ScheduleWarning, stacklevel=3)


def _prepared(trace, endpoint, policies, settings: RunSettings, where: str = ""):
    """One run's inputs checked (`where` prefixes their names in errors), its Python policies
    reset, and its C++ scenario: (trace, policies, settings, scenario)."""
    trace = _args.trace(trace, f"{where}trace")
    endpoint = _args.endpoint(endpoint, f"{where}endpoint")
    policies = _args.policies(policies, f"{where}policies")
    settings = _args.settings(settings)
    for p in policies:
        if isinstance(p, Policy):
            p.reset()
    return trace, policies, settings, build_scenario(trace, endpoint, policies, settings)


class CoarseTraceWarning(UserWarning):
    """The trace's interval is coarser than a policy's metric period: the traffic within an
    interval is spread evenly, so the peaks the alarms would see are hidden and the latency is
    judged on smoother traffic than the endpoint's."""


class ScheduleWarning(UserWarning):
    """A scheduled action none of whose times falls within the trace: it never acts (a
    one-time action of another day, seconds since the epoch on a trace of relative times, a
    cron that matches no minute of the trace); or one that failed in the run, because it set
    one bound across the other in force (AWS fails it: give both sizes)."""


class CapacityWarning(UserWarning):
    """A MinCapacity of 0 where AWS takes at least 1: a SageMaker real-time or multi-model
    variant's instances, or a serverless endpoint's provisioned concurrency. The run shows a
    fleet that can empty (an EC2 Auto Scaling group can); on SageMaker, scale to zero needs an
    inference component or an asynchronous endpoint."""


class FractionalCountsWarning(UserWarning):
    """A fluid-mode run of an endpoint that may scale to zero (an asynchronous endpoint or an
    inference component with MinCapacity 0) on a trace most of whose intervals with traffic
    have less than a request (a trace scaled down):
    no interval is ever empty and no failure is a whole request, so the scale-in to zero and
    the wake-up may never happen where whole requests would make them. Run it in request mode,
    or give it whole counts."""


class ServiceTimeWarning(UserWarning):
    """A mean service time above the time a request may take (the invocation timeout; an
    asynchronous endpoint's processing timeout): requests fail whatever the fleet, as a service
    time given in milliseconds instead of seconds makes them."""


_CAVEAT_WARNINGS = {"coarse_trace": CoarseTraceWarning, "schedule": ScheduleWarning,
                    "capacity": CapacityWarning, "fractional_counts": FractionalCountsWarning,
                    "service_time": ServiceTimeWarning}


def warn_caveats(sc: _core.Scenario, where: str = "") -> None:
    """Warns with each caveat of a scenario (:class:`CoarseTraceWarning`,
    :class:`ScheduleWarning` for a scheduled action that never acts, :class:`CapacityWarning`,
    :class:`FractionalCountsWarning`, :class:`ServiceTimeWarning`),
    `where` before it (internal). A scenario the run will refuse is not warned about: its
    error says what matters."""
    try:
        sc.validate()
    except (_core.ConfigError, _core.TraceError):
        return
    _warn(sc.caveats(), where, stacklevel=4)


def _warn(caveats, where: str = "", stacklevel: int = 3) -> None:
    """Warns with each of a valid scenario's caveats, `where` before it; `stacklevel` as
    warnings.warn counts it from here (3: the caller of the public function calling this)."""
    import warnings

    for caveat in caveats:
        # An SLO out of reach is not warned about: the default SLO (1 s) is out of reach of
        # many a model, where only the provisioning shares suffer (their docstring says so).
        if caveat.kind in _CAVEAT_WARNINGS:
            warnings.warn(where + caveat.text, _CAVEAT_WARNINGS[caveat.kind],
                          stacklevel=stacklevel)


def build_scenario(trace: Trace, endpoint: Endpoint, policies: Sequence[AnyPolicy],
                   settings: RunSettings) -> _core.Scenario:
    """The C++ scenario for one run (internal; shared by simulate and optimize)."""
    settings = _args.settings(settings)
    sc = _core.Scenario()
    sc.traffic = trace._core
    sc.endpoint = endpoint._to_core()
    scaling = _core.ScalingConfig()
    scaling.min_capacity, scaling.max_capacity = settings.min_capacity, settings.max_capacity
    builtin = {kind: [] for kind in BUILTIN_POLICIES.values()}
    custom = []
    for i, p in enumerate(policies):
        kind = BUILTIN_POLICIES.get(type(p))
        if kind is None:
            kind = next((k for cls, k in BUILTIN_POLICIES.items() if isinstance(p, cls)), None)
        if kind is not None:
            builtin[kind].append(p._to_core(f"policies[{i}]"))
        elif isinstance(p, Policy):
            custom.append(p)
        else:
            raise _core.ConfigError(
                f"policies[{i}]: expected TargetTracking, StepScaling, ScheduledAction, "
                f"PredictiveScaling, HPA or a Policy subclass, got {type(p).__name__}"
            )
    for kind, configs in builtin.items():
        setattr(scaling, kind, configs)
    scaling.set_custom(custom)
    scaling.cooldown_from = _enum(_core.CooldownStart, settings.cooldown_from,
                                  "scaling.cooldown_from")
    scaling.capacity_basis = _enum(_core.CapacityBasis, settings.capacity_basis,
                                   "scaling.capacity_basis")
    scaling.scale_out_while_updating = _enum(_core.BusyScaleOut, settings.scale_out_while_updating,
                                             "scaling.scale_out_while_updating")
    sc.scaling = scaling
    slo = _core.SloConfig()
    slo.latency_s, slo.target = settings.slo_latency_s, settings.slo_target
    sc.slo = slo
    sc.seed = settings.seed
    sc.mode = _enum(_core.PlaneMode, settings.mode, "mode")
    sc.arrivals = _enum(_core.ArrivalProcess, settings.arrivals, "arrivals")
    if sc.arrivals == _core.ArrivalProcess.log:
        log = trace.arrival_log_ms
        if log is None:
            raise _core.ConfigError(
                "arrivals: 'log' replays per-request times, but this trace holds counts only "
                "(read it with Trace.from_access_log(path, keep_arrivals=True) or build it with "
                "Trace.from_arrivals(times))"
            )
        sc.arrival_log_ms = log
        if trace.arrival_models is not None:
            sc.arrival_models = [int(m) for m in trace.arrival_models]
    return sc


def _rate(rate: float) -> str:
    """An error rate for people: 0 below one request in a billion (a residue of the fluid
    formulas, e.g. 1e-250), else two significant digits."""
    return "0" if rate < 1e-9 else f"{rate:.2e}"


def simulate_components(components: Mapping[str, Mapping], *, timeline: bool = True
                        ) -> SharedResult:
    """Runs several inference components on one endpoint's instances (docs/semantics.md,
    "Several components on one endpoint") and returns a :class:`SharedResult`.

    `components` maps each component's name to :func:`simulate`'s arguments for it (``trace``,
    ``endpoint``, ``policies``, ``min_capacity``, ``max_capacity``, ``slo_latency_s``,
    ``seed``, ``mode``, ...). Each endpoint must be an ``"inference_component"`` one with the
    same instance settings (price, start-up, min/max instances, scale-in policy), and the
    traces the same duration; a difference raises :class:`ConfigError` naming the component.

    Example::

        it = asim.InstanceType("ml.g5.12xlarge", price_per_hour=7.09, workers=1,
                               service_time_s=2.0)
        ep = asim.Endpoint(it, kind="inference_component", initial_capacity=1,
                           inference_component=asim.InferenceComponent(copies_per_instance=4,
                                                                       max_instances=4))
        tt = [asim.TargetTracking(metric="InvocationsPerCopy", target_value=20)]
        r = asim.simulate_components({
            "chat": dict(trace=chat, endpoint=ep, policies=tt, min_capacity=0, max_capacity=8),
            "search": dict(trace=search, endpoint=ep, policies=tt, min_capacity=0,
                           max_capacity=8)})
        r.summary["cost_usd"], r.components["chat"].summary["p99_latency_s"]
    """
    if not isinstance(components, Mapping) or not components:
        raise TypeError("components: expected a non-empty dict of name -> simulate() "
                        f"arguments, got {_args._shown(components)}")
    _args.flag(timeline, "timeline")
    signature = inspect.signature(simulate)
    built, results = [], []
    for name, kw in components.items():
        if not isinstance(kw, Mapping):
            raise TypeError(f"components[{name!r}]: expected a dict of simulate() arguments, "
                            f"got {_args._shown(kw)}")
        if "timeline" in kw:
            raise TypeError(f"components[{name!r}]: give timeline= to simulate_components")
        try:
            bound = signature.bind(**kw)
        except TypeError as e:
            raise TypeError(f"components[{name!r}]: {e}") from None
        bound.apply_defaults()
        a = bound.arguments
        trace, policies, settings, sc = _prepared(
            a["trace"], a["endpoint"], a["policies"],
            RunSettings(**{f.name: a[f.name] for f in fields(RunSettings)}),
            f"components[{name!r}].")
        sc.record_timeline = bool(timeline)
        built.append(sc)
        results.append((str(name), trace, policies, settings))
    try:
        core = _core.simulate_components(built)
    except _core.ConfigError as e:
        # the core counts the components; name it as the caller did
        m = re.match(r"components\[(\d+)\]", str(e))
        if m is None or int(m.group(1)) >= len(results):
            raise
        raise _core.ConfigError(f"components[{results[int(m.group(1))][0]!r}]"
                                f"{str(e)[m.end():]}") from None
    for sc, (name, *_) in zip(built, results):  # after the run, which validated them
        _warn(sc.caveats(), f"components[{name!r}]: ")
    return SharedResult(core, {name: Result(r, trace, policies, settings)
                               for (name, trace, policies, settings), r
                               in zip(results, core.components)})
