"""The built-in policies besides target tracking (step scaling, scheduled actions, predictive
scaling, Kubernetes HPA, high-resolution target tracking) and the request mode's details
(arrival processes, arrival logs, service-time families, the queue limit) from Python: each gives
the summary the C++ structs give for the same configuration, and what its documented rule
predicts, computed independently here."""

import datetime as dt
import math
import pathlib
import pickle

import numpy as np
import pandas as pd
import pytest

import autoscalesim as asim
from autoscalesim import _core

ROOT = pathlib.Path(__file__).resolve().parents[2]
MINUTE = 60.0
HOUR = 3600.0
# 2024-05-01T00:00:00Z: the synthetic traces start at a UTC midnight (cron and predictive scaling
# look at the wall clock).
MIDNIGHT = 1714521600.0

# The C++ tests' endpoint: 8 workers of 10 ms per instance (800 requests/s), $1 per hour, 300 s
# start-up, so latency never matters for scaling.
INSTANCE = asim.InstanceType("test", price_per_hour=1.0, workers=8, service_time_s=0.01)


def endpoint(initial=1, **kwargs):
    return asim.Endpoint(INSTANCE, initial_capacity=initial, startup=300, **kwargs)


def per_minute(*blocks):
    """A per-minute trace from (minutes, requests per minute) blocks, starting at MIDNIGHT."""
    counts = np.concatenate([np.full(n, float(c)) for n, c in blocks])
    return asim.Trace.from_numpy(counts, interval_s=60, start_epoch_s=MIDNIGHT)


def core_run(trace, initial, min_capacity, max_capacity, mode="fluid", arrivals="poisson",
             **vectors):
    """The same run assembled from the C++ structs directly (the C++ path)."""
    sc = _core.Scenario()
    sc.traffic = trace._core
    e = _core.EndpointConfig()
    t = _core.InstanceType()
    t.name, t.price_per_hour, t.workers, t.service_time_s, t.service_cv = "test", 1.0, 8, 0.01, 1.0
    e.instance_type = t
    e.initial_capacity = initial
    e.startup = _core.StartupDistribution.fixed(300)
    sc.endpoint = e
    s = _core.ScalingConfig()
    s.min_capacity, s.max_capacity = min_capacity, max_capacity
    for name, configs in vectors.items():
        setattr(s, name, configs)
    sc.scaling = s
    sc.mode = getattr(_core.PlaneMode, mode)
    sc.arrivals = getattr(_core.ArrivalProcess, arrivals)
    return _core.simulate(sc)


def assert_same_run(result, core_result):
    assert result.summary == core_result.summary
    assert list(result._core.activities) == list(core_result.activities)


def fields_of(core):
    """A C++ struct's fields as plain Python values (nested structs and lists too)."""
    if isinstance(core, (bool, int, float, str)) or hasattr(core, "__members__"):  # enums too
        return core
    if isinstance(core, list):
        return [fields_of(v) for v in core]
    return {k: fields_of(getattr(core, k)) for k in dir(core)
            if not k.startswith("_") and not callable(getattr(core, k))}


@pytest.mark.parametrize("python, cpp", [
    (asim.TargetTracking, _core.TargetTrackingConfig),
    (asim.StepScaling, _core.StepScalingConfig),
    (asim.ScheduledAction, _core.ScheduledActionConfig),
    (asim.PredictiveScaling, _core.PredictiveConfig),
    (asim.HPA, _core.HpaConfig),
    (asim.HPAScalingRules, _core.HpaScalingRules),
    (asim.HPAScalingPolicy, _core.HpaScalingPolicy),
    (asim.StepAdjustment, _core.StepAdjustment),
    (asim.InstanceType, _core.InstanceType),
    (asim.Endpoint, _core.EndpointConfig),
])
def test_python_defaults_are_the_cpp_defaults(python, cpp):
    obj = python()
    core = obj._to_core("x") if python in (asim.HPAScalingRules, asim.HPAScalingPolicy,
                                            asim.StepAdjustment) else obj._to_core()
    assert fields_of(core) == fields_of(cpp())


# ---- step scaling ----

def test_step_scaling_exact_capacity_reaches_the_exact_capacity():
    # 2 instances at 3000/min: 1500 per instance > 1000 in minutes 0-2, published at 240 s: the
    # alarm fires and ExactCapacity sets 7; in service 300 s later.
    trace = per_minute((20, 3000))
    policy = asim.StepScaling(threshold=1000, adjustment="ExactCapacity",
                              steps=[asim.StepAdjustment(0, None, 7)])
    r = asim.simulate(trace, endpoint(2), [policy], max_capacity=20)
    acts = r.activities
    assert list(acts["start_s"]) == [240.0]
    assert list(acts["to"]) == [7]
    in_service = r.columns["in_service"]
    assert (in_service[9:] == 7).all()  # 240 + 300 s = minute 9
    assert (in_service[:4] == 2).all()

    c = _core.StepScalingConfig()
    c.threshold = 1000
    c.adjustment = _core.AdjustmentType.exact_capacity
    c.steps = [_core.StepAdjustment(0, math.inf, 7)]
    assert_same_run(r, core_run(trace, 2, 1, 20, step_scaling=[c]))


def test_step_scaling_change_in_capacity_steps_as_dicts_tuples_and_aws_keys():
    # 1 instance at 1800/min: 800 above the threshold 1000 -> the step [500, inf) adds 3.
    trace = per_minute((15, 1800))
    steps = [{"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 500,
              "ScalingAdjustment": 1},
             (500, None, 3)]
    r = asim.simulate(trace, endpoint(1), [asim.StepScaling(threshold=1000, steps=steps)],
                      max_capacity=10)
    assert list(r.activities["to"])[:1] == [4]
    snake = [{"lower_bound": 0, "upper_bound": 500, "adjustment": 1},
             asim.StepAdjustment(lower_bound=500, adjustment=3)]
    again = asim.simulate(trace, endpoint(1), [asim.StepScaling(threshold=1000, steps=snake)],
                          max_capacity=10)
    assert again.summary == r.summary

    c = _core.StepScalingConfig()
    c.threshold = 1000
    c.steps = [_core.StepAdjustment(0, 500, 1), _core.StepAdjustment(500, math.inf, 3)]
    assert_same_run(r, core_run(trace, 1, 1, 10, step_scaling=[c]))


