"""What scale to zero saves: real-time endpoints (MinCapacity 1 and 2) against an inference
component and an asynchronous endpoint that scale to zero, and a serverless endpoint, replaying
one trace through each in request mode with asim.compare_deployments (docs/deployments.md has
the results).

The real-time endpoints track InvocationsPerInstance at the workload's target. The inference
component (one copy per instance, the instance type's figures per copy, copy start-up 165 s)
tracks InvocationsPerCopy at the same target, with a wake-up step policy on
NoCapacityInvocationFailures (>= 1, 1 of 1, adds a copy; requests fail meanwhile). The
asynchronous endpoint tracks ApproximateBacklogSizePerInstance (target 5, ScaleInCooldown 600 s,
ScaleOutCooldown 300 s) with AWS's wake-up step policy on HasBacklogWithoutCapacity
(docs/semantics.md). The serverless endpoint (6 GB, no provisioned concurrency, default cold
start and warm time) runs each request at the instance type's service time: a model that serves
as fast on serverless CPU as on the instance, which is the premise to check before choosing it.
Instance start-up lognormal, median 381 s, sigma 0.2. Every run: request mode, Poisson
arrivals, seed 42.

Workloads:
- "NASA July": the demo's endpoint (examples/scenarios/nasa_target_tracking.json), 27.6 days.
- "NASA July sparse": the first week at 0.5 % of its traffic with 20-s requests (the examples
  examples/scenarios/async_scale_to_zero.json and ic_scale_to_zero.json): a document-processing
  model used a few times an hour, where the nights are quiet.
- "Azure LLM": the bundled hour of the Azure LLM inference trace on a 4-generation instance of
  2-s generations (bench_fluid_accuracy.py's endpoint). No serverless row: an LLM does not fit
  serverless's 6 GB CPU containers.

Columns: cost, billed and idle instance-hours (in service with no request arriving or held),
p50/p99 latency (for the asynchronous endpoint, time in the queue plus processing), errors (for
the inference component mostly the requests that found no copy), scale-outs and, for the
scale-to-zero deployments, the scale-outs from zero (wake-ups); cold starts (serverless).

Run: python bench/compare_endpoint_kinds.py (after pip install ".[test]").
"""

from __future__ import annotations

import time

from run_fluid_bench import cpu_model

import autoscalesim as asim

STARTUP = asim.Startup.lognormal(381, 0.2)


def workloads():
    nasa = asim.datasets.nasa_july_1995()
    # name, trace, instance type, target (requests per instance per minute), MaxCapacity, SLO
    # latency (s), serverless MaxConcurrency (None: no serverless row)
    yield ("NASA July", nasa,
           asim.InstanceType("ml.g4dn.xlarge", 0.736, 1, 1.0, 0.5), 30, 20, 5.0, 50)
    yield ("NASA July sparse", nasa.slice(0, 7 * 24 * 60).scaled(0.005),
           asim.InstanceType("ml.g4dn.xlarge", 0.736, 1, 20.0, 0.5, service="lognormal"),
           2, 4, 900.0, 5)
    yield ("Azure LLM", asim.datasets.azure_llm_conversation_2023(),
           asim.InstanceType("ml.g5.xlarge", 1.408, 4, 2.0, 1.0), 60, 20, 10.0, None)


def main() -> None:
    print(f"machine: {cpu_model()}; request mode, Poisson arrivals, seed 42\n")
    for name, trace, instance, target, most, slo, concurrency in workloads():
        deployments = {
            "real-time Min 1": asim.Deployment.real_time(1, target, most),
            "real-time Min 2": asim.Deployment.real_time(2, target, most),
            "inference component, scale to zero":
                asim.Deployment.inference_component(target, most),
            "async, scale to zero": asim.Deployment.asynchronous(5, most),
        }
        if concurrency is not None:
            deployments["serverless, 6 GB"] = asim.Deployment.serverless(
                memory_mb=6144, max_concurrency=concurrency)
        t0 = time.perf_counter()
        cmp = asim.compare_deployments(trace, instance, deployments, startup=STARTUP,
                                       slo_latency_s=slo, seed=42)
        elapsed = time.perf_counter() - t0
        print(f"{name} ({elapsed:.2f} s for the {len(deployments)} runs)")
        print("| deployment | cost | instance-h | idle instance-h | p50 | p99 | errors "
              "| scale-outs (from zero) | cold starts |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for label, r in cmp.results.items():
            s = r.summary
            row = cmp.table.loc[label]
            from_zero = "" if label.startswith("real-time") else f" ({row['wake_ups']})"
            print(f"| {label} | ${s['cost_usd']:.2f} | {s['instance_hours']:.1f} "
                  f"| {s['idle_instance_hours']:.1f} | {s['p50_latency_s']:.2f} s "
                  f"| {s['p99_latency_s']:.2f} s | {s['errors']:.0f} of {s['requests']:.0f} "
                  f"| {s['scale_out_count']}{from_zero} | {s['cold_starts']:.0f} |")
        print()


if __name__ == "__main__":
    main()
