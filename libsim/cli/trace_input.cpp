#include "trace_input.hpp"

#include "commands.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/io/access_log.hpp"
#include "autoscalesim/io/cloudwatch.hpp"
#include "autoscalesim/io/csv_trace.hpp"
#include "autoscalesim/io/json_trace.hpp"
#include "autoscalesim/io/trace_spec.hpp"
#include "io/detail/text.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

namespace autoscalesim::cli {

std::vector<option_spec> trace_input_options() {
    return {{"--format", true},        {"--gaps", true},      {"--id", true},
            {"--statistic", true},     {"--metric", true},    {"--period", true},
            {"--mixed-periods", true}, {"--max-gap-s", true}, {"--max-gap-ratio", true},
            {"--interval-s", true},    {"--delimiter", true}};
}

namespace {

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
    const std::string ext =
        io::detail::ascii_lower(std::filesystem::path(path).extension().string());
    if (ext == ".csv" || ext == ".tsv") {
        return "csv";
    }
    if (ext == ".log" || ext == ".txt") {
        return "access_log";
    }
    if (!std::filesystem::exists(path)) {
        throw io_error(path + ": cannot open (no such file)");
    }
    if (ext == ".json") {
        return json_flavour(path);
    }
    throw usage_error("cannot tell the format of '" + path +
                      "' from its name; pass --format csv|cloudwatch|json|access_log");
}

io::gap_policy gap_option(const parsed_args& a, io::gap_policy fallback) {
    const std::string g = a.value("--gaps");
    if (g.empty()) {
        return fallback;
    }
    io::gap_policy p{};
    if (!parse_enum(g, p)) {
        throw usage_error("--gaps: " + unknown_name<io::gap_policy>("\"" + g + "\""));
    }
    return p;
}

// The reader options each format reads. Any other given is refused (a usage error) rather than
// ignored: `--statistic Average` on a CSV, or `--period 60` on an access log, would otherwise
// look applied.
void refuse_other_options(const parsed_args& a, const std::string& format) {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> reads = {
        {"csv", {"--gaps", "--period", "--max-gap-ratio", "--delimiter"}},
        {"cloudwatch",
         {"--gaps", "--id", "--statistic", "--metric", "--period", "--mixed-periods", "--max-gap-s",
          "--max-gap-ratio"}},
        {"json", {}},
        {"access_log", {"--interval-s", "--max-gap-ratio"}}};
    const auto it =
        std::find_if(reads.begin(), reads.end(), [&](const auto& r) { return r.first == format; });
    if (it == reads.end()) {
        return; // an unknown format: refused by the caller with the list of formats
    }
    for (const auto& spec : trace_input_options()) {
        const std::string& name = spec.name;
        if (name == "--format" || a.values.count(name) == 0 ||
            std::find(it->second.begin(), it->second.end(), name) != it->second.end()) {
            continue;
        }
        std::string readers;
        for (const auto& [f, options] : reads) {
            if (std::find(options.begin(), options.end(), name) != options.end()) {
                readers += (readers.empty() ? "" : " and ") +
                           std::string(f == "cloudwatch"   ? "CloudWatch exports"
                                       : f == "access_log" ? "access logs"
                                                           : f + " traces");
            }
        }
        const std::string shown =
            format == "access_log" ? std::string("an access log") : "a " + format + " trace";
        throw usage_error(name + ": applies to " + readers + ", not to " + shown +
                          " (the trace's format; --format sets it)");
    }
}

} // namespace

trace_input read_trace_input(const std::vector<std::string>& paths, const parsed_args& a,
                             double default_max_gap_s) {
    trace_input in;
    for (const auto& p : paths) {
        in.names += (in.names.empty() ? "" : ", ") + p;
    }
    in.format = a.value("--format");
    if (in.format.empty()) {
        in.format = detect_format(paths.front());
    }
    if (in.format != "cloudwatch" && paths.size() > 1) {
        throw usage_error("several trace files are read only as CloudWatch pages or parts; got " +
                          std::to_string(paths.size()) + " " + in.format + " files");
    }
    refuse_other_options(a, in.format);
    const std::string& path = paths.front();
    const double ratio = a.number_in("--max-gap-ratio", 10, 0, 1e12); // a ratio, not seconds
    if (in.format == "csv") {
        io::csv_options o;
        o.gaps = gap_option(a, o.gaps);
        o.max_gap_ratio = ratio;
        o.interval_ms = seconds_to_ms(a.seconds_value("--period", 0));
        const std::string delimiter = a.value("--delimiter", ",");
        const std::string tab = "\\t";
        if (delimiter == tab) {
            o.delimiter = '\t';
        } else if (delimiter.size() == 1 && delimiter[0] != '"' && delimiter[0] != '\n') {
            o.delimiter = delimiter[0];
        } else {
            throw usage_error("--delimiter: expected one character (\\t for a tab), got \"" +
                              delimiter + "\"");
        }
        io::gap_fill_report filled;
        in.traffic = io::read_csv_trace(path, o, &filled);
        if (filled.filled_intervals > 0) {
            in.notes.push_back("gaps: " + io::csv_gap_text(filled, in.traffic, o.gaps));
        }
    } else if (in.format == "cloudwatch") {
        io::cloudwatch_options o;
        o.gaps = gap_option(a, io::gap_policy::zero);
        o.max_gap_ratio = ratio;
        o.id = a.value("--id");
        o.statistic = a.value("--statistic", o.statistic);
        o.metric = a.value("--metric", o.metric);
        o.interval_ms = seconds_to_ms(a.seconds_value("--period", 0));
        o.max_gap_ms = seconds_to_ms(a.seconds_value("--max-gap-s", default_max_gap_s));
        const std::string mixed = a.value("--mixed-periods", "error");
        if (mixed != "error" && mixed != "spread") {
            throw usage_error("--mixed-periods: expected error or spread, got \"" + mixed + "\"");
        }
        o.periods = mixed == "spread" ? io::mixed_periods::spread : io::mixed_periods::error;
        io::cloudwatch_report r;
        in.traffic = io::read_cloudwatch_json(paths, o, &r);
        in.notes = io::report_lines(r, in.traffic, o.gaps);
    } else if (in.format == "json") {
        in.traffic = io::read_json_trace(path);
    } else if (in.format == "access_log") {
        const double interval_s = a.number_in("--interval-s", 60, 1, 3600); // seconds
        io::access_log_options o;
        o.max_gap_ratio = ratio;
        in.traffic = io::read_access_log_counts(
            path, static_cast<time_ms>(std::llround(interval_s * 1000)), o);
    } else {
        throw usage_error("--format: expected csv, cloudwatch, json or access_log, got \"" +
                          in.format + "\"");
    }
    return in;
}

io::aws_scaling read_deployed_variant(const parsed_args& a) {
    io::aws_scaling deployed =
        io::read_aws_scaling(split_commas(a.value("--policy-from")), a.value("--resource-id"));
    try {
        io::check_endpoint_kind(deployed, endpoint_kind::real_time);
    } catch (const config_error& e) {
        throw config_error(error_location{"", 0, "--policy-from"},
                           e.problem() +
                               "; this command models an endpoint variant's instances (simulate "
                               "or optimize a scenario of that kind instead)");
    }
    return deployed;
}

} // namespace autoscalesim::cli
