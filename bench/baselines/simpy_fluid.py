"""The fluid-mode benchmark scenario written on SimPy: the baseline of bench_fluid.

A line-by-line port of libsim's fluid model to plain Python, with SimPy as the event engine:

- processes: the trace replay (one event per trace interval), the metric periods (close the
  datapoints, evaluate the alarms and the target-tracking policies), and one start-up timeout per
  launched instance;
- the data plane is integrated lazily: every process first calls ``Model.advance_to(env.now)``,
  which runs one backward-Euler span of the M/M/c+D fluid flow since the previous event. The
  events are the C++ run loop's span cuts (trace boundaries, metric period boundaries and
  instance-ready times), so the spans, and hence every number, are the same;
- the functions keep the names of their C++ counterparts (libsim/src/serving/queueing.cpp,
  fluid_plane.cpp, latency_mixture.cpp, metrics.cpp, policy/*.cpp, fleet.cpp, simulator.cpp) and
  evaluate their floating-point expressions in the same order.

The scenario is bench/bench_fluid.cpp's with ``--fixed-startup``: the bundled NASA trace tiled to
43,200 minutes and scaled x3, one worker, 1.0 s service with cv 0.5, start-up 381 s, Min 2,
Max 40, InvocationsPerInstance target 30, initial capacity 4. Summary only (no timeline).

usage: python bench/baselines/simpy_fluid.py TRACE.csv [--repeats N] [--activities FILE] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time

import simpy

INF = math.inf
NAN = math.nan

MS_PER_HOUR = 3_600_000


def seconds_to_ms(s):
    return int(s * 1000.0 + (0.5 if s >= 0 else -0.5))


def ms_to_seconds(t):
    return t / 1000.0


# --- queueing.cpp -------------------------------------------------------------------------------


def log_exp_mean(a, b):
    """log((e^b - e^a) / (b - a)), the log of the mean of e^x over [a, b]."""
    hi = a if not (a < b) else b
    d = hi - (b if b < a else a)
    if d < 1e-9:
        return 0.5 * (a + b)
    return hi + math.log(-math.expm1(-d) / d)


def trunc_mean_unit(z):
    if abs(z) < 1e-4:
        return 0.5 - z / 12.0
    try:
        return 1.0 / z - 1.0 / math.expm1(z)
    except OverflowError:  # C++: expm1 -> inf, 1/inf -> 0
        return 1.0 / z


def log_trunc_norm(theta, d):
    return math.log(d) + log_exp_mean(0.0, -theta * d)


def wait_plus_exp_survival(theta, d, log_z, rate, t):
    if t <= 0:
        return 1.0
    tail = 0.0
    if t < d:
        tail = math.exp(math.log(d - t) + log_exp_mean(-theta * t, -theta * d) - log_z)
    if math.isinf(rate):
        return tail
    m = t if t < d else d  # std::min(t, d)
    a0 = -rate * t
    a1 = -theta * m - rate * (t - m)
    conv = math.exp(math.log(m) + log_exp_mean(a0, a1) - log_z)
    v = tail + conv
    return 1.0 if v > 1.0 else v


def erlang_b(servers, load):
    b = 1.0
    for k in range(1, servers + 1):
        b = load * b / (k + load * b)
    return b


class ServiceShape:
    __slots__ = ("shift_s", "p1", "rate1", "rate2", "mean_s")

    def __init__(self):
        self.shift_s = 0.0
        self.p1 = 1.0
        self.rate1 = 1.0
        self.rate2 = 1.0
        self.mean_s = 1.0


def fit_service(mean_s, cv):
    s = ServiceShape()
    s.mean_s = mean_s
    if cv <= 0:
        s.shift_s = mean_s
        s.rate1 = INF
    elif cv <= 1:
        s.shift_s = mean_s * (1 - cv)
        s.rate1 = 1.0 / (cv * mean_s)
    else:
        c2 = cv * cv
        s.p1 = 0.5 * (1 + math.sqrt((c2 - 1) / (c2 + 1)))
        s.rate1 = 2 * s.p1 / mean_s
        s.rate2 = 2 * (1 - s.p1) / mean_s
    return s


def service_survival(s, t_s):
    t = t_s - s.shift_s
    if t < 0:
        return 1.0
    if math.isinf(s.rate1):
        return 0.0
    v = s.p1 * math.exp(-s.rate1 * t)
    if s.p1 < 1:
        v += (1 - s.p1) * math.exp(-s.rate2 * t)
    return v


def uniform_plus_exp_survival(a, b, rate, tau):
    """P(U + E > tau), U uniform on [a, b], E ~ Exp(rate) (0 when rate is infinite)."""
    if tau <= a:
        return 1.0
    width = b - a
    if not width > 0:
        return 0.0 if math.isinf(rate) else math.exp(-rate * (tau - a))
    m = min(b, tau)
    above = (b - m) / width
    if math.isinf(rate):
        return above
    # (1 / width) x integral over [a, m] of e^{-rate (tau - u)} du
    d = rate * (m - a)
    conv = math.exp(-rate * (tau - m)) * (-math.expm1(-d)) * ((m - a) / width) / d if d > 1e-9 \
        else math.exp(-rate * (tau - 0.5 * (a + m))) * (m - a) / width
    return min(1.0, above + conv)


def uniform_plus_service_survival(a, b, s, t_s):
    t = t_s - s.shift_s
    v = s.p1 * uniform_plus_exp_survival(a, b, s.rate1, t)
    if s.p1 < 1:
        v += (1 - s.p1) * uniform_plus_exp_survival(a, b, s.rate2, t)
    return v


# Waits behind a backlog (fluid_plane.cpp): the share's near-capacity ramp in theta D, its maximum,
# the floor of the unrelaxed fraction, and the relaxation rate of a queue near capacity.
BACKLOG_FULL_THETA_D = 3.0
BACKLOG_NONE_THETA_D = 6.0
BACKLOG_SHARE = 0.5
UNRELAXED_FLOOR = 0.2


def relaxation_rate(theta, cap, k, timeout_s):
    return theta * theta * k / (4 * cap) + math.pi ** 2 * k / (cap * timeout_s * timeout_s)


# An M/M/c+D state is a tuple, in the fields' order of queueing::mmcd_state:
P_NO_WAIT, P_WAIT, P_TIMEOUT, THETA, MEAN_WAIT_SERVED, MEAN_QUEUE, MEAN_BUSY = range(7)


def mmcd(servers, lambda_per_s, mu_per_s, timeout_s, k):
    cap = servers * mu_per_s
    if lambda_per_s <= 0:
        return (1.0, 0.0, 0.0, cap / k, 0.0, 0.0, 0.0)
    lam = lambda_per_s
    d_m = timeout_s / k
    theta_m = cap - lam
    z = theta_m * d_m
    x = lam * erlang_b(servers - 1, lam / mu_per_s)
    if z > 30:
        e_neg = math.exp(-z)
        e0 = 1.0
        ew = x * (1.0 - e_neg) / theta_m
        eo = x * e_neg / cap
    elif z > -600:
        em = math.expm1(z)
        e_neg = 1.0 / (1.0 + em) if z >= 0 else math.exp(-z)
        integral = d_m if abs(z) < 1e-9 else d_m * em * e_neg / z
        e0 = 1.0
        ew = x * integral
        eo = x * e_neg / cap
    else:
        log_x = math.log(x)
        log_wait = log_x + math.log(d_m) + log_exp_mean(0.0, -z)
        log_out = log_x - z - math.log(cap)
        top = max(0.0, log_wait, log_out)
        e0 = math.exp(-top)
        ew = math.exp(log_wait - top)
        eo = math.exp(log_out - top)
    norm = e0 + ew + eo
    p_no_wait = e0 / norm
    p_wait = ew / norm
    p_timeout = eo / norm
    served = p_no_wait + p_wait
    mean_wait_if_waiting = timeout_s * trunc_mean_unit(z)
    mean_wait_served_s = p_wait * mean_wait_if_waiting / served if served > 0 else 0.0
    mean_queue = lam * (p_wait * mean_wait_if_waiting + p_timeout * timeout_s)
    mean_busy = lam * served / mu_per_s
    return (p_no_wait, p_wait, p_timeout, theta_m / k, mean_wait_served_s, mean_queue, mean_busy)


def in_system(st):
    return st[MEAN_QUEUE] + st[MEAN_BUSY]


def truncated_exp_log_norm(theta, timeout_s):
    return log_trunc_norm(theta, timeout_s)


def log_ramp_exp_mean(w):
    if abs(w) < 1e-4:
        return math.log(0.5 + w / 3 + w * w / 8)
    if w > 1:
        return w + math.log((w - 1 + math.exp(-w)) / (w * w))
    if w < -1:
        return math.log((1 + math.exp(w) * (w - 1)) / (w * w))
    return math.log((math.expm1(w) * (w - 1) + w) / (w * w))


def truncated_exp_excess(theta, d, log_z, c):
    """E[(V - c)+] for 0 < c < D (detail::truncated_exp_excess)."""
    length = d - c
    return math.exp(-theta * c + 2 * math.log(length) + log_ramp_exp_mean(-theta * length) - log_z)


def late_without_wait(s, timeout_s):
    c = timeout_s - s.shift_s
    share = service_survival(s, timeout_s)
    if math.isinf(s.rate1):
        return share, max(0.0, -c)

    def phase(rate):
        return math.exp(-rate * c) / rate if c > 0 else 1 / rate - c

    excess = s.p1 * phase(s.rate1) + ((1 - s.p1) * phase(s.rate2) if s.p1 < 1 else 0.0)
    return share, excess


def late_after_wait(theta, timeout_s, log_norm, s):
    c = timeout_s - s.shift_s
    share = wait_plus_service_survival(theta, timeout_s, log_norm, s, timeout_s)
    if c <= 0:
        excess = timeout_s * trunc_mean_unit(theta * timeout_s) - c  # E[V] - c
    elif c < timeout_s:
        excess = truncated_exp_excess(theta, timeout_s, log_norm, c)
    else:
        excess = 0.0
    if math.isinf(s.rate1):
        return share, excess
    t = max(c, 0.0)

    def phase(rate):
        if c <= 0:
            return 1.0 / rate
        return wait_plus_exp_survival(theta, timeout_s, log_norm, rate, t) / rate

    excess += s.p1 * phase(s.rate1) + ((1 - s.p1) * phase(s.rate2) if s.p1 < 1 else 0.0)
    return share, excess


def wait_plus_service_survival(theta, timeout_s, log_norm, s, t_s):
    t = t_s - s.shift_s
    if t <= 0:
        return 1.0
    v = s.p1 * wait_plus_exp_survival(theta, timeout_s, log_norm, s.rate1, t)
    if s.p1 < 1:
        v += (1 - s.p1) * wait_plus_exp_survival(theta, timeout_s, log_norm, s.rate2, t)
    return v


# --- fluid_plane.cpp ----------------------------------------------------------------------------


class FluidPlane:
    def __init__(self, workers, service_time_s, service_cv, timeout_s, pooled=False):
        self.workers = workers
        self.mu = 1.0 / service_time_s
        self.timeout_s = timeout_s
        self.k = (1.0 + service_cv * service_cv) / 2.0
        self.pooled = pooled
        self.service = fit_service(service_time_s, service_cv)
        self.late_no_wait = late_without_wait(self.service, timeout_s)
        svc = self.service
        self.slowest_rate = min(svc.rate1, svc.rate2) if svc.p1 < 1 else svc.rate1
        self.in_system = 0.0
        self.last_servers = -1
        self.last_y = 0.0
        self.last_x = 0.0
        self.relaxed_queue = 0.0  # the queue whose waits have relaxed to the stationary spread

    def state_at(self, servers, lam):
        return mmcd(servers, lam, self.mu, self.timeout_s, self.k)

    def late_after_wait(self, theta):
        reach = self.timeout_s - self.service.shift_s
        if reach > 0 and min(theta, self.slowest_rate) * reach > 37:
            return 0.0, 0.0
        return late_after_wait(theta, self.timeout_s,
                               truncated_exp_log_norm(theta, self.timeout_s), self.service)

    def solve_outflow(self, servers, lam, x0, h):
        c0 = x0 + h * lam
        if c0 <= 0:
            return 0.0
        mu, timeout_s, k = self.mu, self.timeout_s, self.k

        def f(y):
            st = mmcd(servers, y, mu, timeout_s, k)
            return st[MEAN_QUEUE] + st[MEAN_BUSY] + h * y - c0

        tol = 1e-12 * c0
        lo, flo = 0.0, -c0
        hi = lam + x0 / h
        fhi = NAN
        g = lam if lam > 0 and lam < hi else 0.5 * hi
        fg = f(g)
        if abs(fg) <= tol:
            return g
        if fg < 0:
            lo, flo = g, fg
        else:
            hi, fhi = g, fg
        slope = h + 1.0 / mu
        if servers == self.last_servers and abs(g - self.last_y) > 1e-12 * (g + self.last_y):
            secant = (fg + c0 - h * g - self.last_x) / (g - self.last_y)
            if secant > 0 and math.isfinite(secant):
                slope = h + secant
        g2 = g - fg / slope
        if g2 > lo and g2 < hi:
            f2 = f(g2)
            if abs(f2) <= tol:
                return g2
            if f2 < 0:
                lo, flo = g2, f2
            else:
                hi, fhi = g2, f2
        if math.isnan(fhi):
            fhi = f(hi)
            if fhi <= tol:
                return hi
        side = 0
        y = lo
        for _ in range(200):  # Illinois regula falsi
            y = (lo * fhi - hi * flo) / (fhi - flo)
            if not (y > lo and y < hi):
                y = 0.5 * (lo + hi)
            fy = f(y)
            if abs(fy) <= tol or hi - lo <= 1e-13 * hi:
                break
            if fy < 0:
                lo, flo = y, fy
                if side == -1:
                    fhi *= 0.5
                side = -1
            else:
                hi, fhi = y, fy
                if side == 1:
                    flo *= 0.5
                side = 1
        return y

    def advance(self, span_s, arrivals, n_in_service):
        """One span. Returns (served, errors, in_system, busy, workers, latency_sum_s,
        queued_end, served_no_wait, served_waited, theta, backlog_waited, backlog_wait_lo_s,
        backlog_wait_hi_s), as fluid_plane::span_outcome."""
        if span_s <= 0:
            return (0.0,) * 13
        if n_in_service <= 0:
            errors = arrivals + self.in_system
            self.in_system = 0.0
            self.relaxed_queue = 0.0
            return (0.0, errors) + (0.0,) * 11
        n = float(n_in_service)
        servers = n_in_service * self.workers if self.pooled else self.workers
        share = 1.0 if self.pooled else n
        lam = arrivals / span_s / share
        x0 = self.in_system / share
        continued = servers == self.last_servers and abs(x0 - self.last_x) <= 1e-12 * (
            x0 + self.last_x)
        y0 = self.last_y
        y = self.solve_outflow(servers, lam, x0, span_s)
        st = self.state_at(servers, y)
        x1 = st[MEAN_QUEUE] + st[MEAN_BUSY]
        # the latency's state: halfway through the span in outflow (fluid_plane::advance)
        y_mid = 0.5 * (y0 + y) if continued and y0 != y else y
        mid = self.state_at(servers, y_mid) if y_mid != y else st
        self.in_system = x1 * share
        self.last_servers = servers
        self.last_y = y
        self.last_x = x1
        cap = servers * self.mu
        theta_mid = (cap - y_mid) / self.k
        q1 = st[MEAN_QUEUE]
        relaxed0 = self.relaxed_queue / share
        relaxed1 = q1 + (relaxed0 - q1) * math.exp(
            -span_s * relaxation_rate((cap - y) / self.k, cap, self.k, self.timeout_s))
        self.relaxed_queue = relaxed1 * share
        departures = y * span_s * share
        served = departures * (st[P_NO_WAIT] + st[P_WAIT])
        p_no_wait, p_wait = mid[P_NO_WAIT], mid[P_WAIT]
        served_share = p_no_wait + p_wait
        # past capacity a pooled fleet's request waits in its own instance's queue
        own_queue = self.pooled and n_in_service > 1 and theta_mid < 0
        theta_wait = theta_mid / n if own_queue else theta_mid
        served_no_wait = served_waited = theta = 0.0
        backlog = wait_lo = wait_hi = 0.0
        if served > 0 and served_share > 0:
            served_no_wait = served * p_no_wait / served_share
            served_waited = served * p_wait / served_share
            theta = theta_wait
            # half the larger of the near-capacity ramp and the unrelaxed fraction wait behind
            # the backlog, their waits spread over its range (fluid_plane::advance)
            theta_d = theta_mid * self.timeout_s
            near = min(1.0, max(0.0, (BACKLOG_NONE_THETA_D - theta_d)
                                / (BACKLOG_NONE_THETA_D - BACKLOG_FULL_THETA_D)))
            gap = min(1.0, abs(q1 - relaxed1) / q1) if q1 > 0 else 0.0
            unrelaxed = max(0.0, gap - UNRELAXED_FLOOR) / (1 - UNRELAXED_FLOOR)
            backlog = BACKLOG_SHARE * max(near, unrelaxed) * served_waited
            w0 = min(self.timeout_s, max(0.0, x0 - servers) / cap)
            w1 = min(self.timeout_s, max(0.0, x1 - servers) / cap)
            wait_lo, wait_hi = min(w0, w1), max(w0, w1)
        # late completions: errors, their latency out of the served sum (fluid_plane::advance)
        d = self.timeout_s
        now_share, now_excess = self.late_no_wait
        wait_share, wait_excess = self.late_after_wait(theta) if served_waited > 0 else (0.0, 0.0)
        late = served_no_wait * now_share + served_waited * wait_share
        mean_wait_served = mid[MEAN_WAIT_SERVED]
        if own_queue:
            d_ = self.timeout_s
            mean_wait_served *= (d_ * trunc_mean_unit(theta_wait * d_)) / (
                d_ * trunc_mean_unit(theta_mid * d_))
        latency_sum = served * (mean_wait_served + self.service.mean_s)
        latency_sum -= (served_no_wait * (d * now_share + now_excess)
                        + served_waited * (d * wait_share + wait_excess))
        return (
            served - late,
            departures * st[P_TIMEOUT] + late,
            0.5 * (x0 + x1) * share,
            st[MEAN_BUSY] * share,
            n * self.workers,
            max(0.0, latency_sum),
            st[MEAN_QUEUE] * share,
            served_no_wait,
            served_waited,
            theta,
            backlog,
            wait_lo,
            wait_hi,
        )

    def max_rate_meeting(self, latency_s, target):
        service, timeout_s = self.service, self.timeout_s

        def good_share(lam):
            st = self.state_at(self.workers, lam)
            within_wait = 1 - wait_plus_service_survival(
                st[THETA], timeout_s, log_trunc_norm(st[THETA], timeout_s), service, latency_s
            )
            within_now = 1 - service_survival(service, latency_s)
            return st[P_NO_WAIT] * within_now + st[P_WAIT] * within_wait

        cap = self.workers * self.mu
        if good_share(cap * 1e-9) < target:
            return 0.0
        lo, hi = cap * 1e-9, cap
        if good_share(hi) >= target:
            return hi
        it = 0
        while it < 100 and hi - lo > 1e-9 * cap:
            mid = 0.5 * (lo + hi)
            if good_share(mid) >= target:
                lo = mid
            else:
                hi = mid
            it += 1
        return lo


# --- latency_mixture.cpp ------------------------------------------------------------------------

Z_MIN = 1e-3
BIN_WIDTH = 0.02
BINS_PER_SIDE = 1200


def bin_of(z):
    a = abs(z)
    if a < Z_MIN:
        return BINS_PER_SIDE
    i = 1 + int(math.log(a / Z_MIN) / BIN_WIDTH)
    if i > BINS_PER_SIDE:
        i = BINS_PER_SIDE
    return BINS_PER_SIDE + i if z > 0 else BINS_PER_SIDE - i


def accumulate(bins, b, mass, value):
    """Adds mass and mass x value to bin b of a {bin: [mass, mass x value]} in first-use order."""
    m = bins.get(b)
    if m is None:
        bins[b] = [mass, mass * value]
    else:
        m[0] += mass
        m[1] += mass * value


class LatencyMixture:
    def __init__(self, service, timeout_s):
        self.service = service
        self.timeout_s = timeout_s
        self.no_wait = 0.0
        self.waited = 0.0
        self.bins = {}  # bin -> [mass, mass x z], in the order bins were first used (C++ used_)
        self._prepared = None
        self.delayed = 0.0
        self.uniform = []  # the first MAX_UNIFORM backlog ranges: (mass, lo, hi), exact
        self.delay_bins = {}  # wait bin -> [mass, mass x wait], in the order first used

    MAX_UNIFORM = 4

    def add_span(self, no_wait, waited, theta, backlog, lo, hi):
        """latency_mixture::add(span_outcome)."""
        self.add(no_wait, waited - backlog, theta)
        if not backlog > 0:
            return
        self.delayed += backlog
        if len(self.uniform) < self.MAX_UNIFORM:
            self.uniform.append((backlog, lo, hi))
            return
        width = max(0.0, hi - lo)
        points = min(64, 1 + int(width / (1e-3 * hi))) if width > 0 else 1
        each = backlog / points
        for i in range(points):
            w = lo + width * (i + 0.5) / points
            b = 0 if w < 1e-3 else min(17499, 1 + int(math.log(w / 1e-3) / 1e-3))
            accumulate(self.delay_bins, b, each, w)

    def add(self, no_wait, waited, theta):
        self.no_wait += no_wait
        self._prepared = None
        if waited <= 0:
            return
        z = theta * self.timeout_s
        accumulate(self.bins, bin_of(z), waited, z)
        self.waited += waited

    def total(self):
        return self.no_wait + self.waited + self.delayed

    def prepared(self):
        if self._prepared is None:
            out = []
            for mass, mass_z in self.bins.values():
                theta = mass_z / mass / self.timeout_s
                out.append((mass, theta, truncated_exp_log_norm(theta, self.timeout_s)))
            self._prepared = out
        return self._prepared

    def survival(self, t_s):
        """Among the requests completed within the timeout (latency_mixture::survival)."""
        if t_s >= self.timeout_s:
            return 0.0
        late = self.all_survival(self.timeout_s)
        if not late < 1:
            return 0.0
        return (self.all_survival(t_s) - late) / (1 - late)

    def all_survival(self, t_s):
        tot = self.total()
        if tot <= 0:
            return 0.0
        s = self.no_wait * service_survival(self.service, t_s)
        for mass, theta, log_norm in self.prepared():
            s += mass * wait_plus_service_survival(
                theta, self.timeout_s, log_norm, self.service, t_s
            )
        for mass, mass_w in self.delay_bins.values():
            s += mass * service_survival(self.service, t_s - mass_w / mass)
        for mass, lo, hi in self.uniform:
            s += mass * uniform_plus_service_survival(lo, hi, self.service, t_s)
        return s / tot

    def quantile(self, p, rel_tol=1e-9, guess=0.0):
        if self.total() <= 0:
            return NAN
        late = self.all_survival(self.timeout_s)
        if not late < 1:
            return NAN
        target = late + (1 - p) * (1 - late)
        survival = self.all_survival
        lo, flo = 0.0, 1 - target
        hi = self.timeout_s
        if guess > 0 and guess < hi:
            fg = survival(guess) - target
            if fg > 0:
                lo, flo = guess, fg
                up = min(hi, guess * 1.25)
                fup = survival(up) - target
                if fup <= 0:
                    hi = up
                else:
                    lo, flo = up, fup
            else:
                hi = guess
                down = guess * 0.8
                fdown = survival(down) - target
                if fdown > 0:
                    lo, flo = down, fdown
        fhi = survival(hi) - target
        side = 0
        it = 0
        while it < 300 and hi - lo > rel_tol * hi:
            t = (lo * fhi - hi * flo) / (fhi - flo)
            if not (t > lo and t < hi) or it % 8 == 7:
                t = 0.5 * (lo + hi)
            f = survival(t) - target
            if f > 0:
                lo, flo = t, f
                if side == 1:
                    fhi *= 0.5
                side = 1
            else:
                hi, fhi = t, f
                if side == -1:
                    flo *= 0.5
                side = -1
                if f == 0:
                    lo = t
            it += 1
        return 0.5 * (lo + hi)


# --- metrics.cpp --------------------------------------------------------------------------------

INVOCATIONS_PER_INSTANCE = "InvocationsPerInstance"
CONCURRENT_REQUESTS_PER_MODEL = "ConcurrentRequestsPerModel"
CPU_UTILIZATION = "CPUUtilization"
MODEL_LATENCY = "ModelLatency"


class MetricStream:
    def __init__(self, kind, period_ms, publish_delay_ms):
        self.kind = kind
        self.period_ms = period_ms
        self.delay_ms = publish_delay_ms
        self.points = []  # (value, capacity)
        self._reset()

    def _reset(self):
        self.sum_per_instance = self.sum_system = self.sum_busy = self.sum_workers = 0.0
        self.sum_capacity_ms = self.served = self.latency_sum = self.covered_ms = 0.0
        self.sum_arrivals = self.sum_system_total = self.served_ms = self.sum_inverse_ms = 0.0

    def add(self, span_ms, arrivals, in_service, in_system, busy, workers, served, latency_sum_s):
        span = float(span_ms)
        self.covered_ms += span
        self.sum_capacity_ms += span * in_service
        if in_service > 0:
            self.sum_per_instance += arrivals / in_service
            self.sum_system += span * in_system / in_service
            self.sum_busy += span * busy
            self.sum_workers += span * workers
            self.sum_arrivals += arrivals
            self.sum_system_total += span * in_system
            self.served_ms += span
            self.sum_inverse_ms += span / in_service
        self.served += served
        self.latency_sum += latency_sum_s

    def close_period(self):
        # The capacity that produced the datapoint: C with C x value = the period's total
        # (metric_stream::close_period).
        mean = self.sum_capacity_ms / self.covered_ms if self.covered_ms > 0 else 0.0
        capacity = 0.0
        if self.sum_capacity_ms <= 0:
            value = NAN
        elif self.kind == INVOCATIONS_PER_INSTANCE:
            value = self.sum_per_instance
            capacity = (self.sum_arrivals / value if value > 0
                        else self.served_ms / self.sum_inverse_ms)
        elif self.kind == CONCURRENT_REQUESTS_PER_MODEL:
            value = self.sum_system / self.sum_capacity_ms * mean
            capacity = (self.sum_system_total / self.sum_system if self.sum_system > 0
                        else self.served_ms / self.sum_inverse_ms)
        elif self.kind == CPU_UTILIZATION:
            value = 100.0 * self.sum_busy / self.sum_workers if self.sum_workers > 0 else 0.0
        else:
            value = self.latency_sum / self.served if self.served > 0 else NAN
        self.points.append((value, capacity))
        self._reset()

    def published(self, now):
        if now < self.period_ms + self.delay_ms:
            return 0
        n = (now - self.delay_ms) // self.period_ms
        return n if n < len(self.points) else len(self.points)


ALARM, OK, INSUFFICIENT_DATA = "ALARM", "OK", "INSUFFICIENT_DATA"


class Alarm:
    def __init__(self, threshold, greater, evaluation_periods, datapoints_to_alarm):
        self.threshold = threshold
        self.greater = greater
        self.evaluation_periods = evaluation_periods
        self.datapoints_to_alarm = datapoints_to_alarm

    def evaluate(self, stream, now):
        n = stream.published(now)
        pts = stream.points
        first = n - self.evaluation_periods if n > self.evaluation_periods else 0
        breaching = present = 0
        for i in range(first, n):
            v = pts[i][0]
            if v != v:
                continue
            present += 1
            if (v > self.threshold) if self.greater else (v < self.threshold):
                breaching += 1
        if present == 0:
            return INSUFFICIENT_DATA
        return ALARM if breaching >= self.datapoints_to_alarm else OK


# --- policy/target_tracking.cpp, policy/scalable_target.cpp -------------------------------------


class TargetTrackingConfig:
    def __init__(self, target_value, **kw):
        self.name = "target-tracking"
        self.metric = INVOCATIONS_PER_INSTANCE
        self.target_value = target_value
        self.scale_out_cooldown_s = 300.0
        self.scale_in_cooldown_s = 300.0
        self.disable_scale_in = False
        self.high_evaluation_periods = 3
        self.high_datapoints_to_alarm = 3
        self.low_evaluation_periods = 15
        self.low_datapoints_to_alarm = 15
        self.low_threshold_fraction = 0.9
        self.period_s = 60.0
        self.publish_delay_s = 60.0
        for key, value in kw.items():
            setattr(self, key, value)


class Proposal:
    __slots__ = ("high", "low", "scale_out", "scale_in", "out_capacity", "in_capacity", "metric")

    def __init__(self):
        self.high = self.low = INSUFFICIENT_DATA
        self.scale_out = self.scale_in = False
        self.out_capacity = self.in_capacity = 0
        self.metric = 0.0


def desired_capacity(capacity, metric, target):
    x = capacity * metric / target
    # Guard against 2 x 1500 / 1500 = 2.0000000000000004 rounding up to 3.
    return math.ceil(x * (1 - 1e-12))


class TargetTrackingPolicy:
    def __init__(self, config):
        self.config = config
        self.stream = MetricStream(
            config.metric, seconds_to_ms(config.period_s), seconds_to_ms(config.publish_delay_s)
        )
        self.high = Alarm(
            config.target_value,
            True,
            config.high_evaluation_periods,
            config.high_datapoints_to_alarm,
        )
        self.low = Alarm(
            config.target_value * config.low_threshold_fraction,
            False,
            config.low_evaluation_periods,
            config.low_datapoints_to_alarm,
        )

    def evaluate(self, now, current, window_base, basis_producing):
        p = Proposal()
        p.high = self.high.evaluate(self.stream, now)
        p.low = self.low.evaluate(self.stream, now)
        if p.high != ALARM and p.low != ALARM:
            return p
        n = self.stream.published(now)
        value, capacity = self.stream.points[n - 1]
        p.metric = value
        out_basis = in_basis = float(current)
        if basis_producing:
            out_basis = in_basis = capacity
        elif window_base >= 0:
            wb = float(window_base)
            out_basis = capacity if wb < capacity else wb
        p.out_capacity = desired_capacity(out_basis, value, self.config.target_value)
        p.in_capacity = desired_capacity(in_basis, value, self.config.target_value)
        p.scale_out = p.high == ALARM
        p.scale_in = p.low == ALARM and not self.config.disable_scale_in
        return p


class ScalableTarget:
    def __init__(self, min_capacity, max_capacity, initial_capacity, cooldown_from_start=False):
        self.min = min_capacity
        self.max = max_capacity
        self.desired = self.clamp(initial_capacity)
        self.from_start = cooldown_from_start
        self.in_progress = False
        self.pending_cooldown_s = 0.0
        self.out_cooldown_until = -1
        self.in_cooldown_until = -1
        self.window_base_ = 0
        self.window_open = False

    def clamp(self, value):
        return self.min if value < self.min else self.max if self.max < value else value

    def in_scale_out_window(self, now):
        return self.window_open and (self.in_progress or now < self.out_cooldown_until)

    def window_base(self, now):
        return self.window_base_ if self.in_scale_out_window(now) else -1

    def scale_in_allowed(self, now):
        return not self.in_progress and now >= self.in_cooldown_until

    def scale_out(self, now, to, cooldown_s):
        if not self.in_scale_out_window(now):
            self.window_base_ = self.desired
            self.window_open = True
        self.desired = to
        self.in_progress = True
        self.pending_cooldown_s = cooldown_s
        self.in_cooldown_until = -1
        if self.from_start:
            self.out_cooldown_until = now + seconds_to_ms(cooldown_s)

    def scale_in(self, now, to, cooldown_s):
        self.desired = to
        self.window_open = False
        self.in_cooldown_until = now + seconds_to_ms(cooldown_s)

    def complete(self, now):
        if not self.in_progress:
            return
        self.in_progress = False
        if not self.from_start:
            self.out_cooldown_until = now + seconds_to_ms(self.pending_cooldown_s)


# --- fleet.cpp ----------------------------------------------------------------------------------

STARTING, IN_SERVICE, TERMINATED = 0, 1, 2


class Fleet:
    def __init__(self, initial):
        # instance: [launch_ms, ready_ms, terminated_ms, state]
        self.instances = [[0, 0, -1, IN_SERVICE] for _ in range(initial)]
        self.alive = list(range(initial))
        self.in_service = initial
        self.starting = 0

    def launch(self, now, ready_ms):
        self.instances.append([now, ready_ms, -1, STARTING])
        self.alive.append(len(self.instances) - 1)
        self.starting += 1
        return self.instances[-1]

    def promote_ready(self, now):
        if self.starting == 0:
            return 0
        n = 0
        for i in self.alive:
            r = self.instances[i]
            if r[3] == STARTING and r[1] <= now:
                r[3] = IN_SERVICE
                n += 1
        self.starting -= n
        self.in_service += n
        return n

    def terminate(self, now, count):
        removed_in_service = 0
        for state in (STARTING, IN_SERVICE):
            j = len(self.alive) - 1
            while j >= 0 and count > 0:
                r = self.instances[self.alive[j]]
                if r[3] == state:
                    r[3] = TERMINATED
                    r[2] = now
                    if state == STARTING:
                        self.starting -= 1
                    else:
                        self.in_service -= 1
                        removed_in_service += 1
                    count -= 1
                    del self.alive[j]
                j -= 1
        return removed_in_service

    def alive_count(self):
        return self.in_service + self.starting

    def billed_instance_ms(self, end):
        total = 0.0
        for launch, _, terminated, _ in self.instances:
            stop = terminated if terminated >= 0 else end
            total += float(max(0, stop - launch))
        return total


# --- simulator.cpp, with SimPy as the event engine ----------------------------------------------


class Scenario:
    def __init__(self, counts, interval_ms):
        self.counts = counts
        self.interval_ms = interval_ms
        self.price_per_hour = 0.736
        self.workers = 1
        self.service_time_s = 1.0
        self.service_cv = 0.5
        self.initial_capacity = 4
        self.startup_s = 381.0
        self.invocation_timeout_s = 60.0
        self.least_outstanding = False
        self.min_capacity = 2
        self.max_capacity = 40
        self.policies = [TargetTrackingConfig(30.0)]
        self.cooldown_from_start = False
        self.basis_producing = False
        self.remember_largest = False  # scaling.scale_out_while_updating
        self.slo_latency_s = 5.0
        self.slo_target = 0.99


def format_number(v):
    return f"{v:.6g}"


def describe(p, prop, out):
    c = p.config
    s = c.name + ": " + ("AlarmHigh " if out else "AlarmLow ")
    s += c.metric + " " + format_number(prop.metric)
    s += " > " if out else " < "
    s += format_number(c.target_value if out else c.target_value * c.low_threshold_fraction)
    if out:
        s += f" ({c.high_datapoints_to_alarm} of {c.high_evaluation_periods})"
    else:
        s += f" ({c.low_datapoints_to_alarm} of {c.low_evaluation_periods})"
    return s


class Model:
    """The simulator's run: state plus the control actions of simulator.cpp."""

    def __init__(self, env, sc):
        self.env = env
        self.sc = sc
        self.target = ScalableTarget(
            sc.min_capacity, sc.max_capacity, sc.initial_capacity, sc.cooldown_from_start
        )
        self.fleet = Fleet(self.target.desired)
        self.plane = FluidPlane(
            sc.workers,
            sc.service_time_s,
            sc.service_cv,
            sc.invocation_timeout_s,
            sc.least_outstanding,
        )
        self.run_mix = LatencyMixture(self.plane.service, sc.invocation_timeout_s)
        self.activities = []  # [start_ms, end_ms, from, to, cause]
        if self.target.desired != sc.initial_capacity:
            self.activities.append(
                [
                    0,
                    0,
                    sc.initial_capacity,
                    self.target.desired,
                    "RegisterScalableTarget: capacity moved into "
                    f"[{self.target.min}, {self.target.max}]",
                ]
            )
        self.policies = [TargetTrackingPolicy(c) for c in sc.policies]
        self.last = [Proposal() for _ in self.policies]
        self.max_rate = self.plane.max_rate_meeting(sc.slo_latency_s, sc.slo_target)
        self.end = len(sc.counts) * sc.interval_ms
        self.t = 0  # the data plane has been advanced to here
        self.step = 0  # the trace interval being replayed
        self.requests = self.served = self.errors = 0.0
        self.latency_sum = self.in_service_ms = self.under_ms = self.over_ms = 0.0
        self.peak_in_service = 0
        self.scale_out_count = self.scale_in_count = 0
        self.open_activity = 0
        self.pending_out = 0
        self.pending_cause = ""
        self.pending_cooldown_s = 0.0

    # The data plane, integrated lazily up to each event: one span per pair of events.
    def advance_to(self, now):
        t0 = self.t
        if now <= t0:
            return
        self.t = now
        span = now - t0
        arrivals = self.sc.counts[self.step] * float(span) / float(self.sc.interval_ms)
        span_s = ms_to_seconds(span)
        n = self.fleet.in_service
        o = self.plane.advance(span_s, arrivals, n)
        served, errors, in_system, busy, workers, latency_sum_s = o[0], o[1], o[2], o[3], o[4], o[5]
        self.run_mix.add_span(o[7], o[8], o[9], o[10], o[11], o[12])
        dspan = float(span)
        self.requests += arrivals
        self.served += served
        self.errors += errors
        self.latency_sum += latency_sum_s
        self.in_service_ms += dspan * n
        if n > self.peak_in_service:
            self.peak_in_service = n
        rate = arrivals / span_s if span_s > 0 else 0.0
        demand = 0.0
        if rate > 0:
            demand = math.ceil(rate / self.max_rate * (1 - 1e-12)) if self.max_rate > 0 else INF
        if n < demand:
            self.under_ms += dspan
        elif n > demand:
            self.over_ms += dspan
        for p in self.policies:
            p.stream.add(span, arrivals, n, in_system, busy, workers, served, latency_sum_s)

    def settle_fleet(self, t):
        fleet, target = self.fleet, self.target
        fleet.promote_ready(t)
        while target.in_progress and fleet.starting == 0:
            target.complete(t)
            self.activities[self.open_activity][1] = t
            if self.pending_out > target.desired:
                to = self.pending_out
                self.pending_out = 0
                self.scale_out(t, to, self.pending_cause, self.pending_cooldown_s)
                fleet.promote_ready(t)
            else:
                self.pending_out = 0

    def scale_out(self, t, to, cause, cooldown_s):
        frm = self.target.desired
        self.target.scale_out(t, to, cooldown_s)
        startup_ms = seconds_to_ms(self.sc.startup_s)
        for _ in range(self.fleet.alive_count(), to):
            rec = self.fleet.launch(t, t + startup_ms)
            self.env.process(self.instance_startup(rec))
        self.open_activity = len(self.activities)
        self.activities.append([t, t, frm, to, cause])
        self.scale_out_count += 1

    def scale_in(self, t, to, cause, cooldown_s):
        frm = self.target.desired
        self.fleet.terminate(t, self.fleet.alive_count() - to)
        self.target.scale_in(t, to, cooldown_s)
        self.activities.append([t, t, frm, to, cause])
        self.scale_in_count += 1

    def evaluate_policies(self, t):
        target = self.target
        desired = target.desired
        window_base = target.window_base(t)
        out_to = 0
        out_cause = ""
        out_cooldown = 0.0
        for i, p in enumerate(self.policies):
            if t % p.stream.period_ms != 0:
                continue
            self.last[i] = p.evaluate(t, desired, window_base, self.sc.basis_producing)
            if self.last[i].scale_out:
                to = target.clamp(self.last[i].out_capacity)
                if to > out_to:
                    out_to = to
                    out_cause = describe(p, self.last[i], True)
                    out_cooldown = p.config.scale_out_cooldown_s
        if out_to > desired:
            if target.in_progress:
                # The endpoint is Updating: by default the attempt fails and the alarm asks
                # again at its next evaluation; "remember_largest" keeps the largest request.
                if self.sc.remember_largest and out_to > self.pending_out:
                    self.pending_out = out_to
                    self.pending_cause = out_cause + " (waited for the activity in progress)"
                    self.pending_cooldown_s = out_cooldown
            else:
                self.scale_out(t, out_to, out_cause, out_cooldown)
                self.settle_fleet(t)
            return
        in_to = -1
        in_cause = ""
        in_cooldown = 0.0
        for i, p in enumerate(self.policies):
            c = p.config
            if c.disable_scale_in:
                continue
            if not self.last[i].scale_in:
                return
            to = target.clamp(self.last[i].in_capacity)
            if to > in_to:
                in_to = to
                in_cause = describe(p, self.last[i], False)
            in_cooldown = max(in_cooldown, c.scale_in_cooldown_s)
        if in_to >= 0 and in_to < desired and target.scale_in_allowed(t):
            self.scale_in(t, in_to, in_cause, in_cooldown)

    # SimPy processes.
    def trace_replay(self):
        """One event per trace interval: the span in progress ends and the next count applies."""
        env, interval, end = self.env, self.sc.interval_ms, self.end
        while True:
            nxt = min((self.step + 1) * interval, end)
            yield env.timeout(nxt - env.now)
            self.advance_to(env.now)
            self.settle_fleet(env.now)
            self.step += 1
            if env.now >= end:
                return

    def metric_periods(self):
        """At every metric period boundary: close the datapoints, then evaluate the policies."""
        env, end = self.env, self.end
        periods = [p.stream.period_ms for p in self.policies]
        while periods:
            now = env.now
            nxt = min(min((now // per + 1) * per for per in periods), end)
            yield env.timeout(nxt - now)
            t = env.now
            self.advance_to(t)
            self.settle_fleet(t)
            evaluate = False
            for p in self.policies:
                if t % p.stream.period_ms == 0:
                    p.stream.close_period()
                    evaluate = True
            if t >= end:
                return
            if evaluate:
                self.evaluate_policies(t)

    def instance_startup(self, rec):
        """A launched instance enters service when its start-up time has passed."""
        yield self.env.timeout(rec[1] - self.env.now)
        if rec[3] != STARTING or self.env.now > self.end:
            return  # terminated while starting, or ready after the trace
        self.advance_to(self.env.now)
        self.settle_fleet(self.env.now)

    def finish(self):
        end = self.end
        billed_ms = self.fleet.billed_instance_ms(end)
        s = {}
        s["instance_hours"] = billed_ms / float(MS_PER_HOUR)
        s["cost_usd"] = s["instance_hours"] * self.sc.price_per_hour
        s["requests"] = self.requests
        s["served"] = self.served
        s["errors"] = self.errors
        s["in_flight_at_end"] = self.plane.in_system
        s["error_rate"] = self.errors / self.requests if self.requests > 0 else 0.0
        s["mean_latency_s"] = self.latency_sum / self.served if self.served > 0 else NAN
        s["p50_latency_s"] = self.run_mix.quantile(0.50)
        s["p95_latency_s"] = self.run_mix.quantile(0.95)
        s["p99_latency_s"] = self.run_mix.quantile(0.99)
        good = self.served * (1 - self.run_mix.survival(self.sc.slo_latency_s))
        s["slo_attainment"] = good / self.requests if self.requests > 0 else 1.0
        s["slo_violation_share"] = 1 - s["slo_attainment"]
        s["scale_out_count"] = self.scale_out_count
        s["scale_in_count"] = self.scale_in_count
        s["scaling_activities"] = self.scale_out_count + self.scale_in_count
        dur = float(end)
        s["mean_in_service"] = self.in_service_ms / dur if dur > 0 else 0.0
        s["peak_in_service"] = self.peak_in_service
        s["under_provisioned_share"] = self.under_ms / dur if dur > 0 else 0.0
        s["over_provisioned_share"] = self.over_ms / dur if dur > 0 else 0.0
        s["duration_s"] = ms_to_seconds(end)
        return s


def simulate(sc):
    """One run; returns (summary dict, activities)."""
    env = simpy.Environment()
    model = Model(env, sc)
    done = env.all_of([env.process(model.trace_replay()), env.process(model.metric_periods())])
    env.run(until=done)
    return model.finish(), model.activities


# --- the benchmark scenario (bench/bench_fluid.cpp) ---------------------------------------------

MINUTES_30_DAYS = 30 * 24 * 60
TRAFFIC_SCALE = 3.0


def read_counts(path):
    """The requests column of a timestamp,requests CSV (header and # comments skipped)."""
    counts = []
    with open(path) as f:
        for line in f:
            row = line.strip()
            if not row or row.startswith("#"):
                continue
            value = row.split(",")[1].strip()
            try:
                counts.append(float(value))
            except ValueError:
                if counts:
                    raise
    return counts


def bench_scenario(base_counts, interval_ms=60_000):
    counts = []
    while len(counts) < MINUTES_30_DAYS:
        for c in base_counts:
            if len(counts) == MINUTES_30_DAYS:
                break
            counts.append(c * TRAFFIC_SCALE)
    return Scenario(counts, interval_ms)


def write_activities_csv(activities, path):
    with open(path, "w") as f:
        f.write("start_s,end_s,from,to,cause\n")
        for start, end, frm, to, cause in activities:
            cause = cause.replace('"', "'")
            f.write(f'{ms_to_seconds(start):.17g},{ms_to_seconds(end):.17g},{frm},{to},"{cause}"\n')


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trace")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--activities", help="write the scaling activities of the last run as CSV")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = ap.parse_args(argv)
    sc = bench_scenario(read_counts(args.trace))
    times = []
    t_all = time.perf_counter()
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        summary, activities = simulate(sc)
        times.append((time.perf_counter() - t0) * 1e3)
    wall_s = time.perf_counter() - t_all
    times.sort()
    ms_per_run = times[len(times) // 2]
    if args.activities:
        write_activities_csv(activities, args.activities)
    if args.json:
        out = {"wall_s": wall_s, "ms_per_run": ms_per_run, "runs_ms": times, "summary": summary}
        json.dump(out, sys.stdout)
        print()
        return 0
    print(
        f"SimPy {simpy.__version__} fluid baseline, {len(sc.counts)} one-minute steps (30 days), "
        f"fixed start-up {sc.startup_s:g} s, median of {args.repeats} runs"
    )
    print(f"wall time {wall_s:.2f} s, {ms_per_run:.1f} ms/run")
    s = summary
    print(
        f"run: cost ${s['cost_usd']:.2f}, mean latency {s['mean_latency_s']:.6f} s, "
        f"p99 {s['p99_latency_s']:.3f} s, {s['scale_out_count']} scale-outs, "
        f"{s['scale_in_count']} scale-ins, peak {s['peak_in_service']} instances"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
