"""simulate() from Python: the walkthrough, zero-copy columns, error mapping."""

import numpy as np
import pytest

import autoscalesim as asim


def walkthrough_endpoint():
    return asim.Endpoint(
        asim.InstanceType("t", price_per_hour=1.0, workers=8, service_time_s=0.01),
        initial_capacity=2,
        startup=300,
    )


def walkthrough(policies_extra=(), **kwargs):
    # 2 instances, 2840 invocations/min, target 1000: one scale-out to 3 at 240 s, in service
    # after a 300 s start-up (540 s); see tests/cpp/test_target_tracking.cpp for the working.
    trace = asim.Trace.from_numpy(np.full(60, 2840.0), interval_s=60)
    kwargs.setdefault("max_capacity", 50)
    policies = [asim.TargetTracking(target_value=1000), *policies_extra]
    return asim.simulate(trace, walkthrough_endpoint(), policies, **kwargs)


def test_walkthrough_from_python():
    r = walkthrough()
    acts = r.activities
    assert list(acts["start_s"]) == [240.0]
    assert list(acts["end_s"]) == [540.0]
    assert (acts["from"][0], acts["to"][0]) == (2, 3)
    # one unit for both ends (pandas chose microseconds for one and nanoseconds for the other)
    assert acts["start"].dtype == acts["end"].dtype == "datetime64[ns, UTC]"
    assert (acts["end"] - acts["start"]).dt.total_seconds().tolist() == [300.0]
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


def test_margins_bound_the_settings_that_repeat_the_run():
    r = walkthrough(margins=True)
    m = r.margins
    # By hand (walkthrough above): 1420 invocations per instance on 2 instances. AlarmHigh
    # breaches for any TargetValue below 1420, and ceil(2 x 1420 / TV) = 3 needs TV >= 2840 / 3.
    # On 3 instances the metric is 946.67: above TV it would scale out again, and AlarmLow's
    # proposal, ceil(2840 / TV), stays 3 (no scale-in) for any TV below 1420. So TV in
    # [946.67, 1420), to rounding.
    lo, hi = m["target_value"]
    assert lo == pytest.approx(2840 / 3, rel=1e-9)
    assert hi == pytest.approx(1420, rel=1e-9)
    assert hi < 1420
    # The scale-out to 3 sets MaxCapacity's lowest; no scale-in, so the scale-in cooldown is free.
    assert m["max_capacity"] == (3, float("inf"))
    assert m["scale_in_cooldown_s"] == (0, float("inf"))

    # The same run at both ends (the activities' cause text names the TargetValue).
    def outcome(res):
        return res.summary, res.activities.drop(columns="cause").to_dict(), res.columns["desired"]

    summary, acts, desired = outcome(r)
    for tv in (lo, hi):
        again = outcome(
            asim.simulate(
                r.trace, walkthrough_endpoint(), [asim.TargetTracking(tv)], max_capacity=3
            )
        )
        assert again[:2] == (summary, acts)
        assert again[2].tobytes() == desired.tobytes()
    # None unless asked for, and for a run not scaled by one target-tracking policy alone.
    assert walkthrough().margins is None
    step = asim.StepScaling(threshold=5000, steps=[(0, None, 1)])
    assert walkthrough(margins=True, policies_extra=[step]).margins is None
    with pytest.raises(TypeError, match="margins: expected True or False"):
        walkthrough(margins="yes")


def test_activities_have_the_same_column_types_with_no_row():
    with_rows = walkthrough().activities
    none = asim.simulate(asim.Trace(np.full(5, 10.0), 60), walkthrough_endpoint(),
                         [asim.TargetTracking(target_value=1000)]).activities
    assert len(with_rows) == 1 and len(none) == 0
    assert none.dtypes.to_dict() == with_rows.dtypes.to_dict()
    assert str(none["start"].dtype) == "datetime64[ns, UTC]"


def test_an_slo_no_fleet_meets_is_a_caveat_python_does_not_warn_of():
    # exponential service of 0.5 s: an idle instance serves 86.47 % within 1 s, short of 99 %;
    # every interval with traffic is under-provisioned, and the caveat says why (no warning:
    # pytest runs with warnings as errors)
    ep = asim.Endpoint(asim.InstanceType("x", 1.0, 1, 0.5, 1.0), initial_capacity=3)
    trace = asim.Trace(np.full(30, 120.0), 60)
    r = asim.simulate(trace, ep, [], min_capacity=3, max_capacity=3, slo_latency_s=1.0)
    assert r.summary["under_provisioned_share"] == 1
    sc = asim.simulation.build_scenario(trace, ep, [], asim.simulation.RunSettings(
        min_capacity=3, max_capacity=3))
    assert [c.kind for c in sc.caveats()] == ["slo"]
    assert "an idle instance serves 86.47 % within it" in sc.caveats()[0].text
    r = asim.simulate(trace, ep, [], min_capacity=3, max_capacity=3, slo_latency_s=5.0)
    assert r.summary["under_provisioned_share"] == 0


def test_empty_paths_are_refused_not_read_as_the_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = walkthrough()
    with pytest.raises(ValueError, match="directory: expected a folder name, got ''"):
        r.to_files("")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(asim.ConfigError, match="trace: expected a file or folder name, got ''"):
        asim.load_scenario("s.json", trace="")