# ---- scheduled actions ----

def test_scheduled_min_capacity_at_one_hour_keeps_five_in_service():
    trace = per_minute((120, 600))  # 600/min on 1 instance: target tracking never scales out
    tt = asim.TargetTracking(target_value=1000)
    action = asim.ScheduledAction(at=[HOUR], min_capacity=5, name="floor")
    r = asim.simulate(trace, endpoint(1), [tt, action], max_capacity=10)
    acts = r.activities
    assert list(acts["start_s"]) == [HOUR]
    assert list(acts["to"]) == [5]
    assert acts["cause"][0].startswith("floor")
    in_service = r.columns["in_service"]
    assert (in_service[:60] == 1).all()
    assert (in_service[65:] >= 5).all()  # the action at 60 min, 5 min start-up

    c = _core.ScheduledActionConfig()
    c.name, c.at_ms, c.min_capacity = "floor", [3_600_000], 5
    t = _core.TargetTrackingConfig()
    t.target_value = 1000
    assert_same_run(r, core_run(trace, 1, 1, 10, target_tracking=[t], scheduled=[c]))


@pytest.mark.parametrize("when", [
    dict(at=HOUR),
    dict(at=[dt.timedelta(hours=1)]),
    dict(at=[np.timedelta64(60, "m")]),
    dict(at=[pd.Timestamp("2024-05-01T01:00:00Z")]),
    dict(at=[dt.datetime(2024, 5, 1, 1, 0)]),  # naive: UTC
    dict(at=[dt.datetime(2024, 5, 1, 3, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))]),
    dict(at=[np.datetime64("2024-05-01T01:00")]),
    dict(at=["2024-05-01T01:00Z"]),
    dict(cron="0 1 * * *"),
])
def test_scheduled_times_relative_absolute_and_cron_agree(when):
    trace = per_minute((120, 600))
    expected = asim.simulate(trace, endpoint(1), [asim.ScheduledAction(at=[HOUR],
                                                                       min_capacity=5)])
    r = asim.simulate(trace, endpoint(1), [asim.ScheduledAction(min_capacity=5, **when)])
    assert list(r.activities["start_s"]) == [HOUR]
    assert r.summary == expected.summary


def test_scheduled_times_past_pandas_nanoseconds_are_read_to_the_millisecond():
    # pandas' nanoseconds end in 2262: the year 9999 raised OverflowError, a date the core holds
    far = asim.ScheduledAction(at=[dt.datetime(9999, 1, 1), "1960-05-01T10:00:00.1239Z"],
                               min_capacity=2)._to_core("policies[0]")
    assert list(far.at_epoch_ms) == [253_370_764_800_000, -305_128_799_877]
    assert list(asim.ScheduledAction(at=[dt.timedelta(seconds=90.5)], min_capacity=2)
                ._to_core().at_ms) == [90_500]


def test_scheduled_max_capacity_scales_in_at_once():
    trace = per_minute((30, 600))
    r = asim.simulate(trace, endpoint(6), [asim.ScheduledAction(at=600, max_capacity=2)],
                      max_capacity=10)
    assert list(r.activities["start_s"]) == [600.0]
    assert list(r.activities["to"]) == [2]
    assert (r.columns["desired"][10:] == 2).all()


# ---- Kubernetes HPA ----

def test_hpa_scales_by_the_ratio_of_metric_to_target():
    # CPU utilisation = busy workers / workers. 4 pods at 19200/min = 320/s: 3.2 busy of 32
    # workers = 10 %, the target: no change. From 10 min, 1.3 x the load: 13 %, so the HPA asks
    # ceil(4 x 13 / 10) = ceil(5.2) = 6 at its first sync after a window at the new load.
    # With 6 (2 pending pods count as 0 on a scale-up): 4 x 13 / (6 x 10) < 1: no change; once
    # they serve, 6 pods at 8.67 %: ceil(6 x 0.867) = 6: still no change.
    trace = per_minute((10, 19200), (20, 19200 * 1.3))
    r = asim.simulate(trace, endpoint(4), [asim.HPA(target_value=10)], max_capacity=20)
    acts = r.activities
    assert list(acts["from"]) == [4]
    assert list(acts["to"]) == [math.ceil(4 * 13 / 10)]
    assert 600 < acts["start_s"][0] <= 630
    assert r.columns["in_service"][-1] == 6

    h = _core.HpaConfig()
    h.target_value = 10
    assert_same_run(r, core_run(trace, 4, 1, 20, hpa=[h]))


def test_hpa_default_behavior_is_kubernetes_and_dicts_work():
    up, down = asim.HPAScalingRules.default_scale_up(), asim.HPAScalingRules.default_scale_down()
    assert up == asim.HPAScalingRules(0, "Max", [asim.HPAScalingPolicy("Percent", 100, 15),
                                                 asim.HPAScalingPolicy("Pods", 4, 15)])
    assert down == asim.HPAScalingRules(300, "Max", [asim.HPAScalingPolicy("Percent", 100, 15)])
    assert asim.HPA().scale_up == up and asim.HPA().scale_down == down
    # Twice the load: 20 % against 10 %, so ceil(4 x 2) = 8 pods are wanted. A scale-up limited
    # to 1 pod per minute (written as in a manifest) gets there one pod at a time: 4 -> 5 -> 6 ...
    trace = per_minute((10, 19200), (20, 19200 * 2))
    limited = asim.HPA(target_value=10, scale_up={
        "stabilizationWindowSeconds": 0, "selectPolicy": "Max",
        "policies": [{"type": "Pods", "value": 1, "periodSeconds": 60}]})
    r = asim.simulate(trace, endpoint(4), [limited], max_capacity=20)
    acts = r.activities
    assert list(acts["to"])[:2] == [5, 6]
    assert acts["start_s"][1] - acts["start_s"][0] == 60
    assert acts["to"].max() == 8
    default = asim.simulate(trace, endpoint(4), [asim.HPA(target_value=10)], max_capacity=20)
    assert list(default.activities["to"]) == [8]
    typed = asim.HPA(target_value=10, scale_up=asim.HPAScalingRules(
        policies=[asim.HPAScalingPolicy(type="Pods", value=1, period_s=60)]))
    assert asim.simulate(trace, endpoint(4), [typed], max_capacity=20).summary == r.summary


