"""load_scenario(): the example scenario files give the command's figures
(examples/scenarios/*.out), the same as simulate() built by hand; overrides; every error type;
the optimize section's front and recommended policy."""

import json
import math
import pathlib
import pickle
import subprocess

import matplotlib
import numpy as np
import pandas as pd
import pytest

import autoscalesim as asim
from autoscalesim.__main__ import command
from autoscalesim.scenario_file import FileProblem

matplotlib.use("Agg")

ROOT = pathlib.Path(__file__).resolve().parents[2]

SCENARIOS = ROOT / "examples" / "scenarios"
TARGET_TRACKING = SCENARIOS / "nasa_target_tracking.json"


@pytest.fixture(scope="module")
def nasa_file():
    return asim.load_scenario(TARGET_TRACKING)


@pytest.fixture(scope="module")
def nasa_result(nasa_file):
    return nasa_file.simulate()


def test_the_demo_gives_the_commands_figures(nasa_result):
    s = nasa_result.summary
    assert round(s["cost_usd"], 2) == 1120.39  # nasa_target_tracking.out
    assert round(s["p99_latency_s"], 3) == 9.027
    assert round(s["instance_hours"], 1) == 1522.3
    assert s["scale_out_count"] == 669


def test_same_summary_as_simulate_built_by_hand(nasa_result, nasa_trace_path):
    # The README's Python example: the same parameters as nasa_target_tracking.json.
    trace = asim.Trace.from_csv(nasa_trace_path)
    endpoint = asim.Endpoint(
        asim.InstanceType("ml.g4dn.xlarge", price_per_hour=0.736, workers=1,
                          service_time_s=1.0, service_cv=0.5),
        initial_capacity=2, startup=asim.Startup.lognormal(381, 0.2))
    by_hand = asim.simulate(trace, endpoint, [asim.TargetTracking(target_value=30)],
                            min_capacity=1, max_capacity=20, slo_latency_s=5.0, seed=42)
    assert nasa_result.summary == by_hand.summary
    # The file names its policy, which the activities' causes show.
    policy = asim.TargetTracking(target_value=30, name="invocations-target")
    by_hand = asim.simulate(trace, endpoint, [policy], min_capacity=1, max_capacity=20,
                            slo_latency_s=5.0, seed=42)
    assert nasa_result.timeline.equals(by_hand.timeline)
    assert nasa_result.activities.equals(by_hand.activities)


def test_file_contents(nasa_file):
    assert isinstance(nasa_file, asim.ScenarioFile)
    assert nasa_file.version == 1
    assert not nasa_file.has_optimization and nasa_file.optimization is None
    assert len(nasa_file.trace) == 39692 and nasa_file.trace.interval_s == 60
    s = nasa_file.settings
    assert (s.min_capacity, s.max_capacity, s.slo_latency_s, s.seed, s.mode) == (1, 20, 5.0, 42,
                                                                                "fluid")
    (policy,) = nasa_file.policies
    assert policy == asim.TargetTracking(target_value=30, name="invocations-target")
    eff = nasa_file.effective
    assert json.loads(nasa_file.effective_json) == eff
    assert eff["scaling"]["policies"][0]["target_value"] == 30
    assert eff["scaling"]["policies"][0]["scale_in_cooldown_s"] == 300  # a default filled in
    trace_file = eff["trace"]["file"]
    assert trace_file.endswith("nasa_http_1995_07_per_minute.csv") and trace_file.startswith("/")
    assert "optimize" in repr(asim.load_scenario(SCENARIOS / "nasa_optimize.json"))


def test_the_scenario_property_is_a_copy(nasa_file):
    sc = nasa_file.scenario
    sc.seed = 7
    assert nasa_file.scenario.seed == 42


def test_result_works_like_simulates(nasa_result):
    tl = nasa_result.timeline
    assert len(tl) == 39692 and str(tl.index.tz) == "UTC"
    assert tl.index[0].isoformat() == "1995-07-01T04:00:00+00:00"
    acts = nasa_result.activities
    assert (acts["to"] > acts["from"]).sum() == 669
    fig = nasa_result.plot()
    assert fig.axes[2].get_ylabel() == "InvocationsPerInstance"


def test_timeline_can_be_left_out(nasa_file, nasa_result):
    r = nasa_file.simulate(timeline=False)
    assert r.summary == nasa_result.summary
    assert len(r.timeline) == 0


