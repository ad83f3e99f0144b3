"""compare_deployments: each row is the deployment's own simulation, the month and plan columns
follow from it, feasibility follows the SLO, and bad arguments are named."""

import numpy as np
import pytest

import autoscalesim as asim

IT = asim.InstanceType("t", price_per_hour=0.5, workers=1, service_time_s=1.0, service_cv=0.5)


def small_trace():
    # Two busy hours (30 requests a minute) around a quiet hour, per minute.
    counts = np.concatenate([np.full(60, 30.0), np.zeros(60), np.full(60, 30.0)])
    return asim.Trace.from_numpy(counts, interval_s=60)


def test_rows_are_the_deployments_own_runs():
    trace = small_trace()
    cmp = asim.compare_deployments(trace, IT, slo_latency_s=120, seed=3)
    assert list(cmp.table.index) == ["real-time Min 1", "real-time Min 2",
                                     "inference component, scale to zero",
                                     "async, scale to zero"]
    # The default real-time deployment: target tracking at half an instance's throughput (30 a
    # minute for 1-s requests on one worker), run on its own, gives the same summary.
    own = asim.simulate(trace, asim.Endpoint(IT, initial_capacity=2, startup=360.0),
                        [asim.TargetTracking(target_value=30)], min_capacity=2,
                        max_capacity=10, slo_latency_s=120, mode="request", seed=3)
    row = cmp.table.loc["real-time Min 2"]
    assert row["cost_usd"] == own.summary["cost_usd"]
    assert row["p99_latency_s"] == own.summary["p99_latency_s"]
    # 3 hours simulated: a 30-day month is 240 times the run's cost.
    assert row["cost_per_month_usd"] == pytest.approx(240 * row["cost_usd"], rel=1e-12)
    # The asynchronous endpoint loses no request; the inference component fails the ones that
    # find no copy after the quiet hour.
    assert cmp.table.loc["async, scale to zero", "errors"] == 0
    assert cmp.results["async, scale to zero"].summary["served"] == \
        cmp.results["async, scale to zero"].summary["requests"]


def test_feasibility_and_the_savings_plan_columns():
    trace = small_trace()
    d = {"min 1": asim.Deployment.real_time(1, 30), "min 3": asim.Deployment.real_time(3, 30)}
    cmp = asim.compare_deployments(trace, IT, d, slo_latency_s=1e-3, discount=0.5, seed=3)
    assert not cmp.table["feasible"].any()  # no request completes within 1 ms
    loose = asim.compare_deployments(trace, IT, d, slo_latency_s=600, slo_target=0.5,
                                     max_error_rate=1.0, seed=3)
    assert loose.table["feasible"].all()
    # MinCapacity 3 holds 3 instances every hour: the best plan commits all of it at half price.
    row = cmp.table.loc["min 3"]
    hourly = np.asarray(cmp.results["min 3"]._core.hourly_instance_hours)
    assert hourly.min() >= 3
    plan = asim.savings_plan(cmp.results["min 3"], 0.5)
    assert row["commitment_per_hour"] == plan["commitment_per_hour"]
    assert row["cost_per_month_with_plan_usd"] == pytest.approx(
        plan["with_plan_usd"] * 240, rel=1e-12)
    assert row["cost_per_month_with_plan_usd"] < row["cost_per_month_usd"]


def test_plot_has_one_bar_per_deployment():
    cmp = asim.compare_deployments(small_trace(), IT, {"a": asim.Deployment.real_time(1, 30),
                                                       "b": asim.Deployment.real_time(2, 30)},
                                   slo_latency_s=60, discount=0.3, seed=1)
    fig = cmp.plot()
    ax = fig.axes[0]
    where = {t.get_text(): t.get_position()[1] for t in ax.get_yticklabels()}
    assert where["a"] > where["b"]  # the first row on top
    assert len(ax.patches) == 4  # on-demand and with-plan bars


def test_bad_arguments_are_named():
    with pytest.raises(asim.ConfigError, match="instance_type"):
        asim.compare_deployments(small_trace(), "ml.g4dn.xlarge")
    with pytest.raises(asim.ConfigError, match="deployments"):
        asim.compare_deployments(small_trace(), IT, {})
    with pytest.raises(asim.ConfigError, match=r"deployments\['x'\]"):
        asim.compare_deployments(small_trace(), IT, {"x": 3})


