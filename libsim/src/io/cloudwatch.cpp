#include "autoscalesim/io/cloudwatch.hpp"

#include "detail/grid.hpp"
#include "detail/json_docs.hpp"
#include "detail/text.hpp"

#include "autoscalesim/errors.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>

namespace autoscalesim::io {

namespace {

using nlohmann::json;

const std::string expected_shape =
    "expected a JSON object with \"Datapoints\" (aws cloudwatch get-metric-statistics) or "
    "\"MetricDataResults\" (aws cloudwatch get-metric-data)";

// Collects the points of every document of every file. A point's `where` is (segment << 32) |
// index; a segment is the location prefix of an array, e.g. "f.json: /Datapoints/".
struct collector {
    const cloudwatch_options& opt;
    bool traffic = true; // a trace (request counts), not a metric's series: Label and Unit checked
    std::vector<detail::point> points{};
    std::vector<std::string> segments{};
    std::vector<std::size_t> segment_source{}; // per segment: its index in report.sources
    cloudwatch_report report{};
    std::set<std::string> ids_seen{};
    std::size_t data_pages = 0, data_pages_with_token = 0;
    // get-metric-data, per Id read: a result says Complete; where the first says PartialData.
    struct id_status {
        bool complete = false;
        std::string partial_at{};
    };
    std::map<std::string, id_status> statuses{};

    std::string where(std::uint64_t w) const {
        return segments[static_cast<std::size_t>(w >> 32)] + std::to_string(w & 0xffffffffULL);
    }

    // source is the file or page the segment belongs to ("f.json", "f.json: document 2 ...").
    std::uint64_t segment(std::string prefix, std::string source) {
        if (report.sources.empty() || report.sources.back().name != source) {
            report.sources.push_back({std::move(source), 0, 0});
        }
        segment_source.push_back(report.sources.size() - 1);
        segments.push_back(std::move(prefix));
        return static_cast<std::uint64_t>(segments.size() - 1) << 32;
    }

    time_ms timestamp(const json& v, const std::string& at) const {
        time_ms ms = 0;
        std::string why;
        if (v.is_string()) {
            const auto& s = v.get_ref<const std::string&>();
            if (!detail::parse_iso8601_ms(s, false, ms, why)) {
                throw trace_error(at + ": timestamp \"" + s + "\": " + why);
            }
            return ms;
        }
        if (v.is_number()) { // epoch seconds, as some SDKs print; milliseconds from 1e11 on
            const double s = v.get<double>();
            if (!detail::parse_epoch_ms(detail::format_double(s), detail::epoch_scale_to_ms(s),
                                        ms)) {
                throw trace_error(at + ": timestamp " + v.dump() +
                                  " is out of range (epoch seconds, or milliseconds from 1e11 "
                                  "on, within 1e15 ms of 1970)");
            }
            return ms;
        }
        throw trace_error(at + ": expected a timestamp (an ISO-8601 string), got " +
                          detail::describe_json(v));
    }

    double count(const json& v, const std::string& at) const {
        if (!v.is_number()) {
            throw trace_error(at + ": expected a number, got " + detail::describe_json(v));
        }
        const double x = v.get<double>();
        if (!std::isfinite(x) || x < 0) {
            throw trace_error(at + ": expected a count >= 0, got " + v.dump());
        }
        return x + 0.0;
    }

