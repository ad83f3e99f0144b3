#include "autoscalesim/io/json_trace.hpp"

#include "detail/json_docs.hpp"
#include "detail/text.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/io/results.hpp"

#include <cmath>
#include <cstdio>

namespace autoscalesim::io {

std::string format_json_trace(const trace& t) {
    std::string out = "{\"format\":\"autoscalesim.trace\",\"version\":1,\"interval_ms\":" +
                      std::to_string(t.interval_ms()) +
                      ",\"start_epoch_ms\":" + std::to_string(t.start_epoch_ms()) + ",\"counts\":[";
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += detail::format_double(t.counts()[i]);
    }
    out += "]}";
    return out;
}

void write_json_trace(const trace& t, const std::string& path) {
    write_text_file_atomic(path, format_json_trace(t) + "\n");
}

trace read_json_trace(const std::string& path) {
    return parse_json_trace(detail::read_file(path), path);
}

trace parse_json_trace(std::string_view text, const std::string& name) {
    const auto docs = detail::parse_json_documents(text, name);
    if (docs.size() != 1) {
        throw trace_error(name + ": expected one JSON document, found " +
                          std::to_string(docs.size()));
    }
    const nlohmann::json& j = docs[0].value;
    const std::string expected =
        "expected an autoscalesim trace {\"format\": \"autoscalesim.trace\", \"version\": 1, "
        "\"interval_ms\", \"start_epoch_ms\", \"counts\"}";
    if (!j.is_object() || !j.contains("format") || j["format"] != "autoscalesim.trace") {
        throw trace_error(name + ": " + expected + ", found " + detail::describe_json(j));
    }
    if (!j.contains("version") || j["version"] != 1) {
        throw trace_error(name + ": /version: expected 1, got " +
                          (j.contains("version") ? detail::got(j["version"]) : "nothing"));
    }
    // (an unknown member would be ignored: "interval_s" for "interval_ms", say)
    for (const auto& item : j.items()) {
        const std::string& k = item.key();
        if (k != "format" && k != "version" && k != "interval_ms" && k != "start_epoch_ms" &&
            k != "counts") {
            throw trace_error(name + ": member " + detail::quoted(k) + " is unknown; " + expected);
        }
    }
    auto integer = [&](const char* key) {
        if (!j.contains(key) || !j[key].is_number_integer()) {
            throw trace_error(name + ": /" + key +
                              ": expected an integer number of milliseconds, got " +
                              (j.contains(key) ? detail::got(j[key]) : "nothing"));
        }
        if (j[key].is_number_unsigned() &&
            j[key].get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
            throw trace_error(name + ": /" + key + ": out of range: " + j[key].dump());
        }
        return j[key].get<time_ms>();
    };
    const time_ms interval = integer("interval_ms");
    const time_ms start = integer("start_epoch_ms");
    // As the CSV reader bounds its times.
    if (start < -detail::max_abs_epoch_ms || start > detail::max_abs_epoch_ms) {
        throw trace_error(name + ": /start_epoch_ms: " + std::to_string(start) +
                          " is not within +-1e15 ms (some 31,700 years) of 1970");
    }
    if (!j.contains("counts") || !j["counts"].is_array()) {
        throw trace_error(name + ": /counts: expected an array of counts");
    }
    const auto& arr = j["counts"];
    if (arr.empty()) {
        throw trace_error(name + ": /counts: empty; a trace has at least one interval");
    }
    std::vector<double> counts(arr.size());
    for (std::size_t i = 0; i < arr.size(); ++i) {
        const double v = arr[i].is_number() ? arr[i].get<double>() : -1;
        if (!arr[i].is_number() || !std::isfinite(v) || v < 0) {
            throw trace_error(name + ": /counts/" + std::to_string(i) +
                              ": expected a count >= 0, got " + detail::got(arr[i]));
        }
        counts[i] = v;
    }
    try {
        return trace(std::move(counts), interval, start);
    } catch (const trace_error& e) {
        throw trace_error(name + ": " + e.what());
    }
}

} // namespace autoscalesim::io
