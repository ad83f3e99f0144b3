"""The fluid mode's stationary latency against long request-mode runs and exact queueing results.

One instance, fixed (MinCapacity = MaxCapacity = 1), a constant Poisson load for 2,000 minutes at
one-second intervals, the invocation timeout 3,600 s (no request waits that long): the fluid
mode's stationary queue against the request mode (mean of four seeds, every request simulated)
and, where it is known in closed form, the exact value:

- M/M/c (cv 1): the response time is the Erlang C wait plus an exponential service time;
- M/H2/1 (one worker, cv > 1, a balanced two-phase hyperexponential service time, the shape
  both modes fit): the wait has two exponential phases at the roots of the Pollaczek-Khinchine
  transform's denominator, with the transform's residues as weights; the response time adds the
  service time. Computed here from the residues, independently of the library.
- M/D/1 (one worker, cv 0): Erlang's formula for the wait plus the service time.

A second table holds loads near and past capacity with SageMaker's 60 s timeout (eight seeds:
there the request mode's queue relaxes over many minutes), against the request mode only.

Columns: the fluid mode's p50, p95, p99 and mean latency, and its relative gap to the request
mode's (in brackets, to the exact value where there is one).

Run: python bench/bench_fluid_stationary.py (after pip install ".[test]").
"""

from __future__ import annotations

import decimal
import math
import statistics

import numpy as np
from bench_fluid_accuracy import nasa_scenario
from run_fluid_bench import cpu_model

import autoscalesim as asim
from autoscalesim import _core

MINUTES = 2000
SEEDS = (1, 2, 3, 4)
TIMEOUT_S = 3600.0
# (workers, mean service s, cv, utilisation)
QUEUES = (
    (4, 2.0, 1.0, 0.7), (4, 2.0, 1.0, 0.9), (1, 1.0, 1.0, 0.8),
    (1, 0.5, 1.5, 0.5), (1, 0.5, 1.5, 0.7), (1, 0.5, 1.5, 0.9), (1, 1.0, 2.0, 0.9),
    (2, 1.0, 2.0, 0.5), (2, 1.0, 2.0, 0.8), (4, 2.0, 1.5, 0.7), (4, 2.0, 1.5, 0.9),
    (8, 4.0, 1.5, 0.8),
    (1, 1.0, 0.0, 0.5), (1, 1.0, 0.0, 0.8), (1, 1.0, 0.5, 0.5), (1, 1.0, 0.5, 0.8),
    (4, 1.0, 0.0, 0.8),
    (4, 4.0, 0.3, 0.7), (4, 4.0, 0.3, 0.9),
)
# Near capacity, timeout 60 s.
NEAR_QUEUES = (
    (1, 0.5, 1.0, 0.95), (1, 0.5, 1.0, 0.97), (1, 0.5, 1.0, 1.0), (1, 0.5, 1.0, 1.05),
    (4, 2.0, 1.0, 0.97), (4, 2.0, 1.0, 1.0), (1, 0.5, 1.5, 0.95), (1, 0.5, 1.5, 1.0),
)
NEAR_TIMEOUT_S = 60.0
NEAR_SEEDS = (1, 2, 3, 4, 5, 6, 7, 8)
KEYS = ("p50_latency_s", "p95_latency_s", "p99_latency_s", "mean_latency_s")
QUANTILES = (0.50, 0.95, 0.99)


def scenario(workers, service_s, cv, rho, mode, seed, timeout_s=TIMEOUT_S):
    sc = nasa_scenario()
    rate = rho * workers / service_s
    sc.traffic = asim.Trace(np.full(MINUTES * 60, rate), 1.0)._core
    t = sc.endpoint.instance_type
    t.workers, t.service_time_s, t.service_cv = workers, service_s, cv
    sc.endpoint.instance_type = t
    sc.endpoint.initial_capacity = 1
    sc.endpoint.invocation_timeout_s = timeout_s
    sc.scaling.min_capacity = 1
    sc.scaling.max_capacity = 1
    sc.mode = mode
    sc.arrivals = _core.ArrivalProcess.poisson
    sc.seed = seed
    return sc


def solve(survival, p):
    """The t with survival(t) = 1 - p, by bisection (survival falls with t)."""
    lo, hi = 0.0, 1.0
    while survival(hi) > 1 - p:
        hi *= 2
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if survival(mid) > 1 - p else (lo, mid)
    return 0.5 * (lo + hi)


def exp_sum_survival(a, b, t):
    """P(X + Y > t) for independent exponentials of rates a and b."""
    if abs(a - b) < 1e-12 * b:
        return math.exp(-a * t) * (1 + a * t)
    return (b * math.exp(-a * t) - a * math.exp(-b * t)) / (b - a)


def exact_mmc(workers, service_s, rho):
    """Quantiles and mean of the M/M/c response time: Erlang C wait at rate c mu - lambda."""
    mu = 1 / service_s
    load = rho * workers
    b = 1.0
    for k in range(1, workers + 1):
        b = load * b / (k + load * b)
    erlang_c = b / (1 - rho * (1 - b))
    theta = workers * mu - rho * workers * mu

    def survival(t):
        return (1 - erlang_c) * math.exp(-mu * t) + erlang_c * exp_sum_survival(theta, mu, t)

    mean = service_s + erlang_c / theta
    return [solve(survival, p) for p in QUANTILES] + [mean]


