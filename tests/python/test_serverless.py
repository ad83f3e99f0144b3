"""Serverless endpoints from Python: the Serverless settings, cold starts and the bill per
GB-second (hand-worked as in tests/cpp/test_serverless.cpp), and the serverless row of
compare_deployments."""

import math

import numpy as np
import pytest

import autoscalesim as asim


def three_requests(**serverless):
    # Requests at 0, 10 and 612 s on a 2-GB serverless endpoint, 1-s requests, 4-s cold starts.
    trace = asim.Trace.from_arrivals([0, 10, 612], interval_s=60)  # 11 minutes
    ep = asim.Endpoint(
        asim.InstanceType("serverless", workers=1, service_time_s=1.0, service_cv=0.0,
                          service="deterministic"),
        kind="serverless", initial_capacity=0,
        serverless=asim.Serverless(**{"memory_mb": 2048, "max_concurrency": 2,
                                      "cold_start": 4, **serverless}))
    return asim.simulate(trace, ep, [], min_capacity=0, max_capacity=1, mode="request",
                         arrivals="log", slo_latency_s=10)


def test_cold_start_warm_reuse_and_the_bill():
    # 0 s: cold (4 s), served at 5 s; 10 s: warm, 1 s; 612 s: warm until 611 s only, so cold.
    # 3 s of compute at 2 GB x 0.00002 USD per GB-second.
    s = three_requests().summary
    assert s["cold_starts"] == 2
    assert s["mean_latency_s"] == pytest.approx((5 + 1 + 5) / 3, rel=1e-12)
    assert s["cost_usd"] == pytest.approx(3 * 2 * 0.00002, rel=1e-12)
    assert s["instance_hours"] == 0
    # Kept warm 20 minutes, the third request finds its container: one cold start.
    assert three_requests(keep_warm_s=1200).summary["cold_starts"] == 1


def test_bad_settings_name_the_field():
    with pytest.raises(asim.ConfigError, match=r"endpoint\.serverless\.memory_mb"):
        three_requests(memory_mb=1500)
    with pytest.raises(asim.ConfigError, match=r"endpoint\.serverless\.max_concurrency"):
        three_requests(max_concurrency=0)


def test_compare_deployments_prices_a_serverless_row():
    # One request a minute for a day, 2-s requests: the serverless row bills 1440 x 2 s at
    # 4 GB x 0.00002 USD per GB-second, 60 x 2 x 4 x 0.00002 = 0.0096 USD every hour. Every hour
    # alike, the best 30 % plan commits 0.7 x 0.0096 = 0.00672 USD/h and covers all of it.
    trace = asim.Trace.from_numpy(np.ones(1440), interval_s=60)
    model = asim.InstanceType("ml.c5.xlarge", 0.204, 1, 2.0, 0.0, service="deterministic")
    cmp = asim.compare_deployments(
        trace, model,
        {"real-time": asim.Deployment.real_time(1, 30, 1),
         "serverless": asim.Deployment.serverless(memory_mb=4096, max_concurrency=5)},
        slo_latency_s=30, slo_target=0.9, discount=0.3, arrivals="uniform_counts", seed=1)
    row = cmp.table.loc["serverless"]
    assert row["cost_usd"] == pytest.approx(1440 * 2 * 4 * 0.00002, rel=1e-9)
    assert row["commitment_per_hour"] == pytest.approx(0.7 * 0.0096, rel=1e-9)
    assert row["cost_per_month_with_plan_usd"] == pytest.approx(
        0.7 * row["cost_per_month_usd"], rel=1e-9)
    run = cmp.results["serverless"]
    np.testing.assert_allclose(run._core.hourly_on_demand_usd, np.full(24, 0.0096), rtol=1e-9)
    assert asim.savings_plan(run, 0.3)["with_plan_usd"] == pytest.approx(24 * 0.00672, rel=1e-9)
    assert row["cold_starts"] >= 1 and row["errors"] == 0
    rt = cmp.table.loc["real-time"]
    assert rt["cost_usd"] == pytest.approx(24 * 0.204, rel=1e-9)
    assert rt["cold_starts"] == 0 and not math.isnan(rt["commitment_per_hour"])
