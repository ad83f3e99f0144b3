"""Does the simulator match my endpoint? :func:`calibrate`, the Python face of
``autoscalesim calibrate`` (docs/calibrate.md has the method).

The deployed policy is replayed on the endpoint's observed Invocations and compared with what the
endpoint did (its scaling activities, the instances in service, ModelLatency); the start-up time,
the service time and workers, and the metric publish delay are fitted to that history, and the
calibrated scenario is replayed and compared again. The readers and the fits are the C++ ones
the command uses (``autoscalesim::calibration``, ``io/aws_activities.hpp``,
``io/cloudwatch.hpp``).
"""

from __future__ import annotations

import json
import math
import os
import pathlib
from dataclasses import dataclass, fields, replace

import numpy as np

from . import _args, _core, _results
from .config import Endpoint, InstanceType, Startup, TargetTracking
from .scenario_file import _apply_settings, _policies_of, _settings_of
from .simulation import Result, RunSettings, build_scenario, warn_caveats
from .trace import Trace, _activities_frame

#: The columns of :attr:`Calibration.comparison` (and of comparison.csv, with time_s first).
COMPARISON_COLUMNS = (
    "observed_instances", "given_instances", "calibrated_instances",
    "observed_latency_s", "given_latency_s", "calibrated_latency_s",
)


@dataclass(frozen=True)
class Estimate:
    """A fitted value with its 90 % bootstrap interval (`low`, `high`), in the value's unit."""

    value: float
    low: float
    high: float

    @classmethod
    def _from_core(cls, e: _core.Estimate) -> Estimate:
        return cls(e.value, e.low, e.high)

    def _text(self, spec: str) -> str:
        return f"{_num(self.value, spec)} [{_num(self.low, spec)}, {_num(self.high, spec)}]"


@dataclass(frozen=True, eq=False)
class ReplayError:
    """How far a replay is from what the endpoint did; the fields of the C++
    ``calibration::replay_error``. Offsets and latencies are seconds, agreements and shares
    0..1, NaN where nothing was measured (no pair, no observed latency).

    ``bands`` is a DataFrame, one row per quartile band of load per instance (low_per_s,
    high_per_s in requests per second per instance, intervals, observed_mean_s,
    simulated_mean_s, mean_abs_error_s); ``matches`` one row per pair (observed and simulated:
    indices of the activities, offset_s: replayed start - observed start);
    ``observed_capacity`` and ``simulated_capacity`` the instances in service in the middle of
    each interval (numpy arrays).
    """

    observed_activities: int  #: observed activities in the window
    simulated_activities: int  #: the replay's activities
    matched: int  #: pairs: same direction, starts within 15 minutes
    missing: int  #: observed activities the replay does not have
    extra: int  #: replayed activities the endpoint did not have
    median_offset_s: float  #: median |start offset| of the pairs, seconds
    p90_offset_s: float  #: 90th percentile |start offset|, seconds
    median_signed_offset_s: float  #: median (replayed - observed) start, seconds
    to_agreement: float  #: share of pairs that set the same count
    from_agreement: float  #: share of pairs that start from the same count
    capacity_mean_abs_error: float  #: mean |replayed - observed| instances per interval
    capacity_exact_share: float  #: share of intervals with exactly the same count
    latency_intervals: int  #: intervals with both latencies
    latency_mean_abs_error_s: float  #: mean |replayed - observed| mean latency, seconds
    latency_bias_s: float  #: mean (replayed - observed) mean latency, seconds
    p99_mean_abs_error_s: float  #: the same for p99, where observed
    bands: object  #: latency error by load band (DataFrame)
    matches: object  #: the pairs (DataFrame)
    observed_capacity: np.ndarray  #: per interval, instances
    simulated_capacity: np.ndarray  #: per interval, instances

    @classmethod
    def _from_core(cls, e: _core.ReplayError) -> ReplayError:
        import pandas as pd

        values = {f.name: getattr(e, f.name) for f in fields(cls)}
        band_columns = ("low_per_s", "high_per_s", "intervals", "observed_mean_s",
                        "simulated_mean_s", "mean_abs_error_s")
        values["bands"] = pd.DataFrame([[getattr(b, c) for c in band_columns] for b in e.bands],
                                       columns=list(band_columns))
        values["matches"] = pd.DataFrame(
            [(p.observed, p.simulated, p.offset_s) for p in e.matches],
            columns=["observed", "simulated", "offset_s"])
        values["observed_capacity"] = np.array(e.observed_capacity)
        values["simulated_capacity"] = np.array(e.simulated_capacity)
        return cls(**values)

    def to_dict(self) -> dict:
        """The figures as calibration.json holds them: NaN as None, bands as a list of dicts
        (no pairs, no per-interval capacities)."""
        out = {f.name: _finite(getattr(self, f.name)) for f in fields(self)
               if f.name not in ("bands", "matches", "observed_capacity", "simulated_capacity")}
        out["bands"] = [{k: _plain(v) for k, v in row.items()}
                        for row in self.bands.to_dict("records")]
        return out


