// Calibration (calibrate.hpp) and what it reads: describe-scaling-activities
// (io/aws_activities.hpp) and CloudWatch metric datapoints (io/cloudwatch.hpp); the writers of
// `autoscalesim calibrate --out`. autoscalesim/calibrate.py wires them as the command does.
#include "bindings.hpp"

#include <autoscalesim/calibrate.hpp>
#include <autoscalesim/errors.hpp>
#include <autoscalesim/io/aws_activities.hpp>
#include <autoscalesim/io/calibration_report.hpp>
#include <autoscalesim/io/cloudwatch.hpp>
#include <autoscalesim/io/csv_trace.hpp>
#include <autoscalesim/io/results.hpp>
#include <autoscalesim/io/scenario_file.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <vector>

namespace py = pybind11;

namespace autoscalesim::python {

namespace {

namespace cal = autoscalesim::calibration;

// A per-interval series set from Python: any 1-D array of numbers.
std::vector<double>
series_from(const py::array_t<double, py::array::c_style | py::array::forcecast>& v,
            const char* name) {
    if (v.ndim() != 1) {
        throw config_error(in_field(name),
                           "expected a 1-D array, got " + std::to_string(v.ndim()) + " dimensions");
    }
    return {v.data(), v.data() + v.shape(0)};
}

std::string estimate_repr(const cal::estimate& e) {
    return "Estimate(" + py::repr(py::float_(e.value)).cast<std::string>() + ", low " +
           py::repr(py::float_(e.low)).cast<std::string>() + ", high " +
           py::repr(py::float_(e.high)).cast<std::string>() + ")";
}

} // namespace

void register_calibrate(py::module_& m) {
    py::class_<io::aws_activity>(m, "AwsActivity", "One ScalingActivity as AWS lists it.")
        .def_readonly("id", &io::aws_activity::id)
        .def_readonly("start_epoch_ms", &io::aws_activity::start_epoch_ms)
        .def_readonly("end_epoch_ms", &io::aws_activity::end_epoch_ms)
        .def_readonly("ended", &io::aws_activity::ended)
        .def_readonly("status", &io::aws_activity::status)
        .def_readonly("to", &io::aws_activity::to)
        .def_readonly("cause", &io::aws_activity::cause)
        .def_readonly("description", &io::aws_activity::description)
        .def_readonly("where", &io::aws_activity::where);
    py::class_<io::aws_activities>(m, "AwsActivities",
                                   "The activities of one scalable target, oldest first.")
        .def_readonly("resource_id", &io::aws_activities::resource_id)
        .def_readonly("listed", &io::aws_activities::listed);
    m.def(
        "read_aws_activities",
        [](const std::vector<std::string>& paths, const std::string& resource_id) {
            py::gil_scoped_release release;
            return io::read_aws_activities(paths, resource_id);
        },
        py::arg("paths"), py::arg("resource_id") = "",
        "Reads describe-scaling-activities output (pages appended or in a JSON array); "
        "resource_id picks the variant when the files hold several. Raises ConfigError naming "
        "the file and the JSON path, OSError for a file that cannot be read.");

    py::class_<io::observed_scaling>(m, "ObservedScaling",
                                     "The Successful activities within a trace's window.")
        .def_property_readonly(
            "activities",
            [](const io::observed_scaling& s) { return activity_tuples(s.activities); },
            "(start_s, end_s, from, to, cause), seconds from the start of the trace.")
        .def_readonly("initial_capacity", &io::observed_scaling::initial_capacity);
    m.def(
        "successful_activities",
        [](const io::aws_activities& listed, const trace& t, int initial_capacity) {
            return io::successful_activities(
                listed, t.start_epoch_ms(), t.start_epoch_ms() + t.duration_ms(), initial_capacity);
        },
        py::arg("listed"), py::arg("trace"), py::arg("initial_capacity"),
        "The Successful activities that start in the trace's window, with their from counts; "
        "the capacity at its start is the last count set before it, else initial_capacity.");

    m.def(
        "read_cloudwatch_series",
        [](const std::vector<std::string>& paths, const std::string& statistic,
           const std::string& id, const std::string& metric, const std::string& unit) {
            io::cloudwatch_options o;
            o.statistic = statistic;
            o.id = id;
            o.metric = metric;
            o.unit = unit;
            io::metric_series s;
            {
                py::gil_scoped_release release;
                s = io::read_cloudwatch_series(paths, o);
            }
            return py::make_tuple(
                py::array_t<time_ms>(static_cast<py::ssize_t>(s.epoch_ms.size()),
                                     s.epoch_ms.data()),
                py::array_t<double>(static_cast<py::ssize_t>(s.values.size()), s.values.data()));
        },
        py::arg("paths"), py::arg("statistic") = "Average", py::arg("id") = "",
        py::arg("metric") = "", py::arg("unit") = "",
        "(epoch_ms, values): a metric's datapoints as exported (get-metric-statistics' "
        "statistic, or get-metric-data's Id), in the export's unit; with `unit`, a datapoint "
        "in another is an error (`metric` names it in the message).");
    m.def(
        "calibration_per_interval",
        [](const std::vector<time_ms>& epoch_ms, const std::vector<double>& values, const trace& t,
           double scale) {
            const auto v = cal::per_interval(epoch_ms, values, t, scale);
            return py::array_t<double>(static_cast<py::ssize_t>(v.size()), v.data());
        },
        py::arg("epoch_ms"), py::arg("values"), py::arg("trace"), py::arg("scale"),
        "One value per interval of trace: the mean of the datapoints in it, times scale; NaN "
        "for an interval without any.");

    py::class_<cal::observed>(m, "CalibrationObserved",
                              "What the endpoint showed over the trace's window.")
        .def(py::init<>())
        .def(py::init([](const io::observed_scaling& s) {
                 cal::observed o;
                 o.activities = s.activities;
                 o.initial_capacity = s.initial_capacity;
                 return o;
             }),
             py::arg("scaling"), "The activities and initial capacity of scaling, no metric.")
        .def_property_readonly(
            "activities", [](const cal::observed& o) { return activity_tuples(o.activities); },
            "(start_s, end_s, from, to, cause), seconds from the start of the trace.")
        .def_readwrite("initial_capacity", &cal::observed::initial_capacity)
        .def_property(
            "latency_s",
            [](py::object self) {
                return readonly_view(self.cast<const cal::observed&>().latency_s, self);
            },
            [](cal::observed& o,
               const py::array_t<double, py::array::c_style | py::array::forcecast>& v) {
                o.latency_s = series_from(v, "observed.latency_s");
            },
            "Per interval: mean ModelLatency, seconds (NaN where none); empty: not observed.")
        .def_property(
            "p99_latency_s",
            [](py::object self) {
                return readonly_view(self.cast<const cal::observed&>().p99_latency_s, self);
            },
            [](cal::observed& o,
               const py::array_t<double, py::array::c_style | py::array::forcecast>& v) {
                o.p99_latency_s = series_from(v, "observed.p99_latency_s");
            },
            "Per interval: p99 ModelLatency, seconds (NaN where none); empty: not observed.")
        .def_property(
            "utilization",
            [](py::object self) {
                return readonly_view(self.cast<const cal::observed&>().utilization, self);
            },
            [](cal::observed& o,
               const py::array_t<double, py::array::c_style | py::array::forcecast>& v) {
                o.utilization = series_from(v, "observed.utilization");
            },
            "Per interval: busy share of an instance's workers, 0..1 (NaN where none); empty: "
            "not observed.");

    py::class_<cal::compare_options>(m, "CompareOptions", "How activities are paired.")
        .def(py::init<>())
        .def_readwrite("match_window_s", &cal::compare_options::match_window_s)
        .def_readwrite("load_bands", &cal::compare_options::load_bands);
    py::class_<cal::calibrate_options>(m, "CalibrateOptions", "What to fit.")
        .def(py::init<>())
        .def_readwrite("fit_startup", &cal::calibrate_options::fit_startup)
        .def_readwrite("fit_service", &cal::calibrate_options::fit_service)
        .def_readwrite("fit_delay", &cal::calibrate_options::fit_delay)
        .def_readwrite("max_workers", &cal::calibrate_options::max_workers)
        .def_readwrite("resamples", &cal::calibrate_options::resamples)
        .def_readwrite("compare", &cal::calibrate_options::compare);

    py::class_<cal::activity_match>(m, "ActivityMatch",
                                    "An observed activity paired with a replayed one.")
        .def_readonly("observed", &cal::activity_match::observed)
        .def_readonly("simulated", &cal::activity_match::simulated)
        .def_readonly("offset_s", &cal::activity_match::offset_s);
    py::class_<cal::load_band>(m, "LoadBand", "Latency agreement for one band of load.")
        .def_readonly("low_per_s", &cal::load_band::low_per_s)
        .def_readonly("high_per_s", &cal::load_band::high_per_s)
        .def_readonly("intervals", &cal::load_band::intervals)
        .def_readonly("observed_mean_s", &cal::load_band::observed_mean_s)
        .def_readonly("simulated_mean_s", &cal::load_band::simulated_mean_s)
        .def_readonly("mean_abs_error_s", &cal::load_band::mean_abs_error_s);

    using re = cal::replay_error;
    py::class_<re>(m, "ReplayError", "How far a replay is from what happened.")
        .def_readonly("observed_activities", &re::observed_activities)
        .def_readonly("simulated_activities", &re::simulated_activities)
        .def_readonly("matched", &re::matched)
        .def_readonly("missing", &re::missing)
        .def_readonly("extra", &re::extra)
        .def_readonly("median_offset_s", &re::median_offset_s)
        .def_readonly("p90_offset_s", &re::p90_offset_s)
        .def_readonly("median_signed_offset_s", &re::median_signed_offset_s)
        .def_readonly("to_agreement", &re::to_agreement)
        .def_readonly("from_agreement", &re::from_agreement)
        .def_readonly("capacity_mean_abs_error", &re::capacity_mean_abs_error)
        .def_readonly("capacity_exact_share", &re::capacity_exact_share)
        .def_readonly("latency_intervals", &re::latency_intervals)
        .def_readonly("latency_mean_abs_error_s", &re::latency_mean_abs_error_s)
        .def_readonly("latency_bias_s", &re::latency_bias_s)
        .def_readonly("p99_mean_abs_error_s", &re::p99_mean_abs_error_s)
        .def_readonly("bands", &re::bands)
        .def_readonly("matches", &re::matches)
        .def_property_readonly(
            "observed_capacity",
            [](py::object self) {
                return readonly_view(self.cast<const re&>().observed_capacity, self);
            },
            "Instances in service in the middle of each interval, observed.")
        .def_property_readonly(
            "simulated_capacity",
            [](py::object self) {
                return readonly_view(self.cast<const re&>().simulated_capacity, self);
            },
            "Instances in service in the middle of each interval, replayed.");

    py::class_<cal::estimate>(m, "Estimate", "An estimate with its 90 % bootstrap interval.")
        .def_readonly("value", &cal::estimate::value)
        .def_readonly("low", &cal::estimate::low)
        .def_readonly("high", &cal::estimate::high)
        .def("__repr__", &estimate_repr);
    py::class_<cal::startup_fit>(m, "StartupFit", "The start-up time fitted to scale-outs.")
        .def_readonly("distribution", &cal::startup_fit::distribution)
        .def_readonly("median_s", &cal::startup_fit::median_s)
        .def_readonly("sigma", &cal::startup_fit::sigma)
        .def_readonly("activities", &cal::startup_fit::activities);
    py::class_<cal::service_fit>(m, "ServiceFit", "Service time and workers fitted to latency.")
        .def_readonly("service_time_s", &cal::service_fit::service_time_s)
        .def_readonly("service_cv", &cal::service_fit::service_cv)
        .def_readonly("workers", &cal::service_fit::workers)
        .def_readonly("service_time", &cal::service_fit::service_time)
        .def_readonly("cv", &cal::service_fit::cv)
        .def_readonly("rms_by_workers", &cal::service_fit::rms_by_workers)
        .def_readonly("intervals", &cal::service_fit::intervals)
        .def_readonly("used_utilization", &cal::service_fit::used_utilization)
        .def_readonly("used_p99", &cal::service_fit::used_p99);
    py::class_<cal::delay_fit>(m, "DelayFit", "The metric publish delay fitted to start times.")
        .def_readonly("publish_delay_s", &cal::delay_fit::publish_delay_s)
        .def_readonly("delay", &cal::delay_fit::delay)
        .def_readonly("matches", &cal::delay_fit::matches);

    using cr = cal::calibration_result;
    py::class_<cr, std::shared_ptr<cr>>(m, "CalibrationResult",
                                        "The replay before and after fitting, and the fits.")
        .def_readonly("before", &cr::before)
        .def_readonly("after", &cr::after)
        // The replays as Result objects sharing this result's memory (no copy of the timeline).
        .def_property_readonly(
            "before_run",
            [](const std::shared_ptr<cr>& self) {
                return std::shared_ptr<result>(self, &self->before_run);
            },
            "The given scenario's replay.")
        .def_property_readonly(
            "after_run",
            [](const std::shared_ptr<cr>& self) {
                return std::shared_ptr<result>(self, &self->after_run);
            },
            "The calibrated scenario's replay.")
        .def_property_readonly(
            "calibrated", [](const cr& c) { return c.calibrated; },
            "A copy of the calibrated scenario (the given one with the fitted values).")
        .def_readonly("startup", &cr::startup)
        .def_readonly("service", &cr::service)
        .def_readonly("delay", &cr::delay)
        .def_readonly("policy_mismatch", &cr::policy_mismatch)
        .def_readonly("notes", &cr::notes);
    m.def(
        "calibrate",
        [](const scenario& given, const cal::observed& obs, const cal::calibrate_options& o) {
            py::gil_scoped_release release;
            return std::make_shared<cr>(cal::calibrate(given, obs, o));
        },
        py::arg("given"), py::arg("observed"),
        py::arg_v("options", cal::calibrate_options{}, "CalibrateOptions()"),
        "Replays given on its traffic (initial capacity from observed), compares with observed, "
        "fits start-up, service and publish delay, replays and compares again. The GIL is "
        "released.");

    m.def(
        "calibration_table", [](const cr& c) { return io::calibration_table(c); },
        py::arg("result"),
        "The report's body, as `autoscalesim calibrate` prints it: the given and the calibrated "
        "replay's error side by side, the fits and the notes.");
    m.def(
        "calibration_json", [](const cr& c) { return io::calibration_json(c); }, py::arg("result"),
        "Every figure of the calibration as JSON text (calibration.json).");
    m.def(
        "window_text", [](const trace& t) { return io::window_text(t); }, py::arg("trace"),
        "\"first 1995-07-01T04:00:00Z, last 1995-07-28T13:31:00Z (27.6 days)\", as reports say "
        "it.");
    m.def("format_iso8601", &io::format_iso8601, py::arg("epoch_ms"),
          "1995-07-01T04:00:00Z for a time in ms since the Unix epoch (.mmm when not a whole "
          "second).");
    m.def(
        "write_scenario_json",
        [](const scenario& sc, const std::string& trace_file) {
            return io::write_scenario_json(sc, io::trace_spec{.file = trace_file});
        },
        py::arg("scenario"), py::arg("trace_file"),
        "The scenario as a scenario file (docs/scenario.md) whose trace is the CSV trace_file "
        "(relative to the scenario file).");
    m.def(
        "write_csv_trace",
        [](const trace& t, const std::string& path) {
            py::gil_scoped_release release;
            io::write_csv_trace(t, path);
        },
        py::arg("trace"), py::arg("path"), "Writes a timestamp,requests CSV.");
    m.def(
        "write_activities_csv",
        [](const result& r, const std::string& path) {
            py::gil_scoped_release release;
            io::write_activities_csv(r.activities, path);
        },
        py::arg("source"), py::arg("path"), "Writes a run's activities as activities.csv.");
    m.def(
        "write_activities_csv",
        [](const cal::observed& o, const std::string& path) {
            py::gil_scoped_release release;
            io::write_activities_csv(o.activities, path);
        },
        py::arg("source"), py::arg("path"),
        "Writes the observed activities as a run's activities.csv.");
    m.def(
        "write_text_file",
        [](const std::string& path, const std::string& text) {
            py::gil_scoped_release release;
            io::write_text_file_atomic(path, text);
        },
        py::arg("path"), py::arg("text"),
        "Writes text to path atomically (a temporary file, then a rename); OSError on failure.");
}

} // namespace autoscalesim::python
