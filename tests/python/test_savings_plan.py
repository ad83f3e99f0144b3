"""Savings Plans from Python: hand-computed hours, the optimal commitment, a Result's profile."""

import numpy as np
import pytest

import autoscalesim as asim


def test_commitment_cost_by_hand():
    # Four hours at 1 USD, six at 5, discount 0.5: a 1 USD/h commitment covers 2 USD per hour,
    # 4 x 1 + 6 x (1 + 3) = 28 USD against 34.
    usage = [1, 1, 1, 1, 5, 5, 5, 5, 5, 5]
    p = asim.savings_plan(usage, 0.5, commitment_per_hour=1.0)
    assert (p["on_demand_usd"], p["with_plan_usd"], p["saving_usd"]) == (34, 28, 6)
    assert p["utilization"] == pytest.approx(0.8)
    best = asim.savings_plan(usage, 0.5)  # covers the 5-USD level: c = 2.5, 25 USD
    assert best["commitment_per_hour"] == 2.5 and best["with_plan_usd"] == 25
    assert best["break_even_utilization"] == 0.5


def test_plan_on_a_simulated_profile():
    # 2 instances for 3 hours at 0.5 USD/h: 1 USD every hour; any discount commits all of it.
    trace = asim.Trace.from_numpy(np.zeros(180), interval_s=60)
    ep = asim.Endpoint(asim.InstanceType("t", price_per_hour=0.5), initial_capacity=2)
    r = asim.simulate(trace, ep, [], min_capacity=2)
    assert list(r._core.hourly_instance_hours) == [2.0, 2.0, 2.0]
    p = asim.savings_plan(r, 0.3)
    assert p["commitment_per_hour"] == pytest.approx(0.7)
    assert p["with_plan_usd"] == pytest.approx(2.1) and p["utilization"] == pytest.approx(1.0)


def test_bad_arguments():
    with pytest.raises(asim.ConfigError, match="discount"):
        asim.savings_plan([1, 2], 1.5)
    with pytest.raises(asim.ConfigError, match=r"hourly_on_demand_usd\[1\]"):
        asim.savings_plan([1, -1], 0.3)
    with pytest.raises(asim.ConfigError, match="usage"):
        asim.savings_plan("abc", 0.3)