    // A trace is read from opt.metric: a Label naming another is an error (its values count no
    // requests). id: the get-metric-data result's Id, nullptr for get-metric-statistics.
    void check_label(const json& o, const std::string& at, const std::string* id) const {
        if (!traffic || opt.metric.empty() || !o.contains("Label")) {
            return;
        }
        const json& v = o["Label"];
        if (!v.is_string()) {
            throw trace_error(at + ": expected a string, got " + detail::describe_json(v));
        }
        const auto& label = v.get_ref<const std::string&>();
        if (label == opt.metric) {
            return;
        }
        const std::string what =
            id == nullptr ? std::string("the export") : "the result of Id " + detail::quoted(*id);
        if (label.empty()) {
            // (a query whose Label was set to "")
            throw trace_error(at + ": " + what + " has an empty Label, so it cannot say it is " +
                              opt.metric +
                              ", the metric a trace is read from; check that it is "
                              "and read it with the command's --metric \"\" (Python's "
                              "metric=\"\"), which accepts any");
        }
        throw trace_error(
            at + ": " + detail::quoted(label) + ": " + what + " is of " + label + ", not " +
            opt.metric + ", the metric a trace is read from" +
            (id == nullptr ? std::string(" (get-metric-statistics labels an export with its "
                                         "metric's name)")
                           : std::string(" (get-metric-data's Label is the metric's name unless "
                                         "the query set one)")) +
            "; export " + opt.metric +
            ", or, if this metric does count requests, name it as the metric (the command's "
            "--metric " +
            label + ", Python's metric=\"" + label + "\")");
    }

    // A trace's datapoints count requests: a unit of anything else (ModelLatency's Microseconds,
    // CPUUtilization's Percent) is another metric. SampleCount is a count whatever the unit.
    void check_unit(const json& dp, const std::string& at) const {
        if ((!traffic && opt.unit.empty()) || opt.statistic == "SampleCount" ||
            !dp.contains("Unit")) {
            return;
        }
        const json& v = dp["Unit"];
        if (!v.is_string()) {
            throw trace_error(at + ": expected a unit name (a string), got " +
                              detail::describe_json(v));
        }
        const auto& unit = v.get_ref<const std::string&>();
        if (!traffic) { // a metric's series in the unit asked for
            if (unit != opt.unit) {
                throw trace_error(
                    at + ": " + detail::quoted(unit) + ": expected " + detail::quoted(opt.unit) +
                    (opt.metric.empty() ? std::string()
                                        : " (the unit AWS publishes " + opt.metric + " in)") +
                    "; is this export of another metric?");
            }
            return;
        }
        const bool rate = opt.values == value_kind::rate_per_s;
        if (unit == "None" || unit == "Count" || (rate && unit == "Count/Second")) {
            return;
        }
        throw trace_error(at + ": " + detail::quoted(unit) +
                          ": a trace counts requests, so its datapoints must be counts (Unit "
                          "\"None\", as SageMaker publishes Invocations, or \"Count\"" +
                          (rate ? std::string(" or \"Count/Second\"") : std::string()) +
                          "); this export is of another metric (ModelLatency is in "
                          "Microseconds, CPUUtilization in Percent): export " +
                          (opt.metric.empty() ? std::string("Invocations") : opt.metric));
    }

    // get-metric-data's StatusCode (MetricDataResult in the CloudWatch API reference): Complete,
    // PartialData (more pages follow), InternalError or Forbidden (no data to trust).
    void check_status(const json& res, const std::string& at, const std::string& id) {
        auto& status = statuses[id];
        if (!res.contains("StatusCode")) {
            return;
        }
        const json& v = res["StatusCode"];
        const std::string where_status = at + "/StatusCode";
        if (!v.is_string()) {
            throw trace_error(where_status + ": expected a string, got " +
                              detail::describe_json(v));
        }
        const auto& code = v.get_ref<const std::string&>();
        if (code == "Complete") {
            status.complete = true;
            return;
        }
        if (code == "PartialData") {
            if (status.partial_at.empty()) {
                status.partial_at = at;
            }
            return;
        }
        const std::string result = "the result of Id " + detail::quoted(id);
        if (code == "InternalError") {
            throw trace_error(where_status + ": \"InternalError\": CloudWatch failed to return " +
                              result +
                              " (an internal error; its values may be missing): export it again");
        }
        if (code == "Forbidden") {
            throw trace_error(where_status + ": \"Forbidden\": CloudWatch refused to return " +
                              result +
                              " (access to its data was denied): export it with credentials "
                              "that may read the metric");
        }
        throw trace_error(where_status + ": " + detail::quoted(code) + ": unknown status of " +
                          result + " (expected Complete, PartialData, InternalError or Forbidden)");
    }