@dataclass(frozen=True)
class StartupFit:
    """The start-up time fitted to the durations of scale-outs (max-of-k lognormal likelihood):
    `distribution` (a :class:`Startup`), its `median_s` (seconds) and `sigma` (of the log) with
    their intervals, and the scale-outs used (`activities`)."""

    distribution: Startup
    median_s: Estimate
    sigma: Estimate
    activities: int

    @classmethod
    def _from_core(cls, f: _core.StartupFit) -> StartupFit:
        return cls(Startup._from_core(f.distribution), Estimate._from_core(f.median_s),
                   Estimate._from_core(f.sigma), f.activities)


@dataclass(frozen=True)
class ServiceFit:
    """Service time and workers fitted to ModelLatency (and utilization when given):
    `service_time_s` (mean, seconds), `service_cv` and `workers`, the first two with their
    intervals (`service_time`, `cv`, at the fitted workers); `rms_by_workers` is the root mean
    square relative error of the best fit with 1, 2, ... workers; `intervals` the intervals
    used; `used_utilization` and `used_p99` whether utilization took part and whether the p99
    ModelLatency set the cv (without it the cv is barely identified)."""

    service_time_s: float
    service_cv: float
    workers: int
    service_time: Estimate
    cv: Estimate
    rms_by_workers: tuple
    intervals: int
    used_utilization: bool
    used_p99: bool

    @classmethod
    def _from_core(cls, f: _core.ServiceFit) -> ServiceFit:
        return cls(f.service_time_s, f.service_cv, f.workers,
                   Estimate._from_core(f.service_time), Estimate._from_core(f.cv),
                   tuple(f.rms_by_workers), f.intervals, f.used_utilization, f.used_p99)


@dataclass(frozen=True)
class DelayFit:
    """The metric publish delay fitted to the activities' start times: alarms are evaluated once
    a metric period, so every delay of a class replays alike; `publish_delay_s` is the middle
    of the best class, `delay` the class (low, high: the classes within 2 % of the best),
    seconds; `matches` the pairs used."""

    publish_delay_s: float
    delay: Estimate
    matches: int

    @classmethod
    def _from_core(cls, f: _core.DelayFit) -> DelayFit:
        return cls(f.publish_delay_s, Estimate._from_core(f.delay), f.matches)


