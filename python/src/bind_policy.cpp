#include "bindings.hpp"

#include <autoscalesim/errors.hpp>
#include <autoscalesim/policy/custom_policy.hpp>

#include <pybind11/stl.h>

#include <limits>
#include <optional>
#include <string>

namespace py = pybind11;

namespace autoscalesim::python {

namespace {

// Lets a Python subclass of CustomPolicy implement decide(). The simulator runs without the GIL;
// each call takes it for the Python method and gives it back.
class py_custom_policy : public custom_policy, public py::trampoline_self_life_support {
public:
    std::optional<int> decide(const policy_observation& observation) override {
        py::gil_scoped_acquire gil;
        const py::function f = py::get_override(static_cast<const custom_policy*>(this), "decide");
        if (!f) {
            throw config_error(name + ".decide: not implemented (override decide in the subclass)");
        }
        const py::object answer = f(observation);
        if (answer.is_none()) {
            return std::nullopt;
        }
        // The contract: None (no change) or a whole number of instances >= 0, clamped to
        // [MinCapacity, MaxCapacity] by the simulator; so any larger number means MaxCapacity.
        if (py::isinstance<py::bool_>(answer) || !py::hasattr(answer, "__index__")) {
            throw config_error(name + ".decide: expected an int >= 0 or None, got " +
                               py::repr(answer).cast<std::string>());
        }
        const py::int_ value = answer.attr("__index__")();
        if (value < py::int_(0)) {
            throw config_error(name + ".decide: expected an int >= 0 or None, got " +
                               py::repr(answer).cast<std::string>());
        }
        if (value > py::int_(std::numeric_limits<int>::max())) {
            return std::numeric_limits<int>::max();
        }
        return value.cast<int>();
    }
};

} // namespace

void register_policy(py::module_& m) {
    py::class_<policy_observation>(m, "PolicyObservation",
                                   "What a custom policy sees at one evaluation.")
        .def(py::init<>())
        .def_readonly("now_s", &policy_observation::now_s)
        .def_readonly("period_s", &policy_observation::period_s)
        .def_readonly("desired", &policy_observation::desired)
        .def_readonly("in_service", &policy_observation::in_service)
        .def_readonly("starting", &policy_observation::starting)
        .def_readonly("min_capacity", &policy_observation::min_capacity)
        .def_readonly("max_capacity", &policy_observation::max_capacity)
        .def_readonly("activity_in_progress", &policy_observation::activity_in_progress)
        .def_readonly("arrivals", &policy_observation::arrivals)
        .def_readonly("served", &policy_observation::served)
        .def_readonly("errors", &policy_observation::errors)
        .def_readonly("mean_in_service", &policy_observation::mean_in_service)
        .def_readonly("invocations_per_instance", &policy_observation::invocations_per_instance)
        .def_readonly("utilization", &policy_observation::utilization)
        .def_readonly("mean_latency_s", &policy_observation::mean_latency_s)
        .def_readonly("queued", &policy_observation::queued)
        .def("__repr__", [](const policy_observation& o) {
            return "PolicyObservation(now_s=" + std::to_string(o.now_s) +
                   ", desired=" + std::to_string(o.desired) +
                   ", in_service=" + std::to_string(o.in_service) +
                   ", arrivals=" + std::to_string(o.arrivals) + ")";
        });

    py::class_<custom_policy, py_custom_policy, py::smart_holder>(
        m, "CustomPolicy", "Base of policies whose decide() the simulator calls each period.")
        .def(py::init<>())
        .def("decide", &custom_policy::decide, py::arg("observation"))
        .def_readwrite("name", &custom_policy::name)
        .def_readwrite("period_s", &custom_policy::period_s);
}

} // namespace autoscalesim::python
