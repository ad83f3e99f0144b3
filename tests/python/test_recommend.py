"""recommend: from a trace and an instance type to a policy, checked on held-out traffic."""

import json
import math
import pathlib

import numpy as np
import pandas as pd
import pytest

import autoscalesim as asim


@pytest.fixture(scope="module")
def week(nasa_trace_path):
    return asim.Trace.from_csv(nasa_trace_path).slice(0, 7 * 1440)


@pytest.fixture(scope="module")
def rec(week):
    return asim.recommend(week, "ml.g4dn.xlarge", max_p99_latency_s=5, service_time_s=1.0,
                          service_cv=0.5, startup=381, initial_capacity=2)


def test_the_recommendation_is_the_cheapest_policy_meeting_the_slo(rec):
    assert rec.policy is not None and rec.policy.metric == "InvocationsPerInstance"
    pts = rec.front.points
    meeting = pts[(pts.p99_latency_s <= 5) & (pts.error_rate <= 1e-3)]
    assert len(meeting) == int(pts.feasible.sum())
    table = rec.table
    train_days = 0.75 * 7
    assert table.loc["recommended", ("train", "cost_per_30_days_usd")] == pytest.approx(
        meeting.cost_usd.min() / train_days * 30, rel=1e-12)
    assert table.loc["recommended", ("train", "meets")]
    assert table.loc["recommended", ("train", "p99_latency_s")] <= 5


def test_instance_capacity_and_rule_of_thumb(rec):
    # one worker, 1 s service: the rule of thumb is 1 req/s x 0.5 x 60 = 30 per minute
    assert rec.table.loc["rule of thumb", ("policy", "target_value")] == 30
    assert 0 < rec.sustainable_rate_per_s < 1
    assert rec.table.loc["rule of thumb", ("policy", "min_capacity")] == rec.min_capacity


def test_held_out_figures_are_a_plain_simulation_on_the_last_part(rec):
    test = rec.test
    assert test is not None and len(test) == 7 * 1440 - int(0.75 * 7 * 1440)
    run = rec.simulate(test, timeline=False)
    days = len(test) / 1440
    assert rec.table.loc["recommended", ("test", "cost_per_30_days_usd")] == pytest.approx(
        run.summary["cost_usd"] / days * 30, rel=1e-12)
    assert rec.table.loc["recommended", ("test", "p99_latency_s")] == run.summary["p99_latency_s"]


def test_levels_can_be_given_and_bad_ones_are_named(week):
    r = asim.recommend(week, "ml.g4dn.xlarge", max_p99_latency_s=5, service_time_s=1.0,
                       service_cv=0.5, min_capacity=[2], max_capacity=[20],
                       target_value=[10, 15, 20])
    assert len(r.front.points) == 3
    assert r.min_capacity == 2 and r.max_capacity == 20
    # one number is one level, an array or a range a list; None (the default) derives them
    same = asim.recommend(week, "ml.g4dn.xlarge", max_p99_latency_s=5, service_time_s=1.0,
                          service_cv=0.5, min_capacity=2, max_capacity=range(20, 21),
                          target_value=np.array([10, 15, 20]))
    pd.testing.assert_frame_equal(same.front.points, r.front.points)
    with pytest.raises(asim.ConfigError, match="min_capacity: expected at least one level"):
        asim.recommend(week, "ml.g4dn.xlarge", max_p99_latency_s=5, service_time_s=1.0,
                       min_capacity=[])
    with pytest.raises(asim.ConfigError, match="service_time_s"):
        asim.recommend(week, "ml.g4dn.xlarge", max_p99_latency_s=5)
    with pytest.raises(asim.ConfigError, match="not in the catalogue"):
        asim.recommend(week, "ml.x9.huge", max_p99_latency_s=5, service_time_s=1.0)
    with pytest.raises(asim.ConfigError, match="no policy can meet it"):
        asim.recommend(week, "ml.g4dn.xlarge", max_p99_latency_s=0.5, service_time_s=1.0)


