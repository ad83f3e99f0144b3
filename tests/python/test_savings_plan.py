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


def test_a_part_hour_counts_by_its_share():
    # The same fleet for 90 minutes: 1, then 0.5 USD in half an hour. The plan commits 0.7 USD/h
    # (as for whole hours) and charges 0.35 for the half hour: 1.05 USD, as the summary says.
    trace = asim.Trace.from_numpy(np.zeros(90), interval_s=60)
    ep = asim.Endpoint(asim.InstanceType("t", price_per_hour=0.5), initial_capacity=2,
                       savings_plan_discount=0.3)
    r = asim.simulate(trace, ep, [], min_capacity=2)
    assert list(r._core.hourly_on_demand_usd) == [1.0, 0.5]
    p = asim.savings_plan(r, 0.3)
    assert p["commitment_per_hour"] == pytest.approx(0.7)
    assert p["hours"] == 1.5
    assert p["with_plan_usd"] == pytest.approx(1.05)
    assert p["with_plan_usd"] == r.summary["cost_with_plan_usd"]
    # a sequence is whole hours unless told: the half hour would read as a quiet one
    assert asim.savings_plan([1.0, 0.5], 0.3)["with_plan_usd"] == pytest.approx(1.2)
    assert asim.savings_plan([1.0, 0.5], 0.3, hour_shares=[1, 0.5])["with_plan_usd"] == \
        pytest.approx(1.05)
    with pytest.raises(asim.ConfigError, match="hour_shares: a Result has its own"):
        asim.savings_plan(r, 0.3, hour_shares=[1, 0.5])
    with pytest.raises(asim.ConfigError, match=r"hour_shares\[1\]"):
        asim.savings_plan([1.0, 0.5], 0.3, hour_shares=[1, 2])


def test_bad_arguments():
    with pytest.raises(asim.ConfigError, match="discount"):
        asim.savings_plan([1, 2], 1.5)
    with pytest.raises(asim.ConfigError, match=r"hourly_on_demand_usd\[1\]"):
        asim.savings_plan([1, -1], 0.3)
    with pytest.raises(asim.ConfigError, match="usage"):
        asim.savings_plan("abc", 0.3)


def test_plan_under_growth_by_hand():
    # 2 instances for 10 hours at 1 USD/h whatever the traffic: 20 USD on demand at every
    # growth factor. A bought 2 USD/h at discount 0.5 covers up to 4 USD/h; 10 x 2 = 20 USD
    # paid, half used. The best commitment is 1 USD/h: 10 USD, so the regret is 10 USD.
    trace = asim.Trace.from_numpy(np.full(600, 30.0), interval_s=60)
    ep = asim.Endpoint(asim.InstanceType("t", price_per_hour=1.0), initial_capacity=2)
    g = asim.savings_plan_growth(trace, ep, [], discount=0.5, growth=(0.5, 2.0),
                                 commitment_per_hour=2.0, min_capacity=2, max_capacity=2)
    assert list(g.index) == [0.5, 2.0]
    assert list(g["on_demand_usd"]) == [20.0, 20.0]
    assert list(g["with_plan_usd"]) == [20.0, 20.0]
    assert list(g["utilization"]) == [0.5, 0.5]
    assert list(g["best_commitment_per_hour"]) == [1.0, 1.0]
    assert list(g["regret_usd"]) == [10.0, 10.0]
    # Sized on the trace as it is, the commitment is the whole profile: 1 USD/h, no regret.
    sized = asim.savings_plan_growth(trace, ep, [], discount=0.5, growth=(1.0,),
                                     min_capacity=2, max_capacity=2)
    assert sized["commitment_per_hour"].iloc[0] == 1.0 and sized["regret_usd"].iloc[0] == 0
    with pytest.raises(asim.ConfigError, match="growth: expected positive factors"):
        asim.savings_plan_growth(trace, ep, [], growth=(0, 1))


def test_plan_under_growth_follows_the_autoscaled_profile():
    # Target tracking scales the fleet with the traffic: more traffic, more instance-hours, and
    # the plan bought at factor 1 is used more fully as the traffic grows.
    day = asim.datasets.nasa_july_1995().slice(0, 24 * 60)
    ep = asim.Endpoint(asim.InstanceType("ml.g4dn.xlarge", 0.736, 1, 1.0, 0.5))
    g = asim.savings_plan_growth(day, ep, [asim.TargetTracking(30)], discount=0.3,
                                 growth=(0.5, 1.0, 2.0), min_capacity=1, max_capacity=20)
    assert g["on_demand_usd"].is_monotonic_increasing
    assert g["utilization"].is_monotonic_increasing
    assert g.loc[1.0, "regret_usd"] == 0
    assert (g["regret_usd"] >= 0).all()


def test_the_search_chooses_policy_and_commitment_together(nasa_trace_path):
    # With endpoint.savings_plan_discount each point's cost_with_plan_usd is its cost under its
    # own best commitment: what savings_plan() gives on that policy's run.
    two_days = asim.Trace.from_csv(nasa_trace_path).slice(0, 2 * 1440)
    ep = asim.Endpoint(asim.InstanceType("ml.g4dn.xlarge", 0.736, 1, 1.0, 0.5), startup=300,
                       savings_plan_discount=0.4)
    front = asim.optimize(two_days, ep, min_capacity=[1, 3], max_capacity=[8],
                          target_value=[20, 45], objectives=("cost_with_plan_usd",
                                                             "p99_latency_s"),
                          slo_latency_s=5.0, progress=False)
    pts = front.points
    assert len(pts) == 4
    for _, row in pts.iterrows():
        r = asim.simulate(two_days, ep, [asim.TargetTracking(row.target_value)],
                          min_capacity=int(row.min_capacity), max_capacity=8,
                          slo_latency_s=5.0, timeline=False)
        plan = asim.savings_plan(r, 0.4)
        assert row.cost_with_plan_usd == pytest.approx(plan["with_plan_usd"], rel=1e-9)
        assert r.summary["commitment_per_hour"] == pytest.approx(plan["commitment_per_hour"],
                                                                 rel=1e-9)
        assert row.cost_with_plan_usd < r.summary["cost_usd"]


def test_hours_are_utc_clock_hours():
    # 2 instances at 0.5 USD/h from 12:30 UTC for 2 hours: clock hours 12, 13 and 14 hold
    # 0.5, 1 and 0.5 USD, the first and last half hours. The best plan at 30 % off commits
    # 0.7 USD/h and charges the half hours half of it: 0.35 + 0.7 + 0.35 = 1.4 USD.
    start = 804_556_800 + 12.5 * 3600  # 1995-07-01 12:30 UTC
    trace = asim.Trace(np.zeros(120), 60, start)
    ep = asim.Endpoint(asim.InstanceType("t", price_per_hour=0.5), initial_capacity=2,
                       savings_plan_discount=0.3)
    r = asim.simulate(trace, ep, [], min_capacity=2)
    assert list(r._core.hourly_on_demand_usd) == [0.5, 1.0, 0.5]
    p = asim.savings_plan(r, 0.3)
    assert p["commitment_per_hour"] == pytest.approx(0.7, rel=1e-12)
    assert p["with_plan_usd"] == pytest.approx(1.4, rel=1e-12)
    assert p["with_plan_usd"] == pytest.approx(r.summary["cost_with_plan_usd"], rel=1e-12)
    assert asim._core.hour_shares(120 * 60_000, 30 * 60_000) == [0.5, 1.0, 0.5]
