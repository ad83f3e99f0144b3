// The private extension module autoscalesim._core; each area registers itself.
#include "bindings.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "autoscalesim's C++ core (private; use the autoscalesim package)";
    autoscalesim::python::register_errors(m);
    autoscalesim::python::register_policy(m);
    autoscalesim::python::register_policies(m);
    autoscalesim::python::register_config(m);
    autoscalesim::python::register_simulate(m);
    autoscalesim::python::register_optimize(m);
    autoscalesim::python::register_scenario_file(m);
    autoscalesim::python::register_calibrate(m);
}
