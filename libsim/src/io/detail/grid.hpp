#pragma once
// Private: turns timestamped values into a uniform-interval trace, applying the gap policy and
// naming the row of every problem.

#include "autoscalesim/errors.hpp"
#include "autoscalesim/io/trace_options.hpp"
#include "autoscalesim/trace.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace autoscalesim::io::detail {

/// One row: its time, its value (already checked finite and >= 0) and where it came from.
struct point {
    time_ms t_ms;        ///< ms since the epoch
    double value;        ///< count or rate as read
    std::uint64_t where; ///< a line number or an encoded JSON location, for messages
};

/// Rows as read, in little memory: the values, plus times and locations stored as runs of equal
/// steps (a regular file with one row per line is one run each), so reading costs 8 bytes a row.
class point_list {
public:
    /// Appends a row.
    void push_back(const point& p);
    /// Number of rows.
    std::size_t size() const noexcept { return values_.size(); }
    /// Time of row i.
    time_ms time(std::size_t i) const noexcept { return times_.at(i); }
    /// Value of row i.
    double value(std::size_t i) const noexcept { return values_[i]; }
    /// Location of row i.
    std::uint64_t where(std::size_t i) const noexcept {
        return static_cast<std::uint64_t>(wheres_.at(i));
    }
    /// The values, to be moved out once the rows are no longer needed.
    std::vector<double>& values() noexcept { return values_; }

private:
    // A sequence of integers stored as runs first + k * step.
    struct runs {
        struct run {
            std::size_t first_index; // index of the run's first element
            std::int64_t first;      // its value
            std::int64_t step;       // difference between consecutive elements of the run
        };
        std::vector<run> list;
        std::int64_t last = 0;
        void push(std::size_t index, std::int64_t v);
        std::int64_t at(std::size_t index) const noexcept;
    };
    std::vector<double> values_;
    runs times_, wheres_;
};

/// How to lay the points on the grid.
struct grid_options {
    time_ms interval_ms = 0;             ///< 0: the smallest step between consecutive points
    gap_policy gaps = gap_policy::error; ///< missing intervals
    value_kind values =
        value_kind::count_per_interval;              ///< rate values are multiplied by the interval
    std::size_t max_intervals = max_trace_intervals; ///< longest trace to build
    /// With a gap policy that fills gaps: one gap longer than a day and than this many times the
    /// span of the rest of the data is an error naming its row (a mistyped year); 0 allows it.
    double max_gap_ratio = 10;
    /// With a gap policy that fills gaps: one gap longer than this is an error naming it (data
    /// missing rather than quiet time); 0: no limit.
    time_ms max_fill_ms = 0;
    /// Where to say what the gap policy filled (may be null).
    gap_fill_report* report = nullptr;
};

/// Builds the trace from points in time order (consumes them) (a point before its predecessor or at
/// the same time is an error). where(p) is a point's location (file and line, or a place in a
/// JSON document) for errors; file names the whole input for errors that belong to no row.
trace build_trace(point_list&& points, const grid_options& options,
                  const std::function<error_location(std::uint64_t)>& where,
                  const std::string& file);

} // namespace autoscalesim::io::detail
