// `autoscalesim trace-stats`: what a trace looks like before it is simulated.
#include "commands.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/io/access_log.hpp"
#include "autoscalesim/io/cloudwatch.hpp"
#include "autoscalesim/io/csv_trace.hpp"
#include "autoscalesim/io/json_trace.hpp"
#include "autoscalesim/trace.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>

namespace autoscalesim::cli {

const std::vector<option_spec>& trace_stats_options() {
    static const std::vector<option_spec> specs = {{"--format", true}, {"--interval-s", true}};
    return specs;
}

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// A .json file is either our own trace format or a CloudWatch export; the first few kilobytes
// tell which.
std::string json_flavour(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head.find("autoscalesim.trace") != std::string::npos ? "json" : "cloudwatch";
}

std::string detect_format(const std::string& path) {
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    if (ext == ".csv" || ext == ".tsv") {
        return "csv";
    }
    if (ext == ".json") {
        return json_flavour(path);
    }
    if (ext == ".log" || ext == ".txt") {
        return "access_log";
    }
    throw usage_error("trace-stats: cannot tell the format of '" + path +
                      "' from its name; pass --format csv|cloudwatch|json|access_log");
}

std::string duration_text(double seconds) {
    const auto total = static_cast<long long>(std::llround(seconds));
    const long long d = total / 86400, h = total % 86400 / 3600, m = total % 3600 / 60,
                    s = total % 60;
    std::string out;
    if (d > 0) {
        out += std::to_string(d) + " d ";
    }
    return out + strprintf("%02lld:%02lld:%02lld", h, m, s);
}

} // namespace

int run_trace_stats(const parsed_args& a, std::ostream& out) {
    if (a.positional.size() != 1) {
        throw usage_error(a.positional.empty() ? "trace-stats: missing TRACE"
                                               : "trace-stats: expected one TRACE, got " +
                                                     std::to_string(a.positional.size()));
    }
    const std::string& path = a.positional[0];
    std::string format = a.value("--format");
    if (format.empty()) {
        if (!std::filesystem::exists(path)) {
            throw io_error(path + ": cannot open (no such file)");
        }
        format = detect_format(path);
    }
    const double interval_s = a.seconds_value("--interval-s", 60);
    trace t;
    if (format == "csv") {
        t = io::read_csv_trace(path);
    } else if (format == "cloudwatch") {
        t = io::read_cloudwatch_json(path);
    } else if (format == "json") {
        t = io::read_json_trace(path);
    } else if (format == "access_log") {
        t = io::read_access_log_counts(path, static_cast<time_ms>(std::llround(interval_s * 1000)));
    } else {
        throw usage_error("trace-stats: --format: expected csv, cloudwatch, json or access_log, "
                          "got \"" +
                          format + "\"");
    }
    const trace_stats st = t.stats();
    const double interval = ms_to_seconds(t.interval_ms());
    out << strprintf("trace           %s (%s)\n", path.c_str(), format.c_str());
    out << strprintf("interval        %g s\n", interval);
    out << strprintf("start           %s\n", t.start_epoch_ms() != 0
                                                 ? io::format_iso8601(t.start_epoch_ms()).c_str()
                                                 : "unknown (times relative to the trace start)");
    out << strprintf("length          %zu intervals (%s)\n", st.intervals,
                     duration_text(ms_to_seconds(t.duration_ms())).c_str());
    out << strprintf("requests        %.10g\n", st.total);
    out << strprintf("rate            mean %.6g req/s, peak %.6g req/s, peak-to-mean %.4g\n",
                     st.mean_rate_per_s, st.peak_rate_per_s, st.peak_to_mean);
    out << strprintf("per interval    mean %.6g, p50 %.6g, p95 %.6g, p99 %.6g, peak %.6g\n",
                     st.mean, st.p50, st.p95, st.p99, st.peak);
    return 0;
}

} // namespace autoscalesim::cli
