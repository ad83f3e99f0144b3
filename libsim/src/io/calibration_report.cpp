#include "autoscalesim/io/calibration_report.hpp"

#include "detail/text.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdarg>
#include <cstdio>

namespace autoscalesim::io {

namespace {

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
std::string
fmt(const char* format, ...) {
    va_list args;
    va_start(args, format);
    char buf[512];
    const int n = std::vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    return std::string(
        buf, n < 0 ? 0 : std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buf - 1));
}

std::string num(double v, const char* format = "%.3g") {
    return std::isfinite(v) ? fmt(format, v) : std::string("-");
}

std::string error_rows(const calibration::replay_error& b, const calibration::replay_error& f) {
    std::string s;
    const auto row = [&](const char* what, const std::string& x, const std::string& y) {
        s += fmt("  %-40s %14s %14s\n", what, x.c_str(), y.c_str());
    };
    row("", "given", "calibrated");
    row("activities observed / replayed",
        fmt("%zu / %zu", b.observed_activities, b.simulated_activities),
        fmt("%zu / %zu", f.observed_activities, f.simulated_activities));
    row("paired (missing, extra)", fmt("%zu (%zu, %zu)", b.matched, b.missing, b.extra),
        fmt("%zu (%zu, %zu)", f.matched, f.missing, f.extra));
    row("start offset median / p90 (s)",
        num(b.median_offset_s, "%.0f") + " / " + num(b.p90_offset_s, "%.0f"),
        num(f.median_offset_s, "%.0f") + " / " + num(f.p90_offset_s, "%.0f"));
    row("same from / to (share of pairs)",
        num(b.from_agreement, "%.2f") + " / " + num(b.to_agreement, "%.2f"),
        num(f.from_agreement, "%.2f") + " / " + num(f.to_agreement, "%.2f"));
    row("instances: mean abs error", num(b.capacity_mean_abs_error, "%.3f"),
        num(f.capacity_mean_abs_error, "%.3f"));
    row("instances: share exactly right", num(b.capacity_exact_share, "%.3f"),
        num(f.capacity_exact_share, "%.3f"));
    row("latency: mean abs error (s)", num(b.latency_mean_abs_error_s, "%.4g"),
        num(f.latency_mean_abs_error_s, "%.4g"));
    row("latency: bias, replay - observed (s)", num(b.latency_bias_s, "%.4g"),
        num(f.latency_bias_s, "%.4g"));
    if (std::isfinite(b.p99_mean_abs_error_s) || std::isfinite(f.p99_mean_abs_error_s)) {
        row("p99 latency: mean abs error (s)", num(b.p99_mean_abs_error_s, "%.4g"),
            num(f.p99_mean_abs_error_s, "%.4g"));
    }
    for (std::size_t i = 0; i < f.bands.size(); ++i) {
        const auto& band = f.bands[i];
        const std::string label =
            fmt("latency MAE at %.3g-%.3g req/s/inst", band.low_per_s, band.high_per_s);
        row(label.c_str(),
            i < b.bands.size() ? num(b.bands[i].mean_abs_error_s, "%.4g") : std::string("-"),
            num(band.mean_abs_error_s, "%.4g"));
    }
    return s;
}

nlohmann::ordered_json finite(double v) {
    return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json();
}

nlohmann::ordered_json error_json(const calibration::replay_error& e) {
    nlohmann::ordered_json j;
    j["observed_activities"] = e.observed_activities;
    j["simulated_activities"] = e.simulated_activities;
    j["matched"] = e.matched;
    j["missing"] = e.missing;
    j["extra"] = e.extra;
    j["median_offset_s"] = finite(e.median_offset_s);
    j["p90_offset_s"] = finite(e.p90_offset_s);
    j["median_signed_offset_s"] = finite(e.median_signed_offset_s);
    j["to_agreement"] = finite(e.to_agreement);
    j["from_agreement"] = finite(e.from_agreement);
    j["capacity_mean_abs_error"] = e.capacity_mean_abs_error;
    j["capacity_exact_share"] = e.capacity_exact_share;
    j["latency_intervals"] = e.latency_intervals;
    j["latency_mean_abs_error_s"] = finite(e.latency_mean_abs_error_s);
    j["latency_bias_s"] = finite(e.latency_bias_s);
    j["p99_mean_abs_error_s"] = finite(e.p99_mean_abs_error_s);
    j["bands"] = nlohmann::ordered_json::array();
    for (const auto& b : e.bands) {
        j["bands"].push_back({{"low_per_s", b.low_per_s},
                              {"high_per_s", b.high_per_s},
                              {"intervals", b.intervals},
                              {"observed_mean_s", b.observed_mean_s},
                              {"simulated_mean_s", b.simulated_mean_s},
                              {"mean_abs_error_s", b.mean_abs_error_s}});
    }
    return j;
}

nlohmann::ordered_json estimate_json(const calibration::estimate& e) {
    return {{"value", finite(e.value)}, {"low", finite(e.low)}, {"high", finite(e.high)}};
}

std::string estimate_text(const calibration::estimate& e, const char* format) {
    return num(e.value, format) + " [" + num(e.low, format) + ", " + num(e.high, format) + "]";
}

} // namespace

