"""Traffic traces: request counts per fixed interval."""

from __future__ import annotations

import os

import numpy as np

from . import _core


class Trace:
    """Requests per fixed interval (1 s to 1 h), with the wall-clock start if known.

    ``Trace(counts, interval_s, start_epoch_s=0)`` builds one from any 1-D array of request
    counts (requests per interval, not per second); the counts are copied once into the
    simulator's memory and :attr:`counts` is a read-only view of it.

    Example::

        trace = Trace(np.full(60, 2840.0), interval_s=60)
        trace.stats()["mean_rate_per_s"]   # 47.33...
    """

    __slots__ = ("_core",)

    def __init__(self, counts, interval_s: float = 60.0, start_epoch_s: float = 0.0):
        if isinstance(counts, _core.Trace):
            self._core = counts
            return
        arr = np.asarray(counts, dtype=float)
        self._core = _core.Trace(arr, float(interval_s), float(start_epoch_s))

    @classmethod
    def from_numpy(cls, counts, interval_s: float, start_epoch_s: float = 0.0) -> Trace:
        """A trace from an array of counts per interval of `interval_s` seconds.

        `start_epoch_s` is the wall-clock start in seconds since the Unix epoch (0 if unknown).

        Example::

            Trace.from_numpy([120, 180, 90], interval_s=60)   # 3 one-minute intervals
        """
        return cls(counts, interval_s, start_epoch_s)

    @classmethod
    def from_pandas(cls, series) -> Trace:
        """A trace from a pandas Series of counts with a regular DatetimeIndex.

        The interval is the index's spacing; a naive index is taken as UTC.

        Example::

            s = pd.Series([120, 180], index=pd.date_range("2024-05-01", periods=2, freq="min"))
            Trace.from_pandas(s).interval_s   # 60.0
        """
        import pandas as pd

        index = pd.DatetimeIndex(series.index)
        if len(index) < 2:
            raise _core.TraceError("series: need at least 2 rows to infer the interval")
        steps = np.diff(index.asi8)
        if not np.all(steps == steps[0]):
            raise _core.TraceError("series: the index is not regular (every step must be equal)")
        if index.tz is None:
            index = index.tz_localize("UTC")
        start = index[0].timestamp()
        interval_s = (index[1] - index[0]).total_seconds()
        return cls(series.to_numpy(dtype=float), interval_s, start)

    @classmethod
    def from_csv(cls, path: str | os.PathLike) -> Trace:
        """Reads a ``timestamp,requests`` CSV, one row per interval.

        Timestamps are ISO-8601 with a zone (``1995-07-01T04:00:00Z``) or epoch seconds; the
        interval is taken from the first two rows. Raises OSError when the file cannot be read
        and :class:`TraceError` (with ``filename`` and ``lineno``) for a bad row.

        Example::

            trace = Trace.from_csv("traces/nasa_http_1995_07_per_minute.csv")
        """
        return cls(_core.read_csv_trace(os.fspath(path)))

    @classmethod
    def from_cloudwatch_json(
        cls,
        paths: str | os.PathLike | list,
        *,
        statistic: str = "Sum",
        id: str = "",  # noqa: A002 - the field's name in get-metric-data exports
        gaps: str = "error",
    ) -> Trace:
        """Reads what ``aws cloudwatch get-metric-statistics`` or ``get-metric-data`` printed.

        `paths` is one file or a list of files (pages). Datapoints may be in any order. CloudWatch
        leaves out periods without data: ``gaps="zero"`` reads them as no requests (right for
        ``Invocations`` once the export is known to be complete), the default raises
        :class:`TraceError` naming the gap. See docs/traces.md for the export commands.

        Example::

            trace = Trace.from_cloudwatch_json("invocations.json", gaps="zero")
        """
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        files = [os.fspath(p) for p in paths]
        return cls(_core.read_cloudwatch_json(files, statistic=statistic, id=id, gaps=gaps))

    @classmethod
    def from_access_log(cls, path: str | os.PathLike, interval_s: float = 60.0) -> Trace:
        """Counts the requests of an access log (Common Log Format, or one timestamp per line)
        per `interval_s` seconds.

        Example::

            trace = Trace.from_access_log("access.log", interval_s=60)
        """
        return cls(_core.read_access_log_counts(os.fspath(path), interval_s))

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

            trace.scaled(1.3).stats()["total"] == 1.3 * trace.stats()["total"]
        """
        return Trace(self._core.scaled(factor))

    def slice(self, first: int, count: int) -> Trace:
        """The intervals ``[first, first + count)``, with the start time moved accordingly.

        Example::

            week = trace.slice(0, 7 * 24 * 60)   # the first week of a per-minute trace
        """
        return Trace(self._core.slice(first, count))

    def split(self, fraction: float) -> tuple[Trace, Trace]:
        """The first `fraction` of the intervals and the rest: a train/test split in time
        (the C++ ``optimize::split_trace``). Raises ConfigError when a part would be empty.

        Example::

            train, test = trace.split(0.75)
        """
        first, rest = _core.split_trace(self._core, float(fraction))
        return Trace(first), Trace(rest)

    def to_pandas(self):
        """The counts as a pandas Series named ``requests`` with a UTC DatetimeIndex.

        Example::

            trace.to_pandas().resample("1h").sum()
        """
        import pandas as pd

        index = pd.to_datetime(self.start_epoch_s, unit="s", utc=True) + pd.to_timedelta(
            np.arange(len(self)) * self.interval_s, unit="s"
        )
        return pd.Series(self.counts, index=index, name="requests")

    def __getstate__(self):
        return (np.array(self.counts), self.interval_s, self.start_epoch_s)

    def __setstate__(self, state):
        counts, interval_s, start_epoch_s = state
        self._core = _core.Trace(counts, interval_s, start_epoch_s)

    def __repr__(self) -> str:
        total = self._core.total()
        return f"Trace({len(self)} intervals of {self.interval_s:g} s, {total:.0f} requests)"
