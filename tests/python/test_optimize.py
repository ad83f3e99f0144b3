"""optimize() and ParetoFront: grid, front against brute force, hypervolume by hand, best(),
threads, Ctrl-C, progress, plot."""

import _thread
import math

import matplotlib
import numpy as np
import pandas as pd
import pytest

import autoscalesim as asim
from autoscalesim import _core
from autoscalesim.optimize import ParetoFront

matplotlib.use("Agg")

ENDPOINT = asim.Endpoint(
    asim.InstanceType("ml.g4dn.xlarge", price_per_hour=0.736, workers=1, service_time_s=1.0,
                      service_cv=0.5),
    startup=300,
)
SPACE = dict(min_capacity=[1, 2, 3], max_capacity=[2, 8], target_value=[20, 30, 45])


@pytest.fixture(scope="module")
def two_days(nasa_trace_path):
    return asim.Trace.from_csv(nasa_trace_path).slice(0, 2 * 1440)


@pytest.fixture(scope="module")
def front(two_days):
    return asim.optimize(two_days, ENDPOINT, slo_latency_s=5.0, progress=False, **SPACE)


def test_grid_order_and_min_not_above_max():
    g = asim.grid(min_capacity=[1, 3], max_capacity=[2, 5], target_value=10)
    assert g == [
        {"min_capacity": 1, "max_capacity": 2, "target_value": 10},
        {"min_capacity": 1, "max_capacity": 5, "target_value": 10},
        {"min_capacity": 3, "max_capacity": 5, "target_value": 10},
    ]


@pytest.mark.parametrize(
    ("dims", "text"),
    [
        (dict(min_capacity=[5, 6], max_capacity=[2, 3]), "every min_capacity is greater"),
        (dict(target_value=[]), "target_value has no value"),
        (dict(warmup=[1]), "unknown dimension 'warmup'"),
    ],
)
def test_bad_spaces_are_config_errors(dims, text):
    with pytest.raises(asim.ConfigError, match=text):
        asim.grid(**dims)


def test_unknown_objective_or_constraint(two_days):
    with pytest.raises(asim.ConfigError, match="objectives: unknown summary field 'price'"):
        asim.optimize(two_days, ENDPOINT, objectives=("price", "p99_latency_s"), progress=False)
    with pytest.raises(asim.ConfigError, match="unknown summary field 'p42_latency_s'"):
        asim.optimize(two_days, ENDPOINT, constraints={"max_p42_latency_s": 1}, progress=False)


def test_every_point_is_the_summary_simulate_gives(front, two_days):
    pts = front.points
    assert len(pts) == 15  # 3 x 2 x 3 less the 3 with min 3 > max 2
    for _, row in pts.iloc[[0, 7, 14]].iterrows():
        r = asim.simulate(two_days, ENDPOINT, [asim.TargetTracking(target_value=row.target_value)],
                          min_capacity=int(row.min_capacity),
                          max_capacity=int(row.max_capacity), slo_latency_s=5.0, timeline=False)
        assert r.summary["cost_usd"] == row.cost_usd
        assert r.summary["p99_latency_s"] == row.p99_latency_s


def test_front_is_the_brute_force_front(front):
    pts = front.points
    objs = pts[["cost_usd", "p99_latency_s"]].to_numpy()
    expected = set()
    for i, a in enumerate(objs):
        dominated = any(np.all(b <= a) and np.any(b < a) for b in objs)
        duplicate_before = any(np.array_equal(objs[j], a) for j in range(i))
        if not dominated and not duplicate_before:
            expected.add(pts.index[i])
    assert set(front.to_pandas().index) == expected
    assert front.to_pandas()["cost_usd"].is_monotonic_increasing
    assert front.to_pandas()["p99_latency_s"].is_monotonic_decreasing


