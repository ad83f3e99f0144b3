"""Machine Learning Savings Plans on a simulated (or observed) capacity profile."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import _args, _core
from ._args import _shown


def hourly_spend(result) -> np.ndarray:
    """The on-demand spend (USD) a Savings Plan covers in each UTC clock hour of a
    :class:`Result` (the first and the last may be part hours: a trace that starts at 12:30 has a
    first hour of 30 minutes, as AWS bills by the clock hour): its billed instance-hours per
    hour (``Result.hourly_instance_hours``) times the instance price; for a serverless endpoint,
    its provisioned concurrency and inference duration (data processing is not covered)."""
    return np.array(result._core.hourly_on_demand_usd, dtype=float)


def _hour_shares(result) -> list:
    # The share of each of the run's clock hours it covers: the part of the first and the last.
    return _core.hour_shares(round(result.summary["duration_s"] * 1000),
                             _core.clock_hour_offset_ms(result.trace.start_epoch_ms))


def savings_plan(usage, discount: float, commitment_per_hour: float | None = None, *,
                 hour_shares=None) -> dict:
    """What a Machine Learning Savings Plan does to a capacity profile.

    `usage` is a :class:`Result` (its hourly billed instance-hours at its instance price) or a
    1-D sequence of hourly on-demand spend in USD (a 2-D array is an error, not flattened).
    `discount` is the plan's discount on the covered usage for your instance type, region, term
    (1 or 3 years) and payment option, in [0, 1):
    look it up with ``aws savingsplans describe-savings-plans-offering-rates`` (AWS advertises
    up to 64 % for SageMaker). Each hour the plan charges its commitment c and covers on-demand
    usage worth up to c / (1 - discount); the rest is billed on demand.

    Without `commitment_per_hour`, the commitment that minimises the cost is chosen: the usage
    level exceeded in a share (1 - discount) of the hours, at the plan's rates.

    A part hour (a run that starts or ends within a clock hour; `hour_shares` gives each hour's
    share of a whole one for a sequence, a :class:`Result` its own) is charged that share of the
    commitment and covers that share of the usage, as the same plan would over the same minutes
    of a longer run, so a steady fleet costs the same per hour whether its trace ends on the hour
    or not. Returns a dict:
    commitment_per_hour, discount, hours, on_demand_usd, with_plan_usd, saving_usd, utilization
    (share of the commitment used), coverage (share of the usage covered) and
    break_even_utilization (1 - discount: below it the plan costs more than it saves).

    Example::

        r = asim.load_scenario("examples/scenarios/nasa_target_tracking.json").simulate()
        asim.savings_plan(r, discount=0.3)["commitment_per_hour"]
    """
    if hasattr(usage, "_core"):
        if hour_shares is not None:
            raise _core.ConfigError("hour_shares: a Result has its own (its first and last "
                                    "hours' parts); give it with a sequence of hourly USD only")
        hour_shares = _hour_shares(usage)
    hourly = hourly_spend(usage) if hasattr(usage, "_core") else usage
    if isinstance(hourly, (str, bytes)) or not isinstance(hourly, (Sequence, np.ndarray)):
        raise _core.ConfigError(
            f"usage: expected a Result or a sequence of hourly USD, got {_shown(usage)}")
    # numbers only: numpy reads "1" and True as 1.0
    not_numbers = (hourly.dtype.kind not in "iuf" if isinstance(hourly, np.ndarray) else
                   any(isinstance(x, (str, bytes, bool, np.bool_)) for x in hourly))
    try:
        if not_numbers:
            raise TypeError
        hourly = np.asarray(hourly, dtype=float)
    except (TypeError, ValueError):  # text, a ragged list
        raise _core.ConfigError(f"usage: expected a sequence of hourly USD (numbers), got "
                                f"{_shown(usage)}") from None
    if hourly.ndim != 1:  # never flattened: rows of days would read as one long run of hours
        raise _core.ConfigError(f"usage: expected a 1-D sequence of hourly USD, got a "
                                f"{hourly.ndim}-D array of shape {hourly.shape}")
    hourly = hourly.tolist()
    discount = _args.number(discount, "discount")
    shares = [] if hour_shares is None else _args.numbers_list(hour_shares, "hour_shares")
    if commitment_per_hour is None:
        return _core.best_savings_plan(hourly, discount, shares)
    return _core.apply_savings_plan(hourly, discount,
                                    _args.number(commitment_per_hour, "commitment_per_hour"),
                                    shares)


def savings_plan_growth(trace, endpoint, policies=(), discount: float = 0.3,
                        growth: Sequence[float] = (0.7, 0.85, 1.0, 1.15, 1.3, 1.5),
                        commitment_per_hour: float | None = None, **settings):
    """How a Savings Plan bought today fares if the traffic grows or shrinks.

    Replays ``trace.scaled(g)`` for each factor in `growth` through `endpoint` and `policies`
    (`settings` are :func:`simulate`'s keywords), and prices each run's hourly profile with the
    commitment sized on the trace as it is (factor 1; or `commitment_per_hour` when given) and
    with the commitment that would be best for that factor. Returns a DataFrame indexed by
    growth: on_demand_usd, commitment_per_hour (the one bought), with_plan_usd, saving_usd,
    utilization and coverage (of the bought commitment), best_commitment_per_hour and
    with_best_plan_usd (what knowing the growth would have bought), and regret_usd (the
    difference). A commitment sized on today's traffic loses little when traffic grows (the
    excess is billed on demand) and more when it shrinks below the commitment's break-even
    utilization, 1 - discount.

    Example::

        t = asim.datasets.nasa_july_1995()
        ep = asim.Endpoint(asim.InstanceType("ml.g4dn.xlarge", 0.736, 1, 1.0, 0.5))
        asim.savings_plan_growth(t, ep, [asim.TargetTracking(30)], discount=0.3,
                                 min_capacity=1, max_capacity=20, slo_latency_s=5)
    """
    import pandas as pd

    from .simulation import simulate

    factors = _args.numbers_list(growth, "growth")
    if not factors or any(not (g > 0) for g in factors):
        raise _core.ConfigError(f"growth: expected positive factors, got {_shown(growth)}")
    if commitment_per_hour is None:
        today = simulate(trace, endpoint, policies, **settings)
        commitment_per_hour = savings_plan(today, discount)["commitment_per_hour"]
    rows = []
    for g in factors:
        run = simulate(trace.scaled(g), endpoint, policies, **settings)
        bought = savings_plan(run, discount, commitment_per_hour)
        best = savings_plan(run, discount)
        rows.append({"growth": g, "on_demand_usd": bought["on_demand_usd"],
                     "commitment_per_hour": bought["commitment_per_hour"],
                     "with_plan_usd": bought["with_plan_usd"],
                     "saving_usd": bought["saving_usd"],
                     "utilization": bought["utilization"], "coverage": bought["coverage"],
                     "best_commitment_per_hour": best["commitment_per_hour"],
                     "with_best_plan_usd": best["with_plan_usd"],
                     "regret_usd": bought["with_plan_usd"] - best["with_plan_usd"]})
    return pd.DataFrame(rows).set_index("growth")
