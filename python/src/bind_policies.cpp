// The built-in policies besides target tracking: step scaling, scheduled actions, predictive
// scaling and the Kubernetes HPA, with their enums. Field names follow the C++ structs.
#include "bindings.hpp"

#include <autoscalesim/metrics.hpp>
#include <autoscalesim/scenario.hpp>

#include <pybind11/stl.h>

#include <string>

namespace py = pybind11;

namespace autoscalesim::python {

namespace {

// The tracked metric as its CloudWatch name, set from any name parse_metric accepts.
template <typename Config> void metric_property(py::class_<Config>& cls) {
    cls.def_property(
        "metric", [](const Config& c) { return std::string(metric_name(c.metric)); },
        [](Config& c, const std::string& v) { c.metric = parse_metric(v); });
}

} // namespace

void register_policies(py::module_& m) {
    py::enum_<comparison>(m, "Comparison")
        .value("greater", comparison::greater)
        .value("less", comparison::less);
    py::enum_<adjustment_type>(m, "AdjustmentType")
        .value("change_in_capacity", adjustment_type::change_in_capacity)
        .value("exact_capacity", adjustment_type::exact_capacity)
        .value("percent_change_in_capacity", adjustment_type::percent_change_in_capacity);
    py::enum_<metric_aggregation>(m, "MetricAggregation")
        .value("average", metric_aggregation::average)
        .value("minimum", metric_aggregation::minimum)
        .value("maximum", metric_aggregation::maximum);

    py::class_<step_adjustment>(m, "StepAdjustment")
        .def(py::init<>())
        .def(py::init([](double lower_bound, double upper_bound, int adjustment) {
                 return step_adjustment{lower_bound, upper_bound, adjustment};
             }),
             py::arg("lower_bound"), py::arg("upper_bound"), py::arg("adjustment"))
        .def_readwrite("lower_bound", &step_adjustment::lower_bound)
        .def_readwrite("upper_bound", &step_adjustment::upper_bound)
        .def_readwrite("adjustment", &step_adjustment::adjustment);

    py::class_<step_scaling_config> step(m, "StepScalingConfig");
    step.def(py::init<>()).def_readwrite("name", &step_scaling_config::name);
    metric_property(step);
    step.def_readwrite("threshold", &step_scaling_config::threshold)
        .def_readwrite("comparison", &step_scaling_config::alarm_comparison)
        .def_readwrite("evaluation_periods", &step_scaling_config::evaluation_periods)
        .def_readwrite("datapoints_to_alarm", &step_scaling_config::datapoints_to_alarm)
        .def_readwrite("period_s", &step_scaling_config::period_s)
        .def_readwrite("publish_delay_s", &step_scaling_config::publish_delay_s)
        .def_readwrite("adjustment", &step_scaling_config::adjustment)
        .def_readwrite("steps", &step_scaling_config::steps)
        .def_readwrite("min_adjustment_magnitude", &step_scaling_config::min_adjustment_magnitude)
        .def_readwrite("aggregation", &step_scaling_config::aggregation)
        .def_readwrite("cooldown_s", &step_scaling_config::cooldown_s)
        .def("validate", &step_scaling_config::validate);

    py::class_<scheduled_action_config>(m, "ScheduledActionConfig")
        .def(py::init<>())
        .def_readwrite("name", &scheduled_action_config::name)
        .def_readwrite("cron", &scheduled_action_config::cron)
        .def_readwrite("at_ms", &scheduled_action_config::at_ms)
        .def_readwrite("at_epoch_ms", &scheduled_action_config::at_epoch_ms)
        .def_readwrite("min_capacity", &scheduled_action_config::min_capacity)
        .def_readwrite("max_capacity", &scheduled_action_config::max_capacity)
        .def("validate", &scheduled_action_config::validate);

    py::enum_<predictive_mode>(m, "PredictiveMode")
        .value("forecast_and_scale", predictive_mode::forecast_and_scale)
        .value("forecast_only", predictive_mode::forecast_only);
    py::enum_<forecast_seasonality>(m, "ForecastSeasonality")
        .value("daily", forecast_seasonality::daily)
        .value("weekly", forecast_seasonality::weekly);
    py::enum_<max_capacity_breach>(m, "MaxCapacityBreach")
        .value("honor_max_capacity", max_capacity_breach::honor_max_capacity)
        .value("increase_max_capacity", max_capacity_breach::increase_max_capacity);

    py::class_<predictive_config>(m, "PredictiveConfig")
        .def(py::init<>())
        .def_readwrite("name", &predictive_config::name)
        .def_readwrite("mode", &predictive_config::mode)
        .def_readwrite("target_per_instance", &predictive_config::target_per_instance)
        .def_readwrite("seasonality", &predictive_config::seasonality)
        .def_readwrite("seasons_averaged", &predictive_config::seasons_averaged)
        .def_readwrite("min_history_s", &predictive_config::min_history_s)
        .def_readwrite("refresh_period_s", &predictive_config::refresh_period_s)
        .def_readwrite("scheduling_buffer_s", &predictive_config::scheduling_buffer_s)
        .def_readwrite("breach", &predictive_config::breach)
        .def_readwrite("max_capacity_buffer_percent",
                       &predictive_config::max_capacity_buffer_percent)
        .def("validate", &predictive_config::validate);

    py::class_<hpa_scaling_policy> hpa_policy(m, "HpaScalingPolicy");
    py::enum_<hpa_scaling_policy::kind>(hpa_policy, "Kind")
        .value("pods", hpa_scaling_policy::kind::pods)
        .value("percent", hpa_scaling_policy::kind::percent);
    hpa_policy.def(py::init<>())
        .def(py::init([](hpa_scaling_policy::kind type, int value, double period_s) {
                 return hpa_scaling_policy{type, value, period_s};
             }),
             py::arg("type"), py::arg("value"), py::arg("period_s"))
        .def_readwrite("type", &hpa_scaling_policy::type)
        .def_readwrite("value", &hpa_scaling_policy::value)
        .def_readwrite("period_s", &hpa_scaling_policy::period_s);

    py::enum_<hpa_select>(m, "HpaSelect")
        .value("max", hpa_select::max)
        .value("min", hpa_select::min)
        .value("disabled", hpa_select::disabled);

    py::class_<hpa_scaling_rules>(m, "HpaScalingRules")
        .def(py::init<>())
        .def_static("default_scale_up", &hpa_scaling_rules::default_scale_up)
        .def_static("default_scale_down", &hpa_scaling_rules::default_scale_down)
        .def_readwrite("stabilization_window_s", &hpa_scaling_rules::stabilization_window_s)
        .def_readwrite("select", &hpa_scaling_rules::select)
        .def_readwrite("policies", &hpa_scaling_rules::policies)
        .def_readwrite("tolerance", &hpa_scaling_rules::tolerance);

    py::class_<hpa_config> hpa(m, "HpaConfig");
    hpa.def(py::init<>()).def_readwrite("name", &hpa_config::name);
    metric_property(hpa);
    hpa.def_readwrite("target_value", &hpa_config::target_value)
        .def_readwrite("sync_period_s", &hpa_config::sync_period_s)
        .def_readwrite("tolerance", &hpa_config::tolerance)
        .def_readwrite("metric_period_s", &hpa_config::metric_period_s)
        .def_readwrite("metric_delay_s", &hpa_config::metric_delay_s)
        .def_readwrite("cpu_initialization_period_s", &hpa_config::cpu_initialization_period_s)
        .def_readwrite("legacy", &hpa_config::legacy)
        .def_readwrite("legacy_downscale_window_s", &hpa_config::legacy_downscale_window_s)
        .def_readwrite("scale_up", &hpa_config::scale_up)
        .def_readwrite("scale_down", &hpa_config::scale_down)
        .def("validate", &hpa_config::validate);
}

} // namespace autoscalesim::python