def test_best_applies_the_slo_given_to_the_search_by_default(front, two_days):
    # optimize(..., slo_latency_s=5.0): best() is the cheapest policy serving 99 % within 5 s
    # (errors count as misses), not the cheapest feasible one.
    best = front.best()
    pts = front.points[front.points.feasible]
    ok = pts[pts.slo_attainment >= 0.99]
    assert best.summary["cost_usd"] == ok.cost_usd.min()
    assert best.constraints == {"min_slo_attainment": 0.99}
    assert front.recommended().params == best.params
    cheapest = front.best(slo=False)
    assert cheapest.summary["cost_usd"] == pts.cost_usd.min()
    assert cheapest.summary["slo_attainment"] < 0.99  # so the default made a difference
    assert "chosen with no constraint" in repr(cheapest)
    # explicit constraints replace the default
    assert front.best(max_p99_latency_s=60).summary["cost_usd"] == pts[
        pts.p99_latency_s <= 60].cost_usd.min()
    # no SLO given to the search: best() has no constraint and says so
    loose = asim.optimize(two_days, ENDPOINT, progress=False, **SPACE)
    assert loose.best().constraints == {}
    assert loose.best().params == cheapest.params


def test_best_is_the_cheapest_that_meets_the_constraints(front):
    best = front.best(max_p99_latency_s=6.0)
    pts = front.points
    ok = pts[pts.p99_latency_s <= 6.0]
    assert best.summary["cost_usd"] == ok.cost_usd.min()
    assert front.best(max_p99_ms=6000).params == best.params
    assert front.best(max_p99_latency_s=1e-3) is None
    # The chosen policy runs again, on any traffic.
    again = best.simulate(timeline=False)
    assert again.summary["cost_usd"] == best.summary["cost_usd"]
    assert best.policy.target_value == best.params["target_value"]


def test_constraints_make_points_infeasible(two_days):
    f = asim.optimize(two_days, ENDPOINT, constraints={"max_error_rate": 1e-4}, slo_latency_s=5.0,
                      progress=False, **SPACE)
    assert (f.points["feasible"] == (f.points["error_rate"] <= 1e-4)).all()
    assert f.to_pandas()["error_rate"].max() <= 1e-4
    # inf is no bound (docs/python.md): every policy is feasible
    free = asim.optimize(two_days, ENDPOINT, constraints={"max_error_rate": math.inf},
                         slo_latency_s=5.0, progress=False, **SPACE)
    assert free.points["feasible"].all()


def hand_front(rows, objectives=("cost_usd", "p99_latency_s")):
    points = pd.DataFrame(rows, columns=list(objectives))
    points["target_value"] = range(len(points))
    return ParetoFront(points, objectives, ["target_value"], {}, problem=None)


def test_hypervolume_by_hand_2d():
    f = hand_front([(1, 3), (2, 2), (3, 1), (3, 3)])  # (3, 3) is dominated
    assert len(f) == 3
    # slabs: [1,2] x [3,4] + [2,3] x [2,4] + [3,4] x [1,4] = 1 + 2 + 3
    assert f.hypervolume([4, 4]) == 6
    assert f.hypervolume([2, 4]) == 1  # only (1, 3) is inside the box
    assert f.hypervolume([0.5, 4]) == 0
    with pytest.raises(asim.ConfigError, match="expected 2 values"):
        f.hypervolume([4])


def test_best_without_a_search_result_is_the_cheapest_whatever_the_objectives_order():
    # latency first: the cheapest is still the one chosen, as the search result's best() does
    f = hand_front([(3, 1), (2, 2), (1, 3)], ("p99_latency_s", "cost_usd"))
    assert f.best().summary["cost_usd"] == 1
    # with the plan's cost as the objective, by it (here against the on-demand cost's order)
    points = pd.DataFrame({"cost_with_plan_usd": [5.0, 6.0], "p99_latency_s": [2.0, 1.0],
                           "cost_usd": [9.0, 8.0], "target_value": [0, 1]})
    g = ParetoFront(points, ("cost_with_plan_usd", "p99_latency_s"), ["target_value"], {},
                    problem=None)
    assert g.best().params == {"target_value": 0}


