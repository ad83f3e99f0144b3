"""Traffic traces: request counts per fixed interval."""

from __future__ import annotations

import os

import numpy as np

from . import _core


class Trace:
    """Requests per fixed interval (1 s to 1 h), with the wall-clock start if known.

    Example::

        trace = Trace.from_numpy(np.full(60, 2840.0), interval_s=60)
        trace.stats()["mean_rate_per_s"]   # 47.33...
    """

    def __init__(self, core: _core.Trace):
        self._core = core

    @classmethod
    def from_numpy(cls, counts, interval_s: float, start_epoch_s: float = 0.0) -> Trace:
        """A trace from an array of counts per interval of `interval_s` seconds."""
        return cls(_core.Trace(np.asarray(counts, dtype=float), interval_s, start_epoch_s))

    @classmethod
    def from_csv(cls, path: str | os.PathLike) -> Trace:
        """Reads a ``timestamp,requests`` CSV (ISO-8601 UTC or epoch-second timestamps)."""
        return cls(_core.read_csv_trace(os.fspath(path)))

    @property
    def counts(self) -> np.ndarray:
        """Requests in each interval (a copy)."""
        return np.array(self._core.counts)

    @property
    def interval_s(self) -> float:
        """Interval length in seconds."""
        return self._core.interval_s

    @property
    def start_epoch_s(self) -> float:
        """Wall-clock start in seconds since the Unix epoch (0 when unknown)."""
        return self._core.start_epoch_s

    def __len__(self) -> int:
        return len(self._core)

    def stats(self) -> dict:
        """Total, mean, peak, peak-to-mean, p50/p95/p99 per interval and mean/peak per second."""
        return self._core.stats()

    def scaled(self, factor: float) -> Trace:
        """Every count multiplied by `factor` (e.g. 1.3 for 30 % growth)."""
        return Trace(self._core.scaled(factor))

    def slice(self, first: int, count: int) -> Trace:
        """The intervals ``[first, first + count)``."""
        return Trace(self._core.slice(first, count))

    def to_pandas(self):
        """The counts as a pandas Series with a UTC DatetimeIndex."""
        import pandas as pd

        index = pd.to_datetime(self.start_epoch_s, unit="s", utc=True) + pd.to_timedelta(
            np.arange(len(self)) * self.interval_s, unit="s"
        )
        return pd.Series(self.counts, index=index, name="requests")

    def __repr__(self) -> str:
        total = self._core.total()
        return f"Trace({len(self)} intervals of {self.interval_s:g} s, {total:.0f} requests)"
