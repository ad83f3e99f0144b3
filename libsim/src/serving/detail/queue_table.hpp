#pragma once
// A table of one M/M/c+D queue's stationary state against its arrival rate, filled as it is
// read: the fluid plane's queue states by interpolation, so that a run's cost grows with the
// distinct states it visits rather than with its steps.

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

namespace autoscalesim::detail {

// What the fluid plane reads from a queue's stationary state at arrival rate y.
struct queue_point {
    double in_system = 0;          // mean number in the system
    double p_no_wait = 1;          // share served at once
    double p_wait = 0;             // share served after a wait
    double p_timeout = 0;          // share that time out
    double mean_busy = 0;          // mean busy servers
    double mean_queue = 0;         // mean number waiting
    double mean_wait_served_s = 0; // mean wait of the served
    double late_share = 0;         // of the served after a wait: share completing after the timeout
    double late_excess_s = 0;      // and their mean time past it
    double wait_slow = 1;          // their waits' phases (queueing::served_wait_phases)
    double wait_theta_slow = 0;    // (see wait_slow)
    double wait_theta_fast = 0;    // (see wait_slow)
    double p99_s = 0; // p99 latency of the served in time (NaN: none, not asked, or not smooth)
};

// Piecewise-cubic interpolation of queue_point over y in [0, y_max].
//
// The state changes fastest where the load crosses capacity cap, over a few k / D in y (D / k:
// the timeout on the M/M/c time axis), and slowly far from it. The nodes follow: with
// a = 1 + |y - cap| D / (k w), each octave of a (a in [2^e, 2^(e+1))) on either side of cap holds
// `octave_nodes` + 1 evenly spaced nodes, so the spacing is 1 / octave_nodes of the distance to
// cap, and at most w / octave_nodes in (y - cap) D / k near it. w (between 1 and 2) puts y = 0 on
// an octave's end. A value is the cubic through four nodes of its octave around it: continuous
// in y and exact at the nodes. A node is computed (by `exact`) the first time a value needs it
// and kept, so the table costs one exact state per node a run reaches.
class queue_table {
public:
    using exact_fn = std::function<queue_point(double y)>;

    static constexpr std::size_t octave_nodes = 128; // cells per octave
    // Largest third difference of the four nodes' p99, relative to the value, at which the
    // interpolated p99 is given (else NaN: the p99 bends within the stencil).
    static constexpr double p99_bend = 1e-5;

    // cap: servers x mu; d_m: D / k; y_max: the largest rate the table must cover.
    queue_table(double cap, double d_m, double y_max, exact_fn exact);

    // Whether y lies within the table (else the caller computes the state exactly). Below the
    // node next to y = 0 it does not: there the state's values are of the order of y, and the
    // interpolation's absolute error would be large beside them.
    bool covers(double y) const noexcept { return y >= y_floor_ && y <= y_max_; }

    // The range the table covers.
    double y_floor() const noexcept { return y_floor_; }
    double y_max() const noexcept { return y_max_; }

    // Interpolated mean number in the system at y (covers(y) must hold).
    double in_system(double y);
    // The y in [lo, hi] (both covered) where in_system(y) + h y = c0 to within tol, given
    // c0 <= in_system(hi) + h hi (the left side rises with y); NaN if the root lies at or below
    // lo. Newton steps from y on the interpolating cubics, halving the bracket when a step
    // leaves it.
    double solve(double h, double c0, double y, double lo, double hi, double tol);
    // Every interpolated field at y (covers(y) must hold).
    queue_point at(double y);
    // The counts' fields only (in_system, the three shares, mean_busy, mean_queue), as at()
    // gives them; the others are 0 and p99_s is NaN.
    queue_point counts_at(double y);

    // Nodes computed so far.
    std::size_t nodes_computed() const noexcept { return computed_; }

private:
    struct stencil {
        queue_point* nodes; // four consecutive nodes of one octave
        double weight[4];   // of each node's value at y
        double t;           // y's place among the four nodes (0 to 3)
        double dt_dy;       // and its rate of change with y
    };
    stencil locate(double y);
    template <bool Full> queue_point interpolate(double y);
    static double value(const stencil& s);      // the interpolated in_system
    static double derivative(const stencil& s); // and its derivative in y (for solve only)
    queue_point* allocate(std::size_t index);
    // The rate at node j of octave e below (side 0) or above (side 1) cap.
    double node_y(std::size_t side, std::size_t e, std::size_t j) const;

    double cap_;
    double per_w_; // D / (k w)
    double w_over_dm_;
    double y_max_;
    double y_floor_;    // the node next to y = 0
    std::size_t below_; // octaves below cap (y in [0, cap])
    exact_fn exact_;
    // Octaves below cap, then above; each octave_nodes + 1 nodes, allocated when first read.
    std::vector<std::unique_ptr<queue_point[]>> octaves_;
    std::size_t computed_ = 0;
    // The latest stencil and its y (nodes never move once allocated).
    double last_y_ = -1;
    stencil last_{};
};

} // namespace autoscalesim::detail
