#include "bindings.hpp"

#include <autoscalesim/errors.hpp>

namespace py = pybind11;

namespace autoscalesim::python {

void register_errors(py::module_& m) {
    // C++ -> Python: config_error -> ConfigError(ValueError), trace_error ->
    // TraceError(ValueError), io_error -> OSError, cancelled_error -> CancelledError(RuntimeError).
    static py::exception<config_error> config_exc(m, "ConfigError", PyExc_ValueError);
    static py::exception<trace_error> trace_exc(m, "TraceError", PyExc_ValueError);
    static py::exception<cancelled_error> cancelled_exc(m, "CancelledError", PyExc_RuntimeError);
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) {
                std::rethrow_exception(p);
            }
        } catch (const config_error& e) {
            py::set_error(config_exc, e.what());
        } catch (const trace_error& e) {
            py::set_error(trace_exc, e.what());
        } catch (const io_error& e) {
            py::set_error(PyExc_OSError, e.what());
        } catch (const cancelled_error& e) {
            py::set_error(cancelled_exc, e.what());
        }
    });
}

} // namespace autoscalesim::python
