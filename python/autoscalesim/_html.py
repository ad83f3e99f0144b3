"""Small HTML tables for the notebook reprs (``_repr_html_``)."""

from __future__ import annotations

import html
from collections.abc import Iterable


def table(title: str, rows: Iterable[tuple[str, str]], notes: Iterable[str] = ()) -> str:
    """A two-column table of (label, value) rows under a bold title, notes below it."""
    body = "".join(f"<tr><th style='text-align:left;padding-right:1em'>{html.escape(k)}</th>"
                   f"<td style='text-align:left'>{html.escape(v)}</td></tr>" for k, v in rows)
    extra = "".join(f"<div style='color:#666'>{html.escape(n)}</div>" for n in notes)
    return (f"<div><b>{html.escape(title)}</b><table>{body}</table>{extra}</div>")


def money(v: float) -> str:
    return f"${v:,.2f}"


def seconds(v: float) -> str:
    return f"{v:.3f} s" if v == v else "n/a"


def rate(v: float) -> str:
    return "0" if v < 1e-9 else f"{v:.2e}"
