#include "autoscalesim/io/access_log.hpp"

#include "detail/text.hpp"

#include "autoscalesim/errors.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

namespace autoscalesim::io {

namespace {

// Reads lines and hands each request's time (ms since the epoch) to sink(t, line_number, model):
// model is the text after the line's last comma with model_field, else empty.
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
        if (o.model_field && format != access_log_format::plain) {
            fail("model_field reads plain TIME,MODEL lines; this line is not one (log_format "
                 "\"plain\")");
        }
        std::string_view model;
        std::string_view time_text = row;
        if (o.model_field) {
            const std::size_t comma = row.rfind(',');
            if (comma == std::string_view::npos) {
                fail("expected TIME,MODEL (model_field), got " + detail::quoted(row));
            }
            model = detail::trim(row.substr(comma + 1));
            time_text = detail::trim(row.substr(0, comma));
            if (model.empty()) {
                fail("no model after the comma (model_field)");
            }
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
        } else if (!plain.parse(time_text, t, why)) {
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
        sink(t, ln, model);
    }
    if (!any) {
        throw trace_error(name + ": empty file (no request lines)");
    }
}

// Refuses one gap between consecutive times (sorted) longer than a day and than max_gap_ratio
// times the span of the rest, naming the line of the time after it: a mistyped year would
// otherwise make a trace of centuries. lines[i] is the line of times[i] (0: not known).
void check_gap(const std::vector<time_ms>& times, const std::vector<std::uint64_t>& lines,
               const access_log_options& o, const std::string& name) {
    if (!(o.max_gap_ratio > 0) || times.size() < 2) {
        return;
    }
    std::size_t at = 1;
    for (std::size_t i = 2; i < times.size(); ++i) {
        if (times[i] - times[i - 1] > times[at] - times[at - 1]) at = i;
    }
    const time_ms gap = times[at] - times[at - 1];
    const time_ms rest = times.back() - times.front() - gap;
    if (gap > 24 * ms_per_hour &&
        static_cast<double>(gap) >
            o.max_gap_ratio * static_cast<double>(std::max(rest, ms_per_minute))) {
        const auto days = static_cast<long long>(gap / (24 * ms_per_hour)); // > 1 by the rule
        throw trace_error(error_location{name, lines[at], ""},
                          "timestamp " + detail::format_iso8601_ms(times[at]) +
                              " leaves a gap of " + std::to_string(days) + " days after " +
                              detail::format_iso8601_ms(times[at - 1]) + ", more than " +
                              detail::format_double(o.max_gap_ratio) +
                              " times the span of the rest of the log: a mistyped timestamp? "
                              "(max_gap_ratio 0 allows it)");
    }
}

// At most this many distinct models in one log (the request plane holds a model in 16 bits).
constexpr std::size_t max_logged_models = 65535;

// Models named by whole numbers keep them as their indices (names for the gaps are the
// numbers); other names keep their order of first appearance.
void number_models(std::vector<int>& models, std::vector<std::string>& names) {
    std::vector<int> value(names.size());
    int top = -1;
    for (std::size_t k = 0; k < names.size(); ++k) {
        const std::string& n = names[k];
        if (n.empty() || n.size() > 5 || n.find_first_not_of("0123456789") != std::string::npos ||
            (n.size() > 1 && n[0] == '0')) {
            return;
        }
        value[k] = std::stoi(n);
        if (static_cast<std::size_t>(value[k]) >= max_logged_models) {
            return;
        }
        top = std::max(top, value[k]);
    }
    for (int& m : models) {
        m = value[static_cast<std::size_t>(m)];
    }
    names.resize(static_cast<std::size_t>(top + 1));
    for (std::size_t k = 0; k < names.size(); ++k) {
        names[k] = std::to_string(k);
    }
}

template <class Lines>
arrival_log read_log(Lines& lines, const access_log_options& o, const std::string& name) {
    std::vector<time_ms> times;
    std::vector<std::uint64_t> line_of;
    std::vector<int> models;
    std::vector<std::string> names;
    std::unordered_map<std::string, int> index_of;
    scan(lines, o, name, [&](time_ms t, std::uint64_t ln, std::string_view model) {
        times.push_back(t);
        line_of.push_back(ln);
        if (o.model_field) {
            const auto [it, added] =
                index_of.try_emplace(std::string(model), static_cast<int>(names.size()));
            if (added) {
                if (names.size() >= max_logged_models) {
                    throw trace_error(error_location{name, ln, ""},
                                      "more than " + std::to_string(max_logged_models) +
                                          " distinct models (model_field)");
                }
                names.push_back(it->first);
            }
            models.push_back(it->second);
        }
    });
    if (o.allow_unsorted) {
        std::vector<std::size_t> order(times.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return times[a] < times[b]; });
        std::vector<time_ms> t2(times.size());
        std::vector<std::uint64_t> l2(times.size());
        std::vector<int> m2(models.size());
        for (std::size_t i = 0; i < order.size(); ++i) {
            t2[i] = times[order[i]];
            l2[i] = line_of[order[i]];
            if (!models.empty()) m2[i] = models[order[i]];
        }
        times.swap(t2);
        line_of.swap(l2);
        models.swap(m2);
    }
    check_gap(times, line_of, o, name);
    if (!o.model_field) {
        return arrival_log(std::move(times));
    }
    number_models(models, names);
    return arrival_log(std::move(times), std::move(models), std::move(names));
}

