"""Custom policies written in Python: what they see, how their answers apply, their errors."""

import math

import numpy as np
import pytest

import autoscalesim as asim


def endpoint(startup=120):
    return asim.Endpoint(
        asim.InstanceType("t", price_per_hour=1.0, workers=8, service_time_s=0.01),
        initial_capacity=2,
        startup=startup,
    )


class Scripted(asim.Policy):
    def __init__(self, answers, **kwargs):
        super().__init__(**kwargs)
        self.answers = list(answers)
        self.seen = []

    def reset(self):
        self.seen = []

    def decide(self, obs):
        self.seen.append(obs)
        i = len(self.seen) - 1
        return self.answers[i] if i < len(self.answers) else None


def test_decide_runs_in_one_python_thread_state_for_the_whole_run():
    # The run's thread keeps one Python thread state: a threading.local set in one call is seen
    # in the next (each call made a new state before, 8 to 9 us a call, and lost such data).
    import threading

    class Counts(asim.Policy):
        def __init__(self):
            super().__init__()
            self.local = threading.local()
            self.seen = []

        def decide(self, obs):
            self.local.n = getattr(self.local, "n", 0) + 1
            self.seen.append(self.local.n)

    p = Counts()
    asim.simulate(asim.Trace(np.full(10, 1200.0), 60), endpoint(), [p], max_capacity=6)
    assert p.seen == list(range(1, 10))


def test_policy_sees_each_period_and_its_answer_is_clamped_and_applied():
    p = Scripted([None, 9])
    r = asim.simulate(asim.Trace(np.full(10, 1200.0), 60), endpoint(), [p], max_capacity=6)
    assert [o.now_s for o in p.seen] == [60.0 * k for k in range(1, 10)]
    first = p.seen[0]
    assert (first.arrivals, first.in_service, first.desired) == (1200.0, 2, 2)
    assert first.invocations_per_instance == pytest.approx(600)
    assert p.seen[2].starting == 4 and p.seen[2].activity_in_progress
    acts = r.activities
    assert list(acts["to"]) == [6]
    assert acts["cause"][0] == "Scripted: decided 9"
    assert list(acts["end_s"]) == [240.0]


def test_reset_runs_before_each_simulation_so_runs_repeat():
    p = Scripted([3, 1, 4])
    trace = asim.Trace(np.full(30, 600.0), 60)
    a = asim.simulate(trace, endpoint(), [p], max_capacity=6)
    b = asim.simulate(trace, endpoint(), [p], max_capacity=6)
    assert a.columns["in_service"].tobytes() == b.columns["in_service"].tobytes()
    assert len(p.seen) == 29


def test_period_and_name():
    p = Scripted([], name="five-minutely", period_s=300)
    asim.simulate(asim.Trace(np.full(30, 600.0), 60), endpoint(), [p])
    assert [o.now_s for o in p.seen] == [300.0 * k for k in range(1, 6)]
    assert p.seen[0].period_s == 300
    assert p.seen[0].arrivals == 3000


def test_a_proportional_policy_tracks_the_load():
    class Proportional(asim.Policy):
        def decide(self, obs):
            return math.ceil(obs.arrivals / 1000)

    counts = np.r_[np.full(20, 1000.0), np.full(20, 5000.0), np.full(20, 1000.0)]
    r = asim.simulate(asim.Trace(counts, 60), endpoint(), [Proportional()], max_capacity=10)
    tl = r.timeline
    assert tl["desired"].iloc[35] == 5
    assert tl["desired"].iloc[-1] == 1


def test_combined_with_target_tracking():
    floor = Scripted([4] * 100)
    r = asim.simulate(asim.Trace(np.full(30, 100.0), 60), endpoint(),
                      [asim.TargetTracking(target_value=1000), floor], max_capacity=10)
    assert r.timeline["desired"].iloc[-1] == 4


@pytest.mark.parametrize(
    ("answer", "exc", "text"),
    [
        (2.5, asim.ConfigError, r"Bad.decide: expected an int >= 0 or None, got 2.5"),
        ("3", asim.ConfigError, r"expected an int >= 0 or None, got '3'"),
        (-1, asim.ConfigError, r"Bad.decide: expected an int >= 0 or None, got -1"),
        (True, asim.ConfigError, r"expected an int >= 0 or None, got True"),
    ],
)
def test_a_bad_answer_is_a_config_error(answer, exc, text):
    class Bad(asim.Policy):
        def decide(self, obs):
            return answer

    with pytest.raises(exc, match=text):
        asim.simulate(asim.Trace(np.full(5, 100.0), 60), endpoint(), [Bad()])


def test_numpy_integers_are_accepted():
    r = asim.simulate(asim.Trace(np.full(5, 100.0), 60), endpoint(), [Scripted([np.int64(3)])])
    assert list(r.activities["to"]) == [3]


def test_an_exception_in_decide_reaches_the_caller_unchanged():
    class Boom(asim.Policy):
        def decide(self, obs):
            raise ZeroDivisionError(f"boom at {obs.now_s:g}")

    with pytest.raises(ZeroDivisionError, match="boom at 60"):
        asim.simulate(asim.Trace(np.full(5, 100.0), 60), endpoint(), [Boom()])


def test_decide_not_implemented():
    with pytest.raises(NotImplementedError, match="Policy.decide is not implemented"):
        asim.simulate(asim.Trace(np.full(5, 100.0), 60), endpoint(), [asim.Policy()])


def test_forgetting_super_init_is_a_clear_type_error():
    class NoInit(asim.Policy):
        def __init__(self):
            pass

        def decide(self, obs):
            return None

    with pytest.raises(TypeError, match="__init__"):
        NoInit()


def test_a_bad_period_is_a_config_error():
    with pytest.raises(asim.ConfigError, match=r"scaling.custom\[0\].period_s"):
        asim.simulate(asim.Trace(np.full(5, 100.0), 60), endpoint(),
                      [Scripted([], period_s=0.5)])


def test_something_else_in_policies_is_a_config_error():
    with pytest.raises(asim.ConfigError,
                       match=r"policies\[0\]: expected TargetTracking, .* got object"):
        asim.simulate(asim.Trace(np.full(5, 100.0), 60), endpoint(), [object()])


def test_a_huge_answer_means_max_capacity():
    r = asim.simulate(asim.Trace(np.full(5, 100.0), 60), endpoint(), [Scripted([10**30])],
                      max_capacity=7)
    assert list(r.activities["to"]) == [7]


def test_ctrl_c_stops_a_long_simulate_at_once(sigint_handled):
    """A custom policy raises the interrupt at its 10th call (what Ctrl-C does), so the test does
    not race a timer; the run stops long before the month ends."""
    import _thread
    import time

    class Interrupter(asim.Policy):
        calls = 0

        def decide(self, obs):
            Interrupter.calls += 1
            if Interrupter.calls == 10:
                _thread.interrupt_main()
            if Interrupter.calls >= 10:
                time.sleep(0.01)  # the rest of the month would take 7 minutes
            return None

    month = asim.Trace(np.full(30 * 1440, 100.0), 60)
    with pytest.raises(KeyboardInterrupt):
        asim.simulate(month, endpoint(), [Interrupter()])
    assert Interrupter.calls < 1000  # of 43,200 periods
