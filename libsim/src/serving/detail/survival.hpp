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

// width x (the mean of e^x over [a, b]) / e^log_z, i.e. exp(log(width) + log_exp_mean(a, b) -
// log_z), with one exp and one expm1 instead of two logs more: the survivals below are sums of
// such terms, evaluated tens of times per step by the quantile searches. The log form remains
// for the case the product would overflow while the result does not.
inline double scaled_exp_mean(double a, double b, double width, double log_z) {
    const double hi = std::max(a, b);
    const double d = hi - std::min(a, b);
    if (d < 1e-9) {
        return width * std::exp(0.5 * (a + b) - log_z);
    }
    const double scale = std::exp(hi - log_z);
    if (std::isfinite(scale)) {
        return scale * (-std::expm1(-d)) * (width / d);
    }
    return std::exp(std::log(width) + log_exp_mean(a, b) - log_z);
}

// log of Z = integral over (0, D] of exp(-theta v) dv.
inline double log_trunc_norm(double theta, double d) {
    return std::log(d) + log_exp_mean(0.0, -theta * d);
}

// A survival function's value P(X > t) and the density of X at t.
struct tail_density {
    double survival = 0;
    double density = 0;
};

// P(V + E > t) with E ~ Exp(rate), V truncated-exponential(theta) on (0, D] whose normaliser
// has log log_z, and the density of V + E at t. Its density is rate x conv, conv the integral
// below: d/dt P(V > t) = -f_V(t) cancels the f_V(t) P(E > 0) that conv gains at its upper limit.
// With a constant service time (rate infinite) the density is V's own.
inline tail_density wait_plus_exp_tail(double theta, double d, double log_z, double rate,
                                       double t) {
    if (t <= 0) {
        return {1.0, 0.0};
    }
    double tail = 0; // P(V > t)
    if (t < d) {
        tail = scaled_exp_mean(-theta * t, -theta * d, d - t, log_z);
    }
    if (std::isinf(rate)) {
        return {tail, t < d ? std::exp(-theta * t - log_z) : 0.0};
    }
    // integral over (0, m] of f_V(v) P(E > t - v) dv, m = min(t, D)
    const double m = std::min(t, d);
    const double a0 = -rate * t;
    const double a1 = -theta * m - rate * (t - m);
    const double conv = scaled_exp_mean(a0, a1, m, log_z);
    return {std::min(1.0, tail + conv), rate * conv};
}

inline double wait_plus_exp_survival(double theta, double d, double log_z, double rate, double t) {
    return wait_plus_exp_tail(theta, d, log_z, rate, t).survival;
}

// P(U + E > tau) with U uniform on [a, b], a < b, and E ~ Exp(rate) (E = 0 with rate infinite),
// and the density of U + E at tau: P(U > tau) plus the mean over U < tau of e^{-rate (tau - U)},
// the density rate times that mean (U's own density 1 / (b - a) where E = 0).
inline tail_density uniform_plus_exp_tail(double a, double b, double rate, double tau) {
    if (tau <= a) {
        return {1.0, 0.0};
    }
    const double width = b - a;
    const double m = std::min(b, tau);
    const double above = (b - m) / width;
    if (std::isinf(rate)) {
        return {above, tau < b ? 1 / width : 0.0};
    }
    const double conv = scaled_exp_mean(-rate * (tau - a), -rate * (tau - m), (m - a) / width, 0);
    return {std::min(1.0, above + conv), rate * conv};
}

// P(S > t) for the fitted service time, and its density (0 at a constant service time's atom).
inline tail_density service_tail(const service_shape& s, double t_s) {
    const double t = t_s - s.shift_s;
    if (t < 0) {
        return {1.0, 0.0};
    }
    if (std::isinf(s.rate1)) {
        return {0.0, 0.0};
    }
    const double e1 = std::exp(-s.rate1 * t);
    tail_density out{s.p1 * e1, s.p1 * s.rate1 * e1};
    if (s.p1 < 1) {
        const double e2 = std::exp(-s.rate2 * t);
        out.survival += (1 - s.p1) * e2;
        out.density += (1 - s.p1) * s.rate2 * e2;
    }
    return out;
}

// P(S > t) for the fitted service time.
inline double service_survival(const service_shape& s, double t_s) {
    return service_tail(s, t_s).survival;
}

// P(X + S > t_s) for a wait X and S the service time, and the density of X + S at t_s, from
// x_plus_exp(rate, t) = P(X + E > t) and its density for E ~ Exp(rate): the service's shift
// moves t, and its one or two exponential phases mix.
template <class XPlusExp>
tail_density over_service_phases(const service_shape& s, double t_s, XPlusExp x_plus_exp) {
    const double t = t_s - s.shift_s;
    if (t <= 0) {
        return {1.0, 0.0};
    }
    const auto a = x_plus_exp(s.rate1, t);
    tail_density out{s.p1 * a.survival, s.p1 * a.density};
    if (s.p1 < 1) {
        const auto b = x_plus_exp(s.rate2, t);
        out.survival += (1 - s.p1) * b.survival;
        out.density += (1 - s.p1) * b.density;
    }
    return out;
}

// P(V + S > t) for V truncated-exponential with normaliser log_norm and S the service time, and
// the density of V + S at t.
inline tail_density wait_plus_service_tail(double theta, double timeout_s, double log_norm,
                                           const service_shape& s, double t_s) {
    return over_service_phases(s, t_s, [&](double rate, double t) {
        return wait_plus_exp_tail(theta, timeout_s, log_norm, rate, t);
    });
}

// P(U + S > t) for U uniform on [a, b] and S the service time, and the density of U + S at t
// (a point wait when a = b).
inline tail_density uniform_plus_service_tail(double a, double b, const service_shape& s,
                                              double t_s) {
    if (!(b > a)) {
        return service_tail(s, t_s - a);
    }
    return over_service_phases(
        s, t_s, [&](double rate, double t) { return uniform_plus_exp_tail(a, b, rate, t); });
}

// P(V + S > t) for V truncated-exponential with normaliser log_norm and S the service time.
inline double wait_plus_service_survival(double theta, double timeout_s, double log_norm,
                                         const service_shape& s, double t_s) {
    return wait_plus_service_tail(theta, timeout_s, log_norm, s, t_s).survival;
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
