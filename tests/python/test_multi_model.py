"""Multi-model endpoints from Python: the MultiModel settings, the cache figures (hand-worked as
in tests/cpp/test_multi_model.cpp), and a multi-model endpoint against one endpoint per model in
compare_deployments."""

import pathlib
import pickle

import numpy as np
import pandas as pd
import pytest

import autoscalesim as asim


def one_instance(**settings):
    # One 1-worker instance with room for every model of its memory; 1-s requests at a steady
    # 1 per 10 s for 30 minutes; 2-s loads.
    trace = asim.Trace.from_numpy(np.full(30, 6.0), interval_s=60)
    ep = asim.Endpoint(
        asim.InstanceType("ml.m5.xlarge", 0.23, 1, 1.0, 0.0, service="deterministic"),
        kind="multi_model", initial_capacity=1,
        multi_model=asim.MultiModel(**{"models": 3, "model_size_gb": 1, "load_base_s": 2,
                                       "load_s_per_gb": 0, **settings}))
    return asim.simulate(trace, ep, [], min_capacity=1, max_capacity=1, mode="request",
                         arrivals="uniform_counts", slo_latency_s=10, seed=3)


def test_every_model_loads_once_when_memory_holds_them():
    # 180 requests, evenly spaced (10 s apart: no queueing), 3 models that all fit: each loads
    # once (a 2-s wait), every other request hits.
    s = one_instance(instance_memory_gb=3).summary
    assert s["requests"] == 180 and s["served"] == 180
    assert s["model_loads"] == 3
    assert s["model_cache_hit_rate"] == pytest.approx(177 / 180, rel=1e-12)
    assert s["mean_model_load_wait_s"] == pytest.approx(2, rel=1e-12)
    assert s["mean_latency_s"] == pytest.approx((180 + 3 * 2) / 180, rel=1e-12)


def test_without_caching_every_request_loads():
    s = one_instance(instance_memory_gb=3, caching=False).summary
    assert s["model_loads"] == 180 and s["model_cache_hit_rate"] == 0
    assert s["mean_latency_s"] == pytest.approx(3, rel=1e-12)


def test_models_of_different_sizes():
    # Sizes 1, 2 and 1 GB in 4 GB: all three fit, each loads once, in 2 s + 1 s per GB.
    s = one_instance(instance_memory_gb=4, model_sizes_gb=[1.0, 2.0, 1.0],
                     load_s_per_gb=1).summary
    assert s["model_loads"] == 3
    assert s["mean_model_load_wait_s"] == pytest.approx((3 + 4 + 3) / 3, rel=1e-12)
    with pytest.raises(asim.ConfigError, match=r"endpoint\.multi_model\.model_sizes_gb\[1\]"):
        one_instance(instance_memory_gb=3, model_sizes_gb=[1.0, 4.0, 1.0])
    # In 3 GB the three do not fit together: the 2-GB model and the others evict each other.
    tight = one_instance(instance_memory_gb=3, model_sizes_gb=[1.0, 2.0, 1.0],
                         load_s_per_gb=1).summary
    assert tight["model_loads"] > 3


def test_bad_settings_name_the_field():
    with pytest.raises(asim.ConfigError, match=r"endpoint\.multi_model\.model_size_gb"):
        one_instance(model_size_gb=20)
    with pytest.raises(asim.ConfigError, match=r"endpoint\.multi_model\.model_weights"):
        one_instance(model_weights=[1.0, 2.0])


