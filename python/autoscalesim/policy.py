"""Scaling policies written in Python."""

from __future__ import annotations

from . import _args, _core

#: What :meth:`Policy.decide` receives: the fleet now and the period that just ended.
#: Fields: now_s, period_s (seconds); desired, in_service, starting, min_capacity, max_capacity
#: (instances); activity_in_progress; arrivals, served, errors (requests in the period);
#: mean_in_service (instances); invocations_per_instance (requests per instance in the period);
#: utilization (0..1); mean_latency_s (seconds, NaN if nothing was served); queued (requests
#: waiting now). Figures are exact: no CloudWatch publish delay.
PolicyObservation = _core.PolicyObservation


class Policy(_core.CustomPolicy):
    """Base class of scaling policies written in Python: subclass it and implement
    :meth:`decide`.

    The simulator calls ``decide(observation)`` every `period_s` seconds (after any built-in
    policy evaluated at the same instant). It returns the desired capacity in instances, or
    ``None`` to leave it unchanged: an int >= 0 (a negative number or anything else is a
    ConfigError naming the policy). The answer is clamped to [min_capacity, max_capacity] (so a
    huge number means max_capacity); a larger one scales out (waiting for an activity in
    progress, as target tracking does), a smaller one
    scales in when the scalable target allows it. There is no built-in cooldown: keep whatever
    state you need on ``self``, and reset it in :meth:`reset`, which ``simulate`` calls before
    each run.

    Cost: each call crosses into Python (the GIL is taken for it), about a microsecond plus
    what ``decide`` does; see docs/python.md for measured figures against built-in policies.
    A subclass that overrides ``__init__`` must call ``super().__init__(...)``.

    Example::

        class Proportional(asim.Policy):
            def decide(self, obs):
                # keep each instance at 30 requests per minute, no delay, no cooldown
                return math.ceil(obs.arrivals / 30) if obs.arrivals else None

        asim.simulate(trace, endpoint, [Proportional()], max_capacity=20)
    """

    def __init__(self, name: str | None = None, period_s: float = 60.0):
        super().__init__()
        self.name = name or type(self).__name__
        self.period_s = _args.number(period_s, "period_s")  # (float("60") read a string)

    def decide(self, observation: PolicyObservation) -> int | None:
        """The desired capacity (instances) after this evaluation, or None for no change."""
        raise NotImplementedError(f"{type(self).__name__}.decide is not implemented")

    def reset(self) -> None:
        """Called by ``simulate`` before each run; override to clear the policy's state."""
