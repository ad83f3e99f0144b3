"""simulate() from Python: the walkthrough, zero-copy columns, error mapping."""

import numpy as np
import pytest

import autoscalesim as asim


def walkthrough(**kwargs):
    # 2 instances, 2840 invocations/min, target 1000: one scale-out to 3 at 240 s, in service
    # after a 300 s start-up (540 s); see tests/cpp/test_target_tracking.cpp for the working.
    trace = asim.Trace.from_numpy(np.full(60, 2840.0), interval_s=60)
    endpoint = asim.Endpoint(
        asim.InstanceType("t", price_per_hour=1.0, workers=8, service_time_s=0.01),
        initial_capacity=2,
        startup=300,
    )
    kwargs.setdefault("max_capacity", 50)
    return asim.simulate(trace, endpoint, [asim.TargetTracking(target_value=1000)], **kwargs)


def test_walkthrough_from_python():
    r = walkthrough()
    acts = r.activities
    assert list(acts["start_s"]) == [240.0]
    assert list(acts["end_s"]) == [540.0]
    assert (acts["from"][0], acts["to"][0]) == (2, 3)
    # 2 instances for 3600 s + 1 from 240 s: 10560 instance-seconds at $1/h.
    assert r.summary["cost_usd"] == pytest.approx(10560 / 3600, rel=1e-12)
    tl = r.timeline
    assert len(tl) == 60
    assert tl["in_service"].iloc[9] == 3
    assert tl["metric"].iloc[9] == pytest.approx(2840 / 3)


def test_timeline_columns_are_views_of_simulator_memory():
    r = walkthrough()
    a = r.columns["served"]
    b = r.columns["served"]
    assert not a.flags.owndata  # a view, not a copy
    assert not a.flags.writeable
    assert np.shares_memory(a, b)  # both view the same C++ buffer
    assert a.__array_interface__["data"][0] == b.__array_interface__["data"][0]
    del r  # the view keeps the result alive
    assert a.sum() > 0


def test_same_seed_same_bits():
    a = walkthrough(seed=3).columns["p99_latency_s"]
    b = walkthrough(seed=3).columns["p99_latency_s"]
    assert a.tobytes() == b.tobytes()


@pytest.mark.parametrize(
    ("call", "exc", "text"),
    [
        (lambda: walkthrough(min_capacity=5, max_capacity=3), asim.ConfigError,
         "scaling.min_capacity: 5 is greater than scaling.max_capacity 3"),
        (lambda: asim.Trace.from_numpy([1.0, -1.0], interval_s=60), asim.TraceError,
         "interval 1 must be a finite number >= 0"),
        (lambda: asim.Trace.from_csv("/nonexistent/trace.csv"), OSError, "cannot open file"),
        (lambda: walkthrough(mode="exact"), asim.ConfigError, "mode: expected one of"),
    ],
)
def test_errors_map_to_python_exceptions(call, exc, text):
    with pytest.raises(exc, match=text):
        call()


def test_config_and_trace_errors_are_value_errors():
    assert issubclass(asim.ConfigError, ValueError)
    assert issubclass(asim.TraceError, ValueError)


def test_bundled_trace_loads(nasa_trace_path):
    trace = asim.Trace.from_csv(nasa_trace_path)
    stats = trace.stats()
    # traces/README.md: 39,692 rows, 1,891,672 requests, peak 405 per minute.
    assert len(trace) == 39692
    assert stats["total"] == 1891672
    assert stats["peak"] == 405
    series = trace.to_pandas()
    assert str(series.index[0]) == "1995-07-01 04:00:00+00:00"