class Calibration:
    """What :func:`calibrate` found.

    - ``before``, ``after``: the replay of the given and of the calibrated scenario against the
      history (:class:`ReplayError`);
    - ``startup``, ``service``, ``delay``: the fits (:class:`StartupFit`, :class:`ServiceFit`,
      :class:`DelayFit`), None when not fitted (``notes`` says why);
    - ``policy_mismatch``: the replay disagrees in a way no fitted value explains: the deployed
      policy probably is not the one given (the command exits with code 3);
    - ``notes``: one sentence each;
    - ``scenario`` (a copy of the C++ scenario), ``endpoint`` (:class:`Endpoint`), ``policies``,
      ``settings``: the calibrated scenario; ``simulate()`` runs it;
    - ``given_run``, ``calibrated_run``: the two replays (:class:`Result`);
    - ``comparison``: observed, given and calibrated instances and latency per interval;
      ``observed_activities``: the history's activities in the window;
    - ``plot()``, ``report()``, ``save(dir)``.
    """

    def __init__(self, core: _core.CalibrationResult, observed: _core.CalibrationObserved,
                 source: _args.TrafficInput, listed: int, resource_id: str,
                 given_policies: list, given_settings: RunSettings):
        self._core = core
        self._observed = observed
        self._source = source
        self.trace: Trace = source.trace
        self.resource_id = resource_id
        self.listed_activities = listed
        self.before = ReplayError._from_core(core.before)
        self.after = ReplayError._from_core(core.after)
        self.startup = None if core.startup is None else StartupFit._from_core(core.startup)
        self.service = None if core.service is None else ServiceFit._from_core(core.service)
        self.delay = None if core.delay is None else DelayFit._from_core(core.delay)
        self.policy_mismatch = bool(core.policy_mismatch)
        self.notes = list(core.notes)
        calibrated = core.calibrated
        self.endpoint = Endpoint._from_core(calibrated.endpoint)
        self.policies = _policies_of(calibrated)
        self.settings = _settings_of(calibrated)
        self.given_run = Result(core.before_run, self.trace, given_policies, given_settings)
        self.calibrated_run = Result(core.after_run, self.trace, self.policies, self.settings)

    @property
    def scenario(self) -> _core.Scenario:
        """A copy of the calibrated C++ scenario (the given one with the fitted values; its
        initial capacity is the one before the window), e.g. to change and pass to
        ``_core.simulate``."""
        return self._core.calibrated

    @property
    def observed_activities(self):
        """The history's Successful activities in the trace's window as a DataFrame, as
        :attr:`Result.activities`: start, end (UTC), start_s, end_s (seconds from the start of
        the trace), from, to (instances), cause."""
        return _activities_frame(self._observed.activities, self.trace)

    @property
    def comparison(self):
        """One row per trace interval (UTC DatetimeIndex ``time``): time_s (seconds from the
        start of the trace), then observed, given and calibrated instances in service in the
        middle of the interval, and observed (ModelLatency), given and calibrated mean latency
        in seconds; NaN where there is none. comparison.csv holds the same.

        Example::

            c.comparison[["observed_instances", "calibrated_instances"]].resample("1h").mean()
        """
        import pandas as pd

        n = len(self.trace)
        observed_latency = np.asarray(self._observed.latency_s, dtype=float)
        if observed_latency.size == 0:
            observed_latency = np.full(n, np.nan)
        time_s = np.arange(n, dtype=np.int64) * int(round(self.trace.interval_s * 1000)) / 1000
        index = self.trace._interval_times()
        index.name = "time"
        data = {
            "time_s": time_s,
            "observed_instances": self.after.observed_capacity,
            "given_instances": self.before.simulated_capacity,
            "calibrated_instances": self.after.simulated_capacity,
            "observed_latency_s": observed_latency,
            "given_latency_s": self.given_run.columns["mean_latency_s"],
            "calibrated_latency_s": self.calibrated_run.columns["mean_latency_s"],
        }
        return pd.DataFrame({k: np.asarray(v, dtype=float) for k, v in data.items()},
                            index=index)

    def simulate(self, trace: Trace | None = None, *, timeline: bool = True,
                 **settings) -> Result:
        """The calibrated scenario on `trace` (default: the calibration's own traffic, which
        gives :attr:`calibrated_run` again); `settings` override simulate's settings
        (min_capacity, max_capacity, slo_latency_s, seed, mode, ...).

        Example::

            c.simulate(next_week, mode="request").summary["p99_latency_s"]
        """
        sc = self._core.calibrated
        if trace is not None:
            trace = _args.trace(trace)
            sc.traffic = trace._core
        else:
            trace = self.trace
        _apply_settings(sc, settings)
        sc.record_timeline = bool(timeline)
        warn_caveats(sc)
        return Result(_core.simulate(sc), trace, _policies_of(sc), _settings_of(sc))

    def plot(self, ax=None, **kwargs):
        """Observed, given and calibrated instances (top) and mean latency (bottom) over time, a
        matplotlib Figure (see :func:`autoscalesim.plotting.plot_calibration`); `ax` is two Axes
        to draw into.

        Example::

            c.plot().savefig("calibration.png")
        """
        from .plotting import plot_calibration

        return plot_calibration(self, ax=ax, **kwargs)

    def to_dict(self) -> dict:
        """Every figure of the report (calibration.json): before, after, startup, service,
        publish_delay (None when not fitted), policy_mismatch, notes; NaN as None.

        Example::

            json.dumps(c.to_dict())   # what calibration.json holds
        """
        return json.loads(_core.calibration_json(self._core))

    def report(self) -> str:
        """The command's report: what was read, the replay's error before and after fitting,
        the fits and the notes (report.txt).

        Example::

            print(c.report())
        """
        src, t = self._source, self.trace
        names = src.names or "a Trace"
        form = src.format or "in memory"
        lines = [f"trace           {names} ({form}): {_window_text(t)}\n"]
        lines += [f"                {n}\n" for n in src.notes]
        lines.append(f"history         {self.listed_activities} activities of "
                     f"{self.resource_id} listed, {len(self._observed.activities)} successful "
                     f"in the window; {self._observed.initial_capacity} instance(s) at its "
                     "start\n")
        lines.append("replay          the deployed policy on the observed Invocations\n")
        lines.append(_core.calibration_table(self._core))
        return "".join(lines)

    def save(self, out: str | os.PathLike, overwrite: bool = False) -> pathlib.Path:
        """Writes into folder `out` (created if missing) what ``autoscalesim calibrate --out``
        writes: report.txt, calibration.json (every figure), scenario.json (the calibrated
        scenario, reading trace.csv), trace.csv, comparison.csv, comparison.svg (the
        :meth:`plot`), observed_activities.csv and replay_activities.csv (the calibrated
        replay's), and the marker ``.autoscalesim-results`` listing them. Files of those names
        that autoscalesim wrote are replaced; one it did not write (the trace you calibrated
        from, say) raises FileExistsError unless `overwrite`. Returns the folder.

        Example::

            c.save("calibrated")   # then: autoscalesim simulate calibrated/scenario.json
        """
        names = ("report.txt", "calibration.json", "trace.csv", "scenario.json",
                 "replay_activities.csv", "observed_activities.csv", "comparison.csv",
                 "comparison.svg")
        out = _results.prepare(out, names, overwrite)

        def write(name: str, text: str) -> None:
            _core.write_text_file(os.fspath(out / name), text)

        write("report.txt", self.report())
        write("calibration.json", _core.calibration_json(self._core))
        _core.write_csv_trace(self.trace._core, os.fspath(out / "trace.csv"))
        write("scenario.json", _core.write_scenario_json(self.scenario, "trace.csv"))
        _core.write_activities_csv(self._core.after_run, os.fspath(out / "replay_activities.csv"))
        _core.write_activities_csv(self._observed, os.fspath(out / "observed_activities.csv"))
        write("comparison.csv", self.comparison.to_csv(index=False, float_format="%.9g",
                                                       lineterminator="\n"))
        fig = self.plot()
        fig.savefig(out / "comparison.svg")
        _results.mark(out, names)
        return out

    def _repr_html_(self) -> str:
        from . import _html

        b, a = self.before, self.after
        rows = [("history", f"{b.observed_activities} activities of {self.resource_id} in the "
                            f"window, {len(self.trace)} intervals of {self.trace.interval_s:g} s"),
                ("paired", f"{b.matched} -> {a.matched} (replayed {b.simulated_activities} -> "
                           f"{a.simulated_activities})"),
                ("instances MAE", f"{b.capacity_mean_abs_error:.3f} -> "
                                  f"{a.capacity_mean_abs_error:.3f}"),
                ("latency MAE", f"{_num(b.latency_mean_abs_error_s, '.4g')} -> "
                                f"{_num(a.latency_mean_abs_error_s, '.4g')} s")]
        rows += [(k, v) for k, v in self._fitted() if v]
        if self.policy_mismatch:
            rows.append(("policy", "MISMATCH: the deployed policy probably differs"))
        return _html.table("Calibration", rows, self.notes)

    def _fitted(self) -> list[tuple[str, str]]:
        out = []
        if self.startup is not None:
            s = self.startup
            out.append(("start-up", f"median {s.median_s.value:.4g} s "
                                    f"[{s.median_s.low:.4g}, {s.median_s.high:.4g}], sigma "
                                    f"{s.sigma.value:.3g}"))
        if self.service is not None:
            s = self.service
            out.append(("service", f"{s.service_time_s:.4g} s [{s.service_time.low:.4g}, "
                                   f"{s.service_time.high:.4g}], cv {s.service_cv:.3g}, "
                                   f"{s.workers} worker(s)"))
        if self.delay is not None:
            out.append(("publish delay", f"{self.delay.delay.low:g}-{self.delay.delay.high:g} s"))
        return out

    def __repr__(self) -> str:
        fitted = []
        if self.startup is not None:
            fitted.append(f"start-up {self.startup.median_s.value:.4g} s")
        if self.service is not None:
            fitted.append(f"service {self.service.service_time_s:.4g} s x "
                          f"{self.service.workers} worker(s)")
        if self.delay is not None:
            fitted.append(f"delay {self.delay.delay.low:g}-{self.delay.delay.high:g} s")
        b, a = self.before, self.after
        return (f"Calibration({', '.join(fitted) or 'nothing fitted'}; instances MAE "
                f"{b.capacity_mean_abs_error:.3g} -> {a.capacity_mean_abs_error:.3g}, latency "
                f"MAE {_num(b.latency_mean_abs_error_s, '.3g')} -> "
                f"{_num(a.latency_mean_abs_error_s, '.3g')} s"
                f"{'; POLICY MISMATCH' if self.policy_mismatch else ''})")


