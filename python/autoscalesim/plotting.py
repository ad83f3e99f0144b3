"""Matplotlib plots: a simulation's timeline, a calibration, an optimizer's Pareto front.

Each function returns a matplotlib Figure made without pyplot: in a notebook it shows as the
cell's value; in a script save it with ``fig.savefig(...)``, or open a window with
:func:`show` (``fig.show()`` works only for pyplot's own figures). Each takes ``ax=`` to draw into
axes of your own figure instead. matplotlib is an optional dependency
(``pip install autoscalesim[plot]``).
"""

from __future__ import annotations

import math

import numpy as np

from .simulation import _rate

#: Colours shared by the plots (matplotlib's tab10, named for what they show).
COLORS = {
    "traffic": "tab:blue",
    "desired": "tab:orange",
    "starting": "tab:olive",
    "in_service": "tab:green",
    "metric": "tab:purple",
    "target": "black",
    "latency": "tab:red",
    "errors": "tab:brown",
    "out": "tab:green",
    "in": "tab:red",
    "observed": "black",
    "given": "tab:orange",
    "calibrated": "tab:green",
}


#: Errors per second below this are a residue of the fluid mode's formulas (1e-12 of a
#: request), not failures: drawn as 0.
ERROR_FLOOR_PER_S = 1e-6


def show(fig) -> None:
    """Opens `fig` in a window with pyplot's interactive backend (what ``fig.show()`` does for a
    pyplot figure); blocks until it is closed."""
    import matplotlib.pyplot as plt

    manager = plt.figure().canvas.manager
    manager.canvas.figure = fig
    fig.set_canvas(manager.canvas)
    plt.show()


def _figure(nrows: int, figsize, sharex: bool):
    # A bare Figure, not pyplot: no global figure registry to leak into, no GUI backend needed.
    # Jupyter displays a Figure returned as a cell's value.
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    axes = fig.subplots(nrows, 1, sharex=sharex, squeeze=False)
    return fig, list(axes[:, 0])


def _activity_markers(ax, acts, size: float, label: str) -> None:
    """Scaling activities as markers at their start and new count: up triangles for scale-outs,
    down for scale-ins; `label` prefixes the legend's words."""
    if not len(acts):
        return
    start = acts["start"].dt.tz_convert(None).to_numpy()
    out = (acts["to"] > acts["from"]).to_numpy()
    ax.scatter(start[out], acts["to"][out], marker="^", s=size, color=COLORS["out"], zorder=3,
               label=f"{label}scale-out")
    ax.scatter(start[~out], acts["to"][~out], marker="v", s=size, color=COLORS["in"],
               zorder=3, label=f"{label}scale-in")


def _time_label(start_epoch_s: float) -> str:
    """The time axis' label: UTC, or for a trace of relative times (which starts at the epoch)
    that its dates are not real ones."""
    if start_epoch_s == 0:
        return "time from the trace's start (relative times, drawn from 1970-01-01)"
    return "time (UTC)"


