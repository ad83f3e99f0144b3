"""calibrate: an endpoint's history in (the AWS exports of a request-mode run whose start-up,
service time, workers and publish delay are known), the replay's error before and after fitting
and the fitted values out; the same files as `autoscalesim calibrate --out`."""

import dataclasses
import json
import pathlib
import subprocess

import numpy as np
import pandas as pd
import pytest

import autoscalesim as asim
from autoscalesim import _core
from autoscalesim.__main__ import command
from autoscalesim.calibrate import COMPARISON_COLUMNS, ReplayError

# The endpoint "as it really is": what the fits must find.
TRUE_STARTUP_MEDIAN_S = 420.0
TRUE_STARTUP_SIGMA = 0.25
TRUE_SERVICE_S = 0.8
TRUE_CV = 0.7
TRUE_WORKERS = 3
TRUE_DELAY_S = 90.0
TARGET_VALUE = 120.0
MIN_CAPACITY, MAX_CAPACITY, INITIAL_CAPACITY = 2, 40, 4
SEED = 7
DAYS = 2
START_EPOCH_S = 1714521600  # 2024-05-01T00:00:00Z
RESOURCE_ID = "endpoint/shop/variant/AllTraffic"
DIMENSION = "sagemaker:variant:DesiredInstanceCount"


def _iso(ts: pd.Timestamp) -> str:
    """A time as AWS CLI v2 prints it: 2024-05-01T10:04:00.310000+00:00."""
    return ts.strftime("%Y-%m-%dT%H:%M:%S.%f") + "+00:00"


def _statistics(label: str, times, values, statistic: str, unit: str) -> dict:
    """aws cloudwatch get-metric-statistics output; no datapoint where there is no value."""
    return {"Label": label, "Datapoints": [
        {"Timestamp": _iso(t), statistic: float(v), "Unit": unit}
        for t, v in zip(times, values) if np.isfinite(v) and v > 0]}


