#include "autoscalesim/io/trace_spec.hpp"

#include "detail/text.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/io/json_trace.hpp"

#include <cstdio>
#include <string>

namespace autoscalesim::io {

namespace {

[[noreturn]] void fail(const std::string& field, const std::string& problem) {
    throw config_error(in_field(field), problem);
}

// A generator's error (its own message) named by the generator's field.
template <class F> trace generated(const std::string& field, F&& make) {
    try {
        return make();
    } catch (const config_error& e) {
        fail(field, e.what());
    } catch (const trace_error& e) { // counts past what a trace may hold
        fail(field, e.what());
    }
}

// path: the generator's field ("trace.generator").
trace generate(const generator_spec& g, const std::string& path) {
    trace t = generated(path, [&] {
        return g.kind == generator_kind::seasonal
                   ? generate_seasonal(g.seasonal.shape, g.interval_ms, g.seasonal.intervals,
                                       g.start_epoch_ms)
                   : generate_load_test(g.load_test, g.interval_ms, g.start_epoch_ms);
    });
    for (std::size_t i = 0; i < g.flash_crowds.size(); ++i) {
        t = generated(path + ".flash_crowds[" + std::to_string(i) + "]",
                      [&] { return add_flash_crowd(t, g.flash_crowds[i]); });
    }
    for (std::size_t i = 0; i < g.step_changes.size(); ++i) {
        const auto& s = g.step_changes[i];
        t = generated(path + ".step_changes[" + std::to_string(i) + "]",
                      [&] { return add_step_change(t, s.at_ms, s.factor); });
    }
    if (g.noise.model != noise_kind::none) {
        noise_options n;
        n.model = g.noise.model == noise_kind::poisson ? noise_model::poisson
                                                       : noise_model::negative_binomial;
        n.dispersion = g.noise.dispersion;
        t = generated(path + ".noise", [&] { return add_noise(t, n, g.noise.seed); });
    }
    return t;
}

// 0.04167, -24: a figure of a message, not a value to read back.
std::string four_digits(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

std::string seconds_text(time_ms ms) {
    return detail::format_double(ms_to_seconds(ms)) + " s";
}

} // namespace

void trace_spec::validate(const std::string& prefix) const {
    check_fields(*this, prefix);
    check_csv_columns(csv, prefix);
    check_fields(slice, prefix + "slice.");
    if (slice.end_s && !(*slice.end_s > slice.start_s && *slice.end_s < 1e13))
        fail(prefix + "slice.end_s", "expected a number of seconds > start_s (and < 1e13)");
    if (generator) {
        const std::string g = prefix + "generator.";
        check_fields(*generator, g);
        with_shape(*generator, [&](const auto& shape) { check_fields(shape, g); });
        if (generator->kind == generator_kind::seasonal) {
            // The trend multiplies the mean by 1 + trend_per_day * days; the generator clips what
            // falls below 0 to no traffic, which would pass for a quiet endpoint.
            const double days = static_cast<double>(generator->seasonal.intervals) *
                                ms_to_seconds(generator->interval_ms) / 86'400;
            const double trend = generator->seasonal.shape.trend_per_day;
            if (!(1 + trend * days > 0)) {
                fail_range(g + "trend_per_day",
                           "a number > " + four_digits(-1 / days) +
                               " (the rate falls to 0 within the trace's " + four_digits(days) +
                               " days)",
                           trend);
            }
        }
        for (std::size_t i = 0; i < generator->flash_crowds.size(); ++i)
            check_fields(generator->flash_crowds[i],
                         g + "flash_crowds[" + std::to_string(i) + "].");
        for (std::size_t i = 0; i < generator->step_changes.size(); ++i)
            check_fields(generator->step_changes[i],
                         g + "step_changes[" + std::to_string(i) + "].");
        check_fields(generator->noise, g + "noise.");
        return;
    }
    if (file.empty()) fail(prefix + "file", "missing required field (or give trace.generator)");
    with_format_options(*this, [&](const auto& options) { check_fields(options, prefix); });
}

namespace {

// csv.model_column_prefix: each matching column parsed as its own trace from the file read once,
// with the same options (so the same rows, gaps and interval); the trace is their sum.
void read_model_columns(const trace_spec& spec, const std::string& prefix, loaded_trace& out) {
    const std::string& want = spec.csv.model_column_prefix;
    const std::string field = prefix + "model_column_prefix";
    if (spec.csv.header == header_mode::absent) {
        fail(field, "names columns by their header, but the header is declared absent");
    }
    std::vector<std::string> names;
    for (const std::string& col : read_csv_header(spec.file, spec.csv)) {
        if (col.size() > want.size() && col.compare(0, want.size(), want) == 0) {
            names.push_back(col);
        }
    }
    if (names.empty()) {
        fail(field, "no column of " + spec.file + " has a header starting with \"" + want +
                        "\" (and more after it)");
    }
    csv_options one = spec.csv;
    one.model_column_prefix.clear();
    const std::string text = detail::read_file(spec.file);
    std::vector<double> total;
    for (const std::string& name : names) {
        one.value_column = name;
        const trace t = parse_csv_trace(text, one, spec.file);
        if (total.empty()) {
            total.assign(t.size(), 0.0);
            out.traffic = t;
        }
        for (std::size_t i = 0; i < t.size(); ++i) {
            total[i] += t.counts()[i];
        }
        out.model_counts.emplace_back(t.counts().begin(), t.counts().end());
    }
    out.traffic = trace(std::move(total), out.traffic.interval_ms(), out.traffic.start_epoch_ms());
}

} // namespace

loaded_trace load_trace(const trace_spec& spec, const std::string& prefix) {
    spec.validate(prefix);
    loaded_trace out;
    if (spec.generator) {
        out.traffic = generate(*spec.generator, prefix + "generator");
    } else {
        switch (spec.format) {
        case trace_format::csv:
            if (spec.csv.model_column_prefix.empty()) {
                gap_fill_report filled;
                out.traffic = read_csv_trace(spec.file, spec.csv, &filled);
                if (filled.filled_intervals > 0) {
                    out.gaps = "trace.gaps: " + csv_gap_text(filled, out.traffic, spec.csv.gaps);
                }
            } else {
                read_model_columns(spec, prefix, out);
            }
            break;
        case trace_format::cloudwatch:
            out.traffic = read_cloudwatch_json(spec.file, spec.cloudwatch);
            break;
        case trace_format::json:
            out.traffic = read_json_trace(spec.file);
            break;
        case trace_format::access_log:
            out.log = read_access_log(spec.file, spec.access_log.options);
            if (out.log->empty()) throw trace_error(spec.file + ": no request in the log");
            out.traffic = out.log->to_counts(spec.access_log.interval_ms);
            break;
        }
    }

    const trace_slice& sl = spec.slice;
    if (sl.start_s > 0 || sl.end_s) {
        const time_ms iv = out.traffic.interval_ms();
        const time_ms duration = out.traffic.duration_ms();
        const time_ms start_ms = seconds_to_ms(sl.start_s);
        const time_ms end_ms = sl.end_s ? seconds_to_ms(*sl.end_s) : duration;
        const std::string sp = prefix + "slice.";
        if (start_ms >= duration)
            fail(sp + "start_s",
                 "is at or beyond the end of the trace (" + seconds_text(duration) + ")");
        if (start_ms % iv != 0)
            fail(sp + "start_s", "must be a whole number of intervals (" + seconds_text(iv) + ")");
        if (end_ms % iv != 0)
            fail(sp + "end_s", "must be a whole number of intervals (" + seconds_text(iv) + ")");
        if (end_ms > duration)
            fail(sp + "end_s", "is beyond the end of the trace (" + seconds_text(duration) + ")");
        char days[32];
        std::snprintf(days, sizeof days, "%.3g", ms_to_seconds(duration) / 86400.0);
        out.cut = "trace.slice kept [" + detail::format_double(sl.start_s) + " s, " +
                  seconds_text(end_ms) + ") of the file's " + days + " days";
        const auto first = static_cast<std::size_t>(start_ms / iv);
        const auto kept = static_cast<std::size_t>((end_ms - start_ms) / iv);
        out.traffic = out.traffic.slice(first, kept);
        for (auto& m : out.model_counts) {
            m = std::vector<double>(m.begin() + static_cast<std::ptrdiff_t>(first),
                                    m.begin() + static_cast<std::ptrdiff_t>(first + kept));
        }
    }
    if (spec.scale != 1) {
        out.cut += std::string(out.cut.empty() ? "" : "; ") + "trace.scale multiplied counts by " +
                   detail::format_double(spec.scale);
        try {
            out.traffic = out.traffic.scaled(spec.scale);
        } catch (const trace_error& e) {
            fail(prefix + "scale",
                 detail::format_double(spec.scale) + " makes the counts too large: " + e.what());
        }
    }
    return out;
}

} // namespace autoscalesim::io
