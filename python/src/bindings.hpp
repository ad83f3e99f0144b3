#pragma once
// Registration functions, one per binding area.
#include <pybind11/pybind11.h>

namespace autoscalesim::python {

/// Exception types and their mapping to Python exceptions.
void register_errors(pybind11::module_& m);
/// Instance types, endpoints, policies, scaling and SLO configuration, traces.
void register_config(pybind11::module_& m);
/// simulate() and the result types, with zero-copy numpy timeline columns.
void register_simulate(pybind11::module_& m);

} // namespace autoscalesim::python