def test_compare_a_multi_model_endpoint_with_one_endpoint_per_model():
    # 10 models, Zipf 1, 1 request per second for 2 hours. One endpoint per model at
    # MinCapacity 1 bills 10 instances x 2 h; the multi-model endpoint, 1 instance x 2 h with
    # room for every model: 10 loads.
    trace = asim.Trace.from_numpy(np.full(120, 60.0), interval_s=60)
    model = asim.InstanceType("ml.m5.xlarge", 0.23, 4, 0.1, 1.0)
    cmp = asim.compare_deployments(
        trace, model,
        {"multi-model": asim.Deployment.multi_model(models=10, instance_memory_gb=16,
                                                   min_capacity=1, max_capacity=1),
         "one per model": asim.Deployment.endpoint_per_model(models=10, max_capacity=1)},
        slo_latency_s=30, slo_target=0.9, discount=0.3, seed=5)
    mm, per = cmp.table.loc["multi-model"], cmp.table.loc["one per model"]
    assert mm["cost_usd"] == pytest.approx(2 * 0.23, rel=1e-9)
    assert per["cost_usd"] == pytest.approx(10 * 2 * 0.23, rel=1e-9)
    assert per["instance_hours"] == pytest.approx(20, rel=1e-9)
    assert cmp.results["multi-model"].summary["model_loads"] == 10
    assert len(cmp.results["one per model"]) == 10
    total = sum(r.summary["requests"] for r in cmp.results["one per model"])
    assert abs(total - 7200) < 5 * np.sqrt(7200)  # Poisson: the shares sum to the trace
    # The plan on the summed flat profile covers all of it: 10 x 0.23 x (1 - 0.3) an hour.
    assert per["cost_per_month_with_plan_usd"] == pytest.approx(
        per["cost_per_month_usd"] * 0.7, rel=1e-6)


def replay_on_room_for_two(trace):
    # A trace's logged requests and models on one 1-worker instance with room for two of three
    # 1-GB models, 2-s loads, 1-s requests.
    ep = asim.Endpoint(
        asim.InstanceType("ml.m5.xlarge", 0.23, 1, 1.0, 0.0, service="deterministic"),
        kind="multi_model", initial_capacity=1,
        multi_model=asim.MultiModel(models=3, model_size_gb=1, instance_memory_gb=2,
                                    load_base_s=2, load_s_per_gb=0))
    return asim.simulate(trace, ep, [], min_capacity=1, max_capacity=1, mode="request",
                         arrivals="log", slo_latency_s=10).summary


def test_per_request_models_replayed_from_a_log():
    # The hand-worked sequence of tests/cpp/test_multi_model.cpp: one instance with room for
    # two 1-GB models, 2-s loads, 1-s requests for A, A, B, C, A, B every 10 s: 5 loads, 1 hit,
    # mean latency 16 / 6 s. The models survive a slice that keeps every request.
    trace = asim.Trace.from_arrivals([0, 10, 20, 30, 40, 50, 119], interval_s=60,
                                     models=[0, 0, 1, 2, 0, 1, 1])
    assert list(trace.arrival_models) == [0, 0, 1, 2, 0, 1, 1]
    first = trace.slice(0, 1)
    assert list(first.arrival_models) == [0, 0, 1, 2, 0, 1]
    s = replay_on_room_for_two(first)
    assert s["model_loads"] == 5
    assert s["model_cache_hit_rate"] == pytest.approx(1 / 6, rel=1e-12)
    assert s["mean_latency_s"] == pytest.approx(16 / 6, rel=1e-12)
    with pytest.raises(asim.TraceError, match=r"models: expected one model per arrival time"):
        asim.Trace.from_arrivals([0, 1], models=[0])
    with pytest.raises(asim.TraceError, match=r"models\[1\]: expected an integer >= 0"):
        asim.Trace.from_arrivals([0, 1], models=[0, -1])
    bad = asim.Trace.from_arrivals([0, 1], models=[0, 7])
    with pytest.raises(asim.ConfigError, match=r"arrival_models\[1\]: expected a model in"):
        replay_on_room_for_two(bad)


