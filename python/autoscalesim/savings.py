"""Machine Learning Savings Plans on a simulated (or observed) capacity profile."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import _core
from ._args import _shown


def hourly_spend(result) -> np.ndarray:
    """The on-demand spend (USD) of each clock hour of a :class:`Result`: its billed
    instance-hours per hour (``Result.hourly_instance_hours``) times the instance price."""
    s = result.summary
    price = s["cost_usd"] / s["instance_hours"] if s["instance_hours"] > 0 else 0.0
    return np.asarray(result._core.hourly_instance_hours) * price


def savings_plan(usage, discount: float, commitment_per_hour: float | None = None) -> dict:
    """What a Machine Learning Savings Plan does to a capacity profile.

    `usage` is a :class:`Result` (its hourly billed instance-hours at its instance price) or a
    sequence of hourly on-demand spend in USD. `discount` is the plan's discount on the covered
    usage for your instance type, region, term (1 or 3 years) and payment option, in [0, 1):
    look it up with ``aws savingsplans describe-savings-plans-offering-rates`` (AWS advertises
    up to 64 % for SageMaker). Each hour the plan charges its commitment c and covers on-demand
    usage worth up to c / (1 - discount); the rest is billed on demand.

    Without `commitment_per_hour`, the commitment that minimises the cost is chosen: the usage
    level exceeded in a share (1 - discount) of the hours, at the plan's rates. Returns a dict:
    commitment_per_hour, discount, hours, on_demand_usd, with_plan_usd, saving_usd, utilization
    (share of the commitment used), coverage (share of the usage covered) and
    break_even_utilization (1 - discount: below it the plan costs more than it saves).

    Example::

        r = asim.load_scenario("examples/scenarios/nasa_target_tracking.json").simulate()
        asim.savings_plan(r, discount=0.3)["commitment_per_hour"]
    """
    hourly = hourly_spend(usage) if hasattr(usage, "_core") else usage
    if isinstance(hourly, (str, bytes)) or not isinstance(hourly, (Sequence, np.ndarray)):
        raise _core.ConfigError(
            f"usage: expected a Result or a sequence of hourly USD, got {_shown(usage)}")
    hourly = [float(v) for v in np.asarray(hourly, dtype=float).ravel()]
    if commitment_per_hour is None:
        return _core.best_savings_plan(hourly, float(discount))
    return _core.apply_savings_plan(hourly, float(discount), float(commitment_per_hour))
