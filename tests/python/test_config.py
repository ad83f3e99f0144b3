"""The Python configuration classes are the C++ descriptions: one name per field, the C++
defaults, conversions both ways, and the renamed keywords still accepted with a warning."""

import dataclasses
import datetime as dt
import math
import pickle

import numpy as np
import pytest

import autoscalesim as asim
from autoscalesim import _core, config

CLASSES = {
    asim.InstanceType: _core.InstanceType,
    asim.Startup: _core.StartupDistribution,
    asim.Endpoint: _core.EndpointConfig,
    asim.TargetTracking: _core.TargetTrackingConfig,
    asim.StepAdjustment: _core.StepAdjustment,
    asim.StepScaling: _core.StepScalingConfig,
    asim.ScheduledAction: _core.ScheduledActionConfig,
    asim.PredictiveScaling: _core.PredictiveConfig,
    asim.HPAScalingPolicy: _core.HpaScalingPolicy,
    asim.HPAScalingRules: _core.HpaScalingRules,
    asim.HPAMetric: _core.HpaMetric,
    asim.HPA: _core.HpaConfig,
}
#: Python conveniences beyond the description.
EXTRA = {asim.ScheduledAction: {"at"}}


def values(core) -> dict:
    """Every described field of a C++ struct, nested structs and enums as plain values."""
    def plain(v):
        if hasattr(type(v), "FIELDS"):
            return values(v)
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v.name if hasattr(type(v), "__members__") else v

    return {f["name"]: plain(getattr(core, f["name"])) for f in type(core).FIELDS}


@pytest.mark.parametrize("cls, core", CLASSES.items(), ids=lambda c: c.__name__)
def test_keywords_are_the_descriptions_field_names(cls, core):
    names = {f.name for f in dataclasses.fields(cls)}
    assert names == {f["name"] for f in core.FIELDS} | EXTRA.get(cls, set())
    assert all(f["name"] in cls.__doc__ for f in core.FIELDS)  # the generated field list


@pytest.mark.parametrize("cls, core", CLASSES.items(), ids=lambda c: c.__name__)
def test_defaults_are_the_cpp_structs(cls, core):
    assert values(cls()._to_core()) == values(core())
    assert cls._from_core(core()) == cls()


def test_nullable_fields_are_annotated_with_their_type():
    # they read 'NoneType' (the type of their None default) in help() and the signatures
    fields = {f.name: f.type for f in dataclasses.fields(asim.StepAdjustment)}
    assert fields["lower_bound"] == "float | None"
    assert {f.name: f.type for f in dataclasses.fields(asim.Endpoint)}["max_queue"] == "int | None"
    assert {f.name: f.type for f in dataclasses.fields(asim.ScheduledAction)}[
        "min_capacity"] == "int | None"


def test_an_instance_type_of_the_catalogue_takes_its_price():
    # It took ml.c5.xlarge's 0.204 USD/h: a 7.09 USD/h g5.12xlarge cost 35 times too little.
    assert asim.InstanceType("ml.g5.12xlarge").price_per_hour == 7.09
    assert asim.InstanceType(name="ml.g4dn.xlarge").price_per_hour == 0.736
    # a price given is kept, positionally or by name; another name keeps the default
    assert asim.InstanceType("ml.g5.12xlarge", 5.0).price_per_hour == 5.0
    assert asim.InstanceType("ml.g5.12xlarge", price_per_hour=0.0).price_per_hour == 0.0
    assert asim.InstanceType("measured").price_per_hour == asim.InstanceType().price_per_hour
    assert asim.InstanceType() == asim.InstanceType("ml.c5.xlarge")
    # a SageMaker name the catalogue does not list (a typo) would have cost the default: refused
    with pytest.raises(asim.ConfigError, match=r"'ml.g4dn.xlarg' is not in the catalogue .*"
                                               r"give its price with price_per_hour"):
        asim.InstanceType("ml.g4dn.xlarg")
    assert asim.InstanceType("ml.p4d.24xlarge", price_per_hour=37.69).price_per_hour == 37.69


def test_sentinels_are_none_and_enums_are_canonical_names():
    assert asim.StepAdjustment() == asim.StepAdjustment(None, None, 0)
    assert asim.StepAdjustment()._to_core().lower_bound == -math.inf
    assert asim.ScheduledAction().min_capacity is None
    assert asim.HPAScalingRules().tolerance is None
    assert asim.Endpoint().max_queue is None
    assert asim.StepAdjustment(0, math.inf, 7) == asim.StepAdjustment(0, None, 7)
    assert asim.ScheduledAction(min_capacity=-1, max_capacity=3).min_capacity is None
    assert asim.StepScaling(alarm_comparison="LessThanThreshold").alarm_comparison == "less"
    assert asim.HPAScalingPolicy("Pods", 4, 60).type == "pods"
    assert asim.PredictiveScaling(mode="ForecastOnly") == asim.PredictiveScaling(
        mode="forecast_only")