def test_hpa_rules_from_a_dict_keep_the_directions_defaults_for_missing_keys():
    # As a scenario file reads them: a field left out keeps autoscaling/v2's default for that
    # direction (scale-down: a 300-s window, 100 % per 15 s, Max). 0.4 times the load from
    # 10 min: 4 % against 10 %, so ceil(4 x 0.4) = 2 pods are wanted from the first sync after
    # it. With the default window the recommendation of 4 stays in it for 300 s: the first
    # scale-in comes 300 s after the last sync that still saw the load (600 s), at 900 s or the
    # sync after; with a window of 60 s, 60 s after it.
    trace = per_minute((10, 19200), (20, 19200 * 0.4))
    one_pod = {"policies": [{"type": "Pods", "value": 1, "periodSeconds": 15}]}
    r = asim.simulate(trace, endpoint(4), [asim.HPA(target_value=10, scale_down=one_pod)],
                      max_capacity=20)
    acts = r.activities
    assert list(acts["to"]) == [3, 2]  # one pod per 15 s
    assert 900 <= acts["start_s"][0] <= 915
    assert 15 <= acts["start_s"][1] - acts["start_s"][0] <= 30
    typed = asim.HPAScalingRules(300, "Max", [asim.HPAScalingPolicy("Pods", 1, 15)])
    assert asim.simulate(trace, endpoint(4), [asim.HPA(target_value=10, scale_down=typed)],
                         max_capacity=20).summary == r.summary
    # A window alone keeps the default policies (100 % per 15 s: 4 -> 2 at once); the class's
    # docstring example.
    short = asim.HPA(target_value=10, scale_down={"stabilizationWindowSeconds": 60})
    acts = asim.simulate(trace, endpoint(4), [short], max_capacity=20).activities
    assert list(acts["to"]) == [2]
    assert 660 <= acts["start_s"][0] <= 675
    asim.HPA(60, more_metrics=[("ConcurrentRequestsPerModel", 4)],
             scale_down={"stabilizationWindowSeconds": 60})._to_core()
    assert asim.HPA(scale_down={"selectPolicy": "Min"})._to_core().scale_down.policies[0].value \
        == 100


def test_a_start_up_dict_of_another_kind_starts_from_that_kinds_defaults():
    # A nested dict keeps its field's own default for missing keys, but one that changes the
    # kind starts afresh (as a scenario file does): a fixed cold start given for serverless,
    # whose default is lognormal, must not keep the lognormal's median.
    ep = asim.Endpoint(kind="serverless",
                       serverless={"cold_start": {"kind": "fixed", "fixed_s": 3}})
    cold = ep._to_core().serverless.cold_start
    assert (cold.kind.name, cold.fixed_s) == ("fixed", 3.0)
    same_kind = asim.Endpoint(kind="serverless", serverless={"cold_start": {"median_s": 2}})
    default = asim.Serverless()._to_core().cold_start
    kept = same_kind._to_core().serverless.cold_start
    assert (kept.kind, kept.median_s, kept.sigma) == (default.kind, 2.0, default.sigma)
    ic = asim.InferenceComponent(copy_startup={"kind": "lognormal", "median_s": 100})
    assert ic._to_core().copy_startup.median_s == 100


def test_hpa_with_two_metrics_takes_the_largest_and_names_a_bad_entry():
    # 4 pods at 10 % CPU (the target) ask for 4; at 1,200 invocations per 15-s window against
    # 600 they ask for ceil(2 x 4) = 8 at the first window (15 s): the HPA goes to 8 and stays.
    trace = per_minute((15, 19200))
    alone = asim.simulate(trace, endpoint(4), [asim.HPA(target_value=10)], max_capacity=20)
    assert len(alone.activities) == 0
    for more in ([("InvocationsPerInstance", 600)],
                 [{"metric": "InvocationsPerInstance", "target_value": 600}]):
        r = asim.simulate(trace, endpoint(4), [asim.HPA(target_value=10, more_metrics=more)],
                          max_capacity=20)
        assert list(r.activities["to"]) == [8]
        assert r.activities["start_s"][0] == 15
    # the same figure read as an External metric: 4800 invocations a window in all, against 600
    # per pod (AverageValue): ceil(4800 / 600) = 8
    ext = asim.HPA(metric="InvocationsPerInstance", source="external_average_value",
                   target_value=600)
    r = asim.simulate(trace, endpoint(4), [ext], max_capacity=20)
    assert list(r.activities["to"]) == [8]
    assert "external InvocationsPerInstance 4800" in r.activities["cause"][0]
    both = asim.HPA(target_value=10, more_metrics=[
        ("InvocationsPerInstance", 600, "external_average_value")])
    assert list(asim.simulate(trace, endpoint(4), [both], max_capacity=20).activities["to"]) == [8]
    with pytest.raises(asim.ConfigError, match=r"more_metrics\[0\].source"):
        asim.HPA(more_metrics=[("CPUUtilization", 50, "outside")])._to_core()
    with pytest.raises(asim.ConfigError, match=r"more_metrics\[0\].target_value"):
        asim.simulate(trace, endpoint(4), [asim.HPA(more_metrics=[("CPUUtilization", -1)])])
    with pytest.raises(asim.ConfigError, match=r"more_metrics\[0\]: expected a HPAMetric, a dict "
                       r"or a tuple \(metric, target_value, source\), got 'CPUUtilization'"):
        asim.simulate(trace, endpoint(4), [asim.HPA(more_metrics=["CPUUtilization"])])


# ---- predictive scaling ----

@pytest.fixture(scope="module")
def diurnal():
    # 3 days from midnight UTC: 600/min from 00:00 to 12:00, 6000/min from 12:00 to 24:00.
    return per_minute(*[(12 * 60, c) for _ in range(3) for c in (600, 6000)])


