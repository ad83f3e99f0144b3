#include "bindings.hpp"

#include <autoscalesim/errors.hpp>

#include <regex>
#include <string>

namespace py = pybind11;

namespace autoscalesim::python {

namespace {

// Sets filename and lineno on a TraceError from its "file:line: problem" message (None if the
// message names no line), so callers can point at the row without parsing text.
void set_location(py::object& exc, const std::string& message) {
    static const std::regex where(R"(^(.+?):(\d+): )");
    std::smatch m;
    if (std::regex_search(message, m, where)) {
        exc.attr("filename") = py::str(m[1].str());
        exc.attr("lineno") = py::int_(std::stol(m[2].str()));
    }
}

} // namespace

void register_errors(py::module_& m) {
    // The one table of C++ exception -> Python exception (tests/python/test_errors.py has a test
    // per row):
    //   config_error    -> autoscalesim.ConfigError(ValueError)
    //   trace_error     -> autoscalesim.TraceError(ValueError), with .filename and .lineno
    //   io_error        -> OSError
    //   cancelled_error -> autoscalesim.CancelledError(RuntimeError)
    // Anything else keeps pybind11's mapping (std::invalid_argument -> ValueError, ...).
    static py::exception<config_error> config_exc(m, "ConfigError", PyExc_ValueError);
    static py::exception<trace_error> trace_exc(m, "TraceError", PyExc_ValueError);
    static py::exception<cancelled_error> cancelled_exc(m, "CancelledError", PyExc_RuntimeError);
    config_exc.doc() = "A scenario, policy or search-space value is out of range (a ValueError).";
    trace_exc.doc() = "A traffic trace is malformed (a ValueError); filename and lineno say "
                      "where, or are None.";
    cancelled_exc.doc() = "A long computation was stopped by its caller.";
    trace_exc.attr("filename") = py::none();
    trace_exc.attr("lineno") = py::none();
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) {
                std::rethrow_exception(p);
            }
        } catch (const config_error& e) {
            py::set_error(config_exc, e.what());
        } catch (const trace_error& e) {
            py::object exc = py::handle(trace_exc.ptr())(e.what());
            set_location(exc, e.what());
            py::set_error(trace_exc, exc);
        } catch (const io_error& e) {
            py::set_error(PyExc_OSError, e.what());
        } catch (const cancelled_error& e) {
            py::set_error(cancelled_exc, e.what());
        }
    });

    // Throws each C++ exception of the table, so the mapping is tested row by row even where no
    // public call can raise it yet.
    m.def(
        "_raise_for_test",
        [](const std::string& kind, const std::string& message) {
            if (kind == "config_error") throw config_error(message);
            if (kind == "trace_error") throw trace_error(message);
            if (kind == "io_error") throw io_error(message);
            if (kind == "cancelled_error") throw cancelled_error(message);
            throw std::invalid_argument("unknown exception kind \"" + kind + "\"");
        },
        py::arg("kind"), py::arg("message"));
}

} // namespace autoscalesim::python
