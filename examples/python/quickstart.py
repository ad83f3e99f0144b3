"""Replay the bundled NASA trace through a SageMaker-like endpoint, then pick a policy.

Simulates the target-tracking policy SageMaker's sizing rule suggests, searches MinCapacity x
TargetValue on the first three weeks and checks the cheapest policy that meets the latency SLO
on the last week (traffic it was not tuned on). Runs from any folder::

    python examples/python/quickstart.py
"""

import autoscalesim as asim

SEED = 42
SLO_LATENCY_S = 5.0          # a request is good if served within 5 s
MAX_P99_LATENCY_S = 8.0      # the constraint the chosen policy must meet on the training weeks
TRAIN_FRACTION = 0.75        # first ~3 weeks to tune, last week to check

endpoint = asim.Endpoint(
    asim.InstanceType("ml.g4dn.xlarge", price_per_hour=0.736, workers=1,
                      service_time_s=1.0, service_cv=0.5),
    initial_capacity=2, startup=asim.Startup.lognormal(381, 0.2))


def show(label: str, summary) -> None:
    print(f"{label:<22} ${summary['cost_usd']:8.2f}  p99 {summary['p99_latency_s']:6.3f} s  "
          f"SLO {summary['slo_attainment']:.4f}  errors {summary['error_rate']:.2e}")


trace = asim.datasets.nasa_july_1995()  # bundled with the package
default = asim.simulate(trace, endpoint, [asim.TargetTracking(target_value=30)],
                        min_capacity=1, max_capacity=20, slo_latency_s=SLO_LATENCY_S, seed=SEED)
show("target 30, whole month", default.summary)

train, test = trace.split(TRAIN_FRACTION)
front = asim.optimize(train, endpoint, min_capacity=[1, 2, 3], max_capacity=20,
                      target_value=range(10, 61, 5), slo_latency_s=SLO_LATENCY_S, seed=SEED,
                      progress=False)
print(f"front: {len(front.to_pandas())} of {len(front.points)} policies")
best = front.best(max_p99_latency_s=MAX_P99_LATENCY_S)
print(f"chosen: MinCapacity {best.min_capacity}, TargetValue {best.params['target_value']:g}")
show("chosen, training weeks", best.summary)
show("chosen, held-out week", best.simulate(test).summary)