def test_save_writes_the_pictures_tables_and_run(rec, tmp_path):
    # the user's matplotlib backend (a notebook's inline one, here svg) is left as it was
    import matplotlib

    before = matplotlib.get_backend()
    matplotlib.use("svg")
    try:
        out = rec.save(tmp_path / "rec")
        assert matplotlib.get_backend() == "svg"
    finally:
        matplotlib.use(before)
    for name in ("front.csv", "table.csv", "pareto.png", "timeline.png", "summary.json",
                 "aws/register-scalable-target.json", "aws/apply.sh"):
        assert (out / name).stat().st_size > 0, name
    summary = json.loads((out / "summary.json").read_text())
    whole = rec.simulate(timeline=False).summary
    assert summary["cost_usd"] == whole["cost_usd"]
    assert math.isfinite(summary["p99_latency_s"])
    assert "MinCapacity" in repr(rec)


def test_aws_files_read_back_as_the_current_policy(rec, week, tmp_path):
    files = rec.aws_files()
    policy = json.loads(files["put-scaling-policy-invocations-target.json"])
    config = policy["TargetTrackingScalingPolicyConfiguration"]
    assert config["TargetValue"] == rec.policy.target_value
    assert config["PredefinedMetricSpecification"] == {
        "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}
    target = json.loads(files["register-scalable-target.json"])
    assert (target["MinCapacity"], target["MaxCapacity"]) == (rec.min_capacity, rec.max_capacity)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    again = asim.recommend(week, "ml.g4dn.xlarge", max_p99_latency_s=5, service_time_s=1.0,
                           service_cv=0.5, startup=381, initial_capacity=2,
                           current=[tmp_path / "register-scalable-target.json",
                                    tmp_path / "put-scaling-policy-invocations-target.json"])
    table = again.table
    assert list(table.index) == ["recommended", "rule of thumb", "current"]
    assert table.loc["current"].equals(table.loc["recommended"])
    assert again.current_notes == [] and rec.current_notes == []
    # what the AWS reader had to choose in the current files is kept (the command prints it)
    target = json.loads(files["register-scalable-target.json"])
    idle = {k: target[k] for k in ("ServiceNamespace", "ResourceId", "ScalableDimension")}
    idle.update(PolicyName="idle", PolicyType="StepScaling", Alarms=[],
                StepScalingPolicyConfiguration={"AdjustmentType": "ChangeInCapacity",
                                                "StepAdjustments": [
                                                    {"MetricIntervalLowerBound": 0,
                                                     "ScalingAdjustment": 1}]})
    (tmp_path / "idle.json").write_text(json.dumps({"ScalingPolicies": [idle]}))
    noted = asim.recommend(week, "ml.g4dn.xlarge", max_p99_latency_s=5, service_time_s=1.0,
                           service_cv=0.5, startup=381, initial_capacity=2, budget=20,
                           current=[tmp_path / "register-scalable-target.json",
                                    tmp_path / "put-scaling-policy-invocations-target.json",
                                    tmp_path / "idle.json"])
    assert len(noted.current_notes) == 1
    assert 'step-scaling policy "idle" has no alarm' in noted.current_notes[0]


def test_cloudwatch_export_example_writes_what_cloudwatch_would(tmp_path):
    # ten minutes, two of them quiet: CloudWatch has no datapoint for those
    import subprocess
    import sys

    script = pathlib.Path(__file__).resolve().parents[2] / "examples" / "aws" / \
        "cloudwatch_export.py"
    counts = [5, 0, 7, 8, 0, 1, 2, 3, 4, 6]
    csv = tmp_path / "t.csv"
    csv.write_text("timestamp,requests\n" + "".join(
        f"2024-05-01T10:{m:02d}:00Z,{c}\n" for m, c in enumerate(counts)))
    out = tmp_path / "cw.json"
    subprocess.run([sys.executable, str(script), str(csv), str(out)], check=True)
    doc = json.loads(out.read_text())
    assert len(doc["Datapoints"]) == 8
    back = asim.Trace.from_cloudwatch_json(out, gaps="zero")
    assert list(back.counts) == counts
    # --split-days: the older part at 300 s in a second file, as CloudWatch keeps it
    subprocess.run([sys.executable, str(script), str(csv), str(out), "--split-days",
                    str(4 / 1440)], check=True)  # cut at 10:05, on the 5-minute grid
    older = json.loads((tmp_path / "cw.older.json").read_text())["Datapoints"]
    assert [d["Sum"] for d in older] == [sum(counts[:5])]
    both = asim.Trace.from_cloudwatch_json([tmp_path / "cw.older.json", out],
                                           mixed_periods="spread", gaps="zero")
    assert both.stats()["total"] == sum(counts)


def test_aws_read_scaling_replays_the_deployed_policy(rec, week, tmp_path):
    # the four describe outputs of one variant: target 2-12, target tracking and step scaling
    data = pathlib.Path(__file__).resolve().parents[1] / "data" / "aws"
    deployed = asim.aws.read_scaling([data / f"describe-{kind}.json" for kind in (
        "alarms", "scalable-targets", "scaling-policies", "scheduled-actions")])
    assert (deployed.min_capacity, deployed.max_capacity) == (2, 12)
    assert deployed.resource_id == "endpoint/my-endpoint/variant/AllTraffic"
    assert [p.name for p in deployed.target_tracking] == ["invocations-target-tracking"]
    assert len(deployed.scaling.step_scaling) == 1
    assert "MinCapacity 2, MaxCapacity 12" in repr(deployed)
    # the recommendation's own AWS files replay exactly as simulate() with the same policy
    for name, text in rec.aws_files().items():
        (tmp_path / name).write_text(text)
    mine = asim.aws.read_scaling([tmp_path / "register-scalable-target.json",
                                  tmp_path / "put-scaling-policy-invocations-target.json"])
    replay = mine.simulate(week, rec.endpoint, slo_latency_s=5.0, timeline=False).summary
    direct = asim.simulate(week, rec.endpoint, [rec.policy], min_capacity=rec.min_capacity,
                           max_capacity=rec.max_capacity, slo_latency_s=5.0,
                           timeline=False).summary
    assert replay == direct
    with pytest.raises(asim.ConfigError, match="register-scalable-target.json"):
        asim.aws.read_scaling([tmp_path / "register-scalable-target.json",
                               tmp_path / "register-scalable-target.json"])
    # an inference component's copy count replays on an inference component only
    assert mine.dimension == "sagemaker:variant:DesiredInstanceCount"
    target = json.loads((tmp_path / "register-scalable-target.json").read_text())
    target.update(ResourceId="inference-component/ic",
                  ScalableDimension="sagemaker:inference-component:DesiredCopyCount")
    (tmp_path / "ic.json").write_text(json.dumps(target))
    copies = asim.aws.read_scaling([tmp_path / "ic.json"])
    assert copies.dimension == "sagemaker:inference-component:DesiredCopyCount"
    with pytest.raises(asim.ConfigError, match=r"endpoint\.kind: the AWS files scale "
                       r"\"inference-component/ic\"'s copy count .* only an endpoint of kind "
                       r"\"inference_component\" has \(this one is \"real_time\"\)"):
        copies.simulate(week, rec.endpoint)


def test_slice_fraction_searches_the_busiest_slice_first(week):
    r = asim.recommend(week, "ml.g4dn.xlarge", max_p99_latency_s=5, service_time_s=1.0,
                       service_cv=0.5, startup=381, initial_capacity=2, budget=40,
                       slice_fraction=0.25, min_capacity=[1, 2, 3, 4],
                       target_value=list(range(5, 61)))
    # 40 evaluations on the whole tuning part, after 1.5 x 40 = 60 on its busiest quarter (of a
    # space of 224 policies: more than either stage evaluates)
    assert r.front.result.evaluated == 40
    assert r.front.result.slice_evaluated == 60
    # the front holds whole-part figures: the recommended policy's are a plain simulation
    run = r.simulate(r.train, timeline=False)
    days = len(r.train) / 1440
    assert r.table.loc["recommended", ("train", "cost_per_30_days_usd")] == pytest.approx(
        run.summary["cost_usd"] / days * 30, rel=1e-12)
    message = r"slice_fraction: expected a number in \[0, 1\)"
    for bad in (1, -0.1, float("nan")):
        with pytest.raises(asim.ConfigError, match=message):
            asim.recommend(week, "ml.g4dn.xlarge", max_p99_latency_s=5, service_time_s=1.0,
                           slice_fraction=bad)


def test_an_inference_component_is_refused_before_the_search():
    # recommend sizes a variant's instances; its files would have labelled them copies.
    with pytest.raises(asim.ConfigError, match=r"resource_id: 'inference-component/my-ic': "
                                               r"recommend searches an endpoint variant"):
        asim.recommend("no_such_export.json", "ml.g4dn.xlarge", max_p99_latency_s=5,
                       service_time_s=1.0, resource_id="inference-component/my-ic")