def test_round_trip_through_the_cpp_struct():
    policies = [
        asim.StepScaling(200, [(None, 0, -1), asim.StepAdjustment(0, None, 2)],
                         alarm_comparison="less", adjustment="exact_capacity", cooldown_s=30),
        asim.ScheduledAction("0 8 * * *", at_ms=[1000], min_capacity=3),
        asim.PredictiveScaling(600, breach="increase_max_capacity", seasonality="weekly"),
        asim.HPA(60, more_metrics=[("ConcurrentRequestsPerModel", 4, "external_value")],
                 scale_down={"stabilizationWindowSeconds": 60, "selectPolicy": "Min",
                             "policies": [{"type": "Pods", "value": 1, "periodSeconds": 60}],
                             "tolerance": 0.2}),
        asim.Endpoint(asim.InstanceType("x", 1.5, 3, 0.2, service="empirical",
                                        service_samples_s=[0.1, 0.3]),
                      2, asim.Startup.uniform(100, 200), max_queue=5),
    ]
    for p in policies:
        back = type(p)._from_core(p._to_core())
        assert values(back._to_core()) == values(p._to_core())
        assert pickle.loads(pickle.dumps(back)) == back
    hpa = asim.HPA._from_core(policies[3]._to_core())
    assert hpa.scale_down == asim.HPAScalingRules(60, "min", [asim.HPAScalingPolicy("pods", 1, 60)],
                                                  0.2)
    assert hpa.more_metrics == [asim.HPAMetric("ConcurrentRequestsPerModel", 4, "external_value")]


def test_aws_and_manifest_spellings_of_dict_inputs():
    step = asim.StepScaling(steps=[{"MetricIntervalLowerBound": 500, "ScalingAdjustment": 3}])
    core = step._to_core().steps[0]
    assert (core.lower_bound, core.upper_bound, core.adjustment) == (500, math.inf, 3)
    assert asim.Endpoint(startup=300)._to_core().startup.fixed_s == 300


def test_scheduled_times_convert_to_ms():
    c = asim.ScheduledAction(at=[60, dt.timedelta(minutes=2), "1995-07-04T18:00Z"],
                             at_ms=[5], min_capacity=1)._to_core()
    assert list(c.at_ms) == [5, 60_000, 120_000]
    assert list(c.at_epoch_ms) == [804_880_800_000]


@pytest.mark.parametrize("cls, old, new, value", [
    (asim.StepScaling, "comparison", "alarm_comparison", "less"),
    (asim.StepScaling, "adjustment_type", "adjustment", "exact_capacity"),
    (asim.PredictiveScaling, "max_capacity_breach_behavior", "breach", "increase_max_capacity"),
    (asim.HPAScalingRules, "select_policy", "select", "min"),
    (asim.Startup, "family", "kind", "lognormal"),
])
def test_renamed_keywords_warn_and_give_the_same_object(cls, old, new, value):
    assert config.RENAMED[old] == new
    with pytest.warns(DeprecationWarning, match=f"'{old}' is now '{new}'"):
        made = cls(**{old: value})
    assert made == cls(**{new: value})
    with pytest.warns(DeprecationWarning, match=f"attribute '{old}' is now '{new}'"):
        assert getattr(made, old) == value
    with pytest.raises(TypeError, match="one field"), pytest.warns(DeprecationWarning):
        cls(**{old: value, new: value})


def test_a_wrong_type_is_a_config_type_error_naming_the_field_and_the_type():
    # as the object is made, naming its class
    with pytest.raises(asim.ConfigError, match=r"^StepScaling\.cooldown_s: expected a number, "
                                               r"got str '5'"):
        asim.StepScaling(cooldown_s="5")
    with pytest.raises(asim.ConfigError, match=r"^Endpoint\.startup: expected a Startup or a "
                                               r"dict"):
        asim.Endpoint(startup=[1])
    # both a TypeError (as every wrong type is) and a ConfigError; an unknown name is a value
    for made in (lambda: asim.TargetTracking("30"), lambda: asim.HPA(scale_up={"policies": 3}),
                 lambda: asim.StepScaling(adjustment=2), lambda: asim.Endpoint(startup=[1]),
                 lambda: asim.InstanceType(service_samples_s=np.ones((2, 2)))):
        with pytest.raises(TypeError) as caught:
            made()
        assert isinstance(caught.value, asim.ConfigError)
        assert type(caught.value) is asim.ConfigTypeError
    # as the package names it, and across a pickle (a Dask worker's error reaches the client)
    again = pickle.loads(pickle.dumps(caught.value))
    assert type(again) is asim.ConfigTypeError and str(again) == str(caught.value)
    assert repr(again).startswith("ConfigTypeError(")
    with pytest.raises(asim.ConfigError) as caught:
        asim.StepScaling(adjustment="percent_change_in_capacityy")
    assert not isinstance(caught.value, TypeError)
    # a tuple's item of the wrong type is named, not read as a tuple of the wrong length
    with pytest.raises(asim.ConfigTypeError,
                       match=r"steps\[0\]\.adjustment: expected an integer, got str"):
        asim.StepScaling(steps=[(0, None, "x")])
    # set afterwards: as it is converted, under the place the caller gives
    step = asim.StepScaling()
    step.cooldown_s = "5"
    with pytest.raises(asim.ConfigError, match=r"policies\[0\]\.cooldown_s: expected a number, "
                                               r"got str '5'"):
        step._to_core("policies[0]")


def test_a_service_time_beyond_the_timeout_is_warned_about():
    # 1000 s typed for 1000 ms: every request outlives the 60 s a caller waits.
    trace = asim.Trace.from_numpy([10.0] * 30, interval_s=60)
    slow = asim.InstanceType("t", price_per_hour=1.0, workers=1, service_time_s=1000.0)
    with pytest.warns(asim.ServiceTimeWarning, match=r"the mean service time \(1000 s\) is "
                                                     r"above the invocation timeout"):
        asim.simulate(trace, asim.Endpoint(slow), [])
