// The scenario file's "trace" section: read into a trace_spec, written from one.
#include "detail/scenario_sections.hpp"

#include <filesystem>
#include <string>
#include <utility>

namespace autoscalesim::io::detail {
// ---------------------------------------------------------------------------------------------
// Traces: the section reads into a trace_spec (trace_spec.hpp) and is written from one.

std::string resolve_path(const context& c, const std::string& file) {
    std::filesystem::path p(file);
    if (p.is_relative() && !c.base_dir.empty()) p = std::filesystem::path(c.base_dir) / p;
    std::string resolved = std::filesystem::absolute(p).lexically_normal().string();
    if (c.files != nullptr) c.files->push_back(resolved);
    return resolved;
}

// A generator's noise. A field of a noise model without "model" is a model forgotten:
// {"dispersion": 2} alone would draw no noise at all, the dispersion read and never used. (A
// written scenario.json gives "model", with every field, and reads back unchanged.)
template <>
noise_spec read_nested(const context& c, const json& j, const std::string& path, noise_spec s) {
    object_reader o(c, j, path);
    read_fields(c, o, s);
    if (!o.present("model")) {
        for (const char* key : {"dispersion", "seed"}) {
            if (o.present(key)) {
                fail(c, o.at(key),
                     "is for a noise model, and \"model\" is not given (the default \"none\" "
                     "draws no noise): give \"model\": \"negative_binomial\" or \"poisson\", "
                     "or no " +
                         std::string(key));
            }
        }
    }
    o.done();
    return s;
}

trace_spec read_trace_section(const context& c, const json& j, const std::string& path) {
    object_reader o(c, j, path);
    trace_spec s;
    const json* file = o.get("file");
    const json* gen = o.get("generator");
    if (file != nullptr && gen != nullptr)
        fail(c, o.at("generator"), "give either trace.file or trace.generator, not both");
    if (file == nullptr && gen == nullptr)
        fail(c, o.at("file"),
             "missing required field (or give trace.generator)" + o.misspelt("file") +
                 o.misspelt("generator"));
    if (file != nullptr && (!file->is_string() || file->get<std::string>().empty()))
        fail(c, o.at("file"), "expected a file name, got " + show(*file));
    if (file != nullptr && file->get<std::string>().find('\0') != std::string::npos)
        fail(c, o.at("file"), "a file name cannot hold a NUL character (\\u0000)");
    read_fields(c, o, s);
    if (gen != nullptr) {
        if (o.present("format"))
            fail(c, o.at("format"), "describes trace.file; a generated trace has no format");
        object_reader g(c, *gen, o.at("generator"));
        generator_spec spec;
        read_fields(c, g, spec);
        with_shape(spec, [&](auto& shape) { read_fields(c, g, shape); });
        g.done();
        s.generator = std::move(spec);
    } else {
        s.file = resolve_path(c, s.file);
        with_format_options(s, [&](auto& options) { read_fields(c, o, options); });
    }
    o.done();
    return s;
}

json write_trace_section(const trace_spec& s) {
    json out = write_fields(s);
    if (s.generator) {
        out.erase("file");
        out.erase("format");
        json g = write_fields(*s.generator);
        with_shape(*s.generator, [&](const auto& shape) { g.update(write_fields(shape)); });
        out["generator"] = std::move(g);
    } else {
        with_format_options(s, [&](const auto& options) { out.update(write_fields(options)); });
    }
    return out;
}

loaded_trace load_section(const context& c, const trace_spec& s, const std::string& prefix) {
    try {
        return load_trace(s, prefix);
    } catch (const config_error& e) {
        in_document(c, e, "", "");
    } catch (const io_error& e) {
        // a file that cannot be read: which field of the document names it
        throw io_error(c.source + ": " + prefix + "file: " + e.what());
    }
}

void attach_trace(const context& c, scenario& sc, const loaded_trace& lt, double scale) {
    sc.traffic = lt.traffic;
    sc.arrival_log_ms.clear();
    sc.arrival_models.clear();
    sc.arrival_model_counts.clear();
    if (!lt.model_counts.empty()) {
        if (sc.endpoint.kind != endpoint_kind::multi_model)
            fail(c, "trace.model_column_prefix",
                 "reads per-model counts, which only a multi-model endpoint uses "
                 "(endpoint.kind \"multi_model\")");
        if (sc.arrivals == arrival_process::log)
            fail(c, "trace.model_column_prefix",
                 "per-model counts give each interval's models; \"arrivals\": \"log\" "
                 "replays an access log instead");
        if (lt.model_counts.size() > static_cast<std::size_t>(sc.endpoint.multi_model.models))
            fail(c, "trace.model_column_prefix",
                 "the trace has " + std::to_string(lt.model_counts.size()) +
                     " model columns, more than endpoint.multi_model.models (" +
                     std::to_string(sc.endpoint.multi_model.models) + ")");
        sc.arrival_model_counts = lt.model_counts;
    }
    const bool models = lt.log && !lt.log->models().empty();
    if (models && sc.endpoint.kind != endpoint_kind::multi_model)
        fail(c, "trace.model_field",
             "names each request's model, which only a multi-model endpoint uses "
             "(endpoint.kind \"multi_model\")");
    if (models && sc.arrivals != arrival_process::log)
        fail(c, "trace.model_field", "each request's model is replayed with \"arrivals\": \"log\"");
    if (models &&
        lt.log->model_names().size() > static_cast<std::size_t>(sc.endpoint.multi_model.models))
        fail(c, "trace.model_field",
             "the log names " + std::to_string(lt.log->model_names().size()) +
                 " models, more than endpoint.multi_model.models (" +
                 std::to_string(sc.endpoint.multi_model.models) + ")");
    if (sc.arrivals != arrival_process::log) return;
    if (!lt.log) fail(c, "arrivals", "\"log\" needs a trace with \"format\": \"access_log\"");
    if (scale != 1)
        fail(c, "arrivals", "\"log\" replays the requests as logged; trace.scale must be 1");
    const time_ms begin = sc.traffic.start_epoch_ms();
    const time_ms end = begin + sc.traffic.duration_ms();
    const auto& times = lt.log->times_ms();
    for (std::size_t i = 0; i < times.size(); ++i) {
        if (times[i] < begin || times[i] >= end) continue;
        sc.arrival_log_ms.push_back(times[i] - begin);
        if (models) sc.arrival_models.push_back(lt.log->models()[i]);
    }
}

} // namespace autoscalesim::io::detail