def test_predictive_forecast_only_changes_nothing(diurnal):
    tt = asim.TargetTracking(target_value=1000)
    alone = asim.simulate(diurnal, endpoint(1), [tt], max_capacity=10)
    only = asim.simulate(diurnal, endpoint(1),
                         [asim.PredictiveScaling(mode="ForecastOnly", scheduling_buffer_s=0), tt],
                         max_capacity=10)
    assert only.summary == alone.summary
    pd.testing.assert_frame_equal(only.activities, alone.activities)
    assert only.columns["in_service"].tobytes() == alone.columns["in_service"].tobytes()
    fc = only.forecast
    assert len(fc) == 48  # hours 24-71: no forecast before 24 h of history
    assert fc["hour_start_s"].iloc[0] == 24 * HOUR
    assert fc["hour"].iloc[0] == pd.Timestamp("2024-05-02T00:00Z")
    assert fc.loc[fc["hour_start_s"] == 36 * HOUR, "capacity"].item() == 6  # ceil(6000 / 1000)
    assert alone.forecast.empty


def test_predictive_forecast_and_scale_raises_capacity_before_the_peak(diurnal):
    alone = asim.simulate(diurnal, endpoint(1), [asim.TargetTracking(target_value=1000)],
                          max_capacity=10)
    # Launch 10 minutes ahead of the hour: ceil(6000 / 1000) = 6 instances in service 5 minutes
    # before 12:00 on days 2 and 3, where target tracking alone still has 1 (it only reacts to
    # the peak, 4 minutes after it started).
    pred = asim.PredictiveScaling(target_per_instance=1000, scheduling_buffer_s=600)
    ahead = asim.simulate(diurnal, endpoint(1), [pred], max_capacity=10)
    for day in (1, 2):
        noon = (day * 24 + 12) * 60
        assert alone.columns["in_service"][noon - 1] == 1
        assert (ahead.columns["in_service"][noon - 5:noon + 60] == 6).all()
        assert alone.activities["start_s"].iloc[2 * day] == noon * 60 + 240
    assert list(ahead.activities["start_s"]) == [36 * HOUR - 600]
    assert ahead.summary["under_provisioned_share"] <= alone.summary["under_provisioned_share"]

    # Beside target tracking, the forecast raise comes at the same time (target tracking's
    # AlarmLow, in alarm all morning, may take it back before the peak: the core's rule).
    tt = asim.TargetTracking(target_value=1000)
    both = asim.simulate(diurnal, endpoint(1), [pred, tt], max_capacity=10)
    acts = both.activities
    first = acts[acts["cause"].str.startswith("predictive")].iloc[0]
    assert (first["start_s"], first["end_s"], first["to"]) == (36 * HOUR - 600,
                                                               36 * HOUR - 300, 6)
    p = _core.PredictiveConfig()
    p.target_per_instance, p.scheduling_buffer_s = 1000, 600
    t = _core.TargetTrackingConfig()
    t.target_value = 1000
    assert_same_run(both, core_run(diurnal, 1, 1, 10, target_tracking=[t], predictive=[p]))


def test_predictive_increase_max_capacity(diurnal):
    honor = asim.simulate(diurnal, endpoint(1), [asim.PredictiveScaling()], max_capacity=4)
    assert honor.activities["to"].max() == 4
    raise_max = asim.PredictiveScaling(breach="IncreaseMaxCapacity",
                                       max_capacity_buffer_percent=10)
    r = asim.simulate(diurnal, endpoint(1), [raise_max], max_capacity=4)
    assert r.activities["to"].max() == 6


# ---- high-resolution target tracking ----

def test_high_resolution_target_tracking_has_the_cpp_settings():
    hr = asim.TargetTracking.high_resolution(4)
    core = _core.TargetTrackingConfig.high_resolution(4)
    assert (hr.metric, hr.period_s, hr.publish_delay_s) == ("ConcurrentRequestsPerModel", 10, 10)
    assert (hr.low_evaluation_periods, hr.low_datapoints_to_alarm) == (90, 90)
    assert hr.name == core.name and hr.target_value == 4
    assert asim.TargetTracking.high_resolution(4, scale_in_cooldown_s=600).scale_in_cooldown_s \
        == 600
    # A burst of concurrency: the 10-second alarm scales out well before the 1-minute one would.
    trace = per_minute((5, 6000), (20, 60000))
    ep = asim.Endpoint(asim.InstanceType("slow", price_per_hour=1.0, workers=8,
                                         service_time_s=0.05), initial_capacity=2, startup=300)
    # per-minute traffic under 10-second alarms: simulated, with a warning that names both
    with pytest.warns(asim.CoarseTraceWarning, match="trace's 60 s interval is coarser than the "
                      "10 s metric period of target tracking on ConcurrentRequestsPerModel"):
        hi = asim.simulate(trace, ep, [hr], max_capacity=40)
    standard = asim.simulate(trace, ep, [asim.TargetTracking(4, "ConcurrentRequestsPerModel")],
                             max_capacity=40)
    assert hi.activities["start_s"].iloc[0] < standard.activities["start_s"].iloc[0]
    assert hi.activities["start_s"].iloc[0] <= 5 * MINUTE + 30 + 10 + 10


# ---- request mode ----

def test_uniform_counts_request_mode_has_the_fluid_modes_activities_and_cost():
    # A documented property of the core: with evenly spaced arrivals the request mode sees the
    # same counts, so target tracking takes the same decisions. No scale-in here: request mode
    # would also bill the drain of a scaled-in instance.
    trace = per_minute((10, 600), (20, 3000), (10, 4500))
    policies = [asim.TargetTracking(target_value=1000, disable_scale_in=True)]
    fluid = asim.simulate(trace, endpoint(1), policies, max_capacity=10)
    request = asim.simulate(trace, endpoint(1), policies, max_capacity=10, mode="request",
                            arrivals="uniform_counts")
    assert len(fluid.activities) >= 2
    pd.testing.assert_frame_equal(request.activities, fluid.activities)
    assert request.summary["cost_usd"] == pytest.approx(fluid.summary["cost_usd"], rel=1e-12)
    assert request.summary["requests"] == fluid.summary["requests"] == trace.stats()["total"]
    assert request.summary["scale_out_count"] == fluid.summary["scale_out_count"]
    t = _core.TargetTrackingConfig()
    t.target_value, t.disable_scale_in = 1000, True
    assert request.summary == core_run(trace, 1, 1, 10, "request", "uniform_counts",
                                       target_tracking=[t]).summary
    poisson = asim.simulate(trace, endpoint(1), policies, max_capacity=10, mode="request")
    assert poisson.summary["requests"] != request.summary["requests"]  # seeded Poisson counts