def _policy(target_value: float) -> dict:
    """aws application-autoscaling describe-scaling-policies output."""
    return {"ScalingPolicies": [{
        "PolicyName": "invocations-target", "ServiceNamespace": "sagemaker",
        "ResourceId": RESOURCE_ID, "ScalableDimension": DIMENSION,
        "PolicyType": "TargetTrackingScaling",
        "TargetTrackingScalingPolicyConfiguration": {
            "TargetValue": target_value,
            "PredefinedMetricSpecification": {
                "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}},
        "CreationTime": "2024-04-30T09:14:02.511000+00:00"}]}


@pytest.fixture(scope="module")
def history(tmp_path_factory, nasa_trace_path) -> pathlib.Path:
    """Two days of NASA traffic x 10 through the true endpoint (request mode), exported as AWS
    would: Invocations, ModelLatency (mean, and p99 via get-metric-data), GPUUtilization, the
    scaling activities and the deployed policy."""
    nasa = asim.Trace.from_csv(nasa_trace_path).slice(0, DAYS * 1440)
    traffic = asim.Trace(np.asarray(nasa.counts) * 10, 60, START_EPOCH_S)
    truth = asim.Endpoint(
        asim.InstanceType("ml.g4dn.xlarge", price_per_hour=0.736, workers=TRUE_WORKERS,
                          service_time_s=TRUE_SERVICE_S, service_cv=TRUE_CV),
        initial_capacity=INITIAL_CAPACITY,
        startup=asim.Startup.lognormal(TRUE_STARTUP_MEDIAN_S, TRUE_STARTUP_SIGMA))
    run = asim.simulate(traffic, truth, [asim.TargetTracking(target_value=TARGET_VALUE,
                                                             publish_delay_s=TRUE_DELAY_S)],
                        min_capacity=MIN_CAPACITY, max_capacity=MAX_CAPACITY, mode="request",
                        seed=SEED)
    out = tmp_path_factory.mktemp("history")
    tl = run.timeline

    def write(name: str, doc: dict) -> None:
        (out / name).write_text(json.dumps(doc, indent=1))

    write("invocations.json", _statistics("Invocations", tl.index, tl["arrivals"], "Sum",
                                          "None"))
    write("model-latency.json", _statistics("ModelLatency", tl.index,
                                            tl["mean_latency_s"] * 1e6, "Average",
                                            "Microseconds"))
    write("gpu-utilization.json", _statistics("GPUUtilization", tl.index,
                                              tl["utilization"] * 100, "Average", "Percent"))
    p99 = tl["p99_latency_s"].dropna()
    write("model-latency-p99.json", {"MetricDataResults": [{
        "Id": "p99", "Label": "ModelLatency", "StatusCode": "Complete",
        "Timestamps": [_iso(t) for t in p99.index[::-1]],  # newest first, as AWS lists them
        "Values": [float(v) * 1e6 for v in p99.to_numpy()[::-1]]}], "Messages": []})
    activities = []
    for k, a in enumerate(run.activities.to_dict("records")):
        alarm = "AlarmHigh" if a["to"] > a["from"] else "AlarmLow"
        activities.append({
            "ActivityId": f"6d2ff4a5-0000-4000-8000-{k:012d}", "ServiceNamespace": "sagemaker",
            "ResourceId": RESOURCE_ID, "ScalableDimension": DIMENSION,
            "Description": f"Setting desired instance count to {a['to']}.",
            "Cause": f"monitor alarm TargetTracking-{RESOURCE_ID}-{alarm}-5e8c1a4b in state "
                     "ALARM triggered policy invocations-target",
            "StartTime": _iso(a["start"]), "EndTime": _iso(a["end"]), "StatusCode": "Successful",
            "StatusMessage": f"Successfully set desired instance count to {a['to']}. Change "
                             "successfully fulfilled by sagemaker."})
    write("activities.json", {"ScalingActivities": activities[::-1]})  # newest first
    write("targets.json", {"ScalableTargets": [{
        "ServiceNamespace": "sagemaker", "ResourceId": RESOURCE_ID, "ScalableDimension": DIMENSION,
        "MinCapacity": MIN_CAPACITY, "MaxCapacity": MAX_CAPACITY,
        "CreationTime": "2024-04-30T09:12:44.178000+00:00"}]})
    write("policies.json", _policy(TARGET_VALUE))
    write("policies-60.json", _policy(60.0))
    return out


#: What the endpoint is thought to be before calibrating (the command's options alike); 40
#: bootstrap resamples keep the test quick.
GIVEN = {"instance_type": "ml.g4dn.xlarge", "startup_s": 300, "initial_capacity": 4,
         "resamples": 40}


def _calibrate(history: pathlib.Path, policies: str = "policies.json", **kwargs):
    args = {"latency": history / "model-latency.json",
            "latency_p99": history / "model-latency-p99.json",
            "utilization": history / "gpu-utilization.json", **GIVEN, **kwargs}
    return asim.calibrate(history / "invocations.json", history / "activities.json",
                          [history / "targets.json", history / policies], **args)


@pytest.fixture(scope="module")
def calibration(history):
    return _calibrate(history)


def test_the_fits_recover_the_endpoint(calibration):
    c = calibration
    assert c.service is not None and c.service.workers == TRUE_WORKERS
    assert c.service.used_utilization and c.service.used_p99
    assert c.service.service_time_s == pytest.approx(TRUE_SERVICE_S, rel=0.05)
    assert c.startup is not None
    assert c.startup.median_s.value == pytest.approx(TRUE_STARTUP_MEDIAN_S, rel=0.10)
    assert c.startup.median_s.low < c.startup.median_s.value < c.startup.median_s.high
    assert c.delay is not None and c.delay.delay.low <= TRUE_DELAY_S <= c.delay.delay.high
    assert not c.policy_mismatch
    # the calibrated replay is closer to the history than the given one
    assert c.after.capacity_mean_abs_error < c.before.capacity_mean_abs_error
    assert c.after.latency_mean_abs_error_s < 0.1 * c.before.latency_mean_abs_error_s
    assert c.after.matched > c.before.matched
    # and the calibrated scenario carries the fitted values
    it = c.endpoint.instance_type
    assert (it.workers, it.service_time_s, it.service_cv) == (
        c.service.workers, c.service.service_time_s, c.service.service_cv)
    assert c.endpoint.startup == c.startup.distribution
    assert c.endpoint.startup.kind == "lognormal"
    assert c.policies[0].publish_delay_s == c.delay.publish_delay_s
    assert c.policies[0].target_value == TARGET_VALUE
    assert c.settings.min_capacity == MIN_CAPACITY and c.settings.max_capacity == MAX_CAPACITY
    assert c.resource_id == RESOURCE_ID


def test_the_replays_are_results_and_the_comparison_lines_them_up(calibration):
    c = calibration
    cmp = c.comparison
    assert list(cmp.columns) == ["time_s", *COMPARISON_COLUMNS]
    assert len(cmp) == DAYS * 1440 and str(cmp.index.tz) == "UTC"
    assert cmp.index[0] == pd.Timestamp(START_EPOCH_S, unit="s", tz="UTC")
    assert cmp["observed_instances"].iloc[0] == INITIAL_CAPACITY
    np.testing.assert_array_equal(cmp["calibrated_latency_s"],
                                  c.calibrated_run.timeline["mean_latency_s"])
    np.testing.assert_array_equal(cmp["given_instances"], c.before.simulated_capacity)
    assert c.before.observed_activities == len(c.observed_activities) > 50
    assert list(c.before.bands.columns) == ["low_per_s", "high_per_s", "intervals",
                                            "observed_mean_s", "simulated_mean_s",
                                            "mean_abs_error_s"]
    assert len(c.before.bands) == 4 and len(c.after.matches) == c.after.matched
    assert len(c.given_run.activities) == c.before.simulated_activities
    again = c.simulate(timeline=False)
    assert again.summary == c.calibrated_run.summary


def test_replay_error_has_the_fields_of_the_core_type():
    core = {n for n in dir(_core.ReplayError) if not n.startswith("_")}
    assert {f.name for f in dataclasses.fields(ReplayError)} == core


def test_a_different_target_value_is_a_policy_mismatch(history):
    c = _calibrate(history, "policies-60.json", latency_p99=None)
    assert c.policy_mismatch
    assert c.policies[0].target_value == 60
    assert any("deployed policy probably differs" in n for n in c.notes)
    assert c.after.to_agreement < 0.5
    assert "POLICY MISMATCH" in repr(c)


def test_a_trace_object_without_fitting_is_the_given_replay_only(history, calibration):
    trace = asim.Trace.from_cloudwatch_json(history / "invocations.json", gaps="zero")
    c = asim.calibrate(trace, str(history / "activities.json"),
                       (history / "targets.json", history / "policies.json"),
                       latency=[history / "model-latency.json"],
                       latency_p99=history / "model-latency-p99.json",
                       utilization=history / "gpu-utilization.json", fit=False, **GIVEN)
    assert (c.startup, c.service, c.delay, c.notes) == (None, None, None, [])
    # the same replay as from the export's path, compared again unchanged
    assert c.to_dict()["before"] == c.to_dict()["after"] == calibration.to_dict()["before"]
    assert c.endpoint.instance_type.workers == 1 and c.endpoint.startup == asim.Startup.fixed(300)
    assert "nothing fitted" in repr(c)
    assert c.report().startswith("trace           a Trace (in memory): first 2024-05-01T00:00:00Z")


def test_a_malformed_activities_file_names_the_file_and_field(history, tmp_path):
    doc = json.loads((history / "activities.json").read_text())
    doc["ScalingActivities"][0]["StartTime"] = "yesterday"
    bad = tmp_path / "bad-activities.json"
    bad.write_text(json.dumps(doc))
    with pytest.raises(asim.ConfigError, match=r"bad-activities\.json: "
                       r"/ScalingActivities/0/StartTime: timestamp \"yesterday\"") as e:
        asim.calibrate(history / "invocations.json", bad,
                       [history / "targets.json", history / "policies.json"], **GIVEN)
    assert e.value.field == "/ScalingActivities/0/StartTime"
    bad.write_text('{"ScalingActivities": [')
    with pytest.raises(asim.ConfigError, match=r"bad-activities\.json"):
        asim.calibrate(history / "invocations.json", bad,
                       [history / "targets.json", history / "policies.json"], **GIVEN)
    with pytest.raises(OSError, match="missing.json"):
        asim.calibrate(history / "invocations.json", tmp_path / "missing.json",
                       [history / "targets.json", history / "policies.json"], **GIVEN)


def test_a_latency_export_outside_the_window_is_named(history, tmp_path):
    old = tmp_path / "old-latency.json"
    old.write_text(json.dumps(_statistics(
        "ModelLatency", [pd.Timestamp("2023-01-01T00:00Z")], [800000.0], "Average",
        "Microseconds")))
    with pytest.raises(asim.ConfigError, match=r"latency: no datapoint of .*old-latency\.json "
                       r"falls in the trace's window \(first 2024-05-01T00:00:00Z"):
        asim.calibrate(history / "invocations.json", history / "activities.json",
                       [history / "targets.json", history / "policies.json"], latency=old,
                       **GIVEN)


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"traffic": 3.5}, "traffic"),
    ({"activities": 42}, "activities"),
    ({"policy_from": None}, "policy_from"),
    ({"policy_from": ["targets.json", 7]}, "policy_from"),
    ({"latency": 1}, "latency"),
    ({"max_workers": "4"}, "max_workers"),
    ({"fit": "yes"}, "fit"),
    ({"resource_id": 5}, "resource_id"),
    ({"endpoint": asim.InstanceType(), "workers": 2}, "endpoint"),
    ({"endpoint": "ml.g4dn.xlarge"}, "endpoint"),
])
def test_a_wrong_argument_type_is_a_type_error_naming_it(history, kwargs, name):
    args = {"traffic": history / "invocations.json", "activities": history / "activities.json",
            "policy_from": [history / "targets.json", history / "policies.json"], **kwargs}
    traffic, activities, policy_from = (args.pop(k) for k in ("traffic", "activities",
                                                              "policy_from"))
    with pytest.raises(TypeError, match=f"^{name}: "):
        asim.calibrate(traffic, activities, policy_from, **args)


