"""Traffic traces: request counts per fixed interval."""

from __future__ import annotations

import decimal
import math
import numbers
import os

import numpy as np

from . import _args, _core


class Trace:
    """Requests per fixed interval (1 s to 1 h), with the wall-clock start if known.

    ``Trace(counts, interval_s, start_epoch_s=0)`` builds one from any 1-D array of request
    counts (requests per interval, not per second; real numbers: complex, string, bytes,
    boolean or object values are a TypeError, never cast) and an interval of 1 to 3600 s in
    whole milliseconds (the core's resolution: 60.0004 is an error, not rounded); the
    counts are copied once into the simulator's memory and :attr:`counts` is a read-only view
    of it.

    A trace read from per-request times (:meth:`from_access_log` with ``keep_arrivals=True``,
    :meth:`from_arrivals`) also keeps them (:attr:`arrival_log_ms`), which the request mode can
    replay as they are: ``simulate(..., mode="request", arrivals="log")``.

    Example::

        trace = Trace(np.full(60, 2840.0), interval_s=60)
        trace.stats()["mean_rate_per_s"]   # 47.33...
    """

    __slots__ = ("_core", "_arrival_log_ms", "_arrival_models", "_model_names", "_notes")

    def __init__(self, counts, interval_s: float = 60.0, start_epoch_s: float = 0.0):
        self._arrival_log_ms = None
        self._arrival_models = None
        self._model_names = None
        self._notes = ()
        if isinstance(counts, _core.Trace):
            self._core = counts
            return
        arr = _numbers(counts, "counts")
        _interval_ms(interval_s)
        interval_s = float(interval_s)
        start_epoch_s = _args.number(start_epoch_s, "start_epoch_s")
        # the start is kept in whole ms since the epoch, and the timeline's index is pandas'
        # datetime64[ns] (the years 1677 to 2262): NaN and the far future do not fit
        if not math.isfinite(start_epoch_s) or abs(start_epoch_s) > 9.2e9:
            hint = (f" (it looks like milliseconds: {start_epoch_s / 1000:.10g} s)"
                    if math.isfinite(start_epoch_s) and 1e11 <= abs(start_epoch_s) <= 9.2e12
                    else "")
            raise _core.TraceError(f"start_epoch_s: expected seconds since the Unix epoch "
                                   f"within +-9.2e9 (the years 1677 to 2262), got "
                                   f"{start_epoch_s!r}{hint}")
        self._core = _core.Trace(arr, interval_s, start_epoch_s)

    @classmethod
    def from_numpy(cls, counts, interval_s: float, start_epoch_s: float = 0.0) -> Trace:
        """A trace from an array of counts per interval of `interval_s` seconds.

        `start_epoch_s` is the wall-clock start in seconds since the Unix epoch (0 if unknown).

        Example::

            Trace.from_numpy([120, 180, 90], interval_s=60)   # 3 one-minute intervals
        """
        return cls(counts, interval_s, start_epoch_s)

    @classmethod
    def from_pandas(cls, series, interval_s: float | None = None) -> Trace:
        """A trace from a pandas Series of counts (or a DataFrame of one column) with a
        regular, increasing DatetimeIndex.

        The interval is the index's spacing (1 s to 1 h); for a single row, the index's
        ``freq`` or `interval_s` gives it (`interval_s`, when given, must equal the spacing). A
        naive index is taken as UTC. A missing value of a nullable dtype is refused as a NaN
        count is; an irregular index is refused naming the first row off the step.

        Example::

            s = pd.Series([120, 180], index=pd.date_range("2024-05-01", periods=2, freq="min"))
            Trace.from_pandas(s).interval_s   # 60.0
        """
        import pandas as pd

        if isinstance(series, pd.DataFrame):
            if series.shape[1] != 1:
                raise _core.TraceError(
                    f"series: expected a Series of counts or a DataFrame of one column, got a "
                    f"DataFrame of {series.shape[1]} columns (per-model counts: "
                    f"Trace.from_model_counts)")
            series = series.iloc[:, 0]
        elif not isinstance(series, pd.Series):
            raise TypeError(f"series: expected a pandas Series of counts with a DatetimeIndex, "
                            f"got {type(series).__name__}")
        if not isinstance(series.index, pd.DatetimeIndex):
            raise _core.TraceError(f"series: expected a DatetimeIndex (the interval's times), "
                                   f"got a {type(series.index).__name__}")
        index = pd.DatetimeIndex(series.index)
        if hasattr(index, "as_unit"):  # pandas 2: steps in ns whatever the index's unit
            index = index.as_unit("ns")
        if interval_s is not None:
            interval_s = _args.number(interval_s, "interval_s")
        if index.hasnans:
            row = int(np.argmax(index.isna()))
            raise _core.TraceError(f"series: the index has a missing time (NaT) at row {row}")
        if len(index) == 0:
            raise _core.TraceError("series: empty; a trace has at least one interval")
        if len(index) == 1:
            freq_s = None
            if index.freq is not None:
                try:
                    freq_s = pd.Timedelta(index.freq).total_seconds()
                except (TypeError, ValueError):  # a calendar offset such as "MS"
                    freq_s = None
            if interval_s is not None and freq_s is not None and interval_s != freq_s:
                raise _core.TraceError(f"series: interval_s {interval_s:g} differs from the "
                                       f"index's freq, {freq_s:g} s")
            interval_s = freq_s if interval_s is None else interval_s
            if interval_s is None:
                raise _core.TraceError("series: one row and no interval: give interval_s or an "
                                       "index with a freq (pd.date_range(..., freq='min'))")
        else:
            steps = np.diff(index.asi8)
            if steps[0] <= 0:
                raise _core.TraceError(
                    f"series: expected an increasing index (one interval between rows), got "
                    f"{index[0]} then {index[1]}")
            off = np.flatnonzero(steps != steps[0])
            if off.size:
                k = int(off[0]) + 1
                step = pd.Timedelta(int(steps[0]), unit="ns")
                raise _core.TraceError(
                    f"series: the index is not regular: row {k} ({index[k]}) comes "
                    f"{pd.Timedelta(int(steps[k - 1]), unit='ns')} after row {k - 1}, where the "
                    f"first step is {step} (every step must be equal; resample first, e.g. "
                    f"series.resample('{step.total_seconds():g}s').sum())")
            spacing = (index[1] - index[0]).total_seconds()
            if interval_s is not None and interval_s != spacing:
                raise _core.TraceError(f"series: interval_s {interval_s:g} differs from the "
                                       f"index's step, {spacing:g} s")
            interval_s = spacing
        if index.tz is None:
            index = index.tz_localize("UTC")
        start = index[0].timestamp()
        _interval_ms(interval_s, "series: the index's step (interval_s)")
        dtype = series.dtype
        numeric = (pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
                   and not pd.api.types.is_complex_dtype(dtype))
        # nullable integers and floats: a missing count is NaN, which the trace names
        values = (series.to_numpy(dtype=float, na_value=np.nan) if numeric
                  else _numbers(series.to_numpy(), "series"))
        return cls(values, interval_s, start)

    @classmethod
    def from_csv(cls, path: str | os.PathLike, *, gaps: str = "error",
                 max_gap_ratio: float = 10.0, delimiter: str = ",", time_column: str = "",
                 value_column: str = "", time_format: str = "auto_detect",
                 values: str = "count_per_interval", naive_times_are_utc: bool = False,
                 interval_s: float | None = None) -> Trace:
        """Reads a ``timestamp,requests`` CSV, one row per interval.

        Timestamps are ISO-8601 with a zone (``1995-07-01T04:00:00Z``) or epoch seconds; the
        interval is the smallest step between rows. Raises OSError when the file cannot be read
        and :class:`TraceError` (with ``filename`` and ``lineno``) for a bad row.

        Other layouts (docs/traces.md, the scenario's ``csv`` options): `delimiter` (one
        character; a ``.tsv`` file is read with tabs unless another is given), `time_column` and
        `value_column` (by header name; default the first two columns), `time_format`
        ("auto_detect", "iso8601", "epoch_s" or "epoch_ms"), `values` ("count_per_interval" or
        "rate_per_s"), `naive_times_are_utc` (ISO times without a zone read as UTC instead of
        an error) and `interval_s` (the interval, where the smallest step between rows would
        not do: a file of one row, or one whose rows all skip some intervals).

        `gaps` says what missing rows mean: "error" (the default, naming the gap), "zero",
        "hold" or "interpolate". When gaps are filled, one gap longer than a day and than
        `max_gap_ratio` times the span of the rest of the data is refused naming its row (a
        mistyped year would make a trace of centuries); 0 allows it. What was filled is in
        :attr:`notes` (``gaps: 2 intervals without a row read as zero traffic (33 % ...)``).

        Example::

            trace = Trace.from_csv("traces/nasa_http_1995_07_per_minute.csv")
        """
        core, notes = _core.read_csv_trace(
            os.fspath(path), gaps=_args.text(gaps, "gaps"),
            max_gap_ratio=_args.number(max_gap_ratio, "max_gap_ratio"),
            delimiter=_args.text(delimiter, "delimiter"),
            time_column=_args.text(time_column, "time_column"),
            value_column=_args.text(value_column, "value_column"),
            time_format=_args.text(time_format, "time_format"),
            values=_args.text(values, "values"),
            naive_times_are_utc=_args.flag(naive_times_are_utc, "naive_times_are_utc"),
            interval_s=0.0 if interval_s is None else _interval_ms(interval_s) / 1000)
        out = cls(core)
        out._notes = tuple(notes)
        return out

    @classmethod
    def from_cloudwatch_json(
        cls,
        paths: str | os.PathLike | list,
        *,
        statistic: str = "Sum",
        id: str = "",  # noqa: A002 - the field's name in get-metric-data exports
        metric: str = "Invocations",
        gaps: str = "error",
        max_gap_ratio: float = 10.0,
        max_gap_s: float = 0.0,
        mixed_periods: str = "error",
        period_s: float = 0.0,
        values: str = "count_per_interval",
    ) -> Trace:
        """Reads what ``aws cloudwatch get-metric-statistics`` or ``get-metric-data`` printed.

        `paths` is one file or a list of files (pages, or a month's older 5-minute and recent
        1-minute parts). `metric` is the metric the export must be, as its ``Label`` says (the
        command's ``--metric``): another metric's export (ModelLatency) raises
        :class:`TraceError` naming the file and the label; ``""`` accepts any label. Whatever
        the metric, get-metric-statistics datapoints must be counts (Unit ``None`` or
        ``Count``), read from `statistic` ``"Sum"`` or ``"SampleCount"`` (another, such as
        ``"Average"``, counts no requests and raises :class:`TraceError`), unless
        ``values="rate_per_s"`` says the statistic is a rate per second (multiplied by the
        period, as a scenario's ``trace.values``). Datapoints may be in any order. CloudWatch
        leaves out periods without data: ``gaps="zero"`` reads them as no requests (right for
        ``Invocations`` once the export is known to be complete), the default raises
        :class:`TraceError` naming the gap.
        When gaps are filled, one gap longer than `max_gap_s` (0: no limit), or longer than a day
        and than `max_gap_ratio` times the span of the rest (0 allows it), is refused naming it.

        Files of different periods are refused by name (`mixed_periods="error"`) or, with
        ``"spread"``, each coarser datapoint is split evenly over the finest period. `period_s`
        gives the period (default: inferred). :attr:`notes` says what was read: each file's
        period and datapoints, spreading, and the gaps filled. See docs/traces.md.

        Example::

            trace = Trace.from_cloudwatch_json("invocations.json", gaps="zero")
            trace.notes   # ('periods: invocations.json 60 s x 39530', 'gaps: 162 periods ...')
            errors = Trace.from_cloudwatch_json("4xx.json", metric="Invocation4XXErrors")
        """
        files = _args.paths(paths, "paths")
        t, n = _args.text, _args.number
        core, notes = _core.read_cloudwatch_json(
            files, statistic=t(statistic, "statistic"), id=t(id, "id"),
            metric=t(metric, "metric"), gaps=t(gaps, "gaps"),
            max_gap_ratio=n(max_gap_ratio, "max_gap_ratio"), max_gap_s=n(max_gap_s, "max_gap_s"),
            mixed_periods=t(mixed_periods, "mixed_periods"), period_s=n(period_s, "period_s"),
            values=t(values, "values"))
        out = cls(core)
        out._notes = tuple(notes)
        return out

    @property
    def notes(self) -> tuple[str, ...]:
        """What reading the trace found, one line each (CloudWatch exports: each file's period
        and datapoints, spreading of mixed periods, the gaps filled; CSV files: the gaps
        filled); empty otherwise. A trace
        made from this one (slice, scale, ...) starts with no notes."""
        return self._notes

    @classmethod
    def from_access_log(cls, path: str | os.PathLike, interval_s: float = 60.0, *,
                        keep_arrivals: bool = False, max_gap_ratio: float = 10.0,
                        model_field: bool = False) -> Trace:
        """Counts the requests of an access log (Common Log Format, or one timestamp per line)
        per `interval_s` seconds. The first interval is the first request's, aligned to the epoch
        (whole minutes for 60 s).

        By default only the counts are kept (memory follows the number of intervals). With
        `keep_arrivals` every request's time is kept too (8 bytes per request), for request-mode
        runs that replay them: ``simulate(..., mode="request", arrivals="log")``. One gap between
        requests longer than a day and than `max_gap_ratio` times the span of the rest of the log
        is refused naming its line (a mistyped year); 0 allows it.

        With `model_field`, lines are ``TIME,MODEL`` (one timestamp per line, then the model the
        request invoked, e.g. its TargetModel): the times are kept and each request's model too
        (:attr:`arrival_models`), for a multi-model endpoint with ``arrivals="log"``. Distinct
        names are models 0, 1, ... in order of first appearance; when every name is a whole
        number, the numbers are the model indices.

        Example::

            trace = Trace.from_access_log("access.log", interval_s=60)
            trace = Trace.from_access_log("access.log", keep_arrivals=True)
            trace = Trace.from_access_log("models.log", model_field=True)
        """
        _interval_ms(interval_s, error=_core.ConfigError)
        max_gap_ratio = _args.number(max_gap_ratio, "max_gap_ratio")
        if model_field:
            epoch_ms, models, names = _core.read_access_log_models(os.fspath(path),
                                                                   max_gap_ratio)
            trace = cls._from_epoch_ms(np.asarray(epoch_ms, dtype=np.int64), interval_s)
            trace._set_arrival_models(models, len(epoch_ms))
            trace._model_names = tuple(names)
            return trace
        if not keep_arrivals:
            return cls(_core.read_access_log_counts(os.fspath(path), interval_s, max_gap_ratio))
        epoch_ms = _core.read_access_log_times(os.fspath(path), max_gap_ratio)
        if len(epoch_ms) == 0:
            raise _core.TraceError(f"{os.fspath(path)}: no request in the access log")
        return cls._from_epoch_ms(epoch_ms, interval_s)

    @classmethod
    def from_arrivals(cls, times, interval_s: float = 60.0, models=None) -> Trace:
        """A trace from per-request arrival times, counted per `interval_s` seconds, which keeps
        the times for request-mode replay (:attr:`arrival_log_ms`). For a multi-model endpoint,
        `models` gives the model (from 0) each request asks for, one per time (an access log's
        TargetModel), kept as :attr:`arrival_models` and replayed with ``arrivals="log"``.

        `times` are seconds since the Unix epoch (numbers), or datetime64 values / a pandas
        DatetimeIndex (naive ones are UTC), in non-decreasing order, within +-1e13 s. The first
        interval is the first request's, aligned to the epoch, the last the last request's; at
        most 100,000,000 intervals (as every reader: times in ms read as seconds are refused).

        Example::

            trace = Trace.from_arrivals([0.5, 0.7, 61.2], interval_s=60)   # counts [2, 1]
        """
        arr = np.asarray(times)
        if arr.ndim != 1 or arr.size == 0:
            raise _core.TraceError("times: expected a non-empty 1-D sequence of arrival times")
        if arr.dtype == np.bool_:  # numpy would read True as 1 s
            raise TypeError("times: expected arrival times (seconds since the epoch or "
                            "datetimes), got booleans")
        if np.issubdtype(arr.dtype, np.datetime64):
            missing = np.flatnonzero(np.isnat(arr))
            if missing.size:  # NaT is int64's least value: a span of 292 million years
                raise _core.TraceError(f"times[{int(missing[0])}]: a missing time (NaT); every "
                                       f"arrival needs its time")
            epoch_ms = arr.astype("datetime64[ms]").astype(np.int64)
        else:
            try:
                secs = arr.astype(float)
            except (TypeError, ValueError):
                import pandas as pd

                try:
                    index = pd.DatetimeIndex(arr)
                except (TypeError, ValueError) as e:  # pandas' message names no argument
                    raise _core.TraceError(
                        f"times: expected seconds since the epoch, datetimes or ISO-8601 "
                        f"times, got {_args._shown(times)} ({e})") from None
                if index.hasnans:
                    i = int(np.flatnonzero(index.isna())[0])
                    raise _core.TraceError(f"times[{i}]: a missing time (NaT); every arrival "
                                           f"needs its time") from None
                if index.tz is not None:
                    index = index.tz_convert("UTC").tz_localize(None)
                # through datetime64[ms]: asi8 counts in the index's own unit (ns, or us and
                # s for what pandas 3 parses), so it is no fixed multiple of a second
                secs = index.to_numpy().astype("datetime64[ms]").astype(np.int64) / 1e3
            if not np.all(np.isfinite(secs)):
                raise _core.TraceError("times: every arrival time must be finite")
            # as Trace's start: whole ms since the epoch, which 1e300 s does not fit (the cast
            # to int64 would make it garbage)
            far = np.flatnonzero(np.abs(secs) > 1e13)
            if far.size:
                i = int(far[0])
                raise _core.TraceError(f"times[{i}]: expected seconds since the Unix epoch "
                                       f"within +-1e13, got {secs[i]:.15g}")
            epoch_ms = np.round(secs * 1000).astype(np.int64)
        trace = cls._from_epoch_ms(epoch_ms, interval_s)
        if models is not None:
            trace._set_arrival_models(models, arr.size)
        return trace

    @classmethod
    def from_model_counts(cls, counts, interval_s: float | None = None, *,
                          start_s: float | None = None, seed: int = 1) -> Trace:
        """A trace from per-model request counts per interval, for a multi-model endpoint: one
        column per model (model k is column k), one row per interval.

        `counts` is a 2-D array of whole numbers >= 0, or a DataFrame whose columns are the
        models (with a regular DatetimeIndex, the index gives the start and the interval: an
        `interval_s` or `start_s` that differs from it is an error). Without an index,
        `interval_s` defaults to 60 and `start_s` (seconds since the epoch) to 0. The
        trace's counts are the rows' sums. Each interval's requests for each model are placed
        at seeded uniform times within it (a Poisson process given its counts, as
        ``arrivals="poisson_counts"``) and kept with their model (:attr:`arrival_log_ms`,
        :attr:`arrival_models`), replayed with ``arrivals="log"``. The same `seed` gives the
        same times.

        Example::

            counts = np.array([[5, 1, 0], [2, 0, 3]])   # 2 minutes, 3 models
            trace = Trace.from_model_counts(counts, interval_s=60)
            trace.counts                                 # [6., 5.]
        """
        names = None
        if interval_s is not None:
            interval_s = _args.number(interval_s, "interval_s")
        if start_s is not None:
            start_s = _args.number(start_s, "start_s")
        if hasattr(counts, "columns") and hasattr(counts, "index"):
            names = tuple(str(c) for c in counts.columns)
            index = counts.index
            import pandas as pd

            if not isinstance(index, (pd.DatetimeIndex, pd.RangeIndex)):
                # (its times were replaced by 0 and 60 s without a word)
                raise _core.TraceError(
                    f"counts: the DataFrame's index is a {type(index).__name__}; give a "
                    f"DatetimeIndex (the intervals' start times; a PeriodIndex's "
                    f".to_timestamp()) or none (a RangeIndex, with interval_s and start_s)")
            if isinstance(index, pd.DatetimeIndex) and len(index) > 0:  # naive: UTC
                if len(index) > 1:
                    steps = np.diff((index - index[0]).total_seconds().to_numpy())
                    if not np.all(steps == steps[0]) or steps[0] <= 0:
                        raise _core.TraceError("counts: the DataFrame's index is not regular "
                                               "(one interval between every two rows)")
                    step = float(steps[0])
                    if interval_s is not None and interval_s != step:
                        raise _core.TraceError(f"counts: interval_s {interval_s:g} differs from "
                                               f"the DataFrame index's step, {step:g} s")
                    interval_s = step
                first = index[0]
                first_s = (first if first.tzinfo is not None
                           else first.tz_localize("UTC")).timestamp()
                if start_s is not None and start_s != first_s:
                    raise _core.TraceError(f"counts: start_s {start_s:.15g} differs from the "
                                           f"DataFrame index's first time, {first} "
                                           f"({first_s:.15g} s)")
                start_s = first_s
            counts = counts.to_numpy()
        m = _numbers(counts, "counts")
        if m.ndim != 2 or m.shape[0] == 0 or m.shape[1] == 0:
            raise _core.TraceError("counts: expected a 2-D table of counts, one row per interval "
                                   f"and one column per model, got shape {m.shape}")
        bad = np.argwhere(~np.isfinite(m) | (m < 0) | (m != np.round(m)))
        if bad.size:
            row, col = (int(v) for v in bad[0])
            raise _core.TraceError(f"counts[{row}][{col}]: expected a whole number >= 0 of "
                                   f"requests, got {m[row, col]!r}")
        interval_s = 60.0 if interval_s is None else interval_s
        start_s = 0.0 if start_s is None else start_s
        interval_ms = _interval_ms(interval_s)
        # every request gets a time and a model (some 50 bytes while they are drawn): refused
        # before the arrays are allocated, not with numpy's MemoryError for terabytes
        total = float(m.sum())
        if total > _MAX_MODEL_ARRIVALS:
            raise _core.TraceError(
                f"counts: {total:.6g} requests in all, past the limit of "
                f"{_MAX_MODEL_ARRIVALS:,} kept one by one (each gets a time and a model); for "
                f"more, scale the counts down or simulate the rows' sums as a Trace")
        seed = _args.integer(seed, "seed", 0, 2**64 - 1)
        per = m.astype(np.int64)
        rng = np.random.default_rng(seed)
        totals = per.sum(axis=1)
        interval_of = np.repeat(np.arange(per.shape[0], dtype=np.int64), totals)
        models = np.concatenate([np.repeat(np.arange(per.shape[1], dtype=np.int64), row)
                                 for row in per]) if totals.sum() else np.zeros(0, np.int64)
        offsets = np.floor(rng.random(models.size) * interval_ms).astype(np.int64)
        times = interval_of * interval_ms + offsets
        order = np.argsort(times, kind="stable")
        trace = cls(totals.astype(float), interval_ms / 1000, start_s)
        trace._set_arrival_log(times[order])
        trace._set_arrival_models(models[order], int(models.size))
        trace._model_names = names
        return trace

    @classmethod
    def _from_epoch_ms(cls, epoch_ms: np.ndarray, interval_s: float) -> Trace:
        """Counts per interval of arrival times in ms since the epoch (as arrival_log::to_counts),
        the times kept relative to the trace start."""
        epoch_ms = np.asarray(epoch_ms, dtype=np.int64)
        back = np.flatnonzero(np.diff(epoch_ms) < 0)
        if back.size:
            i = int(back[0]) + 1
            raise _core.TraceError(
                f"times[{i}]: {epoch_ms[i]} ms comes before the previous time {epoch_ms[i - 1]} "
                "ms (arrival times must be sorted)"
            )
        interval_ms = _interval_ms(interval_s)
        start_ms = (int(epoch_ms[0]) // interval_ms) * interval_ms
        # as arrival_log::to_counts: a trace of at most max_trace_intervals, checked before the
        # counts are allocated (times in ms given as seconds asked for terabytes)
        span = (int(epoch_ms[-1]) - start_ms) // interval_ms + 1
        if span > _MAX_TRACE_INTERVALS:
            raise _core.TraceError(
                f"times: the arrivals span {span} intervals of {interval_ms / 1000:g} s (from "
                f"{epoch_ms[0] / 1000:.15g} to {epoch_ms[-1] / 1000:.15g} s), more than the "
                f"limit of {_MAX_TRACE_INTERVALS}: are the times in seconds?")
        relative = epoch_ms - start_ms
        counts = np.bincount(relative // interval_ms).astype(float)
        trace = cls(counts, interval_ms / 1000, start_ms / 1000)
        trace._set_arrival_log(relative)
        return trace

    def _set_arrival_log(self, relative_ms) -> None:
        log = np.array(relative_ms, dtype=np.int64)
        log.flags.writeable = False
        self._arrival_log_ms = log

    def _set_arrival_models(self, models, n: int) -> None:
        m = np.asarray(models)
        if m.ndim != 1 or m.size != n:
            raise _core.TraceError(f"models: expected one model per arrival time ({n}), got "
                                   f"{m.size if m.ndim == 1 else f'{m.ndim} dimensions'}")
        if m.size and not np.issubdtype(m.dtype, np.integer):
            raise _core.TraceError(f"models: expected integers (a model's index from 0), got "
                                   f"{m.dtype} values")
        negative = np.flatnonzero(m < 0)
        if negative.size:
            i = int(negative[0])
            raise _core.TraceError(f"models[{i}]: expected an integer >= 0 (a model's index), "
                                   f"got {int(m[i])}")
        kept = m.astype(np.int64)
        kept.flags.writeable = False
        self._arrival_models = kept

    @property
    def arrival_models(self) -> np.ndarray | None:
        """The model (from 0) each logged request asks for, aligned with :attr:`arrival_log_ms`,
        or None (a multi-model endpoint then draws them by the models' shares)."""
        return self._arrival_models

    @property
    def model_names(self) -> tuple[str, ...] | None:
        """The models' names by index (model k is ``model_names[k]``) when the trace came from
        a log that names them (:meth:`from_access_log` with ``model_field``) or a DataFrame's
        columns (:meth:`from_model_counts`); else None."""
        return self._model_names

    @property
    def arrival_log_ms(self) -> np.ndarray | None:
        """Every request's arrival time in ms from the start of the trace (read-only int64, sorted),
        or None when the trace holds counts only."""
        return self._arrival_log_ms

    @property
    def counts(self) -> np.ndarray:
        """Requests in each interval: a read-only view of the simulator's memory (no copy)."""
        return self._core.counts

    @property
    def interval_s(self) -> float:
        """Interval length in seconds."""
        return self._core.interval_s

    @property
    def start_epoch_s(self) -> float:
        """Wall-clock start in seconds since the Unix epoch (0 when unknown)."""
        return self._core.start_epoch_s

    @property
    def start_epoch_ms(self) -> int:
        """Wall-clock start in whole milliseconds since the Unix epoch (0 when unknown): exact,
        where :attr:`start_epoch_s` is a float."""
        return self._core.start_epoch_ms

    def _times(self, offsets_ms):
        """UTC timestamps (datetime64[ns], whatever the pandas version) of offsets in ms from
        the start, exact to the millisecond."""
        import pandas as pd

        ms = self.start_epoch_ms + np.asarray(offsets_ms, dtype=np.int64)
        # a nanosecond stamp is an int64: +-9,223,372,036,854 ms (the years 1677 to 2262)
        if ms.size and int(np.abs(ms).max()) > 9_223_372_036_854:
            raise pd.errors.OutOfBoundsDatetime(
                f"the trace's times reach {int(np.abs(ms).max())} ms from 1970, beyond "
                f"pandas' nanosecond timestamps")
        return pd.DatetimeIndex(pd.to_datetime(ms * 1_000_000, unit="ns", utc=True))

    def _interval_times(self):
        """The UTC start of each interval (as :meth:`_times`)."""
        step_ms = int(round(self.interval_s * 1000))
        return self._times(np.arange(len(self), dtype=np.int64) * step_ms)

    @property
    def duration_s(self) -> float:
        """Time covered by the trace, seconds."""
        return len(self) * self.interval_s

    def __len__(self) -> int:
        return len(self._core)

    def stats(self) -> dict:
        """Total, mean, peak, peak-to-mean, p50/p95/p99 (requests per interval) and
        mean/peak rate (requests per second).

        Example::

            Trace([60, 120], interval_s=60).stats()["peak_rate_per_s"]   # 2.0
        """
        return self._core.stats()

    def scaled(self, factor: float) -> Trace:
        """Every count multiplied by `factor` (e.g. 1.3 for 30 % growth).

        Example::

            trace.scaled(1.3).stats()["total"]   # 1.3 x trace.stats()["total"], to rounding
        """
        factor = _args.number(factor, "factor")
        return Trace(self._core.scaled(factor))  # per-request times no longer match: dropped

    def slice(self, first: int, count: int) -> Trace:
        """The intervals ``[first, first + count)``, with the start time moved accordingly.

        Example::

            week = trace.slice(0, 7 * 24 * 60)   # the first week of a per-minute trace
        """
        first = _args.integer(first, "first", 0, 2**62)
        count = _args.integer(count, "count", 0, 2**62)
        out = Trace(self._core.slice(first, count))
        out._arrival_log_ms_from(self, first)
        return out

    def busiest(self, count: int) -> Trace:
        """The `count` consecutive intervals with the most requests, the earliest on a tie (the
        slice multi-fidelity searches first; see :func:`optimize`'s `slice_fraction`).

        Example::

            peak_day = trace.busiest(24 * 60)   # the busiest 24 hours of a per-minute trace
        """
        count = _args.integer(count, "count", 1, 2**62)
        return self.slice(self._core.busiest_first(count), count)

    def split(self, fraction: float) -> tuple[Trace, Trace]:
        """The first `fraction` of the intervals and the rest: a train/test split in time
        (the C++ ``optimize::split_trace``). Raises ConfigError when a part would be empty.

        Example::

            train, test = trace.split(0.75)
        """
        first, rest = _core.split_trace(self._core, _args.number(fraction, "fraction"))
        a, b = Trace(first), Trace(rest)
        a._arrival_log_ms_from(self, 0)
        b._arrival_log_ms_from(self, len(a))
        return a, b

    def _arrival_log_ms_from(self, parent: Trace, first: int) -> None:
        """Keeps the parent's arrival times that fall in this slice (starting at interval
        `first` of the parent), relative to this slice's start."""
        if parent._arrival_log_ms is None:
            return
        interval_ms = int(round(self.interval_s * 1000))
        lo = first * interval_ms
        log = parent._arrival_log_ms
        inside = (log >= lo) & (log < lo + len(self) * interval_ms)
        self._set_arrival_log(log[inside] - lo)
        if parent._arrival_models is not None:
            kept = parent._arrival_models[inside]
            kept.flags.writeable = False
            self._arrival_models = kept
            self._model_names = parent._model_names

    def to_pandas(self):
        """The counts as a pandas Series named ``requests`` with a UTC DatetimeIndex.

        Example::

            trace.to_pandas().resample("1h").sum()
        """
        import pandas as pd

        index = self._interval_times()
        # a copy: the counts are a read-only view, which pandas before 3 would wrap as it is
        # (a Series that refuses assignment)
        return pd.Series(np.array(self.counts), index=index, name="requests")

    def __getstate__(self):
        return (np.array(self.counts), self.interval_s, self.start_epoch_s, self._arrival_log_ms,
                self._notes, self._arrival_models, self._model_names)

    def __setstate__(self, state):
        counts, interval_s, start_epoch_s = state[:3]
        self._core = _core.Trace(counts, interval_s, start_epoch_s)
        self._arrival_log_ms = None
        self._notes = tuple(state[4]) if len(state) > 4 else ()
        self._arrival_models = None
        self._model_names = tuple(state[6]) if len(state) > 6 and state[6] is not None else None
        if len(state) > 3 and state[3] is not None:
            self._set_arrival_log(state[3])
        if len(state) > 5 and state[5] is not None:
            self._arrival_models = np.array(state[5], dtype=np.int64)
            self._arrival_models.flags.writeable = False

    def _repr_html_(self) -> str:
        from . import _html

        st = self.stats()
        days = len(self) * self.interval_s / 86400
        if self.start_epoch_s:
            index = self.to_pandas().index
            window = (f"{index[0]:%Y-%m-%d %H:%M} to {index[-1]:%Y-%m-%d %H:%M} UTC "
                      f"({days:.3g} days)")
        else:
            window = f"relative times, {days:.3g} days"
        rows = [("window", window), ("interval", f"{self.interval_s:g} s ({len(self)} intervals)"),
                ("requests", f"{st['total']:,.0f}"),
                ("rate", f"mean {st['mean_rate_per_s']:.4g} req/s, peak "
                         f"{st['peak_rate_per_s']:.4g} req/s")]
        return _html.table("Trace", rows, self._notes)

    def __repr__(self) -> str:
        total = self._core.total()
        times = "" if self._arrival_log_ms is None else ", per-request times kept"
        return (f"Trace({len(self)} intervals of {self.interval_s:g} s, {total:.0f} requests"
                f"{times})")


def _numbers(values, name: str) -> np.ndarray:
    """`values` (any shape) as a float array. Values that are not real numbers (complex,
    strings, bytes, booleans, dates, None or other objects) are a TypeError naming `name`, the
    dtype and the first such value: they are never parsed or cast (a string would be read as a
    number, a complex number lose its imaginary part). A masked array with masked entries is a
    TraceError: numpy would hand over the values under the mask."""
    if isinstance(values, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(values)
        if mask.any():
            where = "][".join(str(int(i)) for i in np.unravel_index(int(np.argmax(mask)),
                                                                     mask.shape))
            raise _core.TraceError(f"{name}: a masked array with {int(mask.sum())} masked "
                                   f"entries (the first {name}[{where}]); fill them "
                                   f"(counts.filled(0)) or drop them")
        values = np.ma.getdata(values)
    try:
        raw = np.asarray(values)
    except (TypeError, ValueError) as e:  # ragged nested lists
        raise _core.TraceError(f"{name}: expected numbers, got {_args._shown(values)}: {e}") \
            from None
    if raw.dtype.kind in "iuf":
        return raw.astype(float, copy=False)
    if raw.ndim == 0:
        raise TypeError(f"{name}: expected an array of request counts (numbers), got "
                        f"{_args._shown(values)}")
    flat, at = raw.reshape(-1), 0
    if raw.dtype.kind == "O":  # the first item that is not a real number
        at = next((i for i, v in enumerate(flat) if isinstance(v, (bool, np.bool_))
                   or not isinstance(v, (numbers.Real, decimal.Decimal))), None)
        if at is None:  # Python numbers numpy keeps as objects (ints beyond 64 bits)
            return raw.astype(float)
    first = ""
    if raw.size:
        where = "][".join(str(int(i)) for i in np.unravel_index(at, raw.shape))
        item = flat[at].item() if isinstance(flat[at], np.generic) else flat[at]
        first = f" ({name}[{where}] is {_args._shown(item)})"
    raise TypeError(f"{name}: expected real numbers (requests per interval), got an array of "
                    f"dtype {raw.dtype}{first}")


#: The trace interval's bounds, in ms (trace::trace checks them in C++).
_INTERVAL_MS = (1000, 3_600_000)
#: The longest trace the core builds (C++ max_trace_intervals, trace.hpp).
_MAX_TRACE_INTERVALS = 100_000_000
_MAX_MODEL_ARRIVALS = 100_000_000  # Trace.from_model_counts: requests given a time each


def _interval_ms(interval_s, name: str = "interval_s", error=_core.TraceError) -> int:
    """The interval in whole ms, as the core holds it, checked: a number of seconds from 1 to
    3600 (the C++ conversion of NaN or a huge number is garbage, so it is checked here) and a
    whole number of milliseconds (the core would round 60.0004 s to 60 s without a word)."""
    v = _args.number(interval_s, name)
    ms = math.floor(v * 1000 + 0.5) if math.isfinite(v) and abs(v) < 1e12 else None
    if ms is None or not _INTERVAL_MS[0] <= ms <= _INTERVAL_MS[1]:
        raise error(f"{name}: expected seconds between 1 s and 1 h (1 to 3600), got {v:.15g}")
    # within a nanosecond: 1.001 s is 1000.9999999999999 ms in binary
    if abs(v * 1000 - ms) > 1e-6:
        raise error(f"{name}: expected a whole number of milliseconds (the trace's resolution), "
                    f"got {v:.15g} s")
    return ms


def _activities_frame(rows, trace: Trace):
    """Scaling activities (start_s, end_s, from, to, cause rows) as a DataFrame with their UTC
    start and end first; the same column types with no row as with rows."""
    import pandas as pd

    acts = pd.DataFrame(rows, columns=["start_s", "end_s", "from", "to", "cause"])
    acts = acts.astype({"start_s": "float64", "end_s": "float64", "from": "int64",
                        "to": "int64", "cause": "object"})
    for column in ("end", "start"):
        acts.insert(0, column, trace._times(np.round(acts[f"{column}_s"].to_numpy() * 1000)))
    return acts
