"""Several inference components on one endpoint's instances: a scenario file's "components", run
through ScenarioFile.simulate(); the endpoint's figures add up and bad input is named."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import autoscalesim as asim
from autoscalesim import _core

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "scenarios" / "ic_shared_components.json"


def test_the_example_runs_each_component_on_shared_instances(tmp_path):
    sf = asim.load_scenario(EXAMPLE)
    assert sf.components == ["chat", "summarise"]
    r = sf.simulate()
    assert isinstance(r, asim.SharedResult)
    assert list(r.components) == ["chat", "summarise"]
    s = r.summary
    # The instance-hours split: each component's copies' share, plus the room no copy took.
    shares = sum(c.summary["instance_hours"] for c in r.components.values())
    assert shares + s["unallocated_instance_hours"] == pytest.approx(s["instance_hours"],
                                                                     rel=1e-12)
    assert s["cost_usd"] == pytest.approx(s["instance_hours"] * 7.09, rel=1e-12)
    assert r.hourly_instance_hours.sum() == pytest.approx(s["instance_hours"], rel=1e-12)
    assert 1 <= s["peak_instances"] <= 4  # MaxInstanceCount
    # The command prints the same endpoint cost.
    out = EXAMPLE.with_suffix(".out").read_text()
    assert f"cost            ${s['cost_usd']:.2f} (" in out
    # Each component has its own trace: summarise's is the file's, 12 hours later, x 0.05.
    chat, summarise = r.components["chat"], r.components["summarise"]
    assert len(chat.timeline) == len(summarise.timeline) == 10080
    assert summarise.trace.start_epoch_s == chat.trace.start_epoch_s + 43200
    np.testing.assert_allclose(4 * summarise.trace.counts[:-720], chat.trace.counts[720:],
                               rtol=1e-12)
    assert "SharedResult(2 components: chat, summarise" in repr(r)
    # The same files as the command writes.
    r.to_files(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".autoscalesim-results", "activities-0.csv", "activities-1.csv", "summary-0.json",
        "summary-1.json", "summary.json", "timeline-0.csv", "timeline-1.csv"]
    assert json.loads((tmp_path / "summary-1.json").read_text())["requests"] == \
        pytest.approx(summarise.summary["requests"])
    # summary.json is the endpoint's bill, which the components' shares do not add up to (the
    # room no copy took is billed too); byte for byte the command's.
    bill = json.loads((tmp_path / "summary.json").read_text())
    assert bill["cost_usd"] == s["cost_usd"]
    assert bill["unallocated_instance_hours"] == s["unallocated_instance_hours"]
    assert [c["name"] for c in bill["components"]] == ["chat", "summarise"]
    assert [c["cost_usd"] for c in bill["components"]] == [
        chat.summary["cost_usd"], summarise.summary["cost_usd"]]
    assert sum(c["cost_usd"] for c in bill["components"]) < bill["cost_usd"]
    command = subprocess.run([sys.executable, "-m", "autoscalesim", "simulate", str(EXAMPLE),
                              "--out", str(tmp_path / "cmd"), "--quiet"], check=True)
    assert command.returncode == 0
    assert (tmp_path / "cmd" / "summary.json").read_bytes() == \
        (tmp_path / "summary.json").read_bytes()


def test_sharing_costs_less_than_an_endpoint_per_component():
    # Each component on instances of its own (the same file, one component each) pays for the
    # room the other would have used.
    sf = asim.load_scenario(EXAMPLE)
    shared = sf.simulate(timeline=False).summary["cost_usd"]
    alone = 0.0
    for sc in sf._core.components:
        alone += _core.simulate(sc).summary["cost_usd"]
    assert shared < alone


def test_bad_components_are_named(tmp_path):
    doc = json.loads(EXAMPLE.read_text())
    doc["trace"]["file"] = str(ROOT / "traces" / "nasa_http_1995_07_per_minute.csv")
    doc["components"][1]["endpoint"]["inference_component"]["max_instances"] = 6
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    with pytest.raises(asim.ConfigError,
                       match=r"components\[1\]\.endpoint\.inference_component\.max_instances: "
                             r"differs from components\[0\]'s"):
        asim.load_scenario(bad)
    sc = asim.load_scenario(EXAMPLE).scenario
    with pytest.raises(asim.ConfigError, match="at least one component"):
        _core.simulate_components([])
    rt = asim.load_scenario(ROOT / "examples" / "scenarios" / "nasa_target_tracking.json")
    with pytest.raises(asim.ConfigError, match=r"components\[1\]\.endpoint\.kind"):
        _core.simulate_components([sc, rt.scenario])


def _component(copies: int, at: float, to: int):
    # No traffic for an hour; copies at first, a scheduled action moving to `to` at `at` s.
    it = asim.InstanceType("gpu", price_per_hour=3.6, workers=1, service_time_s=2.0)
    ep = asim.Endpoint(it, kind="inference_component", initial_capacity=copies,
                       startup=asim.Startup.fixed(300),
                       inference_component=asim.InferenceComponent(
                           copies_per_instance=2, max_instances=4,
                           copy_startup=asim.Startup.fixed(120),
                           cached_copy_startup=asim.Startup.fixed(100)))
    trace = asim.Trace.from_numpy(np.zeros(60), interval_s=60)
    return dict(trace=trace, endpoint=ep,
                policies=[asim.ScheduledAction(at=at, min_capacity=to, max_capacity=4)],
                min_capacity=0, max_capacity=4, slo_latency_s=10)


def test_simulate_components_from_python_reproduces_the_worked_example():
    # The C++ worked example: A's second copy starts instance 1 at 600 s (in service at 900 s,
    # the copy at 1020 s); B's second copy takes the other half of it at 1200 s (ready at
    # 1320 s). Billed 3600 + 3000 s at 3.6 USD/h: 6.6 USD; A's share 3300 s, B's 3000 s.
    r = asim.simulate_components({"a": _component(1, 600, 2), "b": _component(1, 1200, 2)})
    assert r.summary["cost_usd"] == pytest.approx(6.6, rel=1e-12)
    assert r.summary["instances_launched"] == 2
    assert r.components["a"].summary["instance_hours"] * 3600 == pytest.approx(3300, rel=1e-12)
    assert r.components["b"].summary["instance_hours"] * 3600 == pytest.approx(3000, rel=1e-12)
    assert list(r.components["a"].activities["end"]) == [pd.Timestamp(1020, unit="s", tz="UTC")]


def test_simulate_components_warns_with_each_components_caveats():
    # A 10-second metric period on a per-minute trace: simulated, with simulate()'s warning,
    # naming the component it concerns.
    fine = _component(1, 600, 2)
    coarse = _component(1, 1200, 2)
    coarse["policies"] = coarse["policies"] + [asim.TargetTracking(
        target_value=20, metric="InvocationsPerCopy", period_s=10)]
    with pytest.warns(asim.CoarseTraceWarning) as caught:
        asim.simulate_components({"fine": fine, "coarse": coarse})
    texts = [str(w.message) for w in caught]
    assert len(texts) == 1
    assert texts[0].startswith("components['coarse']: the trace's 60 s interval is coarser than "
                               "the 10 s metric period")
    with pytest.warns(asim.CoarseTraceWarning, match="trace's 60 s interval is coarser"):
        asim.simulate(**coarse)


def test_simulate_components_names_bad_arguments():
    with pytest.raises(TypeError, match="non-empty dict"):
        asim.simulate_components({})
    with pytest.raises(TypeError, match=r"components\['a'\]: .*unexpected keyword"):
        asim.simulate_components({"a": dict(_component(1, 600, 2), colour="red")})
    bad = _component(1, 600, 2)
    bad["endpoint"].kind = "real_time"
    with pytest.raises(asim.ConfigError, match=r"components\['b'\]\.endpoint\.kind"):
        asim.simulate_components({"a": _component(1, 600, 2), "b": bad})