def test_a_searched_target_value_is_the_cheapest_feasible():
    # Two hours at 600 requests a minute (10/s) on 1-worker, 0.25-s instances, 5 at first: each
    # serves 240 a minute. TargetValue 1000 and 300 scale in to an overloaded fleet; 150 and
    # 100 keep 4 and 6 instances and meet a 4-s SLO. The search keeps the cheaper of those, and
    # its row is the run a plain deployment at that target gives.
    trace = asim.Trace.from_numpy(np.full(120, 600.0), interval_s=60)
    model = asim.InstanceType("ml.c5.xlarge", 0.204, 1, 0.25, 1.0)
    searched = asim.Deployment.real_time(1, 1000, 8)
    searched.endpoint["initial_capacity"] = 5
    searched.target_values = [1000, 300, 150, 100]
    cmp = asim.compare_deployments(trace, model, {"searched": searched}, mode="fluid",
                                   startup=60, slo_latency_s=4.0, slo_target=0.95, seed=1)
    row = cmp.table.loc["searched"]
    assert row["feasible"]
    costs = {}
    for v in (1000, 300, 150, 100):
        r = asim.simulate(trace, asim.Endpoint(model, initial_capacity=5, startup=60),
                          [asim.TargetTracking(v)], min_capacity=1, max_capacity=8,
                          slo_latency_s=4.0, slo_target=0.95, mode="fluid", seed=1)
        s = r.summary
        if s["p99_latency_s"] <= 4.0 and s["slo_attainment"] >= 0.95 and s["error_rate"] <= 0.01:
            costs[v] = s["cost_usd"]
    assert sorted(costs) == [100, 150]
    assert row["target_value"] == 150
    assert row["cost_usd"] == costs[150]
    with pytest.raises(asim.ConfigError, match=r"target_values: the first policy must be"):
        bad = asim.Deployment.real_time(1, 1000, 8)
        bad.policies = []
        bad.target_values = [10]
        asim.compare_deployments(trace, model, {"bad": bad}, mode="fluid")


def test_a_searched_target_value_is_chosen_by_the_cost_the_table_prices():
    # With a Savings Plan priced, the cheapest policy is the one cheapest with the plan: a run
    # that costs more on demand but keeps a steadier fleet can cost less with the plan sized for
    # it (tests/cpp/test_savings_plan.cpp works one by hand). Two fake runs rank each way.
    from types import SimpleNamespace

    from autoscalesim.deployments import _searched

    summaries = {10.0: {"cost_usd": 60.0, "cost_with_plan_usd": 48.0},
                 20.0: {"cost_usd": 72.0, "cost_with_plan_usd": 36.0}}

    def run(trace, d):
        s = {"requests": 100.0, "p99_latency_s": 1.0, "slo_attainment": 1.0, "error_rate": 0.0,
             **summaries[d.policies[0].target_value]}
        return SimpleNamespace(summary=s)

    d = asim.Deployment.real_time(1, 10, 8)
    d.target_values = [10, 20]
    args = (run, None, "x", 5.0, 0.9, 0.01)
    assert _searched(d, *args, "cost_usd")[0].policies[0].target_value == 10
    assert _searched(d, *args, "cost_with_plan_usd")[0].policies[0].target_value == 20


def test_a_deployment_without_requests_meets_the_slo():
    # Two hours of zeros: no latency to compare (p99 NaN), nothing missed.
    trace = asim.Trace.from_numpy(np.zeros(120), interval_s=60)
    cmp = asim.compare_deployments(trace, IT, {"rt": asim.Deployment.real_time(1, 30)},
                                   slo_latency_s=5, seed=3)
    row = cmp.table.loc["rt"]
    assert np.isnan(row["p99_latency_s"]) and row["errors"] == 0
    assert bool(row["feasible"])


def test_one_endpoint_per_model_reads_the_worst_model_that_served():
    # 4 requests over 10 models (Zipf): most models get none, and their p99 is NaN. The row's
    # p99 is the worst of the models that served one, wherever the empty ones are in the list.
    counts = np.zeros(60)
    counts[10] = 4
    trace = asim.Trace.from_numpy(counts, interval_s=60)
    model = asim.InstanceType("ml.m5.xlarge", 0.23, 4, 0.1, 1.0)
    cmp = asim.compare_deployments(
        trace, model, {"per": asim.Deployment.endpoint_per_model(models=10, max_capacity=1)},
        slo_latency_s=30, seed=5)
    runs = cmp.results["per"]
    served = [r.summary["p99_latency_s"] for r in runs if r.summary["served"] > 0]
    assert served and any(r.summary["served"] == 0 for r in runs)
    assert cmp.table.loc["per", "p99_latency_s"] == max(served)