def test_an_access_log_names_each_requests_model(tmp_path):
    # The six requests of tests/data/access_log/models.log: (0, a), (10, a), (20, b), (30, c),
    # (40, a), (50, b) s on one instance with room for two of the three models: a loads, a hits,
    # b loads, c evicts a, a evicts b, b evicts c: 5 loads, latencies 3, 1, 3, 3, 3, 3 s.
    log = pathlib.Path(__file__).parents[1] / "data" / "access_log" / "models.log"
    trace = asim.Trace.from_access_log(log, interval_s=60, model_field=True)
    assert list(trace.arrival_models) == [0, 0, 1, 2, 0, 1]
    assert trace.model_names == ("cust-a", "cust-b", "cust-c")
    assert list(trace.arrival_log_ms) == [0, 10_000, 20_000, 30_000, 40_000, 50_000]
    kept = pickle.loads(pickle.dumps(trace))
    assert kept.model_names == trace.model_names
    assert list(kept.arrival_models) == list(trace.arrival_models)
    s = replay_on_room_for_two(trace)
    assert s["model_loads"] == 5
    assert s["mean_latency_s"] == pytest.approx(16 / 6, rel=1e-12)
    bad = tmp_path / "bad.log"
    bad.write_text("2024-05-01T10:00:00Z,a\n2024-05-01T10:00:01Z\n")
    with pytest.raises(asim.TraceError, match=r"bad\.log:2: expected TIME,MODEL"):
        asim.Trace.from_access_log(bad, model_field=True)


def test_per_model_counts_per_interval():
    # Two minutes, three models: 5, 1, 0 requests, then 2, 0, 3. Each interval's requests keep
    # their model and fall within it; the trace counts the rows' sums.
    counts = np.array([[5, 1, 0], [2, 0, 3]])
    trace = asim.Trace.from_model_counts(counts, interval_s=60, seed=7)
    assert list(trace.counts) == [6.0, 5.0]
    times, models = trace.arrival_log_ms, trace.arrival_models
    assert np.all(np.diff(times) >= 0) and times[0] >= 0 and times[-1] < 120_000
    back, _, _ = np.histogram2d(times // 60_000, models, bins=[[0, 1, 2], [0, 1, 2, 3]])
    np.testing.assert_array_equal(back, counts)
    again = asim.Trace.from_model_counts(counts, interval_s=60, seed=7)
    np.testing.assert_array_equal(again.arrival_log_ms, times)
    # On one 1-worker instance with room for all three 1-GB models, each model loads once
    # (the first of its requests): 3 loads, 8 hits in 11.
    ep = asim.Endpoint(
        asim.InstanceType("ml.m5.xlarge", 0.23, 1, 1.0, 0.0, service="deterministic"),
        kind="multi_model", initial_capacity=1,
        multi_model=asim.MultiModel(models=3, model_size_gb=1, instance_memory_gb=3,
                                    load_base_s=2, load_s_per_gb=0))
    s = asim.simulate(trace, ep, [], min_capacity=1, max_capacity=1, mode="request",
                      arrivals="log", slo_latency_s=10).summary
    assert s["served"] == 11 and s["model_loads"] == 3
    assert s["model_cache_hit_rate"] == pytest.approx(8 / 11, rel=1e-12)
    # A DataFrame with a regular DatetimeIndex gives the start and the interval.
    frame = pd.DataFrame({"a": [1, 0], "b": [0, 2]},
                         index=pd.date_range("2024-05-01T10:00Z", periods=2, freq="5min"))
    t = asim.Trace.from_model_counts(frame)
    assert t.interval_s == 300 and t.start_epoch_s == 1714557600
    assert sorted(t.arrival_models) == [0, 1, 1]
    assert t.model_names == ("a", "b") and t.slice(1, 1).model_names == ("a", "b")
    assert trace.model_names is None
    with pytest.raises(asim.TraceError, match=r"counts\[1\]\[2\]: expected a whole number >= 0"):
        asim.Trace.from_model_counts([[1, 0, 0], [0, 1, 0.5]])
    with pytest.raises(asim.TraceError, match=r"counts: expected a 2-D table"):
        asim.Trace.from_model_counts([1, 2, 3])
