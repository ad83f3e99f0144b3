"""The request-level model of bench_request.cpp, written on SimPy, for a speed baseline.

Same model as the C++ request plane with a fixed fleet: Poisson arrivals at RATE req/s, random
routing to INSTANCES instances, each with WORKERS parallel workers and a FIFO queue, lognormal
service times with mean MEAN_S and coefficient of variation CV, and an invocation timeout: a
request still waiting at the timeout leaves the queue as an error, one served past it is an
error. Prints one line: requests, served, errors, mean latency, wall and CPU seconds, peak RSS.

    python bench/baselines/simpy_request.py --rate 1500 --instances 25 --seconds 60
"""

import argparse
import math
import random
import resource
import time

import simpy

SEED = 1
WORKERS = 4
MEAN_S = 0.05
CV = 1.0
TIMEOUT_S = 60.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rate", type=float, default=1500.0, help="arrivals per second")
    ap.add_argument("--instances", type=int, default=25, help="instances in service")
    ap.add_argument("--seconds", type=float, default=60.0, help="simulated seconds")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    sigma2 = math.log1p(CV * CV)
    mu_log, sigma = math.log(MEAN_S) - sigma2 / 2, math.sqrt(sigma2)

    env = simpy.Environment()
    instances = [simpy.Resource(env, capacity=WORKERS) for _ in range(args.instances)]
    stats = {"requests": 0, "served": 0, "errors": 0, "latency_sum": 0.0}

    def request(env, server):
        arrival = env.now
        with server.request() as req:
            got = yield req | env.timeout(TIMEOUT_S)
            if req not in got:  # still waiting at the timeout: leaves the queue
                stats["errors"] += 1
                return
            yield env.timeout(rng.lognormvariate(mu_log, sigma))
        latency = env.now - arrival
        if latency > TIMEOUT_S:
            stats["errors"] += 1
        else:
            stats["served"] += 1
            stats["latency_sum"] += latency

    def arrivals(env):
        while True:
            yield env.timeout(rng.expovariate(args.rate))
            stats["requests"] += 1
            env.process(request(env, instances[rng.randrange(len(instances))]))

    env.process(arrivals(env))
    start, cpu_start = time.perf_counter(), time.process_time()
    env.run(until=args.seconds)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    mean = stats["latency_sum"] / stats["served"] if stats["served"] else float("nan")
    print(
        f"requests={stats['requests']} served={stats['served']} errors={stats['errors']} "
        f"mean_latency_s={mean:.6f} wall_s={wall:.4f} cpu_s={cpu:.4f} peak_rss_kb={peak_kb}"
    )


if __name__ == "__main__":
    main()
