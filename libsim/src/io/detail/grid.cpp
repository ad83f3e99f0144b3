#include "grid.hpp"

#include "text.hpp"

#include "autoscalesim/errors.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace autoscalesim::io::detail {

void point_list::runs::push(std::size_t index, std::int64_t v) {
    if (!list.empty()) {
        run& r = list.back();
        if (index - r.first_index == 1) {
            r.step = v - last;
            last = v;
            return;
        }
        if (v - last == r.step) {
            last = v;
            return;
        }
    }
    list.push_back({index, v, 0});
    last = v;
}

std::int64_t point_list::runs::at(std::size_t index) const noexcept {
    const auto it = std::upper_bound(list.begin(), list.end(), index,
                                     [](std::size_t i, const run& r) { return i < r.first_index; });
    const run& r = *(it - 1);
    return r.first + static_cast<std::int64_t>(index - r.first_index) * r.step;
}

void point_list::push_back(const point& p) {
    const std::size_t i = values_.size();
    values_.push_back(p.value);
    times_.push(i, p.t_ms);
    wheres_.push(i, static_cast<std::int64_t>(p.where));
}

namespace {
std::string seconds_text(time_ms ms) {
    return format_double(ms_to_seconds(ms)) + " s";
}
// Whole days for spans of two days or more, hours for an hour or more, else seconds.
std::string span_text(time_ms ms) {
    const time_ms day = 24 * ms_per_hour;
    if (ms >= 2 * day) {
        return std::to_string(ms / day) + " days";
    }
    if (ms >= ms_per_hour) {
        return format_double(std::round(static_cast<double>(ms) / 36'000.0) / 100.0) + " h";
    }
    return seconds_text(ms);
}
} // namespace

trace build_trace(point_list&& pts, const grid_options& o,
                  const std::function<error_location(std::uint64_t)>& where,
                  const std::string& file) {
    const auto text = [&](std::uint64_t w) {
        return autoscalesim::detail::render_location(where(w));
    };
    const std::size_t n = pts.size();
    if (n == 0) {
        throw trace_error(file + ": no data rows (the input is empty or has only a header)");
    }
    // Order first, so that an out-of-order row is reported as such and not as an odd interval.
    time_ms smallest = std::numeric_limits<time_ms>::max();
    std::size_t smallest_at = 0;
    time_ms prev = pts.time(0);
    for (std::size_t i = 1; i < n; ++i) {
        const time_ms t = pts.time(i);
        const time_ms step = t - prev;
        if (step == 0) {
            throw trace_error(where(pts.where(i)), "duplicate timestamp " + format_iso8601_ms(t) +
                                                       " (also at " + text(pts.where(i - 1)) + ")");
        }
        if (step < 0) {
            throw trace_error(where(pts.where(i)), "timestamp goes backwards (" +
                                                       format_iso8601_ms(t) + " after " +
                                                       format_iso8601_ms(prev) + ")");
        }
        if (step < smallest) {
            smallest = step;
            smallest_at = i;
        }
        prev = t;
    }
    time_ms interval = o.interval_ms;
    std::string interval_origin = "given";
    if (interval <= 0) {
        if (n < 2) {
            throw trace_error(file + ": one data row, so the interval cannot be inferred; give it "
                                     "(the command's --period; Python's interval_s= for a CSV, "
                                     "period_s= for a CloudWatch export; a \"# interval_ms=N\" "
                                     "line before a CSV's data)");
        }
        interval = smallest;
        interval_origin = "inferred from the smallest step, at " + text(pts.where(smallest_at));
    }
    if (interval < ms_per_second || interval > ms_per_hour) {
        throw trace_error(file + ": interval of " + seconds_text(interval) + " (" +
                          interval_origin + ") is outside [1 s, 1 h]");
    }
    // One gap that dwarfs the rest of the data is a mistyped timestamp more likely than a quiet
    // spell: refuse it (naming the row) unless the caller allows it.
    if (o.gaps != gap_policy::error && o.max_gap_ratio > 0 && n > 1) {
        std::size_t at = 1;
        for (std::size_t i = 2; i < n; ++i) {
            if (pts.time(i) - pts.time(i - 1) > pts.time(at) - pts.time(at - 1)) at = i;
        }
        const time_ms gap = pts.time(at) - pts.time(at - 1) - interval;
        const time_ms rest = pts.time(n - 1) - pts.time(0) - (gap + interval);
        if (gap > 24 * ms_per_hour &&
            static_cast<double>(gap) >
                o.max_gap_ratio * static_cast<double>(std::max(rest, interval))) {
            throw trace_error(where(pts.where(at)),
                              "timestamp " + format_iso8601_ms(pts.time(at)) + " leaves a gap of " +
                                  span_text(gap) + " after " + format_iso8601_ms(pts.time(at - 1)) +
                                  ", more than " + format_double(o.max_gap_ratio) +
                                  " times the span of the rest of the data (" + seconds_text(rest) +
                                  "): a mistyped timestamp? (max_gap_ratio 0 allows it)");
        }
    }
    // Count the intervals first so that a typo in a year fails before allocating.
    const time_ms first_t = pts.time(0);
    const time_ms n_total = (pts.time(n - 1) - first_t) / interval + 1;
    if (n_total > static_cast<time_ms>(o.max_intervals)) {
        throw trace_error(file + ": from " + format_iso8601_ms(first_t) + " to " +
                          format_iso8601_ms(pts.time(n - 1)) + " at " + seconds_text(interval) +
                          " is " + std::to_string(n_total) + " intervals, more than the limit of " +
                          std::to_string(o.max_intervals));
    }
    const double to_count = o.values == value_kind::rate_per_s ? ms_to_seconds(interval) : 1.0;
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        total += pts.value(i) * to_count;
        if (!(total <= max_trace_requests)) {
            throw trace_error(where(pts.where(i)),
                              "value " + format_double(pts.value(i)) +
                                  " brings the trace's total past 1e15 requests, the most a "
                                  "trace may hold (a unit mistake?)");
        }
    }
    gap_fill_report fills;
    for (std::size_t i = 1; i < n; ++i) {
        const time_ms step = pts.time(i) - pts.time(i - 1);
        if (step % interval != 0) {
            throw trace_error(where(pts.where(i)),
                              "timestamp " + format_iso8601_ms(pts.time(i)) + " is " +
                                  seconds_text(step) +
                                  " after the previous row, not a multiple of the " +
                                  seconds_text(interval) + " interval (" + interval_origin + ")");
        }
        if (step != interval && o.gaps == gap_policy::error) {
            const time_ms missing = step / interval - 1;
            throw trace_error(where(pts.where(i)),
                              "gap of " + std::to_string(missing) +
                                  (missing == 1 ? " missing interval" : " missing intervals") +
                                  " (" + seconds_text(missing * interval) + ") between " +
                                  format_iso8601_ms(pts.time(i - 1)) + " and " +
                                  format_iso8601_ms(pts.time(i)) +
                                  "; choose a gap policy (zero, hold or interpolate) to fill it");
        }
        const auto missing = static_cast<std::size_t>(step / interval - 1);
        if (missing > 0 && o.max_fill_ms > 0 && step - interval > o.max_fill_ms) {
            throw trace_error(where(pts.where(i)),
                              "no datapoint for " + span_text(step - interval) + " (" +
                                  std::to_string(missing) + " missing intervals) between " +
                                  format_iso8601_ms(pts.time(i - 1)) + " and " +
                                  format_iso8601_ms(pts.time(i)) + ", longer than the " +
                                  span_text(o.max_fill_ms) +
                                  " a gap may be filled: missing data rather than quiet time? "
                                  "(export that span, or raise the limit: max_gap_s)");
        }
        fills.filled_intervals += missing;
        if (missing > fills.longest_run) {
            fills.longest_run = missing;
            fills.longest_run_start_ms = pts.time(i - 1) + interval;
        }
    }
    if (o.report != nullptr) {
        *o.report = fills;
    }
    std::vector<double> counts;
    if (static_cast<std::size_t>(n_total) == n) { // no gap: the values are the counts
        counts = std::move(pts.values());
        if (to_count != 1.0) {
            for (double& c : counts) {
                c *= to_count;
            }
        }
    } else {
        counts.reserve(static_cast<std::size_t>(n_total));
        counts.push_back(pts.value(0) * to_count);
        for (std::size_t i = 1; i < n; ++i) {
            const time_ms missing = (pts.time(i) - pts.time(i - 1)) / interval - 1;
            const double value = pts.value(i) * to_count;
            const double before = counts.back();
            switch (o.gaps) {
            case gap_policy::error:
            case gap_policy::zero:
                counts.insert(counts.end(), static_cast<std::size_t>(missing), 0.0);
                break;
            case gap_policy::hold:
                counts.insert(counts.end(), static_cast<std::size_t>(missing), before);
                break;
            case gap_policy::interpolate:
                for (time_ms k = 1; k <= missing; ++k) {
                    const double frac = static_cast<double>(k) / static_cast<double>(missing + 1);
                    counts.push_back(before + (value - before) * frac);
                }
                break;
            }
            counts.push_back(value);
        }
    }
    return trace(std::move(counts), interval, first_t);
}

} // namespace autoscalesim::io::detail
