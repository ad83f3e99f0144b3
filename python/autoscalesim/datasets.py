"""The real traffic traces bundled with the package, loadable from any folder.

- :func:`nasa_july_1995`: every HTTP request to the NASA Kennedy Space Center web server in July
  1995, per minute (27.6 days, 1.9 million requests, peak 6.75 requests/s);
- :func:`azure_llm_conversation_2023`: the Azure LLM inference trace's conversation service,
  per second (58 minutes, 19,366 requests).

:func:`provenance` returns where each comes from and how it was converted (the bundled
``README.md``); cite it with the data.
"""

from __future__ import annotations

import pathlib
from importlib import resources

from .trace import Trace

NASA_JULY_1995 = "nasa_http_1995_07_per_minute.csv"
AZURE_LLM_CONVERSATION_2023 = "azure_llm_inference_2023_conv_per_second.csv"


def path(name: str) -> pathlib.Path:
    """The installed file `name` (one of :data:`NASA_JULY_1995`,
    :data:`AZURE_LLM_CONVERSATION_2023`, ``"README.md"``)."""
    known = (NASA_JULY_1995, AZURE_LLM_CONVERSATION_2023, "README.md")
    if name not in known:
        from . import _core

        raise _core.ConfigError(f"name: expected one of {', '.join(known)}, got {name!r}")
    p = pathlib.Path(str(resources.files("autoscalesim") / "data" / name))
    if not p.is_file():
        raise FileNotFoundError(f"{p}: the package's data is missing (reinstall autoscalesim)")
    return p


def nasa_july_1995() -> Trace:
    """NASA-HTTP, July 1995: requests per minute from 1995-07-01T04:00Z (UTC).

    Example::

        trace = asim.datasets.nasa_july_1995()
        trace.stats()["peak_rate_per_s"]   # 6.75
    """
    return Trace.from_csv(path(NASA_JULY_1995))


def azure_llm_conversation_2023() -> Trace:
    """Azure LLM inference trace 2023, conversation service: requests per second, times relative
    to the trace's start."""
    return Trace.from_csv(path(AZURE_LLM_CONVERSATION_2023))


def provenance() -> str:
    """Where the bundled traces come from, their licence terms and how they were converted."""
    return path("README.md").read_text(encoding="utf-8")