    // "f.json: " -> "f.json"; "f.json: document 2 (line 9): /1" -> "f.json: document 2 (line 9)/1"
    static std::string source_name(const std::string& prefix) {
        std::string name = prefix;
        const auto cut = name.rfind(": ");
        if (cut != std::string::npos && cut + 2 == name.size()) {
            name.resize(cut);
        } else if (cut != std::string::npos && name.compare(cut + 2, 1, "/") == 0) {
            name.erase(cut, 2);
        }
        return name;
    }

    void statistics(const json& doc, const std::string& prefix) {
        const json& dps = doc["Datapoints"];
        if (!dps.is_array()) {
            throw trace_error(prefix + "/Datapoints: expected an array, got " +
                              detail::describe_json(dps));
        }
        check_label(doc, prefix + "/Label", nullptr);
        const std::uint64_t seg = segment(prefix + "/Datapoints/", source_name(prefix));
        for (std::size_t i = 0; i < dps.size(); ++i) {
            const json& dp = dps[i];
            const std::uint64_t w = seg | i;
            const std::string at = where(w);
            if (!dp.is_object()) {
                throw trace_error(at + ": expected a datapoint object, got " +
                                  detail::describe_json(dp));
            }
            if (!dp.contains("Timestamp")) {
                throw trace_error(at + ": no \"Timestamp\" (the datapoint is " +
                                  detail::describe_json(dp) + ")");
            }
            detail::point p{timestamp(dp["Timestamp"], at + "/Timestamp"), 0, w};
            check_unit(dp, at + "/Unit");
            const json* extended = dp.contains("ExtendedStatistics") &&
                                           dp["ExtendedStatistics"].is_object() &&
                                           dp["ExtendedStatistics"].contains(opt.statistic)
                                       ? &dp["ExtendedStatistics"][opt.statistic]
                                       : nullptr;
            if (dp.contains(opt.statistic)) {
                p.value = count(dp[opt.statistic], at + "/" + opt.statistic);
            } else if (extended != nullptr) { // --extended-statistics p99
                p.value = count(*extended, at + "/ExtendedStatistics/" + opt.statistic);
            } else if (opt.statistic == "Sum" && dp.contains("Average") &&
                       dp.contains("SampleCount")) {
                p.value = count(dp["Average"], at + "/Average") *
                          count(dp["SampleCount"], at + "/SampleCount");
            } else {
                const bool percentile =
                    !opt.statistic.empty() && (opt.statistic[0] == 'p' || opt.statistic[0] == 't');
                throw trace_error(at + ": no \"" + opt.statistic + "\" (the datapoint is " +
                                  detail::describe_json(dp) + "); export with " +
                                  (percentile ? "--extended-statistics " : "--statistics ") +
                                  opt.statistic + " or choose the statistic that is there");
            }
            points.push_back(p);
        }
        if (traffic && opt.values == value_kind::count_per_interval && opt.statistic != "Sum" &&
            opt.statistic != "SampleCount") {
            // (Checked after each datapoint's unit and statistic, which say more.) A mean,
            // extreme or percentile per datapoint counts nothing: 5 requests a minute
            // published as 5 samples of 1 have an Average of 1.
            throw trace_error(prefix + "/Datapoints: the statistic " +
                              detail::quoted(opt.statistic) +
                              " is not a count of requests per period: read a trace from Sum "
                              "(or SampleCount), or, for a metric whose " +
                              opt.statistic +
                              " is a rate per second, read it as one (a scenario's "
                              "trace.values: \"rate_per_s\", Python's values=\"rate_per_s\")");
        }
    }