def test_wrong_values_are_config_errors_naming_the_argument(history):
    files = (history / "invocations.json", history / "activities.json",
             [history / "targets.json", history / "policies.json"])
    for kwargs, name in (({"max_workers": 0}, "max_workers"),
                         ({"utilization_scale": 0}, "utilization_scale"),
                         ({"startup_s": -1}, "startup_s"),
                         ({"resamples": 19}, "resamples"),
                         ({"activities": []}, "activities")):
        args = dict(zip(("traffic", "activities", "policy_from"), files))
        args.update(kwargs)
        with pytest.raises(asim.ConfigError, match=f"^{name}: "):
            asim.calibrate(args.pop("traffic"), args.pop("activities"), args.pop("policy_from"),
                           **args)
    # one resample made a "90 % interval" of a single fit, which could exclude the estimate
    with pytest.raises(asim.ConfigError,
                       match=r"^resamples: expected an integer in \[20, 100000\], got 1$"):
        asim.calibrate(*files, resamples=1)


def test_save_never_replaces_the_trace_it_was_given(calibration, tmp_path):
    (tmp_path / "trace.csv").write_text("timestamp,requests\n")
    with pytest.raises(FileExistsError, match="already holds trace.csv, which autoscalesim did "
                                              "not write"):
        calibration.save(tmp_path)
    assert (tmp_path / "trace.csv").read_text() == "timestamp,requests\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["trace.csv"]