def plot_timeline(result, *, title: str | None = None, figsize=(11, 11), ax=None):
    """Five stacked panels sharing a UTC time axis, with the scaling activities marked:

    1. traffic (requests per second);
    2. capacity: desired, starting and in-service instances, scale-outs (^) and scale-ins (v);
    3. the first target-tracking policy's metric against its target (and AlarmLow threshold);
    4. p99 latency of each interval (seconds, log scale) against the SLO latency;
    5. errors (failed requests per second).

    Errors below :data:`ERROR_FLOOR_PER_S` per second are drawn as 0. `ax`, when given, is the
    five Axes to draw into (e.g. ``fig.subplots(5, 1, sharex=True)``). Returns the matplotlib
    Figure.

    Example::

        fig = plot_timeline(asim.simulate(trace, endpoint, [asim.TargetTracking(30)]))
        fig.savefig("timeline.png", dpi=120)
    """
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    tl = result.timeline
    if len(tl) == 0 and len(result.trace) > 0:
        raise ValueError("result: the run kept no timeline (simulate(..., timeline=False)); "
                         "run it with timeline=True to plot it")
    interval_s = result.trace.interval_s
    t = tl.index.tz_convert(None).to_numpy()
    # Each row holds its interval [t, t + interval): drawn as steps to the end of the last one.
    edges = np.append(t, t[-1] + np.timedelta64(int(round(interval_s * 1000)), "ms")) \
        if len(t) else t

    def per_interval(values):
        values = np.asarray(values, dtype=float)
        return np.append(values, values[-1]) if len(values) else values

    if ax is None:
        fig, axes = _figure(5, figsize, sharex=True)
    else:
        axes = list(np.ravel(ax))
        if len(axes) != 5:
            raise ValueError(f"ax: expected 5 Axes (one per panel), got {len(axes)}")
        fig = axes[0].figure
    ax_traffic, ax_cap, ax_metric, ax_lat, ax_err = axes

    ax_traffic.step(edges, per_interval(tl["arrivals"] / interval_s), where="post",
                    color=COLORS["traffic"], lw=0.8, label="arrivals")
    ax_traffic.set_ylabel("requests / s")
    ax_traffic.set_ylim(bottom=0)
    ax_traffic.set_title("traffic", loc="left", fontsize="medium")

    ax_cap.fill_between(edges, per_interval(tl["starting"]), step="post",
                        color=COLORS["starting"], alpha=0.35, lw=0, label="starting")
    ax_cap.step(edges, per_interval(tl["desired"]), where="post", color=COLORS["desired"],
                lw=2.0, alpha=0.8, label="desired")
    ax_cap.step(edges, per_interval(tl["in_service"]), where="post",
                color=COLORS["in_service"], lw=1.0, label="in service")
    acts = result.activities
    _activity_markers(ax_cap, acts, 18, "")
    from matplotlib.ticker import MaxNLocator

    ax_cap.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax_cap.set_ylabel("instances")
    ax_cap.set_ylim(0, max(float(tl["desired"].max()), 1.0) * 1.35)
    ax_cap.set_title(f"capacity ({len(acts)} scaling activities)", loc="left",
                     fontsize="medium")
    ax_cap.legend(loc="upper left", ncol=5, fontsize="small", frameon=False)

    tracking = [p for p in result.policies if hasattr(p, "target_value")]
    ax_metric.step(edges, per_interval(tl["metric"]), where="post", color=COLORS["metric"],
                   lw=0.8, label="metric")
    if tracking:
        p = tracking[0]
        ax_metric.axhline(p.target_value, color=COLORS["target"], lw=1.0, ls="--",
                          label=f"target {p.target_value:g}")
        low = getattr(p, "low_threshold_fraction", None)  # target tracking's; not the HPA's
        if low is not None:
            ax_metric.axhline(p.target_value * low, color=COLORS["target"], lw=0.8, ls=":",
                              label="AlarmLow threshold")
        ax_metric.set_ylabel(str(getattr(p, "metric", "metric")))
        ax_metric.legend(loc="upper left", ncol=3, fontsize="small", frameon=False)
    else:
        ax_metric.set_ylabel("metric")
    _headroom(ax_metric)
    ax_metric.set_title("metric vs target", loc="left", fontsize="medium")

    lat = tl["p99_latency_s"].to_numpy()
    ax_lat.step(edges, per_interval(lat), where="post", color=COLORS["latency"], lw=0.8,
                label="p99 latency")
    ax_lat.axhline(result.settings.slo_latency_s, color=COLORS["target"], lw=1.0, ls="--",
                   label=f"SLO {result.settings.slo_latency_s:g} s")
    if np.nanmax(lat, initial=0) > 0:
        _log_axis(ax_lat.yaxis)
        lo, hi = ax_lat.get_ylim()
        ax_lat.set_ylim(lo, hi * 4)
    ax_lat.set_ylabel("p99 latency (s)")
    ax_lat.set_title("latency", loc="left", fontsize="medium")
    ax_lat.legend(loc="upper left", ncol=2, fontsize="small", frameon=False)

    errors = (tl["errors"] / interval_s).to_numpy()
    errors = np.where(errors < ERROR_FLOOR_PER_S, 0.0, errors)
    ax_err.step(edges, per_interval(errors), where="post", color=COLORS["errors"], lw=0.8,
                label="errors")
    ax_err.set_ylabel("errors / s")
    ax_err.set_ylim(bottom=0, top=max(float(errors.max(initial=0)) * 1.1, 1e-3))
    ax_err.set_title(f"errors (timeouts; below {ERROR_FLOOR_PER_S:g}/s drawn as 0)", loc="left",
                     fontsize="medium")
    ax_err.set_xlabel(_time_label(result.trace.start_epoch_s))

    locator = AutoDateLocator()
    ax_err.xaxis.set_major_locator(locator)
    ax_err.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    for ax in (ax_traffic, ax_cap, ax_metric, ax_lat, ax_err):
        ax.grid(True, alpha=0.3)
    s = result.summary
    fig.suptitle(
        title
        or f"cost ${s['cost_usd']:,.2f}   p99 {s['p99_latency_s']:.3g} s   "
        f"error rate {_rate(s['error_rate'])}   SLO attainment {s['slo_attainment']:.4f}",
        fontsize="medium",
    )
    if ax is None:
        fig.tight_layout()
    return fig