def test_hypervolume_is_zero_for_a_reference_point_the_front_never_beats():
    # Documented, not an error: every point exceeds (4, 0.5) in latency, so the front
    # dominates nothing inside it; fronts compared at one reference point may score 0.
    f = hand_front([(1, 3), (2, 2), (3, 1)])
    assert f.hypervolume([4, 0.5]) == 0
    assert f.hypervolume([1, 3]) == 0  # on the boundary: not better in every objective
    # the neighbours of the refused references: ints, numpy arrays, a finite box
    assert f.hypervolume((4, 4)) == f.hypervolume(np.array([4.0, 4.0])) == 6
    assert f.hypervolume([np.int64(4), 4.0]) == 6


def test_best_takes_infinite_bounds_as_no_bound(front):
    unbounded = front.best(slo=False)
    assert front.best(max_error_rate=np.inf).params == unbounded.params
    assert front.best(min_slo_attainment=-np.inf).params == unbounded.params
    assert front.best(max_error_rate=1, max_p99_ms=np.int64(10**6)).params == unbounded.params
    assert front.best(max_p99_latency_s=1e-9) is None  # a finite bound nothing meets: None


def test_hypervolume_by_hand_3d():
    objectives = ("cost_usd", "p99_latency_s", "error_rate")
    f = hand_front([(1, 1, 2), (2, 2, 1)], objectives)
    # union of [1,3]^2 x [2,3] (4) and [2,3]^2 x [1,3] (2) overlapping in [2,3]^2 x [2,3] (1)
    assert f.hypervolume([3, 3, 3]) == 5


def test_same_front_on_one_and_two_threads(two_days):
    a = asim.optimize(two_days, ENDPOINT, threads=1, progress=False, **SPACE)
    b = asim.optimize(two_days, ENDPOINT, threads=2, progress=False, **SPACE)
    pd.testing.assert_frame_equal(a.points, b.points, check_exact=True)


def test_ctrl_c_stops_the_search_and_keeps_partial_results(nasa_trace_path, monkeypatch,
                                                           sigint_handled):
    # The interrupt is raised at the first progress report (on the calling thread, as a Ctrl-C
    # arrives there), not by a timer; how fast the search stops is measured in
    # bench/bench_python.py, not asserted here.
    import sys

    opt_module = sys.modules["autoscalesim.optimize"]  # the package exports a function of the name

    class InterruptingBar:
        def update(self, n=1):
            _thread.interrupt_main()

        def close(self):
            pass

    monkeypatch.setattr(opt_module, "progress_bar", lambda *args: InterruptingBar())
    trace = asim.Trace.from_csv(nasa_trace_path)
    space = dict(min_capacity=[1, 2, 3, 4], max_capacity=[10, 20],
                 target_value=list(range(5, 100, 2)))
    f = asim.optimize(trace, ENDPOINT, threads=2, **space)
    assert not f.complete
    assert 0 < len(f.points) < 4 * 2 * 48
    assert f.stop_reason == "cancelled"  # the word the command writes for Ctrl-C
    assert "cancelled" in repr(f)


def test_progress_bar_can_be_turned_off(two_days, capsys):
    asim.optimize(two_days, ENDPOINT, target_value=[20, 30], progress=True)
    assert "optimize" in capsys.readouterr().err
    asim.optimize(two_days, ENDPOINT, target_value=[20, 30], progress=False)
    assert capsys.readouterr().err == ""


