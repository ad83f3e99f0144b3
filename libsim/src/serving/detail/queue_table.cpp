#include "queue_table.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

namespace autoscalesim::detail {

namespace {

// Octaves needed to reach a = 1 + span (span >= 0): a < 2^n.
std::size_t octaves_to(double span) {
    int e = 0;
    std::frexp(1.0 + span, &e); // 1 + span = m 2^e with m in [0.5, 1)
    return static_cast<std::size_t>(std::max(e, 1));
}

constexpr std::uint64_t mantissa_bits = 52;
constexpr std::uint64_t mantissa_mask = (std::uint64_t{1} << mantissa_bits) - 1;
constexpr std::uint64_t exponent_bias = 1023;

} // namespace

queue_table::queue_table(double cap, double d_m, double y_max, exact_fn exact)
    : cap_(cap), y_max_(y_max), exact_(std::move(exact)) {
    // Below cap: w makes a = 1 + cap D / (k w) = 2^below_ at y = 0, with w in (1, 2].
    below_ = octaves_to(cap * d_m / 2);
    const double w = cap * d_m / (std::ldexp(1.0, static_cast<int>(below_)) - 1);
    per_w_ = d_m / w;
    w_over_dm_ = w / d_m;
    const std::size_t above = octaves_to(std::max(0.0, y_max - cap) * per_w_);
    octaves_.resize(below_ + above);
    y_floor_ = node_y(0, below_ - 1, octave_nodes - 1);
}

double queue_table::node_y(std::size_t side, std::size_t e, std::size_t j) const {
    const double a = std::ldexp(1.0 + static_cast<double>(j) / octave_nodes, static_cast<int>(e));
    return std::max(0.0, cap_ + (side == 0 ? -1.0 : 1.0) * (a - 1) * w_over_dm_);
}

queue_point* queue_table::allocate(std::size_t index) {
    auto& nodes = octaves_[index];
    nodes = std::make_unique<queue_point[]>(octave_nodes + 1);
    for (std::size_t j = 0; j <= octave_nodes; ++j) {
        nodes[j].in_system = std::numeric_limits<double>::quiet_NaN(); // not computed
    }
    return nodes.get();
}

queue_table::stencil queue_table::locate(double y) {
    if (y == last_y_) { // at() after solve(): the solution's stencil
        return last_;
    }
    const double v = (y - cap_) * per_w_;
    const std::size_t side = v < 0 ? 0 : 1;
    const double a = std::abs(v) + 1; // >= 1: its exponent is the octave, its mantissa the place
    const auto bits = std::bit_cast<std::uint64_t>(a);
    auto e = static_cast<std::size_t>((bits >> mantissa_bits) - exponent_bias);
    constexpr double place_per_bit =
        static_cast<double>(octave_nodes) / static_cast<double>(mantissa_mask + 1);
    double place = static_cast<double>(bits & mantissa_mask) * place_per_bit;
    const std::size_t last = side == 0 ? below_ : octaves_.size() - below_;
    if (e >= last) { // y = 0 exactly: the end of the last octave below cap
        e = last - 1;
        place = static_cast<double>(octave_nodes);
    }
    // The cell [j, j + 1] holding `place`, read through nodes j - 1 .. j + 2 of the octave
    // (shifted at its ends).
    const auto cell = static_cast<std::size_t>(place);
    const std::size_t first = std::min(cell == 0 ? 0 : cell - 1, octave_nodes - 3);
    const double t = place - static_cast<double>(first);
    const std::size_t index = side == 0 ? e : below_ + e;
    queue_point* nodes = octaves_[index] ? octaves_[index].get() : allocate(index);
    // One test for the four (a node not yet computed holds NaN, and a sum with a NaN is NaN).
    if (std::isnan(nodes[first].in_system + nodes[first + 1].in_system +
                   nodes[first + 2].in_system + nodes[first + 3].in_system)) {
        for (std::size_t n = first; n < first + 4; ++n) {
            if (std::isnan(nodes[n].in_system)) {
                nodes[n] = exact_(node_y(side, e, n));
                ++computed_;
            }
        }
    }
    // Lagrange weights through the nodes at t = 0, 1, 2, 3, and their derivatives in y.
    constexpr double sixth = 1.0 / 6;
    const double t0 = t, t1 = t - 1, t2 = t - 2, t3 = t - 3;
    stencil s{nodes + first, {}, t, 0};
    s.weight[0] = -sixth * (t1 * t2 * t3);
    s.weight[1] = 0.5 * (t0 * t2 * t3);
    s.weight[2] = -0.5 * (t0 * t1 * t3);
    s.weight[3] = sixth * (t0 * t1 * t2);
    // d place / d y: the octave's nodes are evenly spaced in a, a = 1 + |y - cap| per_w
    const double per_octave = std::bit_cast<double>((exponent_bias - e) << mantissa_bits); // 2^-e
    s.dt_dy = (side == 0 ? -per_w_ : per_w_) * (octave_nodes * per_octave);
    last_y_ = y;
    last_ = s;
    return s;
}

double queue_table::solve(double h, double c0, double y, double lo, double hi, double tol) {
    bool lo_checked = false; // whether F(lo) < 0 is known
    double last_f = std::numeric_limits<double>::infinity();
    for (int it = 0; it < 200; ++it) {
        const stencil s = locate(y);
        const double f = value(s) + h * y - c0;
        if (std::abs(f) <= tol) {
            return y;
        }
        (f < 0 ? lo : hi) = y;
        if (hi - lo <= 1e-13 * hi) {
            return y;
        }
        // Newton on the cubic through the stencil (F' = L' + h >= h > 0), kept in the bracket;
        // a halving instead when the last step did not halve |F| (F bends where the load
        // crosses capacity, and Newton steps could cycle over the bend).
        const double slope = h + derivative(s);
        double next = slope > 0 ? y - f / slope : lo - 1;
        if (next <= lo && !lo_checked) {
            if (value(locate(lo)) + h * lo - c0 >= 0) {
                return std::numeric_limits<double>::quiet_NaN(); // the root is at or below lo
            }
            lo_checked = true;
        }
        if (!(next > lo && next < hi) || std::abs(f) > 0.5 * last_f) {
            next = 0.5 * (lo + hi);
        }
        last_f = std::abs(f);
        y = next;
    }
    return y;
}

double queue_table::derivative(const stencil& s) {
    // d/dy of the Lagrange cubic: the weights' derivatives in t, times dt/dy
    constexpr double sixth = 1.0 / 6;
    const double t0 = s.t, t1 = s.t - 1, t2 = s.t - 2, t3 = s.t - 3;
    const double d0 = -sixth * (t2 * t3 + t1 * t3 + t1 * t2);
    const double d1 = 0.5 * (t2 * t3 + t0 * t3 + t0 * t2);
    const double d2 = -0.5 * (t1 * t3 + t0 * t3 + t0 * t1);
    const double d3 = sixth * (t1 * t2 + t0 * t2 + t0 * t1);
    return (d0 * s.nodes[0].in_system + d1 * s.nodes[1].in_system + d2 * s.nodes[2].in_system +
            d3 * s.nodes[3].in_system) *
           s.dt_dy;
}

double queue_table::value(const stencil& s) {
    return std::max(0.0, s.weight[0] * s.nodes[0].in_system + s.weight[1] * s.nodes[1].in_system +
                             s.weight[2] * s.nodes[2].in_system +
                             s.weight[3] * s.nodes[3].in_system);
}

double queue_table::in_system(double y) {
    return value(locate(y));
}

queue_point queue_table::at(double y) {
    return interpolate<true>(y);
}

queue_point queue_table::counts_at(double y) {
    return interpolate<false>(y);
}

template <bool Full> queue_point queue_table::interpolate(double y) {
    const stencil s = locate(y);
    queue_point v{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    for (std::size_t n = 0; n < 4; ++n) {
        const double w = s.weight[n];
        const queue_point& p = s.nodes[n];
        v.in_system += w * p.in_system;
        v.p_no_wait += w * p.p_no_wait;
        v.p_wait += w * p.p_wait;
        v.p_timeout += w * p.p_timeout;
        v.mean_busy += w * p.mean_busy;
        v.mean_queue += w * p.mean_queue;
        if constexpr (Full) {
            v.mean_wait_served_s += w * p.mean_wait_served_s;
            v.late_share += w * p.late_share;
            v.late_excess_s += w * p.late_excess_s;
            v.p99_s += w * p.p99_s;
            v.wait_slow += w * p.wait_slow;
            v.wait_theta_slow += w * p.wait_theta_slow;
            v.wait_theta_fast += w * p.wait_theta_fast;
        }
    }
    if constexpr (Full) {
        // The p99 bends sharply where it leaves a constant service time's atom, or where the
        // waited share crosses 1 %: there a cubic through the nodes is off by up to the nodes'
        // third difference, which elsewhere is some h^3 of the value. Above 1e-5 of it, the p99
        // is left unknown (NaN) for the caller to compute.
        const double third =
            s.nodes[3].p99_s - 3 * s.nodes[2].p99_s + 3 * s.nodes[1].p99_s - s.nodes[0].p99_s;
        if (!(std::abs(third) <= p99_bend * v.p99_s)) {
            v.p99_s = std::numeric_limits<double>::quiet_NaN();
        }
    } else {
        v.p99_s = std::numeric_limits<double>::quiet_NaN(); // not asked
    }
    // Shares that fall off exponentially between nodes can undershoot zero by a rounding's
    // worth where they underflow; the counts built on them must not go negative.
    v.in_system = std::max(0.0, v.in_system);
    v.p_no_wait = std::max(0.0, v.p_no_wait);
    v.p_wait = std::max(0.0, v.p_wait);
    v.p_timeout = std::max(0.0, v.p_timeout);
    // The three shares sum to 1 at every node, so the cubic's do too, unless one was clamped:
    // they split every departure, so they are normalised again.
    const double shares = v.p_no_wait + v.p_wait + v.p_timeout;
    v.p_no_wait /= shares;
    v.p_wait /= shares;
    v.p_timeout /= shares;
    v.mean_queue = std::max(0.0, v.mean_queue);
    if constexpr (Full) {
        v.mean_wait_served_s = std::max(0.0, v.mean_wait_served_s);
        v.late_share = std::clamp(v.late_share, 0.0, 1.0);
        v.late_excess_s = std::max(0.0, v.late_excess_s);
    }
    return v;
}

} // namespace autoscalesim::detail
