"""A multi-model endpoint against one endpoint per model: a SaaS serving one small model per
customer, replayed on NASA July 1995 (27.6 days, 1.89 million requests) in request mode
(Poisson arrivals, seed 42) with asim.compare_deployments (docs/deployments.md has the results).

- 200 models of 0.5 GB, requested by Zipf's law (s = 1: the most popular model gets 17 % of
  the requests, the 100 least popular 12 % together); 0.2-s requests (cv 1).
- Multi-model endpoint: ml.m5.4xlarge (0.922 USD/h, 4 workers, 48 GB for models: 96 models per
  instance), downloads and loads of 1 s + 10 s per GB, loads again from the instance's volume
  of 1 s + 2 s per GB (the defaults), MinCapacity 2, MaxCapacity 6, target tracking at 600
  invocations per instance per minute; and the same with 24 GB for models (48 per instance).
- One endpoint per model: ml.m5.large (0.115 USD/h, 2 workers), MinCapacity 1, MaxCapacity 2,
  target tracking at 300, each on its model's share of the trace.
Start-up lognormal, median 300 s. SLO: 2 s for 95 % of requests.

Run: python bench/compare_multi_model.py (after pip install ".[test]").
"""

from __future__ import annotations

import time

from run_fluid_bench import cpu_model

import autoscalesim as asim


def main() -> None:
    print(f"machine: {cpu_model()}; request mode, Poisson arrivals, seed 42\n")
    trace = asim.datasets.nasa_july_1995()
    model = asim.InstanceType("ml.m5.4xlarge", 0.922, 4, 0.2, 1.0)
    small = {"name": "ml.m5.large", "price_per_hour": 0.115, "workers": 2}
    per_model = asim.Deployment.endpoint_per_model(models=200, zipf_s=1.0, min_capacity=1,
                                                   target_value=300, max_capacity=2)
    per_model.instance_type = small
    deployments = {
        "multi-model, 48 GB for models": asim.Deployment.multi_model(
            models=200, model_size_gb=0.5, instance_memory_gb=48, min_capacity=2,
            target_value=600, max_capacity=6),
        "multi-model, 24 GB for models": asim.Deployment.multi_model(
            models=200, model_size_gb=0.5, instance_memory_gb=24, min_capacity=2,
            target_value=600, max_capacity=6),
        "one endpoint per model (200)": per_model,
    }
    t0 = time.perf_counter()
    cmp = asim.compare_deployments(trace, model, deployments,
                                   startup=asim.Startup.lognormal(300, 0.2), slo_latency_s=2.0,
                                   slo_target=0.95, discount=0.3, seed=42)
    elapsed = time.perf_counter() - t0
    print(f"NASA July ({elapsed:.1f} s for the {len(deployments)} deployments, 202 runs)")
    print("| deployment | USD/month | with a 30 % plan | instance-h | p50 | p99 | within 2 s "
          "| cache hits | loads |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, row in cmp.table.iterrows():
        r = cmp.results[label]
        hits = loads = "-"
        if not isinstance(r, list):
            hits = f"{r.summary['model_cache_hit_rate']:.4f}"
            loads = f"{r.summary['model_loads']:.0f}"
        print(f"| {label} | ${row['cost_per_month_usd']:,.0f} "
              f"| ${row['cost_per_month_with_plan_usd']:,.0f} | {row['instance_hours']:,.0f} "
              f"| {row['p50_latency_s']:.2f} s | {row['p99_latency_s']:.2f} s "
              f"| {row['slo_attainment']:.4f} | {hits} | {loads} |")
    print("\nOne endpoint per model: p50 and p99 are the worst model's.")


if __name__ == "__main__":
    main()
