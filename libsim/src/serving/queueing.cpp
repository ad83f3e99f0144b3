#include "autoscalesim/serving/queueing.hpp"

#include "detail/survival.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

namespace autoscalesim::queueing {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

using detail::log_exp_mean;
using detail::log_trunc_norm;

// h(z) = 1/z - 1/(e^z - 1): the mean of a density proportional to exp(-z u) on (0, 1].
// expm1_z, when given, is std::expm1(z) already computed by the caller.
double trunc_mean_unit(double z, const double* expm1_z = nullptr) {
    if (std::abs(z) < 1e-4) {
        return 0.5 - z / 12.0;
    }
    return 1.0 / z - 1.0 / (expm1_z != nullptr ? *expm1_z : std::expm1(z));
}

// trunc_mean_unit(z) for z > 30, given e_neg = exp(-z). Then 1/expm1(z) < 1.01 e_neg; when that
// is below half the gap between 1/z and the next smaller double, 1/z - 1/expm1(z) rounds back to
// 1/z exactly, and expm1 need not be called.
double trunc_mean_unit_light(double z, double e_neg) {
    const double a = 1.0 / z; // positive and normal: z is finite and above 30
    const double gap = a - std::bit_cast<double>(std::bit_cast<std::uint64_t>(a) - 1);
    if (4 * e_neg < gap) {
        return a;
    }
    return a - 1.0 / std::expm1(z);
}

} // namespace

double erlang_b(int servers, double load) {
    double b = 1.0;
    for (int k = 1; k <= servers; ++k) {
        b = load * b / (k + load * b);
    }
    return b;
}

double erlang_c(int servers, double load) {
    if (load >= servers) {
        return 1.0;
    }
    const double b = erlang_b(servers, load);
    return servers * b / (servers - load * (1.0 - b));
}

double mmc_mean_wait_s(int servers, double lambda_per_s, double mu_per_s) {
    const double cap = servers * mu_per_s;
    if (lambda_per_s >= cap) {
        return inf;
    }
    return erlang_c(servers, lambda_per_s / mu_per_s) / (cap - lambda_per_s);
}

service_shape fit_service(double mean_s, double cv) {
    service_shape s;
    s.mean_s = mean_s;
    if (cv <= 0) {
        s.shift_s = mean_s;
        s.rate1 = inf;
    } else if (cv <= 1) {
        s.shift_s = mean_s * (1 - cv);
        s.rate1 = 1.0 / (cv * mean_s);
    } else {
        const double c2 = cv * cv;
        s.p1 = 0.5 * (1 + std::sqrt((c2 - 1) / (c2 + 1)));
        s.rate1 = 2 * s.p1 / mean_s;
        s.rate2 = 2 * (1 - s.p1) / mean_s;
    }
    return s;
}