template <class Lines>
trace read_counts(Lines& lines, time_ms interval_ms, const access_log_options& o,
                  const std::string& name) {
    if (interval_ms < ms_per_second || interval_ms > ms_per_hour) {
        throw config_error("access log counts: interval must be between 1 s and 1 h, got " +
                           std::to_string(interval_ms) + " ms");
    }
    // Distinct intervals first (sparse: a mistyped year must fail before a dense trace of
    // centuries is allocated), with the line of each one's first request.
    std::vector<time_ms> slots;
    std::vector<double> per_slot;
    std::vector<std::uint64_t> line_of;
    bool sorted = true;
    scan(lines, o, name, [&](time_ms t, std::uint64_t ln, std::string_view /*model*/) {
        const time_ms slot = floor_to_interval(t, interval_ms);
        if (!slots.empty() && slots.back() == slot) {
            per_slot.back() += 1.0;
            return;
        }
        sorted = sorted && (slots.empty() || slot > slots.back());
        slots.push_back(slot);
        per_slot.push_back(1.0);
        line_of.push_back(ln);
    });
    if (!sorted) { // only with allow_unsorted: sort, and merge equal intervals
        std::vector<std::size_t> order(slots.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return slots[a] < slots[b]; });
        std::vector<time_ms> s2;
        std::vector<double> c2;
        std::vector<std::uint64_t> l2;
        for (const std::size_t i : order) {
            if (!s2.empty() && s2.back() == slots[i]) {
                c2.back() += per_slot[i];
                l2.back() = std::min(l2.back(), line_of[i]);
            } else {
                s2.push_back(slots[i]);
                c2.push_back(per_slot[i]);
                l2.push_back(line_of[i]);
            }
        }
        slots.swap(s2);
        per_slot.swap(c2);
        line_of.swap(l2);
    }
    check_gap(slots, line_of, o, name);
    const time_ms start = slots.front();
    const time_ms span = (slots.back() - start) / interval_ms + 1;
    if (span > static_cast<time_ms>(o.max_intervals)) {
        throw trace_error(error_location{name, line_of.back(), ""},
                          detail::format_iso8601_ms(slots.back()) + " is " +
                              std::to_string(span - 1) +
                              " intervals after the first request, more than the limit of " +
                              std::to_string(o.max_intervals));
    }
    std::vector<double> counts(static_cast<std::size_t>(span), 0.0);
    for (std::size_t i = 0; i < slots.size(); ++i) {
        counts[static_cast<std::size_t>((slots[i] - start) / interval_ms)] = per_slot[i];
    }
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