def test_poisson_counts_keeps_uniform_counts_per_minute_and_scaling_at_random_times():
    # Fractional counts (x 0.37): both processes round the cumulative count the same way, so every
    # minute holds the same requests and target tracking on them takes the same decisions; only
    # the times within a minute differ (random, seeded), and random times queue more. One worker
    # of 50 ms per instance (1200 requests per minute), tracked at 500: utilisation about 0.4.
    trace = per_minute((10, 600), (20, 3000), (10, 4500)).scaled(0.37)
    slow = asim.Endpoint(asim.InstanceType("t", price_per_hour=1.0, workers=1,
                                           service_time_s=0.05), startup=300)
    policies = [asim.TargetTracking(target_value=500, disable_scale_in=True)]
    kwargs = dict(max_capacity=10, mode="request")
    even = asim.simulate(trace, slow, policies, arrivals="uniform_counts", **kwargs)
    drawn = asim.simulate(trace, slow, policies, arrivals="poisson_counts", **kwargs)
    assert len(even.activities) >= 2
    pd.testing.assert_frame_equal(drawn.activities, even.activities)
    np.testing.assert_array_equal(drawn.timeline["arrivals"], even.timeline["arrivals"])
    assert drawn.summary["requests"] == even.summary["requests"] == round(trace.stats()["total"])
    assert drawn.summary["cost_usd"] == pytest.approx(even.summary["cost_usd"], rel=1e-12)
    assert drawn.summary["mean_latency_s"] > even.summary["mean_latency_s"]
    again = asim.simulate(trace, slow, policies, arrivals="poisson_counts", **kwargs)
    assert again.summary == drawn.summary
    other = asim.simulate(trace, slow, policies, arrivals="poisson_counts", seed=2, **kwargs)
    assert other.summary["mean_latency_s"] != drawn.summary["mean_latency_s"]
    assert other.summary["requests"] == drawn.summary["requests"]
    assert set(asim.simulation.ARRIVALS) == set(_core.ArrivalProcess.__members__)


def test_service_samples_are_a_1_d_list_for_the_empirical_family_only():
    # neighbours of the refused inputs: a list, a 1-D array, an empty list with any family
    for samples in ([0.1, 0.3], np.array([0.1, 0.3]), (0.1, 0.3)):
        core = asim.InstanceType("x", service="empirical", service_samples_s=samples)._to_core()
        assert list(core.service_samples_s) == [0.1, 0.3]
    for family in ("fitted", "lognormal", "gamma", "exponential", "deterministic"):
        core = asim.InstanceType("x", service=family, service_samples_s=[])._to_core()
        assert core.service.name == family
    column = np.array([[0.1], [0.3]])  # never flattened
    with pytest.raises(asim.ConfigError, match=r"service_samples_s: expected a 1-D list, got a "
                                               r"2-D array of shape \(2, 1\)"):
        asim.InstanceType("x", service="empirical", service_samples_s=column)._to_core()
    # refused as the instance type is made; in an endpoint's dict, as the endpoint is
    with pytest.raises(asim.ConfigError, match=r"^InstanceType.service_samples_s: "
                                               r"expected no samples with service 'gamma'"):
        asim.InstanceType("x", service="gamma", service_samples_s=[0.1])
    with pytest.raises(asim.ConfigError, match=r"^Endpoint.instance_type.service_samples_s: "
                                               r"expected no samples with service 'gamma'"):
        asim.Endpoint({"name": "x", "service": "gamma", "service_samples_s": [0.1]})


def test_empirical_service_samples():
    samples = [0.05, 0.15, 0.05, 0.15]
    typ = asim.InstanceType("measured", price_per_hour=1.0, workers=8, service="empirical",
                            service_samples_s=np.array(samples))
    core = typ._to_core()
    assert core.service == _core.ServiceFamily.empirical
    assert core.mean_service_s() == pytest.approx(0.1)
    assert core.effective_cv() == pytest.approx(np.std(samples) / np.mean(samples))
    trace = per_minute((10, 600))  # 10/s on 8 workers: nobody waits, latency = service time
    r = asim.simulate(trace, asim.Endpoint(typ, startup=300), mode="request",
                      arrivals="uniform_counts")
    assert r.summary["requests"] == 6000
    assert r.summary["served"] + r.summary["in_flight_at_end"] == 6000
    assert r.summary["mean_latency_s"] == pytest.approx(0.1, rel=0.05)
    assert r.summary["p99_latency_s"] == pytest.approx(0.15, rel=0.05)
    assert r.summary["p50_latency_s"] <= 0.15 * 1.05
    # The fluid mode uses the samples' mean and cv: the same as the fitted family with them.
    fitted = asim.InstanceType("measured", price_per_hour=1.0, workers=8,
                               service_time_s=core.mean_service_s(),
                               service_cv=core.effective_cv())
    a = asim.simulate(trace, asim.Endpoint(typ, startup=300))
    b = asim.simulate(trace, asim.Endpoint(fitted, startup=300))
    for key in ("mean_latency_s", "p99_latency_s", "cost_usd"):
        assert a.summary[key] == pytest.approx(b.summary[key], rel=1e-9)


@pytest.mark.parametrize("family", ["deterministic", "exponential", "lognormal", "gamma"])
def test_service_families_keep_the_mean(family):
    typ = asim.InstanceType("t", price_per_hour=1.0, workers=8, service_time_s=0.1,
                            service_cv=0.5, service=family)
    r = asim.simulate(per_minute((10, 600)), asim.Endpoint(typ, startup=300), mode="request")
    assert r.summary["mean_latency_s"] == pytest.approx(0.1, rel=0.1)
    if family == "deterministic":
        assert r.summary["p99_latency_s"] == pytest.approx(0.1, rel=0.02)


def test_max_queue_throttles_in_request_mode():
    # 1 instance of 8 workers at 10 ms: 800/s; 1200/s arrive.
    trace = per_minute((5, 72000))
    free = asim.simulate(trace, endpoint(1), mode="request", arrivals="uniform_counts")
    limited = asim.simulate(trace, endpoint(1, max_queue=0), mode="request",
                            arrivals="uniform_counts")
    assert free.summary["throttled"] == 0
    assert limited.summary["throttled"] > 0.2 * limited.summary["requests"]
    assert limited.summary["errors"] >= limited.summary["throttled"]


