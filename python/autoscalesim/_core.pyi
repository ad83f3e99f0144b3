"""
autoscalesim's C++ core (private; use the autoscalesim package)
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['ActivityMatch', 'AdjustmentType', 'Aggregation', 'ArrivalProcess', 'AwsActivities', 'AwsActivity', 'AwsCliFile', 'AwsScaling', 'BusyScaleOut', 'CalibrateOptions', 'CalibrationObserved', 'CalibrationResult', 'CancelledError', 'CapacityBasis', 'Caveat', 'CompareOptions', 'Comparison', 'ConfigError', 'Constraint', 'CooldownStart', 'CustomPolicy', 'DelayFit', 'Dimension', 'EndpointConfig', 'Estimate', 'Evaluation', 'ForecastSeasonality', 'HpaConfig', 'HpaMetric', 'HpaScalingPolicy', 'HpaScalingRules', 'HpaSelect', 'HpaSource', 'InferenceComponentConfig', 'InstanceType', 'LoadBand', 'MaxCapacityBreach', 'MetricAggregation', 'MultiModelConfig', 'ObservedScaling', 'OptimizationSpec', 'PlaneMode', 'PolicyCheck', 'PolicyObservation', 'PredictiveConfig', 'PredictiveMode', 'Problem', 'Recommendation', 'ReplayError', 'Result', 'Routing', 'ScalingConfig', 'Scenario', 'ScenarioFile', 'ScenarioVariant', 'ScheduledActionConfig', 'SearchMethod', 'SearchOptions', 'SearchResult', 'SearchSpace', 'ServerlessConfig', 'ServiceFamily', 'ServiceFit', 'SharedResult', 'SloConfig', 'StartupDistribution', 'StartupFit', 'StepAdjustment', 'StepScalingConfig', 'TargetTrackingConfig', 'Trace', 'TraceError', 'TrainTestReport', 'TrainTestRow', 'adaptive_search', 'apply_savings_plan', 'aws_cli_inputs', 'best_savings_plan', 'calibrate', 'calibration_json', 'calibration_per_interval', 'calibration_table', 'catalog_instance', 'catalog_names', 'check_endpoint_kind', 'check_resource_id', 'clock_hour_offset_ms', 'cost_field', 'evaluate_batch', 'format_iso8601', 'grid_search', 'hour_shares', 'hypervolume', 'igd_plus', 'is_count_field', 'pareto_front', 'parse_metric', 'read_access_log_counts', 'read_access_log_models', 'read_access_log_times', 'read_aws_activities', 'read_aws_scaling', 'read_cloudwatch_json', 'read_cloudwatch_series', 'read_csv_trace', 'read_scenario_file', 'recommend', 'simulate', 'simulate_components', 'split_trace', 'successful_activities', 'summary_fields', 'train_test', 'window_text', 'write_activities_csv', 'write_csv_trace', 'write_scenario_json', 'write_text_file']
class ConfigError(ValueError):
    """
    A scenario, policy or search-space value is out of range (a ValueError); field names it (a field path), or is None.
    """
    field = None
    def __init__(self, *args) -> None:
        ...
class TraceError(ValueError):
    """
    A traffic trace is malformed (a ValueError); filename and lineno say where, or are None.
    """
    field = None
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
    def decide(self, observation: PolicyObservation) -> int | None:
        ...
    @property
    def period_s(self) -> float:
        ...
    @period_s.setter
    def period_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class Comparison:
    """
    Members:
    
      greater
    
      less
    
      greater_or_equal
    
      less_or_equal
    """
    NAMES: typing.ClassVar[dict]
    __members__: typing.ClassVar[dict[str, Comparison]]
    greater: typing.ClassVar[Comparison]
    greater_or_equal: typing.ClassVar[Comparison]
    less: typing.ClassVar[Comparison]
    less_or_equal: typing.ClassVar[Comparison]
    @typing.overload
    def __eq__(self, other: Comparison) -> bool:
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
    def __ne__(self, other: Comparison) -> bool:
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
class AdjustmentType:
    """
    Members:
    
      change_in_capacity
    
      exact_capacity
    
      percent_change_in_capacity
    """
    NAMES: typing.ClassVar[dict]
    __members__: typing.ClassVar[dict[str, AdjustmentType]]
    change_in_capacity: typing.ClassVar[AdjustmentType]
    exact_capacity: typing.ClassVar[AdjustmentType]
    percent_change_in_capacity: typing.ClassVar[AdjustmentType]
    @typing.overload
    def __eq__(self, other: AdjustmentType) -> bool:
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
    def __ne__(self, other: AdjustmentType) -> bool:
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
class MetricAggregation:
    """
    Members:
    
      average
    
      minimum
    
      maximum
    """
    NAMES: typing.ClassVar[dict]
    __members__: typing.ClassVar[dict[str, MetricAggregation]]
    average: typing.ClassVar[MetricAggregation]
    maximum: typing.ClassVar[MetricAggregation]
    minimum: typing.ClassVar[MetricAggregation]
    @typing.overload
    def __eq__(self, other: MetricAggregation) -> bool:
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
    def __ne__(self, other: MetricAggregation) -> bool:
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
class StepAdjustment:
    FIELDS: typing.ClassVar[list] = [{'name': 'lower_bound', 'unit': 'metric unit', 'doc': 'MetricIntervalLowerBound, relative to the threshold; null: none', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': True, 'sentinel': None, 'non_empty': False}, {'name': 'upper_bound', 'unit': 'metric unit', 'doc': 'MetricIntervalUpperBound, relative to the threshold; null: none', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': True, 'sentinel': None, 'non_empty': False}, {'name': 'adjustment', 'unit': '', 'doc': 'ScalingAdjustment: instances, a capacity or a percentage', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    @typing.overload
    def __init__(self, lower_bound: typing.SupportsFloat | typing.SupportsIndex, upper_bound: typing.SupportsFloat | typing.SupportsIndex, adjustment: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def adjustment(self) -> int:
        """
        ScalingAdjustment: instances, a capacity or a percentage
        """
    @adjustment.setter
    def adjustment(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def lower_bound(self) -> float:
        """
        MetricIntervalLowerBound, relative to the threshold; null: none (metric unit)
        """
    @lower_bound.setter
    def lower_bound(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def upper_bound(self) -> float:
        """
        MetricIntervalUpperBound, relative to the threshold; null: none (metric unit)
        """
    @upper_bound.setter
    def upper_bound(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class StepScalingConfig:
    class MissingData:
        """
        Members:
        
          missing
        
          not_breaching
        
          breaching
        """
        NAMES: typing.ClassVar[dict]
        __members__: typing.ClassVar[dict[str, StepScalingConfig.MissingData]]
        breaching: typing.ClassVar[StepScalingConfig.MissingData]
        missing: typing.ClassVar[StepScalingConfig.MissingData]
        not_breaching: typing.ClassVar[StepScalingConfig.MissingData]
        @typing.overload
        def __eq__(self, other: StepScalingConfig.MissingData) -> bool:
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
        def __ne__(self, other: StepScalingConfig.MissingData) -> bool:
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
    FIELDS: typing.ClassVar[list] = [{'name': 'name', 'unit': '', 'doc': 'name used in the activity log', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': True}, {'name': 'metric', 'unit': '', 'doc': "the alarm's metric", 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'threshold', 'unit': 'metric unit', 'doc': 'the alarm threshold', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'alarm_comparison', 'unit': '', 'doc': 'breach when metric op threshold', 'searchable': False, 'integer': False, 'list': False, 'type': Comparison, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'evaluation_periods', 'unit': 'datapoints', 'doc': "the alarm's N", 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'datapoints_to_alarm', 'unit': 'datapoints', 'doc': "the alarm's M (of N)", 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'period_s', 'unit': 's', 'doc': 'metric period', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'publish_delay_s', 'unit': 's', 'doc': 'delay before a datapoint is visible', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'adjustment', 'unit': '', 'doc': 'AdjustmentType', 'searchable': False, 'integer': False, 'list': False, 'type': AdjustmentType, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'steps', 'unit': '', 'doc': 'StepAdjustments: no gaps, no overlaps', 'searchable': False, 'integer': False, 'list': True, 'type': StepAdjustment, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'min_adjustment_magnitude', 'unit': 'instances', 'doc': 'MinAdjustmentMagnitude (Percent only; 0 = none)', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'aggregation', 'unit': '', 'doc': 'MetricAggregationType', 'searchable': False, 'integer': False, 'list': False, 'type': MetricAggregation, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'cooldown_s', 'unit': 's', 'doc': 'Cooldown', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'treat_missing_data', 'unit': '', 'doc': "the alarm's TreatMissingData", 'searchable': False, 'integer': False, 'list': False, 'type': StepScalingConfig.MissingData, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    def validate(self) -> None:
        ...
    @property
    def adjustment(self) -> AdjustmentType:
        """
        AdjustmentType
        """
    @adjustment.setter
    def adjustment(self, arg0: AdjustmentType) -> None:
        ...
    @property
    def aggregation(self) -> MetricAggregation:
        """
        MetricAggregationType
        """
    @aggregation.setter
    def aggregation(self, arg0: MetricAggregation) -> None:
        ...
    @property
    def alarm_comparison(self) -> Comparison:
        """
        breach when metric op threshold
        """
    @alarm_comparison.setter
    def alarm_comparison(self, arg0: Comparison) -> None:
        ...
    @property
    def cooldown_s(self) -> float:
        """
        Cooldown (s)
        """
    @cooldown_s.setter
    def cooldown_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def datapoints_to_alarm(self) -> int:
        """
        the alarm's M (of N) (datapoints)
        """
    @datapoints_to_alarm.setter
    def datapoints_to_alarm(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def evaluation_periods(self) -> int:
        """
        the alarm's N (datapoints)
        """
    @evaluation_periods.setter
    def evaluation_periods(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def metric(self) -> str:
        """
        the alarm's metric
        """
    @metric.setter
    def metric(self, arg1: str) -> None:
        ...
    @property
    def min_adjustment_magnitude(self) -> int:
        """
        MinAdjustmentMagnitude (Percent only; 0 = none) (instances)
        """
    @min_adjustment_magnitude.setter
    def min_adjustment_magnitude(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def name(self) -> str:
        """
        name used in the activity log
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
    @property
    def period_s(self) -> float:
        """
        metric period (s)
        """
    @period_s.setter
    def period_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def publish_delay_s(self) -> float:
        """
        delay before a datapoint is visible (s)
        """
    @publish_delay_s.setter
    def publish_delay_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def steps(self) -> list[StepAdjustment]:
        """
        StepAdjustments: no gaps, no overlaps
        """
    @steps.setter
    def steps(self, arg0: collections.abc.Sequence[StepAdjustment]) -> None:
        ...
    @property
    def threshold(self) -> float:
        """
        the alarm threshold (metric unit)
        """
    @threshold.setter
    def threshold(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def treat_missing_data(self) -> StepScalingConfig.MissingData:
        """
        the alarm's TreatMissingData
        """
    @treat_missing_data.setter
    def treat_missing_data(self, arg0: StepScalingConfig.MissingData) -> None:
        ...
class ScheduledActionConfig:
    FIELDS: typing.ClassVar[list] = [{'name': 'name', 'unit': '', 'doc': 'name used in the activity log', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': True}, {'name': 'cron', 'unit': '', 'doc': 'five UTC cron fields; empty for none', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'at_ms', 'unit': 'ms', 'doc': 'explicit times from the start of the trace', 'searchable': False, 'integer': True, 'list': True, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'at_epoch_ms', 'unit': 'ms since the epoch', 'doc': 'explicit times (or ISO-8601 strings with a zone)', 'searchable': False, 'integer': True, 'list': True, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'min_capacity', 'unit': 'instances', 'doc': 'new MinCapacity', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': True, 'sentinel': -1.0, 'non_empty': False}, {'name': 'max_capacity', 'unit': 'instances', 'doc': 'new MaxCapacity', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': True, 'sentinel': -1.0, 'non_empty': False}]
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    def validate(self) -> None:
        ...
    @property
    def at_epoch_ms(self) -> list[int]:
        """
        explicit times (or ISO-8601 strings with a zone) (ms since the epoch)
        """
    @at_epoch_ms.setter
    def at_epoch_ms(self, arg0: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> None:
        ...
    @property
    def at_ms(self) -> list[int]:
        """
        explicit times from the start of the trace (ms)
        """
    @at_ms.setter
    def at_ms(self, arg0: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> None:
        ...
    @property
    def cron(self) -> str:
        """
        five UTC cron fields; empty for none
        """
    @cron.setter
    def cron(self, arg0: str) -> None:
        ...
    @property
    def max_capacity(self) -> int | None:
        """
        new MaxCapacity (instances)
        """
    @max_capacity.setter
    def max_capacity(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def min_capacity(self) -> int | None:
        """
        new MinCapacity (instances)
        """
    @min_capacity.setter
    def min_capacity(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def name(self) -> str:
        """
        name used in the activity log
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
class PredictiveMode:
    """
    Members:
    
      forecast_and_scale
    
      forecast_only
    """
    NAMES: typing.ClassVar[dict]
    __members__: typing.ClassVar[dict[str, PredictiveMode]]
    forecast_and_scale: typing.ClassVar[PredictiveMode]
    forecast_only: typing.ClassVar[PredictiveMode]
    @typing.overload
    def __eq__(self, other: PredictiveMode) -> bool:
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
    def __ne__(self, other: PredictiveMode) -> bool:
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
class ForecastSeasonality:
    """
    Members:
    
      daily
    
      weekly
    """
    NAMES: typing.ClassVar[dict]
    __members__: typing.ClassVar[dict[str, ForecastSeasonality]]
    daily: typing.ClassVar[ForecastSeasonality]
    weekly: typing.ClassVar[ForecastSeasonality]
    @typing.overload
    def __eq__(self, other: ForecastSeasonality) -> bool:
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
    def __ne__(self, other: ForecastSeasonality) -> bool:
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
class MaxCapacityBreach:
    """
    Members:
    
      honor_max_capacity
    
      increase_max_capacity
    """
    NAMES: typing.ClassVar[dict]
    __members__: typing.ClassVar[dict[str, MaxCapacityBreach]]
    honor_max_capacity: typing.ClassVar[MaxCapacityBreach]
    increase_max_capacity: typing.ClassVar[MaxCapacityBreach]
    @typing.overload
    def __eq__(self, other: MaxCapacityBreach) -> bool:
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
    def __ne__(self, other: MaxCapacityBreach) -> bool:
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
class PredictiveConfig:
    FIELDS: typing.ClassVar[list] = [{'name': 'name', 'unit': '', 'doc': 'name used in the activity log', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': True}, {'name': 'mode', 'unit': '', 'doc': "Mode (AWS's API defaults to forecast_only, which scales nothing)", 'searchable': False, 'integer': False, 'list': False, 'type': PredictiveMode, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'target_per_instance', 'unit': 'requests/instance/min', 'doc': 'load one instance is planned for', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'seasonality', 'unit': '', 'doc': 'forecast season', 'searchable': False, 'integer': False, 'list': False, 'type': ForecastSeasonality, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'seasons_averaged', 'unit': 'seasons', 'doc': 'seasons averaged per hour (14 days at most: daily 14, weekly 2)', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'min_history_s', 'unit': 's', 'doc': 'no forecast before this much history', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'refresh_period_s', 'unit': 's', 'doc': 'the forecast is recomputed this often (whole hours)', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'scheduling_buffer_s', 'unit': 's', 'doc': 'SchedulingBufferTime: act this long before the hour', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'breach', 'unit': '', 'doc': 'MaxCapacityBreachBehavior', 'searchable': False, 'integer': False, 'list': False, 'type': MaxCapacityBreach, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'max_capacity_buffer_percent', 'unit': '%', 'doc': 'MaxCapacityBuffer, percent of the forecast', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    def validate(self) -> None:
        ...
    @property
    def breach(self) -> MaxCapacityBreach:
        """
        MaxCapacityBreachBehavior
        """
    @breach.setter
    def breach(self, arg0: MaxCapacityBreach) -> None:
        ...
    @property
    def max_capacity_buffer_percent(self) -> float:
        """
        MaxCapacityBuffer, percent of the forecast (%)
        """
    @max_capacity_buffer_percent.setter
    def max_capacity_buffer_percent(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def min_history_s(self) -> float:
        """
        no forecast before this much history (s)
        """
    @min_history_s.setter
    def min_history_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def mode(self) -> PredictiveMode:
        """
        Mode (AWS's API defaults to forecast_only, which scales nothing)
        """
    @mode.setter
    def mode(self, arg0: PredictiveMode) -> None:
        ...
    @property
    def name(self) -> str:
        """
        name used in the activity log
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
    @property
    def refresh_period_s(self) -> float:
        """
        the forecast is recomputed this often (whole hours) (s)
        """
    @refresh_period_s.setter
    def refresh_period_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def scheduling_buffer_s(self) -> float:
        """
        SchedulingBufferTime: act this long before the hour (s)
        """
    @scheduling_buffer_s.setter
    def scheduling_buffer_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def seasonality(self) -> ForecastSeasonality:
        """
        forecast season
        """
    @seasonality.setter
    def seasonality(self, arg0: ForecastSeasonality) -> None:
        ...
    @property
    def seasons_averaged(self) -> int:
        """
        seasons averaged per hour (14 days at most: daily 14, weekly 2) (seasons)
        """
    @seasons_averaged.setter
    def seasons_averaged(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def target_per_instance(self) -> float:
        """
        load one instance is planned for (requests/instance/min)
        """
    @target_per_instance.setter
    def target_per_instance(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class HpaScalingPolicy:
    class Kind:
        """
        Members:
        
          pods
        
          percent
        """
        NAMES: typing.ClassVar[dict]
        __members__: typing.ClassVar[dict[str, HpaScalingPolicy.Kind]]
        percent: typing.ClassVar[HpaScalingPolicy.Kind]
        pods: typing.ClassVar[HpaScalingPolicy.Kind]
        @typing.overload
        def __eq__(self, other: HpaScalingPolicy.Kind) -> bool:
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
        def __ne__(self, other: HpaScalingPolicy.Kind) -> bool:
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
    FIELDS: typing.ClassVar[list] = [{'name': 'type', 'unit': '', 'doc': 'Pods or Percent', 'searchable': False, 'integer': False, 'list': False, 'type': HpaScalingPolicy.Kind, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'value', 'unit': 'pods or %', 'doc': 'Value', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'period_s', 'unit': 's', 'doc': 'PeriodSeconds', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    @typing.overload
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    @typing.overload
    def __init__(self, type: HpaScalingPolicy.Kind, value: typing.SupportsInt | typing.SupportsIndex, period_s: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def period_s(self) -> float:
        """
        PeriodSeconds (s)
        """
    @period_s.setter
    def period_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def type(self) -> HpaScalingPolicy.Kind:
        """
        Pods or Percent
        """
    @type.setter
    def type(self, arg0: HpaScalingPolicy.Kind) -> None:
        ...
    @property
    def value(self) -> int:
        """
        Value (pods or %)
        """
    @value.setter
    def value(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class HpaSelect:
    """
    Members:
    
      max
    
      min
    
      disabled
    """
    NAMES: typing.ClassVar[dict]
    __members__: typing.ClassVar[dict[str, HpaSelect]]
    disabled: typing.ClassVar[HpaSelect]
    max: typing.ClassVar[HpaSelect]
    min: typing.ClassVar[HpaSelect]
    @typing.overload
    def __eq__(self, other: HpaSelect) -> bool:
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
    def __ne__(self, other: HpaSelect) -> bool:
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
class HpaScalingRules:
    FIELDS: typing.ClassVar[list] = [{'name': 'stabilization_window_s', 'unit': 's', 'doc': 'stabilizationWindowSeconds', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'select', 'unit': '', 'doc': 'selectPolicy', 'searchable': False, 'integer': False, 'list': False, 'type': HpaSelect, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'policies', 'unit': '', 'doc': 'policies', 'searchable': False, 'integer': False, 'list': True, 'type': HpaScalingPolicy, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'tolerance', 'unit': '', 'doc': 'tolerance for this direction (v1.33); null uses the global one', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': True, 'sentinel': -1.0, 'non_empty': False}]
    @staticmethod
    def default_scale_down() -> HpaScalingRules:
        ...
    @staticmethod
    def default_scale_up() -> HpaScalingRules:
        ...
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    @property
    def policies(self) -> list[HpaScalingPolicy]:
        """
        policies
        """
    @policies.setter
    def policies(self, arg0: collections.abc.Sequence[HpaScalingPolicy]) -> None:
        ...
    @property
    def select(self) -> HpaSelect:
        """
        selectPolicy
        """
    @select.setter
    def select(self, arg0: HpaSelect) -> None:
        ...
    @property
    def stabilization_window_s(self) -> float:
        """
        stabilizationWindowSeconds (s)
        """
    @stabilization_window_s.setter
    def stabilization_window_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def tolerance(self) -> float | None:
        """
        tolerance for this direction (v1.33); null uses the global one
        """
    @tolerance.setter
    def tolerance(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
class HpaSource:
    """
    Members:
    
      pods
    
      external_value
    
      external_average_value
    """
    NAMES: typing.ClassVar[dict]
    __members__: typing.ClassVar[dict[str, HpaSource]]
    external_average_value: typing.ClassVar[HpaSource]
    external_value: typing.ClassVar[HpaSource]
    pods: typing.ClassVar[HpaSource]
    @typing.overload
    def __eq__(self, other: HpaSource) -> bool:
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
    def __ne__(self, other: HpaSource) -> bool:
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
class HpaMetric:
    FIELDS: typing.ClassVar[list] = [{'name': 'metric', 'unit': '', 'doc': 'the metric', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'target_value', 'unit': 'metric unit', 'doc': "its target (per pod, or the figure's own)", 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'source', 'unit': '', 'doc': 'pods (Pods or Resource), external_value or external_average_value (External or Object with a Value or AverageValue target)', 'searchable': False, 'integer': False, 'list': False, 'type': HpaSource, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    @property
    def metric(self) -> str:
        """
        the metric
        """
    @metric.setter
    def metric(self, arg1: str) -> None:
        ...
    @property
    def source(self) -> HpaSource:
        """
        pods (Pods or Resource), external_value or external_average_value (External or Object with a Value or AverageValue target)
        """
    @source.setter
    def source(self, arg0: HpaSource) -> None:
        ...
    @property
    def target_value(self) -> float:
        """
        its target (per pod, or the figure's own) (metric unit)
        """
    @target_value.setter
    def target_value(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class HpaConfig:
    FIELDS: typing.ClassVar[list] = [{'name': 'name', 'unit': '', 'doc': 'name used in the activity log', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': True}, {'name': 'metric', 'unit': '', 'doc': 'per-pod metric (CPU in percent)', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'target_value', 'unit': 'metric unit', 'doc': 'target average per pod', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'source', 'unit': '', 'doc': 'pods (Pods or Resource), external_value or external_average_value (External or Object with a Value or AverageValue target)', 'searchable': False, 'integer': False, 'list': False, 'type': HpaSource, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'sync_period_s', 'unit': 's', 'doc': '--horizontal-pod-autoscaler-sync-period', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'tolerance', 'unit': '', 'doc': '--horizontal-pod-autoscaler-tolerance', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'metric_period_s', 'unit': 's', 'doc': 'metrics window (metrics-server resolution)', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'metric_delay_s', 'unit': 's', 'doc': 'delay before a metrics window is visible', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'cpu_initialization_period_s', 'unit': 's', 'doc': '--horizontal-pod-autoscaler-cpu-initialization-period', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'initial_readiness_delay_s', 'unit': 's', 'doc': '--horizontal-pod-autoscaler-initial-readiness-delay', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'legacy', 'unit': '', 'doc': 'no behavior field: scale-up limit max(2 x current, 4), 5 min down', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'legacy_downscale_window_s', 'unit': 's', 'doc': "legacy path's downscale stabilization window", 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'scale_up', 'unit': '', 'doc': 'behavior.scaleUp', 'searchable': False, 'integer': False, 'list': False, 'type': HpaScalingRules, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'scale_down', 'unit': '', 'doc': 'behavior.scaleDown', 'searchable': False, 'integer': False, 'list': False, 'type': HpaScalingRules, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'more_metrics', 'unit': '', 'doc': 'further spec.metrics: the largest recommendation wins; one unreadable blocks scale-down', 'searchable': False, 'integer': False, 'list': True, 'type': HpaMetric, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    def validate(self) -> None:
        ...
    @property
    def cpu_initialization_period_s(self) -> float:
        """
        --horizontal-pod-autoscaler-cpu-initialization-period (s)
        """
    @cpu_initialization_period_s.setter
    def cpu_initialization_period_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def initial_readiness_delay_s(self) -> float:
        """
        --horizontal-pod-autoscaler-initial-readiness-delay (s)
        """
    @initial_readiness_delay_s.setter
    def initial_readiness_delay_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def legacy(self) -> bool:
        """
        no behavior field: scale-up limit max(2 x current, 4), 5 min down
        """
    @legacy.setter
    def legacy(self, arg0: bool) -> None:
        ...
    @property
    def legacy_downscale_window_s(self) -> float:
        """
        legacy path's downscale stabilization window (s)
        """
    @legacy_downscale_window_s.setter
    def legacy_downscale_window_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def metric(self) -> str:
        """
        per-pod metric (CPU in percent)
        """
    @metric.setter
    def metric(self, arg1: str) -> None:
        ...
    @property
    def metric_delay_s(self) -> float:
        """
        delay before a metrics window is visible (s)
        """
    @metric_delay_s.setter
    def metric_delay_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def metric_period_s(self) -> float:
        """
        metrics window (metrics-server resolution) (s)
        """
    @metric_period_s.setter
    def metric_period_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def more_metrics(self) -> list[HpaMetric]:
        """
        further spec.metrics: the largest recommendation wins; one unreadable blocks scale-down
        """
    @more_metrics.setter
    def more_metrics(self, arg0: collections.abc.Sequence[HpaMetric]) -> None:
        ...
    @property
    def name(self) -> str:
        """
        name used in the activity log
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
    @property
    def scale_down(self) -> HpaScalingRules:
        """
        behavior.scaleDown
        """
    @scale_down.setter
    def scale_down(self, arg0: HpaScalingRules) -> None:
        ...
    @property
    def scale_up(self) -> HpaScalingRules:
        """
        behavior.scaleUp
        """
    @scale_up.setter
    def scale_up(self, arg0: HpaScalingRules) -> None:
        ...
    @property
    def source(self) -> HpaSource:
        """
        pods (Pods or Resource), external_value or external_average_value (External or Object with a Value or AverageValue target)
        """
    @source.setter
    def source(self, arg0: HpaSource) -> None:
        ...
    @property
    def sync_period_s(self) -> float:
        """
        --horizontal-pod-autoscaler-sync-period (s)
        """
    @sync_period_s.setter
    def sync_period_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def target_value(self) -> float:
        """
        target average per pod (metric unit)
        """
    @target_value.setter
    def target_value(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def tolerance(self) -> float:
        """
        --horizontal-pod-autoscaler-tolerance
        """
    @tolerance.setter
    def tolerance(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class Trace:
    def __init__(self, counts: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], interval_s: typing.SupportsFloat | typing.SupportsIndex, start_epoch_s: typing.SupportsFloat | typing.SupportsIndex = 0.0) -> None:
        ...
    def __len__(self) -> int:
        ...
    def busiest_first(self, count: typing.SupportsInt | typing.SupportsIndex) -> int:
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
    def start_epoch_ms(self) -> int:
        ...
    @property
    def start_epoch_s(self) -> float:
        ...
class ServiceFamily:
    """
    Members:
    
      fitted
    
      exponential
    
      deterministic
    
      lognormal
    
      gamma
    
      empirical
    """
    NAMES: typing.ClassVar[dict]
    __members__: typing.ClassVar[dict[str, ServiceFamily]]
    deterministic: typing.ClassVar[ServiceFamily]
    empirical: typing.ClassVar[ServiceFamily]
    exponential: typing.ClassVar[ServiceFamily]
    fitted: typing.ClassVar[ServiceFamily]
    gamma: typing.ClassVar[ServiceFamily]
    lognormal: typing.ClassVar[ServiceFamily]
    @typing.overload
    def __eq__(self, other: ServiceFamily) -> bool:
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
    def __ne__(self, other: ServiceFamily) -> bool:
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
class InstanceType:
    FIELDS: typing.ClassVar[list] = [{'name': 'name', 'unit': '', 'doc': 'instance type name, for reports', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': True}, {'name': 'price_per_hour', 'unit': 'USD/h', 'doc': 'on-demand price per hour', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'workers', 'unit': 'requests', 'doc': 'requests one instance serves in parallel', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'service_time_s', 'unit': 's', 'doc': 'mean service time of one request', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'service_cv', 'unit': '', 'doc': 'coefficient of variation of the service time (0 = fixed)', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'service', 'unit': '', 'doc': 'service-time family the request mode samples', 'searchable': False, 'integer': False, 'list': False, 'type': ServiceFamily, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'service_samples_s', 'unit': 's', 'doc': 'empirical: observed service times', 'searchable': False, 'integer': False, 'list': True, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    def effective_cv(self) -> float:
        ...
    def mean_service_s(self) -> float:
        ...
    @property
    def name(self) -> str:
        """
        instance type name, for reports
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
    @property
    def price_per_hour(self) -> float:
        """
        on-demand price per hour (USD/h)
        """
    @price_per_hour.setter
    def price_per_hour(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def service(self) -> ServiceFamily:
        """
        service-time family the request mode samples
        """
    @service.setter
    def service(self, arg0: ServiceFamily) -> None:
        ...
    @property
    def service_cv(self) -> float:
        """
        coefficient of variation of the service time (0 = fixed)
        """
    @service_cv.setter
    def service_cv(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def service_samples_s(self) -> list[float]:
        """
        empirical: observed service times (s)
        """
    @service_samples_s.setter
    def service_samples_s(self, arg0: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> None:
        ...
    @property
    def service_time_s(self) -> float:
        """
        mean service time of one request (s)
        """
    @service_time_s.setter
    def service_time_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def workers(self) -> int:
        """
        requests one instance serves in parallel (requests)
        """
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
        NAMES: typing.ClassVar[dict]
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
    FIELDS: typing.ClassVar[list] = [{'name': 'kind', 'unit': '', 'doc': 'family of the start-up time distribution', 'searchable': False, 'integer': False, 'list': False, 'type': StartupDistribution.Kind, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'fixed_s', 'unit': 's', 'doc': 'fixed: the start-up time', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'median_s', 'unit': 's', 'doc': 'lognormal: median', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'sigma', 'unit': '', 'doc': 'lognormal: standard deviation of the log', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'low_s', 'unit': 's', 'doc': 'uniform: lower bound', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'high_s', 'unit': 's', 'doc': 'uniform: upper bound (>= low_s)', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    @staticmethod
    def fixed(seconds: typing.SupportsFloat | typing.SupportsIndex) -> StartupDistribution:
        ...
    @staticmethod
    def lognormal(median_s: typing.SupportsFloat | typing.SupportsIndex, sigma: typing.SupportsFloat | typing.SupportsIndex) -> StartupDistribution:
        ...
    @staticmethod
    def uniform(low_s: typing.SupportsFloat | typing.SupportsIndex, high_s: typing.SupportsFloat | typing.SupportsIndex) -> StartupDistribution:
        ...
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    @property
    def fixed_s(self) -> float:
        """
        fixed: the start-up time (s)
        """
    @fixed_s.setter
    def fixed_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def high_s(self) -> float:
        """
        uniform: upper bound (>= low_s) (s)
        """
    @high_s.setter
    def high_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def kind(self) -> StartupDistribution.Kind:
        """
        family of the start-up time distribution
        """
    @kind.setter
    def kind(self, arg0: StartupDistribution.Kind) -> None:
        ...
    @property
    def low_s(self) -> float:
        """
        uniform: lower bound (s)
        """
    @low_s.setter
    def low_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def median_s(self) -> float:
        """
        lognormal: median (s)
        """
    @median_s.setter
    def median_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def sigma(self) -> float:
        """
        lognormal: standard deviation of the log
        """
    @sigma.setter
    def sigma(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class Routing:
    """
    Members:
    
      random
    
      least_outstanding
    """
    NAMES: typing.ClassVar[dict]
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
    NAMES: typing.ClassVar[dict]
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
class ArrivalProcess:
    """
    Members:
    
      poisson
    
      uniform_counts
    
      log
    
      poisson_counts
    """
    NAMES: typing.ClassVar[dict]
    __members__: typing.ClassVar[dict[str, ArrivalProcess]]
    log: typing.ClassVar[ArrivalProcess]
    poisson: typing.ClassVar[ArrivalProcess]
    poisson_counts: typing.ClassVar[ArrivalProcess]
    uniform_counts: typing.ClassVar[ArrivalProcess]
    @typing.overload
    def __eq__(self, other: ArrivalProcess) -> bool:
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
    def __ne__(self, other: ArrivalProcess) -> bool:
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
    NAMES: typing.ClassVar[dict]
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
class BusyScaleOut:
    """
    Members:
    
      retry
    
      remember_largest
    """
    NAMES: typing.ClassVar[dict]
    __members__: typing.ClassVar[dict[str, BusyScaleOut]]
    remember_largest: typing.ClassVar[BusyScaleOut]
    retry: typing.ClassVar[BusyScaleOut]
    @typing.overload
    def __eq__(self, other: BusyScaleOut) -> bool:
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
    def __ne__(self, other: BusyScaleOut) -> bool:
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
    NAMES: typing.ClassVar[dict]
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
class InferenceComponentConfig:
    class InstanceScaleIn:
        """
        Members:
        
          idle_release
        
          consolidation
        """
        NAMES: typing.ClassVar[dict]
        __members__: typing.ClassVar[dict[str, InferenceComponentConfig.InstanceScaleIn]]
        consolidation: typing.ClassVar[InferenceComponentConfig.InstanceScaleIn]
        idle_release: typing.ClassVar[InferenceComponentConfig.InstanceScaleIn]
        @typing.overload
        def __eq__(self, other: InferenceComponentConfig.InstanceScaleIn) -> bool:
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
        def __ne__(self, other: InferenceComponentConfig.InstanceScaleIn) -> bool:
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
    FIELDS: typing.ClassVar[list] = [{'name': 'copies_per_instance', 'unit': 'copies', 'doc': "copies one instance holds (its compute / the copy's, the scarcest)", 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'min_instances', 'unit': 'instances', 'doc': 'MinInstanceCount', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'max_instances', 'unit': 'instances', 'doc': 'MaxInstanceCount (>= min_instances)', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'copy_startup', 'unit': '', 'doc': 'copy start-up on an instance without the model', 'searchable': False, 'integer': False, 'list': False, 'type': StartupDistribution, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'cached_copy_startup', 'unit': '', 'doc': 'copy start-up on an instance that held a copy', 'searchable': False, 'integer': False, 'list': False, 'type': StartupDistribution, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'scale_in', 'unit': '', 'doc': 'ScaleInPolicy.Strategy', 'searchable': False, 'integer': False, 'list': False, 'type': InferenceComponentConfig.InstanceScaleIn, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'cooldown_min', 'unit': 'min', 'doc': 'CooldownInMinutes: quiet time before consolidation', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'max_step_size', 'unit': 'instances', 'doc': 'MaximumStepSize: instances one consolidation releases', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'accelerators', 'unit': 'devices', 'doc': 'NumberOfAcceleratorDevicesRequired per copy (0: not given)', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'cpu_cores', 'unit': 'cores', 'doc': 'NumberOfCpuCoresRequired per copy (0: not given)', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'memory_mb', 'unit': 'MB', 'doc': 'MinMemoryRequiredInMb per copy (0: not given)', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'instance_accelerators', 'unit': 'devices', 'doc': "the instance's accelerators (0: the catalogue's)", 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'instance_cpu_cores', 'unit': 'cores', 'doc': "the instance's CPU cores (0: the catalogue's)", 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'instance_memory_mb', 'unit': 'MB', 'doc': "the instance's memory (0: the catalogue's)", 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    @property
    def accelerators(self) -> float:
        """
        NumberOfAcceleratorDevicesRequired per copy (0: not given) (devices)
        """
    @accelerators.setter
    def accelerators(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def cached_copy_startup(self) -> StartupDistribution:
        """
        copy start-up on an instance that held a copy
        """
    @cached_copy_startup.setter
    def cached_copy_startup(self, arg0: StartupDistribution) -> None:
        ...
    @property
    def cooldown_min(self) -> float:
        """
        CooldownInMinutes: quiet time before consolidation (min)
        """
    @cooldown_min.setter
    def cooldown_min(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def copies_per_instance(self) -> int:
        """
        copies one instance holds (its compute / the copy's, the scarcest) (copies)
        """
    @copies_per_instance.setter
    def copies_per_instance(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def copy_startup(self) -> StartupDistribution:
        """
        copy start-up on an instance without the model
        """
    @copy_startup.setter
    def copy_startup(self, arg0: StartupDistribution) -> None:
        ...
    @property
    def cpu_cores(self) -> float:
        """
        NumberOfCpuCoresRequired per copy (0: not given) (cores)
        """
    @cpu_cores.setter
    def cpu_cores(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def instance_accelerators(self) -> float:
        """
        the instance's accelerators (0: the catalogue's) (devices)
        """
    @instance_accelerators.setter
    def instance_accelerators(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def instance_cpu_cores(self) -> float:
        """
        the instance's CPU cores (0: the catalogue's) (cores)
        """
    @instance_cpu_cores.setter
    def instance_cpu_cores(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def instance_memory_mb(self) -> float:
        """
        the instance's memory (0: the catalogue's) (MB)
        """
    @instance_memory_mb.setter
    def instance_memory_mb(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def max_instances(self) -> int:
        """
        MaxInstanceCount (>= min_instances) (instances)
        """
    @max_instances.setter
    def max_instances(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def max_step_size(self) -> int:
        """
        MaximumStepSize: instances one consolidation releases (instances)
        """
    @max_step_size.setter
    def max_step_size(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def memory_mb(self) -> float:
        """
        MinMemoryRequiredInMb per copy (0: not given) (MB)
        """
    @memory_mb.setter
    def memory_mb(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def min_instances(self) -> int:
        """
        MinInstanceCount (instances)
        """
    @min_instances.setter
    def min_instances(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def scale_in(self) -> InferenceComponentConfig.InstanceScaleIn:
        """
        ScaleInPolicy.Strategy
        """
    @scale_in.setter
    def scale_in(self, arg0: InferenceComponentConfig.InstanceScaleIn) -> None:
        ...
class ServerlessConfig:
    FIELDS: typing.ClassVar[list] = [{'name': 'memory_mb', 'unit': 'MB', 'doc': 'MemorySizeInMB: 1024, 2048, 3072, 4096, 5120 or 6144', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'max_concurrency', 'unit': 'requests', 'doc': 'MaxConcurrency: requests running at once; one more is throttled', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'cold_start', 'unit': '', 'doc': "a request's wait for a new container", 'searchable': False, 'integer': False, 'list': False, 'type': StartupDistribution, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'keep_warm_s', 'unit': 's', 'doc': 'how long an idle on-demand container stays warm (not documented)', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'price_per_gb_s', 'unit': 'USD/GB-s', 'doc': 'on-demand inference duration', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'provisioned_price_per_gb_s', 'unit': 'USD/GB-s', 'doc': 'provisioned concurrency, per provisioned container', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'provisioned_duration_price_per_gb_s', 'unit': 'USD/GB-s', 'doc': 'inference duration on provisioned concurrency', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'data_price_per_gb', 'unit': 'USD/GB', 'doc': 'data processed in and out', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'payload_kb', 'unit': 'KB', 'doc': 'request plus response size per request, billed as data processed (4 MB each way at most: 8192)', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    @property
    def cold_start(self) -> StartupDistribution:
        """
        a request's wait for a new container
        """
    @cold_start.setter
    def cold_start(self, arg0: StartupDistribution) -> None:
        ...
    @property
    def data_price_per_gb(self) -> float:
        """
        data processed in and out (USD/GB)
        """
    @data_price_per_gb.setter
    def data_price_per_gb(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def keep_warm_s(self) -> float:
        """
        how long an idle on-demand container stays warm (not documented) (s)
        """
    @keep_warm_s.setter
    def keep_warm_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def max_concurrency(self) -> int:
        """
        MaxConcurrency: requests running at once; one more is throttled (requests)
        """
    @max_concurrency.setter
    def max_concurrency(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def memory_mb(self) -> int:
        """
        MemorySizeInMB: 1024, 2048, 3072, 4096, 5120 or 6144 (MB)
        """
    @memory_mb.setter
    def memory_mb(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def payload_kb(self) -> float:
        """
        request plus response size per request, billed as data processed (4 MB each way at most: 8192) (KB)
        """
    @payload_kb.setter
    def payload_kb(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def price_per_gb_s(self) -> float:
        """
        on-demand inference duration (USD/GB-s)
        """
    @price_per_gb_s.setter
    def price_per_gb_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def provisioned_duration_price_per_gb_s(self) -> float:
        """
        inference duration on provisioned concurrency (USD/GB-s)
        """
    @provisioned_duration_price_per_gb_s.setter
    def provisioned_duration_price_per_gb_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def provisioned_price_per_gb_s(self) -> float:
        """
        provisioned concurrency, per provisioned container (USD/GB-s)
        """
    @provisioned_price_per_gb_s.setter
    def provisioned_price_per_gb_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class MultiModelConfig:
    FIELDS: typing.ClassVar[list] = [{'name': 'models', 'unit': 'models', 'doc': 'models behind the endpoint', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'zipf_s', 'unit': '', 'doc': "Zipf exponent of the models' shares (model k: 1 / k^s)", 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'model_weights', 'unit': '', 'doc': "each model's share, in proportion (replaces Zipf)", 'searchable': False, 'integer': False, 'list': True, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'model_size_gb', 'unit': 'GB', 'doc': 'memory one loaded model takes', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'model_sizes_gb', 'unit': 'GB', 'doc': "each model's size (replaces model_size_gb)", 'searchable': False, 'integer': False, 'list': True, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'instance_memory_gb', 'unit': 'GB', 'doc': 'memory of one instance for models (>= model_size_gb)', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'load_base_s', 'unit': 's', 'doc': 'time to load a model, fixed part', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'load_s_per_gb', 'unit': 's/GB', 'doc': 'time to load a model, per GB', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'reload_s_per_gb', 'unit': 's/GB', 'doc': "time to load a model again from the instance's volume, per GB", 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'instance_disk_gb', 'unit': 'GB', 'doc': "the instance's volume for models (0: room for every model)", 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'caching', 'unit': '', 'doc': 'ModelCacheSetting Enabled; false unloads a model when idle', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    @property
    def caching(self) -> bool:
        """
        ModelCacheSetting Enabled; false unloads a model when idle
        """
    @caching.setter
    def caching(self, arg0: bool) -> None:
        ...
    @property
    def instance_disk_gb(self) -> float:
        """
        the instance's volume for models (0: room for every model) (GB)
        """
    @instance_disk_gb.setter
    def instance_disk_gb(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def instance_memory_gb(self) -> float:
        """
        memory of one instance for models (>= model_size_gb) (GB)
        """
    @instance_memory_gb.setter
    def instance_memory_gb(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def load_base_s(self) -> float:
        """
        time to load a model, fixed part (s)
        """
    @load_base_s.setter
    def load_base_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def load_s_per_gb(self) -> float:
        """
        time to load a model, per GB (s/GB)
        """
    @load_s_per_gb.setter
    def load_s_per_gb(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def model_size_gb(self) -> float:
        """
        memory one loaded model takes (GB)
        """
    @model_size_gb.setter
    def model_size_gb(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def model_sizes_gb(self) -> list[float]:
        """
        each model's size (replaces model_size_gb) (GB)
        """
    @model_sizes_gb.setter
    def model_sizes_gb(self, arg0: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> None:
        ...
    @property
    def model_weights(self) -> list[float]:
        """
        each model's share, in proportion (replaces Zipf)
        """
    @model_weights.setter
    def model_weights(self, arg0: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> None:
        ...
    @property
    def models(self) -> int:
        """
        models behind the endpoint (models)
        """
    @models.setter
    def models(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def reload_s_per_gb(self) -> float:
        """
        time to load a model again from the instance's volume, per GB (s/GB)
        """
    @reload_s_per_gb.setter
    def reload_s_per_gb(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def zipf_s(self) -> float:
        """
        Zipf exponent of the models' shares (model k: 1 / k^s)
        """
    @zipf_s.setter
    def zipf_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class EndpointConfig:
    class EndpointKind:
        """
        Members:
        
          real_time
        
          async
        
          inference_component
        
          serverless
        
          multi_model
        """
        NAMES: typing.ClassVar[dict]
        __members__: typing.ClassVar[dict[str, EndpointConfig.EndpointKind]]
        async: typing.ClassVar[EndpointConfig.EndpointKind]
        inference_component: typing.ClassVar[EndpointConfig.EndpointKind]
        multi_model: typing.ClassVar[EndpointConfig.EndpointKind]
        real_time: typing.ClassVar[EndpointConfig.EndpointKind]
        serverless: typing.ClassVar[EndpointConfig.EndpointKind]
        @typing.overload
        def __eq__(self, other: EndpointConfig.EndpointKind) -> bool:
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
        def __ne__(self, other: EndpointConfig.EndpointKind) -> bool:
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
    FIELDS: typing.ClassVar[list] = [{'name': 'instance_type', 'unit': '', 'doc': 'what one instance costs and how fast it serves', 'searchable': False, 'integer': False, 'list': False, 'type': InstanceType, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'initial_capacity', 'unit': 'instances', 'doc': 'instances in service at time 0 (moved into [Min, Max])', 'searchable': True, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'startup', 'unit': '', 'doc': 'time from launch to in service', 'searchable': False, 'integer': False, 'list': False, 'type': StartupDistribution, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'invocation_timeout_s', 'unit': 's', 'doc': 'a request waiting longer is an error', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'routing', 'unit': '', 'doc': 'request routing', 'searchable': False, 'integer': False, 'list': False, 'type': Routing, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'max_queue', 'unit': 'requests', 'doc': 'waiting requests per instance before throttling (fluid mode: 0 or null only)', 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': True, 'sentinel': -1.0, 'non_empty': False}, {'name': 'request_ttl_s', 'unit': 's', 'doc': 'async: RequestTTLSeconds, longest wait in the queue before expiry', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'processing_timeout_s', 'unit': 's', 'doc': 'async: InvocationTimeoutSeconds, longest processing before failure', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'client_max_attempts', 'unit': 'attempts', 'doc': "request mode: a client's attempts for a request refused at once (SDK standard mode: 3)", 'searchable': False, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'client_backoff_base_s', 'unit': 's', 'doc': 'retry k (after attempt k) waits U[0, min(cap, base x 2^(k-1))]', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'client_max_backoff_s', 'unit': 's', 'doc': "the retry back-off's cap", 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'kind', 'unit': '', 'doc': 'real_time, async (one queue in front, scale to zero), inference_component (copies on managed instances), serverless (a container per request) or multi_model (models loaded on demand)', 'searchable': False, 'integer': False, 'list': False, 'type': EndpointConfig.EndpointKind, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'inference_component', 'unit': '', 'doc': 'inference_component: the copies and instances', 'searchable': False, 'integer': False, 'list': False, 'type': InferenceComponentConfig, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'serverless', 'unit': '', 'doc': 'serverless: memory, MaxConcurrency, cold starts, prices', 'searchable': False, 'integer': False, 'list': False, 'type': ServerlessConfig, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'multi_model', 'unit': '', 'doc': 'multi_model: the models, their shares and the cache', 'searchable': False, 'integer': False, 'list': False, 'type': MultiModelConfig, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'savings_plan_discount', 'unit': '', 'doc': "a Savings Plan's discount (0: none): cost_with_plan_usd", 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'payload_kb', 'unit': 'KB', 'doc': "largest request payload (0: not given), within the kind's limit: 6 MB, serverless 4 MB, async 1 GB", 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    @property
    def client_backoff_base_s(self) -> float:
        """
        retry k (after attempt k) waits U[0, min(cap, base x 2^(k-1))] (s)
        """
    @client_backoff_base_s.setter
    def client_backoff_base_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def client_max_attempts(self) -> int:
        """
        request mode: a client's attempts for a request refused at once (SDK standard mode: 3) (attempts)
        """
    @client_max_attempts.setter
    def client_max_attempts(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def client_max_backoff_s(self) -> float:
        """
        the retry back-off's cap (s)
        """
    @client_max_backoff_s.setter
    def client_max_backoff_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def inference_component(self) -> InferenceComponentConfig:
        """
        inference_component: the copies and instances
        """
    @inference_component.setter
    def inference_component(self, arg0: InferenceComponentConfig) -> None:
        ...
    @property
    def initial_capacity(self) -> int:
        """
        instances in service at time 0 (moved into [Min, Max]) (instances)
        """
    @initial_capacity.setter
    def initial_capacity(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def instance_type(self) -> InstanceType:
        """
        what one instance costs and how fast it serves
        """
    @instance_type.setter
    def instance_type(self, arg0: InstanceType) -> None:
        ...
    @property
    def invocation_timeout_s(self) -> float:
        """
        a request waiting longer is an error (s)
        """
    @invocation_timeout_s.setter
    def invocation_timeout_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def kind(self) -> EndpointConfig.EndpointKind:
        """
        real_time, async (one queue in front, scale to zero), inference_component (copies on managed instances), serverless (a container per request) or multi_model (models loaded on demand)
        """
    @kind.setter
    def kind(self, arg0: EndpointConfig.EndpointKind) -> None:
        ...
    @property
    def max_queue(self) -> int | None:
        """
        waiting requests per instance before throttling (fluid mode: 0 or null only) (requests)
        """
    @max_queue.setter
    def max_queue(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def multi_model(self) -> MultiModelConfig:
        """
        multi_model: the models, their shares and the cache
        """
    @multi_model.setter
    def multi_model(self, arg0: MultiModelConfig) -> None:
        ...
    @property
    def payload_kb(self) -> float:
        """
        largest request payload (0: not given), within the kind's limit: 6 MB, serverless 4 MB, async 1 GB (KB)
        """
    @payload_kb.setter
    def payload_kb(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def processing_timeout_s(self) -> float:
        """
        async: InvocationTimeoutSeconds, longest processing before failure (s)
        """
    @processing_timeout_s.setter
    def processing_timeout_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def request_ttl_s(self) -> float:
        """
        async: RequestTTLSeconds, longest wait in the queue before expiry (s)
        """
    @request_ttl_s.setter
    def request_ttl_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def routing(self) -> Routing:
        """
        request routing
        """
    @routing.setter
    def routing(self, arg0: Routing) -> None:
        ...
    @property
    def savings_plan_discount(self) -> float:
        """
        a Savings Plan's discount (0: none): cost_with_plan_usd
        """
    @savings_plan_discount.setter
    def savings_plan_discount(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def serverless(self) -> ServerlessConfig:
        """
        serverless: memory, MaxConcurrency, cold starts, prices
        """
    @serverless.setter
    def serverless(self, arg0: ServerlessConfig) -> None:
        ...
    @property
    def startup(self) -> StartupDistribution:
        """
        time from launch to in service
        """
    @startup.setter
    def startup(self, arg0: StartupDistribution) -> None:
        ...
class TargetTrackingConfig:
    FIELDS: typing.ClassVar[list] = [{'name': 'name', 'unit': '', 'doc': 'name used in the activity log', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': True}, {'name': 'metric', 'unit': '', 'doc': 'tracked metric', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'target_value', 'unit': 'metric unit', 'doc': "TargetValue, in the metric's unit per period", 'searchable': True, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'scale_out_cooldown_s', 'unit': 's', 'doc': 'ScaleOutCooldown', 'searchable': True, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'scale_in_cooldown_s', 'unit': 's', 'doc': 'ScaleInCooldown', 'searchable': True, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'disable_scale_in', 'unit': '', 'doc': 'DisableScaleIn', 'searchable': True, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'high_evaluation_periods', 'unit': 'datapoints', 'doc': 'AlarmHigh: datapoints looked at', 'searchable': True, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'high_datapoints_to_alarm', 'unit': 'datapoints', 'doc': 'AlarmHigh: breaching datapoints needed (<= high_evaluation_periods)', 'searchable': True, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'low_evaluation_periods', 'unit': 'datapoints', 'doc': 'AlarmLow: datapoints looked at', 'searchable': True, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'low_datapoints_to_alarm', 'unit': 'datapoints', 'doc': 'AlarmLow: breaching datapoints needed (<= low_evaluation_periods)', 'searchable': True, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'low_threshold_fraction', 'unit': '', 'doc': 'AlarmLow threshold = fraction x target (0.9 AAS, 0.7 EC2)', 'searchable': True, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'period_s', 'unit': 's', 'doc': 'metric period', 'searchable': True, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'publish_delay_s', 'unit': 's', 'doc': 'delay before a datapoint is visible to the alarms', 'searchable': True, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'treat_missing_data', 'unit': '', 'doc': "TreatMissingData of both alarms (AAS's own value is not documented)", 'searchable': False, 'integer': False, 'list': False, 'type': StepScalingConfig.MissingData, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    @staticmethod
    def high_resolution(target_value: typing.SupportsFloat | typing.SupportsIndex) -> TargetTrackingConfig:
        ...
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    def validate(self) -> None:
        ...
    @property
    def disable_scale_in(self) -> bool:
        """
        DisableScaleIn
        """
    @disable_scale_in.setter
    def disable_scale_in(self, arg0: bool) -> None:
        ...
    @property
    def high_datapoints_to_alarm(self) -> int:
        """
        AlarmHigh: breaching datapoints needed (<= high_evaluation_periods) (datapoints)
        """
    @high_datapoints_to_alarm.setter
    def high_datapoints_to_alarm(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def high_evaluation_periods(self) -> int:
        """
        AlarmHigh: datapoints looked at (datapoints)
        """
    @high_evaluation_periods.setter
    def high_evaluation_periods(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def low_datapoints_to_alarm(self) -> int:
        """
        AlarmLow: breaching datapoints needed (<= low_evaluation_periods) (datapoints)
        """
    @low_datapoints_to_alarm.setter
    def low_datapoints_to_alarm(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def low_evaluation_periods(self) -> int:
        """
        AlarmLow: datapoints looked at (datapoints)
        """
    @low_evaluation_periods.setter
    def low_evaluation_periods(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def low_threshold_fraction(self) -> float:
        """
        AlarmLow threshold = fraction x target (0.9 AAS, 0.7 EC2)
        """
    @low_threshold_fraction.setter
    def low_threshold_fraction(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def metric(self) -> str:
        """
        tracked metric
        """
    @metric.setter
    def metric(self, arg1: str) -> None:
        ...
    @property
    def name(self) -> str:
        """
        name used in the activity log
        """
    @name.setter
    def name(self, arg0: str) -> None:
        ...
    @property
    def period_s(self) -> float:
        """
        metric period (s)
        """
    @period_s.setter
    def period_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def publish_delay_s(self) -> float:
        """
        delay before a datapoint is visible to the alarms (s)
        """
    @publish_delay_s.setter
    def publish_delay_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def scale_in_cooldown_s(self) -> float:
        """
        ScaleInCooldown (s)
        """
    @scale_in_cooldown_s.setter
    def scale_in_cooldown_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def scale_out_cooldown_s(self) -> float:
        """
        ScaleOutCooldown (s)
        """
    @scale_out_cooldown_s.setter
    def scale_out_cooldown_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def target_value(self) -> float:
        """
        TargetValue, in the metric's unit per period (metric unit)
        """
    @target_value.setter
    def target_value(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def treat_missing_data(self) -> StepScalingConfig.MissingData:
        """
        TreatMissingData of both alarms (AAS's own value is not documented)
        """
    @treat_missing_data.setter
    def treat_missing_data(self, arg0: StepScalingConfig.MissingData) -> None:
        ...
class ScalingConfig:
    FIELDS: typing.ClassVar[list] = [{'name': 'min_capacity', 'unit': 'instances', 'doc': 'MinCapacity', 'searchable': True, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'max_capacity', 'unit': 'instances', 'doc': 'MaxCapacity (>= min_capacity)', 'searchable': True, 'integer': True, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'cooldown_from', 'unit': '', 'doc': 'when cooldowns start: at the completion or the start of an activity', 'searchable': False, 'integer': False, 'list': False, 'type': CooldownStart, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'capacity_basis', 'unit': '', 'doc': 'capacity in desired = ceil(capacity x metric / target)', 'searchable': False, 'integer': False, 'list': False, 'type': CapacityBasis, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'scale_out_while_updating', 'unit': '', 'doc': "a policy's scale-out asked for while an activity is in progress: retried on fresh data, or the largest kept", 'searchable': False, 'integer': False, 'list': False, 'type': BusyScaleOut, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    def set_custom(self, policies: collections.abc.Sequence[CustomPolicy]) -> None:
        """
        Replaces the custom policies (CustomPolicy subclasses).
        """
    @property
    def capacity_basis(self) -> CapacityBasis:
        """
        capacity in desired = ceil(capacity x metric / target)
        """
    @capacity_basis.setter
    def capacity_basis(self, arg0: CapacityBasis) -> None:
        ...
    @property
    def cooldown_from(self) -> CooldownStart:
        """
        when cooldowns start: at the completion or the start of an activity
        """
    @cooldown_from.setter
    def cooldown_from(self, arg0: CooldownStart) -> None:
        ...
    @property
    def hpa(self) -> list[HpaConfig]:
        ...
    @hpa.setter
    def hpa(self, arg0: collections.abc.Sequence[HpaConfig]) -> None:
        ...
    @property
    def max_capacity(self) -> int:
        """
        MaxCapacity (>= min_capacity) (instances)
        """
    @max_capacity.setter
    def max_capacity(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def min_capacity(self) -> int:
        """
        MinCapacity (instances)
        """
    @min_capacity.setter
    def min_capacity(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def predictive(self) -> list[PredictiveConfig]:
        ...
    @predictive.setter
    def predictive(self, arg0: collections.abc.Sequence[PredictiveConfig]) -> None:
        ...
    @property
    def scale_out_while_updating(self) -> BusyScaleOut:
        """
        a policy's scale-out asked for while an activity is in progress: retried on fresh data, or the largest kept
        """
    @scale_out_while_updating.setter
    def scale_out_while_updating(self, arg0: BusyScaleOut) -> None:
        ...
    @property
    def scheduled(self) -> list[ScheduledActionConfig]:
        ...
    @scheduled.setter
    def scheduled(self, arg0: collections.abc.Sequence[ScheduledActionConfig]) -> None:
        ...
    @property
    def step_scaling(self) -> list[StepScalingConfig]:
        ...
    @step_scaling.setter
    def step_scaling(self, arg0: collections.abc.Sequence[StepScalingConfig]) -> None:
        ...
    @property
    def target_tracking(self) -> list[TargetTrackingConfig]:
        ...
    @target_tracking.setter
    def target_tracking(self, arg0: collections.abc.Sequence[TargetTrackingConfig]) -> None:
        ...
class SloConfig:
    FIELDS: typing.ClassVar[list] = [{'name': 'latency_s', 'unit': 's', 'doc': 'a request is good within this latency', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}, {'name': 'target', 'unit': '', 'doc': 'share of good requests aimed for', 'searchable': False, 'integer': False, 'list': False, 'type': None, 'nullable': False, 'sentinel': None, 'non_empty': False}]
    def __init__(self, **kwargs) -> None:
        """
        A value with every field at its default, or as given by keyword.
        """
    @property
    def latency_s(self) -> float:
        """
        a request is good within this latency (s)
        """
    @latency_s.setter
    def latency_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def target(self) -> float:
        """
        share of good requests aimed for
        """
    @target.setter
    def target(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class Caveat:
    """
    A sentence a scenario's results should be read with, and its kind: "coarse_trace", "schedule", "capacity", "slo", "fractional_counts" or "service_time".
    """
    def __repr__(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def text(self) -> str:
        ...
class Scenario:
    arrivals: ArrivalProcess
    endpoint: EndpointConfig
    mode: PlaneMode
    record_timeline: bool
    scaling: ScalingConfig
    slo: SloConfig
    traffic: Trace
    def __init__(self) -> None:
        ...
    def caveats(self) -> list[Caveat]:
        """
        What the results should be read with, one Caveat each (e.g. a trace coarser than an alarm's metric period).
        """
    def validate(self) -> None:
        ...
    @property
    def arrival_log_ms(self) -> numpy.typing.NDArray[numpy.int64]:
        """
        With arrivals = log: request times in ms from the start of the trace, sorted.
        """
    @arrival_log_ms.setter
    def arrival_log_ms(self, arg1: typing.Annotated[numpy.typing.ArrayLike, numpy.int64]) -> None:
        ...
    @property
    def arrival_models(self) -> list[int]:
        """
        With arrivals = log on a multi-model endpoint: the model (from 0) of each logged request; empty draws them by the models' shares.
        """
    @arrival_models.setter
    def arrival_models(self, arg0: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex]) -> None:
        ...
    @property
    def seed(self) -> int:
        ...
    @seed.setter
    def seed(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class AwsScaling:
    """
    The scaling of one scalable target as AWS describes it (io/aws_policy.hpp).
    """
    @property
    def dimension(self) -> str:
        ...
    @property
    def notes(self) -> list[str]:
        ...
    @property
    def resource_id(self) -> str:
        ...
    @property
    def scaling(self) -> ScalingConfig:
        ...
class AwsCliFile:
    """
    One file of AWS CLI input.
    """
    @property
    def name(self) -> str:
        ...
    @property
    def text(self) -> str:
        ...
class Result:
    def write_files(self, dir: str) -> None:
        """
        Writes summary.json, timeline.csv and activities.csv into the existing folder dir (as `autoscalesim simulate` does); raises OSError on failure.
        """
    @property
    def activities(self) -> list:
        ...
    @property
    def forecast(self) -> list:
        """
        Predictive forecasts: (policy, made_s, hour_start_s, load_per_minute, capacity).
        """
    @property
    def hourly_instance_hours(self) -> numpy.ndarray:
        """
        Billed instance-hours in each UTC clock hour the run touches (the first and the last may be part hours).
        """
    @property
    def hourly_on_demand_usd(self) -> numpy.ndarray:
        """
        On-demand spend (USD) a Savings Plan covers in each clock hour: the billed instance-hours at the instance price; serverless: provisioned concurrency and inference duration.
        """
    @property
    def margins(self) -> typing.Any:
        """
        The decision margins (simulate(..., margins=True)) as a dict of (low, high) per setting, or None.
        """
    @property
    def notes(self) -> list[str]:
        """
        What the run met that its figures should be read with, one sentence each (a scheduled action that failed).
        """
    @property
    def summary(self) -> dict:
        ...
    @property
    def timeline_columns(self) -> dict:
        ...
class SharedResult:
    """
    Several inference components on one endpoint's instances (simulate_components).
    """
    def summary_json(self, names: collections.abc.Sequence[str]) -> str:
        """
        The endpoint's summary.json text, as `autoscalesim simulate` writes it for a file with components (names: the components', in order).
        """
    @property
    def components(self) -> list[Result]:
        """
        Each component's Result; its cost is its copies' share of the instances.
        """
    @property
    def cost_usd(self) -> float:
        ...
    @property
    def hourly_instance_hours(self) -> list[float]:
        ...
    @property
    def idle_instance_hours(self) -> float:
        ...
    @property
    def instance_hours(self) -> float:
        ...
    @property
    def instances_launched(self) -> int:
        ...
    @property
    def moved_copies(self) -> int:
        ...
    @property
    def peak_instances(self) -> int:
        ...
    @property
    def unallocated_instance_hours(self) -> float:
        ...
class Dimension:
    """
    One searched parameter of a search space (by parameter name).
    """
    @staticmethod
    def choice(parameter: str, values: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], policy: typing.SupportsInt | typing.SupportsIndex = 0) -> Dimension:
        """
        A choice among listed values.
        """
    @staticmethod
    def fixed(parameter: str, value: typing.SupportsFloat | typing.SupportsIndex, policy: typing.SupportsInt | typing.SupportsIndex = 0) -> Dimension:
        """
        A parameter held at one value.
        """
    @staticmethod
    def range(parameter: str, low: typing.SupportsFloat | typing.SupportsIndex, high: typing.SupportsFloat | typing.SupportsIndex, step: typing.SupportsFloat | typing.SupportsIndex = 0.0, policy: typing.SupportsInt | typing.SupportsIndex = 0) -> Dimension:
        """
        A range [low, high] with an optional step (0 = continuous).
        """
    @property
    def high(self) -> float:
        ...
    @property
    def low(self) -> float:
        ...
    @property
    def parameter(self) -> str:
        ...
    @property
    def policy(self) -> int:
        ...
    @property
    def step(self) -> float:
        ...
    @property
    def values(self) -> list[float]:
        ...
class SearchSpace:
    """
    The dimensions searched together.
    """
    @staticmethod
    def parameter_names() -> list[str]:
        """
        Every named parameter: the searchable fields of the scaling, endpoint and target-tracking configurations, and instance_type.
        """
    def __init__(self) -> None:
        ...
    def add(self, dimension: Dimension) -> None:
        ...
    def add_instance_types(self, types: collections.abc.Sequence[InstanceType]) -> None:
        ...
    def apply(self, scenario: Scenario, values: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> Scenario:
        """
        A copy of scenario with one policy's parameters (one value per dimension) set.
        """
    def grid_size(self) -> int:
        ...
    def names(self) -> list[str]:
        ...
    def validate(self, base: Scenario) -> None:
        ...
    @property
    def dimensions(self) -> list[Dimension]:
        ...
    @dimensions.setter
    def dimensions(self, arg0: collections.abc.Sequence[Dimension]) -> None:
        ...
    @property
    def instance_types(self) -> list[InstanceType]:
        ...
    @instance_types.setter
    def instance_types(self, arg0: collections.abc.Sequence[InstanceType]) -> None:
        ...
class Constraint:
    """
    min_value <= field <= max_value.
    """
    field: str
    def __init__(self, field: str, max_value: typing.SupportsFloat | typing.SupportsIndex = ..., min_value: typing.SupportsFloat | typing.SupportsIndex = ...) -> None:
        ...
    @property
    def max_value(self) -> float:
        ...
    @max_value.setter
    def max_value(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def min_value(self) -> float:
        ...
    @min_value.setter
    def min_value(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class Aggregation:
    """
    Members:
    
      mean
    
      worst
    """
    __members__: typing.ClassVar[dict[str, Aggregation]]
    mean: typing.ClassVar[Aggregation]
    worst: typing.ClassVar[Aggregation]
    @typing.overload
    def __eq__(self, other: Aggregation) -> bool:
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
    def __ne__(self, other: Aggregation) -> bool:
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
class Problem:
    """
    Scenarios, search space, objectives, constraints.
    """
    aggregate: Aggregation
    space: SearchSpace
    def __init__(self) -> None:
        ...
    def validate(self) -> None:
        ...
    @property
    def constraints(self) -> list[Constraint]:
        ...
    @constraints.setter
    def constraints(self, arg0: collections.abc.Sequence[Constraint]) -> None:
        ...
    @property
    def objectives(self) -> list[str]:
        ...
    @objectives.setter
    def objectives(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def scenarios(self) -> list[Scenario]:
        ...
    @scenarios.setter
    def scenarios(self, arg0: collections.abc.Sequence[Scenario]) -> None:
        ...
class Evaluation:
    """
    One evaluated policy.
    """
    def __repr__(self) -> str:
        ...
    @property
    def feasible(self) -> bool:
        ...
    @property
    def index(self) -> int:
        ...
    @property
    def objectives(self) -> list[float]:
        ...
    @property
    def parameters(self) -> list[float]:
        ...
    @property
    def per_scenario(self) -> list:
        """
        The summary of each scenario (dicts).
        """
    @property
    def summary(self) -> dict:
        """
        The summary aggregated over scenarios (a dict).
        """
    @property
    def violation(self) -> float:
        ...
class SearchResult:
    """
    What a search found.
    """
    def arrays(self, front: bool = False) -> dict:
        """
        The evaluations (or the front) as numpy arrays: index, parameters, objectives, fields, feasible, violation.
        """
    def best(self, constraints: typing.Any = None) -> Evaluation | None:
        """
        The cheapest feasible policy (lowest cost_usd, or cost_with_plan_usd when that is an objective) that also meets constraints, or None.
        """
    @property
    def answered(self) -> int:
        """
        Policies not simulated because an evaluated policy's outcome tells theirs (a fleet that never changed, a MaxCapacity that never bound): the grid gives them that outcome, the adaptive search does not propose them.
        """
    @property
    def elapsed_s(self) -> float:
        ...
    @property
    def evaluated(self) -> int:
        ...
    @property
    def evaluations(self) -> list[Evaluation]:
        ...
    @property
    def feasible(self) -> int:
        ...
    @property
    def front(self) -> list[Evaluation]:
        ...
    @property
    def hypervolume(self) -> float:
        ...
    @property
    def message(self) -> str:
        ...
    @property
    def objective_names(self) -> list[str]:
        ...
    @property
    def parameter_names(self) -> list[str]:
        ...
    @property
    def reference_point(self) -> list[float]:
        ...
    @property
    def skipped(self) -> int:
        """
        Grid policies not evaluated because MinCapacity is above MaxCapacity.
        """
    @property
    def slice_evaluated(self) -> int:
        """
        Policies simulated on the busiest slice first (multi-fidelity).
        """
    @property
    def space_size(self) -> int:
        ...
    @property
    def stop_reason(self) -> str:
        """
        Why the search ended, in the words summary.json holds.
        """
    @property
    def stopped(self) -> bool:
        ...
class TrainTestRow:
    @property
    def gap(self) -> list[float]:
        ...
    @property
    def test(self) -> Evaluation:
        ...
    @property
    def train(self) -> Evaluation:
        ...
class TrainTestReport:
    @property
    def mean_gap(self) -> list[float]:
        ...
    @property
    def rows(self) -> list[TrainTestRow]:
        ...
    @property
    def test_feasible(self) -> int:
        ...
class PolicyCheck:
    """
    One policy run on the training and the held-out part.
    """
    @property
    def label(self) -> str:
        ...
    @property
    def meets_test(self) -> bool | None:
        ...
    @property
    def meets_train(self) -> bool:
        ...
    @property
    def scaling(self) -> ScalingConfig:
        ...
    @property
    def test(self) -> typing.Any:
        ...
    @property
    def train(self) -> dict:
        ...
class Recommendation:
    """
    What recommend found.
    """
    @property
    def current(self) -> PolicyCheck | None:
        ...
    @property
    def max_rate_per_s(self) -> float:
        ...
    @property
    def recommended(self) -> PolicyCheck | None:
        ...
    @property
    def rule_of_thumb(self) -> PolicyCheck:
        ...
    @property
    def search(self) -> SearchResult:
        ...
    @property
    def space_notes(self) -> list[str]:
        ...
    @property
    def sustainable_rate_per_s(self) -> float:
        ...
    @property
    def test(self) -> Trace:
        ...
    @property
    def train(self) -> Trace:
        ...
    @property
    def tuned(self) -> Problem:
        ...
class SearchMethod:
    """
    Members:
    
      grid
    
      adaptive
    """
    __members__: typing.ClassVar[dict[str, SearchMethod]]
    adaptive: typing.ClassVar[SearchMethod]
    grid: typing.ClassVar[SearchMethod]
    @typing.overload
    def __eq__(self, other: SearchMethod) -> bool:
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
    def __ne__(self, other: SearchMethod) -> bool:
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
class SearchOptions:
    """
    A search's settings (callbacks are not exposed).
    """
    keep_evaluations: bool
    def __init__(self) -> None:
        ...
    @property
    def batch_size(self) -> int:
        ...
    @batch_size.setter
    def batch_size(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def max_evaluations(self) -> int:
        ...
    @max_evaluations.setter
    def max_evaluations(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def max_seconds(self) -> float:
        ...
    @max_seconds.setter
    def max_seconds(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def reference_point(self) -> list[float]:
        ...
    @reference_point.setter
    def reference_point(self, arg0: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> None:
        ...
    @property
    def seed(self) -> int:
        ...
    @seed.setter
    def seed(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def slice_evaluations(self) -> int:
        """
        Multi-fidelity: policies evaluated on the slice (0 = 1.5 x the budget, at most 150).
        """
    @slice_evaluations.setter
    def slice_evaluations(self, arg1: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def slice_fraction(self) -> float:
        """
        Multi-fidelity (adaptive): the share of each trace searched first (0 = off).
        """
    @slice_fraction.setter
    def slice_fraction(self, arg1: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def threads(self) -> int:
        ...
    @threads.setter
    def threads(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class ScenarioVariant:
    """
    One of the optimize section's further scenarios.
    """
    @property
    def has_trace(self) -> bool:
        """
        True when the variant has its own "trace" (else it runs on the file's).
        """
    @property
    def name(self) -> str:
        ...
    @property
    def seed(self) -> int | None:
        ...
    @property
    def traffic_scale(self) -> float:
        ...
class OptimizationSpec:
    """
    The "optimize" section of a scenario file.
    """
    @property
    def choose(self) -> list[Constraint]:
        ...
    @property
    def method(self) -> SearchMethod:
        ...
    @property
    def options(self) -> SearchOptions:
        ...
    @property
    def problem(self) -> Problem:
        ...
    @property
    def variants(self) -> list[ScenarioVariant]:
        """
        What problem.scenarios[1:] are, in order.
        """
class ScenarioFile:
    """
    A parsed, validated scenario file.
    """
    @property
    def base(self) -> Scenario:
        """
        A copy of the file's scenario (the trace loaded), to change and simulate.
        """
    @property
    def component_names(self) -> list[str]:
        ...
    @property
    def components(self) -> list[Scenario]:
        """
        The file's "components" (copies, traces loaded), or empty.
        """
    @property
    def effective_json(self) -> str:
        ...
    @property
    def files(self) -> list[str]:
        """
        Every file the document names and the reader read (absolute), not the scenario file itself.
        """
    @property
    def notes(self) -> list[str]:
        ...
    @property
    def optimization(self) -> OptimizationSpec | None:
        ...
    @property
    def version(self) -> int:
        ...
class AwsActivity:
    """
    One ScalingActivity as AWS lists it.
    """
    @property
    def cause(self) -> str:
        ...
    @property
    def description(self) -> str:
        ...
    @property
    def end_epoch_ms(self) -> int:
        ...
    @property
    def ended(self) -> bool:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def start_epoch_ms(self) -> int:
        ...
    @property
    def status(self) -> str:
        ...
    @property
    def to(self) -> int:
        ...
    @property
    def where(self) -> str:
        ...
class AwsActivities:
    """
    The activities of one scalable target, oldest first.
    """
    @property
    def listed(self) -> list[AwsActivity]:
        ...
    @property
    def resource_id(self) -> str:
        ...
class ObservedScaling:
    """
    The Successful activities within a trace's window.
    """
    @property
    def activities(self) -> list:
        """
        (start_s, end_s, from, to, cause), seconds from the start of the trace.
        """
    @property
    def initial_capacity(self) -> int:
        ...
class CalibrationObserved:
    """
    What the endpoint showed over the trace's window.
    """
    @typing.overload
    def __init__(self) -> None:
        ...
    @typing.overload
    def __init__(self, scaling: ObservedScaling) -> None:
        """
        The activities and initial capacity of scaling, no metric.
        """
    @property
    def activities(self) -> list:
        """
        (start_s, end_s, from, to, cause), seconds from the start of the trace.
        """
    @property
    def initial_capacity(self) -> int:
        ...
    @initial_capacity.setter
    def initial_capacity(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def latency_s(self) -> numpy.ndarray:
        """
        Per interval: mean ModelLatency, seconds (NaN where none); empty: not observed.
        """
    @latency_s.setter
    def latency_s(self, arg1: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> None:
        ...
    @property
    def p99_latency_s(self) -> numpy.ndarray:
        """
        Per interval: p99 ModelLatency, seconds (NaN where none); empty: not observed.
        """
    @p99_latency_s.setter
    def p99_latency_s(self, arg1: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> None:
        ...
    @property
    def utilization(self) -> numpy.ndarray:
        """
        Per interval: busy share of an instance's workers, 0..1 (NaN where none); empty: not observed.
        """
    @utilization.setter
    def utilization(self, arg1: typing.Annotated[numpy.typing.ArrayLike, numpy.float64]) -> None:
        ...
class CompareOptions:
    """
    How activities are paired.
    """
    def __init__(self) -> None:
        ...
    @property
    def load_bands(self) -> int:
        ...
    @load_bands.setter
    def load_bands(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def match_window_s(self) -> float:
        ...
    @match_window_s.setter
    def match_window_s(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class CalibrateOptions:
    """
    What to fit.
    """
    compare: CompareOptions
    fit_delay: bool
    fit_service: bool
    fit_startup: bool
    def __init__(self) -> None:
        ...
    @property
    def max_workers(self) -> int:
        ...
    @max_workers.setter
    def max_workers(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def resamples(self) -> int:
        ...
    @resamples.setter
    def resamples(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class ActivityMatch:
    """
    An observed activity paired with a replayed one.
    """
    @property
    def observed(self) -> int:
        ...
    @property
    def offset_s(self) -> float:
        ...
    @property
    def simulated(self) -> int:
        ...
class LoadBand:
    """
    Latency agreement for one band of load.
    """
    @property
    def high_per_s(self) -> float:
        ...
    @property
    def intervals(self) -> int:
        ...
    @property
    def low_per_s(self) -> float:
        ...
    @property
    def mean_abs_error_s(self) -> float:
        ...
    @property
    def observed_mean_s(self) -> float:
        ...
    @property
    def simulated_mean_s(self) -> float:
        ...
class ReplayError:
    """
    How far a replay is from what happened.
    """
    @property
    def bands(self) -> list[LoadBand]:
        ...
    @property
    def capacity_exact_share(self) -> float:
        ...
    @property
    def capacity_mean_abs_error(self) -> float:
        ...
    @property
    def extra(self) -> int:
        ...
    @property
    def from_agreement(self) -> float:
        ...
    @property
    def latency_bias_s(self) -> float:
        ...
    @property
    def latency_intervals(self) -> int:
        ...
    @property
    def latency_mean_abs_error_s(self) -> float:
        ...
    @property
    def matched(self) -> int:
        ...
    @property
    def matches(self) -> list[ActivityMatch]:
        ...
    @property
    def median_offset_s(self) -> float:
        ...
    @property
    def median_signed_offset_s(self) -> float:
        ...
    @property
    def missing(self) -> int:
        ...
    @property
    def observed_activities(self) -> int:
        ...
    @property
    def observed_capacity(self) -> numpy.ndarray:
        """
        Instances in service in the middle of each interval, observed.
        """
    @property
    def p90_offset_s(self) -> float:
        ...
    @property
    def p99_mean_abs_error_s(self) -> float:
        ...
    @property
    def simulated_activities(self) -> int:
        ...
    @property
    def simulated_capacity(self) -> numpy.ndarray:
        """
        Instances in service in the middle of each interval, replayed.
        """
    @property
    def to_agreement(self) -> float:
        ...
class Estimate:
    """
    An estimate with its 90 % bootstrap interval.
    """
    def __repr__(self) -> str:
        ...
    @property
    def high(self) -> float:
        ...
    @property
    def low(self) -> float:
        ...
    @property
    def value(self) -> float:
        ...
class StartupFit:
    """
    The start-up time fitted to scale-outs.
    """
    @property
    def activities(self) -> int:
        ...
    @property
    def distribution(self) -> StartupDistribution:
        ...
    @property
    def median_s(self) -> Estimate:
        ...
    @property
    def sigma(self) -> Estimate:
        ...
class ServiceFit:
    """
    Service time and workers fitted to latency.
    """
    @property
    def cv(self) -> Estimate:
        ...
    @property
    def intervals(self) -> int:
        ...
    @property
    def rms_by_workers(self) -> list[float]:
        ...
    @property
    def service_cv(self) -> float:
        ...
    @property
    def service_time(self) -> Estimate:
        ...
    @property
    def service_time_s(self) -> float:
        ...
    @property
    def used_p99(self) -> bool:
        ...
    @property
    def used_utilization(self) -> bool:
        ...
    @property
    def workers(self) -> int:
        ...
class DelayFit:
    """
    The metric publish delay fitted to start times.
    """
    @property
    def delay(self) -> Estimate:
        ...
    @property
    def matches(self) -> int:
        ...
    @property
    def publish_delay_s(self) -> float:
        ...
class CalibrationResult:
    """
    The replay before and after fitting, and the fits.
    """
    @property
    def after(self) -> ReplayError:
        ...
    @property
    def after_run(self) -> Result:
        """
        The calibrated scenario's replay.
        """
    @property
    def before(self) -> ReplayError:
        ...
    @property
    def before_run(self) -> Result:
        """
        The given scenario's replay.
        """
    @property
    def calibrated(self) -> Scenario:
        """
        A copy of the calibrated scenario (the given one with the fitted values).
        """
    @property
    def delay(self) -> DelayFit | None:
        ...
    @property
    def notes(self) -> list[str]:
        ...
    @property
    def policy_mismatch(self) -> bool:
        ...
    @property
    def service(self) -> ServiceFit | None:
        ...
    @property
    def startup(self) -> StartupFit | None:
        ...
def _raise_for_test(kind: str, message: str) -> None:
    ...
def adaptive_search(problem: Problem, *, threads: typing.SupportsInt | typing.SupportsIndex = 0, max_evaluations: typing.SupportsInt | typing.SupportsIndex = 0, max_seconds: typing.SupportsFloat | typing.SupportsIndex = 0.0, seed: typing.SupportsInt | typing.SupportsIndex = 1, batch_size: typing.SupportsInt | typing.SupportsIndex = 4, keep_evaluations: bool = True, reference_point: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [], on_progress: typing.Any = None, evaluator: typing.Any = None, slice_fraction: typing.SupportsFloat | typing.SupportsIndex = 0.0, slice_evaluations: typing.SupportsInt | typing.SupportsIndex = 0, initial_policies: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]] = []) -> SearchResult:
    """
    A seeded sample-efficient search within max_evaluations policies (0 = 200). The GIL is released; on_progress(dict) is called on the calling thread (return False to stop); Ctrl-C stops within one policy's run and returns what was found (stop_reason 'cancelled'). evaluator(policies: ndarray n x d) -> per policy a list of per-scenario summary dicts (evaluate_batch's, with margins=True to search as a local run does) replaces local simulation. Adaptive only: slice_fraction > 0 first searches each trace's busiest share (slice_evaluations policies, 0 = 1.5 x the budget, at most 150; simulated locally) and evaluates its front first; initial_policies (one value per dimension) are evaluated first.
    """
def apply_savings_plan(hourly_on_demand_usd: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], discount: typing.SupportsFloat | typing.SupportsIndex, commitment_per_hour: typing.SupportsFloat | typing.SupportsIndex, hour_shares: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = []) -> dict:
    """
    The cost of an hourly on-demand spend profile under a Savings Plan commitment (hour_shares: the share of each hour covered; empty: every hour whole).
    """
def aws_cli_inputs(scaling: ScalingConfig, resource_id: str) -> tuple[list[AwsCliFile], list[str]]:
    """
    (files, notes): the --cli-input-json files that apply scaling to resource_id, and a sentence per setting AWS cannot express.
    """
def best_savings_plan(hourly_on_demand_usd: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], discount: typing.SupportsFloat | typing.SupportsIndex, hour_shares: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = []) -> dict:
    """
    The commitment that minimises the cost of an hourly on-demand spend profile (hour_shares: the share of each hour covered; empty: every hour whole).
    """
def calibrate(given: Scenario, observed: CalibrationObserved, options: CalibrateOptions = ...) -> CalibrationResult:
    """
    Replays given on its traffic (initial capacity from observed), compares with observed, fits start-up, service and publish delay, replays and compares again. The GIL is released.
    """
def calibration_json(result: CalibrationResult) -> str:
    """
    Every figure of the calibration as JSON text (calibration.json).
    """
def calibration_per_interval(epoch_ms: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], values: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], trace: Trace, scale: typing.SupportsFloat | typing.SupportsIndex) -> numpy.typing.NDArray[numpy.float64]:
    """
    One value per interval of trace: the mean of the datapoints in it, times scale; NaN for an interval without any.
    """
def calibration_table(result: CalibrationResult) -> str:
    """
    The report's body, as `autoscalesim calibrate` prints it: the given and the calibrated replay's error side by side, the fits and the notes.
    """
def catalog_instance(name: str) -> dict:
    """
    The instance catalogue's entry (price, vCPUs, GPUs, memory, source).
    """
def catalog_names() -> list[str]:
    """
    The instance types of the catalogue.
    """
def check_endpoint_kind(deployed: AwsScaling, kind: EndpointConfig.EndpointKind) -> None:
    """
    Raises ConfigError (field endpoint.kind) unless an endpoint of `kind` has the scalable dimension `deployed` scales.
    """
def check_resource_id(resource_id: str) -> None:
    """
    Raises ConfigError (field resource_id) unless resource_id is "endpoint/NAME/variant/VARIANT" or "inference-component/NAME".
    """
def clock_hour_offset_ms(start_epoch_ms: typing.SupportsInt | typing.SupportsIndex) -> int:
    """
    How far into its UTC clock hour a run starting at start_epoch_ms starts, in ms.
    """
def cost_field(objectives: collections.abc.Sequence[str]) -> str:
    """
    The cost a search with these objectives minimises: cost_with_plan_usd when it is one of them, else cost_usd.
    """
def evaluate_batch(problem: Problem, policies: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]], threads: typing.SupportsInt | typing.SupportsIndex = 1, margins: bool = False) -> list:
    """
    Per policy, the summary dict of each scenario (what a batch evaluator returns); with margins, each dict also holds the run's decision margins under "margins", which the search learns from as a local run does.
    """
def format_iso8601(epoch_ms: typing.SupportsInt | typing.SupportsIndex) -> str:
    """
    1995-07-01T04:00:00Z for a time in ms since the Unix epoch (.mmm when not a whole second).
    """
def grid_search(problem: Problem, *, threads: typing.SupportsInt | typing.SupportsIndex = 0, max_evaluations: typing.SupportsInt | typing.SupportsIndex = 0, max_seconds: typing.SupportsFloat | typing.SupportsIndex = 0.0, seed: typing.SupportsInt | typing.SupportsIndex = 1, batch_size: typing.SupportsInt | typing.SupportsIndex = 4, keep_evaluations: bool = True, reference_point: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [], on_progress: typing.Any = None, evaluator: typing.Any = None, slice_fraction: typing.SupportsFloat | typing.SupportsIndex = 0.0, slice_evaluations: typing.SupportsInt | typing.SupportsIndex = 0, initial_policies: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]] = []) -> SearchResult:
    """
    Every policy of the discretised space, in parallel (bit-identical for any thread count). The GIL is released; on_progress(dict) is called on the calling thread (return False to stop); Ctrl-C stops within one policy's run and returns what was found (stop_reason 'cancelled'). evaluator(policies: ndarray n x d) -> per policy a list of per-scenario summary dicts (evaluate_batch's, with margins=True to search as a local run does) replaces local simulation. Adaptive only: slice_fraction > 0 first searches each trace's busiest share (slice_evaluations policies, 0 = 1.5 x the budget, at most 150; simulated locally) and evaluates its front first; initial_policies (one value per dimension) are evaluated first.
    """
def hour_shares(duration_ms: typing.SupportsInt | typing.SupportsIndex, offset_ms: typing.SupportsInt | typing.SupportsIndex = 0) -> list[float]:
    """
    The share of each UTC clock hour that a run of duration_ms covers when it starts offset_ms into its first: the part of the first and of the last hour, 1 between.
    """
def hypervolume(points: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]], reference: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> float:
    """
    The volume dominated by points and bounded by reference (objectives minimised).
    """
def igd_plus(approximation: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]], reference_front: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]]) -> float:
    ...
def is_count_field(field: str) -> bool:
    """
    Whether a summary field is a count of activities or instances (an integer).
    """
def pareto_front(points: collections.abc.Sequence[collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]]) -> list[int]:
    """
    Indices of the non-dominated points (all objectives minimised), first of equals kept.
    """
def parse_metric(arg0: str) -> str:
    ...
def read_access_log_counts(path: str, interval_s: typing.SupportsFloat | typing.SupportsIndex, max_gap_ratio: typing.SupportsFloat | typing.SupportsIndex = 10.0) -> Trace:
    ...
def read_access_log_models(path: str, max_gap_ratio: typing.SupportsFloat | typing.SupportsIndex = 10.0) -> tuple[list[int], list[int], list[str]]:
    """
    A TIME,MODEL log: every request's arrival time (ms since the Unix epoch, sorted), its model index and the models' names by index.
    """
def read_access_log_times(path: str, max_gap_ratio: typing.SupportsFloat | typing.SupportsIndex = 10.0) -> numpy.typing.NDArray[numpy.int64]:
    """
    Every request's arrival time in ms since the Unix epoch, sorted.
    """
def read_aws_activities(paths: collections.abc.Sequence[str], resource_id: str = '') -> AwsActivities:
    """
    Reads describe-scaling-activities output (pages appended or in a JSON array); resource_id picks the variant when the files hold several. Raises ConfigError naming the file and the JSON path, OSError for a file that cannot be read.
    """
def read_aws_scaling(paths: collections.abc.Sequence[str], resource_id: str = '') -> AwsScaling:
    """
    Reads aws application-autoscaling describe-* / cloudwatch describe-alarms output (or --cli-input-json files) into the scaling of one scalable target.
    """
def read_cloudwatch_json(paths: collections.abc.Sequence[str], statistic: str = 'Sum', id: str = '', metric: str = 'Invocations', gaps: str = 'error', max_gap_ratio: typing.SupportsFloat | typing.SupportsIndex = 10.0, max_gap_s: typing.SupportsFloat | typing.SupportsIndex = 0.0, mixed_periods: str = 'error', period_s: typing.SupportsFloat | typing.SupportsIndex = 0.0, values: str = 'count_per_interval') -> tuple[Trace, list[str]]:
    ...
def read_cloudwatch_series(paths: collections.abc.Sequence[str], statistic: str = 'Average', id: str = '', metric: str = '', unit: str = '') -> tuple[numpy.typing.NDArray[numpy.int64], numpy.typing.NDArray[numpy.float64]]:
    """
    (epoch_ms, values): a metric's datapoints as exported (get-metric-statistics' statistic, or get-metric-data's Id), in the export's unit; with `unit`, a datapoint in another is an error (`metric` names it in the message).
    """
def read_csv_trace(path: str, gaps: str = 'error', max_gap_ratio: typing.SupportsFloat | typing.SupportsIndex = 10.0, delimiter: str = ',', time_column: str = '', value_column: str = '', time_format: str = 'auto_detect', values: str = 'count_per_interval', naive_times_are_utc: bool = False, interval_s: typing.SupportsFloat | typing.SupportsIndex = 0.0) -> tuple[Trace, list[str]]:
    ...
def read_scenario_file(path: str, *, trace_path: str = '', trace_format: str = '', seed: typing.SupportsInt | typing.SupportsIndex | None = None) -> ScenarioFile:
    """
    Reads, fills defaults and validates a scenario file (docs/scenario.md); trace_path, trace_format and seed override the file's (empty / None: keep). Raises ConfigError naming the file and JSON path, TraceError or OSError from the trace reader.
    """
def recommend(base: Scenario, *, max_p99_latency_s: typing.SupportsFloat | typing.SupportsIndex, max_error_rate: typing.SupportsFloat | typing.SupportsIndex = 0.001, test_fraction: typing.SupportsFloat | typing.SupportsIndex = 0.25, budget: typing.SupportsInt | typing.SupportsIndex = 200, slice_fraction: typing.SupportsFloat | typing.SupportsIndex = 0.0, min_capacity: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [], max_capacity: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [], target_value: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex] = [], seed: typing.SupportsInt | typing.SupportsIndex = 1, threads: typing.SupportsInt | typing.SupportsIndex = 0, current: ScalingConfig | None = None) -> Recommendation:
    """
    A target-tracking policy for base's trace and endpoint (optimize::recommend).
    """
def simulate(scenario: Scenario, margins: bool = False) -> Result:
    """
    Runs one simulation (the GIL is released while it runs; Ctrl-C stops it); with margins, records the run's decision margins (Result.margins).
    """
def simulate_components(components: collections.abc.Sequence[Scenario]) -> SharedResult:
    """
    Runs several inference components on one endpoint's instances, in lockstep (the GIL is released while it runs; Ctrl-C stops it).
    """
def split_trace(trace: Trace, train_fraction: typing.SupportsFloat | typing.SupportsIndex) -> tuple[Trace, Trace]:
    """
    (first part, rest) of a trace, split at train_fraction of its intervals.
    """
def successful_activities(listed: AwsActivities, trace: Trace, initial_capacity: typing.SupportsInt | typing.SupportsIndex) -> ObservedScaling:
    """
    The Successful activities that start in the trace's window, with their from counts; the capacity at its start is the last count set before it, else initial_capacity.
    """
def summary_fields() -> list[str]:
    ...
def train_test(problem: Problem, tuned: SearchResult, test_scenarios: collections.abc.Sequence[Scenario], threads: typing.SupportsInt | typing.SupportsIndex = 0) -> TrainTestReport:
    """
    The front of tuned evaluated on test_scenarios, with the gap per objective.
    """
def window_text(trace: Trace) -> str:
    """
    "first 1995-07-01T04:00:00Z, last 1995-07-28T13:31:00Z (27.6 days)", as reports say it.
    """
@typing.overload
def write_activities_csv(source: Result, path: str) -> None:
    """
    Writes a run's activities as activities.csv.
    """
@typing.overload
def write_activities_csv(source: CalibrationObserved, path: str) -> None:
    """
    Writes the observed activities as a run's activities.csv.
    """
def write_csv_trace(trace: Trace, path: str) -> None:
    """
    Writes a timestamp,requests CSV.
    """
def write_scenario_json(scenario: Scenario, trace_file: str) -> str:
    """
    The scenario as a scenario file (docs/scenario.md) whose trace is the CSV trace_file (relative to the scenario file).
    """
def write_text_file(path: str, text: str) -> None:
    """
    Writes text to path atomically (a temporary file, then a rename); OSError on failure.
    """