def test_to_files_writes_the_commands_files(nasa_result, tmp_path):
    out = tmp_path / "results"
    nasa_result.to_files(out)
    assert sorted(p.name for p in out.iterdir()) == [".autoscalesim-results", "activities.csv",
                                                      "summary.json", "timeline.csv"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary == pytest.approx(nasa_result.summary)
    assert len((out / "timeline.csv").read_text().splitlines()) == 39692 + 1
    assert len((out / "activities.csv").read_text().splitlines()) == 1298 + 1


def test_to_files_never_replaces_a_file_it_did_not_write(nasa_result, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "summary.json").write_text("my notes\n")
    (out / "notes.txt").write_text("kept\n")
    with pytest.raises(FileExistsError, match=r"mine: already holds summary.json, which "
                                              r"autoscalesim did not write"):
        nasa_result.to_files(out)
    assert (out / "summary.json").read_text() == "my notes\n"
    assert not (out / "timeline.csv").exists()
    nasa_result.to_files(out, overwrite=True)
    assert json.loads((out / "summary.json").read_text())["requests"] == \
        nasa_result.summary["requests"]
    assert (out / "notes.txt").read_text() == "kept\n"
    # What it wrote, its marker lists: saving again replaces them without overwrite=True.
    marker = json.loads((out / ".autoscalesim-results").read_text())
    assert marker["files"] == ["activities.csv", "summary.json", "timeline.csv"]
    nasa_result.to_files(out)
    # A folder of Python's results alone is one the command's --force may replace.
    py = tmp_path / "py"
    nasa_result.to_files(py)
    cli = subprocess.run([command(), "simulate", str(TARGET_TRACKING), "--out", str(py),
                          "--force", "--quiet"], capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    assert json.loads((py / "summary.json").read_text())["requests"] == \
        nasa_result.summary["requests"]
    with pytest.raises(NotADirectoryError, match="is not a folder"):
        nasa_result.to_files(out / "notes.txt")


def test_a_save_into_a_commands_folder_leaves_no_file_of_the_other_run(nasa_result, tmp_path):
    # The command's scenario.json (and any file it wrote that this save does not) would describe
    # another run beside this one's summary: the save removes what the marker lists and it does
    # not replace, and keeps the user's own files.
    out = tmp_path / "run"
    cli = subprocess.run([command(), "simulate", str(TARGET_TRACKING), "--out", str(out),
                          "--quiet"], capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    assert (out / "scenario.json").is_file()
    (out / "notes.txt").write_text("kept\n")
    nasa_result.to_files(out)
    assert sorted(p.name for p in out.iterdir()) == [".autoscalesim-results", "activities.csv",
                                                      "notes.txt", "summary.json",
                                                      "timeline.csv"]
    marker = json.loads((out / ".autoscalesim-results").read_text())
    assert marker["files"] == ["activities.csv", "summary.json", "timeline.csv"]
    # a folder of files under aws/: emptied, it goes too
    (out / "aws").mkdir()
    (out / "aws" / "apply.sh").write_text("#!/bin/sh\n")
    marker["files"].append("aws/apply.sh")
    (out / ".autoscalesim-results").write_text(json.dumps(marker))
    nasa_result.to_files(out)
    assert not (out / "aws").exists()


def test_a_save_never_removes_a_file_outside_its_folder(nasa_result, tmp_path):
    # A marker from elsewhere (a shared or downloaded folder) may list anything: a save removes
    # only files under the folder itself, reached through no link.
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "victim.txt").write_text("mine\n")
    (tmp_path / "abs.txt").write_text("mine\n")
    other = tmp_path / "other"
    other.mkdir()
    (other / "data.csv").write_text("mine\n")
    (out / "sub").symlink_to(other, target_is_directory=True)
    listed = ["../victim.txt", str(tmp_path / "abs.txt"), "sub/data.csv"]
    (out / ".autoscalesim-results").write_text(json.dumps({"files": listed}))
    nasa_result.to_files(out)
    assert (tmp_path / "victim.txt").read_text() == "mine\n"
    assert (tmp_path / "abs.txt").read_text() == "mine\n"
    assert (other / "data.csv").read_text() == "mine\n"
    marker = json.loads((out / ".autoscalesim-results").read_text())
    assert marker["files"] == ["activities.csv", "summary.json", "timeline.csv"]


def test_timeline_csv_reads_back_to_the_stored_columns(nasa_result, tmp_path):
    # Request counts are float64, desired and starting int32, the charted figures float32; the
    # file holds each to the digits that read back to the stored value, no more.
    nasa_result.to_files(tmp_path)
    cols = nasa_result.columns
    assert cols["served"].dtype == np.float64 and cols["desired"].dtype == np.int32
    assert cols["p99_latency_s"].dtype == np.float32
    text = (tmp_path / "timeline.csv").read_text().splitlines()
    header = text[0].split(",")
    rows = [line.split(",") for line in text[1:]]
    for name in ("served", "errors", "desired", "in_service", "metric", "utilization",
                 "mean_latency_s", "p99_latency_s"):
        k = header.index(name)
        read = np.array([float(r[k]) for r in rows]).astype(cols[name].dtype)
        assert np.array_equal(read, cols[name], equal_nan=True), name
    # float32 shortest text: no widened digits such as 0.083333335816860199
    k = header.index("utilization")
    assert max(len(r[k]) for r in rows) <= 15
    assert nasa_result.timeline["served"].sum() == pytest.approx(nasa_result.summary["served"],
                                                                 rel=1e-9)


def test_seed_override(nasa_result):
    sf = asim.load_scenario(TARGET_TRACKING, seed=7)
    assert sf.settings.seed == 7 and sf.effective["seed"] == 7
    r = sf.simulate(timeline=False)
    assert r.summary != nasa_result.summary  # the startup times are drawn from the seed


def test_trace_override(tmp_path, nasa_trace_path):
    lines = nasa_trace_path.read_text().splitlines()
    short = tmp_path / "short.csv"
    short.write_text("\n".join(lines[:1441]) + "\n")  # header and the first day
    sf = asim.load_scenario(TARGET_TRACKING, trace=short, trace_format="csv")
    assert len(sf.trace) == 1440
    assert sf.effective["trace"]["file"] == str(short)
    by_hand = asim.simulate(
        asim.Trace.from_csv(short),
        asim.Endpoint(asim.InstanceType("ml.g4dn.xlarge", price_per_hour=0.736, workers=1,
                                        service_time_s=1.0, service_cv=0.5),
                      initial_capacity=2, startup=asim.Startup.lognormal(381, 0.2)),
        [asim.TargetTracking(target_value=30)], min_capacity=1, max_capacity=20,
        slo_latency_s=5.0, seed=42)
    assert sf.simulate().summary == by_hand.summary


def test_from_aws_notes_and_kind(tmp_path, nasa_trace_path):
    # A step policy without alarms is left out with a note, which the file's notes keep; the
    # copy count of an inference component is refused on a real-time endpoint.
    variant = {"ServiceNamespace": "sagemaker", "ResourceId": "endpoint/ep/variant/v",
               "ScalableDimension": "sagemaker:variant:DesiredInstanceCount"}
    (tmp_path / "t.json").write_text(json.dumps(
        {"ScalableTargets": [dict(variant, MinCapacity=1, MaxCapacity=4)]}))
    step = {"AdjustmentType": "ChangeInCapacity",
            "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]}
    (tmp_path / "p.json").write_text(json.dumps({"ScalingPolicies": [dict(
        variant, PolicyName="idle", PolicyType="StepScaling",
        StepScalingPolicyConfiguration=step, Alarms=[])]}))
    doc = json.loads(TARGET_TRACKING.read_text())
    doc["trace"]["file"] = str(nasa_trace_path)
    doc["scaling"] = {"from_aws": ["t.json", "p.json"]}
    (tmp_path / "s.json").write_text(json.dumps(doc))
    sf = asim.load_scenario(tmp_path / "s.json")
    assert sf.notes == [f"{tmp_path / 'p.json'}: /ScalingPolicies/0: step-scaling policy "
                        '"idle" has no alarm, so it never acts; it is left out']
    assert sf.policies == []
    assert asim.load_scenario(TARGET_TRACKING).notes == []
    doc["endpoint"]["kind"] = "serverless"
    doc["endpoint"]["serverless"] = {"memory_mb": 2048, "max_concurrency": 10}
    (tmp_path / "s.json").write_text(json.dumps(doc))
    with pytest.raises(asim.ConfigError, match=r"s\.json: endpoint\.kind: the AWS files scale "
                       r"\"endpoint/ep/variant/v\"'s instance count"):
        asim.load_scenario(tmp_path / "s.json")


def test_bad_trace_format_override_names_the_field():
    with pytest.raises(asim.ConfigError, match=r"trace\.format"):
        asim.load_scenario(TARGET_TRACKING, trace_format="parquet")


# -- errors ------------------------------------------------------------------------------------


def _write(tmp_path, doc, name="s.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc) if not isinstance(doc, str) else doc)
    return path


def _doc():
    return json.loads(TARGET_TRACKING.read_text())


def test_bad_value_names_file_and_json_path(tmp_path):
    doc = _doc()
    doc["trace"]["file"] = str(ROOT / "traces" / "nasa_http_1995_07_per_minute.csv")
    doc["scaling"]["policies"][0]["target_value"] = "abc"
    path = _write(tmp_path, doc)
    with pytest.raises(asim.ConfigError) as info:
        asim.load_scenario(path)
    assert isinstance(info.value, ValueError)
    assert str(info.value) == (f'{path}: scaling.policies[0].target_value: expected a number > 0, '
                               'got "abc"')


def test_unknown_field_is_a_config_error(tmp_path):
    doc = _doc()
    doc["endpoint"]["instance_typ"] = doc["endpoint"].pop("instance_type")
    with pytest.raises(asim.ConfigError, match=r"s\.json: endpoint\.instance_typ: unknown field"):
        asim.load_scenario(_write(tmp_path, doc))


def test_malformed_json_gives_line_and_column(tmp_path):
    path = _write(tmp_path, '{\n  "version": 1,\n}\n')
    with pytest.raises(asim.ConfigError, match=r"s\.json:3:1: not valid JSON"):
        asim.load_scenario(path)


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(OSError, match="missing.json"):
        asim.load_scenario(tmp_path / "missing.json")


def test_missing_trace_is_an_os_error(tmp_path):
    doc = _doc()
    doc["trace"]["file"] = "no_such_trace.csv"
    with pytest.raises(OSError, match="no_such_trace.csv"):
        asim.load_scenario(_write(tmp_path, doc))


def test_malformed_trace_is_a_trace_error_with_its_location(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("timestamp,requests\n2024-05-01T10:00:00Z,5\n2024-05-01T10:01:00Z,five\n")
    doc = _doc()
    doc["trace"]["file"] = "bad.csv"
    with pytest.raises(asim.TraceError) as info:
        asim.load_scenario(_write(tmp_path, doc))
    assert info.value.filename == str(bad)
    assert info.value.lineno == 3


def test_optimize_without_a_section_is_a_config_error(nasa_file):
    with pytest.raises(asim.ConfigError, match='no "optimize" section'):
        nasa_file.optimize(progress=False)


# -- optimisation ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nasa_front():
    return asim.load_scenario(SCENARIOS / "nasa_optimize.json").optimize(progress=False)


def test_front_matches_the_commands(nasa_front):
    # nasa_optimize.out: 18 evaluated, 10 feasible, a front of 10, hypervolume 15875.4.
    assert isinstance(nasa_front, asim.ParetoFront)
    assert nasa_front.complete
    assert len(nasa_front.points) == 18
    assert int(nasa_front.points["feasible"].sum()) == 10
    assert len(nasa_front) == 10
    assert round(nasa_front.hypervolume(), 1) == 15875.3
    front = nasa_front.to_pandas()
    assert list(front.index) == [17, 16, 15, 8, 14, 7, 13, 0, 6, 12]
    assert list(front["min_capacity"]) == [3, 3, 3, 2, 3, 2, 3, 1, 2, 3]
    assert list(front["target_value"]) == [60, 50, 40, 30, 30, 20, 20, 10, 10, 10]
    assert [round(c, 2) for c in front["cost_usd"]] == [
        372.61, 381.04, 401.6, 414.59, 450.19, 601.75, 614.54, 1170.23, 1171.42, 1172.72]


def test_recommended_policy_matches_the_commands(nasa_front):
    best = nasa_front.recommended()
    assert best.params == {"min_capacity": 2, "target_value": 20}
    assert round(best.summary["cost_usd"], 2) == 601.75
    assert round(best.summary["p99_latency_s"], 3) == 4.384
    assert round(best.summary["slo_attainment"], 4) == 0.9936
    assert nasa_front.problem.choose == {"min_slo_attainment": 0.99}
    # best() applies the file's choose constraints too; without them (slo=False) it is the
    # cheapest feasible policy, and says it was chosen with no constraint.
    assert nasa_front.best().params == best.params
    assert best.constraints == {"min_slo_attainment": 0.99}
    assert "chosen under slo_attainment >= 0.99" in repr(best)
    unconstrained = nasa_front.best(slo=False)
    assert unconstrained.params == {"min_capacity": 3, "target_value": 60}
    assert unconstrained.constraints == {}
    assert repr(unconstrained).endswith("chosen with no constraint)")
    fig = nasa_front.plot(chosen=best)
    assert "min 2 target 20" in " ".join(t.get_text() for t in fig.axes[0].texts)


def test_candidate_simulates_the_files_scenario_with_its_parameters(nasa_front):
    best = nasa_front.recommended()
    assert (best.min_capacity, best.max_capacity) == (2, 20)
    assert best.policy.target_value == 20
    r = best.simulate()
    assert isinstance(r, asim.Result) and len(r.timeline) == 7 * 1440
    # The file's own scenario alone (the front's figures are the worst of it and traffic x1.3).
    per_scenario = nasa_front.result.best(
        [asim._core.Constraint("slo_attainment", min_value=0.99)]).per_scenario
    assert r.summary == per_scenario[0]
    assert best.simulate(seed=7).summary != r.summary
    with pytest.raises(TypeError, match="unexpected keyword argument 'sed'"):
        best.simulate(sed=7)


def test_threads_do_not_change_the_front(nasa_front):
    again = asim.load_scenario(SCENARIOS / "nasa_optimize.json").optimize(progress=False,
                                                                         threads=1)
    assert again.points.equals(nasa_front.points)


def test_problem_pickles_as_the_file_to_read_again(nasa_front):
    problem = pickle.loads(pickle.dumps(nasa_front.problem))
    assert problem.parameters == ("min_capacity", "target_value")
    assert problem.choose == nasa_front.problem.choose
    assert len(problem.core().scenarios) == 2


def test_a_pickled_problem_whose_file_changed_or_went_is_an_error_naming_it(tmp_path):
    # A Dask worker reads the file again: edited since the client read it, it would run another
    # scenario (a price ten times higher) beside the client's; gone, Dask would report only a
    # closed connection. Both are errors naming the file when the problem is used.
    path = tmp_path / "s.json"
    doc = json.loads((SCENARIOS / "nasa_optimize.json").read_text())
    trace = tmp_path / "t.csv"
    trace.write_bytes((SCENARIOS / doc["trace"]["file"]).read_bytes())
    doc["trace"]["file"] = "t.csv"
    original = json.dumps(doc)
    path.write_text(original)
    problem = asim.load_scenario(path).optimize(max_evaluations=1, progress=False).problem
    state = pickle.dumps(problem)
    assert len(pickle.loads(state).core().scenarios) == 2  # unchanged: the same problem
    doc["endpoint"]["instance_type"]["price_per_hour"] *= 10
    path.write_text(json.dumps(doc))
    edited = pickle.loads(state)
    with pytest.raises(asim.ConfigError, match=r"s.json: reads as another problem on host "):
        edited.core()
    with pytest.raises(asim.ConfigError, match=r"reads as another problem"):
        edited.simulate({"min_capacity": 1, "target_value": 20})
    # sent on by a worker (Dask copies data between workers), it is checked against the
    # client's problem still, not the edited file's
    with pytest.raises(asim.ConfigError, match=r"reads as another problem"):
        pickle.loads(pickle.dumps(edited)).core()
    # the trace edited, the scenario file as it was: caught too
    path.write_text(original)
    assert len(pickle.loads(state).core().scenarios) == 2
    lines = trace.read_text().splitlines()
    lines[-1] = lines[-1].rsplit(",", 1)[0] + ",999"
    trace.write_text("\n".join(lines) + "\n")
    with pytest.raises(asim.ConfigError, match=r"reads as another problem"):
        pickle.loads(state).core()
    path.unlink()
    gone = pickle.loads(state)
    with pytest.raises(OSError, match=r"s.json: cannot be read where the problem was sent"):
        gone.core()
    with pytest.raises(OSError, match=r"s.json: cannot be read"):
        gone.parameters  # noqa: B018 - the attribute's access is what is tested
    with pytest.raises(OSError, match=r"s.json: cannot be read"):
        pickle.loads(pickle.dumps(gone)).core()


def test_dask_front_is_identical_to_the_local_one(nasa_front):
    distributed = pytest.importorskip("dask.distributed")
    sf = asim.load_scenario(SCENARIOS / "nasa_optimize.json")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client:
        remote = sf.optimize(progress=False, client=client, chunk_size=5)
    assert remote.complete
    pd.testing.assert_frame_equal(nasa_front.points, remote.points, check_exact=True)


def test_train_test_on_held_out_traffic(nasa_front):
    sf = asim.load_scenario(SCENARIOS / "nasa_optimize.json")
    _, test = asim.Trace.from_csv(ROOT / "traces" / "nasa_http_1995_07_per_minute.csv").split(
        0.75)
    problem = nasa_front.problem
    assert isinstance(problem, FileProblem)
    core = problem.core(test)
    assert len(core.scenarios) == 2
    assert core.scenarios[1].traffic.total() == pytest.approx(1.3 * test.stats()["total"])
    report = nasa_front.train_test(test)
    assert len(report) == len(nasa_front)
    assert not math.isnan(report["test_cost_usd"].iloc[0])
    assert sf.trace.stats()["total"] == nasa_front.problem.trace.stats()["total"]


def test_adaptive_search_from_a_file(tmp_path):
    doc = json.loads((SCENARIOS / "nasa_optimize.json").read_text())
    doc["trace"]["file"] = str(ROOT / "traces" / "nasa_http_1995_07_per_minute.csv")
    doc["trace"]["slice"] = {"start_s": 0, "end_s": 2 * 86400}
    doc["optimize"].update(method="adaptive", max_evaluations=8, batch_size=4)
    doc["optimize"]["scenarios"] = []
    front = asim.load_scenario(_write(tmp_path, doc)).optimize(progress=False)
    assert len(front.points) == 8
    assert front.recommended() is None or front.recommended().params.keys() == {
        "min_capacity", "target_value"}


def test_any_space_of_a_file(tmp_path):
    # Initial capacity, the second target-tracking policy's target and the instance type.
    doc = {
        "version": 1,
        "trace": {"file": str(ROOT / "traces" / "nasa_http_1995_07_per_minute.csv"),
                  "slice": {"start_s": 0, "end_s": 2 * 86400}},
        "endpoint": {"instance_type": {"name": "small", "price_per_hour": 0.5}},
        "scaling": {"min_capacity": 1, "max_capacity": 20, "policies": [
            {"type": "target_tracking", "target_value": 30},
            {"type": "target_tracking", "metric": "cpu_utilization", "target_value": 70}]},
        "slo": {"latency_s": 5.0},
        "optimize": {
            "space": [{"parameter": "initial_capacity", "values": [1, 3]},
                      {"parameter": "target_value", "policy": 1, "values": [50, 70]}],
            "instance_types": [{"name": "small", "price_per_hour": 0.5},
                               {"name": "big", "price_per_hour": 0.9, "workers": 2}],
        },
    }
    sf = asim.load_scenario(_write(tmp_path, doc))
    front = sf.optimize(progress=False)
    assert front.parameters == ("initial_capacity", "target_value[1]", "instance_type")
    assert len(front.points) == 8
    assert front.points["instance_type"].dtype == "int64"
    for index, row in front.points.iterrows():
        c = front._candidate([row[p] for p in front.parameters], {})
        assert all(isinstance(v, int) for k, v in c.params.items() if k != "target_value[1]")
        sc = front.problem.scenario(c.params)
        assert sc.endpoint.initial_capacity == c.params["initial_capacity"]
        assert sc.scaling.target_tracking[1].target_value == c.params["target_value[1]"]
        assert sc.endpoint.instance_type.name == ("small", "big")[c.params["instance_type"]]
        assert c.policies[1].target_value == c.params["target_value[1]"]
        assert c.simulate(timeline=False).summary == \
            front.result.evaluations[index].per_scenario[0]


# -- request mode ------------------------------------------------------------------------------


def test_request_mode_example_runs():
    sf = asim.load_scenario(SCENARIOS / "hpa_request_mode.json")
    assert (sf.settings.mode, sf.settings.arrivals, sf.settings.seed) == ("request", "poisson", 7)
    r = sf.simulate()
    s = r.summary
    assert round(s["cost_usd"], 2) == 7.51  # hpa_request_mode.out
    assert round(s["p99_latency_s"], 3) == 15.469
    assert len(r.timeline) == 3503
    fig = r.plot()
    assert fig.axes[2].get_ylabel() == "ConcurrentRequestsPerModel"