def test_max_queue_zero_in_fluid_mode_is_erlang_b():
    # 1 instance of 8 workers at 10 ms offered 1200/s: A = 1200 x 0.01 = 12 erlangs on 8
    # workers. Erlang B(8, 12) by its recursion B(k) = A B(k-1) / (k + A B(k-1)), B(0) = 1.
    b = 1.0
    for k in range(1, 9):
        b = 12 * b / (k + 12 * b)
    trace = per_minute((60, 72000))
    r = asim.simulate(trace, endpoint(1, max_queue=0))
    assert r.summary["throttled"] / r.summary["requests"] == pytest.approx(b, rel=1e-3)
    assert r.summary["errors"] == pytest.approx(r.summary["throttled"], rel=1e-12)
    with pytest.raises(asim.ConfigError, match=r"endpoint\.max_queue.*\"mode\": \"request\""):
        asim.simulate(trace, endpoint(1, max_queue=3))


def test_arrival_log_replays_every_request():
    rng = np.random.default_rng(7)
    times = MIDNIGHT + np.sort(rng.uniform(0, 30 * MINUTE, 5000))
    trace = asim.Trace.from_arrivals(times, interval_s=60)
    assert trace.start_epoch_s == MIDNIGHT and len(trace) == 30
    assert trace.counts.sum() == 5000
    log = trace.arrival_log_ms
    assert log.dtype == np.int64 and not log.flags.writeable
    np.testing.assert_array_equal(log, np.round(times * 1000).astype(np.int64)
                                  - int(MIDNIGHT * 1000))
    r = asim.simulate(trace, endpoint(1), [asim.TargetTracking(target_value=100)],
                      mode="request", arrivals="log")
    assert r.summary["requests"] == 5000
    np.testing.assert_array_equal(r.columns["arrivals"], trace.counts)
    # Slices and splits keep their part of the log; pickling keeps it.
    first, rest = trace.split(0.5)
    assert len(first.arrival_log_ms) + len(rest.arrival_log_ms) == 5000
    assert rest.arrival_log_ms.sum() == (log[log >= 15 * 60_000] - 15 * 60_000).sum()
    assert trace.slice(3, 2).arrival_log_ms.size == trace.counts[3:5].sum()
    assert pickle.loads(pickle.dumps(trace)).arrival_log_ms.tobytes() == log.tobytes()
    assert trace.scaled(2).arrival_log_ms is None
    # datetimes work too
    again = asim.Trace.from_arrivals(pd.to_datetime(times, unit="s"), interval_s=60)
    np.testing.assert_array_equal(again.counts, trace.counts)


def test_access_log_keeps_arrivals_for_log_mode():
    path = ROOT / "tests" / "data" / "access_log" / "nasa_sample.log"
    counts_only = asim.Trace.from_access_log(path, interval_s=60)
    kept = asim.Trace.from_access_log(path, interval_s=60, keep_arrivals=True)
    assert counts_only.arrival_log_ms is None
    np.testing.assert_array_equal(kept.counts, counts_only.counts)
    assert kept.start_epoch_s == counts_only.start_epoch_s
    assert kept.arrival_log_ms.size == counts_only.counts.sum()
    r = asim.simulate(kept, endpoint(1), mode="request", arrivals="log")
    assert r.summary["requests"] == kept.arrival_log_ms.size
    with pytest.raises(asim.ConfigError, match="arrivals: 'log' .* keep_arrivals=True"):
        asim.simulate(counts_only, endpoint(1), mode="request", arrivals="log")


# ---- errors name the field ----

# A value of the wrong type, an unknown name or key is refused as the policy is made, naming the
# class and the field; a value out of range, or a rule across fields, when it is simulated, naming
# the policy's place in the list or its C++ path.
@pytest.mark.parametrize("policy, match", [
    (lambda: asim.StepScaling(adjustment="Bogus", steps=[(0, None, 1)]),
     r"StepScaling\.adjustment: expected one of change_in_capacity, exact_capacity, "
     r"percent_change_in_capacity, got 'Bogus'"),
    (lambda: asim.StepScaling(alarm_comparison="=>", steps=[(0, None, 1)]),
     r"StepScaling\.alarm_comparison: expected one of greater, less, greater_or_equal, "
     r"less_or_equal"),
    (lambda: asim.StepScaling(threshold="high", steps=[(0, None, 1)]),
     r"StepScaling\.threshold: expected a number, got str 'high'"),
    (lambda: asim.StepScaling(steps=[(0, None, 1.5)]),
     r"StepScaling\.steps\[0\]\.adjustment: expected an integer"),
    (lambda: asim.StepScaling(steps=[5]), r"StepScaling\.steps\[0\]: expected a StepAdjustment"),
    (lambda: asim.StepScaling(steps=[{"lower": 0, "adjustment": 1}]),
     r"StepScaling\.steps\[0\]: unknown key 'lower'"),
    (lambda: asim.StepScaling(steps=[]), r"scaling\.step_scaling\[step-scaling\]\.steps"),
    (lambda: asim.StepScaling(metric="QueueDepth", steps=[(0, None, 1)]),
     r"StepScaling\.metric: unknown metric \"QueueDepth\""),
    (lambda: asim.ScheduledAction(at=["tomorrow-ish"], min_capacity=2),
     r"ScheduledAction\.at\[0\]: expected seconds .* or a date and time, got 'tomorrow-ish'"),
    (lambda: asim.ScheduledAction(at=[object()], min_capacity=2), r"ScheduledAction\.at\[0\]"),
    (lambda: asim.ScheduledAction(cron="61 * * * *", min_capacity=2),
     r"scaling\.scheduled\[scheduled\]\.cron"),
    (lambda: asim.ScheduledAction(at=[60]), r"scaling\.scheduled\[scheduled\]\.min_capacity"),
    (lambda: asim.PredictiveScaling(mode="Forecast"),
     r"PredictiveScaling\.mode: expected one of forecast_and_scale, forecast_only, got "
     r"'Forecast'"),
    (lambda: asim.PredictiveScaling(seasonality="monthly"), r"PredictiveScaling\.seasonality"),
    (lambda: asim.PredictiveScaling(breach="Ignore"),
     r"PredictiveScaling\.breach: expected one of honor"),
    (lambda: asim.PredictiveScaling(min_history_s=3600),
     r"scaling\.predictive\[predictive\]\.min_history"),
    (lambda: asim.HPA(scale_up={"stabilizationWindowSecs": 5}),
     r"HPA\.scale_up: unknown key 'stabilizationWindowSecs'"),
    (lambda: asim.HPA(scale_down={"selectPolicy": "Largest", "policies": []}),
     r"HPA\.scale_down\.select: expected one of max, min, disabled"),
    (lambda: asim.HPA(scale_up={"policies": [{"type": "Nodes", "value": 1}]}),
     r"HPA\.scale_up\.policies\[0\]\.type: expected one of pods, percent"),
    (lambda: asim.HPA(scale_up=[1]), r"HPA\.scale_up: expected a HPAScalingRules or a dict"),
    (lambda: asim.HPA(target_value=0), r"scaling\.hpa\[hpa\]\.target_value"),
    (lambda: asim.HPA(legacy="yes"), r"HPA\.legacy: expected True or False"),
    (lambda: asim.TargetTracking(target_value=[1]),
     r"TargetTracking\.target_value: expected a number"),
    (lambda: asim.TargetTracking(name=""), r"TargetTracking\.name: expected a non-empty name"),
    # set after the policy was made: named where simulate converts it
    (lambda: _set(asim.StepScaling(steps=[(0, None, 1)]), adjustment="Bogus"),
     r"policies\[1\]\.adjustment: expected one of change_in_capacity"),
    (lambda: _set(asim.TargetTracking(30), target_value="30"),
     r"policies\[1\]\.target_value: expected a number, got str '30'"),
    (lambda: _set(asim.TargetTracking(30), name=""),
     r"policies\[1\]\.name: expected a non-empty name"),
    (lambda: "TargetTracking", r"policies\[1\]: expected TargetTracking, .* got str"),
])
def test_bad_policies_raise_config_errors_naming_the_field(policy, match):
    with pytest.raises(asim.ConfigError, match=match):
        asim.simulate(per_minute((5, 100)), endpoint(1),
                      [asim.TargetTracking(target_value=100), policy()])