    void metric_data(const json& doc, const std::string& prefix) {
        const json& results = doc["MetricDataResults"];
        if (!results.is_array()) {
            throw trace_error(prefix + "/MetricDataResults: expected an array, got " +
                              detail::describe_json(results));
        }
        ++data_pages;
        if (doc.contains("NextToken") && doc["NextToken"].is_string() &&
            !doc["NextToken"].get_ref<const std::string&>().empty()) {
            ++data_pages_with_token;
        }
        for (std::size_t r = 0; r < results.size(); ++r) {
            const json& res = results[r];
            const std::string at = prefix + "/MetricDataResults/" + std::to_string(r);
            if (!res.is_object()) {
                throw trace_error(at + ": expected a result object, got " +
                                  detail::describe_json(res));
            }
            for (const char* key : {"Timestamps", "Values"}) {
                if (!res.contains(key) || !res[key].is_array()) {
                    throw trace_error(at + ": expected \"" + key +
                                      "\" to be an array (the result is " +
                                      detail::describe_json(res) + ")");
                }
            }
            const std::string id =
                res.contains("Id") && res["Id"].is_string() ? res["Id"].get<std::string>() : "";
            ids_seen.insert(id);
            if (!opt.id.empty() && id != opt.id) {
                continue;
            }
            check_status(res, at, id);
            check_label(res, at + "/Label", &id);
            const json& ts = res["Timestamps"];
            const json& vs = res["Values"];
            if (ts.size() != vs.size()) {
                throw trace_error(at + ": " + std::to_string(ts.size()) + " Timestamps but " +
                                  std::to_string(vs.size()) + " Values");
            }
            const std::uint64_t seg = segment(at + "/Timestamps/", source_name(prefix));
            for (std::size_t i = 0; i < ts.size(); ++i) {
                const std::uint64_t w = seg | i;
                points.push_back({timestamp(ts[i], where(w)),
                                  count(vs[i], at + "/Values/" + std::to_string(i)), w});
            }
        }
    }

    // file_prefix is "name: " or "name: document 2 (line 9): "; path is "" or "/3" inside an array.
    void document(const json& doc, const std::string& file_prefix, const std::string& path) {
        if (doc.is_object() && doc.contains("Datapoints") && doc.contains("MetricDataResults")) {
            // Two exports in one object: reading either would drop the other without a word.
            throw trace_error(file_prefix + (path.empty() ? "" : path + ": ") +
                              "holds both \"Datapoints\" (get-metric-statistics) and "
                              "\"MetricDataResults\" (get-metric-data); keep one export per "
                              "document");
        }
        if (doc.is_object() && doc.contains("Datapoints")) {
            statistics(doc, file_prefix + path);
        } else if (doc.is_object() && doc.contains("MetricDataResults")) {
            metric_data(doc, file_prefix + path);
        } else {
            throw trace_error(file_prefix + (path.empty() ? "" : path + ": ") +
                              "not a CloudWatch export: " + expected_shape + ", found " +
                              detail::describe_json(doc));
        }
    }

    void file(std::string_view text, const std::string& name) {
        const auto docs = detail::parse_json_documents(text, name);
        for (std::size_t d = 0; d < docs.size(); ++d) {
            const std::string page = docs.size() > 1
                                         ? name + ": document " + std::to_string(d + 1) +
                                               " (line " + std::to_string(docs[d].line) + "): "
                                         : name + ": ";
            const json& v = docs[d].value;
            if (v.is_array()) { // pages collected into an array (jq -s)
                if (v.empty()) {
                    throw trace_error(page + "not a CloudWatch export: " + expected_shape +
                                      ", found an empty array");
                }
                for (std::size_t k = 0; k < v.size(); ++k) {
                    document(v[k], page, "/" + std::to_string(k));
                }
            } else {
                document(v, page, "");
            }
        }
    }