def plot_calibration(calibration, *, title: str | None = None, figsize=(11, 7), ax=None):
    """What :func:`autoscalesim.calibrate` compared, in two panels sharing a UTC time axis:

    1. instances in service in the middle of each interval: observed, the replay of the given
       scenario and of the calibrated one, the observed scale-outs (^) and scale-ins (v);
    2. mean latency of each interval (seconds, log scale): observed ModelLatency and the two
       replays.

    `ax`, when given, is the two Axes to draw into (e.g. ``fig.subplots(2, 1, sharex=True)``).
    Returns the matplotlib Figure.

    Example::

        fig = plot_calibration(asim.calibrate("invocations.json", "activities.json",
                                              ["targets.json", "policies.json"],
                                              latency="latency.json"))
        fig.savefig("calibration.png", dpi=120)
    """
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.ticker import MaxNLocator

    cmp = calibration.comparison
    t = cmp.index.tz_convert(None).to_numpy()
    if ax is None:
        fig, axes = _figure(2, figsize, sharex=True)
    else:
        axes = list(np.ravel(ax))
        if len(axes) != 2:
            raise ValueError(f"ax: expected 2 Axes (one per panel), got {len(axes)}")
        fig = axes[0].figure
    ax_cap, ax_lat = axes
    b, a = calibration.before, calibration.after
    labels = {"observed": "observed",
              "given": "replay, as given",
              "calibrated": "replay, calibrated"}
    widths = {"observed": 1.6, "given": 1.0, "calibrated": 1.0}
    for who in ("observed", "given", "calibrated"):
        ax_cap.step(t, cmp[f"{who}_instances"], where="post", color=COLORS[who],
                    lw=widths[who], alpha=0.85, label=labels[who])
    _activity_markers(ax_cap, calibration.observed_activities, 16, "observed ")
    ax_cap.yaxis.set_major_locator(MaxNLocator(integer=True))
    top = np.nanmax(cmp[[f"{w}_instances" for w in labels]].to_numpy(), initial=1.0)
    ax_cap.set_ylim(0, max(float(top), 1.0) * 1.35)
    ax_cap.set_ylabel("instances")
    ax_cap.set_title(f"instances in service (mean abs error {b.capacity_mean_abs_error:.3g} "
                     f"given, {a.capacity_mean_abs_error:.3g} calibrated)", loc="left",
                     fontsize="medium")
    ax_cap.legend(loc="upper left", ncol=5, fontsize="small", frameon=False)

    drawn = []
    for who in ("observed", "given", "calibrated"):
        lat = cmp[f"{who}_latency_s"].to_numpy()
        if np.isfinite(lat).any():
            ax_lat.plot(t, lat, color=COLORS[who], lw=widths[who] * 0.8, alpha=0.85,
                        label=labels[who] if who != "observed" else "observed ModelLatency")
            drawn.append(lat[np.isfinite(lat)])
    values = np.concatenate(drawn) if drawn else np.empty(0)
    if values.size and (values > 0).all():
        _log_axis(ax_lat.yaxis)
        lo, hi = ax_lat.get_ylim()
        ax_lat.set_ylim(lo, hi * 4)
    ax_lat.set_ylabel("mean latency (s)")
    ax_lat.set_title("latency (mean abs error "
                     f"{_format_seconds(b.latency_mean_abs_error_s)} given, "
                     f"{_format_seconds(a.latency_mean_abs_error_s)} calibrated)", loc="left",
                     fontsize="medium")
    ax_lat.legend(loc="upper left", ncol=3, fontsize="small", frameon=False)
    ax_lat.set_xlabel("time (UTC)")

    locator = AutoDateLocator()
    ax_lat.xaxis.set_major_locator(locator)
    ax_lat.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    for axis in (ax_cap, ax_lat):
        axis.grid(True, alpha=0.3)
    suffix = "   POLICY MISMATCH" if calibration.policy_mismatch else ""
    fig.suptitle(title or f"observed and replayed: {calibration.resource_id}{suffix}",
                 fontsize="medium")
    if ax is None:
        fig.tight_layout()
    return fig


