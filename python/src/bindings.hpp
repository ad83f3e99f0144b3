#pragma once
// Registration functions, one per binding area.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <autoscalesim/result.hpp>

#include <vector>

namespace autoscalesim::python {

/// Exception types and their mapping to Python exceptions.
void register_errors(pybind11::module_& m);
/// Instance types, endpoints, policies, scaling and SLO configuration, traces.
void register_config(pybind11::module_& m);
/// Step scaling, scheduled actions, predictive scaling and the Kubernetes HPA, with their enums.
void register_policies(pybind11::module_& m);
/// Custom policies: the observation and the base class Python subclasses override.
void register_policy(pybind11::module_& m);
/// simulate() and the result types, with zero-copy numpy timeline columns.
void register_simulate(pybind11::module_& m);
/// The optimizer: search spaces, problems, grid and adaptive search, Pareto tools, train/test.
void register_optimize(pybind11::module_& m);
/// Scenario files: read_scenario_file, the optimisation spec and the effective document.
void register_scenario_file(pybind11::module_& m);
/// Calibration against an endpoint's history, the AWS exports it reads and its writers.
void register_calibrate(pybind11::module_& m);

/// A run's summary as a dict of summary_fields(): counts as int, the rest as float.
pybind11::dict summary_dict(const summary& s);
/// Scaling activities as (start_s, end_s, from, to, cause) tuples, seconds from the trace start.
pybind11::list activity_tuples(const std::vector<activity>& activities);

/// A read-only numpy array viewing `data` (no copy), which `owner` keeps alive.
template <typename T>
pybind11::array readonly_view(const std::vector<T>& data, pybind11::handle owner) {
    namespace py = pybind11;
    auto arr = py::array_t<T>({static_cast<py::ssize_t>(data.size())},
                              {static_cast<py::ssize_t>(sizeof(T))}, data.data(), owner);
    py::detail::array_proxy(arr.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
    return arr;
}

} // namespace autoscalesim::python
