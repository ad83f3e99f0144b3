"""The scaling deployed on a SageMaker endpoint variant, read from what the AWS CLI prints.

:func:`read_scaling` reads the JSON of ``aws application-autoscaling describe-scalable-targets``,
``describe-scaling-policies``, ``describe-scheduled-actions`` and ``aws cloudwatch
describe-alarms`` (or the ``--cli-input-json`` files :func:`autoscalesim.recommend` writes) with
the same C++ reader as the command's ``--policy-from`` (docs/aws.md lists every field).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from . import _args, _core
from .config import Endpoint, TargetTracking
from .simulation import Result, RunSettings, build_scenario, warn_caveats
from .trace import Trace


class AwsScaling:
    """One scalable target as AWS describes it.

    - ``min_capacity``, ``max_capacity``, ``resource_id``;
    - ``target_tracking``: its target-tracking policies as :class:`TargetTracking`;
    - ``scaling``: every policy as the C++ configuration (step scaling with its alarm,
      scheduled actions);
    - ``dimension``: the ScalableDimension the capacities count (a variant's instances,
      ``sagemaker:variant:DesiredInstanceCount``; an inference component's copies; a serverless
      variant's provisioned concurrency);
    - ``notes``: what the reader had to choose, one sentence each;
    - ``simulate(trace, endpoint, ...)``: what this scaling does on `trace`.
    """

    def __init__(self, core: _core.AwsScaling):
        self._core = core
        self.scaling = core.scaling
        self.resource_id = core.resource_id
        self.dimension = core.dimension
        self.notes = list(core.notes)
        self.min_capacity = core.scaling.min_capacity
        self.max_capacity = core.scaling.max_capacity
        self.target_tracking = [TargetTracking._from_core(c) for c in core.scaling.target_tracking]

    def simulate(self, trace: Trace, endpoint: Endpoint, *, slo_latency_s: float = 1.0,
                 slo_target: float = 0.99, seed: int = 1, timeline: bool = True) -> Result:
        """Replays `trace` through `endpoint` scaled by this scaling (every policy kind the files
        hold), as :func:`autoscalesim.simulate` does. The endpoint's kind must have the
        dimension the files scale (``kind="inference_component"`` for a copy count,
        ``"serverless"`` for provisioned concurrency): otherwise :class:`ConfigError` naming
        ``endpoint.kind``.

        Example::

            deployed = asim.aws.read_scaling(["targets.json", "policies.json"])
            deployed.simulate(trace, endpoint, slo_latency_s=5.0).summary["p99_latency_s"]
        """
        trace = _args.trace(trace)
        endpoint = _args.endpoint(endpoint)
        settings = RunSettings(min_capacity=self.min_capacity, max_capacity=self.max_capacity,
                               slo_latency_s=slo_latency_s, slo_target=slo_target, seed=seed)
        sc = build_scenario(trace, endpoint, [], settings)
        _core.check_endpoint_kind(self._core, sc.endpoint.kind)
        scaling = self.scaling
        scaling.cooldown_from = sc.scaling.cooldown_from
        scaling.capacity_basis = sc.scaling.capacity_basis
        scaling.scale_out_while_updating = sc.scaling.scale_out_while_updating
        sc.scaling = scaling
        sc.record_timeline = timeline
        warn_caveats(sc)
        return Result(_core.simulate(sc), trace, self.target_tracking, settings)

    def __repr__(self) -> str:
        s = self.scaling
        kinds = [f"{len(s.target_tracking)} target tracking", f"{len(s.step_scaling)} step",
                 f"{len(s.scheduled)} scheduled"]
        return (f"AwsScaling({self.resource_id}: MinCapacity {self.min_capacity}, MaxCapacity "
                f"{self.max_capacity}; {', '.join(kinds)})")


def read_scaling(paths: str | os.PathLike | Sequence, resource_id: str = "") -> AwsScaling:
    """Reads AWS CLI output (or ``--cli-input-json`` files) into the scaling of one scalable
    target; `resource_id` picks it when the files describe several. Raises
    :class:`~autoscalesim.ConfigError` naming the file, the JSON path and the problem (an
    unknown field, a metric the simulator does not model, a step policy whose alarm is missing).

    Example::

        deployed = asim.aws.read_scaling(["targets.json", "policies.json", "alarms.json"])
    """
    return AwsScaling(_core.read_aws_scaling(_args.paths(paths, "paths"),
                                             _args.text(resource_id, "resource_id")))