def calibrate(
    traffic,
    activities,
    policy_from,
    *,
    latency=None,
    latency_statistic: str = "Average",
    latency_p99=None,
    utilization=None,
    utilization_scale: float = 100.0,
    endpoint: Endpoint | InstanceType | None = None,
    instance_type: str | None = None,
    price_per_hour: float | None = None,
    workers: int | None = None,
    service_time_s: float | None = None,
    service_cv: float | None = None,
    startup_s: float | None = None,
    startup_sigma: float | None = None,
    initial_capacity: int | None = None,
    resource_id: str | None = None,
    max_workers: int = 16,
    resamples: int = 100,
    fit: bool = True,
    seed: int = 1,
) -> Calibration:
    """Replays the deployed policy on an endpoint's observed traffic, measures how far the
    replay is from what the endpoint did, fits what the history identifies (start-up time,
    service time and workers, metric publish delay) and replays again: what
    ``autoscalesim calibrate`` does (docs/calibrate.md).

    `traffic` is a :class:`Trace`, or the path(s) of CloudWatch exports of the variant's
    Invocations (missing periods read as zero traffic, a gap longer than 6 hours refused) or of
    a ``timestamp,requests`` CSV, read as :func:`recommend` reads them. `activities` is the
    output of ``aws application-autoscaling describe-scaling-activities`` (one path or a list:
    pages); `policy_from` the deployed policy (``describe-scalable-targets`` and
    ``describe-scaling-policies`` output, read as :func:`autoscalesim.aws.read_scaling` reads
    it; `resource_id` picks the variant when the files hold several). `latency` is a
    ModelLatency export (microseconds, `latency_statistic`; compared with the replay's mean
    latency), `latency_p99` its p99, `utilization` a CPUUtilization or GPUUtilization export
    whose value with every worker busy is `utilization_scale` (percent).

    The endpoint before fitting is `endpoint` (an :class:`Endpoint` or :class:`InstanceType`;
    its own initial_capacity is not used) or built from `instance_type` (a catalogue name,
    default ml.c5.xlarge; its price unless `price_per_hour`), `workers` (1), `service_time_s`
    (1.0 s), `service_cv` (1.0) and the start-up `startup_s` (360 s; lognormal with
    `startup_sigma` > 0, else fixed).
    `initial_capacity` is the instance count before the first activity when none precedes the
    trace's window (default: MinCapacity). Start-up, service and delay are fitted unless `fit`
    is False, trying up to `max_workers` workers, with `resamples` bootstrap resamples (20 to
    100,000, as the command takes) for the 90 % intervals; `seed` seeds the replays and the
    bootstrap (same seed, same figures).

    Raises :class:`ConfigError` naming the file and JSON path of a malformed export, TypeError
    naming the argument of a wrong type, OSError for a file that cannot be read. A history of
    another policy is not an error: ``policy_mismatch`` is True.

    Example::

        c = asim.calibrate("invocations.json", "activities.json", ["targets.json",
                           "policies.json"], latency="model-latency.json")
        c.endpoint, c.after.capacity_mean_abs_error, c.plot()
    """
    source = _args.traffic(traffic, "traffic")
    t = source.trace
    activity_files = _args.paths(activities, "activities")
    policy_files = _args.paths(policy_from, "policy_from")
    max_workers = _args.integer(max_workers, "max_workers", 1, 1000)
    resamples = _args.integer(resamples, "resamples", 20, 100_000)  # as --resamples
    seed = _args.integer(seed, "seed", 0, 2**64 - 1)
    fit = _args.flag(fit, "fit")
    if resource_id is not None and not isinstance(resource_id, str):
        raise TypeError(f"resource_id: expected a string, got {_args._shown(resource_id)}")
    scale = _args.number(utilization_scale, "utilization_scale")
    if not scale > 0:
        raise _core.ConfigError(f"utilization_scale: expected a number > 0, got {scale!r}")

    deployed = _core.read_aws_scaling(policy_files, resource_id or "")
    listed = _core.read_aws_activities(activity_files, deployed.resource_id)
    initial = (deployed.scaling.min_capacity if initial_capacity is None else
               _args.integer(initial_capacity, "initial_capacity", 0, _args.MAX_CAPACITY))
    given = replace(_endpoint(endpoint, instance_type, price_per_hour, workers, service_time_s,
                              service_cv, startup_s, startup_sigma), initial_capacity=initial)
    settings = RunSettings(min_capacity=deployed.scaling.min_capacity,
                           max_capacity=deployed.scaling.max_capacity, seed=seed)
    sc = build_scenario(t, given, [], settings)
    _core.check_endpoint_kind(deployed, sc.endpoint.kind)
    sc.scaling = deployed.scaling
    warn_caveats(sc)

    observed = _core.CalibrationObserved(_core.successful_activities(listed, t._core, initial))
    # (ModelLatency is published in microseconds: an export in another unit is refused)
    observed.latency_s = _metric(latency, "latency", latency_statistic, t, 1e-6,
                                 "ModelLatency", "Microseconds")
    observed.p99_latency_s = _metric(latency_p99, "latency_p99", "p99", t, 1e-6,
                                     "ModelLatency", "Microseconds")
    observed.utilization = _metric(utilization, "utilization", "Average", t, 1 / scale)

    options = _core.CalibrateOptions()
    options.max_workers, options.resamples = max_workers, resamples
    options.fit_startup = options.fit_service = options.fit_delay = bool(fit)
    core = _core.calibrate(sc, observed, options)
    given_policies = [TargetTracking._from_core(c) for c in deployed.scaling.target_tracking]
    return Calibration(core, observed, source, len(listed.listed), deployed.resource_id,
                       given_policies, _settings_of(sc))


