"""Several inference components on one endpoint's instances: a scenario file's "components", run
through ScenarioFile.simulate(); the endpoint's figures add up and bad input is named."""

import json
from pathlib import Path

import numpy as np
import pytest

import autoscalesim as asim
from autoscalesim import _core

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "scenarios" / "ic_shared_components.json"


def test_the_example_runs_each_component_on_shared_instances():
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