def _set(obj, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


@pytest.mark.parametrize("kwargs, match", [
    (lambda: dict(endpoint=asim.Endpoint(asim.InstanceType(service="weibull"))),
     r"InstanceType\.service: expected one of fitted, exponential"),
    (lambda: dict(endpoint=asim.Endpoint(asim.InstanceType(service="empirical"))),
     r"service_samples_s"),
    (lambda: dict(endpoint=asim.Endpoint(asim.InstanceType(service="empirical",
                                                           service_samples_s=[0.1, -1]))),
     r"service_samples_s\[1\]"),
    (lambda: dict(endpoint=asim.Endpoint(max_queue=-2)), r"endpoint\.max_queue"),
    (lambda: dict(endpoint=asim.Endpoint(max_queue=1.5)),
     r"Endpoint\.max_queue: expected an integer"),
    (lambda: dict(mode="request", arrivals="bursty"),
     r"arrivals: expected one of poisson, uniform_counts, log, poisson_counts, got "
     r"'bursty'"),
])
def test_bad_request_mode_settings_raise_config_errors_naming_the_field(kwargs, match):
    with pytest.raises(asim.ConfigError, match=match):
        settings = kwargs()
        settings.setdefault("endpoint", endpoint(1))
        asim.simulate(per_minute((5, 100)), **settings)


def test_unknown_keyword_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match="threshhold"):
        asim.StepScaling(threshhold=5)


def test_bad_arrival_times_are_trace_errors():
    with pytest.raises(asim.TraceError, match=r"times\[2\]"):
        asim.Trace.from_arrivals([0.0, 5.0, 1.0])
    with pytest.raises(asim.TraceError, match="non-empty"):
        asim.Trace.from_arrivals([])


# ---- optimize and Dask with these policies in the base policy list ----

ALL_KINDS = [
    asim.StepScaling(threshold=200, alarm_comparison="less", steps=[(None, 0, -1)], name="step-in"),
    asim.ScheduledAction(at=[HOUR], min_capacity=2, name="floor"),
    asim.PredictiveScaling(mode="ForecastOnly"),
    asim.HPA(target_value=50, metric="ConcurrentRequestsPerModel",
             scale_down={"stabilizationWindowSeconds": 60,
                         "policies": [{"type": "Pods", "value": 1, "periodSeconds": 60}]}),
    asim.TargetTracking.high_resolution(6),
]


def test_policies_pickle_and_compare_equal():
    for p in [*ALL_KINDS, asim.StepAdjustment(0, 1, 2), asim.HPAScalingRules(),
              asim.HPAScalingPolicy()]:
        assert pickle.loads(pickle.dumps(p)) == p


# ALL_KINDS has a 10-second high-resolution policy on these 1-minute traces: warned, on purpose.
@pytest.mark.filterwarnings("ignore::autoscalesim.CoarseTraceWarning")
def test_optimize_with_fixed_policies_matches_simulate():
    trace = per_minute((60, 600), (60, 3000), (60, 1200))
    front = asim.optimize(trace, endpoint(1), min_capacity=[1, 2], max_capacity=10,
                          target_value=[500, 1000], fixed_policies=ALL_KINDS, progress=False)
    assert len(front.points) == 4
    for _, row in front.points.iterrows():
        r = asim.simulate(trace, endpoint(1),
                          [asim.TargetTracking(target_value=row.target_value), *ALL_KINDS],
                          min_capacity=int(row.min_capacity), max_capacity=10)
        assert row.cost_usd == r.summary["cost_usd"]
        assert row.scale_out_count == r.summary["scale_out_count"]
    best = front.best()
    assert best.policies[1:] == ALL_KINDS
    assert best.simulate().summary["cost_usd"] == best.summary["cost_usd"]
    with pytest.raises(asim.ConfigError, match=r"fixed_policies\[0\]: expected a built-in"):
        asim.optimize(trace, endpoint(1), target_value=[500], fixed_policies=[object()],
                      progress=False)


