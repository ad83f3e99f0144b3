"""What scale to zero saves: real-time endpoints (MinCapacity 1 and 2) against an inference
component and an asynchronous endpoint that scale to zero, replaying one trace through each in
request mode.

For each workload the real-time endpoints track InvocationsPerInstance (the workload's target) and
the asynchronous one tracks ApproximateBacklogSizePerInstance (target 5, ScaleInCooldown 600 s,
ScaleOutCooldown 300 s) with AWS's wake-up step policy on HasBacklogWithoutCapacity
(docs/semantics.md, "Asynchronous endpoints"). The inference component (one copy per instance,
the instance types' figures per copy, default copy start-up 165 s) tracks InvocationsPerCopy at
the real-time target, with a wake-up step policy on NoCapacityInvocationFailures (>= 1, 1 of 1,
adds a copy; requests fail meanwhile). Every run: request mode, Poisson arrivals, seed 42.

Workloads:
- "NASA July": the demo's endpoint (examples/scenarios/nasa_target_tracking.json), 27.6 days.
- "NASA July sparse": the first week at 0.5 % of its traffic with 20-s requests (the example
  examples/scenarios/async_scale_to_zero.json): a document-processing model used a few times an
  hour, where the nights are quiet.
- "Azure LLM": the bundled hour of the Azure LLM inference trace on a 4-generation instance of
  2-s generations (bench_fluid_accuracy.py's endpoint).

Columns: cost, billed and idle instance-hours (in service with no request arriving or held),
p50/p99 latency (for the asynchronous endpoint, time in the queue plus processing), errors,
scale-outs, and for the scale-to-zero endpoints the scale-outs from zero (wake-ups); the errors
of the inference component are mostly the requests that found no copy.

Run: python bench/compare_endpoint_kinds.py (after pip install ".[test]").
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from run_fluid_bench import cpu_model

import autoscalesim as asim

ROOT = Path(__file__).resolve().parent.parent
NASA = str(ROOT / "traces" / "nasa_http_1995_07_per_minute.csv")
AZURE = str(ROOT / "traces" / "azure_llm_inference_2023_conv_per_second.csv")
G4DN = {"name": "ml.g4dn.xlarge", "price_per_hour": 0.736, "workers": 1}
STARTUP = {"kind": "lognormal", "median_s": 381, "sigma": 0.2}

WORKLOADS = {
    "NASA July": {
        "trace": {"file": NASA, "format": "csv"},
        "instance_type": {**G4DN, "service_time_s": 1.0, "service_cv": 0.5},
        "target": 30, "max": 20, "slo": 5.0,
    },
    "NASA July sparse": {
        "trace": {"file": NASA, "format": "csv", "slice": {"start_s": 0, "end_s": 604800},
                  "scale": 0.005},
        "instance_type": {**G4DN, "service_time_s": 20.0, "service_cv": 0.5,
                          "service": "lognormal"},
        "target": 2, "max": 4, "slo": 900.0,
    },
    "Azure LLM": {
        "trace": {"file": AZURE, "format": "csv", "time_format": "epoch_s", "interval_ms": 1000},
        "instance_type": {"name": "ml.g5.xlarge", "price_per_hour": 1.408, "workers": 4,
                          "service_time_s": 2.0, "service_cv": 1.0},
        "target": 60, "max": 20, "slo": 10.0,
    },
}


def scenario(w: dict, kind: str) -> dict:
    endpoint = {"instance_type": w["instance_type"], "startup": STARTUP}
    if kind == "ic":
        endpoint |= {"kind": "inference_component", "initial_capacity": 1,
                     "inference_component": {"max_instances": w["max"]}}
        scaling = {"min_capacity": 0, "max_capacity": w["max"], "policies": [
            {"type": "target_tracking", "metric": "InvocationsPerCopy",
             "target_value": w["target"]},
            {"type": "step_scaling", "name": "wake-up", "metric": "NoCapacityInvocationFailures",
             "threshold": 1, "alarm_comparison": "GreaterThanOrEqualToThreshold",
             "evaluation_periods": 1, "datapoints_to_alarm": 1,
             "adjustment": "change_in_capacity", "cooldown_s": 60,
             "steps": [{"lower_bound": 0, "adjustment": 1}]},
        ]}
    elif kind == "async":
        endpoint |= {"kind": "async", "initial_capacity": 1}
        scaling = {"min_capacity": 0, "max_capacity": w["max"], "policies": [
            {"type": "target_tracking", "name": "backlog",
             "metric": "ApproximateBacklogSizePerInstance", "target_value": 5,
             "scale_in_cooldown_s": 600, "scale_out_cooldown_s": 300},
            {"type": "step_scaling", "name": "wake-up", "metric": "HasBacklogWithoutCapacity",
             "threshold": 1, "alarm_comparison": "GreaterThanOrEqualToThreshold",
             "evaluation_periods": 2, "datapoints_to_alarm": 2,
             "adjustment": "change_in_capacity", "cooldown_s": 300,
             "steps": [{"lower_bound": 0, "adjustment": 1}]},
        ]}
    else:
        minimum = int(kind[-1])
        endpoint |= {"initial_capacity": minimum}
        scaling = {"min_capacity": minimum, "max_capacity": w["max"], "policies": [
            {"type": "target_tracking", "target_value": w["target"]}]}
    return {"version": 1, "trace": w["trace"], "endpoint": endpoint, "scaling": scaling,
            "mode": "request", "arrivals": "poisson",
            "slo": {"latency_s": w["slo"], "target": 0.99}, "seed": 42}


def run(doc: dict) -> tuple[dict, int, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(doc, f)
        path = f.name
    try:
        t0 = time.perf_counter()
        r = asim.load_scenario(path).simulate()
        elapsed = time.perf_counter() - t0
    finally:
        Path(path).unlink()
    wakes = int((r.activities["from"] == 0).sum()) if len(r.activities) else 0
    return r.summary, wakes, elapsed


def main() -> None:
    print(f"machine: {cpu_model()}; request mode, Poisson arrivals, seed 42\n")
    kinds = {"real-time Min 1": "rt1", "real-time Min 2": "rt2",
             "inference component, scale to zero": "ic", "async, scale to zero": "async"}
    for name, w in WORKLOADS.items():
        print(f"{name}")
        print("| endpoint | cost | instance-h | idle instance-h | p50 | p99 | errors "
              "| scale-outs (from zero) | run |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for label, kind in kinds.items():
            s, wakes, elapsed = run(scenario(w, kind))
            from_zero = f" ({wakes})" if kind in ("ic", "async") else ""
            print(f"| {label} | ${s['cost_usd']:.2f} | {s['instance_hours']:.1f} "
                  f"| {s['idle_instance_hours']:.1f} | {s['p50_latency_s']:.2f} s "
                  f"| {s['p99_latency_s']:.2f} s | {s['errors']:.0f} of {s['requests']:.0f} "
                  f"| {s['scale_out_count']}{from_zero} | {elapsed:.2f} s |")
        print()


if __name__ == "__main__":
    main()