def _endpoint(endpoint, instance_type, price_per_hour, workers, service_time_s, service_cv,
              startup_s, startup_sigma) -> Endpoint:
    """The endpoint before fitting: `endpoint`, or one built as the command builds it."""
    parts = {"instance_type": instance_type, "price_per_hour": price_per_hour,
             "workers": workers, "service_time_s": service_time_s, "service_cv": service_cv,
             "startup_s": startup_s, "startup_sigma": startup_sigma}
    if endpoint is not None:
        given = [k for k, v in parts.items() if v is not None]
        if given:
            raise TypeError(f"endpoint: give an Endpoint or {', '.join(given)}, not both")
        return _args.endpoint(endpoint)
    name = "ml.c5.xlarge" if instance_type is None else instance_type
    if not isinstance(name, str):
        raise TypeError(f"instance_type: expected an instance type name, got "
                        f"{_args._shown(name)}")
    price = (_core.catalog_instance(name)["price_per_hour"] if price_per_hour is None
             else _positive(price_per_hour, "price_per_hour"))
    itype = InstanceType(
        name, price_per_hour=price,
        workers=1 if workers is None else _args.integer(workers, "workers", 1, 1_000_000),
        service_time_s=1.0 if service_time_s is None else _positive(service_time_s,
                                                                    "service_time_s"),
        service_cv=1.0 if service_cv is None else _args.number(service_cv, "service_cv"))
    seconds = 360.0 if startup_s is None else _positive(startup_s, "startup_s")
    sigma = 0.0 if startup_sigma is None else _args.number(startup_sigma, "startup_sigma")
    startup = Startup.lognormal(seconds, sigma) if sigma > 0 else Startup.fixed(seconds)
    return Endpoint(itype, startup=startup)


