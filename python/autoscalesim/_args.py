"""Checks of the public functions' arguments: a wrong type is a TypeError and a wrong value a
ConfigError (a ValueError), each naming the argument and what it accepts, before anything reaches
the C++ core (whose own messages name its fields, not the caller's arguments)."""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import numpy as np

from . import _core


def _shown(v) -> str:
    text = repr(v)
    return f"{type(v).__name__} {text[:40] + '...' if len(text) > 40 else text}"


def integer(v, name: str, low: int, high: int) -> int:
    """An int (or an integral number) in [low, high]."""
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        raise TypeError(f"{name}: expected an integer, got {_shown(v)}")
    if isinstance(v, numbers.Integral):
        out = int(v)
    elif float(v).is_integer():
        out = int(v)
    else:
        raise _core.ConfigError(f"{name}: expected a whole number, got {v!r}")
    if not low <= out <= high:
        raise _core.ConfigError(f"{name}: expected an integer in [{low}, {high}], got {out}")
    return out


def text(v, name: str) -> str:
    """A str."""
    if not isinstance(v, str):
        raise TypeError(f"{name}: expected a string, got {_shown(v)}")
    return v


def flag(v, name: str) -> bool:
    """True or False (numpy's bool too); 0, 1 and strings are refused."""
    if not isinstance(v, (bool, np.bool_)):
        raise TypeError(f"{name}: expected True or False, got {_shown(v)}")
    return bool(v)


def number(v, name: str) -> float:
    """A real number (its range is checked by the core, which names the field)."""
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        raise TypeError(f"{name}: expected a number, got {_shown(v)}")
    return float(v)


def numbers_list(v, name: str) -> list[float]:
    """A sequence (list, tuple, 1-D array, range) of finite real numbers, as floats."""
    if isinstance(v, np.ndarray) and v.ndim != 1:
        raise TypeError(f"{name}: expected a list of numbers, got a {v.ndim}-D array")
    if isinstance(v, (str, bytes, Mapping)) or not isinstance(v, Iterable):
        raise TypeError(f"{name}: expected a list of numbers, got {_shown(v)}")
    out = []
    for k, x in enumerate(v):
        out.append(number(x, f"{name}[{k}]"))
        if not math.isfinite(out[-1]):
            raise _core.ConfigError(f"{name}[{k}]: expected a finite number, got {x!r}")
    return out


def trace(v, name: str = "trace"):
    """A Trace; a CSV path or a pandas Series with a regular DatetimeIndex is read as one."""
    from .trace import Trace

    if isinstance(v, Trace):
        return v
    if isinstance(v, (str, os.PathLike)):
        path = os.fspath(v)
        if path.lower().endswith((".csv", ".tsv")):
            return Trace.from_csv(path)
        raise TypeError(
            f"{name}: expected a Trace, got the path {path!r}; read it first "
            "(Trace.from_csv, Trace.from_cloudwatch_json, Trace.from_access_log)")
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        pd = None
    if pd is not None and isinstance(v, pd.Series):
        return Trace.from_pandas(v)
    raise TypeError(
        f"{name}: expected a Trace (or a CSV path, or a pandas Series of counts with a regular "
        f"DatetimeIndex), got {_shown(v)}; for an array of counts use "
        "Trace(counts, interval_s=...)")


def path(v, name: str) -> str:
    """One path (str or os.PathLike) as a string; an empty one is a ConfigError (an unset
    variable, which would otherwise mean the default or the current folder)."""
    if not isinstance(v, (str, os.PathLike)):
        raise TypeError(f"{name}: expected a path (str or os.PathLike), got {_shown(v)}")
    s = os.fspath(v)
    if s == "":
        raise _core.ConfigError(f"{name}: expected a file or folder name, got ''")
    return s


def paths(v, name: str) -> list[str]:
    """One path (str or os.PathLike) or a list of them, as strings."""
    if isinstance(v, (str, os.PathLike)):
        return [path(v, name)]
    if isinstance(v, (list, tuple)) and all(isinstance(p, (str, os.PathLike)) for p in v):
        if not v:
            raise _core.ConfigError(f"{name}: expected at least one file, got an empty list")
        return [path(p, f"{name}[{i}]") for i, p in enumerate(v)]
    raise TypeError(f"{name}: expected a path (str or os.PathLike) or a list of paths, got "
                    f"{_shown(v)}")


class TrafficInput(NamedTuple):
    """A trace as read, with what a report says about it (the command's trace_input)."""

    trace: object  #: the Trace
    names: str  #: the files, comma separated; "" for a Trace given as such
    format: str  #: "csv", "cloudwatch"; "" for a Trace given as such
    notes: list  #: periods found, gaps filled, spreading: one line each


def traffic(v, name: str = "trace") -> TrafficInput:
    """A Trace as given, or read from the path(s) of CloudWatch exports of an endpoint's
    Invocations (missing periods are zero traffic, a gap longer than 6 hours is refused) or of
    one ``timestamp,requests`` CSV: how ``autoscalesim recommend`` and ``calibrate`` read their
    EXPORT argument. A pandas Series of counts is read as :func:`trace` reads it."""
    from .trace import Trace

    if isinstance(v, Trace):
        return TrafficInput(v, "", "", list(v.notes))
    if not isinstance(v, (str, os.PathLike, list, tuple)):
        return TrafficInput(trace(v, name), "", "", [])
    files = paths(v, name)
    names = ", ".join(files)
    if len(files) == 1 and files[0].lower().endswith((".csv", ".tsv")):
        return TrafficInput(Trace.from_csv(files[0]), names, "csv", [])
    t = Trace.from_cloudwatch_json(files, gaps="zero", max_gap_s=6 * 3600)
    return TrafficInput(t, names, "cloudwatch", list(t.notes))


def endpoint(v, name: str = "endpoint"):
    """An Endpoint; an InstanceType is an Endpoint with its defaults."""
    from .config import Endpoint, InstanceType

    if isinstance(v, Endpoint):
        return v
    if isinstance(v, InstanceType):
        return Endpoint(v)
    hint = ""
    if isinstance(v, str):
        hint = (f"; an instance type name needs its service time: Endpoint(InstanceType({v!r}, "
                "price_per_hour=..., service_time_s=...))")
    raise TypeError(f"{name}: expected an Endpoint or InstanceType, got {_shown(v)}{hint}")


def policies(v, name: str = "policies") -> list:
    """A sequence of policies; one policy alone is a list of one."""
    from .config import HPA, PredictiveScaling, ScheduledAction, StepScaling, TargetTracking
    from .policy import Policy

    single = (TargetTracking, StepScaling, ScheduledAction, PredictiveScaling, HPA, Policy)
    if isinstance(v, single):
        return [v]
    if isinstance(v, (list, tuple)):
        return list(v)
    raise TypeError(f"{name}: expected a policy or a list of policies, got {_shown(v)}")


#: The largest capacity accepted (the core counts instances in a C++ int).
MAX_CAPACITY = 1_000_000


def settings(s):
    """RunSettings with every number checked and converted."""
    from dataclasses import replace

    return replace(
        s,
        min_capacity=integer(s.min_capacity, "min_capacity", 0, MAX_CAPACITY),
        max_capacity=integer(s.max_capacity, "max_capacity", 1, MAX_CAPACITY),
        slo_latency_s=number(s.slo_latency_s, "slo_latency_s"),
        slo_target=number(s.slo_target, "slo_target"),
        seed=integer(s.seed, "seed", 0, 2**64 - 1),
    )
