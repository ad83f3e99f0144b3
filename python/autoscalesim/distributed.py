"""Policy sweeps on a Dask cluster: ``asim.optimize(..., client=client)`` or, for a scenario
file's search, ``asim.load_scenario(path).optimize(client=client)``.

The C++ search (grid or adaptive) runs on the client as usual, but instead of simulating each
batch of policies on local threads it hands the batch to a *batch evaluator*: this module's
:func:`dask_evaluator` cuts the batch into chunks, evaluates each chunk as one Dask task on a
worker (``client.map``) and returns the summaries in order, each with its run's decision margins
(the settings within which the run would be the same, which answer other policies without a
run). Every evaluation is deterministic, so the ParetoFront is the same as a local run's, bit
for bit, and the search logic (Pareto filtering, hypervolume, adaptive proposals) is the same
C++ code either way.

Dask is an optional extra: ``pip install "autoscalesim[dask]"``.

On one machine::

    from dask.distributed import Client, LocalCluster
    client = Client(LocalCluster(n_workers=4, threads_per_worker=1))
    front = asim.optimize(trace, endpoint, target_value=range(5, 100), client=client)

On a real cluster, start a scheduler (``dask scheduler``) and workers on each machine
(``dask worker tcp://SCHEDULER:8786 --nthreads 1 --nworkers auto``) in environments where the
same version of autoscalesim is installed, then connect with ``Client("tcp://SCHEDULER:8786")``
(or use dask-kubernetes, dask-jobqueue, dask-cloudprovider to start them). The problem (trace,
endpoint, policy, search space) is sent to every worker once; each task then carries only its
chunk of parameter vectors. The grid search hands over batches of 128 policies; the adaptive
search ``batch_size`` policies at a time, so raise ``batch_size`` to keep a large cluster busy
(the result then differs from a run with another batch size, but not from a local run with the
same one). Ctrl-C stops the search once the batch being evaluated comes back.
"""

from __future__ import annotations

import math

from . import _core
from .optimize import Problem


def evaluate_chunk(policies, problem: Problem) -> list:
    """Per policy, the summary dict of each scenario with its run's decision margins (one Dask
    task's unit of work): the search learns from the margins as a local run does, so it takes
    the same path. The C++ problem is built once per worker process and kept with the scattered
    Problem."""
    return _core.evaluate_batch(problem.core(), policies, 1, margins=True)


def dask_evaluator(client, problem: Problem, chunk_size: int | None = None):
    """A batch evaluator for the C++ search: ``evaluate(policies) -> summaries`` running chunks
    of `chunk_size` policies (default: about two chunks per worker thread) on `client`'s
    workers."""
    shared = client.scatter(problem, broadcast=True, hash=False)
    threads = max(sum(client.nthreads().values()), 1)

    def evaluate(policies):
        rows = policies.tolist()
        size = chunk_size or max(1, math.ceil(len(rows) / (2 * threads)))
        chunks = [rows[i:i + size] for i in range(0, len(rows), size)]
        futures = client.map(evaluate_chunk, chunks, problem=shared, pure=False)
        return [s for part in client.gather(futures) for s in part]

    return evaluate