def _positive(v, name: str) -> float:
    out = _args.number(v, name)
    if not out > 0:
        raise _core.ConfigError(f"{name}: expected a number > 0, got {v!r}")
    return out


def _metric(paths, name: str, statistic: str, t: Trace, scale: float, metric: str = "",
            unit: str = "") -> np.ndarray:
    """A metric export as one value per interval of t, times scale; empty when not given. With
    `unit`, a datapoint in another unit is an error."""
    if paths is None:
        return np.empty(0)
    files = _args.paths(paths, name)
    epoch_ms, values = _core.read_cloudwatch_series(files, statistic=statistic, metric=metric,
                                                    unit=unit)
    v = _core.calibration_per_interval(epoch_ms, values, t._core, scale)
    if not np.isfinite(v).any():
        raise _core.ConfigError(f"{name}: no datapoint of {', '.join(files)} falls in the "
                                f"trace's window ({_window_text(t)})")
    return v


def _window_text(t: Trace) -> str:
    """"first 1995-07-01T04:00:00Z, last 1995-07-28T13:31:00Z (27.6 days)", as the command
    says it."""
    return _core.window_text(t._core)


def _num(v: float, spec: str) -> str:
    """v formatted as the command's printf `spec` does ("-" when not finite)."""
    return format(v, spec) if math.isfinite(v) else "-"


def _plain(v):
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        return _finite(float(v))
    return v


def _finite(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v