def exact_mh2_1(service_s, cv, rho):
    """Quantiles and mean of the M/H2/1 response time (balanced two-phase service)."""
    c2 = cv * cv
    p1 = 0.5 * (1 + math.sqrt((c2 - 1) / (c2 + 1)))
    r1, r2 = 2 * p1 / service_s, 2 * (1 - p1) / service_s
    lam = rho / service_s
    # W*(s) = (1 - rho)(r1 + s)(r2 + s) / ((s + g1)(s + g2)); density of W: sum B_i e^{-g_i w}.
    b = r1 + r2 - lam
    q = r1 * r2 - lam * ((1 - p1) * r1 + p1 * r2)
    d = math.sqrt(b * b - 4 * q)
    g = ((b - d) / 2, (b + d) / 2)
    weights = [(1 - rho) * (r1 - g[i]) * (r2 - g[i]) / (g[1 - i] - g[i]) / g[i] for i in (0, 1)]

    def service_survival(t):
        return p1 * math.exp(-r1 * t) + (1 - p1) * math.exp(-r2 * t)

    def survival(t):
        s = (1 - rho) * service_survival(t)
        for a, gi in zip(weights, g):
            s += a * (p1 * exp_sum_survival(gi, r1, t) + (1 - p1) * exp_sum_survival(gi, r2, t))
        return s

    mean = service_s + sum(a / gi for a, gi in zip(weights, g))
    return [solve(survival, p) for p in QUANTILES] + [mean]


def exact_md1(service_s, rho):
    """Quantiles and mean of the M/D/1 response time: Erlang's formula for the wait,
    P(W <= x) = (1 - rho) sum_{k <= x / s} (-lambda (x - k s))^k e^{lambda (x - k s)} / k!, plus
    the service time s. The sum alternates and its terms grow as e^{lambda x}: it is summed with
    60 significant digits."""
    ctx = decimal.Context(prec=60)
    lam = decimal.Decimal(rho) / decimal.Decimal(service_s)

    def wait_cdf(x):
        total = decimal.Decimal(0)
        for k in range(int(x / service_s) + 1):
            u = lam * (decimal.Decimal(x) - k * decimal.Decimal(service_s))
            power = ctx.power(-u, k) if k > 0 else decimal.Decimal(1)
            total = ctx.add(total, ctx.divide(ctx.multiply(power, ctx.exp(u)), math.factorial(k)))
        return float((1 - decimal.Decimal(rho)) * total)

    def survival(t):
        return 1.0 if t < service_s else 1 - wait_cdf(t - service_s)

    mean = service_s + rho * service_s / (2 * (1 - rho))
    return [solve(survival, p) for p in QUANTILES] + [mean]


def exact(workers, service_s, cv, rho):
    if cv == 1.0:
        return exact_mmc(workers, service_s, rho)
    if workers == 1 and cv > 1:
        return exact_mh2_1(service_s, cv, rho)
    if workers == 1 and cv == 0.0:
        return exact_md1(service_s, rho)
    return None


def rows(queues, timeout_s, seeds, with_exact):
    """Prints one row per queue; returns the largest relative gap to an exact value."""
    print(f"{'workers':>7} {'service':>7} {'cv':>4} {'util':>5} | " +
          " | ".join(f"{k.split('_')[0]:^31}" for k in KEYS))
    worst = 0.0
    for workers, service_s, cv, rho in queues:
        fluid = _core.simulate(
            scenario(workers, service_s, cv, rho, _core.PlaneMode.fluid, 1, timeout_s))
        runs = [_core.simulate(
            scenario(workers, service_s, cv, rho, _core.PlaneMode.request, s, timeout_s))
            for s in seeds]
        ref = exact(workers, service_s, cv, rho) if with_exact else None
        cells = []
        for i, key in enumerate(KEYS):
            f = fluid.summary[key]
            r = statistics.fmean(run.summary[key] for run in runs)
            cell = f"{f:8.3f} {(f / r - 1) * 100:+6.1f} %"
            if ref is not None:
                cell += f" [{(f / ref[i] - 1) * 100:+6.1f} %]"
                worst = max(worst, abs(f / ref[i] - 1))
            else:
                cell += " " * 11
            cells.append(cell)
        print(f"{workers:7d} {service_s:7.1f} {cv:4.1f} {rho:5.2f} | " + " | ".join(cells))
    return worst


def main():
    print(f"# {cpu_model()}; {MINUTES} minutes of constant Poisson load on one instance")
    print(f"timeout {TIMEOUT_S:.0f} s, request mode: mean of seeds {SEEDS[0]}-{SEEDS[-1]}; fluid "
          "latency (s) and its gap to the request mode [to the exact value]")
    worst = rows(QUEUES, TIMEOUT_S, SEEDS, True)
    print(f"largest gap to an exact value: {worst * 100:.2f} %")
    print(f"\nnear capacity, timeout {NEAR_TIMEOUT_S:.0f} s, request mode: mean of seeds "
          f"{NEAR_SEEDS[0]}-{NEAR_SEEDS[-1]}")
    rows(NEAR_QUEUES, NEAR_TIMEOUT_S, NEAR_SEEDS, False)


if __name__ == "__main__":
    main()