    // Each source's period is the greatest common divisor of its steps (a sparse 1-minute export
    // still has steps of 2 and 3 minutes). Returns the finest period; with several, refuses or
    // marks the export for spreading (mixed_periods).
    time_ms periods(const std::string& name) {
        std::vector<std::vector<time_ms>> times(report.sources.size());
        for (const auto& p : points) {
            times[segment_source[static_cast<std::size_t>(p.where >> 32)]].push_back(p.t_ms);
        }
        std::set<time_ms> distinct;
        for (std::size_t k = 0; k < times.size(); ++k) {
            auto& t = times[k];
            std::sort(t.begin(), t.end());
            time_ms g = 0;
            for (std::size_t i = 1; i < t.size(); ++i) {
                g = std::gcd(g, t[i] - t[i - 1]);
            }
            report.sources[k].period_ms = g;
            report.sources[k].datapoints = t.size();
            if (g > 0) {
                distinct.insert(g);
            }
        }
        const time_ms finest = opt.interval_ms > 0 ? opt.interval_ms
                               : distinct.empty()  ? 0
                                                   : *distinct.begin();
        if (distinct.size() < 2) {
            return finest;
        }
        std::string list;
        for (const auto& src : report.sources) {
            if (src.period_ms > 0) {
                list += (list.empty() ? "" : ", ") + src.name + " (" +
                        detail::format_double(ms_to_seconds(src.period_ms)) + " s)";
            }
        }
        if (opt.periods == mixed_periods::error) {
            throw trace_error(
                name + ": the export mixes periods: " + list +
                "; CloudWatch keeps 1-minute data for 15 days and 5-minute data for 63 days. "
                "Export the whole range at one period (--period 300), or spread each coarser "
                "datapoint evenly over the finest period (mixed_periods spread, "
                "--mixed-periods spread)");
        }
        for (const auto& src : report.sources) {
            if (src.period_ms > 0 && src.period_ms % finest != 0) {
                throw trace_error(name + ": cannot spread " + src.name + "'s " +
                                  detail::format_double(ms_to_seconds(src.period_ms)) +
                                  " s period over " + detail::format_double(ms_to_seconds(finest)) +
                                  " s intervals (not a multiple)");
            }
        }
        report.spread = true;
        return finest;
    }

    // Splits every datapoint of a coarser source into period / finest points at the finest
    // period (a count divided evenly, a rate repeated).
    void spread_to(time_ms finest) {
        std::vector<detail::point> out;
        out.reserve(points.size());
        for (const auto& p : points) {
            const auto& src =
                report.sources[segment_source[static_cast<std::size_t>(p.where >> 32)]];
            const time_ms period = src.period_ms > finest ? src.period_ms : finest;
            const time_ms k = period / finest;
            const double v = opt.values == value_kind::count_per_interval
                                 ? p.value / static_cast<double>(k)
                                 : p.value;
            for (time_ms j = 0; j < k; ++j) {
                out.push_back({p.t_ms + j * finest, v, p.where});
            }
        }
        points = std::move(out);
    }

    // The checks every export passes, whatever it becomes.
    void check_complete(const std::string& name) const {
        if (data_pages > 0 && data_pages == data_pages_with_token) {
            throw trace_error(
                name + ": incomplete get-metric-data export: every page has a NextToken, so the "
                       "last page is missing (fetch it with --next-token)");
        }
        for (const auto& [id, status] : statuses) {
            if (!status.partial_at.empty() && !status.complete) {
                throw trace_error(name + ": incomplete get-metric-data export: the result of Id " +
                                  detail::quoted(id) + " at " + status.partial_at +
                                  " is PartialData and none says Complete, so its last page is "
                                  "missing (fetch it with --next-token)");
            }
        }
        if (opt.id.empty() && ids_seen.size() > 1) {
            std::string ids;
            for (const auto& i : ids_seen) {
                ids += (ids.empty() ? "\"" : ", \"") + i + "\"";
            }
            throw trace_error(name + ": the export has several metrics (Ids " + ids +
                              "); choose one with the id option (the command's --id)");
        }
        if (!opt.id.empty() && ids_seen.count(opt.id) == 0) {
            std::string ids;
            for (const auto& i : ids_seen) {
                ids += (ids.empty() ? "\"" : ", \"") + i + "\"";
            }
            throw trace_error(name + ": no MetricDataResults with Id \"" + opt.id + "\" (found " +
                              (ids.empty() ? std::string("none") : ids) + ")");
        }
        if (points.empty()) {
            throw trace_error(
                name + ": the export has no datapoints (check the time range, the dimensions "
                       "and that the endpoint had traffic)");
        }
    }

