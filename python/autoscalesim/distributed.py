"""Policy sweeps on a Dask cluster: ``asim.optimize(..., client=client)``.

Every evaluation is independent and deterministic, so the candidates are cut into chunks, each
chunk is one Dask task evaluated on a worker, and the results are put back in grid order: the
ParetoFront is the same as a local run's, bit for bit.

Dask is an optional extra: ``pip install "autoscalesim[dask]"``.

On one machine::

    from dask.distributed import Client, LocalCluster
    client = Client(LocalCluster(n_workers=4, threads_per_worker=1))
    front = asim.optimize(trace, endpoint, target_value=range(5, 100), client=client)

On a real cluster, start a scheduler (``dask scheduler``) and workers on each machine
(``dask worker tcp://SCHEDULER:8786 --nthreads 1 --nworkers auto``) in environments where the
same version of autoscalesim is installed, then connect with ``Client("tcp://SCHEDULER:8786")``
(or use dask-kubernetes, dask-jobqueue, dask-cloudprovider to start them). The trace and the
endpoint are sent to every worker once; each task then carries only its chunk of parameters.
"""

from __future__ import annotations

import math

from .optimize import Problem, evaluate_chunk


def run_on_dask(client, problem: Problem, candidates, chunk_size, bar):
    """Evaluates `candidates` on `client`'s workers; returns ({index: summary}, complete).

    Ctrl-C cancels the tasks not yet finished and keeps the results of those that are.
    """
    from dask.distributed import as_completed

    if chunk_size is None:
        workers = max(sum(client.nthreads().values()), 1)
        chunk_size = max(1, math.ceil(len(candidates) / (4 * workers)))
    indexed = list(enumerate(candidates))
    chunks = [indexed[i:i + chunk_size] for i in range(0, len(indexed), chunk_size)]
    shared = client.scatter(problem, broadcast=True)
    futures = [client.submit(evaluate_chunk, shared, chunk, pure=False) for chunk in chunks]
    summaries: dict[int, dict] = {}
    try:
        for future in as_completed(futures):
            part = future.result()
            summaries.update(part)
            bar.update(len(part))
    except KeyboardInterrupt:
        client.cancel(futures)
        return summaries, False
    return summaries, True