def _format_seconds(v: float) -> str:
    return f"{v:.3g} s" if math.isfinite(v) else "n/a"


def plot_pareto(front, *, chosen=None, x: str | None = None, y: str | None = None,
                max_labels: int = 8, figsize=(9, 6), per_days: float | None = 30, ax=None):
    """Cost against latency for every evaluated policy, the Pareto front as a step line and the
    chosen policy (e.g. ``front.best(...)``) highlighted, front points labelled with their
    parameters (at most `max_labels`, none overlapping another). A constraint on the y field
    (``max_p99_latency_s`` given to the search, or the chosen policy's) is drawn as a dashed
    line with the region that meets it shaded.

    `x` and `y` default to the front's first two objectives. Cost is shown per `per_days` days
    of traffic (stated on the axis; None: over the trace searched on). `ax` draws into your own
    Axes. Returns the matplotlib Figure.

    Example::

        front = asim.optimize(trace, endpoint, target_value=range(10, 60, 5))
        fig = plot_pareto(front, chosen=front.best(max_p99_latency_s=2.0))
    """
    x = x or front.objectives[0]
    y = y or front.objectives[1]
    points = front.points.copy()
    scale = 1.0
    if x == "cost_usd" and per_days and "duration_s" in points and len(points):
        days = float(points["duration_s"].iloc[0]) / 86400
        if days > 0:
            scale = per_days / days
    points[x] = points[x] * scale
    if ax is None:
        fig, (ax,) = _figure(1, figsize, sharex=False)
    else:
        fig = ax.figure
    feasible = points["feasible"].to_numpy()
    ax.scatter(points[x][feasible], points[y][feasible], s=12, color="tab:gray", alpha=0.6,
               label=f"feasible ({int(feasible.sum())})")
    if (~feasible).any():
        ax.scatter(points[x][~feasible], points[y][~feasible], s=12, marker="x",
                   color="tab:gray", alpha=0.4, label=f"infeasible ({int((~feasible).sum())})")
    pf = front.to_pandas().sort_values(x).copy()
    pf[x] = pf[x] * scale
    ax.step(pf[x], pf[y], where="post", color="tab:blue", lw=1.2, label="Pareto front")
    ax.scatter(pf[x], pf[y], s=24, color="tab:blue", zorder=3)
    limit = _limit(front, chosen, y)
    if limit is not None:
        ax.axhline(limit, color="tab:red", lw=1.0, ls="--", label=f"{_format_value(y, limit)}")
    if chosen is not None:
        cx, cy = chosen.summary[x] * scale, chosen.summary[y]
        ax.scatter([cx], [cy], s=220, marker="*", color="tab:red", edgecolor="white", zorder=4,
                   label="chosen")
        ax.autoscale_view()
        high = ax.transAxes.inverted().transform(ax.transData.transform((cx, cy)))[1] > 0.6
        ax.annotate(f"chosen: {front.describe(chosen.params)}\n"
                    f"{_format_value(x, cx)}, {_format_value(y, cy)}",
                    (cx, cy), xytext=(25, -55 if high else 35), textcoords="offset points",
                    fontsize="small",
                    color="tab:red", fontweight="bold",
                    bbox=dict(boxstyle="round", fc="white", ec="tab:red", alpha=0.9),
                    arrowprops=dict(arrowstyle="->", color="tab:red"))
    ax.set_xlabel(_axis_label(x) if scale == 1.0 else f"cost per {per_days:g} days (USD)")
    ax.set_ylabel(_axis_label(y))
    if (points[y][feasible] > 0).all() and len(points) > 1:
        _log_axis(ax.yaxis)
    if limit is not None:  # the region that meets the bound, shaded within the current view
        ax.autoscale_view()
        bottom, top = ax.get_ylim()
        ax.axhspan(bottom, min(limit, top), color="tab:green", alpha=0.07, lw=0,
                   label="meets the bound")
        ax.set_ylim(bottom, top)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="best", fontsize="small")
    ax.set_title(f"{len(pf)} Pareto-optimal policies of {len(points)} evaluated",
                 fontsize="medium")
    if max_labels > 0 and len(pf):
        _label_front(ax, front, pf, x, y, max_labels,
                     None if chosen is None else (chosen.summary[x] * scale, chosen.summary[y]))
    if fig is not None and ax is fig.axes[0] and len(fig.axes) == 1:
        fig.tight_layout()
    return fig


