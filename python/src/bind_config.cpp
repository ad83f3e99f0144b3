#include "bindings.hpp"

#include <autoscalesim/errors.hpp>
#include <autoscalesim/io/access_log.hpp>
#include <autoscalesim/io/cloudwatch.hpp>
#include <autoscalesim/io/csv_trace.hpp>
#include <autoscalesim/policy/custom_policy.hpp>
#include <autoscalesim/scenario.hpp>
#include <autoscalesim/trace.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

namespace py = pybind11;

namespace autoscalesim::python {

void register_config(py::module_& m) {
    py::class_<trace>(m, "Trace")
        .def(py::init([](py::array_t<double, py::array::c_style | py::array::forcecast> counts,
                         double interval_s, double start_epoch_s) {
                 if (counts.ndim() != 1) {
                     throw trace_error("counts: expected a 1-D array, got " +
                                       std::to_string(counts.ndim()) + " dimensions");
                 }
                 std::vector<double> v(counts.data(), counts.data() + counts.shape(0));
                 return trace(std::move(v), seconds_to_ms(interval_s),
                              seconds_to_ms(start_epoch_s));
             }),
             py::arg("counts"), py::arg("interval_s"), py::arg("start_epoch_s") = 0.0)
        .def_property_readonly(
            "counts",
            [](py::object self) { return readonly_view(self.cast<const trace&>().counts(), self); })
        .def_property_readonly("interval_s",
                               [](const trace& t) { return ms_to_seconds(t.interval_ms()); })
        .def_property_readonly("start_epoch_s",
                               [](const trace& t) { return ms_to_seconds(t.start_epoch_ms()); })
        .def("__len__", &trace::size)
        .def("total", &trace::total)
        .def("scaled", &trace::scaled, py::arg("factor"))
        .def("slice", &trace::slice, py::arg("first"), py::arg("count"))
        .def("stats", [](const trace& t) {
            const auto s = t.stats();
            py::dict d;
            d["intervals"] = s.intervals;
            d["total"] = s.total;
            d["mean"] = s.mean;
            d["peak"] = s.peak;
            d["peak_to_mean"] = s.peak_to_mean;
            d["p50"] = s.p50;
            d["p95"] = s.p95;
            d["p99"] = s.p99;
            d["mean_rate_per_s"] = s.mean_rate_per_s;
            d["peak_rate_per_s"] = s.peak_rate_per_s;
            return d;
        });
    m.def(
        "read_csv_trace", [](const std::string& path) { return io::read_csv_trace(path); },
        py::arg("path"));
    m.def(
        "read_cloudwatch_json",
        [](const std::vector<std::string>& paths, const std::string& statistic,
           const std::string& id, const std::string& gaps) {
            io::cloudwatch_options o;
            o.statistic = statistic;
            o.id = id;
            if (gaps == "zero") {
                o.gaps = io::gap_policy::zero;
            } else if (gaps == "hold") {
                o.gaps = io::gap_policy::hold;
            } else if (gaps == "interpolate") {
                o.gaps = io::gap_policy::interpolate;
            } else if (gaps != "error") {
                throw config_error("gaps: expected error, zero, hold or interpolate, got \"" +
                                   gaps + "\"");
            }
            return io::read_cloudwatch_json(paths, o);
        },
        py::arg("paths"), py::arg("statistic") = "Sum", py::arg("id") = "",
        py::arg("gaps") = "error");
    m.def(
        "read_access_log_counts",
        [](const std::string& path, double interval_s) {
            return io::read_access_log_counts(path, seconds_to_ms(interval_s));
        },
        py::arg("path"), py::arg("interval_s"));

    m.def(
        "read_access_log_times",
        [](const std::string& path) {
            auto* times = new std::vector<time_ms>(io::read_access_log(path).times_ms());
            py::capsule owner(times, [](void* p) { delete static_cast<std::vector<time_ms>*>(p); });
            return py::array_t<time_ms>({static_cast<py::ssize_t>(times->size())},
                                        {static_cast<py::ssize_t>(sizeof(time_ms))}, times->data(),
                                        owner);
        },
        py::arg("path"), "Every request's arrival time in ms since the Unix epoch, sorted.");

    py::enum_<service_family>(m, "ServiceFamily")
        .value("fitted", service_family::fitted)
        .value("exponential", service_family::exponential)
        .value("deterministic", service_family::deterministic)
        .value("lognormal", service_family::lognormal)
        .value("gamma", service_family::gamma)
        .value("empirical", service_family::empirical);

    py::class_<instance_type>(m, "InstanceType")
        .def(py::init<>())
        .def_readwrite("name", &instance_type::name)
        .def_readwrite("price_per_hour", &instance_type::price_per_hour)
        .def_readwrite("workers", &instance_type::workers)
        .def_readwrite("service_time_s", &instance_type::service_time_s)
        .def_readwrite("service_cv", &instance_type::service_cv)
        .def_readwrite("service", &instance_type::service)
        .def_readwrite("service_samples_s", &instance_type::service_samples_s)
        .def("mean_service_s", &instance_type::mean_service_s)
        .def("effective_cv", &instance_type::effective_cv);

    py::class_<startup_distribution> sd(m, "StartupDistribution");
    py::enum_<startup_distribution::kind>(sd, "Kind")
        .value("fixed", startup_distribution::kind::fixed)
        .value("lognormal", startup_distribution::kind::lognormal)
        .value("uniform", startup_distribution::kind::uniform);
    sd.def(py::init<>())
        .def_static("fixed", &startup_distribution::fixed, py::arg("seconds"))
        .def_static("lognormal", &startup_distribution::lognormal, py::arg("median_s"),
                    py::arg("sigma"))
        .def_static("uniform", &startup_distribution::uniform, py::arg("low_s"), py::arg("high_s"))
        .def_readwrite("family", &startup_distribution::family)
        .def_readwrite("fixed_s", &startup_distribution::fixed_s)
        .def_readwrite("median_s", &startup_distribution::median_s)
        .def_readwrite("sigma", &startup_distribution::sigma)
        .def_readwrite("low_s", &startup_distribution::low_s)
        .def_readwrite("high_s", &startup_distribution::high_s);

    py::enum_<routing>(m, "Routing")
        .value("random", routing::random)
        .value("least_outstanding", routing::least_outstanding);
    py::enum_<plane_mode>(m, "PlaneMode")
        .value("fluid", plane_mode::fluid)
        .value("request", plane_mode::request);
    py::enum_<arrival_process>(m, "ArrivalProcess")
        .value("poisson", arrival_process::poisson)
        .value("uniform_counts", arrival_process::uniform_counts)
        .value("log", arrival_process::log);
    py::enum_<cooldown_start>(m, "CooldownStart")
        .value("completion", cooldown_start::completion)
        .value("start", cooldown_start::start);
    py::enum_<busy_scale_out>(m, "BusyScaleOut")
        .value("retry", busy_scale_out::retry)
        .value("remember_largest", busy_scale_out::remember_largest);
    py::enum_<capacity_basis>(m, "CapacityBasis")
        .value("current", capacity_basis::current)
        .value("producing", capacity_basis::producing);
    m.def("parse_metric",
          [](const std::string& name) { return std::string(metric_name(parse_metric(name))); });

    py::class_<endpoint_config>(m, "EndpointConfig")
        .def(py::init<>())
        .def_readwrite("type", &endpoint_config::type)
        .def_readwrite("initial_capacity", &endpoint_config::initial_capacity)
        .def_readwrite("startup", &endpoint_config::startup)
        .def_readwrite("invocation_timeout_s", &endpoint_config::invocation_timeout_s)
        .def_readwrite("routing", &endpoint_config::routing_policy)
        .def_readwrite("max_queue", &endpoint_config::max_queue);

    py::class_<target_tracking_config>(m, "TargetTrackingConfig")
        .def(py::init<>())
        .def_static("high_resolution", &target_tracking_config::high_resolution,
                    py::arg("target_value"))
        .def_readwrite("name", &target_tracking_config::name)
        .def_property(
            "metric",
            [](const target_tracking_config& c) { return std::string(metric_name(c.metric)); },
            [](target_tracking_config& c, const std::string& v) { c.metric = parse_metric(v); })
        .def_readwrite("target_value", &target_tracking_config::target_value)
        .def_readwrite("scale_out_cooldown_s", &target_tracking_config::scale_out_cooldown_s)
        .def_readwrite("scale_in_cooldown_s", &target_tracking_config::scale_in_cooldown_s)
        .def_readwrite("disable_scale_in", &target_tracking_config::disable_scale_in)
        .def_readwrite("high_evaluation_periods", &target_tracking_config::high_evaluation_periods)
        .def_readwrite("high_datapoints_to_alarm",
                       &target_tracking_config::high_datapoints_to_alarm)
        .def_readwrite("low_evaluation_periods", &target_tracking_config::low_evaluation_periods)
        .def_readwrite("low_datapoints_to_alarm", &target_tracking_config::low_datapoints_to_alarm)
        .def_readwrite("low_threshold_fraction", &target_tracking_config::low_threshold_fraction)
        .def_readwrite("period_s", &target_tracking_config::period_s)
        .def_readwrite("publish_delay_s", &target_tracking_config::publish_delay_s)
        .def("validate", &target_tracking_config::validate);

    py::class_<scaling_config>(m, "ScalingConfig")
        .def(py::init<>())
        .def_readwrite("min_capacity", &scaling_config::min_capacity)
        .def_readwrite("max_capacity", &scaling_config::max_capacity)
        .def_readwrite("target_tracking", &scaling_config::target_tracking)
        .def_readwrite("step_scaling", &scaling_config::step_scaling)
        .def_readwrite("scheduled", &scaling_config::scheduled)
        .def_readwrite("predictive", &scaling_config::predictive)
        .def_readwrite("hpa", &scaling_config::hpa)
        .def(
            "set_custom",
            [](scaling_config& c, const std::vector<std::shared_ptr<custom_policy>>& policies) {
                c.custom.clear();
                for (const auto& p : policies) {
                    c.custom.push_back(custom_policy_factory(p));
                }
            },
            py::arg("policies"), "Replaces the custom policies (CustomPolicy subclasses).")
        .def_readwrite("cooldown_from", &scaling_config::cooldown_from)
        .def_readwrite("basis", &scaling_config::basis)
        .def_readwrite("scale_out_while_updating", &scaling_config::scale_out_while_updating);

    py::class_<slo_config>(m, "SloConfig")
        .def(py::init<>())
        .def_readwrite("latency_s", &slo_config::latency_s)
        .def_readwrite("target", &slo_config::target);

    py::class_<scenario>(m, "Scenario")
        .def(py::init<>())
        .def_readwrite("traffic", &scenario::traffic)
        .def_readwrite("endpoint", &scenario::endpoint)
        .def_readwrite("scaling", &scenario::scaling)
        .def_readwrite("slo", &scenario::slo)
        .def_readwrite("mode", &scenario::mode)
        .def_readwrite("arrivals", &scenario::arrivals)
        .def_property(
            "arrival_log_ms",
            [](const scenario& sc) {
                return py::array_t<time_ms>(static_cast<py::ssize_t>(sc.arrival_log_ms.size()),
                                            sc.arrival_log_ms.data());
            },
            [](scenario& sc,
               const py::array_t<time_ms, py::array::c_style | py::array::forcecast>& v) {
                if (v.ndim() != 1) {
                    throw config_error("arrival_log_ms: expected a 1-D array, got " +
                                       std::to_string(v.ndim()) + " dimensions");
                }
                sc.arrival_log_ms.assign(v.data(), v.data() + v.shape(0));
            },
            "With arrivals = log: request times in ms from the start of the trace, sorted.")
        .def_readwrite("seed", &scenario::seed)
        .def_readwrite("record_timeline", &scenario::record_timeline)
        .def("validate", &scenario::validate);
}

} // namespace autoscalesim::python
