"""Asynchronous endpoints and inference components from Python: the keywords, the wake-up from
zero, the summary's idle hours (hand-worked figures as in tests/cpp/test_async_endpoint.cpp and
tests/cpp/test_inference_components.cpp)."""

import numpy as np
import pytest

import autoscalesim as asim


def one_request_after_an_hour(mode="request", wake_up=True, **endpoint):
    # 90 quiet minutes but one request at 3600 s; 1-worker instances serving it in exactly 2 s,
    # starting in 300 s, at 3.6 USD/h; no instance at first.
    counts = np.zeros(90)
    counts[60] = 1
    trace = asim.Trace.from_numpy(counts, interval_s=60)
    ep = asim.Endpoint(
        asim.InstanceType("t", price_per_hour=3.6, workers=1, service_time_s=2.0,
                          service_cv=0.0, service="deterministic"),
        initial_capacity=0, startup=300, **endpoint)
    wake = asim.StepScaling(
        name="wake-up", metric="HasBacklogWithoutCapacity", threshold=1,
        alarm_comparison="GreaterThanOrEqualToThreshold", evaluation_periods=2,
        datapoints_to_alarm=2, adjustment="change_in_capacity", cooldown_s=300,
        steps=[{"lower_bound": 0, "adjustment": 1}])
    return asim.simulate(trace, ep, [wake] if wake_up else [], min_capacity=0, max_capacity=2,
                         mode=mode,
                         arrivals="uniform_counts" if mode == "request" else "poisson",
                         slo_latency_s=1000)


def test_async_endpoint_wakes_from_zero():
    r = one_request_after_an_hour(kind="async")
    s = r.summary
    # uniform_counts places the minute's one request in its middle, 3630 s, so
    # HasBacklogWithoutCapacity averages 0.5 over [3600, 3660) and 1 over the next two minutes:
    # the alarm (>= 1, 2 of 2) fires when [3720, 3780) is published at 3840 s; the instance is
    # in service at 4140 s and serves the request until 4142 s.
    assert list(r.activities["start_s"]) == [3840.0]
    assert s["served"] == 1 and s["errors"] == 0
    assert s["mean_latency_s"] == pytest.approx(4142 - 3630, rel=1e-12)
    assert s["cost_usd"] == pytest.approx((5400 - 3840) / 3600 * 3.6, rel=1e-12)
    assert s["idle_instance_hours"] == pytest.approx((5400 - 4140 - 2) / 3600, rel=1e-12)

def test_async_endpoint_wakes_from_zero_in_fluid_mode():
    # The same schedule; the fluid mode spreads the request over [3600, 3660) and starts it over
    # the 2 s the instance takes at its capacity, so its wait is spread over
    # [4140 - 3600, 4142 - 3660]: mean 511 s, latency 513 s.
    r = one_request_after_an_hour(mode="fluid", kind="async")
    s = r.summary
    assert list(r.activities["start_s"]) == [3840.0]
    assert s["served"] == pytest.approx(1, rel=1e-12) and s["errors"] == 0
    assert s["mean_latency_s"] == pytest.approx(513, rel=1e-12)
    assert s["cost_usd"] == pytest.approx((5400 - 3840) / 3600 * 3.6, rel=1e-12)


def test_real_time_endpoint_fails_at_zero():
    # A real-time endpoint publishes no HasBacklogWithoutCapacity: the wake-up is refused there.
    with pytest.raises(asim.ConfigError, match=r"HasBacklogWithoutCapacity is published for an "
                                               r"endpoint of kind \"async\" only"):
        one_request_after_an_hour()
    s = one_request_after_an_hour(wake_up=False).summary
    assert s["served"] == 0 and s["errors"] == 1 and s["cost_usd"] == 0


def test_async_limits_are_checked():
    trace = asim.Trace.from_numpy(np.ones(5), interval_s=60)
    with pytest.raises(asim.ConfigError, match=r"endpoint\.request_ttl_s.*\[60, 21600\]"):
        asim.simulate(trace, asim.Endpoint(asim.InstanceType("t"), kind="async",
                                           request_ttl_s=30), [], mode="request")
    assert asim.Endpoint(asim.InstanceType("t"), kind="asynchronous").kind == "async"


def test_inference_component_scales_to_zero_and_wakes():
    # One request at 3600 s finds no copy and fails; NoCapacityInvocationFailures (>= 1, 1 of 1)
    # adds a copy at 3720 s: a new instance (in service at 4020 s) and the copy's load (4140 s).
    # The request at 4200 s is served in 2 s. Billed: 3720 s to 5400 s at 3.6 USD/h.
    counts = np.zeros(90)
    counts[60] = counts[70] = 1
    trace = asim.Trace.from_numpy(counts, interval_s=60)
    ep = asim.Endpoint(
        asim.InstanceType("t", price_per_hour=3.6, workers=1, service_time_s=2.0,
                          service_cv=0.0, service="deterministic"),
        initial_capacity=0, startup=300, kind="inference_component",
        inference_component=asim.InferenceComponent(copy_startup=120, max_instances=2))
    wake = asim.StepScaling(
        name="wake-up", metric="NoCapacityInvocationFailures", threshold=1,
        alarm_comparison=">=", evaluation_periods=1, datapoints_to_alarm=1,
        steps=[{"lower_bound": 0, "adjustment": 1}])
    r = asim.simulate(trace, ep, [wake], min_capacity=0, max_capacity=2)
    assert list(r.activities["start_s"]) == [3720.0]
    assert list(r.activities["end_s"]) == [4140.0]
    s = r.summary
    assert s["errors"] == pytest.approx(1, rel=1e-9)
    assert s["cost_usd"] == pytest.approx((5400 - 3720) / 3600 * 3.6, rel=1e-12)
    assert ep.inference_component.scale_in == "idle_release"


def test_inference_component_limits_are_checked():
    trace = asim.Trace.from_numpy(np.ones(5), interval_s=60)
    ep = asim.Endpoint(asim.InstanceType("t"), kind="inference_component",
                       inference_component=asim.InferenceComponent(max_instances=2))
    with pytest.raises(asim.ConfigError, match=r"scaling\.max_capacity: 10 copies do not fit"):
        asim.simulate(trace, ep, [], max_capacity=10)
    with pytest.raises(asim.ConfigError, match=r"inference_component\.cooldown_min"):
        asim.simulate(trace, asim.Endpoint(asim.InstanceType("t"), kind="inference_component",
                                           inference_component={"cooldown_min": 1}), [])


def test_a_payload_beyond_the_kinds_limit_is_refused():
    # 100 MB fits an asynchronous request (up to 1 GB through S3), not InvokeEndpoint's 6 MB.
    assert one_request_after_an_hour(kind="async", payload_kb=100 * 1024).summary["served"] == 1
    with pytest.raises(asim.ConfigError, match=r"endpoint\.payload_kb: 102400 KB is more than "
                                               r"6 MB .*asynchronous inference takes up to 1 GB"):
        one_request_after_an_hour(payload_kb=100 * 1024)
