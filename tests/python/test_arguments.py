"""Wrong arguments to the public functions: a TypeError or ConfigError naming the argument and
what it accepts, never a pybind11 dump; unambiguous forms (a CSV path, a Series, one policy, an
InstanceType) are accepted."""

import numpy as np
import pytest

import autoscalesim as asim


@pytest.fixture(scope="module")
def hour():
    return asim.datasets.nasa_july_1995().slice(0, 60)


ENDPOINT = asim.Endpoint()
POLICY = asim.TargetTracking(target_value=600)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"max_capacity": "20"}, TypeError, "max_capacity: expected an integer, got str '20'"),
    ({"max_capacity": 2.5}, asim.ConfigError, "max_capacity: expected a whole number, got 2.5"),
    ({"max_capacity": 2**40}, asim.ConfigError,
     r"max_capacity: expected an integer in \[1, 1000000\], got 1099511627776"),
    # the same range as a scenario file's (0 was told [0, ...] here, then [1, ...] by the run)
    ({"max_capacity": 0}, asim.ConfigError,
     r"max_capacity: expected an integer in \[1, 1000000\], got 0"),
    ({"min_capacity": True}, TypeError, "min_capacity: expected an integer, got bool True"),
    ({"seed": -1}, asim.ConfigError, r"seed: expected an integer in \[0, 18446744073709551615\]"),
    ({"slo_latency_s": "1"}, TypeError, "slo_latency_s: expected a number, got str '1'"),
])
def test_bad_settings_name_the_argument(hour, kwargs, error, message):
    with pytest.raises(error, match=message):
        asim.simulate(hour, ENDPOINT, [POLICY], **kwargs)


def test_bad_trace_and_endpoint_name_what_they_accept(hour, tmp_path):
    with pytest.raises(TypeError, match=r"trace: expected a Trace, got the path '.*x.json'; "
                                        r"read it first \(Trace.from_csv"):
        asim.simulate(tmp_path / "x.json", ENDPOINT, [POLICY])
    with pytest.raises(TypeError, match=r"trace: expected a Trace .*got ndarray .*use "
                                        r"Trace\(counts, interval_s=...\)"):
        asim.simulate(np.ones(5), ENDPOINT, [POLICY])
    with pytest.raises(TypeError, match=r"endpoint: expected an Endpoint or InstanceType, got "
                                        r"str 'ml.g5.xlarge'; an instance type name needs"):
        asim.simulate(hour, "ml.g5.xlarge", [POLICY])
    with pytest.raises(TypeError, match="policies: expected a policy or a list of policies"):
        asim.simulate(hour, ENDPOINT, "TargetTracking")
    with pytest.raises(TypeError, match="trace: expected a Trace"):
        asim.optimize("x.json", ENDPOINT, target_value=[500], progress=False)
    with pytest.raises(asim.ConfigError, match="budget: expected an integer in"):
        asim.optimize(hour, ENDPOINT, target_value=[500], method="adaptive", budget=0,
                      progress=False)


def test_unambiguous_forms_are_accepted(hour, tmp_path):
    base = asim.simulate(hour, ENDPOINT, [POLICY]).summary
    csv = tmp_path / "hour.csv"
    hour.to_pandas().rename_axis("timestamp").to_csv(csv)
    assert asim.simulate(csv, ENDPOINT, [POLICY]).summary == base  # a CSV path
    assert asim.simulate(hour.to_pandas(), ENDPOINT, [POLICY]).summary == base  # a Series
    assert asim.simulate(hour, ENDPOINT, POLICY).summary == base  # one policy
    assert asim.simulate(hour, ENDPOINT.instance_type, [POLICY]).summary == base  # a type
    assert asim.simulate(hour, ENDPOINT, [POLICY], max_capacity=10.0).summary == base


def test_summary_counts_are_integers(hour):
    s = asim.simulate(hour, ENDPOINT, [POLICY]).summary
    counts = {"scale_out_count", "scale_in_count", "scaling_activities", "peak_in_service"}
    assert {k for k, v in s.items() if isinstance(v, int)} == counts
    assert all(isinstance(v, float) for k, v in s.items() if k not in counts)