std::string duration_text(double seconds) {
    const auto total = static_cast<long long>(std::llround(seconds));
    const long long d = total / 86400, h = total % 86400 / 3600, m = total % 3600 / 60,
                    s = total % 60;
    return (d > 0 ? std::to_string(d) + " d " : std::string()) +
           fmt("%02lld:%02lld:%02lld", h, m, s);
}

std::string window_text(const trace& t) {
    const double days = ms_to_seconds(t.duration_ms()) / 86400.0;
    if (t.start_epoch_ms() == 0) {
        return fmt("relative times, %s (%.3g days)",
                   duration_text(ms_to_seconds(t.duration_ms())).c_str(), days);
    }
    return "first " + detail::format_iso8601_ms(t.start_epoch_ms()) + ", last " +
           detail::format_iso8601_ms(t.start_epoch_ms() + t.duration_ms() - t.interval_ms()) +
           fmt(" (%.3g days)", days);
}

std::string calibration_table(const calibration::calibration_result& c) {
    std::string text = error_rows(c.before, c.after);
    if (c.startup) {
        text += "fitted          start-up: lognormal, median " +
                estimate_text(c.startup->median_s, "%.4g") + " s, sigma " +
                estimate_text(c.startup->sigma, "%.3g") +
                fmt(" (%zu scale-outs)\n", c.startup->activities);
    }
    if (c.service) {
        text += "fitted          service: " + estimate_text(c.service->service_time, "%.4g") +
                " s, cv " + estimate_text(c.service->cv, "%.3g") +
                fmt(", %d worker(s) (%zu intervals%s%s)\n", c.service->workers,
                    c.service->intervals, c.service->used_utilization ? ", with utilization" : "",
                    c.service->used_p99 ? ", cv from the p99" : "");
    }
    if (c.delay) {
        text += fmt("fitted          publish delay: %.4g s (any delay in %.4g-%.4g s replays "
                    "alike; %zu activities paired)\n",
                    c.delay->publish_delay_s, c.delay->delay.low, c.delay->delay.high,
                    c.delay->matches);
    }
    for (const auto& n : c.notes)
        text += "note            " + n + "\n";
    return text;
}

std::string calibration_json(const calibration::calibration_result& c) {
    nlohmann::ordered_json j;
    j["before"] = error_json(c.before);
    j["after"] = error_json(c.after);
    j["startup"] = nullptr;
    if (c.startup) {
        j["startup"] = {{"family", "lognormal"},
                        {"median_s", estimate_json(c.startup->median_s)},
                        {"sigma", estimate_json(c.startup->sigma)},
                        {"activities", c.startup->activities}};
    }
    j["service"] = nullptr;
    if (c.service) {
        j["service"] = {{"service_time_s", estimate_json(c.service->service_time)},
                        {"service_cv", estimate_json(c.service->cv)},
                        {"workers", c.service->workers},
                        {"rms_by_workers", c.service->rms_by_workers},
                        {"intervals", c.service->intervals},
                        {"used_utilization", c.service->used_utilization},
                        {"used_p99", c.service->used_p99}};
    }
    j["publish_delay"] = nullptr;
    if (c.delay) {
        j["publish_delay"] = {{"publish_delay_s", c.delay->publish_delay_s},
                              {"low_s", c.delay->delay.low},
                              {"high_s", c.delay->delay.high},
                              {"matches", c.delay->matches}};
    }
    j["policy_mismatch"] = c.policy_mismatch;
    j["notes"] = c.notes;
    return j.dump(2) + "\n";
}

} // namespace autoscalesim::io