namespace {

// Utilisation below capacity over which a shifted service's second wait phase fades out.
constexpr double shifted_fade = 0.05;

// The waits of one server with service shift a plus an exponential of rate r (r = +infinity: a
// constant a) below capacity, at arrival rate l and utilisation rho (see served_wait_phases).
// Nothing where the phases are out of reach of a double (the caller keeps one phase).
std::optional<wait_phases> shifted_wait_phases(double a, double r, double l, double rho,
                                               double timeout_s) {
    // E[e^{g T}] and its derivative, for 0 <= g < r.
    const bool constant = std::isinf(r);
    const auto mgf = [&](double g) { return std::exp(g * a) * (constant ? 1.0 : r / (r - g)); };
    const auto mgf_slope = [&](double g, double m) {
        return m * (a + (constant ? 0.0 : 1 / (r - g)));
    };
    // h(g) = l (E[e^{g T}] - 1) - g is convex, 0 at 0 with slope rho - 1 < 0, and grows without
    // bound towards r: one positive root, the Cramer-Lundberg rate. Newton's method from a point
    // beyond it descends to it monotonically.
    const auto h = [&](double g) { return l * (mgf(g) - 1) - g; };
    const double mean_t = a + (constant ? 0.0 : 1 / r);
    // (2 (1 - rho) / E[T], the Allen-Cunneen rate of a constant, is below the root)
    double hi = 2 * (1 - rho) / mean_t;
    if (!constant) {
        hi = std::min(hi, 0.5 * r);
    }
    for (int it = 0; it < 200 && !(h(hi) > 0); ++it) {
        hi = constant ? 2 * hi : 0.5 * (hi + r);
    }
    double g = hi;
    for (int it = 0; it < 100; ++it) {
        const double m = mgf(g);
        const double step = (l * (m - 1) - g) / (l * mgf_slope(g, m) - 1);
        if (!(step > 0) || !std::isfinite(step)) {
            break;
        }
        g -= step;
        if (step <= 1e-15 * g) {
            break;
        }
    }
    // P(W > w) ~ C e^{-g w}, C = (1 - rho) / (l E[T e^{g T}] - 1), the transform's residue: the
    // tail exactly. The second phase keeps P(W > 0) = rho and the Pollaczek-Khinchine mean,
    // m = l E[T^2] / (2 (1 - rho)); its weight rho - C is negative for cv < 1 (fewer short waits
    // than the tail's exponential has), and its rate is capped where the density at 0 would turn
    // negative.
    const double tail = (1 - rho) / (l * mgf_slope(g, mgf(g)) - 1);
    const double second_moment = a * a + (constant ? 0.0 : 2 * a / r + 2 / (r * r));
    const double mean_wait = l * second_moment / (2 * (1 - rho));
    const double other = rho - tail;
    double g2 = other / (mean_wait - tail / g);
    if (other < 0) {
        g2 = std::min(g2, tail * g / -other);
    }
    if (!(g > 0 && g2 > g && std::isfinite(g2) && tail > 0)) {
        return std::nullopt;
    }
    // Each phase's mass within D.
    const double m1 = tail * -std::expm1(-g * timeout_s);
    const double m2 = other * -std::expm1(-g2 * timeout_s);
    if (!(m1 + m2 > 0)) {
        return std::nullopt;
    }
    return wait_phases{.slow = m1 / (m1 + m2), .theta_slow = g, .theta_fast = g2};
}

// Past capacity, the rate (negative) at which the waits of one server with service shift a plus
// an exponential of rate r (r = +infinity: a constant a) grow towards the timeout, at arrival rate
// l and utilisation rho > 1: the negative root of l (E[e^{g T}] - 1) = g, the same equation
// whose positive root is the tail's rate below capacity. Nothing where it is not found.
std::optional<double> shifted_overload_rate(double a, double r, double l) {
    const bool constant = std::isinf(r);
    const auto mgf = [&](double g) { return std::exp(g * a) * (constant ? 1.0 : r / (r - g)); };
    // h(g) = l (E[e^{g T}] - 1) - g is convex, 0 at 0 with slope rho - 1 > 0, and l E[e^{g T}]
    // > 0 at g = -l: one negative root, above -l. Newton's method from -l ascends to it
    // monotonically.
    double g = -l;
    for (int it = 0; it < 200; ++it) {
        const double m = mgf(g);
        const double slope = l * m * (a + (constant ? 0.0 : 1 / (r - g))) - 1;
        const double step = (l * (m - 1) - g) / slope;
        if (!(step < 0) || !std::isfinite(step)) {
            break;
        }
        g -= step;
        if (-step <= 1e-15 * -g) {
            break;
        }
    }
    if (!(g < 0 && g > -l)) {
        return std::nullopt;
    }
    return g;
}

} // namespace

bool has_wait_phases(const service_shape& s) {
    return s.p1 < 1 || s.shift_s > 0;
}

