"""autoscalesim: replay real traffic through an autoscaling policy, see cost and latency.

Example::

    import autoscalesim as asim
    trace = asim.Trace.from_csv("traces/nasa_http_1995_07_per_minute.csv")
    endpoint = asim.Endpoint(asim.InstanceType("ml.g4dn.xlarge", price_per_hour=0.736,
                                               workers=1, service_time_s=1.0, service_cv=0.5))
    result = asim.simulate(trace, endpoint, [asim.TargetTracking(target_value=30)],
                           min_capacity=1, max_capacity=20, slo_latency_s=5.0)
    result.summary["cost_usd"], result.summary["p99_latency_s"]

    # The same from a JSON scenario file (docs/scenario.md), as `autoscalesim simulate` reads it:
    asim.load_scenario("examples/scenarios/nasa_target_tracking.json").simulate().summary
"""

from . import aws, datasets
from ._core import CancelledError, ConfigError, TraceError
from ._described import ConfigTypeError
from .calibrate import Calibration, calibrate
from .config import (
    HPA,
    Endpoint,
    HPAMetric,
    HPAScalingPolicy,
    HPAScalingRules,
    InferenceComponent,
    InstanceType,
    MultiModel,
    PredictiveScaling,
    ScheduledAction,
    Serverless,
    Startup,
    StepAdjustment,
    StepScaling,
    TargetTracking,
)
from .deployments import Deployment, DeploymentComparison, compare_deployments
from .optimize import Candidate, ParetoFront, grid, optimize
from .policy import Policy, PolicyObservation
from .recommend import Recommendation, recommend
from .savings import savings_plan, savings_plan_growth
from .scenario_file import ScenarioFile, load_scenario
from .simulation import (
    CapacityWarning,
    CoarseTraceWarning,
    FractionalCountsWarning,
    Result,
    ScheduleWarning,
    ServiceTimeWarning,
    SharedResult,
    simulate,
    simulate_components,
)
from .trace import Trace

__all__ = [
    "Calibration",
    "Candidate",
    "CapacityWarning",
    "CoarseTraceWarning",
    "FractionalCountsWarning",
    "ScheduleWarning",
    "ServiceTimeWarning",
    "CancelledError",
    "ConfigError",
    "ConfigTypeError",
    "Deployment",
    "DeploymentComparison",
    "Endpoint",
    "HPA",
    "HPAMetric",
    "HPAScalingPolicy",
    "HPAScalingRules",
    "InferenceComponent",
    "MultiModel",
    "Serverless",
    "InstanceType",
    "ParetoFront",
    "Policy",
    "PolicyObservation",
    "PredictiveScaling",
    "Recommendation",
    "Result",
    "SharedResult",
    "ScenarioFile",
    "ScheduledAction",
    "Startup",
    "StepAdjustment",
    "StepScaling",
    "TargetTracking",
    "Trace",
    "TraceError",
    "aws",
    "calibrate",
    "compare_deployments",
    "datasets",
    "grid",
    "load_scenario",
    "optimize",
    "recommend",
    "savings_plan",
    "savings_plan_growth",
    "simulate",
    "simulate_components",
]
__version__ = "0.1.0"