    metric_series series(const std::string& name) {
        check_complete(name);
        std::stable_sort(
            points.begin(), points.end(),
            [](const detail::point& a, const detail::point& b) { return a.t_ms < b.t_ms; });
        metric_series out;
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (i > 0 && points[i].t_ms == points[i - 1].t_ms) {
                throw trace_error(where(points[i].where) + ": timestamp " +
                                  detail::format_iso8601_ms(points[i].t_ms) +
                                  " is listed twice (also at " + where(points[i - 1].where) + ")");
            }
            out.epoch_ms.push_back(points[i].t_ms);
            out.values.push_back(points[i].value);
        }
        return out;
    }

    trace finish(const std::string& name) {
        check_complete(name);
        const time_ms finest = periods(name);
        // get-metric-data lists newest first and get-metric-statistics in no order.
        std::stable_sort(
            points.begin(), points.end(),
            [](const detail::point& a, const detail::point& b) { return a.t_ms < b.t_ms; });
        if (report.spread) {
            spread_to(finest);
        }
        detail::grid_options g;
        g.interval_ms = opt.interval_ms;
        g.gaps = opt.gaps;
        g.values = opt.values;
        g.max_intervals = opt.max_intervals;
        g.max_gap_ratio = opt.max_gap_ratio;
        g.max_fill_ms = opt.max_gap_ms;
        g.report = &report.gaps;
        detail::point_list list;
        for (const auto& p : points) {
            list.push_back(p);
        }
        return detail::build_trace(
            std::move(list), g, [this](std::uint64_t w) { return error_location{where(w), 0, ""}; },
            name);
    }
};

} // namespace

std::vector<std::string> report_lines(const cloudwatch_report& r, const trace& t, gap_policy gaps) {
    const auto seconds = [](time_ms ms) { return detail::format_double(ms_to_seconds(ms)) + " s"; };
    std::vector<std::string> lines;
    std::string periods;
    for (const auto& s : r.sources) {
        periods += (periods.empty() ? "" : ", ") + s.name + " " +
                   (s.datapoints == 0 ? std::string("(no datapoint)")
                    : s.period_ms > 0 ? seconds(s.period_ms) + " x " + std::to_string(s.datapoints)
                                      : std::string("(one datapoint)"));
    }
    lines.push_back("periods: " + periods);
    if (r.spread) {
        lines.push_back("spread: coarser datapoints split evenly over " + seconds(t.interval_ms()) +
                        " intervals (their peaks within the period are lost)");
    }
    if (r.gaps.filled_intervals == 0) {
        lines.emplace_back("gaps: none");
        return lines;
    }
    lines.push_back("gaps: " + gap_fill_text(r.gaps, t.size(), t.interval_ms(), gaps,
                                             "periods without a datapoint"));
    return lines;
}

trace read_cloudwatch_json(const std::string& path, const cloudwatch_options& options) {
    return read_cloudwatch_json(std::vector<std::string>{path}, options);
}

trace read_cloudwatch_json(const std::vector<std::string>& paths, const cloudwatch_options& options,
                           cloudwatch_report* report) {
    if (paths.empty()) {
        throw config_error("read_cloudwatch_json: no file given");
    }
    collector c{options};
    std::string names;
    for (const auto& p : paths) {
        c.file(detail::read_file(p), p);
        names += (names.empty() ? "" : ", ") + p;
    }
    trace t = c.finish(names);
    if (report != nullptr) {
        *report = std::move(c.report);
    }
    return t;
}

metric_series read_cloudwatch_series(const std::vector<std::string>& paths,
                                     const cloudwatch_options& options) {
    if (paths.empty()) {
        throw config_error("read_cloudwatch_series: no file given");
    }
    collector c{options, false};
    std::string names;
    for (const auto& p : paths) {
        c.file(detail::read_file(p), p);
        names += (names.empty() ? "" : ", ") + p;
    }
    return c.series(names);
}

metric_series parse_cloudwatch_series(std::string_view text, const cloudwatch_options& options,
                                      const std::string& name) {
    collector c{options, false};
    c.file(text, name);
    return c.series(name);
}

trace parse_cloudwatch_json(std::string_view text, const cloudwatch_options& options,
                            const std::string& name) {
    collector c{options};
    c.file(text, name);
    return c.finish(name);
}

} // namespace autoscalesim::io