wait_phases served_wait_phases(const service_shape& s, int servers, double lambda_per_s,
                               double theta, double timeout_s) {
    wait_phases w{.slow = 1, .theta_slow = theta, .theta_fast = theta};
    if (!(has_wait_phases(s) && lambda_per_s > 0 && servers > 0 && timeout_s > 0)) {
        return w;
    }
    if (s.p1 >= 1) {
        // A shift plus at most one exponential (cv < 1): below capacity, one server `servers`
        // times as fast.
        const double c = servers;
        const double rho = lambda_per_s * s.mean_s / c;
        if (rho > 1) {
            // Past capacity, one phase that grows towards the timeout at the large-deviations
            // rate of the same fast server (the Allen-Cunneen rate, (c mu - lambda) / k, holds
            // at capacity only: far past it it piles a low-variance service's waits too close
            // to the timeout).
            if (const auto g = shifted_overload_rate(s.shift_s / c, c * s.rate1, lambda_per_s)) {
                w.theta_slow = w.theta_fast = *g;
            }
            return w;
        }
        if (!(rho < 1)) {
            return w;
        }
        auto two = shifted_wait_phases(s.shift_s / c, c * s.rate1, lambda_per_s, rho, timeout_s);
        if (!two) {
            return w;
        }
        // Truncated at D the second phase keeps a share of the waits up to capacity (both
        // phases' masses within D vanish as 1 - rho), where the state has one phase: it fades
        // out over the last shifted_fade of utilisation, smoothly (the tail rate meets the
        // state's at capacity by itself).
        const double u = std::min(1.0, (1 - rho) / shifted_fade);
        two->slow = 1 + u * u * u * (10 - 15 * u + 6 * u * u) * (two->slow - 1);
        return *two;
    }
    // One server with phase rates R1, R2 (the servers' c r1, c r2) at arrival rate l: the
    // virtual wait's density on (0, D) solves the M/G/1 level-crossing equation whatever the
    // load, f(w) = P0 sum_i b_i e^{-g_i w}, where g1 < g2 are the roots of g^2 - b g + q = 0,
    // b = R1 + R2 - l, q = R1 R2 (1 - rho), and b_i = (R1 - g_i)(R2 - g_i) / (g_j - g_i) (below
    // capacity (1 - rho) b_i is the Pollaczek-Khinchine transform's residue). g1 is 0 at rho = 1
    // and negative past it, where the density grows towards D.
    const double c = servers;
    const double rho = lambda_per_s * s.mean_s / c;
    const double r1 = c * s.rate1, r2 = c * s.rate2;
    const double b = r1 + r2 - lambda_per_s;
    const double q = r1 * r2 * (1 - rho);
    // (b^2 > 4 q for hyperexponential service.) The root of larger magnitude first, the other
    // from their product q, so that neither cancels.
    const double d = std::sqrt(b * b - 4 * q);
    const double g2 = b >= 0 ? 0.5 * (b + d) : q / (0.5 * (b - d));
    const double g1 = b >= 0 ? q / g2 : 0.5 * (b - d);
    if (!(g2 > g1 && std::isfinite(g1))) {
        return w;
    }
    const double b1 = (r1 - g1) * (r2 - g1) / (g2 - g1);
    const double b2 = (r1 - g2) * (r2 - g2) / (g1 - g2);
    if (!(b1 > 0 && b2 >= 0)) {
        return w;
    }
    // Each phase's mass within D, b_i times the integral of e^{-g_i w} over (0, D), in logs:
    // past capacity the slow phase's grows as e^{-g1 D}, beyond any double.
    const auto log_within = [timeout_s](double g) {
        const double z = g * timeout_s;
        if (std::abs(z) < 1e-12) {
            return std::log(timeout_s);
        }
        return z > -1 ? std::log(-std::expm1(-z) / g)
                      : -z + std::log1p(-std::exp(z)) - std::log(-g);
    };
    const double log_ratio = std::log(b2) + log_within(g2) - std::log(b1) - log_within(g1);
    if (std::isnan(log_ratio)) {
        return w;
    }
    w.slow = 1 / (1 + std::exp(log_ratio)); // m1 / (m1 + m2)
    w.theta_slow = g1;
    w.theta_fast = g2;
    return w;
}

double service_survival(const service_shape& s, double t_s) {
    return detail::service_survival(s, t_s);
}

mmcd_state mmcd(int servers, double lambda_per_s, double mu_per_s, double timeout_s, double k) {
    mmcd_state st;
    const double cap = servers * mu_per_s;
    st.theta = cap / k;
    if (lambda_per_s <= 0) {
        return st;
    }
    const double lambda = lambda_per_s;
    const double d_m = timeout_s / k;    // patience on the M/M/c time axis
    const double theta_m = cap - lambda; // decay rate on the M/M/c time axis
    const double z = theta_m * d_m;      // = theta x D on the real time axis
    const double x = lambda * erlang_b(servers - 1, lambda / mu_per_s);
    // Relative masses from the level-crossing equations: no wait 1, wait in (0, D'] and
    // time-out; each is a multiple of x = lambda B(c-1, A).
    double e0, ew, eo;
    double unit_mean = 0; // trunc_mean_unit(z), from the exponentials each branch computes
    if (z > 30) {
        // Light load: e^{-z} < 1e-13, the deadline hardly matters.
        const double e_neg = std::exp(-z);
        unit_mean = trunc_mean_unit_light(z, e_neg);
        e0 = 1.0;
        ew = x * (1.0 - e_neg) / theta_m;
        eo = x * e_neg / cap;
    } else if (z > -600) {
        // One expm1 gives e^{-z} and the integral of e^{-theta v} over (0, D'].
        const double em = std::expm1(z);
        unit_mean = trunc_mean_unit(z, &em);
        // For z < 0, 1 + expm1(z) loses all precision as z falls; take e^{-z} directly.
        const double e_neg = z >= 0 ? 1.0 / (1.0 + em) : std::exp(-z);
        const double integral = std::abs(z) < 1e-9 ? d_m : d_m * em * e_neg / z;
        e0 = 1.0;
        ew = x * integral;
        eo = x * e_neg / cap;
    } else {
        // Deep overload: e^{-z} overflows; normalise in log space.
        unit_mean = trunc_mean_unit(z);
        const double log_x = std::log(x);
        const double log_wait = log_x + std::log(d_m) + log_exp_mean(0.0, -z);
        const double log_out = log_x - z - std::log(cap);
        const double top = std::max({0.0, log_wait, log_out});
        e0 = std::exp(-top);
        ew = std::exp(log_wait - top);
        eo = std::exp(log_out - top);
    }
    const double norm = e0 + ew + eo;
    st.p_no_wait = e0 / norm;
    st.p_wait = ew / norm;
    st.p_timeout = eo / norm;
    st.theta = theta_m / k;
    const double served = st.p_no_wait + st.p_wait;
    const double mean_wait_if_waiting = timeout_s * unit_mean;
    st.mean_wait_served_s = served > 0 ? st.p_wait * mean_wait_if_waiting / served : 0.0;
    st.mean_queue = lambda * (st.p_wait * mean_wait_if_waiting + st.p_timeout * timeout_s);
    st.mean_busy = lambda * served / mu_per_s;
    return st;
}

