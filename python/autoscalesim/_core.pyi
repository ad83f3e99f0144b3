"""
autoscalesim's C++ core (private; use the autoscalesim package)
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['CancelledError', 'CapacityBasis', 'ConfigError', 'CooldownStart', 'CustomPolicy', 'EndpointConfig', 'InstanceType', 'PlaneMode', 'PolicyObservation', 'Result', 'Routing', 'ScalingConfig', 'Scenario', 'SloConfig', 'StartupDistribution', 'TargetTrackingConfig', 'Trace', 'TraceError', 'parse_metric', 'read_access_log_counts', 'read_cloudwatch_json', 'read_csv_trace', 'simulate', 'summary_fields']
class ConfigError(ValueError):
    """
    A scenario, policy or search-space value is out of range (a ValueError).
    """
class TraceError(ValueError):
    """
    A traffic trace is malformed (a ValueError); filename and lineno say where, or are None.
    """
    filename = None
    lineno = None
class CancelledError(RuntimeError):
    """
    A long computation was stopped by its caller.
    """
class PolicyObservation:
    """
    What a custom policy sees at one evaluation.
    """
    def __init__(self) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def activity_in_progress(self) -> bool:
        ...
    @property
    def arrivals(self) -> float:
        ...
    @property
    def desired(self) -> int:
        ...
    @property
    def errors(self) -> float:
        ...
    @property
    def in_service(self) -> int:
        ...
    @property
    def invocations_per_instance(self) -> float:
        ...
    @property
    def max_capacity(self) -> int:
        ...
    @property
    def mean_in_service(self) -> float:
        ...
    @property
    def mean_latency_s(self) -> float:
        ...
    @property
    def min_capacity(self) -> int:
        ...
    @property
    def now_s(self) -> float:
        ...
    @property
    def period_s(self) -> float:
        ...
    @property
    def queued(self) -> float:
        ...
    @property
    def served(self) -> float:
        ...
    @property
    def starting(self) -> int:
        ...
    @property
    def utilization(self) -> float:
        ...
class CustomPolicy:
    """
    Base of policies whose decide() the simulator calls each period.
    """
    name: str
    def __init__(self) -> None:
        ...
    def decide(self, observation: PolicyObservation) -> int:
        ...
    @property
    def period_s(self) -> float:
        ...
    @period_s.setter
    def period_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class Trace:
    def __init__(self, counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], interval_s: typing.SupportsFloat | typing.SupportsIndex, start_epoch_s: typing.SupportsFloat | typing.SupportsIndex = 0.0) -> None:
        ...
    def __len__(self) -> int:
        ...
    def scaled(self, factor: typing.SupportsFloat | typing.SupportsIndex) -> Trace:
        ...
    def slice(self, first: typing.SupportsInt | typing.SupportsIndex, count: typing.SupportsInt | typing.SupportsIndex) -> Trace:
        ...
    def stats(self) -> dict:
        ...
    def total(self) -> float:
        ...
    @property
    def counts(self) -> numpy.ndarray:
        ...
    @property
    def interval_s(self) -> float:
        ...
    @property
    def start_epoch_s(self) -> float:
        ...
class InstanceType:
    name: str
    def __init__(self) -> None:
        ...
    @property
    def price_per_hour(self) -> float:
        ...
    @price_per_hour.setter
    def price_per_hour(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def service_cv(self) -> float:
        ...
    @service_cv.setter
    def service_cv(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def service_time_s(self) -> float:
        ...
    @service_time_s.setter
    def service_time_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def workers(self) -> int:
        ...
    @workers.setter
    def workers(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class StartupDistribution:
    class Kind:
        """
        Members:
        
          fixed
        
          lognormal
        
          uniform
        """
        __members__: typing.ClassVar[dict[str, StartupDistribution.Kind]]
        fixed: typing.ClassVar[StartupDistribution.Kind]
        lognormal: typing.ClassVar[StartupDistribution.Kind]
        uniform: typing.ClassVar[StartupDistribution.Kind]
        @typing.overload
        def __eq__(self, other: StartupDistribution.Kind) -> bool:
            ...
        @typing.overload
        def __eq__(self, other: typing.Any) -> bool:
            ...
        def __getstate__(self) -> int:
            ...
        def __hash__(self) -> int:
            ...
        def __index__(self) -> int:
            ...
        def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
            ...
        def __int__(self) -> int:
            ...
        @typing.overload
        def __ne__(self, other: StartupDistribution.Kind) -> bool:
            ...
        @typing.overload
        def __ne__(self, other: typing.Any) -> bool:
            ...
        def __repr__(self) -> str:
            ...
        def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
            ...
        def __str__(self) -> str:
            ...
        @property
        def name(self) -> str:
            ...
        @property
        def value(self) -> int:
            ...
    family: StartupDistribution.Kind
    @staticmethod
    def fixed(seconds: typing.SupportsFloat | typing.SupportsIndex) -> StartupDistribution:
        ...
    @staticmethod
    def lognormal(median_s: typing.SupportsFloat | typing.SupportsIndex, sigma: typing.SupportsFloat | typing.SupportsIndex) -> StartupDistribution:
        ...
    @staticmethod
    def uniform(low_s: typing.SupportsFloat | typing.SupportsIndex, high_s: typing.SupportsFloat | typing.SupportsIndex) -> StartupDistribution:
        ...
    def __init__(self) -> None:
        ...
    @property
    def fixed_s(self) -> float:
        ...
    @fixed_s.setter
    def fixed_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def high_s(self) -> float:
        ...
    @high_s.setter
    def high_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def low_s(self) -> float:
        ...
    @low_s.setter
    def low_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def median_s(self) -> float:
        ...
    @median_s.setter
    def median_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def sigma(self) -> float:
        ...
    @sigma.setter
    def sigma(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class Routing:
    """
    Members:
    
      random
    
      least_outstanding
    """
    __members__: typing.ClassVar[dict[str, Routing]]
    least_outstanding: typing.ClassVar[Routing]
    random: typing.ClassVar[Routing]
    @typing.overload
    def __eq__(self, other: Routing) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: Routing) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class PlaneMode:
    """
    Members:
    
      fluid
    
      request
    """
    __members__: typing.ClassVar[dict[str, PlaneMode]]
    fluid: typing.ClassVar[PlaneMode]
    request: typing.ClassVar[PlaneMode]
    @typing.overload
    def __eq__(self, other: PlaneMode) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: PlaneMode) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class CooldownStart:
    """
    Members:
    
      completion
    
      start
    """
    __members__: typing.ClassVar[dict[str, CooldownStart]]
    completion: typing.ClassVar[CooldownStart]
    start: typing.ClassVar[CooldownStart]
    @typing.overload
    def __eq__(self, other: CooldownStart) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: CooldownStart) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class CapacityBasis:
    """
    Members:
    
      current
    
      producing
    """
    __members__: typing.ClassVar[dict[str, CapacityBasis]]
    current: typing.ClassVar[CapacityBasis]
    producing: typing.ClassVar[CapacityBasis]
    @typing.overload
    def __eq__(self, other: CapacityBasis) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: CapacityBasis) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class EndpointConfig:
    routing: Routing
    startup: StartupDistribution
    type: InstanceType
    def __init__(self) -> None:
        ...
    @property
    def initial_capacity(self) -> int:
        ...
    @initial_capacity.setter
    def initial_capacity(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def invocation_timeout_s(self) -> float:
        ...
    @invocation_timeout_s.setter
    def invocation_timeout_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class TargetTrackingConfig:
    disable_scale_in: bool
    metric: str
    name: str
    def __init__(self) -> None:
        ...
    @property
    def high_datapoints_to_alarm(self) -> int:
        ...
    @high_datapoints_to_alarm.setter
    def high_datapoints_to_alarm(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def high_evaluation_periods(self) -> int:
        ...
    @high_evaluation_periods.setter
    def high_evaluation_periods(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def low_datapoints_to_alarm(self) -> int:
        ...
    @low_datapoints_to_alarm.setter
    def low_datapoints_to_alarm(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def low_evaluation_periods(self) -> int:
        ...
    @low_evaluation_periods.setter
    def low_evaluation_periods(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def low_threshold_fraction(self) -> float:
        ...
    @low_threshold_fraction.setter
    def low_threshold_fraction(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def period_s(self) -> float:
        ...
    @period_s.setter
    def period_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def publish_delay_s(self) -> float:
        ...
    @publish_delay_s.setter
    def publish_delay_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def scale_in_cooldown_s(self) -> float:
        ...
    @scale_in_cooldown_s.setter
    def scale_in_cooldown_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def scale_out_cooldown_s(self) -> float:
        ...
    @scale_out_cooldown_s.setter
    def scale_out_cooldown_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def target_value(self) -> float:
        ...
    @target_value.setter
    def target_value(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class ScalingConfig:
    basis: CapacityBasis
    cooldown_from: CooldownStart
    def __init__(self) -> None:
        ...
    def set_custom(self, policies: collections.abc.Sequence[CustomPolicy]) -> None:
        """
        Replaces the custom policies (CustomPolicy subclasses).
        """
    @property
    def max_capacity(self) -> int:
        ...
    @max_capacity.setter
    def max_capacity(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def min_capacity(self) -> int:
        ...
    @min_capacity.setter
    def min_capacity(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def target_tracking(self) -> list[TargetTrackingConfig]:
        ...
    @target_tracking.setter
    def target_tracking(self, arg0: collections.abc.Sequence[TargetTrackingConfig]) -> None:
        ...
class SloConfig:
    def __init__(self) -> None:
        ...
    @property
    def latency_s(self) -> float:
        ...
    @latency_s.setter
    def latency_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def target(self) -> float:
        ...
    @target.setter
    def target(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class Scenario:
    endpoint: EndpointConfig
    mode: PlaneMode
    record_timeline: bool
    scaling: ScalingConfig
    slo: SloConfig
    traffic: Trace
    def __init__(self) -> None:
        ...
    def validate(self) -> None:
        ...
    @property
    def seed(self) -> int:
        ...
    @seed.setter
    def seed(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class Result:
    @property
    def activities(self) -> list:
        ...
    @property
    def summary(self) -> dict:
        ...
    @property
    def timeline_columns(self) -> dict:
        ...
def _raise_for_test(kind: str, message: str) -> None:
    ...
def parse_metric(arg0: str) -> str:
    ...
def read_access_log_counts(path: str, interval_s: typing.SupportsFloat | typing.SupportsIndex) -> Trace:
    ...
def read_cloudwatch_json(paths: collections.abc.Sequence[str], statistic: str = 'Sum', id: str = '', gaps: str = 'error') -> Trace:
    ...
def read_csv_trace(path: str) -> Trace:
    ...
def simulate(scenario: Scenario) -> Result:
    """
    Runs one simulation (the GIL is released while it runs).
    """
def summary_fields() -> list[str]:
    ...
