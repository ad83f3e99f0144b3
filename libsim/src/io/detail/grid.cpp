#include "grid.hpp"

#include "text.hpp"

#include "autoscalesim/errors.hpp"

#include <limits>

namespace autoscalesim::io::detail {

namespace {
std::string seconds_text(time_ms ms) { return format_double(ms_to_seconds(ms)) + " s"; }
} // namespace

trace build_trace(const std::vector<point>& pts, const grid_options& o,
                  const std::function<std::string(std::uint64_t)>& where, const std::string& file) {
    if (pts.empty()) {
        throw trace_error(file + ": no data rows (the input is empty or has only a header)");
    }
    // Order first, so that an out-of-order row is reported as such and not as an odd interval.
    time_ms smallest = std::numeric_limits<time_ms>::max();
    std::size_t smallest_at = 0;
    for (std::size_t i = 1; i < pts.size(); ++i) {
        const time_ms step = pts[i].t_ms - pts[i - 1].t_ms;
        if (step == 0) {
            throw trace_error(where(pts[i].where) + ": duplicate timestamp " +
                              format_iso8601_ms(pts[i].t_ms) + " (also at " + where(pts[i - 1].where) + ")");
        }
        if (step < 0) {
            throw trace_error(where(pts[i].where) + ": timestamp goes backwards (" +
                              format_iso8601_ms(pts[i].t_ms) + " after " +
                              format_iso8601_ms(pts[i - 1].t_ms) + ")");
        }
        if (step < smallest) {
            smallest = step;
            smallest_at = i;
        }
    }
    time_ms interval = o.interval_ms;
    std::string interval_origin = "given";
    if (interval <= 0) {
        if (pts.size() < 2) {
            throw trace_error(file + ": one data row, so the interval cannot be inferred; give it "
                                     "(interval_ms) explicitly");
        }
        interval = smallest;
        interval_origin = "inferred from the smallest step, at " + where(pts[smallest_at].where);
    }
    if (interval < ms_per_second || interval > ms_per_hour) {
        throw trace_error(file + ": interval of " + seconds_text(interval) + " (" + interval_origin +
                          ") is outside [1 s, 1 h]");
    }
    // Count the intervals first so that a typo in a year fails before allocating.
    const time_ms span = pts.back().t_ms - pts.front().t_ms;
    const time_ms n_total = span / interval + 1;
    if (n_total > static_cast<time_ms>(o.max_intervals)) {
        throw trace_error(file + ": from " + format_iso8601_ms(pts.front().t_ms) + " to " +
                          format_iso8601_ms(pts.back().t_ms) + " at " + seconds_text(interval) +
                          " is " + std::to_string(n_total) + " intervals, more than the limit of " +
                          std::to_string(o.max_intervals));
    }
    const double to_count = o.values == value_kind::rate_per_s ? ms_to_seconds(interval) : 1.0;
    std::vector<double> counts;
    counts.reserve(static_cast<std::size_t>(n_total));
    counts.push_back(pts[0].value * to_count);
    for (std::size_t i = 1; i < pts.size(); ++i) {
        const time_ms step = pts[i].t_ms - pts[i - 1].t_ms;
        if (step % interval != 0) {
            throw trace_error(where(pts[i].where) + ": timestamp " + format_iso8601_ms(pts[i].t_ms) +
                              " is " + seconds_text(step) + " after the previous row, not a multiple of the " +
                              seconds_text(interval) + " interval (" + interval_origin + ")");
        }
        const time_ms missing = step / interval - 1;
        const double value = pts[i].value * to_count;
        if (missing > 0) {
            const double before = counts.back();
            switch (o.gaps) {
            case gap_policy::error:
                throw trace_error(where(pts[i].where) + ": gap of " + std::to_string(missing) +
                                  (missing == 1 ? " missing interval" : " missing intervals") + " (" +
                                  seconds_text(missing * interval) + ") between " +
                                  format_iso8601_ms(pts[i - 1].t_ms) + " and " +
                                  format_iso8601_ms(pts[i].t_ms) +
                                  "; choose a gap policy (zero, hold or interpolate) to fill it");
            case gap_policy::zero: counts.insert(counts.end(), static_cast<std::size_t>(missing), 0.0); break;
            case gap_policy::hold: counts.insert(counts.end(), static_cast<std::size_t>(missing), before); break;
            case gap_policy::interpolate:
                for (time_ms k = 1; k <= missing; ++k) {
                    const double frac = static_cast<double>(k) / static_cast<double>(missing + 1);
                    counts.push_back(before + (value - before) * frac);
                }
                break;
            }
        }
        counts.push_back(value);
    }
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (!(pts[i].value * to_count <= std::numeric_limits<double>::max())) {
            throw trace_error(where(pts[i].where) + ": value " + format_double(pts[i].value) +
                              " is too large once converted to a count");
        }
    }
    return trace(std::move(counts), interval, pts.front().t_ms);
}

} // namespace autoscalesim::io::detail