def test_pareto_plot(front, tmp_path):
    chosen = front.best(max_p99_latency_s=6.0)
    fig = front.plot(chosen=chosen)
    fig.savefig(tmp_path / "front.png", dpi=60)
    (ax,) = fig.axes
    assert ax.get_xlabel() == "cost per 30 days (USD)"
    assert ax.get_ylabel() == "p99 latency (s)"
    # the front, and the constraint the choice was made under as a dashed line
    assert [line.get_label() for line in ax.get_lines()] == ["Pareto front", "p99 6 s"]
    assert list(ax.get_lines()[1].get_ydata()) == [6.0, 6.0]
    assert len(ax.get_lines()[0].get_xdata()) == len(front)
    # cost per 30 days: the two days' cost x 15
    cheapest = front.to_pandas()["cost_usd"].min()
    assert min(ax.get_lines()[0].get_xdata()) == pytest.approx(cheapest * 15)
    # labels never sit on top of each other
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a.overlaps(b) and a.intersection(a, b).width * a.intersection(a, b).height
                        > 0.5 * min(a.width * a.height, b.width * b.height))
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("chosen: ") for t in texts)
    assert any("target" in t for t in texts if not t.startswith("chosen"))
    labels = ax.get_legend_handles_labels()[1]
    assert labels[-2:] == ["chosen", "meets the bound"]
    # into Axes of one's own figure
    from matplotlib.figure import Figure

    own = Figure()
    axes = own.subplots(1, 2)
    assert front.plot(chosen=chosen, ax=axes[1]) is own
    assert axes[1].get_xlabel() == "cost per 30 days (USD)" and not axes[0].lines


def test_adaptive_search_is_seeded_and_evaluates_grid_policies(front, two_days):
    kwargs = dict(slo_latency_s=5.0, progress=False, method="adaptive", budget=8, seed=3, **SPACE)
    a = asim.optimize(two_days, ENDPOINT, **kwargs)
    b = asim.optimize(two_days, ENDPOINT, threads=1, **kwargs)
    assert len(a.points) == 8
    pd.testing.assert_frame_equal(a.points, b.points, check_exact=True)
    # Each policy it picked has the summary the grid found for it.
    grid_pts = front.points.set_index(list(front.parameters))
    for _, row in a.points.iterrows():
        key = tuple(row[p] for p in a.parameters)
        assert grid_pts.loc[key, "cost_usd"] == row.cost_usd
    assert a.hypervolume() == a.result.hypervolume
    with pytest.raises(asim.ConfigError, match="method: expected one of grid, adaptive"):
        asim.optimize(two_days, ENDPOINT, method="nsga", progress=False)


def test_adaptive_search_does_not_run_policies_an_evaluation_answers_for(two_days):
    # At MinCapacity 8 the two days never scale at TargetValue 60 or 80: the first policy
    # evaluated answers for every other with a TargetValue as high, whatever MaxCapacity and
    # cooldown; the grid, which runs all eight, finds each of them with the same summary.
    space = dict(min_capacity=[8], max_capacity=[9, 12], target_value=[60, 80],
                 scale_in_cooldown_s=[60, 300])
    kwargs = dict(slo_latency_s=5.0, progress=False, **space)
    a = asim.optimize(two_days, ENDPOINT, method="adaptive", budget=8, batch_size=1, **kwargs)
    grid = asim.optimize(two_days, ENDPOINT, **kwargs)
    assert len(grid.points) == 8
    assert a.result.answered >= 6
    assert len(a.points) + a.result.answered == 8
    assert a.result.stop_reason == "every policy of the space was evaluated"
    assert set(grid.points.cost_usd) == set(a.points.cost_usd)
    assert grid.result.answered == 0


