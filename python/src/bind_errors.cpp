#include "bindings.hpp"

#include <autoscalesim/errors.hpp>

#include <string>

namespace py = pybind11;

namespace autoscalesim::python {

namespace {

// Sets filename and lineno (a row of a file; None otherwise) and field (a field path; None
// otherwise) from the error's location, so callers can point at it without parsing text.
void set_location(py::object& exc, const error_location& where) {
    if (where.line > 0) {
        exc.attr("filename") = py::str(where.file);
        exc.attr("lineno") = py::int_(where.line);
    }
    // always set: the Python class reads a field from the message's start when raised in Python
    exc.attr("field") = where.field.empty() ? py::object(py::none()) : py::str(where.field);
}

} // namespace

void register_errors(py::module_& m) {
    // The one table of C++ exception -> Python exception (tests/python/test_errors.py has a test
    // per row):
    //   config_error    -> autoscalesim.ConfigError(ValueError), with .field
    //   trace_error     -> autoscalesim.TraceError(ValueError), with .filename and .lineno
    //   io_error        -> OSError
    //   cancelled_error -> autoscalesim.CancelledError(RuntimeError)
    // Anything else keeps pybind11's mapping (std::invalid_argument -> ValueError, ...).
    static py::exception<config_error> config_exc(m, "ConfigError", PyExc_ValueError);
    static py::exception<trace_error> trace_exc(m, "TraceError", PyExc_ValueError);
    static py::exception<cancelled_error> cancelled_exc(m, "CancelledError", PyExc_RuntimeError);
    config_exc.doc() = "A scenario, policy or search-space value is out of range (a ValueError); "
                       "field names it (a field path), or is None.";
    trace_exc.doc() = "A traffic trace is malformed (a ValueError); filename and lineno say "
                      "where, or are None.";
    cancelled_exc.doc() = "A long computation was stopped by its caller.";
    trace_exc.attr("filename") = py::none();
    trace_exc.attr("lineno") = py::none();
    trace_exc.attr("field") = py::none();
    config_exc.attr("field") = py::none();
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) {
                std::rethrow_exception(p);
            }
        } catch (const config_error& e) {
            py::object exc = py::handle(config_exc.ptr())(e.what());
            set_location(exc, e.where());
            py::set_error(config_exc, exc);
        } catch (const trace_error& e) {
            py::object exc = py::handle(trace_exc.ptr())(e.what());
            set_location(exc, e.where());
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
