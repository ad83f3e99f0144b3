#include "autoscalesim/io/access_log.hpp"

#include "detail/text.hpp"

#include "autoscalesim/errors.hpp"

#include <algorithm>

namespace autoscalesim::io {

namespace {

// Reads lines and hands each request's time (ms since the epoch) to sink(t, line_number).
template <class Lines, class Sink>
void scan(Lines& lines, const access_log_options& o, const std::string& name, Sink&& sink) {
    access_log_format format = o.format;
    detail::timestamp_parser plain{o.time_format, o.naive_times_are_utc};
    std::string why;
    time_ms previous = 0;
    std::uint64_t previous_line = 0;
    bool any = false;
    std::string_view line;
    while (lines.next(line)) {
        const std::string_view row = detail::trim(line);
        if (row.empty() || row[0] == '#') {
            continue;
        }
        const std::uint64_t ln = lines.line_number();
        auto fail = [&](const std::string& what) {
            throw trace_error(error_location{name, ln, ""}, what);
        };
        if (row.find('\0') != std::string_view::npos) {
            fail(detail::nul_byte_problem);
        }
        if (format == access_log_format::auto_detect) {
            format = row.find('[') != std::string_view::npos ? access_log_format::common_log
                                                             : access_log_format::plain;
        }
        time_ms t = 0;
        if (format == access_log_format::common_log) {
            const std::size_t open = row.find('[');
            const std::size_t close = open == std::string_view::npos ? open : row.find(']', open);
            if (close == std::string_view::npos) {
                fail("no [time] field (expected Common Log Format: host ident user "
                     "[01/Jul/1995:00:00:01 -0400] "
                     "\"request\" status bytes)");
            }
            const std::string_view ts = row.substr(open + 1, close - open - 1);
            if (!detail::parse_clf_time_ms(ts, t)) {
                fail("time " + detail::quoted(ts) + " is not dd/Mon/yyyy:HH:MM:SS +hhmm");
            }
        } else if (!plain.parse(row, t, why)) {
            fail(why);
        }
        if (any && t < previous && !o.allow_unsorted) {
            fail("timestamp goes backwards (" + detail::format_iso8601_ms(t) + " after " +
                 detail::format_iso8601_ms(previous) + " on line " + std::to_string(previous_line) +
                 "); sort the log or allow unsorted lines");
        }
        previous = t;
        previous_line = ln;
        any = true;
        sink(t, ln);
    }
    if (!any) {
        throw trace_error(name + ": empty file (no request lines)");
    }
}

template <class Lines>
arrival_log read_log(Lines& lines, const access_log_options& o, const std::string& name) {
    std::vector<time_ms> times;
    scan(lines, o, name, [&](time_ms t, std::uint64_t) { times.push_back(t); });
    if (o.allow_unsorted) {
        std::stable_sort(times.begin(), times.end());
    }
    return arrival_log(std::move(times));
}

template <class Lines>
trace read_counts(Lines& lines, time_ms interval_ms, const access_log_options& o,
                  const std::string& name) {
    if (interval_ms < ms_per_second || interval_ms > ms_per_hour) {
        throw config_error("access log counts: interval must be between 1 s and 1 h, got " +
                           std::to_string(interval_ms) + " ms");
    }
    std::vector<double> counts;
    time_ms start = 0;
    scan(lines, o, name, [&](time_ms t, std::uint64_t ln) {
        const time_ms slot = floor_to_interval(t, interval_ms);
        if (counts.empty()) {
            start = slot;
        }
        if (slot < start) { // only with allow_unsorted
            const auto extra = static_cast<std::size_t>((start - slot) / interval_ms);
            if (counts.size() + extra > o.max_intervals) {
                throw trace_error(error_location{name, ln, ""},
                                  "the log would span more than " +
                                      std::to_string(o.max_intervals) + " intervals");
            }
            counts.insert(counts.begin(), extra, 0.0);
            start = slot;
        }
        const time_ms index = (slot - start) / interval_ms;
        if (index >= static_cast<time_ms>(o.max_intervals)) {
            throw trace_error(error_location{name, ln, ""},
                              detail::format_iso8601_ms(t) + " is " + std::to_string(index) +
                                  " intervals after the first request, more than the limit of " +
                                  std::to_string(o.max_intervals));
        }
        if (static_cast<std::size_t>(index) >= counts.size()) {
            counts.resize(static_cast<std::size_t>(index) + 1, 0.0);
        }
        counts[static_cast<std::size_t>(index)] += 1.0;
    });
    return trace(std::move(counts), interval_ms, start);
}

} // namespace

arrival_log read_access_log(const std::string& path, const access_log_options& options) {
    detail::line_reader lines(path);
    return read_log(lines, options, path);
}

arrival_log parse_access_log(std::string_view text, const access_log_options& options,
                             const std::string& name) {
    detail::text_lines lines(text);
    return read_log(lines, options, name);
}

trace read_access_log_counts(const std::string& path, time_ms interval_ms,
                             const access_log_options& options) {
    detail::line_reader lines(path);
    return read_counts(lines, interval_ms, options, path);
}

trace parse_access_log_counts(std::string_view text, time_ms interval_ms,
                              const access_log_options& options, const std::string& name) {
    detail::text_lines lines(text);
    return read_counts(lines, interval_ms, options, name);
}

} // namespace autoscalesim::io
