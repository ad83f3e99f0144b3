#include "bindings.hpp"
#include "described.hpp"

#include <autoscalesim/errors.hpp>
#include <autoscalesim/instance_catalog.hpp>
#include <autoscalesim/io/access_log.hpp>
#include <autoscalesim/io/aws_policy.hpp>
#include <autoscalesim/io/cloudwatch.hpp>
#include <autoscalesim/io/csv_trace.hpp>
#include <autoscalesim/io/trace_spec.hpp>
#include <autoscalesim/policy/custom_policy.hpp>
#include <autoscalesim/scenario.hpp>
#include <autoscalesim/trace.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>

namespace py = pybind11;

namespace autoscalesim::python {

namespace {

double gap_ratio(double r) {
    if (!(r >= 0) || !std::isfinite(r)) {
        throw config_error(in_field("max_gap_ratio"),
                           "expected a number >= 0 (0 allows any gap), got " + std::to_string(r));
    }
    return r;
}

} // namespace

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
        .def_property_readonly("start_epoch_ms", &trace::start_epoch_ms)
        .def("__len__", &trace::size)
        .def("total", &trace::total)
        .def("scaled", &trace::scaled, py::arg("factor"))
        .def("slice", &trace::slice, py::arg("first"), py::arg("count"))
        .def("busiest_first", &trace::busiest_first, py::arg("count"))
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
        "read_csv_trace",
        [](const std::string& path, const std::string& gaps, double max_gap_ratio,
           const std::string& delimiter, const std::string& time_column,
           const std::string& value_column, const std::string& time_format,
           const std::string& values, bool naive_times_are_utc, double interval_s) {
            io::csv_options o;
            o.interval_ms = seconds_to_ms(interval_s); // 0: the smallest step between rows
            o.gaps = named_enumerator<io::gap_policy>(gaps, in_field("gaps"));
            o.max_gap_ratio = gap_ratio(max_gap_ratio);
            if (delimiter.size() != 1) {
                throw config_error(in_field("delimiter"),
                                   "expected one character, got \"" + delimiter + "\"");
            }
            o.delimiter = delimiter[0];
            o.time_column = time_column;
            o.value_column = value_column;
            o.time_format =
                named_enumerator<io::timestamp_format>(time_format, in_field("time_format"));
            o.values = named_enumerator<io::value_kind>(values, in_field("values"));
            o.naive_times_are_utc = naive_times_are_utc;
            io::gap_fill_report filled;
            trace t = io::read_csv_trace(path, o, &filled);
            std::vector<std::string> notes;
            if (filled.filled_intervals > 0) {
                notes.push_back("gaps: " + io::csv_gap_text(filled, t, o.gaps));
            }
            return py::make_tuple(std::move(t), std::move(notes));
        },
        py::arg("path"), py::arg("gaps") = "error", py::arg("max_gap_ratio") = 10.0,
        py::arg("delimiter") = ",", py::arg("time_column") = "", py::arg("value_column") = "",
        py::arg("time_format") = "auto_detect", py::arg("values") = "count_per_interval",
        py::arg("naive_times_are_utc") = false, py::arg("interval_s") = 0.0);
    m.def(
        "read_cloudwatch_json",
        [](const std::vector<std::string>& paths, const std::string& statistic,
           const std::string& id, const std::string& metric, const std::string& gaps,
           double max_gap_ratio, double max_gap_s, const std::string& mixed_periods,
           double period_s, const std::string& values) {
            io::cloudwatch_options o;
            o.statistic = statistic;
            o.id = id;
            o.metric = metric;
            o.values = named_enumerator<io::value_kind>(values, in_field("values"));
            o.gaps = named_enumerator<io::gap_policy>(gaps, in_field("gaps"));
            o.max_gap_ratio = gap_ratio(max_gap_ratio);
            if (!(max_gap_s >= 0) || !std::isfinite(max_gap_s)) {
                throw config_error(error_location{"", 0, "max_gap_s"},
                                   "expected a number of seconds >= 0");
            }
            o.max_gap_ms = seconds_to_ms(max_gap_s);
            if (mixed_periods != "error" && mixed_periods != "spread") {
                throw config_error(error_location{"", 0, "mixed_periods"},
                                   "expected \"error\" or \"spread\", got \"" + mixed_periods +
                                       "\"");
            }
            o.periods =
                mixed_periods == "spread" ? io::mixed_periods::spread : io::mixed_periods::error;
            if (!(period_s >= 0) || !std::isfinite(period_s)) {
                throw config_error(error_location{"", 0, "period_s"},
                                   "expected a number of seconds >= 0 (0: inferred)");
            }
            o.interval_ms = seconds_to_ms(period_s);
            io::cloudwatch_report report;
            trace t = io::read_cloudwatch_json(paths, o, &report);
            auto lines = io::report_lines(report, t, o.gaps);
            return py::make_tuple(std::move(t), std::move(lines));
        },
        py::arg("paths"), py::arg("statistic") = "Sum", py::arg("id") = "",
        py::arg("metric") = "Invocations", py::arg("gaps") = "error",
        py::arg("max_gap_ratio") = 10.0, py::arg("max_gap_s") = 0.0,
        py::arg("mixed_periods") = "error", py::arg("period_s") = 0.0,
        py::arg("values") = "count_per_interval");
    m.def(
        "catalog_instance",
        [](const std::string& name) {
            const auto& e = find_catalog_instance(name);
            py::dict d;
            d["name"] = std::string(e.name);
            d["price_per_hour"] = e.price_per_hour;
            d["vcpus"] = e.vcpus;
            d["gpus"] = e.gpus;
            d["memory_gib"] = e.memory_gib;
            d["region"] = std::string(e.region);
            d["source"] = std::string(e.source);
            return d;
        },
        py::arg("name"), "The instance catalogue's entry (price, vCPUs, GPUs, memory, source).");
    m.def(
        "catalog_names",
        [] {
            std::vector<std::string> names;
            for (const auto& e : instance_catalog())
                names.emplace_back(e.name);
            return names;
        },
        "The instance types of the catalogue.");
    m.def(
        "read_access_log_counts",
        [](const std::string& path, double interval_s, double max_gap_ratio) {
            io::access_log_options o;
            o.max_gap_ratio = max_gap_ratio;
            return io::read_access_log_counts(path, seconds_to_ms(interval_s), o);
        },
        py::arg("path"), py::arg("interval_s"), py::arg("max_gap_ratio") = 10.0);

    m.def(
        "read_access_log_times",
        [](const std::string& path, double max_gap_ratio) {
            io::access_log_options o;
            o.max_gap_ratio = max_gap_ratio;
            auto* times = new std::vector<time_ms>(io::read_access_log(path, o).times_ms());
            py::capsule owner(times, [](void* p) { delete static_cast<std::vector<time_ms>*>(p); });
            return py::array_t<time_ms>({static_cast<py::ssize_t>(times->size())},
                                        {static_cast<py::ssize_t>(sizeof(time_ms))}, times->data(),
                                        owner);
        },
        py::arg("path"), py::arg("max_gap_ratio") = 10.0,
        "Every request's arrival time in ms since the Unix epoch, sorted.");

    m.def(
        "read_access_log_models",
        [](const std::string& path, double max_gap_ratio) {
            io::access_log_options o;
            o.max_gap_ratio = max_gap_ratio;
            o.model_field = true;
            const arrival_log log = io::read_access_log(path, o);
            return py::make_tuple(log.times_ms(), log.models(), log.model_names());
        },
        py::arg("path"), py::arg("max_gap_ratio") = 10.0,
        "A TIME,MODEL log: every request's arrival time (ms since the Unix epoch, sorted), its "
        "model index and the models' names by index.");

    bind_enum<service_family>(m, "ServiceFamily");

    py::class_<instance_type> it(m, "InstanceType");
    bind_fields(it);
    it.def("mean_service_s", &instance_type::mean_service_s)
        .def("effective_cv", &instance_type::effective_cv);

    py::class_<startup_distribution> sd(m, "StartupDistribution");
    bind_enum<startup_distribution::kind>(sd, "Kind");
    bind_fields(sd);
    sd.def_static("fixed", &startup_distribution::fixed, py::arg("seconds"))
        .def_static("lognormal", &startup_distribution::lognormal, py::arg("median_s"),
                    py::arg("sigma"))
        .def_static("uniform", &startup_distribution::uniform, py::arg("low_s"), py::arg("high_s"));

    bind_enum<routing>(m, "Routing");
    bind_enum<plane_mode>(m, "PlaneMode");
    bind_enum<arrival_process>(m, "ArrivalProcess");
    bind_enum<cooldown_start>(m, "CooldownStart");
    bind_enum<busy_scale_out>(m, "BusyScaleOut");
    bind_enum<capacity_basis>(m, "CapacityBasis");
    m.def("parse_metric",
          [](const std::string& name) { return std::string(metric_name(parse_metric(name))); });

    py::class_<inference_component_config> ic(m, "InferenceComponentConfig");
    bind_fields(ic);

    py::class_<serverless_config> sv(m, "ServerlessConfig");
    bind_fields(sv);

    py::class_<multi_model_config> mm(m, "MultiModelConfig");
    bind_fields(mm);

    py::class_<endpoint_config> ep(m, "EndpointConfig");
    bind_fields(ep);

    py::class_<target_tracking_config> tt(m, "TargetTrackingConfig");
    bind_fields(tt);
    tt.def_static("high_resolution", &target_tracking_config::high_resolution,
                  py::arg("target_value"))
        .def("validate", &target_tracking_config::validate);

    py::class_<scaling_config> scaling(m, "ScalingConfig");
    bind_fields(scaling);
    scaling.def_readwrite("target_tracking", &scaling_config::target_tracking)
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
            py::arg("policies"), "Replaces the custom policies (CustomPolicy subclasses).");

    py::class_<slo_config> slo(m, "SloConfig");
    bind_fields(slo);

    py::class_<caveat>(m, "Caveat",
                       "A sentence a scenario's results should be read with, and its kind: "
                       "\"coarse_trace\", \"schedule\", \"capacity\", \"slo\", "
                       "\"fractional_counts\" or \"service_time\".")
        .def_property_readonly("kind",
                               [](const caveat& c) -> std::string {
                                   switch (c.what) {
                                   case caveat::kind::coarse_trace:
                                       return "coarse_trace";
                                   case caveat::kind::schedule:
                                       return "schedule";
                                   case caveat::kind::capacity:
                                       return "capacity";
                                   case caveat::kind::slo:
                                       return "slo";
                                   case caveat::kind::fractional_counts:
                                       return "fractional_counts";
                                   case caveat::kind::service_time:
                                       return "service_time";
                                   }
                                   return "?";
                               })
        .def_readonly("text", &caveat::text)
        .def("__repr__", [](const caveat& c) { return "Caveat(" + c.text + ")"; });
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
        .def_readwrite("arrival_models", &scenario::arrival_models,
                       "With arrivals = log on a multi-model endpoint: the model (from 0) of "
                       "each logged request; empty draws them by the models' shares.")
        .def_readwrite("seed", &scenario::seed)
        .def_readwrite("record_timeline", &scenario::record_timeline)
        .def("validate", &scenario::validate)
        .def("caveats", &scenario::caveats,
             "What the results should be read with, one Caveat each (e.g. a trace coarser "
             "than an alarm's metric period).");
    // The AWS seam, after the configuration classes its signatures name.
    py::class_<io::aws_scaling>(m, "AwsScaling",
                                "The scaling of one scalable target as AWS "
                                "describes it (io/aws_policy.hpp).")
        .def_readonly("scaling", &io::aws_scaling::scaling)
        .def_readonly("resource_id", &io::aws_scaling::resource_id)
        .def_readonly("dimension", &io::aws_scaling::dimension)
        .def_readonly("notes", &io::aws_scaling::notes);
    m.def("check_endpoint_kind", &io::check_endpoint_kind, py::arg("deployed"), py::arg("kind"),
          "Raises ConfigError (field endpoint.kind) unless an endpoint of `kind` has the "
          "scalable dimension `deployed` scales.");
    m.def(
        "read_aws_scaling",
        [](const std::vector<std::string>& paths, const std::string& resource_id) {
            return io::read_aws_scaling(paths, resource_id);
        },
        py::arg("paths"), py::arg("resource_id") = "",
        "Reads aws application-autoscaling describe-* / cloudwatch describe-alarms output (or "
        "--cli-input-json files) into the scaling of one scalable target.");
    py::class_<io::aws_cli_file>(m, "AwsCliFile", "One file of AWS CLI input.")
        .def_readonly("name", &io::aws_cli_file::name)
        .def_readonly("text", &io::aws_cli_file::text);
    m.def(
        "aws_cli_inputs",
        [](const scaling_config& config, const std::string& resource_id) {
            std::vector<std::string> notes;
            auto files = io::aws_cli_inputs(config, resource_id, &notes);
            return py::make_tuple(std::move(files), std::move(notes));
        },
        py::arg("scaling"), py::arg("resource_id"),
        "(files, notes): the --cli-input-json files that apply scaling to resource_id, and a "
        "sentence per setting AWS cannot express.");
    m.def("check_resource_id", &io::check_resource_id, py::arg("resource_id"),
          "Raises ConfigError (field resource_id) unless resource_id is "
          "\"endpoint/NAME/variant/VARIANT\" or \"inference-component/NAME\".");
}

} // namespace autoscalesim::python
