#include "autoscalesim/io/results.hpp"

#include "detail/text.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/simulator.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#ifdef _WIN32
#include <process.h>
#else
#include <unistd.h>
#endif

namespace autoscalesim::io {

namespace {

namespace fs = std::filesystem;

// Members keep the order they are written in (nlohmann::json would sort the keys).
using ordered = nlohmann::ordered_json;

// JSON has no NaN or infinity; null is what Python's json and pandas read back as missing.
ordered json_number(double v) {
    if (!std::isfinite(v)) {
        return nullptr;
    }
    return v;
}

// fields[i] is the value of summary_fields()[i].
ordered summary_object(const std::vector<double>& fields) {
    ordered j = ordered::object();
    const auto& names = summary_fields();
    for (std::size_t i = 0; i < names.size() && i < fields.size(); ++i) {
        const double v = fields[i];
        if (is_count_field(names[i]) && std::isfinite(v) && v == std::floor(v)) {
            j[names[i]] = static_cast<long long>(v);
        } else {
            j[names[i]] = json_number(v);
        }
    }
    return j;
}

ordered summary_object(const summary& s) {
    std::vector<double> fields;
    for (const auto& f : summary_fields()) {
        fields.push_back(summary_value(s, f));
    }
    return summary_object(fields);
}

std::string csv_number(double v) {
    return detail::format_double(v);
}

} // namespace

std::string process_tag() {
#ifdef _WIN32
    return std::to_string(_getpid());
#else
    return std::to_string(::getpid());
#endif
}

namespace {

// Writes text to f and closes it; on failure throws io_error naming path and why (errno: a full
// disk is "No space left on device"), after calling cleanup.
template <class Cleanup>
void write_and_close(std::FILE* f, const std::string& path, std::string_view text,
                     Cleanup&& cleanup) {
    const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    int why = written ? 0 : errno;
    const bool closed = std::fclose(f) == 0;
    if (!closed && why == 0) why = errno;
    if (!written || !closed) {
        cleanup();
        throw io_error(path + ": write failed (" +
                       (why != 0 ? std::string(std::strerror(why)) : std::string("unknown error")) +
                       ")");
    }
}

} // namespace

void write_text_file_atomic(const std::string& path, std::string_view text) {
    const fs::path target(path);
    std::error_code ec;
    const auto st = fs::status(target, ec);
    if (!ec && fs::exists(st) && !fs::is_regular_file(st) && !fs::is_directory(st)) {
        // A device or a pipe (/dev/stdout, /dev/full, a FIFO): written to, never replaced by a
        // renamed file.
        std::FILE* f = std::fopen(path.c_str(), "wb");
        if (f == nullptr) {
            throw io_error(path + ": cannot open for writing (" + std::strerror(errno) + ")");
        }
        write_and_close(f, path, text, [] {});
        return;
    }
    // A unique name per process and call, beside the target so that the rename stays on one file
    // system (and is therefore atomic).
    static std::atomic<unsigned> counter{0};
    fs::path tmp = target;
    tmp += ".tmp-" + process_tag() + "-" + std::to_string(counter++);

    std::FILE* f = std::fopen(tmp.string().c_str(), "wb");
    if (f == nullptr) {
        throw io_error(path + ": cannot open for writing (" + std::strerror(errno) + ")");
    }
    write_and_close(f, path, text, [&] { fs::remove(tmp, ec); });
    fs::rename(tmp, target, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        throw io_error(path + ": cannot replace the file: " + ec.message());
    }
}

std::string format_summary_json(const summary& s) {
    return summary_object(s).dump(2) + "\n";
}

void write_summary_json(const summary& s, const std::string& path) {
    write_text_file_atomic(path, format_summary_json(s));
}

std::string format_shared_summary_json(const shared_result& r,
                                       const std::vector<std::string>& names) {
    ordered j = ordered::object();
    j["cost_usd"] = json_number(r.cost_usd);
    j["instance_hours"] = json_number(r.instance_hours);
    j["unallocated_instance_hours"] = json_number(r.unallocated_instance_hours);
    j["idle_instance_hours"] = json_number(r.idle_instance_hours);
    j["peak_instances"] = r.peak_instances;
    j["instances_launched"] = r.instances_launched;
    j["moved_copies"] = r.moved_copies;
    ordered components = ordered::array();
    for (std::size_t i = 0; i < r.components.size(); ++i) {
        ordered c = ordered::object();
        c["name"] = i < names.size() ? names[i] : std::to_string(i);
        c["summary"] = "summary-" + std::to_string(i) + ".json";
        c["cost_usd"] = json_number(r.components[i].totals.cost_usd);
        components.push_back(std::move(c));
    }
    j["components"] = std::move(components);
    return j.dump(2) + "\n";
}

std::string format_evaluations_csv(const optimize::search_result& r,
                                   const std::vector<optimize::evaluation>& rows) {
    std::string out = "index";
    for (const auto& p : r.parameter_names) {
        out += ',' + detail::csv_field(p);
    }
    for (const auto& o : r.objective_names) {
        out += ',' + detail::csv_field("objective_" + o);
    }
    out += ",feasible,violation";
    for (const auto& f : summary_fields()) {
        out += ',' + f;
    }
    out += '\n';
    const std::size_t n_fields = summary_fields().size();
    for (const auto& e : rows) {
        out += std::to_string(e.index);
        for (std::size_t i = 0; i < r.parameter_names.size(); ++i) {
            out += ',' + (i < e.parameters.size() ? csv_number(e.parameters[i]) : "nan");
        }
        for (std::size_t i = 0; i < r.objective_names.size(); ++i) {
            out += ',' + (i < e.objectives.size() ? csv_number(e.objectives[i]) : "nan");
        }
        out += e.feasible ? ",1," : ",0,";
        out += csv_number(e.violation);
        for (std::size_t i = 0; i < n_fields; ++i) {
            out += ',' + (i < e.fields.size() ? csv_number(e.fields[i]) : "nan");
        }
        out += '\n';
    }
    return out;
}

void write_front_csv(const optimize::search_result& r, const std::string& path) {
    write_text_file_atomic(path, format_evaluations_csv(r, r.front));
}

void write_evaluations_csv(const optimize::search_result& r, const std::string& path) {
    write_text_file_atomic(path, format_evaluations_csv(r, r.evaluations));
}

std::string format_search_summary_json(const optimize::search_result& r,
                                       const std::optional<optimize::evaluation>& recommended) {
    ordered j = ordered::object();
    j["evaluated"] = r.evaluated;
    j["slice_evaluated"] = r.slice_evaluated;
    j["feasible"] = r.feasible;
    j["space_size"] = r.space_size;
    j["skipped"] = r.skipped;
    j["answered"] = r.answered;
    j["front_size"] = r.front.size();
    j["hypervolume"] = json_number(r.hypervolume);
    ordered ref = ordered::array();
    for (double v : r.reference_point) {
        ref.push_back(json_number(v));
    }
    j["reference_point"] = ref;
    j["parameter_names"] = r.parameter_names;
    j["objective_names"] = r.objective_names;
    j["stopped"] = r.stopped;
    j["stop_reason"] = r.stop_reason_words();
    j["message"] = r.message;
    j["elapsed_s"] = json_number(r.elapsed_s);
    if (recommended) {
        const auto& e = *recommended;
        ordered rec = ordered::object();
        rec["index"] = e.index;
        ordered params = ordered::object();
        for (std::size_t i = 0; i < r.parameter_names.size() && i < e.parameters.size(); ++i) {
            params[r.parameter_names[i]] = json_number(e.parameters[i]);
        }
        rec["parameters"] = params;
        ordered objs = ordered::object();
        for (std::size_t i = 0; i < r.objective_names.size() && i < e.objectives.size(); ++i) {
            objs[r.objective_names[i]] = json_number(e.objectives[i]);
        }
        rec["objectives"] = objs;
        rec["feasible"] = e.feasible;
        rec["violation"] = json_number(e.violation);
        rec["summary"] = summary_object(e.fields);
        j["recommended"] = rec;
    } else {
        j["recommended"] = nullptr;
    }
    return j.dump(2) + "\n";
}

void write_search_summary_json(const optimize::search_result& r,
                               const std::optional<optimize::evaluation>& recommended,
                               const std::string& path) {
    write_text_file_atomic(path, format_search_summary_json(r, recommended));
}

} // namespace autoscalesim::io
