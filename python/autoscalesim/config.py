"""Endpoint and policy descriptions (plain Python; converted to the C++ structs on simulate)."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import _core


@dataclass
class InstanceType:
    """What one instance costs and how fast it serves.

    `price_per_hour` is USD per hour (on-demand, us-east-1), `workers` the requests one instance
    serves in parallel, `service_time_s` the mean service time of one request in seconds and
    `service_cv` its coefficient of variation (0 = fixed, 1 = exponential).

    Example::

        InstanceType("ml.c5.xlarge", price_per_hour=0.204, workers=2, service_time_s=0.1)
    """

    name: str = "ml.c5.xlarge"
    price_per_hour: float = 0.204  #: USD per hour, on-demand
    workers: int = 2  #: requests served in parallel by one instance
    service_time_s: float = 0.1  #: mean service time of one request, seconds
    service_cv: float = 1.0  #: coefficient of variation of the service time

    def _to_core(self) -> _core.InstanceType:
        t = _core.InstanceType()
        t.name, t.price_per_hour, t.workers = self.name, self.price_per_hour, self.workers
        t.service_time_s, t.service_cv = self.service_time_s, self.service_cv
        return t


@dataclass
class Startup:
    """Instance start-up time, from launch to in service (billed), in seconds.

    Example::

        Startup.fixed(300); Startup.lognormal(360, 0.25); Startup.uniform(240, 480)
    """

    family: str = "fixed"
    a: float = 360.0
    b: float = 0.0

    @staticmethod
    def fixed(seconds: float) -> Startup:
        """Always `seconds` seconds. Example: ``Startup.fixed(300)``."""
        return Startup("fixed", seconds)

    @staticmethod
    def lognormal(median_s: float, sigma: float) -> Startup:
        """Lognormal with the given median (seconds) and log-space standard deviation.

        Example: ``Startup.lognormal(360, 0.25)``."""
        return Startup("lognormal", median_s, sigma)

    @staticmethod
    def uniform(low_s: float, high_s: float) -> Startup:
        """Uniform in ``[low_s, high_s]`` seconds. Example: ``Startup.uniform(240, 480)``."""
        return Startup("uniform", low_s, high_s)

    def _to_core(self) -> _core.StartupDistribution:
        if self.family == "fixed":
            return _core.StartupDistribution.fixed(self.a)
        if self.family == "lognormal":
            return _core.StartupDistribution.lognormal(self.a, self.b)
        if self.family == "uniform":
            return _core.StartupDistribution.uniform(self.a, self.b)
        raise _core.ConfigError(
            f"endpoint.startup.family: expected fixed, lognormal or uniform, got {self.family!r}"
        )


@dataclass
class Endpoint:
    """The endpoint variant being scaled: its instance type, how many instances it starts with,
    their start-up time (a :class:`Startup` or seconds), the invocation timeout in seconds and the
    routing ("random", SageMaker's default, or "least_outstanding").

    Example::

        Endpoint(InstanceType("ml.g4dn.xlarge", price_per_hour=0.736, workers=1,
                              service_time_s=1.0), initial_capacity=2, startup=Startup.fixed(300))
    """

    instance_type: InstanceType = field(default_factory=InstanceType)
    initial_capacity: int = 1  #: instances in service at time 0
    startup: Startup | float = 360.0  #: a Startup or a fixed number of seconds
    invocation_timeout_s: float = 60.0  #: a request waiting longer fails
    routing: str = "random"  #: "random" (SageMaker default) or "least_outstanding"

    def _to_core(self) -> _core.EndpointConfig:
        e = _core.EndpointConfig()
        e.type = self.instance_type._to_core()
        e.initial_capacity = self.initial_capacity
        startup = self.startup
        if not isinstance(startup, Startup):
            startup = Startup.fixed(float(startup))
        e.startup = startup._to_core()
        e.invocation_timeout_s = self.invocation_timeout_s
        try:
            e.routing = getattr(_core.Routing, self.routing)
        except AttributeError:
            raise _core.ConfigError(
                f"endpoint.routing: expected 'random' or 'least_outstanding', got {self.routing!r}"
            ) from None
        return e


@dataclass
class TargetTracking:
    """An Application Auto Scaling target-tracking policy, with AWS's defaults.

    `target_value` is in the metric's unit: requests per instance per minute for
    "InvocationsPerInstance", requests in the container per instance for
    "ConcurrentRequestsPerModel", percent for "CPUUtilization", seconds for "ModelLatency".
    Cooldowns, periods and the publish delay are in seconds; the alarms are AlarmHigh (3 of 3
    datapoints above the target) and AlarmLow (15 of 15 below `low_threshold_fraction` x target).

    Example::

        TargetTracking(target_value=300, metric="InvocationsPerInstance", scale_in_cooldown_s=600)
    """

    target_value: float = 1000.0  #: TargetValue, in the metric's unit per period
    metric: str = "InvocationsPerInstance"
    scale_out_cooldown_s: float = 300.0
    scale_in_cooldown_s: float = 300.0
    disable_scale_in: bool = False
    low_threshold_fraction: float = 0.9  #: AlarmLow threshold / target (0.9 AAS, 0.7 EC2)
    high_evaluation_periods: int = 3
    high_datapoints_to_alarm: int = 3
    low_evaluation_periods: int = 15
    low_datapoints_to_alarm: int = 15
    period_s: float = 60.0
    publish_delay_s: float = 60.0
    name: str = "target-tracking"

    def _to_core(self) -> _core.TargetTrackingConfig:
        c = _core.TargetTrackingConfig()
        for key in (
            "target_value", "metric", "scale_out_cooldown_s", "scale_in_cooldown_s",
            "disable_scale_in", "low_threshold_fraction", "high_evaluation_periods",
            "high_datapoints_to_alarm", "low_evaluation_periods", "low_datapoints_to_alarm",
            "period_s", "publish_delay_s", "name",
        ):
            setattr(c, key, getattr(self, key))
        return c
