// The built-in policies besides target tracking: step scaling, scheduled actions, predictive
// scaling and the Kubernetes HPA, with their enums. Field names follow the C++ structs.
#include "bindings.hpp"
#include "described.hpp"

#include <autoscalesim/metrics.hpp>
#include <autoscalesim/scenario.hpp>

#include <pybind11/stl.h>

#include <string>

namespace py = pybind11;

namespace autoscalesim::python {

void register_policies(py::module_& m) {
    bind_enum<comparison>(m, "Comparison");
    bind_enum<adjustment_type>(m, "AdjustmentType");
    bind_enum<metric_aggregation>(m, "MetricAggregation");

    py::class_<step_adjustment> step_adj(m, "StepAdjustment");
    bind_fields(step_adj);
    step_adj.def(py::init([](double lower_bound, double upper_bound, int adjustment) {
                     return step_adjustment{lower_bound, upper_bound, adjustment};
                 }),
                 py::arg("lower_bound"), py::arg("upper_bound"), py::arg("adjustment"));

    py::class_<step_scaling_config> step(m, "StepScalingConfig");
    bind_fields(step);
    step.def("validate", &step_scaling_config::validate);

    py::class_<scheduled_action_config> scheduled(m, "ScheduledActionConfig");
    bind_fields(scheduled);
    scheduled.def("validate", &scheduled_action_config::validate);

    bind_enum<predictive_mode>(m, "PredictiveMode");
    bind_enum<forecast_seasonality>(m, "ForecastSeasonality");
    bind_enum<max_capacity_breach>(m, "MaxCapacityBreach");

    py::class_<predictive_config> predictive(m, "PredictiveConfig");
    bind_fields(predictive);
    predictive.def("validate", &predictive_config::validate);

    py::class_<hpa_scaling_policy> hpa_policy(m, "HpaScalingPolicy");
    bind_enum<hpa_scaling_policy::kind>(hpa_policy, "Kind");
    bind_fields(hpa_policy);
    hpa_policy.def(py::init([](hpa_scaling_policy::kind type, int value, double period_s) {
                       return hpa_scaling_policy{type, value, period_s};
                   }),
                   py::arg("type"), py::arg("value"), py::arg("period_s"));

    bind_enum<hpa_select>(m, "HpaSelect");

    py::class_<hpa_scaling_rules> rules(m, "HpaScalingRules");
    bind_fields(rules);
    rules.def_static("default_scale_up", &hpa_scaling_rules::default_scale_up)
        .def_static("default_scale_down", &hpa_scaling_rules::default_scale_down);

    bind_enum<hpa_source>(m, "HpaSource");
    py::class_<hpa_metric> hpa_more(m, "HpaMetric");
    bind_fields(hpa_more);

    py::class_<hpa_config> hpa(m, "HpaConfig");
    bind_fields(hpa);
    hpa.def("validate", &hpa_config::validate);
}

} // namespace autoscalesim::python