def test_save_writes_what_the_command_writes(history, calibration, tmp_path):
    out = calibration.save(tmp_path / "py")
    cli = subprocess.run(
        [command(), "calibrate", str(history / "invocations.json"),
         "--activities", str(history / "activities.json"),
         "--policy-from", f"{history / 'targets.json'},{history / 'policies.json'}",
         "--latency", str(history / "model-latency.json"),
         "--latency-p99", str(history / "model-latency-p99.json"),
         "--utilization", str(history / "gpu-utilization.json"),
         "--instance-type", "ml.g4dn.xlarge", "--startup-s", "300", "--initial-capacity", "4",
         "--resamples", "40", "--out", str(tmp_path / "cli"), "--quiet"],
        capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    # both hold the marker (.autoscalesim-results), listing the same files
    names = sorted(p.name for p in (tmp_path / "cli").iterdir()
                   if p.name != ".autoscalesim-results")
    assert sorted(p.name for p in out.iterdir()) == sorted(names + [".autoscalesim-results"])
    marker = json.loads((out / ".autoscalesim-results").read_text())["files"]
    assert marker == json.loads((tmp_path / "cli" / ".autoscalesim-results").read_text())["files"]
    for name in names:
        ours, theirs = (out / name).read_text(), (tmp_path / "cli" / name).read_text()
        if name == "comparison.svg":  # drawn by matplotlib here, by the command's own writer there
            assert ours.lstrip().startswith("<?xml") and "<svg" in ours
        elif name == "calibration.json":
            assert json.loads(ours) == json.loads(theirs)
        elif name == "report.txt":  # the same lines; column widths are the command's business
            assert [r.split() for r in ours.splitlines()] == [
                r.split() for r in theirs.splitlines()]
        else:
            assert ours == theirs, name
    back = pd.read_csv(out / "comparison.csv")
    np.testing.assert_allclose(back.to_numpy(), calibration.comparison.to_numpy(), rtol=1e-8)
    sf = asim.load_scenario(out / "scenario.json")
    assert sf.simulate(timeline=False).summary == calibration.calibrated_run.summary


def test_plot_and_reprs(calibration):
    fig = calibration.plot()
    assert len(fig.axes) == 2
    assert [len(ax.get_lines()) for ax in fig.axes] == [3, 3]
    with pytest.raises(ValueError, match="ax: expected 2 Axes"):
        calibration.plot(ax=fig.axes[:1])
    text = repr(calibration)
    assert text.startswith("Calibration(start-up ") and f"x {TRUE_WORKERS} worker(s)" in text
    html = calibration._repr_html_()
    assert "<b>Calibration</b>" in html and "instances MAE" in html
    assert "fitted          service: " in calibration.report()
