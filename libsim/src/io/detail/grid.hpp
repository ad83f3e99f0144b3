#pragma once
// Private: turns timestamped values into a uniform-interval trace, applying the gap policy and
// naming the row of every problem.

#include "autoscalesim/io/trace_options.hpp"
#include "autoscalesim/trace.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace autoscalesim::io::detail {

/// One row: its time, its value (already checked finite and >= 0) and where it came from.
struct point {
    time_ms t_ms;         ///< ms since the epoch
    double value;         ///< count or rate as read
    std::uint64_t where;  ///< a line number or an encoded JSON location, for messages
};

/// How to lay the points on the grid.
struct grid_options {
    time_ms interval_ms = 0;                 ///< 0: the smallest step between consecutive points
    gap_policy gaps = gap_policy::error;     ///< missing intervals
    value_kind values = value_kind::count_per_interval; ///< rate values are multiplied by the interval
    std::size_t max_intervals = max_trace_intervals;    ///< longest trace to build
};

/// Builds the trace from points in time order (a point before its predecessor or at the same time
/// is an error). where(p) renders a point's location as "file:line" for messages; file names the
/// whole input for errors that belong to no row.
trace build_trace(const std::vector<point>& points, const grid_options& options,
                  const std::function<std::string(std::uint64_t)>& where, const std::string& file);

} // namespace autoscalesim::io::detail
