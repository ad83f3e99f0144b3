"""The one table of C++ exception -> Python exception, a test per row (python/src/bind_errors.cpp).
"""

import numpy as np
import pytest

import autoscalesim as asim
from autoscalesim import _core

TABLE = [
    ("config_error", asim.ConfigError, ValueError),
    ("trace_error", asim.TraceError, ValueError),
    ("io_error", OSError, OSError),
    ("cancelled_error", asim.CancelledError, RuntimeError),
]


@pytest.mark.parametrize(("kind", "exc", "base"), TABLE)
def test_each_cpp_exception_maps_to_its_python_exception(kind, exc, base):
    assert issubclass(exc, base)
    with pytest.raises(exc, match="^the message$"):
        _core._raise_for_test(kind, "the message")


def test_config_error_from_a_real_call():
    trace = asim.Trace(np.full(10, 100.0), interval_s=60)
    with pytest.raises(asim.ConfigError, match="scaling.min_capacity: 5 is greater than"):
        asim.simulate(trace, asim.Endpoint(), min_capacity=5, max_capacity=3)


def test_trace_error_names_file_and_line(tmp_path):
    path = tmp_path / "trace.csv"
    path.write_text(
        "timestamp,requests\n2024-05-01T10:00:00Z,5\n2024-05-01T10:01:00Z,five\n"
    )
    with pytest.raises(asim.TraceError, match="trace.csv:3: value is not a number") as info:
        asim.Trace.from_csv(path)
    assert info.value.filename == str(path)
    assert info.value.lineno == 3


def test_trace_error_without_a_file_has_no_location():
    with pytest.raises(asim.TraceError) as info:
        asim.Trace([1.0, -1.0], interval_s=60)
    assert info.value.filename is None
    assert info.value.lineno is None


def test_io_error_from_a_real_call():
    with pytest.raises(OSError, match="cannot open file"):
        asim.Trace.from_csv("/nonexistent/trace.csv")


def test_cancelled_error_is_not_a_value_error():
    assert not issubclass(asim.CancelledError, ValueError)


def test_other_exceptions_keep_pybind11s_mapping():
    with pytest.raises(ValueError, match="unknown exception kind"):
        _core._raise_for_test("nothing", "")


def test_config_error_names_its_field_as_data():
    with pytest.raises(asim.ConfigError) as info:
        asim.simulate(asim.Trace(np.full(10, 100.0), interval_s=60), asim.Endpoint(),
                      [asim.TargetTracking(target_value=-1)])
    assert info.value.field == "scaling.target_tracking[target-tracking].target_value"
    assert "expected a number > 0" in str(info.value)


def test_a_scenario_files_error_names_the_json_path_as_data(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"version": 1, "trace": {"generator": {"kind": "seasonal", "intervals": 60}},'
                    ' "scaling": {"policies": [{"type": "target_tracking", "target_value": 0}]}}')
    with pytest.raises(asim.ConfigError) as info:
        asim.load_scenario(path)
    assert info.value.field == "scaling.policies[0].target_value"
    assert str(info.value).startswith(str(path) + ": scaling.policies[0].target_value: ")


def test_an_error_raised_in_python_names_its_field_as_data():
    # The checks in Python name their field at the start of the message; .field carries it,
    # as the core's errors carry theirs, and survives a pickle (Dask workers).
    import pickle

    trace = asim.Trace(np.full(10, 100.0), interval_s=60)
    cases = [
        (lambda: asim.simulate(trace, asim.Endpoint(), max_capacity=2.5), "max_capacity"),
        (lambda: asim.TargetTracking("30"), "TargetTracking.target_value"),
        (lambda: asim.savings_plan("x", 0.3), "usage"),
    ]
    for call, field in cases:
        with pytest.raises(asim.ConfigError) as info:
            call()
        assert info.value.field == field
        assert pickle.loads(pickle.dumps(info.value)).field == field
    # a message that does not start with a field path has none; nor has a core error without one
    assert asim.ConfigError("two words: no path").field is None
    with pytest.raises(asim.ConfigError) as info:
        _core._raise_for_test("config_error", "max_capacity: made up in C++ without a field")
    assert info.value.field is None