def _limit(front, chosen, y: str):
    # The bound on y the choice was made under: the search's constraints, then the chosen's.
    for source in (getattr(front, "constraints", {}) or {},
                   getattr(chosen, "constraints", {}) or {}):
        value = source.get(f"max_{y}")
        if value is not None and math.isfinite(value):
            return float(value)
    return None


def _label_front(ax, front, pf, x: str, y: str, max_labels: int, avoid) -> None:
    # Spread labels along the front and skip one that would land within 45 px of another
    # (or of the chosen policy's box).
    ax.autoscale_view()
    to_px = ax.transData.transform
    taken = [] if avoid is None else [to_px(avoid)]
    step = max(1, math.ceil(len(pf) / max_labels))
    for _, row in pf.iloc[::step].iterrows():
        px = to_px((row[x], row[y]))
        if any(np.hypot(*(px - q)) < 45 for q in taken):
            continue
        taken.append(px)
        ax.annotate(front.describe(row), (row[x], row[y]), xytext=(5, 5),
                    textcoords="offset points", fontsize="x-small", color="tab:blue")


def _log_axis(axis):
    # Log scale labelled 1, 2, 5, 10, 20, ... rather than 10^0, 2x10^0, ...
    from matplotlib.ticker import LogLocator, NullFormatter, ScalarFormatter

    axis.axes.set_yscale("log")
    axis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(ScalarFormatter())
    axis.set_minor_formatter(NullFormatter())


def _headroom(ax, factor: float = 1.3):
    # Room above the data for the legend.
    lo, hi = ax.get_ylim()
    ax.set_ylim(lo, lo + (hi - lo) * factor)


def _format_value(field: str, v: float) -> str:
    if field == "cost_usd":
        return f"${v:,.2f}"
    if field.endswith("_latency_s"):
        return f"{field[: -len('_latency_s')]} {v:.3g} s"
    return f"{field.replace('_', ' ')} {v:.3g}"


def _axis_label(field: str) -> str:
    if field == "cost_usd":
        return "cost (USD)"
    if field.endswith("_latency_s"):
        return field[: -len("_latency_s")] + " latency (s)"
    return field.replace("_", " ")

