"""optimize(..., client=...) on a local Dask cluster with two worker processes: the same front as
a local run, for the grid and the adaptive search."""

import time

import pandas as pd
import pytest

import autoscalesim as asim

distributed = pytest.importorskip("dask.distributed")

ENDPOINT = asim.Endpoint(
    asim.InstanceType("ml.g4dn.xlarge", price_per_hour=0.736, workers=1, service_time_s=1.0,
                      service_cv=0.5),
    startup=300,
)
SPACE = dict(min_capacity=[1, 2, 3], max_capacity=[4, 12], target_value=[15, 25, 35, 50])


def test_dask_front_is_identical_to_the_local_one(nasa_trace_path):
    trace = asim.Trace.from_csv(nasa_trace_path).slice(0, 7 * 1440)
    start = time.perf_counter()
    local = asim.optimize(trace, ENDPOINT, slo_latency_s=5.0, progress=False, **SPACE)
    local_s = time.perf_counter() - start
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client:
        start = time.perf_counter()
        remote = asim.optimize(trace, ENDPOINT, slo_latency_s=5.0, progress=False, client=client,
                               chunk_size=5, **SPACE)
        dask_s = time.perf_counter() - start
        # a budget past the opening design, where the policies the decision margins answer
        # (carried back from the workers) steer the proposals
        adaptive = dict(slo_latency_s=5.0, progress=False, method="adaptive", budget=16,
                        batch_size=4, **SPACE)
        remote_adaptive = asim.optimize(trace, ENDPOINT, client=client, **adaptive)
    local_adaptive = asim.optimize(trace, ENDPOINT, **adaptive)
    pd.testing.assert_frame_equal(local_adaptive.points, remote_adaptive.points, check_exact=True)
    assert remote.complete
    pd.testing.assert_frame_equal(local.points, remote.points, check_exact=True)
    print(f"24 policies on 7 days: local {local_s:.2f} s, Dask (2 processes) {dask_s:.2f} s")