def test_multi_fidelity_front_holds_whole_trace_evaluations(front, two_days):
    kwargs = dict(slo_latency_s=5.0, progress=False, method="adaptive", budget=6, seed=3, **SPACE)
    two = asim.optimize(two_days, ENDPOINT, slice_fraction=0.25, slice_evaluations=8, **kwargs)
    assert two.result.slice_evaluated == 8
    assert len(two.points) == 6
    # Every point is a whole-trace evaluation: the grid found the same figures for it.
    grid_pts = front.points.set_index(list(front.parameters))
    for _, row in two.points.iterrows():
        key = tuple(row[p] for p in two.parameters)
        assert grid_pts.loc[key, "p99_latency_s"] == row.p99_latency_s
    # The first stage, by hand: the same search on the busiest quarter; its front comes first.
    counts = np.asarray(two_days.counts)
    start = int(np.argmax(np.convolve(counts, np.ones(720), mode="valid")))
    quarter = two_days.slice(start, 720)
    np.testing.assert_array_equal(two_days.busiest(720).counts, quarter.counts)
    assert two_days.busiest(720).start_epoch_s == quarter.start_epoch_s
    first = asim.optimize(quarter, ENDPOINT, slo_latency_s=5.0, progress=False,
                          method="adaptive", budget=8, seed=3, **SPACE)
    seeded = first.to_pandas()[list(first.parameters)].to_numpy()
    n = min(len(seeded), 3)  # up to half the budget, evenly along the front
    picks = [seeded[0]] if n == 1 else [seeded[k * (len(seeded) - 1) // (n - 1)]
                                        for k in range(n)]
    got = two.points.sort_index()[list(two.parameters)].to_numpy()[:n]
    np.testing.assert_array_equal(got, np.array(picks))
    with pytest.raises(asim.ConfigError, match=r"slice_fraction: expected a number in \[0, 1\)"):
        asim.optimize(two_days, ENDPOINT, slice_fraction=1.0, **kwargs)
    with pytest.raises(asim.ConfigError, match="slice_fraction: for method='adaptive'"):
        asim.optimize(two_days, ENDPOINT, progress=False, slice_fraction=0.25, **SPACE)


def test_initial_policies_are_evaluated_first(two_days):
    kwargs = dict(slo_latency_s=5.0, progress=False, method="adaptive", budget=5, seed=3, **SPACE)
    f = asim.optimize(two_days, ENDPOINT, initial_policies=[
        {"min_capacity": 2, "max_capacity": 8, "target_value": 30},
        {"target_value": 45},  # the others take their first value: Min 1, Max 2
    ], **kwargs)
    first = f.points.sort_index()[["min_capacity", "max_capacity", "target_value"]].iloc[:2]
    assert first.to_dict("records") == [
        {"min_capacity": 2, "max_capacity": 8, "target_value": 30},
        {"min_capacity": 1, "max_capacity": 2, "target_value": 45},
    ]
    with pytest.raises(asim.ConfigError, match="initial_policies\\[0\\]: 'warp' is not a searched"):
        asim.optimize(two_days, ENDPOINT, initial_policies=[{"warp": 1}], **kwargs)
    with pytest.raises(asim.ConfigError, match=r"initial_policies\[0\]\.max_capacity: 9 is outside "
                       r"the searched values \[2, 8\]"):
        asim.optimize(two_days, ENDPOINT, initial_policies=[{"max_capacity": 9}], **kwargs)
    with pytest.raises(asim.ConfigError, match="initial_policies: expected a list"):
        asim.optimize(two_days, ENDPOINT, initial_policies={"target_value": 30}, **kwargs)


def test_hypervolume_defaults_to_the_search_reference_point(front):
    assert len(front.reference_point) == 2
    assert front.hypervolume() == pytest.approx(front.hypervolume(front.reference_point))
    assert front.hypervolume() > 0


def test_train_test_reevaluates_the_front_on_held_out_traffic(nasa_trace_path):
    train, test = asim.Trace.from_csv(nasa_trace_path).slice(0, 3 * 1440).split(2 / 3)
    f = asim.optimize(train, ENDPOINT, slo_latency_s=5.0, progress=False, **SPACE)
    tt = f.train_test(test)
    assert len(tt) == len(f)
    assert list(tt.index) == list(f.to_pandas().index)
    row = tt.iloc[0]
    again = asim.simulate(test, ENDPOINT, [asim.TargetTracking(target_value=row.target_value)],
                          min_capacity=int(row.min_capacity), max_capacity=int(row.max_capacity),
                          slo_latency_s=5.0, timeline=False)
    assert row.test_cost_usd == again.summary["cost_usd"]
    assert row.gap_p99_latency_s == row.test_p99_latency_s - row.train_p99_latency_s
    assert set(tt.attrs["mean_gap"]) == {"cost_usd", "p99_latency_s"}


def test_core_progress_callback_can_stop_the_search(two_days):
    f = asim.optimize(two_days, ENDPOINT, progress=False, **SPACE)
    seen = []

    def stop(p):
        seen.append(p["evaluations"])
        return False

    res = asim._core.adaptive_search(f.problem.core(), max_evaluations=12, batch_size=3,
                                     on_progress=stop)
    # the search waits for the callback's answer after each batch: it stops after the first,
    # however loaded the machine
    assert res.stopped
    assert res.stop_reason == "stopped by the progress callback"
    assert seen == [3]
    assert res.evaluated == 3
    # and every batch is reported when the callback lets it go on
    seen.clear()
    res = asim._core.adaptive_search(f.problem.core(), max_evaluations=12, batch_size=3,
                                     on_progress=lambda p: seen.append(p["evaluations"]) or True)
    assert seen == [3, 6, 9, 12][:len(seen)] and seen[-1] == res.evaluated


SETTINGS = dict(cooldown_from="start", capacity_basis="producing",
                scale_out_while_updating="remember_largest", slo_latency_s=2.0, seed=3)


@pytest.mark.parametrize("mode", ["fluid", "request"])
def test_every_setting_reaches_every_evaluation(two_days, mode):
    """A search with non-default settings returns exactly what simulating each candidate by hand
    with the same settings returns, and something else than the defaults would."""
    trace = two_days if mode == "fluid" else two_days.slice(0, 720)
    settings = dict(SETTINGS, mode=mode, arrivals="uniform_counts" if mode == "request"
                    else "poisson")
    space = dict(min_capacity=[1, 2], max_capacity=8, target_value=[15, 30])
    front = asim.optimize(trace, ENDPOINT, progress=False, **space, **settings)
    fields = _core.summary_fields()
    differs = False
    for _, row in front.points.iterrows():
        policy = asim.TargetTracking(target_value=float(row["target_value"]))
        by_hand = asim.simulate(trace, ENDPOINT, [policy], min_capacity=int(row["min_capacity"]),
                                max_capacity=8, timeline=False, **settings).summary
        assert [by_hand[f] for f in fields] == [row[f] for f in fields]
        default = asim.simulate(trace, ENDPOINT, [policy], min_capacity=int(row["min_capacity"]),
                                max_capacity=8, timeline=False).summary
        differs |= default != by_hand
        candidate = front._candidate([row[p] for p in front.parameters], dict(row))
        assert candidate.simulate(timeline=False).summary == by_hand
    assert differs


def test_an_empty_dimension_is_an_error_not_the_default(two_days):
    with pytest.raises(asim.ConfigError, match="target_value has no value"):
        asim.optimize(two_days, ENDPOINT, target_value=[], progress=False)
    with pytest.raises(asim.ConfigError, match="min_capacity has no value"):
        asim.optimize(two_days, ENDPOINT, min_capacity=[], target_value=30, progress=False)


def test_notebook_reprs_show_the_figures(front, two_days):
    html = two_days._repr_html_()
    assert "1995-07-01 04:00 to 1995-07-03 03:59 UTC (2 days)" in html
    assert f"{two_days.stats()['total']:,.0f}" in html
    best = front.best()
    r = best.simulate(timeline=False)
    assert f"${r.summary['cost_usd']:,.2f}" in r._repr_html_()
    cand = best._repr_html_()
    assert f"{best.summary['p99_latency_s']:.3f} s" in cand
    assert "chosen under slo_attainment &gt;= 0.99" in cand
    page = front._repr_html_()
    assert page.split("<tbody>")[1].count("<tr") == len(front)  # one row per front policy
    short = repr(best)
    assert len(short) < 250 and "\n" not in short and short.startswith("Candidate(min_capacity=")


def test_counts_are_integers_in_the_points_and_the_chosen_summary(front):
    # As in Result.summary (docs/python.md, "The summary's fields"): one scenario, whole counts.
    for name in ("scale_out_count", "scale_in_count", "scaling_activities", "peak_in_service"):
        assert front.points[name].dtype == np.int64, name
    best = front.best(slo=False)
    assert isinstance(best.summary["scale_out_count"], int)
    assert isinstance(best.summary["cost_usd"], float)
    assert best.summary == front.result.best([]).summary
