"""Plots rendered headless (Agg) to PNG: expected axes, labels and lines."""

import matplotlib
import numpy as np
import pytest

import autoscalesim as asim

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def result():
    counts = np.r_[np.full(30, 600.0), np.full(60, 3000.0), np.full(60, 600.0)]
    endpoint = asim.Endpoint(
        asim.InstanceType("t", price_per_hour=1.0, workers=2, service_time_s=0.05),
        initial_capacity=1,
        startup=120,
    )
    return asim.simulate(asim.Trace(counts, 60, start_epoch_s=1_714_557_600), endpoint,
                         [asim.TargetTracking(target_value=700)], max_capacity=8,
                         slo_latency_s=0.2)


def test_timeline_plot_renders_with_five_labelled_panels(result, tmp_path):
    fig = result.plot()
    path = tmp_path / "timeline.png"
    fig.savefig(path, dpi=60)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    axes = fig.axes
    assert [ax.get_ylabel() for ax in axes] == [
        "requests / s", "instances", "InvocationsPerInstance", "p99 latency (s)", "errors / s",
    ]
    assert axes[-1].get_xlabel() == "time (UTC)"
    traffic, cap, metric, lat, err = axes
    assert len(traffic.get_lines()) == 1
    # desired and in service as lines, starting as a filled area, activities as markers
    assert [line.get_label() for line in cap.get_lines()] == ["desired", "in service"]
    assert len(cap.collections) == 3  # starting, scale-out, scale-in
    n_out = (result.activities["to"] > result.activities["from"]).sum()
    assert len(cap.collections[1].get_offsets()) == n_out > 0
    assert [line.get_label() for line in metric.get_lines()] == [
        "metric", "target 700", "AlarmLow threshold"
    ]
    assert metric.get_lines()[1].get_ydata()[0] == 700
    assert [line.get_label() for line in lat.get_lines()] == ["p99 latency", "SLO 0.2 s"]
    assert lat.get_yscale() == "log"
    assert len(err.get_lines()) == 1
    assert "cost $" in fig._suptitle.get_text()
    # capacity ticks are whole instances; errors below the floor are drawn as 0
    assert all(float(t).is_integer() for t in cap.get_yticks())
    # each row is drawn as a step over its interval, the last one to the end of the trace
    drawn = err.get_lines()[0].get_ydata()
    raw = (result.timeline["errors"] / 60).to_numpy()
    floored = np.where(raw < 1e-6, 0.0, raw)
    assert np.array_equal(drawn, np.append(floored, floored[-1]))
    assert err.get_lines()[0].get_drawstyle() == "steps-post"
    ends = traffic.get_lines()[0].get_xdata()
    assert len(ends) == len(result.timeline) + 1
    assert (ends[-1] - ends[-2]) == np.timedelta64(60_000, "ms")


def test_timeline_plot_into_axes_of_ones_own(result):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 10))
    axes = fig.subplots(5, 1, sharex=True)
    assert result.plot(ax=axes) is fig
    assert axes[1].get_ylabel() == "instances"
    with pytest.raises(ValueError, match="ax: expected 5 Axes"):
        result.plot(ax=axes[:2])


def test_timeline_plot_of_a_trace_of_relative_times_says_so(result):
    # such a trace starts at the epoch: its dates were labelled as UTC times of 1970
    assert result.plot().axes[-1].get_xlabel() == "time (UTC)"
    endpoint = asim.Endpoint(asim.InstanceType("t", price_per_hour=1.0, workers=2,
                                               service_time_s=0.05))
    relative = asim.simulate(asim.Trace(np.full(10, 60.0), 60), endpoint, [])
    assert relative.plot().axes[-1].get_xlabel() == (
        "time from the trace's start (relative times, drawn from 1970-01-01)")


def test_timeline_plot_of_a_run_without_timeline_says_so():
    counts = np.full(10, 60.0)
    endpoint = asim.Endpoint(asim.InstanceType("t", price_per_hour=1.0, workers=2,
                                               service_time_s=0.05))
    r = asim.simulate(asim.Trace(counts, 60), endpoint, [], timeline=False)
    with pytest.raises(ValueError, match=r"the run kept no timeline .*timeline=True"):
        r.plot()


def test_timeline_plot_without_target_tracking(result, tmp_path):
    class Hold(asim.Policy):
        def decide(self, obs):
            return None

    r = asim.simulate(result.trace, asim.Endpoint(), [Hold()])
    fig = r.plot(title="held")
    fig.savefig(tmp_path / "held.png", dpi=40)
    assert fig.axes[2].get_ylabel() == "metric"
    assert fig._suptitle.get_text() == "held"
