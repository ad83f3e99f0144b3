#pragma once
// Response-time survival functions of queueing.hpp, inline so that latency_mixture's quantile
// search, which calls them tens of times per step, pays no call overhead. queueing.cpp's public
// functions call these same definitions, so both give the same bits.

#include "autoscalesim/serving/queueing.hpp"

#include <algorithm>
#include <cmath>

namespace autoscalesim::queueing::detail {

// log((e^b - e^a) / (b - a)), the log of the mean of e^x over [a, b]; stable for any a, b.
inline double log_exp_mean(double a, double b) {
    const double hi = std::max(a, b);
    const double d = hi - std::min(a, b);
    if (d < 1e-9) {
        return 0.5 * (a + b);
    }
    return hi + std::log(-std::expm1(-d) / d);
}

// log of Z = integral over (0, D] of exp(-theta v) dv.
inline double log_trunc_norm(double theta, double d) {
    return std::log(d) + log_exp_mean(0.0, -theta * d);
}

// P(V + E > t) with E ~ Exp(rate), V truncated-exponential(theta) on (0, D] whose normaliser
// has log log_z.
inline double wait_plus_exp_survival(double theta, double d, double log_z, double rate, double t) {
    if (t <= 0) {
        return 1.0;
    }
    double tail = 0; // P(V > t)
    if (t < d) {
        tail = std::exp(std::log(d - t) + log_exp_mean(-theta * t, -theta * d) - log_z);
    }
    if (std::isinf(rate)) {
        return tail;
    }
    // integral over (0, m] of f_V(v) P(E > t - v) dv, m = min(t, D)
    const double m = std::min(t, d);
    const double a0 = -rate * t;
    const double a1 = -theta * m - rate * (t - m);
    const double conv = std::exp(std::log(m) + log_exp_mean(a0, a1) - log_z);
    return std::min(1.0, tail + conv);
}

// P(S > t) for the fitted service time.
inline double service_survival(const service_shape& s, double t_s) {
    const double t = t_s - s.shift_s;
    if (t < 0) {
        return 1.0;
    }
    if (std::isinf(s.rate1)) {
        return 0.0;
    }
    double v = s.p1 * std::exp(-s.rate1 * t);
    if (s.p1 < 1) {
        v += (1 - s.p1) * std::exp(-s.rate2 * t);
    }
    return v;
}

// P(V + S > t) for V truncated-exponential with normaliser log_norm and S the service time.
inline double wait_plus_service_survival(double theta, double timeout_s, double log_norm,
                                         const service_shape& s, double t_s) {
    const double t = t_s - s.shift_s;
    if (t <= 0) {
        return 1.0;
    }
    double v = s.p1 * wait_plus_exp_survival(theta, timeout_s, log_norm, s.rate1, t);
    if (s.p1 < 1) {
        v += (1 - s.p1) * wait_plus_exp_survival(theta, timeout_s, log_norm, s.rate2, t);
    }
    return v;
}

// log of the integral over (0, 1] of s e^{w s} ds; stable for any w.
inline double log_ramp_exp_mean(double w) {
    if (std::abs(w) < 1e-4) {
        return std::log(0.5 + w / 3 + w * w / 8);
    }
    if (w > 1) {
        return w + std::log((w - 1 + std::exp(-w)) / (w * w));
    }
    if (w < -1) {
        return std::log((1 + std::exp(w) * (w - 1)) / (w * w));
    }
    return std::log((std::expm1(w) * (w - 1) + w) / (w * w));
}

// E[(V - c)+] for V truncated-exponential(theta) on (0, D] with normaliser log_z, 0 < c < D.
inline double truncated_exp_excess(double theta, double d, double log_z, double c) {
    const double len = d - c; // integral over (c, D] of (v - c) e^{-theta v} dv
    return std::exp(-theta * c + 2 * std::log(len) + log_ramp_exp_mean(-theta * len) - log_z);
}

} // namespace autoscalesim::queueing::detail