double truncated_exp_survival(double theta, double timeout_s, double t_s) {
    if (t_s <= 0) {
        return 1.0;
    }
    if (t_s >= timeout_s) {
        return 0.0;
    }
    return std::exp(std::log(timeout_s - t_s) + log_exp_mean(-theta * t_s, -theta * timeout_s) -
                    log_trunc_norm(theta, timeout_s));
}

double truncated_exp_mean(double theta, double timeout_s) {
    return timeout_s * trunc_mean_unit(theta * timeout_s);
}

double truncated_exp_log_norm(double theta, double timeout_s) {
    return log_trunc_norm(theta, timeout_s);
}

double wait_plus_service_survival(double theta, double timeout_s, double log_norm,
                                  const service_shape& s, double t_s) {
    return detail::wait_plus_service_survival(theta, timeout_s, log_norm, s, t_s);
}

double wait_plus_service_survival(double theta, double timeout_s, const service_shape& s,
                                  double t_s) {
    return wait_plus_service_survival(theta, timeout_s, log_trunc_norm(theta, timeout_s), s, t_s);
}

double wait_plus_service_survival(const wait_phases& w, double timeout_s, const service_shape& s,
                                  double t_s) {
    double over = w.slow * wait_plus_service_survival(w.theta_slow, timeout_s, s, t_s);
    if (w.slow != 1) {
        over += (1 - w.slow) * wait_plus_service_survival(w.theta_fast, timeout_s, s, t_s);
    }
    return over;
}

late_tail late_without_wait(const service_shape& s, double timeout_s) {
    // Per phase, (a + E - D)+ has mean e^{-r (D - a)} / r when D > a, a - D + 1 / r otherwise.
    const double c = timeout_s - s.shift_s;
    late_tail out;
    out.share = detail::service_survival(s, timeout_s);
    if (std::isinf(s.rate1)) {
        out.excess_s = std::max(0.0, -c);
        return out;
    }
    auto phase = [&](double rate) { return c > 0 ? std::exp(-rate * c) / rate : 1 / rate - c; };
    out.excess_s = s.p1 * phase(s.rate1) + (s.p1 < 1 ? (1 - s.p1) * phase(s.rate2) : 0.0);
    return out;
}

late_tail late_after_wait(double theta, double timeout_s, double log_norm, const service_shape& s) {
    const double c = timeout_s - s.shift_s;
    late_tail out;
    out.share = detail::wait_plus_service_survival(theta, timeout_s, log_norm, s, timeout_s);
    // E[(V - c)+]: E[V] - c when every wait exceeds c (a >= D), 0 when none can (c >= D)
    out.excess_s = c <= 0          ? truncated_exp_mean(theta, timeout_s) - c
                   : c < timeout_s ? detail::truncated_exp_excess(theta, timeout_s, log_norm, c)
                                   : 0.0;
    if (std::isinf(s.rate1)) {
        return out;
    }
    const double t = std::max(c, 0.0);
    auto phase = [&](double rate) {
        // P(V + a + E > D) / r; when a > D every request is late and the wait adds in full
        // (already in the excess above)
        return (c > 0 ? detail::wait_plus_exp_survival(theta, timeout_s, log_norm, rate, t) : 1.0) /
               rate;
    };
    out.excess_s += s.p1 * phase(s.rate1) + (s.p1 < 1 ? (1 - s.p1) * phase(s.rate2) : 0.0);
    return out;
}

} // namespace autoscalesim::queueing
