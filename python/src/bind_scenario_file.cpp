// Scenario files (io/scenario_file.hpp): the simulation, the optional optimisation and the
// effective document, as the command line reads them.
#include "bindings.hpp"

#include <autoscalesim/io/scenario_file.hpp>
#include <autoscalesim/optimize/search.hpp>

#include <pybind11/stl.h>

#include <cstdint>
#include <optional>
#include <string>

namespace py = pybind11;

namespace autoscalesim::python {

void register_scenario_file(py::module_& m) {
    namespace opt = autoscalesim::optimize;

    py::enum_<io::search_method>(m, "SearchMethod")
        .value("grid", io::search_method::grid)
        .value("adaptive", io::search_method::adaptive);

    py::class_<opt::search_options>(m, "SearchOptions",
                                    "A search's settings (callbacks are not exposed).")
        .def(py::init<>())
        .def_readwrite("threads", &opt::search_options::threads)
        .def_readwrite("max_evaluations", &opt::search_options::max_evaluations)
        .def_readwrite("max_seconds", &opt::search_options::max_seconds)
        .def_readwrite("seed", &opt::search_options::seed)
        .def_readwrite("batch_size", &opt::search_options::batch_size)
        .def_readwrite("keep_evaluations", &opt::search_options::keep_evaluations)
        .def_readwrite("reference_point", &opt::search_options::reference_point)
        .def_property(
            "slice_fraction",
            [](const opt::search_options& o) { return o.fidelity.slice_fraction; },
            [](opt::search_options& o, double v) { o.fidelity.slice_fraction = v; },
            "Multi-fidelity (adaptive): the share of each trace searched first (0 = off).")
        .def_property(
            "slice_evaluations",
            [](const opt::search_options& o) { return o.fidelity.slice_evaluations; },
            [](opt::search_options& o, std::size_t v) { o.fidelity.slice_evaluations = v; },
            "Multi-fidelity: policies evaluated on the slice (0 = 1.5 x the budget, at most "
            "150).");

    py::class_<io::scenario_variant>(m, "ScenarioVariant",
                                     "One of the optimize section's further scenarios.")
        .def_readonly("name", &io::scenario_variant::name)
        .def_readonly("traffic_scale", &io::scenario_variant::traffic_scale)
        .def_readonly("seed", &io::scenario_variant::seed)
        .def_property_readonly(
            "has_trace", [](const io::scenario_variant& v) { return v.trace.has_value(); },
            "True when the variant has its own \"trace\" (else it runs on the file's).");

    py::class_<io::optimization_spec>(m, "OptimizationSpec",
                                      "The \"optimize\" section of a scenario file.")
        .def_readonly("problem", &io::optimization_spec::problem)
        .def_readonly("method", &io::optimization_spec::method)
        .def_readonly("options", &io::optimization_spec::options)
        .def_readonly("choose", &io::optimization_spec::choose)
        .def_readonly("variants", &io::optimization_spec::variants,
                      "What problem.scenarios[1:] are, in order.");

    py::class_<io::scenario_file>(m, "ScenarioFile", "A parsed, validated scenario file.")
        .def_readonly("version", &io::scenario_file::version)
        .def_property_readonly(
            "base", [](const io::scenario_file& f) { return f.base; },
            "A copy of the file's scenario (the trace loaded), to change and simulate.")
        .def_readonly("optimization", &io::scenario_file::optimization)
        .def_readonly("components", &io::scenario_file::components,
                      "The file's \"components\" (copies, traces loaded), or empty.")
        .def_readonly("component_names", &io::scenario_file::component_names)
        .def_readonly("notes", &io::scenario_file::notes)
        .def_readonly("files", &io::scenario_file::files,
                      "Every file the document names and the reader read (absolute), not the "
                      "scenario file itself.")
        .def_readonly("effective_json", &io::scenario_file::effective_json);

    m.def(
        "read_scenario_file",
        [](const std::string& path, const std::string& trace_path, const std::string& trace_format,
           std::optional<std::uint64_t> seed) {
            io::scenario_overrides o;
            o.trace_path = trace_path;
            o.trace_format = trace_format;
            o.seed = seed;
            py::gil_scoped_release release;
            return io::read_scenario_file(path, o);
        },
        py::arg("path"), py::kw_only(), py::arg("trace_path") = "", py::arg("trace_format") = "",
        py::arg("seed") = py::none(),
        "Reads, fills defaults and validates a scenario file (docs/scenario.md); trace_path, "
        "trace_format and seed override the file's (empty / None: keep). Raises ConfigError "
        "naming the file and JSON path, TraceError or OSError from the trace reader.");
}

} // namespace autoscalesim::python