# ALL_KINDS has a 10-second high-resolution policy on these 1-minute traces: warned, on purpose.
@pytest.mark.filterwarnings("ignore::autoscalesim.CoarseTraceWarning")
def test_dask_with_fixed_policies_is_identical_to_local():
    distributed = pytest.importorskip("dask.distributed")
    trace = per_minute((60, 600), (60, 3000), (60, 1200))
    space = dict(min_capacity=[1, 2], max_capacity=10, target_value=[500, 1000],
                 fixed_policies=ALL_KINDS, progress=False)
    local = asim.optimize(trace, endpoint(1), **space)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client:
        remote = asim.optimize(trace, endpoint(1), client=client, chunk_size=2, **space)
    pd.testing.assert_frame_equal(local.points, remote.points, check_exact=True)


def test_a_described_field_reaches_python_without_python_code():
    """treat_missing_data is declared in the C++ struct and its description only."""
    from autoscalesim import _core

    assert "treat_missing_data" in [f["name"] for f in _core.TargetTrackingConfig.FIELDS]
    tt = asim.TargetTracking(30, treat_missing_data="notBreaching")
    assert tt._to_core().treat_missing_data.name == "not_breaching"
    assert asim.TargetTracking().treat_missing_data == "missing"
    with pytest.raises(asim.ConfigError, match="treat_missing_data: expected one of"):
        asim.TargetTracking(treat_missing_data="sometimes")._to_core()
    core = _core.TargetTrackingConfig(target_value=30.0, low_evaluation_periods=10)
    assert (core.target_value, core.low_evaluation_periods) == (30.0, 10)
    with pytest.raises(TypeError, match="unexpected keyword argument 'target'"):
        _core.TargetTrackingConfig(target=30.0)


def test_any_searchable_field_is_a_dimension():
    # 4000/min needs 4 instances at target 1000; then 2400/min is 600 per instance: below
    # AlarmLow at 0.9 (900), so ceil(4 x 0.6) = 3, but above it at 0.5 (500): no scale-in.
    trace = per_minute((60, 4000), (120, 2400))
    front = asim.optimize(trace, endpoint(4), target_value=1000, max_capacity=8,
                          low_threshold_fraction=[0.5, 0.9], progress=False)
    points = front.points.sort_values("low_threshold_fraction")
    assert list(points["low_threshold_fraction"]) == [0.5, 0.9]
    assert list(points["scale_in_count"]) == [0, 1]
    for _, row in points.iterrows():
        by_hand = asim.simulate(trace, endpoint(4), [asim.TargetTracking(
            1000, low_threshold_fraction=row["low_threshold_fraction"])], max_capacity=8,
            timeline=False)
        assert by_hand.summary["cost_usd"] == row["cost_usd"]


def test_step_scaling_takes_treat_missing_data():
    """A step policy's alarm takes CloudWatch's TreatMissingData: ModelLatency has no datapoint
    once traffic stops, and "breaching" fills those periods in as breaching (docs/semantics.md,
    Alarms)."""
    assert "treat_missing_data" in [f["name"] for f in _core.StepScalingConfig.FIELDS]
    trace = asim.Trace([600] + [0] * 29, interval_s=60)
    ep = asim.Endpoint(asim.InstanceType("t", 1.0, workers=8, service_time_s=0.01),
                       initial_capacity=2, startup=asim.Startup.fixed(300))
    runs = {}
    for treat in ("notBreaching", "breaching"):
        step = asim.StepScaling(name="latency", metric="ModelLatency", threshold=0.005,
                                steps=[(0, None, 1)], treat_missing_data=treat)
        runs[treat] = asim.simulate(trace, ep, [step], mode="request", arrivals="uniform_counts")
    assert runs["notBreaching"].summary["scale_out_count"] == 0
    assert runs["breaching"].summary["scale_out_count"] == 1


def test_min_capacity_zero_on_a_variant_warns():
    """AWS keeps a SageMaker variant at 1 instance or more: MinCapacity 0 on a real-time endpoint
    with a policy is simulated (an EC2 Auto Scaling group can empty) with a CapacityWarning that
    says so; an asynchronous endpoint scales to zero on AWS too, so it has none."""
    import warnings

    trace = asim.Trace([600] * 20 + [0] * 40, interval_s=60)
    tt = asim.TargetTracking(target_value=100)
    with pytest.warns(asim.CapacityWarning, match=r"scaling\.min_capacity is 0, but AWS keeps a "
                      r"SageMaker endpoint variant at 1 instance or more"):
        r = asim.simulate(trace, asim.Endpoint(), [tt], min_capacity=0)
    assert r.summary["requests"] == 12_000
    night = asim.ScheduledAction(at=1800, min_capacity=0, name="night")
    with pytest.warns(asim.CapacityWarning, match=r"scaling\.scheduled\[night\]\.min_capacity"):
        asim.simulate(trace, asim.Endpoint(), [tt, night])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        asim.simulate(trace, asim.Endpoint(kind="asynchronous"),
                      [asim.TargetTracking(metric="ApproximateBacklogSizePerInstance",
                                           target_value=5)], min_capacity=0)
        asim.simulate(trace, asim.Endpoint(), [], min_capacity=0)  # nothing scales


def test_a_scheduled_action_across_the_other_bound_fails_and_says_so():
    """MinCapacity 15 alone under MaxCapacity 10 fails as AWS fails it ("include both sizes"):
    nothing changes, and the run says so once (Result.notes, a ScheduleWarning)."""
    trace = asim.Trace([3000] * 40, interval_s=60)
    up = asim.ScheduledAction(at=600, min_capacity=15, name="up")
    with pytest.warns(asim.ScheduleWarning, match=r"scaling\.scheduled\[up\]: failed 1 time "
                      r"\(first at 600 s of the trace\): it sets MinCapacity 15 alone"):
        r = asim.simulate(trace, asim.Endpoint(initial_capacity=4),
                          [asim.TargetTracking(target_value=1000), up], max_capacity=10)
    assert len(r.notes) == 1
    assert r.activities["to"].max() <= 10


def test_an_empty_forecast_has_the_columns_types():
    """Without predictive scaling the forecast is empty, with the same column types as a full
    one (it had object columns), so code written for one works on the other."""
    empty = asim.simulate(asim.Trace([10] * 30), asim.Endpoint(), [asim.TargetTracking()]).forecast
    assert len(empty) == 0
    assert {c: str(t) for c, t in empty.dtypes.items()
            if c in ("made_s", "hour_start_s", "load_per_minute", "capacity")} == {
        "made_s": "float64", "hour_start_s": "float64", "load_per_minute": "float64",
        "capacity": "int64"}
